//! Validation of the `pins` extension of an activity (see
//! [`crate::model::pins`]): every pin must be one the activity could meet
//! on by its own constraints (a start of its programme's time grid long
//! enough for a session, an open date of its period, a site its site rule
//! allows, a room of that site with enough seats, its teachers available).
//!
//! Pins are checked against the typed instance, so they are checked once
//! the rest of the file is valid; every pin problem is then reported at
//! once, each with its JSON path.

use super::error::Problem;
use super::file::InstanceFile;
use super::ids::{ActivityId, RoomId, SiteId};
use super::instance::{Instance, Labeled};
use super::pins::{Pin, PinFile};
use super::time::{ClockTime, parse_date, parse_weekday, weekday_code};
use chrono::{Datelike, NaiveDate, Weekday};
use std::path::Path;

/// Checks the pins of every activity of `f` against `inst` (the instance
/// validated from `f`), appending every problem to `problems`, and returns
/// them typed, indexed like `inst.activities`.
pub fn validate_pins(file: &Path, f: &InstanceFile, inst: &Instance, problems: &mut Vec<Problem>) -> Vec<Vec<Pin>> {
    let mut out = Vec::new();
    for (i, u) in f.ues.iter().enumerate() {
        for (j, a) in u.activities.iter().enumerate() {
            let id = ActivityId::from_index(out.len());
            let at = format!("ues[{i}].activities[{j}].pins");
            let mut check = PinCheck { file, inst, a: id, problems: &mut *problems };
            let mut pins: Vec<Pin> = Vec::new();
            for (k, p) in a.pins.iter().enumerate() {
                let path = format!("{at}[{k}]");
                if let Some(pin) = check.pin(&path, p) {
                    if pin.is_meeting() && pins.iter().any(|q| q.is_meeting() && same_time(q, &pin)) {
                        check.err(&path, "this meeting is pinned twice".to_string());
                    }
                    pins.push(pin);
                }
            }
            let act = &inst.activities[id.index()];
            let meetings = act.minutes.div_ceil(act.session_minutes) as usize;
            let exact = pins.iter().filter(|p| p.is_meeting()).count();
            if exact > meetings {
                check.err(&at, format!("{exact} meetings are pinned but the activity has only {meetings}"));
            }
            out.push(pins);
        }
    }
    out
}

/// Two exact pins at the same date and start.
fn same_time(p: &Pin, q: &Pin) -> bool {
    match (p, q) {
        (Pin::Meeting { date: d, start: s, .. }, Pin::Meeting { date: e, start: t, .. }) => d == e && s == t,
        _ => false,
    }
}

/// The checks of the pins of one activity.
struct PinCheck<'a> {
    file: &'a Path,
    inst: &'a Instance,
    a: ActivityId,
    problems: &'a mut Vec<Problem>,
}

