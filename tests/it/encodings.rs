//! Every fixture in `corpora/encodings/` (documents in 32 encodings, made by
//! its `build.py` from text we wrote) decodes to its truth, byte for byte.

use std::path::{Path, PathBuf};

use textwash::decode::{Decoder, Method, Options};
use textwash::{Change, report};

use crate::util::corpora;

/// Fixtures that detection gets wrong, each with the reason. Strict: a
/// fixture listed here that decodes right fails the test, so the list only
/// shrinks.
const KNOWN_FAILURES: &[(&str, &str)] = &[
    (
        "iso-8859-16/ro_tramvai.short2.txt",
        "without „ ” or €, Romanian in ISO-8859-16 is byte for byte Romanian in windows-1250, which writes ş ţ \
         with a cedilla where ISO-8859-16 has ș ț; we read windows-1250, by far the more common",
    ),
    (
        "windows-1257/lt_tiltas.short3.txt",
        "104 bytes of Lithuanian with 7 above 0x7F, which chardetng reads as windows-1252 (ž ė as þ ë) and we report as unsure; the long document is right",
    ),
    (
        "windows-1257/lt_tiltas.short4.txt",
        "83 bytes of Lithuanian with 2 above 0x7F (ž ę), which chardetng reads as windows-1250 (ţ ć) and we report as unsure; the long document is right",
    ),
];

struct Fixture {
    /// `<encoding>/<name>.txt`, for messages and KNOWN_FAILURES.
    name: String,
    /// The encoding's WHATWG label (the directory without -bom/-nobom).
    label: String,
    bytes: Vec<u8>,
    truth: String,
}

fn fixtures() -> Vec<Fixture> {
    let root = corpora().join("encodings");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("corpora/encodings")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "texts"))
        .collect();
    dirs.sort();
    let mut fixtures = Vec::new();
    for dir in dirs {
        let encoding = file_name(&dir);
        let label = encoding.trim_end_matches("-nobom").trim_end_matches("-bom").to_owned();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("encoding directory")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for file in files {
            let truth = std::fs::read_to_string(file.with_extension("utf8")).expect("every fixture has its truth");
            let bytes = std::fs::read(&file).expect("read fixture");
            fixtures.push(Fixture {
                name: format!("{encoding}/{}", file_name(&file)),
                label: label.clone(),
                bytes,
                truth,
            });
        }
    }
    assert!(fixtures.len() >= 250, "the fixtures are there ({} found)", fixtures.len());
    fixtures
}

fn file_name(path: &Path) -> String {
    path.file_name().expect("file name").to_string_lossy().into_owned()
}

/// The fixtures themselves are right: forced to their own encoding, encoding_rs
/// decodes each to its truth. (Python's codecs made them; this is the check
/// that the two agree.)
#[test]
fn every_fixture_decodes_to_its_truth_in_its_own_encoding() {
    let mut wrong = Vec::new();
    for fixture in fixtures() {
        let encoding = textwash::decode::encoding_for_label(&fixture.label).expect("directories are WHATWG labels");
        let decoder = Decoder::new(&Options { encoding: Some(encoding) });
        let decoded = decoder.decode(&fixture.bytes, &mut Vec::new()).map(|(text, _)| text.into_owned());
        if decoded.as_deref() != Ok(fixture.truth.as_str()) {
            wrong.push(fixture.name);
        }
    }
    assert!(wrong.is_empty(), "forced decoding differs from the truth: {wrong:?}");
}

#[test]
fn every_fixture_is_detected_and_decoded_exactly() {
    let decoder = Decoder::new(&Options::default());
    let mut wrong = Vec::new();
    for fixture in fixtures() {
        let mut changes = Vec::new();
        let decoded = decoder.decode(&fixture.bytes, &mut changes);
        let known = KNOWN_FAILURES.iter().any(|(name, _)| *name == fixture.name);
        let right = match &decoded {
            Ok((text, _)) => *text == fixture.truth,
            Err(_) => false,
        };
        match (right, known) {
            (true, true) => wrong.push(format!("{}: now decodes right; remove it from KNOWN_FAILURES", fixture.name)),
            (false, false) => wrong.push(format!("{}: {}", fixture.name, describe(&decoded, &changes, &fixture.truth))),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

fn describe(
    decoded: &Result<(std::borrow::Cow<'_, str>, textwash::decode::Decoding), textwash::decode::DecodeError>,
    changes: &[Change],
    truth: &str,
) -> String {
    match decoded {
        Err(e) => format!("refused: {e}"),
        Ok((text, decoding)) => {
            let reason = changes.iter().map(|c| c.reason.as_ref()).collect::<Vec<_>>().join("; ");
            let at = text.chars().zip(truth.chars()).position(|(a, b)| a != b).unwrap_or(0);
            let got: String = text.chars().skip(at.saturating_sub(10)).take(30).collect();
            format!("{:?} {} [{reason}]: got {}", decoding.method, decoding.encoding.name(), report::visible(&got, 40))
        }
    }
}

/// Legacy fixtures say how they were decoded: a `decode/legacy-encoding`
/// change naming an encoding that gives the same text.
#[test]
fn detected_encodings_are_recorded() {
    let decoder = Decoder::new(&Options::default());
    for fixture in fixtures().iter().filter(|f| !f.label.starts_with("utf-")) {
        let mut changes = Vec::new();
        let Ok((_, decoding)) = decoder.decode(&fixture.bytes, &mut changes) else { continue };
        if decoding.method == Method::Utf8 {
            continue; // an ASCII-only short
        }
        let change = changes.iter().find(|c| c.rule.id() == "decode/legacy-encoding").expect(&fixture.name);
        assert!(
            change.reason.starts_with(&format!("decoded as {} (", decoding.encoding.name())),
            "{}: {}",
            fixture.name,
            change.reason
        );
    }
}
