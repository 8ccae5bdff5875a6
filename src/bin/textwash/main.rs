//! The `textwash` binary: parses arguments, builds a [`Cleaner`] and a
//! [`Job`], runs them, and turns the outcome into output and an exit code.
//! All the work happens in the library.

mod args;
mod ui;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context, bail};
use clap::Parser;

use textwash::batch::{self, Format, Job};
use textwash::input::{self, WalkOptions};
use textwash::output::{self, Target};
use textwash::report;
use textwash::report::findings::{self, Selection};
use textwash::{Cleaner, Config, decode, normalize, repair};

use ui::{Reporter, Show};

use args::{CheckArgs, CleanArgs, Cli, Command, ExplainArgs, InputArgs, PipelineArgs};

/// Nothing to report, or success.
const SUCCESS: u8 = 0;
/// `check` found something `clean` would change.
const FINDINGS: u8 = 1;
/// Something failed: a document could not be read, decoded or written.
const FAILURE: u8 = 2;

/// Tells glibc's allocator to keep the memory the cleaning threads free for
/// their next document instead of handing it back to the kernel.
///
/// By default glibc gives free memory at the top of a thread's heap back
/// once there is more than 128 KB of it, and maps big blocks afresh; it
/// raises both bars as big blocks are freed, but the cleaning threads'
/// heaps were still trimmed after most documents, and each document grew its
/// buffers (the text a stage rewrites, the list of its changes) into pages
/// the kernel had to fault in and zero again. On the mojibake corpus, whose
/// every line changes, that was 134,000 page faults for 105 MB; with these
/// settings 5,900, and the run 9 % faster (3,036 → 2,738 ms, medians of 7).
/// Blocks of 32 MB and more (only a huge line makes them) are still mapped
/// and unmapped, and memory stays bounded by the batch design (a few
/// batches in flight, big files in parts): what is kept is at most what the
/// run's peak used.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: `mallopt` only sets allocator parameters, before any thread
    // but this one exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}

fn main() -> ExitCode {
    keep_freed_memory();
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
    let file = match (&p.config, p.no_config) {
        (Some(path), _) => Some(path.clone()),
        (None, true) => None,
        (None, false) => textwash::config::find(&std::env::current_dir().context("cannot read the current directory")?),
    };
    if let Some(path) = file {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read the configuration file {}", path.display()))?;
        config.apply_file(&text, &path)?;
    }
    strip_flags(p, &mut config)?;
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
        if p.normalize_flags() {
            bail!("--no-normalize switches the normalize stage off, which contradicts the normalize options given");
        }
        config.normalize = None;
    }
    if let Some(normalize) = config.normalize.as_mut() {
        normalize_options(p, normalize)?;
    }
    Ok(config)
}

/// Applies the normalize flags: --nfkc and --normalize-on first, then
/// --normalize-off, then --max-blank-lines; a rule both on and off, or both
/// normal forms, is an error rather than a silent choice.
fn normalize_options(p: &PipelineArgs, options: &mut normalize::Options) -> anyhow::Result<()> {
    let rules = |names: &[String]| -> anyhow::Result<Vec<normalize::Rule>> {
        names
            .iter()
            .map(|name| {
                normalize::Rule::from_name(name).with_context(|| format!("no normalize rule is called {name:?}"))
            })
            .collect()
    };
    let mut on = rules(&p.normalize_on)?;
    if p.nfkc {
        on.push(normalize::Rule::Nfkc);
    }
    let off = rules(&p.normalize_off)?;
    if let Some(rule) = on.iter().find(|rule| off.contains(rule)) {
        bail!("the normalize rule {} is switched both on and off", rule.name());
    }
    if on.contains(&normalize::Rule::Nfc) && on.contains(&normalize::Rule::Nfkc) {
        bail!("nfc and nfkc are two normal forms; choose one");
    }
    for rule in on {
        options.set(rule, true);
    }
    for rule in off {
        options.set(rule, false);
    }
    if let Some(max) = p.max_blank_lines {
        if !options.blank_lines {
            bail!("--max-blank-lines needs the blank-lines rule, which --normalize-off switches off");
        }
        options.max_blank_lines = max;
    }
    Ok(())
}

