//! The rules, each a plain function over the resolved meetings.

use super::dates::{closed_because, grid_spans, hhmm, hours, period_label, week_monday, weekday_plural};
use super::{MeetingRef, Rule, Violation, meeting_problems};
use crate::model::changes::RoomClosure;
use crate::model::pins::Pin;
use crate::model::time::{ClockTime, WeekdaySet, parse_date, weekday_code};
use crate::model::timetable::TimetableFile;
use crate::model::{ActivityId, CohortId, Instance, RoomId, SiteId, SiteRule, TeacherId, UeId, When};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet};

/// A meeting with its references resolved. Teachers and cohorts are the
/// union of what the meeting lists and what its activity says, so that a
/// meeting that drops a cohort still counts for that cohort.
#[derive(Debug)]
struct Meeting {
    r: MeetingRef,
    date: NaiveDate,
    start: u32,
    end: u32,
    activity: Option<ActivityId>,
    site: Option<SiteId>,
    room: Option<RoomId>,
    teachers: Vec<TeacherId>,
    cohorts: Vec<CohortId>,
}

impl Meeting {
    fn minutes(&self) -> u32 {
        self.end - self.start
    }

    fn span(&self) -> String {
        format!("{}–{}", hhmm(self.start), hhmm(self.end))
    }

    /// Same date and the clock times share a moment (touching ends do not).
    fn overlaps(&self, other: &Meeting) -> bool {
        self.date == other.date && self.start < other.end && other.start < self.end
    }
}

fn v(rule: Rule, meetings: &[&Meeting], message: String) -> Violation {
    Violation { rule, meetings: meetings.iter().map(|m| m.r.clone()).collect(), message }
}

/// Runs every rule.
pub(super) fn run(inst: &Instance, tt: &TimetableFile, closed: &[RoomClosure]) -> Vec<Violation> {
    let mut out = Vec::new();
    if tt.instance != inst.name {
        out.push(Violation {
            rule: Rule::InstanceName,
            meetings: Vec::new(),
            message: format!("the timetable was made for \"{}\", not for the instance \"{}\"", tt.instance, inst.name),
        });
    }
    let ms = resolve(inst, tt, &mut out);
    let by_activity = group_by_activity(&ms);
    hours_rule(inst, &by_activity, &mut out);
    slot_rule(inst, &ms, &mut out);
    session_rule(inst, &by_activity, &mut out);
    site_rules(inst, &ms, &by_activity, &mut out);
    overlap_rules(inst, &ms, &mut out);
    capacity_rule(inst, &ms, &mut out);
    room_closed_rule(inst, &ms, closed, &mut out);
    unavailability_rule(inst, &ms, &mut out);
    travel_rule(inst, &ms, &mut out);
    corequisite_rule(inst, &by_activity, &mut out);
    weekly_rules(inst, &ms, &mut out);
    pin_rule(inst, &by_activity, &mut out);
    out
}

fn quoted(ids: &[&str]) -> String {
    ids.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
}

/// Resolves every meeting; reports unreadable meetings, unknown ids and
/// meetings that disagree with their activity.
fn resolve(inst: &Instance, tt: &TimetableFile, out: &mut Vec<Violation>) -> Vec<Meeting> {
    let ix = &inst.index;
    let mut ms = Vec::new();
    for (i, f) in tt.meetings.iter().enumerate() {
        let r = MeetingRef::of(i, f);
        let parsed = (parse_date(&f.date), ClockTime::parse(&f.start), ClockTime::parse(&f.end));
        let (date, start, end) = match parsed {
            (Some(d), Some(s), Some(e)) if s < e => (d, s.minutes(), e.minutes()),
            _ => {
                let whys: Vec<String> = meeting_problems(f).into_iter().map(|(k, why)| format!("{k}: {why}")).collect();
                out.push(Violation {
                    rule: Rule::Malformed,
                    meetings: vec![r],
                    message: format!("the meeting cannot be read ({})", whys.join("; ")),
                });
                continue;
            }
        };
        let mut unknown = Vec::new();
        let activity = ix.activities.get(&f.activity).copied();
        if activity.is_none() {
            unknown.push(format!("activity \"{}\"", f.activity));
        }
        let ue: Option<UeId> = ix.ues.get(&f.ue).copied();
        if ue.is_none() {
            unknown.push(format!("UE \"{}\"", f.ue));
        }
        let site = ix.sites.get(&f.site).copied();
        if site.is_none() {
            unknown.push(format!("site \"{}\"", f.site));
        }
        let room = ix.rooms.get(&f.room).copied();
        if room.is_none() {
            unknown.push(format!("room \"{}\"", f.room));
        }
        let mut teachers = Vec::new();
        for t in &f.teachers {
            match ix.teachers.get(t) {
                Some(&id) => teachers.push(id),
                None => unknown.push(format!("teacher \"{t}\"")),
            }
        }
        let mut cohorts = Vec::new();
        for c in &f.cohorts {
            match ix.cohorts.get(c) {
                Some(&id) => cohorts.push(id),
                None => unknown.push(format!("cohort \"{c}\"")),
            }
        }
        if !unknown.is_empty() {
            out.push(Violation {
                rule: Rule::UnknownReference,
                meetings: vec![r.clone()],
                message: format!("the instance has no {}", unknown.join(", no ")),
            });
        }
        if let (Some(rm), Some(s)) = (room, site) {
            let room_site = inst.rooms[rm.index()].site;
            if room_site != s {
                out.push(Violation {
                    rule: Rule::UnknownReference,
                    meetings: vec![r.clone()],
                    message: format!(
                        "room \"{}\" is at site \"{}\", not at \"{}\"",
                        f.room,
                        inst.sites[room_site.index()].id,
                        f.site
                    ),
                });
            }
        }
        if let Some(a) = activity {
            let act = &inst.activities[a.index()];
            let mut wrong = Vec::new();
            if ue.is_some() && ue != Some(act.ue) {
                wrong.push(format!(
                    "it names UE \"{}\" but the activity belongs to \"{}\"",
                    f.ue,
                    inst.ues[act.ue.index()].code
                ));
            }
            let want_t: BTreeSet<&str> = act.teachers.iter().map(|t| inst.teachers[t.index()].id.as_str()).collect();
            let have_t: BTreeSet<&str> = f.teachers.iter().map(String::as_str).collect();
            if want_t != have_t {
                wrong.push(format!(
                    "it lists teacher(s) [{}] but the activity is taught by [{}]",
                    quoted(&have_t.iter().copied().collect::<Vec<_>>()),
                    quoted(&want_t.iter().copied().collect::<Vec<_>>())
                ));
            }
            let want_c: BTreeSet<&str> = act.cohorts.iter().map(|c| inst.cohorts[c.index()].id.as_str()).collect();
            let have_c: BTreeSet<&str> = f.cohorts.iter().map(String::as_str).collect();
            if want_c != have_c {
                wrong.push(format!(
                    "it lists cohort(s) [{}] but the activity is for [{}]",
                    quoted(&have_c.iter().copied().collect::<Vec<_>>()),
                    quoted(&want_c.iter().copied().collect::<Vec<_>>())
                ));
            }
            if !wrong.is_empty() {
                out.push(Violation {
                    rule: Rule::ActivityMismatch,
                    meetings: vec![r.clone()],
                    message: format!("the meeting does not match activity \"{}\": {}", act.id, wrong.join("; ")),
                });
            }
            teachers.extend(act.teachers.iter().copied());
            cohorts.extend(act.cohorts.iter().copied());
        }
        teachers.sort_unstable();
        teachers.dedup();
        cohorts.sort_unstable();
        cohorts.dedup();
        ms.push(Meeting { r, date, start, end, activity, site, room, teachers, cohorts });
    }
    ms
}

