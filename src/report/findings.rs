//! Findings: the changes `textwash check` reports, in three formats.
//!
//! # `human`
//!
//! One finding per block, in the style of ruff and rustc: where, which rule,
//! why, and what would change.
//!
//! ```text
//! corpora/articles/01_en_storm.txt:9:1: strip/photo-credit a NAME/AGENCY photo credit line
//!     - "MIGUEL ROSA/AFP/Getty\n"
//! ```
//!
//! # `json`
//!
//! One JSON object per line (JSON Lines), one per finding. The schema is
//! stable: fields are only ever added, never renamed or removed.
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `path` | string | the input, as given (`<stdin>` for standard input) |
//! | `record` | number or null | for JSON Lines input, the line number of the record |
//! | `line`, `column` | number | where the change starts in the decoded text (from 1; columns count characters) |
//! | `rule` | string | rule id, `stage/name` |
//! | `stage` | string | `decode`, `repair`, `strip` or `normalize` |
//! | `message` | string | why, in words |
//! | `span` | `{start, end}` | byte range in the text as it entered the stage (raw input bytes for `decode`) |
//! | `before`, `after` | string | the text there, and what `clean` puts instead (empty: removed) |
//! | `plan` | array | for repairs, the replayable steps (`{"action": "encode", ...}`); absent otherwise |
//!
//! # `github`
//!
//! GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::…`),
//! which show as annotations on the lines of a pull request. For JSON Lines
//! the annotation goes on the record's line and the message says where in the
//! field.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{Location, visible};
use crate::change::{Change, Rule};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `path:line:col: rule why`, then what would change.
    Human,
    /// One JSON object per finding (see the module docs).
    Json,
    /// GitHub Actions annotations.
    Github,
}

/// One change as `check` reports it: the document, where, and what.
#[derive(Debug, Clone, Copy)]
pub struct Finding<'a> {
    /// The input's name.
    pub path: &'a str,
    /// For JSON Lines, the record's line number.
    pub record: Option<u64>,
    /// Where the change starts in the decoded text.
    pub at: Location,
    /// The change.
    pub change: &'a Change,
}

const PATH: Style = Style::new().bold();
const RULE: Style = AnsiColor::Cyan.on_default().bold();
const REMOVED: Style = AnsiColor::Red.on_default();
const ADDED: Style = AnsiColor::Green.on_default();

/// Writes `text` in `style` when colour is on.
fn paint(out: &mut impl Write, color: bool, style: Style, text: &str) -> io::Result<()> {
    if color { write!(out, "{style}{text}{style:#}") } else { out.write_all(text.as_bytes()) }
}

/// Writes one finding in `format`.
///
/// # Errors
///
/// When writing fails.
pub fn write(out: &mut impl Write, format: Format, color: bool, f: &Finding<'_>) -> io::Result<()> {
    match format {
        Format::Human => human(out, color, f),
        Format::Json => json(out, f),
        Format::Github => github(out, f),
    }
}

fn human(out: &mut impl Write, color: bool, f: &Finding<'_>) -> io::Result<()> {
    let place = match f.record {
        Some(record) => format!("{}:{record}:{}:{}:", f.path, f.at.line, f.at.column),
        None => format!("{}:{}:{}:", f.path, f.at.line, f.at.column),
    };
    paint(out, color, PATH, &place)?;
    out.write_all(b" ")?;
    paint(out, color, RULE, f.change.rule.id())?;
    writeln!(out, " {}", f.change.reason)?;
    if !f.change.before.is_empty() {
        paint(out, color, REMOVED, &format!("    - {}", visible(&f.change.before, 72)))?;
        out.write_all(b"\n")?;
    }
    if !f.change.after.is_empty() {
        paint(out, color, ADDED, &format!("    + {}", visible(&f.change.after, 72)))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn json(out: &mut impl Write, f: &Finding<'_>) -> io::Result<()> {
    let mut finding = serde_json::json!({
        "path": f.path,
        "record": f.record,
        "line": f.at.line,
        "column": f.at.column,
        "rule": f.change.rule,
        "stage": f.change.rule.stage(),
        "message": f.change.reason,
        "span": f.change.span,
        "before": f.change.before,
        "after": f.change.after,
    });
    if !f.change.plan.is_empty() {
        finding["plan"] = serde_json::to_value(&f.change.plan).map_err(io::Error::other)?;
    }
    serde_json::to_writer(&mut *out, &finding)?;
    out.write_all(b"\n")
}

fn github(out: &mut impl Write, f: &Finding<'_>) -> io::Result<()> {
    let (line, col, inside) = match f.record {
        Some(record) => (record, 1, format!(" (record field, line {} column {})", f.at.line, f.at.column)),
        None => (f.at.line as u64, f.at.column, String::new()),
    };
    let what = match (f.change.before.is_empty(), f.change.after.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(": remove {}", visible(&f.change.before, 60)),
        _ => format!(": {} → {}", visible(&f.change.before, 40), visible(&f.change.after, 40)),
    };
    writeln!(
        out,
        "::error file={},line={line},col={col},title={}::{}",
        escape_property(f.path),
        escape_property(f.change.rule.id()),
        escape_data(&format!("{}{inside}{what}", f.change.reason))
    )
}

/// Escapes a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Which rules count: `--select` and `--ignore`, by rule id or stage prefix.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl Selection {
    /// Builds a selection; each entry is a stage (`repair`), a rule id
    /// (`strip/photo-credit`) or `all`. An empty `select` selects everything.
    ///
    /// # Errors
    ///
    /// An entry that names no stage or rule, with the valid ones listed.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Selection, String> {
        let check = |entry: &String| -> Result<String, String> {
            let e = entry.trim().trim_end_matches('/').to_owned();
            let known = e == "all" || Rule::all().any(|r| r.id() == e || r.stage().name() == e);
            if known {
                Ok(e)
            } else {
                let ids: Vec<&str> = Rule::all().map(Rule::id).collect();
                Err(format!(
                    "unknown rule or stage {entry:?}; use all, decode, repair, strip, normalize or one of: {}",
                    ids.join(", ")
                ))
            }
        };
        Ok(Selection {
            select: select.iter().map(check).collect::<Result<_, _>>()?,
            ignore: ignore.iter().map(check).collect::<Result<_, _>>()?,
        })
    }

    /// True when findings of `rule` count.
    #[must_use]
    pub fn matches(&self, rule: Rule) -> bool {
        let hit = |entry: &String| entry == "all" || entry == rule.id() || entry == rule.stage().name();
        (self.select.is_empty() || self.select.iter().any(hit)) && !self.ignore.iter().any(hit)
    }
}

