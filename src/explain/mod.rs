//! Infeasibility diagnosis in a planner's words.
//!
//! The diagnosis is data (an [`Explanation`], or a [`FailureReport`] for a
//! failed solve); [`render`] puts it into sentences.
//!
//! In order, each step stopping the diagnosis when it decides:
//! 1. counting checks with no solver ([`crate::feasibility`]: cohorts,
//!    teachers, sites and their weekly windows; and placement quotas): a
//!    failure proves infeasibility;
//! 2. activities with no meeting pattern at all (pins kept), then pairs
//!    of pinned activities that collide whichever way they meet
//!    ([`pins`]);
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

pub mod pins;
pub mod quotas;
pub mod render;
pub mod rooms;
mod stages;

use crate::feasibility::{self, Family, Shortfall};
use crate::model::{ActivityId, Instance};
use crate::timetable::backend::{self, Outcome, RunSettings};
use crate::timetable::config::SolverConfig;
use crate::timetable::formulation::{self as model, RowInfo};
use crate::timetable::patterns::{NoPattern, PatternSet};
use crate::timetable::{Progress, SolveFailure, patterns};
use quotas::QuotaShortfall;
use rooms::Overflow;
use stages::{FamilyStage, RoomStage, bound_positive, family_stage, room_stage, witness_holds};
use std::collections::BTreeMap;
use std::time::Instant;

/// One family of requirements that an elastic model had to relax.
#[derive(Debug, Clone, PartialEq)]
pub struct Relaxed {
    /// The family.
    pub family: Family,
    /// How many distinct cases (rows, as a planner reads them) were relaxed.
    pub count: usize,
    /// Up to five of those cases, in the order of their wording.
    pub examples: Vec<RowInfo>,
}

impl Relaxed {
    /// The relaxed `rows` of `family`: the distinct cases as worded by
    /// [`render::case`], sorted by that wording, five kept as examples.
    fn of(inst: &Instance, family: Family, rows: Vec<RowInfo>) -> Relaxed {
        let mut cases: Vec<(String, RowInfo)> = rows.into_iter().map(|r| (render::case(inst, &r), r)).collect();
        cases.sort_by(|a, b| a.0.cmp(&b.0));
        cases.dedup_by(|a, b| a.0 == b.0);
        let count = cases.len();
        cases.truncate(5);
        Relaxed { family, count, examples: cases.into_iter().map(|c| c.1).collect() }
    }
}

/// What the elastic model of the whole model said.
#[derive(Debug, Clone, Default)]
pub struct Diagnosis {
    /// The relaxed families, most cases first.
    pub families: Vec<Relaxed>,
    /// Whether the solver proved that some slack is needed (a positive
    /// lower bound): only then is the instance infeasible for sure.
    pub proven: bool,
    /// Whether no slack was needed and the answer is a timetable that the
    /// independent checker accepts.
    pub witness: bool,
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
    let mut families: BTreeMap<Family, Vec<RowInfo>> = BTreeMap::new();
    for (info, col) in slack_cols {
        if result.values.get(col).copied().unwrap_or(0.0) <= 1e-6 {
            continue;
        }
        families.entry(info.family()).or_default().push(info);
    }
    let mut out: Vec<Relaxed> = families.into_iter().map(|(family, rows)| Relaxed::of(inst, family, rows)).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.family.name().cmp(b.family.name())));
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

/// The whole explanation of an instance: counting checks, activities
/// without any meeting pattern, then (only when both are clean) the room
/// stage and the families relaxed by the elastic model.
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    /// Failed counting checks.
    pub counting: Vec<Shortfall>,
    /// Placement quotas that cannot fit before their deadline.
    pub quotas: Vec<QuotaShortfall>,
    /// Activities that cannot meet at all, and why.
    pub no_pattern: Vec<(ActivityId, NoPattern)>,
    /// Pins that collide with each other.
    pub pins: Vec<pins::PinConflict>,
    /// Room shortages found by the rooms-only elastic model, one per site
    /// and room size.
    pub rooms: Vec<Overflow>,
    /// Families relaxed by the elastic model (empty: nothing to relax).
    pub families: Vec<Relaxed>,
    /// Whether the elastic model could be solved (false: no diagnosis).
    pub elastic_solved: bool,
    /// Whether a timetable meeting every requirement was found (and
    /// accepted by the independent checker).
    pub witness: bool,
    /// Whether infeasibility is proven (a counting check, an activity
    /// with no pattern, or a positive lower bound of an elastic model).
    pub proven: bool,
    /// The time limit of the solver steps (seconds, from the config).
    pub time_limit: f64,
}

