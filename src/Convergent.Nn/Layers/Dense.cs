using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Fully connected layer: y = activation(x·W + b) over the last axis of any-rank input, W of shape (in, units), b of
/// shape (units). Inputs of rank &gt; 2 are treated as a batch of rows: (…, in) → (…, units).
/// Keras <c>keras.layers.Dense(units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
/// bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
/// kernel_constraint=None, bias_constraint=None)</c>. Parameters: in·units + units (784 → 512: 401,920).
/// </summary>
public sealed class Dense : Layer
{
    private Variable? _kernel, _bias;

    /// <summary>Creates the layer; <paramref name="units"/> must be positive.</summary>
    public Dense(int units, Activation? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, string? name = null) : base(name)
    {
        if (units <= 0)
            throw new ArgumentException($"Received an invalid value for `units`, expected a positive integer. Received: units={units}");
        Units = units;
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

    /// <summary>Output size (Keras <c>units</c>).</summary>
    public int Units { get; }

    /// <summary>The activation applied to x·W + b (<see cref="Activations.Linear"/> when none was given).</summary>
    public Activation Activation { get; }

    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer BiasInitializer { get; }
    public Regularizer? KernelRegularizer { get; }
    public Regularizer? BiasRegularizer { get; }
    public Constraint? KernelConstraint { get; }
    public Constraint? BiasConstraint { get; }

    public override Activation? ActivationFunction => Activation;

    /// <summary>W, shape (in, units); null before build.</summary>
    public Variable? Kernel => _kernel;

    /// <summary>b, shape (units); null before build or without bias.</summary>
    public Variable? Bias => _bias;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank < 1 || inputShape[-1] <= 0)
            throw new ArgumentException($"Dense expects an input with at least 2 dimensions (batch, …, features) and a known, positive last dimension. Received input shape: (None{string.Concat(inputShape.Select(d => $", {d}"))})");
        return inputShape.With(-1, Units);
    }

    protected override void OnBuild(Shape inputShape)
    {
        _kernel = AddWeight("kernel", new Shape(inputShape[-1], Units), KernelInitializer, KernelRegularizer, KernelConstraint);
        _bias = UseBias ? AddWeight("bias", new Shape(Units), BiasInitializer, BiasRegularizer, BiasConstraint) : null;
    }

    protected override Tensor Forward(Tensor x, bool training)
    {
        int inputs = _kernel!.Shape[0];
        if (x.Rank < 2 || x.Shape[-1] != inputs)
            throw new ArgumentException($"{Describe()} expects inputs whose last axis has {inputs} features; received input shape {x.Shape}.");
        var rows = x.Rank == 2 ? x : Ops.Reshape(x, -1, inputs);
        var z = Ops.MatMul(rows, _kernel.Value);
        if (_bias is not null) z = Ops.Add(z, _bias.Value);
        if (x.Rank != 2) z = Ops.Reshape(z, x.Shape.With(-1, Units).ToArray());
        return ApplyActivation(Activation, z);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("units", Units),
        ("activation", KerasObject.Serialize(Activation)),
        ("use_bias", UseBias),
        ("kernel_initializer", KerasObject.Serialize(KernelInitializer)),
        ("bias_initializer", KerasObject.Serialize(BiasInitializer)),
        ("kernel_regularizer", KerasObject.Serialize(KernelRegularizer)),
        ("bias_regularizer", KerasObject.Serialize(BiasRegularizer)),
        ("kernel_constraint", KerasObject.Serialize(KernelConstraint)),
        ("bias_constraint", KerasObject.Serialize(BiasConstraint)));
}
