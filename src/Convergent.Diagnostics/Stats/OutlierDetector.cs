namespace Convergent.Diagnostics;

/// <summary>
/// A streaming outlier detector: the z-score of each new value against the mean and standard deviation of the
/// previous <see cref="Window"/> values (llm.c <c>llmc/outlier_detector.h</c>). Fixed memory, O(1) per value.
/// Returns NaN until the window is full, so a verdict always rests on many values, never one.
/// </summary>
public sealed class OutlierDetector
{
    private readonly double[] _buffer;
    private int _count, _next;
    private double _sum, _sumSq;

    /// <summary>Creates a detector over the last <paramref name="window"/> values (≥ 2).</summary>
    public OutlierDetector(int window = 128)
    {
        if (window < 2) throw new ArgumentOutOfRangeException(nameof(window), $"The window needs at least 2 values. Received: window={window}");
        _buffer = new double[window];
    }

    /// <summary>Number of past values compared against.</summary>
    public int Window => _buffer.Length;

    /// <summary>Whether the window is full (z-scores are defined).</summary>
    public bool IsWarm => _count == _buffer.Length;

    /// <summary>Mean of the window.</summary>
    public double Mean => _count == 0 ? double.NaN : _sum / _count;

    /// <summary>Standard deviation of the window (population).</summary>
    public double Std => _count == 0 ? double.NaN : Math.Sqrt(Math.Max(0, _sumSq / _count - Mean * Mean));

    /// <summary>Adds <paramref name="value"/> and returns its z-score against the window before it (NaN while the
    /// window fills or when <paramref name="value"/> is not finite; non-finite values are not added). A window
    /// with zero spread gives ±∞ for any different value and 0 for an equal one.</summary>
    public double Update(double value)
    {
        if (!double.IsFinite(value)) return double.NaN;
        double z = double.NaN;
        if (IsWarm)
        {
            double mean = Mean, std = Std;
            double d = value - mean;
            z = std > 1e-12 * Math.Max(1, Math.Abs(mean)) ? d / std : d == 0 ? 0 : Math.CopySign(double.PositiveInfinity, d);
            double old = _buffer[_next];
            _sum -= old; _sumSq -= old * old;
        }
        else _count++;
        _buffer[_next] = value;
        _sum += value; _sumSq += value * value;
        _next = (_next + 1) % _buffer.Length;
        return z;
    }
}
