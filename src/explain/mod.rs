//! Infeasibility diagnosis in a planner's words.
//!
//! When the timetable model has no solution, an elastic copy is solved:
//! every hard row gets a penalised slack (leaving an activity unplaced is
//! the most expensive relaxation). The rows whose slack is used name the
//! requirements that cannot all hold together; they are grouped into
//! families (overlaps of a person, travel between sites, rooms, weekly day
//! caps, co-requisites, activities left out) with a few examples each.

use crate::calendar;
use crate::model::{ActivityId, Instance, Period};
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
        let hint = match self.kind {
            "unplaced" => "give them more slots, hours in another period, or fewer hours",
            "overlap" => "spread these activities over more weeks, open more slots, or move hours to another period",
            "travel" => "put the day's meetings at one site, or leave more time between the slots",
            "rooms" => "add rooms with enough seats at that site, or move meetings to another site",
            "days_per_week" => "raise the weekly cap, or spread the hours over more weeks",
            "corequisite" => "put the co-requisite UEs in the same period",
            _ => "relax one of them",
        };
        write!(f, "{what} ({} case(s)), e.g. {}; to fix: {hint}", self.count, self.examples.join("; "))
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
    let settings = RunSettings::from_config(cfg);
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

/// Counting checks that need no solver: for every leaf cohort and period,
/// the meetings its activities need against the meetings its time grid can
/// hold in that period (open dates × non-overlapping slots), and the same
/// for every teacher on the slots when they are available. Each message
/// names the cohort or teacher, the period and both numbers.
pub fn counting_problems(inst: &Instance) -> Vec<String> {
    let mut out = cohort_counting_problems(inst);
    out.extend(teacher_counting_problems(inst));
    out.extend(room_counting_problems(inst));
    out
}

/// Counting checks per site and period: the meetings that must take place
/// at a site (fixed-site activities, and half of an alternating one's)
/// needing a room of at least a given size, against the rooms that large
/// times the slots those rooms can hold in the period (open dates × slots
/// of the grids used there that do not overlap).
pub fn room_counting_problems(inst: &Instance) -> Vec<String> {
    use crate::model::SiteRule;
    let mut out = Vec::new();
    for period in [Period::Q1, Period::Q2] {
        let ranges = period.ranges(&inst.calendar);
        for (si, site) in inst.sites.iter().enumerate() {
            // (students, meetings) of what must happen here in the period.
            let mut need: Vec<(u32, u32)> = Vec::new();
            let mut grids: Vec<&crate::model::TimeGrid> = Vec::new();
            for (ai, act) in inst.activities.iter().enumerate() {
                let a = ActivityId::from_index(ai);
                let p = crate::timetable::patterns::period_of(inst, a);
                if !p.ranges(&inst.calendar).iter().all(|r| ranges.iter().any(|big| big.covers(r))) {
                    continue;
                }
                let n = act.minutes.div_ceil(act.session_minutes);
                let here = match &act.site {
                    SiteRule::Fixed(s) if s.index() == si => n,
                    SiteRule::Alternate(x, y) if x.index() == si || y.index() == si => n / 2,
                    _ => 0,
                };
                if here == 0 {
                    continue;
                }
                need.push((inst.activity_students(a), here));
                let g = inst.grid_of(a);
                if !grids.iter().any(|h| h.id == g.id) {
                    grids.push(g);
                }
            }
            if need.is_empty() {
                continue;
            }
            let slots_per_room = slot_capacity(grids.iter().flat_map(|g| calendar::slots(&inst.calendar, g, &period)));
            let mut caps: Vec<u32> = site.rooms.iter().map(|r| inst.rooms[r.index()].capacity).collect();
            caps.sort_unstable();
            caps.dedup();
            let mut below = 0;
            for &c in &caps {
                let rooms = site.rooms.iter().filter(|r| inst.rooms[r.index()].capacity >= c).count() as u32;
                let needed: u32 = need.iter().filter(|(st, _)| *st > below).map(|(_, n)| n).sum();
                let available = rooms * slots_per_room;
                if needed > available {
                    out.push(format!(
                        "site {} needs {needed} meetings in {} in rooms of {}+ seats but its {rooms} such room(s) hold only {available} ({slots_per_room} slots each)",
                        site.id,
                        period.label(),
                        below + 1
                    ));
                    break;
                }
                below = c;
            }
        }
    }
    out
}

