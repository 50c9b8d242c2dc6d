using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Area under the ROC or precision-recall curve, approximated over fixed thresholds (Keras <c>keras.metrics.AUC</c>,
/// name <c>auc</c>).
/// </summary>
/// <remarks>
/// Counts TP/FP/TN/FN at <see cref="Thresholds"/>: by default 0 − ε, the <c>num_thresholds − 2</c> points
/// i/(num_thresholds − 1), and 1 + ε (ε = 1e-7), so predictions of exactly 0 and 1 fall inside. Then, with
/// x and y the curve's coordinates at each threshold (ROC: x = FP/(FP+TN), y = TP/(TP+FN); PR: x = recall,
/// y = precision; divisions by 0 give 0), AUC = Σᵢ (xᵢ − xᵢ₊₁)·hᵢ where hᵢ = (yᵢ + yᵢ₊₁)/2 for
/// <see cref="AucSummationMethod.Interpolation"/>, min or max for minoring / majoring. PR with interpolation uses
/// Keras's closed form of Davis &amp; Goadrich (2006), "The relationship between precision-recall and ROC curves".
/// Labels are positive when non-zero; predictions are probabilities (or logits with <c>fromLogits</c>).
/// Single-label only (Keras's <c>multi_label</c> and <c>label_weights</c> are not supported).
/// </remarks>
public sealed class AUC : Metric
{
    private readonly ConfusionCounts _counts;

    /// <summary>Creates the metric (Keras defaults <c>num_thresholds=200, curve='ROC',
    /// summation_method='interpolation'</c>). Explicit <paramref name="thresholds"/> replace the even grid and get
    /// 0 − ε and 1 + ε added around them, as in Keras.</summary>
    public AUC(int numThresholds = 200, AucCurve curve = AucCurve.Roc,
        AucSummationMethod summationMethod = AucSummationMethod.Interpolation, string name = "auc",
        IReadOnlyList<double>? thresholds = null, bool fromLogits = false)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A metric name cannot be blank.", nameof(name));
        const double epsilon = 1e-7;
        List<double> inner;
        if (thresholds is not null) inner = thresholds.OrderBy(t => t).ToList();
        else
        {
            if (numThresholds <= 1)
                throw new ArgumentException($"Argument `num_thresholds` must be an integer > 1. Received: num_thresholds={numThresholds}", nameof(numThresholds));
            inner = Enumerable.Range(0, numThresholds - 2).Select(i => (i + 1) * 1.0 / (numThresholds - 1)).ToList();
        }
        Thresholds = [0.0 - epsilon, .. inner, 1.0 + epsilon];
        Curve = curve; SummationMethod = summationMethod; Name = name; FromLogits = fromLogits;
        _counts = new ConfusionCounts(Thresholds);
    }

    public override string Name { get; }

    /// <summary>The thresholds, ascending, including 0 − ε and 1 + ε.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>The curve integrated.</summary>
    public AucCurve Curve { get; }

    /// <summary>How the area between thresholds is summed.</summary>
    public AucSummationMethod SummationMethod { get; }

    /// <summary>Whether predictions are logits (a sigmoid is applied first).</summary>
    public bool FromLogits { get; }

    public override bool? HigherIsBetter => true;

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) =>
        _counts.Add(yTrue, yPred, sampleWeight, classId: null, topK: null, FromLogits, Name);

    public override double Result()
    {
        var tp = _counts.TruePositives; var fp = _counts.FalsePositives;
        var tn = _counts.TrueNegatives; var fn = _counts.FalseNegatives;
        int n = _counts.Count;
        if (Curve == AucCurve.PR && SummationMethod == AucSummationMethod.Interpolation) return InterpolatePr(tp, fp, fn, n);
        var x = new double[n]; var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double recall = ConfusionCounts.DivideNoNan(tp[i], tp[i] + fn[i]);
            if (Curve == AucCurve.Roc) { x[i] = ConfusionCounts.DivideNoNan(fp[i], fp[i] + tn[i]); y[i] = recall; }
            else { x[i] = recall; y[i] = ConfusionCounts.DivideNoNan(tp[i], tp[i] + fp[i]); }
        }
        double area = 0;
        for (int i = 0; i < n - 1; i++)
        {
            double h = SummationMethod switch
            {
                AucSummationMethod.Interpolation => (y[i] + y[i + 1]) / 2,
                AucSummationMethod.Minoring => Math.Min(y[i], y[i + 1]),
                _ => Math.Max(y[i], y[i + 1]),
            };
            area += (x[i] - x[i + 1]) * h;
        }
        return area;
    }

    /// <summary>Keras's <c>interpolate_pr_auc</c>: within each interval TP and P = TP + FP vary linearly, and the
    /// integral of precision over recall has the closed form slope·(ΔTP + intercept·ln(P_A / P_B)) / (TP_B + FN_B).</summary>
    private static double InterpolatePr(double[] tp, double[] fp, double[] fn, int n)
    {
        double area = 0;
        for (int i = 0; i < n - 1; i++)
        {
            double dtp = tp[i] - tp[i + 1];
            double pA = tp[i] + fp[i], pB = tp[i + 1] + fp[i + 1];
            double dp = pA - pB;
            double slope = ConfusionCounts.DivideNoNan(dtp, Math.Max(dp, 0));
            double intercept = tp[i + 1] - slope * pB;
            double ratio = pA > 0 && pB > 0 ? ConfusionCounts.DivideNoNan(pA, Math.Max(pB, 0)) : 1;
            area += ConfusionCounts.DivideNoNan(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(tp[i + 1] + fn[i + 1], 0));
        }
        return area;
    }

    public override void Reset() => _counts.Reset();
}
