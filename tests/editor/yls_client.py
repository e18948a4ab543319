"""A small Language Server Protocol client over stdio, enough to drive yaml-language-server.

It speaks JSON-RPC with Content-Length framing, answers the server's own requests
(configuration, capability registration, progress) and collects published diagnostics, so a
test can open a document and read what an editor would underline.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import Any

#: Long enough for a slow CI machine to load schemas; a guard against hanging, not a timing test.
WAIT_SECONDS = 120

SETTINGS: dict[str, Any] = {
    "yaml": {
        "validate": True,
        "hover": True,
        "completion": True,
        "format": {"enable": False},
        "schemaStore": {"enable": False},  # no network: only the modeline's local schema
        "schemas": {},
        "yamlVersion": "1.2",
    }
}


class LanguageServer:
    """One running server; use as a context manager so the process always ends."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.root = root
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._next_id = 0
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._diagnostics: queue.Queue[dict[str, Any]] = queue.Queue()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read_forever, daemon=True)
        self._reader.start()

    # ------------------------------------------------------------------ framing

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        with self._lock:
            self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
            self.process.stdin.flush()

    def _read_message(self) -> dict[str, Any] | None:
        stream = self.process.stdout
        assert stream is not None
        length = 0
        while True:
            line = stream.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value.strip())
        return json.loads(stream.read(length).decode("utf-8"))

    def _read_forever(self) -> None:
        while (message := self._read_message()) is not None:
            if "id" in message and "method" in message:
                self._answer(message)
            elif "id" in message:
                self._responses.setdefault(message["id"], queue.Queue()).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                self._diagnostics.put(message["params"])

    def _answer(self, request: dict[str, Any]) -> None:
        """Requests from the server to the client, answered as a plain editor would."""
        result: Any = None
        if request["method"] == "workspace/configuration":
            items = request["params"].get("items", [])
            result = [SETTINGS["yaml"] if item.get("section") == "yaml" else None for item in items]
        self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    # ------------------------------------------------------------------ protocol

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self._next_id += 1
        ident = self._next_id
        box = self._responses.setdefault(ident, queue.Queue())
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        reply = box.get(timeout=WAIT_SECONDS)
        if "error" in reply:
            raise RuntimeError(f"{method} failed: {reply['error']}")
        return reply.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def initialize(self) -> None:
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": self.root.as_uri(),
                "workspaceFolders": [{"uri": self.root.as_uri(), "name": self.root.name}],
                "capabilities": {
                    "workspace": {"configuration": True, "didChangeConfiguration": {}},
                    "textDocument": {
                        "publishDiagnostics": {},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})

    def open(self, path: Path, text: str | None = None) -> list[dict[str, Any]]:
        """Open a document (its text from disk unless given) and return its diagnostics."""
        uri = path.resolve().as_uri()
        content = path.read_text(encoding="utf-8") if text is None else text
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": content}
        self.notify("textDocument/didOpen", {"textDocument": document})
        while True:
            published = self._diagnostics.get(timeout=WAIT_SECONDS)
            if published["uri"] == uri:
                return published["diagnostics"]

    def close(self, path: Path) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": path.resolve().as_uri()}})

    def hover(self, path: Path, line: int, character: int) -> str:
        """The hover text at a 0-based position, as plain text."""
        result = self.request(
            "textDocument/hover",
            {
                "textDocument": {"uri": path.resolve().as_uri()},
                "position": {"line": line, "character": character},
            },
        )
        if not result:
            return ""
        contents = result["contents"]
        if isinstance(contents, dict):
            return str(contents.get("value", ""))
        if isinstance(contents, list):
            return "\n".join(c if isinstance(c, str) else c.get("value", "") for c in contents)
        return str(contents)

    # ------------------------------------------------------------------ lifetime

    def __enter__(self) -> LanguageServer:
        self.initialize()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=WAIT_SECONDS)
        except Exception:
            self.process.kill()
            self.process.wait()
