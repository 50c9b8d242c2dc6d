namespace Convergent.Cli.Tests;

[Collection("cli")]
public sealed class SuiteTests
{
    /// <summary>
    /// The labelled suite's first target (issue 4): at least 90 % of the faulty setups have an expected code among the
    /// top-3 error/warning findings. Measured 35–36 of 37 on this machine. The second target — no error or warning on
    /// any healthy setup — is not met yet (3 of 9 healthy cases still raise one: see suite/README.md), so it is not
    /// asserted here.
    /// </summary>
    [Fact]
    public void Suite_FaultySetups_NinetyPercentHaveAnExpectedCodeInTheTopThree()
    {
        var (exit, output, err) = CliRunner.Run("suite", Repo.P("suite"), "--filter", "lr-too-low");
        Assert.True(exit == 0, err);
        Assert.Contains("Score: 1/1", output);
        var score = SuiteCommand.Run(Repo.P("suite"), null, TextWriter.Null);
        Assert.True(score.Faulty >= 30, $"{score.Faulty} faulty setups; the issue asks for at least 30");
        Assert.True(score.Healthy >= 8, $"{score.Healthy} healthy setups; the issue asks for at least 8");
        Assert.True(score.Share >= 0.9, $"faulty-setup score {score.Share:P1} < 90 %");
    }
}
