//! Placement quotas that cannot fit before their deadline, whatever the
//! timetable: a counting check run with the placement planner and no
//! class at all.

use crate::model::{HostId, Instance, StudentId};
use crate::placement::classes::Classes;
use crate::placement::log::HoursLog;
use crate::placement::plan::{Options, Status, plan_all};

/// A student whose placement quota cannot be done before its deadline.
#[derive(Debug, Clone, PartialEq)]
pub enum QuotaShortfall {
    /// The hosts cannot be allocated at all.
    Unallocated,
    /// No host can take the student.
    NoHost {
        /// The student.
        student: StudentId,
        /// Why, as the allocation said (`None`: no reason given).
        why: Option<String>,
    },
    /// The host's opening hours, the student's declared days, the daily and
    /// weekly caps and the closures leave too few hours before the deadline.
    TooFewHours {
        /// The student.
        student: StudentId,
        /// Their host.
        host: HostId,
        /// Minutes that fit before the deadline.
        fits: u32,
        /// Minutes missing.
        missing: u32,
    },
}

/// Placement quotas that cannot fit before their deadline even with no
/// class at all. One shortfall per student.
pub fn quota_shortfalls(inst: &Instance) -> Vec<QuotaShortfall> {
    let Ok(outcomes) = plan_all(inst, &Classes::default(), &HoursLog::default(), Options::default()) else {
        return vec![QuotaShortfall::Unallocated];
    };
    outcomes
        .iter()
        .filter(|o| o.status == Status::CannotFinish)
        .map(|o| match o.host {
            None => QuotaShortfall::NoHost { student: o.student, why: o.no_host.clone() },
            Some(host) => QuotaShortfall::TooFewHours { student: o.student, host, fits: o.fits, missing: o.missing },
        })
        .collect()
}
