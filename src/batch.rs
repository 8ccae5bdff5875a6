//! Batch runs: many documents through one [`Cleaner`], in parallel, written
//! in input order, in bounded memory.
//!
//! Three kinds of thread share the work:
//!
//! * a **reader** expands the inputs and reads them (whole text files, or JSON
//!   Lines records one line at a time) into batches of about [`BATCH_BYTES`],
//!   with the next files (`OPEN_AHEAD`) already opened and on their way from
//!   the disk;
//! * a **dispatcher** hands the batches to the rayon pool (`-j N` threads),
//!   up to [`CLEANING`] at once, which cleans their units in parallel;
//! * the calling thread puts the cleaned batches back in input order,
//!   **writes** them and tells the [`Listener`] what happened to each
//!   document.
//!
//! Bounded channels between them keep at most a few batches in flight, so
//! memory does not grow with the input. Because batches are processed and
//! written strictly in order, the output is byte-identical for any thread
//! count.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::change::{Change, Rule};
use crate::cleaner::Cleaner;
use crate::cleaner::Decoded;
use crate::decode::{Breaks, Decoder, Decoding};
use crate::error::DocError;
use crate::input::{self, Origin, Source, WalkError, jsonl};
use crate::output::{self, Pending, Target};
use crate::strip::repeated::{Counter, DocumentLines, Settings, Table};

/// A batch is sent on once it holds this many bytes of input.
pub const BATCH_BYTES: usize = 1 << 20;
/// A text document bigger than this is read, cleaned and written in parts of
/// about this size, cut at line breaks, so that memory does not grow with it
/// and its parts are cleaned in parallel. (Two parts fill a batch.)
pub const PART_BYTES: usize = 512 << 10;
/// ... or this many units.
const BATCH_UNITS: usize = 4096;
/// JSON Lines are read this much at a time.
const RECORD_BUFFER: usize = 256 * 1024;
/// Batches waiting between two threads.
const IN_FLIGHT: usize = 2;
/// Batches the pool cleans at once. With one, every worker waited at the
/// end of each batch for the slowest unit of it: a big document is two
/// parts a batch, and `-j 2` kept 1.5 CPUs busy on a mojibake file. With
/// more, a worker done with its share starts on the next batch.
const CLEANING: usize = 3;

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// Each file (or stdin) is one text document.
    Text,
    /// Each line is a JSON object whose string field `field` is cleaned.
    Jsonl {
        /// The field to clean.
        field: String,
    },
}

/// A batch job: how to read, where to write, how many threads.
#[derive(Debug, Clone)]
pub struct Job {
    /// How inputs are read.
    pub format: Format,
    /// Where outputs go.
    pub target: Target,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Hand the listener each document's text before and after cleaning
    /// (for diffs and explanations); costs a copy per document.
    pub keep_texts: bool,
    /// Skip inputs whose output file already exists: resumes a run that was
    /// stopped. Safe because outputs appear only complete (renamed or linked whole).
    pub skip_existing: bool,
    /// Set from outside (a signal handler) to stop the run early: nothing
    /// more is read, no further output file is committed, temporary files
    /// are removed; what was committed is complete.
    pub cancel: Arc<AtomicBool>,
}

impl Job {
    /// A job with defaults for the rest: one thread per CPU, no texts kept,
    /// nothing skipped, never cancelled.
    #[must_use]
    pub fn new(format: Format, target: Target) -> Job {
        Job {
            format,
            target,
            threads: std::thread::available_parallelism().map_or(1, usize::from),
            keep_texts: false,
            skip_existing: false,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// What happened to a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Cleaned; `changes` say whether anything changed.
    Cleaned,
    /// Not text, found while walking a directory: left alone, a warning.
    Skipped(String),
    /// Could not be cleaned: an error. Its bytes were passed through unchanged
    /// where there was somewhere to pass them.
    Failed(String),
}

/// One document's outcome, handed to the [`Listener`] in input order.
#[derive(Debug)]
pub struct Outcome<'a> {
    /// The input it came from.
    pub source: &'a Source,
    /// For JSON Lines, the line number of the record (from 1).
    pub record: Option<u64>,
    /// What happened.
    pub status: &'a Status,
    /// How it was decoded, for whole documents.
    pub decoding: Option<Decoding>,
    /// Every change made to it.
    pub changes: &'a [Change],
    /// The text before (decoded) and after cleaning, with [`Job::keep_texts`].
    pub texts: Option<(&'a str, &'a str)>,
    /// Bytes read for this document.
    pub input_len: usize,
    /// For a part of a document too big to hold whole (see [`PART_BYTES`]),
    /// the number of lines before it: positions in its `texts` and `changes`
    /// are relative to the part.
    pub line_offset: usize,
}

/// Receives outcomes, in input order, on the calling thread.
pub trait Listener {
    /// One document is done. Returning `Break` stops the run (the listener's
    /// own output was closed, say).
    fn outcome(&mut self, outcome: &Outcome<'_>) -> ControlFlow<()>;
}

/// Totals of a run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Documents (files, or JSON records) seen.
    pub documents: u64,
    /// Documents whose output differs from their input.
    pub changed: u64,
    /// Documents skipped with a warning.
    pub skipped: u64,
    /// Documents (or inputs) that failed.
    pub failed: u64,
    /// Input bytes read.
    pub bytes_in: u64,
    /// Output bytes produced.
    pub bytes_out: u64,
    /// Changes per rule.
    pub rules: BTreeMap<Rule, u64>,
    /// Standard output was closed by its reader; the run stopped early.
    pub stdout_closed: bool,
    /// The listener asked to stop; the run stopped early.
    pub listener_stopped: bool,
    /// The run was cancelled ([`Job::cancel`]) before it finished.
    pub cancelled: bool,
    /// Inputs skipped because their output already existed
    /// ([`Job::skip_existing`]).
    pub already_done: u64,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

/// A failure that stops the whole run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The thread pool could not be built.
    #[error("cannot start {threads} worker threads: {source}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// Why not.
        source: rayon::ThreadPoolBuildError,
    },
    /// Writing to standard output failed (other than by its reader closing it).
    #[error("cannot write to standard output: {0}")]
    Stdout(io::Error),
}

