namespace Convergent.Diagnostics;

/// <summary>
/// SATURATED_OUTPUT: the output layer is confidently wrong — probabilities pinned at 0/1 — and the loss is stuck at a
/// large value. Streaming: mean max-probability ≥ 0.99 while the batch loss is above the loss of uniform guessing
/// (ln C). From epochs (also logs): the loss is constant over several epochs and, with the accuracy a, the loss per
/// wrong sample loss/(1 − a) implies wrong answers get a probability below 1e-5.
/// </summary>
public sealed class SaturatedOutputRule : Rule
{
    public override string Code => FindingCode.SaturatedOutput;

    /// <summary>Mean largest probability that counts as pinned (0.99). Our choice: a calibrated classifier that is
    /// right 99 % of the time has this confidence, so with a loss above ln C it must be confidently wrong.</summary>
    public double PinnedProbability { get; set; } = 0.99;

    /// <summary>Steps that must agree (median over them). Our choice.</summary>
    public int WindowSteps { get; set; } = 10;

    /// <summary>Epochs of constant loss required on the epoch path (3).</summary>
    public int ConstantEpochs { get; set; } = 3;

    /// <summary>Relative band within which the epoch loss counts as constant (1e-3).</summary>
    public double ConstantTolerance { get; set; } = 1e-3;

    /// <summary>Implied −ln p of a wrong answer above which outputs count as pinned: ln 1e5 ≈ 11.5, i.e. wrong answers get
    /// p &lt; 1e-5. Our choice: a well-trained classifier's rare mistakes cost 3–8 nats; Keras clips probabilities at 1e-7
    /// (16.1 nats), and the stuck run of user story 2 shows 20.7.</summary>
    public double MinImpliedNats { get; set; } = Math.Log(1e5);

    /// <summary>Without an accuracy: a constant loss at least this large counts as saturated (5 nats ≈ p 0.7 %).</summary>
    public double MinLossWithoutAccuracy { get; set; } = 5;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        var p = r.Output.MaxProbability;
        if (p.Count < WindowSteps) yield break;
        double medP = Robust.Median(p.LastValues(WindowSteps));
        if (!(medP >= PinnedProbability)) yield break;
        double medLoss = Robust.Median(r.Steps.Loss.LastValues(WindowSteps));
        double chance = Math.Log(Math.Max(r.Classes, 2));
        if (!(medLoss >= chance)) yield break;
        // start of the current pinned run
        var vals = p.Values;
        int i = vals.Length - 1;
        while (i > 0 && vals[i - 1] >= PinnedProbability) i--;
        long since = p.Steps[i];
        yield return Make(r, Curves.EpochOf(r, since), since, new Evidence
        {
            { "max_probability", medP },
            { "loss", medLoss },
            { "chance_loss", chance },
            { "since_step", since },
        }, medLoss, 0.85);
    }

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        var loss = r.Epochs.Loss;
        int n = r.Epochs.Count;
        if (n < ConstantEpochs || loss.Length != n) yield break;
        var (start, length) = Curves.FinalFlatRun(loss, ConstantTolerance);
        if (length < ConstantEpochs) yield break;
        double l = loss[^1];
        var ev = new Evidence { { "loss", l }, { "constant_epochs", length } };
        double confidence;
        if (r.Epochs.Get(EpochTable.AccuracyName, n - 1) is double acc)
        {
            if (acc >= 0.999) yield break;
            double nats = l / (1 - acc);
            if (nats < MinImpliedNats) yield break;
            ev.Add("accuracy", acc);
            ev.Add("implied_wrong_log_probability", -nats);
            ev.Add("implied_wrong_probability", Math.Exp(-nats));
            confidence = 0.85;
        }
        else
        {
            if (l < MinLossWithoutAccuracy) yield break;
            confidence = 0.6;
        }
        if (!r.Output.MaxProbability.IsEmpty) ev.Add("max_probability", Robust.Median(r.Output.MaxProbability.LastValues(WindowSteps)));
        yield return Make(r, r.Epochs.Numbers[start], null, ev, l, confidence);
    }

    private Finding Make(RunRecord r, int? epoch, long? step, Evidence ev, double loss, double confidence)
    {
        double lr = KerasCode.ScaledLearningRate(r.Training, 0.1);
        return new Finding(Code, Severity.Error, $"Output saturated: probabilities pinned at 0/1, loss stuck at {loss:0.####}")
        {
            Layer = r.Model?.OutputLayer?.Name,
            Epoch = epoch,
            Step = step,
            Evidence = ev,
            Confidence = confidence,
            Explanation =
                $"The output layer gives probabilities of (almost) exactly 0 or 1, and it is wrong on many samples, so the loss is stuck at a " +
                $"large value ({loss:0.####}). " +
                (ev.TryGet("implied_wrong_probability", out var pw) && ev.TryGet("accuracy", out var a0)
                    ? $"With accuracy {a0}, each wrong sample costs {-ev.Number("implied_wrong_log_probability"):0.#} nats: the model gives the true class a probability of about {pw} on every sample it gets wrong. "
                    : "") +
                "A softmax pinned at 0/1 passes back (almost) no gradient, so the weights below stop changing " +
                "and the loss cannot come down. Typical causes: a learning rate that blew the first updates up, unscaled inputs, or dead " +
                "units upstream.",
            Fixes =
            [
                new Fix("lower_learning_rate", "Use a 10× smaller learning rate so the first updates do not blow the logits up.",
                    KerasCode.Optimizer(r.Training.Optimizer, lr)),
                new Fix("normalize_inputs", "Scale the inputs to about unit range.", "x_train = x_train / 255.0  # images; else standardize per feature"),
                new Fix("logits_output", "Compute the loss from logits for numerical stability.",
                    "layers.Dense(num_classes), loss=keras.losses.CategoricalCrossentropy(from_logits=True)"),
                new Fix("batch_normalization", "Keep pre-activations in range with batch normalization before the output.",
                    "layers.BatchNormalization()"),
            ],
        };
    }
}
