using System.Globalization;
using Convergent.Keras.Python;

namespace Convergent.Keras.Building;

/// <summary>
/// A <c>LearningRateScheduler</c> function written as a plain arithmetic lambda, such as
/// <c>lambda epoch: 1e-3 * 0.9 ** epoch</c>, <c>lambda epoch, lr: lr * 0.95</c> or
/// <c>lambda e: 0.01 if e &lt; 10 else 0.001</c>, evaluated in double. It knows numbers, its parameters,
/// + − * / // % **, comparisons, <c>and</c>/<c>or</c>/<c>not</c>, conditional expressions and
/// <c>math</c>/<c>np</c> functions of one or two numbers (exp, log, sqrt, floor, ceil, cos, sin, pow) plus
/// <c>min</c>, <c>max</c>, <c>abs</c>, <c>int</c>, <c>float</c>, <c>round</c>, and the constants pi and e.
/// Anything else (a named function, a free variable of the script) is rejected when the callback is created.
/// </summary>
internal sealed class LambdaSchedule
{
    private const int MaxDepth = 64;
    private readonly LambdaExpr _lambda;

    private LambdaSchedule(LambdaExpr lambda, string text)
    {
        _lambda = lambda;
        Text = text;
    }

    /// <summary>The lambda as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; null with a reason when it is not a lambda this class evaluates.</summary>
    public static LambdaSchedule? TryParse(string text, out string reason)
    {
        reason = "";
        if (!text.TrimStart().StartsWith("lambda", StringComparison.Ordinal))
        {
            reason = $"'{text}' is a Python function the importer does not evaluate; only a lambda of numbers (lambda epoch: 1e-3 * 0.9 ** epoch) is";
            return null;
        }

        ModuleNode module;
        try
        {
            module = PythonParser.Parse("__schedule__ = " + text, "schedule");
        }
        catch (KerasImportException e)
        {
            reason = $"cannot parse '{text}': {e.Reason}";
            return null;
        }

        if (module.Body is not [AssignStmt { Value: LambdaExpr lambda }] ||
            lambda.Parameters.Count is < 1 or > 2 ||
            lambda.Parameters.Any(p => p.Kind != ParameterKind.Normal))
        {
            reason = $"'{text}' is not a lambda of (epoch) or (epoch, lr)";
            return null;
        }

        var schedule = new LambdaSchedule(lambda, text);
        try
        {
            // Evaluating once finds free names and unsupported calls now rather than mid-training.
            schedule.Evaluate(0, 0.001);
        }
        catch (NotSupportedException e)
        {
            reason = $"'{text}' cannot be evaluated: {e.Message}";
            return null;
        }

        return schedule;
    }

    /// <summary>The learning rate for a 0-based epoch and the current rate.</summary>
    public double Evaluate(int epoch, double learningRate)
    {
        var scope = new Dictionary<string, double>(StringComparer.Ordinal) { [_lambda.Parameters[0].Name] = epoch };
        if (_lambda.Parameters.Count == 2)
        {
            scope[_lambda.Parameters[1].Name] = learningRate;
        }

        return Eval(_lambda.Body, scope, 0);
    }

    private static double Eval(Expr e, Dictionary<string, double> scope, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new NotSupportedException("expression nested too deeply");
        }

        double Sub(Expr x) => Eval(x, scope, depth + 1);

