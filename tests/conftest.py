"""Test settings shared by every module."""

from hypothesis import settings

# Speed is measured by `make bench`, never by tests: no per-example deadline (a busy CI
# machine must not turn a slow example into a failure).
settings.register_profile("qantar", deadline=None)
settings.load_profile("qantar")
