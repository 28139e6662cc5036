"""facts_links: the clean stage's links as facts, with normalized URLs and stable ids."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.clean.document import CleanDoc, CleanLink
from pipeline.extract import extensions
from pipeline.extract.ids import content_id, disambiguate
from pipeline.extract.urls import domain_of, normalize_url
from pipeline.validate.models import Link


def extract_links(text: str, clean: CleanDoc) -> list[Link]:
    spans: list[CleanLink] = []
    urls: list[str] = []
    domains: list[str | None] = []
    for link in sorted(clean.links, key=lambda link: (link.start, link.end)):
        try:  # the clean stage drops malformed addresses; a link that still fails is dropped
            url = normalize_url(link.raw_url)
            domain = domain_of(url)
        except ValueError:
            continue
        spans.append(link)
        urls.append(url)
        domains.append(domain)
    ids = disambiguate(content_id("l", url) for url in urls)
    return [
        Link(
            id=link_id,
            start=link.start,
            end=link.end,
            text=text[link.start : link.end],
            url=url,
            raw_url=link.raw_url,
            domain=domain,
        )
        for link, url, domain, link_id in zip(spans, urls, domains, ids, strict=True)
    ]


class LinkExtractor:
    def __call__(self, doc: Doc) -> Doc:
        clean: CleanDoc | None = doc._.clean
        doc._.links = extract_links(extensions.text_of(doc), clean) if clean is not None else []
        return doc


@Language.factory("facts_links")
def make_link_extractor(nlp: Language, name: str) -> LinkExtractor:
    return LinkExtractor()
