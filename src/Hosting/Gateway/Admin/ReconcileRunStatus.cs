using System.Text.Json.Nodes;

namespace CineMatch.Hosting.Gateway.Admin;

/// <summary>A reconcile run started through <c>POST /admin/reconcile</c>: <c>running</c>, <c>done</c> (with its report) or <c>failed</c>.</summary>
public sealed record ReconcileRunStatus(string Id, string Status, DateTimeOffset StartedAt, JsonObject? Report = null, string? Error = null);
