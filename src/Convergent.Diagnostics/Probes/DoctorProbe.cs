using System.Runtime.InteropServices;
using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// The doctor's probe: plugged into the engine's extension points only — a layer probe (after each forward), a
/// training probe (after backward, after the update) and a callback (epoch logs) — it fills a <see cref="RunRecord"/>
/// with fixed-size summaries per mini-batch and per layer, computed in one pass per tensor, keeping no tensor:
/// activation mean/std/min/max and NaN/Inf count; the share of ReLU units zero for the whole batch and of tanh/sigmoid
/// units with |pre-activation| ≥ 5 for the whole batch (chosen by the layer's activation kind, never its name); the
/// output layer's mean largest probability and predicted classes; per weight the gradient L2 norm, mean |g|, NaN/Inf
/// count, weight norm and update/weight ratio; histograms at a lower rate.
/// <code>
/// var probe = new DoctorProbe();
/// model.Fit(x, y, epochs: 5, callbacks: [probe]);          // attaches itself for the duration of Fit
/// var g = probe.Record.Layer("dense_1").GradientNorm;     // (step, ‖g‖) for every mini-batch
/// </code>
/// </summary>
public sealed class DoctorProbe : Callback, ILayerProbe, ITrainingProbe
{
    private sealed class Slot(Layer layer, LayerRecord record, int index)
    {
        public readonly Layer Layer = layer;
        public readonly LayerRecord Record = record;
        public readonly int Index = index;
        public int Position;   // index in _ordered
        public ActivationKind Kind = layer.ActivationFunction?.Kind ?? ActivationKind.Linear;
        public bool IsOutput;
        public bool ChannelsFirst;
        // the layer's trainable weights with their columns, one array walked every step
        public WeightSlot[] WeightSlots = [];
        // the record's columns in the run's statistics frame: a step's values go into one row (SeriesFrame.Row)
        public readonly int Mean = record.ActivationMean.Column, Std = record.ActivationStd.Column, Min = record.ActivationMin.Column,
            Max = record.ActivationMax.Column, NonFinite = record.NonFiniteActivations.Column, DeadColumn = record.DeadShare.Column,
            SaturatedColumn = record.SaturatedShare.Column, GradientNorm = record.GradientNorm.Column,
            GradientMeanAbs = record.GradientMeanAbs.Column, NonFiniteGradients = record.NonFiniteGradients.Column,
            WeightNorm = record.WeightNorm.Column, UpdateRatio = record.UpdateRatio.Column;
    }

    private readonly Dictionary<Layer, Slot> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly List<Slot> _ordered = [];
    private Slot[] _slotArray = [];
    private readonly Dictionary<Variable, (Slot Slot, WeightColumns Columns)> _variables = new(ReferenceEqualityComparer.Instance);
    private int _maxProbabilityColumn, _majorityColumn;

    /// <summary>A weight and its columns.</summary>
    private readonly record struct WeightSlot(Variable Variable, WeightColumns Columns);

    /// <summary>A weight record's columns in the statistics frame.</summary>
    private readonly record struct WeightColumns(int GradientNorm, int GradientMeanAbs, int NonFiniteGradients, int WeightNorm, int UpdateRatio)
    {
        public WeightColumns(WeightRecord w)
            : this(w.GradientNorm.Column, w.GradientMeanAbs.Column, w.NonFiniteGradients.Column, w.WeightNorm.Column, w.UpdateRatio.Column) { }
    }
    private readonly List<IDisposable> _attachments = [];
    private IDisposable? _trainingAttachment;
    private Model? _model;
    private bool _autoAttached;
    private long[] _epochCounts = [];
    private long[] _batchCounts = [];
    private readonly Stopwatch _epochWatch = new();
    private int _epochOffset;
    private LayerSums[] _layerSums = [];   // per slot position: the step's sums over the layer's weights

