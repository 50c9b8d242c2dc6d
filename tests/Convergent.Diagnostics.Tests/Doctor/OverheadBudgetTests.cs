namespace Convergent.Diagnostics.Tests;

/// <summary>The budget against simulated clocks: a plain step of 100 ticks, work of a known cost.</summary>
public class OverheadBudgetTests
{
    /// <summary>Runs <paramref name="steps"/> steps; returns the steps the work ran on and the extra time it added.</summary>
    private static (int Ran, long Extra, long Elapsed) Simulate(OverheadBudget b, int steps, long plain, long cost, int from = 0)
    {
        long now = 1_000_000, extra = 0, start = 0;
        int ran = 0;
        for (int i = 0; i < steps; i++)
        {
            if (i == from) { start = now; extra = 0; ran = 0; }
            bool run = b.BeginStep(now);
            if (run) ran++;
            now += plain + (run ? cost : 0);
            if (run) extra += cost;
        }
        return (ran, extra, now - start);
    }

    [Fact]
    public void ExpensiveWork_AddsAtMostItsShare_OfTheWholeRun()
    {
        // the work costs half a step: 50·r ≤ 0.1·(100·20000 + 50·r) allows r ≤ 4444 runs
        var b = new OverheadBudget(0.10);
        var (ran, extra, elapsed) = Simulate(b, 20_000, plain: 100, cost: 50, from: b.WarmUpSteps);
        double share = (double)extra / elapsed;
        Assert.InRange(share, 0.09, 0.1005);
        Assert.InRange(ran, 4_200, 4_444);
        Assert.Equal(100, b.PlainStepTicks);
    }

    [Fact]
    public void CheapWork_RunsOnEveryStep_ButTheCalibrationSteps()
    {
        var b = new OverheadBudget(0.05);
        var (ran, _, _) = Simulate(b, 16_000, plain: 100, cost: 1);
        // about one step in 16 sits out to measure the plain step
        Assert.InRange(16_000 - ran, 16_000 / 16 - 150, 16_000 / 16 + 150);
    }

    [Fact]
    public void ThePlainStep_IgnoresPeriodicHeavySteps_LikeAnEpochsEnd()
    {
        // every 16th step carries an epoch's end (10× a step): a calibration that always fell on it would take 1000 as the
        // plain step and let the work cost far more than its share
        var b = new OverheadBudget(0.05);
        long now = 0, extra = 0, start = 0;
        for (int i = 0; i < 32_000; i++)
        {
            if (i == b.WarmUpSteps) { start = now; extra = 0; }
            bool run = b.BeginStep(now);
            now += (i % 16 == 15 ? 1_000 : 100) + (run ? 30 : 0);
            if (run) extra += 30;
        }
        Assert.Equal(100, b.PlainStepTicks);
        // within the share; below it, since a heavy step the work ran in is charged to the work (the bound errs safe)
        Assert.InRange((double)extra / (now - start), 0.01, 0.0505);
    }

    [Fact]
    public void TheWarmUpSteps_AlwaysRun_WhateverTheyCost()
    {
        var b = new OverheadBudget(0.01) { WarmUpSteps = 30 };
        for (int i = 0; i < 30; i++) Assert.True(b.BeginStep(1_000L * i * 1_000));   // each "step" 1000x the plain one
        Assert.False(b.BeginStep(40_000_000));   // no plain step measured yet: this one calibrates
    }

    [Fact]
    public void APause_IsNotTrainingTime_ForTheShare()
    {
        var b = new OverheadBudget(0.10);
        Simulate(b, 2_000, plain: 100, cost: 50);
        long spent = b.SpentTicks;
        // the process stops for a long while (other work between two steps): no allowance is earned, nothing is charged
        long now = 10_000_000;
        b.BeginStep(now);
        b.BeginStep(now + 10_000_000);
        Assert.InRange(b.SpentTicks - spent, 0, 50);
        Assert.Equal(100, b.PlainStepTicks);
    }

    [Fact]
    public void AnEpochsEnd_MarkedAsAPause_IsNeitherChargedNorCounted()
    {
        var b = new OverheadBudget(0.10);
        Simulate(b, 2_000, plain: 100, cost: 0);
        long spent = b.SpentTicks;
        long now = 50_000_000;
        while (!b.BeginStep(now)) now += 100;   // a step the work runs in
        b.Pause();                              // then the epoch ends: validation takes 40 steps' time
        now += 100 + 4_000;
        b.BeginStep(now);
        Assert.InRange(b.SpentTicks - spent, -100, 100);
    }

    [Fact]
    public void AShareOutsideZeroToOne_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OverheadBudget(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OverheadBudget(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OverheadBudget(double.NaN));
    }
}
