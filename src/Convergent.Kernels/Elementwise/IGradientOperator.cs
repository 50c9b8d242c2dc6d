using System.Numerics;

namespace Convergent.Kernels;

/// <summary>The increment f'(x)·dy of an elementwise backward pass, given x, the forward output y = f(x) and dy.</summary>
/// <remarks>Each operator reads whichever of x and y makes the derivative cheapest; the other argument is ignored.</remarks>
internal interface IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Invoke(T x, T y, T dy);

    Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy);
}
