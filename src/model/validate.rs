//! From the file types to the typed [`Instance`], reporting every problem
//! at once with its file, JSON path and what was expected.

use super::error::{LoadError, Problem};
use super::file::*;
use super::ids::*;
use super::instance::*;
use super::time::{ClockTime, DateRange, WeekdaySet, parse_date, parse_weekday};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Collects problems for one file.
struct Report<'a> {
    file: &'a Path,
    problems: &'a mut Vec<Problem>,
}

impl Report<'_> {
    fn err(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.problems.push(Problem::new(self.file, path, msg));
    }

    fn date(&mut self, path: &str, s: &str) -> Option<chrono::NaiveDate> {
        let d = parse_date(s);
        if d.is_none() {
            self.err(path, format!("expected a real date YYYY-MM-DD, found \"{s}\""));
        }
        d
    }

    fn range(&mut self, path: &str, from: &str, to: &str) -> Option<DateRange> {
        let f = self.date(&format!("{path}.from"), from);
        let t = self.date(&format!("{path}.to"), to);
        let (from, to) = (f?, t?);
        if from > to {
            self.err(path, format!("the range ends ({to}) before it starts ({from})"));
            return None;
        }
        Some(DateRange { from, to })
    }

    fn time(&mut self, path: &str, s: &str) -> Option<ClockTime> {
        let t = ClockTime::parse(s);
        if t.is_none() {
            self.err(path, format!("expected a time HH:MM (00:00 to 24:00), found \"{s}\""));
        }
        t
    }

    fn span(&mut self, path: &str, start: &str, end: &str) -> Option<(ClockTime, ClockTime)> {
        let s = self.time(&format!("{path}.start"), start);
        let e = self.time(&format!("{path}.end"), end);
        let (s, e) = (s?, e?);
        if s >= e {
            self.err(path, format!("start {s} must be before end {e}"));
            return None;
        }
        Some((s, e))
    }

    fn days(&mut self, path: &str, days: &[String]) -> Vec<chrono::Weekday> {
        if days.is_empty() {
            self.err(path, "expected at least one day (mon..sun)");
        }
        let mut out = Vec::new();
        for (i, d) in days.iter().enumerate() {
            match parse_weekday(d) {
                Some(w) => out.push(w),
                None => self.err(
                    format!("{path}[{i}]"),
                    format!("expected a day mon, tue, wed, thu, fri, sat or sun, found \"{d}\""),
                ),
            }
        }
        out
    }

    /// Hours > 0 in quarters of an hour, as minutes.
    fn quarters(&mut self, path: &str, h: f64) -> Option<u32> {
        if !h.is_finite() || h <= 0.0 {
            self.err(path, format!("expected a positive number of hours, found {h}"));
            return None;
        }
        let q = h * 4.0;
        if (q - q.round()).abs() > 1e-9 || q > 4.0 * 100_000.0 {
            self.err(path, format!("expected hours in quarters of an hour (e.g. 2.25, 2.5), found {h}"));
            return None;
        }
        Some((q.round() as u32) * 15)
    }

    fn when(&mut self, path: &str, w: &WhenFile, year: Option<DateRange>) -> Option<When> {
        let days = match &w.days {
            Some(d) => self.days(&format!("{path}.days"), d).into_iter().collect(),
            None => WeekdaySet::ALL,
        };
        let from = w.from.as_deref().map(|s| self.date(&format!("{path}.from"), s));
        let to = w.to.as_deref().map(|s| self.date(&format!("{path}.to"), s));
        let wide = DateRange {
            from: chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid"),
            to: chrono::NaiveDate::from_ymd_opt(2999, 12, 31).expect("valid"),
        };
        let year = year.unwrap_or(wide);
        let from = match from {
            Some(d) => d?,
            None => wide.from.min(year.from),
        };
        let to = match to {
            Some(d) => d?,
            None => wide.to.max(year.to),
        };
        if from > to {
            self.err(path, format!("the range ends ({to}) before it starts ({from})"));
            return None;
        }
        let (start, end) = match (&w.start, &w.end) {
            (None, None) => (ClockTime(0), ClockTime(24 * 60)),
            (Some(s), Some(e)) => self.span(path, s, e)?,
            _ => {
                self.err(path, "give both start and end, or neither (the whole day)");
                return None;
            }
        };
        Some(When { days, dates: DateRange { from, to }, start, end })
    }
}

/// Builds an id → index map, reporting duplicates.
fn index_ids<'a, I: Iterator<Item = (String, &'a str)>>(
    r: &mut Report<'_>,
    what: &str,
    items: I,
) -> HashMap<String, u32> {
    let mut map: HashMap<String, u32> = HashMap::new();
    let mut first_path: HashMap<String, String> = HashMap::new();
    for (n, (path, id)) in items.enumerate() {
        let noun = if path.ends_with(".code") { "code" } else { "id" };
        if id.trim().is_empty() {
            r.err(path, format!("expected a non-empty {what} {noun}"));
            continue;
        }
        if let Some(first) = first_path.get(id) {
            r.err(path, format!("duplicate {what} {noun} \"{id}\" (first defined at {first})"));
        } else {
            first_path.insert(id.to_string(), path);
            let _ = map.insert(id.to_string(), n as u32);
        }
    }
    map
}