/// Each known activity's meetings, in date and start order (every activity
/// of the instance has an entry, possibly empty).
fn group_by_activity(ms: &[Meeting]) -> BTreeMap<ActivityId, Vec<&Meeting>> {
    let mut map: BTreeMap<ActivityId, Vec<&Meeting>> = BTreeMap::new();
    for m in ms {
        if let Some(a) = m.activity {
            map.entry(a).or_default().push(m);
        }
    }
    for list in map.values_mut() {
        list.sort_by_key(|m| (m.date, m.start, m.r.index));
    }
    map
}

fn hours_rule(inst: &Instance, by: &BTreeMap<ActivityId, Vec<&Meeting>>, out: &mut Vec<Violation>) {
    for (i, act) in inst.activities.iter().enumerate() {
        let list = by.get(&ActivityId::from_index(i)).map(Vec::as_slice).unwrap_or(&[]);
        let got: u32 = list.iter().map(|m| m.minutes()).sum();
        if got != act.minutes {
            let diff = if got > act.minutes {
                format!("{} h too many", hours(got - act.minutes))
            } else {
                format!("{} h missing", hours(act.minutes - got))
            };
            out.push(v(
                Rule::Hours,
                list,
                format!(
                    "activity \"{}\" has {} h but its {} meeting(s) add up to {} h ({diff})",
                    act.id,
                    hours(act.minutes),
                    list.len(),
                    hours(got)
                ),
            ));
        }
    }
}

fn slot_rule(inst: &Instance, ms: &[Meeting], out: &mut Vec<Violation>) {
    for m in ms {
        let Some(a) = m.activity else { continue };
        let act = &inst.activities[a.index()];
        let ue = &inst.ues[act.ue.index()];
        if let Some(why) = closed_because(&inst.calendar, &ue.period, m.date) {
            out.push(v(
                Rule::Slot,
                &[m],
                format!(
                    "activity \"{}\" ({}, period {}) cannot meet on {}: {why}",
                    act.id,
                    ue.code,
                    period_label(&ue.period),
                    m.date
                ),
            ));
            continue;
        }
        let grid = &inst.grids[inst.programmes[ue.programme.index()].grid.index()];
        let spans = grid_spans(grid, m.date);
        let inside: Vec<(u32, u32)> = spans.iter().copied().filter(|&(s, e)| s <= m.start && m.end <= e).collect();
        if inside.is_empty() {
            let offered: Vec<String> = spans.iter().map(|&(s, e)| format!("{}–{}", hhmm(s), hhmm(e))).collect();
            let why = if offered.is_empty() {
                format!("time grid \"{}\" has no slot on {}", grid.id, weekday_plural(m.date))
            } else {
                format!(
                    "it is not inside a slot of time grid \"{}\" on {} ({})",
                    grid.id,
                    weekday_plural(m.date),
                    offered.join(", ")
                )
            };
            out.push(v(Rule::Slot, &[m], format!("activity \"{}\" meets {} on {}: {why}", act.id, m.span(), m.date)));
        } else if m.minutes() < act.session_minutes && !inside.iter().any(|&(s, _)| s == m.start) {
            let starts: Vec<String> = inside.iter().map(|&(s, _)| hhmm(s)).collect();
            out.push(v(
                Rule::Slot,
                &[m],
                format!(
                    "the shorter meeting of activity \"{}\" ({} h of a {} h session) must start when its slot starts ({}), not at {}",
                    act.id,
                    hours(m.minutes()),
                    hours(act.session_minutes),
                    starts.join(" or "),
                    hhmm(m.start)
                ),
            ));
        }
    }
}

