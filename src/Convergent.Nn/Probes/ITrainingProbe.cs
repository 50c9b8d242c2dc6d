namespace Convergent.Nn;

/// <summary>
/// Sees each training step after the backward pass (gradients are in <see cref="Variable.Gradient"/>) and after
/// the optimizer update. Attached with <see cref="Model.AttachProbe(ITrainingProbe)"/>; the fit loop calls it and
/// contains no diagnostic code of its own.
/// </summary>
public interface ITrainingProbe
{
    /// <summary>Called once per training batch after gradients were computed, before the update.</summary>
    void AfterBackward(TrainingStep step);

    /// <summary>Called once per training batch after the update; <paramref name="updates"/> gives, per trainable
    /// variable, the L2 norm of the change the optimizer made and the statistics of the raw gradient (reused by the
    /// optimizer: read it, do not keep it).</summary>
    void AfterUpdate(TrainingStep step, VariableUpdates updates);
}

/// <summary>Where training is: epoch (0-based), batch within the epoch, global step (0-based), batch loss.</summary>
public readonly record struct TrainingStep(Model Model, int Epoch, int Batch, long GlobalStep, double Loss, double LearningRate);

/// <summary>The change an optimizer step made to one variable: ‖Δw‖₂ and ‖w‖₂ after the step, and the statistics of the
/// raw gradient the step started from (null: not measured).</summary>
public readonly record struct VariableUpdate(Variable Variable, double UpdateNorm, double WeightNorm, GradientStatistics? Gradient = null);
