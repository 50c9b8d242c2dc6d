using System.Diagnostics;

namespace Convergent.Diagnostics;

/// <summary>
/// Bounds what an optional per-step piece of work (the probe's statistics, the streaming rule checks) costs the training,
/// measured the way the user feels it: by the whole step. At the start of every step it reads the clock once; the time
/// since the previous step's start is a plain step's when the work did not run then, and a plain step plus the work's
/// full cost — its own time, the calls it made, the caches it cooled — when it did. The cost is the excess over the
/// plain step (the median of the last 15 measured), and the work runs in a step only while the total so far stays within
/// <see cref="Share"/> of the elapsed time. About one step in <see cref="CalibrationEvery"/>, at random, sits out so that
/// the plain step stays measured even when the work is cheap enough to run on every other step.
/// (Timing only the work's own code misses the rest: on a model whose step takes ten microseconds the difference was
/// a 5 % budget that cost 20 %.)
/// </summary>
public sealed class OverheadBudget
{
    private long _last, _elapsed, _plain, _spent, _steps;
    private bool _ran, _paused;
    // the last calibration intervals: the plain step is their median (a step that happened to carry an epoch's end, a
    // GC or a neighbour's burst does not move it)
    private readonly long[] _recent = new long[15], _sorted = new long[15];
    private int _recentCount, _recentNext;
    private uint _random = 0x9E3779B9;

    /// <summary>Creates a budget of <paramref name="share"/> of wall time (0 &lt; share ≤ 1).</summary>
    public OverheadBudget(double share)
    {
        if (!(share > 0 && share <= 1)) throw new ArgumentOutOfRangeException(nameof(share), $"The share must be in (0, 1]. Received: {share}");
        Share = share;
    }

    /// <summary>The share of wall time the work may add.</summary>
    public double Share { get; }

    /// <summary>Steps at the start when the work always runs (they are the most telling, and they pay the JIT).</summary>
    public int WarmUpSteps { get; init; } = 20;

    /// <summary>A step this many times longer than the plain one is a pause (not counted): long enough that no check of
    /// the work is taken for one, short enough that a process suspended, or a benchmark running something else between two
    /// steps, does not hand the work a share of time that training never had.</summary>
    public double PauseFactor { get; init; } = 1000;

    /// <summary>About one step in this many (chosen at random) leaves the work out, to keep the plain step measured.</summary>
    public int CalibrationEvery { get; init; } = 16;

    /// <summary>Estimated wall time of a step without the work, in <see cref="Stopwatch"/> ticks (0 until measured).</summary>
    public long PlainStepTicks => _plain;

    /// <summary>The work's measured cost since the warm-up, in <see cref="Stopwatch"/> ticks.</summary>
    public long SpentTicks => _spent;

    /// <summary>Whether the work may run in the current step (the last <see cref="BeginStep()"/>'s answer): other work that
    /// shares the budget follows it.</summary>
    public bool Running => _ran;

    /// <summary>Marks the time until the next <see cref="BeginStep()"/> as outside training — an epoch's end with its
    /// validation, the gap between two <c>Fit</c> calls: neither charged to the work nor counted as training time.</summary>
    public void Pause() => _paused = true;

    /// <summary>Call once at the start of every step; returns whether the work may run in it.</summary>
    public bool BeginStep() => BeginStep(Stopwatch.GetTimestamp());

    /// <summary><see cref="BeginStep()"/> at a given time (tests).</summary>
    public bool BeginStep(long now)
    {
        if (_steps > 0)
        {
            long interval = now - _last;
            // a pause (validation between epochs, a suspended process, other work between two calls) is neither the
            // work's cost nor training time the share applies to
            bool pause = _paused || (_plain > 0 && interval > PauseFactor * _plain);
            _paused = false;
            if (!pause)
            {
                _elapsed += interval;
                // not clipped at zero: a step's jitter is as often below the plain step as above it, and clipping would
                // charge the noise (on a noisy machine, most of a 5 % cost's budget)
                if (_ran) { if (_plain > 0) _spent += interval - _plain; }
                else Calibrate(interval);
            }
        }
        _last = now;
        _steps++;
        if (_steps <= WarmUpSteps)
        {
            _elapsed = 0; _spent = 0;   // the budget starts after the warm-up
            return _ran = true;
        }
        // calibration steps at random (xorshift), not every n-th: a period would line up with the epochs' length and
        // always measure the step that carries an epoch's end
        _random ^= _random << 13; _random ^= _random >> 17; _random ^= _random << 5;
        bool calibrate = _random % (uint)CalibrationEvery == 0 || _plain == 0;
        return _ran = !calibrate && _spent <= Share * _elapsed;
    }

    private void Calibrate(long interval)
    {
        _recent[_recentNext] = interval;
        _recentNext = (_recentNext + 1) % _recent.Length;
        if (_recentCount < _recent.Length) _recentCount++;
        var sorted = _sorted.AsSpan(0, _recentCount);
        _recent.AsSpan(0, _recentCount).CopyTo(sorted);
        sorted.Sort();
        _plain = sorted[_recentCount / 2];
    }
}
