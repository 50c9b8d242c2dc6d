namespace Convergent.Keras;

/// <summary>The arguments of <c>model.compile(...)</c>, normalized to Keras 3 names.</summary>
/// <param name="Optimizer">The optimizer (<c>'adam'</c> becomes an <c>Adam</c> spec with an empty config), or null
/// when not given.</param>
/// <param name="Loss">Keras 3 snake_case loss name (<c>"categorical_crossentropy"</c>, <c>"mean_squared_error"</c>),
/// from a string, a function such as <c>keras.losses.categorical_crossentropy</c> or a loss object; null when not
/// given.</param>
/// <param name="FromLogits">The loss object's <c>from_logits</c>, or null when not given.</param>
/// <param name="LossConfig">Other arguments of a loss object (e.g. <c>label_smoothing</c>); empty for a string.</param>
/// <param name="Metrics">Metric names (Keras 3 snake_case, <c>'acc'</c> → <c>"accuracy"</c>) as
/// <see cref="KerasString"/>, or metric objects as <see cref="KerasObjectSpec"/>.</param>
/// <param name="Source">Where <c>compile</c> was called.</param>
public sealed record CompileSpec(
    KerasObjectSpec? Optimizer,
    string? Loss,
    bool? FromLogits,
    KerasConfig LossConfig,
    IReadOnlyList<KerasValue> Metrics,
    SourceRef Source)
{
    /// <summary>Other given compile arguments that matter for training (<c>loss_weights</c>,
    /// <c>weighted_metrics</c>).</summary>
    public KerasConfig Options { get; init; } = KerasConfig.Empty;
}
