namespace Convergent.Cli.Tests;

[Collection("cli")]
public sealed class FixScriptTests
{
    private static readonly string Story5 = Repo.P("examples/05-two-curves/model.py");

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "convergent-fix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Fix_script_writes_the_fixed_keras3_script_and_its_diff()
    {
        string dir = TempDir();
        string py = Path.Combine(dir, "fixed.py");
        // --lr 5 makes the learning rate the top-ranked problem, so a fix that changes the model's training applies
        var (exit, output, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "3", "--lr", "5", "--quiet",
            "--fix-script", py);

        Assert.True(exit == 0, err);
        Assert.Matches(@"Fix applied: [A-Z_]+ lower_learning_rate — lowered the learning rate of SGD from 5\.0 to 0\.5", output);
        Assert.Contains($"Keras 3 script written to {py}, diff to {py}.diff", output);
        string code = File.ReadAllText(py);
        Assert.StartsWith("import keras\n", code);
        Assert.Contains("optimizer=keras.optimizers.SGD(learning_rate=0.5)", code);
        string diff = File.ReadAllText(py + ".diff");
        Assert.StartsWith("# " + Story5 + ": the fix ", diff);
        Assert.Contains("not against the original script", diff);
        Assert.Contains("\n@@ -", diff);
        Assert.Contains("\n-    optimizer=keras.optimizers.SGD(learning_rate=5.0),\n+    optimizer=keras.optimizers.SGD(learning_rate=0.5),\n", diff);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void Fix_script_with_only_data_fixes_writes_nothing_and_says_why()
    {
        string dir = TempDir();
        string py = Path.Combine(dir, "fixed.py");
        var (exit, output, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "3", "--quiet", "--fix-script", py);

        Assert.True(exit == 0, err);
        Assert.Contains("No fix could be written into the model", output);
        Assert.Contains("VALIDATION_SPLIT_UNREPRESENTATIVE shuffle_before_split", output);
        Assert.False(File.Exists(py));
    }
}
