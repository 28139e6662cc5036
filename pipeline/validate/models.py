"""The output contract: one `Document` per source. Downstream tools read this JSON.

A change here changes the public contract: bump SCHEMA_VERSION in pipeline/versions.py (minor for
additive fields, major for breaking ones) and regenerate `schemas/` with `pipeline schema`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model, model_validator

from pipeline import kinds
from pipeline.validate.entity_key import entity_key
from pipeline.validate.timex import TIMEX3_VALUE, Granularity, TimexMod, granularity_of
from pipeline.versions import SCHEMA_VERSION as SCHEMA_VERSION


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Span(_Model):
    start: int = Field(ge=0, description="Code-point offset into `text`, inclusive.")
    end: int = Field(ge=0, description="Code-point offset into `text`, exclusive.")
    text: str = Field(description="Equals document.text[start:end].")

    @model_validator(mode="after")
    def _ordered(self) -> _Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.start}:{self.end} does not fit text {self.text!r}")
        return self


class Source(_Model):
    path: str = Field(description="Path of the source relative to the input root (POSIX).")
    sha256: str = Field(description="SHA-256 of the source bytes.")
    format: Literal["html", "markdown", "text"]


class Metadata(_Model):
    title: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or datetime.")
    url: str | None = None
    site: str | None = None
    dateline: str | None = Field(None, description="Place line that opens the story, e.g. TOKYO.")
    language: str | None = Field(None, description="ISO 639-1 code of the text, e.g. en.")
    authors: list[str] = Field(
        default_factory=list,
        description="People the byline names, without titles, dates, desks or agencies.",
    )


class Removed(_Model):
    text: str
    reason: str = Field(description="Why the block was dropped, e.g. promo, bio, image.")


class Mention(_Span):
    pass


EntityLabel = Literal[
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
]
"""Named things only: dates are in `dates`; numbers, money and quantities are not entities."""

TimexValue = Annotated[str, StringConstraints(pattern=TIMEX3_VALUE)]


class Entity(_Model):
    id: str = Field(description="Stable across runs: from label and normalized name.")
    name: str = Field(description="Canonical (fullest proper) name.")
    label: EntityLabel = Field(description="spaCy label: PERSON, ORG, GPE, ...")
    salience: float = Field(ge=0.0, le=1.0)
    mentions: list[Mention]
    key: str = Field(
        default="",
        description="Join key across documents: coarse type and normalized canonical name "
        "(person:donald-trump, org:bureau-of-prisons, place:new-york); from this document alone.",
    )

    @model_validator(mode="before")
    @classmethod
    def _derive_key(cls, data: Any) -> Any:
        """Always read off name and label, so the three can never disagree."""
        if not isinstance(data, dict):
            return data
        return {**data, "key": entity_key(str(data.get("name", "")), str(data.get("label", "")))}


class DateFact(_Span):
    id: str = Field(description="Stable across runs: from value and text.")
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: TimexValue | None = Field(
        description="TIMEX3 value (2021-09-20, 2021-03, P5Y, ...); null if unknown."
    )
    mod: TimexMod | None = Field(
        None, description="TIMEX3 mod: START, MID, END, APPROX, BEFORE, LESS_THAN, ..."
    )
    granularity: Granularity | None = Field(
        None, description="What the value pins down (day, month, year, ...); null for durations."
    )

    @model_validator(mode="before")
    @classmethod
    def _derive_granularity(cls, data: Any) -> Any:
        """Always read off the value, so the two can never disagree."""
        if not isinstance(data, dict):
            return data
        derived = None if data.get("type") == "DURATION" else granularity_of(data.get("value"))
        return {**data, "granularity": derived}


SpeakerVia = Literal[
    "name",
    "appositive",
    "pronoun",
    "description",
    "title",
    "previous_turn",
    "according_to",
    "byline",
]


class Speaker(_Model):
    name: str = Field(description="Canonical name of the speaker's entity when known.")
    entity_id: str | None = None
    start: int | None = Field(None, description="Mention the attribution was read from.")
    end: int | None = None
    role: str | None = Field(None, description="The speaker's role as the text gives it.")
    via: SpeakerVia | None = Field(
        None,
        description=(
            "How the speaker was found: name (a name is the cue's subject), appositive (a name "
            "in apposition to a description), pronoun (he/she/it resolved, or left as written), "
            "description (a description kept as the speaker: 'a Pentagon spokesman'), title "
            "('the senator' resolved to a named person), previous_turn (a quote going on with "
            "the previous speaker), according_to, byline (I/me: the author)."
        ),
    )
    confidence: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="How likely the speaker is right (0-1), calibrated on PolNeAR dev.",
    )


class Quote(_Span):
    id: str = Field(description="Stable across runs: from the quoted text.")
    kind: Literal["direct", "partial", "indirect"]
    cue: str | None = Field(None, description="The reporting verb or phrase, e.g. said.")
    speaker: Speaker | None = None


class Link(_Span):
    id: str = Field(description="Stable across runs: from the normalized url.")
    url: str = Field(
        description="Normalized: lower-case host, no fragment, no tracking parameters."
    )
    raw_url: str = Field(description="The address as written in the source.")
    domain: str | None


class PipelineInfo(_Model):
    version: str
    model: str
    model_version: str
    settings: dict[str, str | None]


class Document(_Model):
    schema_version: Literal["1.5"] = SCHEMA_VERSION
    id: str = Field(description="Stable id of the source: its relative path without extension.")
    source: Source
    metadata: Metadata
    text: str = Field(description="Clean main text; every offset points into it.")
    removed: list[Removed]
    entities: list[Entity]
    dates: list[DateFact]
    quotes: list[Quote]
    links: list[Link]
    pipeline: PipelineInfo

    @model_validator(mode="after")
    def _offsets_point_into_text(self) -> Document:
        spans: list[_Span] = []
        mentions: list[_Span] = []
        for kind in kinds.FACT_KINDS:
            facts = getattr(self, kind.name, None) or []
            if kind.mentions is None:
                spans += facts
            else:
                mentions += [m for fact in facts for m in getattr(fact, kind.mentions)]
        for span in [*spans, *mentions]:
            if self.text[span.start : span.end] != span.text:
                raise ValueError(
                    f"{type(span).__name__} {span.start}:{span.end} is "
                    f"{self.text[span.start : span.end]!r} in text, not {span.text!r}"
                )
        for quote in self.quotes:
            sp = quote.speaker
            if sp is None or sp.start is None or sp.end is None:
                continue
            if not 0 <= sp.start <= sp.end <= len(self.text):
                raise ValueError(f"speaker span {sp.start}:{sp.end} outside text")
        return self


def document_model() -> type[Document]:
    """`Document`, with a list field for each fact kind of pipeline.kinds it does not declare
    (a kind added by a plugin or a test); the built-in kinds are declared above, for the schema."""
    extra = tuple(kind for kind in kinds.FACT_KINDS if kind.name not in Document.model_fields)
    return _with_kinds(extra) if extra else Document


@lru_cache(maxsize=8)
def _with_kinds(extra: tuple[kinds.FactKind, ...]) -> type[Document]:
    fields: dict[str, Any] = {
        kind.name: (list.__class_getitem__(kinds.resolve(kind.model)), Field(default_factory=list))
        for kind in extra
    }
    model: type[Document] = create_model("Document", __base__=Document, **fields)
    return model
