//! The difference between a published timetable and its repair: moved,
//! added and cancelled meetings, as JSON (`horaire-diff/1`) and as text
//! grouped per cohort and per teacher, ready to send.

use crate::model::Instance;
use crate::model::timetable::{MeetingFile, TimetableFile};
use serde::Serialize;
use std::collections::BTreeMap;

/// The value of the `format` key of a diff file.
pub const DIFF_FORMAT: &str = "horaire-diff/1";

/// When and where one meeting takes place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// Site id.
    pub site: String,
    /// Room id.
    pub room: String,
}

/// One changed meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// `moved`, `added` or `cancelled`.
    pub change: String,
    /// Activity id.
    pub activity: String,
    /// UE code.
    pub ue: String,
    /// Teacher ids.
    pub teachers: Vec<String>,
    /// Cohort ids.
    pub cohorts: Vec<String>,
    /// The old meeting (moved, cancelled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Place>,
    /// The new meeting (moved, added).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Place>,
}

/// The diff file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Always [`DIFF_FORMAT`].
    pub format: String,
    /// The change file's `from`.
    pub from: String,
    /// Old meetings on or after `from`.
    pub future_meetings_before: usize,
    /// Of those, the ones kept exactly (date, time, site, room).
    pub future_meetings_unchanged: usize,
    /// `future_meetings_unchanged` in percent of `future_meetings_before`.
    pub unchanged_percent: f64,
    /// Meetings before `from` that differ (always 0 for a repair).
    pub past_meetings_changed: usize,
    /// Number of moved meetings.
    pub moved: usize,
    /// Number of added meetings.
    pub added: usize,
    /// Number of cancelled meetings.
    pub cancelled: usize,
    /// Every change, by date.
    pub changes: Vec<Change>,
}

/// Every field of a meeting, for comparing.
type Key<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a [String], &'a [String]);

fn key(m: &MeetingFile) -> Key<'_> {
    (&m.date, &m.start, &m.activity, &m.end, &m.site, &m.room, &m.ue, &m.teachers, &m.cohorts)
}

fn place(m: &MeetingFile) -> Place {
    Place {
        date: m.date.clone(),
        start: m.start.clone(),
        end: m.end.clone(),
        site: m.site.clone(),
        room: m.room.clone(),
    }
}

/// Compares two timetables: a meeting is unchanged when an identical one
/// is in the other timetable; per activity, the i-th removed meeting and
/// the i-th new one (by date) pair up as a move, the rest are cancelled or
/// added. `from` is the change date (`YYYY-MM-DD`).
pub fn diff(old: &TimetableFile, new: &TimetableFile, from: &str) -> Diff {
    let mut left: BTreeMap<Key<'_>, usize> = BTreeMap::new();
    for m in &new.meetings {
        *left.entry(key(m)).or_default() += 1;
    }
    let mut removed: BTreeMap<&str, Vec<&MeetingFile>> = BTreeMap::new();
    let (mut future, mut kept, mut past_changed) = (0, 0, 0);
    for m in &old.meetings {
        let is_future = m.date.as_str() >= from;
        future += usize::from(is_future);
        match left.get_mut(&key(m)) {
            Some(c) if *c > 0 => {
                *c -= 1;
                kept += usize::from(is_future);
            }
            _ => {
                past_changed += usize::from(!is_future);
                removed.entry(m.activity.as_str()).or_default().push(m);
            }
        }
    }
    let mut added: BTreeMap<&str, Vec<&MeetingFile>> = BTreeMap::new();
    let mut remaining = left;
    for m in &new.meetings {
        if let Some(c) = remaining.get_mut(&key(m)) {
            if *c > 0 {
                *c -= 1;
                added.entry(m.activity.as_str()).or_default().push(m);
                if m.date.as_str() < from {
                    past_changed += 1;
                }
            }
        }
    }
    let mut changes = Vec::new();
    let acts: std::collections::BTreeSet<&str> = removed.keys().chain(added.keys()).copied().collect();
    for a in acts {
        let r = removed.get(a).map(Vec::as_slice).unwrap_or(&[]);
        let n = added.get(a).map(Vec::as_slice).unwrap_or(&[]);
        for i in 0..r.len().max(n.len()) {
            let (b, f) = (r.get(i), n.get(i));
            let change = match (b, f) {
                (Some(_), Some(_)) => "moved",
                (Some(_), None) => "cancelled",
                _ => "added",
            };
            changes.extend(change_of(change, b.copied(), f.copied()));
        }
    }
    tally(from, future, kept, past_changed, changes)
}

