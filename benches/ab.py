#!/usr/bin/env python3
"""Two `reg` binaries compared on one registry, run for run.

A change's cost is its ratio to the binary before it, measured in the same
run: each row alternates the two binaries (and their order) so a busy or
throttled machine weighs on both alike. Each binary keeps its own `.reg/`
cache (swapped in by rename before each run), so a change of cache format
does not make every warm read of the other one cold.

Usage: python3 benches/ab.py --before OLD_REG --after target/release/reg \\
                             --tree DIR [--runs 9]

DIR is a registry, e.g. one `benches/bench.py --keep --work W` generated
(W/realistic-10000x10). Prints one Markdown row per command: the median of
each binary and after/before.
"""
import argparse, os, shutil, statistics, subprocess, time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--tree", required=True)
    ap.add_argument("--runs", type=int, default=9)
    a = ap.parse_args()
    bins = {"before": os.path.abspath(a.before), "after": os.path.abspath(a.after)}
    cache = os.path.join(a.tree, ".reg")

    def run(binary, args):
        start = time.perf_counter()
        subprocess.run([binary] + args, cwd=a.tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start

    def swap_in(which):
        shutil.rmtree(cache, ignore_errors=True)
        if os.path.exists(f"{cache}-{which}"):
            os.rename(f"{cache}-{which}", cache)

    def swap_out(which):
        if os.path.exists(cache):
            os.rename(cache, f"{cache}-{which}")

    name = sorted(d for d in os.listdir(os.path.join(a.tree, "definitions")))[0]
    rows = [
        ("validate", ["validate", "-q"], False, max(3, a.runs // 2)),
        ("list --limit 50, cold (no .reg/)", ["list", "--limit", "50"], True, max(3, a.runs // 2)),
        ("list --limit 50, warm", ["list", "--limit", "50"], False, a.runs),
        ("search invoice", ["search", "invoice"], False, a.runs),
        (f"show {name}", ["show", name], False, a.runs * 2),
    ]
    # Warm each binary's own cache, and let the files it stamps age past
    # the cache's racy window (2 s).
    for which, binary in bins.items():
        swap_in(which)
        run(binary, ["list", "--limit", "1"])
        swap_out(which)
    time.sleep(2.5)
    print("| command | before | after | after/before |\n|---|---|---|---|")
    for label, args, cold, n in rows:
        times = {k: [] for k in bins}
        for i in range(n):
            order = list(bins.items()) if i % 2 == 0 else list(bins.items())[::-1]
            for which, binary in order:
                swap_in(which)
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                times[which].append(run(binary, args))
                swap_out(which)
        m = {k: statistics.median(v) for k, v in times.items()}
        print(f"| {label} | {m['before'] * 1000:.1f} ms | {m['after'] * 1000:.1f} ms | "
              f"{m['after'] / m['before']:.3f}x |", flush=True)
    for which in bins:
        shutil.rmtree(f"{cache}-{which}", ignore_errors=True)


if __name__ == "__main__":
    main()
