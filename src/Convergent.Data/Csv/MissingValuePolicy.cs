namespace Convergent.Data;

/// <summary>What a CSV reader does with a missing feature value (an empty field, <c>NA</c>, <c>N/A</c>,
/// <c>NaN</c>, <c>null</c> or <c>?</c>).</summary>
public enum MissingValuePolicy
{
    /// <summary>Fail with the line and column of the first missing value.</summary>
    Error,
    /// <summary>Read it as NaN (impute before training: NaN propagates through every layer).</summary>
    FillNaN,
}
