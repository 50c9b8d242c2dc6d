namespace Convergent.Diagnostics;

/// <summary>
/// One concrete change to the model or its training, as a finding proposes it.
/// </summary>
/// <param name="Action">A stable action id, snake_case (e.g. <c>lower_learning_rate</c>), for scripts and tests.</param>
/// <param name="Description">What to change and why, for a beginner.</param>
/// <param name="Keras">The change as Keras (Python) code, e.g. <c>optimizer=keras.optimizers.Adam(learning_rate=1e-4)</c>;
/// null when the change is not a line of Keras code.</param>
public sealed record Fix(string Action, string Description, string? Keras = null)
{
    /// <summary>The short trial that tested this fix, when one was run (CLI <c>doctor --trial-fixes N</c>).</summary>
    public FixTrial? Trial { get; init; }
}
