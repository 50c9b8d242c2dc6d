using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// What the doctor knows about one layer, read from its type, shapes, weights and Keras configuration — never from
/// its name. Shapes exclude the batch axis.
/// </summary>
public sealed record LayerFacts(
    string Name,
    string ClassName,
    int[]? InputShape,
    int[]? OutputShape,
    long Params,
    long TrainableParams,
    ActivationKind? Activation,
    IReadOnlyDictionary<string, object?> Config)
{
    /// <summary>Facts of a built layer.</summary>
    public static LayerFacts From(Layer layer)
    {
        IReadOnlyDictionary<string, object?> config;
        try { config = layer.GetConfig(); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException) { config = new Dictionary<string, object?>(); }
        return new LayerFacts(layer.Name, layer.ClassName, layer.InputShape?.ToArray(), layer.OutputShape?.ToArray(),
            layer.ParameterCount, layer.TrainableParameterCount, layer.ActivationFunction?.Kind, config)
        {
            HasRegularizer = layer.Weights.Any(w => w.Regularizer is not null),
            HasConstraint = layer.Weights.Any(w => w.Constraint is not null),
        };
    }

    /// <summary>Whether a weight of the layer has a regularizer (Keras <c>kernel_regularizer</c>, …).</summary>
    public bool HasRegularizer { get; init; }

    /// <summary>Whether a weight of the layer has a constraint (Keras <c>kernel_constraint</c>, e.g. max_norm).</summary>
    public bool HasConstraint { get; init; }

    /// <summary>A configuration value, or null.</summary>
    public object? Get(string key) => Config.TryGetValue(key, out var v) ? v : null;

    /// <summary>Whether the layer is a convolution (Conv1D/2D/3D, SeparableConv, DepthwiseConv, transposed).</summary>
    public bool IsConvolution => ClassName.Contains("Conv", StringComparison.Ordinal);

    /// <summary>Whether the layer is a local (windowed) pooling layer (not global pooling).</summary>
    public bool IsPooling => ClassName.Contains("Pooling", StringComparison.Ordinal) && !ClassName.StartsWith("Global", StringComparison.Ordinal);

    /// <summary>Whether the layer applies a learned linear map (Dense, convolutions): it has weights and is not a
    /// normalization or embedding layer.</summary>
    public bool IsLinearMap => Params > 0 && (ClassName is "Dense" || IsConvolution);

    /// <summary>Whether a sequence of linear maps passes through this layer unchanged in kind (it adds no nonlinearity).</summary>
    public bool IsTransparent =>
        ClassName is "Flatten" or "Reshape" or "Dropout" or "SpatialDropout1D" or "SpatialDropout2D" or "GaussianNoise"
            or "GaussianDropout" or "BatchNormalization" or "LayerNormalization" or "ZeroPadding1D" or "ZeroPadding2D"
            or "Cropping1D" or "Cropping2D" or "Permute" or "RepeatVector" or "InputLayer"
        || ClassName.StartsWith("AveragePooling", StringComparison.Ordinal)
        || (ClassName == "Activation" && Activation is null or ActivationKind.Linear);

    /// <summary>Whether the layer's data format is channels-first (Keras <c>data_format="channels_first"</c>).</summary>
    public bool ChannelsFirst => ConfigValues.Text(Get("data_format")) == "channels_first";

    /// <summary>Spatial dims (H, W) of a rank-3 shape given the layer's data format; null for other ranks.</summary>
    public (int H, int W)? Spatial(int[]? shape) =>
        shape is { Length: 3 } s ? (ChannelsFirst ? (s[1], s[2]) : (s[0], s[1])) : null;

    /// <summary>Dropout rate (Keras <c>rate</c>) for dropout layers, else null.</summary>
    public double? DropoutRate => ClassName.Contains("Dropout", StringComparison.Ordinal) ? ConfigValues.Number(Get("rate")) : null;

    /// <summary>The largest L1/L2 coefficient of the layer's regularizers found in its configuration, or null.</summary>
    public double? RegularizerStrength
    {
        get
        {
            double? best = null;
            foreach (var key in new[] { "kernel_regularizer", "bias_regularizer", "activity_regularizer" })
            {
                var inner = ConfigValues.Inner(Get(key));
                if (inner is null) continue;
                foreach (var k in new[] { "l1", "l2", "l" })
                    if (inner.TryGetValue(k, out var v) && ConfigValues.Number(v) is double d && d > 0)
                        best = Math.Max(best ?? 0, d);
            }
            return best;
        }
    }
}
