//! The repair stage's test corpus, generated from clean text we wrote.
//!
//! Clean text comes from `tests/data/repair/clean.txt` (sentences in thirty
//! languages and a dozen scripts) and the truth files of the sample corpus
//! (`corpora/source/`). Each damage below is applied the way real pipelines
//! apply it, and each case records the text the repair stage must give back:
//!
//! | kind | damage |
//! |---|---|
//! | `whole/CP` | the line's UTF-8 decoded with code page CP (every one of the 14) |
//! | `layers/CP+CP[+CP]` | the same, two or three times over |
//! | `words/CP` | only some words of the line (the rest stays correct) |
//! | `span/CP` | only a run of words, like a pasted quotation |
//! | `lost/replaced`, `lost/question`, `lost/dropped` | a strict windows-1252 decoder met 0x81, 0x8D, 0x8F, 0x90 or 0x9D and wrote U+FFFD, wrote "?" or dropped the byte; the repair puts U+FFFD where that character was |
//! | `lone-nbsp/whole`, `lone-nbsp/clean` | a line-final no-break space went through windows-1252 ("Â\u{a0}") and white-space stripping, in a damaged or an otherwise clean line; the repair restores the no-break space (normalize strips it later) |
//! | `nbsp-space/whole`, `nbsp-space/clean` | the same in mid-line, where the 0xA0 became a plain space ("Â ") |
//! | `a0-space/CP` | a whole line mojibaked, then every no-break space in it made a plain space (which also breaks "à", "Р", "ठ") |
//! | `c1` | windows-1252 text decoded as latin-1: C1 controls for quotes and dashes |
//! | `html` | HTML character references left in plain text |
//!
//! Negative cases (`negative/...`) are text the stage must leave byte for
//! byte: every clean line, the same lines with no-break spaces, and the
//! risky lines of `tests/data/repair/risky.txt` (accented capitals, Nordic
//! letters, math and currency, CJK full-width forms, a lot of Cyrillic prose,
//! Greek, text quoting mojibake on purpose, and every kind of ftfy's negative
//! cases, in our own words).
//!
//! The generator is deterministic (a fixed-seed SplitMix64). It uses the
//! library's code page tables to make mojibake; those tables are checked
//! against encoding_rs in the library's unit tests, and
//! `scripts/compare-repair.py` re-derives every `whole` and `layers` case
//! with Python's own codecs.

use textwash::repair::Codepage;

/// One generated case.
#[derive(Clone, Debug)]
pub struct Case {
    /// What was done (see the module docs); `negative/...` for clean text.
    pub kind: String,
    /// Language of the clean text.
    pub lang: String,
    /// The damaged text.
    pub input: String,
    /// What the repair stage must return.
    pub expected: String,
    /// The code pages the text was decoded with, in order (whole and
    /// layered mojibake only).
    pub layers: Vec<Codepage>,
}

/// A clean line and its language.
struct Line {
    lang: String,
    text: String,
}

/// A fixed-seed SplitMix64: the same cases on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `n` distinct indices below `len`, in order.
    fn sample(&mut self, len: usize, n: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..len).collect();
        for i in (1..len).rev() {
            all.swap(i, self.below(i + 1));
        }
        all.truncate(n);
        all.sort_unstable();
        all
    }
}

const CLEAN: &str = include_str!("../../data/repair/clean.txt");
const RISKY: &str = include_str!("../../data/repair/risky.txt");

