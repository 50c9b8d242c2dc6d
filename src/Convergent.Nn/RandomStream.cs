using System.Numerics;

namespace Convergent.Nn;

/// <summary>
/// A seeded random stream that gives exactly the numbers <c>new Random(seed)</c> gives (the .NET subtractive
/// generator of Knuth, TAOCP vol. 2 §3.6, which <see cref="Random"/> keeps for seeded instances) and whose position
/// can be read and restored, so a saved model resumes shuffling, dropout and augmentation where it stopped.
/// </summary>
/// <remarks>The state is the 56-entry lagged table and its two indices: <see cref="GetState"/> returns 58 ints.
/// Every public method of <see cref="Random"/> is overridden with the seeded implementation's arithmetic, so a
/// <see cref="RandomStream"/> and a <see cref="Random"/> of the same seed stay in step whatever is drawn (the
/// arithmetic follows dotnet/runtime's <c>Random.Net5CompatImpl.cs</c>, MIT licence).</remarks>
public sealed class RandomStream : Random
{
    private const int StateLength = 58;
    private readonly int[] _table = new int[56];
    private int _next;
    private int _nextP;

    /// <summary>Creates the stream <c>new Random(seed)</c> would produce.</summary>
    public RandomStream(int seed) : base(seed)
    {
        int subtraction = seed == int.MinValue ? int.MaxValue : Math.Abs(seed);
        int mj = 161803398 - subtraction;
        _table[55] = mj;
        int mk = 1;
        int ii = 0;
        for (int i = 1; i < 55; i++)
        {
            if ((ii += 21) >= 55) ii -= 55;
            _table[ii] = mk;
            mk = mj - mk;
            if (mk < 0) mk += int.MaxValue;
            mj = _table[ii];
        }

        for (int k = 1; k < 5; k++)
            for (int i = 1; i < 56; i++)
            {
                int n = i + 30;
                if (n >= 55) n -= 55;
                _table[i] -= _table[1 + n];
                if (_table[i] < 0) _table[i] += int.MaxValue;
            }

        _next = 0;
        _nextP = 21;
    }

    /// <summary>The stream's position: the lagged table followed by its two indices (58 ints).</summary>
    public int[] GetState()
    {
        var state = new int[StateLength];
        _table.CopyTo(state, 0);
        state[56] = _next;
        state[57] = _nextP;
        return state;
    }

    /// <summary>Moves the stream to a position returned by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">The state does not have 58 entries, or its indices are out of range.</exception>
    public void SetState(ReadOnlySpan<int> state)
    {
        if (state.Length != StateLength)
            throw new ArgumentException($"A random stream state has {StateLength} entries; received {state.Length}.", nameof(state));
        if (state[56] is < 0 or > 55 || state[57] is < 0 or > 55)
            throw new ArgumentException($"Random stream indices must be in [0, 55]; received {state[56]} and {state[57]}.", nameof(state));
        state[..56].CopyTo(_table);
        _next = state[56];
        _nextP = state[57];
    }

    /// <summary>The state of <paramref name="random"/>, which must be a <see cref="RandomStream"/>.</summary>
    /// <exception cref="InvalidOperationException">It is another kind of <see cref="Random"/>, whose position cannot be read.</exception>
    public static int[] StateOf(Random random, string owner) => random is RandomStream s
        ? s.GetState()
        : throw new InvalidOperationException($"The random stream of {owner} is a {random.GetType().Name}, whose position cannot be saved; build with RandomStream.");

    private int InternalSample()
    {
        int next = _next, nextP = _nextP;
        if (++next >= 56) next = 1;
        if (++nextP >= 56) nextP = 1;
        int value = _table[next] - _table[nextP];
        if (value == int.MaxValue) value--;
        if (value < 0) value += int.MaxValue;
        _table[next] = value;
        _next = next;
        _nextP = nextP;
        return value;
    }

    /// <inheritdoc/>
    protected override double Sample() => InternalSample() * (1.0 / int.MaxValue);

    private double SampleForLargeRange()
    {
        int result = InternalSample();
        if (InternalSample() % 2 == 0) result = -result;
        double d = result;
        d += int.MaxValue - 1;
        d /= 2.0 * int.MaxValue - 1;
        return d;
    }

    /// <inheritdoc/>
    public override int Next() => InternalSample();

    /// <inheritdoc/>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)(Sample() * maxValue);
    }

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        long range = (long)maxValue - minValue;
        return range <= int.MaxValue
            ? (int)(Sample() * range) + minValue
            : (int)((long)(SampleForLargeRange() * range) + minValue);
    }

    /// <inheritdoc/>
    public override double NextDouble() => Sample();

    /// <inheritdoc/>
    public override float NextSingle() => (float)Sample();

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)InternalSample();
    }

    /// <summary>64 random bits from three draws of 22, 22 and 20 bits, as the seeded <see cref="Random"/> takes them.</summary>
    private ulong NextUInt64() =>
        (uint)Next(1 << 22) | ((ulong)(uint)Next(1 << 22) << 22) | ((ulong)(uint)Next(1 << 20) << 44);

    /// <inheritdoc/>
    public override long NextInt64()
    {
        while (true)
        {
            ulong result = NextUInt64() >> 1;
            if (result != long.MaxValue) return (long)result;
        }
    }

    /// <inheritdoc/>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return NextInt64(0, maxValue);
    }

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        ulong range = (ulong)(maxValue - minValue);
        if (range <= 1) return minValue;
        int bits = BitOperations.Log2(range - 1) + 1;   // ⌈log2 range⌉
        while (true)
        {
            ulong result = NextUInt64() >> (64 - bits);
            if (result < range) return (long)result + minValue;
        }
    }
}
