"""The segmentation in C (speechlint._segcore, Lexicon.native) gives what the segmentation in
Python gives, to the last bit, and a damaged copy of its table in the cache folder is refused,
never read past its end. Texts are random, made of the dictionary's own words and characters
of every kind."""
from __future__ import annotations

import array
import marshal
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


HEAD = 7 * 8  # (the image's header: seven 64-bit words, the last a checksum of the rest)


def seal(image) -> bytes:
    """image with its checksum made to agree with its body (the C code's sum, written again)."""
    h, mask = 0x243F6A8885A308D3, (1 << 64) - 1
    body = bytes(image[HEAD:])
    for i in range(0, len(body) - 7, 8):
        h = ((h ^ int.from_bytes(body[i:i + 8], "little")) * 0x9E3779B97F4A7C15) & mask
        h ^= h >> 31
    return bytes(image[:HEAD - 8]) + h.to_bytes(8, "little") + body


@needs_core
def test_a_damaged_image_is_refused_and_never_read_outside_itself():
    image, logps = small_image()
    assert seal(image) == image
    slots = int.from_bytes(image[16:24], "little")  # (the header's third word; slots of 8 bytes)
    used = [i for i in range(slots) if image[HEAD + 8 * i:HEAD + 8 * i + 4] != b"\0\0\0\0"]
    at = HEAD + 8 * used[0]
    key = int.from_bytes(image[at:at + 4], "little")
    far = (key & ~((1 << 26) - 1)) | ((1 << 26) - 2)  # (the same length, an offset past the pool)
    too_full = bytearray(image)
    for i in range(slots // 2 + 1):
        if too_full[HEAD + 8 * i:HEAD + 8 * i + 4] == b"\0\0\0\0":
            too_full[HEAD + 8 * i:HEAD + 8 * i + 8] = image[at:at + 8]
    bad = {
        "cut short": image[:-8], "longer": seal(image + b"\0" * 8), "empty": b"", "header only": image[:HEAD],
        "magic": seal(bytes([image[0] ^ 1]) + image[1:]),
        "a code point changed": image[:-12] + bytes([image[-12] ^ 1]) + image[-11:],
        "past the pool": seal(image[:at] + far.to_bytes(4, "little") + image[at + 4:]),
        "an id past the words": seal(image[:at + 4] + (99).to_bytes(4, "little", signed=True) + image[at + 8:]),
        "a length of 0 with an offset": seal(image[:at] + (1).to_bytes(4, "little") + image[at + 4:]),
        "more than half full": seal(too_full),
    }
    for why, damaged in bad.items():
        with pytest.raises(ValueError):
            _segcore.load(damaged, logps, -10.0)
            pytest.fail(why)
    with pytest.raises(ValueError):
        _segcore.load(image, logps[:3], -10.0)
    rnd = random.Random(3)
    for _ in range(2000):
        damaged = bytearray(image)
        for _ in range(rnd.randint(1, 4)):
            damaged[rnd.randrange(HEAD, len(damaged))] = rnd.randrange(256)
        if bytes(damaged) != image:
            with pytest.raises(ValueError):
                _segcore.load(bytes(damaged), logps, -10.0)
        # damage that the checksum was made to miss: refused, or a table that segments without a crash
        try:
            table = _segcore.load(seal(damaged), logps, -10.0)
        except ValueError:
            continue
        table.scored("abcabab", "ab")


@needs_core
def test_the_log_probabilities_must_be_doubles():
    image, logps = small_image()
    for wrong in [array.array("f", logps), array.array("q", [1, 2, 3, 4]), logps.tobytes(),
                  memoryview(bytearray(b"x" + logps.tobytes()))[1:],
                  memoryview(bytearray(b"x" + logps.tobytes()))[1:].cast("d")]:  # (not aligned)
        with pytest.raises(TypeError):
            _segcore.load(image, wrong, -10.0)
        with pytest.raises(TypeError):
            _segcore.Table("ab\na\nabc\nb\n", wrong, 8, -10.0)
    assert _segcore.load(image, memoryview(logps), -10.0).segment("abc") == [(0, 3)]


@needs_core
def test_random_small_dictionaries_words_of_count_zero_and_every_max_len():
    rnd = random.Random(9)
    alphabet = "发展质量高经济的"
    for _ in range(1500):
        max_len = rnd.choice([1, 2, 3, 5, 8, 63])
        plain = {}
        for _ in range(rnd.randint(1, 25)):
            word = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, min(max_len + 2, 9))))
            plain[word] = rnd.choice([0, 0, 1, 2, 7, 40, 1000])
        total = sum(plain.values()) or 1
        small = Lexicon(plain, total, max_len, None)
        assert small.native() is not None
        for _ in range(4):
            text = "".join(rnd.choice(alphabet + "x") for _ in range(rnd.randint(0, 14)))
            exclude = rnd.choice(list(plain) + [""])
            assert small.segment(text, exclude) == small.segment_python(text, exclude)
            assert small.native().scored(text, exclude) == small.window_python(
                small.lattice_python(text), 0, len(text), exclude=exclude)
    longest = "长" * 63
    small = Lexicon({longest: 5, "短": 3}, 8, 63, None)
    assert small.segment(longest) == small.segment_python(longest) == [(0, 63)]
    assert Lexicon({"长" * 64: 5}, 5, 64, None).native() is None  # (segmented in Python)


