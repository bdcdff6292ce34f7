"""Event typing, roles, status and attribution on sentences of our own."""

from __future__ import annotations

import pytest
from conftest import extract

from observatory import nlp, pipeline, readers

PLOVER = {
    "AGREE": ("Israel and Egypt signed a peace agreement in Washington on Monday.", "ISR", "EGY"),
    "CONSULT": (
        "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin.",
        "DEU",
        "FRA",
    ),
    "SUPPORT": ("The European Union praised Kenya for holding peaceful elections.", "IGO", "KEN"),
    "CONCEDE": ("The Egyptian government released 40 political prisoners on Friday.", "EGY", None),
    "COOPERATE": ("Police in Spain and France cooperated to dismantle a smuggling network.", "ESP", None),
    "AID": ("Japan sent humanitarian aid to Bangladesh after the floods.", "JPN", "BGD"),
    "RETREAT": ("Russian troops withdrew from the city of Kherson in November.", "RUS", None),
    "REQUEST": (
        "The UN Security Council urged Myanmar to allow aid workers into Rakhine State.",
        "IGO",
        "MMR",
    ),
    "ACCUSE": ("Iran accused Israel of carrying out the attack.", "IRN", "ISR"),
    "REJECT": ("North Korea rejected the proposal from South Korea.", "PRK", None),
    "THREATEN": (
        "Turkey threatened to launch a military operation against Kurdish fighters in Syria.",
        "TUR",
        None,
    ),
    "PROTEST": (
        "Thousands of protesters demonstrated in Caracas against President Nicolas Maduro.",
        "VEN",
        None,
    ),
    "SANCTION": ("The United States imposed sanctions on Venezuelan officials.", "USA", "VEN"),
    "MOBILIZE": ("India deployed thousands of troops to the border region of Ladakh.", "IND", None),
    "COERCE": ("Police arrested three opposition activists in Minsk on Sunday.", "BLR", "BLR"),
    "ASSAULT": ("Rebels attacked an army base near Goma, killing six soldiers.", "COD", None),
}


@pytest.mark.parametrize("event_type", sorted(PLOVER))
def test_every_plover_type(event_type):
    sentence, actor, recipient = PLOVER[event_type]
    events = [e for e in extract(sentence).events if e.event_type == event_type]
    assert events, f"no {event_type} in {sentence!r}"
    assert events[0].actor is not None and events[0].actor.country == actor
    if recipient:
        assert any(e.recipient and e.recipient.country == recipient for e in events)


def test_every_plover_type_has_a_cameo_code():
    from observatory.events import trigger_lexicon

    types = {t.event_type for t in trigger_lexicon().values()}
    assert types == set(PLOVER)
    assert all(t.cameo and t.cameo.isdigit() for t in trigger_lexicon().values())


@pytest.mark.parametrize(
    "sentence,acled",
    [
        (
            "Government troops recaptured the town of Palmyra from the militants on Sunday.",
            "Government regains territory",
        ),
        (
            "Islamic State fighters seized the town of Palmyra on Sunday.",
            "Non-state actor overtakes territory",
        ),
        ("Saudi warplanes carried out an air strike on a market in Saada.", "Air/drone strike"),
        (
            "Rebels shelled the government-held district of Aleppo overnight.",
            "Shelling/artillery/missile attack",
        ),
        ("Riot police arrested dozens of students in Dhaka.", "Arrests"),
        ("Insurgents blew up a railway bridge near Kandahar on Tuesday.", "Remote explosive/landmine/IED"),
    ],
)
def test_acled_sub_event_types(sentence, acled):
    assert acled in {e.acled_sub_event_type for e in extract(sentence).events}


@pytest.mark.parametrize(
    "sentence,status",
    [
        ("The foreign ministers will meet in Vienna next week.", "planned"),
        ("Talks between the two sides are scheduled for March 20.", "planned"),
        ("The president did not meet the opposition leader.", "negated"),
        ("Rebels did not attack the convoy.", "negated"),
        ("The militia never tried to storm the airport.", "negated"),
        ("Rebel commanders did not try to ambush the convoy near Goma.", "negated"),
        ("There was no attack on the aid convoy near Bukavu.", "negated"),
        (
            "Turkish troops would attack Kurdish fighters if they crossed the river, the minister said.",
            "hypothetical",
        ),
        ("Police are investigating whether gunmen attacked the convoy near Goma.", "hypothetical"),
        ("The envoy left Vienna a day before a meeting on trade to be held in Berlin.", "planned"),
        ("Diplomats prepared for talks with Iran to begin in Vienna on Monday.", "planned"),
        ("Government forces are besieging the city of Homs.", "ongoing"),
        ("Police arrested the mayor of Kabul on Friday.", "occurred"),
    ],
)
def test_status(sentence, status):
    events = extract(sentence).events
    assert events and status in {e.status for e in events}


@pytest.mark.parametrize(
    "sentence,status",
    [
        ("A teenager tried to blow up a fish market in Harwich on Saturday.", "occurred"),
        ("Gunmen had attempted to kill the mayor of Harwich.", "occurred"),
        ("Gunmen might have tried to kill the mayor of Harwich.", "hypothetical"),
        ("The minister tried to meet the mayor of Harwich.", "hypothetical"),
    ],
)
def test_an_attack_tried_is_an_attack_made(sentence, status):
    [event] = extract(sentence).events
    assert event.status == status


def test_a_question_whether_something_was_an_attack_asserts_none():
    text = "The officials said it remained unclear whether it was an attack by rebels near Goma."
    assert [e.status for e in extract(text).events if e.event_type == "ASSAULT"] in ([], ["hypothetical"])


@pytest.mark.parametrize(
    "sentence",
    [
        "The county fair was cancelled following a shooting at the fairground in Wichita.",
        "Lessons were called off because of the riots in Marseille.",
    ],
)
def test_a_landmark_is_not_negated_with_the_clause_it_dates(sentence):
    [event] = extract(sentence).events
    assert event.event_type in ("ASSAULT", "PROTEST") and event.status == "occurred"


@pytest.mark.parametrize(
    "sentence",
    [
        "The county shut the ferry terminal on Tuesday to allow engineers to begin an inspection.",
        "Police closed the avenue in Accra to let the demonstrators march to the parliament building.",
        "The board postponed its ruling in order to let the tenants' union negotiate with the landlord.",
    ],
)
def test_a_permission_given_as_a_purpose_is_no_event(sentence):
    assert extract(sentence).events == []


def test_passive_voice_puts_the_agent_first():
    events = extract("Three journalists were detained by Egyptian police in Cairo.").events
    coerce = [e for e in events if e.event_type == "COERCE"]
    assert coerce and coerce[0].actor.country == "EGY" and coerce[0].actor.sector == "COP"
    assert coerce[0].recipient.sector == "MED"


def test_reported_speech_is_attributed_to_the_speaker_not_the_actor():
    events = extract(
        "Rebels attacked a checkpoint near Idlib on Monday, the Syrian Observatory for Human Rights said."
    ).events
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and assault[0].actor.sector == "REB"
    assert assault[0].attribution["source"] == "Syrian Observatory for Human Rights"


def test_no_event_in_a_sentence_that_reports_none():
    assert extract("The weather in Geneva was mild and sunny for most of the week.").events == []


def test_typer_is_chosen_by_name():
    from observatory import events

    assert "lexicon" in events.event_typers.get_all()
    typer = events.get_typer("lexicon")
    assert callable(typer)


def test_joint_actors_meet_pairwise():
    events = extract("France, Germany and Italy met in Brussels on Tuesday to discuss energy prices.").events
    pairs = {
        frozenset((e.actor.country, e.recipient.country))
        for e in events
        if e.event_type == "CONSULT" and e.actor and e.recipient
    }
    assert pairs == {frozenset(p) for p in (("FRA", "DEU"), ("FRA", "ITA"), ("DEU", "ITA"))}


