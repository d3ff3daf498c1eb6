//! Infeasibility diagnosis in a planner's words.
//!
//! In order, each step stopping the diagnosis when it decides:
//! 1. counting checks with no solver (cohorts, teachers, sites and their
//!    weekly windows, placement quotas): a failure proves infeasibility;
//! 2. activities with no meeting pattern at all;
//! 3. a timetable built programme by programme in which only room rows may
//!    overflow: with no overflow (and the independent checker agreeing) the
//!    instance is feasible;
//! 4. the rooms-only elastic model (every row hard except room capacity),
//!    started from step 3: a positive lower bound on the meetings beyond
//!    the rooms proves infeasibility, and its answer shows where rooms are
//!    short (site, room size, dates, slots, activities);
//! 5. the same programme by programme build with only one other family of
//!    rows relaxed (weekly caps, travel, co-requisites, overlaps, in that
//!    order): the first that gives a timetable explains the instance in
//!    that family's words (proven when the first programme, solved alone,
//!    already needs it);
//! 6. the elastic copy of the whole model: every hard row gets a penalised
//!    slack (leaving an activity unplaced is the most expensive
//!    relaxation). The rows whose slack is used are grouped into families
//!    (overlaps of a person, travel between sites, rooms, weekly day caps,
//!    co-requisites, activities left out) with a few examples each.
//!
//! Infeasibility is only claimed with a proof (a failed counting check, or
//! a positive lower bound of an elastic model); otherwise the explanation
//! says that the question is undecided and shows the best attempt.

pub mod rooms;

use crate::calendar;
use crate::model::{ActivityId, Instance, Period};
use crate::timetable::backend::{self, Outcome, RunSettings};
use crate::timetable::config::SolverConfig;
use crate::timetable::formulation::{self as model, Elastic, Person, RowInfo};
use crate::timetable::patterns::PatternSet;
use crate::timetable::{Progress, patterns};
use std::collections::BTreeMap;
use std::time::Instant;

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

/// What the elastic model of the whole model said.
#[derive(Debug, Clone, Default)]
pub struct Diagnosis {
    /// The relaxed families, most cases first.
    pub families: Vec<Family>,
    /// Whether the solver proved that some slack is needed (a positive
    /// lower bound): only then is the instance infeasible for sure.
    pub proven: bool,
    /// Whether no slack was needed and the answer is a timetable that the
    /// independent checker accepts.
    pub witness: bool,
}

/// Whether a run's lower bound on the total slack is positive.
fn bound_positive(r: &backend::RunResult) -> bool {
    match r.outcome {
        Outcome::Optimal => r.objective > 1e-6,
        Outcome::Feasible { gap } => r.objective * (1.0 - gap) > 1e-6,
        _ => false,
    }
}

/// Solves the elastic model over the pattern set `set` of `inst` within
/// `seconds` and returns the relaxed families; `None` when the elastic
/// model itself could not be solved.
pub fn diagnose(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    seconds: f64,
    progress: Progress<'_>,
) -> Option<Diagnosis> {
    progress("phase: diagnosing (elastic model of every requirement)");
    let built = model::build(inst, set, cfg, true);
    let slack_cols: Vec<(RowInfo, usize)> =
        built.info.iter().zip(&built.slack).filter_map(|(i, s)| s.map(|s| (i.clone(), built.column[&s]))).collect();
    let x_cols: Vec<usize> = built.pattern_columns();
    let mut settings = RunSettings::from_config(cfg);
    settings.time_limit = seconds.max(1.0);
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
    // No slack at all: a timetable, if the independent checker agrees.
    let witness = out.is_empty() && {
        let chosen: Vec<usize> = set
            .by_activity
            .iter()
            .filter_map(|r| r.clone().find(|&p| result.values.get(x_cols[p]).copied().unwrap_or(0.0) > 0.5))
            .collect();
        witness_holds(inst, set, &chosen)
    };
    Some(Diagnosis { proven: bound_positive(&result), families: out, witness })
}

/// A config for feasibility runs: no soft cost at all, so that any
/// timetable meeting the hard rows is optimal.
fn feasibility_config(cfg: &SolverConfig) -> SolverConfig {
    let mut c = cfg.clone();
    c.weights.saturday = 0.0;
    c.weights.late = 0.0;
    c.weights.enrolment_overlap = 0.0;
    c.weights.site_change = 0.0;
    c.weights.weekly_peak = 0.0;
    c
}

