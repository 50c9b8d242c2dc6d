namespace Convergent.Kernels.Tests.Common;

/// <summary>|actual − expected| ≤ Absolute + Relative·max(|expected|, scale); NaN matches only NaN, an infinity only
/// itself.</summary>
/// <remarks>
/// Every tolerance a test uses is a named instance with a comment saying where its size comes from. The optional
/// scale is the magnitude of the terms a result was summed from, for results that cancel (dx₀ + f′·dy ≈ 0).
/// </remarks>
internal readonly record struct Tolerance(double Relative, double Absolute)
{
    public bool Accepts(double actual, double expected, double scale = 0)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
            return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
            return actual == expected;
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Max(Math.Abs(expected), scale);
    }
}
