"""``oslearn serve``: the app in a web browser, usable only by whoever holds the token.

textual-serve's ``Server`` holds the request handlers (``handle_index`` for the page,
``handle_websocket`` for ``/ws``, which starts the app for the browser tab and relays its
screen and keys, ``handle_download`` for files the app sends). Left as textual-serve builds
it, any web page the learner visits could open that websocket to ``127.0.0.1`` and drive
the app (untick steps, reset progress). ``TokenServer`` builds the aiohttp application
itself from those public handlers, behind one check that every request passes through, and
adds what Jupyter's notebook server does:

* a secret token, random per start (``secrets.token_urlsafe``) unless given with
  ``--token`` or ``$OSLEARN_SERVE_TOKEN``, printed inside the URL to open;
* every HTTP request and websocket must carry it: as ``?token=`` in the URL, an
  ``Authorization: token ...`` header, or the cookie the first page sets. No token gets
  401, a wrong one 403 (compared in constant time). "Every" includes the static files
  (textual-serve's script, style and fonts) and paths that match no route: they are not
  secret, but one rule without exceptions cannot miss a route that shows the screen, and
  the page's own requests carry the cookie, so requiring it costs the learner nothing;
* opening ``/?token=...`` sets an ``HttpOnly``, ``SameSite=Strict`` cookie (so the page's
  own scripts, styles and websocket carry the token, and no other site's page can send it)
  and redirects to ``/`` so the token does not stay in the address bar;
* the websocket is also refused (403) when its ``Origin`` is not this server's own: a page
  from another site cannot connect even to a server started with a known token.

The cookie's name includes the port: cookies are shared between the ports of one host.
Nothing here imports Textual.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlencode, urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

#: Environment variable that gives the token instead of a random one.
TOKEN_ENV = "OSLEARN_SERVE_TOKEN"

#: Query parameter holding the token.
TOKEN_PARAMETER = "token"

#: Hosts that mean "this machine only".
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def new_token() -> str:
    """Return a fresh random token (32 random bytes, URL-safe base64: 43 characters)."""
    return secrets.token_urlsafe(32)


def _origin(url: str) -> str:
    """``"http://127.0.0.1:8000/x"`` -> ``"http://127.0.0.1:8000"`` (lowercase scheme and host)."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class TokenServer(Server):
    """textual-serve's ``Server`` with a token required on every request (see the module).

    Args:
        command: the shell command that runs the app for one browser tab.
        host, port: where to listen.
        token: the secret; a random one when ``None``.
        title: the page title.
    Attributes:
        token: the secret in use.
        url: the address to open, token included.
    """

    def __init__(self, command: str, *, host: str, port: int, token: str | None = None, title: str = "oslearn"):
        super().__init__(command, host=host, port=port, title=title)
        self.token = token or new_token()
        self.cookie_name = f"oslearn-token-{port}"
        url_host = f"[{host}]" if ":" in host else host
        # Percent-encoded: a token given with --token or the environment may hold any character.
        self.url = f"http://{url_host}:{port}/?{urlencode({TOKEN_PARAMETER: self.token})}"

    # --- what is allowed ----------------------------------------------------------------

    def allowed_origins(self) -> set[str]:
        """The ``Origin`` values a websocket may come from: this server's address, under
        each name of the loopback interface when it listens there or on every interface."""
        port = self.port
        names = {self.host}
        if self.host in LOOPBACK_HOSTS + ("0.0.0.0", "::"):
            names |= set(LOOPBACK_HOSTS)
        origins = {_origin(self.public_url)}
        for name in names:
            shown = f"[{name}]" if ":" in name else name
            origins.add(f"http://{shown}:{port}".lower())
        return origins

    def presented_token(self, request: web.Request) -> str | None:
        """The token a request carries (query, ``Authorization: token``, cookie), or ``None``."""
        if TOKEN_PARAMETER in request.query:
            return request.query[TOKEN_PARAMETER]
        header = request.headers.get("Authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() in ("token", "bearer") and value.strip():
            return value.strip()
        return request.cookies.get(self.cookie_name)

    def check(self, request: web.Request) -> None:
        """Raise ``HTTPUnauthorized`` (no token), ``HTTPForbidden`` (wrong token, or a
        websocket from a foreign ``Origin``); return when the request may go on."""
        token = self.presented_token(request)
        if token is None:
            raise web.HTTPUnauthorized(text="This oslearn server needs its token: open the URL `oslearn serve` "
                                            "printed, with ?token=... in it.\n")
        if not hmac.compare_digest(token.encode("utf-8", "surrogateescape"), self.token.encode("utf-8")):
            raise web.HTTPForbidden(text="Wrong token for this oslearn server: open the URL `oslearn serve` "
                                         "printed.\n")
        if request.path == "/ws" or request.headers.get("Upgrade", "").lower() == "websocket":
            origin = request.headers.get("Origin")
            if origin is not None and _origin(origin) not in self.allowed_origins():
                raise web.HTTPForbidden(text=f"Websocket from a foreign origin ({origin}) refused.\n")

    @web.middleware
    async def require_token(self, request: web.Request, handler) -> web.StreamResponse:
        """aiohttp middleware in front of every route: ``check`` the request; on ``/`` with
        the token in the query, set the cookie and redirect (302) to the same address
        without it; otherwise hand the request to ``handler``.

        Raises:
            web.HTTPUnauthorized, web.HTTPForbidden: from ``check``.
            web.HTTPFound: the redirect that sets the cookie.
        """
        self.check(request)
        if request.path == "/" and TOKEN_PARAMETER in request.query:
            # Keep the token in a cookie for the page's own requests, out of the address bar.
            rest = [(k, v) for k, v in request.query.items() if k != TOKEN_PARAMETER]
            response = web.HTTPFound(str(request.rel_url.with_query(rest)))
            response.set_cookie(self.cookie_name, self.token, httponly=True, samesite="Strict", path="/")
            raise response
        return await handler(request)

    # --- the application ----------------------------------------------------------------

    def make_app(self) -> web.Application:
        """Build the aiohttp application: textual-serve's public handlers on the routes and
        route names its page expects (``index``, ``websocket``, ``download``, ``static``;
        ``handle_index`` looks the last two up by name to write the page's addresses), its
        page template set up with aiohttp-jinja2, and ``require_token`` in front of all of
        them. Only these routes exist, so nothing textual-serve adds in a later version is
        served without the check.

        Returns:
            The application, not yet started.
        """
        app = web.Application(middlewares=[self.require_token])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def serve(self, debug: bool = False) -> None:
        """Serve ``make_app()`` on ``host``:``port`` until Ctrl+C or SIGTERM (aiohttp's own
        signal handling ends the server gracefully: open websockets are closed and the apps
        they started are stopped). textual-serve's logging is kept: one line per request.

        Args:
            debug: textual-serve's debug mode (the app may use Textual's dev tools).
        Raises:
            OSError: the address cannot be listened on (in use, not this machine's).
        """
        self.debug = debug
        self.initialize_logging()
        web.run_app(self.make_app(), host=self.host, port=self.port, handle_signals=True, print=None)

    async def handle_index(self, request: web.Request):
        """The page, with its script, style and websocket addresses on the host the browser
        used (``localhost`` or ``127.0.0.1``), so the cookie goes with them."""
        host = request.host.lower()
        if f"http://{host}" in self.allowed_origins():
            self.public_url = f"http://{host}"
        return await super().handle_index(request)

    async def on_startup(self, app: web.Application) -> None:
        """Print the address to open (with the token) instead of textual-serve's banner."""
        self.console.print(f"oslearn is served at {self.url}", highlight=False, soft_wrap=True, markup=False)
        self.console.print("Open that address in a web browser on this machine; without its token every "
                           "request is refused. Press Ctrl+C to stop.", highlight=False)


__all__ = ["LOOPBACK_HOSTS", "TOKEN_ENV", "TOKEN_PARAMETER", "TokenServer", "new_token"]
