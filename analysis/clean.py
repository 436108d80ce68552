"""Turn a scraped live-blog page into ordered, unique, traceable segments.

What scrapers do to a live blog, and what this module undoes:

* nested page blocks saved one inside another, so that each block repeats the
  rest of the page ("suffix" duplicates): every unit seen before is dropped,
  unless it stands alone between new units (a sentence a later entry really
  repeats);
* entries glued together (``...абал14:50Ал ортодо...``): a clock time glued to a
  capital letter, or standing at the start of a line, opens a new entry; a clock
  time inside a sentence (``20:00дөн``, ``19:40та``) does not;
* a headline glued to its first sentence (``...болуп жататЭртең менен...``): a
  lower-case Cyrillic letter directly followed by a capital splits them;
* embedded tweets (``text pic.twitter.com/x— Name (@handle) January 5, 2022``)
  and photo credits become segments of their own kinds;
* an entry re-posted later with a small change is kept once: the later
  headline is recorded with ``update_of`` pointing at the earlier one, and its
  repeated sentences are dropped.

Every segment keeps its character span in the raw text: ``" ".join(raw[start:end].split())``
is the segment's ``text``. Vocabularies (credit patterns, tweet months,
abbreviations, language cues) are data in ``resources/cleaner.yaml``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from analysis.config import read_yaml, resource
from analysis.readable import readable

__all__ = [
    "SEGMENT_COLUMNS",
    "clean_segments",
    "detect_language",
    "segment_columns",
    "segment_frame",
    "segment_languages",
    "segments_to_text",
]

SEGMENT_COLUMNS = [
    "segment_id",
    "entry_id",
    "kind",
    "time",
    "lang",
    "start",
    "end",
    "text",
    "update_of",
    "author",
    "handle",
    "posted",
    "link",
]

_UPPER = "A-ZА-ЯЁӨҮҢӘҒҚҺҰІЇЄЎ"
_LOWER_CYR = "а-яёөүңәғқһұіїєў"
#: Re-posted headlines: at least this many words, compared on this many first letters;
#: headlines this long may differ in one word.
_UPDATE_MIN_TOKENS = 3
_STEM = 3
_UPDATE_LONG_TOKENS = 6
#: A line without final punctuation is a headline when it is at most this many words.
_HEADLINE_MAX_WORDS = 20

# A clock time: not part of a longer number, a date or a ratio.
_CLOCK = r"(?<![\d:])(?<!\d[.,/])(?P<time>(?:[01]?\d|2[0-3]):[0-5]\d)(?![\d:])"
# Glued to the capital that opens the entry's headline: "абал14:50Ал".
_STAMP_GLUED = re.compile(_CLOCK + rf"(?=[«\"“]?[{_UPPER}])")
# At the start of a line, or after a sentence's end, followed by a separator: "14:30 — Учурда".
# Possessive white space (``\s*+``, ``\s++``): two greedy runs of it side by side would try
# every split of a long run of spaces (quadratic); the matches are the same.
_STAMP_SPACED = re.compile(
    r"(?:(?<=^)|(?<=[.!?…»\"”]\s)|(?<=^\ufeff))\s*+"
    + _CLOCK
    + rf"(?:\s*+[-–—:.]\s++|\s++)(?=[«\"“]?[{_UPPER}])"
)
_LONE_STAMP = re.compile(r"^[\s\ufeff]*+" + _CLOCK + r"\s*+[-–—:.]?\s*$")
_UPPER_CYR = "А-ЯЁӨҮҢӘҒҚҺҰІЇЄЎ"
_GLUED_HEADLINE = re.compile(rf"(?<=[{_LOWER_CYR}])(?=[{_UPPER_CYR}])")
_TERMINAL = ".!?…"
# Unicode line and paragraph separators (a scraped <br>) end a unit without ending the line.
_HARD_BREAK = re.compile("[\u2028\u2029]+")
_WORD = re.compile(r"\w+", re.UNICODE)
_DASHES = {"–": "-", "—": "-", "‒": "-", "―": "-", "«": '"', "»": '"', "“": '"'}


@dataclass(frozen=True)
class _Vocab:
    credit: re.Pattern
    tweet_sig: re.Pattern
    links: re.Pattern
    abbreviations: frozenset[str]
    languages: dict
    own_letters: re.Pattern  # any language's own letters


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Load ``resources/cleaner.yaml`` once."""
    data = read_yaml(resource("cleaner.yaml"))
    months = "|".join(
        sorted({m for group in data["tweet_months"] for m in group}, key=len, reverse=True)
    )
    links = "|".join(data["tweet_links"])
    date = (
        rf"(?:(?:{months})\.?\s+\d{{1,2}},?\s+\d{{4}}"  # January 5, 2022
        rf"|\d{{1,2}}\s+(?:{months})\.?,?\s+\d{{4}}(?:\s*(?:г\.|года|-ж\.?))?)"  # 5 января 2022 г.
    )
    # A match starts at the link or the dash, never in white space: a pattern that may start
    # with white space is tried from every space of a long run (cubic with the nested runs).
    # _split_chunk takes the white space before the match into the signature.
    sig = re.compile(
        rf"(?:(?P<link>{links})\s*+)?[—–-]{{1,2}}\s*(?P<author>[^\n()—–]{{1,80}}?)\s*"
        rf"\(@(?P<handle>\w{{1,30}})\)\s*(?P<posted>{date})",
        re.IGNORECASE,
    )
    langs = {
        code: {
            "letters": set(spec.get("letters") or ""),
            "words": frozenset(spec.get("words") or []),
        }
        for code, spec in data["languages"].items()
    }
    return _Vocab(
        # One pattern for all: one search per unit instead of one per pattern.
        credit=re.compile("|".join(f"(?:{p})" for p in data["credit_patterns"]), re.IGNORECASE),
        tweet_sig=sig,
        links=re.compile(links, re.IGNORECASE),
        abbreviations=frozenset(a.casefold() for a in data["abbreviations"]),
        languages=langs,
        own_letters=re.compile(
            "["
            + re.escape("".join(sorted(set().union(*(x["letters"] for x in langs.values())))))
            + "]"
        ),
    )


