"""The generic check kinds. Each module has OPTIONS (key -> type), FIELDS (what a rule's
message may use), prepare(options) -> compiled options, and check(options, ctx) -> findings."""
from types import MappingProxyType

from speechlint.kinds import (charslip, dates, enumeration, existence, gongwen, leaders, nameslip, nearmiss, pairs,
                              placeholder, promo, repetition, substitution)

KINDS = MappingProxyType({
    "existence": existence,
    "substitution": substitution,
    "repetition": repetition,
    "pairs": pairs,
    "promo": promo,
    "near-miss": nearmiss,
    "enumeration": enumeration,
    "char-slip": charslip,
    "name-slip": nameslip,
    "placeholder": placeholder,
    "dates": dates,
    "leaders": leaders,
    "gongwen": gongwen,
})
