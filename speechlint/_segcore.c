/* speechlint._segcore: the maximum-probability segmentation of lexicon.py (Lexicon.segment and
 * Lexicon.window), in C. Optional: speechlint runs the same computation in Python when this
 * module is not built (see lexicon.Lexicon.native); tests/test_segcore.py checks that the two
 * give the same spans and the same score, to the last bit, on random text.
 *
 * Table(words, logps, max_len, unknown):
 *   words    the dictionary's words in the order of their ids, each ended by "\n";
 *   logps    the log probability of each word by id, an array('d') (-inf for a word of count 0,
 *            which is never the best piece), held by the table;
 *   max_len  the longest piece looked for (longer words are never found, as in Python);
 *   unknown  the log probability of a character that is no word (of count 1).
 * The words of at most max_len characters and their beginnings are kept in one open-addressing
 * hash table, keyed by their code points; a piece is looked for only while the text read so far
 * begins some word (as a trie's prefixes would be walked).
 *
 * Table.segment(text, exclude="") -> [(start, end), ...]
 * Table.scored(text, exclude="") -> ([(start, end), ...], score)
 *   score: the sum, left to right, of the log probabilities of the pieces, added as Python's
 *          sum() adds floats (Lexicon.window's).
 *
 * Nothing here trusts its input beyond Python's types: any string makes a valid table, and load()
 * refuses an image that is damaged (its checksum), out of bounds or too full to search fast.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define MAX_PIECE 63 /* max_len is refused above this (a key's length takes 6 bits) */

typedef struct {
    uint32_t key;  /* where the key's code points begin in the pool, and (its top bits) its
                      length: 0 for an empty slot */
    int32_t id;    /* the word's id, or -1 for the beginning of a word that is no word itself */
} Slot;

#define LEN_SHIFT 26
#define OFF_MASK ((1u << LEN_SHIFT) - 1)
#define KEY_LEN(k) ((int)((k) >> LEN_SHIFT))
#define KEY_OFF(k) ((k) & OFF_MASK)

typedef struct {
    PyObject_HEAD
    Slot *slots;
    size_t mask;
    uint32_t *pool;
    PyObject *image;  /* the bytes that slots and pool point into (see load), or NULL: theirs */
    Py_buffer logps_buffer;  /* the caller's log probabilities, held (not copied) */
    const double *logps;
    size_t npool; /* code points in the pool */
    size_t count; /* keys held: the table grows to keep it at most half full */
    Py_ssize_t nwords;
    int max_len;
    double unknown;
} Table;

static PyTypeObject TableType;

static inline uint64_t step(uint64_t h, uint32_t c) {
    h ^= c;
    return h * 0x100000001b3ULL;
}

#define SEED 0xcbf29ce484222325ULL

static inline size_t where(uint64_t h, size_t mask) {
    return (size_t)(h ^ (h >> 29) ^ (h >> 47)) & mask;
}

static Slot *find(const Table *t, const uint32_t *key, int len, uint64_t h) {
    size_t i = where(h, t->mask);
    for (;;) {
        Slot *s = &t->slots[i];
        if (s->key == 0)
            return NULL;
        if (KEY_LEN(s->key) == len && memcmp(t->pool + KEY_OFF(s->key), key, (size_t)len * sizeof(uint32_t)) == 0)
            return s;
        i = (i + 1) & t->mask;
    }
}

static uint64_t hash_of(const uint32_t *key, int len) {
    uint64_t h = SEED;
    for (int k = 0; k < len; k++)
        h = step(h, key[k]);
    return h;
}

/* Double the table's room, every key put again. */
static int grow(Table *t) {
    size_t size = (t->mask + 1) * 2;
    Slot *old = t->slots, *slots = PyMem_Calloc(size, sizeof(Slot));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t j = 0; j <= t->mask; j++) {
        if (old[j].key == 0)
            continue;
        size_t i = where(hash_of(t->pool + KEY_OFF(old[j].key), KEY_LEN(old[j].key)), size - 1);
        while (slots[i].key != 0)
            i = (i + 1) & (size - 1);
        slots[i] = old[j];
    }
    PyMem_Free(old);
    t->slots = slots;
    t->mask = size - 1;
    return 0;
}

/* Put key (a word when id >= 0, else a word's beginning) in the table. */
static int put(Table *t, uint32_t off, int len, uint64_t h, int32_t id) {
    const uint32_t *key = t->pool + off;
    size_t i = where(h, t->mask);
    for (;;) {
        Slot *s = &t->slots[i];
        if (s->key == 0) {
            s->key = off | ((uint32_t)len << LEN_SHIFT);
            s->id = id;
            t->count++;
            return t->count * 2 > t->mask + 1 ? grow(t) : 0;
        }
        if (KEY_LEN(s->key) == len && memcmp(t->pool + KEY_OFF(s->key), key, (size_t)len * sizeof(uint32_t)) == 0) {
            if (id >= 0 && s->id < 0)
                s->id = id;
            return 0;
        }
        i = (i + 1) & t->mask;
    }
}

