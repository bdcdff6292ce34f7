"""Which events a sentence reports and who takes part: rules that keep out spurious events, find parties."""

from __future__ import annotations

import pytest
from conftest import extract

from observatory import actors


@pytest.mark.parametrize(
    "sentence",
    [
        "A strong earthquake hit northern Chile on Monday, damaging hundreds of homes.",
        "A gas leak at a fertiliser plant killed four workers in Gujarat.",
        "Eleven people were killed in a train crash near Lahore.",
        "Nine passengers died and 20 were killed when their bus plunged into a ravine in Nepal.",
        "Floods killed at least 30 people in southern Brazil.",
    ],
)
def test_nature_and_accidents_are_not_events(sentence):
    assert not [e for e in extract(sentence).events if e.event_type == "ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Militants attacked a convoy in Kashmir after the earthquake.",
        "Two soldiers were killed when their vehicle hit a landmine in Kunar.",
        "Gunmen killed four people in a fire they set in a village near Jos.",
    ],
)
def test_attacks_around_a_disaster_are_still_attacks(sentence):
    assert any(e.event_type == "ASSAULT" for e in extract(sentence).events)


def test_fire_from_soldiers_is_still_an_attack():
    assert any(
        e.event_type == "ASSAULT"
        for e in extract("Two villagers were killed by fire from soldiers in Rakhine.").events
    )


def test_the_purpose_of_an_event_is_not_another_event():
    events = extract(
        "The Kenyan president telephoned his Ugandan counterpart on Monday to discuss the border dispute."
    ).events
    assert [e.trigger for e in events] == ["telephoned"]
    assert (events[0].actor.country, events[0].recipient.country) == ("KEN", "UGA")


def test_background_event_without_an_actor_is_folded():
    events = extract(
        "Germany sent humanitarian aid to Sudan, which is preparing an offensive in Darfur."
    ).events
    assert {e.event_type for e in events} == {"AID"}


def test_a_noun_with_a_demonym_names_that_country():
    events = extract("Ethiopian troops demolished Somali homes near Dolo on Sunday.").events
    assert [(e.event_type, e.actor.country, e.recipient.country) for e in events] == [
        ("COERCE", "ETH", "SOM")
    ]


def test_dative_recipient_of_aid():
    events = extract("Japan lent Malawi 20 million dollars for clinics.").events
    aid = [e for e in events if e.event_type == "AID"]
    assert aid and (aid[0].actor.country, aid[0].recipient.country) == ("JPN", "MWI")


@pytest.mark.parametrize(
    "sentence,event_type,cameo,status",
    [
        ("Japan will lend Malawi 20 million dollars for clinics.", "AGREE", "033", "planned"),
        ("The Bolivian president will visit Chile in June.", "AGREE", "036", "planned"),
        ("Ghana is prepared to impose sanctions on Togo.", "THREATEN", "131", "planned"),
        (
            "Chad will withdraw its troops from Mali unless the junta holds elections.",
            "THREATEN",
            "130",
            "hypothetical",
        ),
        (
            "Indian troops would attack the camps if the militants crossed the border.",
            "THREATEN",
            "138",
            "hypothetical",
        ),
    ],
)
def test_a_declared_future_action_is_an_intention(sentence, event_type, cameo, status):
    events = extract(sentence).events
    assert (events[0].event_type, events[0].cameo, events[0].status) == (event_type, cameo, status)


def test_two_countries_upgrading_ties_are_a_dyad():
    events = extract("Chile and Bolivia restored diplomatic ties after a long break.").events
    assert [(e.actor.country, e.recipient.country) for e in events] == [("CHL", "BOL")]


def test_ultimatum_to_a_country():
    events = extract("Ethiopia sent an ultimatum to Sudan over the dam.").events
    threats = [e for e in events if e.event_type == "THREATEN"]
    assert threats and threats[0].recipient.country == "SDN"


@pytest.mark.parametrize(
    "written,iso3", [("Afganistan", "AFG"), ("Kazakstan", "KAZ"), ("Mali", None), ("Bananas", None)]
)
def test_misspelt_country_names(written, iso3):
    assert actors.misspelt_country(written) == iso3


