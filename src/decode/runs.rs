//! Mostly-UTF-8 text: valid UTF-8 with a few runs of invalid bytes, as in
//! dumps concatenated from pages in different encodings. The valid UTF-8 is
//! kept as it is; only the invalid runs are decoded (see [`POLICY`]).

use std::ops::Range;

use encoding_rs::{Encoding, WINDOWS_1252};

use super::{Rule, escape_bytes};
use crate::change::{Change, Span};

/// How runs of invalid bytes inside UTF-8 text are decoded, and why.
///
/// * All the runs of a document are given to chardetng together, each with
///   the ASCII letters around it as context, and decoded in the encoding it
///   finds: a paragraph pasted from a windows-1251 page comes out in Cyrillic.
/// * When the runs are too few to judge by (under 8 bytes, a stray `caf\xE9`),
///   or chardetng's guess cannot decode every run, windows-1252: stray legacy
///   bytes in web text are overwhelmingly windows-1252 (what browsers use for
///   ISO-8859-1 labels too), and it maps every byte to a character, so
///   nothing is lost and a wrong guess stays visible and reversible in the
///   change list.
/// * A UTF-8 sequence cut off at the very end of the input (a lead byte and
///   at least one continuation byte, but too few) becomes U+FFFD: it is the
///   tail of a truncated file, not legacy text. A single lead byte at the end
///   is left to the rules above: `caf\xE9` may well end a windows-1252 line.
pub const POLICY: &str = "the runs are decoded together in the encoding chardetng finds for them, or as windows-1252 when they are under 8 bytes or chardetng's guess cannot decode them; a character cut off at the end becomes U+FFFD";

/// True when `bytes` are UTF-8 with damage rather than a legacy encoding:
/// valid multi-byte characters that do not touch an invalid byte are at
/// least half as many as the runs of invalid bytes.
///
/// Legacy text forms valid multi-byte sequences by accident, often in CJK
/// encodings (GBK 源 is `D4 B4`, valid UTF-8 for "Դ"), but wedged between
/// invalid bytes. Counting only the valid characters clear of invalid bytes
/// leaves those out: on our fixtures in 27 legacy encodings the ratio is at
/// most 0.21 (EUC-JP, 80 bytes), against 1 or far more in UTF-8 text with a
/// pasted legacy line.
pub(super) fn is_mostly_utf8(bytes: &[u8]) -> bool {
    let (mut clear, mut runs) = (0usize, 0usize);
    let mut after_invalid = false;
    for chunk in bytes.utf8_chunks() {
        let (valid, invalid) = (chunk.valid(), chunk.invalid());
        for (i, c) in valid.char_indices().filter(|(_, c)| !c.is_ascii()) {
            let touches_before = i == 0 && after_invalid;
            let touches_after = i + c.len_utf8() == valid.len() && !invalid.is_empty();
            clear += usize::from(!touches_before && !touches_after);
        }
        let continues_a_run = valid.is_empty() && after_invalid;
        if !invalid.is_empty() && !continues_a_run {
            runs += 1;
        }
        after_invalid = !invalid.is_empty();
    }
    clear > 0 && clear * 2 >= runs
}

/// Keeps the valid UTF-8 of `bytes` and decodes each maximal invalid run by
/// [`POLICY`], recording one change per run with spans into `bytes` shifted
/// by `offset` (where `bytes` start in the input).
pub(crate) fn decode(bytes: &[u8], offset: usize, changes: &mut Vec<Change>) -> String {
    let (runs, cut_off) = invalid_runs(bytes);
    let (encoding, detected) = runs_encoding(bytes, &runs);
    let how = if detected {
        format!("as {} (detected over all the invalid runs)", encoding.name())
    } else {
        "as windows-1252, the usual encoding of stray bytes".to_owned()
    };
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut runs = runs.iter().peekable();
    let mut pos = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        pos += chunk.valid().len();
        // Each run starts where a chunk's invalid bytes do; the chunks after
        // it up to its end have no valid bytes.
        if let Some(run) = runs.next_if(|run| run.start == pos) {
            let raw = &bytes[run.clone()];
            let (decoded, _) = encoding.decode_without_bom_handling(raw);
            out.push_str(&decoded);
            let s = if raw.len() == 1 { "" } else { "s" };
            let reason = format!("{} byte{s} not valid UTF-8, decoded {how}", raw.len());
            changes.push(run_change(run, offset, raw, decoded.into_owned(), reason));
        }
        pos += chunk.invalid().len();
    }
    if let Some(run) = cut_off {
        out.push(char::REPLACEMENT_CHARACTER);
        let raw = &bytes[run.clone()];
        let reason = "a UTF-8 character cut off at the end of the input".to_owned();
        changes.push(run_change(&run, offset, raw, char::REPLACEMENT_CHARACTER.into(), reason));
    }
    out
}

