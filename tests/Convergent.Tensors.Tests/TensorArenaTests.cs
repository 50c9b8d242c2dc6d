using Convergent.Testing;

namespace Convergent.Tensors.Tests;

public class TensorArenaTests
{
    // Every intermediate below has ≥ TensorArena.MinPooledLength elements, so it comes from the arena when one is
    // active: 16 × 32 × 32 × 4 = 65,536 values for the images, 16 × 512 for the dense part.

    /// <summary>A graph that exercises every way a gradient buffer is made or handed on: broadcasting (bias),
    /// a tensor used twice (x + x, a diamond through two branches), reshape views, transposes, dropout, pooling,
    /// matmul (overwriting a new gradient), softmax and a clipped log.</summary>
    private static Tensor Loss(Tensor x, Tensor kernel, Tensor bias, Tensor w, Random rng)
    {
        var h = Ops.Conv2D(x, kernel, samePadding: true) + bias;
        var twice = h + h;                                   // the same tensor on both sides
        var branch = Ops.Relu(twice) * Ops.Sigmoid(h);       // h reaches the loss by two paths
        var pooled = Ops.MaxPool2D(Ops.Dropout(branch, 0.25, rng), 2, 2, 2, 2);
        var flat = Ops.Reshape(pooled, pooled.Shape[0], -1);
        var t = Ops.Transpose(Ops.Transpose(flat, 1, 0), 1, 0);
        var logits = Ops.MatMul(t, w);
        var p = Ops.Softmax(Ops.Tanh(logits - 0.5));
        return -Ops.Mean(Ops.Log(Ops.Clip(p, 1e-7, 1 - 1e-7)));
    }

    private static (Tensor X, Tensor Kernel, Tensor Bias, Tensor W) Inputs() =>
        (GradCheck.Random(1, -1, 1, 16, 32, 32, 4), GradCheck.Random(2, -0.3, 0.3, 3, 3, 4, 4),
         GradCheck.Random(3, -0.1, 0.1, 4), GradCheck.Random(4, -0.05, 0.05, 16 * 16 * 4, 12));

    private static double[][] Gradients(TensorArena? arena, int dropoutSeed)
    {
        var (x, kernel, bias, w) = Inputs();
        using (arena?.Activate())
        {
            var loss = Loss(x, kernel, bias, w, new Random(dropoutSeed));
            loss.Backward();
            return [loss.ToDoubleArray(), x.Grad!.ToDoubleArray(), kernel.Grad!.ToDoubleArray(), bias.Grad!.ToDoubleArray(), w.Grad!.ToDoubleArray()];
        }
    }

    [Fact]
    public void Arena_SameGraph_GradientsBitIdenticalToPlainAllocation()
    {
        var plain = Gradients(null, 5);
        var arena = new TensorArena();
        // the second and third steps reuse the first's buffers, whose stale values must not leak into the results
        for (int step = 0; step < 3; step++)
        {
            var pooled = Gradients(arena, 5);
            for (int i = 0; i < plain.Length; i++) Assert.Equal(plain[i], pooled[i]);
        }
    }

    [Fact]
    public void Arena_Gradients_MatchFiniteDifferences()
    {
        // a small version of the graph, checked numerically while an arena is active (its buffers are large enough
        // to be pooled: 4 × 32 × 32 × 2 = 8,192). Only the kernel and bias are perturbed: every evaluation's buffers
        // stay out until the activation ends.
        var arena = new TensorArena();
        var x = GradCheck.Random(1, -1, 1, 4, 32, 32, 2);
        x.RequiresGrad = false;
        var k = GradCheck.Random(2, -0.5, 0.5, 3, 3, 2, 2);
        var b = GradCheck.Random(3, -0.1, 0.1, 2);
        using (arena.Activate())
        {
            double err = GradCheck.MaxError(v =>
            {
                var h = Ops.Conv2D(v[0], v[1], samePadding: true) + v[2];
                var y = Ops.Reshape(Ops.Tanh(h + h) * Ops.Sigmoid(h), 4, -1);
                return Ops.Sum(Ops.Square(y));
            }, x, k, b);
            Assert.True(err < GradCheck.Tolerance, $"error {err}");
        }
    }

    [Fact]
    public void Arena_AfterActivation_KeepsOneStepOfBuffersAndSmallTensorsStayValid()
    {
        var arena = new TensorArena();
        Tensor small;
        using (arena.Activate())
        {
            var big = Tensor.Zeros(new Shape(100, 100)) + 1.0;   // 10,000 values: pooled
            small = Ops.Sum(big);                                 // a scalar: never pooled
        }
        Assert.Equal(10000.0, small.Item());
        Assert.Equal(10000L * 4, arena.HeldBytes);
        using (arena.Activate()) { _ = Tensor.Zeros(new Shape(50, 100)) + 1.0; }
        // the (100, 100) buffer went unused in the last activation, so it was let go
        Assert.Equal(5000L * 4, arena.HeldBytes);
    }

    [Fact]
    public void Arena_OutsideActivation_OpsAllocateAsUsual()
    {
        var arena = new TensorArena();
        using (arena.Activate()) { }
        var y = Tensor.Zeros(new Shape(100, 100)) + 1.0;
        Assert.Equal(0L, arena.HeldBytes);
        Assert.All(y.ToFloatArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Arena_NestedActivation_Throws()
    {
        var arena = new TensorArena();
        using (arena.Activate())
            Assert.Throws<InvalidOperationException>(() => arena.Activate());
    }
}
