//! What kind of character a character is, and how common it is in real
//! text: the vocabulary the mojibake score is written in.
//!
//! The classes are coarse on purpose. Mojibake is recognised by shapes real
//! text almost never has (an accented capital inside a lowercase word, a
//! currency sign glued between two letters, a Cyrillic letter in a Latin
//! word, a C1 control), and a repair is accepted when its result has fewer
//! of them; neither needs more than a letter's script and case, a symbol's
//! place at a word's edge, and a rough rarity.
//!
//! Rarity is what a character's presence in text says about the text: 0 for
//! characters of living orthographies and everyday punctuation, 1 for the
//! uncommon (Pinyin tone letters, math operators, box drawing, minority
//! Cyrillic letters), 2 for what practically only appears by accident
//! (IPA, archaic letters, Syriac, NKo, phonetic extensions, compatibility
//! forms), and [`Kind::Invalid`] for what never should (private use,
//! unassigned code points, noncharacters).

use std::sync::LazyLock;

/// The writing system of a letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    /// Syriac, Thaana, NKo, Samaritan, Mandaic: right-to-left scripts that
    /// decoded mojibake lands in by accident far more often than by design.
    RareRtl,
    /// Devanagari and the other Brahmic scripts of India and Sri Lanka.
    Indic,
    /// Thai, Lao, Khmer, Myanmar, Tibetan.
    SouthEastAsian,
    Georgian,
    Ethiopic,
    Hangul,
    /// Han ideographs, kana, Bopomofo and full-width forms: the scripts of
    /// Chinese and Japanese text, which mix freely.
    Cjk,
    /// Everything else.
    Other,
    /// U+FFFD: a character that was lost, of any script.
    Unknown,
}

impl Script {
    /// Every script.
    pub(super) const ALL: [Script; 15] = [
        Script::Latin,
        Script::Greek,
        Script::Cyrillic,
        Script::Armenian,
        Script::Hebrew,
        Script::Arabic,
        Script::RareRtl,
        Script::Indic,
        Script::SouthEastAsian,
        Script::Georgian,
        Script::Ethiopic,
        Script::Hangul,
        Script::Cjk,
        Script::Other,
        Script::Unknown,
    ];

    /// How odd it is for letters of `self` and `other` to touch inside a
    /// word, in score points.
    pub(super) fn mix_cost(self, other: Script) -> f32 {
        use Script::{Cjk, Greek, Hangul, Latin};
        match (self, other) {
            _ if self == other => 0.0,
            (Script::Unknown, _) | (_, Script::Unknown) => 0.0,
            (Cjk, Hangul) | (Hangul, Cjk) => 0.5,
            (Latin, Cjk | Hangul) | (Cjk | Hangul, Latin) => 0.5,
            (Latin, Greek) | (Greek, Latin) => 0.5,
            _ => 3.0,
        }
    }
}

/// Letter case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Case {
    Upper,
    Lower,
    /// Scripts without case, and modifier letters.
    None,
}

/// What a character is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// White space, including the no-break space.
    Space,
    Digit,
    Letter(Script, Case),
    /// A combining mark: sits on the character before it.
    Mark,
    /// Punctuation.
    Punct,
    /// Symbols: currency, math, arrows, box drawing, letterlike.
    Symbol,
    /// Pictographs and dingbats, which ZWJ and variation selectors join.
    Emoji,
    /// Invisible format characters: ZWJ, variation selectors, soft hyphen,
    /// direction marks, the byte-order mark.
    Format,
    /// C0 controls other than tab and line breaks, and C1 controls.
    Control,
    /// Private use, unassigned code points, noncharacters.
    Invalid,
}

/// A character's kind and rarity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Class {
    pub kind: Kind,
    pub rarity: u8,
}

const fn class(kind: Kind, rarity: u8) -> Class {
    Class { kind, rarity }
}

impl Class {
    pub(super) fn script(self) -> Option<Script> {
        match self.kind {
            Kind::Letter(s, _) => Some(s),
            _ => None,
        }
    }