fn resolve<T>(
    r: &mut Report<'_>,
    path: &str,
    what: &str,
    map: &HashMap<String, u32>,
    id: &str,
    make: fn(u32) -> T,
) -> Option<T> {
    match map.get(id) {
        Some(&i) => Some(make(i)),
        None => {
            r.err(path, format!("unknown {what} \"{id}\"{}", suggestion(map, id)));
            None
        }
    }
}

/// ", did you mean \"x\"?" for a close id, or a list of the known ones.
pub(super) fn suggestion(map: &HashMap<String, u32>, id: &str) -> String {
    let mut known: Vec<&String> = map.keys().collect();
    known.sort();
    // A close id, but not for short ids where every id is close.
    let close = |k: &&&String| {
        let d = edit_distance(k, id);
        d <= 2 && 2 * d < id.chars().count()
    };
    if let Some(best) = known.iter().filter(close).min_by_key(|k| edit_distance(k, id)) {
        return format!(" (did you mean \"{best}\"?)");
    }
    if known.is_empty() {
        return " (none is defined)".to_string();
    }
    let shown: Vec<String> = known.iter().take(8).map(|k| format!("\"{k}\"")).collect();
    let more = if known.len() > 8 { ", …" } else { "" };
    format!(" (expected one of {}{more})", shown.join(", "))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Validates a calendar file's content.
pub fn validate_calendar(file: &Path, c: &CalendarFile, problems: &mut Vec<Problem>) -> Option<AcademicYear> {
    let mut r = Report { file, problems };
    if c.format != CALENDAR_FORMAT {
        r.err("format", format!("expected \"{CALENDAR_FORMAT}\", found \"{}\"", c.format));
    }
    let year = r.range("year", &c.year.from, &c.year.to);
    let q1 = r.range("quadrimesters.Q1", &c.quadrimesters.Q1.from, &c.quadrimesters.Q1.to);
    let q2 = r.range("quadrimesters.Q2", &c.quadrimesters.Q2.from, &c.quadrimesters.Q2.to);
    if let Some(y) = year {
        for (name, q) in [("Q1", q1), ("Q2", q2)] {
            if let Some(q) = q {
                if !y.covers(&q) {
                    r.err(
                        format!("quadrimesters.{name}"),
                        format!("{name} ({}..{}) must lie inside the year ({}..{})", q.from, q.to, y.from, y.to),
                    );
                }
            }
        }
    }
    if let (Some(a), Some(b)) = (q1, q2) {
        if a.to >= b.from {
            r.err("quadrimesters.Q2", format!("Q2 must start after Q1 ends ({})", a.to));
        }
    }
    let labeled = |r: &mut Report<'_>, key: &str, list: &[LabeledRangeFile]| -> Vec<Labeled> {
        list.iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let range = r.range(&format!("{key}[{i}]"), &l.from, &l.to)?;
                Some(Labeled { range, label: l.label.clone() })
            })
            .collect()
    };
    let closures = labeled(&mut r, "closures", &c.closures);
    let exam_periods = labeled(&mut r, "exam_periods", &c.exam_periods);
    Some(AcademicYear { name: c.name.clone(), year: year?, q1: q1?, q2: q2?, closures, exam_periods })
}

/// Where the calendar came from: the calendar file's path (for problems)
/// and its content.
#[derive(Debug)]
pub struct CalendarSource<'a> {
    /// The file problems are reported against.
    pub file: PathBuf,
    /// The calendar.
    pub calendar: &'a CalendarFile,
    /// JSON path prefix of the calendar inside `file` (`calendar.` when inline).
    pub prefix: &'static str,
}

