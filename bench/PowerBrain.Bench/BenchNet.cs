using System.Net;
using System.Net.Sockets;

namespace PowerBrain.Bench;

static class BenchNet
{
    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
