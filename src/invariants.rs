//! The invariants textwash promises (DESIGN.md), as checks that say what was
//! violated.
//!
//! The fuzz targets (`fuzz/`) run these on every input they generate, and
//! `tests/it/regressions.rs` runs them on every input a fuzzer ever found a
//! problem with (`tests/fuzz-regressions/`), so a check is written once and
//! a crash, once fixed, stays fixed. Library users can run them on their own
//! data too.

use crate::change::{self, Change, Stage};
use crate::cleaner::Cleaner;
use crate::error::DocError;
use crate::normalize::Normalizer;
use crate::repair::{self, Repairer};
use crate::strip::Stripper;

/// Decode: never fails except on binary input; its records point inside the
/// input, in order; valid UTF-8 comes out as it went in (but for a BOM),
/// unless it has NUL bytes (UTF-16 in the Latin range is valid UTF-8 too) or
/// ESC bytes (7-bit ISO-2022-JP is valid UTF-8 too): see [`crate::decode`].
///
/// # Errors
///
/// A description of the first invariant that does not hold.
pub fn check_decode(cleaner: &Cleaner, bytes: &[u8]) -> Result<(), String> {
    let decoded = match cleaner.decode(bytes) {
        Ok(decoded) => decoded,
        Err(DocError::Decode(_)) => return Ok(()),
        Err(e) => return Err(format!("decode failed on non-binary input: {e}")),
    };
    let mut end = 0;
    for c in &decoded.changes {
        if c.span.start < end || c.span.end > bytes.len() || c.span.start > c.span.end {
            return Err(format!("decode record out of order or out of the input: {c:?}"));
        }
        end = c.span.end;
    }
    if let Ok(text) = std::str::from_utf8(bytes)
        && memchr::memchr2(0, 0x1b, bytes).is_none()
        && !text.ends_with(decoded.text.as_ref())
    {
        return Err("valid UTF-8 was changed by decode".to_owned());
    }
    Ok(())
}

/// Checks one stage's edits: well formed, and the stage finds nothing more
/// to do in its own output (idempotence). Returns the stage output.
fn check_stage(stage: &str, text: &str, find: impl Fn(&str, &mut Vec<Change>)) -> Result<String, String> {
    let mut changes = Vec::new();
    find(text, &mut changes);
    change::check_well_formed(text, &changes).map_err(|e| format!("{stage}: {e}"))?;
    let output = change::apply(text, &changes);
    let mut again = Vec::new();
    find(&output, &mut again);
    if !again.is_empty() {
        return Err(format!("{stage} is not idempotent on {text:?}: a second run changed {again:?}"));
    }
    Ok(output)
}

/// Repair: well formed, idempotent, ASCII never touched by mojibake repair
/// (only HTML character references, `repair/html-entity`, are ASCII), and
/// every plan replays `before` into `after`.
///
/// # Errors
///
/// A description of the first invariant that does not hold.
pub fn check_repair(repairer: &Repairer, text: &str) -> Result<(), String> {
    check_stage("repair", text, |t, out| repairer.find(t, out))?;
    let mut changes = Vec::new();
    repairer.find(text, &mut changes);
    let entity = crate::Rule::Repair(repair::Rule::HtmlEntity);
    if text.is_ascii()
        && let Some(c) = changes.iter().find(|c| c.rule != entity)
    {
        return Err(format!("repair changed ASCII text {text:?}: {c:?}"));
    }
    for c in &changes {
        if repair::replay(&c.before, &c.plan).as_deref() != Ok(c.after.as_str()) {
            return Err(format!("the plan of {c:?} does not replay"));
        }
    }
    Ok(())
}

/// Strip: well formed and idempotent.
///
/// # Errors
///
/// A description of the first invariant that does not hold.
pub fn check_strip(stripper: &Stripper, text: &str) -> Result<(), String> {
    check_stage("strip", text, |t, out| stripper.find(t, out)).map(drop)
}

/// Normalize: well formed and idempotent.
///
/// # Errors
///
/// A description of the first invariant that does not hold.
pub fn check_normalize(normalizer: &Normalizer, text: &str) -> Result<(), String> {
    check_stage("normalize", text, |t, out| normalizer.find(t, out)).map(drop)
}

/// The whole pipeline: decode's invariants; the change records replay to the
/// output stage by stage; cleaning the output again changes nothing.
///
/// # Errors
///
/// A description of the first invariant that does not hold.
pub fn check_pipeline(cleaner: &Cleaner, bytes: &[u8]) -> Result<(), String> {
    check_decode(cleaner, bytes)?;
    let Ok(decoded) = cleaner.decode(bytes) else { return Ok(()) };
    let cleaned = cleaner.clean_bytes(bytes).map_err(|e| format!("decode succeeded but clean failed: {e}"))?;
    let mut text = decoded.text.into_owned();
    // Stage by stage, in rounds (see `Cleaner`): each group of one stage's
    // changes is in the coordinates of the text that entered it.
    let text_changes: Vec<&Change> = cleaned.changes.iter().filter(|c| c.rule.stage() != Stage::Decode).collect();
    for group in text_changes.chunk_by(|a, b| a.rule.stage() == b.rule.stage()) {
        let changes: Vec<Change> = group.iter().map(|&c| c.clone()).collect();
        change::check_well_formed(&text, &changes).map_err(|e| format!("{}: {e}", changes[0].rule.stage().name()))?;
        text = change::apply(&text, &changes);
    }
    if text != cleaned.text {
        return Err("replaying the change records does not give the output".to_owned());
    }
    let again = cleaner.clean_str(&cleaned.text);
    if !again.changes.is_empty() {
        return Err(format!("the pipeline is not idempotent on {text:?}: a second run changed {:?}", again.changes));
    }
    Ok(())
}

/// A configuration away from the defaults, picked by the low six bits of
/// `bits`: normalize's form (NFC or NFKC) and its opt-in rules that fold
/// characters into others (no-break spaces, ASCII punctuation, full-width
/// forms, ligatures), and HTML references always or never unescaped. The
/// `pipeline_options` fuzz target and the replay of what it found use the
/// same mapping, so a kept input means the same configuration to both.
#[must_use]
pub fn opt_in_config(bits: u8) -> crate::Config {
    let normalize = crate::normalize::Options {
        form: Some(if bits & 1 != 0 { crate::normalize::Form::Nfkc } else { crate::normalize::Form::Nfc }),
        nbsp: bits & 2 != 0,
        ascii_punctuation: bits & 4 != 0,
        fullwidth: bits & 8 != 0,
        ligatures: bits & 16 != 0,
        ..crate::normalize::Options::default()
    };
    let html_entities = if bits & 32 != 0 { repair::HtmlEntities::On } else { repair::HtmlEntities::Off };
    let repair = repair::Options { html_entities, ..repair::Options::default() };
    crate::Config { normalize: Some(normalize), repair: Some(repair), ..crate::Config::default() }
}
