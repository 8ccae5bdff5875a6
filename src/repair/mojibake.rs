//! Finding mojibake in one line, choosing its reading, and planning the
//! repair.
//!
//! For each code page with evidence on the line (a lead character followed
//! by a continuation character: see [`codepage`](super::codepage)), the
//! line is read as that code page's bytes and cut into UTF-8 *sequences*:
//! a lead byte and its continuation bytes, exact or damaged in the few ways
//! careless pipelines damage them (a byte 0xA0 that became a space or was
//! stripped, a byte lost to U+FFFD, "?" or nothing). Adjacent sequences
//! form a *cluster*, the unit that is replaced; the clusters of one word
//! form a *group*, the unit that is judged. A cluster's decoded text can be
//! mojibake again, so it is peeled layer by layer and the most natural
//! layer kept.
//!
//! A group is judged by how much more natural the word is after decoding
//! ([`score::cost`] before minus after), plus evidence the cost model does
//! not see (a three- or four-byte sequence rarely happens by chance; "Ã",
//! "Â" and "â€" are the commonest mojibake there is), minus a prior for the
//! code page (windows-1252 mix-ups are common, KOI8-R ones are not) and the
//! price of any damage the reading assumes. Groups of one code page on one
//! line support each other: a line that is mojibake through and through
//! lets its weakest words (a one-letter Cyrillic word, a lone "Ã ") be
//! repaired too, while non-ASCII characters that fit no sequence (an en
//! dash typed correctly) count against a line that looks only partly
//! broken. Across code pages, the best-scoring reading of each group wins.

use super::Rule;
use super::codepage::{Codepage, Mask, index};
use super::plan::Step;
use super::score::{self, Scripts};

/// A group is repaired when its score (with support) exceeds this.
const THRESHOLD: f32 = 1.5;
/// At most this much support from the other groups of a line.
const MAX_SUPPORT: f32 = 4.0;
/// What non-ASCII characters that fit no sequence cost a line's groups,
/// less the support of the others.
const ORPHAN_PENALTY: f32 = 5.5;

/// One repair found on a line: `span` of the line becomes `after`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Repair {
    pub span: std::ops::Range<usize>,
    pub after: String,
    pub plan: Vec<Step>,
    pub rule: Rule,
    pub reason: String,
}

/// What the fast scan of a line found, per code page.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Evidence {
    /// Code pages with a lead followed by a continuation somewhere.
    pub pairs: Mask,
    /// Code pages with only weaker hints: a two-byte lead before a space,
    /// the line end, "?" or U+FFFD.
    pub weak: Mask,
}

impl Evidence {
    pub(super) fn any(self) -> bool {
        (self.pairs | self.weak) != 0
    }
}

/// Scans `line` for the evidence mojibake needs. Cheap: one table lookup
/// per non-ASCII character.
pub(super) fn scan(line: &str) -> Evidence {
    let idx = index();
    let mut ev = Evidence::default();
    let mut prev_lead: Mask = 0;
    let mut prev_lead2: Mask = 0;
    for c in line.chars() {
        if c.is_ascii() {
            if matches!(c, ' ' | '?') {
                ev.weak |= prev_lead2;
            }
            prev_lead = 0;
            prev_lead2 = 0;
            continue;
        }
        let Some(e) = idx.get(c) else {
            if c == '\u{FFFD}' {
                ev.weak |= prev_lead;
            }
            prev_lead = 0;
            prev_lead2 = 0;
            continue;
        };
        ev.pairs |= prev_lead & e.cont;
        prev_lead = e.lead;
        prev_lead2 = e.lead2;
    }
    ev.weak |= prev_lead2;
    ev
}

/// How a sequence is damaged, if at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Damage {
    /// Complete and valid.
    None,
    /// The continuation byte at this char offset (within the sequence) is
    /// a space that was byte 0xA0.
    SpaceWasA0(usize),
    /// A final byte 0xA0 was removed (at the line end, or before the
    /// space that separates "à" from the next word).
    A0Removed,
    /// A continuation byte was replaced by U+FFFD or "?" (the last char of
    /// the sequence).
    Marker,
    /// A continuation byte was dropped.
    Dropped,
}

