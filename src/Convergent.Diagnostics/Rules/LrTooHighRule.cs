namespace Convergent.Diagnostics;

/// <summary>
/// LR_TOO_HIGH: steps overshoot. Any of: the update/weight ratio stays far above healthy (median over layers and
/// steps &gt; 1e-1); the smoothed loss climbs well above the best it reached; repeated upward loss spikes (streaming
/// z-score). From epochs (also logs): the training loss rises well above its minimum with a rising trend.
/// </summary>
public sealed class LrTooHighRule : Rule
{
    private readonly OutlierDetector _lossDetector;
    private int _fed;
    private int _spikes;
    private long _firstSpike = -1;
    private long _ratioCheckedAt, _trendCheckedAt;

    /// <summary>Most chunks (the latest since the best) whose trend decides whether the smoothed loss is still climbing.</summary>
    public const int TrendChunks = 64;
    private bool _explosionChecked;

    public LrTooHighRule() => _lossDetector = new OutlierDetector(32);

    public override string Code => FindingCode.LrTooHigh;

    /// <summary>Update/weight ratio above which steps overshoot. findings.md "Thresholds": healthy ≈ 1e-3, suspicious
    /// outside 1e-4 … 1e-1 (Karpathy, CS231n "ratio of weights:updates").</summary>
    public double MaxUpdateRatio { get; set; } = 1e-1;

    /// <summary>Update/weight ratio of a single step (median over layers) at or above which the step replaced the weights
    /// (0.5). The engine divides by the weight norm after the step, so a step that swamps the weights reads ≈ 1; 0.5 is
    /// 500× the healthy 1e-3 — overshooting by definition. Our choice.</summary>
    public double MaxSingleStepRatio { get; set; } = 0.5;

    /// <summary>Recorded steps the update-ratio median is taken over. Our choice.</summary>
    public int WindowSteps { get; set; } = 20;

    /// <summary>Steps averaged per point of the smoothed loss. Our choice.</summary>
    public int ChunkSteps { get; set; } = 10;

    /// <summary>Smoothed loss above this multiple of the best smoothed loss so far counts as divergence (2×). Our choice.</summary>
    public double RiseFactor { get; set; } = 2;

    /// <summary>z-score of the log batch loss that counts as a spike (5), and spikes needed (3).</summary>
    public double SpikeZ { get; set; } = 5;

    /// <summary>A spike must reach at least this share of the initial loss (<c>Curves.InitialLoss</c>) (0.5). Our choice.</summary>
    public double MinSpikeShareOfInitial { get; set; } = 0.5;

    /// <summary>Upward loss spikes needed.</summary>
    public int MinSpikes { get; set; } = 3;

    /// <summary>Update/weight ratio of a single early step above which that step replaced the weights rather than
    /// adjusted them (1: the update was as large as the weights). Ten times findings.md's suspicious bound 1e-1.</summary>
    public double BlowUpUpdateRatio { get; set; } = 1;

    // (d) is judged once, on the first WindowSteps update ratios and the first 2 × ChunkSteps losses
    private bool _blowUpChecked;

    /// <summary>Epoch path: final loss above this multiple of the minimum (1.5×).</summary>
    public double EpochRiseFactor { get; set; } = 1.5;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        // (a) update/weight ratio far above healthy
        if (r.Steps.Total - _ratioCheckedAt >= 5 && r.Layers.Any(l => l.UpdateRatio.Count >= WindowSteps))
        {
            _ratioCheckedAt = r.Steps.Total;
            double ratio = Curves.MedianOverLayers(r, l => l.UpdateRatio, WindowSteps);
            if (ratio > MaxUpdateRatio)
            {
                yield return Make(r, step, new Evidence
                {
                    { "update_ratio", ratio },
                    { "healthy_update_ratio", 1e-3 },
                    { "window_steps", WindowSteps },
                }, $"Learning rate too high: updates are {EvidenceValue.Format(ratio)} of the weights per step (healthy ≈ 1e-3)", ratio > 1 ? Severity.Error : Severity.Warning, 0.85);
                yield break;
            }
        }

