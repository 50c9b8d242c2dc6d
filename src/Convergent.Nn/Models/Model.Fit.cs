using System.Diagnostics;
using Convergent.Tensors;

namespace Convergent.Nn;

public abstract partial class Model
{
    /// <summary>
    /// Trains the model (Keras <c>model.fit</c>). Semantics follow Keras: <paramref name="validationSplit"/> takes the
    /// <em>last</em> fraction of the arrays before any shuffling (split at ⌊N·(1 − split)⌋, as Keras 3); shuffling happens every
    /// epoch; <paramref name="classWeight"/> and <paramref name="sampleWeight"/> multiply each sample's loss;
    /// epochs are numbered from <paramref name="initialEpoch"/>.
    /// </summary>
    /// <param name="x">Inputs, batch axis first.</param>
    /// <param name="y">Targets: one-hot (N, C), integer labels (N,) or (N, 1), or regression targets.</param>
    /// <param name="batchSize">Samples per gradient step (Keras default 32).</param>
    /// <param name="epochs">Index of the epoch to stop after (Keras counts from <paramref name="initialEpoch"/>).</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Callbacks, called in order.</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the data, taken from the end, held out for validation.</param>
    /// <param name="validationData">Explicit validation set (overrides <paramref name="validationSplit"/>).</param>
    /// <param name="shuffle">Shuffle the training samples before each epoch.</param>
    /// <param name="classWeight">Loss weight per class index.</param>
    /// <param name="sampleWeight">Loss weight per sample, shape (N,).</param>
    /// <param name="initialEpoch">Epoch at which to start (to resume a previous run).</param>
    public History Fit(Tensor x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0.0, (Tensor X, Tensor Y)? validationData = null,
        bool shuffle = true, IReadOnlyDictionary<int, double>? classWeight = null, Tensor? sampleWeight = null,
        int initialEpoch = 0)
    {
        if (Optimizer is null || Loss is null)
            throw new InvalidOperationException($"You must call Compile() before Fit() on model '{Name}'.");
        if (batchSize <= 0) throw new ArgumentException($"batch_size must be positive. Received: batch_size={batchSize}", nameof(batchSize));
        if (epochs < 0) throw new ArgumentException($"epochs must be non-negative. Received: epochs={epochs}", nameof(epochs));
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentException($"validation_split must be in [0, 1). Received: validation_split={validationSplit}", nameof(validationSplit));
        if (verbose is < 0 or > 2) throw new ArgumentException($"verbose must be 0, 1 or 2. Received: verbose={verbose}", nameof(verbose));
        CheckData(x, y, "x", "y");
        if (sampleWeight is not null && (sampleWeight.Rank != 1 || sampleWeight.Shape[0] != x.Shape[0]))
            throw new ArgumentException($"sample_weight must have shape ({x.Shape[0]},); got {sampleWeight.Shape}.", nameof(sampleWeight));
        EnsureBuilt(x);

        // Keras: the validation split is the tail of the arrays, cut before any shuffling
        Tensor xTrain = x, yTrain = y; Tensor? swTrain = sampleWeight;
        Tensor? xVal = null, yVal = null;
        if (validationData is { } vd)
        {
            CheckData(vd.X, vd.Y, "validation_data x", "validation_data y");
            (xVal, yVal) = (vd.X, vd.Y);
        }
        else if (validationSplit > 0)
        {
            int n = x.Shape[0];
            int splitAt = ValidationSplitIndex(n, validationSplit);
            if (splitAt == 0 || splitAt == n)
                throw new ArgumentException($"Training data contains {n} samples, which is not sufficient to split it into a validation and training set as specified by `validation_split={validationSplit}`.");
            xTrain = Rows(x, 0, splitAt); yTrain = Rows(y, 0, splitAt);
            xVal = Rows(x, splitAt, n); yVal = Rows(y, splitAt, n);
            if (sampleWeight is not null) swTrain = Rows(sampleWeight, 0, splitAt);
        }
        var weights = CombineWeights(yTrain, swTrain, classWeight);

        var cbs = new CallbackList(callbacks ?? []);
        var history = new History();
        var all = new List<Callback> { history };
        all.AddRange(cbs.Items);
        var list = new CallbackList(all);
        list.SetModel(this);
        StopTraining = false;

        int samples = xTrain.Shape[0];
        int steps = (samples + batchSize - 1) / batchSize;
        var order = Enumerable.Range(0, samples).ToArray();
        var trainable = TrainableWeights.ToList();
        long globalStep = Optimizer.Iterations;
        var progress = new ProgressBar(Output, steps, verbose);
        Logs lastEpochLogs = new();

        list.OnTrainBegin();
        for (int epoch = initialEpoch; epoch < epochs && !StopTraining; epoch++)
        {
            list.OnEpochBegin(epoch);
            if (verbose > 0) Output.WriteLine($"Epoch {epoch + 1}/{epochs}");
            if (shuffle)
            {
                // a fresh permutation of 0…N−1 every epoch, as Keras 3 and tf.keras draw it: it depends only on the
                // random stream's position, so a reloaded model resumes with the same batches
                for (int i = 0; i < order.Length; i++) order[i] = i;
                Shuffle(order);
            }
            foreach (var m in Metrics) m.Reset();
            double lossSum = 0; long lossCount = 0;
            var watch = Stopwatch.StartNew();
            for (int b = 0; b < steps && !StopTraining; b++)
            {
                list.OnTrainBatchBegin(b);
                int start = b * batchSize, count = Math.Min(batchSize, samples - start);
                var idx = order.AsSpan(start, count);
                var xb = Gather(xTrain, idx); var yb = Gather(yTrain, idx);
                var wb = weights is null ? null : Gather(weights, idx);
                double lr = Optimizer.CurrentLearningRate;
                double batchLoss = TrainStep(xb, yb, wb, trainable, epoch, b, globalStep, lr);
                globalStep++;
                lossSum += batchLoss * count; lossCount += count;
                var batchLogs = new Logs();
                batchLogs.Set("loss", lossSum / lossCount);
                foreach (var m in Metrics) batchLogs.Set(m.Name, m.Result());
                list.OnTrainBatchEnd(b, batchLogs);
                progress.Update(b + 1, batchLogs, watch.Elapsed);
            }
            var logs = new Logs();
            logs.Set("loss", lossCount > 0 ? lossSum / lossCount : double.NaN);
            foreach (var m in Metrics) logs.Set(m.Name, m.Result());
            if (xVal is not null)
            {
                var val = Evaluate(xVal, yVal!, batchSize, verbose: 0);
                foreach (var kv in val) logs.Set("val_" + kv.Key, kv.Value);
            }
            logs.Set("learning_rate", Optimizer.CurrentLearningRate);
            progress.EndEpoch(logs, watch.Elapsed);
            list.OnEpochEnd(epoch, logs);
            lastEpochLogs = logs;
        }
        list.OnTrainEnd(lastEpochLogs);
        return history;
    }

