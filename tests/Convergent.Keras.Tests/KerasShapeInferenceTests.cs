using Convergent.Keras.Tests.Support;

namespace Convergent.Keras.Tests;

/// <summary>Output shapes and parameter counts derived by hand: conv weights = kh·kw·C_in·filters + filters,
/// dense = in·units + units, valid size = ⌊(n − k)/s⌋ + 1, same size = ⌈n/s⌉, BatchNormalization = 4·C.</summary>
public class KerasShapeInferenceTests
{
    private static string Shapes(IReadOnlyList<LayerShape> shapes) => string.Join(" | ", shapes.Select(s => s.ToString()));

    [Fact]
    public void Story1LeNet_ShapesAndParameters()
    {
        var shapes = KerasShapeInference.Infer(CorpusFiles.Read("story1_book_covers_lenet.py"), "channels_last");

        Assert.Equal(
            "Conv2D (None, 70, 52, 32) 2432 | Activation (None, 70, 52, 32) 0 | MaxPooling2D (None, 35, 26, 32) 0 | " +
            "Conv2D (None, 35, 26, 64) 51264 | Activation (None, 35, 26, 64) 0 | MaxPooling2D (None, 17, 13, 64) 0 | " +
            "Flatten (None, 14144) 0 | Dense (None, 512) 7242240 | Activation (None, 512) 0 | Dense (None, 2) 1026 | Activation (None, 2) 0",
            Shapes(shapes));
        Assert.Equal(7_296_962, shapes.Sum(s => s.Parameters));
    }

    [Fact]
    public void Story2_ChannelsFirst_ConvCollapsesImageToOnePixelWithFiveMillionWeights()
    {
        var shapes = KerasShapeInference.Infer(CorpusFiles.Read("story2_kernel_as_large_as_image.py"), "channels_first");

        Assert.Equal([32, 1, 1], shapes[0].OutputShape.Select(d => d!.Value));
        Assert.Equal(400L * 400 * 1 * 32 + 32, shapes[0].Parameters);
        Assert.Equal([32], shapes[2].OutputShape.Select(d => d!.Value));
        Assert.Equal(32 * 25 + 25, shapes[3].Parameters);
        Assert.Equal(5_120_909, shapes.Sum(s => s.Parameters));
    }

    [Fact]
    public void Story2_ChannelsLast_KernelDoesNotFit()
    {
        var e = Assert.Throws<KerasImportException>(() =>
            KerasShapeInference.Infer(CorpusFiles.Read("story2_kernel_as_large_as_image.py"), "channels_last"));

        Assert.Equal(15, e.Line);
        Assert.Equal("Conv2D: window of 400 does not fit an input of size 1 with padding 'valid' (read as channels_last)", e.Reason);
    }

    [Fact]
    public void Story3Cifar10_TotalParameters()
    {
        var shapes = KerasShapeInference.Infer(CorpusFiles.Read("story3_cifar10_dropout_maxnorm.py"));

        Assert.Equal([896, 9248, 18496, 36928, 73856, 147584], shapes.Where(s => s.Layer.ClassName == "Conv2D").Select(s => s.Parameters));
        Assert.Equal([4, 4, 128], shapes[11].OutputShape.Select(d => d!.Value));
        Assert.Equal([2048], shapes[12].OutputShape.Select(d => d!.Value));
        Assert.Equal(2_915_114, shapes.Sum(s => s.Parameters));
    }

    [Fact]
    public void Story3BatchNorm_MovingStatisticsNotTrainable()
    {
        var shapes = KerasShapeInference.Infer(CorpusFiles.Read("story3_cifar10_batchnorm.py"));

        var firstBn = shapes.First(s => s.Layer.ClassName == "BatchNormalization");
        Assert.Equal(4 * 32, firstBn.Parameters);
        Assert.Equal(2 * 32, firstBn.TrainableParameters);
        Assert.Equal(4 * 1024, shapes.Where(s => s.Layer.ClassName == "BatchNormalization").ElementAt(3).Parameters);
    }

    [Fact]
    public void Story5TanhMlp_EightyTwoWeights()
    {
        var shapes = KerasShapeInference.Infer(CorpusFiles.Read("story5_tanh_mlp_two_curves.py"));

        Assert.Equal([12, 20, 20, 20, 10], shapes.Select(s => s.Parameters));
    }

    [Fact]
    public void Keras3MnistConvnet_MatchesKerasIoSummary()
    {
        var shapes = KerasShapeInference.Infer(CorpusFiles.Read("keras3_mnist_convnet.py"));

        Assert.Equal(
            "Conv2D (None, 26, 26, 32) 320 | MaxPooling2D (None, 13, 13, 32) 0 | Conv2D (None, 11, 11, 64) 18496 | " +
            "MaxPooling2D (None, 5, 5, 64) 0 | Flatten (None, 1600) 0 | Dropout (None, 1600) 0 | Dense (None, 10) 16010",
            Shapes(shapes));
    }

    [Fact]
    public void Conv1DCausalAndStrides_AndReshape()
    {
        var shapes = KerasShapeInference.Infer(CorpusFiles.Read("timeseries_conv1d_regression.py"));

        Assert.Equal(
            "Reshape (None, 48, 1) 0 | Conv1D (None, 48, 32) 192 | Conv1D (None, 22, 32) 5152 | AveragePooling1D (None, 11, 32) 0 | " +
            "Flatten (None, 352) 0 | Dense (None, 1) 353",
            Shapes(shapes));
    }

    [Fact]
    public void PaddingDilationAndGlobalPooling_Shapes()
    {
        var shapes = KerasShapeInference.Infer(CorpusFiles.Read("advanced_activations.py"));

        Assert.Equal([50, 50, 1], shapes[0].OutputShape.Select(d => d!.Value));
        Assert.Equal([48, 48, 32], shapes[1].OutputShape.Select(d => d!.Value));
        Assert.Equal([49, 49, 32], shapes[3].OutputShape.Select(d => d!.Value));
        Assert.Equal([24, 24, 64], shapes[4].OutputShape.Select(d => d!.Value));
        Assert.Equal([12, 12, 64], shapes[6].OutputShape.Select(d => d!.Value));
        Assert.Equal([8, 8, 128], shapes[7].OutputShape.Select(d => d!.Value));
        Assert.Equal([128], shapes[9].OutputShape.Select(d => d!.Value));
    }

    [Fact]
    public void UnknownInputShape_Error()
    {
        var spec = KerasScriptReader.Read("from keras.models import Sequential\nfrom keras.layers import Dense\nm = Sequential([Dense(3)])\n");

        var e = Assert.Throws<KerasImportException>(() => KerasShapeInference.Infer(spec));

        Assert.Equal("the input shape is not known", e.Reason);
    }
}
