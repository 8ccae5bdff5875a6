//! Strip stage: remove photo credits, captions and boilerplate lines.
//!
//! Precision comes before recall: a body sentence wrongly removed is worse
//! than a credit left in. The stage works on whole lines, in two passes:
//!
//! 1. **Each line on its own.** A line is furniture only when its whole shape
//!    says so: a credit ([`credits`]), a label or prompt a site prints
//!    ([`boilerplate`]), residue of the page source ([`markup`]), or a user's
//!    own pattern. Long lines that end like sentences are body text for every
//!    rule except the few that describe sentence-shaped furniture (cookie
//!    notices, captions carrying a credit, copyright notices), and are
//!    dismissed before any pattern runs.
//! 2. **Each line among its neighbours.** A wire signature ("AFP") counts only
//!    at the end of the article; an unfinished sentence right before a credit
//!    line is that picture's caption; a short label line inside a run of
//!    furniture (a related-links list, a footer) goes with the run, but only
//!    when furniture bounds it on both sides, or above it and the end of the
//!    document below (a heading between body paragraphs always stays). With
//!    [`Options::repeated`], lines that many documents of the same source
//!    share are furniture too ([`repeated`]).
//!
//! A sentence that merely mentions Getty, AFP, a photograph, advertising,
//! subscriptions, share prices or "read more" in a quote is body text. Removal
//! takes the whole line with its line break, so the paragraphs around it are
//! untouched.

mod boilerplate;
mod credits;
mod markup;
pub mod repeated;
mod shape;

use std::borrow::Cow;

pub use credits::AGENCIES;

use crate::change::{Change, rules};
use crate::error::ConfigError;
use crate::lines::{Lines, Looked};

rules! {
    /// Rules of the strip stage. Each removes whole lines; what it removes and
    /// what it must keep is documented on the variant and held by the tests in
    /// `tests/strip/`.
    pub enum Rule {
        /// A photo credit on its own line: "YURIY DYACHYSHYN/AFP/Getty", "(AP
        /// Photo/Evan Vucci)", "Photo: …", "Foto: dpa", "via Getty Images",
        /// "Фото: …", "（…摄）", "사진=…". Keeps sentences that mention an
        /// agency or a photograph.
        PhotoCredit => "strip/photo-credit", "a photo credit line",
        /// A picture caption: a line ending with its credit ("… (AP
        /// Photo/NAME)", "… REUTERS/NAME", "…＝共同"), "FILE PHOTO: …", or an
        /// unfinished sentence right before a credit line. Keeps finished
        /// sentences next to a credit.
        Caption => "strip/caption", "a picture caption",
        /// "Advertisement", "Anzeige", "广告", "Story continues below
        /// advertisement". Keeps sentences about advertising.
        Advert => "strip/advert", "an advertisement marker",
        /// "Sign up for our newsletter", "Subscribe", "Suscríbete a …", app
        /// download prompts. Keeps sentences about subscriptions.
        Newsletter => "strip/newsletter", "a newsletter, subscription or app prompt",
        /// "Share this article", "Facebook Twitter Email", "Compartir en
        /// Facebook", "Follow us on Twitter", "0 shares". Keeps "Share prices
        /// fell".
        Share => "strip/share", "share buttons or a follow prompt",
        /// "Read more: …", "Related: …", "Lesen Sie auch: …", "You may also
        /// like". Keeps “Read more books,” she said.
        RelatedLink => "strip/related-link", "a link to another article",
        /// "Home", "Next post", "Back to top", "Tags: …", "Image 1 of 5",
        /// player messages. Keeps sentences starting with "Next" or "More".
        Navigation => "strip/navigation", "site navigation or interface text",
        /// "Leave a comment", "12 comments", "Kommentare". Keeps sentences
        /// about comments.
        Comments => "strip/comments", "a comment prompt or counter",
        /// "© 2026 Northgate Media. All rights reserved.", "무단전재 및
        /// 재배포 금지". Keeps sentences about copyright law.
        Copyright => "strip/copyright", "a copyright line",
        /// "(Reporting by …; Editing by …)", "— Associated Press" at the very
        /// end, "X contributed to this report." Keeps the agency named in a
        /// sentence.
        WireTrailer => "strip/wire-trailer", "a wire-service trailer",
        /// "By JANE DOE", "Edited by: …", "（责任编辑：…）", "Write to X at
        /// x@example.com". Keeps "By Tuesday, the water had receded."
        Byline => "strip/byline", "a byline, editor or contact line",
        /// "Published: Nov. 19, 2019, 6:18 p.m.", "2019-11-13T23:06:00",
        /// "Updated 3 hours ago". Keeps sentences with dates in them.
        Timestamp => "strip/timestamp", "a publication date or time stamp",
        /// "We use cookies …", "Sitemizde çerezler kullanılmaktadır …". Keeps
        /// sentences about cookies.
        CookieNotice => "strip/cookie-notice", "a cookie notice",
        /// HTML tags, CSS selectors, template paths, script lines, ad-slot
        /// names and HTML comment words. Keeps bare links and prose about
        /// markup.
        Markup => "strip/markup", "HTML, script or template residue",
        /// A line that is only a number, price or percentage: a table cell, a
        /// counter. Keeps numbered headings ("1. Define early retirement").
        StrayNumber => "strip/stray-number", "a line that is only a number",
        /// A short label line (no sentence end) inside a run of removed
        /// furniture, or between furniture and the end of the document.
        /// Keeps headings between body paragraphs and every finished sentence.
        FurnitureRun => "strip/furniture-run", "a short line inside a run of page furniture",
        /// A lone lowercase word between paragraphs ("text", "fixed"): a
        /// template or widget token. Keeps words in lists (next to other
        /// short lines) and any capitalised or punctuated word.
        StrayWord => "strip/stray-word", "a lone lowercase word between paragraphs",
        /// A short line that many documents of the same source share (opt-in,
        /// `--repeated-lines`). Never removes a line found in one document.
        RepeatedLine => "strip/repeated-line", "a line repeated across many documents of one source",
        /// A line matching a pattern from the user's configuration.
        UserPattern => "strip/user-pattern", "a line matching a user's pattern",
    }
}

