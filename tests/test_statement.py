"""The statement is parsed into addressable sections with stable ids."""

from privacy_kb.statement import INTRO_ID, load_statement, parse_statement, slugify

EXPECTED_IDS = [
    "inleiding", "doeleinden-van-de-gegevensverwerking",
    "verwerking-in-het-kader-van-onze-dienstverlening",
    "verwerking-via-de-website-www-softwareborg-nl", "bezoekgegevens-en-klikgedrag",
    "contact-en-downloadformulier", "solliciteren-via-de-website",
    "verwerking-voor-opgave-training-workshop", "verwerking-via-de-nieuwsbrief",
    "delen-met-derden", "uw-rechten", "beveiliging", "gebruik-van-cookies",
    "op-dit-moment-gebruiken-we-de-volgende-cookies", "cookie-ga", "cookie-hjid",
    "cookie-li-id", "cookie-li-ses", "social-media-buttons", "uitschakelen-van-cookies",
    "klachten", "onze-contactgegevens", "wijzigingen-in-deze-privacy-en-cookieverklaring",
    "wijzig-cookie-instellingen",
]


def test_every_heading_and_cookie_row_is_a_section_with_a_stable_id():
    assert load_statement().ids == EXPECTED_IDS


def test_cookie_rows_keep_name_purpose_and_retention_as_printed():
    st = load_statement()
    assert st["cookie-ga"].cookie["retention"] == "2 jaar"
    assert st["cookie-hjid"].cookie["retention"] == "365 dagen"
    assert st["cookie-li-id"].cookie == {
        "name": "_li_id.xxxx",
        "purpose": "Een firstparty cookie om te bepalen of de bezoeker nieuw is of al "
                   "eerder de site heeft bezocht.",
        "retention": "alleen de huidige sessie",
    }
    assert st["cookie-li-ses"].cookie["retention"] == "2 jaar"
    assert st["cookie-li-ses"].parent == "op-dit-moment-gebruiken-we-de-volgende-cookies"


def test_text_after_the_cookie_table_belongs_to_the_tables_heading():
    section = load_statement()["op-dit-moment-gebruiken-we-de-volgende-cookies"]
    # The source has non-breaking spaces around the cookie names: quotes still match.
    assert section.contains("De Google _ga cookie hebben we zo privacy vriendelijk")
    assert section.contains("_hjid gebruiken we ook om statistieken")


def test_sections_know_their_level_parent_and_line():
    st = load_statement()
    assert st["beveiliging"].level == 1 and st["beveiliging"].parent is None
    assert st["uw-rechten"].parent == "doeleinden-van-de-gegevensverwerking"
    assert st["solliciteren-via-de-website"].level == 3
    assert st["solliciteren-via-de-website"].line == 27
    assert st["klachten"].title == "Klachten"


def test_quotes_match_verbatim_up_to_white_space_only():
    section = load_statement()["solliciteren-via-de-website"]
    assert section.contains("tot 4 weken   daarna")
    assert not section.contains("tot 6 weken daarna")
    assert not section.contains("   ")
    assert "4 weken" in section.passage("tot 4 weken daarna")


def test_substantive_sections_exclude_bare_headings():
    ids = {s.id for s in load_statement().substantive()}
    assert "doeleinden-van-de-gegevensverwerking" not in ids
    assert "wijzig-cookie-instellingen" not in ids
    assert "klachten" in ids and INTRO_ID in ids


def test_a_changed_statement_is_parsed_the_same_way():
    st = parse_statement("Titel\r\n\r\nIntro tekst.\r\n\r\nNIEUW HOOFDSTUK\r\n\r\n"
                         "Tekst van het hoofdstuk.\r\n\r\nSub kopje:\r\n\r\nMeer tekst.")
    assert st.ids == ["inleiding", "nieuw-hoofdstuk", "sub-kopje"]
    assert st["sub-kopje"].parent == "nieuw-hoofdstuk"
    assert parse_statement("").sections == ()


def test_slugify_is_ascii_and_stable():
    assert slugify("Verwerking voor opgave training /workshop") == \
        "verwerking-voor-opgave-training-workshop"
    assert slugify("Één ‘test’") == "een-test"
