using CineMatch.Documents;

namespace CineMatch.Statistics;

/// <summary>
/// What one write of a user's <c>user_affinities</c> must do: the documents to upsert and the ids to delete.
/// <paramref name="IntroducesIds"/>: some upsert has an id the ledger did not hold before, which the stored state
/// must learn before the write is sent.
/// </summary>
public sealed record AffinityChanges(IReadOnlyList<UserAffinityDocument> Upserts, IReadOnlyList<string> DeletedIds, bool IntroducesIds)
{
    public bool IsEmpty => Upserts.Count == 0 && DeletedIds.Count == 0;
}
