"""facts_links: the clean stage's links as facts, with normalized URLs and stable ids."""

from __future__ import annotations

from pipeline.clean.document import CleanDoc, CleanLink
from pipeline.extract._lazy import lazy_names
from pipeline.extract.ids import content_id, disambiguate
from pipeline.extract.urls import domain_of, normalize_url
from pipeline.validate.models import Link


def extract_links(text: str, clean: CleanDoc) -> list[Link]:
    """The clean stage's links in text order; one whose address cannot be normalized is
    dropped."""
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


# The component moved to pipeline.extract.components; an install whose entry points still name
# this module (until `pip install -e .` again) finds it here.
__getattr__ = lazy_names(
    __name__,
    {
        "LinkExtractor": "pipeline.extract.components",
        "make_link_extractor": "pipeline.extract.components",
    },
)
