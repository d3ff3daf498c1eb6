//! Candidate patterns around the old timetable, the perturbation model,
//! and room assignment with the old rooms preferred (by
//! [`crate::timetable::rooms`]).

use super::CHANGE_WEIGHT;
use crate::calendar::week_index;
use crate::model::changes::{Changes, Event, RoomClosure};
use crate::model::error::Problem;
use crate::model::time::{ClockTime, parse_date};
use crate::model::timetable::{MeetingFile, ReportFile, SolveStatus, TIMETABLE_FORMAT, TimetableFile, round3};
use crate::model::{ActivityId, Frequency, Instance, RoomId, SiteId, SiteRule};
use crate::timetable::Progress;
use crate::timetable::backend::{self, Outcome, RunSettings};
use crate::timetable::config::SolverConfig;
use crate::timetable::formulation::{self as tmodel, RowInfo};
use crate::timetable::patterns::{Meeting, Pattern, PatternSet};
use crate::timetable::rooms::{self, EarlierRooms, RoomRules};
use chrono::NaiveDate;
use good_lp::{Expression, IntoAffineExpression};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

/// A repaired timetable.
#[derive(Debug, Clone)]
pub struct Repaired {
    /// The new timetable (meetings before `from` copied unchanged).
    pub timetable: TimetableFile,
    /// Whether every activity could be re-planned (true) or the untouched
    /// activities kept their meetings as the only candidate (false).
    pub widened: bool,
    /// Wall-clock seconds of the whole repair.
    pub seconds: f64,
}

/// Why no repaired timetable came out.
#[derive(Debug, Clone)]
pub enum RepairFailure {
    /// The old timetable or the change file does not fit the instance.
    Input(Vec<Problem>),
    /// The changes leave no timetable; one sentence per cause.
    Infeasible(Vec<String>),
    /// The solver failed or ran out of time.
    Solver(String),
}

/// One meeting of the old timetable, resolved.
#[derive(Debug, Clone)]
struct Old {
    a: ActivityId,
    m: Meeting,
    room: RoomId,
    file: MeetingFile,
}

