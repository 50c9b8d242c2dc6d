using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// The training doctor: builds the facts about model and data, runs the quick probes and the before-training rules,
/// trains the model with <see cref="DoctorProbe"/> attached while the during-training rules stream over the record
/// (findings are raised through <see cref="FindingPosted"/> as soon as they hold), runs the after-training rules, and
/// links and ranks everything into a <see cref="Diagnosis"/>. The fit loop itself is the engine's, unchanged.
/// </summary>
public sealed class Doctor
{
    /// <summary>Creates a doctor with <paramref name="options"/> (defaults when null).</summary>
    public Doctor(DoctorOptions? options = null)
    {
        Options = options ?? new DoctorOptions();
        Options.Probes.Validate();
        Options.Snapshots.Validate();
    }

    /// <summary>The options.</summary>
    public DoctorOptions Options { get; }

    /// <summary>Raised for each finding the moment it is posted (before, during or after training).</summary>
    public event Action<Finding>? FindingPosted;

    /// <summary>Raised when a quick probe starts (its name), for progress output.</summary>
    public event Action<string>? QuickProbeStarted;

    /// <summary>Raised with the run's record as soon as it is made (model and data facts in, nothing trained yet), so
    /// observers such as the run store can follow the run through <see cref="StepRecorded"/> and <see cref="EpochRecorded"/>.</summary>
    public event Action<RunRecord>? RecordStarted;

    /// <summary>Raised after a training step's statistics are in the record (the global step, 0-based).</summary>
    public event Action<long>? StepRecorded;

    /// <summary>Raised after an epoch's values are in the record (the epoch, 1-based).</summary>
    public event Action<int>? EpochRecorded;

    /// <summary>
    /// Diagnoses training <paramref name="modelFactory"/>'s model on (<paramref name="x"/>, <paramref name="y"/>) as
    /// <paramref name="fit"/> says. The factory must return a new compiled model on each call (quick probes train
    /// their own copies); the first model it returns is the one trained and returned.
    /// </summary>
    public DoctorResult Run(Func<Model> modelFactory, Tensor x, Tensor y, FitSettings? fit = null)
    {
        ArgumentNullException.ThrowIfNull(modelFactory);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        fit ??= new FitSettings();
        var model = modelFactory();
        if (model.Optimizer is null || model.Loss is null)
            throw new InvalidOperationException("The model factory must return a compiled model (Compile(optimizer, loss) before returning it).");
        if (!model.Built) model.Build(new Shape(x.Shape.ToArray()[1..]), x.DType);

        var record = NewRecord(model, x, y, fit);
        RecordStarted?.Invoke(record);
        var problems = new List<string>();
        RunQuickProbes(modelFactory, x, y, fit, record, problems);

        // With both shares set, the probe's statistics and the rule checks take their steps from one budget of both shares
        // (two budgets would each count the other's cost as part of a plain step); the checks then run on measured steps.
        var probeOptions = Options.Probes;
        bool shared = false;
        if (probeOptions.MaxTimeShare is double probeShare && Options.RuleTimeShare is double ruleShare)
        {
            probeOptions = probeOptions with { MaxTimeShare = Math.Min(1, probeShare + ruleShare) };
            shared = true;
        }
        var probe = new DoctorProbe(record, probeOptions);
        var engine = new RuleEngine(record, Options.Rules())
        {
            MaxTimeShare = shared ? null : Options.RuleTimeShare,
            SharedBudget = shared ? probe.Budget : null,
        };
        engine.Posted += f => FindingPosted?.Invoke(f);
        engine.RunBefore();

        var nanStop = new NanStop(record, Options.StopOnNan);
        probe.StepRecorded += step => { engine.OnStep(step); nanStop.Check(step); StepRecorded?.Invoke(step); };
        probe.EpochRecorded += epoch => { engine.OnEpoch(epoch); EpochRecorded?.Invoke(epoch); };
        var callbacks = new List<Callback> { probe, nanStop, new SnapshotRecorder(record, x, y, fit, Options.Snapshots) };
        BudgetCallback? budget = Options.MaxDuration is TimeSpan max ? new BudgetCallback(max) : null;
        if (budget is not null) callbacks.Add(budget);
        callbacks.AddRange(fit.Callbacks);

        History history;
        using (probe.Attach(model))
        {
            history = model.Fit(x, y, batchSize: fit.BatchSize, epochs: fit.Epochs, verbose: fit.Verbose, callbacks: callbacks,
                validationSplit: fit.ValidationData is null ? fit.ValidationSplit : 0, validationData: fit.ValidationData,
                shuffle: fit.Shuffle, classWeight: fit.ClassWeight);
        }
        if (record.Training.Stopped == StopReason.Completed)
        {
            if (budget is { Expired: true }) record.Training.Stopped = StopReason.TimeBudget;
            else if (history.Epochs.Count < fit.Epochs) record.Training.Stopped = StopReason.EarlyStopping;
        }
        engine.RunAfter();
        problems.AddRange(engine.Errors.Select(e => $"rule {e.Rule.Code} failed: {e.Error.Message}"));
        return new DoctorResult(record, Diagnosis.Of(engine.Findings, record.Training.Stopped), model, history) { Problems = problems };
    }

