//! Command-line arguments, as close to what the user typed as possible.
//! Turning them into a [`textwash::Config`] and a [`textwash::batch::Job`]
//! (and rejecting combinations that make no sense) happens in `main.rs`.

use std::path::PathBuf;

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
    /// Clean files, directory trees, JSON Lines dumps or stdin.
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
    /// Show each change and why, step by step, for a string, a file or stdin.
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
}

fn parse_share(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(share) if (0.0..=1.0).contains(&share) => Ok(share),
        _ => Err("a share is a number from 0 to 1, such as 0.1 for 10 %".to_owned()),
    }
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
    /// Worker threads [default: the number of CPUs]. The output is the same
    /// for every thread count.
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
    #[arg(short, long, value_name = "PATH", conflicts_with = "in_place", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Rewrite each input file atomically (a temporary file renamed over it).
    /// Files that need no change are not touched.
    #[arg(long, help_heading = "Output")]
    pub in_place: bool,
    /// Print each change and why to stderr while cleaning.
    #[arg(long, help_heading = "Output")]
    pub explain: bool,
    /// Also write every line the strip stage removed to FILE, as JSON Lines:
    /// {"path", "record", "line", "rule", "reason", "text"} (record is the
    /// JSON Lines line number or null; line counts from 1 in the document as
    /// read; text is the line without its line break).
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub removed: Option<PathBuf>,
    /// Print nothing to stderr but errors.
    #[arg(short, long, help_heading = "Output")]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Print nothing but findings and errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// file:line:col, rule id and what would change.
    Human,
    /// One JSON object per finding.
    Json,
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
        let cli = Cli::try_parse_from(["textwash", "clean", "--jsonl", "--no-strip", "-j", "2", "a", "b"]).unwrap();
        let Command::Clean(args) = cli.command else { panic!("clean") };
        assert_eq!(
            (args.input.jsonl, args.input.field.as_str(), args.pipeline.no_strip, args.input.threads),
            (true, "text", true, Some(2))
        );
        assert_eq!(args.input.paths, [PathBuf::from("a"), PathBuf::from("b")]);
    }
}
