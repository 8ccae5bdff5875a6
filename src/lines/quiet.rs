//! The quiet look: which lines every stage may pass at a glance (see
//! [`is_quiet`]), told once per line by [`super::Lines`].

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
use crate::lanes::Avx2;
use crate::lanes::{Lanes, Narrow};

/// The widest step's vector and the two bytes after it (see [`look`]).
const MAX_STEP: usize = 34;

/// Whether `line` (a line's content) is quiet: each of its characters is
/// printable ASCII but "&" (which only counts with `ampersands`), a tab, or
/// a [quiet character](is_quiet_char) followed by an ASCII byte, the end,
/// or another quiet character that the mojibake scan would [take for no
/// evidence](crate::repair::neighbours_may_be_evidence) beside it; and it
/// does not end with white space (a space, a tab or a no-break space).
/// "Г" counts as a quiet character where a [plain Cyrillic
/// letter](is_plain_cyrillic_letter) follows it, and is weighed with its
/// neighbours as they are.
/// ("Г" is the windows-1251 reading of byte C3, the lead of "à" and most
/// accented letters, and shows a lost no-break space before a space or at
/// the end; before a plain letter, which no code page reads as a
/// continuation byte, it is the first letter of "Город" and shows nothing.)
/// Such a line is one that repair and strip leave alone at a glance, and
/// normalize too under its default options (see [`is_quiet_char`]); it is
/// most lines of news in English, in the languages written in Latin
/// letters, in Russian and Ukrainian, Chinese, Japanese and Korean.
#[must_use]
pub fn is_quiet(line: &str, ampersands: bool) -> bool {
    look(line, ampersands).is_some()
}

/// [`is_quiet`], and of a quiet line whether it is written with spaces
/// between its words throughout: `Some(spaced)` for a quiet line, `spaced`
/// false when it holds a character of three bytes led by E3 to E9 (kana
/// and Han, written without spaces, and the CJK punctuation), whose words
/// strip counts its slower way (see [`Looked::spaced`](super::Looked::spaced)).
pub(crate) fn look(line: &str, ampersands: bool) -> Option<bool> {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if let Some(avx2) = Avx2::detect() {
        return avx2.look(line, ampersands);
    }
    Narrow.look(line, ampersands)
}

/// The quiet look compiled for the vector it steps with, and its steps
/// over the letters of a script: each a function of its own that the look
/// calls only where it meets one (inlined in the look's loop, the Cyrillic
/// step cost CJK news 1.2 % more instructions and 3 % more time).
trait Steps: Lanes {
    /// [`look`].
    fn look(self, line: &str, ampersands: bool) -> Option<bool>;
    /// [`plain_cyrillic_stops`].
    fn plain_cyrillic_stops(self, chunk: &[u8], stops: u64) -> (u64, usize);
    /// [`unindexed_quiet_stops`].
    fn unindexed_quiet_stops(self, chunk: &[u8], stops: u64) -> (u64, usize, bool);
}

