namespace Convergent.Diagnostics.Tests;

public class SeriesFrameTests
{
    [Fact]
    public void SeriesOfAFrame_GatherTheirOwnColumn_WithTheStepsTheyWereWrittenAt()
    {
        var frame = new SeriesFrame();
        var a = new Series("a", frame);
        var b = new Series("b", frame);
        for (long s = 0; s < 10; s++)
        {
            a.Add(s, s * 1.5);
            if (s % 3 == 0) b.Add(s, -s);
        }
        Assert.Equal(10, frame.Rows);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i).ToArray(), a.Steps.ToArray());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 1.5).ToArray(), a.Values.ToArray());
        Assert.Equal(new long[] { 0, 3, 6, 9 }, b.Steps.ToArray());
        Assert.Equal(new double[] { 0, -3, -6, -9 }, b.Values.ToArray());
        Assert.Equal(-6, b.At(6));
        Assert.Null(b.At(7));
    }

    [Fact]
    public void ReadingBetweenTwoColumnsOfTheSameStep_MissesNothing()
    {
        var frame = new SeriesFrame();
        var a = new Series("a", frame);
        var b = new Series("b", frame);
        a.Add(0, 1);
        Assert.Equal(0, b.Count);    // read while step 0 is still being written
        b.Add(0, 2);                 // same step, same row
        Assert.Equal(1, frame.Rows);
        Assert.Equal(1, b.Count);
        Assert.Equal(2, b.Last.Value);
        a.Add(1, 3);
        Assert.Equal(new double[] { 1, 3 }, a.Values.ToArray());
        Assert.Equal(new double[] { 2 }, b.Values.ToArray());
    }

    [Fact]
    public void TheSameColumnTwiceAtOneStep_IsTwoPoints_AndADecreasingStepIsRefused()
    {
        var frame = new SeriesFrame();
        var a = new Series("grad_norm", frame);
        a.Add(5, 1);
        a.Add(5, 2);
        Assert.Equal(new long[] { 5, 5 }, a.Steps.ToArray());
        Assert.Equal(new double[] { 1, 2 }, a.Values.ToArray());
        var e = Assert.Throws<ArgumentException>(() => a.Add(4, 0));
        Assert.Contains("'grad_norm'", e.Message);
        Assert.Contains("got 4 after 5", e.Message);
    }

    [Fact]
    public void NaNs_AreValues_EvenOneWithTheEmptyCellsBitPattern()
    {
        var frame = new SeriesFrame();
        var a = new Series("a", frame);
        a.Add(0, double.NaN);
        a.Add(1, BitConverter.Int64BitsToDouble(SeriesFrame.EmptyBits));   // stored as an ordinary NaN, not lost
        frame.Row(2).Set(a, BitConverter.Int64BitsToDouble(SeriesFrame.EmptyBits));
        Assert.Equal(new long[] { 0, 1, 2 }, a.Steps.ToArray());
        Assert.All(a.Values.ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void RowWriter_WritesManyColumnsOfOneStep_IntoOneRow()
    {
        var frame = new SeriesFrame();
        var a = new Series("a", frame);
        var b = new Series("b", frame);
        var c = new Series("c", frame);
        var row = frame.Row(7);
        row.Set(a, 1);
        row.Set(c, 3);
        var again = frame.Row(7);   // same step: the same row
        again.Set(b, 2);
        Assert.Equal(1, frame.Rows);
        Assert.Equal((7L, 1.0), (a.Last.Step, a.Last.Value));
        Assert.Equal((7L, 2.0), (b.Last.Step, b.Last.Value));
        Assert.Equal((7L, 3.0), (c.Last.Step, c.Last.Value));
        frame.Row(8).Set(b, 5);
        Assert.Equal(1, a.Count);
        var stranger = new Series("elsewhere", new SeriesFrame());
        Assert.Throws<ArgumentException>(() => frame.Row(8).Set(stranger, 1));
        Assert.Equal(new double[] { 2, 5 }, b.Values.ToArray());
    }

    [Fact]
    public void AFullFrame_KeepsItsHeadAndTail_AndTheMiddleAtOneUniformStride()
    {
        var frame = new SeriesFrame(maxRows: 128);   // head 8, tail 16
        var loss = new Series("loss", frame);
        var other = new Series("other", frame);
        const int steps = 10_000;
        int most = 0;
        for (long s = 0; s < steps; s++)
        {
            loss.Add(s, s * 0.25);
            other.Add(s, -s);
            most = Math.Max(most, frame.Rows);
            if (s % 997 == 0) Assert.Equal(frame.Rows, loss.Count);   // read while it thins: the column follows
        }
        Assert.Equal(128, frame.Capacity);
        Assert.True(most <= 128, $"the frame held {most} rows");
        Assert.Equal(steps, frame.RowsWritten);
        var st = loss.Steps.ToArray();
        var v = loss.Values.ToArray();
        Assert.Equal(frame.Rows, st.Length);
        for (int i = 0; i < st.Length; i++) Assert.Equal(st[i] * 0.25, v[i]);          // values stay with their steps
        Assert.Equal(other.Steps.ToArray(), st);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6, 7 }, st[..8]);                     // the head
        // the recent steps: consecutive up to the last, at least the tail's 16
        int recent = 1;
        while (st[^(recent + 1)] == st[^recent] - 1) recent++;
        Assert.True(recent >= 16, $"{recent} recent steps at full resolution");
        Assert.Equal(steps - 1, st[^1]);
        var middle = st[8..^recent];
        Assert.True(middle.Length >= 2);
        Assert.True(frame.Stride > 1 && (frame.Stride & (frame.Stride - 1)) == 0, $"stride {frame.Stride}");
        for (int i = 1; i < middle.Length; i++) Assert.Equal(frame.Stride, middle[i] - middle[i - 1]);
        Assert.Equal(0, (middle[0] - 8) % frame.Stride);   // graduation index 0 is the first row after the head
    }

    [Fact]
    public void AWideFrame_KeepsFewerRows_WithinItsByteBudget()
    {
        var frame = new SeriesFrame(maxRows: 8192, maxBytes: 1 << 20);
        var series = Enumerable.Range(0, 200).Select(i => new Series($"s{i}", frame)).ToArray();
        // 200 columns → rows of 256 doubles (2 KiB): 1 MiB holds 512
        Assert.Equal(512, frame.Capacity);
        for (long s = 0; s < 2000; s++) frame.Row(s).Set(series[^1], s);
        Assert.True(frame.Rows <= 512);
        Assert.Equal(frame.Rows, series[^1].Count);
    }

    [Fact]
    public void AColumnRegisteredAfterRowsExist_HasNoPointsThere_AndTheOthersKeepTheirs()
    {
        var frame = new SeriesFrame();
        var early = Enumerable.Range(0, 20).Select(i => new Series($"e{i}", frame)).ToArray();   // widens past 16 columns
        for (long s = 0; s < 5; s++) foreach (var e in early) e.Add(s, s + 0.5);
        var late = new Series("late", frame);
        for (int i = 0; i < 20; i++) new Series($"more{i}", frame);   // and again, with rows present
        late.Add(5, 9);
        Assert.Equal(new double[] { 0.5, 1.5, 2.5, 3.5, 4.5 }, early[19].Values.ToArray());
        Assert.Equal(new long[] { 5 }, late.Steps.ToArray());
    }

    [Fact]
    public void StepTable_KnowsTheEpochOfEveryStep_AndCountsAllSteps_AfterThinning()
    {
        var t = new StepTable(maxRows: 64);   // head 4, tail 8
        for (long s = 0; s < 1000; s++) t.Add(s, (int)(s / 100) + 1, 1.0 / (s + 1), 0.01);
        Assert.Equal(1000, t.Total);
        Assert.True(t.Count <= 64);
        Assert.Equal(999, t.LastStep);
        Assert.Equal(1, t.EpochOf(0));
        Assert.Equal(10, t.EpochOf(999));
        foreach (var p in t.Epoch) Assert.Equal(p.Step / 100 + 1, (long)p.Value);
        // a step thinned away belongs to the epoch of the nearest earlier step kept
        Assert.Equal(t.EpochOf(t.Loss.Steps[20]), t.EpochOf(t.Loss.Steps[20] + 1));
    }

    [Fact]
    public void StoredSquared_ReadsBackTheRoot_WhicheverWayItIsWritten()
    {
        var frame = new SeriesFrame(128);
        var norm = new Series("gradient_norm", frame, storedSquared: true);
        var plain = new Series("loss", frame);
        norm.Add(0, 3.0);                                   // the general path squares
        plain.Add(0, -2.0);
        var row = frame.Row(1);
        row.SetSquare(norm, 16.0);                   // a probe's sum of squares: root taken on read
        row.Set(plain, -1.5);
        frame.Row(2).Set(norm, 0.25);                       // through the series: squared on write
        frame.Row(3).SetSquare(norm, double.PositiveInfinity);
        frame.Row(4).SetSquare(norm, double.NaN);
        Assert.Throws<ArgumentException>(() => frame.Row(4).SetSquare(plain, 1.0));
        Assert.True(norm.StoredSquared);
        Assert.Equal([0L, 1, 2, 3, 4], norm.Steps.ToArray());
        Assert.Equal(3.0, norm.Values[0]);
        Assert.Equal(4.0, norm.Values[1]);
        Assert.Equal(0.25, norm.Values[2]);
        Assert.Equal(double.PositiveInfinity, norm.Values[3]);
        Assert.True(double.IsNaN(norm.Values[4]));
        Assert.Equal([-2.0, -1.5], plain.Values.ToArray());   // an ordinary column is untouched
        Assert.Equal(4.0, norm.At(1));
    }
}