impl PinCheck<'_> {
    fn err(&mut self, path: &str, msg: String) {
        self.problems.push(Problem::new(self.file, path, msg));
    }

    /// One pin at `path`, typed when it is valid.
    fn pin(&mut self, path: &str, p: &PinFile) -> Option<Pin> {
        let start = ClockTime::parse(&p.start);
        if start.is_none() {
            self.err(&format!("{path}.start"), format!("expected a time HH:MM, found \"{}\"", p.start));
        }
        let (site, room) = self.place(path, p);
        match (&p.day, &p.date) {
            (Some(_), Some(_)) => {
                self.err(path, "give either day (a weekly slot) or date (one meeting), not both".to_string());
                None
            }
            (None, None) => {
                self.err(path, "expected day (a weekly slot) or date (one meeting)".to_string());
                None
            }
            (Some(day), None) => {
                let d = parse_weekday(day);
                if d.is_none() {
                    self.err(
                        &format!("{path}.day"),
                        format!("expected a day mon, tue, wed, thu, fri, sat or sun, found \"{day}\""),
                    );
                }
                let from = p.from.as_deref().and_then(|s| self.date(&format!("{path}.from"), s));
                let (day, start) = (d?, start?);
                let on_grid = self.on_grid(&format!("{path}.start"), day, start);
                let first = match from {
                    Some(from) if from.weekday() != day => {
                        self.err(
                            &format!("{path}.from"),
                            format!("{from} is a {}, not a {}", weekday_code(from.weekday()), weekday_code(day)),
                        );
                        None
                    }
                    Some(from) => self.open(&format!("{path}.from"), from, start),
                    None => Some(()),
                };
                let (site, room) = (site?, room?);
                let site = site.or(room.map(|r| self.inst.rooms[r.index()].site));
                on_grid.and(first)?;
                Some(Pin::Weekly { day, start, site, room, from })
            }
            (None, Some(date)) => {
                if p.from.is_some() {
                    self.err(&format!("{path}.from"), "from belongs to a weekly pin (day), not to a meeting".into());
                }
                for (key, v) in [("site", &p.site), ("room", &p.room)] {
                    if v.is_none() {
                        self.err(&format!("{path}.{key}"), format!("a pinned meeting (date) needs its {key}"));
                    }
                }
                let date = self.date(&format!("{path}.date"), date);
                let (date, start) = (date?, start?);
                let on_grid = self.on_grid(&format!("{path}.start"), date.weekday(), start);
                let open = self.open(&format!("{path}.date"), date, start);
                let (site, room) = (site??, room??);
                on_grid.and(open)?;
                Some(Pin::Meeting { date, start, site, room })
            }
        }
    }

    fn date(&mut self, path: &str, s: &str) -> Option<NaiveDate> {
        let d = parse_date(s);
        if d.is_none() {
            self.err(path, format!("expected a real date YYYY-MM-DD, found \"{s}\""));
        }
        d
    }

    /// The pinned site and room (`None` inside: not pinned; `None`
    /// outside: a problem), each allowed for the activity.
    fn place(&mut self, path: &str, p: &PinFile) -> (Option<Option<SiteId>>, Option<Option<RoomId>>) {
        let inst = self.inst;
        let act = &inst.activities[self.a.index()];
        let site = match &p.site {
            None => Some(None),
            Some(s) => match inst.index.sites.get(s) {
                None => {
                    self.err(&format!("{path}.site"), format!("the instance has no site \"{s}\""));
                    None
                }
                Some(&id) if !act.site.sites().contains(&id) => {
                    let allowed: Vec<&str> =
                        act.site.sites().iter().map(|s| inst.sites[s.index()].id.as_str()).collect();
                    self.err(
                        &format!("{path}.site"),
                        format!("activity {} meets at {}, not at \"{s}\"", act.id, allowed.join(" or ")),
                    );
                    None
                }
                Some(&id) => Some(Some(id)),
            },
        };
        let room = match &p.room {
            None => Some(None),
            Some(r) => match inst.index.rooms.get(r) {
                None => {
                    self.err(&format!("{path}.room"), format!("the instance has no room \"{r}\""));
                    None
                }
                Some(&id) => {
                    let room = &inst.rooms[id.index()];
                    let students = inst.activity_students(self.a);
                    let room_site = room.site;
                    if let Some(Some(s)) = site {
                        if s != room_site {
                            self.err(
                                &format!("{path}.room"),
                                format!(
                                    "room \"{r}\" is at site \"{}\", not \"{}\"",
                                    inst.sites[room_site.index()].id,
                                    inst.sites[s.index()].id
                                ),
                            );
                            return (site, None);
                        }
                    } else if p.site.is_none() && !act.site.sites().contains(&room_site) {
                        self.err(
                            &format!("{path}.room"),
                            format!(
                                "room \"{r}\" is at site \"{}\", where activity {} does not meet",
                                inst.sites[room_site.index()].id,
                                act.id
                            ),
                        );
                        return (site, None);
                    }
                    if room.capacity < students {
                        self.err(
                            &format!("{path}.room"),
                            format!("room \"{r}\" has {} seats but {students} students attend", room.capacity),
                        );
                        return (site, None);
                    }
                    Some(Some(id))
                }
            },
        };
        (site, room)
    }

    /// Whether `start` on `day` starts a slot of the activity's grid long
    /// enough for one session.
    fn on_grid(&mut self, path: &str, day: Weekday, start: ClockTime) -> Option<()> {
        let inst = self.inst;
        let grid = inst.grid_of(self.a);
        let session = inst.activities[self.a.index()].session_minutes;
        let fits = |t: &&super::instance::SlotTemplate| t.day == day && t.minutes() >= session;
        if grid.slots.iter().filter(fits).any(|t| t.start == start) {
            return Some(());
        }
        let starts: Vec<String> = grid.slots.iter().filter(fits).map(|t| t.start.to_string()).collect();
        let offer = if starts.is_empty() {
            format!("it has no slot on {} long enough for a session", weekday_code(day))
        } else {
            format!("its starts on {} are {}", weekday_code(day), starts.join(", "))
        };
        self.err(
            path,
            format!("{start} on {} is not a start of time grid \"{}\": {offer}", weekday_code(day), grid.id),
        );
        None
    }

    /// Whether the activity may meet on `date` from `start`: inside the
    /// year and its period, not closed, every teacher available.
    fn open(&mut self, path: &str, date: NaiveDate, start: ClockTime) -> Option<()> {
        let inst = self.inst;
        let cal = &inst.calendar;
        let act = &inst.activities[self.a.index()];
        let ue = &inst.ues[act.ue.index()];
        let closed = |list: &[Labeled]| list.iter().find(|c| c.range.contains(date)).map(|c| c.label.clone());
        let why = if !cal.year.contains(date) {
            Some(format!("{date} is outside the academic year ({} to {})", cal.year.from, cal.year.to))
        } else if !ue.period.ranges(cal).iter().any(|r| r.contains(date)) {
            Some(format!("{date} is outside the period of {} ({})", ue.code, ue.period.label()))
        } else if let Some(label) = closed(&cal.closures).or_else(|| closed(&cal.exam_periods)) {
            Some(format!("{date} is closed ({label})"))
        } else {
            let end = start.plus_minutes(act.session_minutes);
            act.teachers
                .iter()
                .map(|t| &inst.teachers[t.index()])
                .find(|t| !t.available(date, start, end))
                .map(|t| format!("teacher {} is unavailable on {date} from {start} to {end}", t.id))
        };
        match why {
            Some(w) => {
                self.err(path, w);
                None
            }
            None => Some(()),
        }
    }
}
