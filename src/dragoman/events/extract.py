"""Events: who did what to whom, when and where, coded in PLOVER with a CAMEO crosswalk.

Detection comes from the parse and a lexicon (:mod:`dragoman.events.lexicon`): every
clause verb with an entry gives an event — reported actions ("the delegation left the talks",
"Russia bombed …") and verbal acts that are also statements ("France accused the regime of …",
"the US called on Russia to …"; ``statement_id`` links the statement the verb cues). Plain
reporting verbs ("say", "tell") give none: PLOVER has no generic statement type.

The type is decided in :mod:`dragoman.events.typing`: the lexicon's unless the classifier
(:class:`~dragoman.events.types.EventTyper`, trained on PLV) is clearly surer of another
(:data:`~dragoman.events.typing.CUE_BONUS`), then recoded by context. With a typer, verbs outside
the lexicon between two named actors ("Israel shelled Lebanon") are detected here and typed
there too. An event needs a source or target an analyst can code (an actor, a country or a
sector).

Parties (:mod:`~dragoman.events.parties`): compound sources or targets ("Russia, Turkey and
Iran sponsored talks") give one event per actor pair. Date, place and the negated /
hypothetical / historical flags: :mod:`~dragoman.events.context`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dragoman.actors.doc import DocActors
from dragoman.actors.mentions import Gazetteer, load_gazetteer
from dragoman.events.context import (
    Where,
    alleging_verb,
    carrier_of,
    demanded_content,
    event_date,
    event_place,
    is_future,
    is_historical,
    is_hypothetical,
    is_negated,
)
from dragoman.events.dates import parse_published
from dragoman.events.found import Found, refused
from dragoman.events.lexicon import CAMEO_ROOT, EventLexicon, EventVerb, load_event_lexicon
from dragoman.events.nominal import casualty_deed, deed_entry, is_mutual, nominal_found
from dragoman.events.parties import (
    POSSESSIVE_PRONOUNS,
    Party,
    PartyResolver,
    conjuncts,
    object_antecedent,
    participants,
    relative_antecedent,
    speaker_antecedent,
)
from dragoman.events.recode import REFUSED, is_campaign_visit
from dragoman.events.types import EventTyper
from dragoman.events.typing import (final_type, first_types_and_margins, with_margin,
                                    without_purposes)
from dragoman.events.unique import clause_of, unique_events
from dragoman.model import Article, Event, EventMention, Statement, short_hash
from dragoman.statements.cues import Cues
from dragoman.text.doctext import doc_text
from dragoman.text.parse import clipped_sentence, is_complement, object_of, subject_of

MAX_PARTIES = 6
# verbs that say nothing about an act between two parties (copulas, light and mental verbs)
OPEN_STOP = frozenset({
    "be", "have", "do", "become", "seem", "include", "remain", "want", "need", "know", "think",
    "believe", "see", "make", "take", "give", "get", "go", "come", "use", "represent",
    "continue", "begin", "start", "appear", "consider", "expect", "hope", "try", "let", "help",
    "keep", "put", "find", "show", "mean", "face", "hold", "bring", "lead", "look", "feel",
    "understand", "describe", "call", "ask", "tell", "say", "add", "write", "quote", "cite",
    "report", "name", "join", "own", "contain", "involve", "concern", "follow", "mark", "end",
})


@dataclass(frozen=True)
class EventTools:
    """Everything event extraction needs that is made once: lexicon, gazetteer, typer.
    ``open_verbs``: also type verbs outside the lexicon whose source and target are both
    named actors ("Israel shelled Lebanon"), kept when the classifier is sure (needs a typer);
    ``speech``: lemmas of reporting verbs, never open events."""

    lexicon: EventLexicon
    gazetteer: Gazetteer
    typer: EventTyper | None = None
    open_verbs: bool = True
    speech: frozenset = frozenset()


def make_tools(cues: Cues, gazetteer: Gazetteer, typer: EventTyper | None = None,
               classify: bool = True) -> EventTools:
    """The lexicon read once, and the packaged classifier (sparse features) unless ``typer`` is
    given (e.g. ``EventTyper(Embedder())``) or ``classify`` is False (lexicon types only)."""
    if typer is None and classify:
        typer = EventTyper()
    speech = frozenset(lemma for lemma, cue in cues.entries.items() if not cue.plover)
    return EventTools(load_event_lexicon(cues), gazetteer, typer, typer is not None, speech)


def extract_events(doc, article: Article, actors: DocActors, statements: list[Statement],
                   tools: EventTools | Cues) -> list[Event]:
    """Events of one parsed article (``doc`` is the spaCy Doc of exactly ``article.text``), in
    text order. ``statements`` are this article's statements, for linking. Pass ``tools`` made
    once by :func:`make_tools`; a bare cue lexicon works too (tools are then made per call)."""
    return events_with_mentions(doc, article, actors, statements, tools)[0]


def events_with_mentions(doc, article: Article, actors: DocActors, statements: list[Statement],
                         tools: EventTools | Cues) -> tuple[list[Event], list[EventMention]]:
    """:func:`extract_events` and the later mentions of its events (the repeats of an act
    that :func:`~dragoman.events.unique.unique_events` folded into its first report)."""
    if isinstance(tools, Cues):
        tools = make_tools(tools, load_gazetteer())
    resolver = PartyResolver(doc, actors, tools.gazetteer)
    found = [f for f in (detect(token, tools, resolver) for token in doc) if f is not None]
    found = nominal_found(doc, tools, resolver, found)  # noun triggers ("the withdrawal of")
    if not found:
        return [], []
    types, margins = first_types_and_margins(found, tools.typer)
    types = without_purposes(found, types)
    published = parse_published(article.published)
    made = [(item, with_margin(_events(item, kind, article, resolver, published, statements,
                                       tools.gazetteer), margin))
            for item, kind, margin in zip(found, types, margins) if kind is not None]
    events: list[Event] = []
    clauses: list[int] = []
    for item, found_events in carried_into_carriers(made):
        events += found_events
        clauses += [clause_of(item.verb)] * len(found_events)
    return unique_events(events, clauses)


# verbal acts that carry the act they are about: PLOVER codes the single category ("threatened
# to launch an offensive" is THREATEN, not THREATEN + a hypothetical ASSAULT)
CARRIERS = frozenset({"THREATEN", "REQUEST", "REJECT", "AGREE"})


def carried_into_carriers(made: list[tuple[Found, list[Event]]]) -> list[tuple[Found,
                                                                               list[Event]]]:
    """Without the hypothetical acts that are the content of a threat, request, refusal or
    promise ("urged the EC to support the PLO": the REQUEST is the event); a REQUEST or REJECT
    without a mode
    takes the manual's mode from the act it carries (assist, meet, yield)."""
    carriers = {item.verb.i: events[0].type for item, events in made
                if events and events[0].type in CARRIERS}
    content: dict[int, str] = {}
    kept = []
    for item, events in made:
        hypothetical = bool(events) and all(e.hypothetical for e in events)
        carrier = carrier_of(item.verb, carriers) if hypothetical else None
        if carrier is not None:
            content.setdefault(carrier, events[0].type)
            continue
        if demanded_content(item.verb):
            continue  # what one party asks another to do is the demand's content, no act
        kept.append((item, events))
    return [(item, [_with_content_mode(e, content.get(item.verb.i)) for e in events])
            for item, events in kept]


