//! A lower bound from the weeks alone.
//!
//! Every soft cost but enrolment overlaps depends only on the weeks, sites
//! and lengths of an activity's meetings and on which of them fall on a
//! Saturday or end late, not on the day or the clock time otherwise. Many
//! patterns share all that (the same weeks on Monday or on Thursday, at
//! 17:15 or at 18:00): the weekly model keeps one pattern of each such
//! class, and replaces the rows by day (no-overlap, travel, evenings per
//! week, rooms), which tell them apart, with one row per person and week:
//! its meetings take at most the minutes its days can hold (see
//! [`formulation::week_room`]). Every timetable maps to a choice in that model
//! of no greater cost (overlaps count 0), so its optimum, or HiGHS's bound
//! on it, bounds every timetable's cost. It is smaller than the normal
//! model and free of the symmetry of interchangeable evenings, and it
//! keeps what couples the cohorts of a block: their shared activities meet
//! in the same weeks for all of them. Where the days are full it is weaker
//! (HELMo's parts: 439 against 493 in the normal model).

use super::config::SolverConfig;
use super::formulation::{self, CostScope};
use super::patterns::PatternSet;
use crate::model::{Instance, SiteId};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What a class keeps of a meeting: its week (Monday), site, minutes, and
/// whether it is on a Saturday and late.
type Key = (NaiveDate, SiteId, u32, bool, bool);

/// The classes of patterns alike in all that the weekly model sees.
#[derive(Debug)]
pub struct Classes {
    /// One pattern per class, grouped by activity like the full set.
    pub set: PatternSet,
    /// `class_of[p]`: the class (index into `set`) of full pattern `p`.
    pub class_of: Vec<usize>,
}

/// Gathers the patterns of `full` into classes (late as `cfg` says) and
/// keeps the first of each.
pub fn classes(full: &PatternSet, cfg: &SolverConfig) -> Classes {
    let mut set = PatternSet::default();
    let mut class_of = vec![0; full.patterns.len()];
    for range in &full.by_activity {
        let mut by_key: BTreeMap<Vec<Key>, Vec<usize>> = BTreeMap::new();
        for p in range.clone() {
            let mut key: Vec<Key> = full.patterns[p]
                .meetings
                .iter()
                .map(|m| {
                    let week = crate::model::time::monday_of(m.date);
                    (week, m.site, m.minutes(), m.on_saturday(), m.is_late(cfg.late_after))
                })
                .collect();
            key.sort_unstable();
            by_key.entry(key).or_default().push(p);
        }
        // In the order of each class's first pattern, for stable output.
        let mut members: Vec<Vec<usize>> = by_key.into_values().collect();
        members.sort_by_key(|ps| ps[0]);
        let first = set.patterns.len();
        for ps in members {
            for &p in &ps {
                class_of[p] = set.patterns.len();
            }
            set.patterns.push(full.patterns[ps[0]].clone());
        }
        set.by_activity.push(first..set.patterns.len());
    }
    Classes { set, class_of }
}

/// What the weekly models of an instance share: the classes of its
/// patterns and the room of each person's weeks.
#[derive(Debug)]
pub struct Weekly {
    /// The classes of the patterns.
    pub classes: Classes,
    /// What each person's days can hold, by week, from every pattern.
    room: formulation::WeekRoom,
    /// The configuration without enrolment overlaps, which depend on the
    /// clock.
    cfg: SolverConfig,
}

impl Weekly {
    /// The classes and rooms of `full`, the patterns of `inst`.
    pub fn new(inst: &Instance, full: &PatternSet, cfg: &SolverConfig) -> Self {
        let mut cfg = cfg.clone();
        cfg.weights.enrolment_overlap = 0.0;
        Weekly { classes: classes(full, &cfg), room: formulation::week_room(inst, full, cfg.late_after), cfg }
    }

    /// The weekly model of `set` (some of the classes' patterns) counting
    /// the costs in `scope`.
    pub fn build(&self, inst: &Instance, set: &PatternSet, scope: &CostScope) -> formulation::Built {
        formulation::build_weekly(inst, set, &self.cfg, Some(scope), &self.room)
    }
}
