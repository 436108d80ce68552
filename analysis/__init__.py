"""qantar: checked, traceable figures from scraped Kyrgyz news text.

The pipeline runs one way, one module per stage::

    sources -> clean -> figures / timeline -> tables, checks -> publish, plots -> report

Every public function takes and returns pandas DataFrames; only ``sources``
(reading) and ``publish`` / ``report`` (writing) touch files.
"""

__version__ = "0.1.0"
