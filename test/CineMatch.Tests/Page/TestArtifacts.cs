namespace CineMatch.Tests.Page;

/// <summary>
/// Where tests leave files for a person to look at (screenshots): <c>CINEMATCH_TEST_ARTIFACTS</c>, else
/// <c>TestResults/artifacts</c> beside the test project, next to what <c>dotnet test</c> writes there.
/// </summary>
public static class TestArtifacts
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        var chosen = Environment.GetEnvironmentVariable("CINEMATCH_TEST_ARTIFACTS");
        if (string.IsNullOrWhiteSpace(chosen))
        {
            var project = new DirectoryInfo(AppContext.BaseDirectory);
            while (project is not null && !File.Exists(Path.Combine(project.FullName, "CineMatch.Tests.csproj")))
            {
                project = project.Parent;
            }

            chosen = Path.Combine(project?.FullName ?? AppContext.BaseDirectory, "TestResults", "artifacts");
        }

        return System.IO.Directory.CreateDirectory(chosen).FullName;
    }
}
