//! A deterministic synthetic placement workload for benchmarks: an
//! instance (`horaire/1`) with three invented programmes and four kinds of
//! placement requirement (120, 130, 300 and 400 h), a full-year timetable
//! (`horaire-timetable/1`) and an hours log, all from a seed.
//!
//! Everything here is invented; only the shape follows the reference
//! programmes (evening classes in Liège/Jemeppe and Mons/Charleroi, a
//! daytime programme in Mons/Brussels/Liège) and the travel times of
//! `facts/sites.md`.

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::{Value, json};
use std::fmt::Write;

/// A small, fixed pseudo-random generator (SplitMix64): same seed, same
/// numbers, on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        crate::rng::splitmix64(&mut self.0)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// The generated files.
#[derive(Debug, Clone)]
pub struct Synthetic {
    /// The instance (`horaire/1`).
    pub instance: Value,
    /// The timetable (`horaire-timetable/1`).
    pub timetable: Value,
    /// The hours log (CSV), up to [`Synthetic::as_of`].
    pub log: String,
    /// The date the log runs to.
    pub as_of: NaiveDate,
}

const SITES: [(&str, &str); 6] = [
    ("mons", "Mons"),
    ("charleroi", "Charleroi"),
    ("liege", "Liège"),
    ("jemeppe", "Jemeppe"),
    ("namur", "Namur"),
    ("brussels", "Brussels"),
];

const TRAVEL: [(&str, &str, u32); 15] = [
    ("mons", "charleroi", 55),
    ("mons", "namur", 80),
    ("mons", "liege", 130),
    ("mons", "brussels", 65),
    ("charleroi", "namur", 45),
    ("charleroi", "liege", 95),
    ("charleroi", "brussels", 60),
    ("namur", "liege", 65),
    ("namur", "brussels", 65),
    ("liege", "jemeppe", 20),
    ("liege", "brussels", 95),
    ("mons", "jemeppe", 125),
    ("charleroi", "jemeppe", 90),
    ("namur", "jemeppe", 60),
    ("brussels", "jemeppe", 100),
];

/// A cohort of the synthetic instance and its placement requirement.
struct CohortSpec {
    id: &'static str,
    programme: &'static str,
    placement_ue: &'static str,
    hours: u32,
    from: &'static str,
    to: &'static str,
    per_week: u32,
    /// Weekly classes: day, start, end, site.
    classes: &'static [(Weekday, &'static str, &'static str, &'static str)],
    /// Cities of its hosts (by site index).
    region: &'static [usize],
}

const COHORTS: [CohortSpec; 6] = [
    CohortSpec {
        id: "helmo-b1",
        programme: "helmo",
        placement_ue: "HELMo UE 1/12",
        hours: 130,
        from: "2025-10-01",
        to: "2026-05-15",
        per_week: 16,
        classes: &[(Weekday::Mon, "17:15", "20:15", "liege"), (Weekday::Wed, "17:15", "20:15", "jemeppe")],
        region: &[2, 3, 4],
    },
    CohortSpec {
        id: "helmo-b2",
        programme: "helmo",
        placement_ue: "HELMo UE 2/10",
        hours: 120,
        from: "2026-02-02",
        to: "2026-06-30",
        per_week: 16,
        classes: &[(Weekday::Tue, "17:15", "20:15", "jemeppe"), (Weekday::Thu, "17:15", "20:15", "liege")],
        region: &[2, 3, 4],
    },
    CohortSpec {
        id: "edu-b1",
        programme: "edu",
        placement_ue: "EDU UE 1/8",
        hours: 300,
        from: "2025-10-01",
        to: "2026-08-31",
        per_week: 24,
        classes: &[
            (Weekday::Tue, "17:15", "20:15", "mons"),
            (Weekday::Thu, "17:15", "20:15", "charleroi"),
            (Weekday::Sat, "09:00", "12:15", "mons"),
        ],
        region: &[0, 1, 5],
    },
    CohortSpec {
        id: "edu-b2",
        programme: "edu",
        placement_ue: "EDU UE 2/6",
        hours: 300,
        from: "2025-10-01",
        to: "2026-08-31",
        per_week: 24,
        classes: &[(Weekday::Mon, "17:15", "20:15", "charleroi"), (Weekday::Wed, "17:15", "20:15", "mons")],
        region: &[0, 1, 5],
    },
    CohortSpec {
        id: "ortho-b1",
        programme: "ortho",
        placement_ue: "ORTHO UE 1/9",
        hours: 400,
        from: "2025-09-22",
        to: "2026-08-31",
        per_week: 32,
        classes: &[(Weekday::Mon, "09:00", "12:15", "mons"), (Weekday::Mon, "13:15", "16:30", "mons")],
        region: &[0, 1, 2, 4, 5],
    },
    CohortSpec {
        id: "ortho-b2",
        programme: "ortho",
        placement_ue: "ORTHO UE 2/9",
        hours: 400,
        from: "2025-09-22",
        to: "2026-08-31",
        per_week: 32,
        classes: &[(Weekday::Tue, "09:00", "12:15", "brussels"), (Weekday::Fri, "09:00", "12:15", "liege")],
        region: &[0, 1, 2, 4, 5],
    },
];

