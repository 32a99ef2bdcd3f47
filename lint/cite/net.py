"""The network client of ``sciencelint cite`` (the ``cite`` extra: requests).

Polite by construction: NCBI's ``tool``/``email`` parameters and rate limits (3 requests a
second, 10 with ``NCBI_API_KEY``), Crossref's polite pool (``mailto``), timeouts, retries on
429 and 503 that honour ``Retry-After``, and a cache of raw responses in the user cache
directory (``--offline`` reads only the cache).  Only identifiers are sent.
"""
from __future__ import annotations

import email.utils
import hashlib
import math
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from .. import __version__
from ..yamlio import cache_dir

try:  # the cite extra
    import requests
except ImportError:  # pragma: no cover - reported by the CLI
    requests = None  # type: ignore[assignment]


class NetError(Exception):
    """A one-line reason a record could not be fetched."""


class NotFound(NetError):
    pass


class Offline(NetError):
    """--offline, and the response is not in the cache."""


TIMEOUT = (5.0, 30.0)  # connect, read (seconds)
RETRIES = 3
MAX_WAIT = 30.0
PRIVATE = ("email", "tool", "api_key", "mailto")  # not part of a cache key


def interval(service: str) -> float:
    if service == "ncbi":
        return 1 / 10 if os.environ.get("NCBI_API_KEY") else 1 / 3
    if service == "crossref":
        return 1 / 10
    return 1.0


class Client:
    def __init__(self, email: str | None = None, offline: bool = False, cache: Path | None | str = "default",
                 session: Any = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.email = email or os.environ.get("SCIENCELINT_EMAIL") or None
        self.offline = offline
        if cache == "default":
            base = cache_dir()
            self.cache: Path | None = base / "cite" if base else None
        else:
            self.cache = Path(cache) if cache else None
        if session is None and not offline:
            if requests is None:
                raise NetError("looking up identifiers needs requests: pip install '.[cite]' in a clone of "
                               "sciencelint (files and --offline work without it)")
            session = requests.Session()
        self.session = session
        self.sleep, self.clock = sleep, clock
        self.last: dict[str, float] = {}
        self.fetched: list[str] = []  # URLs asked of the network (tests read this)
        self.missed: list[str] = []   # URLs --offline could not find in the cache

    # -- the polite parameters --------------------------------------------------------------
    def params(self, service: str, params: dict[str, str]) -> dict[str, str]:
        p = dict(params)
        if service == "ncbi":
            p["tool"] = "sciencelint"
            if self.email:
                p["email"] = self.email
            key = os.environ.get("NCBI_API_KEY")
            if key:
                p["api_key"] = key
        elif service == "crossref" and self.email:
            p["mailto"] = self.email
        return p

    def headers(self, service: str = "") -> dict[str, str]:
        # the e-mail goes only where --email says it goes: Crossref (mailto) and NCBI (a parameter)
        contact = f"; mailto:{self.email}" if self.email and service == "crossref" else ""
        return {"User-Agent": f"sciencelint/{__version__} (science-news linter{contact})"}

    # -- the cache ------------------------------------------------------------------------------
    def _key(self, url: str, params: dict[str, str]) -> Path | None:
        if self.cache is None:
            return None
        public = {k: v for k, v in sorted(params.items()) if k not in PRIVATE}
        h = hashlib.sha256((url + "?" + urlencode(public)).encode()).hexdigest()[:32]
        return self.cache / f"{h}.raw"

    def get(self, service: str, url: str, params: dict[str, str] | None = None) -> bytes:
        params = params or {}
        path = self._key(url, params)
        if path is not None and path.is_file():
            return path.read_bytes()
        if self.offline:
            self.missed.append(url)
            raise Offline(f"offline, and {url} is not in the cache ({self.cache})")
        data = self._fetch(service, url, self.params(service, params))
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                tmp.write_bytes(data)
                tmp.replace(path)
            except OSError:
                pass  # a read-only cache is no reason to fail
        return data

    def forget(self, url: str, params: dict[str, str] | None = None) -> None:
        """Drop a cached response that gave no record (an error page, an empty answer), so
        that the next run asks again instead of reading it back for ever."""
        path = self._key(url, params or {})
        if path is not None and not self.offline:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass

    def _fetch(self, service: str, url: str, params: dict[str, str]) -> bytes:
        for attempt in range(RETRIES + 1):
            wait = self.last.get(service, -1e9) + interval(service) - self.clock()
            if wait > 0:
                self.sleep(wait)
            self.last[service] = self.clock()
            self.fetched.append(url)
            try:
                resp = self.session.get(url, params=params, headers=self.headers(service), timeout=TIMEOUT)
            except Exception as exc:  # requests' ConnectionError, Timeout ...
                if attempt < RETRIES:
                    self.sleep(min(2 ** attempt, MAX_WAIT))
                    continue
                raise NetError(f"{url}: {type(exc).__name__} ({exc})") from None
            status = resp.status_code
            if status == 200:
                return bytes(resp.content)
            if status in (429, 503) and attempt < RETRIES:
                wait = retry_after(resp.headers.get("Retry-After"), attempt)
                if wait > MAX_WAIT:  # retrying sooner than asked would not honour it
                    raise NetError(f"{url}: HTTP {status}, asked to wait {math.ceil(wait)} s before trying again; "
                                   "try again later")
                self.sleep(wait)
                continue
            if status in (400, 404, 410):
                raise NotFound(f"{url}: not found ({status})")
            if status in (429, 503):
                raise NetError(f"{url}: HTTP {status}, still busy after {RETRIES} retries")
            raise NetError(f"{url}: HTTP {status}")
        raise NetError(f"{url}: still busy after {RETRIES} retries")  # pragma: no cover


def retry_after(value: str | None, attempt: int) -> float:
    """Seconds to wait: what Retry-After asks (seconds or an HTTP date), else backing off.
    A wait longer than ``MAX_WAIT`` is returned as it is: the caller gives up rather than
    retry sooner than asked."""
    if value:
        v = value.strip()
        if v.isdigit():
            return float(v)
        try:
            when = email.utils.parsedate_to_datetime(v)
            return max(0.0, when.timestamp() - time.time())
        except (TypeError, ValueError):
            pass
    return min(2.0 ** attempt, MAX_WAIT)
