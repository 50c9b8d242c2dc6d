using Convergent.Testing;

namespace Convergent.Tensors.Tests;

public class ActivationOpsTests
{
    public static TheoryData<string> Names => new()
    {
        "relu", "leaky_relu", "elu", "selu", "gelu", "gelu_tanh", "tanh", "sigmoid", "hard_sigmoid", "hard_sigmoid_k2",
        "softplus", "softsign", "exponential", "relu_capped", "relu_threshold", "relu_threshold_negative",
    };

    private static Tensor Apply(string name, Tensor x) => name switch
    {
        "relu" => Ops.Relu(x),
        "leaky_relu" => Ops.LeakyRelu(x, 0.3),
        "elu" => Ops.Elu(x, 0.7),
        "selu" => Ops.Selu(x),
        "gelu" => Ops.Gelu(x),
        "gelu_tanh" => Ops.Gelu(x, approximate: true),
        "tanh" => Ops.Tanh(x),
        "sigmoid" => Ops.Sigmoid(x),
        "hard_sigmoid" => Ops.HardSigmoid(x),
        "hard_sigmoid_k2" => Ops.HardSigmoid(x, keras2: true),
        "softplus" => Ops.Softplus(x),
        "softsign" => Ops.Softsign(x),
        "exponential" => Ops.Exponential(x),
        "relu_capped" => Ops.Relu(x, 0.1, maxValue: 1.5),
        "relu_threshold" => Ops.Relu(x, 0.2, threshold: 0.5),
        "relu_threshold_negative" => Ops.Relu(x, 0, threshold: -0.5),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_RandomInputs_GradientMatchesFiniteDifferences(string name)
    {
        // [-4, 4) covers both sides of every kink (0, ±0.5, 1.5, ±2.5, ±3); a draw within h = 1e-6 of a kink has
        // probability ~1e-6 per element, and the seed is fixed.
        var x = GradCheck.Random(11, -4, 4, 3, 17);
        double err = GradCheck.MaxError(GradCheck.Weighted(v => Apply(name, v[0])), x);
        Assert.True(err < GradCheck.Tolerance, $"{name}: {err}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_Float32_MatchesFloat64(string name)
    {
        var x64 = GradCheck.Random(5, -4, 4, 40);
        var y64 = Apply(name, x64.Detach()).ToDoubleArray();
        var y32 = Apply(name, x64.Cast(DType.Float32)).ToDoubleArray();
        // float32 carries ~6e-8 relative; exp(4) = 55 bounds the magnitudes, so 1e-5 absolute is generous
        for (int i = 0; i < y64.Length; i++) Assert.Equal(y64[i], y32[i], 1e-5);
    }

    [Fact]
    public void Relu_BackwardAtZero_IsZero()
    {
        var x = Tensor.FromArray(new double[] { -1, 0, 2 }, 3).WithGrad();
        Ops.Sum(Ops.Relu(x)).Backward();
        Assert.Equal(new double[] { 0, 0, 1 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void Relu_KerasGeneralForm_MatchesKerasFormula()
    {
        // keras.activations.relu(x, negative_slope=0.1, max_value=2, threshold=0.5):
        // x > 0.5 → clip(x, 0, 2); x ≤ 0.5 → 0.1·(x − 0.5)
        var x = Tensor.FromArray(new double[] { -1, 0.25, 0.5, 1, 3 }, 5);
        var y = Ops.Relu(x, 0.1, maxValue: 2, threshold: 0.5).ToDoubleArray();
        double[] expected = [-0.15, -0.025, 0, 1, 2];
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], y[i], 12);
    }

    [Fact]
    public void LeakyRelu_DefaultSlope_IsKeras3Point2()
    {
        var y = Ops.LeakyRelu(Tensor.FromArray(new double[] { -2, 3 }, 2)).ToDoubleArray();
        Assert.Equal(-0.4, y[0], 12);
        Assert.Equal(3, y[1], 12);
    }

    [Fact]
    public void HardSigmoid_Keras3_IsRelu6OfXPlus3Over6()
    {
        var y = Ops.HardSigmoid(Tensor.FromArray(new double[] { -4, -1.5, 0, 1.5, 4 }, 5)).ToDoubleArray();
        double[] expected = [0, 0.25, 0.5, 0.75, 1];
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], y[i], 12);
    }

    [Fact]
    public void Gelu_Exact_AtOneIsOneTimesPhiOfOne()
    {
        // Φ(1) = 0.841344746068542948… (normal CDF tables)
        var y = Ops.Gelu(Tensor.FromArray(new double[] { 1 }, 1)).Item();
        Assert.Equal(0.841344746068543, y, 12);
    }

    [Fact]
    public void Selu_AtMinusOne_IsLambdaAlphaTimesExpm1()
    {
        double expected = 1.0507009873554805 * 1.6732632423543772 * (Math.Exp(-1) - 1);
        Assert.Equal(expected, Ops.Selu(Tensor.FromArray(new double[] { -1 }, 1)).Item(), 12);
    }
}
