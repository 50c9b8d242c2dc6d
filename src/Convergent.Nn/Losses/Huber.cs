using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Huber loss: quadratic for small errors, linear for large ones (Keras <c>keras.losses.Huber</c>, name
/// <c>huber_loss</c>).</summary>
/// <remarks>
/// Elementwise, with e = ŷ − y: ½e² where |e| ≤ δ, δ·|e| − ½δ² otherwise; the per-sample loss is the mean over the
/// last axis. Computed without a select as ½·min(|e|, δ)² + δ·(|e| − min(|e|, δ)), which equals both branches.
/// Huber, "Robust Estimation of a Location Parameter" (1964).
/// </remarks>
public sealed class Huber : Loss
{
    /// <summary>Creates the loss (Keras default <c>delta=1.0</c>).</summary>
    public Huber(double delta = 1.0, Reduction reduction = Reduction.SumOverBatchSize) : base(reduction)
    {
        if (!(delta > 0)) throw new ArgumentException($"Argument `delta` must be positive. Received: delta={delta}", nameof(delta));
        Delta = delta;
    }

    public override string KerasName => "huber_loss";

    /// <summary>The error size where the loss turns from quadratic to linear.</summary>
    public double Delta { get; }

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        (yTrue, yPred) = MatchRanks(yTrue, yPred);
        RequireSameShape(yTrue, yPred);
        var absError = Ops.Abs(Ops.Subtract(yPred, yTrue));
        var quadratic = Ops.Minimum(absError, Tensor.Full(new Shape(), Delta, yPred.DType));
        var linear = Ops.Subtract(absError, quadratic);
        var elementwise = Ops.Add(Ops.MultiplyScalar(Ops.Square(quadratic), 0.5), Ops.MultiplyScalar(linear, Delta));
        return Ops.Mean(elementwise, [-1]);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var c = BaseConfig();
        c["delta"] = Delta;
        return c;
    }
}