def _with_content_mode(event: Event, carried: str | None) -> Event:
    if carried is None or event.mode or event.type not in ("REQUEST", "REJECT"):
        return event
    return replace(event, mode=REFUSED.get(carried))



def detect(token, tools: EventTools, resolver: PartyResolver) -> Found | None:
    if token.pos_ != "VERB":
        return None  # every trigger below is a verb (nouns: events/nominal.py)
    entry = tools.lexicon.lookup(token)
    if entry is None:
        found = (_must_demand(token, tools) or _wanted(token, resolver)
                 or _transfer(token, resolver) or _died(token, tools))
        if found is not None:
            return found
        return _open(token, tools, resolver) if tools.open_verbs else None
    if (refused(token) or _protest_topic(token, entry, tools) or _patient_clause(token)
            or _noun_misread(token) or _no_refusal(token, entry)):
        return None
    start, end = clipped_sentence(token)
    pair_word = entry.lemma.split()[-1] if " " in entry.lemma else ""
    source, target = participants(token, pair_word)
    source = _reporter(token, entry, tools) or source
    deed = casualty_deed(token, tools.lexicon) if source is None else None
    if deed is not None:  # "civilians were killed in Syrian air raids": the raids' doer did it
        source, entry = deed, deed_entry(token, deed, tools.lexicon)
    if entry.lemma in PARTY_OBJECT and target is not None and not resolver.is_party_word(target):
        return None  # "met its targets", "meet the rules": no one was met
    if entry.lemma in RELEASING and target is not None and target.lemma_.lower() in RELEASED_THINGS:
        return None  # "released a joint statement": a publication, no captive set free
    if entry.lemma == "ask" and source is None and token.tag_ == "VBN":
        return None  # "the leader was asked about the claims": a journalist's question
    if entry.lemma == "sign" and target is not None and target.lemma_.lower() in DECREES:
        return None  # "Mr Trump signed the first order": a decree, no agreement with anyone
    captured = relative_antecedent(target) or target  # "the category, which he captured"
    if entry.lemma == "capture" and captured is not None and captured.lemma_.lower() in PICTURED:
        return None  # "the photographer captured Karlov's final moments": a picture taken
    if _designation(token, entry):
        return None  # "Islamic State (outlawed in Russia)": a label, no act reported
    return Found(token, entry, start, end, source, target)


def _died(token, tools: EventTools) -> Found | None:
    """ "13 civilians died in Russian air strikes": the strikes' doer assaulted the dead (the
    caller's party rules keep it only when the strikes name who did them)."""
    deed = casualty_deed(token, tools.lexicon) if not refused(token) else None
    victims = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if deed is None or victims is None:
        return None
    start, end = clipped_sentence(token)
    return Found(token, deed_entry(token, deed, tools.lexicon), start, end, deed, victims)


def _reporter(token, entry: EventVerb, tools: EventTools):
    """Who does a verbal act told as a participle on a reported clause ("Rahman said aircraft
    had targeted the market, blaming the regime"): the one who said it, not the clause's
    subject (the parser hangs *blaming* on *targeted*)."""
    if (token.tag_ != "VBG" or token.dep_ != "advcl" or entry.plover not in VERBAL_TYPES
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)):
        return None
    clause = token.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in tools.speech:
        return None
    return subject_of(clause.head)


PARTY_OBJECT = frozenset({"meet"})
# what a camera "captures": a picture, not a captive or a town
PICTURED = frozenset({"moment", "image", "scene", "category", "picture", "shot", "mood", "spirit",
                      "essence", "atmosphere", "attention", "imagination", "footage", "photo"})
# what a leader signs alone: an act of government, not an agreement (PLOVER AGREE needs a party)
DECREES = frozenset({"order", "decree", "bill", "law", "legislation", "directive", "ordinance",
                     "proclamation", "budget", "warrant"})
BANNING = frozenset({"outlaw", "ban", "prohibit", "proscribe"})


def _designation(token, entry: EventVerb) -> bool:
    """A ban told as a participle on a name ("terrorists of the Islamic State (terrorist
    organization outlawed in Russia)", "IS, banned in Russia"): the designation Russian media
    repeat after every such name, not a ban reported."""
    if entry.lemma not in BANNING or token.tag_ not in ("VBN", "VBD"):
        return False
    if token.dep_ in ("acl", "amod") and token.tag_ == "VBN":
        return True
    # "[former name of … outlawed in Russia]" parsed as a clause: nothing banned, only where
    return not any(c.dep_ in ("aux", "auxpass", "dobj") for c in token.children) and any(
        c.dep_ == "prep" and c.lower_ == "in" for c in token.children)

