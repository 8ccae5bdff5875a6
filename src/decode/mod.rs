//! Decode stage: raw bytes to text.
//!
//! The order of decisions matters: each is cheaper and surer than the next.
//!
//! 1. A **byte-order mark** (UTF-8, UTF-16LE, UTF-16BE) decides, and is
//!    removed. A UTF-32 mark is refused (see below).
//! 2. **`--encoding LABEL`** forces an encoding (a BOM still wins, as in
//!    browsers). Binary files are still refused, except for UTF-16, whose
//!    text is full of zero bytes.
//! 3. **Valid UTF-8** without NUL bytes is taken as it is, borrowed, and
//!    never re-guessed, however much it looks like mojibake: undoing mojibake
//!    is the repair stage's job, with its own evidence. One exception: 7-bit
//!    text with ISO-2022-JP escape sequences (`ESC $ B`) that decodes without
//!    error is ISO-2022-JP, whose bytes are all ASCII.
//! 4. **Zero bytes** (a NUL in the first 64 KB) mean UTF-16, UTF-32 or binary,
//!    never text in an ASCII-compatible encoding. UTF-16 without a BOM is
//!    recognised by reading both byte orders: the right one gives text with
//!    spaces and line breaks, the wrong one surrogates, U+0000 and CJK soup.
//!    (This needs zero bytes, which every UTF-16 text with a space, digit,
//!    Latin letter or line break has.) UTF-32 is recognised the same way and
//!    refused with a message saying how to convert it: encoding_rs does not
//!    decode it, browsers never did, and it is vanishingly rare in scraped
//!    text. Anything else with NUL bytes is binary.
//! 5. **Binary** files without NUL bytes are recognised by their magic number
//!    (PDF, gzip, ZIP, PNG, ...) or by dense control characters, and refused:
//!    they are never written out as garbage. A directory walk skips them
//!    with a warning; a file named on the command line is an error.
//! 6. **Mostly UTF-8**: valid multi-byte UTF-8 at least as common as invalid
//!    runs (concatenated dumps). The valid UTF-8 is kept; only the invalid
//!    runs are decoded, by the policy in [`MOSTLY_UTF8_POLICY`], each recorded
//!    as a `decode/invalid-utf8` change.
//! 7. Anything else is a **legacy encoding**: chardetng guesses it from the
//!    parts of the document that carry evidence (the whole document up to
//!    256 KB; past that, the lines with non-ASCII bytes, up to 256 KB of
//!    them, so an ASCII prefix cannot decide and a 1 GB file costs what a
//!    256 KB one does). Encodings it never returns (ISO-8859-15, ISO-8859-16,
//!    ISO-8859-7 with €, x-mac-cyrillic) are told from its answer by their
//!    telltale bytes; a Latin text it took for Cyrillic because of a few
//!    windows-1252 bytes is read as windows-1252. encoding_rs decodes.
//!
//! Every decision that changed bytes is a [`Change`] whose span indexes the
//! raw input: `decode/bom`, `decode/legacy-encoding` ("decoded as
//! windows-1251 (detected)", "(detected, unsure: only 3 bytes above 0x7F to
//! go on)") and `decode/invalid-utf8`. [`Decoding`] says the same as data.

mod detect;
mod runs;
mod sniff;

use std::borrow::Cow;

use encoding_rs::{Encoding, ISO_2022_JP, UTF_8, UTF_16BE, UTF_16LE};

use crate::change::{Change, rules};

pub use runs::POLICY as MOSTLY_UTF8_POLICY;

rules! {
    /// Rules of the decode stage.
    pub enum Rule {
        /// A byte-order mark was removed from the start of the document.
        Bom => "decode/bom", "a byte-order mark at the start was removed",
        /// The whole document was decoded from an encoding other than UTF-8.
        LegacyEncoding => "decode/legacy-encoding", "the document was not UTF-8 and was decoded from another encoding",
        /// A run of invalid bytes inside otherwise valid UTF-8 was decoded.
        InvalidUtf8 => "decode/invalid-utf8", "bytes that were not valid UTF-8 inside UTF-8 text were decoded run by run",
    }
}

