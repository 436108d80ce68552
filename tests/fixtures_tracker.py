"""Small corpora written by the tests: raw articles with .meta.json sidecars (sha256 included)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

#: Invented Kyrgyz articles (id, published, body): the emergency ministry and the health
#: ministry disagree on 5 March, and the emergency ministry revises its toll down on 6 March.
ARTICLES = [
    (
        "a1",
        "2030-03-04T09:00+06:00",
        "ӨКМдин маалыматы боюнча, 4-мартка карата 6 адам каза болду. "
        "Саламаттык сактоо министрлигинин маалыматына караганда, 40 адам жаракат алды.",
    ),
    (
        "a2",
        "2030-03-05T10:00+06:00",
        "Саламаттык сактоо министрлигинин маалыматы боюнча, 5-мартка карата 14 адам каза болду. "
        "ӨКМдин маалыматы боюнча, 5-мартка карата 11 адам каза болду.",
    ),
    (
        "a3",
        "2030-03-06T10:00+06:00",
        "6-мартка карата 10 адам каза болду. Бул тууралуу Өзгөчө кырдаалдар министрлиги билдирди. "
        "Дээрлик 100 адам жаракат алды.",
    ),
]
#: An article added later (incremental runs).
LATE = (
    "a4",
    "2030-03-07T09:00+06:00",
    "Саламаттык сактоо министрлиги 7-мартка карата 15 адам каза болгонун билдирди.",
)


def write_article(
    folder: Path,
    article_id: str,
    published: str,
    body: str,
    *,
    publisher: str = "Test Kabar",
    lang: str = "ky",
    url: str | None = None,
    subdir: str = "",
) -> Path:
    """Write ``<article_id>.txt`` and its sidecar; returns the raw file's path."""
    where = folder / subdir if subdir else folder
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"{article_id}.txt"
    data = body.encode("utf-8")
    path.write_bytes(data)
    meta = {
        "id": article_id,
        "publisher": publisher,
        "published": published,
        "language": lang,
        "title": f"Title of {article_id}",
        "url": url if url is not None else f"https://example.org/{article_id}",
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    (where / f"{article_id}.meta.json").write_text(
        json.dumps(meta, ensure_ascii=False), encoding="utf-8"
    )
    return path


def write_corpus(folder: Path, articles=ARTICLES) -> Path:
    """A corpus folder holding ``articles`` (id, published, body)."""
    for aid, published, body in articles:
        write_article(folder, aid, published, body)
    return folder
