//! What files printed in an earlier layout showed differently, so `verify`
//! can render them again as they were printed.
//!
//! Layout 2 (printed until the NCCQ pathway rules of layout 3) knew no
//! earliest first sitting, checked IHRIM membership at the sitting rather
//! than at its registration date, and counted everyone without an ACC date
//! as on the pathway.

use crate::nccq::{NccqRecord, NccqSettings};

/// The NCCQ record and rules as a file of `layout` applied them.
pub(super) fn nccq_as_printed(record: &mut NccqRecord, settings: &mut NccqSettings, layout: u32) {
    if layout < 3 {
        settings.first_sitting_months = 0;
        settings.registration_weeks = 0;
        if record.staff.acc_date.is_none() {
            record.staff.nccq_pathway = Some(true);
        }
    }
}
