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
