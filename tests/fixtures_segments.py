"""Hand-made segment frames shaped like ``analysis.clean.clean_segments`` output."""

from __future__ import annotations

import pandas as pd


def make_segments(entries: list[tuple[str, list[tuple[str, str]]]]) -> pd.DataFrame:
    """Segments as the cleaner gives them, for entries ``(time, [(kind, text), ...])``.

    Entry 0 is the lead when its time is ``None``. A text ``"=N"`` after a
    headline marks it as an update of segment N.
    """
    rows, pos, sid = [], 0, 0
    for entry_id, (time, segs) in enumerate(entries):
        for kind, text in segs:
            update = pd.NA
            if "=" in text and text.rsplit("=", 1)[1].isdigit():
                text, ref = text.rsplit("=", 1)
                update = int(ref)
            sid += 1
            rows.append(
                {
                    "segment_id": sid,
                    "entry_id": entry_id,
                    "kind": kind,
                    "time": time or "",
                    "lang": "ru" if kind == "tweet" else "ky",
                    "start": pos,
                    "end": pos + len(text),
                    "text": text,
                    "update_of": update,
                }
            )
            pos += len(text) + 1
    frame = pd.DataFrame(rows)
    frame["update_of"] = frame["update_of"].astype("Int64")
    return frame