RELEASING = frozenset({"release", "free"})
RELEASED_THINGS = frozenset({
    "statement", "report", "video", "footage", "figure", "data", "detail", "name", "result",
    "document", "image", "photo", "photograph", "picture", "album", "film", "book", "record",
    "list", "plan", "budget", "version", "update", "information", "communique", "study",
    "survey", "poll", "audio", "recording", "tape", "letter", "text", "transcript", "evidence",
    "song", "single", "track", "music", "documentary", "trailer", "movie", "memoir", "novel"})


# what "declined to …" withholds when it is information, not cooperation: no one is rejected
WITHHELD = frozenset({"confirm", "comment", "specify", "say", "disclose", "elaborate", "reveal",
                      "identify", "name", "discuss", "detail", "give", "provide", "answer",
                      "respond", "speculate", "deny", "explain", "divulge"})


def _no_refusal(token, entry: EventVerb) -> bool:
    """ "decline" that rejects nothing: a fall ("the population has started to decline", no
    object and no infinitive) or information withheld ("declined to confirm the deployment",
    "declined to comment"); "did not rule out" that something happens, which leaves it open."""
    if entry.lemma == "rule out":
        return is_negated(token)
    if entry.lemma != "decline":
        return False
    done = next((c for c in token.children if c.dep_ in ("xcomp", "dobj")), None)
    return done is None or (done.dep_ == "xcomp" and done.lemma_.lower() in WITHHELD)


def _patient_clause(token) -> bool:
    """A subjectless passive participle clause ("Hariri said, when asked to comment, …",
    "if attacked, …"): the one it is about undergoes the act; who did it is unknown."""
    return token.tag_ == "VBN" and token.dep_ == "advcl" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "agent") for c in token.children)


_NOUN_LIKE_TAGS = frozenset({"VBZ", "VBP"})


def _noun_misread(token) -> bool:
    """A plural noun the tagger read as a verb at the end of a noun phrase ("discuss Moscow's
    broken ceasefire promises": *promises* with the subject *ceasefire* right before it and
    nothing after it)."""
    if token.tag_ not in _NOUN_LIKE_TAGS or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if before.dep_ != "nsubj" or before.head.i != token.i or before.tag_ != "NN":
        return False
    if not any(c.dep_ in ("poss", "amod", "compound") for c in before.children):
        return False
    return not any(c.dep_ not in ("nsubj", "punct", "cc", "conj") for c in token.children)


def _open(token, tools: EventTools, resolver: PartyResolver) -> Found | None:
    """A verb outside the lexicon between two named actors: a candidate for the classifier."""
    lemma = token.lemma_.lower()
    if (token.pos_ != "VERB" or token.dep_ in ("amod", "compound") or lemma in OPEN_STOP
            or lemma in tools.speech or refused(token) or not token.text.islower()):
        return None
    source, target = participants(token)
    if source is None or target is None or source.pos_ == "PRON":
        return None
    if target.lemma_.lower() in RELEASED_THINGS:
        return None  # "will deliver his Budget": a publication presented, no party acted on
    if not all(_named(resolver.party(t)) for t in (source, target)):
        return None
    start, end = clipped_sentence(token)
    return Found(token, EventVerb(lemma, ""), start, end, source, target)


def _named(party: Party | None) -> bool:
    return party is not None and bool(party.actor_id or party.country)


DEMAND_MODALS = frozenset({"must", "should"})


def _must_demand(token, tools: EventTools) -> Found | None:
    """A statement that someone else *must* or *should* act ("Russia said that Sudan must
    return the helicopter", "Gatilov said the United Nations should speed up the talks") is a
    demand: REQUEST from the speaker to the one who must act."""
    if token.lemma_.lower() not in tools.speech or token.pos_ != "VERB":
        return None
    for clause in token.children:
        if clause.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS
                                             for c in clause.children):
            continue
        target = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        source = subject_of(token)
        if target is None or source is None or target.pos_ == "PRON":
            return None
        start, end = clipped_sentence(token)
        return Found(token, MUST_DEMAND, start, end, source, target)
    return None


WANTED = EventVerb("want to", "REQUEST", "10")
WANTING = frozenset({"want", "wish"})


def _wanted(token, resolver: PartyResolver) -> Found | None:
    """Wanting another party to act ("the unions want the government to withdraw the
    regulations") is a demand: REQUEST from the one who wants to the one who should act (the
    act itself is the request's content)."""
    if token.lemma_.lower() not in WANTING or refused(token):  # a verb: detect() checked
        return None
    clause = next((c for c in token.children if c.dep_ in ("ccomp", "xcomp")
                   and c.pos_ in ("VERB", "AUX")), None)
    if clause is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    target = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    source = subject_of(token)
    if (target is None or source is None or target.pos_ == "PRON"
            or not resolver.is_party_word(target)):
        return None
    start, end = clipped_sentence(token)
    return Found(token, WANTED, start, end, source, target)


MUST_DEMAND = EventVerb("say must", "REQUEST", "10")
TRANSFER = EventVerb("provide to", "AID", "07")
# giving things to a named party is aid (PLOVER AID: material help); "send" is left out (troops
# are sent to fight, envoys to talk)
NOT_GIVEN = frozenset({
    "warning", "ultimatum", "speech", "interview", "statement", "assurance", "briefing", "detail",
    "account", "answer", "reply", "response", "order", "deadline", "chance", "opportunity",
    "welcome", "signal", "message", "notice", "testimony", "evidence", "impression", "sign",
    "indication", "explanation", "reason", "way", "time", "update", "view", "opinion", "lecture",
    "address", "press", "talk", "advice", "blessing", "go-ahead", "nod", "approval", "credit",
    # people handed over are released or extradited, not aid
    "prisoner", "hostage", "detainee", "suspect", "captive", "body", "remains", "soldier"})
