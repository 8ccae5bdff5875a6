//! The fast path: a scan of one line that says whether anything inside it
//! needs an edit, reading bytes, and one table entry per character outside
//! ASCII but for the blocks that need nothing (see the module
//! documentation of [`super`]).

use unicode_normalization::UnicodeNormalization;

use super::{Form, Normalizer, chars, table};
use crate::swar::{skip_unmarked, unprintable};

impl Normalizer {
    /// The fast path: true when nothing inside `line` (a line's content up
    /// to, not including, its LF) needs an edit, trailing white space aside.
    /// Reads printable ASCII eight bytes at a time, steps over characters
    /// whose block needs nothing without decoding them, and looks every
    /// other character up once in the quick-check table.
    pub(super) fn is_clean(&self, line: &str) -> bool {
        let bytes = line.as_bytes();
        let form = self.options.form;
        let passthrough_below = self.passthrough_below();
        let mut last_ccc = 0u8;
        let mut i = 0;
        while i < bytes.len() {
            let lead = bytes[i];
            if lead < 0x80 {
                // A run of printable ASCII, eight bytes at a time to the
                // step that holds its end, then straight to the end (the
                // first byte the step marks), the last few bytes of the
                // line one by one.
                i = skip_unmarked(bytes, i, unprintable);
                if bytes.len() - i < 8 {
                    while bytes.get(i).is_some_and(|b| b.wrapping_sub(0x20) < 0x5f) {
                        i += 1;
                    }
                }
                match bytes.get(i) {
                    Some(b'\t') => i += 1,
                    Some(&b) if b < 0x80 => return false, // a control or a line break
                    _ => {}
                }
                last_ccc = 0;
                continue;
            }
            // Characters of blocks none of which needs anything (most
            // Cyrillic letters, Han, Hangul): as an entry of 0 below,
            // undecoded.
            let plain = self.table.plain_len(bytes, i);
            if plain != 0 {
                last_ccc = 0;
                i += plain;
                // Most likely more of the same script: eight bytes at a
                // time while every character is printable ASCII or led by a
                // byte all of whose characters are plain (Cyrillic words and
                // the spaces between them), then past the continuation
                // bytes of the last few bytes' characters, whose leads the
                // steps passed.
                if let Some(leads) = self.table.plain_leads(lead) {
                    i = skip_unmarked(bytes, i, |word| leads.others(word));
                    while bytes.get(i).is_some_and(|&b| b & 0xC0 == 0x80) {
                        i += 1;
                    }
                }
                continue;
            }
            let (cp, len) = decode(bytes, i);
            if cp < passthrough_below && lead != 0xc2 {
                last_ccc = 0;
                i += len;
                continue;
            }
            let c = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
            let entry = self.table.entry(c);
            if entry == 0 {
                last_ccc = 0;
                i += len;
                continue;
            }
            if entry & table::SPECIAL != 0 && self.may_act_on(line, i, c) {
                return false;
            }
            if form.is_some() {
                let ccc = (entry & 0xff) as u8;
                if entry & table::NO != 0 || (ccc != 0 && last_ccc > ccc) {
                    return false;
                }
                if entry & table::MAYBE != 0 && self.composes_backward(line, i, c, ccc, last_ccc) {
                    return false;
                }
                last_ccc = ccc;
            }
            i += len;
        }
        true
    }

    /// Below which code point the fast path passes a character without
    /// looking it up (but for the C2 row: C1 controls, no-break space, soft
    /// hyphen). Below U+0300 every character is a stable NFC starter, so
    /// under NFC only the C2 row is looked up; under NFKC everything outside
    /// ASCII is.
    fn passthrough_below(&self) -> u32 {
        if self.options.form == Some(Form::Nfkc) { 0x80 } else { 0x300 }
    }

