namespace CineMatch.Catalog;

/// <summary>Where a silo loads the catalog from: the bundled file, a file named on the command line, or MongoDB.</summary>
public interface ICatalogSource
{
    Task<IReadOnlyList<CatalogMovie>> LoadAsync(CancellationToken cancellationToken);
}