/// The strip stage's flags, over what the configuration file said.
fn strip_flags(p: &PipelineArgs, config: &mut Config) -> anyhow::Result<()> {
    let Some(strip) = config.strip.as_mut() else { return Ok(()) };
    if p.repeated_lines {
        strip.repeated.get_or_insert_with(Default::default);
    }
    let tuned = p.repeated_min_documents.is_some() || p.repeated_min_share.is_some() || p.group_by.is_some();
    let Some(repeated) = strip.repeated.as_mut() else {
        if tuned {
            bail!(
                "--repeated-min-documents, --repeated-min-share and --group-by tune --repeated-lines; add --repeated-lines (or enabled = true under [strip.repeated-lines] in textwash.toml)"
            );
        }
        return Ok(());
    };
    repeated.min_documents = p.repeated_min_documents.unwrap_or(repeated.min_documents);
    repeated.min_share = p.repeated_min_share.unwrap_or(repeated.min_share);
    if let Some(field) = &p.group_by {
        repeated.group_by = Some(field.clone());
    }
    Ok(())
}

/// For repeated-line removal, the first pass: counts lines over every input
/// and hands the counts to the cleaner. Standard input is saved to a
/// temporary file first, which must outlive the run (it is returned).
fn count_repeated_lines(
    cleaner: &mut Cleaner,
    job: &Job,
    paths: &[PathBuf],
    walk: &WalkOptions,
) -> anyhow::Result<Option<tempfile::TempPath>> {
    if cleaner.repeated_lines().is_none() {
        return Ok(None);
    }
    let spool = if paths.iter().any(|p| is_stdin(p)) {
        let mut file = tempfile::NamedTempFile::new().context("cannot create a temporary file to hold stdin")?;
        io::copy(&mut io::stdin().lock(), &mut file).context("cannot save stdin to a temporary file")?;
        Some(file.into_temp_path())
    } else {
        None
    };
    if let Some(table) = batch::count_lines(cleaner, job, sources(paths, walk, spool.as_deref()))? {
        if table.was_pruned() {
            eprintln!(
                "textwash: warning: the repeated-line table filled up and forgot rare lines; raise max-entries under [strip.repeated-lines] to remove more"
            );
        }
        cleaner.set_line_counts(table);
    }
    Ok(spool)
}