/// Runs `job` over `sources`, reporting each document to `listener`.
///
/// # Errors
///
/// Only for failures that stop everything (no threads, standard output
/// unwritable); a document that fails is reported and the run goes on.
pub fn run<S>(cleaner: &Cleaner, job: &Job, sources: S, listener: &mut dyn Listener) -> Result<Summary, RunError>
where
    S: Iterator<Item = Result<Source, WalkError>> + Send + 'static,
{
    let started = Instant::now();
    let pool = worker_pool(job.threads, "worker")?;
    let batch_rx = spawn_reader(cleaner, job.clone(), sources);
    // Cleaned batches, numbered in input order, and the room for more: a
    // batch may start once one is written.
    let (done_tx, done_rx) = sync_channel::<(u64, Vec<Processed>)>(CLEANING);
    let (room_tx, room_rx) = sync_channel::<()>(CLEANING);
    for _ in 0..CLEANING {
        room_tx.send(()).expect("the channel holds them all");
    }
    let stop = AtomicBool::new(false);
    let mut writer = Writer::new(job, listener);
    let (pool, stop_flag) = (&pool, &stop);
    std::thread::scope(|scope| {
        scope.spawn(move || dispatch(cleaner, job, pool, &batch_rx, &room_rx, &done_tx, stop_flag));
        let mut early = BTreeMap::new();
        let mut next = 0;
        'batches: for (number, batch) in &done_rx {
            early.insert(number, batch);
            while let Some(batch) = early.remove(&next) {
                for unit in batch {
                    if writer.handle(unit).is_break() {
                        break 'batches;
                    }
                }
                next += 1;
                // Never full: it holds at most the batches not cleaning.
                let _ = room_tx.send(());
            }
        }
        stop.store(true, Ordering::Relaxed);
        drop(done_rx);
    });
    let mut summary = writer.finish()?;
    summary.elapsed = started.elapsed();
    summary.cancelled = job.cancelled();
    Ok(summary)
}

/// The first pass of repeated-line removal: reads every document of
/// `sources` the way [`run`] will, and counts its short lines (as the strip
/// stage will see them) per group, in parallel, merging in input order so
/// that the counts do not depend on the thread count. Documents that cannot
/// be read or decoded are skipped here; the second pass reports them.
///
/// Standard input can be read once: spool it to a file first.
///
/// # Errors
///
/// When the thread pool cannot be built.
pub fn count_lines<S>(cleaner: &Cleaner, job: &Job, sources: S) -> Result<Option<Table>, RunError>
where
    S: Iterator<Item = Result<Source, WalkError>> + Send + 'static,
{
    let Some(settings) = cleaner.repeated_lines() else { return Ok(None) };
    let pool = worker_pool(job.threads, "counter")?;
    // Every document counts, also those a resumed run will skip: the lines
    // removed must not depend on where an earlier run stopped.
    let mut reader_job = job.clone();
    reader_job.skip_existing = false;
    let batch_rx = spawn_reader(cleaner, reader_job, sources);
    let mut counter = Counter::new(settings.clone());
    for batch in batch_rx {
        let documents: Vec<Option<DocumentLines>> =
            pool.install(|| batch.into_par_iter().map(|item| count_item(cleaner, job, settings, item)).collect());
        for document in documents.iter().flatten() {
            counter.add(document);
        }
    }
    Ok(Some(counter.finish()))
}

/// The rayon pool that cleans (or counts): `threads` threads, at least one.
fn worker_pool(threads: usize, role: &'static str) -> Result<rayon::ThreadPool, RunError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(move |i| format!("textwash-{role}-{i}"))
        .build()
        .map_err(|source| RunError::Threads { threads, source })
}

/// Starts the reader thread and returns the batches it reads. The reader is
/// detached: it may be blocked reading stdin when a run ends early (stdout
/// closed), and must not hold the run up.
fn spawn_reader<S>(cleaner: &Cleaner, job: Job, sources: S) -> Receiver<Vec<Item>>
where
    S: Iterator<Item = Result<Source, WalkError>> + Send + 'static,
{
    let (batch_tx, batch_rx) = sync_channel::<Vec<Item>>(IN_FLIGHT);
    let decoder = cleaner.decoder().cloned();
    std::thread::Builder::new()
        .name("textwash-reader".into())
        .spawn(move || read(sources, &job, decoder.as_ref(), &batch_tx))
        .expect("spawning the reader thread");
    batch_rx
}

/// The counted lines of one document or record, if it has text.
fn count_item(cleaner: &Cleaner, job: &Job, settings: &Settings, item: Item) -> Option<DocumentLines> {
    match item {
        Item::Document(source, bytes) => {
            let decoded = cleaner.decode(&bytes).ok()?;
            let text = cleaner.before_strip(&decoded.text);
            Some(DocumentLines::new(&text, &document_group(&source), settings))
        }
        Item::Record(_, _, bytes) => {
            let Format::Jsonl { field } = &job.format else { return None };
            let body = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
            let (line, _) = cleaner.decode_line(body.strip_suffix(b"\r").unwrap_or(body)).ok()?;
            let value = jsonl::find_field(&line, field).ok()?.value;
            let text = cleaner.before_strip(&value);
            Some(DocumentLines::new(&text, &record_group(&line, settings.group_by.as_deref()), settings))
        }
        // A document too big to hold whole counts as one document per part:
        // such files are dumps of many articles, and a part holds several.
        Item::Part(part) => {
            let decoded = match part.index {
                0 => cleaner.decode(&part.bytes),
                _ => cleaner.decode_part(&part.bytes, part.offset, part.decoding),
            }
            .ok()?;
            let text = cleaner.before_strip(&decoded.text);
            Some(DocumentLines::new(&text, &document_group(&part.source), settings))
        }
        Item::Begin(_) | Item::End(_) | Item::Unreadable(..) | Item::AlreadyDone => None,
    }
}

/// The group of a text document for repeated-line counts: its directory.
fn document_group(source: &Source) -> String {
    source.relative.parent().map(|p| p.display().to_string()).unwrap_or_default()
}

