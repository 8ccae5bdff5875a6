//! Residue of the page's source rather than its text: HTML tags, CSS
//! selectors, template paths, script lines, ad-slot names and the words of
//! HTML comments ("AddThis Button END"), and lines that are only a number (a
//! table cell, a counter, a page number torn from its table).
//!
//! Prose does not look like this: a sentence that mentions "<div>" or
//! JavaScript has words around it, and a number in a sentence has a sentence
//! around it. Bare links are *not* removed here: articles cite sources by
//! URL.

use super::shape::Matcher;

/// Markup detection, compiled once.
#[derive(Debug)]
pub struct Markup {
    markup: Matcher,
    comment: Matcher,
    ad_slot: Matcher,
    number: Matcher,
}

impl Markup {
    pub fn new() -> Markup {
        let markup = Matcher::one(
            r#"(?xi)
            ^</?(?:a|abbr|article|aside|b|blockquote|br|button|dd|div|dl|dt|dp|em|fb:\w+|figure|figcaption|footer|form|h[1-6]|header|hr|i|iframe|img|input|ins|label|li|link|main|meta|nav|noscript|ol|option|p|picture|script|section|select|source|span|strong|style|svg|table|tbody|td|th|thead|tr|u|ul|video)(?:\s[^<>]*)?/?>
            | ^<!--.*|.*-->$|^<!\[|^\[if\s+(?:lt|lte|gt|gte|!)?\s*ie\b.*|.*<!\[endif\]$|^\?xml\s+version=
            | ^<!doctype\b
            | ^[.\#][a-z][\w-]*(?:\s+[.\#]?[a-z][\w-]*(?:\#\#)?)*$|^\#[\w-]+-\#\#$
            | ^(?:e\s+|/\s+)?[\w.-]+(?:/[\w.-]+)+\.(?:tpl|php|phtml|jsp|aspx?|js|css|html?|twig|erb)(?:\s+\w+)?$
            | ^[\w.-]+\.(?:tpl|tpl\.php)$
            | ^/\d{5,}/\S*$
            | ^\S*\bdata-[\w-]+\s*=\s*["'].*
            | ^(?:var|let|const)\s+[\w$]+\s*=.*;$|^function\s*\w*\s*\(.*|^\(?[\w$]+(?:\.[\w$]+)+\s*(?:=|\().*[;)]$|^\}\)?\(?\)?;?$|^\(adsbygoogle\b.*
            | ^https?://\S+\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?$
            | ^(?:json-ld|end\s+json-ld|schema\.org/\S+(?:\s+metadata)?|/?\s*schema\.org/\w+\s+metadata)$
            | ^(?:mid|oid|hmb):\S+(?:\s+\S+){0,3}$
            | ^generator:\s*adobe\s+illustrator\b.*
            "#,
            false,
        );
        let comment = Matcher::one(
            r"^(?:(?:begin|end|start|fim|inicio|ende)(?: of)?(?: \S+){1,6}|(?:\S+ ){1,6}(?:begin|end|start|starts here|ends here|start here|end here))$",
            false,
        );
        let ad_slot = Matcher::one(
            r"(?i)(?:\bwordpress\s+(?:plugin|themes?)\b|\b(?:adsense|taboola|outbrain|adfox|dfp)\b|(?:^|[^0-9])\d{3}x\d{2,3}\b|\b(?:responsive|native)\s+ad\b|\badv?\s+banner\b)",
            false,
        );
        let number = Matcher::one(r"^[(\[]?\s*[-+−–]?\s*[$€£¥₹]?\s*\d[\d.,:/ ]*\s*[%*]?\s*[)\]]?$", false);
        Markup { markup, comment, ad_slot, number }
    }

    /// Why `line` (trimmed, short) is markup residue, if it is.
    pub fn markup(&self, line: &str, key: &str) -> Option<&'static str> {
        if self.markup.is_match(line) {
            return Some("HTML, CSS, script or template residue");
        }
        if self.comment.is_match(key) && mentions_page_part(line) {
            return Some("the words of an HTML comment (\"… END\")");
        }
        if line.len() <= 160 && self.ad_slot.is_match(line) && !super::shape::ends_sentence(line) {
            return Some("the name of an ad slot or ad widget");
        }
        None
    }

    /// True when `line` is only a number, a price or a percentage.
    pub fn is_number(&self, line: &str) -> bool {
        self.number.is_match(line)
    }
}

/// HTML comments that survive as text name a part of the page.
fn mentions_page_part(line: &str) -> bool {
    const PARTS: &[&str] = &[
        "ad",
        "ads",
        "adv",
        "banner",
        "div",
        "button",
        "buttons",
        "widget",
        "header",
        "footer",
        "form",
        "script",
        "tag",
        "code",
        "module",
        "slot",
        "container",
        "wrapper",
        "sidebar",
        "content",
        "plugin",
        "sdk",
        "pixel",
        "root",
        "nav",
        "menu",
        "post",
        "article",
        "signup",
        "call",
        "main",
        "body",
        "rrssb",
        "addthis",
        "mailchimp",
        "taboola",
        "outbrain",
        "adfox",
        "video",
        "comments",
        "links",
        "items",
        "list",
        "row",
        "gallery",
        "slider",
        "slides",
        "meta",
        "social",
    ];
    line.split(|c: char| !c.is_alphanumeric())
        .any(|w| PARTS.iter().any(|p| w.eq_ignore_ascii_case(p)) || w.starts_with('.') || w.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residue_of_the_page_source() {
        let m = Markup::new();
        for line in [
            "<div class=\"item hosted-video\">",
            "</tr>",
            "<img src=\"\" alt=\"\">",
            ".entry-content",
            "#post-2551586 .article-wrapper",
            "hearst/ads/duplicatable.tpl",
            "e design/gallery/caption_redesign.tpl",
            "data-module-name=\"article.app/lib/module/responsiveAd\"",
            "/21615348328/blog_article_bottom",
            "(adsbygoogle = window.adsbygoogle || []).push({});",
            "[if IE 9]><video",
            "AddThis Button END",
            "END Click Performance content ad",
            "RRSSB start",
            "mid:freeform.92605",
            "Above The Fold Responsive Ad #1",
            "Article Newsnation_Desktop_Mid_AP_728x90",
            "date header, BEGIN",
        ] {
            assert!(m.markup(line, &super::super::shape::key(line)).is_some(), "{line}");
        }
        for line in ["0", "5040", "$1,899.00*", "-5.44%", "(6)", "0 : 0", "1 2 3 4 5 6 7 8"] {
            assert!(m.is_number(line), "{line}");
        }
    }

    #[test]
    fn prose_and_links_stay() {
        let m = Markup::new();
        for line in [
            "<The Palace: Jang Noksu>",
            "http://www.shia-explained.com/my/archives/2364",
            "The end of the war was near.",
            "Start here",
            "The END Fund",
            "He wrote <div> tags by hand for years.",
            "Which native ad units are the most popular?",
            "1. Define early retirement",
            "2018.04.05 ~ OPEN RUN",
        ] {
            assert!(m.markup(line, &super::super::shape::key(line)).is_none() && !m.is_number(line), "{line}");
        }
    }
}
