//! The framework importer on the department's text format: any bytes give a
//! preview or an error, never a panic.
#![no_main]

use appraise_core::framework::{preview, SourceFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = preview(data, SourceFormat::Text);
});
