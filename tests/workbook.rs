//! The planner's workbook: `horaire workbook template | from-instance |
//! import` and `horaire export --format xlsx`, through the real binary and
//! the library.
//!
//! - Round trips: every instance under `instances/` goes to a workbook and
//!   back to the same instance, and twice to the same bytes; the four
//!   reference programmes solved from the original and from the
//!   round-tripped instance give the same timetable (a `node_limit` config,
//!   so the result does not depend on the machine's load), checked by
//!   `horaire check`, and exported as a workbook whose rows and hours add up.
//! - Real clients: LibreOffice (headless) converts the workbooks to CSV and
//!   `.ods`, Python's openpyxl reads them. When one is missing the test says
//!   so and passes, except in CI (the `CI` environment variable), where it
//!   fails: `.ci/run` installs both.
//! - Bad workbooks: each built from the template by editing cells, with the
//!   exact sheet, row, column and message expected.

mod common;
use calamine::{Data, Reader};
use common::{check_ok, horaire, reference, s, solver_config, temp_dir};
use horaire::model::file::{CalendarRef, InstanceFile};
use horaire::workbook::{self, Lang, SheetProblem};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const REFERENCE: [&str; 4] = [
    "umons-education-social-action-2025-2026",
    "helmo-hepl-ingenierie-action-sociale-2025-2026",
    "umons-orthopedagogy-2025-2026",
    "unamur-umons-accompagnement-2025-2026",
];

fn instance(name: &str) -> PathBuf {
    reference(&format!("{name}.json"))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `horaire workbook ARGS…`, which must succeed.
fn workbook_ok(args: &[&str]) {
    let _ = horaire(["workbook"]).args(args).expect_code(0);
}

/// The instance as the file types serialise it, with its calendar inline:
/// what a workbook holds, with every default spelt out.
fn normalised(path: &Path) -> Value {
    let mut f: InstanceFile = serde_json::from_slice(&read(path)).expect("instance JSON");
    if let CalendarRef::Path(p) = &f.calendar {
        let cal = path.parent().expect("dir").join(p);
        f.calendar = CalendarRef::Inline(Box::new(serde_json::from_slice(&read(&cal)).expect("calendar JSON")));
    }
    serde_json::to_value(&f).expect("serialise")
}

#[test]
fn every_instance_round_trips_through_its_workbook() {
    let dir = temp_dir();
    let d = dir.path();
    let mut files: Vec<PathBuf> = std::fs::read_dir(reference(""))
        .expect("instances")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "the four reference programmes and all-programmes");
    for original in &files {
        let name = original.file_stem().and_then(|n| n.to_str()).expect("name");
        let (wb1, wb1b, json1, wb2, json2) = (
            d.join(format!("{name}-1.xlsx")),
            d.join(format!("{name}-1b.xlsx")),
            d.join(format!("{name}-1.json")),
            d.join(format!("{name}-2.xlsx")),
            d.join(format!("{name}-2.json")),
        );
        workbook_ok(&["from-instance", s(original), s(&wb1)]);
        workbook_ok(&["from-instance", s(original), s(&wb1b)]);
        assert_eq!(read(&wb1), read(&wb1b), "{name}: the same instance gives the same workbook bytes");
        workbook_ok(&["import", s(&wb1), "--out", s(&json1)]);
        let _ = horaire(["validate", s(&json1)]).expect_code(0);
        assert_eq!(normalised(&json1), normalised(original), "{name}: the imported instance differs from the original");
        // A second round trip, from the imported instance, gives the same bytes.
        workbook_ok(&["from-instance", s(&json1), s(&wb2)]);
        assert_eq!(read(&wb2), read(&wb1), "{name}: the workbooks of the two round trips differ");
        workbook_ok(&["import", s(&wb2), "--out", s(&json2)]);
        assert_eq!(read(&json2), read(&json1), "{name}: the instances of the two round trips differ");
    }
}

/// A config that stops after a fixed number of branch-and-bound nodes: the
/// same bytes whatever the machine's load.
fn node_config(dir: &Path) -> PathBuf {
    solver_config(dir, "nodes.json", "default.json", |v| {
        v["time_limit_seconds"] = Value::from(900);
        v["node_limit"] = Value::from(1);
    })
}

/// Solves, checks with the independent checker, returns the timetable file
/// and its JSON without the solve time.
fn solve_and_check(instance: &Path, cfg: &Path, out: &Path) -> (PathBuf, Value) {
    let _ = horaire(["solve", s(instance), "--config", s(cfg), "--out", s(out), "--quiet"]).expect_code(0);
    let file = out.join("timetable.json");
    check_ok(instance, &file);
    let mut v: Value = serde_json::from_slice(&read(&file)).expect("timetable JSON");
    if let Some(r) = v.get_mut("report").and_then(Value::as_object_mut) {
        let _ = r.remove("seconds");
    }
    (file, v)
}

/// A sheet of an `.xlsx` file as rows of cells (absolute positions).
fn sheet_rows(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).expect("open xlsx");
    let range = book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

