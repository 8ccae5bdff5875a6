//! How natural a piece of text looks: the cost model that decides whether a
//! decoded reading is better than the text as it stands.
//!
//! [`cost`] adds up, for a short stretch of text (a word or a few, with one
//! character of context on each side), the shapes real text seldom has:
//!
//! * rare or impossible characters (controls, private use, IPA, archaic
//!   letters), weighted by [`Class::rarity`];
//! * a combining mark with nothing to sit on;
//! * non-ASCII punctuation or symbols glued to a word where words do not
//!   take them ("©" between two letters, "√" at the end of a word), and
//!   runs of unrelated symbols;
//! * case that changes inside a word ("barÃ¨me", "HÃ´tel");
//! * letters of two scripts touching inside a word ("canciГіn");
//! * a letter of a script found nowhere else on the line, in a word too
//!   short to be a quotation ("5ף35").
//!
//! A repair is judged by the cost of the text before minus the cost after:
//! mojibake is made of exactly these shapes, and its repair removes them.
//! Correct text has few, and whatever a wrong "repair" produces has more.

use super::chars::{self, Case, Class, Kind, Script, classify};

/// A set of scripts, one bit each (see [`script_bit`]).
pub(super) type Scripts = u32;

pub(super) fn script_bit(s: Script) -> Scripts {
    1 << (s as u32)
}

/// The scripts of the letters in `text`. ASCII letters are Latin, and
/// other ASCII is no letter: only the other characters are classified.
pub(super) fn scripts_of(text: &str) -> Scripts {
    let latin = if text.bytes().any(|b| b.is_ascii_alphabetic()) { script_bit(Script::Latin) } else { 0 };
    chars::non_ascii(text).filter_map(|(_, c)| classify(c).script()).fold(latin, |set, s| set | script_bit(s))
}

fn rarity_cost(rarity: u8) -> f32 {
    match rarity {
        0 => 0.0,
        1 => 1.0,
        _ => 3.0,
    }
}

/// The cost of `text` read as real text, with `prev` and `next` the
/// characters around it (None at a line edge) and `elsewhere` the scripts
/// of the rest of the line.
///
/// One pass, each character classified once and looked at with its two
/// neighbours, the word shapes followed as it goes: the stage calls this
/// for every word it weighs, before and after.
pub(super) fn cost(text: &str, prev: Option<char>, next: Option<char>, elsewhere: Scripts) -> f32 {
    counted(text, prev, next, elsewhere, None)
}

/// `already` plus the cost of `text`, counted only until the sum reaches
/// `need`: then some sum at least `need`. Every term of the cost is at
/// least zero, so the part counted so far never overstates the whole, and
/// a caller that adds costs up until they are enough gets the same answer
/// as with [`cost`], without reading the rest of a word that is mojibake
/// from its first characters.
pub(super) fn add_cost_until(
    already: f32,
    need: f32,
    text: &str,
    prev: Option<char>,
    next: Option<char>,
    elsewhere: Scripts,
) -> f32 {
    already + counted(text, prev, next, elsewhere, Some((already, need)))
}

/// [`cost`], stopping early (see [`add_cost_until`]) once `already` plus
/// the part counted reaches `need`.
fn counted(text: &str, prev: Option<char>, next: Option<char>, elsewhere: Scripts, until: Option<(f32, f32)>) -> f32 {
    if plain(text, prev, next, elsewhere) {
        return 0.0;
    }
    let prev = prev.map(|c| (c, classify(c)));
    let next = next.map(|c| (c, classify(c)));
    let mut shapes = Shapes::default();
    // Context characters count for the first and last word's case and
    // script only ("bar" + "Ã¨me" is one word). One that is not a letter
    // changes no shape, and one that is white space ends a word: either
    // way it can be fed like the others.
    if let Some(p) = prev {
        shapes.feed(p, false);
    }
    let mut total = 0.0;
    let mut before = prev;
    // Combining marks right before the current character.
    let mut marks = usize::from(prev.is_some_and(|(_, k)| k.kind == Kind::Mark));
    let mut rest = text.chars().map(|c| (c, classify(c)));
    let mut current = rest.next();
    while let Some(here) = current {
        let ahead = rest.next();
        total += char_cost(here, before, ahead.or(next), before.is_none(), marks);
        shapes.feed(here, true);
        if let Some((already, need)) = until
            && already + (total + shapes.total) >= need
        {
            return total + shapes.total;
        }
        marks = if here.1.kind == Kind::Mark { marks + 1 } else { 0 };
        before = Some(here);
        current = ahead;
    }
    if let Some(n) = next {
        shapes.feed(n, false);
    }
    total + shapes.finish(elsewhere)
}

