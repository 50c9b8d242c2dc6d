namespace Convergent.Nn;

/// <summary>Fans every hook out to a list of callbacks, in order.</summary>
public sealed class CallbackList : Callback
{
    private readonly List<Callback> _callbacks;

    public CallbackList(IEnumerable<Callback> callbacks) => _callbacks = [.. callbacks];

    /// <summary>The callbacks in call order.</summary>
    public IReadOnlyList<Callback> Items => _callbacks;

    public override void SetModel(Model model) { base.SetModel(model); foreach (var c in _callbacks) c.SetModel(model); }

    public override void OnTrainBegin() { foreach (var c in _callbacks) c.OnTrainBegin(); }
    public override void OnTrainEnd(Logs logs) { foreach (var c in _callbacks) c.OnTrainEnd(logs); }
    public override void OnEpochBegin(int epoch) { foreach (var c in _callbacks) c.OnEpochBegin(epoch); }
    public override void OnEpochEnd(int epoch, Logs logs) { foreach (var c in _callbacks) c.OnEpochEnd(epoch, logs); }
    public override void OnTrainBatchBegin(int batch) { foreach (var c in _callbacks) c.OnTrainBatchBegin(batch); }
    public override void OnTrainBatchEnd(int batch, Logs logs) { foreach (var c in _callbacks) c.OnTrainBatchEnd(batch, logs); }
    public override void OnTestBegin() { foreach (var c in _callbacks) c.OnTestBegin(); }
    public override void OnTestEnd(Logs logs) { foreach (var c in _callbacks) c.OnTestEnd(logs); }
}
