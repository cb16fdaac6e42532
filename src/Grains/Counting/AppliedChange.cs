namespace CineMatch.Counting;

/// <summary>The last change a counter applied from one user, kept to recognise a retry (EXACTNESS I3).</summary>
[GenerateSerializer, Alias("cinematch.AppliedChange")]
public sealed class AppliedChange
{
    [Id(0)] public string UserId { get; set; } = "";
    [Id(1)] public long Sequence { get; set; }
    [Id(2)] public DateTime AppliedAtUtc { get; set; }
}