/// Validates an instance file. `cal` is its calendar when it could be
/// read; `problems` holds what reading it already found, so that the
/// instance's own problems are reported with them.
///
/// The sections are checked in file order (sites and travel, time grids,
/// teachers, cohorts, programmes, UEs and their activities, enrolments,
/// placements), each by its own method of [`Sections`]; a section may use
/// the ids of those before it, and takes the typed values it needs from
/// them as arguments.
pub fn validate_instance(
    file: &Path,
    f: &InstanceFile,
    cal: Option<CalendarSource<'_>>,
    mut problems: Vec<Problem>,
) -> Result<Instance, LoadError> {
    let calendar = cal.and_then(|cal| {
        let mut cal_problems = Vec::new();
        let c = validate_calendar(&cal.file, cal.calendar, &mut cal_problems);
        for mut p in cal_problems {
            p.path = format!("{}{}", cal.prefix, p.path);
            problems.push(p);
        }
        c
    });
    let mut s = Sections {
        r: Report { file, problems: &mut problems },
        f,
        year: calendar.as_ref().map(|c| c.year),
        ids: Ids::default(),
    };
    if f.format != INSTANCE_FORMAT {
        s.r.err("format", format!("expected \"{INSTANCE_FORMAT}\", found \"{}\"", f.format));
    }
    let (sites, rooms) = s.sites();
    let travel = s.travel();
    let grids = s.grids();
    let teachers = s.teachers();
    let mut cohorts = s.cohorts();
    let (programmes, programme_grids) = s.programmes(&mut cohorts);
    let (ues, activities) = s.ues(&programme_grids, &grids);
    let enrolments = s.enrolments();
    let placements = s.placements(&sites, &cohorts);
    let ids = s.ids;

    let extensions = super::validate_extensions::validate_extensions(file, f, &mut problems);
    let Some(calendar) = calendar else {
        if problems.is_empty() {
            problems.push(Problem::new(file, "calendar", "the calendar could not be read"));
        }
        return Err(LoadError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    let mut inst = Instance {
        path: file.to_path_buf(),
        name: f.name.clone(),
        calendar,
        sites,
        rooms,
        travel,
        grids,
        teachers,
        cohorts,
        programmes,
        ues,
        activities,
        enrolments,
        placements,
        index: ids.into_index(),
        extensions,
    };
    inst.extensions.pins = super::validate_pins::validate_pins(file, f, &inst, &mut problems);
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    Ok(inst)
}

/// What every section of an instance file shares while it is validated:
/// the problems found so far, the file, the academic year when the
/// calendar could be read, and the id maps of the sections before it.
struct Sections<'a> {
    r: Report<'a>,
    f: &'a InstanceFile,
    year: Option<DateRange>,
    ids: Ids,
}

/// The id → index maps of the sections validated so far.
#[derive(Debug, Default)]
struct Ids {
    site: HashMap<String, u32>,
    room: HashMap<String, u32>,
    grid: HashMap<String, u32>,
    teacher: HashMap<String, u32>,
    cohort: HashMap<String, u32>,
    programme: HashMap<String, u32>,
    ue: HashMap<String, u32>,
    activity: HashMap<String, u32>,
    host: HashMap<String, u32>,
    requirement: HashMap<String, u32>,
    student: HashMap<String, u32>,
}

impl Ids {
    /// The instance's typed index (grids and programmes are found by
    /// position only).
    fn into_index(self) -> IdIndex {
        IdIndex {
            sites: self.site.into_iter().map(|(k, v)| (k, SiteId(v))).collect(),
            rooms: self.room.into_iter().map(|(k, v)| (k, RoomId(v))).collect(),
            teachers: self.teacher.into_iter().map(|(k, v)| (k, TeacherId(v))).collect(),
            cohorts: self.cohort.into_iter().map(|(k, v)| (k, CohortId(v))).collect(),
            ues: self.ue.into_iter().map(|(k, v)| (k, UeId(v))).collect(),
            activities: self.activity.into_iter().map(|(k, v)| (k, ActivityId(v))).collect(),
            hosts: self.host.into_iter().map(|(k, v)| (k, HostId(v))).collect(),
            requirements: self.requirement.into_iter().map(|(k, v)| (k, RequirementId(v))).collect(),
            students: self.student.into_iter().map(|(k, v)| (k, StudentId(v))).collect(),
        }
    }
}

impl Sections<'_> {
    /// Sites and their rooms.
    fn sites(&mut self) -> (Vec<Site>, Vec<Room>) {
        let (r, f, ids) = (&mut self.r, self.f, &mut self.ids);
        ids.site =
            index_ids(r, "site", f.sites.iter().enumerate().map(|(i, s)| (format!("sites[{i}].id"), s.id.as_str())));
        ids.room = index_ids(
            r,
            "room",
            f.sites.iter().enumerate().flat_map(|(i, s)| {
                s.rooms.iter().enumerate().map(move |(j, room)| (format!("sites[{i}].rooms[{j}].id"), room.id.as_str()))
            }),
        );
        let mut sites = Vec::new();
        let mut rooms = Vec::new();
        for (i, s) in f.sites.iter().enumerate() {
            let mut site_rooms = Vec::new();
            for (j, room) in s.rooms.iter().enumerate() {
                if room.capacity == 0 {
                    r.err(format!("sites[{i}].rooms[{j}].capacity"), "expected a capacity of at least 1 seat");
                }
                site_rooms.push(RoomId::from_index(rooms.len()));
                rooms.push(Room { id: room.id.clone(), site: SiteId::from_index(i), capacity: room.capacity });
            }
            let name = if s.name.is_empty() { s.id.clone() } else { s.name.clone() };
            sites.push(Site { id: s.id.clone(), name, city: s.city.clone(), rooms: site_rooms });
        }
        (sites, rooms)
    }

    /// The travel matrix: 0 on the diagonal, a pair given one way holds both
    /// ways unless the other way is given too.
    fn travel(&mut self) -> Vec<Vec<Option<u32>>> {
        let (r, f, ids) = (&mut self.r, self.f, &self.ids);
        let n = f.sites.len();
        let mut travel = vec![vec![None; n]; n];
        for (i, row) in travel.iter_mut().enumerate() {
            row[i] = Some(0);
        }
        let mut given = vec![vec![false; n]; n];
        for (i, t) in f.travel_minutes.iter().enumerate() {
            let a = resolve(r, &format!("travel_minutes[{i}].from"), "site", &ids.site, &t.from, SiteId);
            let b = resolve(r, &format!("travel_minutes[{i}].to"), "site", &ids.site, &t.to, SiteId);
            let (Some(a), Some(b)) = (a, b) else { continue };
            if a == b {
                r.err(format!("travel_minutes[{i}]"), "expected two different sites");
                continue;
            }
            if given[a.index()][b.index()] {
                r.err(
                    format!("travel_minutes[{i}]"),
                    format!("travel from \"{}\" to \"{}\" is given twice", t.from, t.to),
                );
                continue;
            }
            given[a.index()][b.index()] = true;
            travel[a.index()][b.index()] = Some(t.minutes);
            if !given[b.index()][a.index()] {
                travel[b.index()][a.index()] = Some(t.minutes);
            }
        }
        travel
    }

    /// Time grids and their slots (one template per day, sorted).
    fn grids(&mut self) -> Vec<TimeGrid> {
        let (r, f, ids) = (&mut self.r, self.f, &mut self.ids);
        ids.grid = index_ids(
            r,
            "time grid",
            f.time_grids.iter().enumerate().map(|(i, g)| (format!("time_grids[{i}].id"), g.id.as_str())),
        );
        let mut grids = Vec::new();
        for (i, g) in f.time_grids.iter().enumerate() {
            if g.slots.is_empty() {
                r.err(format!("time_grids[{i}].slots"), "expected at least one slot");
            }
            let mut slots = Vec::new();
            for (j, s) in g.slots.iter().enumerate() {
                let path = format!("time_grids[{i}].slots[{j}]");
                let days = r.days(&format!("{path}.days"), &s.days);
                if let Some((start, end)) = r.span(&path, &s.start, &s.end) {
                    for day in days {
                        let t = SlotTemplate { day, start, end };
                        if !slots.contains(&t) {
                            slots.push(t);
                        }
                    }
                }
            }
            slots.sort_by_key(|t| (t.day.num_days_from_monday(), t.start, t.end));
            grids.push(TimeGrid { id: g.id.clone(), slots });
        }
        grids
    }

    /// Teachers, their unavailability and weekly day limits.
    fn teachers(&mut self) -> Vec<Teacher> {
        let (r, f, ids, year) = (&mut self.r, self.f, &mut self.ids, self.year);
        ids.teacher = index_ids(
            r,
            "teacher",
            f.teachers.iter().enumerate().map(|(i, t)| (format!("teachers[{i}].id"), t.id.as_str())),
        );
        let mut teachers = Vec::new();
        for (i, t) in f.teachers.iter().enumerate() {
            let unavailable = t
                .unavailable
                .iter()
                .enumerate()
                .filter_map(|(j, w)| r.when(&format!("teachers[{i}].unavailable[{j}]"), w, year))
                .collect();
            if let Some(m) = t.max_days_per_week {
                if !(1..=7).contains(&m) {
                    r.err(format!("teachers[{i}].max_days_per_week"), format!("expected 1 to 7 days, found {m}"));
                }
            }
            let name = if t.name.is_empty() { t.id.clone() } else { t.name.clone() };
            teachers.push(Teacher { id: t.id.clone(), name, unavailable, max_days_per_week: t.max_days_per_week });
        }
        teachers
    }

    /// Cohorts: parents resolved, cycles reported and broken, no option group
    /// larger than its parent.
    fn cohorts(&mut self) -> Vec<Cohort> {
        let (r, f, ids) = (&mut self.r, self.f, &mut self.ids);
        ids.cohort = index_ids(
            r,
            "cohort",
            f.cohorts.iter().enumerate().map(|(i, c)| (format!("cohorts[{i}].id"), c.id.as_str())),
        );
        let mut cohorts: Vec<Cohort> = Vec::new();
        for (i, c) in f.cohorts.iter().enumerate() {
            let parent = c
                .parent
                .as_ref()
                .and_then(|p| resolve(r, &format!("cohorts[{i}].parent"), "cohort", &ids.cohort, p, CohortId));
            let name = if c.name.is_empty() { c.id.clone() } else { c.name.clone() };
            cohorts.push(Cohort { id: c.id.clone(), name, parent, students: c.students, programme: None });
        }
        let mut cyclic = vec![false; cohorts.len()];
        for i in 0..cohorts.len() {
            let mut seen = vec![false; cohorts.len()];
            let mut cur = Some(CohortId::from_index(i));
            while let Some(c) = cur {
                if seen[c.index()] {
                    if c.index() == i {
                        r.err(
                            format!("cohorts[{i}].parent"),
                            format!("cohort \"{}\" is its own ancestor: the parent chain forms a cycle", cohorts[i].id),
                        );
                        cyclic[i] = true;
                    }
                    break;
                }
                seen[c.index()] = true;
                cur = cohorts[c.index()].parent;
            }
        }
        for (i, c) in cohorts.iter().enumerate() {
            if let Some(p) = c.parent {
                let parent = &cohorts[p.index()];
                if !cyclic[i] && c.students > parent.students {
                    r.err(
                        format!("cohorts[{i}].students"),
                        format!(
                            "cohort \"{}\" has {} students, more than its parent \"{}\" ({})",
                            c.id, c.students, parent.id, parent.students
                        ),
                    );
                }
            }
        }
        if cyclic.iter().any(|&c| c) {
            // Downstream code walks parent chains: break the cycles.
            for (i, c) in cohorts.iter_mut().enumerate() {
                if cyclic[i] {
                    c.parent = None;
                }
            }
        }
        cohorts
    }

    /// Programmes, and the programme of each cohort (the first programme
    /// naming it or an ancestor). Also returns the grid each programme names
    /// when it resolves: a placeholder id must not stand in for it in later
    /// checks.
    fn programmes(&mut self, cohorts: &mut [Cohort]) -> (Vec<Programme>, Vec<Option<GridId>>) {
        let (r, f, ids) = (&mut self.r, self.f, &mut self.ids);
        ids.programme = index_ids(
            r,
            "programme",
            f.programmes.iter().enumerate().map(|(i, p)| (format!("programmes[{i}].id"), p.id.as_str())),
        );
        let mut programmes = Vec::new();
        let mut programme_grids: Vec<Option<GridId>> = Vec::new();
        for (i, p) in f.programmes.iter().enumerate() {
            let grid = resolve(r, &format!("programmes[{i}].time_grid"), "time grid", &ids.grid, &p.time_grid, GridId);
            let pc: Vec<CohortId> = p
                .cohorts
                .iter()
                .enumerate()
                .filter_map(|(j, c)| {
                    resolve(r, &format!("programmes[{i}].cohorts[{j}]"), "cohort", &ids.cohort, c, CohortId)
                })
                .collect();
            if let Some(m) = p.max_evenings_per_week {
                if !(1..=7).contains(&m) {
                    r.err(format!("programmes[{i}].max_evenings_per_week"), format!("expected 1 to 7, found {m}"));
                }
            }
            let name = if p.name.is_empty() { p.id.clone() } else { p.name.clone() };
            programme_grids.push(grid);
            programmes.push(Programme {
                id: p.id.clone(),
                name,
                grid: grid.unwrap_or(GridId(0)),
                cohorts: pc,
                max_evenings_per_week: p.max_evenings_per_week,
            });
        }
        for (pi, p) in programmes.iter().enumerate() {
            for &c in &p.cohorts {
                for ci in 0..cohorts.len() {
                    if within(cohorts, CohortId::from_index(ci), c) && cohorts[ci].programme.is_none() {
                        cohorts[ci].programme = Some(ProgrammeId::from_index(pi));
                    }
                }
            }
        }
        (programmes, programme_grids)
    }

    /// UEs and their activities.
    fn ues(&mut self, programme_grids: &[Option<GridId>], grids: &[TimeGrid]) -> (Vec<Ue>, Vec<Activity>) {
        let f = self.f;
        let (r, ids) = (&mut self.r, &mut self.ids);
        ids.ue = index_ids(r, "UE", f.ues.iter().enumerate().map(|(i, u)| (format!("ues[{i}].code"), u.code.as_str())));
        ids.activity = index_ids(
            r,
            "activity",
            f.ues.iter().enumerate().flat_map(|(i, u)| {
                u.activities
                    .iter()
                    .enumerate()
                    .map(move |(j, a)| (format!("ues[{i}].activities[{j}].id"), a.id.as_str()))
            }),
        );
        let mut ues = Vec::new();
        let mut activities = Vec::new();
        for (i, u) in f.ues.iter().enumerate() {
            let up = format!("ues[{i}]");
            let (r, ids) = (&mut self.r, &self.ids);
            let programme =
                resolve(r, &format!("{up}.programme"), "programme", &ids.programme, &u.programme, ProgrammeId);
            let period = period(r, &up, &u.period, self.year);
            let corequisite = match &u.corequisite {
                Some(c) if *c == u.code => {
                    r.err(format!("{up}.corequisite"), "a UE cannot be its own co-requisite");
                    None
                }
                Some(c) => resolve(r, &format!("{up}.corequisite"), "UE", &ids.ue, c, UeId),
                None => None,
            };
            if let Some(c) = u.credits {
                if !c.is_finite() || c < 0.0 {
                    r.err(format!("{up}.credits"), format!("expected a non-negative number of credits, found {c}"));
                }
            }
            let grid = programme.and_then(|p| programme_grids[p.index()]).and_then(|g| grids.get(g.index()));
            let mut act_ids = Vec::new();
            for (j, a) in u.activities.iter().enumerate() {
                act_ids.push(ActivityId::from_index(activities.len()));
                activities.push(self.activity(&format!("{up}.activities[{j}]"), a, UeId::from_index(i), grid));
            }
            ues.push(Ue {
                code: u.code.clone(),
                title: u.title.clone(),
                programme: programme.unwrap_or(ProgrammeId(0)),
                block: u.block,
                credits: u.credits,
                period: period.unwrap_or(Period::Annual),
                corequisite,
                activities: act_ids,
            });
        }
        (ues, activities)
    }

    /// One activity at JSON path `ap` of UE `ue`, whose programme's grid is
    /// `grid` when it resolves.
    fn activity(&mut self, ap: &str, a: &ActivityFile, ue: UeId, grid: Option<&TimeGrid>) -> Activity {
        let (r, ids) = (&mut self.r, &self.ids);
        let longest = grid.and_then(|g| g.slots.iter().map(SlotTemplate::minutes).max());
        let minutes = r.quarters(&format!("{ap}.hours"), a.hours);
        let session = r.quarters(&format!("{ap}.session_hours"), a.session_hours);
        if let (Some(s), Some(l), Some(g)) = (session, longest, grid) {
            if s > l {
                r.err(
                    format!("{ap}.session_hours"),
                    format!(
                        "a session of {} h does not fit the longest slot of time grid \"{}\" ({} h)",
                        super::time::hours_string(s),
                        g.id,
                        super::time::hours_string(l)
                    ),
                );
            }
        }
        let mut ts: Vec<TeacherId> = Vec::new();
        for (k, t) in a.teachers.iter().enumerate() {
            let path = format!("{ap}.teachers[{k}]");
            if let Some(id) = resolve(r, &path, "teacher", &ids.teacher, t, TeacherId) {
                if ts.contains(&id) {
                    r.err(path, format!("teacher \"{t}\" is listed twice"));
                } else {
                    ts.push(id);
                }
            }
        }
        if a.cohorts.is_empty() {
            r.err(format!("{ap}.cohorts"), "expected at least one cohort");
        }
        let mut cs: Vec<CohortId> = Vec::new();
        for (k, c) in a.cohorts.iter().enumerate() {
            let path = format!("{ap}.cohorts[{k}]");
            if let Some(id) = resolve(r, &path, "cohort", &ids.cohort, c, CohortId) {
                if cs.contains(&id) {
                    r.err(path, format!("cohort \"{c}\" is listed twice"));
                } else {
                    cs.push(id);
                }
            }
        }
        let site = site_rule(r, &ids.site, ap, &a.site);
        let frequency = match a.frequency.as_str() {
            "weekly" => Frequency::Weekly,
            "fortnightly" => Frequency::Fortnightly,
            "any" => Frequency::Any,
            other => {
                r.err(
                    format!("{ap}.frequency"),
                    format!("expected \"weekly\", \"fortnightly\" or \"any\", found \"{other}\""),
                );
                Frequency::Any
            }
        };
        Activity {
            id: a.id.clone(),
            ue,
            kind: a.kind.clone(),
            minutes: minutes.unwrap_or(60),
            session_minutes: session.unwrap_or(60),
            teachers: ts,
            cohorts: cs,
            site: site.unwrap_or(SiteRule::AnyOf(Vec::new())),
            frequency,
        }
    }

    /// Enrolments: distinct students, known activities.
    fn enrolments(&mut self) -> Vec<Enrolment> {
        let (r, f, ids) = (&mut self.r, self.f, &self.ids);
        let mut enrolments = Vec::new();
        let _ = index_ids(
            r,
            "student",
            f.enrolments.iter().enumerate().map(|(i, e)| (format!("enrolments[{i}].student"), e.student.as_str())),
        );
        for (i, e) in f.enrolments.iter().enumerate() {
            let acts = e
                .activities
                .iter()
                .enumerate()
                .filter_map(|(k, a)| {
                    resolve(r, &format!("enrolments[{i}].activities[{k}]"), "activity", &ids.activity, a, ActivityId)
                })
                .collect();
            enrolments.push(Enrolment { student: e.student.clone(), activities: acts });
        }
        enrolments
    }

    /// The placements section, when there is one: hosts, requirements, then
    /// students.
    fn placements(&mut self, sites: &[Site], cohorts: &[Cohort]) -> Placements {
        let f = self.f;
        let Some(p) = &f.placements else { return Placements::default() };
        Placements {
            hosts: self.hosts(p, sites),
            requirements: self.requirements(p),
            students: self.students(p, cohorts),
        }
    }

    /// Placement hosts; a host's site is the first site in its city.
    fn hosts(&mut self, p: &PlacementsFile, sites: &[Site]) -> Vec<Host> {
        let (r, ids) = (&mut self.r, &mut self.ids);
        ids.host = index_ids(
            r,
            "host",
            p.hosts.iter().enumerate().map(|(i, h)| (format!("placements.hosts[{i}].id"), h.id.as_str())),
        );
        let mut hosts = Vec::new();
        for (i, h) in p.hosts.iter().enumerate() {
            let hp = format!("placements.hosts[{i}]");
            let mut open = Vec::new();
            if h.open.is_empty() {
                r.err(format!("{hp}.open"), "expected at least one opening slot");
            }
            for (j, s) in h.open.iter().enumerate() {
                let sp = format!("{hp}.open[{j}]");
                let days = r.days(&format!("{sp}.days"), &s.days);
                if let Some((start, end)) = r.span(&sp, &s.start, &s.end) {
                    open.extend(days.into_iter().map(|day| SlotTemplate { day, start, end }));
                }
            }
            if h.capacity == 0 {
                r.err(format!("{hp}.capacity"), "expected a capacity of at least 1 student");
            }
            let site = sites
                .iter()
                .position(|s| !h.city.is_empty() && s.city.eq_ignore_ascii_case(&h.city))
                .map(SiteId::from_index);
            let name = if h.name.is_empty() { h.id.clone() } else { h.name.clone() };
            hosts.push(Host { id: h.id.clone(), name, city: h.city.clone(), site, capacity: h.capacity, open });
        }
        hosts
    }

    /// Placement requirements: hours of a UE for a cohort within a window of
    /// the academic year.
    fn requirements(&mut self, p: &PlacementsFile) -> Vec<Requirement> {
        let (r, ids, year) = (&mut self.r, &mut self.ids, self.year);
        ids.requirement = index_ids(
            r,
            "requirement",
            p.requirements.iter().enumerate().map(|(i, q)| (format!("placements.requirements[{i}].id"), q.id.as_str())),
        );
        let mut requirements = Vec::new();
        for (i, q) in p.requirements.iter().enumerate() {
            let qp = format!("placements.requirements[{i}]");
            let ue = resolve(r, &format!("{qp}.ue"), "UE", &ids.ue, &q.ue, UeId);
            let cohort = resolve(r, &format!("{qp}.cohort"), "cohort", &ids.cohort, &q.cohort, CohortId);
            let minutes = r.quarters(&format!("{qp}.hours"), q.hours);
            let window = r.range(&qp, &q.from, &q.to);
            if let (Some(w), Some(y)) = (window, year) {
                if !y.covers(&w) {
                    r.err(
                        qp.clone(),
                        format!(
                            "the placement window {}..{} must lie inside the academic year {}..{}",
                            w.from, w.to, y.from, y.to
                        ),
                    );
                }
            }
            let day = q.max_hours_per_day.and_then(|h| r.quarters(&format!("{qp}.max_hours_per_day"), h));
            if let Some(d) = day {
                if d > 24 * 60 {
                    r.err(format!("{qp}.max_hours_per_day"), "expected at most 24 hours a day");
                }
            }
            let week = q.max_hours_per_week.and_then(|h| r.quarters(&format!("{qp}.max_hours_per_week"), h));
            requirements.push(Requirement {
                id: q.id.clone(),
                ue: ue.unwrap_or(UeId(0)),
                cohort: cohort.unwrap_or(CohortId(0)),
                minutes: minutes.unwrap_or(0),
                window: window.unwrap_or(DateRange { from: chrono::NaiveDate::MIN, to: chrono::NaiveDate::MIN }),
                max_minutes_per_day: day,
                max_minutes_per_week: week,
            });
        }
        requirements
    }

    /// Placement students: each in the cohort of their requirement (or one of
    /// its option groups), with known hosts.
    fn students(&mut self, p: &PlacementsFile, cohorts: &[Cohort]) -> Vec<Student> {
        let (r, ids, year) = (&mut self.r, &mut self.ids, self.year);
        ids.student = index_ids(
            r,
            "student",
            p.students.iter().enumerate().map(|(i, s)| (format!("placements.students[{i}].id"), s.id.as_str())),
        );
        let mut students = Vec::new();
        for (i, s) in p.students.iter().enumerate() {
            let sp = format!("placements.students[{i}]");
            let cohort = resolve(r, &format!("{sp}.cohort"), "cohort", &ids.cohort, &s.cohort, CohortId);
            let requirement = resolve(
                r,
                &format!("{sp}.requirement"),
                "requirement",
                &ids.requirement,
                &s.requirement,
                RequirementId,
            );
            if let (Some(c), Some(q)) = (cohort, requirement) {
                let wanted = &p.requirements[q.index()].cohort;
                if let Some(&w) = ids.cohort.get(wanted) {
                    // The student's cohort is the requirement's or one of its option groups.
                    if !within(cohorts, c, CohortId(w)) {
                        r.err(
                            format!("{sp}.cohort"),
                            format!(
                                "student \"{}\" is in cohort \"{}\" but requirement \"{}\" is for cohort \"{wanted}\"",
                                s.id, s.cohort, s.requirement
                            ),
                        );
                    }
                }
            }
            let host = s.host.as_ref().and_then(|h| resolve(r, &format!("{sp}.host"), "host", &ids.host, h, HostId));
            let preferences = s
                .preferences
                .iter()
                .enumerate()
                .filter_map(|(k, h)| resolve(r, &format!("{sp}.preferences[{k}]"), "host", &ids.host, h, HostId))
                .collect();
            let available = s.available.as_ref().map(|list| {
                list.iter().enumerate().filter_map(|(k, w)| r.when(&format!("{sp}.available[{k}]"), w, year)).collect()
            });
            students.push(Student {
                id: s.id.clone(),
                cohort: cohort.unwrap_or(CohortId(0)),
                requirement: requirement.unwrap_or(RequirementId(0)),
                host,
                preferences,
                available,
            });
        }
        students
    }
}