/// Exports `timetable` of `inst` as a workbook and checks it against the
/// timetable: one row per meeting, a week grid per cohort, and teacher hours
/// that add up to the meetings' hours times their teachers.
fn export_and_compare(inst: &Path, timetable: &Path, tt: &Value, out: &Path) {
    let _ = horaire(["export", s(inst), s(timetable), "--format", "xlsx", "--out", s(out)]).expect_code(0);
    let file = out.join("xlsx/timetable.xlsx");
    let meetings = tt["meetings"].as_array().expect("meetings");
    let rows = sheet_rows(&file, "Séances");
    assert_eq!(rows.len(), meetings.len() + 1, "one row per meeting under the header");
    for (row, m) in rows[1..].iter().zip(meetings) {
        assert_eq!(row[5], Data::String(m["ue"].as_str().expect("ue").into()));
        assert_eq!(row[7], Data::String(m["activity"].as_str().expect("activity").into()));
        assert_eq!(row[10], Data::String(m["room"].as_str().expect("room").into()));
    }
    let minutes = |t: &str| -> f64 {
        let (h, m) = t.split_once(':').expect("HH:MM");
        h.parse::<f64>().expect("h") * 60.0 + m.parse::<f64>().expect("m")
    };
    let taught: f64 = meetings
        .iter()
        .map(|m| {
            let hours =
                (minutes(m["end"].as_str().expect("end")) - minutes(m["start"].as_str().expect("start"))) / 60.0;
            hours * m["teachers"].as_array().expect("teachers").len() as f64
        })
        .sum();
    let hours = sheet_rows(&file, "Heures par enseignant");
    assert_eq!(hours[0][7], Data::String("Heures".into()));
    let sheet_total: f64 = hours[1..].iter().map(|r| number(&r[7])).sum();
    assert!((sheet_total - taught).abs() < 1e-6, "teacher hours {sheet_total} ≠ {taught} in the timetable");
    let count: f64 = hours[1..].iter().map(|r| number(&r[6])).sum();
    let expected: usize = meetings.iter().map(|m| m["teachers"].as_array().expect("teachers").len()).sum();
    assert_eq!(count as usize, expected, "meetings counted once per teacher");
    let book: calamine::Xlsx<_> = calamine::open_workbook(&file).expect("open xlsx");
    let inst_json: Value = serde_json::from_slice(&read(inst)).expect("instance");
    let grids = book.sheet_names().iter().filter(|n| n.starts_with("Grille ")).count();
    assert_eq!(grids, inst_json["cohorts"].as_array().expect("cohorts").len(), "a week grid per cohort");
}

/// A reference programme, end to end without JSON: its workbook is imported,
/// solved, checked and exported; the original instance gives the same
/// timetable.
fn solve_round_trip(name: &str) {
    let dir = temp_dir();
    let d = dir.path();
    let cfg = node_config(d);
    let (wb, imported) = (d.join("programme.xlsx"), d.join("programme.json"));
    workbook_ok(&["from-instance", s(&instance(name)), s(&wb)]);
    workbook_ok(&["import", s(&wb), "--out", s(&imported)]);
    let (_, original) = solve_and_check(&instance(name), &cfg, &d.join("original"));
    let (file, round_tripped) = solve_and_check(&imported, &cfg, &d.join("round-tripped"));
    assert_eq!(original, round_tripped, "{name}: the round-tripped instance gives another timetable");
    export_and_compare(&imported, &file, &round_tripped, &d.join("export"));
}

#[test]
fn umons_education_solves_the_same_from_its_workbook() {
    solve_round_trip(REFERENCE[0]);
}

#[test]
fn placement_plans_get_a_sheet_of_their_days() {
    let dir = temp_dir();
    let d = dir.path();
    let (wb, inst) = (d.join("programme.xlsx"), d.join("programme.json"));
    workbook_ok(&["from-instance", s(&instance(REFERENCE[0])), s(&wb)]);
    workbook_ok(&["import", s(&wb), "--out", s(&inst)]);
    let (tt, _) = solve_and_check(&inst, &node_config(d), &d.join("solved"));
    let _ = horaire(["placements", "plan", s(&inst), "--timetable", s(&tt), "--out", s(d)]).expect_code(0);
    let plan = d.join("placements.json");
    let _ = horaire(["check", s(&inst), s(&tt), "--placements", s(&plan)]).expect_code(0);
    let out = d.join("export");
    let _ = horaire(["export", s(&inst), s(&tt), "--format", "xlsx", "--placements", s(&plan), "--out", s(&out)])
        .expect_code(0);
    let plans: Value = serde_json::from_slice(&read(&plan)).expect("plan JSON");
    let plans = plans["plans"].as_array().expect("plans");
    let rows = sheet_rows(&out.join("xlsx/timetable.xlsx"), "Stages");
    let days: usize = plans.iter().map(|p| p["days"].as_array().expect("days").len().max(1)).sum();
    assert_eq!(rows.len(), days + 1, "a row per planned day (or per student without one)");
    let planned: f64 = rows[1..].iter().filter(|r| r[12] != Data::Empty).map(|r| number(&r[12])).sum();
    let expected: f64 = plans.iter().map(|p| p["planned_hours"].as_f64().expect("planned")).sum();
    assert!((planned - expected).abs() < 1e-6, "day hours {planned} ≠ planned hours {expected}");
}

#[test]
fn helmo_hepl_solves_the_same_from_its_workbook() {
    solve_round_trip(REFERENCE[1]);
}

#[test]
fn umons_orthopedagogy_solves_the_same_from_its_workbook() {
    solve_round_trip(REFERENCE[2]);
}

#[test]
fn unamur_umons_solves_the_same_from_its_workbook() {
    solve_round_trip(REFERENCE[3]);
}

#[test]
fn the_template_imports_as_a_small_instance_that_solves() {
    let dir = temp_dir();
    let d = dir.path();
    for lang in ["fr", "en"] {
        let (wb, json) = (d.join(format!("template-{lang}.xlsx")), d.join(format!("template-{lang}.json")));
        workbook_ok(&["template", s(&wb), "--lang", lang]);
        workbook_ok(&["template", s(&d.join("again.xlsx")), "--lang", lang]);
        assert_eq!(read(&wb), read(&d.join("again.xlsx")), "the template's bytes are fixed");
        let book: calamine::Xlsx<_> = calamine::open_workbook(&wb).expect("open");
        let names = book.sheet_names();
        let (first, activities) = if lang == "fr" { ("Lisez-moi", "Activités") } else { ("Read me", "Activities") };
        assert_eq!(names[0], first);
        assert_eq!(names.len(), 20, "{names:?}");
        let rows = sheet_rows(&wb, activities);
        assert_eq!(rows.len(), 2, "a header and one example row");
        let _ = horaire(["workbook", "import", s(&wb), "--out", s(&json), "--lang", lang]).expect_code(0);
    }
    let json = d.join("template-fr.json");
    let cfg = node_config(d);
    let (file, tt) = solve_and_check(&json, &cfg, &d.join("solved"));
    assert_eq!(tt["meetings"].as_array().expect("meetings").len(), 10, "30 h in 3 h sessions");
    export_and_compare(&json, &file, &tt, &d.join("export"));
    // Both languages describe the same instance, but for its name and note.
    let mut fr = normalised(&json);
    let mut en = normalised(&d.join("template-en.json"));
    for v in [&mut fr, &mut en] {
        v["name"] = Value::Null;
        v["note"] = Value::Null;
    }
    assert_eq!(fr, en);
}

