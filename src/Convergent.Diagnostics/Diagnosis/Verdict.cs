namespace Convergent.Diagnostics;

/// <summary>The one-word outcome of a diagnosis (report field <c>verdict</c>).</summary>
public enum Verdict
{
    /// <summary>No error and no warning.</summary>
    Healthy,
    /// <summary>Nothing (or close to nothing) was learned.</summary>
    NotLearning,
    /// <summary>The loss or the weights became NaN/Inf.</summary>
    Diverged,
    /// <summary>Validation got worse while training got better.</summary>
    Overfitting,
    /// <summary>The model cannot fit the training data.</summary>
    Underfitting,
    /// <summary>Training worked but is hurt by the findings.</summary>
    Hurt,
}

/// <summary>Report spellings of <see cref="Verdict"/>.</summary>
public static class VerdictNames
{
    /// <summary><c>healthy</c>, <c>not_learning</c>, <c>diverged</c>, <c>overfitting</c>, <c>underfitting</c>, <c>hurt</c>.</summary>
    public static string ToReportName(this Verdict v) => v switch
    {
        Verdict.Healthy => "healthy",
        Verdict.NotLearning => "not_learning",
        Verdict.Diverged => "diverged",
        Verdict.Overfitting => "overfitting",
        Verdict.Underfitting => "underfitting",
        Verdict.Hurt => "hurt",
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };
}
