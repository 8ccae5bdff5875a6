//! Page furniture that survives scraping: adverts, newsletter prompts, share
//! buttons, related links, copyright lines, wire trailers, cookie notices.
//!
//! Each pattern is anchored to the *whole line* and to the imperative or
//! label form that furniture uses ("Sign up for our newsletter", "Read more:
//! …"). Body text that talks about newsletters, subscriptions, advertising or
//! cookies is written in sentences and does not match.

use regex::Regex;

use super::Rule;

/// Boilerplate detection, compiled once.
#[derive(Debug)]
pub struct Boilerplate {
    patterns: Vec<(Rule, &'static str, Regex)>,
}

/// (rule, reason, pattern). Patterns are case-insensitive and matched against
/// the trimmed line.
const PATTERNS: &[(Rule, &str, &str)] = &[
    (
        Rule::Advert,
        "an advertisement marker",
        r"^[-–—\[\(]*\s*(?:advertisement|advertising|advert|ad|sponsored(?: content)?|paid content|promoted|story continues below(?: advertisement)?|article continues below(?: advertisement)?|continue reading (?:the main story|below)|scroll to continue(?: with content)?|publicité|anzeige|werbung|publicidad|pubblicità|publicidade|reklama|реклама|advertentie|mainos|annonse|reklam)\s*[\]\)]*[-–—]*$",
    ),
    (
        Rule::Newsletter,
        "a newsletter prompt",
        r"^(?:(?:sign up|subscribe|register|join|get|enter your email|don't miss|never miss)\b.{0,100}\b(?:newsletters?|inbox|e-?mail(?: alerts| updates)?|bulletin|daily briefing|briefing)\b.{0,60}|sign up(?: now| here| for free)?|subscribe(?: now| here| for free)?|abonnez-vous.{0,80}|inscrivez-vous.{0,80}newsletter.{0,40}|(?:abonnieren|bestellen) sie.{0,60}newsletter.{0,40}|newsletter abonnieren|jetzt abonnieren|suscr[ií]bete.{0,80}|assine.{0,40}newsletter.{0,40}|iscriviti.{0,40}newsletter.{0,40}|подпишитесь.{0,80}|zapisz się.{0,80}newslett.{0,40})[.!]?$",
    ),
    (
        Rule::Share,
        "share buttons",
        r"^(?:(?:share|share this(?: article| story| page)?|share on|tweet|pin|email|e-mail|print|copy link|copy|link copied|comments?|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|pinterest|messenger|flipboard|teilen|partager|compartir|condividi|compartilhar|поделиться|udostępnij|sdílet)\s*[:|·•,/]?\s*)+$",
    ),
    (
        Rule::RelatedLink,
        "a link to another article",
        r"^(?:read more|read also|also read|read next|related|related articles?|related stories|see also|more on this(?: story)?|more:|watch|listen|recommended|most read|lesen sie auch|auch interessant|mehr zum thema|lire aussi|à lire aussi|voir aussi|leia também|leia mais|leggi anche|lee también|lea también|читайте также|czytaj także|czytaj też|přečtěte si také|ayrıca okuyun|đọc thêm)\s*(?:[:：»>|–—-]|\.\.\.)\s*\S.{0,200}$",
    ),
    (
        Rule::Copyright,
        "a copyright line",
        r"^(?:(?:©|\(c\)|℗|copyright\s*(?:©|\(c\)))\s*.{0,120}(?:\b(?:19|20)\d\d\b|all rights reserved|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|wszelkie prawa zastrzeżone|все права защищены).{0,120}|copyright\s+(?:19|20)\d\d\b.{0,120}(?:all rights reserved|\.)?)$",
    ),
    (
        Rule::WireTrailer,
        "a wire-service trailer",
        r"^[\(\[]?\s*(?:(?:additional )?reporting by|writing by|editing by|compiled by|written by .{1,60}; editing by|with reporting by)\b.{1,240}[\)\]]?\.?$",
    ),
    (
        Rule::CookieNotice,
        "a cookie notice",
        r"^(?:we use cookies|this (?:web)?site uses cookies|our (?:web)?site uses cookies|by continuing to (?:browse|use)|we and our partners use cookies|accept (?:all )?cookies|manage (?:cookie )?(?:preferences|settings)|cookie (?:policy|settings|preferences))\b.{0,300}$",
    ),
];

/// A line that is only a wire service or its dateline form, at the very end
/// of an article: "AFP", "— Associated Press", "(Reuters)".
const WIRE_SIGNATURES: &[&str] = &[
    "afp",
    "ap",
    "associated press",
    "reuters",
    "dpa",
    "efe",
    "ansa",
    "pa",
    "pa media",
    "bloomberg",
    "xinhua",
    "tass",
    "ria novosti",
    "anadolu",
    "kyodo",
    "yonhap",
    "upi",
    "cnn",
    "bbc",
    "agence france-presse",
    "dpa/afp",
    "afp/dpa",
    "reuters/afp",
    "afp/reuters",
    "ap/afp",
];

impl Boilerplate {
    pub fn new() -> Boilerplate {
        let patterns = PATTERNS
            .iter()
            .map(|&(rule, reason, pattern)| (rule, reason, Regex::new(&format!("(?i){pattern}")).expect("valid regex")))
            .collect();
        Boilerplate { patterns }
    }

