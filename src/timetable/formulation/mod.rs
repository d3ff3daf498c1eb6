//! The formulation: the pattern MIP, written with good_lp and knowing no
//! solver (a [`crate::timetable::backend::Backend`] runs it).
//!
//! One binary per (activity, pattern); each activity takes exactly one.
//! Hard rows are clique rows over clock-overlapping meetings (per leaf
//! cohort and per teacher), travel rows (a person at two sites on one day
//! only when the gap allows the journey), nested room-capacity rows per
//! site and time point, weekly day caps, and co-requisite week links. Each
//! row carries a [`RowInfo`] naming what it protects, so that an elastic
//! copy of the model (every hard row with a penalised slack) can say in a
//! planner's words which requirements cannot all hold. The soft costs are
//! the objective's parts, one per [`CostKind`]. The weekly model replaces
//! the rows by day with rows by week (see [`build_weekly`]).
//!
//! The order in which columns and rows are added is part of the model:
//! HiGHS's search depends on it, so the steps below keep it.

mod capacity;
mod corequisites;
mod costs;
mod day_rows;
mod rows;
mod travel;
mod week_load;

pub use crate::feasibility::corequisite_windows;
pub use costs::CostKind;
pub use rows::{Person, RowInfo};
pub use week_load::{WeekRoom, week_room};

use super::config::SolverConfig;
use super::patterns::PatternSet;
use crate::feasibility::Family;
use crate::model::{ActivityId, CohortId, Instance};
use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable, variable};
use rows::Builder;
use std::collections::{BTreeSet, HashMap};

/// The built model.
pub struct Built {
    /// Variables (consumed when the problem is made).
    pub vars: ProblemVariables,
    /// One binary per pattern, indexed like `PatternSet::patterns`.
    pub x: Vec<Variable>,
    /// Hard rows.
    pub rows: Vec<Constraint>,
    /// What each hard row protects (same index as `rows`).
    pub info: Vec<RowInfo>,
    /// Elastic model only: the slack of each row, same index.
    pub slack: Vec<Option<Variable>>,
    /// The objective.
    pub objective: Expression,
    /// Each soft-cost kind's weighted expression (the objective's parts).
    pub costs: Vec<(CostKind, Expression)>,
    /// Number of non-zero coefficients in the rows.
    pub nonzeros: usize,
    /// The solver column of each variable (variables are added in order).
    pub column: HashMap<Variable, usize>,
    /// The rows that define each helper column from below, in the order
    /// the helpers were added (see [`Built::start`]).
    pub definitions: Vec<Definition>,
}

/// A row `terms - coefficient * helper <= rhs` bounding a helper column
/// from below: in a start, the helper takes the smallest value that
/// meets all its rows (rounded up when it is integer).
#[derive(Debug, Clone)]
pub struct Definition {
    /// The helper's column.
    pub helper: usize,
    /// The helper's coefficient, negated (positive).
    pub coefficient: f64,
    /// The other columns and their coefficients.
    pub terms: Vec<(usize, f64)>,
    /// Right-hand side.
    pub rhs: f64,
    /// Whether the helper is integer.
    pub integer: bool,
}

impl std::fmt::Debug for Built {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Built")
            .field("variables", &self.vars.len())
            .field("rows", &self.rows.len())
            .field("nonzeros", &self.nonzeros)
            .finish_non_exhaustive()
    }
}

impl Built {
    /// A complete starting solution from one pattern per activity: the
    /// chosen patterns at 1, every helper column at the smallest value its
    /// defining rows allow (integer helpers must be right, or HiGHS rejects
    /// the start; continuous ones it would complete itself).
    pub fn start(&self, chosen: impl IntoIterator<Item = usize>) -> Vec<f64> {
        let mut v = vec![0.0; self.column.len()];
        for p in chosen {
            v[self.column[&self.x[p]]] = 1.0;
        }
        // Helpers are defined by columns added before them, so one pass in
        // order of definition fills each from final values.
        for d in &self.definitions {
            let lhs: f64 = d.terms.iter().map(|&(j, c)| c * v[j]).sum();
            let mut need = (lhs - d.rhs) / d.coefficient;
            if d.integer {
                need = (need - 1e-6).ceil();
            }
            if need > v[d.helper] {
                v[d.helper] = need;
            }
        }
        v
    }

    /// Fixes every pattern column to its value in `values` (column values,
    /// e.g. from [`Built::start`]) with link rows: what is left to solve
    /// is the completion of that timetable, i.e. its cost.
    pub fn fix_patterns(&mut self, values: &[f64]) {
        for &x in &self.x {
            self.rows.push(Expression::from(x).eq(values[self.column[&x]]));
            self.info.push(RowInfo::Link);
            self.slack.push(None);
        }
    }

    /// The solver column of each pattern's binary, indexed like the
    /// patterns.
    pub fn pattern_columns(&self) -> Vec<usize> {
        self.x.iter().map(|v| self.column[v]).collect()
    }

