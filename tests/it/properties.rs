//! Property tests: the invariants of DESIGN.md over generated inputs.
//!
//! * cleaning is idempotent, with the default rules and with normalize's
//!   opt-in rules that fold characters into others;
//! * replaying the change records on the decoded text gives the output, and
//!   each stage's records are well formed;
//! * repair leaves correct text (any script) and ASCII byte for byte alone;
//! * any bytes at all go through without a panic;
//! * the output is the same for every thread count.

use proptest::prelude::*;

use textwash::batch::{self, Collect, Format, Job};
use textwash::input::{Source, WalkError};
use textwash::output::Target;
use textwash::{Cleaner, Config, Stage, change};

/// Correct text in many scripts: words, numbers, punctuation, white space.
const CORRECT: &[&str] = &[
    "the",
    "minister",
    "said",
    "Thursday",
    "AFP",
    "Getty",
    "share",
    "prices",
    "São",
    "Paulo",
    "ATENÇÃO",
    "À",
    "noite",
    "Þórður",
    "ÆVAR",
    "hæð",
    "Føroyar",
    "ROMÂNIA",
    "Ştefan",
    "İstanbul",
    "ılık",
    "Việt",
    "Nam",
    "Tiếng",
    "Ελληνικά",
    "ΑΘΗΝΑ",
    "русский",
    "МОСКВА",
    "Київ",
    "ї",
    "є",
    "Ђорђе",
    "עברית",
    "العربية",
    "می‌خواهم",
    "हिन्दी",
    "क्‍ष",
    "ภาษาไทย",
    "中文",
    "日本語",
    "ｆｕｌｌ",
    "한국어",
    "👩‍👩‍👧",
    "👍🏽",
    "€",
    "£35",
    "5×3",
    "±0,5",
    "½",
    "≥",
    "√π",
    "°C",
    "№",
    "“quoted”",
    "‘single’",
    "«guillemets»",
    "„Zitat“",
    "—",
    "–",
    "…",
    "©",
    "®",
    "™",
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "(",
    ")",
    "1959",
    "12,5",
    "10\u{a0}km",
    "Ôôô",
    "HUHLL Õ…",
    "NESTLÉ®",
    "ZZAJÉ’s",
    "SELKÄ\u{a0}EDELLÄ",
];

/// Damage of every kind the pipeline handles, to mix in.
const DAMAGE: &[&str] = &[
    "Ã©",
    "â€™",
    "â€œ",
    "â€\u{9d}",
    "Â",
    "Â ",
    "Ã¨me",
    "Ã‰",
    "ÃƒÂ©",
    "Ð¿Ñ€Ð¸",
    "вЂ™",
    "Г©",
    "√©",
    "\u{85}",
    "\u{93}",
    "\u{1}",
    "\u{feff}",
    "e\u{301}",
    "  ",
    "\t",
    "\r\n",
    "\r",
    "\n",
    "\n\n\n",
    "\u{2028}",
    "Advertisement\n",
    "MARIA LOPEZ/AFP/Getty\n",
    "Share this article\n",
    "&amp;",
    "\u{a0}",
    " ",
];

/// Characters normalize's opt-in rules fold into others (NFKC, no-break
/// spaces, ASCII punctuation, full-width forms, ligatures), and what they
/// can become part of: numbers, labels, credits, mojibake ("Ã" + "￡" is
/// "Ã£" after NFKC).
const FOLDING: &[&str] = &[
    "¹", "²", "①", "Ⅳ", "½", "\u{2044}", "ﬁ", "ﬂ", "ﬀ", "Ĳ", "ŉ", "ǅ", "ſ", "Ａ", "Ｐ", "Ｆ", "／", "．", "＄",
    "\u{fe52}", "\u{2024}", "㎏", "℃", "™", "№", "\u{2126}", "µ", "\u{ffe0}", "\u{ffe1}", "\u{a0}", "\u{2009}",
    "\u{3000}", "’", "“", "”", "—", "–", "…", "Ã", "Â", "â€", "AFP", "Getty", "Photo", "1", "%", " ", "\n",
];

/// Words from `pieces` separated by spaces (and a line break now and then),
/// as running text is.
fn document(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|words| {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                text.push(if i % 11 == 0 { '\n' } else { ' ' });
            }
            text.push_str(w);
        }
        text
    })
}

/// Damage pieces stuck onto text with no separator, as damage is.
fn glued(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|pieces| pieces.concat())
}

/// Up to `max` short lines of one to three pieces each, such as labels,
/// credits and stray numbers are.
fn short_lines(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(glued(pieces, 3), 1..max).prop_map(|lines| lines.join("\n"))
}

/// Text with damage: correct words and damage mixed.
fn damaged() -> impl Strategy<Value = String> {
    prop_oneof![
        document(CORRECT, 40),
        (document(CORRECT, 30), glued(DAMAGE, 12), document(CORRECT, 30)).prop_map(|(a, b, c)| a + &b + &c),
        any::<String>(),
    ]
}