TRANSFER_VERBS = frozenset({"provide", "give", "hand", "donate", "deliver", "supply", "ship",
                            "airlift", "transfer"})


def _transfer(token, resolver: PartyResolver) -> Found | None:
    """ "The United States is providing military intelligence to Macedonia", "doctors handed
    over medicine to the Red Crescent": AID from the giver to the named receiver."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in TRANSFER_VERBS or refused(token):
        return None
    thing = next((c for c in token.children if c.dep_ == "dobj"), None)
    if (thing is None or thing.pos_ in ("PRON", "PROPN") or thing.ent_type_ in (
            "GPE", "NORP", "ORG", "PERSON") or thing.lemma_.lower() in NOT_GIVEN | RELEASED_THINGS):
        return None  # "handed him over", "gave Russia a warning", "deliver his Budget to the
        # House": no thing given (a publication is presented, not given)
    receiver = next((t for t in indirect_targets(token, thing) if t.ent_type_ in (
        "GPE", "NORP", "ORG", "PERSON")), None)
    source = subject_of(token)
    if receiver is None or source is None:
        return None
    start, end = clipped_sentence(token)
    return Found(token, TRANSFER, start, end, source, receiver)


def _protest_topic(token, entry: EventVerb, tools: EventTools) -> bool:
    """A demand that is the purpose of a protest ("staged demonstrations to demand reforms"):
    PLOVER codes the protest, not its topic, as the event."""
    if entry.plover != "REQUEST" or token.dep_ not in ("advcl", "xcomp", "acl", "conj"):
        return False
    head = tools.lexicon.lookup(token.head)
    return head is not None and head.plover == "PROTEST"


def _doc_slice(doc, start: int, end: int) -> str:
    return doc_text(doc)[start:end]


def _events(item: Found, kind: str, article: Article, resolver: PartyResolver,
            published: date | None, statements, gazetteer: Gazetteer) -> list[Event]:
    verb = item.verb
    hypothetical = is_hypothetical(verb)
    when = event_date(verb, published, forward=hypothetical or is_future(verb))
    source = speaker_antecedent(item.source) or relative_antecedent(item.source) or item.source
    source = _deed_doer(source) if _is_deed(source) else source  # "air strikes by the army"
    mutual = is_mutual(item)  # "fighting between X and Y": X alone is a source, Y a target
    sources = [_acting(source, p) for p in (
        [resolver.party(source, single=True)] if mutual else _parties(resolver, source))]
    typed = final_type(item, kind, [p.sector for p in sources if p is not None])
    kind, mode, hypothetical = typed.type, typed.mode, hypothetical and not typed.announced
    direct = object_antecedent(item.target) or relative_antecedent(item.target) or item.target
    if is_campaign_visit(verb, [p.country if p else None for p in sources],
                         _parties(resolver, direct), gazetteer):
        return []
    place = _place_target(resolver, direct)  # "retaking Aleppo": where, not whom
    targets = _targets(resolver, direct, kind)
    if kind in NEEDS_TARGET and not any(targets) and is_complement(verb):
        met = object_of(verb.head)  # "telephoned the minister to discuss …": the minister
        if met is not None and resolver.is_party_word(met):
            targets = _targets(resolver, met)
    if item.target is None and kind in ("REQUEST", "AGREE", "REJECT", "SUPPORT"):
        addressee = _clause_target(verb)  # "demanded that the US cancel …": the US
        if addressee is not None:
            targets = _targets(resolver, addressee)
    if kind == "RETREAT" and _withdrawn(direct):
        targets = [None]  # "withdrew a number of fighter planes": what is pulled back, not whom
    heads_of_source = {t.i for t in conjuncts(source)} if source is not None else set()
    if not any(_named(t) for t in targets) or _own_thing(item.target):
        for indirect in indirect_targets(verb, item.target, kind):
            if indirect.i in heads_of_source:
                continue  # "fighting erupted between X and Y": X is the source
            if _locative(indirect) and any(map(_coded, targets)):
                continue  # "attack Kurdish fighters in Syria": the fighters, in Syria
            found = _targets(resolver, indirect, kind, indirect=True)
            if _named(found[0]) or (not any(map(_coded, targets)) and _coded(found[0])):
                targets = found  # "offered troops to Lebanon", "retook Aleppo from the rebels"
                break
    if kind == "MOBILIZE":
        targets = _mobilized_against(resolver, verb, item.target)
    dead = _killed_by(verb) if kind == "ASSAULT" and not any(map(_coded, targets)) else None
    if dead is not None:  # "targeted several sites, killing nine civilians": the dead
        targets = _targets(resolver, dead, kind)
    heads = {t.i for t in (*conjuncts(item.source), *conjuncts(item.target)) if t is not None}
    where = event_place(verb, gazetteer, heads)
    if where.text is None and place is not None:
        where = Where(place.text, place.country)
    common = dict(
        article_id=article.article_id, type=kind, text=_doc_slice(verb.doc, item.start, item.end),
        start=item.start, end=item.end, trigger=verb.text,
        mode=mode,
        cameo=typed.cameo,
        date=when.date, date_precision=when.precision, date_text=when.text,
        date_source=when.source, location=where.text, location_country=where.country,
        negated=is_negated(verb) and not typed.refused, hypothetical=hypothetical,
        historical=is_historical(when, published, verb),
        statement_id=_linked_statement(verb, item, statements) if item.entry.speech else None,
    )
    common["quoted_in"] = _quoting_statement(verb, statements, common["statement_id"])
    if (kind in NEEDS_TARGET and mode != "mediate"
            and all(t is None for t in targets)):
        return []  # "warplanes supporting an acceleration of attacks": no one is supported
    events = []
    for n, (source, target) in enumerate(_dyads(kind, sources, targets, mode, mutual)):
        if source is not None and target is not None and _same(source, target):
            continue
        if not _coded(source):
            continue  # no one identifiable did it ("soldiers killed in Ukraine"): precision
        events.append(Event(
            event_id=short_hash(article.article_id, "evt", str(verb.idx),
                                *([str(n)] if n else [])),
            **common, **_party_fields("source", source), **_party_fields("target", target)))
    claim = alleging_verb(verb)
    if claim is not None and kind in ALLEGED_TYPES and events:
        return _alleged(events, claim, item, resolver, statements, published,
                        [s for s in sources if _coded(s)])
    return events


# acts two parties do with each other: "Russia and the US agreed a truce" is each one's AGREE
# with the other (PLOVER's dyadic coding); three or more parties keep no target
MUTUAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})


def _dyads(kind: str, sources: list, targets: list, mode: str | None = None,
           mutual: bool = False) -> list[tuple]:
    """The (source, target) pairs of one act: every source with every target, or, for a
    mutual act of exactly two coded sources and no target, each with the other — not a
    mediation ("a deal brokered by Russia and Iran": the brokers did not meet each other).
    A ``mutual`` clash ("fighting between X and Y") also goes from each target back."""
    if mutual:
        pairs = [(s, t) for s in sources for t in targets]
        return pairs + [(t, s) for s, t in pairs if t is not None]
    coded = [s for s in sources if _coded(s)]
    if kind in MUTUAL_TYPES and mode != "mediate" and len(coded) == 2 and not any(targets):
        return [(coded[0], coded[1]), (coded[1], coded[0])]
    return [(s, t) for s in sources for t in targets]


# conflictual acts that, inside someone's claim, are that speaker's accusation (PLOVER ACCUSE
# "allege": formally or informally accuse)
ALLEGED_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE", "PROTEST",
                           "REJECT"})


def _alleged(acts: list[Event], claim, item: Found, resolver: PartyResolver, statements,
             published: date | None, accused: list[Party]) -> list[Event]:
    """An act inside a claim ("the US claimed ISIL had attacked Iraq"): the claimant's ACCUSE
    (mode allege) of the act's source, linked to the claim's statement; the act itself is kept
    only as the claim's content (``quoted_in`` set), else dropped."""
    statement_id = _linked_statement(claim, item, statements)
    kept = [replace(e, quoted_in=e.quoted_in or statement_id) for e in acts
            if e.quoted_in or statement_id]
    accusers = [p for p in _parties(resolver, speaker_antecedent(subject_of(claim))
                                    or subject_of(claim)) if _coded(p)]
    if not accusers or is_negated(claim):
        return kept
    when = event_date(claim, published, forward=False)
    common = dict(
        article_id=acts[0].article_id, type="ACCUSE", text=acts[0].text, start=item.start,
        end=item.end, trigger=claim.text, mode="allege", cameo=CAMEO_ROOT["ACCUSE"],
        date=when.date, date_precision=when.precision, date_text=when.text,
        date_source=when.source, statement_id=statement_id,
        historical=is_historical(when, published, claim))
    accusations = [Event(event_id=short_hash(acts[0].article_id, "evt", str(claim.idx), str(n)),
                         **common, **_party_fields("source", source),
                         **_party_fields("target", target))
                   for n, (source, target) in enumerate(
                       (s, t) for s in accusers for t in (accused or [None]))
                   if target is None or not _same(source, target)]
    return accusations + kept


