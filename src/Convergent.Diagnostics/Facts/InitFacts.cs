namespace Convergent.Diagnostics;

/// <summary>
/// What the quick probes measured before training (each bounded in time): the state at initialization, whether the
/// model can memorize a tiny batch, whether it does better on real than on zeroed inputs.
/// </summary>
public sealed class InitFacts
{
    /// <summary>Loss of the untrained model on a batch of training data.</summary>
    public double? InitialLoss { get; set; }

    /// <summary>Per layer, in model order: output standard deviation at initialization.</summary>
    public List<(string Layer, double Std)> ActivationStd { get; } = [];

    /// <summary>Per layer with weights, in model order: mean |g| of its gradients at initialization.</summary>
    public List<(string Layer, double MeanAbs)> GradientMeanAbs { get; } = [];

    /// <summary>Result of the tiny-batch memorization probe, if it ran.</summary>
    public SmallBatchResult? SmallBatch { get; set; }

    /// <summary>Result of the zeroed-input probe, if it ran.</summary>
    public ZeroInputResult? ZeroInput { get; set; }
}

/// <summary>The tiny-batch probe: <paramref name="Samples"/> samples trained for <paramref name="Steps"/> full-batch steps.</summary>
/// <param name="Samples">Samples in the tiny batch.</param>
/// <param name="Steps">Full-batch steps taken.</param>
/// <param name="InitialLoss">Loss before the first step.</param>
/// <param name="FinalLoss">Loss after the last step.</param>
/// <param name="Seconds">Wall time of the probe.</param>
/// <param name="Accuracy">Training accuracy on the tiny batch at the end (null for regression).</param>
/// <param name="TimedOut">Whether the time bound stopped it before the planned steps.</param>
public sealed record SmallBatchResult(int Samples, int Steps, double InitialLoss, double FinalLoss, double? Accuracy, double Seconds, bool TimedOut)
{
    /// <summary>The loss halfway through the steps (to tell a slow learner from a stuck one); NaN when unknown.</summary>
    public double MidLoss { get; init; } = double.NaN;
}

/// <summary>The zeroed-input probe: the same short training on real inputs and on all-zero inputs; final losses.</summary>
public sealed record ZeroInputResult(int Steps, double RealLoss, double ZeroLoss, double Seconds, bool TimedOut);
