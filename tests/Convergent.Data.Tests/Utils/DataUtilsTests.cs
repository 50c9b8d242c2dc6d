using Convergent.Tensors;

namespace Convergent.Data.Tests;

public class DataUtilsTests
{
    [Fact]
    public void ToCategorical_Labels_GivesOneHotRows()
    {
        var t = DataUtils.ToCategorical([2, 0, 1]);
        Assert.Equal([3, 3], t.Shape.ToArray());
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f, 0f, 1f, 0f], t.ToFloatArray());
    }

    [Fact]
    public void ToCategorical_ColumnVectorWithNumClasses_DropsTrailingOneAxis()
    {
        var t = DataUtils.ToCategorical(Tensor.FromArray(new float[] { 1, 3 }, 2, 1), numClasses: 5);
        Assert.Equal([2, 5], t.Shape.ToArray());
        Assert.Equal([0f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 0f], t.ToFloatArray());
    }

    [Fact]
    public void ToCategorical_LabelOutOfRangeOrFractional_Throws()
    {
        Assert.Throws<ArgumentException>(() => DataUtils.ToCategorical([3], numClasses: 3));
        Assert.Throws<ArgumentException>(() => DataUtils.ToCategorical(Tensor.FromArray(new float[] { 0.5f }, 1)));
        Assert.Throws<ArgumentException>(() => DataUtils.ToCategorical([-1]));
    }
}
