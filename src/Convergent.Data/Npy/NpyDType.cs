namespace Convergent.Data;

/// <summary>The numpy element types that <see cref="Npy"/> and <see cref="Npz"/> read and write (numpy's
/// <c>descr</c> codes in brackets; the byte order is a separate part of the code).</summary>
public enum NpyDType
{
    /// <summary>numpy <c>bool</c> (<c>|b1</c>), one byte per element, held as <see cref="bool"/>.</summary>
    Bool,
    /// <summary>numpy <c>int8</c> (<c>|i1</c>), held as <see cref="sbyte"/>.</summary>
    Int8,
    /// <summary>numpy <c>int16</c> (<c>i2</c>), held as <see cref="short"/>.</summary>
    Int16,
    /// <summary>numpy <c>int32</c> (<c>i4</c>), held as <see cref="int"/>.</summary>
    Int32,
    /// <summary>numpy <c>int64</c> (<c>i8</c>), held as <see cref="long"/>.</summary>
    Int64,
    /// <summary>numpy <c>uint8</c> (<c>|u1</c>), held as <see cref="byte"/>.</summary>
    UInt8,
    /// <summary>numpy <c>uint16</c> (<c>u2</c>), held as <see cref="ushort"/>.</summary>
    UInt16,
    /// <summary>numpy <c>uint32</c> (<c>u4</c>), held as <see cref="uint"/>.</summary>
    UInt32,
    /// <summary>numpy <c>uint64</c> (<c>u8</c>), held as <see cref="ulong"/>.</summary>
    UInt64,
    /// <summary>numpy <c>float16</c> (<c>f2</c>), held as <see cref="Half"/>; converted to float32 by
    /// <see cref="NpyArray.ToTensor"/> since the engine has no half-precision tensors.</summary>
    Float16,
    /// <summary>numpy <c>float32</c> (<c>f4</c>), held as <see cref="float"/>.</summary>
    Float32,
    /// <summary>numpy <c>float64</c> (<c>f8</c>), held as <see cref="double"/>.</summary>
    Float64,
}
