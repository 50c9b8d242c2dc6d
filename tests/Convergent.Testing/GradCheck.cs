using Convergent.Tensors;

namespace Convergent.Testing;

/// <summary>
/// Finite-difference gradient checks in double precision: the analytic gradient from <see cref="Tensor.Backward"/>
/// against central differences (f(x+h) − f(x−h)) / 2h for every input element.
/// </summary>
public static class GradCheck
{
    /// <summary>Central-difference step. With double precision, h = 1e-6 balances truncation error (∝ h²) and
    /// rounding error (∝ ε/h, ε ≈ 2.2e-16), giving about 1e-9 absolute accuracy for well-scaled functions.</summary>
    public const double Step = 1e-6;

    /// <summary>Default tolerance on the error measure |a − n| / max(1, |a|, |n|): well above the ~1e-9 noise of
    /// the differences, far below any real mistake in a backward rule (those are O(1)).</summary>
    public const double Tolerance = 1e-6;

    /// <summary>
    /// Reduces a non-scalar output to a scalar by a fixed random weighting, so every output element's gradient
    /// path is exercised: L = Σ f(x) ⊙ r.
    /// </summary>
    public static Func<Tensor[], Tensor> Weighted(Func<Tensor[], Tensor> f, int seed = 7)
    {
        Tensor? r = null;
        return xs =>
        {
            var y = f(xs);
            if (r is null)
            {
                var rng = new Random(seed);
                var w = new double[y.Size];
                for (int i = 0; i < w.Length; i++) w[i] = rng.NextDouble() * 2 - 1;
                r = Tensor.FromArray(w, y.Shape);
            }
            return Ops.Sum(Ops.Multiply(y, r));
        };
    }

    /// <summary>Returns the largest error over all elements of all inputs that require a gradient; inputs must be
    /// Float64. <paramref name="f"/> must return a scalar (wrap with <see cref="Weighted"/> otherwise).</summary>
    public static double MaxError(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        foreach (var x in inputs)
        {
            if (x.DType != DType.Float64) throw new ArgumentException("Gradient checks run in double: pass Float64 inputs.");
            x.Grad = null;
        }
        var loss = f(inputs);
        loss.Backward();
        double worst = 0;
        foreach (var x in inputs)
        {
            if (!x.RequiresGrad) continue;
            var analytic = x.Grad?.ToDoubleArray() ?? new double[x.Size];
            var data = x.Float64Data;
            for (int i = 0; i < data.Length; i++)
            {
                double keep = data[i];
                data[i] = keep + Step;
                double up = Eval(f, inputs);
                data[i] = keep - Step;
                double down = Eval(f, inputs);
                data[i] = keep;
                double numeric = (up - down) / (2 * Step);
                double err = Math.Abs(analytic[i] - numeric) / Math.Max(1.0, Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric)));
                if (double.IsNaN(err)) return double.NaN;
                worst = Math.Max(worst, err);
            }
        }
        return worst;
    }

    private static double Eval(Func<Tensor[], Tensor> f, Tensor[] inputs)
    {
        using (Autograd.NoGrad()) return f(inputs).Item();
    }

    /// <summary>A Float64 tensor of uniform values in [lo, hi) that requires a gradient.</summary>
    public static Tensor Random(int seed, double lo, double hi, params int[] shape)
    {
        var rng = new Random(seed);
        var s = new Shape(shape);
        var d = new double[s.Size];
        for (int i = 0; i < d.Length; i++) d[i] = lo + (hi - lo) * rng.NextDouble();
        return Tensor.FromArray(d, s).WithGrad();
    }

    /// <summary>Marks a tensor as a leaf that requires a gradient and returns it.</summary>
    public static Tensor WithGrad(this Tensor t)
    {
        t.RequiresGrad = true;
        return t;
    }
}