    /// <summary>A layer's sums over its weights in one step: gradients (Σg², Σ|g|, finite and non-finite entries) and
    /// updates (Σ‖Δw‖², Σ‖w‖²), and whether any weight had each.</summary>
    private struct LayerSums
    {
        public double GradientSquares, GradientMagnitudes, Update, Weight;
        public long GradientCount, GradientNonFinite;
        public bool Gradients, Updates;
    }

    /// <summary>An updated variable's slot and columns, cached by its position in the optimizer's list.</summary>
    /// <summary>(The layer's position and the weight's size are copied in: no trip through three objects per weight per step.)</summary>
    private readonly record struct UpdateTarget(Variable? Variable, int Position, long Size, WeightColumns Columns);
    private long _batchStep = -1;
    private double _batchLr, _runningMean;
    private int _epochNumber = 1;
    private long _decidedStep = -1, _lossStep = -1;
    // only a time budget reads the clock, once per step: every-step probing reads no timestamps
    private readonly OverheadBudget? _budget;

    /// <summary>Steps at the start of training whose statistics are always taken, whatever the time budget.</summary>
    public const int WarmUpSteps = 20;
    private bool _statsStep;

    /// <summary>Creates a probe writing into <paramref name="record"/> (a new one when null).</summary>
    public DoctorProbe(RunRecord? record = null, ProbeOptions? options = null)
    {
        Record = record ?? new RunRecord();
        _maxProbabilityColumn = Record.Output.MaxProbability.Column;
        _majorityColumn = Record.Output.MajorityPredictionShare.Column;
        Options = options ?? new ProbeOptions();
        Options.Validate();
        if (Options.MaxTimeShare is double share) _budget = new OverheadBudget(share) { WarmUpSteps = WarmUpSteps };
        _histogramEvery = Options.HistogramEvery;
        _recordInference = Options.RecordInference;
        _sampling = Options.MaxTimeShare is not null || Options.StatsEvery > 1;
        _maxUnits = Options.MaxUnitsSampled;
        _saturationBound = Options.SaturationBound;
        _saturationBound32 = (float)_saturationBound;
    }

    // the options read on every forward, copied once (the options are immutable): no trip to another object per layer
    private readonly bool _recordInference;
    // whether some steps are sat out (a time budget or StatsEvery > 1): only then do the batch callbacks have work
    private readonly bool _sampling;
    private readonly int _maxUnits;
    private readonly double _saturationBound;
    private readonly float _saturationBound32;

    private long _histogramEvery;   // Options.HistogramEvery, doubled each time the histograms are thinned
    private long _nextHistogram;    // the next multiple of _histogramEvery: a compare per step, not a 64-bit division per layer
    private bool _histogramStep;

    private bool IsHistogramStep(long step)
    {
        if (_histogramEvery <= 0) return false;
        if (step < _nextHistogram - _histogramEvery || step > _nextHistogram)
            _nextHistogram = (step + _histogramEvery - 1) / _histogramEvery * _histogramEvery;   // a jump (a new run, a resumed one)
        if (step != _nextHistogram) return false;
        _nextHistogram += _histogramEvery;
        return true;
    }

    /// <summary>The record being filled.</summary>
    public RunRecord Record { get; }

    /// <summary>The budget deciding the statistics steps (from <see cref="ProbeOptions.MaxTimeShare"/>), or null.</summary>
    public OverheadBudget? Budget => _budget;

    /// <summary>The sampling knobs.</summary>
    public ProbeOptions Options { get; }

    /// <summary>Raised after a step's statistics are recorded (global step, 0-based) — where streaming rules run.</summary>
    public event Action<long>? StepRecorded;

    /// <summary>Raised after an epoch's logs are recorded (1-based epoch).</summary>
    public event Action<int>? EpochRecorded;

