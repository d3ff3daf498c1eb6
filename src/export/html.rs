//! The static HTML site: an index with the year overview, one page per
//! cohort, teacher, site and room with a week-by-week grid, and a page of
//! placement progress bars when a plan is given. The index also links the
//! pages of the reports ([`crate::report`]), written beside the others.
//!
//! Pages are rendered with minijinja from the templates under
//! `templates/`, with HTML escaping forced on for every template: whatever
//! comes from the instance (titles, names, ids) is inserted as text. The
//! only values inserted into `style` attributes are numbers computed here.
//! The site needs no network: one local stylesheet (`style.css`), no
//! script, no web font.
//!
//! All weeks from the first to the last meeting of the timetable appear on
//! every page (a week without meetings says so), so the week anchors are
//! the same on every page. Sites get colours from a fixed palette of eight,
//! in the order of the instance (a ninth site shares the first colour).

use super::ExportError;
use super::labels::{Labels, Lang};
use super::placements::{Plan, Status};
use super::view::{Context, Kind, Meeting, Subject};
use crate::calendar::closed_reason;
use crate::model::time::{ClockTime, monday_of};
use chrono::{Datelike, Duration, NaiveDate};
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment};
use serde::Serialize;
use std::collections::BTreeMap;

const STYLE: &str = include_str!("templates/style.css");
const TEMPLATES: [(&str, &str); 4] = [
    ("base.html", include_str!("templates/base.html")),
    ("index.html", include_str!("templates/index.html")),
    ("subject.html", include_str!("templates/subject.html")),
    ("placements.html", include_str!("templates/placements.html")),
];

/// Number of site colours in `style.css` (`.site-0` … `.site-7`).
const SITE_COLOURS: usize = 8;

/// Pixels per hour of the week grid.
const PX_PER_HOUR: u32 = 56;

/// Pixels of an hour without any meeting.
const GAP_PX: u32 = 14;

#[derive(Debug, Serialize)]
struct Link {
    href: String,
    name: String,
    count: usize,
    hours: String,
}

#[derive(Debug, Serialize)]
struct Group {
    title: &'static str,
    links: Vec<Link>,
}

#[derive(Debug, Serialize)]
struct SiteKey {
    name: String,
    colour: usize,
}

#[derive(Debug, Serialize)]
struct Block {
    date: String,
    ue: String,
    title: String,
    time: String,
    start: String,
    end: String,
    site: String,
    room: String,
    teachers: String,
    cohorts: String,
    kind: String,
    colour: usize,
    alternating: Option<String>,
    style: String,
}

#[derive(Debug, Serialize)]
struct Day {
    name: &'static str,
    date: String,
    short: String,
    closed: Option<String>,
    blocks: Vec<Block>,
}

#[derive(Debug, Serialize)]
struct Week {
    id: String,
    number: usize,
    label: String,
    short: String,
    prev: Option<String>,
    next: Option<String>,
    count: usize,
    hours: String,
    days: Vec<Day>,
}

#[derive(Debug, Serialize)]
struct Tick {
    label: String,
    top: u32,
}

#[derive(Debug, Serialize)]
struct OverviewRow {
    id: String,
    label: String,
    cells: Vec<OverviewCell>,
}

#[derive(Debug, Serialize)]
struct OverviewCell {
    hours: String,
    width: u32,
    /// The week on the cohort's page, when the cohort meets that week.
    href: Option<String>,
}

#[derive(Debug, Serialize)]
struct Bar {
    student: String,
    requirement: String,
    host: String,
    status: &'static str,
    status_label: &'static str,
    quota: String,
    validated: String,
    logged_only: String,
    planned: String,
    remaining: String,
    over: Option<String>,
    /// Widths in percent of the bar (one decimal): validated, logged
    /// only, planned, remaining.
    segments: [String; 4],
}

/// The week grid's time axis: whole hours from the earliest start to the
/// latest end of the timetable. An hour in which no meeting of the
/// timetable takes place is squeezed to a thin gap, so that Saturday
/// mornings and weekday evenings fit on one screen.
#[derive(Debug, Clone)]
struct Span {
    from: u32,
    /// Whether each hour from `from` on holds a meeting.
    used: Vec<bool>,
}

