"""Source and target from syntax (events/roles.py), with the real spaCy model and actors stage.

The cases test the roles of a given trigger word, not the classifier: each sentence is parsed,
its actors found, and the trigger's roles read as the event coder reads them (mentions plus
uncoded names, ``verb_roles``/``noun_roles``, then the coder's target filter). Codes are
compared as sets, as ``whimbrel eval events`` does.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from whimbrel.actors import find_actors
from whimbrel.events.extract import _targets, mentions
from whimbrel.events.nominal import noun_roles
from whimbrel.events.perspective import giver_first, threatened, visitor_first
from whimbrel.events.roles import Roles, verb_roles
from whimbrel.nlp import Document, parse
from whimbrel.records import Article

DAY = dt.date(2024, 3, 1)


def roles_of(nlp: Language, text: str, trigger: str, event_type: str = "ACCUSE") -> Roles:
    article = Article.from_text(text, published=DAY)
    document = next(parse([article], nlp))
    document.actors = find_actors(document)
    document = Document(document.article, document.doc, mentions(document))
    toks = [t for t in document.doc if t.text == trigger]
    assert toks, f"no token {trigger!r}"
    tok = toks[0]
    verbal = tok.pos_ in {"VERB", "AUX"}
    roles = verb_roles(tok, document.actors) if verbal else noun_roles(tok, document.actors)
    roles = visitor_first(roles, tok, event_type)
    roles = giver_first(roles, tok, event_type, document.actors)
    roles = threatened(roles, tok, event_type, document.actors)
    roles.target = _targets(roles, event_type, tok.doc)
    return roles


def codes(actors: list) -> set[str]:
    return {a.code for a in actors if a.code}


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "source", "target"),
    [
        # passive with a "by" agent
        (
            "Three Russian banks were sanctioned by the U.S. Treasury Department on Friday.",
            "sanctioned",
            "SANCTION",
            {"USA"},
            {"RUS"},
        ),
        # the country of a thing done to: possessor, adjective ("Estonia's removal")
        # the parser's dative is the preposition: its object is the target
        (
            "Vietnam granted amnesty to more than 3,700 Vietnamese prisoners.",
            "granted",
            "CONCEDE",
            {"VNM"},
            {"VNM"},
        ),
        # "at demonstrators marching": the participle's subject is the target
        (
            "Kenyan police fired tear gas at Kenyan demonstrators marching toward parliament.",
            "fired",
            "ASSAULT",
            {"KEN"},
            {"KEN"},
        ),
        (
            "The Kremlin denounced Estonia's removal of Soviet war memorials.",
            "denounced",
            "ACCUSE",
            {"RUS"},
            {"EST"},
        ),
        (
            "Israel refused to accept an Egyptian proposal for a truce.",
            "refused",
            "REJECT",
            {"ISR"},
            {"EGY"},
        ),
        # a country adjective on a weapon acts ("Russian missiles struck")
        (
            "Russian missiles struck a shopping centre in Kremenchuk on Monday.",
            "struck",
            "ASSAULT",
            {"RUS"},
            set(),
        ),
        # a city as what is attacked, named by "the city of"
        (
            "Sudan's paramilitary Rapid Support Forces attacked the city of El Fasher.",
            "attacked",
            "ASSAULT",
            {"SDN"},
            {"SDN"},
        ),
        # places after "in" are where, not whom
        (
            "Gen Z protesters marched in Rabat and Casablanca for a fifth day.",
            "marched",
            "PROTEST",
            {"MAR"},
            set(),
        ),
        (
            "EU agriculture ministers met in Brussels on Monday.",
            "met",
            "CONSULT",
            {"EUR"},
            set(),
        ),
        # the agent of an act that is the object is whom the event answers
        (
            "Ghana's foreign ministry condemned the treatment of Ghanaian traders by Togolese "
            "security forces.",
            "condemned",
            "ACCUSE",
            {"GHA"},
            {"TGO"},
        ),
        (
            "Israeli Prime Minister Benjamin Netanyahu turned down a compromise proposed by "
            "President Isaac Herzog.",
            "turned",
            "REJECT",
            {"ISR"},
            {"ISR"},
        ),
        # a capital after "from" on a noun is an actor ("a proposal from Kyiv")
        (
            "The Kremlin rejected a proposal from Kyiv for an exchange of occupied territory.",
            "rejected",
            "REJECT",
            {"RUS"},
            {"UKR"},
        ),
        # a same-country target named in its own right stays
        (
            "Texas officials accused the Biden administration of failing to secure the border.",
            "accused",
            "ACCUSE",
            {"USA"},
            {"USA"},
        ),
        # captives released by their own country's police stay targets
        (
            "Police in Belarus freed more than 1,000 detained protesters.",
            "freed",
            "RETREAT",
            {"BLR"},
            {"BLR"},
        ),
        # ... but a state's own forces moved are not
        (
            "Bangladesh sent soldiers to all districts.",
            "sent",
            "MOBILIZE",
            {"BGD"},
            set(),
        ),
        # coordinated country adjectives, coordinated names across a misread apposition
        (
            "Ukrainian and Russian troops withdrew from the demilitarised zone.",
            "withdrew",
            "RETREAT",
            {"UKR", "RUS"},
            set(),
        ),
        (
            "President Vladimir Putin and Turkish President Recep Tayyip Erdogan discussed "
            "grain exports in a phone call.",
            "discussed",
            "CONSULT",
            {"RUS", "TUR"},
            set(),
        ),
        # a list in apposition after "into the United States" names who, not where
        (
            "Four of the countries responsible for migration into the United States — Mexico, "
            "Honduras and Guatemala — are not sending their presidents.",
            "sending",
            "REJECT",
            {"MEX", "HND", "GTM"},
            set(),
        ),
        # "from" phrases on people name their country
        (
            "Troops from Kyrgyzstan pulled back from the disputed border area.",
            "pulled",
            "RETREAT",
            {"KGZ"},
            set(),
        ),
        # a dateline is not an actor
        (
            "WASHINGTON (Reuters) - Russian forces bombarded Kharkiv on Monday.",
            "bombarded",
            "ASSAULT",
            {"RUS"},
            {"UKR"},
        ),
        # a pronoun in the next sentence
        (
            "Hungarian Prime Minister Viktor Orban arrived in Brussels. He vetoed an aid "
            "package for Ukraine.",
            "vetoed",
            "REJECT",
            {"HUN"},
            {"UKR"},
        ),
        # a visit: the visitor acts, the host is the target (PLOVER manual, CONSULT)
        (
            "Tunisian President Kais Saied received Italian Prime Minister Giorgia Meloni at "
            "Carthage Palace for talks on migration.",
            "received",
            "CONSULT",
            {"ITA"},
            {"TUN"},
        ),
        (
            "Indonesian President Prabowo Subianto was welcomed in Cairo by President Abdel "
            "Fattah el-Sisi.",
            "welcomed",
            "CONSULT",
            {"IDN"},
            {"EGY"},
        ),
        # the Phoenix alias "south sudan" of SDN no longer wins over SSD
        (
            "South Sudan's government threatened to expel UN peacekeepers.",
            "threatened",
            "THREATEN",
            {"SSD"},
            {"UNO"},
        ),
        # sending: what is sent (the object and its conjuncts) is not the target
        (
            "Cuba flew 40 doctors and nurses to Peru on Sunday to help hospitals in Lima.",
            "flew",
            "AID",
            {"CUB"},
            {"PER"},
        ),
        (
            "Colombia extradited a cartel leader to the United States on Tuesday.",
            "extradited",
            "COOPERATE",
            {"COL"},
            {"USA"},
        ),
        # an attack noun as subject acts through its agent
        (
            "An air strike by Turkish forces on a village in Duhok province killed 4 people.",
            "killed",
            "ASSAULT",
            {"TUR"},
            set(),
        ),
        # a weapon after "with" is an instrument, not a target
        (
            "Azerbaijani forces shelled the village of Sotk with drones overnight.",
            "shelled",
            "ASSAULT",
            {"AZE"},
            set(),
        ),
        # a dateline the parser made the subject is skipped for the real one
        (
            "ACCRA, May 3 (Reuters) - Ghana and Togo agreed on Monday to reopen their shared "
            "border.",
            "agreed",
            "AGREE",
            {"GHA", "TGO"},
            set(),
        ),
        # the possessor of what is given: "wrote off 90 percent of North Korea's debt"
        (
            "Russia wrote off 90 percent of North Korea's Soviet-era debt on Monday.",
            "wrote",
            "AID",
            {"RUS"},
            {"PRK"},
        ),
        # what is sent goes "to help" someone: the helped is the recipient
        (
            "Argentina sent firefighters and two aircraft to help Chile battle forest fires.",
            "sent",
            "AID",
            {"ARG"},
            {"CHL"},
        ),
        # aid diverted "from" one recipient "to" another: not the one it came from
        (
            "The European Union diverted 50 million euros in aid from Niger's junta to the Red "
            "Cross.",
            "diverted",
            "AID",
            {"EUR"},
            {"NGO"},
        ),
        # receiving from a giver: the giver acts, the receiver is the target
        (
            "Malawi received 50,000 tonnes of maize from Tanzania on Thursday.",
            "received",
            "AID",
            {"TZA"},
            {"MWI"},
        ),
        # ... but with no giver named, the receiver gives (refuge)
        (
            "Rwanda received 250 migrants on Thursday.",
            "received",
            "AID",
            {"RWA"},
            {"RWA"},
        ),
        # a threat with no object is against whom its condition asks to act, own
        # government included; without a condition it has no target
        (
            "Kenya's doctors' union threatened a nationwide strike unless the health ministry "
            "paid salary arrears.",
            "threatened",
            "THREATEN",
            {"KEN"},
            {"KEN"},
        ),
        (
            "Turkish President Recep Tayyip Erdogan warned that Ankara would launch a new "
            "offensive if Syria did not rein in Kurdish militias.",
            "warned",
            "THREATEN",
            {"TUR"},
            {"SYR"},
        ),
        (
            "Iran threatened to close the Strait of Hormuz.",
            "threatened",
            "THREATEN",
            {"IRN"},
            set(),
        ),
        # the country adjective of an "of" complement ("purchases of Australian barley")
        (
            "Beijing suspended purchases of Australian barley.",
            "suspended",
            "SANCTION",
            {"CHN"},
            {"AUS"},
        ),
        # lower-case words are no country names ("car bomb" is not CAR, "states" not US)
        (
            "A car bomb exploded at a checkpoint in Mogadishu, killing 9 people.",
            "exploded",
            "ASSAULT",
            set(),
            set(),
        ),
    ],
)
def test_roles(
    nlp: Language, text: str, trigger: str, event_type: str, source: set, target: set
) -> None:
    roles = roles_of(nlp, text, trigger, event_type)
    assert codes(roles.source) == source, [(a.text, a.code) for a in roles.source]
    assert codes(roles.target) == target, [(a.text, a.code) for a in roles.target]


def test_placed_on_a_list_targets_the_people_not_the_list(nlp: Language) -> None:
    """ "placed government officials ... on the US corruption list": the officials."""
    roles = roles_of(
        nlp,
        "As soon as Biden took office, he placed government officials in these countries on "
        "the US corruption list.",
        "placed",
        "SANCTION",
    )
    assert [a.text for a in roles.target] == ["government officials"]


def test_their_own_people_are_not_a_target(nlp: Language) -> None:
    roles = roles_of(
        nlp,
        "Mexico, Honduras and Guatemala are not sending their heads of state.",
        "sending",
        "REJECT",
    )
    assert codes(roles.source) == {"MEX", "HND", "GTM"}
    assert roles.target == []


def test_mobilize_destination_is_not_a_target(nlp: Language) -> None:
    """ "sent troops to Romania": the manual's recipient is whom the forces threaten."""
    roles = roles_of(nlp, "Washington sent 2,000 troops to Romania on Friday.", "sent", "MOBILIZE")
    assert codes(roles.source) == {"USA"}
    assert roles.target == []