/// The answer of one programme's rooms-only model.
struct ProgrammeRun {
    /// (activity, pattern index into the full set) for the programme.
    picks: Vec<(usize, usize)>,
    /// Meetings beyond the rooms in that answer.
    objective: f64,
    /// Whether the lower bound is positive.
    proven: bool,
    /// The relaxed rows that the answer breaks.
    relaxed: Vec<RowInfo>,
}

/// Solves programme `g` with every row hard except room capacity (whose
/// overflow is minimised): its activities get all their patterns, the
/// others keep their `fixed` pattern or are left out (`None`). With every
/// other activity left out the model is a relaxation of the instance, so
/// a positive bound proves infeasibility. `current`: a starting choice for
/// the programme's activities.
#[allow(clippy::too_many_arguments)]
fn solve_programme(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    elastic: Elastic,
    g: usize,
    fixed: &[Option<usize>],
    current: Option<&[usize]>,
    seconds: f64,
) -> Option<ProgrammeRun> {
    let programme_of = |a: usize| inst.ues[inst.activities[a].ue.index()].programme.index();
    let mut sub = PatternSet::default();
    let mut back: Vec<usize> = Vec::new();
    for (a, f) in fixed.iter().enumerate() {
        let first = sub.patterns.len();
        let keep: Vec<usize> =
            if programme_of(a) == g { set.by_activity[a].clone().collect() } else { f.iter().copied().collect() };
        for p in keep {
            sub.patterns.push(set.patterns[p].clone());
            back.push(p);
        }
        sub.by_activity.push(first..sub.patterns.len());
    }
    let built = model::build_elastic(inst, &sub, cfg, elastic);
    let cols: Vec<usize> = built.pattern_columns();
    let slack_cols: Vec<(RowInfo, usize)> =
        built.info.iter().zip(&built.slack).filter_map(|(i, s)| s.map(|s| (i.clone(), built.column[&s]))).collect();
    let mut settings = RunSettings::from_config(cfg);
    settings.time_limit = seconds;
    settings.start = current.map(|cur| {
        let mut v = vec![0.0; built.vars.len()];
        for (q, p) in back.iter().enumerate() {
            if cur.contains(p) {
                v[cols[q]] = 1.0;
            }
        }
        v
    });
    let result = backend::run(built, &settings, &|_| {});
    if !matches!(result.outcome, Outcome::Optimal | Outcome::Feasible { .. }) {
        return None;
    }
    let mut picks = Vec::new();
    for (a, range) in sub.by_activity.iter().enumerate() {
        if programme_of(a) == g {
            // Only the elastic model of everything may leave one unplaced.
            match range.clone().find(|&q| result.values[cols[q]] > 0.5) {
                Some(q) => picks.push((a, back[q])),
                None if elastic == Elastic::All => {}
                None => return None,
            }
        }
    }
    let relaxed = slack_cols
        .into_iter()
        .filter(|(_, c)| result.values.get(*c).copied().unwrap_or(0.0) > 1e-6)
        .map(|(i, _)| i)
        .collect();
    Some(ProgrammeRun { picks, objective: result.objective, proven: bound_positive(&result), relaxed })
}

/// What relaxing one family of rows alone gave.
enum FamilyStage {
    /// A timetable meeting every requirement (checked).
    Feasible,
    /// Every programme placed with only that family relaxed: the rows it
    /// breaks, and whether that is proven necessary.
    Short(Family, bool),
    /// Some programme could not be placed even so (or not in time).
    Unknown,
}

