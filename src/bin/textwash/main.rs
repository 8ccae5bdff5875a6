//! The `textwash` binary: parses arguments, builds a [`Cleaner`] and a
//! [`Job`], runs them, and turns the outcome into output and an exit code.
//! All the work happens in the library.

mod args;

use std::io::{self, IsTerminal, Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Parser;

use textwash::batch::{self, Format, Job, Listener, Outcome, Status, Summary};
use textwash::input::{self, WalkOptions};
use textwash::output::Target;
use textwash::report::{self, Location};
use textwash::{Cleaner, Config, decode, repair};

use args::{CheckArgs, CleanArgs, Cli, Command, ExplainArgs, InputArgs, PipelineArgs};

/// Nothing to report, or success.
const SUCCESS: u8 = 0;
/// `check` found something `clean` would change.
const FINDINGS: u8 = 1;
/// Something failed: a document could not be read, decoded or written.
const FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => clean(&args),
        Command::Check(args) => check(&args),
        Command::Explain(args) => explain(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(SUCCESS),
        Err(e) => {
            eprintln!("textwash: error: {e:#}");
            ExitCode::from(FAILURE)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

/// The pipeline configuration the flags ask for.
fn config(p: &PipelineArgs) -> anyhow::Result<Config> {
    let mut config = Config::default();
    if let Some(label) = &p.encoding {
        let Some(decode) = config.decode.as_mut().filter(|_| !p.no_decode) else {
            bail!("--encoding and --no-decode contradict each other: --encoding needs the decode stage");
        };
        decode.encoding = Some(decode::encoding_for_label(label)?);
    }
    if p.no_decode {
        config.decode = None;
    }
    if let Some(repair) = config.repair.as_mut() {
        repair.html_entities = match p.html_entities {
            args::HtmlEntities::Off => repair::HtmlEntities::Off,
            args::HtmlEntities::On => repair::HtmlEntities::On,
            args::HtmlEntities::Auto => repair::HtmlEntities::Auto,
        };
    }
    if p.no_repair {
        config.repair = None;
    }
    if p.no_strip {
        config.strip = None;
    }
    if p.no_normalize {
        config.normalize = None;
    }
    Ok(config)
}

fn threads(input: &InputArgs) -> usize {
    input.threads.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from)
}

fn format(input: &InputArgs) -> Format {
    if input.jsonl { Format::Jsonl { field: input.field.clone() } } else { Format::Text }
}

/// The paths to read, with stdin when there are none.
fn paths(input: &InputArgs) -> Vec<PathBuf> {
    if input.paths.is_empty() { vec![PathBuf::from("-")] } else { input.paths.clone() }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Where `clean` writes, checked against the inputs before anything runs.
fn clean_target(args: &CleanArgs, paths: &[PathBuf]) -> anyhow::Result<Target> {
    let directory_input = paths.iter().find(|p| p.is_dir());
    if args.in_place {
        if paths.iter().any(|p| is_stdin(p)) {
            bail!("--in-place rewrites files; it cannot rewrite stdin (drop --in-place to write stdout)");
        }
        return Ok(Target::InPlace);
    }
    let Some(out) = &args.output else {
        if let Some(dir) = directory_input {
            bail!(
                "{} is a directory: give -o DIR to write a cleaned copy of the tree, or --in-place to rewrite it",
                dir.display()
            );
        }
        return Ok(Target::Stdout);
    };
    if paths.len() == 1 && directory_input.is_none() && !out.is_dir() {
        return Ok(Target::File(out.clone()));
    }
    if out.exists() && !out.is_dir() {
        bail!("{} exists and is not a directory; several inputs or a directory need -o DIR", out.display());
    }
    for dir in paths.iter().filter(|p| p.is_dir()) {
        if same_file(dir, out) {
            bail!("-o {} is the input directory itself; use --in-place to rewrite the files there", out.display());
        }
    }
    Ok(Target::Mirror(out.clone()))
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

fn clean(args: &CleanArgs) -> anyhow::Result<u8> {
    let cleaner = Cleaner::new(&config(&args.pipeline)?)?;
    let paths = paths(&args.input);
    let target = clean_target(args, &paths)?;
    let exclude = match &target {
        Target::Mirror(dir) => Some(dir.clone()),
        _ => None,
    };
    let job = Job { format: format(&args.input), target, threads: threads(&args.input), keep_texts: args.explain };
    let sources = input::walk(&paths, &WalkOptions { hidden: args.input.hidden, exclude });
    let mut messages = Messages::new(args.explain);
    let summary = batch::run(&cleaner, &job, sources, &mut messages)?;
    if !args.quiet && io::stderr().is_terminal() {
        eprintln!("{}", summary_line(&summary));
    }
    Ok(if summary.failed > 0 { FAILURE } else { SUCCESS })
}

fn check(args: &CheckArgs) -> anyhow::Result<u8> {
    let cleaner = Cleaner::new(&config(&args.pipeline)?)?;
    let paths = paths(&args.input);
    let job =
        Job { format: format(&args.input), target: Target::Nowhere, threads: threads(&args.input), keep_texts: true };
    let sources = input::walk(&paths, &WalkOptions { hidden: args.input.hidden, exclude: None });
    let mut findings = Findings { format: args.format, out: io::stdout().lock(), error: None, found: 0 };
    let summary = batch::run(&cleaner, &job, sources, &mut findings)?;
    if let Some(e) = findings.error {
        return Err(e.into());
    }
    findings.out.flush()?;
    if !args.quiet && io::stderr().is_terminal() {
        eprintln!("{}", summary_line(&summary));
    }
    Ok(if summary.failed > 0 {
        FAILURE
    } else if findings.found > 0 {
        FINDINGS
    } else {
        SUCCESS
    })
}

fn explain(args: &ExplainArgs) -> anyhow::Result<u8> {
    let cleaner = Cleaner::new(&config(&args.pipeline)?)?;
    let bytes = match (&args.text, &args.file) {
        (Some(text), _) => text.clone().into_bytes(),
        (None, Some(file)) => std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?,
        (None, None) => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).context("cannot read stdin")?;
            bytes
        }
    };
    // A string given on the command line is already text: it is not decoded.
    let textwash::cleaner::Decoded { text: decoded, mut changes, .. } = match &args.text {
        Some(text) => textwash::cleaner::Decoded { text: text.as_str().into(), changes: Vec::new(), decoding: None },
        None => cleaner.decode(&bytes)?,
    };
    let cleaned = cleaner.clean_str(&decoded);
    changes.extend(cleaned.changes);
    let mut out = io::stdout().lock();
    if changes.is_empty() {
        writeln!(out, "nothing to change")?;
        return Ok(SUCCESS);
    }
    for (change, location) in changes.iter().zip(report::locate(&decoded, &changes)) {
        write!(out, "{}", report::describe(change, location))?;
    }
    writeln!(out, "{} change{}", changes.len(), if changes.len() == 1 { "" } else { "s" })?;
    if args.text.is_some() {
        writeln!(out, "result: {}", report::visible(&cleaned.text, usize::MAX))?;
    }
    Ok(SUCCESS)
}

/// "path" or "path:record" for messages.
fn place(outcome: &Outcome<'_>) -> String {
    match outcome.record {
        Some(record) => format!("{}:{record}", outcome.source.name()),
        None => outcome.source.name(),
    }
}

/// The `clean` listener: errors and warnings (and with --explain, every
/// change) on stderr.
struct Messages {
    explain: bool,
    err: io::Stderr,
}

impl Messages {
    fn new(explain: bool) -> Messages {
        Messages { explain, err: io::stderr() }
    }
}

impl Listener for Messages {
    fn outcome(&mut self, outcome: &Outcome<'_>) -> ControlFlow<()> {
        let mut err = self.err.lock();
        let _ = match outcome.status {
            Status::Cleaned => Ok(()),
            Status::Skipped(why) => writeln!(err, "textwash: warning: {}: {why}", place(outcome)),
            Status::Failed(why) => writeln!(err, "textwash: {}: {why}", place(outcome)),
        };
        if self.explain && !outcome.changes.is_empty() {
            let (before, _) = outcome.texts.unwrap_or_default();
            let _ = writeln!(err, "{}:", place(outcome));
            for (change, location) in outcome.changes.iter().zip(report::locate(before, outcome.changes)) {
                let _ =
                    write!(err, "  {}", report::describe(change, location).replace('\n', "\n  ").trim_end_matches(' '));
            }
        }
        ControlFlow::Continue(())
    }
}

/// The `check` listener: one finding per change, on stdout.
struct Findings {
    format: args::Format,
    out: io::StdoutLock<'static>,
    error: Option<io::Error>,
    found: u64,
}

impl Listener for Findings {
    fn outcome(&mut self, outcome: &Outcome<'_>) -> ControlFlow<()> {
        match outcome.status {
            Status::Cleaned => {}
            Status::Skipped(why) => eprintln!("textwash: warning: {}: {why}", place(outcome)),
            Status::Failed(why) => eprintln!("textwash: {}: {why}", place(outcome)),
        }
        let (before, _) = outcome.texts.unwrap_or_default();
        for (change, location) in outcome.changes.iter().zip(report::locate(before, outcome.changes)) {
            self.found += 1;
            let written = match self.format {
                args::Format::Human => write_human(&mut self.out, outcome, change, location),
                args::Format::Json => write_json(&mut self.out, outcome, change, location),
            };
            if let Err(e) = written {
                self.error = Some(e);
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    }
}

fn write_human(out: &mut impl Write, outcome: &Outcome<'_>, change: &textwash::Change, at: Location) -> io::Result<()> {
    let what = match (change.before.is_empty(), change.after.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(": remove {}", report::visible(&change.before, 60)),
        _ => format!(": {} → {}", report::visible(&change.before, 40), report::visible(&change.after, 40)),
    };
    writeln!(out, "{}:{}:{}: {} {}{what}", place(outcome), at.line, at.column, change.rule, change.reason)
}

fn write_json(out: &mut impl Write, outcome: &Outcome<'_>, change: &textwash::Change, at: Location) -> io::Result<()> {
    let finding = serde_json::json!({
        "path": outcome.source.name(),
        "record": outcome.record,
        "line": at.line,
        "column": at.column,
        "rule": change.rule,
        "stage": change.rule.stage(),
        "span": change.span,
        "before": change.before,
        "after": change.after,
        "reason": change.reason,
        "plan": change.plan,
    });
    serde_json::to_writer(&mut *out, &finding)?;
    writeln!(out)
}

fn summary_line(s: &Summary) -> String {
    let secs = s.elapsed.as_secs_f64();
    let mb = s.bytes_in as f64 / 1e6;
    format!(
        "textwash: {} document{}, {} changed, {} skipped, {} failed; {mb:.1} MB in {secs:.2} s ({:.0} MB/s)",
        s.documents,
        if s.documents == 1 { "" } else { "s" },
        s.changed,
        s.skipped,
        s.failed,
        if secs > 0.0 { mb / secs } else { 0.0 }
    )
}
