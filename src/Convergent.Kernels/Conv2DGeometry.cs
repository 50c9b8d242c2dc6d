namespace Convergent.Kernels;

// Shape letters: N batch, H/W input height/width, C input channels, K output channels (filters),
// KH/KW kernel height/width, OH/OW output height/width.
// x is (N, H, W, C) when ChannelsLast, else (N, C, H, W); y is (N, OH, OW, K) or (N, K, OH, OW);
// the kernel is Keras's (KH, KW, C, K) for both data formats.

/// <summary>
/// Geometry of a 2-D convolution. Kernel layout is Keras's (KH, KW, C, K) for both data formats.
/// </summary>
/// <remarks>
/// Output pixel (oh, ow) reads input row oh·StrideHeight − PadTop + kh·DilationHeight (likewise for columns);
/// rows and columns outside the input are zeros.
/// </remarks>
public readonly record struct Conv2DGeometry(int Batch, int InHeight, int InWidth, int InChannels,
    int OutChannels, int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth, int PadTop, int PadLeft, int OutHeight, int OutWidth, bool ChannelsLast)
{
    /// <summary>Element count of x: N·H·W·C.</summary>
    public int InputLength => checked(Batch * InHeight * InWidth * InChannels);

    /// <summary>Element count of y: N·OH·OW·K.</summary>
    public int OutputLength => checked(Batch * OutHeight * OutWidth * OutChannels);

    /// <summary>Element count of the kernel: KH·KW·C·K.</summary>
    public int KernelLength => checked(KernelHeight * KernelWidth * InChannels * OutChannels);

    /// <summary>Zero rows below the input that the last output row reads (the extra row of an odd 'same' pad goes here, as in TensorFlow).</summary>
    public int PadBottom => Math.Max(0, (OutHeight - 1) * StrideHeight + (KernelHeight - 1) * DilationHeight + 1 - InHeight - PadTop);

    /// <summary>Zero columns right of the input that the last output column reads.</summary>
    public int PadRight => Math.Max(0, (OutWidth - 1) * StrideWidth + (KernelWidth - 1) * DilationWidth + 1 - InWidth - PadLeft);

    /// <summary>
    /// Keras 'valid' / 'same' output size and padding.
    /// same → out = ceil(in/stride), pad_total = max((out−1)·stride + (k−1)·dilation + 1 − in, 0),
    /// pad_top = pad_total/2 (the extra one on bottom/right, as TensorFlow).
    /// valid → out = floor((in − (k−1)·dilation − 1)/stride) + 1, no padding.
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive, or the dilated kernel does not fit the padded input.</exception>
    public static Conv2DGeometry Create(int batch, int inHeight, int inWidth, int inChannels, int outChannels,
        int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int dilationHeight, int dilationWidth,
        bool samePadding, bool channelsLast)
    {
        RequirePositive(batch, nameof(batch));
        RequirePositive(inHeight, nameof(inHeight));
        RequirePositive(inWidth, nameof(inWidth));
        RequirePositive(inChannels, nameof(inChannels));
        RequirePositive(outChannels, nameof(outChannels));
        RequirePositive(kernelHeight, nameof(kernelHeight));
        RequirePositive(kernelWidth, nameof(kernelWidth));
        RequirePositive(strideHeight, nameof(strideHeight));
        RequirePositive(strideWidth, nameof(strideWidth));
        RequirePositive(dilationHeight, nameof(dilationHeight));
        RequirePositive(dilationWidth, nameof(dilationWidth));

        long spanH = (long)(kernelHeight - 1) * dilationHeight + 1;
        long spanW = (long)(kernelWidth - 1) * dilationWidth + 1;
        int outH, outW, padTop, padLeft;
        if (samePadding)
        {
            outH = (inHeight + strideHeight - 1) / strideHeight;
            outW = (inWidth + strideWidth - 1) / strideWidth;
            padTop = (int)(Math.Max((long)(outH - 1) * strideHeight + spanH - inHeight, 0) / 2);
            padLeft = (int)(Math.Max((long)(outW - 1) * strideWidth + spanW - inWidth, 0) / 2);
        }
        else
        {
            if (spanH > inHeight || spanW > inWidth)
            {
                string name = spanH > inHeight ? nameof(kernelHeight) : nameof(kernelWidth);
                throw new ArgumentException(
                    $"kernel {kernelHeight}x{kernelWidth} (dilated {spanH}x{spanW}) larger than padded input {inHeight}x{inWidth}. " +
                    $"Received: {nameof(kernelHeight)}={kernelHeight}, {nameof(kernelWidth)}={kernelWidth}, " +
                    $"{nameof(dilationHeight)}={dilationHeight}, {nameof(dilationWidth)}={dilationWidth}, padding='valid'", name);
            }
            outH = (int)((inHeight - spanH) / strideHeight) + 1;
            outW = (int)((inWidth - spanW) / strideWidth) + 1;
            padTop = 0;
            padLeft = 0;
        }

        var g = new Conv2DGeometry(batch, inHeight, inWidth, inChannels, outChannels, kernelHeight, kernelWidth,
            strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft, outH, outW, channelsLast);
        // Element counts index spans, so they must fit an int; checked arithmetic throws OverflowException otherwise.
        _ = g.InputLength + g.OutputLength + g.KernelLength;
        return g;
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentException($"{name} must be positive. Received: {name}={value}", name);
    }

    /// <summary>Throws when a hand-built geometry is inconsistent or a span is shorter than its element count.</summary>
    internal void Validate(int xLength, int kernelLength, int yLength, string xName, string kernelName, string yName)
    {
        if (Batch < 0 || InHeight <= 0 || InWidth <= 0 || InChannels <= 0 || OutChannels <= 0
            || KernelHeight <= 0 || KernelWidth <= 0 || StrideHeight <= 0 || StrideWidth <= 0
            || DilationHeight <= 0 || DilationWidth <= 0 || PadTop < 0 || PadLeft < 0 || OutHeight <= 0 || OutWidth <= 0)
            throw new ArgumentException($"Inconsistent convolution geometry: {this}", "g");
        if (xLength < InputLength)
            throw new ArgumentException($"{xName} holds {xLength} elements, geometry needs {InputLength}.", xName);
        if (kernelLength < KernelLength)
            throw new ArgumentException($"{kernelName} holds {kernelLength} elements, geometry needs {KernelLength}.", kernelName);
        if (yLength < OutputLength)
            throw new ArgumentException($"{yName} holds {yLength} elements, geometry needs {OutputLength}.", yName);
    }
}
