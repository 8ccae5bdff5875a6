//! Repair plans: the steps that turn a piece of mojibake back into the text
//! its author wrote, as data that can be printed and replayed.
//!
//! A plan runs on the `before` of a [`Change`](crate::Change) and must give
//! its `after` exactly ([`replay`]); the tests hold every repair to that. A
//! value passes through the steps as text or as bytes: `encode` turns text
//! into bytes, `decode` turns bytes back into text, the byte steps edit
//! bytes, and `within` runs a nested plan on part of the text.

use std::borrow::Cow;
use std::sync::LazyLock;

use serde::Serialize;

pub use super::codepage::Codepage;

/// A plan as a change carries it. A dump of mojibake makes one change per
/// broken word, and nearly all of them have the same two steps ("encode as
/// windows-1252; decode as UTF-8"): those are borrowed from a table
/// ([`read_as_utf8`]) instead of allocated for each change.
pub type Plan = Cow<'static, [Step]>;

/// The plan "encode as `cp`, decode as UTF-8", without allocating.
pub(super) fn read_as_utf8(cp: Codepage) -> Plan {
    static PLANS: LazyLock<Vec<[Step; 2]>> = LazyLock::new(|| {
        Codepage::ALL.into_iter().map(|cp| [Step::Encode { codepage: cp }, Step::DecodeUtf8]).collect()
    });
    Cow::Borrowed(&PLANS[cp.index()])
}

/// One step of a repair plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Step {
    /// Text to bytes with a single-byte code page. A U+FFFD, which a strict
    /// decoder left where it met a byte it had no character for, becomes
    /// byte 0x1A (SUBSTITUTE), so that a later `replace-lost` can find it.
    Encode {
        /// The code page.
        codepage: Codepage,
    },
    /// Bytes to text with a single-byte code page.
    Decode {
        /// The code page.
        codepage: Codepage,
    },
    /// Bytes to text as UTF-8 (also reading the six-byte surrogate pairs
    /// that CESU-8 and Java wrote for characters beyond U+FFFF).
    DecodeUtf8,
    /// Put back a byte 0xA0 that white-space handling turned into a space
    /// (`replace`) or removed.
    RestoreByte {
        /// Where, in the bytes as they are before this step.
        at: usize,
        /// The byte put back.
        byte: u8,
        /// Whether it replaces the byte at `at` (true) or is inserted there.
        replace: bool,
    },
    /// Bytes `at..at + len` are a UTF-8 sequence that lost a byte (dropped,
    /// or replaced by U+FFFD or "?" when it was first decoded): write the
    /// UTF-8 bytes of U+FFFD in their place, where the lost character was.
    ReplaceLost {
        /// Where, in the bytes as they are before this step.
        at: usize,
        /// How many bytes the damaged sequence has left.
        len: usize,
    },
    /// Replace HTML character references (`&amp;`, `&#233;`) in the text by
    /// the characters they stand for.
    UnescapeHtml,
    /// Remove the characters that carry no text (C0 controls other than
    /// tab, DEL, zero-width space, word joiner, byte-order mark) from inside
    /// the damaged text. Repair judges text without them, as the normalize
    /// stage will leave it, and a repair that spans one drops it.
    RemoveInvisible,
    /// Remove what the normalize stage removes from inside a line (the
    /// invisible characters and C1 controls, see [`super::settles_away`],
    /// and the soft hyphens at these byte offsets) and compose the
    /// rest into Unicode NFC: the repair was judged on the text as normalize
    /// will leave it, since that can be mojibake too ("Â\u{90}´" is "Â´",
    /// "A" + U+0303 + "©" is "Ã©").
    Settle { soft_hyphens: Vec<usize> },
    /// Run `steps` on bytes `start..end` of the text only.
    Within {
        /// First byte of the part.
        start: usize,
        /// One past its last byte.
        end: usize,
        /// The plan for that part.
        steps: Vec<Step>,
    },
}

