//! Repair stage: find mojibake and undo it, without touching correct text.
//!
//! Mojibake is text that was encoded as UTF-8 and then decoded with a
//! single-byte code page ("é" → "Ã©", "’" → "â€™"). Undoing it means encoding
//! the damaged characters back into that code page and decoding the bytes as
//! UTF-8. The danger is the other direction: correct text in many languages
//! also contains "Ã" or "É" next to punctuation, so a repair is made only
//! where the evidence is strong, and correct text passes byte for byte.
//!
//! This first version knows windows-1252 (with C1 controls, which covers
//! latin-1 mix-ups), several layers deep, on the damaged words of a line only;
//! and the no-break space that lost its second byte ("Miami.Â").

mod plan;

pub use plan::{Codepage, PlanError, Step, replay};

use crate::change::{Change, Span, rules};

rules! {
    /// Rules of the repair stage.
    pub enum Rule {
        /// UTF-8 text that was decoded with a legacy code page.
        Mojibake => "repair/mojibake", "UTF-8 text that was decoded with a single-byte code page",
        /// The "Â" left from a double-encoded no-break space whose second
        /// byte became a space or was stripped as white space.
        LostNbsp => "repair/lost-nbsp", "a lone \"Â\" left where a double-encoded no-break space lost its second byte",
    }
}

/// Options of the repair stage.
#[derive(Clone, Debug)]
pub struct Options {
    /// How many layers of mojibake to peel at most.
    pub max_layers: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { max_layers: 4 }
    }
}

/// The repair stage, built once from [`Options`].
#[derive(Clone, Debug)]
pub struct Repairer {
    max_layers: usize,
}

impl Repairer {
    /// Builds the stage.
    #[must_use]
    pub fn new(options: &Options) -> Repairer {
        Repairer { max_layers: options.max_layers.max(1) }
    }

    /// Appends the repairs `text` needs to `out`, in order.
    pub fn find(&self, text: &str, out: &mut Vec<Change>) {
        // Mojibake is made of characters below U+0100 and windows-1252's
        // punctuation; text with none of them is skipped at scanning speed.
        if text.is_ascii() {
            return;
        }
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            if !line.is_ascii() {
                self.find_in_line(text, line_start, line.trim_end_matches(['\n', '\r']), out);
            }
            line_start += line.len();
        }
    }

    fn find_in_line(&self, text: &str, offset: usize, line: &str, out: &mut Vec<Change>) {
        for (start, end) in encodable_runs(line) {
            let run = &line[start..end];
            let mut pos = 0;
            // The character before `pos` as it reads after the repairs so far.
            let mut repaired_prev = None;
            while let Some((at, len, after, plan, rule)) = self.next_repair(run, pos, repaired_prev) {
                let span = Span::new(offset + start + at, offset + start + at + len);
                let reason = match rule {
                    Rule::Mojibake => {
                        let layers = plan.iter().filter(|s| matches!(s, Step::DecodeUtf8)).count();
                        format!("UTF-8 read as windows-1252 ({layers} layer{})", if layers == 1 { "" } else { "s" })
                    }
                    Rule::LostNbsp => "a no-break space, double-encoded, lost its second byte".to_owned(),
                };
                repaired_prev = after.chars().next_back();
                let mut change = Change::new(crate::Rule::Repair(rule), text, span, after, reason);
                change.plan = plan;
                out.push(change);
                pos = at + len;
            }
        }
    }

    /// Finds the first repair in `run` (a stretch of windows-1252-encodable
    /// characters) at or after byte `from`: its start, length, replacement,
    /// plan and rule. `repaired_prev` is the character before `from` as an
    /// earlier repair left it.
    fn next_repair(
        &self,
        run: &str,
        from: usize,
        repaired_prev: Option<char>,
    ) -> Option<(usize, usize, String, Vec<Step>, Rule)> {
        for (i, c) in run[from..].char_indices().map(|(i, c)| (i + from, c)) {
            if c.is_ascii() {
                continue;
            }
            let prev = if i == from && repaired_prev.is_some() { repaired_prev } else { run[..i].chars().next_back() };
            if c == 'Â' && is_lost_nbsp(prev, &run[i + 'Â'.len_utf8()..]) {
                let next_is_space = run[i + 2..].starts_with(' ');
                let plan = vec![
                    Step::Encode { codepage: Codepage::Windows1252 },
                    Step::RestoreByte { at: 1, byte: 0xA0, replace: next_is_space },
                    Step::DecodeUtf8,
                ];
                let len = if next_is_space { 3 } else { 2 };
                return Some((i, len, "\u{a0}".to_owned(), plan, Rule::LostNbsp));
            }
            if let Some((len, after, plan)) = self.mojibake_at(run, i, prev) {
                return Some((i, len, after, plan, Rule::Mojibake));
            }
        }
        None
    }

    /// If a mojibake sequence starts at byte `i` of `run`, its length, its
    /// repair and the plan.
    fn mojibake_at(&self, run: &str, i: usize, prev: Option<char>) -> Option<(usize, String, Vec<Step>)> {
        // The longest stretch from `i` made of complete UTF-8 multi-byte
        // sequences in windows-1252 clothing, with only ASCII between them,
        // so that a whole damaged phrase is one repair.
        let mut end = sequence_at(run, i)?;
        loop {
            let next = end + run[end..].bytes().take_while(u8::is_ascii).count();
            match (next < run.len()).then(|| sequence_at(run, next)).flatten() {
                Some(seq_end) => end = seq_end,
                None => break,
            }
        }
        let before = &run[i..end];
        // Peel every layer that still decodes, then keep the deepest one that
        // reads as text: an inner layer may hold C1 controls that are only
        // bytes of the next one ("Ã¢â‚¬Â\u{9d}" → "â€\u{9d}" → "”").
        let mut layers: Vec<String> = Vec::new();
        let mut current = before;
        while layers.len() < self.max_layers {
            match Codepage::Windows1252.encode(current).and_then(|b| String::from_utf8(b).ok()) {
                Some(next) if next != current => layers.push(next),
                _ => break,
            }
            current = layers.last().expect("just pushed");
        }
        let depth = (1..=layers.len()).rev().find(|&d| looks_like_mojibake(prev, before, &layers[d - 1]))?;
        let plan: Vec<Step> =
            (0..depth).flat_map(|_| [Step::Encode { codepage: Codepage::Windows1252 }, Step::DecodeUtf8]).collect();
        let after = layers.swap_remove(depth - 1);
        Some((end - i, after, plan))
    }
}

