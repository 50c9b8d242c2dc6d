using Convergent.Tensors;

namespace Convergent.Nn.Tests;

/// <summary>Fills a weight with given values (test-local: initializers live on another branch).</summary>
internal sealed class ValuesInitializer(params double[] values) : Initializer
{
    public override Tensor Create(Shape shape, DType dtype, Random rng)
    {
        var t = Tensor.Zeros(shape, dtype);
        for (int i = 0; i < t.Size; i++) t[i] = values[i % values.Length];
        return t;
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}

/// <summary>A layer holding one weight vector and computing nothing: gives optimizer tests a real <see cref="Variable"/>.</summary>
internal sealed class ParameterHolder : Layer
{
    private readonly double[] _initial;

    public ParameterHolder(params double[] initial) : base("holder") => _initial = initial;

    public Variable Weight => Weights[0];

    public static Variable Create(DType dtype, params double[] initial)
    {
        var layer = new ParameterHolder(initial);
        layer.Build(new Shape(initial.Length), dtype);
        return layer.Weight;
    }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    protected override void OnBuild(Shape inputShape) => AddWeight("w", new Shape(_initial.Length), new ValuesInitializer(_initial));

    protected override Tensor Forward(Tensor x, bool training) => x;

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}

/// <summary>y = x·W + b (test-local stand-in for Dense, which lives on another branch).</summary>
internal sealed class Linear(int units, double[] kernel, double[] bias, string? name = null) : Layer(name)
{
    public override Shape ComputeOutputShape(Shape inputShape) => new(units);

    protected override void OnBuild(Shape inputShape)
    {
        AddWeight("kernel", new Shape(inputShape[-1], units), new ValuesInitializer(kernel));
        AddWeight("bias", new Shape(units), new ValuesInitializer(bias));
    }

    protected override Tensor Forward(Tensor x, bool training) => Ops.Add(Ops.MatMul(x, Weights[0].Value), Weights[1].Value);

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["units"] = units };
}
