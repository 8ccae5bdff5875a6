//! The [`Cleaner`]: a [`Config`] compiled once, then shared by every thread.

use std::borrow::Cow;

use crate::change::{self, Change};
use crate::config::Config;
use crate::decode::{Decoder, Decoding};
use crate::error::{ConfigError, DocError};
use crate::lines::Lines;
use crate::normalize::Normalizer;
use crate::repair::Repairer;
use crate::strip::Stripper;

/// Runs the pipeline (decode → repair → strip → normalize) on documents.
///
/// Built once from a [`Config`]; immutable afterwards, `Send + Sync`, and meant
/// to be shared by reference across worker threads.
#[derive(Debug)]
pub struct Cleaner {
    decoder: Option<Decoder>,
    repairer: Option<Repairer>,
    stripper: Option<Stripper>,
    normalizer: Option<Normalizer>,
}

/// A document after the decode stage alone.
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    /// The text the other stages start from.
    pub text: Cow<'a, str>,
    /// What decoding changed (a BOM removed, a legacy encoding, invalid runs).
    pub changes: Vec<Change>,
    /// How it was decoded; `None` when decode is off.
    pub decoding: Option<Decoding>,
}

/// A cleaned document: the text and every change that made it.
#[derive(Clone, Debug)]
pub struct Cleaned<'a> {
    /// The clean text. Borrowed from the input when nothing changed.
    pub text: Cow<'a, str>,
    /// How the bytes were decoded (`None` when the input was text already or
    /// decode is off).
    pub decoding: Option<Decoding>,
    /// Every change, stage by stage, in order (see [`crate::change`]).
    pub changes: Vec<Change>,
}

impl Cleaned<'_> {
    /// True when the output differs from the input.
    #[must_use]
    pub fn is_changed(&self) -> bool {
        !self.changes.is_empty()
    }
}

impl Cleaner {
    /// Compiles `config`.
    ///
    /// # Errors
    ///
    /// When an option cannot be compiled (an unknown encoding label, a bad
    /// pattern); the message says which and what to do.
    pub fn new(config: &Config) -> Result<Cleaner, ConfigError> {
        // Compiling the strip stage's patterns is most of the start-up: on
        // threads of its own, while this one builds the other stages'
        // tables.
        // Where no thread can be started, all on this one.
        let build_stripper = || config.strip.as_ref().map(Stripper::new).transpose();
        std::thread::scope(|scope| {
            let stripper = std::thread::Builder::new().spawn_scoped(scope, build_stripper);
            let decoder = config.decode.as_ref().map(Decoder::new);
            let repairer = config.repair.as_ref().map(Repairer::new);
            let normalizer = config.normalize.as_ref().map(Normalizer::new);
            let stripper = match stripper {
                Ok(thread) => thread.join().expect("compiling the strip stage does not panic")?,
                Err(_) => build_stripper()?,
            };
            Ok(Cleaner { decoder, repairer, stripper, normalizer })
        })
    }