impl Span {
    fn of(meetings: &[Meeting]) -> Span {
        let from = meetings.iter().map(|m| m.start.minutes()).min().unwrap_or(8 * 60) / 60;
        let to = meetings.iter().map(|m| m.end.minutes()).max().unwrap_or(18 * 60).div_ceil(60).max(from + 1);
        let mut used = vec![false; (to - from) as usize];
        for m in meetings {
            for h in m.start.minutes() / 60..m.end.minutes().div_ceil(60) {
                used[(h - from) as usize] = true;
            }
        }
        if meetings.is_empty() {
            used.iter_mut().for_each(|u| *u = true);
        }
        Span { from: from * 60, used }
    }

    fn hour_px(&self, i: usize) -> u32 {
        if self.used[i] { PX_PER_HOUR } else { GAP_PX }
    }

    /// Pixels from the top of the grid to the time `minutes`.
    fn px(&self, minutes: u32) -> u32 {
        let m = minutes.saturating_sub(self.from);
        let whole = (m / 60) as usize;
        let before: u32 = (0..whole.min(self.used.len())).map(|i| self.hour_px(i)).sum();
        if whole >= self.used.len() { before } else { before + (m % 60) * self.hour_px(whole) / 60 }
    }

    /// The end of the axis, in minutes after midnight.
    fn to(&self) -> u32 {
        self.from + 60 * self.used.len() as u32
    }

    /// A label at the start of every used hour and at the end of the axis.
    fn ticks(&self) -> Vec<Tick> {
        (0..=self.used.len())
            .filter(|&i| i == self.used.len() || self.used[i] || (i > 0 && self.used[i - 1]))
            .map(|i| {
                let h = self.from / 60 + i as u32;
                Tick { label: format!("{h:02}:00"), top: self.px(h * 60) }
            })
            .collect()
    }
}

fn env() -> Result<Environment<'static>, ExportError> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    for (name, src) in TEMPLATES {
        env.add_template(name, src).map_err(|e| render_error(name, &e))?;
    }
    Ok(env)
}

/// What every page shows, plus the page's own fields.
#[derive(Debug, Serialize)]
struct Page<'a, T: Serialize> {
    l: &'static Labels,
    instance: &'a str,
    placements: bool,
    sites: Vec<SiteKey>,
    title: String,
    #[serde(flatten)]
    body: T,
}

fn page<T: Serialize>(
    env: &Environment<'_>,
    template: &str,
    file: &str,
    ctx: &Context<'_>,
    placements: bool,
    title: String,
    body: T,
) -> Result<Vec<u8>, ExportError> {
    let p = Page { l: ctx.lang.labels(), instance: &ctx.inst.name, placements, sites: sites(ctx), title, body };
    let t = env.get_template(template).map_err(|e| render_error(file, &e))?;
    let html = t.render(Serde(&p)).map_err(|e| render_error(file, &e))?;
    Ok(html.into_bytes())
}

fn render_error(page: &str, e: &minijinja::Error) -> ExportError {
    ExportError::Render { page: page.to_string(), message: format!("{e:#}") }
}

fn hours_of(ctx: &Context<'_>, meetings: impl Iterator<Item = usize>) -> String {
    let minutes: u32 = meetings.map(|i| ctx.meetings[i].minutes()).sum();
    ctx.lang.hours(f64::from(minutes) / 60.0)
}