/// A UTF-8 sequence read from the line: chars `start..end` (byte offsets
/// into the text being read) stand for bytes that decode to `ch`.
#[derive(Clone, Copy, Debug)]
struct Seq {
    start: usize,
    end: usize,
    ch: char,
    /// The number of UTF-8 bytes the sequence should have (6 for a CESU-8
    /// surrogate pair).
    width: usize,
    lead: u8,
    damage: Damage,
}

/// Adjacent sequences: one replacement.
#[derive(Clone, Debug)]
struct Cluster {
    start: usize,
    end: usize,
    seqs: Vec<Seq>,
}

/// A cluster's chosen reading: the decoded text and the plan to get it.
#[derive(Clone, Debug)]
struct Reading {
    after: String,
    plan: Vec<Step>,
    layers: Vec<Codepage>,
    damage: Vec<Damage>,
}

/// One character of a text as a code page sees it.
#[derive(Clone, Copy, Debug)]
struct Unit {
    at: usize,
    ch: char,
    byte: Option<u8>,
}

fn units(text: &str, cp: Codepage) -> Vec<Unit> {
    text.char_indices()
        .map(|(at, ch)| Unit { at, ch, byte: if ch == '\u{FFFD}' { None } else { cp.encode_char(ch) } })
        .collect()
}

fn utf8_width(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// Whether `bytes` (a lead and some continuation bytes) can begin a valid
/// UTF-8 sequence.
fn valid_prefix(bytes: &[u8]) -> bool {
    let Some(&lead) = bytes.first() else { return false };
    let Some(width) = utf8_width(lead) else { return false };
    if bytes.len() > width || !bytes[1..].iter().all(|b| (0x80..=0xBF).contains(b)) {
        return false;
    }
    match (lead, bytes.get(1)) {
        (_, None) => true,
        (0xE0, Some(&b)) => b >= 0xA0,
        (0xED, Some(&b)) => b <= 0x9F,
        (0xF0, Some(&b)) => b >= 0x90,
        (0xF4, Some(&b)) => b <= 0x8F,
        _ => true,
    }
}

fn decode_one(bytes: &[u8]) -> Option<char> {
    std::str::from_utf8(bytes).ok().and_then(|s| s.chars().next())
}

/// Which damaged sequences a reading allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Allow {
    /// Exact sequences and lost-byte markers only.
    Exact,
    /// Also lost 0xA0 bytes.
    NoDropped,
    /// Also dropped bytes.
    All,
}

