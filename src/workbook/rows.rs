//! An instance file as the rows of each sheet (the reverse of `build`), and
//! the example instance the template shows.

use super::Lang;
use super::schema::{self, Choice, SHEETS, SheetKey};
use crate::model::file::*;
use crate::model::time::{ClockTime, parse_date};
use chrono::NaiveDate;

/// A value to write in a cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// Minutes after midnight.
    Time(u32),
}

/// The rows of every data sheet, in workbook order; each row has one value
/// per column of the sheet's schema.
pub(crate) type Rows = Vec<(SheetKey, Vec<Vec<Out>>)>;

fn text(s: &str) -> Out {
    if s.is_empty() { Out::Empty } else { Out::Text(s.to_string()) }
}

fn opt_text(s: &Option<String>) -> Out {
    s.as_deref().map_or(Out::Empty, text)
}

fn date(s: &str) -> Out {
    parse_date(s).map_or_else(|| text(s), Out::Date)
}

fn opt_date(s: &Option<String>) -> Out {
    s.as_deref().map_or(Out::Empty, date)
}

fn time(s: &str) -> Out {
    ClockTime::parse(s).map_or_else(|| text(s), |t| Out::Time(t.minutes()))
}

fn opt_time(s: &Option<String>) -> Out {
    s.as_deref().map_or(Out::Empty, time)
}

fn whole(v: u32) -> Out {
    Out::Number(f64::from(v))
}

fn opt_whole(v: Option<u32>) -> Out {
    v.map_or(Out::Empty, whole)
}

fn opt_number(v: Option<f64>) -> Out {
    v.map_or(Out::Empty, Out::Number)
}

fn list(items: &[String]) -> Out {
    text(&items.join(&format!("{} ", super::SEPARATOR)))
}

/// Days in the sheet's language (`lun; mar` or `mon; tue`).
fn days(items: &[String], lang: Lang) -> Out {
    let shown: Vec<String> = items
        .iter()
        .map(|d| match (lang, schema::DAYS.iter().find(|x| x.0 == d)) {
            (Lang::Fr, Some(x)) => x.1.to_string(),
            _ => d.clone(),
        })
        .collect();
    list(&shown)
}

fn opt_days(items: &Option<Vec<String>>, lang: Lang) -> Out {
    items.as_ref().map_or(Out::Empty, |d| days(d, lang))
}

fn label(choices: &[Choice], code: &str, lang: Lang) -> Out {
    choices.iter().find(|c| c.code == code).map_or_else(|| text(code), |c| Out::Text(c.label.get(lang).to_string()))
}

/// Places `(column key, value)` pairs in the order of the sheet's columns.
fn row(sheet: SheetKey, values: Vec<(&str, Out)>) -> Vec<Out> {
    let columns = schema::sheet(sheet).columns;
    let mut out = vec![Out::Empty; columns.len()];
    for (key, v) in values {
        if let Some(i) = columns.iter().position(|c| c.key == key) {
            out[i] = v;
        } else {
            debug_assert!(false, "no column {key} on {sheet:?}");
        }
    }
    out
}