    /// <summary>One gradient step on one batch (Keras <c>model.train_on_batch</c>); returns the loss including
    /// regularization penalties. Metrics are updated as during <see cref="Fit"/>.</summary>
    public double TrainOnBatch(Tensor x, Tensor y, Tensor? sampleWeight = null)
    {
        if (Optimizer is null || Loss is null)
            throw new InvalidOperationException($"You must call Compile() before TrainOnBatch() on model '{Name}'.");
        CheckData(x, y, "x", "y");
        EnsureBuilt(x);
        long step = Optimizer.Iterations;
        return TrainStep(x, y, sampleWeight, TrainableWeights.ToList(), 0, (int)Math.Min(step, int.MaxValue), step, Optimizer.CurrentLearningRate);
    }

    /// <summary>Keras 3 <c>train_validation_split</c> (and Keras 1): training rows are [0, ⌊N·(1 − split)⌋), the
    /// validation rows the rest. (tf.keras 2.x rounded up instead; the two differ by at most one row.)</summary>
    public static int ValidationSplitIndex(int samples, double validationSplit) =>
        (int)Math.Floor(samples * (1.0 - validationSplit));

    /// <summary>One gradient step on a batch; returns the batch loss including regularization penalties, which is
    /// what Keras logs as <c>loss</c>.</summary>
    private double TrainStep(Tensor xb, Tensor yb, Tensor? wb, List<Variable> trainable, int epoch, int batch, long globalStep, double lr)
    {
        // the step's activations and intermediate gradients live in the arena, reused by the next step
        using var memory = _stepMemory.Activate();
        foreach (var v in trainable) v.Value.Grad = null;
        var output = Call(xb, training: true);
        var loss = Loss!.Compute(yb, output, wb);
        var penalty = RegularizationPenalty();
        if (penalty is not null) loss = loss + penalty;
        double lossValue = loss.Item();
        if (loss.RequiresGrad) loss.Backward();
        var step = new TrainingStep(this, epoch, batch, globalStep, lossValue, lr);
        // a span over the list: no enumerator and version checks on every step (a probe must not attach or detach here)
        var probes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_trainingProbes);
        foreach (var p in probes) p.AfterBackward(step);
        var updates = Optimizer!.Apply(trainable, trackUpdates: probes.Length > 0);
        foreach (var p in probes) p.AfterUpdate(step, updates);
        using (Autograd.NoGrad())
        {
            var outValues = output.Detach();
            foreach (var m in Metrics) m.Update(yb, outValues, wb);
        }
        return lossValue;
    }

    /// <summary>Builds the model from the data's shape if the user did not give an input shape.</summary>
    protected void EnsureBuilt(Tensor x)
    {
        var feature = new Shape(x.Shape.ToArray()[1..]);
        if (!Built) Build(feature, x.DType);
        else if (!feature.Equals(InputShape))
            throw new ArgumentException(
                $"Input shape mismatch: model '{Name}' expects inputs of shape {WithBatch(InputShape!)} (first layer '{Layers[0].Name}'), but the data has shape {WithBatch(feature)}.");
        if (x.DType != DType)
            throw new ArgumentException($"Model '{Name}' was built for {DType} inputs but the data is {x.DType}.");
    }

    private static void CheckData(Tensor x, Tensor y, string xName, string yName)
    {
        if (x.Rank < 1 || y.Rank < 1) throw new ArgumentException($"{xName} and {yName} need a batch axis; got shapes {x.Shape} and {y.Shape}.");
        if (x.Shape[0] != y.Shape[0])
            throw new ArgumentException($"{xName} and {yName} have different numbers of samples: {x.Shape[0]} (shape {x.Shape}) and {y.Shape[0]} (shape {y.Shape}).");
        if (x.Shape[0] == 0) throw new ArgumentException($"{xName} is empty.");
    }

    /// <summary>Keras-style shape text with the batch axis: <c>(None, 28, 28, 1)</c>.</summary>
    public static string WithBatch(Shape s) => "(None" + string.Concat(s.Select(d => ", " + d)) + ")";

    /// <summary>Per-sample weights from class weights and sample weights (product), or null when neither is given.</summary>
    private static Tensor? CombineWeights(Tensor y, Tensor? sampleWeight, IReadOnlyDictionary<int, double>? classWeight)
    {
        if (classWeight is null) return sampleWeight;
        int n = y.Shape[0];
        var w = new double[n];
        bool oneHot = y.Rank == 2 && y.Shape[1] > 1;
        int width = oneHot ? y.Shape[1] : 1;
        for (int i = 0; i < n; i++)
        {
            int label;
            if (oneHot)
            {
                label = 0;
                for (int c = 1; c < width; c++) if (y[i * width + c] > y[i * width + label]) label = c;
            }
            else label = (int)Math.Round(y[i * width]);
            w[i] = classWeight.TryGetValue(label, out var cw) ? cw : 1.0;
            if (sampleWeight is not null) w[i] *= sampleWeight[i];
        }
        var t = Tensor.Zeros(new Shape(n), y.DType);
        for (int i = 0; i < n; i++) t[i] = w[i];
        return t;
    }

    private void Shuffle(int[] order)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = Rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    internal static Tensor Rows(Tensor t, int start, int end) => t.SliceRows(start, end);

    internal static Tensor Gather(Tensor t, ReadOnlySpan<int> idx) => t.TakeRows(idx);
}
