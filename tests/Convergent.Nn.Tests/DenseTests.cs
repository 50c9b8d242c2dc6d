using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class DenseTests
{
    [Fact]
    public void Dense_784To512_Has401920Parameters()
    {
        // 784·512 weights + 512 biases = 401,408 + 512
        var d = new Dense(512);
        d.Build(new Shape(784));
        Assert.Equal(401_920, d.ParameterCount);
        Assert.Equal(new Shape(784, 512), d.Kernel!.Shape);
        Assert.Equal(new Shape(512), d.Bias!.Shape);
        Assert.Equal(new Shape(512), d.OutputShape);
    }

    [Fact]
    public void Dense_NoBias_HasOnlyKernel()
    {
        var d = new Dense(3, useBias: false);
        d.Build(new Shape(4));
        Assert.Single(d.Weights);
        Assert.Equal(12, d.ParameterCount);
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    public void Dense_WithActivation_GradientsMatchFiniteDifferences(string activation)
    {
        var d = LayerCheck.Built(new Dense(4, Activations.Get(activation), biasInitializer: new RandomNormal(0, 0.5)), 5);
        LayerCheck.AssertGradients(d, GradCheck.Random(2, -1, 1, 3, 5));
    }

    [Fact]
    public void Dense_Rank3Input_AppliesToLastAxisAndChecksGradients()
    {
        var d = LayerCheck.Built(new Dense(2, Activations.Relu), 4, 3);
        var x = GradCheck.Random(3, -1, 1, 2, 4, 3);
        Assert.Equal(new Shape(2, 4, 2), d.Call(x.Detach()).Shape);
        Assert.Equal(new Shape(4, 2), d.OutputShape);
        LayerCheck.AssertGradients(d, x);
    }

    [Fact]
    public void Dense_KnownWeights_ComputesXWPlusB()
    {
        var d = new Dense(2, kernelInitializer: new Ones(), biasInitializer: new Constant(0.5));
        d.Build(new Shape(3));
        // [1, 2, 3]·ones(3, 2) + 0.5 = [6.5, 6.5]
        var y = d.Call(Tensor.FromArray(new float[] { 1, 2, 3 }, 1, 3));
        Assert.Equal(new float[] { 6.5f, 6.5f }, y.ToFloatArray());
    }

    [Fact]
    public void Dense_NegativeUnits_NamesArgument()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dense(-3));
        Assert.Contains("Received: units=-3", ex.Message);
    }

    [Fact]
    public void Dense_WrongFeatureCount_NamesShapes()
    {
        var d = new Dense(2);
        d.Build(new Shape(3));
        var ex = Assert.Throws<ArgumentException>(() => d.Call(Tensor.Zeros(new Shape(5, 4))));
        Assert.Contains("(5, 4)", ex.Message);
        Assert.Contains("3 features", ex.Message);
    }

    [Fact]
    public void Dense_DefaultKernel_HasGlorotUniformVariance()
    {
        // Glorot uniform on (300, 200): Var = 2/(300 + 200) = 0.004. The sample variance of n = 60,000 draws has
        // relative standard error √((μ₄/σ⁴ − 1)/n) = √(0.8/n) ≈ 0.0037 for a uniform (kurtosis 1.8); 5 % is > 10 SE.
        var d = new Dense(200);
        d.Build(new Shape(300), DType.Float64, new Random(3));
        var w = d.Kernel!.Value.ToDoubleArray();
        double mean = w.Average(), variance = w.Select(v => (v - mean) * (v - mean)).Average();
        Assert.Equal(0.004, variance, 0.004 * 0.05);
        Assert.True(w.All(v => Math.Abs(v) <= Math.Sqrt(6.0 / 500)));
    }

    [Fact]
    public void Dense_Config_HasKeras3Keys()
    {
        var d = new Dense(8, Activations.Relu, kernelRegularizer: new L2(0.001), name: "hidden");
        var c = d.GetConfig();
        Assert.Equal("hidden", c["name"]);
        Assert.Equal(8, c["units"]);
        Assert.Equal("relu", c["activation"]);
        Assert.Equal(true, c["use_bias"]);
        var init = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(c["kernel_initializer"]);
        Assert.Equal("GlorotUniform", init["class_name"]);
        var reg = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(c["kernel_regularizer"]);
        Assert.Equal("L2", reg["class_name"]);
        Assert.Null(c["bias_constraint"]);
    }

    [Fact]
    public void Dense_ActivityRegularizer_RecordsL1OfOutputs()
    {
        var d = new Dense(2, kernelInitializer: new Ones(), activityRegularizer: new L1(0.5));
        d.Build(new Shape(2));
        d.Call(Tensor.FromArray(new float[] { 1, -3 }, 1, 2));
        // outputs [−2, −2]: 0.5·(2 + 2) = 2, not divided by the batch size (Keras 3)
        Assert.Equal(2.0, Assert.Single(d.Losses).Item(), 6);
    }
}
