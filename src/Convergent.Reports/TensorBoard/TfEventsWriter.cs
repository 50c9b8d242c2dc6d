namespace Convergent.Reports.TensorBoard;

/// <summary>
/// Writes one TensorBoard events file, <c>events.out.tfevents.&lt;unix-seconds&gt;.&lt;hostname&gt;</c>, atomically: the
/// events go to a temporary file in the same folder (named without "tfevents", so TensorBoard never picks up a
/// half-written file), and <see cref="Commit"/> renames it into place. The first event is the file-version header
/// <c>brain.Event:2</c>, as TensorFlow's and TensorBoard's writers start every file.
/// </summary>
public sealed class TfEventsWriter : IDisposable
{
    /// <summary>The file version written in the header event. Version 2 also tells TensorBoard that steps may be
    /// written out of order without meaning a restart (it does not purge "orphaned" data of version-2 files).</summary>
    public const string FileVersion = "brain.Event:2";

    /// <summary>The prefix of every events file name.</summary>
    public const string FilePrefix = "events.out.tfevents.";

    private readonly string _tempPath;
    private FileStream? _stream;
    private readonly TfRecordWriter _records;
    private bool _committed;

    /// <summary>Starts an events file in <paramref name="directory"/> (created when missing), named after
    /// <paramref name="created"/> and this machine's name; the header event carries <paramref name="created"/>.</summary>
    public TfEventsWriter(string directory, DateTimeOffset created)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = System.IO.Path.GetFullPath(directory);
        Directory.CreateDirectory(full);
        Path = System.IO.Path.Combine(full, FileName(created, Environment.MachineName));
        _tempPath = System.IO.Path.Combine(full, $".convergent-{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        _records = new TfRecordWriter(_stream);
        Write(new TfEvent(UnixSeconds(created), 0, []) { FileVersion = FileVersion });
    }

    /// <summary>Where the file will be once committed.</summary>
    public string Path { get; }

    /// <summary>The name TensorFlow gives an events file: <c>events.out.tfevents.&lt;unix-seconds&gt;.&lt;hostname&gt;</c>.</summary>
    public static string FileName(DateTimeOffset created, string hostname) =>
        $"{FilePrefix}{created.ToUnixTimeSeconds()}.{hostname}";

    /// <summary>Seconds since the Unix epoch with sub-second precision, as Event.wall_time holds them.</summary>
    public static double UnixSeconds(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <summary>Appends an event.</summary>
    public void Write(TfEvent e)
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        _records.Write(EventCodec.Encode(e));
    }

    /// <summary>Flushes the file to disk and renames it to <see cref="Path"/> (replacing a file of that name).</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        _stream = null;
        File.Move(_tempPath, Path, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the file; an uncommitted one is deleted, leaving nothing behind.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_committed)
        {
            try { File.Delete(_tempPath); } catch (IOException) { }
        }
    }
}
