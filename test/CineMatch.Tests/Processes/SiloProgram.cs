using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CineMatch.Tests.Processes;

/// <summary>
/// The built program (<c>dotnet CineMatch.Silo.dll ...</c>) running as a process of its own, as it runs in
/// production: it can be stopped with a signal or killed outright. Its output is kept for failure messages.
/// </summary>
public sealed class SiloProgram : IAsyncDisposable
{
    private const int OutputLinesKept = 200;
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProgram(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, line) => Keep(line.Data, stdout: true);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data, stdout: false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the test calls this process, in messages.</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static SiloProgram Start(string name, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CineMatch.Silo.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new SiloProgram(name, Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}"));
    }

    /// <summary>The first line the program wrote to standard output.</summary>
    public async Task<string> FirstLineAsync(TimeSpan timeout)
    {
        try
        {
            return await _firstLine.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} wrote no line within {timeout}. {Tail()}");
        }
    }

    /// <summary>SIGTERM: what <c>kill PID</c> or a container stop sends.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGKILL: the process vanishes at once; nothing of it runs any more.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} (pid {_process.Id}) did not exit within {timeout}. {Tail()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Tail()
    {
        lock (_output)
        {
            return $"Last output of {Name}:\n  " + string.Join("\n  ", _output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line, bool stdout)
    {
        if (line is null)
        {
            if (stdout)
            {
                _firstLine.TrySetException(new InvalidOperationException($"{Name} closed its output without writing a line. {Tail()}"));
            }

            return;
        }

        if (stdout)
        {
            _firstLine.TrySetResult(line);
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
