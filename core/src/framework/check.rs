//! The checks every framework file gets, whatever its format: the same
//! heading twice, text repeated word for word under another heading, a
//! competency name that looks like a misspelling of another, a skill code
//! Appraise does not know. Each runs in time about linear in the file, so a
//! wrong file picked by mistake (100,000 statements) is checked in seconds,
//! and the warnings kept are bounded (see [`WarningList`]).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::words::{known_skill, Entry, ImportWarning, SourceFormat, WarningKind, KNOWN_SKILLS};

/// At most this many warnings are listed; the rest are only counted. A
/// person reads a few dozen; a wrong file could otherwise give millions.
pub const MAX_WARNINGS: usize = 1_000;

/// Each competency name is compared with at most this many earlier names of
/// its skill that the index offers. The index offers a name of a real
/// framework only a few (those sharing a third of it, in the same place),
/// so they are all compared, as before; a file of thousands of
/// near-identical names still takes linear time.
const MAX_COMPARISONS: usize = 10;

/// Names further apart than this are never flagged (see [`looks_misspelt`]).
const MAX_DISTANCE: usize = 2;

/// The warnings of a file in line order (at one line, in the order of their
/// kinds, then as found), keeping the first [`MAX_WARNINGS`] and counting the
/// rest, in bounded memory.
#[derive(Debug, Default)]
pub struct WarningList {
    kept: Vec<ImportWarning>,
    not_listed: usize,
    /// Once the list has been full, a warning at or after the last one kept
    /// then can never be listed: it is counted without writing its message.
    last_kept: Option<(u32, WarningKind)>,
}

impl WarningList {
    pub fn push(&mut self, warning: ImportWarning) {
        self.push_with(warning.line, warning.kind, || warning.message);
    }

    /// Adds a warning, writing its message only if it may be listed.
    pub fn push_with(&mut self, line: u32, kind: WarningKind, message: impl FnOnce() -> String) {
        if self.last_kept.is_some_and(|last| (line, kind) >= last) {
            self.not_listed += 1;
            return;
        }
        self.kept.push(ImportWarning {
            line,
            kind,
            message: message(),
        });
        if self.kept.len() >= 2 * MAX_WARNINGS {
            self.trim();
        }
    }

    /// A stable sort, so the warnings kept are the first in line order
    /// whatever the order they were found in.
    fn trim(&mut self) {
        self.kept.sort_by_key(|w| (w.line, w.kind));
        if self.kept.len() >= MAX_WARNINGS {
            self.not_listed += self.kept.len() - MAX_WARNINGS;
            self.kept.truncate(MAX_WARNINGS);
            self.last_kept = self.kept.last().map(|w| (w.line, w.kind));
        }
    }

    /// The warnings listed, in line order, and how many more there were.
    pub fn finish(mut self) -> (Vec<ImportWarning>, u32) {
        self.trim();
        (self.kept, u32::try_from(self.not_listed).unwrap_or(u32::MAX))
    }
}

/// The checks both formats share. Each warning points at the later of the
/// two places it is about and names the earlier.
pub fn check(entries: &[Entry], format: SourceFormat, warnings: &mut WarningList) {
    repeats(entries, format, warnings);
    similar_names(entries, format, warnings);
    unknown_codes(entries, warnings);
}

/// The same heading twice, and the same text under two headings.
fn repeats(entries: &[Entry], format: SourceFormat, warnings: &mut WarningList) {
    let place = format.place();
    let heading = |e: &Entry| format!("{} (Level {}, {})", e.competency, e.level, e.code);
    let mut headings: HashMap<(&str, &str, u8), &Entry> = HashMap::new();
    let mut texts: HashMap<&str, &Entry> = HashMap::new();
    for e in entries {
        let key = (e.code.as_str(), e.competency.as_str(), e.level);
        match headings.get(&key) {
            Some(first) => {
                let same = if first.text == e.text {
                    "; the text is the same too"
                } else {
                    " with different text; both statements are kept"
                };
                warnings.push_with(e.line, WarningKind::DuplicateHeading, || {
                    format!("{} appears again (first at {place} {}){same}.", heading(e), first.line)
                });
            }
            None => {
                headings.insert(key, e);
            }
        }
        match texts.get(e.text.as_str()) {
            Some(first) if (first.code.as_str(), first.competency.as_str(), first.level) != key => {
                warnings.push_with(e.text_line, WarningKind::SameText, || {
                    format!(
                        "The text under {} is word for word the text under {} at {place} {}.",
                        heading(e),
                        heading(first),
                        first.text_line
                    )
                })
            }
            Some(_) => {} // the same heading again: said already, as a duplicate heading
            None => {
                texts.insert(&e.text, e);
            }
        }
    }
}

