namespace Convergent.Keras.Catalog;

/// <summary>
/// Checks one argument value against its <see cref="ArgKind"/> and returns its normalized Keras 3 form
/// (ints widened to tuples, padding lower-cased, names mapped through <see cref="KerasNames"/>), or throws an
/// error that names the argument, the value received and what was expected.
/// </summary>
internal static class ValueNormalizer
{
    public static KerasValue Normalize(ArgSpec spec, int rank, KerasValue value, ArgSite site, NormalizeContext ctx,
        string owner)
    {
        KerasImportException Fail(string expected, string? hint = null) =>
            ctx.Fail(site, owner, spec.Name, $"expected {expected}, got {Describe(value)}", hint);

        if (value is KerasExpression && spec.Kind != ArgKind.Function)
        {
            throw ctx.Fail(site, owner, spec.Name,
                $"'{value.ToPython()}' is Python code the importer does not evaluate (a function or lambda)",
                "write the value itself, e.g. a number or a Keras name");
        }

        switch (spec.Kind)
        {
            case ArgKind.Any:
                return value;
            case ArgKind.PositiveInt:
                return IntValue(value) is { } p && p > 0 ? new KerasInt(p) : throw Fail("a positive integer");
            case ArgKind.NonNegativeInt:
                return IntValue(value) is { } n && n >= 0 ? new KerasInt(n) : throw Fail("a non-negative integer");
            case ArgKind.Int:
                return IntValue(value) is { } i ? new KerasInt(i) : throw Fail("an integer");
            case ArgKind.OptionalInt:
                return value is KerasNone ? value : IntValue(value) is { } oi ? new KerasInt(oi) : throw Fail("an integer or None");
            case ArgKind.Bool:
                return value switch
                {
                    KerasBool => value,
                    KerasInt { Value: 0 or 1 } b => KerasValue.Of(b.Value == 1),
                    _ => throw Fail("True or False"),
                };
            case ArgKind.Float:
                return value.TryGetNumber(out double f) && value is not KerasBool ? new KerasFloat(f) : throw Fail("a number");
            case ArgKind.OptionalFloat:
                return value is KerasNone ? value : value.TryGetNumber(out double of) ? new KerasFloat(of) : throw Fail("a number or None");
            case ArgKind.Number:
                return value is KerasInt or KerasFloat ? value : throw Fail("a number");
            case ArgKind.NonNegativeFloat:
                return value.TryGetNumber(out double nf) && nf >= 0 ? new KerasFloat(nf) : throw Fail("a non-negative number");
            case ArgKind.Fraction:
                return value.TryGetNumber(out double fr) && fr >= 0 && fr < 1
                    ? new KerasFloat(fr)
                    : throw Fail("a number in [0, 1)");
            case ArgKind.String:
            case ArgKind.OptionalString:
                if (value is KerasNone && spec.Kind == ArgKind.OptionalString)
                {
                    return value;
                }

                if (value is not KerasString s)
                {
                    throw Fail(spec.Choices is null ? "a string" : "one of " + Quoted(spec.Choices));
                }

                if (spec.Choices is null)
                {
                    return s;
                }

                string lower = s.Value.ToLowerInvariant();
                return spec.Choices.Contains(lower) ? new KerasString(lower) : throw Fail("one of " + Quoted(spec.Choices));
            case ArgKind.IntTuple:
            case ArgKind.OptionalIntTuple:
                if (value is KerasNone && spec.Kind == ArgKind.OptionalIntTuple)
                {
                    return value;
                }

                return IntTuple(value, rank) ?? throw Fail(rank == 1
                    ? "a positive integer or a tuple of 1 positive integer"
                    : $"a positive integer or a tuple of {rank} positive integers");
            case ArgKind.Padding:
            case ArgKind.PaddingCausal:
            {
                var allowed = spec.Kind == ArgKind.PaddingCausal ? new[] { "valid", "same", "causal" } : ["valid", "same"];
                if (value is KerasString ps && allowed.Contains(ps.Value.ToLowerInvariant()))
                {
                    return new KerasString(ps.Value.ToLowerInvariant());
                }

                if (value is KerasString { Value: "full" })
                {
                    throw ctx.Fail(site, owner, spec.Name, "padding 'full' (Keras 1 border_mode='full', Theano only) is not supported",
                        "supported: " + Quoted(allowed));
                }

                throw Fail("one of " + Quoted(allowed));
            }

            case ArgKind.DataFormat:
                return value switch
                {
                    KerasNone => value,
                    KerasString { Value: "channels_last" or "channels_first" } => value,
                    _ => throw Fail("'channels_last', 'channels_first' or None"),
                };
            case ArgKind.Activation:
                return NormalizeName(value, KerasNames.Activations, "an activation name", site, ctx, owner, spec.Name);
            case ArgKind.Initializer:
                return NormalizeObjectOrName(value, KerasObjectKind.Initializer, KerasNames.Initializers, "an initializer", site, ctx, owner, spec.Name);
            case ArgKind.Regularizer:
                return NormalizeObjectOrName(value, KerasObjectKind.Regularizer, KerasNames.Regularizers, "a regularizer", site, ctx, owner, spec.Name);
            case ArgKind.Constraint:
                return NormalizeObjectOrName(value, KerasObjectKind.Constraint, KerasNames.Constraints, "a constraint", site, ctx, owner, spec.Name);
            case ArgKind.Axis:
                if (IntValue(value) is { } axis)
                {
                    return new KerasInt(axis);
                }

                return value is KerasSequence axes && axes.Items.All(a => a is KerasInt)
                    ? value
                    : throw Fail("an integer or a list of integers");
            case ArgKind.Shape:
                if (value is KerasSequence shape && shape.Items.All(d => d is KerasInt { Value: > 0 or -1 }) &&
                    shape.Items.Count(d => d is KerasInt { Value: -1 }) <= 1)
                {
                    return new KerasSequence(shape.Items, isTuple: true);
                }

                throw Fail("a tuple of positive integers (at most one -1)");
            case ArgKind.ZeroPadding:
                return ZeroPadding(value) ?? throw Fail("an integer, a tuple of 2 integers, or a tuple of 2 tuples of 2 integers");
            case ArgKind.Factor:
            case ArgKind.OptionalFactor:
                if (value is KerasNone && spec.Kind == ArgKind.OptionalFactor)
                {
                    return value;
                }

                if (value.TryGetNumber(out double factor) && value is not KerasBool)
                {
                    return new KerasFloat(factor);
                }

                if (value is KerasSequence { Count: 2 } pair && pair.Items.All(x => x is KerasInt or KerasFloat))
                {
                    return KerasValue.Tuple(pair.Items.Select(x => (KerasValue)new KerasFloat(Number(x))).ToArray());
                }

                throw Fail("a number or a (lower, upper) pair of numbers");
            case ArgKind.LearningRate:
                if (value is KerasObjectSpec { Kind: KerasObjectKind.LearningRateSchedule })
                {
                    return value;
                }

                return value.TryGetNumber(out double lr) && lr >= 0 && value is not KerasBool
                    ? new KerasFloat(lr)
                    : throw Fail("a non-negative number or a learning-rate schedule");
            case ArgKind.Function:
                return value is KerasExpression or KerasString or KerasNone ? value : throw Fail("a function");
            case ArgKind.NumberList:
                return value is KerasSequence list && list.Items.All(x => x is KerasInt or KerasFloat)
                    ? value
                    : throw Fail("a list of numbers");
            case ArgKind.DType:
                return value is KerasString or KerasNone ? value : throw Fail("a dtype name such as 'float32'");
            default:
                throw new InvalidOperationException($"unhandled argument kind {spec.Kind}");
        }
    }