/* The buffer of obj, which must be an array of one format of 8-byte items, aligned (format "d":
 * C doubles, array('d'); "q": array('q')), or a TypeError saying what it must be. */
static int array_of(PyObject *obj, Py_buffer *view, const char *format, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *f = view->format == NULL ? "B" : view->format;
    if (*f == '@' || *f == '=')
        f++;
    if (strcmp(f, format) != 0 || view->itemsize != 8 || (view->len > 0 && (uintptr_t)view->buf % 8 != 0)) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, what);
        return -1;
    }
    return 0;
}

static int doubles(PyObject *obj, Py_buffer *view) {
    return array_of(obj, view, "d", "logps must be an array of C doubles (array('d'))");
}

static void Table_dealloc(Table *self) {
    if (self->image != NULL) {
        Py_DECREF(self->image);
    } else {
        PyMem_Free(self->slots);
        PyMem_Free(self->pool);
    }
    if (self->logps != NULL)
        PyBuffer_Release(&self->logps_buffer);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Table_init(Table *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"words", "logps", "max_len", "unknown", NULL};
    PyObject *words, *values;
    Py_buffer logps;
    int max_len;
    double unknown;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "UOid", kwlist, &words, &values, &max_len, &unknown))
        return -1;
    if (doubles(values, &logps) < 0)
        return -1;
    int ok = -1;
    if (self->slots != NULL || self->logps != NULL) {
        PyErr_SetString(PyExc_TypeError, "a Table is made once");
        goto done;
    }
    if (max_len < 1 || max_len > MAX_PIECE) {
        PyErr_SetString(PyExc_ValueError, "max_len must be from 1 to 63");
        goto done;
    }
    if (logps.len % (Py_ssize_t)sizeof(double) != 0) {
        PyErr_SetString(PyExc_ValueError, "logps must hold whole doubles");
        goto done;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(words);
    int kind = PyUnicode_KIND(words);
    const void *data = PyUnicode_DATA(words);
    Py_ssize_t nlogps = logps.len / (Py_ssize_t)sizeof(double);
    /* count the words and the keys they make: each word (if short enough) and its beginnings */
    Py_ssize_t nwords = 0, keys = 0, start = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_READ(kind, data, i) == '\n') {
            Py_ssize_t len = i - start;
            if (len > max_len)
                len = max_len;
            keys += len;
            nwords++;
            start = i + 1;
        }
    }
    if (start != n) {
        PyErr_SetString(PyExc_ValueError, "words must end with a newline");
        goto done;
    }
    if (nwords != nlogps) {
        PyErr_SetString(PyExc_ValueError, "one log probability per word is needed");
        goto done;
    }
    if (n >= (Py_ssize_t)OFF_MASK || nwords >= (Py_ssize_t)INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "too many words");
        goto done;
    }
    size_t size = 1024; /* (keys counts a beginning once per word: the table grows as needed) */
    while (size < (size_t)keys / 2)
        size <<= 1;
    self->slots = PyMem_Calloc(size, sizeof(Slot));
    self->pool = PyMem_Malloc((n > 0 ? (size_t)n : 1) * sizeof(uint32_t));
    if (self->slots == NULL || self->pool == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    self->mask = size - 1;
    self->npool = (size_t)n;
    self->max_len = max_len;
    self->unknown = unknown;
    self->nwords = nwords;
    for (Py_ssize_t i = 0; i < n; i++)
        self->pool[i] = (uint32_t)PyUnicode_READ(kind, data, i);
    int32_t id = 0;
    start = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (self->pool[i] != '\n')
            continue;
        Py_ssize_t len = i - start;
        uint64_t h = SEED;
        for (Py_ssize_t k = 0; k < len && k < max_len; k++) {
            h = step(h, self->pool[start + k]);
            if (put(self, (uint32_t)start, (int)(k + 1), h, k + 1 == len ? id : -1) < 0)
                goto done;
        }
        id++;
        start = i + 1;
    }
    self->logps_buffer = logps;  /* held until the table goes */
    self->logps = logps.buf;
    return 0;
done:
    PyBuffer_Release(&logps);
    return ok;
}

/* The code points of a str, in buf (of room for n) or in memory of its own (*own, to free). */
static uint32_t *points(PyObject *text, uint32_t *buf, Py_ssize_t room, uint32_t **own) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    uint32_t *out = buf;
    *own = NULL;
    if (n > room) {
        out = *own = PyMem_Malloc((size_t)n * sizeof(uint32_t));
        if (out == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++)
        out[i] = (uint32_t)PyUnicode_READ(kind, data, i);
    return out;
}

