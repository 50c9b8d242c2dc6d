using System.Text.Json;

namespace Convergent.Cli.Tests;

[Collection("cli")]
public sealed class FixTrialCommandTests
{
    [Fact]
    public void Trial_fixes_prove_the_lower_learning_rate_and_the_report_carries_the_trial()
    {
        string json = Path.Combine(Path.GetTempPath(), "convergent-trial-" + Guid.NewGuid().ToString("N") + ".json");
        // the suite's Adam-at-5.0 case: the doctor ranks LR_TOO_HIGH first; its fix (10× lower) is trained for the same 5 epochs
        var (exit, output, err) = CliRunner.Run("doctor", Repo.P("suite/cases/lr-too-high-adam/model.py"), "--data", "builtin:blobs",
            "--trial-fixes", "1", "--json", json);

        Assert.True(exit == 0, err);
        Assert.Contains("Trying 1 fix (5 epochs each, same data and seed; measured on the training samples):", output);
        Assert.Matches(@"LR_TOO_HIGH lower_learning_rate: loss \d+\.\d{4} → \d\.\d{4} \(−\d+\.\d %\), accuracy 0\.\d{3} → \d\.\d{3}: improved", output);
        Assert.Contains("Trial: loss ", output);   // under the fix in the ranked summary

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var trials = doc.RootElement.GetProperty("findings").EnumerateArray()
            .SelectMany(f => f.GetProperty("fixes").EnumerateArray().Select(x => (Code: f.GetProperty("code").GetString(), Fix: x)))
            .Where(p => p.Fix.TryGetProperty("trial", out _)).ToList();
        var (code, fix) = Assert.Single(trials);
        Assert.Equal("LR_TOO_HIGH", code);
        var trial = fix.GetProperty("trial");
        Assert.Equal("lowered the learning rate of Adam from 5.0 to 0.5", trial.GetProperty("change").GetString());
        Assert.Equal("training", trial.GetProperty("measured_on").GetString());
        Assert.Equal(5, trial.GetProperty("epochs").GetInt32());
        Assert.Equal("improved", trial.GetProperty("outcome").GetString());
        double before = trial.GetProperty("loss_before").GetDouble(), after = trial.GetProperty("loss_after").GetDouble();
        Assert.True(after < 0.5 * before, $"loss {before} → {after}");
        Assert.True(trial.GetProperty("metric_after").GetDouble() > trial.GetProperty("metric_before").GetDouble());
        File.Delete(json);
    }

    [Fact]
    public void Trial_fixes_must_not_be_negative()
    {
        var (exit, _, err) = CliRunner.Run("doctor", Repo.P("suite/cases/lr-too-high-adam/model.py"), "--data", "builtin:blobs", "--trial-fixes", "-1");
        Assert.Equal(2, exit);
        Assert.Contains("--trial-fixes must be 0 or more", err);
    }
}
