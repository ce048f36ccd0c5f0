using System;
using System.Net.Sockets;
using System.Threading;

namespace PowerBrain.Tests.Support;

/// <summary>A plain TCP socket for frames no real master sends (malformed, split, garbage).</summary>
public sealed class RawSocket : IDisposable
{
    readonly Socket _s;

    public RawSocket(int port)
    {
        _s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _s.Connect("127.0.0.1", port);
    }

    public void Send(params byte[] bytes) => _s.Send(bytes);

    public static byte[] Mbap(int transaction, int unit, params int[] pdu) => MbapWithProtocol(transaction, 0, unit, pdu);

    public static byte[] MbapWithProtocol(int transaction, int protocol, int unit, params int[] pdu)
    {
        var f = new byte[7 + pdu.Length];
        f[0] = (byte)(transaction >> 8); f[1] = (byte)transaction;
        f[2] = (byte)(protocol >> 8); f[3] = (byte)protocol;
        f[4] = (byte)((pdu.Length + 1) >> 8); f[5] = (byte)(pdu.Length + 1);
        f[6] = (byte)unit;
        for (int i = 0; i < pdu.Length; i++) f[7 + i] = (byte)pdu[i];
        return f;
    }

    /// <summary>Reads one MBAP frame; null when nothing arrives within the timeout; throws when the server closed.</summary>
    public byte[] Receive(int timeoutMs = 2000)
    {
        var header = ReadExactly(7, timeoutMs);
        if (header == null) return null;
        int length = (header[4] << 8) | header[5];
        var rest = ReadExactly(length - 1, timeoutMs) ?? throw new TimeoutException("frame cut short");
        var frame = new byte[7 + rest.Length];
        header.CopyTo(frame, 0);
        rest.CopyTo(frame, 7);
        return frame;
    }

    byte[] ReadExactly(int count, int timeoutMs)
    {
        var buf = new byte[count];
        int got = 0;
        var deadline = Environment.TickCount64 + timeoutMs;
        while (got < count)
        {
            int left = (int)(deadline - Environment.TickCount64);
            if (left <= 0) { if (got == 0) return null; throw new TimeoutException("frame cut short"); }
            if (!_s.Poll(left * 1000, SelectMode.SelectRead)) continue;
            int n = _s.Receive(buf, got, count - got, SocketFlags.None);
            if (n == 0) throw new SocketException((int)SocketError.ConnectionReset);
            got += n;
        }
        return buf;
    }

    /// <summary>True when the server closed this connection within the timeout.</summary>
    public bool ClosedByServer(int timeoutMs = 2000)
    {
        try
        {
            var deadline = Environment.TickCount64 + timeoutMs;
            var buf = new byte[512];
            while (Environment.TickCount64 < deadline)
            {
                if (!_s.Poll(100_000, SelectMode.SelectRead)) continue;
                if (_s.Receive(buf) == 0) return true;
            }
            return false;
        }
        catch (SocketException) { return true; }
    }

    public void SendSlowly(byte[] bytes, int pauseMs)
    {
        foreach (var b in bytes) { _s.Send(new[] { b }); Thread.Sleep(pauseMs); }
    }

    public void Dispose() => _s.Dispose();
}
