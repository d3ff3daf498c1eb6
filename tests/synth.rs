//! `horaire synth faculty` through the real binary: the generator is
//! deterministic, its instances validate and have the shapes of the
//! reference programmes, and the timetable it builds while generating (the
//! witness of feasibility) passes `horaire check`, the independent checker.

mod common;
use common::{check_ok, horaire, read_json, root, s, temp_dir};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Generates a faculty into `dir`; returns the instance and witness paths.
fn synth(dir: &Path, programmes: usize, seed: u64) -> (PathBuf, PathBuf) {
    let inst = dir.join(format!("faculty-{programmes}-{seed}.json"));
    let witness = dir.join(format!("witness-{programmes}-{seed}.json"));
    let n = programmes.to_string();
    let seed = seed.to_string();
    let run = horaire(["synth", "faculty", "--programmes", &n, "--seed", &seed, "--out", s(&inst)])
        .args(["--witness", s(&witness)])
        .expect_code(0);
    let _ = run.stdout_contains(&format!("{programmes} programmes"));
    assert!(!run.stdout.contains("left out"), "an activity had to be dropped: {}", run.stdout);
    (inst, witness)
}

fn activities(inst: &Value) -> Vec<&Value> {
    inst["ues"].as_array().expect("ues").iter().flat_map(|u| u["activities"].as_array().expect("activities")).collect()
}

/// The activity's sites, whatever its site rule.
fn sites(a: &Value) -> Vec<String> {
    match &a["site"] {
        Value::String(x) => vec![x.clone()],
        Value::Object(m) => m
            .values()
            .flat_map(|v| v.as_array().expect("site list"))
            .map(|x| x.as_str().expect("site").to_string())
            .collect(),
        other => panic!("unexpected site rule {other}"),
    }
}

/// Programme of each activity id.
fn programme_of(inst: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for u in inst["ues"].as_array().expect("ues") {
        for a in u["activities"].as_array().expect("activities") {
            let _ = out.insert(
                a["id"].as_str().expect("id").to_string(),
                u["programme"].as_str().expect("programme").to_string(),
            );
        }
    }
    out
}

/// Groups of programmes linked by a shared teacher or site (union-find).
fn parts(inst: &Value) -> usize {
    let progs: Vec<String> = inst["programmes"]
        .as_array()
        .expect("programmes")
        .iter()
        .map(|p| p["id"].as_str().expect("id").to_string())
        .collect();
    let mut parent: Vec<usize> = (0..progs.len()).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            x = p[x];
        }
        x
    }
    let of = programme_of(inst);
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for a in activities(inst) {
        let p = progs.iter().position(|x| *x == of[a["id"].as_str().expect("id")]).expect("known programme");
        let keys = a["teachers"]
            .as_array()
            .expect("teachers")
            .iter()
            .map(|t| format!("t:{}", t.as_str().expect("teacher")))
            .chain(sites(a).into_iter().map(|x| format!("s:{x}")));
        for k in keys {
            let q = *first.entry(k).or_insert(p);
            let (x, y) = (root(&mut parent, q), root(&mut parent, p));
            parent[x] = y;
        }
    }
    (0..progs.len()).filter(|&x| root(&mut parent, x) == x).count()
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_another_faculty() {
    let dir = temp_dir();
    let (a, wa) = synth(&dir.path().join("a"), 12, 7);
    let (b, wb) = synth(&dir.path().join("b"), 12, 7);
    let (c, _) = synth(&dir.path().join("c"), 12, 8);
    let bytes = |p: &Path| std::fs::read(p).expect("read");
    assert!(bytes(&a) == bytes(&b), "two runs with seed 7 wrote different instances");
    assert!(bytes(&wa) == bytes(&wb), "two runs with seed 7 wrote different witness timetables");
    assert!(bytes(&a) != bytes(&c), "seeds 7 and 8 gave the same instance");
    // Not only the name differs: the programmes do.
    let (x, z) = (read_json(&a), read_json(&c));
    assert_ne!(x["ues"], z["ues"]);
    assert_ne!(x["teachers"], z["teachers"]);
}

