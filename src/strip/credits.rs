//! Photo credits and captions.
//!
//! A credit names who made a picture and for whom: "YURIY DYACHYSHYN/AFP/Getty",
//! "(AP Photo/Evan Vucci)", "Photo: Marta Kowalska/Reuters", "via Getty
//! Images", "Фото: Иван Петров/ТАСС", "（东方日报记者 李明 摄）". What makes a
//! line a credit is its *shape* (short, not a sentence, names joined by
//! slashes, after a credit label, or in brackets) together with an agency from
//! [`AGENCIES`] or a credit label. A sentence that merely mentions Getty or
//! AFP has neither the shape nor the length, and stays.
//!
//! A caption is a sentence describing the picture that carries its credit on
//! the same line ("… on Saturday. (AP Photo/Evan Ramirez)", "… Credit: ESA",
//! "【写真】…＝共同"); a caption on its own line is recognised in context, by
//! the credit line that follows it (see the strip stage).

use std::collections::HashSet;

use regex::Regex;

use super::shape::{self, ends_sentence, is_name};

/// The maintained list of agencies and picture services, one per line (see
/// the file for its format). Extend it here, or per project with
/// `agencies = [...]` in `textwash.toml`.
pub const AGENCIES: &str = include_str!("agencies.txt");

/// Words that introduce a credit, in the languages we have seen them in.
const LABELS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photographs",
    "photography",
    "photo credit",
    "photo credits",
    "photo by",
    "photos by",
    "photograph by",
    "photo courtesy",
    "photo courtesy of",
    "photo illustration",
    "image",
    "images",
    "image credit",
    "image credits",
    "image source",
    "image by",
    "image courtesy",
    "image courtesy of",
    "image copyright",
    "picture",
    "pictures",
    "picture credit",
    "pic",
    "pics",
    "credit",
    "credits",
    "illustration",
    "main image credit",
    "top image",
    "header image",
    "featured image",
    "foto",
    "fotos",
    "foto's",
    "fot",
    "fotó",
    "fotografía",
    "fotografia",
    "fotograf",
    "fotoğraf",
    "fotoğraflar",
    "bild",
    "bilder",
    "bildquelle",
    "bildnachweis",
    "crédit",
    "crédits",
    "crédit photo",
    "crédits photo",
    "фото",
    "фотография",
    "фото предоставлено",
    "фотографии",
    "φωτό",
    "φωτογραφία",
    "φωτογραφίες",
    "zdjęcie",
    "zdjęcia",
    "kuva",
    "bilde",
    "ảnh",
    "تصوير",
    "صورة",
    "الصورة",
    "צילום",
    "צילומים",
    "फोटो",
    "फ़ोटो",
    "तस्वीर",
    "图",
    "图片",
    "图片来源",
    "圖片",
    "照片",
    "摄影",
    "写真",
    "사진",
    "사진 제공",
    "личный архив",
];

/// Credit detection, compiled once.
#[derive(Debug)]
pub struct Credits {
    agencies: HashSet<String>,
    /// Whole-line keys that are a credit label alone ("Фото:", "Image").
    labels: HashSet<String>,
    /// "Photo: NAME/AGENCY", "Foto: dpa", "사진=해운대구 제공": a label,
    /// then names.
    labelled: Regex,
    /// "(AP Photo/Evan Vucci)", "(Photo: …)", "(Image credit: …)", "（…摄）".
    parenthesised: shape::Matcher,
    /// A parenthesised credit at the end of a caption: "… (Image: GETTY)".
    trailing_paren: Regex,
    /// A labelled credit after the caption's last sentence: "… Credit: ESA".
    trailing_label: shape::Matcher,
    /// Caption openers: "FILE PHOTO:", "Image caption", "【写真】", "图为".
    caption_prefix: shape::Matcher,
}

