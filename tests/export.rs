//! `horaire export` through the real binary, on the fixture of
//! `tests/fixtures/export/` (regenerate it with `make_fixture.py` there).
//!
//! External readers: Python's `icalendar` parses the `.ics` files and
//! headless Chromium renders the HTML. When python3 with `icalendar`, or
//! Chromium, is missing, the test that needs it prints a notice and skips
//! that part; CI installs both (see README).

mod common;
use common::{horaire, read_json, s, temp_dir, write_json};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("export/{name}"))
}

/// Exports the fixture with `formats` into `dir` and expects success.
fn export(dir: &Path, formats: &str, extra: &[&str]) {
    let (inst, tt) = (fixture("instance.json"), fixture("timetable.json"));
    horaire(["export", s(&inst), s(&tt), "--format", formats, "--out", s(dir)]).args(extra).expect_code(0);
}

fn meetings() -> Vec<Value> {
    read_json(&fixture("timetable.json"))["meetings"].as_array().unwrap().clone()
}

fn ue_title(code: &str) -> String {
    let inst = read_json(&fixture("instance.json"));
    let ue = inst["ues"].as_array().unwrap().iter().find(|u| u["code"] == code).unwrap();
    ue["title"].as_str().unwrap().to_string()
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                let _ = out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn has_python_icalendar() -> bool {
    Command::new("python3").args(["-c", "import icalendar"]).output().is_ok_and(|o| o.status.success())
}

/// Parses every `.ics` of `dir` with Python's `icalendar`; returns, per
/// file name, its events as JSON objects (uid, summary, location,
/// description, local start and end in ISO form with offset, start in UTC).
fn parse_ics(dir: &Path) -> BTreeMap<String, Vec<Value>> {
    const SCRIPT: &str = r#"
import glob, json, os, sys, datetime, icalendar
out = {}
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.ics"))):
    cal = icalendar.Calendar.from_ical(open(f, "rb").read())
    for c in cal.walk():
        assert not c.errors, (f, c.name, c.errors)
    assert len(cal.walk("VTIMEZONE")) == 1, f
    evs = []
    for e in cal.walk("VEVENT"):
        assert "DTSTAMP" in e and "UID" in e, f
        s, t = e["DTSTART"].dt, e["DTEND"].dt
        assert s.tzinfo is not None, "floating time in " + f
        evs.append({"uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "location": str(e["LOCATION"]),
                    "description": str(e["DESCRIPTION"]), "start": s.isoformat(), "end": t.isoformat(),
                    "tzid": e["DTSTART"].params.get("TZID"),
                    "start_utc": s.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M")})
    out[os.path.basename(f)] = evs
print(json.dumps(out))
"#;
    let out = Command::new("python3").args(["-c", SCRIPT, dir.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "icalendar failed to parse: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn ics_files_parse_with_a_real_client_and_keep_local_times_across_dst() {
    let tmp = temp_dir();
    export(tmp.path(), "ics", &[]);
    let ics = tmp.path().join("ics");
    let names: Vec<String> = tree(&ics).into_keys().collect();
    let expected_files = [
        "cohort-b1-opt.ics",
        "cohort-b1.ics",
        "room-cha-1.ics",
        "room-mons-a.ics",
        "site-charleroi.ics",
        "site-mons.ics",
        "teacher-t1.ics",
        "teacher-t2.ics",
        "teacher-t3.ics",
    ];
    assert_eq!(names, expected_files);
    // Folding: no line longer than 75 octets, every line ends with CRLF.
    for (name, bytes) in tree(&ics) {
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.ends_with("END:VCALENDAR\r\n"), "{name}");
        for line in text.split("\r\n") {
            assert!(line.len() <= 75 && !line.contains('\n'), "{name}: {line:?}");
        }
    }
    if !has_python_icalendar() {
        common::client_missing("python3 with the icalendar package", "pip install icalendar");
        return;
    }
    let parsed = parse_ics(&ics);
    let all = meetings();
    let count = |f: &dyn Fn(&Value) -> bool| all.iter().filter(|m| f(m)).count();
    let has = |m: &Value, key: &str, v: &str| m[key].as_array().unwrap().iter().any(|x| x == v);
    // b1-opt is a child of b1: it attends b1's meetings too.
    let expected = [
        ("cohort-b1.ics", count(&|m| has(m, "cohorts", "b1"))),
        ("cohort-b1-opt.ics", all.len()),
        ("teacher-t1.ics", count(&|m| has(m, "teachers", "t1"))),
        ("teacher-t2.ics", count(&|m| has(m, "teachers", "t2"))),
        ("teacher-t3.ics", count(&|m| has(m, "teachers", "t3"))),
        ("site-mons.ics", count(&|m| m["site"] == "mons")),
        ("site-charleroi.ics", count(&|m| m["site"] == "charleroi")),
        ("room-mons-a.ics", count(&|m| m["room"] == "mons-a")),
        ("room-cha-1.ics", count(&|m| m["room"] == "cha-1")),
    ];
    for (file, n) in expected {
        assert!(n > 0);
        assert_eq!(parsed[file].len(), n, "{file}");
    }
    // UIDs are unique within a file, and one meeting has one UID everywhere.
    let mut by_start: BTreeMap<String, String> = BTreeMap::new();
    for (file, evs) in &parsed {
        let mut uids: Vec<&str> = evs.iter().map(|e| e["uid"].as_str().unwrap()).collect();
        uids.sort_unstable();
        uids.dedup();
        assert_eq!(uids.len(), evs.len(), "{file}");
        for e in evs {
            let key = format!("{} {}", e["start"], e["summary"]);
            let uid = e["uid"].as_str().unwrap().to_string();
            assert_eq!(by_start.entry(key).or_insert_with(|| uid.clone()), &uid, "{file}");
        }
    }
    // Local 17:15 on both sides of the DST changes (26 Oct 2025, 29 Mar 2026).
    let cohort = &parsed["cohort-b1.ics"];
    let at = |date: &str| cohort.iter().find(|e| e["start"].as_str().unwrap().starts_with(date)).unwrap();
    for (date, local, utc) in [
        ("2025-10-23", "2025-10-23T17:15:00+02:00", "2025-10-23T15:15"),
        ("2025-11-04", "2025-11-04T17:15:00+01:00", "2025-11-04T16:15"),
        ("2026-03-26", "2026-03-26T17:15:00+01:00", "2026-03-26T16:15"),
        ("2026-04-02", "2026-04-02T17:15:00+02:00", "2026-04-02T15:15"),
    ] {
        let e = at(date);
        assert_eq!(e["start"], local, "{date}");
        assert_eq!(e["start_utc"], utc, "{date}");
        assert_eq!(e["tzid"], "Europe/Brussels");
    }
    // The escaped title comes back intact, with the site and room.
    let e = at("2025-11-04");
    assert_eq!(e["summary"].as_str().unwrap(), format!("UE 1/1 — {}", ue_title("UE 1/1")));
    assert_eq!(e["summary"].as_str().unwrap(), "UE 1/1 — Droit, éthique; \"test\"\nnouvelle ligne");
    assert_eq!(e["location"], "UMONS Mons, mons-a");
    assert!(e["description"].as_str().unwrap().contains("A. Dupont"));

    // A re-run elsewhere gives the same bytes, hence the same UIDs.
    let again = temp_dir();
    export(again.path(), "ics", &[]);
    assert_eq!(tree(&ics), tree(&again.path().join("ics")));
    let reparsed = parse_ics(&again.path().join("ics"));
    for (file, evs) in &parsed {
        let a: Vec<&Value> = evs.iter().map(|e| &e["uid"]).collect();
        let b: Vec<&Value> = reparsed[file].iter().map(|e| &e["uid"]).collect();
        assert_eq!(a, b, "{file}");
    }
}

#[test]
fn csv_neutralises_formulas_and_reads_back_as_the_timetable() {
    let tmp = temp_dir();
    let plan = fixture("placements.json");
    export(tmp.path(), "csv", &["--placements", plan.to_str().unwrap()]);
    let path = tmp.path().join("csv/meetings.csv");
    let bytes = std::fs::read(&path).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains(",=HYPERLINK"), "formula left as is");
    let mut r = csv::Reader::from_reader(bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes));
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let all = meetings();
    assert_eq!(rows.len(), all.len());
    let list = |v: &Value| v.as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect::<Vec<_>>().join(";");
    for (row, m) in rows.iter().zip(&all) {
        for key in ["date", "start", "end", "ue", "activity", "site", "room"] {
            assert_eq!(&row[col(key)], m[key].as_str().unwrap(), "{key}");
        }
        assert_eq!(row[col("teachers")], list(&m["teachers"]));
        assert_eq!(row[col("cohorts")], list(&m["cohorts"]));
        let title = ue_title(m["ue"].as_str().unwrap());
        if title.starts_with('=') {
            assert_eq!(row[col("title")], format!("'{title}"));
        } else {
            assert_eq!(row[col("title")], title);
        }
    }
    assert!(rows.iter().any(|r| &r[col("title")] == "'=HYPERLINK(\"x\")"));
    // Placements: one row per planned day, with the summary of the plan.
    let plans = read_json(&plan);
    let days: usize = plans["plans"].as_array().unwrap().iter().map(|p| p["days"].as_array().unwrap().len()).sum();
    let text = std::fs::read(tmp.path().join("csv/placements.csv")).unwrap();
    let mut r = csv::Reader::from_reader(text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&text));
    let prows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(prows.len(), days);
    assert!(prows.iter().all(|r| &r[0] == "s001" || &r[0] == "s002"));
}

#[test]
fn a_timetable_that_does_not_match_the_instance_is_refused_and_nothing_is_written() {
    let tmp = temp_dir();
    let mut tt = read_json(&fixture("timetable.json"));
    tt["meetings"][0]["room"] = Value::from("nowhere");
    tt["meetings"][3]["teachers"][0] = Value::from("ghost");
    let bad = tmp.path().join("bad.json");
    write_json(&bad, &tt);
    let out_dir = tmp.path().join("out");
    let inst = fixture("instance.json");
    let out = horaire(["export", s(&inst), s(&bad), "--format", "ics,csv", "--out", s(&out_dir)]).expect_code(2);
    let err = &out.stderr;
    assert!(err.contains("meetings[0].room") && err.contains("nowhere"), "{err}");
    assert!(err.contains("meetings[3].teachers[0]") && err.contains("ghost"), "{err}");
    assert!(!out_dir.exists());
}

/// The Chromium binary, if one is installed (`HORAIRE_CHROMIUM` overrides).
fn chromium() -> Option<String> {
    let candidates = std::env::var("HORAIRE_CHROMIUM")
        .into_iter()
        .chain(["chromium", "chromium-browser", "google-chrome"].into_iter().map(String::from));
    candidates.into_iter().find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
}

/// Runs headless Chromium on `page` with `args`; returns stdout.
fn headless(browser: &str, profile: &Path, page: &Path, args: &[&str]) -> Vec<u8> {
    let url = format!("file://{}", page.display());
    let profile = format!("--user-data-dir={}", profile.display());
    let out = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", &profile])
        .args(args)
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The text between `start` (included) and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let i = text.find(start).unwrap_or_else(|| panic!("{start} not found"));
    let j = text[i..].find(end).map_or(text.len(), |j| i + j);
    &text[i..j]
}

/// The value of every `name="…"` attribute in `html`, in order.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let key = format!(" {name}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn html_pages_render_in_chromium_with_the_meetings_of_a_known_week() {
    let tmp = temp_dir();
    let plan = fixture("placements.json");
    export(tmp.path(), "html", &["--placements", plan.to_str().unwrap()]);
    let html = tmp.path().join("html");
    let raw = std::fs::read_to_string(html.join("cohort-b1-opt.html")).unwrap();
    // Escaped in the file itself, whatever renders it.
    assert!(!raw.contains("<script"), "a title became a tag");
    assert!(raw.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; Méthodes &amp; outils"));
    assert!(raw.contains("C. &lt;b&gt;Lambert&lt;&#x2f;b&gt;"));
    let Some(browser) = chromium() else {
        common::client_missing("chromium", "apt-get install chromium");
        return;
    };
    let profile = temp_dir();
    let dom = String::from_utf8(headless(&browser, profile.path(), &html.join("cohort-b1-opt.html"), &["--dump-dom"]))
        .unwrap();
    assert!(dom.contains("Cohorte Bloc 1 — option"), "not rendered: {}", &dom[..dom.len().min(300)]);
    // The DOM holds the timetable's meetings of the cohort (and of its
    // parent b1) for two known weeks, one in each quadrimester.
    let all = meetings();
    for monday in ["2025-10-20", "2026-03-16"] {
        let days: Vec<String> = (0..7)
            .map(|d| {
                (chrono::NaiveDate::parse_from_str(monday, "%Y-%m-%d").unwrap() + chrono::Duration::days(d)).to_string()
            })
            .collect();
        let mut expected: Vec<String> = all
            .iter()
            .filter(|m| days.contains(&m["date"].as_str().unwrap().to_string()))
            .filter(|m| m["cohorts"].as_array().unwrap().iter().any(|c| c == "b1" || c == "b1-opt"))
            .map(|m| {
                format!(
                    "{} {} {} {}",
                    m["date"].as_str().unwrap(),
                    m["start"].as_str().unwrap(),
                    m["end"].as_str().unwrap(),
                    m["ue"].as_str().unwrap()
                )
            })
            .collect();
        expected.sort();
        assert!(expected.len() >= 2, "{monday}");
        let week = between(&dom, &format!("id=\"w{monday}\""), "</section>");
        let (d, s, e, u) = (
            attributes(week, "data-date"),
            attributes(week, "data-start"),
            attributes(week, "data-end"),
            attributes(week, "data-ue"),
        );
        let mut found: Vec<String> = (0..d.len()).map(|i| format!("{} {} {} {}", d[i], s[i], e[i], u[i])).collect();
        found.sort();
        assert_eq!(found, expected, "week of {monday}");
    }
    // A title with a tag in it is text in the DOM, not an element.
    assert!(!dom.contains("<script"), "a <script> element was created");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt; Méthodes &amp; outils"));
    assert!(!dom.contains("<b>Lambert"));
    // A screenshot of the page is a real PNG of the requested width.
    let shot = tmp.path().join("shot.png");
    let _ = headless(
        &browser,
        profile.path(),
        &html.join("cohort-b1-opt.html"),
        &[&format!("--screenshot={}", shot.display()), "--window-size=1000,800", "--hide-scrollbars"],
    );
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes([png[16], png[17], png[18], png[19]]), 1000);
    assert!(png.len() > 10_000, "an almost empty screenshot ({} bytes)", png.len());
}

