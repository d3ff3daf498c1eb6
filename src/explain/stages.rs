//! The solver stages of the diagnosis (steps 3 to 5 of the module
//! documentation): timetables built programme by programme in which one
//! family of rows may be broken, and the proofs that go with them.

use super::{Relaxed, rooms};
use crate::feasibility::Family;
use crate::model::{ActivityId, Instance};
use crate::timetable::Progress;
use crate::timetable::backend::{self, Outcome, RunSettings};
use crate::timetable::config::SolverConfig;
use crate::timetable::formulation::{self as model, Elastic, RowInfo};
use crate::timetable::patterns::PatternSet;
use std::collections::BTreeMap;
use std::time::Instant;

/// Whether a run's lower bound on the total slack is positive.
pub(super) fn bound_positive(r: &backend::RunResult) -> bool {
    match r.outcome {
        Outcome::Optimal => r.objective > 1e-6,
        Outcome::Feasible { gap } => r.objective * (1.0 - gap) > 1e-6,
        _ => false,
    }
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
pub(super) enum FamilyStage {
    /// A timetable meeting every requirement (checked).
    Feasible,
    /// Every programme placed with only that family relaxed: the rows it
    /// breaks, and whether that is proven necessary.
    Short(Relaxed, bool),
    /// Some programme could not be placed even so (or not in time).
    Unknown,
}

/// Programme by programme (the largest first, each with the earlier ones
/// fixed), only the rows of `family` relaxed, within `seconds`.
pub(super) fn family_stage(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    family: Family,
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
        let share = if cfg.node_limit.is_some() {
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
    let relaxed = Relaxed::of(inst, family, relaxed);
    progress(&format!("explain: relaxing only {family} gives a timetable ({} case(s))", relaxed.count));
    FamilyStage::Short(relaxed, proven)
}

/// Programmes with meetings, the largest first.
pub(super) fn programme_order(inst: &Instance) -> Vec<usize> {
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
pub(super) fn witness_holds(inst: &Instance, set: &PatternSet, chosen: &[usize]) -> bool {
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
pub(super) enum RoomStage {
    /// A timetable meeting every requirement (checked).
    Feasible,
    /// A timetable meeting every requirement but room capacity: its
    /// overruns, and whether more rooms are proven necessary.
    Short(Vec<rooms::Overflow>, bool),
    /// Even unlimited rooms gave no timetable in time (or at all); the
    /// families that the elastic model of the programme that could not be
    /// placed relaxed, most rows first (a hint of where to look), and the
    /// patterns of the programmes placed before it (every row holding).
    Unknown(Vec<Family>, Vec<Option<usize>>),
}

fn meetings_beyond_rooms(over: &[rooms::Overflow]) -> u32 {
    over.iter().map(rooms::Overflow::excess).sum()
}

/// Steps 3 and 4 of the module documentation, within `seconds`:
/// programme by programme (the largest first, each with the earlier ones
/// fixed), then each programme re-solved with the others fixed while rooms
/// overflow, then proofs: each programme alone, and the whole rooms-only
/// model from the best choice found.
pub(super) fn room_stage(
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
    let mut hint: Vec<Family> = Vec::new();
    // Most of the time goes to this first pass; what a programme leaves
    // unused passes on to the next ones.
    let mut weight_left = total;
    for (k, &g) in order.iter().enumerate() {
        let share = if cfg.node_limit.is_some() {
            seconds
        } else {
            (seconds * 0.7 - started.elapsed().as_secs_f64()).max(0.0) * weight(g) / weight_left.max(1.0)
        };
        weight_left -= weight(g);
        match solve_programme(inst, set, cfg, Elastic::Only(Family::Rooms), g, &fixed, None, share) {
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
                    let mut counts: BTreeMap<Family, usize> = BTreeMap::new();
                    for r in &run.relaxed {
                        if !matches!(r.family(), Family::Unplaced | Family::Link) {
                            *counts.entry(r.family()).or_default() += 1;
                        }
                    }
                    let mut ranked: Vec<(Family, usize)> = counts.into_iter().collect();
                    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name().cmp(b.0.name())));
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
            let names: Vec<&str> = hint.iter().map(|f| f.name()).collect();
            progress(&format!("explain: it breaks {}", names.join(", ")));
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
                    solve_programme(inst, set, cfg, Elastic::Only(Family::Rooms), g, &others, Some(chosen), share)
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
        if let Some(run) = solve_programme(
            inst,
            set,
            cfg,
            Elastic::Only(Family::Rooms),
            g,
            &vec![None; inst.activities.len()],
            None,
            share,
        ) {
            if run.proven {
                let alone: Vec<usize> = run.picks.iter().map(|x| x.1).collect();
                progress(&format!("explain: programme {} alone already needs more rooms", inst.programmes[g].id));
                return RoomStage::Short(rooms::overflows(inst, set, &alone), true);
            }
        }
    }
    // The whole rooms-only model, from the best choice found.
    progress("phase: the rooms-only elastic model of every programme (every other requirement hard)");
    let built = model::build_elastic(inst, set, cfg, Elastic::Only(Family::Rooms));
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
