using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Gives each sample the shape <see cref="TargetShape"/> (batch axis excluded; one entry may be −1, inferred from the
/// size). Keras <c>keras.layers.Reshape(target_shape)</c>.
/// </summary>
public sealed class Reshape : Layer
{
    /// <summary>Creates the layer; entries must be positive, except for at most one −1.</summary>
    public Reshape(int[] targetShape, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Count(d => d == -1) > 1)
            throw new ArgumentException($"There must be at most one unknown dimension (-1) in target_shape. Received: target_shape={Check.Tuple(targetShape)}");
        if (targetShape.Any(d => d == 0 || d < -1))
            throw new ArgumentException($"Invalid value for argument target_shape: expected positive integers and at most one -1. Received: target_shape={Check.Tuple(targetShape)}");
        TargetShape = (int[])targetShape.Clone();
    }

    /// <summary>The per-sample shape (Keras <c>target_shape</c>), possibly with one −1.</summary>
    public IReadOnlyList<int> TargetShape { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var dims = TargetShape.ToArray();
        int known = dims.Where(d => d != -1).Aggregate(1, (a, b) => a * b);
        int infer = Array.IndexOf(dims, -1);
        if (infer >= 0 && inputShape.Size % known == 0) dims[infer] = inputShape.Size / known;
        if (dims.Contains(-1) || dims.Aggregate(1, (a, b) => a * b) != inputShape.Size)
            throw new ArgumentException($"The total size of the tensor must be unchanged. Received: input_shape={inputShape}, target_shape={Check.Tuple([.. TargetShape])}");
        return new Shape(dims);
    }

    protected override Tensor Forward(Tensor x, bool training) => Ops.Reshape(x, [x.Shape[0], .. OutputShape!.ToArray()]);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(("target_shape", TargetShape.ToArray()));
}
