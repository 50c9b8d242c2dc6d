namespace Convergent.Kernels;

/// <summary>Argument checks shared by the row-wise (rows × cols) kernels.</summary>
internal static class RowGuard
{
    /// <summary>Throws unless rows, cols ≥ 0 and every span holds exactly rows·cols elements.</summary>
    public static void Require(int rows, int cols, int length, string name, int otherLength, string otherName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        long expected = (long)rows * cols;
        if (length != expected)
            throw new ArgumentException($"Expected rows·cols = {rows}·{cols} = {expected} elements. Received: {name}.Length={length}.", name);
        if (otherLength != expected)
            throw new ArgumentException($"Expected rows·cols = {rows}·{cols} = {expected} elements. Received: {otherName}.Length={otherLength}.", otherName);
    }
}
