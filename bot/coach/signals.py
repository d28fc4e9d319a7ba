"""Reading a manager's free text: which situations it signals, and the numbers it carries.

Rules, tuned on the development part of ``bench/data/signals_*.txt`` and measured on the
held-out part by ``bench/signals.py``. A cue counts unless a negation stands just before it in
the same clause ("niet onzeker", "not her assessor", "geen dubbele rol") or the clause waves it
away afterwards ("werkdruk valt mee", "the double role doesn't apply"). Money and trust have a
polarity: "geen budget" is no budget, "750 euro budget" is budget available; "weinig
vertrouwen" is a trust problem, "veel vertrouwen" is not. Typos one letter off a cue word
("zelfvertouwen", "workoad") are read as the cue word.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from re._constants import BRANCH as _BRANCH
from re._constants import LITERAL as _LITERAL
from re._constants import SUBPATTERN as _SUBPATTERN
from re._parser import parse as _parse
from typing import Any

# the person comes first on a card and in the confirm step, the team after
PERSON_SIGNALS = (
    "low_confidence",
    "personal_circumstances",
    "promotion_unavailable",
    "horizontal",
    "stay",
    "no_development_wish",
    "hidden_talent",
    "trust",
    "double_role",
)
TEAM_SIGNALS = ("budget_available", "no_budget", "workload", "large_team", "changing_work")
SIGNALS = PERSON_SIGNALS + TEAM_SIGNALS
# signals that cannot both hold; the later one in a text wins
OPPOSITES = {"budget_available": "no_budget", "no_budget": "budget_available"}
LARGE_TEAM = 15  # people; from this many a one-on-one per person gets scarce

_NEGATORS = {
    "niet", "geen", "nooit", "zonder", "nergens", "not", "no", "never", "without", "isn't",
    "isnt", "doesn't", "doesnt", "don't", "dont", "aren't", "wasn't", "won't", "hardly", "nor",
    "nothing", "niks", "niets", "didn't", "didnt", "can't", "cant", "couldn't", "couldnt",
    "haven't", "hasn't", "weren't", "wouldn't", "nothing's",
}  # fmt: skip
# words that can stand between a negation and its cue ("niet echt onzeker", "not at all shy")
_WINDOW = 3
# a clause ends at punctuation or a turn in the sentence
_CLAUSE = re.compile(r"[,;.!?:()\n]+|\s(?:maar|but|dus|terwijl|although|though|whereas)\s")
# said after a cue, these wave it away
_WAVED_AWAY = re.compile(
    r"\b(?:valt (?:\w+ ){0,3}mee|speelt (?:hier )?niet|niet van toepassing|niet aan de orde|"
    r"geen (?:probleem|issue)|gaat (?:alles |het )?(?:goed|prima)|(?:is|are|seems) (?:actually |"
    r"really |quite |pretty )?(?:fine|ok|okay)|"
    r"fine (?:at|for now|right now)|everything fine|doesn'?t apply|not an issue|no problem|"
    r"allemaal prima|alles (?:is )?goed gegaan|(?:it )?all went (?:fine|well)|goed geregeld|"
    r"well sorted|isn'?t an? (?:issue|problem)|not an? (?:issue|problem)|not the case|"
    r"niet het geval|"
    r"lijkt (?:haar|hem|me|mij) niks|doesn'?t appeal|(?:i |ik )?(?:don'?t|do not) know|"
    r"weet ik (?:nog )?niet|geen idee(?=,| of| wat| waar)|no clue|unclear|onduidelijk|"
    r"n/a|nvt)\b"
)
# the assessing is done by someone else: no double role for this manager
ASSESSED_BY_OTHERS = re.compile(
    r"\b(?:hr|p&o|niet ik|not me|teamleider doet|doet de teamleider|done by|by hr|"
    r"(?:loopt|lopen|goes|go|runs|run) via (?!mij\b|me\b)|niet via mij|not (?:via|through) me|"
    r"via (?:mijn|my) (?:manager|leidinggevende)|(?:a |an )?(?:separate )?panel|"
    # "ik beoordeel hem niet, dat doet de afdelingsmanager", "not her appraiser, matron is"
    r"doet (?:de |mijn |onze |het )?\w*(?:manager|leidinggevende|teamleider|directeur|hoofd|hr)|"
    r"(?:appraiser|assessor)\w*,? (?:\w+ ){0,2}(?:is|does)\b)\b"
)

# the manager saying outright that they assess the person: the double role holds whatever the
# rest of a longer answer is about ("ik ben ook haar beoordelaar, ze is onzeker over het ecd")
_I_ASSESS = re.compile(
    r"\b(?:(?:ik ben|i am|i'm)\s+(?:ook |also |nog |still )?(?:(?:zijn|haar|his|her|the|de) )?"
    r"(?:beoordee?la{1,2}r|assessor|evaluator|appraiser)|ik beoordeel (?:hem|haar|ze)(?! niet)|"
    r"i (?:also )?(?:assess|appraise|evaluate) (?:him|her|them)|"
    # "im also the one who does her review", "ik ben ook degene die haar beoordeling doet"
    r"(?:i'?m|i am|ik ben) (?:also |ook |still |nog )?(?:the one|degene) (?:who|die) "
    r"(?:\w+ ){0,2}(?:review|apprais\w*|beoordel\w*|assess\w*)|"
    # the same in a Dutch subordinate clause ("omdat ik ook degene ben die in maart zijn
    # beoordelingsgesprek doet", "dat ik ook zijn beoordelaar ben"): the verb comes last
    r"\bik (?:ook |nog |tegelijk )?(?:degene ben die (?:\w+ ){0,4}beoordel\w*|"
    r"(?:(?:zijn|haar|de) )?beoordee?la{1,2}r (?:ben|blijf))|"
    r"\bi(?:'m| am)? (?:also |still )?(?:the one )?(?:who )?(?:writes?|does|do) (?:his|her|their) "
    r"(?:\w+ )?(?:review|appraisal|evaluation))\b"
)

_WORD = r"[a-zà-ÿ0-9'’-]*"
# the step up that is not there: "no senior nurse vacancy", "geen vacature als teamleider" is
# the signal itself, not a denial of it
_NO_OPENING_SAID = r"(?:no|geen) (?:\w+ ){0,3}(?:vacancy|vacature|opening)\b"
# cue patterns per signal, Dutch and English together (answers are often mixed)
_CUES: dict[str, list[str]] = {
    "low_confidence": [
        r"onzeker", r"twijfel\w*(?! of)", r"onderschat\w*", r"bescheiden", r"faalangst",
        r"verlegen", r"durft (?:het |t |'t )?niet\b(?! te zeggen)", r"niet goed genoeg",
        # "ze vindt het eng om voor de groep te praten", "finds it scary to present"
        r"vindt (?:het |dat )?(?:best |erg |heel |wel |nogal )?(?:eng|doodeng|spannend) om",
        r"finds? it (?:really |quite |a bit )?(?:scary|daunting|terrifying) to",
        r"maakt zichzelf klein", r"(?:weinig|laag|gebrek aan|klein) zelfvertrouwen",
        r"zelfvertrouwen is (?:laag|klein|weg|(?:een |n )?(?:dingetje|punt|probleem))",
        r"insecure", r"unsure", r"doubts?\b", r"doubting", r"underestimat\w*", r"modest",
        r"afraid to fail", r"shy\b", r"lack(?:s|ing)? (?:self[- ]?)?confidence",
        r"(?:low|little) (?:self[- ]?)?confidence",
        r"confidence is (?:low|gone|(?:a |an )?(?:thing|issue))",
        r"confidence issues", r"(?:not|isn'?t) good enough", r"downplay\w*", r"never speaks up",
        r"doesn'?t dare", r"does not dare", r"fear of failure", r"afraid to speak",
        r"sells? (?:her|him)self short", r"imp[oa]st[eo]r",
        r"(?:scared|afraid|bang) (?:that )?(?:she|he|ze|hij) (?:won'?t|will not|het niet|niet)",
        r"(?:zelfbeeld|self[- ]image|self[- ]esteem|eigenwaarde)", r"geloof in zichzelf",
        r"(?:not much|little|no|lack of) belief in (?:her|him)self", r"bevestiging",
        r"reassurance",
        # said as the support someone needs: "heeft wat meer zelfvertrouwen nodig", "needs a
        # confidence boost", "mag wat zekerder worden"
        r"(?:meer|extra) zelfvertrouwen(?! dan)",
        r"zelfvertrouwen (?:\w+ )?(?:opbouwen|krijgen|groeien)",
        r"zekerder (?:worden|te worden|maken)", r"sterker in (?:haar|zijn) schoenen",
        r"(?:more|extra) (?:self[- ]?)?confidence(?! than)", r"confidence boost",
        r"(?:build|boost|grow)(?:ing|s)? (?:up )?(?:her|his|their) (?:self[- ]?)?confidence",
        # "scared of looking thick in front of the younger lads", "bang om dom over te komen"
        r"(?:scared|afraid|worried|terrified|bang) (?:of|to|om) (?:look|seem|sound|come across|"
        r"appear)\w* (?:\w+ )?(?:thick|stupid|dumb|slow|incompetent|silly|an idiot|a fool)",
        r"bang (?:om )?(?:voor )?(?:\w+ )?(?:dom|stom|een sukkel|traag) "
        r"(?:over te komen|te lijken)",
        r"ziet (?:zelf )?niet hoe goed", r"doesn'?t see how good", r"middelmatig", r"mediocre",
        r"(?:i )?(?:can'?t|couldn'?t) do (?:that|it)\b", r"ik kan (?:dat|het|t) (?:toch )?niet",
        r"(?:dat|het) kan ik (?:toch )?niet", r"denkt dat (?:ze|hij) (?:het|dat|t) niet kan",
        r"thinks (?:she|he) can'?t", r"stelt (?:niks|niets) voor", r"(?:it'?s|that'?s) nothing\b",
        r"kon iedereen", r"anyone could",
        # "'ik ben maar een assistent' zegt ze", "calls herself just the admin girl", "says he's
        # 'just a driver'": someone who plays their own job down ("ik ben maar" is read as "ik
        # ben slechts": "maar" does not split it)
        r"ik ben slechts (?:een |de )?(?!ge|even\b|blij\b|net\b|thuis|eerlijk\b|gewoon\b)\w+",
        r"(?:says|said|saying|calls|calling|noemt) (?:(?:him|her)self |zichzelf )?"
        r"(?:he'?s |she'?s |he is |she is )?['\"]?(?:just|only|maar|slechts) (?:a|an|the|een|de) "
        r"(?!bit\b|little\b|lot\b|tad\b|job\b|baan\b)\w+",
        r"(?:everyone|iedereen) (?:else )?(?:is )?(?:smarter|slimmer)",
        r"(?:overtuigd|convinced) (?:dat |that )?(?:ze|she|he|hij)(?:'s|'ll)? (?:\w+ ){0,4}"
        r"(?:nooit|never|too old|te oud)",
        r"(?:denkt|thinks) (?:dat |that )?(?:ze|she|he|hij)(?:'ll)? (?:\w+ ){0,3}(?:nooit|never) "
        r"(?:\w+ )?(?:leert|learn|snapt|get|haalt|make)",
        r"mening (?:\w+ ){0,2}(?:niet toe doet|telt niet)", r"opinion doesn'?t (?:matter|count)",
        r"noemt (?:ze |hij )?zichzelf", r"voelt (?:ze |hij )?zich (?:\w+ )?(?:dom|stupid)",
        r"vraagt bij alles (?:eerst )?of", r"checks? with me (?:before|about) (?:every|each|all)",
        r"(?:gewoon |just )?(?:geluk|lucky)\b", r"not cut out", r"niet geschikt voor",
        r"mess (?:it|things) up", r"who am i kidding", r"apologi[sz]\w*",
        r"(?:denkt|thinks|convinced) (?:dat )?(?:ze |she |he |hij )?(?:\w+ ){0,3}(?:fout|wrong)",
        r"(?:bang|scared|afraid|terrified|doodsbang) (?:om |of |to )?(?:\w+ ){0,2}"
        r"(?:fouten|mistakes|iets doms|something stupid|fout te)",
        r"second[- ]guess\w*", r"schulp", r"calls? (?:her|him)self",
        r"'?(?:i'?m|i am) (?:just|only) (?:the|an?) (?!bit\b|little\b|lot\b|tad\b|quick\b)",
        r"feels? (?:\w+ )?stupid", r"nooit (?:gaat )?snappen",
        r"(?:too old|te oud) (?:and slow )?(?:to|om)", r"doet zichzelf tekort",
        # not believing in oneself: "doesn't believe in herself", "gelooft niet dat ze het kan",
        # "lacks self belief", "weinig in zichzelf gelooft", "vertrouwen in zichzelf kwijt"
        r"(?:doesn'?t|doesnt|does not|don'?t|never|not) (?:really |even )?believ\w* (?:in )?"
        r"(?:(?:her|him|them)sel(?:f|ves)|(?:she|he)(?:'s| is| can| could)|it)\b",
        r"self[- ]?belief", r"gelooft (?:\w+ )?(?:niet|nauwelijks) (?:in zichzelf|dat (?:ze|hij))",
        r"(?:weinig|niet) in zichzelf (?:gelooft|geloven)", r"gelooft (?:het|dat) zelf niet",
        r"(?:doesn'?t|doesnt|does not|don'?t) trust (?:her|him)self|(?:her|his) own judge?ment",
        r"vertrouwt zichzelf niet", r"(?:vertrouwen|geloof) in zichzelf (?:\w+ )?kwijt",
        r"lacks? faith in", r"(?:lost|losing|verloren|kwijt) (?:\w+ ){0,3}(?:confidence|"
        r"zelfvertrouwen)",
        r"(?:confidence|zelfvertrouwen) (?:\w+ ){0,2}(?:knocked|hasn'?t come back|took a (?:hit|"
        r"knock)|"
        r"shot|deuk|kwijt|gone)", r"zelfvertrouwen (?:\w+ ){0,2}(?:een )?(?:flinke )?deuk",
        # never enough: "not smart enough", "niet slim genoeg", "te dom voor"
        r"(?:not|isn'?t|niet|geen) (?:\w+ )?(?:smart|clever|bright|good|capable|qualified|slim|"
        r"goed|"
        r"capabel|sterk|streng) (?:enough|genoeg)", r"te (?:dom|stom|oud en te dom) (?:voor|is)",
        r"(?:not|niet) (?:\w+ )?(?:management material|leidinggevend materiaal)",
        r"cut out for", r"in de wieg (?:is )?gelegd",
        # others are better: "thinks the others know better", "er zijn mensen die beter zijn"
        r"(?:others|the others|everyone else|anderen|de anderen|iemand anders|someone else|better "
        r"people|betere mensen|mensen die (?:\w+ )?beter)(?: \w+){0,2} (?:are |is |know |kan |"
        r"kunnen |can )?"
        r"(?:(?:\w+ )?better|beter|smarter|slimmer)\b", r"there are better",
        r"(?:die|that one|they) (?:kan|can do) (?:dat|that|it) beter",
        # expecting to fail or be found out: "convinced she'll fail", "bang dat ze zakt", "door de
        # mand vallen"
        r"(?:convinced|thinks|afraid|scared|worried|bang|denkt|overtuigd|dreading|terrified)\w* "
        r"(?:\w+ )?(?:that |dat )?(?:she|he|ze|hij|it|het)(?:'ll| will| zal| gaat|"
        r" won'?t)? (?:\w+ ){0,3}"
        r"(?:fail|mess|break|zakt|faalt|verpest|go wrong|misgaat|fout|can'?t|won'?t (?:cope|"
        r"keep up|"
        r"manage)|be the one|be found out|screw|(?:niet )?snapt|"
        r"niet (?:meer )?(?:bij\w*|kan|haalt|aankan|meekomt))",
        r"door de mand", r"(?:be|being|get|gets) found out",
        r"(?:afraid|scared|bang) (?:\w+ ){0,2}(?:to|om) (?:\w+ ){0,2}(?:mess|wrong|fail|falen|"
        r"verkeerd|touch)", r"(?:te|too) (?:bang|onzeker|verlegen|nervous|scared|unsure|shy)\b",
        r"scared stiff", r"nervous (?:wreck|about|before|on|bij)", r"zenuwachtig",
        r"panics?\b", r"panikeer\w*", r"(?:she|he) freezes", r"freezes up", r"froze up", r"flust"
        r"ered",
        # playing oneself down: "talks herself down", "undersells", "brushes off compliments"
        r"(?:talks?|praat) (?:(?:her|him)self|zijn eigen werk|haar eigen werk) (?:\w+ )?"
        r"(?:down|naar beneden)", r"undersell\w*", r"underrat\w*", r"hard on (?:her|him)self",
        r"beats? (?:her|him)self up", r"brush\w* off (?:\w+ )?compliment\w*",
        r"(?:compliment|praise)\w*,? (?:\w+ ){0,4}(?:wuift|wave|brush)\w*", r"wuift (?:het|t) weg",
        r"(?:won'?t|doesn'?t|never|not) (?:\w+ )?(?:back|put) (?:her|him)self",
        r"(?:doesn'?t|doesnt|does not|niet) (?:\w+ )?(?:see|ziet) (?:(?:her|his) own (?:value|"
        r"worth|"
        r"quality|talent)|zichzelf (?:niet )?als)", r"(?:maakt|cijfert) zichzelf (?:\w+ )?"
        r"(?:klein|weg)", r"(?:schat|rates?) zichzelf (?:\w+ )?(?:laag|te laag)",
        r"(?:doesn'?t|doesnt|does not|don'?t) think (?:she|he)(?:'s| is| could| can|'d| would)? "
        r"(?:\w+ ){0,2}(?:good|capable|a proper|ready|management|manage|do (?:more|it|that))",
        r"(?:not sure|unsure|weet niet of|niet zeker of) (?:if |whether )?(?:she|he|ze|hij|i'?m) "
        r"(?:\w+ ){0,2}(?:can|could|kan|ready|smart|good|capable|cut out|klaar|geschikt|"
        r"de juiste)",
        r"(?:tekort ?schiet|tekortschieten)", r"schaamt zich", r"self[- ]conscious",
        r"(?:asks?|vraagt) (?:\w+ ){0,3}(?:if|whether|of) (?:she|he|ze|hij)(?:'s| is| has)? "
        r"(?:\w+ )?(?:doing it|done it|did it|het (?:wel )?goed)", r"probably stupid",
        r"onzek\w*",
    ],
    "double_role": [
        r"beoordel\w*\b(?! van de (?:klant|machine|leverancier))", r"beoordee(?:lt|ld)\b",
        r"dubbele rol", r"functioneringsgesprek\w*", r"functionering\b", r"afreken\w*",
        r"coach (?:én|en) beoordelaar", r"beoordee?la{1,2}r\w*", r"apprais\w*", (
            r"assess\w*\b(?! of (?:the )?(?:new )?(?:machine|system|tool|risk))"
        ),
        r"double role", r"dual role", r"two hats", r"(?:2|twee) petten", r"performance review",
        r"rate (?:her|him|them)\b", r"rating", r"proeftijd", r"probation",
        r"(?:ik|i) (?:beslis\w*|bepaal\w*|decide\w*|have a say|heb een stem)",
        r"(?:mijn|my) (?:oordeel|rating|review|scoring|scores?|call|decision)",
        r"ligt bij mij", r"(?:is|are) mine\b", r"scor(?:e|es|ing|en|t) (?:her|him|haar|hem)",
        r"(?:een )?cijfer (?:\w+ ){0,2}geven", r"functioneren (?:\w+ )?scoor\w*",
        r"(?:score|grade|evaluate) (?:her|him)\b", r"jaargesprek\w*", r"eindgesprek\w*",
        r"(?:end of year|annual|mid-year|year end) review", r"review (?:is due|cycle)",
        # "im also the one who does her review" (user test)
        r"(?:write|writes|wrote|writing|do|does|did|doing|finish\w*) (?:her|his) "
        r"(?:annual |yearly |end of year |mid-year )?review",
        r"(?:sign|teken) (?:off )?(?:her|his|haar|zijn) (?:\w+ )?(?:rating|appraisal|form\w*)",
        r"beoordelingsformulier", r"beoordeel\b", r"\w+beoordeling\w*",
        r"(?:vul|fill) (?:ik |in )?(?:\w+ ){0,2}(?:de |the )?scores?\b", r"(?:een|a) score geven",
        r"(?:hands? out|geeft|geef|uitdelen) (?:the |de )?(?:scores|cijfers)",
        r"\b(?:i|ik) rate\b",
        r"calibrat\w*", r"kalibr\w*",
        r"(?:beslis\w*|decid\w*) (?:\w+ ){0,3}(?:contract|verlenging|"
        r"extension)", r"(?:in|on) (?:her|his|haar|zijn) (?:review|beoordeling|rating)",
        r"'?(?:matig|onvoldoende|voldoende)'? gegeven",
    ],
    "promotion_unavailable": [
        r"doorgroei\w*", r"hogerop", r"volgende stap", r"carri[eè]re",
        r"senior\w*\b(?! (?:collega|colleague|buddy|mentor))",
        r"teamleider (?:\w+ ){0,2}(?:worden|willen)", r"zwaardere (?:rol|functie)",
        r"heavier role",
        r"(?:wil|graag|ambieert) (?:\w+ )?teamleider", r"leidinggeven\b",
        r"leidinggevende (?:functie|rol)",
        r"projectleider", r"verder groeien", r"wil verder\b", r"promotie\b",
        r"promotion\b(?! campaign)",
        r"(?<!got )(?<!already )(?<!been )(?<!was )promot(?:ed|e|eren)\b", r"move up",
        r"moving up", r"step up", r"next (?:step|level)", r"career",
        r"(?:be|become|becoming|as) (?:a )?team ?lead\w*",
        r"manage people", r"project lead", r"grow further", r"wants to grow",
        r"higher position",
        r"(?:be|become|becoming|worden|naar|to|as|liefst|ambiti\w*|wil|wants?|aims?|mikt op|"
        r"zinnen gezet op|set on)\b(?: \w+){0,3} (?:a |an |de |het |een )?(?:supervisor|"
        r"co[oö]rdinat\w*|co[oö]rdinerend\w*|ploegleider|shift lead\w*|shift supervisor|"
        r"charge nurse|head of|afdelingshoofd)",
        r"(?:supervisor|ploegleider|afdelingshoofd|co[oö]rdinator) (?:\w+ ){0,2}worden",
        _NO_OPENING_SAID,
        r"(?:manager|leidinggevende|teamcoach|team coach) (?:\w+ ){0,2}worden",
        r"(?:be|become|becoming) (?:a )?(?:manager|team coach)", r"rechterhand", r"right hand",
        r"medior", r"\bmt\b", r"management ?team", r"(?:a|one) grade",
        # a higher pay scale wanted ("wil naar schaal 9", "om schaal 9 te halen", "vraagt naar
        # schaal 9"), not the scale someone is in ("if that affects his schaal 8")
        r"(?:naar|to|wil|wants?|hoopt|hopes|om|halen|krijgen|for) schaal \d+",
        r"schaal \d+ (?:te )?(?:halen|krijgen|bereiken|worden)",
        r"meer verantwoordelijkheid", r"more responsibility", r"passed over", r"gepasseerd",
        r"(?:wants?|wil|take over|overnemen|ambieert) (?:\w+ ){0,2}(?:mijn|my) (?:job|functie|"
        r"stoel)",
        r"(?:mijn|my) (?:functie|stoel|job) (?:\w+ ){0,2}(?:overnemen|over)\b",
        r"(?:hogere|higher) (?:functie|rol|role)", r"climb", r"ambiti\w* (?:om|to|voor)",
        r"team ?lead(?:er)? ?(?:job|roles?|rollen|position|functie)",
        r"(?:richting|toward|towards) team ?lead\w*",
        r"(?:stap|step|move|up) (?:\w+ ){0,2}(?:naar |to )?lead \w+",
        r"(?:ziet zichzelf|sees (?:her|him)self) (?:\w+ ){0,4}(?:als|as) (?:\w+ )?(?:manager|"
        r"lead\w*|"
        r"leider|hoofd|head|senior)",
        r"(?:solliciteer\w*|apply\w*|applied) (?:\w+ ){0,4}(?:teamcoach|team coach|team ?lead\w*|"
        r"teamleider\w*|manager|co[oö]rdinator|supervisor|senior)",
        r"(?:wil|wants?) (?:\w+ ){0,3}(?:solliciteren|to apply)",
    ],
    "stay": [
        r"verdiep(?:en|t|ing in)\b", r"specialist", r"beter worden in", r"heel goed doen",
        r"(?:get|gets|getting) better at", r"best \w+ (?:here|in the)", r"loves? (?:her|his) job",
        r"doesn'?t want anything else", r"specialis\w*", r"expert", r"wil (?:gewoon )?blijven",
        r"blijven (?:wat|waar)", r"op (?:haar|zijn|mijn|je) plek", r"zit goed",
        r"vakmanschap", r"goed blijven in", r"in (?:haar|zijn) vak", r"prima zo",
        r"tevreden zo", r"wants? to stay", r"stay in (?:her|his|the) role", r"deepen\w*",
        r"stay good at", r"craft",
        r"happy (?:as is|as it is|where (?:she|he) is|in (?:his|her) role)",
        r"in the right (?:place|spot)", r"stay put", r"vakidioot", r"bekwamen",
        r"^(?:stay|blijven) (?:where (?:she|he|they) (?:is|are)|waar (?:ze|hij) is|"
        r"as (?:is|he is|she is))",
        r"in (?:haar|zijn|her|his) (?:huidige |current )?(?:rol|role|functie)\b",
        r"(?:wil|wants? to|would like to|liever) (?:gewoon |graag |just |really )?(?:blijven|stay|"
        r"remain)\b(?! hangen)",
        r"(?:go|gaan) (?:a bit )?deeper", r"de diepte in", r"(?:key|super) ?user",
        r"(?:master|beheersen|onder de knie)", r"(?:the |de )?(?:best|beste|allerbeste) in",
        r"(?:become|be|remain|blijven) (?:\w+ ){0,2}go-to",
        r"vakkennis", r"expertise", r"trots op (?:haar|zijn) vak", r"\w+expert",
        r"beter (?:worden|zijn) (?:als|in)\b", r"(?:get|getting) (?:even |really )?better\b",
        r"nog beter (?:doen|worden)", r"(?:good|goed) (?:zijn )?(?:at|in) wat (?:ze|hij)",
        r"good at what (?:she|he)", r"keep doing what (?:she|he) does", r"very best",
        r"allerbeste",
    ],
    "horizontal": [
        r"breder", r"verbred\w*", r"afwisseling", r"andere taken", r"ander team",
        r"iets (?:heel )?anders", r"wat anders", r"rotatie", r"meedraaien", r"nieuwe uitdaging",
        r"horizonta\w*", r"broad\w*", r"variety", r"other tasks", r"(?:an)?other team",
        r"something (?:completely )?(?:different|else)", r"new challenge", r"lateral",
        r"rotation", r"andere afdeling", r"another (?:dept|department)", r"other department",
        r"would love to (?:do|help)", r"hier ook (?:wel )?(?:willen )?doen",
        r"meekijken", r"meelopen", r"shadow (?:the|a|an|our)", r"stint", r"rouleren", r"rotate",
        r"sideways", r"zijwaarts", r"wider", r"detacher\w*", r"gedetacheerd", r"secondment",
        r"swap \w+ for", r"omscho\w*", r"retrain\w*", r"uitgekeken",
        r"bored (?:of|with|w)", r"other side", r"andere kant", r"different kind of work",
        r"ander soort werk", r"(?:meer|more) (?:van|of) (?:het|the) (?:hele |whole )?proces",
        r"(?:kant|side) (?:\w+ )?leren", r"learn (?:\w+ ){0,4}side\b",
        r"(?:move|moving|go|gaan|switch\w*|overstap\w*|wil|wants?|like|love|keen)\b (?:\w+ ){0,3}"
        r"(?:naar|to|into|towards|richting) (?:de |the )?(?:\w+ )?(?:kant|side|afdeling|dept|"
        r"department|team(?! ?lead)|desk)\b",
        r"(?:move|moving|go|gaan|switch\w*|overstap\w*|wil|wants?|like|love|keen)\b (?:\w+ ){0,3}"
        r"(?:naar|to|into|towards|richting) (?:de |the )?(?:inkoop|planning|marketing|sales|hr|"
        r"it|finance|facilities|logisti\w+|klantenservice|customer service|purchasing|"
        r"procurement|communicatie|comms|back ?office|stock|data|qa|qc|test\w*|quality|"
        r"kwaliteit\w*|support|helpdesk|service ?desk|operations|ops|maintenance|onderhoud|"
        r"werkvoorbereiding|design|product)\b",
        r"(?:iets|something) (?:met|with|in|bij) (?:\w+ )?(?:marketing|data|comms|communicatie)",
        r"(?:side|kant) (?:too|ook|as well)\b", r"something other than",
        r"(?:iets|wat) anders dan",
        r"naar de (?:\w+ )?kant (?:te )?gaan", r"voor ons ook (?:wel )?(?:willen )?doen",
        r"for us too",
        r"mee (?:mag )?doen met", r"join the \w+ team",
        r"(?:projecten|projects) (?:\w+ )?(?:doen|do)\b",
        r"ander (?:soort )?werk", r"uit de routine", r"out of the routine",
    ],
    "workload": [
        r"werkdruk", r"tijdsdruk", r"\bdruk\b(?! bezig)", r"drukte", r"overuren",
        r"(?:kerst|zomer|feest|vakantie|december|seizoens|eindejaars|voorjaars)drukte",
        r"overbelast\w*", r"geen tijd", r"deadlines?", r"stress\w*", r"waan van de dag",
        r"op (?:z'n|zijn) tenen", r"krap", r"onderbezet", r"te veel werk", r"te weinig handen",
        r"workload", r"busy(?! (?:bee|with))", r"swamped", r"overtime", r"stretched",
        r"understaffed", r"no time", r"daily grind", r"too much work", r"time is tight",
        r"too few hands", r"overloaded", r"achterstand", r"backlog", r"lopen achter",
        r"(?:we'?re|we are|is|are) behind\b", r"piek\w*", r"peak season", r"propvol", r"rammed",
        r"over (?:haar|zijn|m'n|mijn|onze|de) oren", r"up to (?:her|his|my|our) (?:ears|necks?)",
        r"tot (?:onze|haar|zijn|m'n) nek",
        r"gekkenhuis", r"madhouse", r"(?:mad|crazy|insanely) (?:busy|here)", r"hectisch",
        r"underwater", r"drowning", r"verzuip\w*", r"tandvlees", r"(?:on )?fumes", r"maxed out",
        r"(?:aan|op) (?:z'n|zijn|haar|m'n|mijn|onze|hun|je) taks\b",
        r"nergens (?:meer )?aan toe", r"can'?t keep up", r"niet bij te benen",
        r"(?:\d+|twee|drie|two|three) (?:vacatures|vacancies)",
        r"(?:vacatures|vacancies) (?:open|staan)",
        r"covering a vacancy", r"personeelstekort", r"staff shortage",
        r"short[- ]?staffed", r"(?:people|mensen) (?:down|tekort)", r"constantly short",
        r"(?:short|tekort) (?:\d+|two|three|twee|drie) (?:people|mensen)",
        r"(?:dubbele|extra) (?:diensten|shifts)", r"double shifts", r"extra shifts",
        r"werkt (?:structureel )?over\b", r"overwerk\w*", r"kapot van het werk",
        r"worn out", r"exhausted by", r"uitgeput", r"geen (?:moment )?rust",
        r"no (?:breathing room|slack|let-?up)", r"moment'?s peace",
        # the phone that rings all day, not the person who is on it all day
        r"(?<!on his )(?<!on her )(?<!on their )(?<!op zijn )(?<!op haar )(?<!op z'n )(?<!op d'r )"
        r"(?:telefoon|phones?) (?:\w+ ){0,2}(?:de hele dag|all day|off the hook|roodgloeiend)",
        r"buried in", r"snowed under", r"bedolven", r"aan de lippen", r"stapelt zich op",
        r"piling up", r"te veel (?:op|klanten|tegelijk)", r"too (?:much|many) (?:on|clients)",
        r"(?:werkt|works?|doing) (?:voor twee|two people'?s work|for two)",
        r"sickness rate through the roof", r"kom (?:om|er niet aan toe)",
        # the gaps she fills, the people the team is short, the hours it runs
        r"holes in the rota", r"gaten in (?:het|de) (?:rooster|planning)",
        r"(?:vult|vangt|fills?|covers?|soaks? up) (?:\w+ ){0,2}(?:gaten|gaps|holes)",
        r"vangt (?:het|t|'t) (?:\w+ )?(?:werk|allemaal|op)\b", r"run(?:ning)? ragged",
        r"(?:\d+|two|three|four|twee|drie|vier) \w+ (?:short|down)\b",
        r"\b[5-7]\d[- ]?(?:hour|uur|urige?) ?(?:weeks?|werkweken?)", r"time to breathe",
        r"geen lucht in", r"geen ruimte in (?:het|de) (?:rooster|planning)",
        r"invalskrachten", r"invallers", r"agency cover", r"stikt in",
        r"loopt over van (?:het )?werk",
        r"(?:ziekte)?verzuim (?:is |van |ligt op )?(?:hoog|\d+ ?%)",
        r"(?:sickness|absence) (?:\w+ ){0,2}(?:through the roof|sky[- ]high)",
        r"(?:zes|6) dagen per week", r"six days a week", r"uitgedund",
        r"(?:not|niet) (?:been )?(?:replaced|vervangen)", r"winter pressures?",
        # user tests: "het werk stapelt op", "queue is mad since 2 ppl left"
        r"(?:werk|klussen|orders|tickets) (?:stapelt|stapelen) (?:zich )?op",
        r"(?:since|sinds|nu) (?:\d+|two|three|twee|drie) (?:ppl|people|staff|mensen|collega'?s) "
        r"(?:left|(?:zijn )?(?:weg|vertrokken|gestopt))",
        # time itself said to be missing: "tijd is er niet", "the hours aren't there", "nobody
        # has time to go"
        r"(?:tijd|time|the hours|de uren)(?: helaas| is er| er)? (?:niet|isn'?t|aren'?t)\b"
        r"(?! (?:right|rijp|goed|the issue|het probleem))",
        r"(?:nobody|no one|niemand) (?:\w+ )?(?:has|heeft|had) (?:\w+ )?(?:tijd|time)\b",
        # people missing: "drie man minder", "te weinig chauffeurs", "chauffeurstekort",
        # "we're short every week", "met deze bezetting"
        r"(?:man|mensen|fte|collega'?s|handen) minder\b",
        r"te weinig (?:\w+ )?(?:mensen|personeel|handen|chauffeurs|collega\w*|man\b|vakmensen|"
        r"verpleeg\w*|pm'ers|docenten|leraren|monteurs)", r"met te weinig\b",
        r"(?!budget|geld|slaap|vitamine)\w+(?:s|en)tekort\b",
        r"tekort aan (?:\w+ )?(?:mensen|personeel|handen|verpleeg\w*|chauffeurs|collega'?s|staff)",
        r"(?:komen|kwamen|komt) (?:\w+ )?tekort\b",
        r"(?:we'?re|we are|so|too|always|chronically|permanently|constantly) short\b"
        r"(?! (?:on|of) (?:confidence|money|cash|funds|budget|ideas))",
        r"short (?:on|of) (?:staff|people|hands|nurses|drivers|cover|the (?:line|floor))",
        r"(?:permanent|chronic|constant|acute) shortage",
        r"(?:halve|deze|huidige|minimale) bezetting", r"skeleton (?:crew|staff)",
        # nobody can be spared: "kan haar niet missen", "can't spare him", "niemand kan van de
        # vloer"
        r"(?:niet|geen dag|geen uur) (?:\w+ )?missen\b", r"niet (?:\w+ )?gemist (?:worden|kan)",
        r"(?:can'?t|cannot|couldn'?t) (?:\w+ )?spare\b", r"(?:kan|krijg) (?:ik )?(?:haar|hem) "
        r"(?:\w+ )?niet (?:vrij ?roosteren|vrijmaken|vrij krijgen|van de vloer)",
        r"(?:weg|af|off|away from) (?:de|the) (?:vloer|floor|lijn)\b",
        r"(?:no|geen) (?:\w+ )?(?:cover|vervanging|invallers|invalkrachten|invalskrachten|"
        r"backup|back-up)\b(?! (?:nodig|needed))", r"(?:nobody|no one|niemand) (?:\w+ )?"
        r"(?:to cover|om (?:\w+ ){0,3}over te nemen|om (?:haar|hem) af te lossen)",
        # full to the brim: "overvol", "bomvol", "fully booked", "flat out", "slammed"
        r"(?:over|bom|stamp|tjok)vol\b", r"overfull", r"fully booked", r"volgeboekt",
        r"flat out\b(?! (?:refus\w*|said|says|rejects|weigert|no)\b)", r"slammed",
        r"run off (?:our|my|their|her|his) feet", r"benen uit (?:ons|haar|zijn|m'n|mijn) lijf",
        r"on (?:our|my|his|her|their) knees", r"breaking point", r"laatste benen",
        r"op het randje", r"all hands on deck", r"alle hens aan dek", r"firefighting",
        r"brandjes (?:blussen|aan het blussen)", r"dweilen met de kraan open",
        r"(?:is het|it'?s|het is) (?:echt |gewoon |pure )?overleven", r"survival mode",
        r"(?:niet veel|geen) rek\b",
        # one person doing the work of several
        r"(?:werk|jobs?|banen|taken) van (?:twee|drie|2|3)\b",
        r"(?:work|jobs?) of (?:two|three|2|3)\b", r"(?:two|three|2|3) people'?s (?:work|jobs?)",
        r"twee banen", r"covering two (?:roles|jobs)",
        # no break and no evening: "eats lunch at her desk", "mails at midnight"
        r"(?:eats?|eating|eet|lunch\w*) (?:\w+ ){0,3}(?:achter|at) (?:haar|zijn|z'n|her|his) "
        r"(?:bureau|desk)",
        r"(?:skip\w*|slaat|works? through|werkt door) (?:\w+ ){0,2}(?:lunch|pauze)\w*",
        r"pauzes? (?:\w+ ){0,2}(?:overslaat|overslaan|zit er (?:\w+ )?niet in)",
        r"(?:e-?mails?|mails?) (?:\w+ ){0,4}(?:midnight|middernacht|1[01] ?pm|2[23]:\d\d)",
        r"(?:leave|holiday|vakantie|verlof) (?:\w+ ){0,2}(?:cancell?ed|ingetrokken|geschrapt)",
        # work growing or behind: "loopt weken achter", "behind schedule", "waiting list growing"
        r"loopt (?:\w+ ){0,2}achter\b", r"behind (?:schedule|on)\b",
        r"(?:work|paperwork|werk|volume|orders|tickets|caseload|calls|drops|"
        r"queue)\w* (?:\w+ ){0,3}"
        r"(?:doubled|verdubbeld|went up|gone up|increased|gestegen)",
        r"(?:wachtlijst|waiting list|wachtrij|queue)\w* (?:\w+ ){0,3}(?:groeit|growing|grows|"
        r"loopt op|climbing|langer|longer|explod\w*)",
        r"werkvoorraad", r"stapelen\b", r"piles? up", r"(?:er )?(?:\w+ ){0,3}bij gekregen",
        r"er (?:ook )?nog bij\b",
        # pressure with its degree: "high pressure", "the pressure is enormous"
        r"(?:high|huge|enormous|massive|immense|constant|intense|heavy|relentless) pressures?",
        r"pressures? (?:is|has been) (?:\w+ )?(?:huge|enormous|high|immense|through the roof|"
        r"intense|relentless)\b",
        r"(?:draaien|draait|running|runs?|run) (?:\w+ ){0,3}(?:op|on|met|with) (?:\w+ )?"
        r"(?:agency|uitzendkrachten|flexkrachten|invalkrachten)",
        r"(?:\d+|two|three|four|twee|drie|vier) (?:\w+ ){0,2}(?:off sick|out sick|on sick leave|"
        r"langdurig ziek|uitgevallen)",
        r"(?:someone|iemand|people|mensen) (?:\w+ )?(?:calls? in sick|meldt zich ziek)",
        r"(?:covers?|covering) for (?:\w+ )?(?:colleague|collega)",
    ],
    "large_team": [
        r"groot team", r"team is groot", r"veel medewerkers", r"span of control",
        r"weinig tijd per", r"large team", r"big team", r"team is (?:big|large|huge|massive)",
        r"many (?:people|reports)", r"little time per", r"(?:te|too|way too) (?:groot|big)",
        r"gigantisch", r"(?:huge|massive) team", r"my team is (?:huge|massive)",
    ],
    "changing_work": [
        r"automatiser\w*", r"geautomatiseerd", r"(?:ge)?digitali\w*", r"\bai\b", r"agile",
        r"nieuwe (?:rollen|werkwijze|manier van werken|structuur)",
        r"new (?:roles|way of working|structure)",
        r"(?<!sinds de )(?<!since the )reorgani\w*",
        r"\breorg\b(?<!since the reorg)", r"veranderingen", r"verandert", r"robot\w*", r"erp\b",
        r"automat\w*",
        r"digital\w*", r"changing", r"changes", r"(?:meer|more) (?:met |with )?data",
        r"data en automatisering",
        r"(?:nieuw|nieuwe|new) (?:[a-z0-9-]+ )?(?:[a-z0-9-]*systeem|[a-z0-9-]*systemen|"
        r"systems?|software|tools?|tooling|crm|kassa'?s|tills|scanners?|programma|platform|"
        r"procedures?|wetgeving|regulations?|rules|werkwijze)",
        r"fuse\w*", r"fusie", r"merg\w*", r"overname", r"takeover", r"acquisition",
        r"scanners?", r"\w+bot\b", r"\b(?:de|een|the|a|new|nieuwe) bot\b", r"chatgpt",
        r"copilot", r"migrat\w*",
        r"(?:rollen|roles|functies|taken|tasks) (?:\w+ ){0,3}(?:herschreven|rewritten|"
        r"herverdeeld|reshuffled|redesigned|opnieuw)",
        r"(?:gaat|goes|going|moving|move|moet|gaan) (?:\w+ ){0,2}(?:online|digitaal|"
        r"naar de cloud|to the cloud)",
        r"cloud", r"op de schop", r"overhaul\w*", r"(?<!since the )restructur\w*", r"wordt anders",
        r"(?:alles|everything) (?:\w+ ){0,3}(?:verandert|anders|change)",
        r"overstap\w* (?:naar|op)", r"(?:switch|switching) from", r"stappen over (?:op|naar)",
        r"(?:gaan|going|moving) (?:over )?(?:op|naar|to) (?:\w+ )?(?:werken|working)",
        r"(?:van|from) (?:\w+ ){1,2}(?:naar|to) (?:\w+ ){0,2}(?:power bi|systeem|system|cloud)",
        r"(?:wordt|will be|is being|are being|being) (?:\w+ ){0,2}(?:vervangen|replaced|"
        r"rolled out|uitgerold|overgenomen|taken over|done by)",
        r"(?:wordt|gaat|worden) (?:\w+ ){0,3}(?:weg ?geautomatiseerd|overgenomen door)",
        r"uitgerold", r"rolled out", r"rolling out",
        # a named system or tool arriving: "new case management system", "nieuw ECD",
        # "EHR go-live in March", "overgang naar s4"
        r"(?:nieuw|nieuwe|new) (?:[a-z0-9-]+ ){0,2}(?:[a-z0-9-]*(?:systeem|software|tool|app|"
        r"module|pakket|dossier|portal|platform)|apps?|portal|kiosks?|screens?|engine|ecd|epd|"
        r"epr|ehr|emr|wms|mes|pos|kds|mis|sap|tablets?|handhelds?)\b",
        r"go-?live", r"goes live", r"going live", r"\blive (?:in|on|from|per)\b",
        r"rolls? out", r"(?:gaan|gaat) (?:\w+ ){0,2}over op", r"samengevoegd",
        r"taken verschuiven",
        # something new arriving in the work: "new machines on line 3", "new hygiene regs", "a new
        # learning management system", "nieuwe cao-regels", "new care model"
        r"(?:nieuw|nieuwe|new) (?:[a-z0-9-]+ ){0,3}(?:system|systeem|machines?|machine\w*|"
        r"equipment|"
        r"apparatuur|regs|regulations?|regels|law|wet\b|curriculum|layout|care model|zorgmodel|"
        r"werkmodel|building|gebouw|hub|leadership|direction|koers|processes|processen|"
        r"procedures|protocol\w*|tills|kassa\w*|scanners?|presses|"
        r"vans?|trucks?|buses|fleet|equipment)\b",
        # a switch from one way to another: "switching to chromebooks", "going paperless",
        # "moving to self-managing teams", "from paper work orders to tablets"
        r"(?:switch\w*|overstap\w*|moving|moves|move|going|goes|gaan|gaat) (?:over )?(?:to|naar|"
        r"op) "
        r"(?:a |an |the |de |het |een )?(?:new |nieuwe? )?(?:[a-z0-9-]+ ){0,2}(?:system|software|"
        r"teams|tablets?|laptops?|app|platform|sharepoint|cloud|chromebooks|voice picking|"
        r"production|productie|hub|building|gebouw|locatie|location|xero|\w*-?steering|"
        r"self-\w+|zelfsturing|zelfsturende)\b",
        r"(?:going|goes|gaat|gaan) (?:\w+ )?(?:paperless|cashless|electric|elektrisch|digital|"
        r"papierloos|hybrid|hybride)", r"(?:paperless|cashless|papierloos)",
        r"(?:from|van) paper\b", r"(?:van|from) (?:\w+ ){1,3}(?:naar|to) (?:\w+ ){0,2}(?:tablets?|"
        r"app|laptops?|software|systeem|system)\b",
        r"(?:being|wordt|worden|is|are|gets?|get) (?:\w+ ){0,2}(?:introduced|brought in|rewritten|"
        r"split|centrali[sz]ed|switched off|refitted|redesigned|relocated|opgesplitst|ingevoerd|"
        r"herschreven|gecentraliseerd|replaced|vervangen)\b",
        r"(?:bringing|brought) (?:\w+ ){0,3}in\b(?! (?:sick|late|early|for|to|on|at|the|a)\b)",
        r"replac(?:ing|es) (?:\w+ ){0,3}(?:tills|machines|system|presses|scanners)",
        r"(?:introduc\w*|invoer\w*|ingevoerd) (?:\w+ ){0,3}(?:system|systeem|software|app|"
        r"werkwijze|model|self-\w+|e-health)", r"outsourc\w*", r"uitbested\w*",
        r"self-(?:steering|managing|rostering|checkouts?|scan\w*)", r"zelfsturend\w*",
        r"zelfroosteren", r"self-?checkouts?", r"e-health", r"\bbim\b", r"hybrid working",
        r"hybride werken", r"voice picking", r"centrali[sz]\w*",
        r"(?:split|opgesplitst) (?:into|in|over|up)\b", r"(?:depot|branch\w*|vestiging\w*|"
        r"filia\w*|winkels?|office) (?:\w+ ){0,2}(?:closing|sluit|sluiten|relocating|verhuist)",
        r"(?:moves?|moving) fast", r"out of date",
    ],
    "personal_circumstances": [
        r"mantelzorg\w*", r"zorg voor (?:haar|zijn|de)", r"\bziek\w*", r"scheiding",
        # "goed met kinderen", "great with kids": whom they work with, not life at home
        r"(?<!met )(?<!with )(?<!the )(?<!de )kinderen", r"overleden", r"rouw\w*",
        r"zwanger\w*", r"verlof", r"burn[- ]?out",
        r"(?:gaan|gaat|zijn|is|gingen|ging) (?:\w+ )?scheiden", r"gescheiden", r"uit elkaar",
        r"gezondheid", r"thuis is het", r"privé", r"prive\b", r"caring for", r"carer",
        r"divorce", r"\bill\b", r"(?<!with )(?<!the )(?<!met )kids",
        r"(?<!with )(?<!the )children", r"\bsick", r"illness", r"passed away",
        r"grief", r"pregnan\w*", r"on leave", r"health\b", r"tough at home",
        r"(?:going on|tough|rough|hard|difficult|struggl\w*|stuff|problems?|issues?|a lot|newborn)"
        r" (?:\w+ ){0,2}at home",
        r"surgery", r"operatie", r"ziekenhuis", r"hospital(?!it)", r"dementi\w*", r"alzheimer",
        r"parkinson", r"kanker", r"cancer", r"chemo\w*", r"\bms\b", r"diabetes", r"migraine",
        r"covid", r"rugklachten", r"bad back", r"back problems", r"chronis\w*", r"chronic",
        r"geopereerd", r"ongeluk", r"accident", r"overspannen", r"signed off", r"re-?integr\w*",
        r"phased return", r"schulden\w*", r"\bdebts?\b", r"opvang", r"shelter", r"politie",
        r"police", r"gescheiden", r"divorced", r"separated", r"uit elkaar", r"grieving",
        r"\bdied\b", r"begrafenis", r"funeral", r"in verwachting", r"expecting",
        r"mat(?:ernity)? leave", r"zwangerschapsverlof", r"ivf", r"fertility", r"miskraam",
        r"miscarriage", r"zorgt (?:\w+ ){0,3}voor (?:haar|zijn)", r"slaapt slecht",
        r"sleeping badly", r"baan kwijt", r"lost (?:his|her) job",
        r"(?:money|geld) is (?:tight|krap)",
        r"financieel zwaar", r"thuis speelt", r"going on at home", r"(?:zieke|demente) \w+",
        r"\bsick \w+", r"minder uren", r"fewer hours", r"custody", r"voogdij",
        r"(?:marriage|huwelijk) (?:\w+ ){0,2}(?:falling apart|op de klippen|in trouble|strandt)",
        r"lost (?:her|his) (?:best )?(?:friend|mum|mother|dad|father|husband|wife|partner|son|"
        r"daughter|brother|sister)", r"a&e", r"spoedeisende", r"disabled", r"gehandicapt",
        r"beperking", r"(?:husband|wife|partner|man|vrouw) (?:\w+ )?(?:left|vertrokken)",
        r"(?:heeft|has) (?:'t|het|t|it) (?:\w+ )?(?:zwaar|hard|rough|tough)",
        r"moeder geworden", r"new (?:mum|mom)", r"autis\w*", r"adhd", r"overleed", r"overlijden",
        r"cares for (?:her|his)",
        # raising children alone: "single mum so only works school hours" (user test)
        r"single (?:mum|mom|mother|dad|father|parent)", r"alleenstaande (?:moeder|vader|ouder)",
        r"school (?:hours|runs?|pick-?ups?)", r"schooltijden", r"childcare", r"daycare",
        r"bij de bso",
    ],
    "hidden_talent": [
        r"vrije tijd", r"naast (?:het|dit|haar|zijn) werk", r"vrijwillig\w*", r"hobby\w*",
        r"verborgen", r"wist (?:bijna )?niemand", r"ontdekte", r"valt me op",
        r"(?:doen|doet|deden) (?:we|wij|ze|zij|hij) (?:hier |er |daar )*niks mee\b",
        r"(?:we|wij) doen (?:er |hier |daar )*niks mee\b", r"onbenut", r"niet (?:haar|zijn) taak",
        r"sportclub", r"voetbalclub",
        r"eigen bedrijf\w*", r"spare time", r"outside work", r"on the side", r"volunteer\w*",
        r"hidden", r"hardly anyone knows", r"turns out", r"i noticed", r"nothing with it",
        r"untapped", r"not (?:her|his) job", r"for (?:his|her) (?:band|club)",
        r"side (?:business|hustle|job)", r"\w+ club on", r"in (?:het|t|'t) weekend",
        r"on (?:saturdays|sundays|weekends)", r"at the weekend", r"(?:weet|wist) niemand",
        r"niemand (?:die (?:t|het) )?weet\b(?! (?:nog|precies|hoe))",
        r"nobody (?:here )?(?:knows|knew|has a clue)\b(?! (?:exactly|how|yet))",
        r"no one knows", r"wist ik (?:niks|niets|niet)", r"had no idea",
        r"didn'?t (?:even )?know (?:that|she|he)", r"bleek", r"blijkt", r"found out",
        r"ontdekt\w*", r"discovered", r"doen we (?:hier )?(?:niks|niets) mee",
        r"(?:nooit|never) (?:\w+ ){0,3}(?:mee gedaan|used|done anything with|comes up|tap)",
        r"(?:don'?t|doesn'?t) use (?:that|it)", r"wasted here", r"ernaast", r"webshop\w*",
        r"(?:vroeger|used to) (?:\w+ ){0,2}(?:als|as|be|work)", r"\bex[- ]\w+",
        r"(?:in (?:her|his) )?previous job", r"vorige baan", r"bestuur", r"penningmeester",
        r"treasurer", r"gediplomeerd", r"certified", r"fluent", r"vloeiend",
        r"before (?:she|he) joined", r"merk je (?:\w+ )?(?:niks|niets) van", r"you'?d never know",
        r"(?:dat|that) we (?:hier )?(?:niet|never) (?:gebruiken|use)", r"restau?r\w*",
        r"restor\w*",
        r"koor", r"choir", r"youtube", r"etsy",
        r"runs (?:a |the |her |his )?(?:\w+ ){0,2}(?:council|club|channel|business|group|band)",
    ],
    "trust": [
        # a promise broken, or the manager's own honesty in doubt (user tests)
        r"broken promises?", r"promised (?:\w+ ){0,6}(?:and )?(?:it )?never happen\w*",
        r"beloft\w* (?:\w+ ){0,4}niet (?:\w+ )?(?:nagekomen|waargemaakt|ingelost)",
        r"(?:ben|was|zijn|waren) (?:\w+ ){0,2}niet (?:helemaal |altijd )?eerlijk geweest",
        r"(?:wasn'?t|was not|haven'?t been|have not been) (?:entirely |completely |fully )?honest",
        r"wantrouw\w*", r"gesloten", r"afstandelijk", r"terughoudend", r"spanning",
        r"(?<!resolving )(?<!solving )conflict\w*(?! (?:op|oplos\w*|resolution))",
        r"durft niet te zeggen", r"zegt weinig", r"houdt \w+ voor zich",
        r"distrust\w*", r"guarded", r"distant", r"reserved", r"tension", r"afraid to say",
        r"says (?:very )?little", r"keeps \w+ to (?:him|her)self",
        r"(?:houdt|holds?) (?:\w+ )?(?:info\w*|dingen|things) (?:achter|back)",
        r"hides? (?:\w+ ){0,2}from me", r"verzwijg\w*", r"keeping it quiet",
        r"langs (?:mij|me) heen", r"(?:go|goes|going) (?:a)?round me", r"over my head",
        r"kwalijk", r"holds? it against me", r"blames? me", r"(?:never|nooit) (?:\w+ )?forgiven",
        r"(?:boos|angry|mad) (?:\w+ ){0,5}(?:op mij|with me|at me)",
        r"wat ik wil horen", r"what i want to hear", r"(?:ontwijkt|ontloopt|avoids) (?:me|mij)",
        r"case against", r"out to get", r"(?:in|out) for (?:her|him)\b", r"gemunt",
        r"op (?:haar|zijn) hoede", r"on (?:her|his|their) guard", r"on guard",
        r"suspicious", r"argwan\w*", r"achterdocht\w*", r"cynis\w*", r"cynical",
        r"beloftes? (?:\w+ ){0,3}(?:nagekomen|gebroken)", r"broke (?:a|my) promise",
        r"promises (?:are )?(?:never )?kept", r"klacht (?:over|tegen) mij",
        r"complaint about me", r"favoriet\w*", r"favou?rites?", r"voortrek\w*",
        r"(?:vertelt|tells) (?:me|mij) (?:\w+ )?(?:weinig|niks|niets|niet alles|very little|"
        r"nothing|little)",
        r"(?:hoor|hear) (?:ik )?(?:dingen|things) (?:via|second ?hand|through)",
        r"ijzig", r"icy", r"frosty", r"\bkil\b", r"stroef", r"stiff", r"strained",
        r"bekoeld", r"cooled", r"wrijving", r"friction", r"edge between us",
        r"(?:koud|cold) tussen ons", r"(?:cold|koud) between us", r"geknakt", r"snapped between",
        r"vertrouwensbreuk", r"breach of trust", r"arm'?s length", r"op afstand",
        r"jullie daarboven", r"you lot", r"moet niks van (?:me|mij)",
        r"(?:wants|want) nothing to do with me", r"real agenda", r"stand-?off", r"hostile",
        r"(?:only listens|luistert (?:\w+ )?alleen|never listens?|luister(?:t|"
        r"en)? (?:\w+ )?nooit)",
        r"something'?s (?:off|wrong) between us",
        r"(?:praat|talks?|komt|comes) (?:\w+ ){0,5}(?:niet (?:met|bij|naar) mij|not (?:to|"
        r"with) me)\b",
        r"gelooft niet dat ik", r"doesn'?t believe (?:me|that i|i)\b",
        r"(?:wordt|worden) (?:hier )?(?:toch )?(?:niks|niets) mee gedaan",
        r"nothing (?:ever )?happens with it", r"(?:ooit|nooit) iets mee doe?t",
        r"toch niks oplevert",
        r"(?:vindt|thinks) (?:dat )?(?:ik|i'?m) (?:er )?(?:nooit|never) (?:ben|there)",
        r"(?:durft|dares?) (?:\w+ ){0,3}(?:bij mij|to me)",
        r"botsen", r"clash\w*(?! (?:with|met) (?:the |de )?(?:planning|schedule))",
        # trust named as the matter, lost, or to be won back (user tests: "trust is the big
        # one", "marek stopped trusting management", "i want to rebuild some trust")
        r"(?:trust|vertrouwen) (?:is|was) (?:\w+ ){0,2}(?:big|biggest|main|real|major|key|grote|"
        r"grootste|echte|belangrijkste)\w* (?:one|issue|problem|thing|punt|probleem|ding|"
        r"obstacle|struikelblok|zorg)",
        r"trust (?:issues?|problems?)", r"vertrouwens(?:probleem|problemen|kwestie)",
        r"(?:stopped|stops|quit|gave up|ceased) trusting", r"lost faith",
        r"(?:rebuild|restore|regain|win back|earn back|repair)\w* (?:\w+ ){0,2}trust",
        r"vertrouwen (?:\w+ ){0,2}(?:herstellen|terugwinnen|herwinnen|weer opbouwen)",
        r"(?:geen|no) (?:\w+ )?(?:vertrouwen|trust) meer",
        # closed to the manager: "won't open up", "clams up", "klapt dicht", "cards close to her
        # chest", "houdt de kaarten tegen de borst", "laat niks los"
        r"(?:won'?t|wont|doesn'?t|doesnt|does not|never|didn'?t|not|hardly) (?:really |at all |"
        r"ever )?opens? up", r"clam(?:s|med)? up", r"clamm(?:ed|ing) up",
        r"shuts? down (?:completely|as soon|when|whenever|every)", r"shut down completely",
        r"(?:goes|went) quiet when i", r"cagey", r"klapt (?:\w+ )?dicht (?:bij (?:mij|me)|"
        r"zodra ik|als ik|wanneer ik)", r"gooit het luik dicht",
        r"cards (?:\w+ )?close", r"kaarten tegen de borst", r"in (?:de|z'n|zijn|"
        r"haar) kaart(?:en)? "
        r"kijken", r"achterste van (?:haar|zijn) tong", r"kat uit de boom",
        r"houdt (?:zich|ze zich|hij zich) (?:op de vlakte|stil)\b",
        r"houdt (?:\w+ )?(?:de boot af|afstand|alles binnen)", r"laat (?:\w+ )?(?:niks|niets) los",
        r"laat (?:me|mij) er niet in", r"laat zich niet kennen", r"(?:doesn'?t|never|"
        r"won'?t) lets? "
        r"me in", r"keeps? (?:\w+ ){0,2}(?:distance|me at a distance|locked away|close)\b",
        r"kept (?:her|his) distance",
        r"(?:wall|muur|kloof) (?:\w+ )?(?:between|tussen) (?:us|ons)",
        r"there'?s a wall", r"(?:iets|something) (?:scheef )?(?:tussen ons|between us)",
        r"(?:scheef|niet goed) tussen ons", r"(?:no|geen) (?:real |echte )?(?:openness|rapport|"
        r"contact|connection|openheid|klik)(?: whatsoever)?(?: (?:between|tussen) (?:us|ons))?",
        r"walks? on eggshells", r"op eieren", r"jumpy around me", r"paranoid",
        r"(?:kaken|lippen) op elkaar", r"zwijgt\b", r"(?:keeps|keeping|kept) quiet\b",
        r"(?:careful|voorzichtig) (?:\w+ )?(?:what|wat|with me|met wat)",
        # the manager told nothing: "won't tell me", "never tells me what he thinks", "mij
        # vertelt ze niks", "shares nothing with me", "zegt me niet alles"
        r"(?:won'?t|wont|doesn'?t|doesnt|does not|never|didn'?t|not going to|hardly) (?:\w+ ){0,2}"
        r"(?:tell|share|discuss|admit|mention|say|confide)\w*(?: \w+){0,3} (?:(?:to|"
        r"with) )?(?:me|mij)\b",
        r"(?:shares?|says|tells?) (?:\w+ )?(?:nothing|little|very little) (?:\w+ ){0,2}(?:with|"
        r"to) me",
        r"(?:vertelt|zegt|deelt) (?:\w+ )?(?:mij|me) (?:\w+ )?(?:niet|niks|niets|weinig|nooit|"
        r"dus niks)",
        r"(?:mij|me) (?:vertelt|zegt|zei|deelt) (?:ze|hij) (?:\w+ )?(?:niet|niks|niets|weinig|"
        r"nooit)",
        r"(?:deelt|zegt|vertelt) (?:niks|niets|weinig) (?:\w+ )?(?:met|tegen|aan) (?:mij|me)",
        r"(?:durft|dares?) (?:\w+ )?(?:niet|not) (?:\w+ ){0,2}(?:eerlijk|open|to tell me)",
        r"durft (?:me|mij) (?:\w+ )?(?:niks|niets)", r"durft (?:het |dat )?niet tegen (?:me|mij)",
        r"(?:afraid|scared|bang) (?:\w+ ){0,2}(?:to be |om )?(?:honest|open|straight|eerlijk)",
        r"(?:niet|not) (?:\w+ )?(?:eerlijk|open|straight|honest) (?:\w+ )?(?:tegen|naar|with|to) "
        r"(?:me|mij)\b",
        r"(?:through|via) the grapevine", r"(?:collega|colleague|others|anderen)\w*,? (?:not|"
        r"niet) "
        r"(?:from|van) (?:him|her|hem|haar)\b", r"(?:hoor|hear) (?:ik |i )?(?:\w+ )?(?:het )?"
        r"(?:van|from) (?:anderen|others|collega'?s|colleagues)\b", r"(?:told|vertelde) (?:a |"
        r"her |his |haar |zijn |een )?"
        r"(?:colleague|coworker|collega)\w*,? (?:not|niet) (?:me|mij)",
        r"(?:instead of|rather than|in plaats van|ipv|dan) (?:naar |to )?(?:me|mij)\b",
        r"(?:tells|vertelt) (?:hr|the union|collega'?s|colleagues) (?:\w+ )?(?:more|meer)",
        r"(?:praat|talks?) (?:\w+ )?(?:met|to|with) (?:de|the|haar|his|her|"
        r"zijn) (?:\w+ )?(?:voorman|"
        r"teamleider|team lead|collega'?s|colleagues)\w*,? (?:maar |but )?(?:niet|not) (?:met|"
        r"to|with) (?:me|mij)",
        # what is said may be used against them: "bang dat het tegen haar gebruikt wordt"
        r"(?:us(?:e|ed|es|ing)|hold|holds|held|count|counts) (?:\w+ ){0,2}against (?:him|her|"
        r"them)\b",
        r"tegen (?:haar|hem) (?:\w+ )?(?:gebruik\w*|zal gebruiken)",
        r"(?:terugkomt|ends? up|goes|gaat|komt) (?:\w+ ){0,2}(?:in|with|bij) (?:(?:haar|zijn|"
        r"her|his) "
        r"(?:beoordeling|dossier|file|review)|hr)\b", r"(?:personeels)?dossier komt",
        # sides against the manager: the union or HR brought in, things recorded
        r"(?:union|vakbond\w*|works council|or)[- ]?(?:rep\w*|man\b|vertegenwoordiger)",
        r"(?:brings?|neemt) (?:\w+ ){0,3}(?:rep|or|hr|vertrouwenspersoon)\b (?:\w+ ){0,3}"
        r"(?:meeting|gesprek|mee)\w*", r"(?:bij|naar|met) de vertrouwenspersoon", r"vertrouwensp"
        r"ersoon (?:erbij|over mij)",
        r"(?:cc'?s|in (?:de )?cc|in cc)\b",
        r"(?:goes|go|gaat|stapt) (?:\w+ ){0,2}(?:to|naar) (?:hr|my boss|mijn baas|de or|"
        r"the director|"
        r"de directie|mijn leidinggevende)\b",
        r"(?:checks?|checkt|mailt) (?:\w+ ){0,3}(?:with|met) (?:hr|the union|(?:his|her) union|"
        r"de or|"
        r"de vakbond) (?:\w+ )?(?:first|eerst|before|voordat)", r"(?:records?|"
        r"neemt) (?:\w+ ){0,2}(?:meetings|1:1s|gesprekken|one-to-ones|"
        r"conversations)(?: \w+){0,3} (?:op|on)\b",
        r"(?:everything|alles) (?:\w+ ){0,2}(?:in writing|op (?:de )?(?:mail|papier)|"
        r"zwart op wit)",
        r"(?:mijn|my) woord is niet genoeg", r"met een korrel zout", r"scheef oog",
        # how the relation stands: "relationship damaged", "moeizame verhouding"
        r"(?:relationship|relatie|band|bond|verhouding)\w* (?:\w+ ){0,3}(?:damaged|broken|"
        r"broke down|"
        r"took a hit|beschadigd|verstoord|kapot|geschaad|verslechterd|soured|niet hersteld)",
        r"(?:damaged|broken|moeizame|verstoorde|beschadigde) (?:\w+ )?(?:relationship|relatie|"
        r"verhouding|band)", r"(?:never|hasn'?t|haven'?t) (?:really )?recovered",
        # what the person thinks of the manager: "thinks I'm hiding it", "denkt dat ik haar eruit
        # wil werken", "sees me as corporate", "us versus them"
        r"(?:thinks|convinced|denkt|assumes|believes|feels|vindt|voelt|suspects|verdenkt|het idee|"
        r"the feeling)(?: \w+){0,2} (?:that |dat |ervan dat )?(?:i|ik)(?:'ll|'m|'ve|"
        r"'d)? (?:\w+ ){0,3}"
        r"(?:knew|know|wist|weet|hiding|verberg\w*|plan\w*|report\w*|made up my mind|decided|"
        r"block\w*|tegenhoud\w*|use|hold|gebruik\w*|only (?:care|listen)|alleen (?:naar|om)|"
        r"ignore|"
        r"negeer\w*|don'?t (?:see|have|care|listen)|checking up|side with|cover for|dek\b|laten "
        r"vallen|eruit|weg wil|get rid|rid of|want (?:her|him) out|niet (?:voor|steun)|"
        r"praat over)",
        r"(?:sees?|ziet) (?:me|mij) (?:\w+ )?(?:as|als) (?:the |a |an |de |het )?(?:boss|"
        r"corporate|"
        r"head office|auditor|enemy|management|die van|controleur)",
        r"us[- ]?v(?:s|ersus)\.?[- ]?them", r"wij[- ](?:tegen[- ])?zij",
        r"(?:hiding|hides?|hid|verbergt|verstopt|achterhoud\w*) (?:\w+ ){0,3}(?:from|voor) "
        r"(?:me|mij|her|him|haar|hem)\b", r"(?:i'?m|i am) hiding",
        r"(?:didn'?t|doesn'?t|don'?t|never|won'?t|not|stopped|nobody|niemand|no one) (?:\w+ )?"
        r"(?:believ\w*|buy\w*) (?:a word|anything|what i|me|a thing|that)",
        r"gelooft? (?:\w+ )?(?:me|mij|er|niemand) (?:\w+ )?(?:niks|niets|niet|meer)",
        r"gelooft (?:\w+ )?(?:niks|niets) (?:meer )?van", r"(?:not buying|doesn'?t buy)\b",
        r"(?:grievance|klacht|complaint)\w* (?:\w+ ){0,2}(?:against|tegen|about|over) (?:me|mij)",
        r"slagging me off", r"badmouth\w*", r"roddelt over (?:me|mij)", r"behind my back",
        r"achter mijn rug", r"klaagt (?:\w+ ){0,3}over (?:me|mij)\b",
        r"(?:stopped|no longer|niet meer|never) (?:\w+ )?(?:confi(?:des|ded|ding|de in)\b|"
        r"coming to me|comes to me|"
        r"komt (?:\w+ )?bij mij)",
        r"(?:yes or no|yes and no|yes/no|ja of nee|ja en nee|ja/nee)(?! (?:question|vraag))",
        r"one[- ]word answers", r"monosyllab\w*", r"korte antwoorden", r"short answers",
        r"(?:won'?t make eye contact|in the eye|kijkt (?:me|mij) niet (?:meer )?aan)",
        r"(?:polite|pr|nette) (?:version|versie)", r"putting on a show", r"micromanag\w*",
        r"(?:feels|voelt) (?:\w+ )?(?:like|als) (?:an )?(?:interrogation|controle|verhoor)",
    ],
    "budget_available": [
        r"vergoed\w*", r"covers? (?:the )?(?:\w+ ){0,2}(?:course|training|costs?)\b",
        r"(?:company|department|employer|werkgever|afdeling) (?:\w+ )?(?:pays|betaalt|covers)",
    ],
    "no_budget": [
        r"(?:opleidingen|trainingen|cursussen|training|courses) (?:\w+ ){0,3}(?:geschrapt|"
        r"cancelled|scrapped|geannuleerd)",
        r"(?:zelf|herself|himself|themselves) (?:moeten )?(?:betalen|pay)",
        r"pay for (?:\w+ ){0,3}(?:herself|himself|themselves)",
        # the money refused, stopped or spent: "the course isn't funded", "we can't afford it",
        # "out of her own pocket", "spending freeze", "finance said no", "the pot dried up"
        r"(?:niet|not|never|no longer|nooit|isn'?t|aren'?t|won'?t be) (?:\w+ )?(?:vergoed|funded|"
        r"reimbursed|paid for)\b",
        r"(?:won'?t|wont|can'?t|cant|cannot|couldn'?t|kunnen niet|kan niet|will not|(?:is|"
        r"are) not "
        r"able to) (?:\w+ ){0,2}(?:pay|fund|afford|betalen|vergoeden|financier\w*|stretch to)\b",
        r"(?:kunnen|kan) (?:we |ik )?(?:\w+ ){0,3}niet (?:betalen|vergoeden|financieren)",
        r"(?:out of|uit) (?:my |her |his |their |eigen |haar |zijn )?(?:own )?(?:pocket|zak)\b",
        r"self-?fund\w*", r"(?:spending|budget|training|uitgaven)[- ](?:freeze|stop)",
        r"freeze on (?:all )?(?:\w+ )?(?:training|spending|spend|courses)",
        r"(?:froze|frozen|freezes|bevroren|stopped|pulled|put a stop on|"
        r"shut down) (?:all )?(?:\w+ )?"
        r"(?:training|spending|spend|courses|budgets?|opleiding\w*|funds|funding|grants?)\b",
        r"(?:training|courses?|scholing|opleiding\w*|cursus\w*|l&d|development)\w* (?:is |are |"
        r"staat |"
        r"staan |were |was |got )?(?:\w+ )?(?:op pauze|on hold|off the table|frozen|bevroren|"
        r"stopped|axed|cut|the first thing to go)\b",
        r"first thing to go", r"(?:only|alleen) (?:\w+ )?(?:free|gratis) (?:e-learning|webinars?)",
        r"in-house and free", r"no \x24\x24", r"not a (?:bean|penny|single (?:pound|euro|cent))",
        r"skint", r"we'?re broke", r"broke as a", r"in the red\b", r"cost[- ]cutting(?! exercise)",
        r"(?:savings|bezuinigings)[- ]?ronde", r"savings round", r"cupboard is bare",
        r"purse strings", r"(?:mogen|mag) (?:\w+ )?(?:niks|niets) (?:meer )?uitgeven",
        r"(?:finance|the fd|financiën|de controller)\w* (?:\w+ ){0,3}"
        r"(?:said|says|zegt|zei) (?:no|nee)\b", r"(?:asked|"
        r"vroeg) (?:\w+ ){0,2}(?:for )?(?:money|geld|\d+|budget)\w*(?: \w+){0,5},? (?:and )?"
        r"(?:got|kreeg) (?:a )?(?:flat )?(?:no|nee)\b",
        r"(?:request|aanvraag)\w* (?:\w+ ){0,3}(?:rejected|refused|bounced|afgewezen|"
        r"afgeschoten)", r"(?:budget|geld|money|funds?|pot|fonds)\w* (?:\w+ ){0,3}(?:ran out|"
        r"run out|"
        r"ran dry|dried up|opgemaakt|opgebruikt|exhausted|uitgeput|used up|wiped out|clawed back|"
        r"reallocated|halved|gehalveerd|slashed|axed|pulled|is done|went (?:on|to|into)|"
        r"(?:is )?(?:naar|gone to) (?:de )?\w+ (?:gegaan|gone))",
        r"(?:blew|blown) (?:\w+ ){0,2}(?:budget|money|pot)",
        r"luxury we can'?t",
    ],
    "no_development_wish": [
        r"geen zin", r"niet ontwikkelen", r"wil (?:\w+ ){0,2}(?:niks|niets)\b(?! weg)",
        r"wants nothing\b(?! to do with me)", r"doesn'?t want any(?:thing)?\b(?! else)",
        r"(?:laat|let) (?:mij|me) (?:maar )?(?:gewoon )?(?:m'n|mijn|my) (?:ding|werk|job|thing)",
        r"back to school", r"(?:not|niet) (?:om )?(?:to )?(?:te )?(?:learn|leren)\b",
        r"(?:said|says) no to", r"nee (?:gezegd )?(?:tegen|op)",
        r"(?:geen interesse|no interest) in (?:\w+ ){0,2}(?:opleiding\w*|cursus\w*|courses?|"
        r"training\w*|"
        r"learning|leren|ontwikkel\w*|develop\w*)", r"hoeft? geen (?:opleiding|cursus|training)",
        r"hoeft niet",
        r"weiger\w*", r"refus\w*", r"onzin", r"too old for", r"te oud voor", r"not up for",
        r"(?:wil|wants to) (?:gewoon |just )?(?:haar|zijn|her|his) (?:werk|job) doen",
        r"just wants to do (?:her|his) job",
        # "not that she'd want a course anyway": a refusal said in passing, at the start of a
        # clause ("its not that ...", "gelooft niet dat ze het kan" are something else)
        r"(?<![a-zà-ÿ0-9'] )(?:not that|niet dat) (?:she|he|ze|hij)\W?\w* \w*",
        r"geen behoefte", r"weerstand", r"ongemotiveerd", r"uren maken", r"niets mee",
        r"not interested", r"no need", r"doesn'?t want (?:to learn|to develop|anything(?! else))",
        r"resist\w*", r"unmotivated", r"puts in (?:his|her) hours", r"nothing to do with",
        r"tijdverspilling", r"waste of time", r"zonde van (?:z'n|zijn|haar) tijd",
        r"(?:loopt|warm) niet warm", r"doesn'?t warm to", r"nee dank je", r"no thanks",
        r"laat maar", r"leave it", r"don'?t bother", r"doe maar niet",
        r"hoef (?:niks|niets) meer", r"done learning", r"kapt (?:ze |hij )?(?:het |t )?af",
        r"shuts? it down",
        r"geen ambitie\w*(?! (?:om|to|voor|for|richting))", r"no ambitions?\b(?! (?:to|for))",
        r"niet (?:te )?springen om",
        r"not keen on (?:\w+ ){0,2}(?:courses?|training|learning|development)", r"niet happig",
        r"zit (?:haar|zijn) tijd uit",
        r"counting (?:down|the days)", r"aftellen", r"nergens (?:meer )?aan beginnen",
        r"start anything new", r"interesseert (?:haar|hem|m) niet",
        r"doesn'?t interest (?:her|him)", r"can'?t be bothered", r"flauwekul", r"rubbish",
        r"nonsense", r"pointless", r"zinloos",
        r"(?:not|niet|nog niet) (?:\w+ )?(?:clicked|aangeklikt)",
        r"didn'?t show", r"niet (?:op )?(?:komen )?(?:dagen|opgedaagd)",
        r"(?:no|geen) (?:head)?space", r"geen ruimte in (?:haar|zijn) hoofd",
        r"last thing on (?:her|his) mind", r"geen energie (?:voor|om)", r"no energy for",
        r"(?:niks|niets|nothing) nieuws?", r"niks bijleren", r"learn nothing",
        r"(?:wil|wants?) (?:het |it )?(?:gewoon |just )?niet (?:leren|ontwikkelen)",
        r"(?:doesn'?t|does not|don'?t|won'?t) (?:want (?:\w+ ){0,2})?(?:training|courses?|"
        r"learn\w*|develop\w*)",
        r"(?:wil|wants?) (?:\w+ ){0,2}geen (?:cursus|opleiding|training|coaching)", r"no training",
        r"(?:motivation|motivatie) (?:\w+ ){0,4}(?:zero|nul|ver te zoeken)",
        r"zero motivation", r"checked out", r"heeft het gehad met", r"had it with",
        r"groeien interesseert", r"growing doesn'?t interest", r"geen ontwikkelwens",
        r"niet (?:meer )?wil(?:len)? (?:leren|ontwikkelen)",
        r"wil niet meer (?:leren|ontwikkelen)",
        # learning refused in so many words; the "not" is the signal: "doesn't need any training",
        # "won't do the course", "isn't interested in any course"
        r"(?:doesn'?t|doesnt|does not|don'?t|dont|won'?t|wont|never|not|"
        r"isn'?t) (?:\w+ ){0,2}(?:need|"
        r"want|feel like|bother|attend|do|doing|take|go on|going on|sign up|touch|join|fill|use|"
        r"set|"
        r"engage|interested)\w* (?:\w+ ){0,3}(?:training|course|courses|learn\w*|develop\w*|"
        r"certif\w*|refresher|workshop|e-learning|pdp|qualification|anything new)",
        # no wish, drive or interest to learn: "no appetite for training", "nul interesse in
        # ontwikkeling", "geen enkele behoefte aan nieuwe dingen leren"
        r"(?:nul|zero|geen enkele|weinig tot geen|no|geen|not much|not any|without) (?:\w+ )?"
        r"(?:interesse|interest|behoefte|need|motivatie|motivation|drive|ambitie|ambition|"
        r"appetite|"
        r"trek|zin|wish|wens|intention|plans?)\b(?: \w+){0,3} (?:learn\w*|leren|develop\w*|"
        r"ontwikkel\w*|grow\w*|groei\w*|training\w*|courses?|cursus\w*|opleiding\w*|bijscholing|"
        r"scholing|anything new|iets nieuws|nieuwe dingen|studying|study|certif\w*)",
        r"(?:geen|no) (?:enkele )?(?:leervraag|leerwens|ontwikkelvraag|development wish)",
        # no point in it: "ziet het nut niet", "doesn't see the point", "waste of my time"
        r"(?:ziet|sees?) (?:\w+ ){0,2}(?:nut|point)\b (?:\w+ ){0,3}(?:niet|in)\b",
        r"ziet (?:het )?nut niet", r"(?:doesn'?t|doesnt|does not|don'?t|can'?t) see the point",
        r"sees no (?:point|reason)", r"no point (?:in )?(?:learning|training|courses|developing)",
        r"(?:waste|zonde) (?:of|van) (?:\w+ )?(?:time|evenings|tijd)",
        # done with learning, or too old for it: "uitgeleerd", "learned enough", "for the young
        # ones"
        r"uitgeleerd", r"klaar met leren", r"heeft het (?:wel )?gezien met", r"genoeg geleerd",
        r"learned enough", r"(?:done|finished) (?:with )?(?:learning|studying|developing|"
        r"professional)", r"knows? it all", r"at my age", r"op (?:mijn|m'n) leeftijd",
        r"(?:not|never|niet) (?:going |gaan |go )?back to school",
        r"(?:for|voor) (?:the )?(?:young|jong)\w*", r"jongelui", r"youngsters",
        r"(?:leren|cursus\w*|opleiding\w*|training\w*|ontwikkel\w*|school|learning|courses?|"
        r"development)\w* (?:\w+ ){0,2}(?:is |zijn |isn'?t )?(?:niks|niets|not|"
        r"niet) (?:\w+ )?(?:voor|for) "
        r"(?:hem|haar|him|her|mij|me)\b", r"niet aan (?:hem|haar) besteed",
        # every offer turned away: "elk voorstel wordt afgewimpeld", "rolls her eyes", "turns down
        # every course", "couldn't care less", "why would I"
        r"afgewimpeld", r"afslaat", r"afgezegd", r"haakt af", r"moet (?:er )?(?:\w+ )?niks van "
        r"hebben",
        r"niet mee aankomen", r"rol\w* (?:\w+ )?(?:ogen|eyes)",
        r"(?:turn\w* down|declin\w*|stonewall\w*|push\w* back on|brush\w* off|shrug\w* (?:at|"
        r"off)) "
        r"(?:\w+ ){0,3}(?:suggestion|course|training|offer|opportunit\w*|new task|option|idea|"
        r"workshop|e-learning|certif\w*)",
        r"met rust gelaten", r"laat (?:me|mij) (?:\w+ )?met rust", r"left alone",
        r"leave me (?:be|alone|out)", r"clocks? in and (?:clocks? )?out", r"coast\w*",
        r"why would i", r"waarom zou ik", r"what'?s in it for me", r"couldn'?t care less",
        r"not (?:fussed|bothered)", r"allergic", r"dead set against", r"won'?t have it",
        r"(?<!got a )(?<!was a )(?:flat|polite) no", r"gets a no", r"ends in a no",
        # nothing more needed: "leren hoeft voor hem niet meer", "meer hoeft ie niet"
        r"hoeft (?:\w+ ){0,2}niet (?:meer|zo nodig)", r"hoef niet zo nodig", r"niks nodig",
        r"(?:leren|ontwikkelen|bijleren|cursussen|cursus|opleiding|scholing|kunstjes|training)\w* "
        r"(?:\w+ ){0,3}(?:hoeft|hoeven)\b", r"(?:meer|verder) hoeft (?:\w+ ){0,2}niet",
        r"(?:not|niet|isn'?t) (?:\w+ )?(?:motivated|gemotiveerd)", r"lost (?:all )?motivation",
        r"(?:just|only|gewoon) (?:a|een) (?:job|baan)", r"work is just work",
        r"(?:unwilling|not willing|niet bereid) to",
        r"(?:wil|wants?) (?:ze |hij |ook |gewoon |echt |er |helemaal |het |dat )*(?:niet|nooit)"
        r"(?: meer)?(?![ \w])", r"wil er (?:\w+ )?niet (?:aan|heen)", r"wil niet (?:op|"
        r"naar de) cursus",
        r"wil nergens (?:meer )?(?:aan|in|verder)", r"staat (?:nergens|niet) (?:voor )?open",
    ],
}  # fmt: skip
# the money words whose polarity decides between no budget and budget available
# a problem with money, named right after the word of money ("budget problems", "geldzorgen")
_MONEY_PROBLEM = re.compile(
    r"[a-z€]*(?:\s+|-)?(?:problem|issue|concern|worr|zorg|probleem|problemen|krapte)\w*\b"
)
_MONEY = re.compile(
    r"\b(?:[a-z]*budget\w*|(?:opleidings|scholings|studie|cursus|leer|trainings)?geld|money|"
    r"funding|kosten|costs?|bezuinig\w*|"
    # "job cuts" are jobs going, not money
    r"(?<!job )(?<!jobs )(?<!staff )cuts|spending|cent|"
    r"centen|uitgaven|euro|penny|cash|financieel|financially|pot|potje|opleidingspot|studiepot|"
    r"allowance|funds?|kitty|grants?|subsid\w*|dosh|fees)\b|€|\beur\b"
)
# any word of money, a figure or a word of learning: the model's vector of "geen vacature"
# sits beside "geen budget", so a budget signal needs one of these in the answer
_MONEY_SAID = re.compile(
    r"\b(?:\w*budget\w*|\w*geld\w*|money|funds?|funding|funded|\w*kosten|costs?|costly|"
    r"betaa?l\w*|pay\w*|paid|vergoed\w*|bekostig\w*|afford\w*|spend\w*|spent|invest\w*|"
    r"bezuinig\w*|cuts?|subsid\w*|\w*pot|potje|financ\w*|cent|centen|cash|penny|pennies|"
    r"euros?|eur|pounds?|quid|bucks?|dollars?|duur|expensive|goedkoop|cheap|prijs|price\w*|"
    r"declar\w*|reimburs\w*|sponsor\w*|allowance|uitgaven|geschrapt|scrapped|cancelled|"
    r"geannuleerd|kitty|dosh|broke|pocket|wallet|fro?zen?|froze|bevroren|savings?|verlies|"
    r"uitgeven|gratis|free|\w*(?:opleiding|cursus|scholing|training|course)\w*|learning|"
    r"leren|ontwikkel\w*|development|opleiden|b\w{0,2}[dg]\w{0,2}et|zak|fonds|\w*betaalbaar|"
    r"\w*rekening|controller|k)\b|[€£$]|\d"
)


def money_said(text: str) -> bool:
    """Whether an answer can speak of a training budget ("geen vacature" cannot).

    >>> money_said("geen vacature voor praktijkopleider"), money_said("€500 voor een cursus")
    (False, True)
    """
    return bool(_MONEY_SAID.search(normalise(text)))


# money said not to be needed: "geen budget nodig", "no budget needed", "hoeft niks te kosten"
_MONEY_UNNEEDED = re.compile(
    r"\b(?:geen|no|zonder|without)\s+(?:\w+\s+)?(?:budget|geld|money|funding|kosten)\s+"
    r"(?:is\s+)?(?:nodig|needed|required|necessary)\b|"
    r"\b(?:budget|geld|money|funding)\s+(?:is\s+)?(?:niet\s+nodig|not\s+needed|"
    r"isn'?t\s+needed|not\s+required)\b|"
    r"\b(?:doesn'?t|does not|won'?t|will not)\s+(?:need|cost)\s+(?:any\s+)?(?:budget|money|"
    r"anything)\b|\bhoeft\s+(?:geen\s+geld|niks|niets)\s+te\s+kosten\b"
)
# the course costs nothing ("kost hem niks", "free of charge"): no money is short (not "alleen
# gratis e-learning", which says there is none for more)
_COSTS_NOTHING = re.compile(
    r"\bkost(?:en|te)?\s+(?:(?:hem|haar|ons|jullie|hen|je|ze|mij|me)\s+)?(?:\w+\s+)?"
    r"(?:niks|niets|geen (?:cent|geld|euro))\b|"
    r"\bcosts?\s+(?:(?:him|her|us|them|you|me)\s+)?(?:\w+\s+)?nothing\b|"
    r"\b(?:free of charge|at no cost|kosteloos)\b"
)
_MONEY_NONE = re.compile(
    r"\b(?:(?:budget|geld) is op|is er niet|er niet in|isn't there|bevroren|frozen|stil|"
    r"on hold|off the table|zitten? er niet in|kunnen niet|te weinig|too little|gebrek aan|"
    r"lack of|"
    r"probleem|issue|cuts?|got cut|bezuinig\w*|te duur|too expensive|not possible|zero|nul|gone|"
    r"geen cent|not a cent|leeg|empty|geschrapt|scrapped|cancelled|in het rood|in the red|"
    r"niks|niets|nothing|not a penny|"
    # "ran out in may", "the pot dried up", "got halved", "is exhausted", "nil"
    r"ran out|runs? out|ran dry|dried up|used up|opgemaakt|opgebruikt|exhausted|uitgeput|halved|"
    r"gehalveerd|slashed|axed|pulled|wiped out|clawed back|reallocated|frozen|freeze|lockdown|"
    r"nil|nada|none left|stopped|ended|gestopt|rejected|afgewezen|skint|out of the question)\b"
)
_MONEY_SOME = re.compile(
    r"\b(?:er is|is er|there is|there's|er staat|staat nog|beschikbaar|available|we have|"
    r"heeft nog|has|"
    r"still has|left|vrijmaken|free up|ruimte in|room in|betaalt|pays|can spend|aangevraagd|"
    r"ask)\b"
)
# the money not known yet: "budget weet ik nog niet, moet ik navragen bij hr", "not sure if
# there's budget" (a user test: read as budget available); "geen idee" is no "geen budget"
_MONEY_UNKNOWN = re.compile(
    r"\b(?:weet (?:ik |het |ik het )?(?:nog )?niet|geen idee|no idea|(?:don'?t|do not|didn'?t) "
    r"(?:yet )?know|dunno|not sure|unsure|unclear|onduidelijk|no clue|(?:nog )?onbekend|unknown|"
    r"(?:nog )?navragen|uitzoeken|check with|find out|nog niet bekend|not known yet|tbc|tbd)\b"
)
# the unknown must be about the money: in its own stretch of the clause, a few words off ("not
# sure if there's budget", "budget voor een train de trainer weet ik niet"), or right after it
# ("budget: tbd", "budget, geen idee"); not "we have budget and I need to find out what she
# wants"
_MONEY_STRETCH = re.compile(
    r"[,;:]|\s(?:and|en|but|maar|or|because|want|omdat|though|although|terwijl|so|dus)\s"
)
MONEY_UNKNOWN_WORDS = 8  # words at most between the money and the unknown in one stretch
MONEY_UNKNOWN_AFTER = 2  # words at most before the unknown at the start of the next stretch


def _money_unknown(clause: str, money: re.Match[str]) -> bool:
    """Whether the money in ``clause`` is said not to be known yet.

    >>> def said(text):
    ...     return _money_unknown(text, _MONEY.search(text))
    >>> said("extra budget for a course i need to check with finance"), said("budget: tbd")
    (True, True)
    >>> said("we have training budget and i need to find out what she wants")
    False
    """
    for unknown in _MONEY_UNKNOWN.finditer(clause):
        if unknown.start() >= money.end():
            between = clause[money.end() : unknown.start()]
        else:
            between = clause[unknown.end() : money.start()]
        words = len(re.findall(r"[\w'’]+", between))
        breaks = list(_MONEY_STRETCH.finditer(between))
        if not breaks and words <= MONEY_UNKNOWN_WORDS:
            return True
        # "budget, no idea yet": the unknown opens the very next stretch
        if (
            unknown.start() >= money.end()
            and len(breaks) == 1
            and not between[: breaks[0].start()].strip()
            and words <= MONEY_UNKNOWN_AFTER
        ):
            return True
    return False


# ... unless the money itself is denied right before it: "geen budget, weet niet waarom"
_MONEY_DENIED = re.compile(r"\b(?:geen|no|zonder|without|zero|nul)\s+(?:[a-z]+\s+)?$")
# "geen behoefte aan cursussen of andere taken": the need denied covers the whole clause
_NO_NEED = re.compile(
    r"(?:geen behoefte aan|no need for|niet geïnteresseerd in|not interested in|no interest in|"
    r"geen interesse in) "
)
_TRUST_WORD = re.compile(r"\b(?:vertrouw\w*|trust\w*)\b")
_TRUST_LOW = re.compile(
    r"\b(?:weinig|laag|geen|niet|little|low|no|not|lack\w*|doesn'?t|broken|broke|kwijt|weg|gone|"
    r"lost|don'?t|dont|doesnt|hasn'?t|hasnt|never|nooit|won'?t|less|minder|ver te zoeken)\b"
)
_NO_OPENING = re.compile(rf"\b{_NO_OPENING_SAID}")
_BARE = 4  # an answer of at most this many words that names a topic raises it
_BARE_TOPICS: dict[str, re.Pattern[str]] = {
    "low_confidence": re.compile(r"\b(?:zelfvertrouwen|self[- ]?confidence|confidence)\b"),
    # "vertrouwen om te experimenteren" is support to give, not a problem of trust
    "trust": re.compile(r"^(?:vertrouwen|trust)(?: tussen ons| between us)?$"),
    "workload": re.compile(r"\b(?:werkdruk|workload)\b"),
}
# a situation named with its degree: no model overrules that
_SAID_OUTRIGHT: dict[str, re.Pattern[str]] = {
    "low_confidence": re.compile(
        r"\b(?:weinig|laag|low|little|gebrek aan|lack of)\s+(?:zelfvertrouwen|"
        r"self[- ]?confidence|confidence)\b|\b(?:zelfvertrouwen|self[- ]?confidence)\s+is\s+"
        r"(?:erg\s+|heel\s+|very\s+|quite\s+|pretty\s+)?(?:laag|low)\b|"
        # "zijn onzekerheid" named as what is in the way (a user test: the model dropped it
        # beside "vertrouwen tussen ons is prima"); not an uncertainty about something
        # ("onzekerheid over de reorganisatie") nor one said to be gone
        r"\b(?:zijn|haar|z'n|d'r|his|her)\s+(?:grote\s+|eigen\s+|big\s+|own\s+)?"
        r"(?:onzekerheid|insecurit(?:y|ies))\b(?!\s+(?:over|about|rond|omtrent|around)\b)"
        r"(?!\s+(?:is|was|zijn|are)\s+(?:\w+\s+)?(?:weg|verdwenen|over|voorbij|gone|behind))"
    ),
    # trust named as the main matter: "trust is the big one" (a user test: the model dropped it)
    "trust": re.compile(
        r"\b(?:trust|vertrouwen)\s+(?:is|was)\s+(?:the|de|het|my|our|mijn|ons)\s+(?:big|"
        r"biggest|main|real|major|key|grote|grootste|echte|belangrijkste)\w*\s+(?:one|issue|"
        r"problem|thing|punt|probleem|ding|obstacle|struikelblok|zorg)\b"
    ),
    # a burn-out is the person's circumstance, however the model weighs the rest
    "personal_circumstances": re.compile(r"\bburn[- ]?out\b|\bburned out\b|\bburnt out\b"),
    "workload": re.compile(
        r"\b(?:hoge|high|enorme|huge|heavy)\s+(?:werkdruk|workload)\b|\b(?:werkdruk|workload)\s+"
        r"is\s+(?:erg\s+|heel\s+|zeer\s+|echt\s+|very\s+|really\s+)?(?:hoog|high|enorm|heavy)\b"
    ),
}
_AMOUNT = re.compile(
    r"(?:[€£$]\s?(?P<a>\d[\d.,]*)(?P<ak>k)?|(?P<b>\d[\d.,]*)(?P<bk>k)?\s?(?:euro'?s?|eur\b|€|"
    r"pounds?\b|quid\b|gbp\b|dollars?\b|usd\b))"
    r"|(?P<c>\d[\d.,]*)(?P<ck>k)\b"
    r"|(?P<d>\d[\d.,]*)(?P<dk>k)?\s+(?:for|voor)\s+(?:a |an |een |the |de )?(?:\w+ )?"
    r"(?:course|cursus|training|opleiding|programme|programma)"
    r"|(?P<e>\d[\d.,]*)(?P<ek>k)?\s+in (?:her|his|haar|zijn) (?:\w+ ){0,2}(?:account|pot|"
    r"allowance)"
    # "we've set aside 1800 for that", "2200 available to train", "1,8k kan ik regelen"
    r"|(?:set aside|put aside|opzij gezet|gereserveerd) (?P<f>\d[\d.,]*)(?P<fk>k)?\b"
    r"|(?P<g>\d[\d.,]*)(?P<gk>k)?\s+(?:available|beschikbaar|set aside|gereserveerd|"
    r"kan ik regelen|to spend|te besteden|reserved)\b"
    # notes: "budget 500", "opleidingsbudget 750 left", "training budget: 1200", "budget is 900"
    r"|\b(?:[a-z]*budget|pot|cpd)(?: (?:is|of|van|left|over|ok|okay))?:? (?!20[1-4]\d\b)"
    r"(?P<h>\d[\d.,]*)(?P<hk>k)?\b(?! ?(?:%|people|mensen|uur|hours?|h\b|per (?:cent|procent)))"
    # "900 in the pot", "650 in the budget for it", "1000 for coaching", "600 CPD"
    r"|(?P<i>\d[\d.,]*)(?P<ik>k)?\s+(?:in (?:the|de|het) (?:pot|budget|potje)|"
    r"(?:for|voor) (?:coaching|cpd|training|scholing)|cpd\b|(?:learning|training) budget)"
    # "finance okayed 900", "approved 1500"
    r"|(?:okayed|approved|goedgekeurd|toegezegd) (?P<j>\d[\d.,]*)(?P<jk>k)?\b"
)
# "the client project budget is 80k": money, but not for learning
_OTHER_MONEY = re.compile(
    r"\b(?:\w*project\w*|verbouwing|refurb\w*|fit-?out|omzet|revenue|salaris|salary|deal)\b"
)
_PEOPLE = (
    r"(?:mensen|medewerkers|man|fte|teamleden|collega'?s|people|ppl|reports|employees|staff|"
    r"direct reports|drivers|pickers|cleaners|schoonmakers|chauffeurs|nurses|verpleegkundigen|"
    r"agents|monteurs|technicians|operators|ondergeschikten|directe ondergeschikten|verzorgenden|"
    r"carers|caregivers|teachers|leerkrachten|docenten|workers|devs|developers|vakkenvullers)"
)
_UNITS_NL = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9,
}  # fmt: skip
_UNITS_EN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_TEENS = {
    "tien": 10, "ten": 10, "elf": 11, "eleven": 11, "twaalf": 12, "twelve": 12, "dertien": 13,
    "thirteen": 13, "veertien": 14, "fourteen": 14, "vijftien": 15, "fifteen": 15,
    "zestien": 16, "sixteen": 16, "zeventien": 17, "seventeen": 17, "achttien": 18,
    "eighteen": 18, "negentien": 19, "nineteen": 19,
}  # fmt: skip
_TENS_NL = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60}
_TENS_EN = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
# numbers up to sixty as a manager writes them out: "drieëndertig", "thirty-three"
_WORD_NUMBERS = {
    **_UNITS_NL,
    **_UNITS_EN,
    **_TEENS,
    **_TENS_NL,
    **_TENS_EN,
    **{
        f"{u}{'ën' if u.endswith('e') else 'en'}{t}": m + n
        for u, m in _UNITS_NL.items()
        for t, n in _TENS_NL.items()
    },
    **{f"{t}-{u}": n + m for t, n in _TENS_EN.items() for u, m in _UNITS_EN.items()},
}
# longest first, so "thirty-three" is not read as "thirty"
_NUM = r"(?P<n>\d{1,4}|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
_TEAM_SIZE = [
    # "the division is 300 people but my team is only 7": the team said as such comes first
    re.compile(
        r"\b(?:my team|mijn team) is (?:only |just |about |maar |zo'n |ongeveer )?"
        + _NUM
        + r"\b(?! ?%)"
    ),
    re.compile(r"\b" + _NUM + r"\s+" + _PEOPLE + r"\b"),
    re.compile(
        r"\b(?:team|crew|club|clubje|ploeg|ploegje|groep|groepje|dept|department|afdeling|"
        r"\w*brigade|unit|staff) (?:van|of) "
        r"(?:ruim |about |around |zo'n |ongeveer )?" + _NUM + r"\b"
        # "afdeling van 40 bedden", "a unit of 30 patients": whom it cares for, not its size
        r"(?! (?:bedden|beds|patiënten|patienten|patients|bewoners|residents|kamers|rooms|"
        r"cliënten|clienten|clients|leerlingen|pupils|students|kinderen|children|kids)\b)"
    ),
    re.compile(r"\b(?:there are )?" + _NUM + r" of us\b"),
    re.compile(r"\bmet (?:z'n|zijn) " + _NUM + r"\b"),
    re.compile(r"\bwe zijn met " + _NUM + r"\b"),
    re.compile(r"\b" + _NUM + r"\s+(?:in (?:total|totaal)|total|in (?:my|the|ons|mijn) team)\b"),
    # notes: "21 on my team", "22 on the floor", "17 in the store", "26 on my crews"
    re.compile(
        r"\b" + _NUM + r"\s+(?:on|in|op)\s+(?:my|the|ons|mijn|de|het)\s+(?:team|floor|store|"
        r"shift|crews?|squad|ploeg|afdeling|winkel|vloer|department|dept|ward)\b"
    ),
    re.compile(r"\b(?:one of|een van|out of|among|van) (?:my |mijn )" + _NUM + r"\b"),
    re.compile(r"\b(?:one of|een van) " + _NUM + r"\b(?! ?%)"),
    re.compile(r"\bwe(?:'re| are) " + _NUM + r"\b"),
    re.compile(r"\bheb (?:er )?" + _NUM + r" onder (?:me|mij)\b"),
    # "I manage 25 caregivers", "leidinggevende van 33 verzorgenden", "thirty-three carers
    # under me", "I've got 27": whom the manager leads, whatever they are called
    re.compile(
        r"\b(?:manage|lead|supervise|leid|leidinggevende (?:van|voor)|team ?leader (?:of|for)"
        r"|in charge of|verantwoordelijk voor) (?:about |around |roughly |some |ruim |zo'n |"
        r"ongeveer |over )?" + _NUM + r"\b(?! ?(?:%|uur|hours?|min\w*|euro|years?|jaar|k\b|"
        r"teams|projects?|projecten|locations|locaties|sites|shifts|diensten))"
    ),
    re.compile(
        r"\b" + _NUM + r" (?:[a-z-]+ ){0,2}(?:under me|onder me|onder mij|reporting to me)\b"
    ),
    re.compile(
        r"\b(?:i've got|i have got|ik heb er|ik stuur er) (?:maar |only |just )?"
        + _NUM
        + r"\b(?! ?(?:%|kids|children|kinderen|years?|jaar|hours?|uur|weeks?|weken|days?|"
        r"dagen|euro|k\b))"
    ),
]
# "we're short 3 people", "sinds er twee weg zijn": people missing, not the team's size
_PEOPLE_MISSING = re.compile(
    r"\b(?:short|down|minder|tekort|onderbezet|onderbemand|lost|left|weg|vertrokken|uitgevallen|"
    r"missing|vacatures?|vacancies|achter|behind|te weinig|too few|"
    # people the team is looking for: "we need 2 ppl who can run the line"
    r"nodig|needed|need|needs|zoeken|looking for|hire|hiring|aannemen|werven)\b"
)
_HOURS = re.compile(
    r"\b" + _NUM + r"\s*(?:uur|uren|hours?|hrs?|u|h(?!\s*(?:support|service|open|care|zorg|"
    r"bereikbaar|a day|per day|per dag)))\b"
    r"(?P<week>\s*(?:per|a|in de|in the|each|every|elke|p/?w|/)\s*(?:week|wk))?"
)
# "begint om vijf uur", "stayed till 8", "niet na 15u hoeft te blijven": a time of day, not
# hours worked (a figure said per week is never one: "voor 4 uur per week")
_CLOCK = re.compile(
    r"\b(?:om|tot|vanaf|rond|at|till|until|around|from|past|tussen|between|sinds|since) $"
)
# "voor", "na" are a time of day only with a clock's figure: "voor 15u", "na 3 uur 's middags",
# "after 17 uur"; not "ze werkt voor 24 uur", "aangesteld voor 32 uur"
_CLOCK_MAYBE = re.compile(r"\b(?:na|after|voor|vóór|before|by) $")
_TIME_OF_DAY = re.compile(
    r"\s*(?:'s\s*(?:middags|ochtends|morgens|avonds|nachts)|in de (?:middag|ochtend|avond)|"
    r"in the (?:afternoon|morning|evening)|[ap]\.?m\b)"
)
LAST_CLOCK_HOUR = 23
# hours said without "a week" are a week's only as the hours someone works ("werkt 24 uur",
# "28h"): "2 hrs paid training time" is an amount, not "2 hours a week" (a user test)
_WORKED = re.compile(
    r"\b(?:werkt|werken|works?|working|contract\w*|parttime|part-time|fulltime|full-time|fte|"
    r"aanstelling|dienstverband|max(?:imaal|imum)?|op)\b"
)
BARE_WEEK_HOURS = 12  # fewer bare hours than this, with no word of work, are no week's hours
# "training budget: 0", "budget voor opleiding: nul", "zero euros for training"
_ZERO_BUDGET = re.compile(
    r"\b(?:[a-z]*budget|scholingsgeld|opleidingsgeld)(?: (?:for|voor) (?:\w+ ){0,2}?\w+)?"
    r"(?::| is| van)? (?:letterlijk |literally |precies |exactly )?(?:0|nul|zero|nada)\b(?![.,]\d)"
    r"|\b(?:0|zero|nul) (?:euro'?s?|eur|€) (?:for|voor|aan) (?:\w+ )?(?:training|courses?|"
    r"opleiding\w*|cursus\w*|development|ontwikkeling)"
)


@dataclass
class Reading:
    """What one or more answers signal: tags in reading order, tags said not to hold, facts."""

    signals: list[str] = field(default_factory=list)
    negated: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)
    # signals read from their opposite denied ("she is not very confident"): the vector of
    # such an answer sits beside the opposite, so the model is not asked to overrule them
    sure: list[str] = field(default_factory=list)

    def add(self, other: Reading) -> None:
        """Take in the reading of a later answer."""
        for tag in other.signals:
            if OPPOSITES.get(tag) in self.signals:
                self.signals.remove(OPPOSITES[tag])
            if tag not in self.signals:
                self.signals.append(tag)
        self.negated.extend(t for t in other.negated if t not in self.negated)
        self.negated = [t for t in self.negated if t not in self.signals]
        self.sure.extend(t for t in other.sure if t not in self.sure)
        for key, value in other.facts.items():
            self.facts.setdefault(key, value)


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces, cue-word typos corrected."""
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'").replace("`", "'")
    text = " ".join(text.split())
    return re.sub(rf"[a-zà-ÿ]{{{_TYPO_LENGTH},}}", lambda m: _correct(m.group(0)), text)


