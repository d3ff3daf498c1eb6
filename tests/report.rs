//! The reports (`horaire report`, `horaire rooms free`): every total is
//! recomputed here from the raw timetable and instance files, on reference
//! programme timetables that pass the checker; the text renderings are
//! compared word for word with fixtures.

mod common;

use common::{check_ok, fixture, horaire, read_json, reference, s, temp_dir, write_json};
use horaire::report::{self, Meeting};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The UMONS Education instance and a solved timetable of it.
fn umons() -> (PathBuf, PathBuf) {
    (reference("umons-education-social-action-2025-2026.json"), fixture("repair/umons-education.timetable.json"))
}

/// The HELMo-HEPL instance (with its competence framework) and a solved
/// timetable of it.
fn helmo() -> (PathBuf, PathBuf) {
    (reference("helmo-hepl-ingenierie-action-sociale-2025-2026.json"), fixture("report/helmo.timetable.json"))
}

/// The small invented fixture of the text renderings.
fn small() -> (PathBuf, PathBuf) {
    (fixture("report/instance.json"), fixture("report/timetable.json"))
}

/// The instance and the meetings of a timetable that passes the
/// independent checker: the reports are about valid timetables.
fn load(inst: &Path, tt: &Path) -> (horaire::model::Instance, Vec<Meeting>) {
    check_ok(inst, tt);
    let instance = horaire::load_instance(inst).expect("the instance validates");
    let meetings = report::read_meetings(&instance, tt).expect("the timetable resolves");
    (instance, meetings)
}

fn clock(t: &Value) -> u32 {
    let t = t.as_str().expect("a time");
    t[..2].parse::<u32>().expect("hours") * 60 + t[3..].parse::<u32>().expect("minutes")
}

/// One meeting read straight from the timetable file.
struct Raw {
    ue: String,
    date: String,
    start: u32,
    end: u32,
    site: String,
    room: String,
    teachers: Vec<String>,
    cohorts: Vec<String>,
}

impl Raw {
    fn minutes(&self) -> u32 {
        self.end - self.start
    }
}

fn raw(tt: &Path) -> Vec<Raw> {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array().expect("a list").iter().map(|x| x.as_str().expect("a string").to_string()).collect()
    };
    read_json(tt)["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .map(|m| Raw {
            ue: m["ue"].as_str().expect("ue").to_string(),
            date: m["date"].as_str().expect("date").to_string(),
            start: clock(&m["start"]),
            end: clock(&m["end"]),
            site: m["site"].as_str().expect("site").to_string(),
            room: m["room"].as_str().expect("room").to_string(),
            teachers: strings(&m["teachers"]),
            cohorts: strings(&m["cohorts"]),
        })
        .collect()
}

/// The rows of the table titled `title` in a report's CSV (tables are
/// separated by an empty line and start with their title).
fn csv_table(csv: &str, title: &str) -> Vec<Vec<String>> {
    let section = csv
        .split("\r\n\r\n")
        .find(|t| t.split("\r\n").next() == Some(title))
        .unwrap_or_else(|| panic!("no table {title:?} in the CSV"));
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(section.as_bytes());
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("a CSV record").iter().map(String::from).collect()).collect();
    rows[1..].to_vec()
}

fn hours(minutes: u32) -> String {
    horaire::model::time::hours_string(minutes)
}

