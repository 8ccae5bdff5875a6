//! Repair plans: the steps that turn a piece of mojibake back into the text
//! its author wrote, as data that can be printed and replayed.

use serde::Serialize;

/// A single-byte code page that text can be re-encoded into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Codepage {
    /// windows-1252 where the five undefined bytes and the C1 controls stand
    /// for themselves, so every character below U+0100 has a byte: the
    /// "sloppy" form in which most mojibake was made.
    Windows1252,
}

impl Codepage {
    /// The name printed in explanations.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Codepage::Windows1252 => "windows-1252",
        }
    }

    /// The byte for `c`, if the code page has one.
    #[must_use]
    pub fn encode_char(self, c: char) -> Option<u8> {
        match self {
            Codepage::Windows1252 => match c as u32 {
                0..=0xFF => Some(c as u8),
                _ => WINDOWS_1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
            },
        }
    }

    /// Encodes all of `text`, or returns `None` if some character has no byte.
    #[must_use]
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        text.chars().map(|c| self.encode_char(c)).collect()
    }
}

/// windows-1252's characters for bytes 0x80..=0x9F; the five bytes it leaves
/// undefined map to the C1 control of the same number.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// One step of a repair plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Step {
    /// Turn the text into bytes with a single-byte code page.
    Encode {
        /// The code page.
        codepage: Codepage,
    },
    /// Put back a byte that was lost: white space stripping turned the
    /// no-break space byte 0xA0 into an ordinary space, or removed it.
    RestoreByte {
        /// Where, in the bytes produced by the previous step.
        at: usize,
        /// The byte put back.
        byte: u8,
        /// Whether it replaces the byte at `at` (true) or is inserted there.
        replace: bool,
    },
    /// Read the bytes as UTF-8.
    DecodeUtf8,
}

impl Step {
    /// The step in words, as `textwash explain` prints it.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Step::Encode { codepage } => format!("encode as {}", codepage.name()),
            Step::RestoreByte { at, byte, replace: true } => {
                format!("restore byte 0x{byte:02X} at byte {at} (it had become a space)")
            }
            Step::RestoreByte { at, byte, replace: false } => {
                format!("restore byte 0x{byte:02X} at byte {at} (it had been stripped)")
            }
            Step::DecodeUtf8 => "decode as UTF-8".to_owned(),
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
    /// The steps are not in an order that can be run (text step on bytes).
    #[error("step {0} expects {1}")]
    Misordered(usize, &'static str),
}

/// Runs `plan` on `text`, as the explanation of a repair promises.
///
/// # Errors
///
/// When a step does not apply to what the previous one produced.
pub fn replay(text: &str, plan: &[Step]) -> Result<String, PlanError> {
    enum Value {
        Text(String),
        Bytes(Vec<u8>),
    }
    let mut value = Value::Text(text.to_owned());
    for (i, step) in plan.iter().enumerate() {
        value = match (step, value) {
            (Step::Encode { codepage }, Value::Text(t)) => {
                let mut bytes = Vec::with_capacity(t.len());
                for c in t.chars() {
                    bytes.push(codepage.encode_char(c).ok_or(PlanError::Unencodable(c, codepage.name()))?);
                }
                Value::Bytes(bytes)
            }
            (Step::RestoreByte { at, byte, replace }, Value::Bytes(mut b)) => {
                if *at > b.len() || (*replace && *at == b.len()) {
                    return Err(PlanError::Misordered(i, "a byte position inside the bytes"));
                }
                if *replace {
                    b[*at] = *byte;
                } else {
                    b.insert(*at, *byte);
                }
                Value::Bytes(b)
            }
            (Step::DecodeUtf8, Value::Bytes(b)) => Value::Text(String::from_utf8(b).map_err(|_| PlanError::NotUtf8)?),
            (Step::Encode { .. }, Value::Bytes(_)) => return Err(PlanError::Misordered(i, "text")),
            (_, Value::Text(_)) => return Err(PlanError::Misordered(i, "bytes")),
        };
    }
    match value {
        Value::Text(t) => Ok(t),
        Value::Bytes(_) => Err(PlanError::Misordered(plan.len(), "a final decode step")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_covers_every_byte_once() {
        let mut seen = [false; 256];
        for c in (0u32..0x100).filter_map(char::from_u32).chain(WINDOWS_1252_HIGH) {
            let b = Codepage::Windows1252.encode_char(c).expect("encodable");
            if !(0x80..0xA0).contains(&b) || !c.is_control() || WINDOWS_1252_HIGH.contains(&c) {
                seen[b as usize] = true;
            }
        }
        assert!(seen.iter().all(|&s| s));
        // The high table agrees with encoding_rs's windows-1252.
        for (i, &c) in WINDOWS_1252_HIGH.iter().enumerate() {
            let byte = [0x80 + i as u8];
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            assert_eq!(decoded.chars().next(), Some(c));
        }
    }

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
}
