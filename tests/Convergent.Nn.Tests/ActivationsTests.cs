using Convergent.Tensors;

namespace Convergent.Nn.Tests;

public class ActivationsTests
{
    [Theory]
    [InlineData("linear", ActivationKind.Linear)]
    [InlineData("relu", ActivationKind.Relu)]
    [InlineData("leaky_relu", ActivationKind.LeakyRelu)]
    [InlineData("elu", ActivationKind.Elu)]
    [InlineData("selu", ActivationKind.Selu)]
    [InlineData("gelu", ActivationKind.Gelu)]
    [InlineData("tanh", ActivationKind.Tanh)]
    [InlineData("sigmoid", ActivationKind.Sigmoid)]
    [InlineData("hard_sigmoid", ActivationKind.HardSigmoid)]
    [InlineData("softmax", ActivationKind.Softmax)]
    [InlineData("softplus", ActivationKind.Softplus)]
    [InlineData("softsign", ActivationKind.Softsign)]
    [InlineData("exponential", ActivationKind.Exponential)]
    public void Activations_Get_RoundTripsKerasName(string name, ActivationKind kind)
    {
        var a = Activations.Get(name);
        Assert.Equal(kind, a.Kind);
        Assert.Equal(name, a.KerasName);
    }

    [Theory]
    // Keras 3 values at x = −1: relu 0, leaky_relu −0.2, elu e⁻¹ − 1, gelu −Φ(−1)·1 = −0.158655…, hard_sigmoid 1/3
    [InlineData("relu", 0.0)]
    [InlineData("leaky_relu", -0.2)]
    [InlineData("elu", -0.63212055882855767)]
    [InlineData("gelu", -0.15865525393145705)]
    [InlineData("hard_sigmoid", 0.33333333333333333)]
    [InlineData("sigmoid", 0.26894142136999512)]
    [InlineData("softplus", 0.31326168751822286)]
    [InlineData("softsign", -0.5)]
    [InlineData("exponential", 0.36787944117144233)]
    [InlineData("tanh", -0.76159415595576489)]
    public void Activations_AtMinusOne_MatchKeras3Defaults(string name, double expected)
    {
        var y = Activations.Get(name).Apply(Tensor.FromArray(new double[] { -1 }, 1, 1)).Item();
        Assert.Equal(expected, y, 12);
    }

    [Fact]
    public void Activations_UnknownName_ListsKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Activations.Get("swishy"));
        Assert.Contains("swishy", ex.Message);
        Assert.Contains("relu", ex.Message);
    }

    [Fact]
    public void Activations_Saturation_AndDeadUnits_ClassifiedByKind()
    {
        Assert.True(Activations.Tanh.IsSaturating);
        Assert.False(Activations.Relu.IsSaturating);
        Assert.True(Activations.Relu.CanDie);
        Assert.False(new ReluActivation(negativeSlope: 0.1).CanDie);
    }

    [Fact]
    public void ReluActivation_NegativeSlope_NamesArgument()
    {
        Assert.Contains("negative_slope=-1", Assert.Throws<ArgumentException>(() => new ReluActivation(-1)).Message);
    }
}