    pub(super) fn is_letter(self) -> bool {
        matches!(self.kind, Kind::Letter(..))
    }

    /// Letters, digits and marks: what words are made of.
    pub(super) fn is_wordlike(self) -> bool {
        matches!(self.kind, Kind::Letter(..) | Kind::Digit | Kind::Mark)
    }

    pub(super) fn is_symbolic(self) -> bool {
        matches!(self.kind, Kind::Punct | Kind::Symbol | Kind::Emoji)
    }
}

fn letter(c: char, script: Script, rarity: u8) -> Class {
    let case = if c.is_uppercase() {
        Case::Upper
    } else if c.is_lowercase() {
        Case::Lower
    } else {
        Case::None
    };
    class(Kind::Letter(script, case), rarity)
}

/// Classifies `c`: from tables below U+2000 (where mojibake lives, the
/// Indic and Thai letters its repairs give, whose classes need the
/// standard library's slower property lookups, and the Vietnamese letters
/// of Latin Extended Additional, one in seven letters of Vietnamese
/// text) and for punctuation, kana and the full-width forms, and by ranges
/// elsewhere. Always inlined: the cost model asks it of every character of
/// every word it weighs, and the scan of both characters of most pairs (two
/// million calls in the first 5 MB of heavily mojibaked text); `#[inline]`
/// alone left them calls.
#[inline(always)]
pub(super) fn classify(c: char) -> Class {
    let cp = c as u32;
    match cp {
        0..0x2000 => LOW[cp as usize],
        0x2000..0x2C00 => PUNCTUATION[(cp - 0x2000) as usize],
        0x3000..0x3400 => CJK[(cp - 0x3000) as usize],
        0xFF00..0x10000 => FULL_WIDTH[(cp - 0xFF00) as usize],
        0x4E00..=0x9FFF => class(Kind::Letter(Script::Cjk, Case::None), 0),
        0xAC00..=0xD7A3 => class(Kind::Letter(Script::Hangul, Case::None), 0),
        _ => classify_slow(c),
    }
}

static LOW: LazyLock<Box<[Class]>> = LazyLock::new(|| table(0..0x2000));
/// Punctuation, symbols and box drawing, which mojibake is full of.
static PUNCTUATION: LazyLock<Box<[Class]>> = LazyLock::new(|| table(0x2000..0x2C00));
/// Kana, CJK punctuation and the full-width forms: CJK text, and what the
/// repair of CJK mojibake gives.
static CJK: LazyLock<Box<[Class]>> = LazyLock::new(|| table(0x3000..0x3400));
static FULL_WIDTH: LazyLock<Box<[Class]>> = LazyLock::new(|| table(0xFF00..0x10000));

/// Builds the tables of [`classify`] and [`read_sequence`] now rather than
/// on the first line that needs them (see [`super::Repairer::new`]).
pub(super) fn build_tables() {
    for table in [&LOW, &PUNCTUATION, &CJK, &FULL_WIDTH] {
        LazyLock::force(table);
    }
    LazyLock::force(&LIKELY_BMP);
}

/// The non-ASCII characters of `text` and where they start, skipping ASCII
/// a byte at a time rather than a character at a time: most lines with a
/// little mojibake are mostly ASCII.
pub(super) fn non_ascii(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + text.as_bytes()[at..].iter().position(|&b| b >= 0x80)?;
        let c = text[start..].chars().next()?;
        at = start + c.len_utf8();
        Some((start, c))
    })
}

/// Whether `c` is a character real text has: not a control, a private-use
/// or unassigned code point, nor one of the rarest. What a UTF-8 sequence
/// read from mojibake must decode to for the reading to count.
pub(super) fn likely(c: char) -> bool {
    let class = classify(c);
    class.rarity < 2 && !matches!(class.kind, Kind::Invalid | Kind::Control)
}