/// Every encoding `--encoding` accepts, by its WHATWG name. Each also has
/// other labels (`latin1` and `iso-8859-1` for windows-1252, `cp1251`,
/// `sjis`, ...): <https://encoding.spec.whatwg.org/#names-and-labels>.
pub const ENCODINGS: &[&Encoding] = &[
    UTF_8,
    UTF_16LE,
    UTF_16BE,
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1251,
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1253,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1255,
    encoding_rs::WINDOWS_1256,
    encoding_rs::WINDOWS_1257,
    encoding_rs::WINDOWS_1258,
    encoding_rs::WINDOWS_874,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_3,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_5,
    encoding_rs::ISO_8859_6,
    encoding_rs::ISO_8859_7,
    encoding_rs::ISO_8859_8,
    encoding_rs::ISO_8859_8_I,
    encoding_rs::ISO_8859_10,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_14,
    encoding_rs::ISO_8859_15,
    encoding_rs::ISO_8859_16,
    encoding_rs::KOI8_R,
    encoding_rs::KOI8_U,
    encoding_rs::IBM866,
    encoding_rs::MACINTOSH,
    encoding_rs::X_MAC_CYRILLIC,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_JP,
    encoding_rs::ISO_2022_JP,
    encoding_rs::GBK,
    encoding_rs::GB18030,
    encoding_rs::BIG5,
    encoding_rs::EUC_KR,
];

/// The names of [`ENCODINGS`], lowercase, comma-separated: for messages.
#[must_use]
pub fn encoding_names() -> String {
    ENCODINGS.iter().map(|e| e.name().to_ascii_lowercase()).collect::<Vec<_>>().join(", ")
}

/// Looks up an encoding by its WHATWG label (`latin1`, `cp1251`, `sjis`, ...).
///
/// # Errors
///
/// [`ConfigError::UnknownEncoding`](crate::ConfigError::UnknownEncoding) when
/// no encoding has that label; its message lists the encodings there are.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, crate::ConfigError> {
    Encoding::for_label_no_replacement(label.trim().as_bytes())
        .ok_or_else(|| crate::ConfigError::UnknownEncoding { label: label.to_owned() })
}

/// Options of the decode stage.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Decode every document with this encoding instead of detecting one
    /// (a byte-order mark still wins). `None` (the default) detects.
    pub encoding: Option<&'static Encoding>,
}

/// How the encoding of a document was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The bytes were valid UTF-8.
    Utf8,
    /// A byte-order mark named the encoding.
    Bom,
    /// The user named the encoding (`--encoding`).
    Forced,
    /// UTF-16 recognised from the pattern of zero bytes.
    Utf16Pattern,
    /// UTF-8 with a few invalid runs, decoded run by run.
    MostlyUtf8,
    /// chardetng guessed the encoding.
    Detected,
}

/// What the decode stage decided for one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Decoding {
    /// The encoding the text was decoded from.
    #[serde(serialize_with = "serialize_encoding")]
    pub encoding: &'static Encoding,
    /// How that encoding was chosen.
    pub method: Method,
    /// Whether the choice is sure. Only detection can be unsure: when the
    /// document has fewer than 8 bytes above 0x7F to judge by (or chardetng
    /// itself says so).
    pub confident: bool,
}

fn serialize_encoding<S: serde::Serializer>(e: &&'static Encoding, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(e.name())
}

impl Decoding {
    /// True when the output bytes equal the input bytes (plain valid UTF-8).
    #[must_use]
    pub fn is_identity(&self) -> bool {
        self.method == Method::Utf8
    }
}

/// Why a document was not decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes look like a binary file, not text.
    #[error("looks like a binary file ({0}); skipped")]
    Binary(&'static str),
    /// UTF-32 text, which is not decoded (see the module docs).
    #[error(
        "looks like {0} text, which textwash does not decode (browsers do not either); convert it first, e.g. `iconv -f {0} -t UTF-8`"
    )]
    Utf32(&'static str),
}

/// The decode stage, built once from [`Options`].
#[derive(Clone, Debug)]
pub struct Decoder {
    forced: Option<&'static Encoding>,
}

