#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Static checks of docker/Dockerfile and .dockerignore (Docker cannot run here).

Every COPY from the build context names a path that exists and that
.dockerignore does not exclude; .dockerignore excludes build trees, var/,
databases, .git and test artefacts; the image builds only the daemon, runs
as a non-root user and has a HEALTHCHECK.
usage: docker_static.py SOURCE_DIR
"""
import fnmatch
import os
import re
import shlex
import sys

src = sys.argv[1]
failures = 0


def check(ok, what):
    global failures
    print(("PASS: " if ok else "FAIL: ") + what)
    failures += 0 if ok else 1


def ignore_rules():
    rules = []
    for line in open(os.path.join(src, ".dockerignore")):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        neg = line.startswith("!")
        pat = os.path.normpath(line[1:] if neg else line).lstrip("/")
        rules.append((neg, pat.split("/")))
    return rules


def match_parts(pat, parts):
    """Docker's matching: `**` spans any number of path components; a
    pattern that matches a directory matches everything below it."""
    if not pat:
        return True  # pattern consumed: parts is at or below a matched directory
    if pat[0] == "**":
        return any(match_parts(pat[1:], parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pat[0]) and match_parts(pat[1:], parts[1:])


def ignored(path, rules):
    parts = os.path.normpath(path).split("/")
    out = False
    for neg, pat in rules:
        if match_parts(pat, parts):
            out = not neg
    return out


def logical_lines(text):
    buf = ""
    for line in text.splitlines():
        if line.strip().startswith("#"):
            continue
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        yield (buf + line).strip()
        buf = ""


rules = ignore_rules()
# the rules do what they should: build trees, var/, databases, .git, test artefacts out
for p in ["build/CMakeCache.txt", "build-asan/magesoapd", "build-bench/x", "var/demo.db",
          "var/magesoapd.db-wal", "x.db", "docs/y.db-shm", ".git/HEAD", "tests/unit/t.h",
          "Testing/Temporary/LastTest.log", "src/core/buf.o", "bench/run.sh",
          "tests/integration/py/__pycache__/a.pyc"]:
    check(ignored(p, rules), ".dockerignore excludes %s" % p)
for p in ["src/main.c", "CMakeLists.txt", "docker/entrypoint.sh", "schema", "wsdl",
          "include/magesoapd/log.h", "LICENSE", "README.md", "docs/magesoapd.8"]:
    check(not ignored(p, rules), ".dockerignore keeps %s" % p)

lines = list(logical_lines(open(os.path.join(src, "docker/Dockerfile")).read()))
stages = [l for l in lines if l.upper().startswith("FROM ")]
copies = []
for l in lines:
    if l.upper().startswith("COPY ") and "--from=" not in l:
        args = shlex.split(l)[1:]
        args = [a for a in args if not a.startswith("--")]
        copies += args[:-1]
check(len(copies) > 0, "the Dockerfile copies from the context")
for c in copies:
    path = os.path.join(src, c)
    check(os.path.exists(path), "COPY source %s exists" % c)
    check(not ignored(c, rules), "COPY source %s is not excluded by .dockerignore" % c)
    check(c not in (".", "./"), "COPY %s does not copy the whole context" % c)
    # a directory copied must hold files that survive .dockerignore
    if os.path.isdir(path):
        kept = [os.path.relpath(os.path.join(d, f), src) for d, _, fs in os.walk(path)
                for f in fs if not ignored(os.path.relpath(os.path.join(d, f), src), rules)]
        check(len(kept) > 0, "COPY %s brings files" % c)

runs = " ".join(l for l in lines if l.upper().startswith("RUN "))
check("-DMD_BUILD_TESTS=OFF" in runs, "tests are not configured (-DMD_BUILD_TESTS=OFF)")
check("--target magesoapd" in runs, "only the magesoapd target is built")
check(not re.search(r"\bctest\b|test\.sh", runs), "no tests run in the image build")
# every COPY --from names a file the install step produces (install paths of CMakeLists.txt)
cm = open(os.path.join(src, "CMakeLists.txt")).read()
check("install(TARGETS magesoapd RUNTIME DESTINATION ${CMAKE_INSTALL_SBINDIR})" in cm,
      "the build stage's install puts the daemon in sbin/")
final = lines[lines.index(stages[-1]):]
users = [l.split()[1] for l in final if l.upper().startswith("USER ")]
check(len(users) == 1 and users[0] not in ("root", "0"), "the image runs as a non-root user (%s)" % users)
hc = [l for l in final if l.upper().startswith("HEALTHCHECK ")]
check(len(hc) == 1 and "healthcheck.sh" in hc[0], "HEALTHCHECK runs docker/healthcheck.sh")
check(any(l.upper().startswith("EXPOSE 8080") for l in final), "EXPOSE 8080")
conf = open(os.path.join(src, "docker/docker.conf")).read()
check(re.search(r"^listen = 0\.0\.0\.0:8080$", conf, re.M) is not None, "docker.conf listens on 8080")
check(re.search(r"^db = /var/lib/magesoapd/", conf, re.M) is not None, "docker.conf keeps the db on the volume")
dockerfile_text = open(os.path.join(src, "docker/Dockerfile")).read()
check("MAGESOAPD_DEMO" in dockerfile_text, "the Dockerfile documents MAGESOAPD_DEMO")
check("admin" in dockerfile_text.lower(), "the Dockerfile says how to reach the admin port")
for f in ("docker/entrypoint.sh", "docker/healthcheck.sh"):
    check(os.access(os.path.join(src, f), os.X_OK), "%s is executable" % f)
print("ok" if not failures else "%d failed" % failures)
sys.exit(1 if failures else 0)