def _vocabulary() -> tuple[str, ...]:
    found: set[str] = set()
    for patterns in _CUES.values():
        for pattern in patterns:
            found.update(w for w in re.findall(r"[a-zà-ÿ]{6,}", pattern))
    found |= {
        "zelfvertrouwen", "confidence", "vertrouwen", "opleidingsbudget", "beoordeling",
        "beoordelaar", "assessor",
    }  # fmt: skip
    return tuple(sorted(found))  # a fixed order: the same correction on every run


_VOCABULARY = _vocabulary()
_KNOWN = frozenset(_VOCABULARY)
# shorter words are too often another real word one letter off ("blijft", "wanted")
_TYPO_LENGTH = 7
# a wrong letter (not a missing, extra or swapped one) only in words this long
_SUBSTITUTION_LENGTH = 9

# real words one letter away from a cue word: never "corrected" into it
_NOT_TYPOS = frozenset({
    "verleden", "geleden", "bewegen", "overleden", "training", "trainen", "brother", "thorough",
    "persoon", "problem", "problems", "directe", "closing", "reading", "schreef", "blocked",
    "verteld", "vertrouwd", "herstel", "suspect",
})  # fmt: skip


def _edits_index() -> tuple[dict[str, int], dict[str, int], dict[tuple[int, str], int]]:
    """Where each cue word sits in the vocabulary, found by the word itself, by the word less one
    letter, and by the word less the letter at one place: a typo is then a few dictionary
    look-ups instead of a pass over the whole vocabulary."""
    rank: dict[str, int] = {}
    shorter: dict[str, int] = {}
    at: dict[tuple[int, str], int] = {}
    for n, known in enumerate(_VOCABULARY):  # sorted: on a tie the first word wins
        rank.setdefault(known, n)
        for i in range(len(known)):
            rest = known[:i] + known[i + 1 :]
            shorter.setdefault(rest, n)
            at.setdefault((i, rest), n)
    return rank, shorter, at