#define ON_STACK 256

/* Segment text (Lexicon.segment), returning its spans and, with want_score, the score. */
static PyObject *segment(Table *self, PyObject *args, PyObject *kwds, int want_score) {
    static char *kwlist[] = {"text", "exclude", NULL};
    PyObject *text, *exclude = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U|U", kwlist, &text, &exclude))
        return NULL;
    if (self->logps == NULL) {
        PyErr_SetString(PyExc_TypeError, "the Table was not made");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t xl = exclude == NULL ? 0 : PyUnicode_GET_LENGTH(exclude);
    uint32_t sbuf[ON_STACK], xbuf[MAX_PIECE];
    uint32_t *own = NULL, *xown = NULL;
    double sc_buf[ON_STACK + 1], val_buf[ON_STACK + 1];
    Py_ssize_t end_buf[ON_STACK + 1];
    double *score = sc_buf, *value = val_buf;
    Py_ssize_t *end = end_buf;
    void *heap = NULL;
    PyObject *spans = NULL, *result = NULL;

    const uint32_t *s = points(text, sbuf, ON_STACK, &own);
    if (s == NULL)
        return NULL;
    const uint32_t *x = NULL;
    if (xl > 0 && xl <= self->max_len) {
        x = points(exclude, xbuf, MAX_PIECE, &xown);
        if (x == NULL)
            goto done;
    }
    if (n > ON_STACK) {
        heap = PyMem_Malloc((size_t)(n + 1) * (2 * sizeof(double) + sizeof(Py_ssize_t)));
        if (heap == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        score = heap;
        value = score + (n + 1);
        end = (Py_ssize_t *)(value + (n + 1));
    }
    score[n] = 0.0;
    end[n] = n;
    value[n] = 0.0;
    const double *logps = self->logps;
    const int max_len = self->max_len;
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        uint64_t h = step(SEED, s[i]);
        const Slot *one = find(self, s + i, 1, h);
        double v = self->unknown;
        if (one != NULL && one->id >= 0 && logps[one->id] != -HUGE_VAL)
            v = logps[one->id];
        double best_score = v + score[i + 1], best = v;
        Py_ssize_t e = i + 1;
        if (one != NULL) {
            for (int L = 2; L <= max_len && i + L <= n; L++) {
                h = step(h, s[i + L - 1]);
                const Slot *slot = find(self, s + i, L, h);
                if (slot == NULL)
                    break;
                if (slot->id < 0)
                    continue;
                if (x != NULL && L == xl && memcmp(s + i, x, (size_t)L * sizeof(uint32_t)) == 0)
                    continue;
                double w = logps[slot->id];
                double t = w + score[i + L];
                if (t > best_score) {
                    best_score = t;
                    e = i + L;
                    best = w;
                }
            }
        }
        score[i] = best_score;
        end[i] = e;
        value[i] = best;
    }
    spans = PyList_New(0);
    if (spans == NULL)
        goto done;
    double total = 0.0, comp = 0.0; /* as Python's sum() adds floats: Neumaier's sum since 3.12 */
    for (Py_ssize_t i = 0; i < n; i = end[i]) {
        PyObject *span = Py_BuildValue("(nn)", i, end[i]);
        if (span == NULL || PyList_Append(spans, span) < 0) {
            Py_XDECREF(span);
            goto done;
        }
        Py_DECREF(span);
#if PY_VERSION_HEX >= 0x030C0000
        double x = value[i], t = total + x;
        comp += fabs(total) >= fabs(x) ? (total - t) + x : (x - t) + total;
        total = t;
#else
        total += value[i];
#endif
    }
    if (comp != 0.0 && isfinite(comp))
        total += comp;
    if (want_score) {
        result = Py_BuildValue("(Od)", spans, total);
    } else {
        result = spans;
        Py_INCREF(result);
    }
done:
    Py_XDECREF(spans);
    PyMem_Free(heap);
    PyMem_Free(own);
    PyMem_Free(xown);
    return result;
}

static PyObject *Table_segment(Table *self, PyObject *args, PyObject *kwds) {
    return segment(self, args, kwds, 0);
}

static PyObject *Table_scored(Table *self, PyObject *args, PyObject *kwds) {
    return segment(self, args, kwds, 1);
}

/* Bloom(strings, bits=16): a set of strings (each ended by "\n") as a Bloom filter of `bits` bits a
 * string, for the sieves below: it may say that a string is in it that is not (one time in a
 * thousand or so), never that a string is not in it that is; a sieve so passes a little too much
 * and never too little, and what it passes is judged in Python as before. Bloom.image() and
 * load_bloom(image) keep it in the cache folder (a header of four 64-bit words, BLOOM_MAGIC, the
 * number of bits, the number of strings and a checksum, then the bits). */
/* BLOOM_FORMAT names the hashing (hash_of, mix, PROBES): a Bloom made otherwise answers wrongly
 * without a sign, so its number is in the magic (load_bloom refuses another) and in the name
 * speechlint keeps an image under (lexicon.cached_bloom). Change it with any of them. */
#define BLOOM_FORMAT 1
#define BLOOM_MAGIC (0x006d6f6f6c42534cULL | ((uint64_t)(0x30 + BLOOM_FORMAT) << 56)) /* "LSBloom1" */
#define PROBES 8

typedef struct {
    PyObject_HEAD
    PyObject *image;  /* the bytes that hold the header and the bits */
    const uint64_t *bits;
    uint64_t mask;    /* the number of bits - 1 (a power of two) */
} Bloom;

static PyTypeObject BloomType;

static inline uint64_t mix(uint64_t x) {  /* (splitmix64's finaliser) */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static int bloom_has(const Bloom *b, const uint32_t *key, int len) {
    uint64_t h = mix(hash_of(key, len)), step_ = (h >> 32) | 1;
    for (int i = 0; i < PROBES; i++, h += step_) {
        uint64_t at = h & b->mask;
        if (!(b->bits[at >> 6] & ((uint64_t)1 << (at & 63))))
            return 0;
    }
    return 1;
}

static uint64_t checksum(const char *buf, size_t size);

static void Bloom_dealloc(Bloom *self) {
    Py_XDECREF(self->image);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static Bloom *bloom_of(PyObject *image) {  /* (a checked image: the new Bloom holds it) */
    Bloom *b = (Bloom *)PyType_GenericNew(&BloomType, NULL, NULL);
    if (b == NULL)
        return NULL;
    Py_INCREF(image);
    b->image = image;
    uint64_t head[4];
    memcpy(head, PyBytes_AS_STRING(image), sizeof head);
    b->bits = (const uint64_t *)(PyBytes_AS_STRING(image) + sizeof head);
    b->mask = head[1] - 1;
    return b;
}

static PyObject *Bloom_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"strings", "bits", NULL};
    PyObject *strings;
    int per = 16;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U|i", kwlist, &strings, &per))
        return NULL;
    if (per < 1 || per > 64) {
        PyErr_SetString(PyExc_ValueError, "bits must be from 1 to 64");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(strings);
    int kind = PyUnicode_KIND(strings);
    const void *data = PyUnicode_DATA(strings);
    uint64_t count = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        count += PyUnicode_READ(kind, data, i) == '\n';
    if (n > 0 && PyUnicode_READ(kind, data, n - 1) != '\n') {
        PyErr_SetString(PyExc_ValueError, "strings must end with a newline");
        return NULL;
    }
    uint64_t nbits = 512;
    while (nbits < count * (uint64_t)per && nbits < ((uint64_t)1 << 40))
        nbits <<= 1;
    size_t size = 4 * 8 + nbits / 8;
    PyObject *image = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)size);
    if (image == NULL)
        return NULL;
    char *buf = PyBytes_AS_STRING(image);
    memset(buf, 0, size);
    uint64_t *bits = (uint64_t *)(buf + 32);
    uint32_t key[MAX_PIECE];
    int len = 0, too_long = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c != '\n') {
            if (len < MAX_PIECE)
                key[len] = (uint32_t)c;
            else
                too_long = 1;
            len++;
            continue;
        }
        if (!too_long) {  /* (a string longer than MAX_PIECE is never asked for) */
            uint64_t h = mix(hash_of(key, len)), step_ = (h >> 32) | 1;
            for (int k = 0; k < PROBES; k++, h += step_) {
                uint64_t at = h & (nbits - 1);
                bits[at >> 6] |= (uint64_t)1 << (at & 63);
            }
        }
        len = 0;
        too_long = 0;
    }
    uint64_t head[4] = {BLOOM_MAGIC, nbits, count, checksum(buf + 32, size - 32)};
    memcpy(buf, head, sizeof head);
    Bloom *b = bloom_of(image);
    Py_DECREF(image);
    return (PyObject *)b;
}

