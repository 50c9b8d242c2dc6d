namespace Convergent.Nn;

/// <summary>
/// Adam with decoupled weight decay (Keras <c>keras.optimizers.AdamW</c>). Loshchilov &amp; Hutter, "Decoupled Weight
/// Decay Regularization" (ICLR 2019).
/// </summary>
/// <remarks>
/// Before each Adam step the base optimizer shrinks every weight: w ← w − η·λ·w with λ = <c>weight_decay</c>
/// (Keras 3's <c>_apply_weight_decay</c>, with η the current learning rate); the step itself is <see cref="Adam"/>'s.
/// </remarks>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer (Keras defaults <c>learning_rate=0.001, weight_decay=0.004, beta_1=0.9,
    /// beta_2=0.999, epsilon=1e-7, amsgrad=False</c>).</summary>
    public AdamW(double learningRate = 0.001, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-7, bool amsgrad = false, LearningRateSchedule? schedule = null, double? clipNorm = null,
        double? clipValue = null, double? globalClipNorm = null)
        : base(learningRate, beta1, beta2, epsilon, amsgrad, schedule, clipNorm, clipValue, globalClipNorm, weightDecay)
    {
    }

    public override string KerasName => "adamw";
}