    /// <summary>A value as shown in error messages: the Python literal, capped at 60 characters.</summary>
    public static string Describe(KerasValue value)
    {
        string text = value.ToPython();
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    public static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    /// <summary>An integer value; integral floats are accepted because Keras 2 casts them (<c>int(units)</c>).</summary>
    public static long? IntValue(KerasValue value) => value switch
    {
        KerasInt i => i.Value,
        KerasFloat f when Math.Abs(f.Value) < 9e15 && f.Value == Math.Floor(f.Value) => (long)f.Value,
        _ => null,
    };

    private static double Number(KerasValue value) => value.TryGetNumber(out double d) ? d : double.NaN;

    private static KerasSequence? IntTuple(KerasValue value, int rank)
    {
        if (IntValue(value) is { } single)
        {
            return single > 0 ? KerasValue.Tuple(Enumerable.Repeat(single, Math.Max(rank, 1)).ToArray()) : null;
        }

        if (value is KerasSequence seq && seq.Count == Math.Max(rank, 1))
        {
            var ints = seq.Items.Select(IntValue).ToArray();
            return ints.All(i => i is > 0) ? KerasValue.Tuple(ints.Select(i => i!.Value).ToArray()) : null;
        }

        return null;
    }

    private static KerasSequence? ZeroPadding(KerasValue value)
    {
        static KerasSequence Pair(long a, long b) => KerasValue.Tuple(a, b);

        if (IntValue(value) is { } p && p >= 0)
        {
            return KerasValue.Tuple(Pair(p, p), Pair(p, p));
        }

        if (value is not KerasSequence { Count: 2 } seq)
        {
            return null;
        }

        var a = IntValue(seq.Items[0]);
        var b = IntValue(seq.Items[1]);
        if (a is >= 0 && b is >= 0)
        {
            return KerasValue.Tuple(Pair(a.Value, a.Value), Pair(b.Value, b.Value));
        }

        var first = seq.Items[0].AsIntSequence();
        var second = seq.Items[1].AsIntSequence();
        if (first is { Length: 2 } && second is { Length: 2 } && first.Concat(second).All(x => x is >= 0))
        {
            return KerasValue.Tuple(Pair(first[0]!.Value, first[1]!.Value), Pair(second[0]!.Value, second[1]!.Value));
        }

        return null;
    }

    private static KerasValue NormalizeName(KerasValue value, IReadOnlyDictionary<string, string> registry,
        string expected, ArgSite site, NormalizeContext ctx, string owner, string argument)
    {
        if (value is KerasNone)
        {
            return value;
        }

        if (value is KerasString s)
        {
            if (registry.TryGetValue(s.Value, out string? canonical))
            {
                return new KerasString(canonical);
            }

            string? closest = KerasNames.Closest(s.Value, registry.Keys);
            throw ctx.Fail(site, owner, argument, $"unknown {expected[(expected.IndexOf(' ') + 1)..]} '{s.Value}'",
                (closest is not null ? $"did you mean '{closest}'? " : "") + "supported: " + KerasNames.Supported(registry));
        }

        throw ctx.Fail(site, owner, argument, $"expected {expected}, got {Describe(value)}",
            "supported: " + KerasNames.Supported(registry));
    }

    private static KerasValue NormalizeObjectOrName(KerasValue value, KerasObjectKind kind,
        IReadOnlyDictionary<string, string> registry, string expected, ArgSite site, NormalizeContext ctx,
        string owner, string argument)
    {
        if (value is KerasObjectSpec obj)
        {
            return obj.Kind == kind
                ? obj
                : throw ctx.Fail(site, owner, argument, $"expected {expected}, got {obj.Kind.ToString().ToLowerInvariant()} {obj.ClassName}");
        }

        return NormalizeName(value, registry, expected, site, ctx, owner, argument);
    }
}
