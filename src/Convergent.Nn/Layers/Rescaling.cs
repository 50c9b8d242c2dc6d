using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Multiplies inputs by <see cref="Scale"/> and adds <see cref="Offset"/>: y = x·scale + offset, e.g.
/// <c>Rescaling(1/255)</c> maps raw 0–255 pixels to [0, 1]. No weights. Keras
/// <c>keras.layers.Rescaling(scale, offset=0.0)</c>.
/// </summary>
public sealed class Rescaling : Layer
{
    /// <summary>Stores the factors; both must be finite.</summary>
    public Rescaling(double scale, double offset = 0.0, string? name = null) : base(name)
    {
        if (!double.IsFinite(scale)) throw new ArgumentException($"Argument `scale` must be a finite number. Received: scale={scale}");
        if (!double.IsFinite(offset)) throw new ArgumentException($"Argument `offset` must be a finite number. Received: offset={offset}");
        Scale = scale;
        Offset = offset;
    }

    /// <summary>Multiplicative factor.</summary>
    public double Scale { get; }

    /// <summary>Additive offset.</summary>
    public double Offset { get; }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    protected override Tensor Forward(Tensor x, bool training)
    {
        var y = Ops.MultiplyScalar(x, Scale);
        return Offset == 0 ? y : Ops.AddScalar(y, Offset);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(("scale", Scale), ("offset", Offset));
}
