//! Finding mojibake in one line, choosing its reading, and planning the
//! repair.
//!
//! For each code page with evidence on the line (a lead character followed
//! by a continuation character: see [`codepage`](super::codepage)), the
//! line is read as that code page's bytes and cut into UTF-8 *sequences*:
//! a lead byte and its continuation bytes, exact or damaged in the few ways
//! careless pipelines damage them (a byte 0xA0 that became a space or was
//! stripped, a byte lost to U+FFFD, "?" or nothing). Adjacent sequences
//! form a *cluster*, the unit that is replaced; the clusters of one word
//! form a *group*, the unit that is judged. A cluster's decoded text can be
//! mojibake again, so it is peeled layer by layer and the most natural
//! layer kept.
//!
//! A group is judged by how much more natural the word is after decoding
//! ([`score::cost`] before minus after), plus evidence the cost model does
//! not see (a three- or four-byte sequence rarely happens by chance; "Ã",
//! "Â" and "â€" are the commonest mojibake there is), minus a prior for the
//! code page (windows-1252 mix-ups are common, KOI8-R ones are not) and the
//! price of any damage the reading assumes. Groups of one code page on one
//! line support each other: a line that is mojibake through and through
//! lets its weakest words (a one-letter Cyrillic word, a lone "Ã ") be
//! repaired too, while non-ASCII characters that fit no sequence (an en
//! dash typed correctly) count against a line that looks only partly
//! broken. Across code pages, the best-scoring reading of each group wins.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::Rule;
use super::chars::non_ascii;
use super::codepage::{Codepage, Entry, Index, Mask, index, may_start_indexed, may_start_indexed_in};
use super::plan::{Plan, Step, read_as_utf8};
use super::score::{self, Scripts};
use crate::change::CompactString;

/// A group is repaired when its score (with support) exceeds this.
const THRESHOLD: f32 = 1.5;
/// At most this much support from the other groups of a line.
const MAX_SUPPORT: f32 = 4.0;
/// What correct punctuation standing alone costs a line's lone broken word
/// (see [`Orphans::penalty`]), less the support of other groups.
const ORPHAN_PENALTY: f32 = 5.5;

/// One repair found on a line: `span` of the line becomes `after`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Repair {
    pub span: std::ops::Range<usize>,
    pub after: CompactString,
    pub plan: Plan,
    pub rule: Rule,
    pub reason: Cow<'static, str>,
}

impl Repair {
    /// Length of the text after the repair minus the length before, in
    /// bytes.
    pub fn delta(&self) -> isize {
        self.after.len() as isize - self.span.len() as isize
    }
}

/// The repairs of a line.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub repairs: Vec<Repair>,
    /// What is known of the line with the repairs applied.
    pub settled: Settled,
    /// The line with the repairs applied, when finding them built it (a
    /// line repaired whole), so that it need not be built again.
    pub repaired: Option<String>,
}

/// What a pass knows of the line it repaired, with its repairs applied:
/// what the next pass may skip.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Settled {
    /// Nothing: the next pass is a plain one.
    #[default]
    No,
    /// The line needs no further plain pass: one code page explained the
    /// whole line, and the result has no evidence of another layer, no C1
    /// control and nothing invisible. The next pass can go straight to the
    /// settled view.
    Plain,
    /// As [`Settled::Plain`], and every character of the result is a stable
    /// NFC starter (see [`crate::normalize::is_stable_starter`]), so
    /// composing it changes nothing: the settled view need not check.
    Composed,
}

/// What the fast scan of a line found, per code page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Evidence {
    /// Code pages with a plausible sequence somewhere: a lead followed by
    /// continuations, in a pair real text does not write, decoding to a
    /// likely character.
    pub pairs: Mask,
    /// Code pages with only weaker hints: "Â", "Ã", "Г" or "Ă" (the leads
    /// of C2 and C3 in some code page) before a space or "?" or at the
    /// line's end, or a lead before U+FFFD.
    pub weak: Mask,
    /// How many plausible sequences the strongest code page has.
    pub most: u16,
    /// The count per code page, by [`Codepage::index`].
    pub counts: [u16; 14],
}

impl Evidence {
    pub(super) fn any(self) -> bool {
        (self.pairs | self.weak) != 0
    }

    /// The code pages worth reading the line with: those with weak hints,
    /// and those with at least a third of the strongest one's sequences
    /// (a line of windows-1252 mojibake has a few sequences that read in
    /// windows-1250 too; they are not worth a reading of their own).
    pub(super) fn worth(self) -> Mask {
        let mut mask = self.weak;
        for cp in Codepage::ALL {
            let n = self.counts[cp.index()];
            if n > 0 && (self.most < 6 || 3 * n >= self.most) {
                mask |= cp.bit();
            }
        }
        mask
    }
}

/// Scans `line` for the evidence mojibake needs. Cheap where it matters:
/// one decoding and one table lookup per non-ASCII character (each is
/// looked at once, as the follower of the character before and as a lead),
/// and a closer look only at a lead character followed by a continuation
/// character of the same code page, which most correct text has few of.
pub(super) fn scan(line: &str) -> Evidence {
    scan_with::<true>(line)
}

/// [`scan`], with `TWO_BYTE_RUNS` its shortcut through runs of two-byte
/// characters (the tests hold it to the scan without).
fn scan_with<const TWO_BYTE_RUNS: bool>(line: &str) -> Evidence {
    let idx = index();
    let mut ev = Evidence::default();
    let bytes = line.as_bytes();
    // The character before, when it is a lead in some code page: where it
    // starts, what it is, its entry.
    let mut lead: Option<(usize, char, &Entry)> = None;
    let mut at = 0;
    while at < bytes.len() {
        // Unless it follows a lead, skip what no code page has: ASCII, and
        // the characters of the scripts with no code page here (CJK,
        // Hangul, Indic, Thai...), eight bytes at a time. (This runs at the
        // start of every word of Russian: looking at 32 bytes at once there
        // was a fifth of the scan.)
        if lead.is_none() {
            at = crate::swar::skip_unmarked(bytes, at, may_start_indexed_in);
            while bytes.get(at).is_some_and(|&b| !may_start_indexed(b)) {
                at += 1;
            }
        }
        // Through a run of two-byte characters (Cyrillic, Greek, Hebrew,
        // Arabic words) none of which continues a sequence the one before
        // leads, which is every run of correct text in those scripts, only
        // the code pages' masks matter: two bytes and one small table per
        // character. The first that may pair, and anything else, goes the
        // full way below. (A third of the time spent on Russian news.)
        if TWO_BYTE_RUNS {
            let mut before = lead.map_or(0, |(_, _, e)| e.lead);
            let (mut last, mut last_lead) = (None, 0);
            while let Some(&[b0 @ 0xC2..=0xDF, b1]) = bytes.get(at..at + 2).and_then(|b| b.first_chunk::<2>()) {
                let (leads, continues) = idx.masks_of_two_bytes(b0, b1);
                if before & continues != 0 {
                    break;
                }
                (last, last_lead, before) = (Some(at), leads, leads);
                at += 2;
            }
            if let Some(last) = last {
                let c = line[last..].chars().next().expect("a character starts there");
                let next = bytes.get(at).copied();
                if next.is_none_or(|b| b.is_ascii()) {
                    // The run ends a word: an ASCII character or the line's
                    // end, which only "Â", "Ã", "Г" and "Ă" lead, before a
                    // space or "?" (see below), and which leads nothing.
                    if next.is_none_or(|b| b == b' ' || b == b'?') {
                        ev.weak |= latin_a_leads(c, idx);
                    }
                    lead = None;
                    at += usize::from(next.is_some());
                    continue;
                }
                lead = (last_lead != 0).then(|| (last, c, idx.get(c).expect("a character with a lead has an entry")));
                continue;
            }
        }
        let Some(n) = line[at..].chars().next() else { break };
        let here = at;
        at += n.len_utf8();
        let entry = if n.is_ascii() { None } else { idx.get(n) };
        if let Some((before, c, e)) = lead {
            match n {
                ' ' | '?' => ev.weak |= latin_a_leads(c, idx),
                '\u{FFFD}' => ev.weak |= e.lead,
                _ => {
                    let both = entry.map_or(0, |ne| e.lead & ne.cont);
                    if let Some(ne) = entry.filter(|_| both != 0) {
                        let prev = line[..before].chars().next_back();
                        let plausible = weigh_pair(prev, (c, e), (n, ne), both, &line[at..]);
                        if plausible != 0 {
                            ev.pairs |= plausible;
                            for i in Codepage::indices(plausible) {
                                let count = &mut ev.counts[i];
                                *count = count.saturating_add(1);
                                ev.most = ev.most.max(*count);
                            }
                            // Enough to tell which code pages are worth a
                            // reading.
                            if ev.most >= 16 {
                                return ev;
                            }
                        }
                    }
                }
            }
        }
        lead = entry.filter(|e| e.lead != 0).map(|e| (here, n, e));
    }
    // A lead at the end of the line.
    if let Some((_, c, _)) = lead {
        ev.weak |= latin_a_leads(c, idx);
    }
    ev
}

/// The code pages in which `text` has a lead character followed by a
/// continuation character: the only ones it can be mojibake in.
fn pair_mask(text: &str) -> Mask {
    let idx = index();
    let mut mask = 0;
    let mut lead: Mask = 0;
    for c in text.chars() {
        // U+FFFD marks a lost continuation byte in any code page.
        let (l, k) = if c == '\u{FFFD}' { (0, Mask::MAX) } else { idx.get(c).map_or((0, 0), |e| (e.lead, e.cont)) };
        mask |= lead & k;
        lead = l;
    }
    mask
}

/// The code pages in which `c` is "Â" or "Ã", byte C2 or C3: the leads of
/// the no-break space and of "à", which lose their 0xA0 to white space.
/// (Asked at the end of every word: the entry is looked up only for the
/// four characters that may be such a lead.)
fn latin_a_leads(c: char, idx: &Index) -> Mask {
    if !matches!(c, 'Â' | 'Ã' | 'Г' | 'Ă') {
        return 0;
    }
    let bytes = idx.get(c).expect("the four have an entry").bytes;
    Codepage::ALL.iter().filter(|cp| matches!(bytes[cp.index()], 0xC2 | 0xC3)).fold(0, |m, cp| m | cp.bit())
}

/// The code pages of `both` (those in which `c` leads a sequence that `n`
/// continues) in which the pair is evidence, with `prev` the character
/// before it and `rest` the text after it: none if real text writes the
/// pair all the time ([`natural_pair`]), else those in which the sequence
/// it starts is [plausible](plausible_sequences). The scan's verdict on
/// every such pair, and the quiet look's on quiet characters side by side
/// (see [`super::neighbours_may_be_evidence`]).
pub(super) fn weigh_pair(
    prev: Option<char>,
    (c, e): (char, &Entry),
    (n, ne): (char, &Entry),
    both: Mask,
    rest: &str,
) -> Mask {
    if natural_pair(prev, c, n, rest.chars().next()) {
        return 0;
    }
    plausible_sequences(e, ne, rest, both)
}

/// Pairs that correct text writes all the time and mojibake proves
/// nothing by: two letters of one script in a natural case order ("Рё"),
/// unless they are a foreign script glued to Latin letters ("canciГіn"); a
/// quotation mark or apostrophe before a letter ("l’é", "«É"); a letter
/// before a no-break space ("SELKÄ\u{a0}", but not the letters of bytes
/// C2 and C3 that lead "à" and the no-break space); a symbol before a
/// no-break space; box drawing. "Ã", "Â", "â" and "Ÿ" lead no natural
/// pair at all, nor a capital right after a lowercase letter ("previsĂŁo").
fn natural_pair(prev: Option<char>, c: char, n: char, after: Option<char>) -> bool {
    if matches!(c, 'Ã' | 'Â' | 'â' | 'Ÿ') || (prev.is_some_and(char::is_lowercase) && c.is_uppercase()) {
        return false;
    }
    let (ck, nk) = (super::chars::classify(c), super::chars::classify(n));
    let latin_near = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
    match (ck.kind, nk.kind) {
        (super::chars::Kind::Letter(s, case), super::chars::Kind::Letter(t, next_case)) => {
            s == t
                && !(case == super::chars::Case::Lower && next_case == super::chars::Case::Upper)
                && (s == super::chars::Script::Latin || !(latin_near(prev) || latin_near(after)))
        }
        (_, super::chars::Kind::Letter(..)) => "’‘“”«»„‹›".contains(c),
        (super::chars::Kind::Letter(..), super::chars::Kind::Space) => !"ÂÃГĂΓĆĀΒ".contains(c),
        // Typesetting: "10\u{a0}×\u{a0}10", "§\u{a0}3". Only "×\u{a0}" of
        // these is also a sequence (Hebrew "נ" read as windows-1252), and a
        // Hebrew line has other letters to show it.
        (super::chars::Kind::Symbol | super::chars::Kind::Punct, super::chars::Kind::Space) => n == '\u{a0}',
        _ => ('\u{2500}'..='\u{259F}').contains(&c) && ('\u{2500}'..='\u{259F}').contains(&n),
    }
}