impl Decoder {
    /// Builds the stage.
    #[must_use]
    pub fn new(options: &Options) -> Decoder {
        Decoder { forced: options.encoding }
    }

    /// The encoding `--encoding` forces, if any.
    #[must_use]
    pub fn forced(&self) -> Option<&'static Encoding> {
        self.forced
    }

    /// Decodes `bytes`, appending what it did to `changes` (see the module
    /// docs for the order of decisions).
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the input is binary, or UTF-32.
    pub fn decode<'a>(
        &self,
        bytes: &'a [u8],
        changes: &mut Vec<Change>,
    ) -> Result<(Cow<'a, str>, Decoding), DecodeError> {
        if bytes.starts_with(b"\xff\xfe\0\0") && bytes.len().is_multiple_of(4) {
            return Err(DecodeError::Utf32("UTF-32LE"));
        }
        if bytes.starts_with(b"\0\0\xfe\xff") {
            return Err(DecodeError::Utf32("UTF-32BE"));
        }
        if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
            changes.push(decode_change(
                Rule::Bom,
                0..bom_len,
                escape_bytes(&bytes[..bom_len]),
                format!("a {} byte-order mark", encoding.name()),
            ));
            let decoding = Decoding { encoding, method: Method::Bom, confident: true };
            let text = whole(&bytes[bom_len..], bom_len, decoding, "named by its byte-order mark", changes);
            return Ok((text, decoding));
        }
        if let Some(encoding) = self.forced {
            if encoding != UTF_16LE && encoding != UTF_16BE {
                refuse_binary(bytes)?;
            }
            let decoding = Decoding { encoding, method: Method::Forced, confident: true };
            return Ok((whole(bytes, 0, decoding, "forced by --encoding", changes), decoding));
        }
        if sniff::has_nul(bytes) {
            let encoding = utf16_or_refuse(bytes)?;
            let decoding = Decoding { encoding, method: Method::Utf16Pattern, confident: true };
            let how = "no byte-order mark; recognised from its zero bytes";
            return Ok((whole(bytes, 0, decoding, how, changes), decoding));
        }
        if let Some(text) = validate_utf8(bytes) {
            if is_iso_2022_jp(bytes) {
                let decoding = Decoding { encoding: ISO_2022_JP, method: Method::Detected, confident: true };
                let how = "detected: 7-bit text with ISO-2022-JP escape sequences";
                return Ok((whole(bytes, 0, decoding, how, changes), decoding));
            }
            if let Some(reason) = sniff::control_reason(bytes) {
                return Err(DecodeError::Binary(reason));
            }
            return Ok((Cow::Borrowed(text), Decoding { encoding: UTF_8, method: Method::Utf8, confident: true }));
        }
        if let Some(reason) = sniff::binary_reason(bytes) {
            return Err(DecodeError::Binary(reason));
        }
        if runs::is_mostly_utf8(bytes) {
            let decoding = Decoding { encoding: UTF_8, method: Method::MostlyUtf8, confident: true };
            return Ok((Cow::Owned(runs::decode(bytes, 0, changes)), decoding));
        }
        let guess = detect::guess(bytes);
        let decoding = Decoding { encoding: guess.encoding, method: Method::Detected, confident: guess.sure() };
        Ok((whole(bytes, 0, decoding, &guess.describe(), changes), decoding))
    }

    /// Decodes a later part of a document too big to hold whole, as its
    /// first part was decoded (`decoding`, from [`Decoder::decode`] on that
    /// part; the decision and its record belong to the first part). UTF-8
    /// parts with invalid runs are decoded by the mostly-UTF-8 policy, like
    /// any UTF-8 document with stray bytes; `offset` is where the part starts
    /// in the document, for the spans of those records.
    #[must_use]
    pub fn decode_part<'a>(
        &self,
        bytes: &'a [u8],
        offset: usize,
        decoding: Decoding,
        changes: &mut Vec<Change>,
    ) -> Cow<'a, str> {
        if decoding.encoding == UTF_8 {
            return match validate_utf8(bytes) {
                Some(text) => Cow::Borrowed(text),
                None => Cow::Owned(runs::decode(bytes, offset, changes)),
            };
        }
        decoding.encoding.decode_without_bom_handling(bytes).0
    }
}

