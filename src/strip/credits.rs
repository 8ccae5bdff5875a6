//! Photo credits and captions.
//!
//! A credit names who made a picture and for whom: "YURIY DYACHYSHYN/AFP/Getty",
//! "(AP Photo/Evan Vucci)", "Photo: Marta Kowalska/Reuters". What makes a line
//! a credit is its *shape* (short, no sentence, names joined by slashes or
//! after a "Photo:" label) together with a picture agency or a credit label.
//! A sentence that merely mentions Getty or AFP has neither the shape nor the
//! length, and stays.

use regex::Regex;

/// Picture agencies, wire services and image libraries that appear in credits,
/// lowercase. Kept as a list so that users and contributors can grow it.
pub const AGENCIES: &[&str] = &[
    "afp",
    "agence france-presse",
    "ap",
    "associated press",
    "reuters",
    "getty",
    "getty images",
    "epa",
    "epa-efe",
    "efe",
    "dpa",
    "picture alliance",
    "picture-alliance",
    "ansa",
    "anp",
    "belga",
    "xinhua",
    "tass",
    "ria novosti",
    "sputnik",
    "anadolu",
    "anadolu agency",
    "kyodo",
    "yonhap",
    "pa",
    "pa images",
    "pa wire",
    "pa media",
    "shutterstock",
    "alamy",
    "alamy stock photo",
    "istock",
    "istockphoto",
    "bloomberg",
    "nurphoto",
    "sopa images",
    "lightrocket",
    "sipa",
    "sipa usa",
    "abaca",
    "zuma",
    "zuma press",
    "zuma wire",
    "corbis",
    "imago",
    "keystone",
    "ap images",
    "reuters pictures",
    "the guardian",
    "the new york times",
    "the washington post",
    "redux",
    "polaris",
    "magnum",
    "magnum photos",
    "unsplash",
    "pexels",
    "wikimedia commons",
    "handout",
    "courtesy",
    "pool",
    "ukrinform",
    "tasr",
    "ctk",
    "čtk",
    "pap",
    "mti",
    "hina",
    "tanjug",
    "aa",
    "ani",
    "pti",
    "ians",
    "apa",
    "ntb",
    "tt",
    "ritzau",
    "lehtikuva",
    "stt",
    "scanpix",
    "ekathimerini",
    "sana",
    "wafa",
    "ina",
    "imagechina",
    "vcg",
    "visual china group",
    "cfp",
    "jiji",
    "jiji press",
    "newscom",
    "splash news",
    "backgrid",
    "rex",
    "rex features",
    "mirrorpix",
    "sportsfile",
    "action images",
    "icon sportswire",
    "usa today sports",
    "imagn",
    "nasa",
    "esa",
];

/// Labels that introduce a credit, in the languages we have seen them in.
const LABELS: &str = r"(?:photo(?:graph|s)?|photo credit|image(?: credit)?|picture|pictures|credit|credits|foto(?:s)?|fotó|fotografía|fotografia|bild|bildquelle|quelle|crédit(?: photo)?|crédits?|фото|фотография|φωτό|φωτογραφία|zdjęcie|写真|사진|图片|圖片|照片|צילום|تصوير|صورة)";

/// Credit detection, compiled once.
#[derive(Debug)]
pub struct Credits {
    /// "Photo: NAME/AGENCY", "Foto: dpa", "Credit: ...": a label, then names.
    labelled: Regex,
    /// "(AP Photo/Evan Vucci)", "(Photo: ...)", "(Image credit: ...)".
    parenthesised: Regex,
    /// A parenthesised credit at the end of a caption sentence.
    trailing: Regex,
}

impl Credits {
    pub fn new() -> Credits {
        let labelled = Regex::new(&format!(r"(?i)^{LABELS}\s*(?:by\s+)?[:：]\s*\S")).expect("valid regex");
        let parenthesised = Regex::new(&format!(r"(?i)^[\(\[]\s*(?:[\w .&-]*\s)?(?:{LABELS}|via)\b[^()\[\]]*[\)\]]$"))
            .expect("valid regex");
        let trailing =
            Regex::new(&format!(r"(?i)[.!?…»”\x22]\s*[\(\[]\s*(?:[\w .&-]*\s)?(?:{LABELS})\b[^()\[\]]*[\)\]]$"))
                .expect("valid regex");
        Credits { labelled, parenthesised, trailing }
    }

