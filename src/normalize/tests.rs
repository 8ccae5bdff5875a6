//! Tests of the normalize stage: each rule, each script we promise not to
//! damage, the one-pass argument checked for every code point, and
//! properties over generated text.

use proptest::prelude::*;
use unicode_normalization::{UnicodeNormalization, is_nfc, is_nfkc};

use super::*;

fn changes_with(text: &str, options: &Options) -> Vec<Change> {
    let mut changes = Vec::new();
    Normalizer::new(options).find(text, &mut changes);
    changes
}

fn normalize_with(text: &str, options: &Options) -> String {
    let changes = changes_with(text, options);
    crate::change::check_well_formed(text, &changes).expect("well-formed changes");
    crate::change::apply(text, &changes)
}

fn normalize(text: &str) -> String {
    normalize_with(text, &Options::default())
}

fn with(rules: &[Rule]) -> Options {
    let mut options = Options::default();
    for &rule in rules {
        options.set(rule, true);
    }
    options
}

fn rules_of(text: &str) -> Vec<&'static str> {
    changes_with(text, &Options::default()).iter().map(|c| c.rule.id()).collect()
}

#[test]
fn white_space_and_line_breaks() {
    assert_eq!(normalize("\n\nOne  \r\nTwo\t\r\n\r\n\r\n\r\nThree\n\n\n"), "One\nTwo\n\nThree\n");
    assert_eq!(normalize("a\rb\u{2028}c\u{2029}d"), "a\nb\nc\nd");
    assert_eq!(normalize("no final break  "), "no final break");
    assert_eq!(normalize("text\n\n  "), "text\n");
    assert_eq!(normalize("  indented\n"), "  indented\n", "leading white space is an indent");
    assert_eq!(normalize(" \n\t\n"), "", "a blank document becomes empty");
    assert_eq!(normalize("ends\u{a0}\u{3000}\n"), "ends\n", "any space separator trails");
}

#[test]
fn form_feed_and_vertical_tab_are_line_breaks_and_nel_is_debris() {
    assert_eq!(normalize("page one\u{c}page two\n"), "page one\npage two\n");
    assert_eq!(normalize("line\u{b}break\n"), "line\nbreak\n");
    assert_eq!(normalize("end of page\n\u{c}\nnext\n"), "end of page\n\nnext\n");
    assert_eq!(normalize("wait\u{85} what\n"), "wait what\n");
    assert_eq!(rules_of("wait\u{85} what\n"), ["normalize/controls"]);
}

#[test]
fn blank_lines_settings() {
    let text = "\n\na\n\n\n\nb\n\n";
    let keep_two = Options { max_blank_lines: 2, ..Options::default() };
    assert_eq!(normalize_with(text, &keep_two), "a\n\n\nb\n");
    let none = Options { max_blank_lines: 0, ..Options::default() };
    assert_eq!(normalize_with(text, &none), "a\nb\n");
    let edges_kept = Options { edge_blank_lines: false, ..Options::default() };
    assert_eq!(normalize_with(text, &edges_kept), "\na\n\nb\n\n", "edge runs are then cut like any run");
    let runs_kept = Options { blank_lines: false, ..Options::default() };
    assert_eq!(normalize_with(text, &runs_kept), "a\n\n\n\nb\n");
    assert_eq!(rules_of("\na\n\n\nb\n"), ["normalize/edge-blank-lines", "normalize/blank-lines"]);
}

#[test]
fn a_line_of_invisible_characters_is_blank() {
    assert_eq!(normalize("a\n\u{200b} \u{1}\n\n\u{feff}\nb\n"), "a\n\nb\n");
}

#[test]
fn composes_only_what_is_decomposed() {
    let nfd = "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t";
    assert_eq!(normalize(nfd), "Tiếng Việt");
    assert_eq!(normalize("x² ﬁ ① ½"), "x² ﬁ ① ½", "NFC keeps compatibility characters");
    assert_eq!(normalize_with("x² ﬁ ①\u{a0}km", &with(&[Rule::Nfkc])), "x2 fi 1 km");
    let changes = changes_with("cafe\u{301} and ole\u{301}!\n", &Options::default());
    assert_eq!(changes.len(), 1, "one normal-form edit per line: {changes:?}");
    assert_eq!((changes[0].before.as_str(), changes[0].after.as_str()), ("e\u{301} and ole\u{301}", "é and olé"));
    assert_eq!(changes[0].reason, "2 sequences put in NFC, the first U+0065 U+0301 → U+00E9");
}

