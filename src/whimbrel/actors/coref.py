"""In-document resolution: later mentions inherit the coding of what they refer to.

- bare surnames ("Bukele") -> the person introduced earlier with that surname;
- definite descriptions by title ("the veep", "the president") -> the person introduced
  with that title; "the country" -> the nearest country;
- pronouns and possessives ("he", "its", "their governments") -> the nearest earlier
  compatible actor (person/thing, gender, number; not the subject of the same verb for an
  object pronoun); "their" after a compound actor gives one mention per conjunct;
- country-less agents ("protesters", "the police") -> the nearest country named in the
  same or the previous sentences; "officials in these countries" -> one mention for each
  country named in the sentences before.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from whimbrel.actors.knowledge import TRANSNATIONAL
from whimbrel.actors.resolve import Mention

_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_NEUTER = {"it", "its", "itself"}
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
PRONOUNS = _MALE | _FEMALE | _NEUTER | _PLURAL
_EXPLETIVE_HEADS = {"be", "seem", "appear", "take", "become", "make", "rain"}
_LOOKBACK_SENTS = 3
GROUP_HEADS = {"group", "organization", "organisation", "movement", "faction"}
BODY_HEADS = {"alliance", "bloc", "lender", "agency", "body", "fund", "union", "watchdog"}


def _sent_index(doc: Doc) -> list[int]:
    idx = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            idx[t] = n
    return idx


def _compatible(pron: str, m: Mention) -> bool:
    if pron in _MALE:
        return m.kind == "person" and m.gender in {"m", None} and m.number == "sg"
    if pron in _FEMALE:
        return m.kind == "person" and m.gender in {"f", None} and m.number == "sg"
    if pron in _NEUTER:
        return m.kind in {"country", "org", "group", "agent"} and m.number == "sg"
    return m.number == "pl" or m.kind in {"group"} or m.group is not None


def _same_verb(pron: Token, m: Mention, doc: Doc) -> bool:
    """An object pronoun cannot refer to its own verb's subject ("Biden excluded them"),
    also when that subject is implicit ("..., accusing him": the main clause's subject)."""
    if pron.dep_ not in {"dobj", "dative", "pobj"} or pron.lower_.endswith("self"):
        return False
    verb = pron.head if pron.dep_ != "pobj" else pron.head.head
    while (
        not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        and verb.dep_ in {"advcl", "xcomp", "conj"}
        and verb.head.i != verb.i
    ):
        verb = verb.head
    return doc[m.head].head.i == verb.i and doc[m.head].dep_ in {"nsubj", "nsubjpass"}


def _copy(src: Mention, start: int, end: int, head: int, why: str) -> Mention:
    return Mention(
        start=start,
        end=end,
        head=head,
        code=src.code,
        sector=src.sector,
        name=src.name,
        kb_id=src.kb_id,
        kind=src.kind,
        number=src.number,
        gender=src.gender,
        title=src.title,
        why=[why, *src.why[:2]],
    )


def _agent_of(owner: Mention, m: Mention, start: int, why: str, sector: str | None) -> Mention:
    """Agent mention ``m`` coded as ``owner``'s ("their governments", "officials in these
    countries"): the owner's country, ``m``'s own role (``sector`` when it has none)."""
    x = _copy(owner, start, m.end, m.head, why)
    x.sector, x.kind, x.number = m.sector or sector, m.kind, m.number
    x.name = x.kb_id = None
    return x


def _antecedents(pron: Token, earlier: list[Mention], doc: Doc, sents: list[int]) -> list[Mention]:
    """The nearest compatible actor; within one sentence a subject is preferred over a
    nearer non-subject ("Trump spoke with Putin and said he ...": he = Trump)."""
    word = pron.lower_
    found: list[Mention] = []
    for m in reversed(earlier):
        if sents[pron.i] - sents[m.head] > _LOOKBACK_SENTS:
            break
        if found and sents[m.head] != sents[found[0].head]:
            break
        if m.start <= pron.i < m.end or m.locative:
            continue
        uncoded_person = m.kind == "person" and not (m.emit and m.code)
        if (not m.emit or not m.code) and not uncoded_person:
            continue
        if not _compatible(word, m) or _same_verb(pron, m, doc):
            continue
        found.append(m)
    if not found:
        return []
    subjects = [m for m in found if doc[m.head].dep_ in {"nsubj", "nsubjpass"}]
    best = found[0]
    in_clause = pron.i in {t.i for t in doc[found[0].head].subtree}  # "X, who ... his"
    if (
        word in {"he", "she"}
        and pron.dep_ in {"nsubj", "nsubjpass"}
        and subjects
        and not in_clause
        and doc[found[0].head].dep_ not in {"nsubj", "nsubjpass"}
    ):
        best = subjects[0]
    if not (best.emit and best.code):
        return []  # the pronoun refers to a person the KB cannot code: no guess
    if word in _PLURAL and best.group is not None and best.number != "pl":
        return [x for x in earlier if x.group == best.group and x.emit]
    return [best]


def _is_expletive(tok: Token) -> bool:
    return tok.lower_ == "it" and (
        tok.dep_ == "expl"
        or (tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_ in _EXPLETIVE_HEADS)
    )


def resolve_document(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Resolve surnames, descriptions, pronouns and context countries, in text order."""
    sents = _sent_index(doc)
    by_start = sorted(mentions, key=lambda m: (m.start, m.end))
    taken = {t for m in by_start for t in range(m.start, m.end)}
    heads = {m.head for m in by_start if m.code is None}
    pronouns = [
        t
        for t in doc
        if t.lower_ in PRONOUNS
        and t.pos_ == "PRON"
        and t.i not in taken
        and not _is_expletive(t)
        and not (t.dep_ == "poss" and t.head.i in heads)
    ]
    items: list[Mention | Token] = [*by_start, *pronouns]
    items.sort(key=lambda x: x.start if isinstance(x, Mention) else x.i)
    out: list[Mention] = []
    surnames: dict[str, Mention] = {}
    titles: dict[str, Mention] = {}
    for item in items:
        if isinstance(item, Token):
            for ante in _antecedents(item, out, doc, sents):
                out.append(
                    _copy(
                        ante,
                        item.i,
                        item.i + 1,
                        item.i,
                        f"pronoun {item.text!r} -> {doc[ante.start : ante.end].text!r}",
                    )
                )
            continue
        m = item
        head = doc[m.head]
        # A possessive pronoun on an agent head: "his government", "their governments".
        poss = [c for c in head.lefts if c.dep_ == "poss" and c.lower_ in PRONOUNS]
        if m.code is None and poss:
            antes = _antecedents(poss[0], out, doc, sents)
            for ante in antes:
                why = f"{poss[0].text!r} -> {doc[ante.start : ante.end].text!r}"
                out.append(_agent_of(ante, m, min(m.start, poss[0].i), why, ante.sector))
            if antes:
                continue
        text_key = head.lower_
        if m.kind == "person" and m.end - m.start == 1 and text_key in surnames:
            prev = surnames[text_key]
            if prev.kb_id != m.kb_id or m.code is None:
                m = _copy(
                    prev,
                    m.start,
                    m.end,
                    m.head,
                    f"surname {head.text!r} -> {prev.name or prev.kb_id}",
                )
        elif m.kind == "person" and m.code is None and m.title and m.title in titles:
            has_det = any(doc[t].lower_ in {"the", "this", "that"} for t in range(m.start, m.end))
            if has_det:
                prev = titles[m.title]
                m = _copy(
                    prev,
                    m.start,
                    m.end,
                    m.head,
                    f"description {doc[m.start : m.end].text!r} -> {prev.name}",
                )
        elif (
            m.code is None
            and head.lemma_.lower() in GROUP_HEADS | BODY_HEADS
            and any(doc[t].lower_ in {"the", "this", "that"} for t in range(m.start, m.end))
        ):
            body = head.lemma_.lower() in BODY_HEADS
            prev_g = next(
                (
                    p
                    for p in reversed(out)
                    if p.kind in {"group", "org"}
                    and (body or p.code not in {"UNO", "EUR", "IGO"})
                    and p.code
                    and sents[m.head] - sents[p.head] <= _LOOKBACK_SENTS
                ),
                None,
            )
            if prev_g is not None:
                m = _copy(
                    prev_g,
                    m.start,
                    m.end,
                    m.head,
                    f"description {doc[m.start : m.end].text!r} -> {prev_g.name}",
                )
        elif m.kind == "description":
            prev_c = next(
                (p for p in reversed(out) if p.code and p.code not in TRANSNATIONAL), None
            )
            if prev_c is not None and head.dep_ != "poss":
                m.code, m.sector, m.kind = prev_c.code, "GOV", "country"
                m.emit = True
                m.why.append(f"'{doc[m.start : m.end].text}' -> {prev_c.code}")
        named = _these_countries(doc, m, out, sents) if m.code is None and m.emit else []
        for country in named:
            # "officials in these countries": one mention per country the text just named.
            why = f"{doc[m.start : m.end].text!r} in the countries just named: {country.code}"
            out.append(_agent_of(country, m, m.start, why, "GOV"))
        if named:
            continue
        owner = _of_owner(doc, m, mentions) if m.code is None and m.emit else None
        if owner is not None and m.kind in {"agent", "person"}:
            # "Foreign ministers of the Group of Seven", "the head of the IAEA": whose they are.
            m.code = owner.code
            m.why.append(f"'of {doc[owner.start : owner.end].text}': {owner.code}")
        if m.code is None and m.kind in {"agent", "person"} and m.emit:
            ctx = _context_country(m, out, mentions, sents)
            if head.lemma_.lower() in _EXECUTIVES and m.kind == "agent":
                # "the administration": whose government the text is about, not the nearest
                # country named ("... Guatemala ... the administration's vision").
                ctx = _leader_country(m, out, doc, sents) or ctx
            if ctx is not None:
                m.code = ctx.code
                m.borrowed = True
                m.why.append(f"no country in the phrase: nearest country named nearby, {ctx.code}")
        if (m.kind == "person" and m.code and m.kb_id is None) or (
            m.kind == "person" and m.name and m.code
        ):
            surname = doc[m.end - 1]
            if surname.pos_ == "PROPN":
                surnames.setdefault(surname.lower_, m)
                surnames[surname.lower_] = m
        if m.title and m.code:
            titles[m.title] = m
        out.append(m)
    return out


_POLITY_WORDS = {"country", "nation", "state", "government"}


def _these_countries(
    doc: Doc, m: Mention, earlier: list[Mention], sents: list[int]
) -> list[Mention]:
    """ "government officials in these countries": the countries named (as actors, not as
    places) in the sentences before, most recent first, when at least two are; not those of
    the actors before it in its own sentence."""
    head = doc[m.head]
    # The parser may hang the phrase on the verb ("placed officials in these countries on").
    preps = [*head.children, *(c for c in head.head.children if c.i == m.end)]
    refers = any(
        p.lemma_.lower() in _POLITY_WORDS
        and p.tag_ == "NNS"
        and any(d.lower_ in {"these", "those"} for d in p.children)
        for prep in preps
        if prep.dep_ == "prep" and prep.lower_ in {"in", "of", "from"}
        for p in prep.children
        if p.dep_ == "pobj"
    )
    if not refers:
        return []
    found: dict[str, Mention] = {}
    last_sent: int | None = None
    # Not the country of whoever acts on them in this sentence ("Biden placed officials in
    # these countries": not the US).
    own = {p.code for p in earlier if sents[p.head] == sents[m.head] and p.code}
    for p in reversed(earlier):
        gap = sents[m.head] - sents[p.head]
        if gap == 0 or p.code in own:
            continue
        if gap > _LOOKBACK_SENTS or (len(found) >= 2 and sents[p.head] != last_sent):
            break
        if p.kind == "country" and p.code and p.code not in TRANSNATIONAL and not p.locative:
            found.setdefault(p.code, p)
            last_sent = sents[p.head]
    return list(reversed(found.values())) if len(found) >= 2 else []


def _of_owner(doc: Doc, m: Mention, everything: list[Mention]) -> Mention | None:
    """The coded organisation or country an "of" phrase on the mention's head names."""
    for prep in doc[m.head].children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for x in everything:
                if x.code and not x.locative and x.start <= pobj.i < x.end and x is not m:
                    return x
    return None


def _context_country(
    m: Mention, earlier: list[Mention], everything: list[Mention], sents: list[int]
) -> Mention | None:
    """The country of a place attached to the phrase ("protesters in Nairobi"), else the
    nearest country named before it in the same or the two previous sentences, else the
    first one after it in the same sentence."""
    here = sents[m.head]
    candidates = [x for x in everything if x.code and x.code not in TRANSNATIONAL and x is not m]
    attached = [x for x in candidates if x.locative and x.start >= m.end and doc_head_chain(x, m)]
    if attached:
        return attached[0]
    before = [x for x in candidates if x.end <= m.start and here - 2 <= sents[x.head] <= here]
    if before:
        return before[-1]
    after = [x for x in candidates if x.start >= m.end and sents[x.head] == here]
    return after[0] if after else None


def _leader_country(
    m: Mention, earlier: list[Mention], doc: Doc, sents: list[int]
) -> Mention | None:
    """The nearest earlier government person or named executive ("President Joe Biden",
    "the Biden team", "the US government") within the last sentences."""
    here = sents[m.head]
    for x in reversed(earlier):
        if here - sents[x.head] > _LOOKBACK_SENTS + 3:
            break
        if not x.code or x.code in TRANSNATIONAL or not x.emit or x.locative:
            continue
        lemma = doc[x.head].lemma_.lower()
        if (x.kind == "person" and x.sector == "GOV") or (
            lemma in _EXECUTIVES | {"team"} and x.end - x.start > 1
        ):
            return x
    return None


_EXECUTIVES = {"administration", "government", "regime", "cabinet", "presidency"}


def doc_head_chain(place: Mention, m: Mention) -> bool:
    """Whether the place's preposition hangs on the mention's head (set by the caller)."""
    return place.attached_to == m.head
