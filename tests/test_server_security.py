"""What a reader's browser can make the dashboard's kernel do: widget messages, never code.

A Voila page talks to its own kernel over ``/api/kernels/<id>/channels``. Anyone
who loads a page learns that id, and can write to the socket by hand instead of
through the page. Voila's kernel manager lets only widget (comm), kernel-info
and shutdown messages through; these tests send what a hand-written client
would (code to run, a request for the executed source, completions) in both of
jupyter_server's websocket formats, and check that nothing runs and nothing
answers, while a kernel-info request on the same socket does get its reply (so
the silence is the refusal, not a dead socket).

Runs against a real Voila on 127.0.0.1 (tests/voila_harness.py) with the
repository's voila.json. The sections after it check, without a server, the
library pieces that keep readers safe: chart text and links built from hostile
article text, widget callbacks that fail (a short message for the reader, the
traceback for the server's log only), and export without a working Chromium.
"""

from __future__ import annotations

import html
import io
import json
import logging
import os
import re
import sys
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

from newsclaims import app as app_module
from newsclaims import charts, export, schema, views
from newsclaims.app import OverviewApp
from newsclaims.articles import read_articles

from .conftest import SEEDS_DIR
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
    try:
        kernel_id = kernel_id_of(page)
    except ValueError as exc:  # with the server's side of it
        raise AssertionError(f"{exc}\nserver log (end):\n{voila_server.log()[-4000:]}") from exc
    sock = KernelSocket(kernel_channels_url(voila_server, kernel_id), request.param)
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


# ------------------------------------------------------------------------------------------
# Text from articles in charts and links (the browser test, tests/browser/test_hostile_browser.py,
# shows the same in every view).

#: What plotly.js 4 decodes in text (src/lib/svg_text_utils.js, ``convertEntities``):
#: numeric entities and these names only.
PLOTLY_NAMED = {"mu": "μ", "amp": "&", "lt": "<", "gt": ">", "nbsp": "\xa0", "times": "×",
                "plusmn": "±", "deg": "°"}  # fmt: skip
HOSTILE = [
    "<script>window.__pwned=1</script>Evil Daily",
    "<img src=x onerror=\"alert('x')\">",
    '<a href="javascript:alert(1)">click</a> <b>bold</b> <br> <sup>2</sup>',
    "$\\href{javascript:alert(1)}{x}$ costs $5",
    "Kim & \"Jong\" 'Un' &amp; &lt;b&gt; &#60;",
]


def plotly_reads(text: str) -> str:
    """The characters plotly.js shows for ``text`` when no tag is in it."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return PLOTLY_NAMED.get(name, match.group(0))

    return re.sub(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);", one, text)


@pytest.mark.parametrize("text", HOSTILE)
def test_chart_text_holds_no_markup_and_reads_as_written(text: str) -> None:
    shown = charts.esc(text)
    for markup in ("<", ">", "$", '"', "'"):
        assert markup not in shown
    assert plotly_reads(shown) == text


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/korea-watch/kursk?x=1&y=2",
        "http://127.0.0.1:8866/a",
        "HTTPS://EXAMPLE.ORG/",
    ],
)
def test_web_addresses_become_links(url: str) -> None:
    assert views.safe_url(url) == url
    assert views.url_html(url).startswith(
        f'<a href="{views.esc(url)}" target="_blank" rel="noopener'
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "https:/no-host",
        "https://exa mple.org/",
        "http://[::1",
        "example.org/no-scheme",
    ],
)
def test_other_addresses_are_text_never_links(url: str) -> None:
    assert views.safe_url(url) is None
    shown = views.url_html(url)
    assert "<a" not in shown and "<script" not in shown
    assert html.unescape(shown) == url
    meta = views.article_meta_html({"title": "t", "url": url})
    assert "<a " not in meta and "href" not in meta


def test_a_quote_in_a_web_address_cannot_leave_its_attribute() -> None:
    url = 'https://example.org/"onmouseover="alert(1)'
    shown = views.url_html(url)
    assert '"onmouseover' not in shown
    assert "&quot;onmouseover=&quot;alert(1)" in shown


# ------------------------------------------------------------------------------------------
# A widget callback that fails: a short message on the page, the traceback in the server's log.

SECRET = "SECRET-7f3a /srv/newsclaims/private.py"


@pytest.fixture
def overview_app() -> OverviewApp:
    return OverviewApp(read_articles(sorted(SEEDS_DIR.glob("*.txt"))).articles)


def page_text(app: OverviewApp) -> str:
    """Every HTML value the reader's page shows."""
    return " ".join(
        w.value
        for w in (
            app.alert,
            app.notes,
            app.claims_summary,
            app.summary,
            app.claims_table,
            app.table,
        )
    )


