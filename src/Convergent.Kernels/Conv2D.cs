using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Convergent.Kernels;

// Shape letters: N batch, H/W input height/width, C input channels, K output channels (filters),
// KH/KW kernel height/width, OH/OW output height/width, P = OH·OW pixels per image, KKC = KH·KW·C.
// x is (N, H, W, C) when channels-last, else (N, C, H, W); y and dy are (N, OH, OW, K) or (N, K, OH, OW);
// the kernel is Keras's (KH, KW, C, K) for both data formats, i.e. a KKC × K row-major matrix W.
//
// Every direction is im2col + GEMM (see Im2Col for the column-matrix layouts):
//   channels-last  (rows = pixels):  y = col·W            dcol = dy·Wᵀ  → col2im     dW += colᵀ·dy
//   channels-first (cols = pixels):  y_n = Wᵀ·col          dcol = W·dy_n → col2im     dW += col·dy_nᵀ
// The column matrix is built for a bounded number of pixels at a time (WorkspaceElements per thread), so a
// 400×400 kernel or a large batch never materialises a giant matrix.

/// <summary>2-D convolution (cross-correlation, as Keras <c>Conv2D</c>) forward and backward, without bias.</summary>
/// <remarks>
/// x is (N, H, W, C) for channels-last geometries and (N, C, H, W) otherwise; y/dy likewise (N, OH, OW, K) or
/// (N, K, OH, OW); the kernel is (KH, KW, C, K) in both. Work is cut by the geometry and
/// <see cref="Parallelism.MaxThreads"/> only, so for a fixed thread count results are bit-identical from call
/// to call. Scratch memory is a column matrix of at most 2^18 elements per thread (or one receptive field, if larger; from
/// <see cref="System.Buffers.ArrayPool{T}"/>), plus, for <see cref="BackwardKernel{T}"/>, one kernel-sized
/// partial gradient per thread; steady-state calls do not allocate.
/// </remarks>
public static unsafe class Conv2D
{
    // Column-matrix elements per thread: 1 MB of floats, about one private L2, so the GEMM's packing pass
    // reads the column matrix from cache right after im2col wrote it. Still hundreds of rows per GEMM for
    // typical KKC (≤ 1152 → ≥ 227 rows); 1/4 and 4× this measured within noise on Zen 4.
    private const int WorkspaceElements = 1 << 18;

    // Upper bound on the per-thread dKernel copies of BackwardKernel (16 MB of floats in all).
    private const int MaxPartialElements = 1 << 22;

    private enum Direction { Forward, BackwardInput, BackwardKernel }

    private struct Job<T> where T : unmanaged
    {
        public Conv2DGeometry G;
        public Direction Direction;
        public T* X, Kernel, Y, Partials;
        public int ChunkRows, ChunksPerImage, Items, Parts, ItemsAreImages;
    }

    /// <summary>y = conv(x, kernel); y is overwritten. Keras <c>Conv2D(use_bias=False)</c>.</summary>
    /// <remarks>y[n, oh, ow, k] = Σ_{kh, kw, c} x[n, oh·sh − padTop + kh·dh, ow·sw − padLeft + kw·dw, c] · kernel[kh, kw, c, k], zero outside x.</remarks>
    public static void Forward<T>(in Conv2DGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate(x.Length, kernel.Length, y.Length, nameof(x), nameof(kernel), nameof(y));
        if (g.Batch == 0)
            return;
        int c = g.InChannels, k = g.OutChannels, pixels = g.OutHeight * g.OutWidth;
        if (IsPointwise(g))
        {
            // 1×1, stride 1, no padding: x already is the column matrix.
            if (g.ChannelsLast)
            {
                Gemm.Multiply(false, false, g.Batch * pixels, k, c, T.One, x, c, kernel, k, T.Zero, y, k);
                return;
            }
            for (int n = 0; n < g.Batch; n++)
                Gemm.Multiply(true, false, k, pixels, c, T.One, kernel, k, x.Slice(n * c * pixels), pixels, T.Zero, y.Slice(n * k * pixels), pixels);
            return;
        }
        fixed (T* px = x)
        fixed (T* pk = kernel)
        fixed (T* py = y)
            Run(g, Direction.Forward, px, pk, py);
    }

    /// <summary>dx += ∂L/∂x given dy = ∂L/∂y (the transposed convolution of dy with the kernel).</summary>
    public static void BackwardInput<T>(in Conv2DGeometry g, ReadOnlySpan<T> dy, ReadOnlySpan<T> kernel, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate(dx.Length, kernel.Length, dy.Length, nameof(dx), nameof(kernel), nameof(dy));
        if (g.Batch == 0)
            return;
        int c = g.InChannels, k = g.OutChannels, pixels = g.OutHeight * g.OutWidth;
        if (IsPointwise(g))
        {
            if (g.ChannelsLast)
            {
                Gemm.Multiply(false, true, g.Batch * pixels, c, k, T.One, dy, k, kernel, k, T.One, dx, c);
                return;
            }
            for (int n = 0; n < g.Batch; n++)
                Gemm.Multiply(false, false, c, pixels, k, T.One, kernel, k, dy.Slice(n * k * pixels), pixels, T.One, dx.Slice(n * c * pixels), pixels);
            return;
        }
        fixed (T* pdy = dy)
        fixed (T* pk = kernel)
        fixed (T* pdx = dx)
            Run(g, Direction.BackwardInput, pdx, pk, pdy);
    }

