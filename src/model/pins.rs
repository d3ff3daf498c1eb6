//! Pins (an extension of `horaire/1`): sessions decided before the solver
//! runs. An activity's `pins` list holds weekly slots (`day`, `start`,
//! optionally `site`, `room` and `from`, the date of the first meeting) and
//! exact meetings (`date`, `start`, `site`, `room`).
//!
//! What a pin asks of an activity's meetings, in the solver and the
//! checker alike:
//! - each exact pin is one of its meetings (same date, start and site), in
//!   the pinned room;
//! - when it has weekly pins, every meeting that no exact pin names is on
//!   the day and start of one of them (at its site and in its room when it
//!   gives them), each weekly pin holds at least one meeting, and the first
//!   meeting of a pin with `from` is on that date.
//!
//! [`keep`] turns a timetable into exact pins (`horaire solve --keep`).

use super::error::Problem;
use super::ids::{ActivityId, RoomId, SiteId};
use super::instance::Instance;
use super::time::{ClockTime, parse_date};
use super::timetable::TimetableFile;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A pin as written in the instance file: `day` (a weekly slot) or `date`
/// (one meeting), with a start and optionally a site, a room and (weekly
/// only) the date of the first meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct PinFile {
    /// `mon` .. `sun`: a weekly slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
    /// `YYYY-MM-DD`: one meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `HH:MM`, a start of the programme's time grid.
    pub start: String,
    /// Site id (required for a meeting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Room id (required for a meeting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// Weekly only: the date of the first meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// A validated pin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pin {
    /// Meetings on this day at this start.
    Weekly {
        /// The weekday.
        day: Weekday,
        /// The start time.
        start: ClockTime,
        /// The site, when pinned.
        site: Option<SiteId>,
        /// The room, when pinned.
        room: Option<RoomId>,
        /// The date of the first meeting, when pinned.
        from: Option<NaiveDate>,
    },
    /// One meeting.
    Meeting {
        /// Its date.
        date: NaiveDate,
        /// Its start.
        start: ClockTime,
        /// Its site.
        site: SiteId,
        /// Its room.
        room: RoomId,
    },
}

impl Pin {
    /// Whether a meeting on `date` at `start` at `site` is one this pin
    /// names (its room aside).
    pub fn admits(&self, date: NaiveDate, start: ClockTime, site: SiteId) -> bool {
        match *self {
            Pin::Weekly { day, start: s, site: p, .. } => {
                date.weekday() == day && start == s && p.is_none_or(|p| p == site)
            }
            Pin::Meeting { date: d, start: s, site: p, .. } => date == d && start == s && site == p,
        }
    }

    /// The room the pin asks for.
    pub fn room(&self) -> Option<RoomId> {
        match *self {
            Pin::Weekly { room, .. } => room,
            Pin::Meeting { room, .. } => Some(room),
        }
    }

    /// Whether it is an exact meeting.
    pub fn is_meeting(&self) -> bool {
        matches!(self, Pin::Meeting { .. })
    }

    /// The pin in a planner's words: "Tuesday 18:00", "Tuesday 18:00 from
    /// 2025-10-07", "2025-10-07 18:00 in room A12".
    pub fn describe(&self, inst: &Instance) -> String {
        let room = |r: Option<RoomId>| r.map(|r| format!(" in room {}", inst.rooms[r.index()].id)).unwrap_or_default();
        match *self {
            Pin::Weekly { day, start, site, room: r, from } => {
                let at = match (site, r) {
                    (Some(s), None) => format!(" at {}", inst.sites[s.index()].id),
                    _ => String::new(),
                };
                let from = from.map(|d| format!(" from {d}")).unwrap_or_default();
                format!("{} {start}{at}{}{from}", weekday_name(day), room(r))
            }
            Pin::Meeting { date, start, room: r, .. } => {
                format!("{} {date} {start}{}", weekday_name(date.weekday()), room(Some(r)))
            }
        }
    }
}

impl Instance {
    /// The pins of activity `a` (none when the instance has none).
    pub fn pins_of(&self, a: ActivityId) -> &[Pin] {
        self.extensions.pins.get(a.index()).map_or(&[], Vec::as_slice)
    }
}