/// Programme by programme (the largest first, each with the earlier ones
/// fixed), only the rows of `family` relaxed, within `seconds`.
fn family_stage(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    family: &'static str,
    placed: &[Option<usize>],
    seconds: f64,
    progress: Progress<'_>,
) -> FamilyStage {
    let started = Instant::now();
    let cfg = &feasibility_config(cfg);
    let programme_of = |a: usize| inst.ues[inst.activities[a].ue.index()].programme.index();
    // Programmes already placed (with every row holding) stay as they are.
    let order: Vec<usize> = programme_order(inst)
        .into_iter()
        .filter(|&g| !placed.iter().enumerate().any(|(a, p)| p.is_some() && programme_of(a) == g))
        .collect();
    let none_placed = placed.iter().all(Option::is_none);
    let weight = |g: usize| (0..inst.activities.len()).filter(|&a| programme_of(a) == g).count().max(1) as f64;
    let mut weight_left: f64 = order.iter().map(|&g| weight(g)).sum();
    let mut fixed: Vec<Option<usize>> = placed.to_vec();
    let mut proven = false;
    let mut relaxed: Vec<RowInfo> = Vec::new();
    for (k, &g) in order.iter().enumerate() {
        let share = if cfg.reproducible() {
            seconds
        } else {
            (seconds - started.elapsed().as_secs_f64()).max(0.0) * weight(g) / weight_left.max(1.0)
        };
        weight_left -= weight(g);
        if share < 0.2 {
            return FamilyStage::Unknown;
        }
        let Some(run) = solve_programme(inst, set, cfg, Elastic::Only(family), g, &fixed, None, share) else {
            return FamilyStage::Unknown;
        };
        for (a, p) in &run.picks {
            fixed[*a] = Some(*p);
        }
        // The first programme, with nothing placed before, is solved
        // alone: a relaxation.
        proven |= k == 0 && none_placed && run.proven;
        // The last run holds every activity: its rows are the whole model's.
        relaxed = run.relaxed;
    }
    let chosen: Vec<usize> = fixed.iter().flatten().copied().collect();
    if relaxed.is_empty() {
        if witness_holds(inst, set, &chosen) {
            progress("explain: a timetable meeting every requirement exists (checked)");
            return FamilyStage::Feasible;
        }
        return FamilyStage::Unknown;
    }
    let mut texts: Vec<String> = relaxed.iter().map(|i| describe(inst, i).1).collect();
    texts.sort();
    texts.dedup();
    let count = texts.len();
    texts.truncate(5);
    progress(&format!("explain: relaxing only {family} gives a timetable ({count} case(s))"));
    FamilyStage::Short(Family { kind: family, count, examples: texts }, proven)
}

/// Programmes with meetings, the largest first.
fn programme_order(inst: &Instance) -> Vec<usize> {
    let meetings = |g: usize| -> u32 {
        inst.activities
            .iter()
            .filter(|act| inst.ues[act.ue.index()].programme.index() == g)
            .map(|act| act.minutes.div_ceil(act.session_minutes))
            .sum()
    };
    let mut order: Vec<usize> = (0..inst.programmes.len()).filter(|&g| meetings(g) > 0).collect();
    order.sort_by_key(|&g| (std::cmp::Reverse(meetings(g)), g));
    order
}

/// Whether the `chosen` patterns make a timetable that the independent
/// checker accepts (rooms assigned).
fn witness_holds(inst: &Instance, set: &PatternSet, chosen: &[usize]) -> bool {
    use crate::timetable::patterns::Meeting;
    let meetings: Vec<(ActivityId, Meeting)> = chosen
        .iter()
        .flat_map(|&p| set.patterns[p].meetings.iter().map(move |m| (set.patterns[p].activity, *m)))
        .collect();
    let Some(rooms) = crate::timetable::rooms::assign(inst, &meetings) else { return false };
    let mut files: Vec<_> =
        meetings.iter().zip(&rooms).map(|((a, m), r)| crate::timetable::meeting_file(inst, *a, m, *r)).collect();
    crate::timetable::sort_meetings(&mut files);
    let tt = crate::model::timetable::TimetableFile {
        format: crate::model::timetable::TIMETABLE_FORMAT.to_string(),
        instance: inst.name.clone(),
        meetings: files,
        report: None,
    };
    crate::check::check_timetable(inst, &tt).is_empty()
}