def test_a_casualty_in_a_headline_is_the_target_not_the_actor():
    events = extract("Twelve Nigerian soldiers killed in an ambush near Maiduguri").events
    assert events and all(e.actor is None or "soldiers" not in e.actor.text for e in events)
    assert any(e.recipient and e.recipient.country == "NGA" for e in events)


def test_a_restated_attack_is_one_event_with_its_mentions():
    text = (
        "Insurgents attacked a police station in Kirkuk on Sunday, killing three officers. "
        "Police said the insurgents attacked the station with grenades and killed five officers."
    )
    assaults = [e.record() for e in extract(text).events if e.event_type == "ASSAULT" and e.recipient]
    assert len(assaults) == 1
    assert assaults[0]["fatalities"] == 5 and len(assaults[0]["mentions"]) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor said he is not afraid to fight the cartels.",
        "The navy is able to strike ships anywhere in the gulf.",
        "The opposition wants to attack the ruling party's headquarters.",
    ],
)
def test_wished_or_possible_action_is_no_event(sentence):
    assert not [e for e in extract(sentence).events if e.event_type == "ASSAULT"]


def test_a_vow_to_fight_is_a_planned_threat():
    events = extract("The militia leader vowed to fight the army until the last man.").events
    assert [(e.event_type, e.status) for e in events] == [("THREATEN", "planned")]


def test_the_claimant_of_an_attack_is_its_actor_and_its_source():
    events = extract("The Shabaab militia claimed the attack on an army convoy near Mogadishu.").events
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert attack.actor is not None and "Shabaab" in attack.actor.text
    assert attack.attribution and "claimed" in attack.attribution["text"]


def test_a_claimed_attack_is_reported_with_whom_its_clause_says_it_struck():
    # the sentence's main event is the claim, a statement; the attack it claims is reported all the same
    (attack,) = extract(
        "Boko Haram claimed responsibility for the attack, which killed nine policemen."
    ).events
    assert attack.event_type == "ASSAULT" and attack.actor.text == "Boko Haram"
    assert attack.recipient.text == "nine policemen" and attack.fatalities.count == 9


def test_a_stated_determination_to_fight_is_no_assault():
    events = extract(
        "The two presidents stressed their determination to defeat the insurgents in the north."
    ).events
    assert not [e for e in events if e.event_type == "ASSAULT"]


def test_an_agentless_arrest_is_made_by_the_local_police():
    events = extract("Two men were arrested in Lyon after the robbery of a jeweller.").events
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.actor is not None and (arrest.actor.sector, arrest.actor.country) == ("COP", "FRA")


def test_generic_agents_take_the_country_the_report_is_about():
    text = (
        "Violence flared again in Nairobi on Tuesday.\n"
        "Protesters threw stones at police officers near the parliament."
    )
    stones = next(e for e in extract(text).events if e.event_type in ("ASSAULT", "PROTEST"))
    assert stones.actor is not None and stones.actor.country == "KEN"


def test_the_first_of_two_joined_killing_verbs_is_active():
    events = extract("Soldiers shot and wounded a smuggler near the border town of Ciudad Juarez.").events
    shot = next(e for e in events if e.trigger == "shot")
    assert shot.actor is not None and shot.actor.sector == "MIL"


def test_a_phone_conversation_is_a_consultation_of_both_parties():
    events = extract(
        "The Indian foreign minister and his Chinese counterpart spoke by telephone on Friday."
    ).events
    consult = [e for e in events if e.event_type == "CONSULT"]
    assert consult and {consult[0].actor.country, consult[0].recipient.country} == {"IND", "CHN"}


def test_a_call_framing_a_verb_has_the_verb_subject_as_party():
    events = extract(
        "Japanese Prime Minister Fumio Kishida discussed fishing rights in a phone call with Australia "
        "on Monday."
    ).events
    consult = next(e for e in events if e.event_type == "CONSULT")
    assert consult.actor is not None and consult.actor.country == "JPN"


def test_a_surname_stands_for_the_titled_earlier_mention():
    text = (
        "Egyptian Foreign Minister Sameh Shoukry arrived in Rome on Monday.\n"
        "Shoukry later met with Italian officials to discuss migration."
    )
    consult = next(e for e in extract(text).events if e.trigger == "met")
    assert consult.actor is not None and consult.actor.country == "EGY"


def test_victims_joined_in_one_phrase_are_one_event():
    events = extract("Gunmen killed four farmers and a trader near Maiduguri in Nigeria on Sunday.").events
    assert len([e for e in events if e.event_type == "ASSAULT"]) == 1


def test_a_partyless_restatement_folds_into_the_reported_event():
    text = (
        "Suspected militants bombed a police station in Quetta, Pakistan, on Tuesday.\n"
        "The bombing was the third in the city this month."
    )
    assaults = [e for e in extract(text).events if e.event_type == "ASSAULT"]
    assert len(assaults) == 1


def test_an_uncoded_private_person_is_a_local_civilian():
    events = extract("A man stabbed three shoppers at a market in Izmir, Turkey, on Saturday.").events
    stab = next(e for e in events if e.event_type == "ASSAULT")
    assert stab.actor is not None and (stab.actor.sector, stab.actor.country) == ("CVL", "TUR")


def test_workers_striking_is_a_protest_and_jets_striking_is_not():
    events = extract("Hundreds of port workers in Rotterdam are preparing to strike next week.").events
    assert [(e.event_type, e.status) for e in events] == [("PROTEST", "planned")]
    assert not [
        e for e in extract("The jets struck a bridge in the north.").events if e.event_type == "PROTEST"
    ]


def test_who_got_into_a_gunfight_is_its_actor():
    events = extract("Rebels engaged in heavy fighting with troops near Goma in Congo.").events
    fight = next(e for e in events if e.event_type == "ASSAULT")
    assert fight.actor is not None and fight.actor.sector == "REB"


def test_the_side_a_place_was_taken_from_is_the_recipient():
    events = extract("Rebels recaptured the village of Kafr Nabudah from government forces in Syria.").events
    capture = next(e for e in events if e.acled_sub_event_type)
    assert capture.recipient is not None and capture.recipient.country == "SYR"


def test_a_recapture_is_taken_from_the_earlier_captor():
    text = (
        "Government troops seized the town of Saraqib in Syria on Monday. "
        "Rebels recaptured Saraqib on Wednesday, activists said."
    )
    found = extract(text, published="2020-03-05").events
    taken = sorted((e for e in found if e.mode == "occupy"), key=lambda e: e.sent_start)
    assert len(taken) == 2 and taken[0].actor.country == "SYR"
    assert taken[1].actor.sector == "REB" and taken[1].recipient is taken[0].actor


@pytest.mark.parametrize(
    "sentence,forgone",
    [
        ("The rebels attacked the convoy instead of negotiating with the government.", "CONSULT"),
        ("The army shelled the town rather than negotiate with the militia.", "CONSULT"),
        ("Instead of sanctions, Germany offered talks with Iran.", "SANCTION"),
    ],
)
def test_the_alternative_not_taken_is_no_event(sentence, forgone):
    events = extract(sentence).events
    assert events and not [e for e in events if e.event_type == forgone and e.status == "occurred"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The FBI agrees with the CIA's conclusion that the hackers worked for Moscow.",
        "The ministry released a statement on its website on Monday.",
        "A police official who asked not to be named told reporters the bomb was large.",
        "It is a country in which a great deal of money is spent on roads.",
    ],
)
def test_words_that_look_like_actions_but_report_none(sentence):
    assert not [e for e in extract(sentence).events if e.event_type in ("AGREE", "CONCEDE", "REQUEST")]


