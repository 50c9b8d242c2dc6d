namespace Convergent.Nn.Tests.Callbacks;

public class LearningRateCallbackTests
{
    private static List<double> DrivePlateau(ReduceLROnPlateau cb, Model model, params double[] valLoss)
    {
        cb.SetModel(model);
        cb.OnTrainBegin();
        var rates = new List<double>();
        for (int e = 0; e < valLoss.Length; e++)
        {
            cb.OnEpochEnd(e, TinyModel.Logs(("val_loss", valLoss[e])));
            rates.Add(model.Optimizer!.LearningRate);
        }
        return rates;
    }

    [Fact]
    public void ReduceLROnPlateau_FlatLoss_HalvesEveryPatienceEpochs()
    {
        var model = TinyModel.Create(new SGD(0.1));
        var rates = DrivePlateau(new ReduceLROnPlateau(factor: 0.5, patience: 2), model, 1, 1, 1, 1, 1);
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], rates);
    }

    [Fact]
    public void ReduceLROnPlateau_Cooldown_ResetsWaitWhileCounting()
    {
        // epoch 2 reduces and starts a 1-epoch cooldown; epoch 3 spends it (wait reset, then counts 1); epoch 4 reduces
        var model = TinyModel.Create(new SGD(0.1));
        var cb = new ReduceLROnPlateau(factor: 0.5, patience: 2, cooldown: 1);
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], DrivePlateau(cb, model, 1, 1, 1, 1, 1));
        var longer = new ReduceLROnPlateau(factor: 0.5, patience: 2, cooldown: 2);
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.05, 0.025], DrivePlateau(longer, TinyModel.Create(new SGD(0.1)), 1, 1, 1, 1, 1, 1));
    }

    [Fact]
    public void ReduceLROnPlateau_ImprovementBelowMinDelta_CountsAsPlateau()
    {
        // default min_delta 1e-4: 0.99995 does not improve on 1.0
        var model = TinyModel.Create(new SGD(0.1));
        Assert.Equal([0.1, 0.010000000000000002], DrivePlateau(new ReduceLROnPlateau(patience: 1), model, 1.0, 0.99995));
    }

    [Fact]
    public void ReduceLROnPlateau_MinLr_FloorsTheRateAndStopsReducing()
    {
        var model = TinyModel.Create(new SGD(0.1));
        var cb = new ReduceLROnPlateau(factor: 0.1, patience: 1, minLr: 0.05, verbose: 1);
        Assert.Equal([0.1, 0.05, 0.05, 0.05], DrivePlateau(cb, model, 1, 1, 1, 1));
        Assert.Contains("Epoch 2: ReduceLROnPlateau reducing learning rate to 0.05.", TinyModel.OutputOf(model));
    }

    [Fact]
    public void ReduceLROnPlateau_WritesRateToLogs()
    {
        var model = TinyModel.Create(new SGD(0.3));
        var cb = new ReduceLROnPlateau();
        cb.SetModel(model);
        var logs = TinyModel.Logs(("val_loss", 1));
        cb.OnEpochEnd(0, logs);
        Assert.Equal(0.3, logs["learning_rate"]);
    }

    [Fact]
    public void ReduceLROnPlateau_OptimizerWithSchedule_ThrowsClearly()
    {
        var model = TinyModel.Create(new SGD(schedule: new ExponentialDecay(0.1, 10, 0.5)));
        var cb = new ReduceLROnPlateau();
        cb.SetModel(model);
        var ex = Assert.Throws<InvalidOperationException>(() => cb.OnEpochEnd(0, TinyModel.Logs(("val_loss", 1))));
        Assert.Contains("ExponentialDecay", ex.Message);
    }

    [Fact]
    public void ReduceLROnPlateau_FactorOne_Throws() => Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(factor: 1.0));

    [Fact]
    public void LearningRateScheduler_InFit_SetsRateEachEpochAndLogsIt()
    {
        var model = TinyModel.Create(new SGD(0.1));
        var rates = new List<double>();
        var history = model.Fit(TinyModel.X, TinyModel.Y, batchSize: 2, epochs: 3, verbose: 0, callbacks:
        [
            new LearningRateScheduler((epoch, lr) => epoch < 1 ? lr : lr * 0.5),
            new LambdaCallback(onTrainBatchBegin: _ => rates.Add(model.Optimizer!.CurrentLearningRate)),
        ]);
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025, 0.025], rates);
        Assert.Equal([0.1, 0.05, 0.025], history["learning_rate"]);
    }

    [Fact]
    public void LambdaCallback_InFit_SeesEveryHook()
    {
        var model = TinyModel.Create();
        var events = new List<string>();
        model.Fit(TinyModel.X, TinyModel.Y, batchSize: 2, epochs: 2, verbose: 0, shuffle: false, callbacks:
        [
            new LambdaCallback(
                onTrainBegin: () => events.Add("train"),
                onEpochBegin: e => events.Add($"e{e}"),
                onTrainBatchEnd: (b, _) => events.Add($"b{b}"),
                onEpochEnd: (e, logs) => events.Add($"/e{e}"),
                onTrainEnd: _ => events.Add("/train")),
        ]);
        Assert.Equal(["train", "e0", "b0", "b1", "/e0", "e1", "b0", "b1", "/e1", "/train"], events);
    }
}
