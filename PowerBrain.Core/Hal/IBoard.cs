namespace PowerBrain.Firmware.Hal
{
    /// <summary>Everything a board provides to the firmware. The firmware touches the outside
    /// world only through this.</summary>
    public interface IBoard
    {
        string Name { get; }

        /// <summary>The unit's serial number (Modbus 8008, OCPP BootNotification), at most 16 ASCII characters.</summary>
        string SerialNumber { get; }
        IClock Clock { get; }
        IStorage Storage { get; }
        ILog Log { get; }
        ISystem System { get; }
        IHttpServer HttpServer { get; }
        IPilot Pilot { get; }
        IContactor Contactor { get; }
        IMeter Meter { get; }
        IRfidReader Rfid { get; }

        IWebSocketClient CreateWebSocket();
        ITcpListener CreateTcpListener();

        /// <summary>An outgoing TCP connection (file uploads and downloads); reads give up after
        /// timeoutMs. With tls (its CaPem set) the connection is TLS and the server's certificate
        /// must chain to those CAs and name the host; null: plain TCP. Throws when the host cannot
        /// be reached or its certificate is refused.</summary>
        ITcpConnection ConnectTcp(string host, int port, int timeoutMs, TlsMaterial tls);
        ISerialPort CreateSerialPort();
    }
}
