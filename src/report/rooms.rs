//! Room occupancy: per site and room, the hours used against the hours
//! open, per week and per slot of the time grids; the peak weeks; the
//! rooms never used; and the rooms free at a given time.
//!
//! The hours a room is *open* are those of the grid slots that may use its
//! site — the slots of the time grids of every programme with an activity
//! whose site rule names the site — on every date the calendar opens (in
//! the year, not closed, not in an exam period). Two grids' overlapping
//! slots on one day count once.

use super::{Cell, Column, Meeting, Report, Table, busiest, mondays, week_of};
use crate::calendar::{closed_reason, is_open, spans_overlap};
use crate::model::time::{ClockTime, weekday_code};
use crate::model::{Instance, RoomId, SiteId, SlotTemplate};
use chrono::{Datelike, NaiveDate};

/// The rooms report's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Rooms {
    /// The Mondays of the academic year's weeks.
    pub weeks: Vec<NaiveDate>,
    /// Every site, in the instance's order.
    pub sites: Vec<SiteRooms>,
}

/// One site.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteRooms {
    /// The site.
    pub site: SiteId,
    /// The grid slots that may use the site, by day then start.
    pub slots: Vec<SlotTemplate>,
    /// Minutes one room of the site is open, per week.
    pub open_per_week: Vec<u32>,
    /// Minutes one room of the site is open in each slot over the year.
    pub open_per_slot: Vec<u32>,
    /// Its rooms, in the instance's order.
    pub rooms: Vec<RoomUse>,
}

/// One room's use.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomUse {
    /// The room.
    pub room: RoomId,
    /// Meetings held in it.
    pub meetings: usize,
    /// Minutes used.
    pub minutes: u32,
    /// Minutes used per week (as [`Rooms::weeks`]).
    pub per_week: Vec<u32>,
    /// Minutes of its meetings inside each slot (as [`SiteRooms::slots`]).
    pub per_slot: Vec<u32>,
}

impl SiteRooms {
    /// Minutes open over the year for one room.
    pub fn open(&self) -> u32 {
        self.open_per_week.iter().sum()
    }
}

/// The slots of every grid whose programme has an activity that may meet
/// at `site`.
fn site_slots(inst: &Instance, site: SiteId) -> Vec<SlotTemplate> {
    let mut out: Vec<SlotTemplate> = Vec::new();
    for a in &inst.activities {
        if !a.site.sites().contains(&site) {
            continue;
        }
        let programme = &inst.programmes[inst.ues[a.ue.index()].programme.index()];
        for t in &inst.grids[programme.grid.index()].slots {
            if !out.contains(t) {
                out.push(*t);
            }
        }
    }
    out.sort_by_key(|t| (t.day.num_days_from_monday(), t.start, t.end));
    out
}

