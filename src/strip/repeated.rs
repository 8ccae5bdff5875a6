//! Corpus-level boilerplate: short lines that many documents of the same
//! source share (a site's footer, its section labels, its "Follow us" line).
//!
//! Two passes over the corpus. The first (see [`crate::batch::count_lines`])
//! hashes every short line of every document, as the strip stage will see it,
//! and counts in how many documents of each group (a source, a domain) each
//! line occurs: a [`Counter`], frozen into a [`Table`]. The second, the normal
//! run, removes a line when its count reaches both settings of
//! [`Settings`]:
//!
//! * at least `min_documents` documents (never fewer than 2: a line found in
//!   one document is never removed this way), and
//! * at least `min_share` of the documents of its group.
//!
//! Memory is bounded: the table holds 64-bit hashes and counts, never lines,
//! and at most `max_entries` of them; when it is full, lines seen in a single
//! document are dropped from it first (undercounting only ever removes less).
//! A document that would lose half of its text this way is a duplicate of
//! another, not furniture, and keeps its lines: deduplication is another
//! tool's job.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::{Rule, Verdict, shape};

/// When a line counts as repeated, and how documents are grouped. See the
/// module docs.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Documents that must share the line (at least 2).
    pub min_documents: u32,
    /// Share of its group's documents that must have the line, 0 to 1.
    pub min_share: f64,
    /// Longer lines (in characters) are never counted: body paragraphs.
    pub max_line_chars: usize,
    /// The most line hashes kept in memory (about 40 bytes each).
    pub max_entries: usize,
    /// The JSON Lines field that names a record's source. `None` tries
    /// `source`, then `domain`, then the host of `url`. Text files are grouped
    /// by their directory.
    pub group_by: Option<String>,
}

impl Default for Settings {
    /// 5 documents and 10 % of the group; lines up to 200 characters; a
    /// million hashes (about 40 MB); groups found by field name.
    fn default() -> Settings {
        Settings { min_documents: 5, min_share: 0.1, max_line_chars: 200, max_entries: 1 << 20, group_by: None }
    }
}

/// The distinct counted lines of one document, as hashes, and its group.
#[derive(Debug, Default)]
pub struct DocumentLines {
    group: u64,
    lines: Vec<u64>,
}

impl DocumentLines {
    /// Hashes the lines of `text`, a document of `group`, that can count.
    #[must_use]
    pub fn new(text: &str, group: &str, settings: &Settings) -> DocumentLines {
        let group = hash_of(group);
        let mut lines: Vec<u64> =
            crate::lines::split(text).filter_map(|line| line_hash(line.content, group, settings)).collect();
        lines.sort_unstable();
        lines.dedup();
        DocumentLines { group, lines }
    }
}

/// The first pass: counts documents per line and per group.
#[derive(Debug)]
pub struct Counter {
    settings: Settings,
    lines: HashMap<u64, u32>,
    groups: HashMap<u64, u32>,
    pruned: bool,
}

impl Counter {
    /// An empty counter.
    #[must_use]
    pub fn new(settings: Settings) -> Counter {
        Counter { settings, lines: HashMap::new(), groups: HashMap::new(), pruned: false }
    }

    /// Counts one document. Call in input order: which hashes survive a full
    /// table depends on it, and the output must not depend on threads.
    pub fn add(&mut self, document: &DocumentLines) {
        if self.groups.len() < self.settings.max_entries || self.groups.contains_key(&document.group) {
            *self.groups.entry(document.group).or_default() += 1;
        }
        for &line in &document.lines {
            if let Some(count) = self.lines.get_mut(&line) {
                *count += 1;
            } else if self.lines.len() < self.settings.max_entries {
                self.lines.insert(line, 1);
            } else {
                self.prune();
            }
        }
    }

    /// Makes room: forgets the lines seen least, starting with those seen
    /// once, until at most three quarters of the table is used.
    fn prune(&mut self) {
        self.pruned = true;
        let mut below = 2;
        while self.lines.len() > self.settings.max_entries / 4 * 3 {
            self.lines.retain(|_, count| *count >= below);
            below += 1;
        }
    }

    /// The counts, ready for the second pass.
    #[must_use]
    pub fn finish(self) -> Table {
        Table { settings: self.settings, lines: self.lines, groups: self.groups, pruned: self.pruned }
    }
}

/// The frozen counts of the first pass, consulted by the strip stage.
#[derive(Debug, Clone)]
pub struct Table {
    settings: Settings,
    lines: HashMap<u64, u32>,
    groups: HashMap<u64, u32>,
    pruned: bool,
}

impl Table {
    /// A table with no counts: removes nothing.
    #[must_use]
    pub fn empty(settings: Settings) -> Table {
        Counter::new(settings).finish()
    }

