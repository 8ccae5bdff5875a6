//! Integration tests: one binary (one link step), ripgrep style.
//!
//! * `cli`: the real `textwash` binary on temporary files, for every input
//!   mode, exit code and failure we promise to handle.
//! * `check`: check, explain and clean --diff on the corpus, in every format.
//! * `corpus`: every document in `corpora/`, cleaned and compared with the
//!   truth, and snapshotted (text and change list) for review.
//! * `strip`: the strip stage on the test articles of `tests/strip/`.
//! * `repair`: the repair stage on its generated corpus of damaged and
//!   clean text.

mod check;
mod cli;
mod corpus;
mod encodings;
mod repair;
mod strip;
mod util;