#[test]
fn service_hours_add_up_to_the_meetings_hours_times_their_teachers() {
    let (inst_path, tt) = umons();
    let (inst, meetings) = load(&inst_path, &tt);
    let raw = raw(&tt);
    let mut per_teacher: BTreeMap<&str, u32> = BTreeMap::new();
    for m in &raw {
        for t in &m.teachers {
            *per_teacher.entry(t.as_str()).or_default() += m.minutes();
        }
    }
    let expected_total: u32 = raw.iter().map(|m| m.minutes() * m.teachers.len() as u32).sum();
    assert!(expected_total > 0);

    let service = report::service::service(&inst, &meetings);
    let mut total = 0;
    for t in &service.teachers {
        let id = inst.teachers[t.teacher.index()].id.as_str();
        assert_eq!(t.minutes, per_teacher.get(id).copied().unwrap_or(0), "hours of {id}");
        assert_eq!(t.by_ue.iter().map(|u| u.minutes).sum::<u32>(), t.minutes, "per UE of {id}");
        assert_eq!(t.by_site.iter().sum::<u32>(), t.minutes, "per site of {id}");
        assert_eq!(t.by_quadrimester.iter().sum::<u32>(), t.minutes, "per quadrimester of {id}");
        total += t.minutes;
    }
    assert_eq!(total, expected_total);

    // The same through the command line, read back from its CSV.
    let run = horaire(["report", "service", s(&inst_path), s(&tt), "--format", "csv"]).expect_code(0);
    let rows = csv_table(&run.stdout, "Service per teacher");
    assert_eq!(rows[0][..4], ["Teacher", "Name", "Meetings", "Hours"]);
    for r in &rows[1..rows.len() - 1] {
        assert_eq!(r[3], hours(per_teacher.get(r[0].as_str()).copied().unwrap_or(0)), "{r:?}");
    }
    let last = rows.last().expect("a total row");
    assert_eq!((last[0].as_str(), last[3].clone()), ("Total", hours(expected_total)));
    println!("service: {} teacher(s), {} h taught in all", rows.len() - 2, hours(expected_total));
}

#[test]
fn room_hours_add_up_and_rooms_never_used_have_no_meeting() {
    let (inst_path, tt) = umons();
    let (inst, meetings) = load(&inst_path, &tt);
    let raw = raw(&tt);
    let rooms = report::rooms::rooms(&inst, &meetings);
    let mut used: BTreeMap<&str, u32> = BTreeMap::new();
    for m in &raw {
        *used.entry(m.room.as_str()).or_default() += m.minutes();
    }
    let mut never = Vec::new();
    for site in &rooms.sites {
        assert_eq!(site.open_per_week.len(), rooms.weeks.len());
        for r in &site.rooms {
            let id = inst.rooms[r.room.index()].id.as_str();
            assert_eq!(r.minutes, used.get(id).copied().unwrap_or(0), "hours of room {id}");
            assert_eq!(r.per_week.iter().sum::<u32>(), r.minutes, "weeks of room {id}");
            // The grid's slots do not overlap and every meeting is on one.
            assert_eq!(r.per_slot.iter().sum::<u32>(), r.minutes, "slots of room {id}");
            assert!(r.minutes <= site.open(), "room {id} is used more than it is open");
            if r.meetings == 0 {
                never.push(id.to_string());
            }
        }
    }
    let expected: Vec<String> =
        inst.rooms.iter().map(|r| r.id.clone()).filter(|id| !used.contains_key(id.as_str())).collect();
    assert_eq!(never, expected);
    assert!(!never.is_empty(), "the reference leaves some rooms unused");

    let run = horaire(["report", "rooms", s(&inst_path), s(&tt), "--format", "csv"]).expect_code(0);
    let unused = csv_table(&run.stdout, "Rooms never used");
    let listed: Vec<String> = unused[1..].iter().map(|r| r[1].clone()).collect();
    assert_eq!(listed, expected);
    let per_room = csv_table(&run.stdout, "Occupancy per room");
    let total = per_room.last().expect("a total row");
    assert_eq!(total[4], hours(raw.iter().map(Raw::minutes).sum()));
}

#[test]
fn cohort_load_counts_the_meetings_of_the_cohort_and_of_its_ancestors() {
    let (inst_path, tt) = umons();
    let (inst, meetings) = load(&inst_path, &tt);
    let raw = raw(&tt);
    let file = read_json(&inst_path);
    let parents: BTreeMap<String, Option<String>> = file["cohorts"]
        .as_array()
        .expect("cohorts")
        .iter()
        .map(|c| (c["id"].as_str().expect("id").to_string(), c["parent"].as_str().map(String::from)))
        .collect();
    let load = report::load::load(&inst, &meetings);
    for c in &load.cohorts {
        let id = inst.cohorts[c.cohort.index()].id.clone();
        let mut chain = vec![id.clone()];
        while let Some(Some(p)) = parents.get(chain.last().expect("non-empty")) {
            chain.push(p.clone());
        }
        let expected: u32 = raw.iter().filter(|m| m.cohorts.iter().any(|x| chain.contains(x))).map(Raw::minutes).sum();
        assert_eq!(c.minutes, expected, "hours of {id}");
        assert_eq!(c.per_week.iter().sum::<u32>(), expected, "weeks of {id}");
        let evenings: BTreeSet<&str> = raw
            .iter()
            .filter(|m| m.cohorts.iter().any(|x| chain.contains(x)) && m.start >= 17 * 60)
            .map(|m| m.date.as_str())
            .collect();
        // Every meeting of this programme is a weekday evening.
        assert_eq!(c.evenings_per_week.iter().sum::<u32>() as usize, evenings.len(), "evenings of {id}");
        let busiest = c.busiest.first().map(|&w| c.per_week[w]);
        assert_eq!(busiest, c.per_week.iter().copied().max().filter(|&m| m > 0), "busiest week of {id}");
    }
}

