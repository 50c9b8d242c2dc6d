namespace Convergent.Keras;

/// <summary>A statement of the script that does not define the model or its training (data loading, numpy
/// work, plotting, printing ...) and was therefore not evaluated; names it binds are unknown to the importer.</summary>
/// <param name="Line">1-based first line.</param>
/// <param name="EndLine">1-based last line.</param>
/// <param name="Reason">One line: why it was skipped, e.g. <c>calls np.random.seed(...)</c>.</param>
/// <param name="Text">The first line of the statement (capped at 120 characters).</param>
public sealed record SkippedStatement(int Line, int EndLine, string Reason, string Text)
{
    /// <summary><c>lines a-b: reason</c>.</summary>
    public override string ToString() =>
        (Line == EndLine ? $"line {Line}" : $"lines {Line}-{EndLine}") + $": {Reason}: {Text}";
}