/// A pattern of the user's: lines it matches are removed by
/// [`Rule::UserPattern`], with `name` in the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// What to call it in reports.
    pub name: String,
    /// A regular expression (Rust `regex` syntax), matched against each line
    /// without its line break and surrounding white space. Use `^…$` to match
    /// whole lines.
    pub regex: String,
}

/// Options of the strip stage. The default runs every rule except
/// [`Rule::RepeatedLine`], which needs a first pass over the corpus.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Rules that are switched off.
    pub disabled: Vec<Rule>,
    /// Agencies and picture services to add to [`AGENCIES`].
    pub agencies: Vec<String>,
    /// The user's own patterns.
    pub patterns: Vec<Pattern>,
    /// Remove lines repeated across documents, with these settings; `None`
    /// (the default) leaves them alone.
    pub repeated: Option<repeated::Settings>,
}

/// The strip stage, built once from [`Options`].
#[derive(Debug)]
pub struct Stripper {
    credits: credits::Credits,
    boilerplate: boilerplate::Boilerplate,
    markup: markup::Markup,
    patterns: Vec<(String, regex::Regex)>,
    disabled: Vec<Rule>,
    repeated: Option<repeated::Table>,
}

/// A wire signature ("AFP") counts only as the last line that is not other
/// furniture (so that removing it exposes no new candidate).
const SIGNATURE_WINDOW: usize = 1;
/// A caption on its own line has at least this many words.
const CAPTION_MIN_WORDS: usize = 5;
/// ... and at most this many.
const CAPTION_MAX_WORDS: usize = 50;
/// A line that ends like a sentence and has at least this many words is
/// checked only by the rules for sentence-shaped furniture.
const SENTENCE_WORDS: usize = 8;
/// ... and one of this many words has no copyright notice in it either.
const LONG_SENTENCE_WORDS: usize = 16;
/// No whole-line label is longer than this (in bytes, with some margin).
const LABEL_MAX_BYTES: usize = 96;
/// A body paragraph, as a neighbour, has at least this many words.
const PARAGRAPH_WORDS: usize = 6;
/// A line in a furniture run has at most this many words.
const RUN_MAX_WORDS: usize = 12;
/// Between two pieces of furniture (rather than before the end of the
/// document), a run has at most this many lines.
const RUN_MAX_LINES_INSIDE: usize = 2;