    /// <summary>dKernel += ∂L/∂kernel given x and dy = ∂L/∂y.</summary>
    public static void BackwardKernel<T>(in Conv2DGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dKernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate(x.Length, dKernel.Length, dy.Length, nameof(x), nameof(dKernel), nameof(dy));
        if (g.Batch == 0)
            return;
        int c = g.InChannels, k = g.OutChannels, pixels = g.OutHeight * g.OutWidth;
        if (IsPointwise(g))
        {
            if (g.ChannelsLast)
            {
                Gemm.Multiply(true, false, c, k, g.Batch * pixels, T.One, x, c, dy, k, T.One, dKernel, k);
                return;
            }
            for (int n = 0; n < g.Batch; n++)
                Gemm.Multiply(false, true, c, k, pixels, T.One, x.Slice(n * c * pixels), pixels, dy.Slice(n * k * pixels), pixels, T.One, dKernel, k);
            return;
        }
        fixed (T* px = x)
        fixed (T* pdy = dy)
        fixed (T* pdk = dKernel)
            Run(g, Direction.BackwardKernel, px, pdk, pdy);
    }

    private static bool IsPointwise(in Conv2DGeometry g) =>
        g.KernelHeight == 1 && g.KernelWidth == 1 && g.StrideHeight == 1 && g.StrideWidth == 1
        && g.PadTop == 0 && g.PadLeft == 0 && g.OutHeight == g.InHeight && g.OutWidth == g.InWidth;

    /// <summary>
    /// Cuts the work into items of at most <see cref="WorkspaceElements"/> column-matrix elements and runs
    /// contiguous ranges of items on <see cref="Parallelism.MaxThreads"/> threads. The cut depends only on the
    /// geometry and the thread count, so results are bit-identical from call to call.
    /// </summary>
    private static void Run<T>(in Conv2DGeometry g, Direction direction, T* x, T* kernel, T* y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kkc = g.KernelHeight * g.KernelWidth * g.InChannels, pixels = g.OutHeight * g.OutWidth;
        int maxRows = Math.Max(1, WorkspaceElements / kkc);
        int threads = Parallelism.MaxThreads;
        var job = new Job<T> { G = g, Direction = direction, X = x, Kernel = kernel, Y = y };

        if (direction == Direction.BackwardInput)
        {
            // col2im scatters into overlapping input windows, so two threads must never share an image:
            // parts own whole images and walk them in chunks.
            job.ItemsAreImages = 1;
            job.Items = g.Batch;
            job.ChunkRows = Math.Min(maxRows, g.ChannelsLast ? g.Batch * pixels : pixels);
        }
        else if (g.ChannelsLast)
        {
            // Rows of the column matrix may span images; cut the flattened N·P rows evenly.
            long total = (long)g.Batch * pixels;
            long items = (total + maxRows - 1) / maxRows;
            if (items < threads && total >= 64L * threads)
                items = threads;
            job.ChunkRows = (int)((total + items - 1) / items);
            job.Items = (int)((total + job.ChunkRows - 1) / job.ChunkRows);
        }
        else
        {
            job.ChunksPerImage = (pixels + maxRows - 1) / maxRows;
            if ((long)g.Batch * job.ChunksPerImage < threads)
                job.ChunksPerImage = Math.Min(pixels, (threads + g.Batch - 1) / g.Batch);
            job.ChunkRows = (pixels + job.ChunksPerImage - 1) / job.ChunksPerImage;
            job.ChunksPerImage = (pixels + job.ChunkRows - 1) / job.ChunkRows;
            job.Items = g.Batch * job.ChunksPerImage;
        }
        job.Parts = Math.Max(1, Math.Min(threads, job.Items));
        if (direction == Direction.BackwardKernel && (long)job.Parts * kkc * g.OutChannels > MaxPartialElements)
        {
            // Private kernel gradients would be too big (e.g. 7×7×512×512): one part, with each GEMM threaded
            // over its own output tiles instead — still deterministic.
            job.Parts = 1;
        }

        T[]? partials = null;
        try
        {
            if (direction == Direction.BackwardKernel && job.Parts > 1)
            {
                // One private dKernel per part, summed in part order afterwards: a fixed reduction tree.
                partials = ArrayPool<T>.Shared.Rent(job.Parts * kkc * g.OutChannels);
            }
            fixed (T* pp = partials)
            {
                job.Partials = pp;
                if (job.Parts == 1)
                    RunPart<T>(&job, 0); // alone, so the GEMMs inside may use the worker threads
                else
                    WorkerPool.Run(0, job.Parts, job.Parts, &RunPart<T>, &job);

                if (partials is not null)
                {
                    int length = kkc * g.OutChannels;
                    var dKernel = new Span<T>(kernel, length);
                    for (int part = 0; part < job.Parts; part++)
                        TensorPrimitives.Add(dKernel, new ReadOnlySpan<T>(pp + (nint)part * length, length), dKernel);
                }
            }
        }
        finally
        {
            if (partials is not null)
                ArrayPool<T>.Shared.Return(partials);
        }
    }

