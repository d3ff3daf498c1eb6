//! Checking a timetable against an instance as a change file
//! (`horaire-changes/1`) leaves it: `horaire check --changes`.
//!
//! The change file is read and applied by the plain data functions of
//! [`crate::model::changes`]: unavailability is added to the teacher,
//! closures to the calendar, new volumes to the activities, so the
//! ordinary rules see them. Room closures have no place in the instance
//! format; they are kept beside it as [`RoomClosure`]s for the
//! [`Rule::RoomClosed`](super::Rule::RoomClosed) rule.

use crate::model::Instance;
use crate::model::changes::{Changes, RoomClosure, apply};
use crate::model::timetable::TimetableFile;
use chrono::NaiveDate;

/// The instance as a change file leaves it, ready for checking.
#[derive(Debug, Clone)]
pub struct ChangedInstance {
    /// The instance with teacher unavailability, closures and new volumes
    /// applied.
    pub instance: Instance,
    /// The rooms closed by the change file, in file order.
    pub closed_rooms: Vec<RoomClosure>,
    /// The change file's `from`: meetings before it are in the past.
    pub from: NaiveDate,
    /// How many events the file holds.
    pub events: usize,
}

/// Applies a validated change file to `instance` for checking.
pub fn changed_instance(instance: &Instance, changes: &Changes) -> ChangedInstance {
    ChangedInstance {
        instance: apply(instance, changes),
        closed_rooms: changes.room_closures(),
        from: changes.from,
        events: changes.events.len(),
    }
}

impl ChangedInstance {
    /// One line for the planner: how many events were applied and how many
    /// meetings of `timetable` lie before the change file's `from` (the
    /// past, which stays as it was) and from it on. Meetings whose
    /// date cannot be read are counted in neither.
    pub fn note(&self, timetable: &TimetableFile) -> String {
        let from = self.from.format("%Y-%m-%d").to_string();
        let dates = timetable.meetings.iter().filter(|m| crate::model::time::parse_date(&m.date).is_some());
        let (past, future) = dates.fold((0, 0), |(p, f), m| if m.date < from { (p + 1, f) } else { (p, f + 1) });
        format!(
            "change file applied ({} event(s)): {past} meeting(s) before {from} (the past), {future} from {from} on.",
            self.events
        )
    }
}