_RANK, _SHORTER, _AT = _edits_index()
_SHORTEST = min(map(len, _VOCABULARY))
_LONGEST = max(map(len, _VOCABULARY))


def _correct(word: str) -> str:
    """The cue word ``word`` is one typo away from, else ``word`` itself.

    One typo is a missing, extra or swapped letter, or (in a long word) a wrong one. Every
    look-up is a dictionary hit, and a word longer than any cue word is passed at once, so a
    word costs time in its own (bounded) length only.
    """
    if (
        len(word) > _LONGEST + 1
        or word in _RANK
        or word in _NOT_TYPOS
        or any(word[:k] in _RANK for k in range(_SHORTEST, len(word) + 1))  # cue word + ending
    ):
        return word
    found = []
    if word in _SHORTER:  # a letter missing
        found.append(_SHORTER[word])
    for i in range(len(word)):
        rest = word[:i] + word[i + 1 :]
        if rest in _RANK:  # a letter too many
            found.append(_RANK[rest])
        if len(word) >= _SUBSTITUTION_LENGTH and (i, rest) in _AT:  # a wrong letter
            found.append(_AT[i, rest])
        if i and word[i] != word[i - 1]:  # two letters swapped
            swapped = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
            if swapped in _RANK:
                found.append(_RANK[swapped])
    return _VOCABULARY[min(found)] if found else word


