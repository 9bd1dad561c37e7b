"""A stand-in for Gerrit with auth.type = HTTP, for tests only: the user is whoever the header named by
auth.httpHeader says (no header: anonymous), it listens where httpd.listenUrl says, and it writes one JSON line
per request it receives (method, path, every header) to the log given, so a test can see what reached it.

GET /config/server/version   )]}' then "3.10.1" (the health check's path)
GET /accounts/self           )]}' then {"username": ...} for the header's user; 401 for anonymous
"""
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

CONFIG, LOG = sys.argv[1], sys.argv[2]
XSSI = ")]}'\n"


def setting(name):
    return subprocess.run(["git", "config", "-f", CONFIG, name], check=True, capture_output=True,
                          text=True).stdout.strip()


if setting("auth.type") != "HTTP":
    sys.exit("stand-in Gerrit: only auth.type = HTTP is imitated")
USER_HEADER = setting("auth.httpHeader")
# proxy-https://127.0.0.1:8081/ -> 127.0.0.1, 8081 (Gerrit's "proxy-" schemes listen on plain HTTP)
LISTEN = urlsplit(setting("httpd.listenUrl").removeprefix("proxy-"))
log_lock = threading.Lock()


class StandInGerrit(BaseHTTPRequestHandler):
    def do_GET(self):
        with log_lock, open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({"method": "GET", "path": self.path,
                                  "headers": [[k, v] for k, v in self.headers.items()]}) + "\n")
        user = self.headers.get(USER_HEADER)
        if self.path == "/config/server/version":
            self.answer(200, XSSI + '"3.10.1"')
        elif self.path == "/accounts/self":
            if user:
                self.answer(200, XSSI + json.dumps({"username": user}))
            else:
                self.answer(401, "Authentication required")
        else:
            self.answer(404, "Not found")

    def answer(self, status, body):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


ThreadingHTTPServer((LISTEN.hostname, LISTEN.port), StandInGerrit).serve_forever()