/// Whether `text` is a plain word, which costs nothing: letters of one
/// script, each common (rarity 0), in a natural case (all capitals, or one
/// capital or none and then lowercase), among ASCII digits and
/// punctuation and the typographic quotation marks, apostrophes and
/// dashes where they cost nothing (see [`typographic`]); no white space,
/// nothing else, no letter or mark next to it; and if it has only one or
/// two letters, a script found elsewhere on the line. Most words a repair
/// gives are plain ("seafront’s", "“explosive"), and this look at them is
/// much cheaper than the full count; the property tests hold the two to
/// each other.
fn plain(text: &str, prev: Option<char>, next: Option<char>, elsewhere: Scripts) -> bool {
    /// Where a word is in its case pattern.
    #[derive(PartialEq)]
    enum Seen {
        Nothing,
        OneCapital,
        Capitals,
        Lowercase,
    }
    let edge = |c: Option<char>| c.is_none_or(|c| c.is_ascii() && !c.is_ascii_alphabetic());
    if !edge(prev) || !edge(next) {
        return false;
    }
    let mut script = None;
    let mut letters = 0;
    let mut seen = Seen::Nothing;
    // What the glue cost of a typographic mark needs: whether the
    // character before is part of a word (a letter or a digit; the one
    // before the text can only be an ASCII digit), whether it is a
    // typographic mark itself (two in a row may cost), and whether it is
    // one glued to a word before it that no word may follow ("a“b").
    let mut wordlike = prev.is_some_and(|c| c.is_ascii_digit());
    let mut after_mark = false;
    let mut closes = false;
    for c in text.chars() {
        let (letter, in_word) = if c.is_ascii() {
            match c {
                'a'..='z' => (Some((Script::Latin, Case::Lower)), true),
                'A'..='Z' => (Some((Script::Latin, Case::Upper)), true),
                '0'..='9' => (None, true),
                '!'..='~' => (None, false),
                _ => return false,
            }
        } else {
            match classify(c) {
                Class { kind: Kind::Letter(s, case), rarity: 0 } if !matches!(c, 'Â' | 'Ã') => {
                    (Some((s, case)), true)
                }
                class if typographic(c, class) && !after_mark => {
                    closes = wordlike && !chars::joins_letters(c);
                    (wordlike, after_mark) = (false, true);
                    continue;
                }
                _ => return false,
            }
        };
        if closes && in_word {
            return false;
        }
        (wordlike, after_mark, closes) = (in_word, false, false);
        let Some((s, case)) = letter else { continue };
        if script.is_some_and(|t| t != s) {
            return false;
        }
        script = Some(s);
        letters += 1;
        seen = match (seen, case) {
            (seen, Case::None) => seen,
            (Seen::Nothing, Case::Upper) => Seen::OneCapital,
            (Seen::OneCapital | Seen::Capitals, Case::Upper) => Seen::Capitals,
            (Seen::Nothing | Seen::OneCapital | Seen::Lowercase, Case::Lower) => Seen::Lowercase,
            (Seen::Capitals, Case::Lower) | (Seen::Lowercase, Case::Upper) => return false,
        };
    }
    if closes && next.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    letters > 2 || script.is_none_or(|s| s == Script::Unknown || elsewhere & script_bit(s) != 0)
}

/// Whether `c` (of class `class`) is a quotation mark, apostrophe or dash
/// that costs nothing in a word unless it follows another such mark, or
/// sits between two parts of a word without joining them: common
/// punctuation that may both open and close a word (see [`glue_cost`]).
fn typographic(c: char, class: Class) -> bool {
    class.kind == Kind::Punct && class.rarity == 0 && chars::opens_word(c) && chars::closes_word(c)
}

