"""interviewkit: structured-interview packets from competency content."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("interviewkit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