/// What the rooms-only stage decided.
enum RoomStage {
    /// A timetable meeting every requirement (checked).
    Feasible,
    /// A timetable meeting every requirement but room capacity: its
    /// overruns, and whether more rooms are proven necessary.
    Short(Vec<rooms::Overflow>, bool),
    /// Even unlimited rooms gave no timetable in time (or at all); the
    /// families that the elastic model of the programme that could not be
    /// placed relaxed, most rows first (a hint of where to look), and the
    /// patterns of the programmes placed before it (every row holding).
    Unknown(Vec<&'static str>, Vec<Option<usize>>),
}

fn meetings_beyond_rooms(over: &[rooms::Overflow]) -> u32 {
    over.iter().map(rooms::Overflow::excess).sum()
}

/// Steps 3 and 4 of the module documentation, within `seconds`:
/// programme by programme (the largest first, each with the earlier ones
/// fixed), then each programme re-solved with the others fixed while rooms
/// overflow, then proofs: each programme alone, and the whole rooms-only
/// model from the best choice found.
fn room_stage(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    seconds: f64,
    progress: Progress<'_>,
) -> RoomStage {
    let started = Instant::now();
    let left = || seconds - started.elapsed().as_secs_f64();
    let cfg = &feasibility_config(cfg);
    let order = programme_order(inst);
    let programme_of = |a: usize| inst.ues[inst.activities[a].ue.index()].programme.index();
    let weight = |g: usize| (0..inst.activities.len()).filter(|&a| programme_of(a) == g).count().max(1) as f64;
    let total: f64 = order.iter().map(|&g| weight(g)).sum();

    progress("phase: a timetable programme by programme (only room capacity may overflow)");
    let mut fixed: Vec<Option<usize>> = vec![None; inst.activities.len()];
    let mut proof: Option<Vec<rooms::Overflow>> = None;
    let mut complete = true;
    let mut hint: Vec<&'static str> = Vec::new();
    // Most of the time goes to this first pass; what a programme leaves
    // unused passes on to the next ones.
    let mut weight_left = total;
    for (k, &g) in order.iter().enumerate() {
        let share = if cfg.reproducible() {
            seconds
        } else {
            (seconds * 0.7 - started.elapsed().as_secs_f64()).max(0.0) * weight(g) / weight_left.max(1.0)
        };
        weight_left -= weight(g);
        match solve_programme(inst, set, cfg, Elastic::Only("rooms"), g, &fixed, None, share) {
            Some(run) => {
                for (a, p) in &run.picks {
                    fixed[*a] = Some(*p);
                }
                progress(&format!(
                    "explain: programme {} placed, {:.0} meeting(s) beyond the rooms ({:.1} s)",
                    inst.programmes[g].id,
                    run.objective,
                    started.elapsed().as_secs_f64()
                ));
                // The first programme is solved alone: a relaxation.
                if k == 0 && run.proven {
                    let alone: Vec<usize> = run.picks.iter().map(|x| x.1).collect();
                    proof = Some(rooms::overflows(inst, set, &alone));
                }
            }
            None => {
                progress(&format!(
                    "explain: programme {} cannot be placed (with the earlier ones fixed) even with unlimited rooms",
                    inst.programmes[g].id
                ));
                complete = false;
                // Which rows block it: the elastic model of this programme.
                let small = (left() * 0.1).max(1.0);
                if let Some(run) = solve_programme(inst, set, cfg, Elastic::All, g, &fixed, None, small) {
                    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
                    for r in &run.relaxed {
                        if !matches!(r.family(), "unplaced" | "link") {
                            *counts.entry(r.family()).or_default() += 1;
                        }
                    }
                    let mut ranked: Vec<(&'static str, usize)> = counts.into_iter().collect();
                    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                    hint = ranked.into_iter().map(|x| x.0).collect();
                }
                break;
            }
        }
    }
    if let Some(over) = proof {
        return RoomStage::Short(over, true);
    }
    if !complete {
        // Something other than rooms blocks (at least given the earlier
        // programmes): the other families get the time.
        if !hint.is_empty() {
            progress(&format!("explain: it breaks {}", hint.join(", ")));
        }
        // The programmes placed so far had no room overflow either.
        let clean = rooms::overflows(inst, set, &fixed.iter().flatten().copied().collect::<Vec<_>>()).is_empty();
        return RoomStage::Unknown(hint, if clean { fixed } else { vec![None; inst.activities.len()] });
    }
    let mut best: Option<(Vec<usize>, Vec<rooms::Overflow>)> = None;
    if complete {
        let chosen: Vec<usize> = fixed.iter().flatten().copied().collect();
        let over = rooms::overflows(inst, set, &chosen);
        if over.is_empty() && witness_holds(inst, set, &chosen) {
            progress("explain: a timetable meeting every requirement exists (checked)");
            return RoomStage::Feasible;
        }
        best = Some((chosen, over));
    }
    // Each programme re-solved with the others fixed, from its current
    // choice (so a step never makes it worse), while rooms overflow.
    if let Some((chosen, over)) = best.as_mut() {
        'rounds: for _round in 0..3 {
            // Only the programmes with a meeting in an overrun.
            let involved: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&g| over.iter().any(|o| o.activities.iter().any(|a| programme_of(a.index()) == g)))
                .collect();
            for (k, &g) in involved.iter().enumerate() {
                let until = seconds * 0.9 - started.elapsed().as_secs_f64();
                if over.is_empty() || until < 1.0 {
                    break 'rounds;
                }
                let others: Vec<Option<usize>> =
                    fixed.iter().enumerate().map(|(a, p)| if programme_of(a) == g { None } else { *p }).collect();
                let share = until / (involved.len() - k) as f64;
                let Some(run) =
                    solve_programme(inst, set, cfg, Elastic::Only("rooms"), g, &others, Some(chosen), share)
                else {
                    continue;
                };
                let mut trial = fixed.clone();
                for (a, p) in &run.picks {
                    trial[*a] = Some(*p);
                }
                let t_chosen: Vec<usize> = trial.iter().flatten().copied().collect();
                let t_over = rooms::overflows(inst, set, &t_chosen);
                if meetings_beyond_rooms(&t_over) < meetings_beyond_rooms(over) {
                    progress(&format!(
                        "explain: programme {} re-solved, {} meeting(s) beyond the rooms in all ({:.1} s)",
                        inst.programmes[g].id,
                        meetings_beyond_rooms(&t_over),
                        started.elapsed().as_secs_f64()
                    ));
                    fixed = trial;
                    *chosen = t_chosen;
                    *over = t_over;
                }
            }
        }
        if over.is_empty() && witness_holds(inst, set, chosen) {
            progress("explain: a timetable meeting every requirement exists (checked)");
            return RoomStage::Feasible;
        }
    }
    // Proofs: each other programme alone is a relaxation of the instance.
    for &g in order.iter().skip(1) {
        if left() < seconds * 0.1 + 1.0 {
            break;
        }
        let share = seconds * 0.1 * weight(g) / total;
        if let Some(run) =
            solve_programme(inst, set, cfg, Elastic::Only("rooms"), g, &vec![None; inst.activities.len()], None, share)
        {
            if run.proven {
                let alone: Vec<usize> = run.picks.iter().map(|x| x.1).collect();
                progress(&format!("explain: programme {} alone already needs more rooms", inst.programmes[g].id));
                return RoomStage::Short(rooms::overflows(inst, set, &alone), true);
            }
        }
    }
    // The whole rooms-only model, from the best choice found.
    progress("phase: the rooms-only elastic model of every programme (every other requirement hard)");
    let built = model::build_elastic(inst, set, cfg, Elastic::Only("rooms"));
    let cols: Vec<usize> = built.pattern_columns();
    let mut settings = RunSettings::from_config(cfg);
    settings.time_limit = left().max(1.0);
    settings.start = best.as_ref().map(|(chosen, _)| {
        let mut v = vec![0.0; built.vars.len()];
        for &p in chosen {
            v[cols[p]] = 1.0;
        }
        v
    });
    let result = backend::run(built, &settings, &|_| {});
    if !matches!(result.outcome, Outcome::Optimal | Outcome::Feasible { .. }) {
        progress(&format!("explain: the rooms-only model gave no timetable ({:?})", result.outcome));
        return match best {
            Some((_, over)) => RoomStage::Short(over, false),
            None => RoomStage::Unknown(Vec::new(), vec![None; inst.activities.len()]),
        };
    }
    let chosen: Vec<usize> = set
        .by_activity
        .iter()
        .filter_map(|r| r.clone().find(|&p| result.values.get(cols[p]).copied().unwrap_or(0.0) > 0.5))
        .collect();
    let over = rooms::overflows(inst, set, &chosen);
    if over.is_empty() && witness_holds(inst, set, &chosen) {
        progress("explain: a timetable meeting every requirement exists (checked)");
        return RoomStage::Feasible;
    }
    let proven = bound_positive(&result);
    match best {
        Some((_, b)) if !proven && meetings_beyond_rooms(&b) < meetings_beyond_rooms(&over) => {
            RoomStage::Short(b, false)
        }
        _ if over.is_empty() => RoomStage::Unknown(Vec::new(), vec![None; inst.activities.len()]),
        _ => RoomStage::Short(over, proven),
    }
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
        RowInfo::WeekLoad(p, monday) => ("week_load", format!("{} in the week of {monday}", person(inst, p))),
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
    out.extend(rooms::window_problems(inst));
    out.extend(corequisite_problems(inst));
    out
}

