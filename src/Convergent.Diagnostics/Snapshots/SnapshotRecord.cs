namespace Convergent.Diagnostics;

/// <summary>
/// What the <see cref="SnapshotRecorder"/> kept of a run beyond the per-step series: conv filters at a few epochs, the
/// confusion matrix at the end, and the decision boundary at the end for 2-D inputs. Empty for a record from a log.
/// </summary>
public sealed class SnapshotRecord
{
    /// <summary>Filter snapshots in the order taken (per snapshot moment, one per Conv2D layer in model order).</summary>
    public List<FilterSnapshot> Filters { get; } = [];

    /// <summary>The confusion matrix at the end of training (null when not a classification run, or not recorded).</summary>
    public ConfusionMatrix? Confusion { get; set; }

    /// <summary>The decision boundary at the end of training (null unless the inputs are 2-D and the task a classification).</summary>
    public DecisionBoundary? Boundary { get; set; }
}