# a word that fills a gap in a cue is never a denial: "wil (...) teamleider" must not read
# "wil geen teamleider" as the wish (the denial before the cue's own words decides that)
_FILLER = r"(?!(?:niet|geen|nooit|niks|niets|not|no|never|nothing)\b)\w+"


def _compile(pattern: str) -> re.Pattern[str]:
    unnegated = pattern.replace(r"(?:\w+ )", f"(?:{_FILLER} )").replace(
        r"(?: \w+)", f"(?: {_FILLER})"
    )
    return re.compile(r"(?<![a-zà-ÿ0-9])" + unnegated)


_COMPILED = {tag: [_compile(p) for p in patterns] for tag, patterns in _CUES.items()}


def _starts(pattern: str) -> tuple[str, ...]:
    """Texts one of which every match of a cue starts with ("" where any text may start one):
    its leading letters, or those of each branch of a leading group ("(?:low|little) ...")."""

    def letters(items: Any) -> str:
        out = []
        for op, arg in items:
            if op is not _LITERAL:
                break
            out.append(chr(arg))
        return "".join(out)

    parsed = list(_parse(pattern))
    if not parsed:
        return ("",)
    op, arg = parsed[0]
    if op is _SUBPATTERN and len(arg[3]) == 1 and arg[3][0][0] is _BRANCH:
        return tuple(letters(branch) for branch in arg[3][0][1][1])
    return (letters(parsed),)