/// Cleaners with normalize's folding rules on, in a few combinations, built
/// once.
fn folding_cleaners() -> &'static [Cleaner] {
    use textwash::normalize::{Form, Options};
    static CLEANERS: std::sync::LazyLock<Vec<Cleaner>> = std::sync::LazyLock::new(|| {
        let nfkc = Options { form: Some(Form::Nfkc), ..Options::default() };
        let all = Options { nbsp: true, ascii_punctuation: true, fullwidth: true, ligatures: true, ..nfkc.clone() };
        let plain = Options { fullwidth: true, ligatures: true, nbsp: true, ..Options::default() };
        let punctuation = Options { ascii_punctuation: true, ..Options::default() };
        [nfkc, all, plain, punctuation]
            .into_iter()
            .map(|normalize| Cleaner::new(&Config { normalize: Some(normalize), ..Config::default() }).expect("config"))
            .collect()
    });
    &CLEANERS
}

/// Built once: compiling the stages per case would dominate the run time.
fn cleaner() -> &'static Cleaner {
    static CLEANER: std::sync::LazyLock<Cleaner> =
        std::sync::LazyLock::new(|| Cleaner::new(&Config::default()).expect("default config"));
    &CLEANER
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_is_idempotent(text in damaged()) {
        let cleaner = cleaner();
        let once = cleaner.clean_str(&text);
        let twice = cleaner.clean_str(&once.text);
        prop_assert!(twice.changes.is_empty(), "second run changed {:?}\nfirst output {:?}", twice.changes, once.text);
    }

    #[test]
    fn cleaning_with_folding_rules_is_idempotent(
        text in (document(CORRECT, 20), short_lines(FOLDING, 6)).prop_map(|(a, b)| a + "\n" + &b),
        which in 0..4usize,
    ) {
        let cleaner = &folding_cleaners()[which];
        prop_assert_eq!(textwash::invariants::check_pipeline(cleaner, text.as_bytes()), Ok(()));
    }

    #[test]
    fn changes_replay_and_are_well_formed(text in damaged()) {
        let cleaned = cleaner().clean_str(&text);
        let mut stage_input = text.clone();
        // Stage by stage; a later round of repair, strip and normalize (when
        // a later stage uncovered mojibake) is a group of its own.
        for group in cleaned.changes.chunk_by(|a, b| a.rule.stage() == b.rule.stage()) {
            prop_assert!(group[0].rule.stage() != Stage::Decode);
            prop_assert_eq!(change::check_well_formed(&stage_input, group), Ok(()));
            stage_input = change::apply(&stage_input, group);
        }
        prop_assert_eq!(&stage_input, &cleaned.text);
        prop_assert_eq!(change::replay(&text, &cleaned.changes), cleaned.text);
    }

    #[test]
    fn repair_leaves_correct_text_alone(text in document(CORRECT, 60)) {
        let mut changes = Vec::new();
        textwash::repair::Repairer::new(&textwash::repair::Options::default()).find(&text, &mut changes);
        prop_assert!(changes.is_empty(), "repaired correct text: {:?}", changes);
    }

    #[test]
    fn repair_leaves_ascii_alone(text in "[\\x00-\\x7f]{0,200}") {
        let mut changes = Vec::new();
        textwash::repair::Repairer::new(&textwash::repair::Options::default()).find(&text, &mut changes);
        prop_assert!(changes.is_empty());
    }

    #[test]
    fn any_bytes_go_through_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let cleaner = cleaner();
        if let Ok(cleaned) = cleaner.clean_bytes(&bytes) {
            prop_assert!(cleaner.clean_str(&cleaned.text).changes.is_empty(), "not idempotent on {:?}", cleaned.text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn output_is_the_same_for_every_thread_count(docs in prop::collection::vec(damaged(), 1..300)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("docs.jsonl");
        let lines: String = docs.iter().map(|d| serde_json::json!({ "text": d }).to_string() + "\n").collect();
        std::fs::write(&path, lines).unwrap();
        let cleaner = cleaner();
        let mut runs = Vec::new();
        for threads in [1, 2, 3] {
            let mut job = Job::new(Format::Jsonl { field: "text".into() }, Target::Nowhere);
            job.threads = threads;
            let sources = std::iter::once(Ok::<_, WalkError>(Source {
                origin: textwash::input::Origin::File(path.clone()),
                relative: "docs.jsonl".into(),
                explicit: true,
                regular: true,
                overlapping: false,
            }));
            let mut collect = Collect::default();
            batch::run(cleaner, &job, sources, &mut collect).unwrap();
            runs.push(collect.outcomes);
        }
        prop_assert_eq!(runs[0].len(), docs.len());
        prop_assert_eq!(&runs[0], &runs[1]);
        prop_assert_eq!(&runs[0], &runs[2]);
    }
}
