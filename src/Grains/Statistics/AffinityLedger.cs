using System.Globalization;
using CineMatch.Documents;

namespace CineMatch.Statistics;

/// <summary>
/// What a user grain last wrote to <c>user_affinities</c>, kept in the grain's state so that a new activation
/// rewrites only what changed: per affinity (its <c>_id</c> without the <c>{user_id}_</c> prefix) a 64-bit hash of
/// the written fields. Cost: about 40 bytes of state per affinity (a user with 50 films has some 400-600, so
/// 16-24 KB), paid on every state write of that user.
/// <para>
/// An entry whose write is under way is marked <see cref="Unknown"/> before the write is sent, and the state is
/// stored before the write (see <see cref="Plan"/>): should the write fail or the activation end, the next plan
/// writes or deletes the entry again. So the ledger knows every id the collection may hold for the user, and a
/// count that reaches 0 always deletes its document.
/// </para>
/// </summary>
[GenerateSerializer, Alias("cinematch.AffinityLedger")]
public sealed class AffinityLedger
{
    /// <summary>No hash: what the collection holds for this id is not known (a write of it was sent, not confirmed).</summary>
    public const long Unknown = 0;

    [Id(0)] public Dictionary<string, long> Written { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The writes that bring the collection from what the ledger knows to <paramref name="current"/>, the user's
    /// whole set of affinities; each id they touch is marked unknown until <see cref="Confirm"/>.
    /// </summary>
    public AffinityChanges Plan(string userId, IReadOnlyList<UserAffinityDocument> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var prefix = userId + "_";
        var upserts = new List<UserAffinityDocument>();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        var introduces = false;
        foreach (var affinity in current)
        {
            var key = affinity.Id[prefix.Length..];
            keep.Add(key);
            if (Written.GetValueOrDefault(key, Unknown) is var written && (written == Unknown || written != Hash(affinity)))
            {
                upserts.Add(affinity);
                introduces |= !Written.ContainsKey(key);
                Written[key] = Unknown;
            }
        }

        var deleted = Written.Keys.Where(key => !keep.Contains(key)).Order(StringComparer.Ordinal).ToList();
        foreach (var key in deleted)
        {
            Written[key] = Unknown;
        }

        return new AffinityChanges(upserts, [.. deleted.Select(key => prefix + key)], introduces);
    }

    /// <summary>
    /// Someone else may have written the collection (reconcile, from a <c>movies</c> read that may predate the
    /// grain's last events): every id is marked unknown, so the next plan rewrites each current affinity and
    /// deletes each id no longer current, whatever the hashes said.
    /// </summary>
    public void MarkAllUnknown()
    {
        foreach (var key in Written.Keys.ToList())
        {
            Written[key] = Unknown;
        }
    }

    /// <summary>The collection took <paramref name="changes"/>: their ids are known again.</summary>
    public void Confirm(string userId, AffinityChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var prefixLength = userId.Length + 1;
        foreach (var affinity in changes.Upserts)
        {
            Written[affinity.Id[prefixLength..]] = Hash(affinity);
        }

        foreach (var id in changes.DeletedIds)
        {
            Written.Remove(id[prefixLength..]);
        }
    }

    /// <summary>FNV-1a over the fields a reader sees (not <c>updated_at</c>); never <see cref="Unknown"/>.</summary>
    public static long Hash(UserAffinityDocument affinity)
    {
        ArgumentNullException.ThrowIfNull(affinity);
        var hash = 14695981039346656037UL;
        foreach (var part in new[] { affinity.Type, affinity.Name, affinity.NameKey, affinity.Count.ToString(CultureInfo.InvariantCulture), affinity.SumVoti.ToString(CultureInfo.InvariantCulture) })
        {
            foreach (var c in part)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            // A separator no field holds, so ("ab", "c") and ("a", "bc") differ.
            hash = (hash ^ 0xFFFF) * 1099511628211UL;
        }

        return hash == Unknown ? 1 : unchecked((long)hash);
    }
}
