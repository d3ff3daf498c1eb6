//! When an activity may meet: its period, its co-requisite window and its
//! teachers' availability, date by date. The pattern generator and the
//! counting checks both start from these dates.

use crate::calendar;
use crate::model::time::DateRange;
use crate::model::{ActivityId, Instance, Period, SlotTemplate, UeId};
use chrono::NaiveDate;

/// The period of an activity (its UE's).
pub fn period_of(inst: &Instance, a: ActivityId) -> Period {
    inst.ues[inst.activities[a.index()].ue.index()].period
}

/// Whether every date range of `inner` lies inside one of `outer`'s.
pub(crate) fn within_ranges(inner: &[DateRange], outer: &[DateRange]) -> bool {
    inner.iter().all(|r| outer.iter().any(|big| big.covers(r)))
}

/// Whether activity `a`'s period lies inside `period` (`None`: the year).
pub(crate) fn within_period(inst: &Instance, a: ActivityId, period: Option<&Period>) -> bool {
    let Some(period) = period else { return true };
    within_ranges(&period_of(inst, a).ranges(&inst.calendar), &period.ranges(&inst.calendar))
}

/// The usable dates of each slot template for activity `a`: open, in its
/// period, inside its co-requisite `window` (if any) and from `from` on
/// (if given), with every teacher available for a whole session.
pub fn usable_dates(
    inst: &Instance,
    a: ActivityId,
    templates: &[&SlotTemplate],
    window: Option<&Vec<DateRange>>,
    from: Option<NaiveDate>,
) -> Vec<Vec<NaiveDate>> {
    let period = period_of(inst, a);
    let session = inst.activities[a.index()].session_minutes;
    templates
        .iter()
        .map(|t| {
            calendar::template_dates(&inst.calendar, t, &period)
                .into_iter()
                .filter(|d| from.is_none_or(|f| *d >= f))
                .filter(|d| window.is_none_or(|w| w.iter().any(|r| r.contains(*d))))
                .filter(|d| {
                    let slot = calendar::CalendarSlot { date: *d, start: t.start, end: t.start.plus_minutes(session) };
                    calendar::teachers_free(inst, a, &slot)
                })
                .collect()
        })
        .collect()
}

/// The co-requisite windows of activities whose UE's co-requisite is a
/// placement UE without sessions: the requirement windows.
pub fn corequisite_windows(inst: &Instance) -> Vec<Option<Vec<DateRange>>> {
    let mut out = vec![None; inst.activities.len()];
    for (u, ue) in inst.ues.iter().enumerate() {
        let partners: Vec<UeId> = inst
            .ues
            .iter()
            .enumerate()
            .filter(|(_, o)| o.corequisite == Some(UeId::from_index(u)))
            .map(|(i, _)| UeId::from_index(i))
            .chain(ue.corequisite)
            .collect();
        for v in partners {
            if !inst.ues[v.index()].activities.is_empty() {
                continue;
            }
            let windows: Vec<DateRange> =
                inst.placements.requirements.iter().filter(|r| r.ue == v).map(|r| r.window).collect();
            if windows.is_empty() {
                continue;
            }
            for a in &ue.activities {
                out[a.index()] = Some(windows.clone());
            }
        }
    }
    out
}