/// Placement quotas that cannot fit before their deadline even with no
/// class at all: the host's opening hours, the student's declared days,
/// the daily and weekly caps and the closures leave too few hours (or no
/// host can take the student). One sentence per student.
pub fn placement_problems(inst: &Instance) -> Vec<String> {
    use crate::placement::plan::{Options, Status, plan_all};
    let classes = crate::placement::classes::Classes::default();
    let log = crate::placement::log::HoursLog::default();
    let Ok(outcomes) = plan_all(inst, &classes, &log, Options::default()) else {
        return vec!["the placement hosts cannot be allocated (see `horaire placements plan`)".to_string()];
    };
    let p = &inst.placements;
    outcomes
        .iter()
        .filter(|o| o.status == Status::CannotFinish)
        .map(|o| {
            let st = &p.students[o.student.index()];
            let req = &p.requirements[st.requirement.index()];
            let quota = crate::model::time::hours_string(req.minutes);
            match o.host {
                None => format!(
                    "student {} cannot do the {quota} h of {}: {}",
                    st.id,
                    req.id,
                    o.no_host.clone().unwrap_or_else(|| "no host can take them".into())
                ),
                Some(h) => format!(
                    "student {} needs {quota} h for {} by {} but at most {} h fit at host {} (opening hours, declared days, caps, closures): {} h missing",
                    st.id,
                    req.id,
                    req.window.to,
                    crate::model::time::hours_string(o.fits),
                    p.hosts[h.index()].id,
                    crate::model::time::hours_string(o.missing)
                ),
            }
        })
        .collect()
}

/// Counting checks per leaf cohort (see [`counting_problems`]).
pub fn cohort_counting_problems(inst: &Instance) -> Vec<String> {
    let mut out = Vec::new();
    for leaf in inst.leaf_cohorts() {
        let attending: Vec<ActivityId> = (0..inst.activities.len())
            .map(ActivityId::from_index)
            .filter(|&a| inst.activities[a.index()].cohorts.iter().any(|&c| c == leaf || inst.is_ancestor(c, leaf)))
            .collect();
        let Some(&first) = attending.first() else { continue };
        let grid = inst.grid_of(first);
        let mut periods: Vec<Period> = Vec::new();
        for &a in &attending {
            let p = crate::timetable::patterns::period_of(inst, a);
            if !periods.contains(&p) {
                periods.push(p);
            }
        }
        for period in periods {
            let ranges = period.ranges(&inst.calendar);
            let within = |a: ActivityId| {
                crate::timetable::patterns::period_of(inst, a)
                    .ranges(&inst.calendar)
                    .iter()
                    .all(|r| ranges.iter().any(|big| big.covers(r)))
            };
            let needed: u32 = attending
                .iter()
                .filter(|&&a| within(a))
                .map(|&a| {
                    let act = &inst.activities[a.index()];
                    act.minutes.div_ceil(act.session_minutes)
                })
                .sum();
            let available = grid_capacity(inst, grid, &period);
            if needed > available {
                out.push(format!(
                    "cohort {} needs {needed} meetings in {} but its time grid {} opens {available} (open dates × slots that do not overlap)",
                    inst.cohorts[leaf.index()].id,
                    period.label(),
                    grid.id
                ));
            }
        }
    }
    out
}

/// How many meetings a grid can hold in a period.
fn grid_capacity(inst: &Instance, grid: &crate::model::TimeGrid, period: &Period) -> u32 {
    slot_capacity(calendar::slots(&inst.calendar, grid, period))
}

/// How many meetings a set of calendar slots can hold: per date, the most
/// slots that do not overlap each other (earliest end first).
fn slot_capacity(slots: impl IntoIterator<Item = calendar::CalendarSlot>) -> u32 {
    let mut by_date: std::collections::BTreeMap<_, Vec<_>> = std::collections::BTreeMap::new();
    for s in slots {
        by_date.entry(s.date).or_default().push((s.end, s.start));
    }
    by_date
        .values_mut()
        .map(|v| {
            v.sort();
            v.dedup();
            let mut count = 0;
            let mut free_from = None;
            for &(end, start) in v.iter() {
                if free_from.is_none_or(|f| start >= f) {
                    count += 1;
                    free_from = Some(end);
                }
            }
            count
        })
        .sum()
}

