//! Meeting patterns: the candidate ways an activity can meet regularly.
//!
//! A pattern is a slot template (or two, when one a week cannot deliver
//! the hours), a frequency (weekly, or every second week), a first
//! occurrence, and a site rule variant (fixed site, alternating starting at
//! one site or the other, or one site of an `any_of` list). Expanded over
//! the calendar it yields concrete meetings that deliver exactly the
//! activity's hours; the last meeting may be shorter.
//!
//! Dates on which a teacher of the activity is unavailable are skipped
//! like closures, so a weekly course simply pauses while its teacher is
//! away. Generation is deterministic: patterns come out in a fixed order.

use crate::calendar::week_index;
pub use crate::feasibility::{period_of, usable_dates};
use crate::model::pins::Pin;
use crate::model::time::{ClockTime, weekday_code};
use crate::model::{ActivityId, Instance, SiteId, SiteRule, SlotTemplate};
use chrono::{Datelike, NaiveDate};

/// One concrete meeting of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Meeting {
    /// Date.
    pub date: NaiveDate,
    /// Start time.
    pub start: ClockTime,
    /// End time (start + session, or less for the last meeting).
    pub end: ClockTime,
    /// Site.
    pub site: SiteId,
}

impl Meeting {
    /// Length in minutes.
    pub fn minutes(&self) -> u32 {
        self.end.minutes() - self.start.minutes()
    }

    /// Whether it falls on a Saturday (a soft cost).
    pub fn on_saturday(&self) -> bool {
        self.date.weekday() == chrono::Weekday::Sat
    }

    /// Whether it ends after `late_after` (a soft cost).
    pub fn is_late(&self, late_after: ClockTime) -> bool {
        self.end > late_after
    }
}

/// A candidate pattern of one activity.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The activity.
    pub activity: ActivityId,
    /// Its meetings, in date order.
    pub meetings: Vec<Meeting>,
    /// A short description for logs and explanations.
    pub label: String,
}

impl Pattern {
    /// First and last date.
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        (self.meetings[0].date, self.meetings[self.meetings.len() - 1].date)
    }
}

/// Why an activity got no pattern, for explanations.
#[derive(Debug, Clone, PartialEq)]
pub enum NoPattern {
    /// The grid has no slot long enough for one session.
    NoSlotLongEnough {
        /// Session minutes.
        session: u32,
        /// Longest slot minutes.
        longest: u32,
    },
    /// Not enough usable dates in the period.
    TooFewDates {
        /// Meetings needed.
        needed: usize,
        /// Most usable dates of any slot (two slots combined when allowed).
        best: usize,
    },
    /// Every site allowed has no room with enough seats.
    NoRoomLargeEnough {
        /// Students attending.
        students: u32,
        /// Largest room at the allowed sites.
        largest: u32,
    },
    /// The activity alternates between two sites and one of them has no
    /// room with enough seats.
    AlternateSiteTooSmall {
        /// The two sites ("mons and charleroi").
        between: String,
        /// The site that is too small (its id).
        site: String,
        /// Students attending.
        students: u32,
        /// Largest room at that site (0 when it has none).
        largest: u32,
    },
    /// The co-requisite window leaves no date.
    CorequisiteWindow,
    /// No way of meeting keeps the activity's pins.
    Pinned {
        /// The pins, in a planner's words ("Tuesday 18:00").
        pins: String,
    },
}

impl std::fmt::Display for NoPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::model::time::hours_string;
        match self {
            NoPattern::NoSlotLongEnough { session, longest } => write!(
                f,
                "its sessions last {} h but the longest slot of its time grid is {} h",
                hours_string(*session),
                hours_string(*longest)
            ),
            NoPattern::TooFewDates { needed, best } => write!(
                f,
                "it needs {needed} meetings but its period has at most {best} usable dates (closures, exams and teacher unavailability removed)"
            ),
            NoPattern::NoRoomLargeEnough { students, largest } => {
                write!(f, "{students} students attend but the largest room at its allowed sites has {largest} seats")
            }
            NoPattern::AlternateSiteTooSmall { between, site, students, largest } => write!(
                f,
                "it alternates between {between} and {site} (largest room {largest} seats) cannot hold its {students} students; to fix: add a room of at least {students} seats at {site}, or change its site rule"
            ),
            NoPattern::CorequisiteWindow => {
                write!(f, "its co-requisite UEs leave no common weeks in its period")
            }
            NoPattern::Pinned { pins } => write!(
                f,
                "no way of meeting it keeps its pins ({pins}): with its hours, sessions, frequency, site rule and usable dates, the pinned meetings cannot all be among its meetings"
            ),
        }
    }
}

