//! Change records: every edit the pipeline makes, as data.
//!
//! Each stage reports what it would change as a list of [`Change`]s instead of
//! rewriting text directly; the [`Cleaner`](crate::Cleaner) then applies them.
//! The same records drive `textwash explain`, `textwash check`, `--diff` and the
//! tests, so what is reported is by construction what was done.
//!
//! # Invariants
//!
//! * Spans are **byte** offsets, end-exclusive, into the text *as it entered the
//!   stage* that made the change (stage-local). Decode is the exception: its
//!   spans index the raw input bytes, and its changes are facts about decoding,
//!   not edits that [`replay`] applies.
//! * Within one stage, changes are sorted by position and never overlap, so
//!   [`apply`] can rebuild the stage output in one left-to-right pass.
//! * Replaying the changes of every text stage, in order, on the decoded text
//!   gives the cleaned text ([`replay`]). Property tests hold us to this.

use std::borrow::Cow;

pub use compact_str::CompactString;
use serde::{Serialize, Serializer};

/// A pipeline stage that can change text.
///
/// The names are the same everywhere: module names, `--no-<stage>` flags and
/// the prefix of every rule id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Bytes to text.
    Decode,
    /// Undo mojibake.
    Repair,
    /// Remove credits and boilerplate lines.
    Strip,
    /// Unicode normal form, line endings, white space, controls.
    Normalize,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 4] = [Stage::Decode, Stage::Repair, Stage::Strip, Stage::Normalize];

    /// The stage's name as used in flags and rule ids.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::Repair => "repair",
            Stage::Strip => "strip",
            Stage::Normalize => "normalize",
        }
    }
}

/// Defines a stage's rule enum together with its ids and one-line summaries,
/// so that the list of rules is written exactly once.
macro_rules! rules {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $id:literal, $summary:literal,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every rule of this stage, in the order they are documented.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The rule id, `stage/name`, as printed in reports.
            #[must_use]
            pub fn id(self) -> &'static str {
                match self { $( $name::$variant => $id, )+ }
            }

            /// What the rule does, in one line.
            #[must_use]
            pub fn summary(self) -> &'static str {
                match self { $( $name::$variant => $summary, )+ }
            }
        }
    };
}
pub(crate) use rules;

/// A rule id: which stage changed the text, and by which rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A rule of the decode stage.
    Decode(crate::decode::Rule),
    /// A rule of the repair stage.
    Repair(crate::repair::Rule),
    /// A rule of the strip stage.
    Strip(crate::strip::Rule),
    /// A rule of the normalize stage.
    Normalize(crate::normalize::Rule),
}

impl Rule {
    /// The stage this rule belongs to.
    #[must_use]
    pub fn stage(self) -> Stage {
        match self {
            Rule::Decode(_) => Stage::Decode,
            Rule::Repair(_) => Stage::Repair,
            Rule::Strip(_) => Stage::Strip,
            Rule::Normalize(_) => Stage::Normalize,
        }
    }

    /// The rule id, `stage/name`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Rule::Decode(r) => r.id(),
            Rule::Repair(r) => r.id(),
            Rule::Strip(r) => r.id(),
            Rule::Normalize(r) => r.id(),
        }
    }

    /// What the rule does, in one line.
    #[must_use]
    pub fn summary(self) -> &'static str {
        match self {
            Rule::Decode(r) => r.summary(),
            Rule::Repair(r) => r.summary(),
            Rule::Strip(r) => r.summary(),
            Rule::Normalize(r) => r.summary(),
        }
    }

    /// Every rule of every stage, in pipeline order.
    pub fn all() -> impl Iterator<Item = Rule> {
        let decode = crate::decode::Rule::ALL.iter().map(|&r| Rule::Decode(r));
        let repair = crate::repair::Rule::ALL.iter().map(|&r| Rule::Repair(r));
        let strip = crate::strip::Rule::ALL.iter().map(|&r| Rule::Strip(r));
        let normalize = crate::normalize::Rule::ALL.iter().map(|&r| Rule::Normalize(r));
        decode.chain(repair).chain(strip).chain(normalize)
    }

    /// Looks a rule up by its id (`repair/mojibake`).
    #[must_use]
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::all().find(|r| r.id() == id)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// A byte range, end-exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// The range `start..end`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Length in bytes.
    #[must_use]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty range (an insertion point).
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// One edit made by one rule, with the reason it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Which rule made the change; its stage is `rule.stage()`.
    pub rule: Rule,
    /// Where, in the text as it entered the stage (raw bytes for decode).
    pub span: Span,
    /// The text that was there. For decode changes, a printable rendering of
    /// the raw bytes (`\xE9`), or empty for whole-document facts.
    ///
    /// Both texts are [`CompactString`]s: most changes are a word or a few
    /// characters (text with mojibake makes tens of thousands per MB), and
    /// up to 24 bytes are kept inline instead of allocated.
    pub before: CompactString,
    /// The text put in its place; empty for a removal.
    pub after: CompactString,
    /// Why, in words a user can check: "a NAME/AGENCY photo credit line".
    pub reason: Cow<'static, str>,
    /// For repairs, the plan that turns `before` into `after`, step by step.
    #[serde(skip_serializing_if = "no_steps")]
    pub plan: crate::repair::Plan,
}