#[test]
fn placement_progress_and_english_labels() {
    let tmp = temp_dir();
    let plan = fixture("placements.json");
    export(tmp.path(), "html", &["--placements", plan.to_str().unwrap(), "--lang", "en"]);
    let page = std::fs::read_to_string(tmp.path().join("html/placements.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let s1 = between(&page, "data-student=\"s001\"", "</section>");
    assert!(s1.contains("status-on_track") || page.contains("plan status-on_track\" data-student=\"s001\""));
    // s001: quota 120, validated 32, logged 40 (8 not validated), planned 80.
    let widths = attributes(s1, "style");
    assert_eq!(widths, ["width:26.7%", "width:6.7%", "width:66.7%", "width:0.0%"].map(String::from));
    assert!(!s1.contains("over the quota"));
    let s2 = between(&page, "data-student=\"s002\"", "</section>");
    assert!(s2.contains("At risk") && s2.contains("Remaining 80"));
    let index = std::fs::read_to_string(tmp.path().join("html/index.html")).unwrap();
    assert!(index.contains("Year overview") && index.contains("href=\"placements.html\""));
    // The year overview: hours of cohort b1 in the week of 20 October, from the timetable.
    let minutes: i64 = meetings()
        .iter()
        .filter(|m| m["cohorts"].as_array().unwrap().iter().any(|c| c == "b1"))
        .filter(|m| ("2025-10-20".."2025-10-27").contains(&m["date"].as_str().unwrap()))
        .map(|m| {
            let t = |k: &str| {
                let v = m[k].as_str().unwrap();
                v[..2].parse::<i64>().unwrap() * 60 + v[3..].parse::<i64>().unwrap()
            };
            t("end") - t("start")
        })
        .sum();
    assert!(minutes > 0);
    let cell = format!("href=\"cohort-b1.html#w2025-10-20\">{}</a>", minutes as f64 / 60.0);
    assert!(index.contains(&cell), "{cell} not in the overview");
    // French by default.
    let fr = temp_dir();
    export(fr.path(), "html", &[]);
    let index = std::fs::read_to_string(fr.path().join("html/index.html")).unwrap();
    assert!(index.contains("<html lang=\"fr\">") && index.contains("Vue de l&#x27;année"));
    assert!(!index.contains("placements.html"));
}

#[test]
fn reruns_are_byte_identical_and_clean_up_only_their_own_stale_files() {
    let tmp = temp_dir();
    let plan = fixture("placements.json");
    let args = ["--placements", plan.to_str().unwrap()];
    export(tmp.path(), "ics,csv,html", &args);
    let first = tree(tmp.path());
    assert!(first.len() > 20);
    std::fs::write(tmp.path().join("html/cohort-removed.html"), "old").unwrap();
    std::fs::write(tmp.path().join("html/notes.txt"), "mine").unwrap();
    export(tmp.path(), "html,csv,ics", &args);
    let mut second = tree(tmp.path());
    assert_eq!(second.remove("html/notes.txt").as_deref(), Some(&b"mine"[..]));
    assert_eq!(first, second);
    // No temporary file is left behind.
    assert!(second.keys().all(|k| !k.ends_with(".tmp")));
}

#[test]
fn a_bad_placement_plan_is_refused_with_every_problem_located() {
    let tmp = temp_dir();
    let mut plan = read_json(&fixture("placements.json"));
    plan["plans"][0]["student"] = Value::from("nobody");
    plan["plans"][1]["status"] = Value::from("fine");
    plan["plans"][1]["days"][2]["start"] = Value::from("8h30");
    let bad = tmp.path().join("plan.json");
    write_json(&bad, &plan);
    let out_dir = tmp.path().join("out");
    let (inst, tt) = (fixture("instance.json"), fixture("timetable.json"));
    let out = horaire(["export", s(&inst), s(&tt), "--format", "html", "--placements", s(&bad), "--out", s(&out_dir)])
        .expect_code(2);
    let err = &out.stderr;
    for needle in ["plans[0].student", "nobody", "plans[1].status", "plans[1].days[2].start", "8h30"] {
        assert!(err.contains(needle), "{needle} missing in: {err}");
    }
    assert!(err.lines().all(|l| l.starts_with("horaire: ")), "{err}");
    assert!(!out_dir.exists());
    // An unknown format is a usage error.
    let out = horaire(["export", s(&inst), s(&tt), "--format", "pdf", "--out", "x"]).expect_code(2);
    assert!(out.stderr.contains("pdf"));
}

#[test]
fn a_sunday_meeting_gets_a_sunday_column() {
    // Not a timetable the checker would accept (the grid has no Sunday),
    // but export must still show every meeting it is given.
    let tmp = temp_dir();
    let mut tt = read_json(&fixture("timetable.json"));
    let meetings = tt["meetings"].as_array_mut().unwrap();
    let last = meetings.len() - 1;
    meetings[last]["date"] = Value::from("2026-05-24");
    let path = tmp.path().join("tt.json");
    write_json(&path, &tt);
    let inst = fixture("instance.json");
    let out_dir = tmp.path().join("out");
    horaire(["export", s(&inst), s(&path), "--format", "html", "--out", s(&out_dir)]).expect_code(0);
    let page = std::fs::read_to_string(out_dir.join("html/cohort-b1-opt.html")).unwrap();
    assert!(page.contains("data-date=\"2026-05-24\""));
    assert!(page.contains("grid with-sunday") && page.contains("dimanche"));
}
