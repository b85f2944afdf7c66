//! The PDF verifier on any file a person hands it: reading the record
//! details out of untrusted bytes, then the comparison with a re-render
//! (here a fixed document, as the store is not what is being fuzzed).
#![no_main]

use appraise_core::pdf::{verify_bytes, Rerendered};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = verify_bytes(data, |meta, _layout| {
        Ok(Rerendered {
            bytes: data.to_vec(),
            current_content_sha256: meta.content_sha256.clone(),
        })
    });
});