// ---------------------------------------------------------------------------
// Workbooks edited cell by cell, written again with rust_xlsxwriter.

/// A workbook as plain grids, to edit and write again.
struct Book {
    sheets: Vec<(String, Vec<Vec<Data>>)>,
    /// (sheet, first row, first column, last row, last column), 0-based.
    merges: Vec<(String, u32, u16, u32, u16)>,
    /// (sheet, row, column, formula, cached result), 0-based.
    formulas: Vec<(String, u32, u16, String, String)>,
}

impl Book {
    fn open(path: &Path) -> Book {
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).expect("open xlsx");
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).expect("sheet");
            let mut rows = Vec::new();
            if let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) {
                rows = vec![vec![Data::Empty; c1 as usize + 1]; r1 as usize + 1];
                for (r, c, v) in range.used_cells() {
                    rows[r0 as usize + r][c0 as usize + c] = v.clone();
                }
            }
            sheets.push((name, rows));
        }
        Book { sheets, merges: Vec::new(), formulas: Vec::new() }
    }

    fn template() -> (tempfile::TempDir, Book) {
        let dir = temp_dir();
        let path = dir.path().join("template.xlsx");
        std::fs::write(&path, workbook::template(Lang::Fr).expect("template")).expect("write");
        let book = Book::open(&path);
        (dir, book)
    }

    fn rows(&mut self, sheet: &str) -> &mut Vec<Vec<Data>> {
        &mut self.sheets.iter_mut().find(|(n, _)| n == sheet).unwrap_or_else(|| panic!("no sheet {sheet}")).1
    }

    fn col(&mut self, sheet: &str, header: &str) -> usize {
        let rows = self.rows(sheet);
        rows[0].iter().position(|c| *c == Data::String(header.into())).unwrap_or_else(|| panic!("no column {header}"))
    }

    /// Sets the cell at spreadsheet row `row` (1 is the header) of column `header`.
    fn set(&mut self, sheet: &str, row: usize, header: &str, value: Data) -> &mut Self {
        let c = self.col(sheet, header);
        let rows = self.rows(sheet);
        while rows.len() < row {
            let width = rows[0].len();
            rows.push(vec![Data::Empty; width]);
        }
        rows[row - 1][c] = value;
        self
    }

    fn text(&mut self, sheet: &str, row: usize, header: &str, value: &str) -> &mut Self {
        self.set(sheet, row, header, Data::String(value.into()))
    }

    /// Copies spreadsheet row `from` to the end of the sheet.
    fn copy_row(&mut self, sheet: &str, from: usize) -> &mut Self {
        let rows = self.rows(sheet);
        let r = rows[from - 1].clone();
        rows.push(r);
        self
    }

    fn save(&self, path: &Path) {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        let time = rust_xlsxwriter::Format::new().set_num_format("hh:mm");
        for (name, rows) in &self.sheets {
            let ws = wb.add_worksheet();
            let _ = ws.set_name(name).expect("name");
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    let _ = match v {
                        Data::Empty => continue,
                        Data::String(t) => ws.write_string(r, c, t),
                        Data::Float(f) => ws.write_number(r, c, *f),
                        Data::Int(i) => ws.write_number(r, c, *i as f64),
                        Data::Bool(b) => ws.write_boolean(r, c, *b),
                        Data::DateTime(dt) if dt.as_f64() < 1.0 => {
                            ws.write_number_with_format(r, c, dt.as_f64(), &time)
                        }
                        Data::DateTime(dt) => ws.write_number_with_format(r, c, dt.as_f64(), &date),
                        other => panic!("cannot write {other:?}"),
                    }
                    .expect("write cell");
                }
            }
            for (sheet, r0, c0, r1, c1) in &self.merges {
                if sheet == name {
                    // The region shows its top-left cell's text (only text cells are merged here).
                    let first = match &rows[*r0 as usize][*c0 as usize] {
                        Data::String(t) => t.clone(),
                        other => panic!("merge a text cell, not {other:?}"),
                    };
                    let _ = ws.merge_range(*r0, *c0, *r1, *c1, &first, &rust_xlsxwriter::Format::new()).expect("merge");
                }
            }
            for (sheet, r, c, formula, result) in &self.formulas {
                if sheet == name {
                    let f = rust_xlsxwriter::Formula::new(formula).set_result(result);
                    let _ = ws.write_formula(*r, *c, f).expect("formula");
                }
            }
        }
        wb.save(path).expect("save workbook");
    }

    /// Writes the workbook and imports it with the library.
    fn import(&self, dir: &Path, lang: Lang) -> Result<workbook::Imported, Vec<SheetProblem>> {
        let path = dir.join("edited.xlsx");
        self.save(&path);
        workbook::import(&path, &dir.join("out.json"), lang).map_err(|f| f.problems)
    }
}

fn problem(sheet: Option<&str>, row: Option<u32>, column: Option<&str>, message: &str) -> SheetProblem {
    SheetProblem { sheet: sheet.map(String::from), row, column: column.map(String::from), message: message.to_string() }
}

fn at(sheet: &str, row: u32, column: &str, message: &str) -> SheetProblem {
    problem(Some(sheet), Some(row), Some(column), message)
}

/// Edits the template with `edit`, imports it, and expects exactly `problems`.
fn expect_problems(edit: impl FnOnce(&mut Book), problems: &[SheetProblem]) {
    let (dir, mut book) = Book::template();
    edit(&mut book);
    match book.import(dir.path(), Lang::Fr) {
        Ok(_) => panic!("the workbook was accepted; expected {problems:?}"),
        Err(found) => assert_eq!(found, problems),
    }
}

#[test]
fn the_template_as_rewritten_by_another_writer_still_imports() {
    let (dir, book) = Book::template();
    let imported = book.import(dir.path(), Lang::Fr).expect("the template imports");
    assert_eq!(imported.instance.ues[0].activities[0].teachers, ["dupont"]);
}

#[test]
fn an_unknown_teacher_is_reported_at_its_cell_with_a_suggestion() {
    expect_problems(
        |b| {
            let _ = b.text("Activités", 2, "Enseignants", "dupond");
        },
        &[at("Activités", 2, "Enseignants", "enseignant inconnu « dupond » (vouliez-vous dire « dupont » ?)")],
    );
}