#[test]
fn marks_out_of_canonical_order_are_reordered() {
    // dot below (220) must come before circumflex (230).
    assert_eq!(normalize("o\u{302}\u{323}"), "ộ");
    assert_eq!(normalize("x\u{302}\u{323}"), "x\u{323}\u{302}");
}

/// Clean text in every script we promise not to damage, already in NFC:
/// it must come out byte for byte.
const CLEAN: &[(&str, &str)] = &[
    ("Latin", "Le garçon naïve a mangé des crêpes à Zürich; Tiếng Việt có dấu; Łódź, Ærøskøbing.\n"),
    ("Latin, combining marks without precomposed form", "q\u{307} and ŋ\u{301} and x\u{323}\u{302}\n"),
    ("Greek", "Η Ακρόπολη των Αθηνών· ΐ ΰ ᾅ ῷ.\n"),
    ("Cyrillic", "Съешь же ещё этих мягких французских булок, да выпей чаю. Ї ї Ґ й.\n"),
    ("Arabic", "اللُّغَةُ العَرَبِيَّةُ جميلة. أإآؤئ 123 ٤٥٦ ﷺ\n"),
    ("Hebrew", "שָׁלוֹם עוֹלָם, עברית בלי ניקוד.\n"),
    ("Persian with ZWNJ", "می\u{200c}خواهم کتاب\u{200c}ها را بخوانم.\n"),
    ("Devanagari", "हिन्दी में बारिश; क़ ख़ ग़ ज़ ड़ ढ़ फ़; क्\u{200d}ष; र्\u{200d}; ऩ\n"),
    ("Bengali and Tamil", "বাংলা ভাষা; தமிழ் மொழி காலை\n"),
    ("Thai with word-marking ZWSP", "ภาษาไทย\u{200b}เป็น\u{200b}ภาษา ที่สวยงาม\n"),
    ("Chinese", "骑手在杭州街头送外卖，气温高达四十度。\n"),
    ("Japanese", "北海道で大雪、交通機関に乱れ。がぎぐげご パピプペポ\n"),
    ("Korean syllables", "해운대 해수욕장에 피서객이 몰렸다.\n"),
    ("Korean archaic jamo", "\u{1100}\u{119e}\u{11a8} ᄒᆞᆫ글\n"),
    ("emoji", "👩‍👩‍👧‍👦 👩🏽‍💻 🏳️‍🌈 👍🏿 🇫🇷 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ❤️\n"),
    ("CGJ and variation selectors", "a\u{34f}\u{301} 葛\u{e0100} ☺\u{fe0e}\n"),
    ("Hebrew with bidi marks", "המחיר הוא 100\u{200f}$ (\u{2067}ABC\u{2069}).\n"),
    ("Mongolian", "ᠮᠣᠩᠭᠣᠯ\u{202f}ᠤᠨ\n"),
];

#[test]
fn clean_text_in_every_script_passes_byte_for_byte() {
    for (script, text) in CLEAN {
        assert!(is_nfc(text), "{script}: the test text itself must be NFC");
        let changes = changes_with(text, &Options::default());
        assert!(changes.is_empty(), "{script}: {changes:?}");
    }
}

#[test]
fn decomposed_text_in_every_script_composes_to_nfc_and_nothing_else() {
    for (script, text) in CLEAN {
        let nfd: String = text.nfd().collect();
        assert_eq!(normalize(&nfd), text.nfc().collect::<String>(), "{script}");
    }
}

#[test]
fn conjoining_hangul_jamo_compose_into_syllables() {
    assert_eq!(normalize("\u{1112}\u{1161}\u{11ab}\u{1100}\u{1173}\u{11af}"), "한글");
    assert_eq!(normalize("\u{d558}\u{11ab}"), "한", "an LV syllable takes a trailing consonant");
    assert_eq!(rules_of("\u{1112}\u{1161}\u{11ab}"), ["normalize/nfc"]);
}

