using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using PowerBrain.Tests.Emulator;

namespace PowerBrain.Tests.Support;

/// <summary>Real file servers for firmware and diagnostics locations, each in its own temporary
/// folder: Debian's pyftpdlib (FTP, passive mode) and nginx with WebDAV PUT (HTTP and HTTPS).</summary>
public sealed class FileServer : IDisposable
{
    public readonly string Dir = Path.Combine(Path.GetTempPath(), "pb-files-" + Guid.NewGuid().ToString("N"));
    public readonly string Files;
    public readonly int Port;
    readonly Process _process;

    FileServer(Func<FileServer, Process> start)
    {
        Directory.CreateDirectory(Dir);
        Files = Path.Combine(Dir, "files");
        Directory.CreateDirectory(Files);
        Port = EmulatorProcess.FreePort();
        _process = start(this);
        _process.OutputDataReceived += (_, _) => { };   // drained, so a chatty server never blocks on a full pipe
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitForPort();
    }

    /// <summary>pyftpdlib with the user pb / secret allowed to write.</summary>
    public static FileServer Ftp() => new(s => Peer.Start(Peer.Python, "-m", "pyftpdlib", "-i", "127.0.0.1", "-p", s.Port.ToString(), "-w", "-d", s.Files, "-u", "pb", "-P", "secret"));

    /// <summary>nginx accepting PUT into its root.</summary>
    public static FileServer Http() => Nginx("", "");

    /// <summary>nginx over TLS with a certificate and key made by openssl (Pki: serverName.pem and
    /// serverName-key.pem), accepting PUT into its root.</summary>
    public static FileServer Https(Pki pki, string serverName) =>
        Nginx(" ssl", " ssl_certificate " + pki.P(serverName + ".pem") + "; ssl_certificate_key " + pki.P(serverName + "-key.pem") + ";");

    static FileServer Nginx(string listen, string tls) => new(s =>
    {
        File.WriteAllText(Path.Combine(s.Dir, "nginx.conf"),
            "user root;\ndaemon off;\npid " + s.Dir + "/nginx.pid;\nerror_log " + s.Dir + "/error.log;\nevents { worker_connections 32; }\n" +
            "http { access_log off; client_body_temp_path " + s.Dir + "/body; client_max_body_size 2m;\n" +
            "  server { listen 127.0.0.1:" + s.Port + listen + ";" + tls + " root " + s.Files + "; location / { dav_methods PUT; create_full_put_path on; } } }\n");
        return Peer.Start("/usr/sbin/nginx", "-c", Path.Combine(s.Dir, "nginx.conf"), "-p", s.Dir, "-e", Path.Combine(s.Dir, "error.log"));
    });

    void WaitForPort()
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var c = new TcpClient();
                c.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (sw.ElapsedMilliseconds < 15_000 && !_process.HasExited) { Thread.Sleep(50); }
            catch (SocketException) { throw new InvalidOperationException("the file server did not start (exited: " + _process.HasExited + ")"); }
        }
    }

    /// <summary>Waits for a file to arrive completely (its size stops changing); returns its text.</summary>
    public string WaitFile(string name, int timeoutMs = 20_000)
    {
        string path = Path.Combine(Files, name);
        var sw = Stopwatch.StartNew();
        long size = -1;
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            if (File.Exists(path))
            {
                long now = new FileInfo(path).Length;
                if (now > 0 && now == size) return File.ReadAllText(path);
                size = now;
            }
            Thread.Sleep(200);
        }
        throw new TimeoutException(name + " did not arrive; files: " + string.Join(", ", Directory.GetFiles(Files)));
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(true); _process.WaitForExit(); } } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
