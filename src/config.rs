//! What to run: one plain, validated description of a cleaning job's stages.
//!
//! A [`Config`] is data (it can be built by hand, from flags or from a file);
//! a [`Cleaner`](crate::Cleaner) is what a config compiles into. Every stage is
//! an `Option`: `None` switches it off, which is what `--no-<stage>` does.
//!
//! # The configuration file
//!
//! A project keeps its own rules in `textwash.toml` ([`FILE_NAME`]). The
//! command line reads the nearest one: in the current directory, or the
//! closest of its parents ([`find`]), the way rustfmt finds `rustfmt.toml`;
//! `--config PATH` names one, `--no-config` ignores them. One file applies to
//! the whole run, whatever the inputs, so that every document of a batch is
//! cleaned by the same rules. Flags win over the file.
//!
//! The file has one table per stage; unknown keys are errors, so a typo is
//! not silently ignored, and every error names the file, line and column:
//!
//! ```toml
//! [strip]
//! # Rules to switch off, by id (`textwash explain` and `check` print them).
//! disable = ["strip/stray-word", "strip/furniture-run"]
//! # Agencies and picture services to add to the built-in list.
//! agencies = ["Northgate Pictures", "Harbour Press Agency"]
//!
//! # Lines to remove: a Rust regex, matched against each line without its
//! # line break; reported as strip/user-pattern with the name.
//! [[strip.pattern]]
//! name = "northgate-footer"
//! regex = "^Northgate Media, \\d+ Harbour Street"
//!
//! # Lines repeated across documents of one source (see textwash::strip::repeated).
//! [strip.repeated-lines]
//! enabled = true
//! min-documents = 5     # at least this many documents share the line
//! min-share = 0.1       # and at least this share of their group
//! max-line-chars = 200  # longer lines are never counted
//! max-entries = 1048576 # line hashes kept in memory
//! group-by = "source"   # JSON Lines field naming a record's source
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::ConfigError;
use crate::{decode, normalize, repair, strip};

/// The stages to run and their options. [`Config::default`] runs every stage
/// with the defaults documented on each options type.
#[derive(Clone, Debug)]
pub struct Config {
    /// Bytes to text; off means input must already be UTF-8.
    pub decode: Option<decode::Options>,
    /// Mojibake repair.
    pub repair: Option<repair::Options>,
    /// Credit and boilerplate removal.
    pub strip: Option<strip::Options>,
    /// Unicode and white-space normalization.
    pub normalize: Option<normalize::Options>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            decode: Some(decode::Options::default()),
            repair: Some(repair::Options::default()),
            strip: Some(strip::Options::default()),
            normalize: Some(normalize::Options::default()),
        }
    }
}

/// The name of the configuration file.
pub const FILE_NAME: &str = "textwash.toml";

/// The nearest configuration file: in `dir` or the closest of its parents.
#[must_use]
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

impl Config {
    /// Applies the configuration file `text` (read from `path`, which is
    /// only used in messages) over this config.
    ///
    /// # Errors
    ///
    /// When the file is not valid TOML, has a key we do not know, names a rule
    /// that does not exist, holds a bad pattern or a threshold out of range;
    /// the error gives the file, line and column.
    pub fn apply_file(&mut self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let at = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = line_column(text, span.start);
            ConfigError::File { path: path.to_path_buf(), line, column, message }
        };
        let file: File = toml::from_str(text)
            .map_err(|e| at(e.span().unwrap_or(0..0), e.message().trim_end_matches('\n').to_owned()))?;
        let Some(section) = file.strip else { return Ok(()) };
        let Some(options) = self.strip.as_mut() else { return Ok(()) };
        for id in section.disable {
            let rule = strip::Rule::ALL
                .iter()
                .copied()
                .find(|r| r.id() == id.get_ref() || r.id().strip_prefix("strip/") == Some(id.get_ref()));
            match rule {
                Some(rule) => options.disabled.push(rule),
                None => {
                    let known: Vec<&str> = strip::Rule::ALL.iter().map(|r| r.id()).collect();
                    return Err(at(
                        id.span(),
                        format!("no strip rule {:?}; the rules are {}", id.get_ref(), known.join(", ")),
                    ));
                }
            }
        }
        options.agencies.extend(section.agencies);
        for pattern in section.pattern {
            if let Err(e) = regex::Regex::new(pattern.regex.get_ref()) {
                return Err(at(pattern.regex.span(), format!("not a valid regular expression: {e}")));
            }
            options.patterns.push(strip::Pattern { name: pattern.name, regex: pattern.regex.into_inner() });
        }
        if let Some(r) = section.repeated_lines {
            let mut settings = options.repeated.clone().unwrap_or_default();
            if let Some(n) = r.min_documents {
                if *n.get_ref() < 2 {
                    return Err(at(
                        n.span(),
                        "min-documents must be at least 2: a line in one document is never boilerplate".into(),
                    ));
                }
                settings.min_documents = n.into_inner();
            }
            if let Some(share) = r.min_share {
                if !(0.0..=1.0).contains(share.get_ref()) {
                    return Err(at(share.span(), "min-share is a fraction of the group, from 0 to 1".into()));
                }
                settings.min_share = share.into_inner();
            }
            settings.max_line_chars = r.max_line_chars.unwrap_or(settings.max_line_chars);
            settings.max_entries = r.max_entries.unwrap_or(settings.max_entries);
            settings.group_by = r.group_by.or(settings.group_by);
            options.repeated = r.enabled.then_some(settings);
        }
        Ok(())
    }
}

