//! Command-line arguments, as close to what the user typed as possible.
//! Turning them into a [`textwash::Config`] and a [`textwash::batch::Job`]
//! (and rejecting combinations that make no sense) happens in `main.rs`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Clean text that went through careless hands.
///
/// textwash decodes legacy encodings, repairs mojibake ("â€™", "Ã©", a stray
/// "Â"), strips photo credits and boilerplate lines, normalizes Unicode and
/// writes clean UTF-8, explaining every change.
///
/// Pipeline: read → decode → repair → strip → normalize → write.
///
/// Exit status: 0 success (for `check`: nothing to change), 1 `check` found
/// something to change, 2 an error (a document could not be read or cleaned;
/// every other document was still processed).
#[derive(Debug, Parser)]
#[command(name = "textwash", version, max_term_width = 100, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean files, directory trees, JSON Lines dumps or stdin
    ///
    /// With no PATH (or "-"), reads stdin and writes stdout. Files are written
    /// to stdout one after another unless -o or --in-place says otherwise.
    /// A directory needs -o DIR (a mirrored tree) or --in-place.
    ///
    /// Examples:
    ///
    ///   textwash clean article.txt > clean.txt
    ///
    ///   textwash clean scraped/ -o clean/
    ///
    ///   textwash clean --in-place scraped/
    ///
    ///   zcat dump.jsonl.gz | textwash clean --jsonl --field body | gzip > clean.jsonl.gz
    #[command(verbatim_doc_comment)]
    Clean(CleanArgs),
    /// Report what `clean` would change, and write nothing.
    ///
    /// Runs exactly the pipeline `clean` runs. Exit status 0 when nothing
    /// would change, 1 when something would, 2 on an error.
    Check(CheckArgs),
    /// Show each change and why, step by step, for a string, a file or stdin
    ///
    /// Examples:
    ///
    ///   textwash explain 'Itâ€™s cafÃ©'
    ///
    ///   textwash explain --file article.txt
    #[command(verbatim_doc_comment)]
    Explain(ExplainArgs),
}

/// Options shared by every command that runs the pipeline.
#[derive(Debug, Args)]
pub struct PipelineArgs {
    /// Switch off the decode stage: input must be UTF-8 (a document that is
    /// not is reported and passed through unchanged).
    #[arg(long, help_heading = "Stages")]
    pub no_decode: bool,
    /// Switch off the repair stage (mojibake repair).
    #[arg(long, help_heading = "Stages")]
    pub no_repair: bool,
    /// Switch off the strip stage (credits and boilerplate lines).
    #[arg(long, help_heading = "Stages")]
    pub no_strip: bool,
    /// Switch off the normalize stage (Unicode form, line endings, white space).
    #[arg(long, help_heading = "Stages")]
    pub no_normalize: bool,
    /// Decode every input with this encoding instead of detecting it (a WHATWG
    /// label: windows-1252, iso-8859-2, windows-1251, koi8-r, shift_jis, gbk,
    /// big5, euc-kr, utf-16le, ...). A byte-order mark still wins.
    #[arg(long, value_name = "LABEL", help_heading = "Stages")]
    pub encoding: Option<String>,
    /// Put text in NFKC instead of NFC: also fold ligatures, superscripts,
    /// full-width forms and every kind of space into their plain twins ("x²"
    /// → "x2", "ﬁ" → "fi"). Changes meaning in places, so it is not the
    /// default.
    #[arg(long, help_heading = "Normalize")]
    pub nfkc: bool,
    /// Keep at most N blank lines in a row [default: 1, which keeps
    /// paragraph breaks]. 0 removes every blank line.
    #[arg(long, value_name = "N", help_heading = "Normalize")]
    pub max_blank_lines: Option<usize>,
    /// Switch normalize rules on, by name (comma-separated or repeated). Off
    /// by default: nbsp, ascii-punctuation, fullwidth, ligatures, nfkc.
    #[arg(
        long,
        value_name = "RULE,...",
        value_delimiter = ',',
        value_parser = normalize_rules(),
        hide_possible_values = true,
        help_heading = "Normalize"
    )]
    pub normalize_on: Vec<String>,
    /// Switch normalize rules off, by name (comma-separated or repeated).
    /// Every rule has a name; a change report shows it after
    /// "normalize/". The rules:
    #[arg(
        long,
        value_name = "RULE,...",
        value_delimiter = ',',
        value_parser = normalize_rules(),
        help_heading = "Normalize"
    )]
    pub normalize_off: Vec<String>,
    /// Read the configuration from this file instead of the nearest
    /// textwash.toml (in the current directory or the closest of its
    /// parents). Flags win over the file.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config", help_heading = "Configuration")]
    pub config: Option<PathBuf>,
    /// Ignore textwash.toml files: built-in rules and flags only.
    #[arg(long, help_heading = "Configuration")]
    pub no_config: bool,
    /// Also remove short lines that many documents of the same source share:
    /// footers, section labels, "follow us" lines. Makes a first pass over all
    /// inputs to count lines (stdin is saved to a temporary file to be read
    /// twice), so output starts only after all input was read once. A line
    /// found in one document is never removed this way.
    #[arg(long, help_heading = "Strip")]
    pub repeated_lines: bool,
    /// With --repeated-lines: remove a line only when at least N documents of
    /// its source have it [default: 5].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..), help_heading = "Strip")]
    pub repeated_min_documents: Option<u32>,
    /// With --repeated-lines: ... and at least this share (0 to 1) of the
    /// documents of its source [default: 0.1].
    #[arg(long, value_name = "FRACTION", value_parser = parse_share, help_heading = "Strip")]
    pub repeated_min_share: Option<f64>,
    /// With --repeated-lines and --jsonl: the field that names a record's
    /// source [default: the first of source, domain, url (by host)]. Text
    /// files are grouped by their directory.
    #[arg(long, value_name = "FIELD", help_heading = "Strip")]
    pub group_by: Option<String>,
    /// HTML character references (&amp;, &eacute;, &#8217;) in the text:
    /// "auto" unescapes them in documents without markup (no "<" followed
    /// by a letter, "/", "!" or "?"), where they are escapes nobody undid;
    /// "on" everywhere; "off" never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = HtmlEntities::Auto, help_heading = "Repair")]
    pub html_entities: HtmlEntities,
}

