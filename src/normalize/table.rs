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
    /// For each byte from 0xC0 up: when every character it leads is in
    /// `plain`, the run of such lead bytes it stands in (see [`Leads`]).
    plain_leads: [Option<Leads>; 64],
}

/// A run of lead bytes of one length (two bytes, or three) every character
/// of which is plain: 0xCF to 0xD1 (the Greek lowercase and most of
/// Cyrillic), 0xC3 to 0xCB (Latin letters with diacritics), 0xE4 to 0xE9
/// (most Han), 0xEB and 0xEC (Hangul syllables). Text in one of those
/// scripts is made of such characters, printable ASCII and nothing else for
/// long stretches, which a test of eight bytes at once steps over
/// ([`Leads::others`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Leads {
    first: u8,
    last: u8,
}

impl Leads {
    /// The bytes of `word` that are neither printable ASCII, nor a
    /// continuation byte, nor one of these leads (0x80 in each, as
    /// [`crate::swar`]'s tests give). In text that starts at a character's
    /// first byte, every continuation byte before the first marked byte
    /// belongs to a lead that was not marked.
    #[inline]
    pub(super) fn others(self, word: u64) -> u64 {
        use crate::swar::{HIGH, ascii_below, unprintable};
        let ascii_unprintable = unprintable(word) & !word;
        // Bytes from 0xC0 up (bits 7 and 6 set); their low seven bits are
        // 0x40 and up, below 0x80, where `ascii_below` is exact.
        let leads = word & (word << 1);
        let low = word & !HIGH;
        let outside = ascii_below(low, self.first & 0x7F) | !ascii_below(low, (self.last & 0x7F) + 1);
        (ascii_unprintable | leads & outside) & HIGH
    }
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

    /// Whether every character that lead byte `b` starts is in the set:
    /// its block, for a two-byte lead; all 64 of its blocks, for a
    /// three-byte lead but 0xE0 (whose first half of blocks does not exist
    /// and holds the two-byte leads' bits).
    fn has_lead(&self, b: u8) -> bool {
        match b {
            0xC2..=0xDF => self.0[0] >> (b & 0x1F) & 1 != 0,
            0xE1..=0xEF => self.0[usize::from(b & 0x0F)] == u64::MAX,
            _ => false,
        }
    }

    /// The widest run of lead bytes of `b`'s length around `b` whose
    /// characters are all in the set, if `b`'s are.
    fn leads_around(&self, b: u8) -> Option<Leads> {
        if !self.has_lead(b) {
            return None;
        }
        let same_length = |x: u8| (x >= 0xE0) == (b >= 0xE0);
        let (mut first, mut last) = (b, b);
        while self.has_lead(first - 1) && same_length(first - 1) {
            first -= 1;
        }
        while last < 0xEF && self.has_lead(last + 1) && same_length(last + 1) {
            last += 1;
        }
        Some(Leads { first, last })
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
        let asked = |cp: u32| match char::from_u32(cp) {
            Some(c) if !is_known_plain(cp) => entry(form, c),
            _ => 0,
        };
        let bmp: Box<[u16]> = (0..0x10000).map(asked).collect();
        let mut index = Vec::with_capacity(((COVERED - 0x10000) >> 8) as usize);
        let mut rows: Vec<[u16; 256]> = Vec::new();
        let mut seen: HashMap<[u16; 256], u16> = HashMap::new();
        for block in 0x100..COVERED >> 8 {
            let mut row = [0u16; 256];
            for (low, slot) in row.iter_mut().enumerate() {
                *slot = asked(block << 8 | low as u32);
            }
            let at = *seen.entry(row).or_insert_with(|| {
                rows.push(row);
                u16::try_from(rows.len() - 1).expect("fewer than 65536 distinct rows")
            });
            index.push(at);
        }
        let stable = Blocks::of(&bmp, |e| e & !SPECIAL == 0);
        let plain = Blocks::of(&bmp, |e| e == 0);
        let plain_leads = std::array::from_fn(|i| plain.leads_around(0xC0 + i as u8));
        Table { form, bmp, index: index.into(), rows: rows.into(), stable, plain, plain_leads }
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

    /// The run of plain leads (see [`Leads`]) that `lead`, a character's
    /// first byte from 0xC0 up, stands in, if its characters are plain.
    #[inline]
    pub(super) fn plain_leads(&self, lead: u8) -> Option<Leads> {
        self.plain_leads[usize::from(lead & 0x3F)]
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

/// Whether `cp` is in a block known to hold only characters whose entry
/// is 0 in either form: Han (but for the compatibility ideographs), the
/// Hangul syllables and the unassigned rest of plane 2. Half of the
/// characters the table covers: [`Table::build`] need not ask
/// unicode-normalization about them, which was half of building it (a
/// tenth of every run's start-up). A test holds the blocks to [`entry`].
fn is_known_plain(cp: u32) -> bool {
    matches!(cp, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 | 0x2_0000..=0x2_F7FF | 0x2_FA20..=0x2_FFFF)
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
    fn the_blocks_known_plain_are_plain_in_either_form() {
        let known: Vec<char> = (0..COVERED).filter(|&cp| is_known_plain(cp)).filter_map(char::from_u32).collect();
        assert_eq!(known.len(), 6_592 + 20_992 + 11_172 + 63_488 + 1_504);
        for c in known {
            for form in [Form::Nfc, Form::Nfkc] {
                assert_eq!(entry(form, c), 0, "U+{:04X} in {form:?}", c as u32);
            }
        }
    }

    /// The runs of plain leads are the scripts' the fast path relies on,
    /// and every character each of their leads starts is plain.
    #[test]
    fn plain_leads_are_runs_of_leads_of_plain_characters() {
        let table = Table::get(Form::Nfc);
        let run = |first, last| Some(Leads { first, last });
        assert_eq!(table.plain_leads(0xD0), run(0xCF, 0xD1));
        assert_eq!(table.plain_leads(0xC3), run(0xC3, 0xCB));
        assert_eq!(table.plain_leads(0xE6), run(0xE4, 0xE9));
        assert_eq!(table.plain_leads(0xEB), run(0xEB, 0xEC));
        for form in [Form::Nfc, Form::Nfkc] {
            let table = Table::get(form);
            for lead in 0xC0..=0xFFu8 {
                let Some(Leads { first, last }) = table.plain_leads(lead) else { continue };
                assert!((first..=last).contains(&lead));
                for b in first..=last {
                    let chars = match b {
                        0xC2..=0xDF => u32::from(b & 0x1F) << 6..(u32::from(b & 0x1F) + 1) << 6,
                        0xE1..=0xEF => u32::from(b & 0x0F) << 12..(u32::from(b & 0x0F) + 1) << 12,
                        _ => panic!("{b:#x} leads no two- or three-byte character"),
                    };
                    for c in chars.filter_map(char::from_u32) {
                        assert_eq!(table.entry(c), 0, "U+{:04X} under {form:?}", c as u32);
                    }
                }
            }
        }
    }

    /// `Leads::others` against its definition, for every byte in every
    /// place of a word.
    #[test]
    fn leads_others_marks_all_but_printable_ascii_continuations_and_the_leads() {
        for (first, last) in [(0xD0, 0xD1), (0xC3, 0xCB), (0xE4, 0xE9), (0xEB, 0xEC)] {
            let leads = Leads { first, last };
            crate::swar::check_every_byte(
                &[b'a', b' ', 0x80, 0xBF, first, last],
                |w| leads.others(w),
                |b| Some(!((0x20..0x7F).contains(&b) || b & 0xC0 == 0x80 || (first..=last).contains(&b))),
            );
        }
    }

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
