using Convergent.Diagnostics.Logs;

namespace Convergent.Diagnostics.Tests;

public class KerasLogTests
{
    [Fact]
    public void Keras1Log_Cifar_Reads50EpochsWithNormalizedNames()
    {
        var r = KerasLog.Read(Fixture.Log("cifar10-plateau-keras1.log"));
        Assert.Equal(50, r.Epochs.Count);
        Assert.Equal(Enumerable.Range(1, 50), r.Epochs.Numbers);
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy", "seconds"], r.Epochs.Names);
        Assert.Equal(2.1453, r.Epochs.Loss[0]);
        Assert.Equal(0.2010, r.Epochs.Accuracy[0]);
        Assert.Equal(1.4024, r.Epochs.ValLoss[35]);
        Assert.Equal(0.6039, r.Epochs.ValAccuracy[49]);
        Assert.Equal(22, r.Epochs.Seconds[0]);
        Assert.Equal(192, r.Epochs.Seconds[14]);
        Assert.Equal(50, r.Training.PlannedEpochs);
        Assert.Equal(44100, r.Data!.TrainSamples);
        Assert.Equal(4900, r.Data.ValSamples);
    }

    [Fact]
    public void CsvLogger_Cifar_MatchesTheConsoleLog()
    {
        var csv = KerasLog.Read(Fixture.Log("cifar10-plateau.csv"));
        var log = KerasLog.Read(Fixture.Log("cifar10-plateau-keras1.log"));
        Assert.Equal(LogFormat.Csv, KerasLog.Detect(File.ReadAllText(Fixture.Log("cifar10-plateau.csv"))));
        Assert.Equal(log.Epochs.Numbers, csv.Epochs.Numbers);   // CSVLogger's 0-based epochs become 1-based
        Assert.Equal(log.Epochs.Loss, csv.Epochs.Loss);
        Assert.Equal(log.Epochs.ValAccuracy, csv.Epochs.ValAccuracy);
    }

    [Fact]
    public void Keras0Log_Stuck_ReadsFourEpochs()
    {
        var r = KerasLog.Read(Fixture.Log("stuck-constant-loss-keras0.log"));
        Assert.Equal(4, r.Epochs.Count);
        Assert.Equal([10.4525, 11.4543, 11.4543, 11.4543], r.Epochs.Loss);
        Assert.Equal([0.4903, 0.4473, 0.4473, 0.4473], r.Epochs.Accuracy);
        Assert.Equal([259.0, 269, 251, 252], r.Epochs.Seconds);
    }

    [Fact]
    public void Keras3Log_WithProgressFragmentsAndAnsi_TakesTheClosingLine()
    {
        string esc = "\u001b";
        string text =
            "2024-01-01 12:00:00.000000: I tensorflow/core/platform/cpu_feature_guard.cc:182] noise\n" +
            "Epoch 1/2\n" +
            $"\r   1/1563 {esc}[32m━━━━━━━━━━━━━━━━━━━━{esc}[0m 5:23 207ms/step - accuracy: 0.0938 - loss: 2.3264" +
            $"\r1563/1563 {esc}[32m━━━━━━━━━━━━━━━━━━━━{esc}[0m {esc}[1m12s{esc}[0m 7ms/step - accuracy: 0.3500 - loss: 1.7590 - val_accuracy: 0.4542 - val_loss: 1.5011 - learning_rate: 0.0010\n" +
            "Epoch 2/2\n" +
            "1563/1563 ━━━━━━━━━━━━━━━━━━━━ 9s 6ms/step - accuracy: 0.5000 - loss: 1.4000 - val_accuracy: 0.5200 - val_loss: 1.3500\n" +
            "313/313 ━━━━━━━━━━━━━━━━━━━━ 1s 2ms/step - accuracy: 0.5100 - loss: 1.3600\n";
        var r = KerasLog.Parse(text, "k3.log");
        Assert.Equal(2, r.Epochs.Count);
        Assert.Equal([1.7590, 1.4000], r.Epochs.Loss);
        Assert.Equal([0.3500, 0.5000], r.Epochs.Accuracy);
        Assert.Equal([1.5011, 1.3500], r.Epochs.ValLoss);
        Assert.Equal(0.001, r.Epochs.Lr[0]);
        Assert.Equal([12.0, 9], r.Epochs.Seconds);
    }

    [Fact]
    public void Keras2Log_WithBackspacesAndPerStepTime_ParsesFinalLine()
    {
        string text =
            "Epoch 1/3\n" +
            "  32/1000 [>.............................] - ETA: 3s - loss: 0.6931 - acc: 0.5000\b\b\b\b\b\b\b\b\b\b" +
            " 512/1000 [==============>...............] - ETA: 1s - loss: 0.6000 - acc: 0.6000\b\b\b\b" +
            "1000/1000 [==============================] - 2s 2ms/step - loss: 0.5500 - acc: 0.7000 - val_loss: 0.5000 - val_acc: 0.7500\n" +
            "Epoch 2/3\n" +
            " - 1s - loss: 0.4000 - acc: 0.8000 - val_loss: 0.4500 - val_acc: 0.7800\n" +
            "Epoch 3/3\n" +
            " - 1s - loss: nan - acc: 0.1000 - val_loss: nan - val_acc: 0.1000\n";
        var r = KerasLog.Parse(text, "k2.log");
        Assert.Equal(3, r.Epochs.Count);
        Assert.Equal(0.5500, r.Epochs.Loss[0]);
        Assert.Equal(0.7500, r.Epochs.ValAccuracy[0]);
        Assert.Equal(2, r.Epochs.Seconds[0]);
        Assert.True(double.IsNaN(r.Epochs.Loss[2]));
        Assert.Equal(StopReason.Nan, r.Training.Stopped);
    }