/// A competency name within one skill that looks like a misspelling of an
/// earlier one: each name is compared only with the earlier names the
/// [`NameIndex`] offers, at most [`MAX_COMPARISONS`] of them.
fn similar_names(entries: &[Entry], format: SourceFormat, warnings: &mut WarningList) {
    let place = format.place();
    // Names within one skill, in order of first appearance.
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    let mut skills: Vec<(&str, Vec<(&str, u32)>)> = Vec::new();
    let mut skill_at: HashMap<&str, usize> = HashMap::new();
    for e in entries {
        if seen.insert((&e.code, &e.competency)) {
            let at = *skill_at.entry(&e.code).or_insert_with(|| {
                skills.push((&e.code, Vec::new()));
                skills.len() - 1
            });
            skills[at].1.push((&e.competency, e.line));
        }
    }
    for (code, names) in &skills {
        let lowered: Vec<Lowered> = names.iter().map(|(n, _)| Lowered::new(n)).collect();
        let mut index = NameIndex::default();
        for (j, (name, line)) in names.iter().enumerate() {
            for i in index.candidates(&lowered[j]) {
                let (other, other_line) = names[i];
                if *name != other && similar(&lowered[j].chars, &lowered[i].chars) {
                    warnings.push_with(*line, WarningKind::SimilarName, || {
format!(
                            "“{name}” looks like “{other}” ({place} {other_line}) spelt another way; they are kept as two competencies of {code}. Correct the file if they are one."
                        )
});
                }
            }
            index.add(&lowered[j], j);
        }
    }
}

/// One warning per skill code Appraise does not know, at its first use.
fn unknown_codes(entries: &[Entry], warnings: &mut WarningList) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for e in entries {
        *counts.entry(&e.code).or_default() += 1;
    }
    let known: Vec<&str> = KNOWN_SKILLS.iter().map(|(c, _)| *c).collect();
    let mut codes: HashSet<&str> = HashSet::new();
    for e in entries {
        if codes.insert(&e.code) && known_skill(&e.code).is_none() {
            let count = counts[e.code.as_str()];
            warnings.push_with(e.line, WarningKind::UnknownCode, || {
                format!(
                    "Skill code {} is not one Appraise knows ({}); its {count} statements are kept under {}.",
                    e.code,
                    known.join(", "),
                    e.code
                )
            });
        }
    }
}

/// A name in lower case, as characters to compare and as text whose
/// pieces are cheap to look up.
struct Lowered {
    text: String,
    chars: Vec<char>,
    /// The byte offset of each character, and the text's length.
    offsets: Vec<usize>,
}

impl Lowered {
    fn new(name: &str) -> Lowered {
        let text = name.to_lowercase();
        let chars = text.chars().collect();
        let offsets = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
        Lowered { text, chars, offsets }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// Characters `from..to`, if the name has them.
    fn piece(&self, from: usize, to: usize) -> Option<&str> {
        self.text.get(*self.offsets.get(from)?..*self.offsets.get(to)?)
    }
}

/// Finds the names that may be within [`MAX_DISTANCE`] edits of a name
/// without comparing it with every other. Each name is cut into
/// `MAX_DISTANCE + 1` pieces; two edits can touch at most two of them, so a
/// name that close to another contains one of its pieces unchanged, shifted
/// by at most `MAX_DISTANCE` places (the pigeonhole filter of Pass-Join).
/// The index maps (name length, piece number, piece) to the names with it.
#[derive(Default)]
struct NameIndex<'a> {
    pieces: HashMap<(usize, usize, &'a str), Vec<usize>, BuildHasherDefault<Fnv>>,
}

/// FNV-1a: the index hashes tens of pieces a name, and the standard hasher
/// (built to resist crafted keys, which a framework file is not) took most
/// of the check's time in a debug build.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x0100_0000_01b3);
    }
}