/// The group of a JSON Lines record: the value of the field `by`, or of the
/// first of `source`, `domain` and `url` it has; a URL counts by its host.
fn record_group(line: &str, by: Option<&str>) -> String {
    let fields: &[&str] = match &by {
        Some(by) => std::slice::from_ref(by),
        None => &["source", "domain", "url"],
    };
    let value = fields.iter().find_map(|f| jsonl::find_field(line, f).ok()).map(|f| f.value.into_owned());
    let value = value.unwrap_or_default();
    match value.split_once("://") {
        Some((_, rest)) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            let host = host.rsplit_once('@').map_or(host, |(_, h)| h).split(':').next().unwrap_or(host);
            host.to_lowercase().trim_start_matches("www.").to_owned()
        }
        None => value,
    }
}

/// A unit of work on its way from the reader to a worker.
enum Item {
    Begin(Arc<Source>),
    Document(Arc<Source>, Vec<u8>),
    Record(Arc<Source>, u64, Vec<u8>),
    Part(Part),
    Unreadable(Arc<Source>, String),
    End(Arc<Source>),
    /// Its output exists already (`skip_existing`): not read at all.
    AlreadyDone,
}

/// A part of a text document too big to hold whole (see [`PART_BYTES`]).
struct Part {
    source: Arc<Source>,
    /// Position among the document's parts, from 0.
    index: usize,
    /// Where the part starts in the document, in bytes and in lines.
    offset: usize,
    line_offset: usize,
    /// How the document is decoded: decided on its first part.
    decoding: Option<Decoding>,
    bytes: Vec<u8>,
}

/// A unit of work on its way from a worker to the writer.
enum Processed {
    Begin(Arc<Source>),
    Unit(Unit),
    Unreadable(Arc<Source>, String),
    End(Arc<Source>),
    AlreadyDone,
}

/// One cleaned document.
struct Unit {
    source: Arc<Source>,
    record: Option<u64>,
    /// The bytes to write; `None` writes nothing (a skipped binary file).
    output: Option<Vec<u8>>,
    input_len: usize,
    status: Status,
    decoding: Option<Decoding>,
    changes: Vec<Change>,
    texts: Option<(String, String)>,
    /// Counts as a document: not a blank JSON Lines line (passed through)
    /// nor a part of a big document after its first.
    document: bool,
    /// A part of a document too big to hold whole.
    part: bool,
    /// For a part, the lines before it.
    line_offset: usize,
    /// Whether a worker already wrote `output` to its file.
    delivery: Delivery,
}

/// Who writes a unit's output.
enum Delivery {
    /// The writer thread, in input order: standard output, and the parts
    /// and records that make up one file.
    Writer,
    /// A worker wrote the whole document's file (or, in place, left an
    /// unchanged file alone). Separate files need no order, so the writes
    /// run in parallel.
    Done,
    /// A worker could not write it: the message.
    Failed(String),
}

/// Collects items into batches and sends them on.
struct Batcher<'a> {
    tx: &'a SyncSender<Vec<Item>>,
    items: Vec<Item>,
    bytes: usize,
}

impl Batcher<'_> {
    /// Adds an item; returns false once nobody is listening any more.
    fn push(&mut self, item: Item, bytes: usize) -> bool {
        self.items.push(item);
        self.bytes += bytes;
        if self.bytes >= BATCH_BYTES || self.items.len() >= BATCH_UNITS {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        self.bytes = 0;
        self.items.is_empty() || self.tx.send(std::mem::take(&mut self.items)).is_ok()
    }
}

/// Files opened ahead of the one being read, their first part already on
/// its way into the page cache ([`Source::open_ahead`]); fewer where the
/// limit on open files is low ([`input::files_ahead`]). Measured on a
/// virtual disk with a cold cache, 67,000 files of 1.5 KB: read one after
/// another 5.7 s, 8 ahead 1.3 s, 32 ahead 0.88 s, 64 ahead 0.81 s.
///
/// An input that the output of an earlier input replaces during the run (an
/// output tree given as an input too) is read as it was when opened; the
/// reader ran ahead of the writers by a few batches before it opened ahead,
/// so such a run never had one right answer.
const OPEN_AHEAD: usize = 64;

/// What the reader does with a source, decided in input order as the source
/// comes into view, [`OPEN_AHEAD`] sources before its turn.
enum Step {
    /// Read it: opened ahead, or why it could not be; `None` to open it at
    /// its turn.
    Read(Arc<Source>, Option<io::Result<Box<dyn io::Read + Send>>>),
    /// Pass this on instead: it cannot be read, or is done already.
    Pass(Item),
}

/// The reader thread: expands sources and reads them into batches.
fn read<S: Iterator<Item = Result<Source, WalkError>>>(
    sources: S,
    job: &Job,
    decoder: Option<&Decoder>,
    tx: &SyncSender<Vec<Item>>,
) {
    let mut batch = Batcher { tx, items: Vec::new(), bytes: 0 };
    // Two inputs with one output (the same file named twice, say): the
    // second is not written over the first. Only outputs of sources that
    // may meet another's are kept (`Source::overlapping`): a batch of a
    // million files under one directory keeps none.
    let mut destinations = HashSet::new();
    let mut steps = sources.map(|source| step(source, job, &mut destinations));
    let mut ahead: VecDeque<Step> = steps.by_ref().take(input::files_ahead(OPEN_AHEAD)).collect();
    while let Some(step) = ahead.pop_front() {
        ahead.extend(steps.next());
        if job.cancelled() {
            return;
        }
        let alive = match step {
            Step::Pass(item) => batch.push(item, 0),
            Step::Read(source, opened) => match opened.unwrap_or_else(|| source.open()) {
                Err(e) => batch.push(Item::Unreadable(source, read_error(&e)), 0),
                Ok(reader) => match &job.format {
                    Format::Text => read_text(&source, reader, &mut batch, decoder, &job.cancel),
                    Format::Jsonl { .. } => {
                        batch.push(Item::Begin(Arc::clone(&source)), 0)
                            && read_records(&source, reader, &mut batch, &job.cancel)
                            && batch.push(Item::End(source), 0)
                    }
                },
            },
        };
        if !alive {
            return;
        }
    }
    batch.flush();
}

