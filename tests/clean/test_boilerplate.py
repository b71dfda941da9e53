"""Boilerplate lines come out of plain text, each kept with its reason; prose stays."""
from __future__ import annotations

import pytest

from dragoman.clean.boilerplate import clean_title, line_reason, remove_boilerplate

BODY = ("The harbour authority said on Monday that the northern pier would close for repairs.\n\n"
        "\u201cWe have no choice,\u201d the director said, adding that work would take a month.")


@pytest.mark.parametrize("line, reason", [
    ("1,204 views", "counter"),
    ("Views: 87 | Comments: 3", "counter"),
    ("12 Shares", "counter"),
    ("No Comments", "counter"),
    ("Leave a reply", "counter"),
    ("• 04/22/2019", "metadata-bullet"),
    ("• 17:45", "metadata-bullet"),
    ("· 3", "metadata-bullet"),
    ("09:30", "number-only"),
    ("Share", "share-label"),
    ("Share this: Facebook Twitter WhatsApp", "share-label"),
    ("Teilen", "share-label"),
    ("Поделиться", "share-label"),
    ("شارك", "share-label"),
    ("Read more: Harbour strike enters its second week", "see-also"),
    ("See also: Ferry timetable for the winter", "see-also"),
    ("See Harbour Weekly, May 3: Pier Talks Stall", "see-also"),
    ("Related stories", "see-also"),
    ("Posted by the news desk on 3 May", "posted-by"),
    ("This story was written by a staff reporter. Send tips to the desk.", "posted-by"),
    ("Write to us at [email\u00a0protected]", "email-placeholder"),
])
def test_kinds_of_boilerplate_lines(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "The harbour authority said on Monday that the northern pier would close.",
    "See you in court, the lawyer told the director.",
    "More than 300 workers joined the strike on Tuesday.",
    "Share prices fell by 3 percent after the announcement.",
    "He said: \u201cWe will not share the report with anyone.\u201d",
    "• The port will reopen in June, officials said.",
    "Related talks are planned in Oslo next week, the ministry said.",
])
def test_prose_is_not_boilerplate(line):
    assert line_reason(line) is None


def test_removed_lines_are_kept_with_their_reason_and_paragraphs_survive():
    text = ("Pier closes\n\n\u2022 05/03/2019\n\u2022 08:15\n\u2022 42\n\n" + BODY
            + "\n\nSee also: Winter ferry times\n\n2 Comments\n\n\u0634\u0627\u0631\u0643 :")
    cleaned, removed = remove_boilerplate(text, title="Pier closes")
    assert cleaned == BODY
    reasons = [reason for reason, _ in removed]
    assert reasons.count("metadata-bullet") == 3
    assert {"see-also", "counter", "share-label", "title-repeat"} <= set(reasons)
    assert ("metadata-bullet", "\u2022 05/03/2019") in removed


def test_labels_at_the_edges_byline_and_dateline():
    text = ("Harbour Desk:\n\nBy Ana Ruiz\n\nMay 3 2019 \u2013 By Tom Berg \u2013 Port News \u2013 "
            "The northern pier closed on Monday for repairs, the harbour authority said.\n\n"
            "Workers were sent home.\n\nFollow us:")
    cleaned, removed = remove_boilerplate(text)
    assert cleaned.startswith("The northern pier closed on Monday")
    assert cleaned.endswith("Workers were sent home.")
    assert ("label", "Harbour Desk:") in removed and ("byline", "By Ana Ruiz") in removed
    assert ("dangling-label", "Follow us:") in removed
    assert ("dateline", "May 3 2019 \u2013 By Tom Berg \u2013 Port News \u2013") in removed


def test_a_colon_line_inside_the_text_introduces_a_quote_and_stays():
    text = "The director said:\n\nWe have no choice. The pier is unsafe.\n\nWork starts soon."
    cleaned, removed = remove_boilerplate(text)
    assert cleaned == text and removed == []


def test_an_email_placeholder_inside_a_long_paragraph_is_cut_out():
    line = ("Readers who saw the closure can write to the harbour desk at [email protected] "
            "with photos, the newspaper said in a note that also thanked the port workers for "
            "their patience during the repairs that are expected to take a month or longer.")
    cleaned, removed = remove_boilerplate(line)
    assert "[email" not in cleaned and "harbour desk at" in cleaned
    assert removed == [("email-placeholder", "[email protected]")]


@pytest.mark.parametrize("title, outlet, expected", [
    ("HARBOUR DAILY From OSLO : Pier closes for repairs", None, "Pier closes for repairs"),
    ("Pier closes for repairs | Port News", "Port News", "Pier closes for repairs"),
    ("Pier closes for repairs - portnews.example", "portnews.example", "Pier closes for repairs"),
    ("Oslo: Pier closes for repairs", "Port News", "Oslo: Pier closes for repairs"),
    ("Pier closes - and workers protest", "Port News", "Pier closes - and workers protest"),
])
def test_site_names_come_off_titles(title, outlet, expected):
    cleaned, removed = clean_title(title, outlet)
    assert cleaned == expected
    assert bool(removed) == (cleaned != title)


def test_a_share_bar_run_into_the_text_is_cut_out_and_kept():
    text = ("The attack shocked the city. Send Facebook Twitter Google+ Whatsapp Tumblr linkedin "
            "stumble Digg reddit Newsvine Permalink http://example.org/p/2Wx5C The man is "
            "believed to have arrived by air.\nHe used Facebook, Twitter and WhatsApp to plan it.")
    cleaned, removed = remove_boilerplate(text)
    assert cleaned == ("The attack shocked the city. The man is believed to have arrived by air.\n"
                       "He used Facebook, Twitter and WhatsApp to plan it.")
    assert removed == [("share-bar", "Send Facebook Twitter Google+ Whatsapp Tumblr linkedin "
                                     "stumble Digg reddit Newsvine Permalink http://example.org/p/2Wx5C")]
