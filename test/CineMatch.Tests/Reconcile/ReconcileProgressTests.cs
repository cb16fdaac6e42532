using CineMatch.Silo.Commands;

namespace CineMatch.Tests.Reconcile;

/// <summary>What an operator watching a run sees: users done, users per second, the time left; a bar on a terminal, plain lines in a log.</summary>
public sealed class ReconcileProgressTests
{
    [Fact]
    public void A_progress_line_shows_the_share_done_the_rate_and_the_time_left()
    {
        Assert.Equal("50/200 users (25.0%), 5 users/s, ETA 00:00:30", ReconcileProgress.Line(50, 200, TimeSpan.FromSeconds(10)));
        Assert.Equal("200/200 users (100.0%), 20 users/s, ETA 00:00:00", ReconcileProgress.Line(200, 200, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Not_on_a_terminal_progress_is_plain_lines_and_on_a_terminal_a_bar_redrawn_in_place()
    {
        var log = new StringWriter();
        var plain = ReconcileProgress.For(log, terminal: false);
        plain.Started(2);
        plain.Checked(1);
        plain.Finished(2);
        Assert.DoesNotContain('\r', log.ToString());
        Assert.Contains(log.ToString().Split(Environment.NewLine), line => line.StartsWith("reconcile: 2/2 users (100.0%)", StringComparison.Ordinal));

        var terminal = new StringWriter();
        var bar = ReconcileProgress.For(terminal, terminal: true);
        bar.Started(2);
        bar.Finished(2);
        Assert.Contains("\r[##############################] 2/2 users", terminal.ToString());
    }
}
