using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Diagnostics;

/// <summary>What a quick probe may use: a factory for fresh compiled copies of the model, the training data, what is
/// known about it, and a time budget per probe (or none: step counts only).</summary>
public sealed class QuickProbeContext
{
    /// <summary>Creates a context; <paramref name="modelFactory"/> must return a new compiled model each call; a null
    /// <paramref name="budget"/> leaves the probes bounded by their step counts only (deterministic).</summary>
    public QuickProbeContext(Func<Model> modelFactory, Tensor x, Tensor y, TimeSpan? budget, DataFacts? data = null)
    {
        ModelFactory = modelFactory ?? throw new ArgumentNullException(nameof(modelFactory));
        X = x ?? throw new ArgumentNullException(nameof(x));
        Y = y ?? throw new ArgumentNullException(nameof(y));
        if (x.Rank < 1 || y.Rank < 1 || x.Shape[0] != y.Shape[0] || x.Shape[0] == 0)
            throw new ArgumentException($"Quick probes need non-empty x and y with the same number of samples; got {x.Shape} and {y.Shape}.");
        if (budget is TimeSpan b && b <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(budget), $"The time budget must be positive. Received: {budget}");
        Budget = budget;
        Data = data;
    }

    /// <summary>Makes fresh compiled copies of the model.</summary>
    public Func<Model> ModelFactory { get; }

    /// <summary>Training inputs (the validation part excluded).</summary>
    public Tensor X { get; }

    /// <summary>Training targets.</summary>
    public Tensor Y { get; }

    /// <summary>Wall-time budget of one probe; null: none, the probe's step counts bound it.</summary>
    public TimeSpan? Budget { get; }

    /// <summary>Facts about the data, when known (label encoding decides whether accuracy is measured).</summary>
    public DataFacts? Data { get; }

    /// <summary>Number of training samples.</summary>
    public int Samples => X.Shape[0];

    /// <summary>Whether the targets are class labels.</summary>
    public bool IsClassification => Data is null ? Y.Rank == 2 && Y.Shape[1] > 1 : Data.Classes > 0;

    /// <summary>A fresh compiled model, built for the data's shape.</summary>
    public Model NewModel()
    {
        var m = ModelFactory();
        if (m.Loss is null || m.Optimizer is null)
            throw new InvalidOperationException("The model factory must return a compiled model (Compile(optimizer, loss) before returning it).");
        if (!m.Built) m.Build(new Shape(X.Shape.ToArray()[1..]), X.DType);
        m.Output = TextWriter.Null;
        return m;
    }

    /// <summary><paramref name="count"/> distinct row indices drawn at random (fixed seed), in increasing order — a random
    /// sample, so neither sorted data nor alternating labels give a one-class subset.</summary>
    public int[] SampleRows(int count)
    {
        count = Math.Clamp(count, 1, Samples);
        var rng = new Random(SampleSeed);
        var all = Enumerable.Range(0, Samples).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = i + rng.Next(Samples - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var rows = all[..count];
        Array.Sort(rows);
        return rows;
    }

    /// <summary>Seed of <see cref="SampleRows"/>.</summary>
    public int SampleSeed { get; init; } = 1337;

    /// <summary>The listed rows of <paramref name="t"/>, copied.</summary>
    public static Tensor Rows(Tensor t, int[] rows)
    {
        var dims = t.Shape.ToArray();
        int row = t.Shape.Product(1, t.Rank);
        dims[0] = rows.Length;
        var r = Tensor.Zeros(new Shape(dims), t.DType);
        for (int i = 0; i < rows.Length; i++)
        {
            if (t.DType == DType.Float32) t.AsSpan<float>().Slice(rows[i] * row, row).CopyTo(r.AsSpan<float>().Slice(i * row, row));
            else t.AsSpan<double>().Slice(rows[i] * row, row).CopyTo(r.AsSpan<double>().Slice(i * row, row));
        }
        return r;
    }

    /// <summary>The model's loss on (<paramref name="x"/>, <paramref name="y"/>) in inference mode, without recording gradients.</summary>
    public static double Loss(Model model, Tensor x, Tensor y)
    {
        using (Autograd.NoGrad()) return model.Loss!.Compute(y, model.Call(x, training: false)).Item();
    }

    /// <summary>Share of rows whose predicted class (argmax; for one unit: p ≥ 0.5, or logit ≥ 0) is the target's.</summary>
    public static double Accuracy(Model model, Tensor x, Tensor y)
    {
        Tensor p;
        using (Autograd.NoGrad()) p = model.Call(x, training: false);
        int n = x.Shape[0];
        int pc = p.Size / n, yc = y.Size / n;
        var pv = p.ToDoubleArray(); var yv = y.ToDoubleArray();
        bool logits = model.Loss?.FromLogits ?? false;
        int right = 0;
        for (int i = 0; i < n; i++)
        {
            int pred = pc == 1 ? (pv[i] >= (logits ? 0 : 0.5) ? 1 : 0) : ArgMax(pv, i * pc, pc);
            int truth = yc == 1 ? (int)Math.Round(yv[i]) : ArgMax(yv, i * yc, yc);
            if (pred == truth) right++;
        }
        return (double)right / n;
    }

    private static int ArgMax(double[] v, int start, int count)
    {
        int best = 0;
        for (int k = 1; k < count; k++) if (v[start + k] > v[start + best]) best = k;
        return best;
    }
}
