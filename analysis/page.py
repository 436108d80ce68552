"""Saved web pages as input: the article's text and what the page states about it.

A reporter rarely has clean text; they have the page their browser saved. :func:`read_page`
hands the HTML to trafilatura (the field's standard article extractor, built on lxml):
scripts, styles, navigation, comments and boilerplate are dropped, paragraphs become lines.
The title, date and publisher are kept only where the page states them (meta tags, JSON-LD,
a dated byline); nothing is guessed from the URL or the file's time stamp.

The extracted text is what figures are read from: ``qantar add`` saves it beside the raw
HTML as evidence (``<story>.text.txt``, with its sha256), so every span indexes a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.sources import InputError

__all__ = ["HTML_SUFFIXES", "Page", "extractor_version", "looks_like_html", "read_page"]

#: File name endings read as saved web pages.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Page:
    """An article read from a web page: its text and the metadata the page states."""

    text: str
    title: str = ""
    published: str = ""  # ISO date, only when the page states one
    publisher: str = ""  # the site's name (og:site_name, JSON-LD publisher, ...)
    url: str = ""  # canonical URL when the page names one
    language: str = ""  # <html lang> or content-language, when given

    def metadata(self) -> dict[str, str]:
        """The non-empty metadata fields, named as in a raw file's sidecar."""
        fields = {
            "title": self.title,
            "published": self.published,
            "publisher": self.publisher,
            "url": self.url,
        }
        return {k: v for k, v in fields.items() if v}


def looks_like_html(data: bytes, name: str = "") -> bool:
    """True for a file named ``*.html``/``*.htm`` or whose first bytes are an HTML document."""
    if name.lower().endswith(HTML_SUFFIXES):
        return True
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def extractor_version() -> str:
    """Name and version of the text extractor (recorded in the metadata of added pages)."""
    import trafilatura

    return f"trafilatura {trafilatura.__version__}"


def read_page(data: bytes | str, name: str = "<page>") -> Page:
    """Extract an article's text and stated metadata from a saved HTML page.

    Parameters
    ----------
    data : bytes or str
        The page as saved (any encoding the page declares; trafilatura decodes it).
    name : str
        A name for error messages.

    Returns
    -------
    Page
        ``text`` has one paragraph, heading or list item a line; title, date
        (ISO), publisher and URL are empty unless the page states them.

    Raises
    ------
    InputError
        When the page holds no article text (an empty page, only navigation or scripts).
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=True,
        include_images=False,
        # menus never reach the text, even when the extractor falls back to the whole page
        prune_xpath=["//nav", "//*[@role='navigation']", "//*[@role='menu']"],
        # dates the page states (meta tags, markup), not guesses from URLs or free text
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(f"{name}: no article text found in the HTML page")
    lang = _page_language(data)
    return Page(
        text=text + "\n",
        title=(doc.title or "").strip(),
        published=(doc.date or "").strip(),
        publisher=(doc.sitename or "").strip(),
        url=(doc.url or "").strip(),
        language=lang,
    )


def _page_language(data: bytes | str) -> str:
    """The two-letter code of ``<html lang="...">``, or ''."""
    import re

    head = data[:4096] if isinstance(data, str) else data[:4096].decode("utf-8", "replace")
    m = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", head, re.I)
    return m.group(1).lower() if m else ""
