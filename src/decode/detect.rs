//! Guessing a legacy encoding: chardetng, fed the parts of the document that
//! carry evidence, then a refinement for two encodings it does not know.

use std::borrow::Cow;

use encoding_rs::{
    Encoding, ISO_8859_2, ISO_8859_7, ISO_8859_15, ISO_8859_16, WINDOWS_1250, WINDOWS_1251, WINDOWS_1252, WINDOWS_1253,
    X_MAC_CYRILLIC,
};

/// How many bytes of a long document chardetng is given. Its guess settles
/// long before that (it needs a few hundred non-ASCII characters), and it
/// reads about 12 MB/s: 256 KB cost 20 ms, ten times what decoding costs.
pub(super) const BUDGET: usize = 256 * 1024;

/// Pieces longer than this are cut (at a space) before being fed.
const PIECE: usize = 16 * 1024;

/// Fewer bytes above 0x7F than this are too little to judge an encoding by:
/// a guess from them is reported as unsure. (chardetng's own flag,
/// `guess_assess`, is true for every guess in version 0.1.)
pub(super) const MIN_EVIDENCE: usize = 8;

/// A guess: the encoding, how many bytes above 0x7F it was judged by,
/// whether chardetng was sure, and, when a refinement overruled chardetng,
/// its answer and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Guess {
    pub encoding: &'static Encoding,
    pub evidence: usize,
    pub chardetng_sure: bool,
    pub overruled: Option<(&'static Encoding, &'static str)>,
}

impl Guess {
    /// Whether the guess stands on enough evidence.
    pub fn sure(&self) -> bool {
        self.chardetng_sure && self.evidence >= MIN_EVIDENCE
    }

    /// How the encoding was found, for the change record: "detected",
    /// "detected, unsure: ...", or what was overruled and why.
    pub fn describe(&self) -> String {
        let mut how = String::from("detected");
        if let Some((said, why)) = self.overruled {
            how.push_str(&format!(": chardetng said {}, but {why}", said.name()));
        }
        if !self.chardetng_sure {
            how.push_str(", unsure: chardetng found no strong evidence");
        } else if self.evidence < MIN_EVIDENCE {
            let s = if self.evidence == 1 { "" } else { "s" };
            how.push_str(&format!(", unsure: only {} byte{s} above 0x7F to go on", self.evidence));
        }
        how
    }
}

/// Guesses the encoding of `bytes`, which are not UTF-8.
pub(super) fn guess(bytes: &[u8]) -> Guess {
    let sample = sample(bytes);
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&sample, true);
    let (encoding, chardetng_sure) = detector.guess_assess(None, false);
    let evidence = sample.iter().filter(|&&b| b >= 0x80).count();
    let refined = iso_8859_variant(encoding, &sample)
        .or_else(|| mac_cyrillic(encoding, &sample))
        .or_else(|| latin_after_all(encoding, &sample));
    match refined {
        Some((better, why)) => Guess { encoding: better, evidence, chardetng_sure, overruled: Some((encoding, why)) },
        None => Guess { encoding, evidence, chardetng_sure, overruled: None },
    }
}

/// What chardetng (and the refinements after it) are given. A document
/// within [`BUDGET`] is given whole. Of a longer one, only the lines that
/// carry evidence (a byte above 0x7F, or the escape that starts ISO-2022-JP),
/// until the budget is spent: an ASCII-only prefix, however long, cannot
/// decide, and a 1 GB file costs no more than a 256 KB one.
///
/// Pieces end at a line break or a space, bytes that no ASCII-compatible
/// encoding uses inside a multi-byte character, so the pieces put together
/// read like the document with some lines left out.
fn sample(bytes: &[u8]) -> Cow<'_, [u8]> {
    if bytes.len() <= BUDGET {
        return Cow::Borrowed(bytes);
    }
    let mut sample = Vec::with_capacity(BUDGET + PIECE);
    for piece in pieces(bytes) {
        if sample.len() >= BUDGET {
            break;
        }
        if piece.iter().any(|&b| b >= 0x80 || b == 0x1b) {
            sample.extend_from_slice(piece);
        }
    }
    Cow::Owned(sample)
}

