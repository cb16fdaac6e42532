namespace CineMatch.Tests.Processes;

/// <summary>The <c>broker</c> command running in its own process, and the address it announced.</summary>
public sealed class BrokerProgram : IAsyncDisposable
{
    private BrokerProgram(SiloProgram process, string bootstrapServers)
    {
        Process = process;
        BootstrapServers = bootstrapServers;
    }

    public SiloProgram Process { get; }

    public string BootstrapServers { get; }

    /// <summary>A broker on a port the system picks, with <paramref name="topic"/> made.</summary>
    public static async Task<BrokerProgram> StartAsync(string topic, int partitions)
    {
        var process = SiloProgram.Start("broker", ["broker", "--port", "0", "--partitions", $"{partitions}", "--topic", topic]);
        try
        {
            return new BrokerProgram(process, Address(await process.FirstLineAsync(TimeSpan.FromSeconds(30))));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address in the broker's first line: <c>broker: 127.0.0.1:9092 topic NAME partitions N</c>.</summary>
    public static string Address(string firstLine)
    {
        var words = firstLine.Split(' ');
        return words.Length == 6 && words[0] == "broker:" ? words[1] : throw new FormatException($"not the broker's first line: {firstLine}");
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