/// What to do with `source` (see [`Step`]); a source to read is opened if it
/// may be opened ahead.
fn step(source: Result<Source, WalkError>, job: &Job, destinations: &mut HashSet<PathBuf>) -> Step {
    let source = match source {
        Ok(source) => Arc::new(source),
        Err(e) => {
            let source = Arc::new(Source {
                origin: Origin::File(PathBuf::from(&e.path)),
                relative: PathBuf::from(&e.path),
                explicit: true,
                regular: false,
                overlapping: false,
            });
            return Step::Pass(Item::Unreadable(source, e.message));
        }
    };
    // Built only for the checks that need it: most sources of a batch need
    // neither.
    let destination = (job.skip_existing || source.overlapping)
        .then(|| job.target.destination(&source))
        .flatten()
        .map(|(path, _)| path);
    if job.skip_existing && destination.as_ref().is_some_and(|path| path.exists()) {
        return Step::Pass(Item::AlreadyDone);
    }
    if let Some(path) = destination
        && source.overlapping
        && !destinations.insert(path.clone())
    {
        let message = format!("not written: {} is also the output of an earlier input", path.display());
        return Step::Pass(Item::Unreadable(source, message));
    }
    // A text file's first part is read whole at its turn; JSON Lines are
    // read a buffer at a time.
    let first = match job.format {
        Format::Text => PART_BYTES + 1,
        Format::Jsonl { .. } => RECORD_BUFFER,
    };
    let opened = source.open_ahead(first as u64);
    Step::Read(source, opened)
}

/// Reads a text source: whole (one [`Item::Document`]), or in parts cut at
/// line breaks when it is bigger than [`PART_BYTES`] (between
/// [`Item::Begin`] and [`Item::End`]).
fn read_text(
    source: &Arc<Source>,
    mut reader: Box<dyn io::Read + Send>,
    batch: &mut Batcher<'_>,
    decoder: Option<&Decoder>,
    cancel: &AtomicBool,
) -> bool {
    let unreadable =
        |batch: &mut Batcher<'_>, e: &io::Error| batch.push(Item::Unreadable(Arc::clone(source), read_error(e)), 0);
    // Most documents are small: room for one to be read in one call (a
    // buffer that starts empty grows by small reads).
    let mut buffer = Vec::with_capacity(16 * 1024);
    if let Err(e) = fill(&mut reader, &mut buffer, PART_BYTES + 1) {
        return unreadable(batch, &e);
    }
    if buffer.len() <= PART_BYTES {
        let len = buffer.len();
        buffer.shrink_to_fit();
        return batch.push(Item::Document(Arc::clone(source), buffer), len);
    }
    // Once the first part is out, the parts end with an End, also after a
    // read error.
    let end = |batch: &mut Batcher<'_>| batch.push(Item::End(Arc::clone(source)), 0);
    let breaks = Breaks::of(&buffer, decoder.and_then(Decoder::forced));
    let (mut index, mut offset, mut line_offset, mut decoding) = (0, 0, 0, None);
    // How much of the buffer is known to hold no line break: a line longer
    // than a part is searched once as it is read, not again from its start
    // for every part's worth added to it. (Rounded down to an even offset,
    // and less the two bytes a UTF-16 line feed takes.)
    let mut unbroken: usize = 0;
    // Whether the input has ended: once a read says so, the rest of the
    // buffer is the last part. (A later `fill` with the buffer full enough
    // reads nothing and cannot tell; forgetting this made a last line
    // longer than a part, with no line break after it, loop forever.)
    let mut ended = false;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        ended |= match fill(&mut reader, &mut buffer, PART_BYTES) {
            Ok(at_end) => at_end,
            Err(e) => return unreadable(batch, &e) && (index == 0 || end(batch)),
        };
        let at_end = ended;
        // A part ends at a line break; a line longer than a part makes the
        // part longer (memory is bounded by the longest line).
        let searched = unbroken.saturating_sub(2) & !1;
        let cut = if at_end {
            Some(buffer.len())
        } else if breaks.ends(&buffer[searched..]).next().is_none() {
            None
        } else {
            split_point(&buffer, breaks)
        };
        let Some(cut) = cut else {
            unbroken = buffer.len();
            let want = buffer.len() + PART_BYTES;
            match fill(&mut reader, &mut buffer, want) {
                Ok(at_end) => {
                    ended = at_end;
                    continue;
                }
                Err(e) => return unreadable(batch, &e) && (index == 0 || end(batch)),
            }
        };
        // What follows the cut starts the next part's buffer, which has room
        // for a whole part: reading the part then grows nothing (growing it
        // from the rest's size, by reallocating and copying, was a third of
        // the reader's page faults on a big file).
        let mut rest = Vec::with_capacity(PART_BYTES.max(buffer.len() - cut));
        rest.extend_from_slice(&buffer[cut..]);
        buffer.truncate(cut);
        let bytes = std::mem::replace(&mut buffer, rest);
        unbroken = 0;
        if index == 0 {
            // The first part decides how the document is decoded; if it
            // cannot be (binary), it goes on as a whole document, to be
            // reported as one, and the rest is not read.
            match decoder.map(|d| d.decode(&bytes, &mut Vec::new())) {
                Some(Ok((_, d))) => decoding = Some(d),
                Some(Err(_)) => {
                    let len = bytes.len();
                    return batch.push(Item::Document(Arc::clone(source), bytes), len);
                }
                None => {}
            }
            if !batch.push(Item::Begin(Arc::clone(source)), 0) {
                return false;
            }
        }
        let (len, lines) = (bytes.len(), breaks.count(&bytes));
        let part = Part { source: Arc::clone(source), index, offset, line_offset, decoding, bytes };
        if !batch.push(Item::Part(part), len) {
            return false;
        }
        if at_end && buffer.is_empty() {
            return end(batch);
        }
        (index, offset, line_offset) = (index + 1, offset + len, line_offset + lines);
    }
}

/// Reads from `reader` until `buffer` holds `want` bytes or the input ends;
/// true at the end of the input.
fn fill(reader: &mut impl io::Read, buffer: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    use io::Read;
    if buffer.len() >= want {
        return Ok(false);
    }
    let missing = (want - buffer.len()) as u64;
    let read = reader.by_ref().take(missing).read_to_end(buffer)?;
    Ok((read as u64) < missing)
}

