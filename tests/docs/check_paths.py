#!/usr/bin/env python3
"""Fail when a document or a comment cites a repository path that does not exist.

  check_paths.py REPO
  check_paths.py --self-test     (a tree with broken citations must fail the check)

Reads the repository's own files (git ls-files when REPO is a git checkout, else a walk that
skips build/ and .venv/): Markdown, C++, CUDA, CMake, Python and shell. Checks
  - every path rooted at a top-level folder of the project (docs/BATCH.md,
    pipeline/src/batch_job.cc, scripts/setup, ...) names a file or folder that exists, from
    the root, from the citing file's folder (a CMakeLists' sources), or as a stage's public
    header the way includes name it (pipeline/batch_job.h);
  - every relative Markdown link ([text](BATCH.md#resume)) resolves from its document;
  - nothing points outside the clone (../shared/..., a parent folder's STYLE.md).
Patterns (a `*`, `<stage>`, `{h,cc}`) are not paths and are skipped.

Exit status 0 with "OK: ..." when every citation resolves, 1 with one line per broken one.
"""

import os
import re
import subprocess
import sys

TOP = ("core", "cluster", "io", "config", "detect", "train", "propagate", "segment", "simulate",
       "evaluate", "products", "pipeline", "tools", "tests", "bench", "samples", "docs",
       "scripts", "cmake", ".ci")
SUFFIXES = (".md", ".h", ".cc", ".cu", ".cuh", ".py", ".txt", ".cmake", ".json", ".yaml")
SCRIPT_FOLDERS = ("scripts", ".ci", "docs/jobs")
PATH = re.compile(r"(?<![A-Za-z0-9_./-])((?:%s)/[A-Za-z0-9_./+-]*[A-Za-z0-9_/])"
                  % "|".join(re.escape(t) for t in TOP))
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
OUTSIDE = re.compile(r"\.\./shared|\.\./STYLE\.md")


def repository_files(repo):
    try:
        listed = subprocess.run(["git", "-C", repo, "ls-files"], capture_output=True, text=True,
                                check=True).stdout.split("\n")
        return [f for f in listed if f]
    except (OSError, subprocess.CalledProcessError):
        found = []
        for folder, subfolders, files in os.walk(repo):
            subfolders[:] = [s for s in subfolders if s not in ("build", ".venv", ".git")]
            for name in files:
                found.append(os.path.relpath(os.path.join(folder, name), repo))
        return found


def wanted(path):
    if path.endswith(SUFFIXES) or os.path.basename(path) == "CMakeLists.txt":
        return True
    return path.startswith(SCRIPT_FOLDERS) and "." not in os.path.basename(path)


def resolves(repo, citing, path):
    """From the repository's root, from the citing file's folder, or as a stage's public
    header the way includes name it (pipeline/batch_job.h for
    pipeline/include/holodet/pipeline/batch_job.h)."""
    stage = path.split("/", 1)[0]
    candidates = (os.path.join(repo, path),
                  os.path.join(repo, os.path.dirname(citing), path),
                  os.path.join(repo, stage, "include", "holodet", path))
    return any(os.path.exists(c) for c in candidates)


def self_test():
    """The check must be able to fail: a small tree with one broken citation of each kind."""
    import tempfile
    with tempfile.TemporaryDirectory() as repo:
        os.makedirs(os.path.join(repo, "docs"))
        with open(os.path.join(repo, "docs", "GOOD.md"), "w") as handle:
            handle.write("See docs/GOOD.md and [this](GOOD.md#top).\n")
        with open(os.path.join(repo, "docs", "BAD.md"), "w") as handle:
            handle.write("See docs/MISSING.md, [that](GONE.md) and ../shared/STYLE.md.\n")
        output = subprocess.run([sys.executable, __file__, repo], capture_output=True,
                                text=True).stdout
    expected = ("docs/MISSING.md does not exist", "link GONE.md does not exist",
                "points outside the repository")
    missing = [e for e in expected if e not in output]
    if missing or "GOOD.md:" in output:
        print("FAIL: the check missed %s or flagged GOOD.md:\n%s" % (missing, output))
        return 1
    print("OK: the check finds broken citations")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    repo = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    files = [f for f in repository_files(repo) if wanted(f)]
    broken = []
    cited = 0
    for relative in files:
        if relative == "tests/docs/check_paths.py":
            continue  # its own examples
        try:
            with open(os.path.join(repo, relative), encoding="utf-8") as handle:
                lines = handle.read().split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            where = "%s:%d" % (relative, number)
            if OUTSIDE.search(line):
                broken.append("%s: points outside the repository: %s" % (where, line.strip()))
            for match in PATH.finditer(line):
                path = match.group(1).rstrip(".")
                following = line[match.end():match.end() + 1]
                if any(c in path for c in "*<>{}") or "//" in path or following in ("*", "-"):
                    continue  # a pattern (scripts/plot-*), not a path
                cited += 1
                if not resolves(repo, relative, path):
                    broken.append("%s: %s does not exist" % (where, path))
            if relative.endswith(".md"):
                for match in LINK.finditer(line):
                    target = match.group(1)
                    if re.match(r"[a-z]+:", target) or any(c in target for c in "*<>{}"):
                        continue
                    cited += 1
                    resolved = os.path.normpath(os.path.join(repo, os.path.dirname(relative),
                                                             target))
                    if not resolved.startswith(repo + os.sep) and resolved != repo:
                        broken.append("%s: link %s leaves the repository" % (where, target))
                    elif not os.path.exists(resolved):
                        broken.append("%s: link %s does not exist" % (where, target))
    if broken:
        print("\n".join("FAIL: " + b for b in broken))
        return 1
    print("OK: %d citations in %d files resolve" % (cited, len(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