/// The rows of `f`, whose calendar is `calendar` (read from its file when
/// `f` names one).
pub(crate) fn of_instance(f: &InstanceFile, calendar: &CalendarFile, lang: Lang) -> Rows {
    use SheetKey as K;
    let mut sheets: Vec<(SheetKey, Vec<Vec<Out>>)> =
        SHEETS.iter().filter(|s| s.key != K::Readme).map(|s| (s.key, Vec::new())).collect();
    let mut push = |key: SheetKey, values: Vec<(&str, Out)>| {
        let r = row(key, values);
        if let Some((_, rows)) = sheets.iter_mut().find(|(k, _)| *k == key) {
            rows.push(r);
        }
    };
    let item = |code: &str| label(schema::CALENDAR_ITEMS, code, lang);

    push(K::Instance, vec![("name", text(&f.name)), ("note", opt_text(&f.note))]);

    push(K::Calendar, vec![("item", item("name")), ("label", text(&calendar.name))]);
    if calendar.note.is_some() {
        push(K::Calendar, vec![("item", item("note")), ("label", opt_text(&calendar.note))]);
    }
    for (code, r) in [("year", &calendar.year), ("Q1", &calendar.quadrimesters.Q1), ("Q2", &calendar.quadrimesters.Q2)]
    {
        push(K::Calendar, vec![("item", item(code)), ("from", date(&r.from)), ("to", date(&r.to))]);
    }
    for (code, list) in [("closure", &calendar.closures), ("exams", &calendar.exam_periods)] {
        for r in list {
            push(
                K::Calendar,
                vec![("item", item(code)), ("from", date(&r.from)), ("to", date(&r.to)), ("label", text(&r.label))],
            );
        }
    }

    for p in &f.programmes {
        push(
            K::Programmes,
            vec![
                ("id", text(&p.id)),
                ("name", text(&p.name)),
                ("time_grid", text(&p.time_grid)),
                ("cohorts", list(&p.cohorts)),
                ("max_evenings_per_week", opt_whole(p.max_evenings_per_week)),
            ],
        );
        for c in &p.competences {
            push(K::Competences, vec![("programme", text(&p.id)), ("id", text(&c.id)), ("title", text(&c.title))]);
        }
    }
    for g in &f.time_grids {
        for s in &g.slots {
            push(
                K::Grids,
                vec![
                    ("grid", text(&g.id)),
                    ("days", days(&s.days, lang)),
                    ("start", time(&s.start)),
                    ("end", time(&s.end)),
                ],
            );
        }
    }
    for s in &f.sites {
        push(K::Sites, vec![("id", text(&s.id)), ("name", text(&s.name)), ("city", text(&s.city))]);
        for r in &s.rooms {
            push(K::Rooms, vec![("site", text(&s.id)), ("id", text(&r.id)), ("capacity", whole(r.capacity))]);
        }
    }
    for t in &f.travel_minutes {
        push(K::Travel, vec![("from", text(&t.from)), ("to", text(&t.to)), ("minutes", whole(t.minutes))]);
    }
    for t in &f.teachers {
        push(
            K::Teachers,
            vec![
                ("id", text(&t.id)),
                ("name", text(&t.name)),
                ("max_days_per_week", opt_whole(t.max_days_per_week)),
                ("service_hours", opt_number(t.service_hours)),
            ],
        );
        for w in &t.unavailable {
            push(K::Unavailability, when(("teacher", text(&t.id)), w, lang));
        }
    }
    for c in &f.cohorts {
        push(
            K::Cohorts,
            vec![
                ("id", text(&c.id)),
                ("name", text(&c.name)),
                ("parent", opt_text(&c.parent)),
                ("students", whole(c.students)),
            ],
        );
    }
    for u in &f.ues {
        let (period, from, to) = match &u.period {
            PeriodFile::Named(n) => (label(schema::PERIODS, n, lang), Out::Empty, Out::Empty),
            PeriodFile::Range(r) => (label(schema::PERIODS, "dates", lang), date(&r.from), date(&r.to)),
        };
        push(
            K::Ues,
            vec![
                ("code", text(&u.code)),
                ("title", text(&u.title)),
                ("programme", text(&u.programme)),
                ("block", opt_whole(u.block)),
                ("credits", opt_number(u.credits)),
                ("period", period),
                ("from", from),
                ("to", to),
                ("corequisite", opt_text(&u.corequisite)),
                ("competences", list(&u.competences)),
                ("note", opt_text(&u.note)),
            ],
        );
        for a in &u.activities {
            let (rule, sites) = match &a.site {
                SiteRuleFile::Fixed(s) => ("fixed", vec![s.clone()]),
                SiteRuleFile::Alternate(v) => ("alternate", v.clone()),
                SiteRuleFile::AnyOf(v) => ("any_of", v.clone()),
            };
            push(
                K::Activities,
                vec![
                    ("ue", text(&u.code)),
                    ("id", text(&a.id)),
                    ("kind", text(&a.kind)),
                    ("hours", Out::Number(a.hours)),
                    ("session_hours", Out::Number(a.session_hours)),
                    ("teachers", list(&a.teachers)),
                    ("cohorts", list(&a.cohorts)),
                    ("site_rule", label(schema::SITE_RULES, rule, lang)),
                    ("sites", list(&sites)),
                    ("frequency", label(schema::FREQUENCIES, &a.frequency, lang)),
                ],
            );
        }
    }
    for e in &f.enrolments {
        push(K::Enrolments, vec![("student", text(&e.student)), ("activities", list(&e.activities))]);
    }
    if let Some(p) = &f.placements {
        for h in &p.hosts {
            push(
                K::Hosts,
                vec![
                    ("id", text(&h.id)),
                    ("name", text(&h.name)),
                    ("city", text(&h.city)),
                    ("capacity", whole(h.capacity)),
                ],
            );
            for s in &h.open {
                push(
                    K::Opening,
                    vec![
                        ("host", text(&h.id)),
                        ("days", days(&s.days, lang)),
                        ("start", time(&s.start)),
                        ("end", time(&s.end)),
                    ],
                );
            }
        }
        for q in &p.requirements {
            push(
                K::Requirements,
                vec![
                    ("id", text(&q.id)),
                    ("ue", text(&q.ue)),
                    ("cohort", text(&q.cohort)),
                    ("hours", Out::Number(q.hours)),
                    ("from", date(&q.from)),
                    ("to", date(&q.to)),
                    ("max_hours_per_day", opt_number(q.max_hours_per_day)),
                    ("max_hours_per_week", opt_number(q.max_hours_per_week)),
                ],
            );
        }
        for s in &p.students {
            push(
                K::Students,
                vec![
                    ("id", text(&s.id)),
                    ("cohort", text(&s.cohort)),
                    ("requirement", text(&s.requirement)),
                    ("host", opt_text(&s.host)),
                    ("preferences", list(&s.preferences)),
                ],
            );
            for w in s.available.iter().flatten() {
                push(K::Availability, when(("student", text(&s.id)), w, lang));
            }
        }
    }
    sheets
}

