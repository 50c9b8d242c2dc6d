using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// A linear stack of layers (Keras <c>keras.Sequential</c>): each layer's output feeds the next. Layers are given
/// in the constructor or with <see cref="Add"/>; the model builds when an input shape is given or on the first
/// data it sees.
/// </summary>
public sealed class Sequential : Model
{
    private readonly List<Layer> _layers = [];

    /// <summary>Creates a model from <paramref name="layers"/>; with <paramref name="inputShape"/> (batch axis
    /// excluded, Keras <c>keras.Input(shape=…)</c>) it is built at once.</summary>
    public Sequential(IEnumerable<Layer>? layers = null, Shape? inputShape = null, string? name = null, int seed = 1337)
        : base(name, seed)
    {
        if (layers is not null) foreach (var l in layers) Add(l);
        if (inputShape is not null) Build(inputShape);
    }

    /// <summary>Creates an empty model with an input shape, for <see cref="Add"/>.</summary>
    public Sequential(Shape inputShape, string? name = null, int seed = 1337) : this(null, inputShape, name, seed) { }

    public override IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Appends a layer (Keras <c>model.add</c>); names it uniquely if it has no name.</summary>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (_layers.Contains(layer)) throw new ArgumentException($"Layer '{layer.Name}' is already in model '{Name}'.");
        if (layer.HasExplicitName && _layers.Any(l => l.Name == layer.Name))
            throw new ArgumentException($"All layers added to a Sequential model should have unique names. Name '{layer.Name}' is already the name of a layer in this model.");
        if (!layer.HasExplicitName) layer.Name = UniqueName(layer.DefaultBaseName);
        _layers.Add(layer);
        if (Built)
        {
            // appending to a built model builds the new layer on the previous output
            var shape = _layers.Count > 1 ? _layers[^2].OutputShape! : InputShape!;
            BuildLayer(layer, shape);
            OnBuilt();
        }
    }

    /// <summary>Keras 3 naming: the first Dense is <c>dense</c>, then <c>dense_1</c>, <c>dense_2</c>…</summary>
    private string UniqueName(string stem)
    {
        if (_layers.All(l => l.Name != stem)) return stem;
        for (int i = 1; ; i++)
            if (_layers.All(l => l.Name != $"{stem}_{i}")) return $"{stem}_{i}";
    }

    public override void Build(Shape inputShape, DType dtype = DType.Float32)
    {
        if (_layers.Count == 0) throw new InvalidOperationException($"Model '{Name}' has no layers to build.");
        InputShape = inputShape;
        DType = dtype;
        Rng = new RandomStream(Seed);
        var shape = inputShape;
        foreach (var layer in _layers) shape = BuildLayer(layer, shape);
        OnBuilt();
    }

    private Shape BuildLayer(Layer layer, Shape inputShape)
    {
        try
        {
            layer.Build(inputShape, DType, new RandomStream(Rng.Next()));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Layer '{layer.Name}' ({layer.ClassName}) cannot take input of shape {WithBatch(inputShape)}: {e.Message}", e);
        }
        layer.RenameWeights();
        return layer.OutputShape!;
    }

    public override Tensor Call(Tensor x, bool training = false)
    {
        if (!Built) EnsureBuilt(x);
        var h = x;
        foreach (var layer in _layers) h = layer.Call(h, training);
        return h;
    }
}
