using System.Net.Http.Json;
using System.Text.Json;
using CineMatch.Streaming.Kafka.Monitoring;

namespace CineMatch.Tests.Processes;

/// <summary>A silo process of a <see cref="ProcessDeployment"/>: the program, its silo port, and its HTTP endpoints.</summary>
public sealed class SiloNode(SiloProgram program, int siloPort, Uri http) : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public SiloProgram Program => program;

    public string Name => program.Name;

    /// <summary>The Orleans silo port: with the loopback address, what the membership table knows this silo by.</summary>
    public int SiloPort => siloPort;

    /// <summary>
    /// The partitions this silo reads and how far each is processed, from its <c>GET /kafka/lag</c>; none
    /// while the process is not answering yet (or any more).
    /// </summary>
    public async Task<IReadOnlyList<PartitionLag>> LagAsync()
    {
        try
        {
            return await Http.GetFromJsonAsync<List<PartitionLag>>(new Uri(http, "kafka/lag"), Web) ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return [];
        }
    }

    /// <summary>Records below the processed offset of each partition this silo reads.</summary>
    public async Task<long> ProcessedAsync() => (await LagAsync()).Sum(partition => Math.Max(0, partition.Processed));

    public ValueTask DisposeAsync() => program.DisposeAsync();
}
