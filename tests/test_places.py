"""Gazetteer and place resolution."""

from __future__ import annotations

from conftest import extract
from observatory import gazetteer


def places(text):
    return {p.text: p for p in extract(text).places}


def test_gazetteer_has_cities_countries_and_named_areas():
    assert any(c.country == "SYR" for c in gazetteer.candidates("Albu Kamal"))
    assert any(c.feature == "PCLI" and c.country == "VNM" for c in gazetteer.candidates("Vietnam"))
    assert any(c.name == "Golan Heights" for c in gazetteer.candidates("Golan Heights"))


def test_name_keys_fold_articles_and_diacritics():
    assert gazetteer.candidates("Al-Qaim") and gazetteer.candidates("al Qa'im") == gazetteer.candidates("Al Qaim")


def test_rawa_next_to_iraqi_places_is_in_iraq():
    found = places("Iraqi forces advanced from Al Qaim toward the town of Rawa in Anbar province.")
    assert found["Rawa"].country == "IRQ" and found["Rawa"].geonameid == "92004"


def test_same_name_in_several_countries_follows_the_context():
    assert places("Talks resumed in Geneva on Monday.")["Geneva"].country == "CHE"
    assert places("Syrian troops shelled rebel positions outside Damascus.")["Damascus"].country == "SYR"


def test_demonyms_are_not_event_places():
    event = extract("Iraqi troops attacked the town of Rawa.").events[0]
    assert event.location and event.location.name == "Rāwah"


def test_place_inside_an_organisation_name_is_not_a_place():
    found = places("The Syrian Observatory for Human Rights said rebels attacked a checkpoint in Idlib.")
    assert "Syrian" not in found and all("Observatory" not in t for t in found)


def test_albu_kamal_is_found_although_ner_calls_it_a_person():
    found = places("Government forces retook Albu Kamal on Thursday.")
    assert found["Albu Kamal"].country == "SYR"


def test_offsets_point_into_the_text():
    result = extract("Protests spread from Minsk to Grodno on Sunday.")
    for p in result.places:
        assert result.article.text[p.start:p.end] == p.text


def test_a_division_abbreviation_qualifies_the_town():
    found = places("Police arrested a man in London, Ky., on Tuesday after a chase.")
    assert found["London"].country == "USA" and found["London"].admin1 == "Kentucky"


def test_divisions_resolve_with_geonames_ids():
    found = places("Wildfires spread across Alberta and into British Columbia.")
    assert found["Alberta"].feature == "ADM1" and found["Alberta"].geonameid == "5883102"
    assert found["British Columbia"].precision == "admin1"


def test_one_sense_per_discourse():
    result = extract("Floods hit Edmonton in Alberta on Monday. Edmonton officials said roads were closed.")
    edmontons = [p for p in result.places if p.text == "Edmonton"]
    assert len(edmontons) == 2 and {p.country for p in edmontons} == {"CAN"}


def test_demonyms_are_country_mentions_not_event_places():
    result = extract("Iraqi troops attacked the town of Rawa.")
    demonym = next(p for p in result.places if p.text == "Iraqi")
    assert demonym.kind == "demonym" and demonym.country == "IRQ" and demonym.feature == "PCLI"
    assert result.events[0].location.text == "Rawa"


def test_a_city_named_like_its_province_is_the_city():
    assert places("Shelling was reported in Aleppo.")["Aleppo"].feature == "PPL"
    province = [p for p in extract("Shelling was reported across Aleppo province.").places if "Aleppo" in p.text]
    assert province and province[0].feature == "ADM1"


def test_event_location_falls_back_to_the_paragraph_and_says_so():
    result = extract("Fighting flared in Goma on Monday.\nLater, rebels attacked an army patrol.")
    attack = next(e for e in result.events if e.trigger == "attacked")
    assert attack.location.name == "Goma" and attack.location.record()["basis"] == "paragraph"
    clash = extract("Rebels attacked an army patrol near Goma.").events[0]
    assert clash.location.record()["basis"] == "clause"
