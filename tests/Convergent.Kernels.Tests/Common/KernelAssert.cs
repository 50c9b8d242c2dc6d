using System.Numerics;
using System.Globalization;

namespace Convergent.Kernels.Tests.Common;

/// <summary>Element-by-element comparisons that report the first offending index and its input.</summary>
internal static class KernelAssert
{
    public static void Close<T>(ReadOnlySpan<double> expected, ReadOnlySpan<T> actual, Tolerance tolerance, string context,
        ReadOnlySpan<double> inputs = default, ReadOnlySpan<double> scales = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double a = double.CreateTruncating(actual[i]);
            if (!tolerance.Accepts(a, expected[i], scales.Length > i ? scales[i] : 0))
            {
                string input = inputs.Length > i ? $" at input {inputs[i].ToString("R", CultureInfo.InvariantCulture)}" : "";
                Assert.Fail($"{context}: element {i} of {expected.Length}{input}: expected {expected[i]:R}, actual {a:R} " +
                            $"(difference {Math.Abs(a - expected[i]):E3}, {tolerance}).");
            }
        }
    }

    public static void Close(double expected, double actual, Tolerance tolerance, string context)
    {
        if (!tolerance.Accepts(actual, expected))
            Assert.Fail($"{context}: expected {expected:R}, actual {actual:R} (difference {Math.Abs(actual - expected):E3}, {tolerance}).");
    }
}