/// `bytes` cut after each line break, and long lines cut near every
/// [`PIECE`] bytes: after a space, else after a byte below 0x40 (never the
/// second byte of a Shift_JIS, GBK, Big5 or EUC character), else anywhere.
fn pieces(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let window = &rest[..rest.len().min(PIECE)];
        let end = match memchr::memchr(b'\n', window) {
            Some(i) => i + 1,
            None if window.len() < rest.len() => memchr::memrchr(b' ', window)
                .or_else(|| window.iter().rposition(|&b| b < 0x40))
                .map_or(window.len(), |i| i + 1),
            None => window.len(),
        };
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// Three encodings chardetng never returns, because browsers never needed
/// them: ISO-8859-15 (which it reads as windows-1252), ISO-8859-16
/// (Romanian, which it reads as windows-1250 or ISO-8859-2) and the 2003
/// ISO-8859-7 with its euro sign (which it reads as windows-1253). Their
/// bytes differ from chardetng's answer at a few positions only; where those
/// bytes stand in a context that makes sense only in the ISO encoding, and
/// no byte uses the 0x80–0x9F range (C1 controls in ISO-8859, printable in
/// windows-125x), the ISO encoding is taken.
fn iso_8859_variant(encoding: &'static Encoding, bytes: &[u8]) -> Option<(&'static Encoding, &'static str)> {
    let (candidate, why) = if encoding == WINDOWS_1252 {
        (ISO_8859_15, "€ Š š Ž ž Œ œ Ÿ where windows-1252 has ¤ ¦ ¨ ´ ¸ ¼ ½ ¾ say ISO-8859-15")
    } else if encoding == WINDOWS_1250 || encoding == ISO_8859_2 {
        (ISO_8859_16, "„ ” and € where it has other letters say ISO-8859-16")
    } else if encoding == WINDOWS_1253 {
        (ISO_8859_7, "€ where windows-1253 has ¤ says ISO-8859-7")
    } else {
        return None;
    };
    if bytes.iter().any(|b| (0x80..0xa0).contains(b)) {
        return None;
    }
    let letter = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || b >= 0xc0);
    // After C2–DF, a byte in A0–BF is the second half of a UTF-8 character
    // (mojibake for repair to judge), not evidence.
    let utf8_lead = |b: Option<u8>| b.is_some_and(|b| (0xc2..=0xdf).contains(&b));
    let mut score = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 1).copied();
        score += match (b, candidate) {
            // € next to an amount: ¤ is a sign no one writes.
            (0xa4, _) if !letter(before) && !letter(after) => 2,
            // Š š ž Œ œ Ÿ inside or at the start of a word, where
            // windows-1252 has ¦ ¨ ¸ ¼ ½ ¾; fractions next to digits are not.
            (0xa6 | 0xa8 | 0xb8 | 0xbc | 0xbd | 0xbe, c)
                if c == ISO_8859_15
                    && letter(after)
                    && !utf8_lead(before)
                    && (letter(before) || before == Some(b' ')) =>
            {
                2
            }
            (0xbc..=0xbe, c) if c == ISO_8859_15 && before.is_some_and(|b| b.is_ascii_digit()) => -2,
            // „ before a word and ” after one (Ą µ in windows-1250, Ľ ľ in
            // ISO-8859-2).
            (0xa5, c) if c == ISO_8859_16 && letter(after) && !letter(before) => 1,
            (0xb5, c) if c == ISO_8859_16 && letter(before) && !letter(after) => 1,
            _ => 0,
        };
    }
    (score >= 2).then_some((candidate, why))
}