impl Step {
    /// The step in words, as `textwash explain` prints it.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Step::Encode { codepage } => format!("encode as {}", codepage.name()),
            Step::Decode { codepage } => format!("decode as {}", codepage.name()),
            Step::DecodeUtf8 => "decode as UTF-8".to_owned(),
            Step::RestoreByte { at, byte, replace: true } => {
                format!("restore byte 0x{byte:02X} at byte {at} (it had become a space)")
            }
            Step::RestoreByte { at, byte, replace: false } => {
                format!("restore byte 0x{byte:02X} at byte {at} (it had been stripped)")
            }
            Step::ReplaceLost { at, len } => {
                format!("mark the character at bytes {at}..{} as lost (U+FFFD): it lost a byte", at + len)
            }
            Step::UnescapeHtml => "unescape HTML character references".to_owned(),
            Step::Settle { soft_hyphens } if soft_hyphens.is_empty() => {
                "remove controls and invisible characters, and compose (NFC), as normalize will".to_owned()
            }
            Step::Settle { soft_hyphens } => {
                let at: Vec<String> = soft_hyphens.iter().map(usize::to_string).collect();
                format!(
                    "remove controls, invisible characters and the soft hyphens at bytes {}, and compose (NFC), as normalize will",
                    at.join(", ")
                )
            }
            Step::RemoveInvisible => "remove the invisible characters (controls, zero-width spaces, BOMs)".to_owned(),
            Step::Within { start, end, steps } => {
                let inner: Vec<String> = steps.iter().map(Step::describe).collect();
                format!("in bytes {start}..{end} [{}]", inner.join(", then "))
            }
        }
    }
}

/// Why a plan could not be replayed on a text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// A character has no byte in the code page.
    #[error("{0:?} cannot be encoded as {1}")]
    Unencodable(char, &'static str),
    /// The bytes are not valid UTF-8.
    #[error("the bytes are not valid UTF-8")]
    NotUtf8,
    /// A position in a step is outside the value or not on a boundary.
    #[error("step {0} points outside the value")]
    OutOfRange(usize),
    /// The steps are not in an order that can be run (text step on bytes).
    #[error("step {0} expects {1}")]
    Misordered(usize, &'static str),
}

enum Value {
    Text(String),
    Bytes(Vec<u8>),
}

/// Runs `plan` on `text`, as the explanation of a repair promises.
///
/// # Errors
///
/// When a step does not apply to what the previous one produced.
pub fn replay(text: &str, plan: &[Step]) -> Result<String, PlanError> {
    let mut value = Value::Text(text.to_owned());
    for (i, step) in plan.iter().enumerate() {
        value = run(i, step, value)?;
    }
    match value {
        Value::Text(t) => Ok(t),
        Value::Bytes(_) => Err(PlanError::Misordered(plan.len(), "a final decode step")),
    }
}

fn run(i: usize, step: &Step, value: Value) -> Result<Value, PlanError> {
    Ok(match (step, value) {
        (Step::Encode { codepage }, Value::Text(t)) => {
            let mut bytes = Vec::with_capacity(t.len());
            for c in t.chars() {
                let b = if c == '\u{FFFD}' { Some(0x1A) } else { codepage.encode_char(c) };
                bytes.push(b.ok_or(PlanError::Unencodable(c, codepage.name()))?);
            }
            Value::Bytes(bytes)
        }
        (Step::Decode { codepage }, Value::Bytes(b)) => Value::Text(codepage.decode(&b)),
        (Step::DecodeUtf8, Value::Bytes(b)) => Value::Text(decode_utf8(&b).ok_or(PlanError::NotUtf8)?),
        (Step::RestoreByte { at, byte, replace }, Value::Bytes(mut b)) => {
            if *at > b.len() || (*replace && *at == b.len()) {
                return Err(PlanError::OutOfRange(i));
            }
            if *replace {
                b[*at] = *byte;
            } else {
                b.insert(*at, *byte);
            }
            Value::Bytes(b)
        }
        (Step::ReplaceLost { at, len }, Value::Bytes(mut b)) => {
            if at.checked_add(*len).is_none_or(|end| end > b.len()) {
                return Err(PlanError::OutOfRange(i));
            }
            b.splice(*at..at + len, "\u{FFFD}".bytes());
            Value::Bytes(b)
        }
        (Step::UnescapeHtml, Value::Text(t)) => Value::Text(super::entities::unescape(&t)),
        (Step::Settle { soft_hyphens }, Value::Text(t)) => {
            use unicode_normalization::UnicodeNormalization;
            if soft_hyphens.iter().any(|&at| t.get(at..).is_none_or(|rest| !rest.starts_with('\u{ad}'))) {
                return Err(PlanError::OutOfRange(i));
            }
            let kept = t.char_indices().filter(|&(at, c)| !super::settles_away(c) && !soft_hyphens.contains(&at));
            Value::Text(kept.map(|(_, c)| c).nfc().collect())
        }
        (Step::RemoveInvisible, Value::Text(t)) => {
            Value::Text(t.chars().filter(|&c| !super::is_invisible(c)).collect())
        }
        (Step::Within { start, end, steps }, Value::Text(t)) => {
            let part = t.get(*start..*end).ok_or(PlanError::OutOfRange(i))?;
            let done = replay(part, steps)?;
            Value::Text(format!("{}{done}{}", &t[..*start], &t[*end..]))
        }
        (
            Step::Encode { .. }
            | Step::UnescapeHtml
            | Step::RemoveInvisible
            | Step::Settle { .. }
            | Step::Within { .. },
            Value::Bytes(_),
        ) => {
            return Err(PlanError::Misordered(i, "text"));
        }
        (_, Value::Text(_)) => return Err(PlanError::Misordered(i, "bytes")),
    })
}

/// Strict UTF-8, plus CESU-8 surrogate pairs (ED A0..AF xx ED B0..BF xx).
pub(super) fn decode_utf8(bytes: &[u8]) -> Option<String> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_owned());
    }
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match std::str::from_utf8(&bytes[i..]) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                out.push_str(std::str::from_utf8(&bytes[i..i + valid]).expect("valid prefix"));
                i += valid;
                out.push(cesu_pair(&bytes[i..])?);
                i += 6;
            }
        }
    }
    Some(out)
}

