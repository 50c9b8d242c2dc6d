namespace Convergent.Kernels.Tests;

/// <summary>
/// Tests that change the process-wide <see cref="Parallelism.MaxThreads"/> run in this collection, alone,
/// so they never change the thread count under another test's feet.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ParallelismCollection
{
    /// <summary>The collection name used by <c>[Collection]</c>.</summary>
    public const string Name = "Parallelism.MaxThreads mutators";
}
