using System.Text;
using System.Text.Json;

namespace Convergent.Diagnostics.Logs;

/// <summary>
/// Reads a JSON history: an object of equal-length number arrays (<c>{"loss": […], "val_loss": […]}</c>, Keras's
/// <c>history.history</c>), optionally under a <c>"history"</c> key, with an optional 0-based <c>"epoch"</c> array.
/// Python's bare <c>NaN</c>/<c>Infinity</c> tokens and <c>null</c> are accepted.
/// </summary>
public static class JsonHistoryParser
{
    public static RunRecord Parse(string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(QuoteBareNonFinite(text), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new LogFormatException(source, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {e.Message}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new LogFormatException(source, 1, "a JSON history must be an object of metric arrays, e.g. {\"loss\": [0.9, 0.7], \"val_loss\": [1.0, 0.8]}.");
            if (root.TryGetProperty("history", out var h) && h.ValueKind == JsonValueKind.Object) root = h;

            var columns = new List<(string Name, double[] Values)>();
            double[]? epochs = null;
            foreach (var p in root.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Array) continue;
                var values = new double[p.Value.GetArrayLength()];
                int i = 0;
                foreach (var v in p.Value.EnumerateArray())
                {
                    values[i++] = v.ValueKind switch
                    {
                        JsonValueKind.Number => v.GetDouble(),
                        JsonValueKind.Null => double.NaN,
                        JsonValueKind.String => ParseSpecial(v.GetString()!, source, LineOf(text, p.Name), p.Name),
                        _ => throw new LogFormatException(source, LineOf(text, p.Name), $"\"{p.Name}\"[{i}] is {v.ValueKind}, expected a number."),
                    };
                }
                if (p.Name == "epoch") epochs = values; else columns.Add((p.Name, values));
            }
            if (columns.Count == 0)
                throw new LogFormatException(source, 1, "the JSON object has no metric arrays; expected e.g. {\"loss\": […], \"val_loss\": […]}.");
            int n = columns[0].Values.Length;
            foreach (var (name, values) in columns)
                if (values.Length != n)
                    throw new LogFormatException(source, LineOf(text, name),
                        $"\"{name}\" has {values.Length} values but \"{columns[0].Name}\" has {n}; every metric needs one value per epoch.");
            var record = new RunRecord();
            for (int e = 0; e < n; e++)
            {
                int number = epochs is not null && epochs.Length == n && double.IsFinite(epochs[e]) ? (int)epochs[e] + 1 : e + 1;
                record.Epochs.Add(number, columns.Select(c => new KeyValuePair<string, double>(c.Name, c.Values[e])));
            }
            record.Training.PlannedEpochs = n;
            return record;
        }
    }

    private static double ParseSpecial(string s, string source, int line, string name) => s.Trim().ToLowerInvariant() switch
    {
        "nan" => double.NaN,
        "infinity" or "inf" => double.PositiveInfinity,
        "-infinity" or "-inf" => double.NegativeInfinity,
        var t when double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new LogFormatException(source, line, $"\"{name}\" holds the text \"{s}\", expected a number."),
    };

    private static int LineOf(string text, string key)
    {
        int i = text.IndexOf('"' + key + '"', StringComparison.Ordinal);
        if (i < 0) return 1;
        int line = 1;
        for (int k = 0; k < i; k++) if (text[k] == '\n') line++;
        return line;
    }

    /// <summary>Turns Python's bare NaN, Infinity and -Infinity tokens (outside strings) into strings JSON can carry.</summary>
    internal static string QuoteBareNonFinite(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        bool inString = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < text.Length) sb.Append(text[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') { inString = true; sb.Append(c); continue; }
            string? token = Match(text, i, "-Infinity") ?? Match(text, i, "Infinity") ?? Match(text, i, "NaN");
            if (token is not null) { sb.Append('"').Append(token).Append('"'); i += token.Length - 1; continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string? Match(string text, int i, string token) =>
        string.CompareOrdinal(text, i, token, 0, token.Length) == 0 ? token : null;
}
