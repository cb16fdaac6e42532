using System.Diagnostics;

namespace CineMatch.Tests.Packaging;

/// <summary>
/// Packs one of the providers into a local feed and builds a sample application against that package, in a
/// directory outside this repository: what another Orleans application gets from <c>dotnet add package</c>.
/// Each run packs a version of its own, so the machine's package cache never serves an older build of it.
/// </summary>
public sealed class PackedSample : IDisposable
{
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromMinutes(6);

    private PackedSample(string root, string version) => (Root, Version) = (root, version);

    /// <summary>The scratch directory: <c>feed/</c> holds the package, <c>sample/</c> the copied sample.</summary>
    public string Root { get; }

    /// <summary>The package version this run packed (and the sample was built against).</summary>
    public string Version { get; }

    public string SampleDirectory => Path.Combine(Root, "sample");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// Packs <paramref name="project"/> (relative to the repository) and builds <paramref name="sample"/> (a folder
    /// relative to the repository) against it. The sample's project reads the package version from the MSBuild
    /// property <c>ProviderPackageVersion</c>. Fails with the tools' own output when either step fails.
    /// </summary>
    public static async Task<PackedSample> BuildAsync(string project, string sample)
    {
        var root = Directory.CreateTempSubdirectory("cinematch-packed-").FullName;
        var version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var packed = new PackedSample(root, version);
        var feed = Path.Combine(root, "feed");
        await RunAsync("dotnet", ["pack", Path.Combine(RepositoryRoot, project), "-c", "Release", "-o", feed, $"-p:PackageVersion={version}"], RepositoryRoot);

        CopyDirectory(Path.Combine(RepositoryRoot, sample), packed.SampleDirectory);
        await File.WriteAllTextAsync(Path.Combine(packed.SampleDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed-for-test" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        await RunAsync("dotnet", ["build", "-c", "Release", $"-p:ProviderPackageVersion={version}"], packed.SampleDirectory);
        return packed;
    }

    /// <summary>The package files in the feed (e.g. to check the readme and the dependencies it declares).</summary>
    public IReadOnlyList<string> Packages => Directory.GetFiles(Path.Combine(Root, "feed"), "*.nupkg");

    /// <summary>Runs a command to completion; its output is returned, and is the failure message when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(CommandDeadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{fileName} {string.Join(' ', arguments)}` in {workingDirectory} did not finish within {CommandDeadline}:\n{await output}\n{await errors}");
        }

        var text = $"{await output}\n{await errors}";
        Assert.True(process.ExitCode == 0, $"`{fileName} {string.Join(' ', arguments)}` in {workingDirectory} exited with {process.ExitCode}:\n{text}");
        return text;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
            // The restore copied this run's version into the machine's package cache; nothing else will ever ask for it.
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var copy in Directory.Exists(cache) ? Directory.GetDirectories(cache).Select(package => Path.Combine(package, Version)) : [])
            {
                if (Directory.Exists(copy))
                {
                    Directory.Delete(copy, recursive: true);
                }
            }
        }
        catch (IOException)
        {
            // A build server may still hold a file; the scratch directory is in the temp folder anyway.
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CineMatch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"CineMatch.sln not found above {AppContext.BaseDirectory}");
    }
}
