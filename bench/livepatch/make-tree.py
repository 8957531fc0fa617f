#!/usr/bin/env python3
"""make-tree.py DIR N: the benchmark tree, N text-like files of 1-200 KB in 40 folders plus one
20 MB file; the same bytes on every run (seeded). With BENCH_SHAPE=small: N files of 100 B-2 KB,
100 per folder, and no large file (a source tree's shape: the cost is per file, not per byte)."""
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(4)
words = ("def class return import self value item list map key data node tree "
         "if else for while try except with yield lambda None True False").split()
lines = [" ".join(rnd.choice(words) for _ in range(rnd.randint(3, 12))) + "\n" for _ in range(20000)]
pool = "".join(lines).encode()
def text(size):
    out = bytearray()
    while len(out) < size:
        start = rnd.randrange(len(pool) - 4096)
        out += b"%d: " % rnd.randrange(10**9) + pool[start:start + rnd.randint(512, 4096)]
    return bytes(out[:size])
if os.environ.get("BENCH_SHAPE") == "small":
    for i in range(n):
        d = os.path.join(root, "dir%03d" % (i // 100))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "file%05d.txt" % i), "wb") as f:
            f.write(text(rnd.randint(100, 2048)))
    sys.exit(0)
for i in range(n):
    d = os.path.join(root, "pkg%02d" % (i % 40))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "file%04d.txt" % i), "wb") as f:
        f.write(text(rnd.randint(1024, 200 * 1024)))
with open(os.path.join(root, "big.bin"), "wb") as f:
    f.write(text(20 * 1024 * 1024))
