using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class ActivationLayerTests
{
    public static TheoryData<string> LayerNames => new() { "activation_selu", "relu", "relu_general", "leaky_relu", "elu", "softmax", "softmax_axis1" };

    private static Layer Make(string name) => name switch
    {
        "activation_selu" => new ActivationLayer(Activations.Selu),
        "relu" => new ReLU(),
        "relu_general" => new ReLU(maxValue: 1.2, negativeSlope: 0.1, threshold: 0.3),
        "leaky_relu" => new LeakyReLU(),
        "elu" => new ELU(0.5),
        "softmax" => new Softmax(),
        "softmax_axis1" => new Softmax(axis: 1),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void ActivationLayers_Gradients_MatchFiniteDifferences(string name)
    {
        var layer = LayerCheck.Built(Make(name), 3, 4);
        LayerCheck.AssertGradients(layer, GradCheck.Random(4, -2, 2, 2, 3, 4));
    }

    [Fact]
    public void ReLU_BackwardAtZero_IsZero()
    {
        var layer = LayerCheck.Built(new ReLU(), 3);
        var x = Tensor.FromArray(new double[] { -1, 0, 1 }, 1, 3).WithGrad();
        Ops.Sum(layer.Call(x)).Backward();
        Assert.Equal(new double[] { 0, 0, 1 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void LeakyReLU_Defaults_UseKerasLayerSlope03AndKeras2Alias()
    {
        Assert.Equal(0.3, new LeakyReLU().NegativeSlope);
        Assert.Equal(0.1, new LeakyReLU(alpha: 0.1).NegativeSlope);
        var y = LayerCheck.Built(new LeakyReLU(), 1).Call(Tensor.FromArray(new double[] { -10 }, 1, 1)).Item();
        Assert.Equal(-3, y, 12);
    }

    [Fact]
    public void ActivationLayer_ClassNameIsKeras()
    {
        Assert.Equal("Activation", new ActivationLayer(Activations.Relu).ClassName);
        Assert.Equal("activation", new ActivationLayer(Activations.Relu).DefaultBaseName);
        Assert.Equal("re_lu", new ReLU().DefaultBaseName);   // Keras 3's to_snake_case("ReLU")
        Assert.Equal("relu", new ActivationLayer(Activations.Relu).GetConfig()["activation"]);
    }

    [Fact]
    public void ReLU_NegativeMaxValue_NamesArgument()
    {
        Assert.Contains("max_value=-1", Assert.Throws<ArgumentException>(() => new ReLU(maxValue: -1)).Message);
        Assert.Contains("negative_slope=-0.5", Assert.Throws<ArgumentException>(() => new LeakyReLU(-0.5)).Message);
    }
}