    /// The value of an expression in a solution given by column values.
    pub fn value_of(&self, e: &Expression, values: &[f64]) -> f64 {
        e.clone().linear_coefficients().map(|(v, c)| c * values[self.column[&v]]).sum::<f64>() + e.constant()
    }
}

/// Which hard rows of a model may take a penalised slack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elastic {
    /// None: the normal model, with its soft costs.
    No,
    /// Every hard row (the explanation model).
    All,
    /// Only the rows of one family (see [`RowInfo::family`], e.g.
    /// [`Family::Rooms`]); every other row stays hard and the objective is
    /// that family's total slack.
    Only(Family),
}

/// Builds the model. With `elastic`, every hard row gets a slack variable
/// and the objective is the total slack (soft costs are left out).
pub fn build(inst: &Instance, set: &PatternSet, cfg: &SolverConfig, elastic: bool) -> Built {
    build_elastic(inst, set, cfg, if elastic { Elastic::All } else { Elastic::No })
}

/// Builds the model with the rows chosen by `elastic` relaxed (see
/// [`Elastic`]); soft costs only in the normal model.
pub fn build_elastic(inst: &Instance, set: &PatternSet, cfg: &SolverConfig, elastic: Elastic) -> Built {
    build_with(inst, set, cfg, elastic, true, None, None)
}

/// Which soft costs a model counts when it stands for one part of a
/// decomposition (see [`super::bound`]): the busiest week and the site
/// changes of some leaf cohorts only, and a share of each activity's
/// Saturday and late costs. Enrolment overlaps count only between two
/// activities wholly in the part (share 1), so that no two parts count the
/// same one.
#[derive(Debug, Clone)]
pub struct CostScope {
    /// The leaf cohorts whose weekly costs count.
    pub leaves: BTreeSet<CohortId>,
    /// Per activity (instance order), the share of its own costs.
    pub shares: Vec<f64>,
}

/// The normal model counting only the costs in `scope`: a relaxation of
/// one part of the problem, whose optimum bounds that part's share of any
/// timetable's cost.
pub fn build_scoped(inst: &Instance, set: &PatternSet, cfg: &SolverConfig, scope: &CostScope) -> Built {
    build_with(inst, set, cfg, Elastic::No, true, Some(scope), None)
}

/// The normal model with continuous helper columns for the soft costs:
/// the same optimum and LP relaxation, but no rounding for the branch and
/// bound to exploit. Re-solves of small neighbourhoods, which need good
/// timetables fast rather than bounds, do better with it.
pub fn build_for_search(inst: &Instance, set: &PatternSet, cfg: &SolverConfig) -> Built {
    build_with(inst, set, cfg, Elastic::No, false, None, None)
}

/// The model without its rows by day (no-overlap, travel, evenings per
/// week, rooms), with rows by week instead from `room` (see
/// [`week_room`]): what is left binds only the weeks, sites and kinds of
/// each activity's meetings, and their costs (see [`super::weekly`]).
pub fn build_weekly(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    scope: Option<&CostScope>,
    room: &WeekRoom,
) -> Built {
    build_with(inst, set, cfg, Elastic::No, true, scope, Some(room))
}

/// Builds a model: the pattern binaries, then the rows (by day, or by
/// week with `week_room`), then the objective: the soft costs in `scope`
/// (integer helpers as `integer_helpers` says), or in an elastic model the
/// total slack.
fn build_with(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    elastic: Elastic,
    integer_helpers: bool,
    scope: Option<&CostScope>,
    week_room: Option<&WeekRoom>,
) -> Built {
    let mut b = Builder::new(elastic, integer_helpers);
    let x: Vec<Variable> = set.patterns.iter().map(|_| b.var(variable().binary())).collect();
    assignment_rows(&mut b, set, &x);
    let persons = rows::persons_of(inst, set);
    match week_room {
        None => {
            day_rows::person_day_rows(&mut b, inst, &x, &persons);
            capacity::room_rows(&mut b, inst, set, &x);
        }
        // Without the rows by day, the time each person's days can hold, by week.
        Some(room) => week_load::week_load_rows(&mut b, &x, &persons, room, cfg.late_after),
    }
    corequisites::corequisite_rows(&mut b, inst, set, &x);
    let (objective, costs) = if elastic == Elastic::No {
        let costs = costs::soft_costs(&mut b, inst, set, cfg, &x, &persons, scope);
        let mut objective = Expression::default();
        for (_, e) in &costs {
            objective.add_mul(1.0, e.clone());
        }
        (objective, costs)
    } else {
        (b.slack_cost.clone(), Vec::new())
    };
    b.finish(x, objective, costs)
}

