using System.Globalization;
using Convergent.Nn;

namespace Convergent.Keras.Building;

/// <summary>
/// Reads the arguments of one Keras layer or object (a <see cref="KerasConfig"/>) as typed constructor arguments
/// and remembers which it read, so that <see cref="Finish"/> can reject every argument that was not mapped: no
/// argument is ever dropped silently. Errors name the argument, its owner and the source position.
/// </summary>
internal sealed class ConfigReader
{
    private readonly KerasConfig _config;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly SourceRef _source;

    /// <summary>Creates a reader for the arguments <paramref name="config"/> of <paramref name="owner"/> (e.g.
    /// <c>Conv2D</c> or <c>Dense kernel_initializer HeNormal</c>), written at <paramref name="source"/>.</summary>
    public ConfigReader(string owner, KerasConfig config, SourceRef source, BuildContext context, string? jsonConfigPath = null)
    {
        Owner = owner;
        _config = config;
        _source = source;
        Context = context;
        JsonConfigPath = jsonConfigPath ?? (source.JsonPath is { } p ? p + ".config" : null);
    }

    /// <summary>The layer or object whose arguments these are, for messages.</summary>
    public string Owner { get; }

    /// <summary>Where notes go and which defaults apply.</summary>
    public BuildContext Context { get; }

    /// <summary>JSON path of the config object for JSON input (arguments are <c>path.key</c>), else null.</summary>
    public string? JsonConfigPath { get; }

    /// <summary>Where the layer or object was written.</summary>
    public SourceRef Source => _source;

    /// <summary>Whether <paramref name="key"/> was given with a value other than None.</summary>
    public bool Has(string key) => _config.TryGetValue(key, out var v) && v is not KerasNone;

    /// <summary>The raw value of <paramref name="key"/> (marking it read), or null when not given.</summary>
    public KerasValue? Take(string key)
    {
        _read.Add(key);
        return _config.GetValueOrNull(key);
    }

    /// <summary>A required integer.</summary>
    public int Int(string key) => Int(key, null) ?? throw Fail(key, "is required");

    /// <summary>An integer, or <paramref name="fallback"/> when not given or None.</summary>
    public int Int(string key, int fallback) => Int(key, null) ?? fallback;

    /// <summary>An integer, or null when not given or None.</summary>
    public int? OptionalInt(string key) => Int(key, null);

    private int? Int(string key, int? fallback)
    {
        var v = Take(key);
        return v switch
        {
            null or KerasNone => fallback,
            KerasInt i when i.Value is >= int.MinValue and <= int.MaxValue => (int)i.Value,
            KerasFloat f when f.Value == Math.Floor(f.Value) && Math.Abs(f.Value) <= int.MaxValue => (int)f.Value,
            _ => throw Fail(key, $"expected an integer, got {Describe(v)}"),
        };
    }

    /// <summary>A required whole number (a float such as <c>1e4</c> is accepted when it is integral).</summary>
    public long Long(string key)
    {
        var v = Take(key);
        return v switch
        {
            null or KerasNone => throw Fail(key, "is required"),
            KerasInt i => i.Value,
            KerasFloat f when f.Value == Math.Floor(f.Value) && Math.Abs(f.Value) < 9e15 => (long)f.Value,
            _ => throw Fail(key, $"expected a whole number, got {Describe(v)}"),
        };
    }

    /// <summary>A required list of numbers.</summary>
    public double[] Doubles(string key)
    {
        var v = Take(key);
        if (v is KerasSequence seq && seq.Items.All(x => x is KerasInt or KerasFloat))
        {
            return seq.Items.Select(x => x.TryGetNumber(out double d) ? d : 0).ToArray();
        }

        throw Fail(key, v is null or KerasNone ? "is required" : $"expected a list of numbers, got {Describe(v)}");
    }

    /// <summary>A number, or <paramref name="fallback"/> when not given or None.</summary>
    public double Double(string key, double fallback) => OptionalDouble(key) ?? fallback;

    /// <summary>A required number.</summary>
    public double Double(string key) => OptionalDouble(key) ?? throw Fail(key, "is required");

    /// <summary>A number, or null when not given or None.</summary>
    public double? OptionalDouble(string key)
    {
        var v = Take(key);
        return v switch
        {
            null or KerasNone => null,
            KerasBool => throw Fail(key, $"expected a number, got {Describe(v)}"),
            _ when v.TryGetNumber(out double d) => d,
            _ => throw Fail(key, $"expected a number, got {Describe(v)}"),
        };
    }

    /// <summary>A boolean, or <paramref name="fallback"/> when not given or None.</summary>
    public bool Bool(string key, bool fallback)
    {
        var v = Take(key);
        return v switch
        {
            null or KerasNone => fallback,
            KerasBool b => b.Value,
            KerasInt { Value: 0 or 1 } i => i.Value == 1,
            _ => throw Fail(key, $"expected True or False, got {Describe(v)}"),
        };
    }

    /// <summary>A string, or null when not given or None.</summary>
    public string? String(string key)
    {
        var v = Take(key);
        return v switch
        {
            null or KerasNone => null,
            KerasString s => s.Value,
            _ => throw Fail(key, $"expected a string, got {Describe(v)}"),
        };
    }