/// Where to cut `bytes` into a part: just after a line break, the last one
/// between two non-blank lines that are both long (body paragraphs, so that
/// no part starts or ends with what looks like the edge of an article),
/// else the last between two non-blank lines, else the last at all.
fn split_point(bytes: &[u8], breaks: Breaks) -> Option<usize> {
    let window = bytes.len().saturating_sub(PART_BYTES / 2);
    let blank = |line: &[u8]| line.iter().all(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0));
    // The line ends from the last back, only as far as the window needs.
    let mut ends = breaks.ends_back(bytes);
    let last = ends.next()?;
    let Some(mut cut) = ends.next() else { return Some(last) };
    // With two line ends, the first.
    let Some(mut start) = ends.next() else { return Some(cut) };
    let (mut next, mut between_text) = (last, None);
    while cut >= window {
        let (before, after) = (&bytes[start..cut], &bytes[cut..next]);
        if !blank(before) && !blank(after) {
            if before.len() >= 120 && after.len() >= 120 {
                return Some(cut);
            }
            between_text = between_text.or(Some(cut));
        }
        let Some(earlier) = ends.next() else { break };
        (next, cut, start) = (cut, start, earlier);
    }
    between_text.or(Some(last))
}

/// Reads a JSON Lines source line by line.
fn read_records(
    source: &Arc<Source>,
    reader: Box<dyn io::Read + Send>,
    batch: &mut Batcher<'_>,
    cancel: &AtomicBool,
) -> bool {
    use io::BufRead;
    let mut reader = io::BufReader::with_capacity(RECORD_BUFFER, reader);
    let mut line_no = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return true,
            Ok(n) => {
                line_no += 1;
                if !batch.push(Item::Record(Arc::clone(source), line_no, line), n) {
                    return false;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                return batch
                    .push(Item::Unreadable(Arc::clone(source), format!("{} after line {line_no}", read_error(&e))), 0);
            }
        }
    }
}

fn read_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "cannot read: permission denied".to_owned(),
        io::ErrorKind::NotFound => "cannot read: no such file".to_owned(),
        io::ErrorKind::IsADirectory => "cannot read: is a directory".to_owned(),
        _ => format!("cannot read: {e}"),
    }
}

/// The dispatcher thread: starts each batch on the pool once there is room
/// (see [`CLEANING`]) and sends it on cleaned, with its number; the writer
/// puts the batches back in order.
fn dispatch(
    cleaner: &Cleaner,
    job: &Job,
    pool: &rayon::ThreadPool,
    rx: &Receiver<Vec<Item>>,
    room: &Receiver<()>,
    tx: &SyncSender<(u64, Vec<Processed>)>,
    stop: &AtomicBool,
) {
    // The scope ends once every batch started has been cleaned.
    pool.in_place_scope(|scope| {
        for number in 0.. {
            let Some(()) = receive(room, job, stop) else { return };
            let Some(batch) = receive(rx, job, stop) else { return };
            scope.spawn(move |_| {
                let clean = || batch.into_par_iter().map(|item| process(cleaner, job, item)).collect();
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(clean)) {
                    // Fails only once the writer has stopped.
                    Ok(processed) => drop(tx.send((number, processed))),
                    // The writer would wait for this batch, and the
                    // dispatcher for room, for ever: the run stops, and the
                    // scope passes the panic on once the others are done.
                    Err(panic) => {
                        stop.store(true, Ordering::Relaxed);
                        std::panic::resume_unwind(panic);
                    }
                }
            });
        }
    });
}

/// The next message of `rx`; `None` once it is closed or the run stops.
fn receive<T>(rx: &Receiver<T>, job: &Job, stop: &AtomicBool) -> Option<T> {
    while !stop.load(Ordering::Relaxed) && !job.cancelled() {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(message) => return Some(message),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    None
}

/// Cleans one item (on a worker thread).
fn process(cleaner: &Cleaner, job: &Job, item: Item) -> Processed {
    match item {
        Item::Begin(source) => Processed::Begin(source),
        Item::End(source) => Processed::End(source),
        Item::Unreadable(source, message) => Processed::Unreadable(source, message),
        Item::AlreadyDone => Processed::AlreadyDone,
        Item::Document(source, bytes) => {
            let mut unit = clean_document(cleaner, job, source, bytes);
            deliver(job, &mut unit);
            Processed::Unit(unit)
        }
        Item::Part(part) => Processed::Unit(clean_part(cleaner, job, part)),
        Item::Record(source, line, bytes) => {
            let Format::Jsonl { field } = &job.format else { unreachable!("records are only read in JSON Lines mode") };
            Processed::Unit(clean_record(cleaner, job, field, source, line, bytes))
        }
    }
}

/// Writes a whole document's output to its file, if the target has files.
/// In place, only a changed file is replaced; after a cancel, nothing is.
fn deliver(job: &Job, unit: &mut Unit) {
    let Some((path, replacing)) = job.target.destination(&unit.source) else { return };
    let Some(output) = &unit.output else {
        unit.delivery = Delivery::Done;
        return;
    };
    if job.cancelled() || (replacing.is_some() && unit.changes.is_empty()) {
        unit.delivery = Delivery::Done;
        return;
    }
    unit.delivery = match output::write_file(&path, replacing.as_deref(), output) {
        Ok(()) => Delivery::Done,
        Err(e) => Delivery::Failed(format!("cannot write {}: {e}", path.display())),
    };
}

fn clean_document(cleaner: &Cleaner, job: &Job, source: Arc<Source>, bytes: Vec<u8>) -> Unit {
    clean_text(cleaner, job, source, bytes, 0, |bytes| cleaner.decode(bytes))
}

/// Cleans a part of a big document: the first is decoded like a whole
/// document (and carries the decode records); the others as it was.
fn clean_part(cleaner: &Cleaner, job: &Job, part: Part) -> Unit {
    let Part { source, index, offset, line_offset, decoding, bytes } = part;
    let mut unit = if index == 0 {
        clean_text(cleaner, job, source, bytes, line_offset, |bytes| cleaner.decode(bytes))
    } else {
        clean_text(cleaner, job, source, bytes, line_offset, |bytes| cleaner.decode_part(bytes, offset, decoding))
    };
    unit.document = index == 0;
    unit.part = true;
    unit
}

/// Decodes and cleans a text document (or a part of one).
fn clean_text(
    cleaner: &Cleaner,
    job: &Job,
    source: Arc<Source>,
    bytes: Vec<u8>,
    line_offset: usize,
    decode: impl for<'a> FnOnce(&'a [u8]) -> Result<Decoded<'a>, DocError>,
) -> Unit {
    let input_len = bytes.len();
    let unit = |status, output, decoding, changes, texts| Unit {
        source: Arc::clone(&source),
        record: None,
        output,
        input_len,
        status,
        decoding,
        changes,
        texts,
        document: true,
        part: false,
        line_offset,
        delivery: Delivery::Writer,
    };
    let Decoded { text: decoded, mut changes, decoding } = match decode(&bytes) {
        Ok(decoded) => decoded,
        Err(e @ DocError::Decode(_)) if !source.explicit => {
            return unit(Status::Skipped(e.to_string()), None, None, Vec::new(), None);
        }
        Err(e @ DocError::Decode(_)) => return unit(Status::Failed(e.to_string()), None, None, Vec::new(), None),
        Err(e) => return unit(Status::Failed(e.to_string()), Some(bytes), None, Vec::new(), None),
    };
    let cleaned = match cleaner.repeated_lines() {
        Some(_) => cleaner.clean_str_in_group(&decoded, &document_group(&source)),
        None => cleaner.clean_str(&decoded),
    };
    // The input bytes go out as they came only when they are the text: a
    // later part of a UTF-16 document has no decode record, yet was decoded.
    let same_bytes = matches!(&decoded, std::borrow::Cow::Borrowed(text) if text.len() == bytes.len());
    let changed = !changes.is_empty() || cleaned.is_changed() || !same_bytes;
    // Decode's few changes go first; the text stages' list, tens of
    // thousands of records in a part of mojibake, is moved rather than
    // copied into a new one.
    let changes = if changes.is_empty() {
        cleaned.changes
    } else {
        changes.extend(cleaned.changes);
        changes
    };
    let texts = job.keep_texts.then(|| (decoded.clone().into_owned(), cleaned.text.clone().into_owned()));
    let output = if changed { cleaned.text.into_owned().into_bytes() } else { Vec::new() };
    drop(decoded);
    let output = if changed { output } else { bytes };
    unit(Status::Cleaned, Some(output), decoding, changes, texts)
}

