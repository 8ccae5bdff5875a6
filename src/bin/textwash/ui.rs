//! What the person at the terminal, or the CI log, sees: problems as they
//! happen, a progress bar on long runs, explanations, diffs or findings, and
//! a summary at the end.
//!
//! Problems and the summary go to stderr; diffs and findings (the product of
//! `clean --diff` and `check`) to stdout. The progress bar is drawn only when
//! stderr is a terminal and never with `--quiet`.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use textwash::batch::{Listener, Outcome, Status, Summary};
use textwash::report::findings::{self, Finding, Selection, Statistics};
use textwash::report::{self, diff};

use crate::args::{ColorChoice, MessageArgs};

/// What a run prints besides problems.
pub enum Show {
    /// `clean`: optionally each change (stderr), a diff (stdout) and the
    /// removed lines (a side file).
    Clean {
        /// `--explain`.
        explain: bool,
        /// `--diff`.
        diff: bool,
        /// `--removed FILE`.
        removed: Option<Removed>,
    },
    /// `check`: findings in a format, or statistics.
    Check {
        /// `--format`.
        format: findings::Format,
        /// `--select` / `--ignore`.
        selection: Selection,
        /// `--statistics`.
        statistics: bool,
    },
}

/// Whether to colour a stream.
pub fn color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// The listener of every batch run: prints as outcomes arrive, counts for
/// the summary.
pub struct Reporter {
    show: Show,
    quiet: bool,
    color_out: bool,
    color_err: bool,
    stdout: BufWriter<io::StdoutLock<'static>>,
    stdout_error: Option<io::Error>,
    progress: Option<ProgressBar>,
    progress_drawn: Instant,
    started: Instant,
    documents: u64,
    bytes: u64,
    /// Findings that count (check), per rule and document.
    statistics: Statistics,
    /// Documents with at least one finding that counts.
    flagged: u64,
    /// Skipped documents per reason.
    skipped: BTreeMap<String, Skipped>,
}

/// The documents skipped for one reason, as the summary shows them: how
/// many, and the first few by name (a dump can hold millions of images,
/// whose names would otherwise all be kept to the end of the run).
#[derive(Default)]
struct Skipped {
    count: u64,
    first: Vec<String>,
}

impl Skipped {
    /// Names the summary shows.
    const SHOWN: usize = 3;

    fn add(&mut self, name: String) {
        self.count += 1;
        if self.first.len() < Skipped::SHOWN {
            self.first.push(name);
        }
    }
}