# types that PLOVER codes only with a recipient: support and consultation are *with* someone;
# for other types a thing stays the target as written ("rejected the proposal")
NEEDS_TARGET = frozenset({"SUPPORT", "CONSULT"})


# happenings, not actors: as a source their country is where they happened ("the war in Syria
# killed …"), unless a name or agent on them says whose they are ("US drone strikes")
EVENT_NOUNS = frozenset({
    "war", "conflict", "fighting", "violence", "attack", "bombing", "strike", "airstrike",
    "raid", "explosion", "blast", "shelling", "offensive", "operation", "campaign", "crisis",
    "clash", "battle", "siege", "unrest", "insurgency", "bombardment", "fire", "crackdown"})


# armed happenings: a country's are done by its military
ARMED_ACTS = frozenset({"attack", "bombing", "strike", "airstrike", "raid", "shelling",
                        "offensive", "operation", "bombardment", "fire"})


# a time is never an actor ("Date of publication 21 September 2016 The UN has suspended …")
TIME_NOUNS = frozenset({"date", "day", "time", "year", "month", "week", "hour", "night",
                        "morning", "evening", "afternoon"})


# places named by a common noun do not act ("the besieged district … killing"); a capital or
# country named does (metonymy: "Damascus said")
PLACE_NOUNS = frozenset({
    "district", "town", "village", "city", "area", "province", "neighbourhood", "neighborhood",
    "camp", "region", "field", "stronghold", "road", "street", "site", "zone", "outskirts",
    "suburb", "countryside", "territory", "enclave", "hospital", "school", "market"})


def _acting(token, party: Party | None) -> Party | None:
    """The source as an analyst codes it: a happening placed by a preposition has no actor,
    and a time or a place named by a common noun none at all."""
    if party is None or token is None or party.actor_id:
        return party
    lemma = token.lemma_.lower()
    if (lemma in TIME_NOUNS or lemma in PLACE_NOUNS) and token.ent_type_ not in (
            "ORG", "GPE", "NORP", "PERSON"):
        return None
    if lemma not in EVENT_NOUNS:
        return party
    if not _whose(token):
        return Party(party.text, party.start, party.end)
    if lemma in ARMED_ACTS and party.country and party.sector is None:
        return replace(party, sector="MIL")  # "a Russian air strike killed …": Russia's military
    return party


