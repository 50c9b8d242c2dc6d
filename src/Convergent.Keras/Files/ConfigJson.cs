using System.Collections;
using System.Text;
using System.Text.Json;

namespace Convergent.Keras.Files;

/// <summary>Writes configuration values (what <c>GetConfig()</c> returns: numbers, strings, booleans, null, arrays
/// and nested dictionaries) as JSON. Floating-point numbers are written as Python's <c>repr</c> writes them (shortest
/// round trip, always with a decimal point or exponent), so they read back as the same double and as floats.</summary>
internal static class ConfigJson
{
    private const int MaxDepth = 32;

    public static byte[] Serialize(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, value, 0);
        }

        return buffer.ToArray();
    }

    public static string SerializeToString(object? value) => Encoding.UTF8.GetString(Serialize(value));

    private static void Write(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Configuration nested more than {MaxDepth} levels deep.");
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int or long or short or byte or sbyte or uint or ushort:
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case double or float:
            {
                double d = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                if (!double.IsFinite(d))
                {
                    throw new ArgumentException($"A configuration value is {d}, which JSON cannot hold.");
                }

                writer.WriteRawValue(KerasValue.FormatFloat(d));
                break;
            }

            case KerasObjectConfig obj:
                Write(writer, obj.ToDictionary(), depth);
                break;
            case IReadOnlyDictionary<string, object?> dict:
                writer.WriteStartObject();
                foreach (var (key, item) in dict)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case IDictionary other:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in other)
                {
                    writer.WritePropertyName(entry.Key as string ?? throw new ArgumentException("Configuration keys must be strings."));
                    Write(writer, entry.Value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"A configuration value of type {value.GetType().Name} cannot be written as JSON.");
        }
    }
}
