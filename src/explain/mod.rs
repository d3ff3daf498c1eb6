//! Infeasibility diagnosis in a planner's words.
//!
//! When the timetable model has no solution, an elastic copy is solved:
//! every hard row gets a penalised slack (leaving an activity unplaced is
//! the most expensive relaxation). The rows whose slack is used name the
//! requirements that cannot all hold together; they are grouped into
//! families (overlaps of a person, travel between sites, rooms, weekly day
//! caps, co-requisites, activities left out) with a few examples each.

use crate::model::Instance;
use crate::timetable::backend::{self, Outcome, RunSettings};
use crate::timetable::config::SolverConfig;
use crate::timetable::model::{self, Person, RowInfo};
use crate::timetable::{Progress, patterns};
use std::collections::BTreeMap;

/// One family of requirements that the elastic model had to relax.
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    /// Short name (`overlap`, `travel`, `rooms`, `days_per_week`,
    /// `corequisite`, `unplaced`).
    pub kind: &'static str,
    /// How many rows of this family were relaxed.
    pub count: usize,
    /// Up to five examples, in planner words, sorted.
    pub examples: Vec<String>,
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            "unplaced" => "activities that cannot be placed at all",
            "overlap" => "a cohort or teacher would attend two meetings at once",
            "travel" => "a cohort or teacher would be at two sites on one day without the travel time",
            "rooms" => "more meetings at a site than it has rooms large enough",
            "days_per_week" => "more days or evenings in a week than a cohort or teacher allows",
            "corequisite" => "co-requisite UEs cannot run at the same time of the year",
            _ => "other requirements",
        };
        write!(f, "{what} ({} case(s)), e.g. {}", self.count, self.examples.join("; "))
    }
}

/// Solves the elastic model and returns the relaxed families, most cases
/// first; `None` when the elastic model itself could not be solved.
pub fn diagnose(inst: &Instance, cfg: &SolverConfig, progress: Progress<'_>) -> Option<Vec<Family>> {
    progress("phase: diagnosing (elastic model)");
    let windows = model::corequisite_windows(inst);
    let set = patterns::generate(inst, &windows);
    let built = model::build(inst, &set, cfg, true);
    let slack_cols: Vec<(RowInfo, usize)> =
        built.info.iter().zip(&built.slack).filter_map(|(i, s)| s.map(|s| (i.clone(), built.column[&s]))).collect();
    let settings = RunSettings {
        time_limit: cfg.time_limit,
        relative_gap: cfg.relative_gap,
        threads: cfg.threads,
        seed: cfg.seed,
    };
    let result = backend::run(built, &settings, &|_| {});
    if !matches!(result.outcome, Outcome::Optimal | Outcome::Feasible { .. }) {
        return None;
    }
    let mut families: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (info, col) in slack_cols {
        if result.values.get(col).copied().unwrap_or(0.0) <= 1e-6 {
            continue;
        }
        let (kind, text) = describe(inst, &info);
        families.entry(kind).or_default().push(text);
    }
    let mut out: Vec<Family> = families
        .into_iter()
        .map(|(kind, mut texts)| {
            texts.sort();
            texts.dedup();
            let count = texts.len();
            texts.truncate(5);
            Family { kind, count, examples: texts }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.kind.cmp(b.kind)));
    Some(out)
}

fn person(inst: &Instance, p: &Person) -> String {
    match p {
        Person::Cohort(c) => format!("cohort {}", inst.cohorts[c.index()].id),
        Person::Teacher(t) => format!("teacher {}", inst.teachers[t.index()].id),
    }
}

fn describe(inst: &Instance, info: &RowInfo) -> (&'static str, String) {
    match info {
        RowInfo::Assign(a) => ("unplaced", format!("activity {}", inst.activities[a.index()].id)),
        RowInfo::Overlap(p, d) => ("overlap", format!("{} on {d}", person(inst, p))),
        RowInfo::Travel(p, d, s1, s2) => (
            "travel",
            format!(
                "{} between {} and {} on {d}",
                person(inst, p),
                inst.sites[s1.index()].id,
                inst.sites[s2.index()].id
            ),
        ),
        RowInfo::Rooms { site, date, seats, rooms } => {
            ("rooms", format!("{} on {date}: {rooms} room(s) of {seats}+ seats", inst.sites[site.index()].id))
        }
        RowInfo::DaysPerWeek(p, monday, cap) => {
            ("days_per_week", format!("{} in the week of {monday} (at most {cap})", person(inst, p)))
        }
        RowInfo::Corequisite(a, b) => {
            ("corequisite", format!("{} with {}", inst.ues[a.index()].code, inst.ues[b.index()].code))
        }
        RowInfo::Link => ("link", String::new()),
    }
}