    /// Why `line` (trimmed, one whole line) is a photo credit, if it is.
    pub fn credit(&self, line: &str) -> Option<&'static str> {
        let words = line.split_whitespace().count();
        if words == 0 || words > 16 || line.len() > 160 {
            return None;
        }
        if self.parenthesised.is_match(line) {
            return Some("a parenthesised photo credit");
        }
        if self.labelled.is_match(line) && !ends_sentence(line) && words <= 12 {
            return Some("a labelled photo credit (\"Photo: …\")");
        }
        if is_slash_credit(line) {
            return Some("a NAME/AGENCY photo credit line");
        }
        if is_agency_only(line) {
            return Some("a line naming only a picture agency");
        }
        None
    }

    /// Why `line` is a caption carrying its credit ("… on Tuesday. (Photo:
    /// Lena Ortiz/AFP)"), if it is.
    pub fn caption(&self, line: &str) -> Option<&'static str> {
        let m = self.trailing.find(line)?;
        let credit = line[m.start() + 1..].trim_start_matches(['.', '!', '?', '…', '»', '”', '"']).trim();
        mentions_agency_or_name(credit).then_some("a caption sentence ending with its photo credit")
    }
}

/// True when the line ends like a sentence.
pub fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '’', '»', ')', '\'']).ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// Normalises a fragment for comparison with [`AGENCIES`].
fn normal(fragment: &str) -> String {
    fragment.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

fn is_agency(fragment: &str) -> bool {
    let f = normal(fragment);
    let f = f.strip_suffix(" via getty images").unwrap_or(&f);
    AGENCIES.contains(&f)
        || f.strip_suffix(" photo").is_some_and(|a| AGENCIES.contains(&a))
        || f.split(" via ").all(|part| AGENCIES.contains(&part.trim()))
}

/// "YURIY DYACHYSHYN/AFP/Getty", "REUTERS/Jana Novak", "EPA-EFE/ANDREAS MEYER",
/// "AP Photo/Evan Vucci": slash-separated names, at least one an agency, and
/// every other part shaped like a person's name.
fn is_slash_credit(line: &str) -> bool {
    let inner = line.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
    let parts: Vec<&str> = inner.split('/').collect();
    if parts.len() < 2 || ends_sentence(line) {
        return false;
    }
    let agencies = parts.iter().filter(|p| is_agency(p)).count();
    agencies > 0 && parts.iter().all(|p| is_agency(p) || is_name(p))
}

/// A line that is only agency names: "Getty Images", "AFP via Getty Images".
fn is_agency_only(line: &str) -> bool {
    let f = normal(line);
    f.split(" via ").count() > 1 && f.split(" via ").all(|p| AGENCIES.contains(&p.trim()))
        || matches!(f.as_str(), "getty images" | "afp via getty images")
}

/// Shaped like a person's name: one to four capitalised words.
fn is_name(fragment: &str) -> bool {
    let words: Vec<&str> = fragment.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

fn mentions_agency_or_name(credit: &str) -> bool {
    let inner = credit.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']') || c.is_whitespace());
    let names = inner.split_once([':', '：']).map_or(inner, |(_, rest)| rest);
    names.split(['/', ',', ';']).any(|p| is_agency(p) || is_name(p.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_in_their_real_shapes() {
        let credits = Credits::new();
        for line in [
            "YURIY DYACHYSHYN/AFP/Getty",
            "(AP Photo/Evan Vucci)",
            "Photo: Marta Kowalska/Reuters",
            "REUTERS/Jana Novak",
            "EPA-EFE/ANDREAS MEYER",
            "AFP / MARCO BERTORELLO",
            "Photograph: Tom Hale/The Guardian",
            "Foto: dpa",
            "Фото: Иван Петров/ТАСС",
            "Getty Images",
            "AFP via Getty Images",
            "(Image credit: NASA)",
        ] {
            assert!(credits.credit(line).is_some(), "{line}");
        }
    }

    #[test]
    fn sentences_that_mention_agencies_are_not_credits() {
        let credits = Credits::new();
        for line in [
            "Getty Images said it had licensed the photographs to 40 newspapers.",
            "AFP reported that the strike killed 12 people.",
            "The photograph, taken by a Reuters photographer in 1989, became iconic.",
            "Photo: the minister said the picture was doctored.",
            "Kyiv/Moscow talks resumed on Monday",
        ] {
            assert_eq!(credits.credit(line), None, "{line}");
            assert_eq!(credits.caption(line), None, "{line}");
        }
    }

    #[test]
    fn a_caption_with_its_credit_is_recognised() {
        let credits = Credits::new();
        assert!(
            credits
                .caption(
                    "Firefighters work on the roof of the school on Tuesday. (Photo: Lena Ortiz/AFP via Getty Images)"
                )
                .is_some()
        );
        assert!(credits.caption("The mayor spoke to reporters (and to her critics).").is_none());
    }
}