/// The code pages of `cps` in which the sequence that starts with `lead`
/// and `next` (entries the scan has) and goes on with `rest` is complete
/// and decodes to a character real text has (not a control, a private-use
/// or unassigned code point, nor one of the rarest).
///
/// Code pages that give the sequence's characters the same bytes read the
/// same sequence and share one verdict: windows-1252, latin-1, windows-1254
/// and more give "Ã" and "©" the bytes C3 A9 alike, and each sequence is
/// decoded once for all of them (on heavily mojibaked text there were 3.6
/// code pages per pair, and a tenth of the scan's cost was decoding the
/// same bytes again).
fn plausible_sequences(lead: &Entry, next: &Entry, rest: &str, cps: Mask) -> Mask {
    let entries = sequence_entries(lead, next, rest, cps);
    let mut found = 0;
    let mut left = cps;
    while left != 0 {
        let i = left.trailing_zeros() as usize;
        let (width, plausible) = sequence_in(&entries, i);
        left &= !(1 << i);
        // The code pages left with the same bytes for the characters read
        // (a character that is not there has none in any), when any are
        // left: the quiet look asks of pairs in one or two code pages.
        let alike = if left == 0 {
            0
        } else {
            entries[..width.max(1)].iter().fold(left, |mask, e| mask & e.map_or(Mask::MAX, |e| e.same_byte(e.bytes[i])))
        };
        if plausible {
            found |= alike | 1 << i;
        }
        left &= !alike;
    }
    found
}

/// The entries of the characters a sequence that starts with `lead` and
/// `next` may take, the two and the first two of `rest` (none for ASCII or
/// a character no code page has). The third and fourth characters matter
/// only where the lead starts a longer sequence than two bytes in some
/// code page of `cps`; most of mojibake's do not, and they are left out.
fn sequence_entries<'a>(lead: &'a Entry, next: &'a Entry, rest: &str, cps: Mask) -> [Option<&'a Entry>; 4] {
    let mut entries = [Some(lead), Some(next), None, None];
    if cps & !lead.lead2 != 0 {
        let idx = index();
        for (slot, c) in entries[2..].iter_mut().zip(rest.chars()) {
            *slot = if c.is_ascii() { None } else { idx.get(c) };
        }
    }
    entries
}

/// The width of the sequence that the characters of `entries` (a character
/// missing or ASCII as none) start in the code page of index `i` (0 when
/// its first byte leads none), and whether it is complete and plausible (see
/// [`plausible_sequences`]).
fn sequence_in(entries: &[Option<&Entry>; 4], i: usize) -> (usize, bool) {
    let byte = |k: usize| entries[k].map(|e| e.bytes[i]).filter(|&b| b != 0);
    let Some(width) = byte(0).and_then(utf8_width) else { return (0, false) };
    let mut bytes = [0u8; 4];
    let complete = (0..width).all(|k| {
        byte(k).is_some_and(|b| {
            (k == 0 || (0x80..=0xBF).contains(&b)) && {
                bytes[k] = b;
                true
            }
        })
    });
    // Not UTF-8, but for a CESU-8 surrogate pair's first half.
    (width, complete && super::chars::likely_sequence(&bytes[..width]).unwrap_or(bytes[0] == 0xED))
}

/// How a sequence is damaged, if at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Damage {
    /// Complete and valid.
    None,
    /// The continuation byte at this char offset (within the sequence) is
    /// a space that was byte 0xA0.
    SpaceWasA0(usize),
    /// A final byte 0xA0 was removed (at the line end, or before the
    /// space that separates "à" from the next word).
    A0Removed,
    /// A continuation byte was replaced by U+FFFD or "?" (the last char of
    /// the sequence).
    Marker,
    /// A continuation byte was dropped.
    Dropped,
}

impl Damage {
    /// Whether the sequence lost an 0xA0 byte, to a space or for good.
    fn lost_a0(self) -> bool {
        matches!(self, Damage::SpaceWasA0(_) | Damage::A0Removed)
    }
}

/// A UTF-8 sequence read from the line: chars `start..end` (byte offsets
/// into the text being read) stand for bytes that decode to `ch`.
#[derive(Clone, Copy, Debug)]
struct Seq {
    start: usize,
    end: usize,
    ch: char,
    /// The number of UTF-8 bytes the sequence should have (6 for a CESU-8
    /// surrogate pair).
    width: usize,
    lead: u8,
    damage: Damage,
}

/// Adjacent sequences: one replacement.
#[derive(Clone, Debug)]
struct Cluster {
    start: usize,
    end: usize,
    seqs: Vec<Seq>,
}

/// A cluster's chosen reading: the decoded text and the plan to get it.
#[derive(Clone, Debug)]
struct Reading {
    after: String,
    plan: Vec<Step>,
    layers: Vec<Codepage>,
    damage: Vec<Damage>,
}

impl Reading {
    /// Whether the reading is only no-break spaces, each of which lost its
    /// 0xA0 (to the space after it, or for good): the "Â " of "naÃ¯ve Â
    /// cafÃ©", alone or in a run.
    fn is_lost_nbsp(&self) -> bool {
        self.after.chars().all(|c| c == '\u{a0}') && self.damage.iter().all(|d| d.lost_a0())
    }
}

/// One character of a text as a code page sees it.
#[derive(Clone, Copy, Debug)]
struct Unit {
    at: usize,
    ch: char,
    byte: Option<u8>,
}

/// The characters of `text[range]` as `cp` sees them, added to `out`.
fn units_into(text: &str, range: std::ops::Range<usize>, cp: Codepage, out: &mut Vec<Unit>) {
    // A unit per byte at most: room for them before they are added.
    out.reserve(range.len());
    out.extend(text[range.clone()].char_indices().map(|(at, ch)| Unit {
        at: range.start + at,
        ch,
        byte: if ch == '\u{FFFD}' { None } else { cp.encode_char(ch) },
    }));
}

/// How many bytes of ASCII after a non-ASCII character a sequence can
/// reach: the marks of damage are ASCII (a space that was 0xA0, up to
/// three "?" for lost bytes) and a sequence ends where the next character
/// starts, so four; twice that leaves room. The property test
/// `stretches_read_what_a_unit_per_character_reads` fails below four.
const REACH: usize = 8;

/// The stretches of `text` where sequences can be: each run of non-ASCII
/// characters with the [`REACH`] bytes after it (ASCII, or the stretch
/// would go on), runs closer than that joined. A sequence's lead is a byte
/// of 0x80 or more, which is a non-ASCII character in every code page, so
/// nothing outside them needs reading: a long line with one broken word
/// costs a byte scan, not a unit per character.
fn stretches(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + bytes.get(at..)?.iter().position(|&b| b >= 0x80)?;
        let mut end = start;
        loop {
            // Past the non-ASCII run, then the ASCII after it: up to REACH
            // bytes, unless another run starts within them.
            end += bytes[end..].iter().position(|&b| b < 0x80).unwrap_or(bytes.len() - end);
            let pad = bytes[end..].iter().take(REACH).position(|&b| b >= 0x80);
            match pad {
                Some(k) => end += k,
                None => {
                    end = (end + REACH).min(bytes.len());
                    break;
                }
            }
        }
        at = end;
        Some(start..end)
    })
}

fn utf8_width(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// Whether a sequence cut short by a space or the line end (`bytes`, its
/// lead and continuations) is read as having dropped its last byte rather
/// than lost an 0xA0 to white space: when the 0xA0 would make no likely
/// character ("â€" + 0xA0 is "†", "Ñ" + 0xA0 is "Ѡ"), or the lead is a
/// capital right after a lowercase letter (`capital_in_word`). Otherwise
/// the 0xA0 reading stands ("à¸ " is Thai "ภ"); the "Â" of a no-break
/// space and the "Ã" of "à" have rules of their own.
fn dropped_first(bytes: &[u8], capital_in_word: bool) -> bool {
    if matches!(bytes.first(), Some(0xC2 | 0xC3)) {
        return false;
    }
    let mut with_a0 = bytes.to_vec();
    with_a0.push(0xA0);
    let Some(c) = decode_one(&with_a0) else { return true };
    let class = super::chars::classify(c);
    capital_in_word
        || class.rarity >= 1
        || matches!(class.kind, super::chars::Kind::Invalid | super::chars::Kind::Control)
}

/// Whether `bytes` (a lead and some continuation bytes) can begin a valid
/// UTF-8 sequence.
fn valid_prefix(bytes: &[u8]) -> bool {
    let Some(&lead) = bytes.first() else { return false };
    let Some(width) = utf8_width(lead) else { return false };
    if bytes.len() > width || !bytes[1..].iter().all(|b| (0x80..=0xBF).contains(b)) {
        return false;
    }
    match (lead, bytes.get(1)) {
        (_, None) => true,
        (0xE0, Some(&b)) => b >= 0xA0,
        (0xED, Some(&b)) => b <= 0x9F,
        (0xF0, Some(&b)) => b >= 0x90,
        (0xF4, Some(&b)) => b <= 0x8F,
        _ => true,
    }
}

fn decode_one(bytes: &[u8]) -> Option<char> {
    std::str::from_utf8(bytes).ok().and_then(|s| s.chars().next())
}

/// Which damaged sequences a reading allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Allow {
    /// Exact sequences and lost-byte markers only.
    Exact,
    /// Also lost 0xA0 bytes.
    NoDropped,
    /// Also dropped bytes.
    All,
    /// Also dropped bytes, preferred to a lost 0xA0 wherever a sequence is
    /// cut short by a space: for lines where bytes were dropped for sure.
    PreferDropped,
}

/// Reads the sequence starting at `units[i]`, allowing the damage kinds
/// `allow` allows.
fn sequence_at(units: &[Unit], i: usize, text: &str, allow: Allow, after_seq: bool, spaced: bool) -> Option<Seq> {
    let damaged = allow != Allow::Exact;
    let dropping = matches!(allow, Allow::All | Allow::PreferDropped);
    let prefer_dropped = |bytes: &[u8]| {
        dropped_first(bytes, after_seq) || allow == Allow::PreferDropped && !matches!(bytes.first(), Some(0xC2 | 0xC3))
    };
    let lead = units[i].byte?;
    let width = utf8_width(lead)?;
    if lead == 0xED
        && let Some(seq) = cesu_at(units, i, text)
    {
        return Some(seq);
    }
    let mut bytes = [lead, 0, 0, 0];
    let mut have = 1;
    let mut j = i + 1;
    let mut damage = Damage::None;
    while have < width {
        let Some(u) = units.get(j) else {
            // The line ends inside the sequence: a dropped byte (in a
            // reading that allows them, as for a space below), or a
            // stripped 0xA0. A sequence is read with one damage at most
            // (a plan restores one byte per sequence): one whose space was
            // already an 0xA0 ends here.
            if damage != Damage::None {
                return None;
            }
            if dropping && have + 1 == width && prefer_dropped(&bytes[..have]) {
                damage = Damage::Dropped;
                break;
            }
            if damaged && have + 1 == width {
                bytes[have] = 0xA0;
                if valid_prefix(&bytes[..=have]) {
                    damage = Damage::A0Removed;
                    have += 1;
                    break;
                }
            }
            return None;
        };
        match u.byte {
            Some(b @ 0x80..=0xBF) if valid_with(&bytes, have, b) => {
                bytes[have] = b;
                have += 1;
                j += 1;
            }
            _ if u.ch == '\u{FFFD}' || u.ch == '?' => {
                // A lost byte, marked; the rest must be continuation
                // bytes or more marks.
                if !valid_prefix(&bytes[..have]) {
                    return None;
                }
                j += 1;
                for _ in have + 1..width {
                    match units.get(j) {
                        Some(u)
                            if matches!(u.ch, '\u{FFFD}' | '?')
                                || u.byte.is_some_and(|b| (0x80..=0xBF).contains(&b)) =>
                        {
                            j += 1;
                        }
                        _ => return None,
                    }
                }
                let start = units[i].at;
                let end = units.get(j).map_or(text.len(), |u| u.at);
                return Some(Seq { start, end, ch: '\u{FFFD}', width, lead, damage: Damage::Marker });
            }
            // A space in place of a sequence's last byte: in a reading that
            // allows dropped bytes, when the sequence follows another or
            // has a continuation already, the byte was dropped and the
            // space is the next word's ("â€ car", where "”" lost its 0x9D);
            // the no-break space of "Â " and the "à" of "Ã " aside, which
            // have rules of their own. The reading without dropped bytes
            // tries the 0xA0 instead, and the line decides between them.
            _ if damaged
                && u.ch == ' '
                && damage == Damage::None
                && valid_with(&bytes, have, 0xA0)
                && !(dropping && have + 1 == width && prefer_dropped(&bytes[..have])) =>
            {
                bytes[have] = 0xA0;
                // "Ã " is "à" whose 0xA0 was lost: the space became the
                // byte in Portuguese "à" contractions ("às", "àquele"),
                // before another space or punctuation, and on a line where
                // 0xA0 bytes became spaces for sure (`spaced`: Vietnamese
                // "dÃ i" is "dài"); otherwise the space is the one after
                // the word ("voilÃ le") and the byte was removed.
                if lead == 0xC3 && width == 2 && !spaced && !space_was_byte(text, u.at) {
                    damage = Damage::A0Removed;
                    have += 1;
                    break;
                }
                damage = Damage::SpaceWasA0(j - i);
                have += 1;
                j += 1;
            }
            // A byte (or, in a three- or four-byte sequence, two) dropped
            // before a character of the code page: CJK text loses both
            // continuation bytes of some kana.
            _ if dropping
                && damage == Damage::None
                && u.byte.is_some()
                && (have + 1 == width || width >= 3 && have + 2 == width) =>
            {
                damage = Damage::Dropped;
                break;
            }
            _ => return None,
        }
    }
    let start = units[i].at;
    let end = units.get(j).map_or(text.len(), |u| u.at);
    let ch = if damage == Damage::Dropped { '\u{FFFD}' } else { decode_one(&bytes[..have])? };
    Some(Seq { start, end, ch, width, lead, damage })
}