/// The English name of a weekday ("Tuesday").
pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Which activities `--keep` pins: all, only those of some UEs, or all but
/// those of some UEs (UE codes or activity ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeepSelection {
    /// Every activity of the timetable.
    All,
    /// Only these UEs or activities.
    Only(Vec<String>),
    /// Every activity but these UEs or activities.
    Except(Vec<String>),
}

/// Pins every selected activity exactly as `tt` has it (one exact pin per
/// meeting, replacing the activity's own pins), so that a solve keeps those
/// meetings and places the rest. `file` names the timetable in problems:
/// an unknown UE or activity in the selection, and meetings that name
/// unknown activities, sites or rooms, or cannot be read, are reported all
/// at once.
pub fn keep(inst: &mut Instance, file: &Path, tt: &TimetableFile, which: &KeepSelection) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    let names = match which {
        KeepSelection::All => &[][..],
        KeepSelection::Only(v) | KeepSelection::Except(v) => v.as_slice(),
    };
    for (i, n) in names.iter().enumerate() {
        if !inst.index.ues.contains_key(n) && !inst.index.activities.contains_key(n) {
            let flag = if matches!(which, KeepSelection::Only(_)) { "--only" } else { "--except" };
            problems.push(Problem::new(
                file,
                format!("{flag}[{i}]"),
                format!("the instance has no UE or activity \"{n}\""),
            ));
        }
    }
    let named = |a: ActivityId| {
        let act = &inst.activities[a.index()];
        let code = &inst.ues[act.ue.index()].code;
        names.iter().any(|n| n == &act.id || n == code)
    };
    let selected = |a: ActivityId| match which {
        KeepSelection::All => true,
        KeepSelection::Only(_) => named(a),
        KeepSelection::Except(_) => !named(a),
    };
    let mut pins: Vec<Option<Vec<Pin>>> = vec![None; inst.activities.len()];
    for (i, m) in tt.meetings.iter().enumerate() {
        let at = |k: &str| format!("meetings[{i}].{k}");
        let Some(&a) = inst.index.activities.get(&m.activity) else {
            problems.push(Problem::new(
                file,
                at("activity"),
                format!("the instance has no activity \"{}\"", m.activity),
            ));
            continue;
        };
        if !selected(a) {
            continue;
        }
        let date = parse_date(&m.date);
        if date.is_none() {
            problems.push(Problem::new(file, at("date"), format!("expected a date YYYY-MM-DD, found \"{}\"", m.date)));
        }
        let start = ClockTime::parse(&m.start);
        if start.is_none() {
            problems.push(Problem::new(file, at("start"), format!("expected a time HH:MM, found \"{}\"", m.start)));
        }
        let site = inst.index.sites.get(&m.site).copied();
        if site.is_none() {
            problems.push(Problem::new(file, at("site"), format!("the instance has no site \"{}\"", m.site)));
        }
        let room = inst.index.rooms.get(&m.room).copied();
        match (room, site) {
            (None, _) => {
                problems.push(Problem::new(file, at("room"), format!("the instance has no room \"{}\"", m.room)))
            }
            (Some(r), Some(s)) if inst.rooms[r.index()].site != s => problems.push(Problem::new(
                file,
                at("room"),
                format!("room \"{}\" is not at site \"{}\"", m.room, m.site),
            )),
            _ => {}
        }
        if let (Some(date), Some(start), Some(site), Some(room)) = (date, start, site, room) {
            pins[a.index()].get_or_insert_with(Vec::new).push(Pin::Meeting { date, start, site, room });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    inst.extensions.pins.resize(inst.activities.len(), Vec::new());
    for (a, p) in pins.into_iter().enumerate() {
        if let Some(p) = p {
            inst.extensions.pins[a] = p;
        }
    }
    Ok(())
}

/// The pins of activity `a` that a meeting on `date` at `start` at `site`
/// satisfies, exact pins first: the pin it stands for, if any.
pub fn pin_of(pins: &[Pin], date: NaiveDate, start: ClockTime, site: SiteId) -> Option<&Pin> {
    pins.iter()
        .filter(|p| p.is_meeting())
        .chain(pins.iter().filter(|p| !p.is_meeting()))
        .find(|p| p.admits(date, start, site))
}
