#!/usr/bin/env python3
"""One entry point for developers and CI: ``run``, ``test``, ``lint``.

It builds (once per user and machine) an Odoo 18.0 runtime, starts a
PostgreSQL (the one configured by ``PG*`` variables or ``odoo.conf``, else a
project-local cluster), keeps a demo database and a test template database up
to date with the add-ons, then serves Odoo or runs pytest-odoo.

Only the standard library is used: this script runs before any virtualenv.
"""

import argparse
import configparser
import contextlib
import fcntl
import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
LOCAL = ROOT / ".local"  # git-ignored: PostgreSQL cluster, generated config, state
DATA_DIR = LOCAL / "data"  # Odoo's filestores
ODOO_SERIES = "18.0"
NIGHTLY_URL = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "b2b-suite" / f"odoo-{ODOO_SERIES}"
VENV = CACHE / "venv"
PYTHON = VENV / "bin" / "python"
DEMO_DB = "b2b_demo"
TEMPLATE_DB = "b2b_test_template"
BASE_DB = "b2b_base_template"  # Odoo with the demo company's accounting, no suite add-on
TEST_DB = "b2b_test"
BENCH_DB = "b2b_bench"
DEMO_COUNTRY = "FR"  # the demo distributor is French: EUR, French VAT
DEMO_LANGS = "fr_FR"
# French accounting, and Odoo's demo payment provider so that online payment
# (statement, checkout) can be tried and tested end to end.
DEMO_BASE_MODULES = "l10n_fr_account,payment_demo"
PG_SUPERUSER = "odoo"  # Odoo refuses to connect as "postgres"
# Odoo's pins of requests/urllib3 are too old for algoliasearch 4.x; ours win.
ODOO_PINS_OVERRIDDEN = ("requests", "urllib3")


class Failure(Exception):
    """A problem the user must act on; printed without a traceback."""


def log(msg):
    print(f"[b2b] {msg}", flush=True)


def sh(cmd, check=True, **kw):
    return subprocess.run([str(c) for c in cmd], check=check, **kw)


