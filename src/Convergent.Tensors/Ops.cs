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

    /// <summary>
    /// input.Grad += g for g of input's shape. When <paramref name="mayTake"/> — g is a buffer the rule made for this
    /// purpose, or the rule's own dy, which autodiff drops right after the rule — and input is an intermediate result
    /// that has no gradient yet, g itself becomes the gradient: no zeroed buffer, no addition. Returns whether g was
    /// taken (a rule passes its dy to at most one input that way). Leaves never take: a weight's gradient is its own.
    /// </summary>
    internal static bool AddGrad(Tensor input, Tensor g, bool mayTake)
    {
        if (mayTake && input.Grad is null && input.Node is not null && g.DType == input.DType && g.Size == input.Size)
        {
            input.Grad = g.Shape.Equals(input.Shape) ? g : g.ViewAs(input.Shape);
            return true;
        }
        AccumulateInto(input.GradBuffer(), g);
        return false;
    }

    /// <summary><see cref="AddGrad"/> for a buffer the rule made: when it is not taken, it goes back to the arena.</summary>
    internal static void AddFreshGrad(Tensor input, Tensor fresh)
    {
        if (!AddGrad(input, fresh, mayTake: true)) TensorArena.Return(fresh.Storage);
    }

    /// <summary>The gradient buffer of <paramref name="input"/> for a kernel that can either overwrite or accumulate:
    /// <paramref name="fresh"/> says it is new (contents undefined, so overwrite) rather than holding gradient already.
    /// A leaf's new buffer is a plain array (it outlives the step), an intermediate's is scratch.</summary>
    internal static Tensor GradTarget(Tensor input, out bool fresh)
    {
        fresh = input.Grad is null;
        if (!fresh) return input.Grad!;
        return input.Grad = input.Node is null ? Tensor.Empty(input.Shape, input.DType) : Tensor.Scratch(input.Shape, input.DType);
    }

    internal static bool IsF32(Tensor t) => t.DType == DType.Float32;

    internal static T Cast<T>(double v) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(v);
}
