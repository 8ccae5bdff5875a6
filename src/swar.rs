//! Eight bytes at a time: tests of every byte of a `u64` at once, for the
//! per-line looks every line of a corpus goes through (the quiet look,
//! normalize's scan, strip's word count). Each gives 0x80 in the bytes that
//! pass and 0 in the others, exact for every byte: no sum or difference
//! below carries or borrows from one byte into the next.

/// 0x01 in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every byte: the bit each test sets.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bytes of `word` equal to `b`.
#[inline]
pub(crate) fn equal(word: u64, b: u8) -> u64 {
    // The zero bytes of `word ^ b`: their low seven bits plus 0x7F reach
    // 0x80 unless they are 0.
    let x = word ^ (ONES * u64::from(b));
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// The ASCII bytes of `word` below `n` (at most 0x80); what it says of the
/// bytes from 0x80 up means nothing.
#[inline]
pub(crate) fn ascii_below(word: u64, n: u8) -> u64 {
    // With its high bit set, a byte less `n` never borrows from the next,
    // and keeps the high bit unless it was below `n`.
    !((word | HIGH) - ONES * u64::from(n)) & HIGH
}

/// The bytes of `word` that are not printable ASCII (0x20–0x7E).
#[inline]
pub(crate) fn unprintable(word: u64) -> u64 {
    let low = word & !HIGH;
    // A byte's low seven bits plus 1 reach 0x80 only from 0x7F (DEL); plus
    // 0x60, from 0x20 (the space) up.
    let high_or_del = (word | (low + ONES)) & HIGH;
    let below_space = !(low + ONES * 0x60) & HIGH;
    high_or_del | below_space
}

/// How many bytes `marks` marks (0x80 in each, 0 in the others, as the
/// tests above give): a multiplication that adds the eight up in the top
/// byte. `count_ones` is no cheaper on the baseline x86-64 target, which
/// has no POPCNT instruction: its fallback was a third of strip's per-line
/// work on Latin-script news (`perf annotate`).
#[inline]
pub(crate) fn count(marks: u64) -> usize {
    ((marks >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// From `at`, steps eight bytes at a time over the bytes `marks` leaves
/// unmarked (it gives 0x80 in the bytes it marks, as the tests above do),
/// and returns where the first marked byte is; or, when fewer than eight
/// bytes are left before one, where those start, for the caller to go
/// through one by one. The run-skipping loop of normalize's scan and the
/// NFC quick check (the quiet look writes it out; see there why).
#[inline(always)]
pub(crate) fn skip_unmarked(bytes: &[u8], mut at: usize, marks: impl Fn(u64) -> u64) -> usize {
    while let Some(chunk) = bytes[at..].first_chunk::<8>() {
        let marked = marks(u64::from_le_bytes(*chunk));
        if marked != 0 {
            return at + marked.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    at
}

/// `test` (a word-wide test, as the ones above) against `expected` (for
/// each byte, whether it is marked; `None` when it does not matter) for
/// every byte in every place of a word filled with each of `fillers`. The
/// stages' own word-wide tests are checked with it too.
#[cfg(test)]
pub(crate) fn check_every_byte(fillers: &[u8], test: impl Fn(u64) -> u64, expected: impl Fn(u8) -> Option<bool>) {
    for &filler in fillers {
        for b in 0..=255u8 {
            for place in 0..8 {
                let mut bytes = [filler; 8];
                bytes[place] = b;
                let got = test(u64::from_le_bytes(bytes));
                for (k, &byte) in bytes.iter().enumerate() {
                    if let Some(expected) = expected(byte) {
                        assert_eq!(got >> (8 * k + 7) & 1 == 1, expected, "{bytes:?}, byte {k}");
                    }
                }
                assert_eq!(got & !HIGH, 0, "{bytes:?}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Among printable bytes, controls and bytes from 0x80 up.
    fn check(test: impl Fn(u64) -> u64, expected: impl Fn(u8) -> Option<bool>) {
        check_every_byte(&[b'a', b'&', b' ', b'~', 0x1f, 0x7f, 0x80, 0xff], test, expected);
    }

    #[test]
    fn each_test_marks_exactly_its_bytes() {
        check(|w| equal(w, b'&'), |b| Some(b == b'&'));
        check(|w| equal(w, 0xc2), |b| Some(b == 0xc2));
        for n in [0x20, 0x21] {
            check(|w| ascii_below(w, n), |b| b.is_ascii().then_some(b < n));
        }
        check(unprintable, |b| Some(!(0x20..=0x7e).contains(&b)));
    }

    #[test]
    fn count_counts_every_set_of_marks() {
        for set in 0..=255u64 {
            let marks = (0..8).filter(|k| set >> k & 1 == 1).fold(0, |m, k| m | 0x80 << (8 * k));
            assert_eq!(count(marks), set.count_ones() as usize, "{marks:016x}");
        }
    }

    /// It stops at the first marked byte when a whole step holds it, and
    /// else where fewer than eight bytes are left, from any start.
    #[test]
    fn skip_unmarked_stops_at_the_first_marked_byte_or_the_tail() {
        for len in 0..26 {
            for marked in (0..len).map(Some).chain([None]) {
                let mut bytes = vec![b'a'; len];
                if let Some(m) = marked {
                    bytes[m] = 0xff;
                }
                for from in 0..=len {
                    let tail = from + (len - from) / 8 * 8;
                    let expected = match marked {
                        Some(m) if m >= from && m < tail => m,
                        _ => tail,
                    };
                    assert_eq!(skip_unmarked(&bytes, from, |w| w & HIGH), expected, "{len} {marked:?} {from}");
                }
            }
        }
    }
}