/// How line breaks look in a document's bytes. A document too big to hold
/// whole is cut into parts at line breaks *before* it is decoded, so the
/// cut must not split a character: in ASCII-compatible encodings (all the
/// ones we decode but UTF-16) byte 0x0A is only ever a line feed; in UTF-16
/// a line feed is two bytes on an even offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breaks {
    /// A line feed is the byte 0x0A.
    Byte,
    /// A line feed is 0x0A 0x00 at an even offset.
    Utf16Le,
    /// A line feed is 0x00 0x0A at an even offset.
    Utf16Be,
}

impl Breaks {
    /// What the start of a document (its byte-order mark, its zero bytes, or
    /// a forced encoding) says its line breaks look like.
    #[must_use]
    pub fn of(start: &[u8], forced: Option<&'static Encoding>) -> Breaks {
        let encoding = match Encoding::for_bom(start) {
            Some((encoding, _)) => Some(encoding),
            None if forced.is_some() => forced,
            None if sniff::has_nul(start) => match sniff::zeros(start) {
                sniff::Zeros::Utf16(encoding) => Some(encoding),
                _ => None,
            },
            None => None,
        };
        match encoding {
            Some(e) if e == UTF_16LE => Breaks::Utf16Le,
            Some(e) if e == UTF_16BE => Breaks::Utf16Be,
            _ => Breaks::Byte,
        }
    }

    /// The offsets just after each line feed in `bytes`, in order.
    pub fn ends(self, bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
        memchr::memchr_iter(b'\n', bytes).filter_map(move |i| self.end_at(bytes, i))
    }

    /// [`Breaks::ends`], the last first: found from the end, as far back
    /// as they are asked for.
    pub fn ends_back(self, bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
        memchr::memrchr_iter(b'\n', bytes).filter_map(move |i| self.end_at(bytes, i))
    }

    /// How many [`Breaks::ends`] `bytes` has; one-byte line feeds are
    /// counted many at a time (memchr's count), not found one by one.
    #[must_use]
    pub fn count(self, bytes: &[u8]) -> usize {
        match self {
            Breaks::Byte => memchr::memchr_iter(b'\n', bytes).count(),
            Breaks::Utf16Le | Breaks::Utf16Be => self.ends(bytes).count(),
        }
    }

    /// Where the line ends whose 0x0A byte is at `i`, if that byte is a
    /// line feed.
    fn end_at(self, bytes: &[u8], i: usize) -> Option<usize> {
        match self {
            Breaks::Byte => Some(i + 1),
            Breaks::Utf16Le => (i.is_multiple_of(2) && bytes.get(i + 1) == Some(&0)).then_some(i + 2),
            Breaks::Utf16Be => (!i.is_multiple_of(2) && bytes[i - 1] == 0).then_some(i + 1),
        }
    }
}

/// Validates UTF-8: the path every UTF-8 document takes, so it is SIMD
/// (simdutf8, which encoding_rs already uses inside): 18 GB/s on
/// multi-byte text where `std::str::from_utf8` does 0.7 (BENCHMARKS.md).
/// `None` when `bytes` are not valid UTF-8.
#[must_use]
pub fn validate_utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// True for 7-bit text that switches to JIS X 0208 with ISO-2022-JP escape
/// sequences and decodes without error: that is ISO-2022-JP, whose bytes are
/// all ASCII and so also valid UTF-8. (ANSI colour codes start `ESC [`.)
fn is_iso_2022_jp(bytes: &[u8]) -> bool {
    let probe = sniff::probe(bytes);
    memchr::memmem::find(probe, b"\x1b$B").or_else(|| memchr::memmem::find(probe, b"\x1b$@")).is_some()
        && bytes.is_ascii()
        && ISO_2022_JP.decode_without_bom_handling_and_without_replacement(bytes).is_some()
}

