namespace Convergent.Kernels.Tests.Common;

/// <summary>Derivatives by the five-point central stencil, in double.</summary>
/// <remarks>
/// f'(x) ≈ [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)] / 12h has truncation error h⁴·f⁽⁵⁾/30 and rounding error about
/// ε·|f|/h. With h = 1e−3 both are near 1e−12 relative for the smooth functions tested (whose curvature is O(1)
/// wherever they are tested, |x| ≤ 800 included, so h does not scale with x), and a gradient check can hold a kernel
/// to 1e−8 (see <see cref="GradientTolerance"/>).
/// </remarks>
internal static class FiniteDifference
{
    /// <summary>1e−8 relative (four orders above the stencil's error) plus 1e−12 absolute for derivatives near 0.</summary>
    public static readonly Tolerance GradientTolerance = new(1e-8, 1e-12);

    public const double Step = 1e-3;

    public static double Derivative(Func<double, double> f, double x) => Derivative(f, x, Step);

    public static double Derivative(Func<double, double> f, double x, double h) =>
        (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);

    /// <summary>
    /// The gradient of the scalar L(x) = Σ w ⊙ F(x) with respect to every element of x, perturbing one element at a
    /// time; <paramref name="forward"/> writes F(x) into its second argument.
    /// </summary>
    public static double[] Gradient(double[] x, double[] weights, Action<double[], double[]> forward, double? step = null)
    {
        var gradient = new double[x.Length];
        var work = (double[])x.Clone();
        var output = new double[weights.Length];
        double Loss()
        {
            forward(work, output);
            double sum = 0;
            for (int i = 0; i < output.Length; i++)
                sum += weights[i] * output[i];
            return sum;
        }

        for (int i = 0; i < x.Length; i++)
        {
            double h = step ?? Step;
            double saved = work[i];
            double Probe(double value)
            {
                work[i] = value;
                return Loss();
            }

            gradient[i] = Derivative(Probe, saved, h);
            work[i] = saved;
        }
        return gradient;
    }
}
