namespace Convergent.Kernels;

// Shape letters: N batch, H/W input height/width, C channels, PH/PW pool height/width, SH/SW strides,
// OH/OW output height/width. x is (N, H, W, C) when ChannelsLast, else (N, C, H, W); y is (N, OH, OW, C) or
// (N, C, OH, OW).

/// <summary>
/// Geometry of a 2-D pooling window sweep. Output cell (oh, ow) covers input rows oh·SH − PadTop … + PH − 1 and
/// columns ow·SW − PadLeft … + PW − 1, clipped to the input: padded cells are never read, never win a max and are
/// not counted by an average (TensorFlow's 'same' pooling).
/// </summary>
public readonly record struct Pool2DGeometry(int Batch, int InHeight, int InWidth, int Channels, int PoolHeight, int PoolWidth,
    int StrideHeight, int StrideWidth, int PadTop, int PadLeft, int OutHeight, int OutWidth, bool ChannelsLast)
{
    /// <summary>Element count of x: N·H·W·C.</summary>
    public int InputLength => checked(Batch * InHeight * InWidth * Channels);

    /// <summary>Element count of y: N·OH·OW·C.</summary>
    public int OutputLength => checked(Batch * OutHeight * OutWidth * Channels);

    /// <summary>
    /// Keras 'valid' / 'same' output size and padding (Keras's strides default to the pool size; pass them).
    /// same → out = ceil(in/stride), pad_total = max((out − 1)·stride + pool − in, 0), pad_top = pad_total/2 (the
    /// extra one on bottom/right, as TensorFlow). valid → out = floor((in − pool)/stride) + 1, no padding.
    /// Keras: <c>MaxPooling2D / AveragePooling2D(pool_size, strides, padding, data_format)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive, or with 'valid' the pool is larger than the input.</exception>
    public static Pool2DGeometry Create(int batch, int inHeight, int inWidth, int channels, int poolHeight, int poolWidth,
        int strideHeight, int strideWidth, bool samePadding, bool channelsLast)
    {
        RequirePositive(batch, nameof(batch));
        RequirePositive(inHeight, nameof(inHeight));
        RequirePositive(inWidth, nameof(inWidth));
        RequirePositive(channels, nameof(channels));
        RequirePositive(poolHeight, nameof(poolHeight));
        RequirePositive(poolWidth, nameof(poolWidth));
        RequirePositive(strideHeight, nameof(strideHeight));
        RequirePositive(strideWidth, nameof(strideWidth));

        int outH, outW, padTop, padLeft;
        if (samePadding)
        {
            outH = (int)(((long)inHeight + strideHeight - 1) / strideHeight);
            outW = (int)(((long)inWidth + strideWidth - 1) / strideWidth);
            padTop = (int)(Math.Max((long)(outH - 1) * strideHeight + poolHeight - inHeight, 0) / 2);
            padLeft = (int)(Math.Max((long)(outW - 1) * strideWidth + poolWidth - inWidth, 0) / 2);
        }
        else
        {
            if (poolHeight > inHeight || poolWidth > inWidth)
            {
                string name = poolHeight > inHeight ? nameof(poolHeight) : nameof(poolWidth);
                throw new ArgumentException(
                    $"pool {poolHeight}x{poolWidth} larger than input {inHeight}x{inWidth} with padding='valid'. " +
                    $"Received: {nameof(poolHeight)}={poolHeight}, {nameof(poolWidth)}={poolWidth}, " +
                    $"{nameof(inHeight)}={inHeight}, {nameof(inWidth)}={inWidth}", name);
            }
            outH = (inHeight - poolHeight) / strideHeight + 1;
            outW = (inWidth - poolWidth) / strideWidth + 1;
            padTop = 0;
            padLeft = 0;
        }

        var g = new Pool2DGeometry(batch, inHeight, inWidth, channels, poolHeight, poolWidth, strideHeight, strideWidth,
            padTop, padLeft, outH, outW, channelsLast);
        // Element counts index spans, so they must fit an int; checked arithmetic throws OverflowException otherwise.
        _ = g.InputLength + g.OutputLength;
        return g;
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentException($"{name} must be positive. Received: {name}={value}", name);
    }

    /// <summary>
    /// Throws when a hand-built geometry is inconsistent — including a window that would lie wholly in the padding —
    /// or a span does not hold exactly its element count.
    /// </summary>
    internal void Validate(int xLength, int yLength, string xName, string yName)
    {
        if (Batch < 0 || InHeight <= 0 || InWidth <= 0 || Channels <= 0 || PoolHeight <= 0 || PoolWidth <= 0
            || StrideHeight <= 0 || StrideWidth <= 0 || PadTop < 0 || PadLeft < 0 || OutHeight <= 0 || OutWidth <= 0
            || PadTop >= PoolHeight || PadLeft >= PoolWidth
            || (long)(OutHeight - 1) * StrideHeight - PadTop >= InHeight || (long)(OutWidth - 1) * StrideWidth - PadLeft >= InWidth)
            throw new ArgumentException($"Inconsistent pooling geometry: {this}", "g");
        if (xLength != InputLength)
            throw new ArgumentException($"{xName} holds {xLength} elements, geometry needs {InputLength}.", xName);
        if (yLength != OutputLength)
            throw new ArgumentException($"{yName} holds {yLength} elements, geometry needs {OutputLength}.", yName);
    }

    /// <summary>The input rows [start, end) that output row <paramref name="oh"/> reads, padding excluded.</summary>
    internal (int Start, int End) Rows(int oh)
    {
        int start = oh * StrideHeight - PadTop;
        return (Math.Max(start, 0), Math.Min(start + PoolHeight, InHeight));
    }

    /// <summary>The input columns [start, end) that output column <paramref name="ow"/> reads, padding excluded.</summary>
    internal (int Start, int End) Columns(int ow)
    {
        int start = ow * StrideWidth - PadLeft;
        return (Math.Max(start, 0), Math.Min(start + PoolWidth, InWidth));
    }
}
