//! The row vocabulary of the model: who a row protects ([`Person`]), what
//! it protects ([`RowInfo`], for explanations), each person's candidate
//! meetings, and the [`Builder`] every row goes through: in an elastic
//! model it gives the relaxed rows their slack, it drops a set row already
//! added, and it remembers the rows that define helper columns, so that a
//! start can be completed (see [`super::Built::start`]).

use super::{Built, Definition, Elastic};
use crate::feasibility::Family;
use crate::model::{ActivityId, CohortId, Instance, SiteId, TeacherId, UeId};
use crate::timetable::patterns::{Meeting, PatternSet};
use chrono::NaiveDate;
use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable, variable};
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
    /// its days can hold (the weekly model only, see [`super::build_weekly`]).
    WeekLoad(Person, NaiveDate),
    /// Co-requisite UEs run at the same time of the year.
    Corequisite(UeId, UeId),
    /// A row defining a helper variable (day used, site visited, peak):
    /// never relaxed, never reported.
    Link,
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

/// One meeting occurrence of a pattern, as seen by one person or site:
/// its date, the meeting, the pattern and its activity.
#[derive(Debug, Clone, Copy)]
pub(super) struct Occ {
    pub(super) date: NaiveDate,
    pub(super) m: Meeting,
    pub(super) p: usize,
    pub(super) a: ActivityId,
}

/// The occurrences of every pattern of `set` per person (leaf cohorts and
/// teachers), sorted by date and time.
pub(super) fn persons_of(inst: &Instance, set: &PatternSet) -> BTreeMap<Person, Vec<Occ>> {
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
pub(super) fn max_days(inst: &Instance, who: Person) -> Option<u32> {
    match who {
        Person::Teacher(t) => inst.teachers[t.index()].max_days_per_week,
        Person::Cohort(c) => {
            inst.cohorts[c.index()].programme.and_then(|p| inst.programmes[p.index()].max_evenings_per_week)
        }
    }
}

/// Maximal sets of mutually overlapping occurrences on one date: for each
/// distinct start time, the occurrences covering it (intervals of a line
/// have all their cliques at start points). Indices into `occs`.
pub(super) fn cliques_of(occs: &[Occ]) -> Vec<Vec<usize>> {
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

/// How many activities the occurrences `idx` of `occs` belong to.
pub(super) fn distinct_activities(occs: &[Occ], idx: &[usize]) -> usize {
    let set: BTreeSet<ActivityId> = idx.iter().map(|&i| occs[i].a).collect();
    set.len()
}

/// Adds the variables and rows of one model (see the module's doc).
pub(super) struct Builder {
    vars: ProblemVariables,
    rows: Vec<Constraint>,
    info: Vec<RowInfo>,
    slack: Vec<Option<Variable>>,
    /// Which rows take slack.
    elastic: Elastic,
    /// The set rows added so far (patterns and right-hand side).
    seen: HashSet<(Vec<usize>, u64)>,
    nonzeros: usize,
    /// The total slack, weighted: the elastic model's objective.
    pub(super) slack_cost: Expression,
    column: HashMap<Variable, usize>,
    definitions: Vec<Definition>,
    /// The integer helpers.
    integer: HashSet<Variable>,
    /// Whether helpers counting whole things are integer (see
    /// [`super::build_for_search`]).
    integer_helpers: bool,
}

impl Builder {
    /// An empty model whose rows `elastic` relaxes.
    pub(super) fn new(elastic: Elastic, integer_helpers: bool) -> Self {
        Builder {
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
        }
    }

    /// The model, with its pattern binaries `x`, objective and costs.
    pub(super) fn finish(
        self,
        x: Vec<Variable>,
        objective: Expression,
        costs: Vec<(super::CostKind, Expression)>,
    ) -> Built {
        Built {
            vars: self.vars,
            x,
            rows: self.rows,
            info: self.info,
            slack: self.slack,
            objective,
            costs,
            nonzeros: self.nonzeros,
            column: self.column,
            definitions: self.definitions,
        }
    }

    /// Adds a variable, remembering its solver column.
    pub(super) fn var(&mut self, def: good_lp::VariableDefinition) -> Variable {
        let v = self.vars.add(def);
        self.column.insert(v, self.column.len());
        v
    }

    /// `sum x[p] <= rhs` over a set of patterns, skipping duplicates.
    pub(super) fn push_le_set(&mut self, x: &[Variable], ps: impl Iterator<Item = usize>, rhs: f64, info: RowInfo) {
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

    /// `e <= rhs`, protecting `info` (with a slack when it is relaxed).
    pub(super) fn push_le(&mut self, mut e: Expression, rhs: f64, info: RowInfo) {
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

    /// `e = rhs`, protecting `info` (with a slack when it is relaxed).
    pub(super) fn push_eq(&mut self, mut e: Expression, rhs: f64, info: RowInfo) {
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
    pub(super) fn integer_helper(&mut self) -> Variable {
        if !self.integer_helpers {
            return self.var(variable().min(0.0));
        }
        let v = self.var(variable().integer().min(0.0));
        let _ = self.integer.insert(v);
        v
    }

    /// A row `e <= rhs` that bounds `helper` (in `e` with a negative
    /// coefficient) from below: a link row, remembered for [`Built::start`].
    pub(super) fn push_def(&mut self, e: Expression, rhs: f64, helper: Variable) {
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
    pub(super) fn push_raw_le(&mut self, e: Expression, rhs: f64) {
        self.nonzeros += e.clone().linear_coefficients().count();
        self.rows.push(e.leq(rhs));
        self.info.push(RowInfo::Link);
        self.slack.push(None);
    }
}
