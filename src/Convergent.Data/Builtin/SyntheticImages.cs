using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// Seeded image data shaped like the user stories' data, for the examples and the labelled suite (the users' own
/// images are not ours to ship). Each generator is deterministic for a seed; pixel values and layouts follow the
/// story: raw 0–255 where the user fed raw pixels, [0, 1] where the user scaled by 1/255.
/// </summary>
public static class SyntheticImages
{
    /// <summary>
    /// User story 1's shape: <paramref name="count"/> RGB "book covers" of 70×52 (height × width), raw 0–255 pixel
    /// values, channels last, two genres. A genre shows in the cover's dominant hue and in where its title block
    /// sits, under per-image noise, so a small CNN can learn it once inputs are scaled.
    /// </summary>
    public static Dataset BookCovers(int count = 600, int seed = 0)
    {
        const int H = 70, W = 52;
        var rng = new SeededRandom(seed);
        var x = new float[count * H * W * 3];
        var y = new float[count];
        for (int n = 0; n < count; n++)
        {
            int genre = n % 2;
            y[n] = genre;
            // genre 0 warm (red-orange), genre 1 cool (blue-green); hues overlap through the per-image jitter
            double r0 = genre == 0 ? 170 : 80, g0 = genre == 0 ? 90 : 130, b0 = genre == 0 ? 60 : 170;
            double jitter = 50;
            double r = r0 + jitter * rng.NextGaussian(), g = g0 + jitter * rng.NextGaussian(), b = b0 + jitter * rng.NextGaussian();
            int titleTop = genre == 0 ? 6 + rng.NextInt(10) : 40 + rng.NextInt(12);
            for (int i = 0; i < H; i++)
                for (int j = 0; j < W; j++)
                {
                    bool title = i >= titleTop && i < titleTop + 12 && j >= 6 && j < W - 6;
                    int o = ((n * H + i) * W + j) * 3;
                    double shade = title ? 200 : 0;
                    x[o] = Pixel(title ? shade : r + 25 * rng.NextGaussian());
                    x[o + 1] = Pixel(title ? shade : g + 25 * rng.NextGaussian());
                    x[o + 2] = Pixel(title ? shade : b + 25 * rng.NextGaussian());
                }
        }
        return new Dataset("book-covers", Tensor.FromArray(x, count, H, W, 3), Tensor.FromArray(y, count), null, null,
            ["genre_a", "genre_b"], $"{count} synthetic 70×52 RGB book covers, raw 0–255 pixels, 2 genres (user story 1's shape)");
    }

    /// <summary>
    /// User story 2 scaled down: <paramref name="count"/> single-channel <paramref name="size"/>×<paramref name="size"/>
    /// images, raw 0–255, channels last, two classes with shares 0.5527 / 0.4473 (the share the user's stuck
    /// accuracy equalled). Class 1 has a bright blob in the left half, class 0 in the right half.
    /// </summary>
    public static Dataset LargeImages(int count = 400, int size = 32, int seed = 0)
    {
        if (size < 8) throw new ArgumentOutOfRangeException(nameof(size), $"size must be at least 8. Received: size={size}");
        var rng = new SeededRandom(seed);
        var x = new float[count * size * size];
        var y = new float[count];
        int ones = (int)Math.Round(count * 0.4473);
        for (int n = 0; n < count; n++)
        {
            int label = n * ones / count != (n + 1) * ones / count ? 1 : 0;   // spread the 1s evenly
            y[n] = label;
            double cx = label == 1 ? size * (0.15 + 0.25 * rng.NextDouble()) : size * (0.6 + 0.25 * rng.NextDouble());
            double cy = size * (0.2 + 0.6 * rng.NextDouble());
            double radius = size * 0.12;
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++)
                {
                    double d2 = ((i - cy) * (i - cy) + (j - cx) * (j - cx)) / (radius * radius);
                    x[(n * size + i) * size + j] = Pixel(40 + 180 * Math.Exp(-d2) + 20 * rng.NextGaussian());
                }
        }
        return new Dataset("large-images", Tensor.FromArray(x, count, size, size, 1), Tensor.FromArray(y, count), null, null,
            ["right", "left"], $"{count} synthetic {size}×{size} grayscale images, raw 0–255, classes 55/45 % (user story 2 scaled down)");
    }

    /// <summary>
    /// CIFAR-10's shape for user story 3: <paramref name="count"/> RGB 32×32 images scaled to [0, 1], channels last,
    /// 10 classes (in turn, so every class has a tenth of any tail used for validation). Each class is a random colour
    /// layout of 4×4 blocks (8×8 pixels each); a sample blends its class's layout, shifted by up to 3 pixels, half and
    /// half with a background of its own (a random layout of 8×8 blocks, 4×4 pixels each, like the clutter around
    /// CIFAR's objects), under per-pixel noise (σ 0.1). <paramref name="labelNoise"/> of the labels are replaced by a
    /// random class. The class layouts are learnable by a small CNN in a few hundred steps; the replaced labels can only
    /// be memorized, and each sample's own background is what a large network memorizes them by — so it keeps fitting
    /// the training set after validation loss has bottomed: story 3's overfitting in hundreds rather than tens of
    /// thousands of images.
    /// </summary>
    public static Dataset CifarShaped(int count = 2000, double labelNoise = 0.2, int seed = 0)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"count must be at least 1. Received: count={count}");
        if (labelNoise is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(labelNoise), $"labelNoise must be in [0, 1]. Received: labelNoise={labelNoise}");
        const int S = 32, C = 10, B = 4, Block = S / B, Bg = 8, BgBlock = S / Bg;
        var rng = new SeededRandom(seed);
        var layouts = new double[C, B, B, 3];
        for (int c = 0; c < C; c++)
            for (int i = 0; i < B; i++)
                for (int j = 0; j < B; j++)
                    for (int k = 0; k < 3; k++) layouts[c, i, j, k] = rng.NextDouble();
        var x = new float[count * S * S * 3];
        var y = new float[count];
        var background = new double[Bg, Bg, 3];
        for (int n = 0; n < count; n++)
        {
            int c = n % C;
            y[n] = rng.NextDouble() < labelNoise ? rng.NextInt(C) : c;
            int dy = rng.NextInt(7) - 3, dx = rng.NextInt(7) - 3;
            for (int i = 0; i < Bg; i++)
                for (int j = 0; j < Bg; j++)
                    for (int k = 0; k < 3; k++) background[i, j, k] = rng.NextDouble();
            for (int i = 0; i < S; i++)
                for (int j = 0; j < S; j++)
                    for (int k = 0; k < 3; k++)
                    {
                        // nearest upsampling of the class layout (shifted) and of the sample's background, plus noise
                        int ti = Math.Clamp((i + dy) / Block, 0, B - 1), tj = Math.Clamp((j + dx) / Block, 0, B - 1);
                        double v = 0.1 + 0.6 * layouts[c, ti, tj, k] + 0.25 * background[i / BgBlock, j / BgBlock, k] + 0.1 * rng.NextGaussian();
                        x[((n * S + i) * S + j) * 3 + k] = (float)Math.Clamp(v, 0, 1);
                    }
        }
        return new Dataset("cifar-shaped", Tensor.FromArray(x, count, S, S, 3), Tensor.FromArray(y, count), null, null,
            [.. Cifar10.ClassNames], $"{count} synthetic CIFAR-shaped 32×32 RGB images in [0, 1], 10 classes as colour layouts over per-image backgrounds, {labelNoise:P0} label noise (user story 3)");
    }

    private static float Pixel(double v) => (float)Math.Round(Math.Clamp(v, 0, 255));
}
