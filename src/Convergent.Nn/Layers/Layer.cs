using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Base of every layer, following Keras 3's contract: the constructor validates and stores options;
/// <see cref="Build"/> creates weights through <see cref="AddWeight"/> once the input shape is known;
/// <see cref="Forward"/> computes; <see cref="GetConfig"/> returns the Keras configuration.
/// <see cref="Call"/> is the one entry point: it runs <see cref="Forward"/> and, only when probes are attached,
/// reports the tensors to them (one branch of cost otherwise).
/// </summary>
public abstract class Layer
{
    private readonly List<Variable> _weights = [];
    private List<ILayerProbe>? _probes;
    private Tensor? _lastPreActivation;
    private string? _name;

    /// <summary>Stores the layer's name (null: the model assigns a Keras-style one such as <c>dense_1</c>).</summary>
    protected Layer(string? name = null)
    {
        if (name is not null && string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A layer name cannot be blank. Received: name=\"\"", nameof(name));
        _name = name;
    }

    /// <summary>The layer's name, unique within its model.</summary>
    public string Name
    {
        get => _name ?? DefaultBaseName;
        internal set => _name = value;
    }

    /// <summary>Whether the user gave the name explicitly.</summary>
    public bool HasExplicitName => _name is not null;

    /// <summary>Keras's class name (e.g. <c>Conv2D</c>), used in summaries and configurations.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Keras's default name stem: the class name in snake_case (<c>Conv2D</c> → <c>conv2d</c>).</summary>
    public string DefaultBaseName => Naming.ToSnakeCase(ClassName);

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool Built { get; private set; }

    /// <summary>Input shape without the batch axis (known after <see cref="Build"/>).</summary>
    public Shape? InputShape { get; private set; }

    /// <summary>Output shape without the batch axis (known after <see cref="Build"/>).</summary>
    public Shape? OutputShape { get; private set; }

    /// <summary>All weights in creation order (Keras <c>layer.weights</c>).</summary>
    public IReadOnlyList<Variable> Weights => _weights;

    /// <summary>The weights the optimizer updates.</summary>
    public IEnumerable<Variable> TrainableWeights => _trainable ? _weights.Where(w => w.Trainable) : [];

    /// <summary>Number of scalars in all weights.</summary>
    public long ParameterCount => _weights.Sum(w => (long)w.Value.Size);

    /// <summary>Number of scalars in trainable weights.</summary>
    public long TrainableParameterCount => TrainableWeights.Sum(w => (long)w.Value.Size);

    /// <summary>Whether the layer's weights are trained (Keras <c>layer.trainable</c>).</summary>
    public bool Trainable
    {
        get => _trainable;
        set { _trainable = value; foreach (var w in _weights) w.Value.RequiresGrad = value && w.Trainable; }
    }
    private bool _trainable = true;

    /// <summary>The activation applied at the end of the layer, if it has one (Dense, Conv2D, Activation).</summary>
    public virtual Activation? ActivationFunction => null;

    /// <summary>Element type chosen at build time.</summary>
    protected DType DType { get; private set; } = DType.Float32;

    /// <summary>Random source for initializers and training-time randomness (dropout, augmentation), seeded by the model.</summary>
    protected Random Rng { get; private set; } = new RandomStream(0);

    private readonly List<RandomStream> _ownStreams = [];

    /// <summary>A stream of the layer's own (Keras's <c>seed=</c> argument of Dropout and the augmentation layers),
    /// created in <see cref="OnBuild"/>; its position is saved with the model (see <see cref="RandomStreams"/>).</summary>
    protected Random OwnRandomStream(int seed)
    {
        var stream = new RandomStream(seed);
        _ownStreams.Add(stream);
        return stream;
    }

    /// <summary>Every random stream the layer draws from — <see cref="Rng"/> first, then its own seeded streams — for
    /// saving and restoring their positions.</summary>
    public IEnumerable<Random> RandomStreams => ((IEnumerable<Random>)_ownStreams).Prepend(Rng);

