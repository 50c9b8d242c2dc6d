using System.Runtime.InteropServices;

namespace Convergent.Diagnostics;

/// <summary>
/// Row storage shared by the series that are written at the same training steps — a run's per-layer statistics, or its
/// per-step loss, learning rate and epoch. A step's values lie side by side in one row, so recording a step writes one
/// contiguous stream instead of one stream per series: on a model whose step takes ten microseconds, scattering ~100
/// appends over ~200 arrays cost a fifth of the step (cache misses), one row costs well under a hundredth. Each
/// <see cref="Series"/> of the frame gathers its column when it is read, incrementally.
/// <para>
/// Bounded: the frame never holds more than <see cref="Capacity"/> rows (8192 by default, fewer for wide rows: about
/// 32 MB of values). When it is full, the first <see cref="HeadRows"/> rows (the start of training: initialization, the first steps) and the last
/// <see cref="TailRows"/> rows (what streaming rules look at) stay at full resolution, and the rows in between are kept
/// at a uniform stride that doubles as the run goes on — a long run's record has a fixed size, like TensorBoard's bounded
/// sample of a scalar. <see cref="Stride"/> tells how thin the middle is.
/// </para>
/// </summary>
public sealed class SeriesFrame
{
    private readonly List<Series> _columns = [];
    private readonly int _maxRows;
    private readonly long _maxBytes;
    private long[] _steps = [];
    private double[] _values = [];
    private int _rows, _width;

    /// <summary>The bits of an empty cell: a signalling NaN with a payload no arithmetic produces (arithmetic only makes
    /// quiet NaNs), so a row needs no separate presence bits — a value is one store, and a row is one stream.</summary>
    public const long EmptyBits = 0x7FF4_C0DE_0000_0001;
    private int _capacity;      // fixed when the frame first fills up
    private int _middle;        // rows kept between the head and the tail, at stride Stride
    private long _graduated;    // rows that ever left the tail for the middle

    /// <summary>Creates a frame of at most <paramref name="maxRows"/> rows and about <paramref name="maxBytes"/> of values
    /// (a wide frame — a model with many layers — keeps fewer rows, never fewer than 512).</summary>
    public SeriesFrame(int maxRows = 8192, long maxBytes = 32L << 20)
    {
        if (maxRows < 64) throw new ArgumentOutOfRangeException(nameof(maxRows), $"A series frame keeps at least 64 rows. Received: {maxRows}");
        if (maxBytes < 1) throw new ArgumentOutOfRangeException(nameof(maxBytes), $"maxBytes must be positive. Received: {maxBytes}");
        _maxRows = maxRows; _maxBytes = maxBytes;
    }

    /// <summary>Most rows kept: <c>maxRows</c>, or fewer when the rows are wide (fixed once the frame first fills up).</summary>
    public int Capacity => _capacity > 0 ? _capacity
        : (int)Math.Clamp(_maxBytes / (8L * Math.Max(1, _width)), Math.Min(512, _maxRows), _maxRows);

    /// <summary>Rows at the start always kept (a sixteenth of the capacity: 512 of 8192).</summary>
    public int HeadRows => Capacity / 16;

    /// <summary>Most recent rows always kept (an eighth of the capacity: 1024 of 8192 — the rules' windows are ≤ 100 steps).
    /// Thinning moves them down, so a small tail keeps that copy rare (a third of a row per row written).</summary>
    public int TailRows => Capacity / 8;

    /// <summary>Rows held now.</summary>
    public int Rows => _rows;

    /// <summary>Between the head and the tail, one row in this many is kept (1 until the frame first fills up).</summary>
    public long Stride { get; private set; } = 1;

    /// <summary>Changes whenever rows are dropped or moved, so that series rebuild their columns.</summary>
    internal int Version { get; private set; }

    /// <summary>The series whose values the frame stores, in column order.</summary>
    public IReadOnlyList<Series> Columns => _columns;

    internal int Register(Series series)
    {
        int column = _columns.Count;
        _columns.Add(series);
        if (column >= _width) Widen(Math.Max(16, 2 * _width));
        return column;
    }

    /// <summary>Records <paramref name="value"/> for <paramref name="column"/> at <paramref name="step"/>: in the last row
    /// when it is that step's and the column is still free there, otherwise in a new row.</summary>
    internal void Put(int column, long step, double value)
    {
        int r = _rows - 1;
        if (r < 0 || step != _steps[r] || !IsEmpty(_values[r * _width + column]))
            r = NewRow(step, column);
        _values[r * _width + column] = Storable(value);
    }

    private int NewRow(long step, int column)
    {
        if (_rows > 0 && step < _steps[_rows - 1])
            throw new ArgumentException($"{(column >= 0 ? $"Series '{_columns[column].Name}'" : "Series frame")}: steps must not decrease (got {step} after {_steps[_rows - 1]}).", nameof(step));
        if (_rows >= Capacity) Thin();
        if (_rows == _steps.Length) Grow(Math.Min(Capacity, Math.Max(64, 2 * _steps.Length)));
        int r = _rows++;
        RowsWritten++;
        _steps[r] = step;
        MemoryMarshal.Cast<double, long>(_values.AsSpan(r * _width, _width)).Fill(EmptyBits);
        return r;
    }

