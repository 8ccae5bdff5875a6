//! HTML character references left in plain text (`&amp;`, `&eacute;`,
//! `&#8217;`): text that was escaped for HTML and then had its markup
//! stripped without being unescaped.
//!
//! Only complete references are read: a name from the HTML 4 list (and
//! `apos`) or a decimal or hexadecimal number, always closed by ";". Numeric
//! references to 0x80..=0x9F mean windows-1252 characters, as in browsers;
//! references to controls, surrogates or nothing at all are left alone.

use unicode_normalization::char::is_combining_mark;

use super::codepage::Codepage;
use super::tables::HTML_ENTITIES;

/// Whether `text` contains markup: a "<" followed by a letter, "/", "!" or
/// "?". In such text "&amp;" is how a literal "&" is written, so references
/// are part of the format, not damage. Invisible characters after the "<"
/// are looked past, as everywhere in repair (see [`super::is_invisible`]).
/// A letter carrying a combining mark is no tag name: it composes into a
/// letter outside ASCII ("A" + U+0302 is "Â"), which repair may change, and
/// the text would then read as markup-free on a second run.
pub(super) fn has_markup(text: &str) -> bool {
    memchr::memchr_iter(b'<', text.as_bytes()).any(|i| {
        let mut visible = text[i + 1..].chars().filter(|&c| !super::is_invisible(c));
        match (visible.next(), visible.next()) {
            (Some(c), next) if c.is_ascii_alphabetic() => !next.is_some_and(is_combining_mark),
            (Some(c), _) => matches!(c, '/' | '!' | '?'),
            (None, _) => false,
        }
    })
}

/// The reference starting at byte `i` of `text` (which holds "&"): its
/// length and character.
pub(super) fn reference_at(text: &str, i: usize) -> Option<(usize, char)> {
    let rest = &text.as_bytes()[i + 1..];
    let semi = rest.iter().take(33).position(|&b| b == b';')?;
    let body = &text[i + 1..i + 1 + semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.len() <= 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            Some(_) => return None,
            None if !num.is_empty() && num.len() <= 7 && num.bytes().all(|b| b.is_ascii_digit()) => num.parse().ok()?,
            None => return None,
        };
        match value {
            0x80..=0x9F => Codepage::Windows1252.decode_byte(u8::try_from(value).ok()?),
            v => char::from_u32(v)?,
        }
    } else {
        let at = HTML_ENTITIES.binary_search_by_key(&body, |(name, _)| name).ok()?;
        HTML_ENTITIES[at].1
    };
    (!c.is_control()).then_some((semi + 2, c))
}

/// `text` with every reference replaced by its character.
pub(super) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for i in memchr::memchr_iter(b'&', text.as_bytes()) {
        if i < pos {
            continue;
        }
        if let Some((len, c)) = reference_at(text, i) {
            out.push_str(&text[pos..i]);
            out.push(c);
            pos = i + len;
        }
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read() {
        assert_eq!(unescape("Fish &amp; chips &eacute;t&eacute; &#8217; &#x2014; &#150;"), "Fish & chips été ’ — –");
        assert_eq!(unescape("AT&T; a &b c; &#0; &#xD800; &nosuch; &amp"), "AT&T; a &b c; &#0; &#xD800; &nosuch; &amp");
        assert_eq!(unescape("&amp;amp;"), "&amp;");
    }

    #[test]
    fn markup_is_recognised() {
        assert!(has_markup("<p>Fish &amp; chips</p>"));
        assert!(has_markup("a <br/> b"));
        assert!(!has_markup("x < 3 and y <= 4"));
        // The control goes in normalize; the decision must not change then.
        assert!(has_markup("<\u{1}p>Fish"));
        // "<" + "A" + U+0302 is "<Â" once composed: not a tag.
        assert!(!has_markup("&<A\u{302}\u{1}"));
        assert!(has_markup("<a\u{1}>"));
    }
}