#[test]
fn every_faculty_validates_and_its_witness_passes_the_checker() {
    let dir = temp_dir();
    for n in [4, 12, 24, 48] {
        for seed in [1, 2, 3] {
            let (inst, witness) = synth(dir.path(), n, seed);
            let _ = horaire(["validate", s(&inst)]).expect_code(0);
            check_ok(&inst, &witness);

            // The witness places every activity of the instance.
            let i = read_json(&inst);
            let w = read_json(&witness);
            let placed: BTreeSet<&str> = w["meetings"]
                .as_array()
                .expect("meetings")
                .iter()
                .map(|m| m["activity"].as_str().expect("activity"))
                .collect();
            let acts = activities(&i);
            assert_eq!(placed.len(), acts.len(), "N={n} seed={seed}");
            // The size grows with the faculty as the reference programmes do
            // (86 activities and 898 meetings for four).
            let meetings = w["meetings"].as_array().expect("meetings").len();
            assert!((18 * n..=30 * n).contains(&acts.len()), "N={n} seed={seed}: {} activities", acts.len());
            assert!((180 * n..=300 * n).contains(&meetings), "N={n} seed={seed}: {meetings} meetings");
            // Some programmes share nothing with the others.
            let p = parts(&i);
            assert!(p >= 2 && (n < 12 || p < n), "N={n} seed={seed}: {p} independent parts");
        }
    }
}

