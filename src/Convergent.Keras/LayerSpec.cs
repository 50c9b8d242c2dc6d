namespace Convergent.Keras;

/// <summary>
/// One layer as written by the user, normalized to Keras 3: <c>Convolution2D(32, 5, 5, border_mode='same')</c>
/// becomes <see cref="ClassName"/> <c>"Conv2D"</c> with <see cref="Config"/> <c>filters=32,
/// kernel_size=(5, 5), padding="same"</c>. Only arguments the user gave are in <see cref="Config"/>.
/// </summary>
/// <param name="ClassName">Keras 3 class name (<c>Conv2D</c>, <c>MaxPooling2D</c>, <c>Dense</c> ...).</param>
/// <param name="Name">The <c>name=</c> argument, or null.</param>
/// <param name="Config">Given arguments with Keras 3 names and normalized values (kernel sizes and strides as
/// tuples, padding lower-case, activations and initializers as Keras 3 snake_case names or
/// <see cref="KerasObjectSpec"/>s).</param>
/// <param name="InputShape">The <c>input_shape</c>/<c>batch_input_shape</c>/<c>input_dim</c> given on this layer,
/// without the batch dimension (null entries for <c>None</c>), or null.</param>
/// <param name="Source">Where the layer was created.</param>
public sealed record LayerSpec(string ClassName, string? Name, KerasConfig Config, int?[]? InputShape, SourceRef Source)
{
    /// <summary>The class name as the user wrote it (e.g. <c>Convolution2D</c>, <c>MaxPool2D</c>).</summary>
    public string WrittenClassName { get; init; } = ClassName;

    /// <summary><c>Conv2D(filters=32, ...)</c>.</summary>
    public override string ToString() => $"{ClassName}({Config})";
}
