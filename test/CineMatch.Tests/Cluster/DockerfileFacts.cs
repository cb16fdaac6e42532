using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CineMatch.Tests.Cluster;

/// <summary>
/// What a cluster/docker Dockerfile builds: the sources its build stage copies, the project it publishes, and
/// the assembly its final stage runs. Read from the file's lines (instructions are one line each there).
/// </summary>
public sealed partial record DockerfileFacts(string Path, IReadOnlyList<string> CopiedSources, string PublishedProject, string EntryAssembly)
{
    public static DockerfileFacts Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(line => !line.TrimStart().StartsWith('#')).ToList();
        var copied = lines
            .Select(line => CopyInstruction().Match(line))
            .Where(match => match.Success && !match.Groups["arguments"].Value.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(match =>
            {
                var words = match.Groups["arguments"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return words[..^1]; // the last word is the destination
            })
            .ToList();
        var publish = lines.Select(line => PublishInstruction().Match(line)).Single(match => match.Success).Groups["project"].Value;
        var entry = EntryPoint().Match(string.Join('\n', lines)).Groups["assembly"].Value;
        return new DockerfileFacts(path, copied, publish, entry);
    }

    /// <summary>The published project and every project it references, directly or not, relative to the repository root.</summary>
    public IReadOnlySet<string> ProjectClosure(string root)
    {
        var closure = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([System.IO.Path.GetFullPath(System.IO.Path.Combine(root, PublishedProject))]);
        while (pending.TryPop(out var project))
        {
            if (!closure.Add(System.IO.Path.GetRelativePath(root, project).Replace('\\', '/')))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(project)!, include)));
            }
        }

        return closure;
    }

    [GeneratedRegex(@"^\s*COPY\s+(?<arguments>.+)$")]
    private static partial Regex CopyInstruction();

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex PublishInstruction();

    [GeneratedRegex(@"ENTRYPOINT \[""dotnet"", ""(?<assembly>[^""]+\.dll)""\]")]
    private static partial Regex EntryPoint();
}
