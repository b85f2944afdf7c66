//! The chain's arithmetic, with nothing else: the digest of a row's detail
//! and the hash over a row's fields. A leaf (no store), so the store's
//! migration that re-hashes an older chain uses the same formula as
//! [`super::chain`].

use sha2::{Digest, Sha256};

/// The detail of a row erased by disposal: the person's data is gone, the
/// row's digest (and so the chain) stays.
pub(crate) const ERASED: &str = "{\"erased\":\"disposal\"}";

/// SHA-256 of a row's detail text, in lower-case hex: what the chain hashes
/// in place of the detail, so the detail alone can be erased.
pub(crate) fn digest(detail: &str) -> String {
    hex(&Sha256::digest(detail.as_bytes()))
}

/// SHA-256, in lower-case hex, over the fields in order. Each field is
/// written as "<length in bytes>:<field>\n", so no two different rows give
/// the same bytes ("ab"+"c" and "a"+"bc" differ).
pub(crate) fn over(fields: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for field in fields {
        hasher.update(field.len().to_string().as_bytes());
        hasher.update(b":");
        hasher.update(field.as_bytes());
        hasher.update(b"\n");
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_sha256_of_the_detail_text() {
        assert_eq!(
            digest(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "SHA-256 of nothing"
        );
    }

    #[test]
    fn fields_are_length_prefixed_so_boundaries_count() {
        assert_ne!(
            over(&["ab", "c"]),
            over(&["a", "bc"]),
            "moving a boundary changes the hash"
        );
    }
}
