namespace Convergent.Diagnostics;

/// <summary>
/// SPATIAL_COLLAPSE: a convolution's kernel covers the whole input (the layer is a dense layer in disguise, with
/// kh·kw·C weights per filter), or a conv/pool stack shrinks the feature map to 1×1 so later convolutions see no
/// spatial structure (user story 2). Read from the layers' configured kernel sizes and built shapes.
/// </summary>
public sealed class SpatialCollapseRule : Rule
{
    public override string Code => FindingCode.SpatialCollapse;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Model is not { } m) yield break;
        foreach (var l in m.Layers)
        {
            if (!(l.IsConvolution || l.IsPooling)) continue;
            if (l.Spatial(l.InputShape) is not var (h, w) || l.Spatial(l.OutputShape) is not var (oh, ow)) continue;
            int[]? kernel = ConfigValues.Ints(l.Get("kernel_size") ?? l.Get("pool_size"));
            if (kernel is { Length: 1 }) kernel = [kernel[0], kernel[0]];
            bool collapsedTo1x1 = oh == 1 && ow == 1 && (h > 1 || w > 1);
            bool coversInput = l.IsConvolution && collapsedTo1x1 && kernel is { Length: 2 } k && k[0] >= h && k[1] >= w;
            bool collapsed = collapsedTo1x1;
            if (!coversInput && !collapsed) continue;
            int channels = l.InputShape is { Length: 3 } s ? (l.ChannelsFirst ? s[0] : s[2]) : 1;
            var ev = new Evidence
            {
                { "input_hw", new double[] { h, w } },
                { "output_hw", new double[] { oh, ow } },
            };
            if (kernel is { Length: 2 }) ev.Add(l.IsConvolution ? "kernel_size" : "pool_size", new double[] { kernel[0], kernel[1] });
            if (l.IsConvolution && kernel is { Length: 2 }) ev.Add("weights_per_filter", (long)kernel[0] * kernel[1] * channels);
            ev.Add("params", l.Params);
            ev.Add("shapes", string.Join(" → ", m.Layers.Where(x => x.OutputShape is not null).Select(x => $"{x.Name}({string.Join("×", x.OutputShape!)})")));
            string title = coversInput
                ? $"The {kernel![0]}×{kernel[1]} kernel of {l.Name} covers the whole {h}×{w} input: the convolution collapses it to {oh}×{ow}"
                : $"{l.Name} shrinks the feature map from {h}×{w} to 1×1";
            yield return new Finding(Code, coversInput ? Severity.Error : Severity.Warning, title)
            {
                Layer = l.Name,
                Evidence = ev,
                Confidence = 0.95,
                Explanation = coversInput
                    ? $"A convolution is meant to slide a small window over the image. Here the window is as large as the image, so there is only one " +
                      $"position: each of the filters is an ordinary dense unit with {(long)kernel![0] * kernel[1] * channels:N0} weights, on far too little data, " +
                      "with none of the benefits of convolution (shared weights, translation invariance). One large first update can push all " +
                      "these units into the dead ReLU range."
                    : "After this layer the feature map is a single pixel, so the layers after it see no spatial structure; information about " +
                      "where things are in the image is gone.",
                Fixes = coversInput
                    ?
                    [
                        new Fix("small_kernels", "Use small kernels and let pooling grow the receptive field.",
                            "layers.Conv2D(32, (3, 3), padding=\"same\", activation=\"relu\"), layers.MaxPooling2D((2, 2))"),
                        new Fix("downscale_images", "Downscale large images before the network.", "layers.Resizing(64, 64)  # first layer"),
                    ]
                    :
                    [
                        new Fix("same_padding", "Keep spatial size with padding=\"same\" and pool less often.", "layers.Conv2D(64, (3, 3), padding=\"same\")"),
                        new Fix("global_pooling", "End the conv stack with global pooling instead of shrinking to 1×1.", "layers.GlobalAveragePooling2D()"),
                    ],
            };
            yield break;   // deeper layers only inherit the collapse
        }
    }
}
