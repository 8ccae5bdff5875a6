//! Decode stage: raw bytes to text.
//!
//! The order of decisions matters, and each one is cheaper and surer than the
//! next:
//!
//! 1. A byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides; it is removed.
//! 2. `--encoding LABEL` forces an encoding (a BOM still wins, as in browsers).
//! 3. UTF-16 without a BOM is recognised from the pattern of zero bytes.
//! 4. Binary files (magic numbers, NUL bytes, dense control characters) are
//!    refused: they are never written out as garbage.
//! 5. Valid UTF-8 is taken as is and never re-guessed.
//! 6. Text that is UTF-8 with a few invalid runs (concatenated dumps) keeps its
//!    valid UTF-8; only each invalid run is decoded (see [`MOSTLY_UTF8_POLICY`]).
//! 7. Anything else goes to chardetng, fed the whole document, and is decoded
//!    with encoding_rs.
//!
//! Every decision that changed bytes is recorded as a [`Change`] whose span
//! indexes the raw input.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::change::{Change, Span, rules};

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

/// How runs of invalid bytes inside mostly-UTF-8 text are decoded, and why.
///
/// Concatenated dumps mix a few lines from Western legacy pages into UTF-8
/// text. Those stray bytes are, overwhelmingly, windows-1252 (which is also
/// what WHATWG browsers use for ISO-8859-1 labels). windows-1252 as encoding_rs
/// implements it maps every byte to a character, so nothing is lost: a wrong
/// guess is still reversible and shows up in the change list.
pub const MOSTLY_UTF8_POLICY: &str = "each invalid run is decoded as windows-1252";

/// Looks up an encoding by its WHATWG label (`latin1`, `cp1251`, `sjis`, ...).
///
/// # Errors
///
/// [`ConfigError::UnknownEncoding`](crate::ConfigError::UnknownEncoding) when
/// no encoding has that label.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, crate::ConfigError> {
    Encoding::for_label_no_replacement(label.trim().as_bytes())
        .ok_or_else(|| crate::ConfigError::UnknownEncoding { label: label.to_owned() })
}

/// Options of the decode stage.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Decode every document with this encoding instead of detecting one
    /// (a byte-order mark still wins). `None` detects.
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
    /// Whether the choice is sure. Only detection can be unsure: chardetng
    /// says so when its guess did not beat any other candidate.
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
}

/// The decode stage, built once from [`Options`].
#[derive(Clone, Debug)]
pub struct Decoder {
    forced: Option<&'static Encoding>,
}

/// How many leading bytes are examined for binary content. Text files do not
/// hide NUL bytes deep inside; binary formats show them early.
const BINARY_PROBE: usize = 64 * 1024;

impl Decoder {
    /// Builds the stage.
    #[must_use]
    pub fn new(options: &Options) -> Decoder {
        Decoder { forced: options.encoding }
    }

