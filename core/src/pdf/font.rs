//! The one typeface Appraise prints in, DejaVu Sans (regular and bold), built
//! into the binary so a record prints the same on every machine, and the
//! glyph widths the layout measures text with.
//!
//! DejaVu Sans covers Latin Extended (Zoë, Ní Bhriain, Łukasz Wiśniewski,
//! Siân), Greek and Cyrillic. Its licence (Bitstream Vera, DejaVu changes in
//! the public domain) is `core/assets/fonts/LICENSE-DejaVu.txt`.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::sync::OnceLock;

use printpdf::ParsedFont;

// Stored zlib-compressed (half the size, and the binary is shipped to every
// desktop); inflated once, at the first print, to exactly the font's bytes,
// so every PDF is the same as from the uncompressed file. How to remake
// them: core/assets/fonts/README.md.
const REGULAR_TTF_ZLIB: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf.zz");
const BOLD_TTF_ZLIB: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf.zz");

/// The font file a face is printed with, inflated from the binary.
fn font_file(face: Face) -> Vec<u8> {
    let stored = match face {
        Face::Regular => REGULAR_TTF_ZLIB,
        Face::Bold => BOLD_TTF_ZLIB,
    };
    let mut bytes = Vec::with_capacity(stored.len() * 2);
    flate2::read::ZlibDecoder::new(stored)
        .read_to_end(&mut bytes)
        .expect("the built-in DejaVu Sans font inflates: it is part of the binary");
    bytes
}

/// Codepoints below this have their advance in a flat table: Latin, Latin
/// Extended, Greek and Cyrillic, which is nearly every character a record
/// holds. Others are looked up in the font's cmap as they come.
const TABLE_SIZE: usize = 0x0530;

/// A weight of the typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
}

/// A parsed face and its advance widths, in font units.
pub struct Metrics {
    /// The whole face, for a document with a character outside
    /// `REPERTOIRE`.
    pub full: ParsedFont,
    /// The face cut down to `REPERTOIRE`: what nearly every document is
    /// printed with (see `REPERTOIRE` for why).
    pub reduced: ParsedFont,
    units_per_em: f32,
    /// Advance of each codepoint below `TABLE_SIZE`; a character the font
    /// lacks gets the advance of glyph 0 (the box a viewer draws for it).
    table: Vec<u16>,
    /// Advances of the rest, filled as they are met.
    others: std::sync::RwLock<HashMap<char, u16>>,
}

/// The characters of the reduced face: Latin with every extension a name
/// may need, combining accents, Greek, Cyrillic, and the punctuation,
/// currency, arrows and symbols people type or paste. printpdf subsets the
/// font for every PDF, and the subsetter's work grows with the size of the
/// font it starts from: starting from these 1,500 or so glyphs rather than
/// DejaVu Sans's 6,000 makes a render markedly quicker. The PDF is the same
/// either way: only the glyphs a document uses are embedded.
pub const REPERTOIRE: &[(u32, u32)] = &[
    (0x0020, 0x007E), // Basic Latin
    (0x00A0, 0x024F), // Latin-1, Latin Extended-A and -B
    (0x0250, 0x02FF), // IPA, spacing modifier letters (ʻ ˈ)
    (0x0300, 0x036F), // combining diacritical marks, for decomposed names
    (0x0370, 0x03FF), // Greek
    (0x0400, 0x04FF), // Cyrillic
    (0x1E00, 0x1EFF), // Latin Extended Additional (Welsh ẃ, Vietnamese)
    (0x2000, 0x206F), // general punctuation (– — ‘ ’ “ ” • …)
    (0x20A0, 0x20CF), // currency (€)
    (0x2100, 0x214F), // letterlike symbols (№ ™)
    (0x2190, 0x21FF), // arrows
    (0x2200, 0x22FF), // mathematical operators (≤ ≥ ≠)
    (0x25A0, 0x25FF), // geometric shapes (▪ ●)
    (0x2713, 0x2718), // ticks and crosses
    (0xFB00, 0xFB06), // ligature characters pasted from word processors
    (0xFFFD, 0xFFFD), // the replacement character
];

impl Metrics {
    fn load(bytes: &[u8]) -> Metrics {
        let full = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .expect("the built-in DejaVu Sans font parses: it is part of the binary");
        let mut glyphs = BTreeMap::new();
        for &(first, last) in REPERTOIRE {
            for c in (first..=last).filter_map(char::from_u32) {
                if let Some(gid) = full.lookup_glyph_index(c as u32).filter(|&g| g != 0) {
                    glyphs.insert(gid, c.to_string());
                }
            }
        }
        let reduced = printpdf::subset_font(&full, &glyphs)
            .ok()
            .and_then(|subset| ParsedFont::from_bytes(&subset.bytes, 0, &mut Vec::new()))
            .expect("the built-in font can be cut down to its repertoire");
        let units_per_em = f32::from(full.pdf_font_metrics.units_per_em);
        let mut metrics = Metrics {
            full,
            reduced,
            units_per_em,
            table: Vec::new(),
            others: Default::default(),
        };
        metrics.table = (0..TABLE_SIZE as u32)
            .map(|cp| char::from_u32(cp).map_or(0, |c| metrics.lookup(c)))
            .collect();
        metrics
    }

