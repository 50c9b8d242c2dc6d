using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Batch normalization over every axis but <see cref="Axis"/> (the features): y = γ·(x − μ)/√(σ² + ε) + β.
/// In training (and when the layer is trainable) μ, σ² are the batch mean and biased batch variance, the gradient
/// flows through them, and the moving statistics are updated as moving ← moving·momentum + batch·(1 − momentum)
/// (with the biased variance, as Keras 3); at inference, and when the layer is frozen (trainable = false, Keras's
/// rule for fine-tuning), μ, σ² are the moving statistics. Weights: gamma, beta (trainable), moving_mean,
/// moving_variance (not trainable), each of the feature axis's size. Keras
/// <c>keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True,
/// beta_initializer="zeros", gamma_initializer="ones", moving_mean_initializer="zeros",
/// moving_variance_initializer="ones", beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
/// gamma_constraint=None)</c>. Ioffe and Szegedy, "Batch normalization: accelerating deep network training by reducing
/// internal covariate shift", ICML 2015.
/// </summary>
public sealed class BatchNormalization : Layer
{
    private Variable? _gamma, _beta, _movingMean, _movingVariance;
    private int _axis;   // the feature axis of the batched input

    /// <summary>Creates the layer; <paramref name="epsilon"/> must be positive.</summary>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null, string? name = null) : base(name)
    {
        Check.Finite(momentum, "momentum");
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
            throw new ArgumentException($"Invalid value for argument epsilon: expected a positive float. Received: epsilon={Check.Format(epsilon)}");
        if (axis == 0)
            throw new ArgumentException("Invalid value for argument axis: the batch axis 0 cannot be normalized over as the feature axis. Received: axis=0");
        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
        MovingMeanInitializer = movingMeanInitializer ?? new Zeros();
        MovingVarianceInitializer = movingVarianceInitializer ?? new Ones();
        BetaRegularizer = betaRegularizer;
        GammaRegularizer = gammaRegularizer;
        BetaConstraint = betaConstraint;
        GammaConstraint = gammaConstraint;
    }

    /// <summary>The feature axis, batch axis counted (Keras <c>axis</c>; −1 for channels_last, 1 for channels_first).</summary>
    public int Axis { get; }
    public double Momentum { get; }
    public double Epsilon { get; }
    /// <summary>Whether β is added (Keras <c>center</c>).</summary>
    public bool Center { get; }
    /// <summary>Whether γ multiplies (Keras <c>scale</c>).</summary>
    public bool Scale { get; }
    public Initializer BetaInitializer { get; }
    public Initializer GammaInitializer { get; }
    public Initializer MovingMeanInitializer { get; }
    public Initializer MovingVarianceInitializer { get; }
    public Regularizer? BetaRegularizer { get; }
    public Regularizer? GammaRegularizer { get; }
    public Constraint? BetaConstraint { get; }
    public Constraint? GammaConstraint { get; }

    public Variable? Gamma => _gamma;
    public Variable? Beta => _beta;
    public Variable? MovingMean => _movingMean;
    public Variable? MovingVariance => _movingVariance;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        int rank = inputShape.Rank + 1;
        if (Axis >= rank || Axis < -rank)
            throw new ArgumentException($"Invalid axis {Axis} for BatchNormalization: inputs have rank {rank}.");
        return inputShape;
    }

    protected override void OnBuild(Shape inputShape)
    {
        int rank = inputShape.Rank + 1;
        _axis = Axis < 0 ? Axis + rank : Axis;
        var shape = new Shape(inputShape[_axis - 1]);
        _gamma = Scale ? AddWeight("gamma", shape, GammaInitializer, GammaRegularizer, GammaConstraint) : null;
        _beta = Center ? AddWeight("beta", shape, BetaInitializer, BetaRegularizer, BetaConstraint) : null;
        _movingMean = AddWeight("moving_mean", shape, MovingMeanInitializer, trainable: false);
        _movingVariance = AddWeight("moving_variance", shape, MovingVarianceInitializer, trainable: false);
    }

    protected override Tensor Forward(Tensor x, bool training)
    {
        // statistics shaped to broadcast against x: (1, …, features, …, 1)
        var broadcast = Enumerable.Repeat(1, x.Rank).ToArray();
        broadcast[_axis] = x.Shape[_axis];
        Tensor mean, variance;
        if (training && Trainable)
        {
            var axes = Enumerable.Range(0, x.Rank).Where(a => a != _axis).ToArray();
            mean = Ops.Mean(x, axes, keepDims: true);
            variance = Ops.Mean(Ops.Square(x - mean), axes, keepDims: true);   // biased, as Keras's ops.moments
            UpdateMovingStatistics(mean, variance);
        }
        else
        {
            mean = Ops.Reshape(_movingMean!.Value, broadcast);
            variance = Ops.Reshape(_movingVariance!.Value, broadcast);
        }
        var y = (x - mean) / Ops.Sqrt(variance + Epsilon);
        if (_gamma is not null) y = y * Ops.Reshape(_gamma.Value, broadcast);
        if (_beta is not null) y = y + Ops.Reshape(_beta.Value, broadcast);
        return y;
    }

    private void UpdateMovingStatistics(Tensor mean, Tensor variance)
    {
        var mm = _movingMean!.Value; var mv = _movingVariance!.Value;
        for (int i = 0; i < mm.Size; i++)
        {
            mm[i] = mm[i] * Momentum + mean[i] * (1 - Momentum);
            mv[i] = mv[i] * Momentum + variance[i] * (1 - Momentum);
        }
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("axis", Axis),
        ("momentum", Momentum),
        ("epsilon", Epsilon),
        ("center", Center),
        ("scale", Scale),
        ("beta_initializer", KerasObject.Serialize(BetaInitializer)),
        ("gamma_initializer", KerasObject.Serialize(GammaInitializer)),
        ("moving_mean_initializer", KerasObject.Serialize(MovingMeanInitializer)),
        ("moving_variance_initializer", KerasObject.Serialize(MovingVarianceInitializer)),
        ("beta_regularizer", KerasObject.Serialize(BetaRegularizer)),
        ("gamma_regularizer", KerasObject.Serialize(GammaRegularizer)),
        ("beta_constraint", KerasObject.Serialize(BetaConstraint)),
        ("gamma_constraint", KerasObject.Serialize(GammaConstraint)),
        ("synchronized", false));
}
