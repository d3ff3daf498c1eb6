//! Turning outcomes into the `horaire-placements/1` file and the status
//! table.

use super::plan::{Outcome, Status};
use crate::model::Instance;
use crate::model::placements_file::{PLACEMENTS_FORMAT, PlacementsFile, PlanDayFile, PlanFile};
use crate::model::time::format_hours;

/// Minutes as hours rounded to the hundredth (what the files carry).
pub fn hours(minutes: u32) -> f64 {
    (f64::from(minutes) / 60.0 * 100.0).round() / 100.0
}

/// The placement file of `outcomes`. With `extended`, the optional keys
/// `validated_hours`, `fits_hours`, `missing_hours` are written too.
pub fn to_file(inst: &Instance, outcomes: &[Outcome], extended: bool) -> PlacementsFile {
    let p = &inst.placements;
    let plans = outcomes
        .iter()
        .map(|o| {
            let st = &p.students[o.student.index()];
            PlanFile {
                student: st.id.clone(),
                requirement: p.requirements[st.requirement.index()].id.clone(),
                host: o.host.map(|h| p.hosts[h.index()].id.clone()),
                quota_hours: hours(o.quota),
                logged_hours: hours(o.validated + o.pending),
                planned_hours: hours(o.planned()),
                status: o.status.code().to_string(),
                validated_hours: extended.then(|| hours(o.validated)),
                fits_hours: extended.then(|| hours(o.fits)),
                missing_hours: (o.status == Status::CannotFinish).then(|| hours(o.missing)),
                reason: o.no_host.clone(),
                days: o
                    .days
                    .iter()
                    .map(|d| PlanDayFile {
                        date: d.date.format("%Y-%m-%d").to_string(),
                        start: d.start.to_string(),
                        end: d.end().to_string(),
                        hours: hours(d.minutes),
                    })
                    .collect(),
            }
        })
        .collect();
    PlacementsFile { format: PLACEMENTS_FORMAT.to_string(), plans }
}

/// The file's bytes: pretty JSON with a final newline.
pub fn to_json(file: &PlacementsFile) -> String {
    let mut s = serde_json::to_string_pretty(file).unwrap_or_default();
    s.push('\n');
    s
}

fn first(o: &Outcome) -> String {
    o.days.first().map(|d| d.date.to_string()).unwrap_or_default()
}

fn last(o: &Outcome) -> String {
    o.days.last().map(|d| d.date.to_string()).unwrap_or_default()
}

/// The status table: one row per student (outcomes are sorted by
/// student), columns aligned.
pub fn status_table(inst: &Instance, outcomes: &[Outcome]) -> String {
    let p = &inst.placements;
    let header = [
        "student",
        "requirement",
        "host",
        "quota",
        "validated",
        "pending",
        "remaining",
        "fits",
        "planned",
        "status",
        "note",
    ];
    let h = |m: u32| format_hours(f64::from(m) / 60.0);
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
    for o in outcomes {
        let st = &p.students[o.student.index()];
        let host = match o.host {
            Some(x) if o.allocated => format!("{} (allocated)", p.hosts[x.index()].id),
            Some(x) => p.hosts[x.index()].id.clone(),
            None => "-".to_string(),
        };
        let note = match (&o.no_host, o.status) {
            (Some(why), _) => why.clone(),
            (None, Status::CannotFinish) => format!("{} h missing", h(o.missing)),
            (None, Status::Done) => String::new(),
            (None, _) => format!("{} day(s), {} to {}", o.days.len(), first(o), last(o)),
        };
        rows.push(vec![
            st.id.clone(),
            p.requirements[st.requirement.index()].id.clone(),
            host,
            h(o.quota),
            h(o.validated),
            h(o.pending),
            h(o.remaining),
            h(o.fits),
            h(o.planned()),
            o.status.code().to_string(),
            note,
        ]);
    }
    let widths: Vec<usize> =
        (0..header.len()).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    let numeric = |c: usize| (3..=8).contains(&c);
    let mut out = String::new();
    for r in &rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            if c > 0 {
                line.push_str("  ");
            }
            if numeric(c) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if c + 1 < r.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
