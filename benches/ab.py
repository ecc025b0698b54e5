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
each binary and after/before. The `register` row commits new versions of a
name of its own (`ab-register-<pid>`) into DIR.
"""
import argparse, os, shutil, statistics, subprocess, tempfile, time


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
        """Wall seconds and peak resident MiB of one run."""
        start = time.perf_counter()
        child = subprocess.Popen([binary] + args, cwd=a.tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        child.returncode = 0
        return time.perf_counter() - start, usage.ru_maxrss / 1024

    def swap_in(which):
        shutil.rmtree(cache, ignore_errors=True)
        if os.path.exists(f"{cache}-{which}"):
            os.rename(f"{cache}-{which}", cache)

    def swap_out(which):
        if os.path.exists(cache):
            os.rename(cache, f"{cache}-{which}")

    name = sorted(d for d in os.listdir(os.path.join(a.tree, "definitions")))[0]
    first = sorted(os.listdir(os.path.join(a.tree, "definitions", name)))[0]
    with open(os.path.join(a.tree, "definitions", name, first)) as f:
        model = [line for line in f if not line.startswith(("id:", "status:", "name:", "version:"))]
    source = os.path.join(tempfile.mkdtemp(prefix="reg-ab-"), "new.yaml")
    written = [0]

    def new_version():
        """A version no run registered before, of a name of its own."""
        written[0] += 1
        with open(source, "w") as f:
            f.write(f"name: ab-register-{os.getpid()}\nversion: {written[0]}.0.0\n" + "".join(model))
        return source

    proofs = os.path.join(a.tree, ".git", "reg-proofs")
    # (label, arguments, what to remove before each run, runs)
    rows = [
        ("validate", ["validate", "-q"], "", max(3, a.runs // 2)),
        ("list --limit 50, cold, fresh clone (no .reg/, no proofs)", ["list", "--limit", "50"], "proofs",
         max(3, a.runs // 2)),
        ("list --limit 50, cold (no .reg/)", ["list", "--limit", "50"], "cache", max(3, a.runs // 2)),
        ("list --limit 50, warm", ["list", "--limit", "50"], "", a.runs),
        ("search invoice", ["search", "invoice"], "", a.runs),
        (f"show {name}", ["show", name], "", a.runs * 2),
        ("register (one new version)", ["register", "-q", source], "", a.runs * 2),
    ]
    # Warm each binary's own cache, and let the files it stamps age past
    # the cache's racy window (2 s).
    for which, binary in bins.items():
        swap_in(which)
        run(binary, ["list", "--limit", "1"])
        swap_out(which)
    time.sleep(2.5)
    print("| command | before | after | after/before | peak before | peak after |\n|---|---|---|---|---|---|")
    for label, args, remove, n in rows:
        times = {k: [] for k in bins}
        for i in range(n):
            order = list(bins.items()) if i % 2 == 0 else list(bins.items())[::-1]
            for which, binary in order:
                swap_in(which)
                if remove:
                    shutil.rmtree(cache, ignore_errors=True)
                if remove == "proofs" and os.path.exists(proofs):
                    os.remove(proofs)
                if args[0] == "register":
                    new_version()
                times[which].append(run(binary, args))
                swap_out(which)
        m = {k: statistics.median(t for t, _ in v) for k, v in times.items()}
        peak = {k: max(p for _, p in v) for k, v in times.items()}
        print(f"| {label} | {m['before'] * 1000:.1f} ms | {m['after'] * 1000:.1f} ms | "
              f"{m['after'] / m['before']:.3f}x | {peak['before']:.0f} MiB | {peak['after']:.0f} MiB |", flush=True)
    for which in bins:
        shutil.rmtree(f"{cache}-{which}", ignore_errors=True)
    shutil.rmtree(os.path.dirname(source), ignore_errors=True)


if __name__ == "__main__":
    main()