impl PipelineArgs {
    /// Whether any flag of the normalize stage was given.
    pub fn normalize_flags(&self) -> bool {
        self.nfkc || self.max_blank_lines.is_some() || !self.normalize_on.is_empty() || !self.normalize_off.is_empty()
    }
}

/// The names of the normalize rules, each with what it does (shown by
/// `--help`).
fn normalize_rules() -> PossibleValuesParser {
    let rules = textwash::normalize::Rule::ALL;
    PossibleValuesParser::new(rules.iter().map(|rule| PossibleValue::new(rule.name()).help(rule.summary())))
}

fn parse_share(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(share) if (0.0..=1.0).contains(&share) => Ok(share),
        _ => Err("a share is a number from 0 to 1, such as 0.1 for 10 %".to_owned()),
    }
}

/// When the repair stage unescapes HTML character references.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HtmlEntities {
    /// Never.
    Off,
    /// Always.
    On,
    /// In documents without markup.
    Auto,
}

/// Options for reading inputs.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories to read; "-" or nothing reads stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read JSON Lines: clean one string field of each record, keep every
    /// other byte of the record as it was.
    #[arg(long, help_heading = "Input")]
    pub jsonl: bool,
    /// The field to clean in --jsonl mode.
    #[arg(long, value_name = "NAME", default_value = "text", requires = "jsonl", help_heading = "Input")]
    pub field: String,
    /// Also read hidden files and directories (names starting with ".") when
    /// walking a directory.
    #[arg(long, help_heading = "Input")]
    pub hidden: bool,
    /// Threads that clean [default: the number of CPUs]. The output is the
    /// same for every thread count.
    ///
    /// Reading the input and writing the output have a thread each beside
    /// them, so `-j 1` may use a little more than one CPU (about 1.25 on a
    /// batch of small files); to hold a run to exactly one, pin it
    /// (`taskset -c 0 textwash ...`).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// Write to this file (one input) or directory (mirrors the input tree;
    /// created if needed).
    #[arg(short, long, value_name = "PATH", conflicts_with_all = ["in_place", "diff"], help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Rewrite each input file atomically (a temporary file renamed over it).
    /// Files that need no change are not touched.
    #[arg(long, conflicts_with = "diff", help_heading = "Output")]
    pub in_place: bool,
    /// Resume a stopped run: skip inputs whose output under -o already
    /// exists. Outputs only ever appear complete (written to a temporary
    /// file, then renamed), so an existing one can be trusted.
    #[arg(long, requires = "output", help_heading = "Output")]
    pub skip_existing: bool,
    /// Print a unified diff of what would change, instead of writing.
    #[arg(long, help_heading = "Output")]
    pub diff: bool,
    /// Print each change and why to stderr while cleaning.
    #[arg(long, help_heading = "Output")]
    pub explain: bool,
    /// Also write every line the strip stage removed to FILE, as JSON Lines:
    /// {"path", "record", "line", "rule", "reason", "text"} (record is the
    /// JSON Lines line number or null; line counts from 1 in the document as
    /// read; text is the line without its line break).
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub removed: Option<PathBuf>,
    #[command(flatten)]
    pub messages: MessageArgs,
}

