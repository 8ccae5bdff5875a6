//! Character classes the normalize rules are written in, each with the reason
//! it is drawn where it is. Ranges are code-point blocks: a block is a safe
//! stand-in for a script here because every question asked is "could this
//! character be affected", and blocks err on the side of yes.

/// Tab and the space separators (category Zs): the white space that sits
/// inside a line. Line breaks and other controls are not in it.
pub(super) fn is_horizontal_space(c: char) -> bool {
    matches!(c, '\t' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// The characters that end a line besides LF: CR (alone or before LF), VT,
/// FF, U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR. Unicode treats
/// VT and FF as mandatory breaks (UAX #14, class BK), and they do occur as
/// breaks: FF between the pages of pdftotext output, VT for a manual line
/// break in word-processor exports. Removing them would glue two words.
///
/// NEL (U+0085) is deliberately not a break: by the time text reaches this
/// stage, repair has turned every C1 control it could explain into the
/// windows-1252 character it stood for, so a NEL left over is debris (most
/// often a "…" read as latin-1), and turning debris into a line break would
/// cut a line in two. It is removed with the other C1 controls.
pub(super) fn is_line_break(c: char) -> bool {
    crate::lines::is_break(c)
}

/// C0 controls other than tab and the line breaks, DEL, and the C1 controls
/// (NEL included, see [`is_line_break`]).
pub(super) fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Bidirectional formatting characters: the marks LRM, RLM, ALM, the
/// embeddings and overrides LRE, RLE, PDF, LRO, RLO, and the isolates LRI,
/// RLI, FSI, PDI.
pub(super) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Invisible characters some rule may remove. Context rules look past them
/// to the nearest visible neighbour, so that a decision never depends on
/// another invisible character that may or may not go (which keeps the stage
/// idempotent).
pub(super) fn is_invisible(c: char) -> bool {
    is_control(c)
        || is_bidi_control(c)
        || matches!(c, '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko, Samaritan, Mandaic, their presentation forms and the historic RTL
/// scripts of plane 1). ALM, a bidi control that sits in the Arabic block,
/// and U+FB29, a plus sign there, are not letters.
pub(super) fn is_rtl(c: char) -> bool {
    !matches!(c, '\u{61c}' | '\u{fb29}')
        && matches!(c, '\u{590}'..='\u{8ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{fefe}'
            | '\u{10800}'..='\u{10fff}' | '\u{1e800}'..='\u{1efff}')
}

/// Characters next to which ZWJ and ZWNJ can have no effect: scripts whose
/// letters neither join nor form conjuncts (Latin, Greek, Cyrillic,
/// Armenian, Hebrew, Georgian, Han, kana, Hangul syllables), their combining
/// diacritics, digits and punctuation. In these, a joiner can at most steer a
/// font's ligature ("Auf‌lage"), and it splits the word for every tokenizer
/// and search index. Anything not listed here (Arabic, Persian, Syriac,
/// the Indic scripts, Sinhala, Myanmar, Khmer, emoji, symbols, unknown
/// scripts) keeps its joiners: the list is what we know to be safe, not what
/// we know to be unsafe.
pub(super) fn joiners_are_inert_next_to(c: char) -> bool {
    is_horizontal_space(c)
        || matches!(c,
            '\0'..='\u{36f}'                    // ASCII, Latin-1, Latin Extended, IPA, modifiers, diacritics
            | '\u{370}'..='\u{52f}'             // Greek, Cyrillic
            | '\u{531}'..='\u{58f}'             // Armenian
            | '\u{591}'..='\u{5ff}'             // Hebrew
            | '\u{10a0}'..='\u{10ff}'           // Georgian
            | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' // Hangul jamo (they compose into syllables)
            | '\u{1e00}'..='\u{1fff}'           // Latin Extended Additional, Greek Extended
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' // punctuation (not the format characters)
            | '\u{2190}'..='\u{22ff}'           // arrows, mathematical operators ("≠" is "=" + U+0338)
            | '\u{3001}'..='\u{303f}'           // CJK punctuation
            | '\u{3040}'..='\u{30ff}'           // kana
            | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' // Han
            | '\u{a960}'..='\u{a97f}' | '\u{ac00}'..='\u{d7ff}' // Hangul syllables, more jamo
            | '\u{ff01}'..='\u{ff5e}'           // full-width ASCII
        )
}

/// Scripts written without spaces between words, where a zero-width space
/// is how some writers mark a word boundary: Thai, Lao, Myanmar, Khmer and
/// Tai Tham. Between two letters of these, U+200B carries information a
/// word segmenter can use.
pub(super) fn marks_words_with_zwsp(c: char) -> bool {
    matches!(c, '\u{e00}'..='\u{eff}' | '\u{1000}'..='\u{109f}' | '\u{1780}'..='\u{17ff}' | '\u{19e0}'..='\u{19ff}'
        | '\u{1a20}'..='\u{1aaf}' | '\u{a9e0}'..='\u{a9ff}' | '\u{aa60}'..='\u{aa7f}')
}

/// Mongolian letters, next to which U+202F NARROW NO-BREAK SPACE is not a
/// space but the suffix connector that selects the letters' shapes.
pub(super) fn is_mongolian(c: char) -> bool {
    matches!(c, '\u{1800}'..='\u{18af}' | '\u{11660}'..='\u{1167f}')
}

/// Whether a soft hyphen between `prev` and `next` may be a byte of
/// mojibake rather than a hyphenation point. UTF-8 puts the byte 0xAD after
/// a lead byte or among continuation bytes ("í" is C3 AD, "字" E5 AD 97), and
/// windows-1252 or windows-1251 read that byte as U+00AD: "Ã\u{ad}", "Г\u{ad}",
/// "å\u{ad}—". So a soft hyphen next to a character those code pages make
/// of a continuation byte (0x80–0xBF: "—", "‰", "¡"–"¿", "Ђ"–"ї"), or after
/// one they make of a two-byte lead (0xC2–0xDF: "Â"–"Þ", "В"–"Я"), is left
/// for repair: removing it would make the damage unrepairable. A hyphenation
/// point sits between two letters of a word and almost never next to these.
/// The neighbours are the visible ones as they will read after this stage
/// (C1 controls, which go, do not count), so the decision is the same on a
/// second pass.
pub(super) fn shy_may_be_mojibake(prev: Option<char>, next: Option<char>) -> bool {
    let byte = |c: char| {
        [encoding_rs::WINDOWS_1252, encoding_rs::WINDOWS_1251].into_iter().filter_map(move |encoding| {
            let mut buf = [0u8; 4];
            let (bytes, _, unmappable) = encoding.encode(c.encode_utf8(&mut buf));
            (!unmappable && bytes.len() == 1).then(|| bytes[0])
        })
    };
    // A space is no evidence either way, and may go as trailing white space.
    let continuation =
        |c: Option<char>| c.is_some_and(|c| !is_horizontal_space(c) && byte(c).any(|b| (0x80..=0xbf).contains(&b)));
    let lead = prev.is_some_and(|c| c != 'ß' && byte(c).any(|b| (0xc2..=0xdf).contains(&b)));
    lead || continuation(prev) || continuation(next)
}

/// The opt-in replacement for `c`: the rule that makes it and the text it
/// becomes, for the context-free replacements (no-break spaces other than
/// U+202F, typographic quotes and dashes, ligatures, full-width ASCII).
pub(super) fn replacement(c: char) -> Option<(Replacement, &'static str)> {
    Some(match c {
        '\u{a0}' | '\u{2007}' => (Replacement::Nbsp, " "),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => (Replacement::Punctuation, "'"),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' => (Replacement::Punctuation, "\""),
        '\u{2010}'..='\u{2013}' | '\u{2212}' => (Replacement::Punctuation, "-"),
        '\u{2014}' | '\u{2015}' => (Replacement::Punctuation, "--"),
        '\u{fb00}'..='\u{fb06}' | '\u{fb13}'..='\u{fb17}' => (Replacement::Ligature, LIGATURES[ligature_index(c)]),
        '\u{ff01}'..='\u{ff5e}' => {
            let i = c as usize - 0xff01;
            (Replacement::Fullwidth, &PRINTABLE_ASCII[i..=i])
        }
        _ => return None,
    })
}

/// The kinds of opt-in replacement, one per rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Replacement {
    Nbsp,
    Punctuation,
    Ligature,
    Fullwidth,
}

/// U+0021 to U+007E, so that a full-width character's ASCII twin can be
/// borrowed as a `&'static str`.
const PRINTABLE_ASCII: &str =
    "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// The letters of U+FB00–FB06 (Latin) and U+FB13–FB17 (Armenian).
const LIGATURES: [&str; 12] = ["ff", "fi", "fl", "ffi", "ffl", "st", "st", "մն", "մե", "մի", "վն", "մխ"];

fn ligature_index(c: char) -> usize {
    match c as usize {
        i @ 0xfb00..=0xfb06 => i - 0xfb00,
        i => i - 0xfb13 + 7,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn horizontal_space_is_tab_and_the_space_separators() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let zs = c.is_whitespace() && !c.is_control() && !is_line_break(c);
            assert_eq!(is_horizontal_space(c), zs || c == '\t', "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn every_replacement_is_what_nfkc_would_do_or_a_typists_ascii() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let Some((kind, to)) = replacement(c) else { continue };
            let nfkc: String = c.to_string().nfkc().collect();
            match kind {
                Replacement::Nbsp | Replacement::Ligature | Replacement::Fullwidth => {
                    assert_eq!(to, nfkc, "U+{:04X}", c as u32);
                }
                Replacement::Punctuation => assert!(to.is_ascii(), "U+{:04X}", c as u32),
            }
        }
    }
}