/// Counting checks per teacher: for every period, the meetings of the
/// teacher's activities against the slots (of the grids those activities
/// use) when the teacher is available.
pub fn teacher_counting_problems(inst: &Instance) -> Vec<String> {
    let mut out = Vec::new();
    for (ti, teacher) in inst.teachers.iter().enumerate() {
        let acts: Vec<ActivityId> = (0..inst.activities.len())
            .map(ActivityId::from_index)
            .filter(|&a| inst.activities[a.index()].teachers.iter().any(|t| t.index() == ti))
            .collect();
        let mut periods: Vec<Period> = Vec::new();
        for &a in &acts {
            let p = crate::timetable::patterns::period_of(inst, a);
            if !periods.contains(&p) {
                periods.push(p);
            }
        }
        for period in periods {
            let ranges = period.ranges(&inst.calendar);
            let within: Vec<ActivityId> = acts
                .iter()
                .copied()
                .filter(|&a| {
                    crate::timetable::patterns::period_of(inst, a)
                        .ranges(&inst.calendar)
                        .iter()
                        .all(|r| ranges.iter().any(|big| big.covers(r)))
                })
                .collect();
            let needed: u32 = within
                .iter()
                .map(|&a| {
                    let act = &inst.activities[a.index()];
                    act.minutes.div_ceil(act.session_minutes)
                })
                .sum();
            let mut grids: Vec<&str> = Vec::new();
            let mut slots = Vec::new();
            for &a in &within {
                let grid = inst.grid_of(a);
                if grids.contains(&grid.id.as_str()) {
                    continue;
                }
                grids.push(grid.id.as_str());
                slots.extend(
                    calendar::slots(&inst.calendar, grid, &period)
                        .into_iter()
                        .filter(|s| teacher.available(s.date, s.start, s.end)),
                );
            }
            let available = slot_capacity(slots);
            if needed > available {
                out.push(format!(
                    "teacher {} needs {needed} meetings in {} but is available for only {available} (slots of grid {} outside their unavailability)",
                    teacher.id,
                    period.label(),
                    grids.join(", ")
                ));
            }
        }
    }
    out
}

/// The whole explanation of an instance: counting checks, activities
/// without any meeting pattern, then (only when both are clean) the
/// families relaxed by the elastic model.
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    /// Failed counting checks, one sentence each.
    pub counting: Vec<String>,
    /// Activities that cannot meet at all, one sentence each.
    pub no_pattern: Vec<String>,
    /// Families relaxed by the elastic model (empty: nothing to relax).
    pub families: Vec<Family>,
    /// Whether the elastic model could be solved (false: no diagnosis).
    pub elastic_solved: bool,
}

impl Explanation {
    /// Whether nothing stands in the way of a timetable.
    pub fn feasible(&self) -> bool {
        self.counting.is_empty() && self.no_pattern.is_empty() && self.elastic_solved && self.families.is_empty()
    }

    /// Every sentence, most fundamental first.
    pub fn sentences(&self) -> Vec<String> {
        let mut out: Vec<String> = self.counting.clone();
        out.extend(self.no_pattern.iter().cloned());
        out.extend(self.families.iter().map(|f| f.to_string()));
        out
    }
}

/// Explains an instance: counting checks first (no MIP), then activities
/// without patterns, then the elastic model.
pub fn explain(inst: &Instance, cfg: &SolverConfig, progress: Progress<'_>) -> Explanation {
    let mut counting = counting_problems(inst);
    counting.extend(placement_problems(inst));
    let mut e = Explanation { counting, ..Explanation::default() };
    if !e.counting.is_empty() {
        return e;
    }
    let windows = model::corequisite_windows(inst);
    let set = patterns::generate(inst, &windows);
    e.no_pattern = set
        .empty
        .iter()
        .map(|(a, why)| {
            let act = &inst.activities[a.index()];
            format!("activity {} of {} cannot meet at all: {why}", act.id, inst.ues[act.ue.index()].code)
        })
        .collect();
    if !e.no_pattern.is_empty() {
        return e;
    }
    match diagnose(inst, cfg, progress) {
        Some(f) => {
            e.families = f;
            e.elastic_solved = true;
        }
        None => e.elastic_solved = false,
    }
    e
}
