//! The repair stage on the generated corpus (see [`generate`]): every
//! damaged case repaired, every clean case untouched, every repair plan
//! replayed, and a second run finding nothing.

pub mod generate;

use textwash::repair::{Options, Repairer, replay};
use textwash::{Change, change};

fn repair(repairer: &Repairer, text: &str) -> (String, Vec<Change>) {
    let mut changes = Vec::new();
    repairer.find(text, &mut changes);
    (change::apply(text, &changes), changes)
}

/// Runs one case: the output, or a description of what went wrong with the
/// plans or idempotence (which must never happen).
fn run(repairer: &Repairer, case: &generate::Case) -> Result<String, String> {
    let (out, changes) = repair(repairer, &case.input);
    change::check_well_formed(&case.input, &changes).map_err(|e| format!("{}: {e}", case.kind))?;
    for c in &changes {
        if replay(&c.before, &c.plan).as_deref() != Ok(c.after.as_str()) {
            return Err(format!("{}: plan of {:?} → {:?} does not replay: {:?}", case.kind, c.before, c.after, c.plan));
        }
    }
    let (again, more) = repair(repairer, &out);
    if !more.is_empty() {
        return Err(format!("{}: not idempotent on {:?}: a second run gives {:?}", case.kind, case.input, again));
    }
    Ok(out)
}

#[test]
fn generated_damage_is_repaired() {
    let repairer = Repairer::new(&Options::default());
    let cases = generate::damaged();
    assert!(cases.len() > 1500, "{} cases", cases.len());
    let mut broken = Vec::new();
    let mut missed = Vec::new();
    for case in &cases {
        match run(&repairer, case) {
            Ok(out) if out == case.expected => {}
            Ok(out) => missed
                .push(format!("[{}] {:?}\n    got  {:?}\n    want {:?}", case.kind, case.input, out, case.expected)),
            Err(e) => broken.push(e),
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let rate = 1.0 - missed.len() as f64 / cases.len() as f64;
    assert!(rate >= 0.99, "repaired {:.2}% of {} cases; missed:\n{}", 100.0 * rate, cases.len(), missed.join("\n"));
}

#[test]
fn generated_clean_text_is_untouched() {
    let repairer = Repairer::new(&Options::default());
    let cases = generate::clean();
    assert!(cases.len() > 500, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        match run(&repairer, case) {
            Ok(out) if out == case.input => {}
            Ok(out) => wrong.push(format!("[{}] {:?}\n    became {:?}", case.kind, case.input, out)),
            Err(e) => wrong.push(e),
        }
    }
    assert!(wrong.is_empty(), "{} false positives:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn the_generator_covers_what_it_promises() {
    let cases = generate::damaged();
    let langs: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.lang.as_str()).collect();
    assert!(langs.len() >= 15, "{langs:?}");
    for kind in
        ["whole/cp437", "whole/koi8-r", "layers/", "words/", "span/", "lost/replaced", "lost/dropped", "lost/question"]
    {
        assert!(cases.iter().any(|c| c.kind.starts_with(kind)), "no {kind} cases");
    }
    for kind in ["lone-nbsp/whole", "lone-nbsp/clean", "nbsp-space/", "a0-space/", "c1", "html"] {
        assert!(cases.iter().any(|c| c.kind.starts_with(kind)), "no {kind} cases");
    }
    // Whole and layered cases say how they were made; making them again
    // gives their input.
    for case in cases.iter().filter(|c| c.kind.starts_with("whole/") || c.kind.starts_with("layers/")) {
        assert!(!case.layers.is_empty(), "{}", case.kind);
        let remade = case.layers.iter().fold(case.expected.clone(), |text, cp| cp.decode(text.as_bytes()));
        assert_eq!(remade, case.input, "{}", case.kind);
    }
}