/// Whether the UTF-8 sequence `bytes` (a lead byte and its continuation
/// bytes, each 0x80..=0xBF) decodes to a [`likely`] character; `None` when
/// it is no UTF-8 (overlong, out of range, or a surrogate, which CESU-8
/// writes). The scan asks this of every lead and continuation pair in
/// every code page that reads it, so the two- and three-byte sequences
/// mojibake is made of are answered from a table of the Basic Multilingual
/// Plane, built once.
pub(super) fn likely_sequence(bytes: &[u8]) -> Option<bool> {
    read_sequence(bytes).map(|(_, likely)| likely)
}

/// The character the UTF-8 sequence `bytes` (as for [`likely_sequence`])
/// decodes to, and whether it is [`likely`]. Always inlined: whole-line
/// repair asks it of every sequence of a line and the scan of every pair's,
/// and the call cost about as much as the decoding (a million calls in the
/// first 5 MB of heavily mojibaked text; `#[inline]` alone left them calls).
#[inline(always)]
pub(super) fn read_sequence(bytes: &[u8]) -> Option<(char, bool)> {
    let cont = |k: usize| u32::from(bytes[k] & 0x3F);
    let cp = match *bytes {
        [0xC2..=0xDF, _] => (u32::from(bytes[0] & 0x1F) << 6) | cont(1),
        [0xE0, 0x80..=0x9F, _] | [0xED, 0xA0..=0xBF, _] => return None,
        [0xE0..=0xEF, _, _] => (u32::from(bytes[0] & 0x0F) << 12) | (cont(1) << 6) | cont(2),
        [0xF0, 0x90..=0xBF, ..] | [0xF1..=0xF3, ..] | [0xF4, 0x80..=0x8F, ..] if bytes.len() == 4 => {
            let c = char::from_u32((u32::from(bytes[0] & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3))?;
            return Some((c, likely(c)));
        }
        _ => return None,
    };
    // Below U+10000 and not a surrogate: a character.
    let c = char::from_u32(cp)?;
    Some((c, LIKELY_BMP[cp as usize / 64] & (1 << (cp % 64)) != 0))
}

/// [`likely`] for every character of the Basic Multilingual Plane, a bit
/// each.
static LIKELY_BMP: LazyLock<Box<[u64]>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64];
    for (cp, c) in (0..0x10000u32).filter_map(|cp| char::from_u32(cp).map(|c| (cp, c))) {
        if likely(c) {
            bits[cp as usize / 64] |= 1 << (cp % 64);
        }
    }
    bits.into_boxed_slice()
});

/// The classes of a range of code points, for [`classify`]'s tables.
fn table(range: std::ops::Range<u32>) -> Box<[Class]> {
    range.map(|cp| classify_slow(char::from_u32(cp).unwrap_or('\u{FFFD}'))).collect()
}

