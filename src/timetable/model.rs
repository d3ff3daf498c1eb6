//! The pattern MIP, written with good_lp and independent of the backend.
//!
//! One binary per (activity, pattern); each activity takes exactly one.
//! Hard rows are clique rows over clock-overlapping meetings (per leaf
//! cohort and per teacher), travel rows (a person at two sites on one day
//! only when the gap allows the journey), nested room-capacity rows per
//! site and time point, weekly day caps, and co-requisite week links. Each
//! row carries a [`RowInfo`] naming what it protects, so that an elastic
//! copy of the model (every hard row with a penalised slack) can say in a
//! planner's words which requirements cannot all hold.

use super::config::SolverConfig;
use super::patterns::{Meeting, PatternSet};
use crate::calendar::week_index;
use crate::feasibility::Family;
pub use crate::feasibility::corequisite_windows;
use crate::model::time::ClockTime;
use crate::model::{ActivityId, CohortId, Instance, SiteId, TeacherId, UeId};
use chrono::NaiveDate;
use good_lp::{Constraint, Expression, ProblemVariables, Variable, variable};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Who a clique or travel row protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Person {
    /// A leaf cohort (the students of it and its ancestors).
    Cohort(CohortId),
    /// A teacher.
    Teacher(TeacherId),
}

/// What a hard row protects, for explanations.
#[derive(Debug, Clone, PartialEq)]
pub enum RowInfo {
    /// The activity takes exactly one pattern (in the elastic model: the
    /// activity may stay unplaced, at a cost).
    Assign(ActivityId),
    /// A person attends at most one meeting at a time.
    Overlap(Person, NaiveDate),
    /// A person cannot be at two sites that day without the travel time.
    Travel(Person, NaiveDate, SiteId, SiteId),
    /// Meetings needing `seats` seats at a site do not outnumber its rooms.
    Rooms {
        /// Site.
        site: SiteId,
        /// Date.
        date: NaiveDate,
        /// Seat threshold.
        seats: u32,
        /// Rooms with at least that many seats.
        rooms: u32,
    },
    /// At most `max` teaching days in the week starting `monday`.
    DaysPerWeek(Person, NaiveDate, u32),
    /// A person's meetings in the week starting `monday` fit in the time
    /// its days can hold (the weekly model only, see [`build_weekly`]).
    WeekLoad(Person, NaiveDate),
    /// Co-requisite UEs run at the same time of the year.
    Corequisite(UeId, UeId),
    /// A row defining a helper variable (day used, site visited, peak):
    /// never relaxed, never reported.
    Link,
}

/// The smallest common meeting length (minutes) for which a cohort's
/// busiest week is counted as an integer number of such units.
const INTEGER_PEAK_UNIT: u32 = 60;