impl Steps for Narrow {
    #[inline(always)]
    fn look(self, line: &str, ampersands: bool) -> Option<bool> {
        look_with(self, line, ampersands)
    }
    #[inline(never)]
    fn plain_cyrillic_stops(self, chunk: &[u8], stops: u64) -> (u64, usize) {
        plain_cyrillic_stops(self, chunk, stops)
    }
    #[inline(never)]
    fn unindexed_quiet_stops(self, chunk: &[u8], stops: u64) -> (u64, usize, bool) {
        unindexed_quiet_stops(self, chunk, stops)
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
impl Steps for Avx2 {
    #[inline(always)]
    fn look(self, line: &str, ampersands: bool) -> Option<bool> {
        /// Compiled for AVX2, thirty-two bytes a step.
        #[target_feature(enable = "avx2")]
        fn look(l: Avx2, line: &str, ampersands: bool) -> Option<bool> {
            look_with(l, line, ampersands)
        }
        // SAFETY: a value of `Avx2` exists only where the processor has it.
        unsafe { look(self, line, ampersands) }
    }
    #[inline(always)]
    fn plain_cyrillic_stops(self, chunk: &[u8], stops: u64) -> (u64, usize) {
        /// Compiled for AVX2.
        #[target_feature(enable = "avx2")]
        #[inline(never)]
        fn step(l: Avx2, chunk: &[u8], stops: u64) -> (u64, usize) {
            plain_cyrillic_stops(l, chunk, stops)
        }
        // SAFETY: as above.
        unsafe { step(self, chunk, stops) }
    }
    #[inline(always)]
    fn unindexed_quiet_stops(self, chunk: &[u8], stops: u64) -> (u64, usize, bool) {
        /// Compiled for AVX2.
        #[target_feature(enable = "avx2")]
        #[inline(never)]
        fn step(l: Avx2, chunk: &[u8], stops: u64) -> (u64, usize, bool) {
            unindexed_quiet_stops(l, chunk, stops)
        }
        // SAFETY: as above.
        unsafe { step(self, chunk, stops) }
    }
}

/// [`look`], stepping with the vectors of `l`.
#[inline(always)]
fn look_with<L: Steps>(l: L, line: &str, ampersands: bool) -> Option<bool> {
    let bytes = line.as_bytes();
    if bytes.last().is_some_and(|&b| b == b' ' || b == b'\t') || bytes.ends_with("\u{a0}".as_bytes()) {
        return None;
    }
    let mut spaced = true;
    // Printable ASCII, the bulk of the line, and the letters of Russian
    // and of CJK text: a vector at a time, up to the first byte that is
    // none of them (tabs and the rest go one by one). The last bytes of
    // the line are looked at the same way, in a copy padded with spaces,
    // which are no stops and continue no letter, as the line's end is not
    // (stepped over eight bytes at a time, a Russian line's last words
    // went letter by letter through the slow path; looked at this way, the
    // text stages took 6.1 % fewer instructions on Russian news and 2–3 %
    // fewer on the other corpora, callgrind). Each step reads two bytes
    // beyond its vector: the rest of a letter that starts in it.
    let width = L::LANES + 2;
    let mut at = 0;
    let mut tail;
    // Whether the step has looked for Cyrillic letters (only then may a
    // stop come after one it passed).
    let mut cyrillic = false;
    // (The loop of `swar::skip_unmarked`, written out: with the helper here
    // the Latin-script news corpus ran 2–3 % slower, `perf stat -r 10`.)
    while at < bytes.len() {
        let chunk = match bytes.get(at..at + width) {
            Some(chunk) => chunk,
            None => {
                let rest = &bytes[at..];
                tail = [b' '; MAX_STEP];
                tail[..rest.len()].copy_from_slice(rest);
                &tail[..width]
            }
        };
        let stops = crate::lanes::unprintable(l, chunk, !ampersands);
        if stops == 0 {
            at += L::LANES;
            continue;
        }
        // (The mask spares a bounds check.)
        let mut first = stops.trailing_zeros() as usize & (L::LANES - 1);
        // Russian text: its plain letters are passed as printable ASCII
        // is (a step may end inside one; the next starts after it); and
        // CJK text, likewise. Only looked for when the first stop may
        // be one of them (one comparison for the letters of Latin
        // scripts, the commonest stops, led by C2 to CF).
        if chunk[first] >= 0xd0 {
            let (stops, beyond) = match chunk[first] {
                0xd0 | 0xd1 => {
                    cyrillic = true;
                    l.plain_cyrillic_stops(chunk, stops)
                }
                0xe3..=0xef => {
                    let (stops, beyond, unspaced) = l.unindexed_quiet_stops(chunk, stops);
                    spaced &= !unspaced;
                    (stops, beyond)
                }
                _ => (stops, 0),
            };
            if stops == 0 {
                at += L::LANES + beyond;
                continue;
            }
            first = stops.trailing_zeros() as usize;
        }
        at += first;
        let Some(&b) = bytes.get(at) else { break };
        if b < 0x80 {
            if b < 0x20 && b != b'\t' || b == 0x7f || b == b'&' && !ampersands {
                return None;
            }
            at += 1;
            continue;
        }
        let len = quiet_len(&bytes[at..]);
        if len == 0 {
            return None;
        }
        // After a plain Cyrillic letter the step passed, the run is weighed
        // from that letter.
        if cyrillic && at >= 2 && is_plain_cyrillic_letter(&bytes[at - 2..at]) {
            at = quiet_run(line, at - 2, 2, &mut spaced)?;
            continue;
        }
        // Quiet characters side by side are quiet unless the mojibake scan
        // would take two of them for evidence: some code page reads them as
        // the start of a UTF-8 sequence, real text does not write them all
        // the time, and the sequence is plausible. (Most lines of news in
        // Latin letters have such neighbours: "«\u{a0}", "\u{a0}€", "şı",
        // "çã", "ęś", "l’é", "\u{a0}°"; Cyrillic words are made of them.)
        if bytes.get(at + len).is_some_and(|&b| b >= 0x80) {
            at = quiet_run(line, at, len, &mut spaced)?;
        } else {
            spaced &= !unspaced(bytes, at, len);
            at += len;
        }
    }
    Some(spaced)
}

/// Whether the quiet character at `at` of `bytes`, `len` bytes long, is
/// led by E3 to E9: kana, Han or CJK punctuation (see [`look`]).
fn unspaced(bytes: &[u8], at: usize, len: usize) -> bool {
    len == 3 && (0xe3..=0xe9).contains(&bytes[at])
}

/// Where the run of non-ASCII characters that starts with the quiet
/// character at `at` of `line` (`len` bytes long, a non-ASCII byte after
/// it) ends, if each is quiet and the mojibake scan [takes no two side by
/// side for evidence](crate::repair::neighbours_may_be_evidence); `None`
/// if not; and clears `spaced` at a character of kana, Han or CJK
/// punctuation. A whole run in one call, out of the quiet look's loop (a
/// call per character pair inlined there cost English news 0.9 % more
/// instructions, callgrind).
#[inline(never)]
fn quiet_run(line: &str, mut at: usize, mut len: usize, spaced: &mut bool) -> Option<usize> {
    let bytes = line.as_bytes();
    let masks = crate::repair::two_byte_masks();
    *spaced &= !unspaced(bytes, at, len);
    // For a character of two bytes, the code pages in which it leads a
    // sequence: a letter of two bytes after it pairs with it only in a code
    // page where it continues one (one look at a table per letter, as in
    // the mojibake scan's run through such words).
    let mut leads = (len == 2).then(|| masks(bytes[at], bytes[at + 1]).0);
    while bytes.get(at + len).is_some_and(|&b| b >= 0x80) {
        let mut next = at + len;
        let next_len = quiet_len(&bytes[next..]);
        let weighed = match next_len {
            2 => {
                let (mut next_leads, continues) = masks(bytes[next], bytes[next + 1]);
                let weighed = match leads {
                    Some(leads) => leads & continues != 0 && crate::repair::neighbours_may_be_evidence(line, at),
                    None => !unindexed(bytes[at], len) && crate::repair::neighbours_may_be_evidence(line, at),
                };
                // Cyrillic letters after it, most of Russian text: each
                // told from its lead byte, with one look at the masks.
                while !weighed
                    && let Some(&[b0 @ (0xd0 | 0xd1), b1]) = bytes.get(next + 2..).and_then(|b| b.first_chunk::<2>())
                    && !(b0 == 0xd0 && b1 == 0x93)
                {
                    let (following_leads, continues) = masks(b0, b1);
                    if next_leads & continues != 0
                        && !is_natural_ukrainian_pair(bytes, next)
                        && crate::repair::neighbours_may_be_evidence(line, next)
                    {
                        return None;
                    }
                    (next_leads, next) = (following_leads, next + 2);
                }
                leads = Some(next_leads);
                weighed
            }
            3 => {
                *spaced &= !unspaced(bytes, next, next_len);
                leads = None;
                let weighed = !unindexed(bytes[at], len)
                    && !unindexed(bytes[next], next_len)
                    && crate::repair::neighbours_may_be_evidence(line, at);
                // A CJK character, which pairs with nothing (so `weighed`
                // is false): the run is left to the look's vector step from
                // there, which passes such characters a vector at a time
                // (told one by one here, they cost CJK news 0.9 % more
                // instructions).
                if unindexed(bytes[next], next_len) && bytes[next] >= 0xe3 {
                    return Some(next);
                }
                weighed
            }
            _ => return None,
        };
        if weighed {
            return None;
        }
        (at, len) = (next, next_len);
    }
    Some(at + len)
}

/// `stops` (the bytes of the vector's bytes of `chunk` that are not
/// printable ASCII, bit `i` for byte `i`) without those of plain Cyrillic
/// letters and of the [Ukrainian letters](continuing_cyrillic_letter) that
/// need no weighing where they stand, and whether the vector's last byte
/// leads one of them (its second byte is the first beyond).
///
/// A plain letter is one of the Russian alphabet but "Г", "Ё" and "ё" ("А"
/// to "п" led by D0, "р" to "я" by D1, see [`is_plain_cyrillic_letter`]):
/// quiet, and read by no code page as a continuation byte (windows-1251
/// and KOI8-R put them from 0xC0 up, and no other code page has them), so
/// that none pairs with the character before it in the mojibake scan, and
/// only the character after the last of a run need be weighed with it.
/// "Г" before one is passed too (see [`is_quiet`]).
///
/// "і", "ї", "є", "ё" and their capitals are continuation bytes in
/// windows-1251 (and "ё" and "Ё" in KOI8-R), and lead in no code page:
/// each pairs with nothing after it, and with the character before it
/// only if that is not ASCII. Where it follows ASCII, there is nothing to weigh; where a
/// small letter follows a small Cyrillic letter that follows no ASCII
/// letter or digit, and no ASCII letter or digit follows it, the scan
/// takes the two for a pair real text writes all the time (see
/// `repair::mojibake::natural_pair`), as most Ukrainian words have them
/// ("від", "її"). Others are left to the look's slow path.
///
/// A vector at a time, in a few instructions: Russian and Ukrainian words
/// pass the quiet look's step as ASCII does. (A call per word, eight
/// letters at a time, took 16 % fewer instructions than a look at each
/// letter, and no less time: each word's end waited for the last. Out of
/// line, see [`Steps`].)
///
/// `stops` holds every byte from 0x80 up, as the look finds them: the
/// step looks for the Ukrainian letters only where a stop is left after
/// the plain letters, and a letter that is no stop is not looked at.
#[inline(always)]
fn plain_cyrillic_stops<L: Lanes>(l: L, chunk: &[u8], stops: u64) -> (u64, usize) {
    let (lanes, all) = (L::LANES, l.all());
    let chunk = &chunk[..lanes + 2];
    let (first, second) = (l.load(chunk, 0), l.load(chunk, 1));
    let (d0, d1) = (l.is(first, 0xd0), l.is(first, 0xd1));
    let from_80_to_8f = l.within(second, 0x80, 0x8f);
    let led_by_d0 = l.and_not(l.is(second, 0x93), l.and(d0, l.within(second, 0x90, 0xbf)));
    let plain = l.mask(l.or(led_by_d0, l.and(d1, from_80_to_8f)));
    // "Г" before a plain letter that starts in the vector.
    let plain = plain | l.mask(l.and(d0, l.is(second, 0x93))) & plain >> 2;
    if stops & !(plain | plain << 1) & all == 0 {
        return (0, (plain >> (lanes - 1)) as usize);
    }
    // Only where a stop is left: the Ukrainian letters (Russian text has
    // none but "ё").
    let third = l.load(chunk, 2);
    // The second bytes of "ё", "є", "і" and "ї"; of the capitals, 0x10
    // less.
    // (Functions, not closures: the compiler left closures out of line in
    // the AVX2 step.)
    #[inline(always)]
    fn continuing<L: Lanes>(l: L, b: L::V) -> L::V {
        l.or(l.or(l.is(b, 0x91), l.is(b, 0x94)), l.or(l.is(b, 0x96), l.is(b, 0x97)))
    }
    #[inline(always)]
    fn alnum<L: Lanes>(l: L, v: L::V) -> u64 {
        l.mask(l.or(l.within(v, b'0', b'9'), l.within(l.or(v, l.splat(0x20)), b'a', b'z')))
    }
    let small = l.and(d1, continuing(l, second));
    let capital = l.and(d0, continuing(l, l.sub(second, l.splat(0xf0))));
    let small_letter = l.or(l.or(l.and(d0, l.within(second, 0xb0, 0xbf)), l.and(d1, from_80_to_8f)), small);
    // Bit `i`: byte `i - 1` is ASCII (`i` from 1).
    let after_ascii = !l.mask(first) << 1 & all & !1;
    // Bytes `i - 2` and `i - 1` are a small Cyrillic letter.
    let after_small = l.mask(small_letter) << 2;
    // Byte `i - 3` is an ASCII letter or digit (taken to be for `i` below
    // 3: the byte is not known).
    let prev_alnum = alnum(l, first) << 3 | 0b111;
    // Byte `i + 2` is one.
    let next_alnum = alnum(l, third);
    let (small, capital) = (l.mask(small), l.mask(capital));
    let leads = plain | (small | capital) & after_ascii | small & after_small & !prev_alnum & !next_alnum;
    (stops & !(leads | leads << 1) & all, (leads >> (lanes - 1) & 1) as usize)
}

/// [`plain_cyrillic_stops`] by its definition, a pair of bytes at a time,
/// for a step of `lanes` bytes.
#[cfg(test)]
fn plain_cyrillic_stops_by_pairs(chunk: &[u8], lanes: usize, stops: u64) -> (u64, usize) {
    let passes = |i: usize| {
        let pair = &chunk[i..i + 2];
        is_plain_cyrillic_letter(pair)
            || pair == "Г".as_bytes() && i + 2 < lanes && is_plain_cyrillic_letter(&chunk[i + 2..i + 4])
            || continuing_cyrillic_letter(pair).is_some()
                && (i >= 1 && chunk[i - 1].is_ascii()
                    || i >= 3 && !chunk[i - 3].is_ascii_alphanumeric() && is_natural_ukrainian_pair(chunk, i - 2))
    };
    let leads = (0..lanes).fold(0u64, |leads, i| leads | u64::from(passes(i)) << i);
    let all = u64::MAX >> (64 - lanes);
    (stops & !(leads | leads << 1) & all, (leads >> (lanes - 1)) as usize)
}

/// Whether the letter at byte `at` of `bytes` and the one after it are a
/// pair the mojibake scan takes for one real text writes all the time
/// where no ASCII letter or digit stands before them (true of a letter
/// that follows another letter not in ASCII), as [`plain_cyrillic_stops`]
/// passes them: a small Cyrillic letter, then "ё", "є", "і" or "ї", with
/// no ASCII letter or digit after the two ("від", "її"; each "Xі" of a
/// Ukrainian word the look's step left to [`quiet_run`] was weighed in
/// full there). (Out of line: inlined, it cost the runs of other scripts'
/// letters 0.7 % more instructions.)
#[inline(never)]
fn is_natural_ukrainian_pair(bytes: &[u8], at: usize) -> bool {
    bytes.get(at..at + 4).is_some_and(|pair| {
        is_small_cyrillic_letter(&pair[..2]) && continuing_cyrillic_letter(&pair[2..]) == Some(true)
    }) && !bytes.get(at + 4).is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether the two bytes `pair` are a plain Cyrillic letter (see
/// [`plain_cyrillic_stops`]).
#[inline(always)]
fn is_plain_cyrillic_letter(pair: &[u8]) -> bool {
    matches!(pair, [0xd0, 0x90..=0xbf] if pair[1] != 0x93) || matches!(pair, [0xd1, 0x80..=0x8f])
}

/// Of the two bytes `pair`, if they are "ё", "є", "і", "ї" or a capital of
/// one, whether it is small: the letters of Ukrainian (and "ё") that
/// windows-1251 reads as continuation bytes (see [`plain_cyrillic_stops`]).
fn continuing_cyrillic_letter(pair: &[u8]) -> Option<bool> {
    match pair {
        [0xd1, 0x91 | 0x94 | 0x96 | 0x97] => Some(true),
        [0xd0, 0x81 | 0x84 | 0x86 | 0x87] => Some(false),
        _ => None,
    }
}

/// Whether the two bytes `pair` are a small letter of Russian or one of the
/// small [Ukrainian letters](continuing_cyrillic_letter).
fn is_small_cyrillic_letter(pair: &[u8]) -> bool {
    matches!(pair, [0xd0, 0xb0..=0xbf] | [0xd1, 0x80..=0x8f]) || continuing_cyrillic_letter(pair) == Some(true)
}

/// `stops` (as for [`plain_cyrillic_stops`]) without those of the quiet
/// characters of three bytes that no code page has and that start in the
/// vector's bytes of `chunk` (Han, kana, Hangul, the CJK punctuation and
/// the full-width forms: the [quiet characters](quiet_char_len) led by E3
/// to EF); how many bytes of the last of them are beyond the vector; and
/// whether one of them is led by E3 to E9 (is written without spaces, see
/// [`look`]). Such a character pairs with nothing in the mojibake scan, so
/// CJK text passes the quiet look's step as ASCII does, a vector at a
/// time.
#[inline(always)]
fn unindexed_quiet_stops<L: Lanes>(l: L, chunk: &[u8], stops: u64) -> (u64, usize, bool) {
    let lanes = L::LANES;
    let chunk = &chunk[..lanes + 2];
    let (first, second, third) = (l.load(chunk, 0), l.load(chunk, 1), l.load(chunk, 2));
    let (is, within) = (|v, b| l.is(v, b), |v, low, high| l.within(v, low, high));
    let (and, or) = (|a, b| l.and(a, b), |a, b| l.or(a, b));
    let han = or(within(first, 0xe5, 0xe9), and(is(first, 0xe4), within(second, 0xb8, 0xbf)));
    let kana_and_punctuation = and(
        is(first, 0xe3),
        or(
            or(and(is(second, 0x80), within(third, 0x81, 0x9f)), and(is(second, 0x81), within(third, 0x81, 0xbf))),
            or(and(is(second, 0x82), or(within(third, 0x80, 0x96), within(third, 0xa0, 0xbf))), is(second, 0x83)),
        ),
    );
    let hangul = or(
        or(within(first, 0xeb, 0xec), and(is(first, 0xea), within(second, 0xb0, 0xbf))),
        and(is(first, 0xed), or(within(second, 0x80, 0x9d), and(is(second, 0x9e), within(third, 0x80, 0xa3)))),
    );
    let full_width = and(
        is(first, 0xef),
        or(and(is(second, 0xbc), within(third, 0x81, 0xbf)), and(is(second, 0xbd), within(third, 0x80, 0x9e))),
    );
    let unspaced = or(han, kana_and_punctuation);
    let leads = l.mask(or(or(unspaced, hangul), full_width));
    let covered = leads | leads << 1 | leads << 2;
    (stops & !covered & l.all(), beyond(leads, lanes), l.mask(unspaced) != 0)
}

/// How many bytes of the last character that `leads` (the first bytes of
/// three-byte characters in a step of `lanes` bytes) marks are beyond the
/// step.
#[inline(always)]
fn beyond(leads: u64, lanes: usize) -> usize {
    (leads >> (lanes - 2) & 1) as usize + 2 * (leads >> (lanes - 1) & 1) as usize
}

/// [`unindexed_quiet_stops`] by its definition, a character at a time, for
/// a step of `lanes` bytes.
#[cfg(test)]
fn unindexed_quiet_stops_by_characters(chunk: &[u8], lanes: usize, stops: u64) -> (u64, usize, bool) {
    let leads = (0..lanes).fold(0u64, |leads, i| leads | u64::from(is_unindexed_quiet(&chunk[i..])) << i);
    let unspaced = (0..lanes).any(|i| leads >> i & 1 == 1 && unspaced(chunk, i, 3));
    let all = u64::MAX >> (64 - lanes);
    (stops & !(leads | leads << 1 | leads << 2) & all, beyond(leads, lanes), unspaced)
}

/// Whether `bytes` start with a quiet character of three bytes led by E3
/// to EF: CJK and Korean text, which no code page has (some of the
/// characters [`unindexed`] takes; those led by E1, Vietnamese letters,
/// are left to the slow path).
#[cfg(test)]
fn is_unindexed_quiet(bytes: &[u8]) -> bool {
    quiet_char_len(bytes) == 3 && bytes[0] >= 0xe3
}

/// Whether the quiet character of `len` bytes led by `lead` is one that no
/// code page has: those of three bytes but the ones led by E2 (the General
/// Punctuation, currency signs, "№", "™" and the signs after them). Such
/// a character pairs with nothing in the mojibake scan.
#[inline(always)]
fn unindexed(lead: u8, len: usize) -> bool {
    len == 3 && lead != 0xe2
}

/// The length of the [quiet character](is_quiet_char) `bytes` (UTF-8)
/// start with, or 0 if they start with another: told from the bytes, which
/// the quiet look meets on every line of news in Latin letters. (Inlined:
/// a call per character was 0.4 instructions a byte more on English news.)
#[inline(always)]
fn quiet_char_len(bytes: &[u8]) -> usize {
    match bytes {
        // U+00A0 to U+02FF but the soft hyphen, "Â", "Ã" and "Ă".
        [0xc2, 0xad, ..] | [0xc3, 0x82 | 0x83, ..] | [0xc4, 0x82, ..] => 0,
        [0xc2, 0xa0..=0xbf, ..] | [0xc3..=0xcb, _, ..] => 2,
        // Cyrillic letters, U+0400 to U+04FF but the combining marks
        // U+0483 to U+0489 and "Г" (U+0413).
        [0xd0, 0x93, ..] | [0xd2, 0x83..=0x89, ..] => 0,
        [0xd0..=0xd3, _, ..] => 2,
        // CJK and Hangul: punctuation U+3001 to U+301F, kana U+3041 to
        // U+3096 and U+30A0 to U+30FF, Han U+4E00 to U+9FFF, Hangul
        // syllables U+AC00 to U+D7A3, full-width forms U+FF01 to U+FF5E.
        [0xe3, 0x80, 0x81..=0x9f, ..]
        | [0xe3, 0x81, 0x81..=0xbf, ..]
        | [0xe3, 0x82, 0x80..=0x96 | 0xa0..=0xbf, ..]
        | [0xe3, 0x83, _, ..]
        | [0xe4, 0xb8..=0xbf, _, ..]
        | [0xe5..=0xe9, _, _, ..]
        | [0xea, 0xb0..=0xbf, _, ..]
        | [0xeb | 0xec, _, _, ..]
        | [0xed, 0x80..=0x9d, _, ..]
        | [0xed, 0x9e, 0x80..=0xa3, ..]
        | [0xef, 0xbc, 0x81..=0xbf, ..]
        | [0xef, 0xbd, 0x80..=0x9e, ..] => 3,
        // U+1E00 to U+1EFF; U+2010 to U+2027, U+2030 to U+205E, U+20A0 to
        // U+20C0, "℃", "№", "™", the arrows U+2190 to U+2193, "−", "≈",
        // "≠", "≤", "≥".
        [0xe1, 0xb8..=0xbb, _, ..]
        | [0xe2, 0x80, 0x90..=0xa7 | 0xb0..=0xbf, ..]
        | [0xe2, 0x81, 0x80..=0x9e, ..]
        | [0xe2, 0x82, 0xa0..=0xbf, ..]
        | [0xe2, 0x83, 0x80, ..]
        | [0xe2, 0x84, 0x83 | 0x96 | 0xa2, ..]
        | [0xe2, 0x86, 0x90..=0x93, ..]
        | [0xe2, 0x88, 0x92, ..]
        | [0xe2, 0x89, 0x88 | 0xa0 | 0xa4 | 0xa5, ..] => 3,
        _ => 0,
    }
}

/// [`quiet_char_len`], and 2 for "Г" before a plain letter, which is quiet
/// where it stands (see [`is_quiet`]). Apart from `quiet_char_len`, which
/// tells the quiet characters one by one, as [`is_quiet_char`] does and
/// every stage's tests take them, and asked only where it gives 0.
#[inline(always)]
fn quiet_len(bytes: &[u8]) -> usize {
    match quiet_char_len(bytes) {
        0 => match bytes {
            [0xd0, 0x93, b2, b3, ..] if is_plain_cyrillic_letter(&[*b2, *b3]) => 2,
            _ => 0,
        },
        len => len,
    }
}

/// Every [quiet character](is_quiet_char), in order: for what checks them
/// one by one (normalize, once per normalizer, and the stages' tests).
pub fn quiet_chars() -> impl Iterator<Item = char> {
    QUIET_RANGES.iter().flat_map(|&(first, last)| first..=last).filter(|c| !NOT_QUIET.contains(c))
}

/// The quiet characters, but only one in 499 of those from U+3000 up (CJK,
/// Hangul, full-width forms: over 30,000, none in any code page, alike to
/// every stage): for the tests that take every pair.
#[cfg(test)]
pub(crate) fn quiet_chars_sampled() -> impl Iterator<Item = char> {
    quiet_chars().filter(|&c| c < '\u{3000}' || u32::from(c) % 499 == 0)
}

/// Letters, signs and punctuation that correct text is full of and that no
/// stage acts on by default where they stand alone among ASCII (normalize
/// does with some options, and says so: see `Normalizer::find_in`): Latin-1 (with the
/// no-break space of "130\u{a0}km/h"), Latin Extended, IPA and the spacing
/// modifier letters (but for the soft hyphen, and "Â", "Ã", "Ă", the leads
/// of damaged sequences that show even alone), the Cyrillic block's
/// letters and signs (but for its combining marks, and "Г", which is such
/// a lead too), Latin Extended Additional (one in
/// seven letters of Vietnamese, none in any code page), the General
/// Punctuation quotes, dashes and signs (not its spaces, separators and
/// invisible controls), currency signs, "℃", "№", "™", the four arrows and
/// the signs of measurements ("−40\u{a0}°C", "≥\u{a0}5", "≈", "≠", "≤");
/// and CJK and Korean
/// text: Han, kana (not the combining sound marks), Hangul syllables, the
/// CJK punctuation (not the ideographic space and the tone marks) and the
/// full-width forms, none of them in any code page. What each stage relies
/// on:
///
/// * repair: mojibake evidence never rests on one alone (every piece of it
///   is a code page's lead followed by one of its continuations or U+FFFD,
///   or "Â", "Ã", "Г" or "Ă" before a space or "?" or at the end), and on
///   two side by side only where the scan itself would take them for
///   evidence ([`crate::repair::neighbours_may_be_evidence`]);
/// * normalize: all are composed starters (the NFC quick check says yes and
///   they combine with nothing before them, quiet or not), and none is a
///   line break or a control; the no-break space is the only white space,
///   and a quiet line does not end with it;
/// * strip: none [may vanish](crate::normalize::may_vanish), and the
///   no-break space is the only one that is white space (strip counts the
///   words of a quiet line with Han, kana or CJK punctuation its slower
///   way, see [`Looked::spaced`](super::Looked::spaced)).
///
/// Tests in each stage hold it to that character by character, and to
/// quiet characters side by side (a sample of those from U+3000 up).
#[must_use]
pub fn is_quiet_char(c: char) -> bool {
    QUIET_RANGES.iter().any(|&(first, last)| (first..=last).contains(&c)) && !NOT_QUIET.contains(&c)
}

/// The ranges of the [quiet characters](is_quiet_char), in order...
const QUIET_RANGES: [(char, char); 21] = [
    ('\u{a0}', '\u{2ff}'),
    ('\u{400}', '\u{482}'),
    ('\u{48a}', '\u{4ff}'),
    ('\u{1e00}', '\u{1eff}'),
    ('\u{2010}', '\u{2027}'),
    ('\u{2030}', '\u{205e}'),
    ('\u{20a0}', '\u{20c0}'),
    ('℃', '℃'),
    ('№', '№'),
    ('™', '™'),
    ('←', '↓'),
    ('−', '−'),
    ('≈', '≈'),
    ('≠', '≠'),
    ('≤', '≥'),
    ('\u{3001}', '\u{301f}'),
    ('\u{3041}', '\u{3096}'),
    ('\u{30a0}', '\u{30ff}'),
    ('\u{4e00}', '\u{9fff}'),
    ('\u{ac00}', '\u{d7a3}'),
    ('\u{ff01}', '\u{ff5e}'),
];

/// ...and the characters inside them that are not quiet.
const NOT_QUIET: [char; 5] = ['\u{ad}', 'Â', 'Ã', 'Ă', 'Г'];

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// What `check` gives with each step this processor has, and the
    /// other arguments: sixteen bytes, and thirty-two where it has AVX2
    /// (the checks call the functions the look calls, compiled as the look
    /// runs them).
    macro_rules! at_each_width {
        ($check:ident $(, $arg:expr)*) => {{
            #[allow(unused_mut)]
            let mut answers = vec![$check(Narrow $(, $arg)*)];
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            match Avx2::detect() {
                Some(avx2) => answers.push($check(avx2 $(, $arg)*)),
                None => eprintln!("no AVX2 here: {} checked at sixteen bytes only", stringify!($check)),
            }
            answers
        }};
    }

    /// What the look says of `line` with each step this processor has.
    pub(in crate::lines) fn looks(line: &str, ampersands: bool) -> Vec<Option<bool>> {
        fn look_at<L: Steps>(l: L, line: &str, ampersands: bool) -> Option<bool> {
            l.look(line, ampersands)
        }
        at_each_width!(look_at, line, ampersands)
    }

    /// The stops of a step over `chunk`: every byte from 0x80 up, as the
    /// look finds them.
    fn high_bytes<L: Lanes>(chunk: &[u8]) -> u64 {
        (0..L::LANES).fold(0, |s, i| s | u64::from(chunk[i] >= 0x80) << i)
    }

    /// The Cyrillic step's answer and its definition's, for the first
    /// bytes of `chunk` and `stops` (with every byte from 0x80 up).
    fn plain_cyrillic_answers<L: Steps>(l: L, chunk: &[u8], stops: u64) -> [(u64, usize); 2] {
        let (chunk, stops) = (&chunk[..L::LANES + 2], stops & l.all() | high_bytes::<L>(chunk));
        [l.plain_cyrillic_stops(chunk, stops), plain_cyrillic_stops_by_pairs(chunk, L::LANES, stops)]
    }

    /// The CJK step's answer and its definition's, likewise.
    fn unindexed_answers<L: Steps>(l: L, chunk: &[u8], stops: u64) -> [(u64, usize, bool); 2] {
        let (chunk, stops) = (&chunk[..L::LANES + 2], stops & l.all());
        [l.unindexed_quiet_stops(chunk, stops), unindexed_quiet_stops_by_characters(chunk, L::LANES, stops)]
    }

    /// Quiet by the definition, character by character.
    pub(in crate::lines) fn quiet_by_definition(line: &str, ampersands: bool) -> bool {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        // A quiet character, or "Г" before a plain letter.
        let quiet_at = |k: usize| {
            let plain = |&(_, n): &(usize, char)| ('А'..='я').contains(&n) && n != 'Г';
            is_quiet_char(chars[k].1) || chars[k].1 == 'Г' && chars.get(k + 1).is_some_and(plain)
        };
        !line.ends_with([' ', '\t', '\u{a0}'])
            && chars.iter().enumerate().all(|(k, &(at, c))| match c {
                '&' => ampersands,
                '\t' | ' '..='~' => true,
                c if c.is_ascii() => false,
                _ => {
                    quiet_at(k)
                        && chars.get(k + 1).is_none_or(|&(_, n)| {
                            n.is_ascii() || quiet_at(k + 1) && !crate::repair::neighbours_may_be_evidence(line, at)
                        })
                }
            })
    }

    /// Inside a word the look's step left to [`quiet_run`] (after "«"),
    /// a small letter and "і" (or "ї", "є", "ё") are passed without
    /// weighing, and a capital and one of them are weighed ("Рё" is "и"
    /// read as windows-1251): every such pair after another letter, before
    /// every printable ASCII character, a Cyrillic letter or the end.
    #[test]
    fn a_ukrainian_pair_inside_a_word_is_quiet_as_defined() {
        let letters = ('А'..='я').chain(['ё', 'є', 'і', 'ї', 'Ё', 'Є', 'І', 'Ї']).map(String::from);
        let after: Vec<String> =
            (' '..='~').chain(['д', 'Д', 'і', 'Г', '«', '»']).map(String::from).chain([String::new()]).collect();
        let mut verdicts = [0; 2];
        for first in letters {
            for second in ["і", "ї", "є", "ё"] {
                for after in &after {
                    for before in ["ж", "Ж", "і"] {
                        let line = format!("Київ «{before}{first}{second}{after}");
                        let line = line.trim_end();
                        let quiet = quiet_by_definition(line, false);
                        assert_eq!(is_quiet(line, false), quiet, "{line:?}");
                        verdicts[usize::from(quiet)] += 1;
                    }
                }
            }
        }
        assert!(verdicts[0] > 0 && verdicts[1] > 0, "{verdicts:?}");
    }

    #[test]
    fn quiet_chars_are_told_from_their_bytes() {
        for c in '\0'..=char::MAX {
            let mut buffer = [0; 4];
            let expected = if is_quiet_char(c) { c.len_utf8() } else { 0 };
            assert_eq!(quiet_char_len(c.encode_utf8(&mut buffer).as_bytes()), expected, "U+{:04X}", c as u32);
        }
    }

    /// The plain Cyrillic letters are quiet, and no code page reads one as
    /// a continuation byte; the Ukrainian letters the step may pass are
    /// quiet and lead in no code page; and the step passes exactly the
    /// bytes its definition does, whatever the bytes, in every place, among
    /// ASCII and among small Cyrillic letters, at each width.
    #[test]
    fn plain_cyrillic_letters_are_told_right() {
        let masks = crate::repair::two_byte_masks();
        let (mut plain, mut continuing) = (0, 0);
        for c in '\u{80}'..'\u{800}' {
            let mut pair = [0; 2];
            c.encode_utf8(&mut pair);
            if is_plain_cyrillic_letter(&pair) {
                assert!(is_quiet_char(c) && masks(pair[0], pair[1]).1 == 0, "{c:?}");
                plain += 1;
            }
            if let Some(small) = continuing_cyrillic_letter(&pair) {
                assert!(is_quiet_char(c) && masks(pair[0], pair[1]).0 == 0, "{c:?}");
                assert_eq!(small, c.is_lowercase(), "{c:?}");
                continuing += 1;
            }
            assert_eq!(is_small_cyrillic_letter(&pair), ('а'..='я').contains(&c) || "ёєії".contains(c), "{c:?}");
        }
        assert_eq!(plain, 63, "the Russian alphabet's 66 letters but \"Г\", \"Ё\" and \"ё\"");
        assert_eq!(continuing, 8);
        at_each_width!(plain_cyrillic_stops_agree_with_the_definition_everywhere);
    }

    /// Every pair of bytes in every place of a step, among ASCII and among
    /// small Cyrillic letters (from the step's first byte, and from its
    /// second, after a space: then a letter starts on its last byte), with
    /// every byte a stop and with those from 0x80 up.
    fn plain_cyrillic_stops_agree_with_the_definition_everywhere<L: Steps>(l: L) {
        let letters = |skip: usize| -> Vec<u8> {
            let letters = " ".repeat(skip) + &"н".repeat(L::LANES);
            letters.as_bytes()[..L::LANES + 2].to_vec()
        };
        for filler in [vec![b'a'; L::LANES + 2], letters(0), letters(1)] {
            for place in 0..L::LANES {
                for b0 in 0..=255u8 {
                    for b1 in 0..=255u8 {
                        let mut chunk = filler.clone();
                        chunk[place..place + 2].copy_from_slice(&[b0, b1]);
                        for stops in [l.all(), high_bytes::<L>(&chunk)] {
                            let [step, definition] = plain_cyrillic_answers(l, &chunk, stops);
                            assert_eq!(step, definition, "{b0:02X} {b1:02X} at {place} of {}", L::LANES);
                        }
                    }
                }
            }
        }
    }

    /// A small Ukrainian letter after a small Cyrillic letter is no
    /// evidence to the mojibake scan, whatever stands before the two but an
    /// ASCII letter or digit, and whatever follows them but one: the pair
    /// [`plain_cyrillic_stops`] passes without weighing.
    #[test]
    fn small_ukrainian_letters_after_small_letters_are_no_evidence() {
        let smalls: Vec<char> = ('а'..='я').chain("ёєії".chars()).collect();
        let around: Vec<char> =
            (' '..='~').filter(|c| !c.is_ascii_alphanumeric()).chain(quiet_chars_sampled()).collect();
        let mut asked = 0;
        for &x in &smalls {
            for u in "ёєії".chars() {
                let line = |prev: char, after: char| format!("{prev}{x}{u}{after}");
                for &other in &around {
                    for (prev, after) in [(other, ' '), (other, 'д'), ('д', other), (' ', other)] {
                        let line = line(prev, after);
                        assert!(!crate::repair::neighbours_may_be_evidence(&line, prev.len_utf8()), "{line:?}");
                        asked += 1;
                    }
                }
            }
        }
        assert!(asked > 100_000, "{asked}");
    }

    proptest::proptest! {
        /// Letters side by side, at either offset, among the bytes that
        /// tell them apart.
        #[test]
        fn plain_cyrillic_stops_agree_with_the_definition(
            chunk in proptest::collection::vec(proptest::sample::select(vec![
                b'a', b'Z', b'0', b' ', b'.', 0x80, 0x81, 0x84, 0x87, 0x8f, 0x90, 0x91, 0x93, 0x94, 0x96, 0x97, 0xb0, 0xbf,
                0xc0, 0xd0, 0xd1, 0xd2, 0xe2,
            ]), MAX_STEP),
            stops in proptest::num::u32::ANY,
        ) {
            for [step, definition] in at_each_width!(plain_cyrillic_answers, &chunk, u64::from(stops)) {
                proptest::prop_assert_eq!(step, definition);
            }
        }

        /// Letters, digits and signs side by side, from the first byte of
        /// one or from inside one.
        #[test]
        fn plain_cyrillic_stops_agree_with_the_definition_on_words(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "0", " ", ".", "н", "я", "р", "А", "Г", "і", "ї", "є", "ё", "І", "Ё", "«", "中",
            ]), MAX_STEP),
            skip in 0..2usize,
        ) {
            let bytes = words.concat().into_bytes();
            for [step, definition] in at_each_width!(plain_cyrillic_answers, &bytes[skip..], 0) {
                proptest::prop_assert_eq!(step, definition);
            }
        }
    }