impl Credits {
    /// Builds the detector with the built-in agencies and `extra` ones.
    pub fn new(extra: &[String]) -> Credits {
        let agencies = AGENCIES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .chain(extra.iter().map(|a| a.trim().to_lowercase()))
            .collect();
        let labels = alternation(LABELS);
        let re = |pattern: String| shape::regex(&pattern);
        let matcher = |pattern: String| shape::Matcher::one(&pattern, false);
        Credits {
            agencies,
            labels: LABELS.iter().map(|l| shape::key(l)).collect(),
            labelled: re(format!(r"(?i)^({labels})\.?\s*(by\s+)?(?:([:：=])\s*|\s+)(\S.*)$")),
            parenthesised: matcher(format!(
                r"(?i)^[(\[（]\s*(?:[\w .&-]*\s)?(?:{labels}|via)[^()\[\]（）]*[)\]）]$|^[(（][^()（）]+\s?摄[)）]$"
            )),
            trailing_paren: re(format!(
                r"(?i)\s[(\[]\s*(?:(?:{labels})\s*(?:by\s+)?[:：]?\s*[^()\[\]]+|[^()\[\]]+)[)\]]?$|[(（][^()（）]+\s?摄[)）]$|[＝=][^＝=\s]+$"
            )),
            trailing_label: matcher(format!(r"(?i)[.!?]\s+(?:{labels})\s*(?:by\s+)?[:：]\s*[^.!?]+$")),
            caption_prefix: matcher(
                r"(?i)^(?:file photo|photo|image caption|media caption|caption)\s*:\s*\S.*\S|^(?:image caption|media caption)\s+\S.*|^【(?:写真|図|画像|사진)】\s*\S.*|^图为\S.*".to_owned(),
            ),
        }
    }

    /// True when `key` is a credit label alone ("photo", "фото").
    pub fn is_label(&self, key: &str) -> bool {
        self.labels.contains(key)
    }

    /// True when `fragment` names an agency: "AFP", "Getty Images", "AFP via
    /// Getty Images", "AP Photo", "Hindustan Times/Getty Images" parts.
    pub fn is_agency(&self, fragment: &str) -> bool {
        let f = fragment.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        let f = f.strip_suffix(", file").unwrap_or(&f);
        self.agencies.contains(f)
            || f.strip_suffix(" photo").is_some_and(|a| self.agencies.contains(a))
            || (f.contains(" via ") && f.split(" via ").last().is_some_and(|a| self.agencies.contains(a.trim())))
    }

