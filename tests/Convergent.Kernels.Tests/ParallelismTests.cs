namespace Convergent.Kernels.Tests;

[Collection(ParallelismCollection.Name)]
public sealed class ParallelismTests
{
    [Fact]
    public void MaxThreads_SetBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.MaxThreads = 0);
        Assert.True(Parallelism.MaxThreads >= 1);
    }

    [Theory]
    [InlineData(1, 0, 10)]
    [InlineData(2, 0, 1)]
    [InlineData(2, 3, 1000)]
    [InlineData(3, -5, 7)]
    [InlineData(8, 0, 5)]
    public void For_AnyThreadCount_RunsEveryIndexExactlyOnce(int threads, int from, int to)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = threads;
            var hits = new int[to - from];
            Parallelism.For(from, to, i => Interlocked.Increment(ref hits[i - from]));
            Assert.All(hits, h => Assert.Equal(1, h));
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void For_EmptyRange_NeverCallsBody()
    {
        int calls = 0;
        Parallelism.For(5, 5, _ => calls++);
        Parallelism.For(5, 2, _ => calls++);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void For_BodyThrows_ExceptionReachesCaller()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            var ex = Record.Exception(() => Parallelism.For(0, 100, i =>
            {
                if (i == 77)
                    throw new InvalidOperationException("boom");
            }));
            Assert.NotNull(ex);
            var inner = ex is AggregateException agg ? agg.InnerExceptions.Single() : ex;
            Assert.IsType<InvalidOperationException>(inner);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void For_NestedCall_RunsEveryInnerIndex()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            var hits = new int[4 * 50];
            Parallelism.For(0, 4, outer => Parallelism.For(0, 50, inner => Interlocked.Increment(ref hits[outer * 50 + inner])));
            Assert.All(hits, h => Assert.Equal(1, h));
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
