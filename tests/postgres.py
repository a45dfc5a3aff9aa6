"""A throwaway PostgreSQL server for the database tests.

The session fixture runs Debian's server binaries (/usr/lib/postgresql/15/bin, or
SALESCLI_PG_BIN): `initdb` into a temporary folder (as the `postgres` user when run as root),
a server listening on a unix socket in that folder only (no TCP), stopped and removed at the
end of the session. SALESCLI_TEST_POSTGRES=postgresql://… uses a server of your own instead.
Without server binaries the PostgreSQL tests are skipped, saying why; with
SALESCLI_REQUIRE_POSTGRES=1 (as `.ci/run` sets it) they fail instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_BIN = Path(os.environ.get("SALESCLI_PG_BIN", "/usr/lib/postgresql/15/bin"))
READER = "salescli_reader"  # a role that must give its password (see postgres_server)
SERVER_LOGS: dict[str, Path] = {}  # the throwaway server's log file, by its URI


def _unavailable(reason: str) -> None:
    if os.environ.get("SALESCLI_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL tests required but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A libpq URI (unix socket) of a running server, database `postgres`."""
    given = os.environ.get("SALESCLI_TEST_POSTGRES")
    if given:
        yield given
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable('psycopg is not installed (pip install -e ".[test]")')
    if not (PG_BIN / "initdb").exists():
        _unavailable(f"no PostgreSQL server binaries in {PG_BIN} (apt-get install postgresql-15)")
    folder = Path(tempfile.mkdtemp(prefix="salescli-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    try:
        subprocess.run(
            _as_server_user(
                [
                    *(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"),
                    *("-E", "UTF8", "--no-sync", "--no-instructions"),
                ]
            ),
            check=True,
            capture_output=True,
        )
        # the role salescli_reader logs in with a password (the source tests' wrong
        # password); every other login is trusted
        hba = data / "pg_hba.conf"
        hba.write_text(f"local all {READER} scram-sha-256\n" + hba.read_text())
        # every statement is logged: the source tests read the window pushed into a query
        options = (
            f"-c listen_addresses='' -k {folder} -c fsync=off -c port=5432 -c log_statement=all"
        )
        subprocess.run(
            _as_server_user(
                [
                    *(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options),
                    *("-l", str(folder / "server.log"), "-w", "-t", "60", "start"),
                ]
            ),
            check=True,
            capture_output=True,
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        log = folder / "server.log"
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(
            f"the server did not start: {exc} {detail.decode(errors='replace')[-500:]} "
            f"{log.read_text(errors='replace')[-500:] if log.exists() else ''}"
        )
    url = f"postgresql://postgres@/postgres?host={folder}&port=5432"
    SERVER_LOGS[url] = folder / "server.log"
    try:
        yield url
    finally:
        subprocess.run(
            _as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield urlunsplit(urlsplit(postgres_server)._replace(path=f"/{name}"))
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
