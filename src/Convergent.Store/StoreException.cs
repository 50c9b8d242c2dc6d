namespace Convergent.Store;

/// <summary>The store cannot be used as given: a bad target, a file that is not a SQLite database, a server that
/// cannot be reached, a schema newer than this code. The message names the target and what was expected.</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message, Exception? inner = null) : base(message, inner) { }
}
