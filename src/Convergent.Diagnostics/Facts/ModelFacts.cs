using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>What the doctor knows about the model: its layers in order, parameter count, input shape, source.</summary>
public sealed record ModelFacts(string Name, IReadOnlyList<LayerFacts> Layers, long Params, int[]? InputShape)
{
    /// <summary>Where the model came from (a script path, "builtin:…", or the C# API).</summary>
    public string? Source { get; init; }

    /// <summary>Facts of a built model.</summary>
    public static ModelFacts From(Model model, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Built) throw new InvalidOperationException($"Model '{model.Name}' is not built; build it (or give it an input shape) before reading its facts.");
        return new ModelFacts(model.Name, model.Layers.Select(LayerFacts.From).ToList(), model.ParameterCount, model.InputShape?.ToArray())
        { Source = source };
    }

    /// <summary>The last layer, or null for an empty model.</summary>
    public LayerFacts? OutputLayer => Layers.Count > 0 ? Layers[^1] : null;

    /// <summary>Width of the output (last axis of the last layer's output), or null.</summary>
    public int? OutputUnits => OutputLayer?.OutputShape is { Length: > 0 } s ? s[^1] : null;

    /// <summary>The activation that produces the model's output: the last layer's, looking back through layers that
    /// keep values unchanged at inference (Dropout, Flatten, …) when the last has none.</summary>
    public ActivationKind OutputActivation
    {
        get
        {
            for (int i = Layers.Count - 1; i >= 0; i--)
            {
                var l = Layers[i];
                if (l.Activation is { } k && k != ActivationKind.Linear) return k;
                if (l.IsLinearMap) return ActivationKind.Linear;
                if (!l.IsTransparent || l.ClassName.Contains("Normalization", StringComparison.Ordinal)) return ActivationKind.Linear;
            }
            return ActivationKind.Linear;
        }
    }

    /// <summary>Index of a layer by name, or -1.</summary>
    public int IndexOf(string layer)
    {
        for (int i = 0; i < Layers.Count; i++) if (Layers[i].Name == layer) return i;
        return -1;
    }
}