    /// <summary>Attaches to every layer of <paramref name="model"/> and to the model's training loop; dispose the result to
    /// detach. (Passing the probe to <see cref="Model.Fit"/> as a callback attaches it automatically.)</summary>
    public IDisposable Attach(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_model is not null && !ReferenceEquals(_model, model))
            throw new InvalidOperationException($"This probe is attached to model '{_model.Name}'; use one probe per model.");
        if (_attachments.Count > 0) return new Detacher(this);
        _model = model;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var l = model.Layers[i];
            if (!_slots.TryGetValue(l, out var slot))
            {
                slot = new Slot(l, Record.AddLayer(l.Name), i)
                {
                    ChannelsFirst = ConfigValues.Text(SafeConfig(l)?.GetValueOrDefault("data_format")) == "channels_first",
                };
                _slots[l] = slot;
                slot.Position = _ordered.Count;
                _ordered.Add(slot);
                _slotArray = [.. _ordered];
            }
            _attachments.Add(l.AttachProbe(this));
        }
        if (_ordered.Count > 0) _ordered[^1].IsOutput = true;
        _trainingAttachment = model.AttachProbe(this);
        if (model.Built) OnBuilt(model);
        return new Detacher(this);
    }

    private sealed class Detacher(DoctorProbe probe) : IDisposable
    {
        public void Dispose() => probe.Detach();
    }

    private void Detach()
    {
        foreach (var a in _attachments) a.Dispose();
        _attachments.Clear();
        _trainingAttachment?.Dispose();
        _trainingAttachment = null;
    }

    private static IReadOnlyDictionary<string, object?>? SafeConfig(Layer l)
    {
        try { return l.GetConfig(); } catch (Exception e) when (e is NotSupportedException or InvalidOperationException) { return null; }
    }

    /// <summary>Fills model facts and weight records once the model has its weights.</summary>
    private void OnBuilt(Model model)
    {
        Record.Model ??= ModelFacts.From(model);
        if (Record.Training.Optimizer is null)
        {
            var t = TrainingFacts.From(model);
            t.BatchSize = Record.Training.BatchSize; t.PlannedEpochs = Record.Training.PlannedEpochs;
            t.ValidationSplit = Record.Training.ValidationSplit; t.Shuffle = Record.Training.Shuffle;
            Record.Training = t;
        }
        foreach (var slot in _ordered)
        {
            slot.Kind = slot.Layer.ActivationFunction?.Kind ?? ActivationKind.Linear;
            foreach (var v in slot.Layer.TrainableWeights)
            {
                if (_variables.ContainsKey(v)) continue;
                var w = slot.Record.AddWeight(v.Name, v.Shape.ToArray());
                var columns = new WeightColumns(w);
                slot.WeightSlots = [.. slot.WeightSlots, new WeightSlot(v, columns)];
                _variables[v] = (slot, columns);
            }
        }
    }

    // ------------------------------------------------------------------ callback hooks

    public override void OnTrainBegin()
    {
        if (_attachments.Count == 0 && Model is not null) { Attach(Model); _autoAttached = true; }
        if (_model is { Built: true } m) OnBuilt(m);
        _epochOffset = -1;
        _budget?.Pause();   // the time before this Fit is not training time
    }

    public override void OnTrainEnd(Convergent.Nn.Logs logs)
    {
        if (_autoAttached) { Detach(); _autoAttached = false; }
    }

    public override void OnEpochBegin(int epoch)
    {
        if (_epochOffset < 0)
        {
            int last = Record.Epochs.Count > 0 ? Record.Epochs.Numbers[^1] : 0;
            _epochOffset = epoch + 1 <= last ? last - epoch : 0;   // a second Fit that restarts at epoch 0 continues the numbering
        }
        Array.Clear(_epochCounts);
        _epochWatch.Restart();
        _epochNumber = epoch + 1 + Math.Max(_epochOffset, 0);
        _runningMean = 0;
    }

    /// <summary>Decides, before the step runs, whether it is a statistics step. On the others (when sampling: a time
    /// budget or <see cref="ProbeOptions.StatsEvery"/> &gt; 1) the probe leaves the model's training loop entirely, so the
    /// engine does not even track the optimizer's updates, and the batch loss is recovered from Keras's running mean.</summary>
    public override void OnTrainBatchBegin(int batch)
    {
        if (!_sampling && _trainingAttachment is not null) return;   // every step measured: the training hooks see them all
        if (_model?.Optimizer is not { } opt) return;
        long step = opt.Iterations;
        bool stats = StatsThisStep(step);
        _batchStep = step;
        _batchLr = opt.CurrentLearningRate;
        if (stats && _trainingAttachment is null && _attachments.Count > 0) _trainingAttachment = _model.AttachProbe(this);
        else if (!stats && _sampling && _trainingAttachment is not null) { _trainingAttachment.Dispose(); _trainingAttachment = null; }
    }

    /// <summary>Records the loss of a step the probe sat out: Keras logs the running mean m_b over the epoch's batches, so
    /// a full batch's loss is (b + 1)·m_b − b·m_(b−1) (exact for equal batches; the last, smaller batch is approximate).</summary>
    public override void OnTrainBatchEnd(int batch, Convergent.Nn.Logs logs)
    {
        if (!_sampling && _trainingAttachment is not null) return;   // the training hooks recorded the step's loss
        double mean = logs.Loss ?? double.NaN;
        if (_batchStep >= 0 && _trainingAttachment is null && _lossStep != _batchStep)
        {
            double loss = batch == 0 ? mean : (batch + 1) * mean - batch * _runningMean;
            Record.Steps.Add(_batchStep, _epochNumber, loss, _batchLr);
            StepRecorded?.Invoke(_batchStep);
        }
        _runningMean = mean;
        _batchStep = -1;
    }

    public override void OnEpochEnd(int epoch, Convergent.Nn.Logs logs)
    {
        _budget?.Pause();   // validation and the epoch's bookkeeping are not the statistics' cost
        int number = epoch + 1 + Math.Max(_epochOffset, 0);
        var values = logs.ToList();
        values.Add(new(EpochTable.SecondsName, _epochWatch.Elapsed.TotalSeconds));
        Record.Epochs.Add(number, values);
        if (_epochCounts.Sum() > 0) Record.Output.PredictedClasses.Add(new PredictedClassCounts(number, (long[])_epochCounts.Clone()));
        EpochRecorded?.Invoke(number);
    }

    // ------------------------------------------------------------------ layer probe

    /// <inheritdoc/>
    public void AfterForward(Layer layer, Tensor input, Tensor output, Tensor? preActivation, bool training)
    {
        if (!training && !_recordInference) return;
        long step = _model?.Optimizer?.Iterations ?? 0;
        if (_decidedStep == step && !_statsStep) return;   // a step the probe sits out: not even the clock is read
        if (!FindSlot(layer, out var slot)) return;
        if (!StatsThisStep(step)) return;
        // straight into the step's row: the forward runs before the step's backward, and a second forward of the same
        // step (a user's own training-mode call) replaces the values
        var row = Record.Statistics.Row(step);
        if (output.DType == DType.Float32) Summarize(slot, output.AsSpan<float>(), output.Shape, preActivation, step, row);
        else Summarize(slot, output.AsSpan<double>(), output.Shape, preActivation, step, row);
    }

    /// <summary>The layer's slot: layers run in model order, so the one after the last found is tried before the dictionary.</summary>
    private bool FindSlot(Layer layer, out Slot slot)
    {
        int next = _lastSlot + 1 < _ordered.Count ? _lastSlot + 1 : 0;
        if (next < _ordered.Count && ReferenceEquals(_ordered[next].Layer, layer)) slot = _ordered[next];
        else if (!_slots.TryGetValue(layer, out slot!)) return false;
        _lastSlot = slot.Position;
        return true;
    }

    private int _lastSlot = -1;
    private UpdateTarget[] _updateTargets = [];

    /// <summary>Whether the per-tensor statistics are taken on <paramref name="step"/>: decided once per step, at its
    /// first hook, from <see cref="ProbeOptions.StatsEvery"/> and the time budget (<see cref="OverheadBudget"/>: the whole
    /// step's extra time is charged, not only the probe's own code; the first <see cref="WarmUpSteps"/> steps are
    /// always measured — the most telling, and they pay the JIT).</summary>
    private bool StatsThisStep(long step)
    {
        if (_decidedStep == step) return _statsStep;
        _decidedStep = step;
        bool allowed = _budget?.BeginStep() ?? true;   // every step, so that the budget sees every step's length
        _statsStep = allowed && (Options.StatsEvery == 1 || step % Options.StatsEvery == 0);
        _histogramStep = IsHistogramStep(step);
        return _statsStep;
    }

    private void Summarize<T>(Slot slot, ReadOnlySpan<T> y, Shape shape, Tensor? pre, long step, SeriesFrame.RowWriter row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = SpanStats.Summarize(y);
        row.Set(slot.Mean, m.Mean);
        row.SetSquare(slot.Std, m.Variance);
        row.Set(slot.Min, m.Min);
        row.Set(slot.Max, m.Max);
        row.Set(slot.NonFinite, m.NonFinite);
        if (slot.Kind == ActivationKind.Relu && DeadShare(slot, y, shape) is var dead && !double.IsNaN(dead)) row.Set(slot.DeadColumn, dead);
        if (pre is not null && IsSaturating(slot.Kind) && pre.Size > 0)
        {
            double saturated = pre.DType == DType.Float32
                ? SaturatedShare(slot, pre.AsSpan<float>(), pre.Shape, _saturationBound32)
                : SaturatedShare(slot, pre.AsSpan<double>(), pre.Shape, _saturationBound);
            if (!double.IsNaN(saturated)) row.Set(slot.SaturatedColumn, saturated);
        }
        if (_histogramStep && m.Count > 0)
        {
            var (counts, nf) = SpanStats.Histogram(y, m.Min, m.Max, Options.HistogramBins);
            slot.Record.ActivationHistograms.Add(new Histogram(step, m.Min, m.Max, counts, nf));
        }
        if (slot.IsOutput && shape.Rank >= 1) OutputStats(slot, y, shape, row);
    }

    /// <summary>A buffer of <paramref name="k"/> per-unit values, shared by every layer (one layer is summarized at a time):
    /// the same few cache lines every time, not one array per layer.</summary>
    private Span<T> UnitScratch<T>(int k) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            if (_units32.Length < k) _units32 = new float[k];
            return System.Runtime.InteropServices.MemoryMarshal.Cast<float, T>(_units32.AsSpan(0, k));
        }
        if (_units64.Length < k) _units64 = new double[k];
        return System.Runtime.InteropServices.MemoryMarshal.Cast<double, T>(_units64.AsSpan(0, k));
    }

    private float[] _units32 = [];
    private double[] _units64 = [];

    private static bool IsSaturating(ActivationKind k) =>
        k is ActivationKind.Tanh or ActivationKind.Sigmoid or ActivationKind.HardSigmoid or ActivationKind.Softsign;

    /// <summary>Share of units (last-axis features; channels of channels-first maps) whose output is ≤ 0 for every
    /// element of the batch: a running elementwise max over rows (<see cref="SpanStats.ColumnMax{T}"/>), then a count. A unit
    /// with a NaN in the batch counts as neither dead nor alive-and-well: its NaN is the NaN finding's business.</summary>
    private double DeadShare<T>(Slot slot, ReadOnlySpan<T> y, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.IsEmpty || shape.Rank < 2) return double.NaN;
        bool cf = slot.ChannelsFirst && shape.Rank >= 3;
        var dims = shape.AsSpan();   // the span: the indexer normalizes negative axes on every call
        int units = cf ? dims[1] : dims[^1];
        int k = Math.Min(units, _maxUnits);
        var acc = UnitScratch<T>(k);
        acc.Fill(T.NegativeInfinity);
        if (cf)
        {
            int inner = shape.Product(2, shape.Rank), n = shape[0];
            for (int b = 0; b < n; b++)
                for (int c = 0; c < k; c++)
                    acc[c] = T.Max(acc[c], TensorPrimitives.Max(y.Slice((b * units + c) * inner, inner)));
        }
        else SpanStats.ColumnMax(y, units, acc);
        int dead = 0;
        foreach (var v in acc) if (v <= T.Zero) dead++;
        return (double)dead / k;
    }

    /// <summary>Share of units (as in <see cref="DeadShare"/>) whose pre-activation is at or beyond ±<paramref name="bound"/>
    /// for every element of the batch: such a unit passes back almost no gradient from this batch (tanh′(5) ≈ 1.8e-4) —
    /// the saturating twin of a dead ReLU. A unit saturated on only part of the batch is not counted: with inputs far from
    /// its decision boundary a well-trained tanh/sigmoid unit is flat there by design, and the samples near the boundary
    /// still train it. A running elementwise min of |z| over rows (<see cref="SpanStats.ColumnMinMagnitude{T}"/>), then a
    /// count (a unit with a NaN is not counted).</summary>
    private double SaturatedShare<T>(Slot slot, ReadOnlySpan<T> z, Shape shape, T bound) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (z.IsEmpty || shape.Rank < 2) return double.NaN;
        bool cf = slot.ChannelsFirst && shape.Rank >= 3;
        var dims = shape.AsSpan();   // the span: the indexer normalizes negative axes on every call
        int units = cf ? dims[1] : dims[^1];
        int k = Math.Min(units, _maxUnits);
        var acc = UnitScratch<T>(k);
        acc.Fill(T.PositiveInfinity);
        if (cf)
        {
            int inner = shape.Product(2, shape.Rank), n = shape[0];
            for (int b = 0; b < n; b++)
                for (int c = 0; c < k; c++)
                    acc[c] = T.MinMagnitude(acc[c], TensorPrimitives.MinMagnitude(z.Slice((b * units + c) * inner, inner)));
        }
        else SpanStats.ColumnMinMagnitude(z, units, acc);
        int saturated = 0;
        foreach (var v in acc) if (T.Abs(v) >= bound) saturated++;
        return (double)saturated / k;
    }

    private void OutputStats<T>(Slot slot, ReadOnlySpan<T> y, Shape shape, SeriesFrame.RowWriter statistics) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = shape.AsSpan()[^1];
        if (c < 1 || y.IsEmpty) return;
        int rows = y.Length / c;
        int classes = Math.Max(c, 2);
        if (_epochCounts.Length != classes) { _epochCounts = new long[classes]; }
        if (_batchCounts.Length != classes) _batchCounts = new long[classes];
        Array.Clear(_batchCounts);
        bool probabilities = slot.Kind is ActivationKind.Softmax or ActivationKind.Sigmoid;
        double sumMax = 0;
        for (int r = 0; r < rows; r++)
        {
            var row = y.Slice(r * c, c);
            int cls; double pmax;
            if (c == 1)
            {
                double z = double.CreateTruncating(row[0]);
                double p = probabilities ? z : 1 / (1 + Math.Exp(-z));
                cls = p >= 0.5 ? 1 : 0;
                pmax = Math.Max(p, 1 - p);
            }
            else
            {
                cls = c == 2 ? IndexOfMax2(row[0], row[1]) : c <= SmallClasses ? IndexOfMax(row) : TensorPrimitives.IndexOfMax(row);
                if (cls < 0) cls = 0;
                double top = double.CreateTruncating(row[cls]);
                if (probabilities) pmax = top;
                else
                {
                    // softmax of logits: the largest probability is 1 / Σ exp(z − max)
                    double s = 0;
                    foreach (var v in row) s += Math.Exp(double.CreateTruncating(v) - top);
                    pmax = 1 / s;
                }
            }
            _batchCounts[cls]++;
            sumMax += pmax;
        }
        long most = 0;
        for (int k = 0; k < classes; k++) { _epochCounts[k] += _batchCounts[k]; most = Math.Max(most, _batchCounts[k]); }
        statistics.Set(_maxProbabilityColumn, rows > 0 ? sumMax / rows : double.NaN);
        statistics.Set(_majorityColumn, rows > 0 ? (double)most / rows : double.NaN);
    }

    /// <summary>Up to this many classes a row's arg-max is a plain loop (a library call per row of 2 classes costs more
    /// than the comparison).</summary>
    private const int SmallClasses = 16;

    /// <summary><see cref="IndexOfMax{T}(ReadOnlySpan{T})"/> of two classes without a jump (which of two random
    /// probabilities is larger is a coin flip for the branch predictor).</summary>
    private static int IndexOfMax2<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int second = b > a ? 1 : 0, nanA = T.IsNaN(a) ? 1 : 0, nanB = T.IsNaN(b) ? 1 : 0;
        return (second | nanB) & (1 - nanA);
    }

    /// <summary>Index of the largest value, the first of equals; a NaN wins (the first one), as TensorPrimitives.IndexOfMax.</summary>
    private static int IndexOfMax<T>(ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        T top = row[0];
        if (T.IsNaN(top)) return 0;
        for (int j = 1; j < row.Length; j++)
        {
            T v = row[j];
            if (T.IsNaN(v)) return j;
            if (v > top) { top = v; best = j; }
        }
        return best;
    }

    // ------------------------------------------------------------------ training probe

    /// <inheritdoc/>
    public void AfterBackward(TrainingStep step)
    {
        // the step's loss now; its gradient statistics come with the update (AfterUpdate), measured by the optimizer in
        // the pass it makes over each weight anyway. Only the lower-rate histograms read the gradients here.
        long s = step.GlobalStep;
        int epoch = step.Epoch + 1 + Math.Max(_epochOffset, 0);
        Record.Steps.Add(s, epoch, step.Loss, step.LearningRate);
        _lossStep = s;
        if (!StatsThisStep(s) || !_histogramStep) return;
        foreach (var slot in _slotArray)
        {
            var weights = slot.WeightSlots;
            if (weights.Length > 0 && weights[0].Variable.Gradient is { Size: > 0 } g && GradientHistogram(g, s) is { } h)
                slot.Record.GradientHistograms.Add(h);
        }
        BoundHistograms(s);
    }

    /// <summary>Keeps each layer's histogram lists within <see cref="ProbeOptions.MaxHistograms"/>: past it, the first
    /// eighth stays and the rest keeps the steps that are multiples of twice the current interval, which doubles — the
    /// histograms stay evenly spaced, and a long run's record does not grow with it.</summary>
    private void BoundHistograms(long step)
    {
        int most = 0;
        foreach (var slot in _ordered) most = Math.Max(most, Math.Max(slot.Record.ActivationHistograms.Count, slot.Record.GradientHistograms.Count));
        if (most <= Options.MaxHistograms) return;
        long next = 2 * _histogramEvery;
        int head = Options.MaxHistograms / 8;
        foreach (var slot in _ordered)
        {
            Thin(slot.Record.ActivationHistograms);
            Thin(slot.Record.GradientHistograms);
        }
        _histogramEvery = next;
        _nextHistogram = (step / next + 1) * next;

        void Thin(List<Histogram> list)
        {
            if (list.Count <= head) return;
            long after = list[head - 1].Step;
            list.RemoveAll(h => h.Step > after && h.Step % next != 0);
        }
    }

    /// <summary>The histogram of a gradient's finite entries (null when it has none).</summary>
    private Histogram? GradientHistogram(Tensor g, long step)
    {
        if (g.DType == DType.Float32)
        {
            var m = SpanStats.Summarize<float>(g.AsSpan<float>());
            if (m.Count == 0) return null;
            var (c, nf) = SpanStats.Histogram<float>(g.AsSpan<float>(), m.Min, m.Max, Options.HistogramBins);
            return new Histogram(step, m.Min, m.Max, c, nf);
        }
        var md = SpanStats.Summarize<double>(g.AsSpan<double>());
        if (md.Count == 0) return null;
        var (cd, nfd) = SpanStats.Histogram<double>(g.AsSpan<double>(), md.Min, md.Max, Options.HistogramBins);
        return new Histogram(step, md.Min, md.Max, cd, nfd);
    }

    /// <inheritdoc/>
    public void AfterUpdate(TrainingStep step, VariableUpdates updates)
    {
        // The optimizer measured the step it made (Optimizer.Apply with tracking: sums in its fused update pass for a large
        // weight, a copy compared after the step for a small one) and the raw gradient it started from; here the sums are
        // only added up per layer and stored. A gradient it did not measure (a list made by hand) is measured here.
        long s = step.GlobalStep;
        if (StatsThisStep(s) && updates.Count > 0)
        {
            var slots = _slotArray;
            if (_layerSums.Length != slots.Length) _layerSums = new LayerSums[slots.Length];
            var layers = _layerSums.AsSpan();
            layers.Clear();
            var row = Record.Statistics.Row(s);
            var variables = updates.Variables;
            var updateSquares = updates.SquaredUpdateNorms;
            var weightSquares = updates.SquaredWeightNorms;
            var gradients = updates.Gradients;
            if (_updateTargets.Length < variables.Length) Array.Resize(ref _updateTargets, variables.Length);
            var targets = _updateTargets.AsSpan(0, variables.Length);
            for (int i = 0; i < variables.Length; i++)
            {
                // the optimizer lists the same variables in the same order every step: cache the lookup by position
                ref var e = ref targets[i];
                if (!ReferenceEquals(e.Variable, variables[i]))
                {
                    if (!_variables.TryGetValue(variables[i], out var found)) continue;
                    e = new UpdateTarget(variables[i], found.Slot.Position, variables[i].Value.Size, found.Columns);
                }
                ref var l = ref layers[e.Position];
                var c = e.Columns;
                var g = gradients[i];
                if (!g.Measured && variables[i].Gradient is { } gt) g = GradientStatistics.Of(gt);
                if (g.Measured)
                {
                    long n = e.Size - g.NonFinite;
                    row.SetSquare(c.GradientNorm, g.SumOfSquares);
                    row.Set(c.GradientMeanAbs, n > 0 ? g.SumOfMagnitudes / n : double.NaN);
                    row.Set(c.NonFiniteGradients, g.NonFinite);
                    l.GradientSquares += g.SumOfSquares; l.GradientMagnitudes += g.SumOfMagnitudes;
                    l.GradientCount += n; l.GradientNonFinite += g.NonFinite; l.Gradients = true;
                }
                double u2 = updateSquares[i], w2 = weightSquares[i];
                row.SetSquare(c.WeightNorm, w2);
                row.SetSquare(c.UpdateRatio, SquaredRatio(u2, w2));
                l.Update += u2; l.Weight += w2; l.Updates = true;
            }
            for (int k = 0; k < layers.Length; k++)
            {
                ref readonly var l = ref layers[k];
                var slot = slots[k];
                if (l.Gradients)
                {
                    row.SetSquare(slot.GradientNorm, l.GradientSquares);
                    row.Set(slot.GradientMeanAbs, l.GradientCount > 0 ? l.GradientMagnitudes / l.GradientCount : double.NaN);
                    row.Set(slot.NonFiniteGradients, l.GradientNonFinite);
                }
                if (!l.Updates) continue;
                row.SetSquare(slot.WeightNorm, l.Weight);
                row.SetSquare(slot.UpdateRatio, SquaredRatio(l.Update, l.Weight));
            }
        }
        StepRecorded?.Invoke(s);
    }

    /// <summary>(‖Δw‖ / ‖w‖)² from the squares (the series is stored squared: no root on the step).</summary>
    private static double SquaredRatio(double update2, double weight2) =>
        weight2 > 0 ? update2 / weight2 : update2 > 0 ? double.PositiveInfinity : update2 == 0 ? 0 : double.NaN;
}