/// Costs that depend on one character and its neighbours; `first` when it
/// starts the text with nothing before it, `marks` the combining marks
/// right before it.
fn char_cost(
    (c, class): (char, Class),
    prev: Option<(char, Class)>,
    next: Option<(char, Class)>,
    first: bool,
    marks: usize,
) -> f32 {
    let prev_class = prev.map(|p| p.1);
    let next_class = next.map(|n| n.1);
    let mut cost = match class.kind {
        Kind::Control => 5.0,
        Kind::Invalid => 6.0,
        Kind::Format => format_cost(c, prev_class, next_class, first),
        Kind::Mark => match prev_class {
            // Hebrew points and Arabic vowel marks belong on their own
            // script's letters.
            Some(p) if mark_script(c).is_some_and(|s| p.script().is_some_and(|t| t != s)) => 3.0,
            Some(p) if p.is_wordlike() => rarity_cost(class.rarity) * 0.5 + if marks >= 2 { 2.0 } else { 0.0 },
            _ => 3.0,
        },
        Kind::Space if c != ' ' => {
            // A no-break or other special space next to another space.
            let spaced = |k: Option<Class>| k.is_some_and(|k| k.kind == Kind::Space);
            rarity_cost(class.rarity) + if spaced(prev_class) || spaced(next_class) { 1.5 } else { 0.0 }
        }
        // "Â" and "Ã" are letters of all-caps words; alone they are no
        // word of any language.
        Kind::Letter(..)
            if matches!(c, 'Â' | 'Ã')
                && !prev_class.is_some_and(Class::is_letter)
                && !next.is_some_and(|(n, k)| k.is_letter() || matches!(n, '’' | '\'')) =>
        {
            1.5
        }
        _ => rarity_cost(class.rarity),
    };
    if class.is_symbolic() && class.kind != Kind::Emoji && !c.is_ascii() {
        cost += glue_cost(c, prev, next);
        if let Some((p, pk)) = prev
            && pk.is_symbolic()
            && !p.is_ascii()
            && p != c
            && !natural_pair(p, c)
        {
            cost += 1.0;
        }
    }
    cost
}

/// The script a combining mark belongs to, for the marks that have one.
fn mark_script(c: char) -> Option<Script> {
    match c as u32 {
        0x591..=0x5C7 => Some(Script::Hebrew),
        0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6ED => Some(Script::Arabic),
        _ => None,
    }
}

fn format_cost(c: char, prev: Option<Class>, next: Option<Class>, first: bool) -> f32 {
    let emoji = |k: Option<Class>| k.is_some_and(|k| matches!(k.kind, Kind::Emoji | Kind::Format));
    let letter = |k: Option<Class>| k.is_some_and(Class::is_letter);
    match c {
        // Joiners and variation selectors belong between pictographs and
        // after CJK or letters.
        '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0020}'..='\u{E007F}'
            if emoji(prev) || emoji(next) || letter(prev) =>
        {
            0.0
        }
        '\u{AD}' if letter(prev) && letter(next) => 0.5,
        '\u{FEFF}' if first => 1.0,
        _ => 2.0,
    }
}

/// Symbols and punctuation glued to a word where words do not take them.
fn glue_cost(c: char, prev: Option<(char, Class)>, next: Option<(char, Class)>) -> f32 {
    let word_before = prev.is_some_and(|(_, k)| k.is_wordlike());
    let word_after = next.is_some_and(|(_, k)| k.is_wordlike());
    let digit = |x: Option<(char, Class)>| x.is_some_and(|(_, k)| k.kind == Kind::Digit);
    if ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF01}'..='\u{FF65}').contains(&c) {
        // CJK and full-width punctuation carries its own spacing.
        return 0.0;
    }
    match (word_before, word_after) {
        (true, true) => {
            if (digit(prev) || digit(next)) && chars::joins_digits(c) || chars::joins_letters(c) {
                0.0
            } else {
                3.0
            }
        }
        (true, false) => {
            if c == '™' {
                0.5
            } else if chars::closes_word(c)
                || digit(prev) && matches!(c, '£' | '€' | '¥' | '¢' | 'ª' | 'º' | '½' | '¼' | '¾')
            {
                0.0
            } else if c == '©' {
                1.0
            } else {
                1.5
            }
        }
        (false, true) => {
            // The radical sign is written before its operand ("√2", "√x",
            // "√π"), and math names its variables with ASCII and Greek
            // letters. Before an accented Latin letter it is mac-roman's
            // byte C3 instead ("√ñ" for "Ö").
            let operand = next
                .is_some_and(|(n, k)| n.is_ascii_alphanumeric() || matches!(k.kind, Kind::Letter(Script::Greek, _)));
            if chars::opens_word(c) || c == '√' && operand { 0.0 } else { 1.5 }
        }
        (false, false) => 0.0,
    }
}