static PyObject *Bloom_image(Bloom *self, PyObject *unused) {
    Py_INCREF(self->image);
    return self->image;
}

static PyObject *Bloom_contains(Bloom *self, PyObject *args) {
    PyObject *text;
    if (!PyArg_ParseTuple(args, "U", &text))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > MAX_PIECE)
        Py_RETURN_FALSE;
    uint32_t key[MAX_PIECE];
    for (Py_ssize_t i = 0; i < n; i++)
        key[i] = (uint32_t)PyUnicode_READ_CHAR(text, i);
    return PyBool_FromLong(bloom_has(self, key, (int)n));
}

/* load_bloom(image): the Bloom of an image (Bloom.image()), refused (ValueError) if damaged. */
static PyObject *load_bloom(PyObject *module, PyObject *args) {
    PyObject *image;
    if (!PyArg_ParseTuple(args, "S", &image))
        return NULL;
    size_t size = (size_t)PyBytes_GET_SIZE(image);
    const char *buf = PyBytes_AS_STRING(image);
    uint64_t head[4];
    if (size < sizeof head) {
        PyErr_SetString(PyExc_ValueError, "not a Bloom filter: too short");
        return NULL;
    }
    memcpy(head, buf, sizeof head);
    if (head[0] != BLOOM_MAGIC || head[1] < 512 || (head[1] & (head[1] - 1)) != 0 || head[1] > ((uint64_t)1 << 40)
        || size != sizeof head + head[1] / 8 || checksum(buf + 32, size - 32) != head[3]) {
        PyErr_SetString(PyExc_ValueError, "not a Bloom filter of this build, or a damaged one");
        return NULL;
    }
    return (PyObject *)bloom_of(image);
}

