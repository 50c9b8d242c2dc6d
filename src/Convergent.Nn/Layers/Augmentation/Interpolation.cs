namespace Convergent.Nn;

/// <summary>How image transforms read between pixels (Keras <c>interpolation</c>).</summary>
public enum Interpolation
{
    /// <summary><c>"bilinear"</c>: weighted mean of the four surrounding pixels.</summary>
    Bilinear,
    /// <summary><c>"nearest"</c>: the closest pixel (halves round away from zero, as TensorFlow).</summary>
    Nearest,
}
