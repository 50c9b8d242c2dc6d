using System.Globalization;
using System.Text;

namespace Convergent.Nn;

public abstract partial class Model
{
    /// <summary>Keras 3's summary table (layer and type, output shape with <c>None</c> for the batch, parameter
    /// count) and the totals, written to <see cref="Output"/> and returned.</summary>
    public string Summary()
    {
        var rows = Layers.Select(l => (Name: $"{l.Name} ({l.ClassName})",
            Shape: l.OutputShape is null ? "?" : WithBatch(l.OutputShape),
            Params: l.ParameterCount.ToString("N0", CultureInfo.InvariantCulture))).ToList();
        int w1 = Math.Max(31, rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max() + 1);
        int w2 = Math.Max(22, rows.Select(r => r.Shape.Length).DefaultIfEmpty(0).Max() + 1);
        int w3 = 13;
        var sb = new StringBuilder();
        sb.AppendLine($"Model: \"{Name}\"");
        sb.AppendLine($"┏{new string('━', w1 + 2)}┳{new string('━', w2 + 2)}┳{new string('━', w3 + 2)}┓");
        sb.AppendLine($"┃ {"Layer (type)".PadRight(w1)} ┃ {"Output Shape".PadRight(w2)} ┃ {"Param #".PadLeft(w3)} ┃");
        sb.AppendLine($"┡{new string('━', w1 + 2)}╇{new string('━', w2 + 2)}╇{new string('━', w3 + 2)}┩");
        for (int i = 0; i < rows.Count; i++)
        {
            sb.AppendLine($"│ {rows[i].Name.PadRight(w1)} │ {rows[i].Shape.PadRight(w2)} │ {rows[i].Params.PadLeft(w3)} │");
            if (i < rows.Count - 1) sb.AppendLine($"├{new string('─', w1 + 2)}┼{new string('─', w2 + 2)}┼{new string('─', w3 + 2)}┤");
        }
        sb.AppendLine($"└{new string('─', w1 + 2)}┴{new string('─', w2 + 2)}┴{new string('─', w3 + 2)}┘");
        long total = ParameterCount, trainable = Layers.Sum(l => l.TrainableParameterCount);
        sb.AppendLine($" Total params: {Count(total)}");
        sb.AppendLine($" Trainable params: {Count(trainable)}");
        sb.AppendLine($" Non-trainable params: {Count(total - trainable)}");
        var text = sb.ToString();
        Output.Write(text);
        return text;
    }

    /// <summary>Keras's count with its float32 size: <c>2,432 (9.50 KB)</c>.</summary>
    private static string Count(long n)
    {
        double bytes = n * 4.0;
        string size = bytes >= 1 << 30 ? $"{bytes / (1 << 30):0.00} GB" : bytes >= 1 << 20 ? $"{bytes / (1 << 20):0.00} MB" : bytes >= 1024 ? $"{bytes / 1024:0.00} KB" : $"{bytes:0.00} B";
        return $"{n.ToString("N0", CultureInfo.InvariantCulture)} ({size})";
    }
}
