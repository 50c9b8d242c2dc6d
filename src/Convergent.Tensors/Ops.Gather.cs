using System.Numerics;

namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>
    /// A linear resampling of <paramref name="x"/>: output element i is Σₜ weight[i·taps + t] · x[index[i·taps + t]]
    /// over <paramref name="taps"/> taps, an index of −1 contributing nothing. Flips, crops, translations and
    /// bilinear/nearest resizes of images are all this with different tables. Backward scatters:
    /// dx[index] += weight · dy.
    /// </summary>
    /// <param name="x">Any tensor, read as a flat array.</param>
    /// <param name="index">Flat indices into <paramref name="x"/> (or −1), <c>shape.Size · taps</c> of them.</param>
    /// <param name="weight">The weight of each tap.</param>
    /// <param name="taps">Taps per output element (1 for a permutation, 4 for bilinear).</param>
    /// <param name="shape">The output's shape.</param>
    public static Tensor WeightedGather(Tensor x, int[] index, double[] weight, int taps, Shape shape)
    {
        if (taps <= 0 || index.Length != shape.Size * taps || weight.Length != index.Length)
            throw new ArgumentException($"WeightedGather: {shape.Size} outputs × {taps} taps need {shape.Size * taps} indices and weights; got {index.Length} and {weight.Length}.");
        foreach (var i in index)
            if (i < -1 || i >= x.Size) throw new ArgumentException($"WeightedGather: index {i} is outside the {x.Size} elements of {x.Shape}.");
        var y = Tensor.Scratch(shape, x.DType);
        if (IsF32(x)) GatherForward(x.AsSpan<float>(), y.AsSpan<float>(), index, weight, taps);
        else GatherForward(x.AsSpan<double>(), y.AsSpan<double>(), index, weight, taps);
        return Autograd.Record(y, "WeightedGather", [x], dy =>
        {
            if (IsF32(x)) GatherBackward(dy.AsSpan<float>(), x.GradBuffer().AsSpan<float>(), index, weight, taps);
            else GatherBackward(dy.AsSpan<double>(), x.GradBuffer().AsSpan<double>(), index, weight, taps);
        });
    }

    private static void GatherForward<T>(ReadOnlySpan<T> x, Span<T> y, int[] index, double[] weight, int taps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0, k = 0; i < y.Length; i++)
        {
            T sum = T.Zero;
            for (int t = 0; t < taps; t++, k++)
                if (index[k] >= 0) sum += Cast<T>(weight[k]) * x[index[k]];
            y[i] = sum;
        }
    }

    private static void GatherBackward<T>(ReadOnlySpan<T> dy, Span<T> dx, int[] index, double[] weight, int taps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0, k = 0; i < dy.Length; i++)
            for (int t = 0; t < taps; t++, k++)
                if (index[k] >= 0) dx[index[k]] += Cast<T>(weight[k]) * dy[i];
    }
}