fn run_change(run: &Range<usize>, offset: usize, raw: &[u8], after: String, reason: String) -> Change {
    Change {
        rule: crate::Rule::Decode(Rule::InvalidUtf8),
        span: Span::new(run.start + offset, run.end + offset),
        before: escape_bytes(raw).into(),
        after: after.into(),
        reason: reason.into(),
        plan: crate::repair::Plan::Borrowed(&[]),
    }
}

/// The maximal runs of invalid bytes (adjacent invalid sequences merged),
/// and apart from them a UTF-8 character cut off at the end of `bytes`: a
/// lead byte with at least one but too few continuation bytes.
fn invalid_runs(bytes: &[u8]) -> (Vec<Range<usize>>, Option<Range<usize>>) {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    for chunk in bytes.utf8_chunks() {
        pos += chunk.valid().len();
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        let end = pos + invalid.len();
        if end == bytes.len()
            && invalid.len() >= 2
            && std::str::from_utf8(invalid).is_err_and(|e| e.error_len().is_none())
        {
            return (runs, Some(pos..end));
        }
        match runs.last_mut() {
            Some(last) if last.end == pos => last.end = end,
            _ => runs.push(pos..end),
        }
        pos = end;
    }
    (runs, None)
}

/// The encoding of the invalid runs, and whether it was detected (false:
/// the windows-1252 default).
fn runs_encoding(bytes: &[u8], runs: &[Range<usize>]) -> (&'static Encoding, bool) {
    let invalid: usize = runs.iter().map(ExactSizeIterator::len).sum();
    if invalid < super::detect::MIN_EVIDENCE {
        return (WINDOWS_1252, false);
    }
    let mut sample = Vec::new();
    for run in runs {
        let before = bytes[..run.start].iter().rev().take(16).take_while(|b| b.is_ascii_alphabetic()).count();
        let after = bytes[run.end..].iter().take(16).take_while(|b| b.is_ascii_alphabetic()).count();
        sample.push(b' ');
        sample.extend_from_slice(&bytes[run.start - before..run.end + after]);
    }
    sample.push(b' ');
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&sample, true);
    let (encoding, sure) = detector.guess_assess(None, false);
    let decodes_all = runs
        .iter()
        .all(|run| encoding.decode_without_bom_handling_and_without_replacement(&bytes[run.clone()]).is_some());
    if sure && decodes_all { (encoding, true) } else { (WINDOWS_1252, false) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(bytes: &[u8]) -> (String, Vec<(Span, String, String)>) {
        let mut changes = Vec::new();
        let text = decode(bytes, 0, &mut changes);
        (text, changes.into_iter().map(|c| (c.span, c.before.into(), c.after.into())).collect())
    }

    #[test]
    fn stray_western_bytes_are_windows_1252() {
        let (text, changes) = runs(b"na\xc3\xafve caf\xe9 cr\xc3\xa8me \xe0 la");
        assert_eq!(text, "naïve café crème à la");
        assert_eq!(
            changes,
            [(Span::new(10, 11), "\\xE9".into(), "é".into()), (Span::new(19, 20), "\\xE0".into(), "à".into())]
        );
    }

    #[test]
    fn a_pasted_cyrillic_paragraph_is_decoded_in_its_own_encoding() {
        let mut bytes = "Überblick – die Zusammenfassung der Woche:\n".as_bytes().to_vec();
        let (cp1251, _, _) =
            encoding_rs::WINDOWS_1251.encode("Правительство объявило о новых мерах поддержки экономики.\n");
        bytes.extend_from_slice(&cp1251);
        bytes.extend_from_slice("Schöne Grüße aus München.\n".as_bytes());
        let (text, _) = runs(&bytes);
        assert_eq!(
            text,
            "Überblick – die Zusammenfassung der Woche:\nПравительство объявило о новых мерах поддержки экономики.\nSchöne Grüße aus München.\n"
        );
    }

    #[test]
    fn a_character_cut_off_at_the_end_becomes_a_replacement_character() {
        let (text, changes) = runs(b"\xe2\x80\x9cQuoted\xe2\x80\x9d and cut \xe2\x80");
        assert_eq!(text, "“Quoted” and cut \u{fffd}");
        assert_eq!(changes, [(Span::new(21, 23), "\\xE2\\x80".into(), "\u{fffd}".into())]);
        let (text, _) =
            runs("Grüße aus dem Café\n".as_bytes().iter().chain(b"caf\xe9").copied().collect::<Vec<_>>().as_slice());
        assert!(text.ends_with("café"), "a lone lead byte at the end is a legacy letter: {text}");
    }
}
