namespace Convergent.Nn;

/// <summary>
/// Base of training callbacks (Keras <c>keras.callbacks.Callback</c>): every hook is a no-op to override.
/// Epochs and batches are 0-based, as Keras passes them.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained (set by <see cref="Model.Fit"/>).</summary>
    public Model? Model { get; internal set; }

    /// <summary>Attaches the model outside <see cref="Model.Fit"/> (Keras <c>callback.set_model</c>), e.g. to drive a
    /// callback with logs of one's own.</summary>
    public virtual void SetModel(Model model) => Model = model ?? throw new ArgumentNullException(nameof(model));

    public virtual void OnTrainBegin() { }
    public virtual void OnTrainEnd(Logs logs) { }
    public virtual void OnEpochBegin(int epoch) { }
    public virtual void OnEpochEnd(int epoch, Logs logs) { }
    public virtual void OnTrainBatchBegin(int batch) { }
    public virtual void OnTrainBatchEnd(int batch, Logs logs) { }
    public virtual void OnTestBegin() { }
    public virtual void OnTestEnd(Logs logs) { }
}
