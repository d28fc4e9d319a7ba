"""The rules of the six weakest signals: a Dutch and an English answer for each pattern of the
tuning part's misreads, and the denied or look-alike forms that must not raise the signal.

Each case is ``(answer, signal, expected)``: whether ``read(answer).signals`` holds the signal.
"""

from __future__ import annotations

import pytest

from bot.coach.signals import SIGNALS, normalise, read

CASES = [
    # workload: people missing, said in numbers, compounds or "te weinig"
    ("we're short three drivers every week", "workload", True),
    ("we draaien al weken met drie man minder", "workload", True),
    ("chauffeurstekort, ritten dubbel", "workload", True),
    ("te weinig chauffeurs op de weg", "workload", True),
    ("we are not short of people", "workload", False),
    # workload: nobody can be spared, nobody has time (the denial is the signal)
    ("I can't spare her for a course before March", "workload", True),
    ("de bouwplaats kan hem geen dag missen", "workload", True),
    ("nobody has time to go to a course", "workload", True),
    ("niemand heeft tijd voor een cursus", "workload", True),
    ("I can spare her for a day", "workload", False),
    ("time isn't the issue", "workload", False),
    # workload: the strain in so many words
    ("the team is at breaking point", "workload", True),
    ("het is hier alle hens aan dek", "workload", True),
    # workload: the busy time over, sought, or at home
    ("the busy season is over, things are calm again", "workload", False),
    ("de drukte van december is voorbij, we hebben weer lucht", "workload", False),
    ("she thrives under pressure and loves the rush", "workload", False),
    ("ze heeft het druk thuis met de verbouwing", "workload", False),
    # trust: closed to the manager ("won't", "never" are the signal)
    ("she won't open up to me", "trust", True),
    ("ze klapt dicht zodra ik binnenkom", "trust", True),
    ("she opens up to me easily", "trust", False),
    ("he never tells me what he actually thinks", "trust", True),
    ("mij vertelt ze niks", "trust", True),
    ("she tells me everything", "trust", False),
    # trust: what is said may be held against them; the relation damaged
    ("she's afraid it'll be used against her", "trust", True),
    ("ze is bang dat het tegen haar gebruikt wordt", "trust", True),
    ("our relationship is damaged since the warning", "trust", True),
    ("de relatie is beschadigd sinds dat gesprek", "trust", True),
    ("our relationship isn't damaged", "trust", False),
    # trust: what the person thinks the manager does
    ("she's convinced I'm hiding things from her", "trust", True),
    ("ze denkt dat ik haar eruit wil werken", "trust", True),
    # trust in a new thing is no trust problem, but the new thing is a change
    ("customers don't trust the new self-checkouts", "trust", False),
    ("he doesn't trust the new scanners yet", "changing_work", True),
    ("hij vertrouwt de nieuwe scanners niet", "trust", False),
    # low confidence: English "of" is no Dutch "of" (whether)
    ("he's unsure of himself", "low_confidence", True),
    ("ze is onzeker over zichzelf", "low_confidence", True),
    ("she is unsure of the date of the exam", "low_confidence", False),
    # low confidence: the person quoted, not the manager about themselves
    ("'ik ben niet goed genoeg' zegt ze", "low_confidence", True),
    ("she says 'I'm not good enough for that'", "low_confidence", True),
    ("ik ben niet goed genoeg in plannen", "low_confidence", False),
    ("I'm not good enough at planning myself", "low_confidence", False),
    # low confidence: not believing in oneself, expecting to fail, playing oneself down
    ("she doesn't believe in herself", "low_confidence", True),
    ("ze gelooft niet dat ze het kan", "low_confidence", True),
    ("she believes in herself", "low_confidence", False),
    ("ze gelooft in zichzelf", "low_confidence", False),
    ("convinced she'll fail the exam", "low_confidence", True),
    ("bang dat ze zakt voor het examen", "low_confidence", True),
    ("she's not worried about the exam", "low_confidence", False),
    ("he talks himself down constantly", "low_confidence", True),
    ("ze cijfert zichzelf weg", "low_confidence", True),
    # no development wish: the refusal's own "not" is the signal
    ("he doesn't need any training", "no_development_wish", True),
    ("hij wil geen cursus meer", "no_development_wish", True),
    ("he doesn't want to learn", "no_development_wish", True),
    ("hij wil niet leren", "no_development_wish", True),
    ("it's not that he doesn't want to learn, he has no time", "no_development_wish", False),
    ("ze is niet tegen leren", "no_development_wish", False),
    # no development wish: no point in it, a waste of time
    ("he doesn't see the point of training", "no_development_wish", True),
    ("ziet het nut niet van cursussen", "no_development_wish", True),
    ("waste of my time, he says about courses", "no_development_wish", True),
    ("zonde van mijn tijd, zegt hij over cursussen", "no_development_wish", True),
    # no development wish: one course refused beside another wish to learn
    ("doesn't want the leadership course, but would love to learn coding", "no_development_wish",
     False),
    ("die excelcursus wil ze niet, maar ze wil wel meelopen met finance", "no_development_wish",
     False),
    # no budget: the money ran out, was cut, cannot be paid
    ("the training budget ran out in May", "no_budget", True),
    ("het budget was in maart al opgemaakt", "no_budget", True),
    ("the budget got slashed", "no_budget", True),
    ("het budget is gehalveerd", "no_budget", True),
    ("we can't fund the course this year", "no_budget", True),
    ("de opleiding kunnen we niet betalen", "no_budget", True),
    ("we can fund the course this year", "no_budget", False),
    # the employer refusing the money is no budget, not the person refusing to learn
    ("finance says no to every training request", "no_budget", True),
    ("finance says no to every training request", "no_development_wish", False),
    ("het hoofdkantoor zegt nee tegen alle opleidingsaanvragen", "no_development_wish", False),
    # no budget: a word of none denied is none
    ("the budget hasn't run out", "no_budget", False),
    ("het budget is niet op", "no_budget", False),
    ("money isn't the issue, the pot is healthy", "no_budget", False),
    # changing work: something new arriving, a switch to another way
    ("new machines on line 3 next month", "changing_work", True),
    ("nieuwe machines op lijn 3 vanaf maart", "changing_work", True),
    ("no new machines this year", "changing_work", False),
    ("geen nieuwe machines dit jaar", "changing_work", False),
    ("we're switching to a new warehouse system in march", "changing_work", True),
    ("we gaan over op tablets in de bus", "changing_work", True),
    # changing work: the change long done
    ("the migration was finished in 2020", "changing_work", False),
    ("de fusie is afgerond, iedereen is inmiddels gewend", "changing_work", False),
    # typo look-alikes: real words are not "corrected" into cue words
    ("21 directe ondergeschikten", "large_team", True),
    ("she loves reading about new tech", "low_confidence", False),
]  # fmt: skip


