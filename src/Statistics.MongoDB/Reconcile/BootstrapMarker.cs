namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>How far the bootstrap got: every user up to <see cref="LastUserId"/> (in <c>user_id</c> order) has adopted <c>movies</c>.</summary>
public sealed record BootstrapMarker(bool Done, string? LastUserId, long UsersDone);
