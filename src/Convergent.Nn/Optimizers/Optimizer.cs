using System.Numerics;
using System.Numerics.Tensors;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Base of every optimizer, as Keras 3's <c>BaseOptimizer</c>: it owns the step counter, the learning rate (or
/// schedule), gradient clipping (<c>clipvalue</c>, <c>clipnorm</c>, <c>global_clipnorm</c>), decoupled weight decay
/// and constraints; a concrete optimizer only declares its slots and writes one update step.
/// </summary>
public abstract partial class Optimizer
{
    private readonly Dictionary<Variable, Dictionary<string, Tensor>> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly List<Variable> _slotOrder = [];
    private double _learningRate;

    /// <summary>Validates and stores the common options; exactly one of the clipping options may be set, as in Keras.</summary>
    protected Optimizer(double learningRate, LearningRateSchedule? schedule = null, double? clipNorm = null,
        double? clipValue = null, double? globalClipNorm = null, double? weightDecay = null)
    {
        if (schedule is null && !(learningRate >= 0) ) throw new ArgumentException($"Argument `learning_rate` must be non-negative. Received: learning_rate={learningRate}", nameof(learningRate));
        int clips = (clipNorm is null ? 0 : 1) + (clipValue is null ? 0 : 1) + (globalClipNorm is null ? 0 : 1);
        if (clips > 1)
            throw new ArgumentException($"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm={clipNorm}, clipvalue={clipValue}, global_clipnorm={globalClipNorm}");
        if (clipNorm is <= 0) throw new ArgumentException($"Argument `clipnorm` must be positive. Received: clipnorm={clipNorm}", nameof(clipNorm));
        if (clipValue is <= 0) throw new ArgumentException($"Argument `clipvalue` must be positive. Received: clipvalue={clipValue}", nameof(clipValue));
        if (globalClipNorm is <= 0) throw new ArgumentException($"Argument `global_clipnorm` must be positive. Received: global_clipnorm={globalClipNorm}", nameof(globalClipNorm));
        if (weightDecay is < 0) throw new ArgumentException($"Argument `weight_decay` must be non-negative. Received: weight_decay={weightDecay}", nameof(weightDecay));
        _learningRate = learningRate;
        Schedule = schedule;
        ClipNorm = clipNorm;
        ClipValue = clipValue;
        GlobalClipNorm = globalClipNorm;
        WeightDecay = weightDecay;
    }

    /// <summary>Keras name, e.g. <c>adam</c>.</summary>
    public abstract string KerasName { get; }