/// `bytes[..have]` followed by `b`, as a prefix to check.
fn with(bytes: &[u8; 4], have: usize, b: u8) -> ([u8; 4], usize) {
    let mut v = *bytes;
    v[have] = b;
    (v, have + 1)
}

fn valid_with(bytes: &[u8; 4], have: usize, b: u8) -> bool {
    let (v, n) = with(bytes, have, b);
    valid_prefix(&v[..n])
}

/// Whether the space at byte `at` of `text`, after an "Ã", was the second
/// byte of "à" rather than the space after it.
fn space_was_byte(text: &str, at: usize) -> bool {
    let rest = &text[at + 1..];
    rest.starts_with([' ', '.', ',', ';', ')'])
        || rest.starts_with("s ")
        || rest == "s"
        || rest.starts_with("s,")
        || rest.starts_with("s.")
        || rest.starts_with("quel")
        || rest.starts_with("quil")
}

/// A CESU-8 surrogate pair (six bytes: two three-byte sequences for one
/// character beyond U+FFFF) at `units[i]`.
fn cesu_at(units: &[Unit], i: usize, text: &str) -> Option<Seq> {
    let bytes: Vec<u8> = units.get(i..i + 6)?.iter().map(|u| u.byte).collect::<Option<_>>()?;
    let ch = super::plan::cesu_pair(&bytes)?;
    let end = units.get(i + 6).map_or(text.len(), |u| u.at);
    Some(Seq { start: units[i].at, end, ch, width: 6, lead: 0xED, damage: Damage::None })
}

/// All sequences of `text` read as `cp`, left to right, and the clusters
/// they form.
fn clusters(text: &str, cp: Codepage, allow: Allow) -> Vec<Cluster> {
    // The units of every stretch, made once: whether the line shows 0xA0
    // bytes turned into spaces must be known before any stretch is read.
    // Room for a few stretches from the start: growing from nothing was 3 %
    // of the word-by-word path.
    let mut units = Vec::with_capacity(64);
    // Each stretch's units in `units`, and where the stretch starts.
    let mut read: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for stretch in stretches(text) {
        let from = units.len();
        let start = stretch.start;
        units_into(text, stretch, cp, &mut units);
        read.push((from..units.len(), start));
    }
    // Whether the line shows 0xA0 bytes turned into spaces for sure. The
    // signs start with a non-ASCII character and fit in its stretch.
    let spaced = allow != Allow::Exact
        && read.iter().any(|(of, _)| units[of.clone()].windows(3).any(|w| shows_spaced_a0(text, w)));
    let mut out: Vec<Cluster> = Vec::new();
    for (of, start) in read {
        // A stretch ends REACH characters past its last possible lead, or
        // at the line's end: a sequence that runs out of units ran out of
        // line.
        let before = text[..start].chars().next_back();
        read_clusters(&units[of], before, text, allow, spaced, &mut out);
    }
    out
}

/// Reads the sequences of `units` (a stretch of `text`, after the
/// character `before`) into `out`, joining adjacent ones into clusters.
fn read_clusters(
    units: &[Unit],
    mut before: Option<char>,
    text: &str,
    allow: Allow,
    spaced: bool,
    out: &mut Vec<Cluster>,
) {
    let mut i = 0;
    while i < units.len() {
        // A capital right after a lowercase letter: where a cut-short
        // sequence is a dropped byte.
        let after_seq = before.is_some_and(char::is_lowercase) && units[i].ch.is_uppercase();
        before = Some(units[i].ch);
        let Some(seq) = sequence_at(units, i, text, allow, after_seq, spaced) else {
            i += 1;
            continue;
        };
        match out.last_mut() {
            Some(c) if c.end == seq.start => {
                c.end = seq.end;
                c.seqs.push(seq);
            }
            _ => out.push(Cluster { start: seq.start, end: seq.end, seqs: vec![seq] }),
        }
        while i < units.len() && units[i].at < seq.end {
            i += 1;
        }
        before = units.get(i.wrapping_sub(1)).map(|u| u.ch);
    }
}

/// Whether three units show an 0xA0 byte turned into a space for sure:
/// "à" ("Ã" + 0xA0) followed by two spaces, or the "Â" of a no-break space
/// after a lowercase letter or a digit, followed by one.
fn shows_spaced_a0(text: &str, w: &[Unit]) -> bool {
    w[1].ch == ' '
        && match w[0].byte {
            Some(0xC3) => w[2].ch == ' ',
            Some(0xC2) => text[..w[0].at].chars().next_back().is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()),
            _ => false,
        }
}

/// Takes out of each cluster the damaged sequences whose reading is no
/// real character (a lost 0xA0 that would make "À " the modifier letter
/// "ˠ"), so that they do not drag down the intact sequences next to them.
fn split_unlikely_damage(found: Vec<Cluster>) -> Vec<Cluster> {
    let mut out = Vec::with_capacity(found.len());
    for cluster in found {
        let mut current: Option<Cluster> = None;
        for seq in cluster.seqs {
            let unlikely = seq.damage != Damage::None && seq.ch != '\u{FFFD}' && !super::chars::likely(seq.ch);
            if unlikely {
                out.extend(current.take());
                continue;
            }
            match current.as_mut() {
                Some(c) if c.end == seq.start => {
                    c.end = seq.end;
                    c.seqs.push(seq);
                }
                _ => {
                    out.extend(current.take());
                    current = Some(Cluster { start: seq.start, end: seq.end, seqs: vec![seq] });
                }
            }
        }
        out.extend(current);
    }
    out
}

/// The plan for one layer: encode `text` (a whole cluster) with `cp`,
/// mend the damaged sequences, decode as UTF-8.
fn layer_plan(cp: Codepage, seqs: &[Seq], base: usize, text: &str) -> Vec<Step> {
    // The encoding, a step per damaged sequence at most, the decoding.
    let mut plan = Vec::with_capacity(seqs.len() + 2);
    plan.push(Step::Encode { codepage: cp });
    // Byte positions in the encoded text shift as bytes are put back.
    let mut shift: isize = 0;
    for seq in seqs {
        let at = text[..seq.start - base].chars().count().saturating_add_signed(shift);
        let len = text[seq.start - base..seq.end - base].chars().count();
        match seq.damage {
            Damage::None => {}
            Damage::SpaceWasA0(k) => plan.push(Step::RestoreByte { at: at + k, byte: 0xA0, replace: true }),
            Damage::A0Removed => {
                plan.push(Step::RestoreByte { at: at + len, byte: 0xA0, replace: false });
                shift += 1;
            }
            Damage::Marker | Damage::Dropped => {
                plan.push(Step::ReplaceLost { at, len });
                shift += 3 - len as isize;
            }
        }
    }
    plan.push(Step::DecodeUtf8);
    plan
}

/// Peels `cluster` (of `text`, read as `cp`): the first layer, then every
/// further layer that decodes the whole of the previous one (the most
/// natural reading of each depth). Returns each depth with its cost.
fn peel(
    cluster: &Cluster,
    cp: Codepage,
    text: &str,
    max_layers: usize,
    stack: Option<&[Codepage]>,
) -> Vec<(f32, Reading)> {
    let before = &text[cluster.start..cluster.end];
    let first: String = cluster.seqs.iter().map(|s| s.ch).collect();
    let reading = Reading {
        after: first,
        plan: layer_plan(cp, &cluster.seqs, cluster.start, before),
        layers: vec![cp],
        damage: cluster.seqs.iter().map(|s| s.damage).collect(),
    };
    let prev = text[..cluster.start].chars().next_back();
    let next = text[cluster.end..].chars().next();
    // Scripts do not count here: this compares readings of one cluster.
    let natural = |s: &str| score::cost(s, prev, next, Scripts::MAX);
    let mut depths = vec![(natural(&reading.after), reading)];
    // The evidence of the layers peeled so far, below the first.
    let mut peeled = 0.0;
    while depths.len() < max_layers {
        let current = &depths[depths.len() - 1].1;
        let mut next_layer: Option<(f32, Reading, f32)> = None;
        let choices = match stack {
            Some(stack) => match stack.get(depths.len()) {
                Some(&cp2) => vec![cp2],
                None => break,
            },
            None => Codepage::in_mask(pair_mask(&current.after)).collect(),
        };
        for cp2 in choices {
            let inner = clusters(&current.after, cp2, Allow::Exact);
            let [whole] = inner.as_slice() else { continue };
            if whole.start != 0 || whole.end != current.after.len() {
                continue;
            }
            if depths.len() == 1 && !reads_no_spaces_as_bytes(&current.after, prev, &whole.seqs) {
                continue;
            }
            let after: String = whole.seqs.iter().map(|s| s.ch).collect();
            // What the layer's sequences say for themselves counts too:
            // "ÂŁ" is as natural as "£", but it is the commonest mojibake.
            let evidence: f32 = whole.seqs.iter().map(|s| sequence_evidence(s, cp2, None, None)).sum();
            let cost = natural(&after) - evidence - peeled;
            if next_layer.as_ref().is_none_or(|(c, _, _)| cost < *c) {
                let mut plan = current.plan.clone();
                plan.extend(layer_plan(cp2, &whole.seqs, 0, &current.after));
                let mut layers = current.layers.clone();
                layers.push(cp2);
                let mut damage = current.damage.clone();
                damage.extend(whole.seqs.iter().map(|s| s.damage));
                next_layer = Some((cost, Reading { after, plan, layers, damage }, evidence));
            }
        }
        let Some((cost, deeper, evidence)) = next_layer else { break };
        peeled += evidence;
        depths.push((cost, deeper));
    }
    depths
}

/// Whether a second layer (`inner`, read from `first`, which follows the
/// character `prev`) reads no sequence that continues a Latin word and
/// whose continuation bytes are all 0xA0, two or more: in the first layer
/// those are no-break spaces, whole or restored from a space, and after
/// "caf" the "é" and two no-break spaces of "cafÃ©Â Â " and "caf√©¬†¬†"
/// are far likelier than "頠". (Apart from a Latin word the same bytes
/// are as often a syllable: "젠" is EC A0 A0. And one 0xA0 is a
/// sequence's own lost byte as often: "Ã" and one is "à".)
fn reads_no_spaces_as_bytes(first: &str, prev: Option<char>, inner: &[Seq]) -> bool {
    let latin = |c: Option<char>| {
        c.is_some_and(|c| c.is_alphabetic() && super::chars::classify(c).script() == Some(super::chars::Script::Latin))
    };
    inner.iter().all(|s| {
        let mut continuations = first[s.start..s.end].chars().skip(1);
        let before = if s.start == 0 { prev } else { first[..s.start].chars().next_back() };
        !(latin(before) && continuations.clone().count() >= 2 && continuations.all(|c| c == '\u{a0}'))
    })
}

/// A layer is one more assumption: a deeper reading must read clearly
/// better than every shallower one.
const LAYER_MARGIN: f32 = 0.5;

/// The depth a cluster reads best at on its own.
fn best_depth(depths: &[(f32, Reading)]) -> usize {
    let mut best = 0;
    for (d, (cost, _)) in depths.iter().enumerate().skip(1) {
        if cost + LAYER_MARGIN < depths[best].0 {
            best = d;
        }
    }
    best
}