#[test]
fn messages_follow_lang_en() {
    let (dir, mut book) = Book::template();
    let _ = book.text("Activités", 2, "Enseignants", "dupont; dupond");
    let found = book.import(dir.path(), Lang::En).expect_err("rejected");
    assert_eq!(found, [at("Activités", 2, "Enseignants", "unknown teacher \"dupond\" (did you mean \"dupont\"?)")]);
    assert_eq!(
        found[0].text(Lang::En),
        "Activités, row 2, column Enseignants: unknown teacher \"dupond\" (did you mean \"dupont\"?)"
    );
    assert_eq!(
        found[0].text(Lang::Fr),
        "Activités, ligne 2, colonne Enseignants : unknown teacher \"dupond\" (did you mean \"dupont\"?)"
    );
}

#[test]
fn a_duplicate_ue_code_names_the_row_of_the_first() {
    expect_problems(
        |b| {
            let _ = b.copy_row("UE", 2);
        },
        &[at("UE", 3, "Code", "code d'UE en double « UE 1/1 » (première définition : UE, ligne 2)")],
    );
}

#[test]
fn a_slot_that_ends_before_it_starts_points_at_its_end() {
    expect_problems(
        |b| {
            let _ = b.text("Grilles horaires", 2, "Fin", "17:00");
        },
        &[at("Grilles horaires", 2, "Fin", "le début 17:15 doit précéder la fin 17:00")],
    );
}

#[test]
fn twenty_five_o_clock_is_no_time() {
    expect_problems(
        |b| {
            let _ = b.text("Grilles horaires", 2, "Début", "25:00");
        },
        &[at("Grilles horaires", 2, "Début", "heure attendue HH:MM (de 00:00 à 24:00), trouvé « 25:00 »")],
    );
}

#[test]
fn hours_must_come_in_quarters() {
    expect_problems(
        |b| {
            let _ = b.text("Activités", 2, "Heures", "2,3");
        },
        &[at("Activités", 2, "Heures", "heures attendues par quarts d'heure (p. ex. 2,25 ou 2,5), trouvé 2,3")],
    );
}

#[test]
fn an_activity_needs_a_cohort() {
    expect_problems(
        |b| {
            let _ = b.set("Activités", 2, "Cohortes", Data::Empty);
        },
        &[at("Activités", 2, "Cohortes", "au moins une cohorte attendue")],
    );
}

#[test]
fn a_missing_sheet_is_named_and_hides_what_follows_from_it() {
    // The enrolment and the placement requirement refer to the missing
    // activities and UE: those are not reported again.
    expect_problems(
        |b| b.sheets.retain(|(n, _)| n != "Activités"),
        &[problem(None, None, None, "feuille « Activités » introuvable : cette feuille est obligatoire")],
    );
    expect_problems(
        |b| {
            if let Some(s) = b.sheets.iter_mut().find(|(n, _)| n == "Activités") {
                s.0 = "Activites".into();
            }
        },
        &[problem(None, None, None, "feuille « Activités » introuvable (vouliez-vous dire « Activites » ?)")],
    );
}

#[test]
fn a_renamed_column_is_reported_at_its_header() {
    expect_problems(
        |b| {
            let c = b.col("Activités", "Enseignants");
            b.rows("Activités")[0][c] = Data::String("Enseignant".into());
        },
        &[at("Activités", 1, "Enseignant", "en-tête inconnu « Enseignant » (vouliez-vous dire « Enseignants » ?)")],
    );
    expect_problems(
        |b| {
            let c = b.col("Cohortes", "Étudiants");
            b.rows("Cohortes")[0][c] = Data::String("Effectif".into());
        },
        &[problem(Some("Cohortes"), Some(1), None, "colonne « Étudiants » introuvable : elle est obligatoire")],
    );
}

#[test]
fn hours_must_be_a_number() {
    expect_problems(
        |b| {
            let _ = b.text("Activités", 2, "Heures", "trente");
        },
        &[at("Activités", 2, "Heures", "nombre attendu (p. ex. 30 ou 2,5), trouvé « trente »")],
    );
}

#[test]
fn a_room_of_an_unknown_site() {
    expect_problems(
        |b| {
            let _ = b.text("Locaux", 2, "Site", "monss");
        },
        &[at("Locaux", 2, "Site", "site inconnu « monss » (vouliez-vous dire « mons » ?)")],
    );
}

#[test]
fn a_period_outside_the_list() {
    expect_problems(
        |b| {
            let _ = b.text("UE", 2, "Période", "Q3");
        },
        &[at("UE", 2, "Période", "valeur attendue parmi « Q1 », « Q2 », « annuel », « dates », trouvé « Q3 »")],
    );
}

#[test]
fn an_unavailability_that_ends_before_it_starts() {
    expect_problems(
        |b| {
            let _ = b.text("Indisponibilités", 2, "Du", "20/03/2026").text("Indisponibilités", 2, "Au", "02/03/2026");
        },
        &[at("Indisponibilités", 2, "Au", "la période se termine (2026-03-02) avant de commencer (2026-03-20)")],
    );
}

#[test]
fn a_day_that_is_no_day_and_a_head_count_in_words() {
    expect_problems(
        |b| {
            let _ = b.text("Grilles horaires", 2, "Jours", "lun; lux").text("Cohortes", 2, "Étudiants", "vingt");
        },
        &[
            at("Grilles horaires", 2, "Jours", "jour attendu : lun, mar, mer, jeu, ven, sam ou dim, trouvé « lux »"),
            at("Cohortes", 2, "Étudiants", "nombre entier positif ou nul attendu, trouvé « vingt »"),
        ],
    );
}

#[test]
fn alternation_needs_two_sites_and_a_fixed_site_one() {
    expect_problems(
        |b| {
            let _ = b.text("Activités", 2, "Règle de site", "alternance");
        },
        &[at("Activités", 2, "Sites", "exactement deux sites attendus pour l'alternance, trouvé 1")],
    );
    expect_problems(
        |b| {
            let _ = b.text("Activités", 2, "Sites", "mons; charleroi");
        },
        &[at("Activités", 2, "Sites", "un seul site attendu pour la règle « fixe », trouvé 2")],
    );
}