    /// Whether [`Normalizer::is_clean`] passes every [quiet
    /// character](crate::lines::is_quiet_char) without a look at its
    /// neighbours: each is passed through, or is a stable starter that no
    /// rule which is on acts on (the quotes and dashes are flagged for the
    /// opt-in rule that makes them ASCII); and "Г", which a quiet line may
    /// hold before a plain letter (see [`crate::lines::is_quiet`]).
    pub(super) fn passes_every_quiet_char(&self) -> bool {
        crate::lines::quiet_chars().chain(['Г']).all(|c| {
            let looked_up = u32::from(c) >= self.passthrough_below() || (0x80..0xc0).contains(&u32::from(c));
            let entry = self.table.entry(c);
            !looked_up
                || entry & !table::SPECIAL == 0 && (entry == 0 || !self.may_act_on(c.encode_utf8(&mut [0; 4]), 0, c))
        })
    }

    /// Whether a rule that is on may act on `c`, one of the characters the
    /// table flags, at byte `i` of `line`.
    fn may_act_on(&self, line: &str, i: usize, c: char) -> bool {
        let o = &self.options;
        match c {
            // The usual joiner, in an emoji sequence, an Indic conjunct or a
            // Persian word: a plain letter or symbol on one side on which
            // joiners act is enough to keep it.
            '\u{200c}' | '\u{200d}' if o.joiners => {
                let acts_on = |n: Option<char>| {
                    n.is_some_and(|n| self.table.entry(n) == 0 && !chars::joiners_are_inert_next_to(n))
                };
                !(acts_on(line[..i].chars().next_back()) || acts_on(line[i + c.len_utf8()..].chars().next()))
            }
            c if chars::is_line_break(c) => true,
            c if chars::is_control(c) => o.controls,
            c if chars::is_bidi_control(c) => o.bidi_controls,
            '\u{feff}' => o.bom,
            '\u{ad}' => o.soft_hyphens,
            '\u{200b}' | '\u{2060}' => o.zero_width,
            '\u{200c}' | '\u{200d}' => o.joiners,
            '\u{202f}' => o.nbsp,
            c => self.replacement(c).is_some(),
        }
    }

    /// For a quick-check Maybe character `c` at byte `i` of `line` (whose
    /// combining class is `ccc`, after a character of class `last_ccc`):
    /// whether it composes with the last starter before it, which is the only
    /// way text that passed the quick check so far can fail to be normal.
    fn composes_backward(&self, line: &str, i: usize, c: char, ccc: u8, last_ccc: u8) -> bool {
        if ccc == 0 {
            // Only an immediately preceding starter can take it.
            let before = line[..i].chars().next_back();
            return before.is_some_and(|p| self.table.ccc(p) == 0 && compose(p, c));
        }
        if last_ccc >= ccc && last_ccc != 0 {
            return false; // blocked by a mark of the same or a higher class
        }
        let Some((start, starter)) = line[..i].char_indices().rev().take(32).find(|&(_, p)| self.table.ccc(p) == 0)
        else {
            return true; // dozens of marks, or none before: let the slow path decide
        };
        // A starter that does not decompose (a Devanagari consonant under a
        // nukta) can only compose with the mark.
        let mut parts = 0;
        unicode_normalization::char::decompose_canonical(starter, |_| parts += 1);
        if parts == 1 {
            return compose(starter, c);
        }
        // Otherwise the mark may also slip under marks the starter's
        // decomposition ends in ("é" + U+0323 is "ẹ" + U+0301): normalize
        // the stretch from the starter to the mark.
        let stretch = &line[start..i + c.len_utf8()];
        match self.options.form {
            Some(Form::Nfkc) => !stretch.chars().eq(stretch.nfkc()),
            _ => !stretch.chars().eq(stretch.nfc()),
        }
    }
}

/// Whether `a` and `b` form a primary composite.
fn compose(a: char, b: char) -> bool {
    unicode_normalization::char::compose(a, b).is_some()
}

/// The code point starting at byte `i` of valid UTF-8 (not ASCII), and its
/// length in bytes.
#[inline]
fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let lead = u32::from(bytes[i]);
    let cont = |k: usize| bytes.get(i + k).map_or(0, |&b| u32::from(b & 0x3f));
    if lead < 0xe0 {
        ((lead & 0x1f) << 6 | cont(1), 2)
    } else if lead < 0xf0 {
        ((lead & 0x0f) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        ((lead & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
    }
}
