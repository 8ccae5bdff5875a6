//! Looking at bytes before decoding them: binary files, and UTF-16 or UTF-32
//! without a byte-order mark, all of which show themselves by their zero
//! bytes and control characters.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How many leading bytes are examined. Text files do not hide NUL bytes
/// deep inside, binary formats show them early, and UTF-16 text has its zero
/// bytes everywhere.
pub(super) const PROBE: usize = 64 * 1024;

/// What the zero bytes of a document say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Zeros {
    /// UTF-16 text in this byte order.
    Utf16(&'static Encoding),
    /// UTF-32 text (little-endian when true), which encoding_rs, like the
    /// WHATWG Encoding Standard, does not decode.
    Utf32 { little_endian: bool },
    /// Not text.
    Binary,
}

/// The first [`PROBE`] bytes.
pub(super) fn probe(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(PROBE)]
}

/// True when the probe has a NUL byte: the document is UTF-16, UTF-32 or
/// binary, never text in an ASCII-compatible encoding.
pub(super) fn has_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, probe(bytes)).is_some()
}

/// Decides what a document with NUL bytes is (see [`has_nul`]).
///
/// Text in UTF-32 or UTF-16 decodes, in the right byte order, to code points
/// without U+0000, without unpaired surrogates and with hardly any control
/// characters; read in the wrong byte order, the spaces and line breaks that
/// every text has become U+2000 and U+0A00, and letters become surrogates or
/// U+0000. Binary data fails all of these.
pub(super) fn zeros(bytes: &[u8]) -> Zeros {
    if bytes.len().is_multiple_of(4) {
        for little_endian in [true, false] {
            if text_like(utf32_units(probe(bytes), little_endian)) {
                return Zeros::Utf32 { little_endian };
            }
        }
    }
    let candidates = [(UTF_16LE, utf16_score(probe(bytes), true)), (UTF_16BE, utf16_score(probe(bytes), false))];
    match candidates {
        [(le, Some(a)), (_, Some(b))] if a >= b => Zeros::Utf16(le),
        [(le, Some(_)), (_, None)] => Zeros::Utf16(le),
        [_, (be, Some(_))] => Zeros::Utf16(be),
        _ => Zeros::Binary,
    }
}

fn utf32_units(bytes: &[u8], little_endian: bool) -> impl Iterator<Item = Option<char>> + '_ {
    bytes.chunks_exact(4).map(move |b| {
        let b = [b[0], b[1], b[2], b[3]];
        char::from_u32(if little_endian { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    })
}

/// Reads `bytes` as UTF-16 in one byte order. `None` when that cannot be
/// text; otherwise how many white-space characters it has (spaces, line
/// breaks, ideographic spaces), which is what tells the right byte order from
/// the wrong one.
fn utf16_score(bytes: &[u8], little_endian: bool) -> Option<usize> {
    let units = bytes
        .chunks_exact(2)
        .map(|b| if little_endian { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) });
    let chars: Vec<Option<char>> = char::decode_utf16(units).map(Result::ok).collect();
    // The probe may cut a surrogate pair in two.
    let chars = match chars.split_last() {
        Some((None, rest)) if bytes.len() == PROBE => rest,
        _ => &chars[..],
    };
    if !text_like(chars.iter().copied()) {
        return None;
    }
    let spaces = chars.iter().filter(|c| matches!(c, Some('\t' | '\n' | '\r' | ' ' | '\u{3000}'))).count();
    (spaces > 0).then_some(spaces)
}

/// True when decoded characters look like text: every unit a character,
/// none U+0000, and at most one in 64 a control character other than white
/// space.
fn text_like(chars: impl Iterator<Item = Option<char>>) -> bool {
    let (mut total, mut controls) = (0usize, 0usize);
    for c in chars {
        let Some(c) = c else { return false };
        match c {
            '\0' => return false,
            '\t' | '\n' | '\r' | '\u{c}' => {}
            c if c.is_control() => controls += 1,
            _ => {}
        }
        total += 1;
    }
    total > 0 && controls * 64 <= total
}

/// Why a document without NUL bytes looks binary, if it does: a known binary
/// format's magic number, or dense control characters. Only asked of bytes
/// that are not valid UTF-8, except the control check: valid UTF-8 that
/// starts with "GIF89a" is a text about GIF files.
pub(super) fn binary_reason(bytes: &[u8]) -> Option<&'static str> {
    magic(bytes).or_else(|| control_reason(bytes))
}

/// The binary format whose magic number `bytes` start with, if any.
pub(super) fn magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x1f\x8b", "gzip data"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"\x7fELF", "an executable"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
        (b"OggS", "Ogg media"),
        (b"\x1a\x45\xdf\xa3", "Matroska or WebM media"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what);
    }
    (bytes.starts_with(b"BZh") && bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b))).then_some("bzip2 data")
}

