#!/usr/bin/env bash
# Regenerates the image fixtures from one small synthetic picture with ImageMagick 6 (convert), netpbm and
# libjpeg-turbo (cjpeg): apt-get install -y imagemagick netpbm libjpeg-turbo-progs
# Each encoded file X has a reference X.rgba (8-bit RGBA, row-major) decoded by ImageMagick; JPEG references are
# ImageMagick's own decode of the same JPEG (X.jpg -> X.ref.ppm / X.ref.pgm).
set -euo pipefail
cd "$(dirname "$0")/images"
rm -f ./*
W=37; H=29

# The base picture: a colour gradient, a solid rectangle, a white disc, a dark diagonal line.
convert -size ${W}x${H} gradient:'#ff2000-#0030ff' -rotate 0 \
  -fill '#20c040' -draw 'rectangle 4,4 14,12' -fill white -draw 'circle 26,18 31,21' \
  -stroke '#101010' -draw 'line 0,28 36,0' -depth 8 -strip base.ppm
convert -size ${W}x${H} gradient:white-black alpha.pgm
convert base.ppm alpha.pgm -alpha off -compose CopyOpacity -composite -strip rgba.png

# PNG: colour types 0, 2, 3, 4, 6; bit depths 1, 2, 4, 8, 16; Adam7; palette with tRNS.
convert base.ppm -define png:color-type=2 -define png:bit-depth=8 PNG24:png-rgb8.png
convert rgba.png -define png:color-type=6 -define png:bit-depth=8 PNG32:png-rgba8.png
convert -size ${W}x${H} gradient:'#ff0000-#0000ff' -depth 16 -define png:color-type=2 PNG48:png-rgb16.png
convert rgba.png -depth 16 -define png:color-type=6 PNG64:png-rgba16.png
convert base.ppm -colorspace Gray -define png:color-type=0 -define png:bit-depth=8 png-gray8.png
convert -size ${W}x${H} gradient:black-white -depth 16 -define png:color-type=0 -define png:bit-depth=16 png-gray16.png
ppmtopgm base.ppm | pamthreshold -simple 2>/dev/null | pamtopnm | pnmtopng > png-gray1.png
ppmtopgm base.ppm | pamdepth 3 | pnmtopng > png-gray2.png
ppmtopgm base.ppm | pamdepth 15 | pnmtopng > png-gray4.png
ppmtopgm base.ppm | pamthreshold -simple 2>/dev/null | pamtopnm | pnmtopng -interlace > png-gray1-interlaced.png
convert rgba.png -colorspace Gray -define png:color-type=4 -define png:bit-depth=8 png-graya8.png
pnmquant 12 base.ppm 2>/dev/null | pnmtopng > png-palette4.png
convert base.ppm -colors 200 -define png:bit-depth=8 PNG8:png-palette8.png
convert rgba.png -channel A -threshold 50% +channel -colors 8 PNG8:png-palette-trns.png
convert base.ppm -interlace PNG PNG24:png-rgb8-interlaced.png
convert rgba.png -depth 16 -interlace PNG PNG64:png-rgba16-interlaced.png

# BMP: BITMAPINFOHEADER 24-bit and 8-bit palette, V4 and V5 32-bit, 1- and 4-bit palettes (netpbm).
convert base.ppm BMP3:bmp-rgb24.bmp
convert base.ppm -colors 100 -type Palette -compress none BMP3:bmp-pal8.bmp
convert base.ppm -colors 100 -type Palette -compress RLE BMP3:bmp-rle8.bmp  # unsupported: expect a clear error
convert rgba.png BMP:bmp-v5-rgba32.bmp
# ImageMagick 6 writes only V5 (124-byte) headers for 32-bit; a V4 (108-byte) file is the same file without
# the V5-only tail of the header (intent, profile offset/size, reserved), so cut those 16 bytes and fix the offsets.
python3 - <<'PY'
import struct
b = bytearray(open('bmp-v5-rgba32.bmp', 'rb').read())
assert struct.unpack_from('<I', b, 14)[0] == 124
v4 = b[:14 + 108] + b[14 + 124:]
struct.pack_into('<I', v4, 2, len(v4)); struct.pack_into('<I', v4, 10, struct.unpack_from('<I', b, 10)[0] - 16)
struct.pack_into('<I', v4, 14, 108)
open('bmp-v4-rgba32.bmp', 'wb').write(v4)
PY
pnmquant 16 base.ppm 2>/dev/null | ppmtobmp -bpp 4 > bmp-pal4.bmp
ppmtopgm base.ppm | pamthreshold -simple 2>/dev/null | pamtopnm | ppmtobmp -bpp 1 > bmp-pal1.bmp

# PNM: P1-P6, a 16-bit maxval and an odd maxval.
cp base.ppm pnm-p6.ppm
pnmtopnm -plain base.ppm > pnm-p3.ppm
ppmtopgm base.ppm > pnm-p5.pgm
pnmtopnm -plain pnm-p5.pgm > pnm-p2.pgm
ppmtopgm base.ppm | pamthreshold -simple 2>/dev/null | pamtopnm > pnm-p4.pbm
pnmtopnm -plain pnm-p4.pbm > pnm-p1.pbm
pamdepth 65535 base.ppm > pnm-p6-16bit.ppm
pamdepth 1000 base.ppm > pnm-p6-maxval1000.ppm

# 16-bit files get a 16-bit reference (ImageMagick 6 truncates when it reduces depth, where the decoder rounds
# v/257; the test applies the decoder's documented rounding to these exact 16-bit values).
for f in png-*.png bmp-*.bmp pnm-*.p?m; do
  case "$f" in
    bmp-rle8.bmp) ;;
    png-rgb16.png|png-rgba16.png|png-gray16.png|png-rgba16-interlaced.png) convert "$f" -depth 16 -endian MSB rgba:"$f.rgba16" ;;
    *) convert "$f" -depth 8 rgba:"$f.rgba" ;;
  esac
done

# JPEG: 4:2:0, 4:2:2, 4:4:4, grayscale, restart intervals (per MCU row and every 3 MCUs), progressive (unsupported).
convert base.ppm -quality 90 -sampling-factor 2x2 jpeg-420.jpg
convert base.ppm -quality 90 -sampling-factor 2x1 jpeg-422.jpg
convert base.ppm -quality 90 -sampling-factor 1x1 jpeg-444.jpg
convert base.ppm -colorspace Gray -quality 90 jpeg-gray.jpg
cjpeg -quality 85 -sample 2x2 -restart 1 base.ppm > jpeg-420-restart-rows.jpg
cjpeg -quality 85 -sample 1x1 -restart 3B base.ppm > jpeg-444-restart-3mcu.jpg
cjpeg -quality 85 -progressive base.ppm > jpeg-progressive.jpg
for f in jpeg-420 jpeg-422 jpeg-444 jpeg-420-restart-rows jpeg-444-restart-3mcu; do convert $f.jpg -depth 8 $f.ref.ppm; done
convert jpeg-gray.jpg -depth 8 jpeg-gray.ref.pgm

rm -f alpha.pgm rgba.png
ls -l