#[test]
fn nfc_singletons_and_exclusions() {
    // Composition exclusions stay decomposed; singletons map to their
    // canonical twin (the ohm sign, CJK compatibility ideographs).
    assert_eq!(normalize("\u{958}"), "\u{915}\u{93c}");
    assert_eq!(normalize("\u{2126} \u{212b} \u{f900}"), "\u{3a9} \u{c5} \u{8c48}");
    assert_eq!(normalize("\u{fb2a}"), "\u{5e9}\u{5c1}", "Hebrew presentation forms decompose");
}

#[test]
fn controls_and_byte_order_marks_go() {
    assert_eq!(normalize("a\u{1}b\u{feff}c\u{9f}d \u{7}\n"), "abcd\n");
    assert_eq!(normalize("\u{feff}text"), "text");
    assert_eq!(rules_of("a\u{1}b\u{feff}c"), ["normalize/controls", "normalize/bom"]);
    assert_eq!(normalize("e\u{1}\u{301}"), "é", "a removal between a letter and its mark still composes");
}

#[test]
fn soft_hyphens_and_zero_width_characters() {
    assert_eq!(
        normalize("Bundes\u{ad}regierung inté\u{ad}ressant Groß\u{ad}britannien\n"),
        "Bundesregierung intéressant Großbritannien\n"
    );
    assert_eq!(normalize("Укра\u{ad}на word\u{ad} \n"), "Украна word\n");
    // The 0xAD byte of mojibake repair did not undo stays for a later repair:
    // "í" read as windows-1252 and as windows-1251, "역" and "字" as windows-1252.
    // A neighbour is read as the second pass will see it: composed.
    assert_eq!(normalize("¨\u{300}\u{ad}a"), "\u{1fed}a");
    assert_eq!(normalize("x\u{ad}\u{a0}\t"), "x", "a no-break space is no evidence of mojibake");
    for mojibake in ["todavÃ\u{ad}a", "todavГ\u{ad}a", "ì—\u{ad}í•", "å\u{ad}—"] {
        assert_eq!(normalize(mojibake), mojibake);
    }
    assert_eq!(normalize("some\u{200b}thing word\u{2060}joiner\n"), "something wordjoiner\n");
    // Thai, Khmer: a ZWSP between letters is a word boundary.
    assert_eq!(normalize("ภาษา\u{200b}ไทย\n"), "ภาษา\u{200b}ไทย\n");
    assert_eq!(normalize("ខ្មែរ\u{200b}ភាសា\n"), "ខ្មែរ\u{200b}ភាសា\n");
    assert_eq!(normalize("ไทย\u{200b} ok\n"), "ไทย ok\n", "next to a space it marks nothing");
    assert_eq!(normalize("ภาษา\u{200b}\u{ad}ไทย\n"), "ภาษา\u{200b}ไทย\n", "context skips invisible neighbours");
}

#[test]
fn joiners_stay_where_a_script_needs_them() {
    for kept in ["👩\u{200d}💻", "क्\u{200d}ष", "می\u{200c}خواهم", "ه\u{200d} ", "ক্\u{200c}ষ", "ශ්\u{200d}රී"]
    {
        assert_eq!(normalize(kept), kept.trim_end(), "{kept:?}");
    }
    assert_eq!(normalize("Auf\u{200c}lage"), "Auflage");
    assert_eq!(normalize("Ж\u{200d}ж, 漢\u{200d}字, a\u{200d}\n"), "Жж, 漢字, a\n");
    assert_eq!(rules_of("Auf\u{200c}lage"), ["normalize/joiner"]);
}

#[test]
fn bidi_controls_stay_only_in_right_to_left_documents() {
    let latin = "Hello \u{202e}dlrow\u{202c} and \u{200e}this\n";
    assert_eq!(normalize(latin), "Hello dlrow and this\n");
    assert_eq!(rules_of(latin), ["normalize/bidi-controls"; 3]);
    // In a document with Hebrew, even a line of Latin keeps its marks.
    let hebrew = "\u{200f}2024\nשלום\n";
    assert_eq!(normalize(hebrew), hebrew);
}