/// The change `kind` (`moved`, `added`, `cancelled`) from meeting `before`
/// to meeting `after`; `None` when both are absent.
pub(crate) fn change_of(kind: &str, before: Option<&MeetingFile>, after: Option<&MeetingFile>) -> Option<Change> {
    let who = before.or(after)?;
    Some(Change {
        change: kind.to_string(),
        activity: who.activity.clone(),
        ue: who.ue.clone(),
        teachers: who.teachers.clone(),
        cohorts: who.cohorts.clone(),
        before: before.map(place),
        after: after.map(place),
    })
}

/// The diff of `changes` (sorted here by the date and start of `before`,
/// else `after`, then activity): `future` old meetings from `from` on, of
/// which `kept` are unchanged, and `past_changed` before it.
pub(crate) fn tally(from: &str, future: usize, kept: usize, past_changed: usize, mut changes: Vec<Change>) -> Diff {
    changes.sort_by(|x, y| {
        let kx = x.before.as_ref().or(x.after.as_ref()).map(|p| (p.date.clone(), p.start.clone()));
        let ky = y.before.as_ref().or(y.after.as_ref()).map(|p| (p.date.clone(), p.start.clone()));
        (kx, &x.activity).cmp(&(ky, &y.activity))
    });
    let count = |k: &str| changes.iter().filter(|c| c.change == k).count();
    let pct = if future == 0 { 100.0 } else { (kept as f64 * 1000.0 / future as f64).round() / 10.0 };
    Diff {
        format: DIFF_FORMAT.to_string(),
        from: from.to_string(),
        future_meetings_before: future,
        future_meetings_unchanged: kept,
        unchanged_percent: pct,
        past_meetings_changed: past_changed,
        moved: count("moved"),
        added: count("added"),
        cancelled: count("cancelled"),
        changes,
    }
}

fn when(p: &Place) -> String {
    let day = crate::model::time::parse_date(&p.date)
        .map(|d| crate::model::time::weekday_code(chrono::Datelike::weekday(&d)).to_string())
        .unwrap_or_default();
    format!("{day} {} {}–{} at {}, room {}", p.date, p.start, p.end, p.site, p.room)
}

fn line(c: &Change) -> String {
    let what = format!("{} ({})", c.ue, c.activity);
    match (&c.before, &c.after) {
        (Some(b), Some(a)) => format!("  moved:     {what}: {} → {}", when(b), when(a)),
        (Some(b), None) => format!("  cancelled: {what}: {}", when(b)),
        (None, Some(a)) => format!("  added:     {what}: {}", when(a)),
        (None, None) => String::new(),
    }
}

impl Diff {
    /// The diff as text: a summary line, then the changes per cohort (a
    /// cohort sees the changes of its ancestors' meetings too) and per
    /// teacher.
    pub fn text(&self, inst: &Instance) -> String {
        let mut s = format!(
            "Changes from {}: {} moved, {} added, {} cancelled; {} of {} future meetings unchanged ({} %).\n",
            self.from,
            self.moved,
            self.added,
            self.cancelled,
            self.future_meetings_unchanged,
            self.future_meetings_before,
            self.unchanged_percent
        );
        for c in &inst.cohorts {
            let id = inst.index.cohorts.get(&c.id).copied();
            let mine: Vec<&Change> = self
                .changes
                .iter()
                .filter(|ch| {
                    ch.cohorts.iter().any(|x| match (inst.index.cohorts.get(x), id) {
                        (Some(&d), Some(c)) => d == c || inst.is_ancestor(d, c),
                        _ => false,
                    })
                })
                .collect();
            if !mine.is_empty() {
                s.push_str(&format!("\nCohort {} ({}):\n", c.id, c.name));
                for ch in mine {
                    s.push_str(&line(ch));
                    s.push('\n');
                }
            }
        }
        for t in &inst.teachers {
            let mine: Vec<&Change> = self.changes.iter().filter(|ch| ch.teachers.contains(&t.id)).collect();
            if !mine.is_empty() {
                s.push_str(&format!("\nTeacher {} ({}):\n", t.id, t.name));
                for ch in mine {
                    s.push_str(&line(ch));
                    s.push('\n');
                }
            }
        }
        s
    }
}
