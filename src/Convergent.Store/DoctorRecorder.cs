using Convergent.Diagnostics;

namespace Convergent.Store;

/// <summary>
/// Records a doctor run into a store as it happens, through the doctor's events only (the fit loop knows nothing of
/// it): the configuration and model summary when the record is made, the per-step series of the record (batch loss
/// and learning rate, every layer's statistics, the output layer's) in chunks, each epoch's values, each finding as it
/// is posted, and at the end the ranked diagnosis and the status.
/// <code>
/// var recorder = DoctorRecorder.Attach(doctor, writer, config);
/// var result = doctor.Run(…);
/// recorder.Complete(result);          // or recorder.Fail(exception)
/// </code>
/// </summary>
public sealed class DoctorRecorder
{
    private readonly RunWriter _writer;
    private readonly RunConfig _config;
    private RunRecord? _record;

    private DoctorRecorder(RunWriter writer, RunConfig config) { _writer = writer; _config = config; }

    /// <summary>The writer of the run.</summary>
    public RunWriter Writer => _writer;

    /// <summary>Subscribes a new recorder to <paramref name="doctor"/>'s events.</summary>
    public static DoctorRecorder Attach(Doctor doctor, RunWriter writer, RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        var r = new DoctorRecorder(writer ?? throw new ArgumentNullException(nameof(writer)), config ?? throw new ArgumentNullException(nameof(config)));
        doctor.RecordStarted += r.OnRecord;
        doctor.StepRecorded += r.OnStep;
        doctor.EpochRecorded += r.OnEpoch;
        doctor.FindingPosted += writer.Finding;
        return r;
    }

    private void OnRecord(RunRecord record)
    {
        _record = record;
        _writer.Describe(RunConfig.ModelJson(record.Model), _config.With(record).ToJson());
        _writer.Track("", record.Steps.Loss);
        _writer.Track("", record.Steps.LearningRate);
        // layers are added to the record as the probe attaches; they are tracked at the first step
    }

    private void OnStep(long step)
    {
        if (_record is null) return;
        foreach (var layer in _record.Layers)
            foreach (var series in layer.AllSeries) _writer.Track(layer.Name, series);
        _writer.Track(SeriesChunk.OutputLayer, _record.Output.MaxProbability);
        _writer.Track(SeriesChunk.OutputLayer, _record.Output.MajorityPredictionShare);
        _writer.Step(step);
    }

    private void OnEpoch(int epoch)
    {
        if (_record is null) return;
        var epochs = _record.Epochs;
        int index = epochs.Count - 1;
        if (index < 0 || epochs.Numbers[index] != epoch) return;
        _writer.Epoch(epoch, epochs.Row(index));
    }

    /// <summary>Ends the run with the doctor's result: the status from how training stopped, the ranked findings and the
    /// verdict of <paramref name="diagnosis"/> (default: the result's own; the CLI passes the one its fix trials completed).</summary>
    public void Complete(DoctorResult result, Diagnosis? diagnosis = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        diagnosis ??= result.Diagnosis;
        _writer.Finish(new RunEnd(RunStatuses.From(result.Record.Training.Stopped))
        {
            Findings = FindingRows.From(diagnosis),
            Verdict = diagnosis.Verdict.ToReportName(),
        });
    }

    /// <summary>Ends the run as failed with <paramref name="error"/>'s message, keeping what was recorded.</summary>
    public void Fail(Exception error) => _writer.Finish(new RunEnd(RunStatus.Failed) { Error = error.Message });
}