def test_new_aliases():
    events = extract("The PRC demanded that Japan apologise for the remarks.").events
    assert events and events[0].actor.country == "CHN"


def test_a_supposed_event_inside_another_is_its_comment():
    events = extract(
        "The Kenyan president refused to meet the Somali envoy in Nairobi, saying he would only welcome "
        "him in Mombasa."
    ).events
    assert [(e.trigger, e.event_type, e.cameo) for e in events] == [("refused", "REJECT", "125")]


def test_official_of_an_organisation_and_apposition():
    events = extract("African Union chairperson Moussa Faki urged Sudan to accept the plan.").events
    assert (events[0].actor.country, events[0].actor.sector) == ("IGO", "IGO")
    events = extract(
        "Martin Griffiths, the United Nations aid chief, asked Ethiopia to reopen the roads."
    ).events
    assert events[0].actor.country == "IGO"


def test_arriving_on_a_visit():
    events = extract("Kenya's president flew to Kampala on a state visit.").events
    assert [(e.event_type, e.actor.country, e.recipient.country) for e in events] == [
        ("CONSULT", "KEN", "UGA")
    ]


def test_a_landmark_event_is_not_reported_again():
    events = extract("Chile has sent food aid to Bolivia since the Peruvian blockade.").events
    assert [e.event_type for e in events] == ["AID"]


def test_an_event_noun_as_subject_takes_the_verb_object():
    events = extract("Turkish drone strikes killed four PKK commanders in northern Iraq on Monday.").events
    strikes = [e for e in events if e.event_type == "ASSAULT"]
    assert strikes and strikes[0].actor.country == "TUR" and strikes[0].recipient.country == "TUR"


def test_being_opposed_to_something_is_opposing_it():
    events = extract("Ghana is opposed to Nigerian plans for the border.").events
    assert (events[0].event_type, events[0].actor.country, events[0].recipient.country) == (
        "REJECT",
        "GHA",
        "NGA",
    )


def test_civilians_take_the_country_their_phrase_places_them_in():
    events = extract("Norway sent food aid to refugees in Chad.").events
    assert events[0].recipient.country == "TCD"


def test_a_group_takes_the_country_it_is_placed_in():
    events = extract("Student unions in Bangladesh staged a general strike on Tuesday.").events
    assert events[0].event_type == "PROTEST" and events[0].actor.country == "BGD"


def test_cancelled_visit_keeps_its_parties():
    events = extract("Spain's foreign minister has postponed her visit to Morocco.").events
    assert (events[0].actor.country, events[0].recipient.country) == ("ESP", "MAR")


@pytest.mark.parametrize(
    "sentence,cameo",
    [
        ("The president refused to meet the opposition leader.", "125"),
        ("Kenya said it would not send aid to Somalia.", "122"),
        ("The junta rejected calls to withdraw its troops from the border.", "120"),
    ],
)
def test_a_refused_cooperation_is_a_rejection(sentence, cameo):
    events = extract(sentence).events
    assert (events[0].event_type, events[0].cameo, events[0].status) == ("REJECT", cameo, "occurred")


def test_failing_to_act_is_still_a_negated_action():
    events = extract("Government troops failed to attack the rebel base near Goma.").events
    assert [(e.event_type, e.status) for e in events] == [("ASSAULT", "negated")]


@pytest.mark.parametrize(
    "sentence,acled",
    [
        (
            "Militants killed nine soldiers with a roadside bomb near Kandahar.",
            "Remote explosive/landmine/IED",
        ),
        ("A suicide bomber killed twelve worshippers at a mosque in Peshawar.", "Suicide bomb"),
        ("Rebels attacked a village with mortar rounds near Goma.", "Shelling/artillery/missile attack"),
        ("Government forces attacked the town with chlorine gas, medics said.", "Chemical weapon"),
        ("Attackers killed two policemen with a grenade in Bujumbura.", "Grenade"),
        ("Protesters threw stones and burned tyres in Nairobi on Monday.", "Violent demonstration"),
        (
            "Police fired tear gas to disperse hundreds of protesters in Harare.",
            "Excessive force against protesters",
        ),
        (
            "Hundreds of students protested in Dhaka before police arrested twenty of them.",
            "Protest with intervention",
        ),
        ("Soldiers defused a bomb planted near a school in Maiduguri.", "Disrupted weapons use"),
        ("The army set up a base outside Timbuktu.", "Headquarters or base established"),
    ],
)
def test_acled_sub_event_from_weapon_and_setting(sentence, acled):
    assert acled in {e.acled_sub_event_type for e in extract(sentence).events}