    /// Why `line` (trimmed, one whole short line) is a photo credit, if it is.
    pub fn credit(&self, line: &str, key: &str) -> Option<&'static str> {
        let words = shape::words(line);
        // "— Associated Press" is a wire signature, judged by its position.
        if words == 0 || words > 16 || line.len() > 200 || line.starts_with(['—', '–', '-']) {
            return None;
        }
        if self.labels.contains(key) && !ends_sentence(line) {
            return Some("a credit label on a line of its own");
        }
        if self.parenthesised.is_match(line) {
            return Some("a parenthesised photo credit");
        }
        if words <= 12
            && let Some(c) = self.labelled.captures(line)
            && self.is_credit_text(&c)
        {
            return Some("a labelled photo credit (\"Photo: …\")");
        }
        if self.is_slash_credit(line) {
            return Some("a NAME/AGENCY photo credit line");
        }
        if self.is_agency_only(line) {
            return Some("a line naming only a picture agency");
        }
        if self.is_via_credit(line) {
            return Some("a \"via AGENCY\" photo credit line");
        }
        if self.is_paren_name(line) {
            return Some("a parenthesised name on a line of its own");
        }
        if is_courtesy(line) {
            return Some("a courtesy or handout credit line");
        }
        let owner = line.trim_start_matches(['©', 'ⓒ', ' ']);
        if line.starts_with(['©', 'ⓒ']) && !owner.contains(|c: char| c.is_numeric()) && is_name(owner, 5) {
            return Some("a © NAME photo credit line");
        }
        None
    }

    /// Why `line` is a caption carrying its credit ("… on Tuesday. (Photo:
    /// Lena Ortiz/AFP via Getty Images)", "… REUTERS/Brendan McDermid"), if
    /// it is.
    /// A line that `ends_plainly` (with a full stop, not a bracket) can only
    /// be a caption by its opening.
    pub fn caption(&self, line: &str, ends_plainly: bool) -> Option<&'static str> {
        if line.len() > 1200 {
            return None;
        }
        if self.caption_prefix.is_match(line) && !self.labelled.is_match(line) {
            return Some("a picture caption (\"FILE PHOTO: …\", \"Image caption …\")");
        }
        if ends_plainly {
            return None;
        }
        // Everything else ends with the credit: look only at the tail.
        let tail = tail(line, 160);
        if may_hold_trailing_paren(tail)
            && let Some(m) = self.trailing_paren.find(tail)
        {
            let credit = tail[m.start()..].trim();
            let inner = credit.trim_matches(|c: char| "()[]（）=＝ ".contains(c));
            let before = line[..line.len() - tail.len() + m.start()].trim_end();
            let labelled = self.labelled.is_match(inner) || credit.ends_with(['摄']) || credit.contains('摄');
            let named = self.names_agency(inner);
            let prose_before = shape::words(before) >= 4 || before.chars().count() >= 8;
            // An unlabelled bracket ("(AP)", "(EPA)") is a credit only after a
            // finished sentence or with a photographer's name: "the agency
            // (EPA)" is an acronym.
            let signed = before.ends_with(['.', '!', '?', '。']) || inner.contains('/') || inner.contains("Photo");
            if prose_before && (labelled || named && signed) {
                return Some("a caption ending with its photo credit");
            }
        }
        if self.trailing_label.is_match(tail) {
            return Some("a caption ending with its photo credit");
        }
        // "… in New York, November 18, 2019. REUTERS/Brendan McDermid"
        if let Some(end) = tail.rfind(['.', '!', '?']) {
            let credit = tail[end + 1..].trim();
            if credit.contains('/') && shape::words(credit) <= 6 && self.is_slash_credit(credit) {
                return Some("a caption ending with its photo credit");
            }
        }
        None
    }

    /// What follows a credit label is names, not a sentence: "Ringo H.W.
    /// Chiu, AP", "dpa", "Sierra Nevada Corp.", but not "the minister said
    /// the picture was doctored."
    ///
    /// Without a colon ("Photo Jane Doe"), a label is a credit only with an
    /// agency, a slash, "by", or a label no sentence starts with ("Image
    /// copyright", "личный архив"): "Image rights row escalates" is a
    /// headline. In scripts without case, a finished sentence is never a
    /// credit: name shapes cannot be told apart there.
    fn is_credit_text(&self, found: &regex::Captures<'_>) -> bool {
        let label = found.get(1).map_or("", |m| m.as_str());
        let (by, colon) = (found.get(2).is_some(), found.get(3).is_some());
        let rest = found.get(4).map_or("", |m| m.as_str()).trim();
        let first = rest.split(['/', ',', ';']).next().unwrap_or(rest);
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return false; // "Image 1 of 5" counts pictures
        }
        let signed = self.names_agency(rest) || rest.contains('/');
        if !colon && !by && !signed && !label.contains(' ') {
            return false;
        }
        // "dpa" and "iFixit" start in lowercase; sentences have no capital.
        let capital = !rest.chars().next().is_some_and(char::is_lowercase)
            || self.is_agency(first)
            || first.split_whitespace().next().is_some_and(|w| w.chars().any(char::is_uppercase));
        let cased = rest.chars().any(|c| c.is_uppercase() || c.is_lowercase());
        capital && (!ends_sentence(rest) || cased && is_name(rest, 8))
    }

    /// A line that is only agency names: "Getty Images", "Reuters".
    fn is_agency_only(&self, line: &str) -> bool {
        shape::words(line) <= 4 && self.is_agency(line)
    }

    /// Any part of a credit ("AP Photo/Alan Diaz, File", "Image: GETTY",
    /// "AP") names an agency.
    fn names_agency(&self, credit: &str) -> bool {
        let names = credit.split_once([':', '：']).map_or(credit, |(_, rest)| rest);
        names.split(['/', ',', ';']).any(|p| self.is_agency(p))
    }

    /// "YURIY DYACHYSHYN/AFP/Getty", "REUTERS/Jana Novak", "EPA-EFE/ANDREAS
    /// MEYER", "AP Photo/Evan Vucci", "Jason Cipriani/ZDNet": slash-separated
    /// names, every part name-shaped, and either an agency among them or a
    /// person's full name followed by an outlet.
    fn is_slash_credit(&self, line: &str) -> bool {
        let inner = line.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
        let parts: Vec<&str> = inner.split('/').map(str::trim).collect();
        if parts.len() < 2 || ends_sentence(inner) || parts.iter().any(|p| p.is_empty()) {
            return false;
        }
        let agency = parts.iter().any(|p| self.is_agency(p));
        let names = parts.iter().all(|p| self.is_agency(p) || is_name(p.trim_end_matches(", File"), 5));
        // Without an agency: a person's full name, then an outlet, no digits
        // or commas ("Jason Cipriani/ZDNet", not "Steinheim, Nordrhein-Westfalen/Stuttgart").
        let person_then_outlet = parts.len() == 2
            && (2..=3).contains(&parts[0].split_whitespace().count())
            && !inner.contains(|c: char| c.is_numeric() || c == ',');
        names && (agency || person_then_outlet)
    }

    /// "via Getty Images", "New York State Sex Offender Registry via AP".
    fn is_via_credit(&self, line: &str) -> bool {
        // Found in the line itself: lowercasing first would move the offsets
        // ("İ" lowercases to two characters).
        let Some(at) =
            (0..line.len().saturating_sub(3)).rev().find(|&i| line.as_bytes()[i..i + 4].eq_ignore_ascii_case(b"via "))
        else {
            return false;
        };
        let (before, agency) = (&line[..at], &line[at + 4..]);
        self.is_agency(agency)
            && (before.trim().is_empty() || is_name(before.trim(), 8) || self.is_slash_credit(before.trim()))
    }

    /// "(Walt Disney Co.)", "(AP)", "(Reuters)": a short bracketed name.
    fn is_paren_name(&self, line: &str) -> bool {
        let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) else { return false };
        // One word in brackets is a stage direction ("(Applause)"), not a credit.
        self.is_agency(inner)
            || (inner.split_whitespace().count() >= 2
                && is_name(inner, 5)
                && !inner.contains(['(', ')'])
                && !inner.contains(char::is_numeric))
    }
}

