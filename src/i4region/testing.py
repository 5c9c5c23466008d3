"""Running the product the way its users run it, for tests and benchmarks: `i4region` commands in
a folder of their own, a server on a free port that is stopped afterwards, and the parts of a
deployment of several servers (a PostgreSQL database of its own, Redis, Debian's nginx in front,
a job worker), with a client that signs in and posts forms the way a browser does."""

from __future__ import annotations

import html.parser
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

CLI = (sys.executable, "-m", "i4region")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def instance_env(home: Path, **settings: str) -> dict[str, str]:
    """The environment of an instance living in `home` (its SQLite database there by default)."""
    return {
        **os.environ,
        "I4REGION_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "i4region.settings",
        **settings,
    }


def run_cli(env: dict[str, str], *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """`i4region ARGS…` in the instance's folder; output captured as text."""
    return subprocess.run(
        [*CLI, *args],
        env=env,
        cwd=env["I4REGION_HOME"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@contextmanager
def serving(
    command: Sequence[str], env: dict[str, str], ready: str = "/healthz", port: int | None = None
) -> Iterator[str]:
    """Start a server command (with `{port}` in it) and yield its base URL once `ready` answers.

    `port` is for a server whose port is in its configuration file (nginx) rather than in the
    command; by default a free one is chosen.
    """
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    with running([part.format(port=port) for part in command], env) as server:
        for _ in range(150):
            if server.poll() is not None:
                raise RuntimeError(f"{command[0]} … exited with {server.returncode} before {ready}")
            try:
                urllib.request.urlopen(base + ready, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base


@contextmanager
def running(command: Sequence[str], env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """A background process (a server, a job worker) in the instance's folder, stopped after."""
    process = subprocess.Popen(
        list(command),
        env=env,
        cwd=env.get("I4REGION_HOME"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def gunicorn(workers: int = 2) -> tuple[str, ...]:
    """The production server command with the product's gunicorn_conf, for `serving`."""
    return (
        *(sys.executable, "-m", "gunicorn", "-c", "python:i4region.gunicorn_conf"),
        *("--bind", "127.0.0.1:{port}", "--workers", str(workers), "i4region.wsgi"),
    )


WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("P50 %d\\nP95 %d\\nRPS %f\\nERR %d\\n", latency:percentile(50),
    latency:percentile(95), summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def wrk(url: str, seconds: int, connections: int, cookie: str = "") -> dict[str, float]:
    """Load `url` with wrk for `seconds` (sending `cookie`, when given): {"rps", "p50_ms",
    "p95_ms", "errors"} (non-2xx/3xx answers, refused or broken connections and timeouts all
    count as errors)."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    with tempfile.TemporaryDirectory(prefix="i4region-wrk-") as folder:
        script = Path(folder) / "report.lua"
        script.write_text(WRK_REPORT)
        out = subprocess.run(
            ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
            + [*headers, "-s", str(script), url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    found = {k: float(v) for k, v in re.findall(r"^(P50|P95|RPS|ERR) ([\d.]+)$", out, re.M)}
    return {
        "rps": found["RPS"],
        "p50_ms": found["P50"] / 1000,
        "p95_ms": found["P95"] / 1000,
        "errors": found["ERR"],
    }


def production_env(home: Path, **settings: str) -> dict[str, str]:
    """`instance_env` with production settings (DEBUG off) for a server on loopback, plain HTTP."""
    return instance_env(
        home,
        **{
            "DEBUG": "false",
            "SECRET_KEY": "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            **settings,
        },
    )


def bench_instance(home: Path | None, prefix: str) -> dict[str, str]:
    """The environment of a benchmark's instance, with production settings (on the database
    DATABASE_URL names, else SQLite in its folder): set up in a new folder unless `home` names
    one where `i4region setup` has run, its static files collected."""
    folder = home or Path(tempfile.mkdtemp(prefix=prefix))
    env = production_env(folder)
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if home is None:
        print(f"setting up {folder} …", flush=True)
        subprocess.run([*CLI, "setup", "--verbosity", "0"], env=env, check=True)
    subprocess.run([*CLI, "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True)
    return env


# --- Services a deployment of several servers shares: PostgreSQL, Redis, nginx in front.


def postgres_problem(url: str) -> str | None:
    """Why the PostgreSQL server of `url` cannot be used, or None when it answers."""
    import psycopg

    try:
        psycopg.connect(_with_database(url, "postgres"), connect_timeout=3).close()
    except psycopg.Error as exc:
        return f"PostgreSQL at {urllib.parse.urlsplit(url).hostname} cannot be used: {exc}"
    return None


def _with_database(url: str, name: str) -> str:
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()


@contextmanager
def postgres_database(server_url: str, name: str) -> Iterator[str]:
    """A new, empty database `name` on the PostgreSQL server of `server_url` (the database that
    URL names is left alone); yields its URL and drops it afterwards, connections and all."""
    import psycopg
    from psycopg import sql

    def admin(statement: str) -> None:
        with psycopg.connect(_with_database(server_url, "postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))

    admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    admin("CREATE DATABASE {}")
    try:
        yield _with_database(server_url, name)
    finally:
        admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def redis_problem(url: str) -> str | None:
    """Why the Redis server of `url` cannot be used, or None when it answers."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return f"Redis at {url} cannot be used: {exc}"
    return None


def nginx_binary() -> str | None:
    """Debian's nginx (in /usr/sbin, which a user's PATH may lack), or None."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


NGINX_CONF = """daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  client_max_body_size 70m;
  upstream i4region {{
{servers}
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://i4region;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # stands in for the TLS terminator, which would set it from its own $scheme
      proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
      # which server answered, for tests that must see both
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""


@contextmanager
def nginx_in_front(backends: Sequence[str], folder: Path, env: dict[str, str]) -> Iterator[str]:
    """Debian's nginx as a round-robin proxy to `backends` (base URLs), run without root from a
    generated configuration in `folder`; yields its base URL."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("Debian's nginx is not installed (apt-get install nginx)")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    servers = "\n".join(
        f"    server {urllib.parse.urlsplit(b).netloc} max_fails=0;" for b in backends
    )
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=folder, servers=servers, port=port))
    command = [binary, "-e", str(folder / "error.log"), "-p", str(folder), "-c", str(conf)]
    with serving(command, env, port=port) as base:
        yield base


# --- A client that signs in and posts forms the way a browser does.


class Client:
    """Keeps its cookies itself (production cookies are Secure and this socket is not) and says
    it came over HTTPS, as the TLS proxy in front of the servers would; follows no redirects."""

    def __init__(self, base: str, address: str = ""):
        """`address`: the client address the proxy reports (X-Forwarded-For), when given."""
        self.base, self.cookies, self.address = base, {}, address

    def get(self, path: str, base: str | None = None) -> tuple[int, dict, str]:
        return self._send(base or self.base, path, None, None)

    def post(
        self, path: str, fields: dict, files: dict | None = None, base: str | None = None
    ) -> tuple[int, dict, str]:
        """A form post; `files` maps a field to (file name, bytes) and makes it multipart."""
        if files:
            boundary = uuid.uuid4().hex
            body, kind = (
                _multipart(boundary, fields, files),
                f"multipart/form-data; boundary={boundary}",
            )
        else:
            body, kind = (
                urllib.parse.urlencode(fields).encode(),
                "application/x-www-form-urlencoded",
            )
        return self._send(base or self.base, path, body, kind)

    def log_in(self, username: str, password: str, path: str = "/en/accounts/login/") -> int:
        _, _, page = self.get(path)
        fields = form_fields(page, action=path)
        fields.update(username=username, password=password)
        return self.post(path, fields)[0]

    def _send(self, base: str, path: str, body: bytes | None, kind: str | None):
        headers = {"X-Forwarded-Proto": "https", "Origin": base.replace("http:", "https:")}
        if kind:
            headers["Content-Type"] = kind
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.address:
            headers["X-Forwarded-For"] = self.address
        request = urllib.request.Request(base + path, data=body, headers=headers)
        try:
            with _NO_REDIRECTS.open(request, timeout=60) as response:
                status, head, text = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, head, text = error.code, error.headers, error.read()
        for cookie in head.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return status, dict(head), text.decode("utf-8", "replace")


def _multipart(boundary: str, fields: dict, files: dict) -> bytes:
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (file_name, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_NO_REDIRECTS = urllib.request.build_opener(_NoRedirect)


class _FormReader(html.parser.HTMLParser):
    """The fields of every form on a page, by the form's action ("" posts to the page itself)."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._fields, self._select, self._textarea = None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name, kind = a.get("name"), a.get("type")
        if tag == "form":
            self._fields = self.forms.setdefault(a.get("action") or "", {})
        elif self._fields is None or not name and tag != "option":
            return
        elif tag == "input" and kind not in ("submit", "button", "file"):
            if kind not in ("checkbox", "radio") or "checked" in a:
                self._fields[name] = a.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "select":
            self._select = name
            self._fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self._fields[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self._fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self._fields is not None:
            self._fields[self._textarea] += data


def form_fields(page: str, action: str = "") -> dict[str, str]:
    """What a browser would send of the page's form that posts to `action` ("": to the page
    itself) as it stands: inputs, checked boxes, chosen options, text areas, the CSRF token."""
    reader = _FormReader()
    reader.feed(page)
    return dict(reader.forms[action])