fn classify_slow(c: char) -> Class {
    use Kind::{Control, Digit, Emoji, Format, Invalid, Mark, Punct, Space, Symbol};
    use Script::{Arabic, Armenian, Cjk, Cyrillic, Ethiopic, Georgian, Greek, Hangul, Hebrew, Latin};
    use Script::{Other, RareRtl};
    let cp = c as u32;
    match cp {
        0x09 | 0x0A | 0x0D | 0x20 => class(Space, 0),
        0x00..=0x1F | 0x7F..=0x9F => class(Control, 0),
        0x30..=0x39 => class(Digit, 0),
        0x41..=0x5A | 0x61..=0x7A => letter(c, Latin, 0),
        0x21..=0x7E => class(Punct, 0),
        0xA0 => class(Space, 0),
        0xAD => class(Format, 1),
        0xA1 | 0xAB | 0xBB | 0xBF | 0xA7 | 0xB6 | 0xB7 => class(Punct, 0),
        0xA2..=0xA5 | 0xA9 | 0xAE | 0xB0 | 0xB1 | 0xB5 | 0xD7 | 0xF7 => class(Symbol, 0),
        0xAA | 0xBA | 0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE => class(Symbol, 0),
        0xA6 | 0xA8 | 0xAC | 0xAF | 0xB4 | 0xB8 => class(Symbol, 1),
        0xC0..=0xFF => letter(c, Latin, 0),
        0x138 | 0x149 | 0x17F => letter(c, Latin, 2),
        0x13F | 0x140 | 0x132 | 0x133 => letter(c, Latin, 1),
        0x100..=0x17F => letter(c, Latin, 0),
        0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x218..=0x21B | 0x18F | 0x259 => letter(c, Latin, 0),
        0x192 => class(Symbol, 1),
        0x1CD..=0x1DC | 0x190 | 0x25B | 0x186 | 0x254 | 0x1E6 | 0x1E7 | 0x1EA | 0x1EB | 0x1FA..=0x1FF => {
            letter(c, Latin, 1)
        }
        0x180..=0x2AF => letter(c, Latin, 2),
        0x2BB | 0x2BC => class(Punct, 1),
        0x2C6 | 0x2C7 | 0x2D8..=0x2DD => class(Symbol, 1),
        0x2B0..=0x2FF => letter(c, Other, 2),
        0x300..=0x36F => class(Mark, 1),
        0x386 | 0x388..=0x38A | 0x38C | 0x38E..=0x3A1 | 0x3A3..=0x3CE => letter(c, Greek, 0),
        0x378 | 0x379 | 0x380..=0x383 | 0x38B | 0x38D | 0x3A2 => class(Invalid, 0),
        0x374 | 0x375 | 0x37E | 0x384 | 0x385 | 0x387 => class(Punct, 1),
        0x3D0 | 0x3D1 | 0x3D5 | 0x3D6 => letter(c, Greek, 1),
        0x370..=0x3FF => letter(c, Greek, 2),
        0x400..=0x45F | 0x490 | 0x491 => letter(c, Cyrillic, 0),
        0x483..=0x489 => class(Mark, 2),
        0x492 | 0x493 | 0x496 | 0x497 | 0x49A | 0x49B | 0x4A2 | 0x4A3 | 0x4AE..=0x4B3 | 0x4BA | 0x4BB => {
            letter(c, Cyrillic, 1)
        }
        0x4D8 | 0x4D9 | 0x4E8 | 0x4E9 | 0x4E2 | 0x4E3 | 0x4EE | 0x4EF | 0x4C0 => letter(c, Cyrillic, 1),
        0x460..=0x52F => letter(c, Cyrillic, 2),
        0x531..=0x556 | 0x561..=0x587 => letter(c, Armenian, 1),
        0x589 | 0x58A => class(Punct, 1),
        0x530..=0x58F => class(Invalid, 0),
        0x5D0..=0x5EA => letter(c, Hebrew, 0),
        0x5B0..=0x5BD | 0x5BF | 0x5C1 | 0x5C2 | 0x5C7 => class(Mark, 1),
        0x591..=0x5AF | 0x5C4 | 0x5C5 => class(Mark, 2),
        0x5BE => class(Punct, 0),
        0x5F3 | 0x5F4 => class(Punct, 1),
        0x5C0 | 0x5C3 | 0x5C6 => class(Punct, 2),
        0x5F0..=0x5F2 => letter(c, Hebrew, 1),
        0x590..=0x5FF => class(Invalid, 0),
        0x60C | 0x61B | 0x61F => class(Punct, 0),
        0x621..=0x63A | 0x641..=0x64A => letter(c, Arabic, 0),
        0x679 | 0x67E | 0x686 | 0x688 | 0x691 | 0x698 | 0x6A9 | 0x6AF | 0x6BA | 0x6BE | 0x6C1 | 0x6CC | 0x6D2 => {
            letter(c, Arabic, 0)
        }
        0x660..=0x669 | 0x6F0..=0x6F9 => class(Digit, 0),
        0x64B..=0x652 | 0x670 => class(Mark, 1),
        0x610..=0x61A | 0x653..=0x65F | 0x6D6..=0x6ED => class(Mark, 2),
        0x640 | 0x671..=0x6D3 | 0x6D5 => letter(c, Arabic, 1),
        0x66A..=0x66D | 0x6D4 => class(Punct, 1),
        0x600..=0x6FF => class(Symbol, 2),
        0x700..=0x8FF => letter(c, RareRtl, 2),
        0x900..=0xDFF => indic(c),
        0xE00..=0xEFF | 0x1000..=0x109F | 0x1780..=0x17FF => southeast_asian(c, 0),
        0xF00..=0xFFF => southeast_asian(c, 1),
        0x10A0..=0x10FF => letter(c, Georgian, 0),
        0x1100..=0x11FF => letter(c, Hangul, 1),
        0x1200..=0x139F => letter(c, Ethiopic, 0),
        0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF => class(Mark, 2),
        0x1EA0..=0x1EF9 => letter(c, Latin, 0),
        0x1E00..=0x1EFF => letter(c, Latin, 1),
        0x1F00..=0x1FFF => letter(c, Greek, 1),
        0x13A0..=0x1DBF => letter(c, Other, 2),
        0x2009 | 0x202F => class(Space, 0),
        0x2000..=0x200A | 0x205F => class(Space, 1),
        0x200B | 0x200E | 0x200F => class(Format, 1),
        0x200C | 0x200D => class(Format, 0),
        0x2010..=0x2015 | 0x2018..=0x201F | 0x2022 | 0x2026 | 0x2030 | 0x2032 | 0x2033 | 0x2039 | 0x203A => {
            class(Punct, 0)
        }
        0x2020 | 0x2021 | 0x2016..=0x2017 | 0x2023..=0x2025 | 0x2027 | 0x2031 | 0x2034..=0x2038 | 0x203B..=0x205E => {
            class(Punct, 1)
        }
        0x2028 | 0x2029 | 0x202A..=0x202E | 0x2060..=0x206F => class(Format, 2),
        0x2070..=0x209F => class(Symbol, 1),
        0x20A0..=0x20C0 => class(Symbol, 0),
        0x20D0..=0x20FF => class(Mark, 2),
        0x2116 | 0x2122 | 0x2103 => class(Symbol, 0),
        0x2100..=0x218F => class(Symbol, 1),
        0x2190..=0x2195 | 0x2212 | 0x221A | 0x221E | 0x2248 | 0x2260 | 0x2264 | 0x2265 => class(Symbol, 0),
        0x2196..=0x22FF => class(Symbol, 1),
        0x2500..=0x259F => class(Symbol, 0),
        0x2300..=0x23FF | 0x2460..=0x24FF | 0x25A0..=0x25FF | 0x27C0..=0x27FF | 0x2800..=0x2BFF => class(Symbol, 1),
        0x2400..=0x245F => class(Symbol, 2),
        0x2600..=0x27BF => class(Emoji, 0),
        0x2D30..=0x2D7F => letter(c, Other, 1),
        0x2E00..=0x2E7F => class(Punct, 2),
        0x2C00..=0x2DFF => letter(c, Other, 2),
        0x2E80..=0x2FFF => letter(c, Cjk, 2),
        0x3000 => class(Space, 0),
        0x3001..=0x3003 | 0x3008..=0x3011 | 0x30FB => class(Punct, 0),
        0x3004..=0x3007 | 0x3041..=0x3096 | 0x309D..=0x30FA | 0x30FC..=0x30FF | 0x4E00..=0x9FFF => letter(c, Cjk, 0),
        0x3012..=0x303F | 0x3099..=0x309C => class(Punct, 1),
        0x3100..=0x312F | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0xF900..=0xFAFF => letter(c, Cjk, 1),
        0x3130..=0x318F | 0xAC00..=0xD7A3 => letter(c, Hangul, 0),
        0x3200..=0x33FF => class(Symbol, 1),
        0x3040..=0x4DFF => letter(c, Cjk, 2),
        0xA000..=0xABFF | 0xD7B0..=0xD7FF => letter(c, Other, 2),
        0xFB00..=0xFB06 => letter(c, Latin, 1),
        0xFB1D..=0xFB4F => letter(c, Hebrew, 2),
        0xFDD0..=0xFDEF => class(Invalid, 0),
        0xFB50..=0xFDFF | 0xFE70..=0xFEFC => letter(c, Arabic, 2),
        0xFE00..=0xFE0F => class(Format, 0),
        0xFE20..=0xFE2F => class(Mark, 2),
        0xFE30..=0xFE4F => class(Punct, 1),
        0xFE10..=0xFE1F | 0xFE50..=0xFE6F => class(Punct, 2),
        0xFEFF => class(Format, 1),
        0xFF10..=0xFF19 => class(Digit, 0),
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A => letter(c, Cjk, 0),
        0xFF01..=0xFF5E => class(Punct, 0),
        0xFF61..=0xFF9F => letter(c, Cjk, 1),
        0xFF5F..=0xFF60 | 0xFFA0..=0xFFEF => class(Symbol, 2),
        0xFFF9..=0xFFFC => class(Format, 2),
        0xFFFD => letter(c, Script::Unknown, 0),
        0xFFF0..=0xFFFF => class(Invalid, 0),
        0x1F1E6..=0x1F1FF | 0x1F300..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F900..=0x1F9FF | 0x1FA70..=0x1FAFF => {
            class(Emoji, 0)
        }
        0x1F000..=0x1F2FF | 0x1F650..=0x1F67F | 0x1F780..=0x1F7FF => class(Emoji, 1),
        0x1F700..=0x1F77F | 0x1F800..=0x1F8FF | 0x1FA00..=0x1FA6F | 0x1FB00..=0x1FBFF => class(Symbol, 2),
        0x1D400..=0x1D7FF => class(Symbol, 1),
        0x20000..=0x3134F => letter(c, Cjk, 1),
        0xE0020..=0xE007F => class(Format, 1),
        0xE000..=0xF8FF | 0xF0000.. => class(Invalid, 0),
        _ if c.is_alphabetic() => letter(c, Other, 2),
        _ if c.is_numeric() => class(Digit, 2),
        _ => class(Invalid, 0),
    }
}