    /// <summary>Creates the weights for inputs of shape <paramref name="inputShape"/> (batch axis excluded).</summary>
    public void Build(Shape inputShape, DType dtype = DType.Float32, Random? rng = null)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        DType = dtype;
        Rng = rng ?? new RandomStream(0);
        _weights.Clear();
        _ownStreams.Clear();
        var output = ComputeOutputShape(inputShape);   // validates the shape before any weight is allocated
        OnBuild(inputShape);
        InputShape = inputShape;
        OutputShape = output;
        Built = true;
    }

    /// <summary>Creates the weights; called by <see cref="Build"/>.</summary>
    protected virtual void OnBuild(Shape inputShape) { }

    /// <summary>Output shape for an input shape (both without the batch axis). Throws <see cref="ArgumentException"/>
    /// naming the layer and the shape when the input does not fit.</summary>
    public abstract Shape ComputeOutputShape(Shape inputShape);

    /// <summary>The computation. <paramref name="x"/> has the batch axis first.</summary>
    protected abstract Tensor Forward(Tensor x, bool training);

    /// <summary>Runs the layer on a batch (Keras <c>layer(x, training=…)</c>) and reports to attached probes.</summary>
    public Tensor Call(Tensor x, bool training = false)
    {
        if (!Built) throw new InvalidOperationException($"Layer '{Name}' is not built: call Build(inputShape) or add it to a model first.");
        if (_probes is null) return RecordActivityLoss(Forward(x, training));
        _lastPreActivation = null;
        var y = Forward(x, training);
        foreach (var p in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_probes)) p.AfterForward(this, x, y, _lastPreActivation, training);
        _lastPreActivation = null;
        return RecordActivityLoss(y);
    }

    /// <summary>Penalty on the layer's outputs (Keras <c>activity_regularizer</c>), or null. Keras 3 adds
    /// regularizer(output) — not divided by the batch size — to the loss on every call.</summary>
    public Regularizer? ActivityRegularizer { get; protected init; }

    /// <summary>The losses the last <see cref="Call"/> added (Keras <c>layer.losses</c> minus the weight penalties,
    /// which <see cref="Model"/> takes from <see cref="Variable.Regularizer"/>): the activity penalty, if any.</summary>
    public IReadOnlyList<Tensor> Losses => _losses;
    private IReadOnlyList<Tensor> _losses = [];

    private Tensor RecordActivityLoss(Tensor y)
    {
        if (ActivityRegularizer is not null) _losses = [ActivityRegularizer.Penalty(y)];
        return y;
    }

    /// <summary>Applies <paramref name="activation"/> (null = linear) to <paramref name="z"/>, letting probes see
    /// the pre-activation values (saturation is judged on them).</summary>
    protected Tensor ApplyActivation(Activation? activation, Tensor z)
    {
        if (activation is null || activation.Kind == ActivationKind.Linear) return z;
        if (_probes is not null) _lastPreActivation = z;
        return activation.Apply(z);
    }

    /// <summary>Creates a weight (Keras <c>add_weight</c>).</summary>
    protected Variable AddWeight(string name, Shape shape, Initializer initializer, Regularizer? regularizer = null,
        Constraint? constraint = null, bool trainable = true)
    {
        var value = initializer.Create(shape, DType, Rng);
        var v = new Variable($"{Name}/{name}", value, trainable && _trainable, regularizer, constraint);
        _weights.Add(v);
        return v;
    }

    /// <summary>Renames weights after the model gave the layer its final name.</summary>
    internal void RenameWeights()
    {
        foreach (var w in _weights) w.Name = $"{Name}/{w.Name[(w.Name.IndexOf('/') + 1)..]}";
    }

    /// <summary>The Keras configuration of the layer (argument names as in Keras 3).</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();

    /// <summary>The keys every Keras 3 layer configuration starts with (<c>name</c>, <c>trainable</c>, <c>dtype</c>,
    /// and <c>activity_regularizer</c> when set), followed by <paramref name="entries"/>.</summary>
    protected Dictionary<string, object?> Config(params (string Key, object? Value)[] entries)
    {
        var c = new Dictionary<string, object?>
        {
            ["name"] = Name,
            ["trainable"] = Trainable,
            ["dtype"] = DType == DType.Float32 ? "float32" : "float64",
        };
        if (ActivityRegularizer is not null) c["activity_regularizer"] = KerasObject.Serialize(ActivityRegularizer);
        foreach (var (k, v) in entries) c[k] = v;
        return c;
    }

    /// <summary>Attaches a probe that sees every forward pass; dispose the result to detach it.</summary>
    public IDisposable AttachProbe(ILayerProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        (_probes ??= []).Add(probe);
        return new Detacher(this, probe);
    }

    private sealed class Detacher(Layer layer, ILayerProbe probe) : IDisposable
    {
        public void Dispose()
        {
            if (layer._probes is null) return;
            layer._probes.Remove(probe);
            if (layer._probes.Count == 0) layer._probes = null;
        }
    }

    /// <summary>Helper for error messages: "Layer 'dense_1' (Dense)".</summary>
    protected string Describe() => $"Layer '{Name}' ({ClassName})";

    public override string ToString() => $"{Name} ({ClassName})";
}