/// What the first pass found about a line.
#[derive(Clone, Debug)]
enum Verdict {
    Blank,
    Body,
    Remove(Rule, Cow<'static, str>),
}

impl Stripper {
    /// Builds the stage, compiling its patterns.
    ///
    /// # Errors
    ///
    /// When a user pattern is not a valid regular expression.
    pub fn new(options: &Options) -> Result<Stripper, ConfigError> {
        let patterns = options
            .patterns
            .iter()
            .map(|p| match regex::Regex::new(&p.regex) {
                Ok(re) => Ok((p.name.clone(), re)),
                Err(e) => Err(ConfigError::BadPattern { name: p.name.clone(), message: e.to_string() }),
            })
            .collect::<Result<_, _>>()?;
        // The boilerplate patterns are half of the compiling: on a second
        // thread, while this one compiles the rest.
        // (Where no thread can be started, all on this one.)
        let (boilerplate, credits, markup) = std::thread::scope(|scope| {
            let boilerplate = std::thread::Builder::new().spawn_scoped(scope, boilerplate::Boilerplate::new);
            let credits = credits::Credits::new(&options.agencies);
            let markup = markup::Markup::new();
            let boilerplate = match boilerplate {
                Ok(thread) => thread.join().expect("compiling built-in patterns does not panic"),
                Err(_) => boilerplate::Boilerplate::new(),
            };
            (boilerplate, credits, markup)
        });
        Ok(Stripper {
            credits,
            boilerplate,
            markup,
            patterns,
            disabled: options.disabled.clone(),
            repeated: options.repeated.clone().map(repeated::Table::empty),
        })
    }

    /// Gives the stage the line counts of a first pass over the corpus (see
    /// [`repeated`]); without them [`Rule::RepeatedLine`] finds nothing.
    pub fn set_line_counts(&mut self, counts: repeated::Table) {
        if self.repeated.is_some() {
            self.repeated = Some(counts);
        }
    }

    /// The settings of repeated-line removal, when it is on.
    #[must_use]
    pub fn repeated_settings(&self) -> Option<&repeated::Settings> {
        self.repeated.as_ref().map(repeated::Table::settings)
    }

    /// Appends the lines of `text` to remove to `out`, in order.
    pub fn find(&self, text: &str, out: &mut Vec<Change>) {
        self.find_in_group(text, &Lines::of(text), "", out);
    }

