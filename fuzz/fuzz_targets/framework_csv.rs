//! The framework importer on CSV (code,skill,competency,level,statement):
//! any bytes give a preview or an error, never a panic.
#![no_main]

use appraise_core::framework::{preview, SourceFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = preview(data, SourceFormat::Csv);
});