_CYRILLIC_RUN = re.compile("[\u0400-\u04ff]+")
_LATIN_RUN = re.compile("[A-Za-z]+")


def _evidence(text: str) -> str | None:
    """Language by letters and function words; None when Kyrgyz and Russian tie."""
    vocabulary = _vocab()
    vocab = vocabulary.languages
    folded = text.casefold()
    # Words of the folded text when folding kept every letter in its place (it almost always
    # does: "ß" -> "ss" does not), else each word folded.
    if len(folded) == len(text):
        words = _WORD.findall(folded)
    else:
        words = [w.casefold() for w in _WORD.findall(text)]
    if not words:
        return "und"
    # Letters counted by runs (a regex walks the text at C speed; a loop per letter did not).
    # Without Latin letters only whether there is Cyrillic at all matters.
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    if latin:
        cyrillic = sum(map(len, _CYRILLIC_RUN.findall(text)))
    else:
        cyrillic = 1 if _CYRILLIC_RUN.search(text) else 0
    # A language's own letters, found by one pattern of all of them (most texts have none).
    # They count in common words only: a Kyrgyz place or person name (`с.Таш-Дөбө`,
    # `Сүйүнбаев`) in a Russian sentence is no evidence of Kyrgyz (:func:`_common_words`).
    seen: set[str] = set()
    if vocabulary.own_letters.search(folded):
        seen = set(vocabulary.own_letters.findall(_common_text(text)))
    scores = {}
    for code, spec in vocab.items():
        known = spec["words"].__contains__
        scores[code] = 3 * len(spec["letters"] & seen) + sum(map(known, words))
    if latin > cyrillic:
        return "en" if scores.get("en", 0) > 0 else "und"
    if cyrillic == 0:
        return "und"
    ky, ru = scores.get("ky", 0), scores.get("ru", 0)
    return None if ky == ru else ("ru" if ru > ky else "ky")