/// If the windows-1252 bytes of the characters at byte `at` of `run` form one
/// complete UTF-8 multi-byte sequence, where that sequence ends.
fn sequence_at(run: &str, at: usize) -> Option<usize> {
    let mut chars = run[at..].chars();
    let first = chars.next()?;
    let lead = Codepage::Windows1252.encode_char(first)?;
    let need = utf8_len(lead)?;
    let mut bytes = [lead, 0, 0, 0];
    let mut end = at + first.len_utf8();
    for slot in bytes.iter_mut().take(need).skip(1) {
        let c = chars.next()?;
        *slot = Codepage::Windows1252.encode_char(c).filter(|b| (0x80..0xC0).contains(b))?;
        end += c.len_utf8();
    }
    std::str::from_utf8(&bytes[..need]).ok()?;
    Some(end)
}

/// Number of bytes in a UTF-8 sequence that starts with lead byte `b`.
fn utf8_len(b: u8) -> Option<usize> {
    match b {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// Byte ranges of `line` made only of characters windows-1252 can encode.
fn encodable_runs(line: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (Codepage::Windows1252.encode_char(c).is_some(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, line.len()));
    }
    runs
}

/// "Â" is the remains of a double-encoded no-break space ("Â\u{a0}") whose
/// second character became a space or was stripped when it ends the line or
/// stands before a space (`after` is the text after it), and follows a
/// lowercase letter, a digit or punctuation (`prev`); never an uppercase
/// letter: all-caps Portuguese, Romanian or Vietnamese text is left alone.
fn is_lost_nbsp(prev: Option<char>, after: &str) -> bool {
    if !(after.is_empty() || after.starts_with(' ')) {
        return false;
    }
    match prev {
        Some(p) => p.is_lowercase() || p.is_ascii_digit() || is_punctuation(p),
        None => false,
    }
}

/// Sentence and quotation punctuation, in any script; not the apostrophe,
/// which ends words ("CAFÉS'").
fn is_punctuation(c: char) -> bool {
    c != '\''
        && (c.is_ascii_punctuation() || matches!(c, '”' | '“' | '’' | '‘' | '»' | '«' | '…' | '—' | '–' | '。' | '」'))
}

/// Whether `before` → `after` is a repair rather than damage: the original
/// has the fingerprint of UTF-8 read as windows-1252 and the result reads as
/// ordinary text.
fn looks_like_mojibake(prev: Option<char>, before: &str, after: &str) -> bool {
    if after.chars().any(|c| c.is_control() && c != '\t' || ('\u{E000}'..='\u{F8FF}').contains(&c) || c == '\u{FFFD}') {
        return false;
    }
    // Every decoded non-ASCII character must be something text is made of:
    // a letter next to letters of its own script, or common punctuation.
    let decoded: Vec<char> = prev.into_iter().chain(after.chars()).collect();
    for (i, &c) in decoded.iter().enumerate().skip(usize::from(prev.is_some())) {
        if c.is_ascii() {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| decoded[j]);
        let next = decoded.get(i + 1).copied();
        if !plausible(c, prev, next) {
            return false;
        }
    }
    // The damaged form must pair a lead character with a continuation
    // character, the fingerprint real text almost never has. A no-break space
    // after a letter is common in correct text ("SELKÄ\u{a0}EDELLÄ"), so it
    // counts only after "Ã" (the lead of "à", "é", ...) or after "Â" outside
    // an all-caps word.
    let chars: Vec<char> = before.chars().collect();
    (0..chars.len().saturating_sub(1)).any(|i| {
        let (lead, cont) = (chars[i], chars[i + 1]);
        let after_capital = if i == 0 { prev } else { Some(chars[i - 1]) }.is_some_and(char::is_uppercase);
        is_lead(lead) && is_continuation(cont) && (cont != '\u{a0}' || lead == 'Ã' || (lead == 'Â' && !after_capital))
    })
}

fn is_lead(c: char) -> bool {
    ('\u{C2}'..='\u{F4}').contains(&c)
}

fn is_continuation(c: char) -> bool {
    Codepage::Windows1252.encode_char(c).is_some_and(|b| (0x80..0xC0).contains(&b))
}

/// A decoded character is plausible text: common punctuation or symbols, or
/// a letter that fits its neighbours (a Hebrew letter alone between digits,
/// "5ף35", is not; a lowercase letter right after an uppercase Latin one,
/// "AHř", is not).
fn plausible(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let cp = c as u32;
    let symbol_block = matches!(cp,
        0x200B..=0x200F   // zero-width joiners and marks (emoji sequences)
        | 0xFE00..=0xFE0F  // variation selectors
        | 0x2010..=0x205E // general punctuation
        | 0x20A0..=0x20CF // currency
        | 0x2100..=0x218F // letterlike, number forms
        | 0x2190..=0x23FF // arrows, math, technical
        | 0x2500..=0x27BF // box drawing, shapes, dingbats
        | 0x1F000..=0x1FAFF // emoji
    );
    if symbol_block || matches!(c, '\u{a0}'..='\u{bf}' | '×' | '÷') {
        return true;
    }
    let Some(script) = Script::of(c) else { return false };
    if script != Script::Latin && ![prev, next].into_iter().flatten().any(|n| Script::of(n) == Some(script)) {
        return false;
    }
    !matches!(prev, Some(p) if p.is_ascii_uppercase() && c.is_lowercase())
}

/// The scripts mojibake repairs produce, by block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Indic,
    Thai,
    Cjk,
    Hangul,
}