/// x-mac-cyrillic, which chardetng no longer detects, shares its lower-case
/// letters with windows-1251 but puts the capitals А–Я at 0x80–0x9F (where
/// windows-1251 has punctuation) and я at 0xDF (Я in windows-1251), so
/// chardetng reads it as windows-1251 or, put off by the capitals, as
/// windows-1252. Words of non-ASCII bytes (Cyrillic, not accented Latin)
/// with capitals from 0x80–0x9F at their start and 0xDF inside say
/// x-mac-cyrillic; windows-1251 capitals (0xC0–0xDE) at the start of words
/// say otherwise.
fn mac_cyrillic(encoding: &'static Encoding, bytes: &[u8]) -> Option<(&'static Encoding, &'static str)> {
    if encoding != WINDOWS_1251 && encoding != WINDOWS_1252 {
        return None;
    }
    let (mut non_ascii, mut runs, mut score) = (0usize, 0usize, 0i32);
    let lower = |b: Option<u8>| b.is_some_and(|b| b >= 0xe0 && b != 0xff);
    let word_start = |b: Option<u8>| b.is_none_or(|b| b.is_ascii_whitespace() || b.is_ascii_punctuation());
    for (i, &b) in bytes.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 1).copied();
        if b >= 0x80 {
            non_ascii += 1;
            runs += usize::from(before.is_none_or(|b| b < 0x80));
        }
        score += match b {
            0x80..=0x9f if word_start(before) && lower(after) => 1,
            0xdf if lower(before) && lower(after) => 1,
            0xc0..=0xde if word_start(before) && lower(after) => -1,
            _ => 0,
        };
    }
    // Cyrillic words are runs of non-ASCII bytes; accented Latin letters
    // stand one or two at a time among ASCII ones.
    (runs > 0 && non_ascii >= 3 * runs && score >= 2)
        .then_some((X_MAC_CYRILLIC, "capitals at 0x80–0x9F and я at 0xDF say x-mac-cyrillic"))
}

