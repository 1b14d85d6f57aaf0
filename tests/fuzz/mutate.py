#!/usr/bin/python3
"""Byte-level mutation fuzzer for `repscope info --json` (standard library only, no clang).

usage: mutate.py --repscope PATH_TO_repscope --seeds DIR --count N [--seed S] [--jobs J]
                 [--timeout SECONDS] [--keep DIR] [--report FILE.json]

Every *.h5 / *.h5ad file in DIR (non-recursive) is a seed. For each seed, N mutants are
made (deterministically from --seed) with one of these mutation kinds:

  near-signature  1-8 byte overwrites/bit flips within +-64 bytes of an HDF5 signature
                  (OHDR, TREE, HEAP, GCOL, SNOD, BTHD, FRHP, OCHK, BTLF, FSHD, FSSE,
                  \\x89HDF); anywhere when the seed has none
  random-byte     one random byte anywhere
  truncate        truncation to a random length (at least 8 bytes)
  big-int         8 aligned bytes near a signature overwritten with a large little-endian
                  integer (2**31, 2**32+2, 2**63, 2**64-1)

Each mutant is run as `repscope info --json FILE` (QT_QPA_PLATFORM=offscreen, stdin
/dev/null) and classified:

  ok           exit 0 (stderr ignored: warnings are allowed)
  clean-error  exit 1..127 with exactly one non-empty stderr line
  messy-error  exit 1..127 with empty or multi-line stderr (reported, does not fail)
  crash        killed by a signal, or exit >= 128
  hang         exceeded --timeout (the process group is killed)

Exit status: 0 when there is no crash and no hang, 1 otherwise (2 on usage errors).
"""
import argparse
import concurrent.futures
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

SIGNATURES = [b"OHDR", b"TREE", b"HEAP", b"GCOL", b"SNOD", b"BTHD", b"FRHP", b"OCHK",
              b"BTLF", b"FSHD", b"FSSE", b"\x89HDF"]
BIG_INTS = [2**31, 2**32 + 2, 2**63, 0xFFFFFFFFFFFFFFFF]
CLASSES = ["ok", "clean-error", "messy-error", "crash", "hang"]
KEPT_CLASSES = ("crash", "hang", "messy-error")

# Running children, so that Ctrl-C can kill their process groups (they are in their own
# sessions and do not get the terminal's SIGINT).
live = set()
live_lock = threading.Lock()
stopping = threading.Event()


def signature_offsets(data):
    """All offsets at which one of the HDF5 signatures occurs."""
    offsets = []
    for sig in SIGNATURES:
        start = 0
        while True:
            i = data.find(sig, start)
            if i < 0:
                break
            offsets.append(i)
            start = i + 1
    offsets.sort()
    return offsets


def near(rng, data, offsets, radius=64):
    """A random offset within +-radius of a random signature (anywhere if there is none)."""
    if not offsets:
        return rng.randrange(len(data)), None
    anchor = rng.choice(offsets)
    lo = max(0, anchor - radius)
    hi = min(len(data) - 1, anchor + radius)
    return rng.randint(lo, hi), anchor


