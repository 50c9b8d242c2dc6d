namespace Convergent.Kernels;

/// <summary>
/// Shape bookkeeping shared by <see cref="Reduce"/> and <see cref="Broadcast"/>: validation, and the collapse of a
/// shape with one flag per axis (reduced / broadcast) into the fewest equivalent axes.
/// </summary>
/// <remarks>
/// Size-1 axes are dropped and neighbours with the same flag merged, so (N, H, W, C) reduced over (0, 1, 2) becomes
/// [N·H·W reduced, C kept]: the kernels then see at most a handful of axes, whatever the rank, and the innermost
/// merged axis is as long, and as contiguous, as it can be.
/// </remarks>
internal static class AxisPlan
{
    /// <summary>Ranks above this are rejected; the scratch for an axis plan lives on the stack.</summary>
    public const int MaxRank = 32;

    /// <summary>The element count of <paramref name="shape"/>, after checking rank and sizes.</summary>
    public static int ElementCount(ReadOnlySpan<int> shape, string name)
    {
        if (shape.Length > MaxRank)
            throw new ArgumentException($"Rank above {MaxRank} is not supported. Received: {name}.Length={shape.Length}.", name);
        long count = 1;
        foreach (int size in shape)
        {
            if (size < 0)
                throw new ArgumentException($"Axis sizes must be non-negative. Received: {name}=[{string.Join(", ", shape.ToArray())}].", name);
            count *= size;
            if (count > int.MaxValue)
                throw new ArgumentException($"More than {int.MaxValue} elements. Received: {name}=[{string.Join(", ", shape.ToArray())}].", name);
        }
        return (int)count;
    }

    /// <summary>Throws unless a span named <paramref name="name"/> holds exactly <paramref name="expected"/> elements.</summary>
    public static void RequireLength(int actual, int expected, string name, string shapeName)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} must hold the {expected} elements of {shapeName}. Received: {name}.Length={actual}.", name);
    }

    /// <summary>
    /// Writes the merged axes of (<paramref name="sizes"/>, <paramref name="flags"/>) and returns how many there are
    /// (0 when every axis has size 1). Sizes must all be positive.
    /// </summary>
    public static int Merge(ReadOnlySpan<int> sizes, ReadOnlySpan<bool> flags, Span<int> mergedSizes, Span<bool> mergedFlags)
    {
        int count = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] == 1)
                continue;
            if (count > 0 && mergedFlags[count - 1] == flags[i])
            {
                mergedSizes[count - 1] *= sizes[i];
            }
            else
            {
                mergedSizes[count] = sizes[i];
                mergedFlags[count] = flags[i];
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// Right-aligns <paramref name="small"/> against <paramref name="large"/> (numpy broadcasting) into
    /// <paramref name="aligned"/> (length = large's rank), checking every axis is equal or 1 in the small shape.
    /// </summary>
    public static void Align(ReadOnlySpan<int> small, string smallName, ReadOnlySpan<int> large, string largeName, Span<int> aligned)
    {
        int offset = large.Length - small.Length;
        if (offset < 0)
            throw new ArgumentException($"{smallName} has more axes than {largeName}. Received: {smallName}={Format(small)}, {largeName}={Format(large)}.", smallName);
        for (int i = 0; i < large.Length; i++)
        {
            int size = i < offset ? 1 : small[i - offset];
            if (size != large[i] && size != 1)
                throw new ArgumentException($"{smallName} does not broadcast to {largeName}: axis {i} is {size}, not 1 or {large[i]}. " +
                                            $"Received: {smallName}={Format(small)}, {largeName}={Format(large)}.", smallName);
            aligned[i] = size;
        }
    }

    public static string Format(ReadOnlySpan<int> shape) => $"[{string.Join(", ", shape.ToArray())}]";
}