/// "Courtesy of Andrew Vaughan", "Handout photo", "Jane Doe Submitted photo".
fn is_courtesy(line: &str) -> bool {
    let words = shape::words(line);
    if words > 8 || ends_sentence(line) {
        return false;
    }
    // Compared byte by byte, ignoring ASCII case, on the line itself: the
    // offsets of a lowercased copy can differ ("İ" lowercases to two
    // characters), and a matched ASCII tail is always on a boundary.
    let prefix = "courtesy of ";
    if line.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) {
        return is_name(&line[prefix.len()..], 6);
    }
    ["submitted photo", "handout photo", "handout", "file photo", "contributed photo"].iter().any(|suffix| {
        line.len() >= suffix.len()
            && line.as_bytes()[line.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
            && is_name(&line[..line.len() - suffix.len()], 5)
    })
}

/// The last `max` bytes of `line`, cut at a character boundary.
fn tail(line: &str, max: usize) -> &str {
    let mut start = line.len().saturating_sub(max);
    while !line.is_char_boundary(start) {
        start += 1;
    }
    &line[start..]
}

/// Whether `tail` may hold a match of `trailing_paren`: each of its
/// alternatives needs "(", "[", "=", or one of the full-width "（" and "＝"
/// (both led by EF). Most lines of news hold none, and the unanchored
/// search over the tail was a tenth of strip's instructions on Russian
/// news, which ends few lines plainly (callgrind).
fn may_hold_trailing_paren(tail: &str) -> bool {
    let bytes = tail.as_bytes();
    memchr::memchr3(b'(', b'[', b'=', bytes).is_some() || memchr::memchr(0xef, bytes).is_some()
}

