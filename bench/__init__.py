"""Benchmarks (``make bench``): each ``bench/*.py`` module with a ``run()`` is one benchmark."""