    /// <summary>The row of <paramref name="step"/> for writing many columns at once: the last row when it is that step's
    /// (values already there for the columns written again are replaced), otherwise a new row. The fast path of a probe
    /// that records a whole layer per step; <see cref="Series.Add"/> is the general one.</summary>
    public RowWriter Row(long step)
    {
        int r = _rows - 1;
        if (r < 0 || step != _steps[r]) r = NewRow(step, -1);
        return new RowWriter(this, _values.AsSpan(r * _width, _width));
    }

    /// <summary>Writes values into one row of a frame (from <see cref="Row"/>); valid until the frame's next new row.</summary>
    public readonly ref struct RowWriter(SeriesFrame frame, Span<double> values)
    {
        private readonly Span<double> _values = values;

        /// <summary>Sets <paramref name="series"/>' value in this row (the series must belong to the frame).</summary>
        public void Set(Series series, double value)
        {
            if (!ReferenceEquals(series.Frame, frame))
                throw new ArgumentException($"Series '{series.Name}' is not stored in this frame.", nameof(series));
            Set(series.Column, series.StoredSquared ? value * value : value);
        }

        /// <summary>Sets column <paramref name="column"/>'s stored value in this row (for a series stored squared
        /// (<see cref="Series.StoredSquared"/>), the square: see <see cref="SetSquare"/>).</summary>
        public void Set(int column, double value) => _values[column] = Storable(value);

        /// <summary>Sets the column of a series stored squared from the square of its value (a sum of squares, a
        /// variance): the root is taken when the series is read.</summary>
        public void SetSquare(int column, double square) => _values[column] = Storable(square);

        /// <summary>Sets <paramref name="series"/> (of this frame, stored squared) from the square of its value.</summary>
        public void SetSquare(Series series, double square)
        {
            if (!ReferenceEquals(series.Frame, frame) || !series.StoredSquared)
                throw new ArgumentException($"Series '{series.Name}' is not stored squared in this frame.", nameof(series));
            SetSquare(series.Column, square);
        }
    }

    /// <summary>Total rows ever written, including those thinned away since.</summary>
    public long RowsWritten { get; private set; }

    internal long StepAt(int row) => _steps[row];

    internal bool Has(int row, int column) => !IsEmpty(_values[row * _width + column]);

    private static bool IsEmpty(double v) => BitConverter.DoubleToInt64Bits(v) == EmptyBits;

    /// <summary>The value as stored: the one bit pattern that marks an empty cell becomes an ordinary NaN.</summary>
    private static double Storable(double v) => BitConverter.DoubleToInt64Bits(v) == EmptyBits ? double.NaN : v;

    internal double ValueAt(int row, int column) => _values[row * _width + column];

    /// <summary>Makes room when full: the rows that leave the tail join the middle at its stride; when the middle holds
    /// more than half of its room it drops every other row and its stride doubles. The head never moves.</summary>
    private void Thin()
    {
        _capacity = Capacity;
        int room = Capacity - HeadRows - TailRows;
        int write = HeadRows + _middle;
        int leaving = _rows - TailRows - write;   // rows that leave the tail now
        for (int i = 0; i < leaving; i++)
        {
            if ((_graduated + i) % Stride != 0) continue;
            CopyRow(write + i, HeadRows + _middle);
            _middle++;
        }
        _graduated += leaving;
        while (_middle > room / 2)
        {
            // keep rows 0, 2, 4 … of the middle: graduation indices 0, 2s, 4s … — the stride stays uniform
            int kept = 0;
            for (int i = 0; i < _middle; i += 2) CopyRow(HeadRows + i, HeadRows + kept++);
            _middle = kept;
            Stride *= 2;
        }
        int tailFrom = _rows - TailRows, tailTo = HeadRows + _middle;
        for (int i = 0; i < TailRows; i++) CopyRow(tailFrom + i, tailTo + i);
        _rows = tailTo + TailRows;
        Version++;
    }

    private void CopyRow(int from, int to)
    {
        if (from == to) return;
        _steps[to] = _steps[from];
        _values.AsSpan(from * _width, _width).CopyTo(_values.AsSpan(to * _width, _width));
    }

    private void Grow(int rows)
    {
        var steps = GC.AllocateUninitializedArray<long>(rows);
        var values = GC.AllocateUninitializedArray<double>(rows * _width);
        _steps.AsSpan(0, _rows).CopyTo(steps);
        _values.AsSpan(0, _rows * _width).CopyTo(values);
        _steps = steps; _values = values;
    }

    /// <summary>More columns per row (a layer registered after rows were written): the rows are laid out again.</summary>
    private void Widen(int width)
    {
        int rows = _steps.Length;
        var values = GC.AllocateUninitializedArray<double>(rows * width);
        var cells = MemoryMarshal.Cast<double, long>(values.AsSpan());
        for (int r = 0; r < _rows; r++)
        {
            _values.AsSpan(r * _width, _width).CopyTo(values.AsSpan(r * width, _width));
            cells.Slice(r * width + _width, width - _width).Fill(EmptyBits);
        }
        _values = values; _width = width;
    }
}