/// Minutes covered by the union of `slots` on `day`.
fn union_minutes(slots: &[SlotTemplate], day: chrono::Weekday) -> u32 {
    let mut spans: Vec<(u32, u32)> =
        slots.iter().filter(|t| t.day == day).map(|t| (t.start.minutes(), t.end.minutes())).collect();
    spans.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(u32, u32)> = None;
    for (s, e) in spans {
        cur = match cur {
            Some((cs, ce)) if s <= ce => Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs;
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    total + cur.map_or(0, |(s, e)| e - s)
}

/// Minutes of `start..end` inside `slot`.
fn inside(start: ClockTime, end: ClockTime, slot: &SlotTemplate) -> u32 {
    let s = start.max(slot.start).minutes();
    let e = end.min(slot.end).minutes();
    e.saturating_sub(s)
}

/// Computes the occupancy of every room.
pub fn rooms(inst: &Instance, meetings: &[Meeting]) -> Rooms {
    let year = &inst.calendar;
    let weeks = mondays(year.year.from, year.year.to);
    let sites = (0..inst.sites.len())
        .map(|i| {
            let site = SiteId::from_index(i);
            let slots = site_slots(inst, site);
            let mut open_per_week = vec![0; weeks.len()];
            let mut open_per_slot = vec![0; slots.len()];
            for date in year.year.days().filter(|&d| is_open(year, d)) {
                if let Some(w) = week_of(&weeks, date) {
                    open_per_week[w] += union_minutes(&slots, date.weekday());
                }
                for (k, t) in slots.iter().enumerate() {
                    if t.day == date.weekday() {
                        open_per_slot[k] += t.minutes();
                    }
                }
            }
            let rooms = inst.sites[i]
                .rooms
                .iter()
                .map(|&room| {
                    let mine: Vec<&Meeting> = meetings.iter().filter(|m| m.room == room).collect();
                    let mut per_week = vec![0; weeks.len()];
                    let mut per_slot = vec![0; slots.len()];
                    for m in &mine {
                        if let Some(w) = week_of(&weeks, m.date) {
                            per_week[w] += m.minutes();
                        }
                        for (k, t) in slots.iter().enumerate() {
                            if t.day == m.date.weekday() {
                                per_slot[k] += inside(m.start, m.end, t);
                            }
                        }
                    }
                    RoomUse {
                        room,
                        meetings: mine.len(),
                        minutes: mine.iter().map(|m| m.minutes()).sum(),
                        per_week,
                        per_slot,
                    }
                })
                .collect();
            SiteRooms { site, slots, open_per_week, open_per_slot, rooms }
        })
        .collect();
    Rooms { weeks, sites }
}

fn slot_label(t: &SlotTemplate) -> String {
    format!("{} {}–{}", weekday_code(t.day), t.start, t.end)
}

impl Rooms {
    /// The report's tables.
    pub fn report(&self, inst: &Instance) -> Report {
        let room_id = |r: &RoomUse| Cell::text(&inst.rooms[r.room.index()].id);
        let site_id = |s: &SiteRooms| Cell::text(&inst.sites[s.site.index()].id);
        let seats = |r: &RoomUse| Cell::Count(u64::from(inst.rooms[r.room.index()].capacity));
        let mut tables = Vec::new();

        let mut summary = Vec::new();
        let (mut meetings, mut used, mut open) = (0, 0, 0);
        for s in &self.sites {
            for r in &s.rooms {
                let peak = busiest(&r.per_week, 1).first().copied();
                summary.push(vec![
                    site_id(s),
                    room_id(r),
                    seats(r),
                    Cell::count(r.meetings),
                    Cell::Hours(r.minutes),
                    Cell::Hours(s.open()),
                    Cell::Share { part: r.minutes, whole: s.open() },
                    peak.map_or(Cell::Empty, |w| Cell::text(self.weeks[w].to_string())),
                    peak.map_or(Cell::Empty, |w| Cell::Hours(r.per_week[w])),
                ]);
                meetings += r.meetings;
                used += r.minutes;
                open += s.open();
            }
        }
        tables.push(Table {
            key: "rooms".into(),
            title: "Occupancy per room".into(),
            columns: vec![
                Column::text("Site"),
                Column::text("Room"),
                Column::number("Seats"),
                Column::number("Meetings"),
                Column::number("Hours used"),
                Column::number("Hours open"),
                Column::number("Occupancy"),
                Column::text("Peak week"),
                Column::number("Peak hours"),
            ],
            rows: summary,
            total: Some(vec![
                Cell::text("Total"),
                Cell::Empty,
                Cell::Empty,
                Cell::count(meetings),
                Cell::Hours(used),
                Cell::Hours(open),
                Cell::Share { part: used, whole: open },
                Cell::Empty,
                Cell::Empty,
            ]),
            note: None,
        });

        for s in &self.sites {
            let name = &inst.sites[s.site.index()].name;
            let n = s.rooms.len() as u32;
            let mut columns = vec![Column::text("Week"), Column::number("Open per room")];
            columns.extend(s.rooms.iter().map(|r| Column::number(&inst.rooms[r.room.index()].id)));
            columns.push(Column::number("Site occupancy"));
            let rows: Vec<Vec<Cell>> = (0..self.weeks.len())
                .filter(|&w| s.open_per_week[w] > 0 || s.rooms.iter().any(|r| r.per_week[w] > 0))
                .map(|w| {
                    let mut row = vec![Cell::text(self.weeks[w].to_string()), Cell::Hours(s.open_per_week[w])];
                    row.extend(s.rooms.iter().map(|r| Cell::Hours(r.per_week[w])));
                    let used: u32 = s.rooms.iter().map(|r| r.per_week[w]).sum();
                    row.push(Cell::Share { part: used, whole: s.open_per_week[w] * n });
                    row
                })
                .collect();
            tables.push(Table {
                key: format!("weeks-{}", inst.sites[s.site.index()].id),
                title: format!("Hours used per week at {name}"),
                columns: columns.clone(),
                note: rows.is_empty().then(|| "No grid slot may use this site and no meeting is held there.".into()),
                rows,
                total: None,
            });
            columns[0] = Column::text("Slot");
            columns[1] = Column::number("Open per room");
            let rows: Vec<Vec<Cell>> = s
                .slots
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    let mut row = vec![Cell::text(slot_label(t)), Cell::Hours(s.open_per_slot[k])];
                    row.extend(s.rooms.iter().map(|r| Cell::Hours(r.per_slot[k])));
                    let used: u32 = s.rooms.iter().map(|r| r.per_slot[k]).sum();
                    row.push(Cell::Share { part: used, whole: s.open_per_slot[k] * n });
                    row
                })
                .collect();
            tables.push(Table {
                key: format!("slots-{}", inst.sites[s.site.index()].id),
                title: format!("Hours used per grid slot at {name}"),
                columns,
                note: rows.is_empty().then(|| "No grid slot may use this site.".into()),
                rows,
                total: None,
            });
        }

        let mut peaks = Vec::new();
        for s in &self.sites {
            let n = s.rooms.len() as u32;
            let per_week: Vec<u32> =
                (0..self.weeks.len()).map(|w| s.rooms.iter().map(|r| r.per_week[w]).sum()).collect();
            for w in busiest(&per_week, 3) {
                peaks.push(vec![
                    site_id(s),
                    Cell::text(self.weeks[w].to_string()),
                    Cell::Hours(per_week[w]),
                    Cell::Hours(s.open_per_week[w] * n),
                    Cell::Share { part: per_week[w], whole: s.open_per_week[w] * n },
                ]);
            }
        }
        tables.push(Table {
            key: "peaks".into(),
            title: "Peak weeks per site".into(),
            columns: vec![
                Column::text("Site"),
                Column::text("Week"),
                Column::number("Hours used"),
                Column::number("Hours open"),
                Column::number("Occupancy"),
            ],
            note: peaks.is_empty().then(|| "No meeting.".into()),
            rows: peaks,
            total: None,
        });

        let unused: Vec<Vec<Cell>> = self
            .sites
            .iter()
            .flat_map(|s| s.rooms.iter().filter(|r| r.meetings == 0).map(move |r| (s, r)))
            .map(|(s, r)| vec![site_id(s), room_id(r), seats(r)])
            .collect();
        tables.push(Table {
            key: "unused".into(),
            title: "Rooms never used".into(),
            columns: vec![Column::text("Site"), Column::text("Room"), Column::number("Seats")],
            note: unused.is_empty().then(|| "Every room is used.".into()),
            rows: unused,
            total: None,
        });

        Report {
            title: "Room occupancy".into(),
            instance: inst.name.clone(),
            notes: vec![
                "Hours open: the slots of the time grids of the programmes that may meet at the site, on every \
                 date the calendar opens (overlapping slots of one day count once)."
                    .into(),
                "Weeks are named by their Monday; the peak week of a room is its week with the most hours \
                 (the earliest on a tie)."
                    .into(),
            ],
            tables,
        }
    }
}