/// Each activity takes exactly one pattern (activities left out of a
/// partial pattern set, with no pattern, are not part of the model).
fn assignment_rows(b: &mut Builder, set: &PatternSet, x: &[Variable]) {
    for (a, range) in set.by_activity.iter().enumerate() {
        if range.is_empty() {
            continue;
        }
        let mut e = Expression::with_capacity(range.len());
        for p in range.clone() {
            e.add_mul(1.0, x[p]);
        }
        b.push_eq(e, 1.0, RowInfo::Assign(ActivityId::from_index(a)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::backend::{self, Outcome, RunSettings};
    use crate::timetable::{patterns, start};
    use chrono::NaiveDate;
    use std::collections::BTreeMap;

    /// A reference instance, its patterns, a config stopping each MIP
    /// after 5 nodes and a first timetable (a pattern per activity).
    fn first_timetable(file: &str) -> (Instance, PatternSet, SolverConfig, Vec<usize>) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("instances").join(file);
        let inst = crate::load_instance(&path).expect(file);
        let set = patterns::generate(&inst, &corequisite_windows(&inst));
        let cfg = SolverConfig { node_limit: Some(5), ..SolverConfig::default() };
        let chosen = start::by_programme(&inst, &set, &cfg, &|_| {}).expect("a first timetable");
        (inst, set, cfg, chosen)
    }

    /// UNamur's meetings last 3 h 15 or 3 h 30, so each cohort's busiest
    /// week is bounded through a whole count of meetings: in a completed
    /// start that count is whole and the peak cost is still exactly the
    /// busiest weeks' hours, counted here from the meetings themselves;
    /// and the LP relaxation, with the count, bounds that cost from below.
    #[test]
    fn the_count_of_meetings_bounds_unamur_busiest_week_without_overcounting() {
        let (inst, set, cfg, chosen) = first_timetable("unamur-umons-accompagnement-2025-2026.json");

        let mut busiest = 0.0;
        for leaf in inst.leaf_cohorts() {
            let mut weeks: BTreeMap<NaiveDate, f64> = BTreeMap::new();
            for &p in &chosen {
                if !inst.attends(leaf, set.patterns[p].activity) {
                    continue;
                }
                for m in &set.patterns[p].meetings {
                    let hours = f64::from(m.minutes()) / 60.0;
                    *weeks.entry(crate::model::time::monday_of(m.date)).or_default() += hours;
                }
            }
            busiest += weeks.values().copied().fold(0.0, f64::max);
        }

        let built = build(&inst, &set, &cfg, false);
        // The rows `peak >= 3.25 h * count`, one per leaf cohort.
        let by_count = built.definitions.iter().filter(|d| d.terms.len() == 1 && d.terms[0].1 == 3.25).count();
        assert_eq!(by_count, inst.leaf_cohorts().len());
        let values = built.start(chosen.iter().copied());
        for d in built.definitions.iter().filter(|d| d.integer) {
            assert_eq!(values[d.helper], values[d.helper].round(), "integer helper {}", d.helper);
        }
        let (_, peak) = built.costs.iter().find(|(k, _)| *k == CostKind::WeeklyPeak).expect("weekly_peak");
        let counted = built.value_of(peak, &values);
        assert!((counted - busiest * cfg.weights.weekly_peak).abs() < 1e-6, "{counted} against {busiest}");

        let relaxed = backend::run(
            build(&inst, &set, &cfg, false),
            &RunSettings { relaxation: true, ..RunSettings::from_config(&cfg) },
            &|_| {},
        );
        assert_eq!(relaxed.outcome, Outcome::Optimal);
        assert!(relaxed.bound <= built.value_of(&built.objective, &values) + 1e-6);
    }

    /// A start completed by `Built::start` costs exactly what HiGHS finds
    /// as the best completion of the same patterns, and its integer
    /// helpers (each cohort's busiest week, in 3 h units here) are whole.
    #[test]
    fn a_completed_start_is_the_cheapest_completion_of_its_patterns() {
        let (inst, set, cfg, chosen) = first_timetable("umons-education-social-action-2025-2026.json");

        let built = build(&inst, &set, &cfg, false);
        let values = built.start(chosen.iter().copied());
        let integer: Vec<usize> = built.definitions.iter().filter(|d| d.integer).map(|d| d.helper).collect();
        assert!(!integer.is_empty(), "the busiest weeks (in hours) are integer helpers");
        for &j in &integer {
            assert_eq!(values[j], values[j].round(), "integer helper {j} = {}", values[j]);
        }
        let completed = built.value_of(&built.objective, &values);
        for (kind, e) in &built.costs {
            let v = built.value_of(e, &values);
            assert!(v >= 0.0, "{kind} = {v}");
        }

        // The same patterns, fixed by rows, solved without a start.
        // (Written apart from `Built::start`, so that a wrong pattern column
        // there would show.)
        let mut fixed = build(&inst, &set, &cfg, false);
        let mut picked = vec![0.0; fixed.column.len()];
        for &p in &chosen {
            picked[fixed.column[&fixed.x[p]]] = 1.0;
        }
        fixed.fix_patterns(&picked);
        let result = backend::run(fixed, &RunSettings::from_config(&cfg), &|_| {});
        assert_eq!(result.outcome, Outcome::Optimal);
        assert!(
            (result.objective - completed).abs() < 1e-6,
            "HiGHS {} against the completed start {completed}",
            result.objective
        );
        assert!(completed > 0.0, "the timetable has a busiest week");
    }
}