@pytest.mark.parametrize(("answer", "signal", "expected"), CASES)
def test_signal_rules(answer: str, signal: str, expected: bool) -> None:
    assert (signal in read(answer).signals) is expected, read(answer)


def test_real_words_are_no_typos_of_cue_words() -> None:
    assert normalise("closing reading schreef directe overleven") == (
        "closing reading schreef directe overleven"
    )


@pytest.mark.parametrize(
    "text",
    [
        "werkdruk " * 2300,
        "she won't tell me anything about the new system and budget " * 340,
        "wil ze ook gewoon echt er " * 800,
    ],
)
def test_many_cues_in_one_long_clause_are_read(text: str) -> None:
    """A long answer full of cues is read whole (its time is measured by
    bench/signals_long.py, not asserted here)."""
    reading = read(text[:20000])
    assert set(reading.signals) <= set(SIGNALS)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # round-8 user test: "no budget problems" read as no budget
        ("no budget problems, can give him 1 day a month", {"budget_available"}, {"no_budget"}),
        ("geen budgetproblemen", {"budget_available"}, {"no_budget"}),
        ("no budget for courses", {"no_budget"}, {"budget_available"}),
        # the pay scale someone is in is no wish to move up
        ("go to 3 days a week and if that affects his schaal 8", set(), {"promotion_unavailable"}),
        ("zit al jaren in schaal 8 en wil naar schaal 9", {"promotion_unavailable"}, set()),
        # afraid of no longer keeping up
        ("hij is 58 en bang dat hij het niet meer bijbeent", {"low_confidence"}, set()),
    ],
)
def test_round_8_readings(text: str, present: set[str], absent: set[str]) -> None:
    signals = set(read(text).signals)
    assert present <= signals and not (absent & signals), signals


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # what follows "nu", "now that" is told as a fact, not wondered about
        ("ik wil weten hoe hij erin staat nu de planning geautomatiseerd wordt",
         {"changing_work"}, set()),
        ("i want to know how she feels now that the new system is coming", {"changing_work"},
         set()),
        ("ik vraag me af of ze promotie wil", set(), {"promotion_unavailable"}),
        ("ik wil weten of hij zich onzeker voelt", set(), {"low_confidence"}),
    ],
)  # fmt: skip
def test_a_fact_inside_a_question_to_oneself_counts(
    text: str, present: set[str], absent: set[str]
) -> None:
    signals = set(read(text).signals)
    assert present <= signals and not (absent & signals), signals