def test_armed_sides_on_both_ends_clash():
    events = extract("Malian soldiers attacked Islamic State fighters near Menaka.").events
    assert events[0].acled_sub_event_type == "Armed clash"


def test_one_suicide_attack_told_twice_is_one_event():
    events = extract(
        "A bomber killed six guards when he blew himself up at a checkpoint in Mogadishu."
    ).events
    assert len([e for e in events if e.event_type == "ASSAULT"]) == 1


@pytest.mark.parametrize(
    "sentence,acled",
    [
        (
            "Police seized forty rifles and a grenade launcher in a raid on a farm near Gulu.",
            "Disrupted weapons use",
        ),
        ("Dozens of rifles were seized by soldiers at a checkpoint near Bunia.", "Disrupted weapons use"),
        ("Rioters fought with police outside the parliament in Tbilisi.", "Violent demonstration"),
        ("A mob lynched two men accused of theft in a village near Kano.", "Mob violence"),
        ("Taliban fighters attacked Afghan soldiers at a checkpoint in Kunduz.", "Armed clash"),
        ("Gunmen kidnapped three aid workers near Gao on Friday.", "Abduction/forced disappearance"),
    ],
)
def test_acled_sub_event_from_sides_and_objects(sentence, acled):
    assert acled in {e.acled_sub_event_type for e in extract(sentence).events}


@pytest.mark.parametrize(
    "sentence,cameo,actor,recipient",
    [
        (
            (
                "The Kenyan foreign minister said on Monday that Ethiopia must withdraw its troops "
                "from the border."
            ),
            "106",
            "KEN",
            "ETH",
        ),
        ("Nigeria's president said the rebels must agree to a ceasefire.", "100", "NGA", None),
        (
            "The Ghanaian president said France must be willing to negotiate with the junta.",
            "108",
            "GHA",
            "FRA",
        ),
    ],
)
def test_saying_another_party_must_act_is_a_demand(sentence, cameo, actor, recipient):
    events = extract(sentence).events
    assert (events[0].event_type, events[0].cameo, events[0].actor.country) == ("REQUEST", cameo, actor)
    assert recipient is None or events[0].recipient.country == recipient


def test_a_self_obligation_is_no_demand():
    events = extract("Pakistan said it must defend its borders against any attack.").events
    assert all(e.event_type != "REQUEST" for e in events)


def test_an_event_noun_mentioned_inside_another_event_is_not_reported_again():
    events = extract("Brazil praised the accord as a sign of progress in the Colombian talks.").events
    assert [e.event_type for e in events] == ["SUPPORT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Soldiers returning from a mission in Mali were ambushed near Ouagadougou.",
        "Troops sent to Somalia attacked a market in Nairobi.",
    ],
)
def test_a_place_outside_the_in_phrase_gives_no_country(sentence):
    assert all(
        a.country != "MLI" and a.country != "SOM"
        for e in extract(sentence).events
        for a in (e.actor, e.recipient)
        if a
    )


@pytest.mark.parametrize(
    "sentence,not_type",
    [
        ("Western officials fear Russian troops will invade the region next month.", "THREATEN"),
        ("The Chilean minister will not attend the summit in Lima.", "AGREE"),
        ("Teachers in Kenya will strike next week over pay.", "THREATEN"),
        ("China held military exercises near the Philippine coast.", "COOPERATE"),
    ],
)
def test_forecasts_and_refusals_are_not_intentions(sentence, not_type):
    assert all(e.event_type != not_type for e in extract(sentence).events)


