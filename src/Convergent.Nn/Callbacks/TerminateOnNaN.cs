namespace Convergent.Nn;

/// <summary>Stops training as soon as a batch's loss is NaN or infinite (Keras <c>keras.callbacks.TerminateOnNaN</c>).</summary>
/// <remarks>Prints Keras's line <c>Batch N: Invalid loss, terminating training</c> (N 0-based) and sets
/// <see cref="Model.StopTraining"/>; with <c>raise_error</c> it throws instead, as Keras 3 does.</remarks>
public sealed class TerminateOnNaN : Callback
{
    /// <summary>Creates the callback (Keras default <c>raise_error=False</c>).</summary>
    public TerminateOnNaN(bool raiseError = false) => RaiseError = raiseError;

    /// <summary>Whether to throw rather than stop.</summary>
    public bool RaiseError { get; }

    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        if (logs.Loss is not double loss || double.IsFinite(loss)) return;
        if (RaiseError)
            throw new InvalidOperationException($"NaN or Inf loss encountered at batch {batch}. Loss value: {PythonFormat.Repr(loss)}. Terminating training immediately.");
        Model?.Output.WriteLine($"Batch {batch}: Invalid loss, terminating training");
        if (Model is not null) Model.StopTraining = true;
    }
}
