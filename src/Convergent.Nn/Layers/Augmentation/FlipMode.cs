namespace Convergent.Nn;

/// <summary>Which flips <see cref="RandomFlip"/> may apply (Keras <c>mode</c>).</summary>
public enum FlipMode
{
    /// <summary><c>"horizontal"</c>: left–right.</summary>
    Horizontal,
    /// <summary><c>"vertical"</c>: top–bottom.</summary>
    Vertical,
    /// <summary><c>"horizontal_and_vertical"</c>: each independently (Keras's default).</summary>
    HorizontalAndVertical,
}
