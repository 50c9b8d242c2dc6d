using Convergent.Tensors;

namespace Convergent.Nn.Tests;

/// <summary>RandomStream is System.Random's seeded generator with a readable position: the two must agree on
/// every draw (so the engine's seeded results did not change), and a restored position must repeat the future.</summary>
public class RandomStreamTests
{
    public static TheoryData<int> Seeds => [0, 1, 42, 1337, -5, int.MaxValue, int.MinValue, 161803398];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomStream_EveryMethod_MatchesSystemRandom(int seed)
    {
        var expected = new Random(seed);
        var actual = new RandomStream(seed);
        var b1 = new byte[13];
        var b2 = new byte[13];
        for (int i = 0; i < 2_000; i++)
        {
            switch (i % 11)
            {
                case 0: Assert.Equal(expected.Next(), actual.Next()); break;
                case 1: Assert.Equal(expected.Next(1000), actual.Next(1000)); break;
                case 2: Assert.Equal(expected.Next(-50, 70), actual.Next(-50, 70)); break;
                case 3: Assert.Equal(expected.Next(int.MinValue, int.MaxValue), actual.Next(int.MinValue, int.MaxValue)); break;
                case 4: Assert.Equal(expected.NextDouble(), actual.NextDouble()); break;
                case 5: Assert.Equal(expected.NextSingle(), actual.NextSingle()); break;
                case 6:
                    expected.NextBytes(b1);
                    actual.NextBytes(b2);
                    Assert.Equal(b1, b2);
                    break;
                case 7: Assert.Equal(expected.NextInt64(), actual.NextInt64()); break;
                case 8: Assert.Equal(expected.NextInt64(1_000_000_007L), actual.NextInt64(1_000_000_007L)); break;
                case 9: Assert.Equal(expected.NextInt64(-3L, long.MaxValue), actual.NextInt64(-3L, long.MaxValue)); break;
                default:
                    expected.NextBytes(b1.AsSpan(0, 5));
                    actual.NextBytes(b2.AsSpan(0, 5));
                    Assert.Equal(b1, b2);
                    break;
            }
        }
    }

    [Fact]
    public void RandomStream_SetState_RepeatsTheFutureExactly()
    {
        var stream = new RandomStream(9);
        for (int i = 0; i < 100; i++) stream.NextDouble();
        var saved = stream.GetState();
        var future = Enumerable.Range(0, 200).Select(_ => stream.Next()).ToArray();

        var other = new RandomStream(1);
        other.SetState(saved);

        Assert.Equal(future, Enumerable.Range(0, 200).Select(_ => other.Next()).ToArray());
        Assert.Equal(58, saved.Length);
    }

    [Fact]
    public void RandomStream_SetStateOfWrongLength_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new RandomStream(1).SetState(new int[10]));

        Assert.Contains("58", e.Message);
    }

    [Fact]
    public void Model_GetRandomState_CoversModelAndLayerStreams()
    {
        var model = new Sequential([new Dense(4), new Dropout(0.5, seed: 3), new Dense(2)], new Shape(3));

        var state = model.GetRandomState();

        // the model's stream, each layer's, and the seeded dropout's own stream
        Assert.Equal(["model", "dense/0", "dropout/0", "dropout/1", "dense_1/0"], state.Keys);
    }

    [Fact]
    public void Model_SetRandomState_DropoutMasksRepeat()
    {
        var model = new Sequential([new Dropout(0.5)], new Shape(64));
        var x = Tensor.Ones(new Shape(2, 64));
        var saved = model.GetRandomState();
        var first = model.Call(x, training: true).ToFloatArray();

        model.SetRandomState(saved);

        Assert.Equal(first, model.Call(x, training: true).ToFloatArray());
    }
}