/// A question to [`free_rooms`]: which rooms of `site` hold at least
/// `capacity` seats and are free on `date` from `start` to `end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeQuery {
    /// The site.
    pub site: SiteId,
    /// The date.
    pub date: NaiveDate,
    /// Start time.
    pub start: ClockTime,
    /// End time.
    pub end: ClockTime,
    /// The fewest seats wanted (0: any room).
    pub capacity: u32,
}

/// The answer of [`free_rooms`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeRooms {
    /// Rooms with enough seats and no meeting at that time, in the
    /// instance's order.
    pub free: Vec<RoomId>,
    /// Rooms with enough seats taken at that time, with the index of
    /// each meeting that overlaps the time, in meeting order.
    pub busy: Vec<(RoomId, Vec<usize>)>,
    /// Rooms of the site with fewer seats than asked.
    pub too_small: Vec<RoomId>,
    /// Why the calendar closes that date, if it does.
    pub closed: Option<String>,
}

/// The rooms of a site free at a given time.
pub fn free_rooms(inst: &Instance, meetings: &[Meeting], q: &FreeQuery) -> FreeRooms {
    let mut out = FreeRooms { free: Vec::new(), busy: Vec::new(), too_small: Vec::new(), closed: None };
    for &room in &inst.sites[q.site.index()].rooms {
        if inst.rooms[room.index()].capacity < q.capacity {
            out.too_small.push(room);
            continue;
        }
        let taken: Vec<usize> = meetings
            .iter()
            .enumerate()
            .filter(|(_, m)| m.room == room && m.date == q.date && spans_overlap(m.start, m.end, q.start, q.end))
            .map(|(i, _)| i)
            .collect();
        if taken.is_empty() { out.free.push(room) } else { out.busy.push((room, taken)) }
    }
    out.closed = closed_reason(&inst.calendar, q.date);
    out
}