        // (d) one step that replaced the weights: an update as large as the weights themselves, in most layers at once
        if (!_explosionChecked && r.Layers.Any(l => l.UpdateRatio.Count > 0))
        {
            var ratios = r.Layers.Where(l => !l.UpdateRatio.IsEmpty).Select(l => l.UpdateRatio.Last).ToList();
            double med = Robust.Median(ratios.Select(p => p.Value).ToArray());
            if (med >= MaxSingleStepRatio)
            {
                _explosionChecked = true;
                yield return Make(r, ratios[0].Step, new Evidence
                {
                    { "update_ratio", med },
                    { "healthy_update_ratio", 1e-3 },
                    { "step", ratios[0].Step },
                }, $"Learning rate too high: one step moved the weights by {EvidenceValue.Format(med)} of their size (healthy ≈ 1e-3)", Severity.Error, 0.9);
                yield break;
            }
        }

        var loss = r.Steps.Loss;
        // (d) one of the first steps blew the weights up and the loss never came back: the update/weight ratio of that
        // step was >= BlowUpUpdateRatio and the loss since sits at >= RiseFactor × the loss before it. The later steps
        // are often tiny (saturated outputs pass no gradient), so the windowed median of (a) and the trend of (b)
        // never see it (SGD lr 3 or 1000 on a small MLP).
        if (!_blowUpChecked && loss.Count >= 2 * ChunkSteps)
        {
            _blowUpChecked = true;
            double first = loss.Values[0];
            double lossAfter = Robust.Median(loss.Values[ChunkSteps..(2 * ChunkSteps)]);
            double earlyMax = 0;
            long earlyStep = -1;
            foreach (var l in r.Layers)
            {
                var u = l.UpdateRatio;
                for (int i = 0; i < Math.Min(u.Count, WindowSteps); i++)
                    if (u.Values[i] > earlyMax) { earlyMax = u.Values[i]; earlyStep = u.Steps[i]; }
            }
            if (double.IsFinite(first) && first > 0 && earlyMax >= BlowUpUpdateRatio && !(lossAfter < RiseFactor * first))
            {
                yield return Make(r, earlyStep, new Evidence
                {
                    { "update_ratio", earlyMax },
                    { "healthy_update_ratio", 1e-3 },
                    { "loss_before", first },
                    { "loss_after", lossAfter },
                }, $"Learning rate too high: one early step changed the weights by {EvidenceValue.Format(earlyMax)}× their size and the loss jumped from {first:0.####} to {lossAfter:0.####}",
                    Severity.Error, 0.85);
                yield break;
            }
        }

        // (c) upward spikes of the log batch loss
        var vals = loss.Values;
        double initial = Curves.InitialLoss(r);
        for (int i = _fed; i < vals.Length; i++)
        {
            double z = _lossDetector.Update(vals[i] > 0 ? Math.Log(vals[i]) : double.NaN);
            // a spike must also be large in absolute terms: back up to at least MinSpikeShareOfInitial of the first
            // losses (jitter of a loss that is already near 0 is not overshooting)
            if (z >= SpikeZ && vals[i] >= MinSpikeShareOfInitial * initial) { _spikes++; if (_firstSpike < 0) _firstSpike = loss.Steps[i]; }
        }
        _fed = vals.Length;
        if (_spikes >= MinSpikes)
        {
            yield return Make(r, _firstSpike, new Evidence
            {
                { "loss_spikes", _spikes },
                { "spike_z", SpikeZ },
                { "first_spike_step", _firstSpike },
            }, $"Learning rate too high: {_spikes} upward loss spikes", Severity.Warning, 0.7);
            yield break;
        }

