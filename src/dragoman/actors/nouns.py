"""Nouns for people, bodies and sources, shared by mention linking, speakers and parties."""
from __future__ import annotations

# nouns that name one person by their office ("the spokeswoman"); a group ("the opposition",
# "the ministry") is never resolved to a person
TITLE_NOUNS = frozenset("""
spokesman spokeswoman spokesperson minister envoy ambassador negotiator mediator president
premier chancellor secretary diplomat official leader chief head commander general senator
governor mayor candidate nominee adviser advisor aide director chairman chairwoman chair
prosecutor judge lawyer attorney representative delegate congressman congresswoman lawmaker
king queen prince emir sheikh pope cardinal bishop businessman billionaire host anchor
moderator reporter analyst economist professor founder ceo executive manager coordinator
deputy monarch ruler dictator colonel lieutenant captain officer
""".split())
# people in general, for whom the actor gazetteer has no agent noun
PEOPLE_NOUNS = frozenset("""
people rival union voter crowd supporter critic opponent follower protester resident citizen
american democrat republican conservative liberal progressive member worker expert observer
analyst lawmaker official leader delegate activist donor fan parent student woman man
""".split())
# bodies and roles the gazetteer lacks that speak as one ("the campaign said", "the panel found")
BODY_NOUNS = frozenset("""
campaign team committee group party office department agency network board panel council
commission firm coalition organization organisation caucus staff candidate nominee aide
adviser advisor strategist insider source spokesman spokeswoman spokesperson
""".split())
# things that carry someone's words or findings ("the poll showed", "the letter argues")
SOURCE_NOUNS = frozenset("""
poll survey study report statement ad advertisement memo letter email document analysis data
record research paper newspaper article book website video tweet post filing complaint
lawsuit indictment review investigation audit census count tally projection estimate forecast
editorial column interview transcript communique communiqué resolution draft proposal plan
""".split())