    /// <summary>
    /// The static checks only (CLI <c>check</c>): model facts, and data facts when data is given, judged by the
    /// before-training rules — no quick probe, no step taken.
    /// </summary>
    public DoctorResult Check(Model model, Tensor? x = null, Tensor? y = null, FitSettings? fit = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        fit ??= new FitSettings();
        if (!model.Built)
        {
            if (x is null) throw new InvalidOperationException($"Model '{model.Name}' is not built and no data was given to build it from: give it an input shape.");
            model.Build(new Shape(x.Shape.ToArray()[1..]), x.DType);
        }
        var record = x is not null && y is not null ? NewRecord(model, x, y, fit) : NewRecord(model, null, null, fit);
        RecordStarted?.Invoke(record);
        var engine = new RuleEngine(record, Options.Rules());
        engine.Posted += f => FindingPosted?.Invoke(f);
        engine.RunBefore();
        return new DoctorResult(record, Diagnosis.Of(engine.Findings), model, null)
        { Problems = engine.Errors.Select(e => $"rule {e.Rule.Code} failed: {e.Error.Message}").ToList() };
    }

    private RunRecord NewRecord(Model model, Tensor? x, Tensor? y, FitSettings fit)
    {
        var record = new RunRecord { Source = Options.Source, Model = ModelFacts.From(model, Options.Source) };
        var t = TrainingFacts.From(model);
        t.BatchSize = fit.BatchSize;
        t.PlannedEpochs = fit.Epochs;
        t.ValidationSplit = fit.ValidationData is null ? fit.ValidationSplit : 0;
        t.Shuffle = fit.Shuffle;
        record.Training = t;
        if (x is not null && y is not null)
        {
            bool channelsFirst = record.Model.Layers.FirstOrDefault(l => l.IsConvolution || l.IsPooling)?.ChannelsFirst ?? false;
            record.Data = DataFacts.Compute(x, y, fit.ValidationData is null ? fit.ValidationSplit : 0, fit.ValidationData, channelsFirst);
        }
        return record;
    }

    private void RunQuickProbes(Func<Model> factory, Tensor x, Tensor y, FitSettings fit, RunRecord record, List<string> problems)
    {
        if (Options.QuickProbes.Count == 0) return;
        int trainRows = fit.ValidationData is null && fit.ValidationSplit > 0 ? Model.ValidationSplitIndex(x.Shape[0], fit.ValidationSplit) : x.Shape[0];
        var rows = Enumerable.Range(0, trainRows).ToArray();
        var tx = trainRows == x.Shape[0] ? x : QuickProbeContext.Rows(x, rows);
        var ty = trainRows == y.Shape[0] ? y : QuickProbeContext.Rows(y, rows);
        var context = new QuickProbeContext(factory, tx, ty, Options.QuickProbeBudget, record.Data);
        record.Init = new InitFacts();
        foreach (var p in Options.QuickProbes)
        {
            QuickProbeStarted?.Invoke(p.Name);
            try { p.Run(context, record.Init); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                problems.Add($"quick probe '{p.Name}' failed: {e.Message}");
            }
        }
    }

    /// <summary>Stops training at the first non-finite batch loss, so a diverged run ends cleanly with its report.</summary>
    private sealed class NanStop(RunRecord record, bool enabled) : Callback
    {
        public void Check(long step)
        {
            if (!enabled || record.Steps.Loss.At(step) is not double l || double.IsFinite(l)) return;
            record.Training.Stopped = StopReason.Nan;
            if (Model is not null) Model.StopTraining = true;
        }
    }
}
