"""The segmentation in C (speechlint._segcore, Lexicon.native) gives what the segmentation in
Python gives, to the last bit, and a damaged copy of its table in the cache folder is refused,
never read past its end. Texts are random, made of the dictionary's own words and characters
of every kind."""
from __future__ import annotations

import array
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from speechlint import lexicon as lexicon_module
from speechlint.context import Resources
from speechlint.lexicon import Lexicon

try:
    from speechlint import _segcore
except ImportError:  # (built wherever a C compiler is: CI has one, and must have built it)
    _segcore = None
    if os.environ.get("CI"):
        raise AssertionError("speechlint._segcore was not built (pip install -e . needs a C compiler)")

needs_core = pytest.mark.skipif(_segcore is None, reason="speechlint._segcore is not built")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lexicon():
    return Resources().lexicon()


def random_texts(lexicon, seed, count):
    """Runs of the dictionary's words (some of count 0, some longer than max_len), single
    characters, Latin letters, digits, punctuation and characters beyond the BMP."""
    rnd = random.Random(seed)
    words = [w for w in lexicon.freq if len(w) <= 10]
    pieces = ["，", "a", "Z9", "𠀀", "〇", "的", "了", "\n", " ", "丨"]
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(0, 12)):
            r = rnd.random()
            parts.append(rnd.choice(words) if r < 0.7 else rnd.choice(pieces) if r < 0.85
                         else chr(rnd.randint(0x4E00, 0x9FA5)))
        yield "".join(parts)


@needs_core
def test_the_c_segmentation_is_the_python_one_on_jiebas_dictionary(lexicon):
    native = lexicon.native()
    assert native is not None
    rnd = random.Random(5)
    checked = 0
    for text in random_texts(lexicon, 1, 3000):
        assert native.segment(text) == lexicon.segment_python(text)
        if len(text) >= 2:
            a = rnd.randrange(len(text) - 1)
            exclude = text[a:a + rnd.randint(2, 4)]
            assert native.segment(text, exclude) == lexicon.segment_python(text, exclude)
            # a window of the text, as written with a word excluded, and with a stretch replaced
            lattice = lexicon.lattice_python(text)
            lo, hi = rnd.randint(0, a), rnd.randint(a + len(exclude), len(text))
            expected = lexicon.window_python(lattice, lo, hi, exclude=exclude)
            assert native.scored(text[lo:hi], exclude) == expected
            assert lexicon.window(lexicon.lattice(text), lo, hi, exclude=exclude) == expected
            put = rnd.choice(["质量", "发展", "农业", "贯彻", "兢兢"])[:len(exclude)]
            if len(put) == len(exclude):
                expected = lexicon.window_python(lattice, lo, hi, at=a, put=put)
                assert lexicon.window(lexicon.lattice(text), lo, hi, at=a, put=put) == expected
                checked += 1
    assert checked > 500


@needs_core
def test_a_small_dictionary_with_words_of_count_zero_and_words_too_long():
    plain = {"发展": 40, "质量": 30, "高质量": 20, "高": 0, "推动经济社会": 3, "经济": 50, "社会": 45,
             "推动": 25, "高质量发展质量": 9, "发": 2}
    small = Lexicon(plain, sum(plain.values()), 4, None)
    assert small.native() is not None
    for text in ["推动经济社会高质量发展", "高质量发展质量", "高高高", "", "发", "无此字"]:
        assert small.segment(text) == small.segment_python(text)
        assert small.native().scored(text) == small.window_python(small.lattice_python(text), 0, len(text))
        assert small.segment(text, "质量") == small.segment_python(text, "质量")


def test_a_dictionary_that_the_table_cannot_hold_is_segmented_in_python():
    plain = {"发展": 40, "质\n量": 3}  # (a word with a line break in it)
    small = Lexicon(plain, 43, 4, None)
    assert small.native() is None
    assert small.segment("发展质量") == small.segment_python("发展质量") == [(0, 2), (2, 3), (3, 4)]


def test_the_environment_can_ask_for_python(monkeypatch):
    monkeypatch.setenv("SPEECHLINT_PURE_PYTHON", "1")
    small = Lexicon({"发展": 40}, 40, 4, None)
    assert small.native() is None
    assert small.segment("发展") == [(0, 2)]