/// The sources to read, with stdin read from `spool` when it was saved.
fn sources(
    paths: &[PathBuf],
    walk: &WalkOptions,
    spool: Option<&Path>,
) -> impl Iterator<Item = Result<input::Source, input::WalkError>> + Send + 'static + use<> {
    let spool = spool.map(Path::to_path_buf);
    input::walk(paths, walk).map(move |source| {
        source.map(|mut source| {
            if let (input::Origin::Stdin, Some(path)) = (&source.origin, &spool) {
                source.origin = input::Origin::SpooledStdin(path.clone());
            }
            source
        })
    })
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
    let mut cleaner = Cleaner::new(&config(&args.pipeline)?)?;
    let paths = paths(&args.input);
    let target = if args.diff { Target::Nowhere } else { clean_target(args, &paths)? };
    let exclude = match &target {
        Target::Mirror(dir) => Some(dir.clone()),
        _ => None,
    };
    if args.skip_existing {
        let (root, whole_tree) = match &target {
            Target::Mirror(dir) => (dir.clone(), true),
            Target::File(file) => (file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf), false),
            _ => bail!("--skip-existing resumes a run that writes to -o; it has no meaning here"),
        };
        let removed = output::remove_stale_temporaries(&root, whole_tree)
            .with_context(|| format!("cannot clean up temporary files under {}", root.display()))?;
        if removed > 0 && !args.messages.quiet {
            eprintln!("textwash: removed {removed} temporary file(s) left by a run that was killed");
        }
    }
    let mut job = Job::new(format(&args.input), target);
    job.threads = threads(&args.input);
    job.keep_texts = args.explain || args.diff || args.removed.is_some();
    job.skip_existing = args.skip_existing;
    let walk = WalkOptions { hidden: args.input.hidden, exclude };
    let removed = match &args.removed {
        Some(path) => Some(ui::Removed::create(path)?),
        None => None,
    };
    let spool = count_repeated_lines(&mut cleaner, &job, &paths, &walk)?;
    let signal = interrupt_on_signals(&job.cancel)?;
    let show = Show::Clean { explain: args.explain, diff: args.diff, removed };
    let mut reporter = Reporter::new(show, &args.messages);
    let summary = batch::run(&cleaner, &job, sources(&paths, &walk, spool.as_deref()), &mut reporter)?;
    reporter.finish(&summary)?;
    if summary.cancelled {
        let what = match job.target {
            Target::InPlace => "files rewritten so far are complete, the others untouched",
            Target::Mirror(_) | Target::File(_) => {
                "outputs written so far are complete; run again with --skip-existing to go on where it stopped"
            }
            _ => "the output so far is complete up to the last document written",
        };
        eprintln!("textwash: interrupted: {what}");
        return Ok(interrupted_code(&signal));
    }
    Ok(if summary.failed > 0 { FAILURE } else { SUCCESS })
}

/// Turns SIGINT and SIGTERM into a request to stop (`cancel`): the run ends
/// after the document it is writing, removes its temporary files and leaves
/// every input intact. A second signal ends the process at once. Returns the
/// number of the signal received, once one is.
fn interrupt_on_signals(cancel: &Arc<AtomicBool>) -> anyhow::Result<Arc<AtomicUsize>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let received = Arc::new(AtomicUsize::new(0));
    for signal in [SIGINT, SIGTERM] {
        let code = 128 + signal;
        // Registered first, so it sees the flag as the previous signal left it.
        signal_hook::flag::register_conditional_shutdown(signal, code, Arc::clone(cancel))
            .context("cannot install a signal handler")?;
        signal_hook::flag::register_usize(signal, Arc::clone(&received), signal.unsigned_abs() as usize)
            .context("cannot install a signal handler")?;
        signal_hook::flag::register(signal, Arc::clone(cancel)).context("cannot install a signal handler")?;
    }
    Ok(received)
}

/// The exit status of a run stopped by a signal: 128 + its number.
fn interrupted_code(signal: &AtomicUsize) -> u8 {
    u8::try_from(128 + signal.load(Ordering::Relaxed)).unwrap_or(130)
}

fn check(args: &CheckArgs) -> anyhow::Result<u8> {
    let mut cleaner = Cleaner::new(&config(&args.pipeline)?)?;
    let selection = Selection::new(&args.select, &args.ignore).map_err(anyhow::Error::msg)?;
    let paths = paths(&args.input);
    let mut job = Job::new(format(&args.input), Target::Nowhere);
    job.threads = threads(&args.input);
    job.keep_texts = true;
    let walk = WalkOptions { hidden: args.input.hidden, exclude: None };
    let spool = count_repeated_lines(&mut cleaner, &job, &paths, &walk)?;
    let format = match args.format {
        args::Format::Human => findings::Format::Human,
        args::Format::Json => findings::Format::Json,
        args::Format::Github => findings::Format::Github,
    };
    let show = Show::Check { format, selection, statistics: args.statistics };
    let mut reporter = Reporter::new(show, &args.messages);
    let summary = batch::run(&cleaner, &job, sources(&paths, &walk, spool.as_deref()), &mut reporter)?;
    let found = reporter.finish(&summary)?;
    Ok(if summary.failed > 0 {
        FAILURE
    } else if found > args.threshold {
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
