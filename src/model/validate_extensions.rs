//! Validation of the documented extensions of `horaire/1`: a teacher's
//! `service_hours`, a programme's competence framework (`competences:
//! [{id, title}]`) and the competences a UE develops (`competences: [id]`).
//!
//! Problems are located like every other one (file, JSON path, what was
//! expected); an unknown competence id gets the same "did you mean"
//! suggestion as an unknown site or teacher.

use super::error::Problem;
use super::file::InstanceFile;
use super::instance::{Competence, Extensions};
use super::validate::suggestion;
use std::collections::HashMap;
use std::path::Path;

/// The most hours a yearly service target may give.
const MAX_SERVICE_HOURS: f64 = 100_000.0;

/// Checks the extension keys of `f`, appending every problem to
/// `problems`, and returns them typed (indexed like the file's teachers,
/// programmes and UEs).
pub fn validate_extensions(file: &Path, f: &InstanceFile, problems: &mut Vec<Problem>) -> Extensions {
    let mut err = |path: String, msg: String| problems.push(Problem::new(file, path, msg));

    let service_minutes = f
        .teachers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let h = t.service_hours?;
            let quarters = h * 4.0;
            if !h.is_finite() || h <= 0.0 || h > MAX_SERVICE_HOURS {
                err(format!("teachers[{i}].service_hours"), format!("expected a positive number of hours, found {h}"));
                None
            } else if (quarters - quarters.round()).abs() > 1e-9 {
                err(
                    format!("teachers[{i}].service_hours"),
                    format!("expected hours in quarters of an hour (e.g. 180, 37.5), found {h}"),
                );
                None
            } else {
                Some(quarters.round() as u32 * 15)
            }
        })
        .collect();

    let mut frameworks: Vec<HashMap<String, u32>> = Vec::new();
    let mut competences = Vec::new();
    for (i, p) in f.programmes.iter().enumerate() {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut list = Vec::new();
        for (j, c) in p.competences.iter().enumerate() {
            let at = format!("programmes[{i}].competences[{j}]");
            if c.id.trim().is_empty() {
                err(format!("{at}.id"), "expected a non-empty competence id".to_string());
            } else if let Some(&first) = ids.get(&c.id) {
                err(
                    format!("{at}.id"),
                    format!(
                        "duplicate competence id \"{}\" (first defined at programmes[{i}].competences[{first}].id)",
                        c.id
                    ),
                );
            } else {
                let _ = ids.insert(c.id.clone(), j as u32);
            }
            if c.title.trim().is_empty() {
                err(format!("{at}.title"), "expected the competence's title, found an empty string".to_string());
            }
            list.push(Competence { id: c.id.clone(), title: c.title.clone() });
        }
        frameworks.push(ids);
        competences.push(list);
    }

    let programme_of: HashMap<&str, usize> = f.programmes.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let ue_competences = f
        .ues
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut mine: Vec<usize> = Vec::new();
            // An unknown programme is reported by the main validation.
            let Some(&p) = programme_of.get(u.programme.as_str()) else { return mine };
            for (k, c) in u.competences.iter().enumerate() {
                let at = format!("ues[{i}].competences[{k}]");
                if frameworks[p].is_empty() {
                    err(
                        at,
                        format!(
                            "programme \"{}\" has no competence framework: give it under programmes[{p}].competences",
                            u.programme
                        ),
                    );
                    continue;
                }
                match frameworks[p].get(c) {
                    Some(&j) if mine.contains(&(j as usize)) => {
                        err(at, format!("competence \"{c}\" is listed twice"));
                    }
                    Some(&j) => mine.push(j as usize),
                    None => err(
                        at,
                        format!(
                            "unknown competence \"{c}\" of programme \"{}\"{}",
                            u.programme,
                            suggestion(&frameworks[p], c)
                        ),
                    ),
                }
            }
            mine
        })
        .collect();

    Extensions { service_minutes, competences, ue_competences, pins: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::file::InstanceFile;

    fn file(extra_teacher: &str, programme: &str, ue: &str) -> InstanceFile {
        let json = format!(
            r#"{{"format": "horaire/1", "name": "x", "calendar": "c.json", "sites": [], "time_grids": [],
            "teachers": [{{"id": "t1"{extra_teacher}}}], "cohorts": [],
            "programmes": [{{"id": "p", "time_grid": "g"{programme}}}],
            "ues": [{{"code": "U1", "title": "u", "programme": "p", "period": "Q1"{ue}}}]}}"#
        );
        serde_json::from_str(&json).expect("a parsable instance file")
    }

    fn problems(f: &InstanceFile) -> (Extensions, Vec<String>) {
        let mut out = Vec::new();
        let ext = validate_extensions(Path::new("i.json"), f, &mut out);
        (ext, out.into_iter().map(|p| format!("{}: {}", p.path, p.message)).collect())
    }

    #[test]
    fn valid_extensions_are_typed() {
        let f = file(
            r#", "service_hours": 37.5"#,
            r#", "competences": [{"id": "C1", "title": "Un"}, {"id": "C2", "title": "Deux"}]"#,
            r#", "competences": ["C2", "C1"]"#,
        );
        let (ext, p) = problems(&f);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(ext.service_minutes, vec![Some(2250)]);
        assert_eq!(ext.competences[0][1], Competence { id: "C2".into(), title: "Deux".into() });
        assert_eq!(ext.ue_competences, vec![vec![1, 0]]);
    }

    #[test]
    fn every_problem_is_located() {
        let f = file(
            r#", "service_hours": -3"#,
            r#", "competences": [{"id": "comp-a", "title": ""}, {"id": "comp-a", "title": "b"}]"#,
            r#", "competences": ["comp-b", "comp-a", "comp-a"]"#,
        );
        let (_, p) = problems(&f);
        assert_eq!(
            p,
            [
                "teachers[0].service_hours: expected a positive number of hours, found -3",
                "programmes[0].competences[0].title: expected the competence's title, found an empty string",
                "programmes[0].competences[1].id: duplicate competence id \"comp-a\" (first defined at \
                 programmes[0].competences[0].id)",
                "ues[0].competences[0]: unknown competence \"comp-b\" of programme \"p\" (did you mean \"comp-a\"?)",
                "ues[0].competences[2]: competence \"comp-a\" is listed twice",
            ]
        );
    }

    #[test]
    fn a_ue_cannot_name_competences_its_programme_lacks() {
        let (_, p) = problems(&file("", "", r#", "competences": ["C1"]"#));
        assert_eq!(
            p,
            [
                "ues[0].competences[0]: programme \"p\" has no competence framework: give it under programmes[0].competences"
            ]
        );
        let (_, p) = problems(&file(r#", "service_hours": 10.1"#, "", ""));
        assert_eq!(
            p,
            ["teachers[0].service_hours: expected hours in quarters of an hour (e.g. 180, 37.5), found 10.1"]
        );
    }
}
