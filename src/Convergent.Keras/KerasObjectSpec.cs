namespace Convergent.Keras;

/// <summary>
/// A Keras object normalized to its Keras 3 class and argument names, whatever the spelling it was written in:
/// <c>maxnorm(3)</c> (Keras 1), <c>max_norm(3)</c> (Keras 2) and <c>keras.constraints.MaxNorm(max_value=3)</c>
/// all become <c>MaxNorm</c> with <c>max_value=3</c>; <c>SGD(lr=0.01)</c> becomes <c>SGD</c> with
/// <c>learning_rate=0.01</c>.
/// </summary>
/// <param name="Kind">What the object is (its Keras module).</param>
/// <param name="ClassName">Keras 3 class name, e.g. <c>"HeNormal"</c>, <c>"L2"</c>, <c>"Adam"</c>, <c>"EarlyStopping"</c>.</param>
/// <param name="Config">Arguments given, with Keras 3 names; arguments not given are absent.</param>
public sealed record KerasObjectSpec(KerasObjectKind Kind, string ClassName, KerasConfig Config) : KerasValue
{
    /// <inheritdoc/>
    public override string ToPython() =>
        ClassName + "(" + string.Join(", ", Config.Select(kv => kv.Key + "=" + kv.Value.ToPython())) + ")";
}