def _recipient(resolver: PartyResolver, token, party: Party | None, must_be_party: bool = False,
               indirect: bool = False, verbal: bool = False) -> Party | None:
    """A target is a party, never a place, a topic or a document: a thing ("supporting a massive
    acceleration", "a shaky ceasefire", "international law", "the political process in
    Syria") is none unless a possessor says whose it is ("the regime's proposal"), or, for
    proposals and for the types that ``must_be_party`` (:data:`NEEDS_TARGET`), a name or agent on
    it ("a separate Russian initiative", "rebel positions"); other concrete things stay as
    written ("blocked the aid convoy") unless the act is ``verbal`` (:data:`VERBAL_TYPES`: what
    is agreed or rejected is a topic, "agreeing a mechanism"). A place ("retook Aleppo", a
    country after "in" unless found among the ``indirect`` recipients) is none. The caller
    then looks in the verb's prepositions."""
    holder = _holder(token) if token is not None and not verbal else None
    if holder is not None and _coded(resolver.party(holder)):
        return resolver.party(holder)  # "pounded rebel-held parts of Aleppo": the rebels
    if party is None or token is None or party.place or (_locative(token) and not indirect):
        return None
    part_of = _of_object(token) if token.lower_ in PORTIONS else None
    if part_of is not None:  # "much of the city of Palmyra": the city, which is a place
        return _recipient(resolver, part_of, resolver.party(part_of), must_be_party, True,
                          verbal)
    owner = _of_object(token) if token.lemma_.lower() in PROPOSALS | TOPIC_NOUNS else None
    if owner is not None and owner.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        owned = resolver.party(owner)  # "supported the initiative of President Niinisto"
        if owned is not None and (owned.actor_id or owned.country) and not owned.place:
            return owned
    if token.lemma_.lower() in WEAPON_NOUNS or (  # "with heavy artillery": a means
            token.lemma_.lower() in PLACE_NOUNS and not _held_by(token)):  # "the towns of …"
        return None
    if token.pos_ == "PRON" or token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return party
    if party.actor_id or resolver.possessed(token) or resolver.is_party_word(token):
        return party
    lemma = token.lemma_.lower()
    if lemma in TOPIC_NOUNS | EVENT_NOUNS | CRIMES:
        doer = _deed_doer(token) if lemma in EVENT_NOUNS | CRIMES else None
        return resolver.party(doer) if doer is not None else None  # "condemned the crimes
        # committed by the regime's forces": the forces
    if lemma in PROPOSALS or must_be_party:
        return party if _whose(token) else None
    if verbal:  # what is agreed, rejected or asked for is no party: "agreeing a mechanism"
        return party if _whose(token) else None
    return party  # a concrete thing acted on, as written ("blocked the aid convoy")


# deeds an accusation is about: their doer is its target when a "by" phrase names it
CRIMES = frozenset({"crime", "atrocity", "abuse", "violation", "massacre", "killing", "murder",
                    "assassination", "aggression"})


DOING = frozenset({"commit", "carry", "perpetrate", "conduct", "launch", "wage", "do",
                   "stage", "mount", "unleash"})


def _killed_by(verb):
    """Whom an attack on a place killed or wounded, told by a participle on it ("targeted
    water wells …, killing at least 18 civilians"), else None: PLOVER's target is the victim."""
    source = subject_of(verb)
    own = {t.i for t in source.subtree} if source is not None else set()
    for clause in verb.subtree:  # run-on text hangs it on the place: "sites in an area
        # outside the zone killing nine children"
        if (clause.dep_ in ("advcl", "acl") and clause.tag_ == "VBG" and clause.i not in own
                and clause.lemma_.lower() in ("kill", "wound", "injure")
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)):
            return next((c for c in clause.children if c.dep_ == "dobj"), None)
    return None


def _is_deed(token) -> bool:
    """An armed happening with its doer in a "by" phrase ("air strikes by the Syrian military
    killed …"): the doer, not the happening, is the source."""
    return (token is not None and token.lemma_.lower() in EVENT_NOUNS
            and _deed_doer(token) is not None)


def _deed_doer(deed):
    """Who did a deed a "by" phrase on it, or on its participle, names ("the war crimes being
    committed by the Russian forces", "attacks by the regime"), else None."""
    participle = next((c for c in deed.children if c.dep_ == "acl" and c.tag_ == "VBN"
                       and c.lemma_.lower() in DOING), None)
    for node in (deed, participle):
        if node is None:
            continue
        agent = next((c for c in node.children if c.dep_ in ("agent", "prep")
                      and c.lower_ == "by"), None)
        doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if doer is not None and doer.ent_type_ not in ("DATE", "TIME"):
            return doer
    return None


# topics and documents: what is agreed, violated or discussed, never whom
TOPIC_NOUNS = frozenset({
    "ceasefire", "cease-fire", "truce", "law", "resolution", "process", "agreement", "deal",
    "accord", "treaty", "convention", "charter", "constitution", "peace", "solution",
    "settlement", "framework", "roadmap", "transition", "issue", "question", "matter",
    "situation", "crisis", "stability", "principle", "norm", "rule", "order", "measure",
    "step", "effort", "reform",
    "election", "vote", "referendum", "protocol", "declaration", "text", "draft", "communique",
    "statement", "report", "document", "memorandum", "mandate", "sanction", "aid",
    "assistance", "access", "corridor", "evacuation", "humanity", "bombing", "terrorism",
    "extremism", "violence", "war", "conflict", "dialogue", "negotiation", "solution",
    "allegation", "accusation", "claim", "charge", "rumour", "rumor", "round", "talk"})
# places and buildings named by a common noun: where an act happened, never whom (a name or
# agent on them says whose: "rebel positions", "the regime's bases")
PLACE_NOUNS = frozenset({
    "town", "village", "city", "neighbourhood", "neighborhood", "area", "district", "region",
    "province", "suburb", "countryside", "outskirts", "stronghold", "territory", "zone",
    "border", "site", "monument", "building", "street", "market", "hospital", "school",
    "mosque", "church", "camp", "port", "airport", "square", "capital"})