/// Reads the sequence starting at `units[i]`, allowing the damage kinds
/// `allow` allows.
fn sequence_at(units: &[Unit], i: usize, text: &str, allow: Allow) -> Option<Seq> {
    let damaged = allow != Allow::Exact;
    let lead = units[i].byte?;
    let width = utf8_width(lead)?;
    if lead == 0xED
        && let Some(seq) = cesu_at(units, i, text)
    {
        return Some(seq);
    }
    let mut bytes = [lead, 0, 0, 0];
    let mut have = 1;
    let mut j = i + 1;
    let mut damage = Damage::None;
    while have < width {
        let Some(u) = units.get(j) else {
            // The line ends inside the sequence: a stripped 0xA0.
            if damaged && have + 1 == width {
                bytes[have] = 0xA0;
                if valid_prefix(&bytes[..=have]) {
                    damage = Damage::A0Removed;
                    have += 1;
                    break;
                }
            }
            return None;
        };
        match u.byte {
            Some(b @ 0x80..=0xBF) if valid_prefix(&with(&bytes, have, b)) => {
                bytes[have] = b;
                have += 1;
                j += 1;
            }
            _ if u.ch == '\u{FFFD}' || u.ch == '?' => {
                // One lost byte, marked; the rest must be consistent.
                if !valid_prefix(&bytes[..have]) {
                    return None;
                }
                j += 1;
                let mut rest = have + 1;
                while rest < width {
                    match units.get(j).and_then(|u| u.byte) {
                        Some(b @ 0x80..=0xBF) => {
                            j += 1;
                            rest += 1;
                            let _ = b;
                        }
                        _ => return None,
                    }
                }
                let start = units[i].at;
                let end = units.get(j).map_or(text.len(), |u| u.at);
                return Some(Seq { start, end, ch: '\u{FFFD}', width, lead, damage: Damage::Marker });
            }
            _ if damaged && u.ch == ' ' && damage == Damage::None && valid_prefix(&with(&bytes, have, 0xA0)) => {
                bytes[have] = 0xA0;
                // "Ã " is "à" whose 0xA0 was lost: the space became the
                // byte only in Portuguese "à" contractions ("às", "àquele")
                // or when a second space follows; otherwise the space is
                // the one after the word and the byte was removed.
                if lead == 0xC3 && width == 2 && !space_was_byte(text, u.at) {
                    damage = Damage::A0Removed;
                    have += 1;
                    break;
                }
                damage = Damage::SpaceWasA0(j - i);
                have += 1;
                j += 1;
            }
            _ if allow == Allow::All && have + 1 == width && damage == Damage::None => {
                damage = Damage::Dropped;
                break;
            }
            _ => return None,
        }
    }
    let start = units[i].at;
    let end = units.get(j).map_or(text.len(), |u| u.at);
    let ch = if damage == Damage::Dropped { '\u{FFFD}' } else { decode_one(&bytes[..have])? };
    Some(Seq { start, end, ch, width, lead, damage })
}

fn with(bytes: &[u8; 4], have: usize, b: u8) -> Vec<u8> {
    let mut v = bytes[..have].to_vec();
    v.push(b);
    v
}

/// Whether the space at byte `at` of `text`, after an "Ã", was the second
/// byte of "à" rather than the space after it.
fn space_was_byte(text: &str, at: usize) -> bool {
    let rest = &text[at + 1..];
    rest.starts_with(' ')
        || rest.starts_with("s ")
        || rest == "s"
        || rest.starts_with("s,")
        || rest.starts_with("s.")
        || rest.starts_with("quel")
        || rest.starts_with("quil")
}

/// A CESU-8 surrogate pair (six bytes: two three-byte sequences for one
/// character beyond U+FFFF) at `units[i]`.
fn cesu_at(units: &[Unit], i: usize, text: &str) -> Option<Seq> {
    let bytes: Vec<u8> = units.get(i..i + 6)?.iter().map(|u| u.byte).collect::<Option<_>>()?;
    let ch = super::plan::cesu_pair(&bytes)?;
    let end = units.get(i + 6).map_or(text.len(), |u| u.at);
    Some(Seq { start: units[i].at, end, ch, width: 6, lead: 0xED, damage: Damage::None })
}

/// All sequences of `text` read as `cp`, left to right, and the clusters
/// they form.
fn clusters(text: &str, cp: Codepage, allow: Allow) -> Vec<Cluster> {
    let units = units(text, cp);
    let mut out: Vec<Cluster> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let Some(seq) = sequence_at(&units, i, text, allow) else {
            i += 1;
            continue;
        };
        match out.last_mut() {
            Some(c) if c.end == seq.start => {
                c.end = seq.end;
                c.seqs.push(seq);
            }
            _ => out.push(Cluster { start: seq.start, end: seq.end, seqs: vec![seq] }),
        }
        while i < units.len() && units[i].at < seq.end {
            i += 1;
        }
    }
    out
}