/// The patterns of every activity, and the activities without any.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    /// All patterns, grouped by activity in activity order.
    pub patterns: Vec<Pattern>,
    /// `by_activity[a]`: the range of `patterns` belonging to activity a.
    pub by_activity: Vec<std::ops::Range<usize>>,
    /// Activities that got no pattern, with the reason.
    pub empty: Vec<(ActivityId, NoPattern)>,
}

/// Generates the patterns of every activity.
pub fn generate(inst: &Instance, windows: &[Option<Vec<crate::model::time::DateRange>>]) -> PatternSet {
    let mut set = PatternSet::default();
    for a in 0..inst.activities.len() {
        let id = ActivityId::from_index(a);
        let start = set.patterns.len();
        let pins = inst.pins_of(id);
        match activity_patterns(inst, id, windows.get(a).and_then(Option::as_ref)) {
            Ok(ps) if pins.is_empty() => set.patterns.extend(ps),
            Ok(ps) => {
                let before = set.patterns.len();
                set.patterns.extend(ps.into_iter().filter(|p| keeps_pins(&p.meetings, pins)));
                if set.patterns.len() == before {
                    let pins = pins.iter().map(|p| p.describe(inst)).collect::<Vec<_>>().join("; ");
                    set.empty.push((id, NoPattern::Pinned { pins }));
                }
            }
            Err(why) => set.empty.push((id, why)),
        }
        set.by_activity.push(start..set.patterns.len());
    }
    set
}

/// Whether `meetings` (in date order) keep `pins` (see
/// [`crate::model::pins`]): every exact pin is one of them; with weekly
/// pins, every other meeting is on one of those, each holds one at least,
/// and one with a first date starts on it.
pub fn keeps_pins(meetings: &[Meeting], pins: &[Pin]) -> bool {
    let exact = |m: &Meeting| pins.iter().any(|p| p.is_meeting() && p.admits(m.date, m.start, m.site));
    if !pins.iter().filter(|p| p.is_meeting()).all(|p| meetings.iter().any(|m| p.admits(m.date, m.start, m.site))) {
        return false;
    }
    let weekly: Vec<&Pin> = pins.iter().filter(|p| !p.is_meeting()).collect();
    if weekly.is_empty() {
        return true;
    }
    let mut first: Vec<Option<NaiveDate>> = vec![None; weekly.len()];
    for m in meetings.iter().filter(|m| !exact(m)) {
        let Some(k) = weekly.iter().position(|p| p.admits(m.date, m.start, m.site)) else { return false };
        let _ = first[k].get_or_insert(m.date);
    }
    weekly.iter().zip(&first).all(|(p, f)| match (p, f) {
        (_, None) => false,
        (Pin::Weekly { from: Some(d), .. }, Some(f)) => d == f,
        _ => true,
    })
}

/// The site sequence variants of a rule for `n` meetings.
fn site_variants(rule: &SiteRule, n: usize) -> Vec<(Vec<SiteId>, String)> {
    match rule {
        SiteRule::Fixed(s) => vec![(vec![*s; n], String::new())],
        SiteRule::Alternate(a, b) => vec![
            ((0..n).map(|i| if i % 2 == 0 { *a } else { *b }).collect(), format!(" alt from site#{}", a.0)),
            ((0..n).map(|i| if i % 2 == 0 { *b } else { *a }).collect(), format!(" alt from site#{}", b.0)),
        ],
        SiteRule::AnyOf(v) => v.iter().map(|s| (vec![*s; n], format!(" at site#{}", s.0))).collect(),
    }
}

