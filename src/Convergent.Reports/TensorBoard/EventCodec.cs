using System.Buffers.Binary;
using Google.Protobuf;
using static Convergent.Reports.TensorBoard.ProtoWire;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// Protocol-buffer encoding of the few TensorBoard messages an export needs, written by hand with Google.Protobuf's
/// coded streams instead of generated classes (field numbers from tensorboard/compat/proto/event.proto,
/// summary.proto, histogram.proto, tensor.proto and tensor_shape.proto):
/// Event{wall_time=1 double, step=2 int64, file_version=3 string, summary=5};
/// Summary{value=1 repeated}; Value{tag=1, simple_value=2 float, histo=5, tensor=8, metadata=9};
/// HistogramProto{min=1, max=2, num=3, sum=4, sum_squares=5, bucket_limit=6 packed, bucket=7 packed};
/// TensorProto{dtype=1, tensor_shape=2, string_val=8}; SummaryMetadata{plugin_data=1{plugin_name=1, content=2},
/// data_class=4}. Decoding skips every field it does not know, as protobuf readers must.
/// </summary>
internal static class EventCodec
{
    private const int DtString = 7;          // tensorflow DataType DT_STRING (types.proto)
    // DataClass DATA_CLASS_TENSOR (summary.proto): what TensorBoard's loaders assign the text and custom-scalars
    // plugins' values anyway (dataclass_compat.py, data_compat.rs); set explicitly so no loader has to guess
    private const int DataClassTensor = 2;