/// The plan for one layer: encode `text` (a whole cluster) with `cp`,
/// mend the damaged sequences, decode as UTF-8.
fn layer_plan(cp: Codepage, seqs: &[Seq], base: usize, text: &str) -> Vec<Step> {
    let mut plan = vec![Step::Encode { codepage: cp }];
    // Byte positions in the encoded text shift as bytes are put back.
    let mut shift: isize = 0;
    for seq in seqs {
        let at = text[..seq.start - base].chars().count().saturating_add_signed(shift);
        let len = text[seq.start - base..seq.end - base].chars().count();
        match seq.damage {
            Damage::None => {}
            Damage::SpaceWasA0(k) => plan.push(Step::RestoreByte { at: at + k, byte: 0xA0, replace: true }),
            Damage::A0Removed => {
                plan.push(Step::RestoreByte { at: at + len, byte: 0xA0, replace: false });
                shift += 1;
            }
            Damage::Marker | Damage::Dropped => {
                plan.push(Step::ReplaceLost { at, len });
                shift += 3 - len as isize;
            }
        }
    }
    plan.push(Step::DecodeUtf8);
    plan
}

/// Peels `cluster` (of `text`, read as `cp`): the first layer, then every
/// further layer that decodes the whole of the previous one, keeping the
/// most natural.
fn read_cluster(cluster: &Cluster, cp: Codepage, text: &str, max_layers: usize) -> Reading {
    let before = &text[cluster.start..cluster.end];
    let first: String = cluster.seqs.iter().map(|s| s.ch).collect();
    let reading = Reading {
        after: first,
        plan: layer_plan(cp, &cluster.seqs, cluster.start, before),
        layers: vec![cp],
        damage: cluster.seqs.iter().map(|s| s.damage).collect(),
    };
    let prev = text[..cluster.start].chars().next_back();
    let next = text[cluster.end..].chars().next();
    // Scripts do not count here: this compares readings of one cluster.
    let natural = |s: &str| score::cost(s, prev, next, Scripts::MAX);
    let mut best = (natural(&reading.after), reading.clone());
    let mut current = reading;
    while current.layers.len() < max_layers {
        let mut next_layer: Option<(f32, Reading)> = None;
        for cp2 in Codepage::ALL {
            let inner = clusters(&current.after, cp2, Allow::Exact);
            let [whole] = inner.as_slice() else { continue };
            if whole.start != 0 || whole.end != current.after.len() {
                continue;
            }
            let after: String = whole.seqs.iter().map(|s| s.ch).collect();
            let cost = natural(&after);
            if next_layer.as_ref().is_none_or(|(c, _)| cost < *c) {
                let mut plan = current.plan.clone();
                plan.extend(layer_plan(cp2, &whole.seqs, 0, &current.after));
                let mut layers = current.layers.clone();
                layers.push(cp2);
                let mut damage = current.damage.clone();
                damage.extend(whole.seqs.iter().map(|s| s.damage));
                next_layer = Some((cost, Reading { after, plan, layers, damage }));
            }
        }
        let Some((cost, deeper)) = next_layer else { break };
        if cost <= best.0 {
            best = (cost, deeper.clone());
        }
        current = deeper;
    }
    best.1
}

