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
    /// The blocks of 64 characters whose UTF-8 shares all but its last
    /// byte (see [`Blocks`]) that hold only stable starters.
    stable: Blocks,
    /// Those whose characters' entries are all zero: stable starters that
    /// no rule acts on either.
    plain: Blocks,
}

/// A set of blocks of the basic multilingual plane: 64 characters each,
/// which share all their UTF-8 bytes but the last. One block per two-byte
/// lead byte (0xC2..=0xDF: U+0080–U+07FF), one per three-byte lead and
/// second byte (U+0800–U+FFFF); bit n of the set stands for U+n×64 to
/// U+n×64+63.
struct Blocks([u64; 16]);

impl Blocks {
    /// The blocks all of whose characters' entries in `bmp` satisfy `all`.
    fn of(bmp: &[u16], all: impl Fn(u16) -> bool) -> Blocks {
        let mut bits = [0u64; 16];
        for block in 2..0x400 {
            // Block n holds U+n*64 .. U+n*64+63; 2..32 are the two-byte
            // leads 0xC2..0xDF, 32.. the three-byte prefixes.
            let first = block * 64;
            if bmp[first..first + 64].iter().all(|&e| all(e)) && !(0xD800..0xE000).contains(&first) {
                bits[block / 64] |= 1 << (block % 64);
            }
        }
        Blocks(bits)
    }

    /// The length of the character at `at` in `bytes` (not ASCII) when it
    /// is two or three bytes long and its block is in the set; 0 otherwise.
    #[inline(always)]
    fn len_at(&self, bytes: &[u8], at: usize) -> usize {
        let b0 = bytes[at];
        if b0 < 0xE0 {
            // The two-byte blocks are bits 2..32 of the first word.
            return if self.0[0] >> (b0 & 0x1F) & 1 != 0 { 2 } else { 0 };
        }
        if b0 < 0xF0
            && let Some(&b1) = bytes.get(at + 1)
        {
            let block = usize::from(b0 & 0x0F) << 6 | usize::from(b1 & 0x3F);
            if self.0[block >> 6] >> (block & 63) & 1 != 0 {
                return 3;
            }
        }
        0
    }
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
        let stable = Blocks::of(&bmp, |e| e & !SPECIAL == 0);
        let plain = Blocks::of(&bmp, |e| e == 0);
        Table { form, bmp, index: index.into(), rows: rows.into(), stable, plain }
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

    /// The length of the character at `at` in `bytes`, when every
    /// character of its block of 64 (those sharing all its UTF-8 bytes but
    /// the last) is a stable starter; 0 otherwise. True of most Latin,
    /// Cyrillic, Han and Hangul, so that a check can step over them
    /// without decoding them.
    #[inline]
    pub(super) fn stable_starter_len(&self, bytes: &[u8], at: usize) -> usize {
        self.stable.len_at(bytes, at)
    }

    /// As [`Table::stable_starter_len`], for the blocks whose characters
    /// all have the entry 0: no rule acts on any of them either (not the
    /// block of the C1 controls, the no-break space and the soft hyphen,
    /// nor those of the General Punctuation spaces).
    #[inline]
    pub(super) fn plain_len(&self, bytes: &[u8], at: usize) -> usize {
        self.plain.len_at(bytes, at)
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