/// Reads `\u{...}` escapes, so data files can show invisible characters.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}').expect("closed escape") + at;
        let code = u32::from_str_radix(&rest[at + 3..end], 16).expect("hex escape");
        out.push(char::from_u32(code).expect("a character"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn data_lines(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| {
        let (kind, text) = l.split_once('\t').expect("KIND<TAB>text");
        (kind.to_owned(), unescape(text))
    })
}

/// The clean lines: our sentences, then the paragraphs of the sample
/// corpus's truth files.
fn clean_lines() -> Vec<Line> {
    let mut lines: Vec<Line> = data_lines(CLEAN).map(|(lang, text)| Line { lang, text }).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/source");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("corpora/source").map(|e| e.expect("entry").path()).collect();
    files.sort();
    for path in files {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        let lang = name.split('_').nth(1).unwrap_or("xx").to_owned();
        let text = std::fs::read_to_string(&path).expect("read source");
        lines.extend(
            text.lines().filter(|l| !l.trim().is_empty()).map(|l| Line { lang: lang.clone(), text: l.to_owned() }),
        );
    }
    lines
}

/// `text`'s UTF-8 read with `cp`.
fn mojibake(text: &str, cp: Codepage) -> String {
    cp.decode(text.as_bytes())
}

fn layered(text: &str, layers: &[Codepage]) -> String {
    layers.iter().fold(text.to_owned(), |t, &cp| mojibake(&t, cp))
}

/// The bytes windows-1252 leaves undefined.
fn undefined_1252(b: u8) -> bool {
    matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
}

#[derive(Clone, Copy)]
enum Lost {
    Replaced,
    Question,
    Dropped,
}

/// `text` decoded by a strict windows-1252 decoder, and what the repair
/// must give back: `text` with U+FFFD for each character that lost a byte.
fn strict_1252(text: &str, lost: Lost) -> Option<(String, String)> {
    let mut input = String::new();
    let mut expected = String::new();
    let mut any = false;
    for c in text.chars() {
        let mut buf = [0; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        if bytes.iter().any(|&b| undefined_1252(b)) {
            any = true;
            expected.push('\u{FFFD}');
        } else {
            expected.push(c);
        }
        for &b in bytes {
            if undefined_1252(b) {
                match lost {
                    Lost::Replaced => input.push('\u{FFFD}'),
                    Lost::Question => input.push('?'),
                    Lost::Dropped => {}
                }
            } else {
                input.push(Codepage::Windows1252.decode_byte(b));
            }
        }
    }
    any.then_some((input, expected))
}

/// Word spans (byte ranges between spaces) of `text` that hold non-ASCII.
fn non_ascii_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c == ' ' {
            if !text[start..i].is_ascii() {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    out
}

/// Mojibakes the given byte ranges of `text` with `cp`.
fn damage_spans(text: &str, spans: &[(usize, usize)], cp: Codepage) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for &(s, e) in spans {
        out.push_str(&text[pos..s]);
        out.push_str(&mojibake(&text[s..e], cp));
        pos = e;
    }
    out.push_str(&text[pos..]);
    out
}

/// `text` with one plain space (after a lowercase letter, a digit or
/// punctuation, before more text) made a no-break space, if it has one.
fn with_nbsp(text: &str, rng: &mut Rng) -> Option<String> {
    let spots: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| {
            c == ' '
                && i > 0
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_lowercase() || p.is_ascii_digit() || ".,:;)»”".contains(p))
                && text[i + 1..].chars().next().is_some_and(|n| !n.is_whitespace())
        })
        .map(|(i, _)| i)
        .collect();
    if spots.is_empty() {
        return None;
    }
    let at = spots[rng.below(spots.len())];
    Some(format!("{}\u{a0}{}", &text[..at], &text[at + 1..]))
}

/// Whether the lone "Â" rule can tell: the line ends in a lowercase letter,
/// a digit, punctuation or a letter of a caseless script.
fn ends_fit_for_nbsp(text: &str) -> bool {
    text.chars().next_back().is_some_and(|p| {
        p.is_lowercase()
            || p.is_ascii_digit()
            || (p.is_alphabetic() && !p.is_uppercase())
            || (p.is_ascii_punctuation() && p != '\'')
            || !p.is_alphanumeric() && !p.is_whitespace() && !p.is_ascii()
    })
}