/// Evidence a sequence gives that the text it sits in is mojibake, beyond
/// what the cost model sees, and the price of the damage it assumes.
fn sequence_evidence(seq: &Seq, cp: Codepage, after_prev: Option<char>) -> f32 {
    if seq.lead == 0xC2 && seq.ch == '\u{a0}' && cp.decode_byte(0xC2) == 'Â' {
        // A double-encoded no-break space, "Â" + 0xA0, whole or with the
        // 0xA0 lost: a signature of its own after a lowercase letter, a
        // digit, punctuation or a letter of a caseless script ("130Â km",
        // "Miami.Â"); never after a capital ("MISUTÂ").
        let fits = after_prev.is_some_and(|p| {
            p.is_lowercase()
                || p.is_ascii_digit()
                || (p.is_alphabetic() && !p.is_uppercase())
                || (!p.is_alphanumeric() && !p.is_whitespace() && p != '\'')
        });
        return match (fits, seq.damage) {
            (true, _) => 3.0,
            (false, Damage::None) => 0.0,
            (false, _) => -100.0,
        };
    }
    let mut e = match seq.width {
        3 => 1.5,
        4 | 6 => 2.5,
        _ => 0.0,
    };
    // The commonest mojibake there is: the Latin-1 supplement ("Ã©",
    // "Â£") and general punctuation ("â€™"), in code pages where those
    // lead bytes are not everyday letters.
    e += match (cp, seq.lead) {
        (Codepage::Koi8R | Codepage::Windows1253 | Codepage::Windows1255 | Codepage::Windows1256, 0xC2 | 0xC3)
        | (Codepage::Windows1251, 0xC2) => 0.0,
        (Codepage::MacRoman, 0xC3) => 0.5,
        (_, 0xC3) => 1.5,
        (_, 0xC2 | 0xE2) => 1.0,
        // Greek ("Î±", "Ï€") where those leads are Latin capitals.
        (Codepage::Windows1252 | Codepage::Latin1 | Codepage::Windows1254 | Codepage::Windows1258, 0xCE | 0xCF) => 1.0,
        _ => 0.0,
    };
    e - match seq.damage {
        Damage::None => 0.0,
        Damage::Marker => 0.5,
        Damage::Dropped => 3.0,
        Damage::SpaceWasA0(_) | Damage::A0Removed => 1.5,
    }
}

/// The price of believing `cp` at all.
fn prior(cp: Codepage) -> f32 {
    match cp {
        Codepage::Windows1252 | Codepage::Latin1 => 0.0,
        Codepage::Windows1251 => 0.5,
        Codepage::MacRoman | Codepage::Windows1250 => 1.0,
        Codepage::Iso8859_2 | Codepage::Cp437 => 1.5,
        _ => 2.0,
    }
}

/// A group of clusters in one word (or a few words, when a sequence spans
/// a space), as one code page reads them.
struct Group {
    cp: Codepage,
    start: usize,
    end: usize,
    clusters: Vec<(Cluster, Reading)>,
    /// Its own evidence, less the code page's prior: what competing
    /// readings of the same word are ranked by.
    own: f32,
    /// With the support of the line: what decides whether it is repaired.
    score: f32,
}

impl Group {
    /// Whether the reading assumes damage that only a line with clear
    /// mojibake makes believable (a dropped byte; a lost 0xA0 other than
    /// the "Â" of a no-break space and the "Ã" of "à").
    fn needs_company(&self) -> bool {
        self.clusters.iter().flat_map(|(c, _)| &c.seqs).any(|s| match s.damage {
            Damage::Dropped => true,
            Damage::SpaceWasA0(_) | Damage::A0Removed => {
                !(matches!(s.lead, 0xC2 | 0xC3) && matches!(self.cp.decode_byte(s.lead), 'Â' | 'Ã'))
            }
            Damage::None | Damage::Marker => false,
        })
    }

    /// Whether the group is only the lone "Â" of a no-break space.
    fn is_lost_nbsp(&self) -> bool {
        self.clusters.iter().all(|(c, r)| {
            r.after == "\u{a0}" && matches!(c.seqs[..], [Seq { damage: Damage::SpaceWasA0(_) | Damage::A0Removed, .. }])
        })
    }

    /// Undamaged sequences in the group.
    fn exact_sequences(&self) -> usize {
        self.clusters.iter().flat_map(|(c, _)| &c.seqs).filter(|s| s.damage == Damage::None).count()
    }
}

