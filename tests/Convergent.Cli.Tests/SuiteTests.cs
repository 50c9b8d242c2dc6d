using Convergent.Diagnostics;

namespace Convergent.Cli.Tests;

/// <summary>The whole labelled suite, run once for the tests of this class (≈ 30–45 s on 2 cores).</summary>
public sealed class SuiteRun
{
    internal SuiteCommand.Score Score { get; } = SuiteCommand.Run(Repo.P("suite"), null, TextWriter.Null);
}

/// <summary>
/// The labelled suite's targets (issue 4, item 9), asserted on the real runs: at least 90 % of the faulty setups have an
/// expected code among the top-3 error/warning findings, and no healthy setup gets any error or warning. The suite's
/// doctor passes are deterministic (every step measured, quick probes bounded by steps, no --max-seconds), so the
/// outcome does not depend on the machine's load. Measured: 37/37 faulty, 0/12 false alarms (suite/README.md).
/// </summary>
[Collection("cli")]
public sealed class SuiteTests(SuiteRun run) : IClassFixture<SuiteRun>
{
    private static string Describe(IEnumerable<SuiteCommand.CaseResult> cases) =>
        string.Join("; ", cases.Select(c => $"{c.Name}: {(c.Error is not null ? "error " + c.Error : c.Top.Count == 0 ? "-" : string.Join(",", c.Top))}"));

    [Fact]
    public void Suite_FilteredRun_PrintsTheCaseAndTheScoreLine()
    {
        var (exit, output, err) = CliRunner.Run("suite", Repo.P("suite"), "--filter", "lr-too-low");
        Assert.True(exit == 0, err);
        Assert.Contains("lr-too-low", output);
        Assert.Contains("Score: 1/1 faulty cases", output);
    }

    [Fact]
    public void Suite_Manifest_HasEnoughSetupsCoveringEveryFindingCode()
    {
        var s = run.Score;
        Assert.True(s.Faulty >= 30, $"{s.Faulty} faulty setups; the issue asks for at least 30");
        Assert.True(s.Healthy >= 8, $"{s.Healthy} healthy setups; the issue asks for at least 8");
        var expected = s.Cases.SelectMany(c => c.Expected).ToHashSet(StringComparer.Ordinal);
        var uncovered = FindingCode.All.Select(c => c.Code).Where(c => !expected.Contains(c)).ToList();
        Assert.True(uncovered.Count == 0, $"codes no faulty setup expects: {string.Join(", ", uncovered)}");
    }

    [Fact]
    public void Suite_FaultySetups_NinetyPercentHaveAnExpectedCodeInTheTopThree()
    {
        var s = run.Score;
        var missed = s.Cases.Where(c => c.Expected.Count > 0 && !c.Pass).ToList();
        Assert.True(s.Share >= 0.9, $"faulty-setup score {s.FaultyPassed}/{s.Faulty} = {s.Share:P1} < 90 %; missed: {Describe(missed)}");
    }

    [Fact]
    public void Suite_HealthySetups_NoErrorOrWarning()
    {
        var s = run.Score;
        var alarms = s.Cases.Where(c => c.Expected.Count == 0 && !c.Pass).ToList();
        Assert.True(alarms.Count == 0, $"false alarms on {alarms.Count}/{s.Healthy} healthy setups: {Describe(alarms)}");
    }
}