#[test]
fn opt_in_replacements() {
    let text = "“Quoted” ‘text’ — 1990–2000 ﬁne ＡＢＣ１２３！ 10\u{a0}km\n";
    assert_eq!(normalize(text), text, "all off by default");
    let all = with(&[Rule::AsciiPunctuation, Rule::Ligatures, Rule::Fullwidth, Rule::Nbsp]);
    assert_eq!(normalize_with(text, &all), "\"Quoted\" 'text' -- 1990-2000 fine ABC123! 10 km\n");
    assert_eq!(
        normalize_with("ᠮᠣᠩᠭᠣᠯ\u{202f}ᠤᠨ « oui\u{202f}»", &all),
        "ᠮᠣᠩᠭᠣᠯ\u{202f}ᠤᠨ « oui »",
        "U+202F is the Mongolian suffix connector"
    );
    let rules: Vec<_> = changes_with("ﬁ “", &all).iter().map(|c| c.rule.id()).collect();
    assert_eq!(rules, ["normalize/ligatures", "normalize/ascii-punctuation"]);
}

#[test]
fn replacements_apply_to_what_nfkc_produces() {
    // NFKC turns U+FE58 into an em dash, which ascii-punctuation then wants.
    let options = with(&[Rule::Nfkc, Rule::AsciiPunctuation]);
    assert_eq!(normalize_with("a\u{fe58}b\n", &options), "a--b\n");
    assert_eq!(normalize_with("ﬁ\u{301}", &with(&[Rule::Ligatures])), "fí");
}

#[test]
fn each_rule_can_be_switched_off() {
    let mut off = Options::default();
    for &rule in Rule::ALL {
        off.set(rule, false);
        assert!(!off.is_on(rule), "{}", rule.id());
    }
    let text = "\n e\u{301} \u{1}\r\n\n\n\nx\u{ad}\u{200b}\u{200d}y \u{202e}\u{feff}\u{b}\n\n";
    assert_eq!(normalize_with(text, &off), text);
    for &rule in Rule::ALL {
        let mut options = Options::default();
        options.set(rule, true);
        assert!(options.is_on(rule), "{}", rule.id());
    }
}

#[test]
fn rule_names_round_trip() {
    for &rule in Rule::ALL {
        assert_eq!(Rule::from_name(rule.name()), Some(rule));
        assert_eq!(Rule::from_name(rule.id()), Some(rule));
    }
    assert_eq!(Rule::from_name("nfd"), None);
}

#[test]
fn reasons_name_what_changed() {
    let changes = changes_with("a\r\nb\u{85}c\u{200b}d \n", &Options::default());
    let reasons: Vec<_> = changes.iter().map(|c| c.reason.as_ref()).collect();
    assert_eq!(
        reasons,
        [
            "a CRLF line break",
            "U+0085 is a C1 control character that repair did not explain",
            "a zero-width space (U+200B) that marks no word boundary",
            "white space at the end of the line",
        ]
    );
}

/// Everything the one-pass argument in the module documentation rests on,
/// for every code point: normalizing a character never yields a control, a
/// line break or an invisible character, never ends in white space unless
/// the character was white space, and (NFC only) never yields a character a
/// replacement rule wants.
#[test]
fn normalizing_a_character_creates_no_work_for_another_rule() {
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let special = chars::is_control(c) || chars::is_line_break(c) || chars::is_invisible(c);
        for (form, normal) in
            [("NFC", c.to_string().nfc().collect::<String>()), ("NFKC", c.to_string().nfkc().collect())]
        {
            if normal == c.to_string() || special {
                continue;
            }
            for n in normal.chars() {
                let bad = chars::is_control(n) || chars::is_line_break(n) || chars::is_invisible(n);
                assert!(!bad, "{form} of U+{:04X} has U+{:04X}", c as u32, n as u32);
                if form == "NFC" {
                    assert!(chars::replacement(n).is_none() || n == '\u{a0}', "NFC of U+{:04X}", c as u32);
                }
            }
            let ends_in_space = normal.chars().next_back().is_some_and(chars::is_horizontal_space);
            assert!(
                !ends_in_space || chars::is_horizontal_space(c),
                "{form} of U+{:04X} ends in white space",
                c as u32
            );
        }
    }
}