/// Repairs `old` (a timetable of the instance before the changes) for
/// `changed` (the instance with the changes applied, see
/// [`crate::model::changes::apply`]). `timetable_path` names the old timetable in messages.
pub fn repair(
    changed: &Instance,
    old: &TimetableFile,
    timetable_path: &Path,
    changes: &Changes,
    cfg: &SolverConfig,
    progress: Progress<'_>,
) -> Result<Repaired, RepairFailure> {
    let t0 = Instant::now();
    let olds = resolve(changed, old, timetable_path).map_err(RepairFailure::Input)?;
    let from = changes.from;
    let closures = changes.room_closures();

    // Past hours may not exceed a changed volume.
    let mut problems = Vec::new();
    let mut per_act: Vec<(Vec<&Old>, Vec<&Old>)> = vec![(Vec::new(), Vec::new()); changed.activities.len()];
    for o in &olds {
        let slot = &mut per_act[o.a.index()];
        if o.m.date < from { slot.0.push(o) } else { slot.1.push(o) }
    }
    for (i, e) in changes.events.iter().enumerate() {
        if let Event::HoursChanged { activity, minutes } = e {
            let past: u32 = per_act[activity.index()].0.iter().map(|o| o.m.minutes()).sum();
            if past > *minutes {
                problems.push(Problem::new(
                    &changes.file,
                    format!("events[{i}].hours"),
                    format!(
                        "activity \"{}\" already met {} h before {from}; expected at least that many hours",
                        changed.activities[activity.index()].id,
                        crate::model::time::hours_string(past)
                    ),
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(RepairFailure::Input(problems));
    }

    let windows = tmodel::corequisite_windows(changed);
    let mut last_err = None;
    for widened in [false, true] {
        progress(if widened {
            "phase: every activity may move (the untouched ones could not all stay)"
        } else {
            "phase: re-planning the activities the changes touch"
        });
        let mut set = PatternSet::default();
        let mut cost: Vec<f64> = Vec::new();
        let mut causes = Vec::new();
        for a in 0..changed.activities.len() {
            let id = ActivityId::from_index(a);
            let (past, future) = &per_act[a];
            let start = set.patterns.len();
            let touched = widened || touched_by_rooms(future, &closures);
            match candidates(changed, id, past, future, from, windows[a].as_ref(), touched) {
                Ok(list) => {
                    let old_future: BTreeSet<Meeting> = future.iter().map(|o| o.m).collect();
                    for fut in list {
                        let new: BTreeSet<Meeting> = fut.iter().copied().collect();
                        let changes = old_future.symmetric_difference(&new).count() as f64;
                        let mut meetings: Vec<Meeting> = past.iter().map(|o| o.m).collect();
                        meetings.extend(fut);
                        set.patterns.push(Pattern { activity: id, meetings, label: "repair".into() });
                        cost.push(changes);
                    }
                }
                Err(why) => causes.push(format!("activity \"{}\": {why}", changed.activities[a].id)),
            }
            set.by_activity.push(start..set.patterns.len());
        }
        if !causes.is_empty() {
            return Err(RepairFailure::Infeasible(causes));
        }
        progress(&format!("patterns: {} for {} activities", set.patterns.len(), changed.activities.len()));
        match solve_set(changed, &set, &cost, &closures, cfg, progress) {
            Ok(solution) => {
                let mut tt = build_timetable(changed, old, &olds, &set, &solution.chosen, from, &closures)
                    .map_err(RepairFailure::Solver)?;
                let seconds = t0.elapsed().as_secs_f64();
                tt.report = Some(ReportFile {
                    status: solution.status,
                    objective: round3(solution.objective),
                    gap: (solution.gap * 1e6).round() / 1e6,
                    seconds: (seconds * 100.0).round() / 100.0,
                    costs: solution.costs,
                    model: None,
                });
                verify(changed, &tt, &closures).map_err(RepairFailure::Solver)?;
                return Ok(Repaired { timetable: tt, widened, seconds });
            }
            Err(SolveErr::Infeasible) => {
                last_err = Some(RepairFailure::Infeasible(vec![infeasible_sentence(changed, changes, &per_act)]))
            }
            Err(SolveErr::Other(e)) => return Err(RepairFailure::Solver(e)),
        }
    }
    Err(last_err.unwrap_or_else(|| RepairFailure::Solver("no repair was attempted".into())))
}

/// Names what the changes touch, for an infeasible repair.
fn infeasible_sentence(inst: &Instance, changes: &Changes, per_act: &[(Vec<&Old>, Vec<&Old>)]) -> String {
    let mut what = Vec::new();
    for e in &changes.events {
        match e {
            Event::TeacherUnavailable { teacher, range } => {
                let t = &inst.teachers[teacher.index()];
                let acts: Vec<String> = inst
                    .activities
                    .iter()
                    .enumerate()
                    .filter(|(i, a)| a.teachers.contains(teacher) && !per_act[*i].1.is_empty())
                    .map(|(_, a)| format!("\"{}\"", a.id))
                    .collect();
                what.push(format!(
                    "teacher \"{}\" away {} to {} (activities {})",
                    t.id,
                    range.from,
                    range.to,
                    acts.join(", ")
                ));
            }
            Event::RoomClosed { room, range } => {
                what.push(format!("room \"{}\" closed {} to {}", inst.rooms[room.index()].id, range.from, range.to))
            }
            Event::Closure { range, label } => what.push(format!("closure \"{label}\" {} to {}", range.from, range.to)),
            Event::HoursChanged { activity, minutes } => what.push(format!(
                "activity \"{}\" now {} h",
                inst.activities[activity.index()].id,
                crate::model::time::hours_string(*minutes)
            )),
        }
    }
    format!(
        "no timetable keeps the meetings before {} and meets every rule after: {} cannot all be absorbed in the remaining slots (run `horaire explain` on the changed instance for the details)",
        changes.from,
        what.join("; ")
    )
}

/// Resolves the old timetable's meetings; every problem located.
fn resolve(inst: &Instance, tt: &TimetableFile, file: &Path) -> Result<Vec<Old>, Vec<Problem>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    if tt.instance != inst.name {
        problems.push(Problem::new(
            file,
            "instance",
            format!("this timetable is for \"{}\"; expected one for \"{}\"", tt.instance, inst.name),
        ));
    }
    for (i, mf) in tt.meetings.iter().enumerate() {
        let at = |k: &str| format!("meetings[{i}].{k}");
        let mut p = |k: &str, msg: String| problems.push(Problem::new(file, at(k), msg));
        let a = inst.index.activities.get(&mf.activity).copied();
        if a.is_none() {
            p("activity", format!("unknown activity \"{}\"; expected an activity id of the instance", mf.activity));
        }
        let date = parse_date(&mf.date);
        if date.is_none() {
            p("date", format!("\"{}\" is not a date; expected YYYY-MM-DD", mf.date));
        }
        let start = ClockTime::parse(&mf.start);
        if start.is_none() {
            p("start", format!("\"{}\" is not a time; expected HH:MM", mf.start));
        }
        let end = ClockTime::parse(&mf.end);
        if end.is_none() {
            p("end", format!("\"{}\" is not a time; expected HH:MM", mf.end));
        }
        if let (Some(s), Some(e)) = (start, end) {
            if e <= s {
                p("end", format!("{} is not after the start {}; expected a later time", mf.end, mf.start));
            }
        }
        let site = inst.index.sites.get(&mf.site).copied();
        if site.is_none() {
            p("site", format!("unknown site \"{}\"; expected a site id of the instance", mf.site));
        }
        let room = inst.index.rooms.get(&mf.room).copied();
        match (room, site) {
            (None, _) => p("room", format!("unknown room \"{}\"; expected a room id of the instance", mf.room)),
            (Some(r), Some(s)) if inst.rooms[r.index()].site != s => {
                p("room", format!("room \"{}\" is not at site \"{}\"; expected one of its rooms", mf.room, mf.site))
            }
            _ => {}
        }
        if let (Some(a), Some(date), Some(start), Some(end), Some(site), Some(room)) = (a, date, start, end, site, room)
        {
            if end > start {
                out.push(Old { a, m: Meeting { date, start, end, site }, room, file: mf.clone() });
            }
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Whether an activity has a future meeting in a room closed that day.
fn touched_by_rooms(future: &[&Old], closures: &[RoomClosure]) -> bool {
    future.iter().any(|o| closures.iter().any(|c| c.room == o.room && c.range.contains(o.m.date)))
}

/// The candidate future meeting lists of one activity (each delivering the
/// hours left after its past meetings). When `touched` is false and the
/// old future meetings are all still possible, they are the only candidate.
fn candidates(
    inst: &Instance,
    a: ActivityId,
    past: &[&Old],
    future: &[&Old],
    from: NaiveDate,
    window: Option<&Vec<crate::model::time::DateRange>>,
    touched: bool,
) -> Result<Vec<Vec<Meeting>>, String> {
    let act = &inst.activities[a.index()];
    let ue = &inst.ues[act.ue.index()];
    let session = act.session_minutes;
    let done: u32 = past.iter().map(|o| o.m.minutes()).sum();
    if done > act.minutes {
        return Err(format!(
            "it already met {} h before {from}, more than its {} h",
            crate::model::time::hours_string(done),
            crate::model::time::hours_string(act.minutes)
        ));
    }
    let rest = act.minutes - done;
    if rest == 0 {
        return Ok(vec![Vec::new()]);
    }
    if let Some(short) = past.iter().find(|o| o.m.minutes() < session) {
        return Err(format!(
            "its shorter last meeting on {} lies before {from}, so its remaining {} h cannot follow it",
            short.m.date,
            crate::model::time::hours_string(rest)
        ));
    }
    let n = rest.div_ceil(session) as usize;
    let last = rest - (n as u32 - 1) * session;
    let grid = inst.grid_of(a);
    let templates: Vec<_> = grid.slots.iter().filter(|t| t.minutes() >= session).collect();
    let usable = crate::timetable::patterns::usable_dates(inst, a, &templates, window, Some(from));

    // Site sequences, continuing the past.
    let students = inst.activity_students(a);
    let fits = |s: SiteId| inst.sites[s.index()].rooms.iter().any(|r| inst.rooms[r.index()].capacity >= students);
    let variants: Vec<Vec<SiteId>> = match &act.site {
        SiteRule::Fixed(s) => vec![vec![*s; n]],
        SiteRule::AnyOf(v) => match past.first() {
            Some(o) => vec![vec![o.m.site; n]],
            None => v.iter().map(|s| vec![*s; n]).collect(),
        },
        SiteRule::Alternate(x, y) => {
            let alt = |first: SiteId| -> Vec<SiteId> {
                let second = if first == *x { *y } else { *x };
                (0..n).map(|i| if i % 2 == 0 { first } else { second }).collect()
            };
            match past.last() {
                Some(o) => vec![alt(if o.m.site == *x { *y } else { *x })],
                None => vec![alt(*x), alt(*y)],
            }
        }
    };
    let variants: Vec<Vec<SiteId>> = variants.into_iter().filter(|v| v.iter().all(|&s| fits(s))).collect();

    // Old future meetings still possible (same template start, usable date).
    let mut kept: Vec<(NaiveDate, usize)> = Vec::new();
    for o in future {
        let ti = templates
            .iter()
            .position(|t| t.day == chrono::Datelike::weekday(&o.m.date) && t.start == o.m.start && o.m.end <= t.end);
        if let Some(ti) = ti {
            if usable[ti].contains(&o.m.date) && !kept.iter().any(|(d, _)| *d == o.m.date) {
                kept.push((o.m.date, ti));
            }
        }
    }
    kept.sort();

    let mut seqs: Vec<Vec<(NaiveDate, usize)>> = Vec::new();
    if kept.len() >= n {
        seqs.push(kept[..n].to_vec());
    } else {
        let k = n - kept.len();
        let kept_dates: BTreeSet<NaiveDate> = kept.iter().map(|(d, _)| *d).collect();
        for (ti, dates) in usable.iter().enumerate() {
            let free: Vec<NaiveDate> = dates.iter().copied().filter(|d| !kept_dates.contains(d)).collect();
            for j in 0..(free.len() + 1).saturating_sub(k) {
                let mut s = kept.clone();
                s.extend(free[j..j + k].iter().map(|d| (*d, ti)));
                seqs.push(s);
            }
        }
        // The first free dates of any template, after the last kept one.
        let mut all: Vec<(NaiveDate, usize)> = usable
            .iter()
            .enumerate()
            .flat_map(|(ti, ds)| ds.iter().map(move |d| (*d, ti)))
            .filter(|(d, _)| !kept_dates.contains(d))
            .collect();
        all.sort();
        let after = kept.last().map(|(d, _)| *d);
        let tail: Vec<(NaiveDate, usize)> = all.iter().copied().filter(|(d, _)| after.is_none_or(|l| *d > l)).collect();
        // A few new meetings as early as possible on one template and the
        // rest at the end (this keeps an alternating activity's sites).
        for j in 1..k {
            for (ti, early_dates) in usable.iter().enumerate() {
                let early: Vec<NaiveDate> =
                    early_dates.iter().copied().filter(|d| !kept_dates.contains(d)).take(j).collect();
                if early.len() < j {
                    continue;
                }
                let sources: Vec<Vec<(NaiveDate, usize)>> = std::iter::once(tail.clone())
                    .chain((0..usable.len()).map(|t2| tail.iter().copied().filter(|&(_, x)| x == t2).collect()))
                    .collect();
                for src in sources {
                    let mut s = kept.clone();
                    s.extend(early.iter().map(|d| (*d, ti)));
                    seqs.extend(filled(s, &src, n));
                }
            }
        }
        if let SiteRule::Alternate(..) = act.site {
            let site_of: BTreeMap<NaiveDate, SiteId> = future.iter().map(|o| (o.m.date, o.m.site)).collect();
            let kept_sites: Vec<(NaiveDate, usize, SiteId)> =
                kept.iter().filter_map(|&(d, ti)| Some((d, ti, *site_of.get(&d)?))).collect();
            // Whether the first kept meeting needs an odd number of new
            // meetings before it to keep its site (the sites continue the
            // past when there is one).
            let first_odd =
                kept_sites.first().is_some_and(|&(_, _, s0)| variants.iter().all(|v| v.first() != Some(&s0)));
            seqs.extend(alternation_keeping(&kept_sites, &usable, k, first_odd));
        }
        for src in [&tail, &all] {
            seqs.extend(filled(kept.clone(), src, n));
        }
    }
    let keep_only = !touched && future.len() == n && {
        let old: Vec<Meeting> = future.iter().map(|o| o.m).collect();
        seqs.first().is_some_and(|s| s.len() == n)
            && variants.iter().any(|v| expand(&templates, &seqs[0], v, session, last) == old)
    };
    if keep_only {
        let old: Vec<Meeting> = future.iter().map(|o| o.m).collect();
        return Ok(vec![old]);
    }

    // Regular patterns on the dates left, as the solver builds them.
    let period_start = ue.period.span(&inst.calendar).from;
    let weekly = !matches!(act.frequency, Frequency::Fortnightly);
    let fortnightly = !matches!(act.frequency, Frequency::Weekly);
    let mut regular = 0;
    for (ti, dates) in usable.iter().enumerate() {
        if weekly {
            for k in 0..(dates.len() + 1).saturating_sub(n) {
                seqs.push(dates[k..k + n].iter().map(|d| (*d, ti)).collect());
                regular += 1;
            }
        }
        if fortnightly {
            for parity in 0..2 {
                let sub: Vec<NaiveDate> =
                    dates.iter().copied().filter(|d| week_index(period_start, *d).rem_euclid(2) == parity).collect();
                for k in 0..(sub.len() + 1).saturating_sub(n) {
                    seqs.push(sub[k..k + n].iter().map(|d| (*d, ti)).collect());
                    regular += 1;
                }
            }
        }
    }
    if regular == 0 {
        seqs.extend(
            crate::timetable::patterns::two_slot_runs(&templates, &usable, n).into_iter().map(|(_, _, run)| run),
        );
    }

    let mut out: BTreeSet<Vec<Meeting>> = BTreeSet::new();
    for mut s in seqs {
        s.sort();
        if s.windows(2).any(|w| w[0].0 == w[1].0) {
            continue;
        }
        for v in &variants {
            let _ = out.insert(expand(&templates, &s, v, session, last));
        }
    }
    if out.is_empty() {
        let best = usable.iter().map(Vec::len).max().unwrap_or(0);
        let names: Vec<&str> = act.teachers.iter().map(|t| inst.teachers[t.index()].id.as_str()).collect();
        return Err(format!(
            "it needs {n} more meeting(s) ({} h) from {from} on, but its slots leave at most {best} usable date(s) in period {} (teacher(s) {}, closures and exams taken into account)",
            crate::model::time::hours_string(rest),
            ue.period.label(),
            names.join(", ")
        ));
    }
    Ok(out.into_iter().collect())
}

/// At most this many choices of new dates inside one gap between kept
/// meetings, and at most this many sequences per way of spreading the new
/// meetings over the gaps.
const GAP_CHOICES: usize = 60;

/// `start` completed to `n` meetings with the dates of `src` in order,
/// skipping dates it already has; `None` when `src` runs out first.
fn filled(mut start: Vec<(NaiveDate, usize)>, src: &[(NaiveDate, usize)], n: usize) -> Option<Vec<(NaiveDate, usize)>> {
    let mut used: BTreeSet<NaiveDate> = start.iter().map(|(d, _)| *d).collect();
    for &(d, ti) in src {
        if start.len() == n {
            break;
        }
        if used.insert(d) {
            start.push((d, ti));
        }
    }
    (start.len() == n).then_some(start)
}

/// Date sequences for an alternating activity that keep every kept old
/// meeting (`(date, template, old site)`, in date order) at its old site.
/// Under alternation a meeting's site follows from its rank, so the `k`
/// new meetings go where they keep every kept meeting's rank parity: an odd
/// number between two kept meetings at the same site (where lost meetings
/// left a hole), an even number between two at different sites, an odd
/// number before the first kept meeting when `first_odd`, and any number
/// after the last. The least such spread is tried with the rest after the
/// last kept meeting, and with two more in any one gap.
fn alternation_keeping(
    kept: &[(NaiveDate, usize, SiteId)],
    usable: &[Vec<NaiveDate>],
    k: usize,
    first_odd: bool,
) -> Vec<Vec<(NaiveDate, usize)>> {
    let nk = kept.len();
    if nk == 0 {
        return Vec::new();
    }
    // Gap g < nk lies before kept[g]; gap nk after the last kept meeting.
    let mut least = vec![0usize; nk + 1];
    least[0] = usize::from(first_odd);
    for g in 1..nk {
        least[g] = usize::from(kept[g - 1].2 == kept[g].2);
    }
    let base: usize = least.iter().sum();
    if base > k {
        return Vec::new();
    }
    let rest = k - base;
    let mut spreads = vec![least.clone()];
    spreads[0][nk] += rest;
    if rest >= 2 {
        for g in 0..nk {
            let mut sp = least.clone();
            sp[g] += 2;
            sp[nk] += rest - 2;
            spreads.push(sp);
        }
    }
    let kept_dates: BTreeSet<NaiveDate> = kept.iter().map(|&(d, _, _)| d).collect();
    let mut free: Vec<(NaiveDate, usize)> = usable
        .iter()
        .enumerate()
        .flat_map(|(ti, ds)| ds.iter().map(move |&d| (d, ti)))
        .filter(|(d, _)| !kept_dates.contains(d))
        .collect();
    free.sort();
    let in_gap = |g: usize| -> Vec<(NaiveDate, usize)> {
        free.iter().copied().filter(|&(d, _)| (g == 0 || d > kept[g - 1].0) && (g == nk || d < kept[g].0)).collect()
    };
    let base_seq: Vec<(NaiveDate, usize)> = kept.iter().map(|&(d, ti, _)| (d, ti)).collect();
    let mut out = Vec::new();
    for sp in spreads {
        let mut partial = vec![base_seq.clone()];
        for (g, &count) in sp.iter().enumerate().take(nk) {
            if count == 0 {
                continue;
            }
            let mut choices = Vec::new();
            distinct_date_choices(&in_gap(g), count, &mut Vec::new(), &mut choices);
            partial = partial
                .iter()
                .flat_map(|s| {
                    choices.iter().map(move |c| {
                        let mut s = s.clone();
                        s.extend(c.iter().copied());
                        s
                    })
                })
                .take(GAP_CHOICES)
                .collect();
        }
        let after = in_gap(nk);
        let templates = usable.len();
        let sources: Vec<Vec<(NaiveDate, usize)>> = std::iter::once(after.clone())
            .chain((0..templates).map(|t| after.iter().copied().filter(|&(_, x)| x == t).collect()))
            .collect();
        for s in &partial {
            for src in &sources {
                let mut seq = s.clone();
                let mut used: BTreeSet<NaiveDate> = seq.iter().map(|&(d, _)| d).collect();
                for &(d, ti) in src {
                    if seq.len() == base_seq.len() + k {
                        break;
                    }
                    if used.insert(d) {
                        seq.push((d, ti));
                    }
                }
                if seq.len() == base_seq.len() + k {
                    out.push(seq);
                }
            }
        }
    }
    out
}

/// Choices of `count` entries of `pool` (in order) on distinct dates, at
/// most [`GAP_CHOICES`] of them, earliest first.
fn distinct_date_choices(
    pool: &[(NaiveDate, usize)],
    count: usize,
    cur: &mut Vec<(NaiveDate, usize)>,
    out: &mut Vec<Vec<(NaiveDate, usize)>>,
) {
    if out.len() >= GAP_CHOICES {
        return;
    }
    if cur.len() == count {
        out.push(cur.clone());
        return;
    }
    for (i, &(d, ti)) in pool.iter().enumerate() {
        if cur.last().is_some_and(|&(l, _)| d <= l) {
            continue;
        }
        cur.push((d, ti));
        distinct_date_choices(&pool[i + 1..], count, cur, out);
        let _ = cur.pop();
        if out.len() >= GAP_CHOICES {
            return;
        }
    }
}

/// Concrete meetings of a sequence of (date, template) with sites.
fn expand(
    templates: &[&crate::model::SlotTemplate],
    seq: &[(NaiveDate, usize)],
    sites: &[SiteId],
    session: u32,
    last: u32,
) -> Vec<Meeting> {
    let n = seq.len();
    seq.iter()
        .zip(sites)
        .enumerate()
        .map(|(i, (&(date, ti), &site))| {
            let len = if i + 1 == n { last } else { session };
            let start = templates[ti].start;
            Meeting { date, start, end: start.plus_minutes(len), site }
        })
        .collect()
}

enum SolveErr {
    Infeasible,
    Other(String),
}

/// A cost kind, its (column, coefficient) terms and its constant.
type CostPart = (String, Vec<(usize, f64)>, f64);

/// What the solver chose on the candidate set.
struct Solution {
    /// The chosen pattern of each activity.
    chosen: Vec<usize>,
    /// The objective value, perturbation included.
    objective: f64,
    /// The relative gap to the bound.
    gap: f64,
    /// `optimal` or `feasible`.
    status: SolveStatus,
    /// Each cost kind's value, `perturbation` included, to three decimals.
    costs: BTreeMap<String, f64>,
}

/// Builds the solver's model on the candidate set, adds the perturbation
/// penalty and the closed-room rows, and returns the chosen pattern of
/// each activity.
fn solve_set(
    inst: &Instance,
    set: &PatternSet,
    cost: &[f64],
    closures: &[RoomClosure],
    cfg: &SolverConfig,
    progress: Progress<'_>,
) -> Result<Solution, SolveErr> {
    let mut built = tmodel::build(inst, set, cfg, false);
    let mut penalty = Expression::default();
    for (p, &c) in cost.iter().enumerate() {
        if c > 0.0 {
            penalty.add_mul(CHANGE_WEIGHT * c, built.x[p]);
        }
    }
    built.objective.add_mul(1.0, penalty.clone());
    closed_room_rows(inst, set, closures, &mut built);
    progress(&format!("model: {} variables, {} rows", built.vars.len(), built.rows.len()));
    let column: Vec<usize> = built.pattern_columns();
    let mut parts: Vec<CostPart> = built
        .costs
        .iter()
        .map(|(k, e)| {
            (k.to_string(), e.clone().linear_coefficients().map(|(v, c)| (built.column[&v], c)).collect(), e.constant())
        })
        .collect();
    parts.push((
        "perturbation".to_string(),
        penalty.clone().linear_coefficients().map(|(v, c)| (built.column[&v], c)).collect(),
        0.0,
    ));
    let settings = RunSettings::from_config(cfg);
    let result = backend::run(built, &settings, &|_| {});
    let status = match &result.outcome {
        Outcome::Optimal => SolveStatus::Optimal,
        Outcome::Feasible { .. } => SolveStatus::Feasible,
        Outcome::Infeasible => return Err(SolveErr::Infeasible),
        Outcome::NoSolutionInTime => {
            return Err(SolveErr::Other(format!(
                "no repaired timetable within the time limit of {} s",
                cfg.time_limit
            )));
        }
        Outcome::Error(e) => return Err(SolveErr::Other(format!("the solver failed: {e}"))),
    };
    let mut chosen = Vec::new();
    for (a, range) in set.by_activity.iter().enumerate() {
        let best = range
            .clone()
            .max_by(|&p, &q| result.values[column[p]].total_cmp(&result.values[column[q]]).then(q.cmp(&p)))
            .filter(|&p| result.values[column[p]] > 0.5);
        match best {
            Some(p) => chosen.push(p),
            None => {
                return Err(SolveErr::Other(format!(
                    "the solver returned no pattern for activity {}",
                    inst.activities[a].id
                )));
            }
        }
    }
    let costs = parts
        .into_iter()
        .map(|(k, terms, c)| (k, round3(terms.iter().map(|&(j, w)| w * result.values[j]).sum::<f64>() + c)))
        .collect();
    Ok(Solution { chosen, objective: result.objective, gap: result.gap, status, costs })
}

/// Rows keeping the meetings at a site within its open rooms on the dates
/// some of its rooms are closed (the solver's own room rows count every
/// room).
fn closed_room_rows(inst: &Instance, set: &PatternSet, closures: &[RoomClosure], built: &mut tmodel::Built) {
    let mut occs: BTreeMap<(SiteId, NaiveDate), Vec<(usize, Meeting)>> = BTreeMap::new();
    for c in closures {
        let site = inst.rooms[c.room.index()].site;
        for (p, pat) in set.patterns.iter().enumerate() {
            for m in &pat.meetings {
                if m.site == site && c.range.contains(m.date) {
                    occs.entry((site, m.date)).or_default().push((p, *m));
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    for ((site, date), list) in occs {
        let open: Vec<RoomId> = inst.sites[site.index()]
            .rooms
            .iter()
            .copied()
            .filter(|r| !closures.iter().any(|c| c.room == *r && c.range.contains(date)))
            .collect();
        let mut caps: Vec<u32> = open.iter().map(|r| inst.rooms[r.index()].capacity).collect();
        caps.sort_unstable();
        caps.dedup();
        let starts: BTreeSet<ClockTime> = list.iter().map(|(_, m)| m.start).collect();
        for s in starts {
            let here: Vec<usize> = list.iter().filter(|(_, m)| m.start <= s && s < m.end).map(|(p, _)| *p).collect();
            // Thresholds: each open capacity, and "more than the largest".
            let mut levels: Vec<(u32, u32)> = Vec::new();
            let mut below = 0;
            for &k in &caps {
                let rooms = open.iter().filter(|r| inst.rooms[r.index()].capacity >= k).count() as u32;
                levels.push((below, rooms));
                below = k;
            }
            levels.push((below, 0));
            for (below, rooms) in levels {
                let need: BTreeSet<usize> = here
                    .iter()
                    .copied()
                    .filter(|&p| inst.activity_students(set.patterns[p].activity) > below)
                    .collect();
                let acts: BTreeSet<ActivityId> = need.iter().map(|&p| set.patterns[p].activity).collect();
                if acts.len() as u32 <= rooms || !seen.insert((need.iter().copied().collect::<Vec<_>>(), rooms)) {
                    continue;
                }
                let mut e = Expression::default();
                for &p in &need {
                    e.add_mul(1.0, built.x[p]);
                }
                built.nonzeros += need.len();
                built.rows.push(e.leq(f64::from(rooms)));
                built.info.push(RowInfo::Rooms { site, date, seats: below + 1, rooms });
                built.slack.push(None);
            }
        }
    }
}

/// The timetable of the chosen patterns: past meetings copied byte for
/// byte, future ones with rooms (the old room first).
fn build_timetable(
    inst: &Instance,
    old: &TimetableFile,
    olds: &[Old],
    set: &PatternSet,
    chosen: &[usize],
    from: NaiveDate,
    closures: &[RoomClosure],
) -> Result<TimetableFile, String> {
    let mut files: Vec<MeetingFile> = olds.iter().filter(|o| o.m.date < from).map(|o| o.file.clone()).collect();
    let mut future: Vec<(ActivityId, Meeting)> = Vec::new();
    for &p in chosen {
        let pat = &set.patterns[p];
        future.extend(pat.meetings.iter().filter(|m| m.date >= from).map(|m| (pat.activity, *m)));
    }
    let earlier = EarlierRooms::new(olds.iter().map(|o| (o.a, o.m, o.room)));
    let rules = RoomRules { earlier: Some(&earlier), closed: closures };
    let picked = rooms::assign_with(inst, &future, rules).map_err(|e| {
        format!(
            "no room assignment at site \"{}\" on {} although the room rows hold",
            inst.sites[e.site.index()].id,
            e.date
        )
    })?;
    for ((a, m), r) in future.iter().zip(picked) {
        files.push(crate::timetable::meeting_file(inst, *a, m, r));
    }
    crate::timetable::sort_meetings(&mut files);
    Ok(TimetableFile {
        format: TIMETABLE_FORMAT.to_string(),
        instance: old.instance.clone(),
        meetings: files,
        report: None,
    })
}

/// The independent checker on the result, room closures included.
fn verify(inst: &Instance, tt: &TimetableFile, closures: &[RoomClosure]) -> Result<(), String> {
    let violations = crate::check::check_with_closed_rooms(inst, tt, closures);
    if let Some(v) = violations.first() {
        return Err(format!(
            "the repaired timetable fails the checker ({} violation(s)), first: {v}; nothing was written",
            violations.len()
        ));
    }
    Ok(())
}
