using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// A trainable stack of layers with Keras's training API: <see cref="Compile"/>, <see cref="Fit"/>,
/// <see cref="Evaluate"/>, <see cref="Predict"/>, <see cref="Summary"/>. Subclasses define how layers connect
/// (<see cref="Sequential"/> chains them; a functional graph can follow the same contract).
/// </summary>
public abstract partial class Model
{
    private readonly List<ITrainingProbe> _trainingProbes = [];
    private readonly TensorArena _stepMemory = new();

    /// <summary>Creates a model; <paramref name="seed"/> fixes weight initialization, shuffling and dropout.</summary>
    protected Model(string? name, int seed)
    {
        Name = name ?? Naming.ToSnakeCase(GetType().Name);
        Seed = seed;
        Rng = new RandomStream(seed);
    }

    /// <summary>The model's name (Keras: <c>sequential</c>).</summary>
    public string Name { get; }

    /// <summary>Seed of every random choice the model makes (Keras: <c>keras.utils.set_random_seed</c>).</summary>
    public int Seed { get; }

    /// <summary>The model's random stream: layer seeds are drawn from it at build time, shuffles during fit.</summary>
    protected internal Random Rng { get; protected set; }

    /// <summary>The layers in order.</summary>
    public abstract IReadOnlyList<Layer> Layers { get; }

    /// <summary>The positions of every random stream the model draws from while training — its own (shuffling) under
    /// <c>"model"</c>, then each layer's under <c>"{layer}/{index}"</c> (Dropout masks, augmentation) — so a saved model
    /// resumes training exactly where it stopped (see <see cref="SetRandomState"/>).</summary>
    /// <exception cref="InvalidOperationException">A layer was built with a <see cref="Random"/> that is not a
    /// <see cref="RandomStream"/>.</exception>
    public IReadOnlyDictionary<string, int[]> GetRandomState()
    {
        var state = new Dictionary<string, int[]> { ["model"] = RandomStream.StateOf(Rng, $"model '{Name}'") };
        foreach (var layer in Layers)
        {
            int i = 0;
            foreach (var stream in layer.RandomStreams) state[$"{layer.Name}/{i++}"] = RandomStream.StateOf(stream, $"layer '{layer.Name}'");
        }
        return state;
    }

    /// <summary>Restores positions saved by <see cref="GetRandomState"/>; the model must be built the same way.</summary>
    /// <exception cref="ArgumentException">A stream of the model is missing from <paramref name="state"/>, or a state is invalid.</exception>
    public void SetRandomState(IReadOnlyDictionary<string, int[]> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        void Restore(Random stream, string key)
        {
            if (!state.TryGetValue(key, out var s)) throw new ArgumentException($"No saved state for random stream '{key}' of model '{Name}'.", nameof(state));
            if (stream is not RandomStream r) throw new ArgumentException($"Random stream '{key}' of model '{Name}' is a {stream.GetType().Name}, whose position cannot be set.", nameof(state));
            r.SetState(s);
        }
        Restore(Rng, "model");
        foreach (var layer in Layers)
        {
            int i = 0;
            foreach (var stream in layer.RandomStreams) Restore(stream, $"{layer.Name}/{i++}");
        }
    }

    /// <summary>Input shape without the batch axis, once known.</summary>
    public Shape? InputShape { get; protected set; }

    /// <summary>Output shape without the batch axis, once built.</summary>
    public Shape? OutputShape => Layers.Count > 0 ? Layers[^1].OutputShape : null;

    /// <summary>Element type the model was built with.</summary>
    public DType DType { get; protected set; } = DType.Float32;

    /// <summary>Whether the weights exist.</summary>
    public bool Built { get; protected set; }

    /// <summary>Every weight, layer by layer.</summary>
    public IEnumerable<Variable> Weights => Layers.SelectMany(l => l.Weights);

    /// <summary>The weights the optimizer updates.</summary>
    public IEnumerable<Variable> TrainableWeights => Layers.SelectMany(l => l.TrainableWeights);

    /// <summary>Total number of parameters.</summary>
    public long ParameterCount => Layers.Sum(l => l.ParameterCount);