def test_a_released_prisoner_is_still_a_concession():
    events = extract("The government released 200 political prisoners on Monday.").events
    assert [e.event_type for e in events] == ["CONCEDE"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A gas leak caused an explosion that killed five workers at a factory in Tianjin.",
        "An explosion at a chemical plant killed 12 people in Jiangsu on Monday.",
        "A boiler explosion killed three workers in Dhaka.",
    ],
)
def test_an_industrial_accident_is_no_attack(sentence):
    assert not [e for e in extract(sentence).events if e.event_type == "ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A 70-year-old man was hit by a bus and killed while crossing a road in Accra on Monday.",
        "A teenager was killed after being struck by a train near Kumasi.",
        "A nurse died after she was hit by a lorry in Tamale.",
    ],
)
def test_a_person_a_vehicle_hit_met_with_an_accident_not_an_attack(sentence):
    assert not [e for e in extract(sentence).events if e.event_type == "ASSAULT"]


def test_a_blast_with_no_cause_named_or_a_bomber_is_still_an_attack():
    assert [e for e in extract("A bomb blast at a factory killed 12 people in Quetta.").events]
    assert [e for e in extract("A blast killed 20 worshippers at a church in Lahore on Sunday.").events]


def test_the_possessor_of_an_act_done_to_someone_is_its_target():
    events = extract("The general's assassination by a rebel sniper shocked Kabul.").events
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert attack.recipient is not None and "general" in attack.recipient.text
    assert attack.actor is not None and "sniper" in attack.actor.text


def test_a_promised_response_to_a_wrong_is_a_planned_threat():
    events = extract("The president promised a proportional response to the cyber attacks on Monday.").events
    assert ("THREATEN", "planned") in {(e.event_type, e.status) for e in events}
    assert "AGREE" not in {e.event_type for e in events}


def test_what_a_speaker_calls_an_event_is_no_further_event():
    events = extract(
        "Putin described the killing as an attempt to damage ties “and to thwart a peace process.”"
    ).events
    assert not [e for e in events if e.event_type == "COERCE"]


def test_what_a_speaker_calls_a_coup_holds_no_arrest():
    events = extract(
        "Erdogan described the coup as an attempt to topple the government and to arrest ministers."
    ).events
    assert not [e for e in events if e.event_type == "COERCE"]


def test_an_accusation_in_a_reduced_relative_has_no_accuser_from_the_main_clause():
    events = extract("Police in Berlin detained two men accused of plotting a bomb attack.").events
    assert not [e for e in events if e.event_type == "ACCUSE" and e.actor and e.actor.sector == "COP"]


def test_a_title_and_name_the_parser_split_are_one_conjunct():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from observatory.roles import conjuncts

    words = ["he", "and", "Turkish", "President", "Recep", "Erdogan", "agreed"]
    heads = [6, 0, 3, 0, 5, 0, 6]
    deps = ["nsubj", "cc", "amod", "conj", "compound", "conj", "ROOT"]
    pos = ["PRON", "CCONJ", "ADJ", "PROPN", "PROPN", "PROPN", "VERB"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t in conjuncts(doc[0])] == ["he", "Erdogan"]
    doc = Doc(
        Vocab(),
        words=["Russia", ",", "Iran", "and", "Turkey"],
        heads=[0, 0, 0, 2, 2],
        deps=["ROOT", "punct", "conj", "cc", "conj"],
        pos=["PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN"],
    )
    assert [t.text for t in conjuncts(doc[0])] == ["Russia", "Iran", "Turkey"]


def test_a_standing_relation_in_the_present_is_background_but_not_in_the_lede():
    text = (
        "Syrian troops shelled rebel positions near Hama on Monday. Iran backs the Syrian government, "
        "and Turkey supports some of the rebel groups. The rebels fired rockets at an army post on Tuesday."
    )
    types = [e.event_type for e in extract(text).events]
    assert "SUPPORT" not in types and types.count("ASSAULT") >= 1
    assert "SUPPORT" in {e.event_type for e in extract("Iran backs the Syrian government in its war.").events}


def test_a_present_relative_clause_describes_its_noun():
    text = (
        "Police detained 40 people in Ankara on Monday. They are followers of a cleric whom the government "
        "accuses of plotting the coup."
    )
    assert "ACCUSE" not in {e.event_type for e in extract(text).events}


def test_a_lone_gunman_is_no_member_of_the_group_named_earlier():
    text = (
        "Islamic State fighters attacked a village near Mosul last week. In Ankara on Monday, the gunman "
        "got into a shootout with police."
    )
    shootout = [e for e in extract(text).events if e.actor and e.actor.text.lower() == "the gunman"]
    assert shootout and shootout[0].actor.country != "ISIL"


@pytest.mark.parametrize(
    "sentence",
    [
        "Macron loves to play guitar and sing.",
        "Merkel likes to hike in the Alps with her husband.",
    ],
)
def test_a_state_of_mind_is_no_event(sentence):
    assert extract(sentence).events == []


def test_demonstrating_a_skill_is_no_protest():
    events = extract("Students in Toronto demonstrated great skill at the national robotics contest.").events
    assert "PROTEST" not in {e.event_type for e in events}
    assert "PROTEST" in {e.event_type for e in extract("Students demonstrated in Toronto on Monday.").events}


def test_a_driver_killed_after_crashing_is_no_attack():
    events = extract("Police said a man was killed after crashing his car on a highway in Ohio.").events
    assert "ASSAULT" not in {e.event_type for e in events}


def test_killed_after_firing_at_police_is_still_violence():
    events = extract("A gunman was killed by police after firing at officers in Ohio on Monday.").events
    assert "ASSAULT" in {e.event_type for e in events}


def test_a_preposition_before_the_verb_makes_no_phrasal_verb():
    events = extract("On Friday evening, city police were called to a house in Winnipeg.").events
    assert "REQUEST" not in {e.event_type for e in events}
    events = extract("On Friday, the UN called on Myanmar to end the violence.").events
    assert "REQUEST" in {e.event_type for e in events}


def test_fighting_a_cause_is_no_violence_but_fighting_a_party_is():
    assert not extract("The farmers have fought the dam project in court for years.").events
    assert "ASSAULT" in {e.event_type for e in extract("Rebels fought government troops near Aleppo.").events}


def test_signing_a_note_is_no_agreement():
    assert "AGREE" not in {e.event_type for e in extract("The minister signed an online note as Leo.").events}
    assert "AGREE" in {
        e.event_type for e in extract("Israel and Jordan signed a peace treaty in 1994.").events
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor said Missouri had a lot to offer for them.",
        "Stein says she has gathered enough money to fund a recount in Wisconsin.",
    ],
)
def test_what_is_available_to_do_is_not_done(sentence):
    assert not [e for e in extract(sentence).events if e.event_type in ("AGREE", "AID")]


def test_a_restatement_completes_the_report_with_its_date_and_place():
    text = (
        "Three guards were wounded in a knife attack at a bank in northern Peru, local radio said Tuesday.\n"
        "The attack occurred on Monday evening at a branch in Arequipa."
    )
    events = extract(text).events
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert len(assault) == 1 and len(assault[0].mentions) == 1
    assert assault[0].date["text"] and assault[0].date["precision"] == "day"
    assert assault[0].location.name == "Arequipa"


def test_the_time_of_saying_does_not_date_the_reported_event():
    events = extract("Gunmen killed two officers in Kandahar, the ministry said on Thursday.").events
    assert [e.date["basis"] for e in events if e.event_type == "ASSAULT"] == ["report"]