def test_a_town_is_not_a_misspelt_country():
    events = extract("Armed youths attacked Nakuru on Friday night.").events
    assert all(a.country != "NRU" for e in events for a in (e.actor, e.recipient) if a)


def test_an_event_named_as_the_reason_for_sanctions_is_not_reported_again():
    events = extract("Canada imposed sanctions on Russia because of its invasion of Georgia.").events
    assert [e.event_type for e in events] == ["SANCTION"]


@pytest.mark.parametrize(
    "sentence,acled",
    [
        ("Gunmen attacked a Shell pipeline in the Niger Delta.", "Attack"),
        ("Police shot dead a man accused of rape in Lagos.", "Attack"),
        ("Militants attacked a chemical plant near Aleppo.", "Attack"),
        ("Police arrested 12 people over the bomb attack in Kano.", "Arrests"),
        ("Rebels attacked an army base near Goma, a week after a drone strike on their camp.", "Attack"),
    ],
)
def test_a_weapon_or_arrest_mentioned_in_passing_does_not_retype_the_event(sentence, acled):
    assert extract(sentence).events[0].acled_sub_event_type == acled


def test_a_crowd_said_alone_is_people():
    events = extract("Hundreds protested in Minsk on Sunday against the election result.").events
    assert events and events[0].event_type == "PROTEST" and events[0].actor.country == "BLR"


def test_a_relative_pronoun_subject_is_the_noun_it_refers_to():
    events = extract(
        "Soldiers fired at hundreds of farmers who had gathered in Kisumu to oppose the new land law."
    ).events
    rejects = [e for e in events if e.event_type == "REJECT"]
    assert rejects and rejects[0].actor.text.endswith("farmers")


def test_a_participle_of_support_describes_its_noun_and_reports_nothing():
    events = extract(
        "Government forces, supported by Russian jets, retook the town of Deir Hafer on Monday."
    ).events
    assert [e.event_type for e in events] == ["ASSAULT"]


@pytest.mark.parametrize(
    "sentence,actor",
    [
        ("The Hamas market bombing killed nine people.", None),
        ("Investigators said the hospital bombing killed nine patients.", None),
        ("The Hamas bombing killed nine people.", "Hamas"),
    ],
)
def test_a_name_before_a_site_noun_names_the_site_not_who_attacked(sentence, actor):
    [event] = [e for e in extract(sentence).events if e.trigger == "bombing"]
    assert (event.actor.name if event.actor else None) == actor


def test_he_or_she_stands_for_a_person_never_a_body_or_a_place():
    text = (
        "Police in Halifax said the man was arrested after a newspaper reported the fraud. "
        "He was charged with theft on Monday."
    )
    charged = [e for e in extract(text).events if e.trigger == "charged"]
    assert all(e.recipient is None or e.recipient.text not in ("a newspaper", "Halifax") for e in charged)


@pytest.mark.parametrize(
    "sentence",
    [
        "On Monday, Dutch police arrested two men in Utrecht.",
        "Troops shot a teenager near the border post in Kandahar on Friday.",
    ],
)
def test_a_person_the_dictionaries_do_not_know_is_the_recipient_as_a_civilian(sentence):
    [event] = [e for e in extract(sentence).events if e.event_type in ("COERCE", "ASSAULT")]
    assert event.recipient is not None and event.recipient.sector == "CVL"
    assert event.recipient.country in ("NLD", "AFG")


def test_it_stands_for_no_plural():
    text = (
        "The prosecutor's office declined to comment on the motive, but confirmed officials were examining "
        "the matter. Specialists defused it, the prosecutor said."
    )
    for e in extract(text).events:
        for party in (e.actor, e.recipient):
            assert party is None or "officials" not in party.text


@pytest.mark.parametrize(
    "sentence, country, sector",
    [
        ("A student was killed by a police bullet in Lyon on Monday.", "FRA", "COP"),
        ("A farmer was killed by an Israeli missile in Gaza.", "ISR", None),
    ],
)
def test_a_weapon_that_did_it_names_its_wielder(sentence, country, sector):
    [event] = [e for e in extract(sentence).events if e.event_type == "ASSAULT"]
    assert (event.actor.country, event.actor.sector) == (country, sector)


