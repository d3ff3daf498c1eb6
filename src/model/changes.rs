//! The change file (`horaire-changes/1`): reading, validation with every
//! problem located (file, JSON path, what was expected), and applying the
//! events to a copy of the instance.
//!
//! These are plain data functions on the instance types: `horaire repair`
//! re-plans from the changed instance, and `horaire check --changes`
//! checks a timetable against it.

use super::error::{LoadError, Problem};
use super::load;
use super::time::{ClockTime, DateRange, WeekdaySet, parse_date};
use super::{ActivityId, Instance, Labeled, RoomId, TeacherId, When};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The value of the `format` key of a change file.
pub const CHANGES_FORMAT: &str = "horaire-changes/1";

/// The event kinds a change file may hold.
pub const EVENT_KINDS: [&str; 4] = ["teacher_unavailable", "room_closed", "closure", "hours_changed"];

/// One validated event.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A teacher cannot teach on these dates.
    TeacherUnavailable {
        /// The teacher.
        teacher: TeacherId,
        /// The dates.
        range: DateRange,
    },
    /// A room cannot be used on these dates.
    RoomClosed {
        /// The room.
        room: RoomId,
        /// The dates.
        range: DateRange,
    },
    /// No teaching anywhere on these dates.
    Closure {
        /// The dates.
        range: DateRange,
        /// What it is (`"closure"` when the file gave none).
        label: String,
    },
    /// An activity's volume changes.
    HoursChanged {
        /// The activity.
        activity: ActivityId,
        /// The new volume in minutes.
        minutes: u32,
    },
}

/// A validated change file.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The file it was read from.
    pub file: PathBuf,
    /// Meetings before this date are in the past and never move.
    pub from: NaiveDate,
    /// The events, in file order.
    pub events: Vec<Event>,
}

/// A room closure, which the instance format cannot express: the repair
/// and the checker keep it beside the changed instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomClosure {
    /// The room.
    pub room: RoomId,
    /// The dates.
    pub range: DateRange,
}

impl Changes {
    /// The room closures among the events.
    pub fn room_closures(&self) -> Vec<RoomClosure> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::RoomClosed { room, range } => Some(RoomClosure { room: *room, range: *range }),
                _ => None,
            })
            .collect()
    }
}

/// Reads and validates a change file against `inst`; every problem at once.
pub fn read_changes(path: &Path, inst: &Instance) -> Result<Changes, LoadError> {
    let bytes = load::read_bytes(path)?;
    let value: Value = load::parse_json(path, &bytes)?;
    validate_changes(path, &value, inst)
}

/// Validates a parsed change file against `inst`.
pub fn validate_changes(file: &Path, v: &Value, inst: &Instance) -> Result<Changes, LoadError> {
    let mut problems = Vec::new();
    let mut p = |path: String, msg: String| problems.push(Problem::new(file, path, msg));
    let Some(obj) = v.as_object() else {
        return Err(LoadError::Invalid(vec![Problem::new(
            file,
            "",
            "expected a JSON object (a horaire-changes/1 file)",
        )]));
    };
    unknown_keys(obj, "", &["format", "from", "events"], &mut p);
    match obj.get("format") {
        Some(Value::String(s)) if s == CHANGES_FORMAT => {}
        Some(other) => p("format".into(), format!("expected \"{CHANGES_FORMAT}\", found {other}")),
        None => p("format".into(), format!("missing; expected \"{CHANGES_FORMAT}\"")),
    }
    let from = date_at(obj, "from", "", &mut p);
    let mut events = Vec::new();
    match obj.get("events") {
        Some(Value::Array(list)) => {
            for (i, e) in list.iter().enumerate() {
                if let Some(ev) = event(inst, e, &format!("events[{i}]"), from, &mut p) {
                    events.push(ev);
                }
            }
        }
        Some(other) => p("events".into(), format!("expected a list of events, found {}", kind_of(other))),
        None => p("events".into(), "missing; expected a list of events".into()),
    }
    match (problems.is_empty(), from) {
        (true, Some(from)) => Ok(Changes { file: file.to_path_buf(), from, events }),
        _ => Err(LoadError::Invalid(problems)),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() { key.to_string() } else { format!("{base}.{key}") }
}

fn unknown_keys(obj: &Map<String, Value>, base: &str, known: &[&str], p: &mut impl FnMut(String, String)) {
    for k in obj.keys() {
        if !known.contains(&k.as_str()) {
            p(join(base, k), format!("unknown key; expected one of: {}", known.join(", ")));
        }
    }
}

fn date_at(obj: &Map<String, Value>, key: &str, base: &str, p: &mut impl FnMut(String, String)) -> Option<NaiveDate> {
    match obj.get(key) {
        Some(Value::String(s)) => {
            let d = parse_date(s);
            if d.is_none() {
                p(join(base, key), format!("\"{s}\" is not a date; expected YYYY-MM-DD (a real calendar date)"));
            }
            d
        }
        Some(other) => {
            p(join(base, key), format!("expected a date YYYY-MM-DD, found {}", kind_of(other)));
            None
        }
        None => {
            p(join(base, key), "missing; expected a date YYYY-MM-DD".into());
            None
        }
    }
}

fn string_at<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    base: &str,
    what: &str,
    p: &mut impl FnMut(String, String),
) -> Option<&'a str> {
    match obj.get(key) {
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            p(join(base, key), format!("expected {what} (a string), found {}", kind_of(other)));
            None
        }
        None => {
            p(join(base, key), format!("missing; expected {what}"));
            None
        }
    }
}