def _cues_by_start() -> dict[str, set[tuple[str, int]]]:
    """Each start, and the cues (tag and place in its list) that may begin with it."""
    by_start: dict[str, set[tuple[str, int]]] = {}
    for tag, patterns in _CUES.items():
        for n, pattern in enumerate(patterns):
            for start in _starts(pattern):
                by_start.setdefault(start, set()).add((tag, n))
    return by_start


# a cue is searched only where the text holds one of its starts (a substring test is cheap;
# 855 regular expressions over every answer were most of a reading's time)
_BY_START = _cues_by_start()
_ANYWHERE = _BY_START.pop("", set())  # cues that may start with anything


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(text) if c and c.strip()]


def _live_cues(clauses: list[str]) -> list[tuple[str, list[re.Pattern[str]]]]:
    """Each tag's cues that match somewhere in the clauses, so that each clause is searched
    for those alone (855 cues times every clause was most of a reading's time). The clauses are
    joined by a NUL, which no cue matches and which, like a clause's end, is no letter, no
    space and no punctuation, so a cue matches in a clause only if it matches in the joined
    text (no cue has an end anchor or a lookahead that a NUL fails: a test checks that)."""
    joined = "\0".join(clauses)
    started = set(_ANYWHERE).union(*(cues for start, cues in _BY_START.items() if start in joined))
    return [
        (tag, [cue for n, cue in enumerate(cues) if (tag, n) in started and cue.search(joined)])
        for tag, cues in _COMPILED.items()
    ]


