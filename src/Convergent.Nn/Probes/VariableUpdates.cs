using System.Collections;

namespace Convergent.Nn;

/// <summary>
/// What one optimizer step did to each variable it updated (<see cref="Optimizer.Apply"/> with update tracking): ‖Δw‖₂²
/// and ‖w‖₂² after the step, and the statistics of the raw gradient it started from (<see cref="GradientStatistics"/>,
/// measured before any clipping, in the pass that compares the weights for a small one), in the order of the variables. The optimizer reuses one instance from step to step and only
/// the sums change; a probe reads the spans (<see cref="Variables"/>, <see cref="SquaredUpdateNorms"/>,
/// <see cref="SquaredWeightNorms"/>, <see cref="Gradients"/>) or the list view, whose <see cref="VariableUpdate"/>s hold the norms. Squares, not
/// norms, because a probe adds them up per layer and takes one square root of each ratio: two square roots per variable
/// in the optimizer's loop were a tenth of what tracking cost on a tiny model. Valid until the optimizer's next step.
/// </summary>
public sealed class VariableUpdates : IReadOnlyList<VariableUpdate>
{
    private Variable[] _variables = [];
    private double[] _updateSquares = [], _weightSquares = [];
    private GradientStatistics[] _gradients = [];

    /// <summary>An empty list (an optimizer fills it).</summary>
    internal VariableUpdates() { }

    /// <summary>A list of the given updates (to drive a probe by hand, e.g. in a test).</summary>
    public VariableUpdates(params ReadOnlySpan<VariableUpdate> updates)
    {
        foreach (var u in updates)
            Add(u.Variable, u.UpdateNorm * u.UpdateNorm, u.WeightNorm * u.WeightNorm, u.Gradient ?? GradientStatistics.NotMeasured);
    }

    /// <summary>Number of variables updated.</summary>
    public int Count { get; private set; }

    /// <summary>The updated variables, in update order.</summary>
    public ReadOnlySpan<Variable> Variables => _variables.AsSpan(0, Count);

    /// <summary>‖Δw‖₂² of each variable (NaN when the optimizer could not measure it).</summary>
    public ReadOnlySpan<double> SquaredUpdateNorms => _updateSquares.AsSpan(0, Count);

    /// <summary>‖w‖₂² of each variable after the step.</summary>
    public ReadOnlySpan<double> SquaredWeightNorms => _weightSquares.AsSpan(0, Count);

    /// <summary>The statistics of each variable's gradient as the step found it, before any clipping
    /// (<see cref="GradientStatistics.NotMeasured"/> where the list was made by hand without them).</summary>
    public ReadOnlySpan<GradientStatistics> Gradients => _gradients.AsSpan(0, Count);

    /// <summary>The update of the <paramref name="index"/>-th variable.</summary>
    public VariableUpdate this[int index] => (uint)index < (uint)Count
        ? new VariableUpdate(_variables[index], Math.Sqrt(_updateSquares[index]), Math.Sqrt(_weightSquares[index]),
            _gradients[index].Measured ? _gradients[index] : null)
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {Count} updates.");

    internal void Clear() => Count = 0;

    /// <summary>Appends an update. A step lists the same variables as the last one, so the reference is written only
    /// when it changes (a store of a reference costs a GC write barrier; the norms are plain doubles).</summary>
    internal void Add(Variable variable, double squaredUpdateNorm, double squaredWeightNorm, GradientStatistics gradient)
    {
        int i = Count;
        if (i == _variables.Length)
        {
            int size = Math.Max(8, 2 * i);
            Array.Resize(ref _variables, size);
            Array.Resize(ref _updateSquares, size);
            Array.Resize(ref _weightSquares, size);
            Array.Resize(ref _gradients, size);
        }
        if (!ReferenceEquals(_variables[i], variable)) _variables[i] = variable;
        _updateSquares[i] = squaredUpdateNorm;
        _weightSquares[i] = squaredWeightNorm;
        _gradients[i] = gradient;
        Count = i + 1;
    }

    /// <inheritdoc/>
    public IEnumerator<VariableUpdate> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