/// Refuses binary input and UTF-32 when an encoding is forced: NUL bytes,
/// a binary format's magic number, dense control characters.
fn refuse_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    if sniff::has_nul(bytes) {
        return utf16_or_refuse(bytes).map(drop);
    }
    sniff::binary_reason(bytes).map_or(Ok(()), |reason| Err(DecodeError::Binary(reason)))
}

/// What bytes with NUL bytes are: UTF-16 in some byte order, or refused.
fn utf16_or_refuse(bytes: &[u8]) -> Result<&'static Encoding, DecodeError> {
    if let Some(format) = sniff::magic(bytes) {
        return Err(DecodeError::Binary(format));
    }
    match sniff::zeros(bytes) {
        sniff::Zeros::Utf16(encoding) => Ok(encoding),
        sniff::Zeros::Utf32 { little_endian: true } => Err(DecodeError::Utf32("UTF-32LE")),
        sniff::Zeros::Utf32 { little_endian: false } => Err(DecodeError::Utf32("UTF-32BE")),
        sniff::Zeros::Binary => Err(DecodeError::Binary("it contains NUL bytes")),
    }
}

/// Decodes all of `bytes` (which start at `offset` in the input) as
/// `decoding` says, and records it, saying `how` the encoding was chosen,
/// when that was not plain UTF-8.
fn whole<'a>(bytes: &'a [u8], offset: usize, decoding: Decoding, how: &str, changes: &mut Vec<Change>) -> Cow<'a, str> {
    let encoding = decoding.encoding;
    if encoding == UTF_8 && decoding.method == Method::Bom {
        // UTF-8 with a BOM is still UTF-8 text that may carry stray bytes.
        return match validate_utf8(bytes) {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(runs::decode(bytes, offset, changes)),
        };
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if encoding == UTF_8 && !had_errors {
        return text;
    }
    let errors = if had_errors { "; bytes invalid in it became U+FFFD" } else { "" };
    changes.push(decode_change(
        Rule::LegacyEncoding,
        offset..offset + bytes.len(),
        String::new(),
        format!("decoded as {} ({how}){errors}", encoding.name()),
    ));
    text
}

fn decode_change(rule: Rule, span: std::ops::Range<usize>, before: String, reason: String) -> Change {
    Change {
        rule: crate::Rule::Decode(rule),
        span: span.into(),
        before: before.into(),
        after: crate::change::CompactString::default(),
        reason: reason.into(),
        plan: crate::repair::Plan::Borrowed(&[]),
    }
}

/// Renders raw bytes as `\xHH` escapes, for the `before` of decode changes.
fn escape_bytes(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 4), |mut s, b| {
        let _ = write!(s, "\\x{b:02X}");
        s
    })
}