# the means of an act, never its target
WEAPON_NOUNS = frozenset({
    "artillery", "rocket", "missile", "mortar", "shell", "bomb", "weapon", "gun", "tank",
    "drone", "airstrike", "strike", "munition", "explosive", "grenade", "bullet", "fire"})
# PLOVER's verbal quad categories: their object is a topic unless a name says whose
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE",
                          "REJECT", "THREATEN"})
# what an actor proposes or decides: a party only when a name on it says whose
PROPOSALS = frozenset({"proposal", "plan", "offer", "demand", "initiative", "idea", "call",
                       "invitation", "appeal",
                       "request", "policy", "decision", "position", "stance", "approach",
                       "right", "rights", "security", "sovereignty", "integrity", "interest"})


# heads that name a share of what their "of" phrase names
PORTIONS = frozenset({"much", "most", "part", "parts", "some", "all", "rest", "half", "many",
                      "swathes", "swathe"})


def _of_object(token):
    """The object of the token's "of" phrase ("the initiative *of Niinisto*"), else None."""
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return None if prep is None else next((c for c in prep.children if c.dep_ == "pobj"), None)


def _locative(token) -> bool:
    """A name after "in"/"at"/"near"…: where something happened ("killed in Ukraine")."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


LOCATIVE_PREPS = frozenset({"in", "inside", "near", "across", "throughout"})


def _targets(resolver: PartyResolver, token, kind: str = "",
             indirect: bool = False) -> list[Party | None]:
    """The target parties a token heads (see :func:`_recipient`)."""
    return [_recipient(resolver, head, party, kind in NEEDS_TARGET, indirect,
                       kind in VERBAL_TYPES)
            for head, party in zip(_party_heads(resolver, token), _parties(resolver, token))]


def _party_heads(resolver: PartyResolver, token) -> list:
    """The tokens :func:`_parties` resolves, in its order."""
    heads = conjuncts(token)[:MAX_PARTIES]
    if len(heads) == 1:
        return heads
    parties = [resolver.party(h, single=True) for h in heads]
    if not any(p is not None and (p.actor_id or p.country) for p in parties[1:]):
        return heads[:1]
    return heads


def _place_target(resolver: PartyResolver, token) -> Party | None:
    """The place an act's object names ("retaking Aleppo"): the event's location."""
    if token is None:
        return None
    party = resolver.party(token)
    return party if party is not None and party.place else None


_HOLDERS = frozenset({"regime", "government", "rebel", "opposition", "army", "militia",
                      "jihadist", "insurgent", "military"})


HOLDING = frozenset({"hold", "control"})


def _holder(place):
    """Who holds a place the act is aimed at, told as "X-held" or "X-controlled" ("the
    rebel-held parts of Aleppo", "government-controlled neighbourhoods"): the token that
    names X, else None. PLOVER's target is the party whose ground is attacked."""
    for child in place.children:
        if child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_.lower() in HOLDING:
            holder = next((c for c in child.children if c.i < child.i and (
                c.lemma_.lower() in _HOLDERS or c.ent_type_ in ("ORG", "NORP", "PERSON"))), None)
            if holder is not None:  # "IS-held": the parser may hang IS on held as anything
                return holder
    return None


def _held_by(place) -> bool:
    """Whether a modifier on a place names who holds it ("rebel positions", "ISIS's
    stronghold", "Kurdish areas"); a name in an "of" complement is the place's own name ("the
    city of Raqqa"), and so is a name compounded with a town ("the besieged al-Fouaa town")."""
    settlement = place.lemma_.lower() in SETTLEMENTS  # "the Syrian city": Syria's, held by none
    return any(c.dep_ in ("poss", "compound", "amod")
               and ((c.ent_type_ in ("ORG", "PERSON") and not (settlement and c.dep_ == "compound"))
                    or c.lemma_.lower() in _HOLDERS
                    or (c.ent_type_ == "NORP" and not settlement))
               for c in place.children)


SETTLEMENTS = frozenset({"city", "town", "village", "capital", "province", "region", "district"})


def _whose(thing) -> bool:
    """Whether a name on a thing says whose it is: a modifier ("a separate Russian initiative")
    or an "of" complement ("the rights of Palestinians"), not a place ("the process in Syria")."""
    for token in thing.subtree:
        if token.i == thing.i:
            continue
        if token.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON") and not (
                token.head.i == thing.i and token.dep_ in ("compound", "amod")
                and token.lemma_.lower() in ("regime", "government", "rebel", "army", "militia")):
            continue
        node, ok = token, True
        while node.i != thing.i and ok:
            ok = not (node.dep_ == "prep" and node.lower_ != "of")
            node = node.head
        if ok:
            return True
    return False


def _clause_target(verb):
    """Whom a demand or promise is about when the verb has no object: the subject of its
    "that" clause ("demanded that the US cancel the sale", "urged that Israel ease …"), else the
    recipient of its infinitive ("promised to continue military aid to Mozambique",
    "offered to hand over the suspects to Britain")."""
    for clause in verb.children:
        if clause.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that"
                                          for c in clause.children):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")),
                           None)
            if subject is not None and subject.pos_ != "PRON":
                return subject
    for clause in verb.children:
        if clause.dep_ == "xcomp":
            direct = object_of(clause)
            for candidate in indirect_targets(clause, direct):
                if candidate.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
                    return candidate
    return None


def _own_thing(token) -> bool:
    """The object is the source's own ("offered its troops to Lebanon"): the recipient is
    elsewhere."""
    return token is not None and token.dep_ == "dobj" and any(
        c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in token.children)


