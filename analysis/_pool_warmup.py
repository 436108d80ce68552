"""Imported once by the local engine's fork server (:mod:`analysis.claims`).

Importing it compiles the lexicon and loads the gazetteer, so every pool worker forked from the
server starts warm instead of paying that start-up (seconds) itself.
"""

from analysis.claims import warm_up

warm_up()
