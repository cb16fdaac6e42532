using System.Net;
using System.Net.Sockets;

namespace CineMatch.Tests.MongoDB;

/// <summary>
/// A TCP relay between the driver and the MongoDB server that a test can cut and restore: while cut, the
/// port refuses connections and open ones are reset, as when the server or the network is down. The
/// server keeps running, with its data, whichever kind it is (emulator, container or external).
/// </summary>
public sealed class CuttableLink : IAsyncDisposable
{
    private readonly IPEndPoint _server;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _disposed = new();
    private TcpListener? _listener;

    public CuttableLink(IPEndPoint server)
    {
        _server = server;
        Endpoint = new IPEndPoint(IPAddress.Loopback, MongoServer.FreePort());
        Restore();
    }

    public IPEndPoint Endpoint { get; }

    public void Restore()
    {
        _listener = new TcpListener(Endpoint);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener);
    }

    public void Cut()
    {
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                // A relay that is closing by itself may have let go of its socket already.
                if (client.Client is { } socket)
                {
                    socket.LingerState = new LingerOption(true, 0); // a reset, not a polite close
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        Cut();
        _disposed.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(_disposed.Token);
                _ = RelayAsync(client);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Cut or disposed.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        lock (_open)
        {
            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(_server, _disposed.Token);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), _disposed.Token),
                server.GetStream().CopyToAsync(client.GetStream(), _disposed.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // One side went away; closing both ends tells the other.
        }
        finally
        {
            client.Dispose();
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
        }
    }
}
