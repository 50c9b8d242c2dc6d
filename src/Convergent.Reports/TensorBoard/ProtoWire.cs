using Google.Protobuf;

namespace Convergent.Reports.TensorBoard;

/// <summary>Small helpers for writing protobuf messages by hand: a nested message is serialized to bytes first and
/// then written as a length-delimited field (the messages here are kilobytes, so the copy costs nothing).</summary>
internal static class ProtoWire
{
    /// <summary>The bytes <paramref name="write"/> produces.</summary>
    public static byte[] Message(Action<CodedOutputStream> write)
    {
        using var ms = new MemoryStream();
        using (var o = new CodedOutputStream(ms, leaveOpen: true))
        {
            write(o);
            o.Flush();
        }
        return ms.ToArray();
    }

    /// <summary>A length-delimited field holding a serialized message.</summary>
    public static void WriteMessage(CodedOutputStream o, int field, byte[] message)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(message));
    }

    /// <summary>A string field.</summary>
    public static void WriteString(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    }
}