#[test]
fn competence_hours_are_those_of_the_ues_that_develop_them() {
    let (inst_path, tt) = helmo();
    let (inst, meetings) = load(&inst_path, &tt);
    let raw = raw(&tt);
    let file = read_json(&inst_path);
    let mut ue_minutes: BTreeMap<&str, u32> = BTreeMap::new();
    for m in &raw {
        *ue_minutes.entry(m.ue.as_str()).or_default() += m.minutes();
    }
    // competence -> block -> (minutes, credits), from the files.
    let mut expected: BTreeMap<String, BTreeMap<u64, (u32, f64)>> = BTreeMap::new();
    for u in file["ues"].as_array().expect("ues") {
        let code = u["code"].as_str().expect("code");
        for c in u["competences"].as_array().into_iter().flatten() {
            let e = expected
                .entry(c.as_str().expect("id").to_string())
                .or_default()
                .entry(u["block"].as_u64().expect("a UE with competences has a block"))
                .or_default();
            e.0 += ue_minutes.get(code).copied().unwrap_or(0);
            e.1 += u["credits"].as_f64().expect("credits");
        }
    }
    assert_eq!(expected.len(), 8, "the eight ARES 075 competences are developed");

    let report = report::competences::competences(&inst, &meetings);
    let [p] = report.programmes.as_slice() else { panic!("one programme with a framework") };
    assert_eq!(p.blocks, [Some(1), Some(2), None]);
    let framework = &inst.extensions.competences[p.programme.index()];
    assert_eq!(framework.len(), 8);
    for (c, d) in p.competences.iter().enumerate() {
        let want = &expected[&framework[c].id];
        for (b, block) in p.blocks.iter().enumerate() {
            let (minutes, credits) = block.and_then(|b| want.get(&u64::from(b))).copied().unwrap_or((0, 0.0));
            assert_eq!(d.minutes[b], minutes, "{} block {block:?}", framework[c].id);
            assert!((d.credits[b] - credits).abs() < 1e-9, "{} block {block:?}", framework[c].id);
        }
    }

    // Take C5 away from every UE: the report lists it as developed by none.
    let dir = temp_dir();
    let mut changed = file.clone();
    changed["calendar"] = Value::from(s(&reference("calendars/fwb-2025-2026.json")));
    for u in changed["ues"].as_array_mut().expect("ues") {
        if let Some(list) = u.get_mut("competences").and_then(Value::as_array_mut) {
            list.retain(|c| c != "C5");
        }
    }
    let copy = dir.path().join("instance.json");
    write_json(&copy, &changed);
    let run = horaire(["report", "competences", s(&copy), s(&tt), "--format", "csv"]).expect_code(0);
    let none = csv_table(&run.stdout, "Competences no UE develops");
    assert_eq!(none[1..], [vec!["ias-ma".to_string(), "C5".into(), framework[4].title.clone()]]);
    let before = horaire(["report", "competences", s(&inst_path), s(&tt), "--format", "csv"]).expect_code(0);
    let none = csv_table(&before.stdout, "Competences no UE develops");
    assert_eq!(none[1..], [vec!["Every competence is developed by at least one UE.".to_string()]]);
}

