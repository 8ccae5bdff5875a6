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
    /// HTML character references (&amp;, &eacute;, &#8217;) in the text:
    /// "auto" unescapes them in documents without markup (no "<" followed
    /// by a letter, "/", "!" or "?"), where they are escapes nobody undid;
    /// "on" everywhere; "off" never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = HtmlEntities::Auto, help_heading = "Repair")]
    pub html_entities: HtmlEntities,
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
