"""Buildbot's base web plugin, without the web UI: Debian ships no buildbot-www (its JavaScript is built
with npm and published only to PyPI), and the master refuses to serve its www port without a base plugin.
This one serves a page pointing at the REST API (/api/v2), which works in full."""
from buildbot.www.plugin import Application

ep = Application(__name__, "Buildbot web base (REST API only: the web UI is not packaged in Debian)")