/// Finds the mojibake repairs of `line` for the code pages with evidence.
///
/// The code page that explains the line best (the most evidence in the
/// groups it would repair) chooses first; others may repair words it
/// leaves alone.
pub(super) fn find(line: &str, ev: Evidence, max_layers: usize) -> Vec<Repair> {
    let mut readings: Vec<(f32, Vec<Group>)> = Vec::new();
    for cp in Codepage::ALL {
        if (ev.pairs | ev.weak) & cp.bit() == 0 {
            continue;
        }
        // A dropped byte is the least certain damage and can swallow a
        // neighbour ("×" before "Â "): the line is also read without.
        let all = groups(line, cp, max_layers, Allow::All);
        let dropped =
            all.iter().flat_map(|g| &g.clusters).flat_map(|(c, _)| &c.seqs).any(|s| s.damage == Damage::Dropped);
        let mut variants = vec![all];
        if dropped {
            variants.push(groups(line, cp, max_layers, Allow::NoDropped));
        }
        for mut groups in variants {
            let strength = judge(line, &mut groups);
            if std::env::var_os("TW_DEBUG").is_some() {
                for g in &groups {
                    let afters: Vec<&str> = g.clusters.iter().map(|(_, r)| r.after.as_str()).collect();
                    eprintln!(
                        "{:>12} {strength:6.2} {:6.2} {:6.2} {:?} -> {:?}",
                        cp.name(),
                        g.own,
                        g.score,
                        &line[g.start..g.end],
                        afters
                    );
                }
            }
            groups.retain(|g| g.score > THRESHOLD);
            if !groups.is_empty() {
                readings.push((strength, groups));
            }
        }
    }
    readings.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut chosen: Vec<Group> = Vec::new();
    for (_, groups) in readings {
        for g in groups {
            if chosen.iter().all(|c| c.end <= g.start || g.end <= c.start) {
                chosen.push(g);
            }
        }
    }
    chosen.sort_by_key(|g| g.start);
    let mut out = Vec::new();
    for g in chosen {
        for (cluster, reading) in g.clusters {
            out.push(repair(line, &cluster, reading));
        }
    }
    out
}

fn repair(line: &str, cluster: &Cluster, reading: Reading) -> Repair {
    let before = &line[cluster.start..cluster.end];
    let lost = reading.damage.iter().filter(|d| matches!(d, Damage::Marker | Damage::Dropped)).count();
    let nbsp_only =
        reading.after == "\u{a0}" && matches!(reading.damage[..], [Damage::SpaceWasA0(_) | Damage::A0Removed]);
    let (rule, reason) = if nbsp_only {
        (Rule::LostNbsp, "a no-break space, double-encoded, lost its second byte".to_owned())
    } else {
        let names: Vec<&str> = reading.layers.iter().map(|c| c.name()).collect();
        let layers = if names.len() == 1 {
            format!("UTF-8 read as {}", names[0])
        } else {
            format!("UTF-8 read as {} ({} layers)", names.join(", then "), names.len())
        };
        if lost > 0 {
            let what = if lost == 1 { "a character" } else { "characters" };
            (Rule::LostByte, format!("{layers}; {what} lost a byte and became U+FFFD"))
        } else {
            (Rule::Mojibake, layers)
        }
    };
    debug_assert_ne!(before, reading.after);
    Repair { span: cluster.start..cluster.end, after: reading.after, plan: reading.plan, rule, reason }
}

/// The groups of `line` under `cp`, with their clusters read.
fn groups(line: &str, cp: Codepage, max_layers: usize, allow: Allow) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for cluster in clusters(line, cp, allow) {
        let reading = read_cluster(&cluster, cp, line, max_layers);
        if reading.after == line[cluster.start..cluster.end] {
            continue;
        }
        let start = line[..cluster.start].rfind([' ', '\t']).map_or(0, |i| i + 1);
        let end = line[cluster.end..].find([' ', '\t']).map_or(line.len(), |i| cluster.end + i);
        match out.last_mut() {
            Some(g) if g.end >= start => {
                g.end = g.end.max(end);
                g.clusters.push((cluster, reading));
            }
            _ => out.push(Group { cp, start, end, clusters: vec![(cluster, reading)], own: 0.0, score: 0.0 }),
        }
    }
    out
}