/// Chooses the depth of every cluster of a line: its own best, unless the
/// line's clusters that are sure of their depth agree on a layer stack
/// this cluster reads nearly as well with (a one-letter word like "Ð²"
/// reads as well after one layer as after two; the line knows better).
fn choose_depths(found: &[Cluster], cp: Codepage, line: &str, options: Vec<Vec<(f32, Reading)>>) -> Vec<Reading> {
    let mut votes: Vec<(Vec<Codepage>, usize)> = Vec::new();
    for depths in &options {
        let best = best_depth(depths);
        let sure = depths.iter().enumerate().all(|(d, (c, _))| d == best || depths[best].0 + LAYER_MARGIN < *c);
        if sure {
            let stack = &depths[best].1.layers;
            match votes.iter_mut().find(|(s, _)| s == stack) {
                Some((_, n)) => *n += 1,
                None => votes.push((stack.clone(), 1)),
            }
        }
    }
    let line_stack = votes.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s);
    options
        .into_iter()
        .zip(found)
        .map(|(mut depths, cluster)| {
            let best = best_depth(&depths);
            if let Some(stack) = &line_stack
                && &depths[best].1.layers != stack
            {
                // The line's stack, if this cluster reads through it.
                let mut forced = peel(cluster, cp, line, stack.len(), Some(stack));
                if forced.len() == stack.len()
                    && forced.last().is_some_and(|(c, _)| *c <= depths[best].0 + LAYER_MARGIN)
                {
                    return forced.pop().expect("non-empty").1;
                }
            }
            depths.swap_remove(best).1
        })
        .collect()
}

/// Evidence a sequence gives that the text it sits in is mojibake, beyond
/// what the cost model sees, and the price of the damage it assumes.
fn sequence_evidence(seq: &Seq, cp: Codepage, after_prev: Option<char>, after_next: Option<char>) -> f32 {
    if seq.lead == 0xC2 && seq.ch == '\u{a0}' && nbsp_signature(cp) {
        // A double-encoded no-break space, "Â" + 0xA0, whole or with the
        // 0xA0 lost: a signature of its own after a lowercase letter, a
        // digit, punctuation, a letter of a caseless script or another
        // no-break space ("130Â km", "Miami.Â", "Â Â "), or after an "Â",
        // which no text doubles: the lead of a layer below ("Ã‚Â " is "Â"
        // and this, read twice); never after another capital ("MISUTÂ").
        let fits = after_prev.is_some_and(|p| {
            matches!(p, '\u{a0}' | 'Â')
                || p.is_lowercase()
                || p.is_ascii_digit()
                || (p.is_alphabetic() && !p.is_uppercase())
                || (!p.is_alphanumeric() && !p.is_whitespace() && p != '\'')
                || (p.is_uppercase() && after_next.is_some_and(|n| "!?:;»”)".contains(n)))
        });
        // After white space or at the line's start, with its 0xA0 lost,
        // it is no signature: a space and a no-break space ("text
        // &nbsp;text") are written together, but so is a lone "Â" of
        // real text ("A Ă Â B"). Only a repaired word beside it makes it
        // believable (see `judge`).
        let after_space = after_prev.is_none_or(char::is_whitespace);
        return match (fits, seq.damage) {
            (true, _) => 3.0,
            (false, Damage::None) => 0.0,
            (false, _) if after_space => -1.5,
            (false, _) => -100.0,
        };
    }
    let mut e = match seq.width {
        3 => 1.5,
        4 | 6 => 2.5,
        _ => 0.0,
    };
    // The commonest mojibake there is: the Latin-1 supplement ("Ã©",
    // "Â£") and general punctuation ("â€™"), in code pages where those
    // lead bytes are not everyday letters.
    e += match (cp, seq.lead) {
        // Windows-1251 "В" is an everyday letter, but not before the bytes
        // that make "£", "°", "©" ("ВЈ", "В°").
        (Codepage::Windows1251, 0xC2) if matches!(seq.ch, '£' | '§' | '©' | '®' | '°' | '±' | 'µ' | '¶' | '·') => {
            2.0
        }
        (Codepage::Koi8R | Codepage::Windows1253 | Codepage::Windows1255 | Codepage::Windows1256, 0xC2 | 0xC3)
        | (Codepage::Windows1251, 0xC2) => 0.0,
        (Codepage::MacRoman, 0xC3) => 0.5,
        (_, 0xC2 | 0xC3) => 1.5,
        (_, 0xE2) => 1.0,
        // Greek ("Î±", "Ï€") where those leads are Latin capitals.
        (Codepage::Windows1252 | Codepage::Latin1 | Codepage::Windows1254 | Codepage::Windows1258, 0xCE | 0xCF) => 1.0,
        _ => 0.0,
    };
    e - match seq.damage {
        Damage::None => 0.0,
        Damage::Marker => 0.5,
        Damage::Dropped => 1.5,
        Damage::SpaceWasA0(_) | Damage::A0Removed => 1.5,
    }
}

/// [`sequence_evidence`] of an undamaged sequence as wide as its lead says,
/// with nothing known around it: what whole-line repair adds up for every
/// sequence of a line. Outside lead C2 (the no-break space, and
/// windows-1251's "В" before a symbol) the character does not matter, and
/// the evidence is read from a table of every code page and lead, built
/// with [`sequence_evidence`] itself (its rules, asked of each sequence,
/// were 3 % of the instructions on heavily mojibaked text).
fn lone_sequence_evidence(seq: &Seq, cp: Codepage) -> f32 {
    static BY_LEAD: LazyLock<[[f32; 0x40]; Codepage::ALL.len()]> = LazyLock::new(|| {
        let mut table = [[0.0; 0x40]; Codepage::ALL.len()];
        for cp in Codepage::ALL {
            for lead in 0xC0..=0xFFu8 {
                let width = utf8_width(lead).unwrap_or(0);
                let seq = Seq { start: 0, end: 0, ch: 'a', width, lead, damage: Damage::None };
                table[cp.index()][usize::from(lead - 0xC0)] = sequence_evidence(&seq, cp, None, None);
            }
        }
        table
    });
    debug_assert!(seq.damage == Damage::None && utf8_width(seq.lead) == Some(seq.width), "{seq:?}");
    if seq.lead == 0xC2 {
        return sequence_evidence(seq, cp, None, None);
    }
    BY_LEAD[cp.index()][usize::from(seq.lead - 0xC0)]
}

/// Whether the code page's reading of a double-encoded no-break space,
/// bytes C2 A0, is a signature of its own: where byte C2 is a Latin
/// capital or a symbol ("Â", "Ā", "¬", "┬"), not an everyday letter
/// (windows-1251 "В", KOI8-R "б", windows-1253 "Β").
fn nbsp_signature(cp: Codepage) -> bool {
    !matches!(
        cp,
        Codepage::Windows1251 | Codepage::Koi8R | Codepage::Windows1253 | Codepage::Windows1255 | Codepage::Windows1256
    )
}

/// The price of believing `cp` at all.
fn prior(cp: Codepage) -> f32 {
    match cp {
        Codepage::Windows1252 | Codepage::Latin1 => 0.0,
        Codepage::Windows1251 => 0.5,
        Codepage::MacRoman | Codepage::Windows1250 => 1.0,
        Codepage::Iso8859_2 | Codepage::Cp437 => 1.5,
        _ => 2.0,
    }
}

/// A group of clusters in one word (or a few words, when a sequence spans
/// a space), as one code page reads them.
struct Group {
    cp: Codepage,
    start: usize,
    end: usize,
    clusters: Vec<(Cluster, Reading)>,
    /// Its own evidence, less the code page's prior: what competing
    /// readings of the same word are ranked by.
    own: f32,
    /// With the support of the line: what decides whether it is repaired.
    score: f32,
}

impl Group {
    /// Whether the reading assumes damage that only a line with clear
    /// mojibake makes believable (a dropped byte; a lost 0xA0 other than
    /// the "Â" of a no-break space and the "Ã" of "à").
    fn needs_company(&self) -> bool {
        self.clusters.iter().flat_map(|(c, _)| &c.seqs).any(|s| match s.damage {
            Damage::Dropped => true,
            Damage::SpaceWasA0(_) | Damage::A0Removed => {
                !(matches!(s.lead, 0xC2 | 0xC3) && matches!(self.cp.decode_byte(s.lead), 'Â' | 'Ã'))
            }
            Damage::None | Damage::Marker => false,
        })
    }

    /// Whether the group is only the "Â" of no-break spaces that lost
    /// their 0xA0, alone or in a run ("Â Â ").
    fn is_lost_nbsp(&self) -> bool {
        self.clusters.iter().all(|(_, r)| r.is_lost_nbsp())
    }

    /// Whether the group is only a lost no-break space standing as a word
    /// of its own, after white space or at the line's start: the "Â " of
    /// "naÃ¯ve Â cafÃ©", which no text before it vouches for (where C2 is a
    /// letter, the group is the word: "13.В " is not one).
    fn is_standalone_nbsp(&self, line: &str) -> bool {
        let first = self.clusters.first().map_or(self.start, |(c, _)| c.start);
        self.is_lost_nbsp() && line[..first].chars().next_back().is_none_or(char::is_whitespace)
    }

    /// Undamaged sequences in the group.
    fn exact_sequences(&self) -> usize {
        self.clusters.iter().flat_map(|(c, _)| &c.seqs).filter(|s| s.damage == Damage::None).count()
    }
}

/// The fast path for a line that is mojibake through and through: when
/// the code page with the most evidence explains every non-ASCII
/// character of the line with intact sequences, one layer deep, and the
/// decoded line reads far better than the line as written (judged once,
/// over all the words the repair changes), its clusters are the repairs.
/// Anything less clear goes the long way, word by word.
///
/// `alike` learns, when the walk over the line's characters completes,
/// which code pages of `among` give each of them the byte `cp` does (see
/// [`agreeing`]): the walk makes the lookups that question needs.
fn whole_line(line: &str, cp: Codepage, among: Mask, alike: &mut Option<Mask>) -> Option<Found> {
    // Encode the whole line and read the bytes as UTF-8, run by run (a
    // run of non-ASCII characters is a cluster; ASCII is the same in both
    // and copied as it is): any character the code page lacks, any invalid
    // byte or any unlikely character sends the line the long way.
    let idx = index();
    let raw = line.as_bytes();
    // The decoded line, built a character at a time: ASCII as it is, and
    // each sequence of code page bytes as the character it decodes to.
    let mut decoded = String::with_capacity(line.len());
    // Each run's span in the line and in the decoded text.
    let mut runs: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::with_capacity(line.len() / 8);
    let mut evidence = 0.0;
    let mut sequences = 0;
    // Whether every character the repair gives is a stable NFC starter
    // (ASCII is, and the repair leaves no other character as it was).
    let mut composed = true;
    // Whether the decoded line is worth a scan for another layer.
    let mut deeper = Deeper::default();
    let mut agree = among;
    let k = cp.index();
    let mut i = 0;
    while i < raw.len() {
        let ascii = raw[i..].iter().position(|&b| b >= 0x80).unwrap_or(raw.len() - i);
        decoded.push_str(&line[i..i + ascii]);
        i += ascii;
        let (start, out) = (i, decoded.len());
        // The bytes of the sequence being read, how many it needs, and
        // where in the line it starts.
        let (mut seq, mut have, mut width, mut from) = ([0u8; 4], 0, 0, start);
        while raw.get(i).is_some_and(|&b| b >= 0x80) {
            let (entry, len) = idx.at(raw, i);
            let entry = entry?;
            let b = entry.bytes[k];
            // Only the code pages still agreeing are compared, a byte each:
            // they are few (the Latin ones that tie), and comparing all
            // fourteen at once for every character cost more.
            for j in Codepage::indices(agree) {
                if entry.bytes[j] != b {
                    agree &= !(1 << j);
                }
            }
            if have == 0 {
                // 0 is no byte, which no width fits.
                width = utf8_width(b)?;
                from = i;
            } else if !(0x80..=0xBF).contains(&b) {
                return None;
            }
            i += len;
            seq[have] = b;
            have += 1;
            if have < width {
                continue;
            }
            // A whole sequence: it must decode to a likely character.
            have = 0;
            let Decoded { ch, stable, masks } = decode_whole(&seq[..width])?;
            composed &= stable;
            deeper.push(ch, decoded.len(), masks);
            decoded.push(ch);
            let read = Seq { start: from, end: i, ch, width, lead: seq[0], damage: Damage::None };
            evidence += lone_sequence_evidence(&read, cp);
            sequences += 1;
        }
        if i == start {
            break;
        }
        // A run that ends inside a sequence.
        if have != 0 {
            return None;
        }
        deeper.end_run(raw.get(i).copied());
        runs.push((start..i, out..decoded.len()));
    }
    *alike = Some(agree);
    if sequences < 3 {
        return None;
    }
    let further = if deeper.may_find(&decoded) { scan(&decoded) } else { Evidence::default() };
    if further.pairs != 0 {
        return None;
    }
    // The words the repair changes, split at spaces (a tab-separated cell
    // of ASCII next to a changed one is costed with it: the cost model
    // also ends words at tabs, but adds the cell's cost to both sides), in
    // the line and in the decoded text. Words of ASCII alone read the same
    // either way: the line is judged by what the repair changes, and they
    // are not costed at all. They are found again for the cost before
    // (which mostly stops at the first word or two) rather than kept in a
    // list.
    let words = || words_of_runs(raw, &runs);
    // The whole line is its own context: no script of it is isolated.
    let around = |w: &std::ops::Range<usize>| spaces_around(line.len(), w);
    let after: f32 = words()
        .map(|(w, out)| {
            let (prev, next) = around(&w);
            score::cost(&decoded[out], prev, next, Scripts::MAX)
        })
        .sum();
    // Clearly better: by the threshold for every word it repairs, and by
    // four times what the repair leaves. The cost before is counted only
    // until it is enough, character by character.
    let need = (after + THRESHOLD * runs.len() as f32 - evidence + prior(cp)).max(4.0 * after).max(2.0);
    let mut before = 0.0;
    for (w, _) in words() {
        let (prev, next) = around(&w);
        before = score::add_cost_until(before, need, &line[w], prev, next, Scripts::MAX);
        if before >= need {
            break;
        }
    }
    if before < need {
        return None;
    }
    let repairs = runs
        .into_iter()
        .map(|(span, out)| Repair {
            span,
            after: CompactString::from(&decoded[out]),
            plan: read_as_utf8(cp),
            rule: Rule::Mojibake,
            reason: Cow::Borrowed(read_as(cp)),
        })
        .collect();
    let settled = match (!further.any() && !crate::normalize::has_debris(&decoded), composed) {
        (false, _) => Settled::No,
        (true, false) => Settled::Plain,
        (true, true) => Settled::Composed,
    };
    Some(Found { repairs, settled, repaired: Some(decoded) })
}

