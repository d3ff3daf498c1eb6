use super::*;
use crate::model::Labeled;

fn d(s: &str) -> NaiveDate {
    parse_date(s).expect("test date")
}

fn range(from: &str, to: &str) -> DateRange {
    DateRange { from: d(from), to: d(to) }
}

/// A year starting on Monday `from` with one closure.
fn year(from: &str, to: &str, closure: (&str, &str)) -> AcademicYear {
    AcademicYear {
        name: String::new(),
        year: range(from, to),
        q1: range(from, from),
        q2: range(to, to),
        closures: vec![Labeled { range: range(closure.0, closure.1), label: "Vacances de printemps".into() }],
        exam_periods: Vec::new(),
    }
}

#[test]
fn dates_keep_their_week_of_the_year_and_weekday_and_a_range_in_a_new_closure_needs_a_decision() {
    let old = year("2025-09-15", "2026-09-13", ("2026-04-06", "2026-04-19"));
    let new = year("2026-09-14", "2027-09-12", ("2027-03-29", "2027-04-11"));
    assert_eq!(week_shift(&old, &new), 52);
    let instance = serde_json::json!({
        "format": "horaire/1", "name": "P — 2025-2026", "calendar": "old.json",
        "teachers": [{ "id": "t1", "unavailable": [
            { "days": ["mon"] },
            { "from": "2026-03-30", "to": "2026-04-03" },
            { "from": "2026-04-06", "to": "2026-04-10" },
            { "days": ["thu"], "from": "2026-02-05" } ] }],
        "ues": [{ "code": "UE 1", "period": "Q1" }, { "code": "UE 2", "period": { "from": "2025-10-01", "to": "2025-12-20" } }]
    });
    let r = rollover(&instance, &old, &new, Value::String("new.json".into()));
    let v = &r.instance;
    assert_eq!(v["calendar"], "new.json");
    assert_eq!(v["name"], "P — 2026-2027");
    let un = &v["teachers"][0]["unavailable"];
    assert_eq!(un[0], serde_json::json!({ "days": ["mon"] }));
    assert_eq!((un[1]["from"].as_str(), un[1]["to"].as_str()), (Some("2027-03-29"), Some("2027-04-02")));
    assert_eq!(un[3], serde_json::json!({ "days": ["thu"], "from": "2027-02-04" }));
    assert_eq!(v["ues"][0]["period"], "Q1");
    assert_eq!(v["ues"][1]["period"], serde_json::json!({ "from": "2026-09-30", "to": "2026-12-19" }));
    let paths: Vec<&str> = r.summary.moved.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(
        paths,
        ["teachers[0].unavailable[1]", "teachers[0].unavailable[2]", "teachers[0].unavailable[3]", "ues[1].period"]
    );
    // Five teaching days this year, none next year: a decision. The range
    // already in this year's break had none, so it stays as it is.
    assert_eq!(r.summary.decisions.len(), 1, "{:?}", r.summary.decisions);
    let decision = &r.summary.decisions[0];
    assert_eq!(decision.path, "teachers[0].unavailable[1]");
    assert_eq!(decision.what, "unavailability of teacher t1");
    assert_eq!(
        decision.reason,
        "it had 5 teaching day(s) this year but falls wholly in the new year's Vacances de printemps"
    );
}

#[test]
fn a_date_beyond_the_new_year_is_clipped_and_needs_a_decision() {
    let old = year("2025-09-15", "2026-09-13", ("2026-04-06", "2026-04-19"));
    let new = year("2026-09-14", "2027-09-05", ("2027-03-29", "2027-04-11"));
    let instance = serde_json::json!({ "name": "x", "teachers": [{ "id": "t", "unavailable": [
        { "from": "2026-09-07", "to": "2026-09-13" } ] }] });
    let r = rollover(&instance, &old, &new, Value::Null);
    assert_eq!(
        r.instance["teachers"][0]["unavailable"][0],
        serde_json::json!({ "from": "2027-09-05", "to": "2027-09-05" })
    );
    assert_eq!(r.summary.decisions.len(), 1);
    assert!(r.summary.decisions[0].reason.starts_with("2027-09-06 and 2027-09-12 falls outside the new year"));
}