fn clean_record(cleaner: &Cleaner, job: &Job, field: &str, source: Arc<Source>, line_no: u64, bytes: Vec<u8>) -> Unit {
    let input_len = bytes.len();
    let mut unit = Unit {
        source,
        record: Some(line_no),
        output: None,
        input_len,
        status: Status::Cleaned,
        decoding: None,
        changes: Vec::new(),
        texts: None,
        document: true,
        part: false,
        line_offset: 0,
        delivery: Delivery::Writer,
    };
    let body_len =
        bytes.strip_suffix(b"\n").map_or(bytes.len(), |b| b.strip_suffix(b"\r").map_or(b.len(), <[u8]>::len));
    if bytes[..body_len].iter().all(u8::is_ascii_whitespace) {
        unit.document = false;
        unit.output = Some(bytes);
        return unit;
    }
    let (line, decode_changes) = match cleaner.decode_line(&bytes[..body_len]) {
        Ok(decoded) => decoded,
        Err(e) => {
            unit.status = Status::Failed(e.to_string());
            unit.output = Some(bytes);
            return unit;
        }
    };
    let field = match jsonl::find_field(&line, field) {
        Ok(field) => field,
        Err(e) => {
            unit.status = Status::Failed(DocError::from(e).to_string());
            drop(line);
            unit.output = Some(bytes);
            return unit;
        }
    };
    let cleaned = match cleaner.repeated_lines() {
        Some(settings) => cleaner.clean_str_in_group(&field.value, &record_group(&line, settings.group_by.as_deref())),
        None => cleaner.clean_str(&field.value),
    };
    unit.texts = job.keep_texts.then(|| (field.value.clone().into_owned(), cleaned.text.clone().into_owned()));
    let new_line = if cleaned.is_changed() {
        Some(jsonl::splice(&line, field.span.clone(), &cleaned.text))
    } else if !decode_changes.is_empty() {
        Some(line.clone().into_owned())
    } else {
        None
    };
    unit.changes = decode_changes;
    unit.changes.extend(cleaned.changes);
    unit.output = Some(match new_line {
        Some(mut new_line) => {
            new_line.push_str(std::str::from_utf8(&bytes[body_len..]).expect("a line break is ASCII"));
            new_line.into_bytes()
        }
        None => {
            drop(line);
            bytes
        }
    });
    unit
}

/// Per-source state of the writer.
struct Current {
    /// The output file being written, for file targets.
    pending: Option<Pending>,
    /// Some unit of the source changed.
    changed: bool,
    /// The source was read in parts (one document, many units).
    parts: bool,
    /// Something failed: the output must not replace anything.
    broken: bool,
}

/// The writing end: writes outputs and reports outcomes in input order.
struct Writer<'a> {
    job: &'a Job,
    listener: &'a mut dyn Listener,
    summary: Summary,
    stdout: Option<BufWriter<io::StdoutLock<'static>>>,
    stdout_error: Option<io::Error>,
    current: Option<Current>,
}

