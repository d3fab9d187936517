"""HTML: the main content of a page, and what its meta tags and byline say.

Menus, share buttons, related-article lists, forms and footers are dropped;
the content root is the legal portals' ``data-vbpl-content-root`` element,
an ``<article>``/``articleBody``, a known content class, or else the block
holding the most paragraph text. The page title and its time, author and site
come from meta tags (Open Graph, ``article:*``, Dublin Core, ``itemprop``)
and, failing that, from the byline. The declared encoding is honoured; lxml
never touches the network nor resolves entities.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import regex

from vanban.errors import CorruptDocument, LimitExceeded
from vanban.limits import DEFAULT_LIMITS, Limits, check_deadline
from vanban.loaders.base import RawDocument
from vanban.loaders.encodings import decode_bytes

__all__ = ["load_bytes"]

_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe",
    "svg", "button", "select", "input", "textarea", "object", "embed", "canvas", "menu",
)  # fmt: skip
_BOILERPLATE = regex.compile(
    r"(?:^|[\s_-])(?:menu|navbar|nav|breadcrumbs?|share|sharing|social|related|relate|tin-?lien-?quan"
    r"|footer|sidebar|banner|advert|ads|adv|comments?|tags?|keywords?|widget|login|search|popup"
    r"|cookie|toolbar|print|rating|most-?read|subscribe|newsletter)(?:$|[\s_-])",
    regex.IGNORECASE,
)
_CONTENT = regex.compile(
    r"(?:^|[\s_-])(?:article-?(?:body|content)|detail-?content|content-?detail|entry-?content"
    r"|post-?content|news-?content|fck_detail|main-?content|noi-?dung|toanvan|body-?content)"
    r"(?:$|[\s_-])",
    regex.IGNORECASE,
)
_BLOCK = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "table", "tr", "td", "th", "blockquote", "pre", "figure", "figcaption", "header",
    "dd", "dt", "dl", "address", "center", "tbody", "thead",
}  # fmt: skip
_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", regex.IGNORECASE)
_XML_ENCODING = regex.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w-]+)""")
_DATE_TIME = regex.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D{1,5}(\d{1,2})[:h](\d{2}))?")
_ENCODING_NAMES = {"utf8": "utf-8", "utf-8": "utf-8", "windows-1258": "windows-1258"}


_NOT_XML_RE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_AUTHOR_MARK = regex.compile(r"\b(?:author|byline)\b")
_DATE_MARK = regex.compile(r"(?:^|[\s_-])(?:date|time|publish)")
_XML_DECL = regex.compile(r"^\s*<\?xml[^>]*>")
_CHECK_EVERY = 4096  # elements between two deadline checks


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "html",
    limits: Limits = DEFAULT_LIMITS,
) -> RawDocument:
    """Load an HTML page: its main text and its metadata.

    Raises:
        CorruptDocument: the bytes cannot be parsed as HTML at all.
        LimitExceeded: elements nested deeper than ``limits.max_html_depth``.
    """
    text, encoding = _decode(data)
    # Characters XML cannot hold make lxml refuse later edits of the tree
    # (found by the fuzzer): drop them before parsing.
    text = _NOT_XML_RE.sub("", text)
    root = _parse(text)
    _check_size(root, limits)
    meta = _metadata(root)
    _remove_all(list(root.iter(*_DROP_TAGS)))
    check_deadline("reading HTML")
    _remove_all([el for el in root.iter() if isinstance(el.tag, str) and _is_boilerplate(el)])
    check_deadline("reading HTML")
    content = _content_root(root)
    lines = _lines(content)
    heading = meta.get("title")
    h1 = root.find(".//h1")
    if h1 is not None and not _inside(h1, content):
        heading = " ".join(h1.text_content().split()) or heading
        byline = _byline_time_text(root, content)
        lines = [heading or "", *([byline] if byline else []), *lines]
    return RawDocument(
        text="\n".join(line for line in lines if line),
        format="html",
        encoding=encoding,
        title=meta.get("title") or heading,
        published_at=meta.get("published_at"),
        author=meta.get("author"),
        site=meta.get("site"),
    )


def _decode(data: bytes) -> tuple[str, str]:
    head = data[:4096]
    declared = _CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        label = declared.group(1).decode("ascii", "replace").lower()
        try:
            text = unicodedata.normalize("NFC", data.decode(label))
            return text, _ENCODING_NAMES.get(label, label)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect instead
    return decode_bytes(data)