fn session_rule(inst: &Instance, by: &BTreeMap<ActivityId, Vec<&Meeting>>, out: &mut Vec<Violation>) {
    for (a, list) in by {
        let act = &inst.activities[a.index()];
        for (k, m) in list.iter().enumerate() {
            if m.minutes() > act.session_minutes {
                out.push(v(
                    Rule::SessionLength,
                    &[m],
                    format!(
                        "the meeting of activity \"{}\" lasts {} h, longer than its {} h session",
                        act.id,
                        hours(m.minutes()),
                        hours(act.session_minutes)
                    ),
                ));
            } else if m.minutes() < act.session_minutes && k + 1 < list.len() {
                out.push(v(
                    Rule::SessionLength,
                    &[m, list[list.len() - 1]],
                    format!(
                        "the meeting of activity \"{}\" lasts {} h, shorter than its {} h session, but only its last meeting (on {}) may be shorter",
                        act.id,
                        hours(m.minutes()),
                        hours(act.session_minutes),
                        list[list.len() - 1].date
                    ),
                ));
            }
        }
    }
}

fn site_rules(inst: &Instance, ms: &[Meeting], by: &BTreeMap<ActivityId, Vec<&Meeting>>, out: &mut Vec<Violation>) {
    let site_id = |s: SiteId| inst.sites[s.index()].id.as_str();
    for m in ms {
        let (Some(a), Some(s)) = (m.activity, m.site) else { continue };
        let act = &inst.activities[a.index()];
        let allowed = match &act.site {
            SiteRule::Fixed(x) => vec![*x],
            SiteRule::Alternate(x, y) => vec![*x, *y],
            SiteRule::AnyOf(xs) => xs.clone(),
        };
        if !allowed.contains(&s) {
            let names: Vec<&str> = allowed.iter().map(|&x| site_id(x)).collect();
            out.push(v(
                Rule::SiteRule,
                &[m],
                format!("activity \"{}\" may only meet at {}, not at \"{}\"", act.id, quoted(&names), site_id(s)),
            ));
        }
    }
    for (a, list) in by {
        let act = &inst.activities[a.index()];
        match &act.site {
            SiteRule::AnyOf(_) => {
                let Some(first) = list.iter().find(|m| m.site.is_some()) else { continue };
                for m in list.iter().filter(|m| m.site.is_some() && m.site != first.site) {
                    out.push(v(
                        Rule::SiteRule,
                        &[first, m],
                        format!(
                            "activity \"{}\" may meet at any one of its sites but must keep it all year: it first meets at \"{}\", then on {} at \"{}\"",
                            act.id,
                            first.r_site(inst),
                            m.date,
                            m.r_site(inst)
                        ),
                    ));
                }
            }
            SiteRule::Alternate(..) => {
                for pair in list.windows(2) {
                    let (p, q) = (pair[0], pair[1]);
                    if p.site.is_some() && p.site == q.site {
                        out.push(v(
                            Rule::Alternation,
                            &[p, q],
                            format!(
                                "activity \"{}\" alternates sites from one meeting to the next, but meets at \"{}\" on {} and again on {}",
                                act.id,
                                p.r_site(inst),
                                p.date,
                                q.date
                            ),
                        ));
                    }
                }
            }
            SiteRule::Fixed(_) => {}
        }
    }
}

impl Meeting {
    fn r_site<'a>(&self, inst: &'a Instance) -> &'a str {
        self.site.map(|s| inst.sites[s.index()].id.as_str()).unwrap_or("?")
    }
}

/// `a` is `b`, or an ancestor of `b` (walking up at most the number of
/// cohorts, so a malformed tree cannot loop).
fn is_self_or_ancestor(inst: &Instance, a: CohortId, b: CohortId) -> bool {
    let mut cur = Some(b);
    for _ in 0..=inst.cohorts.len() {
        match cur {
            Some(c) if c == a => return true,
            Some(c) => cur = inst.cohorts[c.index()].parent,
            None => return false,
        }
    }
    false
}

fn share_students(inst: &Instance, a: CohortId, b: CohortId) -> bool {
    is_self_or_ancestor(inst, a, b) || is_self_or_ancestor(inst, b, a)
}

/// Meetings grouped by date (date order; by start, end, activity inside).
fn by_date(ms: &[Meeting]) -> BTreeMap<NaiveDate, Vec<&Meeting>> {
    let mut map: BTreeMap<NaiveDate, Vec<&Meeting>> = BTreeMap::new();
    for m in ms {
        map.entry(m.date).or_default().push(m);
    }
    for day in map.values_mut() {
        day.sort_by(|a, b| (a.start, a.end, &a.r.activity, a.r.index).cmp(&(b.start, b.end, &b.r.activity, b.r.index)));
    }
    map
}

fn overlap_rules(inst: &Instance, ms: &[Meeting], out: &mut Vec<Violation>) {
    let cohort = |c: CohortId| inst.cohorts[c.index()].id.as_str();
    let teacher = |t: TeacherId| inst.teachers[t.index()].id.as_str();
    for day in by_date(ms).values() {
        for (i, p) in day.iter().enumerate() {
            for q in &day[i + 1..] {
                if !p.overlaps(q) {
                    continue;
                }
                let when = format!("on {}: {} {} and {} {}", p.date, p.r.activity, p.span(), q.r.activity, q.span());
                let shared = p
                    .cohorts
                    .iter()
                    .flat_map(|&a| q.cohorts.iter().map(move |&b| (a, b)))
                    .find(|&(a, b)| share_students(inst, a, b));
                if let Some((a, b)) = shared {
                    let who = if a == b {
                        format!("cohort \"{}\" has two meetings at once", cohort(a))
                    } else {
                        format!("cohorts \"{}\" and \"{}\" share students and meet at once", cohort(a), cohort(b))
                    };
                    out.push(v(Rule::CohortOverlap, &[p, q], format!("{who} {when}")));
                }
                let both: Vec<&str> =
                    p.teachers.iter().filter(|t| q.teachers.contains(t)).map(|&t| teacher(t)).collect();
                if !both.is_empty() {
                    out.push(v(
                        Rule::TeacherOverlap,
                        &[p, q],
                        format!("teacher(s) {} must teach two meetings at once {when}", quoted(&both)),
                    ));
                }
                if let Some(r) = p.room.filter(|&r| q.room == Some(r)) {
                    out.push(v(
                        Rule::RoomOverlap,
                        &[p, q],
                        format!("room \"{}\" is booked twice {when}", inst.rooms[r.index()].id),
                    ));
                }
            }
        }
    }
}