impl Reporter {
    pub fn new(show: Show, messages: &MessageArgs) -> Reporter {
        let stderr_terminal = io::stderr().is_terminal();
        let progress = (!messages.quiet && stderr_terminal).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8));
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").expect("a valid progress template"),
            );
            bar.enable_steady_tick(Duration::from_millis(125));
            bar
        });
        Reporter {
            show,
            quiet: messages.quiet,
            color_out: color(messages.color, io::stdout().is_terminal()),
            color_err: color(messages.color, stderr_terminal),
            stdout: BufWriter::new(io::stdout().lock()),
            stdout_error: None,
            progress,
            progress_drawn: Instant::now(),
            started: Instant::now(),
            documents: 0,
            bytes: 0,
            statistics: Statistics::default(),
            flagged: 0,
            skipped: BTreeMap::new(),
        }
    }

    /// Writes to stderr without tearing the progress bar.
    fn err(&self, text: &str) {
        let write = || {
            let _ = io::stderr().lock().write_all(text.as_bytes());
        };
        match &self.progress {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    fn tick(&mut self) {
        if let Some(bar) = &self.progress
            && self.progress_drawn.elapsed() >= Duration::from_millis(100)
        {
            self.progress_drawn = Instant::now();
            let rate = self.bytes as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{} documents, {} ({}/s)",
                self.documents,
                megabytes(self.bytes),
                megabytes(rate as u64)
            ));
        }
    }

    /// Ends the run: flushes stdout, clears the progress bar and prints the
    /// summary. Returns the number of findings that count (for `check`).
    ///
    /// # Errors
    ///
    /// When stdout could not be written (other than closed by its reader).
    pub fn finish(mut self, summary: &Summary) -> io::Result<u64> {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        if let Some(e) = self.stdout_error.take() {
            return Err(e);
        }
        if let Show::Clean { removed: Some(removed), .. } = &mut self.show {
            removed.finish()?;
        }
        self.stdout.flush()?;
        let findings = self.statistics.total();
        if let Show::Check { statistics: true, .. } = self.show {
            self.statistics.write(&mut self.stdout, self.color_out)?;
            self.stdout.flush()?;
        }
        // A summary helps at a terminal and at the end of a batch; a filter
        // run on one document stays silent unless something went wrong.
        let worth_a_summary = summary.documents > 1 || io::stderr().is_terminal();
        if !self.quiet && worth_a_summary {
            self.err(&self.summary(summary));
        }
        Ok(findings)
    }

    fn summary(&self, s: &Summary) -> String {
        let secs = s.elapsed.as_secs_f64().max(1e-6);
        let mut out = format!(
            "textwash: {} document{}, {} in {secs:.2} s ({}/s); {} changed, {} skipped, {} failed\n",
            s.documents,
            if s.documents == 1 { "" } else { "s" },
            megabytes(s.bytes_in),
            megabytes((s.bytes_in as f64 / secs) as u64),
            s.changed,
            s.skipped,
            s.failed,
        );
        if !s.rules.is_empty() {
            // The most frequent rules first; the rest summed up.
            let mut rules: Vec<(&textwash::Rule, &u64)> = s.rules.iter().collect();
            rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let total: u64 = s.rules.values().sum();
            let shown: Vec<String> = rules.iter().take(6).map(|(rule, n)| format!("{rule} {n}")).collect();
            let rest = if rules.len() > 6 { format!(", {} more rules", rules.len() - 6) } else { String::new() };
            let plural = if total == 1 { "" } else { "s" };
            out.push_str(&format!("  {total} change{plural}: {}{rest}\n", shown.join(", ")));
        }
        if let Show::Check { .. } = self.show {
            out.push_str(&format!("  findings: {} in {} documents\n", self.statistics.total(), self.flagged));
        }
        for (reason, skipped) in &self.skipped {
            let unnamed = skipped.count - skipped.first.len() as u64;
            let more = if unnamed > 0 { format!(" and {unnamed} more") } else { String::new() };
            out.push_str(&format!("  skipped {}: {reason}: {}{more}\n", skipped.count, skipped.first.join(", ")));
        }
        if s.stdout_closed {
            out.push_str("  stopped early: standard output was closed\n");
        }
        if self.color_err {
            let style = anstyle::Style::new().bold();
            out = format!("{style}{out}{style:#}");
        }
        out
    }

    fn write_out(
        &mut self,
        write: impl FnOnce(&mut BufWriter<io::StdoutLock<'static>>, bool) -> io::Result<()>,
    ) -> ControlFlow<()> {
        match write(&mut self.stdout, self.color_out) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    self.stdout_error = Some(e);
                }
                ControlFlow::Break(())
            }
        }
    }
}

/// The `--removed` side file: one JSON object per line the strip stage
/// removed, in input order: `{"path", "record", "line", "rule", "reason",
/// "text"}` (`record` is the JSON Lines line number or null; `line` counts
/// from 1 in the document as read; `text` is the line without its break).
pub struct Removed {
    path: std::path::PathBuf,
    out: BufWriter<std::fs::File>,
    error: Option<io::Error>,
}

