using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// Loads a folder with one sub-folder per class, as Keras's <c>image_dataset_from_directory</c> with inferred
/// labels: class names are the sub-folder names sorted ordinally (Python's <c>sorted</c>), labels their indices;
/// each class's images (PNG, JPEG, BMP, PPM/PGM/PBM, found recursively) are taken in sorted path order, class 0
/// first. Unlike Keras the result is not shuffled and not batched: x (N, H, W, C) float32 0–255, y (N,).
/// </summary>
public static class ImageFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
        { ".png", ".jpg", ".jpeg", ".bmp", ".ppm", ".pgm", ".pbm", ".pnm", ".gif" };

    /// <summary>Loads every image under <paramref name="folder"/>'s class sub-folders.</summary>
    public static Dataset Load(string folder, ImageFolderOptions? options = null)
    {
        options ??= new ImageFolderOptions();
        if (!Directory.Exists(folder)) throw new DataFormatException(folder, "folder not found");
        if (options.TargetSize is { } ts && (ts.Height <= 0 || ts.Width <= 0))
            throw new ArgumentOutOfRangeException(nameof(options), $"TargetSize must be positive. Received: ({ts.Height}, {ts.Width})");
        var classes = Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0) throw new DataFormatException(folder, "no class sub-folders (expected folder/<class>/<image files>)");
        int channels = options.ColorMode switch { ColorMode.Grayscale => 1, ColorMode.Rgba => 4, _ => 3 };

        var images = new List<(Image Image, string Path)>();
        var labels = new List<float>();
        for (int c = 0; c < classes.Length; c++)
        {
            string dir = Path.Combine(folder, classes[c]);
            var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => Extensions.Contains(Path.GetExtension(f)))
                .Order(StringComparer.Ordinal);
            foreach (var f in files)
            {
                var img = Image.Load(f).ToChannels(channels);
                if (options.TargetSize is null && images.Count > 0)
                {
                    var (first, firstPath) = images[0];
                    if (img.Width != first.Width || img.Height != first.Height)
                        throw new DataFormatException(f,
                            $"image is {img.Width}×{img.Height} but {Path.GetRelativePath(folder, firstPath)} is {first.Width}×{first.Height}; set ImageFolderOptions.TargetSize to resize all images to one size");
                }
                images.Add((img, f));
                labels.Add(c);
            }
        }
        if (images.Count == 0) throw new DataFormatException(folder, $"no image files in the class sub-folders ({string.Join(", ", classes)})");
        int h = options.TargetSize?.Height ?? images[0].Image.Height, w = options.TargetSize?.Width ?? images[0].Image.Width;
        long per = (long)h * w * channels;
        if (per * images.Count > Array.MaxLength)
            throw new DataFormatException(folder, $"{images.Count} images of {h}×{w}×{channels} are more than one tensor can hold; use a smaller TargetSize");
        var x = new float[per * images.Count];
        for (int i = 0; i < images.Count; i++)
            Resize.Into(images[i].Image, h, w, options.Interpolation, x.AsSpan((int)(i * per), (int)per));
        return new Dataset(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))),
            Tensor.FromArray(x, images.Count, h, w, channels), Tensor.FromArray([.. labels], images.Count), null, null, classes,
            $"{images.Count} images in {classes.Length} classes from {folder}");
    }
}