    /// Cleans a document given as raw bytes: decodes it, then runs the text
    /// stages.
    ///
    /// # Errors
    ///
    /// When the bytes are not text (binary), or decode is off and they are not
    /// UTF-8.
    pub fn clean_bytes<'a>(&self, bytes: &'a [u8]) -> Result<Cleaned<'a>, DocError> {
        let Decoded { text, mut changes, decoding } = self.decode(bytes)?;
        let text = self.text_stages(text, "", &mut changes);
        Ok(Cleaned { text, decoding, changes })
    }

    /// Runs only the decode stage on a whole document: the text the other
    /// stages start from, the decode changes, and how it was decoded.
    ///
    /// # Errors
    ///
    /// As [`Cleaner::clean_bytes`].
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> Result<Decoded<'a>, DocError> {
        let mut changes = Vec::new();
        match &self.decoder {
            Some(decoder) => {
                let (text, decoding) = decoder.decode(bytes, &mut changes)?;
                Ok(Decoded { text, changes, decoding: Some(decoding) })
            }
            None => match simdutf8::compat::from_utf8(bytes) {
                Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), changes, decoding: None }),
                Err(e) => Err(DocError::NotUtf8 { valid_up_to: e.valid_up_to() }),
            },
        }
    }

    /// The decode stage, when it is on.
    #[must_use]
    pub fn decoder(&self) -> Option<&Decoder> {
        self.decoder.as_ref()
    }

    /// Decodes a later part of a document too big to hold whole, as its
    /// first part was decoded (`decoding`; `None` when decode is off, and
    /// then the part must be UTF-8). `offset` is where the part starts in the
    /// document.
    ///
    /// # Errors
    ///
    /// When decode is off and the part is not UTF-8.
    pub fn decode_part<'a>(
        &self,
        bytes: &'a [u8],
        offset: usize,
        decoding: Option<Decoding>,
    ) -> Result<Decoded<'a>, DocError> {
        match (&self.decoder, decoding) {
            (Some(decoder), Some(decoding)) => {
                let mut changes = Vec::new();
                let text = decoder.decode_part(bytes, offset, decoding, &mut changes);
                Ok(Decoded { text, changes, decoding: Some(decoding) })
            }
            _ => match crate::decode::validate_utf8(bytes) {
                Some(text) => Ok(Decoded { text: Cow::Borrowed(text), changes: Vec::new(), decoding: None }),
                None => Err(DocError::NotUtf8 {
                    valid_up_to: std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to()),
                }),
            },
        }
    }

    /// Decodes one line of a JSON Lines file. JSON is UTF-8, so the line is
    /// not re-decoded whole: its invalid runs are decoded by the mostly-UTF-8
    /// policy ([`crate::decode::MOSTLY_UTF8_POLICY`]) and recorded, with
    /// spans into the line.
    ///
    /// # Errors
    ///
    /// When the line is not UTF-8 and decode is off.
    pub fn decode_line<'a>(&self, line: &'a [u8]) -> Result<(Cow<'a, str>, Vec<Change>), DocError> {
        if let Some(text) = crate::decode::validate_utf8(line) {
            return Ok((Cow::Borrowed(text), Vec::new()));
        }
        if self.decoder.is_none() {
            let valid_up_to = std::str::from_utf8(line).map_or_else(|e| e.valid_up_to(), str::len);
            return Err(DocError::NotUtf8 { valid_up_to });
        }
        let mut changes = Vec::new();
        let text = crate::decode::decode_line(line, &mut changes);
        Ok((Cow::Owned(text), changes))
    }

    /// Cleans text that is already decoded (a JSON string, a library caller's
    /// `&str`): runs repair, strip and normalize.
    #[must_use]
    pub fn clean_str<'a>(&self, text: &'a str) -> Cleaned<'a> {
        self.clean_str_in_group(text, "")
    }

    /// As [`Cleaner::clean_str`], for a document of the source `group` (a
    /// domain, a directory), which repeated-line removal counts by.
    #[must_use]
    pub fn clean_str_in_group<'a>(&self, text: &'a str, group: &str) -> Cleaned<'a> {
        let mut changes = Vec::new();
        let text = self.text_stages(Cow::Borrowed(text), group, &mut changes);
        Cleaned { text, decoding: None, changes }
    }

    /// The text as the strip stage will see it (after repair), for the
    /// first pass of repeated-line removal.
    #[must_use]
    pub fn before_strip<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match &self.repairer {
            Some(r) => {
                let mut changes = Vec::new();
                r.find(text, &mut changes);
                if changes.is_empty() { Cow::Borrowed(text) } else { Cow::Owned(change::apply(text, &changes)) }
            }
            None => Cow::Borrowed(text),
        }
    }

    /// The settings of repeated-line removal, when the strip stage runs it:
    /// the batch runner then makes a first pass to count lines.
    #[must_use]
    pub fn repeated_lines(&self) -> Option<&crate::strip::repeated::Settings> {
        self.stripper.as_ref().and_then(Stripper::repeated_settings)
    }

    /// Hands the strip stage the line counts of a first pass.
    pub fn set_line_counts(&mut self, table: crate::strip::repeated::Table) {
        if let Some(s) = &mut self.stripper {
            s.set_line_counts(table);
        }
    }

    /// Runs the enabled text stages in order. Each stage only reports changes;
    /// they are applied here, so what is reported is what is done.
    ///
    /// Repair judges each line as strip and normalize will leave it, but a
    /// later stage can still uncover mojibake repair did not see (normalize
    /// removes a character by rules that weigh its neighbours; strip removes
    /// the only markup of a text, and references become text to unescape).
    /// So when strip or normalize changed something, repair looks again, at
    /// the lines normalize touched (or at everything, when the decision
    /// about references turned), and if it finds anything, strip and
    /// normalize run again: a second run of the pipeline must find nothing.
    /// Strip judges lines as normalize's default rules leave them; the
    /// rules that fold characters into others are opt-in and strip does not
    /// foresee them ("¹" becomes "1", a stray number), so with any of them
    /// on, strip also looks again at a text normalize changed.
    /// Each round's changes are a new group of stages, so the records still
    /// replay stage by stage ([`change::replay`]).
    fn text_stages<'a>(&self, mut text: Cow<'a, str>, group: &str, changes: &mut Vec<Change>) -> Cow<'a, str> {
        /// Rounds before giving up on a fixpoint (real text needs one, the
        /// fuzzers' inputs two).
        const MAX_ROUNDS: usize = 4;
        // The lines of the text as it stands, found once for every stage
        // that reads them, and again only where a stage changed the text.
        let mut lines: Option<Lines> = None;
        let mut stage =
            |text: &mut Cow<'a, str>, changes: &mut Vec<Change>, find: &dyn Fn(&str, &Lines, &mut Vec<Change>)| {
                let start = changes.len();
                find(text, lines.get_or_insert_with(|| Lines::of(text)), changes);
                if changes.len() > start {
                    let changed = change::apply(text, &changes[start..]);
                    lines = lines.take().map(|l| l.after(&changed, &changes[start..]));
                    *text = Cow::Owned(changed);
                }
                changes.len() > start
            };
        // The spans of the text (as it now stands) that normalize changed in
        // the last round, and whether repair must look at all of it.
        let mut touched: Vec<std::ops::Range<usize>> = Vec::new();
        let mut everything = true;
        // Whether strip looks again at a text normalize changed.
        let restrip = self.normalizer.as_ref().is_some_and(Normalizer::folds);
        for round in 0..MAX_ROUNDS {
            let mut repaired = false;
            if let Some(r) = &self.repairer {
                // `touched` is sorted and its spans do not overlap.
                let near = |line: std::ops::Range<usize>| {
                    let first = touched.partition_point(|t| t.end < line.start);
                    everything || touched.get(first).is_some_and(|t| t.start <= line.end)
                };
                repaired = stage(&mut text, changes, &|t, l, out| r.find_in_lines(t, l, near, out));
            }
            if round > 0 && !repaired && !restrip {
                break;
            }
            let entities = self.repairer.as_ref().map(|r| r.unescapes_entities(&text));
            let stripped = match &self.stripper {
                Some(s) => stage(&mut text, changes, &|t, l, out| s.find_in_group(t, l, group, out)),
                None => false,
            };
            if round > 0 && !repaired && !stripped {
                break;
            }
            let from = changes.len();
            let normalized = match &self.normalizer {
                Some(n) => stage(&mut text, changes, &|t, l, out| n.find_in(t, l, out)),
                None => false,
            };
            if !stripped && !normalized {
                break;
            }
            // Strip may remove the markup, and normalize may make a tag no
            // tag ("<E" + U+0090 + U+0301 composes to "<É", which is none).
            everything = entities != self.repairer.as_ref().map(|r| r.unescapes_entities(&text));
            // Normalize's changes, moved to where they now stand.
            let mut shift = 0isize;
            touched = changes[from..]
                .iter()
                .map(|c| {
                    let start = c.span.start.saturating_add_signed(shift);
                    shift += c.delta();
                    start..start + c.after.len()
                })
                .collect();
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Stage;

    #[test]
    fn cleaner_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Cleaner>();
    }

    #[test]
    fn clean_text_is_borrowed_and_unchanged() {
        let cleaner = Cleaner::new(&Config::default()).unwrap();
        let text = "Clean text, “curly quotes” and all.\n";
        let cleaned = cleaner.clean_str(text);
        assert!(matches!(cleaned.text, Cow::Borrowed(_)));
        assert!(!cleaned.is_changed());
    }

    #[test]
    fn a_json_line_with_legacy_bytes_keeps_its_utf8_and_decodes_the_runs() {
        let cleaner = Cleaner::new(&Config::default()).unwrap();
        let mut line = "{\"title\": \"Überblick\", \"text\": \"".as_bytes().to_vec();
        line.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("Правительство объявило о новых мерах поддержки").0);
        line.extend_from_slice(b"\"}");
        let (text, changes) = cleaner.decode_line(&line).unwrap();
        assert_eq!(text, "{\"title\": \"Überblick\", \"text\": \"Правительство объявило о новых мерах поддержки\"}");
        assert!(changes.iter().all(|c| c.rule.id() == "decode/invalid-utf8" && c.reason.contains("windows-1251")));
        let without = Cleaner::new(&Config { decode: None, ..Config::default() }).unwrap();
        assert!(matches!(without.decode_line(&line), Err(DocError::NotUtf8 { valid_up_to: 33 })));
    }

    #[test]
    fn mojibake_a_later_stage_uncovers_is_repaired_in_another_round() {
        // windows-1256 reads the byte 0x9D as ZERO WIDTH NON-JOINER, and
        // normalize removes the ones between characters that cannot join:
        // only then is "هه\u{200c}»" a UTF-8 sequence that lost a byte.
        let cleaner = Cleaner::new(&Config::default()).unwrap();
        let text = "هه\u{200c}»\u{200c}?»\u{200c}\u{200c}\u{200c}»";
        let once = cleaner.clean_str(text);
        let stages: Vec<Stage> = once.changes.iter().map(|c| c.rule.stage()).collect();
        assert_eq!(stages.first(), Some(&Stage::Normalize));
        assert_eq!(stages.last(), Some(&Stage::Repair), "a second round repaired: {:?}", once.changes);
        assert!(cleaner.clean_str(&once.text).changes.is_empty());
        assert_eq!(change::replay(text, &once.changes), once.text);
    }

    #[test]
    fn references_are_judged_again_when_normalize_unmakes_the_markup() {
        // The C1 control goes, "E" and U+0301 compose, and "<É" is no tag:
        // the text has no markup any more, so its references are unescaped
        // in the same run, not by a second one.
        let cleaner = Cleaner::new(&Config::default()).unwrap();
        for invisible in ['\u{90}', '\u{ad}', '\u{200c}'] {
            let text = format!("<E{invisible}\u{301}\nFish &amp; chips");
            let once = cleaner.clean_str(&text);
            assert!(once.text.ends_with("Fish & chips"), "{invisible:?}: {:?}", once.text);
            assert!(cleaner.clean_str(&once.text).changes.is_empty(), "{invisible:?}");
        }
    }

    #[test]
    fn changes_replay_to_the_output() {
        let cleaner = Cleaner::new(&Config::default()).unwrap();
        let text = "Le barÃ¨me  \r\nADVERTISEMENT\r\nIn Miami.Â\r\n\r\n\r\n";
        let cleaned = cleaner.clean_str(text);
        assert_eq!(cleaned.text, "Le barème\nIn Miami.\n");
        assert_eq!(change::replay(text, &cleaned.changes), cleaned.text);
    }
}