@pytest.mark.parametrize(
    "sentence,trigger,place",
    [
        ("A bomb blast ripped through a mosque in Quetta on Friday.", "blast", "Quetta"),
        ("An explosion tore through a bus station in Mogadishu.", "explosion", "Mogadishu"),
        ("A shooting at a nightclub in Memphis left two people dead.", "shooting", "Memphis"),
    ],
)
def test_a_happening_named_by_a_noun_is_an_event_with_its_verbs_place(sentence, trigger, place):
    events = [e for e in extract(sentence).events if e.event_type == "ASSAULT"]
    assert events and events[0].trigger == trigger and events[0].location.name == place


def test_an_industrial_explosion_is_no_attack():
    assert not [
        e for e in extract("A gas explosion at a chemical plant in Tianjin killed 12 workers.").events
    ]


def test_the_side_that_lost_ground_is_the_recipient_of_the_capture():
    events = extract(
        "The rebels lost more ground on Sunday as Malian troops captured two villages near Kidal."
    ).events
    captures = [e for e in events if e.mode == "occupy"]
    assert captures and captures[0].recipient is not None and captures[0].recipient.sector == "REB"


def _pairs(sentence: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.actor.country if e.actor else None, e.recipient.country if e.recipient else None)
        for e in extract(sentence).events
    }


def test_a_collective_noun_is_the_agent_that_modifies_it():
    assert _pairs("Opposition groups in Peru are demanding that President Garcia resign.") == {("PER", "PER")}


def test_a_demand_noun_is_addressed_to_the_subject_of_its_clause():
    assert _pairs(
        "The rebel group insisted on its demands that Chad's government release the prisoners."
    ) == {("TCD", "TCD")}


def test_a_threat_is_addressed_to_whom_its_condition_leaves_the_choice():
    assert _pairs("Peru threatened to launch a new offensive unless Bolivia accepted its terms.") == {
        ("PER", "BOL")
    }


def test_a_demanded_clause_names_its_party_inside_its_subject():
    assert "KEN" in {
        e.recipient.country
        for e in extract(
            "Farmers have demanded that control of the Kenyan farm ministry be handed over."
        ).events
        if e.recipient
    }


def test_the_conjunct_of_a_light_verbs_object_takes_its_subject():
    assert ("UGA", "COD") in _pairs(
        "Ugandan troops launched rocket, drone, and mortar fire against Congolese militia camps."
    )


def test_an_ethnic_group_is_of_the_country_it_lives_in():
    assert _pairs("Police killed three ethnic Russians in a clash in eastern Ukraine on Friday.") == {
        ("UKR", "UKR")
    }
    assert _pairs("Ethnic Hungarian guerrillas operating in Slovakia have been disarmed.") == {("SVK", None)}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        (
            "Kurdish refugees began a hunger strike in protest of the Turkish government's refusal.",
            "TUR",
        ),
        ("Hundreds of students blocked streets in Santiago in defiance of Chilean authorities.", "CHL"),
        (
            "Thousands of Kenyans converged on Friday for a rally in Nairobi to protest the new tax law.",
            "KEN",
        ),
    ],
)
def test_a_protest_is_against_whom_its_purpose_names_else_the_own_government(sentence, pair):
    assert {e.recipient.country for e in extract(sentence).events if e.event_type == "PROTEST"} == {pair}


def test_a_protest_abroad_has_no_default_target():
    events = extract("Iranian students protested in London on Saturday.").events
    assert all(e.recipient is None or e.recipient.country != "IRN" for e in events)


def test_a_reporting_clause_names_no_recipient():
    events = extract(
        "Chilean ministers demanded the withdrawal of Argentine troops from the border, officials quoted a "
        "statement as saying."
    ).events
    assert {e.recipient.country for e in events if e.recipient} == {"ARG"}


def test_what_a_side_withdraws_of_its_own_is_no_recipient():
    assert _pairs("Chad withdrew its troops from the Central African Republic.") == {("TCD", "CAF")}


def test_a_demand_noun_with_a_party_for_modifier_is_addressed_to_that_party():
    assert ("SDN", "SDN") in _pairs("The government rejected rebel demands for a ceasefire in Darfur.")
    assert _pairs("Spain said it would not meet the kidnappers demands to free militants held in Mali.") == {
        ("ESP", "MLI")
    }


def test_he_is_a_person_never_a_group_and_a_protest_slogan_is_a_demand():
    events = extract(
        "Angry students from the opposition party have staged rallies in Nairobi against the party's "
        "leader John Kamau, saying he must resign."
    ).events
    assert {(e.event_type, e.actor.country, e.recipient.country) for e in events} == {
        ("PROTEST", "KEN", "KEN"),
        ("REQUEST", "KEN", "KEN"),
    }
    assert not [e for e in extract("Peru said it must protect itself.").events if e.event_type == "REQUEST"]


def test_the_object_of_in_places_a_party_before_a_word_inside_it():
    actors = [
        e.actor for e in extract("A radio station based in Christian east Beirut defied the ban.").events
    ]
    assert [a.country for a in actors if a] == ["LBN"]


def test_hacking_into_a_partys_computers_is_coercion_of_that_party():
    events = extract("Iran tried to hack into the computers of Saudi oil ministry officials.").events
    assert {(e.event_type, e.actor.country, e.recipient.country) for e in events} == {
        ("COERCE", "IRN", "SAU")
    }


def test_a_deployment_is_by_the_forces_deployed_and_towards_the_foreign_country_they_enter():
    assert _pairs("The first deployment of NATO peacekeeping troops has arrived in Kosovo.") == {
        ("IGO", "XKX")
    }
    assert _pairs("Russia sent troops into Georgia on Friday.") == {("RUS", "GEO")}
    assert _pairs("India deployed thousands of troops to the border region of Ladakh.") == {("IND", None)}


def test_she_is_the_person_named_before_by_a_fuller_mention():
    events = extract(
        "Peruvian President Juan Diaz welcomed Foreign Minister Maria Lopez of Chile in Lima. Later Lopez "
        "was leaving the hall when she was attacked."
    ).events
    assert [e.recipient.country for e in events if e.event_type == "ASSAULT" and e.recipient] == ["CHL"]


def test_a_coalition_led_by_a_country_acts_for_it():
    assert _pairs("Saudi-led forces bombed Houthi positions in Yemen.") == {("SAU", "YEM")}
    assert ("USA", "IRQ") in _pairs("U.S.-led coalition aircraft bombed Iraqi air defence sites.")


@pytest.mark.parametrize(
    "sentence",
    ["Police fired at protesters in Lagos.", "The peacekeepers were fired upon by Croatian soldiers."],
)
def test_firing_at_or_upon_someone_is_an_assault(sentence):
    assert {e.event_type for e in extract(sentence).events} == {"ASSAULT"}


def test_sending_peacekeepers_abroad_is_aid_to_the_host_and_refusing_it_rejects_the_host():
    assert _pairs("The African Union sent peacekeepers to Somalia.") == {("IGO", "SOM")}
    events = extract(
        "Chile has refused to deploy peacekeepers in Haiti and has urged its citizens to leave."
    ).events
    assert {(e.event_type, e.recipient.country) for e in events} == {("REJECT", "HTI"), ("REQUEST", "CHL")}


def test_a_titled_person_is_never_a_place():
    assert ("CHN", "JPN") in _pairs(
        "Chinese Premier Li Peng met visiting Japanese Foreign Minister Yohei Kono."
    )


def test_receiving_a_delegation_hosts_a_visit():
    assert _pairs("Kenyan President Daniel arap Moi received a Sudanese delegation in Nairobi.") == {
        ("KEN", "SDN")
    }
    assert not extract("The hospital received a patient on Monday.").events


