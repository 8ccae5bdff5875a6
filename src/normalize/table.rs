//! Per-character normalization facts in one lookup, for the fast path.
//!
//! For every character outside ASCII, the fast path needs its canonical
//! combining class, its quick-check value for the chosen form (Yes, No or
//! Maybe) and whether some rule of the stage may act on it.
//! unicode-normalization answers the first two through perfect-hash lookups,
//! which are too slow to run on every character of a corpus; this module
//! copies its answers for planes 0 to 2 (every script and the emoji) into a
//! table once per process (flat for the basic multilingual plane, 128 KB;
//! two-level above it), in a few milliseconds, and asks
//! unicode-normalization directly for the rare characters above plane 2. The data
//! are the crate's own, so the fast path and the normalizer can never
//! disagree.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, is_nfc_quick, is_nfkc_quick};

use super::Form;
use super::chars;

/// Quick check says No: the character never occurs in the form.
pub(super) const NO: u16 = 1 << 8;
/// Quick check says Maybe: the character may compose with the one before.
pub(super) const MAYBE: u16 = 1 << 9;
/// Some rule other than the normal form may act on the character.
pub(super) const SPECIAL: u16 = 1 << 10;

/// Code points below this are in the table.
const COVERED: u32 = 0x30000;

/// One `u16` per character: the combining class in the low byte, the flags
/// above it. Zero means a starter that is stable in the form and that no
/// rule touches, which is what almost every character of real text is.
pub(super) struct Table {
    form: Form,
    /// The basic multilingual plane, flat: one load per character for every
    /// script in everyday use.
    bmp: Box<[u16]>,
    /// Planes 1 and 2 (emoji, historic scripts, rare ideographs): for each
    /// 256-character block, the index of its row in `rows`.
    index: Box<[u16]>,
    /// Distinct rows (most blocks share the all-zero row).
    rows: Box<[[u16; 256]]>,
    /// Bit `b - 0xC0` for each lead byte `b` of two-byte UTF-8 all of
    /// whose 64 characters are stable starters (see
    /// [`Table::starts_stable_starters`]).
    stable_leads: u32,
    /// The same for the leads whose characters' entries are all zero:
    /// stable starters that no rule acts on either.
    plain_leads: u32,
}

