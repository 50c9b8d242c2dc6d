namespace Convergent.Keras.Catalog;

/// <summary>The result of normalizing one layer call, before the caller attaches its source.</summary>
internal sealed record NormalizedLayer(
    LayerDefinition Definition,
    string WrittenClassName,
    string? Name,
    KerasConfig Config,
    int?[]? InputShape,
    int? InputBatchSize,
    string? InputDType);