def mutate(rng, seed_bytes, offsets):
    """Returns (mutant bytes, human-readable description of the mutation)."""
    data = bytearray(seed_bytes)
    if not data:
        return bytes(data), "empty seed (unchanged)"
    kind = rng.choice(["near-signature", "random-byte", "truncate", "big-int"])
    if kind == "near-signature":
        edits = []
        for _ in range(rng.randint(1, 8)):
            pos, anchor = near(rng, data, offsets)
            op = rng.choice(["random", "0x00", "0xFF", "0x7F", "0x80", "bitflip"])
            old = data[pos]
            if op == "random":
                data[pos] = rng.randrange(256)
            elif op == "bitflip":
                data[pos] ^= 1 << rng.randrange(8)
            else:
                data[pos] = int(op, 16)
            where = f"sig@{anchor:#x}" if anchor is not None else "no-sig"
            edits.append(f"{pos:#x}:{old:02x}->{data[pos]:02x}({op},{where})")
        return bytes(data), "near-signature " + " ".join(edits)
    if kind == "random-byte":
        pos = rng.randrange(len(data))
        old = data[pos]
        data[pos] = rng.randrange(256)
        return bytes(data), f"random-byte {pos:#x}:{old:02x}->{data[pos]:02x}"
    if kind == "truncate":
        if len(data) <= 8:
            return bytes(data), f"truncate (seed only {len(data)} bytes, unchanged)"
        new_len = rng.randint(8, len(data) - 1)
        return bytes(data[:new_len]), f"truncate {len(data)}->{new_len}"
    # big-int
    value = rng.choice(BIG_INTS)
    if len(data) < 8:
        return bytes(data), "big-int (seed shorter than 8 bytes, unchanged)"
    pos, anchor = near(rng, data, offsets)
    pos = min(pos - pos % 8, (len(data) - 8) - (len(data) - 8) % 8)
    data[pos:pos + 8] = value.to_bytes(8, "little")
    where = f"sig@{anchor:#x}" if anchor is not None else "no-sig"
    return bytes(data), f"big-int {pos:#x}={value:#x}({where})"