        // (b) the smoothed loss climbed well above its best
        if (loss.Count < 4 * ChunkSteps || r.Steps.Total - _trendCheckedAt < ChunkSteps) yield break;
        _trendCheckedAt = r.Steps.Total;
        var chunks = Trend.ChunkMeans(vals[(vals.Length % ChunkSteps)..], ChunkSteps);
        int best = Robust.ArgMin(chunks);
        if (best < 0 || chunks.Length - 1 - best < 3) yield break;
        var after = chunks.AsSpan(best);
        if (!Robust.AllAtLeast(after[^2..], RiseFactor * chunks[best])) yield break;
        if (chunks[^1] < MinSpikeShareOfInitial * Curves.InitialLoss(r)) yield break;   // doubling a loss near 0 is not divergence
        // the trend of the last chunks since the best (Theil–Sen is quadratic in its points: a long run's whole climb
        // would cost more than the training)
        var (slope, _) = Trend.TheilSen(Trend.Log(after.Length > TrendChunks ? after[^TrendChunks..] : after));
        if (slope <= 0) yield break;
        long since = loss.Steps[vals.Length % ChunkSteps + best * ChunkSteps];
        yield return Make(r, since, new Evidence
        {
            { "best_smoothed_loss", chunks[best] },
            { "smoothed_loss", chunks[^1] },
            { "rise_factor", chunks[^1] / chunks[best] },
            { "since_step", since },
        }, $"Learning rate too high: loss climbed from {chunks[best]:0.####} to {chunks[^1]:0.####}", Severity.Warning, 0.75);
    }

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        if (r.Steps.Count > 0)
        {
            // a run that diverged within fewer steps than the window: judge on the steps there are
            int have = r.Layers.Select(l => l.UpdateRatio.Count).DefaultIfEmpty(0).Max();
            if (r.Training.Stopped == StopReason.Nan && have is >= 2 && have < WindowSteps)
            {
                double ratio = Curves.MedianOverLayers(r, l => l.UpdateRatio, have);
                if (ratio > MaxUpdateRatio)
                    yield return Make(r, r.Steps.LearningRate.Steps[0], new Evidence
                    {
                        { "update_ratio", ratio },
                        { "healthy_update_ratio", 1e-3 },
                        { "window_steps", have },
                    }, $"Learning rate too high: updates were {EvidenceValue.Format(ratio)} of the weights per step before the loss diverged", Severity.Error, 0.8);
            }
            yield break;   // otherwise streaming decided
        }
        var loss = r.Epochs.Loss;
        int n = r.Epochs.Count;
        if (n < 4 || loss.Length != n || !double.IsFinite(loss[^1])) yield break;
        int best = Robust.ArgMin(loss);
        if (best < 0 || n - 1 - best < 2 || loss[^1] < EpochRiseFactor * loss[best]) yield break;
        var (slope, _) = Trend.TheilSen(Trend.Log(loss.AsSpan(best)));
        if (slope <= 0) yield break;
        yield return Make(r, null, new Evidence
        {
            { "best_loss", loss[best] },
            { "best_epoch", r.Epochs.Numbers[best] },
            { "final_loss", loss[^1] },
            { "rise_factor", loss[^1] / loss[best] },
        }, $"Learning rate too high: training loss rose from {loss[best]:0.####} (epoch {r.Epochs.Numbers[best]}) to {loss[^1]:0.####}",
            Severity.Warning, 0.65, r.Epochs.Numbers[best]);
    }

    private Finding Make(RunRecord r, long? step, Evidence ev, string title, Severity severity, double confidence, int? epoch = null)
    {
        if (Curves.LearningRate(r) is double lr) ev.Add("learning_rate", lr);
        return new Finding(Code, severity, title)
        {
            Epoch = epoch ?? (step is long s ? Curves.EpochOf(r, s) : null),
            Step = step,
            Evidence = ev,
            Confidence = confidence,
            Explanation =
                "Each step moves the weights too far: instead of going downhill the optimizer overshoots, so the loss jumps up or climbs. " +
                "A learning rate about 10× smaller (or a warm-up / schedule) usually fixes it.",
            Fixes =
            [
                new Fix("lower_learning_rate", "Use a 10× smaller learning rate.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 0.1))),
                new Fix("learning_rate_schedule", "Decay the learning rate over training.",
                    "learning_rate=keras.optimizers.schedules.ExponentialDecay(1e-3, decay_steps=1000, decay_rate=0.9)"),
                new Fix("clip_gradients", "Clip the gradient norm.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 1), "clipnorm=1.0")),
            ],
        };
    }
}