impl Script {
    fn of(c: char) -> Option<Script> {
        Some(match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F => Script::Cyrillic,
            0x5D0..=0x5EA => Script::Hebrew,
            0x600..=0x6FF => Script::Arabic,
            0x900..=0xDFF => Script::Indic,
            0xE00..=0xE7F => Script::Thai,
            0x3000..=0x30FF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF => Script::Cjk,
            0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F => Script::Hangul,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(text: &str) -> String {
        let mut changes = Vec::new();
        Repairer::new(&Options::default()).find(text, &mut changes);
        for c in &changes {
            assert_eq!(replay(&c.before, &c.plan).as_deref(), Ok(c.after.as_str()), "plan of {c:?}");
        }
        crate::change::apply(text, &changes)
    }

    #[test]
    fn utf8_read_as_windows_1252_is_repaired() {
        assert_eq!(repair("Mr. Trumpâ€™s plan â€” a â€œdealâ€\u{9d}"), "Mr. Trump’s plan — a “deal”");
        assert_eq!(
            repair("Le barÃ¨me forfaitaire permet lâ€™Ã©valuation"),
            "Le barème forfaitaire permet l’évaluation"
        );
    }

    #[test]
    fn two_layers_are_peeled() {
        assert_eq!(repair("Iggy Pop (nÃƒÂ© Jim Osterberg)"), "Iggy Pop (né Jim Osterberg)");
    }

    #[test]
    fn lone_a_circumflex_becomes_the_lost_no_break_space() {
        assert_eq!(repair("in Miami.Â\nJust days"), "in Miami.\u{a0}\nJust days");
        assert_eq!(repair("the secretaryÂ — Russian"), "the secretary\u{a0}— Russian");
    }

    #[test]
    fn correct_text_is_untouched() {
        for text in [
            "SÃO PAULO — À noite, Þórður og Ævar",
            "HUHLL Õ…",
            "Join ZZAJÉ’s Official Fan List",
            "NESTLÉ® requiere",
            "Offering 5×£35 pin ups",
            "MISUTÂ\u{a0}AJIKKO",
            "AHÅ™, the new sofa",
            "Tiếng Việt, 日本語, Ελληνικά, русский",
        ] {
            assert_eq!(repair(text), text);
        }
    }
}