/// Co-requisite UEs, both taught, whose periods share no week: the model
/// needs a week in which both have an activity running. One sentence per
/// pair.
pub fn corequisite_problems(inst: &Instance) -> Vec<String> {
    let origin = inst.calendar.year.from;
    let mut out = Vec::new();
    let mut done = std::collections::BTreeSet::new();
    for (u, ue) in inst.ues.iter().enumerate() {
        let Some(v) = ue.corequisite else { continue };
        let other = &inst.ues[v.index()];
        if ue.activities.is_empty() || other.activities.is_empty() || !done.insert((u.min(v.index()), u.max(v.index())))
        {
            continue;
        }
        let weeks = |p: &Period| {
            let span = p.span(&inst.calendar);
            (calendar::week_index(origin, span.from), calendar::week_index(origin, span.to))
        };
        let (a, b) = (weeks(&ue.period), weeks(&other.period));
        if a.1 < b.0 || b.1 < a.0 {
            out.push(format!(
                "UE {} ({}) and its co-requisite UE {} ({}) must run at the same time of the year but their periods share no week; to fix: put the co-requisite UEs in the same period",
                ue.code,
                ue.period.label(),
                other.code,
                other.period.label()
            ));
        }
    }
    out
}

/// Counting checks per site and period: the meetings that must take place
/// at a site (fixed-site activities, and half of an alternating one's)
/// needing a room of at least a given size, against the rooms that large
/// times the slots those rooms can hold in the period (open dates × slots
/// of the grids used there that do not overlap).
pub fn room_counting_problems(inst: &Instance) -> Vec<String> {
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
                let here = rooms::meetings_forced_at(act, si);
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
        let attending: Vec<ActivityId> =
            (0..inst.activities.len()).map(ActivityId::from_index).filter(|&a| inst.attends(leaf, a)).collect();
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
                continue;
            }
            // The programme's weekly cap on evenings (days with a meeting).
            let programme = inst.cohorts[leaf.index()].programme.map(|p| &inst.programmes[p.index()]);
            if let Some((prog, cap)) = programme.and_then(|p| p.max_evenings_per_week.map(|c| (p, c))) {
                let capped = capped_capacity(calendar::slots(&inst.calendar, grid, &period), cap);
                if needed > capped {
                    out.push(format!(
                        "cohort {} needs {needed} meetings in {} but programme {} allows at most {cap} evening(s) or day(s) a week, which hold only {capped} (per week, the {cap} open day(s) of grid {} with the most slots that do not overlap); to fix: raise max_evenings_per_week, or move hours to another period",
                        inst.cohorts[leaf.index()].id,
                        period.label(),
                        prog.id,
                        grid.id
                    ));
                }
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

/// How many meetings a set of calendar slots can hold when at most `cap`
/// days a week may be used: per week (Monday to Sunday), the `cap` days
/// holding the most slots that do not overlap.
fn capped_capacity(slots: impl IntoIterator<Item = calendar::CalendarSlot>, cap: u32) -> u32 {
    let mut by_date: BTreeMap<chrono::NaiveDate, Vec<calendar::CalendarSlot>> = BTreeMap::new();
    for s in slots {
        by_date.entry(s.date).or_default().push(s);
    }
    let mut weeks: BTreeMap<chrono::NaiveDate, Vec<u32>> = BTreeMap::new();
    for (date, day) in by_date {
        weeks.entry(crate::model::time::monday_of(date)).or_default().push(slot_capacity(day));
    }
    weeks
        .into_values()
        .map(|mut days| {
            days.sort_unstable_by(|a, b| b.cmp(a));
            days.iter().take(cap as usize).sum::<u32>()
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
            let available = slot_capacity(slots.iter().copied());
            if needed > available {
                out.push(format!(
                    "teacher {} needs {needed} meetings in {} but is available for only {available} (slots of grid {} outside their unavailability)",
                    teacher.id,
                    period.label(),
                    grids.join(", ")
                ));
            } else if let Some(cap) = teacher.max_days_per_week {
                let capped = capped_capacity(slots, cap);
                if needed > capped {
                    out.push(format!(
                        "teacher {} needs {needed} meetings in {} but teaches at most {cap} day(s) a week, which hold only {capped} (per week, the {cap} available day(s) with the most slots that do not overlap, grid {}); to fix: raise max_days_per_week, or move hours to another period or teacher",
                        teacher.id,
                        period.label(),
                        grids.join(", ")
                    ));
                }
            }
        }
    }
    out
}

/// The whole explanation of an instance: counting checks, activities
/// without any meeting pattern, then (only when both are clean) the room
/// stage and the families relaxed by the elastic model.
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    /// Failed counting checks, one sentence each.
    pub counting: Vec<String>,
    /// Activities that cannot meet at all, one sentence each.
    pub no_pattern: Vec<String>,
    /// Room shortages found by the rooms-only elastic model, one sentence
    /// per site and room size.
    pub rooms: Vec<String>,
    /// Families relaxed by the elastic model (empty: nothing to relax).
    pub families: Vec<Family>,
    /// Whether the elastic model could be solved (false: no diagnosis).
    pub elastic_solved: bool,
    /// Whether a timetable meeting every requirement was found (and
    /// accepted by the independent checker).
    pub witness: bool,
    /// Whether infeasibility is proven (a counting check, an activity
    /// with no pattern, or a positive lower bound of an elastic model).
    pub proven: bool,
}

