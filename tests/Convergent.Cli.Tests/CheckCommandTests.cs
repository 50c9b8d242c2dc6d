namespace Convergent.Cli.Tests;

[Collection("cli")]
public sealed class CheckCommandTests
{
    [Fact]
    public void Check_with_data_finds_spatial_collapse_without_training()
    {
        string json = Path.GetTempFileName();
        var (exit, output, err) = CliRunner.Run("check", Repo.P("examples/02-kernel-as-large-as-image/model.py"), "--data", "builtin:large-images", "--json", json);
        Assert.True(exit == 0, err);
        Assert.Contains("Param #", output);
        var r = Repo.Json(json);
        Assert.Contains("SPATIAL_COLLAPSE", Repo.Codes(r));
        Assert.Equal(0, r.GetProperty("training").GetProperty("epochs").GetArrayLength());
    }

    [Fact]
    public void Check_without_data_runs_the_model_checks()
    {
        var (exit, output, err) = CliRunner.Run("check", Repo.P("examples/05-two-curves/model.py"));
        Assert.True(exit == 0, err);
        Assert.Contains("dense_4", output);
    }

    [Fact]
    public void Check_bad_json_exits_2()
    {
        string bad = Path.Combine(Path.GetTempPath(), "convergent-bad.json");
        File.WriteAllText(bad, "{\"class_name\": \"Sequential\", \"config\": ");
        var (exit, _, err) = CliRunner.Run("check", bad);
        Assert.Equal(2, exit);
        Assert.Contains("convergent-bad.json", err);
    }
}
