namespace Convergent.Nn.Tests.Callbacks;

public class EarlyStoppingTests
{
    /// <summary>Runs the callback over a sequence of monitored values as Fit would; returns the epochs run.
    /// Before each epoch's end the weights are set to the epoch index, so restored weights tell which epoch they are.</summary>
    private static int Drive(EarlyStopping es, Model model, string key, params double[] values)
    {
        es.SetModel(model);
        es.OnTrainBegin();
        int epochs = 0;
        for (int e = 0; e < values.Length && !model.StopTraining; e++)
        {
            TinyModel.SetAll(model, e);
            es.OnEpochEnd(e, TinyModel.Logs((key, values[e])));
            epochs++;
        }
        es.OnTrainEnd(new Logs());
        return epochs;
    }

    [Fact]
    public void EarlyStopping_NoImprovementForPatienceEpochs_StopsThere()
    {
        var model = TinyModel.Create();
        var es = new EarlyStopping(patience: 2);
        // best 0.8 at epoch 1; epochs 2 and 3 do not improve → stop at epoch 3
        Assert.Equal(4, Drive(es, model, "val_loss", 1.0, 0.8, 0.9, 0.85, 0.7));
        Assert.Equal(3, es.StoppedEpoch);
        Assert.Equal(0.8, es.Best);
    }

    [Fact]
    public void EarlyStopping_PatienceZero_StopsAtFirstNonImprovementAfterEpochZero()
    {
        var model = TinyModel.Create();
        var es = new EarlyStopping(monitor: "loss");
        Assert.Equal(3, Drive(es, model, "loss", 3, 2, 2.5, 1));
        Assert.Equal(2, es.StoppedEpoch);
    }

    [Fact]
    public void EarlyStopping_ImprovementSmallerThanMinDelta_DoesNotCount()
    {
        var model = TinyModel.Create();
        var es = new EarlyStopping(minDelta: 0.1, patience: 1);
        Assert.Equal(2, Drive(es, model, "val_loss", 1.0, 0.95, 0.5));
        Assert.Equal(1, es.StoppedEpoch);
    }

    [Fact]
    public void EarlyStopping_RestoreBestWeights_RestoresBestEpochAtStop()
    {
        var model = TinyModel.Create();
        var es = new EarlyStopping(patience: 2, restoreBestWeights: true);
        Drive(es, model, "val_loss", 1.0, 0.5, 0.9, 0.8, 0.1);
        Assert.Equal(1, es.BestEpoch);
        Assert.Equal(1.0, TinyModel.Fingerprint(model));         // weights of epoch 1, not epoch 3
    }

    [Fact]
    public void EarlyStopping_RestoreBestWeightsWithoutStopping_RestoresAtTrainEnd()
    {
        // Keras 3 restores in on_train_end whenever best weights exist, stopped or not
        var model = TinyModel.Create();
        var es = new EarlyStopping(patience: 5, restoreBestWeights: true);
        Assert.Equal(3, Drive(es, model, "val_loss", 1.0, 0.5, 0.7));
        Assert.Equal(0, es.StoppedEpoch);
        Assert.Equal(1.0, TinyModel.Fingerprint(model));
    }

    [Fact]
    public void EarlyStopping_AccuracyInAutoMode_IsMaximized()
    {
        var model = TinyModel.Create();
        var es = new EarlyStopping(monitor: "val_acc", patience: 1);
        Assert.Equal(4, Drive(es, model, "val_acc", 0.5, 0.6, 0.7, 0.65, 0.9));
        Assert.Equal(3, es.StoppedEpoch);
    }

    [Fact]
    public void EarlyStopping_CompiledMetricDirection_DecidesAutoMode()
    {
        // "mean_squared_error" has no acc/auc in its name; the compiled metric says lower is better
        var model = TinyModel.Create(metrics: new MeanSquaredErrorMetric());
        var es = new EarlyStopping(monitor: "val_mean_squared_error", patience: 1);
        Assert.Equal(3, Drive(es, model, "val_mean_squared_error", 0.5, 0.4, 0.45, 0.1));
    }

    [Fact]
    public void EarlyStopping_Baseline_ImprovementsThatMissItDoNotResetWait()
    {
        // baseline 0.5 is never beaten: improvements update the best but the wait keeps counting;
        // the first non-improving epoch (3) finds wait 4 ≥ patience 2 and stops
        var model = TinyModel.Create();
        var es = new EarlyStopping(patience: 2, baseline: 0.5);
        Assert.Equal(4, Drive(es, model, "val_loss", 0.9, 0.8, 0.7, 0.75, 0.6));
        Assert.Equal(3, es.StoppedEpoch);
    }

    [Fact]
    public void EarlyStopping_StartFromEpoch_IgnoresEarlierEpochs()
    {
        var model = TinyModel.Create();
        var es = new EarlyStopping(patience: 0, startFromEpoch: 2);
        // epochs 0–1 ignored (values rising would otherwise stop at epoch 1)
        Assert.Equal(4, Drive(es, model, "val_loss", 1, 2, 3, 4, 5));
        Assert.Equal(3, es.StoppedEpoch);
    }

    [Fact]
    public void EarlyStopping_InFit_EndsTrainingAndPrintsWhenVerbose()
    {
        var model = TinyModel.Create();
        // min_delta so large that no epoch after the first improves: stops at epoch 1
        var es = new EarlyStopping(monitor: "loss", minDelta: 1e9, verbose: 1);
        var history = model.Fit(TinyModel.X, TinyModel.Y, batchSize: 2, epochs: 10, verbose: 0, callbacks: [es], shuffle: false);
        Assert.Equal([0, 1], history.Epochs);
        Assert.Contains("Epoch 2: early stopping", TinyModel.OutputOf(model));
    }
}