_LOOK_BACK = 200  # characters before a cue in which "I am" and negations are looked for
# a verb of attitude after a negation takes the negation for itself: "doesn't trust the new
# scanners" denies the trust, not the scanners (used for changes in the work only: "doesn't
# trust senior leadership" is still no wish to become senior)
_ATTITUDE = frozenset({
    "trust", "trusts", "like", "likes", "understand", "understands", "distrust", "mind",
    "vertrouwt", "snapt", "begrijpt", "ziet",
})  # fmt: skip


def _negated_before(clause: str, start: int, attitude: bool = False) -> bool:
    """Whether a negation stands within a few words before ``start``; with ``attitude``, not
    one that a verb of attitude right after it takes for itself (for a change in the work: a
    "new" thing is no less new for not being trusted)."""
    near = clause[max(0, start - _LOOK_BACK) : start]
    before = re.findall(r"[a-zà-ÿ']+", near)[-_WINDOW:]
    negators = [i for i, w in enumerate(before) if w in _NEGATORS]
    if attitude and negators and all(
        i + 1 < len(before) and before[i + 1] in _ATTITUDE for i in negators
    ):
        return False
    return bool(negators) and not re.search(
        r"\b(?:niet alleen|not only|no longer|niet meer)\s*$", near
    )


# "was onzeker vorig jaar, nu prima": a state in the past, said to be over
# a time long past, said outright ("vroeger", "last year", "when she started")
_LONG_AGO = (
    r"vroeger|used to|in the past|in het verleden|vorig jaar|last year|lang geleden|long ago|"
    r"years ago|(?:jaren|years) "
    r"geleden|(?:jaar|jaren|years?) (?:terug|back)|in het begin|at first|when (?:she|he) started|"
    r"toen (?:ze|hij) (?:net )?begon"
)
_PAST = re.compile(r"\b(?:was|had|wilde|wanted|ooit|" + _LONG_AGO + r")\b")
_OVER = re.compile(
    r"\b(?:verleden tijd|(?:is|zijn) (?:nu |inmiddels |echt |helemaal |allemaal )*"
    r"(?:over|voorbij)|voorbij|(?:totally |all |fully )?(?:fine|fit|good|recovered) now|"
    r"fully recovered|nu (?:weer |helemaal )?(?:prima|goed|fit)|no longer|not anymore|"
    r"niet meer|van tafel|laten varen|let (?:that|it) go|dropped it|behind (?:her|him)|"
    r"achter de rug|uitgepraat|talked it (?:out|through)|geland|landed|gestopt|"
    # (not "stopped trusting": trust lost is the state now)
    r"stopped(?! trusting)|settled|"
    r"helemaal weg|(?:totally|completely|all) gone|"
    r"now (?:she'?s|he'?s) (?:one of the best|(?:very |really )?confident))\b"
)
# "he used to refuse every training, but now he asks for one": a state long past, and then
# the contrast with today (after it in the answer)
_LONG_PAST = re.compile(r"\b(?:" + _LONG_AGO + r")\b")
_NOW = re.compile(
    r"^\W*(?:(?:maar|but)? ?(?:nu|now|sinds|since|inmiddels|tegenwoordig|these days|this year|"
    r"dit jaar|this spring|dit voorjaar)\b|(?:maar|but)\b[^,.;!?]*\b(?:nu|now)\b)"
)
# "the other team is swamped, ours is fine", "de andere afdeling krijgt een nieuw systeem, wij
# niet": what another unit goes through, set against one's own, is no signal
_OTHER_UNIT = re.compile(
    r"\b(?:(?:the|an?) ?other (?:warehouse|branch|team|department|dept|ward|site|location|shop|"
    r"store|unit|floor|office)|next door|andere (?:afdeling|vestiging|locatie|ploeg|team|winkel|"
    r"magazijn|unit)|het andere team|hiernaast|bij de buren)\b"
)
_NOT_US = re.compile(
    r"\b(?:ours|we|we're|us|bij ons|wij|onze?|(?:her|his|our|my) own \w+|(?:haar|zijn|mijn) "
    r"eigen \w+)\b[^,.;]*\b(?:fine|not|isn'?t|aren'?t|haven'?t|hasn'?t|don'?t|doesn'?t|steady|"
    r"niet|geen|rustig|gesmeerd|"
    r"onder controle|valt (?:het )?mee|weinig|doesn'?t affect)\b|\b(?:not us|wij niet|zij niet|"
    r"hij niet|not (?:him|her))\b"
)
# "she wants to move to another department, we're not a good fit": the other unit is where
# someone wants to go, and that is a signal
_GOING_THERE = re.compile(
    r"\b(?:wants?|wil|willen|would like|'d like|zou|graag|move|moving|overstap\w*|transfer\w*|"
    r"join|try|proberen|kijken|naar)\b"
)
# not against learning said outright: "she's not against learning, just not the degree"
_OPEN_TO_LEARN = re.compile(
    r"\b(?:not|niet|isn'?t|is niet) (?:at all |helemaal |echt |really )?"
    r"(?:against|tegen|opposed to) (?:\w+ )?(?:learning|leren|ontwikkel\w*|develop\w*|"
    r"training\w*|courses?|cursus\w*|opleiding\w*|groei\w*|growth|growing)\b"
)
# a wish to develop named outright: "ontwikkelwensen", "leergierig", "eager to learn"
_WANTS_TO_GROW = re.compile(
    r"\b(?:ontwikkelwens\w*|leerwens\w*|leergierig\w*|eager to (?:learn|grow|develop)|"
    r"hungry to learn)\b"
)
# confidence said to be there: "plenty of self-confidence", "veel zelfvertrouwen", "zelfverzekerd"
_CONFIDENT = re.compile(
    r"\b(?:plenty of|lots of|a lot of|loads of|full of|heaps of|veel|genoeg|boordevol|vol) "
    r"(?:self[- ]?)?(?:confidence|zelfvertrouwen)\b|\b(?:zelfverzekerd\w*|self-assured)\b|"
    # "she is (not very) confident": said of the person, not "I'm confident she ..."
    r"\b(?:she|he|they|ze|zij|hij)(?:'s| is| are| was| seems| comes across as)"
    r"(?: not yet| not| nog niet| niet)?"
    r"(?: very| so| that| really| too| overly| all that| always| zo| erg| heel| altijd)?"
    r" (?:confident|zeker van (?:zich)?zelf|sure of (?:her|him|them)sel(?:f|ves))\b"
    r"(?! (?:that|the|it|this|about|whether|of the|of it|dat|het)\b)"
)
_OPPOSITE_SAID = {"low_confidence": _CONFIDENT, "no_development_wish": _WANTS_TO_GROW}
_NOT_INSIDE = re.compile(r"\b(?:not|niet)\b")
# "zijn collega wil promotie", "haar maatje twijfelt": the state or wish of someone else
_OTHER_PERSON = re.compile(r"\b(?:collega|colleague|coworker|teammate|teamgenoot|maatje)s?\b")
_OF_OTHER = re.compile(r" (?:van|of) (?:haar|zijn|her|his|een|a) (?:collega|colleague)")
# "ik ben zelf ook onzeker", "I'd like to broaden myself": the manager about themselves
_FIRST_PERSON = re.compile(r"\b(?:ik|i|i'm|im|i've|i'd|ikzelf)\b")
_REFLEXIVE = re.compile(r"\b(?:zelf|myself|my own|mijn eigen)\b")
# "I was insecure as a new manager", "I'm the one unsure": the manager is the cue's subject
_I_AM = re.compile(
    # (not in a quote of the person: "'ik ben niet goed genoeg' zegt ze", "says 'I'm not ...'")
    r"(?<!['\"])(?<!says )(?<!said )(?<!zegt )(?<!zei )(?<!saying )"
    r"\b(?:i'?m|i am|i was|i felt|ik ben|ik was|ik voel(?:de)? me)"
    r"(?: (?!(?:ze|zij|hij|she|he|her|him|they|dat|that)\b)[\w']+){0,3} $"
)
# "his team lead lacks confidence", "haar zus is onzeker": someone close, not the employee
# (a relative's illness is still the employee's circumstance, so only for wishes and doubts;
# not "her manager", which is the one typing)
_OTHER_CLOSE = re.compile(
    r"(?<!ik ben )(?<!i'm )(?<!i am )(?<!als )(?<!as )"
    r"\b(?:his|her|zijn|haar) (?:buddy|zus|broer|sister|brother|team ?lead|teamleider)\b"
)
# "ik wil dat hij ...", "I'd like her to ...": what the manager wants of the person
_I_WANT_THEM = re.compile(
    r"\b(?:ik (?:wil|wilde|zou (?:graag )?willen|hoop) (?:graag )?dat (?:hij|ze|zij)|"
    r"i(?:'d| would)? (?:like|want|need|love|hope) (?:him|her|them) to)\b"
)
# what the manager says of the person: not of a colleague, not of themselves
_OF_THE_PERSON = {
    "low_confidence", "personal_circumstances", "promotion_unavailable", "horizontal", "stay",
    "no_development_wish", "hidden_talent",
}  # fmt: skip
# a cue inside one of these means something else ("druk bezig", "the client had doubts")
# trust in a thing, not in a person: "vertrouwt het nieuwe systeem niet", "geen vertrouwen meer
# in het nieuwe systeem", "lost faith in the new planning tool", "rebuild trust in the new rota"
_TRUST_IN_THINGS_RE = (
    r"(?:vertrouw\w*|trust\w*|faith) (?:\w+ ){0,2}(?:het|de|the|in de|in het|in the|in) "
    r"(?:nieuwe |new )?(?:\w+ )?"
    r"(?:systeem|system|leverancier|supplier|tool|software|proces|process|machine|klant|client|"
    r"customer|app|portal|robot|rooster|rota|planning|cijfers|numbers|targets|ai|data)\b|"
    # trust between others, or in something new: "they don't trust each other", "customers
    # don't trust the new self-checkouts"
    r"(?:vertrouw\w*|trust\w*) (?:each other|one another|elkaar)\b|"
    r"(?:vertrouw\w*|trust\w*) (?:\w+ )?(?:the|het|de) (?:new|nieuwe)\b|"
    r"(?:customers|klanten|clients|patients|patiënten) (?:\w+ )?(?:don'?t|do not|niet) trust"
)
_NOT_MEANT: dict[str, re.Pattern[str]] = {
    "low_confidence": re.compile(
        # a doubt about a fact or a choice, not about herself ("unsure whether the course...")
        r"(?:unsure|not sure|twijfel\w*|doubts?) (?:whether|if|of|tussen|between)\b"
        r"(?! (?:ze|zij|hij|she|he|i|ik|her|him|(?:her|him|them|my)sel(?:f|ves)|zichzelf)\b)|"
        r"bescheiden (?:salaris|budget|bedrag)|modest (?:salary|budget|amount|pay)|"
        r"(?:unsure|not sure|twijfel\w*) (?:about|over) (?:the |de |het )?(?:\w+ )?(?:budget|"
        r"money|geld|funding|costs?|kosten)|"
        r"(?:klant|client|customer)\w* (?:\w+ )?(?:twijfel\w*|had doubts)|\b(?:i|ik) (?:doubt|"
        r"twijfel)"
    ),
    "workload": re.compile(
        r"(?:schiet|schieten) (?:\w+ )?in de stress|druk bezig|busy (?:with|bee)|drukke (?:tante|"
        r"type|baas)|"
        r"(?:haalt|hits|meets|misses|mist) (?:\w+ ){0,2}deadlines?|deadlines? (?:\w+ ){0,2}"
        r"(?:haalt|gehaald)|bij drukte|when it'?s (?:hectic|busy)|rustig onder druk|"
        r"calm under pressure|(?:ze|zij|she|hij|he) werkt voor twee|"
        # stress from home or money: her circumstances, not the work's pressure
        r"(?:thuis|at home|privé|schuld\w*|geldzorgen|money'?s tight|lost (?:his|her) job|"
        r"scheiding|divorce)\b.{0,40}\bstress\w*|"
        # "een drukke, gezellige collega", "a bit druk, chatty": a temperament, not pressure
        r"druk(?:ke)?,? (?:type|guy|persoon|collega|mannetje|in de (?:groep|goede zin)|"
        r"in the good sense|rooster)|(?:a bit|bit|een beetje|lively,) druk\b|"
        r"chatty and busy|druk(?:ke)?,? (?:\w+ )?(?:gezellig\w*|chatty|kletst|praat)|"
        r"druk(?:temaker| baasje| kind)|praat druk|"
        # pressure sought or enjoyed: "thrives under pressure", "kan goed tegen drukte", "werkt
        # graag onder druk", "likes to keep busy"
        r"(?:thrives?|gedijt|bloeit|werkt graag|works? well|likes? (?:working|to work)|"
        r"(?:kan|can) (?:\w+ )?(?:tegen|handle)|enjoys?|houdt van|heerlijk als|loves?|zoekt "
        r"(?:\w+ )?(?:de )?druk) (?:\w+ ){0,3}(?:pressures?|druk\w*|stress|rush|busy)\w*|"
        r"keeps? (?:\w+ )?busy|(?:busy|druk) (?:mind|street|shop|station)|"
        r"(?:busy|drukke) (?:reception|receptie|winkel)|"
        # pressure at home, not at work: "druk thuis", "stretched thin at home"
        r"(?:druk|hectisch|gekkenhuis|hectic|busy|stretched\w*|stress\w*|juggling) (?:\w+ ){0,2}"
        r"(?:thuis|at home)\b|\b(?:thuis|at home) (?:\w+ ){0,3}(?:druk|hectisch|gekkenhuis|"
        r"hectic|busy)\b|(?:ivf|schuld\w*|verhuizing|verbouwing|divorce)\b.{0,40}\b(?:stress\w*|"
        r"druk)|"
        r"(?:stress\w*|druk) (?:met|with) (?:de |the )?(?:verhuizing|verbouwing|move)|"
        # the manager's own load: "I'm the one who's swamped", "ik heb het zelf druk"
        r"(?:i'?m|i am) the one (?:\w+ ){0,2}(?:swamped|stretched|overloaded|busy|drowning)|"
        r"ik heb (?:het )?zelf (?:\w+ ){0,2}(?:druk|hectisch)\w*|(?:mijn|my) (?:eigen |own )?"
        r"(?:agenda|calendar) (?:\w+ ){0,3}(?:propvol|overvol|vol|full)|"
        # the busy time not yet come: "wordt pas druk in november", "if it gets busy"
        r"(?:als|mocht|if|when|misschien) (?:het )?(?:\w+ ){0,2}(?:druk|busy|hectic|hectisch)\w*|"
        r"(?:wordt|worden|gets?|get) (?:\w+ ){0,2}(?:druk|busy|hectic)|"
        r"(?:drukte|busy season|peak season|piek\w*) (?:\w+ ){0,2}(?:pas|starts?|komt|begins?|"
        r"doesn'?t start|in (?:de|het)? ?(?:najaar|voorjaar|zomer|winter|\w+ber|november))"
    ),
    "double_role": re.compile(
        r"klant\w*beoordeling\w*|(?:customer|client) ratings?|"
        r"(?:ze|zij|she|hij|he) (?:beoordeelt|assesses)|assessment of the|"
        # someone else does the review: "his old manager did his review", "the lead will write
        # her review" (the double role is the manager's own: "I do his review")
        r"\b(?:(?:manager|leidinggevende|boss|baas|lead|teamleider|supervisor|director|directeur|"
        r"colleague|collega|someone|somebody|iemand|matron)\w*|he|she|they) "
        r"(?:(?!i\b|i'm\b|me\b|knows?\b|thinks?\b|says?\b|said\b)[\w']+ ){0,2}?"
        r"(?:write|writes|wrote|writing|do|does|did|doing|finish\w*) (?:her|his) "
        r"(?:annual |yearly |end of year |mid-year )?review"
    ),
    "changing_work": re.compile(
        r"(?:verandert|changes) (?:\w+ ){0,2}(?:van mening|(?:her|his) mind)|"
        r"chang(?:es|ed|ing) the subject|verandert van onderwerp|changing rooms?|"
        # change at home, or automation as a hobby: not the work changing
        r"(?:changes?|changing|veranderingen|verandert|veranderd) (?:\w+ ){0,2}(?:at home|thuis|"
        r"privately|privé)|(?:at home|thuis|privé|privately) (?:\w+ ){0,3}(?:chang\w*|"
        r"verander\w*)|"
        r"(?:home|her|his|could|kan|kon) automat\w*|new (?:starters|hires|joiners|recruits|"
        r"colleagues?|people|staff)|nieuwe (?:collega'?s|mensen|medewerkers)|"
        r"(?:new|nieuwe) koffie ?(?:machine|automaat)|new coffee machine"
    ),
    "promotion_unavailable": re.compile(
        r"dan (?:te )?(?:gaan )?leidinggeven|"
        r"(?:rather than|instead of) (?:\w+ )?(?:lead|manag)\w*|"
        # a talk about someone's career is no wish to move up yet
        r"career (?:convo|conversation|chat|talk|check-in|gesprek)"
    ),
    "personal_circumstances": re.compile(
        r"ziekte ?verzuim|sickness (?:absence|rate)|verzuim|(?:twee|two|\d) (?:zieken|off sick)|"
        # dementia as the work: "aandachtsvelder dementie", "great with dementia pts"
        r"(?:aandachtsvelder|specialist|champion|lead|verpleegkundige|afdeling|unit|ward|care|"
        r"zorg) (?:\w+ )?dementi\w*|dementi\w* (?:care|lead|champion|pts|patients|residents|"
        r"clients|unit|ward|zorg)|dementerende (?:client|cliënt|bewoner|patiënt|ouderen|mensen)"
    ),
    "trust": re.compile(
        # distrust of a thing or another party ("wantrouwt het nieuwe rooster", "suspicious
        # of the new supplier"): not of the manager; "distrust after the reorganisation",
        # "wantrouwig sinds het gedoe" say since when, not of what (a user test)
        r"(?:wantrouw\w*|distrust\w*|suspicious (?:of|about)|argwanend (?:tegenover|over))"
        r"(?!,? (?:me|mij|mijn|my|ons|us)\b),? "
        r"(?:(?!(?:after|since|following|na|sinds|sindsdien|because|door|due)\b)\w+ )?"
        r"(?:the|het|de|our|onze|een|a|an|"
        r"head office|hoofdkantoor)\b|"
        r"(?:\w+ ){0,2}(?:klant|client|customer|hoofdkantoor|head office|patiënten|patients|"
        r"families|familie|relatives|leverancier|supplier)\w* (?:\w+ )?(?:is |are |zijn )?"
        r"(?:suspicious|wantrouwig|argwanend)|"
        r"conflict\w* (?:met|with) (?:de|die|the|a) (?:klant|client|customer)|"
        r"(?:spanning|tension) (?:in|on) (?:het|the) team|"
        r"(?:careful|voorzichtig) (?:\w+ ){0,5}(?:klant\w*|clients?|customers?|patiënt\w*)|"
        + _TRUST_IN_THINGS_RE
    ),
    "hidden_talent": re.compile(
        r"(?:het )?bleek dat (?:de|het|er)|turn(?:s|ed) out (?:that )?(?:the|there|it)\b|"
        r"in (?:het|t) weekend (?:\w+ )?(?:mail\w*|werk\w*|bereikbaar)|"
        r"(?:works?|emails?|mails?) (?:\w+ ){0,2}(?:at the weekend|on weekends)|"
        r"(?:we|ze|they) doen er toch niks mee"
    ),
    "horizontal": re.compile(
        r"(?:gaat|goes|going|move|moving) (?:\w+ ){0,2}(?:to|naar) (?:the|de) cloud|"
        r"samen(?:werk\w*)? met (?:een |het )?ander\w* team|(?:works?|working) (?:closely )?with "
        r"(?:an)?other team|afwisseling genoeg|genoeg afwisseling|plenty of variety|enough variety"
    ),
    "no_development_wish": re.compile(
        # "no training budget left": what there is, not what the person wants
        r"(?:no|geen) (?:\w+ )?(?:training|courses?|cursus\w*|opleiding\w*) (?:budget|money|"
        r"funds?|geld|left|available|over|beschikbaar|planned|gepland|spend\w*|uitgaven)|"
        # the employer refusing the money: "finance says no to every training request"
        r"(?:finance|financiën|hr|head office|hoofdkantoor|the board|directie|controller)\w* "
        r"(?:\w+ ){0,2}(?:said|says|zegt|zei) (?:no|nee)(?: (?:to|tegen|op) \w+)?|"
        r"nothing to do with (?:me|mij)|\b(?:ik|i) (?:\w+ ){0,3}(?:weigerde|refused|turned down)|"
        r"(?:geen behoefte aan|no need for) (?:\w+ )?(?:overleg|meetings?|to worry)|"
        r"geen zin in (?:de |het )?(?:kerst\w*|borrel|feest\w*|uitje)|"
        r"not keen on the (?:christmas|party)|"
        # not wanting one step (leading, a promotion) is not refusing to develop
        r"(?:not interested|no interest|geen interesse|geen zin) in (?:\w+ ){0,2}(?:manag\w*|"
        r"lead\w*|leidinggev\w*|leiding geven|promoti\w*|team ?lead\w*|teamleider\w*|tl\b|"
        r"moving up|hogerop|doorgroei\w*|supervis\w*|ploegleider\w*|chef\b)|"
        # one course refused, not learning: "doesn't want the leadership training", "die
        # excelcursus wil ze niet"
        r"(?:leadership|management|leiderschaps|excel|time management)\w*(?: course| training| "
        r"cursus| track)?|ziet (?:het )?nut niet van (?:het|de) nieuwe"
    ),
}
# said anywhere in the answer, these take a signal back ("we use that here too")
# the manager's trust in the person ("dat ik vaker laat merken dat ik vertrouwen in haar heb",
# "I trust him"): said where no distrust is, it speaks against a reading of distrust
_I_TRUST = re.compile(
    r"\bik (?:heb )?(?:\w+ )?vertrouwen in (?:haar|hem)|\bik vertrouw (?:haar|hem)\b|"
    r"\bi (?:really |fully |completely )?(?:trust|believe in) (?:her|him)\b|"
    r"\b(?:my|mijn) (?:trust|vertrouwen) in (?:her|him|haar|hem)\b"
)
# afraid of losing the job, not unsure of oneself: "bang dat haar baan verdwijnt"
_JOB_FEAR = re.compile(
    r"\b(?:bang|angst|zorgen|ongerust|afraid|scared|worried|fears?|anxious|terrified)\b"
    r"(?:(?:\s+\w+){0,3}?\s+(?:voor|dat|om|of|for|that|about)\s+(?:\w+\s+){0,2}"
    r"(?:haar|zijn|z'n|hun|her|his|their)\s+(?:baan|werk|functie|plek|job|role|position)\b|"
    # "scared the self checkouts will make her redundant", "bang dat ze boventallig wordt"
    r"(?:\s+[\w'-]+){0,8}?\s+(?:redundan\w*|boventallig|ontslagen|laid off|"
    r"los(?:e|es|ing) (?:her|his|their) job))"
)
_WAVED_FOR: dict[str, re.Pattern[str]] = {
    # another wish to learn said beside the refusal: "wil wel meelopen met finance", "would love
    # to learn some coding", "wants a proper qualification instead"
    "no_development_wish": re.compile(
        r"\b(?:keen to learn|would love to learn|wants? to learn more|wil (?:wel|liever|graag) "
        r"(?:\w+ ){0,3}(?:leren|meelopen)|(?:ze|hij) wil van alles|wants a (?:proper|technical)|"
        r"instead|otherwise keen|asking about courses|asked me for a course|"
        r"wel om (?:haar|zijn) vak)\b"
    ),
    "hidden_talent": re.compile(
        r"\b(?:we use (?:that|it|this|her)|gebruiken we (?:al|ook)|zetten we (?:\w+ ){0,3}in|"
        r"(?:dat )?weet iedereen|everyone knows|(?:hobby'?s|hobbies)\W+(?:weet ik niet|"
        r"geen idee|dunno|no idea|don'?t know)|(?:doet|does|do) (?:ze |she |he |hij )?"
        r"(?:niet veel|niks|niets|not much|much)\b)"
    ),
    "promotion_unavailable": re.compile(
        r"\b(?:al|already|net|just) (?:\w+ )?(?:gepromoveerd|promoted)|got promoted|"
        r"(?:is|was) (?:\w+ )?gepromoveerd\b"
    ),
    "double_role": re.compile(
        r"\b(?:ik word|i'?m being|i am being|i get) (?:\w+ )?(?:beoordeeld|assessed|rated|"
        r"reviewed)|"
        r"(?:ik coach alleen|puur coach|i just coach|only (?:the |her )?coach)\b|"
        r"(?:that'?s|dat is) (?:\w+ )?not the case|niet het geval"
    ),
    "changing_work": re.compile(
        r"\b(?:nothing'?s changing|niks verandert|niets verandert|same as ever|"
        r"blijft (?:alles )?hetzelfde|stays the same|"
        # the change called off or long done: "the merger fell through", "the migration was
        # finished in 2020", "new till system last year, runs smoothly now"
        r"cancell?ed|called off|shelved|fell through|collapsed|nothing came of it|never came|"
        r"never happens|not going ahead|done and dusted|(?:is|was|were) (?:\w+ )?(?:finished|"
        r"completed|afgerond)|(?:years?|jaar|jaren) (?:ago|geleden)|long ago|lang geleden|"
        r"runs? smoothly|(?:now |nu )?routine|used to (?:it|them)|(?:inmiddels|al|"
        r"aan elkaar) gewend|"
        r"old news|keep(?:ing)? (?:the|our) (?:current|old)|(?:met|houden) de oude|geparkeerd|"
        r"postponed|uitgesteld|"
        r"nothing (?:has )?changed|nothing changes|hasn'?t reached|carry on as|keeping the old|"
        r"er niet komt|maakt (?:het )?niks uit|(?:blijft|blijven) (?:precies )?(?:hetzelfde|"
        r"zoals het is)|stays? as (?:it|they) (?:is|are))\b"
    ),
    "workload": re.compile(
        r"\b(?:(?:never|nooit) (?:\w+ ){0,4}(?:complain\w*|geklaagd|klaagt|issues?|problems?|"
        r"last (?:gehad )?van)|nothing (?:unusual|out of the ordinary)|"
        r"is eraf|van de ketel|off the boil|"
        r"(?:is|it'?s) (?:het |it )?(?:nu |now )?(?:pretty |best |heel )?"
        r"(?:quiet|rustig|kalm|chill)|"
        # the pressure is over, or someone else's: "mine is ok", "bij ons valt het mee"
        r"(?:werkdruk|workload|druk|pressure|backlog|achterstand) (?:is )?(?:(?!niet |not )\w+ )?"
        r"(?:gezakt|"
        r"gedaald|prima|normaal|normal|fine|ok|cleared|leeg|weggewerkt|down|manageable)|"
        r"(?:mine|my team|ours|bij ons|wij|we) (?:is |are |zijn |hebben |have |merken )?"
        r"(?:\w+ ){0,2}(?:ok|fine|prima|rustig|genoeg mensen|enough (?:people|staff)|"
        r"weinig van|valt (?:het )?mee|niks van|nothing of)|(?:vindt|finds) (?:het )?(?:wel )?"
        r"meevallen|pas (?:over|in)|not until|"
        # busy in a good way
        r"in a good way|in de goede zin|that'?s what we love|zo hoort het|we love it|"
        r"thrives? (?:on|when)|(?:gezellig|leuk|lekker) druk|good vibe|"
        # the busy time over: "the busy season is over", "drukte voorbij", "behind us"
        r"behind us|achter de rug|(?:is|zijn) (?:nu |inmiddels )?(?:weer )?(?:voorbij|over)|"
        r"(?:drukte|piek|rush|busy (?:season|period)|peak) (?:\w+ ){0,2}(?<!never )"
        r"(?:voorbij|over|ended)|"
        r"back to normal|weer normaal|weggewerkt|(?:fully )?cleared|calmed down|"
        r"(?:hebben|heeft|we'?ve got|got|have) (?:\w+ )?(?:weer )?(?:lucht|breathing "
        r"(?:room|space))|"
        r"(?:ruimte|room) (?:zat|genoeg)|(?<!achter )op schema|goed op koers|well prepared|"
        r"(?:krap|busy|druk|tight) (?:\w+ )?(?:maar|but) (?:\w+ )?(?:haalbaar|manageable|"
        r"goed te doen|prima te doen|nothing (?:she|he) can'?t handle)|"
        r"(?:she'?s|he'?s|ze is|hij is) on top of it|"
        r"(?:houdt|heeft) (?:het|t) (?:\w+ )?(?:bij|in de hand|onder controle))\b"
    ),
    "low_confidence": re.compile(
        # modest or shy, but sure of her worth: "bescheiden, maar kent haar kwaliteiten"
        r"\b(?:knows? (?:her|his) (?:stuff|worth|value|strengths)|knows (?:she|he)'?s good|"
        r"weet (?:heel goed |precies )?wat (?:ze|zij|hij) (?:waard is|kan|waard)|"
        r"kent (?:haar|zijn) (?:eigen )?kwaliteiten|stevig in (?:haar|zijn) schoenen|"
        r"twijfelt niet aan (?:zichzelf|haar kunnen|zijn kunnen)|insecure,? no\b|"
        r"zelfverzekerd|self-assured|zeker van (?:haar|zijn) zaak)"
    ),
    "trust": re.compile(
        # open with the manager after all: "niet mij hoor", "with me she's completely open"
        r"\b(?:niet (?:tegen )?mij(?: hoor)?\b|not me\b|mij vertrouwt (?:ze|hij) wel|"
        r"(?:tegen|met|with) (?:mij|me) (?:is (?:ze|hij) |praat (?:ze|hij) |(?:she|he)'?s )?"
        r"(?:\w+ )?(?:wel )?(?:eerlijk|open|makkelijk|easily|honest)|"
        r"(?:talks?|praat) (?:\w+ )?(?:freely|openly|vrijuit|open)|we talk openly|"
        r"(?:voelt (?:ze|hij) zich|feels) (?:\w+ )?(?:veilig|safe)|"
        r"(?:goed |samen (?:goed )?)?hersteld|restored|(?:fixed|repaired|mended) (?:things|it)|"
        r"deelt (?:\w+ ){0,3}met (?:me|mij)|shares? (?:\w+ ){0,3}with me|"
        r"known each other for (?:ages|years)|"
        # "met de vorige leidinggevende had ze een vertrouwensprobleem, met mij klikt het goed"
        r"(?:met|with) (?:mij|me) (?:klikt|clicks|gaat|goes) (?:het |it )?(?:\w+ )?(?:goed|prima|"
        r"fine|well)|"
        # "er was een tijd wantrouwen na de verhuizing, maar dat is nu opgelost"
        r"(?:dat|het|that|it) is (?:nu |inmiddels |now )?(?:opgelost|resolved|sorted)|"
        # closed to others, open to the manager: "but she does to me", "bij mij laat ze wel ..."
        r"(?:she|he) does (?:to|with) me|bij (?:mij|me) (?:\w+ ){0,2}wel\b)"
    ),
}
# trust is said to be missing in so many words: these count only when denied
_DENIED_TRUST = re.compile(
    r"\b(?:serieus genomen|gehoord|gesteund|steunde|opkom\w*|stand(?:s)? up for|"
    r"veilig bij (?:mij|me)|take[sn]? (?:her|him) seriously|"
    r"heard|supported|backed|back (?:her|him) up|safe (?:with me|admitting|to))\b"
)
_TRUST_IN_THINGS = re.compile(_TRUST_IN_THINGS_RE)


