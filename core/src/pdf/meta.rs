//! The record details every PDF carries (kind, record id, version, content
//! hash, generated-at time, layout version) as one string in the document
//! information dictionary: written by [`super::write`], read back by
//! [`super::verify`].

use chrono::NaiveDateTime;

use super::{DocumentKind, DocumentMeta};

/// The version of the layout and writer. Bump it whenever the same document
/// would render to different bytes, so that files printed before are told
/// apart from files that were altered. Layout 3 added the document's
/// language and asks viewers to show its title (`write.rs`).
pub const LAYOUT_VERSION: u32 = 3;

/// The oldest layout this version can still render, so a file printed
/// under it is checked byte for byte (`verify.rs`). Layout 1 was never
/// released with record details a verifier could read.
pub const FIRST_LAYOUT: u32 = 2;

/// The key in the document information dictionary that carries the
/// record's details for `verify`.
pub const META_KEY: &str = "AppraiseRecord";

/// The record details embedded in a PDF Appraise printed, and the layout
/// version that printed it; `None` when there are none or they are damaged.
pub fn read_meta(file: &[u8]) -> Option<(DocumentMeta, u32)> {
    let marker = format!("/{META_KEY}");
    let after_key = rfind(file, marker.as_bytes())? + marker.len();
    // The writer puts no space between a key and its string, but the PDF
    // syntax allows one.
    let open = after_key + file[after_key..].iter().position(|b| !b.is_ascii_whitespace())?;
    if file[open] != b'(' {
        return None;
    }
    let start = open + 1;
    let len = file[start..].iter().position(|&b| b == b')')?;
    let text = std::str::from_utf8(&file[start..start + len]).ok()?;
    parse_meta(text)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The embedded form: `appraise=1;kind=…;record=…;version=…;sha256=…;
/// generated=…;layout=…`. Only letters, digits and `=;-:.%` appear, so it
/// needs no escaping inside a PDF string.
pub(crate) fn meta_string(meta: &DocumentMeta, layout: u32) -> String {
    format!(
        "appraise=1;kind={};record={};version={};sha256={};generated={};layout={layout}",
        meta.kind.code(),
        percent_encode(&meta.record_id),
        meta.version,
        meta.content_sha256.to_ascii_lowercase(),
        meta.generated_at.format("%Y-%m-%dT%H:%M:%S"),
    )
}

fn parse_meta(text: &str) -> Option<(DocumentMeta, u32)> {
    let field = |name: &str| {
        text.split(';')
            .find_map(|part| part.strip_prefix(name)?.strip_prefix('='))
    };
    if field("appraise")? != "1" {
        return None;
    }
    let sha = field("sha256")?;
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let meta = DocumentMeta {
        kind: DocumentKind::from_code(field("kind")?)?,
        record_id: percent_decode(field("record")?)?,
        version: field("version")?.parse().ok()?,
        content_sha256: sha.to_owned(),
        generated_at: NaiveDateTime::parse_from_str(field("generated")?, "%Y-%m-%dT%H:%M:%S").ok()?,
    };
    Some((meta, field("layout")?.parse().ok()?))
}

fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