def tree_hash(paths):
    """Content hash of files, used to know when a database must be rebuilt."""
    digest = hashlib.sha256()
    for base in paths:
        for path in sorted(Path(base).rglob("*")):
            rel = path.relative_to(base).as_posix()
            if not path.is_file() or "__pycache__" in rel or rel.endswith(".pyc"):
                continue
            # Python tests are not loaded at install: editing them must not
            # cost a database rebuild.
            if "/tests/" in f"/{rel}" and rel.endswith(".py"):
                continue
            digest.update(rel.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def addon_names():
    return sorted(p.parent.name for p in ADDONS.glob("*/__manifest__.py"))


# ---------------------------------------------------------------- runtime


def runtime_requirements_hash():
    return hashlib.sha256(
        (ROOT / "requirements.txt").read_bytes() + (ROOT / "requirements-dev.txt").read_bytes()
    ).hexdigest()[:16]


def runtime_works():
    if not PYTHON.exists():
        return False
    probe = "import odoo.cli, odoo.release; print(odoo.release.serie)"
    res = sh([PYTHON, "-c", probe], check=False, capture_output=True, text=True)
    return res.returncode == 0 and res.stdout.strip() == ODOO_SERIES


def odoo_source_dir(workdir):
    """Return a directory holding Odoo's source (setup.py + odoo/)."""
    source = os.environ.get("ODOO_SOURCE")
    if source:
        path = Path(source).expanduser()
        if path.is_dir():
            return path
        if not path.is_file():
            raise Failure(f"ODOO_SOURCE={source} is neither a directory nor an archive.")
        archive = path
    else:
        archive = workdir / "odoo.tar.gz"
        log(f"Downloading Odoo {ODOO_SERIES} nightly source from {NIGHTLY_URL}")
        try:
            with urllib.request.urlopen(NIGHTLY_URL, timeout=60) as resp, open(archive, "wb") as out:
                shutil.copyfileobj(resp, out)
        except OSError as exc:
            raise Failure(
                f"No Odoo {ODOO_SERIES} runtime in {CACHE} and the nightly source "
                f"could not be downloaded ({exc}).\nSet ODOO_SOURCE to a local Odoo "
                f"{ODOO_SERIES} source directory or .tar.gz archive and run again."
            ) from exc
    log(f"Extracting {archive}")
    with tarfile.open(archive) as tar:
        tar.extractall(workdir / "src", filter="data")
    found = [p.parent for p in (workdir / "src").glob("*/setup.py")]
    if not found:
        raise Failure(f"{archive} holds no Odoo source (no */setup.py).")
    return found[0]


def build_runtime():
    log(f"Building the Odoo {ODOO_SERIES} runtime in {CACHE} (first use only)")
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmpdir:
        tmp = Path(tmpdir)
        src = odoo_source_dir(tmp)
        if (src / "odoo" / "release.py").read_text().find("'18.0") < 0 and (
            src / "odoo" / "release.py"
        ).read_text().find("(18, 0") < 0:
            raise Failure(f"{src} is not Odoo {ODOO_SERIES}.")
        if VENV.exists():
            shutil.rmtree(VENV)
        sh([sys.executable, "-m", "venv", VENV])
        pip = [PYTHON, "-m", "pip", "--disable-pip-version-check", "install", "-q"]
        # Odoo's pinned sdists (e.g. python-ldap, psycopg2) break with setuptools>=70.
        build_constraints = tmp / "build-constraints.txt"
        build_constraints.write_text("setuptools<70\n")
        sh([*pip, "--upgrade", "pip>=25.3", "wheel"])
        pip += ["--build-constraint", build_constraints]
        odoo_reqs = tmp / "odoo-requirements.txt"
        odoo_reqs.write_text(
            "".join(
                line + "\n"
                for line in (src / "requirements.txt").read_text().splitlines()
                if not line.lower().startswith(ODOO_PINS_OVERRIDDEN)
            )
        )
        log("Installing Odoo's requirements")
        sh([*pip, "-r", odoo_reqs])
        # Not editable: OCA wheels install into site-packages/odoo/addons and
        # would shadow an editable Odoo.
        log("Installing Odoo")
        sh([*pip, "--no-deps", src])
    install_our_requirements()


def install_our_requirements():
    log("Installing the suite's requirements")
    sh([PYTHON, "-m", "pip", "--disable-pip-version-check", "install", "-q", "-r", ROOT / "requirements-dev.txt"])
    (CACHE / "requirements.hash").write_text(runtime_requirements_hash())


def ensure_runtime():
    try:
        if not runtime_works():
            build_runtime()
        stamp = CACHE / "requirements.hash"
        if not stamp.exists() or stamp.read_text() != runtime_requirements_hash():
            install_our_requirements()
    except subprocess.CalledProcessError as exc:
        raise Failure(
            f"Building the Odoo runtime failed ({exc}). Fix the cause above, or "
            f"set ODOO_SOURCE to a local Odoo {ODOO_SERIES} source, and run again."
        ) from exc
    if not runtime_works():
        raise Failure(f"The Odoo runtime in {VENV} does not import odoo.cli.")


# -------------------------------------------------------------- postgres


def project_conf():
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(ROOT / "odoo.conf")
    return conf


def external_pg():
    """Connection options if the user configured a server, else None."""
    keys = {"PGHOST": "db_host", "PGPORT": "db_port", "PGUSER": "db_user", "PGPASSWORD": "db_password"}
    opts = {opt: os.environ[var] for var, opt in keys.items() if os.environ.get(var)}
    options = project_conf()["options"] if project_conf().has_section("options") else {}
    for opt in keys.values():
        if options.get(opt) not in (None, "", "False") and opt not in opts:
            opts[opt] = options[opt]
    return opts or None


def pg_bindir():
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    if candidates:
        return candidates[-1].parent
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        return Path(pg_ctl).resolve().parent
    raise Failure("PostgreSQL server binaries not found: install the PostgreSQL server package.")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmbeddedPostgres:
    """A project-local cluster in .local/pg, reached through a Unix socket.

    As root, the server runs as the ``postgres`` user; if that user cannot
    reach the clone (a private temporary folder, a home directory), the
    cluster of this clone lives in /var/tmp/b2b-suite-pg/<clone id> instead.
    """

    def __init__(self):
        self.bindir = pg_bindir()
        self.run_as = "postgres" if os.geteuid() == 0 else None
        base = LOCAL / "pg"
        if self.run_as and not self._reachable(ROOT):
            base = Path("/var/tmp/b2b-suite-pg") / hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
            base.mkdir(parents=True, exist_ok=True)
            self._chown(base)
        self.data = base / "data"
        self.sock = base / "run"
        self.started_here = False
        self.port = None

    def _reachable(self, path):
        probe = ["runuser", "-u", self.run_as, "--", "test", "-x", str(path)]
        return subprocess.run(probe, check=False).returncode == 0

    def _cmd(self, *args):
        cmd = [self.bindir / args[0], *args[1:]]
        if self.run_as:  # PostgreSQL refuses to run as root
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return cmd

    def _chown(self, path):
        if self.run_as:
            user = pwd.getpwnam(self.run_as)
            os.chown(path, user.pw_uid, user.pw_gid)

    def start(self):
        self.sock.mkdir(parents=True, exist_ok=True)
        self._chown(self.sock)
        if not (self.data / "PG_VERSION").exists():
            log(f"Creating the project's PostgreSQL cluster in {self.data}")
            self.data.mkdir(parents=True, exist_ok=True)
            self._chown(self.data)
            sh(
                self._cmd(
                    "initdb", "-D", self.data, "-U", PG_SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"
                ),
                stdout=subprocess.DEVNULL,
            )
        pidfile = self.data / "postmaster.pid"
        if pidfile.exists():
            lines = pidfile.read_text().splitlines()
            if len(lines) > 3 and self._alive(int(lines[0])):
                self.port = int(lines[3])
                return self
        self.port = free_port()
        log(f"Starting PostgreSQL on port {self.port} (socket in {self.sock})")
        sh(
            self._cmd(
                "pg_ctl",
                "-D",
                self.data,
                "-l",
                self.data / "server.log",
                "-w",
                "-o",
                f"-p {self.port} -k {self.sock} -c listen_addresses=''"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start",
            ),
            stdout=subprocess.DEVNULL,
        )
        self.started_here = True
        return self

    @staticmethod
    def _alive(pid):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def stop(self):
        if self.started_here:
            log("Stopping PostgreSQL")
            sh(self._cmd("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"), check=False, stdout=subprocess.DEVNULL)

    def options(self):
        return {"db_host": str(self.sock), "db_port": str(self.port), "db_user": PG_SUPERUSER}


@contextlib.contextmanager
def postgres():
    opts = external_pg()
    if opts:
        log(f"Using the configured PostgreSQL server ({opts.get('db_host', 'local socket')})")
        yield opts
        return
    cluster = EmbeddedPostgres().start()
    try:
        yield cluster.options()
    finally:
        cluster.stop()


def write_config(db_opts, name, **extra):
    """odoo.conf completed with the connection; Odoo reads a single file."""
    conf = project_conf()
    options = conf["options"]
    options["addons_path"] = str(ADDONS)
    options["data_dir"] = str(DATA_DIR)
    options.update(db_opts)
    options.update(extra)
    LOCAL.mkdir(exist_ok=True)
    path = LOCAL / name
    with open(path, "w") as fh:
        conf.write(fh)
    return path


def psql(db_opts, sql, db="postgres"):
    env = pg_env(db_opts)
    res = sh(["psql", "-X", "-q", "-At", "-d", db, "-c", sql], env=env, capture_output=True, text=True)
    return res.stdout.strip()


def pg_env(db_opts):
    env = dict(os.environ)
    mapping = {"db_host": "PGHOST", "db_port": "PGPORT", "db_user": "PGUSER", "db_password": "PGPASSWORD"}
    env.update({mapping[k]: v for k, v in db_opts.items() if k in mapping})
    return env


def db_exists(db_opts, db):
    return psql(db_opts, f"SELECT 1 FROM pg_database WHERE datname = '{db}'") == "1"


def drop_db(db_opts, db):
    psql(db_opts, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


# ------------------------------------------------------------- databases


def state():
    path = LOCAL / "state.json"
    return json.loads(path.read_text()) if path.exists() else {}


def save_state(**values):
    data = state()
    data.update(values)
    LOCAL.mkdir(exist_ok=True)
    (LOCAL / "state.json").write_text(json.dumps(data, indent=2))


def odoo(config, *args):
    sh([PYTHON, "-m", "odoo", "-c", config, *args], cwd=ROOT)


def ensure_database(db_opts, config, db, recreate):
    """Install all add-ons with demo data in ``db``; when they changed,
    update it (``-u``) or, if ``recreate``, build it anew."""
    wanted = tree_hash([ADDONS])
    modules = ",".join(addon_names())
    if db_exists(db_opts, db) and state().get(db) == wanted:
        log(f"Database {db} is up to date")
        return
    started = time.monotonic()
    try:
        build_database(db_opts, config, db, modules, update=not recreate)
    except subprocess.CalledProcessError as exc:
        # Nothing half-done is kept: the next run starts from scratch.
        drop_db(db_opts, db)
        save_state(**{db: None})
        raise Failure(f"Installing the add-ons in {db} failed: see Odoo's log above.") from exc
    save_state(**{db: wanted})
    log(f"{db} ready in {time.monotonic() - started:.0f}s")


def build_database(db_opts, config, db, modules, update):
    if update and db_exists(db_opts, db) and state().get(db):
        log(f"Updating {db} (add-ons changed)")
        odoo(config, "-d", db, "-u", modules, "-i", modules, "--stop-after-init")
    else:
        ensure_base_database(db_opts, config)
        log(f"Creating {db} with {modules} and demo data")
        copy_database(db_opts, BASE_DB, db)
        odoo(config, "-d", db, "-i", modules, "--stop-after-init")


def ensure_base_database(db_opts, config):
    """Odoo with the demo company (French, EUR), its accounting and the demo
    payment provider: what every database of the suite starts from, built
    once per runtime."""
    wanted = (CACHE / "requirements.hash").read_text() + ODOO_SERIES + DEMO_BASE_MODULES
    if db_exists(db_opts, BASE_DB) and state().get(BASE_DB) == wanted:
        return
    drop_db(db_opts, BASE_DB)
    log(f"Creating {BASE_DB}: Odoo, the French demo company, {DEMO_BASE_MODULES} (once)")
    sh([PYTHON, ROOT / "tools" / "create_db.py", config, BASE_DB, DEMO_COUNTRY], cwd=ROOT)
    # Accounting before the suite: Odoo loads a chart of accounts only once
    # the installing registry is complete, too late for our demo invoices.
    # No --without-demo: any value, even "False", disables demo data.
    odoo(config, "-d", BASE_DB, "-i", DEMO_BASE_MODULES, f"--load-language={DEMO_LANGS}", "--stop-after-init")
    save_state(**{BASE_DB: wanted})


def copy_database(db_opts, source, target):
    """Copy a database and its filestore (attachments live in both)."""
    drop_db(db_opts, target)
    psql(db_opts, f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    filestore = DATA_DIR / "filestore"
    shutil.rmtree(filestore / target, ignore_errors=True)
    if (filestore / source).exists():
        shutil.copytree(filestore / source, filestore / target)


# -------------------------------------------------------------- commands


def cmd_run(args):
    ensure_runtime()
    with postgres() as db_opts:
        config = write_config(db_opts, "odoo-run.conf", db_name=DEMO_DB, dbfilter=f"^{DEMO_DB}$")
        # Updated in place: the demo database keeps what users did in it.
        ensure_database(db_opts, config, DEMO_DB, recreate=False)
        print((ROOT / "tools" / "demo_logins.txt").read_text(), flush=True)
        log(f"Serving http://localhost:{args.port} (Ctrl-C to stop)")
        proc = subprocess.Popen(
            [PYTHON, "-m", "odoo", "-c", config, "-d", DEMO_DB, "--http-port", str(args.port)], cwd=ROOT
        )
        try:
            proc.wait()
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGINT)
            proc.wait()
            log("Odoo stopped")


def cmd_test(args):
    ensure_runtime()
    with postgres() as db_opts:
        config = write_config(db_opts, "odoo-test.conf", db_name=TEST_DB, dbfilter=f"^{TEST_DB}$")
        # Built anew: demo data generated at install must match the code.
        ensure_database(db_opts, config, TEMPLATE_DB, recreate=True)
        log(f"Creating a fresh {TEST_DB} from {TEMPLATE_DB}")
        copy_database(db_opts, TEMPLATE_DB, TEST_DB)
        paths = [str(p) for p in sorted(ADDONS.glob("*/tests"))] + [str(ROOT / "tests")]
        cmd = [
            PYTHON,
            "-m",
            "pytest",
            "-v",
            f"--odoo-config={config}",
            f"--odoo-database={TEST_DB}",
            "--odoo-http",
            "-p",
            "no:cacheprovider",
            f"--rootdir={ROOT}",
            *paths,
            *args.pytest_args,
        ]
        res = sh(cmd, check=False, cwd=ROOT)
        return res.returncode


def cmd_bench(args):
    """Run benchmarks/<name>.py on a copy of the test template."""
    script = ROOT / "benchmarks" / f"{args.name}.py"
    if not script.exists():
        raise Failure(f"No benchmark {script}.")
    ensure_runtime()
    with postgres() as db_opts:
        config = write_config(db_opts, "odoo-test.conf", db_name=BENCH_DB, dbfilter=f"^{BENCH_DB}$")
        ensure_database(db_opts, config, TEMPLATE_DB, recreate=True)
        copy_database(db_opts, TEMPLATE_DB, BENCH_DB)
        return sh([PYTHON, script, config, BENCH_DB, *args.pytest_args], check=False, cwd=ROOT).returncode


def cmd_i18n(args):
    """Export each add-on's .pot from the test template; merge it into fr.po."""
    ensure_runtime()
    with postgres() as db_opts:
        config = write_config(db_opts, "odoo-test.conf", db_name=TEST_DB, dbfilter=f"^{TEST_DB}$")
        ensure_database(db_opts, config, TEMPLATE_DB, recreate=True)
        for name in addon_names():
            pot = ADDONS / name / "i18n" / f"{name}.pot"
            pot.parent.mkdir(exist_ok=True)
            odoo(config, "-d", TEMPLATE_DB, f"--i18n-export={pot}", f"--modules={name}", "--stop-after-init")
            sh([PYTHON, ROOT / "tools" / "merge_po.py", pot, pot.parent / "fr.po"])


def cmd_lint(args):
    ensure_runtime()
    bindir = VENV / "bin"
    failed = False
    steps = [
        [bindir / "ruff", "check", "addons", "tests", "tools", "benchmarks", "conftest.py"],
        [bindir / "ruff", "format", "--check", "addons", "tests", "tools", "benchmarks", "conftest.py"],
        [PYTHON, ROOT / "tools" / "check_addons.py"],
        [bindir / "pylint", "--rcfile", ROOT / ".pylintrc", "--score=n", *[ADDONS / name for name in addon_names()]],
    ]
    for step in steps:
        log(" ".join(str(s) for s in step))
        failed |= sh(step, check=False, cwd=ROOT).returncode != 0
    log("lint: findings above" if failed else "lint: 0 findings")
    return 1 if failed else 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def lock_clone():
    """One command at a time per clone: they share the cluster and databases."""
    LOCAL.mkdir(exist_ok=True)
    lock = open(LOCAL / "lock", "w")  # held (and locked) until the process exits
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        raise Failure("Another make run/test/lint/i18n is using this clone; stop it first.") from exc
    return lock


def main():
    # Stopped by a supervisor (SIGTERM) as by Ctrl-C: Odoo and PostgreSQL stop cleanly.
    signal.signal(signal.SIGTERM, _interrupt)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="serve the demo database")
    run.add_argument("--port", type=int, default=8069)
    run.set_defaults(func=cmd_run)
    test = sub.add_parser("test", help="run every test on a fresh database")
    test.set_defaults(func=cmd_test)
    sub.add_parser("lint", help="ruff, pylint-odoo, XML and manifest checks").set_defaults(func=cmd_lint)
    bench = sub.add_parser("bench", help="run a benchmark of benchmarks/ (extra options go to it)")
    bench.add_argument("name")
    bench.set_defaults(func=cmd_bench)
    sub.add_parser("i18n", help="export .pot files and merge them into fr.po").set_defaults(func=cmd_i18n)
    sub.add_parser("runtime", help="only build the Odoo runtime").set_defaults(func=lambda a: ensure_runtime())
    # Unknown arguments of "test" go to pytest (e.g. -k, -x), of "bench" to the benchmark.
    args, args.pytest_args = parser.parse_known_args()
    if args.pytest_args and args.command not in ("test", "bench"):
        parser.error(f"unrecognized arguments: {' '.join(args.pytest_args)}")
    try:
        _lock = lock_clone()
        sys.exit(args.func(args) or 0)
    except Failure as exc:
        print(f"[b2b] ERROR: {exc}", file=sys.stderr)
        sys.exit(2)
    except subprocess.CalledProcessError as exc:
        print(f"[b2b] ERROR: {' '.join(map(str, exc.cmd))} failed (exit {exc.returncode}).", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
