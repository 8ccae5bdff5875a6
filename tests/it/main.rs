//! Integration tests: one binary (one link step), ripgrep style.
//!
//! * `cli`: the real `textwash` binary on temporary files, for every input
//!   mode, exit code and failure we promise to handle.
//! * `corpus`: every document in `corpora/`, cleaned and compared with the
//!   truth, and snapshotted (text and change list) for review.
//! * `repair`: the repair stage on its generated corpus of damaged and
//!   clean text.

mod cli;
mod corpus;
mod repair;
mod util;