#[test]
fn the_calendar_and_the_instance_sheet_have_their_rules() {
    expect_problems(
        |b| {
            let rows = b.rows("Calendrier");
            rows.retain(|r| r[0] != Data::String("Q2".into()));
            let _ = b.copy_row("Instance", 2);
        },
        &[
            problem(Some("Instance"), Some(3), None, "une seule ligne attendue (l'instance est décrite à la ligne 2)"),
            problem(Some("Calendrier"), None, None, "ligne « Q2 » manquante (Élément « Q2 », avec Du et Au)"),
        ],
    );
}

#[test]
fn a_placement_student_in_the_wrong_cohort_and_of_an_unknown_host() {
    expect_problems(
        |b| {
            let _ = b.copy_row("Cohortes", 2).text("Cohortes", 3, "Identifiant", "b2");
            let _ = b.text("Stagiaires", 2, "Cohorte", "b2").text("Stagiaires", 2, "Préférences", "cpas-mon");
        },
        &[
            at(
                "Stagiaires",
                2,
                "Cohorte",
                "le stagiaire « s001 » est dans la cohorte « b2 » mais l'exigence « stage-b1 » vaut pour la cohorte « b1 »",
            ),
            at(
                "Stagiaires",
                2,
                "Préférences",
                "lieu de stage inconnu « cpas-mon » (vouliez-vous dire « cpas-mons » ?)",
            ),
        ],
    );
}

#[test]
fn files_that_are_no_workbook() {
    let dir = temp_dir();
    let d = dir.path();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.xlsx", b"", "le fichier est vide : un classeur .xlsx ou .ods est attendu"),
        (
            "instance.xlsx",
            b"{\"format\": \"horaire/1\"}",
            "ce n'est pas un classeur .xlsx ou .ods (on dirait un fichier JSON)",
        ),
        (
            "old.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
            "c'est un classeur de l'ancien format .xls : enregistrez-le au format .xlsx ou .ods",
        ),
        ("image.ods", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "ce n'est pas un classeur .xlsx ou .ods"),
    ];
    for (name, bytes, message) in cases {
        let path = d.join(name);
        std::fs::write(&path, bytes).expect("write");
        let problems = workbook::import(&path, &d.join("out.json"), Lang::Fr).expect_err("rejected").problems;
        assert_eq!(problems, [problem(None, None, None, message)], "{name}");
    }
    let zip = d.join("broken.xlsx");
    std::fs::write(&zip, b"PK\x03\x04 not really a zip archive").expect("write");
    let problems = workbook::import(&zip, &d.join("out.json"), Lang::Fr).expect_err("rejected").problems;
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.starts_with("ce n'est pas un classeur .xlsx ou .ods lisible ("), "{problems:?}");
}

#[test]
fn a_failed_import_exits_2_lists_every_problem_and_writes_nothing() {
    let (dir, mut book) = Book::template();
    let d = dir.path();
    let _ = book.text("Activités", 2, "Enseignants", "dupond").text("Activités", 2, "Heures", "trente");
    let _ = book.text("Grilles horaires", 2, "Début", "25:00");
    let wb = d.join("bad.xlsx");
    book.save(&wb);
    let out = d.join("instance.json");
    std::fs::write(&out, "earlier content").expect("write");
    let run = horaire(["workbook", "import", s(&wb), "--out", s(&out)]).expect_code(2);
    let prefix = format!("horaire: {}: ", wb.display());
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{prefix}Grilles horaires, ligne 2, colonne Début : heure attendue HH:MM (de 00:00 à 24:00), trouvé « 25:00 »"
            ),
            format!(
                "{prefix}Activités, ligne 2, colonne Heures : nombre attendu (p. ex. 30 ou 2,5), trouvé « trente »"
            ),
            format!(
                "{prefix}Activités, ligne 2, colonne Enseignants : enseignant inconnu « dupond » (vouliez-vous dire « dupont » ?)"
            ),
            "horaire: 3 problème(s) ; rien n'a été écrit".to_string(),
        ]
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("kept"),
        "earlier content",
        "an earlier output is never overwritten"
    );
    let absent = d.join("new.json");
    let run = horaire(["workbook", "import", s(&wb), "--out", s(&absent), "--lang", "en"]).expect_code(2);
    assert!(run.stderr.ends_with("horaire: 3 problem(s); nothing was written\n"), "{}", run.stderr);
    assert!(!absent.exists());
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
}

#[test]
fn cells_are_read_as_a_planner_means_them() {
    let (dir, reference) = Book::template();
    let expected = reference.import(dir.path(), Lang::Fr).expect("template").json;
    let (dir, mut book) = Book::template();
    // Numbers stored as text, decimal commas, times as text, dates as text.
    let _ = book.text("Activités", 2, "Heures", " 30 ").text("Activités", 2, "Heures par séance", "3,0");
    let _ = book.text("Grilles horaires", 2, "Début", "17h15").text("Grilles horaires", 2, "Fin", "20:15:00");
    let _ = book.text("Indisponibilités", 2, "Du", "02/03/2026").text("Indisponibilités", 2, "Au", "2026-03-20");
    let _ = book.text("Cohortes", 2, "Étudiants", "25");
    let _ = book.text("Grilles horaires", 2, "Jours", "Lundi; mardi ;mer; JEU; vendredi");
    // Choices in the other language, another case.
    let _ = book.text("Activités", 2, "Fréquence", "Weekly").text("UE", 2, "Période", "q1");
    // Empty trailing rows (cells of spaces) and a formula read by its cached value.
    let _ = book.text("Activités", 5, "Type", "   ");
    let c = book.col("Locaux", "Capacité") as u16;
    book.formulas.push(("Locaux".into(), 1, c, "=20*2".into(), "40".into()));
    let _ = book.set("Locaux", 2, "Capacité", Data::Empty);
    let imported = book.import(dir.path(), Lang::Fr).expect("imports");
    assert_eq!(String::from_utf8_lossy(&imported.json), String::from_utf8_lossy(&expected));

    // A UE cell merged over the rows of its activities (a cell left empty
    // there reads the same), and a grid cell
    // left empty under its first slot: both read as the value above.
    let (dir, mut book) = Book::template();
    let _ = book.copy_row("Activités", 2).text("Activités", 3, "Identifiant", "ue1-1-tp").set(
        "Activités",
        3,
        "UE",
        Data::Empty,
    );
    let c = book.col("Activités", "UE") as u16;
    book.merges.push(("Activités".into(), 1, c, 2, c));
    // A merged cell of another column counts for every row it covers too.
    let _ = book.set("Activités", 3, "Cohortes", Data::Empty);
    let c = book.col("Activités", "Cohortes") as u16;
    book.merges.push(("Activités".into(), 1, c, 2, c));
    let _ = book.copy_row("Grilles horaires", 2).set("Grilles horaires", 3, "Grille", Data::Empty);
    let _ = book.text("Grilles horaires", 3, "Jours", "sam").text("Grilles horaires", 3, "Début", "09:00");
    let _ = book.text("Grilles horaires", 3, "Fin", "12:15");
    let imported = book.import(dir.path(), Lang::Fr).expect("imports");
    let ue = &imported.instance.ues[0];
    let ids: Vec<&str> = ue.activities.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ue1-1-cours", "ue1-1-tp"]);
    assert_eq!(ue.activities[1].cohorts, ["b1"]);
    assert_eq!(imported.instance.time_grids.len(), 1);
    assert_eq!(imported.instance.time_grids[0].slots.len(), 2);
    assert_eq!(imported.instance.time_grids[0].slots[1].days, ["sat"]);
}

