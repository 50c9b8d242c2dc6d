namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Inverted dropout: x ⊙ m with m = 1/(1 − rate) where a uniform draw u ∈ [0, 1) from <paramref name="rng"/> is
    /// ≥ rate, else 0 (rate = 1 keeps nothing). The mask has <paramref name="maskShape"/> (default: x's shape) and
    /// broadcasts over x, so a mask of shape (N, 1, 1, C) drops whole feature maps. Draws are taken in row-major mask
    /// order, one per mask element. Backward: dx += dy ⊙ m (the mask is a constant). Keras
    /// <c>keras.random.dropout</c>, as the <c>Dropout</c> layer uses it in training.
    /// </summary>
    public static Tensor Dropout(Tensor x, double rate, Random rng, Shape? maskShape = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(rate >= 0 && rate <= 1))
            throw new ArgumentException($"Dropout rate must be in [0, 1]. Received: rate={rate}", nameof(rate));
        // the mask lives as long as the step's graph, so it comes from the arena like any op result
        var mask = Tensor.Scratch(maskShape ?? x.Shape, x.DType);
        double scale = rate < 1 ? 1.0 / (1.0 - rate) : 0.0;
        if (IsF32(x))
        {
            var m = mask.AsSpan<float>(); float s = (float)scale;
            for (int i = 0; i < m.Length; i++) m[i] = rng.NextDouble() >= rate ? s : 0f;
        }
        else
        {
            var m = mask.AsSpan<double>();
            for (int i = 0; i < m.Length; i++) m[i] = rng.NextDouble() >= rate ? scale : 0.0;
        }
        return Multiply(x, mask);
    }
}
