using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Convergent.Data;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Keras.Tests.Files;

/// <summary>Model files: layout, bit-identical reload, identical resumed training, npz weights, bad files.</summary>
public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cvg-modelfile-" + Guid.NewGuid().ToString("N")[..8]);

    public ModelFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string PathIn(string name) => Path.Combine(_dir, name);

    /// <summary>Every kind of state a model carries: augmentation and dropout (random streams, one seeded),
    /// batch-norm moving statistics, Adam's slots under a schedule, a constraint and a regularizer.</summary>
    private const string Script = """
        import keras
        from keras import layers
        model = keras.Sequential([
            keras.Input(shape=(6, 6, 1)),
            layers.RandomFlip("horizontal"),
            layers.Conv2D(4, 3, activation="relu", kernel_regularizer=keras.regularizers.l2(1e-3)),
            layers.BatchNormalization(),
            layers.Flatten(),
            layers.Dropout(0.3, seed=7),
            layers.Dense(8, activation="tanh", kernel_constraint=keras.constraints.MaxNorm(1.5)),
            layers.Dropout(0.2),
            layers.Dense(3, activation="softmax"),
        ], name="tiny")
        schedule = keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=3, decay_rate=0.9)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule, amsgrad=True), loss="categorical_crossentropy",
                      metrics=["accuracy", keras.metrics.Precision(name="prec")])
        """;

    private static Sequential NewModel() => KerasModelBuilder.Build(KerasScriptReader.Read(Script, "tiny.py")).Model;

    private static (Tensor X, Tensor Y) Data(int n)
    {
        var rng = new Random(3);
        var x = new float[n * 36];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        var y = new float[n * 3];
        for (int i = 0; i < n; i++) y[i * 3 + i % 3] = 1;
        return (Tensor.FromArray(x, n, 6, 6, 1), Tensor.FromArray(y, n, 3));
    }

    private static void AssertBitIdentical(IReadOnlyList<Tensor> expected, IReadOnlyList<Tensor> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Shape, actual[i].Shape);
            Assert.Equal(expected[i].ToFloatArray().Select(BitConverter.SingleToInt32Bits), actual[i].ToFloatArray().Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void SaveLoad_AfterTraining_PredictIsBitIdentical()
    {
        var (x, y) = Data(16);
        var model = NewModel();
        model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
        string path = PathIn("tiny.cvg");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        AssertBitIdentical([model.Predict(x)], [loaded.Predict(x)]);
        AssertBitIdentical(model.GetWeights(), loaded.GetWeights());
        Assert.Equal(model.Weights.Select(w => w.Name), loaded.Weights.Select(w => w.Name));
        Assert.Equal("tiny", loaded.Name);
        Assert.Equal(model.Seed, loaded.Seed);
        Assert.Equal(model.Optimizer!.Iterations, loaded.Optimizer!.Iterations);
        Assert.Equal(["accuracy", "prec"], loaded.Metrics.Select(m => m.Name));
        Assert.IsType<CategoricalAccuracy>(loaded.Metrics[0]);
        Assert.True(Assert.IsType<Adam>(loaded.Optimizer).Amsgrad);
    }

    [Fact]
    public void SaveLoad_ContinueTrainingTwoSteps_EqualsUninterruptedTraining()
    {
        var (x, y) = Data(16);
        var uninterrupted = NewModel();
        uninterrupted.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);          // 4 steps

        var first = NewModel();
        first.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0);                   // 2 steps, then save
        string path = PathIn("resume.cvg");
        ModelFile.Save(first, path);
        var resumed = ModelFile.Load(path);
        resumed.Fit(x, y, batchSize: 8, epochs: 2, initialEpoch: 1, verbose: 0); // 2 more steps

        AssertBitIdentical(uninterrupted.GetWeights(), resumed.GetWeights());
        Assert.Equal(4, resumed.Optimizer!.Iterations);
        AssertBitIdentical(uninterrupted.Optimizer!.GetSlots().Select(s => s.Value).ToList(),
            resumed.Optimizer.GetSlots().Select(s => s.Value).ToList());
    }

    [Fact]
    public void SaveLoad_WithoutRandomStreamRestore_WouldDiverge()
    {
        // the control for the test above: the same resume from a fresh model (same weights and optimizer state,
        // streams back at their start) does not reproduce the run, so the streams' positions matter
        var (x, y) = Data(16);
        var uninterrupted = NewModel();
        uninterrupted.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
        var first = NewModel();
        first.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0);
        string path = PathIn("control.cvg");
        ModelFile.Save(first, path);
        var resumed = ModelFile.Load(path);
        resumed.SetRandomState(NewModel().GetRandomState());

        resumed.Fit(x, y, batchSize: 8, epochs: 2, initialEpoch: 1, verbose: 0);

        Assert.NotEqual(uninterrupted.GetWeights()[^2].ToFloatArray(), resumed.GetWeights()[^2].ToFloatArray());
    }

    [Fact]
    public void Save_Layout_IsKeras3ConfigPlusNpzWeights()
    {
        var model = NewModel();
        model.Fit(Data(8).X, Data(8).Y, batchSize: 8, epochs: 1, verbose: 0);
        string path = PathIn("layout.cvg");
        ModelFile.Save(model, path);

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["metadata.json", "config.json", "compile.json", "model.weights.npz", "optimizer.npz"], zip.Entries.Select(e => e.FullName));
        using var config = JsonDocument.Parse(zip.GetEntry("config.json")!.Open());
        var root = config.RootElement;
        Assert.Equal("Sequential", root.GetProperty("class_name").GetString());
        var layers = root.GetProperty("config").GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal("InputLayer", layers[0].GetProperty("class_name").GetString());
        Assert.Equal("[null,6,6,1]", layers[0].GetProperty("config").GetProperty("batch_shape").GetRawText().Replace("\n", "").Replace(" ", ""));
        var conv = layers[2];
        Assert.Equal("keras.layers", conv.GetProperty("module").GetString());
        Assert.Equal("Conv2D", conv.GetProperty("class_name").GetString());
        Assert.Equal(JsonValueKind.Null, conv.GetProperty("registered_name").ValueKind);
        Assert.Equal(4, conv.GetProperty("config").GetProperty("filters").GetInt32());
        Assert.Equal("L2", conv.GetProperty("config").GetProperty("kernel_regularizer").GetProperty("class_name").GetString());
        Assert.Equal(6, conv.GetProperty("build_config").GetProperty("input_shape")[1].GetInt32());

        using var compile = JsonDocument.Parse(zip.GetEntry("compile.json")!.Open());
        var optimizer = compile.RootElement.GetProperty("optimizer");
        Assert.Equal("Adam", optimizer.GetProperty("class_name").GetString());
        Assert.Equal("ExponentialDecay", optimizer.GetProperty("config").GetProperty("learning_rate").GetProperty("class_name").GetString());
        Assert.Equal("CategoricalCrossentropy", compile.RootElement.GetProperty("loss").GetProperty("class_name").GetString());
        Assert.Equal("accuracy", compile.RootElement.GetProperty("metrics")[0].GetString());

        using var metadata = JsonDocument.Parse(zip.GetEntry("metadata.json")!.Open());
        Assert.Equal(ModelFile.FormatName, metadata.RootElement.GetProperty("format").GetString());
        Assert.Equal("float32", metadata.RootElement.GetProperty("dtype").GetString());
        Assert.Equal(1337, metadata.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(58, metadata.RootElement.GetProperty("random_state").GetProperty("model").GetArrayLength());

        using var optimizerState = new MemoryStream();
        zip.GetEntry("optimizer.npz")!.Open().CopyTo(optimizerState);
        optimizerState.Position = 0;
        var slots = Npz.Read(optimizerState, "optimizer.npz");
        Assert.Equal(1L, slots["iterations"].GetData<long>()[0]);
        Assert.Contains("conv2d/kernel/velocity_hat", slots.Keys);
    }

    [Fact]
    public void Save_ConfigIsReadableByKerasJsonReader()
    {
        var model = NewModel();
        string path = PathIn("readable.keras");
        ModelFile.Save(model, path);

        var spec = KerasJsonReader.ReadFile(path);

        Assert.Equal(["RandomFlip", "Conv2D", "BatchNormalization", "Flatten", "Dropout", "Dense", "Dropout", "Dense"],
            spec.Layers.Select(l => l.ClassName));
        Assert.Equal([6, 6, 1], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal("tiny", spec.Name);
    }

    [Fact]
    public void Save_OverExistingFile_ReplacesItAtomicallyWithoutLeftovers()
    {
        string path = PathIn("over.cvg");
        File.WriteAllText(path, "old");
        var model = NewModel();

        ModelFile.Save(model, path);
        ModelFile.Save(model, path);

        Assert.Equal([path], Directory.GetFiles(_dir));
        Assert.NotNull(ModelFile.Load(path));
    }

    [Fact]
    public void Save_UncompiledModel_LoadsUncompiled()
    {
        var model = new Sequential([new Dense(3, Activations.Relu), new Dense(1)], new Shape(4));
        string path = PathIn("plain.cvg");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        Assert.Null(loaded.Optimizer);
        Assert.Null(loaded.Loss);
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], 1, 4);
        AssertBitIdentical([model.Predict(x)], [loaded.Predict(x)]);
    }

    [Fact]
    public void Save_LegacyDecayAndMomentum_RestoresScheduleAndSlots()
    {
        var imported = KerasModelBuilder.Build(KerasScriptReader.Read("""
            from keras.models import Sequential
            from keras.layers import Dense
            from keras.optimizers import SGD
            model = Sequential()
            model.add(Dense(4, input_dim=3, activation='relu'))
            model.add(Dense(2, activation='softmax'))
            model.compile(loss='categorical_crossentropy', optimizer=SGD(lr=0.05, decay=1e-3, momentum=0.9, nesterov=True))
            """));
        var model = imported.Model;
        var x = Tensor.FromArray([1f, 0f, -1f, 0.5f, 0.2f, 0.1f], 2, 3);
        var y = Tensor.FromArray([1f, 0f, 0f, 1f], 2, 2);
        model.Fit(x, y, batchSize: 2, epochs: 3, verbose: 0);
        string path = PathIn("sgd.cvg");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        var sgd = Assert.IsType<SGD>(loaded.Optimizer);
        var decay = Assert.IsType<InverseTimeDecay>(sgd.Schedule);
        Assert.Equal((0.05, 1e-3, 1L), (decay.InitialLearningRate, decay.DecayRate, decay.DecaySteps));
        Assert.True(sgd.Nesterov);
        model.Fit(x, y, batchSize: 2, epochs: 1, verbose: 0, shuffle: false);
        loaded.Fit(x, y, batchSize: 2, epochs: 1, verbose: 0, shuffle: false);
        AssertBitIdentical(model.GetWeights(), loaded.GetWeights());
    }

    [Fact]
    public void SaveWeights_NpzReadableWithNamesAndShapes_LoadWeightsRestores()
    {
        var model = NewModel();
        model.Fit(Data(8).X, Data(8).Y, batchSize: 8, epochs: 1, verbose: 0);
        string path = PathIn("w.npz");

        ModelFile.SaveWeights(model, path);
        var arrays = Npz.Read(path);

        Assert.Equal(
        [
            "conv2d/kernel", "conv2d/bias", "batch_normalization/gamma", "batch_normalization/beta",
            "batch_normalization/moving_mean", "batch_normalization/moving_variance", "dense/kernel", "dense/bias",
            "dense_1/kernel", "dense_1/bias",
        ], arrays.Keys);
        Assert.Equal([3, 3, 1, 4], arrays["conv2d/kernel"].Shape);
        Assert.Equal([64, 8], arrays["dense/kernel"].Shape);
        Assert.Equal(NpyDType.Float32, arrays["dense/kernel"].DType);

        var fresh = NewModel();
        ModelFile.LoadWeights(fresh, path);
        AssertBitIdentical(model.GetWeights(), fresh.GetWeights());
    }

    [Fact]
    public void LoadWeights_OtherNamesSameShapes_LoadsByOrder()
    {
        var model = new Sequential([new Dense(3), new Dense(2)], new Shape(4));
        string path = PathIn("numpy.npz");
        Npz.Write(path,
        [
            new("w0", NpyArray.Create(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), 4, 3)),
            new("b0", NpyArray.Create(new double[3], 3)),
            new("w1", NpyArray.Create(new double[6], 3, 2)),
            new("b1", NpyArray.Create(new double[] { 1, 2 }, 2)),
        ]);

        ModelFile.LoadWeights(model, path);

        Assert.Equal(11f, model.GetWeights()[0].ToFloatArray()[^1]);
        Assert.Equal([1f, 2f], model.GetWeights()[3].ToFloatArray());
    }

    [Fact]
    public void LoadWeights_WrongShape_NamesTheArray()
    {
        var model = new Sequential([new Dense(3), new Dense(2)], new Shape(4));
        string path = PathIn("bad.npz");
        Npz.Write(path,
        [
            new("dense/kernel", NpyArray.Create(new float[12], 3, 4)),
            new("dense/bias", NpyArray.Create(new float[3], 3)),
            new("dense_1/kernel", NpyArray.Create(new float[6], 3, 2)),
            new("dense_1/bias", NpyArray.Create(new float[2], 2)),
        ]);
        var before = model.GetWeights();

        var e = Assert.Throws<ModelFileException>(() => ModelFile.LoadWeights(model, path));

        Assert.Equal("dense/kernel", e.Field);
        Assert.Contains("shape (3, 4)", e.Message);
        Assert.Contains("(4, 3)", e.Message);
        AssertBitIdentical(before, model.GetWeights());   // nothing changed
    }

    [Fact]
    public void ModelCheckpoint_WithModelFileWriter_WritesLoadableFiles()
    {
        var imported = KerasModelBuilder.Build(KerasScriptReader.Read(Script + $"""

            model.fit(x, y, epochs=2, batch_size=8, callbacks=[keras.callbacks.ModelCheckpoint("{PathIn("ck-{epoch:02d}.cvg").Replace("\\", "/")}")])
            """, "tiny.py"));
        var (x, y) = Data(8);

        imported.Model.Fit(x, y, batchSize: imported.Training.BatchSize.Value, epochs: imported.Training.Epochs.Value, verbose: 0,
            callbacks: imported.Training.Callbacks);

        Assert.True(File.Exists(PathIn("ck-01.cvg")));
        var last = ModelFile.Load(PathIn("ck-02.cvg"));
        AssertBitIdentical(imported.Model.GetWeights(), last.GetWeights());
    }

    [Fact]
    public void Load_MissingFile_NamesIt()
    {
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(PathIn("nope.cvg")));

        Assert.Contains("nope.cvg", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Load_Truncated_CleanError()
    {
        string path = PathIn("full.cvg");
        ModelFile.Save(NewModel(), path);
        var bytes = File.ReadAllBytes(path);
        foreach (int keep in new[] { 0, 10, bytes.Length / 3, bytes.Length / 2, bytes.Length - 30 })
        {
            string cut = PathIn($"cut{keep}.cvg");
            File.WriteAllBytes(cut, bytes[..keep]);

            var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(cut));

            Assert.StartsWith($"cut{keep}.cvg", e.Message);
        }
    }

    [Fact]
    public void Load_NotAZip_CleanError()
    {
        string path = PathIn("text.cvg");
        File.WriteAllText(path, "this is not a model");

        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

        Assert.Contains("not a valid zip", e.Message);
    }

    private string Rewrite(string source, string name, Action<Dictionary<string, byte[]>> change)
    {
        var members = new Dictionary<string, byte[]>();
        using (var zip = ZipFile.OpenRead(source))
        {
            foreach (var entry in zip.Entries)
            {
                using var ms = new MemoryStream();
                entry.Open().CopyTo(ms);
                members[entry.FullName] = ms.ToArray();
            }
        }

        change(members);
        string path = PathIn(name);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (member, data) in members)
            {
                using var es = zip.CreateEntry(member).Open();
                es.Write(data);
            }
        }

        return path;
    }

    [Fact]
    public void Load_GarbledMembers_NameTheMemberAndField()
    {
        string good = PathIn("good.cvg");
        var model = NewModel();
        model.Fit(Data(8).X, Data(8).Y, batchSize: 8, epochs: 1, verbose: 0);
        ModelFile.Save(model, good);

        var noWeights = Assert.Throws<ModelFileException>(() => ModelFile.Load(Rewrite(good, "a.cvg", m => m.Remove("model.weights.npz"))));
        Assert.Equal("model.weights.npz", noWeights.Member);
        Assert.Contains("missing", noWeights.Message);

        var badJson = Assert.Throws<ModelFileException>(() => ModelFile.Load(Rewrite(good, "b.cvg", m => m["config.json"] = Encoding.UTF8.GetBytes("{\"class_name\": "))));
        Assert.Equal("config.json", badJson.Member);

        var badLayer = Assert.Throws<ModelFileException>(() => ModelFile.Load(Rewrite(good, "c.cvg",
            m => m["config.json"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(m["config.json"]).Replace("\"filters\": 4", "\"filters\": -4")))));
        Assert.Equal("config.json", badLayer.Member);
        Assert.Contains("filters", badLayer.Message);

        var badNpy = Assert.Throws<ModelFileException>(() => ModelFile.Load(Rewrite(good, "d.cvg", m =>
        {
            // break the magic of the first array inside the weights archive
            var npz = m["model.weights.npz"];
            int at = IndexOf(npz, [0x93, .. "NUMPY"u8]);
            npz[at + 1] = (byte)'X';
        })));
        Assert.Equal("model.weights.npz", badNpy.Member);

        var wrongShape = Assert.Throws<ModelFileException>(() => ModelFile.Load(Rewrite(good, "e.cvg", m =>
        {
            using var ms = new MemoryStream(m["model.weights.npz"]);
            var arrays = Npz.Read(ms, "w");
            arrays["dense/bias"] = NpyArray.Create(new float[9], 9);
            string tmp = PathIn("tmp.npz");
            Npz.Write(tmp, arrays);
            m["model.weights.npz"] = File.ReadAllBytes(tmp);
        })));
        Assert.Equal(("model.weights.npz", "dense/bias"), (wrongShape.Member, wrongShape.Field));

        var badSlot = Assert.Throws<ModelFileException>(() => ModelFile.Load(Rewrite(good, "f.cvg", m =>
        {
            using var ms = new MemoryStream(m["optimizer.npz"]);
            var arrays = Npz.Read(ms, "o");
            arrays["ghost/kernel/momentum"] = NpyArray.Create(new float[1], 1);
            string tmp = PathIn("tmp2.npz");
            Npz.Write(tmp, arrays);
            m["optimizer.npz"] = File.ReadAllBytes(tmp);
        })));
        Assert.Equal(("optimizer.npz", "ghost/kernel/momentum"), (badSlot.Member, badSlot.Field));

        var badMetadata = Assert.Throws<ModelFileException>(() => ModelFile.Load(Rewrite(good, "g.cvg",
            m => m["metadata.json"] = Encoding.UTF8.GetBytes("{\"format\": \"convergent.model\", \"format_version\": 99}"))));
        Assert.Equal(("metadata.json", "$.format_version"), (badMetadata.Member, badMetadata.Field));
    }

    [Fact]
    public void Load_KerasArchive_SaysItIsNotAConvergentFile()
    {
        string path = PathIn("real.keras");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var es = zip.CreateEntry("config.json").Open()) es.Write("{}"u8);
            using (var es = zip.CreateEntry("model.weights.h5").Open()) es.Write([0x89, .. "HDF"u8]);
        }

        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

        Assert.Equal("metadata.json", e.Member);
        Assert.Contains("HDF5", e.Message);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