impl FreeRooms {
    /// The answer as tables.
    pub fn report(&self, inst: &Instance, meetings: &[Meeting], q: &FreeQuery) -> Report {
        let seats = |r: RoomId| Cell::Count(u64::from(inst.rooms[r.index()].capacity));
        let site = &inst.sites[q.site.index()];
        let when = format!("{} {} {}–{}", weekday_code(q.date.weekday()), q.date, q.start, q.end);
        let free: Vec<Vec<Cell>> =
            self.free.iter().map(|&r| vec![Cell::text(&inst.rooms[r.index()].id), seats(r)]).collect();
        let busy: Vec<Vec<Cell>> = self
            .busy
            .iter()
            .flat_map(|(r, taken)| {
                taken.iter().map(move |&i| {
                    let m = &meetings[i];
                    let act = &inst.activities[m.activity.index()];
                    vec![
                        Cell::text(&inst.rooms[r.index()].id),
                        seats(*r),
                        Cell::text(format!("{}–{}", m.start, m.end)),
                        Cell::text(&inst.ues[act.ue.index()].code),
                        Cell::text(&act.id),
                    ]
                })
            })
            .collect();
        let mut notes = Vec::new();
        if let Some(why) = &self.closed {
            notes.push(format!("The calendar has no teaching on {}: {why}.", q.date));
        }
        if q.capacity > 0 {
            notes.push(format!(
                "Rooms with at least {} seats; {} room(s) of the site have fewer.",
                q.capacity,
                self.too_small.len()
            ));
        }
        Report {
            title: format!("Rooms free at {} on {when}", site.name),
            instance: inst.name.clone(),
            notes,
            tables: vec![
                Table {
                    key: "free".into(),
                    title: "Free rooms".into(),
                    columns: vec![Column::text("Room"), Column::number("Seats")],
                    note: free.is_empty().then(|| "No room is free then.".into()),
                    rows: free,
                    total: None,
                },
                Table {
                    key: "busy".into(),
                    title: "Rooms in use".into(),
                    columns: vec![
                        Column::text("Room"),
                        Column::number("Seats"),
                        Column::text("Time"),
                        Column::text("UE"),
                        Column::text("Activity"),
                    ],
                    note: busy.is_empty().then(|| "No meeting uses a room of the site then.".into()),
                    rows: busy,
                    total: None,
                },
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn slot(day: Weekday, s: u16, e: u16) -> SlotTemplate {
        SlotTemplate { day, start: ClockTime(s), end: ClockTime(e) }
    }

    #[test]
    fn overlapping_slots_of_a_day_count_once() {
        // 17:15-20:15 and 18:00-21:15: 17:15-21:15, four hours.
        let slots = [slot(Weekday::Wed, 1035, 1215), slot(Weekday::Wed, 1080, 1275), slot(Weekday::Sat, 540, 735)];
        assert_eq!(union_minutes(&slots, Weekday::Wed), 240);
        assert_eq!(union_minutes(&slots, Weekday::Sat), 195);
        assert_eq!(union_minutes(&slots, Weekday::Mon), 0);
        assert_eq!(inside(ClockTime(1035), ClockTime(1215), &slots[1]), 135);
        assert_eq!(inside(ClockTime(540), ClockTime(600), &slots[1]), 0);
    }
}
