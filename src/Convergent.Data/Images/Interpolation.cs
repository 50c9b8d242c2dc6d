namespace Convergent.Data;

/// <summary>Resampling used when resizing images (Keras's <c>interpolation</c> argument).</summary>
public enum Interpolation
{
    /// <summary>Bilinear with half-pixel centres and no antialiasing, as <c>tf.image.resize</c> (Keras's default).</summary>
    Bilinear,
    /// <summary>Nearest neighbour with half-pixel centres.</summary>
    Nearest,
}