    /// Decodes `bytes`, appending what it did to `changes`.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Binary`] when the input is not text.
    pub fn decode<'a>(
        &self,
        bytes: &'a [u8],
        changes: &mut Vec<Change>,
    ) -> Result<(Cow<'a, str>, Decoding), DecodeError> {
        if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
            changes.push(decode_change(
                Rule::Bom,
                0..bom_len,
                escape_bytes(&bytes[..bom_len]),
                format!("a {} byte-order mark", encoding.name()),
            ));
            let decoding = Decoding { encoding, method: Method::Bom, confident: true };
            return Ok((self.whole(encoding, &bytes[bom_len..], bom_len, decoding, changes), decoding));
        }
        if let Some(encoding) = self.forced {
            let decoding = Decoding { encoding, method: Method::Forced, confident: true };
            return Ok((self.whole(encoding, bytes, 0, decoding, changes), decoding));
        }
        if let Some(encoding) = utf16_without_bom(bytes) {
            let decoding = Decoding { encoding, method: Method::Utf16Pattern, confident: true };
            return Ok((self.whole(encoding, bytes, 0, decoding, changes), decoding));
        }
        if let Some(reason) = binary_reason(bytes) {
            return Err(DecodeError::Binary(reason));
        }
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Ok((Cow::Borrowed(text), Decoding { encoding: UTF_8, method: Method::Utf8, confident: true }));
        }
        if is_mostly_utf8(bytes) {
            let decoding = Decoding { encoding: UTF_8, method: Method::MostlyUtf8, confident: true };
            return Ok((Cow::Owned(decode_invalid_runs(bytes, changes)), decoding));
        }
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        let (encoding, confident) = detector.guess_assess(None, false);
        let decoding = Decoding { encoding, method: Method::Detected, confident };
        Ok((self.whole(encoding, bytes, 0, decoding, changes), decoding))
    }

    /// Decodes all of `bytes` (which start at `offset` in the input) with
    /// `encoding` and records it when that was not plain UTF-8.
    fn whole<'a>(
        &self,
        encoding: &'static Encoding,
        bytes: &'a [u8],
        offset: usize,
        decoding: Decoding,
        changes: &mut Vec<Change>,
    ) -> Cow<'a, str> {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if encoding != UTF_8 {
            let how = match decoding.method {
                Method::Bom => "named by its byte-order mark",
                Method::Forced => "forced by --encoding",
                Method::Utf16Pattern => "recognised from its zero bytes",
                Method::Detected if decoding.confident => "detected",
                _ => "detected, unsure",
            };
            let errors = if had_errors { "; bytes invalid in it became U+FFFD" } else { "" };
            changes.push(decode_change(
                Rule::LegacyEncoding,
                offset..offset + bytes.len(),
                String::new(),
                format!("decoded as {} ({how}){errors}", encoding.name()),
            ));
        } else if had_errors {
            // Only reachable with a UTF-8 BOM or a forced UTF-8 label: keep the
            // valid text and decode the invalid runs like any mostly-UTF-8 text.
            let start = changes.len();
            let text = decode_invalid_runs(bytes, changes);
            for change in &mut changes[start..] {
                change.span = Span::new(change.span.start + offset, change.span.end + offset);
            }
            return Cow::Owned(text);
        }
        text
    }
}

fn decode_change(rule: Rule, span: std::ops::Range<usize>, before: String, reason: String) -> Change {
    Change {
        rule: crate::Rule::Decode(rule),
        span: span.into(),
        before,
        after: String::new(),
        reason: reason.into(),
        plan: Vec::new(),
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

/// UTF-16 without a BOM, recognised when text in the Latin range leaves zero
/// bytes in every other position. Text in other scripts has too few zeros to
/// be sure, and is left to detection.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let probe = &bytes[..bytes.len().min(4096) & !1];
    if probe.len() < 4 {
        return None;
    }
    let pairs = probe.len() / 2;
    let zero_even = probe.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = probe.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let encoding = if zero_odd * 10 >= pairs * 4 && zero_even * 20 <= pairs {
        UTF_16LE
    } else if zero_even * 10 >= pairs * 4 && zero_odd * 20 <= pairs {
        UTF_16BE
    } else {
        return None;
    };
    // Confirm: the probe must decode without errors (a lone surrogate or an
    // odd tail would show that the zero pattern was a coincidence).
    let (_, had_errors) = encoding.decode_without_bom_handling(probe);
    (!had_errors).then_some(encoding)
}

/// Why `bytes` look binary, if they do.
fn binary_reason(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x1f\x8b", "gzip data"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"\x7fELF", "an executable"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what);
    }
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if memchr::memchr(0, probe).is_some() {
        return Some("it contains NUL bytes");
    }
    let controls = probe.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    (probe.len() >= 32 && controls * 10 > probe.len()).then_some("more than 10% of its bytes are control characters")
}

/// True when invalid bytes are rare next to valid multi-byte UTF-8: the text
/// is UTF-8 with damage, not a legacy encoding (which yields almost no valid
/// multi-byte sequences by accident).
fn is_mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid_multibyte > 0 && valid_multibyte >= invalid
}

