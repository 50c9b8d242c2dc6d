using Convergent.Reports.TensorBoard;

namespace Convergent.Reports.Tests.TensorBoard;

public class TfEventsReaderTests
{
    private static readonly DateTimeOffset OneAndAHalfSeconds = DateTimeOffset.UnixEpoch.AddMilliseconds(1500);

    // Three records: the header (40 bytes: 24 of Event, 16 of framing), then two scalar events.
    private static string WriteSample(string folder)
    {
        using var w = new TfEventsWriter(folder, OneAndAHalfSeconds);
        w.Write(new TfEvent(2.0, 7, [TfValue.OfScalar("loss", 0.25)]));
        w.Write(new TfEvent(2.0, 8, [TfValue.OfScalar("loss", 0.125), TfValue.OfText("notes", "| a | b |")]));
        w.Commit();
        return w.Path;
    }

    private static void Corrupt(string path, Action<List<byte>> change)
    {
        var bytes = File.ReadAllBytes(path).ToList();
        change(bytes);
        File.WriteAllBytes(path, [.. bytes]);
    }

    [Fact]
    public void Writer_HeaderRecord_MatchesIndependentlyComputedBytes()
    {
        // Generated with a stdlib-only Python TFRecord writer (own table CRC-32C and mask, struct.pack):
        //   body = b'\x09' + struct.pack('<d', 1.5) + b'\x1a\x0d' + b'brain.Event:2'
        //   hdr = struct.pack('<Q', len(body))
        //   rec = hdr + struct.pack('<I', mask(crc32c(hdr))) + body + struct.pack('<I', mask(crc32c(body)))
        const string expected = "1800000000000000a37f4b2209000000000000f83f1a0d627261696e2e4576656e743a322a28646c";
        using var dir = new TempFolder();
        var path = WriteSample(dir.Path);
        Assert.Equal(expected, Convert.ToHexStringLower(File.ReadAllBytes(path).AsSpan(0, 40)));
        Assert.Equal($"events.out.tfevents.1.{Environment.MachineName}", Path.GetFileName(path));
    }

    [Fact]
    public void RecordWriter_HeaderOfARealTensorFlowFile_ReproducesItsBytes()
    {
        // a header record as TensorFlow wrote it (test vector in TensorBoard's data/server/tf_record.rs): length 24,
        // its checksum 0x224B7FA3, Event{wall_time=1599759586.0, file_version="brain.Event:2"}, data checksum 0xAB364B12
        byte[] data = [0x09, 0x00, 0x00, 0x80, 0x38, 0x99, 0xd6, 0xd7, 0x41, 0x1a, 0x0d, .. "brain.Event:2"u8];
        byte[] expected = [0x18, 0, 0, 0, 0, 0, 0, 0, 0xa3, 0x7f, 0x4b, 0x22, .. data, 0x12, 0x4b, 0x36, 0xab];
        using var ms = new MemoryStream();

        new TfRecordWriter(ms).Write(data);

        Assert.Equal(expected, ms.ToArray());
        Assert.Equal(data, EventCodec.Encode(new TfEvent(1599759586.0, 0, []) { FileVersion = "brain.Event:2" }));
        var read = TfRecordReader.ReadAll(new MemoryStream(expected), "tf.record");
        Assert.Equal(data, Assert.Single(read).Data);
    }

    [Fact]
    public void Encode_ScalarEvent_MatchesHandEncodedBytes()
    {
        // Event{wall_time=2.0 (field 1, fixed64), step=7 (field 2, varint), summary (field 5) {value (field 1)
        // {tag="loss" (field 1), simple_value=0.25f (field 2, fixed32)}}}, encoded by hand with struct.pack
        const string expected = "09000000000000004010072a0d0a0b0a046c6f7373150000803e";
        Assert.Equal(expected, Convert.ToHexStringLower(EventCodec.Encode(new TfEvent(2.0, 7, [TfValue.OfScalar("loss", 0.25)]))));
    }

    [Fact]
    public void Layout_OneChart_MatchesHandEncodedBytes()
    {
        // Layout{category=2 {title=1 "c", chart=2 {title=1 "t", multiline=2 {tag=1 "^a/"}}}}, encoded by hand
        const string expected = "120f0a0163120a0a017412050a035e612f";
        var layout = new CustomScalarsLayout([new("c", [new("t", ["^a/"])])]);

        Assert.Equal(expected, Convert.ToHexStringLower(layout.Encode()));
        Assert.Equal(layout.Categories[0].Charts[0].TagPatterns, CustomScalarsLayout.Decode(layout.Encode()).Categories[0].Charts[0].TagPatterns);
    }

