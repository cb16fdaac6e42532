using System.Net;
using System.Net.Sockets;

namespace CineMatch.Silo.Hosting;

/// <summary>How this process's silo is put together, shared by the server and the commands.</summary>
public static class SiloHosting
{
    /// <summary>The embedded default: one silo on loopback with every part in memory.</summary>
    public static void ConfigureEmbeddedSilo(ISiloBuilder silo, int siloPort = 11111, int gatewayPort = 30000)
    {
        silo.UseLocalhostClustering(siloPort, gatewayPort);
        silo.AddCineMatchStatistics();
        silo.AddInMemoryStatisticsParts();
    }

    /// <summary>A free loopback port, for silos that must not collide with a running server.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
