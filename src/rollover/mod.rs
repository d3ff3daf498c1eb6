//! Next year from this year: an instance re-targeted to another academic
//! year (`horaire rollover`), and last year's timetable as a wish for the
//! new one (`horaire solve --like`, see [`like`]).
//!
//! Every date of an instance that belongs to its year moves by the same
//! whole number of weeks, the distance between the Mondays that start the
//! two years: a date keeps its week of the year and its weekday. The dates
//! are the teacher unavailability ranges, the date-range periods of UEs,
//! the placement windows and the students' declared availability. The
//! instance is rewritten as a JSON value, so every other key (and the order
//! the planner wrote them in) is kept as it was; the calendar is replaced.
//!
//! A date that cannot simply move is listed as a [`Decision`]: one that
//! lands outside the new year (it is clipped to the year), or an entry
//! whose teaching days all fall in the new year's closures or exam
//! sessions although some were teaching days this year (a teacher's week
//! of absence that lands in the Easter break no longer says anything; the
//! planner must say when the absence really is).

pub mod like;

use crate::calendar::is_open;
use crate::model::file::{CalendarFile, CalendarRef, InstanceFile};
use crate::model::time::{DateRange, WeekdaySet, monday_of, parse_date, parse_weekday};
use crate::model::validate::{CalendarSource, validate_instance};
use crate::model::{AcademicYear, Instance, LoadError, Problem};
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

/// The value of the `format` key of a rollover summary file.
pub const ROLLOVER_FORMAT: &str = "horaire-rollover/1";

/// One dated entry moved to the new year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// JSON path of the entry in the instance (`teachers[2].unavailable[0]`).
    pub path: String,
    /// The dates as they were (`from`, `to`; absent keys stay absent).
    pub before: Dates,
    /// The dates written to the new instance.
    pub after: Dates,
}

/// The `from` and `to` of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// First day, if the entry gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Last day, if the entry gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

/// A dated entry the planner must look at: the new instance holds the
/// moved dates (clipped to the year), which may not be what is wanted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// JSON path of the entry in the instance.
    pub path: String,
    /// What the entry is, in a planner's words ("unavailability of teacher t2").
    pub what: String,
    /// The dates as they were.
    pub before: Dates,
    /// The dates written to the new instance.
    pub after: Dates,
    /// Why it needs a decision.
    pub reason: String,
}

/// The summary of a rollover (`horaire-rollover/1`), written beside the
/// new instance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Always [`ROLLOVER_FORMAT`].
    pub format: String,
    /// The year the instance was for (`from`, `to`).
    pub from_year: Dates,
    /// The year it is now for.
    pub to_year: Dates,
    /// The whole weeks every date moved by.
    pub weeks: i64,
    /// The instance's `name`, before and after (the year in it is renamed).
    pub name: [String; 2],
    /// Every moved entry, in file order.
    pub moved: Vec<Moved>,
    /// The entries that need a decision, in file order.
    pub decisions: Vec<Decision>,
}

/// The new instance and what was done to it.
#[derive(Debug, Clone)]
pub struct Rollover {
    /// The new instance file's content.
    pub instance: Value,
    /// What moved, and what needs a decision.
    pub summary: Summary,
}

/// The weeks between the Mondays of the weeks holding the two years'
/// first days.
pub fn week_shift(old: &AcademicYear, new: &AcademicYear) -> i64 {
    (monday_of(new.year.from) - monday_of(old.year.from)).num_days().div_euclid(7)
}

/// The label of a year as instance names write it, `2025-2026`.
fn year_label(y: &AcademicYear) -> String {
    format!("{}-{}", y.year.from.year(), y.year.to.year())
}

/// Re-targets `instance` (the content of a valid `horaire/1` file for the
/// year `old`) to the year `new`; `calendar` is the value its `calendar`
/// key gets (a path or the calendar itself).
pub fn rollover(instance: &Value, old: &AcademicYear, new: &AcademicYear, calendar: Value) -> Rollover {
    let weeks = week_shift(old, new);
    let mut v = instance.clone();
    let mut roll = Roll { old, new, shift: Duration::weeks(weeks), moved: Vec::new(), decisions: Vec::new() };
    let name_before = v.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
    let name_after = name_before.replace(&year_label(old), &year_label(new));
    if let Some(obj) = v.as_object_mut() {
        let _ = obj.insert("calendar".into(), calendar);
        if obj.contains_key("name") {
            let _ = obj.insert("name".into(), Value::String(name_after.clone()));
        }
    }
    for (i, t) in each_mut(&mut v, "teachers") {
        let id = t.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
        for (j, w) in each_mut(t, "unavailable") {
            roll.entry(w, &format!("teachers[{i}].unavailable[{j}]"), &format!("unavailability of teacher {id}"));
        }
    }
    for (i, ue) in each_mut(&mut v, "ues") {
        let code = ue.get("code").and_then(Value::as_str).unwrap_or_default().to_string();
        if let Some(period) = ue.get_mut("period").filter(|p| p.is_object()) {
            roll.entry(period, &format!("ues[{i}].period"), &format!("period of {code}"));
        }
    }
    if let Some(placements) = v.get_mut("placements") {
        for (i, r) in each_mut(placements, "requirements") {
            let id = r.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
            roll.entry(r, &format!("placements.requirements[{i}]"), &format!("placement window {id}"));
        }
        for (i, s) in each_mut(placements, "students") {
            let id = s.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
            for (j, w) in each_mut(s, "available") {
                let path = format!("placements.students[{i}].available[{j}]");
                roll.entry(w, &path, &format!("declared availability of student {id}"));
            }
        }
    }
    let dates = |y: &AcademicYear| Dates { from: Some(y.year.from), to: Some(y.year.to) };
    let summary = Summary {
        format: ROLLOVER_FORMAT.to_string(),
        from_year: dates(old),
        to_year: dates(new),
        weeks,
        name: [name_before, name_after],
        moved: roll.moved,
        decisions: roll.decisions,
    };
    Rollover { instance: v, summary }
}