const CLOSURES: [(&str, &str, &str); 9] = [
    ("2025-09-27", "2025-09-27", "Fête de la Fédération Wallonie-Bruxelles"),
    ("2025-10-27", "2025-10-31", "Congé d'automne"),
    ("2025-11-11", "2025-11-11", "Armistice"),
    ("2025-12-22", "2026-01-02", "Vacances d'hiver"),
    ("2026-04-06", "2026-04-17", "Vacances de printemps"),
    ("2026-05-01", "2026-05-01", "Fête du travail"),
    ("2026-05-14", "2026-05-14", "Ascension"),
    ("2026-05-25", "2026-05-25", "Lundi de Pentecôte"),
    ("2026-07-21", "2026-07-21", "Fête nationale"),
];

const EXAMS: [(&str, &str); 2] = [("2026-01-05", "2026-01-30"), ("2026-06-01", "2026-06-30")];

/// Host opening patterns: days, start, end.
const OPENINGS: [(&[&str], &str, &str); 4] = [
    (&["mon", "tue", "wed", "thu", "fri"], "08:30", "16:30"),
    (&["mon", "tue", "wed", "thu", "fri", "sat"], "09:00", "17:00"),
    (&["tue", "wed", "thu", "fri", "sat"], "10:00", "18:00"),
    (&["mon", "wed", "fri"], "08:00", "16:00"),
];

