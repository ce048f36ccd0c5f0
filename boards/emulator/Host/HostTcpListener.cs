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