/// Context rules judge by the nearest base character, as it becomes on its
/// own; that is what a second pass sees only if every primary composite is
/// in the context class of its base (and of its second part, when that is a
/// starter too, as Hangul vowels are), and if a right-to-left letter stays
/// one.
#[test]
fn composition_keeps_every_context_class() {
    type Class = fn(char) -> bool;
    let classes: [(&str, Class); 3] = [
        ("joiners inert", chars::joiners_are_inert_next_to),
        ("words marked with ZWSP", chars::marks_words_with_zwsp),
        ("Mongolian", chars::is_mongolian),
    ];
    for p in (0..=0x10ffff).filter_map(char::from_u32) {
        let mut parts = Vec::new();
        unicode_normalization::char::decompose_canonical(p, |c| parts.push(c));
        if let [a, b] = parts[..]
            && unicode_normalization::char::compose(a, b) == Some(p)
        {
            for (name, class) in classes {
                assert_eq!(class(p), class(a), "{name}: U+{:04X}", p as u32);
                if unicode_normalization::char::canonical_combining_class(b) == 0 {
                    assert_eq!(class(p), class(b), "{name}: U+{:04X}", p as u32);
                }
            }
        }
        if chars::is_rtl(p) {
            let nfkc: String = p.to_string().nfkc().collect();
            assert!(nfkc.chars().any(chars::is_rtl), "U+{:04X} stops being right-to-left", p as u32);
        }
    }
}

/// Characters that exercise every rule and every path, and plain letters.
fn alphabet() -> Vec<char> {
    let mut chars: Vec<char> = "aeoAEOxz09 .,\t\n\r".chars().collect();
    chars.extend([
        '\u{0}',
        '\u{1}',
        '\u{b}',
        '\u{c}',
        '\u{7f}',
        '\u{85}',
        '\u{9f}',
        '\u{a0}',
        '\u{ad}',
        '\u{feff}',
        '\u{2028}',
        '\u{2029}',
        '\u{3000}',
        '\u{202f}',
        '\u{2007}',
        '\u{200b}',
        '\u{200c}',
        '\u{200d}',
        '\u{2060}',
        '\u{200e}',
        '\u{200f}',
        '\u{202e}',
        '\u{202c}',
        '\u{2067}',
        '\u{2069}',
        '\u{61c}',
        '\u{300}',
        '\u{301}',
        '\u{302}',
        '\u{308}',
        '\u{323}',
        '\u{328}',
        '\u{338}',
        '\u{340}',
        '\u{344}',
        '\u{345}',
        '\u{34f}',
        'é',
        'ệ',
        'ω',
        'ᾳ',
        'й',
        'и',
        '\u{306}',
        'ا',
        '\u{654}',
        '\u{64e}',
        '\u{651}',
        'ש',
        '\u{5c1}',
        '\u{5b8}',
        '\u{fb2a}',
        'क',
        'ज',
        'न',
        '\u{93c}',
        '\u{94d}',
        '\u{958}',
        'க',
        '\u{bbe}',
        '\u{bc6}',
        'ก',
        'ไ',
        '\u{e48}',
        '\u{e38}',
        'ខ',
        'ᠮ',
        'か',
        '\u{3099}',
        'が',
        '漢',
        '\u{f900}',
        '\u{1100}',
        '\u{1161}',
        '\u{11a8}',
        '가',
        '각',
        '\u{119e}',
        '\u{f73}',
        '\u{f71}',
        '\u{f72}',
        '\u{2126}',
        '👩',
        '💻',
        '\u{1f3fd}',
        '\u{fe0f}',
        '\u{e0067}',
        '‘',
        '’',
        '“',
        '—',
        '–',
        '\u{2011}',
        '\u{fe58}',
        'ﬁ',
        'ﬓ',
        'Ａ',
        '＂',
        '²',
        '½',
        '¨',
        '\u{1d15e}',
        '\u{1d165}',
        '\u{2135}',
        '㈀',
        'ℵ',
    ]);
    chars
}

