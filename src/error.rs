//! Errors of the library. Messages are lowercase, without a final period, and
//! say what to do where there is something to do.

/// A configuration that cannot be compiled into a [`Cleaner`](crate::Cleaner).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// `--encoding` named no encoding we know.
    #[error(
        "unknown encoding label {label:?}; use a WHATWG encoding name: {names} (or another WHATWG label of one of them, such as latin1, iso-8859-1, cp1251 or sjis)",
        names = crate::decode::encoding_names()
    )]
    UnknownEncoding {
        /// What the user wrote.
        label: String,
    },
    /// The configuration file is wrong: not TOML, a key we do not know, a
    /// rule that does not exist, a bad pattern or threshold.
    #[error("{}:{line}:{column}: {message}", path.display())]
    File {
        /// The file.
        path: std::path::PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A user's strip pattern is not a valid regular expression.
    #[error("the strip pattern {name:?} is not a valid regular expression: {message}")]
    BadPattern {
        /// The pattern's name.
        name: String,
        /// What the regex compiler said.
        message: String,
    },
}

/// Why one document could not be cleaned. The batch goes on without it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocError {
    /// The bytes are not text.
    #[error(transparent)]
    Decode(#[from] crate::decode::DecodeError),
    /// Decode is off and the bytes are not UTF-8.
    #[error(
        "not valid UTF-8 (first bad byte at offset {valid_up_to}); decode is off, so it was passed through unchanged (drop --no-decode to detect its encoding)"
    )]
    NotUtf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// A JSON Lines record could not be cleaned; it was passed through.
    #[error("{0}")]
    Record(#[from] crate::input::jsonl::RecordError),
}