static PyMethodDef Bloom_methods[] = {
    {"image", (PyCFunction)Bloom_image, METH_NOARGS, "image() -> bytes that load_bloom() reads back"},
    {"contains", (PyCFunction)Bloom_contains, METH_VARARGS,
     "contains(string) -> False if string is not in the set (True: it is, or seldom, it is not)"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject BloomType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "speechlint._segcore.Bloom",
    .tp_basicsize = sizeof(Bloom),
    .tp_dealloc = (destructor)Bloom_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A set of strings as a Bloom filter, for the sieves (see the module's doc).",
    .tp_methods = Bloom_methods,
    .tp_new = Bloom_new,
};

/* windows(words, masks, text, changes, counts, min_freq, lengths) -> [(k, L, i), ...]
 * The windows of char-slip (kinds/charslip.py, slips()) that may offer a correction: for the k-th
 * change (a, sym) of changes, each L of lengths and each start i of a window of L characters of
 * text that holds both a and sym (i from max(a, sym) - L + 1 to min(a, sym, len(text) - L), in
 * this order), the window passes if its shape with the character at a masked (体? for 体系) may
 * be a key of the index (masks: a Bloom of its keys), or if a swap of that character with a
 * neighbour (different from it) makes a word of words whose count (counts, an array('q') by the
 * words' ids) is at least min_freq. These are what every correction slips() tries needs (a window
 * the Bloom lets through in error offers none); slips() judges the windows that pass as before. */
static PyObject *windows(PyObject *module, PyObject *args) {
    Table *words;
    Bloom *masks;
    PyObject *text, *changes, *countsobj, *lengths;
    long long min_freq;
    if (!PyArg_ParseTuple(args, "O!O!UOOLO", &TableType, &words, &BloomType, &masks, &text, &changes,
                          &countsobj, &min_freq, &lengths))
        return NULL;
    if (words->logps == NULL || masks->image == NULL) {
        PyErr_SetString(PyExc_TypeError, "the Table or the Bloom was not made");
        return NULL;
    }
    Py_buffer counts;
    const char *what = "counts must be an array('q') of one count per word";
    if (array_of(countsobj, &counts, "q", what) < 0)
        return NULL;
    PyObject *result = NULL, *found = NULL, *seq = NULL, *lens = NULL;
    uint32_t sbuf[ON_STACK], *own = NULL;
    if (counts.len != (Py_ssize_t)(words->nwords * 8)) {
        PyErr_SetString(PyExc_TypeError, what);
        goto done;
    }
    const long long *count = counts.buf;
    /* (copies of their own, which the conversions below, calling a caller's __index__, cannot change) */
    seq = PySequence_Tuple(changes);
    lens = seq == NULL ? NULL : PySequence_Tuple(lengths);
    if (lens == NULL)
        goto done;
    Py_ssize_t nl = PyTuple_GET_SIZE(lens), Ls[8];
    if (nl > 8) {
        PyErr_SetString(PyExc_ValueError, "at most 8 lengths");
        goto done;
    }
    for (Py_ssize_t li = 0; li < nl; li++) {
        Ls[li] = PyLong_AsSsize_t(PyTuple_GET_ITEM(lens, li));
        if (Ls[li] == -1 && PyErr_Occurred())
            goto done;
        if (Ls[li] < 1 || Ls[li] > MAX_PIECE) {
            PyErr_SetString(PyExc_ValueError, "a length must be from 1 to 63");
            goto done;
        }
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const uint32_t *s = points(text, sbuf, ON_STACK, &own);
    if (s == NULL)
        goto done;
    found = PyList_New(0);
    if (found == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(seq); k++) {
        Py_ssize_t a, sym;
        if (!PyArg_ParseTuple(PyTuple_GET_ITEM(seq, k), "nn", &a, &sym))
            goto done;
        if (a < 0 || sym < 0 || a >= n || sym >= n) {
            PyErr_SetString(PyExc_ValueError, "a change outside the text");
            goto done;
        }
        for (Py_ssize_t li = 0; li < nl; li++) {
            Py_ssize_t L = Ls[li];
            Py_ssize_t first = (a > sym ? a : sym) - L + 1, last = (a < sym ? a : sym);
            if (first < 0)
                first = 0;
            if (last > n - L)
                last = n - L;
            for (Py_ssize_t i = first; i <= last; i++) {
                uint32_t key[MAX_PIECE];
                Py_ssize_t p = a - i;
                memcpy(key, s + i, (size_t)L * sizeof(uint32_t));
                key[p] = '?';
                int pass = bloom_has(masks, key, (int)L);
                const Slot *slot;
                for (Py_ssize_t q = p - 1; !pass && q <= p; q++) {
                    if (q < 0 || q + 1 >= L || s[i + q] == s[i + q + 1])
                        continue;
                    memcpy(key, s + i, (size_t)L * sizeof(uint32_t));
                    key[q] = s[i + q + 1];
                    key[q + 1] = s[i + q];
                    slot = find(words, key, (int)L, hash_of(key, (int)L));
                    pass = slot != NULL && slot->id >= 0 && count[slot->id] >= min_freq;
                }
                if (pass) {
                    PyObject *window = Py_BuildValue("(nnn)", k, L, i);
                    if (window == NULL || PyList_Append(found, window) < 0) {
                        Py_XDECREF(window);
                        goto done;
                    }
                    Py_DECREF(window);
                }
            }
        }
    }
    result = found;
    found = NULL;
done:
    Py_XDECREF(found);
    Py_XDECREF(seq);
    Py_XDECREF(lens);
    PyMem_Free(own);
    PyBuffer_Release(&counts);
    return result;
}

/* places(known, swapped, targets, index, text, heard, L, swap, near, look, lone) -> [i, ...]
 * near-miss's Sieve.places (kinds/nearmiss.py) over four tables of strings: the starts i of the
 * stretches of L characters of text, in order, whose sounds (heard: text with each character
 * written as its sound class, of text's length) are a known form's (known); with swap, where a
 * pair of neighbours reversed is a pair of a known form (swapped) and the stretch with it
 * reversed is a known form (targets); with near, where the stretch with any one character
 * masked (体? for 体系) is a key of index; else, with look, the same only for the characters at
 * the positions lone. The four sets are Blooms: a few starts more may pass, whose stretches
 * scan() finds nothing for, never one less. */
static PyObject *places(PyObject *module, PyObject *args) {
    Bloom *known, *swapped, *targets, *index;
    PyObject *text, *heard, *lone;
    Py_ssize_t L;
    int swap, near, look;
    if (!PyArg_ParseTuple(args, "O!O!O!O!UUnpppO", &BloomType, &known, &BloomType, &swapped, &BloomType, &targets,
                          &BloomType, &index, &text, &heard, &L, &swap, &near, &look, &lone))
        return NULL;
    if (known->image == NULL || swapped->image == NULL || targets->image == NULL || index->image == NULL) {
        PyErr_SetString(PyExc_TypeError, "a Bloom was not made");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_GET_LENGTH(heard) != n || L < 1 || L > MAX_PIECE) {
        PyErr_SetString(PyExc_ValueError, "heard must be as long as text, and L from 1 to 63");
        return NULL;
    }
    Py_ssize_t last = n - L + 1;
    if (last <= 0)
        return PyList_New(0);
    uint32_t sbuf[ON_STACK], hbuf[ON_STACK], *sown = NULL, *hown = NULL;
    char *found = NULL;
    PyObject *seq = NULL, *result = NULL;
    const uint32_t *s = points(text, sbuf, ON_STACK, &sown);
    const uint32_t *h = s == NULL ? NULL : points(heard, hbuf, ON_STACK, &hown);
    if (h == NULL)
        goto done;
    found = PyMem_Calloc((size_t)last, 1);
    if (found == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    uint32_t key[MAX_PIECE];
    for (Py_ssize_t i = 0; i < last; i++)
        found[i] = (char)bloom_has(known, h + i, (int)L);
    if (swap) {
        for (Py_ssize_t k = 0; k + 1 < n; k++) {
            uint32_t pair[2] = {s[k + 1], s[k]};
            if (!bloom_has(swapped, pair, 2))
                continue;
            Py_ssize_t lo = k + 2 - L < 0 ? 0 : k + 2 - L, hi = k < last - 1 ? k : last - 1;
            for (Py_ssize_t i = lo; i <= hi; i++) {
                memcpy(key, s + i, (size_t)L * sizeof(uint32_t));
                key[k - i] = s[k + 1];
                key[k + 1 - i] = s[k];
                if (bloom_has(targets, key, (int)L))
                    found[i] = 1;
            }
        }
    }
    if (near) {
        for (Py_ssize_t p = 0; p < L; p++)
            for (Py_ssize_t i = 0; i < last; i++) {
                memcpy(key, s + i, (size_t)L * sizeof(uint32_t));
                key[p] = '?';
                if (bloom_has(index, key, (int)L))
                    found[i] = 1;
            }
    } else if (look) {
        seq = PySequence_Tuple(lone);  /* (a copy of its own, as in windows()) */
        if (seq == NULL)
            goto done;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(seq); j++) {
            int overflow;
            long long q = PyLong_AsLongLongAndOverflow(PyTuple_GET_ITEM(seq, j), &overflow);
            if (q == -1 && PyErr_Occurred())
                goto done;
            if (overflow || q < 0 || q >= n)
                continue;  /* (no stretch of text holds it, as in Python) */
            for (Py_ssize_t p = 0; p < L; p++) {
                Py_ssize_t i = q - p;
                if (i < 0 || i >= last)
                    continue;
                memcpy(key, s + i, (size_t)L * sizeof(uint32_t));
                key[p] = '?';
                if (bloom_has(index, key, (int)L))
                    found[i] = 1;
            }
        }
    }
    result = PyList_New(0);
    if (result == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < last; i++) {
        if (!found[i])
            continue;
        PyObject *at = PyLong_FromSsize_t(i);
        if (at == NULL || PyList_Append(result, at) < 0) {
            Py_XDECREF(at);
            Py_CLEAR(result);
            goto done;
        }
        Py_DECREF(at);
    }
done:
    Py_XDECREF(seq);
    PyMem_Free(found);
    PyMem_Free(sown);
    PyMem_Free(hown);
    return result;
}

/* The image of a table, which load() reads back: a header of seven 64-bit words (MAGIC, max_len,
 * the number of slots, of code points in the pool, of words, the bytes of a double, as a check
 * of the machine, and a checksum of the rest), then the slots, then the pool, padded to 8 bytes. */
#define MAGIC 0x3276656773534cULL /* "SLsegv2" */
#define FORMAT 3
#define HEADER 7

static uint64_t checksum(const char *buf, size_t size) {
    uint64_t h = 0x243f6a8885a308d3ULL, w;
    for (size_t i = 0; i + 8 <= size; i += 8) {
        memcpy(&w, buf + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 31;
    }
    return h;
}

static PyObject *Table_image(Table *self, PyObject *unused) {
    if (self->logps == NULL) {
        PyErr_SetString(PyExc_TypeError, "the Table was not made");
        return NULL;
    }
    size_t nslots = self->mask + 1, npool = self->npool;
    size_t size = HEADER * 8 + nslots * sizeof(Slot) + ((npool + 1) & ~(size_t)1) * sizeof(uint32_t);
    PyObject *out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)size);
    if (out == NULL)
        return NULL;
    char *buf = PyBytes_AS_STRING(out);
    memset(buf, 0, size);
    memcpy(buf + HEADER * 8, self->slots, nslots * sizeof(Slot));
    memcpy(buf + HEADER * 8 + nslots * sizeof(Slot), self->pool, npool * sizeof(uint32_t));
    uint64_t head[HEADER] = {MAGIC, (uint64_t)self->max_len, nslots, npool, (uint64_t)self->nwords, sizeof(double),
                             checksum(buf + HEADER * 8, size - HEADER * 8)};
    memcpy(buf, head, sizeof head);
    return out;
}

/* load(image, logps, unknown): the table of an image (Table.image()), its memory the image's
 * own. Every slot is checked: a damaged image is refused (ValueError), never read past its end,
 * and a table without an empty slot (where a search would never end) is refused too. */
static PyObject *load(PyObject *module, PyObject *args) {
    PyObject *image, *values;
    Py_buffer logps;
    double unknown;
    if (!PyArg_ParseTuple(args, "SOd", &image, &values, &unknown))
        return NULL;
    if (doubles(values, &logps) < 0)
        return NULL;
    Table *t = NULL;
    const char *buf = PyBytes_AS_STRING(image);
    size_t size = (size_t)PyBytes_GET_SIZE(image);
    uint64_t head[HEADER];
    const char *bad = NULL;
    if (size < sizeof head) {
        bad = "too short";
        goto fail;
    }
    memcpy(head, buf, sizeof head);
    uint64_t max_len = head[1], nslots = head[2], npool = head[3], nwords = head[4];
    if (head[0] != MAGIC || head[5] != sizeof(double) || max_len < 1 || max_len > MAX_PIECE) {
        bad = "not a table of this build";
        goto fail;
    }
    if (nslots < 2 || (nslots & (nslots - 1)) != 0 || nslots > ((uint64_t)1 << 40) || npool >= OFF_MASK
        || nwords >= (uint64_t)INT32_MAX
        || size != HEADER * 8 + nslots * sizeof(Slot) + ((npool + 1) & ~(uint64_t)1) * sizeof(uint32_t)) {
        bad = "sizes do not agree";
        goto fail;
    }
    if (checksum(buf + HEADER * 8, size - HEADER * 8) != head[6]) {
        bad = "its checksum does not hold";
        goto fail;
    }
    if (logps.len != (Py_ssize_t)(nwords * sizeof(double))) {
        bad = "one log probability per word is needed";
        goto fail;
    }
    const Slot *slots = (const Slot *)(buf + HEADER * 8);
    size_t empty = 0;
    for (size_t i = 0; i < nslots; i++) {
        uint32_t key = slots[i].key;
        if (key == 0) {
            empty++;
            continue;
        }
        uint64_t len = (uint64_t)KEY_LEN(key), off = KEY_OFF(key);
        if (len < 1 || len > max_len || off + len > npool || slots[i].id < -1 || slots[i].id >= (int64_t)nwords) {
            bad = "a slot points outside the table";
            goto fail;
        }
    }
    if (empty * 2 < nslots) {  /* (the table is made at most half full: a search ends soon) */
        bad = "too full";
        goto fail;
    }
    t = (Table *)PyType_GenericNew(&TableType, NULL, NULL);
    if (t == NULL)
        goto fail;
    Py_INCREF(image);
    t->image = image;
    t->slots = (Slot *)slots;
    t->pool = (uint32_t *)(buf + HEADER * 8 + nslots * sizeof(Slot));
    t->mask = (size_t)nslots - 1;
    t->npool = (size_t)npool;
    t->count = (size_t)(nslots - empty);
    t->nwords = (Py_ssize_t)nwords;
    t->max_len = (int)max_len;
    t->unknown = unknown;
    t->logps_buffer = logps;
    t->logps = logps.buf;
    return (PyObject *)t;
fail:
    if (bad != NULL)
        PyErr_Format(PyExc_ValueError, "not a segmentation table: %s", bad);
    PyBuffer_Release(&logps);
    return NULL;
}

static PyMethodDef Table_methods[] = {
    {"image", (PyCFunction)Table_image, METH_NOARGS,
     "image() -> bytes that load() reads back into the same table"},
    {"segment", (PyCFunction)(void (*)(void))Table_segment, METH_VARARGS | METH_KEYWORDS,
     "segment(text, exclude='') -> the spans of the maximum-probability segmentation"},
    {"scored", (PyCFunction)(void (*)(void))Table_scored, METH_VARARGS | METH_KEYWORDS,
     "scored(text, exclude='') -> (spans, the sum of their log probabilities)"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "speechlint._segcore.Table",
    .tp_basicsize = sizeof(Table),
    .tp_dealloc = (destructor)Table_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The dictionary's words as segmentation reads them (see the module's doc).",
    .tp_methods = Table_methods,
    .tp_init = (initproc)Table_init,
    .tp_new = PyType_GenericNew,
};

static PyMethodDef module_methods[] = {
    {"load", load, METH_VARARGS, "load(image, logps, unknown) -> the Table of an image (Table.image())"},
    {"load_bloom", load_bloom, METH_VARARGS, "load_bloom(image) -> the Bloom of an image (Bloom.image())"},
    {"places", places, METH_VARARGS,
     "places(known, swapped, targets, index, text, heard, L, swap, near, look, lone) -> near-miss's places"},
    {"windows", windows, METH_VARARGS,
     "windows(words, masks, text, changes, counts, min_freq, lengths) -> the windows char-slip judges"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef segcore = {
    PyModuleDef_HEAD_INIT, "speechlint._segcore",
    "Maximum-probability segmentation over a dictionary, in C (see lexicon.Lexicon.native).",
    -1, module_methods,
};

PyMODINIT_FUNC PyInit__segcore(void) {
    if (PyType_Ready(&TableType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&segcore);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "FORMAT", FORMAT) < 0 || PyModule_AddIntConstant(m, "BLOOM_FORMAT", BLOOM_FORMAT) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    if (PyType_Ready(&BloomType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&BloomType);
    if (PyModule_AddObject(m, "Bloom", (PyObject *)&BloomType) < 0) {
        Py_DECREF(&BloomType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&TableType);
    if (PyModule_AddObject(m, "Table", (PyObject *)&TableType) < 0) {
        Py_DECREF(&TableType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
