using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MongoDB.Driver;
using Testcontainers.MongoDb;

namespace CineMatch.Tests.MongoDB;

/// <summary>
/// The MongoDB server the MongoDB tests share, the first that is available of: the server named by
/// <c>CINEMATCH_TEST_MONGO</c>; a <c>mongo:7</c> container when a Docker engine answers; the emulator
/// (test/mongo-emulator/mongo_emulator.py, Debian's mockupdb and mongomock under /usr/bin/python3).
/// When none can be started the tests fail with the reason: they never skip.
/// Every test takes its own database, so tests never see each other's documents.
/// </summary>
public sealed class MongoServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "CINEMATCH_TEST_MONGO";

    /// <summary>A file to which each fixture appends which MongoDB it uses.</summary>
    public const string ReportVariable = "CINEMATCH_TEST_MONGO_REPORT";
    private const string Python = "/usr/bin/python3";

    private MongoDbContainer? _container;
    private Process? _emulator;

    /// <summary>What the tests run against, for failure messages.</summary>
    public string Kind { get; private set; } = "none";

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } external)
        {
            (Kind, ConnectionString) = ($"the server in {EnvironmentVariable}", external);
        }
        else if (await DockerAnswersAsync())
        {
            _container = new MongoDbBuilder("mongo:7").Build();
            await _container.StartAsync();
            (Kind, ConnectionString) = ("mongo:7 container", _container.GetConnectionString());
        }
        else
        {
            var port = await StartEmulatorAsync();
            (Kind, ConnectionString) = ("the emulator (mongomock behind mockupdb)", $"mongodb://127.0.0.1:{port}/");
        }

        await ReportAsync();
    }

    /// <summary>
    /// Says which MongoDB served the run: appended to the file named by <see cref="ReportVariable"/> (test/run.sh
    /// prints it after the run: xunit shows no console output of a fixture) and written to standard error.
    /// The address only: a connection string may hold credentials.
    /// </summary>
    private async Task ReportAsync()
    {
        var server = new MongoUrl(ConnectionString).Server;
        var line = $"MongoDB for the tests: {Kind} at {server.Host}:{server.Port}";
        await Console.Error.WriteLineAsync(line);
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } report)
        {
            await File.AppendAllLinesAsync(report, [line]);
        }
    }

    /// <summary>A database no other test uses.</summary>
    public IMongoDatabase NewDatabase() => Client().GetDatabase(NewDatabaseName());

    public static string NewDatabaseName() => "test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Short timeouts, so that a test that loses the server fails in seconds rather than after the driver's 30 s.</summary>
    public IMongoClient Client(string? connectionString = null)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString ?? ConnectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(5);
        // Heartbeats wait this long too; the single-threaded emulator can be busy for seconds with a bulk
        // write, and a heartbeat that times out makes the driver drop the connections in use.
        settings.ConnectTimeout = TimeSpan.FromSeconds(10);
        return new MongoClient(settings);
    }

    /// <summary>The connection string with another host and port, for going through a <see cref="CuttableLink"/>.</summary>
    public string Via(IPEndPoint endpoint)
    {
        var url = new MongoUrlBuilder(ConnectionString) { Server = new MongoServerAddress(endpoint.Address.ToString(), endpoint.Port), DirectConnection = true };
        return url.ToString();
    }

    public IPEndPoint Endpoint
    {
        get
        {
            var server = new MongoUrl(ConnectionString).Server;
            var address = Dns.GetHostAddresses(server.Host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
            return new IPEndPoint(address, server.Port);
        }
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_emulator is { HasExited: false })
        {
            _emulator.Kill(entireProcessTree: true);
            await _emulator.WaitForExitAsync();
        }

        _emulator?.Dispose();
    }

    private static async Task<bool> DockerAnswersAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return true;
        }

        const string socketPath = "/var/run/docker.sock";
        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<int> StartEmulatorAsync()
    {
        var script = FindScript();
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException(
                $"No MongoDB for the tests: {EnvironmentVariable} is not set, no Docker engine answers, and {Python} is missing " +
                "(the emulator needs Debian's python3 with python3-mongomock and python3-mockupdb).");
        }

        var port = FreePort();
        var start = new ProcessStartInfo(Python, [script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true, // the emulator exits when this pipe closes, even if we are killed
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _emulator = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python} {script}.");
        var errors = _emulator.StandardError.ReadToEndAsync();
        var firstLine = await _emulator.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (firstLine is null || !firstLine.StartsWith("listening on", StringComparison.Ordinal))
        {
            var stderr = _emulator.HasExited ? await errors : "(still running)";
            throw new InvalidOperationException(
                $"The MongoDB emulator did not start ({firstLine ?? "no output"}). Install it with " +
                $"'apt-get install -y python3-mongomock python3-mockupdb'. Its error output: {stderr}");
        }

        return port;
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "test", "mongo-emulator", "mongo_emulator.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"test/mongo-emulator/mongo_emulator.py not found above {AppContext.BaseDirectory}.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class MongoServerCollection : ICollectionFixture<MongoServer>
{
    public const string Name = "MongoDB";
}