@needs_core
def test_a_table_is_made_once():
    table = _segcore.Table("a\n", array.array("d", [-1.0]), 8, -5.0)
    with pytest.raises(TypeError):
        table.__init__("b\n", array.array("d", [-1.0]), 8, -5.0)
    with pytest.raises(TypeError):
        _segcore.Table.__new__(_segcore.Table).segment("a")
    for words, logps, max_len in [("a", [-1.0], 8), ("a\n", [], 8), ("a\n", [-1.0], 0), ("a\n", [-1.0], 64)]:
        with pytest.raises(ValueError):
            _segcore.Table(words, array.array("d", logps), max_len, -5.0)


@needs_core
def test_a_damaged_table_in_the_cache_folder_is_made_again(tmp_path, monkeypatch, lexicon):
    monkeypatch.setenv("SPEECHLINT_CACHE_DIR", str(tmp_path))
    first = lexicon_module.load_lexicon()
    assert first.native() is not None
    (kept,) = tmp_path.glob("segtable-*.marshal")
    whole = kept.read_bytes()
    # a code point of the pool changed (量 for 量's neighbour): marshal reads it, the table refuses it
    at = whole.index("量".encode("utf-32-le"), len(whole) // 2)
    kept.write_bytes(whole[:at] + chr(ord("量") + 1).encode("utf-32-le") + whole[at + 4:])
    again = lexicon_module.load_lexicon()
    text = "推动经济社会高质量发展，提高发展质量"
    assert again.native().segment(text) == lexicon.segment_python(text)
    assert marshal.loads(kept.read_bytes()) == marshal.loads(whole)  # (made again and written over)
    kept.write_bytes(whole[:1000])  # (cut short: marshal refuses it)
    assert lexicon_module.load_lexicon().native().segment(text) == lexicon.segment_python(text)
    assert marshal.loads(kept.read_bytes()) == marshal.loads(whole)


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


@needs_core
def test_char_slip_finds_with_its_windows_sieved_in_c_what_it_finds_judging_them_all(lexicon):
    # slips() with the C sieve (_segcore.windows) judges only the windows that can offer a
    # correction: it finds what it finds judging every window, on sentences with slips and on
    # random text made of the dictionary's words
    from speechlint.kinds import charslip
    from speechlint.ruleset import builtin_rules_dir, load_rule_file

    res = Resources()
    (path,) = builtin_rules_dir().glob("SL403-*.toml")
    opts = load_rule_file(path).options
    index = charslip.build_index(lexicon, opts.min_freq)
    table = charslip.shape_table(lexicon, f"char-slip-{opts.min_freq}", index)
    assert table is not None
    counts = charslip.char_counts(lexicon)
    texts = ["各部门要进一步提高行政效率和服务质凉，推动县域经济展发", "要大力发展现代龙业，认真贯切落实党中央决策部署",
             "我们要以身做则，众志成诚，按步就班地推进"]
    texts += [t for t in random_texts(lexicon, 4, 400) if t]
    found = 0
    for text in texts:
        for run in charslip.HAN.findall(text):
            args = (index, res.readings(), res.shapes(), opts, text, text.index(run))
            plain = charslip.slips(run, lexicon, *args, counts=counts)
            assert charslip.slips(run, lexicon, *args, counts=counts, shapes_table=table) == plain
            found += len(plain)
    assert found >= 5


@needs_core
def test_the_window_sieve_passes_what_its_conditions_say(lexicon):
    # each window of each change, tried in Python: its shape is a key of the index, or a swap of
    # the changed character with a different neighbour makes a word of count min-freq or more
    from speechlint.kinds import charslip

    index = charslip.build_index(lexicon, 20)
    table = charslip.shape_table(lexicon, "char-slip-20", index)
    reader = lexicon.reader()
    rnd = random.Random(6)
    swaps_only = 0
    frequent = [w for w in lexicon.freq if 2 <= len(w) <= 4 and lexicon.freq[w] >= 20][::7]
    texts = []
    for _ in range(600):  # (words with two neighbours swapped, and words as written)
        words = [rnd.choice(frequent) for _ in range(rnd.randint(1, 5))]
        for j, w in enumerate(words):
            q = rnd.randrange(len(w) - 1)
            if rnd.random() < 0.5:
                words[j] = w[:q] + w[q + 1] + w[q] + w[q + 2:]
        texts.append("".join(words))
    for text in texts:
        n = len(text)
        if n < 2:
            continue
        changes = [(a, min(n - 1, max(0, a + rnd.choice([-1, 0, 0, 1])))) for a in rnd.sample(range(n), min(n, 4))]
        expected = []
        for k, (a, sym) in enumerate(changes):
            for L in charslip.LENGTHS:
                for i in range(max(0, max(a, sym) - L + 1), min(a, sym, n - L) + 1):
                    w, p = text[i:i + L], a - i
                    shaped = table.contains(w[:p] + "?" + w[p + 1:])  # (the Bloom's answer: see below)
                    swapped = any(
                        0 <= q and q + 1 < L and w[q] != w[q + 1]
                        and reader.counts[reader.ids(w[:q] + w[q + 1] + w[q] + w[q + 2:])] >= 20
                        for q in (p - 1, p) if 0 <= q and q + 1 < L and w[q] != w[q + 1]
                        and reader.ids(w[:q] + w[q + 1] + w[q] + w[q + 2:]) is not None)
                    swaps_only += swapped and not shaped
                    if shaped or swapped:
                        expected.append((k, L, i))
        assert lexicon.native_windows(table, text, changes, 20, charslip.LENGTHS) == expected
    assert swaps_only > 10
    # the Bloom holds every shape of the index, and few others
    assert all(table.contains(shape) for shape in index)
    others = {"?" + chr(rnd.randint(0x4E00, 0x9FA5)) + chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(5000)}
    others = [shape for shape in others if shape not in index]
    assert len(others) > 1000 and sum(map(table.contains, others)) < 0.01 * len(others)


@needs_core
def test_a_bloom_filter_loads_back_and_refuses_damage():
    strings = ["体?", "?系", "质量", "𠀀x", ""] + [f"词{i}" for i in range(3000)]
    bloom = _segcore.Bloom("".join(s + "\n" for s in strings))
    assert all(bloom.contains(s) for s in strings)
    assert sum(bloom.contains(f"字{i}") for i in range(3000)) < 30
    image = bloom.image()
    again = _segcore.load_bloom(image)
    assert all(again.contains(s) for s in strings)
    for damaged in [image[:-8], image + b"\0" * 8, image[:31], image[:40] + bytes([image[40] ^ 1]) + image[41:],
                    bytes([image[0] ^ 1]) + image[1:], small_image()[0]]:
        with pytest.raises(ValueError):
            _segcore.load_bloom(damaged)
    with pytest.raises(ValueError):
        _segcore.Bloom("no newline at the end")
    assert not _segcore.Bloom("").contains("体?")


@needs_core
def test_the_window_sieve_refuses_what_it_cannot_read(lexicon):
    native = lexicon.native()
    shapes = _segcore.Bloom("质?\n")
    counts = lexicon.reader().counts
    assert _segcore.windows(native, shapes, "质量", [(1, 1)], counts, 20, (2,)) == [(0, 2, 0)]
    for changes, lengths in [([(2, 2)], (2,)), ([(-1, 0)], (2,)), ([(0, 0)], (0,)), ([(0, 0)], (64,))]:
        with pytest.raises(ValueError):
            _segcore.windows(native, shapes, "质量", changes, counts, 20, lengths)
    for wrong in [array.array("d", [0.0] * len(counts)), array.array("q", [1, 2]), b"12345678"]:
        with pytest.raises(TypeError):
            _segcore.windows(native, shapes, "质量", [(1, 1)], wrong, 20, (2,))
    with pytest.raises(TypeError):
        _segcore.windows(native, "not a table", "质量", [(1, 1)], counts, 20, (2,))


@needs_core
def test_near_miss_places_in_c_hold_every_place_python_finds(lexicon):
    # Sieve.places in C (_segcore.places over Bloom filters) against its Python body, for every
    # combination of slips, on known forms with one character changed, two swapped or doubled
    import itertools

    from speechlint.kinds import nearmiss
    from speechlint.ruleset import builtin_rules_dir, load_rule_file

    res = Resources()
    (path,) = builtin_rules_dir().glob("SL402-*.toml")
    opts = load_rule_file(path).options
    key = f"near-miss-{'.'.join(opts.tags)}-{opts.min_freq}-{min(opts.lengths)}-{max(opts.lengths)}"
    index, targets = nearmiss.packed_index(lexicon, opts, key)
    sift = nearmiss.sieve(index, targets, res.readings(), lexicon, key)
    assert sift.native is not None
    plain = nearmiss.sieve(index, targets, res.readings())  # (no lexicon: the sets in Python, no C)
    assert plain.native is None and plain.heard and not sift.heard  # (C's sieve reads its Blooms alone)
    rnd = random.Random(8)
    forms = sorted(targets)
    chars = "".join(sorted({c for form in forms[:3000] for c in form}))
    texts = []
    for _ in range(1500):
        parts = []
        for _ in range(rnd.randint(1, 4)):
            form = list(rnd.choice(forms))
            q = rnd.randrange(len(form))
            how = rnd.random()
            if how < 0.3:
                form[q] = rnd.choice(chars)
            elif how < 0.6 and q + 1 < len(form):
                form[q], form[q + 1] = form[q + 1], form[q]
            elif how < 0.7:
                form[q] = form[q - 1]
            parts.append("".join(form) + "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 3))))
        texts.append("".join(parts))
    found = extra = 0
    kinds = ("swap", "near-homophone", "look-alike", "homophone")
    for text in texts:
        lone = sorted(rnd.sample(range(len(text)), min(len(text), 3))) + [-1, len(text) + 5]
        for r in range(len(kinds) + 1):
            for slips in itertools.combinations(kinds, r):
                for L in (2, 4, 5):
                    fast, slow = sift.places(text, L, slips, lone), plain.places(text, L, slips, lone)
                    assert fast == sorted(fast) and set(slow) <= set(fast), (text, L, slips)
                    found += len(slow)
                    extra += len(fast) - len(slow)
    assert found > 10000 and extra < 0.01 * found


@needs_core
def test_the_sieves_survive_a_caller_that_changes_their_arguments(lexicon):
    # (an __index__ that empties the lists being read: the sieves read copies of their own)
    native = lexicon.native()
    shapes = _segcore.Bloom("?量\n")
    counts = lexicon.reader().counts
    lengths = [2, 2, 2, 2]
    changes = []

    class Emptying:
        def __index__(self):
            lengths.clear()
            changes.clear()
            return 0

    changes += [(Emptying(), 1), (0, 1)]
    got = _segcore.windows(native, shapes, "质量", changes, counts, 20, lengths)
    assert got == [(k, 2, 0) for k in (0, 1) for _ in range(4)]
    lone = [2 ** 70, -2 ** 63, 1]
    bloom = _segcore.Bloom("?量\n质?\n")
    assert _segcore.places(bloom, bloom, bloom, bloom, "质量", "质量", 2, False, False, True, lone) == [0]