/// Scores every group of one code page on `line`: its own evidence, then
/// the support of the line. Returns how well the code page explains the
/// line as a whole.
fn judge(line: &str, groups: &mut [Group]) -> f32 {
    if groups.is_empty() {
        return f32::NEG_INFINITY;
    }
    let cp = groups[0].cp;
    // The line outside the groups, for the scripts it is written in.
    let mut outside = String::new();
    let mut pos = 0;
    for g in groups.iter() {
        outside.push_str(&line[pos..g.start]);
        outside.push(' ');
        pos = g.end;
    }
    outside.push_str(&line[pos..]);
    let outside_scripts = score::scripts_of(&outside);
    let befores: Vec<&str> = groups.iter().map(|g| &line[g.start..g.end]).collect();
    let afters: Vec<String> = groups.iter().map(|g| repaired(line, g)).collect();
    let before_scripts: Vec<Scripts> = befores.iter().map(|b| score::scripts_of(b)).collect();
    let after_scripts: Vec<Scripts> = afters.iter().map(|a| score::scripts_of(a)).collect();
    let mut own = Vec::with_capacity(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let others = |sets: &[Scripts]| sets.iter().enumerate().filter(|(j, _)| *j != i).fold(0, |a, (_, s)| a | s);
        let prev = line[..g.start].chars().next_back();
        let next = line[g.end..].chars().next();
        let before_cost = score::cost(befores[i], prev, next, outside_scripts | others(&before_scripts));
        let after_cost = score::cost(&afters[i], prev, next, outside_scripts | others(&after_scripts));
        let mut evidence = 0.0;
        for (cluster, reading) in &g.clusters {
            // The character before each sequence as the repair leaves it.
            let mut after_prev = repaired_prev(line, g, cluster.start);
            for (seq, ch) in cluster.seqs.iter().zip(reading_chars(cluster, reading)) {
                evidence += sequence_evidence(seq, cp, after_prev);
                after_prev = Some(ch);
            }
        }
        own.push(if plausible(line, g) { before_cost - after_cost + evidence } else { f32::NEG_INFINITY });
    }
    // Support: what the confident groups of the line say.
    let confident: Vec<f32> = own.iter().map(|&s| if s > THRESHOLD { s } else { 0.0 }).collect();
    let total: f32 = confident.iter().sum();
    let unexplained: Vec<usize> = (0..groups.len()).map(|i| orphans(line, groups, &own, i)).collect();
    // Exact sequences in the confident groups: the company damaged
    // readings need.
    let company: usize =
        groups.iter().zip(&confident).filter(|(_, s)| **s > 0.0).map(|(g, _)| g.exact_sequences()).sum();
    let mut strength = -prior(cp);
    for (i, g) in groups.iter_mut().enumerate() {
        let support = total - confident[i];
        // Non-ASCII text no sequence explains says the line is not
        // mojibake through and through; only other repairs outweigh it.
        // The lone "Â" of a no-break space is a signature of its own.
        let penalty = if unexplained[i] == 0 || g.is_lost_nbsp() { 0.0 } else { (ORPHAN_PENALTY - support).max(0.0) };
        // The prior is paid once per line: a line with other repairs in
        // this code page has paid it.
        let prior = (prior(cp) - support).max(0.0);
        let own_company = if confident[i] > 0.0 { 0 } else { g.exact_sequences() };
        g.own = own[i] - self::prior(cp);
        g.score = if g.needs_company() && company == 0 && own_company < 2 {
            f32::NEG_INFINITY
        } else {
            own[i] - prior + support.min(MAX_SUPPORT) - penalty
        };
        if g.score > THRESHOLD {
            strength += own[i];
        }
    }
    // What the code page leaves unexplained counts against it.
    strength - 0.5 * orphans(line, groups, &own, usize::MAX) as f32
}