    public static byte[] Encode(TfEvent e)
    {
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Fixed64);
            o.WriteDouble(e.WallTime);
            if (e.Step != 0)
            {
                o.WriteTag(2, WireFormat.WireType.Varint);
                o.WriteInt64(e.Step);
            }
            if (e.FileVersion is not null) WriteString(o, 3, e.FileVersion);
            if (e.Values.Count > 0)
                WriteMessage(o, 5, Message(s => { foreach (var v in e.Values) WriteMessage(s, 1, EncodeValue(v)); }));
        });
    }

    private static byte[] EncodeValue(TfValue v) => Message(o =>
    {
        WriteString(o, 1, v.Tag);
        if (v.Scalar is float f)
        {
            o.WriteTag(2, WireFormat.WireType.Fixed32);
            o.WriteFloat(f);
        }
        else if (v.Histogram is { } h)
        {
            WriteMessage(o, 5, EncodeHistogram(h));
        }
        else if (v.StringTensor is { } bytes && v.PluginName is { } plugin)
        {
            WriteMessage(o, 8, Message(t =>
            {
                t.WriteTag(1, WireFormat.WireType.Varint);
                t.WriteEnum(DtString);
                WriteMessage(t, 2, []);   // a scalar: a shape with no dimensions
                t.WriteTag(8, WireFormat.WireType.LengthDelimited);
                t.WriteBytes(ByteString.CopyFrom(bytes));
            }));
            WriteMessage(o, 9, Message(m =>
            {
                // content stays empty: the text plugin's TextPluginData{version=0} serializes to no bytes, and the
                // custom-scalars plugin sets none
                WriteMessage(m, 1, Message(p => WriteString(p, 1, plugin)));
                m.WriteTag(4, WireFormat.WireType.Varint);
                m.WriteEnum(DataClassTensor);
            }));
        }
        else throw new ArgumentException($"Summary value '{v.Tag}' has no scalar, histogram or plugin string.", nameof(v));
    });

    private static byte[] EncodeHistogram(TfHistogram h) => Message(o =>
    {
        ReadOnlySpan<double> fields = [h.Min, h.Max, h.Num, h.Sum, h.SumSquares];
        for (int i = 0; i < fields.Length; i++)
        {
            o.WriteTag(i + 1, WireFormat.WireType.Fixed64);
            o.WriteDouble(fields[i]);
        }
        WritePackedDoubles(o, 6, h.BucketLimits);
        WritePackedDoubles(o, 7, h.BucketCounts);
    });

    private static void WritePackedDoubles(CodedOutputStream o, int field, double[] values)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteLength(values.Length * sizeof(double));
        foreach (double d in values) o.WriteDouble(d);
    }

    /// <summary>Decodes an Event; throws <see cref="InvalidProtocolBufferException"/> or <see cref="FormatException"/> on malformed input.</summary>
    public static TfEvent Decode(byte[] data)
    {
        var input = new CodedInputStream(data);
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var values = new List<TfValue>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Fixed64: wallTime = input.ReadDouble(); break;
                case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint: step = input.ReadInt64(); break;
                case 3 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited: fileVersion = input.ReadString(); break;
                case 5 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited: DecodeSummary(input.ReadBytes(), values); break;
                default: input.SkipLastField(); break;
            }
        }
        return new TfEvent(wallTime, step, values) { FileVersion = fileVersion };
    }

    private static void DecodeSummary(ByteString summary, List<TfValue> values)
    {
        var input = summary.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited)) values.Add(DecodeValue(input.ReadBytes()));
            else input.SkipLastField();
        }
    }

    private static TfValue DecodeValue(ByteString value)
    {
        var input = value.CreateCodedInput();
        string tagName = "";
        float? scalar = null;
        TfHistogram? histogram = null;
        byte[]? stringTensor = null;
        string? plugin = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited: tagName = input.ReadString(); break;
                case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Fixed32: scalar = input.ReadFloat(); break;
                case 5 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited: histogram = DecodeHistogram(input.ReadBytes()); break;
                case 8 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited: stringTensor = DecodeStringTensor(input.ReadBytes()); break;
                case 9 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited: plugin = DecodePluginName(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }
        return new TfValue(tagName) { Scalar = scalar, Histogram = histogram, StringTensor = stringTensor, PluginName = plugin };
    }

    private static TfHistogram DecodeHistogram(ByteString histogram)
    {
        var input = histogram.CreateCodedInput();
        var scalars = new double[5];
        var limits = new List<double>();
        var counts = new List<double>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            int field = WireFormat.GetTagFieldNumber(tag);
            var wire = WireFormat.GetTagWireType(tag);
            if (field is >= 1 and <= 5 && wire == WireFormat.WireType.Fixed64) scalars[field - 1] = input.ReadDouble();
            else if (field is 6 or 7 && wire == WireFormat.WireType.LengthDelimited) ReadPackedDoubles(input.ReadBytes(), field == 6 ? limits : counts);
            // a repeated double may also come unpacked, one element per tag (protobuf encoding rules)
            else if (field is 6 or 7 && wire == WireFormat.WireType.Fixed64) (field == 6 ? limits : counts).Add(input.ReadDouble());
            else input.SkipLastField();
        }
        return new TfHistogram(scalars[0], scalars[1], scalars[2], scalars[3], scalars[4], [.. limits], [.. counts]);
    }

    private static void ReadPackedDoubles(ByteString packed, List<double> into)
    {
        var span = packed.Span;
        if (span.Length % sizeof(double) != 0)
            throw new FormatException($"A packed double field holds {span.Length} bytes, not a multiple of 8.");
        for (int i = 0; i < span.Length; i += sizeof(double)) into.Add(BinaryPrimitives.ReadDoubleLittleEndian(span[i..]));
    }

    // The first string of a TensorProto; null when the tensor is not DT_STRING.
    private static byte[]? DecodeStringTensor(ByteString tensor)
    {
        var input = tensor.CreateCodedInput();
        int dtype = 0;
        byte[]? first = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.Varint)) dtype = input.ReadEnum();
            else if (tag == WireFormat.MakeTag(8, WireFormat.WireType.LengthDelimited))
            {
                var bytes = input.ReadBytes();
                first ??= bytes.ToByteArray();
            }
            else input.SkipLastField();
        }
        return dtype == DtString ? first : null;
    }

    // SummaryMetadata.plugin_data.plugin_name, or null.
    private static string? DecodePluginName(ByteString metadata)
    {
        var input = metadata.CreateCodedInput();
        string? name = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited))
            {
                var pluginData = input.ReadBytes().CreateCodedInput();
                uint t;
                while ((t = pluginData.ReadTag()) != 0)
                {
                    if (t == WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited)) name = pluginData.ReadString();
                    else pluginData.SkipLastField();
                }
            }
            else input.SkipLastField();
        }
        return name;
    }
}