impl Explanation {
    /// Whether a timetable exists (one was found and checked).
    pub fn feasible(&self) -> bool {
        self.witness
    }
}

/// Explains an instance (see the module documentation for the steps),
/// within the config's time limit for the solver steps.
pub fn explain(inst: &Instance, cfg: &SolverConfig, progress: Progress<'_>) -> Explanation {
    let started = Instant::now();
    let mut e = Explanation {
        counting: feasibility::shortfalls(inst),
        quotas: quotas::quota_shortfalls(inst),
        time_limit: cfg.time_limit,
        ..Explanation::default()
    };
    if !e.counting.is_empty() || !e.quotas.is_empty() {
        e.proven = true;
        return e;
    }
    let windows = model::corequisite_windows(inst);
    let set = patterns::generate(inst, &windows);
    e.no_pattern = set.empty.clone();
    if !e.no_pattern.is_empty() {
        e.proven = true;
        return e;
    }
    e.pins = pins::pin_conflicts(inst, &set);
    if !e.pins.is_empty() {
        e.proven = true;
        return e;
    }
    // When every requirement but room capacity can hold together, rooms
    // are the whole story and the room stage gets all the time; the
    // elastic model of everything only runs when even unlimited rooms gave
    // no timetable.
    let budget = cfg.time_limit * 0.9;
    let mut placed: Vec<Option<usize>> = vec![None; inst.activities.len()];
    let mut families: Vec<Family> = match room_stage(inst, &set, cfg, budget, progress) {
        RoomStage::Feasible => {
            e.witness = true;
            return e;
        }
        RoomStage::Short(over, proven) => {
            e.rooms = over;
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
    for f in [Family::DaysPerWeek, Family::Travel, Family::Corequisite, Family::Overlap] {
        if !families.contains(&f) {
            families.push(f);
        }
    }
    families.retain(|f| *f != Family::Rooms);
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

/// Why a solve gave no timetable, as data for [`render::failure`].
#[derive(Debug, Clone)]
pub enum FailureReport {
    /// Some activities have no way to meet at all, and why.
    NoPattern(Vec<(ActivityId, NoPattern)>),
    /// Pins collide with each other.
    Pins(Vec<pins::PinConflict>),
    /// Counting checks failed.
    Counting(Vec<Shortfall>),
    /// The requirements cannot all hold together: what the elastic model
    /// of every requirement relaxed (`None`: it could not be solved).
    Infeasible(Option<Diagnosis>),
    /// No timetable within the time limit (seconds).
    NoSolutionInTime {
        /// The config's time limit.
        time_limit: f64,
    },
    /// The solver failed.
    Solver(String),
}

/// The diagnosis of a failed solve: for an infeasible model, the elastic
/// model of every requirement within the config's time limit, over freshly
/// generated patterns; the other failures carry their own explanation.
pub fn diagnose_failure(
    inst: &Instance,
    cfg: &SolverConfig,
    failure: &SolveFailure,
    progress: Progress<'_>,
) -> FailureReport {
    match failure {
        SolveFailure::NoPattern(list, _) => FailureReport::NoPattern(list.clone()),
        SolveFailure::GridTooSmall(list) => FailureReport::Counting(list.clone()),
        SolveFailure::Infeasible(_) | SolveFailure::Solver(_) => {
            let windows = model::corequisite_windows(inst);
            let set = patterns::generate(inst, &windows);
            let collide = pins::pin_conflicts(inst, &set);
            match failure {
                _ if !collide.is_empty() => FailureReport::Pins(collide),
                SolveFailure::Solver(e) => FailureReport::Solver(e.clone()),
                _ => FailureReport::Infeasible(diagnose(inst, &set, cfg, cfg.time_limit, progress)),
            }
        }
        SolveFailure::NoSolutionInTime(_) => FailureReport::NoSolutionInTime { time_limit: cfg.time_limit },
    }
}
