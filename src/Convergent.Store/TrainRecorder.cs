using Convergent.Diagnostics;
using Convergent.Nn;

namespace Convergent.Store;

/// <summary>
/// Records a plain training run (<c>convergent train</c>, or any <see cref="Model.Fit"/>) into a store: a Keras
/// callback that writes each batch's loss and learning rate as per-step series and each epoch's logs (names
/// normalized as the doctor's record does: <c>acc</c> → <c>accuracy</c>, <c>learning_rate</c> → <c>lr</c>).
/// Without the doctor's probes there are no per-layer series. Call <see cref="Complete"/> or <see cref="Fail"/> after Fit.
/// </summary>
public sealed class TrainRecorder : Callback
{
    private readonly RunWriter _writer;
    private readonly Series _loss = new("loss");
    private readonly Series _lr = new("lr");
    private long _step = -1;
    private int _epochOffset;
    private bool _nan;

    /// <summary>A recorder writing through <paramref name="writer"/>.</summary>
    public TrainRecorder(RunWriter writer)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _writer.Track("", _loss);
        _writer.Track("", _lr);
    }

    /// <summary>The writer of the run.</summary>
    public RunWriter Writer => _writer;

    public override void OnTrainBegin() => _epochOffset = 0;

    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        _step++;
        double loss = logs.Loss ?? double.NaN;
        if (!double.IsFinite(loss)) _nan = true;
        _loss.Add(_step, loss);
        double? lr = logs["learning_rate"] ?? logs["lr"] ?? (Model?.Optimizer is { } o ? o.LearningRate : null);
        if (lr is double l) _lr.Add(_step, l);
        _writer.Step(_step);
    }

    public override void OnEpochEnd(int epoch, Logs logs) =>
        _writer.Epoch(epoch + 1 + _epochOffset, logs.Select(kv => new KeyValuePair<string, double>(EpochTable.NormalizeName(kv.Key), kv.Value)));

    /// <summary>Ends the run: diverged when a batch loss was not finite, else completed.</summary>
    public void Complete() => _writer.Finish(new RunEnd(_nan ? RunStatus.Diverged : RunStatus.Completed));

    /// <summary>Ends the run as failed with <paramref name="error"/>'s message.</summary>
    public void Fail(Exception error) => _writer.Finish(new RunEnd(RunStatus.Failed) { Error = error.Message });
}