#[test]
fn the_free_room_query_never_lists_a_room_a_meeting_uses_then() {
    use report::rooms::{FreeQuery, free_rooms};
    let (inst_path, tt) = umons();
    let (inst, meetings) = load(&inst_path, &tt);
    let raw = raw(&tt);
    let dates: BTreeSet<&str> = raw.iter().map(|m| m.date.as_str()).collect();
    let windows = [(17 * 60 + 15, 20 * 60 + 15), (18 * 60, 19 * 60), (19 * 60 + 30, 21 * 60), (0, 24 * 60)];
    let mut queries = 0;
    let mut busy_seen = 0;
    for date in &dates {
        for (si, site) in inst.sites.iter().enumerate() {
            for &(start, end) in &windows {
                for capacity in [0, 30] {
                    let q = FreeQuery {
                        site: horaire::model::SiteId::from_index(si),
                        date: horaire::model::time::parse_date(date).expect("a date"),
                        start: horaire::model::time::ClockTime(start as u16),
                        end: horaire::model::time::ClockTime(end as u16),
                        capacity,
                    };
                    let answer = free_rooms(&inst, &meetings, &q);
                    let taken: BTreeSet<&str> = raw
                        .iter()
                        .filter(|m| m.date == *date && m.site == site.id && m.start < end && start < m.end)
                        .map(|m| m.room.as_str())
                        .collect();
                    let name = |r: &horaire::model::RoomId| inst.rooms[r.index()].id.as_str();
                    for r in &answer.free {
                        assert!(!taken.contains(name(r)), "{} is listed free on {date} but a meeting uses it", name(r));
                        assert!(inst.rooms[r.index()].capacity >= capacity);
                    }
                    for (r, _) in &answer.busy {
                        assert!(taken.contains(name(r)), "{} is listed busy on {date} without a meeting", name(r));
                    }
                    let all: BTreeSet<&str> = answer
                        .free
                        .iter()
                        .chain(answer.busy.iter().map(|(r, _)| r))
                        .chain(&answer.too_small)
                        .map(name)
                        .collect();
                    let site_rooms: BTreeSet<&str> = site.rooms.iter().map(name).collect();
                    assert_eq!(all, site_rooms, "every room of {} is accounted for", site.id);
                    queries += 1;
                    busy_seen += answer.busy.len();
                }
            }
        }
    }
    assert!(busy_seen > 0, "some queries meet a used room");
    println!("free rooms: {queries} queries, {busy_seen} busy rooms found");
}

#[test]
fn text_reports_read_as_planners_expect() {
    let (inst, tt) = small();
    check_ok(&inst, &tt);
    for kind in ["service", "rooms", "load", "competences"] {
        let run = horaire(["report", kind, s(&inst), s(&tt)]).expect_code(0);
        let expected = std::fs::read_to_string(fixture(&format!("report/{kind}.txt"))).expect("expected text");
        assert_eq!(run.stdout, expected, "report {kind}");
    }
    let run = horaire([
        "rooms",
        "free",
        s(&inst),
        s(&tt),
        "--site",
        "mons",
        "--date",
        "2025-09-20",
        "--start",
        "10:00",
        "--end",
        "11:00",
        "--capacity",
        "15",
    ])
    .expect_code(0);
    let expected = std::fs::read_to_string(fixture("report/rooms-free.txt")).expect("expected text");
    assert_eq!(run.stdout, expected);
}

#[test]
fn a_free_room_query_on_a_closed_day_says_so() {
    let (inst, tt) = small();
    let run = horaire([
        "rooms",
        "free",
        s(&inst),
        s(&tt),
        "--site",
        "charleroi",
        "--date",
        "2025-09-27",
        "--start",
        "13:30",
        "--end",
        "16:30",
    ])
    .expect_code(0);
    run.stdout_contains("The calendar has no teaching on 2025-09-27: Fête de la Fédération Wallonie-Bruxelles.")
        .stdout_contains("c1       30");
}