fn activity_patterns(
    inst: &Instance,
    a: ActivityId,
    window: Option<&Vec<crate::model::time::DateRange>>,
) -> Result<Vec<Pattern>, NoPattern> {
    let act = &inst.activities[a.index()];
    let ue = &inst.ues[act.ue.index()];
    let grid = inst.grid_of(a);
    let session = act.session_minutes;
    let n = act.minutes.div_ceil(session) as usize;
    let last = act.minutes - (n as u32 - 1) * session;

    let templates: Vec<&SlotTemplate> = grid.slots.iter().filter(|t| t.minutes() >= session).collect();
    if templates.is_empty() {
        let longest = grid.slots.iter().map(SlotTemplate::minutes).max().unwrap_or(0);
        return Err(NoPattern::NoSlotLongEnough { session, longest });
    }

    // Sites whose largest room holds the activity's students.
    let students = inst.activity_students(a);
    let fits = |s: SiteId| inst.sites[s.index()].rooms.iter().any(|r| inst.rooms[r.index()].capacity >= students);
    let rule_sites = act.site.sites();
    if !rule_sites.iter().any(|&s| fits(s)) {
        let largest = rule_sites
            .iter()
            .flat_map(|s| inst.sites[s.index()].rooms.iter().map(|r| inst.rooms[r.index()].capacity))
            .max()
            .unwrap_or(0);
        return Err(NoPattern::NoRoomLargeEnough { students, largest });
    }
    // An alternation visits both of its sites.
    if let crate::model::SiteRule::Alternate(..) = act.site {
        if let Some(&s) = rule_sites.iter().find(|&&s| !fits(s)) {
            let site = &inst.sites[s.index()];
            let largest = site.rooms.iter().map(|r| inst.rooms[r.index()].capacity).max().unwrap_or(0);
            let between =
                rule_sites.iter().map(|s| inst.sites[s.index()].id.as_str()).collect::<Vec<_>>().join(" and ");
            return Err(NoPattern::AlternateSiteTooSmall { between, site: site.id.clone(), students, largest });
        }
    }

    let period_start = ue.period.span(&inst.calendar).from;
    // Usable dates per template: open, in the period (and co-requisite
    // window), with every teacher available for the whole session.
    let usable = usable_dates(inst, a, &templates, window, None);
    if window.is_some() && usable.iter().all(Vec::is_empty) {
        return Err(NoPattern::CorequisiteWindow);
    }

    // Sequences of (date, template) occurrences, each with a label.
    let mut sequences: Vec<(Vec<(NaiveDate, usize)>, String)> = Vec::new();
    let weekly = !matches!(act.frequency, crate::model::Frequency::Fortnightly);
    let fortnightly = !matches!(act.frequency, crate::model::Frequency::Weekly);
    for (ti, t) in templates.iter().enumerate() {
        let dates = &usable[ti];
        let tl = format!("{} {}", weekday_code(t.day), t.start);
        if weekly {
            for k in 0..(dates.len() + 1).saturating_sub(n) {
                let seq = dates[k..k + n].iter().map(|d| (*d, ti)).collect();
                sequences.push((seq, format!("{tl} weekly from {}", dates[k])));
            }
        }
        if fortnightly {
            for parity in 0..2 {
                let sub: Vec<NaiveDate> =
                    dates.iter().copied().filter(|d| week_index(period_start, *d).rem_euclid(2) == parity).collect();
                for k in 0..(sub.len() + 1).saturating_sub(n) {
                    let seq = sub[k..k + n].iter().map(|d| (*d, ti)).collect();
                    sequences.push((seq, format!("{tl} fortnightly from {}", sub[k])));
                }
            }
        }
    }
    // Two slots a week on different days, weekly: only when one slot a week
    // cannot deliver the hours (offering them to every activity made the
    // models ten times larger).
    if weekly && sequences.is_empty() {
        for (i, j, seq) in two_slot_runs(&templates, &usable, n) {
            let label = format!(
                "{} {} + {} {} weekly from {}",
                weekday_code(templates[i].day),
                templates[i].start,
                weekday_code(templates[j].day),
                templates[j].start,
                seq[0].0
            );
            sequences.push((seq, label));
        }
    }
    if sequences.is_empty() {
        let single = usable.iter().map(Vec::len).max().unwrap_or(0);
        let mut best = single;
        for i in 0..usable.len() {
            for j in i + 1..usable.len() {
                if templates[i].day != templates[j].day {
                    best = best.max(usable[i].len() + usable[j].len());
                }
            }
        }
        return Err(NoPattern::TooFewDates { needed: n, best });
    }

    let mut out = Vec::new();
    for (seq, label) in &sequences {
        for (sites, site_label) in site_variants(&act.site, n) {
            if sites.iter().any(|&s| !fits(s)) {
                continue;
            }
            let meetings = seq
                .iter()
                .zip(&sites)
                .enumerate()
                .map(|(i, (&(date, ti), &site))| {
                    let len = if i + 1 == n { last } else { session };
                    let start = templates[ti].start;
                    Meeting { date, start, end: start.plus_minutes(len), site }
                })
                .collect();
            out.push(Pattern { activity: a, meetings, label: format!("{label}{site_label}") });
        }
    }
    Ok(out)
}

/// Dates, each tagged with the index of its slot template.
pub type DatedRun = Vec<(NaiveDate, usize)>;

/// Runs of `n` consecutive usable dates over two slot templates on
/// different days (merged in date order): `(i, j, run)` with each date
/// tagged by its template.
pub fn two_slot_runs(
    templates: &[&SlotTemplate],
    usable: &[Vec<NaiveDate>],
    n: usize,
) -> Vec<(usize, usize, DatedRun)> {
    let mut out = Vec::new();
    for i in 0..templates.len() {
        for j in i + 1..templates.len() {
            if templates[i].day == templates[j].day {
                continue;
            }
            let mut merged: Vec<(NaiveDate, usize)> =
                usable[i].iter().map(|d| (*d, i)).chain(usable[j].iter().map(|d| (*d, j))).collect();
            merged.sort();
            for k in 0..(merged.len() + 1).saturating_sub(n) {
                out.push((i, j, merged[k..k + n].to_vec()));
            }
        }
    }
    out
}