/// Whether cohort `c` is `top` or one of its option groups, at any depth
/// (the parent chains have no cycle left: [`Sections::cohorts`] breaks them).
fn within(cohorts: &[Cohort], c: CohortId, top: CohortId) -> bool {
    c == top || is_ancestor_in(cohorts, top, c)
}

/// A UE's teaching period, inside the academic year.
fn period(r: &mut Report<'_>, up: &str, p: &PeriodFile, year: Option<DateRange>) -> Option<Period> {
    match p {
        PeriodFile::Named(n) => match n.as_str() {
            "Q1" => Some(Period::Q1),
            "Q2" => Some(Period::Q2),
            "annual" => Some(Period::Annual),
            other => {
                r.err(
                    format!("{up}.period"),
                    format!(
                        "expected \"Q1\", \"Q2\", \"annual\" or {{\"from\": date, \"to\": date}}, found \"{other}\""
                    ),
                );
                None
            }
        },
        PeriodFile::Range(rf) => {
            let range = r.range(&format!("{up}.period"), &rf.from, &rf.to);
            if let (Some(range), Some(y)) = (range, year) {
                if !y.covers(&range) {
                    r.err(
                        format!("{up}.period"),
                        format!(
                            "the period {}..{} must lie inside the academic year {}..{}",
                            range.from, range.to, y.from, y.to
                        ),
                    );
                }
            }
            range.map(Period::Dates)
        }
    }
}

