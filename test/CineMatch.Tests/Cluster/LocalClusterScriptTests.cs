using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CineMatch.Tests.Support;
using Xunit.Abstractions;

namespace CineMatch.Tests.Cluster;

/// <summary>
/// cluster/local.sh as someone trying CineMatch runs it: the broker, the MongoDB emulator, three silos and the
/// gateway as processes; an event posted to the gateway is read back through it; Ctrl-C stops everything.
/// </summary>
public sealed class LocalClusterScriptTests(ITestOutputHelper output) : IDisposable
{
    private const int Silos = 3;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(5);

    private readonly string _logs = Directory.CreateTempSubdirectory("cinematch-local-test-").FullName;
    private readonly StringBuilder _printed = new();
    private Process? _script;

    [Fact]
    public async Task The_script_starts_a_cluster_that_takes_an_event_through_the_gateway_and_ctrl_c_stops_every_process()
    {
        var gatewayPort = FreePorts(1);
        var brokerPort = FreePorts(1);
        var mongoPort = FreePorts(1);
        var siloHttpPort = FreePorts(Silos);
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var start = new ProcessStartInfo("bash", [Path.Combine(DeploymentFiles.ClusterDirectory, "local.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["CINEMATCH_LOCAL_NO_BUILD"] = "1", // the test's build made both programs
                ["CINEMATCH_LOCAL_CONFIGURATION"] = framework.Parent!.Name,
                ["CINEMATCH_LOCAL_LOGS"] = _logs,
                ["CINEMATCH_LOCAL_GATEWAY_PORT"] = $"{gatewayPort}",
                ["CINEMATCH_LOCAL_BROKER_PORT"] = $"{brokerPort}",
                ["CINEMATCH_LOCAL_MONGO_PORT"] = $"{mongoPort}",
                ["CINEMATCH_LOCAL_SILO_HTTP_PORT"] = $"{siloHttpPort}",
                ["CINEMATCH_LOCAL_SILO_PORT"] = $"{FreePorts(Silos)}",
                ["CINEMATCH_LOCAL_SILO_GATEWAY_PORT"] = $"{FreePorts(Silos)}",
                ["Statistics__TrendsFlushInterval"] = "00:00:01",
            },
        };
        // The script chooses its servers itself: none inherited from the test's environment.
        start.Environment.Remove("CINEMATCH_KAFKA");
        start.Environment.Remove("CINEMATCH_MONGO");
        _script = Process.Start(start)!;
        _script.OutputDataReceived += (_, line) => Print(line.Data);
        _script.ErrorDataReceived += (_, line) => Print(line.Data);
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();

        await Eventually.TrueAsync(() => Printed.Contains("local.sh: ready", StringComparison.Ordinal) || _script.HasExited, StartDeadline, () => $"the script to say ready; it printed:\n{Printed}");
        Assert.False(_script.HasExited, $"the script exited with {(_script.HasExited ? _script.ExitCode : 0)}:\n{Printed}");

        using var gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}"), Timeout = TimeSpan.FromSeconds(30) };
        var posted = await gateway.PostAsync("/events", new StringContent(
            """{"event_type":"ADD","user_id":"local-script-1","movie":{"name":"Heat","year":1995,"rating":5,"date":"2026-01-19"},"timestamp":"2026-01-19T21:04:11.532871+01:00"}""",
            Encoding.UTF8,
            "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await Eventually.TrueAsync(
            async () => (await gateway.GetAsync("/user-stats/local-script-1")).StatusCode == HttpStatusCode.OK,
            "the gateway to serve local-script-1's statistics, written by one of the silos",
            TimeSpan.FromSeconds(90));
        var stats = await gateway.GetFromJsonAsync<JsonElement>("/user-stats/local-script-1");
        Assert.Equal(1, stats.GetProperty("total_watched").GetInt32());
        // The gateway alone (src/Api) serves the trends page too: its files are inside the shared hosting assembly,
        // and the time of the last flush comes from the global_stats document the silos wrote to MongoDB.
        Assert.Contains("/trends/stream", await gateway.GetStringAsync("/"));
        var lastFlush = await StreamedLastFlushAsync(gatewayPort);
        Assert.True(DateTimeOffset.TryParse(lastFlush, out var flushed) && flushed > DateTimeOffset.UtcNow.AddMinutes(-10), $"last_flush_at '{lastFlush}' is not a recent time");

        await SignalAsync("INT");
        Assert.True(_script.WaitForExit(TimeSpan.FromSeconds(120)), $"the script to stop after Ctrl-C; it printed:\n{Printed}");
        _script.WaitForExit(); // the output's last lines
        Assert.Equal(130, _script.ExitCode);
        foreach (var (what, port) in new[] { ("gateway", gatewayPort), ("broker", brokerPort), ("MongoDB emulator", mongoPort), ("first silo", siloHttpPort), ("last silo", siloHttpPort + Silos - 1) })
        {
            await Eventually.TrueAsync(() => !Listening(port), $"the {what} (port {port}) to be gone after Ctrl-C", TimeSpan.FromSeconds(30));
        }

        output.WriteLine(Printed);
    }

    /// <summary>The first <c>last_flush_at</c> the gateway's trends stream reports (a flush runs every second here).</summary>
    private static async Task<string> StreamedLastFlushAsync(int gatewayPort)
    {
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var response = await client.GetAsync($"http://127.0.0.1:{gatewayPort}/trends/stream", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        var seen = new List<string>();
        try
        {
            while (await reader.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal)
                    && JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("last_flush_at") is { ValueKind: JsonValueKind.String } flush)
                {
                    return flush.GetString()!;
                }

                seen.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what the stream sent.
        }

        Assert.Fail($"the gateway's /trends/stream sent no last_flush_at within 90 s; it sent:\n{string.Join('\n', seen)}");
        return "";
    }

    public void Dispose()
    {
        if (_script is { HasExited: false })
        {
            _script.Kill(entireProcessTree: true);
            _script.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _script?.Dispose();
        Directory.Delete(_logs, recursive: true);
    }

    private string Printed
    {
        get
        {
            lock (_printed)
            {
                return _printed.ToString();
            }
        }
    }

    private void Print(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_printed)
        {
            _printed.AppendLine(line);
        }
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", $"{_script!.Id}"])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive loopback ports free now (the script numbers its silos' ports up
    /// from one), below Linux's ephemeral range so that no outgoing connection takes one meanwhile.
    /// </summary>
    private static int FreePorts(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(20_000, 32_000);
            var listeners = new List<TcpListener>();
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    listeners.Add(listener);
                }

                return first;
            }
            catch (SocketException)
            {
                // Taken: try another range.
            }
            finally
            {
                listeners.ForEach(listener => listener.Stop());
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free loopback ports found");
    }
}