fn text_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(alphabet()), 0..40).prop_map(|v| v.into_iter().collect())
}

fn option_sets() -> Vec<Options> {
    let everything = with(&[Rule::Nfkc, Rule::Nbsp, Rule::AsciiPunctuation, Rule::Fullwidth, Rule::Ligatures]);
    let mut bare = Options::default();
    for &rule in Rule::ALL {
        bare.set(rule, false);
    }
    bare.set(Rule::Nfc, true);
    let opt_ins_with_nfc = with(&[Rule::Nbsp, Rule::AsciiPunctuation, Rule::Fullwidth, Rule::Ligatures]);
    vec![Options::default(), everything, bare, opt_ins_with_nfc, Options { max_blank_lines: 0, ..Options::default() }]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalizing_twice_changes_nothing_changes_replay_and_output_is_in_the_form(text in text_strategy()) {
        for options in option_sets() {
            let normalizer = Normalizer::new(&options);
            let mut changes = Vec::new();
            normalizer.find(&text, &mut changes);
            prop_assert!(crate::change::check_well_formed(&text, &changes).is_ok(), "{:?}", changes);
            let once = crate::change::apply(&text, &changes);
            let mut again = Vec::new();
            normalizer.find(&once, &mut again);
            prop_assert!(again.is_empty(), "{options:?}\n{text:?} → {once:?} → {again:?}");
            // Through the cleaner, the recorded changes replay to its output.
            let config = crate::Config { decode: None, repair: None, strip: None, normalize: Some(options.clone()) };
            let cleaned = crate::Cleaner::new(&config).expect("no options to reject").clean_str(&text);
            prop_assert_eq!(&crate::change::replay(&text, &cleaned.changes), &cleaned.text);
            prop_assert_eq!(&once, &cleaned.text);
            match options.form {
                Some(Form::Nfc) => prop_assert!(is_nfc(&once), "{once:?}"),
                Some(Form::Nfkc) => prop_assert!(is_nfkc(&once), "{once:?}"),
                None => {}
            }
        }
    }

    #[test]
    fn the_fast_path_passes_only_lines_with_nothing_to_do(text in text_strategy()) {
        for options in option_sets() {
            let normalizer = Normalizer::new(&options);
            let doc = Doc { text: &text, has_rtl: OnceCell::new() };
            for content in text.split('\n').filter(|line| normalizer.is_clean(line)) {
                let start = content.as_ptr() as usize - text.as_ptr() as usize;
                let line = Line { start, content, brk: "", clean: false };
                prop_assert!(!content.contains(chars::is_line_break), "{content:?}");
                let cells = normalizer.cells(&doc, &line);
                prop_assert!(cells.iter().all(|cell| cell.act == Act::Keep), "{content:?}");
                let mut out = Vec::new();
                normalizer.body_edits(&text, &cells, &mut out);
                prop_assert!(out.is_empty(), "{options:?}\n{content:?}: {out:?}");
            }
        }
    }
}

#[test]
fn has_debris_agrees_with_is_debris_on_every_character_it_could_miss() {
    // Every character of the first planes, in every position a 32-byte chunk
    // and the end of the text can put it: alone, at the end, after 31 bytes.
    for c in ('\0'..='\u{3000}').chain(['\u{feff}', '\u{fffd}', '\u{1f600}']) {
        for text in [c.to_string(), format!("ab{c}"), format!("{}{c}é", "x".repeat(31)), format!("{c}\u{200a}")] {
            assert_eq!(has_debris(&text), text.contains(is_debris), "{text:?}");
        }
    }
}

