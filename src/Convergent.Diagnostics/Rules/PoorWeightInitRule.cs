namespace Convergent.Diagnostics;

/// <summary>
/// POOR_WEIGHT_INIT: at initialization the activation scale or the gradient scale changes by orders of magnitude
/// across depth (Glorot &amp; Bengio 2010; He et al. 2015 — a good initialization keeps both about constant), or a
/// learned layer starts from a constant (all-equal weights never break symmetry).
/// </summary>
public sealed class PoorWeightInitRule : Rule
{
    public override string Code => FindingCode.PoorWeightInit;

    /// <summary>Orders of magnitude (log10 of largest/smallest) of the hidden layers' output std at init beyond which
    /// the initialization is poor (2). Our choice: ReLU nets with Glorot init shrink by √2 per layer, far less.</summary>
    public double MaxActivationOrders { get; set; } = 2;

    /// <summary>Orders of magnitude of per-layer mean |g| at init beyond which gradients are badly scaled (3), the
    /// same bound as findings.md's vanishing first/last ratio 1e-3.</summary>
    public double MaxGradientOrders { get; set; } = 3;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Model is { } m)
        {
            foreach (var l in m.Layers)
            {
                if (!l.IsLinearMap || l.OutputShape is not { Length: > 0 } os || os[^1] < 2) continue;
                string? init = ConfigValues.Text(l.Get("kernel_initializer"))?.ToLowerInvariant();
                if (init is "zeros" or "ones" or "constant")
                {
                    yield return new Finding(Code, Severity.Error, $"{l.Name} starts with constant weights ({init})")
                    {
                        Layer = l.Name,
                        Evidence = new Evidence { { "kernel_initializer", init }, { "units", os[^1] } },
                        Confidence = 0.95,
                        Explanation = "All units of the layer start identical, get identical gradients and stay identical: the layer behaves like a single unit.",
                        Fixes = [new Fix("random_init", "Use a random initializer.", l.Activation is Convergent.Nn.ActivationKind.Relu ? "kernel_initializer=\"he_normal\"" : "kernel_initializer=\"glorot_uniform\"")],
                    };
                    yield break;
                }
            }
        }
        if (r.Init is not { } init0) yield break;
        string? output = r.Model?.OutputLayer?.Name;
        var acts = init0.ActivationStd.Where(a => a.Layer != output && a.Std > 0 && double.IsFinite(a.Std)).ToList();
        if (r.Model is { } mm) acts = acts.Where(a => mm.IndexOf(a.Layer) is int i && i >= 0 && mm.Layers[i].IsLinearMap).ToList();
        if (acts.Count >= 2)
        {
            var max = acts.MaxBy(a => a.Std); var min = acts.MinBy(a => a.Std);
            double orders = Math.Log10(max.Std / min.Std);
            if (orders > MaxActivationOrders)
            {
                bool grows = acts.IndexOf(max) > acts.IndexOf(min);
                yield return Make(r, grows ? max.Layer : min.Layer, "activation", orders, acts,
                    $"Activation scale {(grows ? "grows" : "shrinks")} {Math.Pow(10, orders):0}× across depth at initialization");
                yield break;
            }
        }
        var grads = init0.GradientMeanAbs.Where(g => g.MeanAbs > 0 && double.IsFinite(g.MeanAbs)).ToList();
        if (grads.Count >= 2)
        {
            var max = grads.MaxBy(a => a.MeanAbs); var min = grads.MinBy(a => a.MeanAbs);
            double orders = Math.Log10(max.MeanAbs / min.MeanAbs);
            if (orders > MaxGradientOrders)
                yield return Make(r, min.Layer, "gradient", orders, grads,
                    $"Gradient scale differs {Math.Pow(10, orders):0}× across layers at initialization");
        }
    }

    private Finding Make(RunRecord r, string layer, string what, double orders, List<(string Layer, double V)> values, string title) =>
        new Finding(Code, Severity.Warning, title)
        {
            Layer = layer,
            Evidence = new Evidence
            {
                { "orders_of_magnitude", orders },
                { "layers", string.Join(", ", values.Select(v => v.Layer)) },
                { what == "activation" ? "activation_std_at_init" : "gradient_mean_abs_at_init", EvidenceValue.List(values.Select(v => v.V)) },
            },
            Confidence = 0.7,
            Explanation =
                $"Before any training step, the {what} scale changes by about {Math.Pow(10, orders):0}× from layer to layer. With a good " +
                "initialization each layer keeps the scale of its input, so signals and gradients reach every layer; here some layers start " +
                "saturated or starved.",
            Fixes =
            [
                new Fix("he_init", "Initialize ReLU layers with He and tanh/sigmoid layers with Glorot.", "kernel_initializer=\"he_normal\"  # relu; \"glorot_uniform\" for tanh"),
                new Fix("batch_normalization", "Normalize between layers.", "layers.BatchNormalization()"),
                new Fix("normalize_inputs", "Scale the inputs to about unit range.", "x_train = x_train / 255.0"),
            ],
        };
}