/// A regex alternation of literal phrases, longest first, with spaces
/// matching any run of white space.
pub fn alternation(phrases: &[&str]) -> String {
    let mut sorted: Vec<&str> = phrases.to_vec();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
    sorted.iter().map(|p| regex::escape(p).replace(' ', r"\s+")).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credits() -> Credits {
        Credits::new(&[])
    }

    proptest::proptest! {
        /// The look before the trailing-credit search never turns away a
        /// tail the search would match.
        #[test]
        fn trailing_paren_needs_what_its_look_looks_for(tail in "[a-zA-Z :/.]{0,12}[(\\[=（＝]?[a-zA-Z :/.摄]{0,12}[)\\]）]?") {
            let credits = credits();
            proptest::prop_assert!(!credits.trailing_paren.is_match(&tail) || may_hold_trailing_paren(&tail), "{tail:?}");
        }
    }

    #[test]
    fn credits_in_their_real_shapes() {
        let credits = credits();
        for line in [
            "YURIY DYACHYSHYN/AFP/Getty",
            "(AP Photo/Evan Vucci)",
            "Photo: Marta Kowalska/Reuters",
            "REUTERS/Jana Novak",
            "EPA-EFE/ANDREAS MEYER",
            "AFP / MARCO BERTORELLO",
            "Photograph: Tom Hale/The Guardian",
            "Foto: dpa",
            "Fot. Tomasz Wiśniewski/PAP",
            "Фото: Иван Петров/ТАСС",
            "Фото:",
            "Getty Images",
            "via Getty Images",
            "AFP via Getty Images",
            "New York State Sex Offender Registry via AP",
            "(Image credit: NASA)",
            "Credit: Kelsbridge University Space Lab",
            "Image: Harlow Foods",
            "Fotoğraf: AA",
            "Ảnh: Minh Đức/TTXVN",
            "Φωτογραφία: Νίκος Μαρκόπουλος/Eurokinissi",
            "تصوير: أحمد الراشد",
            "צילום: יוסי לוי",
            "फोटो: अमित वर्मा",
            "사진=해운대구 제공",
            "（东方日报记者 李明 摄）",
            "Photo by Jane Doe on Unsplash",
            "Sakib Ali/Hindustan Times/Getty Images",
            "Jason Cipriani/ZDNet",
            "Courtesy of Andrew Vaughan",
            "(Walt Disney Co.)",
            "© Lucy Nicholson",
            "Image copyright Getty Images",
        ] {
            assert!(credits.credit(line, &shape::key(line)).is_some(), "{line}");
        }
    }

    #[test]
    fn sentences_that_mention_agencies_are_not_credits() {
        let credits = credits();
        for line in [
            "Getty Images said it had licensed the photographs to 40 newspapers.",
            "AFP reported that the strike killed 12 people.",
            "The photograph, taken by a Reuters photographer in 1989, became iconic.",
            "Photo: the minister said the picture was doctored.",
            "Kyiv/Moscow talks resumed on Monday",
            "Israel/Gaza",
            "Image Rights Row Escalates",
            "الصورة التقطها مصور وكالة الأنباء صباح الثلاثاء.",
            "Steinheim, Nordrhein-Westfalen/Stuttgart",
            "Pressemitteilung Nr. 48/22",
            "Photographs of the flood were shared widely on Tuesday, the agency said.",
            "The mayor spoke to reporters (and to her critics).",
            "He joined AFP in 1998 (as a trainee).",
            "Prices rose 3% (Reuters data).",
            "Die elektronische Patientenakte (ePA)",
            "Rules set by the Environmental Protection Agency (EPA)",
        ] {
            assert_eq!(credits.credit(line, &shape::key(line)), None, "{line}");
            assert_eq!(credits.caption(line, false), None, "{line}");
        }
    }

    #[test]
    fn captions_with_their_credit_are_recognised() {
        let credits = credits();
        for line in [
            "Firefighters work on the roof of the school on Tuesday. (Photo: Lena Ortiz/AFP via Getty Images)",
            "Jonas Åberg celebrates after scoring the winning penalty against Northfield City on Saturday. (AP Photo/Evan Ramirez)",
            "Yersina pestis causes the plague (Image: GETTY)",
            "Traders work on the floor of the exchange in New York, November 18, 2019. REUTERS/Brendan McDermid",
            "A reference habitation module compared to its hibernation-based equivalent. Credit: ESA",
            "FILE PHOTO: Traders work on the floor of the New York Stock Exchange",
            "图为杭州街头的外卖骑手。（东方日报记者 李明 摄）",
            "【写真】雪に埋もれた乗用車（3日午前、札幌市北区）＝共同",
        ] {
            assert!(credits.caption(line, false).is_some(), "{line}");
        }
    }
}
