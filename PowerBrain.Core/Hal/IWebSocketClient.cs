namespace PowerBrain.Firmware.Hal
{
    /// <summary>Receives what a websocket connection delivers. Called on the I/O thread:
    /// implementations post to the core loop and return.</summary>
    public interface IWebSocketListener
    {
        /// <summary>One complete text message (fragments already reassembled), UTF-8.</summary>
        void OnMessage(byte[] buffer, int length);

        void OnClosed(int closeStatus, string reason);

        /// <summary>A message larger than the bound arrived; it was dropped, the link stays up.</summary>
        void OnOversized(int bytes);
    }

    /// <summary>What a wss:// connection checks and presents. Null members: not stored.</summary>
    public sealed class TlsMaterial
    {
        /// <summary>CA certificate(s) the server's certificate must chain to (or be); null: not
        /// checked, the connection is made anyway and the status says so.</summary>
        public string CaPem;
        /// <summary>Security profile 3: the client certificate and its key.</summary>
        public string ClientCertificatePem;
        public string ClientKeyPem;
    }

    /// <summary>A websocket client connection. A new instance is made for every attempt.</summary>
    public interface IWebSocketClient
    {
        /// <summary>Opens the connection; blocks until open or failed. Returns false with
        /// <see cref="LastError"/> set (for example "HTTP 401") when it failed. authorizationHeader
        /// may be null. Pings go out every pingIntervalS seconds (0: none); a missing pong closes
        /// the connection.</summary>
        bool Connect(string url, string subProtocol, string authorizationHeader, int maxMessageBytes, int pingIntervalS, TlsMaterial tls, IWebSocketListener listener);

        string LastError { get; }

        bool IsOpen { get; }

        bool SendText(byte[] utf8, int offset, int count);

        void Close();
    }
}
