namespace Convergent.Nn;

/// <summary>
/// Base of the callbacks that watch one logged quantity and judge improvements (Keras 3 <c>MonitorCallback</c>):
/// <see cref="EarlyStopping"/>, <see cref="ReduceLROnPlateau"/>, <see cref="ModelCheckpoint"/>.
/// </summary>
/// <remarks>
/// A value improves on a reference when value − δ &lt; reference (min mode) or value − δ &gt; reference (max mode)
/// with δ = |min_delta| signed toward improvement — i.e. it must beat the reference by more than |min_delta|.
/// <see cref="MonitorMode.Auto"/> decides as Keras 3 does — <c>loss</c> (with or without <c>val_</c>) is minimized,
/// a compiled metric of that name goes its own way (<see cref="Metric.HigherIsBetter"/>) — and, where Keras 3 would
/// raise, falls back on Keras 2's rule: maximize names containing <c>acc</c> or <c>auc</c>, minimize the rest.
/// </remarks>
public abstract class MonitorCallback : Callback
{
    private bool? _maximize;
    private bool _warned;

    /// <summary>Stores the monitored name, the mode and |<paramref name="minDelta"/>|.</summary>
    protected MonitorCallback(string monitor, MonitorMode mode, double minDelta)
    {
        if (string.IsNullOrWhiteSpace(monitor)) throw new ArgumentException("Argument `monitor` cannot be blank.", nameof(monitor));
        if (!double.IsFinite(minDelta)) throw new ArgumentException($"Argument `min_delta` must be finite. Received: min_delta={minDelta}", nameof(minDelta));
        Monitor = monitor;
        Mode = mode;
        MinDelta = Math.Abs(minDelta);
    }

    /// <summary>The logged quantity watched, e.g. <c>val_loss</c>.</summary>
    public string Monitor { get; }

    /// <summary>The mode as given.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Minimum change that counts as an improvement (non-negative).</summary>
    public double MinDelta { get; }

    /// <summary>The best value seen so far, or null.</summary>
    public double? Best { get; protected set; }

    /// <summary>Whether larger values are better, resolved from <see cref="Mode"/> on first use.</summary>
    protected bool Maximize => _maximize ??= ResolveMaximize();

    private bool ResolveMaximize()
    {
        if (Mode != MonitorMode.Auto) return Mode == MonitorMode.Max;
        string name = Monitor.StartsWith("val_", StringComparison.Ordinal) ? Monitor[4..] : Monitor;
        if (name == "loss") return false;
        var metric = Model?.Metrics.FirstOrDefault(m => m.Name == name);
        if (metric?.HigherIsBetter is bool up) return up;
        return name.Contains("acc", StringComparison.Ordinal) || name.Contains("auc", StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="current"/> improves on <paramref name="reference"/> (always, when there is none).</summary>
    protected bool IsImprovement(double current, double? reference)
    {
        if (reference is not double r) return true;
        return Maximize ? current - MinDelta > r : current + MinDelta < r;
    }

    /// <summary>The monitored value in <paramref name="logs"/>; when missing, returns null after writing Keras's warning
    /// (once, as Python shows a repeated warning once).</summary>
    protected double? MonitorValue(Logs logs, string what)
    {
        var v = logs[Monitor];
        if (v is null && !_warned)
        {
            _warned = true;
            Model?.Output.WriteLine($"Warning: {what} conditioned on metric `{Monitor}` which is not available. Available metrics are: {string.Join(",", logs.Select(kv => kv.Key))}");
        }
        return v;
    }
}
