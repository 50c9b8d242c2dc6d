namespace Convergent.Data;

/// <summary>The shape <see cref="Mnist"/> gives the images.</summary>
public enum MnistLayout
{
    /// <summary>(N, 28, 28, 1): channels_last, ready for <c>Conv2D</c> (the default).</summary>
    Channels,
    /// <summary>(N, 28, 28): as Keras's <c>mnist.load_data()</c> returns them.</summary>
    Plain,
    /// <summary>(N, 784): flattened for a dense network.</summary>
    Flat,
}