/// Brahmic scripts: letters and vowel signs alike count as letters.
fn indic(c: char) -> Class {
    if c.is_numeric() {
        class(Kind::Digit, 0)
    } else if c.is_alphabetic() || matches!(c as u32 & 0x7F, 0x01..=0x03 | 0x3C..=0x4D) {
        letter(c, Script::Indic, 0)
    } else if matches!(c, '\u{964}' | '\u{965}') {
        class(Kind::Punct, 0)
    } else {
        class(Kind::Invalid, 0)
    }
}

fn southeast_asian(c: char, rarity: u8) -> Class {
    if c.is_numeric() {
        class(Kind::Digit, rarity)
    } else if c.is_alphabetic() || (0xE31..=0xE4E).contains(&(c as u32)) || (0xEB1..=0xECD).contains(&(c as u32)) {
        letter(c, Script::SouthEastAsian, rarity)
    } else {
        class(Kind::Punct, rarity + 1)
    }
}

/// Punctuation and symbols that may touch the *start* of a word:
/// opening brackets and quotes, inverted marks, currency, bullets, dashes.
pub(super) fn opens_word(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '«' | '“'
                | '‘'
                | '„'
                | '‚'
                | '‹'
                | '¿'
                | '¡'
                | '–'
                | '—'
                | '•'
                | '·'
                | '’'
                | '”'
                | '£'
                | '€'
                | '¥'
                | '¢'
                | '§'
                | '¶'
                | '†'
                | '\u{2032}'
                | '\u{2033}'
                | '「'
                | '『'
                | '（'
                | '【'
                | '《'
                | '〈'
                | '…'
        )
}

