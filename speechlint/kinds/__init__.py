"""The generic check kinds. Each module has OPTIONS (key -> type), FIELDS (what a rule's
message may use), prepare(options) -> compiled options, and check(options, ctx) -> findings.

KINDS maps a kind's name to its module, imported on first use: `speechlint --version`,
`speechlint rules` and a run that needs only some kinds do not pay for the others (issue 12)."""
from importlib import import_module
from typing import Iterator, Mapping

# kind name -> module name under speechlint.kinds, in the order the kinds were added
_MODULES = {
    "existence": "existence",
    "substitution": "substitution",
    "repetition": "repetition",
    "pairs": "pairs",
    "promo": "promo",
    "near-miss": "nearmiss",
    "enumeration": "enumeration",
    "char-slip": "charslip",
    "name-slip": "nameslip",
    "placeholder": "placeholder",
    "dates": "dates",
    "leaders": "leaders",
    "gongwen": "gongwen",
    "directives": "directives",
}


class _LazyKinds(Mapping):
    """A read-only mapping, kind name -> module, that imports a module the first time it is
    looked up (membership, iteration and len do not import anything)."""

    __slots__ = ()

    def __getitem__(self, kind: str):
        name = _MODULES[kind]  # KeyError for an unknown kind, as a dict would
        return import_module(f"{__name__}.{name}")

    def __contains__(self, kind) -> bool:
        return kind in _MODULES

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)

    def __repr__(self) -> str:
        return f"KINDS({', '.join(_MODULES)})"

    def __setattr__(self, name, value):
        raise AttributeError("KINDS is read-only")


KINDS = _LazyKinds()