impl<'a> Writer<'a> {
    fn new(job: &'a Job, listener: &'a mut dyn Listener) -> Writer<'a> {
        let stdout = (job.target == Target::Stdout).then(|| BufWriter::with_capacity(256 * 1024, io::stdout().lock()));
        Writer { job, listener, summary: Summary::default(), stdout, stdout_error: None, current: None }
    }

    fn handle(&mut self, processed: Processed) -> ControlFlow<()> {
        // Once cancelled, nothing more is written or committed; dropping the
        // current output file removes its temporary file.
        if self.job.cancelled() {
            self.current = None;
            return ControlFlow::Break(());
        }
        match processed {
            Processed::AlreadyDone => self.summary.already_done += 1,
            Processed::Begin(source) => self.begin(&source),
            Processed::Unit(unit) => return self.unit(unit),
            Processed::Unreadable(source, message) => {
                if let Some(current) = &mut self.current {
                    current.broken = true;
                }
                self.fail(&source, None, message);
            }
            Processed::End(source) => self.end(&source),
        }
        if self.summary.listener_stopped { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    }

    fn begin(&mut self, source: &Source) {
        let destination = self.job.target.destination(source);
        let mut current = Current { pending: None, changed: false, parts: false, broken: false };
        if let Some((path, replacing)) = destination {
            match Pending::create(&path, replacing.as_deref()) {
                Ok(pending) => current.pending = Some(pending),
                Err(e) => {
                    current.broken = true;
                    self.fail(source, None, format!("cannot write {}: {e}", path.display()));
                }
            }
        }
        self.current = Some(current);
    }

    fn unit(&mut self, unit: Unit) -> ControlFlow<()> {
        if unit.document {
            self.summary.documents += 1;
        }
        self.summary.bytes_in += unit.input_len as u64;
        match &unit.status {
            Status::Cleaned => {}
            Status::Skipped(_) => self.summary.skipped += 1,
            Status::Failed(_) => self.summary.failed += 1,
        }
        // A document read in parts counts as changed once, at its end.
        if let Some(current) = &mut self.current {
            current.changed |= !unit.changes.is_empty();
            current.parts |= unit.part;
        }
        if !unit.changes.is_empty() && !unit.part {
            self.summary.changed += 1;
        }
        // Counted by runs of one rule (a stage's changes come together).
        for run in unit.changes.chunk_by(|a, b| a.rule == b.rule) {
            *self.summary.rules.entry(run[0].rule).or_default() += run.len() as u64;
        }
        let heard = self.listener.outcome(&Outcome {
            source: &unit.source,
            record: unit.record,
            status: &unit.status,
            decoding: unit.decoding,
            changes: &unit.changes,
            texts: unit.texts.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
            input_len: unit.input_len,
            line_offset: unit.line_offset,
        });
        if heard.is_break() {
            self.summary.listener_stopped = true;
            return heard;
        }
        let Some(output) = unit.output else {
            if let Some(current) = &mut self.current {
                current.broken = true;
            }
            return ControlFlow::Continue(());
        };
        match unit.delivery {
            Delivery::Writer => {}
            Delivery::Done => {
                self.summary.bytes_out += output.len() as u64;
                return ControlFlow::Continue(());
            }
            Delivery::Failed(message) => {
                self.fail(&unit.source, None, message);
                return ControlFlow::Continue(());
            }
        }
        self.summary.bytes_out += output.len() as u64;
        if let Some(stdout) = &mut self.stdout {
            if let Err(e) = stdout.write_all(&output) {
                return self.stdout_failed(e);
            }
            return ControlFlow::Continue(());
        }
        let mut failure = None;
        if let Some(current) = &mut self.current
            && let Some(pending) = &mut current.pending
            && let Err(e) = pending.write(&output)
        {
            current.broken = true;
            current.pending = None;
            failure = Some(format!("cannot write output: {e}"));
        }
        if let Some(message) = failure {
            self.fail(&unit.source, None, message);
        }
        ControlFlow::Continue(())
    }

    fn end(&mut self, source: &Source) {
        let Some(current) = self.current.take() else { return };
        if current.parts && current.changed {
            self.summary.changed += 1;
        }
        let Some(pending) = current.pending else { return };
        // In place, an unchanged file keeps its bytes and its timestamp; a
        // source that failed part way never replaces anything.
        if current.broken || self.job.cancelled() || (self.job.target == Target::InPlace && !current.changed) {
            return;
        }
        if let Err(e) = pending.commit() {
            self.fail(source, None, format!("cannot write output: {e}"));
        }
    }

    fn fail(&mut self, source: &Source, record: Option<u64>, message: String) {
        self.summary.failed += 1;
        let status = Status::Failed(message);
        if self
            .listener
            .outcome(&Outcome {
                source,
                record,
                status: &status,
                decoding: None,
                changes: &[],
                texts: None,
                input_len: 0,
                line_offset: 0,
            })
            .is_break()
        {
            self.summary.listener_stopped = true;
        }
    }

    fn stdout_failed(&mut self, e: io::Error) -> ControlFlow<()> {
        if e.kind() == io::ErrorKind::BrokenPipe {
            self.summary.stdout_closed = true;
        } else {
            self.stdout_error = Some(e);
        }
        ControlFlow::Break(())
    }

    fn finish(mut self) -> Result<Summary, RunError> {
        if let Some(mut stdout) = self.stdout.take() {
            if self.stdout_error.is_none()
                && !self.summary.stdout_closed
                && let Err(e) = stdout.flush()
            {
                let _ = self.stdout_failed(e);
            }
            // A closed pipe must not make the drop's own flush fail loudly.
            if let Err(e) = stdout.into_inner().map_err(io::IntoInnerError::into_error).and_then(|mut s| s.flush())
                && e.kind() != io::ErrorKind::BrokenPipe
                && self.stdout_error.is_none()
            {
                self.stdout_error = Some(e);
            }
        }
        match self.stdout_error {
            Some(e) => Err(RunError::Stdout(e)),
            None => Ok(self.summary),
        }
    }
}

/// A [`Listener`] that collects outcomes, for tests and library callers.
#[derive(Debug, Default)]
pub struct Collect {
    /// (source name, record, status, changes) for each outcome.
    pub outcomes: Vec<(String, Option<u64>, Status, Vec<Change>)>,
}

impl Listener for Collect {
    fn outcome(&mut self, o: &Outcome<'_>) -> ControlFlow<()> {
        self.outcomes.push((o.source.name(), o.record, o.status.clone(), o.changes.to_vec()));
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `split_point` as it was first written, every line end listed: the
    /// definition the one that looks back from the end is held to.
    fn split_point_by_list(bytes: &[u8], breaks: Breaks) -> Option<usize> {
        let window = bytes.len().saturating_sub(PART_BYTES / 2);
        let ends: Vec<usize> = breaks.ends(bytes).collect();
        let blank = |line: &[u8]| line.iter().all(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0));
        let (mut between_text, mut any) = (None, ends.last().copied());
        for w in ends.windows(3).rev() {
            let (start, cut, next) = (w[0], w[1], w[2]);
            if cut < window {
                break;
            }
            let (before, after) = (&bytes[start..cut], &bytes[cut..next]);
            if blank(before) || blank(after) {
                continue;
            }
            if before.len() >= 120 && after.len() >= 120 {
                return Some(cut);
            }
            between_text = between_text.or(Some(cut));
        }
        if ends.len() < 3 {
            any = ends.first().copied();
        }
        between_text.or(any)
    }