/// Pairs of different symbols that real text writes together.
fn natural_pair(a: char, b: char) -> bool {
    let closing = |c: char| matches!(c, '”' | '’' | '»' | '›' | '…' | ')' | '」' | '』' | '）');
    closing(a) && closing(b)
        || matches!((a, b), ('«', '“' | '‘') | ('“', '‘') | ('¡', '¿') | ('¿', '¡') | ('°', 'C' | 'F'))
        || a == '\u{a0}'
        || b == '\u{a0}'
        || box_drawing(a) && box_drawing(b)
}

fn box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{259F}').contains(&c)
}

/// The shapes of words followed character by character: case that changes
/// inside a word, letters of two scripts touching, and the letters of
/// scripts found nowhere else on the line. Words end at ASCII white space.
#[derive(Default)]
struct Shapes {
    /// What the words so far cost.
    total: f32,
    /// The case of the word's last cased letter.
    case: Option<Case>,
    /// Capitals the word starts with.
    leading_upper: u32,
    /// Whether a lowercase letter followed two or more leading capitals
    /// ("HÃtel"), which costs once per word.
    lower_after_caps: bool,
    /// The script of the word's last letter.
    script: Option<Script>,
    /// Letters per script in the text itself (not its context).
    counts: [u16; Script::ALL.len()],
}

impl Shapes {
    #[inline]
    fn feed(&mut self, (c, class): (char, Class), counted: bool) {
        if matches!(c, ' ' | '\t') {
            (self.case, self.leading_upper, self.lower_after_caps, self.script) = (None, 0, false, None);
            return;
        }
        let Kind::Letter(script, case) = class.kind else { return };
        if counted {
            // Only none, one, two or more matter: saturating, a word of any
            // length counts right.
            self.counts[script as usize] = self.counts[script as usize].saturating_add(1);
        }
        // Letters of different scripts next to each other (marks, digits
        // and symbols between them do not separate them).
        if let Some(p) = self.script {
            self.total += p.mix_cost(script);
        }
        self.script = Some(script);
        // Lowercase followed by uppercase, and a word that starts with two
        // capitals and goes on in lowercase.
        if case == Case::None {
            return;
        }
        if self.case == Some(Case::Lower) && case == Case::Upper {
            self.total += 2.5;
        }
        if !self.lower_after_caps {
            if case == Case::Upper && self.case.is_none_or(|p| p == Case::Upper) {
                self.leading_upper += 1;
            } else if case == Case::Lower && self.leading_upper >= 2 {
                self.lower_after_caps = true;
                self.total += 2.0;
            }
        }
        self.case = Some(case);
    }

