#!/usr/bin/env python3
"""Build the legacy-encoding fixtures of textwash's decode stage.

Reads text we wrote (the truth articles in corpora/source/ and the extra texts in
corpora/encodings/texts/), encodes each in the encodings that serve its language, and writes

    corpora/encodings/<encoding>/<slug>.txt            the whole text, encoded ("long")
    corpora/encodings/<encoding>/<slug>.short<N>.txt   one paragraph cut to at most 200 bytes
    corpora/encodings/<encoding>/<slug>[.short<N>].utf8  the truth: what decoding must give
    corpora/encodings/README.md                        what is where (generated)

A character the encoding cannot represent is handled the way a writer of that time would
have: typographic punctuation falls back to ASCII (“ ” to ", — to -, € to EUR, ...), and the
truth is the text after that fallback. A *letter* that cannot be represented aborts the
build: the pairing of language and encoding is wrong. windows-1258 writes Vietnamese the
Windows way, base letters plus combining tone marks, and its truth is that form (not NFC).

Every fixture is checked to decode back to its truth with Python's codec; for Shift_JIS,
GBK and Big5 the text must also read the same in the web's supersets (windows-31j, GB18030,
cp950), which encoding_rs implements. `cargo test` checks the fixtures again with encoding_rs
(forced decoding must give the truth) before it checks detection.

Python 3 standard library only; deterministic. Run from anywhere:
    python3 corpora/encodings/build.py
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = [os.path.join(HERE, "..", "source"), os.path.join(HERE, "texts")]

SHORT_MAX = 200  # bytes, including a BOM and the final newline
SHORTS_PER_TEXT = 4

# (directory, Python codec, byte-order mark, texts). The directory is the WHATWG label,
# with -bom / -nobom for UTF-16.
FIXTURES = [
    ("windows-1250", "cp1250", b"", ["11_pl_tramwaj", "12_cs_plisne"]),
    ("windows-1251", "cp1251", b"", ["16_ru_nauka", "17_uk_biblioteka"]),
    ("windows-1252", "cp1252", b"", ["06_fr_presse", "07_de_nachtzug", "08_es_calor", "09_pt_temporal", "10_it_affreschi"]),
    ("windows-1253", "cp1253", b"", ["18_el_akropoli"]),
    ("windows-1254", "cp1254", b"", ["13_tr_metrobus"]),
    ("windows-1255", "cp1255", b"", ["20_he_chaishan"]),
    ("windows-1256", "cp1256", b"", ["19_ar_tahlia"]),
    ("windows-1257", "cp1257", b"", ["lt_tiltas"]),
    ("windows-1258", "cp1258", b"", ["14_vi_mualon"]),
    ("iso-8859-1", "latin_1", b"", ["08_es_calor", "09_pt_temporal", "15_is_eldgos"]),
    ("iso-8859-2", "iso8859_2", b"", ["11_pl_tramwaj", "12_cs_plisne"]),
    ("iso-8859-5", "iso8859_5", b"", ["16_ru_nauka"]),
    ("iso-8859-7", "iso8859_7", b"", ["18_el_akropoli"]),
    ("iso-8859-9", "iso8859_9", b"", ["13_tr_metrobus"]),
    ("iso-8859-15", "iso8859_15", b"", ["06_fr_presse", "07_de_nachtzug"]),
    ("iso-8859-16", "iso8859_16", b"", ["ro_tramvai"]),
    ("koi8-r", "koi8_r", b"", ["16_ru_nauka"]),
    ("koi8-u", "koi8_u", b"", ["17_uk_biblioteka"]),
    ("ibm866", "cp866", b"", ["16_ru_nauka"]),
    ("x-mac-cyrillic", "mac_cyrillic", b"", ["16_ru_nauka"]),
    ("shift_jis", "shift_jis", b"", ["23_ja_ooyuki"]),
    ("euc-jp", "euc_jp", b"", ["23_ja_ooyuki"]),
    ("iso-2022-jp", "iso2022_jp", b"", ["23_ja_ooyuki"]),
    ("gbk", "gbk", b"", ["22_zh_qishou"]),
    ("gb18030", "gb18030", b"", ["22_zh_qishou", "zh_kafeiji"]),
    ("big5", "big5", b"", ["zh-hant_jieyun"]),
    ("euc-kr", "euc_kr", b"", ["24_ko_haeundae"]),
    ("utf-16le-bom", "utf-16-le", b"\xff\xfe", ["21_hi_barish", "16_ru_nauka"]),
    ("utf-16be-bom", "utf-16-be", b"\xfe\xff", ["22_zh_qishou", "07_de_nachtzug"]),
    ("utf-16le-nobom", "utf-16-le", b"", ["07_de_nachtzug", "16_ru_nauka", "21_hi_barish", "23_ja_ooyuki"]),
    ("utf-16be-nobom", "utf-16-be", b"", ["06_fr_presse", "18_el_akropoli", "22_zh_qishou", "24_ko_haeundae"]),
    ("utf-8", "utf-8", b"", ["09_pt_temporal", "20_he_chaishan"]),
]

# What a writer without the character typed instead. Only punctuation and symbols: a
# letter that does not fit means the wrong encoding was chosen for the language.
FALLBACK = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'",
    "–": "-", "—": "-", "−": "-", "־": "-",
    "…": "...", "€": "EUR", "₺": "TL", "₪": "NIS", "№": "N", "°": "", "±": "+/-",
    "×": "x", "½": "1/2", "µ": "u", "\u00a0": " ", "\u200d": "", "℃": "C", "״": '"', "،": ",",
}

# Web supersets that encoding_rs decodes with: the text must read the same in them.
SUPERSET = {"shift_jis": "cp932", "gbk": "gb18030", "big5": "cp950", "euc_kr": "cp949"}


def read_text(name: str) -> str:
    for directory in SOURCES:
        path = os.path.join(directory, name + ".txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                return f.read()
    sys.exit(f"no text {name}.txt in {SOURCES}")


def encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def cp1258_form(ch: str) -> str:
    """A precomposed Vietnamese letter as windows-1258 writes it: the letter without its
    tone (precomposed where windows-1258 has it: â, ê, ô, ơ, ư, ă), then the tone as a
    combining mark."""
    if encodable(ch, "cp1258"):
        return ch
    decomposed = unicodedata.normalize("NFD", ch)
    tones = "".join(m for m in decomposed[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
    base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
    return base + tones if encodable(base + tones, "cp1258") else ch


def adapt(text: str, codec: str) -> str:
    """The text as it would have been written in `codec` (see the module docs)."""
    out = []
    for ch in text:
        if codec == "cp1258":
            ch = cp1258_form(ch)
        if all(encodable(c, codec) for c in ch):
            out.append(ch)
        elif ch in FALLBACK:
            out.append(FALLBACK[ch])
        elif unicodedata.category(ch[0]) == "So":
            pass  # an emoji or pictograph: left out
        else:
            sys.exit(f"{codec} cannot write {ch!r} (U+{ord(ch[0]):04X}): wrong language for this encoding")
    return "".join(out)


def encode(text: str, codec: str, bom: bytes) -> bytes:
    data = bom + text.encode(codec)
    if data[len(bom):].decode(codec) != text:
        sys.exit(f"{codec} does not round-trip {text[:40]!r}")
    if codec in SUPERSET and data.decode(SUPERSET[codec]) != text:
        sys.exit(f"{codec} and {SUPERSET[codec]} read {text[:40]!r} differently")
    return data


SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", "»", "」", '"', "”")


def short(paragraph: str, codec: str, bom: bytes) -> str | None:
    """The longest prefix of `paragraph` that fits SHORT_MAX bytes (with its newline),
    cut after a sentence if possible, else at a space, else (CJK) after any character.
    None when the paragraph has no non-ASCII character (such a document is trivially
    right)."""
    if paragraph.isascii():
        return None
    size = lambda s: len(bom) + len((s + "\n").encode(codec))  # noqa: E731
    if size(paragraph) <= SHORT_MAX:
        return paragraph
    fits = [i for i in range(1, len(paragraph) + 1) if size(paragraph[:i].rstrip()) <= SHORT_MAX]
    end = max(fits)
    cuts = [i for i in range(1, end + 1) if paragraph[i - 1] in SENTENCE_ENDS and (i == len(paragraph) or paragraph[i] == " ")]
    if not cuts:
        cuts = [i for i in range(1, end + 1) if i < len(paragraph) and paragraph[i] == " "]
    if not cuts or (" " not in paragraph[:end] and not cuts):
        cuts = [end]
    prefix = paragraph[: max(cuts)].rstrip()
    return prefix if not prefix.isascii() else None


def write(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


def main() -> None:
    table = []
    total = {"long": 0, "short": 0}
    for directory, codec, bom, names in FIXTURES:
        out = os.path.join(HERE, directory)
        if os.path.isdir(out):
            shutil.rmtree(out)
        os.makedirs(out)
        for name in names:
            slug = name.split("_", 1)[1] if name[:2].isdigit() else name
            truth = adapt(read_text(name), codec)
            write(os.path.join(out, slug + ".txt"), encode(truth, codec, bom))
            write(os.path.join(out, slug + ".utf8"), truth.encode("utf-8"))
            total["long"] += 1
            shorts = 0
            for number, paragraph in enumerate((p for p in truth.split("\n") if p.strip()), start=1):
                if shorts == SHORTS_PER_TEXT:
                    break
                text = short(paragraph, codec, bom)
                if text is None:
                    continue
                text += "\n"
                data = encode(text, codec, bom)
                assert len(data) <= SHORT_MAX, (directory, slug, number, len(data))
                write(os.path.join(out, f"{slug}.short{number}.txt"), data)
                write(os.path.join(out, f"{slug}.short{number}.utf8"), text.encode("utf-8"))
                shorts += 1
            total["short"] += shorts
            table.append((directory, slug, len(encode(truth, codec, bom)), shorts))
    write_readme(table, total)
    print(f"{total['long']} long and {total['short']} short fixtures in {len(FIXTURES)} encodings")


def write_readme(table, total) -> None:
    lines = [
        "# Encoding fixtures",
        "",
        "Documents in legacy encodings for the decode stage's tests, **encoded by `build.py` from",
        "text written for this project** (`../source/*.txt`, the sample corpus's truth articles, and",
        "`texts/*.txt`). This file is generated by `build.py`; edit the recipes there.",
        "",
        "    python3 corpora/encodings/build.py",
        "",
        "| path | what |",
        "|---|---|",
        "| `<encoding>/<slug>.txt` | a whole article in that encoding (\"long\") |",
        "| `<encoding>/<slug>.shortN.txt` | paragraph N, cut to at most 200 bytes (\"short\"); only paragraphs with a non-ASCII character |",
        "| `<encoding>/*.utf8` | the truth beside each fixture: the exact text decoding must give |",
        "",
        "`<encoding>` is the WHATWG label; `utf-16le-bom`/`-nobom` say whether a byte-order mark",
        "leads. Punctuation an encoding lacks fell back to ASCII before encoding (the truth has the",
        "fallback); windows-1258 keeps Vietnamese in its Windows form, base letter plus combining",
        "tone mark. `tests/it/encodings.rs` decodes every fixture and compares it with its truth;",
        "`scripts/compare-decode.py` measures textwash, chardet and charset-normalizer on them.",
        "",
        f"{total['long']} long and {total['short']} short documents in {len(FIXTURES)} encodings:",
        "",
        "| encoding | text | bytes (long) | shorts |",
        "|---|---|---|---|",
    ]
    lines += [f"| {d} | {s} | {n} | {k} |" for d, s, n, k in table]
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
