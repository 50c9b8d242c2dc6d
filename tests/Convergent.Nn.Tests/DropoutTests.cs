using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class DropoutTests
{
    [Fact]
    public void Dropout_Inference_IsIdentity()
    {
        var d = LayerCheck.Built(new Dropout(0.5), 10);
        var x = GradCheck.Random(1, -1, 1, 4, 10).Detach();
        Assert.Same(x, d.Call(x, training: false));
    }

    [Fact]
    public void Dropout_Training_GradientIsMaskOverKeepProbability()
    {
        // with the mask fixed by the forward pass, dy/dx is the mask itself: 0 or 1/(1 − rate) = 4
        var d = LayerCheck.Built(new Dropout(0.75, seed: 42), 200);
        var x = GradCheck.Random(2, 0.5, 1.5, 3, 200);
        var y = d.Call(x, training: true);
        Ops.Sum(y).Backward();
        var g = x.Grad!.ToDoubleArray(); var yv = y.ToDoubleArray(); var xv = x.ToDoubleArray();
        for (int i = 0; i < g.Length; i++)
        {
            Assert.True(g[i] == 0 || g[i] == 4, $"gradient {g[i]}");
            Assert.Equal(g[i] * xv[i], yv[i], 12);
        }
        // about a quarter kept: 600 draws, binomial sd √(600·0.25·0.75) ≈ 10.6; ±50 is > 4 sd
        int kept = g.Count(v => v != 0);
        Assert.InRange(kept, 100, 200);
    }

    [Fact]
    public void Dropout_SameSeed_SameMask()
    {
        var a = LayerCheck.Built(new Dropout(0.5, seed: 7), 50);
        var b = LayerCheck.Built(new Dropout(0.5, seed: 7), 50);
        var x = Tensor.Ones(new Shape(2, 50), DType.Float64);
        Assert.Equal(a.Call(x, true).ToDoubleArray(), b.Call(x, true).ToDoubleArray());
    }

    [Fact]
    public void Dropout_MeanPreserved_InExpectation()
    {
        // E[y] = x: mean of 100,000 inverted-dropout outputs of ones is 1 ± √(rate/(1−rate)/n) ≈ 0.0032 (sd)
        var d = LayerCheck.Built(new Dropout(0.5, seed: 3), 1000);
        var y = d.Call(Tensor.Ones(new Shape(100, 1000), DType.Float64), true).ToDoubleArray();
        Assert.Equal(1.0, y.Average(), 0.02);
    }

    [Fact]
    public void Dropout_NoiseShape_SharesMaskAcrossAxes()
    {
        var d = LayerCheck.Built(new Dropout(0.5, noiseShape: [null, 1, 4], seed: 1), 3, 4);
        var y = d.Call(Tensor.Ones(new Shape(2, 3, 4), DType.Float64), true).ToDoubleArray();
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 4; c++)
                for (int t = 1; t < 3; t++)
                    Assert.Equal(y[(b * 3) * 4 + c], y[(b * 3 + t) * 4 + c]);
    }

    [Fact]
    public void Dropout_RateOutOfRange_NamesArgument()
    {
        Assert.Contains("Received: rate=1.5", Assert.Throws<ArgumentException>(() => new Dropout(1.5)).Message);
    }

    [Fact]
    public void Dropout_RateOne_OutputsZeros()
    {
        var d = LayerCheck.Built(new Dropout(1.0), 5);
        Assert.All(d.Call(Tensor.Ones(new Shape(2, 5), DType.Float64), true).ToDoubleArray(), v => Assert.Equal(0, v));
    }
}
