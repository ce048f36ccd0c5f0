using System;
using System.Net;
using System.Net.Sockets;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>The firmware's TCP adapter on desktop sockets.</summary>
public sealed class HostTcpListener : ITcpListener
{
    TcpListener _listener;

    public void Start(string bindAddress, int port)
    {
        _listener = new TcpListener(IPAddress.Parse(bindAddress), port);
        _listener.Start(16);
    }

    public int LocalPort => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ITcpConnection Accept()
    {
        try
        {
            var socket = _listener.AcceptSocket();
            socket.NoDelay = true;
            return new Connection(socket);
        }
        catch (Exception) { return null; }
    }

    public void Stop()
    {
        try { _listener?.Stop(); } catch (Exception) { }
    }

    /// <summary>An outgoing connection whose reads and writes give up after timeoutMs; TLS when tls is given.</summary>
    public static ITcpConnection Connect(string host, int port, int timeoutMs, TlsMaterial tls)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = timeoutMs, SendTimeout = timeoutMs, NoDelay = true };
        if (!socket.ConnectAsync(host, port).Wait(timeoutMs))
        {
            socket.Dispose();
            throw new TimeoutException("no connection to " + host + ":" + port + " within " + timeoutMs + " ms");
        }
        if (tls == null) return new Connection(socket);
        try { return new Connection(socket, Tls.Authenticate(new NetworkStream(socket, true), host, tls)); }
        catch (Exception) { socket.Dispose(); throw; }
    }

    /// <summary>A socket, read and written through its SslStream when it has one.</summary>
    sealed class Connection(Socket socket, System.Net.Security.SslStream ssl = null) : ITcpConnection
    {
        public string RemoteAddress => socket.RemoteEndPoint?.ToString() ?? "?";

        public int Read(byte[] buffer, int offset, int count)
        {
            try { return ssl != null ? ssl.Read(buffer, offset, count) : socket.Receive(buffer, offset, count, SocketFlags.None); }
            catch (Exception) { return 0; }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                if (ssl != null) ssl.Write(buffer, offset, count);
                else socket.Send(buffer, offset, count, SocketFlags.None);
            }
            catch (Exception) { /* peer gone; the read side notices */ }
        }

        public void Close()
        {
            if (ssl != null)
            {
                try { ssl.ShutdownAsync().Wait(1000); } catch (Exception) { }
                ssl.Dispose();
            }
            try { socket.Shutdown(SocketShutdown.Both); } catch (Exception) { }
            socket.Close();
        }
    }
}
