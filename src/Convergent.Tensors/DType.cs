namespace Convergent.Tensors;

/// <summary>Element type of a <see cref="Tensor"/>. Training runs in <see cref="Float32"/>; <see cref="Float64"/>
/// exists so finite-difference gradient checks can run the very same code in double precision.</summary>
public enum DType
{
    /// <summary>IEEE 754 single precision (Keras's default <c>floatx</c>).</summary>
    Float32,
    /// <summary>IEEE 754 double precision, used by gradient checks.</summary>
    Float64,
}
