using CineMatch.Counting;
using CineMatch.Lists;

namespace CineMatch.Grains;

/// <summary>Everything a user grain persists in one write: the list and what it owes the counters.</summary>
[GenerateSerializer, Alias("cinematch.UserListState")]
public sealed class UserListState
{
    [Id(0)] public WatchList List { get; set; } = new();
    [Id(1)] public MembershipLedger Ledger { get; set; } = new();
    /// <summary>Whether the list was seeded from the backend's <c>movies</c> collection already.</summary>
    [Id(2)] public bool Hydrated { get; set; }
}
