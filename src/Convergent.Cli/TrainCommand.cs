using System.CommandLine;
using System.Globalization;
using Convergent.Data;
using Convergent.Kernels;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Cli;

/// <summary>
/// <c>convergent train DATA</c>: trains a default Keras-style model for the data (a 512-512 ReLU MLP after
/// <c>Rescaling(1/255)</c> for images, a 64-64 MLP on standardized features for tables) and prints Keras's summary,
/// progress bar and the test accuracy. The quickest way to see the engine work.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Argument<string>("DATA") { Description = "builtin:NAME, a .npz or .csv file, or a folder of IDX / CIFAR-10 files" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train", DefaultValueFactory = _ => 5 };
        var batch = new Option<int>("--batch-size") { Description = "Samples per gradient step", DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3 };
        var split = new Option<double>("--validation-split") { Description = "Fraction held out from the end of the data", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "Seed for initialization, shuffling and dropout", DefaultValueFactory = _ => 1337 };
        var threads = new Option<int>("--threads") { Description = "Kernel threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var target = new Option<string?>("--target") { Description = "CSV target column (name or index; default: last)" };
        var cmd = new Command("train", "Train a default model on DATA and print Keras-style progress") { data, epochs, batch, lr, split, seed, threads, target };
        var store = new StoreOptions().AddTo(cmd, recording: true);
        cmd.SetAction(r => Program.Guard(() => Run(r.GetValue(data)!, r.GetValue(epochs), r.GetValue(batch), r.GetValue(lr),
            r.GetValue(split), r.GetValue(seed), r.GetValue(threads), r.GetValue(target), store.Target(r))));
        return cmd;
    }

    private static int Run(string spec, int epochs, int batchSize, double lr, double split, int seed, int threads, string? target, string? store)
    {
        if (threads < 1) throw new ArgumentException($"--threads must be at least 1. Received: {threads}");
        Parallelism.MaxThreads = threads;
        var ds = DataSource.Load(spec, target, seed);
        var (x, y) = (ds.XTrain, ds.YTrain);
        bool image = x.Rank == 4;
        int classes = ds.ClassNames?.Count ?? (int)Math.Round(y.ToDoubleArray().Max()) + 1;
        Console.WriteLine($"Data: {ds.Description}");
        Console.WriteLine($"      x {x.Shape}, y {y.Shape}, {classes} classes{(ds.XTest is null ? "" : $"; test x {ds.XTest.Shape}")}");

        Tensor? xTest = ds.XTest;
        var layers = new List<Layer>();
        if (image)
        {
            layers.Add(new Rescaling(1.0 / 255));
            layers.Add(new Flatten());
            layers.Add(new Dense(512, Activations.Relu));
            layers.Add(new Dense(512, Activations.Relu));
        }
        else
        {
            var scaler = new Standardizer().Fit(x);
            x = scaler.Transform(x);
            if (xTest is not null) xTest = scaler.Transform(xTest);
            Console.WriteLine("      features standardized (mean 0, std 1 per feature, fitted on the training rows)");
            layers.Add(new Dense(64, Activations.Relu));
            layers.Add(new Dense(64, Activations.Relu));
        }
        layers.Add(new Dense(classes, Activations.Softmax));
        var model = new Sequential(layers, new Shape(x.Shape.ToArray()[1..]), seed: seed);
        bool oneHot = y.Rank == 2 && y.Shape[1] > 1;
        model.Compile(new Adam(learningRate: lr), oneHot ? new CategoricalCrossentropy() : new SparseCategoricalCrossentropy(), new Accuracy());
        model.Summary();
        using var recording = StoreRecording.ForTrain(store, spec, seed,
            [("epochs", epochs), ("batch_size", batchSize), ("optimizer", "adam"), ("lr", lr), ("validation_split", split), ("threads", threads), ("target", target)]);
        model.Fit(x, y, batchSize: batchSize, epochs: epochs, validationSplit: split, verbose: Console.IsOutputRedirected ? 2 : 1,
            callbacks: recording?.Train is { } recorder ? [recorder] : null);
        recording?.Complete();
        if (xTest is not null && ds.YTest is not null)
        {
            var logs = model.Evaluate(xTest, ds.YTest, batchSize: 256, verbose: 0);
            Console.WriteLine($"Test: loss {logs.Loss!.Value.ToString("0.0000", CultureInfo.InvariantCulture)} - accuracy {logs["accuracy"]!.Value.ToString("0.0000", CultureInfo.InvariantCulture)} on {xTest.Shape[0]} samples");
        }
        if (recording is not null) Console.WriteLine(recording.Summary());
        return ExitCodes.Ok;
    }
}
