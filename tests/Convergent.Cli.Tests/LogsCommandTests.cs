using System.Text.Json;

namespace Convergent.Cli.Tests;

[Collection("cli")]
public class LogsCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void Logs_CifarPlateau_ReportsOverfittingWithOnsetNearValidationMinimum()
    {
        var json = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, output, err) = CliRunner.Run("logs", Fixture("cifar10-plateau-keras1.log"), "--json", json);
            Assert.True(exit == 0, err);
            Assert.Contains("OVERFITTING", output);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var root = doc.RootElement;
            Assert.Equal("convergent.report/1", root.GetProperty("schema").GetString());
            Assert.Equal("overfitting", root.GetProperty("verdict").GetString());
            var f = root.GetProperty("findings")[0];
            Assert.Equal("OVERFITTING", f.GetProperty("code").GetString());
            int epoch = f.GetProperty("epoch").GetInt32();
            Assert.InRange(epoch, 26, 36);
            Assert.Equal(50, root.GetProperty("training").GetProperty("epochs").GetArrayLength());
            Assert.True(f.GetProperty("fixes").GetArrayLength() >= 3);
        }
        finally { File.Delete(json); }
    }

    [Fact]
    public void Logs_StuckConstantLoss_ReportsNoLearningFamilyAndFailsOnError()
    {
        var (exit, output, _) = CliRunner.Run("logs", Fixture("stuck-constant-loss-keras0.log"), "--fail-on", "error");
        Assert.Equal(3, exit);
        Assert.Contains("SATURATED_OUTPUT", output);
        Assert.Contains("CONSTANT_PREDICTION", output);
        Assert.Contains("11.4543", output);
        Assert.Contains("0.4473", output);
    }

    [Fact]
    public void Logs_CsvLogger_SameDiagnosisAsConsoleLog()
    {
        var (exit, output, _) = CliRunner.Run("logs", Fixture("cifar10-plateau.csv"));
        Assert.Equal(0, exit);
        Assert.Contains("OVERFITTING", output);
    }

    [Fact]
    public void Logs_NotALog_ExitsTwoNamingFileAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"notalog-{Guid.NewGuid():N}.log");
        File.WriteAllText(path, "hello\nthis is not a training log\n");
        try
        {
            var (exit, _, err) = CliRunner.Run("logs", path);
            Assert.Equal(2, exit);
            Assert.Contains(Path.GetFileName(path), err);
            Assert.DoesNotContain("   at ", err);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Logs_MissingFile_ExitsTwo()
    {
        var (exit, _, err) = CliRunner.Run("logs", "/no/such/file.log");
        Assert.Equal(2, exit);
        Assert.Contains("/no/such/file.log", err);
    }
}
