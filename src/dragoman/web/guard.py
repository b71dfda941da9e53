"""What a request must show before its body is read. ``BodyGuard`` sits in front of the app:
with writes on, a request that may carry a body (``POST``, ``PUT``, ``PATCH``, ``DELETE``)
without exactly ``Authorization: Bearer TOKEN`` gets 401 at once; a body declared
(``Content-Length``) over ``MAX_BODY_BYTES`` gets 413 at once; a body streamed without a
length is counted as it arrives and stopped with 413 at the limit. So an unauthorised or
oversized upload costs the server no more than one chunk of it."""
from __future__ import annotations

import hmac

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 64 * 1024 * 1024  # 64 MB: ~30 full-size articles (2,000,000 chars) a call
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
UNAUTHORISED = ("a valid token is needed: send 'Authorization: Bearer TOKEN' with the token "
                "given to `dragoman serve --token`")
TOO_LARGE = (f"the request body is over {MAX_BODY_BYTES >> 20} MB: send the articles in several "
             "smaller calls")


def bearer_ok(authorization: str | None, token: str) -> bool:
    """Whether ``authorization`` is exactly ``Bearer TOKEN`` (compared in constant time)."""
    return hmac.compare_digest((authorization or "").encode(), f"Bearer {token}".encode())


def refusal(status: int, message: str) -> JSONResponse:
    """The API's error shape (``detail``, ``hint``) for a request refused before the app."""
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"detail": message, "hint": ""}, status_code=status, headers=headers)


class BodyGuard:
    """Pure ASGI middleware: checks the token (when ``token`` is set) and the body's size
    before anything reads the body; see the module's docstring."""

    def __init__(self, app: ASGIApp, token: str | None, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app, self.token, self.max_bytes = app, token, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        if (self.token is not None and scope["method"] in BODY_METHODS
                and not bearer_ok(headers.get("authorization"), self.token)):
            return await refusal(401, UNAUTHORISED)(scope, receive, send)
        declared = headers.get("content-length")
        if declared is not None and not declared.isdigit():
            return await refusal(400, "Content-Length must be a number of bytes")(
                scope, receive, send)
        if declared is not None and int(declared) > self.max_bytes:
            return await refusal(413, TOO_LARGE)(scope, receive, send)
        await self.app(scope, self.counted(receive), send)

    def counted(self, receive: Receive) -> Receive:
        """``receive`` that raises 413 (answered by the app's handler) once the body read so
        far is over the limit, whatever the headers said."""
        seen = 0

        async def receive_counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, TOO_LARGE)
            return message

        return receive_counted