    /// The settings it applies.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// True when the table filled up and forgot rare lines: counts are lower
    /// bounds, so fewer lines were removed than could have been.
    #[must_use]
    pub fn was_pruned(&self) -> bool {
        self.pruned
    }

    /// Marks the body lines of one document that are repeated.
    pub(super) fn mark(&self, lines: &[(usize, &str)], group: &str, verdicts: &mut [Verdict]) {
        let group_hash = hash_of(group);
        let Some(&documents) = self.groups.get(&group_hash) else { return };
        let needed = (self.settings.min_share * f64::from(documents)).ceil().max(1.0) as u32;
        let needed = needed.max(self.settings.min_documents.max(2));
        let mut repeated = Vec::new();
        let (mut repeated_bytes, mut body_bytes) = (0, 0);
        for (i, (_, raw)) in lines.iter().enumerate() {
            let line = raw.trim();
            body_bytes += line.len();
            if !matches!(verdicts[i], Verdict::Body) {
                continue;
            }
            let count = line_hash(line, group_hash, &self.settings).and_then(|h| self.lines.get(&h));
            if let Some(&count) = count
                && count >= needed
            {
                repeated.push((i, count));
                repeated_bytes += line.len();
            }
        }
        if repeated_bytes * 2 >= body_bytes {
            return;
        }
        for (i, count) in repeated {
            verdicts[i] = Verdict::Remove(
                Rule::RepeatedLine,
                format!("a line found in {count} of the {documents} documents of its source").into(),
            );
        }
    }
}

fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The hash of a line that can count: short, and with something to say once
/// case and punctuation are set aside.
fn line_hash(line: &str, group: u64, settings: &Settings) -> Option<u64> {
    let line = line.trim();
    if line.is_empty() || line.len() > settings.max_line_chars * 4 || line.chars().count() > settings.max_line_chars {
        return None;
    }
    let key = shape::key(line);
    (!key.is_empty()).then(|| hash_of((group, key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(documents: &[(&str, &str)], settings: Settings) -> Table {
        let mut counter = Counter::new(settings.clone());
        for (group, text) in documents {
            counter.add(&DocumentLines::new(text, group, &settings));
        }
        counter.finish()
    }

    fn marked(table: &Table, group: &str, text: &str) -> Vec<usize> {
        let lines: Vec<(usize, &str)> = text.split_inclusive('\n').map(|l| (0, l)).collect();
        let mut verdicts = vec![Verdict::Body; lines.len()];
        table.mark(&lines, group, &mut verdicts);
        (0..lines.len()).filter(|&i| matches!(verdicts[i], Verdict::Remove(..))).collect()
    }

    const FOOTER: &str = "Northgate Media, Port Harlow\n";

    fn article(n: usize) -> String {
        format!("Story number {n} is about something else entirely, in several sentences.\n{FOOTER}")
    }

    #[test]
    fn lines_shared_by_many_documents_of_a_group_are_marked() {
        let docs: Vec<String> = (0..6).map(article).collect();
        let pairs: Vec<(&str, &str)> = docs.iter().map(|d| ("northgate", d.as_str())).collect();
        let t = table(&pairs, Settings::default());
        assert_eq!(marked(&t, "northgate", &docs[0]), [1]);
        // Another group has its own counts.
        assert!(marked(&t, "elsewhere", &docs[0]).is_empty());
    }

    #[test]
    fn a_line_in_one_document_or_below_the_settings_stays() {
        let docs: Vec<String> = (0..4).map(article).collect();
        let pairs: Vec<(&str, &str)> = docs.iter().map(|d| ("g", d.as_str())).collect();
        assert!(marked(&table(&pairs, Settings::default()), "g", &docs[0]).is_empty());
        let one = Settings { min_documents: 1, min_share: 0.0, ..Settings::default() };
        let single = table(&[("g", "Only here, once.\nA body line that is long enough to matter.\n")], one);
        assert!(marked(&single, "g", "Only here, once.\nA body line that is long enough to matter.\n").is_empty());
    }

    #[test]
    fn duplicate_documents_keep_their_lines() {
        let doc = "Short duplicated story.\nNorthgate Media\n";
        let t = table(&[("g", doc); 8], Settings::default());
        assert!(marked(&t, "g", doc).is_empty());
    }

    #[test]
    fn a_full_table_forgets_rare_lines_first() {
        let settings = Settings { max_entries: 8, ..Settings::default() };
        let mut counter = Counter::new(settings.clone());
        for n in 0..40 {
            counter.add(&DocumentLines::new(&article(n), "g", &settings));
        }
        let t = counter.finish();
        assert!(t.was_pruned());
        assert!(t.lines.len() <= 8);
        assert_eq!(marked(&t, "g", &article(3)), [1]);
    }
}
