namespace Convergent.Data.Tests;

public class ImageFolderTests
{
    private static TempDir MakeFolder()
    {
        var dir = new TempDir();
        Directory.CreateDirectory(dir.File("dogs"));
        Directory.CreateDirectory(dir.File("cats"));
        File.Copy(Fixtures.Path("png-rgb8.png"), dir.File("cats/b.png"));
        File.Copy(Fixtures.Path("bmp-rgb24.bmp"), dir.File("cats/a.bmp"));
        File.Copy(Fixtures.Path("jpeg-444.jpg"), dir.File("dogs/x.jpg"));
        File.Copy(Fixtures.Path("pnm-p5.pgm"), dir.File("dogs/y.pgm"));
        File.WriteAllText(dir.File("dogs/notes.txt"), "not an image");
        return dir;
    }

    [Fact]
    public void Load_ClassSubfolders_SortedClassesAndFiles()
    {
        using var dir = MakeFolder();
        var d = ImageFolder.Load(dir.Path);
        Assert.Equal(["cats", "dogs"], d.ClassNames);
        Assert.Equal([4, Fixtures.Height, Fixtures.Width, 3], d.XTrain.Shape.ToArray());
        Assert.Equal([0f, 0f, 1f, 1f], d.YTrain.ToFloatArray());
        // cats/a.bmp is first: its pixels are the base picture.
        var basePixels = PnmDecoder.Decode(Fixtures.Path("pnm-p6.ppm")).Pixels.Select(b => (float)b).ToArray();
        Assert.Equal(basePixels, d.XTrain.ToFloatArray()[..basePixels.Length]);
        // dogs/y.pgm (gray) is replicated to three equal channels.
        var last = d.XTrain.ToFloatArray()[(3 * basePixels.Length)..];
        Assert.Equal(last[0], last[1]);
        Assert.Equal(last[1], last[2]);
    }

    [Fact]
    public void Load_GrayscaleWithTargetSize_ResizesAndConverts()
    {
        using var dir = MakeFolder();
        var d = ImageFolder.Load(dir.Path, new ImageFolderOptions { TargetSize = (8, 12), ColorMode = ColorMode.Grayscale });
        Assert.Equal([4, 8, 12, 1], d.XTrain.Shape.ToArray());
        Assert.All(d.XTrain.ToFloatArray(), v => Assert.InRange(v, 0f, 255f));
    }

    [Fact]
    public void Load_MixedSizesWithoutTargetSize_NamesTheFile()
    {
        using var dir = MakeFolder();
        File.WriteAllBytes(dir.File("dogs/z.pgm"), "P5 2 2 255\n\0\0\0\0"u8.ToArray());
        var e = Assert.Throws<DataFormatException>(() => ImageFolder.Load(dir.Path));
        Assert.EndsWith("z.pgm", e.File);
        Assert.Contains("image is 2×2 but", e.Message);
        Assert.Contains("TargetSize", e.Message);
    }

    [Fact]
    public void Load_NoClassFolders_FailsClearly()
    {
        using var dir = new TempDir();
        Assert.Contains("no class sub-folders", Assert.Throws<DataFormatException>(() => ImageFolder.Load(dir.Path)).Message);
    }

    [Fact]
    public void Load_BilinearResize_UsesHalfPixelCentres()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("c"));
        // One row 0, 100, 200, 250: to width 2 → samples at x = 0.5 and 2.5 → 50 and 225; to width 8 →
        // x = −0.25 (clamped: 0), 0.25 → 25, …, 3.25 (clamped: 250).
        File.WriteAllBytes(dir.File("c/a.pgm"), "P5 4 1 255\n"u8.ToArray().Concat(new byte[] { 0, 100, 200, 250 }).ToArray());
        var down = ImageFolder.Load(dir.Path, new ImageFolderOptions { TargetSize = (1, 2), ColorMode = ColorMode.Grayscale });
        Assert.Equal([50f, 225f], down.XTrain.ToFloatArray());
        var up = ImageFolder.Load(dir.Path, new ImageFolderOptions { TargetSize = (1, 8), ColorMode = ColorMode.Grayscale });
        Assert.Equal([0f, 25f, 75f, 125f, 175f, 212.5f, 237.5f, 250f], up.XTrain.ToFloatArray());
        var nearest = ImageFolder.Load(dir.Path, new ImageFolderOptions { TargetSize = (1, 2), ColorMode = ColorMode.Grayscale, Interpolation = Interpolation.Nearest });
        Assert.Equal([100f, 250f], nearest.XTrain.ToFloatArray());
    }

    [Fact]
    public void ToChannels_RgbToGray_UsesPillowLuma()
    {
        var img = new Image(2, 1, 3, [255, 0, 0, 10, 200, 30]);
        // (19595·255 + 32768) >> 16 = 76; (19595·10 + 38470·200 + 7471·30 + 32768) >> 16 = 124.
        Assert.Equal(new byte[] { 76, 124 }, img.ToChannels(1).Pixels);
        Assert.Equal(new byte[] { 76, 76, 76, 255, 124, 124, 124, 255 }, img.ToChannels(1).ToChannels(4).Pixels);
    }
}