def _parties(resolver: PartyResolver, token) -> list[Party | None]:
    heads = conjuncts(token)[:MAX_PARTIES]
    if len(heads) == 1:
        return [resolver.party(heads[0])]
    parties = [resolver.party(h, single=True) for h in heads]
    if not any(p is not None and (p.actor_id or p.country) for p in parties[1:]):
        return [resolver.party(heads[0])]  # "the army and police": one agent, not actors
    return parties


INDIRECT_PREPS = ("to", "for", "with", "against", "on", "upon", "from", "in", "into", "at",
                  "between")
# "lifted a curfew in Montenegro": Montenegro is acted on; when the target is a pronoun or a
# passive subject ("this was discussed in Astana", "fight against it in Syria"), "in"/"at"
# name where it happened
PLACE_ONLY_PREPS = frozenset({"in", "at", "inside"})


# a meeting's other party is whom one meets *with*; "discuss the process in Syria" is a topic
CONSULT_PREPS = frozenset({"with", "between", "to"})


def indirect_targets(verb, direct, kind: str = "") -> list:
    """Who an act is done to when its object is a thing: the ``pobj`` of a preposition on the
    verb or on its object ("offered its troops to Lebanon", "aid for Romania", "lifted a curfew
    in Montenegro", "struck a deal with Iraq"), in that order. PLOVER's recipient is that
    party, not the thing; the caller keeps the first that names one. With a target but no
    object, "in"/"at" give the place, not a party ("this was discussed in Astana")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    heads = [verb, *([direct] if direct is not None else []), *objects]
    found = []
    for head in heads:
        for child in head.children:
            if child.lower_ in PLACE_ONLY_PREPS and direct is not None and not objects:
                continue
            if kind == "CONSULT" and child.lower_ not in CONSULT_PREPS:
                continue  # "this was discussed in Astana", "fight it in Syria": the place
            if child.dep_ in ("prep", "dative") and child.lower_ in INDIRECT_PREPS:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                    found.append(pobj)
            elif child.dep_ == "dative" and child.pos_ in ("PROPN", "NOUN"):
                found.append(child)
    return found


# what a retreat pulls back: its own forces, equipment and envoys, never the one retreated from
WITHDRAWN = frozenset({
    "troop", "force", "soldier", "plane", "jet", "aircraft", "helicopter", "warplane", "unit",
    "fighter", "personnel", "tank", "ship", "warship", "vessel", "equipment", "weapon",
    "battalion", "brigade", "division", "contingent", "ambassador", "diplomat", "staff", "envoy",
    "military", "army", "armour", "armor", "artillery", "missile", "boot"})


def _withdrawn(token) -> bool:
    """Whether a retreat's object is what the source pulls back ("withdrew its troops", "a
    number of fighter planes"): PLOVER's RETREAT is aimed at whom it yields to, not at that."""
    if token is None:
        return False
    counted = _of_object(token) if token.lemma_.lower() in COUNTED else None
    head = counted if counted is not None else token
    return head.lemma_.lower() in WITHDRAWN


# heads that count what their "of" phrase names ("a number of planes", "hundreds of troops")
COUNTED = frozenset({"number", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens",
                     "group", "contingent", "squadron", "fleet", "bulk", "majority"}) | PORTIONS


def _mobilized_against(resolver: PartyResolver, verb, direct) -> list[Party | None]:
    """A mobilisation's target is whom it is aimed at ("massed troops against the rebels"),
    never the forces moved ("deployed 100 Rangers") nor where they go ("sent troops to
    Kuwait", "deployed into Syria": the location); none when nothing says."""
    for head in (verb, *([direct] if direct is not None else [])):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "against":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return _targets(resolver, pobj, "MOBILIZE", indirect=True)
    return [None]


def _coded(party: Party | None) -> bool:
    """A party an analyst can code: an actor, a country or at least a sector."""
    return party is not None and bool(party.actor_id or party.country or party.sector)


def _same(a: Party, b: Party) -> bool:
    """The same party on both sides: one actor, or one phrase ("the government")."""
    if a.actor_id is not None or b.actor_id is not None:
        return a.actor_id == b.actor_id
    return a.text.lower() == b.text.lower()


def _party_fields(role: str, party: Party | None) -> dict:
    if party is None:
        return {role: None, f"{role}_actor_id": None, f"{role}_country": None,
                f"{role}_sector": None, f"{role}_how": None}
    return {role: party.text, f"{role}_actor_id": party.actor_id,
            f"{role}_country": party.country, f"{role}_sector": party.sector,
            f"{role}_how": party.how}


def _linked_statement(verb, item: Found, statements) -> str | None:
    """The statement cued by this verb: same cue lemma, overlapping or in this sentence."""
    lemma = verb.lemma_.lower()
    sentence = _doc_slice(verb.doc, item.start, item.end)
    linked = [s for s in statements
              if s.cue and s.cue.split()[0] == lemma
              and ((s.start < item.end and item.start < s.end) or s.sentence == sentence)]
    if not linked:
        return None
    return min(linked, key=lambda s: abs(s.start - verb.idx)).statement_id


def _quoting_statement(verb, statements, own: str | None) -> str | None:
    """The statement whose words contain this act ("By denying humanitarian access, the regime
    is responsible …," Giorgini said): the act is the speaker's claim. Not the statement the
    event's own verb introduces."""
    inside = [s for s in statements if s.start <= verb.idx < s.end and s.statement_id != own]
    return min(inside, key=lambda s: s.end - s.start).statement_id if inside else None


def published_date(published: str | None) -> tuple[str | None, str | None]:
    """``(date, precision)`` of an ISO publication date, or ``(None, None)``."""
    day = parse_published(published)
    if day is not None:
        return day.isoformat(), "day"
    if published and published[:4].isdigit():
        return (published[:7], "month") if len(published) >= 7 else (published[:4], "year")
    return None, None


__all__ = ["EventTools", "detect", "events_with_mentions", "extract_events", "make_tools",
           "published_date"]