impl<'a> NameIndex<'a> {
    /// Adds name number `at`. A piece keeps only its first names: more would
    /// never be compared.
    fn add(&mut self, name: &'a Lowered, at: usize) {
        for (piece, range) in pieces(name.len()).into_iter().enumerate() {
            let text = name.piece(range.start, range.end).expect("within the name");
            let names = self.pieces.entry((name.len(), piece, text)).or_default();
            if names.len() < MAX_COMPARISONS {
                names.push(at);
            }
        }
    }

    /// The names added so far that may be within [`MAX_DISTANCE`] edits of
    /// `name`: the first [`MAX_COMPARISONS`] of them, in the order added.
    fn candidates(&self, name: &Lowered) -> Vec<usize> {
        let mut found = Vec::new();
        let lengths = name.len().saturating_sub(MAX_DISTANCE)..=name.len() + MAX_DISTANCE;
        for length in lengths {
            let longer = name.len() as isize - length as isize;
            for (piece, range) in pieces(length).into_iter().enumerate() {
                // A piece moved `shift` places needs that many edits before
                // it, and the rest of the difference in length after it.
                for shift in -(MAX_DISTANCE as isize)..=MAX_DISTANCE as isize {
                    if shift.unsigned_abs() + (longer - shift).unsigned_abs() > MAX_DISTANCE {
                        continue;
                    }
                    let Some(start) = range.start.checked_add_signed(shift) else {
                        continue;
                    };
                    let Some(text) = name.piece(start, start + range.len()) else {
                        continue;
                    };
                    if let Some(names) = self.pieces.get(&(length, piece, text)) {
                        found.extend_from_slice(names);
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found.truncate(MAX_COMPARISONS);
        found
    }
}

/// The `MAX_DISTANCE + 1` pieces a name of `length` characters is cut into:
/// equal but for the last, which takes the remainder.
fn pieces(length: usize) -> [std::ops::Range<usize>; MAX_DISTANCE + 1] {
    let width = length / (MAX_DISTANCE + 1);
    std::array::from_fn(|i| {
        let start = i * width;
        let end = if i == MAX_DISTANCE { length } else { start + width };
        start..end
    })
}

/// Two different names a letter or two apart ("Clinical infomation",
/// "Clinical information"), or the same but for capitals.
#[cfg(test)]
fn looks_misspelt(a: &str, b: &str) -> bool {
    a != b && similar(&Lowered::new(a).chars, &Lowered::new(b).chars)
}

/// [`looks_misspelt`] for names already in lower case.
fn similar(a: &[char], b: &[char]) -> bool {
    let shorter = a.len().min(b.len());
    // Short names differ by a letter legitimately ("Risk" and "Disk").
    let allowed = match shorter {
        0..=4 => 0,
        5..=9 => 1,
        _ => MAX_DISTANCE,
    };
    char_distance(a, b, allowed) <= allowed
}

/// Levenshtein distance, giving up (returning `limit + 1`) as soon as it
/// must exceed `limit`.
#[cfg(test)]
fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    char_distance(&a, &b, limit)
}

fn char_distance(a: &[char], b: &[char], limit: usize) -> usize {
    // What the two share at either end costs no edits: names a letter apart
    // leave a letter or two to compare.
    let same_start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[same_start..], &b[same_start..]);
    let same_end = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - same_end], &b[..b.len() - same_end]);
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut lowest = current[0];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
            lowest = lowest.min(current[j + 1]);
        }
        if lowest > limit {
            return limit + 1;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_a_letter_apart_are_flagged_but_different_names_are_not() {
        assert!(looks_misspelt("Clinical infomation", "Clinical information"));
        assert!(looks_misspelt("Coding Quality", "Coding quality"), "capitals only");
        assert!(!looks_misspelt("Risk assessment", "Risk mitigation"));
        assert!(!looks_misspelt("Coding accuracy", "Coding accuracy"));
        assert!(!looks_misspelt("Risk", "Disk"), "short names may differ by a letter");
    }

    #[test]
    fn edit_distance_counts_single_letter_changes() {
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("abc", "abc", 0), 0);
        assert_eq!(edit_distance("abc", "abcdef", 1), 2, "gives up past the limit");
    }

    fn entry(line: u32, code: &str, competency: &str) -> Entry {
        Entry {
            line,
            text_line: line + 1,
            code: code.into(),
            skill: None,
            competency: competency.into(),
            level: 3,
            text: format!("Text {line}."),
            correction: None,
        }
    }

    /// The check as it was: every name against every earlier name of its
    /// skill.
    fn every_pair(names: &[(String, String)]) -> Vec<(u32, String)> {
        let mut found = Vec::new();
        let mut first: Vec<(&str, &str, u32)> = Vec::new();
        for (n, (code, name)) in names.iter().enumerate() {
            if first.iter().any(|(c, m, _)| c == code && m == name) {
                continue;
            }
            let line = 2 * n as u32 + 1;
            for (c, other, other_line) in &first {
                if c == code && looks_misspelt(name, other) {
                    found.push((line, format!("{name}|{other}|{other_line}")));
                }
            }
            first.push((code, name, line));
        }
        found
    }

    fn indexed(names: &[(String, String)]) -> Vec<(u32, String)> {
        let entries: Vec<Entry> = names
            .iter()
            .enumerate()
            .map(|(n, (code, name))| entry(2 * n as u32 + 1, code, name))
            .collect();
        let mut list = WarningList::default();
        similar_names(&entries, SourceFormat::Text, &mut list);
        let lines_of = |w: &ImportWarning| {
            let quoted: Vec<&str> = w.message.split(['“', '”']).collect();
            let other_line = w.message.split("(line ").nth(1).unwrap().split(')').next().unwrap();
            (w.line, format!("{}|{}|{other_line}", quoted[1], quoted[3]))
        };
        list.finish().0.iter().map(lines_of).collect()
    }

    proptest! {
        #[test]
        fn the_index_finds_every_pair_that_comparing_every_pair_finds(
            names in prop::collection::vec(
                (prop::sample::select(vec!["ANCC", "RMGT"]), "[abAB ]{0,13}"),
                0..=MAX_COMPARISONS,
            )
        ) {
            let names: Vec<(String, String)> =
                names.into_iter().map(|(c, n)| (c.to_owned(), n)).collect();
            prop_assert_eq!(indexed(&names), every_pair(&names));
        }
    }

    #[test]
    fn thousands_of_near_identical_names_are_compared_a_bounded_number_of_times() {
        let entries: Vec<Entry> = (0..20_000)
            .map(|n| entry(2 * n + 1, "ANCC", &format!("Coding audit {n}")))
            .collect();
        let mut list = WarningList::default();
        similar_names(&entries, SourceFormat::Text, &mut list);
        let (listed, not_listed) = list.finish();
        assert_eq!(listed.len(), MAX_WARNINGS, "the first thousand are listed");
        let total = listed.len() + not_listed as usize;
        assert!(
            total <= entries.len() * MAX_COMPARISONS,
            "at most {MAX_COMPARISONS} a name: {total}"
        );
        let lines: Vec<u32> = listed.iter().map(|w| w.line).collect();
        assert!(lines.is_sorted(), "in line order");
    }

    #[test]
    fn the_warnings_listed_are_the_first_in_line_order_and_the_rest_are_counted() {
        let mut list = WarningList::default();
        for line in (1..=5_000).rev() {
            list.push(ImportWarning {
                line,
                kind: WarningKind::SameText,
                message: String::new(),
            });
        }
        let (listed, not_listed) = list.finish();
        assert_eq!(listed.len(), MAX_WARNINGS);
        assert_eq!(not_listed, 4_000, "counted, not listed");
        assert_eq!(listed[0].line, 1);
        assert_eq!(listed[MAX_WARNINGS - 1].line, 1_000);
    }
}