/// The Mondays of every week from the first to the last meeting.
fn mondays(ctx: &Context<'_>) -> Vec<NaiveDate> {
    let (Some(first), Some(last)) = (ctx.meetings.first(), ctx.meetings.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut w = monday_of(first.date);
    while w <= last.date {
        out.push(w);
        w += Duration::days(7);
    }
    out
}

fn week_id(monday: NaiveDate) -> String {
    format!("w{monday}")
}

fn block(ctx: &Context<'_>, m: &Meeting, span: &Span, lane: usize, lanes: usize) -> Block {
    let l = ctx.lang.labels();
    let (code, title) = ctx.ue_of(m);
    let site = &ctx.inst.sites[m.site.index()];
    let alternating = ctx.alternates(m).map(|(a, b)| {
        format!("{} ({} / {})", l.alternating, ctx.inst.sites[a.index()].name, ctx.inst.sites[b.index()].name)
    });
    let top = span.px(m.start.minutes());
    let height = span.px(m.end.minutes()) - top;
    let width = 1000 / lanes as u32;
    Block {
        date: m.date.to_string(),
        ue: code.to_string(),
        title: title.to_string(),
        time: format!("{}–{}", m.start, m.end),
        start: m.start.to_string(),
        end: m.end.to_string(),
        site: site.name.clone(),
        room: ctx.inst.rooms[m.room.index()].id.clone(),
        teachers: ctx.teacher_names(m).join(", "),
        cohorts: ctx.cohort_names(m).join(", "),
        kind: ctx.inst.activities[m.activity.index()].kind.clone(),
        colour: m.site.index() % SITE_COLOURS,
        alternating,
        style: format!(
            "top:{top}px;height:{height}px;left:{}.{}%;width:{}.{}%",
            lane as u32 * width / 10,
            lane as u32 * width % 10,
            width / 10,
            width % 10
        ),
    }
}

/// Lanes for the meetings of one day (sorted by start): overlapping
/// meetings sit side by side. Returns each meeting's lane and the number
/// of lanes of the day.
fn lanes(day: &[&Meeting]) -> (Vec<usize>, usize) {
    let mut ends: Vec<ClockTime> = Vec::new();
    let mut out = Vec::new();
    for m in day {
        match ends.iter().position(|e| *e <= m.start) {
            Some(i) => {
                ends[i] = m.end;
                out.push(i);
            }
            None => {
                ends.push(m.end);
                out.push(ends.len() - 1);
            }
        }
    }
    (out, ends.len().max(1))
}

/// Whether any meeting of the timetable falls on a Sunday: then every grid
/// gets a Sunday column, so that no meeting is left out.
fn has_sunday(ctx: &Context<'_>) -> bool {
    ctx.meetings.iter().any(|m| m.date.weekday() == chrono::Weekday::Sun)
}

fn weeks(ctx: &Context<'_>, s: &Subject, span: &Span) -> Vec<Week> {
    let ndays = if has_sunday(ctx) { 7 } else { 6 };
    let l = ctx.lang.labels();
    let mondays = mondays(ctx);
    let mut by_week: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for &i in &s.meetings {
        by_week.entry(monday_of(ctx.meetings[i].date)).or_default().push(i);
    }
    mondays
        .iter()
        .enumerate()
        .map(|(n, &monday)| {
            let mine = by_week.get(&monday).cloned().unwrap_or_default();
            let days = (0..ndays)
                .map(|d| {
                    let date = monday + Duration::days(d);
                    let today: Vec<&Meeting> =
                        mine.iter().map(|&i| &ctx.meetings[i]).filter(|m| m.date == date).collect();
                    let (lane, count) = lanes(&today);
                    let closed = if ctx.inst.calendar.year.contains(date) {
                        closed_reason(&ctx.inst.calendar, date)
                    } else {
                        None
                    };
                    Day {
                        name: ctx.lang.weekday(date.weekday()),
                        date: date.to_string(),
                        short: ctx.lang.short_date(date),
                        closed,
                        blocks: today.iter().zip(lane).map(|(m, k)| block(ctx, m, span, k, count)).collect(),
                    }
                })
                .collect();
            Week {
                id: week_id(monday),
                number: n + 1,
                label: format!("{} {}", l.week_of, ctx.lang.long_date(monday)),
                short: ctx.lang.short_date(monday),
                prev: n.checked_sub(1).map(|p| week_id(mondays[p])),
                next: mondays.get(n + 1).map(|d| week_id(*d)),
                count: mine.len(),
                hours: hours_of(ctx, mine.iter().copied()),
                days,
            }
        })
        .collect()
}

fn kind_label(l: &Labels, k: Kind) -> &'static str {
    match k {
        Kind::Cohort => l.cohort,
        Kind::Teacher => l.teacher,
        Kind::Site => l.site,
        Kind::Room => l.room,
    }
}

fn sites(ctx: &Context<'_>) -> Vec<SiteKey> {
    ctx.inst.sites.iter().enumerate().map(|(i, s)| SiteKey { name: s.name.clone(), colour: i % SITE_COLOURS }).collect()
}

