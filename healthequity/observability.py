"""Request ids and JSON log lines: what lets one request be followed through every server's logs."""

import contextvars
import logging

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

__all__ = ["JsonFormatter", "RequestIdFilter", "current_request_id", "request_id_var"]

# Set by healthequity.middleware.RequestIdMiddleware for the length of one request.
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdFilter(logging.Filter):
    """Give every log record the id of the request being handled ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object a line: time, level, logger, message, request id, and any `extra` fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["asctime", "levelname", "name", "message", "request_id"])
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        # A request passed as `extra` (Django does) is not JSON; keep just what identifies it.
        request = log_data.pop("request", None)
        if request is not None and hasattr(request, "path"):
            log_data["method"] = request.method
            log_data["path"] = request.path
