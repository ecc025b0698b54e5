#!/usr/bin/env python3
"""Whole-process benchmarks of `reg` on a generated registry.

Generates NAMES x VERSIONS definitions (realistic 1-3 KB files, in the
format `reg` writes) plus instances in a fresh git repository, then times
each command as a user runs it: a new process per run (started with
posix_spawn, so the script's own start-up cost stays out), wall time,
median of RUNS, with the peak resident memory of that process. Reference commands
(`git status`, `git add && git commit`) run in the same tree in the same
session so the ratios mean something on any machine.

Usage: python3 benches/bench.py [--names 10000] [--versions 10] [--instances 1000]
                                [--runs 15] [--work DIR] [--keep] [--check-jsonschema]
Every row gives its ratio to a reference measured in the same run: process
start for `show`, `git status` for warm reads and `check`, `git add && git
commit` for writes, and for `validate` and a cold `list` the floor: finding,
reading and parsing every file on all cores (`examples/floor.rs`).

Needs only python3, git, GNU time (/usr/bin/time) and a release build (`cargo build --release --bins --examples`).
"""
import argparse, json, os, random, shutil, statistics, subprocess, sys, tempfile, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REG = os.path.join(ROOT, "target", "release", "reg")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "floor")
TIME = "/usr/bin/time"  # GNU time, for peak memory
ENV = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
           GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com", NO_COLOR="1",
           GIT_CONFIG_NOSYSTEM="1")
WORDS = ("sync export import stream batch webhook token oauth ledger invoice customer order event "
         "metric alert channel message queue bucket object table schema record contact lead "
         "account payment refund report audit").split()