    /// <summary>One of the named choices (case-insensitive), or <paramref name="fallback"/> when not given.</summary>
    public T Choice<T>(string key, T fallback, params (string Name, T Value)[] choices)
    {
        string? s = String(key);
        if (s is null)
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, s, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Fail(key, $"'{s}' is not supported", "supported: " + string.Join(", ", choices.Select(c => $"'{c.Name}'")));
    }

    /// <summary>A tuple or list of integers (one int is accepted as a 1-tuple); null when not given or None.</summary>
    public int[]? Ints(string key)
    {
        var v = Take(key);
        switch (v)
        {
            case null or KerasNone:
                return null;
            case KerasInt i:
                return [checked((int)i.Value)];
            case KerasSequence seq when seq.Items.All(x => x is KerasInt):
                return seq.Items.Select(x => checked((int)((KerasInt)x).Value)).ToArray();
            default:
                throw Fail(key, $"expected an integer or a tuple of integers, got {Describe(v)}");
        }
    }

    /// <summary>A tuple or list whose entries are integers or None (Dropout's <c>noise_shape</c>); null when not given.</summary>
    public int?[]? OptionalInts(string key)
    {
        var v = Take(key);
        if (v is null or KerasNone)
        {
            return null;
        }

        var seq = v.AsIntSequence() ?? throw Fail(key, $"expected a tuple of integers or None, got {Describe(v)}");
        return seq.Select(x => x is { } l ? (int?)checked((int)l) : null).ToArray();
    }

    /// <summary>A 2-D size: an int (both axes) or a pair; <paramref name="fallback"/> when not given or None.</summary>
    public Size2D? Size2D(string key, Size2D? fallback)
    {
        var ints = Ints(key);
        return ints switch
        {
            null => fallback,
            [var one] => one,
            [var h, var w] => (h, w),
            _ => throw Fail(key, $"expected 2 integers, got {ints.Length}"),
        };
    }

    /// <summary>A 1-D size: an int or a 1-tuple; <paramref name="fallback"/> when not given or None.</summary>
    public int Size1D(string key, int fallback)
    {
        var ints = Ints(key);
        return ints switch
        {
            null => fallback,
            [var one] => one,
            _ => throw Fail(key, $"expected 1 integer, got {ints.Length}"),
        };
    }

    /// <summary>Accepts <paramref name="key"/> only when it is absent or has a value for which
    /// <paramref name="isDefault"/> holds (the Keras default, which the engine implements); anything else is an
    /// error saying the engine does not support it.</summary>
    public void RequireDefault(string key, Func<KerasValue, bool> isDefault, string what)
    {
        var v = Take(key);
        if (v is not null && !isDefault(v))
        {
            throw Fail(key, $"{Describe(v)} is not supported by the engine", what);
        }
    }

    /// <summary>Accepts <paramref name="key"/> only when absent or None.</summary>
    public void RequireNone(string key, string what) => RequireDefault(key, v => v is KerasNone, what);

    /// <summary>Marks <paramref name="key"/> as read and adds a note when it was given: for arguments that do not
    /// change training results (e.g. <c>fused</c>).</summary>
    public void Ignore(string key, string why)
    {
        var v = Take(key);
        if (v is not null && v is not KerasNone)
        {
            Context.Note(ImportNoteKind.Warning, $"{Owner} argument '{key}'={Describe(v)} has no effect here: {why}", _source);
        }
    }

    /// <summary>Throws for the first argument given but not read.</summary>
    public void Finish()
    {
        foreach (string key in _config.Keys)
        {
            if (!_read.Contains(key))
            {
                throw Fail(key, $"{Describe(_config[key])} is not supported by the engine",
                    "remove the argument or change it to its Keras default");
            }
        }
    }

    /// <summary>An error about argument <paramref name="key"/>, placed at the owner's source position (and the
    /// argument's JSON path for JSON input).</summary>
    public KerasImportException Fail(string key, string reason, string? hint = null) =>
        new(_source.File, _source.Line, _source.Column, _source.Text, $"{Owner} argument '{key}': {reason}", hint,
            JsonConfigPath is null ? null : JsonConfigPath + "." + key);

    /// <summary>An error about the owner as a whole.</summary>
    public KerasImportException FailOwner(string reason, string? hint = null) =>
        new(_source.File, _source.Line, _source.Column, _source.Text, $"{Owner}: {reason}", hint,
            JsonConfigPath is null ? null : _source.JsonPath ?? JsonConfigPath);

    /// <summary>A reader for a nested object (an initializer inside a layer): same place, longer owner.</summary>
    public ConfigReader Nested(string key, KerasObjectSpec obj) =>
        new($"{Owner} {key} {obj.ClassName}", obj.Config, _source, Context,
            JsonConfigPath is null ? null : JsonConfigPath + "." + key + ".config");

    /// <summary>A value as shown in messages: the Python literal, capped.</summary>
    public static string Describe(KerasValue? value)
    {
        string text = value?.ToPython() ?? "None";
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    /// <summary>A number for messages, as Python writes it.</summary>
    public static string Number(double d) => KerasValue.FormatFloat(d);

    /// <summary>An integer for messages.</summary>
    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
