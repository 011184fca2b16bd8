"""Gunicorn's access log as one JSON object a line, with the request id the app put on the response."""

import json
import time

from gunicorn.glogging import Logger


class JsonAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        headers = {name.lower(): value for name, value in (resp.headers or [])}
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "request_id": headers.get("x-request-id", "-"),
            "remote": environ.get("REMOTE_ADDR", "-"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING", ""),
            "status": int(str(resp.status).split(None, 1)[0]),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "page_cache": headers.get("x-page-cache", "-"),
            "user_agent": environ.get("HTTP_USER_AGENT", "-"),
        }
        try:
            self.access_log.info(json.dumps(line))
        except Exception:  # noqa: BLE001 - a log line must never fail a request
            self.exception("Could not write the access log line")
