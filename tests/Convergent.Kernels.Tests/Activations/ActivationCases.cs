using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Activations;

/// <summary>Every activation kernel with its twin; the twins are the textbook formulas evaluated in double.</summary>
internal static class ActivationCases
{
    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;
    // Parameters exactly representable in float, so one double twin serves the float and the double kernels.
    private const double LeakySlope = 0.25;
    private const double EluAlpha = 1.25;

    // erfc(z) has condition number ≈ 2z²: the rounding of z = −x/√2 alone costs 2z²·ε relative, 64ε at x = −8, so
    // the gelu tail gets 8× the default float relative tolerance and 30× the double one.
    private static readonly Tolerance GeluFloat = new(4e-6, 1e-12);
    private static readonly Tolerance GeluDouble = new(2.5e-14, 1e-15);

    // σ(2u) has condition number ≈ |2u| in its left tail, 2u ≈ −60 at x = −8: as for gelu, scaled to that.
    private static readonly Tolerance GeluTanhFloat = new(8e-6, 1e-12);
    private static readonly Tolerance GeluTanhDouble = new(5e-14, 1e-15);

    // Functions that add their input to an O(1) constant (0.2x + 0.5), or, like TensorPrimitives' float tanh, form
    // (1 − e^(−2|x|))/(1 + e^(−2|x|)), are accurate to an ulp of 1 in absolute terms, not relative to a small result.
    private static readonly Tolerance FloatAbsoluteNearZero = new(5e-7, 1.2e-7);