    /// A buffer of lines: long and short ones, blank ones, and a tail
    /// without a line break; up to about PART_BYTES long, so that the
    /// window (the last half part) starts anywhere in it.
    fn lines() -> impl Strategy<Value = Vec<u8>> {
        let line = prop_oneof![
            4 => (120usize..400).prop_map(|n| vec![b'a'; n]),
            3 => (1usize..120).prop_map(|n| vec![b'b'; n]),
            // Lines of 120 bytes with their break: long just enough.
            2 => (118usize..121).prop_map(|n| vec![b'e'; n]),
            2 => prop_oneof![Just(vec![]), Just(b" \t\r".to_vec())],
            1 => (2000usize..60_000).prop_map(|n| vec![b'c'; n]),
        ];
        (prop::collection::vec(line, 0..40), 0usize..4, 0usize..(PART_BYTES / 2)).prop_map(|(lines, tail, pad)| {
            // A long run of short lines in front moves the window about.
            let mut bytes = b"x\n".repeat(pad / 2);
            for line in lines {
                bytes.extend_from_slice(&line);
                bytes.push(b'\n');
            }
            bytes.extend(std::iter::repeat_n(b'd', tail));
            bytes
        })
    }

    #[test]
    fn a_batch_that_panics_stops_the_dispatcher_rather_than_hanging_it() {
        let cleaner = Cleaner::new(&crate::Config::default()).unwrap();
        let job = Job::new(Format::Text, Target::Nowhere);
        let pool = worker_pool(2, "test").unwrap();
        let (batch_tx, batch_rx) = sync_channel(8);
        let (room_tx, room_rx) = sync_channel(CLEANING);
        let (done_tx, done_rx) = sync_channel(8);
        let stop = AtomicBool::new(false);
        let source = Arc::new(Source::stdin());
        // A record in a text run is a bug `process` panics at; the batches
        // after it fill the room that a writer waiting for it never frees.
        batch_tx.send(vec![Item::Record(Arc::clone(&source), 1, b"{}".to_vec())]).unwrap();
        for _ in 0..CLEANING + 1 {
            batch_tx.send(vec![Item::Document(Arc::clone(&source), b"Text.\n".to_vec())]).unwrap();
        }
        for _ in 0..CLEANING {
            room_tx.send(()).unwrap();
        }
        let (finished_tx, finished_rx) = sync_channel(1);
        std::thread::scope(|scope| {
            let (cleaner, job, pool, stop, done_tx) = (&cleaner, &job, &pool, &stop, &done_tx);
            let dispatcher = scope.spawn(move || {
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    dispatch(cleaner, job, pool, &batch_rx, &room_rx, done_tx, stop);
                }));
                finished_tx.send(outcome.is_err()).unwrap();
            });
            let panicked = finished_rx.recv_timeout(Duration::from_secs(20));
            // Let a hung dispatcher go, so that the test fails, not hangs.
            stop.store(true, Ordering::Relaxed);
            assert_eq!(panicked, Ok(true), "the dispatcher must end, passing the panic on");
            dispatcher.join().unwrap();
        });
        let numbers: Vec<u64> = done_rx.try_iter().map(|(number, _)| number).collect();
        assert!(!numbers.contains(&0), "the batch that panicked is not sent on");
    }

    #[test]
    fn cuts_right_at_the_window_and_after_a_line_just_long_enough() {
        // Three long lines, then blank ones up to half a part after the
        // second line's end: the window starts right at that end.
        let mut bytes =
            [b'a', b'b', b'c'].iter().flat_map(|&b| [vec![b; 199], vec![b'\n']].concat()).collect::<Vec<u8>>();
        bytes.resize(400 + PART_BYTES / 2, b'\n');
        assert_eq!(split_point(&bytes, Breaks::Byte), Some(400));
        assert_eq!(split_point_by_list(&bytes, Breaks::Byte), Some(400));
        // A line of 120 bytes with its break is long: the last cut stands.
        let bytes = [vec![b'z'; 199], vec![b'\n'], vec![b'a'; 199], vec![b'\n'], vec![b'b'; 199], vec![b'\n']].concat();
        let bytes = [bytes, vec![b'e'; 119], vec![b'\n']].concat();
        assert_eq!(split_point(&bytes, Breaks::Byte), Some(600));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn the_cut_found_from_the_end_is_the_cut_of_the_whole_list(bytes in lines()) {
            prop_assert_eq!(split_point(&bytes, Breaks::Byte), split_point_by_list(&bytes, Breaks::Byte));
        }

        #[test]
        fn line_ends_from_the_back_and_counted_are_those_from_the_front(
            bytes in prop::collection::vec(prop_oneof![Just(0u8), Just(b'\n'), Just(b'a')], 0..64),
        ) {
            for breaks in [Breaks::Byte, Breaks::Utf16Le, Breaks::Utf16Be] {
                let mut ends: Vec<usize> = breaks.ends(&bytes).collect();
                prop_assert_eq!(breaks.count(&bytes), ends.len());
                ends.reverse();
                prop_assert_eq!(breaks.ends_back(&bytes).collect::<Vec<_>>(), ends);
                prop_assert_eq!(split_point(&bytes, breaks), split_point_by_list(&bytes, breaks));
            }
        }
    }

    #[test]
    fn records_are_grouped_by_source_domain_or_host() {
        assert_eq!(record_group(r#"{"source": "northgate", "url": "https://x.example/a"}"#, None), "northgate");
        assert_eq!(record_group(r#"{"url": "https://WWW.Northgate.example:443/a/b?c"}"#, None), "northgate.example");
        assert_eq!(record_group(r#"{"site": "a", "url": "https://b.example/"}"#, Some("site")), "a");
        assert_eq!(record_group(r#"{"text": "no source"}"#, None), "");
    }
}
