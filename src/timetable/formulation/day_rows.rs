//! The rows by person and day: a person attends at most one meeting at a
//! time (a row per clique of overlapping meetings), travels between sites
//! only with the time for it (see [`super::travel`]), and teaches or
//! studies on at most its limit of days a week.

use super::rows::{Builder, Occ, Person, RowInfo, cliques_of, distinct_activities, max_days};
use super::travel::travel_rows;
use crate::model::Instance;
use chrono::NaiveDate;
use good_lp::{Expression, Variable, variable};
use std::collections::BTreeMap;

/// Per person and date: clique rows, travel rows, and the day indicators
/// the days-per-week rows count.
pub(super) fn person_day_rows(b: &mut Builder, inst: &Instance, x: &[Variable], persons: &BTreeMap<Person, Vec<Occ>>) {
    for (&who, occs) in persons {
        let cap = max_days(inst, who);
        let mut day_vars: BTreeMap<NaiveDate, Variable> = BTreeMap::new();
        for day in occs.chunk_by(|a, b| a.date == b.date) {
            let date = day[0].date;
            let cliques = cliques_of(day);
            for c in &cliques {
                if distinct_activities(day, c) >= 2 {
                    b.push_le_set(x, c.iter().map(|&i| day[i].p), 1.0, RowInfo::Overlap(who, date));
                }
            }
            travel_rows(b, inst, x, who, day);
            if cap.is_some() {
                let y = b.var(variable().min(0.0).max(1.0));
                for c in &cliques {
                    let mut e = Expression::default();
                    for &i in c {
                        e.add_mul(1.0, x[day[i].p]);
                    }
                    e.add_mul(-1.0, y);
                    b.push_def(e, 0.0, y);
                }
                let _ = day_vars.insert(date, y);
            }
        }
        if let Some(cap) = cap {
            let mut weeks: BTreeMap<NaiveDate, Vec<Variable>> = BTreeMap::new();
            for (d, y) in &day_vars {
                weeks.entry(crate::model::time::monday_of(*d)).or_default().push(*y);
            }
            for (monday, ys) in weeks {
                if ys.len() as u32 > cap {
                    let mut e = Expression::default();
                    for y in ys {
                        e.add_mul(1.0, y);
                    }
                    b.push_le(e, f64::from(cap), RowInfo::DaysPerWeek(who, monday, cap));
                }
            }
        }
    }
}
