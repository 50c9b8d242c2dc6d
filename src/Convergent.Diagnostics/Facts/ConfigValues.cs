using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Convergent.Diagnostics;

/// <summary>
/// Tolerant readers for Keras layer configurations (<see cref="Convergent.Nn.Layer.GetConfig"/>): values may be
/// numbers, strings, arrays, tuples, or nested <c>{"class_name": …, "config": {…}}</c> dictionaries.
/// </summary>
public static class ConfigValues
{
    /// <summary>A number (int, long, float, double, decimal, numeric string), or null.</summary>
    public static double? Number(object? v) => v switch
    {
        null => null,
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        decimal m => (double)m,
        bool => null,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>A list of integers from an int, an array, a tuple or any enumerable of numbers; null otherwise.</summary>
    public static int[]? Ints(object? v)
    {
        switch (v)
        {
            case null: return null;
            case string: return null;
            case int i: return [i];
            case long l: return [(int)l];
            case int[] a: return a;
            case ITuple t:
                {
                    var r = new int[t.Length];
                    for (int k = 0; k < t.Length; k++) { if (Number(t[k]) is not double d) return null; r[k] = (int)d; }
                    return r;
                }
            case IEnumerable e:
                {
                    var r = new List<int>();
                    foreach (var o in e) { if (Number(o) is not double d) return null; r.Add((int)d); }
                    return [.. r];
                }
            default: return Number(v) is double x ? [(int)x] : null;
        }
    }

    /// <summary>A string, or the <c>class_name</c> of a nested Keras object, or null.</summary>
    public static string? Text(object? v) => v switch
    {
        null => null,
        string s => s,
        IReadOnlyDictionary<string, object?> d when d.TryGetValue("class_name", out var c) => c as string,
        IDictionary<string, object?> d when d.TryGetValue("class_name", out var c) => c as string,
        _ => v.ToString(),
    };

    /// <summary>The inner <c>config</c> of a nested Keras object, or the dictionary itself.</summary>
    public static IReadOnlyDictionary<string, object?>? Inner(object? v) => v switch
    {
        IReadOnlyDictionary<string, object?> d when d.TryGetValue("config", out var c) && c is IReadOnlyDictionary<string, object?> inner => inner,
        IReadOnlyDictionary<string, object?> d => d,
        _ => null,
    };
}
