using System.CommandLine;

namespace Convergent.Cli;

/// <summary>The <c>--store TARGET</c> and <c>--no-store</c> options that <c>doctor</c>, <c>train</c>, <c>runs</c> and
/// <c>serve</c> share.</summary>
internal sealed class StoreOptions
{
    public Option<string?> Store { get; } = new("--store")
    {
        Description = "Run store: a SQLite file, or PostgreSQL as postgres://user:pw@host/db or Host=…;Database=… "
            + "(default: $CONVERGENT_HOME/runs.db, else ~/.convergent/runs.db)",
    };

    public Option<bool> NoStore { get; } = new("--no-store") { Description = "Do not record this run in the run store" };

    /// <summary>Adds <c>--store</c> (and, for verbs that record, <c>--no-store</c>) to <paramref name="command"/>.</summary>
    public StoreOptions AddTo(Command command, bool recording)
    {
        command.Options.Add(Store);
        if (recording) command.Options.Add(NoStore);
        return this;
    }

    /// <summary>The target to record into: null with <c>--no-store</c>, "" for the default store.</summary>
    public string? Target(ParseResult r)
    {
        if (r.GetValue(NoStore))
        {
            if (r.GetValue(Store) is not null) throw new ArgumentException("--store and --no-store exclude each other");
            return null;
        }
        return r.GetValue(Store) ?? "";
    }
}
