namespace Convergent.Cli.Tests;

[Collection("cli")]
public sealed class DoctorCommandTests
{
    private static readonly string Story5 = Repo.P("examples/05-two-curves/model.py");

    [Fact]
    public void Story5_run_writes_the_report_with_the_contract_fields()
    {
        string json = Path.GetTempFileName();
        var (exit, output, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "5", "--json", json);
        Assert.True(exit == 0, err);
        Assert.Contains("Epoch 1/5", output);
        Assert.Contains("VALIDATION_SPLIT_UNREPRESENTATIVE", output);
        Assert.Contains("Import notes", output);
        var r = Repo.Json(json);
        Assert.Equal("convergent.report/1", r.GetProperty("schema").GetString());
        Assert.Equal(Story5, r.GetProperty("model").GetProperty("source").GetString());
        Assert.Equal(5, r.GetProperty("training").GetProperty("epochs").GetArrayLength());
        Assert.Equal("completed", r.GetProperty("training").GetProperty("stopped").GetString());
        Assert.Equal(8, r.GetProperty("training").GetProperty("batch_size").GetInt32());
        Assert.Contains("VALIDATION_SPLIT_UNREPRESENTATIVE", Repo.Codes(r));
    }

    [Fact]
    public void Overrides_and_quiet()
    {
        string json = Path.GetTempFileName();
        var (exit, output, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "2", "--batch-size", "64",
            "--optimizer", "adam", "--lr", "0.005", "--validation-split", "0", "--quiet", "--json", json);
        Assert.True(exit == 0, err);
        Assert.DoesNotContain("Epoch 1/2", output);
        var t = Repo.Json(json).GetProperty("training");
        Assert.Equal(64, t.GetProperty("batch_size").GetInt32());
        Assert.Equal(0.005, t.GetProperty("learning_rate").GetDouble(), 6);
    }

    [Fact]
    public void Max_seconds_stops_on_the_time_budget()
    {
        string json = Path.GetTempFileName();
        var (exit, _, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "100000", "--max-seconds", "1", "--quiet", "--json", json);
        Assert.True(exit == 0, err);
        Assert.Equal("time_budget", Repo.Json(json).GetProperty("training").GetProperty("stopped").GetString());
    }

    [Fact]
    public void Fail_on_warning_exits_3()
    {
        var (exit, _, _) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "2", "--quiet", "--fail-on", "warning");
        Assert.Equal(3, exit);
    }

    [Fact]
    public void Missing_model_file_exits_2_with_one_message()
    {
        var (exit, _, err) = CliRunner.Run("doctor", "no/such/model.py", "--data", "builtin:xor");
        Assert.Equal(2, exit);
        Assert.Contains("no/such/model.py", err);
        Assert.DoesNotContain(" at ", err);
    }

    [Fact]
    public void Unsupported_layer_exits_2_with_file_line_column()
    {
        string py = Path.Combine(Path.GetTempPath(), "convergent-bad-layer.py");
        File.WriteAllText(py, "from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential()\nmodel.add(Frobnicate(3, input_shape=(2,)))\nmodel.compile(loss='mse', optimizer='sgd')\n");
        var (exit, _, err) = CliRunner.Run("doctor", py, "--data", "builtin:xor");
        Assert.Equal(2, exit);
        Assert.Contains("convergent-bad-layer.py:4:", err);
        Assert.DoesNotContain(" at Convergent", err);
    }

    [Fact]
    public void Shape_mismatch_and_bad_data_exit_2()
    {
        var (exit, _, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:iris");
        Assert.Equal(2, exit);
        Assert.Contains("expects input shape", err);
        (exit, _, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:nope");
        Assert.Equal(2, exit);
        (exit, _, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--optimizer", "frob");
        Assert.Equal(2, exit);
        Assert.Contains("--optimizer", err);
    }

    [Fact]
    public void Integer_labels_to_a_one_hot_loss_are_reported_not_thrown()
    {
        var (exit, output, err) = CliRunner.Run("doctor", Repo.P("suite/cases/integer-labels-categorical/model.py"), "--data", "builtin:iris", "--epochs", "1", "--quiet");
        Assert.True(exit == 0, err);
        Assert.Contains("LABEL_ENCODING_MISMATCH", output);
    }
}