/// What whole-line repair asks of the character a whole UTF-8 sequence of
/// a line decodes to.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Decoded {
    ch: char,
    /// Whether it is a stable NFC starter.
    stable: bool,
    /// The code pages it leads and continues a sequence in
    /// ([`Entry::lead`] and [`Entry::cont`], or none).
    masks: (Mask, Mask),
}

/// The character the whole sequence `bytes` (a lead and its continuation
/// bytes) decodes to, with what [`whole_line`] asks of it; `None` when it is
/// no UTF-8 or an unlikely character. Always inlined into
/// [`decode_whole`], for the longer sequences (a third on heavily
/// mojibaked text).
#[inline(always)]
fn decode(bytes: &[u8]) -> Option<Decoded> {
    let (ch, true) = super::chars::read_sequence(bytes)? else { return None };
    // Indic, CJK and Hangul start with bytes no character of a code page
    // does, and are not looked up (the lookup, and the call this function
    // was, were 0.4 % of the instructions on heavily mojibaked text).
    let masks = if may_start_indexed(bytes[0]) { index().get(ch).map_or((0, 0), |e| (e.lead, e.cont)) } else { (0, 0) };
    Some(Decoded { ch, stable: crate::normalize::is_stable_starter(ch), masks })
}

/// [`decode`], with the two-byte sequences (Cyrillic, Greek, Hebrew, Arabic
/// and accented Latin mojibake: two sequences in three) read from a table
/// of all of them, one look instead of three (decoding, the NFC table and
/// the index cost 2 % of the instructions on heavily mojibaked text).
fn decode_whole(bytes: &[u8]) -> Option<Decoded> {
    static TWO_BYTE: LazyLock<Box<[Option<Decoded>]>> = LazyLock::new(|| {
        (0..0x800u16).map(|low| decode(&[0xC0 | (low >> 6) as u8, 0x80 | (low & 0x3F) as u8])).collect()
    });
    match *bytes {
        [b0, b1] => {
            debug_assert!((0xC2..=0xDF).contains(&b0) && (0x80..=0xBF).contains(&b1), "{bytes:?}");
            TWO_BYTE[usize::from(b0 & 0x1F) << 6 | usize::from(b1 & 0x3F)]
        }
        _ => decode(bytes),
    }
}

/// The words of `line` that hold its runs of non-ASCII characters (`runs`,
/// in order, each with its span in the line and in a decoded text in which
/// ASCII maps to itself), split at spaces: each word's span in the line and
/// in the decoded text.
///
/// Between two runs is ASCII only, so a word's edges are the spaces
/// nearest its runs in the ASCII around them: the last one before its
/// first run (the first run of the line aside, a run starts a word only
/// after a space) and the first one after the run it ends with, the first
/// run with a space after it. The searches stay in those gaps of a few
/// bytes: a search through the line's text (`rfind`, `find`) cost more to
/// start than these cost in all (4 % of the whole-line path).
fn words_of_runs<'a>(
    line: &'a [u8],
    runs: &'a [(std::ops::Range<usize>, std::ops::Range<usize>)],
) -> impl Iterator<Item = (std::ops::Range<usize>, std::ops::Range<usize>)> + 'a {
    let space = |b: &u8| *b == b' ';
    let mut k = 0;
    std::iter::from_fn(move || {
        let (span, out) = runs.get(k)?;
        let start = line[..span.start].iter().rposition(space).map_or(0, |p| p + 1);
        let mut last = k;
        let end = loop {
            let gap = runs[last].0.end..runs.get(last + 1).map_or(line.len(), |(s, _)| s.start);
            if let Some(p) = line[gap.clone()].iter().position(space) {
                break gap.start + p;
            }
            if last + 1 == runs.len() {
                break line.len();
            }
            last += 1;
        };
        k = last + 1;
        // ASCII maps to itself, so the word's edges in the decoded text are
        // shifted as its first and last runs are.
        let (last_span, last_out) = &runs[last];
        Some((start..end, out.start - (span.start - start)..last_out.end + (end - last_span.end)))
    })
}

/// The characters before and after a word [`words_of_runs`] finds in a
/// line of `len` bytes: the spaces it is cut at, or none at the line's
/// ends. Known without a look at the line (decoding them was 0.6 % of the
/// instructions on heavily mojibaked text).
fn spaces_around(len: usize, word: &std::ops::Range<usize>) -> (Option<char>, Option<char>) {
    ((word.start > 0).then_some(' '), (word.end < len).then_some(' '))
}

/// Whether [`scan`] may find anything in a text built a character at a
/// time, told with the lookups the scan would make: in [`whole_line`], the
/// decoded line needs a scan for evidence of another layer, and most lines
/// have none.
///
/// The scan finds evidence only at a lead (in some code page) followed by
/// a continuation of the same code page in a pair real text does not
/// write, or by U+FFFD; or at "Â", "Ã", "Г" or "Ă" (see [`latin_a_leads`])
/// before " ", "?" or the end. Anything that may be one of those answers
/// yes, so a no is always right.
#[derive(Debug, Default)]
struct Deeper {
    /// Where the pairs of a lead and a continuation start, to be told from
    /// the natural ones once the text is whole; more than fit are a yes.
    pairs: [usize; 8],
    paired: usize,
    /// Already a yes.
    sure: bool,
    /// The code pages the character before is a lead in, where it starts,
    /// and whether it is one of the letters that lead a lost 0xA0.
    lead: Mask,
    lead_at: usize,
    latin_a: bool,
}

impl Deeper {
    /// The next non-ASCII character, `ch`, which starts at `at` in the text
    /// and leads and continues sequences in the code pages of `masks`
    /// ([`Entry::lead`] and [`Entry::cont`], or none).
    fn push(&mut self, ch: char, at: usize, (lead, cont): (Mask, Mask)) {
        if self.lead != 0 {
            if ch == '\u{FFFD}' {
                self.sure = true;
            } else if cont & self.lead != 0 {
                match self.pairs.get_mut(self.paired) {
                    Some(slot) => *slot = self.lead_at,
                    None => self.sure = true,
                }
                self.paired += 1;
            }
        }
        self.lead = lead;
        self.latin_a = self.lead != 0 && matches!(ch, 'Â' | 'Ã' | 'Г' | 'Ă');
        self.lead_at = at;
    }

    /// The end of a run of non-ASCII characters, before the ASCII byte
    /// `next`, or at the end of the text.
    fn end_run(&mut self, next: Option<u8>) {
        self.sure |= self.latin_a && matches!(next, None | Some(b' ' | b'?'));
        self.lead = 0;
        self.latin_a = false;
    }

    /// The answer, for the whole `text`: pairs real text writes are no
    /// evidence (see [`natural_pair`]).
    fn may_find(&self, text: &str) -> bool {
        self.sure
            || self.pairs[..self.paired.min(self.pairs.len())].iter().any(|&at| {
                let mut next = text[at..].chars();
                let (Some(c), Some(n)) = (next.next(), next.next()) else { return true };
                !natural_pair(text[..at].chars().next_back(), c, n, next.next())
            })
    }
}

/// The code pages of `among` that give every non-ASCII character of `line`
/// the byte `cp` gives it (characters no code page has aside): all of them
/// in one walk over the line, which proving that two code pages agree
/// takes.
fn agreeing(line: &str, cp: Codepage, among: Mask) -> Mask {
    if among == 0 {
        return 0;
    }
    let idx = index();
    let mut agree = among;
    for (_, c) in non_ascii(line) {
        let Some(e) = idx.get(c) else { continue };
        agree &= e.same_byte(e.bytes[cp.index()]);
        if agree == 0 {
            break;
        }
    }
    agree
}

/// Finds the mojibake repairs of `line` for the code pages with evidence.
///
/// The code page that explains the line best (the most evidence in the
/// groups it would repair) chooses first; others may repair words it
/// leaves alone.
pub(super) fn find(line: &str, ev: Evidence, max_layers: usize) -> Found {
    // The fast path, when the code pages with the most evidence agree.
    let mut fast: Option<Found> = None;
    let tied = Codepage::ALL
        .into_iter()
        .filter(|cp| ev.most > 0 && ev.counts[cp.index()] == ev.most)
        .fold(0, |mask, cp| mask | cp.bit());
    // A code page that gives every character of the line the byte one
    // already tried gives it reads the line the same way, and is skipped
    // (windows-1252, latin-1 and windows-1254 agree on most lines of
    // Latin-script mojibake). Which of the later ones agree with the one
    // tried is learnt from its whole-line walk when that gets through the
    // line, and from a walk of its own when not.
    let mut alike_tried: Mask = 0;
    for cp in Codepage::in_mask(tied) {
        if alike_tried & cp.bit() != 0 {
            continue;
        }
        let later = tied & !((cp.bit() << 1) - 1);
        let mut alike = None;
        let whole = whole_line(line, cp, later, &mut alike);
        alike_tried |= alike.unwrap_or_else(|| agreeing(line, cp, later));
        let Some(found) = whole else { continue };
        match &fast {
            None => fast = Some(found),
            Some(other)
                if other.repairs.iter().zip(&found.repairs).all(|(a, b)| a.span == b.span && a.after == b.after) => {}
            Some(_) => {
                fast = None;
                break;
            }
        }
    }
    if let Some(found) = fast {
        return found;
    }
    let mut readings: Vec<(f32, Vec<Group>)> = Vec::new();
    let worth = ev.worth();
    // Code pages that read every non-ASCII character of the line the same
    // way as one already tried (windows-1254 and -1258 mostly agree with
    // -1252) give the same reading: they are skipped.
    let cps: Vec<Codepage> = Codepage::in_mask(worth).collect();
    // differ[i] has bit j when code pages i and j read some character
    // differently.
    let mut differ = vec![0u16; cps.len()];
    if cps.len() > 1 {
        let idx = index();
        for (_, c) in non_ascii(line) {
            let Some(e) = idx.get(c) else { continue };
            for (i, a) in cps.iter().enumerate() {
                for (j, b) in cps.iter().enumerate().take(i) {
                    if e.bytes[a.index()] != e.bytes[b.index()] {
                        differ[i] |= 1 << j;
                    }
                }
            }
        }
    }
    let mut tried: Vec<usize> = Vec::new();
    for (i, &cp) in cps.iter().enumerate() {
        if tried.iter().any(|&j| differ[i] & (1 << j) == 0) {
            continue;
        }
        tried.push(i);
        // A dropped byte is the least certain damage and can swallow a
        // neighbour ("×" before "Â "): the line is also read without.
        let mut all = groups(line, cp, max_layers, Allow::All);
        let drops: Vec<&Seq> = all
            .iter()
            .flat_map(|g| &g.clusters)
            .flat_map(|(c, _)| &c.seqs)
            .filter(|s| s.damage == Damage::Dropped)
            .collect();
        let dropped = !drops.is_empty();
        // Where bytes were dropped inside words for sure, a sequence cut
        // short by a space lost its byte the same way ("에" before a space
        // in Korean), rather than an 0xA0 to white space.
        if drops.iter().any(|s| !line[s.end..].starts_with(' ') && s.end < line.len()) {
            all = groups(line, cp, max_layers, Allow::PreferDropped);
        }
        let mut variants = vec![all];
        if dropped {
            variants.push(groups(line, cp, max_layers, Allow::NoDropped));
        }
        let mut judged: Vec<(f32, Vec<Group>)> = Vec::new();
        for mut groups in variants {
            let strength = judge(line, &mut groups);
            judged.push((strength, groups));
        }
        // With and without dropped bytes are two readings of one code page:
        // each word takes the better.
        let (strength, groups) = if judged.len() == 2 {
            let (s2, g2) = judged.pop().expect("two");
            let (s1, g1) = judged.pop().expect("two");
            (s1.max(s2), merge_readings(g1, g2))
        } else {
            judged.pop().expect("one")
        };
        let mut groups = groups;
        groups.retain(|g| g.score > THRESHOLD);
        if !groups.is_empty() {
            readings.push((strength, groups));
        }
    }
    readings.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut chosen: Vec<Group> = Vec::new();
    for (_, groups) in readings {
        for g in groups {
            if chosen.iter().all(|c| c.end <= g.start || g.end <= c.start) {
                chosen.push(g);
            }
        }
    }
    chosen.sort_by_key(|g| g.start);
    let mut repairs = Vec::new();
    for g in chosen {
        for (cluster, reading) in g.clusters {
            repairs.push(repair(line, &cluster, reading));
        }
    }
    Found { repairs, settled: Settled::No, repaired: None }
}

