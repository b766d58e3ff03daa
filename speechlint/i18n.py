"""The language speechlint speaks: English or Chinese (zh-CN).

Program text goes through gettext: the catalog is speechlint/locale/zh_CN/LC_MESSAGES/
speechlint.po, compiled to the speechlint.mo beside it by scripts/compile_catalogs.py (both are
shipped; a test checks that the .mo is up to date). English is the source language, so an
English run needs no catalog, and a message missing from the catalog is shown in English.

The language is one per process at a time (set_language, or using() for a stretch of code):
from --lang, else from the config's `lang`, else from the locale: the first of LC_ALL,
LC_MESSAGES and LANG that is set decides, and a value starting with "zh" means Chinese.
Rules carry their own texts in both languages (speechlint.ruleset), not in the catalog.
"""
from __future__ import annotations

import contextlib
import functools
import gettext as _gettext
import os
from pathlib import Path
from typing import Iterator, Mapping, Optional

LANGS = ("zh", "en")
DOMAIN = "speechlint"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# the catalog's folder for each language other than English (the source language)
CATALOGS = {"zh": "zh_CN"}

_current: Optional[str] = None


def from_environment(environ: Optional[Mapping[str, str]] = None) -> str:
    """The language the locale asks for: 'zh' when the first of LC_ALL, LC_MESSAGES and LANG
    that is set (and not empty) starts with zh (zh_CN.UTF-8, zh_TW, zh), otherwise 'en'."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.strip().lower().startswith("zh") else "en"
    return "en"


def language() -> str:
    """The language in use: the one set, or the locale's."""
    return _current if _current is not None else from_environment()


def set_language(lang: Optional[str]) -> None:
    """Use lang ('zh' or 'en') from now on; None: follow the locale again."""
    global _current
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGS)})")
    _current = lang


@contextlib.contextmanager
def using(lang: Optional[str]) -> Iterator[None]:
    """Speak lang inside the block (None: leave the language as it is)."""
    global _current
    before = _current
    if lang is not None:
        set_language(lang)
    try:
        yield
    finally:
        _current = before


@functools.lru_cache(maxsize=None)
def catalog(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of lang; for English, or if the catalog is missing, none (the
    English text is shown)."""
    folder = CATALOGS.get(lang)
    if folder is None:
        return _gettext.NullTranslations()
    try:
        return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[folder])
    except OSError:
        return _gettext.NullTranslations()


def gettext(message: str) -> str:
    return catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks text to translate where it is defined (a table at module level) and translated
    where it is shown, with gettext()."""
    return message


_ = gettext


def use_for_argparse() -> None:
    """argparse's own words (usage:, options:, invalid choice, required arguments) through
    speechlint's catalog: argparse looks up its module's _ and ngettext each time it speaks.
    In English nothing changes (the catalog gives the text back)."""
    import argparse

    argparse._ = gettext
    argparse.ngettext = ngettext


# argparse's own words (Python 3.10 to 3.13), in the catalog so that use_for_argparse() can
# give them in Chinese
ARGPARSE = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("optional arguments"),
    N_("show this help message and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"), N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)


def _argparse_plurals(n: int) -> str:  # pragma: no cover - only here to be found in the source
    return ngettext("expected %s argument", "expected %s arguments", n)