impl Table {
    /// The table for `form`, built on first use and shared by every thread.
    pub(super) fn get(form: Form) -> &'static Table {
        static NFC: OnceLock<Table> = OnceLock::new();
        static NFKC: OnceLock<Table> = OnceLock::new();
        match form {
            Form::Nfc => NFC.get_or_init(|| Table::build(Form::Nfc)),
            Form::Nfkc => NFKC.get_or_init(|| Table::build(Form::Nfkc)),
        }
    }

    fn build(form: Form) -> Table {
        let bmp: Box<[u16]> = (0..0x10000).map(|cp| char::from_u32(cp).map_or(0, |c| entry(form, c))).collect();
        let mut index = Vec::with_capacity(((COVERED - 0x10000) >> 8) as usize);
        let mut rows: Vec<[u16; 256]> = Vec::new();
        let mut seen: HashMap<[u16; 256], u16> = HashMap::new();
        for block in 0x100..COVERED >> 8 {
            let mut row = [0u16; 256];
            for (low, slot) in row.iter_mut().enumerate() {
                if let Some(c) = char::from_u32(block << 8 | low as u32) {
                    *slot = entry(form, c);
                }
            }
            let at = *seen.entry(row).or_insert_with(|| {
                rows.push(row);
                u16::try_from(rows.len() - 1).expect("fewer than 65536 distinct rows")
            });
            index.push(at);
        }
        let leads_where = |all: fn(u16) -> bool| {
            (0xC2..=0xDFu8)
                .filter(|&b| {
                    let first = usize::from(b & 0x1F) << 6;
                    bmp[first..first + 64].iter().all(|&e| all(e))
                })
                .fold(0, |bits, b| bits | 1 << (b - 0xC0))
        };
        let stable_leads = leads_where(|e| e & !SPECIAL == 0);
        let plain_leads = leads_where(|e| e == 0);
        Table { form, bmp, index: index.into(), rows: rows.into(), stable_leads, plain_leads }
    }

    /// The entry of `c` (see [`Table`]).
    #[inline]
    pub(super) fn entry(&self, c: char) -> u16 {
        let cp = c as u32;
        if cp < 0x10000 {
            self.bmp[cp as usize]
        } else if cp < COVERED {
            self.rows[usize::from(self.index[((cp - 0x10000) >> 8) as usize])][(cp & 0xff) as usize]
        } else {
            entry(self.form, c)
        }
    }

    /// Whether every character that the byte `b` starts is a stable
    /// starter: `b` leads two-byte UTF-8 (0xC2..=0xDF) and its 64
    /// characters all are. True of the bytes of Latin-1 and the Latin
    /// Extended letters, and of most Cyrillic, Armenian and Syriac letters,
    /// so a check can step over them two bytes at a time.
    #[inline]
    pub(super) fn starts_stable_starters(&self, b: u8) -> bool {
        b.wrapping_sub(0xC0) < 32 && self.stable_leads & 1 << (b - 0xC0) != 0
    }

    /// Whether every character that the byte `b` starts has the entry 0:
    /// as [`Table::starts_stable_starters`], and no rule acts on any of
    /// them (not true of 0xC2, which starts the C1 controls, the no-break
    /// space and the soft hyphen).
    #[inline]
    pub(super) fn starts_plain_characters(&self, b: u8) -> bool {
        b.wrapping_sub(0xC0) < 32 && self.plain_leads & 1 << (b - 0xC0) != 0
    }

    /// The canonical combining class of `c`.
    #[inline]
    pub(super) fn ccc(&self, c: char) -> u8 {
        (self.entry(c) & 0xff) as u8
    }

    /// True when `c` starts a segment that normalizes on its own: combining
    /// class 0 and quick check Yes, so nothing before it can combine with it
    /// or be reordered past it.
    #[inline]
    pub(super) fn is_stable_starter(&self, c: char) -> bool {
        self.entry(c) & !SPECIAL == 0
    }
}

/// Computes the entry of `c` from unicode-normalization's data.
fn entry(form: Form, c: char) -> u16 {
    let once = std::iter::once(c);
    let quick = match form {
        Form::Nfc => is_nfc_quick(once),
        Form::Nfkc => is_nfkc_quick(once),
    };
    let flags = match quick {
        IsNormalized::Yes => 0,
        IsNormalized::No => NO,
        IsNormalized::Maybe => MAYBE,
    };
    let special = if is_special(c) { SPECIAL } else { 0 };
    u16::from(canonical_combining_class(c)) | flags | special
}

/// Characters some rule other than the normal form may act on, so the fast
/// path must look at them (whether a rule is on is asked then, not here,
/// so that one table serves every set of options).
fn is_special(c: char) -> bool {
    chars::is_control(c)
        || chars::is_line_break(c)
        || chars::is_invisible(c)
        || c == '\u{202f}'
        || chars::replacement(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_unicode_normalization_everywhere() {
        for form in [Form::Nfc, Form::Nfkc] {
            let table = Table::get(form);
            for c in (0..=0x10ffff).filter_map(char::from_u32) {
                assert_eq!(table.entry(c), entry(form, c), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn below_u0300_every_character_is_a_stable_nfc_starter() {
        // The fast path leans on this: it looks only at the U+0080–U+00BF
        // row (C1 controls, no-break space, soft hyphen) below U+0300.
        let table = Table::get(Form::Nfc);
        for c in ('\0'..'\u{300}').filter(|c| !is_special(*c)) {
            assert!(table.is_stable_starter(c), "U+{:04X}", c as u32);
        }
        for c in ('\u{c0}'..'\u{300}').chain(' '..='~') {
            assert!(!is_special(c), "U+{:04X}", c as u32);
        }
    }
}
