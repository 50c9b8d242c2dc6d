using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Tensors;

/// <summary>
/// The differentiable primitives. Each op computes its result and, beside it in the same file, the rule that
/// turns the gradient of the result into gradients of the inputs (rules accumulate, they never overwrite).
/// Everything else in the engine — layers, losses, optimizers — is composed from these.
/// </summary>
/// <remarks>Ops are split over files by concern (<c>Ops.Elementwise.cs</c>, <c>Ops.Reduce.cs</c>, …). Each op is
/// written once, generic over the element type, and dispatched on <see cref="DType"/>.</remarks>
public static partial class Ops
{
    internal static void RequireSameType(Tensor a, Tensor b, string op)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"{op}: operands have different types ({a.DType} and {b.DType}).");
    }

    /// <summary>target += source (same shape, or source broadcastable to target's shape is undone by summing).</summary>
    internal static void AccumulateInto(Tensor target, Tensor source)
    {
        RequireSameType(target, source, "accumulate");
        if (target.DType == DType.Float32)
            Broadcasting.SumInto(source.AsSpan<float>(), source.Shape, target.AsSpan<float>(), target.Shape);
        else
            Broadcasting.SumInto(source.AsSpan<double>(), source.Shape, target.AsSpan<double>(), target.Shape);
    }

    internal static bool IsF32(Tensor t) => t.DType == DType.Float32;

    internal static T Cast<T>(double v) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(v);
}