def test_he_is_the_person_last_the_subject_named_or_not():
    text = (
        "Police in Leeds say Dale Pruitt, 30, was arrested on Friday after a stabbing. "
        "Police say Ryan Tobler, 28, had a wound to the arm. "
        "Tobler was taken to hospital. Pruitt was taken to the police station. He is charged with assault."
    )
    [charged] = [e for e in extract(text, published="2019-05-03").events if e.trigger == "charged"]
    assert "Pruitt" in charged.recipient.text


def test_the_object_completing_the_trigger_phrase_is_no_target():
    [event] = extract("A gunman opened fire on the crowd outside a bar in Leeds on Friday.").events
    assert event.recipient is not None and "fire" not in event.recipient.text


@pytest.mark.parametrize(
    "headline", ["Brennan charged with arson.", "Delacroix jailed for fraud.", "Mason charged with theft."]
)
def test_a_headlines_reduced_passive_makes_its_subject_the_one_charged(headline):
    events = [e for e in extract(headline).events if e.trigger in ("charged", "jailed")]
    assert events
    assert all(e.actor is None or e.actor.text not in headline.split()[0] for e in events)
    assert any(e.recipient is not None and e.recipient.text == headline.split()[0] for e in events)


@pytest.mark.parametrize(
    "sentence",
    [
        "The army seized the family's farm on Monday.",
        "The government expropriated the land of three villagers.",
        "Police confiscated the opposition newspaper's equipment.",
    ],
)
def test_property_taken_is_confiscated_not_territory(sentence):
    events = extract(sentence).events
    assert [(e.event_type, e.mode, e.cameo) for e in events] == [("COERCE", "seize", "1711")]
    assert events[0].recipient is not None


@pytest.mark.parametrize(
    ("sentence", "hired"),
    [
        ("The Lions signed striker Amos Dube on Tuesday.", True),
        ("The club signed two players.", True),
        ("Iran and Iraq signed a border agreement.", False),
    ],
)
def test_signing_a_person_hires_and_is_no_agreement(sentence, hired):
    from observatory import events, nlp

    (doc,) = nlp.parse([sentence])
    (signed,) = [t for t in doc if t.lemma_ == "sign"]
    assert events._hired(signed) is hired


def test_a_verdict_with_no_doer_named_is_the_courts():
    (event,) = extract("Ahmed Salem was sentenced to ten years in prison in Cairo on Monday.").events
    assert (event.actor.sector, event.actor.country) == ("JUD", "EGY")
    assert event.recipient.text == "Ahmed Salem"


@pytest.mark.parametrize(
    ("sentence", "attack"),
    [
        ("Ukrainian warplanes struck separatist positions near Donetsk on Sunday.", True),
        ("Rebels struck an army base near Goma.", True),
        ("The minister struck a conciliatory tone in her speech.", False),
        ("The court struck down the law.", False),
    ],
)
def test_what_an_armed_party_strikes_it_hits(sentence, attack):
    assert any(e.event_type == "ASSAULT" for e in extract(sentence).events) is attack


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        ("Nepal lodged a strong protest with India over the border road.", ("NPL", "IND")),
        ("Chile protested against the remarks of the Bolivian president.", ("CHL", "BOL")),
    ],
)
def test_a_government_protests_by_word(sentence, parties):
    (event,) = extract(sentence).events
    assert event.event_type == "ACCUSE"
    assert (event.actor.country, event.recipient and event.recipient.country) == parties


def test_people_protesting_still_protest():
    (event,) = extract("Thousands of students protested in Santiago on Friday.").events
    assert event.event_type == "PROTEST"


@pytest.mark.parametrize(
    "sentence",
    [
        "The insurgents have killed more than 3,000 people in their six-year campaign.",
        "The war has killed 8,000 people since 2019.",
        "Gangs have kidnapped 400 people over the past four months.",
    ],
)
def test_a_tally_over_months_is_no_event(sentence):
    assert not extract(sentence).events


def test_a_toll_told_for_a_week_is_still_reported():
    assert [e.event_type for e in extract("Rebels have killed 14 soldiers near Beni this week.").events] == [
        "ASSAULT"
    ]


