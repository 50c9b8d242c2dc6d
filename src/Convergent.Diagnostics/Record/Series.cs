using System.Collections;

namespace Convergent.Diagnostics;

/// <summary>
/// A statistic over training steps, read by column (steps and values as two spans), e.g.
/// <c>record.Layer("dense_1").GradientNorm</c>. Steps are appended in increasing order.
/// <para>
/// A series on its own keeps every point in two growing arrays. A series of a <see cref="SeriesFrame"/> (those of a
/// <see cref="RunRecord"/>) writes into the frame's rows, side by side with the other series of the same step, and
/// gathers its column into those arrays when it is read; it then holds the points the bounded frame kept.
/// </para>
/// </summary>
public sealed class Series : IReadOnlyList<SeriesPoint>
{
    private long[] _steps = [];
    private double[] _values = [];
    private int _count;
    private readonly SeriesFrame? _frame;
    private readonly int _column;
    private int _gathered, _frameVersion;   // frame rows already gathered, and the frame's version they belong to

    /// <summary>Creates an empty series called <paramref name="name"/> (snake_case, as in reports).</summary>
    public Series(string name) => Name = name;

    /// <summary>Creates an empty series called <paramref name="name"/> stored in <paramref name="frame"/> (null: on its own).
    /// With <paramref name="storedSquared"/> (a norm, a standard deviation, a ratio of norms: never negative) the frame holds
    /// the value's square and the series takes the root when it gathers its column, so a probe that has a sum of squares
    /// writes it as it is (<see cref="SeriesFrame.RowWriter.SetSquare"/>) and no square root is taken on the training step.
    /// Squares of values beyond ~1e154 read back as +∞.</summary>
    public Series(string name, SeriesFrame? frame, bool storedSquared = false) : this(name)
    {
        if (frame is null) return;
        _frame = frame;
        StoredSquared = storedSquared;
        _column = frame.Register(this);
    }

    /// <summary>Whether the frame stores the square of each value (read back through a square root).</summary>
    public bool StoredSquared { get; }

    /// <summary>The frame the series is stored in, or null.</summary>
    public SeriesFrame? Frame => _frame;

    /// <summary>The series' column in its <see cref="Frame"/>.</summary>
    internal int Column => _frame is not null ? _column : throw new InvalidOperationException($"Series '{Name}' has no frame.");

    /// <summary>The statistic's name, e.g. <c>gradient_norm</c>.</summary>
    public string Name { get; }

    /// <summary>Appends a value at <paramref name="step"/>.</summary>
    public void Add(long step, double value)
    {
        if (_frame is not null) { _frame.Put(_column, step, StoredSquared ? value * value : value); return; }
        int n = _count;
        if (n > 0 && step < _steps[n - 1])
            throw new ArgumentException($"Series '{Name}': steps must not decrease (got {step} after {_steps[n - 1]}).", nameof(step));
        if (n == _steps.Length) Grow();
        _steps[n] = step;
        _values[n] = value;
        _count = n + 1;
    }

    /// <summary>Brings the column up to date with the frame's rows (a no-op on a series of its own).</summary>
    private void Gather()
    {
        var f = _frame;
        if (f is null) return;
        if (_frameVersion != f.Version) { _count = 0; _gathered = 0; _frameVersion = f.Version; }
        int rows = f.Rows;
        if (_gathered == rows) return;
        for (int r = _gathered; r < rows; r++)
        {
            if (!f.Has(r, _column)) continue;
            if (_count == _steps.Length) Grow();
            _steps[_count] = f.StepAt(r);
            double v = f.ValueAt(r, _column);
            _values[_count] = StoredSquared ? Math.Sqrt(v) : v;
            _count++;
        }
        // the last row is the current step's: this column may still be written there, so it is looked at again next time
        // unless it already has its value
        _gathered = f.Has(rows - 1, _column) ? rows : rows - 1;
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
    public ReadOnlySpan<long> Steps { get { Gather(); return _steps.AsSpan(0, _count); } }

    /// <summary>The values, in step order.</summary>
    public ReadOnlySpan<double> Values { get { Gather(); return _values.AsSpan(0, _count); } }

    /// <summary>The last <paramref name="n"/> values (fewer when the series is shorter).</summary>
    public ReadOnlySpan<double> LastValues(int n)
    {
        var v = Values;
        return v[Math.Max(0, v.Length - n)..];
    }

    /// <summary>Whether nothing was recorded.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The last point (throws when empty).</summary>
    public SeriesPoint Last => Count > 0 ? new(_steps[_count - 1], _values[_count - 1]) : throw new InvalidOperationException($"Series '{Name}' is empty.");

    /// <summary>The value recorded at <paramref name="step"/>, or null.</summary>
    public double? At(long step)
    {
        int i = Steps.BinarySearch(step);
        return i >= 0 ? _values[i] : null;
    }

    public int Count { get { Gather(); return _count; } }
    public SeriesPoint this[int index] => (uint)index < (uint)Count
        ? new(_steps[index], _values[index])
        : throw new ArgumentOutOfRangeException(nameof(index), $"Series '{Name}' has {_count} points; index {index} is out of range.");

    public IEnumerator<SeriesPoint> GetEnumerator()
    {
        int n = Count;
        for (int i = 0; i < n; i++) yield return new(_steps[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Name} ({Count} points)";
}
