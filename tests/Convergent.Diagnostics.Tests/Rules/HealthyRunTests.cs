namespace Convergent.Diagnostics.Tests;

public class HealthyRunTests
{
    [Fact]
    public void HealthySyntheticRun_EveryRuleStaysSilent()
    {
        var d = new SynthRun().Run();
        Assert.Empty(d.Findings);
        Assert.Equal(Verdict.Healthy, d.Verdict);
    }

    [Fact]
    public void HealthySyntheticRun_WithTanhHiddenLayer_EveryRuleStaysSilent()
    {
        var run = new SynthRun(Convergent.Nn.Activations.Tanh);
        run.Step["dense.dead"] = _ => double.NaN;
        run.Step["dense.sat"] = s => 0.05;
        Assert.Empty(run.Run().Findings);
    }

    [Fact]
    public void EachRule_OnTheHealthyRun_YieldsNothing()
    {
        foreach (var rule in Rules.All)
        {
            var d = new SynthRun().Run([rule]);
            Assert.True(d.Findings.Count == 0, $"{rule} fired on the healthy run: {string.Join("; ", d.Findings)}");
        }
    }
}
