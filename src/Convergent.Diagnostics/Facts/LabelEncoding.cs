namespace Convergent.Diagnostics;

/// <summary>How the targets are written.</summary>
public enum LabelEncoding
{
    /// <summary>Not known (no targets, or a log).</summary>
    Unknown,
    /// <summary>One 0/1 row per sample with a single 1 (shape (N, C), C ≥ 2).</summary>
    OneHot,
    /// <summary>Integer class indices (shape (N,) or (N, 1)) with more than two distinct values.</summary>
    Integer,
    /// <summary>0/1 labels in one column (binary classification).</summary>
    Binary,
    /// <summary>Rows of non-negative values summing to 1 that are not one-hot (soft labels).</summary>
    Probabilities,
    /// <summary>Real-valued targets (regression).</summary>
    Continuous,
}