const DAY_CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn date(s: &str) -> NaiveDate {
    // The constants above are valid dates.
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn in_ranges(d: NaiveDate, ranges: &[(NaiveDate, NaiveDate)]) -> bool {
    ranges.iter().any(|&(a, b)| a <= d && d <= b)
}

fn minutes(hhmm: &str) -> u32 {
    let (h, m) = hhmm.split_once(':').unwrap_or(("0", "0"));
    h.parse::<u32>().unwrap_or(0) * 60 + m.parse::<u32>().unwrap_or(0)
}

/// Generates the workload: `students` students and `hosts` hosts.
pub fn generate(seed: u64, students: usize, hosts: usize) -> Synthetic {
    let mut rng = Rng::new(seed);
    let closures: Vec<(NaiveDate, NaiveDate)> = CLOSURES.iter().map(|c| (date(c.0), date(c.1))).collect();
    let exams: Vec<(NaiveDate, NaiveDate)> = EXAMS.iter().map(|c| (date(c.0), date(c.1))).collect();
    let q = [(date("2025-09-15"), date("2025-12-19")), (date("2026-02-02"), date("2026-05-22"))];

    // Timetable: every class of every cohort on every open teaching day.
    let mut meetings = Vec::new();
    let mut ues = Vec::new();
    for c in &COHORTS {
        for (k, &(wd, start, end, site)) in c.classes.iter().enumerate() {
            let id = format!("{}-c{}", c.id, k + 1);
            let ue = format!("{} cours {}", c.id, k + 1);
            let mut count = 0u32;
            for &(from, to) in &q {
                for d in from.iter_days().take_while(|d| *d <= to) {
                    if d.weekday() != wd || in_ranges(d, &closures) || in_ranges(d, &exams) {
                        continue;
                    }
                    count += 1;
                    meetings.push(json!({
                        "activity": id, "ue": ue, "date": d.format("%Y-%m-%d").to_string(),
                        "start": start, "end": end, "site": site, "room": format!("{site}-1"),
                        "teachers": [format!("t-{}", c.id)], "cohorts": [c.id]
                    }));
                }
            }
            let session = f64::from(minutes(end) - minutes(start)) / 60.0;
            ues.push(json!({
                "code": ue, "title": format!("Cours {} ({})", k + 1, c.id), "programme": c.programme,
                "period": "annual",
                "activities": [ {
                    "id": id, "kind": "cours", "hours": session * f64::from(count), "session_hours": session,
                    "teachers": [format!("t-{}", c.id)], "cohorts": [c.id], "site": site, "frequency": "weekly"
                } ]
            }));
        }
        ues.push(json!({
            "code": c.placement_ue, "title": format!("Stage ({})", c.id), "programme": c.programme,
            "period": "annual", "activities": []
        }));
    }
    meetings.sort_by(|a: &Value, b: &Value| {
        let key = |m: &Value| (m["date"].to_string(), m["start"].to_string(), m["activity"].to_string());
        key(a).cmp(&key(b))
    });

    // Hosts.
    let mut host_list = Vec::new();
    let mut host_city = Vec::new();
    let mut host_days: Vec<Vec<usize>> = Vec::new();
    let mut room: Vec<Vec<u32>> = Vec::new();
    for i in 0..hosts {
        let city = rng.below(SITES.len());
        let (days, start, end) = OPENINGS[match rng.below(100) {
            0..50 => 0,
            50..70 => 1,
            70..85 => 2,
            _ => 3,
        }];
        let capacity = 1 + rng.below(6) as u32;
        host_list.push(json!({
            "id": format!("h{:03}", i + 1), "name": format!("Host {} ({})", i + 1, SITES[city].1),
            "city": SITES[city].1, "capacity": capacity,
            "open": [ { "days": days, "start": start, "end": end } ]
        }));
        host_city.push(city);
        host_days.push(days.iter().filter_map(|d| DAY_CODES.iter().position(|c| c == d)).collect());
        room.push(vec![capacity; COHORTS.len()]);
    }

    // Students and the log.
    let as_of = date("2026-01-15");
    let mut student_list = Vec::new();
    let mut log = String::from("student,date,hours,validated\n");
    for i in 0..students {
        let ci = rng.below(COHORTS.len());
        let c = &COHORTS[ci];
        let id = format!("st{:04}", i + 1);
        let in_region: Vec<usize> = (0..hosts).filter(|&h| c.region.contains(&host_city[h])).collect();
        let pick = |rng: &mut Rng| in_region[rng.below(in_region.len())];
        // Declared availability: working adults give two or three days.
        let (available, avail_days): (Value, Vec<usize>) = if c.programme == "ortho" && rng.chance(0.6) {
            (Value::Null, (0..7).collect())
        } else {
            let mut days: Vec<usize> = Vec::new();
            let want = 2 + rng.below(2);
            while days.len() < want {
                let d = rng.below(5);
                if !days.contains(&d) {
                    days.push(d);
                }
            }
            if rng.chance(0.2) {
                days.push(5);
            }
            days.sort();
            let codes: Vec<&str> = days.iter().map(|&d| DAY_CODES[d]).collect();
            let w = if rng.chance(0.1) {
                json!([{ "days": codes, "start": "12:30", "end": "17:00" }])
            } else {
                json!([{ "days": codes }])
            };
            (w, days)
        };
        let mut host = Value::Null;
        let mut fixed = None;
        if !in_region.is_empty() && rng.chance(0.4) {
            let h = pick(&mut rng);
            if room[h][ci] > 0 && host_days[h].iter().any(|d| avail_days.contains(d)) {
                room[h][ci] -= 1;
                host = Value::from(format!("h{:03}", h + 1));
                fixed = Some(h);
            }
        }
        let mut prefs: Vec<String> = Vec::new();
        if fixed.is_none() && !in_region.is_empty() && rng.chance(0.9) {
            while prefs.len() < 3.min(in_region.len()) {
                let h = format!("h{:03}", pick(&mut rng) + 1);
                if !prefs.contains(&h) {
                    prefs.push(h);
                }
            }
        }
        let mut s = json!({ "id": id, "cohort": c.id, "requirement": format!("stage-{}", c.id), "host": host });
        if !prefs.is_empty() {
            s["preferences"] = json!(prefs);
        }
        if !available.is_null() {
            s["available"] = available;
        }
        student_list.push(s);
        // Hours already worked at a fixed host, up to the as-of date.
        if let Some(h) = fixed {
            for d in date(c.from).iter_days().take_while(|d| *d <= as_of) {
                let wd = d.weekday().num_days_from_monday() as usize;
                if !avail_days.contains(&wd) || !host_days[h].contains(&wd) || in_ranges(d, &closures) {
                    continue;
                }
                if rng.chance(0.35) {
                    let quarters = 12 + rng.below(17); // 3 h to 7 h
                    let validated = if rng.chance(0.8) { "yes" } else { "no" };
                    let _ = writeln!(
                        log,
                        "{id},{},{},{validated}",
                        d.format("%Y-%m-%d"),
                        crate::model::time::format_hours(quarters as f64 / 4.0)
                    );
                }
            }
        }
    }

    let requirements: Vec<Value> = COHORTS
        .iter()
        .map(|c| {
            json!({
                "id": format!("stage-{}", c.id), "ue": c.placement_ue, "cohort": c.id, "hours": c.hours,
                "from": c.from, "to": c.to, "max_hours_per_day": 8, "max_hours_per_week": c.per_week
            })
        })
        .collect();
    let instance = json!({
        "format": "horaire/1",
        "name": format!("Synthetic placements workload (seed {seed}, {students} students, {hosts} hosts)"),
        "note": "Invented by `horaire placements synth` for benchmarks; not a real programme.",
        "calendar": {
            "format": "horaire-calendar/1",
            "name": "Synthetic FWB-like year 2025-2026",
            "year": { "from": "2025-09-15", "to": "2026-09-13" },
            "quadrimesters": { "Q1": { "from": "2025-09-15", "to": "2025-12-19" },
                               "Q2": { "from": "2026-02-02", "to": "2026-05-22" } },
            "closures": CLOSURES.iter().map(|c| json!({ "from": c.0, "to": c.1, "label": c.2 })).collect::<Vec<_>>(),
            "exam_periods": [ { "from": EXAMS[0].0, "to": EXAMS[0].1, "label": "Session de janvier" },
                              { "from": EXAMS[1].0, "to": EXAMS[1].1, "label": "Session de juin" } ]
        },
        "sites": SITES.iter().map(|(id, city)| json!({
            "id": id, "name": format!("Campus {city}"), "city": city,
            "rooms": [ { "id": format!("{id}-1"), "capacity": 400 } ]
        })).collect::<Vec<_>>(),
        "travel_minutes": TRAVEL.iter().map(|(a, b, m)| json!({ "from": a, "to": b, "minutes": m })).collect::<Vec<_>>(),
        "time_grids": [
            { "id": "soir", "slots": [ { "days": ["mon", "tue", "wed", "thu", "fri"], "start": "17:15", "end": "20:15" },
                                       { "days": ["sat"], "start": "09:00", "end": "12:15" } ] },
            { "id": "jour", "slots": [ { "days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "12:15" },
                                       { "days": ["mon", "tue", "wed", "thu", "fri"], "start": "13:15", "end": "16:30" } ] }
        ],
        "teachers": COHORTS.iter().map(|c| json!({ "id": format!("t-{}", c.id), "name": format!("Teacher {}", c.id) })).collect::<Vec<_>>(),
        "cohorts": COHORTS.iter().map(|c| json!({ "id": c.id, "name": c.id, "students": 1 + students / COHORTS.len() })).collect::<Vec<_>>(),
        "programmes": [
            { "id": "helmo", "name": "Synthetic evening programme (Liège)", "time_grid": "soir", "cohorts": ["helmo-b1", "helmo-b2"] },
            { "id": "edu", "name": "Synthetic evening programme (Mons)", "time_grid": "soir", "cohorts": ["edu-b1", "edu-b2"] },
            { "id": "ortho", "name": "Synthetic daytime programme", "time_grid": "jour", "cohorts": ["ortho-b1", "ortho-b2"] }
        ],
        "ues": ues,
        "placements": { "hosts": host_list, "requirements": requirements, "students": student_list }
    });
    let timetable = json!({
        "format": "horaire-timetable/1",
        "instance": instance["name"],
        "meetings": meetings
    });
    Synthetic { instance, timetable, log, as_of }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_files_other_seed_other_files() {
        let a = generate(7, 60, 12);
        let b = generate(7, 60, 12);
        let c = generate(8, 60, 12);
        assert_eq!(a.instance, b.instance);
        assert_eq!(a.log, b.log);
        assert_ne!(a.instance["placements"], c.instance["placements"]);
        assert_eq!(a.instance["placements"]["students"].as_array().map(Vec::len), Some(60));
        assert_eq!(a.instance["placements"]["hosts"].as_array().map(Vec::len), Some(12));
    }
}
