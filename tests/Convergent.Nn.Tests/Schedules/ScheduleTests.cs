using Convergent.Nn.Tests.Optimizers;
using Convergent.Tensors;

namespace Convergent.Nn.Tests.Schedules;

public class ScheduleTests
{
    private const int Digits = 12;

    [Fact]
    public void ExponentialDecay_ChosenSteps_MatchFormula()
    {
        var s = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5);
        Assert.Equal(0.1, s.At(0), Digits);
        Assert.Equal(0.1 * Math.Sqrt(0.5), s.At(5), Digits);
        Assert.Equal(0.025, s.At(20), Digits);
        Assert.Equal(0.05, new ExponentialDecay(0.1, 10, 0.5, staircase: true).At(15), Digits);
    }

    [Fact]
    public void InverseTimeDecay_ChosenSteps_MatchFormula()
    {
        var s = new InverseTimeDecay(0.1, decaySteps: 10, decayRate: 1.0);
        Assert.Equal(0.1 / 1.5, s.At(5), Digits);
        Assert.Equal(0.05, s.At(10), Digits);
        Assert.Equal(0.05, new InverseTimeDecay(0.1, 10, 1.0, staircase: true).At(15), Digits);
    }

    [Fact]
    public void InverseTimeDecay_LegacyDecay_IsRateOverOnePlusDecayTimesIterations()
    {
        // Keras 1/2 SGD(lr=0.01, decay=1e-3): after 1000 steps the rate has halved
        var s = InverseTimeDecay.FromLegacyDecay(0.01, 1e-3);
        Assert.Equal(0.01, s.At(0), Digits);
        Assert.Equal(0.005, s.At(1000), Digits);
    }

    [Fact]
    public void PiecewiseConstantDecay_Boundaries_BelongToTheLeftInterval()
    {
        var s = new PiecewiseConstantDecay([100, 200], [1.0, 0.5, 0.1]);
        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.1], new long[] { 0, 100, 101, 200, 201 }.Select(s.At));
    }

    [Fact]
    public void PiecewiseConstantDecay_WrongValueCount_Throws() =>
        Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([100], [1.0]));

    [Fact]
    public void CosineDecay_ChosenSteps_MatchFormula()
    {
        var s = new CosineDecay(1.0, decaySteps: 100);
        Assert.Equal(1.0, s.At(0), Digits);
        Assert.Equal(0.5, s.At(50), Digits);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 0.25)), s.At(25), Digits);
        Assert.Equal(0.0, s.At(100), Digits);
        Assert.Equal(0.0, s.At(150), Digits);                    // capped at decay_steps
        var floor = new CosineDecay(1.0, 100, alpha: 0.1);
        Assert.Equal(0.55, floor.At(50), Digits);
        Assert.Equal(0.1, floor.At(100), Digits);
    }

    [Fact]
    public void CosineDecay_Warmup_LinearRiseThenCosineFromTarget()
    {
        var s = new CosineDecay(0.0, decaySteps: 100, warmupTarget: 1.0, warmupSteps: 10);
        Assert.Equal(0.0, s.At(0), Digits);
        Assert.Equal(0.5, s.At(5), Digits);
        Assert.Equal(1.0, s.At(10), Digits);
        Assert.Equal(0.5, s.At(60), Digits);
        Assert.Equal(0.0, s.At(500), Digits);
    }

    [Fact]
    public void CosineDecayRestarts_DoublingPeriods_RestartAtTenAndThirty()
    {
        // periods [0, 10), [10, 30), [30, 70)
        var s = new CosineDecayRestarts(1.0, firstDecaySteps: 10);
        Assert.Equal(1.0, s.At(0), Digits);
        Assert.Equal(0.5, s.At(5), Digits);
        Assert.Equal(1.0, s.At(10), Digits);
        Assert.Equal(0.5, s.At(20), Digits);
        Assert.Equal(1.0, s.At(30), Digits);
        Assert.Equal(0.5, s.At(50), Digits);
    }

    [Fact]
    public void CosineDecayRestarts_MMulAndConstantPeriods_ScaleEachRestart()
    {
        var s = new CosineDecayRestarts(1.0, 10, tMul: 1.0, mMul: 0.5, alpha: 0.2);
        // period 1 starts at m_mul = 0.5: 0.8·0.5 + 0.2; mid-period 1: 0.8·0.25 + 0.2
        Assert.Equal(0.6, s.At(10), Digits);
        Assert.Equal(0.4, s.At(15), Digits);
        Assert.Equal(0.8 * 0.25 + 0.2, s.At(20), Digits);
    }

    [Fact]
    public void OneCycle_ChosenSteps_MatchPyTorchFormula()
    {
        // max 1, T = 100: start 1/25 = 0.04, end 0.04/1e4 = 4e-6; phase 1 ends at 0.3·100 − 1 = 29
        var s = new OneCycle(1.0, totalSteps: 100);
        Assert.Equal(0.04, s.At(0), Digits);
        Assert.Equal(1.0 + (0.04 - 1.0) / 2 * (1 + Math.Cos(Math.PI * 10 / 29.0)), s.At(10), Digits);
        Assert.Equal(1.0, s.At(29), Digits);
        Assert.Equal((1.0 + 4e-6) / 2, s.At(64), Digits);       // halfway through phase 2: (64 − 29)/(99 − 29) = ½
        Assert.Equal(4e-6, s.At(99), Digits);
        Assert.Equal(4e-6, s.At(1000), Digits);
    }

    [Fact]
    public void Optimizer_WithSchedule_UsesRateOfEachStep()
    {
        // rates 0.1, 0.05, 0.025 on a constant gradient 1
        var w = OptimizerTests.Run(new SGD(schedule: new ExponentialDecay(0.1, 1, 0.5)), [0.0], 3, (_, _) => [1.0], DType.Float64);
        Assert.Equal(-0.175, w[0], Digits);
    }

    [Fact]
    public void Optimizer_WithLegacyDecay_RateFallsAsOneOverOnePlusDecayT()
    {
        // lr/(1 + 0.5·t) for t = 0, 1, 2: 1, 2/3, 1/2
        var w = OptimizerTests.Run(new SGD(schedule: InverseTimeDecay.FromLegacyDecay(1.0, 0.5)), [0.0], 3, (_, _) => [1.0], DType.Float64);
        Assert.Equal(-(1 + 2.0 / 3 + 0.5), w[0], Digits);
    }
}
