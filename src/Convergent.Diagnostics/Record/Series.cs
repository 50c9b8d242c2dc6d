using System.Collections;

namespace Convergent.Diagnostics;

/// <summary>
/// A statistic over training steps, stored by column (steps and values in two growing arrays), e.g.
/// <c>record.Layer("dense_1").GradientNorm</c>. Steps are appended in increasing order.
/// </summary>
public sealed class Series : IReadOnlyList<SeriesPoint>
{
    // two columns with their own growth: the probe appends ~100 points per training step, so an append is two stores
    // and a count (the arrays double without zeroing, as List<T> would but without its per-call overhead)
    private long[] _steps = [];
    private double[] _values = [];
    private int _count;

    /// <summary>Creates an empty series called <paramref name="name"/> (snake_case, as in reports).</summary>
    public Series(string name) => Name = name;

    /// <summary>The statistic's name, e.g. <c>gradient_norm</c>.</summary>
    public string Name { get; }

    /// <summary>Appends a value at <paramref name="step"/>.</summary>
    public void Add(long step, double value)
    {
        int n = _count;
        if (n > 0 && step < _steps[n - 1])
            throw new ArgumentException($"Series '{Name}': steps must not decrease (got {step} after {_steps[n - 1]}).", nameof(step));
        if (n == _steps.Length) Grow();
        _steps[n] = step;
        _values[n] = value;
        _count = n + 1;
    }

    private void Grow()
    {
        int capacity = Math.Max(16, 2 * _steps.Length);
        var steps = GC.AllocateUninitializedArray<long>(capacity);
        var values = GC.AllocateUninitializedArray<double>(capacity);
        _steps.AsSpan(0, _count).CopyTo(steps);
        _values.AsSpan(0, _count).CopyTo(values);
        _steps = steps;
        _values = values;
    }

    /// <summary>The steps, in order.</summary>
    public ReadOnlySpan<long> Steps => _steps.AsSpan(0, _count);

    /// <summary>The values, in step order.</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, _count);

    /// <summary>The last <paramref name="n"/> values (fewer when the series is shorter).</summary>
    public ReadOnlySpan<double> LastValues(int n) => Values[Math.Max(0, _count - n)..];

    /// <summary>Whether nothing was recorded.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>The last point (throws when empty).</summary>
    public SeriesPoint Last => _count > 0 ? new(_steps[_count - 1], _values[_count - 1]) : throw new InvalidOperationException($"Series '{Name}' is empty.");

    /// <summary>The value recorded at <paramref name="step"/>, or null.</summary>
    public double? At(long step)
    {
        int i = Steps.BinarySearch(step);
        return i >= 0 ? _values[i] : null;
    }

    public int Count => _count;
    public SeriesPoint this[int index] => (uint)index < (uint)_count
        ? new(_steps[index], _values[index])
        : throw new ArgumentOutOfRangeException(nameof(index), $"Series '{Name}' has {_count} points; index {index} is out of range.");

    public IEnumerator<SeriesPoint> GetEnumerator()
    {
        for (int i = 0; i < _count; i++) yield return new(_steps[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Name} ({Count} points)";
}
