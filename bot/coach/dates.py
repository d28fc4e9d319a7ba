"""Dates as managers type them: "morgen", "vrijdag", "2026-12-03", "tomorrow", "15 december"."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

# the days and the nearest dates by name, per language: a reply made of these alone also
# says which language it was typed in (bot.coach.language.date_language)
DAY_NAMES = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
}
NEAR_DAYS = {"nl": ("vandaag", "morgen", "overmorgen"), "en": ("today", "tomorrow")}
# fmt: off
WEEKDAYS = {
    **{name: i for names in DAY_NAMES.values() for i, name in enumerate(names)},
    "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6, "mon": 0, "tue": 1,
    "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
    "sun": 6,
    # typed in a hurry
    "wedensday": 2, "wednsday": 2, "wensday": 2, "thurday": 3, "thrusday": 3, "tuseday": 1,
    "tusday": 1,
}
# fmt: on
# fmt: off
MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2, "maart": 3,
    "mrt": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6,
    "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7, "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# fmt: on
# fmt: off
RELATIVE = {
    "vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2,
    "day after tomorrow": 2, "tmrw": 1, "tmr": 1, "tomorow": 1, "tommorow": 1, "tommorrow": 1,
    "2morrow": 1, "morgn": 1, "mrgn": 1,
}
# fmt: on

_DAY = r"(?P<day>\d{1,2})"
_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# a day after its month is English ("January 2"): Dutch puts it first, so "in januari 2
# diensten meelopen" holds no 2 January
_DUTCH_ONLY = frozenset(
    {"januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober"}
)
_MON_FIRST = (
    r"(?P<mon>"
    + "|".join(sorted(set(MONTHS) - _DUTCH_ONLY, key=len, reverse=True))
    + r")\.?"
)
_WD = r"(?P<wd>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
# where a weekday ends: at a word's end, or before the part of the day that Dutch glues to it
# ("vrijdagmiddag", "maandagochtend")
_WD_END = r"(?:\b|(?=(?:ochtend|morgen|middag|namiddag|avond)\b))"
# fmt: off
_NUMBERS = {
    "een": 1, "één": 1, "a": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3,
    "vier": 4, "four": 4, "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7,
    "acht": 8, "eight": 8, "negen": 9, "nine": 9, "tien": 10, "ten": 10, "twaalf": 12,
    "twelve": 12,
}
# fmt: on
# a count in words: "over zes weken", "in three months"
_COUNT = "|".join(_NUMBERS)
# "6 wks", "3 wkn", "2 mnd": units as managers abbreviate them
_WEEK_UNITS = r"weken|week|weeks|wkn|wks|wk"
# what a number counts when it is no day: "januari 4 uur per week" holds no 4 January
_AMOUNT_UNITS = (
    r"(?:uur|u\b|hours?|hrs?\b|keer|times|x\b|dagen|days?|weken|weeks?|maanden|months?|mensen|"
    r"people|euro|%|per\b|a\s+(?:week|month))"
)
_N_WEEKS = rf"(?P<n>\d{{1,2}}|{_COUNT})\s+(?:{_WEEK_UNITS})\b"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("dmy", re.compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})(?:[-/.](?P<y>\d{2,4}))?\b")),
    (
        "day_month",
        re.compile(_DAY + r"(?:e|ste|de|st|nd|rd|th)?\s+" + _MON + r"(?:\s+(?P<y>\d{4}))?\b"),
    ),
    # "January 2", but not "vanaf januari 2 uur per week": a number with a unit is no day
    (
        "month_day",
        re.compile(
            _MON_FIRST
            + r"\s+"
            + _DAY
            + r"(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b"
            + r"(?!\s*"
            + _AMOUNT_UNITS
            + ")"
        ),
    ),
    # "in de week van 14 december", "the week of 14 December": a deadline at that week's end
    (
        "week_of",
        re.compile(
            r"\b(?:in\s+)?(?:de\s+|the\s+)?week\s+(?:van|of)\s+(?:(?:de|the)\s+)?"
            + r"(?:"
            + _DAY
            + r"(?:e|ste|de|st|nd|rd|th)?\s+"
            + _MON
            + r"|"
            + _MON.replace("?P<mon>", "?P<mon2>")
            + r"\s+"
            + _DAY.replace("?P<day>", "?P<day2>")
            + r"(?:st|nd|rd|th)?)\b"
        ),
    ),
    # "donderdag over twee weken", "in two weeks on Thursday": that day of the calendar week
    # n weeks after this one, as "volgende week dinsdag" is of the next
    ("wd_in_n", re.compile(r"\b" + _WD + r",?\s+(?:over|in)\s+" + _N_WEEKS)),
    (
        "wd_in_n",
        re.compile(r"\b(?:over|in)\s+" + _N_WEEKS + r",?\s+(?:op\s+|on\s+)?" + _WD + _WD_END),
    ),
    (
        "in_n",
        re.compile(
            rf"\b(?:over|in|binnen|within)\s+(?P<n>\d{{1,3}}|{_COUNT})\s+"
            r"(?P<unit>dagen|dag|days|day|dgn|" + _WEEK_UNITS + r"|"
            r"maanden|maand|months|month|mnd|mndn|mths|mnths|mos)\b"
        ),
    ),
    # "a week on Friday", "Friday week" (British): that weekday a week after the coming one
    ("week_on_wd", re.compile(r"\ba week (?:on|from) " + _WD + _WD_END)),
    ("week_on_wd", re.compile(r"\b" + _WD + r" week\b")),
    ("next_week_wd", re.compile(r"\b(?:volgende week|next week)\s+" + _WD + _WD_END)),
    ("next_week_wd", re.compile(r"\b" + _WD + r"\s+(?:volgende week|next week)\b")),
    # "next Tuesday" is the Tuesday of the calendar week after this one; typed early in the
    # week it may also mean the coming one, so flows ask (see ``ambiguous_date``)
    ("next_wd", re.compile(r"\b(?:volgende|next)\s+" + _WD + _WD_END)),
    ("coming_wd", re.compile(r"\b(?:aanstaande|komende|this|deze|coming)\s+" + _WD + _WD_END)),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>day after tomorrow|overmorgen|vandaag|today|morgen|"
            r"tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow|2morrow|morgn|mrgn)\b"
        ),
    ),
    (
        "end_month",
        re.compile(
            r"\b(?:(?:het )?eind(?:e)? (?:van )?de(?:ze)? maand|einde maand|"
            r"(?:the )?end of (?:the |this )?month|month[- ]end)\b"
        ),
    ),
    (
        "end_week",
        re.compile(
            r"\b(?:(?:het )?eind(?:e)? van de week|einde week|(?:the )?end of (?:the |this )?week|"
            r"deze week|this week)\b"
        ),
    ),
    # "eind volgende week", "end of next week": the Friday of next week
    (
        "end_next_week",
        re.compile(
            r"\b(?:(?:het )?eind(?:e)? (?:van )?(?:de )?volgende week|(?:the )?end of next week)\b"
        ),
    ),
    (
        "next_week",
        re.compile(r"\b(?:volgende week|volgende wk|next week|next wk|nxt w(?:ee)?k)\b"),
    ),
    # "volgende maand", "in januari", "eind maart", "mid-February": a month, not a day; as a
    # deadline its last day (mid: the 15th, early: the 10th), never a meeting's date
    (
        "next_month",
        re.compile(
            r"\b(?:(?P<when>begin|early|start of|medio|half|mid|eind|end of)\s+)?"
            r"(?:volgende|komende|next|coming)\s+(?:maand|month)\b"
        ),
    ),
    (
        "month_only",
        re.compile(
            r"\b(?P<when>in|eind|einde|end of|late|uiterlijk eind|medio|half|mid|mid-|begin|"
            r"early|start of|the end of|het eind van|vanaf|from|as of|per|met ingang van|"
            r"starting(?: in| from)?)\s*"
            + _MON
            + r"(?:\s+(?P<y>\d{4}))?(?![\w-]|"
            # a number after a month read as a day (not after a Dutch one: "in januari 2
            # diensten")
            + "".join(f"(?<!{m})" for m in sorted(_DUTCH_ONLY))
            + r"\.?\s*\d(?!\d*\s*"
            + _AMOUNT_UNITS
            + "))"
        ),
    ),
    # "voor de kerstvakantie", "before the Christmas holidays", and "voor (de) kerst", which
    # in Dutch means the break: the last working day before the holiday week (see
    # ``christmas_break``); "eind van het jaar", "by year end": the last working day of
    # December (deadlines, as a month is)
    (
        "christmas_break",
        re.compile(
            r"\b(?:voor|vóór|tegen|rond|before|by|around)\s+(?:de\s+|the\s+)?"
            r"(?:kerst(?:mis|vakantie|reces|dagen)?|kerstvak|"
            r"(?:christmas|xmas)\s+(?:holidays?|break|vacation|hols))\b"
        ),
    ),
    # "before Xmas": the working day before Christmas Day itself, as English workplaces
    # work up to Christmas Eve
    (
        "christmas",
        re.compile(
            r"\b(?:before|by|around)\s+(?:christmas|xmas)\b(?!\s+(?:holiday|break|vac|hols))"
        ),
    ),
    # "na nieuwjaar", "after new year", "na de kerstvakantie", "na de feestdagen" (in
    # December: Christmas and New Year): the first Monday of the new year
    (
        "new_year",
        re.compile(
            r"\b(?:na|after|begin|start of)\s+(?:het\s+|the\s+|de\s+)?(?:nieuwjaar|nieuwe jaar|"
            r"new year|de jaarwisseling|oud en nieuw|the holidays|kerstvakantie|kerstreces|"
            r"feestdagen|kerstdagen|festive season|holiday season|kerst(?:mis)?|"
            r"(?:christmas|xmas)(?:\s+(?:holidays?|break|vacation|hols))?)\b"
        ),
    ),
    # "voor de zomer", "before the summer holidays": the last working day of June; "na de
    # zomervakantie", "after the summer": the first Monday of September (deadlines, as a month)
    (
        "summer",
        re.compile(
            r"\b(?P<side>voor|vóór|tegen|before|by|na|after)\s+(?:de\s+|the\s+)?"
            r"(?:zomer(?:vakantie|reces|stop)?|summer(?:\s+(?:holidays?|break|vacation|hols))?)\b"
        ),
    ),
    (
        "year_end",
        re.compile(
            r"\b(?:(?:het\s+)?eind(?:e)?\s+(?:van\s+)?(?:het|dit)\s+jaar|einde\s+jaar|"
            r"jaareinde|(?:the\s+)?end\s+of\s+(?:the|this)\s+year|(?:the\s+)?year[-\s]end)\b"
        ),
    ),
    # "the monday huddle", "het vrijdagoverleg": a weekday that names a meeting is no date
    ("wd", re.compile(r"(?<!\bthe )(?<!\bour )(?<!\bhet )(?<!\bons )\b" + _WD + _WD_END)),
    # "Friday the 11th", "vrijdag de 11e", "fri 11th": the day named, the weekday only says
    # which it is
    (
        "wd_the_day",
        re.compile(_WD + r",?\s+(?:(?:the|de)\s+)?" + _DAY + r"(?:st|nd|rd|th|e|ste|de)\b"),
    ),
    # "before the 15th", "uiterlijk de 15e": a day of this month, or of the next once it passed
    # (only after a deadline word: "de 1e stap" is no date)
    (
        "month_day_only",
        re.compile(
            r"\b(?:before|by|on|until|due|voor|vóór|uiterlijk|op|tegen|tot|per)\s+(?:the|de)\s+"
            + _DAY
            + r"(?:st|nd|rd|th|e|ste|de)\b"
        ),
    ),
]
# days behind us: "vorige week dinsdag", "last Friday", "afgelopen maandag", "gisteren"; a
# date step says they passed, and a deadline never takes them ("last friday" is no Friday ahead)
_PAST_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "last_week_wd",
        re.compile(r"\b(?:vorige week|last week|afgelopen week)\s+" + _WD + _WD_END),
    ),
    ("last_week_wd", re.compile(r"\b" + _WD + r"\s+(?:van\s+)?(?:vorige week|last week)\b")),
    (
        "last_wd",
        re.compile(r"\b(?:vorige|afgelopen|jongstleden|last|past|this past)\s+" + _WD + _WD_END),
    ),
    (
        "yesterday",
        re.compile(r"\b(?P<ago>eergisteren|gisteren|gister|day before yesterday|yesterday)\b"),
    ),
]
_AGO = {"gisteren": 1, "gister": 1, "yesterday": 1, "eergisteren": 2, "day before yesterday": 2}
# a week or a month names no day: a deadline, never the date of a conversation
_MONTH_LEVEL = frozenset(
    {"next_month", "month_only", "next_week", "week_of", "christmas", "christmas_break",
     "year_end", "new_year", "summer"}
)  # fmt: skip
_EXPLICIT = frozenset({"iso", "dmy", "day_month", "month_day"})
_JUST_AFTER_NEW_YEAR = 14  # days after the holiday that "na de kerstvakantie" is still this one
_PART_OF_MONTH = {"medio": 15, "half": 15, "mid": 15, "begin": 10, "early": 10, "start of": 10}
# "vanaf januari", "as of March": the month's first working day, the day something starts
_MONTH_STARTS = frozenset(
    {"vanaf", "from", "as of", "per", "met ingang van", "starting", "starting in", "starting from"}
)


def _next_weekday(today: date, weekday: int, *, allow_today: bool = False) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not allow_today:
        ahead = 7
    return today + timedelta(days=ahead)


def _in_next_week(today: date, weekday: int) -> date:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
    return monday + timedelta(days=weekday)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearless(today: date, month: int, day: int) -> date | None:
    found = _safe(today.year, month, day)
    if found and found < today - timedelta(days=31):  # "3 januari" typed in December
        found = _safe(today.year + 1, month, day)
    return found


def _months_on(today: date, n: int) -> date:
    """The same day ``n`` calendar months on, or the month's last day if it has fewer.

    >>> _months_on(date(2026, 12, 3), 12), _months_on(date(2027, 1, 31), 1)
    (datetime.date(2027, 12, 3), datetime.date(2027, 2, 28))
    """
    month = today.month - 1 + n
    year, month = today.year + month // 12, month % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _first_of_next_month(today: date) -> date:
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


def _resolve(kind: str, m: re.Match[str], today: date) -> date | None:
    g = m.groupdict()
    if kind == "last_week_wd":
        monday = today - timedelta(days=today.weekday())
        return monday - timedelta(weeks=1) + timedelta(days=WEEKDAYS[g["wd"]])
    if kind == "last_wd":  # the latest one before today: "last Friday" on a Friday is a week ago
        return today - timedelta(days=(today.weekday() - WEEKDAYS[g["wd"]]) % 7 or 7)
    if kind == "yesterday":
        return today - timedelta(days=_AGO[g["ago"]])
    if kind == "iso":
        return _safe(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind in ("dmy", "day_month", "month_day"):
        month = int(g["m"]) if kind == "dmy" else MONTHS[g["mon"]]
        day = int(g["d"] if kind == "dmy" else g["day"])
        if g.get("y"):
            year = int(g["y"])
            return _safe(year + 2000 if year < 100 else year, month, day)
        return _yearless(today, month, day)
    if kind == "week_of":
        month = MONTHS[g["mon"] or g["mon2"]]
        start = _yearless(today, month, int(g["day"] or g["day2"]))
        return None if start is None else start + timedelta(days=4 - start.weekday())
    if kind == "in_n":
        # "over 4 weken" counts roughly: from a weekend or a public holiday it moves on to the
        # next working day ("we review in 4 weeks" typed on 4 December is not New Year's Day)
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"]]
        unit = g["unit"]
        if unit.startswith("d"):
            return today + timedelta(days=n)
        if unit.startswith("w"):
            return working_day_on_or_after(today + timedelta(weeks=n))
        return working_day_on_or_after(_months_on(today, n))
    if kind in ("next_week_wd", "next_wd"):
        return _in_next_week(today, WEEKDAYS[g["wd"]])
    if kind == "wd_in_n":
        weeks = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"]]
        return _in_next_week(today, WEEKDAYS[g["wd"]]) + timedelta(weeks=weeks - 1)
    if kind in ("coming_wd", "wd"):
        return _next_weekday(today, WEEKDAYS[g["wd"]])
    if kind == "week_on_wd":
        return _next_weekday(today, WEEKDAYS[g["wd"]]) + timedelta(weeks=1)
    if kind == "relative":
        return today + timedelta(days=RELATIVE[g["rel"]])
    if kind == "end_month":
        return _first_of_next_month(today) - timedelta(days=1)
    if kind == "end_week":
        return _next_weekday(today, 4, allow_today=True)
    # "volgende week" as a deadline is the whole of next week: its Friday, as "eind volgende week"
    if kind in ("end_next_week", "next_week"):
        return _in_next_week(today, 4)
    # a month's deadline falls on a working day: the last one of the month (mid: on or
    # before the 15th, early: the 10th)
    if kind == "next_month":
        first = _first_of_next_month(today)
        if g.get("when") in _PART_OF_MONTH:
            return working_day_on_or_before(first.replace(day=_PART_OF_MONTH[g["when"]]))
        return working_day_on_or_before(_first_of_next_month(first) - timedelta(days=1))
    if kind == "month_only":
        month = MONTHS[g["mon"]]
        year = int(g["y"]) if g.get("y") else today.year + (month < today.month)
        when = g["when"].rstrip("-")
        first = date(year, month, 1)
        if when in _MONTH_STARTS:
            return working_day_on_or_after(first)
        if when in _PART_OF_MONTH:
            return working_day_on_or_before(first.replace(day=_PART_OF_MONTH[when]))
        return working_day_on_or_before(_first_of_next_month(first) - timedelta(days=1))
    if kind in ("christmas", "christmas_break"):
        for year in (today.year, today.year + 1):
            eve = working_day_on_or_before(date(year, 12, 24))
            last = working_day_on_or_before(christmas_break(year) - timedelta(days=1))
            # typed in the holiday week itself, "voor de kerst" is still before Christmas
            for day in (last, eve) if kind == "christmas_break" else (eve,):
                if day >= today:
                    return day
        return None  # pragma: no cover - next year's is always ahead
    if kind == "new_year":
        # typed in January, during or just after the holiday, it is this season's (or, once
        # that passed, the next working day): not next year's
        for year in (today.year, today.year + 1):
            first = date(year, 1, 1)
            after = first + timedelta(days=(7 - first.weekday()) % 7 or 7)
            if after >= today:
                return after
            if (today - after).days <= _JUST_AFTER_NEW_YEAR:
                return next_working_day(today)
        return None  # pragma: no cover - next year's is always ahead
    if kind == "summer":
        for year in (today.year, today.year + 1):
            if g["side"] in ("na", "after"):
                first = date(year, 9, 1)
                day = first + timedelta(days=(7 - first.weekday()) % 7)
            else:
                day = working_day_on_or_before(date(year, 6, 30))
            if day >= today:
                return day
        return None  # pragma: no cover - next year's is always ahead
    if kind == "year_end":
        return working_day_on_or_before(date(today.year, 12, 31))
    if kind in ("month_day_only", "wd_the_day"):
        return _day_of_month(today, int(g["day"]))
    return None


# before a date phrase: a deadline ("voor vrijdag", "by Friday") is the due date; a phrase
# that qualifies a thing ("de planning van volgende week") is not
_DEADLINE = re.compile(
    r"\b(?:voor|vóór|uiterlijk|tegen|op|per|deadline|tot|before|by|on|due|until|no later than)"
    r"\s*$"
)
_QUALIFIER = re.compile(r"\b(?:van|of|for)\s*$")
_DAY_KIND = re.compile(r"\s+(?:afternoons|mornings|evenings|nights)\b")
_DEADLINE_LEAD = re.compile(r"(?:voor|vóór|uiterlijk|tegen|before|by)\s")


def find_date(
    text: str, today: date, *, days_only: bool = False, past: bool = False
) -> tuple[date, tuple[int, int]] | None:
    """The date phrase that says when, and where it stands, or None (``days_only``: not a
    month such as "volgende maand"; ``past``: a day behind us, "gisteren", counts too).

    A phrase after a deadline word wins, then the first one; one that qualifies a thing
    comes later, and a day behind us last. Without ``past`` a day behind us is no date, and
    the weekday inside it none either:

    >>> find_date("zoals we vorige week dinsdag zeiden, klaar voor vrijdag", date(2026, 12, 1))[0]
    datetime.date(2026, 12, 4)
    >>> find_date("last friday we agreed", date(2026, 12, 4)) is None
    True
    >>> find_date("last friday", date(2026, 12, 4), past=True)[0]
    datetime.date(2026, 11, 27)

    >>> find_date("planning van volgende week doornemen voor vrijdag", date(2026, 12, 1))
    (datetime.date(2026, 12, 4), (42, 49))
    >>> find_date("training uitzoeken voor eind volgende week", date(2026, 12, 2))
    (datetime.date(2026, 12, 11), (24, 42))
    >>> find_date("volgende maand een dag meelopen", date(2026, 12, 2))
    (datetime.date(2027, 1, 29), (0, 14))
    >>> find_date("begin volgende maand bellen", date(2026, 12, 2))[0]
    datetime.date(2027, 1, 8)
    >>> find_date("shadow the planner mid-February", date(2026, 12, 2))[0]
    datetime.date(2027, 2, 15)
    >>> find_date("cursus afronden eind maart", date(2026, 12, 2))[0]
    datetime.date(2027, 3, 31)
    >>> find_date("in januari 2028 klaar", date(2026, 12, 2))[0]
    datetime.date(2028, 1, 31)
    >>> find_date("cursus starten begin februari", date(2026, 12, 2))[0]
    datetime.date(2027, 2, 10)
    >>> find_date("maandag 14 december", date(2026, 12, 2))[0]
    datetime.date(2026, 12, 14)
    >>> find_date("on Tuesday, 15 December", date(2026, 12, 2))[0]
    datetime.date(2026, 12, 15)
    >>> find_date("dinsdag 15-12", date(2026, 12, 2))[0]
    datetime.date(2026, 12, 15)
    >>> find_date("Friday the 11th", date(2026, 12, 2))[0]
    datetime.date(2026, 12, 11)
    >>> find_date("sinds januari beter", date(2026, 12, 2)) is None
    True
    >>> find_date("loopt vanaf januari 2 uur per week mee", date(2026, 12, 2))  # not 2 January
    (datetime.date(2027, 1, 4), (6, 19))
    >>> find_date("call HR by January 2", date(2026, 12, 2))[0]
    datetime.date(2027, 1, 2)
    >>> find_date("shadow the data team two Friday afternoons before xmas", date(2026, 12, 3))[0]
    datetime.date(2026, 12, 24)
    >>> find_date("tmrw 10am", date(2026, 12, 3))[0]
    datetime.date(2026, 12, 4)
    >>> find_date("a week on friday, 2pm", date(2026, 12, 3))[0]
    datetime.date(2026, 12, 11)
    >>> find_date("friday week", date(2026, 12, 3))[0]
    datetime.date(2026, 12, 11)
    >>> find_date("weds 16th at 3", date(2026, 12, 3))[0]
    datetime.date(2026, 12, 16)
    >>> find_date("rooster afmaken voor de kerst", date(2026, 12, 2))[0]  # the break's eve
    datetime.date(2026, 12, 18)
    >>> find_date("uitleggen voor de kerstvakantie", date(2026, 12, 21))[0]  # in it: Christmas Eve
    datetime.date(2026, 12, 24)
    >>> [find_date(t, date(2026, 12, 4))[0].isoformat() for t in ("voor de zomer klaar",
    ...  "after the summer holidays", "na de kerst bellen", "before the summer")]
    ['2027-06-30', '2027-09-06', '2027-01-04', '2027-06-30']
    >>> find_date("evaluatie na de kerstvakantie", date(2026, 12, 4))[0]
    datetime.date(2027, 1, 4)
    >>> find_date("sort the rota before xmas", date(2026, 12, 2))[0]
    datetime.date(2026, 12, 24)
    >>> find_date("plan klaar eind van het jaar", date(2026, 12, 2))[0]
    datetime.date(2026, 12, 31)
    >>> find_date("meeloopdag plannen in de week van 14 dec", date(2026, 12, 2))
    (datetime.date(2026, 12, 18), (19, 40))
    """
    low = text.lower()
    found: list[tuple[tuple[int, int], date, tuple[int, int]]] = []
    behind = [(kind, m) for kind, pattern in _PAST_PATTERNS for m in pattern.finditer(low)]
    if past:
        found += [((3, m.start()), _resolve(kind, m, today), m.span()) for kind, m in behind]
    gone = [m.span() for _, m in behind]
    # "maandag 14 december", "on Tuesday, 15 December": the date, not the weekday before it
    # ("woensdag 15.30" holds no date: a time, which no month has; "vrijdag 31-11" does, and
    # it is not a day, so the weekday goes with it and the answer is asked again)
    dated = [
        m.start()
        for kind, pattern in _PATTERNS
        if kind in _EXPLICIT
        for m in pattern.finditer(low)
        if kind != "dmy" or int(m["m"]) <= 12
    ]
    for kind, pattern in _PATTERNS:
        if days_only and kind in _MONTH_LEVEL:
            continue
        for m in pattern.finditer(low):
            if (
                kind == "wd"
                and len(m.group("wd")) <= 3
                and not _short_weekday_ok(low, m, days_only=days_only)
            ):
                continue
            # "zo week" is Dutch for "so soft": a two-letter day names no week
            if kind == "week_on_wd" and len(m.group("wd")) <= 2:
                continue
            # "fri 15th jan": the date with its month, which the weekday only goes with
            if kind == "wd_the_day" and any(m.start() < d <= m.end() for d in dated):
                continue
            # "two Friday afternoons": a kind of day, not a date
            if kind == "wd" and _DAY_KIND.match(low, m.end()):
                continue
            if kind in ("wd", "coming_wd") and any(0 <= d - m.end() <= 3 for d in dated):
                continue
            if any(a <= m.start() and m.end() <= b for a, b in gone):
                continue  # "friday" in "last friday": a day behind us
            day = _resolve(kind, m, today)
            if day is None:
                continue
            before = low[: m.start()]
            # a phrase that holds its own deadline word ("before xmas") is one as well
            lead = _DEADLINE.search(before) or _DEADLINE_LEAD.match(m.group(0))
            rank = 0 if lead else 2 if _QUALIFIER.search(before) else 1
            found.append(((rank, m.start()), day, m.span()))
    # a phrase inside a longer one is part of it: "op vrijdag" in "over 2 weken op vrijdag"
    whole = [
        f
        for f in found
        if not any(o[2] != f[2] and o[2][0] <= f[2][0] and f[2][1] <= o[2][1] for o in found)
    ]
    best = min(whole, key=lambda f: f[0], default=None)  # the first pattern wins a tie
    return None if best is None else (best[1], best[2])


# "tue 15th or wed 16th", "12/1 of 13/1": two days offered
_EITHER_OR = re.compile(r"\s(?:or|of|ofwel)\s")


def ambiguous_date(text: str, today: date) -> tuple[str, date, date] | None:
    """A phrase that may mean two days, with both, earliest first; None when it is clear.

    "next Tuesday" typed on a Monday may be tomorrow or the Tuesday a week later.

    >>> ambiguous_date("next Tuesday", date(2026, 11, 30))
    ('next tuesday', datetime.date(2026, 12, 1), datetime.date(2026, 12, 8))
    >>> ambiguous_date("volgende week dinsdag", date(2026, 11, 30)) is None
    True

    A weekday typed on that very day may be today or the same day next week:

    >>> ambiguous_date("thursday", date(2026, 12, 3))
    ('thursday', datetime.date(2026, 12, 3), datetime.date(2026, 12, 10))
    >>> ambiguous_date("vrijdag", date(2026, 12, 3)) is None
    True

    Two days typed as a choice ("either tue 15th or wed 16th", "12/1 of 13/1", "morgen of
    overmorgen") are both:

    >>> ambiguous_date("either tue 15th or wed 16th, depends on the rota", date(2026, 12, 5))
    ('tue 15th or wed 16th', datetime.date(2026, 12, 15), datetime.date(2026, 12, 16))
    >>> ambiguous_date("morgen of overmorgen", date(2026, 12, 5))[1:]
    (datetime.date(2026, 12, 6), datetime.date(2026, 12, 7))
    >>> ambiguous_date("cursus voor 1 januari; navragen of er budget is, uiterlijk 11 december",
    ...                date(2026, 12, 5)) is None
    True
    """
    low = text.lower()
    for either in _EITHER_OR.finditer(low):
        one = find_date(low[: either.start()], today, days_only=True)
        other = find_date(low[either.end() :], today, days_only=True)
        if (
            one is not None
            and other is not None
            and one[0] != other[0]
            # the two days on either side of the "or" ("navragen of er budget is ..., uiterlijk
            # 11 december" is no choice between two days)
            and not low[one[1][1] : either.start()].strip(" ,")
            and other[1][0] == 0
        ):
            phrase = low[one[1][0] : either.end() + other[1][1]]
            return (phrase, *sorted((one[0], other[0])))
    found = find_date(low, today, days_only=True, past=True)
    if found is not None and found[0] < today:  # "last Friday": one day, behind us
        return None
    if found is not None and found[0] == today + timedelta(days=7):
        phrase = low[found[1][0] : found[1][1]]
        if phrase in WEEKDAYS:
            return phrase, today, found[0]
    for kind, pattern in _PATTERNS:
        if kind != "next_wd":
            continue
        for m in pattern.finditer(low):
            if re.search(r"\b(?:volgende week|next week)\s*$", low[: m.start()]):
                continue
            weekday = WEEKDAYS[m.group("wd")]
            later = _in_next_week(today, weekday)
            sooner = _next_weekday(today, weekday)
            if sooner != later:
                return m.group(0), sooner, later
    return None


def passed_dates(text: str, today: date) -> list[tuple[str, date, date]]:
    """The days typed in full that are behind us, each with its phrase and the next time its
    day and month come round: "2026-01-10" typed on 4 December 2026 is most likely a slip
    for 10 January 2027 (a date without a year is next year's a month after it passed, see
    ``_yearless``). A number with a dot and no year ("1.5 uur") is left alone.

    >>> passed_dates("look at the module on 2026-01-10; call HR on 15 December", date(2026, 12, 4))
    [('2026-01-10', datetime.date(2026, 1, 10), datetime.date(2027, 1, 10))]
    >>> passed_dates("op 20 november", date(2026, 12, 4))
    [('20 november', datetime.date(2026, 11, 20), datetime.date(2027, 11, 20))]
    >>> passed_dates("1.5 uur per week", date(2026, 12, 4))
    []
    """
    low = text.lower()
    found: list[tuple[str, date, date]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(low) if kind in _EXPLICIT else ():
            if kind == "dmy" and not m["y"]:
                continue
            day = _resolve(kind, m, today)
            if day is None or day >= today or any(m.group(0) in f[0] for f in found):
                continue
            ahead = _safe(today.year, day.month, day.day)
            if ahead is None or ahead < today:
                ahead = _safe(today.year + 1, day.month, day.day)
            if ahead is not None:  # 29 February has no next year, usually
                found.append((m.group(0), day, ahead))
    return found


# what may stand beside a short weekday ("wed 9am", "next fri", "vr om 10u") besides a time
_BESIDE_SHORT = {
    "on", "at", "next", "this", "coming", "morning", "afternoon", "op", "om", "volgende",
    "komende", "deze", "ochtend", "middag", "'s",
}  # fmt: skip


_NO_WORD_DAYS = frozenset({"tue", "tues", "thu", "thur", "thurs", "fri", "weds"})
# asked for a day, "mon" and "wed" with a time are days too ("mon 7am before shift")
_DAY_ASKED = _NO_WORD_DAYS | {"mon", "wed"}
_WHEN_ON_A_DAY = {"before", "after", "lunch", "shift", "school", "work", "voor", "na", "dienst"}


def _short_weekday_ok(low: str, m: re.Match[str], *, days_only: bool = False) -> bool:
    # "do", "ma", "zo" are ordinary Dutch words; accept them only when nothing else is typed
    # but a time and words that go with a day ("wed 9am", "next fri", "vr om 10u"), or, for
    # an English three-letter day, right after a deadline word ("ask priya by fri")
    if len(m.group("wd")) == 3 and _DEADLINE.search(low[: m.start()]):
        return True
    # "thu 3.30 after school" asked for a day: a short English day that is no word, with a
    # time beside it (in an agreement "Thu takes the 9:30 huddle" is someone's name)
    if days_only and m.group("wd") in _DAY_ASKED and _TIME.search(low):
        return True
    rest = _TIME.sub(" ", f"{low[: m.start()]} {low[m.end() :]}")
    # asked for a day, "mon 7am before shift" and "wed after lunch" say when on it
    beside = _BESIDE_SHORT | (_WHEN_ON_A_DAY if days_only and len(m.group("wd")) >= 3 else set())
    return all(w in beside for w in re.findall(r"[a-zà-ÿ']+", rest))


def parse_date(text: str, today: date) -> date | None:
    """A day from a short answer like "morgen", "vrijdag", "3-12" or "2026-12-03" (a month,
    "volgende maand", names no day: None).

    >>> parse_date("mon 7am before shift", date(2026, 12, 4))
    datetime.date(2026, 12, 7)
    >>> parse_date("volgende maand", date(2026, 12, 2)) is None
    True

    A day of the month alone is this month's while it is still ahead, else next month's
    ("by the 14th" in an agreement reads the same); a bare number stays a choice's number:

    >>> [parse_date(t, date(2026, 12, 4)) for t in ("the 14th", "de 3e", "14th at 10am", "14")]
    [datetime.date(2026, 12, 14), datetime.date(2027, 1, 3), datetime.date(2026, 12, 14), None]
    """
    found = find_date(text.strip(), today, days_only=True, past=True)
    day = _DAY_ALONE.fullmatch(_TIME.sub(" ", text.lower()).strip())
    if found is None and day and (day["the"] or day["nth"]):
        return _day_of_month(today, int(day["day"]))
    return found[0] if found else None


# a day of the month as a whole answer: "the 14th", "14th", "de 14e", "op de 14de" (a bare
# "14" may be a choice's number, so it needs the article or the ending)
_DAY_ALONE = re.compile(
    r"(?:(?:on|op)\s+)?(?P<the>(?:the|de)\s+)?" + _DAY + r"(?P<nth>st|nd|rd|th|e|ste|de)?"
)


def picked_option(answer: str, options: list[date], today: date) -> date | None:
    """The day a manager picked from offered ``options`` (numbered [1], [2] in the question),
    or None when the answer is none of them: the option's number or ordinal first ("2",
    "de 2e", "the second"), then a day that is one of the options ("zaterdag 10 januari",
    weekday and day telling which year), or another day typed in full with its month
    ("12 februari", as the question invites). A day of the month alone ("the 10th") only
    picks the one option it fits.

    >>> opts = [date(2026, 1, 10), date(2027, 1, 10)]
    >>> [picked_option(t, opts, date(2026, 12, 4)) for t in ("de 2e", "1", "[2]", "the second",
    ...  "eerste", "the 10th", "de 3e", "zaterdag 10 januari", "zondag 10 januari")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [datetime.date(2027, 1, 10), datetime.date(2026, 1, 10), datetime.date(2027, 1, 10),
     datetime.date(2027, 1, 10), datetime.date(2026, 1, 10), None, None,
     datetime.date(2026, 1, 10), datetime.date(2027, 1, 10)]
    >>> picked_option("12 februari", opts, date(2026, 12, 4))
    datetime.date(2027, 2, 12)
    >>> picked_option("the 8th", [date(2026, 12, 1), date(2026, 12, 8)], date(2026, 11, 30))
    datetime.date(2026, 12, 8)
    """
    low = _TIME.sub(" ", answer.lower()).strip(" .!?)(")
    number = _OPTION_PICK.fullmatch(low)
    if number is not None:
        n = int(number["n"]) if number["n"] else _OPTION_WORDS[number["word"]]
        if 1 <= n <= len(options):
            return options[n - 1]
        if number["word"]:
            return None
    # a weekday with its day and month tells which year of two options ("zaterdag 10 januari")
    named = [WEEKDAYS[w] for w in re.findall(r"[a-z]+", low) if w in WEEKDAYS and len(w) > 3]
    days = [int(d) for d in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th|e|ste|de)?\b", low)]
    fits = [o for o in options if (not named or o.weekday() in named) and o.day in days]
    if named and days and len(fits) == 1:
        return fits[0]
    found = parse_date(answer, today)
    if found is not None and found in options:
        return found
    in_full = re.search(r"\d{1,2}[-/.]\d{1,2}\b", low) or any(
        w in MONTHS and len(w) > 3 for w in re.findall(r"[a-z]+", low)
    )
    if found is not None and in_full and found >= today:
        return found
    fits = [o for o in options if o.day in days]
    return fits[0] if len(fits) == 1 and len(days) == 1 else None


# an option's number as the whole answer: "2", "[2]", "de 2e", "the 2nd", "optie 2", "de tweede"
_OPTION_WORDS = {"eerste": 1, "first": 1, "tweede": 2, "second": 2, "derde": 3, "third": 3}
_OPTION_PICK = re.compile(
    r"(?:(?:optie|option|keuze|choice|nummer|number|nr|no)\.?\s*)?(?:de\s+|het\s+|the\s+)?"
    r"(?:\[?(?P<n>[1-9])\]?(?:e|ste|de|st|nd|rd|th)?|(?P<word>eerste|first|tweede|second|"
    r"derde|third))(?:\s+(?:optie|option|one|keuze|choice|datum|date))?"
)


def _day_of_month(today: date, day: int) -> date | None:
    """The next ``day`` of a month from ``today`` on: this month's, else next month's (None
    when that month has no such day)."""
    found = _safe(today.year, today.month, day)
    if found is None or found < today:
        first_next = _first_of_next_month(today)
        found = _safe(first_next.year, first_next.month, day)
    return found


_TIME = re.compile(
    r"\b(?:om|at|@)?\s*(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*"
    r"(?P<unit>uur|u\b|h\b|am\b|pm\b|a\.m\.|p\.m\.)|"
    r"\b(?:om|at)\s+(?P<h2>[01]?\d|2[0-3])[:.](?P<m2>[0-5]\d)\b|"
    # "wed 9:00": a colon says time on its own ("3.12" may be a date)
    r"(?<![\d:.,/-])\b(?P<h4>[01]?\d|2[0-3]):(?P<m4>[0-5]\d)\b(?![:.,/-]?\d)|"
    # "tomorrow at 10", "morgen om 3": a bare hour; one to six is in the afternoon
    r"\b(?:om|at)\s+(?P<h3>[01]?\d|2[0-3])\b(?![:.,/-]?\d)|"
    # "tmrw 3.30 after school": minutes past twelve make no month, so no date
    # and nor does "14.00": no month has the number 0
    r"(?<![\d:.,/-])\b(?P<h5>[01]?\d|2[0-3])\.(?P<m5>00|1[3-9]|[2-5]\d)\b(?![:.,/-]?\d)|"
    # "om half 2": half an hour before two
    r"\bhalf\s+(?P<half>[1-9]|1[0-2])\b(?![:.,/-]?\d)|"
    # "wo 15u30", as Flemish colleagues write it
    r"\b(?P<h6>[01]?\d|2[0-3])u(?P<m6>[0-5]\d)\b",
    re.I,
)
AFTERNOON_BARE = range(1, 7)  # "at 3" in working hours is 15:00
AFTERNOON_MINUTES = range(1, 5)  # "at 3.30" too; "at 5.30" may be before an early shift


def time_of_day(text: str) -> str | None:
    """The time a short answer names ("donderdag om 10u", "thursday 2pm"), as HH:MM.

    >>> [time_of_day(t) for t in ("donderdag om 10u", "thursday next week 2pm",
    ...  "vrijdag 14.30 uur", "morgen om 9:15", "over 2 weken", "3-12", "tomorrow at 10",
    ...  "morgen om 3", "op 3-12", "wed 9:00")]
    ['10:00', '14:00', '14:30', '09:15', None, None, '10:00', '15:00', None, '09:00']
    >>> time_of_day("tmrw 3.30 after school"), time_of_day("op 3.12")
    ('15:30', None)
    >>> time_of_day("vrijdag om 2 uur"), time_of_day("morgen om half 2"), time_of_day("half 10")
    ('14:00', '13:30', '09:30')
    >>> time_of_day("Wednesday at 3.30"), time_of_day("wed 3:30"), time_of_day("at 6.45")
    ('15:30', '15:30', '06:45')
    >>> time_of_day("wo 15u30"), time_of_day("om 6u30")
    ('15:30', '06:30')
    """
    found = _TIME.search(text)
    if found is None:
        return None
    if found["half"] or found["h3"] or found["h5"]:  # no unit: one to six is the afternoon
        if found["half"]:  # "half 2" is half an hour before two
            hour, minute = int(found["half"]) - 1 or 12, 30
        else:
            hour, minute = int(found["h3"] or found["h5"]), int(found["m5"] or 0)
        return f"{hour + 12 if hour in AFTERNOON_BARE else hour:02d}:{minute:02d}"
    hour = int(found["h"] or found["h2"] or found["h4"] or found["h6"])
    minute = int(found["m"] or found["m2"] or found["m4"] or found["m6"] or 0)
    unit = (found["unit"] or "").lower().replace(".", "")
    if unit == "pm" and hour < 12:
        hour += 12
    elif not unit and not found["h6"] and hour in AFTERNOON_MINUTES:
        # "wednesday at 3.30", "wed 3:30": a talk in working hours, not at night ("at 5.30"
        # before an early shift stays morning, and "15u30" is written in 24 hours)
        hour += 12
    elif unit in ("uur", "u", "h") and hour in AFTERNOON_BARE and not found["m"]:
        hour += 12  # "vrijdag om 2 uur" in working hours is 14:00
    elif unit == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (the Gregorian computus).

    >>> easter(2027), easter(2026)
    (datetime.date(2027, 3, 28), datetime.date(2026, 4, 5))
    """
    golden = year % 19
    century, rest = divmod(year, 100)
    skipped, century_leap = divmod(century, 4)
    moon_fix = (century - (century + 8) // 25 + 1) // 3
    moon = (19 * golden + century - skipped - moon_fix + 15) % 30
    quarters, rest_leap = divmod(rest, 4)
    sunday = (32 + 2 * century_leap + 2 * quarters - moon - rest_leap) % 7
    shift = (golden + 11 * moon + 22 * sunday) // 451
    month, day = divmod(moon + sunday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def public_holiday(day: date) -> bool:
    """Whether ``day`` is a public holiday most teams in the Netherlands have off (New
    Year's Day, Good Friday, Easter Monday, King's Day, Ascension Day, Whit Monday, Christmas
    and Boxing Day; the UK's New Year, Easter and Christmas holidays among them).

    >>> public_holiday(date(2027, 1, 1)), public_holiday(date(2027, 5, 6))
    (True, True)
    >>> public_holiday(date(2027, 1, 4))
    False
    """
    if (day.month, day.day) in ((1, 1), (12, 25), (12, 26)):
        return True
    # King's Day is the 26th when the 27th is a Sunday
    kings = date(day.year, 4, 27) if date(day.year, 4, 27).weekday() != 6 else date(day.year, 4, 26)
    offset = (day - easter(day.year)).days
    return day == kings or offset in (-2, 1, 39, 50)


def christmas_break(year: int) -> date:
    """The first day of the Christmas holiday week of ``year``: the Saturday on or before
    Christmas Day. It is when Dutch schools break up (and many teams take the week off), so
    "voor de kerstvakantie" is due the working day before it: in 2026 Friday 18 December,
    in 2027 (Christmas on a Saturday) Friday 24 December.

    >>> christmas_break(2026), christmas_break(2027), christmas_break(2028)
    (datetime.date(2026, 12, 19), datetime.date(2027, 12, 25), datetime.date(2028, 12, 23))
    """
    christmas = date(year, 12, 25)
    return christmas - timedelta(days=(christmas.weekday() - 5) % 7)


def working_day(day: date) -> bool:
    """A weekday that is no public holiday."""
    return day.weekday() < 5 and not public_holiday(day)


def next_working_day(day: date) -> date:
    """The first working day after ``day``: Friday's is Monday, Christmas Eve's is the 28th.

    >>> next_working_day(date(2026, 12, 4)), next_working_day(date(2026, 12, 24))
    (datetime.date(2026, 12, 7), datetime.date(2026, 12, 28))
    """
    following = day + timedelta(days=1)
    while not working_day(following):
        following += timedelta(days=1)
    return following


def working_day_on_or_before(day: date) -> date:
    """``day`` itself on a working day; else the working day before it (a Saturday's is the
    Friday, Boxing Day 2026's Christmas Eve).

    >>> working_day_on_or_before(date(2026, 12, 6)), working_day_on_or_before(date(2026, 12, 26))
    (datetime.date(2026, 12, 4), datetime.date(2026, 12, 24))
    """
    while not working_day(day):
        day -= timedelta(days=1)
    return day


def working_day_on_or_after(day: date) -> date:
    """``day`` itself on a working day; else the next one ("in 4 weeks" on New Year's Day).

    >>> working_day_on_or_after(date(2027, 1, 1))
    datetime.date(2027, 1, 4)
    """
    return day if working_day(day) else next_working_day(day)


# a rhythm to remind of: "elke maandag", "every other friday", "om de week", "monthly"; time
# given in a rhythm ("2 uur per week") is an allowance, not a day to remind on
_EVERY = r"\b(?:every|each|elke|iedere|ieder)\s+"
_OTHER = r"(?P<other>(?:other|second|2nd|tweede|andere|twee|two|2)\s+)?"
_RHYTHM = re.compile(
    rf"{_EVERY}{_OTHER}(?:{_WD}(?:s|ochtend|middag|avond|morning|afternoon)?\b|"
    rf"(?:weeks?|weken)\b|(?P<month>month|maand)\b)|"
    rf"\bom de (?:(?P<two>twee|2) )?(?:weken|week|(?P<month2>maand))\b|"
    rf"\b(?P<weekly>weekly|wekelijks)\b|\b(?P<fortnightly>fortnightly|biweekly|"
    rf"tweewekelijks)\b|\b(?P<monthly>monthly|maandelijks)\b",
    re.I,
)


def rhythm_of(text: str) -> str | None:
    """The rhythm an agreement names, as a short code: "w<weeks>:<weekday or ->" or "m".

    >>> [rhythm_of(t) for t in ("samen: elke maandag even bellen", "check in every other Friday",
    ...  "om de twee weken sparren", "monthly 1:1", "2 uur per week leren", "elke week")]
    ['w1:0', 'w2:4', 'w2:-', 'm', None, 'w1:-']
    """
    m = _RHYTHM.search(text)
    if m is None:
        return None
    if m["month"] or m["month2"] or m["monthly"]:
        return "m"
    weeks = 2 if m["other"] or m["two"] or m["fortnightly"] else 1
    if m["wd"]:
        wd = WEEKDAYS.get(m["wd"].lower())
        if wd is None:  # pragma: no cover - the pattern holds only known names
            return None
        return f"w{weeks}:{wd}"
    return f"w{weeks}:-"


def next_in_rhythm(rhythm: str, after: date) -> date:
    """The first day of ``rhythm`` after ``after``: its weekday in the week ahead the first
    time, then every so many weeks (or the same day next month).

    >>> next_in_rhythm("w1:0", date(2026, 12, 3)), next_in_rhythm("w2:-", date(2026, 12, 3))
    (datetime.date(2026, 12, 7), datetime.date(2026, 12, 17))
    >>> next_in_rhythm("m", date(2027, 1, 31))
    datetime.date(2027, 2, 28)
    """
    if rhythm == "m":
        return _months_on(after, 1)
    weeks, _, weekday = rhythm[1:].partition(":")
    if weekday == "-":  # "every other week" from a Saturday: the Monday after
        return working_day_on_or_after(after + timedelta(weeks=int(weeks)))
    return _next_weekday(after, int(weekday))


def repeat_after(rhythm: str, last: date, today: date) -> date:
    """The next day of ``rhythm`` after ``last`` (the day it was due) that is still to come:
    a reminder sent late, after days without the bot, comes round once, not once per missed
    turn; a weekday rhythm stays on its weekday.

    >>> repeat_after("w2:4", date(2026, 12, 4), date(2026, 12, 4))
    datetime.date(2026, 12, 18)
    >>> repeat_after("w1:0", date(2026, 12, 7), date(2026, 12, 30))
    datetime.date(2027, 1, 4)
    >>> repeat_after("m", date(2026, 12, 4), date(2026, 12, 4))
    datetime.date(2027, 1, 4)
    """
    if rhythm == "m":
        day = _months_on(last, 1)
        while day <= today:
            day = _months_on(day, 1)
        return day
    weeks, _, weekday = rhythm[1:].partition(":")
    step = timedelta(weeks=int(weeks))
    day = last + step
    if day <= today:
        day += step * ((today - day).days // step.days + 1)
    return day if weekday == "-" else _next_weekday(day, int(weekday), allow_today=True)
