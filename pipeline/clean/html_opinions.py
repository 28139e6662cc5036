"""trafilatura's two opinions on one page, with the work they have in common done once.

Each `bare_extraction` call copies the page, prunes the copy (two XPath sweeps of the whole tree:
template junk, comment sections), cleans and converts a copy of that, and asks readability for
its opinion of the pruned page. With comments off, the balanced and the recall run prune the same
way, mostly clean and convert the same way, and readability reads the same page in both: the
second call rebuilt what the first one already held (about a tenth of the cleaning time). Here
trafilatura's own stages run in its own order, the shared part once: the code follows
`bare_extraction`, `trafilatura_sequence`, `compare_extraction` and `extract_metadata` of the
one version named in `TRAFILATURA_VERSION`, calling its own functions for every stage (the
metadata's categories, tags and license, never read here, are skipped). With another version, with
precision focus or comments on (their pruning differs) or when the first run finds nothing (the
second then needs the metadata), the two public calls run instead: the same outputs, slower.
tests/clean/test_html_opinions.py and `bench/clean_speed.py compare` hold the two paths equal.
"""

from __future__ import annotations

import logging
from copy import copy
from typing import Any, TypeGuard

import trafilatura
from courlan import extract_domain
from htmldate import find_date
from lxml import etree
from lxml.etree import tostring
from trafilatura import core
from trafilatura.baseline import baseline, html2txt
from trafilatura.external import (
    JUSTEXT_OVERRIDE_RATIO,
    SANITIZED_XPATH,
    _prefer_readability,
    justext_rescue,
    sanitize_tree,
    try_readability,
)
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.metadata import (
    META_URL,
    check_authors,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document, Extractor, set_date_params
from trafilatura.utils import trim
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

TRAFILATURA_VERSION = "2.3.1"
_SHAREABLE_FOCUS = frozenset(("balanced", "recall"))
LOGGER = logging.getLogger(__name__)


def opinions(
    tree: etree._Element, first: Extractor, second: Extractor | None
) -> tuple[Document | None, Document | None]:
    """`bare_extraction(tree, options=first)` and, when asked, the same with `second`.

    `first` extracts the metadata; `second` extracts it only when the first finds no text
    (then `second` is run with `with_metadata` set, as a copy).
    """
    if second is not None and _shareable(first, second):
        with_shared = _shared(tree, first, second)
        if with_shared is not None:
            return with_shared
    document = _public(tree, first)
    if second is None:
        return document, None
    second = copy(second)
    second.with_metadata = not has_body(document)
    return document, _public(tree, second)


def has_body(document: Document | None) -> TypeGuard[Document]:
    """trafilatura found main text: a non-empty body."""
    return document is not None and document.body is not None and len(document.body) > 0


def _public(tree: etree._Element, options: Extractor) -> Document | None:
    document = trafilatura.bare_extraction(tree, options=options)
    return document if isinstance(document, Document) else None


def _shareable(first: Extractor, second: Extractor) -> bool:
    return (
        trafilatura.__version__ == TRAFILATURA_VERSION
        and first.focus in _SHAREABLE_FOCUS
        and second.focus in _SHAREABLE_FOCUS
        and not first.comments
        and not second.comments
        and first.with_metadata
        and not second.with_metadata
        and not first.only_with_metadata
        and not first.url_blacklist
        and not first.lang
        and not second.lang
        and not first.dedup
        and not second.dedup
    )


def _shared(
    tree: etree._Element, first: Extractor, second: Extractor
) -> tuple[Document | None, Document | None] | None:
    """Both runs on one pruned copy; None when the first finds nothing (then the public path)."""
    try:
        work = copy(tree)  # bare_extraction's copy: the caller's tree stays as it was
        metadata = _metadata(work, first.url, first.date_params, first.fast, first.author_blacklist)
        # trafilatura_sequence's prefix: the same for both runs with comments off
        is_forum = core._forum_thread_page(work)
        work = prune_unwanted_nodes(work, RAW_TREE_PRUNE_XPATH)
        if not is_forum:
            work = prune_unwanted_nodes(work, REMOVE_COMMENTS_AND_LISTS_XPATH)
        url = first.url or metadata.url
        prepared, spare = _prepare(work, first, url, second, second.url)
        readability = _Readability(work)
        document = _finish(work, first, url, prepared, metadata, readability)
    except (TypeError, ValueError):
        return None
    if not has_body(document):
        return None
    try:
        if spare is None:
            spare = core._prepare_tree(work, second, second.url)
        other = _finish(work, second, second.url, spare, Document(), readability)
    except (TypeError, ValueError):
        other = None
    return document, other


def _metadata(
    tree: etree._Element,
    default_url: str | None,
    date_config: dict[str, Any] | None,
    extensive: bool,
    author_blacklist: set[str] | None,
) -> Document:
    """metadata.extract_metadata (the tree already parsed), but for the categories, the tags and
    the license, which the clean stage never reads: their searches of the whole page were about
    half of the metadata's time. Every other field is found the same way, in the same order."""
    date_config = {**date_config} if date_config else set_date_params(extensive)
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as err:  # as trafilatura: bugs in its JSON-LD reader
        LOGGER.warning("error in JSON metadata extraction: %s", err)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if metadata.author and author_blacklist:
        metadata.author = check_authors(metadata.author, author_blacklist)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if metadata.author and author_blacklist:
        metadata.author = check_authors(metadata.author, author_blacklist)
    if not metadata.url:
        metadata.url = extract_url(tree, default_url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    date_config["url"] = metadata.url
    metadata.date = find_date(tree, **date_config)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        site = metadata.sitename = metadata.sitename.lstrip("@")
        if site and "." not in site and not site[0].isupper():
            metadata.sitename = site.title()
    elif metadata.url:
        found = META_URL.match(metadata.url)
        if found:
            metadata.sitename = found[1]
    metadata.filedate = date_config.get("max_date")
    metadata.clean_and_trim()
    return metadata


Prepared = tuple[etree._Element, etree._Element]  # the converted tree, the cleaned one before


def _prepare(
    work: etree._Element,
    first: Extractor,
    url: str | None,
    second: Extractor,
    second_url: str | None,
) -> tuple[Prepared, Prepared | None]:
    """trafilatura's `_prepare_tree` for the first run, and copies of its trees for the second
    when the second would prepare the same ones (copying costs less than cleaning and converting).

    tree_cleaning treats balanced and recall alike but for one case: when its deletions leave no
    paragraph, recall undoes them. Its deletions never add one, so a paragraph left in the
    balanced result proves the recall run would delete the same. convert_tags reads the address
    and the switches that both runs share.
    """
    cleaned = tree_cleaning(copy(work), first)
    backup = copy(cleaned)
    spare_backup = None
    if (
        first.focus == "balanced"
        and url == second_url
        and cleaned.find(".//p") is not None
        and all(getattr(first, name) == getattr(second, name) for name in _PREPARE_SWITCHES)
    ):
        spare_backup = copy(cleaned)
    cleaned = convert_tags(cleaned, first, url)
    spare = None if spare_backup is None else (copy(cleaned), spare_backup)
    return (cleaned, backup), spare


class _Readability:
    """readability's opinion of the pruned page, computed once for every run that asks.

    trafilatura asks it in each run that is not sure of its own text; the page it reads is the
    same in all of them. Each asker gets its own copy: the chosen opinion is changed in place.
    """

    def __init__(self, work: etree._Element) -> None:
        self.work = work
        self.opinion: tuple[etree._Element, str] | None = None

    def get(self) -> tuple[etree._Element, str]:
        if self.opinion is None:
            body = try_readability(copy(self.work))
            text = trim(tostring(body, method="text", encoding="utf-8").decode("utf-8"))
            self.opinion = body, text
        body, text = self.opinion
        return copy(body), text


def _extract_and_compare(
    cleaned_tree: etree._Element,
    cleaned_tree_backup: etree._Element,
    options: Extractor,
    readability: _Readability,
) -> tuple[etree._Element, str]:
    """core._extract_and_compare, with external.compare_extraction for balanced or recall focus
    (precision prunes readability's input first), the readability opinion shared."""
    body, text = extract_content(cleaned_tree, options)
    if options.fast:
        return body, text
    len_text = len(text)
    if options.focus == "recall" and len_text > options.min_extracted_size * 10:
        return body, text
    algo_body, algo_text = readability.get()
    len_algo = len(algo_text)
    use_readability = _prefer_readability(body, algo_body, algo_text, len_text, len_algo, options)
    if use_readability:
        body, text, len_text = algo_body, algo_text, len_algo
    unclean = bool(body.xpath(SANITIZED_XPATH))
    if unclean or len_text < options.min_extracted_size:
        body2, text2 = justext_rescue(cleaned_tree_backup, options)
        len_text2 = len(text2)
        if unclean:
            accept = len_text <= JUSTEXT_OVERRIDE_RATIO * len_text2 and (
                len_text2 > len_text or not options.images or body.find(".//graphic") is None
            )
        else:
            accept = len_text < len_text2
        if text2 and accept:
            body, text, len_text = body2, text2, len_text2
            use_readability = False
    if use_readability:
        body, text = sanitize_tree(body, options)
    return body, text


# What tree_cleaning and convert_tags read of the options, besides the focus.
_PREPARE_SWITCHES = ("tables", "images", "links", "formatting")


def _finish(
    work: etree._Element,
    options: Extractor,
    url: str | None,
    prepared: Prepared,
    document: Document,
    readability: _Readability,
) -> Document | None:
    """The rest of trafilatura_sequence and bare_extraction for one focus (comments off).

    `work` is read, not changed: every stage that alters a tree takes a copy of it.
    """
    postbody, temp_text = _extract_and_compare(*prepared, options, readability)

    # 3. rescue: baseline on the original tree, accepted only if it adds text
    if len(temp_text) < options.min_extracted_size and options.focus != "precision":
        b_body, b_text, b_len = baseline(work)
        if b_len > len(temp_text):
            postbody, temp_text = b_body, b_text

    # 4. recall escalation of a short balanced extraction covering little of the page
    if (
        options.focus == "balanced"
        and 0 < len(temp_text) < core.ESCALATION_MAX_LENGTH
        and len(temp_text) < core.ESCALATION_PAGE_SHARE * len(html2txt(work))
    ):
        r_options = copy(options)
        r_options.focus = "recall"
        r_text = ""
        try:
            # core._recall_retry, with the page's readability opinion
            r_body, r_text = _extract_and_compare(
                *core._prepare_tree(work, r_options, url), r_options, readability
            )
        except Exception as err:  # as trafilatura: a failed retry is no retry
            LOGGER.warning("recall retry failed: %s %s", err, url)
        j_text = ""
        if not options.fast:
            try:
                j_body, j_text = justext_rescue(copy(work), options)
            except Exception as err:
                LOGGER.warning("justext candidate failed: %s %s", err, url)
        len_text, r_len, j_len = len(temp_text), len(r_text), len(j_text)
        if j_len > r_len and j_len > core.ESCALATION_JUSTEXT_RATIO * len_text:
            postbody, temp_text = j_body, j_text
        elif (
            r_len >= options.min_extracted_size and r_len > core.ESCALATION_ACCEPT_RATIO * len_text
        ):
            postbody, temp_text = r_body, r_text

    # bare_extraction: tree size and text size checks (no comments: their length is 0)
    if options.max_tree_size:
        if len(postbody) > options.max_tree_size:
            etree.strip_tags(postbody, "hi")
        if len(postbody) > options.max_tree_size:
            return None
    if len(temp_text) < options.min_output_size and options.min_output_comm_size > 0:
        return None
    document.raw_text, document.commentsbody = temp_text, etree.Element("body")
    document.body = postbody
    return document


__all__ = ["TRAFILATURA_VERSION", "has_body", "opinions"]