@needs_core
def test_an_image_loads_back_into_the_same_table(lexicon):
    native = lexicon.native()
    logps = lexicon.reader().logps
    unknown = math.log(1) - math.log(lexicon.total)
    again = _segcore.load(native.image(), logps, unknown)
    for text in random_texts(lexicon, 2, 300):
        assert again.scored(text) == native.scored(text)


def small_image():
    logps = array.array("d", [-1.0, -2.0, -3.0, float("-inf")])
    return _segcore.Table("ab\na\nabc\nb\n", logps, 8, -10.0).image(), logps


@needs_core
def test_a_damaged_image_is_refused_and_never_read_outside_itself():
    image, logps = small_image()
    head = 6 * 8
    slots = int.from_bytes(image[16:24], "little")  # (the header's third word; slots of 8 bytes)
    bad = [image[:-8], image + b"\0" * 8, b"", image[:head],
           bytes([image[0] ^ 1]) + image[1:]]  # (the magic)
    # a slot that points past the pool, a slot with an id past the words, and no empty slot
    at = next(i for i in range(slots) if image[head + 8 * i:head + 8 * i + 4] != b"\0\0\0\0")
    key = int.from_bytes(image[head + 8 * at:head + 8 * at + 4], "little")
    far = (key & ~((1 << 26) - 1)) | ((1 << 26) - 2)
    bad.append(image[:head + 8 * at] + far.to_bytes(4, "little") + image[head + 8 * at + 4:])
    bad.append(image[:head + 8 * at + 4] + (99).to_bytes(4, "little", signed=True) + image[head + 8 * at + 8:])
    full = bytearray(image)
    for i in range(slots):
        if full[head + 8 * i:head + 8 * i + 4] == b"\0\0\0\0":
            full[head + 8 * i:head + 8 * i + 8] = image[head + 8 * at:head + 8 * at + 8]
    bad.append(bytes(full))
    for damaged in bad:
        with pytest.raises(ValueError):
            _segcore.load(damaged, logps, -10.0)
    with pytest.raises(ValueError):
        _segcore.load(image, logps[:3], -10.0)
    # random damage: refused, or a table that segments (wrongly, perhaps) without a crash
    rnd = random.Random(3)
    for _ in range(2000):
        damaged = bytearray(image)
        for _ in range(rnd.randint(1, 4)):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        try:
            table = _segcore.load(bytes(damaged), logps, -10.0)
        except ValueError:
            continue
        table.scored("abcabab", "ab")


@needs_core
def test_a_table_is_made_once():
    table = _segcore.Table("a\n", array.array("d", [-1.0]), 8, -5.0)
    with pytest.raises(TypeError):
        table.__init__("b\n", array.array("d", [-1.0]), 8, -5.0)
    with pytest.raises(TypeError):
        _segcore.Table.__new__(_segcore.Table).segment("a")
    for words, logps, max_len in [("a", [-1.0], 8), ("a\n", [], 8), ("a\n", [-1.0], 0), ("a\n", [-1.0], 65)]:
        with pytest.raises(ValueError):
            _segcore.Table(words, array.array("d", logps), max_len, -5.0)


@needs_core
def test_a_damaged_table_in_the_cache_folder_is_made_again(tmp_path, monkeypatch, lexicon):
    monkeypatch.setenv("SPEECHLINT_CACHE_DIR", str(tmp_path))
    first = lexicon_module.load_lexicon()
    assert first.native() is not None
    (kept,) = tmp_path.glob("segtable-*.marshal")
    kept.write_bytes(kept.read_bytes()[:1000])  # (cut short)
    again = lexicon_module.load_lexicon()
    text = "推动经济社会高质量发展，服务质凉"
    assert again.native().segment(text) == lexicon.segment_python(text)
    (kept,) = tmp_path.glob("segtable-*.marshal")
    assert len(kept.read_bytes()) > 1000  # (written again, whole)


@needs_core
def test_the_findings_are_the_same_in_c_and_in_python(tmp_path):
    # the whole pipeline, on the seed speech and the test documents
    paths = [str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))] + [str(ROOT / "tests" / "documents")]
    outputs = []
    for pure in ("", "1"):
        env = dict(os.environ, SPEECHLINT_PURE_PYTHON=pure, SPEECHLINT_CACHE_DIR=str(tmp_path / "cache"))
        done = subprocess.run([sys.executable, "-m", "speechlint", "--no-cache", "--exit-zero", "--format", "json",
                               *paths], capture_output=True, text=True, env=env, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and outputs[0].count('"code"') > 40
