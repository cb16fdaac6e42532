namespace CineMatch.Silo.Commands;

/// <summary>A command-line mistake: the command prints the one-line reason and exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    public const int ExitCode = 2;
}