/// Decodes one line of JSON Lines, which is UTF-8 by definition: invalid runs
/// are decoded by [`MOSTLY_UTF8_POLICY`], with spans into the line.
pub(crate) fn decode_line(line: &[u8], changes: &mut Vec<Change>) -> String {
    runs::decode(line, 0, changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Span;

    fn decode_with(options: &Options, bytes: &[u8]) -> Result<(String, Decoding, Vec<Change>), DecodeError> {
        let mut changes = Vec::new();
        let (text, decoding) = Decoder::new(options).decode(bytes, &mut changes)?;
        Ok((text.into_owned(), decoding, changes))
    }

    fn decode(bytes: &[u8]) -> (String, Decoding, Vec<Change>) {
        decode_with(&Options::default(), bytes).expect("decodes")
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn valid_utf8_is_borrowed_and_never_guessed() {
        let bytes = "Ã© looks like mojibake but is valid UTF-8".as_bytes();
        let mut changes = Vec::new();
        let (text, decoding) = Decoder::new(&Options::default()).decode(bytes, &mut changes).unwrap();
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(decoding.method, Method::Utf8);
        assert!(changes.is_empty());
    }

    #[test]
    fn bom_decides_and_is_removed() {
        let bytes = [&b"\xff\xfe"[..], &utf16le("Grüße")].concat();
        let (text, decoding, changes) = decode(&bytes);
        assert_eq!(text, "Grüße");
        assert_eq!((decoding.encoding, decoding.method), (UTF_16LE, Method::Bom));
        let found: Vec<_> = changes.iter().map(|c| (c.rule.id(), c.span, c.reason.as_ref())).collect();
        assert_eq!(
            found,
            [
                ("decode/bom", Span::new(0, 2), "a UTF-16LE byte-order mark"),
                ("decode/legacy-encoding", Span::new(2, 12), "decoded as UTF-16LE (named by its byte-order mark)"),
            ]
        );
    }

    #[test]
    fn a_utf8_bom_keeps_the_text_borrowed_and_stray_bytes_are_decoded() {
        let (text, _, changes) = decode(b"\xef\xbb\xbfcaf\xc3\xa9");
        assert_eq!((text.as_str(), changes.len()), ("café", 1));
        let (text, _, changes) = decode(b"\xef\xbb\xbfcaf\xc3\xa9 and caf\xe9");
        assert_eq!(text, "café and café");
        assert_eq!(changes[1].span, Span::new(16, 17), "spans index the raw input, BOM included");
    }

    #[test]
    fn utf16_without_bom_is_recognised_from_zero_bytes() {
        let bytes: Vec<u8> = "The committee met on Tuesday.".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let (text, decoding, changes) = decode(&bytes);
        assert_eq!(text, "The committee met on Tuesday.");
        assert_eq!((decoding.encoding, decoding.method), (UTF_16BE, Method::Utf16Pattern));
        assert_eq!(changes[0].reason, "decoded as UTF-16BE (no byte-order mark; recognised from its zero bytes)");
    }

    #[test]
    fn utf32_is_refused_with_a_way_out() {
        let le: Vec<u8> = "\u{feff}Hello\n".chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        let be: Vec<u8> = "Hello\n".chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        assert_eq!(decode_with(&Options::default(), &le).unwrap_err(), DecodeError::Utf32("UTF-32LE"));
        let error = decode_with(&Options::default(), &be).unwrap_err();
        assert_eq!(error, DecodeError::Utf32("UTF-32BE"));
        assert!(error.to_string().contains("iconv -f UTF-32BE -t UTF-8"), "{error}");
    }

    #[test]
    fn legacy_text_is_detected_and_recorded() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("Правительство объявило о новых мерах поддержки экономики и бизнеса.");
        let (text, decoding, changes) = decode(&bytes);
        assert_eq!(text, "Правительство объявило о новых мерах поддержки экономики и бизнеса.");
        assert_eq!(
            (decoding.encoding, decoding.method, decoding.confident),
            (encoding_rs::WINDOWS_1251, Method::Detected, true)
        );
        assert_eq!(changes[0].rule.id(), "decode/legacy-encoding");
        assert_eq!(changes[0].reason, "decoded as windows-1251 (detected)");
    }

    #[test]
    fn iso_2022_jp_is_7_bit_and_still_decoded() {
        let (bytes, _, _) = ISO_2022_JP.encode("東京で大雪。\n");
        assert!(std::str::from_utf8(&bytes).is_ok());
        let (text, decoding, _) = decode(&bytes);
        assert_eq!((text.as_str(), decoding.encoding), ("東京で大雪。\n", ISO_2022_JP));
        let ansi = b"\x1b[1mbold\x1b[0m\n";
        assert_eq!(decode(ansi).1.method, Method::Utf8, "ANSI colour codes are not ISO-2022-JP");
    }

    #[test]
    fn invalid_runs_in_utf8_are_decoded_alone() {
        let (text, decoding, changes) = decode(b"na\xc3\xafve caf\xe9 cr\xc3\xa8me \xe0 la");
        assert_eq!(text, "naïve café crème à la");
        assert_eq!(decoding.method, Method::MostlyUtf8);
        let spans: Vec<_> = changes.iter().map(|c| (c.span, c.before.as_str(), c.after.as_str())).collect();
        assert_eq!(spans, [(Span::new(10, 11), "\\xE9", "é"), (Span::new(19, 20), "\\xE0", "à")]);
    }

    #[test]
    fn forcing_decides_but_binary_is_still_refused() {
        let koi8 = Options { encoding: Some(encoding_rs::KOI8_R) };
        let (text, decoding, changes) = decode_with(&koi8, b"\xf0\xd2\xc9\xd7\xc5\xd4").unwrap();
        assert_eq!((text.as_str(), decoding.method), ("Привет", Method::Forced));
        assert_eq!(changes[0].reason, "decoded as KOI8-R (forced by --encoding)");
        assert!(decode_with(&koi8, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_err());
        let utf8 = Options { encoding: Some(UTF_8) };
        let (text, _, changes) = decode_with(&utf8, b"caf\xe9").unwrap();
        assert_eq!(text, "caf\u{fffd}", "forced UTF-8 is decoded as UTF-8, not guessed");
        assert!(changes[0].reason.ends_with("bytes invalid in it became U+FFFD"), "{}", changes[0].reason);
        let utf16 = Options { encoding: Some(UTF_16LE) };
        assert_eq!(decode_with(&utf16, &utf16le("Grüße")).unwrap().0, "Grüße", "UTF-16 is not binary");
    }

    #[test]
    fn binary_is_refused() {
        let decoder = Decoder::new(&Options::default());
        let refused = |bytes: &[u8]| decoder.decode(bytes, &mut Vec::new()).unwrap_err().to_string();
        assert_eq!(refused(b"\x89PNG\r\n\x1a\n\0\0\0"), "looks like a binary file (a PNG image); skipped");
        assert_eq!(refused(b"\x1f\x8b\x08\x08\xfe\xa1"), "looks like a binary file (gzip data); skipped");
        assert_eq!(
            refused(b"text\0with a NUL byte in it"),
            "looks like a binary file (it contains NUL bytes); skipped"
        );
        let controls =
            b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19 and some text";
        assert!(refused(controls).contains("control characters"));
    }

    proptest::proptest! {
        /// Any bytes: no panic; decode changes sorted, apart and inside the
        /// input; and the output, decoded again, is plain UTF-8 (idempotent).
        #[test]
        fn any_bytes_decode_to_stable_text(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            let decoder = Decoder::new(&Options::default());
            let mut changes = Vec::new();
            if let Ok((text, _)) = decoder.decode(&bytes, &mut changes) {
                let mut end = 0;
                for change in changes.iter().filter(|c| !c.before.is_empty()) {
                    proptest::prop_assert!(change.span.start >= end && change.span.end <= bytes.len(), "{changes:?}");
                    end = change.span.end;
                }
                let mut again = Vec::new();
                let (text_again, decoding) = decoder.decode(text.as_bytes(), &mut again).expect("decoded text decodes");
                proptest::prop_assert_eq!(decoding.method, Method::Utf8);
                proptest::prop_assert_eq!(text_again.as_ref(), text.as_ref());
            }
        }

        /// Text in a legacy encoding with a few stray bytes never panics and
        /// keeps every ASCII letter.
        #[test]
        fn mixed_text_keeps_its_ascii(words in proptest::collection::vec("[a-zA-Z]{1,8}|[а-яё]{1,8}|[à-ÿ]{1,4}", 1..40), stray in proptest::collection::vec(0x80u8..=0xff, 0..4)) {
            let text = words.join(" ");
            let mut bytes = text.clone().into_bytes();
            bytes.extend_from_slice(&stray);
            let mut changes = Vec::new();
            let (decoded, _) = Decoder::new(&Options::default()).decode(&bytes, &mut changes).expect("text");
            let ascii = |s: &str| s.chars().filter(char::is_ascii_alphabetic).collect::<String>();
            proptest::prop_assert_eq!(ascii(&decoded), ascii(&text));
        }
    }

    #[test]
    fn every_listed_encoding_is_its_own_label() {
        for encoding in ENCODINGS {
            assert_eq!(encoding_for_label(&encoding.name().to_ascii_lowercase()).ok(), Some(*encoding));
        }
        let message = encoding_for_label("klingon").unwrap_err().to_string();
        assert!(message.starts_with("unknown encoding label \"klingon\"; use a WHATWG encoding name: utf-8, utf-16le"));
        assert!(message.contains("windows-1251") && message.contains("shift_jis") && message.contains("latin1"));
    }
}
