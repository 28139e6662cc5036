"""Cache keys: what an output depends on, so that a re-run skips exactly the unchanged sources.

An output's key hashes the source bytes' SHA-256 with a `Config`: the stage versions
(pipeline.versions), the settings each stage reads, and the versions of the code and data
it runs (this package, spaCy, the model, trafilatura, ...; read from installed package
metadata, never by importing them) and a digest of the package's own rule code and word lists
(pipeline.codehash), so that a changed rule re-runs without a hand-bumped number. The
components are stored in the manifest, not just the hash, so that `pipeline status` can say
*what* changed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.codehash import code_digest
from pipeline.lexicons import lexicon_digest
from pipeline.versions import SCHEMA_VERSION, STAGE_VERSIONS

# Distributions whose release can change an output for the same input.
TRACKED_DISTRIBUTIONS = {
    "spacy": "spacy",
    "trafilatura": "trafilatura",
    "dateparser": "dateparser",
    "courlan": "courlan",
    "markdown-it-py": "markdown-it-py",
    "charset-normalizer": "charset-normalizer",
    "pyyaml": "PyYAML",
    "warcio": "warcio",
    "py3langid": "py3langid",
}

StageSettings = Mapping[str, Mapping[str, str | None]]


@dataclass(frozen=True)
class Config:
    """Everything an output depends on besides the source bytes."""

    stages: Mapping[str, int]
    settings: StageSettings
    versions: Mapping[str, str]

    def components(self) -> dict[str, Any]:
        return {
            "stages": dict(self.stages),
            "settings": {stage: dict(values) for stage, values in self.settings.items()},
            "versions": dict(self.versions),
        }

    @cached_property
    def id(self) -> str:
        return _digest(self.components())

    @classmethod
    def from_components(cls, data: Mapping[str, Any]) -> Config:
        return cls(
            stages=dict(data.get("stages", {})),
            settings={k: dict(v) for k, v in data.get("settings", {}).items()},
            versions=dict(data.get("versions", {})),
        )


def cache_key(source_sha256: str, config: Config) -> str:
    return _digest({"source": source_sha256, "config": config.id})


def current_config(settings: StageSettings, model: str) -> Config:
    """The Config of a run with these per-stage settings and this spaCy model."""
    return Config(stages=dict(STAGE_VERSIONS), settings=settings, versions=versions(model))


def versions(model: str) -> dict[str, str]:
    found = {name: dist_version(dist) or "absent" for name, dist in TRACKED_DISTRIBUTIONS.items()}
    return {
        "pipeline": __version__,
        "schema": SCHEMA_VERSION,
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        **found,
        "model": model_version(model),
        "lexicons": lexicon_digest()[:16],
        "code": code_digest()[:16],
    }


@cache
def dist_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def model_version(model: str) -> str:
    """The model package's version (en_core_web_sm -> en-core-web-sm); a folder's meta.json.

    Falls back to the name itself when neither is found: then only a change of name counts.
    """
    folder = Path(model)
    if "/" in model or "\\" in model or folder.is_dir():
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            return f"{meta.get('lang', '')}_{meta.get('name', '')}=={meta.get('version', '')}"
        except (OSError, ValueError, AttributeError):
            return model
    for dist in (model, model.replace("_", "-")):
        version = dist_version(dist)
        if version is not None:
            return version
    return model


def differences(old: Config, new: Config) -> tuple[list[str], list[str]]:
    """(changed settings, changed versions) as `name: old -> new` lines."""
    settings: list[str] = []
    for stage in sorted({*old.settings, *new.settings}):
        before, after = old.settings.get(stage, {}), new.settings.get(stage, {})
        for name in sorted({*before, *after}):
            if before.get(name) != after.get(name):
                settings.append(
                    f"{stage}.{name}: {_show(before.get(name))} -> {_show(after.get(name))}"
                )
    changed: list[str] = []
    for stage in sorted({*old.stages, *new.stages}):
        if old.stages.get(stage) != new.stages.get(stage):
            changed.append(
                f"{stage} stage: {_show(old.stages.get(stage))} -> {_show(new.stages.get(stage))}"
            )
    for name in sorted({*old.versions, *new.versions}):
        if old.versions.get(name) != new.versions.get(name):
            changed.append(f"{name}: {_version(old, name)} -> {_version(new, name)}")
    return settings, changed


def _version(config: Config, name: str) -> str:
    """A recorded version as shown: the model's beside its name, as `name version`.

    model_version falls back to the model's name when it finds no version (a model not
    installed): that is shown as `name (no version found)`, never as if it were a version.
    """
    version = config.versions.get(name)
    if name != "model" or version is None:
        return _show(version)
    model = config.settings.get("extract", {}).get("model")
    if not model:
        return version
    return f"{model} (no version found)" if version == model else f"{model} {version}"


def _show(value: object) -> str:
    return "-" if value is None else str(value)


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