_CYR_LETTERS = "а-яёөүңәғқһұіА-ЯЁӨҮҢӘҒҚҺҰІ"
_CYR_WORD = re.compile(rf"[{_CYR_LETTERS}]+")
# Left out of the common words: a capitalised word (a name, an acronym) and the letters glued
# to digits (``20дан``: a number's suffix, not a word).
_CAPITALISED = re.compile(rf"[{_UPPER_CYR}][\w-]*")
_NUMBER_SUFFIX = re.compile(rf"(?<=\d)[{_CYR_LETTERS}]+")
_LOWER_CYR_LETTER = re.compile(rf"[{_LOWER_CYR}]")


def _common_text(text: str) -> str:
    """``text`` lower-cased without what is no evidence of the language it is written in:
    names and acronyms (``ДЧС``; capitalised words after the first: ``Ержан Тулегенов``) and
    numbers' suffixes (``20дан``). A text in capitals (a headline) keeps every word."""
    text = _NUMBER_SUFFIX.sub(" ", text)
    if not _LOWER_CYR_LETTER.search(text):
        return text.casefold()
    first = _CYR_WORD.search(text)
    if first is None:
        return ""
    head = first.group()
    head = "" if len(head) > 1 and head.isupper() else head
    return (head + " " + _CAPITALISED.sub(" ", text[first.end() :])).casefold()


def _common_words(text: str) -> list[str]:
    """The Cyrillic words of :func:`_common_text`."""
    return _CYR_WORD.findall(_common_text(text))


def _by_morphology(text: str) -> str | None:
    """``ru`` when Russian morphology knows (nearly) every word, ``ky`` when it knows at
    most half of them, None for no word or in between; acronyms and names do not count
    (:func:`_common_words`). A single word decides only when Russian knows it as a verb or
    participle, long enough to tell (``Погибли 5.``, ``Задержаны 14.``, ``Пострадавших
    12.``: the short lines of news channels); a lone name (``Алматы.``) decides nothing."""
    from analysis.morph_ru import is_russian, pos

    words = _common_words(text)
    if len(words) == 1:
        word = words[0]
        if (
            len(word) >= _ONE_WORD_MIN
            and is_russian(word)
            and pos(word) in _PREDICATE_POS
            and not _kyrgyz_verb(word)
        ):
            return "ru"
        return None
    if not words:
        return None

    known = sum(is_russian(w) and not _kyrgyz_verb(w) for w in words) / len(words)
    return "ru" if known >= 0.8 else "ky" if known <= 0.5 else None


_KY_VERB_FORMS = ("PAST", "PRES", "CONV", "PTCP")
#: Letters a lone word needs for the Russian dictionary to decide a segment's language, and
#: what it must be: a verb or a participle.
_ONE_WORD_MIN = 5
_PREDICATE_POS = frozenset({"VERB", "PRTS", "PRTF"})  # "Погибли 5.", "Пострадавших 12."


@lru_cache(maxsize=1 << 14)
def _kyrgyz_verb(word: str) -> bool:
    """``болду``, ``олду`` (өлдү), ``ашат``, ``кармалып``: a past, present, converb or
    participle of a Kyrgyz
    verb root the word analysis lists (web spellings restored) is no Russian word, even
    when Russian morphology guesses one for it."""
    from analysis.morph import analyse, is_verb_root
    from analysis.spelling import restore_word

    return any(
        a.tags and a.tags[-1] in _KY_VERB_FORMS and is_verb_root(a.stem)
        for a in analyse(restore_word(word))
    )