/// Students of a meeting: the sum over its cohorts, counting a cohort only
/// once when its ancestor is listed too.
fn meeting_students(inst: &Instance, m: &Meeting) -> u32 {
    m.cohorts
        .iter()
        .filter(|&&c| !m.cohorts.iter().any(|&o| o != c && is_self_or_ancestor(inst, o, c)))
        .map(|c| inst.cohorts[c.index()].students)
        .sum()
}

fn capacity_rule(inst: &Instance, ms: &[Meeting], out: &mut Vec<Violation>) {
    for m in ms {
        let Some(r) = m.room else { continue };
        let room = &inst.rooms[r.index()];
        let students = meeting_students(inst, m);
        if students > room.capacity {
            let names: Vec<&str> = m.cohorts.iter().map(|c| inst.cohorts[c.index()].id.as_str()).collect();
            out.push(v(
                Rule::RoomCapacity,
                &[m],
                format!(
                    "room \"{}\" seats {} but cohort(s) {} bring {} students",
                    room.id,
                    room.capacity,
                    quoted(&names),
                    students
                ),
            ));
        }
    }
}

fn room_closed_rule(inst: &Instance, ms: &[Meeting], closed: &[RoomClosure], out: &mut Vec<Violation>) {
    for m in ms {
        let Some(r) = m.room else { continue };
        if let Some(c) = closed.iter().find(|c| c.room == r && c.range.contains(m.date)) {
            out.push(v(
                Rule::RoomClosed,
                &[m],
                format!(
                    "room \"{}\" is closed from {} to {} (change file) but {} meets there {} on {}",
                    inst.rooms[r.index()].id,
                    c.range.from,
                    c.range.to,
                    m.r.activity,
                    m.span(),
                    m.date
                ),
            ));
        }
    }
}

fn unavailability_rule(inst: &Instance, ms: &[Meeting], out: &mut Vec<Violation>) {
    for m in ms {
        for &t in &m.teachers {
            let teacher = &inst.teachers[t.index()];
            let hit = teacher.unavailable.iter().find(|u| {
                u.days.contains(m.date.weekday())
                    && u.dates.from <= m.date
                    && m.date <= u.dates.to
                    && m.start < u.end.minutes()
                    && u.start.minutes() < m.end
            });
            if let Some(u) = hit {
                out.push(v(
                    Rule::TeacherUnavailable,
                    &[m],
                    format!(
                        "teacher \"{}\" is unavailable {} but teaches {} {} on {}",
                        teacher.id,
                        describe_when(inst, u),
                        m.r.activity,
                        m.span(),
                        m.date
                    ),
                ));
            }
        }
    }
}

/// An unavailability in words: only the parts the file restricts.
fn describe_when(inst: &Instance, u: &When) -> String {
    let mut parts = Vec::new();
    if u.days != WeekdaySet::ALL {
        let days: Vec<&str> =
            [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
                .into_iter()
                .filter(|&d| u.days.contains(d))
                .map(weekday_code)
                .collect();
        parts.push(format!("on {}", days.join(", ")));
    }
    if u.dates != inst.calendar.year {
        parts.push(format!("from {} to {}", u.dates.from, u.dates.to));
    }
    if u.start.minutes() > 0 || u.end.minutes() < 24 * 60 {
        parts.push(format!("{}–{}", hhmm(u.start.minutes()), hhmm(u.end.minutes())));
    }
    if parts.is_empty() { "all year".to_string() } else { parts.join(" ") }
}

fn travel_problem(inst: &Instance, p: &Meeting, q: &Meeting) -> Option<String> {
    let (Some(a), Some(b)) = (p.site, q.site) else { return None };
    if a == b || p.overlaps(q) {
        return None;
    }
    let gap = q.start.saturating_sub(p.end);
    let (from, to) = (inst.sites[a.index()].id.as_str(), inst.sites[b.index()].id.as_str());
    match inst.travel[a.index()][b.index()] {
        Some(need) if need <= gap => None,
        Some(need) => Some(format!(
            "{} min between {} at \"{from}\" (ends {}) and {} at \"{to}\" (starts {}) on {}, but the travel takes {need} min",
            gap,
            p.r.activity,
            hhmm(p.end),
            q.r.activity,
            hhmm(q.start),
            p.date
        )),
        None => Some(format!(
            "{} at \"{from}\" and {} at \"{to}\" on the same day {}, and the instance gives no travel time between these sites",
            p.r.activity, q.r.activity, p.date
        )),
    }
}

/// For each person's meetings of one day: each consecutive pair (by start,
/// then end) whose travel does not fit.
fn travel_pairs<'a>(inst: &Instance, mut day: Vec<&'a Meeting>) -> Vec<(&'a Meeting, &'a Meeting, String)> {
    day.sort_by_key(|m| (m.start, m.end, m.r.index));
    day.windows(2).filter_map(|w| travel_problem(inst, w[0], w[1]).map(|why| (w[0], w[1], why))).collect()
}

/// Leaf cohorts (no child), each with itself and its ancestors.
fn leaves(inst: &Instance) -> Vec<(CohortId, Vec<CohortId>)> {
    let mut has_child = vec![false; inst.cohorts.len()];
    for c in &inst.cohorts {
        if let Some(p) = c.parent {
            has_child[p.index()] = true;
        }
    }
    (0..inst.cohorts.len())
        .filter(|&i| !has_child[i])
        .map(|i| {
            let leaf = CohortId::from_index(i);
            let chain = (0..inst.cohorts.len())
                .map(CohortId::from_index)
                .filter(|&c| is_self_or_ancestor(inst, c, leaf))
                .collect();
            (leaf, chain)
        })
        .collect()
}

/// A trip that does not fit: the two meetings, why, and the cohorts making it.
type Trip<'a> = (Vec<&'a Meeting>, String, Vec<&'a str>);

