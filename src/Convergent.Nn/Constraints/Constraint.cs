using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>A projection applied to a weight after every optimizer step (Keras <c>keras.constraints.Constraint</c>).</summary>
public abstract class Constraint
{
    /// <summary>Keras's <c>backend.epsilon()</c>, added to norms before dividing by them.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>Projects <paramref name="w"/> in place.</summary>
    public abstract void Apply(Tensor w);

    /// <summary>The Keras configuration for serialization.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();

    /// <summary>Keras's class name (e.g. <c>MaxNorm</c>).</summary>
    public virtual string ClassName => GetType().Name;

    public override string ToString() => ClassName;

    /// <summary>
    /// w ← w · desired(n)/(ε + n), n = √(Σ w²) over <paramref name="axes"/> (one norm per index of the other axes):
    /// the shared step of the norm constraints. Runs outside the gradient tape.
    /// </summary>
    protected static void RescaleNorms(Tensor w, int[] axes, Func<double, double> desired)
    {
        using (Autograd.NoGrad())
        {
            var view = w.Detach();
            var norms = Ops.Sqrt(Ops.Sum(Ops.Square(view), axes, keepDims: true));
            for (int i = 0; i < norms.Size; i++) norms[i] = desired(norms[i]) / (Epsilon + norms[i]);
            w.CopyFrom(Ops.Multiply(view, norms));
        }
    }

    /// <summary>Validates axes (Keras accepts an int or a list of ints) for a message naming them.</summary>
    protected static int[] Axes(int[] axes)
    {
        if (axes is null || axes.Length == 0)
            throw new ArgumentException("Invalid value for argument axis: expected an int or a non-empty list of ints. Received: axis=[]");
        return (int[])axes.Clone();
    }

    /// <summary>Keras's config form of the axes: an int when there is one, else a list.</summary>
    protected static object AxisConfig(int[] axes) => axes.Length == 1 ? axes[0] : axes.ToArray();
}
