using Convergent.Tensors;

namespace Convergent.Nn.Tests.Callbacks;

public class TerminateOnNaNTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TerminateOnNaN_InvalidBatchLoss_StopsAndPrintsKerasLine(double loss)
    {
        var model = TinyModel.Create();
        var cb = new TerminateOnNaN();
        cb.SetModel(model);
        cb.OnTrainBatchEnd(3, TinyModel.Logs(("loss", loss)));
        Assert.True(model.StopTraining);
        Assert.Equal("Batch 3: Invalid loss, terminating training" + Environment.NewLine, TinyModel.OutputOf(model));
    }

    [Fact]
    public void TerminateOnNaN_FiniteLoss_DoesNothing()
    {
        var model = TinyModel.Create();
        var cb = new TerminateOnNaN();
        cb.SetModel(model);
        cb.OnTrainBatchEnd(0, TinyModel.Logs(("loss", 1e30)));
        Assert.False(model.StopTraining);
    }

    [Fact]
    public void TerminateOnNaN_RaiseError_Throws()
    {
        var cb = new TerminateOnNaN(raiseError: true);
        cb.SetModel(TinyModel.Create());
        var ex = Assert.Throws<InvalidOperationException>(() => cb.OnTrainBatchEnd(2, TinyModel.Logs(("loss", double.NaN))));
        Assert.Contains("batch 2", ex.Message);
    }

    [Fact]
    public void TerminateOnNaN_InFitWithNaNInput_StopsAfterFirstBatch()
    {
        var model = TinyModel.Create();
        var x = TinyModel.X;
        x[0] = double.NaN;
        int batches = 0;
        var history = model.Fit(x, TinyModel.Y, batchSize: 2, epochs: 5, verbose: 0, shuffle: false,
            callbacks: [new TerminateOnNaN(), new LambdaCallback(onTrainBatchEnd: (_, _) => batches++)]);
        Assert.Single(history.Epochs);
        Assert.Equal(1, batches);
        Assert.Contains("Batch 0: Invalid loss, terminating training", TinyModel.OutputOf(model));
    }
}