    /// As [`Stripper::find`], given the [`Lines`] of `text`, for a document
    /// of the source `group` (its domain, say), which only matters to
    /// [`Rule::RepeatedLine`].
    pub fn find_in_group(&self, text: &str, lines: &Lines, group: &str, out: &mut Vec<Change>) {
        // Each line is judged as normalize may leave it, without the stray
        // controls, zero-width characters, joiners and bidi controls it may
        // remove: otherwise "\u{1}JANE DOE/AFP" would stay, lose its control
        // to normalize, and go on a second run. (Some go only where their
        // neighbours allow, a ZWNJ between letters that cannot join: judged
        // without all of them, a line gets the same verdict before normalize
        // and after.) A quiet line holds none.
        let looked: Vec<Looked<'_>> = lines.iter(text).collect();
        let views: Vec<Cow<'_, str>> = looked
            .iter()
            .map(|l| {
                let raw = l.line.with_break(text);
                debug_assert!(!l.quiet || !crate::normalize::has_vanishing(raw), "{raw:?}");
                if l.quiet { Cow::Borrowed(raw) } else { crate::normalize::without_vanishing(raw) }
            })
            .collect();
        // Every rule reads a line without the white space around it (a
        // quiet line stays quiet).
        let lines: Vec<(usize, &str)> =
            looked.iter().zip(&views).map(|(l, view)| (l.line.start, shape::trim(view))).collect();
        let mut verdicts: Vec<Verdict> =
            lines.iter().zip(&looked).map(|((_, line), l)| self.first_pass(line, l)).collect();
        // Judging in context depends on the neighbours, and a removal changes
        // them: once "-- more --" goes, "AFP" may be the last line. So the
        // context is judged again on what is left, as a second run would
        // see it, until nothing more goes: stripping twice removes nothing.
        // (Only documents that lost a line pay for the second look.) A line
        // still left keeps its first verdict in `verdicts` (only a removal
        // is written there), so each look starts from it. The first look
        // takes every line as it is (`None`): copying the lines and their
        // verdicts for it was 1.3–1.9 % of the text stages on news.
        let mut alive: Option<Vec<usize>> = None;
        loop {
            let (kept, mut judged) = match &alive {
                None => (Cow::Borrowed(&lines[..]), verdicts.clone()),
                Some(alive) => (
                    Cow::Owned(alive.iter().map(|&i| lines[i]).collect()),
                    alive.iter().map(|&i| verdicts[i].clone()).collect::<Vec<_>>(),
                ),
            };
            self.in_context(&kept, &mut judged);
            if let Some(table) = &self.repeated
                && !self.disabled.contains(&Rule::RepeatedLine)
            {
                table.mark(&kept, group, &mut judged);
            }
            let mut still = Vec::with_capacity(kept.len());
            for (k, verdict) in judged.into_iter().enumerate() {
                let i = alive.as_ref().map_or(k, |alive| alive[k]);
                match verdict {
                    Verdict::Remove(..) => verdicts[i] = verdict,
                    _ => still.push(i),
                }
            }
            if still.len() == kept.len() {
                break;
            }
            alive = Some(still);
        }
        for (l, verdict) in looked.iter().zip(verdicts) {
            if let Verdict::Remove(rule, reason) = verdict {
                out.push(Change::new(crate::Rule::Strip(rule), text, l.line.start..l.line.end(), "", reason));
            }
        }
    }

    /// The verdict on `line` (the trimmed view of the line `look` saw) on
    /// its own; a [quiet](crate::lines::is_quiet) line is spared some looks.
    fn first_pass(&self, line: &str, look: &Looked<'_>) -> Verdict {
        if line.is_empty() {
            return Verdict::Blank;
        }
        match self.classify(line, look) {
            Some((rule, reason)) => Verdict::Remove(rule, reason),
            None => Verdict::Body,
        }
    }

    /// The built-in rules first, then the user's patterns; a switched-off
    /// rule does not stop a user's pattern from matching the same line.
    fn classify(&self, line: &str, look: &Looked<'_>) -> Option<(Rule, Cow<'static, str>)> {
        if let Some((rule, reason)) = self.built_in(line, look).filter(|(rule, _)| !self.disabled.contains(rule)) {
            return Some((rule, Cow::Borrowed(reason)));
        }
        if self.disabled.contains(&Rule::UserPattern) {
            return None;
        }
        let (name, _) = self.patterns.iter().find(|(_, re)| re.is_match(line))?;
        Some((Rule::UserPattern, Cow::Owned(format!("matches the user pattern {name:?}"))))
    }

