using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Produces the initial value of a weight (Keras <c>keras.initializers.Initializer</c>). Fans follow Keras's
/// <c>compute_fans</c>: for a 2-D kernel (in, out) fan_in = in, fan_out = out; for a conv kernel
/// (kh, kw, …, in, out) both are multiplied by the receptive field kh·kw·….
/// </summary>
public abstract class Initializer
{
    /// <summary>A new tensor of the given shape and type.</summary>
    public abstract Tensor Create(Shape shape, DType dtype, Random rng);

    /// <summary>The Keras configuration for serialization.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();

    /// <summary>Keras's class name (e.g. <c>GlorotUniform</c>).</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Keras's fan computation.</summary>
    public static (double FanIn, double FanOut) ComputeFans(Shape shape)
    {
        if (shape.Rank == 0) return (1, 1);
        if (shape.Rank == 1) return (shape[0], shape[0]);
        if (shape.Rank == 2) return (shape[0], shape[1]);
        double receptive = 1;
        for (int i = 0; i < shape.Rank - 2; i++) receptive *= shape[i];
        return (shape[shape.Rank - 2] * receptive, shape[shape.Rank - 1] * receptive);
    }

    public override string ToString() => ClassName;
}