/// Soft-cost kinds, as reported in `report.costs`.
pub const COST_KINDS: [&str; 5] = ["saturday", "late", "enrolment_overlaps", "site_changes", "weekly_peak"];

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
    pub costs: Vec<(&'static str, Expression)>,
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

/// One meeting occurrence of a pattern, as seen by one person or site.
#[derive(Debug, Clone, Copy)]
struct Occ {
    date: NaiveDate,
    m: Meeting,
    p: usize,
    a: ActivityId,
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

impl RowInfo {
    /// The family of the row.
    pub fn family(&self) -> Family {
        match self {
            RowInfo::Assign(_) => Family::Unplaced,
            RowInfo::Overlap(..) => Family::Overlap,
            RowInfo::Travel(..) => Family::Travel,
            RowInfo::Rooms { .. } => Family::Rooms,
            RowInfo::DaysPerWeek(..) => Family::DaysPerWeek,
            RowInfo::WeekLoad(..) => Family::WeekLoad,
            RowInfo::Corequisite(..) => Family::Corequisite,
            RowInfo::Link => Family::Link,
        }
    }
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

/// Per person and week (its Monday), the minutes its meetings can take,
/// of each kind in [`WEEK_KINDS`].
pub type WeekRoom = BTreeMap<(Person, NaiveDate), [f64; 4]>;

/// The kinds of meetings the weekly model bounds the minutes of, as
/// (weekdays only, none late): all, those not late, those on weekdays,
/// those on weekdays not late. Saturday and late meetings cost, so a
/// week's room for the others is what keeps the weekly model from moving
/// every meeting out of them.
const WEEK_KINDS: [(bool, bool); 4] = [(false, false), (false, true), (true, false), (true, true)];

/// Whether meeting `m` is of kind `(weekdays, early)`.
fn of_kind(m: &Meeting, (weekdays, early): (bool, bool), late_after: ClockTime) -> bool {
    !(weekdays && m.on_saturday() || early && m.is_late(late_after))
}

/// The occurrences of every pattern of `set` per person (leaf cohorts and
/// teachers), sorted by date and time.
fn persons_of(inst: &Instance, set: &PatternSet) -> BTreeMap<Person, Vec<Occ>> {
    let leaves = inst.leaf_cohorts();
    let mut persons: BTreeMap<Person, Vec<Occ>> = BTreeMap::new();
    let leaf_of_activity: Vec<Vec<CohortId>> = (0..inst.activities.len())
        .map(|a| leaves.iter().copied().filter(|&l| inst.attends(l, ActivityId::from_index(a))).collect())
        .collect();
    for (p, pat) in set.patterns.iter().enumerate() {
        let a = pat.activity;
        let act = &inst.activities[a.index()];
        let who: Vec<Person> = leaf_of_activity[a.index()]
            .iter()
            .map(|&c| Person::Cohort(c))
            .chain(act.teachers.iter().map(|&t| Person::Teacher(t)))
            .collect();
        for m in &pat.meetings {
            for &w in &who {
                persons.entry(w).or_default().push(Occ { date: m.date, m: *m, p, a });
            }
        }
    }
    for occs in persons.values_mut() {
        occs.sort_by_key(|o| (o.date, o.m.start, o.m.end, o.m.site, o.p));
    }
    persons
}

/// The most teaching days a person may have in a week, if limited.
fn max_days(inst: &Instance, who: Person) -> Option<u32> {
    match who {
        Person::Teacher(t) => inst.teachers[t.index()].max_days_per_week,
        Person::Cohort(c) => {
            inst.cohorts[c.index()].programme.and_then(|p| inst.programmes[p.index()].max_evenings_per_week)
        }
    }
}

/// What each person's days can hold in each week, from every candidate
/// meeting of `set` (all patterns, so that it bounds every timetable): a
/// day holds at most the longest set of its candidate meetings that do
/// not overlap, and a week its `max_days` days that hold the most (every
/// day without a limit).
pub fn week_room(inst: &Instance, set: &PatternSet, late_after: ClockTime) -> WeekRoom {
    let mut room = WeekRoom::new();
    for (who, occs) in persons_of(inst, set) {
        let mut weeks: BTreeMap<NaiveDate, Vec<[f64; 4]>> = BTreeMap::new();
        for day in occs.chunk_by(|a, b| a.date == b.date) {
            let mut held = [0.0; 4];
            for (k, &kind) in WEEK_KINDS.iter().enumerate() {
                held[k] =
                    f64::from(longest_apart(day.iter().filter(|o| of_kind(&o.m, kind, late_after)).map(|o| &o.m)));
            }
            weeks.entry(crate::model::time::monday_of(day[0].date)).or_default().push(held);
        }
        let cap = max_days(inst, who).map_or(usize::MAX, |c| c as usize);
        for (monday, days) in weeks {
            let mut held = [0.0; 4];
            for (k, h) in held.iter_mut().enumerate() {
                let mut each: Vec<f64> = days.iter().map(|d| d[k]).collect();
                each.sort_unstable_by(|a, b| b.total_cmp(a));
                *h = each.iter().take(cap).sum();
            }
            room.insert((who, monday), held);
        }
    }
    room
}

/// The most minutes a set of `meetings` of one day that do not overlap
/// can last.
fn longest_apart<'a>(meetings: impl Iterator<Item = &'a Meeting>) -> u32 {
    let mut spans: Vec<(u32, u32)> = meetings.map(|m| (m.start.minutes(), m.end.minutes())).collect();
    // By their ends: the best of the first i spans, with or without span i.
    spans.sort_unstable_by_key(|&(s, e)| (e, s));
    spans.dedup();
    let mut best: Vec<u32> = Vec::with_capacity(spans.len());
    for (i, &(s, e)) in spans.iter().enumerate() {
        let before = spans[..i].iter().rposition(|&(_, end)| end <= s).map_or(0, |j| best[j]);
        let without = i.checked_sub(1).map_or(0, |j| best[j]);
        best.push((before + (e - s)).max(without));
    }
    best.last().copied().unwrap_or(0)
}

fn build_with(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    elastic: Elastic,
    integer_helpers: bool,
    scope: Option<&CostScope>,
    week_room: Option<&WeekRoom>,
) -> Built {
    let mut b = Builder {
        integer_helpers,
        vars: ProblemVariables::new(),
        rows: Vec::new(),
        info: Vec::new(),
        slack: Vec::new(),
        elastic,
        seen: HashSet::new(),
        nonzeros: 0,
        slack_cost: Expression::default(),
        column: HashMap::new(),
        definitions: Vec::new(),
        integer: HashSet::new(),
    };
    let x: Vec<Variable> = set.patterns.iter().map(|_| b.var(variable().binary())).collect();

    // Each activity takes exactly one pattern (activities left out of a
    // partial pattern set, with no pattern, are not part of the model).
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

    // Occurrences per person.
    let persons = persons_of(inst, set);

    // Per person and date: clique rows, travel rows, day indicators.
    for (&who, occs) in persons.iter().filter(|_| week_room.is_none()) {
        let cap = max_days(inst, who);
        let mut day_vars: BTreeMap<NaiveDate, Variable> = BTreeMap::new();
        for day in occs.chunk_by(|a, b| a.date == b.date) {
            let date = day[0].date;
            let cliques = cliques_of(day);
            for c in &cliques {
                if distinct_activities(day, c) >= 2 {
                    b.push_le_set(&x, c.iter().map(|&i| day[i].p), 1.0, RowInfo::Overlap(who, date));
                }
            }
            travel_rows(&mut b, inst, &x, who, day);
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

    // Without the rows by day, the time each person's days can hold, by week.
    if let Some(room) = week_room {
        for (&who, occs) in &persons {
            week_load_rows(&mut b, &x, who, occs, room, cfg.late_after);
        }
    }

    // Rooms: per site, date and time point, nested capacity thresholds.
    let mut by_site: BTreeMap<(SiteId, NaiveDate), Vec<Occ>> = BTreeMap::new();
    for (p, pat) in set.patterns.iter().enumerate().filter(|_| week_room.is_none()) {
        for m in &pat.meetings {
            by_site.entry((m.site, m.date)).or_default().push(Occ { date: m.date, m: *m, p, a: pat.activity });
        }
    }
    for ((site, date), mut occs) in by_site {
        occs.sort_by_key(|o| (o.m.start, o.m.end, o.p));
        let mut caps: Vec<u32> =
            inst.sites[site.index()].rooms.iter().map(|r| inst.rooms[r.index()].capacity).collect();
        caps.sort_unstable();
        caps.dedup();
        for c in cliques_of(&occs) {
            for &seats in &caps {
                let rooms =
                    inst.sites[site.index()].rooms.iter().filter(|r| inst.rooms[r.index()].capacity >= seats).count()
                        as u32;
                // Meetings that need at least `seats` seats: those whose
                // students exceed the next smaller capacity.
                let below = caps.iter().copied().filter(|&k| k < seats).max().unwrap_or(0);
                let need: Vec<usize> =
                    c.iter().copied().filter(|&i| inst.activity_students(occs[i].a) > below).collect();
                if distinct_activities(&occs, &need) as u32 > rooms {
                    b.push_le_set(
                        &x,
                        need.iter().map(|&i| occs[i].p),
                        f64::from(rooms),
                        RowInfo::Rooms { site, date, seats, rooms },
                    );
                }
            }
        }
    }

    // Co-requisites between two taught UEs: some week holds both.
    corequisite_rows(&mut b, inst, set, &x);

    // Soft costs.
    let mut costs: Vec<(&'static str, Expression)> = Vec::new();
    if elastic == Elastic::No {
        costs = soft_costs(&mut b, inst, set, cfg, &x, &persons, scope);
    }
    let mut objective = Expression::default();
    for (_, e) in &costs {
        objective.add_mul(1.0, e.clone());
    }
    if elastic != Elastic::No {
        objective = b.slack_cost.clone();
    }
    Built {
        vars: b.vars,
        x,
        rows: b.rows,
        info: b.info,
        slack: b.slack,
        objective,
        costs,
        nonzeros: b.nonzeros,
        column: b.column,
        definitions: b.definitions,
    }
}

struct Builder {
    vars: ProblemVariables,
    rows: Vec<Constraint>,
    info: Vec<RowInfo>,
    slack: Vec<Option<Variable>>,
    elastic: Elastic,
    seen: HashSet<(Vec<usize>, u64)>,
    nonzeros: usize,
    slack_cost: Expression,
    column: HashMap<Variable, usize>,
    definitions: Vec<Definition>,
    integer: HashSet<Variable>,
    integer_helpers: bool,
}

impl Builder {
    /// Adds a variable, remembering its solver column.
    fn var(&mut self, def: good_lp::VariableDefinition) -> Variable {
        let v = self.vars.add(def);
        self.column.insert(v, self.column.len());
        v
    }

    /// `sum x[p] <= rhs` over a set of patterns, skipping duplicates.
    fn push_le_set(&mut self, x: &[Variable], ps: impl Iterator<Item = usize>, rhs: f64, info: RowInfo) {
        let mut key: Vec<usize> = ps.collect();
        key.sort_unstable();
        key.dedup();
        if !self.seen.insert((key.clone(), rhs.to_bits())) {
            return;
        }
        let mut e = Expression::with_capacity(key.len());
        for p in key {
            e.add_mul(1.0, x[p]);
        }
        self.push_le(e, rhs, info);
    }

    /// Whether a row of this kind takes slack in this model.
    fn relaxed(&self, info: &RowInfo) -> bool {
        match self.elastic {
            Elastic::No => false,
            Elastic::All => true,
            Elastic::Only(family) => info.family() == family,
        }
    }

    fn push_le(&mut self, mut e: Expression, rhs: f64, info: RowInfo) {
        let s = self.relaxed(&info).then(|| {
            let s = self.var(variable().min(0.0));
            e.add_mul(-1.0, s);
            self.slack_cost.add_mul(1.0, s);
            s
        });
        self.nonzeros += e.clone().linear_coefficients().count();
        self.rows.push(e.leq(rhs));
        self.info.push(info);
        self.slack.push(s);
    }

    fn push_eq(&mut self, mut e: Expression, rhs: f64, info: RowInfo) {
        let s = self.relaxed(&info).then(|| {
            // An activity may stay unplaced: the most expensive relaxation, so
            // that the diagnosis names the rows that keep it out rather than
            // just the activity.
            let s = self.var(variable().min(0.0).max(1.0));
            e.add_mul(1.0, s);
            self.slack_cost.add_mul(1000.0, s);
            s
        });
        self.nonzeros += e.clone().linear_coefficients().count();
        self.rows.push(e.eq(rhs));
        self.info.push(info);
        self.slack.push(s);
    }

    /// An integer helper variable, at least 0.
    fn integer_helper(&mut self) -> Variable {
        if !self.integer_helpers {
            return self.var(variable().min(0.0));
        }
        let v = self.var(variable().integer().min(0.0));
        let _ = self.integer.insert(v);
        v
    }

    /// A row `e <= rhs` that bounds `helper` (in `e` with a negative
    /// coefficient) from below: a link row, remembered for [`Built::start`].
    fn push_def(&mut self, e: Expression, rhs: f64, helper: Variable) {
        let mut coefficient = 0.0;
        let mut terms = Vec::new();
        for (v, c) in e.clone().linear_coefficients() {
            if v == helper {
                coefficient = -c;
            } else {
                terms.push((self.column[&v], c));
            }
        }
        debug_assert!(coefficient > 0.0, "a definition bounds its helper from below");
        let integer = self.integer.contains(&helper);
        self.definitions.push(Definition { helper: self.column[&helper], coefficient, terms, rhs, integer });
        self.push_raw_le(e, rhs);
    }

    /// A linking row that never gets slack (it defines a helper variable).
    fn push_raw_le(&mut self, e: Expression, rhs: f64) {
        self.nonzeros += e.clone().linear_coefficients().count();
        self.rows.push(e.leq(rhs));
        self.info.push(RowInfo::Link);
        self.slack.push(None);
    }
}

use good_lp::IntoAffineExpression;

/// Maximal sets of mutually overlapping occurrences on one date: for each
/// distinct start time, the occurrences covering it (intervals of a line
/// have all their cliques at start points). Indices into `occs`.
fn cliques_of(occs: &[Occ]) -> Vec<Vec<usize>> {
    let starts: BTreeSet<_> = occs.iter().map(|o| o.m.start).collect();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for s in starts {
        let c: Vec<usize> = (0..occs.len()).filter(|&i| occs[i].m.start <= s && s < occs[i].m.end).collect();
        // Keep only cliques not contained in the previous one.
        if let Some(prev) = out.last() {
            if c.iter().all(|i| prev.contains(i)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn distinct_activities(occs: &[Occ], idx: &[usize]) -> usize {
    let set: BTreeSet<ActivityId> = idx.iter().map(|&i| occs[i].a).collect();
    set.len()
}

/// For the weekly model: per week, the minutes of `who`'s meetings are at
/// most what its days can hold that week (see [`week_room`]).
fn week_load_rows(b: &mut Builder, x: &[Variable], who: Person, occs: &[Occ], room: &WeekRoom, late_after: ClockTime) {
    let mut by_week: BTreeMap<NaiveDate, Vec<&Occ>> = BTreeMap::new();
    for o in occs {
        by_week.entry(crate::model::time::monday_of(o.date)).or_default().push(o);
    }
    for (monday, week) in by_week {
        let Some(held) = room.get(&(who, monday)) else { continue };
        for (k, &kind) in WEEK_KINDS.iter().enumerate() {
            let mut minutes: BTreeMap<usize, (ActivityId, f64)> = BTreeMap::new();
            for o in week.iter().filter(|o| of_kind(&o.m, kind, late_after)) {
                minutes.entry(o.p).or_insert((o.a, 0.0)).1 += f64::from(o.m.minutes());
            }
            let mut most: BTreeMap<ActivityId, f64> = BTreeMap::new();
            for &(a, m) in minutes.values() {
                let e = most.entry(a).or_default();
                *e = e.max(m);
            }
            if most.values().sum::<f64>() <= held[k] {
                continue;
            }
            let mut e = Expression::with_capacity(minutes.len());
            for (&p, &(_, m)) in &minutes {
                e.add_mul(m, x[p]);
            }
            b.push_le(e, held[k], RowInfo::WeekLoad(who, monday));
        }
    }
}

/// Travel rows of one person on one date. Occurrences at two sites whose
/// clock intervals do not overlap conflict when the gap between them is
/// shorter than the travel time (unknown travel: always). When every pair
/// of intervals at two sites conflicts, the person is at one of the two
/// sites that day: one row per site pair through day-site indicators.
fn travel_rows(b: &mut Builder, inst: &Instance, x: &[Variable], who: Person, day: &[Occ]) {
    let sites: BTreeSet<SiteId> = day.iter().map(|o| o.m.site).collect();
    if sites.len() < 2 {
        return;
    }
    let date = day[0].date;
    let groups: BTreeMap<(SiteId, crate::model::time::ClockTime, crate::model::time::ClockTime), Vec<usize>> = {
        let mut g: BTreeMap<_, Vec<usize>> = BTreeMap::new();
        for (i, o) in day.iter().enumerate() {
            g.entry((o.m.site, o.m.start, o.m.end)).or_default().push(i);
        }
        g
    };
    let conflict = |s1: SiteId, a1, b1, s2: SiteId, a2, b2| -> bool {
        let gap_ok = |end: crate::model::time::ClockTime, start: crate::model::time::ClockTime| match inst
            .travel_minutes(s1, s2)
        {
            Some(t) => start.minutes() >= end.minutes() + t,
            None => false,
        };
        if a1 < b2 && a2 < b1 {
            return false; // overlapping: the clique rows already forbid it
        }
        if b1 <= a2 { !gap_ok(b1, a2) } else { !gap_ok(b2, a1) }
    };
    let site_list: Vec<SiteId> = sites.into_iter().collect();
    let mut day_site: BTreeMap<SiteId, Variable> = BTreeMap::new();
    for (i, &s1) in site_list.iter().enumerate() {
        for &s2 in &site_list[i + 1..] {
            let g1: Vec<_> = groups.iter().filter(|(k, _)| k.0 == s1).collect();
            let g2: Vec<_> = groups.iter().filter(|(k, _)| k.0 == s2).collect();
            let mut all = true;
            let mut pairs = Vec::new();
            for (k1, v1) in &g1 {
                for (k2, v2) in &g2 {
                    let overl = k1.1 < k2.2 && k2.1 < k1.2;
                    if overl {
                        continue;
                    }
                    if conflict(s1, k1.1, k1.2, s2, k2.1, k2.2) {
                        pairs.push((*v1, *v2));
                    } else {
                        all = false;
                    }
                }
            }
            if pairs.is_empty() {
                continue;
            }
            if all && pairs.len() > 1 {
                // Day-site indicators: at s1 or at s2 that day, not both.
                let mut ind = |b: &mut Builder, s: SiteId| -> Variable {
                    if let Some(v) = day_site.get(&s) {
                        return *v;
                    }
                    let v = b.var(variable().min(0.0).max(1.0));
                    let at_site: Vec<Occ> = day.iter().copied().filter(|o| o.m.site == s).collect();
                    for c in cliques_of(&at_site) {
                        let mut e = Expression::default();
                        for &i in &c {
                            e.add_mul(1.0, x[at_site[i].p]);
                        }
                        e.add_mul(-1.0, v);
                        b.push_def(e, 0.0, v);
                    }
                    let _ = day_site.insert(s, v);
                    v
                };
                let v1 = ind(b, s1);
                let v2 = ind(b, s2);
                let mut e = Expression::default();
                e.add_mul(1.0, v1);
                e.add_mul(1.0, v2);
                b.push_le(e, 1.0, RowInfo::Travel(who, date, s1, s2));
            } else {
                for (v1, v2) in pairs {
                    let idx: Vec<usize> = v1.iter().chain(v2.iter()).copied().collect();
                    if distinct_activities(day, &idx) >= 2 {
                        b.push_le_set(x, idx.iter().map(|&i| day[i].p), 1.0, RowInfo::Travel(who, date, s1, s2));
                    }
                }
            }
        }
    }
}

/// Co-requisite UEs that both have activities: binary week choice z_w,
/// one week chosen, and in it each UE has an activity running (its first
/// and last meeting enclose the week).
fn corequisite_rows(b: &mut Builder, inst: &Instance, set: &PatternSet, x: &[Variable]) {
    let mut done = BTreeSet::new();
    for (u, ue) in inst.ues.iter().enumerate() {
        let Some(v) = ue.corequisite else { continue };
        let (ua, ub) = (UeId::from_index(u), v);
        let key = (ua.min(ub), ua.max(ub));
        if !done.insert(key) {
            continue;
        }
        let other = &inst.ues[v.index()];
        // Both UEs must be taught and in the model (a partial pattern set
        // may leave a programme out).
        let in_model = |acts: &[ActivityId]| acts.iter().all(|a| !set.by_activity[a.index()].is_empty());
        if ue.activities.is_empty()
            || other.activities.is_empty()
            || !in_model(&ue.activities)
            || !in_model(&other.activities)
        {
            continue;
        }
        let origin = inst.calendar.year.from;
        let weeks_of = |acts: &[ActivityId]| -> BTreeMap<i64, Vec<usize>> {
            let mut m: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
            for a in acts {
                for p in set.by_activity[a.index()].clone() {
                    let (f, l) = set.patterns[p].span();
                    for w in week_index(origin, f)..=week_index(origin, l) {
                        m.entry(w).or_default().push(p);
                    }
                }
            }
            m
        };
        let wa = weeks_of(&ue.activities);
        let wb = weeks_of(&other.activities);
        let common: Vec<i64> = wa.keys().filter(|w| wb.contains_key(w)).copied().collect();
        let mut pick = Expression::default();
        for w in &common {
            // Continuous: with integer patterns, z can only be 1 in a week both
            // UEs meet (and a starting solution need not set it).
            let z = b.var(variable().min(0.0).max(1.0));
            pick.add_mul(1.0, z);
            for side in [&wa[w], &wb[w]] {
                let mut e = Expression::default();
                e.add_mul(1.0, z);
                for &p in side {
                    e.add_mul(-1.0, x[p]);
                }
                b.push_raw_le(e, 0.0);
            }
        }
        // sum z >= 1, written as -sum z <= -1 so that it can take slack.
        let mut neg = Expression::default();
        neg.add_mul(-1.0, pick);
        b.push_le(neg, -1.0, RowInfo::Corequisite(ua, ub));
    }
}

fn soft_costs(
    b: &mut Builder,
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    x: &[Variable],
    persons: &BTreeMap<Person, Vec<Occ>>,
    scope: Option<&CostScope>,
) -> Vec<(&'static str, Expression)> {
    let w = &cfg.weights;
    let share = |a: ActivityId| scope.map_or(1.0, |s| s.shares[a.index()]);
    let in_scope = |c: CohortId| scope.is_none_or(|s| s.leaves.contains(&c));
    let mut saturday = Expression::default();
    let mut late = Expression::default();
    for (p, pat) in set.patterns.iter().enumerate() {
        let sat = pat.meetings.iter().filter(|m| m.on_saturday()).count() as f64;
        let lt = pat.meetings.iter().filter(|m| m.is_late(cfg.late_after)).count() as f64;
        let part = share(pat.activity);
        if sat > 0.0 && w.saturday > 0.0 && part > 0.0 {
            saturday.add_mul(w.saturday * sat * part, x[p]);
        }
        if lt > 0.0 && w.late > 0.0 && part > 0.0 {
            late.add_mul(w.late * lt * part, x[p]);
        }
    }

    // The busiest week's hours are a sum of meeting lengths, so a multiple
    // of their greatest common divisor: counted in that unit, a cohort's
    // peak is an integer, which the branch and bound rounds up. Only for
    // units of an hour or more: in quarter hours (UNamur) it rounds almost
    // nothing and slowed the search. The site-change and overlap helpers
    // count whole weeks and overlaps, so they are integer: when every peak
    // is integer too, the whole objective is integral and HiGHS rounds its
    // bound up to the next attainable value (UMONS Education, 3 h
    // meetings: bound 28.1 -> 30, proven optimal; measured 2026-11-23, see
    // bench/RESULTS.md), and even where it is not (UNamur), HiGHS's bound
    // rises faster with them integer (30 s, seeds 1-3: 103.2, 101.5 and
    // 100.7 against 99.3, 102.2 and 98.7; measured 2026-11-29).
    let units: BTreeMap<Person, u32> = persons
        .iter()
        .filter(|(who, _)| matches!(who, Person::Cohort(_)))
        .map(|(&who, occs)| (who, occs.iter().fold(0, |g, o| gcd(g, o.m.minutes()))))
        .collect();

    // Weekly peak and site changes per leaf cohort.
    let mut peak = Expression::default();
    let mut site_changes = Expression::default();
    for (&who, occs) in persons {
        let Person::Cohort(c) = who else { continue };
        if !in_scope(c) {
            continue;
        }
        if w.weekly_peak > 0.0 {
            let unit = units[&who];
            let (l, hours) = if unit >= INTEGER_PEAK_UNIT {
                (b.integer_helper(), f64::from(unit) / 60.0)
            } else {
                (b.var(variable().min(0.0)), 1.0)
            };
            peak.add_mul(w.weekly_peak * hours, l);
            // In finer units the peak is not rounded, but the busiest week
            // still holds a whole number of meetings, each at least the
            // shortest long: that count, an integer, bounds the peak, and
            // the branch and bound rounds it up (UNamur, 3 h 15 and 3 h 30
            // meetings: see `most` below).
            let shortest = occs.iter().map(|o| o.m.minutes()).min().unwrap_or(0);
            let most = (unit < INTEGER_PEAK_UNIT && shortest > unit).then(|| b.integer_helper());
            let mut weeks: BTreeMap<NaiveDate, BTreeMap<usize, (f64, f64)>> = BTreeMap::new();
            for o in occs {
                let h = f64::from(o.m.minutes()) / 60.0;
                let load = weeks.entry(crate::model::time::monday_of(o.date)).or_default().entry(o.p).or_default();
                load.0 += h;
                load.1 += 1.0;
            }
            for (_, ps) in weeks {
                let mut e = Expression::with_capacity(ps.len() + 1);
                let mut count = Expression::with_capacity(ps.len() + 1);
                for (&p, &(h, n)) in &ps {
                    e.add_mul(h, x[p]);
                    count.add_mul(n, x[p]);
                }
                e.add_mul(-hours, l);
                b.push_def(e, 0.0, l);
                if let Some(most) = most {
                    count.add_mul(-1.0, most);
                    b.push_def(count, 0.0, most);
                }
            }
            // After the counts' rows, so that a start sets `most` first.
            if let Some(most) = most {
                let mut e = Expression::with_capacity(2);
                e.add_mul(f64::from(shortest) / 60.0, most);
                e.add_mul(-hours, l);
                b.push_def(e, 0.0, l);
            }
        }
        let sites: BTreeSet<SiteId> = occs.iter().map(|o| o.m.site).collect();
        if w.site_change > 0.0 && sites.len() >= 2 {
            // u[week][site] >= activity a meets there that week; v >= sum u - 1.
            // u is integer: branching on "the cohort is at that site that
            // week" splits the patterns far more evenly than branching on
            // one pattern (UNamur, 30 s, seeds 1-3: bound 100.0, 101.0 and
            // 102.0 against 98.8, 97.7 and 97.1 with u continuous).
            let mut groups: BTreeMap<(NaiveDate, SiteId, ActivityId), BTreeSet<usize>> = BTreeMap::new();
            for o in occs {
                groups.entry((crate::model::time::monday_of(o.date), o.m.site, o.a)).or_default().insert(o.p);
            }
            let mut u: BTreeMap<(NaiveDate, SiteId), Variable> = BTreeMap::new();
            for ((week, site, _), ps) in &groups {
                let var = *u.entry((*week, *site)).or_insert_with(|| b.integer_helper());
                let mut e = Expression::default();
                for &p in ps {
                    e.add_mul(1.0, x[p]);
                }
                e.add_mul(-1.0, var);
                b.push_def(e, 0.0, var);
            }
            let mut by_week: BTreeMap<NaiveDate, Vec<Variable>> = BTreeMap::new();
            for ((week, _), var) in u {
                by_week.entry(week).or_default().push(var);
            }
            for (_, us) in by_week {
                if us.len() < 2 {
                    continue;
                }
                let v = b.integer_helper();
                site_changes.add_mul(w.site_change, v);
                let mut e = Expression::default();
                for var in us {
                    e.add_mul(1.0, var);
                }
                e.add_mul(-1.0, v);
                b.push_def(e, 1.0, v);
            }
        }
    }

    // Individual enrolments: overlapping meetings of two activities taken
    // together by some students, weighted by how many.
    let mut overlaps = Expression::default();
    if w.enrolment_overlap > 0.0 && !inst.enrolments.is_empty() {
        let mut pairs: BTreeMap<(ActivityId, ActivityId), u32> = BTreeMap::new();
        for e in &inst.enrolments {
            let mut acts = e.activities.clone();
            acts.sort();
            acts.dedup();
            for i in 0..acts.len() {
                for j in i + 1..acts.len() {
                    *pairs.entry((acts[i], acts[j])).or_default() += 1;
                }
            }
        }
        for ((a1, a2), n) in pairs {
            if hard_conflict(inst, a1, a2) || share(a1) < 1.0 || share(a2) < 1.0 {
                continue;
            }
            let mut occ: BTreeMap<NaiveDate, Vec<Occ>> = BTreeMap::new();
            for (a, range) in [(a1, set.by_activity[a1.index()].clone()), (a2, set.by_activity[a2.index()].clone())] {
                for p in range {
                    for m in &set.patterns[p].meetings {
                        occ.entry(m.date).or_default().push(Occ { date: m.date, m: *m, p, a });
                    }
                }
            }
            for (_, day) in occ {
                for c in cliques_of(&day) {
                    let has = |a: ActivityId| c.iter().any(|&i| day[i].a == a);
                    if !(has(a1) && has(a2)) {
                        continue;
                    }
                    let o = b.integer_helper();
                    overlaps.add_mul(w.enrolment_overlap * f64::from(n), o);
                    let mut e = Expression::default();
                    for &i in &c {
                        e.add_mul(1.0, x[day[i].p]);
                    }
                    e.add_mul(-1.0, o);
                    b.push_def(e, 1.0, o);
                }
            }
        }
    }
    vec![
        ("saturday", saturday),
        ("late", late),
        ("enrolment_overlaps", overlaps),
        ("site_changes", site_changes),
        ("weekly_peak", peak),
    ]
}

/// Whether two activities can never overlap anyway (a shared cohort line
/// or teacher).
fn hard_conflict(inst: &Instance, a: ActivityId, b: ActivityId) -> bool {
    let (x, y) = (&inst.activities[a.index()], &inst.activities[b.index()]);
    x.teachers.iter().any(|t| y.teachers.contains(t))
        || x.cohorts.iter().any(|&c| y.cohorts.iter().any(|&d| inst.cohorts_conflict(c, d)))
}

/// Greatest common divisor (`gcd(0, n) = n`).
fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::backend::{self, Outcome, RunSettings};
    use crate::timetable::{patterns, start};

    #[test]
    fn a_day_holds_the_longest_of_its_meetings_that_do_not_overlap() {
        let date = NaiveDate::from_ymd_opt(2025, 10, 6).expect("a Monday");
        let clock = |t: &str| ClockTime::parse(t).expect("a time");
        let m = |s: &str, e: &str| Meeting { date, start: clock(s), end: clock(e), site: SiteId::from_index(0) };
        let ms = [m("17:15", "20:30"), m("18:00", "21:30"), m("20:30", "21:30"), m("18:00", "19:00")];
        // 17:15-20:30 then 20:30-21:30 (255 min) beat 18:00-21:30 alone
        // (210 min) and 18:00-19:00 then 20:30-21:30 (120 min).
        assert_eq!(longest_apart(ms.iter()), 255);
        assert_eq!(longest_apart(ms[1..2].iter()), 210);
        assert_eq!(longest_apart([m("18:00", "19:00"), m("18:30", "19:30"), m("19:00", "20:00")].iter()), 120);
        assert_eq!(longest_apart(std::iter::empty()), 0);
    }

    #[test]
    fn greatest_common_divisor() {
        assert_eq!(gcd(0, 195), 195);
        assert_eq!(gcd(195, 210), 15);
        assert_eq!(gcd(180, 120), 60);
    }

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
        let (_, peak) = built.costs.iter().find(|(k, _)| *k == "weekly_peak").expect("weekly_peak");
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