_SENTENCE_END = re.compile(r"[.!?\n]")


# "ik vraag me af of ze ...", "I want to find out whether she ...": a question put as a statement
_FACT_SAID = re.compile(r"\b(?:nu(?: dat)?|omdat|doordat|sinds|want|now that|because|since)\b")
_WONDER = re.compile(
    r"\b(?:vraag (?:me|mij|ik me) af|wil (?:graag )?weten|benieuwd|weet (?:ik )?niet|"
    r"uitzoeken|achterhalen|wonder(?:ing)?|want to (?:know|find out)|find out|not sure|"
    r"don'?t know|unsure)\s+(?:of|if|whether|wat|what|hoe|how)\b"
)


def _asked(low: str, clause: str, offset: int, at: int) -> bool:
    """Whether the sentence holding position ``at`` of ``clause`` (which starts at ``offset``
    in ``low``) is a question ("zou ze promotie willen?"), or the clause before it puts one as
    a statement ("ik vraag me af of ze promotie wil")."""
    ends = _spans(_SENTENCE_END, low)
    n = bisect_left(ends, (offset + at, 0))
    if n < len(ends) and low[ends[n][0]] == "?":
        return True
    wondered = [end for _, end in _spans(_WONDER, clause) if end <= at]
    # "ik wil weten hoe hij erin staat nu de planning geautomatiseerd wordt": what follows
    # "nu", "omdat", "now that" is told as a fact, not wondered about
    return bool(wondered) and not _FACT_SAID.search(clause, wondered[-1], at)


@lru_cache(maxsize=1024)
def _spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    """Where ``pattern`` matches in ``text``, found once per text: a clause full of cues is then
    searched once per pattern, not once per cue (which made a long answer quadratic)."""
    return tuple(m.span() for m in pattern.finditer(text))


def _said_before(pattern: re.Pattern[str], clause: str, at: int) -> bool:
    """Whether ``pattern`` matches in ``clause`` before position ``at``."""
    return any(end <= at for _, end in _spans(pattern, clause))


def _someone_else(clause: str, cue: re.Match[str], tag: str) -> bool:
    """Whether the cue is said of a colleague, or the manager says it of themselves."""
    if tag not in _OF_THE_PERSON:
        return False
    at = cue.start()
    if _said_before(_OTHER_PERSON, clause, at) or _OF_OTHER.match(clause, cue.end()):
        return True
    if tag != "personal_circumstances" and (
        _said_before(_OTHER_CLOSE, clause, at)
        or _I_AM.search(clause[max(0, at - _LOOK_BACK) : at])
    ):
        return True
    # (staying is a wish the manager's "I want her to stay" shares with her)
    if tag in _WISHES and _said_before(_I_WANT_THEM, clause, at):
        return True  # "ik wil dat hij meer verantwoordelijkheid neemt": the manager's wish
    return bool(_spans(_FIRST_PERSON, clause) and _spans(_REFLEXIVE, clause))


# "de werkdruk is niet hoog", "the workload isn't high": a denial right after the cue, by way
# of "is"; "is niet te doen", "niet normaal" and "not sustainable" say the opposite, "niet
# alleen" or "not only" deny nothing, and "het nieuwe systeem niet bijhoudt" denies the verb
_DENIED_AFTER = re.compile(
    r"^\W*(?:(?:(?:is|zijn|was|lijkt|lijken|blijft|are|seems)\s+(?:hier\s+|nu\s+|echt\s+|"
    r"really\s+|here\s+|now\s+)?(?:niet|nooit|not|never))|isn'?t|aren'?t|wasn'?t)\b"
    r"(?!\s+(?:alleen|only|meer te|te doen|normaal|houdbaar|vol te houden|te harden|"
    r"uit te houden|in verhouding|manageable|sustainable|doable|bearable|normal|ok\b|okay))"
)
_ASSESS_DENIED = re.compile(r"^\s+(?:hem|haar|ze|hen|die)\s+(?:ook\s+)?(?:niet|nooit)\b")
# "ze twijfelt niet": a doubt denied by the verb's own "niet" ("ze durft niet" is no denial)
_DOUBT_DENIED = re.compile(r"^\s+(?:niet|nooit)\b(?!\s+(?:alleen|meer))")


def _denied_after(clause: str, cue: re.Match[str]) -> bool:
    """Whether the cue is denied right after it ("werkdruk is niet hoog", "twijfelt nooit").

    >>> text = "de werkdruk is niet hoog"
    >>> _denied_after(text, re.search("werkdruk", text))
    True
    >>> text = "de werkdruk is niet te doen"
    >>> _denied_after(text, re.search("werkdruk", text))
    False
    >>> text = "ik beoordeel hem niet"
    >>> _denied_after(text, re.search("beoordeel", text))
    True
    """
    rest = clause[cue.end() :]
    if cue.group().startswith("twijfel") and _DOUBT_DENIED.match(rest):
        return True
    # "ik beoordeel hem niet": the Dutch "niet" after the person assessed
    if cue.group().startswith("beoordee") and _ASSESS_DENIED.match(rest):
        return True
    return bool(_DENIED_AFTER.match(rest))


def _not_meant(clause: str, cue: re.Match[str], tag: str) -> bool:
    """Whether the cue sits inside a phrase that means something else."""
    pattern = _NOT_MEANT.get(tag)
    return pattern is not None and any(
        start <= cue.start() < end or cue.start() <= start < cue.end()
        for start, end in _spans(pattern, clause)
    )


def clock_time(low: str, start: int, end: int, value: int | None = None) -> bool:
    """Whether the hours said at ``low[start:end]`` (lower case) are a time of day: after "om",
    "tot", "at", "till"; or after "voor", "na", "before", "after" with a clock's figure ("15u",
    "3 uur 's middags") or, given its ``value``, an hour of the day where no hours worked are
    said ("niet na 15 uur", but "werkt voor 24 uur" is hours).

    >>> [clock_time(t, 3, len(t), v) for t, v in (("om 5 uur", 5), ("na 15u", 15))]
    [True, True]
    >>> clock_time("ze werkt voor 24 uur", 14, 20, 24), clock_time("voor 4 uur", 5, 10)
    (False, False)
    """
    near = low[max(0, start - 8) : start]
    if _CLOCK.search(near):
        return True
    if not _CLOCK_MAYBE.search(near):
        return False
    worked = _WORKED.search(low[max(0, start - 30) : start])
    return bool(
        re.match(r"\d+[uh]\b", low[start:end])
        or _TIME_OF_DAY.match(low, end)
        or (value is not None and value <= LAST_CLOCK_HOUR and not worked)
    )


def _number(raw: str) -> int | None:
    if raw in _WORD_NUMBERS:
        return _WORD_NUMBERS[raw]
    digits = re.sub(r"[.,](?=\d{3}\b)", "", raw).split(",")[0].split(".")[0]
    return int(digits) if digits.isdigit() else None


def _thousands(raw: str) -> int | None:
    """ "1,8k" and "1.8k" are 1800."""
    try:
        return round(float(raw.replace(",", ".")) * 1000)
    except ValueError:
        return None


_POUNDS = re.compile(r"£|\b(?:pounds?|quid|gbp)\b", re.I)
_DOLLARS = re.compile(r"\$|\b(?:dollars?|usd)\b", re.I)


def currency_of(text: str) -> str:
    """The currency sign an answer's amounts are in: euros unless pounds or dollars are said.

    >>> currency_of("budget of £500"), currency_of("750 euro"), currency_of("1500 for a course")
    ('£', '€', '€')
    """
    if _POUNDS.search(text):
        return "£"
    return "$" if _DOLLARS.search(text) else "€"


def facts_of(text: str) -> dict[str, int]:
    """Team size, budget (in the currency of ``currency_of``) and hours per week, when the
    text states them."""
    low = normalise(text)
    facts: dict[str, int] = {}
    for m in _AMOUNT.finditer("" if _OTHER_MONEY.search(low) else low):
        # each form has a number group (a, b, ...) and its "k" group (ak, bk, ...)
        raw = next(v for k, v in m.groupdict().items() if len(k) == 1 and v)
        thousands = any(v for k, v in m.groupdict().items() if len(k) == 2 and v)
        amount = _thousands(raw) if thousands else _number(raw)
        if amount is not None:
            facts.setdefault("budget", amount)
    if "budget" not in facts and _ZERO_BUDGET.search(low):
        facts["budget"] = 0
    size = _team_size(low)
    if size is not None:
        facts["team_size"] = size
    hours = _hours(low)
    if hours is not None:
        facts["hours"] = hours
    return facts


