using Convergent.Kernels;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// 1-D convolution over (batch, steps, channels) — or (batch, channels, steps) channels_first — with W of shape
/// (kernel_size, in_channels, filters): computed as a <see cref="Conv2D"/> over a height-1 image. 'causal' padding puts
/// (kernel_size − 1)·dilation zeros before the first step so output t depends only on inputs ≤ t (WaveNet).
/// Keras <c>keras.layers.Conv1D(filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
/// groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros", …)</c>.
/// Grouped convolution (groups ≠ 1) is not supported.
/// </summary>
public sealed class Conv1D : Layer
{
    private Variable? _kernel, _bias;

    /// <summary>Creates the layer, validating its arguments as Keras does.</summary>
    public Conv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid,
        DataFormat dataFormat = DataFormat.ChannelsLast, int dilationRate = 1, int groups = 1,
        Activation? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, string? name = null) : base(name)
    {
        if (filters <= 0)
            throw new ArgumentException($"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.");
        Check.Positive(kernelSize, "kernel_size");
        Check.Positive(strides, "strides");
        Check.Positive(dilationRate, "dilation_rate");
        if (strides > 1 && dilationRate > 1)
            throw new ArgumentException($"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=({strides},) and dilation_rate=({dilationRate},)");
        if (groups != 1)
            throw new ArgumentException($"Grouped convolution is not supported: groups must be 1. Received: groups={groups}");
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = padding;
        DataFormat = dataFormat;
        DilationRate = dilationRate;
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

    public int Filters { get; }
    public int KernelSize { get; }
    public int Strides { get; }
    public Padding Padding { get; }
    public DataFormat DataFormat { get; }
    public int DilationRate { get; }
    public Activation Activation { get; }
    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer BiasInitializer { get; }
    public Regularizer? KernelRegularizer { get; }
    public Regularizer? BiasRegularizer { get; }
    public Constraint? KernelConstraint { get; }
    public Constraint? BiasConstraint { get; }

    public override Activation? ActivationFunction => Activation;

    /// <summary>W, shape (kernel_size, in_channels, filters); null before build.</summary>
    public Variable? Kernel => _kernel;

    /// <summary>b, shape (filters); null before build or without bias.</summary>
    public Variable? Bias => _bias;

    private bool ChannelsLast => DataFormat == DataFormat.ChannelsLast;

    /// <summary>Zeros placed before the first step by 'causal' padding.</summary>
    private int CausalPad => Padding == Padding.Causal ? (KernelSize - 1) * DilationRate : 0;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank != 2)
            throw new ArgumentException($"Conv1D expects inputs of rank 3 (batch, {(ChannelsLast ? "steps, channels" : "channels, steps")}). Received input shape: (None, {string.Join(", ", inputShape)})");
        int steps = ChannelsLast ? inputShape[0] : inputShape[1], c = ChannelsLast ? inputShape[1] : inputShape[0];
        var g = Geometry(1, steps, c);
        return ChannelsLast ? new Shape(g.OutWidth, Filters) : new Shape(Filters, g.OutWidth);
    }

    private Conv2DGeometry Geometry(int batch, int steps, int c) =>
        Conv2DGeometry.Create(batch, 1, steps + CausalPad, c, Filters, 1, KernelSize, 1, Strides, 1, DilationRate,
            Padding == Padding.Same, ChannelsLast);

    protected override void OnBuild(Shape inputShape)
    {
        int c = ChannelsLast ? inputShape[1] : inputShape[0];
        _kernel = AddWeight("kernel", new Shape(KernelSize, c, Filters), KernelInitializer, KernelRegularizer, KernelConstraint);
        _bias = UseBias ? AddWeight("bias", new Shape(Filters), BiasInitializer, BiasRegularizer, BiasConstraint) : null;
    }

    protected override Tensor Forward(Tensor x, bool training)
    {
        if (x.Rank != 3) throw new ArgumentException($"{Describe()} expects a 3-D input; received shape {x.Shape}.");
        int n = x.Shape[0];
        // a height-1 image: (N, L, C) → (N, 1, L, C); (N, C, L) → (N, C, 1, L)
        var image = ChannelsLast ? Ops.Reshape(x, n, 1, x.Shape[1], x.Shape[2]) : Ops.Reshape(x, n, x.Shape[1], 1, x.Shape[2]);
        if (CausalPad > 0) image = Ops.Pad2D(image, 0, 0, CausalPad, 0, ChannelsLast);
        var kernel = Ops.Reshape(_kernel!.Value, [1, .. _kernel.Shape.ToArray()]);
        var z = Ops.Conv2D(image, kernel, 1, Strides, 1, DilationRate, Padding == Padding.Same, ChannelsLast);
        z = ChannelsLast ? Ops.Reshape(z, n, z.Shape[2], Filters) : Ops.Reshape(z, n, Filters, z.Shape[3]);
        if (_bias is not null) z = Ops.Add(z, ChannelsLast ? _bias.Value : Ops.Reshape(_bias.Value, Filters, 1));
        return ApplyActivation(Activation, z);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("filters", Filters),
        ("kernel_size", new[] { KernelSize }),
        ("strides", new[] { Strides }),
        ("padding", Padding.ToKeras()),
        ("data_format", DataFormat.ToKeras()),
        ("dilation_rate", new[] { DilationRate }),
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