    fn built_in(&self, line: &str, look: &Looked<'_>) -> Option<(Rule, &'static str)> {
        let quiet = look.quiet;
        // Long finished sentences are body text, except for the few rules
        // that describe sentence-shaped furniture, which all show at the
        // start or the end of the line.
        let long = line.len() > shape::SHORT_LINE;
        if long && !self.may_be_long_furniture(line) {
            return None;
        }
        // A finished sentence of several words is body text for every rule
        // about short lines: only the sentence-shaped furniture patterns,
        // anchored at the start of the line, look at it.
        let plain = ends_plainly(line);
        let words = match (long, plain) {
            (true, _) => LONG_SENTENCE_WORDS,
            (false, true) if look.spaced => shape::quiet_words_up_to(line, LONG_SENTENCE_WORDS),
            (false, true) => shape::words_up_to(line, LONG_SENTENCE_WORDS),
            (false, false) => 0,
        };
        let sentence = long || plain && words >= SENTENCE_WORDS;
        // A quiet line has no combining marks or jamo: it is composed.
        let line = if quiet { Cow::Borrowed(line) } else { shape::composed(line) };
        debug_assert_eq!(line, shape::composed(&line));
        let line = line.as_ref();
        // Whole-line labels are the commonest furniture and the cheapest to
        // find, and a few are short sentences ("Diese Website verwendet
        // Akismet, um Spam zu reduzieren."); a credit label ("Photo") wins
        // over a site label.
        let key = (!sentence || line.len() <= LABEL_MAX_BYTES).then(|| shape::key(line));
        if let Some(key) = &key
            && let Some(found) = self.boilerplate.label(key)
            && !self.credits.is_label(key)
        {
            return Some(found);
        }
        let key = key.filter(|_| !sentence);
        if let Some(key) = &key {
            if let Some(reason) = self.credits.credit(line, key) {
                return Some((Rule::PhotoCredit, reason));
            }
            if let Some(reason) = self.markup.markup(line, key) {
                return Some((Rule::Markup, reason));
            }
            if self.markup.is_number(line) {
                return Some((Rule::StrayNumber, "a line that is only a number, price or percentage"));
            }
        }
        if let Some(reason) = self.credits.caption(line, sentence && plain) {
            return Some((Rule::Caption, reason));
        }
        self.boilerplate.classify(line, key.as_deref(), sentence && words >= LONG_SENTENCE_WORDS)
    }

    /// A cheap look at a long line's ends: can any rule for long lines
    /// apply? Body paragraphs end with a full stop and start otherwise.
    fn may_be_long_furniture(&self, line: &str) -> bool {
        !ends_plainly(line) || starts_like_long_furniture(line)
    }