    fn lookup(&self, c: char) -> u16 {
        let gid = self.full.lookup_glyph_index(c as u32).unwrap_or(0);
        self.full.get_horizontal_advance(gid)
    }

    /// Whether the reduced face prints `c` as the whole face would: it has
    /// every glyph of the repertoire, and outside it a character the whole
    /// face lacks too prints as the same empty box either way.
    pub fn reduced_has(&self, c: char) -> bool {
        let cp = c as u32;
        REPERTOIRE.iter().any(|&(first, last)| (first..=last).contains(&cp))
            || self.full.lookup_glyph_index(cp).is_none_or(|g| g == 0)
    }

    fn advance(&self, c: char) -> u16 {
        if let Some(&w) = self.table.get(c as usize) {
            return w;
        }
        if let Some(&w) = self.others.read().expect("width cache").get(&c) {
            return w;
        }
        let w = self.lookup(c);
        self.others.write().expect("width cache").insert(c, w);
        w
    }

    /// The width of `text` set at `size` points, in points: the sum of the
    /// glyph advances, with no kerning, exactly as the PDF shows it.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        units as f32 * size / self.units_per_em
    }
}

/// The metrics of a face, parsed once per process.
pub fn metrics(face: Face) -> &'static Metrics {
    static REGULAR: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    match face {
        Face::Regular => REGULAR.get_or_init(|| Metrics::load(&font_file(face))),
        Face::Bold => BOLD.get_or_init(|| Metrics::load(&font_file(face))),
    }
}

/// The width of `text` in `face` at `size` points.
pub fn width(face: Face, text: &str, size: f32) -> f32 {
    metrics(face).width(text, size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    #[test]
    fn the_stored_fonts_inflate_to_exactly_dejavu_sans_2_37_as_debian_ships_it() {
        // The SHA-256 of fonts-dejavu-core 2.37-6's files (README beside them):
        // a different byte would change every PDF printed from now on.
        for (face, sha256) in [
            (
                Face::Regular,
                "abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322",
            ),
            (
                Face::Bold,
                "0d977336a6d5fba34eab8e3199eb218327161b5143749f802982c2bc34df0c96",
            ),
        ] {
            let digest = Sha256::digest(font_file(face));
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(hex, sha256, "{face:?} inflates to the font file it was made from");
        }
    }

    #[test]
    fn names_with_accents_use_real_glyphs_not_the_missing_glyph_box() {
        for face in [Face::Regular, Face::Bold] {
            let m = metrics(face);
            for parsed in [&m.full, &m.reduced] {
                for c in "ZoëNíBhriainŁukaszWiśniewskiSiân".chars() {
                    let gid = parsed.lookup_glyph_index(c as u32);
                    assert!(gid.is_some_and(|g| g != 0), "{face:?} has a glyph for {c}");
                }
            }
        }
    }

    #[test]
    fn bold_is_wider_than_regular_and_width_grows_with_size() {
        let text = "Annual appraisal record";
        let regular = width(Face::Regular, text, 10.0);
        assert!(regular > 50.0 && regular < 200.0, "plausible width: {regular}");
        assert!(width(Face::Bold, text, 10.0) > regular, "bold is wider");
        let doubled = width(Face::Regular, text, 20.0);
        assert!((doubled - 2.0 * regular).abs() < 0.01, "width scales with size");
    }

    #[test]
    fn characters_outside_the_table_are_measured_too() {
        let arrow = width(Face::Regular, "→", 10.0);
        assert!(arrow > 0.0, "an arrow has a width: {arrow}");
        assert_eq!(arrow, width(Face::Regular, "→", 10.0), "the cached width is the same");
    }

    #[test]
    fn the_reduced_face_has_every_repertoire_character_at_the_same_width() {
        for face in [Face::Regular, Face::Bold] {
            let m = metrics(face);
            let mut checked = 0;
            for &(first, last) in REPERTOIRE {
                for c in (first..=last).filter_map(char::from_u32) {
                    let Some(full) = m.full.lookup_glyph_index(c as u32).filter(|&g| g != 0) else {
                        continue;
                    };
                    let reduced = m.reduced.lookup_glyph_index(c as u32).filter(|&g| g != 0);
                    let reduced = reduced.unwrap_or_else(|| panic!("{face:?}: reduced face lacks {c:?}"));
                    assert_eq!(
                        m.reduced.get_horizontal_advance(reduced),
                        m.full.get_horizontal_advance(full),
                        "{face:?}: {c:?} keeps its width"
                    );
                    assert!(m.reduced_has(c), "{c:?} counts as in the reduced face");
                    checked += 1;
                }
            }
            assert!(checked > 1000, "{face:?}: {checked} characters checked");
            assert!(
                m.reduced.num_glyphs < m.full.num_glyphs / 2,
                "the reduced face is much smaller"
            );
            assert!(!m.reduced_has('א'), "Hebrew is in the whole face only");
            assert!(
                m.reduced_has('中'),
                "neither face has Chinese: the reduced one prints it as well"
            );
        }
    }
}
