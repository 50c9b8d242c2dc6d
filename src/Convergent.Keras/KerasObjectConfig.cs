namespace Convergent.Keras;

/// <summary>An engine object in Keras 3's serialized form: <c>{"module": …, "class_name": …, "config": {…},
/// "registered_name": null}</c> — what <c>keras.saving.serialize_keras_object</c> writes into <c>config.json</c>.</summary>
/// <param name="Module">The Keras module, e.g. <c>keras.layers</c>.</param>
/// <param name="ClassName">The Keras class, e.g. <c>Conv2D</c>.</param>
/// <param name="Config">The configuration in Keras 3 keys (values: numbers, strings, booleans, null, arrays and
/// nested serialized objects).</param>
public sealed record KerasObjectConfig(string Module, string ClassName, IReadOnlyDictionary<string, object?> Config)
{
    /// <summary>The serialized form as a dictionary.</summary>
    public IReadOnlyDictionary<string, object?> ToDictionary() => new Dictionary<string, object?>
    {
        ["module"] = Module,
        ["class_name"] = ClassName,
        ["config"] = Config,
        ["registered_name"] = null,
    };
}