    public static readonly ActivationCase[] All =
    [
        new("relu", Relu.Forward, Relu.Forward, Relu.Backward, Relu.Backward,
            x => Math.Max(x, 0), x => x > 0 ? 1 : 0, Kinks: [0]),
        new("relu6", Relu6.Forward, Relu6.Forward, Relu6.Backward, Relu6.Backward,
            x => Math.Min(Math.Max(x, 0), 6), x => x > 0 && x < 6 ? 1 : 0, Kinks: [0, 6]),
        new("leaky_relu",
            (x, y) => LeakyRelu.Forward(x, y, (float)LeakySlope), (x, y) => LeakyRelu.Forward(x, y, LeakySlope),
            (x, y, dy, dx) => LeakyRelu.Backward(x, y, dy, dx, (float)LeakySlope),
            (x, y, dy, dx) => LeakyRelu.Backward(x, y, dy, dx, LeakySlope),
            x => x > 0 ? x : LeakySlope * x, x => x > 0 ? 1 : LeakySlope, Kinks: [0]),
        new("elu",
            (x, y) => Elu.Forward(x, y, (float)EluAlpha), (x, y) => Elu.Forward(x, y, EluAlpha),
            (x, y, dy, dx) => Elu.Backward(x, y, dy, dx, (float)EluAlpha),
            (x, y, dy, dx) => Elu.Backward(x, y, dy, dx, EluAlpha),
            x => x > 0 ? x : EluAlpha * ExpM1(x), x => x > 0 ? 1 : EluAlpha * Math.Exp(x),
            Kinks: [0]),
        new("selu", Selu.Forward, Selu.Forward, Selu.Backward, Selu.Backward,
            x => SeluScale * (x > 0 ? x : SeluAlpha * ExpM1(x)),
            x => SeluScale * (x > 0 ? 1 : SeluAlpha * Math.Exp(x)), Kinks: [0]),
        new("gelu", (x, y) => Gelu.Forward(x, y), (x, y) => Gelu.Forward(x, y),
            (x, y, dy, dx) => Gelu.Backward(x, y, dy, dx), (x, y, dy, dx) => Gelu.Backward(x, y, dy, dx),
            // Φ through erfc, whose accuracy ErfTests establishes against mpmath.
            x => x * 0.5 * Erf.EvaluateComplement(-x / Math.Sqrt(2)),
            x => 0.5 * Erf.EvaluateComplement(-x / Math.Sqrt(2)) + x * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI),
            FloatForward: GeluFloat, DoubleForward: GeluDouble),
        new("gelu_approximate", (x, y) => Gelu.Forward(x, y, approximate: true), (x, y) => Gelu.Forward(x, y, approximate: true),
            (x, y, dy, dx) => Gelu.Backward(x, y, dy, dx, approximate: true),
            (x, y, dy, dx) => Gelu.Backward(x, y, dy, dx, approximate: true),
            // Keras's ½x(1 + tanh u) cancels in double itself for u ≪ 0 (it is 0 at x = −8, not −5e−21), so the twin
            // uses the same function as x·σ(2u); Keras's expression is checked at known values instead.
            x => x * Logistic(2 * GeluU(x)),
            x => Logistic(2 * GeluU(x)) + 2 * x * Logistic(2 * GeluU(x)) * Logistic(-2 * GeluU(x)) *
                Math.Sqrt(2 / Math.PI) * (1 + 3 * 0.044715 * x * x),
            FloatForward: GeluTanhFloat, DoubleForward: GeluTanhDouble),
        new("tanh", Tanh.Forward, Tanh.Forward, Tanh.Backward, Tanh.Backward,
            Math.Tanh, x => 1 / (Math.Cosh(x) * Math.Cosh(x)), FloatForward: FloatAbsoluteNearZero),
        new("sigmoid", Sigmoid.Forward, Sigmoid.Forward, Sigmoid.Backward, Sigmoid.Backward,
            Logistic, x => Logistic(x) * Logistic(-x), Low: -20, High: 20),
        new("hard_sigmoid", (x, y) => HardSigmoid.Forward(x, y), (x, y) => HardSigmoid.Forward(x, y),
            (x, y, dy, dx) => HardSigmoid.Backward(x, y, dy, dx), (x, y, dy, dx) => HardSigmoid.Backward(x, y, dy, dx),
            x => Math.Min(Math.Max(x + 3, 0), 6) / 6, x => x > -3 && x < 3 ? 1.0 / 6 : 0, Kinks: [-3, 3]),
        new("hard_sigmoid_keras2", (x, y) => HardSigmoid.Forward(x, y, keras2: true),
            (x, y) => HardSigmoid.Forward(x, y, keras2: true),
            (x, y, dy, dx) => HardSigmoid.Backward(x, y, dy, dx, keras2: true),
            (x, y, dy, dx) => HardSigmoid.Backward(x, y, dy, dx, keras2: true),
            x => Math.Min(Math.Max(0.2 * x + 0.5, 0), 1), x => x > -2.5 && x < 2.5 ? 0.2 : 0, Kinks: [-2.5, 2.5],
            FloatForward: FloatAbsoluteNearZero),
        new("softplus", Softplus.Forward, Softplus.Forward, Softplus.Backward, Softplus.Backward,
            x => Math.Max(x, 0) + Log1P(Math.Exp(-Math.Abs(x))), Logistic, Low: -60, High: 60),
        new("softsign", Softsign.Forward, Softsign.Forward, Softsign.Backward, Softsign.Backward,
            x => x / (1 + Math.Abs(x)), x => 1 / ((1 + Math.Abs(x)) * (1 + Math.Abs(x)))),
        new("exponential", Exponential.Forward, Exponential.Forward, Exponential.Backward, Exponential.Backward,
            Math.Exp, Math.Exp, Low: -20, High: 20),
        new("silu", Silu.Forward, Silu.Forward, Silu.Backward, Silu.Backward,
            x => x * Logistic(x), x => Logistic(x) * (1 + x * Logistic(-x)), Low: -30, High: 30),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (ActivationCase c in All)
            data.Add(c.Name);
        return data;
    }

    public static ActivationCase Get(string name) => All.Single(c => c.Name == name);

    /// <summary>1/(1 + e^−x) without overflow for either sign.</summary>
    public static double Logistic(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>u of the tanh-form gelu: √(2/π)(x + 0.044715x³).</summary>
    public static double GeluU(double x) => Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);

    /// <summary>e^x − 1 by its Taylor series for |x| ≤ ½ (where Math.Exp(x) − 1 cancels), directly elsewhere.</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) > 0.5)
            return Math.Exp(x) - 1;
        double term = x, sum = x;
        for (int k = 2; k < 25; k++)
        {
            term *= x / k;
            sum += term;
        }
        return sum;
    }

    /// <summary>log(1 + u) by its Taylor series for |u| ≤ 0.1 (where Math.Log(1 + u) cancels), directly elsewhere.</summary>
    public static double Log1P(double u)
    {
        if (Math.Abs(u) > 0.1)
            return Math.Log(1 + u);
        double power = u, sum = 0;
        for (int k = 1; k < 25; k++)
        {
            sum += (k % 2 == 1 ? 1 : -1) * power / k;
            power *= u;
        }
        return sum;
    }
}