        switch (e)
        {
            case ConstantExpr { Kind: ConstantKind.Int or ConstantKind.Float } c:
                return Convert.ToDouble(c.Value, CultureInfo.InvariantCulture);
            case ConstantExpr { Kind: ConstantKind.True }:
                return 1;
            case ConstantExpr { Kind: ConstantKind.False }:
                return 0;
            case NameExpr n:
                return scope.TryGetValue(n.Id, out double v)
                    ? v
                    : throw new NotSupportedException($"'{n.Id}' is not a parameter of the lambda (its value in the script is not known)");
            case AttributeExpr { Target: NameExpr module, Name: var name } when IsMath(module.Id) && name is "pi" or "e":
                return name == "pi" ? Math.PI : Math.E;
            case UnaryExpr u:
                double operand = Sub(u.Operand);
                return u.Op switch
                {
                    "-" => -operand,
                    "+" => operand,
                    "not" => operand == 0 ? 1 : 0,
                    _ => throw new NotSupportedException($"operator '{u.Op}'"),
                };
            case BinaryExpr b:
                return Binary(b.Op, Sub(b.Left), Sub(b.Right));
            case IfExpr i:
                return Sub(i.Test) != 0 ? Sub(i.Body) : Sub(i.OrElse);
            case BoolOpExpr bo:
            {
                double last = 0;
                foreach (var value in bo.Values)
                {
                    last = Sub(value);
                    if (bo.Op == "and" ? last == 0 : last != 0)
                    {
                        return last;
                    }
                }

                return last;
            }

            case CompareExpr cmp:
            {
                double left = Sub(cmp.Left);
                for (int k = 0; k < cmp.Ops.Count; k++)
                {
                    double right = Sub(cmp.Comparators[k]);
                    bool holds = cmp.Ops[k] switch
                    {
                        "<" => left < right,
                        "<=" => left <= right,
                        ">" => left > right,
                        ">=" => left >= right,
                        "==" => left == right,
                        "!=" => left != right,
                        _ => throw new NotSupportedException($"comparison '{cmp.Ops[k]}'"),
                    };
                    if (!holds)
                    {
                        return 0;
                    }

                    left = right;
                }

                return 1;
            }

            case CallExpr call when call.Arguments.All(a => a.Kind == ArgumentKind.Positional):
                return Call(FunctionName(call.Function), call.Arguments.Select(a => Sub(a.Value)).ToArray());
            default:
                throw new NotSupportedException($"'{e.GetType().Name.Replace("Expr", "", StringComparison.Ordinal).ToLowerInvariant()}' expressions are not evaluated");
        }
    }

    private static bool IsMath(string module) => module is "math" or "np" or "numpy";

    private static string FunctionName(Expr f) => f switch
    {
        NameExpr n => n.Id,
        AttributeExpr { Target: NameExpr m, Name: var name } when IsMath(m.Id) => "math." + name,
        AttributeExpr { Target: AttributeExpr { Target: NameExpr { Id: "tf" }, Name: "math" }, Name: var name } => "math." + name,
        _ => throw new NotSupportedException("only math/numpy functions, min, max, abs, int, float and round are evaluated"),
    };

    private static double Call(string name, double[] args)
    {
        double One() => args.Length == 1 ? args[0] : throw new NotSupportedException($"{name} takes one argument");
        return name switch
        {
            "math.exp" => Math.Exp(One()),
            "math.log" => args.Length == 2 ? Math.Log(args[0]) / Math.Log(args[1]) : Math.Log(One()),
            "math.log10" => Math.Log10(One()),
            "math.sqrt" => Math.Sqrt(One()),
            "math.floor" => Math.Floor(One()),
            "math.ceil" => Math.Ceiling(One()),
            "math.cos" => Math.Cos(One()),
            "math.sin" => Math.Sin(One()),
            "math.pow" or "math.power" when args.Length == 2 => Math.Pow(args[0], args[1]),
            "min" or "math.minimum" when args.Length >= 2 => args.Min(),
            "max" or "math.maximum" when args.Length >= 2 => args.Max(),
            "abs" or "math.abs" or "math.fabs" => Math.Abs(One()),
            "float" => One(),
            "int" => Math.Truncate(One()),
            "round" => Math.Round(One(), MidpointRounding.ToEven),
            _ => throw new NotSupportedException($"function '{name}' is not evaluated"),
        };
    }

    private static double Binary(string op, double a, double b) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        "//" => Math.Floor(a / b),
        "%" => a - b * Math.Floor(a / b),   // Python's modulo takes the divisor's sign
        "**" => Math.Pow(a, b),
        _ => throw new NotSupportedException($"operator '{op}'"),
    };
}