def test_a_side_withdrawn_or_disarmed_with_no_agent_named_is_the_one_retreating():
    assert _pairs("Forty Dutch peacekeepers were pulled out of the eastern Congolese town of Bunia.") == {
        ("NLD", "COD")
    }
    events = extract("The Kurdish rebels were disarmed by Iraqi troops in Mosul.").events
    assert [(e.actor.text, e.recipient.text) for e in events] == [("Iraqi troops", "The Kurdish rebels")]


def test_a_city_naming_an_accord_is_no_party_to_it():
    assert _pairs("The Organisation of African Unity endorsed the Lusaka peace plan.") == {("IGO", None)}
    assert ("SYR", "USA") in _pairs("Syria rejected Washington's demands.")


def test_old_names_of_states():
    assert ("COD", "RWA") in _pairs("Zaire accused Rwanda of shelling its border towns.")


def test_telling_a_party_to_act_demands_it():
    assert _pairs("Iraq told U.N. weapons inspectors to leave the country.") == {("IRQ", "IGO")}
    assert "REQUEST" not in {
        e.event_type for e in extract("Police told the suspect to show his hands.").events
    }
    assert "REQUEST" not in {
        e.event_type for e in extract("The minister told reporters that Chile would sign the treaty.").events
    }


def test_what_a_party_is_said_to_have_to_do_is_demanded_of_it():
    assert _pairs(
        "The French foreign ministry declared on Monday that Morocco must reopen its border crossings."
    ) == {("FRA", "MAR")}
    assert extract("The finance minister said prices should fall next year.").events == []


def test_a_modifier_keys_its_noun_past_another_modifier():
    events = extract("Chile held joint naval exercises with Peru off Arica on Monday.").events
    assert [(e.event_type, e.actor.country, e.recipient.country) for e in events] == [
        ("COOPERATE", "CHL", "PER")
    ]


def test_exercises_held_by_the_forces_of_two_states_are_military_cooperation():
    events = extract(
        "Chilean and Peruvian warships began five days of war games in the Pacific on Tuesday."
    ).events
    assert [(e.event_type, e.actor.country, e.recipient.country) for e in events] == [
        ("COOPERATE", "CHL", "PER")
    ]
    [alone] = extract("Chilean warships began five days of war games in the Pacific on Tuesday.").events
    assert alone.event_type == "MOBILIZE"


def test_parties_farmers_and_fundamentalists_are_of_the_country_the_report_is_about():
    assert _pairs("The Nigerian government banned all political parties.") == {("NGA", "NGA")}
    assert _pairs(
        "Islamic fundamentalists continued their hunger strike to demand the resignation of the Egyptian "
        "president."
    ) == {("EGY", "EGY")}


def test_the_subject_of_a_receiving_verb_undergoes_the_event_its_object_names():
    assert _pairs("Israel came under rocket fire from Hezbollah guerrillas.") == {("LBN", "ISR")}
    events = extract("The Kenyan opposition faced a crackdown by police.").events
    assert [(e.actor.text, e.recipient.text) for e in events] == [("police", "The Kenyan opposition")]


def test_liberation_movements_and_international_courts_are_coded():
    assert _pairs("The Sudanese government and the SPLA agreed to a ceasefire.") == {("SDN", "SDN")}
    assert _pairs("A Rwandan militia leader was indicted by the U.N. war crimes tribunal last year.") == {
        ("IGO", "RWA")
    }


def test_a_battle_against_a_cause_is_no_assault_but_against_a_party_is():
    assert not extract("The forum said rich nations must help in the battle against the water crisis.").events
    assert not extract("The war on poverty in Kenya has failed.").events
    assert "ASSAULT" in {
        e.event_type for e in extract("The battle against rebels in the north continued.").events
    }


def test_a_restriction_imposed_in_a_state_or_capital_is_imposed_on_its_people():
    assert _pairs("The Kenyan government imposed a curfew in Nairobi.") == {("KEN", "KEN")}
    assert _pairs("President Omar al-Bashir threatened to impose a curfew in Khartoum.") == {("SDN", "SDN")}


def test_workers_stopping_work_strike_against_their_government():
    assert _pairs("Some 20,000 dock workers in Greece stopped work on Monday over a new pension law.") == {
        ("GRC", "GRC")
    }
    assert not extract("The factory stopped work after the fire.").events


def test_a_noun_event_counted_out_by_a_light_verbs_object_takes_its_subject():
    assert ("SDN", "SDN") in _pairs("Rebels launched a wave of attacks on army posts in Darfur.")
    assert _pairs("India and China held a round of talks on the border.") == {("IND", "CHN")}


def test_an_event_the_text_dates_after_publication_is_planned():
    events = extract("Chile and Peru hold talks on the border next month.", published="2020-03-04").events
    assert [(e.event_type, e.status) for e in events] == [("CONSULT", "planned")]


def test_a_place_in_a_victims_locative_or_a_possessive_district_is_the_event_place():
    text = "Gunmen killed four guards and a driver in Mosul's Zuhur district on Tuesday."
    event = next(e for e in extract(text).events if e.event_type == "ASSAULT")
    assert event.location is not None and event.location.name == "Mosul"


def test_a_place_naming_an_organisation_is_not_where_it_happens():
    text = (
        "Protesters marched in Nairobi on Monday. "
        "A spokesman for the Anglican Church of Uganda said the synod would meet. "
        "Hundreds of students gathered outside the embassy on Tuesday."
    )
    found = extract(text).events
    assert found and all(e.location is None or e.location.country != "UGA" for e in found)


def test_a_person_titled_with_an_office_takes_the_country_an_earlier_mention_gives_it():
    text = (
        "Gunmen wounded Norway's consul in Lagos on Friday. "
        "Consul Ingrid Haugland was leaving a reception when she was shot twice."
    )
    shot = next(e for e in extract(text).events if e.event_type == "ASSAULT" and "twice" in e.sentence)
    assert shot.recipient is not None and shot.recipient.country == "NOR"


def test_a_place_someone_shouts_or_a_noun_acts_on_is_not_where_it_happened():
    text = (
        'A soldier stabbed two tourists on Monday, shouting: "Remember Fallujah! Remember Mosul!"\n'
        "Students rallied on Tuesday against the bombing of Raqqa."
    )
    found = extract(text).events
    stabbed = next(e for e in found if e.event_type == "ASSAULT")
    assert stabbed.location is None or stabbed.location.country != "IRQ"
    rallied = next(e for e in found if e.event_type == "PROTEST")
    assert rallied.location is None or rallied.location.name != "Ar Raqqah"


def test_a_capitals_namesake_town_codes_its_own_country():
    text = "LONDON, Ky. - London Police arrested two women at a store on Sunday.\n"
    arrest = next(e for e in extract(text).events if e.event_type == "COERCE")
    assert arrest.actor is not None and arrest.actor.country == "USA"


def test_a_persons_home_is_not_where_the_next_event_happened():
    text = "Police arrested Dale Jones, 52, of Pittsburgh. Jones was charged with robbery on Monday.\n"
    charged = next(e for e in extract(text).events if "charged" in e.sentence)
    assert charged.location is None or charged.location.name != "Pittsburgh"


def test_lifting_is_a_concession_only_when_a_restriction_is_lifted():
    assert not extract("Dozens in the crowd lifted their hands in prayer.").events
    eased = extract("The junta lifted the curfew in the port city on Friday.").events
    assert [e.event_type for e in eased] == ["CONCEDE"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry did not invite the envoy nor do its officials endorse his demands.",
        "The two delegations neither met nor spoke during the summit.",
    ],
)
def test_what_nor_or_neither_joins_did_not_happen(sentence):
    found = extract(sentence).events
    assert found and all(e.status == "negated" for e in found)


