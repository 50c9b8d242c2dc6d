using Google.Protobuf;
using static Convergent.Reports.TensorBoard.ProtoWire;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// A layout for TensorBoard's Custom Scalars tab: categories of charts, each chart drawing every tag that matches
/// one of its regular expressions as one line. The export uses it to put all layers of a statistic into one chart
/// (<c>gradient_norm/.*</c>) — one chart per statistic instead of one per layer and statistic. Written as a
/// string tensor tagged <see cref="Tag"/> for the <see cref="PluginName"/> plugin; the bytes are a
/// <c>Layout</c> message (tensorboard/plugins/custom_scalar/layout.proto: Layout{version=1, category=2};
/// Category{title=1, chart=2, closed=3}; Chart{title=1, multiline=2}; MultilineChartContent{tag=1}).
/// </summary>
public sealed record CustomScalarsLayout(IReadOnlyList<CustomScalarsLayout.Category> Categories)
{
    /// <summary>The tag the custom-scalars plugin looks for (its <c>CONFIG_SUMMARY_TAG</c>).</summary>
    public const string Tag = "custom_scalars__config__";

    /// <summary>The plugin's name.</summary>
    public const string PluginName = "custom_scalars";

    /// <summary>A collapsible group of charts.</summary>
    public sealed record Category(string Title, IReadOnlyList<Chart> Charts);

    /// <summary>A multi-line chart: one line per tag matching one of <paramref name="TagPatterns"/> (regular expressions).</summary>
    public sealed record Chart(string Title, IReadOnlyList<string> TagPatterns);

    /// <summary>The layout as the summary value TensorBoard reads.</summary>
    public TfValue ToValue() => TfValue.OfPluginString(Tag, PluginName, Encode());

    /// <summary>The serialized <c>Layout</c> message.</summary>
    public byte[] Encode() => Message(o =>
    {
        foreach (var category in Categories)
            WriteMessage(o, 2, Message(c =>
            {
                WriteString(c, 1, category.Title);
                foreach (var chart in category.Charts)
                    WriteMessage(c, 2, Message(ch =>
                    {
                        WriteString(ch, 1, chart.Title);
                        WriteMessage(ch, 2, Message(m => { foreach (var t in chart.TagPatterns) WriteString(m, 1, t); }));
                    }));
            }));
    });

    /// <summary>Parses a serialized <c>Layout</c> (multi-line charts only; margin charts are skipped).</summary>
    public static CustomScalarsLayout Decode(byte[] bytes)
    {
        var categories = new List<Category>();
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag != WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited)) { input.SkipLastField(); continue; }
            var c = input.ReadBytes().CreateCodedInput();
            string title = "";
            var charts = new List<Chart>();
            while ((tag = c.ReadTag()) != 0)
            {
                if (tag == WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited)) title = c.ReadString();
                else if (tag == WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited)) DecodeChart(c.ReadBytes(), charts);
                else c.SkipLastField();
            }
            categories.Add(new Category(title, charts));
        }
        return new CustomScalarsLayout(categories);
    }

    private static void DecodeChart(ByteString bytes, List<Chart> into)
    {
        var ch = bytes.CreateCodedInput();
        string title = "";
        List<string>? tags = null;
        uint tag;
        while ((tag = ch.ReadTag()) != 0)
        {
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited)) title = ch.ReadString();
            else if (tag == WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited))
            {
                tags = [];
                var m = ch.ReadBytes().CreateCodedInput();
                while ((tag = m.ReadTag()) != 0)
                {
                    if (tag == WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited)) tags.Add(m.ReadString());
                    else m.SkipLastField();
                }
            }
            else ch.SkipLastField();
        }
        if (tags is not null) into.Add(new Chart(title, tags));
    }
}
