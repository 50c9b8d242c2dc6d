namespace Convergent.Nn;

/// <summary>A callback made of delegates, for one-off needs (Keras <c>keras.callbacks.LambdaCallback</c>); hooks
/// left null do nothing.</summary>
public sealed class LambdaCallback(
    Action<int>? onEpochBegin = null,
    Action<int, Logs>? onEpochEnd = null,
    Action<int>? onTrainBatchBegin = null,
    Action<int, Logs>? onTrainBatchEnd = null,
    Action? onTrainBegin = null,
    Action<Logs>? onTrainEnd = null) : Callback
{
    public override void OnEpochBegin(int epoch) => onEpochBegin?.Invoke(epoch);
    public override void OnEpochEnd(int epoch, Logs logs) => onEpochEnd?.Invoke(epoch, logs);
    public override void OnTrainBatchBegin(int batch) => onTrainBatchBegin?.Invoke(batch);
    public override void OnTrainBatchEnd(int batch, Logs logs) => onTrainBatchEnd?.Invoke(batch, logs);
    public override void OnTrainBegin() => onTrainBegin?.Invoke();
    public override void OnTrainEnd(Logs logs) => onTrainEnd?.Invoke(logs);
}
