"""The match index ranks entries by weighted, typo-tolerant overlap."""

from privacy_kb.matching import MatchIndex

VARIANTS = [
    (0, "nl", "Hoe lang bewaren jullie mijn sollicitatie?"),
    (0, "en", "How long do you keep my job application?"),
    (1, "nl", "Welke cookies gebruiken jullie?"),
    (1, "en", "Which cookies do you use?"),
    (2, "nl", "Hoe meld ik me af voor de nieuwsbrief?"),
    (2, "en", "How do I unsubscribe from the newsletter?"),
    (3, "nl", "Wat doet de _hjid cookie?"),
]


def index():
    return MatchIndex(VARIANTS)


def test_one_candidate_per_entry_best_first():
    ranked = index().search("welke cookies gebruiken jullie", limit=10)
    assert ranked[0].entry == 1 and ranked[0].score == 100.0
    assert len({c.entry for c in ranked}) == len(ranked)
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)


def test_misspelt_words_are_corrected_to_the_vocabulary():
    idx = index()
    assert idx.correct("nieuwsbrfie")[0][0] == "nieuwsbrief"
    assert idx.search("afmleden nieuwsbreif")[0].entry == 2
    assert idx.search("hoe lang bewaren jullie mijn sollicitatei")[0].entry == 0


def test_dutch_compounds_are_split_into_known_words():
    idx = MatchIndex([(0, "nl", "cookie instellingen wijzigen"), (1, "nl", "nieuwsbrief")])
    assert [tok for tok, _ in idx.correct("cookievoorkeuren")] == ["cookie", "voorkeur"]
    assert idx.search("cookieinstellingen")[0].entry == 0


def test_words_the_faq_does_not_know_pull_the_score_down():
    idx = index()
    on_topic = idx.search("welke cookies")[0].score
    off_topic = idx.search("welke cookies eten jullie bij de koffie op kantoor")
    assert off_topic[0].score < on_topic - 20


def test_no_overlap_means_no_candidates():
    assert index().search("weerbericht morgen") == []
    assert index().search("") == []
    assert index().search("de het een") == []


def test_the_variant_language_is_reported():
    assert index().search("which cookies do you use", lang="en")[0].lang == "en"
    assert index().search("which cookies do you use", lang="nl")[0].lang == "nl"


def test_inflected_forms_learnt_from_a_lemmatiser_find_their_word():
    idx = MatchIndex([(0, "nl", "Welke cookies plaatsen jullie?"), (1, "nl", "nieuwsbrief")])
    lemmas = {"geplaatste": "plaatsen", "koffie": "koffie"}
    assert idx.add_lemmas(lemmas, lemmas.get) == 1
    assert idx.correct("geplaatste") == (("plaats", 1.0),)
    assert idx.correct("koffie") == ()


def test_the_question_outweighs_its_context():
    idx = index()
    ranked = idx.analyse("hoe lang bewaren jullie het", context="welke cookies gebruiken jullie")[0]
    assert ranked[0].entry == 0


def test_unknown_words_weigh_by_how_common_they_are():
    idx = index()
    assert idx.rarity("zwofkelbrim") == 1.0                   # no word: may be out of scope
    assert idx.rarity("escrow") > 0.8                         # rare
    assert idx.rarity("koffie") < 0.6                         # common: says little
    assert idx.rarity("leveranciersadministratie") < 0.8      # a compound of common words
    assert idx.rarity("vakantei") < 0.8                       # a typo of a common word


def test_a_short_slip_of_a_question_word_is_read_as_that_word():
    idx = MatchIndex([(0, "en", "What is a cookie?"), (1, "en", "Which cookies do you use?")])
    assert idx.correct("wht") == (("wat", 0.9),)
    assert idx.correct("xqz") == ()


def test_a_name_one_slip_from_a_function_word_is_read_as_that_word(assistant):
    # "julie" is a name, far rarer than "jullie": a slip, not an unknown topic word
    assert assistant.index.correct("julie") is None
    # "cloud" is nearly as common as "could": a word of its own
    assert assistant.index.correct("cloud") is not None