fn when<'a>(owner: (&'a str, Out), w: &WhenFile, lang: Lang) -> Vec<(&'a str, Out)> {
    vec![
        owner,
        ("days", opt_days(&w.days, lang)),
        ("from", opt_date(&w.from)),
        ("to", opt_date(&w.to)),
        ("start", opt_time(&w.start)),
        ("end", opt_time(&w.end)),
    ]
}

/// The FWB 2025-2026 calendar shipped with horaire, filled in the template.
const FWB_2025_2026: &str = include_str!("../../instances/calendars/fwb-2025-2026.json");

/// The template's rows: a tiny valid programme, one example row per sheet
/// (two sites, so that a travel time can be shown), and the FWB 2025-2026
/// calendar.
pub(crate) fn example(lang: Lang) -> Result<Rows, String> {
    let calendar: CalendarFile = serde_json::from_str(FWB_2025_2026).map_err(|e| format!("built-in calendar: {e}"))?;
    let (name, note) = match lang {
        Lang::Fr => ("Mon programme — 2025-2026", "Exemple : remplacez chaque ligne par celles de votre programme."),
        Lang::En => ("My programme — 2025-2026", "Example: replace every row with those of your programme."),
    };
    let example = serde_json::json!({
        "format": INSTANCE_FORMAT,
        "name": name,
        "note": note,
        "calendar": "fwb-2025-2026.json",
        "sites": [
            { "id": "mons", "name": "UMONS Mons", "city": "Mons",
              "rooms": [ { "id": "mons-a", "capacity": 40 } ] },
            { "id": "charleroi", "name": "UMONS Charleroi", "city": "Charleroi", "rooms": [] }
        ],
        "travel_minutes": [ { "from": "mons", "to": "charleroi", "minutes": 45 } ],
        "time_grids": [ { "id": "soir", "slots": [
            { "days": ["mon", "tue", "wed", "thu", "fri"], "start": "17:15", "end": "20:15" } ] } ],
        "teachers": [ { "id": "dupont", "name": "A. Dupont", "max_days_per_week": 2, "service_hours": 120,
                        "unavailable": [ { "days": ["mon"], "from": "2026-03-02", "to": "2026-03-20" } ] } ],
        "cohorts": [ { "id": "b1", "name": "Bloc 1", "students": 25 } ],
        "programmes": [ { "id": "ma-1", "name": "Master (exemple)", "time_grid": "soir", "cohorts": ["b1"],
                          "max_evenings_per_week": 3,
                          "competences": [ { "id": "C1", "title": "Analyser une situation sociale" } ] } ],
        "ues": [ { "code": "UE 1/1", "title": "Questions socio-politiques", "programme": "ma-1",
                   "block": 1, "credits": 5, "period": "Q1", "corequisite": null, "competences": ["C1"],
                   "activities": [ { "id": "ue1-1-cours", "kind": "cours", "hours": 30, "session_hours": 3,
                                     "teachers": ["dupont"], "cohorts": ["b1"], "site": "mons",
                                     "frequency": "weekly" } ] } ],
        "enrolments": [ { "student": "e001", "activities": ["ue1-1-cours"] } ],
        "placements": {
            "hosts": [ { "id": "cpas-mons", "name": "CPAS de Mons", "city": "Mons", "capacity": 2,
                         "open": [ { "days": ["mon", "tue", "wed", "thu", "fri"], "start": "08:30", "end": "16:30" } ] } ],
            "requirements": [ { "id": "stage-b1", "ue": "UE 1/1", "cohort": "b1", "hours": 60,
                                "from": "2025-10-01", "to": "2026-05-15",
                                "max_hours_per_day": 8, "max_hours_per_week": 16 } ],
            "students": [ { "id": "s001", "cohort": "b1", "requirement": "stage-b1", "host": "cpas-mons",
                            "preferences": ["cpas-mons"], "available": [ { "days": ["wed", "fri"] } ] } ]
        }
    });
    let f: InstanceFile = serde_json::from_value(example).map_err(|e| format!("example instance: {e}"))?;
    Ok(of_instance(&f, &calendar, lang))
}
