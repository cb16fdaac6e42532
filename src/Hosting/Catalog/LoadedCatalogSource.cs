using CineMatch.Catalog;

namespace CineMatch.Hosting.Catalog;

/// <summary>A catalog already in memory: read once by a command, or made up by a test.</summary>
public sealed class LoadedCatalogSource(IReadOnlyList<CatalogMovie> movies) : ICatalogSource
{
    public Task<IReadOnlyList<CatalogMovie>> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(movies);
}