fn no_steps(plan: &crate::repair::Plan) -> bool {
    plan.is_empty()
}

impl Change {
    /// A change with no plan: replace `span` of `text` by `after`.
    pub fn new(
        rule: Rule,
        text: &str,
        span: impl Into<Span>,
        after: impl Into<CompactString>,
        reason: impl Into<Cow<'static, str>>,
    ) -> Change {
        let span = span.into();
        Change {
            rule,
            span,
            before: CompactString::from(&text[span.start..span.end]),
            after: after.into(),
            reason: reason.into(),
            plan: crate::repair::Plan::Borrowed(&[]),
        }
    }

    /// Length of the text after the change minus the length before, in bytes.
    #[must_use]
    pub fn delta(&self) -> isize {
        self.after.len() as isize - self.before.len() as isize
    }
}

/// Applies one stage's changes to the text that entered the stage.
///
/// The changes must be sorted and must not overlap (see the module docs);
/// violations panic in debug builds, because they are bugs in a stage.
#[must_use]
pub fn apply(input: &str, changes: &[Change]) -> String {
    debug_assert!(check_well_formed(input, changes).is_ok(), "{:?}", check_well_formed(input, changes));
    let grown: isize = changes.iter().map(Change::delta).sum();
    let mut out = String::with_capacity(input.len().saturating_add_signed(grown));
    let mut pos = 0;
    for change in changes {
        out.push_str(&input[pos..change.span.start]);
        out.push_str(&change.after);
        pos = change.span.end;
    }
    out.push_str(&input[pos..]);
    out
}

/// Replays every text change (all stages after decode) on the decoded text,
/// stage by stage, and returns the cleaned text.
#[must_use]
pub fn replay(decoded: &str, changes: &[Change]) -> String {
    let mut text = decoded.to_owned();
    let text_changes: Vec<&Change> = changes.iter().filter(|c| c.rule.stage() != Stage::Decode).collect();
    for group in text_changes.chunk_by(|a, b| a.rule.stage() == b.rule.stage()) {
        let group: Vec<Change> = group.iter().map(|&c| c.clone()).collect();
        text = apply(&text, &group);
    }
    text
}

/// Checks that `changes` are well formed for `input`: sorted, not
/// overlapping, on character boundaries, and that each `before` is what the
/// span covers. Returns a description of the first problem.
pub fn check_well_formed(input: &str, changes: &[Change]) -> Result<(), String> {
    let mut pos = 0;
    for (i, c) in changes.iter().enumerate() {
        let Span { start, end } = c.span;
        if start < pos || end < start || end > input.len() {
            return Err(format!(
                "change {i} ({}) at {start}..{end} overlaps or is out of order (previous end {pos})",
                c.rule
            ));
        }
        if !input.is_char_boundary(start) || !input.is_char_boundary(end) {
            return Err(format!("change {i} ({}) at {start}..{end} is not on character boundaries", c.rule));
        }
        if input[start..end] != c.before {
            return Err(format!(
                "change {i} ({}) at {start}..{end}: before {:?} but the text is {:?}",
                c.rule,
                c.before,
                &input[start..end]
            ));
        }
        if c.before == c.after {
            return Err(format!("change {i} ({}) at {start}..{end} changes nothing", c.rule));
        }
        pos = end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(text: &str, span: std::ops::Range<usize>, after: &str) -> Change {
        Change::new(Rule::Normalize(crate::normalize::Rule::TrailingWhitespace), text, span, after, "test")
    }

    #[test]
    fn apply_rebuilds_the_text_around_changes() {
        let text = "ab  \ncd \n";
        let changes = [change(text, 2..4, ""), change(text, 7..8, "")];
        assert_eq!(apply(text, &changes), "ab\ncd\n");
    }

    #[test]
    fn well_formedness_catches_overlap_and_wrong_before() {
        let text = "abcdef";
        assert!(check_well_formed(text, &[change(text, 1..3, "x"), change(text, 2..4, "y")]).is_err());
        let mut wrong = change(text, 0..2, "x");
        wrong.before = "zz".into();
        assert!(check_well_formed(text, &[wrong]).is_err());
        assert!(check_well_formed(text, &[change(text, 0..2, "x"), change(text, 2..3, "")]).is_ok());
    }

    #[test]
    fn every_rule_id_round_trips_and_names_its_stage() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::all() {
            assert!(seen.insert(rule.id()), "duplicate rule id {}", rule.id());
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
            let (stage, name) = rule.id().split_once('/').expect("ids are stage/name");
            assert_eq!(stage, rule.stage().name());
            assert!(
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit()),
                "{}",
                rule.id()
            );
            assert!(!rule.summary().is_empty());
        }
    }
}
