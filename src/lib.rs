//! textwash cleans text that went through careless hands.
//!
//! Scraped articles and web dumps arrive decoded with the wrong encoding,
//! full of mojibake ("â€™", "Ã©", a stray "Â"), carrying photo credits and
//! page furniture. textwash runs them through one pipeline:
//!
//! ```text
//! read → decode → repair → strip → normalize → write
//! ```
//!
//! | stage | module | what it does |
//! |---|---|---|
//! | read | [`input`] | files, directory trees, stdin; plain text or JSON Lines |
//! | decode | [`decode`] | bytes to text: BOM, UTF-8, UTF-16, legacy encodings |
//! | repair | [`repair`] | undo mojibake, never touching correct text |
//! | strip | [`strip`] | remove photo credits, captions and boilerplate lines |
//! | normalize | [`normalize`] | NFC, line endings, white space, controls |
//! | write | [`output`] | stdout, a mirrored tree, or in place (atomic) |
//!
//! Every stage reports its edits as [`Change`]s (stage, rule id, byte span,
//! before, after, reason, and for repairs a replayable plan); the
//! [`Cleaner`] applies them, so what is explained is exactly what was done.
//! [`batch`] runs a [`Cleaner`] over many documents in parallel, writing in
//! input order.
//!
//! # Example
//!
//! ```
//! use textwash::{Cleaner, Config};
//!
//! let cleaner = Cleaner::new(&Config::default())?;
//! let cleaned = cleaner.clean_str("Itâ€™s a planÂ\nYURIY DYACHYSHYN/AFP/Getty\nThe end.\n\n\n");
//! assert_eq!(cleaned.text, "It’s a plan\nThe end.\n");
//! for change in &cleaned.changes {
//!     println!("{}: {:?} → {:?} ({})", change.rule, change.before, change.after, change.reason);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What textwash never does
//!
//! * change correct text in repair: a false repair is worse than a missed one;
//! * modify an input file, except with `--in-place`, and then atomically;
//! * drop a document or a record silently: what cannot be cleaned is reported
//!   and passed through unchanged;
//! * depend on the thread count: the output is byte-identical for any `-j`.

pub mod batch;
pub mod change;
pub mod cleaner;
pub mod config;
pub mod decode;
pub mod error;
pub mod input;
pub mod invariants;
mod lanes;
pub mod lines;
pub mod normalize;
pub mod output;
pub mod repair;
pub mod report;
pub mod strip;
mod swar;

pub use change::{Change, Rule, Span, Stage};
pub use cleaner::{Cleaned, Cleaner, Decoded};
pub use config::Config;
pub use error::{ConfigError, DocError};
