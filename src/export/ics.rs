//! iCalendar (RFC 5545) files, one per cohort, teacher, site and room.
//!
//! Written by hand rather than with a crate: the output is small (one
//! `VTIMEZONE` and flat `VEVENT`s), and the crates we looked at either
//! stamp `DTSTAMP` with the wall clock by default or do not emit a
//! `VTIMEZONE`; we need both under our control to keep files
//! byte-identical across re-runs and readable by every client. The two
//! delicate parts, text escaping (§3.3.11) and folding at 75 octets on
//! UTF-8 boundaries (§3.1), are unit-tested here, and the integration tests
//! parse every file with Python's `icalendar`.
//!
//! - Times are local wall-clock times with `TZID=Europe/Brussels`, and the
//!   file carries the zone's rules (`VTIMEZONE`, EU rules since 1996), so a
//!   17:15 meeting stays at 17:15 on both sides of a DST change.
//! - `UID` names the n-th meeting of an activity in an instance: the same
//!   meeting gets the same UID in every file and every run, and a meeting
//!   moved by a repair keeps its UID, so a re-import updates it.
//! - `DTSTAMP` is the first day of the academic year at 00:00 UTC: it must
//!   be a UTC time, and the wall clock would break byte-identical re-runs.

use super::view::{Context, Kind, Meeting, Subject};
use crate::model::time::ClockTime;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// The time zone every meeting is in.
pub(crate) const TZID: &str = "Europe/Brussels";

const VTIMEZONE: [&str; 16] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Brussels",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
];

/// Escapes a TEXT value: backslash, semicolon, comma and newlines; other
/// control characters (not allowed in TEXT) are dropped.
pub(crate) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line to `out`, folded so that no line exceeds 75
/// octets (continuation lines start with a space), never inside a UTF-8
/// character, each ended by CRLF.
pub(crate) fn push_line(out: &mut String, line: &str) {
    let mut budget = 75;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > budget {
            out.push_str("\r\n ");
            budget = 74;
            used = 0;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

fn local(date: NaiveDate, t: ClockTime) -> String {
    // 24:00 is the next day at 00:00 (RFC 5545 has no hour 24).
    let (date, m) = if t.minutes() >= 24 * 60 { (date.succ_opt().unwrap_or(date), 0) } else { (date, t.minutes()) };
    format!("{:04}{:02}{:02}T{:02}{:02}00", date.year(), date.month(), date.day(), m / 60, m % 60)
}

/// The `UID` of every meeting, by index in [`Context::meetings`].
fn uids(ctx: &Context<'_>) -> Vec<String> {
    let mut count: HashMap<_, u32> = HashMap::new();
    ctx.meetings
        .iter()
        .map(|m| {
            let n = count.entry(m.activity).or_insert(0);
            *n += 1;
            let act = &ctx.inst.activities[m.activity.index()].id;
            let h = super::files::stable_hash(&[&ctx.inst.name, act]);
            format!("{h:016x}-{n}@horaire")
        })
        .collect()
}

fn event(ctx: &Context<'_>, m: &Meeting, uid: &str, stamp: &str, out: &mut String) {
    let l = ctx.lang.labels();
    let (code, title) = ctx.ue_of(m);
    let act = &ctx.inst.activities[m.activity.index()];
    let site = &ctx.inst.sites[m.site.index()];
    let room = &ctx.inst.rooms[m.room.index()];
    let mut desc = vec![
        format!("{}{}{}", l.teachers_label, ctx.lang.colon(), ctx.teacher_names(m).join(", ")),
        format!("{}{}{}", l.kind_label, ctx.lang.colon(), act.kind),
        format!("{}{}{}", l.cohorts_label, ctx.lang.colon(), ctx.cohort_names(m).join(", ")),
    ];
    if let Some((a, b)) = ctx.alternates(m) {
        desc.push(format!(
            "{} ({} / {})",
            l.alternating_long,
            ctx.inst.sites[a.index()].name,
            ctx.inst.sites[b.index()].name
        ));
    }
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{uid}"));
    push_line(out, &format!("DTSTAMP:{stamp}"));
    push_line(out, &format!("DTSTART;TZID={TZID}:{}", local(m.date, m.start)));
    push_line(out, &format!("DTEND;TZID={TZID}:{}", local(m.date, m.end)));
    push_line(out, &format!("SUMMARY:{}", escape_text(&format!("{code} — {title}"))));
    push_line(out, &format!("LOCATION:{}", escape_text(&format!("{}, {}", site.name, room.id))));
    push_line(out, &format!("DESCRIPTION:{}", escape_text(&desc.join("\n"))));
    push_line(out, &format!("CATEGORIES:{}", escape_text(&act.kind)));
    push_line(out, "END:VEVENT");
}

fn calendar(ctx: &Context<'_>, s: &Subject, uids: &[String], stamp: &str) -> String {
    let l = ctx.lang.labels();
    let kind = match s.kind {
        Kind::Cohort => l.cohort,
        Kind::Teacher => l.teacher,
        Kind::Site => l.site,
        Kind::Room => l.room,
    };
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, "PRODID:-//horaire//horaire export//FR");
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(&format!("{kind} {} — {}", s.name, ctx.inst.name))));
    push_line(&mut out, &format!("X-WR-TIMEZONE:{TZID}"));
    for line in VTIMEZONE {
        push_line(&mut out, line);
    }
    push_line(&mut out, "END:VTIMEZONE");
    for &i in &s.meetings {
        event(ctx, &ctx.meetings[i], &uids[i], stamp, &mut out);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// Every `.ics` file: name → bytes.
pub(crate) fn render(ctx: &Context<'_>) -> BTreeMap<String, Vec<u8>> {
    let uids = uids(ctx);
    let y = ctx.inst.calendar.year.from;
    let stamp = format!("{:04}{:02}{:02}T000000Z", y.year(), y.month(), y.day());
    ctx.subjects.iter().map(|s| (format!("{}.ics", s.stem), calendar(ctx, s, &uids, &stamp).into_bytes())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("Droit, éthique; \"test\"\nnouvelle ligne"),
            "Droit\\, éthique\\; \"test\"\\nnouvelle ligne"
        );
        assert_eq!(escape_text("a\\b\r\nc\rd\u{7}e"), "a\\\\b\\nc\\nde");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let value = "é".repeat(100); // 200 octets
        let mut out = String::new();
        push_line(&mut out, &format!("SUMMARY:{value}"));
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines.last(), Some(&""));
        let lines = &lines[..lines.len() - 1];
        assert!(lines.len() > 2, "{lines:?}");
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            assert_eq!(i > 0, l.starts_with(' '), "line {i}");
        }
        // Unfolding gives back the line.
        let unfolded: String = lines.iter().enumerate().map(|(i, l)| if i == 0 { *l } else { &l[1..] }).collect();
        assert_eq!(unfolded, format!("SUMMARY:{value}"));
    }

    #[test]
    fn a_short_line_is_not_folded() {
        let mut out = String::new();
        let line = "X".repeat(75);
        push_line(&mut out, &line);
        assert_eq!(out, format!("{line}\r\n"));
    }

    #[test]
    fn midnight_end_is_next_day() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default();
        assert_eq!(local(d, ClockTime(24 * 60)), "20260101T000000");
        assert_eq!(local(d, ClockTime(17 * 60 + 15)), "20251231T171500");
    }
}