def test_an_attack_with_no_named_target_struck_the_people_of_its_place():
    events = extract("A car bomb exploded outside a market in Mogadishu on Sunday.").events
    blast = next(e for e in events if e.event_type == "ASSAULT")
    assert blast.recipient is not None and (blast.recipient.sector, blast.recipient.country) == ("CVL", "SOM")


def test_people_gathered_at_a_protest_are_its_protesters_and_its_aim_no_other_event():
    events = extract(
        "More than 2,000 people gathered on Saturday at a Calgary rally to demand the province scrap a tax."
    ).events
    assert [(e.event_type, e.actor.country, e.location.name) for e in events] == [
        ("PROTEST", "CAN", "Calgary")
    ]


def test_a_headline_participle_with_a_subject_is_a_passive():
    events = extract("Four reporters detained after rally in Minsk").events
    detained = next(e for e in events if e.event_type == "COERCE")
    assert detained.recipient is not None and detained.recipient.text == "Four reporters"
    assert detained.actor is not None and detained.actor.sector == "COP"
    accused = next(e for e in extract("Mayor accused of bribery.").events if e.event_type == "ACCUSE")
    assert accused.actor is None and accused.recipient is not None


def test_an_attack_or_protest_with_unnamed_doers_is_coded_as_acled_codes_it():
    events = extract("A grenade thrown into a crowded bus station in Nairobi wounded nine people.").events
    blast = next(e for e in events if e.event_type == "ASSAULT")
    assert blast.actor is not None and (blast.actor.sector, blast.actor.country) == ("UAG", "KEN")
    events = extract(
        "Thousands took to the streets of Quito on Monday in protest against a fuel price rise."
    ).events
    protest = next(e for e in events if e.event_type == "PROTEST")
    assert (protest.actor.sector, protest.actor.country) == ("OPP", "ECU")
    assert (protest.recipient.sector, protest.recipient.country) == ("GOV", "ECU")


def test_a_saint_a_building_is_named_after_is_not_where_it_stands():
    events = extract(
        "Fear gripped Lagos on Monday. Gunmen attacked the church of St. Paul on Sunday, killing two people."
    ).events
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert attack.location is not None and attack.location.country == "NGA"


def test_a_record_of_acts_someone_has_is_no_event():
    assert not extract("Police said the suspect has three prior arrests for burglary.").events
    assert [e.event_type for e in extract("The two leaders had talks in Geneva on Monday.").events] == [
        "CONSULT"
    ]


def test_what_a_happening_turned_into_happened():
    events = extract("A vigil in Leeds on Monday night soon turned into a riot.").events
    assert [(e.event_type, e.mode) for e in events] == [("PROTEST", "riot")]


def test_a_person_coded_by_a_generic_title_takes_the_country_of_the_report():
    events = extract(
        "In Nairobi on Monday, the president accused presidential candidate Jane Roe of fraud."
    ).events
    accused = next(e for e in events if e.event_type == "ACCUSE")
    assert accused.recipient is not None and accused.recipient.country == "KEN"


def test_an_event_placed_nowhere_in_its_paragraph_happened_in_the_town_the_report_is_set_in():
    text = (
        "A Leeds teenager was charged on Monday after a break-in at a shop in Leeds.\n\n"
        "Officers said a man had stabbed the owner with a screwdriver.\n\n"
        "He will appear before Leeds magistrates on Friday."
    )
    stabbing = next(e for e in extract(text).events if e.event_type == "ASSAULT")
    assert stabbing.location is not None and (stabbing.location.name, stabbing.location.basis) == (
        "Leeds",
        "article",
    )


def test_an_undated_report_takes_the_day_its_lede_gives():
    text = (
        "A march turned violent on Monday night in Leeds.\n\n"
        "Some marchers threw bottles at officers outside the town hall.\n\n"
        "Police arrested two men for disorderly conduct."
    )
    events = extract(text, published="2020-03-04").events
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert (arrest.date["value"], arrest.date["basis"]) == ("2020-03-02", "lede")


def test_an_event_noun_a_present_verb_classes_is_a_kind_not_a_happening():
    assert not extract("Security threats to Chile include organised crime.").events


def test_words_between_private_parties_are_no_political_event():
    assert not extract("In Leeds on Monday, a man accused a woman of lying.").events
    assert not extract("Muslim scholars in Toronto have endorsed organ donation.").events  # and to no one
    assert [e.event_type for e in extract("The Palestinians rejected the proposed changes.").events] == [
        "REJECT"
    ]


def test_a_hard_wrapped_line_goes_on_with_its_sentence():
    text = (
        "The city's best-known activist was\n      detained on Tuesday evening with six others during"
        " raids by Lagos police.\n      The raids targeted new shops that had opened the day before"
        " in a\n      Lagos market."
    )
    assert [s.text.strip()[:8] for s in next(nlp.parse([text])).sents] == ["The city", "The raid"]
    result = extract(text, published="2019-03-07")
    detained = next(e for e in result.events if e.event_type == "COERCE")
    assert detained.recipient is not None and detained.recipient.text == "The city's best-known activist"
    assert detained.date is not None and detained.date["value"] == "2019-03-05"


def test_a_headline_line_without_a_full_stop_still_ends_its_sentence():
    doc = next(nlp.parse(["Police detain activist in Lagos\nThe arrest came after a week of protests."]))
    assert len(list(doc.sents)) == 2


def test_a_town_naming_the_site_an_event_happened_in_is_its_place():
    events = extract(
        "Soldiers detained the opposition leader overnight in a Kaduna jail, his lawyer said."
    ).events
    held = next(e for e in events if e.event_type == "COERCE")
    assert held.location is not None and held.location.name == "Kaduna"


@pytest.mark.parametrize(
    "sentence",
    [
        "Peter Okafor was convicted of killing two police officers in Enugu.",
        "Peter Okafor was found guilty last month of murdering a judge in Enugu.",
    ],
)
def test_the_one_convicted_of_an_attack_did_it(sentence):
    attack = next(e for e in extract(sentence).events if e.event_type == "ASSAULT")
    assert attack.actor is not None and attack.actor.text == "Peter Okafor"


@pytest.mark.parametrize(
    "sentence",
    [
        "In the market district of Enugu, he shot and killed a police officer on Friday.",
        "A man shot a police officer in Enugu on Friday.",
    ],
)
def test_a_doer_told_in_words_no_actor_codes_is_no_unidentified_attacker(sentence):
    attack = next(e for e in extract(sentence).events if e.event_type == "ASSAULT")
    assert attack.actor is None or attack.actor.sector != "UAG"


@pytest.mark.parametrize(
    "sentence,kind",
    [
        ("Police seized 20 protesters in Lusaka on Tuesday.", ("COERCE", "arrest")),
        ("Rebels captured three soldiers near Goma on Tuesday.", ("ASSAULT", "abduct")),
        (
            "An alert went out for two girls after they were taken from a school in Gulu by a neighbour.",
            ("ASSAULT", "abduct"),
        ),
        (
            "Police said the two men ran into the forest, where they were captured by soldiers.",
            ("COERCE", "arrest"),
        ),
    ],
)
def test_people_a_capture_verb_takes_are_arrested_by_the_state_else_abducted(sentence, kind):
    assert [(e.event_type, e.mode) for e in extract(sentence).events] == [kind]


@pytest.mark.parametrize(
    "sentence, captured",
    [
        ("Islamist fighters took control after two days of fighting.", True),
        ("Google tests its cars in California. The human driver must take control when needed.", False),
    ],
)
def test_control_of_nothing_named_is_territory_only_when_an_armed_party_takes_it(sentence, captured):
    assert any(e.cameo == "192" for e in extract(sentence).events) == captured


