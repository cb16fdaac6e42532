using System.Globalization;

namespace CineMatch.Silo.Commands;

/// <summary>Reads <c>--name value</c> options; anything it does not know is left for the host (for example <c>--urls</c>).</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var rest = new List<string>();
        using var arg = args.GetEnumerator();
        while (arg.MoveNext())
        {
            if (valueOptions.Contains(arg.Current))
            {
                var name = arg.Current;
                _values[name] = arg.MoveNext() ? arg.Current : throw new UsageException($"{name} needs a value");
            }
            else if (flags.Contains(arg.Current))
            {
                _flags.Add(arg.Current);
            }
            else
            {
                rest.Add(arg.Current);
            }
        }

        Rest = rest;
    }

    public IReadOnlyList<string> Rest { get; }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new UsageException($"{name} is required");

    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>A whole number option within [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public int Number(string name, int fallback, int min, int max)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw new UsageException(min == 1 && max == int.MaxValue
            ? $"{name}: expected a positive whole number, got {text}"
            : $"{name}: expected a whole number from {min} to {max}, got {text}");
    }

    /// <summary>The full path of an existing file named by an option.</summary>
    public static string ExistingFile(string option, string path) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new UsageException($"{option}: no such file: {path}");
}
