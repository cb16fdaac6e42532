using System.Net;
using CineMatch.Streaming.Kafka.Embedded;

namespace CineMatch.Tests.MongoDB;

/// <summary>
/// A TCP relay between the driver and the MongoDB server that a test can cut and restore: while cut, the
/// port refuses connections and open ones are reset, as when the server or the network is down. The
/// server keeps running, with its data, whichever kind it is (emulator, container or external).
/// </summary>
public sealed class CuttableLink : IAsyncDisposable
{
    private readonly IPEndPoint _server;
    private TcpRelay? _relay;

    public CuttableLink(IPEndPoint server)
    {
        _server = server;
        Endpoint = new IPEndPoint(IPAddress.Loopback, MongoServer.FreePort());
        Restore();
    }

    public IPEndPoint Endpoint { get; }

    public void Restore() => _relay = new TcpRelay(Endpoint.Port, _server);

    public void Cut()
    {
        _relay?.Dispose();
        _relay = null;
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
