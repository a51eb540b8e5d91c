"""The trained part: a multinomial logistic regression that types candidate clauses.

A candidate is a verb, or a noun that can head a nominal event. Its features come from the
parse of its clause (lemma, lexicon type, object, complements, modals, negation,
conditions, the governing verb, what its actors are, a bag of the sentence's content
lemmas). The model answers with a probability per PLOVER type plus ``NONE``. It ships as
JSON (labels, intercepts and one weight row per feature) and runs with numpy; ``train.py``
builds it with scikit-learn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from whimbrel.actors.knowledge import COUNTRY_KINDS, KnowledgeBase, kb_for, norm
from whimbrel.errors import TrainedModelMissing
from whimbrel.events.ontology import DATA
from whimbrel.events.triggers import NOUN_TRIGGERS, SPEECH_VERBS, lexicon_entry

MODEL_PATH = DATA / "model.json"
NONE = "NONE"
# Content words of the sentence's bag. Not proper names: who acts is the actor-kind features'
# business, and a name's weight is its training sentences' topic ("trump" -> THREATEN).
_CONTENT = {"NOUN", "VERB", "ADJ"}


def is_candidate(token: Token, nouns: frozenset[str]) -> bool:
    """Can this token head an event? Verbs, and nouns known to name events."""
    if token.pos_ == "VERB":
        return True
    if token.pos_ in {"NOUN", "PROPN"}:
        lemma = token.lemma_.lower()
        return lemma in nouns or lemma in NOUN_TRIGGERS
    return False


def candidates(sent: Span, nouns: frozenset[str]) -> list[Token]:
    return [t for t in sent if is_candidate(t, nouns)]


@dataclass(frozen=True)
class SentenceContext:
    """What every candidate of a sentence shares, computed once per sentence: its content
    lemmas (nouns, verbs, adjectives, with their token index) and how many kinds of named
    entity it has."""

    words: tuple[tuple[str, int], ...]
    n_ent_kinds: int


def sentence_context(sent: Span) -> SentenceContext:
    words = tuple((t.lemma_.lower(), t.i) for t in sent if t.pos_ in _CONTENT and not t.is_stop)
    ents = {t.ent_type_ for t in sent if t.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"}}
    return SentenceContext(words, len(ents))


def actor_kind(token: Token, kb: KnowledgeBase | None = None) -> str | None:
    """What the knowledge base says a role word is: an agent's sector ("militiamen" -> UAF),
    a country (its name, adjective or capital, also as a modifier: "Russian troops" ->
    country), a named organisation or person; None for anything else, unknown names
    included ("floods", "the Liberation Front"). A user's own actors (WHIMBREL_ACTORS)
    count: they are actors to the classifier too (``kb``: the pipeline's; default the
    shipped one plus WHIMBREL_ACTORS)."""
    kb = kb or kb_for()
    # The name the token heads ("the Ruritania Liberation Front"), then the word itself.
    left = [c.i for c in token.lefts if c.dep_ in {"compound", "flat"}]
    name = token.doc[min(left) : token.i + 1].text if left else None
    for key in (name, token.lower_, token.lemma_.lower()):
        if key is None:
            continue
        for hit in kb.lookup(norm(key)):
            if hit.kind == "agent" and hit.agent is not None and hit.agent.sector:
                return hit.agent.sector
            if hit.kind in COUNTRY_KINDS:
                return "country"
            if hit.kind == "entry":
                return "named"
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss"} and any(
            h.kind in COUNTRY_KINDS for h in kb.lookup(norm(child.text))
        ):
            return "country"
    return None


def features(
    token: Token, context: SentenceContext | None = None, kb: KnowledgeBase | None = None
) -> dict[str, float]:
    """Lexical and syntactic features of a candidate and its clause (``context``: its
    sentence's, when the caller has it already; ``kb``: the actors knowledge base)."""
    lemma = token.lemma_.lower()
    f: dict[str, float] = {
        "bias": 1.0,
        f"lem={lemma}": 1.0,
        f"pos={token.pos_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"tag={token.tag_}": 0.5,
    }
    lex = lexicon_entry(lemma, token.pos_)
    if lex:
        f[f"lex={lex[0]}"] = 1.0
    if lemma in SPEECH_VERBS:
        f["speech"] = 1.0
    negated = False
    for child in token.children:
        dep = child.dep_
        cl = child.lemma_.lower()
        if dep in {"dobj", "obj", "attr", "oprd", "dative"}:
            f[f"obj={cl}"] = 1.0
            kind = actor_kind(child, kb)
            if kind:
                f[f"objactor={kind}"] = 1.0
            f[f"lem+obj={lemma}|{cl}"] = 1.0
            olex = lexicon_entry(cl, child.pos_)
            if olex:  # "carried out air strikes", "held talks": the object names the event
                f[f"objlex={olex[0]}"] = 1.0
            if child.ent_type_:
                f[f"objent={child.ent_type_}"] = 1.0
        elif dep in {"nsubj", "nsubjpass"}:
            f[f"subjent={child.ent_type_ or child.pos_}"] = 1.0
            # Who acts: "militiamen killed" is violence, "floods killed" is not.
            kind = actor_kind(child, kb)
            if kind:
                role = "subjactor" if dep == "nsubj" else "patientactor"  # passive: done to
                f[f"{role}={kind}"] = 1.0
            f[f"subj={cl}"] = 0.5
            if dep == "nsubjpass":
                f["passive"] = 1.0
        elif dep == "neg":
            negated = True
        elif dep in {"aux", "auxpass"} and child.tag_ == "MD":
            f[f"modal={child.lower_}"] = 1.0
        elif dep == "xcomp":
            f[f"xc={cl}"] = 1.0
            xlex = lexicon_entry(cl, child.pos_)
            if xlex:
                f[f"xclex={xlex[0]}"] = 1.0
        elif dep == "prep":
            pobj = [p for p in child.children if p.dep_ == "pobj"]
            f[f"prep={child.lower_}"] = 0.5
            for p in pobj:
                f[f"prep={child.lower_}|{p.lemma_.lower()}"] = 1.0
                plex = lexicon_entry(p.lemma_, p.pos_)
                if plex:
                    f[f"preplex={plex[0]}"] = 0.5
                if p.ent_type_:
                    f[f"prepent={child.lower_}|{p.ent_type_}"] = 0.5
        elif dep == "prt":
            f[f"lem+prt={lemma}|{cl}"] = 1.0
        elif dep == "poss":
            f[f"poss={child.ent_type_ or child.pos_}"] = 1.0
            kind = actor_kind(child, kb)
            if kind:
                f[f"possactor={kind}"] = 1.0
        elif dep == "agent":
            for p in child.children:
                kind = actor_kind(p, kb) if p.dep_ == "pobj" else None
                if kind:
                    f[f"subjactor={kind}"] = 1.0  # the passive's "by" agent acts
        elif dep == "amod":
            f[f"amod={cl}"] = 0.5
        elif dep == "advcl":
            # "would halt gas supplies unless Chisinau paid": a condition makes a threat or
            # an offer.
            for m in child.children:
                if m.dep_ == "mark" and m.lower_ in {"unless", "if", "until"}:
                    f[f"cond={m.lower_}"] = 1.0
    if negated:
        f["neg"] = 1.0
        f[f"neg+lem={lemma}"] = 1.0
    head = token.head
    if head.i != token.i:
        hl = head.lemma_.lower()
        f[f"head={hl}"] = 0.5
        f[f"dep+head={token.dep_}|{hl}"] = 1.0
        if token.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children):
            f["headneg"] = 1.0
        if any(c.tag_ == "MD" for c in head.children) and token.dep_ in {"xcomp", "conj"}:
            f["headmodal"] = 1.0
        hlex = lexicon_entry(hl, head.pos_)
        if hlex:
            f[f"headlex={hlex[0]}"] = 0.5
    context = context or sentence_context(token.sent)
    for word, i in context.words:
        if i != token.i:
            f[f"w={word}"] = 0.3
    f[f"nents={min(context.n_ent_kinds, 3)}"] = 1.0
    return f