    [Fact]
    public void Read_WhatTheWriterWrote_GivesTheSameEvents()
    {
        using var dir = new TempFolder();
        var histogram = new TfHistogram(-1, 3, 10, 15, 32.5, [0, 1, 2, 3], [1, 2, 3, 4]);
        string path;
        using (var w = new TfEventsWriter(dir.Path, OneAndAHalfSeconds))
        {
            w.Write(new TfEvent(5.5, 3, [TfValue.OfScalar("a/b", -0.75), TfValue.OfHistogram("h", histogram), TfValue.OfText("t", "**bold** — ünïcode")]));
            w.Write(new TfEvent(6.5, long.MaxValue, [TfValue.OfScalar("nan", double.NaN)]));
            w.Commit();
            path = w.Path;
        }

        var events = TfEventsReader.Read(path);

        Assert.Equal(3, events.Count);
        Assert.Equal((1.5, 0L, "brain.Event:2", 0), (events[0].WallTime, events[0].Step, events[0].FileVersion, events[0].Values.Count));
        var e = events[1];
        Assert.Equal((5.5, 3L, (string?)null), (e.WallTime, e.Step, e.FileVersion));
        Assert.Equal(["a/b", "h", "t"], e.Values.Select(v => v.Tag));
        Assert.Equal(-0.75f, e.Values[0].Scalar);
        var h = e.Values[1].Histogram!;
        Assert.Equal((-1.0, 3.0, 10.0, 15.0, 32.5), (h.Min, h.Max, h.Num, h.Sum, h.SumSquares));
        Assert.Equal(histogram.BucketLimits, h.BucketLimits);
        Assert.Equal(histogram.BucketCounts, h.BucketCounts);
        Assert.Equal("**bold** — ünïcode", e.Values[2].Text);
        Assert.Equal("text", e.Values[2].PluginName);
        Assert.Null(e.Values[0].PluginName);
        Assert.Equal((long.MaxValue, float.NaN), (events[2].Step, events[2].Values[0].Scalar!.Value));
    }

    [Fact]
    public void Read_FlippedDataByte_FailsNamingTheFileAndTheRecordOffset()
    {
        using var dir = new TempFolder();
        var path = WriteSample(dir.Path);
        Corrupt(path, b => b[40 + 12 + 5] ^= 0x01);   // a byte of the second record's data

        var ex = Assert.Throws<TfEventsFormatException>(() => TfEventsReader.Read(path));

        Assert.Equal((path, 40L), (ex.Path, ex.Offset));
        Assert.Contains(path, ex.Message);
        Assert.Contains("data CRC mismatch", ex.Message);
        Assert.Contains("byte offset 40", ex.Message);
    }

    [Fact]
    public void Read_FlippedLengthByte_FailsWithLengthCrcMismatch()
    {
        using var dir = new TempFolder();
        var path = WriteSample(dir.Path);
        Corrupt(path, b => b[40] ^= 0x04);

        var ex = Assert.Throws<TfEventsFormatException>(() => TfEventsReader.Read(path));

        Assert.Equal(40, ex.Offset);
        Assert.Contains("length CRC mismatch", ex.Message);
    }

    [Fact]
    public void Read_TruncatedLastRecord_FailsAtThatRecord()
    {
        using var dir = new TempFolder();
        var path = WriteSample(dir.Path);
        var records = TfRecordReader.ReadAll(path);
        Corrupt(path, b => b.RemoveRange(b.Count - 3, 3));

        var ex = Assert.Throws<TfEventsFormatException>(() => TfEventsReader.Read(path));

        Assert.Equal(records[^1].Offset, ex.Offset);
        Assert.Contains("truncated record: 1 of 4 data-CRC bytes", ex.Message);
    }

    [Fact]
    public void Read_CutInsideAHeader_FailsWithTruncatedHeader()
    {
        using var dir = new TempFolder();
        var path = WriteSample(dir.Path);
        Corrupt(path, b => b.RemoveRange(45, b.Count - 45));

        var ex = Assert.Throws<TfEventsFormatException>(() => TfEventsReader.Read(path));

        Assert.Equal(40, ex.Offset);
        Assert.Contains("truncated record header: 5 of 12 bytes", ex.Message);
    }

    [Fact]
    public void Read_ValidFramingAroundNonProtobufBytes_FailsAsInvalidEvent()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "events.out.tfevents.1.test");
        using (var fs = File.Create(path))
        {
            var records = new TfRecordWriter(fs);
            records.Write(EventCodec.Encode(new TfEvent(1, 0, []) { FileVersion = "brain.Event:2" }));
            records.Write([0x0A, 0xFF, 0xFF, 0xFF, 0x0F]);   // field 1, length-delimited, length far past the end
        }

        var ex = Assert.Throws<TfEventsFormatException>(() => TfEventsReader.Read(path));

        Assert.Equal(40, ex.Offset);
        Assert.Contains("not a valid Event message", ex.Message);
    }

    [Fact]
    public void Read_FirstEventNotAHeader_Fails()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "events.out.tfevents.1.test");
        using (var fs = File.Create(path))
            new TfRecordWriter(fs).Write(EventCodec.Encode(new TfEvent(1, 4, [TfValue.OfScalar("x", 1)])));

        var ex = Assert.Throws<TfEventsFormatException>(() => TfEventsReader.Read(path));

        Assert.Equal(0, ex.Offset);
        Assert.Contains("not a file-version header (file_version = absent)", ex.Message);
    }

    [Fact]
    public void Read_EmptyFile_Fails()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "events.out.tfevents.1.test");
        File.WriteAllBytes(path, []);

        var ex = Assert.Throws<TfEventsFormatException>(() => TfEventsReader.Read(path));

        Assert.Contains("holds no records", ex.Message);
    }

    [Fact]
    public void Writer_DisposedWithoutCommit_LeavesNothing()
    {
        using var dir = new TempFolder();
        using (var w = new TfEventsWriter(dir.Path, OneAndAHalfSeconds))
            w.Write(new TfEvent(2.0, 1, [TfValue.OfScalar("loss", 1)]));

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