fn overview(ctx: &Context<'_>) -> (Vec<String>, Vec<OverviewRow>, Vec<String>) {
    let cohorts: Vec<&Subject> = ctx.subjects.iter().filter(|s| s.kind == Kind::Cohort).collect();
    let mondays = mondays(ctx);
    let minutes: Vec<Vec<u32>> = mondays
        .iter()
        .map(|&w| {
            cohorts
                .iter()
                .map(|s| {
                    s.meetings
                        .iter()
                        .map(|&i| &ctx.meetings[i])
                        .filter(|m| monday_of(m.date) == w)
                        .map(Meeting::minutes)
                        .sum()
                })
                .collect()
        })
        .collect();
    let max = minutes.iter().flatten().copied().max().unwrap_or(0).max(1);
    let rows = mondays
        .iter()
        .zip(&minutes)
        .map(|(&w, row)| OverviewRow {
            id: week_id(w),
            label: ctx.lang.short_date(w),
            cells: row
                .iter()
                .zip(&cohorts)
                .map(|(&m, s)| OverviewCell {
                    hours: ctx.lang.hours(f64::from(m) / 60.0),
                    width: m * 100 / max,
                    href: (m > 0).then(|| format!("{}.html#{}", s.stem, week_id(w))),
                })
                .collect(),
        })
        .collect();
    let totals = (0..cohorts.len())
        .map(|c| ctx.lang.hours(f64::from(minutes.iter().map(|r| r[c]).sum::<u32>()) / 60.0))
        .collect();
    (cohorts.iter().map(|s| s.name.clone()).collect(), rows, totals)
}

fn bars(lang: Lang, plans: &[Plan]) -> Vec<Bar> {
    let l = lang.labels();
    plans
        .iter()
        .map(|p| {
            let logged_only = (p.logged - p.validated).max(0.0);
            let remaining = p.remaining();
            let total = (p.validated + logged_only + p.planned + remaining).max(p.quota).max(f64::EPSILON);
            let part = |h: f64| {
                let permille = (h / total * 1000.0).round() as u32;
                format!("{}.{}", permille / 10, permille % 10)
            };
            let over = p.logged + p.planned - p.quota;
            Bar {
                student: p.student.clone(),
                requirement: p.requirement.clone(),
                host: p.host_name.clone().unwrap_or_default(),
                status: p.status.code(),
                status_label: match p.status {
                    Status::OnTrack => l.status_on_track,
                    Status::AtRisk => l.status_at_risk,
                    Status::CannotFinish => l.status_cannot_finish,
                    Status::Done => l.status_done,
                },
                quota: lang.hours(p.quota),
                validated: lang.hours(p.validated),
                logged_only: lang.hours(logged_only),
                planned: lang.hours(p.planned),
                remaining: lang.hours(remaining),
                over: (over > 1e-9).then(|| format!("+{} {}", lang.hours(over), l.over_quota)),
                segments: [part(p.validated), part(logged_only), part(p.planned), part(remaining)],
            }
        })
        .collect()
}

/// Every file of the site: name → bytes.
pub(crate) fn render(ctx: &Context<'_>, plans: Option<&Vec<Plan>>) -> Result<BTreeMap<String, Vec<u8>>, ExportError> {
    let env = env()?;
    let l = ctx.lang.labels();
    let span = Span::of(&ctx.meetings);
    let mut files = BTreeMap::new();

    let mut groups: Vec<Group> =
        [(Kind::Cohort, l.cohorts), (Kind::Teacher, l.teachers), (Kind::Site, l.sites), (Kind::Room, l.rooms)]
            .into_iter()
            .map(|(k, title)| Group {
                title,
                links: ctx
                    .subjects
                    .iter()
                    .filter(|s| s.kind == k)
                    .map(|s| Link {
                        href: format!("{}.html", s.stem),
                        name: s.name.clone(),
                        count: s.meetings.len(),
                        hours: hours_of(ctx, s.meetings.iter().copied()),
                    })
                    .collect(),
            })
            .collect();
    groups.push(reports(ctx, &mut files)?);
    let (cohort_names, rows, totals) = overview(ctx);
    #[derive(Debug, Serialize)]
    struct Index {
        groups: Vec<Group>,
        cohorts: Vec<String>,
        rows: Vec<OverviewRow>,
        totals: Vec<String>,
    }
    let body = Index { groups, cohorts: cohort_names, rows, totals };
    let html = page(&env, "index.html", "index.html", ctx, plans.is_some(), ctx.inst.name.clone(), body)?;
    let _ = files.insert("index.html".to_string(), html);

    let ticks = span.ticks();
    #[derive(Debug, Serialize)]
    struct SubjectPage<'a> {
        kind: &'static str,
        name: &'a str,
        count: usize,
        hours: String,
        weeks: Vec<Week>,
        ticks: &'a [Tick],
        height: u32,
        sunday: bool,
        colon: &'static str,
    }
    for s in &ctx.subjects {
        let name = format!("{}.html", s.stem);
        let kind = kind_label(l, s.kind);
        let body = SubjectPage {
            kind,
            name: &s.name,
            count: s.meetings.len(),
            hours: hours_of(ctx, s.meetings.iter().copied()),
            weeks: weeks(ctx, s, &span),
            ticks: &ticks,
            height: span.px(span.to()),
            sunday: has_sunday(ctx),
            colon: ctx.lang.colon(),
        };
        let html = page(&env, "subject.html", &name, ctx, plans.is_some(), format!("{kind} {}", s.name), body)?;
        let _ = files.insert(name, html);
    }

    if let Some(plans) = plans {
        #[derive(Debug, Serialize)]
        struct Placements {
            bars: Vec<Bar>,
        }
        let body = Placements { bars: bars(ctx.lang, plans) };
        let html = page(&env, "placements.html", "placements.html", ctx, true, l.placements.to_string(), body)?;
        let _ = files.insert("placements.html".to_string(), html);
    }
    let _ = files.insert("style.css".to_string(), STYLE.as_bytes().to_vec());
    Ok(files)
}

