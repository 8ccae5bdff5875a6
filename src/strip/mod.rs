//! Strip stage: remove photo credits, captions and boilerplate lines.
//!
//! Precision comes before recall: a body sentence wrongly removed is worse
//! than a credit left in. A line is removed only when its whole shape says
//! what it is (see [`credits`] and [`boilerplate`]); a sentence that merely
//! mentions Getty, AFP, a photograph, advertising or subscriptions is body
//! text. Removal takes the whole line with its line break, so the paragraphs
//! around it are untouched.

mod boilerplate;
mod credits;

pub use credits::AGENCIES;

use crate::change::{Change, rules};

rules! {
    /// Rules of the strip stage.
    pub enum Rule {
        /// "YURIY DYACHYSHYN/AFP/Getty", "(AP Photo/Evan Vucci)", "Photo: …".
        PhotoCredit => "strip/photo-credit", "a photo credit line",
        /// A caption sentence that ends with its photo credit.
        Caption => "strip/caption", "a picture caption carrying its credit",
        /// "Advertisement" and its kin.
        Advert => "strip/advert", "an advertisement marker",
        /// "Sign up for our newsletter".
        Newsletter => "strip/newsletter", "a newsletter or subscription prompt",
        /// "Share this article", "Facebook Twitter Email".
        Share => "strip/share", "share buttons",
        /// "Read more: …", "Related: …".
        RelatedLink => "strip/related-link", "a link to another article",
        /// "© 2026 Northgate Media. All rights reserved."
        Copyright => "strip/copyright", "a copyright line",
        /// "(Reporting by …; Editing by …)", "— Associated Press".
        WireTrailer => "strip/wire-trailer", "a wire-service trailer",
        /// "We use cookies to improve your experience."
        CookieNotice => "strip/cookie-notice", "a cookie notice",
    }
}

/// Options of the strip stage.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Rules that are switched off.
    pub disabled: Vec<Rule>,
}

/// The strip stage, built once from [`Options`].
#[derive(Debug)]
pub struct Stripper {
    credits: credits::Credits,
    boilerplate: boilerplate::Boilerplate,
    disabled: Vec<Rule>,
}

/// A wire signature ("AFP") counts only among this many last lines.
const SIGNATURE_WINDOW: usize = 2;

impl Stripper {
    /// Builds the stage, compiling its patterns.
    #[must_use]
    pub fn new(options: &Options) -> Stripper {
        Stripper {
            credits: credits::Credits::new(),
            boilerplate: boilerplate::Boilerplate::new(),
            disabled: options.disabled.clone(),
        }
    }

    /// Appends the lines of `text` to remove to `out`, in order.
    pub fn find(&self, text: &str, out: &mut Vec<Change>) {
        let lines: Vec<(usize, &str)> = line_spans(text).collect();
        let verdicts: Vec<Option<(Rule, &'static str)>> = lines
            .iter()
            .map(|(_, raw)| {
                Some(raw.trim()).filter(|l| !l.is_empty() && may_be_furniture(l)).and_then(|l| self.classify(l))
            })
            .collect();
        // A wire signature ("AFP") counts only at the end of the article: among
        // the last lines that are neither blank nor other furniture.
        let body: Vec<usize> =
            (0..lines.len()).filter(|&i| verdicts[i].is_none() && !lines[i].1.trim().is_empty()).collect();
        let last_lines = &body[body.len().saturating_sub(SIGNATURE_WINDOW)..];
        for (i, &(start, raw)) in lines.iter().enumerate() {
            let verdict = verdicts[i].or_else(|| {
                (last_lines.contains(&i) && boilerplate::is_wire_signature(raw.trim()))
                    .then_some((Rule::WireTrailer, "a wire-service signature at the end"))
            });
            if let Some((rule, reason)) = verdict.filter(|(rule, _)| !self.disabled.contains(rule)) {
                out.push(Change::new(crate::Rule::Strip(rule), text, start..start + raw.len(), "", reason));
            }
        }
    }

    fn classify(&self, line: &str) -> Option<(Rule, &'static str)> {
        if let Some(reason) = self.credits.credit(line) {
            return Some((Rule::PhotoCredit, reason));
        }
        if let Some(reason) = self.credits.caption(line) {
            return Some((Rule::Caption, reason));
        }
        self.boilerplate.classify(line)
    }
}

/// Long lines are body text: no furniture runs past a few dozen words.
fn may_be_furniture(line: &str) -> bool {
    line.len() <= 600
}

/// Each line of `text` with its byte offset, including its line break.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |pos, line| {
        let start = *pos;
        *pos += line.len();
        Some((start, line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(text: &str) -> (String, Vec<&'static str>) {
        let mut changes = Vec::new();
        Stripper::new(&Options::default()).find(text, &mut changes);
        (crate::change::apply(text, &changes), changes.iter().map(|c| c.rule.id()).collect())
    }

    #[test]
    fn credit_line_between_paragraphs_goes_with_its_line_break() {
        let (text, rules) = strip("First paragraph.\nYURIY DYACHYSHYN/AFP/Getty\nSecond paragraph.\n");
        assert_eq!(text, "First paragraph.\nSecond paragraph.\n");
        assert_eq!(rules, ["strip/photo-credit"]);
    }

    #[test]
    fn wire_signature_only_at_the_end() {
        let (text, rules) = strip("AFP\nThe agency said so.\nAFP\n");
        assert_eq!(text, "AFP\nThe agency said so.\n");
        assert_eq!(rules, ["strip/wire-trailer"]);
    }

    #[test]
    fn disabled_rules_do_not_fire() {
        let mut changes = Vec::new();
        Stripper::new(&Options { disabled: vec![Rule::Advert] }).find("Advertisement\nText.\n", &mut changes);
        assert!(changes.is_empty());
    }
}