    private static void RunPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref Job<T> job = ref Unsafe.AsRef<Job<T>>(state);
        ref readonly Conv2DGeometry g = ref job.G;
        int kkc = g.KernelHeight * g.KernelWidth * g.InChannels, k = g.OutChannels, pixels = g.OutHeight * g.OutWidth;
        int inPlane = g.InHeight * g.InWidth * g.InChannels, outPlane = pixels * k;
        int first = (int)((long)job.Items * part / job.Parts), end = (int)((long)job.Items * (part + 1) / job.Parts);
        if (first >= end)
            return;

        T* dKernel = job.Partials is null ? job.Kernel : job.Partials + (nint)part * kkc * k;
        // A private partial starts unset: its first GEMM writes (beta 0), later ones accumulate.
        bool partialFresh = job.Partials is not null;

        T[] rented = ArrayPool<T>.Shared.Rent(job.ChunkRows * kkc);
        try
        {
            fixed (T* col = rented)
            {
                var colSpan = new Span<T>(col, job.ChunkRows * kkc);
                var kernelMatrix = new ReadOnlySpan<T>(job.Kernel, kkc * k);
                if (job.ItemsAreImages == 1)
                {
                    // Backward input: images [first, end), chunked by ChunkRows pixels (rows span images when channels-last).
                    if (g.ChannelsLast)
                    {
                        int row0 = first * pixels, rowEnd = end * pixels;
                        for (int r = row0; r < rowEnd; r += job.ChunkRows)
                        {
                            int rows = Math.Min(job.ChunkRows, rowEnd - r);
                            Gemm.Multiply(false, true, rows, kkc, k, T.One, new ReadOnlySpan<T>(job.Y + (nint)r * k, rows * k), k,
                                kernelMatrix, k, T.Zero, colSpan, kkc);
                            Im2Col.ChannelsLastAdd(g, col, r, rows, job.X);
                        }
                    }
                    else
                    {
                        for (int n = first; n < end; n++)
                        for (int p0 = 0; p0 < pixels; p0 += job.ChunkRows)
                        {
                            int count = Math.Min(job.ChunkRows, pixels - p0);
                            Gemm.Multiply(false, false, kkc, count, k, T.One, kernelMatrix, k,
                                new ReadOnlySpan<T>(job.Y + (nint)n * outPlane + p0, (k - 1) * pixels + count), pixels, T.Zero, colSpan, count);
                            Im2Col.ChannelsFirstAdd(g, col, p0, count, job.X + (nint)n * inPlane);
                        }
                    }
                    return;
                }

                for (int item = first; item < end; item++)
                {
                    if (g.ChannelsLast)
                    {
                        int total = g.Batch * pixels;
                        int r = item * job.ChunkRows, rows = Math.Min(job.ChunkRows, total - r);
                        Im2Col.ChannelsLast(g, job.X, r, rows, col);
                        if (job.Direction == Direction.Forward)
                        {
                            Gemm.Multiply(false, false, rows, k, kkc, T.One, colSpan, kkc, kernelMatrix, k, T.Zero,
                                new Span<T>(job.Y + (nint)r * k, rows * k), k);
                        }
                        else
                        {
                            Gemm.Multiply(true, false, kkc, k, rows, T.One, colSpan, kkc, new ReadOnlySpan<T>(job.Y + (nint)r * k, rows * k), k,
                                partialFresh ? T.Zero : T.One, new Span<T>(dKernel, kkc * k), k);
                            partialFresh = false;
                        }
                    }
                    else
                    {
                        int n = item / job.ChunksPerImage, p0 = (item - n * job.ChunksPerImage) * job.ChunkRows;
                        int count = Math.Min(job.ChunkRows, pixels - p0);
                        Im2Col.ChannelsFirst(g, job.X + (nint)n * inPlane, p0, count, col);
                        var yBlock = new Span<T>(job.Y + (nint)n * outPlane + p0, (k - 1) * pixels + count);
                        if (job.Direction == Direction.Forward)
                        {
                            Gemm.Multiply(true, false, k, count, kkc, T.One, kernelMatrix, k, colSpan, count, T.Zero, yBlock, pixels);
                        }
                        else
                        {
                            Gemm.Multiply(false, true, kkc, k, count, T.One, colSpan, count, yBlock, pixels,
                                partialFresh ? T.Zero : T.One, new Span<T>(dKernel, kkc * k), k);
                            partialFresh = false;
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
