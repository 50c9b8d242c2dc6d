namespace Convergent.Cli.Tests;

/// <summary>One test per user-story example under examples/ (fewer epochs than the READMEs where the run is long).</summary>
[Collection("cli")]
public sealed class ExamplesTests
{
    private static (string[] All, string[] Top) Doctor(string example, string data, params string[] extra)
    {
        string json = Path.GetTempFileName();
        var (exit, _, err) = CliRunner.Run(["doctor", Repo.P($"examples/{example}/model.py"), "--data", data, "--quiet", "--deterministic", "--json", json, .. extra]);
        Assert.True(exit == 0, err);
        var r = Repo.Json(json);
        return (Repo.Codes(r), Repo.Codes(r, true).Distinct().Take(3).ToArray());
    }

    [Fact]
    public void Story1_book_covers_raw_pixels()
    {
        // the full run (README) takes ~30-60 s on 2 cores; the test runs the before-training checks on the same data
        string json = Path.GetTempFileName();
        var (exit, _, err) = CliRunner.Run("check", Repo.P("examples/01-book-covers/model.py"), "--data", "builtin:book-covers", "--json", json);
        Assert.True(exit == 0, err);
        Assert.Contains("INPUT_NOT_NORMALIZED", Repo.Codes(Repo.Json(json), true).Take(3));
    }

    [Fact]
    public void Story2_kernel_as_large_as_image()
    {
        var (all, top) = Doctor("02-kernel-as-large-as-image", "builtin:large-images", "--epochs", "4");
        Assert.Equal("SPATIAL_COLLAPSE", top[0]);
        Assert.Contains(all, c => c is "SATURATED_OUTPUT" or "CONSTANT_PREDICTION" or "UNCHANGED_WEIGHTS");
    }

    [Fact]
    public void Story3_cifar_overfitting_from_the_log_and_model_checks()
    {
        string json = Path.GetTempFileName();
        var (exit, output, err) = CliRunner.Run("logs", Path.Combine(AppContext.BaseDirectory, "Fixtures", "cifar10-plateau.csv"), "--json", json);
        Assert.True(exit == 0, err);
        var f = Repo.Json(json).GetProperty("findings").EnumerateArray().First(x => x.GetProperty("code").GetString() == "OVERFITTING");
        Assert.InRange(f.GetProperty("epoch").GetInt32(), 20, 40);
        (exit, _, err) = CliRunner.Run("check", Repo.P("examples/03-cifar-overfitting/model.py"), "--data", "builtin:cifar-shaped");
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void Story3_short_doctor_run_overfits_with_onset_gap_and_remedies()
    {
        // the README's command: the user's model and its 50 epochs on 300 CIFAR-shaped images (20 % label noise), 5 steps an epoch
        string json = Path.GetTempFileName();
        var (exit, _, err) = CliRunner.Run("doctor", Repo.P("examples/03-cifar-overfitting/model.py"), "--data", "builtin:cifar-shaped:300",
            "--quiet", "--deterministic", "--json", json);
        Assert.True(exit == 0, err);
        var r = Repo.Json(json);
        Assert.Contains("OVERFITTING", Repo.Codes(r, true).Distinct().Take(3));
        var f = r.GetProperty("findings").EnumerateArray().First(x => x.GetProperty("code").GetString() == "OVERFITTING");
        var ev = f.GetProperty("evidence");

        // the onset is the epoch of the run's lowest validation loss, read from the report's own epoch table
        var epochs = r.GetProperty("training").GetProperty("epochs").EnumerateArray().ToArray();
        Assert.Equal(50, epochs.Length);
        var best = epochs.MinBy(e => e.GetProperty("val_loss").GetDouble());
        int bestEpoch = best.GetProperty("epoch").GetInt32();
        Assert.Equal(bestEpoch, f.GetProperty("epoch").GetInt32());
        Assert.Equal(bestEpoch, ev.GetProperty("best_epoch").GetInt32());
        Assert.Equal(best.GetProperty("val_loss").GetDouble(), ev.GetProperty("best_val_loss").GetDouble(), 9);
        Assert.True(ev.GetProperty("epochs_after_best").GetInt32() >= 3);

        // the gap: validation loss above training loss at the end, and wider than at the onset
        double finalGap = ev.GetProperty("final_gap").GetDouble();
        var last = epochs[^1];
        Assert.Equal(last.GetProperty("val_loss").GetDouble() - last.GetProperty("loss").GetDouble(), finalGap, 9);
        Assert.True(finalGap > 0, $"final_gap={finalGap}");
        Assert.True(finalGap > ev.GetProperty("gap_at_best").GetDouble());

        // remedies: augmentation first for images, regularization, stopping at the best epoch
        var actions = f.GetProperty("fixes").EnumerateArray().Select(x => x.GetProperty("action").GetString()).ToList();
        Assert.Equal("data_augmentation", actions[0]);
        Assert.Contains("weight_decay", actions);
        Assert.Contains("more_dropout", actions);
        Assert.Contains("early_stopping", actions);
    }

    [Fact]
    public void Story4_learning_rate_far_too_low()
    {
        var (_, top) = Doctor("04-general-checklist", "builtin:blobs", "--epochs", "10");
        Assert.Contains("LR_TOO_LOW", top);
    }

    [Fact]
    public void Story5_two_curves_tail_split()
    {
        var (_, top) = Doctor("05-two-curves", "builtin:two-curves", "--epochs", "10");
        Assert.Contains("VALIDATION_SPLIT_UNREPRESENTATIVE", top);
    }
}