impl Removed {
    /// Creates (or truncates) the side file.
    ///
    /// # Errors
    ///
    /// When the file cannot be created.
    pub fn create(path: &std::path::Path) -> io::Result<Removed> {
        let file = std::fs::File::create(path)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display())))?;
        Ok(Removed { path: path.to_path_buf(), out: BufWriter::new(file), error: None })
    }

    fn write(&mut self, outcome: &Outcome<'_>, locations: &[report::Location]) {
        for (change, at) in outcome.changes.iter().zip(locations) {
            if change.rule.stage() != textwash::Stage::Strip || self.error.is_some() {
                continue;
            }
            let line = serde_json::json!({
                "path": outcome.source.name(),
                "record": outcome.record,
                "line": at.line,
                "rule": change.rule,
                "reason": change.reason,
                "text": change.before.trim_end_matches(['\n', '\r']),
            });
            if let Err(e) =
                serde_json::to_writer(&mut self.out, &line).map_err(io::Error::from).and_then(|()| writeln!(self.out))
            {
                self.error = Some(e);
            }
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        let failed = |e: io::Error| io::Error::new(e.kind(), format!("cannot write {}: {e}", self.path.display()));
        if let Some(e) = self.error.take() {
            return Err(failed(e));
        }
        self.out.flush().map_err(failed)
    }
}

/// "path" or "path:record", for messages.
pub fn place(outcome: &Outcome<'_>) -> String {
    match outcome.record {
        Some(record) => format!("{}:{record}", outcome.source.name()),
        None => outcome.source.name(),
    }
}

fn megabytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.2} GB", b as f64 / f64::from(1 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b => format!("{:.1} KB", b as f64 / 1024.0),
    }
}

impl Listener for Reporter {
    fn outcome(&mut self, outcome: &Outcome<'_>) -> ControlFlow<()> {
        self.documents += 1;
        self.bytes += outcome.input_len as u64;
        match outcome.status {
            Status::Cleaned => {}
            Status::Skipped(why) => {
                self.err(&format!("textwash: warning: {}: {why}\n", place(outcome)));
                self.skipped.entry(why.clone()).or_default().add(place(outcome));
            }
            Status::Failed(why) => self.err(&format!("textwash: {}: {why}\n", place(outcome))),
        }
        self.tick();
        if outcome.changes.is_empty() {
            return ControlFlow::Continue(());
        }
        let (before, after) = outcome.texts.unwrap_or_default();
        // Where each change is, for the outputs that say so (a plain clean
        // does not: tens of thousands of changes per MB of mojibake). A part
        // of a big document is located within the part, then placed.
        let locate = || {
            let mut locations = report::locate(before, outcome.changes);
            for at in &mut locations {
                at.line += outcome.line_offset;
            }
            locations
        };
        match &mut self.show {
            Show::Clean { explain, diff, removed } => {
                let (explain, diff) = (*explain, *diff);
                let locations = if explain || removed.is_some() { locate() } else { Vec::new() };
                if let Some(removed) = removed {
                    removed.write(outcome, &locations);
                }
                if explain {
                    let mut text = format!("{}:\n", place(outcome));
                    for (change, at) in outcome.changes.iter().zip(&locations) {
                        for line in report::describe(change, *at).lines() {
                            text.push_str("  ");
                            text.push_str(line);
                            text.push('\n');
                        }
                    }
                    self.err(&text);
                }
                if diff {
                    let name = place(outcome);
                    return self.write_out(|out, color| diff::write(out, color, &name, before, after));
                }
                ControlFlow::Continue(())
            }
            Show::Check { format, selection, statistics } => {
                let (format, statistics) = (*format, *statistics);
                let selected: Vec<usize> =
                    (0..outcome.changes.len()).filter(|&i| selection.matches(outcome.changes[i].rule)).collect();
                self.statistics.add(selected.iter().map(|&i| outcome.changes[i].rule));
                self.flagged += u64::from(!selected.is_empty());
                if statistics || selected.is_empty() {
                    return ControlFlow::Continue(());
                }
                let locations = locate();
                let path = outcome.source.name();
                self.write_out(|out, color| {
                    for &i in &selected {
                        let finding = Finding {
                            path: &path,
                            record: outcome.record,
                            at: locations[i],
                            change: &outcome.changes[i],
                        };
                        findings::write(out, format, color, &finding)?;
                    }
                    Ok(())
                })
            }
        }
    }
}
