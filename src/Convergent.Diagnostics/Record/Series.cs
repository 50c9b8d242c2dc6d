using System.Collections;
using System.Runtime.InteropServices;

namespace Convergent.Diagnostics;

/// <summary>
/// A statistic over training steps, stored by column (steps and values in two growing arrays), e.g.
/// <c>record.Layer("dense_1").GradientNorm</c>. Steps are appended in increasing order.
/// </summary>
public sealed class Series : IReadOnlyList<SeriesPoint>
{
    private readonly List<long> _steps = [];
    private readonly List<double> _values = [];

    /// <summary>Creates an empty series called <paramref name="name"/> (snake_case, as in reports).</summary>
    public Series(string name) => Name = name;

    /// <summary>The statistic's name, e.g. <c>gradient_norm</c>.</summary>
    public string Name { get; }

    /// <summary>Appends a value at <paramref name="step"/>.</summary>
    public void Add(long step, double value)
    {
        // the probe appends ~100 points per training step: the order check reads a field, not the list
        if (step < _lastStep)
            throw new ArgumentException($"Series '{Name}': steps must not decrease (got {step} after {_lastStep}).", nameof(step));
        _lastStep = step;
        _steps.Add(step);
        _values.Add(value);
    }

    private long _lastStep = long.MinValue;

    /// <summary>The steps, in order.</summary>
    public ReadOnlySpan<long> Steps => CollectionsMarshal.AsSpan(_steps);

    /// <summary>The values, in step order.</summary>
    public ReadOnlySpan<double> Values => CollectionsMarshal.AsSpan(_values);

    /// <summary>The last <paramref name="n"/> values (fewer when the series is shorter).</summary>
    public ReadOnlySpan<double> LastValues(int n) => Values[Math.Max(0, _values.Count - n)..];

    /// <summary>Whether nothing was recorded.</summary>
    public bool IsEmpty => _values.Count == 0;

    /// <summary>The last point (throws when empty).</summary>
    public SeriesPoint Last => _values.Count > 0 ? new(_steps[^1], _values[^1]) : throw new InvalidOperationException($"Series '{Name}' is empty.");

    /// <summary>The value recorded at <paramref name="step"/>, or null.</summary>
    public double? At(long step)
    {
        int i = _steps.BinarySearch(step);
        return i >= 0 ? _values[i] : null;
    }

    public int Count => _values.Count;
    public SeriesPoint this[int index] => new(_steps[index], _values[index]);

    public IEnumerator<SeriesPoint> GetEnumerator()
    {
        for (int i = 0; i < _values.Count; i++) yield return new(_steps[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Name} ({Count} points)";
}
