"""What a reader's browser can make the dashboard's kernel do: widget messages, never code.

A Voila page talks to its own kernel over ``/api/kernels/<id>/channels``. Anyone
who loads a page learns that id, and can write to the socket by hand instead of
through the page. Voila's kernel manager lets only widget (comm) and
kernel-info messages through; these tests send what a hand-written client
would (code to run, a request for the executed source, completions) in both of
jupyter_server's websocket formats, and check that nothing runs and nothing
answers, while a kernel-info request on the same socket does get its reply (so
the silence is the refusal, not a dead socket).

Runs against a real Voila on 127.0.0.1 (tests/voila_harness.py) with the
repository's voila.json.
"""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websocket
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)

from .voila_harness import (
    VoilaServer,
    kernel_channels_url,
    kernel_id_of,
    newsclaims_home,
    voila_server,
)

__all__ = ["newsclaims_home", "voila_server"]  # session fixtures

V1 = "v1.kernel.websocket.jupyter.org"
#: Message types a hand-written client might send, each with what it would get if allowed.
REFUSED_REQUESTS = {
    "execute_request": "run code in the reader's kernel",
    "history_request": "read back the dashboard notebook's executed source",
    "inspect_request": "read docstrings and source of the kernel's objects",
    "complete_request": "list the kernel's variables",
}


def message(msg_type: str, content: dict[str, Any], session: str) -> dict[str, Any]:
    """A Jupyter message as a client sends it on the shell channel."""
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "username": "reader",
            "session": session,
            "date": "",
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


class KernelSocket:
    """A hand-written client on a page kernel's websocket, in the JSON or the v1 binary format."""

    def __init__(self, url: str, protocol: str) -> None:
        self.protocol = protocol
        subprotocols = [V1] if protocol == "v1" else None
        self.ws = websocket.create_connection(url, timeout=60, subprotocols=subprotocols)
        self.session = uuid.uuid4().hex
        self.received: list[dict[str, Any]] = []

    def send(self, msg_type: str, content: dict[str, Any]) -> str:
        """Send a shell message; return its id."""
        msg = message(msg_type, content, self.session)
        if self.protocol == "v1":
            self.ws.send_binary(serialize_msg_to_ws_v1(msg, "shell", pack=json_bytes))
        else:
            self.ws.send(json.dumps(msg))
        return str(msg["header"]["msg_id"])

    def receive_until_reply(self, msg_id: str) -> None:
        """Read messages until the shell reply to ``msg_id`` arrives (keeping every message)."""
        while True:
            frame = self.ws.recv()
            if isinstance(frame, bytes):
                channel, parts = deserialize_msg_from_ws_v1(frame)
                header, parent, _meta, content = (json.loads(p) for p in parts[:4])
                msg = {
                    "channel": channel,
                    "header": header,
                    "parent_header": parent,
                    "content": content,
                }
            else:
                msg = json.loads(frame)
            self.received.append(msg)
            if msg["channel"] == "shell" and msg["parent_header"].get("msg_id") == msg_id:
                return

    def answers_to(self, msg_id: str) -> list[str]:
        """The types of every message received in reply to ``msg_id`` (busy/idle aside)."""
        return [
            m["header"]["msg_type"]
            for m in self.received
            if m["parent_header"].get("msg_id") == msg_id and m["header"]["msg_type"] != "status"
        ]

    def close(self) -> None:
        """Close the socket."""
        self.ws.close()


def json_bytes(obj: object) -> bytes:
    """Pack one part of a v1 message."""
    return json.dumps(obj).encode("utf-8")


@pytest.fixture
def kernel_socket(voila_server: VoilaServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page's kernel, reached by hand through its websocket (format: the test's param)."""
    with urllib.request.urlopen(voila_server.url + "voila/render/lineage.ipynb", timeout=120) as r:
        page = r.read().decode("utf-8")
    sock = KernelSocket(kernel_channels_url(voila_server, kernel_id_of(page)), request.param)
    yield sock
    sock.close()


@pytest.mark.parametrize("kernel_socket", ["json", "v1"], indirect=True)
def test_a_page_kernel_runs_no_code_sent_to_its_websocket(
    kernel_socket: KernelSocket, voila_server: VoilaServer, tmp_path: Path
) -> None:
    marker = tmp_path / "written-by-the-kernel"
    code = f"open({str(marker)!r}, 'w').write('ran')"
    sent = {
        "execute_request": kernel_socket.send(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        ),
        "history_request": kernel_socket.send(
            "history_request", {"output": False, "raw": True, "hist_access_type": "tail", "n": 50}
        ),
        "inspect_request": kernel_socket.send(
            "inspect_request", {"code": "app", "cursor_pos": 3, "detail_level": 1}
        ),
        "complete_request": kernel_socket.send("complete_request", {"code": "ap", "cursor_pos": 2}),
    }
    # The control: a kernel handles shell messages in order, so once the reply to a
    # request sent after them has arrived, any reply to the refused ones would have too.
    control = kernel_socket.send("kernel_info_request", {})
    kernel_socket.receive_until_reply(control)
    again = kernel_socket.send("kernel_info_request", {})
    kernel_socket.receive_until_reply(again)

    assert kernel_socket.answers_to(control) == ["kernel_info_reply"]
    for msg_type, msg_id in sent.items():
        assert kernel_socket.answers_to(msg_id) == [], (
            f"{msg_type} answered: would {REFUSED_REQUESTS[msg_type]}"
        )
    assert not marker.exists(), "code sent to the kernel's websocket ran"
    log = voila_server.log()
    for msg_type in sent:
        assert f'Received message of type "{msg_type}", which is not allowed' in log