def scalar(v):
    """A scalar the way reg (serde_yaml_ng) writes it: plain when that reads back the same."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    plain = v and v.strip() == v and not any(c in v for c in ":#'\"[]{},&*!|>%@`") and v not in ("true", "false", "null")
    try:
        float(v)
        plain = False
    except ValueError:
        pass
    return v if plain else "'" + v.replace("'", "''") + "'"


def emit(value, indent=0):
    """Block-style YAML, as reg writes its files."""
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, dict) and v:
                lines.append(f"{pad}{k}:")
                lines.extend(emit(v, indent + 2))
            elif isinstance(v, list) and v:
                lines.append(f"{pad}{k}:")
                lines.extend(emit(v, indent))
            else:
                lines.append(f"{pad}{k}: {scalar(v) if not isinstance(v, (list, dict)) else ('[]' if isinstance(v, list) else '{}')}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                sub = emit(item, indent + 2)
                lines.append(f"{pad}- {sub[0].lstrip()}")
                lines.extend(sub[1:])
            else:
                lines.append(f"{pad}- {scalar(item)}")
    return lines


def small_schema(rnd, name):
    """The small profile: 8-24 flat properties (1-3 KB files)."""
    props = {}
    for k in range(rnd.randint(8, 24)):
        w = rnd.choice(WORDS) + str(k)
        kind = rnd.choice(["string", "integer", "boolean", "enum"])
        if kind == "enum":
            props[w] = {"enum": rnd.sample(WORDS, 3), "description": f"Which {w} to use."}
        elif kind == "integer":
            props[w] = {"type": "integer", "minimum": 0, "maximum": rnd.choice([100, 1000, 65535]),
                        "description": f"Limit for {w}."}
        else:
            props[w] = {"type": kind, "description": f"The {w} setting of {name}. " + " ".join(rnd.sample(WORDS, 6)) + "."}
    props["apiKey"] = {"type": "string", "writeOnly": True, "description": "Secret API key."}
    return {"type": "object", "additionalProperties": False, "required": ["apiKey"], "properties": props}


def connector_schema(rnd, name):
    """The realistic profile: shaped like a real connector spec (2-4 KB
    files): a `oneOf` of auth methods with secrets, nested objects, enums,
    patterns, formats, defaults."""
    extra = {}
    for k in range(rnd.randint(3, 9)):
        w = rnd.choice(WORDS) + str(k)
        kind = rnd.choice(["string", "integer", "boolean", "enum"])
        if kind == "enum":
            extra[w] = {"type": "string", "enum": rnd.sample(WORDS, 4), "description": f"Which {w} {name} uses."}
        elif kind == "integer":
            extra[w] = {"type": "integer", "minimum": 1, "maximum": rnd.choice([100, 1000, 86400]), "default": 10,
                        "description": f"How many {w} per call."}
        elif kind == "string":
            extra[w] = {"type": "string", "pattern": "^[a-z0-9_]+$", "description": f"The {w} of the account."}
        else:
            extra[w] = {"type": "boolean", "default": False, "description": f"Whether to {w}."}
    oauth = {"type": "object", "title": "OAuth2", "additionalProperties": False,
             "required": ["method", "clientId", "clientSecret"],
             "properties": {"method": {"const": "oauth2"},
                            "clientId": {"type": "string", "minLength": 8, "description": "The OAuth2 client id."},
                            "clientSecret": {"type": "string", "writeOnly": True, "description": "The OAuth2 client secret."},
                            "refreshToken": {"type": "string", "writeOnly": True, "description": "A long-lived refresh token."},
                            "scopes": {"type": "array", "items": {"type": "string", "enum": rnd.sample(WORDS, 5)}, "uniqueItems": True}}}
    key = {"type": "object", "title": "API key", "additionalProperties": False, "required": ["method", "apiKey"],
           "properties": {"method": {"const": "api_key"},
                          "apiKey": {"type": "string", "writeOnly": True, "pattern": "^[A-Za-z0-9_-]{20,}$",
                                     "description": "An API key from the account settings."}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object", "additionalProperties": False, "required": ["auth", "region"],
        "properties": {
            "region": {"type": "string", "enum": ["us", "eu", "ap"], "default": "us", "description": "Data residency region."},
            "auth": {"description": f"How to authenticate to {name}.", "oneOf": [oauth, key]},
            "sync": {"type": "object", "additionalProperties": False, "properties": {
                "startDate": {"type": "string", "format": "date", "description": "Sync records changed since."},
                "batchSize": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 500},
                "streams": {"type": "array", "uniqueItems": True, "items": {"type": "string", "enum": rnd.sample(WORDS, 6)}},
                **extra}},
            "proxy": {"type": "object", "additionalProperties": False, "properties": {
                "host": {"type": "string", "format": "hostname"},
                "port": {"type": "integer", "minimum": 1, "maximum": 65535},
                "password": {"type": "string", "x-secret": True}}},
        },
    }


def definition(name, version, status, i, profile="realistic", seed=None):
    """One stored definition. Versions of a name share its schema, each
    later one adding an optional property (a minor change on a minor
    bump), as a registry that obeys the bump rule holds them."""
    base = random.Random(seed if seed is not None else name)
    schema = connector_schema(base, name) if profile == "realistic" else small_schema(base, name)
    minor = int(version.split(".")[1]) if version.count(".") == 2 else 0
    for k in range(minor):
        target = schema["properties"]["sync"]["properties"] if profile == "realistic" else schema["properties"]
        target[f"feature{k}"] = {"type": "boolean", "default": False, "description": f"Turns on feature {k}."}
    rnd = random.Random(i)
    doc = {
        "name": name, "version": version, "id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
        "status": status, "title": name.replace("-", " ").title(),
        "description": " ".join(rnd.sample(WORDS, 20)) + ".",
        "category": rnd.choice(["crm", "messaging", "payments", "database", "storage"]),
        "tags": rnd.sample(WORDS, 3), "owner": "team-" + rnd.choice(WORDS),
        "configSchema": schema,
        "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z",
    }
    if status == "DEPRECATED":
        doc["deprecation"] = {"reason": "superseded", "since": "2026-01-01T00:00:00Z"}
    return "\n".join(emit(doc)) + "\n"


def generate(root, names, versions, instances, profile):
    os.makedirs(root, exist_ok=True)
    run(["git", "init", "-q", root])
    with open(os.path.join(root, "reg.yaml"), "w") as f:
        f.write("format: 1\nname: bench\n")
    with open(os.path.join(root, ".gitignore"), "w") as f:
        f.write("/.reg/\n")
    i = 0
    for n in range(names):
        name = f"integration-{n:05d}"
        d = os.path.join(root, "definitions", name)
        os.makedirs(d)
        for v in range(versions):
            status = "PUBLISHED" if v >= versions - 3 else ("DEPRECATED" if v >= versions - 6 else "ARCHIVED")
            with open(os.path.join(d, f"1.{v}.0.yaml"), "w") as f:
                f.write(definition(name, f"1.{v}.0", status, i, profile))
            i += 1
    os.makedirs(os.path.join(root, "instances"))
    for k in range(instances):
        n = k % names
        with open(os.path.join(root, "instances", f"instance-{k:05d}.yaml"), "w") as f:
            config = ("config:\n  region: eu\n  auth:\n    method: api_key\n    apiKey: ${env:KEY}\n"
                      if profile == "realistic" else "config:\n  apiKey: ${env:KEY}\n")
            f.write(f"name: instance-{k:05d}\ndefinition: integration-{n:05d}@1.{versions - 1}.0\n"
                    f"id: {uuid.UUID(int=k, version=4)}\nstatus: ACTIVE\n{config}"
                    "createdAt: 2026-01-01T00:00:00Z\nupdatedAt: 2026-01-01T00:00:00Z\n")
    run(["git", "add", "-A"], cwd=root)
    run(["git", "commit", "-qm", "generated"], cwd=root)
    # Files written in the same second as the index are "racily clean": git
    # would re-read them on every status. Let them age, as in use.
    time.sleep(1.1)
    run(["git", "status", "--porcelain"], cwd=root)


def run(cmd, cwd=None):
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL)


def spawn(argv, cwd):
    """Runs `argv` in `cwd` with stdout discarded; returns its wall seconds,
    exit code and stderr. `posix_spawn` rather than `subprocess`: forking
    this interpreter costs about 2 ms, as much as `reg`'s own start, which
    would blur every row measured against process start."""
    err = tempfile.TemporaryFile()
    null = os.open(os.devnull, os.O_WRONLY)
    path = argv[0] if os.sep in argv[0] else shutil.which(argv[0])
    here = os.getcwd()
    os.chdir(cwd)  # posix_spawn has no working directory of its own here
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(path, argv, ENV, file_actions=[(os.POSIX_SPAWN_DUP2, null, 1),
                                                            (os.POSIX_SPAWN_DUP2, err.fileno(), 2)])
        _, status = os.waitpid(pid, 0)
        seconds = time.perf_counter() - start
    finally:
        os.chdir(here)
        os.close(null)
    err.seek(0)
    return seconds, os.waitstatus_to_exitcode(status), err.read().decode(errors="replace")


def measure(label, cmd, cwd, runs, prepare=None, shell=False, against=None):
    """Median wall seconds of `runs` fresh processes, printed as a table row
    with the ratio to `against` (a (name, seconds) reference measured in the
    same run) and the peak RSS of one more run under GNU time (a child of
    this script would report this script's memory: the peak survives exec).
    `cmd` may be a function giving the command once `prepare` has run."""
    times = []
    for _ in range(runs + 1):
        if prepare:
            prepare()
        argv = cmd() if callable(cmd) else cmd
        if len(times) == runs:
            break
        seconds, code, err = spawn(["sh", "-c", argv] if shell else argv, cwd)
        times.append(seconds)
        if code not in (0, 1):
            sys.exit(f"{label}: exit {code}: {err}")
    if shell:
        argv = ["sh", "-c", argv]
    p = subprocess.run([TIME, "-f", "%M", *argv], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = int(p.stderr.decode().split()[-1]) / 1024
    med = statistics.median(times)
    ratio = f"{med / against[1]:.2f}x {against[0]}" if against else ""
    print(f"| {label} | {med * 1000:.1f} ms | {ratio} | {peak:.0f} MiB |", flush=True)
    return med


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=int, default=10000)
    ap.add_argument("--versions", type=int, default=10)
    ap.add_argument("--instances", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--work")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--check-jsonschema", action="store_true", help="also time check-jsonschema (PyPI) on the same files")
    ap.add_argument("--reg", help="the reg binary to time (default: target/release/reg)")
    ap.add_argument("--profile", choices=["realistic", "small"], default="realistic",
                    help="realistic: 2-4 KB connector specs (oneOf auth, nested objects, secrets); small: 1-3 KB flat schemas")
    a = ap.parse_args()
    global REG
    if a.reg:
        REG = os.path.abspath(a.reg)
    if not os.path.exists(REG) or not os.path.exists(FLOOR):
        sys.exit("build first: cargo build --release --bins --examples")
    work = a.work or tempfile.mkdtemp(prefix="reg-bench-")
    root = os.path.join(work, f"{a.profile}-{a.names}x{a.versions}")
    if not os.path.exists(os.path.join(root, "reg.yaml")):
        t = time.time()
        generate(root, a.names, a.versions, a.instances, a.profile)
        sizes = [os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(os.path.join(root, "definitions")) for f in fs]
        print(f"generated {a.names * a.versions} definitions ({a.profile}: {min(sizes)}-{max(sizes)} bytes, "
              f"median {statistics.median(sizes):.0f}) and {a.instances} instances in {time.time() - t:.0f} s", file=sys.stderr)
    total = a.names * a.versions
    print(f"\n{total} definitions ({a.names} names x {a.versions} versions), {a.instances} instances, "
          f"{os.cpu_count()} cores, median of {a.runs} runs\n")
    print("| command | median wall | ratio to the reference | peak RSS |\n|---|---|---|---|")
    mid = f"integration-{a.names // 2:05d}"
    some_id = next(l for l in open(os.path.join(root, "definitions", mid, "1.0.0.yaml")) if l.startswith("id: "))[4:].strip()
    # Rows of a few milliseconds are timed more often: their medians move
    # by tenths of a millisecond on a busy machine, as much as they differ.
    quick = max(a.runs, 31)
    start = ("start", measure("reg --version (process start)", [REG, "--version"], root, quick))
    status = ("git status", measure("git status (reference)", ["git", "status", "--porcelain"], root, a.runs))
    floor = ("floor", measure("floor: find, read and parse every file on all cores (reference)", [FLOOR, root], root,
                              max(3, a.runs // 3)))
    proofs = os.path.join(root, ".git", "reg-proofs")
    def fresh():
        shutil.rmtree(os.path.join(root, ".reg"), ignore_errors=True)
        if os.path.exists(proofs):
            os.remove(proofs)
    measure("reg list --limit 50 (cold, a fresh clone: no cache, no proofs)", [REG, "list", "--limit", "50"], root,
            max(3, a.runs // 3), prepare=fresh, against=floor)
    # What a `git pull` or a deleted `.reg/` leaves: the cache gone, the
    # proofs of the texts it read kept in the git directory.
    cold = lambda: shutil.rmtree(os.path.join(root, ".reg"), ignore_errors=True)
    measure("reg list --limit 50 (cold: no cache, proofs kept)", [REG, "list", "--limit", "50"], root,
            max(3, a.runs // 3), prepare=cold, against=floor)
    # Stamps younger than 2 s are re-checked on every read (the cache's racy
    # rule); let the fresh files age as they would in use, then warm the cache.
    time.sleep(2.5)
    subprocess.run([REG, "list", "--limit", "1"], cwd=root, env=ENV, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    measure("reg list --limit 50", [REG, "list", "--limit", "50"], root, a.runs, against=status)
    # Reads of one name, once the cache and proofs exist (a fresh clone's
    # first `show` also builds the bundled validator: about 2 ms more).
    measure(f"reg show {mid}@1.3.0", [REG, "show", f"{mid}@1.3.0"], root, quick, against=start)
    measure("reg show <id>", [REG, "show", some_id], root, quick, against=start)
    measure(f"reg show {mid} (resolve latest)", [REG, "show", mid], root, quick, against=start)
    measure(f"reg versions {mid}", [REG, "versions", mid], root, quick, against=start)
    measure("reg list --status PUBLISHED --tag ledger", [REG, "list", "--status", "PUBLISHED", "--tag", "ledger"], root,
            a.runs, against=status)
    measure("reg search invoice", [REG, "search", "invoice"], root, a.runs, against=status)
    # One definition edited since the last read (a hand edit, a small `git
    # pull`): the cache is rebuilt, copying every other summary.
    edited = os.path.join(root, "definitions", mid, "1.0.0.yaml")
    with open(edited) as f:
        original = f.read()
    edits = [0]
    def edit_one():
        edits[0] += 1
        with open(edited, "w") as f:
            f.write(original.replace("description: ", f"description: Edited {edits[0]}. ", 1))
    measure("reg list --limit 50 (one file edited since: the cache rebuilt)", [REG, "list", "--limit", "50"], root,
            a.runs, prepare=edit_one, against=status)
    with open(edited, "w") as f:
        f.write(original)
    time.sleep(2.5)
    subprocess.run([REG, "list", "--limit", "1"], cwd=root, env=ENV, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    validate = measure("reg validate", [REG, "validate", "-o", "json"], root, max(3, a.runs // 3), against=floor)

    # Versions no earlier run wrote, so each run commits a real change.
    # In a folder of their own: written into the name `show` and `versions`
    # read, they piled up there run after run on a kept tree.
    commits = os.path.join(root, "definitions", "bench-commit")
    os.makedirs(commits, exist_ok=True)
    git_counter = [len(os.listdir(commits))]
    def next_file():
        git_counter[0] += 1
        with open(os.path.join(commits, f"8.{git_counter[0]}.0.yaml"), "w") as f:
            f.write(definition("bench-commit", f"8.{git_counter[0]}.0", "DRAFT", 3 * 10**9 + git_counter[0], a.profile))
    commit = ("git commit", measure("git add FILE && git commit (reference)", "git add -A definitions && git commit -qm x",
                                    root, a.runs, prepare=next_file, shell=True))
    src = os.path.join(work, "new.yaml")
    counter = [0]
    def next_definition(prefix, seed):
        """Writes the next new definition to `src`; returns its reference."""
        counter[0] += 1
        name, version = f"{prefix}-{os.getpid()}", f"{counter[0]}.0.0"
        with open(src, "w") as f:
            f.write(definition(name, version, "DRAFT", seed + counter[0], a.profile).replace("status: DRAFT\n", ""))
        return f"{name}@{version}"
    measure("reg register (one new version)", [REG, "register", src], root, a.runs,
            prepare=lambda: next_definition("bench-new", 10**9), against=commit)
    draft = [None]
    def register_a_draft():
        draft[0] = next_definition("bench-pub", 2 * 10**9)
        subprocess.run([REG, "register", "-q", src], cwd=root, env=ENV, check=True, stdout=subprocess.DEVNULL)
    measure("reg publish (one draft)", lambda: [REG, "publish", draft[0]], root, a.runs, prepare=register_a_draft,
            against=commit)
    # A pull request's worth: one file changed since the base, committed.
    next_file()
    run(["git", "add", "-A", "definitions"], cwd=root)
    run(["git", "commit", "-qm", "one change"], cwd=root)
    check = measure("reg check --base HEAD~1 (one changed file)", [REG, "check", "--base", "HEAD~1"], root, a.runs,
                    against=status)
    print(f"\nreg check of one change = {check / validate:.3f}x reg validate of the whole tree")
    if a.check_jsonschema and shutil.which("check-jsonschema"):
        files = [os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(root, "definitions")) for f in fs]
        t = time.perf_counter()
        subprocess.run(["xargs", "check-jsonschema", "--schemafile", os.path.join(ROOT, "schemas", "definition.schema.json")],
                       input="\n".join(files).encode(), cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cj = time.perf_counter() - t
        print(f"| check-jsonschema on the same {len(files)} definition files (one run) | {cj * 1000:.0f} ms | |")
        print(f"\nreg validate is {cj / validate:.0f}x faster than check-jsonschema (which checks only the bundled schema)")
    if not a.keep and not a.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
