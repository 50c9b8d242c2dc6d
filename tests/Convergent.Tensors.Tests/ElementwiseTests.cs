using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Tensors.Tests;

public class ElementwiseTests
{
    [Fact]
    public void Add_BiasOverLastAxis_MatchesHandComputed()
    {
        var a = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = Tensor.FromArray(new float[] { 10, 20, 30 }, 3);
        Assert.Equal(new float[] { 11, 22, 33, 14, 25, 36 }, (a + b).ToFloatArray());
    }

    [Fact]
    public void Multiply_ColumnTimesRow_IsOuterProduct()
    {
        var col = Tensor.FromArray(new float[] { 1, 2 }, 2, 1);
        var row = Tensor.FromArray(new float[] { 3, 4, 5 }, 1, 3);
        var y = col * row;
        Assert.Equal(new Shape(2, 3), y.Shape);
        Assert.Equal(new float[] { 3, 4, 5, 6, 8, 10 }, y.ToFloatArray());
    }

    [Fact]
    public void Broadcast_IncompatibleShapes_NamesBothShapes()
    {
        var a = Tensor.Zeros(new Shape(2, 3));
        var b = Tensor.Zeros(new Shape(4));
        var ex = Assert.Throws<ArgumentException>(() => a + b);
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("(4,)", ex.Message);
    }

    public static TheoryData<int[], int[]> BroadcastPairs => new()
    {
        { new[] { 3, 4 }, new[] { 3, 4 } },
        { new[] { 3, 4 }, new[] { 4 } },
        { new[] { 3, 1 }, new[] { 1, 4 } },
        { new[] { 2, 3, 4 }, new[] { 3, 1 } },
        { new[] { 2, 1, 4 }, new int[0] },
        { new[] { 1 }, new[] { 2, 3 } },
    };

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void BinaryOps_Broadcast_GradientsMatchFiniteDifferences(int[] sa, int[] sb)
    {
        foreach (var op in new Func<Tensor, Tensor, Tensor>[] { Ops.Add, Ops.Subtract, Ops.Multiply, Ops.Divide, Ops.Maximum, Ops.Minimum })
        {
            var a = GradCheck.Random(1, 0.5, 2.0, sa);
            var b = GradCheck.Random(2, 0.5, 2.0, sb);
            double err = GradCheck.MaxError(GradCheck.Weighted(x => op(x[0], x[1])), a, b);
            Assert.True(err < GradCheck.Tolerance, $"{op.Method.Name} {Shape.Format(sa)} {Shape.Format(sb)}: {err}");
        }
    }

    [Fact]
    public void UnaryOps_GradientsMatchFiniteDifferences()
    {
        var fs = new (string, Func<Tensor, Tensor>)[]
        {
            ("exp", Ops.Exp), ("log", Ops.Log), ("sqrt", Ops.Sqrt), ("square", Ops.Square), ("abs", Ops.Abs),
            ("pow1.5", t => Ops.Pow(t, 1.5)), ("clip", t => Ops.Clip(t, 0.7, 1.6)), ("neg", t => -t),
            ("scale", t => t * 3.0), ("shift", t => t + 2.0),
        };
        foreach (var (name, f) in fs)
        {
            var x = GradCheck.Random(3, 0.3, 2.0, 4, 5);
            double err = GradCheck.MaxError(GradCheck.Weighted(v => f(v[0])), x);
            Assert.True(err < GradCheck.Tolerance, $"{name}: {err}");
        }
    }

    [Fact]
    public void Abs_AtZero_GradientIsZero()
    {
        var x = Tensor.FromArray(new double[] { 0.0, -2.0, 3.0 }, 3).WithGrad();
        Ops.Sum(Ops.Abs(x)).Backward();
        Assert.Equal(new double[] { 0, -1, 1 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void Clip_OutsideRange_GradientIsZero()
    {
        // Keras clips crossentropy inputs to [1e-7, 1 - 1e-7]; a probability pinned at 0 must pass no gradient
        var x = Tensor.FromArray(new double[] { 0.0, 0.5, 1.0 }, 3).WithGrad();
        Ops.Sum(Ops.Clip(x, 1e-7, 1 - 1e-7)).Backward();
        Assert.Equal(new double[] { 0, 1, 0 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void Backward_SharedInput_AccumulatesBothPaths()
    {
        // y = x*x + x  →  dy/dx = 2x + 1
        var x = Tensor.FromArray(new double[] { 3.0 }, 1).WithGrad();
        Ops.Sum(x * x + x).Backward();
        Assert.Equal(7.0, x.Grad![0]);
    }

    [Fact]
    public void Backward_CalledTwice_AccumulatesIntoLeafGrad()
    {
        var x = Tensor.FromArray(new double[] { 2.0 }, 1).WithGrad();
        Ops.Sum(x * 5.0).Backward();
        Ops.Sum(x * 5.0).Backward();
        Assert.Equal(10.0, x.Grad![0]);
        x.ZeroGrad();
        Assert.Equal(0.0, x.Grad![0]);
    }

    [Fact]
    public void NoGrad_InsideScope_RecordsNothing()
    {
        var x = Tensor.FromArray(new double[] { 2.0 }, 1).WithGrad();
        Tensor y;
        using (Autograd.NoGrad()) y = x * 2.0;
        Assert.Null(y.Node);
        Assert.False(y.RequiresGrad);
        Assert.NotNull((x * 2.0).Node);
    }

    [Fact]
    public void Backward_DeepChain_DoesNotOverflowStack()
    {
        var x = Tensor.FromArray(new double[] { 1.0 }, 1).WithGrad();
        var y = x;
        for (int i = 0; i < 20000; i++) y = y + 0.0;
        Ops.Sum(y).Backward();
        Assert.Equal(1.0, x.Grad![0]);
    }
}