def test_power_seized_is_no_capture_of_people():
    assert not [
        e for e in extract("The army seized power in a coup.").events if e.mode in ("arrest", "abduct")
    ]


def test_a_visit_to_a_site_is_no_meeting():
    assert not [e for e in extract("The governor visited the church on Saturday.").events]
    assert [e.event_type for e in extract("The French president visited Kabul on Monday.").events] == [
        "CONSULT"
    ]


def test_any_act_under_a_negated_verb_did_not_happen():
    events = extract("The sheriff said he did not know of any threats against the mayor.").events
    assert events and all(e.status == "negated" for e in events)


def test_it_refers_to_no_person():
    events = extract(
        "Mayor John Kamau opened the clinic. The clinic was praised for its work in Nakuru."
        " It promised to treat more patients next year."
    ).events
    assert not [e for e in events if e.actor is not None and e.actor.text.endswith("Kamau")]


@pytest.mark.parametrize(
    "text",
    [
        "A powerful earthquake hit the coast of Chile on Sunday, killing at least 12 people.",
        "A cyclone struck the coast of Mozambique on Sunday. Officials said nine villages were badly hit.",
    ],
)
def test_the_blows_of_a_natural_hazard_are_no_attack(text):
    assert not [e for e in extract(text).events if e.event_type == "ASSAULT"]


def test_an_agentless_blow_in_a_story_of_fighting_is_still_an_attack():
    text = "Rebels attacked the town of Beni on Sunday. Officials said nine villages were badly hit."
    assert len([e for e in extract(text).events if e.event_type == "ASSAULT"]) == 2


def test_the_play_in_a_sport_report_is_no_violence():
    text = (
        "The heavyweight champion hit the challenger at will until the referee stopped the bout in the"
        " seventh round. The challenger made ambitious attacks in the fourth. The tournament resumes"
        " next month."
    )
    assert not extract(text).events


def test_an_arrest_in_a_sport_report_is_still_an_event():
    text = (
        "Police arrested 20 fans in Cairo after the championship final. The referee and the goalkeeper were"
        " praised, and the tournament ends next month."
    )
    assert [e.event_type for e in extract(text).events] == ["COERCE"]


def test_ordering_a_party_to_act_demands_it():
    events = extract("The Kenyan president ordered Uganda to withdraw its troops from the island.").events
    request = next(e for e in events if e.event_type == "REQUEST")
    assert (request.actor.country, request.recipient.country) == ("KEN", "UGA")


def test_a_leader_ordering_his_own_staff_is_no_demand_on_another_party():
    events = extract("In Nairobi, the president ordered top officials to review the budget.").events
    assert not [e for e in events if e.event_type == "REQUEST"]


def test_a_happening_that_hit_a_place_is_no_attack_on_it():
    events = extract("A wave of rioting hit Thessaloniki on Saturday night.").events
    assert not [e for e in events if e.event_type == "ASSAULT"]
    assert [e.event_type for e in extract("Rioting erupted in Thessaloniki on Saturday night.").events] == [
        "PROTEST"
    ]


def test_a_fugitive_captured_by_no_one_named_was_arrested_by_the_police():
    events = extract("The escaped convict was captured on Monday in Mombasa after a week on the run.").events
    captured = next(e for e in events if e.event_type == "COERCE")
    assert captured.mode == "arrest" and captured.actor is not None and captured.actor.sector == "COP"


def test_a_relative_pronoun_patient_is_the_noun_it_relates_to():
    events = extract("Police said Peter Okafor, who was arrested on Friday in Enugu, faces trial.").events
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.recipient is not None and arrest.recipient.text == "Peter Okafor"


def test_people_a_participle_of_capture_modifies_were_taken():
    text = "Paolo Greco, one of 40 alleged gang members seized by police on Tuesday, was freed on bail."
    assert [(e.event_type, e.mode) for e in extract(text).events if e.event_type == "COERCE"][:1] == [
        ("COERCE", "arrest")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Opposition parties in Nepal have called a general strike for Monday.",
        "Students in Lima announced new rallies.",
    ],
)
def test_a_gathering_called_or_announced_is_planned_and_the_call_no_request(sentence):
    events = extract(sentence).events
    assert [(e.event_type, e.status) for e in events] == [("PROTEST", "planned")]


def test_a_person_described_then_named_is_one_party_of_one_happening():
    text = (
        "Local man arrested after shooting in Brant County\n\n"
        "Ontario Provincial Police say Mark Doyle, 31, of Paris, was arrested on Tuesday in Brant County."
    )
    arrests = [e for e in extract(text, published="2019-05-02").events if e.event_type == "COERCE"]
    assert len(arrests) == 1 and arrests[0].mentions


def test_police_called_to_a_scene_is_no_request():
    text = "Police were called to a house on Elm Street in Regina on Monday after a report of a break-in."
    assert not [e for e in extract(text).events if e.event_type == "REQUEST"]


def test_a_past_participle_describing_a_party_tells_what_was_done():
    text = "A senator seen at a weekend rally in Denver is scheduled to speak at the college next month."
    [rally] = [e for e in extract(text, published="2019-05-02").events if e.event_type == "PROTEST"]
    assert rally.status == "occurred"


def test_a_happening_dated_years_before_the_article_is_background_not_news():
    text = (
        "Riot police fired tear gas at protesters in Lyon on Tuesday. "
        "The clashes recalled the riots of December 2009, when police killed a student in Lyon."
    )
    events = extract(text, published="2014-03-05").events
    assert events and all(e.date["value"] >= "2014" for e in events)


def test_a_time_inside_a_clause_describing_a_noun_dates_that_clause_only():
    text = "Sudan has offered to hand over to Kenya two men suspected of bombing a train in 1999."
    [offer] = [e for e in extract(text, published="2004-06-09").events if e.trigger == "offered"]
    assert offer.date["value"] == "2004-06-09"


@pytest.mark.parametrize(
    "text, trigger, value",
    [
        ("Gunmen shot dead 30 villagers in Maiduguri in the worst attack in the region since March.", "shot",
         "2020-03-04"),
        ("The union called on the minister to review all dismissals since January.", "called", "2020-03-04"),
        ("Troops have detained 40 protesters in Harare since Monday.", "detained", "2020-03-02"),
    ],
)  # fmt: skip
def test_a_time_after_since_dates_only_a_span_told_in_the_perfect(text, trigger, value):
    [event] = [e for e in extract(text).events if e.trigger == trigger]
    assert event.date["value"] == value


@pytest.mark.parametrize(
    "sentence",
    ["Rebels often attack convoys on the road to Goma.", "Police in Goma routinely arrest journalists."],
)
def test_a_habit_told_in_the_present_is_no_happening(sentence):
    assert not extract(sentence).events


@pytest.mark.parametrize(
    "text",
    [
        "Asked about the appeal, the district attorney in Los Angeles said such cases are hard to predict.",
        "Andrew Lopez had a previous arrest for trespassing in Brooklyn.",
    ],
)
def test_a_reporters_question_or_a_record_is_no_happening(text):
    assert not extract(text).events


def test_a_past_clause_that_dates_the_main_one_happened():
    text = "Peace talks will resume in Goma after rebels attacked an army convoy near Rutshuru."
    [attack] = [e for e in extract(text).events if e.event_type == "ASSAULT"]
    assert attack.status == "occurred"


