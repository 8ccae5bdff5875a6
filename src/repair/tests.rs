//! Unit tests of the repair stage on hand-picked cases; the generated
//! corpus in `tests/it/repair.rs` covers the breadth.

use super::*;

fn repair(text: &str) -> String {
    let mut changes = Vec::new();
    Repairer::new(&Options::default()).find(text, &mut changes);
    for c in &changes {
        assert_eq!(replay(&c.before, &c.plan).as_deref(), Ok(c.after.as_str()), "plan of {c:?}");
    }
    let out = crate::change::apply(text, &changes);
    let mut again = Vec::new();
    Repairer::new(&Options::default()).find(&out, &mut again);
    assert!(again.is_empty(), "not idempotent on {out:?}: {again:?}");
    out
}

#[test]
fn utf8_read_as_windows_1252_is_repaired() {
    assert_eq!(repair("Mr. Trumpâ€™s plan â€” a â€œdealâ€\u{9d}"), "Mr. Trump’s plan — a “deal”");
    assert_eq!(repair("Le barÃ¨me forfaitaire permet lâ€™Ã©valuation"), "Le barème forfaitaire permet l’évaluation");
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

/// The "Â" of a no-break space that stands between words is a word of its
/// own: it neither sinks the damaged word after it (which the line then
/// read as mac-roman: "caf̩", "na\u{fffd}¯ve") nor rides on it.
#[test]
fn a_standalone_lost_no_break_space_is_judged_alone() {
    for (line, expected) in [
        ("naÃ¯ve Â cafÃ©", "naïve \u{a0}café"),
        ("cafÃ© rÃ©sumÃ© Â naÃ¯ve", "café résumé \u{a0}naïve"),
        ("cafÃ© Â rÃ©sumÃ© Â naÃ¯ve", "café \u{a0}résumé \u{a0}naïve"),
        ("Â cafÃ©", "\u{a0}café"),
        ("the best cafÃ© Â in town", "the best café \u{a0}in town"),
        // A run of them, and the two layers of "Ã‚Â ".
        ("naÃ¯ve Â Â cafÃ©", "naïve \u{a0}\u{a0}café"),
        ("in Miami.Â Â Just", "in Miami.\u{a0}\u{a0}Just"),
        ("kosztowaÃ„â€¡ 412Ã‚Â mlnÃ‚Â zÃ…â€š.", "kosztować 412\u{a0}mln\u{a0}zł."),
        // A second layer reads one no-break space as a sequence's lost byte
        // ("Ã" and one is "à"), not two: "é" and two of them are no "頠".
        ("dÃƒÂ©jÃƒÂ  vu", "déjà vu"),
        ("voilÃƒÂ Ã‚Â tout", "voilà\u{a0}tout"),
        ("un 9Đ\u{92}Â\u{a0}% mĐ\u{93}Đ\u{8e}s que", "un 9\u{a0}% más que"),
        ("— cafÃ©Â Â The", "— café\u{a0}\u{a0}The"),
        ("un caf√©¬†¬†Bar", "un café\u{a0}\u{a0}Bar"),
        // Apart from a Latin word, the same bytes are a syllable: "젠" is
        // EC A0 A0.
        ("He said Ã¬Â\u{a0}Â\u{a0} quietly", "He said 젠 quietly"),
        // A no-break space that ends its word in a layer below ends it
        // here: "5" is no part of the sequence before it.
        ("al Â¬Â±Â¬â€ 5Â¬â€ %.", "al ±\u{a0}5\u{a0}%."),
        // Its evidence does not carry the word before it: "×" and a
        // no-break space are no "נ".
        (
            "weighs 1.3Â kg and measures 10Â √ó√Ç 10Â ×Â 20√Ç cm.",
            "weighs 1.3\u{a0}kg and measures 10\u{a0}×\u{a0}10\u{a0}×\u{a0}20\u{a0}cm.",
        ),
        // Away from the line's damage it is no signature: "Â" is a letter
        // (Welsh "Â" is "with").
        ("The grade was Â in rÃ©sumÃ©", "The grade was Â in résumé"),
        ("Â phleser, meddai hi. Diolch i'r cafÃ©.", "Â phleser, meddai hi. Diolch i'r café."),
        ("The letter Â appears at 130Â km", "The letter Â appears at 130\u{a0}km"),
    ] {
        assert_eq!(repair(line), expected, "{line:?}");
    }
    // Alone on a line, or beside a word the line leaves alone (a title with
    // a dash between spaces), it stays.
    for text in ["The price Â is high", "— Â The end of cafÃ©", "A Ă Â B"] {
        assert_eq!(repair(text), text);
    }
}

/// A run of lost no-break spaces is told as one, by the rule of a single
/// one: no code page is involved in the reading a user sees.
#[test]
fn a_run_of_lost_no_break_spaces_is_a_lost_no_break_space() {
    let mut changes = Vec::new();
    Repairer::new(&Options::default()).find("naÃ¯ve Â Â cafÃ©", &mut changes);
    let run = changes.iter().find(|c| c.before == "Â Â ").expect("the run is repaired");
    assert_eq!((run.rule, run.after.as_str()), (crate::Rule::Repair(Rule::LostNbsp), "\u{a0}\u{a0}"));
    assert_eq!(run.reason, "no-break spaces, double-encoded, lost their second bytes");
}

/// A word of one letter that a code page reads as the lead of a no-break
/// space stays a word where the line's other damage makes that code page
/// believable: the Russian preposition "В" is windows-1251's C2.
#[test]
fn a_one_letter_word_is_no_lost_no_break_space() {
    for (line, expected) in [
        ("В центре города (cafГ©)", "В центре города (café)"),
        ("Он сказал «В Москве» (cafГ©)", "Он сказал «В Москве» (café)"),
        // Words that open a sequence in windows-1251 ("тё" is F2 B8, "мі"
        // EC B3) are correct text all the same.
        ("В тёмном лесу (cafГ©)", "В тёмном лесу (café)"),
        ("В місті (cafГ©)", "В місті (café)"),
        ("В 2024 году (cafГ©)", "В 2024 году (café)"),
        ("В «Известиях» (cafГ©)", "В «Известиях» (café)"),
    ] {
        assert_eq!(repair(line), expected, "{line:?}");
    }
    // Glued to the text before it, or before a word that is mojibake too,
    // it is damage.
    assert_eq!(repair("10В км и cafГ©"), "10\u{a0}км и café");
    assert_eq!(repair("РњРѕСЃРєРІР° В РїСЂРёРІРµС‚"), "Москва \u{a0}привет");
    assert_eq!(repair("Он сказал: В РїСЂРёРІРµС‚ РјРёСЂ"), "Он сказал: \u{a0}привет мир");
    // Before a Latin word, or before the space it was written before.
    assert_eq!(repair("nach dem 13.В Dezember, ab 79,90В в‚¬"), "nach dem 13.\u{a0}Dezember, ab 79,90\u{a0}€");
    assert_eq!(repair("de 10В h Г  18В h. LвЂ™entrГ©e"), "de 10\u{a0}h à 18\u{a0}h. L’entrée");
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

#[test]
fn a_radical_before_its_operand_is_math() {
    // "√π" is mac-roman for "ù", but a word that starts with "ù" is rarer
    // than a square root, and nothing else on these lines is mac-roman.
    for text in ["the the √π the the", "(-1/2)! = √π", "√2 ≈ 1.414"] {
        assert_eq!(repair(text), text);
    }
    // Inside a word it is mojibake: French "où".
    assert_eq!(repair("o√π est-il ?"), "où est-il ?");
}

#[test]
fn invisible_characters_do_not_change_the_verdict() {
    // Normalize removes the control after repair; judged with it or
    // without it, "Ã©" is the same mojibake.
    assert_eq!(repair("€\u{85}Ã©\u{1}MARIA LOPEZ"), "€…é\u{1}MARIA LOPEZ");
    assert_eq!(repair("€\u{85}Ã©MARIA LOPEZ"), "€…éMARIA LOPEZ");
    // Inside the damage they go with it, and the plan says so.
    assert_eq!(repair("caf Ã\u{200b}© \u{feff}x"), "caf é \u{feff}x");
    assert_eq!(repair("fish &am\u{7}p; chips"), "fish & chips");
}

#[test]
fn no_code_page_has_a_byte_for_an_invisible_character() {
    for c in ('\0'..='\u{ffff}').filter(|&c| is_invisible(c)) {
        for cp in codepage::Codepage::ALL {
            assert!(cp.encode_char(c).is_none_or(|b| b < 0x80), "{c:?} is byte of a sequence in {}", cp.name());
        }
    }
}

#[test]
fn a_sequence_has_one_damage_at_most() {
    // "\u{301} " at the line end would be windows-1258 byte EC + a space that
    // was 0xA0 + a stripped 0xA0: two guesses for one character, which the
    // plan cannot even express.
    let text = "\u{300}ƒ\u{300}°\u{80};  *\u{301} ";
    assert!(repair(text).ends_with("*\u{301} "));
}

#[test]
fn mojibake_that_composing_makes_is_repaired() {
    // Normalize composes "A" + U+0303 into "Ã" after repair: the repair
    // judges the composed line, so that a second run finds nothing.
    assert_eq!(repair("caf A\u{303}© x"), "caf é x");
    assert_eq!(repair("l’A\u{303}\u{1}©t\u{e9}"), "l’été");
    // The same, made by a repair of the whole line: "AÌƒ" is "A" +
    // U+0303, which composes with the "©" of "Â©" into "Ã©". The line as
    // repaired is not settled until it is composed.
    assert_eq!(repair("Le menu: AÌƒÂ© puis cafÃ© et naÃ¯ve ici."), "Le menu: é puis café et naïve ici.");
    // Decomposed text that composes into correct text is left for
    // normalize.
    let text = "ATENC\u{327}A\u{303}O, cafe\u{301}";
    assert_eq!(repair(text), text);
}

#[test]
fn mojibake_that_normalize_would_uncover_is_repaired() {
    // A C1 control no code page explains, a soft hyphen and white space at
    // the line's end are all removed by normalize after repair; what they
    // hid is judged now, not by a second run.
    assert_eq!(repair("!Â\u{90}´"), "!´");
    assert_eq!(repair("Ó©\u{9d}1"), "ө\u{9d}1");
    assert_eq!(repair("yöÃ\t"), "yöà\t");
    // A soft hyphen normalize keeps (after "Å", a UTF-8 lead byte in
    // windows-1252) is judged where it stands, once the C1 control before
    // it is out of the way.
    assert_eq!(repair("Å\u{90}\u{ad}\u{ad}¥"), "ŭ\u{ad}¥");
    // One normalize removes (between "х" and "х", which are no UTF-8 bytes
    // in windows-1251 terms) is judged as gone.
    let text = "нР‰х\u{ad}х";
    assert_eq!(repair(text).replace('\u{ad}', ""), repair(&text.replace('\u{ad}', "")));
    // A character that is invisible once repaired still counts as
    // invisible in the same run.
    let text = "\u{80}ā\u{80}\u{8b}o 1Âā\u{80}\u{8b}";
    assert_eq!(repair(text), repair(&repair(text)));
}

#[test]
fn a_view_maps_its_spans_back_to_the_line() {
    let line = "\u{200b}ab\u{0}\u{0}cÃ\u{7}©d \u{a0}\t";
    let view = View::without(line, |_, c| is_invisible(c), true);
    assert_eq!(view.text, "abcÃ©d");
    // Where each byte of the view came from, one by one.
    let from: Vec<usize> =
        line.char_indices().filter(|&(_, c)| !is_invisible(c)).flat_map(|(i, c)| i..i + c.len_utf8()).collect();
    for start in 0..=view.text.len() {
        for end in start..=view.text.len() {
            if !view.text.is_char_boundary(start) || !view.text.is_char_boundary(end) {
                continue;
            }
            let expected = if start == view.text.len() {
                line.len()..line.len()
            } else if start == end {
                from[start]..from[start]
            } else {
                from[start]..from[end - 1] + 1
            };
            assert_eq!(view.span(start..end), expected, "{start}..{end}");
        }
    }
    // Characters taken out between two kept ones go with the span.
    assert_eq!(&line[view.span(2..7)], "cÃ\u{7}©");
    // Nothing to take out: the line is its own view.
    let plain = View::without("Ã© plain", |_, c| is_invisible(c), true);
    assert!(matches!(plain.text, Cow::Borrowed(_)));
    assert_eq!(plain.span(0..4), 0..4);
}

#[test]
fn c1_controls_are_repaired_run_by_run() {
    let text = "\u{93}Quoted\u{94}\u{85} and \u{96} alone, and Ã©tÃ©\u{85}";
    let mut changes = Vec::new();
    Repairer::new(&Options::default()).find(text, &mut changes);
    let runs: Vec<(&str, &str)> = changes.iter().map(|c| (c.before.as_str(), c.after.as_str())).collect();
    assert_eq!(
        runs,
        [("\u{93}", "“"), ("\u{94}\u{85}", "”…"), ("\u{96}", "–"), ("Ã©", "é"), ("Ã©", "é"), ("\u{85}", "…")]
    );
}

#[test]
fn the_byte_scan_for_invisible_characters_agrees_with_the_characters() {
    // Every character up to U+3000 and the specials, alone and inside text.
    let specials = ['\u{200b}', '\u{2060}', '\u{feff}', '\u{fffd}', '\u{1f600}'];
    for c in (0..0x3000u32).filter_map(char::from_u32).chain(specials) {
        for text in [c.to_string(), format!("Ð°{c}x"), format!("abc{c}")] {
            assert_eq!(has_invisible(&text), text.contains(is_invisible), "{text:?}");
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

    /// The pairs [`c2_pairs`] finds eight places at a time are the ones a
    /// look at each byte and the byte after it finds: C2 before each byte
    /// around the edges of the C1 controls and the soft hyphen, in every
    /// place of a word and in the short tail, C2 last.
    #[test]
    fn c2_pairs_are_the_pairs_byte_by_byte(
        bytes in proptest::collection::vec(
            proptest::sample::select(&[0xC2u8, 0xC2, 0x7F, 0x80, 0x9F, 0xA0, 0xAC, 0xAD, 0xAE, 0xC3, b'a'][..]),
            0..40,
        ),
    ) {
        let c1 = |b: u8| (0x80..=0x9F).contains(&b);
        for (second, test) in [(&c1 as &dyn Fn(u8) -> bool, false), (&|b: u8| c1(b) || b == 0xAD, true)] {
            let byte_by_byte: Vec<usize> =
                (0..bytes.len().saturating_sub(1)).filter(|&i| bytes[i] == 0xC2 && second(bytes[i + 1])).collect();
            let found: Vec<usize> = if test {
                c2_pairs(&bytes, |w| c1_second(w) | crate::swar::equal(w, 0xAD)).collect()
            } else {
                c2_pairs(&bytes, c1_second).collect()
            };
            proptest::prop_assert_eq!(found, byte_by_byte, "{:x?}", bytes);
        }
    }
}

/// Every quiet character, alone and in the places a quiet line can hold it
/// (the no-break space not at the end), is clean at a glance and gets no
/// repair from the passes either: the claim [`clean_at_a_glance`] rests on,
/// checked character by character.
#[test]
fn quiet_characters_get_no_repair_wherever_they_stand() {
    let repairer = Repairer::new(&Options::default());
    let quiet_chars: Vec<char> = crate::lines::quiet_chars().collect();
    assert!(quiet_chars.len() > 700, "{}", quiet_chars.len());
    for c in quiet_chars {
        let mut lines = vec![format!("{c}y"), format!("it{c}s {c}? {c}.{c}z")];
        if c != '\u{a0}' {
            lines.extend([format!("{c}"), format!("x{c}"), format!("it{c}s {c}? {c}.{c}")]);
        }
        for line in lines {
            assert!(clean_at_a_glance(&line, true), "{line:?}");
            for entities in [false, true] {
                assert!(
                    repairer.repair_line(&line, entities, || crate::normalize::settled(&line)).is_empty(),
                    "{line:?}"
                );
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

    /// A line [`clean_at_a_glance`] lets through gets no repair from the
    /// passes, whatever mojibake, debris, controls, references and white
    /// space the lines around it are made of.
    #[test]
    fn a_line_clean_at_a_glance_gets_no_repair(
        line in "([a-zA-Z]{1,6}|[ .,?]|’|“|”|—|é|ü|ß|€|™|ñ|Ð|«|»|°|ş|ı|ç|ã|ư|ờ|д|я|Р|ё|№|中|ア|한|、|！|Â|Ã|Ă|Г|ё|\u{a0}|\u{ad}|\u{85}|\u{301}|\u{fffd}|\u{200b}|&amp;|&|\t|\u{1}|â€™|Ã©|Ð¿|Â |Ã ){0,16}",
        entities: bool,
    ) {
        if clean_at_a_glance(&line, entities) {
            let repairer = Repairer::new(&Options::default());
            proptest::prop_assert!(repairer.repair_line(&line, entities, || crate::normalize::settled(&line)).is_empty(), "{:?}", line);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

    /// Told that normalize passes a line at a glance
    /// ([`Looked::settled`](crate::lines::Looked::settled)), repair finds
    /// what it finds with its own checks: mojibake among Cyrillic and
    /// accents, decomposed letters and marks that compose into mojibake,
    /// debris.
    #[test]
    fn a_settled_verdict_changes_no_repair(
        line in "([a-z]{1,4}|[ .?]|’|é|Ð|Ñ|Ã|Â|Ð¿|Ñ€|Ã©|â€™|привет|Рё|A\u{303}|\u{303}|\u{301}|\u{306}|и|©|\u{85}|\u{ad}|中|\t){0,16}",
        entities: bool,
    ) {
        let repairer = Repairer::new(&Options::default());
        let told = repairer.repair_line(&line, entities, || crate::normalize::settled(&line));
        let untold = repairer.repair_line(&line, entities, || false);
        proptest::prop_assert_eq!(told, untold, "{:?}", line);
    }
}

/// Quiet characters side by side that the quiet look lets through (see
/// [`crate::lines::is_quiet`]) get no repair, every pair of them in a few
/// places (of those from U+3000 up, which no code page has, a sample); and
/// none that opens no UTF-8 sequence in any code page is taken for
/// evidence.
#[test]
fn quiet_neighbours_get_no_repair() {
    let repairer = Repairer::new(&Options::default());
    let quiet: Vec<char> = crate::lines::quiet_chars_sampled().collect();
    let byte_in = |c: char, range: std::ops::RangeInclusive<u8>| {
        Codepage::ALL.iter().map(move |cp| cp.encode_char(c).is_some_and(|b| range.contains(&b)))
    };
    // Pairs let through that open no sequence, and that open one the scan
    // takes for no evidence where they stand (natural pairs, implausible
    // sequences).
    let (mut unopened, mut weighed) = (0, 0);
    for &a in &quiet {
        for &b in &quiet {
            let opens = byte_in(a, 0xC2..=0xF4).zip(byte_in(b, 0x80..=0xBF)).any(|(lead, cont)| lead && cont);
            assert!(opens || !neighbours_may_be_evidence(&format!("{a}{b}"), 0), "{a:?} {b:?}");
            for line in [format!("x{a}{b}y"), format!("{a}{b}?"), format!("X{a}{b}")] {
                if !crate::lines::is_quiet(&line, false) {
                    continue;
                }
                if opens {
                    weighed += 1
                } else {
                    unopened += 1
                }
                assert!(clean_at_a_glance(&line, true), "{line:?}");
                assert!(repairer.repair_line(&line, true, || crate::normalize::settled(&line)).is_empty(), "{line:?}");
            }
        }
    }
    // A mistake in the masks or in the look would show as few.
    let pairs = quiet.len() * quiet.len();
    assert!(unopened > pairs && weighed > 2_000, "{unopened} {weighed} of {pairs}");
}

#[test]
fn english_news_is_clean_at_a_glance_and_mojibake_is_not() {
    assert!(clean_at_a_glance("“Yes,” she said — it’s 5 € a day… for now.", true));
    assert!(clean_at_a_glance("Le président a été élu à Montréal (Québec).", true));
    assert!(clean_at_a_glance("«\u{a0}Größe\u{a0}», Kayseri’de çıkış, l’été, voilà»", true));
    for line in ["Ã©tÃ©", "Miami.Â", "x\u{a0}", "a &amp; b", "café ", "moÅ¼e", "e\u{301}x"] {
        assert!(!clean_at_a_glance(line, true), "{line:?}");
    }
    assert!(clean_at_a_glance("a &amp; b", false));
}
