"""Time expressions and event dates."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import extract

from observatory import dates, nlp, pipeline

ANCHOR = date(2017, 11, 11)  # a Saturday


def values(text, tense="past"):
    return {t.text: t.value for t in dates.find(text, ANCHOR, lambda s, e: tense)}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("on Thursday", {"Thursday": "2017-11-09"}),
        ("on Saturday", {"Saturday": "2017-11-11"}),
        ("last week", {"last week": "2017-W44"}),
        ("in July", {"July": "2017-07"}),
        ("in December 2015", {"December 2015": "2015-12"}),
        ("two days ago", {"two days ago": "2017-11-09"}),
        ("this year", {"this year": "2017"}),
        ("between 2 and 5 May", {"between 2 and 5 May": "2017-05-02"}),
        ("earlier this month", {"earlier this month": "2017-11"}),
    ],
)
def test_expressions_relative_to_publication(text, expected):
    assert values(text) == expected


def test_future_tense_takes_the_next_weekday_and_date():
    assert values("on Thursday", tense="future") == {"Thursday": "2017-11-16"}
    assert values("November 28", tense="future") == {"November 28": "2017-11-28"}
    assert values("in February", tense="future") == {"February": "2018-02"}


def test_false_friends_are_not_dates():
    found = dates.find("resolution 2254 and more than 300,000 people in a six-year conflict", ANCHOR)
    assert [(t.text, t.type, t.value) for t in found] == [("six-year", "DURATION", "P6Y")]


def test_may_the_verb_is_not_a_month():
    assert values("Talks may resume soon.") == {}


def test_event_date_comes_from_its_own_clause():
    result = extract(
        "Rebels attacked a convoy on Thursday. The army will respond next week.", published="2017-11-11"
    )
    assault = [e for e in result.events if e.event_type == "ASSAULT"][0]
    assert assault.date["value"] == "2017-11-09" and assault.date["text"] == "Thursday"


def test_undated_event_falls_back_to_publication_date():
    result = extract("Police arrested the mayor of Kabul.", published="2019-04-01")
    assert result.events[0].date == {
        "text": None,
        "value": "2019-04-01",
        "start": "2019-04-01",
        "end": "2019-04-01",
        "precision": "unknown",
        "basis": "publication",
    }


def test_week_and_month_intervals():
    [week] = dates.find("last week", ANCHOR)
    assert (week.range_start, week.range_end, week.precision) == ("2017-10-30", "2017-11-05", "week")
    [month] = dates.find("in July", ANCHOR)
    assert (month.range_start, month.range_end) == ("2017-07-01", "2017-07-31")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("the third quarter", {"the third quarter": "2017-Q3"}),
        ("on Monday, Nov. 6", {"Monday, Nov. 6": "2017-11-06"}),
        ("at 10 p.m.", {"10 p.m.": "2017-11-11T22:00"}),
        ("this morning", {"this morning": "2017-11-11TMO"}),
        ("the 1990s", {"the 1990s": "199"}),
        ("a 6-year-old boy", {}),
        ("for two decades", {"for two decades": "P20Y"}),
    ],
)
def test_more_expressions(text, expected):
    assert values(text) == expected


def test_a_year_ago_in_a_quarterly_report_is_that_quarter_a_year_before():
    found = dates.find("Profit in the third quarter rose from a year ago.", ANCHOR)
    assert [t.value for t in found] == ["2017-Q3", "2016-Q3"]


def test_bare_years_but_not_counts_or_resolutions():
    assert values("The war began in 2014 and a truce followed 2015 talks.") == {
        "2014": "2014",
        "2015": "2015",
    }
    assert values("Resolution 2254 passed and 2000 troops left.") == {}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("on Thanksgiving Day", {"Thanksgiving Day": "2016-11-24"}),  # past tense: the latest one
        ("in nineteen ninety-six", {"nineteen ninety-six": "1996"}),
        ("by year-end", {"by year-end": "2017"}),
        ("for years", {"years": "PXY"}),
        ("in the near future", {"the near future": "FUTURE_REF"}),
        ("the 12 am shift", {}),
    ],
)
def test_holidays_spelled_years_and_vague_spans(text, expected):
    assert values(text) == expected


def values_in(text, tense="past"):
    """Values of every expression in a multi-sentence text, in order."""
    return [(t.text, t.value) for t in dates.find(text, ANCHOR, lambda s, e: tense)]


@pytest.mark.parametrize(
    "text,tense,expected",
    [
        ("this coming Tuesday", "past", {"this coming Tuesday": "2017-11-14"}),
        (
            "The ministers meet Monday.",
            "present",
            {"Monday": "2017-11-13"},
        ),  # present tense: the nearest Monday
        ("Thursday's vote", "present", {"Thursday": "2017-11-09"}),  # a possessive is a past one
        ("this March", "past", {"this March": "2017-03"}),
    ],
)
def test_weekdays_in_present_tense_and_this_month(text, tense, expected):
    assert values(text, tense) == expected


def test_modal_perfect_and_past_perfect_deadlines_look_back():
    result = extract("The storm may have damaged the bridge on Wednesday.", published="2017-11-11")
    assert [t.value for t in result.times] == ["2017-11-08"]
    result = extract("The ceasefire had been due to expire on Friday.", published="2017-11-11")
    assert [t.value for t in result.times] == ["2017-11-10"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("in the 2015 third quarter", {"the 2015 third quarter": "2015-Q3"}),
        ("next year's first quarter", {"next year's first quarter": "2018-Q1"}),
        ("the first half of 2016", {"the first half of 2016": "2016-H1"}),
        ("the first two quarters of 2018", {"the first two quarters of 2018": "2018-H1"}),
        ("the current quarter", {"the current quarter": "2017-Q4"}),
        ("the current fiscal year", {"the current fiscal year": "2017"}),
        ("the 2015 period", {"the 2015 period": "2015"}),  # no quarter in focus: the year
    ],
)
def test_quarters_halves_and_current_periods(text, expected):
    assert values(text) == expected


def test_quarterly_report_periods_follow_the_quarter_in_focus():
    text = (
        "Acme said profit fell in the second quarter. Sales in the latest period rose 4%, and the "
        "2016 period was weaker. Profit fell from a year earlier. For the nine months, profit rose "
        "from a year earlier."
    )
    assert values_in(text) == [
        ("the second quarter", "2017-Q2"),
        ("the latest period", "2017-Q2"),
        ("the 2016 period", "2016-Q2"),
        ("a year earlier", "2016-Q2"),
        ("For the nine months", "P9M"),
        ("a year earlier", "2016"),
    ]


def test_a_year_back_from_an_earlier_quarter_named_in_the_sentence_is_that_quarter():
    text = (
        "Acme reported third-quarter results. The year-ago results included a charge in the 2016 first "
        "quarter."
    )
    assert values_in(text)[1:] == [("The year-ago", "2016-Q1"), ("the 2016 first quarter", "2016-Q1")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("profit for the year ended June 30", {"the year": "P1Y", "June 30": "2017-06-30"}),
        ("sales for the full year", {"the full year": "2017"}),
        ("a record for the year", {"the year": "2017"}),
        ("earlier in the year", {"the year": "2017"}),
    ],
)
def test_reporting_years(text, expected):
    assert values(text) == expected


def test_anaphoric_dates_follow_the_last_date_mentioned():
    text = (
        "The general was promoted in May 2012, and the following year he retired. He moved to Rome later "
        "that year. The trial opened on March 3, 2014; the next morning the judge resigned. "
        "The following month a new judge was named."
    )
    assert values_in(text) == [
        ("May 2012", "2012-05"),
        ("the following year", "2013"),
        ("later that year", "2013"),
        ("March 3, 2014", "2014-03-03"),
        ("the next morning", "2014-03-04"),
        ("The following month", "2014-04"),
    ]


def test_the_day_before_a_named_day():
    assert values_in("The day before Tuesday's hearing, lawyers met.") == [
        ("The day before", "2017-11-06"),
        ("Tuesday", "2017-11-07"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("in January nineteen ninety-seven", {"January nineteen ninety-seven": "1997-01"}),
        ("the winter of nineteen ninety-four", {"the winter of nineteen ninety-four": "1994-WI"}),
        ("by the year two thousand", {"the year two thousand": "2000"}),
        ("they sent two thousand.", {}),
        ("in the 20th century", {"the 20th century": "19"}),
    ],
)
def test_spelled_years_and_centuries(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "sentence", ["The army sent in two thousand troops.", "The square was filled by two thousand protesters."]
)
def test_two_thousand_counting_something_is_no_year(sentence):
    assert not [t for t in dates.find(sentence, ANCHOR) if t.value == "2000"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Prices soared in the late 1970s.", {"the late 1970s": "197"}),
        ("She grew up in the sixties.", {"the sixties": "196"}),
        ("a hit of the early '90s", {"the early '90s": "199"}),
        ("the band's records from the '10s", {"the '10s": "201"}),  # the latest decade begun by then
    ],
)
def test_decades_are_their_first_three_digits(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The dam was finished in June last year.", {"June last year": "2016-06"}),
        ("Elections are due in March next year.", {"March next year": "2018-03"}),
        ("It opened in February of this year.", {"February of this year": "2017-02"}),
        ("Prices may next year rise.", {"next year": "2018"}),  # "may" the verb names no month
    ],
)
def test_month_of_last_this_or_next_year(text, expected):
    assert values(text) == expected


def test_a_present_passive_takes_the_nearest_month():
    result = extract("The appeal is heard in January, lawyers say.", published="2017-11-11")
    assert [t.value for t in result.times] == ["2018-01"]
    result = extract("The appeal was heard in January.", published="2017-11-11")
    assert [t.value for t in result.times] == ["2017-01"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The lease runs for no more than ninety days.", {"more than ninety days": "P90D"}),
        ("The mine may stay open 15 more years.", {"15 more years": "P15Y"}),
        ("Talks could drag on over the next couple of months.", {"over the next couple of months": "P2M"}),
        ("The bridge was built twenty-five years ago.", {"twenty-five years ago": "1992"}),
        ("The strike lasted seventeen days.", {"seventeen days": "P17D"}),
    ],
)
def test_counts_of_units_in_any_number_words(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The canal opened a decade ago.", {"a decade ago": "2007"}),
        ("The fort fell two centuries ago.", {"two centuries ago": "1817"}),
        ("The valley flooded a month or so ago.", {"a month or so ago": "2017-10"}),
    ],
)
def test_decades_centuries_and_rough_counts_ago(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The market opens every Thursday.", {"every Thursday": "XXXX-WXX-4"}),
        ("The clinic is shut on Sundays.", {"Sundays": "XXXX-WXX-7"}),
        ("The choir sings Wednesday evenings.", {"Wednesday evenings": "XXXX-WXX-3TEV"}),
        ("The fair returns each September.", {"each September": "XXXX-09"}),
    ],
)
def test_days_and_months_that_recur_are_sets(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The quake struck at 4:20 a.m. EST Thursday.", {"4:20 a.m. EST Thursday": "2017-11-09T04:20"}),
        ("Bids closed at 5 p.m. EST, Nov. 3.", {"5 p.m. EST, Nov. 3": "2017-11-03T17:00"}),
        ("The vote was held at noon on Oct. 2, 2015.", {"noon on Oct. 2, 2015": "2015-10-02T12:00"}),
    ],
)
def test_a_clock_time_takes_the_day_after_it(text, expected):
    assert values(text) == expected


def test_a_clock_time_on_a_weekday_follows_the_tense():
    assert values("The ministers meet at 9 a.m. Monday.", tense="present") == {
        "9 a.m. Monday": "2017-11-13T09:00"
    }
    assert values("The ministers met at 9 a.m. Monday.") == {"9 a.m. Monday": "2017-11-06T09:00"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The judge adjourned the hearing until Tuesday.", {"Tuesday": "2017-11-14"}),
        ("The rebels were given until 6 p.m. Monday to leave.", {"6 p.m. Monday": "2017-11-13T18:00"}),
        ("The guests stayed until Tuesday.", {"Tuesday": "2017-11-07"}),  # no deadline: the past one
    ],
)
def test_a_deadline_set_until_a_day_is_ahead(text, expected):
    assert values(text) == expected


def test_a_clock_time_before_a_parenthesis_leaves_the_day_its_own_expression():
    assert values("The blast came at 8:10 a.m. (0510 GMT) Friday.") == {
        "8:10 a.m.": "2017-11-10T08:10",
        "Friday": "2017-11-10",
    }


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The index closed on Nov. 3, down 2% from the previous Friday.",
            [("Nov. 3", "2017-11-03"), ("the previous Friday", "2017-10-27")],
        ),
        (
            "The ship sailed on Oct. 2 and docked the following Monday.",
            [("Oct. 2", "2017-10-02"), ("the following Monday", "2017-10-09")],
        ),
        ("Talks resume the week of Dec. 4.", [("the week of Dec. 4", "2017-W49")]),
        ("the post-1945 order", [("post-1945", "1945")]),
    ],
)
def test_weekdays_from_the_day_last_named_weeks_of_a_day_and_post_years(text, expected):
    assert values_in(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The fund pays out every quarter.", {"every quarter": "P1Q"}),
        ("Jobless claims hit a quarter-century low.", {}),
        ("The quarter-to-quarter gain was small.", {}),
        ("Rebels hold a quarter of the province.", {}),
        ("Tax is low in a quarter that loses money.", {}),
    ],
)
def test_quarters_that_are_no_particular_quarter(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Rent is due by the end of the month.", {"the end of the month": "2017-11"}),
        ("The form was filed on 5/12/2016.", {"5/12/2016": "2016-05-12"}),
        ("The ferry sank on the 3rd of March.", {"3rd of March": "2017-03-03"}),
        ("Exports doubled over the past decade.", {"the past decade": "P10Y"}),
        ("Rain fell for the past three summers.", {}),  # no vague "the past"
        ("The mob dispersed within hours.", {"hours": "PTXH"}),
        ("Police arrived two hours later.", {"two hours later": "PT2H"}),
    ],
)
def test_month_ends_numeric_dates_decades_and_hours(text, expected):
    assert values(text) == expected


def test_that_night_is_the_day_last_named():
    assert values_in("The ship docked on Nov. 3. That night the crew left.") == [
        ("Nov. 3", "2017-11-03"),
        ("That night", "2017-11-03"),
    ]


def test_midnight_is_the_end_of_its_day():
    assert values("The curfew began at midnight Thursday.") == {"midnight Thursday": "2017-11-09T24:00"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The council meets twice a year.", {"twice a year": ("SET", "P1Y")}),
        ("Elections are held every four years.", {"every four years": ("SET", "P4Y")}),
        ("Sales fell in Q3 2016.", {"Q3 2016": ("DATE", "2016-Q3")}),
        ("Profit rose in 2015's second quarter.", {"2015's second quarter": ("DATE", "2015-Q2")}),
        ("The mill was built in the 1800s.", {"the 1800s": ("DATE", "18")}),
    ],
)
def test_frequencies_quarters_of_a_year_and_centuries_in_hundreds(text, expected):
    assert {t.text: (t.type, t.value) for t in dates.find(text, ANCHOR, lambda s, e: "past")} == expected


def test_a_year_earlier_span_of_months_is_that_span():
    assert values("Profit for the year-earlier nine months fell.") == {"nine months": "P9M"}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The dam opened in 1995. Two years earlier, the river flooded.",
            [("1995", "1995"), ("Two years earlier", "1993")],
        ),
        (
            "He was held on March 3, 2012. Three days later he was freed.",
            [("March 3, 2012", "2012-03-03"), ("Three days later", "2012-03-06")],
        ),
        ("A year earlier, sales were flat.", [("A year earlier", "2016")]),  # no date named: publication
    ],
)
def test_counts_earlier_or_later_run_from_the_date_last_named(text, expected):
    assert values_in(text) == expected


def test_number_words_as_a_prefix_tree_match_whole_words_longest_first():
    from observatory.lang.en.dates_words import trie_re

    pattern = re.compile(rf"^{trie_re(['seven', 'seventeen', 'seventy', 'six'])}$")
    assert all(pattern.match(w) for w in ("seven", "seventeen", "seventy", "six"))
    assert not any(pattern.match(w) for w in ("seve", "sevens", "sixty"))


def test_a_text_without_publication_date_is_read_from_the_latest_day_it_names():
    text = (
        "Hundreds of workers marched through the port on Sunday to demand higher pay.\n"
        "A dockworker waves a flag at the rally in the harbour on March 3, 2019.\n"
        "The union said it will strike again on June 30, 2031."
    )
    doc = next(nlp.parse([text]))
    found = {t.text: t.value for t in pipeline.times_in(doc, None)}
    # a date in a clause about the future does not date the writing
    assert found == {"Sunday": "2019-03-03", "March 3, 2019": "2019-03-03", "June 30, 2031": "2031-06-30"}


def test_a_text_with_no_day_named_in_full_leaves_relative_dates_unresolved():
    doc = next(nlp.parse(["Rebels shelled the town on Sunday."]))
    found = {t.text: t.value for t in pipeline.times_in(doc, None)}
    assert found == {"on Sunday": None}


@pytest.mark.parametrize(
    "text,dated",
    [
        ("A man tried to set fire to a Christmas market in Lyon.", False),
        ("The Christmas Day bombing killed five people in Lagos.", True),
        ("Police arrested six people during the Christmas holiday.", True),
    ],
)
def test_a_feast_day_naming_a_kind_of_thing_dates_nothing(text, dated):
    assert bool(extract(text, published="2016-12-16").times) == dated
