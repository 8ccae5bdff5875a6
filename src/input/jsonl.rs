//! JSON Lines records: clean one string field, keep every other byte.
//!
//! A record is never re-serialised as a whole. The field's value is located
//! in the line, cleaned, and spliced back, so other fields, key order, number
//! formatting, escapes and white space come out byte for byte as they went in.
//! Only a changed value is re-escaped (as serde_json writes strings: UTF-8,
//! with `"`, `\` and control characters escaped).

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Why a record was passed through without cleaning.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// The line is not one JSON value (syntax error or trailing characters).
    #[error("not valid JSON: {0}")]
    Json(String),
    /// The line is JSON but not an object.
    #[error("not a JSON object")]
    NotObject,
    /// The field is absent or null.
    #[error("no field {0:?} (or it is null)")]
    MissingField(String),
    /// The field holds something other than a string.
    #[error("field {field:?} is {kind}, not a string")]
    NotString {
        /// The field name.
        field: String,
        /// What it holds: "a number", "an array", ...
        kind: &'static str,
    },
    /// The field occurs twice in the object.
    #[error("field {0:?} occurs more than once")]
    DuplicateField(String),
}

/// The located string field of one record.
#[derive(Debug)]
pub struct Field<'a> {
    /// Byte range of the JSON string literal (quotes included) in the line.
    pub span: Range<usize>,
    /// The decoded string value.
    pub value: Cow<'a, str>,
}

/// Finds `field` in `line`, one JSON object.
///
/// # Errors
///
/// When the line is not a JSON object or the field is missing, null, not a
/// string, or repeated.
pub fn find_field<'a>(line: &'a str, field: &str) -> Result<Field<'a>, RecordError> {
    let mut de = serde_json::Deserializer::from_str(line);
    let found = FieldSeed { field }.deserialize(&mut de).map_err(|e| match e.classify() {
        serde_json::error::Category::Data if e.to_string().starts_with("not an object") => RecordError::NotObject,
        _ => RecordError::Json(e.to_string()),
    })?;
    de.end().map_err(|e| RecordError::Json(e.to_string()))?;
    let raw = match found {
        Found::Once(raw) => raw,
        Found::Missing => return Err(RecordError::MissingField(field.to_owned())),
        Found::Twice => return Err(RecordError::DuplicateField(field.to_owned())),
    };
    let text = raw.get();
    let start = text.as_ptr() as usize - line.as_ptr() as usize;
    let span = start..start + text.len();
    let kind = match text.as_bytes()[0] {
        b'"' => None,
        b'n' => return Err(RecordError::MissingField(field.to_owned())),
        b'{' => Some("an object"),
        b'[' => Some("an array"),
        b't' | b'f' => Some("a boolean"),
        _ => Some("a number"),
    };
    if let Some(kind) = kind {
        return Err(RecordError::NotString { field: field.to_owned(), kind });
    }
    // Borrow when the literal has no escapes (the parser has validated it);
    // unescape only when it has.
    let value = match memchr::memchr(b'\\', text.as_bytes()) {
        None => Cow::Borrowed(&text[1..text.len() - 1]),
        Some(_) => Cow::Owned(serde_json::from_str::<String>(text).map_err(|e| RecordError::Json(e.to_string()))?),
    };
    Ok(Field { span, value })
}

/// Writes `line` with the string literal at `span` replaced by `value`.
#[must_use]
pub fn splice(line: &str, span: Range<usize>, value: &str) -> String {
    let literal = serde_json::to_string(value).expect("a string always serialises");
    let mut out = String::with_capacity(line.len() - span.len() + literal.len());
    out.push_str(&line[..span.start]);
    out.push_str(&literal);
    out.push_str(&line[span.end..]);
    out
}

enum Found<'de> {
    Missing,
    Once(&'de RawValue),
    Twice,
}

/// Walks one object, keeping only the raw value of the wanted field.
struct FieldSeed<'f> {
    field: &'f str,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Found<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Found<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = Found<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found<'de>, A::Error> {
        let mut found = Found::Missing;
        while let Some(is_field) = map.next_key_seed(KeyIs(self.field))? {
            if is_field {
                let raw: &'de RawValue = map.next_value()?;
                found = match found {
                    Found::Missing => Found::Once(raw),
                    _ => Found::Twice,
                };
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Found<'de>, A::Error> {
        Err(de::Error::custom("not an object"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Found<'de>, E> {
        Err(E::custom("not an object"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Found<'de>, E> {
        Err(E::custom("not an object"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Found<'de>, E> {
        Err(E::custom("not an object"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Found<'de>, E> {
        Err(E::custom("not an object"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Found<'de>, E> {
        Err(E::custom("not an object"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Found<'de>, E> {
        Err(E::custom("not an object"))
    }
}

/// Compares a key with the wanted field name without allocating.
struct KeyIs<'f>(&'f str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyIs<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field_and_splices_without_touching_the_rest() {
        let line = r#"{"id": 7, "text":"caf\u00e9 Ã©t\u00e9", "n": 1.50, "tags":["a"]}"#;
        let field = find_field(line, "text").unwrap();
        assert_eq!(field.value, "café Ã©té");
        assert_eq!(&line[field.span.clone()], r#""caf\u00e9 Ã©t\u00e9""#);
        assert_eq!(splice(line, field.span, "café été"), r#"{"id": 7, "text":"café été", "n": 1.50, "tags":["a"]}"#);
    }

    #[test]
    fn explains_what_is_wrong_with_a_record() {
        assert!(matches!(find_field(r#"{"text": "a"} x"#, "text"), Err(RecordError::Json(_))));
        assert!(matches!(find_field(r#"{"text": "a""#, "text"), Err(RecordError::Json(_))));
        assert_eq!(find_field("[1, 2]", "text").unwrap_err(), RecordError::NotObject);
        assert_eq!(find_field(r#"{"body": "a"}"#, "text").unwrap_err(), RecordError::MissingField("text".into()));
        assert_eq!(find_field(r#"{"text": null}"#, "text").unwrap_err(), RecordError::MissingField("text".into()));
        assert!(matches!(find_field(r#"{"text": 3}"#, "text"), Err(RecordError::NotString { kind: "a number", .. })));
        assert_eq!(
            find_field(r#"{"text": "a", "text": "b"}"#, "text").unwrap_err(),
            RecordError::DuplicateField("text".into())
        );
    }

    #[test]
    fn escaped_keys_are_compared_after_unescaping() {
        let field = find_field(r#"{"te\u0078t": "x"}"#, "text").unwrap();
        assert_eq!(field.value, "x");
    }
}