#[test]
fn the_faculty_has_the_shapes_of_the_reference_programmes() {
    let dir = temp_dir();
    let (inst, _) = synth(dir.path(), 12, 1);
    let i = read_json(&inst);
    let acts = activities(&i);

    // Evening grids from 17:15 or 18:00, Saturday slots, a daytime grid.
    let slots: Vec<&Value> =
        i["time_grids"].as_array().expect("grids").iter().flat_map(|g| g["slots"].as_array().expect("slots")).collect();
    let starts: BTreeSet<&str> = slots.iter().map(|x| x["start"].as_str().expect("start")).collect();
    assert!(starts.contains("17:15") || starts.contains("18:00"), "{starts:?}");
    assert!(starts.contains("08:30"), "no daytime grid: {starts:?}");
    assert!(
        slots.iter().any(|x| x["days"].as_array().expect("days").contains(&Value::from("sat"))),
        "no Saturday slot"
    );
    // Modules alternating between two sites; options as sibling cohorts.
    assert!(acts.iter().any(|a| a["site"].get("alternate").is_some()), "no alternating activity");
    let cohorts = i["cohorts"].as_array().expect("cohorts");
    let mut children: BTreeMap<&str, usize> = BTreeMap::new();
    for c in cohorts {
        if let Some(p) = c["parent"].as_str() {
            *children.entry(p).or_default() += 1;
        }
    }
    assert!(children.values().any(|&k| k >= 2), "no sibling option cohorts");
    // Annual and quadrimester UEs, a date range, co-requisites.
    let periods: BTreeSet<String> = i["ues"].as_array().expect("ues").iter().map(|u| u["period"].to_string()).collect();
    for p in ["\"annual\"", "\"Q1\"", "\"Q2\""] {
        assert!(periods.contains(p), "no {p} UE: {periods:?}");
    }
    assert!(periods.iter().any(|p| p.starts_with('{')), "no UE over a date range");
    assert!(i["ues"].as_array().expect("ues").iter().any(|u| u["corequisite"].is_string()), "no co-requisite");
    // Individual enrolments and placements.
    assert!(!i["enrolments"].as_array().expect("enrolments").is_empty());
    let hours: BTreeSet<u64> = i["placements"]["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .map(|q| q["hours"].as_f64().expect("hours") as u64)
        .collect();
    assert!(hours.contains(&300) && hours.contains(&400) && hours.contains(&130), "{hours:?}");

    // The real cities and travel times (facts/sites.md).
    let travel: Vec<(&str, &str, u64)> = i["travel_minutes"]
        .as_array()
        .expect("travel")
        .iter()
        .map(|t| {
            (t["from"].as_str().expect("from"), t["to"].as_str().expect("to"), t["minutes"].as_u64().expect("minutes"))
        })
        .collect();
    let minutes =
        |a: &str, b: &str| travel.iter().find(|t| (t.0 == a && t.1 == b) || (t.0 == b && t.1 == a)).map(|t| t.2);
    let ids: BTreeSet<&str> =
        i["sites"].as_array().expect("sites").iter().map(|x| x["id"].as_str().expect("id")).collect();
    for (a, b, m) in
        [("mons", "charleroi", 55), ("liege", "jemeppe", 20), ("namur", "brussels", 65), ("mons", "liege", 130)]
    {
        if ids.contains(a) && ids.contains(b) {
            assert_eq!(minutes(a, b), Some(m), "{a}-{b}");
        }
    }
    let n = ids.len();
    assert_eq!(travel.len(), n * (n - 1) / 2, "travel minutes between every two sites");

    // Teachers teach in one to three programmes, and some in several.
    let of = programme_of(&i);
    let mut by_teacher: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for a in &acts {
        for t in a["teachers"].as_array().expect("teachers") {
            let _ = by_teacher
                .entry(t.as_str().expect("teacher"))
                .or_default()
                .insert(of[a["id"].as_str().expect("id")].as_str());
        }
    }
    assert!(by_teacher.values().all(|p| p.len() <= 3), "a teacher in more than three programmes");
    assert!(by_teacher.values().filter(|p| p.len() > 1).count() >= 5, "too few shared teachers");
    assert_eq!(by_teacher.len(), i["teachers"].as_array().expect("teachers").len(), "every teacher teaches");
}

#[test]
fn a_bad_number_of_programmes_is_a_usage_error_and_writes_nothing() {
    let dir = temp_dir();
    let out = dir.path().join("f.json");
    for n in ["0", "201", "many"] {
        let _ = horaire(["synth", "faculty", "--programmes", n, "--out", s(&out)])
            .expect_code(2)
            .stderr_contains("--programmes");
        assert!(!out.exists(), "--programmes {n} wrote {}", out.display());
    }
    // An output that cannot be written is named.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "x").expect("write");
    let target = blocked.join("f.json");
    let _ = horaire(["synth", "faculty", "--programmes", "2", "--out", s(&target)])
        .expect_code(2)
        .stderr_contains("cannot write")
        .stderr_contains("f.json");
}

#[test]
fn the_witness_is_a_timetable_of_the_solvers_own_model() {
    // `horaire repair` with no change keeps every activity on its old
    // meetings as its only candidate: the solver's model with the witness's
    // patterns alone is feasible, and its objective is the witness's cost.
    let dir = temp_dir();
    let (inst, witness) = synth(dir.path(), 12, 1);
    let changes = dir.path().join("no-change.json");
    std::fs::write(&changes, r#"{"format": "horaire-changes/1", "from": "2025-09-01", "events": []}"#).expect("write");
    let out = dir.path().join("costed");
    let _ = horaire(["repair", s(&inst), s(&witness), "--changes", s(&changes), "--out", s(&out), "--quiet"])
        .expect_code(0)
        .stdout_contains("0 moved, 0 added, 0 cancelled");
    let costed = out.join("timetable.json");
    check_ok(&inst, &costed);
    let t = read_json(&costed);
    let w = read_json(&witness);
    assert_eq!(t["meetings"], w["meetings"], "the costed timetable is the witness");
    let report = &t["report"];
    assert_eq!(report["status"], "optimal");
    assert_eq!(report["costs"]["perturbation"], 0.0);
    assert!(report["objective"].as_f64().expect("objective") > 0.0, "{report}");
}

#[test]
#[ignore = "today's solver finds no timetable of this faculty within fast.json's 10 s (exit 1): waits for the issue 21 solver work"]
fn the_twelve_programme_faculty_solves_with_the_fast_config() {
    let dir = temp_dir();
    let (inst, _) = synth(dir.path(), 12, 1);
    let out = dir.path().join("solved");
    let cfg = root().join("solver-configs/fast.json");
    let _ = horaire(["solve", s(&inst), "--config", s(&cfg), "--out", s(&out), "--quiet"]).expect_code(0);
    check_ok(&inst, &out.join("timetable.json"));
}