#[test]
fn every_format_gives_the_same_bytes_twice() {
    let (inst, tt) = small();
    let dir = temp_dir();
    for kind in ["service", "rooms", "load", "competences"] {
        for format in ["text", "csv", "html", "xlsx"] {
            let mut bytes = Vec::new();
            for n in 0..2 {
                let out = dir.path().join(format!("{kind}-{n}.{format}"));
                horaire(["report", kind, s(&inst), s(&tt), "--format", format, "--out", s(&out)]).expect_code(0);
                bytes.push(std::fs::read(&out).expect("written"));
            }
            assert_eq!(bytes[0], bytes[1], "{kind} as {format} differs between two runs");
            let b = &bytes[0];
            match format {
                "csv" => assert!(b.starts_with("\u{feff}".as_bytes())),
                "html" => {
                    let html = String::from_utf8(b.clone()).expect("utf-8");
                    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Report fixture (invented)"));
                }
                "xlsx" => {
                    // A zip holding the workbook and one sheet per table.
                    assert!(b.starts_with(b"PK\x03\x04"));
                    let names = String::from_utf8_lossy(b);
                    assert!(names.contains("xl/workbook.xml") && names.contains("xl/worksheets/sheet2.xml"));
                }
                _ => {}
            }
        }
    }
}

#[test]
fn bad_inputs_exit_2_with_every_problem_located() {
    let (inst, tt) = small();
    let dir = temp_dir();
    let mut file = read_json(&tt);
    file["meetings"][0]["room"] = Value::from("nowhere");
    file["meetings"][2]["teachers"][1] = Value::from("t9");
    let bad = dir.path().join("bad.json");
    write_json(&bad, &file);
    let out = dir.path().join("service.txt");
    let run = horaire(["report", "service", s(&inst), s(&bad), "--out", s(&out)]).expect_code(2);
    run.stderr_contains("meetings[0].room: unknown room \"nowhere\"");
    run.stderr_contains("meetings[2].teachers[1]: unknown teacher \"t9\"");
    assert!(!out.exists(), "nothing is written on bad input");

    let run = horaire(["report", "load", s(&inst), s(&tt), "--format", "xlsx"]).expect_code(2);
    run.stderr_contains("an xlsx report needs --out FILE");
    horaire(["report", "serivce", s(&inst), s(&tt)]).expect_code(2);
    let run = horaire([
        "rooms",
        "free",
        s(&inst),
        s(&tt),
        "--site",
        "monss",
        "--date",
        "2025-09-20",
        "--start",
        "10:00",
        "--end",
        "11:00",
    ])
    .expect_code(2);
    run.stderr_contains("unknown site \"monss\" (expected one of charleroi, mons)");
    horaire([
        "rooms",
        "free",
        s(&inst),
        s(&tt),
        "--site",
        "mons",
        "--date",
        "2025-09-20",
        "--start",
        "11:00",
        "--end",
        "10:00",
    ])
    .expect_code(2);
}

#[test]
fn a_wrong_competence_or_service_target_is_located() {
    let dir = temp_dir();
    let mut file = read_json(&fixture("report/instance.json"));
    file["ues"][0]["competences"][1] = Value::from("C4");
    file["ues"][1]["competences"][0] = Value::from("c2");
    file["teachers"][1]["service_hours"] = Value::from(0);
    let bad = dir.path().join("instance.json");
    write_json(&bad, &file);
    let run = horaire(["validate", s(&bad)]).expect_code(2);
    for want in [
        "teachers[1].service_hours: expected a positive number of hours, found 0",
        "ues[0].competences[1]: unknown competence \"C4\" of programme \"p\" (expected one of \"C1\", \"C2\", \"C3\")",
        "ues[1].competences[0]: unknown competence \"c2\" of programme \"p\" (expected one of",
    ] {
        run.stderr_contains(want);
    }
}

#[test]
fn the_html_site_links_the_reports() {
    let (inst, tt) = small();
    let dir = temp_dir();
    horaire(["export", s(&inst), s(&tt), "--format", "html", "--out", s(dir.path())]).expect_code(0);
    let index = std::fs::read_to_string(dir.path().join("html/index.html")).expect("index");
    for (page, title) in [
        ("service", "Service per teacher"),
        ("rooms", "Occupancy per room"),
        ("load", "Load per cohort"),
        ("competences", "Hours and credits per competence"),
    ] {
        assert!(index.contains(&format!("href=\"report-{page}.html\"")), "index links report-{page}.html");
        let html = std::fs::read_to_string(dir.path().join(format!("html/report-{page}.html"))).expect("page");
        assert!(html.contains(title) && html.contains("href=\"index.html\""), "report-{page}.html");
    }
    assert!(index.contains("Rapports"));
}
