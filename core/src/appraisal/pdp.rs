//! The personal development plan: agreed in the meeting (learning needs,
//! activities, target dates, support) and signed with it, then kept up to
//! date by the appraisee until the next appraisal (progress, evidence,
//! reflection, completion).
//!
//! The plan is part of the signed record and is locked with it; the
//! progress is not, and lives beside it (`pdp_progress`), so the coder can
//! record what they did without touching what was agreed.
//!
//! One file each for the [`items`] agreed, the [`progress`] recorded on them
//! after signing, and the learning needs Appraise [`suggestions`] offers.

mod items;
mod progress;
mod suggestions;

pub use items::{add_pdp_item_as, remove_pdp_item_as, update_pdp_item_as, PdpItemInput};
pub use progress::{current_pdp_as, set_pdp_progress_as, team_pdp_as, PdpPlan, PdpProgressInput};
pub use suggestions::{suggest_learning_needs_as, LearningNeed};

pub(crate) use items::add_pdp_item;
pub(crate) use progress::{current_pdp, set_pdp_progress};
pub(crate) use suggestions::suggest_learning_needs;
