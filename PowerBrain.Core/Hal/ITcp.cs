namespace PowerBrain.Firmware.Hal
{
    /// <summary>A listening TCP socket.</summary>
    public interface ITcpListener
    {
        void Start(string bindAddress, int port);

        /// <summary>Blocks until a client connects; null once the listener is stopped.</summary>
        ITcpConnection Accept();

        void Stop();

        /// <summary>The port actually bound (useful when 0 was asked for).</summary>
        int LocalPort { get; }
    }

    /// <summary>One TCP connection, accepted or opened.</summary>
    public interface ITcpConnection
    {
        /// <summary>Blocks until at least one byte arrives; 0 when the peer closed.</summary>
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] buffer, int offset, int count);

        void Close();

        string RemoteAddress { get; }
    }
}
