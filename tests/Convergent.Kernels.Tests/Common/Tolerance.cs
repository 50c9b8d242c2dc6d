namespace Convergent.Kernels.Tests.Common;

/// <summary>|actual − expected| ≤ Absolute + Relative·|expected|; NaN matches only NaN, an infinity only itself.</summary>
/// <remarks>Every tolerance a test uses is a named instance with a comment saying where its size comes from.</remarks>
internal readonly record struct Tolerance(double Relative, double Absolute)
{
    public bool Accepts(double actual, double expected)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
            return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
            return actual == expected;
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);
    }
}
