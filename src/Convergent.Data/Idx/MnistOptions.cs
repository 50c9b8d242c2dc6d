namespace Convergent.Data;

/// <summary>Options of <see cref="Mnist.LoadFolder"/>.</summary>
public sealed record MnistOptions
{
    /// <summary>The image tensor's shape; (N, 28, 28, 1) by default.</summary>
    public MnistLayout Layout { get; init; } = MnistLayout.Channels;

    /// <summary>Divide pixels by 255 to get [0, 1]. Off by default: like Keras's <c>mnist.load_data()</c> the values
    /// stay 0–255 and scaling is the user's choice.</summary>
    public bool Normalize { get; init; }
}
