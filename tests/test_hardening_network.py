"""The suite runs offline: the autouse guard in ``tests/conftest.py`` blocks non-loopback
connections and name lookups, and loopback (the test servers) still works."""

from __future__ import annotations

import socket

import httpx
import pytest

BLOCKED = "network access blocked"  # NetworkBlockedError (an OSError) from the conftest guard


def test_connection_to_an_outside_address_is_blocked():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, \
            pytest.raises(OSError, match=BLOCKED):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed


def test_name_lookup_of_an_outside_host_is_blocked():
    with pytest.raises(OSError, match=BLOCKED):
        socket.getaddrinfo("example.org", 443)


def test_http_clients_are_blocked_too():
    with pytest.raises((OSError, httpx.ConnectError), match=BLOCKED):
        httpx.get("https://example.org/", timeout=2)


def test_loopback_still_works():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("localhost", port), timeout=2):
            conn, _ = server.accept()
            conn.close()