    [Fact]
    public void Keras2Log_CallbackMessages_AreNotEpochs_AndEarlyStoppingIsRead()
    {
        string text =
            "Using TensorFlow backend.\n" +
            "Epoch 1/100\n - 3s - loss: 0.9000 - acc: 0.6000 - val_loss: 0.8000 - val_acc: 0.6500\n" +
            "Epoch 00001: val_loss improved from inf to 0.80000, saving model to best.h5\n" +
            "Epoch 2/100\n - 3s - loss: 0.7000 - acc: 0.7000 - val_loss: 0.8500 - val_acc: 0.6400\n" +
            "Epoch 00002: ReduceLROnPlateau reducing learning rate to 0.00010000000474974513.\n" +
            "Epoch 00002: early stopping\n";
        var r = KerasLog.Parse(text, "k2.log");
        Assert.Equal([1, 2], r.Epochs.Numbers);
        Assert.Equal([0.8, 0.85], r.Epochs.ValLoss);
        Assert.Equal(StopReason.EarlyStopping, r.Training.Stopped);
        Assert.Equal(100, r.Training.PlannedEpochs);
    }

    [Fact]
    public void Diagnose_ReadsAndDiagnoses()
    {
        var (record, diagnosis) = KerasLog.Diagnose(Fixture.Log("stuck-constant-loss-keras0.log"));
        Assert.Equal(4, record.Epochs.Count);
        Assert.Equal(Verdict.NotLearning, diagnosis.Verdict);
    }

    [Fact]
    public void ConsoleLog_TruncatedLastEpoch_IsDropped_AndRestartKeepsLastRun()
    {
        string text =
            "Epoch 1/5\n - 1s - loss: 0.9\nEpoch 2/5\n - 1s - loss: 0.8\n" +
            "Epoch 1/2\n - 1s - loss: 0.7\nEpoch 2/2\n  10/100 [==>...] - ETA: 3s - loss: 0.65\n";
        var r = KerasLog.Parse(text, "x.log");
        Assert.Equal([0.7], r.Epochs.Loss);
    }

    [Fact]
    public void ConsoleLog_EpochWithoutMetrics_NamesFileAndLine()
    {
        string text = "Epoch 1/3\n - 1s - loss: 0.9\nEpoch 2/3\nsomething else\nEpoch 3/3\n - 1s - loss: 0.7\n";
        var e = Assert.Throws<LogFormatException>(() => KerasLog.Parse(text, "broken.log"));
        Assert.Equal("broken.log", e.File);
        Assert.Equal(3, e.Line);
        Assert.StartsWith("broken.log:3: ", e.Message);
    }

    [Fact]
    public void ConsoleLog_NotALog_NamesFirstLine()
    {
        var e = Assert.Throws<LogFormatException>(() => KerasLog.Parse("\n\nhello world\nno metrics here\n", "readme.txt"));
        Assert.Equal(3, e.Line);
        Assert.Contains("not a Keras training log", e.Message);
    }

    [Fact]
    public void JsonHistory_WithPythonNaN_AndHistoryWrapper()
    {
        string text = "{\"history\": {\"loss\": [1.0, 0.5, NaN], \"acc\": [0.5, 0.7, 0.1], \"val_loss\": [1.1, 0.6, Infinity]}, \"epoch\": [0, 1, 2]}";
        var r = KerasLog.Parse(text, "h.json");
        Assert.Equal(3, r.Epochs.Count);
        Assert.Equal(0.7, r.Epochs.Accuracy[1]);
        Assert.True(double.IsNaN(r.Epochs.Loss[2]));
        Assert.True(double.IsPositiveInfinity(r.Epochs.ValLoss[2]));
    }

    [Fact]
    public void JsonHistory_UnequalLengths_NamesKeyLine()
    {
        string text = "{\n  \"loss\": [1.0, 0.5],\n  \"val_loss\": [1.1]\n}";
        var e = Assert.Throws<LogFormatException>(() => KerasLog.Parse(text, "h.json"));
        Assert.Equal(3, e.Line);
        Assert.Contains("val_loss", e.Message);
    }

    [Fact]
    public void JsonHistory_Malformed_NamesLine()
    {
        var e = Assert.Throws<LogFormatException>(() => KerasLog.Parse("{\n\"loss\": [1.0,\n oops]\n}", "bad.json"));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Csv_BadCell_NamesLineAndColumn()
    {
        var e = Assert.Throws<LogFormatException>(() => KerasLog.Parse("epoch,loss,val_loss\n0,0.9,1.0\n1,abc,0.9\n", "t.csv"));
        Assert.Equal(3, e.Line);
        Assert.Contains("'loss'", e.Message);
    }

    [Fact]
    public void Csv_WrongColumnCount_NamesLine()
    {
        var e = Assert.Throws<LogFormatException>(() => KerasLog.Parse("epoch,loss\n0,0.9\n1,0.8,7\n", "t.csv"));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Read_MissingFile_NamesFile()
    {
        var e = Assert.Throws<LogFormatException>(() => KerasLog.Read("/nonexistent/x.log"));
        Assert.Equal("/nonexistent/x.log", e.File);
    }
}
