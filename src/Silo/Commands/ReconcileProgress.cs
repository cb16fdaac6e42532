using System.Diagnostics;
using System.Globalization;
using CineMatch.Statistics.MongoDB.Reconcile;

namespace CineMatch.Silo.Commands;

/// <summary>Progress of a run: on a terminal a bar redrawn in place with users/s and the time left; otherwise a plain line every few seconds.</summary>
public sealed class ReconcileProgress : IReconcileProgress
{
    private const int BarWidth = 30;
    private readonly TextWriter _out;
    private readonly bool _terminal;
    private readonly TimeSpan _every;
    private readonly Stopwatch _clock = new();
    private TimeSpan? _lastShown;
    private long _total;

    private ReconcileProgress(TextWriter output, bool terminal)
    {
        _out = output;
        _terminal = terminal;
        _every = terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
    }

    public static ReconcileProgress For(TextWriter output, bool terminal) => new(output, terminal);

    public void Started(long users)
    {
        _total = users;
        _clock.Start();
        _out.WriteLine($"reconcile: {users} user(s) with films to check");
    }

    public void Checked(long users)
    {
        if (_lastShown is not { } shown || _clock.Elapsed - shown >= _every)
        {
            _lastShown = _clock.Elapsed;
            Show(users);
        }
    }

    public void Finished(long users)
    {
        Show(users);
        if (_terminal)
        {
            _out.WriteLine();
        }
    }

    /// <summary>One progress line: done/total, percent, users per second and the estimated time left.</summary>
    public static string Line(long done, long total, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var left = rate > 0 && total > done ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        var percent = total > 0 ? Math.Min(100.0, 100.0 * done / total) : 100.0;
        return string.Create(CultureInfo.InvariantCulture, $"{done}/{total} users ({percent:F1}%), {rate:F0} users/s, ETA {left:hh\\:mm\\:ss}");
    }

    private void Show(long done)
    {
        var line = Line(done, _total, _clock.Elapsed);
        if (_terminal)
        {
            var filled = _total > 0 ? (int)Math.Min(BarWidth, BarWidth * done / _total) : BarWidth;
            _out.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {line}   ");
        }
        else
        {
            _out.WriteLine($"reconcile: {line}");
        }
    }
}