#[test]
fn has_vanishing_agrees_with_may_vanish_on_every_character_it_could_miss() {
    for c in ('\0'..='\u{3000}').chain(['\u{feff}', '\u{fffd}', '\u{1f600}']) {
        for text in [c.to_string(), format!("ab{c}"), format!("{}{c}é", "x".repeat(31)), format!("{c}\u{200a}")] {
            assert_eq!(has_vanishing(&text), text.contains(may_vanish), "{text:?}");
            assert_eq!(without_vanishing(&text), text.replace(may_vanish, ""), "{text:?}");
        }
    }
}

proptest! {
    #[test]
    fn has_debris_agrees_with_is_debris(text in "(\\PC|\\p{Cc}|\\u{ad}|\\u{200b}|\\u{2060}|\\u{feff}|[\\u{2000}-\\u{2070}]){0,80}") {
        prop_assert_eq!(has_debris(&text), text.contains(is_debris));
    }

    /// Whichever kind comes first: ASCII debris, joiners and bidi controls,
    /// the Arabic letter mark among Arabic.
    #[test]
    fn has_vanishing_agrees_with_may_vanish(text in "(x|é|ب|“|\u{1}|\u{7f}|\u{ad}|\u{85}|\u{200d}|\u{202e}|\u{61c}|\u{feff}|[ \t\n]){0,80}") {
        prop_assert_eq!(has_vanishing(&text), text.contains(may_vanish));
        prop_assert_eq!(without_vanishing(&text), text.replace(may_vanish, ""));
    }
}

proptest! {
    /// What repair takes from a line the stage passes at a glance under its
    /// default options ([`settled`]): it is in NFC and holds no C1 control
    /// and no soft hyphen.
    #[test]
    fn a_settled_line_is_composed_and_free_of_debris(text in prop_oneof![text_strategy(), "(\\PC|[\\u{80}-\\u{9f}]|\\u{ad}|[\\u{300}-\\u{36f}]){0,40}"]) {
        if settled(&text) {
            prop_assert!(unicode_normalization::is_nfc(&text), "{:?}", text);
            prop_assert!(!text.contains(|c| matches!(c, '\u{80}'..='\u{9f}' | '\u{ad}')), "{:?}", text);
        }
    }

    #[test]
    fn passes_nfc_quick_check_agrees_with_unicode_normalization(text in prop_oneof![text_strategy(), "(\\PC|[\\u{300}-\\u{36f}]|[\\u{1100}-\\u{11ff}]){0,40}"]) {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        prop_assert_eq!(passes_nfc_quick_check(&text), is_nfc_quick(text.chars()) == IsNormalized::Yes);
    }
}

/// Every character of two and three bytes, alone and after and before a
/// starter and marks of several classes: the quick check steps over the
/// blocks of stable starters undecoded, and must say what
/// unicode-normalization says.
#[test]
fn passes_nfc_quick_check_agrees_on_every_character_of_two_and_three_bytes() {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    let neighbours = ["", "a", "\u{301}", "\u{316}", "\u{5b0}", "\u{483}", "Ё", "\u{1100}"];
    for c in ('\u{80}'..='\u{ffff}').map(String::from) {
        for n in neighbours {
            for text in [format!("{n}{c}"), format!("{c}{n}"), format!("{c}{n}{c}")] {
                assert_eq!(
                    passes_nfc_quick_check(&text),
                    is_nfc_quick(text.chars()) == IsNormalized::Yes,
                    "{:?}",
                    text.chars().map(|c| format!("U+{:04X}", c as u32)).collect::<Vec<_>>()
                );
            }
        }
    }
}