/// Keeps the valid UTF-8 of `bytes` and decodes each maximal invalid run
/// according to [`MOSTLY_UTF8_POLICY`], recording one change per run.
pub(crate) fn decode_invalid_runs(bytes: &[u8], changes: &mut Vec<Change>) -> String {
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut pos = 0;
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, out: &mut String, changes: &mut Vec<Change>| {
        if let Some((start, end)) = run.take() {
            let (decoded, _) = WINDOWS_1252.decode_without_bom_handling(&bytes[start..end]);
            changes.push(Change {
                rule: crate::Rule::Decode(Rule::InvalidUtf8),
                span: Span::new(start, end),
                before: escape_bytes(&bytes[start..end]),
                after: decoded.clone().into_owned(),
                reason: format!("{} invalid UTF-8 byte(s); {MOSTLY_UTF8_POLICY}", end - start).into(),
                plan: Vec::new(),
            });
            out.push_str(&decoded);
        }
    };
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.is_empty() {
            flush(&mut run, &mut out, changes);
            out.push_str(valid);
        }
        pos += valid.len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            let end = pos + invalid.len();
            run = Some(run.map_or((pos, end), |(start, _)| (start, end)));
            pos = end;
        }
    }
    flush(&mut run, &mut out, changes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (String, Decoding, Vec<Change>) {
        let mut changes = Vec::new();
        let (text, decoding) = Decoder::new(&Options::default()).decode(bytes, &mut changes).expect("decodes");
        (text.into_owned(), decoding, changes)
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
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Grüße".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, decoding, changes) = decode(&bytes);
        assert_eq!(text, "Grüße");
        assert_eq!((decoding.encoding, decoding.method), (UTF_16LE, Method::Bom));
        assert_eq!(changes[0].rule.id(), "decode/bom");
        assert_eq!(changes[0].span, Span::new(0, 2));
    }

    #[test]
    fn utf16_without_bom_is_recognised_from_zero_bytes() {
        let bytes: Vec<u8> = "The committee met on Tuesday.".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let (text, decoding, _) = decode(&bytes);
        assert_eq!(text, "The committee met on Tuesday.");
        assert_eq!((decoding.encoding, decoding.method), (UTF_16BE, Method::Utf16Pattern));
    }

    #[test]
    fn legacy_text_is_detected() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("Правительство объявило о новых мерах поддержки экономики и бизнеса.");
        let (text, decoding, changes) = decode(&bytes);
        assert_eq!(text, "Правительство объявило о новых мерах поддержки экономики и бизнеса.");
        assert_eq!(decoding.encoding, encoding_rs::WINDOWS_1251);
        assert_eq!(changes[0].rule.id(), "decode/legacy-encoding");
    }

    #[test]
    fn invalid_runs_in_utf8_are_decoded_alone() {
        let bytes = b"na\xc3\xafve caf\xe9 cr\xc3\xa8me \xe0 la";
        let (text, decoding, changes) = decode(bytes);
        assert_eq!(text, "naïve café crème à la");
        assert_eq!(decoding.method, Method::MostlyUtf8);
        let spans: Vec<_> = changes.iter().map(|c| (c.span, c.before.as_str(), c.after.as_str())).collect();
        assert_eq!(spans, [(Span::new(10, 11), "\\xE9", "é"), (Span::new(19, 20), "\\xE0", "à")]);
    }

    #[test]
    fn binary_is_refused() {
        let mut changes = Vec::new();
        let decoder = Decoder::new(&Options::default());
        assert!(decoder.decode(b"\x89PNG\r\n\x1a\n\0\0\0", &mut changes).is_err());
        assert!(decoder.decode(b"text\0with a NUL byte in it", &mut changes).is_err());
        assert!(
            decoder
                .decode(
                    b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19 and some text",
                    &mut changes
                )
                .is_err()
        );
    }
}