/// "more than 10% of its bytes are control characters", when they are (and
/// at least four: a short text with a stray control is still text, and
/// decoding, which never adds a control character, cannot make it binary).
/// Tab, line breaks, form feed and escape (ANSI colours in logs) are text.
pub(super) fn control_reason(bytes: &[u8]) -> Option<&'static str> {
    let probe = probe(bytes);
    // Every control, less those that are text: a count without branches,
    // which the compiler runs many bytes at a time (twice as fast as a
    // filter on a small document, and a batch reads every one of them),
    // in a byte per lane for up to 255 bytes (sixteen bytes to a step,
    // against four when each lane counted in 32 bits). The text controls
    // are all below 0x20, so no term goes below zero.
    let controls: usize = probe
        .chunks(255)
        .map(|chunk| {
            let count = chunk.iter().fold(0u8, |n, &b| {
                n + (u8::from(b < 0x20 || b == 0x7f) - u8::from(matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)))
            });
            usize::from(count)
        })
        .sum();
    (controls >= 4 && controls * 10 > probe.len()).then_some("more than 10% of its bytes are control characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if little_endian { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    }

    #[test]
    fn utf16_in_any_script_is_recognised_in_either_byte_order() {
        for text in [
            "The committee met on Tuesday.\n",
            "Правительство объявило о мерах.\n",
            "東京で大雪、交通に乱れ。\n",
            "ß Ø Þ\n",
        ] {
            assert!(has_nul(&utf16(text, true)), "{text}");
            assert_eq!(zeros(&utf16(text, true)), Zeros::Utf16(UTF_16LE), "{text}");
            assert_eq!(zeros(&utf16(text, false)), Zeros::Utf16(UTF_16BE), "{text}");
        }
    }

    #[test]
    fn utf32_is_recognised() {
        let le: Vec<u8> = "Hello, world\n".chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        let be: Vec<u8> = "Привет, мир\n".chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        assert_eq!(zeros(&le), Zeros::Utf32 { little_endian: true });
        assert_eq!(zeros(&be), Zeros::Utf32 { little_endian: false });
    }

    #[test]
    fn binary_with_zero_bytes_is_binary() {
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0".to_vec();
        elf.extend_from_slice(&[0; 64]);
        assert_eq!(zeros(&elf), Zeros::Binary);
        let counters: Vec<u8> = (0u16..400).flat_map(u16::to_le_bytes).collect();
        assert_eq!(zeros(&counters), Zeros::Binary, "small integers are control characters in UTF-16");
    }

    #[test]
    fn magic_numbers_and_control_characters() {
        assert_eq!(binary_reason(b"\x89PNG\r\n\x1a\n...."), Some("a PNG image"));
        assert_eq!(binary_reason(b"BZh91AY&SY"), Some("bzip2 data"));
        assert_eq!(binary_reason(b"BZh is not a word"), None);
        assert!(
            binary_reason(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15 and then some text")
                .is_some()
        );
        assert_eq!(binary_reason(b"\x1b[1mbold\x1b[0m and plain text, as in a log file, with \t tabs"), None);
    }

    #[test]
    fn each_byte_is_a_control_or_text_as_the_rule_says() {
        for b in 0..=u8::MAX {
            let binary = (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f;
            assert_eq!(control_reason(&[b; 8]).is_some(), binary, "byte {b:#04x}");
            // At most one in ten is still text.
            let mut text = vec![b'a'; 40];
            text[..4].fill(b);
            assert!(control_reason(&text).is_none(), "byte {b:#04x} in text");
        }
    }

    proptest::proptest! {
        /// The count, 255 bytes at a time, is the count, wherever the
        /// controls fall.
        #[test]
        fn controls_are_counted_as_one_by_one(
            bytes in proptest::collection::vec(proptest::prop_oneof![proptest::num::u8::ANY, proptest::strategy::Just(0x01)], 0..1200),
        ) {
            let controls = bytes
                .iter()
                .filter(|&&b| (b < 0x20 || b == 0x7f) && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
                .count();
            proptest::prop_assert_eq!(control_reason(&bytes).is_some(), controls >= 4 && controls * 10 > bytes.len());
        }
    }

    #[test]
    fn full_pieces_count_every_control_and_only_the_probe_counts() {
        // More in a row than a piece of the count holds, among 2,000
        // letters: every piece full.
        let mut bytes = vec![0x01; 300];
        bytes.extend([b'a'; 2000]);
        assert!(control_reason(&bytes).is_some());
        bytes.extend([b'a'; 800]);
        assert!(control_reason(&bytes).is_none());
        // Controls past the probe are not read.
        let mut bytes = vec![b'a'; PROBE];
        bytes.extend([0x01; 20_000]);
        assert!(control_reason(&bytes).is_none());
    }
}