    /// The step's CJK characters are its definition's, whatever the bytes
    /// after a lead from E0 to EF, in every place that matters: the first,
    /// and the last three, whose characters end beyond the step.
    #[test]
    fn unindexed_quiet_characters_are_told_right() {
        at_each_width!(unindexed_quiet_characters_are_told_right_at);
    }

    fn unindexed_quiet_characters_are_told_right_at<L: Steps>(l: L) {
        let lanes = L::LANES;
        for place in [0, lanes - 3, lanes - 2, lanes - 1] {
            for b0 in 0xe0..=0xefu8 {
                for b1 in 0..=255u8 {
                    for b2 in 0..=255u8 {
                        let mut chunk = vec![b'a'; lanes + 2];
                        chunk[place..place + 3].copy_from_slice(&[b0, b1, b2]);
                        let [step, definition] = unindexed_answers(l, &chunk, l.all());
                        assert_eq!(step, definition, "{b0:02X} {b1:02X} {b2:02X} at {place} of {lanes}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// Characters side by side, at every offset, among the bytes that
        /// tell them apart.
        #[test]
        fn unindexed_quiet_stops_agree_with_the_definition(
            chunk in proptest::collection::vec(proptest::sample::select(vec![
                b'a', 0x80, 0x81, 0x82, 0x83, 0x96, 0x97, 0x9e, 0x9f, 0xa0, 0xa3, 0xb0, 0xb8, 0xbc, 0xbd, 0xbf,
                0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe9, 0xea, 0xeb, 0xed, 0xef,
            ]), MAX_STEP),
            stops in proptest::num::u32::ANY,
        ) {
            for [step, definition] in at_each_width!(unindexed_answers, &chunk, u64::from(stops)) {
                proptest::prop_assert_eq!(step, definition);
            }
        }
    }

    #[test]
    fn quiet_chars_are_every_quiet_character() {
        assert!(('\0'..=char::MAX).filter(|&c| is_quiet_char(c)).eq(quiet_chars()));
    }

    #[test]
    fn news_is_quiet_and_what_a_stage_acts_on_is_not() {
        // With each step this processor has, which agree.
        let quiet = |line: &str, ampersands: bool| {
            let answers = looks(line, ampersands);
            assert!(answers.iter().all(|&a| a == answers[0]), "{line:?}: {answers:?}");
            answers[0].is_some()
        };
        assert!(quiet("“Yes,” she said — it’s 5 € a day… for now.", false));
        assert!(quiet("Le président a été élu à Montréal (Québec).", false));
        assert!(quiet("up to 130\u{a0}km/h", false));
        assert!(quiet("Москва — «Известия», № 5, ёлка, їжак", false));
        assert!(quiet("Правительство Российской Федерации утвердило", false));
        // "Г" before a plain letter, in the step and out of it.
        assert!(quiet("Госдума, ГОСДУМА и Гнездо", false));
        assert!(quiet("Гр", false));
        assert!(quiet("东京（共同社）、「はい」と言った。서울 뉴스", false));
        // Spaced unless it holds Han, kana or CJK punctuation, wherever
        // they stand.
        for (line, spaced) in [
            ("서울 뉴스", true),
            ("（한）", true),
            ("한中", false),
            ("한국语", false),
            ("！！国", false),
            ("a中", false),
            // Told by a step alone, with a character that starts on its
            // first byte, and on its last two (of sixteen, of thirty-two).
            ("中文 is written without spaces", false),
            ("abcdefghijklmn中文字", false),
            ("abcdefghijklmno中文字", false),
            ("abcdefghijklmn서울특별시", true),
            ("abcdefghijklmno서울특별시", true),
            ("abcdefghijklmnopqrstuvwxyz0123中文字", false),
            ("abcdefghijklmnopqrstuvwxyz01234中文字", false),
            ("abcdefghijklmnopqrstuvwxyz0123서울특별시", true),
            ("abcdefghijklmnopqrstuvwxyz01234서울특별시", true),
            // Long enough for a step of either width.
            ("서울특별시 뉴스 서울특별시 뉴스", true),
            ("서울특별시 뉴스 서울特別市 뉴스", false),
            ("서울특별시 뉴스 서울특별시 뉴스。", false),
        ] {
            assert!(looks(line, false).iter().all(|&a| a == Some(spaced)), "{line:?}");
        }
        // Side by side, where no code page reads the two as a lead and a
        // continuation byte, or where one does and real text writes them
        // all the time (windows-1250: "ęś" is EA 9C; Mac OS Roman: "’é" is
        // D5 8E; windows-1252: "×\u{a0}" is D7 A0), or where the sequence
        // would be no character real text has (Mac OS Roman: "\u{a0}°" is
        // CA A1, "ʡ"; windows-1252: "à»" at the end is E0 BB, cut short).
        assert!(quiet("«\u{a0}Größe\u{a0}», 5\u{a0}€, Kayseri’de çıkış, São Paulo", false));
        assert!(quiet("Gęś, l’été, “é”, 10\u{a0}×\u{a0}10\u{a0}cm, 20\u{a0}°C, voilà»", false));
        let loud = [
            "AT&T",
            "a space ",
            "a no-break space\u{a0}",
            "soft\u{ad}hyphen",
            "Ã©",
            // "może" read as windows-1252: C5 BC, quiet characters both.
            "moÅ¼e",
            // Windows-1251 C2 A8 ("¨"), Cyrillic capitals glued to Latin
            // letters, after the first two letters of a run.
            "xАВЁy",
            // "и" read as windows-1251 after plain letters: the pair of the
            // last of them and the next is weighed, inside a step, right
            // after it, and where the line is too short for it.
            "прРёвительство",
            "правитеРёльство",
            "приветРё",
            // Windows-1251 D0 AB ("Ы"), the first stop right after the
            // first letter.
            "Р«abcdefghijklmnopq",
            // "Г" before a space leads a lost no-break space in windows-1251.
            "Город Г",
            "Город Г?",
            // "Г" before what is not a plain letter: windows-1251 reads
            // "Гё" as C3 B8, "ø"; "ГГц" is loud by the definition alone.
            "Гёте",
            "ГГц",
            "Город Гёте, ГГц",
            "\u{1}",
            // The ideographic space, and a combining sound mark.
            "東京\u{3000}大阪",
            "か\u{3099}",
            // The same inside a step.
            "東京都と大阪府\u{3000}京都府と奈良県",
            "ひらがなとカタカナか\u{3099}ひらがな",
        ];
        for line in loud {
            assert!(!quiet(line, false), "{line:?}");
        }
        assert!(quiet("AT&T", true));
    }

    /// Ukrainian letters inside a step, at every offset:
    /// passed after ASCII and after small letters, and weighed beside an
    /// ASCII letter or digit, where KOI8-R reads "нё" as "Σ" (CE A3).
    #[test]
    fn ukrainian_letters_are_weighed_where_they_may_be_evidence() {
        at_each_width!(ukrainian_letters_that_need_no_weighing_are_passed);
        for pad in 0..20 {
            let line = |core: &str| format!("{}{core}абвгдежзий", "д".repeat(pad));
            for core in ["ні", "її", "нє", "ї ", " і ", "Іван", ", ї", "щё-"] {
                assert!(
                    looks(&line(core), false).iter().all(Option::is_some) && quiet_by_definition(&line(core), false),
                    "{:?}",
                    line(core)
                );
            }
            for core in ["нё2", "2нё", "Xнё", "нёx"] {
                assert!(!quiet_by_definition(&line(core), false), "{:?}", line(core));
                assert!(looks(&line(core), false).iter().all(Option::is_none), "{:?}", line(core));
            }
        }
    }

    /// The step passes them where they need no weighing, from the fourth
    /// byte on (what stands before the step is not known).
    fn ukrainian_letters_that_need_no_weighing_are_passed<L: Steps>(l: L) {
        for words in ["нінінінінін", "і її і її і її ", "щё щё щё щё щё"] {
            let bytes = words.repeat(2).into_bytes();
            let chunk = &bytes[..L::LANES + 2];
            let ukrainian = (3..L::LANES)
                .fold(0, |s, i| s | u64::from(continuing_cyrillic_letter(&chunk[i..i + 2]).is_some()) << i);
            let passed = !l.plain_cyrillic_stops(chunk, high_bytes::<L>(chunk)).0;
            assert!(ukrainian != 0 && passed & ukrainian == ukrainian, "{words:?}");
        }
    }
}