    /// <summary>The optimizer set by <see cref="Compile"/>.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The loss set by <see cref="Compile"/>.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>The metrics set by <see cref="Compile"/>, resolved for the loss and output (e.g. "accuracy" →
    /// categorical accuracy for a categorical crossentropy).</summary>
    public IReadOnlyList<Metric> Metrics { get; private set; } = [];

    /// <summary>Set by a callback (EarlyStopping, TerminateOnNaN) to end <see cref="Fit"/> after the current batch.</summary>
    public bool StopTraining { get; set; }

    /// <summary>Where progress and summaries are written (default: the console).</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>Creates the weights for inputs of shape <paramref name="inputShape"/> (batch axis excluded).</summary>
    public abstract void Build(Shape inputShape, DType dtype = DType.Float32);

    /// <summary>Runs the model on a batch (Keras <c>model(x, training=…)</c>).</summary>
    public abstract Tensor Call(Tensor x, bool training = false);

    /// <summary>Configures training (Keras <c>model.compile</c>).</summary>
    public void Compile(Optimizer optimizer, Loss loss, params Metric[] metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        Optimizer = optimizer;
        Loss = loss;
        _requestedMetrics = metrics ?? [];
        Metrics = Built ? ResolveMetrics() : [];
    }

    private Metric[] _requestedMetrics = [];

    private IReadOnlyList<Metric> ResolveMetrics() =>
        _requestedMetrics.Select(m => m.ResolveFor(Loss!, OutputShape!)).ToList();

    /// <summary>Called by subclasses once built, so metrics that depend on the output shape can resolve.</summary>
    protected void OnBuilt()
    {
        Built = true;
        if (Loss is not null) Metrics = ResolveMetrics();
    }

    /// <summary>Attaches a probe that sees every training step after backward and after update; dispose to detach.</summary>
    public IDisposable AttachProbe(ITrainingProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        _trainingProbes.Add(probe);
        return new ProbeDetacher(_trainingProbes, probe);
    }

    private sealed class ProbeDetacher(List<ITrainingProbe> list, ITrainingProbe probe) : IDisposable
    {
        public void Dispose() => list.Remove(probe);
    }

    /// <summary>The layer named <paramref name="name"/> (Keras <c>model.get_layer</c>).</summary>
    public Layer GetLayer(string name) =>
        Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new ArgumentException($"No such layer: {name}. Existing layers are: {string.Join(", ", Layers.Select(l => l.Name))}.");

    /// <summary>Copies of all weight values, in <see cref="Weights"/> order (Keras <c>get_weights</c>).</summary>
    public IReadOnlyList<Tensor> GetWeights() => Weights.Select(w => w.Value.Clone()).ToList();

    /// <summary>Sets all weight values, in <see cref="Weights"/> order (Keras <c>set_weights</c>).</summary>
    public void SetWeights(IReadOnlyList<Tensor> values)
    {
        var ws = Weights.ToList();
        if (values.Count != ws.Count)
            throw new ArgumentException($"Model '{Name}' has {ws.Count} weights; {values.Count} values were given.");
        for (int i = 0; i < ws.Count; i++)
        {
            if (!values[i].Shape.Equals(ws[i].Shape))
                throw new ArgumentException($"Weight '{ws[i].Name}' has shape {ws[i].Shape}; the value given has shape {values[i].Shape}.");
            ws[i].Value.CopyFrom(values[i].DType == ws[i].Value.DType ? values[i] : values[i].Cast(ws[i].Value.DType));
        }
    }

    /// <summary>The sum of all weight regularization penalties and of the layers' activity penalties from the last
    /// call, or null when there are none.</summary>
    protected Tensor? RegularizationPenalty()
    {
        Tensor? total = null;
        foreach (var w in Weights)
            if (w.Regularizer is not null)
            {
                var p = w.Regularizer.Penalty(w.Value);
                total = total is null ? p : total + p;
            }
        foreach (var layer in Layers)
            foreach (var p in layer.Losses)
                total = total is null ? p : total + p;
        return total;
    }
}