def test_a_headline_event_the_body_reports_is_kept_and_dated_by_the_body():
    title = "Congolese troops kill 14 rebels in Kivu raid"
    text = (
        f"{title}\n\nCongolese troops killed 14 rebels in a raid on a rebel camp in North Kivu province "
        "on Tuesday, the army said on Wednesday.\n\nOn Monday, suspected rebels killed six villagers at a "
        "church in neighbouring Ituri province, residents said.\n"
    )
    article = readers.make_article(text, id="t", published="2020-03-04", title=title)
    found = next(pipeline.run([article])).events
    toll = sorted((e.fatalities.count, e.date["value"]) for e in found if e.event_type == "ASSAULT")
    assert toll == [(6, "2020-03-02"), (14, "2020-03-03")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The state of Ohio sued the drug makers on Monday.",
        "The attorney general filed suit against the bank.",
    ],
)
def test_a_lawsuit_is_an_accusation(sentence):
    assert [(e.event_type, e.cameo) for e in extract(sentence).events] == [("ACCUSE", "115")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The collapse of the ceasefire between Israel and Hamas alarmed diplomats.",
        "Following the end of its agreement with the United Nations, the firm closed its office.",
    ],
)
def test_the_end_of_an_accord_is_no_accord(sentence):
    assert not [e for e in extract(sentence).events if e.event_type in ("AGREE", "CONSULT")]


def test_a_sport_report_is_told_by_the_lemmas_of_its_words():
    text = (
        "The striker thanked his teammates after the tournament. The top scorer was a finalist last year. "
        "Portugal reached an agreement with its coach on Monday."
    )
    assert not extract(text).events


def test_there_having_been_no_threats_negates_them():
    [threat] = extract("Police said there had not been any recent threats to the church.").events
    assert threat.status == "negated"


@pytest.mark.parametrize(
    "sentence",
    ["A mosque in Malmo was torched on Friday.", "The mosque in Malmo was set on fire on Friday."],
)
def test_a_building_set_on_fire_by_no_one_named_is_an_attack_by_unidentified_attackers(sentence):
    [attack] = extract(sentence).events
    assert (
        attack.event_type == "ASSAULT" and attack.actor.sector == "UAG" and attack.location.country == "SWE"
    )


def test_a_verb_and_its_adverb_make_a_trigger():
    [attack] = extract("The chapel was set alight by suspected arsonists on Friday.").events
    assert (attack.event_type, attack.actor.sector) == ("ASSAULT", "REB")


def test_an_offence_punished_is_a_record_not_a_happening():
    assert not extract("The inmate was serving life in prison for armed robbery in Harris County.").events


def test_as_opposed_to_is_no_opposition():
    text = (
        "It is possible that the shooting took place because of tension between two gangs, which control the "
        "area where Smith lived, as opposed to Smith being a target due to his work at the county jail."
    )
    assert not [e for e in extract(text).events if e.event_type == "REJECT"]


@pytest.mark.parametrize(
    "sentence",
    ["A man has been charged with the murder of his neighbour in Carlisle.", "Smith was indicted in Boston."],
)
def test_a_charge_with_no_one_named_bringing_it_is_brought_by_the_prosecution(sentence):
    [charge] = [e for e in extract(sentence).events if e.event_type == "ACCUSE"]
    assert charge.actor.sector == "JUD" and charge.recipient is not None


def test_a_suspect_remanded_in_custody_is_detained_by_the_court():
    [detention] = [e for e in extract("The suspect was remanded in custody in Leeds.").events]
    assert (detention.event_type, detention.mode, detention.actor.sector) == ("COERCE", "arrest", "JUD")


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The senator attacked the governor's budget plan on Monday.", "ACCUSE"),
        ("Trump attacked the health plan on Monday.", "ACCUSE"),
        ("The minister attacked the rebels near Aleppo.", "ASSAULT"),
        ("Syria attacked the aid convoy near Aleppo.", "ASSAULT"),
        ("A man attacked his neighbour with a knife in Leeds.", "ASSAULT"),
    ],
)
def test_a_politician_attacking_a_plan_or_a_person_attacks_with_words(sentence, expected):
    [event] = [e for e in extract(sentence).events if e.trigger == "attacked"]
    assert event.event_type == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen took six oil workers hostage near Port Harcourt on Monday.",
        "Militants are holding three engineers hostage in the Niger Delta.",
        "Islamists claimed the hostage-taking at a gas plant in southern Algeria.",
    ],
)
def test_hostage_taking_is_an_abduction(sentence):
    [event] = [e for e in extract(sentence).events if e.event_type == "ASSAULT"]
    assert (event.cameo, event.mode, event.actor.sector) == ("181", "abduct", "REB")


def test_a_weapon_pulled_on_someone_is_an_armed_threat_to_them_even_between_private_persons():
    [threat] = extract("A man pulled a knife on a taxi driver in Leeds on Monday.").events
    assert (threat.event_type, threat.cameo) == ("THREATEN", "138")
    assert threat.recipient is not None and "driver" in threat.recipient.text


def test_a_suspect_held_in_custody_is_detained():
    [detention] = extract("The teenager was held in custody in Leeds on Monday.").events
    assert (detention.event_type, detention.mode) == ("COERCE", "arrest")


@pytest.mark.parametrize(
    "sentence",
    ["Army artillery shelled rebel-held districts of Homs.", "Troops attacked Taliban-held villages."],
)
def test_a_place_named_by_who_holds_it_makes_the_holder_the_target(sentence):
    [attack] = extract(sentence).events
    assert attack.event_type == "ASSAULT" and attack.recipient.sector == "REB"


def test_a_warning_to_a_party_threatens_it():
    [threat] = extract("Beijing warned Washington against sending warships into the strait.").events
    assert (threat.event_type, threat.actor.country, threat.recipient.country) == ("THREATEN", "CHN", "USA")


def test_a_warning_to_no_one_is_a_comment_not_a_threat():
    assert not extract("Analysts warned that inflation could rise in Brazil next year.").events


def test_the_attacker_of_a_blow_a_passive_happened_in_is_its_actor():
    [attack] = extract(
        "Four policemen were killed in an ambush by Boko Haram fighters near Maiduguri."
    ).events
    assert attack.actor.sector == "REB" and attack.recipient.sector == "COP"


def test_aid_received_from_a_giver_is_the_givers():
    [aid] = extract("Jordan received military aid from the United States on Monday.").events
    assert (aid.event_type, aid.actor.country, aid.recipient.country) == ("AID", "USA", "JOR")


def test_aid_no_one_is_named_giving_is_no_event():
    assert not [
        e for e in extract("The fighters get assistance from abroad.").events if e.event_type == "AID"
    ]


@pytest.mark.parametrize(
    "sentence,target",
    [
        ("Iran's missile programme drew sharp criticism from Washington.", "IRN"),
        ("The decision drew condemnation from Washington.", None),
    ],
)
def test_criticism_drawn_from_someone_is_theirs(sentence, target):
    [criticism] = extract(sentence).events
    assert criticism.event_type == "ACCUSE" and criticism.actor.country == "USA"
    assert (criticism.recipient.country if criticism.recipient else None) == target


def test_going_on_strike_is_a_labour_protest():
    [strike] = extract("Dock workers went on strike in Rotterdam on Tuesday.").events
    assert (strike.event_type, strike.mode, strike.actor.sector) == ("PROTEST", "strike", "LAB")


def test_annexing_territory_seizes_it():
    [seizure] = extract("Armenia annexed the enclave in 1992.").events
    assert (seizure.event_type, seizure.cameo, seizure.actor.country) == ("COERCE", "171", "ARM")


def test_a_call_for_a_party_to_act_is_a_request_to_it():
    [request] = extract("Germany called for Turkey to free the reporters.").events
    assert (request.event_type, request.actor.country, request.recipient.country) == ("REQUEST", "DEU", "TUR")


def test_a_participle_before_its_noun_describes_no_arrest():
    text = "The detained activist's lawyer spoke to reporters in Istanbul on Monday."
    assert not [e for e in extract(text).events if e.event_type == "COERCE"]
