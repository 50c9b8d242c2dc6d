using System.Diagnostics;
using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>Stops <see cref="Model.Fit"/> after the batch during which <see cref="Budget"/> ran out, and remembers it did.</summary>
public sealed class BudgetCallback(TimeSpan budget) : Callback
{
    private readonly Stopwatch _watch = new();

    /// <summary>The wall-time limit.</summary>
    public TimeSpan Budget { get; } = budget;

    /// <summary>Whether the budget stopped training.</summary>
    public bool Expired { get; private set; }

    /// <summary>Time since training began.</summary>
    public TimeSpan Elapsed => _watch.Elapsed;

    public override void OnTrainBegin() { _watch.Restart(); Expired = false; }

    public override void OnTrainBatchEnd(int batch, Convergent.Nn.Logs logs)
    {
        if (_watch.Elapsed < Budget || Model is null) return;
        Expired = true;
        Model.StopTraining = true;
    }
}
