namespace Convergent.Data;

/// <summary>Options of <see cref="ImageFolder.Load"/>.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>Resize every image to (height, width); null (the default) keeps the original size, which then must be
    /// the same for every image. (Keras's <c>image_size</c>, which there defaults to 256×256.)</summary>
    public (int Height, int Width)? TargetSize { get; init; }

    /// <summary>Channels of the result: 1, 3 (default) or 4.</summary>
    public ColorMode ColorMode { get; init; } = ColorMode.Rgb;

    /// <summary>Resampling used with <see cref="TargetSize"/> (bilinear by default).</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Bilinear;
}