fn range_at(
    obj: &Map<String, Value>,
    base: &str,
    start: Option<NaiveDate>,
    p: &mut impl FnMut(String, String),
) -> Option<DateRange> {
    let f = date_at(obj, "from", base, p);
    let t = date_at(obj, "to", base, p);
    let (f, t) = (f?, t?);
    if f > t {
        p(join(base, "to"), format!("{t} is before \"from\" ({f}); expected a date on or after it"));
        return None;
    }
    if let Some(s) = start {
        if f < s {
            p(
                join(base, "from"),
                format!(
                    "{f} is before the change file's \"from\" ({s}): meetings before it are in the past and cannot change; expected {s} or later"
                ),
            );
            return None;
        }
    }
    Some(DateRange { from: f, to: t })
}

fn event(
    inst: &Instance,
    e: &Value,
    base: &str,
    start: Option<NaiveDate>,
    p: &mut impl FnMut(String, String),
) -> Option<Event> {
    let Some(obj) = e.as_object() else {
        p(base.to_string(), format!("expected an event object, found {}", kind_of(e)));
        return None;
    };
    let kind = string_at(obj, "kind", base, &format!("the event kind ({})", EVENT_KINDS.join(", ")), p)?;
    match kind {
        "teacher_unavailable" => {
            unknown_keys(obj, base, &["kind", "teacher", "from", "to"], p);
            let t = string_at(obj, "teacher", base, "a teacher id", p).and_then(|id| {
                let t = inst.index.teachers.get(id).copied();
                if t.is_none() {
                    p(
                        join(base, "teacher"),
                        format!("unknown teacher \"{id}\"; expected a teacher id of the instance"),
                    );
                }
                t
            });
            let r = range_at(obj, base, start, p);
            Some(Event::TeacherUnavailable { teacher: t?, range: r? })
        }
        "room_closed" => {
            unknown_keys(obj, base, &["kind", "room", "from", "to"], p);
            let room = string_at(obj, "room", base, "a room id", p).and_then(|id| {
                let r = inst.index.rooms.get(id).copied();
                if r.is_none() {
                    p(join(base, "room"), format!("unknown room \"{id}\"; expected a room id of the instance"));
                }
                r
            });
            let r = range_at(obj, base, start, p);
            Some(Event::RoomClosed { room: room?, range: r? })
        }
        "closure" => {
            unknown_keys(obj, base, &["kind", "from", "to", "label"], p);
            let label = match obj.get("label") {
                None => Some("closure".to_string()),
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) => {
                    p(join(base, "label"), format!("expected a string, found {}", kind_of(other)));
                    None
                }
            };
            let r = range_at(obj, base, start, p);
            Some(Event::Closure { range: r?, label: label? })
        }
        "hours_changed" => {
            unknown_keys(obj, base, &["kind", "activity", "hours"], p);
            let a = string_at(obj, "activity", base, "an activity id", p).and_then(|id| {
                let a = inst.index.activities.get(id).copied();
                if a.is_none() {
                    p(
                        join(base, "activity"),
                        format!("unknown activity \"{id}\"; expected an activity id of the instance"),
                    );
                }
                a
            });
            let minutes = match obj.get("hours") {
                Some(Value::Number(n)) => {
                    let h = n.as_f64().unwrap_or(-1.0);
                    let quarters = h * 4.0;
                    if h > 0.0 && h <= 2000.0 && (quarters - quarters.round()).abs() < 1e-9 {
                        Some((quarters.round() as u32) * 15)
                    } else {
                        p(
                            join(base, "hours"),
                            format!("{n} is not a positive number of hours in quarter hours (e.g. 30 or 32.25)"),
                        );
                        None
                    }
                }
                Some(other) => {
                    p(join(base, "hours"), format!("expected a positive number of hours, found {}", kind_of(other)));
                    None
                }
                None => {
                    p(join(base, "hours"), "missing; expected a positive number of hours".into());
                    None
                }
            };
            Some(Event::HoursChanged { activity: a?, minutes: minutes? })
        }
        other => {
            p(
                join(base, "kind"),
                format!("unknown event kind \"{other}\"; expected one of: {}", EVENT_KINDS.join(", ")),
            );
            None
        }
    }
}

/// The instance with the events applied: teachers unavailable, closures
/// added, activity volumes changed. Room closures are not part of the
/// instance format; see [`Changes::room_closures`].
pub fn apply(inst: &Instance, changes: &Changes) -> Instance {
    let mut out = inst.clone();
    for e in &changes.events {
        match e {
            Event::TeacherUnavailable { teacher, range } => {
                out.teachers[teacher.index()].unavailable.push(When {
                    days: WeekdaySet::ALL,
                    dates: *range,
                    start: ClockTime(0),
                    end: ClockTime(24 * 60),
                });
            }
            Event::RoomClosed { .. } => {}
            Event::Closure { range, label } => {
                out.calendar.closures.push(Labeled { range: *range, label: label.clone() });
            }
            Event::HoursChanged { activity, minutes } => out.activities[activity.index()].minutes = *minutes,
        }
    }
    out
}
