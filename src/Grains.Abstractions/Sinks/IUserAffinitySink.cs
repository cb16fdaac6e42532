using CineMatch.Documents;

namespace CineMatch.Sinks;

/// <summary>
/// The <c>user_affinities</c> collection (CONTRACT-V6 section 3): one document per user and director, actor or
/// genre. The writer sends only what changed; each document is a <c>$set</c> of absolute values (EXACTNESS I5).
/// </summary>
public interface IUserAffinitySink
{
    /// <summary>Upserts <paramref name="upserts"/> by <c>_id</c> and deletes the documents <paramref name="deletedIds"/> (their count fell to 0).</summary>
    Task WriteAsync(string userId, IReadOnlyList<UserAffinityDocument> upserts, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken);
}