/// HTML-escapes `text` the way careless exporters do: some characters as
/// named references, some as numbers.
fn html_escape(text: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' if rng.below(2) == 0 => out.push_str("&#39;"),
            '’' => out.push_str(if rng.below(2) == 0 { "&rsquo;" } else { "&#8217;" }),
            '“' => out.push_str("&ldquo;"),
            '”' => out.push_str("&rdquo;"),
            '—' => out.push_str("&mdash;"),
            'é' => out.push_str("&eacute;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c if !c.is_ascii() && rng.below(3) == 0 => out.push_str(&format!("&#{};", c as u32)),
            c if !c.is_ascii() && rng.below(3) == 0 => out.push_str(&format!("&#x{:X};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Every positive case: damaged text and its repair.
#[must_use]
pub fn damaged() -> Vec<Case> {
    let lines = clean_lines();
    let mut rng = Rng(0x7E57_0003);
    let mut out = Vec::new();
    let mut push = |kind: String, line: &Line, input: String, expected: String, layers: Vec<Codepage>| {
        if input != expected {
            out.push(Case { kind, lang: line.lang.clone(), input, expected, layers });
        }
    };
    let n = lines.len();
    // Whole lines, one layer, every code page.
    for cp in Codepage::ALL {
        for i in rng.sample(n, 40) {
            let l = &lines[i];
            push(format!("whole/{}", cp.name()), l, mojibake(&l.text, cp), l.text.clone(), vec![cp]);
        }
    }
    // Two and three layers.
    use Codepage::{Latin1, MacRoman, Windows1250, Windows1251, Windows1252};
    let stacks: [&[Codepage]; 11] = [
        &[Windows1252, Windows1252],
        &[Latin1, Windows1252],
        &[Windows1252, Latin1],
        &[Windows1251, Windows1252],
        &[Windows1252, Windows1251],
        &[Windows1251, Windows1251],
        &[MacRoman, MacRoman],
        &[Windows1250, Windows1252],
        &[Windows1252, Windows1252, Windows1252],
        &[MacRoman, MacRoman, MacRoman],
        &[Windows1252, Latin1, Windows1252],
    ];
    for stack in stacks {
        let name: Vec<&str> = stack.iter().map(|c| c.name()).collect();
        for i in rng.sample(n, 20) {
            let l = &lines[i];
            push(format!("layers/{}", name.join("+")), l, layered(&l.text, stack), l.text.clone(), stack.to_vec());
        }
    }
    // Some words of a line, or a run of words.
    for cp in [Windows1252, Latin1, Windows1251, MacRoman, Windows1250] {
        for i in rng.sample(n, 30) {
            let l = &lines[i];
            let words = non_ascii_words(&l.text);
            if words.is_empty() {
                continue;
            }
            let how_many = 1 + rng.below(words.len().min(3));
            let pick: Vec<(usize, usize)> = rng.sample(words.len(), how_many).into_iter().map(|k| words[k]).collect();
            push(format!("words/{}", cp.name()), l, damage_spans(&l.text, &pick, cp), l.text.clone(), Vec::new());
            let a = rng.below(words.len());
            let b = (a + 1 + rng.below(3)).min(words.len()) - 1;
            let span = [(words[a].0, words[b].1)];
            push(format!("span/{}", cp.name()), l, damage_spans(&l.text, &span, cp), l.text.clone(), Vec::new());
        }
    }
    // Lost bytes: lines with characters that have one of the five bytes.
    let lossy: Vec<&Line> = lines.iter().filter(|l| strict_1252(&l.text, Lost::Replaced).is_some()).collect();
    for (lost, name) in [(Lost::Replaced, "replaced"), (Lost::Question, "question"), (Lost::Dropped, "dropped")] {
        for i in rng.sample(lossy.len(), 60) {
            let l = lossy[i];
            let (input, expected) = strict_1252(&l.text, lost).expect("a lossy line");
            push(format!("lost/{name}"), l, input, expected, Vec::new());
        }
    }
    // The no-break space that lost its second byte.
    for i in rng.sample(n, 60) {
        let l = &lines[i];
        if !ends_fit_for_nbsp(&l.text) {
            continue;
        }
        let expected = format!("{}\u{a0}", l.text);
        let whole = mojibake(&expected, Windows1252);
        push("lone-nbsp/whole".into(), l, whole.trim_end_matches('\u{a0}').to_owned(), expected.clone(), Vec::new());
        push("lone-nbsp/clean".into(), l, format!("{}Â", l.text), expected, Vec::new());
    }
    for i in rng.sample(n, 60) {
        let l = &lines[i];
        let Some(expected) = with_nbsp(&l.text, &mut rng) else { continue };
        let whole = mojibake(&expected, Windows1252).replace("Â\u{a0}", "Â ");
        push("nbsp-space/whole".into(), l, whole, expected.clone(), Vec::new());
        push("nbsp-space/clean".into(), l, expected.replace('\u{a0}', "Â "), expected, Vec::new());
    }
    for cp in [Windows1252, Windows1251] {
        for i in rng.sample(n, 40) {
            let l = &lines[i];
            let input = mojibake(&l.text, cp).replace('\u{a0}', " ");
            push(format!("a0-space/{}", cp.name()), l, input, l.text.clone(), Vec::new());
        }
    }
    // C1 controls for windows-1252 punctuation.
    for l in &lines {
        let Some(bytes) = l.text.chars().map(|c| Windows1252.encode_char(c)).collect::<Option<Vec<u8>>>() else {
            continue;
        };
        push("c1".into(), l, Latin1.decode(&bytes), l.text.clone(), Vec::new());
    }
    // HTML character references.
    for i in rng.sample(n, 50) {
        let l = &lines[i];
        let input = html_escape(&l.text, &mut rng);
        push("html".into(), l, input, l.text.clone(), Vec::new());
    }
    out
}

/// Every negative case: text the stage must not change.
#[must_use]
pub fn clean() -> Vec<Case> {
    let mut rng = Rng(0x7E57_0004);
    let mut out = Vec::new();
    let case = |kind: String, lang: &str, text: String| Case {
        kind,
        lang: lang.to_owned(),
        input: text.clone(),
        expected: text,
        layers: Vec::new(),
    };
    for l in clean_lines() {
        if let Some(nbsp) = with_nbsp(&l.text, &mut rng) {
            out.push(case("negative/nbsp".into(), &l.lang, nbsp));
        }
        out.push(case("negative/clean".into(), &l.lang, l.text));
    }
    for (kind, text) in data_lines(RISKY) {
        out.push(case(format!("negative/risky/{kind}"), &kind, text));
    }
    out
}
