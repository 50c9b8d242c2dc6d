using Convergent.Nn;

namespace Convergent.Diagnostics.Tests;

public class QuickProbeTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    [Fact]
    public void InitialState_LossNearLnC_AndPerLayerScales()
    {
        var (x, y) = Toy.Blobs();
        var facts = new InitFacts();
        new InitialStateProbe().Run(new QuickProbeContext(Toy.Mlp(() => new Adam()), x, y, Budget), facts);
        Assert.InRange(facts.InitialLoss!.Value, 0.3, 1.5);   // ln 2 ≈ 0.69 for an untrained 2-class softmax
        Assert.Equal(["dense", "dense_1"], facts.ActivationStd.Select(a => a.Layer));
        Assert.Equal(["dense", "dense_1"], facts.GradientMeanAbs.Select(a => a.Layer));
        Assert.All(facts.GradientMeanAbs, g => Assert.True(g.MeanAbs > 0));
    }

    [Fact]
    public void SmallBatch_HealthyModel_MemorizesSixteenSamples()
    {
        var (x, y) = Toy.Blobs();
        var facts = new InitFacts();
        new SmallBatchOverfitProbe().Run(new QuickProbeContext(Toy.Mlp(() => new Adam(0.01)), x, y, Budget), facts);
        var s = facts.SmallBatch!;
        Assert.Equal(16, s.Samples);
        Assert.Equal(1.0, s.Accuracy);
        Assert.True(s.FinalLoss < s.InitialLoss);
        Assert.False(s.TimedOut);
    }

    [Fact]
    public void SmallBatch_SoftmaxOnOneUnit_CannotMemorize_AndTheRuleFires()
    {
        var (x, y2) = Toy.Blobs();
        var labels = y2.ToFloatArray().Where((_, i) => i % 2 == 1).ToArray();   // class index as 0/1
        var y = Tensor.FromArray(labels, labels.Length, 1);
        Func<Model> factory = () =>
        {
            var m = new Sequential([new Dense(8, Activations.Relu), new Dense(1, Activations.Softmax)], new Shape(2));
            m.Compile(new Adam(0.01), new BinaryCrossentropy(), new Accuracy());
            return m;
        };
        var facts = new InitFacts();
        var data = DataFacts.Compute(x, y);
        new SmallBatchOverfitProbe().Run(new QuickProbeContext(factory, x, y, Budget, data), facts);
        // softmax over one unit is always 1: every sample is "class 1", so accuracy is the share of class 1 in the sample
        var ctx = new QuickProbeContext(factory, x, y, Budget, data);
        double share = ctx.SampleRows(16).Average(r => (double)labels[r]);
        Assert.Equal(share, facts.SmallBatch!.Accuracy);
        Assert.InRange(share, 0.1, 0.9);
        var f = Assert.Single(new CannotOverfitSmallBatchRule().CheckBefore(new RunRecord { Init = facts }));
        Assert.Equal(share, f.Evidence.Number("accuracy"));
    }

    [Fact]
    public void NoTimeBudget_ProbesRunTheirPlannedSteps_AndNeverTimeOut()
    {
        // a rate far too small to memorize anything: the small-batch probe runs all its steps; no wall clock can cut it short
        var (x, y) = Toy.Blobs();
        var facts = new InitFacts();
        var context = new QuickProbeContext(Toy.Mlp(() => new SGD(1e-9)), x, y, budget: null);
        var small = new SmallBatchOverfitProbe { MaxSteps = 60 };
        small.Run(context, facts);
        new ZeroInputProbe { Steps = 20, BatchSize = 32 }.Run(context, facts);
        Assert.Equal(60, facts.SmallBatch!.Steps);
        Assert.False(facts.SmallBatch.TimedOut);
        Assert.Equal(24, facts.ZeroInput!.Steps);   // 20 steps rounded up to whole epochs of 8 batches of the 256 sampled rows
        Assert.False(facts.ZeroInput.TimedOut);
        Assert.Null(context.Budget);
    }

    [Fact]
    public void ZeroInput_HealthyModel_DoesBetterOnRealInputs()
    {
        var (x, y) = Toy.Blobs();
        var facts = new InitFacts();
        new ZeroInputProbe().Run(new QuickProbeContext(Toy.Mlp(() => new Adam(0.01)), x, y, Budget), facts);
        var z = facts.ZeroInput!;
        Assert.True(z.RealLoss < 0.5 * z.ZeroLoss, $"real {z.RealLoss} vs zeroed {z.ZeroLoss}");
        Assert.InRange(z.ZeroLoss, 0.6, 0.8);   // without input only the prior can be learned: ≈ ln 2
        Assert.Empty(new ModelIgnoresInputRule().CheckBefore(new RunRecord { Init = facts }));
    }

    [Fact]
    public void Context_RejectsUncompiledModels_AndSamplesRowsEvenly()
    {
        var (x, y) = Toy.Blobs(n: 10);
        var ctx = new QuickProbeContext(() => new Sequential([new Dense(2)], new Shape(2)), x, y, Budget);
        Assert.Throws<InvalidOperationException>(() => ctx.NewModel());
        var rows = ctx.SampleRows(4);
        Assert.Equal(4, rows.Distinct().Count());
        Assert.Equal(rows.Order(), rows);
        Assert.All(rows, r => Assert.InRange(r, 0, 9));
        Assert.Equal(rows, ctx.SampleRows(4));   // fixed seed
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuickProbeContext(() => null!, x, y, TimeSpan.Zero));
    }

    [Fact]
    public void DoctorCheck_StaticRulesOnly_NoStepTaken()
    {
        var (x, y) = Toy.Blobs(scale: 255);
        var model = Toy.Mlp(() => new Adam())();
        var weights = model.GetWeights();
        var result = new Doctor().Check(model, x, y);
        Assert.Equal([FindingCode.InputNotNormalized], result.Diagnosis.Findings.Select(f => f.Code));
        Assert.Null(result.Record.Init);
        Assert.Equal(0, result.Record.Epochs.Count);
        Assert.Equal(weights.Select(w => w.ToFloatArray()), model.GetWeights().Select(w => w.ToFloatArray()));
        // without data only model-level checks run
        Assert.Empty(new Doctor().Check(Toy.Mlp(() => new Adam())()).Diagnosis.Findings);
    }
}
