//! A temporary registry in a temporary git repository, with everything that
//! varies pinned (identity, dates, colors, home), as jj's tests do.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use tempfile::TempDir;

pub const DATE: &str = "2026-01-02T03:04:05Z";

pub struct Registry {
    _dir: TempDir,
    pub home: PathBuf,
    pub root: PathBuf,
    /// A folder beside the repository, for inputs and link targets.
    pub outside: PathBuf,
}

impl Registry {
    /// A fresh registry made by `reg init`.
    pub fn new() -> Self {
        let r = Self::empty();
        r.reg().args(["init", "."]).assert().success();
        r
    }

    /// A temporary folder with no registry and no repository.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let root = dir.path().join("repo");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        let root = root.canonicalize().unwrap();
        let outside = outside.canonicalize().unwrap();
        Registry {
            _dir: dir,
            home,
            root,
            outside,
        }
    }

    /// `reg` run in the root with identity, dates and colors pinned.
    pub fn reg(&self) -> Command {
        Command::from_std(self.reg_std())
    }

    /// The same, as a plain process to spawn and kill.
    pub fn reg_std(&self) -> Process {
        let mut c = Process::new(assert_cmd::cargo::cargo_bin("reg"));
        c.current_dir(&self.root)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            .env("GIT_AUTHOR_NAME", "Ada Lovelace")
            .env("GIT_AUTHOR_EMAIL", "ada@example.com")
            .env("GIT_COMMITTER_NAME", "Ada Lovelace")
            .env("GIT_COMMITTER_EMAIL", "ada@example.com")
            .env("GIT_AUTHOR_DATE", DATE)
            .env("GIT_COMMITTER_DATE", DATE);
        c
    }

    /// Runs `reg` and returns its output and its own peak memory in MiB.
    /// GNU time starts it from a small process of its own and reports what
    /// the kernel counted for it alone: a child forked from this large test
    /// process would inherit the test's resident set in the count.
    pub fn reg_peak(&self, args: &[&str], stdin: Option<Vec<u8>>) -> (std::process::Output, i64) {
        let report = tempfile::NamedTempFile::new_in(&self.outside).unwrap();
        let c = self.reg_std();
        let mut timed = Process::new("/usr/bin/time");
        timed
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(report.path())
            .arg(c.get_program())
            .args(args)
            .current_dir(&self.root)
            .env_clear();
        for (k, v) in c.get_envs() {
            if let Some(v) = v {
                timed.env(k, v);
            }
        }
        let out = Command::from_std(timed)
            .write_stdin(stdin.unwrap_or_default())
            .output()
            .unwrap();
        let kib: i64 = std::fs::read_to_string(report.path())
            .unwrap_or_default()
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .expect("GNU time reports the peak");
        (out, kib / 1024)
    }

    /// `reg` with no identity at all.
    pub fn reg_anonymous(&self) -> Command {
        let mut c = self.reg();
        for v in [
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL",
        ] {
            c.env_remove(v);
        }
        c
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Runs the git CLI in the root, as a person editing by hand would.
    pub fn git_output(&self, args: &[&str]) -> std::process::Output {
        Process::new("git")
            .args(args)
            .current_dir(&self.root)
            .env("HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Hand Editor")
            .env("GIT_AUTHOR_EMAIL", "hand@example.com")
            .env("GIT_COMMITTER_NAME", "Hand Editor")
            .env("GIT_COMMITTER_EMAIL", "hand@example.com")
            .output()
            .unwrap()
    }

    /// Runs the git CLI in the root and returns its stdout; it must succeed.
    pub fn git(&self, args: &[&str]) -> String {
        let out = self.git_output(args);
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The branch HEAD is on, as `refs/heads/<name>`.
    pub fn branch(&self) -> String {
        self.git(&["symbolic-ref", "HEAD"]).trim().to_string()
    }

    pub fn commit_count(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }

    /// The paths the last commit touched.
    pub fn last_commit_paths(&self) -> Vec<String> {
        self.git(&["show", "--name-only", "--format=", "HEAD"])
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    pub fn last_message(&self) -> String {
        self.git(&["log", "-1", "--format=%B"])
    }

    /// Writes a file outside the repository (an author's input, or what a
    /// link points at) and returns its path.
    pub fn write_outside(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.outside.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    /// Everything of git's a failed write must leave as it was: every
    /// reference with its value, the index file's bytes, and the status.
    pub fn git_state(&self) -> (String, Vec<u8>, String) {
        (
            self.git(&["for-each-ref", "--format=%(refname) %(objectname)"])
                + &self.git(&["rev-parse", "HEAD"]),
            std::fs::read(self.path(".git/index")).unwrap_or_default(),
            self.git(&["status", "--porcelain", "--untracked-files=all"]),
        )
    }

    /// Asserts the whole work tree and index equal HEAD: no file outside a
    /// commit, nothing staged, nothing untracked.
    pub fn assert_all_clean(&self) {
        let status = self.git(&["status", "--porcelain", "--untracked-files=all"]);
        assert!(status.is_empty(), "git status not clean:\n{status}");
    }

    /// Asserts `git status` shows nothing for the registry's own files.
    pub fn assert_clean(&self) {
        let status = self.git(&[
            "status",
            "--porcelain",
            "--",
            "reg.yaml",
            "definitions",
            "instances",
            ".gitignore",
        ]);
        assert!(status.is_empty(), "git status not clean:\n{status}");
    }

    /// Writes an author file and registers it.
    pub fn register(&self, name: &str, version: &str, extra: &str) {
        let file = self.write_outside(
            &format!("input/{name}-{version}.yaml"),
            &definition(name, version, extra),
        );
        self.reg().arg("register").arg(file).assert().success();
    }

    /// Commits `n` connector-sized definitions (`c000`…, one version
    /// each) by hand, as a merged pull request brings them.
    pub fn commit_connectors(&self, n: usize) {
        for i in 0..n {
            let name = format!("c{i:03}");
            self.write(
                &format!("definitions/{name}/1.0.0.yaml"),
                &connector(&name, "1.0.0", ""),
            );
        }
        self.git(&["add", "-A"]);
        self.git(&["commit", "-qm", &format!("{n} connectors")]);
    }

    /// Registers and publishes.
    pub fn publish(&self, name: &str, version: &str, extra: &str) {
        self.register(name, version, extra);
        self.reg()
            .args(["publish", &format!("{name}@{version}")])
            .assert()
            .success();
    }

    /// A snapshot of every file under the registry and the HEAD commit,
    /// to prove a refused command changed nothing.
    pub fn snapshot(&self) -> (Vec<(PathBuf, String)>, String) {
        let mut files = Vec::new();
        for e in walkdir(&self.root) {
            files.push((e.clone(), std::fs::read_to_string(&e).unwrap_or_default()));
        }
        files.sort();
        (files, self.git(&["rev-parse", "HEAD"]))
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name == ".git" || name == ".reg" {
            continue;
        }
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A valid author file; `extra` is appended as more top-level YAML.
pub fn definition(name: &str, version: &str, extra: &str) -> String {
    format!(
        "name: {name}\nversion: {version}\ntitle: {name} integration\ndescription: Connects to {name}.\n\
         category: messaging\ntags: [chat, alerts]\nowner: team-a\n{extra}\
         configSchema:\n  type: object\n  additionalProperties: false\n  required: [token]\n  properties:\n    \
         token:\n      type: string\n      writeOnly: true\n    port:\n      type: integer\n      maximum: 65535\n"
    )
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", stdout(out)))
}

/// A definition shaped like a real connector spec (about 2 KB: nested
/// objects, a `oneOf` of auth methods with secrets, enums, patterns,
/// defaults); `extra` is more top-level YAML.
pub fn connector(name: &str, version: &str, extra: &str) -> String {
    format!(
        r#"# yaml-language-server: $schema=../../.reg/schemas/definition.schema.json
name: {name}
version: {version}
title: {name} connector
description: Syncs records from {name} into the warehouse, incrementally, with retries.
category: crm
tags: [sync, oauth2]
owner: team-integrations
links:
  docs: https://docs.example.com/{name}
{extra}configSchema:
  $schema: https://json-schema.org/draft/2020-12/schema
  type: object
  additionalProperties: false
  required: [auth, region]
  properties:
    region:
      type: string
      description: Data residency region.
      enum: [us, eu, ap]
      default: us
    auth:
      description: How to authenticate.
      oneOf:
        - type: object
          title: OAuth2
          additionalProperties: false
          required: [method, clientId, clientSecret]
          properties:
            method: {{const: oauth2}}
            clientId: {{type: string, minLength: 8}}
            clientSecret: {{type: string, writeOnly: true}}
            refreshToken: {{type: string, writeOnly: true}}
        - type: object
          title: API key
          additionalProperties: false
          required: [method, apiKey]
          properties:
            method: {{const: api_key}}
            apiKey: {{type: string, writeOnly: true, pattern: "^[A-Za-z0-9_-]{{20,}}$"}}
    sync:
      type: object
      additionalProperties: false
      properties:
        startDate: {{type: string, format: date}}
        batchSize: {{type: integer, minimum: 1, maximum: 10000, default: 500}}
        streams:
          type: array
          items: {{type: string, enum: [accounts, contacts, deals, invoices]}}
          uniqueItems: true
    proxy:
      type: object
      additionalProperties: false
      properties:
        host: {{type: string, format: hostname}}
        port: {{type: integer, minimum: 1, maximum: 65535}}
        password: {{type: string, x-secret: true}}
"#
    )
}