    /// The second pass: rules that need a line's neighbours (`lines`
    /// without the white space around them).
    fn in_context(&self, lines: &[(usize, &str)], verdicts: &mut [Verdict]) {
        let removed = |v: &Verdict| matches!(v, Verdict::Remove(..));
        let text_of = |i: usize| lines[i].1;
        let mut non_blank = Vec::with_capacity(lines.len());
        non_blank.extend((0..lines.len()).filter(|&i| !matches!(verdicts[i], Verdict::Blank)));
        // An unfinished sentence right before a credit line is its caption.
        if !self.disabled.contains(&Rule::Caption) {
            for pair in non_blank.windows(2) {
                let (i, next) = (pair[0], pair[1]);
                let line = text_of(i);
                if matches!(verdicts[i], Verdict::Body)
                    && matches!(verdicts[next], Verdict::Remove(Rule::PhotoCredit, _))
                    && (CAPTION_MIN_WORDS..=CAPTION_MAX_WORDS).contains(&shape::words(line))
                    && !shape::ends_sentence(line)
                    && !line.ends_with([':', '：'])
                {
                    verdicts[i] = Verdict::Remove(Rule::Caption, "an unfinished sentence right before a credit".into());
                }
            }
        }
        // A wire signature ("AFP", "— Associated Press") counts only as the
        // last line that is not other furniture.
        if !self.disabled.contains(&Rule::WireTrailer) {
            let mut body = Vec::with_capacity(non_blank.len());
            body.extend(
                non_blank
                    .iter()
                    .copied()
                    .filter(|&i| matches!(verdicts[i], Verdict::Body | Verdict::Remove(Rule::PhotoCredit, _))),
            );
            for &i in &body[body.len().saturating_sub(SIGNATURE_WINDOW)..] {
                if is_wire_signature(text_of(i)) {
                    verdicts[i] = Verdict::Remove(Rule::WireTrailer, "a wire-service signature at the end".into());
                }
            }
        }
        // A lone lowercase word between paragraphs or furniture is a
        // template token; between other short lines it is a list item.
        let stray: Vec<bool> =
            (0..lines.len()).map(|i| matches!(verdicts[i], Verdict::Body) && is_stray_word(text_of(i))).collect();
        if !self.disabled.contains(&Rule::StrayWord) && stray.contains(&true) {
            let settled: Vec<bool> = (0..lines.len())
                .map(|i| {
                    removed(&verdicts[i])
                        || shape::ends_sentence(text_of(i)) && shape::has_words(text_of(i), PARAGRAPH_WORDS)
                })
                .collect();
            let settled = |i: usize| settled[i];
            for (run, above, below) in runs(&non_blank, &stray) {
                if (above.is_some() || below.is_some()) && above.is_none_or(settled) && below.is_none_or(settled) {
                    for &i in run {
                        verdicts[i] =
                            Verdict::Remove(Rule::StrayWord, "a lone lowercase word between paragraphs".into());
                    }
                }
            }
        }
        // Short label lines inside a run of furniture go with it.
        if !self.disabled.contains(&Rule::FurnitureRun) {
            let labels: Vec<bool> = (0..lines.len())
                .map(|i| {
                    let line = text_of(i);
                    matches!(verdicts[i], Verdict::Body)
                        && line.len() <= 160
                        && !shape::ends_sentence(line)
                        && !line.ends_with([':', '：', ',', ';'])
                        && !shape::has_words(line, RUN_MAX_WORDS + 1)
                })
                .collect();
            for (run, above, below) in runs(&non_blank, &labels) {
                let above = above.map(|j| removed(&verdicts[j]));
                let below = below.map(|j| removed(&verdicts[j]));
                let inside = above == Some(true) && below == Some(true) && run.len() <= RUN_MAX_LINES_INSIDE;
                let at_end = above == Some(true) && below.is_none();
                if inside || at_end {
                    for &i in run {
                        verdicts[i] = Verdict::Remove(
                            Rule::FurnitureRun,
                            if at_end {
                                "a short line between page furniture and the end of the document".into()
                            } else {
                                "a short line between two pieces of page furniture".into()
                            },
                        );
                    }
                }
            }
        }
    }
}

/// The runs of consecutive non-blank lines that are `flagged`, each with
/// the non-blank lines just above and below it (`None` at the edges).
fn runs<'a>(
    non_blank: &'a [usize],
    flagged: &'a [bool],
) -> impl Iterator<Item = (&'a [usize], Option<usize>, Option<usize>)> + 'a {
    let mut k = 0;
    std::iter::from_fn(move || {
        while k < non_blank.len() && !flagged[non_blank[k]] {
            k += 1;
        }
        let start = k;
        while k < non_blank.len() && flagged[non_blank[k]] {
            k += 1;
        }
        (start < k)
            .then(|| (&non_blank[start..k], start.checked_sub(1).map(|j| non_blank[j]), non_blank.get(k).copied()))
    })
}

/// A template or widget token: one lowercase ASCII word.
fn is_stray_word(line: &str) -> bool {
    (2..=20).contains(&line.len())
        && line.bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_')
        && line.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
}

/// Ends with a full stop, and does not end with a bracket: the usual end of a
/// body paragraph.
fn ends_plainly(line: &str) -> bool {
    shape::ends_sentence(line) && !line.ends_with([')', ']', '）'])
}

/// The openings of the sentence-shaped furniture that can run long,
/// lowercased.
const LONG_FURNITURE_OPENINGS: &[&str] = &[
    "we use cookies",
    "we and our partners",
    "this site uses",
    "this website uses",
    "our site uses",
    "our website uses",
    "by continuing",
    "by using",
    "copyright",
    "no spam",
    "sign up",
    "subscribe",
    "©",
    "ⓒ",
    "(c)",
    "wir verwenden",
    "diese website",
    "nous utilisons",
    "ce site",
    "utilizamos",
    "este sitio",
    "sitemizde",
    "мы используем",
];

/// Whether `line` starts with one of [`LONG_FURNITURE_OPENINGS`], in any case.
fn starts_like_long_furniture(line: &str) -> bool {
    // Asked of every long body paragraph: the line's first letter,
    // lowercased, picks the openings worth comparing (most often none), and
    // those are compared letter by letter, without a lowercased copy.
    let lowered = line.chars().flat_map(char::to_lowercase);
    let Some(first) = lowered.clone().next() else { return false };
    LONG_FURNITURE_OPENINGS.iter().filter(|o| o.starts_with(first)).any(|o| {
        let mut lowered = lowered.clone();
        o.chars().all(|c| lowered.next() == Some(c))
    })
}

/// True when `line` is only a wire-service name, like the signature at the
/// foot of an agency story: "AFP", "— Associated Press", "(Reuters)".
fn is_wire_signature(line: &str) -> bool {
    let name = line.trim_start_matches(['—', '–', '-', '(', ' ']).trim_end_matches([')', '.', ' ']);
    !name.is_empty()
        && name.len() <= 40
        && name.split('/').all(|part| WIRE_SERVICES.contains(&part.trim().to_lowercase().as_str()))
}

/// Wire services that sign the stories they send, lowercase.
const WIRE_SERVICES: &[&str] = &[
    "afp",
    "agence france-presse",
    "ap",
    "associated press",
    "the associated press",
    "reuters",
    "dpa",
    "efe",
    "ansa",
    "apa",
    "pa",
    "pa media",
    "bloomberg",
    "xinhua",
    "tass",
    "ria novosti",
    "interfax",
    "anadolu",
    "kyodo",
    "jiji",
    "yonhap",
    "upi",
    "canadian press",
    "the canadian press",
    "cnn",
    "bbc",
    "ntb",
    "tt",
    "ritzau",
    "belga",
    "anp",
    "pap",
    "ctk",
    "čtk",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_with(options: &Options, text: &str) -> (String, Vec<&'static str>) {
        let mut changes = Vec::new();
        Stripper::new(options).unwrap().find(text, &mut changes);
        (crate::change::apply(text, &changes), changes.iter().map(|c| c.rule.id()).collect())
    }

    fn strip(text: &str) -> (String, Vec<&'static str>) {
        strip_with(&Options::default(), text)
    }

    #[test]
    fn credit_line_between_paragraphs_goes_with_its_line_break() {
        let (text, rules) = strip("First paragraph.\nYURIY DYACHYSHYN/AFP/Getty\nSecond paragraph.\n");
        assert_eq!(text, "First paragraph.\nSecond paragraph.\n");
        assert_eq!(rules, ["strip/photo-credit"]);
    }

    #[test]
    fn invisible_characters_normalize_may_remove_do_not_change_a_verdict() {
        // Normalize removes a ZWNJ or a bidi mark where nothing needs it:
        // the line must be judged as it will be after, not only as it is.
        for mark in ['\u{200c}', '\u{200d}', '\u{200e}', '\u{202a}', '\u{2066}', '\u{61c}', '\u{1}'] {
            let (text, rules) = strip(&format!("First paragraph.\n{mark}YURIY DYACHYSHYN/AFP/Getty\nSecond one.\n"));
            assert_eq!(text, "First paragraph.\nSecond one.\n", "{mark:?}");
            assert_eq!(rules, ["strip/photo-credit"]);
        }
        // Several such lines, and lines without between them: each is found.
        let (text, rules) = strip(
            "First\u{200d} paragraph.\nYURIY DYACHYSHYN/AFP/Getty\u{200e}\nSecond one.\n\u{1}JANE DOE/AFP\nThird.\u{61c}\n",
        );
        assert_eq!(text, "First\u{200d} paragraph.\nSecond one.\nThird.\u{61c}\n");
        assert_eq!(rules, ["strip/photo-credit", "strip/photo-credit"]);
    }

    /// A Chinese sentence is counted by its characters in a quiet line too:
    /// after a stray tag it is a sentence, and kept (counted as one spaced
    /// word, it would be taken for a line of markup).
    #[test]
    fn chinese_sentences_are_counted_by_characters_in_quiet_lines() {
        let line = "<p>今天北京天气晴朗气温适宜市民纷纷外出游玩。";
        assert!(crate::lines::is_quiet(line, false));
        let text = format!("Body text here.\n\n{line}\n\nMore body text.\n");
        let (out, rules) = strip(&text);
        assert_eq!(out, text);
        assert!(rules.is_empty(), "{rules:?}");
    }

    #[test]
    fn wire_signature_only_at_the_end() {
        let (text, rules) = strip("— AFP\nThe agency said so.\n— AFP\n");
        assert_eq!(text, "— AFP\nThe agency said so.\n");
        assert_eq!(rules, ["strip/wire-trailer"]);
    }

    #[test]
    fn a_caption_line_goes_with_its_credit() {
        let (text, rules) = strip(
            "The talks ended on Monday.\nKevin Mayer, the executive who oversees the service\n(Walt Disney Co.)\nMore talks are planned.\n",
        );
        assert_eq!(text, "The talks ended on Monday.\nMore talks are planned.\n");
        assert_eq!(rules, ["strip/caption", "strip/photo-credit"]);
    }

    #[test]
    fn short_lines_in_a_furniture_run_go_but_headings_between_paragraphs_stay() {
        let text = "The match ended late.\nAdvertisement\nThe bottom line\nThe club will appeal.\nRelated articles\nStorm batters the coast\nPrices rise again\n";
        let (text, rules) = strip(text);
        assert_eq!(text, "The match ended late.\nThe bottom line\nThe club will appeal.\n");
        assert_eq!(rules, ["strip/advert", "strip/related-link", "strip/furniture-run", "strip/furniture-run"]);
    }

    #[test]
    fn disabled_rules_do_not_fire_but_user_patterns_still_do() {
        let options = Options { disabled: vec![Rule::Advert], ..Options::default() };
        assert_eq!(strip_with(&options, "Advertisement\nText.\n").1, Vec::<&str>::new());
        let pattern = Pattern { name: "ads".into(), regex: "^Advertisement$".into() };
        let options = Options { disabled: vec![Rule::Advert], patterns: vec![pattern], ..Options::default() };
        assert_eq!(strip_with(&options, "Advertisement\nText.\n").1, ["strip/user-pattern"]);
    }

    #[test]
    fn user_patterns_are_named_in_the_reason_and_bad_ones_are_errors() {
        let pattern = Pattern { name: "footer".into(), regex: "^Northgate Media, Port Harlow$".into() };
        let options = Options { patterns: vec![pattern], ..Options::default() };
        let mut changes = Vec::new();
        Stripper::new(&options).unwrap().find("Body.\nNorthgate Media, Port Harlow\n", &mut changes);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].rule.id(), "strip/user-pattern");
        assert!(changes[0].reason.contains("\"footer\""));
        let bad = Options { patterns: vec![Pattern { name: "x".into(), regex: "(".into() }], ..Options::default() };
        assert!(Stripper::new(&bad).is_err());
    }

    #[test]
    fn decomposed_text_is_matched_in_composed_form() {
        let (text, rules) = strip("Body.\nQua\u{309}ng ca\u{301}o\nMore body.\n");
        assert_eq!(text, "Body.\nMore body.\n");
        assert_eq!(rules, ["strip/advert"]);
    }

    proptest::proptest! {
        /// The openings are found as in the lowercased head of the line,
        /// whatever its case, its script and letters that lowercase to two
        /// ("İ").
        #[test]
        fn long_furniture_openings_are_found_in_any_case(
            line in "(We|WE|we|Use|COOKIES|cookies|use|By|USING|using|Ce|site|No|SPAM|Sitemizde|Este|sitio|Мы|МЫ|мы|ИСПОЛЬЗУЕМ|используем|Copyright|©|Ⓒ|\\(C\\)|\\(c\\)|İ|Sign|UP|Diese|Website| |\\.|x){0,8}",
        ) {
            let head: String = line.chars().take(24).flat_map(char::to_lowercase).collect();
            let expected = LONG_FURNITURE_OPENINGS.iter().any(|o| head.starts_with(o));
            proptest::prop_assert_eq!(starts_like_long_furniture(&line), expected, "{:?}", line);
        }
    }
}