fn travel_rule(inst: &Instance, ms: &[Meeting], out: &mut Vec<Violation>) {
    let days = by_date(ms);
    // Cohorts: one violation per pair of meetings, naming every leaf cohort
    // that makes the trip.
    let leaf_chains = leaves(inst);
    let mut cohort_trips: BTreeMap<(usize, usize), Trip<'_>> = BTreeMap::new();
    for day in days.values() {
        for (leaf, chain) in &leaf_chains {
            let mine: Vec<&Meeting> =
                day.iter().copied().filter(|m| m.cohorts.iter().any(|c| chain.contains(c))).collect();
            for (p, q, why) in travel_pairs(inst, mine) {
                let e = cohort_trips.entry((p.r.index, q.r.index)).or_insert_with(|| (vec![p, q], why, Vec::new()));
                e.2.push(inst.cohorts[leaf.index()].id.as_str());
            }
        }
        for (t, teacher) in inst.teachers.iter().enumerate() {
            let id = TeacherId::from_index(t);
            let mine: Vec<&Meeting> = day.iter().copied().filter(|m| m.teachers.contains(&id)).collect();
            for (p, q, why) in travel_pairs(inst, mine) {
                out.push(v(Rule::Travel, &[p, q], format!("teacher \"{}\" has only {why}", teacher.id)));
            }
        }
    }
    for (pair, why, who) in cohort_trips.into_values() {
        out.push(v(Rule::Travel, &pair, format!("cohort(s) {} have only {why}", quoted(&who))));
    }
}

fn corequisite_rule(inst: &Instance, by: &BTreeMap<ActivityId, Vec<&Meeting>>, out: &mut Vec<Violation>) {
    // The dates a UE runs: its meetings, and the windows of placements
    // that belong to it.
    let runs = |u: UeId| -> (Option<(NaiveDate, NaiveDate)>, Vec<&Meeting>, Vec<&str>) {
        let mut span: Option<(NaiveDate, NaiveDate)> = None;
        let mut widen = |f: NaiveDate, t: NaiveDate| {
            span = Some(match span {
                None => (f, t),
                Some((a, b)) => (a.min(f), b.max(t)),
            });
        };
        let mut mine: Vec<&Meeting> = Vec::new();
        for a in &inst.ues[u.index()].activities {
            mine.extend(by.get(a).map(Vec::as_slice).unwrap_or(&[]).iter().copied());
        }
        mine.sort_by_key(|m| (m.date, m.start, m.r.index));
        for m in &mine {
            widen(m.date, m.date);
        }
        let mut placements = Vec::new();
        for q in inst.placements.requirements.iter().filter(|q| q.ue == u) {
            widen(q.window.from, q.window.to);
            placements.push(q.id.as_str());
        }
        let ends: Vec<&Meeting> = match (mine.first(), mine.last()) {
            (Some(f), Some(l)) if f.r.index != l.r.index => vec![f, l],
            (Some(f), _) => vec![f],
            _ => Vec::new(),
        };
        (span, ends, placements)
    };
    let describe = |u: UeId, span: (NaiveDate, NaiveDate), placements: &[&str]| {
        let what = if placements.is_empty() {
            String::new()
        } else {
            format!(", counting placement(s) {}", quoted(placements))
        };
        format!("{} runs {} to {}{what}", inst.ues[u.index()].code, span.0, span.1)
    };
    let mut seen = BTreeSet::new();
    for (i, ue) in inst.ues.iter().enumerate() {
        let Some(other) = ue.corequisite else { continue };
        let me = UeId::from_index(i);
        if !seen.insert((me.min(other), me.max(other))) {
            continue;
        }
        let (Some(s1), m1, p1) = runs(me) else { continue };
        let (Some(s2), m2, p2) = runs(other) else { continue };
        if s1.0 <= s2.1 && s2.0 <= s1.1 {
            continue;
        }
        let involved: Vec<&Meeting> = m1.into_iter().chain(m2).collect();
        out.push(v(
            Rule::Corequisite,
            &involved,
            format!(
                "co-requisite UEs must run at the same time of the year, but {} and {}",
                describe(me, s1, &p1),
                describe(other, s2, &p2)
            ),
        ));
    }
}

/// Per Monday–Sunday week: the distinct dates, and the meetings.
fn weeks<'a>(list: impl Iterator<Item = &'a Meeting>) -> BTreeMap<NaiveDate, (BTreeSet<NaiveDate>, Vec<&'a Meeting>)> {
    let mut map: BTreeMap<NaiveDate, (BTreeSet<NaiveDate>, Vec<&Meeting>)> = BTreeMap::new();
    for m in list {
        let e = map.entry(week_monday(m.date)).or_default();
        let _ = e.0.insert(m.date);
        e.1.push(m);
    }
    map
}

fn day_list(dates: &BTreeSet<NaiveDate>) -> String {
    dates.iter().map(|d| d.format("%a %d").to_string()).collect::<Vec<_>>().join(", ")
}

fn weekly_rules(inst: &Instance, ms: &[Meeting], out: &mut Vec<Violation>) {
    for (leaf, chain) in leaves(inst) {
        let cohort = &inst.cohorts[leaf.index()];
        let Some(p) = cohort.programme else { continue };
        let programme = &inst.programmes[p.index()];
        let Some(limit) = programme.max_evenings_per_week else { continue };
        let mine = ms.iter().filter(|m| m.cohorts.iter().any(|c| chain.contains(c)));
        for (monday, (dates, list)) in weeks(mine) {
            if dates.len() as u32 > limit {
                out.push(v(
                    Rule::MaxEveningsPerWeek,
                    &list,
                    format!(
                        "cohort \"{}\" has classes on {} days in the week of Monday {monday} ({}); programme \"{}\" allows {limit}",
                        cohort.id,
                        dates.len(),
                        day_list(&dates),
                        programme.id
                    ),
                ));
            }
        }
    }
    for (t, teacher) in inst.teachers.iter().enumerate() {
        let Some(limit) = teacher.max_days_per_week else { continue };
        let id = TeacherId::from_index(t);
        for (monday, (dates, list)) in weeks(ms.iter().filter(|m| m.teachers.contains(&id))) {
            if dates.len() as u32 > limit {
                out.push(v(
                    Rule::MaxDaysPerWeek,
                    &list,
                    format!(
                        "teacher \"{}\" teaches on {} days in the week of Monday {monday} ({}); at most {limit} allowed",
                        teacher.id,
                        dates.len(),
                        day_list(&dates)
                    ),
                ));
            }
        }
    }
}