#[test]
fn a_calendar_file_row_names_a_shared_calendar() {
    let (dir, mut book) = Book::template();
    let d = dir.path();
    book.rows("Calendrier").truncate(1);
    let _ = book.text("Calendrier", 2, "Élément", "fichier").text(
        "Calendrier",
        2,
        "Libellé",
        "calendars/fwb-2025-2026.json",
    );
    let wb = d.join("file.xlsx");
    book.save(&wb);
    // Relative to the instance written: next to instances/calendars it reads.
    let out = d.join("instance.json");
    let problems = workbook::import(&wb, &out, Lang::Fr).expect_err("no calendar next to the output").problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].sheet.as_deref(), Some("Calendrier"));
    assert_eq!((problems[0].row, problems[0].column.as_deref()), (Some(2), Some("Libellé")));
    assert!(problems[0].message.starts_with("fichier de calendrier "), "{}", problems[0].message);
    let out = reference("not-written.json");
    let imported = workbook::import(&wb, &out, Lang::Fr).expect("the calendar file is found");
    assert!(matches!(&imported.instance.calendar, CalendarRef::Path(p) if p == "calendars/fwb-2025-2026.json"));
    assert!(!out.exists(), "import writes nothing itself");
}

// ---------------------------------------------------------------------------
// Real clients.

/// Whether a client program is there. Outside CI a missing one skips the
/// test with a notice; in CI (where `.ci/run` installs it) it fails it.
fn client(name: &str, probe: &[&str]) -> bool {
    let found = Command::new(probe[0]).args(&probe[1..]).output().is_ok_and(|o| o.status.success());
    if !found {
        common::client_missing(name, "see .ci/run");
    }
    found
}

/// Converts `files` with LibreOffice into `out`, in one run with its own
/// profile (tests run in parallel).
fn libreoffice(filter: &str, files: &[&Path], out: &Path, profile: &Path) {
    let mut cmd = Command::new("soffice");
    let _ = cmd
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", filter, "--outdir"])
        .arg(out);
    for f in files {
        let _ = cmd.arg(f);
    }
    let run = cmd.output().expect("soffice runs");
    assert!(run.status.success(), "soffice failed: {}", String::from_utf8_lossy(&run.stderr));
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(path).expect("csv");
    r.records().map(|rec| rec.expect("record").iter().map(String::from).collect()).collect()
}

#[test]
fn libreoffice_reads_the_workbooks_as_written_and_its_ods_imports_the_same() {
    if !client("LibreOffice (soffice)", &["soffice", "--version"]) {
        return;
    }
    let dir = temp_dir();
    let d = dir.path();
    let name = REFERENCE[0];
    let wb = d.join("programme.xlsx");
    workbook_ok(&["from-instance", s(&instance(name)), s(&wb)]);
    let json = d.join("programme.json");
    workbook_ok(&["import", s(&wb), "--out", s(&json)]);
    let cfg = node_config(d);
    let (tt_file, tt) = solve_and_check(&json, &cfg, &d.join("solved"));
    let export = d.join("export");
    let _ = horaire(["export", s(&json), s(&tt_file), "--format", "xlsx", "--out", s(&export)]).expect_code(0);
    let timetable_xlsx = export.join("xlsx/timetable.xlsx");
    let profile = d.join("lo-profile");

    // Every sheet as CSV, cells as shown (dates as dd/mm/yyyy, times as hh:mm).
    let csv_dir = d.join("csv");
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
    libreoffice(filter, &[&wb, &timetable_xlsx], &csv_dir, &profile);
    let sheet = |book: &str, sheet: &str| csv_rows(&csv_dir.join(format!("{book}-{sheet}.csv")));
    let v: Value = serde_json::from_slice(&read(&instance(name))).expect("instance");
    let activities: Vec<(&Value, &Value)> = v["ues"]
        .as_array()
        .expect("ues")
        .iter()
        .flat_map(|u| u["activities"].as_array().expect("a").iter().map(move |a| (u, a)))
        .collect();
    let rows = sheet("programme", "Activités");
    assert_eq!(rows[0][..4], ["UE", "Identifiant", "Type", "Heures"]);
    assert_eq!(rows.len(), activities.len() + 1);
    let join =
        |a: &Value| a.as_array().expect("list").iter().map(|x| x.as_str().expect("id")).collect::<Vec<_>>().join("; ");
    for (row, (u, a)) in rows[1..].iter().zip(&activities) {
        assert_eq!(row[0], u["code"].as_str().expect("code"));
        assert_eq!(row[1], a["id"].as_str().expect("id"));
        assert_eq!(row[3].parse::<f64>().expect("hours"), a["hours"].as_f64().expect("hours"));
        assert_eq!(row[5], join(&a["teachers"]));
        assert_eq!(row[6], join(&a["cohorts"]));
    }
    let grid = sheet("programme", "Grilles horaires");
    let slots: Vec<&Value> =
        v["time_grids"].as_array().expect("grids").iter().flat_map(|g| g["slots"].as_array().expect("slots")).collect();
    assert_eq!(grid.len(), slots.len() + 1);
    for (row, slot) in grid[1..].iter().zip(&slots) {
        assert_eq!(
            (row[2].as_str(), row[3].as_str()),
            (slot["start"].as_str().expect("s"), slot["end"].as_str().expect("e"))
        );
    }
    let cal = sheet("programme", "Calendrier");
    let year = cal.iter().find(|r| r[0] == "année").expect("year row");
    assert_eq!(year[1..3], ["15/09/2025", "13/09/2026"]);
    let meetings = tt["meetings"].as_array().expect("meetings");
    let exported = sheet("timetable", "Séances");
    assert_eq!(exported.len(), meetings.len() + 1, "one row per meeting");
    let iso = |shown: &str| {
        let p: Vec<&str> = shown.split('/').collect();
        format!("{}-{}-{}", p[2], p[1], p[0])
    };
    for (row, m) in exported[1..].iter().zip(meetings) {
        assert_eq!(iso(&row[0]), m["date"].as_str().expect("date"));
        assert_eq!(row[2], m["start"].as_str().expect("start"));
        assert_eq!(row[7], m["activity"].as_str().expect("activity"));
    }

    // LibreOffice's .ods, and its own .xlsx, import to the same instance.
    libreoffice("ods", &[&wb], &d.join("ods"), &profile);
    libreoffice("xlsx:Calc MS Excel 2007 XML", &[&wb], &d.join("lo-xlsx"), &profile);
    for converted in [d.join("ods/programme.ods"), d.join("lo-xlsx/programme.xlsx")] {
        let out = d.join("from-libreoffice.json");
        workbook_ok(&["import", s(&converted), "--out", s(&out)]);
        assert_eq!(read(&out), read(&json), "{} imports to another instance", converted.display());
    }
}

