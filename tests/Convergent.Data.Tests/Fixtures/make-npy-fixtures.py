#!/usr/bin/env python3
"""Writes the .npy/.npz fixtures with numpy itself (Debian: apt-get install -y python3-numpy; made with numpy 1.24.2).
Every array holds values from one formula so the C# tests can recompute them without numpy:
    v[i] = (i * 7 % 23) - 11 for the flat C-order index i; unsigned types add 11, float types divide by 4,
    bool is (v % 3 == 0)."""
import os
import numpy as np

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "npy"))
for f in os.listdir("."):
    os.remove(f)

def values(shape, dtype):
    n = int(np.prod(shape))
    v = (np.arange(n) * 7 % 23) - 11
    if dtype == np.bool_:
        return (v % 3 == 0).reshape(shape)
    if np.dtype(dtype).kind == "u":
        v = v + 11
    if np.dtype(dtype).kind == "f":
        v = v / 4.0
    return v.astype(dtype).reshape(shape)

shape = (2, 3, 4)
for code in ["b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8"]:
    for order in ["<", ">"]:
        if code in ("b1", "i1", "u1") and order == ">":
            continue
        dt = np.dtype(order + code) if code not in ("b1",) else np.bool_
        a = values(shape, dt).astype(dt)
        tag = {"<": "le", ">": "be"}[order]
        np.save(f"{code}-{tag}-c.npy", a)
        np.save(f"{code}-{tag}-f.npy", np.asfortranarray(a))

# Format versions 2.0 and 3.0 (numpy picks them only for huge or non-Latin-1 headers, so force them).
a = values(shape, np.float32)
for version in [(2, 0), (3, 0)]:
    with open(f"f4-v{version[0]}.npy", "wb") as fh:
        np.lib.format.write_array(fh, a, version=version)
np.save("f8-scalar.npy", np.float64(2.5))
np.save("f4-empty.npy", np.zeros((0, 3), np.float32))

np.savez("stored.npz", x=values((4, 2), np.float32), y=values((4,), np.int64), flags=values((3,), np.bool_))
np.savez_compressed("compressed.npz", x=values((4, 2), np.float32), y=values((4,), np.int64), flags=values((3,), np.bool_))
print(sorted(os.listdir(".")))