def run_one(repscope, path, timeout):
    """Runs `repscope info --json path`. Returns (class, returncode, stderr text)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([repscope, "info", "--json", path], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    with live_lock:
        live.add(proc)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, err = proc.communicate()
        return "hang", None, err.decode("utf-8", "replace")
    finally:
        with live_lock:
            live.discard(proc)
    rc = proc.returncode
    err_text = err.decode("utf-8", "replace")
    if rc == 0:
        return "ok", rc, err_text
    if rc < 0 or rc >= 128:
        return "crash", rc, err_text
    lines = err_text.splitlines()
    if len(lines) == 1 and lines[0].strip():
        return "clean-error", rc, err_text
    return "messy-error", rc, err_text


def parse_args(argv):
    p = argparse.ArgumentParser(description="Byte-level mutation fuzzer for `repscope info`.")
    p.add_argument("--repscope", required=True, help="path to the repscope executable")
    p.add_argument("--seeds", required=True, help="directory of *.h5 / *.h5ad seed files")
    p.add_argument("--count", required=True, type=int, help="mutants per seed file")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="parallel runs (default: CPU count)")
    p.add_argument("--timeout", type=float, default=60.0,
                   help="seconds per run before it counts as a hang (default 60)")
    p.add_argument("--keep", help="directory to copy crash/hang/messy-error mutants into")
    p.add_argument("--report", help="write the summary as JSON to this file")
    args = p.parse_args(argv)
    if args.count < 1 or args.jobs < 1 or args.timeout <= 0:
        p.error("--count and --jobs must be >= 1 and --timeout > 0")
    return args


def summary_table(per_seed, total):
    names = list(per_seed) + ["TOTAL"]
    width = max(len(n) for n in names + ["seed"])
    lines = ["seed".ljust(width) + "".join(c.rjust(13) for c in CLASSES)]
    for name in names:
        counts = total if name == "TOTAL" else per_seed[name]
        lines.append(name.ljust(width) + "".join(str(counts[c]).rjust(13) for c in CLASSES))
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    repscope = os.path.abspath(args.repscope)
    if not os.access(repscope, os.X_OK):
        print(f"error: not an executable: {args.repscope}", file=sys.stderr)
        return 2
    if not os.path.isdir(args.seeds):
        print(f"error: not a directory: {args.seeds}", file=sys.stderr)
        return 2
    seeds = sorted(f for f in os.listdir(args.seeds)
                   if f.endswith((".h5", ".h5ad")) and os.path.isfile(os.path.join(args.seeds, f)))
    if not seeds:
        print(f"error: no *.h5 / *.h5ad files in {args.seeds}", file=sys.stderr)
        return 2
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)

    # File-name stems for mutants; foo.h5 and foo.h5ad get distinct ones.
    stems = {}
    for name in seeds:
        base, ext = os.path.splitext(name)
        clash = sum(os.path.splitext(other)[0] == base for other in seeds) > 1
        stems[name] = f"{base}_{ext[1:]}" if clash else base

    rng = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix="repscope-fuzz-")
    per_seed = {s: {c: 0 for c in CLASSES} for s in seeds}
    total = {c: 0 for c in CLASSES}
    findings = []
    done = 0
    n_total = args.count * len(seeds)
    start = time.monotonic()
    interrupted = False

    def job(seed_name, k, path, description):
        if stopping.is_set():
            raise concurrent.futures.CancelledError()
        cls, rc, err = run_one(repscope, path, args.timeout)
        if stopping.is_set():  # killed by the Ctrl-C handler: not a finding
            raise concurrent.futures.CancelledError()
        kept = None
        if cls in KEPT_CLASSES and args.keep:
            kept = os.path.join(args.keep, f"{cls}_{stems[seed_name]}_{k}.h5")
            shutil.copyfile(path, kept)
        os.unlink(path)
        return seed_name, k, description, cls, rc, err, kept

    def record(fut):
        nonlocal done
        seed_name, k, description, cls, rc, err, kept = fut.result()
        per_seed[seed_name][cls] += 1
        total[cls] += 1
        done += 1
        if cls in KEPT_CLASSES:
            findings.append({
                "seed": seed_name, "mutant": k, "class": cls, "mutation": description,
                "returncode": rc, "stderr_tail": err.splitlines()[-3:], "kept": kept})
        if done % 500 == 0:
            elapsed = time.monotonic() - start
            print(f"[{done}/{n_total}] {elapsed:.0f}s "
                  + " ".join(f"{c}={total[c]}" for c in CLASSES), flush=True)

    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
    pending = set()
    try:
        # Mutants come from one Random in a fixed order, so they depend only on --seed, the
        # seed files and --count (not on --jobs). At most 2 x jobs mutants exist on disk.
        for seed_name in seeds:
            with open(os.path.join(args.seeds, seed_name), "rb") as f:
                seed_bytes = f.read()
            offsets = signature_offsets(seed_bytes)
            stem = stems[seed_name]
            for k in range(args.count):
                data, description = mutate(rng, seed_bytes, offsets)
                path = os.path.join(tmp, f"mutant_{stem}_{k}.h5")
                with open(path, "wb") as f:
                    f.write(data)
                pending.add(pool.submit(job, seed_name, k, path, description))
                while len(pending) >= 2 * args.jobs:
                    finished, pending = concurrent.futures.wait(
                        pending, return_when=concurrent.futures.FIRST_COMPLETED)
                    for fut in finished:
                        record(fut)
        while pending:
            finished, pending = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for fut in finished:
                record(fut)
    except KeyboardInterrupt:
        interrupted = True
        print("interrupted", file=sys.stderr)
        stopping.set()
        for fut in pending:
            fut.cancel()
        with live_lock:
            for proc in list(live):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(tmp, ignore_errors=True)

    wall = time.monotonic() - start
    rate = done / wall if wall > 0 else 0.0
    findings.sort(key=lambda f: (f["seed"], f["mutant"]))
    for f in findings:
        print(f"{f['class']}: {f['seed']} #{f['mutant']} rc={f['returncode']} "
              f"{f['mutation']}" + (f" -> {f['kept']}" if f["kept"] else ""))
        for line in f["stderr_tail"]:
            print(f"    {line}")
    print(summary_table(per_seed, total))
    print(f"{done} mutants in {wall:.1f}s ({rate:.1f}/s), seed {args.seed}, jobs {args.jobs}")
    if args.report:
        with open(args.report, "w") as f:
            json.dump({"seed": args.seed, "count_per_seed": args.count, "jobs": args.jobs,
                       "timeout_s": args.timeout, "mutants_run": done,
                       "interrupted": interrupted, "wall_s": round(wall, 3),
                       "mutants_per_s": round(rate, 3), "per_seed": per_seed,
                       "total": total, "findings": findings}, f, indent=2)
            f.write("\n")
    if interrupted:
        return 130
    return 1 if total["crash"] or total["hang"] else 0


if __name__ == "__main__":
    sys.exit(main())