    /// The total, with the letters of scripts not in `elsewhere`: one or
    /// two of them are a stray, not a quotation.
    fn finish(self, elsewhere: Scripts) -> f32 {
        let mut total = self.total;
        for script in Script::ALL {
            let n = self.counts[script as usize];
            if n > 0 && n <= 2 && script != Script::Unknown && elsewhere & script_bit(script) == 0 {
                // Greek letters stand alone in Latin text as symbols (γ-ray).
                let each =
                    if script == Script::Greek && elsewhere & script_bit(Script::Latin) != 0 { 1.0 } else { 3.0 };
                total += each * f32::from(n);
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::Strategy;

    /// The cost as it was computed before [`Shapes`]: all characters
    /// first, then each word on its own. The property test below holds the
    /// one-pass version to it.
    fn cost_by_words(text: &str, prev: Option<char>, next: Option<char>, elsewhere: Scripts) -> f32 {
        let mut chars: Vec<(char, Class)> = Vec::new();
        chars.extend(prev.map(|c| (c, classify(c))));
        let first = chars.len();
        chars.extend(text.chars().map(|c| (c, classify(c))));
        let last = chars.len();
        chars.extend(next.map(|c| (c, classify(c))));
        let mut total = 0.0;
        for i in first..last {
            let marks = chars[..i].iter().rev().take_while(|(_, k)| k.kind == Kind::Mark).count();
            total += char_cost(chars[i], i.checked_sub(1).map(|j| chars[j]), chars.get(i + 1).copied(), i == 0, marks);
        }
        total + word_cost(&chars, first, last, elsewhere)
    }

    /// Case and script shapes within each word of `chars[first..last]` (words
    /// end at ASCII white space), and letters of scripts found nowhere else.
    fn word_cost(chars: &[(char, Class)], first: usize, last: usize, elsewhere: Scripts) -> f32 {
        let mut total = 0.0;
        let mut start = first;
        // Extend the first and last word into the context characters, so that
        // "bar" + "Ã¨me" is seen as one word; context letters count for case
        // and script only.
        if first > 0 && chars[first - 1].1.is_wordlike() {
            start = first - 1;
        }
        let end = if last < chars.len() && chars[last].1.is_wordlike() { last + 1 } else { last };
        for word in chars[start..end].split(|(c, _)| matches!(c, ' ' | '\t')) {
            total += case_cost(word) + script_mix_cost(word);
        }
        // Letters per script, for the scripts found nowhere else on the line.
        let mut counts = [0usize; 16];
        for (_, class) in &chars[first..last] {
            if let Some(s) = class.script()
                && elsewhere & script_bit(s) == 0
            {
                counts[s as usize] += 1;
            }
        }
        for script in Script::ALL {
            let n = counts[script as usize];
            if n > 0 && script != Script::Unknown && n <= 2 {
                // Greek letters stand alone in Latin text as symbols (γ-ray).
                let each =
                    if script == Script::Greek && elsewhere & script_bit(Script::Latin) != 0 { 1.0 } else { 3.0 };
                total += each * n as f32;
            }
        }
        total
    }

    /// Lowercase followed by uppercase inside a word, and a word that starts
    /// with two capitals and goes on in lowercase ("HÃtel").
    fn case_cost(word: &[(char, Class)]) -> f32 {
        let mut cost = 0.0;
        let mut prev: Option<Case> = None;
        let mut leading_upper = 0;
        let mut seen_lower_after_caps = false;
        for (_, class) in word {
            let Kind::Letter(_, case) = class.kind else { continue };
            if case == Case::None {
                continue;
            }
            if prev == Some(Case::Lower) && case == Case::Upper {
                cost += 2.5;
            }
            if case == Case::Upper && prev.is_none_or(|p| p == Case::Upper) && !seen_lower_after_caps {
                leading_upper += 1;
            } else if case == Case::Lower && leading_upper >= 2 && !seen_lower_after_caps {
                seen_lower_after_caps = true;
                cost += 2.0;
            }
            prev = Some(case);
        }
        cost
    }

    /// Letters of different scripts next to each other (marks, digits and
    /// symbols between them do not separate them).
    fn script_mix_cost(word: &[(char, Class)]) -> f32 {
        let mut cost = 0.0;
        let mut prev: Option<Script> = None;
        for (_, class) in word {
            if let Some(s) = class.script() {
                if let Some(p) = prev {
                    cost += p.mix_cost(s);
                }
                prev = Some(s);
            }
        }
        cost
    }

    proptest::proptest! {
        // Cheap cases, and a plain word with one fault in it is rare among
        // random ones: many of them.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The one-pass count agrees with the word-by-word one; and adding
        /// up until enough tells "enough" exactly when the full count does,
        /// and gives the full sum when it is not enough.
        #[test]
        fn one_pass_costs_what_word_by_word_did(
            text in proptest::collection::vec(proptest::sample::select(PIECES), 0..12).prop_map(|p| p.concat()),
            prev in proptest::option::of(proptest::sample::select(CONTEXT)),
            next in proptest::option::of(proptest::sample::select(CONTEXT)),
            elsewhere in proptest::sample::select(ELSEWHERE),
            already in proptest::sample::select(&[0.0f32, 0.5, 2.5][..]),
            need in proptest::sample::select(&[0.5f32, 2.0, 3.5, 7.0, 12.5][..]),
        ) {
            let cost = cost(&text, prev, next, elsewhere);
            proptest::prop_assert_eq!(cost, cost_by_words(&text, prev, next, elsewhere));
            let full = already + cost;
            let until = add_cost_until(already, need, &text, prev, next, elsewhere);
            proptest::prop_assert_eq!(until >= need, full >= need, "{:?}: {} against {}", text, until, full);
            if full < need {
                proptest::prop_assert_eq!(until, full);
            }
        }

        /// Words made of what plain words are made of, and of what makes
        /// them not plain: the shortcut must agree with the full count.
        #[test]
        fn plain_words_cost_nothing(
            text in proptest::collection::vec(proptest::sample::select(WORDLIKE), 0..10).prop_map(|p| p.concat()),
            prev in proptest::option::of(proptest::sample::select(EDGES)),
            next in proptest::option::of(proptest::sample::select(EDGES)),
            elsewhere in proptest::sample::select(ELSEWHERE),
        ) {
            if plain(&text, prev, next, elsewhere) {
                proptest::prop_assert_eq!(cost_by_words(&text, prev, next, elsewhere), 0.0, "{:?}", text);
            }
            proptest::prop_assert_eq!(cost(&text, prev, next, elsewhere), cost_by_words(&text, prev, next, elsewhere));
        }
    }

    #[rustfmt::skip]
    const WORDLIKE: &[&str] = &[
        "a", "b", "B", "é", "É", "ж", "Ж", "я", "Я", "α", "Ω", "ש", "中", "한", "1", ".", ",", "-", "'", "(",
        "Ã", "ſ", "\u{301}", "©", " ", "\u{ad}", "ǅ", "ʰ", "’", "‘", "“", "”", "—", "…", "·", "«",
    ];
    const EDGES: &[char] = &[' ', '.', '(', '\t', '\u{1}', 'a', 'Ж', '\u{301}', '\u{a0}', '’', '1'];

    #[test]
    fn everyday_words_are_plain_and_odd_ones_are_not() {
        let all = Scripts::MAX;
        for word in [
            "Москве,",
            "été",
            "ÉTÉ",
            "Kyiv",
            "東京",
            "(1998)",
            "naïve",
            "Αθήνα.",
            "l'été",
            "x",
            "seafront’s",
            "“deal”",
            "l’évaluation",
            "2010–2014",
            "—",
        ] {
            assert!(plain(word, Some(' '), None, all), "{word}");
        }
        for word in ["Нью-Йорк", "barÃ¨me", "HÃtel", "caféЖ", "ſ", "a\u{301}", "a b", "©", "a“b", "—“deal"]
        {
            assert!(!plain(word, Some(' '), None, all), "{word}");
        }
        // One or two letters of a script found nowhere else are a stray.
        assert!(!plain("ж", None, None, script_bit(Script::Latin)));
        assert!(plain("жук", None, None, script_bit(Script::Latin)));
        // Next to a letter, the word is not alone.
        assert!(!plain("été", Some('b'), None, all));
    }

    /// Pieces of correct text and of mojibake, with every shape the cost
    /// model prices.
    const PIECES: &[&str] = &[
        "a", "B", "é", "É", "Ã", "Â", "©", "™", "’", "'", " ", "\t", "\u{a0}", "\u{301}", "\u{5b4}", "\u{64e}", "ж",
        "Ж", "α", "Ω", "ש", "ع", "中", "한", "1", ".", "€", "√", "π", "\u{ad}", "\u{200d}", "\u{feff}", "\u{85}",
        "\u{e000}", "ɮ", "😀", "─", "«", "»", "\u{fffd}", "ﬁ", "ŉ",
    ];
    const ELSEWHERE: &[Scripts] = &[0, 1 << Script::Latin as u32, 1 << Script::Cyrillic as u32 | 1, Scripts::MAX];
    const CONTEXT: &[char] = &['a', 'B', ' ', 'é', 'ж', '\u{301}', '©', '.', 'Ã', '’', '\u{200d}', '中'];

    fn c(text: &str) -> f32 {
        cost(text, None, None, script_bit(Script::Latin))
    }

    #[test]
    fn correct_words_cost_nothing() {
        for w in
            ["barème", "Hôtel", "ZURÜCK", "l’évaluation", "don’t", "“deal”", "5×3", "NESTLÉ®", "Москва", "10\u{a0}km"]
        {
            assert_eq!(c(w), 0.0, "{w}");
        }
    }

    #[test]
    fn a_long_run_of_one_script_is_no_stray() {
        // More letters than a u16 counts: still many, not one or two.
        let word = "ж".repeat(65_537);
        assert_eq!(cost(&word, None, None, script_bit(Script::Latin)), 0.0);
    }

    #[test]
    fn mojibake_shapes_cost() {
        for w in ["barÃ¨me", "HÃ´tel", "ZURÃœCK", "donâ€™t", "canciГіn", "РґРѕСЂРѕРіРµ", "×\u{90}×\u{91}"]
        {
            assert!(c(w) >= 2.0, "{w}: {}", c(w));
        }
    }
}