/// What to print on stderr besides errors.
#[derive(Debug, Args)]
pub struct MessageArgs {
    /// Print nothing to stderr but errors and warnings: no progress bar, no
    /// summary.
    #[arg(short, long, help_heading = "Messages")]
    pub quiet: bool,
    /// Colour in terminal output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", help_heading = "Messages")]
    pub color: ColorChoice,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// How to print findings: human (file:line:col, rule, what would
    /// change), json (one object per line, a stable schema) or github
    /// (workflow annotations on the lines of a pull request).
    #[arg(long, value_enum, default_value_t = Format::Human, help_heading = "Findings")]
    pub format: Format,
    /// Print a count of findings per rule instead of each finding.
    #[arg(long, help_heading = "Findings")]
    pub statistics: bool,
    /// Report only these rules: rule ids (strip/photo-credit) or stages
    /// (repair), comma-separated or repeated [default: all].
    #[arg(long, value_name = "RULES", value_delimiter = ',', help_heading = "Findings")]
    pub select: Vec<String>,
    /// Do not report these rules or stages.
    #[arg(long, value_name = "RULES", value_delimiter = ',', help_heading = "Findings")]
    pub ignore: Vec<String>,
    /// Exit 1 only when more than N findings are reported (after --select
    /// and --ignore); up to N are tolerated.
    #[arg(long, value_name = "N", default_value_t = 0, help_heading = "Findings")]
    pub threshold: u64,
    #[command(flatten)]
    pub messages: MessageArgs,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// file:line:col: rule why, then what would change.
    Human,
    /// One JSON object per finding, per line.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The text to explain (reads --file or stdin when absent).
    #[arg(value_name = "TEXT", conflicts_with = "file")]
    pub text: Option<String>,
    /// Explain the changes to this file.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn field_requires_jsonl_and_output_conflicts_with_in_place() {
        assert!(Cli::try_parse_from(["textwash", "clean", "--field", "body", "x"]).is_err());
        assert!(Cli::try_parse_from(["textwash", "clean", "-o", "out", "--in-place", "x"]).is_err());
        assert!(Cli::try_parse_from(["textwash", "clean", "-j", "0"]).is_err());
        assert!(Cli::try_parse_from(["textwash", "clean", "--diff", "--in-place", "x"]).is_err());
        let cli =
            Cli::try_parse_from(["textwash", "check", "--select", "repair,strip/advert", "--select", "normalize"])
                .unwrap();
        let Command::Check(args) = cli.command else { panic!("check") };
        assert_eq!(args.select, ["repair", "strip/advert", "normalize"]);
        let cli = Cli::try_parse_from(["textwash", "clean", "--jsonl", "--no-strip", "-j", "2", "a", "b"]).unwrap();
        let Command::Clean(args) = cli.command else { panic!("clean") };
        assert_eq!(
            (args.input.jsonl, args.input.field.as_str(), args.pipeline.no_strip, args.input.threads),
            (true, "text", true, Some(2))
        );
        assert_eq!(args.input.paths, [PathBuf::from("a"), PathBuf::from("b")]);
    }

    #[test]
    fn normalize_rules_are_named_and_listed() {
        let cli = Cli::try_parse_from([
            "textwash",
            "check",
            "--normalize-off",
            "trailing-whitespace,joiner",
            "--normalize-on=nbsp",
            "--normalize-on",
            "ligatures",
            "--nfkc",
            "--max-blank-lines",
            "2",
        ])
        .unwrap();
        let Command::Check(args) = cli.command else { panic!("check") };
        let p = args.pipeline;
        assert_eq!(p.normalize_off, ["trailing-whitespace", "joiner"]);
        assert_eq!(p.normalize_on, ["nbsp", "ligatures"]);
        assert!(p.nfkc && p.max_blank_lines == Some(2) && p.normalize_flags());
        let err = Cli::try_parse_from(["textwash", "clean", "--normalize-off", "nfd"]).unwrap_err();
        assert!(err.to_string().contains("trailing-whitespace"), "the error lists the rules: {err}");
    }
}