/// Merges the readings of a line in one code page with dropped bytes (`a`)
/// and without (`b`): where their groups overlap, the side whose
/// overlapping groups score more in total stays, `a` winning ties, since
/// it explains more of the line and `b` is the fallback for where `a`
/// goes wrong.
fn merge_readings(a: Vec<Group>, b: Vec<Group>) -> Vec<Group> {
    let score = |gs: &[Group]| gs.iter().map(|g| g.score.max(0.0)).sum::<f32>();
    let mut kept = Vec::new();
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        // The next component: groups of either side chained by overlaps.
        let (mut from_a, mut from_b): (Vec<Group>, Vec<Group>) = (Vec::new(), Vec::new());
        let start = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(x), Some(y)) => x.start.min(y.start),
            (Some(x), None) => x.start,
            (None, Some(y)) => y.start,
        };
        let mut end = start;
        loop {
            if let Some(g) = a.next_if(|g| g.start <= end || g.start == start) {
                end = end.max(g.end);
                from_a.push(g);
            } else if let Some(g) = b.next_if(|g| g.start < end || g.start == start) {
                end = end.max(g.end);
                from_b.push(g);
            } else {
                break;
            }
        }
        kept.extend(if score(&from_a) + 1.0 >= score(&from_b) { from_a } else { from_b });
    }
    kept
}

/// "UTF-8 read as CP", without allocating for each of a line's repairs.
fn read_as(cp: Codepage) -> &'static str {
    match cp {
        Codepage::Latin1 => "UTF-8 read as latin-1",
        Codepage::Windows1250 => "UTF-8 read as windows-1250",
        Codepage::Windows1251 => "UTF-8 read as windows-1251",
        Codepage::Windows1252 => "UTF-8 read as windows-1252",
        Codepage::Windows1253 => "UTF-8 read as windows-1253",
        Codepage::Windows1254 => "UTF-8 read as windows-1254",
        Codepage::Windows1255 => "UTF-8 read as windows-1255",
        Codepage::Windows1256 => "UTF-8 read as windows-1256",
        Codepage::Windows1257 => "UTF-8 read as windows-1257",
        Codepage::Windows1258 => "UTF-8 read as windows-1258",
        Codepage::Iso8859_2 => "UTF-8 read as iso-8859-2",
        Codepage::MacRoman => "UTF-8 read as mac-roman",
        Codepage::Cp437 => "UTF-8 read as cp437",
        Codepage::Koi8R => "UTF-8 read as koi8-r",
    }
}

fn repair(line: &str, cluster: &Cluster, reading: Reading) -> Repair {
    let before = &line[cluster.start..cluster.end];
    let lost = reading.damage.iter().filter(|d| matches!(d, Damage::Marker | Damage::Dropped)).count();
    let nbsp_only = reading.is_lost_nbsp();
    let (rule, reason): (Rule, Cow<'static, str>) = if nbsp_only && reading.damage.len() == 1 {
        (Rule::LostNbsp, Cow::Borrowed("a no-break space, double-encoded, lost its second byte"))
    } else if nbsp_only {
        (Rule::LostNbsp, Cow::Borrowed("no-break spaces, double-encoded, lost their second bytes"))
    } else if lost == 0 && reading.layers.len() == 1 {
        (Rule::Mojibake, Cow::Borrowed(read_as(reading.layers[0])))
    } else {
        let names: Vec<&str> = reading.layers.iter().map(|c| c.name()).collect();
        let layers = if names.len() == 1 {
            format!("UTF-8 read as {}", names[0])
        } else {
            format!("UTF-8 read as {} ({} layers)", names.join(", then "), names.len())
        };
        if lost > 0 {
            let what = if lost == 1 { "a character" } else { "characters" };
            (Rule::LostByte, Cow::Owned(format!("{layers}; {what} lost a byte and became U+FFFD")))
        } else {
            (Rule::Mojibake, Cow::Owned(layers))
        }
    };
    debug_assert_ne!(before, reading.after);
    Repair { span: cluster.start..cluster.end, after: reading.after.into(), plan: reading.plan.into(), rule, reason }
}

/// The groups of `line` under `cp`, with their clusters read.
fn groups(line: &str, cp: Codepage, max_layers: usize, allow: Allow) -> Vec<Group> {
    let found = split_unlikely_damage(clusters(line, cp, allow));
    let options = found.iter().map(|c| peel(c, cp, line, max_layers, None)).collect();
    let readings = choose_depths(&found, cp, line, options);
    let mut out: Vec<Group> = Vec::new();
    // The word around each cluster, looked for from the cluster out: most
    // lines that come this way have one or two clusters, and finding every
    // space of the line first cost a search per space.
    let bytes = line.as_bytes();
    let space = |b: &u8| matches!(b, b' ' | b'\t');
    // A no-break space whose 0xA0 became the space after it ends its
    // word there: the space is its own, and the word search must not run on
    // into the next word. And a cluster that is nothing else, the "Â " of
    // the no-break space, is judged as a group of its own, so that its
    // evidence neither sinks the words beside it (a doubtful "Â" in "naÃ¯ve
    // Â cafÃ©") nor carries them ("20Â " vouching for "×\u{a0}" read as
    // "נ" in "10\u{a0}×\u{a0}20Â "). Only where byte C2 is "Â": the "¬ "
    // of mac-roman and the "┬ " of cp437 are symbols of their own as often.
    let mut closed = false;
    for (cluster, reading) in found.into_iter().zip(readings) {
        if reading.after == line[cluster.start..cluster.end] {
            continue;
        }
        let ends_word =
            reading.after.ends_with(char::is_whitespace) && cluster.seqs.last().is_some_and(|s| s.damage.lost_a0());
        let blank = reading.is_lost_nbsp() && cp.decode_byte(0xC2) == 'Â';
        let start =
            if blank { cluster.start } else { bytes[..cluster.start].iter().rposition(space).map_or(0, |i| i + 1) };
        let end = if ends_word {
            cluster.end
        } else {
            bytes[cluster.end..].iter().position(space).map_or(line.len(), |i| cluster.end + i)
        };
        if blank && let Some(g) = out.last_mut() {
            g.end = g.end.min(cluster.start);
        }
        let joins = !blank && out.last().is_some_and(|g| g.end > start || g.end == start && !closed);
        closed = ends_word;
        match out.last_mut() {
            Some(g) if joins => {
                g.end = g.end.max(end);
                g.clusters.push((cluster, reading));
            }
            _ => out.push(Group { cp, start, end, clusters: vec![(cluster, reading)], own: 0.0, score: 0.0 }),
        }
    }
    out
}

/// Scores every group of one code page on `line`: its own evidence, then
/// the support of the line. Returns how well the code page explains the
/// line as a whole.
fn judge(line: &str, groups: &mut [Group]) -> f32 {
    if groups.is_empty() {
        return f32::NEG_INFINITY;
    }
    let cp = groups[0].cp;
    // The scripts the line outside the groups is written in: a character's
    // script is its own, so those of the pieces between the groups.
    let mut outside_scripts = 0;
    let mut pos = 0;
    for g in groups.iter() {
        outside_scripts |= score::scripts_of(&line[pos..g.start]);
        pos = g.end;
    }
    outside_scripts |= score::scripts_of(&line[pos..]);
    let befores: Vec<&str> = groups.iter().map(|g| &line[g.start..g.end]).collect();
    let afters: Vec<String> = groups.iter().map(|g| repaired(line, g)).collect();
    let before_scripts: Vec<Scripts> = befores.iter().map(|b| score::scripts_of(b)).collect();
    let after_scripts: Vec<Scripts> = afters.iter().map(|a| score::scripts_of(a)).collect();
    let mut own = Vec::with_capacity(groups.len());
    let mut beliefs = Vec::with_capacity(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let others = |sets: &[Scripts]| sets.iter().enumerate().filter(|(j, _)| *j != i).fold(0, |a, (_, s)| a | s);
        let prev = line[..g.start].chars().next_back();
        let next = line[g.end..].chars().next();
        let before_cost = score::cost(befores[i], prev, next, outside_scripts | others(&before_scripts));
        let after_cost = score::cost(&afters[i], prev, next, outside_scripts | others(&after_scripts));
        let mut evidence = 0.0;
        for (cluster, reading) in &g.clusters {
            // The character before each sequence as the repair leaves it.
            let mut after_prev = repaired_prev(line, g, cluster.start);
            let chars = reading_chars(cluster, reading);
            for (k, (seq, &ch)) in cluster.seqs.iter().zip(&chars).enumerate() {
                let after_next = chars.get(k + 1).copied().or_else(|| line[seq.end..].chars().find(|c| *c != ' '));
                evidence += sequence_evidence(seq, cp, after_prev, after_next);
                after_prev = Some(ch);
            }
        }
        let belief = plausible(line, g);
        beliefs.push(belief);
        own.push(if belief == Belief::No { f32::NEG_INFINITY } else { before_cost - after_cost + evidence });
    }
    // Mojibake shown on purpose, as a quoted specimen, neither gives nor
    // gets support.
    let specimens: Vec<bool> = groups.iter().zip(&afters).map(|(g, a)| is_specimen(line, g, a)).collect();
    // Support: what the confident groups of the line say.
    let confident: Vec<f32> =
        own.iter().zip(&specimens).map(|(&s, &specimen)| if s > THRESHOLD && !specimen { s } else { 0.0 }).collect();
    let total: f32 = confident.iter().sum();
    let (unexplained, line_orphans) = orphans(line, groups, &own);
    // Exact sequences in the confident groups: the company damaged
    // readings need.
    let company: usize = groups.iter().zip(&own).filter(|(_, s)| **s > 0.0).map(|(g, _)| g.exact_sequences()).sum();
    let mut strength = -prior(cp);
    for (i, g) in groups.iter_mut().enumerate() {
        let support = total - confident[i];
        // Non-ASCII text no sequence explains says the line is not
        // mojibake through and through; only other repairs outweigh it.
        // The lone "Â" of a no-break space is a signature of its own.
        let penalty = if g.is_lost_nbsp() { 0.0 } else { (unexplained[i].penalty(line) - support).max(0.0) };
        // The prior is paid once per line: a line with other repairs in
        // this code page has paid it.
        let prior = (prior(cp) - support).max(0.0);
        let own_company = if own[i] > 0.0 { 0 } else { g.exact_sequences() };
        g.own = own[i] - self::prior(cp);
        let weak = beliefs[i] == Belief::WithStrongLine && (support < MAX_SUPPORT || unexplained[i].letters > 0);
        g.score = if (g.needs_company() && company == 0 && own_company < 2) || (specimens[i] && support <= 0.0) || weak
        {
            f32::NEG_INFINITY
        } else {
            own[i] - prior + support.min(MAX_SUPPORT) - penalty
        };
    }
    // A lone "Â" after white space is believed only beside a word that is
    // repaired, the word before it or after it with nothing but white space
    // between: "naÃ¯ve Â cafÃ©". Elsewhere on a line with damage it may be a
    // letter ("The grade was Â in rÃ©sumÃ©", Welsh "Â phleser"), and beside
    // a word left alone ("— Â The end of cafÃ©", a title) it is left alone.
    let repaired_word = |g: &Group| g.score > THRESHOLD && !g.is_standalone_nbsp(line);
    let spaces_only = |a: usize, b: usize| a <= b && line[a..b].chars().all(char::is_whitespace);
    for i in 0..groups.len() {
        if !groups[i].is_standalone_nbsp(line) {
            continue;
        }
        let before = i > 0 && repaired_word(&groups[i - 1]) && spaces_only(groups[i - 1].end, groups[i].start);
        let after = groups.get(i + 1).is_some_and(|n| repaired_word(n) && spaces_only(groups[i].end, n.start));
        if !before && !after {
            groups[i].score = f32::NEG_INFINITY;
        }
    }
    for (g, own) in groups.iter().zip(&own) {
        if g.score > THRESHOLD {
            strength += own;
        }
    }
    // What the code page leaves unexplained counts against it.
    strength - line_orphans.total() as f32
}

