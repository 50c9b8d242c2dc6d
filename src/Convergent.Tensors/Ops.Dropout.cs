using Convergent.Kernels;

namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Inverted dropout: x ⊙ m with m = 1/(1 − rate) where a uniform draw u ∈ [0, 1) is ≥ rate, else 0 (rate = 1 keeps
    /// nothing). The mask has <paramref name="maskShape"/> (default: x's shape) and broadcasts over x, so a mask of shape
    /// (N, 1, 1, C) drops whole feature maps. One 64-bit seed is drawn from <paramref name="rng"/> per call; the mask's
    /// draws follow from it (<see cref="DropoutMask"/>), so the same generator state gives the same mask for any thread
    /// count. Backward: dx += dy ⊙ m (the mask is a constant). Keras <c>keras.random.dropout</c>, as the
    /// <c>Dropout</c> layer uses it in training.
    /// </summary>
    public static Tensor Dropout(Tensor x, double rate, Random rng, Shape? maskShape = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(rate >= 0 && rate <= 1))
            throw new ArgumentException($"Dropout rate must be in [0, 1]. Received: rate={rate}", nameof(rate));
        // the mask lives as long as the step's graph, so it comes from the arena like any op result
        var mask = Tensor.Scratch(maskShape ?? x.Shape, x.DType);
        ulong seed = (ulong)rng.NextInt64();
        if (IsF32(x)) DropoutMask.Fill(mask.AsSpan<float>(), rate, seed);
        else DropoutMask.Fill(mask.AsSpan<double>(), rate, seed);
        return Multiply(x, mask);
    }
}