/// Whether a group's reading can be right at all. Each cluster must come
/// out looking clean rather than merely less broken, the word must not be
/// left mostly unexplained ("ã†â€™ãƒâ€" stays: only a few of its
/// characters decode), a byte may be assumed dropped only among plenty of
/// intact sequences, and a reading must not merely trade symbols for
/// symbols ("`¬´" is a face, not "«").
fn plausible(line: &str, g: &Group) -> bool {
    let mut seqs = 0;
    let mut exact = 0;
    let mut dropped = 0;
    let mut letters = false;
    for (c, r) in &g.clusters {
        let before = &line[c.start..c.end];
        let prev = line[..c.start].chars().next_back();
        let next = line[c.end..].chars().next();
        let before_cost = score::cost(before, prev, next, Scripts::MAX);
        let after_cost = score::cost(&r.after, prev, next, Scripts::MAX);
        if after_cost > 0.5 * before_cost + 2.0 {
            return false;
        }
        let touches_word = [prev, next].into_iter().flatten().any(char::is_alphanumeric);
        letters |= has_letter(before) || has_letter_or_emoji(&r.after) || touches_word;
        for s in &c.seqs {
            seqs += 1;
            exact += usize::from(s.damage == Damage::None);
            dropped += usize::from(s.damage == Damage::Dropped);
        }
    }
    // Continuation characters in the word that belong to no sequence are
    // pieces of sequences this reading failed to explain.
    let stray =
        |s: &str| s.chars().filter(|&c| g.cp.encode_char(c).is_some_and(|b| (0x80..=0xBF).contains(&b))).count();
    let mut inside = 0;
    let mut pos = g.start;
    for (c, _) in &g.clusters {
        inside += stray(&line[pos..c.start]);
        pos = c.end;
    }
    inside += stray(&line[pos..g.end]);
    letters && inside <= seqs.max(2) && dropped <= (exact / 3).max(1)
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

fn has_letter_or_emoji(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic() || matches!(super::chars::classify(c).kind, super::chars::Kind::Emoji))
}

/// Non-ASCII characters of the line that no sequence explains: outside
/// the clusters of `this` group and of the exact groups with evidence.
fn orphans(line: &str, groups: &[Group], own: &[f32], this: usize) -> usize {
    let mut spans: Vec<(usize, usize)> = groups
        .iter()
        .enumerate()
        .filter(|(j, _)| *j == this || own[*j] > THRESHOLD)
        .flat_map(|(_, g)| g.clusters.iter().map(|(c, _)| (c.start, c.end)))
        .collect();
    spans.sort_unstable();
    let mut n = 0;
    let mut k = 0;
    for (at, c) in line.char_indices() {
        while k < spans.len() && spans[k].1 <= at {
            k += 1;
        }
        let inside = k < spans.len() && spans[k].0 <= at;
        if !inside && !c.is_ascii() && !c.is_whitespace() && !c.is_control() && c != '\u{FFFD}' {
            n += 1;
        }
    }
    n
}

/// The group's text with its clusters replaced by their readings.
fn repaired(line: &str, g: &Group) -> String {
    let mut out = String::with_capacity(g.end - g.start);
    let mut pos = g.start;
    for (c, r) in &g.clusters {
        out.push_str(&line[pos..c.start]);
        out.push_str(&r.after);
        pos = c.end;
    }
    out.push_str(&line[pos..g.end]);
    out
}

/// The character before byte `at` of the line once the group's clusters
/// before it are repaired.
fn repaired_prev(line: &str, g: &Group, at: usize) -> Option<char> {
    for (c, r) in g.clusters.iter().rev() {
        if c.end == at {
            return r.after.chars().next_back();
        }
    }
    line[..at].chars().next_back()
}

/// The decoded character of each sequence of the first layer, for context.
fn reading_chars(cluster: &Cluster, reading: &Reading) -> Vec<char> {
    if reading.layers.len() == 1 {
        reading.after.chars().collect()
    } else {
        cluster.seqs.iter().map(|s| s.ch).collect()
    }
}