def detect_language(text: str) -> str:
    """Language code of a short text: ``ky``, ``ru``, ``en`` or ``und``.

    Letters only one language uses weigh three times a function word; Latin
    script with English function words is ``en``. When Kyrgyz and Russian tie
    (a short sentence without function words: "Десятки ранены."), Russian
    morphology decides: ``ru`` when pymorphy3's dictionary knows nearly every
    word; else Kyrgyz, the language these pages are written in.
    """
    text = readable(text)[0]  # "ка\u00adза": a soft hyphen splits no word
    lang = _evidence(text)
    return lang if lang is not None else (_by_morphology(text) or "ky")


def segment_languages(texts: list[str]) -> list[str]:
    """Languages of consecutive segments: :func:`detect_language`, except that a segment
    neither the letters, the function words nor the morphology decide takes the language
    of its decided neighbours when they agree (or the one it has), else the document's
    majority (ties: Kyrgyz)."""
    texts = [readable(t)[0] for t in texts]
    langs = [_evidence(t) for t in texts]
    langs = [x if x is not None else _by_morphology(t) for x, t in zip(langs, texts, strict=True)]
    decided = [x for x in langs if x in ("ky", "ru")]
    majority = "ru" if decided.count("ru") > decided.count("ky") else "ky"
    out = []
    for k, lang in enumerate(langs):
        if lang is None:
            before = next((x for x in reversed(langs[:k]) if x in ("ky", "ru")), None)
            after = next((x for x in langs[k + 1 :] if x in ("ky", "ru")), None)
            near = {x for x in (before, after) if x}
            lang = near.pop() if len(near) == 1 else majority
        out.append(lang)
    return out


def _normalize(text: str) -> str:
    """Comparison key: case, dashes, quotes and spacing do not matter."""
    # str.replace per mark: str.translate with a table looks every letter up in a dict.
    for mark, plain in _DASHES.items():
        if mark in text:
            text = text.replace(mark, plain)
    return " ".join(text.casefold().split())


@dataclass(slots=True)
class _Unit:
    kind: str  # headline | sentence | tweet | credit
    start: int
    end: int
    text: str
    line: int
    stamp: str = ""  # the time stamp that directly precedes this unit, if any
    tweet: dict = field(default_factory=dict)
    key: str = ""
    dup: bool = False
    update_of: int | None = None  # index into the kept units


