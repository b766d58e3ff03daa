"""People's names as jieba's part-of-speech model gives them: a hidden Markov model over the
characters of a clause, whose states are a character's place in a word (B, M, E, S) and the
word's tag (of these, nr a person's name and nrt a transliterated one). The model is
the one the jieba package ships (jieba/posseg/prob_*.p, char_state_tab.p); speechlint reads
its tables as data (never importing jieba.posseg, which costs 50 MiB), keeps a compact copy in
the cache folder (0.8 MB, read in about 5 ms, 3 MiB in memory) and decodes with its own
Viterbi search.

The model is jieba's; the decoder is speechlint's, and differs from jieba's in two details: a
run must end at the end of a word (E or S), and a character that no state of the one before
may precede starts a word afresh. A typo detector asks it last, of a stretch it would report:
赵景文 after 执行董事, 高语阳 in a byline and 依戈尔·莫伊塞耶夫 are names to the model whatever
words their characters make (赵景 is no slip for 风景), while 服务质凉 stays an adjective.
Nothing here is loaded until a finding is about to be reported.
"""
from __future__ import annotations

import hashlib
import pickle
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple

from speechlint.lexicon import DataError, _cached, _fingerprint, package_file

TABLES = ("prob_start", "prob_trans", "prob_emit", "char_state_tab")
# the cache file of the compact model; a new form of it takes a new name
CACHE_NAME = "posseg-hmm-3"
NAME_TAGS = frozenset(("nr", "nrt"))
# the log probability of what the model never saw (jieba's own floor)
NEVER = -3.14e100

State = Tuple[str, str]


@dataclass(frozen=True)
class Model:
    """The model in a compact form: its states (place, tag), their start and transition log
    probabilities by index, and for each character the indexes of the states it may take (one
    byte each: the model has 256) with their emission log probabilities (packed doubles)."""
    states: Tuple[State, ...]
    start: Tuple[float, ...]
    trans: Tuple[Dict[int, float], ...]
    emit: Dict[str, Tuple[bytes, bytes]]


def _table(path: Path):
    """One of the model's tables, from the pickle the package ships beside its module (the
    package's own data, trusted as its code is: importing the module instead costs 50 MiB)."""
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _compact(start, trans, emit, states_of) -> tuple:
    states = tuple(sorted(set(start) | set(trans) | set(emit)))
    if len(states) > 256:
        raise ValueError(f"{len(states)} states: more than a byte can index")
    index = {y: i for i, y in enumerate(states)}
    chars = {}
    for ch, ys in states_of.items():
        ys = [y for y in ys if y in index]
        chars[ch] = (bytes(index[y] for y in ys),
                     array("d", [emit.get(y, {}).get(ch, NEVER) for y in ys]).tobytes())
    return (states, tuple(start.get(y, NEVER) for y in states),
            tuple({index[z]: p for z, p in trans.get(y, {}).items() if z in index} for y in states), chars)


OFF = Model((), (), (), {})  # no model: no names (a jieba whose tables speechlint cannot read)


def load() -> Model:
    """The compact model, cached under a name that holds the fingerprints of all four tables;
    OFF if they cannot be read or do not fit (a name check is an excuse, never worth an error)."""
    try:
        paths = [package_file("jieba", "jieba", "posseg", f"{t}.p") for t in TABLES]
        key = hashlib.sha1("|".join(_fingerprint(p) for p in paths).encode()).hexdigest()[:12]
        states, start, trans, chars = _cached(f"{CACHE_NAME}-{key}", paths[2],
                                              lambda: _compact(*(_table(p) for p in paths)))
    except (DataError, OSError, ValueError, TypeError):
        return OFF
    return Model(tuple(tuple(y) for y in states), start, trans, chars)


def decode(text: str, model: Model) -> List[State]:
    """The most probable state of each character of text (a run of Chinese characters whose
    characters the model knows: one it never saw may take any of its 256 states, 256 × 256 steps)."""
    if not text or not model.states:
        return []
    def options(ch: str):
        got = model.emit.get(ch)
        if got is None:  # a character the model never saw: any state, none likelier
            return ((y, NEVER) for y in range(len(model.states)))
        return zip(got[0], array("d", got[1]))

    score = {y: model.start[y] + p for y, p in options(text[0])}
    back: List[Dict[int, int]] = []
    for ch in text[1:]:
        here: Dict[int, float] = {}
        came: Dict[int, int] = {}
        for y, p in options(ch):
            best = None
            for x, v in score.items():
                t = model.trans[x].get(y)
                if t is not None and (best is None or v + t > best[0]):
                    best = (v + t, x)
            if best is not None:
                here[y] = best[0] + p
                came[y] = best[1]
        if not here and score:  # no state of this character may follow: start a word afresh
            x = max(score, key=score.get)
            here = {y: score[x] + p for y, p in options(ch)}
            came = {y: x for y in here}
        back.append(came)
        score = here
        if not score:
            return []
    ends = {y: v for y, v in score.items() if model.states[y][0] in "ES"} or score
    y = max(ends, key=ends.get)
    path = [y]
    for came in reversed(back):
        y = came[y]
        path.append(y)
    return [model.states[y] for y in reversed(path)]


def names(states: List[State]) -> List[Tuple[int, int, str]]:
    """The words that the decoded states make with a name's tag, (start, end, tag): a B, its Ms
    and its E of one tag, or an S. A word whose states change tag on the way (the decoder's
    restart, see decode) is none."""
    found, start, tag = [], None, None
    for i, (place, t) in enumerate(states):
        if place in "BS":
            start, tag = i, t
        elif t != tag:
            start = None  # (a word broken off: nothing until the next B or S)
        if place in "ES" and start is not None and tag in NAME_TAGS:
            found.append((start, i + 1, tag))
        if place in "ES":
            start = None
    return found
