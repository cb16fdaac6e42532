namespace CineMatch.Silo.Bench;

/// <summary>One pass of the whole path over a topic that is already full.</summary>
/// <param name="Events">Records processed inside the measured window (those done before the silo reported active are left out).</param>
/// <param name="Window">From the silo reporting active to every partition's processed offset reaching its high watermark.</param>
/// <param name="FromStart">From the call that starts the silo to the same end: silo start, grain activations and all.</param>
/// <param name="Cpu">Processor time of this process inside the window, as a share of all cores.</param>
public sealed record EndToEndResult(long Events, TimeSpan Window, TimeSpan FromStart, double Cpu, BenchOutcome Outcome)
{
    public double EventsPerSecond => Events / Window.TotalSeconds;
}