    /// <summary>The fixed learning rate (ignored when <see cref="Schedule"/> is set). Callbacks such as
    /// ReduceLROnPlateau change it between epochs.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0)) throw new ArgumentException($"learning_rate must be non-negative. Received: {value}");
            _learningRate = value;
        }
    }

    /// <summary>The learning-rate schedule, or null for a fixed rate.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>Per-variable gradient norm clip.</summary>
    public double? ClipNorm { get; }
    /// <summary>Per-element gradient value clip.</summary>
    public double? ClipValue { get; }
    /// <summary>Clip on the norm of all gradients together.</summary>
    public double? GlobalClipNorm { get; }
    /// <summary>Decoupled weight decay coefficient (Keras 3 <c>weight_decay</c>): w ← w − lr·wd·w before the step.</summary>
    public double? WeightDecay { get; }

    /// <summary>Number of update steps applied (Keras <c>optimizer.iterations</c>).</summary>
    public long Iterations { get; set; }

    /// <summary>The learning rate the next step will use.</summary>
    public double CurrentLearningRate => Schedule?.At(Iterations) ?? _learningRate;

    /// <summary>Applies one step to every variable that has a gradient, then increments <see cref="Iterations"/>.
    /// With <paramref name="trackUpdates"/>, returns ‖Δw‖² and ‖w‖² per variable — for a weight of more than 256 elements
    /// from sums the fused update kernel keeps in the same pass as the update (no copy of the weights), for a smaller one
    /// from a copy compared after the plain step — and the statistics of each raw gradient (before any clipping; for a
    /// small weight in that same comparing pass); the list is reused and valid until the next call.</summary>
    public VariableUpdates Apply(IReadOnlyList<Variable> variables, bool trackUpdates = false)
    {
        double lr = CurrentLearningRate;
        _withGradient.Clear();
        for (int i = 0; i < variables.Count; i++)   // by index: foreach over the interface boxes an enumerator each step
            if (variables[i] is { Trainable: true, Gradient: not null } v) _withGradient.Add(v);
        // clipping changes the gradients in place: their statistics are taken before it
        bool clipping = ClipValue is not null || ClipNorm is not null || GlobalClipNorm is not null;
        if (trackUpdates && clipping) MeasureRawGradients();
        if (GlobalClipNorm is double gc) ClipGlobal(_withGradient, gc);
        _updates.Clear();
        for (int k = 0; k < _withGradient.Count; k++)
        {
            var v = _withGradient[k];
            var g = v.Gradient!;
            if (ClipValue is double cv) ClipByValue(g, cv);
            if (ClipNorm is double cn) ScaleToNorm(g, cn, Norm(g));
            double decay = WeightDecay is double wd && wd > 0 && ApplyWeightDecayTo(v) ? 1 - lr * wd : 1;
            if (trackUpdates && v.Value.Size <= SmallTracked)
            {
                if (v.Value.DType == DType.Float32) SmallTrackedStep<float>(v, g, lr, decay, clipping, k);
                else SmallTrackedStep<double>(v, g, lr, decay, clipping, k);
                continue;
            }
            // a constraint (or a decay that zeroes the weight) changes w outside the kernel: Δw then needs the old values
            bool copy = trackUpdates && (v.Constraint is not null || decay == 0 || !_fusedStatistics);
            if (copy) KeepCopy(v.Value);
            if (decay != 1) Scale(v.Value, decay);
            _trackingKernel = trackUpdates && !copy;
            _hasKernelTotals = false;
            UpdateStep(v, g, lr);
            _trackingKernel = false;
            v.Constraint?.Apply(v.Value);
            if (!trackUpdates) continue;
            // the step reads g and never writes it: unclipped, it is still the raw gradient here
            var gradient = clipping ? _rawGradients[k] : GradientStatistics.Of(g);
            if (copy) AddFromCopy(v, gradient);
            else AddFromKernel(v, decay, gradient);
        }
        Iterations++;
        return _updates;
    }

    /// <summary>Whether decoupled weight decay applies to <paramref name="v"/> (Keras excludes none by default).</summary>
    protected virtual bool ApplyWeightDecayTo(Variable v) => true;

    /// <summary>Updates <paramref name="variable"/> in place from its (clipped) gradient.</summary>
    protected abstract void UpdateStep(Variable variable, Tensor gradient, double learningRate);

    /// <summary>A zero-initialized slot of the variable's shape (e.g. Adam's <c>m</c>), created on first use.</summary>
    protected Tensor Slot(Variable variable, string name) => Slot(variable, name, 0.0);

    /// <summary>A slot of the variable's shape filled with <paramref name="initialValue"/> when first used (e.g.
    /// Adagrad's accumulator starts at <c>initial_accumulator_value</c>).</summary>
    protected Tensor Slot(Variable variable, string name, double initialValue)
    {
        if (!_slots.TryGetValue(variable, out var slots))
        {
            slots = [];
            _slots[variable] = slots;
            _slotOrder.Add(variable);
        }
        if (!slots.TryGetValue(name, out var t))
        {
            t = Tensor.ZerosLike(variable.Value);
            if (initialValue != 0) t.Fill(initialValue);
            slots[name] = t;
        }
        return t;
    }

    /// <summary>All slots in a stable order (variable creation order, slot name), for saving.</summary>
    public IEnumerable<(Variable Variable, string Slot, Tensor Value)> GetSlots()
    {
        foreach (var v in _slotOrder)
            foreach (var kv in _slots[v].OrderBy(k => k.Key, StringComparer.Ordinal))
                yield return (v, kv.Key, kv.Value);
    }

    /// <summary>Restores a slot's values (used when loading a saved model).</summary>
    public void SetSlot(Variable variable, string name, Tensor value) => Slot(variable, name).CopyFrom(value);

    /// <summary>The Keras configuration (learning_rate, clipping, the optimizer's own options).</summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["learning_rate"] = Schedule is null ? _learningRate : Schedule.GetConfig(),
        ["clipnorm"] = ClipNorm,
        ["clipvalue"] = ClipValue,
        ["global_clipnorm"] = GlobalClipNorm,
        ["weight_decay"] = WeightDecay,
    };

    // ---------- helpers for the base and for concrete optimizers ----------

    /// <summary>A fused elementwise update over matching ranges of a weight, its gradient and up to three slots. It
    /// reports each vector (and tail element) of w it writes to <paramref name="sums"/>, before and after
    /// (<see cref="UpdateSums{T}.Add(System.Numerics.Vector{T}, System.Numerics.Vector{T})"/>); the sums ignore the calls
    /// unless the trainer asked for update statistics.</summary>
    protected delegate void ChunkStep<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> slot1, Span<T> slot2, Span<T> slot3, ref UpdateSums<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>;

    // Elements below which an update runs on the calling thread: a 64K-element Adam step is ~0.1 ms of streaming,
    // well above the cost of waking a worker.
    private const int ParallelUpdateLength = 1 << 16;

    // Chunk starts are multiples of this many elements, a multiple of every vector width, so each element takes the
    // same vector or scalar path as in one serial pass: updates do not depend on the thread count.
    private const int ChunkAlign = 64;

    /// <summary>Elements over which a kernel's <see cref="UpdateSums{T}"/> are kept in the element type before the driver
    /// adds them in double (a multiple of <see cref="ChunkAlign"/>, so blocks do not change which path an element takes).</summary>
    public const int StatisticsBlock = 4096;

    /// <summary>Runs <paramref name="step"/> on w, g and the slots (null slots pass empty spans) — over the whole
    /// weight, or for a large one, over aligned chunks on <see cref="Kernels.Parallelism.MaxThreads"/> threads. When the
    /// step's update statistics are wanted, each chunk runs in blocks of <see cref="StatisticsBlock"/> elements whose
    /// sums are added in double, chunk by chunk in order.</summary>
    protected void Update<T>(Tensor w, Tensor g, Tensor? slot1, Tensor? slot2, Tensor? slot3, ChunkStep<T> step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = w.Size;
        int chunks = n < ParallelUpdateLength ? 1 : Math.Min(Kernels.Parallelism.MaxThreads, n / ChunkAlign);
        bool track = _trackingKernel;
        if (chunks <= 1 && !track)
        {
            // the usual case of a small weight: one call, as cheap as before statistics existed
            var none = default(UpdateSums<T>);
            step(w.AsSpan<T>(), g.AsSpan<T>(), Slice<T>(slot1, 0, n), Slice<T>(slot2, 0, n), Slice<T>(slot3, 0, n), ref none);
            return;
        }
        if (chunks <= 1)
        {
            // a mid-size tracked weight: blocks added in double, still no closure
            _kernelTotals = Tracked(w, g, slot1, slot2, slot3, step, 0, n);
            _hasKernelTotals = true;
            return;
        }
        Chunked(w, g, slot1, slot2, slot3, step, n, chunks, track);
    }

    /// <summary>A small weight's tracked step (the doctor probes every step): keep w, run the plain step (decay, the
    /// optimizer's kernel, the constraint) exactly as untracked, then compare in one register pass that also sums the
    /// unclipped gradient — on a 4-element bias, cheaper than the fused kernel's sums, whose scalar tail goes through
    /// memory element by element. Δw is the whole step's, decay and constraint included.</summary>
    private void SmallTrackedStep<T>(Variable v, Tensor g, double lr, double decay, bool clipping, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = v.Value;
        int n = w.Size;
        var ws = w.AsSpan<T>()[..n];
        var before = Before<T>(n);
        ws.CopyTo(before);
        if (decay != 1) Scale(w, decay);
        UpdateStep(v, g, lr);
        v.Constraint?.Apply(w);
        // the step reads g and never writes it: unclipped, it is still the raw gradient here
        var totals = Compare<T>(before, ws, withBefore: false, clipping ? default : g.AsSpan<T>()[..n], out double gq, out double ga);
        var gradient = clipping ? _rawGradients[k]
            : double.IsFinite(gq) && double.IsFinite(ga) ? new GradientStatistics(gq, ga, 0)
            : GradientStatistics.Of(g);   // a NaN or ±Inf in the gradient (or an overflow): counted entry by entry
        _updates.Add(v, totals.DeltaSquared, totals.AfterSquared, gradient);
    }

    // the parallel path, chunks > 1 (its closure is allocated only here, never on a small update)
    private void Chunked<T>(Tensor w, Tensor g, Tensor? slot1, Tensor? slot2, Tensor? slot3, ChunkStep<T> step, int n, int chunks, bool track)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var perChunk = track ? ChunkTotals(chunks) : null;
        Kernels.Parallelism.For(0, chunks, c =>
        {
            int start = Boundary(n, chunks, c), end = Boundary(n, chunks, c + 1);
            var totals = Run(start, end - start);
            if (perChunk is not null) perChunk[c] = totals;
        });
        if (perChunk is null) return;
        var sum = default(UpdateTotals);
        for (int c = 0; c < chunks; c++) sum += perChunk[c];
        _kernelTotals = sum;
        _hasKernelTotals = true;

        UpdateTotals Run(int start, int length)
        {
            if (!track)
            {
                var none = default(UpdateSums<T>);
                step(Slice<T>(w, start, length), Slice<T>(g, start, length), Slice<T>(slot1, start, length), Slice<T>(slot2, start, length),
                    Slice<T>(slot3, start, length), ref none);
                return default;
            }
            return Tracked(w, g, slot1, slot2, slot3, step, start, length);
        }

        static int Boundary(int n, int chunks, int c)
        {
            if (c >= chunks) return n;
            long b = (long)n * c / chunks;
            return (int)(b - b % ChunkAlign);
        }
    }

    /// <summary>The step over [start, start + length) in blocks of <see cref="StatisticsBlock"/> elements whose update sums
    /// are added in double.</summary>
    private static UpdateTotals Tracked<T>(Tensor w, Tensor g, Tensor? slot1, Tensor? slot2, Tensor? slot3, ChunkStep<T> step, int start, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var total = default(UpdateTotals);
        for (int b = start; b < start + length; b += StatisticsBlock)
        {
            int len = Math.Min(StatisticsBlock, start + length - b);
            var sums = new UpdateSums<T>(enabled: true);
            step(Slice<T>(w, b, len), Slice<T>(g, b, len), Slice<T>(slot1, b, len), Slice<T>(slot2, b, len), Slice<T>(slot3, b, len), ref sums);
            total += sums.Totals();
        }
        return total;
    }

    private static Span<T> Slice<T>(Tensor? t, int start, int length) where T : unmanaged =>
        t is null ? default : t.AsSpan<T>().Slice(start, length);

    /// <summary>‖t‖₂: vectorized sums of squares over blocks of <see cref="StatisticsBlock"/> elements, added in double.</summary>
    protected static double Norm(Tensor t) =>
        Math.Sqrt(t.DType == DType.Float32 ? SumOfSquares<float>(t.AsSpan<float>()) : SumOfSquares<double>(t.AsSpan<double>()));

    private static double SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        for (int start = 0; start < x.Length; start += StatisticsBlock)
            s += double.CreateTruncating(TensorPrimitives.SumOfSquares(x.Slice(start, Math.Min(StatisticsBlock, x.Length - start))));
        return s;
    }

    private static void ScaleToNorm(Tensor g, double maxNorm, double norm)
    {
        if (norm <= maxNorm || norm == 0) return;
        Scale(g, maxNorm / norm);
    }

    /// <summary>t ← f·t in place.</summary>
    protected static void Scale(Tensor t, double f)
    {
        if (t.DType == DType.Float32) TensorPrimitives.Multiply(t.AsSpan<float>(), (float)f, t.AsSpan<float>());
        else TensorPrimitives.Multiply(t.AsSpan<double>(), f, t.AsSpan<double>());
    }

    private static void ClipByValue(Tensor g, double c)
    {
        if (g.DType == DType.Float32)
        {
            var s = g.AsSpan<float>();
            TensorPrimitives.Max(s, (float)-c, s);
            TensorPrimitives.Min(s, (float)c, s);
        }
        else
        {
            var s = g.AsSpan<double>();
            TensorPrimitives.Max(s, -c, s);
            TensorPrimitives.Min(s, c, s);
        }
    }

    private static void ClipGlobal(List<Variable> vars, double maxNorm)
    {
        double sq = 0;
        foreach (var v in vars) { double n = Norm(v.Gradient!); sq += n * n; }
        double total = Math.Sqrt(sq);
        if (total <= maxNorm || total == 0) return;
        foreach (var v in vars) Scale(v.Gradient!, maxNorm / total);
    }

    public override string ToString() => KerasName;
}
