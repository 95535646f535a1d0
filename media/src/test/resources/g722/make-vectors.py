#!/usr/bin/env python3
"""Generates the G.722 reference vectors with libspandsp (the G.722 implementation baresip's
g722 module uses), so our Java port is checked bit for bit against the codec the interop peer runs.

Outputs (little-endian):
  input-16k.raw   16-bit PCM at 16 kHz: tones, a chirp, noise bursts, silence, full-scale steps
  encoded.g722    64 kbit/s G.722 of input-16k.raw (g722_encode_init(NULL, 64000, 0))
  decoded-16k.raw g722_decode of encoded.g722 (g722_decode_init(NULL, 64000, 0))
"""
import ctypes, math, struct

lib = ctypes.CDLL("libspandsp.so.2")
lib.g722_encode_init.restype = ctypes.c_void_p
lib.g722_decode_init.restype = ctypes.c_void_p
lib.g722_encode.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int16), ctypes.c_int]
lib.g722_decode.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int16), ctypes.c_char_p, ctypes.c_int]

N = 16000
seed = 12345
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    return seed / 0x7FFFFFFF * 2 - 1

samples = []
for n in range(N):
    t = n / 16000.0
    if n < 4000:
        v = 12000 * math.sin(2 * math.pi * 1000 * t) + 6000 * math.sin(2 * math.pi * 5500 * t)
    elif n < 8000:
        f = 100 + 7800 * (n - 4000) / 4000.0
        v = 16000 * math.sin(2 * math.pi * f * t)
    elif n < 10000:
        v = 20000 * rnd()
    elif n < 12000:
        v = 0
    elif n < 14000:
        v = 32767 if (n // 40) % 2 else -32768
    else:
        v = 300 * math.sin(2 * math.pi * 440 * t) + 50 * rnd()
    samples.append(max(-32768, min(32767, int(round(v)))))

pcm = (ctypes.c_int16 * N)(*samples)
enc = lib.g722_encode_init(None, 64000, 0)
out = ctypes.create_string_buffer(N)
n_bytes = lib.g722_encode(enc, out, pcm, N)
encoded = out.raw[:n_bytes]
dec = lib.g722_decode_init(None, 64000, 0)
decoded = (ctypes.c_int16 * (2 * n_bytes))()
n_out = lib.g722_decode(dec, decoded, encoded, n_bytes)

open("input-16k.raw", "wb").write(struct.pack("<%dh" % N, *samples))
open("encoded.g722", "wb").write(encoded)
open("decoded-16k.raw", "wb").write(struct.pack("<%dh" % n_out, *decoded[:n_out]))
print(n_bytes, n_out)
