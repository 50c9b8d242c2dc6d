using Convergent.Diagnostics;
using Convergent.Reports.TensorBoard;

namespace Convergent.Reports.Tests.TensorBoard;

public class TensorBoardTagsTests
{
    [Theory]
    [InlineData("loss", false, "epoch_loss")]
    [InlineData("accuracy", false, "epoch_accuracy")]
    [InlineData("lr", false, "epoch_learning_rate")]
    [InlineData("val_loss", true, "epoch_loss")]
    [InlineData("val_accuracy", true, "epoch_accuracy")]
    [InlineData("val_mae", true, "epoch_mae")]
    [InlineData("seconds", false, "epoch_seconds")]
    public void Epoch_RecordColumn_IsKerasCallbackFolderAndTag(string column, bool validation, string tag)
    {
        Assert.Equal(validation, TensorBoardTags.IsValidation(column));
        Assert.Equal(tag, TensorBoardTags.Epoch(column));
    }

    [Fact]
    public void LayerStatistic_StatisticFirst_SoSectionsAreStatistics()
    {
        var layer = new LayerRecord("dense_1");
        Assert.Equal("gradient_norm/dense_1", TensorBoardTags.LayerStatistic(layer.Name, layer.GradientNorm));
        Assert.Equal("update_ratio/dense_1", TensorBoardTags.LayerStatistic(layer.Name, layer.UpdateRatio));
        Assert.Equal("activation/dense_1", TensorBoardTags.ActivationHistogram(layer.Name));
        Assert.Equal("output/max_probability", TensorBoardTags.Output(new OutputRecord().MaxProbability));
    }
}
