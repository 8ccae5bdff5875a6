//! The repair bench's inputs, shared with `examples/repair-profile.rs`
//! (included by path from both, so that the profile runs on exactly what
//! the bench measures).

/// About this many bytes per input.
pub const SIZE: usize = 1 << 20;

/// The languages of the mojibake input.
pub const MOJIBAKE_LANGS: [&str; 12] = ["en", "fr", "de", "es", "pt", "pl", "cs", "ru", "uk", "el", "ja", "ko"];

/// The truth files of `corpora/source` in `langs` (by the language code
/// in their names), one after another, repeated to about [`SIZE`] bytes.
pub fn sources(langs: &[&str]) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/source");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("corpora/source").map(|e| e.expect("entry").path()).collect();
    files.sort();
    let mut text = String::new();
    for path in files {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        if langs.iter().any(|l| name.split('_').nth(1) == Some(l)) {
            text.push_str(&std::fs::read_to_string(&path).expect("read source"));
        }
    }
    assert!(!text.is_empty(), "no sources for {langs:?}");
    let mut out = String::with_capacity(SIZE + text.len());
    while out.len() < SIZE {
        out.push_str(&text);
    }
    out
}