#[test]
fn openpyxl_reads_the_template_with_comments_lists_and_frozen_headers() {
    if !client("python3 with openpyxl", &["python3", "-c", "import openpyxl"]) {
        return;
    }
    let dir = temp_dir();
    let d = dir.path();
    let wb = d.join("template.xlsx");
    workbook_ok(&["template", s(&wb)]);
    let programme = d.join("programme.xlsx");
    workbook_ok(&["from-instance", s(&instance(REFERENCE[3])), s(&programme)]);
    let script = r#"
import json, sys, openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    book = {}
    for ws in wb.worksheets:
        header = [c for c in ws[1] if c.value is not None]
        lists = {}
        for dv in ws.data_validations.dataValidation:
            for cells in str(dv.sqref).split():
                col = ''.join(ch for ch in cells.split(':')[0] if ch.isalpha())
                lists[col] = [dv.type, dv.formula1, dv.errorStyle or 'stop']
        book[ws.title] = {
            "headers": [c.value for c in header],
            "comments": sum(1 for c in header if c.comment is not None and c.comment.text.strip()),
            "frozen": ws.freeze_panes,
            "rows": sum(1 for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)),
            "lists": lists,
        }
    out[path] = book
print(json.dumps(out))
"#;
    let run = Command::new("python3").arg("-c").arg(script).arg(&wb).arg(&programme).output().expect("python3 runs");
    assert!(run.status.success(), "openpyxl failed: {}", String::from_utf8_lossy(&run.stderr));
    let v: Value = serde_json::from_slice(&run.stdout).expect("JSON from python");
    let t = &v[s(&wb)];
    let activities = &t["Activités"];
    assert_eq!(activities["headers"][0], "UE");
    assert_eq!(
        activities["comments"],
        activities["headers"].as_array().expect("headers").len(),
        "a comment on every header"
    );
    assert_eq!(activities["frozen"], "A2");
    assert_eq!(activities["rows"], 1, "one example row");
    // Fixed values are a closed list; ids of other sheets a list that only warns.
    assert_eq!(activities["lists"]["H"], serde_json::json!(["list", "\"fixe,alternance,au choix\"", "stop"]));
    assert_eq!(activities["lists"]["F"][1], "'Enseignants'!$F$2:$F$501".replace("$F", "$A"));
    assert_eq!(activities["lists"]["A"], serde_json::json!(["list", "'UE'!$A$2:$A$501", "warning"]));
    assert_eq!(t["UE"]["lists"]["F"][1], "\"Q1,Q2,annuel,dates\"");
    for name in ["Instance", "Calendrier", "Sites", "Locaux", "Enseignants", "Cohortes", "UE", "Stagiaires"] {
        assert_eq!(t[name]["frozen"], "A2", "{name}");
        assert!(t[name]["rows"].as_u64().expect("rows") >= 1, "{name} has an example row");
    }
    let p = &v[s(&programme)];
    let inst: Value = serde_json::from_slice(&read(&instance(REFERENCE[3]))).expect("instance");
    let count = |k: &str| inst[k].as_array().expect(k).len();
    assert_eq!(p["UE"]["rows"], count("ues"));
    assert_eq!(p["Enseignants"]["rows"], count("teachers"));
    assert_eq!(p["Cohortes"]["rows"], count("cohorts"));
    assert_eq!(p["Inscriptions"]["rows"], count("enrolments"));
    let acts: usize =
        inst["ues"].as_array().expect("ues").iter().map(|u| u["activities"].as_array().expect("a").len()).sum();
    assert_eq!(p["Activités"]["rows"], acts);
}

// ---------------------------------------------------------------------------
// Damaged files and mistaken paths.