/// Whether the group is mojibake shown on purpose, as text about
/// encodings shows it: a quoted token with no plain letters ("'Ã©'",
/// "`Ã¢â‚¬â„¢`"), or a quoted word whose repair the line already spells
/// correctly nearby ("aus „für“ wird „fÃ¼r“"). Real damage to a quoted
/// word reaches the quotation marks too, or the rest of the line.
fn is_specimen(line: &str, g: &Group, repaired: &str) -> bool {
    let quote = |c: char| "\"'`“”‘’„«»‹›".contains(c);
    let text = line[g.start..g.end].trim_end_matches(|c: char| ".,;:!?)".contains(c));
    let mut chars = text.chars();
    if let (Some(first), Some(last)) = (chars.next(), chars.next_back())
        && quote(first)
        && quote(last)
        && !chars.as_str().is_empty()
        && !chars.as_str().chars().any(|c| c.is_ascii_alphanumeric() || c.is_whitespace())
    {
        return true;
    }
    let core = repaired.trim_matches(|c: char| !c.is_alphanumeric());
    let quoted = text.starts_with(quote) && text.ends_with(quote);
    quoted
        && core.chars().count() >= 2
        && line
            .split(|c: char| !c.is_alphanumeric())
            .any(|token| token == core && !line[g.start..g.end].contains(token))
}

/// Whether a group's reading can be right at all. Each cluster must come
/// out looking clean rather than merely less broken, the word must not be
/// left mostly unexplained ("ã†â€™ãƒâ€" stays: only a few of its
/// characters decode), a byte may be assumed dropped only among plenty of
/// intact sequences, and a reading must not merely trade symbols for
/// symbols ("`¬´" is a face, not "«").
fn plausible(line: &str, g: &Group) -> Belief {
    let mut belief = Belief::Sure;
    let mut seqs = 0;
    let mut exact = 0;
    let mut dropped = 0;
    let mut letters = false;
    for (c, r) in &g.clusters {
        if is_one_letter_word(line, c) {
            return Belief::No;
        }
        let before = &line[c.start..c.end];
        let prev = line[..c.start].chars().next_back();
        let next = line[c.end..].chars().next();
        let before_cost = score::cost(before, prev, next, Scripts::MAX);
        let after_cost = score::cost(&r.after, prev, next, Scripts::MAX);
        if after_cost > 0.5 * before_cost + 2.0 {
            return Belief::No;
        }
        let touches_word = [prev, next].into_iter().flatten().any(char::is_alphanumeric);
        letters |= has_letter(before) || has_letter_or_emoji(&r.after) || touches_word;
        belief = belief.min(dropped_believable(line, c, g.cp));
        for s in &c.seqs {
            seqs += 1;
            exact += usize::from(s.damage == Damage::None);
            dropped += usize::from(s.damage == Damage::Dropped);
        }
    }
    // Non-ASCII characters in the word that belong to no sequence are, in
    // numbers, pieces of mojibake this reading failed to explain (the lone
    // "Â" of a no-break space is glued to any word).
    let stray = |s: &str| s.chars().filter(|&c| !c.is_ascii()).count();
    let mut inside = 0;
    let mut pos = g.start;
    for (c, _) in &g.clusters {
        inside += stray(&line[pos..c.start]);
        pos = c.end;
    }
    inside += stray(&line[pos..g.end]);
    if g.is_lost_nbsp() {
        inside = 0;
    }
    if letters && inside <= seqs.max(2) && dropped <= exact + 1 { belief } else { Belief::No }
}