/// An activity's site rule: one site, two to alternate between, or a
/// choice among several.
fn site_rule(r: &mut Report<'_>, site_ix: &HashMap<String, u32>, ap: &str, site: &SiteRuleFile) -> Option<SiteRule> {
    match site {
        SiteRuleFile::Fixed(s) => resolve(r, &format!("{ap}.site"), "site", site_ix, s, SiteId).map(SiteRule::Fixed),
        SiteRuleFile::Alternate(v) => {
            let sites: Vec<Option<SiteId>> = v
                .iter()
                .enumerate()
                .map(|(k, s)| resolve(r, &format!("{ap}.site.alternate[{k}]"), "site", site_ix, s, SiteId))
                .collect();
            if v.len() != 2 {
                r.err(
                    format!("{ap}.site.alternate"),
                    format!("expected exactly two sites to alternate between, found {}", v.len()),
                );
                None
            } else if v[0] == v[1] {
                r.err(
                    format!("{ap}.site.alternate"),
                    format!("expected two different sites, found \"{}\" twice", v[0]),
                );
                None
            } else {
                match (sites[0], sites[1]) {
                    (Some(x), Some(y)) => Some(SiteRule::Alternate(x, y)),
                    _ => None,
                }
            }
        }
        SiteRuleFile::AnyOf(v) => {
            if v.is_empty() {
                r.err(format!("{ap}.site.any_of"), "expected at least one site");
            }
            let mut sites = Vec::new();
            for (k, s) in v.iter().enumerate() {
                if let Some(id) = resolve(r, &format!("{ap}.site.any_of[{k}]"), "site", site_ix, s, SiteId) {
                    if sites.contains(&id) {
                        r.err(format!("{ap}.site.any_of[{k}]"), format!("site \"{s}\" is listed twice"));
                    } else {
                        sites.push(id);
                    }
                }
            }
            (!sites.is_empty()).then_some(SiteRule::AnyOf(sites))
        }
    }
}
