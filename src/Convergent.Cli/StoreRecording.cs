using System.Globalization;
using Convergent.Diagnostics;
using Convergent.Store;

namespace Convergent.Cli;

/// <summary>
/// A CLI run being recorded in the run store: opens the store before training (a bad target fails fast, exit 2),
/// writes the run live through <see cref="DoctorRecorder"/> or <see cref="TrainRecorder"/>, and closes it; a run
/// left without an end (an exception the verb did not handle) is marked failed. Write errors during training become
/// one note on stderr: the training itself goes on.
/// </summary>
internal sealed class StoreRecording : IDisposable
{
    private readonly RunStore _store;
    private readonly RunWriter _writer;
    private readonly DoctorRecorder? _doctor;

    private StoreRecording(RunStore store, RunWriter writer, DoctorRecorder? doctor, TrainRecorder? train)
    {
        _store = store; _writer = writer; _doctor = doctor; Train = train;
        _writer.Warning += message => Console.Error.WriteLine($"convergent: {message}");
    }

    /// <summary>The callback that records a plain Fit (train runs).</summary>
    public TrainRecorder? Train { get; }

    /// <summary>The run's id in the store.</summary>
    public long RunId => _writer.RunId;

    /// <summary>Starts recording a doctor run; null when the request is not to be recorded.</summary>
    public static StoreRecording? ForDoctor(DoctorRequest request, Doctor doctor)
    {
        if (request.Store is not { } target) return null;
        var o = request.Overrides;
        var config = new RunConfig()
            .Set("command", "verb", "doctor").Set("command", "model", request.ModelPath).Set("command", "data", request.DataSpec)
            .Set("command", "epochs", o.Epochs).Set("command", "batch_size", o.BatchSize).Set("command", "optimizer", o.Optimizer)
            .Set("command", "lr", o.LearningRate).Set("command", "loss", o.Loss).Set("command", "validation_split", o.ValidationSplit)
            .Set("command", "seed", request.Seed).Set("command", "threads", request.Threads).Set("command", "target", request.Target)
            .Set("command", "max_seconds", request.MaxSeconds).Set("command", "deterministic", request.Deterministic);
        var store = RunStores.Open(target);
        var writer = new RunWriter(store, new RunStart("doctor", request.ModelPath, request.DataSpec) { Seed = request.Seed, ConfigJson = config.ToJson() });
        return new StoreRecording(store, writer, DoctorRecorder.Attach(doctor, writer, config), null);
    }

    /// <summary>Starts recording a train run with the verb's settings; null for <c>--no-store</c>.</summary>
    public static StoreRecording? ForTrain(string? target, string data, int seed, IEnumerable<(string Key, object? Value)> settings)
    {
        if (target is null) return null;
        var config = new RunConfig().Set("command", "verb", "train").Set("command", "data", data);
        foreach (var (k, v) in settings) config.Set("command", k, v);
        var store = RunStores.Open(target);
        var writer = new RunWriter(store, new RunStart("train", null, data) { Seed = seed, ConfigJson = config.ToJson() });
        return new StoreRecording(store, writer, null, new TrainRecorder(writer));
    }

    /// <summary>Ends a doctor run with its result and final diagnosis (a no-op once the run has ended).</summary>
    public void Complete(DoctorResult result, Diagnosis diagnosis) => _doctor!.Complete(result, diagnosis);

    /// <summary>Ends a train run.</summary>
    public void Complete() => Train!.Complete();

    /// <summary>Ends the run as failed; <paramref name="diagnosis"/> keeps the findings that explain why, when there are some.</summary>
    public void Fail(Exception error, Diagnosis? diagnosis = null) =>
        _writer.Finish(new RunEnd(RunStatus.Failed)
        {
            Error = error.Message,
            Findings = diagnosis is null ? null : FindingRows.From(diagnosis),
            Verdict = diagnosis?.Verdict.ToReportName(),
        });

    /// <summary>One line saying where the run was recorded.</summary>
    public string Summary() => _writer.Error is null
        ? $"Run {RunId.ToString(CultureInfo.InvariantCulture)} recorded in {_store.Description}"
        : $"Run {RunId.ToString(CultureInfo.InvariantCulture)} only partly recorded in {_store.Description}: {_writer.Error.Message}";

    public void Dispose()
    {
        if (!_writer.Finished) _writer.Finish(new RunEnd(RunStatus.Failed) { Error = "the run ended without a result (an error stopped it)" });
        _store.Dispose();
    }
}
