using System.Numerics;

namespace Convergent.Kernels;

/// <summary>An elementwise map y = f(x) with a scalar path and a <see cref="Vector{T}"/> path that must agree.</summary>
/// <remarks>Implemented by small structs so <see cref="ElementwiseDriver"/> is specialized and inlined per operator.</remarks>
internal interface IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Invoke(T x);

    Vector<T> Invoke(Vector<T> x);
}