#[test]
fn damaged_workbooks_are_refused_without_a_panic() {
    // The template cut short at many places and with bytes overwritten:
    // each import ends with problems (or, for a harmless change, an
    // instance), never with a panic.
    let dir = temp_dir();
    let d = dir.path();
    let good = workbook::template(Lang::Fr).expect("template");
    let out = d.join("out.json");
    let mut refused = 0;
    for k in 1..40 {
        let cut = good.len() * k / 40;
        let path = d.join(format!("cut-{k}.xlsx"));
        std::fs::write(&path, &good[..cut]).expect("write");
        let failure = workbook::import(&path, &out, Lang::Fr).expect_err("a truncated workbook is refused");
        assert_eq!(failure.problems.len(), 1, "cut at {cut}: {:?}", failure.problems);
        assert_eq!(failure.problems[0].sheet, None);
        refused += 1;
        // A run of bytes overwritten inside the archive.
        let mut bad = good.clone();
        for b in &mut bad[cut..(cut + 64).min(good.len())] {
            *b = b.wrapping_mul(31).wrapping_add(7);
        }
        let path = d.join(format!("flipped-{k}.xlsx"));
        std::fs::write(&path, &bad).expect("write");
        if let Err(f) = workbook::import(&path, &out, Lang::Fr) {
            assert!(!f.problems.is_empty());
        }
    }
    assert_eq!(refused, 39);
    assert!(!out.exists(), "the library writes nothing itself");
}

#[test]
fn an_output_that_would_overwrite_the_workbook_is_refused() {
    let dir = temp_dir();
    let d = dir.path();
    let wb = d.join("programme.xlsx");
    workbook_ok(&["template", s(&wb)]);
    let before = read(&wb);
    // `--out` naming the workbook itself, or another spreadsheet.
    let run = horaire(["workbook", "import", s(&wb), "--out", s(&wb)]).expect_code(2);
    assert_eq!(
        run.stderr,
        format!("horaire: {}: la sortie serait le classeur lui-même : donnez-lui un nom en .json\n", wb.display())
    );
    // The same file under another name: a symbolic link to the workbook.
    let link = d.join("link");
    std::os::unix::fs::symlink(&wb, &link).expect("symlink");
    let run = horaire(["workbook", "import", s(&wb), "--out", s(&link), "--lang", "en"]).expect_code(2);
    assert_eq!(
        run.stderr,
        format!("horaire: {}: the output would be the workbook itself: name it ….json\n", link.display())
    );
    for target in [d.join("other.ods"), d.join("OTHER.XLSX")] {
        let run = horaire(["workbook", "import", s(&wb), "--out", s(&target)]).expect_code(2);
        assert_eq!(
            run.stderr,
            format!(
                "horaire: {}: l'instance s'écrit en JSON : donnez à la sortie un nom en .json, pas celui d'un classeur\n",
                target.display()
            )
        );
    }
    assert_eq!(read(&wb), before, "the workbook is left as it was");
    assert!(!d.join("other.ods").exists() && !d.join("OTHER.XLSX").exists());
    // Workbooks are written as .xlsx only.
    for (args, name) in [(vec!["template"], "blank.ods"), (vec!["from-instance", s(&instance(REFERENCE[0]))], "x.json")]
    {
        let target = d.join(name);
        let run = horaire(["workbook"]).args(args).arg(&target).args(["--lang", "en"]).expect_code(2);
        assert_eq!(
            run.stderr,
            format!("horaire: {}: the workbook is written as .xlsx: name it ….xlsx\n", target.display())
        );
        assert!(!target.exists());
    }
}

// ---------------------------------------------------------------------------
// The timetable workbook.

#[test]
fn the_timetable_workbook_has_the_same_bytes_twice_and_english_labels() {
    let dir = temp_dir();
    let d = dir.path();
    let (inst, tt, plan) = (
        common::fixture("export/instance.json"),
        common::fixture("export/timetable.json"),
        common::fixture("export/placements.json"),
    );
    let export = |out: &Path, lang: &str| -> Vec<u8> {
        let args = ["export", s(&inst), s(&tt), "--format", "xlsx", "--placements", s(&plan), "--lang", lang];
        let _ = horaire(args).args(["--out", s(out)]).expect_code(0);
        read(&out.join("xlsx/timetable.xlsx"))
    };
    let first = export(&d.join("a"), "fr");
    assert_eq!(first, export(&d.join("b"), "fr"), "the same inputs give the same bytes");
    let en = export(&d.join("en"), "en");
    let book: calamine::Xlsx<_> = calamine::open_workbook(d.join("en/xlsx/timetable.xlsx")).expect("open");
    let cohorts: Vec<String> = common::read_json(&inst)["cohorts"]
        .as_array()
        .expect("cohorts")
        .iter()
        .map(|c| format!("Grid {}", c["id"].as_str().expect("id")))
        .collect();
    let mut expected = vec!["Meetings".to_string()];
    expected.extend(cohorts);
    expected.extend(["Teacher hours".to_string(), "Placements".to_string()]);
    assert_eq!(book.sheet_names(), expected);
    assert_ne!(en, first);
    let rows = sheet_rows(&d.join("en/xlsx/timetable.xlsx"), "Meetings");
    assert_eq!(rows[0][0], Data::String("Date".into()));
    assert_eq!(rows[0][11], Data::String("Teachers".into()));
    let meetings = common::read_json(&tt)["meetings"].as_array().expect("meetings").len();
    assert_eq!(rows.len(), meetings + 1);
}

#[test]
fn an_ods_file_reports_its_problems_at_the_same_cells() {
    if !client("LibreOffice (soffice)", &["soffice", "--version"]) {
        return;
    }
    let (dir, mut book) = Book::template();
    let d = dir.path();
    let _ = book.text("Activités", 2, "Enseignants", "dupond").text("Activités", 2, "Heures", "2,3");
    let _ = book.text("Grilles horaires", 2, "Fin", "17:00").copy_row("UE", 2);
    let xlsx = d.join("bad.xlsx");
    book.save(&xlsx);
    libreoffice("ods", &[&xlsx], &d.join("ods"), &d.join("lo-profile"));
    let ods = d.join("ods/bad.ods");
    let expected = [
        at("Grilles horaires", 2, "Fin", "le début 17:15 doit précéder la fin 17:00"),
        at("UE", 3, "Code", "code d'UE en double « UE 1/1 » (première définition : UE, ligne 2)"),
        at("Activités", 2, "Heures", "heures attendues par quarts d'heure (p. ex. 2,25 ou 2,5), trouvé 2,3"),
        at("Activités", 2, "Enseignants", "enseignant inconnu « dupond » (vouliez-vous dire « dupont » ?)"),
    ];
    for file in [&xlsx, &ods] {
        let failure = workbook::import(file, &d.join("out.json"), Lang::Fr).expect_err("rejected");
        assert_eq!(failure.problems, expected, "{}", file.display());
    }
}
