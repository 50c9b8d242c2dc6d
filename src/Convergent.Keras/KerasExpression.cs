namespace Convergent.Keras;

/// <summary>
/// Python source kept verbatim because the importer does not evaluate it, e.g. the schedule function of a
/// <c>LearningRateScheduler(step_decay)</c> or a <c>lambda epoch: 1e-3 * 0.9 ** epoch</c>. Only accepted in
/// places where a later step can live without its value (callback functions); never in layer configs.
/// </summary>
/// <param name="Text">The source text as written.</param>
public sealed record KerasExpression(string Text) : KerasValue
{
    /// <inheritdoc/>
    public override string ToPython() => Text;
}