/// chardetng sometimes reads a short Latin text with a few windows-1252
/// characters (’ € “) as Cyrillic, Greek, Hebrew or Arabic, whose letters sit
/// on those bytes (IBM866 reads "mezz’ora" as "mezzТora"). When the guess is
/// such an encoding but its letters are under a tenth of the text's letters,
/// and windows-1252 reads every non-ASCII byte as a lone accented letter or
/// common punctuation, the text is Latin after all.
fn latin_after_all(encoding: &'static Encoding, bytes: &[u8]) -> Option<(&'static Encoding, &'static str)> {
    const NON_LATIN: &[&Encoding] = &[
        encoding_rs::WINDOWS_1251,
        encoding_rs::KOI8_U,
        encoding_rs::KOI8_R,
        encoding_rs::IBM866,
        encoding_rs::ISO_8859_5,
        encoding_rs::X_MAC_CYRILLIC,
        WINDOWS_1253,
        ISO_8859_7,
        encoding_rs::WINDOWS_1255,
        encoding_rs::ISO_8859_8,
        encoding_rs::ISO_8859_8_I,
        encoding_rs::WINDOWS_1256,
        encoding_rs::ISO_8859_6,
        encoding_rs::WINDOWS_874,
    ];
    if !NON_LATIN.contains(&encoding) {
        return None;
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let (ascii, other) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0usize, 0usize), |(a, o), c| if c.is_ascii() { (a + 1, o) } else { (a, o + 1) });
    if other * 10 >= ascii + other {
        return None;
    }
    let (latin, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    let mut previous_accented = false;
    for c in latin.chars().filter(|c| !c.is_ascii()) {
        let accented = c.is_alphabetic();
        let punctuation = matches!(
            c,
            '\u{a0}'
                | '’'
                | '‘'
                | '“'
                | '”'
                | '„'
                | '‚'
                | '–'
                | '—'
                | '…'
                | '€'
                | '£'
                | '°'
                | '«'
                | '»'
                | '·'
                | '•'
                | '©'
                | '®'
                | '™'
                | '¡'
                | '¿'
                | '§'
                | '½'
                | '¼'
                | '¾'
                | '×'
        );
        if !(accented || punctuation) || (accented && previous_accented) {
            return None;
        }
        previous_accented = accented;
    }
    Some((WINDOWS_1252, "the text is Latin, and windows-1252 reads its few other bytes as accents and punctuation"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    #[test]
    fn an_ascii_prefix_does_not_decide_a_long_document() {
        let mut bytes = "The quick brown fox jumps over the lazy dog.\n".repeat(10_000).into_bytes();
        assert!(bytes.len() > BUDGET);
        bytes.extend(encode(
            encoding_rs::KOI8_U,
            "Правительство объявило о новых мерах поддержки экономики и бизнеса.\n",
        ));
        assert_eq!(guess(&bytes).encoding, encoding_rs::KOI8_U);
    }

    #[test]
    fn pieces_cover_everything_and_end_at_breaks() {
        let mut text = "a line\n".repeat(10);
        text.push_str(&"word ".repeat(10_000));
        let pieces: Vec<&[u8]> = pieces(text.as_bytes()).collect();
        assert_eq!(pieces.concat(), text.as_bytes());
        assert!(pieces.iter().all(|p| p.len() <= PIECE && matches!(p.last(), Some(b'\n' | b' '))));
        // A long line of Chinese without spaces is cut after an ASCII digit,
        // never inside a character.
        let chinese = encode(encoding_rs::GBK, &"杭州市有外卖骑手22万名。".repeat(2000));
        let cut: Vec<&[u8]> = super::pieces(&chinese).collect();
        assert!(cut.len() > 1);
        assert!(cut.iter().all(|p| encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(p).is_some()));
    }

    #[test]
    fn euro_and_oe_mean_iso_8859_15() {
        let bytes = encode(ISO_8859_15, "Le cœur de l'œuvre coûte 12 € à Noël.");
        assert_eq!(guess(&bytes).encoding, ISO_8859_15);
        let bytes = encode(WINDOWS_1252, "Add ½ cup of flour and 1½ cups of milk; it costs 3 ¤.");
        assert_eq!(iso_8859_variant(WINDOWS_1252, &bytes), None);
    }

    #[test]
    fn little_evidence_is_reported_as_unsure() {
        let few = guess(&encode(WINDOWS_1252, "Caf\u{e9} au lait"));
        assert_eq!((few.encoding, few.sure()), (WINDOWS_1252, false));
        assert_eq!(few.describe(), "detected, unsure: only 1 byte above 0x7F to go on");
        let many = guess(&encode(encoding_rs::WINDOWS_1251, "Правительство объявило о мерах"));
        assert_eq!((many.sure(), many.describe().as_str()), (true, "detected"));
    }

    #[test]
    fn greek_with_a_euro_sign_is_iso_8859_7() {
        let bytes = encode(ISO_8859_7, "Το εισιτήριο κοστίζει 30 € από τον Απρίλιο.");
        assert_eq!(guess(&bytes).encoding, ISO_8859_7);
    }

    #[test]
    fn a_latin_text_with_a_few_windows_1252_bytes_is_not_cyrillic() {
        let text = "Gli ingressi saranno contingentati: al massimo 25 persone ogni mezz’ora. Il biglietto costa 8 €.";
        assert_eq!(
            latin_after_all(encoding_rs::IBM866, &encode(WINDOWS_1252, text)).map(|(e, _)| e),
            Some(WINDOWS_1252)
        );
        let russian = encode(encoding_rs::WINDOWS_1251, "Компания Apple и её партнёры.");
        assert_eq!(latin_after_all(encoding_rs::WINDOWS_1251, &russian), None);
    }

    #[test]
    fn mac_cyrillic_is_told_from_windows_1251() {
        let text = "В гимназии Он учился хорошо. Ученики составляли расписание сами, а Учитель помогал.";
        let mac = encode(X_MAC_CYRILLIC, text);
        assert_eq!(guess(&mac).encoding, X_MAC_CYRILLIC);
        let cp1251 = encode(WINDOWS_1251, text);
        assert_eq!(mac_cyrillic(WINDOWS_1251, &cp1251), None);
    }

    #[test]
    fn romanian_quotes_mean_iso_8859_16() {
        let bytes = encode(ISO_8859_16, "„Este cel mai important proiect”, a spus Ioana Mureșan.");
        assert_eq!(iso_8859_variant(WINDOWS_1250, &bytes).map(|(e, _)| e), Some(ISO_8859_16));
        let bytes = encode(WINDOWS_1250, "Łódź i Kraków: „Ruch na ulicach” – powiedział.");
        assert_eq!(iso_8859_variant(WINDOWS_1250, &bytes), None);
    }
}
