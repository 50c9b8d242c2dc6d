using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>Small array utilities with Keras names (<c>keras.utils</c>).</summary>
public static class DataUtils
{
    /// <summary>
    /// One-hot encodes integer class labels, as <c>keras.utils.to_categorical(y, num_classes)</c>: labels of shape
    /// (…) give a float32 tensor of shape (…, C) with a 1 at each label's index. A trailing axis of size 1 is
    /// dropped first ((N, 1) → (N, C)), as Keras does. <paramref name="numClasses"/> defaults to max(label) + 1.
    /// </summary>
    public static Tensor ToCategorical(Tensor labels, int? numClasses = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int[] shape = labels.Shape.ToArray();
        if (shape.Length > 1 && shape[^1] == 1) shape = shape[..^1];
        var values = labels.ToDoubleArray();
        int max = -1;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (v < 0 || v != Math.Floor(v) || v > int.MaxValue - 1)
                throw new ArgumentException($"Labels must be non-negative integers. Received: {v} at index {i}", nameof(labels));
            max = Math.Max(max, (int)v);
        }
        int c = numClasses ?? max + 1;
        if (c <= 0) throw new ArgumentOutOfRangeException(nameof(numClasses), $"numClasses must be positive. Received: numClasses={c}");
        if (max >= c) throw new ArgumentException($"Label {max} is out of range for numClasses={c}.", nameof(labels));
        if ((long)values.Length * c > Array.MaxLength) throw new ArgumentException($"{values.Length} labels × {c} classes is too large for one tensor.", nameof(labels));
        var dst = new float[values.Length * c];
        for (int i = 0; i < values.Length; i++) dst[i * c + (int)values[i]] = 1f;
        return Tensor.FromArray(dst, [.. shape, c]);
    }

    /// <summary>One-hot encodes an integer label array (see <see cref="ToCategorical(Tensor, int?)"/>).</summary>
    public static Tensor ToCategorical(int[] labels, int? numClasses = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return ToCategorical(Tensor.FromArray(labels.Select(l => (double)l).ToArray(), labels.Length), numClasses);
    }
}
