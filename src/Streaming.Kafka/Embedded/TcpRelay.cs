using System.Net;
using System.Net.Sockets;

namespace CineMatch.Streaming.Kafka.Embedded;

/// <summary>
/// Listens on a loopback port and relays every connection, byte for byte, to a target endpoint. librdkafka's
/// mock cluster only binds ports the kernel picks; this serves it at a port known in advance. Disposing it
/// refuses new connections and resets the open ones, as when the server behind it goes away.
/// </summary>
internal sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _closing = new();
    private readonly HashSet<Socket> _open = [];

    /// <param name="port">The loopback port to listen on; 0 for one the system picks.</param>
    /// <param name="target">Where each connection is relayed to.</param>
    /// <exception cref="SocketException">The port is taken (<see cref="SocketError.AddressAlreadyInUse"/>) or not allowed.</exception>
    public TcpRelay(int port, IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, port);
        // Listening again at once on a port whose previous connections are still closing.
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    public void Dispose()
    {
        lock (_open)
        {
            if (_closing.IsCancellationRequested)
            {
                return;
            }

            _closing.Cancel();
            _listener.Stop();
            foreach (var socket in _open)
            {
                socket.LingerState = new LingerOption(true, 0); // a reset, not a polite close
                socket.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _ = RelayAsync(await _listener.AcceptSocketAsync(_closing.Token));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var server = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var _ = client;
        if (!Track(client, server))
        {
            return;
        }

        try
        {
            // Kafka requests and responses are small and answered one by one: Nagle's delay would add up.
            client.NoDelay = true;
            server.NoDelay = true;
            await server.ConnectAsync(_target, _closing.Token);
            await using var toClient = new NetworkStream(client, ownsSocket: false);
            await using var toServer = new NetworkStream(server, ownsSocket: false);
            await Task.WhenAny(toClient.CopyToAsync(toServer, _closing.Token), toServer.CopyToAsync(toClient, _closing.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // One side went away; closing both ends tells the other.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
        }
    }

    private bool Track(Socket client, Socket server)
    {
        lock (_open)
        {
            if (_closing.IsCancellationRequested)
            {
                return false;
            }

            _open.Add(client);
            _open.Add(server);
            return true;
        }
    }
}