/// Punctuation and symbols that may touch the *end* of a word: closing
/// brackets and quotes, sentence marks, and the marks written after names
/// and numbers (®, ™, °, %, footnote signs).
pub(super) fn closes_word(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '»' | '”'
                | '’'
                | '‘'
                | '“'
                | '›'
                | '…'
                | '–'
                | '—'
                | '®'
                | '™'
                | '°'
                | '‰'
                | '†'
                | '‡'
                | '¹'
                | '²'
                | '³'
                | '′'
                | '″'
                | '·'
                | '•'
                | '«'
                | '。'
                | '、'
                | '」'
                | '』'
                | '）'
                | '】'
                | '》'
                | '〉'
                | '，'
                | '：'
                | '！'
                | '？'
                | '؟'
                | '،'
                | '؛'
                | '।'
        )
}

/// Characters that may sit between two letters of one word: apostrophes,
/// hyphens, dashes, the Catalan middle dot, the fraction slash.
pub(super) fn joins_letters(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '’' | 'ʼ' | 'ʻ' | '‐' | '‑' | '–' | '—' | '·' | '⁄' | '\u{ad}' | '・' | '־')
}

/// Characters that may sit between two digits: operators, fractions,
/// separators.
pub(super) fn joins_digits(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '×' | '÷' | '·' | '½' | '¼' | '¾' | '–' | '—' | '’' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '°' | '־'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_agree_with_the_ranges() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(classify(c), classify_slow(c), "{c:?}");
        }
    }

    #[test]
    fn sequences_are_judged_as_the_characters_they_decode_to() {
        let mut bytes = Vec::new();
        // Every lead with every pair of continuation bytes, and a sample of
        // the four-byte ones.
        for lead in 0xC2..=0xF4u8 {
            for b1 in 0x80..=0xBFu8 {
                for b2 in 0x80..=0xBFu8 {
                    for b3 in [0x80, 0x9F, 0xA0, 0xBF] {
                        bytes.clear();
                        bytes.extend([lead, b1, b2, b3]);
                        let width = match lead {
                            0xC2..=0xDF => 2,
                            0xE0..=0xEF => 3,
                            _ => 4,
                        };
                        bytes.truncate(width);
                        let expected = std::str::from_utf8(&bytes).ok().map(|s| s.chars().next().unwrap());
                        assert_eq!(read_sequence(&bytes), expected.map(|c| (c, likely(c))), "{bytes:02X?}");
                        assert_eq!(likely_sequence(&bytes), expected.map(likely), "{bytes:02X?}");
                    }
                }
            }
        }
        assert_eq!(likely_sequence("é".as_bytes()), Some(true));
        assert_eq!(likely_sequence("\u{85}".as_bytes()), Some(false));
        assert_eq!(likely_sequence("\u{E000}".as_bytes()), Some(false));
        assert_eq!(likely_sequence(&[0xE0, 0x81, 0x81]), None);
    }

    #[test]
    fn letters_have_script_and_case() {
        assert_eq!(classify('É').kind, Kind::Letter(Script::Latin, Case::Upper));
        assert_eq!(classify('ж').kind, Kind::Letter(Script::Cyrillic, Case::Lower));
        assert_eq!(classify('ש').kind, Kind::Letter(Script::Hebrew, Case::None));
        assert_eq!(classify('한').kind, Kind::Letter(Script::Hangul, Case::None));
        assert_eq!(classify('ज').kind, Kind::Letter(Script::Indic, Case::None));
        assert_eq!(classify('ी').kind, Kind::Letter(Script::Indic, Case::None));
    }

    #[test]
    fn rarity_separates_orthographies_from_accidents() {
        for c in ['é', 'ř', 'ș', 'ơ', 'ж', 'є', 'ά', 'ש', 'ع', 'ک', '中', 'の', '한', 'ế', '’', '€', '😀']
        {
            assert_eq!(classify(c).rarity, 0, "{c}");
        }
        for c in ['ɮ', 'ſ', 'Ѱ', 'ʲ', 'ޛ', 'ߢ', 'ᴴ'] {
            assert_eq!(classify(c).rarity, 2, "{c}");
        }
        for c in ['\u{E000}', '\u{F8FF}', '\u{FFFF}', '\u{5FF}'] {
            assert_eq!(classify(c).kind, Kind::Invalid, "{c:?}");
        }
        assert_eq!(classify('\u{85}').kind, Kind::Control);
    }
}
