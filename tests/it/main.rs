//! Integration tests: one binary (one link step), ripgrep style.
//!
//! * `cli`: the real `textwash` binary on temporary files, for every input
//!   mode, exit code and failure we promise to handle.
//! * `big`: documents too big to hold whole, cleaned in parts.
//! * `check`: check, explain and clean --diff on the corpus, in every format.
//! * `faults`: bad inputs, signals, resumed runs.
//! * `properties`: the invariants over generated inputs (proptest).
//! * `regressions`: every input a fuzzer ever broke us with, replayed.
//! * `encodings`: documents in 32 encodings decoded to their truth.
//! * `corpus`: every document in `corpora/`, cleaned and compared with the
//!   truth, and snapshotted (text and change list) for review.
//! * `strip`: the strip stage on the test articles of `tests/strip/`.
//! * `repair`: the repair stage on its generated corpus of damaged and
//!   clean text.

mod big;
mod check;
mod cli;
mod corpus;
mod encodings;
mod faults;
mod properties;
mod regressions;
mod repair;
mod strip;
mod util;