/// Whether `cluster` is a word of one letter before a space, which the
/// code page reads as a lead whose 0xA0 became that space: the Russian
/// preposition "В" (windows-1251's C2) in "В центре (cafГ©)", "В 2024
/// году" or "В «Известиях»", KOI8-R's "б". Such a word stands
/// apart from the text before it, is a letter of a script other than
/// Latin ("Â" and "Ã" are no one's words), and is followed by something
/// other than a Latin letter or more white space: "13.В Dezember" and
/// "de 10 h Г  18 h" are a no-break space and "à" that lost theirs. (A
/// no-break space in text damaged through and through is followed by
/// mojibake, which the scan takes into the same cluster: "В РїСЂРёРІРµС‚"
/// is "\u{a0}привет".)
fn is_one_letter_word(line: &str, cluster: &Cluster) -> bool {
    let [Seq { start, damage: Damage::SpaceWasA0(_), .. }] = cluster.seqs[..] else { return false };
    let mut after = line[start..].chars();
    let (Some(letter), Some(' '), Some(next)) = (after.next(), after.next(), after.next()) else { return false };
    let apart = line[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let script = |c: char| super::chars::classify(c).script();
    let latin = Some(super::chars::Script::Latin);
    apart && script(letter).is_some_and(|s| Some(s) != latin) && script(next) != latin && !next.is_whitespace()
}

/// Whether the sequences of `cluster` read as having dropped a byte can
/// be: each must sit next to an intact sequence (or next to one that can,
/// as in "ÑÑ‚"), be a lead with a continuation that real text would not
/// put together ("â€" before a space, where "”" lost its last byte), or be
/// a capital inside a lowercase word ("ŘidiÄi"). A lone "Î" before "LE" or
/// an "é" before a no-break space is a letter, not a broken sequence.
fn dropped_believable(line: &str, cluster: &Cluster, cp: Codepage) -> Belief {
    let seqs = &cluster.seqs;
    let mut ok: Vec<bool> = seqs
        .iter()
        .map(|seq| {
            if seq.damage != Damage::Dropped {
                return true;
            }
            let present = &line[seq.start..seq.end];
            let prev = line[..seq.start].chars().next_back();
            let next = line[seq.end..].chars().next();
            let lead = present.chars().next();
            let capital_in_word = prev.is_some_and(char::is_lowercase) && lead.is_some_and(char::is_uppercase);
            capital_in_word || present.chars().count() >= 2 && score::cost(present, prev, next, Scripts::MAX) >= 1.0
        })
        .collect();
    let intact = |j: usize| seqs[j].damage == Damage::None;
    loop {
        let mut changed = false;
        for k in 0..seqs.len() {
            if !ok[k]
                && ((k > 0 && (intact(k - 1) || ok[k - 1] && seqs[k - 1].damage == Damage::Dropped))
                    || (k + 1 < seqs.len() && (intact(k + 1) || ok[k + 1] && seqs[k + 1].damage == Damage::Dropped)))
            {
                ok[k] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // A lone lead at a word's start that no Latin-script word starts with
    // ("Ñ ними", where "с" lost its 0x81; Hebrew "×", Arabic "Ù"), which
    // only a line that is mojibake through and through explains. Not "Ä"
    // or "Å", which start words ("Åberg").
    let weak = |k: usize| {
        let lead = line[seqs[k].start..].chars().next();
        seqs[k].width == 2
            && matches!(cp, Codepage::Windows1252 | Codepage::Latin1)
            && lead.is_some_and(|c| "Ñ×Ù".contains(c))
    };
    if ok.iter().all(|&b| b) {
        Belief::Sure
    } else if (0..seqs.len()).all(|k| ok[k] || weak(k)) {
        Belief::WithStrongLine
    } else {
        Belief::No
    }
}

/// How believable a reading's damage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Belief {
    No,
    /// Only on a line whose other groups are clearly mojibake and that has
    /// no correct letters left over.
    WithStrongLine,
    Sure,
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

fn has_letter_or_emoji(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic() || matches!(super::chars::classify(c).kind, super::chars::Kind::Emoji))
}

/// Non-ASCII characters of the line that no sequence explains (outside
/// the clusters of group `this` and of the confident groups), by kind.
#[derive(Clone, Copy, Debug, Default)]
struct Orphans {
    /// Letters, digits and marks: text in a language, typed correctly.
    letters: usize,
    /// Dashes standing alone between spaces, like the one of
    /// "Artist – Title".
    standalone: usize,
    /// Other punctuation and symbols.
    attached: usize,
}

impl Orphans {
    fn total(self) -> usize {
        self.letters + self.standalone + self.attached
    }

    /// What they cost a group that has no support from the rest of its
    /// line. Correct letters and quotes next to a broken word are common
    /// (a name pasted from elsewhere). But a short title-like line with a
    /// correctly typed dash between spaced words ("Bremer/Mccoy – DrÃ¥ber",
    /// an artist and a track) went through a careful hand, and names in
    /// titles are spelled their own way: its one odd word is left alone.
    fn penalty(self, line: &str) -> f32 {
        let title = line.split_whitespace().count() <= 8;
        if self.standalone > 0 && title { ORPHAN_PENALTY } else { 0.0 }
    }
}

/// Counts the orphans of `line` outside `spans` (sorted, disjoint). Only
/// non-ASCII characters can be orphans.
fn orphans_outside(line: &str, spans: &[(usize, usize)]) -> Orphans {
    let mut found = Orphans::default();
    let mut k = 0;
    for (at, c) in non_ascii(line) {
        while k < spans.len() && spans[k].1 <= at {
            k += 1;
        }
        if k < spans.len() && spans[k].0 <= at {
            continue;
        }
        count_orphan(&mut found, c, line[..at].chars().next_back(), line[at + c.len_utf8()..].chars().next());
    }
    found
}

fn count_orphan(found: &mut Orphans, c: char, prev: Option<char>, next: Option<char>) {
    if c.is_whitespace() || c.is_control() || c == '\u{FFFD}' {
        return;
    }
    let class = super::chars::classify(c);
    if class.is_wordlike() {
        found.letters += 1;
    } else if matches!(c, '–' | '—') && prev.is_none_or(char::is_whitespace) && next.is_none_or(char::is_whitespace)
    {
        found.standalone += 1;
    } else {
        found.attached += 1;
    }
}

/// The orphans of the line for each group (outside its clusters and those
/// of the confident groups), and for the line as a whole (outside the
/// confident groups' clusters only).
fn orphans(line: &str, groups: &[Group], own: &[f32]) -> (Vec<Orphans>, Orphans) {
    let confident: Vec<(usize, usize)> = groups
        .iter()
        .zip(own)
        .filter(|(_, s)| **s > THRESHOLD)
        .flat_map(|(g, _)| g.clusters.iter().map(|(c, _)| (c.start, c.end)))
        .collect();
    let base = orphans_outside(line, &confident);
    let each = groups
        .iter()
        .zip(own)
        .map(|(g, &s)| {
            if s > THRESHOLD {
                return base;
            }
            // Take this group's own cluster characters out of the count.
            let mut mine = Orphans::default();
            for (c, _) in &g.clusters {
                let text = &line[c.start..c.end];
                let mut prev = line[..c.start].chars().next_back();
                let mut chars = text.chars().peekable();
                while let Some(ch) = chars.next() {
                    let next = chars.peek().copied().or_else(|| line[c.end..].chars().next());
                    if !ch.is_ascii() {
                        count_orphan(&mut mine, ch, prev, next);
                    }
                    prev = Some(ch);
                }
            }
            Orphans {
                letters: base.letters.saturating_sub(mine.letters),
                standalone: base.standalone.saturating_sub(mine.standalone),
                attached: base.attached.saturating_sub(mine.attached),
            }
        })
        .collect();
    (each, base)
}

/// The group's text with its clusters replaced by their readings.
fn repaired(line: &str, g: &Group) -> String {
    let mut out = String::with_capacity(g.end - g.start);
    let mut pos = g.start;
    for (c, r) in &g.clusters {
        out.push_str(&line[pos..c.start]);
        out.push_str(&r.after);
        pos = c.end;
    }
    out.push_str(&line[pos..g.end]);
    out
}

/// The character before byte `at` of the line once the group's clusters
/// before it are repaired.
fn repaired_prev(line: &str, g: &Group, at: usize) -> Option<char> {
    for (c, r) in g.clusters.iter().rev() {
        if c.end == at {
            return r.after.chars().next_back();
        }
    }
    line[..at].chars().next_back()
}

/// The decoded character of each sequence of the first layer, for context.
fn reading_chars(cluster: &Cluster, reading: &Reading) -> Vec<char> {
    if reading.layers.len() == 1 {
        reading.after.chars().collect()
    } else {
        cluster.seqs.iter().map(|s| s.ch).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cluster as plain data, to compare.
    type Shape = (usize, usize, Vec<(usize, usize, char, Damage)>);

    fn shapes(found: &[Cluster]) -> Vec<Shape> {
        found
            .iter()
            .map(|c| (c.start, c.end, c.seqs.iter().map(|s| (s.start, s.end, s.ch, s.damage)).collect()))
            .collect()
    }

    /// The clusters read from a unit for every character of the line, as
    /// before [`stretches`]. The property test below holds the reading
    /// stretch by stretch to it.
    fn clusters_by_units(text: &str, cp: Codepage, allow: Allow) -> Vec<Cluster> {
        let mut units = Vec::new();
        units_into(text, 0..text.len(), cp, &mut units);
        let spaced = allow != Allow::Exact && units.windows(3).any(|w| shows_spaced_a0(text, w));
        let mut out = Vec::new();
        read_clusters(&units, None, text, allow, spaced, &mut out);
        out
    }

    /// Pieces of mojibake and of what surrounds it: leads, continuations,
    /// the damage markers, the spaces an 0xA0 becomes, ASCII long enough to
    /// separate stretches, and a CESU-8 pair read as windows-1252.
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "Ã", "©", "Â", "â", "€", "™", "Ð", "°", "Ñ", "Р", "ё", "С", "’", "é", "É", "ð", "Ÿ", "ðŸ", "˜",
        " ", "  ", "?", "??", "\u{FFFD}", "\u{a0}", "í", "½", "\u{81}",
        "a", "B", "s", ".", "abcdefgh", "words and more words",
    ];

    proptest::proptest! {
        // Cheap cases, and the ones that matter (a lead, then "??" and more
        // ASCII) are a few pieces in a row: many of them.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn stretches_read_what_a_unit_per_character_reads(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24),
            cp in proptest::sample::select(&[
                Codepage::Windows1252, Codepage::Windows1251, Codepage::Latin1, Codepage::MacRoman,
                Codepage::Cp437, Codepage::Windows1250,
            ][..]),
            allow in proptest::sample::select(&[Allow::Exact, Allow::NoDropped, Allow::All, Allow::PreferDropped][..]),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(shapes(&clusters(&text, cp, allow)), shapes(&clusters_by_units(&text, cp, allow)));
        }
    }

    /// What a [`Deeper`] says of `text`, told its characters as
    /// [`whole_line`] tells it the decoded ones.
    fn deeper_of(text: &str) -> bool {
        let mut deeper = Deeper::default();
        for (at, c) in text.char_indices() {
            if c.is_ascii() {
                deeper.end_run(Some(c as u8));
            } else {
                deeper.push(c, at, index().get(c).map_or((0, 0), |e| (e.lead, e.cont)));
            }
        }
        deeper.end_run(None);
        deeper.may_find(text)
    }

    /// More pieces for [`Deeper`]: the other letters that lead a lost
    /// 0xA0, Greek and Cyrillic pairs, and a capital after a lowercase
    /// letter, which makes a pair unnatural.
    #[rustfmt::skip]
    const DEEPER_PIECES: &[&str] = &["Г", "Ă", "ă", "Î", "±", "Ï", "€", "α", "Ж", "і", "ї", "aÉ", "рЁ", "ĂŁ", "Ãƒ"];

    /// Two-byte scripts, correct ("правительство", "κυβέρνηση", "ממשלה",
    /// "حكومة") and read in windows-1251 ("РїСЂ": "пр" in UTF-8) and KOI8-R
    /// ("п" read as KOI8-R is "п", and "Ð¿" is its windows-1252 mojibake).
    #[rustfmt::skip]
    const TWO_BYTE_PIECES: &[&str] = &[
        "правительство", "Москва", "κυβέρνηση", "ממשלה", "حكومة", "РїСЂР°РІ", "Рё", "СЃ", "Ð¿Ñ€Ð¸",
        "ÐŸ", "ї", "Ђ", "ѓ", "ð", "ß", "ü", "ǅ", "ʼ", "\u{301}", "Ѐ", "߿", "Г", "Ă",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn deeper_says_no_only_where_the_scan_finds_nothing(
            pieces in proptest::collection::vec(proptest::sample::select([PIECES, DEEPER_PIECES].concat()), 0..24),
        ) {
            let text = pieces.concat();
            proptest::prop_assert!(deeper_of(&text) || !scan(&text).any(), "{:?}: {:?}", text, scan(&text));
        }

        /// The scan's shortcut through runs of two-byte characters finds
        /// what the character-by-character scan finds: in correct text of
        /// two-byte scripts, in windows-1251 and KOI8-R mojibake of it, and
        /// mixed with Latin mojibake, lone leads and ASCII.
        #[test]
        fn the_two_byte_shortcut_finds_what_the_scan_finds(
            pieces in proptest::collection::vec(
                proptest::sample::select([PIECES, DEEPER_PIECES, TWO_BYTE_PIECES].concat()),
                0..32,
            ),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(scan_with::<true>(&text), scan_with::<false>(&text), "{:?}", text);
        }

        /// What whole-line repair learns of the code pages that read a line
        /// alike, when its walk gets through the line, is what the walk of
        /// its own finds.
        #[test]
        fn whole_line_tells_which_code_pages_agree(
            pieces in proptest::collection::vec(proptest::sample::select([PIECES, DEEPER_PIECES].concat()), 0..24),
            cp in proptest::sample::select(&Codepage::ALL[..]),
        ) {
            let text = pieces.concat();
            let among = Codepage::ALL.iter().fold(0, |mask, other| mask | other.bit()) & !cp.bit();
            let mut alike = None;
            whole_line(&text, cp, among, &mut alike);
            if let Some(alike) = alike {
                proptest::prop_assert_eq!(alike, agreeing(&text, cp, among), "{:?} in {}", text, cp.name());
            }
        }

        /// The verdict on a pair shared by the code pages that give its
        /// sequence the same bytes is each one's own verdict: leads of two,
        /// three and four bytes, in the code pages that make them alike or
        /// apart, cut short by ASCII or the line's end.
        #[test]
        fn code_pages_alike_share_the_verdict_on_a_sequence(
            pair in proptest::sample::select(&[
                "Ã©", "Ãƒ", "Â\u{a0}", "â€", "â€™", "ð\u{9f}", "ðŸ˜€", "Ð°", "Ñ\u{81}", "Рё", "РЎ", "СЃ", "Î±", "Ï€",
                "├®", "Ă©", "Å\u{be}", "ĂŁ", "Ăş", "√ë", "Ã\u{81}", "Ã¼", "íž", "ìš", "ì\u{9d}´", "ã\u{81}",
            ][..]),
            rest in proptest::sample::select(&["", " ", "a", "™", "€", "˜€", "\u{a0}", "©", "¡", "ł"][..]),
            cps in proptest::prelude::any::<Mask>(),
        ) {
            let text = format!("{pair}{rest}");
            let mut chars = text.char_indices();
            let ((_, c), (at, n)) = (chars.next().expect("a lead"), chars.next().expect("a follower"));
            let idx = index();
            let (Some(e), Some(ne)) = (idx.get(c), idx.get(n)) else { return Ok(()) };
            let cps = cps & ((1 << Codepage::ALL.len()) - 1);
            let rest = &text[at + n.len_utf8()..];
            let entries = sequence_entries(e, ne, rest, cps);
            let each = Codepage::indices(cps).filter(|&i| sequence_in(&entries, i).1).fold(0, |m, i| m | 1 << i);
            proptest::prop_assert_eq!(plausible_sequences(e, ne, rest, cps), each, "{:?} in {:b}", text, cps);
        }

        /// The words around a line's runs of non-ASCII characters, found in
        /// the gaps between the runs, are the words a search of the line
        /// for the nearest spaces finds (as whole-line repair split them
        /// before): runs touching, runs one space or more apart, runs at
        /// the line's edges; the decoded text here is the line itself with
        /// each run twice as long, so the shifts show.
        #[test]
        fn words_of_runs_are_the_words_a_search_finds(
            pieces in proptest::collection::vec(proptest::sample::select(&["é", "жж", "a", "bc", " ", "  ", "\t"][..]), 0..24),
        ) {
            let line = pieces.concat();
            let mut runs: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
            let mut grown = 0;
            for (at, c) in line.char_indices().filter(|(_, c)| !c.is_ascii()) {
                let out = at + grown;
                grown += c.len_utf8();
                match runs.last_mut() {
                    Some((span, decoded)) if span.end == at => {
                        *span = span.start..at + c.len_utf8();
                        *decoded = decoded.start..out + 2 * c.len_utf8();
                    }
                    _ => runs.push((at..at + c.len_utf8(), out..out + 2 * c.len_utf8())),
                }
            }
            let mut searched = Vec::new();
            let mut k = 0;
            while k < runs.len() {
                let (span, out) = &runs[k];
                let start = line[..span.start].rfind(' ').map_or(0, |p| p + 1);
                let end = line[span.end..].find(' ').map_or(line.len(), |p| span.end + p);
                let mut last = k;
                while runs.get(last + 1).is_some_and(|(s, _)| s.start < end) {
                    last += 1;
                }
                let (last_span, last_out) = &runs[last];
                searched.push((start..end, out.start - (span.start - start)..last_out.end + (end - last_span.end)));
                k = last + 1;
            }
            for (w, _) in &searched {
                let read = (line[..w.start].chars().next_back(), line[w.end..].chars().next());
                proptest::prop_assert_eq!(spaces_around(line.len(), w), read, "{:?} {:?}", line, w);
            }
            proptest::prop_assert_eq!(words_of_runs(line.as_bytes(), &runs).collect::<Vec<_>>(), searched, "{:?}", line);
        }
    }

    #[test]
    fn deeper_looks_past_the_pairs_it_keeps() {
        // Eight natural pairs (Cyrillic "Р" then "ё": lead and continuation
        // in windows-1251), then one that is evidence.
        let text = format!("{} Ã©", ["Рё"; 8].join(" "));
        assert!(scan(&text).any());
        assert!(deeper_of(&text));
    }

    /// Every two-byte sequence whole-line repair may read is decoded as the
    /// plain look decodes it.
    #[test]
    fn decode_whole_reads_two_byte_sequences_as_decode_does() {
        for b0 in 0xC2..=0xDFu8 {
            for b1 in 0x80..=0xBFu8 {
                assert_eq!(decode_whole(&[b0, b1]), decode(&[b0, b1]), "{b0:#04x} {b1:#04x}");
            }
        }
    }

    /// A decoded character's masks are its entry's, for every character
    /// (those no code page has are not looked up).
    #[test]
    fn decode_gives_every_character_its_masks() {
        for ch in '\u{80}'..=char::MAX {
            let mut utf8 = [0; 4];
            let Some(decoded) = decode(ch.encode_utf8(&mut utf8).as_bytes()) else { continue };
            let masks = index().get(ch).map_or((0, 0), |e| (e.lead, e.cont));
            assert_eq!(decoded.masks, masks, "{ch:?}");
        }
    }

    /// The table read for a sequence with nothing around it gives what the
    /// rules give, in every code page, for every lead and any character
    /// below U+0800 (those of the no-break space and windows-1251's symbols
    /// among them).
    #[test]
    fn lone_sequence_evidence_is_sequence_evidence() {
        for cp in Codepage::ALL {
            for lead in 0xC2..=0xF4u8 {
                let width = utf8_width(lead).expect("a lead");
                for ch in '\u{80}'..'\u{800}' {
                    let seq = Seq { start: 0, end: width, ch, width, lead, damage: Damage::None };
                    assert_eq!(
                        lone_sequence_evidence(&seq, cp).to_bits(),
                        sequence_evidence(&seq, cp, None, None).to_bits(),
                        "{} {lead:#04x} {ch:?}",
                        cp.name()
                    );
                }
            }
        }
    }

    #[test]
    fn deeper_says_no_to_correct_text() {
        for text in ["Привет, мир: їжак і єнот", "café, naïve, São Paulo", "Ελληνικά κείμενα", "€10 – “quoted”"]
        {
            assert!(!deeper_of(text), "{text}");
            assert!(!scan(text).any(), "{text}");
        }
    }

    #[test]
    fn stretches_cover_every_non_ascii_character_and_what_follows_it() {
        let text = "plain ascii Ã© then twelve chars Â and more, then ÐºÐ°Ðº, end";
        let found: Vec<_> = stretches(text).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        for range in &found {
            assert!(!text[range.start..].starts_with(|c: char| c.is_ascii()), "{range:?} starts at ASCII");
        }
        // The last stretch reaches the line's end; the others REACH bytes past
        // their last non-ASCII character.
        assert_eq!(found[2].end, text.len());
        assert_eq!(&text[found[0].clone()], "Ã© then tw");
        let covered: usize = found.iter().map(|r| text[r.clone()].chars().filter(|c| !c.is_ascii()).count()).sum();
        assert_eq!(covered, text.chars().filter(|c| !c.is_ascii()).count());
    }
}
