using Convergent.Kernels;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// 2-D convolution (cross-correlation, as every framework computes it): y = activation(conv(x, W) + b) with W of
/// Keras layout (kh, kw, in_channels, filters) and b of shape (filters). Output size per spatial axis: 'valid'
/// ⌊(in − (k−1)·d − 1)/s⌋ + 1, 'same' ⌈in/s⌉. Keras <c>keras.layers.Conv2D(filters, kernel_size, strides=(1, 1),
/// padding="valid", data_format=None, dilation_rate=(1, 1), groups=1, activation=None, use_bias=True,
/// kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
/// activity_regularizer=None, kernel_constraint=None, bias_constraint=None)</c>. Parameters: kh·kw·in·filters + filters
/// (32 filters of 5×5 over 3 channels: 2,432). Grouped convolution (groups ≠ 1) is not supported.
/// </summary>
public sealed class Conv2D : Layer
{
    private Variable? _kernel, _bias;

    /// <summary>Creates the layer, validating its arguments as Keras does.</summary>
    public Conv2D(int filters, Size2D kernelSize, Size2D? strides = null, Padding padding = Padding.Valid,
        DataFormat dataFormat = DataFormat.ChannelsLast, Size2D? dilationRate = null, int groups = 1,
        Activation? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, string? name = null) : base(name)
    {
        if (filters <= 0)
            throw new ArgumentException($"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.");
        LayerArgs.Positive(kernelSize, "kernel_size");
        var s = strides ?? 1;
        var d = dilationRate ?? 1;
        LayerArgs.Positive(s, "strides");
        LayerArgs.Positive(d, "dilation_rate");
        if (Math.Max(s.Height, s.Width) > 1 && Math.Max(d.Height, d.Width) > 1)
            throw new ArgumentException($"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides={s} and dilation_rate={d}");
        if (padding == Padding.Causal)
            throw new ArgumentException("Invalid value for argument padding: 'causal' padding is only supported by Conv1D. Received: padding=causal");
        if (groups != 1)
            throw new ArgumentException($"Grouped convolution is not supported: groups must be 1. Received: groups={groups}");
        Filters = filters;
        KernelSize = kernelSize;
        Strides = s;
        Padding = padding;
        DataFormat = dataFormat;
        DilationRate = d;
        Activation = activation ?? Activations.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        ActivityRegularizer = activityRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
    }

    /// <summary>Number of output channels (Keras <c>filters</c>).</summary>
    public int Filters { get; }
    public Size2D KernelSize { get; }
    public Size2D Strides { get; }
    public Padding Padding { get; }
    public DataFormat DataFormat { get; }
    public Size2D DilationRate { get; }
    public Activation Activation { get; }
    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer BiasInitializer { get; }
    public Regularizer? KernelRegularizer { get; }
    public Regularizer? BiasRegularizer { get; }
    public Constraint? KernelConstraint { get; }
    public Constraint? BiasConstraint { get; }

    public override Activation? ActivationFunction => Activation;

    /// <summary>W, shape (kh, kw, in_channels, filters); null before build.</summary>
    public Variable? Kernel => _kernel;

    /// <summary>b, shape (filters); null before build or without bias.</summary>
    public Variable? Bias => _bias;

    private bool ChannelsLast => DataFormat == DataFormat.ChannelsLast;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var (h, w, c) = LayerArgs.Image(inputShape, DataFormat, "Conv2D");
        var g = Geometry(1, h, w, c);
        return LayerArgs.ImageShape(g.OutHeight, g.OutWidth, Filters, DataFormat);
    }

    private Conv2DGeometry Geometry(int batch, int h, int w, int c) =>
        Conv2DGeometry.Create(batch, h, w, c, Filters, KernelSize.Height, KernelSize.Width, Strides.Height, Strides.Width,
            DilationRate.Height, DilationRate.Width, Padding == Padding.Same, ChannelsLast);

    protected override void OnBuild(Shape inputShape)
    {
        var (_, _, c) = LayerArgs.Image(inputShape, DataFormat, "Conv2D");
        _kernel = AddWeight("kernel", new Shape(KernelSize.Height, KernelSize.Width, c, Filters), KernelInitializer, KernelRegularizer, KernelConstraint);
        _bias = UseBias ? AddWeight("bias", new Shape(Filters), BiasInitializer, BiasRegularizer, BiasConstraint) : null;
    }

    protected override Tensor Forward(Tensor x, bool training)
    {
        var z = Ops.Conv2D(x, _kernel!.Value, Strides.Height, Strides.Width, DilationRate.Height, DilationRate.Width,
            Padding == Padding.Same, ChannelsLast);
        if (_bias is not null) z = Ops.Add(z, ChannelsLast ? _bias.Value : Ops.Reshape(_bias.Value, Filters, 1, 1));
        return ApplyActivation(Activation, z);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("filters", Filters),
        ("kernel_size", KernelSize.ToArray()),
        ("strides", Strides.ToArray()),
        ("padding", Padding.ToKeras()),
        ("data_format", DataFormat.ToKeras()),
        ("dilation_rate", DilationRate.ToArray()),
        ("groups", 1),
        ("activation", KerasObject.Serialize(Activation)),
        ("use_bias", UseBias),
        ("kernel_initializer", KerasObject.Serialize(KernelInitializer)),
        ("bias_initializer", KerasObject.Serialize(BiasInitializer)),
        ("kernel_regularizer", KerasObject.Serialize(KernelRegularizer)),
        ("bias_regularizer", KerasObject.Serialize(BiasRegularizer)),
        ("kernel_constraint", KerasObject.Serialize(KernelConstraint)),
        ("bias_constraint", KerasObject.Serialize(BiasConstraint)));
}
