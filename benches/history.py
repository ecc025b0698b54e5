#!/usr/bin/env python3
"""`reg history` on a long history, against `git log -- PATH` in the same repository.

Builds (with git fast-import) a registry of NAMES names whose COMMITS commits
each register one version, as `reg register` commits them (realistic 2-4 KB
connector definitions, `Reg-*` trailers), then times, as fresh processes:

* `git log --oneline -- definitions/NAME` (the reference),
* `reg history NAME` the first time (building its index in the git directory),
* `reg history NAME` afterwards, and after one more commit (the index extended).

Usage: python3 benches/history.py [--commits 10000] [--names 1000] [--runs 9] [--reg PATH]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the definition generator and the environment)


def build(root, commits, names):
    subprocess.run(["git", "init", "-q", root], check=True, env=bench.ENV)
    # Streamed, so this process stays small: a child's peak RSS counts
    # what it inherited before exec.
    imp = subprocess.Popen(["git", "fast-import", "--quiet"], stdin=subprocess.PIPE, cwd=root, env=bench.ENV)
    stamp = 1_700_000_000

    def commit(msg, files):
        imp.stdin.write((f"commit refs/heads/main\ncommitter Bench <b@x> {stamp} +0000\n"
                         f"data {len(msg.encode())}\n{msg}\n").encode())
        for path, text in files:
            data = text.encode()
            imp.stdin.write(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")

    commit("init registry", [("reg.yaml", "format: 1\nname: history-bench\n"), (".gitignore", "/.reg/\n")])
    for c in range(commits):
        stamp += 1000
        name, version = f"integration-{c % names:05d}", f"1.{c // names}.0"
        commit(f"register {name}@{version}\n\nReg-Action: register\n"
               f"Reg-Subject: definition/{name}@{version}\nReg-To: DRAFT\n",
               [(f"definitions/{name}/{version}.yaml", bench.definition(name, version, "DRAFT", c))])
    imp.stdin.close()
    if imp.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True, env=bench.ENV)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--commits", type=int, default=10000)
    ap.add_argument("--names", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--reg", help="the reg binary to time (default: target/release/reg)")
    a = ap.parse_args()
    if a.reg:
        bench.REG = os.path.abspath(a.reg)
    if not os.path.exists(bench.REG):
        sys.exit("build first: cargo build --release")
    work = tempfile.mkdtemp(prefix="reg-history-")
    root = os.path.join(work, "r")
    t = time.time()
    build(root, a.commits, a.names)
    print(f"built {a.commits} commits over {a.names} names in {time.time() - t:.0f} s", file=sys.stderr)
    name = f"integration-{a.names // 2:05d}"
    index = os.path.join(root, ".git", "reg-history")
    drop = lambda: os.path.exists(index) and os.remove(index)
    print(f"\n{a.commits} commits, {os.cpu_count()} cores, median of {a.runs} runs\n")
    print("| command | median wall | ratio to the reference | peak RSS |\n|---|---|---|---|")
    git = bench.measure(f"git log --oneline -- definitions/{name} (reference)",
                        ["git", "log", "--oneline", "--", f"definitions/{name}"], root, a.runs)
    first = bench.measure(f"reg history {name} (first: builds the index)", [bench.REG, "history", name], root,
                          max(3, a.runs // 3), prepare=drop, against=("git log", git))
    warm = bench.measure(f"reg history {name}", [bench.REG, "history", name], root, a.runs, against=("git log", git))
    step = [0]

    def one_more_commit():
        step[0] += 1
        path = os.path.join(root, "definitions", name, f"9.{step[0]}.0.yaml")
        with open(path, "w") as f:
            f.write(bench.definition(name, f"9.{step[0]}.0", "DRAFT", 10**9 + step[0]))
        subprocess.run(["git", "add", path], cwd=root, check=True, env=bench.ENV)
        subprocess.run(["git", "commit", "-qm", "hand"], cwd=root, check=True, env=bench.ENV)

    extended = bench.measure(f"reg history {name} (one commit since)", [bench.REG, "history", name], root, a.runs,
                             prepare=one_more_commit, against=("git log", git))
    print(f"\nreg history = {warm / git:.2f}x git log; first run {first / git:.2f}x; "
          f"one commit since {extended / git:.2f}x")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