/// The elements of the list under `key` of `v`, with their index.
fn each_mut<'a>(v: &'a mut Value, key: &str) -> impl Iterator<Item = (usize, &'a mut Value)> {
    v.get_mut(key).and_then(Value::as_array_mut).into_iter().flatten().enumerate()
}

/// The state of one rollover: the two years, the shift, and what was done.
struct Roll<'a> {
    old: &'a AcademicYear,
    new: &'a AcademicYear,
    shift: Duration,
    moved: Vec<Moved>,
    decisions: Vec<Decision>,
}

impl Roll<'_> {
    /// Moves the `from` and `to` of one entry (an object holding them,
    /// maybe with `days`), recording the move and any decision it needs.
    fn entry(&mut self, e: &mut Value, path: &str, what: &str) {
        let date = |key: &str, e: &Value| e.get(key).and_then(Value::as_str).and_then(parse_date);
        let before = Dates { from: date("from", e), to: date("to", e) };
        if before.from.is_none() && before.to.is_none() {
            return;
        }
        let (lo, hi) = (self.new.year.from, self.new.year.to);
        let mut outside = Vec::new();
        let mut map = |d: Option<NaiveDate>| {
            d.map(|d| {
                let m = d + self.shift;
                if m < lo || m > hi {
                    outside.push(m);
                }
                m.clamp(lo, hi)
            })
        };
        let after = Dates { from: map(before.from), to: map(before.to) };
        for (key, d) in [("from", after.from), ("to", after.to)] {
            if let (Some(d), Some(obj)) = (d, e.as_object_mut()) {
                let _ = obj.insert(key.into(), Value::String(d.to_string()));
            }
        }
        let days = weekdays(e);
        let reason = if !outside.is_empty() {
            let list: Vec<String> = outside.iter().map(NaiveDate::to_string).collect();
            Some(format!(
                "{} falls outside the new year ({lo} to {hi}); the entry is clipped to the year",
                list.join(" and ")
            ))
        } else {
            let old_range = range_in(&before, self.old);
            let new_range = range_in(&after, self.new);
            let teaching = |r: DateRange, y: &AcademicYear| {
                r.days().filter(|d| days.is_none_or(|s| s.contains(d.weekday())) && is_open(y, *d)).count()
            };
            let was = teaching(old_range, self.old);
            let now = teaching(new_range, self.new);
            (was > 0 && now == 0).then(|| {
                format!(
                    "it had {} teaching day(s) this year but falls wholly in the new year's {}",
                    was,
                    closed_labels(new_range, self.new).join(", ")
                )
            })
        };
        if let Some(reason) = reason {
            self.decisions.push(Decision {
                path: path.to_string(),
                what: what.to_string(),
                before: before.clone(),
                after: after.clone(),
                reason,
            });
        }
        if before != after {
            self.moved.push(Moved { path: path.to_string(), before, after });
        }
    }
}

/// The weekdays an entry is limited to (`days`), if it says.
fn weekdays(e: &Value) -> Option<WeekdaySet> {
    let list = e.get("days")?.as_array()?;
    let mut set = WeekdaySet::default();
    for d in list.iter().filter_map(Value::as_str).filter_map(parse_weekday) {
        set.insert(d);
    }
    Some(set)
}

/// An entry's dates as a range, an absent end being the year's.
fn range_in(d: &Dates, y: &AcademicYear) -> DateRange {
    DateRange { from: d.from.unwrap_or(y.year.from), to: d.to.unwrap_or(y.year.to).max(d.from.unwrap_or(y.year.from)) }
}

/// The labels of the closures and exam periods that meet `r`, in
/// calendar order, each once.
fn closed_labels(r: DateRange, y: &AcademicYear) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in y.closures.iter().chain(&y.exam_periods) {
        if c.range.intersects(&r) && !out.contains(&c.label) {
            out.push(c.label.clone());
        }
    }
    out
}

/// Validates a rolled-over instance as if it were the file `file` with
/// `calendar` as its calendar (written at `calendar_file`): every problem
/// of the file, and the checks that need the calendar, at once.
pub fn validate(
    file: &Path,
    instance: &Value,
    calendar: &CalendarFile,
    calendar_file: &Path,
) -> Result<Instance, LoadError> {
    let parsed: InstanceFile = serde_json::from_value(instance.clone())
        .map_err(|e| LoadError::Invalid(vec![Problem::new(file, "", format!("not an instance: {e}"))]))?;
    let (cal_file, prefix) = match &parsed.calendar {
        CalendarRef::Inline(_) => (file.to_path_buf(), "calendar."),
        CalendarRef::Path(_) => (calendar_file.to_path_buf(), ""),
    };
    let source = CalendarSource { file: cal_file, calendar, prefix };
    let inst = validate_instance(file, &parsed, Some(source), Vec::new())?;
    let problems = crate::calendar::availability_problems(&inst);
    if problems.is_empty() { Ok(inst) } else { Err(LoadError::Invalid(problems)) }
}

#[cfg(test)]
mod tests;
