"""Does a question answered rightly on its own stay answered inside an e-mail?

    python bench/wrap_emails.py            # tuned items: rates per wrapping feature
    python bench/wrap_emails.py --show 20  # also print 20 wrapped failures (tuned items)
    python bench/wrap_emails.py --held-out # the odd (held-out) items: aggregates only

Every development question (and request) that the desk answers rightly alone, and every
out-of-scope one it declines, is wrapped the way people send them: a greeting, a remark
before or after, the question mark dropped or the question introduced ("Mijn vraag
is: ..."), a sign-off, a signature with a title, address, phone and disclaimer, mail
headers pasted above, an earlier mail quoted below (Gmail, Outlook), lines wrapped at
72 characters; two questions are put into one mail, and a request with a question
(the request must be detected over the whole mail, the question still answered). A
wrapped question should get the same answer (and request type) as the bare one; the
rates per feature show which part of reading a message loses it. The wrapping is seeded per item: the same run every time, and an item's
wrappings do not change when another item's answer does.

Only items one may tune on are used, unless --held-out (then only aggregates print).
The blind test set is never read.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from privacy_kb.assistant import load_assistant  # noqa: E402
from privacy_kb.evaluation import Item, _align, load_items, tuning_split  # noqa: E402

DEVS = sorted((ROOT / "bench" / "data").glob("dev_messages*.yaml"))

GREETINGS = {
    "nl": ["Beste heer/mevrouw,", "Geachte heer, mevrouw,", "Hoi,", "Goedemiddag,",
           "Beste Software Borg,", "Hallo allemaal,", "Geachte Software Borg,",
           "Goedemorgen meneer de Jong,", "Beste mensen van Software Borg,"],
    "en": ["Dear Sir or Madam,", "Hi there,", "Hello,", "Good afternoon,",
           "Dear Software Borg team,", "Hi all,", "To whom it may concern,",
           "Dear Ms de Vries,", "Hello Software Borg,"],
}
OPENERS = {
    "nl": ["Ik heb een vraag over jullie privacyverklaring.",
           "Ik hoop dat u mij kunt helpen.",
           "Ik las uw privacyverklaring op de website.",
           "Naar aanleiding van uw website heb ik een vraag.",
           "Excuses voor de lange mail.",
           "Een collega wees mij op uw privacyverklaring",
           "Ik mail namens mijn moeder, die niet zo handig is met e-mail."],
    "en": ["I have a question about your privacy statement.",
           "I hope you can help me.",
           "I read the privacy statement on your website.",
           "Sorry to bother you with this.",
           "I hope this email finds you well.",
           "A colleague pointed me to your privacy statement",
           "I am writing on behalf of my father, who is not very good with email."],
}
INTROS = {
    "nl": ["Mijn vraag is: {q}", "Vraagje: {q}", "Ik heb de volgende vraag: {q}",
           "Mijn vraag: {q}", "Kort gezegd: {q}"],
    "en": ["My question is: {q}", "Quick question: {q}", "My question is the following: {q}",
           "Question: {q}", "In short: {q}"],
}
CLOSERS = {
    "nl": ["Alvast bedankt voor uw reactie.", "Ik hoor graag van u.", "Bij voorbaat dank!",
           "Dank voor de moeite.", "Ik zie uw antwoord graag tegemoet.",
           "Alvast dank voor uw hulp!"],
    "en": ["Thanks in advance for your reply.", "I look forward to hearing from you.",
           "Many thanks for your help!", "Thank you for your time.",
           "Looking forward to your answer.", "Appreciate your help."],
}
SIGN_OFFS = {
    "nl": ["Met vriendelijke groet,", "Vriendelijke groeten,", "Groetjes,", "Groet,", "Mvg,",
           "Hartelijke groet,", "Met vriendelijke groet"],
    "en": ["Kind regards,", "Best regards,", "Thanks,", "Cheers,", "Regards,",
           "Yours sincerely,", "Best,"],
}
NAMES = ["Els Visser", "Mark de Boer", "J. (Johan) Smit", "Priya Raman", "Tom",
         "drs. M.A. van der Linden", "Anna-Lena Schmidt", "Kees"]
SIGNATURE_LINES = {
    "nl": ["Inkoper | Gemeente Zwolle", "Postbus 10007, 8000 GA Zwolle", "T 038 498 9111",
           "M: 06-12345678", "www.voorbeeld.nl", "Afdeling Financiën",
           "Bezoekadres: Stationsplein 1, 3511 ED Utrecht"],
    "en": ["Procurement Officer | Acme Ltd", "42 Harbour Street, Dover CT17 9XB",
           "Tel: +44 20 7946 0321", "Mobile: +31 6 1234 5678", "www.example.com",
           "Finance Department", "Visiting address: 1 Main Street, Leeds LS1 4AP"],
}
DISCLAIMERS = {
    "nl": ["Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde. Als dit bericht "
           "niet voor u bestemd is, wordt u verzocht de afzender hiervan op de hoogte te "
           "stellen en het bericht te verwijderen.",
           "Verzonden vanaf mijn iPhone",
           "Denk aan het milieu voordat u deze e-mail print."],
    "en": ["This e-mail and any attachments are confidential and intended solely for the "
           "addressee. If you have received it in error, please notify the sender and "
           "delete it. Any use, copying or disclosure is prohibited.",
           "Sent from my iPhone",
           "Please consider the environment before printing this email."],
}
HEADERS = {
    "nl": "Van: Els Visser <els.visser@example.nl>\nVerzonden: dinsdag 3 maart 2026 10:12\n"
          "Aan: info@softwareborg.nl\nOnderwerp: Vraag\n",
    "en": "From: Mark Smith <mark.smith@example.com>\nSent: Tuesday, March 3, 2026 10:12 AM\n"
          "To: info@softwareborg.nl\nSubject: Question\n",
}
QUOTES = {
    "nl": ["Op di 3 mrt 2026 om 10:12 schreef Software Borg <info@softwareborg.nl>:\n"
           "> Beste meneer, mevrouw,\n> Dank voor uw bericht. Wij nemen zo snel mogelijk "
           "contact met u op.\n> Met vriendelijke groet,\n> Software Borg",
           "Op di 3 mrt 2026 om 10:12 schreef Software Borg <\ninfo@softwareborg.nl>:\n\n"
           "> Dank voor uw bericht. Wij reageren binnen twee werkdagen.",
           "-----Oorspronkelijk bericht-----\nVan: Software Borg <info@softwareborg.nl>\n"
           "Verzonden: maandag 2 maart 2026 09:00\nAan: Els Visser\nOnderwerp: RE: Vraag\n\n"
           "Beste mevrouw Visser,\nDank voor uw bericht. Wij komen er zo snel mogelijk op "
           "terug.\nMet vriendelijke groet,\nSoftware Borg"],
    "en": ["On Tue, 3 Mar 2026 at 10:12, Software Borg <info@softwareborg.nl> wrote:\n"
           "> Dear Sir or Madam,\n> Thank you for your message. We will get back to you "
           "as soon as possible.\n> Kind regards,\n> Software Borg",
           "On Tue, 3 Mar 2026 at 10:12, Software Borg <\ninfo@softwareborg.nl> wrote:\n\n"
           "> Thanks for your message. We will reply within two working days.",
           "-----Original Message-----\nFrom: Software Borg <info@softwareborg.nl>\n"
           "Sent: Monday, March 2, 2026 9:00 AM\nTo: Mark Smith\nSubject: RE: Question\n\n"
           "Dear Mr Smith,\nThank you for your message. We will get back to you shortly.\n"
           "Kind regards,\nSoftware Borg"],
}
FEATURES = ("greeting", "opener", "drop_mark", "intro", "closer", "sign_off", "signature",
            "disclaimer", "header", "quote", "wrap")


def wrap(questions: list[str], lang: str, rng: random.Random) -> tuple[str, set[str]]:
    """An e-mail around ``questions``, and the features used."""
    used = set()

    def pick(name: str, p: float) -> bool:
        if rng.random() < p:
            used.add(name)
            return True
        return False

    body = []
    if pick("opener", 0.5):
        body.append(rng.choice(OPENERS[lang]))
    for i, q in enumerate(questions):
        q = q.strip()
        if pick("drop_mark", 0.3):
            # who leaves the question mark out ends the line there
            q = q.rstrip("?").rstrip() + "\n"
        if i == 0 and pick("intro", 0.2):
            q = rng.choice(INTROS[lang]).format(q=q[0].lower() + q[1:]
                                                if q[:2] != q[:2].upper() else q)
        body.append(q)
    if pick("closer", 0.5):
        body.append(rng.choice(CLOSERS[lang]))
    text = " ".join(body).replace("\n ", "\n").strip()
    if pick("wrap", 0.3):
        text = "\n".join(wrapped for line in text.split("\n")
                         for wrapped in textwrap.wrap(line, 72))
    parts = []
    if pick("header", 0.15):
        parts.append(HEADERS[lang])
    if pick("greeting", 0.8):
        parts.append(rng.choice(GREETINGS[lang]) + "\n")
    parts.append(text + "\n")
    if pick("sign_off", 0.8):
        sign = [rng.choice(SIGN_OFFS[lang]), rng.choice(NAMES)]
        if pick("signature", 0.5):
            sign += rng.sample(SIGNATURE_LINES[lang], rng.randint(1, 3))
        parts.append("\n".join(sign) + "\n")
    if pick("disclaimer", 0.2):
        parts.append(rng.choice(DISCLAIMERS[lang]) + "\n")
    if pick("quote", 0.25):
        parts.append(rng.choice(QUOTES[lang]) + "\n")
    return "\n".join(parts), used


def right(bot, item: Item, reply) -> bool:
    """Answered (or declined) as labelled, with the labelled request type (a request
    flagged where none is made counts against it too)."""
    if reply.request_type != item.request_type:
        return False
    if not item.in_scope:
        return not reply.answered
    replies = reply.parts or [reply]
    return _align(replies, item.parts)[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many failures")
    parser.add_argument("--held-out", action="store_true",
                        help="the held-out (odd) items instead, aggregates only")
    parser.add_argument("--copies", type=int, default=3, help="wrappings per question")
    opts = parser.parse_args()
    bot = load_assistant()
    items = []
    for path in DEVS:
        tuned, held = tuning_split(path, load_items(path))
        items += held if opts.held_out else tuned
    single = [i for i in items if i.kind in ("question", "request", "out_of_scope")]
    alone = [i for i in single if right(bot, i, bot.ask(i.q))]
    per_feature: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    totals = defaultdict(lambda: [0, 0])
    shown = 0

    def record(kind, text, used, ok, detail):
        nonlocal shown
        totals[kind][0] += ok
        totals[kind][1] += 1
        for name in used:
            per_feature[name][0] += ok
            per_feature[name][1] += 1
        per_feature["(none)" if not used else "(any)"][0] += ok
        per_feature["(none)" if not used else "(any)"][1] += 1
        if not ok and shown < opts.show and not opts.held_out:
            shown += 1
            print(f"--- {kind} {sorted(used)}\n{text}\n=> {detail}\n")

    for item in alone:
        for copy in range(opts.copies):
            # seeded per item: a change elsewhere does not reshuffle every wrapping
            text, used = wrap([item.q], item.lang, random.Random(f"{copy}:{item.q}"))
            reply = bot.ask(text)
            ok = right(bot, item, reply)
            record(item.kind, text, used, ok,
                   f"answered={reply.answered} cited={(reply.source or {}).get('id')} "
                   f"faq={reply.faq_id} type={reply.request_type} parts="
                   f"{[(p.question, p.faq_id) for p in reply.parts]} expected "
                   f"{[p.sections for p in item.parts]} {item.request_type}")
    # two questions in one mail
    questions = [i for i in alone if i.kind == "question"]
    for lang in ("nl", "en"):
        pool = [i for i in questions if i.lang == lang]
        for a in pool:
            pair_rng = random.Random(f"pair:{a.q}")
            b = pair_rng.choice(pool)
            if b is a or set(a.sections) & set(b.sections):
                continue
            text, used = wrap([a.q, b.q], lang, pair_rng)
            pair = Item(q=text, lang=lang, kind="email", parts=(a.parts[0], b.parts[0]))
            reply = bot.ask(text)
            ok = right(bot, pair, reply)
            record("two questions", text, used, ok,
                   f"parts={[(p.question, p.faq_id, p.answered) for p in reply.parts]} "
                   f"expected {[a.sections, b.sections]}")
    # a request and a question in one mail: the request is detected over the whole
    # mail and the question still answered
    for lang in ("nl", "en"):
        plain = [i for i in questions if i.lang == lang and i.request_type is None]
        for r in (i for i in alone if i.kind == "request" and i.lang == lang):
            mix_rng = random.Random(f"mix:{r.q}")
            q = mix_rng.choice(plain)
            order = [r, q] if mix_rng.random() < 0.5 else [q, r]
            text, used = wrap([x.q for x in order], lang, mix_rng)
            mixed = Item(q=text, lang=lang, kind="email", parts=tuple(x.parts[0] for x in order),
                         request_type=r.request_type)
            reply = bot.ask(text)
            ok = right(bot, mixed, reply)
            record("request + question", text, used, ok,
                   f"type={reply.request_type} parts="
                   f"{[(p.question, p.faq_id, p.answered) for p in reply.parts]} expected "
                   f"{[x.sections for x in order]} {r.request_type}")
    which = "held-out (odd) items" if opts.held_out else "tuned items"
    print(f"Wrapped e-mails from {len(alone)}/{len(single)} {which} right alone")
    for kind, (ok, n) in totals.items():
        print(f"  {kind:16} {ok}/{n} = {ok / n:.1%}")
    print("Per feature (share right among wrappings that use it):")
    for name in FEATURES + ("(none)", "(any)"):
        ok, n = per_feature.get(name, (0, 0))
        if n:
            print(f"  {name:12} {ok:4}/{n:<4} {ok / n:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