/// Line and column (from 1, in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// `textwash.toml`: one table per stage.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    strip: Option<StripSection>,
}

/// `[strip]`
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct StripSection {
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    agencies: Vec<String>,
    #[serde(default)]
    pattern: Vec<PatternSection>,
    repeated_lines: Option<RepeatedSection>,
}

/// `[[strip.pattern]]`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternSection {
    name: String,
    regex: Spanned<String>,
}

/// `[strip.repeated-lines]`
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RepeatedSection {
    #[serde(default)]
    enabled: bool,
    min_documents: Option<Spanned<u32>>,
    min_share: Option<Spanned<f64>>,
    max_line_chars: Option<usize>,
    max_entries: Option<usize>,
    group_by: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str) -> Result<Config, String> {
        let mut config = Config::default();
        config.apply_file(text, Path::new("textwash.toml")).map(|()| config).map_err(|e| e.to_string())
    }

    #[test]
    fn the_documented_example_applies() {
        let text = "[strip]\ndisable = [\"strip/stray-word\", \"furniture-run\"]\nagencies = [\"Northgate Pictures\"]\n\n[[strip.pattern]]\nname = \"footer\"\nregex = \"^Northgate Media\"\n\n[strip.repeated-lines]\nenabled = true\nmin-documents = 3\ngroup-by = \"site\"\n";
        let strip = apply(text).unwrap().strip.unwrap();
        assert_eq!(strip.disabled, [strip::Rule::StrayWord, strip::Rule::FurnitureRun]);
        assert_eq!(strip.agencies, ["Northgate Pictures"]);
        assert_eq!(strip.patterns[0].name, "footer");
        let repeated = strip.repeated.unwrap();
        assert_eq!((repeated.min_documents, repeated.group_by.as_deref()), (3, Some("site")));
    }

    #[test]
    fn mistakes_are_errors_with_their_line() {
        let typo = apply("[strip]\ndisabled = [\"strip/share\"]\n").unwrap_err();
        assert!(typo.starts_with("textwash.toml:2:1: unknown field `disabled`"), "{typo}");
        let rule = apply("[strip]\ndisable = [\"strip/shares\"]\n").unwrap_err();
        assert!(rule.starts_with("textwash.toml:2:12: no strip rule \"strip/shares\""), "{rule}");
        let regex = apply("[strip]\n\n[[strip.pattern]]\nname = \"x\"\nregex = \"(\"\n").unwrap_err();
        assert!(regex.starts_with("textwash.toml:5:9: not a valid regular expression"), "{regex}");
        let min = apply("[strip.repeated-lines]\nenabled = true\nmin-documents = 1\n").unwrap_err();
        assert!(min.starts_with("textwash.toml:3:17: min-documents must be at least 2"), "{min}");
        let syntax = apply("[strip\n").unwrap_err();
        assert!(syntax.starts_with("textwash.toml:1:"), "{syntax}");
    }

    #[test]
    fn the_nearest_file_is_found_walking_up() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep), Some(dir.path().join(FILE_NAME)));
        std::fs::write(dir.path().join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep), Some(dir.path().join("a").join(FILE_NAME)));
    }
}
