using System.Buffers.Binary;

namespace Convergent.Data;

/// <summary>
/// Decodes baseline sequential JPEG (ITU-T T.81, Huffman coding, 8-bit samples; SOF0 and SOF1): grayscale and
/// YCbCr (JFIF) or Adobe RGB, any sampling factors (4:4:4, 4:2:2, 4:2:0, …), interleaved and non-interleaved scans,
/// restart markers; APPn and COM segments are skipped. Progressive, lossless, hierarchical and arithmetic-coded
/// JPEGs, 12-bit samples and CMYK are reported as unsupported.
/// <para>To stay close to libjpeg(-turbo), the reference most tools use, chroma is upsampled with its "fancy"
/// triangle filter for 2× ratios and colours are converted with its fixed-point YCbCr→RGB tables; the IDCT is a
/// separable float IDCT, so results differ from libjpeg's integer IDCT by rounding (typically ±1).</para>
/// </summary>
public static class JpegDecoder
{
    /// <summary>Zig-zag scan position k → natural (row-major) index of the 8×8 block.</summary>
    private static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
        28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
        54, 47, 55, 62, 63,
    ];

    /// <summary>IDCT basis: Cos[x, u] = C(u)/2 · cos((2x + 1)uπ/16), C(0) = 1/√2, else 1.</summary>
    private static readonly double[] Cos = BuildCos();

    private static double[] BuildCos()
    {
        var c = new double[64];
        for (int x = 0; x < 8; x++)
            for (int u = 0; u < 8; u++)
                c[x * 8 + u] = (u == 0 ? Math.Sqrt(0.5) : 1.0) / 2 * Math.Cos((2 * x + 1) * u * Math.PI / 16);
        return c;
    }

    /// <summary>Decodes a JPEG file.</summary>
    public static Image Decode(string path) => Decode(StreamUtil.ReadAllBytes(path), path);

    /// <summary>Decodes JPEG bytes; <paramref name="sourceName"/> names the input in errors.</summary>
    public static Image Decode(byte[] data, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new Decoder(data, sourceName).Run();
    }

    private sealed class Component
    {
        public int Id, H, V, Tq, Pred, DcTable, AcTable;
        public int BlocksPerLine, BlocksPerColumn; // of the full MCU-padded plane
        public byte[] Plane = [];
        public int Stride => BlocksPerLine * 8;
    }

    private sealed class Huffman
    {
        // T.81 Annex F.2.2.3: per code length, the largest code, and the index of the first value of that length.
        public readonly int[] MaxCode = new int[18];
        public readonly int[] ValPtr = new int[17];
        public readonly int[] MinCode = new int[17];
        public byte[] Values = [];

        // Codes of up to LookupBits bits decode with one table look-up: (code length << 8) | value, 0 when longer.
        public const int LookupBits = 9;
        public readonly ushort[] Lookup = new ushort[1 << LookupBits];
    }

    private sealed class Decoder(byte[] data, string file)
    {
        private readonly Huffman?[] _dc = new Huffman?[4];
        private readonly Huffman?[] _ac = new Huffman?[4];
        private readonly ushort[]?[] _quant = new ushort[]?[4];
        private Component[] _components = [];
        private int _width, _height, _hMax = 1, _vMax = 1, _mcusX, _mcusY, _restartInterval;
        private int _adobeTransform = -1;
        private bool _frame;
        private int _pos;

        // Entropy-coded segment bit reader state.
        private ulong _buf;
        private int _bits, _realBits;
        private bool _atMarker;

        public Image Run()
        {
            if (data.Length < 2 || data[0] != 0xFF || data[1] != 0xD8)
                throw new DataFormatException(file, "not a JPEG file: missing the SOI marker FF D8", 0, field: "SOI");
            _pos = 2;
            bool anyScan = false;
            while (true)
            {
                int markerAt = _pos;
                if (_pos >= data.Length)
                    throw new DataFormatException(file, $"file ends at byte {data.Length} without an EOI marker (truncated?)", data.Length, field: "EOI");
                if (data[_pos] != 0xFF)
                    throw new DataFormatException(file, $"expected a marker (FF xx), found byte {data[_pos]:X2}", _pos, field: "marker");
                while (_pos < data.Length && data[_pos] == 0xFF) _pos++; // fill bytes
                if (_pos >= data.Length) throw new DataFormatException(file, "file ends inside a marker", data.Length, field: "marker");
                int m = data[_pos++];
                if (m == 0xD9)
                {
                    if (!anyScan) throw new DataFormatException(file, "EOI before any scan: no image data", markerAt, field: "EOI");
                    break;
                }
                if (m is >= 0xD0 and <= 0xD7 || m == 0x01) continue; // stray RSTn / TEM carry no segment
                int len = SegmentLength(markerAt);
                var seg = data.AsSpan(_pos, len - 2);
                int segStart = _pos;
                _pos += len - 2;
                switch (m)
                {
                    case 0xC0 or 0xC1: ReadFrame(seg, segStart); break;
                    case 0xC2 or 0xC6 or 0xCA or 0xCE:
                        throw new DataFormatException(file, "unsupported: progressive JPEG (only baseline sequential JPEG is decoded)", markerAt, field: "SOF2");
                    case 0xC3 or 0xC5 or 0xC7 or 0xC9 or 0xCB or 0xCD or 0xCF:
                        throw new DataFormatException(file, $"unsupported JPEG process (SOF{m - 0xC0}: lossless, hierarchical or arithmetic-coded); only baseline sequential JPEG is decoded", markerAt, field: $"SOF{m - 0xC0}");
                    case 0xC4: ReadHuffman(seg, segStart); break;
                    case 0xCC: throw new DataFormatException(file, "unsupported: arithmetic coding (DAC)", markerAt, field: "DAC");
                    case 0xDB: ReadQuant(seg, segStart); break;
                    case 0xDD:
                        if (seg.Length < 2) throw new DataFormatException(file, "DRI segment too short", segStart, field: "DRI");
                        _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(seg);
                        break;
                    case 0xDA:
                        ReadScan(seg, segStart);
                        anyScan = true;
                        break;
                    case 0xEE:
                        if (seg.Length >= 12 && seg[..5].SequenceEqual("Adobe"u8)) _adobeTransform = seg[11];
                        break;
                    default:
                        break; // APPn, COM, DNL and others: skipped
                }
            }
            return Output();
        }

        private int SegmentLength(int markerAt)
        {
            if (_pos + 2 > data.Length) throw new DataFormatException(file, "file ends inside a segment length", _pos, field: "marker");
            int len = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(_pos));
            if (len < 2 || _pos + len > data.Length)
                throw new DataFormatException(file, $"segment FF{data[markerAt + 1]:X2} claims {len} bytes but only {data.Length - _pos} remain (truncated?)", _pos, field: "length");
            _pos += 2;
            return len;
        }

        private void ReadFrame(ReadOnlySpan<byte> s, int at)
        {
            if (_frame) throw new DataFormatException(file, "a second frame header (SOF)", at, field: "SOF0");
            if (s.Length < 6) throw new DataFormatException(file, "SOF segment too short", at, field: "SOF0");
            if (s[0] != 8) throw new DataFormatException(file, $"unsupported sample precision {s[0]} bits (only 8)", at, field: "SOF0");
            _height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
            _width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
            int n = s[5];
            if (_height == 0) throw new DataFormatException(file, "height 0 (a DNL marker) is not supported", at + 1, field: "SOF0");
            if (_width == 0) throw new DataFormatException(file, "width 0", at + 3, field: "SOF0");
            if (n is not (1 or 3))
                throw new DataFormatException(file, n == 4 ? "unsupported: 4-component (CMYK/YCCK) JPEG" : $"unsupported component count {n}", at + 5, field: "SOF0");
            if (s.Length < 6 + 3 * n) throw new DataFormatException(file, "SOF segment too short for its components", at, field: "SOF0");
            _components = new Component[n];
            for (int i = 0; i < n; i++)
            {
                var c = s.Slice(6 + 3 * i, 3);
                int h = c[1] >> 4, v = c[1] & 15;
                if (h is < 1 or > 4 || v is < 1 or > 4 || c[2] > 3)
                    throw new DataFormatException(file, $"component {c[0]}: invalid sampling {h}×{v} or table {c[2]}", at + 6 + 3 * i, field: "SOF0");
                _components[i] = new Component { Id = c[0], H = h, V = v, Tq = c[2] };
            }
            _hMax = _components.Max(c => c.H);
            _vMax = _components.Max(c => c.V);
            _mcusX = (_width + 8 * _hMax - 1) / (8 * _hMax);
            _mcusY = (_height + 8 * _vMax - 1) / (8 * _vMax);
            Image.CheckSize(file, _width, _height, n, at + 1, "SOF0");
            long blocks = 0;
            foreach (var c in _components)
            {
                c.BlocksPerLine = _mcusX * c.H;
                c.BlocksPerColumn = _mcusY * c.V;
                blocks += (long)c.BlocksPerLine * c.BlocksPerColumn;
            }
            // Every coded block takes at least 2 bits (a DC code and an end-of-block code, each ≥ 1 bit), so the
            // bytes left in the file bound the number of blocks an honest header can claim.
            long remaining = data.Length - _pos;
            if (blocks > remaining * 4 + 64)
                throw new DataFormatException(file, $"header claims {_width}×{_height} ({blocks} blocks) but only {remaining} bytes follow; each block needs at least 2 bits", at + 1, field: "SOF0");
            foreach (var c in _components)
            {
                if ((long)c.Stride * c.BlocksPerColumn * 8 > Array.MaxLength)
                    throw new DataFormatException(file, $"image size {_width}×{_height} is more than one array can hold", at + 1, field: "SOF0");
                c.Plane = new byte[c.Stride * c.BlocksPerColumn * 8];
            }
            _frame = true;
        }

        private void ReadHuffman(ReadOnlySpan<byte> s, int at)
        {
            int p = 0;
            while (p < s.Length)
            {
                if (p + 17 > s.Length) throw new DataFormatException(file, "DHT segment too short", at + p, field: "DHT");
                int tc = s[p] >> 4, th = s[p] & 15;
                if (tc > 1 || th > 3) throw new DataFormatException(file, $"invalid Huffman table class {tc} / id {th}", at + p, field: "DHT");
                var counts = s.Slice(p + 1, 16);
                int total = 0;
                foreach (byte b in counts) total += b;
                if (total > 256 || p + 17 + total > s.Length) throw new DataFormatException(file, $"Huffman table with {total} symbols overruns its segment", at + p, field: "DHT");
                var t = new Huffman { Values = s.Slice(p + 17, total).ToArray() };
                int code = 0, k = 0;
                for (int l = 1; l <= 16; l++)
                {
                    int n = counts[l - 1];
                    t.ValPtr[l] = k;
                    t.MinCode[l] = code;
                    code += n;
                    k += n;
                    t.MaxCode[l] = n == 0 ? -1 : code - 1;
                    if (code > 1 << l) throw new DataFormatException(file, "Huffman code lengths over-subscribed (corrupt table)", at + p, field: "DHT");
                    code <<= 1;
                }
                t.MaxCode[17] = int.MaxValue;
                for (int l = 1, v = 0; l <= Huffman.LookupBits; l++)
                    for (int i = 0; i < counts[l - 1]; i++, v++)
                    {
                        int c = t.MinCode[l] + i, shift = Huffman.LookupBits - l;
                        for (int fill = 0; fill < 1 << shift; fill++) t.Lookup[(c << shift) | fill] = (ushort)((l << 8) | t.Values[v]);
                    }
                (tc == 0 ? _dc : _ac)[th] = t;
                p += 17 + total;
            }
        }

        private void ReadQuant(ReadOnlySpan<byte> s, int at)
        {
            int p = 0;
            while (p < s.Length)
            {
                int pq = s[p] >> 4, tq = s[p] & 15;
                int size = pq == 0 ? 64 : 128;
                if (pq > 1 || tq > 3 || p + 1 + size > s.Length) throw new DataFormatException(file, $"invalid quantization table (precision {pq}, id {tq})", at + p, field: "DQT");
                var q = new ushort[64];
                for (int k = 0; k < 64; k++) q[k] = pq == 0 ? s[p + 1 + k] : BinaryPrimitives.ReadUInt16BigEndian(s[(p + 1 + 2 * k)..]);
                _quant[tq] = q;
                p += 1 + size;
            }
        }

        private void ReadScan(ReadOnlySpan<byte> s, int at)
        {
            if (!_frame) throw new DataFormatException(file, "scan (SOS) before the frame header (SOF)", at, field: "SOS");
            int n = s.Length > 0 ? s[0] : 0;
            if (n is < 1 or > 4 || s.Length < 1 + 2 * n + 3) throw new DataFormatException(file, "SOS segment malformed", at, field: "SOS");
            var scan = new Component[n];
            for (int i = 0; i < n; i++)
            {
                int id = s[1 + 2 * i];
                var c = _components.FirstOrDefault(x => x.Id == id)
                    ?? throw new DataFormatException(file, $"scan refers to unknown component {id}", at + 1 + 2 * i, field: "SOS");
                c.DcTable = s[2 + 2 * i] >> 4;
                c.AcTable = s[2 + 2 * i] & 15;
                if (c.DcTable > 3 || c.AcTable > 3 || _dc[c.DcTable] is null || _ac[c.AcTable] is null)
                    throw new DataFormatException(file, $"component {id} uses an undefined Huffman table", at + 2 + 2 * i, field: "DHT");
                if (_quant[c.Tq] is null) throw new DataFormatException(file, $"component {id} uses undefined quantization table {c.Tq}", at, field: "DQT");
                c.Pred = 0;
                scan[i] = c;
            }
            int ss = s[1 + 2 * n], se = s[2 + 2 * n], ahal = s[3 + 2 * n];
            if (ss != 0 || se != 63 || ahal != 0)
                throw new DataFormatException(file, "unsupported: progressive JPEG (spectral selection or successive approximation in a scan)", at, field: "SOS");
            DecodeScan(scan);
        }

        private void DecodeScan(Component[] scan)
        {
            _buf = 0; _bits = 0; _realBits = 0; _atMarker = false;
            Span<int> block = stackalloc int[64];
            int totalMcus, mcusPerLine;
            if (scan.Length == 1)
            {
                // Non-interleaved: one block per MCU, covering only the component's own (unpadded) extent.
                var c = scan[0];
                mcusPerLine = ((_width * c.H + _hMax - 1) / _hMax + 7) / 8;
                int lines = ((_height * c.V + _vMax - 1) / _vMax + 7) / 8;
                totalMcus = mcusPerLine * lines;
            }
            else
            {
                mcusPerLine = _mcusX;
                totalMcus = _mcusX * _mcusY;
            }
            int restartIndex = 0;
            for (int mcu = 0; mcu < totalMcus; mcu++)
            {
                if (_restartInterval > 0 && mcu > 0 && mcu % _restartInterval == 0)
                {
                    ExpectRestart(restartIndex, mcu, totalMcus);
                    restartIndex = (restartIndex + 1) & 7;
                    foreach (var c in scan) c.Pred = 0;
                }
                int mx = mcu % mcusPerLine, my = mcu / mcusPerLine;
                foreach (var c in scan)
                {
                    int bh = scan.Length == 1 ? 1 : c.H, bv = scan.Length == 1 ? 1 : c.V;
                    for (int by = 0; by < bv; by++)
                        for (int bx = 0; bx < bh; bx++)
                        {
                            DecodeBlock(c, block, mcu, totalMcus);
                            int blockX = mx * bh + bx, blockY = my * bv + by;
                            Idct(block, c.Plane, blockY * 8 * c.Stride + blockX * 8, c.Stride);
                        }
                }
            }
            // Leave _pos at the marker that ends the scan (skipping any padding bits/bytes before it).
            while (_pos < data.Length && !(data[_pos] == 0xFF && _pos + 1 < data.Length && data[_pos + 1] != 0 && data[_pos + 1] is not (>= 0xD0 and <= 0xD7))) _pos++;
        }

        private void ExpectRestart(int index, int mcu, int total)
        {
            _buf = 0; _bits = 0; _realBits = 0; _atMarker = false;
            while (_pos < data.Length && data[_pos] != 0xFF) _pos++; // padding bits already dropped
            while (_pos + 1 < data.Length && data[_pos] == 0xFF && data[_pos + 1] == 0xFF) _pos++;
            if (_pos + 1 >= data.Length || data[_pos + 1] != 0xD0 + index)
                throw new DataFormatException(file,
                    $"expected restart marker RST{index} before MCU {mcu} of {total}, found {(_pos + 1 < data.Length ? $"FF{data[_pos + 1]:X2}" : "end of file")}",
                    _pos, field: "RST");
            _pos += 2;
        }

        private void DecodeBlock(Component c, Span<int> block, int mcu, int total)
        {
            block.Clear();
            var q = _quant[c.Tq]!;
            int t = DecodeHuffman(_dc[c.DcTable]!, mcu, total);
            if (t > 11) throw new DataFormatException(file, $"corrupt DC coefficient size {t} in MCU {mcu}", _pos, field: "scan");
            int diff = t == 0 ? 0 : Extend(Receive(t, mcu, total), t);
            c.Pred += diff;
            block[0] = c.Pred * q[0];
            var ac = _ac[c.AcTable]!;
            for (int k = 1; k < 64;)
            {
                int rs = DecodeHuffman(ac, mcu, total);
                int r = rs >> 4, sz = rs & 15;
                if (sz == 0)
                {
                    if (r != 15) break; // end of block
                    k += 16;
                    continue;
                }
                k += r;
                if (k > 63) throw new DataFormatException(file, $"corrupt AC run past the end of a block in MCU {mcu}", _pos, field: "scan");
                block[ZigZag[k]] = Extend(Receive(sz, mcu, total), sz) * q[k];
                k++;
            }
        }

        private static int Extend(int v, int t) => v < 1 << (t - 1) ? v - (1 << t) + 1 : v;

        private int DecodeHuffman(Huffman h, int mcu, int total)
        {
            while (_bits < Huffman.LookupBits) Fill();
            int entry = h.Lookup[(int)(_buf >> (_bits - Huffman.LookupBits)) & ((1 << Huffman.LookupBits) - 1)];
            if (entry != 0)
            {
                Receive(entry >> 8, mcu, total);
                return entry & 0xFF;
            }
            int code = Receive(1, mcu, total);
            int l = 1;
            while (code > h.MaxCode[l])
            {
                code = (code << 1) | Receive(1, mcu, total);
                if (++l > 16) throw new DataFormatException(file, $"invalid Huffman code in MCU {mcu} of {total} (corrupt data)", _pos, field: "scan");
            }
            int idx = h.ValPtr[l] + code - h.MinCode[l];
            if (idx >= h.Values.Length) throw new DataFormatException(file, $"invalid Huffman code in MCU {mcu} of {total} (corrupt data)", _pos, field: "scan");
            return h.Values[idx];
        }

        private int Receive(int n, int mcu, int total)
        {
            while (_bits < n) Fill();
            _realBits -= n;
            if (_realBits < 0)
                throw new DataFormatException(file,
                    _pos >= data.Length
                        ? $"entropy-coded data ends at the end of the file in MCU {mcu} of {total} (truncated file)"
                        : $"entropy-coded data ends at marker FF{data[_pos + 1]:X2} in MCU {mcu} of {total} (truncated or corrupt file)",
                    _pos, field: "scan");
            _bits -= n;
            return (int)((_buf >> _bits) & ((1UL << n) - 1));
        }

        private void Fill()
        {
            int b = 0;
            bool real = false;
            if (!_atMarker && _pos < data.Length)
            {
                if (data[_pos] != 0xFF) { b = data[_pos++]; real = true; }
                else if (_pos + 1 < data.Length && data[_pos + 1] == 0x00) { b = 0xFF; _pos += 2; real = true; }
                else _atMarker = true; // a marker ends the segment: feed zeros, counted as not real
            }
            _buf = (_buf << 8) | (uint)b;
            _bits += 8;
            if (real) _realBits += 8;
        }

        private static void Idct(Span<int> coef, byte[] plane, int offset, int stride)
        {
            Span<double> tmp = stackalloc double[64];
            // Rows of the output from columns of coefficients: tmp[v, x] = Σu Cos[x, u] · F[v, u]. Most rows of a
            // quantized block are all zero, and skipping them is most of the speed.
            for (int v = 0; v < 8; v++)
            {
                var row = coef.Slice(v * 8, 8);
                if (!row.ContainsAnyExcept(0)) { tmp.Slice(v * 8, 8).Clear(); continue; }
                for (int x = 0; x < 8; x++)
                {
                    double sum = 0;
                    for (int u = 0; u < 8; u++) sum += Cos[x * 8 + u] * row[u];
                    tmp[v * 8 + x] = sum;
                }
            }
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                {
                    double sum = 0;
                    for (int v = 0; v < 8; v++) sum += Cos[y * 8 + v] * tmp[v * 8 + x];
                    int val = (int)Math.Round(sum + 128, MidpointRounding.AwayFromZero);
                    plane[offset + y * stride + x] = (byte)Math.Clamp(val, 0, 255);
                }
        }

        private Image Output()
        {
            if (!_frame) throw new DataFormatException(file, "no frame header (SOF)", _pos, field: "SOF0");
            int w = _width, h = _height;
            var planes = new byte[_components.Length][];
            for (int i = 0; i < _components.Length; i++) planes[i] = Upsample(_components[i]);
            if (_components.Length == 1)
                return new Image(w, h, 1, planes[0]);
            var pixels = new byte[w * h * 3];
            // Adobe transform 0 means the three components are R, G, B; so do components named 'R', 'G', 'B'.
            bool rgb = _adobeTransform == 0 || (_adobeTransform < 0 && _components[0].Id == 'R' && _components[1].Id == 'G' && _components[2].Id == 'B');
            for (int i = 0; i < w * h; i++)
            {
                int y = planes[0][i], cb = planes[1][i], cr = planes[2][i];
                if (rgb) { pixels[i * 3] = (byte)y; pixels[i * 3 + 1] = (byte)cb; pixels[i * 3 + 2] = (byte)cr; continue; }
                // libjpeg's fixed-point YCbCr → RGB (16 fractional bits, rounded), then clamped.
                int crc = cr - 128, cbc = cb - 128;
                int r = y + ((91881 * crc + 32768) >> 16);
                int g = y + ((-22554 * cbc - 46802 * crc + 32768) >> 16);
                int b = y + ((116130 * cbc + 32768) >> 16);
                pixels[i * 3] = (byte)Math.Clamp(r, 0, 255);
                pixels[i * 3 + 1] = (byte)Math.Clamp(g, 0, 255);
                pixels[i * 3 + 2] = (byte)Math.Clamp(b, 0, 255);
            }
            return new Image(w, h, 3, pixels);
        }

        /// <summary>Brings a component to full resolution (W × H), cropping the MCU padding.</summary>
        private byte[] Upsample(Component c)
        {
            int w = _width, h = _height;
            int sx = _hMax / c.H, sy = _vMax / c.V;
            if (_hMax % c.H != 0 || _vMax % c.V != 0 || sx > 2 || sy > 2 || (sx == 1 && sy == 2))
                return BoxUpsample(c, _hMax / (double)c.H, _vMax / (double)c.V);
            var src = c.Plane;
            int stride = c.Stride;
            // The component's real extent; libjpeg replicates its last column/row at the edges.
            int cw = (w * c.H + _hMax - 1) / _hMax, ch = (h * c.V + _vMax - 1) / _vMax;
            var dst = new byte[w * h];
            if (sx == 1 && sy == 1)
            {
                for (int y = 0; y < h; y++) Array.Copy(src, y * stride, dst, y * w, w);
                return dst;
            }
            var outRow = new byte[cw * 2];
            for (int y = 0; y < h; y++)
            {
                if (sy == 1)
                {
                    // h2v1: triangle filter 3/4 nearer + 1/4 farther sample, libjpeg's rounding (+1 / +2).
                    int r = y * stride;
                    if (cw == 1) { outRow[0] = outRow[1] = src[r]; }
                    else
                    {
                        outRow[0] = src[r];
                        outRow[1] = (byte)((src[r] * 3 + src[r + 1] + 2) >> 2);
                        for (int i = 1; i < cw - 1; i++)
                        {
                            int v = src[r + i] * 3;
                            outRow[2 * i] = (byte)((v + src[r + i - 1] + 1) >> 2);
                            outRow[2 * i + 1] = (byte)((v + src[r + i + 1] + 2) >> 2);
                        }
                        int last = cw - 1;
                        outRow[2 * last] = (byte)((src[r + last] * 3 + src[r + last - 1] + 1) >> 2);
                        outRow[2 * last + 1] = src[r + last];
                    }
                }
                else
                {
                    // h2v2: vertical 3:1 mix with the nearer neighbouring row, then horizontal 3:1 (libjpeg's +8 / +7).
                    int inY = y / 2;
                    int nearY = y % 2 == 0 ? Math.Max(inY - 1, 0) : Math.Min(inY + 1, ch - 1);
                    int r0 = inY * stride, r1 = nearY * stride;
                    int Col(int i) => src[r0 + i] * 3 + src[r1 + i];
                    int thisSum = Col(0);
                    if (cw == 1) { outRow[0] = (byte)((thisSum * 4 + 8) >> 4); outRow[1] = (byte)((thisSum * 4 + 7) >> 4); }
                    else
                    {
                        int nextSum = Col(1);
                        outRow[0] = (byte)((thisSum * 4 + 8) >> 4);
                        outRow[1] = (byte)((thisSum * 3 + nextSum + 7) >> 4);
                        int lastSum = thisSum;
                        thisSum = nextSum;
                        for (int i = 1; i < cw - 1; i++)
                        {
                            nextSum = Col(i + 1);
                            outRow[2 * i] = (byte)((thisSum * 3 + lastSum + 8) >> 4);
                            outRow[2 * i + 1] = (byte)((thisSum * 3 + nextSum + 7) >> 4);
                            lastSum = thisSum;
                            thisSum = nextSum;
                        }
                        int last = cw - 1;
                        outRow[2 * last] = (byte)((thisSum * 3 + lastSum + 8) >> 4);
                        outRow[2 * last + 1] = (byte)((thisSum * 4 + 7) >> 4);
                    }
                }
                Array.Copy(outRow, 0, dst, y * w, w);
            }
            return dst;
        }

        private byte[] BoxUpsample(Component c, double fx, double fy)
        {
            int w = _width, h = _height;
            var dst = new byte[w * h];
            for (int y = 0; y < h; y++)
            {
                int sy = (int)(y / fy);
                for (int x = 0; x < w; x++) dst[y * w + x] = c.Plane[sy * c.Stride + (int)(x / fx)];
            }
            return dst;
        }
    }
}