def _team_size(low: str) -> int | None:
    """The people the manager leads, from the first pattern that says so; people missing
    ("we're short 3 people") are not the team."""
    for pattern in _TEAM_SIZE:
        for said in pattern.finditer(low):
            size = _number(said.group("n"))
            around = low[max(0, said.start() - 12) : said.end() + 12]
            if size and size > 1 and not _PEOPLE_MISSING.search(around):
                return size
    return None


def _hours(low: str) -> int | None:
    """Hours a week, not a time of day ("begint om vijf uur"); "een uur per dag" is five a
    week, and hours a month or a year are no weekly figure ("4 hrs a month").

    >>> _hours("4 uur per week"), _hours("1 uur per dag"), _hours("i can give him 4 hrs a month")
    (4, 5, None)
    >>> _hours("niet na 15u hoeft te blijven"), _hours("2 hrs paid training time on shift")
    (None, None)
    >>> _hours("werkt 3 dagen, max 24 uur"), _hours("28h; husband had a stroke")
    (24, 28)
    >>> _hours("ze werkt voor 24 uur"), _hours("aangesteld voor 32 uur"), _hours("voor 15u weg")
    (24, 32, None)
    """
    for said in _HOURS.finditer(low):
        value = _number(said.group("n"))
        if not value:
            continue
        period = _PERIOD.match(low, said.end())
        if period and period.group("long"):
            continue
        if period and period.group("day"):
            value *= 5  # a working week
        elif not said.group("week"):
            # no "a week": a time of day ("na 15u") or an amount ("2 hrs training") is none
            if clock_time(low, said.start(), said.end(), value):
                continue
            before = low[max(0, said.start() - 30) : said.start()]
            if value < BARE_WEEK_HOURS and not _WORKED.search(before):
                continue
        if value <= 60:
            return value
    return None


# what follows hours: a day (five a week) or a month or a year (no weekly figure)
_PERIOD = re.compile(
    r"\s*(?:(?P<day>(?:per|a|in de|each|every|elke)\s+(?:dag|day|werkdag|working day)|daily|"
    r"dagelijks)|(?P<long>(?:per|a|in de|each|every|elke|/|p/?)\s*(?:maand|month|m\b|jaar|"
    r"year|kwartaal|quarter)|monthly|maandelijks))\b"
)


def _trust_said_low(clause: str, low: str, offset: int) -> list[int]:
    """Where the clause says trust is low ("weinig vertrouwen", "not heard by me")."""
    if _aside_or_asked(clause, low, offset) or _WAVED_AWAY.search(clause):
        return []
    trust = _TRUST_WORD.search(clause)
    if trust and _not_that(clause, trust.start()):
        return []  # "it's not that he doesn't trust me"
    said_low = trust and _TRUST_LOW.search(clause) and "zelfvertrouwen" not in clause
    if trust and said_low and not _TRUST_IN_THINGS.search(clause):
        return [trust.start()]
    denied = _DENIED_TRUST.search(clause)
    if denied and _negated_before(clause, denied.start()):
        return [denied.start()]
    return []


def _aside_or_asked(clause: str, low: str, offset: int) -> bool:
    past = bool(_PAST.search(clause) and _spans(_OVER, low))
    return past or _asked(low, clause, offset, 0)


# "its not that she doesnt want to learn", "het is niet zo dat hij niet wil leren" (user
# tests): what follows is denied as a whole, its own "not" included (a double negation)
_NOT_THAT = re.compile(
    r"(?<![\w'])(?:(?:(?:it'?s|its|it is|it was|het is|'?t is)\s+(?:ook\s+|also\s+)?"
    r"(?:not|niet)|it isn'?t|it wasn'?t)\s+(?:zo\s+|zozeer\s+)?(?:that|dat)|"
    r"^(?:not|niet)\s+(?:zo\s+)?(?:that|dat))\b"
)


def _not_that(clause: str, at: int) -> bool:
    """Whether the cue at ``at`` follows "it's not that", "het is niet zo dat" in its clause, or
    a clause's "not that" is followed by a negation ("not that she doesn't want to learn"); a
    bare "not that he cares" is itself a cue of no wish to develop.

    >>> _not_that("het is niet zo dat hij niet wil leren", 22)
    True
    >>> _not_that("not that she'd want a course anyway", 0)
    False
    """
    # found once per clause, however many cues it holds (a search per cue was quadratic)
    frames = _spans(_NOT_THAT, clause)
    if not frames or at < frames[0][0]:
        return False
    if at >= frames[0][1]:
        return True
    return any(w in _NEGATORS for w in re.findall(r"[a-zà-ÿ']+", clause[frames[0][1] :]))


# "niet onzeker, wel wat bescheiden", "not shy, just quiet": a milder word after a denial
_SOFTENED = re.compile(r"[,;]?\s(?:maar\s)?(?:wel|alleen|gewoon|just|only|but|a bit|wat)\s")
_SOFTENED_WITHIN = 40  # characters from the denied cue


# "ik ben maar chauffeur", "noemt zichzelf maar een ...": no contrast, so not split there
_ONLY_ME = re.compile(r"\b(ik ben|zichzelf) maar\b")


def read(text: str) -> Reading:
    """The signals and facts of one answer."""
    low = _ONLY_ME.sub(r"\1 slechts", normalise(text))
    reading = Reading(facts=facts_of(text))
    found: list[tuple[int, str]] = []
    negated: set[str] = set()
    denied_at: list[tuple[int, str]] = []  # where a cue was denied ("niet onzeker")
    offset = 0
    elsewhere = _OTHER_UNIT.search(low) and _NOT_US.search(low)
    away: list[tuple[int, int]] = []  # what another team goes through, not this one
    clauses = _clauses(low)
    live = _live_cues(clauses)
    for clause in clauses:
        offset = low.find(clause, offset)
        if elsewhere and _OTHER_UNIT.search(clause) and not _GOING_THERE.search(clause):
            away.append((offset, offset + len(clause)))
            continue
        waved = _WAVED_AWAY.search(clause)
        scoped = _NO_NEED.match(clause)
        aside = (_PAST.search(clause) and _spans(_OVER, low)) or (
            _LONG_PAST.search(clause) and _NOW.search(low[offset + len(clause) :])
        )
        for tag, patterns in live:
            for pattern in patterns:
                for m in pattern.finditer(clause):
                    if (
                        aside
                        or _asked(low, clause, offset, m.start())
                        or _someone_else(clause, m, tag)
                    ):
                        continue  # a past state, a question to oneself, someone else's
                    if _not_meant(clause, m, tag):
                        continue
                    # the cue of a denied need is itself the signal, not negated by it
                    denied = scoped and tag != "no_development_wish"
                    if tag == "promotion_unavailable" and _NO_OPENING.search(clause):
                        found.append((offset + m.start(), tag))  # the "no" is the signal
                        continue
                    taken_back = tag in _WAVED_FOR and _spans(_WAVED_FOR[tag], low)
                    if (
                        _negated_before(clause, m.start(), tag == "changing_work")
                        or _not_that(clause, m.start())
                        or _denied_after(clause, m)
                        or waved
                        or denied
                        or taken_back
                    ):
                        negated.add(tag)
                        denied_at.append((offset + m.start(), tag))
                        continue
                    found.append((offset + m.start(), tag))
        money = None if _OTHER_MONEY.search(clause) else _MONEY.search(clause)
        if _COSTS_NOTHING.search(clause):
            money = None
            negated.add("no_budget")
        if money and _MONEY_UNNEEDED.search(clause):
            # "geen budget nodig, de training is intern": no money is short, none is there
            money = None
            negated.add("no_budget")
        if money and _money_unknown(clause, money) and not _MONEY_DENIED.search(
            clause[: money.start()]
        ):
            money = None  # "budget weet ik nog niet": neither there nor missing
            # said so, the model cannot read it as either ("budget for a course i need to
            # check with finance" read as budget available: its vector sits by "there is")
            negated.update(("budget_available", "no_budget"))
        if money and _negated_before(clause, money.start()) and _MONEY_PROBLEM.match(
            clause, money.start()
        ):
            # "no budget problems", "geen budgetproblemen": the problem is denied, not the money
            found.append((offset + money.start(), "budget_available"))
            negated.add("no_budget")
        elif money:
            if _not_that(clause, money.start()) and _negated_before(clause, money.start()):
                found.append((offset + money.start(), "budget_available"))  # "niet dat er geen"
            elif not _negated_before(clause, money.start()) and _WAVED_AWAY.search(clause):
                found.append(
                    (offset + money.start(), "budget_available")
                )  # "geld is geen probleem"
            elif _negated_before(clause, money.start()) or any(
                # "the budget hasn't run out": a word of none denied is none
                not _negated_before(clause, none.start())
                for none in _MONEY_NONE.finditer(clause)
            ):
                found.append((offset + money.start(), "no_budget"))
            elif _MONEY_SOME.search(clause) or _AMOUNT.search(clause):
                found.append((offset + money.start(), "budget_available"))
        found.extend((offset + at, "trust") for at in _trust_said_low(clause, low, offset))
    # the opposite of a signal said outright ("zelfverzekerd", "haar ontwikkelwensen") denies
    # it; the opposite denied ("niet zelfverzekerd") is the signal itself
    sure: set[str] = set()
    for tag, opposite in _OPPOSITE_SAID.items():
        for m in opposite.finditer(low):
            if _asked(low, low, 0, m.start()):
                continue
            # the negation may stand inside what is said: "she is not very confident"; one in
            # the clause before is about something else ("no double role, she is confident")
            since = max(low.rfind(mark, 0, m.start()) for mark in ",;.!?") + 1
            if _negated_before(low[since:], m.start() - since) or _NOT_INSIDE.search(m.group()):
                found.append((m.start(), tag))
                sure.add(tag)
            else:
                negated.add(tag)
    # a situation said by its own name and degree ("weinig zelfvertrouwen", "werkdruk is
    # hoog") holds, however the rest of a long answer reads to the model
    for tag, named_outright in _SAID_OUTRIGHT.items():
        for m in named_outright.finditer(low):
            since = max(low.rfind(mark, 0, m.start()) for mark in ",;.!?") + 1
            if not _negated_before(low[since:], m.start() - since) and not _asked(
                low, low, 0, m.start()
            ):
                found.append((m.start(), tag))
                sure.add(tag)
    if len(low.split()) <= _BARE:
        for tag, topic in _BARE_TOPICS.items():
            named = topic.search(low)
            if (
                named
                and tag not in negated  # "veel zelfvertrouwen"
                and not _negated_before(low, named.start())
                and not _denied_after(low, named)
                and not _WAVED_AWAY.search(low)
            ):
                found.append((named.start(), tag))
    if away:  # (said outright or by its opposite there too: "the workload is heavy there")
        found = [(p, t) for p, t in found if not any(a <= p < b for a, b in away)]
        sure &= {t for _, t in found}
    # "niet onzeker, wel bescheiden": what softens a denied cue right after it is no signal
    softened = {
        (p, t)
        for p, t in found
        for q, d in denied_at
        if d == t and 0 < p - q <= _SOFTENED_WITHIN and _SOFTENED.search(low[q:p])
    }
    if softened:
        found = [f for f in found if f not in softened]
        negated.update(t for _, t in softened)
    if reading.facts.get("budget") == 0:
        found = [(p, t) for p, t in found if t != "budget_available"]
        found.append((len(low), "no_budget"))
    elif "budget" in reading.facts and not any(t == "no_budget" for _, t in found):
        found.append((len(low), "budget_available"))
    if reading.facts.get("team_size", 0) >= LARGE_TEAM:
        found.append((len(low), "large_team"))
    if "double_role" in {t for _, t in found} and ASSESSED_BY_OTHERS.search(low):
        found = [(p, t) for p, t in found if t != "double_role"]
        negated.add("double_role")
    elif "double_role" in {t for _, t in found} and _I_ASSESS.search(low):
        sure.add("double_role")
    for _, tag in sorted(found):
        if OPPOSITES.get(tag) in reading.signals:
            reading.signals.remove(OPPOSITES[tag])
        if tag not in reading.signals:
            reading.signals.append(tag)
    if "trust" not in reading.signals and _I_TRUST.search(low):
        negated.add("trust")
    if "low_confidence" not in reading.signals and _JOB_FEAR.search(low):
        negated.add("low_confidence")  # fear for one's job is no doubt about oneself
    if "no_development_wish" not in reading.signals and _OPEN_TO_LEARN.search(low):
        negated.add("no_development_wish")  # "not against learning, just not the degree"
    reading.negated = [t for t in SIGNALS if t in negated and t not in reading.signals]
    reading.sure = [t for t in reading.signals if t in sure]
    return reading


def read_all(answers: list[str]) -> Reading:
    """The signals and facts of several answers together (the first fact stated wins)."""
    total = Reading()
    for answer in answers:
        total.add(read(answer))
    return total


def ranked(tags: list[str]) -> list[str]:
    """Signals about the person before signals about the team, in reading order otherwise."""
    return sorted(tags, key=lambda t: (t not in PERSON_SIGNALS, tags.index(t)))


_WORRY = re.compile(
    r"\b(?:teleurgesteld\w*|teleurstell\w*|baalt?|balen|zorgen|bezorgd|bang|ongerust|"
    r"gefrustreerd|frustratie|jammer|boos|onzeker over|disappointed|disappointment|worr\w*|"
    r"concerned|afraid|upset|frustrat\w*|gutted|anxious|unhappy|ontevreden|"
    # feeling overlooked or hurt: "felt passed over when Sara got the role"
    r"passed over|overlooked|left out|let down|hurt|gekwetst|gepasseerd|overgeslagen|"
    r"gestrest|stressed|nervous|zenuwachtig|verdrietig|sad|annoyed|geïrriteerd|irritated|"
    # something she dreads: "vindt het nieuwe kassasysteem eng", "scared of the new scanners"
    # (not the "eng" of "the eng team": only what someone finds or calls scary)
    r"(?:vindt|vond|is|was|erg|heel|best|zo|te|wel) (?:\w+ ){0,3}?eng|"
    r"ziet (?:er ?)?(?:\w+ ){0,3}tegen ?op|scared|scary|dreads?|dreading|"
    # tears and defensiveness: "she teared up", "hij schoot in de verdediging" (tears at a
    # good moment are none: see _GOOD_MOMENT); "emotional" with what it was about ("she got
    # emotional when we talked about her dad"): the reflection passes a bare "she got a bit
    # emotional" on without the "felt good" said after it (a user test)
    r"teared up|tearful|in tears|cried|crying|huilde|moest huilen|in tranen|tranen|"
    r"(?:emotioneel|emotional)(?= (?!intelligen)[a-zà-ÿ])|broke down|defensive|defensief|"
    r"in de verdediging|"
    # distrust and anger: "hij was eerst kortaf en wantrouwig", "he was guarded at first, said
    # management never listens" (user tests: no follow-up)
    r"wantrouw\w*|argwan\w*|achterdocht\w*|kortaf|guarded|suspicious|distrust\w*|"
    r"mistrust\w*|wary|angry|cynical|cynisch|bitter|verbitterd|"
    r"(?:never|nooit) (?:\w+ )?(?:listens?|luistert|luisteren)|"
    r"(?:nobody|no one|niemand) (?:\w+ )?(?:listens|luistert)|"
    # what the talk might cost her: "asked if the appraisal will count it against her"
    r"asked (?:if|whether) (?:\w+ ){0,8}?(?:count\w*|against|affect\w*|lose|job)|"
    r"vroeg of (?:\w+ ){0,8}?(?:meetel\w*|telt|beoordeling|baan|kwijt)|"
    # what she thinks of the manager: "zei dat ik haar weg wil hebben", "thinks I want her out"
    r"(?:wil|wilde|want|wants|wanted) (?:haar|hem|her|him) (?:weg|eruit|gone|out)|"
    r"(?:haar|hem) (?:weg|eruit) (?:wil|wilde|hebben)|"
    # someone close who is ill: "her mum is ill", "zijn vader is ziek"
    r"(?:mum|mom|mother|dad|father|partner|husband|wife|child|son|daughter|moeder|vader|man|"
    r"vrouw|kind|zoon|dochter) (?:is |was )?(?:seriously |ernstig |erg )?(?:ill|sick|ziek))\b"
)


# tears of being moved: "she teared up when I thanked her, felt good" is no worry
_TEARS = re.compile(
    r"\b(?:teared|tearful|tears|cried|crying|huilde|huilen|tranen|broke down|emotional|"
    r"emotioneel)\b"
)
# (a good moment in so many words: "nobody ever told her that" alone may be a grievance, "she
# cried because no one told her about the reorganisation")
_GOOD_MOMENT = re.compile(
    r"\b(?:felt good|voelde goed|(?:was )?(?:a |een )?(?:good|mooi|fijn)\w* moment|in a good way|"
    r"in de goede zin|happy tears|tears of joy|tranen van geluk|ontroerd|touched|grateful|"
    r"dankbaar|relieved|opgelucht)\b"
)
# the verdict in the clause right after: "she got a bit emotional, said ... . felt good"
_GOOD_AFTER = re.compile(r"^(?:[\w']+ ){0,2}?" + _GOOD_MOMENT.pattern)


def worry(text: str) -> str | None:
    """The clause in which a disappointment or worry is voiced, or None.

    >>> worry("Ze wil teamleider worden, maar baalt dat die plek er nu niet is.")
    'baalt dat die plek er nu niet is'
    >>> worry("he said he felt passed over last year when Sara got the planning role")
    'he said he felt passed over last year when Sara got the planning role'
    >>> worry("ze voelde zich gepasseerd toen Sara de planning kreeg")
    'ze voelde zich gepasseerd toen Sara de planning kreeg'
    >>> worry("wil assistent-bedrijfsleider worden, maar vindt het nieuwe kassasysteem eng")
    'vindt het nieuwe kassasysteem eng'
    >>> worry("he joined the eng team last year") is None
    True
    >>> worry("I felt a bit nervous. Priya went quiet") is None
    True
    >>> worry("I think she is worried about the exam")
    'I think she is worried about the exam'
    >>> worry("proud of how he handles scared patients") is None
    True
    >>> worry("wants a data role, frustrated theres no vacancy")
    'wants a data role, frustrated theres no vacancy'
    >>> worry("her fear about her job")
    'her fear about her job'
    >>> worry("he is worried sometimes, and scared of the scanners")
    'he is worried sometimes, and scared of the scanners'
    >>> worry("she teared up"), worry("zei dat ik haar weg wil hebben")
    ('she teared up', 'zei dat ik haar weg wil hebben')
    >>> worry("still wants supervisor, asked if the appraisal will count the lateness against her")
    'still wants supervisor, asked if the appraisal will count the lateness against her'
    >>> worry("she got a bit emotional, said nobody ever told her that. felt good") is None
    True
    >>> worry("she teared up, said nobody ever told her that")
    'she teared up, said nobody ever told her that'
    >>> worry("the start felt good. later she cried about her workload")
    'later she cried about her workload'
    >>> worry("she got emotional when we talked about her dad")
    'she got emotional when we talked about her dad'
    >>> worry("hij was eerst kortaf en wantrouwig. aan het eind werd hij wat milder")
    'hij was eerst kortaf en wantrouwig'
    >>> worry("he was guarded at first. he opened up a bit when i admitted the mistakes")
    'he was guarded at first'
    >>> worry("said management never listens")
    'said management never listens'
    """
    pieces = [" ".join(clause.split()).strip(" .,;") for clause in _CLAUSES_KEEP.split(text)]
    for i, piece in enumerate(pieces):
        if _MINE.match(normalise(piece)):
            continue  # the manager's own feeling ("I felt a bit nervous"), not the employee's
        low = normalise(piece)
        # a good moment cancels tears in its own clause, or said right after them ("... .
        # felt good"), not tears anywhere else ("the start felt good. later she cried")
        following = normalise(pieces[i + 1]) if i + 1 < len(pieces) else ""
        good = _GOOD_MOMENT.search(low) or _GOOD_AFTER.match(following)
        for m in _WORRY.finditer(low):
            if good and _TEARS.search(m.group()):
                continue  # moved, not worried
            if not _negated_before(low, m.start()) and not _DESCRIBES.match(low, m.end()):
                return piece
        if _JOB_FEAR.search(low):  # "her fear about her job"
            return piece
    return None


# an English feeling word before a plural noun describes others: "great with scared patients",
# "calms down anxious callers" (a Dutch one would be inflected: "bange klanten")
_DESCRIBES = re.compile(
    r"\s+(?!(?:this|his|hers|its|always|sometimes|perhaps|lately|nowadays|afterwards|unless|"
    r"across|plus|less|was|is|has|does|yes|theres|thats|whats|hes|shes|lets|thus|besides|"
    r"towards|afterwards|regardless|nonetheless|nevertheless)\b)[a-z]{3,}s\b"
)


# a clause about the manager: "I felt nervous", "ik was zelf zenuwachtig" (not "I think she...")
_MINE = re.compile(
    r"^(?:(?:en|and|maar|but|ook|also|eerlijk gezegd|honestly)\s+)?(?:i|i'm|i'd|i've|ik|me|"
    r"mij|myself|mezelf)\b(?!\s+(?:think|thought|noticed|saw|heard|felt that|could tell|"
    r"denk|dacht|merk|merkte|zag|hoorde|had het idee)\b)"
)
# a worry is quoted by its clause; "maar" and "but" start one
_CLAUSES_KEEP = re.compile(r"[;.!?\n]+|,\s*(?:maar|but)\s+|\s(?:maar|but)\s+")


# a wish said not to hold: "she does not want to become a manager at all" is about staying
_WISHES = ("promotion_unavailable", "horizontal")


def denies_a_wish(text: str) -> bool:
    """Whether ``text`` says someone does not want to move up or take on other work, and says
    no wish of that kind that does hold. A vector reads past the "not", so such a question
    lands on the advice for the very wish it denies. A question is read as statements: in a
    card answer "wil ze promotie?" is the manager wondering, here it is what is asked about."""
    reading = read(text.replace("?", "."))
    return any(t in reading.negated for t in _WISHES) and not any(
        t in reading.signals for t in _WISHES
    )