/// The pages of the reports (`report-service.html`…; the competences only
/// when a programme gives a framework) and the index's group of links to
/// them, each with the meetings and hours it covers.
fn reports(ctx: &Context<'_>, files: &mut BTreeMap<String, Vec<u8>>) -> Result<Group, ExportError> {
    use crate::report::{Kind as Report, Meeting as Met, build, render::html_page};
    let meetings: Vec<Met> = ctx
        .meetings
        .iter()
        .map(|m| Met {
            activity: m.activity,
            date: m.date,
            start: m.start,
            end: m.end,
            site: m.site,
            room: m.room,
            teachers: m.teachers.clone(),
            cohorts: m.cohorts.clone(),
        })
        .collect();
    let frameworks = ctx.inst.extensions.competences.iter().any(|f| !f.is_empty());
    let mut links = Vec::new();
    for kind in Report::ALL.into_iter().filter(|&k| k != Report::Competences || frameworks) {
        let name = format!("report-{kind}.html");
        let report = build(kind, ctx.inst, &meetings);
        let html = html_page(&report, Some("index.html")).map_err(|e| render_error(&name, &e))?;
        let _ = files.insert(name.clone(), html.into_bytes());
        let hours = hours_of(ctx, 0..ctx.meetings.len());
        links.push(Link { href: name, name: report.title, count: ctx.meetings.len(), hours });
    }
    let title = match ctx.lang {
        Lang::Fr => "Rapports",
        Lang::En => "Reports",
    };
    Ok(Group { title, links })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: u16, end: u16) -> Meeting {
        Meeting {
            activity: crate::model::ActivityId(0),
            date: NaiveDate::from_ymd_opt(2025, 10, 20).unwrap_or_default(),
            start: ClockTime(start),
            end: ClockTime(end),
            site: crate::model::SiteId(0),
            room: crate::model::RoomId(0),
            teachers: Vec::new(),
            cohorts: Vec::new(),
        }
    }

    #[test]
    fn overlapping_meetings_get_side_by_side_lanes() {
        let (a, b, c) = (m(600, 700), m(650, 800), m(700, 760));
        let (lane, count) = lanes(&[&a, &b, &c]);
        assert_eq!(lane, vec![0, 1, 0]);
        assert_eq!(count, 2);
        assert_eq!(lanes(&[]), (vec![], 1));
    }

    #[test]
    fn the_grid_spans_whole_hours() {
        let s = Span::of(&[m(17 * 60 + 15, 20 * 60 + 15), m(9 * 60, 12 * 60 + 15)]);
        assert_eq!((s.from, s.to()), (9 * 60, 21 * 60));
        assert_eq!(s.px(10 * 60), PX_PER_HOUR);
        // 09–13 used, 13–17 squeezed, 17–21 used.
        assert_eq!(s.px(17 * 60), 4 * PX_PER_HOUR + 4 * GAP_PX);
        assert_eq!(s.px(17 * 60 + 30), 4 * PX_PER_HOUR + 4 * GAP_PX + PX_PER_HOUR / 2);
        assert_eq!(s.px(21 * 60), 8 * PX_PER_HOUR + 4 * GAP_PX);
        let labels: Vec<String> = s.ticks().into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["09:00", "10:00", "11:00", "12:00", "13:00", "17:00", "18:00", "19:00", "20:00", "21:00"]);
    }
}