def _parse(text: str) -> Any:
    from lxml import etree, html

    parser = html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False, recover=True
    )
    text = _XML_DECL.sub("", text)
    try:
        root = html.document_fromstring(text or "<html></html>", parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise CorruptDocument(f"cannot parse HTML: {exc}") from exc
    return root


def _check_size(root: Any, limits: Limits) -> None:
    """Nesting depth and element count within the limits."""
    limit, count = limits.max_html_depth, 0
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        if depth > limit:
            raise LimitExceeded(f"HTML elements nested deeper than {limit} (max_html_depth)")
        count += 1
        if count > limits.max_html_elements:
            raise LimitExceeded(
                f"the HTML page has more than {limits.max_html_elements:,} elements "
                "(Limits.max_html_elements)"
            )
        if count % _CHECK_EVERY == 0:
            check_deadline("reading HTML")
        stack.extend((child, depth + 1) for child in el)


def _remove_all(doomed: list[Any]) -> None:
    """Remove elements, keeping each one's tail text where it stood.

    A removed element's tail joins the tail of the nearest kept sibling before
    it (or the parent's text). Each parent's children are walked once, so
    200,000 removed siblings cost linear time, not one string copy each.
    """
    if not doomed:
        return
    gone = set(doomed)
    parents: dict[Any, None] = {}
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parents[parent] = None
    for parent in parents:
        holder: Any = None  # None: the parent's own text
        pieces = [parent.text or ""]
        for child in list(parent):
            if child in gone:
                tail = child.tail
                if tail and tail.strip():
                    pieces.append(tail)
                parent.remove(child)
                continue
            _set_text(parent, holder, pieces)
            holder, pieces = child, [child.tail or ""]
        _set_text(parent, holder, pieces)


def _set_text(parent: Any, holder: Any, pieces: list[str]) -> None:
    if len(pieces) == 1:
        return  # nothing was removed after it: leave it untouched
    joined = "".join(pieces) or None
    if holder is None:
        parent.text = joined
    else:
        holder.tail = joined


def _is_boilerplate(el: Any) -> bool:
    if el.get("data-vbpl-content-root") is not None or el.tag in ("html", "body"):
        return False
    marks = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
    if el.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
        return True
    if not marks or _CONTENT.search(marks):
        return False
    return bool(_BOILERPLATE.search(marks))


def _content_root(root: Any) -> Any:
    for path in (
        ".//*[@data-vbpl-content-root]",
        ".//*[@itemprop='articleBody']",
        ".//article",
        ".//main",
    ):
        found = root.find(path) if "@" not in path else next(iter(root.xpath(path)), None)
        if found is not None and found.text_content().strip():
            return found
    for el in root.iter("div", "section", "td"):
        marks = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if marks and _CONTENT.search(marks) and el.text_content().strip():
            return el
    best, best_len = root.find("body"), 0
    for el in root.iter("div", "section", "td"):
        size = sum(len(p.text_content()) for p in el.iterchildren("p"))
        if size > best_len:
            best, best_len = el, size
    return best if best is not None else root


def _inside(el: Any, ancestor: Any) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False


def _lines(root: Any) -> list[str]:
    """Block elements on their own lines; table cells one after the other."""
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _walk(el: Any, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    block = tag in _BLOCK
    if tag == "br" or block:
        parts.append("\n")
    if tag == "img":
        pass
    elif el.text and tag:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _meta(root: Any, *keys: str) -> str | None:
    for key in keys:
        for el in root.iter("meta"):
            if key in (el.get("property"), el.get("name"), el.get("itemprop")):
                value = (el.get("content") or "").strip()
                if value:
                    return value
    return None


def _metadata(root: Any) -> dict[str, str | None]:
    title = _meta(root, "og:title", "twitter:title", "dc.title", "DC.title")
    if not title:
        t = root.find(".//title")
        title = " ".join(t.text_content().split()) if t is not None else None
    published = _meta(
        root,
        "article:published_time",
        "datePublished",
        "pubdate",
        "publishdate",
        "dc.date",
        "DC.date.issued",
        "date",
    )
    if not published:
        time_el = next(iter(root.iter("time")), None)
        if time_el is not None:
            published = time_el.get("datetime") or time_el.text_content()
    if not published:
        published = _byline_time_text(root, None)
    author = _meta(root, "author", "article:author", "dc.creator")
    if not author:
        for el in root.iter():
            marks = (
                " ".join(filter(None, (el.get("class"), el.get("itemprop"))))
                if isinstance(el.tag, str)
                else ""
            )
            if _AUTHOR_MARK.search(marks):
                author = " ".join(el.text_content().split()) or None
                break
    site = _meta(root, "og:site_name", "application-name")
    return {
        "title": title or None,
        "published_at": _iso(published) if published else None,
        "author": author,
        "site": site,
    }


def _byline_time_text(root: Any, content: Any | None) -> str | None:
    """The visible date line of a news page, when it sits outside the content."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        marks = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if not (el.tag == "time" or (marks and _DATE_MARK.search(marks))):
            continue
        if content is None or not _inside(el, content):
            text = " ".join(el.text_content().split())
            if _DATE_TIME.search(text):
                return text
    return None


def _iso(value: str) -> str | None:
    """An ISO 8601 string from a meta value or a Vietnamese byline ("03/12/2023 10:32")."""
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    m = _DATE_TIME.search(value)
    if not m:
        return None
    day, month, year, hour, minute = m.groups()
    try:
        when = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    return when.isoformat() if hour else when.date().isoformat()