/// The fast path steps over some blocks of characters without decoding:
/// every character of two and three bytes, between letters, doubled and
/// after a combining mark, passes it only where the full path finds
/// nothing to do, under the test option sets, NFKC alone, and no form.
#[test]
fn the_fast_path_passes_no_character_of_two_or_three_bytes_with_something_to_do() {
    let mut no_form = Options::default();
    for &rule in Rule::ALL {
        no_form.set(rule, false);
    }
    let nfkc_alone = Options { form: Some(Form::Nfkc), ..no_form.clone() };
    for options in option_sets().into_iter().chain([no_form, nfkc_alone]) {
        let normalizer = Normalizer::new(&options);
        for c in '\u{80}'..='\u{ffff}' {
            // (The last four in stretches of one script, which the fast
            // path steps over eight bytes at a time.)
            for text in [
                format!("x{c}y"),
                format!("{c}{c}"),
                format!("e\u{301}{c}"),
                format!("д{c}абвгдежз"),
                format!("中 {c}中文中文"),
                format!("éé{c}éééé"),
                format!("한국 {c}어한국어"),
            ] {
                if !normalizer.is_clean(&text) {
                    continue;
                }
                let doc = Doc { text: &text, has_rtl: OnceCell::new() };
                let line = Line { start: 0, content: &text, brk: "", clean: false };
                let cells = normalizer.cells(&doc, &line);
                let mut out = Vec::new();
                normalizer.body_edits(&text, &cells, &mut out);
                let kept = cells.iter().all(|cell| cell.act == Act::Keep);
                assert!(kept && out.is_empty(), "{options:?}\nU+{:04X} in {text:?}: {out:?}", c as u32);
            }
        }
    }
}

/// A quiet line skips the fast path when the fast path passes every quiet
/// character: it must then pass each wherever it stands (beside another
/// too), and none may
/// vanish (strip skips its own look on quiet lines for that). Under the
/// default options it does, so English news takes the shortcut; under NFKC
/// ("½", "™") or folding quotes to ASCII it does not.
#[test]
fn quiet_characters_pass_the_fast_path_wherever_they_stand() {
    let normalizer = Normalizer::new(&Options::default());
    assert!(normalizer.quiet_is_clean);
    for c in crate::lines::quiet_chars() {
        assert!(!may_vanish(c), "{c:?}");
        for line in [format!("{c}"), format!("x{c}"), format!("{c}y"), format!("it{c}s {c}? {c}.{c}")] {
            assert!(normalizer.is_clean(&line), "{line:?}");
        }
    }
    // And beside each other (a quiet line may hold two side by side).
    let quiet: Vec<char> = crate::lines::quiet_chars_sampled().collect();
    for &c in &quiet {
        for &d in &quiet {
            let line = format!("x{c}{d}y");
            assert!(normalizer.is_clean(&line), "{line:?}");
        }
    }
    for rule in [Rule::Nfkc, Rule::AsciiPunctuation, Rule::Nbsp] {
        assert!(!Normalizer::new(&with(&[rule])).quiet_is_clean, "{rule:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Taking quiet lines without a look (`find_in`), and other lines with
    /// the verdict repair may have asked for already
    /// ([`crate::lines::Looked::settled`]), finds what looking at every line
    /// finds (`find_in` with both shortcuts off, and `find`, which walks the
    /// text on its own), whatever surrounds them (other line breaks, blank
    /// runs, trailing white space, characters that are not quiet).
    #[test]
    fn lines_taken_on_a_known_verdict_get_the_same_edits(
        text in "([a-z]{1,4}|[ \t]|\n|\r\n|\r|\u{b}|\u{c}|\u{2028}|\u{2029}|\u{a0}|\u{ad}|é|“|—|™|½|«|°|ß|ş|ệ|д|ё|№|中|ア|한|、|！|\u{3000}|e\u{301}|\u{200b}|&|д|и\u{306}|\u{306}|中|\u{85}|\u{200d}){0,30}",
    ) {
        for options in option_sets() {
            let quick = Normalizer::new(&options);
            let mut slow = quick.clone();
            (slow.quiet_is_clean, slow.default_options) = (false, false);
            let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
            quick.find_in(&text, &crate::lines::Lines::of(&text), &mut a);
            slow.find_in(&text, &crate::lines::Lines::of(&text), &mut b);
            let asked = crate::lines::Lines::of(&text);
            for looked in asked.iter(&text) {
                prop_assert_eq!(looked.settled(), settled(looked.line.content));
            }
            quick.find_in(&text, &asked, &mut c);
            let mut own = Vec::new();
            quick.find(&text, &mut own);
            prop_assert_eq!(&a, &own, "{:?}", options);
            prop_assert_eq!(&a, &b, "{:?}", options);
            prop_assert_eq!(a, c, "{:?}", options);
        }
    }
}
