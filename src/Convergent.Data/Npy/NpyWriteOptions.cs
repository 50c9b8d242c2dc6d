namespace Convergent.Data;

/// <summary>How <see cref="Npy.Write(string, NpyArray, NpyWriteOptions?)"/> lays out a file. The defaults give what
/// <c>numpy.save</c> writes on a little-endian machine: format 1.0, little endian, C order.</summary>
public sealed record NpyWriteOptions
{
    /// <summary>Format major version 1, 2 or 3; null picks the lowest that can hold the header (1.0 for headers
    /// under 64 KiB, 2.0 above, 3.0 when the header has non-Latin-1 text), as numpy does.</summary>
    public int? Version { get; init; }

    /// <summary>Write multi-byte elements big-endian (<c>&gt;</c>) instead of little-endian (<c>&lt;</c>).</summary>
    public bool BigEndian { get; init; }

    /// <summary>Write the elements in Fortran (column-major) order with <c>fortran_order: True</c>.</summary>
    public bool FortranOrder { get; init; }
}
