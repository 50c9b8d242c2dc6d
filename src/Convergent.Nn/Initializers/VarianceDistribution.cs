namespace Convergent.Nn;

/// <summary>The distribution <see cref="VarianceScaling"/> draws from (Keras <c>distribution</c>).</summary>
public enum VarianceDistribution
{
    /// <summary><c>"truncated_normal"</c>: normal cut at 2σ, σ corrected so the variance is still the target.</summary>
    TruncatedNormal,
    /// <summary><c>"untruncated_normal"</c>: plain normal.</summary>
    UntruncatedNormal,
    /// <summary><c>"uniform"</c>: U(−limit, limit), limit = √(3·variance).</summary>
    Uniform,
}
