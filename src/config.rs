//! What to run: one plain, validated description of a cleaning job's stages.
//!
//! A [`Config`] is data (it can be built by hand, from flags or from a file);
//! a [`Cleaner`](crate::Cleaner) is what a config compiles into. Every stage is
//! an `Option`: `None` switches it off, which is what `--no-<stage>` does.

use crate::{decode, normalize, repair, strip};

/// The stages to run and their options. [`Config::default`] runs every stage
/// with the defaults documented on each options type.
#[derive(Clone, Debug)]
pub struct Config {
    /// Bytes to text; off means input must already be UTF-8.
    pub decode: Option<decode::Options>,
    /// Mojibake repair.
    pub repair: Option<repair::Options>,
    /// Credit and boilerplate removal.
    pub strip: Option<strip::Options>,
    /// Unicode and white-space normalization.
    pub normalize: Option<normalize::Options>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            decode: Some(decode::Options::default()),
            repair: Some(repair::Options::default()),
            strip: Some(strip::Options::default()),
            normalize: Some(normalize::Options::default()),
        }
    }
}