impl Explanation {
    /// Whether a timetable exists (one was found and checked).
    pub fn feasible(&self) -> bool {
        self.witness
    }

    /// Every sentence, most fundamental first.
    pub fn sentences(&self) -> Vec<String> {
        let mut out: Vec<String> = self.counting.clone();
        out.extend(self.no_pattern.iter().cloned());
        out.extend(self.rooms.iter().cloned());
        out.extend(self.families.iter().map(|f| f.to_string()));
        out
    }
}

/// Explains an instance (see the module documentation for the steps),
/// within the config's time limit for the solver steps.
pub fn explain(inst: &Instance, cfg: &SolverConfig, progress: Progress<'_>) -> Explanation {
    let started = Instant::now();
    let mut counting = counting_problems(inst);
    counting.extend(placement_problems(inst));
    let mut e = Explanation { counting, ..Explanation::default() };
    if !e.counting.is_empty() {
        e.proven = true;
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
        e.proven = true;
        return e;
    }
    // When every requirement but room capacity can hold together, rooms
    // are the whole story and the room stage gets all the time; the
    // elastic model of everything only runs when even unlimited rooms gave
    // no timetable.
    let budget = cfg.time_limit * 0.9;
    let mut placed: Vec<Option<usize>> = vec![None; inst.activities.len()];
    let mut families: Vec<&'static str> = match room_stage(inst, &set, cfg, budget, progress) {
        RoomStage::Feasible => {
            e.witness = true;
            return e;
        }
        RoomStage::Short(over, proven) => {
            e.rooms = over.iter().map(|o| o.sentence(inst)).collect();
            e.proven = proven;
            return e;
        }
        RoomStage::Unknown(hint, fixed) => {
            placed = fixed;
            hint
        }
    };
    // Then each other family alone (all else hard), those that block the
    // programme that could not be placed first: the first that gives a
    // timetable is a sufficient explanation, in that family's words.
    for f in ["days_per_week", "travel", "corequisite", "overlap"] {
        if !families.contains(&f) {
            families.push(f);
        }
    }
    families.retain(|f| *f != "rooms");
    for family in families {
        let left = budget - started.elapsed().as_secs_f64();
        if left < budget * 0.4 {
            break;
        }
        progress(&format!("phase: a timetable programme by programme (only {family} may be broken)"));
        match family_stage(inst, &set, cfg, family, &placed, left * 0.3, progress) {
            FamilyStage::Feasible => {
                e.witness = true;
                return e;
            }
            FamilyStage::Short(f, proven) => {
                e.families = vec![f];
                e.proven = proven;
                e.elastic_solved = true;
                return e;
            }
            FamilyStage::Unknown => {}
        }
    }
    let left = budget - started.elapsed().as_secs_f64();
    match diagnose(inst, &set, cfg, left, progress) {
        Some(d) => {
            // A proven elastic answer replaces an unproven room attempt.
            if d.proven {
                e.rooms.clear();
            }
            e.proven = d.proven;
            // No slack at all: every requirement holds together.
            e.witness = d.witness;
            e.families = d.families;
            e.elastic_solved = true;
        }
        None => e.elastic_solved = false,
    }
    e
}
