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
        try { return new TlsConnection(socket, Tls.Authenticate(new NetworkStream(socket, true), host, tls)); }
        catch (Exception) { socket.Dispose(); throw; }
    }

    sealed class TlsConnection(Socket socket, System.Net.Security.SslStream ssl) : ITcpConnection
    {
        public string RemoteAddress => socket.RemoteEndPoint?.ToString() ?? "?";

        public int Read(byte[] buffer, int offset, int count)
        {
            try { return ssl.Read(buffer, offset, count); }
            catch (Exception) { return 0; }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try { ssl.Write(buffer, offset, count); }
            catch (Exception) { /* peer gone; the read side notices */ }
        }

        public void Close()
        {
            try { ssl.ShutdownAsync().Wait(1000); } catch (Exception) { }
            ssl.Dispose();
        }
    }

    sealed class Connection(Socket socket) : ITcpConnection
    {
        public string RemoteAddress => socket.RemoteEndPoint?.ToString() ?? "?";

        public int Read(byte[] buffer, int offset, int count)
        {
            try { return socket.Receive(buffer, offset, count, SocketFlags.None); }
            catch (Exception) { return 0; }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try { socket.Send(buffer, offset, count, SocketFlags.None); }
            catch (Exception) { /* peer gone; the read side notices */ }
        }

        public void Close()
        {
            try { socket.Shutdown(SocketShutdown.Both); } catch (Exception) { }
            socket.Close();
        }
    }
}