/// The character of a CESU-8 surrogate pair at the start of `b`.
pub(super) fn cesu_pair(b: &[u8]) -> Option<char> {
    match b {
        [0xED, h1 @ 0xA0..=0xAF, h2 @ 0x80..=0xBF, 0xED, l1 @ 0xB0..=0xBF, l2 @ 0x80..=0xBF, ..] => {
            let high = 0xD000 | (u32::from(h1 & 0x3F) << 6) | u32::from(h2 & 0x3F);
            let low = 0xD000 | (u32::from(l1 & 0x3F) << 6) | u32::from(l2 & 0x3F);
            char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_runs_encode_restore_decode() {
        let plan = [
            Step::Encode { codepage: Codepage::Windows1252 },
            Step::RestoreByte { at: 7, byte: 0xA0, replace: false },
            Step::DecodeUtf8,
        ];
        assert_eq!(replay("Miami.Â", &plan).unwrap(), "Miami.\u{a0}");
        assert_eq!(replay("caf\u{e9}", &plan[2..]), Err(PlanError::Misordered(0, "bytes")));
    }

    #[test]
    fn lost_bytes_become_one_replacement_character() {
        let plan =
            [Step::Encode { codepage: Codepage::Windows1252 }, Step::ReplaceLost { at: 1, len: 3 }, Step::DecodeUtf8];
        assert_eq!(replay("x", &plan[..1]), Err(PlanError::Misordered(1, "a final decode step")));
        assert_eq!(replay("xâ€\u{FFFD}", &plan).unwrap(), "x\u{FFFD}");
    }

    #[test]
    fn within_runs_on_a_part() {
        let plan = [Step::Within {
            start: 2,
            end: 6,
            steps: vec![Step::Encode { codepage: Codepage::Windows1252 }, Step::DecodeUtf8],
        }];
        assert_eq!(replay("a Ã© b", &plan).unwrap(), "a é b");
        assert_eq!(replay("a", &plan), Err(PlanError::OutOfRange(0)));
    }

    #[test]
    fn cesu_surrogate_pairs_decode() {
        assert_eq!(decode_utf8(&[0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x8D]).as_deref(), Some("😍"));
        assert_eq!(decode_utf8(&[0xED, 0xA0, 0xBD]), None);
    }
}
