using System.IO.Compression;
using System.Text;

namespace Convergent.Keras.Tests.Json;

/// <summary>Keras JSON from each layout (Keras 1.2, 2.0, 2.2, tf.keras 2.4/2.6, Keras 3) and .keras archives.</summary>
public class KerasJsonReaderTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Json", "Fixtures", name));

    private static KerasModelSpec Read(string name) => KerasJsonReader.Read(Fixture(name), name);

    private static KerasImportException ReadError(string json) =>
        Assert.Throws<KerasImportException>(() => KerasJsonReader.Read(json, "model.json"));

    [Fact]
    public void Keras224_Sequential_LayersConfigsAndObjects()
    {
        var spec = Read("keras224_mnist_cnn.json");

        Assert.Equal(["Conv2D", "MaxPooling2D", "Dropout", "Flatten", "Dense"], spec.Layers.Select(l => l.ClassName));
        Assert.Equal("sequential_1", spec.Name);
        Assert.Equal("2.2.4", spec.KerasVersion);
        Assert.Equal(ModelSourceKind.KerasJson, spec.SourceKind);
        Assert.Equal([28, 28, 1], spec.InputShape!.Select(d => d!.Value));
        var conv = spec.Layers[0];
        Assert.Equal("conv2d_1", conv.Name);
        Assert.Equal(KerasValue.Tuple(3, 3), conv.Config["kernel_size"]);
        Assert.Equal(KerasValue.Tuple(1, 1), conv.Config["strides"]);
        var init = Assert.IsType<KerasObjectSpec>(conv.Config["kernel_initializer"]);
        Assert.Equal("VarianceScaling", init.ClassName);
        Assert.Equal(KerasValue.Of("fan_avg"), init.Config["mode"]);
        Assert.Equal(KerasValue.None, conv.Config["kernel_regularizer"]);
        Assert.Equal("$.config.layers[0]", conv.Source.JsonPath);
        var dense = spec.Layers[4].Config;
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Regularizer, "L1L2",
            KerasConfig.Of(("l1", KerasValue.Of(0.0)), ("l2", KerasValue.Of(0.009999999776482582)))), dense["kernel_regularizer"]);
        Assert.Equal(KerasValue.Of(3.0), ((KerasObjectSpec)dense["kernel_constraint"]).Config["max_value"]);
        Assert.Equal("channels_last", spec.ImageDataFormat.Format);
        Assert.Equal("data_format='channels_last' on Conv2D at keras224_mnist_cnn.json: $.config.layers[0]", spec.ImageDataFormat.Origin);
        Assert.Null(spec.Compile);
        Assert.Empty(spec.Warnings);
    }

    [Fact]
    public void Keras20_BareLayerList_Read()
    {
        var spec = Read("keras20_bare_list.json");

        Assert.Null(spec.Name);
        Assert.Equal(["Dense", "Dropout", "Dense"], spec.Layers.Select(l => l.ClassName));
        Assert.Equal([784], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(KerasValue.Of(0.2), spec.Layers[1].Config["rate"]);
    }

    [Fact]
    public void Keras122_Keras1Names_NormalizedLikeScripts()
    {
        var spec = Read("keras122_theano.json");

        Assert.True(spec.UsesKeras1Spelling);
        var conv = spec.Layers[0].Config;
        Assert.Equal(KerasValue.Of(32), conv["filters"]);
        Assert.Equal(KerasValue.Tuple(3, 3), conv["kernel_size"]);
        Assert.Equal(KerasValue.Of("channels_first"), conv["data_format"]);
        Assert.Equal(KerasValue.Of("glorot_uniform"), conv["kernel_initializer"]);
        Assert.Equal(KerasValue.Of(true), conv["use_bias"]);
        Assert.Equal([1, 28, 28], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(KerasValue.Of(1), spec.Layers[3].Config["axis"]);
        Assert.Equal(KerasValue.Of(0.25), spec.Layers[4].Config["rate"]);
        Assert.Equal(KerasValue.Of(10), spec.Layers[6].Config["units"]);
        Assert.Equal("channels_first", spec.ImageDataFormat.Format);
    }

    [Fact]
    public void TfKeras24_InputLayerFirst_GivesInputShape()
    {
        var spec = Read("tfkeras24_input_layer.json");

        Assert.Equal(["Flatten", "Dense", "Dropout", "Dense"], spec.Layers.Select(l => l.ClassName));
        Assert.Equal([28, 28], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Initializer, "GlorotUniform", KerasConfig.Of(("seed", KerasValue.None))),
            spec.Layers[1].Config["kernel_initializer"]);
        Assert.Equal(KerasValue.Of("linear"), spec.Layers[3].Config["activation"]);
    }

    [Fact]
    public void Keras3Sequential_ModulesDTypePoliciesAndCompileConfig_Read()
    {
        var spec = Read("keras3_sequential.json");

        Assert.Equal(["Conv2D", "MaxPooling2D", "Flatten", "Dense"], spec.Layers.Select(l => l.ClassName));
        Assert.Equal([28, 28, 1], spec.InputShape!.Select(d => d!.Value));
        Assert.False(spec.Layers[0].Config.ContainsKey("dtype"));
        Assert.Equal(KerasValue.Of(1), spec.Layers[0].Config["groups"]);
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Regularizer, "L2", KerasConfig.Of(("l2", KerasValue.Of(1e-4)))),
            spec.Layers[3].Config["kernel_regularizer"]);
        var compile = spec.Compile!;
        Assert.Equal("Adam", compile.Optimizer!.ClassName);
        Assert.Equal(KerasValue.Of(0.0010000000474974513), compile.Optimizer.Config["learning_rate"]);
        Assert.Equal(KerasValue.Of(1e-7), compile.Optimizer.Config["epsilon"]);
        Assert.Equal("categorical_crossentropy", compile.Loss);
        Assert.False(compile.FromLogits);
        Assert.Equal(KerasValue.Of(0.0), compile.LossConfig["label_smoothing"]);
        Assert.Equal([KerasValue.Of("accuracy")], compile.Metrics);
        Assert.Equal("$.compile_config", compile.Source.JsonPath);
    }

    [Fact]
    public void Keras3Functional_LinearChain_ReadInOrder()
    {
        var spec = Read("keras3_functional.json");

        Assert.Equal("mlp", spec.Name);
        Assert.Equal([64, 10], spec.Layers.Select(l => ((KerasInt)l.Config["units"]).Value));
        Assert.Equal([784], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Initializer, "HeNormal", KerasConfig.Of(("seed", KerasValue.Of(42)))),
            spec.Layers[0].Config["kernel_initializer"]);
    }

    [Fact]
    public void TfKerasFunctional_Keras2InboundNodes_ReadInOrder()
    {
        var spec = Read("tfkeras_functional.json");

        Assert.Equal(["hidden", "out"], spec.Layers.Select(l => l.Name));
        Assert.Equal([32], spec.InputShape!.Select(d => d!.Value));
    }

    [Fact]
    public void InvalidValue_ErrorNamesFileAndJsonPath()
    {
        string json = Fixture("keras20_bare_list.json").Replace("\"units\": 10", "\"units\": \"abc\"");
        var wrapped = json.Replace("\"config\": [", "\"config\": {\"name\": \"s\", \"layers\": [").Replace("], \"keras_version\"", "]}, \"keras_version\"");
        wrapped = wrapped.Replace("{\"class_name\": \"Dropout\"", "{\"class_name\": \"Flatten\", \"config\": {}}, {\"class_name\": \"Dropout\"");

        var e = ReadError(wrapped);

        Assert.Equal("model.json: $.config.layers[3].config.units: expected a positive integer, got \"abc\"", e.Message);
        Assert.Equal("$.config.layers[3].config.units", e.JsonPath);
    }

    [Fact]
    public void UnsupportedLayer_ErrorAtClassNamePath()
    {
        var e = ReadError("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"units\": 3}}, {\"class_name\": \"LSTM\", \"config\": {\"units\": 3}}]}}");

        Assert.StartsWith("model.json: $.config.layers[1].class_name: unsupported layer 'LSTM'; supported layers: Conv1D", e.Message);
    }

    [Fact]
    public void UnknownConfigKey_WarningNotError()
    {
        var spec = KerasJsonReader.Read("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"units\": 3, \"quantization_config\": null}}]}}");

        var warning = Assert.Single(spec.Warnings);
        Assert.Equal("model.json: $.config.layers[0].config.quantization_config: Dense: unknown config key 'quantization_config' ignored", warning.ToString());
    }

    [Fact]
    public void MalformedJson_LineAndColumn()
    {
        var e = ReadError("{\"class_name\": \"Sequential\",\n  \"config\": {\"layers\": [}\n");

        Assert.Equal(2, e.Line);
        Assert.StartsWith("invalid JSON:", e.Reason);
    }

    [Fact]
    public void DeepJson_RejectedAtMaxDepth()
    {
        var e = ReadError(new string('[', 1000) + new string(']', 1000));

        Assert.Equal("JSON nested deeper than 64 levels", e.Reason);
    }

    [Fact]
    public void ByteOrderMark_Ignored()
    {
        var spec = KerasJsonReader.Read("\uFEFF" + Fixture("keras20_bare_list.json"));

        Assert.Equal(3, spec.Layers.Count);
    }

    [Fact]
    public void NotAnObject_ErrorAtRoot()
    {
        var e = ReadError("[1, 2]");

        Assert.Equal("model.json: $: expected a JSON object with \"class_name\" and \"config\", got a list", e.Message);
    }

    [Fact]
    public void FunctionalWithTwoInputs_Unsupported()
    {
        string json = Fixture("tfkeras_functional.json").Replace("[[[\"hidden\", 0, 0, {}]]]", "[[[\"hidden\", 0, 0, {}], [\"input_1\", 0, 0, {}]]]");

        var e = ReadError(json);

        Assert.Equal("$.config.layers[2].inbound_nodes", e.JsonPath);
        Assert.Contains("has 2 inputs", e.Reason);
    }

    [Fact]
    public void KerasArchive_ConfigAndMetadata_WeightsNotLoadedWarning()
    {
        using var stream = Archive(("config.json", Fixture("keras3_sequential.json")), ("metadata.json", "{\"keras_version\": \"3.5.0\", \"date_saved\": \"2024-09-01@12:00:00\"}"), ("model.weights.h5", "HDF"));

        var spec = KerasJsonReader.ReadArchive(stream, "mnist.keras");

        Assert.Equal(ModelSourceKind.KerasArchive, spec.SourceKind);
        Assert.Equal("mnist.keras", spec.SourceFile);
        Assert.Equal("3.5.0", spec.KerasVersion);
        Assert.Equal(4, spec.Layers.Count);
        Assert.Equal("mnist.keras/config.json", spec.Layers[0].Source.File);
        Assert.Contains(spec.Warnings, w => w.Message == "weights in model.weights.h5 (3 bytes) are not loaded; the model starts from fresh initial weights");
    }

    [Fact]
    public void KerasArchive_WithoutConfig_Error()
    {
        using var stream = Archive(("metadata.json", "{}"));

        var e = Assert.Throws<KerasImportException>(() => KerasJsonReader.ReadArchive(stream, "bad.keras"));

        Assert.Equal(".keras archive has no config.json", e.Reason);
    }

    [Fact]
    public void ReadFile_DispatchesOnContent()
    {
        string dir = Directory.CreateTempSubdirectory("keras-json").FullName;
        try
        {
            string jsonPath = Path.Combine(dir, "model.json");
            File.WriteAllText(jsonPath, Fixture("keras20_bare_list.json"));
            string archivePath = Path.Combine(dir, "model.keras");
            using (var archive = Archive(("config.json", Fixture("keras3_functional.json"))))
            using (var file = File.Create(archivePath))
            {
                archive.CopyTo(file);
            }

            Assert.Equal(ModelSourceKind.KerasJson, KerasJsonReader.ReadFile(jsonPath).SourceKind);
            Assert.Equal(ModelSourceKind.KerasArchive, KerasJsonReader.ReadFile(archivePath).SourceKind);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static MemoryStream Archive(params (string Name, string Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: name.EndsWith(".json")));
                writer.Write(content);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