def test_a_town_named_with_its_region_places_the_event_in_the_town():
    (event,) = extract(
        "Gunmen killed nine villagers at a church in the town of Kafanchan in neighbouring Kaduna state."
    ).events
    assert (event.location.name, event.location.precision) == ("Kafanchan", "point")


def test_a_government_summons_an_envoy_and_police_are_summoned_to_a_scene():
    (event,) = extract("Ghana summoned the Togolese ambassador on Monday.").events
    assert (event.event_type, event.actor.country, event.recipient.country) == ("CONSULT", "GHA", "TGO")
    assert not extract("Police were summoned to the house on Monday.").events


def test_a_whole_wars_toll_is_a_tally():
    assert not extract("The war between the two factions has killed more than 5,000 people.").events


@pytest.mark.parametrize(
    "sentence",
    ["Rebels overran the army's main base near Goma.", "The militia took control of the army's base."],
)
def test_whose_captured_place_it_was_lost_it(sentence):
    events = [e for e in extract(sentence).events if e.event_type == "ASSAULT"]
    assert events and events[0].recipient is not None and events[0].recipient.sector == "MIL"


@pytest.mark.parametrize(
    ("sentence", "event_type", "mode"),
    [
        ("Soldiers beat up three journalists in Bamako on Friday.", "ASSAULT", "beat"),
        ("Protesters were beaten by soldiers in Bamako on Friday, witnesses said.", "ASSAULT", "beat"),
    ],
)
def test_beatings_from_the_cameo_dictionary(sentence, event_type, mode):
    assert [(e.event_type, e.mode) for e in extract(sentence).events] == [(event_type, mode)]


def test_beating_a_rival_at_the_polls_is_no_assault():
    assert not [
        e for e in extract("The senator narrowly beat his rival in Ohio.").events if e.event_type == "ASSAULT"
    ]


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("The former governor pleaded guilty to bribery on Monday.", "CONCEDE"),
        ("The former governor pleaded not guilty to bribery on Monday.", "REJECT"),
        ("The rebels pleaded for food aid.", "REQUEST"),
        ("The Armenian government withdrew the bill on Monday.", "CONCEDE"),
        ("Poland withdrew its ambassador from Belarus.", "SANCTION"),
        ("Kenyan troops withdrew from the border town.", "RETREAT"),
    ],
)
def test_what_a_plea_or_a_withdrawal_takes_tells_its_type(sentence, event_type):
    # a plea of guilt admits and one of innocence denies; a bill withdrawn is conceded, an ambassador a cut in
    # relations, troops a retreat
    assert [e.event_type for e in extract(sentence).events] == [event_type]


def test_him_is_the_person_before_and_never_his_own_clauses_subject():
    text = "The Malian prime minister met Blinken in Bamako on Monday. Blinken urged him to hold elections."
    request = next(e for e in extract(text).events if e.event_type == "REQUEST")
    assert (request.actor.country, request.recipient.country) == ("USA", "MLI")


@pytest.mark.parametrize(
    ("sentence", "sub_event"),
    [
        ("Rebels seized the police station in Beni on Sunday.", "Non-state actor overtakes territory"),
        ("Protesters stormed the parliament in Yerevan on Sunday.", "Violent demonstration"),
    ],
)
def test_a_building_taken_is_taken_and_a_crowd_storming_it_riots(sentence, sub_event):
    assert [(e.event_type, e.acled_sub_event_type) for e in extract(sentence).events] == [
        ("ASSAULT", sub_event)
    ]


def test_torching_a_building_is_an_attack_on_it_and_never_on_a_day():
    (event,) = extract("Gunmen torched a mosque in Zamfara state on Sunday.").events
    assert event.event_type == "ASSAULT" and event.recipient.text != "Sunday"


def test_violence_a_crowd_does_where_it_protests_is_one_violent_protest():
    events = extract("Thousands of protesters rallied in Tbilisi and torched a police van.").events
    assert [(e.event_type, e.acled_sub_event_type) for e in events] == [("PROTEST", "Violent demonstration")]
