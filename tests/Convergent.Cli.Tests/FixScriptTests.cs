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
    public void Fix_script_patches_the_users_script_and_writes_its_diff_and_the_keras3_export()
    {
        string dir = TempDir();
        string py = Path.Combine(dir, "fixed.py");
        // --lr 5 makes the learning rate the top-ranked problem, so a fix that changes the model's training applies
        var (exit, output, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "3", "--lr", "5", "--quiet",
            "--fix-script", py);

        Assert.True(exit == 0, err);
        Assert.Matches(@"Fix applied: [A-Z_]+ lower_learning_rate — lowered the learning rate of SGD from 5\.0 to 0\.5", output);
        string keras3 = Path.Combine(dir, "fixed.keras3.py");
        Assert.Contains($"Patched script written to {py} (model.py with the fix), its diff against model.py to {py}.diff "
            + $"(apply with patch -p1 in model.py's folder), the fixed model as Keras 3 code to {keras3}", output);
        Assert.Contains("note: the patch also writes the command-line overrides (--optimizer/--lr/--loss) into the script", output);
        // story 5 imports Keras the Keras 2 way and never writes lr=: the new keyword is Keras 2.3+'s, and the console says so
        Assert.Contains("note: learning_rate= is the name since Keras 2.3 (and in Keras 3); on Keras 2.0–2.2 write lr= instead", output);
        string original = File.ReadAllText(Story5);
        string patched = File.ReadAllText(py);
        Assert.Equal(original.Replace("optimizer=SGD()", "optimizer=SGD(learning_rate=0.5)"), patched);
        string diff = File.ReadAllText(py + ".diff");
        Assert.StartsWith("--- a/model.py\n+++ b/model.py\n@@ -18,7 +18,7 @@\n", diff);
        Assert.Contains("\n-model.compile(loss='categorical_crossentropy', optimizer=SGD(), metrics=['accuracy'])\n"
            + "+model.compile(loss='categorical_crossentropy', optimizer=SGD(learning_rate=0.5), metrics=['accuracy'])\n", diff);
        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith('-') || l.StartsWith('+')) - 2);
        // the patched script imports to the model the doctor fixed
        var optimizer = Keras.KerasScriptReader.ReadFile(py).Compile!.Optimizer!;
        Assert.Equal(("SGD", Keras.KerasValue.Of(0.5)), (optimizer.ClassName, optimizer.Config["learning_rate"]));
        Assert.Contains("optimizer=keras.optimizers.SGD(learning_rate=0.5)", File.ReadAllText(keras3));
        Assert.StartsWith("import keras\n", File.ReadAllText(keras3));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void Fix_script_that_cannot_be_written_into_the_script_falls_back_to_the_keras3_export_and_says_why()
    {
        string dir = TempDir();
        string model = Path.Combine(dir, "model.py");
        // the optimizer comes from a function of the script: the patcher will not guess its parameters
        File.WriteAllText(model, File.ReadAllText(Story5)
            .Replace("model = Sequential()\n", "def make_optimizer():\n    return SGD()\n\nmodel = Sequential()\n")
            .Replace("optimizer=SGD()", "optimizer=make_optimizer()"));
        string py = Path.Combine(dir, "fixed.py");
        var (exit, output, err) = CliRunner.Run("doctor", model, "--data", "builtin:two-curves", "--epochs", "3", "--lr", "5", "--quiet",
            "--fix-script", py);

        Assert.True(exit == 0, err);
        Assert.Contains($"The fix could not be written into model.py itself (the SGD is made by make_optimizer(...) at line 24; change it there by hand): "
            + $"the fixed model as Keras 3 code written to {py}, its diff against the exported model as imported to {py}.diff", output);
        Assert.StartsWith("import keras\n", File.ReadAllText(py));
        string diff = File.ReadAllText(py + ".diff");
        Assert.StartsWith("# " + model + ": the fix ", diff);
        Assert.Contains("could not be written into model.py itself (the SGD is made by make_optimizer(...) at line 24; change it there by hand)", diff.Split('\n')[0]);
        Assert.Contains("\n-    optimizer=keras.optimizers.SGD(learning_rate=5.0),\n+    optimizer=keras.optimizers.SGD(learning_rate=0.5),\n", diff);
        Assert.False(File.Exists(Path.Combine(dir, "fixed.keras3.py")));
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