/// Counts of findings per rule, for `--statistics` and summaries.
#[derive(Debug, Clone, Default)]
pub struct Statistics {
    /// Findings per rule.
    pub findings: BTreeMap<Rule, u64>,
    /// Documents with at least one finding of the rule.
    pub documents: BTreeMap<Rule, u64>,
}

impl Statistics {
    /// Counts one document's findings.
    pub fn add(&mut self, rules: impl IntoIterator<Item = Rule>) {
        let mut seen = std::collections::BTreeSet::new();
        for rule in rules {
            *self.findings.entry(rule).or_default() += 1;
            if seen.insert(rule) {
                *self.documents.entry(rule).or_default() += 1;
            }
        }
    }

    /// Total findings.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.findings.values().sum()
    }

    /// Writes a table: count, documents, rule id, what the rule does.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn write(&self, out: &mut impl Write, color: bool) -> io::Result<()> {
        let width = self.findings.keys().map(|r| r.id().len()).max().unwrap_or(4).max(4);
        writeln!(out, "{:>8} {:>9}  {:width$}  what", "findings", "documents", "rule")?;
        for (rule, count) in &self.findings {
            write!(out, "{count:>8} {:>9}  ", self.documents.get(rule).copied().unwrap_or(0))?;
            paint(out, color, RULE, &format!("{:width$}", rule.id()))?;
            writeln!(out, "  {}", rule.summary())?;
        }
        writeln!(out, "{:>8} {:>9}  total", self.total(), "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Span;

    fn change() -> Change {
        Change {
            rule: Rule::Strip(crate::strip::Rule::PhotoCredit),
            span: Span::new(10, 32),
            before: "MARIA LOPEZ/AFP/Getty\n".into(),
            after: Default::default(),
            reason: "a NAME/AGENCY photo credit line".into(),
            plan: crate::repair::Plan::Borrowed(&[]),
        }
    }

    fn render(format: Format, record: Option<u64>) -> String {
        let change = change();
        let f = Finding { path: "a,b:c.txt", record, at: Location { line: 3, column: 1 }, change: &change };
        let mut out = Vec::new();
        write(&mut out, format, false, &f).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_format_says_where_and_what() {
        assert_eq!(
            render(Format::Human, None),
            "a,b:c.txt:3:1: strip/photo-credit a NAME/AGENCY photo credit line\n    - \"MARIA LOPEZ/AFP/Getty\\n\"\n"
        );
        assert_eq!(
            render(Format::Github, None),
            "::error file=a%2Cb%3Ac.txt,line=3,col=1,title=strip/photo-credit::a NAME/AGENCY photo credit line: remove \"MARIA LOPEZ/AFP/Getty\\n\"\n"
        );
        assert!(
            render(Format::Github, Some(17)).contains("line=17,col=1")
                && render(Format::Github, Some(17)).contains("line 3 column 1")
        );
        let json: serde_json::Value = serde_json::from_str(&render(Format::Json, Some(17))).unwrap();
        assert_eq!(json["record"], 17);
        assert_eq!(json["rule"], "strip/photo-credit");
        assert_eq!(json["stage"], "strip");
        assert_eq!(json["span"]["start"], 10);
        assert!(json.get("plan").is_none());
    }

    #[test]
    fn selection_by_stage_rule_and_ignore() {
        let photo = Rule::Strip(crate::strip::Rule::PhotoCredit);
        let advert = Rule::Strip(crate::strip::Rule::Advert);
        let nfc = Rule::Normalize(crate::normalize::Rule::Nfc);
        let s = Selection::new(&["strip".into()], &["strip/advert".into()]).unwrap();
        assert!(s.matches(photo) && !s.matches(advert) && !s.matches(nfc));
        assert!(Selection::new(&[], &[]).unwrap().matches(nfc));
        let err = Selection::new(&["strip/credits".into()], &[]).unwrap_err();
        assert!(err.contains("unknown rule or stage \"strip/credits\"") && err.contains("strip/photo-credit"));
    }

    #[test]
    fn statistics_count_findings_and_documents() {
        let photo = Rule::Strip(crate::strip::Rule::PhotoCredit);
        let mut stats = Statistics::default();
        stats.add([photo, photo]);
        stats.add([photo]);
        assert_eq!((stats.findings[&photo], stats.documents[&photo], stats.total()), (3, 2, 3));
        let mut out = Vec::new();
        stats.write(&mut out, false).unwrap();
        let table = String::from_utf8(out).unwrap();
        assert!(table.contains("       3         2  strip/photo-credit  a photo credit line"), "{table}");
    }
}