    /// The rule and reason that `line` (trimmed) is boilerplate, if it is.
    pub fn classify(&self, line: &str) -> Option<(Rule, &'static str)> {
        self.patterns.iter().find(|(_, _, re)| re.is_match(line)).map(|&(rule, reason, _)| (rule, reason))
    }
}

/// True when `line` is only a wire-service name, like the signature at the
/// foot of an agency story.
pub fn is_wire_signature(line: &str) -> bool {
    let f = line.trim().trim_start_matches(['—', '–', '-', '(', ' ']).trim_end_matches([')', '.', ' ']).to_lowercase();
    WIRE_SIGNATURES.contains(&f.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_recognised() {
        let b = Boilerplate::new();
        for (line, rule) in [
            ("Advertisement", Rule::Advert),
            ("ADVERTISEMENT", Rule::Advert),
            ("Publicité", Rule::Advert),
            ("Sign up for our morning newsletter", Rule::Newsletter),
            ("Subscribe to our newsletter to get the latest news", Rule::Newsletter),
            ("Share this article", Rule::Share),
            ("Facebook Twitter WhatsApp Email", Rule::Share),
            ("Read more: Storm hits coast", Rule::RelatedLink),
            ("READ MORE: Prices rise again", Rule::RelatedLink),
            ("Lesen Sie auch: Neue Regeln für Mieter", Rule::RelatedLink),
            ("© 2026 Northgate Media. All rights reserved.", Rule::Copyright),
            ("(Reporting by Ana Silva; Editing by Tom Brown)", Rule::WireTrailer),
            (
                "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
                Rule::CookieNotice,
            ),
        ] {
            assert_eq!(b.classify(line).map(|(r, _)| r), Some(rule), "{line}");
        }
    }

    #[test]
    fn sentences_about_the_same_things_stay() {
        let b = Boilerplate::new();
        for line in [
            "The company cut its advertising budget by a third.",
            "Subscriptions to the paper rose 8% last year.",
            "“Read more books,” the minister told students.",
            "Share prices fell 3% in early trading.",
            "The regulator said the site used cookies without asking for consent.",
            "Readers can sign up for the newsletter, which the paper launched in May, on its website, the editor said in a statement on Tuesday.",
            "Copyright law was changed in 2019 after a long campaign by musicians.",
        ] {
            assert_eq!(b.classify(line), None, "{line}");
        }
        assert!(is_wire_signature("— Associated Press"));
        assert!(!is_wire_signature("Associated Press reporters were there."));
    }
}