/// Whether meeting `m` is at the time and place pin `p` names (its room
/// aside).
fn on_pin(m: &Meeting, p: &Pin) -> bool {
    match *p {
        Pin::Weekly { day, start, site, .. } => {
            m.date.weekday() == day && m.start == start.minutes() && (site.is_none() || site == m.site)
        }
        Pin::Meeting { date, start, site, .. } => m.date == date && m.start == start.minutes() && m.site == Some(site),
    }
}

/// Each activity's meetings against its pins: every pinned meeting is
/// there, in its room; with weekly pins, each other meeting is on one of
/// them (in its room when it gives one), each holds a meeting, and the
/// first one of a pin with a first date is on that date.
fn pin_rule(inst: &Instance, by: &BTreeMap<ActivityId, Vec<&Meeting>>, out: &mut Vec<Violation>) {
    for (i, act) in inst.activities.iter().enumerate() {
        let a = ActivityId::from_index(i);
        let pins = inst.pins_of(a);
        if pins.is_empty() {
            continue;
        }
        let list = by.get(&a).map(Vec::as_slice).unwrap_or(&[]);
        let room_id = |r: Option<RoomId>| r.map_or("?", |r| inst.rooms[r.index()].id.as_str());
        let wrong_room = |m: &Meeting, p: &Pin, out: &mut Vec<Violation>| {
            if let Some(want) = p.room().filter(|&r| Some(r) != m.room) {
                out.push(v(
                    Rule::Pin,
                    &[m],
                    format!(
                        "activity \"{}\" is pinned to room {} ({}) but meets in room {} on {}",
                        act.id,
                        inst.rooms[want.index()].id,
                        p.describe(inst),
                        room_id(m.room),
                        m.date
                    ),
                ));
            }
        };
        let exact: Vec<&Pin> = pins.iter().filter(|p| p.is_meeting()).collect();
        for p in &exact {
            match list.iter().find(|m| on_pin(m, p)) {
                Some(m) => wrong_room(m, p, out),
                None => out.push(v(
                    Rule::Pin,
                    &[],
                    format!(
                        "activity \"{}\" is pinned to meet on {} but has no meeting then",
                        act.id,
                        p.describe(inst)
                    ),
                )),
            }
        }
        let weekly: Vec<&Pin> = pins.iter().filter(|p| !p.is_meeting()).collect();
        if weekly.is_empty() {
            continue;
        }
        let mut held: Vec<Vec<&Meeting>> = vec![Vec::new(); weekly.len()];
        for m in list.iter().copied().filter(|m| !exact.iter().any(|p| on_pin(m, p))) {
            match weekly.iter().position(|p| on_pin(m, p)) {
                Some(k) => {
                    wrong_room(m, weekly[k], out);
                    held[k].push(m);
                }
                None => {
                    let said: Vec<String> = weekly.iter().map(|p| p.describe(inst)).collect();
                    out.push(v(
                        Rule::Pin,
                        &[m],
                        format!(
                            "activity \"{}\" is pinned to {} but meets on {} {} at {}",
                            act.id,
                            said.join(" or "),
                            m.date,
                            hhmm(m.start),
                            m.site.map_or("?", |s| inst.sites[s.index()].id.as_str())
                        ),
                    ));
                }
            }
        }
        for (p, ms) in weekly.iter().zip(&held) {
            let first = ms.first();
            match (first, p) {
                (None, _) => out.push(v(
                    Rule::Pin,
                    &[],
                    format!("activity \"{}\" is pinned to {} but no meeting is there", act.id, p.describe(inst)),
                )),
                (Some(m), Pin::Weekly { from: Some(d), .. }) if m.date != *d => out.push(v(
                    Rule::Pin,
                    &[m],
                    format!(
                        "activity \"{}\" is pinned to {} but its first meeting there is on {}",
                        act.id,
                        p.describe(inst),
                        m.date
                    ),
                )),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check_timetable;
    use super::*;
    use crate::model::timetable::MeetingFile;
    use std::path::Path;

    fn instance() -> Instance {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/instance.json");
        crate::load_instance(&path).expect("the checker fixture instance is valid")
    }

    /// A meeting of `activity` with the activity's own teachers and cohorts.
    fn meeting(inst: &Instance, activity: &str, date: &str, span: (&str, &str), site: &str, room: &str) -> MeetingFile {
        let a = &inst.activities[inst.index.activities[activity].index()];
        MeetingFile {
            activity: activity.to_string(),
            ue: inst.ues[a.ue.index()].code.clone(),
            date: date.to_string(),
            start: span.0.to_string(),
            end: span.1.to_string(),
            site: site.to_string(),
            room: room.to_string(),
            teachers: a.teachers.iter().map(|t| inst.teachers[t.index()].id.clone()).collect(),
            cohorts: a.cohorts.iter().map(|c| inst.cohorts[c.index()].id.clone()).collect(),
        }
    }

    fn timetable(inst: &Instance, meetings: Vec<MeetingFile>) -> TimetableFile {
        TimetableFile {
            format: crate::model::timetable::TIMETABLE_FORMAT.to_string(),
            instance: inst.name.clone(),
            meetings,
            report: None,
        }
    }

    /// The violations of one rule (a partial timetable also breaks `hours`).
    fn of(inst: &Instance, meetings: Vec<MeetingFile>, rule: Rule) -> Vec<Violation> {
        check_timetable(inst, &timetable(inst, meetings)).into_iter().filter(|v| v.rule == rule).collect()
    }

    #[test]
    fn travel_fits_exactly_but_not_one_minute_less() {
        let inst = instance();
        // b2-lang: Mons until 12:00, then a21 at Charleroi (45 min away).
        let lang = |end: &str| meeting(&inst, "a22-lang", "2025-09-20", ("09:00", end), "mons", "m-small");
        let a21 = |start: &str| meeting(&inst, "a21", "2025-09-20", (start, "16:00"), "charleroi", "c-big");
        // 12:00 -> 13:00 leaves 60 min; 12:15 -> 13:00 leaves exactly 45.
        assert!(of(&inst, vec![lang("12:00"), a21("13:00")], Rule::Travel).is_empty());
        assert!(of(&inst, vec![lang("12:15"), a21("13:00")], Rule::Travel).is_empty());
        let late = of(&inst, vec![lang("12:16"), a21("13:00")], Rule::Travel);
        assert_eq!(late.len(), 1, "{late:?}");
        assert!(late[0].message.contains("44 min"), "{}", late[0].message);
        // Travel is symmetric: Charleroi in the morning, Mons after.
        let back = vec![
            meeting(&inst, "a21", "2025-09-20", ("09:00", "12:00"), "charleroi", "c-big"),
            meeting(&inst, "a22-lang", "2025-09-20", ("12:30", "15:00"), "mons", "m-small"),
        ];
        assert_eq!(of(&inst, back, Rule::Travel).len(), 1);
    }

    #[test]
    fn travel_between_sites_the_instance_does_not_relate_never_fits() {
        let inst = instance();
        // Mons -> Namur has no travel time in the fixture: a whole
        // afternoon between the meetings does not make it fit.
        let ms = vec![
            meeting(&inst, "a21", "2025-09-20", ("09:00", "10:00"), "mons", "m-big"),
            meeting(&inst, "a22-tech", "2025-09-20", ("15:00", "16:00"), "namur", "n-1"),
        ];
        let found = of(&inst, ms, Rule::Travel);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("no travel time"), "{}", found[0].message);
    }

    #[test]
    fn teachers_travel_too_and_only_consecutive_trips_count() {
        let inst = instance();
        // Dupont: a11 at Mons on Saturday morning, a21 at Charleroi 30 min
        // after (45 min away).
        let ms = vec![
            meeting(&inst, "a11", "2025-09-20", ("09:00", "12:00"), "mons", "m-big"),
            meeting(&inst, "a21", "2025-09-20", ("12:30", "15:30"), "charleroi", "c-big"),
        ];
        let found = of(&inst, ms, Rule::Travel);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.starts_with("teacher \"dupont\" has only 30 min"), "{}", found[0].message);
        // Mons, Mons, then Charleroi with time to travel: the first Mons
        // meeting is not compared with Charleroi (only consecutive trips).
        let ms = vec![
            meeting(&inst, "a22-lang", "2025-09-20", ("09:00", "10:00"), "mons", "m-small"),
            meeting(&inst, "a22-lang", "2025-09-20", ("10:00", "12:00"), "mons", "m-small"),
            meeting(&inst, "a21", "2025-09-20", ("13:00", "16:00"), "charleroi", "c-big"),
        ];
        assert!(of(&inst, ms, Rule::Travel).is_empty());
    }

    #[test]
    fn sibling_options_do_not_conflict_but_parent_and_child_do() {
        let inst = instance();
        let lang = meeting(&inst, "a22-lang", "2025-09-20", ("09:00", "12:00"), "mons", "m-small");
        let tech = meeting(&inst, "a22-tech", "2025-09-20", ("10:00", "11:00"), "mons", "m-mid");
        assert!(of(&inst, vec![lang.clone(), tech.clone()], Rule::CohortOverlap).is_empty());
        // The parent b2 clashes with whichever option meets at the same time.
        let b2 = meeting(&inst, "a21", "2025-09-20", ("11:00", "12:00"), "mons", "m-big");
        let found = of(&inst, vec![lang, tech, b2], Rule::CohortOverlap);
        // a21 11:00-12:00 meets a22-lang 09:00-12:00 but not a22-tech
        // (10:00-11:00: touching ends do not overlap).
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("\"b2-lang\" and \"b2\""), "{}", found[0].message);
    }

    #[test]
    fn weeks_run_monday_to_sunday_for_the_weekly_limits() {
        let inst = instance();
        // Dupont may teach 2 days a week. Sat 2025-09-20 belongs to the week
        // of Monday 15; Mon 22 and Tue 23 to the next one (Monday is one of
        // his unavailable days, which is another rule): 1 + 2 days.
        let spread = vec![
            meeting(&inst, "a21", "2025-09-20", ("09:00", "12:00"), "charleroi", "c-big"),
            meeting(&inst, "a11", "2025-09-22", ("17:15", "20:15"), "mons", "m-big"),
            meeting(&inst, "a11", "2025-09-23", ("17:15", "20:15"), "mons", "m-big"),
        ];
        assert!(of(&inst, spread, Rule::MaxDaysPerWeek).is_empty());
        // Tue 16, Sat 20 and Wed 17 in the same week: 3 days.
        let packed = vec![
            meeting(&inst, "a11", "2025-09-16", ("17:15", "20:15"), "mons", "m-big"),
            meeting(&inst, "a11", "2025-09-17", ("17:15", "20:15"), "mons", "m-big"),
            meeting(&inst, "a21", "2025-09-20", ("09:00", "12:00"), "charleroi", "c-big"),
        ];
        let found = of(&inst, packed, Rule::MaxDaysPerWeek);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("week of Monday 2025-09-15"), "{}", found[0].message);
    }

    #[test]
    fn evenings_are_counted_per_leaf_cohort_through_the_parent() {
        let inst = instance();
        // b2 (parent) meets Wed 24 and b2-lang Thu 25: b2-lang has 2 days
        // that week, allowed. Adding Fri 26 for b2 makes 3 for b2-lang
        // (through its parent) and 2 for b2-tech.
        let base = vec![
            meeting(&inst, "a21", "2025-09-24", ("17:15", "20:15"), "charleroi", "c-big"),
            meeting(&inst, "a22-lang", "2025-09-25", ("17:15", "20:15"), "mons", "m-small"),
        ];
        assert!(of(&inst, base.clone(), Rule::MaxEveningsPerWeek).is_empty());
        let mut more = base;
        more.push(meeting(&inst, "a21", "2025-09-26", ("17:15", "20:15"), "charleroi", "c-big"));
        let found = of(&inst, more, Rule::MaxEveningsPerWeek);
        // b2-lang: Wed, Thu, Fri = 3 > 2. b2-tech: Wed, Fri = 2.
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.starts_with("cohort \"b2-lang\" has classes on 3 days"), "{}", found[0].message);
    }

    #[test]
    fn a_shorter_last_meeting_starts_with_its_slot() {
        let inst = instance();
        // a22-tech has one 3 h session; 1.5 h at the slot start is a
        // shorter last meeting (the hours rule aside), 1.5 h in the middle
        // of the slot is not.
        let at_start = meeting(&inst, "a22-tech", "2025-09-20", ("09:00", "10:30"), "mons", "m-mid");
        assert!(of(&inst, vec![at_start], Rule::Slot).is_empty());
        let mid = meeting(&inst, "a22-tech", "2025-09-20", ("10:00", "11:30"), "mons", "m-mid");
        let found = of(&inst, vec![mid], Rule::Slot);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("must start when its slot starts (09:00)"), "{}", found[0].message);
        // On Wednesdays two templates overlap (17:15-20:15 and 18:00-21:15):
        // a full session inside the later one is on the grid.
        let wed = meeting(&inst, "a11", "2025-09-17", ("18:00", "21:00"), "mons", "m-big");
        assert!(of(&inst, vec![wed], Rule::Slot).is_empty());
    }

    #[test]
    fn dates_outside_the_period_or_between_quadrimesters_are_not_slots() {
        let inst = instance();
        // a11 is Q1 (to 2025-12-19): 2025-12-23 is after it, 2026-02-03 in Q2.
        for date in ["2025-12-23", "2026-02-03", "2025-09-09"] {
            let m = meeting(&inst, "a11", date, ("17:15", "20:15"), "mons", "m-big");
            let found = of(&inst, vec![m], Rule::Slot);
            assert_eq!(found.len(), 1, "{date}: {found:?}");
            assert!(found[0].message.contains("outside the period Q1"), "{}", found[0].message);
        }
        // 2025-11-11 is a one-day closure; Sunday has no template.
        let m = meeting(&inst, "a11", "2025-11-11", ("17:15", "20:15"), "mons", "m-big");
        assert!(of(&inst, vec![m], Rule::Slot)[0].message.contains("Armistice"));
        let m = meeting(&inst, "a11", "2025-09-21", ("17:15", "20:15"), "mons", "m-big");
        assert!(of(&inst, vec![m], Rule::Slot)[0].message.contains("no slot on Sundays"));
    }

    #[test]
    fn nested_cohorts_in_one_meeting_are_counted_once_for_the_room() {
        let inst = instance();
        // a21 is for b2 (30 students); listing b2-lang as well must not
        // count its 12 students twice: 30 fit in n-1 (30 seats). The extra
        // cohort is an activity_mismatch.
        let mut m = meeting(&inst, "a21", "2025-09-20", ("09:00", "12:00"), "namur", "n-1");
        m.cohorts.push("b2-lang".to_string());
        assert!(of(&inst, vec![m.clone()], Rule::RoomCapacity).is_empty());
        assert_eq!(of(&inst, vec![m], Rule::ActivityMismatch).len(), 1);
    }

    #[test]
    fn an_unreadable_meeting_in_memory_is_reported_not_skipped() {
        let inst = instance();
        let m = meeting(&inst, "a11", "2025-02-30", ("17:15", "20:15"), "mons", "m-big");
        let found = of(&inst, vec![m], Rule::Malformed);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("date: expected a real date"), "{}", found[0].message);
    }

    #[test]
    fn a_room_of_another_site_is_reported() {
        let inst = instance();
        let m = meeting(&inst, "a11", "2025-09-16", ("17:15", "20:15"), "mons", "c-big");
        let found = of(&inst, vec![m], Rule::UnknownReference);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "room \"c-big\" is at site \"charleroi\", not at \"mons\"");
    }

    #[test]
    fn open_slots_agree_with_the_calendar_module() {
        // Two separate encodings of "an open calendar slot": the checker's
        // and `crate::calendar`'s. On the fixture (closures, exams, Q1/Q2,
        // overlapping Wednesday templates) they must accept the same
        // (date, template) pairs for every activity's period.
        let inst = instance();
        for (i, act) in inst.activities.iter().enumerate() {
            let a = ActivityId::from_index(i);
            let ue = &inst.ues[act.ue.index()];
            let grid = inst.grid_of(a);
            let listed: BTreeSet<(NaiveDate, u32, u32)> = crate::calendar::slots(&inst.calendar, grid, &ue.period)
                .into_iter()
                .map(|s| (s.date, s.start.minutes(), s.end.minutes()))
                .collect();
            let mut accepted = BTreeSet::new();
            for date in inst.calendar.year.days() {
                for (start, end) in grid_spans(grid, date) {
                    if closed_because(&inst.calendar, &ue.period, date).is_none() {
                        let _ = accepted.insert((date, start, end));
                    }
                }
            }
            assert!(!accepted.is_empty(), "{}: no open slot at all", act.id);
            assert_eq!(accepted, listed, "activity {}", act.id);
        }
    }
}