def _trim(raw: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span to exclude surrounding white space and byte-order marks."""
    while start < end and (raw[start].isspace() or raw[start] == "\ufeff"):
        start += 1
    while end > start and (raw[end - 1].isspace() or raw[end - 1] == "\ufeff"):
        end -= 1
    return start, end


# Starts only at the first mark of a run ("....."): a match from inside the run would end where
# the one from its start does, and trying each would make a run of n stops cost n². The first
# mark is matched before the look-behind that checks the character before it, so that the
# pattern starts with a character class (searched for at C speed).
_SENTENCE_END = re.compile(
    rf"[{_TERMINAL}](?<![{_TERMINAL}].)[{_TERMINAL}]*+[\"»”')]*(?=(\s*+)([«\"“(]?[{_UPPER}0-9]))"
)
_ONE_CAPITAL = re.compile(rf"[{_UPPER}]")
_LINKISH = re.compile(r"(?:https?://|www\.|\.com|\.kz|\.kg|\.ru)\S*$")
_LOOKBACK = 80  # characters: enough for the last token or two words, keeps splitting linear


def _last_token(piece: str, pos: int) -> str:
    """The last white-space-delimited token of ``piece[:pos]`` (within the look-back)."""
    words = piece[max(0, pos - _LOOKBACK) : pos].rsplit(None, 1)
    return words[-1] if words else ""


def _sentence_cuts(raw: str, start: int, end: int) -> list[int]:
    """Offsets in ``raw[start:end]`` where a new sentence or glued headline begins."""
    abbreviations = _vocab().abbreviations
    cuts: list[int] = []
    piece = raw[start:end]
    for m in _SENTENCE_END.finditer(piece):
        gap, nxt = m.group(1), m.group(2)
        if not gap and not nxt[0].isalpha() and nxt[0] not in '«"“(':
            continue  # "1.5", "v2.0": a full stop glued to a digit is not a sentence end
        last = _last_token(piece, m.start())
        if last.casefold().rstrip(".") in abbreviations or _ONE_CAPITAL.fullmatch(last):
            continue  # "т.б.", "А. Мамин"
        if not gap and _LINKISH.search(last):
            continue  # a domain or link, not a sentence end
        cuts.append(m.end() + len(gap))
    cuts.extend(m.end() for m in _HARD_BREAK.finditer(piece))
    cuts.sort()
    glued = []
    for m in _GLUED_HEADLINE.finditer(piece):
        token = _last_token(piece, m.start())
        i = bisect.bisect_right(cuts, m.start())
        sentence_start = max(cuts[i - 1] if i else 0, m.start() - _LOOKBACK)
        words_before = len(piece[sentence_start : m.start()].split())
        if words_before < 2 or re.search(r"[@/#]|\.\w", token):
            continue  # "ОшМУ", "@handleName", a link: one glued word is not a headline
        glued.append(m.start())
    return sorted({start + c for c in (*cuts, *glued)})


def _split_text(raw: str, start: int, end: int, line: int) -> list[_Unit]:
    """Split plain text (no stamps, no tweets) into headline and sentence units."""
    bounds = [start, *_sentence_cuts(raw, start, end), end]
    units = []
    for a, b in itertools.pairwise(bounds):
        a, b = _trim(raw, a, b)
        if a >= b:
            continue
        units.append(_Unit("sentence", a, b, " ".join(raw[a:b].split()), line))
    return units


def _split_chunk(raw: str, start: int, end: int, line: int, stamp: str) -> list[_Unit]:
    """Split one stamp-delimited chunk, separating tweet embeds from the text around them."""
    vocab = _vocab()
    units: list[_Unit] = []
    pos = start
    # Every signature has "(@": without one the chunk is plain text (and the search is skipped).
    signatures = (
        vocab.tweet_sig.finditer(raw, start, end) if raw.find("(@", start, end) >= 0 else ()
    )
    for m in signatures:
        sig_start = m.start()
        while sig_start > pos and raw[sig_start - 1].isspace():
            sig_start -= 1
        before = _split_text(raw, pos, sig_start, line)
        if not before:
            pos = m.end()
            continue
        # The tweet's body: the last unit before the signature, and the units before it in
        # the same (other) language.
        body = [before.pop()]
        lang = detect_language(body[0].text)
        while before and lang != "ky" and detect_language(before[-1].text) == lang:
            body.insert(0, before.pop())
        units.extend(before)
        b_start, b_end = body[0].start, body[-1].end
        link = m.group("link") or ""
        b_start, b_end = _trim(raw, b_start, sig_start if not link else m.start("link"))
        tweet = {
            "author": " ".join(m.group("author").split()),
            "handle": m.group("handle"),
            "posted": " ".join(m.group("posted").split()),
            "link": link,
        }
        text = " ".join(raw[b_start:b_end].split())
        units.append(_Unit("tweet", b_start, b_end, text, line, tweet=tweet))
        pos = m.end()
    units.extend(_split_text(raw, pos, end, line))
    if units and stamp:
        units[0].stamp = stamp
    return units


def _stamps(raw: str, start: int, end: int) -> list[re.Match]:
    """Entry time stamps in one line, in order."""
    if raw.find(":", start, end) < 0:
        return []  # every stamp is a clock time: no colon, no stamp
    found = {
        m.start("time"): (m.end(), m.group("time")) for m in _STAMP_GLUED.finditer(raw, start, end)
    }
    # The spaced form is matched on the line alone so that "^" means the line's start.
    for m in _STAMP_SPACED.finditer(raw[start:end]):
        found.setdefault(start + m.start("time"), (start + m.end(), m.group("time")))
    return [(pos, *found[pos]) for pos in sorted(found)]


def _wraps(line: str, following: str) -> bool:
    """A line broken inside a sentence: it ends in a letter or a digit (no mark ends it) and
    the next line goes on in lower case, ``Кырсыктан 12`` + ``адам жаракат алды.``, a
    scraped page's hard wrap. A time stamp alone on its line wraps nothing."""
    last = line.rstrip()
    nxt = following.lstrip()
    return bool(
        last and nxt and last[-1].isalnum() and nxt[0].islower() and not _LONE_STAMP.match(line)
    )


def _lines(raw: str) -> list[tuple[int, int, int]]:
    """``(line number, start, end)`` of each line of ``raw``, a line wrapped inside a
    sentence (:func:`_wraps`) joined with the lines that go on from it (numbered as its
    first)."""
    out: list[tuple[int, int, int]] = []
    pos = 0
    previous = ""
    for line_no, line in enumerate(raw.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        if out and _wraps(previous, line):
            out[-1] = (out[-1][0], out[-1][1], end)
        else:
            out.append((line_no, start, end))
        previous = line
    return out


def _units(raw: str) -> list[_Unit]:
    """Every unit of every line, in reading order, before de-duplication."""
    units: list[_Unit] = []
    pending = ""  # a time stamp alone on its line stamps the next line
    for line_no, start, end in _lines(raw):
        line = raw[start:end]
        lone = _LONE_STAMP.match(line)
        if lone:
            pending = lone.group("time")
            continue
        chunks = []
        cursor, stamp = start, pending
        for t_start, body_start, time in _stamps(raw, start, end):
            chunks.append((cursor, t_start, stamp))
            cursor, stamp = body_start, time
        chunks.append((cursor, end, stamp))
        line_units: list[_Unit] = []
        for c_start, c_end, c_stamp in chunks:
            got = _split_chunk(raw, c_start, c_end, line_no, c_stamp)
            if not got and c_stamp:
                continue  # a bare time stamp with nothing after it
            line_units.extend(got)
        _mark_headlines(line_units)
        units.extend(line_units)
        if line_units:
            pending = ""
    return units


def _mark_headlines(units: list[_Unit]) -> None:
    """A unit without final punctuation that opens an entry or fills its line is a headline."""
    vocab = _vocab()
    lone = len(units) == 1
    for i, u in enumerate(units):
        if u.kind != "tweet" and vocab.credit.search(u.text):
            u.kind = "credit"
            continue
        if u.kind != "sentence" or u.text[-1] in _TERMINAL + '"»”)':
            continue
        if u.text[-1] in ":;," and not u.stamp:
            continue  # a list's lead-in ("Анын ичинде:") or item ("Бишкекте – 3;")
        first = next((c for c in u.text if c.isalnum()), "")
        if len(u.text.split()) > _HEADLINE_MAX_WORDS or not (first.isupper() or first.isdigit()):
            continue
        glued_next = i + 1 < len(units) and units[i + 1].start == u.end
        last_in_chunk = i + 1 == len(units) or bool(units[i + 1].stamp)
        if u.stamp or glued_next or lone or last_in_chunk:
            u.kind = "headline"


def _key(u: _Unit) -> str:
    """What makes two units copies of each other: their words, without media links."""
    return _normalize(_vocab().links.sub(" ", u.text))


def _drop_duplicates(units: list[_Unit]) -> list[_Unit]:
    """Drop units seen before, keeping a repeat that stands alone between new units."""
    seen: set[str] = set()
    seen_stamped: set[tuple[str, str]] = set()
    for u in units:
        u.key = _key(u)
        if u.stamp:
            # A re-posted entry under a new time is not a scraper's copy: it is kept and
            # later recorded as an update. A copy without its stamp is a copy.
            u.dup = (u.stamp, u.key) in seen_stamped
            seen_stamped.add((u.stamp, u.key))
        else:
            u.dup = u.key in seen
        seen.add(u.key)
    new_lines = {u.line for u in units if not u.dup}
    kept = []
    for i, u in enumerate(units):
        if u.dup:
            # Copies come in runs or as whole copied lines; a single repeat between two
            # new units, on a line with new content, is the story repeating itself.
            prev = units[i - 1] if i > 0 else None
            nxt = units[i + 1] if i + 1 < len(units) else None
            isolated = prev is not None and nxt is not None and not prev.dup and not nxt.dup
            if not isolated or u.stamp or u.line not in new_lines:
                continue
        kept.append(u)
    return kept


def _entries(units: list[_Unit]) -> list[list[_Unit]]:
    """Group kept units into entries: the lead, then one per headline or time stamp."""
    entries: list[list[_Unit]] = [[]]
    for u in units:
        if u.stamp or u.kind == "headline":
            entries.append([u])
        else:
            entries[-1].append(u)
    return entries


def _similar(a: str, b: str) -> bool:
    """Whether two headlines are one entry re-posted: same words up to their endings.

    Words are compared by their first letters (Kyrgyz inflects at the end:
    кеткен / кетти); long headlines may differ in one word.
    """
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < _UPDATE_MIN_TOKENS:
        return False
    differ = sum(x[:_STEM] != y[:_STEM] for x, y in zip(ta, tb, strict=True))
    return differ <= (1 if len(ta) >= _UPDATE_LONG_TOKENS else 0)


def _similarity_keys(key: str) -> list[tuple]:
    """Index keys of a headline: two headlines are :func:`_similar` iff they share one.

    The key is the words' first letters; a long headline also gets one key per word
    left out, so that two long headlines that differ in one word share a key.
    """
    stems = tuple(w[:_STEM] for w in key.split())
    if len(stems) < _UPDATE_MIN_TOKENS:
        return []
    if len(stems) < _UPDATE_LONG_TOKENS:
        return [stems]
    return [(i, stems[:i] + stems[i + 1 :]) for i in range(len(stems))]


def _merge_updates(entries: list[list[_Unit]]) -> list[list[_Unit]]:
    """Record an entry that re-posts an earlier one as its update and drop what it repeats.

    Earlier headlines are indexed by :func:`_similarity_keys`, so each entry costs one
    look-up per word instead of a comparison with every earlier entry.
    """
    out: list[list[_Unit]] = [entries[0]]
    index: dict[tuple, int] = {}  # similarity key -> position in ``out`` of the first entry
    known: dict[int, set[str]] = {}  # position in ``out`` -> keys of its units
    for entry in entries[1:]:
        head = entry[0]
        keys = _similarity_keys(head.key) if head.kind == "headline" else []
        found = [index[k] for k in keys if k in index]
        if found:
            first = min(found)  # the earliest similar entry, as a scan from the top finds
            original = out[first]
            head.update_of = id(original[0])
            if first not in known:
                known[first] = {u.key for u in original}
            entry = [head] + [u for u in entry[1:] if u.key not in known[first]]
        for k in keys:
            index.setdefault(k, len(out))
        out.append(entry)
    return out


def clean_segments(text: str) -> pd.DataFrame:
    """Clean a scraped live-blog page into ordered, unique segments.

    Parameters
    ----------
    text : str
        The raw page as decoded from its file (see :func:`analysis.sources.load_raw`).

    Returns
    -------
    DataFrame
        One row per segment in reading order, with columns :data:`SEGMENT_COLUMNS`:
        ``segment_id`` (1, 2, ...), ``entry_id`` (0 for the lead before the first
        headline, then one per live-blog entry), ``kind`` (headline, sentence,
        tweet, credit), ``time`` (the entry's stamp as written, or ""), ``lang``,
        ``start``/``end`` (character span in ``text``), ``text`` (white space
        collapsed), ``update_of`` (the segment an updated entry's headline
        re-posts) and the tweet fields ``author``, ``handle``, ``posted``, ``link``.

    Examples
    --------
    >>> seg = clean_segments("Абал оор.\\n14:30Шаарда митинг башталдыЭл көп.")
    >>> seg[["entry_id", "kind", "time", "text"]].values.tolist()
    [[0, 'sentence', '', 'Абал оор.'], [1, 'headline', '14:30', 'Шаарда митинг башталды'], \
[1, 'sentence', '14:30', 'Эл көп.']]
    """
    return segment_frame(segment_columns(text))


def segment_frame(cols: dict[str, list]) -> pd.DataFrame:
    """:func:`segment_columns` as the frame :func:`clean_segments` returns (ids and spans
    int64, ``update_of`` Int64, text as given)."""
    from analysis.schemas import frame_from_lists

    return frame_from_lists(
        cols,
        SEGMENT_COLUMNS,
        integers=("segment_id", "entry_id", "start", "end"),
        nullable=("update_of",),
    )


def segment_columns(text: str) -> dict[str, list]:
    """:func:`clean_segments` as plain lists, one per column of :data:`SEGMENT_COLUMNS`
    (``update_of`` None where the frame has <NA>).

    What reading one short article after another needs: building a DataFrame costs more
    than cleaning a short article, so the tracker reads articles from these lists and the
    frame is built only for those who ask for it.

    Examples
    --------
    >>> segment_columns("Абал оор. Эл көп.")["text"]
    ['Абал оор.', 'Эл көп.']
    """
    units = _drop_duplicates(_units(text))
    entries = _merge_updates(_entries(units))
    cols: dict[str, list] = {c: [] for c in SEGMENT_COLUMNS}
    ids: dict[int, int] = {}
    units = [u for entry in entries for u in entry]
    lang_of = dict(zip(map(id, units), segment_languages([u.text for u in units]), strict=True))
    # Entry ids count only entries that kept a segment (0 is the lead, when there is one).
    entry_ids: dict[int, int] = {}
    first = 0 if _has_lead(entries) else 1
    for entry_id, entry in enumerate(entries):
        time = entry[0].stamp if entry else ""
        for u in entry:
            seg_id = len(cols["segment_id"]) + 1
            ids[id(u)] = seg_id
            tweet = u.tweet
            cols["segment_id"].append(seg_id)
            cols["entry_id"].append(entry_ids.setdefault(entry_id, len(entry_ids) + first))
            cols["kind"].append(u.kind)
            cols["time"].append(time)
            cols["lang"].append(lang_of[id(u)])
            cols["start"].append(u.start)
            cols["end"].append(u.end)
            cols["text"].append(u.text)
            cols["update_of"].append(ids.get(u.update_of) if u.update_of is not None else None)
            cols["author"].append(tweet.get("author", ""))
            cols["handle"].append(tweet.get("handle", ""))
            cols["posted"].append(tweet.get("posted", ""))
            cols["link"].append(tweet.get("link", ""))
    return cols


def _has_lead(entries: list[list[_Unit]]) -> bool:
    return bool(entries and entries[0])


def segments_to_text(segments: pd.DataFrame) -> str:
    """Render segments back to a plain live-blog page, one line per entry.

    Each entry is written as ``HH:MM Headline`` and, after a Unicode line
    separator (U+2028), its other segments; tweets as embeds. Cleaning the
    result gives the same segments again (spans aside).
    """
    lines: list[str] = []
    for _, entry in segments.groupby("entry_id", sort=True):
        head = ""
        parts: list[str] = []
        for row in entry.itertuples(index=False):
            if row.kind == "headline" and not head and not parts:
                head = f"{row.time} {row.text}" if row.time else row.text
            elif row.kind == "tweet":
                link = f" {row.link}" if row.link else " "
                parts.append(f"{row.text}{link}— {row.author} (@{row.handle}) {row.posted}")
            else:
                parts.append(row.text)
        if not head and parts and entry["time"].iloc[0]:
            parts[0] = f"{entry['time'].iloc[0]} {parts[0]}"
        body = " ".join(parts)
        lines.append(f"{head}\u2028{body}" if head and body else head or body)
    return "\n".join(lines) + "\n"
