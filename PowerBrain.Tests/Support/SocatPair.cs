using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace PowerBrain.Tests.Support;

/// <summary>A virtual serial cable from socat: two linked ptys, stopped by process id.</summary>
public sealed class SocatPair : IDisposable
{
    readonly Process _socat;
    readonly string _dir;
    public readonly string A, B;

    public SocatPair()
    {
        _dir = Path.Combine(Path.GetTempPath(), "pb-tty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        A = Path.Combine(_dir, "ttyA");
        B = Path.Combine(_dir, "ttyB");
        _socat = Peer.Start("socat", "-d", "-d", $"pty,raw,echo=0,link={A}", $"pty,raw,echo=0,link={B}");
        var sw = Stopwatch.StartNew();
        while (!(File.Exists(A) && File.Exists(B)))
        {
            if (_socat.HasExited) throw new InvalidOperationException("socat exited: " + _socat.StandardError.ReadToEnd());
            if (sw.ElapsedMilliseconds > 10_000) throw new TimeoutException("socat made no ptys");
            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        if (!_socat.HasExited) { _socat.Kill(); _socat.WaitForExit(); }
        _socat.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
