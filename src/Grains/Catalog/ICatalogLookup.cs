using CineMatch.Catalog;

namespace CineMatch.Catalog;

/// <summary>The stored catalog (<c>movies_catalog</c>), asked for films the in-memory catalog does not hold yet.</summary>
public interface ICatalogLookup
{
    /// <summary>
    /// The stored films whose imdb id is one of <paramref name="imdbIds"/> or whose normalized title or normalized
    /// original title is one of <paramref name="normalizedTitles"/> (any year: CONTRACT section 3, rule 3 ignores it).
    /// </summary>
    Task<IReadOnlyList<CatalogMovie>> FindAsync(IReadOnlyCollection<string> imdbIds, IReadOnlyCollection<string> normalizedTitles, CancellationToken cancellationToken);
}