def sentence_features(
    sent: Span,
    nouns: frozenset[str],
    clause_features: dict[int, dict[str, float]] | None = None,
    context: SentenceContext | None = None,
) -> dict[str, float]:
    """Features of a whole sentence: its content lemmas and its candidates' clause features
    (``clause_features``: token index -> ``features``, when the caller has them already)."""
    context = context or sentence_context(sent)
    f: dict[str, float] = {"bias": 1.0}
    for word, _ in context.words:
        f[f"w={word}"] = 1.0
    if clause_features is None:
        clause_features = {tok.i: features(tok, context) for tok in candidates(sent, nouns)}
    doc = sent.doc
    for i, tok_features in clause_features.items():
        tok = doc[i]
        main = tok.dep_ == "ROOT" or (tok.head.dep_ == "ROOT" and tok.dep_ in {"xcomp", "conj"})
        for name, value in tok_features.items():
            if name.startswith(("w=", "bias", "nents=")):
                continue
            key = f"c:{name}"
            f[key] = max(f.get(key, 0.0), value)
            if main and name.startswith(("lem=", "lex=", "neg", "modal=", "xc", "lem+obj=")):
                f[f"m:{name}"] = value
    return f


@dataclass(frozen=True)
class Weights:
    """One multinomial logistic regression: labels, intercepts, a weight row per feature."""

    labels: tuple[str, ...]
    intercept: np.ndarray
    rows: dict[str, np.ndarray]

    def predict(self, feats: dict[str, float]) -> dict[str, float]:
        logits = self.intercept.copy()
        for name, value in feats.items():
            w = self.rows.get(name)
            if w is not None:
                logits += value * w
        logits -= logits.max()
        p = np.exp(logits)
        p /= p.sum()
        return {label: float(x) for label, x in zip(self.labels, p, strict=True)}

    def to_json(self) -> dict[str, object]:
        return {
            "labels": list(self.labels),
            "intercept": [round(float(x), 5) for x in self.intercept],
            "weights": {k: [round(float(x), 4) for x in v] for k, v in sorted(self.rows.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Weights:
        return cls(
            labels=tuple(str(x) for x in data["labels"]),  # type: ignore[attr-defined]
            intercept=np.asarray(data["intercept"], dtype=np.float64),
            rows={
                str(k): np.asarray(v, dtype=np.float64)
                for k, v in data["weights"].items()  # type: ignore[attr-defined]
            },
        )


@dataclass(frozen=True)
class EventModel:
    """The shipped model: a clause model (per candidate) and a sentence model (per sentence).

    A candidate is an event with the geometric mean of the two models' event probabilities;
    its type distribution is the normalised product of their type distributions (a product
    of experts: the sentence says which event it reports, the clause whether it reports it).
    """

    clause: Weights
    sentence: Weights
    nouns: frozenset[str]
    meta: dict[str, object]

    @property
    def labels(self) -> tuple[str, ...]:
        return self.clause.labels

    def sentence_probs(
        self,
        sent: Span,
        clause_features: dict[int, dict[str, float]] | None = None,
        context: SentenceContext | None = None,
    ) -> dict[str, float]:
        return self.sentence.predict(sentence_features(sent, self.nouns, clause_features, context))

    def predict(
        self,
        token: Token,
        sent_probs: dict[str, float] | None = None,
        token_features: dict[str, float] | None = None,
    ) -> dict[str, float]:
        """Probability of each label (PLOVER types and ``NONE``) for a candidate."""
        pc = self.clause.predict(token_features or features(token))
        ps = sent_probs if sent_probs is not None else self.sentence_probs(token.sent)
        # Whether this clause reports an event: both models must agree (geometric mean).
        p_event = ((1.0 - pc.get(NONE, 0.0)) * (1.0 - ps.get(NONE, 0.0))) ** 0.5
        # Which type: the product of the two models' type distributions.
        joint = {k: pc[k] * ps.get(k, 1e-6) for k in pc if k != NONE}
        total = sum(joint.values()) or 1.0
        out = {k: p_event * v / total for k, v in joint.items()}
        out[NONE] = 1.0 - p_event
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "format": "whimbrel-event-model/2",
            "meta": self.meta,
            "nouns": sorted(self.nouns),
            "clause": self.clause.to_json(),
            "sentence": self.sentence.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> EventModel:
        return cls(
            clause=Weights.from_json(data["clause"]),  # type: ignore[arg-type]
            sentence=Weights.from_json(data["sentence"]),  # type: ignore[arg-type]
            nouns=frozenset(str(x) for x in data.get("nouns", [])),  # type: ignore[attr-defined]
            meta=dict(data.get("meta", {})),  # type: ignore[call-overload]
        )

    def save(self, path: Path = MODEL_PATH) -> Path:
        path.write_text(json.dumps(self.to_json(), separators=(",", ":")), encoding="utf-8")
        return path


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> EventModel:
    """Load the shipped (or a given) model; a missing or corrupt file is a clear error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != "whimbrel-event-model/2":
            raise ValueError(f"unknown format {data.get('format')!r}")
        return EventModel.from_json(data)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise TrainedModelMissing(
            f"The event classifier at {path} is missing or unreadable ({e}).",
            "rebuild it with `whimbrel train` (needs the package's data/train/*.jsonl).",
        ) from e