def test_a_failing_button_callback_tells_the_reader_and_logs_the_rest(
    overview_app: OverviewApp, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(overview_app, "_select_all", broken)
    assert app_module.CALLBACK_FAILED not in page_text(overview_app)
    with caplog.at_level(logging.ERROR, logger="newsclaims.app"):
        overview_app.reset_button.click()  # ipywidgets calls _on_reset; nothing is raised
    assert app_module.CALLBACK_FAILED in overview_app.alert.value
    assert SECRET not in page_text(overview_app) and "Traceback" not in page_text(overview_app)
    assert any(SECRET in r.getMessage() or SECRET in (r.exc_text or "") for r in caplog.records)
    assert "OverviewApp._on_reset failed" in caplog.text


def test_a_failing_update_tells_the_reader_and_a_good_one_clears_it(
    overview_app: OverviewApp, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_view = overview_app.data.view

    def broken(flt: Any, **kwargs: Any) -> Any:
        if flt.outlets == ("UnitedVoice",):
            raise RuntimeError(SECRET)
        return real_view(flt, **kwargs)

    monkeypatch.setattr(overview_app.data, "view", broken)
    with caplog.at_level(logging.ERROR, logger="newsclaims.app"):
        overview_app.outlet.value = ("UnitedVoice",)
    assert app_module.CALLBACK_FAILED in overview_app.alert.value
    assert app_module.CALLBACK_FAILED in overview_app.table.value
    assert SECRET not in page_text(overview_app)
    assert SECRET in caplog.text
    overview_app.reset()
    assert overview_app.alert.value == ""
    assert overview_app.table.value.count("<tr data-article-id=") == 5


def test_article_and_lineage_callbacks_fail_with_the_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsclaims.app import ArticleApp, LineageApp
    from newsclaims.tables import build

    built = build(sorted(SEEDS_DIR.glob("*.txt")), corrections=Path("/nonexistent/corrections.csv"))
    article = ArticleApp(built.articles, built.claims, query="")
    lineage_app = LineageApp(built.articles, built.claims)

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(views, "article_meta_html", broken)
    monkeypatch.setattr(views, "lineage_html", broken)
    article.picker.value = article.picker.options[1][1]
    lineage_app.repeated_only.value = True
    for alert, body in ((article.alert, article.text), (lineage_app.alert, lineage_app.groups)):
        assert app_module.CALLBACK_FAILED in alert.value
        assert SECRET not in alert.value + body.value


def test_in_a_kernel_the_log_goes_to_the_servers_stderr_not_the_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    class KernelStderr(io.StringIO):
        """ipykernel's stderr: what is written goes to the page; the server's is kept beside it."""

    server_log = tmp_path / "server.log"
    fd = os.open(server_log, os.O_WRONLY | os.O_CREAT)
    page = KernelStderr()
    page._original_stdstream_copy = fd  # type: ignore[attr-defined]
    logger = app_module.log
    monkeypatch.setattr(sys, "stderr", page)
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "propagate", True)
    try:
        assert app_module.log_to_server() is True
        assert app_module.log_to_server() is False  # once per kernel
        try:
            raise RuntimeError(SECRET)
        except RuntimeError:
            logger.exception("callback failed")
        for handler in logger.handlers:
            handler.flush()
    finally:
        for handler in logger.handlers:
            handler.close()
        del logger._newsclaims_server_log  # type: ignore[attr-defined]
        os.close(fd)
    written = server_log.read_text(encoding="utf-8")
    assert "callback failed" in written and SECRET in written and "Traceback" in written
    assert page.getvalue() == ""


def test_in_a_kernel_that_leaves_stderr_uncaptured_the_log_goes_to_descriptor_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class OutStream(io.StringIO):
        """ipykernel's stderr without file-level capture (e.g. a kernel started under pytest)."""

    OutStream.__module__ = "ipykernel.iostream"
    page, server = OutStream(), io.StringIO()
    logger = app_module.log
    monkeypatch.setattr(sys, "stderr", page)
    monkeypatch.setattr(sys, "__stderr__", server)
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "propagate", True)
    try:
        assert app_module.log_to_server() is True
        logger.error("update failed: %s", SECRET)
    finally:
        del logger._newsclaims_server_log  # type: ignore[attr-defined]
    assert SECRET in server.getvalue()
    assert page.getvalue() == ""


def test_outside_a_kernel_logging_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert app_module.log_to_server() is False


# ------------------------------------------------------------------------------------------
# Export without a working Chromium: a message that says what to do, never a hang.


def test_the_export_panel_without_chromium_says_so(
    overview_app: OverviewApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    panel = overview_app.open_export()
    panel.formats.value = ("png", "csv")
    panel.button.click()
    assert "needs Chromium" in panel.result.value
    assert "CSV, JSON and HTML export work without it" in panel.result.value
    assert app_module.CALLBACK_FAILED not in panel.result.value


def test_a_browser_path_that_names_nothing_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    with pytest.raises(export.ExportError, match=r"BROWSER_PATH is set to .*no-such-chromium"):
        export.find_chromium()


def test_a_chromium_that_does_not_start_is_named_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "chromium"
    broken.write_text(
        "#!/bin/sh\necho 'error while loading shared libraries: libnss3.so' >&2\nexit 127\n"
    )
    broken.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(broken))
    rows = charts.claims_with_articles(schema.empty(schema.CLAIMS), schema.empty(schema.ARTICLES))
    out = tmp_path / "out"
    with pytest.raises(export.ExportError, match=r"does not run .*libnss3\.so"):
        export.export_chart("troops", rows, out, ("csv", "png"))
    assert not any(out.iterdir())  # refused before anything was written
