//! The instance validation's messages in the planner's words and language.
//!
//! Validation words its problems in English with JSON paths. Each message
//! shape it uses has an entry here: the English template and its French
//! wording (the English one is kept, minus JSON notation). A message of a
//! shape not listed here is shown as validation wrote it.

use super::Lang;
use super::cells::quote;

/// A validation message reworded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reworded {
    pub text: String,
    /// For a problem about a whole row, the sub-path of the cell to point
    /// at (`.end` for a slot that ends before it starts).
    pub hint: Option<&'static str>,
}

/// The captures of `msg` against `template`, whose `{}` each stand for any
/// text (the shortest that lets the rest match, except the last).
fn capture<'a>(template: &str, msg: &'a str) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let mut rest = msg.strip_prefix(parts[0])?;
    let mut caps = Vec::new();
    for (i, lit) in parts.iter().enumerate().skip(1) {
        if i == parts.len() - 1 {
            caps.push(rest.strip_suffix(lit)?);
            rest = "";
        } else {
            let k = if lit.is_empty() { 0 } else { rest.find(lit)? };
            caps.push(&rest[..k]);
            rest = &rest[k + lit.len()..];
        }
    }
    rest.is_empty().then_some(caps)
}

/// A kind of id as validation names it: its French noun, whether it is
/// feminine, and the sheet (French, English) that defines it.
fn kind(k: &str) -> Option<(&'static str, bool, &'static str, &'static str)> {
    Some(match k {
        "site" => ("site", false, "Sites", "Sites"),
        "room" => ("local", false, "Locaux", "Rooms"),
        "time grid" => ("grille horaire", true, "Grilles horaires", "Time grids"),
        "teacher" => ("enseignant", false, "Enseignants", "Teachers"),
        "cohort" => ("cohorte", true, "Cohortes", "Cohorts"),
        "programme" => ("programme", false, "Programmes", "Programmes"),
        "UE" => ("UE", true, "UE", "UEs"),
        "activity" => ("activité", true, "Activités", "Activities"),
        "student" => ("étudiant", false, "Inscriptions", "Enrolments"),
        "host" => ("lieu de stage", false, "Lieux de stage", "Hosts"),
        "requirement" => ("exigence de stage", true, "Exigences de stage", "Placement requirements"),
        _ => return None,
    })
}

/// `de x` or `d'x`.
fn de(noun: &str) -> String {
    match noun.chars().next() {
        Some('a' | 'e' | 'é' | 'i' | 'o' | 'u' | 'U' | 'h') => format!("d'{noun}"),
        _ => format!("de {noun}"),
    }
}

/// `"a", "b"` → `« a », « b »`: straight quotes taken in pairs.
fn guillemets(s: &str) -> String {
    let mut out = String::new();
    let mut open = false;
    for ch in s.chars() {
        if ch == '"' {
            out.push_str(if open { " »" } else { "« " });
            open = !open;
        } else {
            out.push(ch);
        }
    }
    out
}

/// A number as French writes it.
fn num_fr(s: &str) -> String {
    s.replace('.', ",")
}

/// The end of an "unknown …" message: a suggestion or the known ids.
fn suggestion_tail(tail: &str, k: &str, lang: Lang) -> String {
    let info = kind(k);
    if let Some(best) = capture(" (did you mean \"{}\"?)", tail) {
        return match lang {
            Lang::Fr => format!(" (vouliez-vous dire {} ?)", quote(best[0], lang)),
            Lang::En => tail.to_string(),
        };
    }
    if tail == " (none is defined)" {
        return match (lang, info) {
            (Lang::Fr, Some((_, fem, sheet, _))) => {
                let none = if fem { "aucune n'est définie" } else { "aucun n'est défini" };
                format!(" ({none} sur la feuille {sheet})")
            }
            (Lang::Fr, None) => " (aucun n'est défini)".to_string(),
            (Lang::En, Some((.., sheet))) => format!(" (none is defined on the {sheet} sheet)"),
            (Lang::En, None) => tail.to_string(),
        };
    }
    if let Some(list) = capture(" (expected one of {})", tail) {
        return match lang {
            Lang::Fr => format!(" (attendu : {})", guillemets(list[0])),
            Lang::En => tail.to_string(),
        };
    }
    tail.to_string()
}

/// The message of an unknown id, in the same words as validation's
/// (for references the workbook resolves itself, such as a room's site).
pub(crate) fn unknown(k: &'static str, id: &str, known: &[&str], lang: Lang) -> String {
    let mut sorted: Vec<&str> = known.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let close = |c: &&&str| {
        let d = strsim::levenshtein(c, id);
        d <= 2 && 2 * d < id.chars().count()
    };
    let tail = if let Some(best) = sorted.iter().filter(close).min_by_key(|c| strsim::levenshtein(c, id)) {
        format!(" (did you mean \"{best}\"?)")
    } else if sorted.is_empty() {
        " (none is defined)".to_string()
    } else {
        let shown: Vec<String> = sorted.iter().take(8).map(|c| format!("\"{c}\"")).collect();
        format!(" (expected one of {}{})", shown.join(", "), if sorted.len() > 8 { ", …" } else { "" })
    };
    reword(&format!("unknown {k} \"{id}\"{tail}"), lang, &|p| p.to_string()).text
}

/// Rewords one validation message. `place` turns a JSON path quoted in the
/// message (`first defined at …`) into a sheet and row.
pub(crate) fn reword(msg: &str, lang: Lang, place: &dyn Fn(&str) -> String) -> Reworded {
    let plain = |text: String| Reworded { text, hint: None };
    let fr = lang == Lang::Fr;
    let q = |s: &str| quote(s, lang);
    let m = |t: &str| capture(t, msg);

    if let Some(c) = m("unknown {} \"{}\"{}") {
        if let Some((noun, fem, ..)) = kind(c[0]) {
            let tail = suggestion_tail(c[2], c[0], lang);
            return plain(if fr {
                format!("{noun} {} {}{tail}", if fem { "inconnue" } else { "inconnu" }, q(c[1]))
            } else {
                format!("unknown {} {}{tail}", c[0], q(c[1]))
            });
        }
    }
    if let Some(c) = m("duplicate {} {} \"{}\" (first defined at {})") {
        if let Some((noun, ..)) = kind(c[0]) {
            let what = if c[1] == "code" { "code" } else { "identifiant" };
            return plain(if fr {
                format!("{what} {} en double {} (première définition : {})", de(noun), q(c[2]), place(c[3]))
            } else {
                format!("duplicate {} {} {} (first defined at {})", c[0], c[1], q(c[2]), place(c[3]))
            });
        }
    }
    if let Some(c) = m("expected a non-empty {} {}") {
        if let Some((noun, ..)) = kind(c[0]) {
            let what = if c[1] == "code" { "code" } else { "identifiant" };
            return plain(if fr {
                format!("{what} {} attendu : la cellule est vide", de(noun))
            } else {
                format!("expected a {} {}: the cell is empty", c[0], c[1])
            });
        }
    }
    if let Some(c) = m("{} \"{}\" is listed twice") {
        let text = match (lang, c[0]) {
            (Lang::Fr, "teacher") => format!("l'enseignant {} est cité deux fois", q(c[1])),
            (Lang::Fr, "cohort") => format!("la cohorte {} est citée deux fois", q(c[1])),
            (Lang::Fr, "site") => format!("le site {} est cité deux fois", q(c[1])),
            (Lang::Fr, other) => format!("{other} {} est cité deux fois", q(c[1])),
            (Lang::En, other) => format!("{other} {} is listed twice", q(c[1])),
        };
        return plain(text);
    }
    // Messages whose English wording stays, with their French one.
    type Fr = fn(&[&str]) -> String;
    let table: &[(&str, Fr, Option<&'static str>)] = &[
        (
            "expected a real date YYYY-MM-DD, found \"{}\"",
            |c| format!("date réelle attendue (AAAA-MM-JJ ou JJ/MM/AAAA), trouvé « {} »", c[0]),
            None,
        ),
        (
            "the range ends ({}) before it starts ({})",
            |c| format!("la période se termine ({}) avant de commencer ({})", c[0], c[1]),
            Some(".to"),
        ),
        (
            "expected a time HH:MM (00:00 to 24:00), found \"{}\"",
            |c| format!("heure attendue HH:MM (de 00:00 à 24:00), trouvé « {} »", c[0]),
            None,
        ),
        (
            "start {} must be before end {}",
            |c| format!("le début {} doit précéder la fin {}", c[0], c[1]),
            Some(".end"),
        ),
        ("expected at least one day (mon..sun)", |_| "au moins un jour attendu (lun à dim)".into(), None),
        (
            "expected a day mon, tue, wed, thu, fri, sat or sun, found \"{}\"",
            |c| format!("jour attendu : lun, mar, mer, jeu, ven, sam ou dim, trouvé « {} »", c[0]),
            None,
        ),
        (
            "expected a positive number of hours, found {}",
            |c| format!("nombre d'heures positif attendu, trouvé {}", num_fr(c[0])),
            None,
        ),
        (
            "expected hours in quarters of an hour (e.g. 2.25, 2.5), found {}",
            |c| format!("heures attendues par quarts d'heure (p. ex. 2,25 ou 2,5), trouvé {}", num_fr(c[0])),
            None,
        ),
        (
            "give both start and end, or neither (the whole day)",
            |_| "donnez le début et la fin, ou aucun des deux (toute la journée)".into(),
            None,
        ),
        ("expected a capacity of at least 1 seat", |_| "capacité d'au moins 1 place attendue".into(), None),
        ("expected two different sites", |_| "deux sites différents attendus".into(), Some(".to")),
        (
            "travel from \"{}\" to \"{}\" is given twice",
            |c| format!("le trajet de « {} » à « {} » est donné deux fois", c[0], c[1]),
            None,
        ),
        ("expected at least one slot", |_| "au moins un créneau attendu".into(), None),
        ("expected 1 to 7 days, found {}", |c| format!("de 1 à 7 jours attendus, trouvé {}", c[0]), None),
        (
            "cohort \"{}\" is its own ancestor: the parent chain forms a cycle",
            |c| format!("la cohorte « {} » est sa propre ancêtre : la chaîne des parents forme un cycle", c[0]),
            None,
        ),
        (
            "cohort \"{}\" has {} students, more than its parent \"{}\" ({})",
            |c| {
                format!(
                    "la cohorte « {} » compte {} étudiants, plus que sa cohorte parente « {} » ({})",
                    c[0], c[1], c[2], c[3]
                )
            },
            None,
        ),
        ("expected 1 to 7, found {}", |c| format!("de 1 à 7 attendu, trouvé {}", c[0]), None),
        (
            "the period {}..{} must lie inside the academic year {}..{}",
            |c| {
                format!(
                    "la période du {} au {} doit se trouver dans l'année académique (du {} au {})",
                    c[0], c[1], c[2], c[3]
                )
            },
            None,
        ),
        ("a UE cannot be its own co-requisite", |_| "une UE ne peut pas être son propre corequis".into(), None),
        (
            "expected a non-negative number of credits, found {}",
            |c| format!("nombre de crédits positif ou nul attendu, trouvé {}", num_fr(c[0])),
            None,
        ),
        (
            "a session of {} h does not fit the longest slot of time grid \"{}\" ({} h)",
            |c| {
                format!(
                    "une séance de {} h ne tient pas dans le plus long créneau de la grille « {} » ({} h)",
                    num_fr(c[0]),
                    c[1],
                    num_fr(c[2])
                )
            },
            None,
        ),
        ("expected at least one cohort", |_| "au moins une cohorte attendue".into(), None),
        (
            "expected exactly two sites to alternate between, found {}",
            |c| format!("exactement deux sites attendus pour l'alternance, trouvé {}", c[0]),
            None,
        ),
        (
            "expected two different sites, found \"{}\" twice",
            |c| format!("deux sites différents attendus, trouvé « {} » deux fois", c[0]),
            None,
        ),
        ("expected at least one site", |_| "au moins un site attendu".into(), None),
        (
            "expected at least one opening slot",
            |_| "au moins un créneau d'ouverture attendu (feuille Ouvertures)".into(),
            None,
        ),
        ("expected a capacity of at least 1 student", |_| "capacité d'au moins 1 stagiaire attendue".into(), None),
        (
            "the placement window {}..{} must lie inside the academic year {}..{}",
            |c| {
                format!(
                    "la fenêtre de stage du {} au {} doit se trouver dans l'année académique (du {} au {})",
                    c[0], c[1], c[2], c[3]
                )
            },
            None,
        ),
        ("expected at most 24 hours a day", |_| "au plus 24 heures par jour attendues".into(), None),
        (
            "student \"{}\" is in cohort \"{}\" but requirement \"{}\" is for cohort \"{}\"",
            |c| {
                format!(
                    "le stagiaire « {} » est dans la cohorte « {} » mais l'exigence « {} » vaut pour la cohorte « {} »",
                    c[0], c[1], c[2], c[3]
                )
            },
            None,
        ),
        ("Q2 must start after Q1 ends ({})", |c| format!("Q2 doit commencer après la fin de Q1 ({})", c[0]), None),
        (
            "{} ({}..{}) must lie inside the year ({}..{})",
            |c| format!("{} (du {} au {}) doit se trouver dans l'année (du {} au {})", c[0], c[1], c[2], c[3], c[4]),
            None,
        ),
        ("the calendar could not be read", |_| "le calendrier n'a pas pu être lu".into(), None),
        (
            "cannot read the calendar file {}: {}",
            |c| format!("fichier de calendrier {} illisible : {}", c[0], c[1]),
            None,
        ),
        (
            "activity \"{}\" of {} cannot meet: the time grid has no open slot in period {}",
            |c| {
                format!(
                    "l'activité « {} » de {} ne peut pas avoir lieu : la grille horaire n'a aucun créneau ouvert dans la période {}",
                    c[0],
                    c[1],
                    period_fr(c[2])
                )
            },
            None,
        ),
        (
            "activity \"{}\" of {} cannot meet: teacher(s) {} are unavailable on every one of its {} open slots in period {}",
            |c| {
                format!(
                    "l'activité « {} » de {} ne peut pas avoir lieu : enseignant(s) {} indisponible(s) sur chacun de ses {} créneaux ouverts de la période {}",
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    period_fr(c[4])
                )
            },
            None,
        ),
    ];
    for (template, french, hint) in table {
        if let Some(c) = m(template) {
            let text = if fr { french(&c) } else { msg.to_string() };
            return Reworded { text, hint: *hint };
        }
    }
    // JSON notation a planner does not see in a workbook.
    if let Some(c) = m("expected \"Q1\", \"Q2\", \"annual\" or {\"from\": date, \"to\": date}, found \"{}\"") {
        return plain(if fr {
            format!("période attendue : Q1, Q2, annuel ou dates, trouvé {}", q(c[0]))
        } else {
            format!("expected Q1, Q2, annual or dates, found {}", q(c[0]))
        });
    }
    if let Some(c) = m("expected \"weekly\", \"fortnightly\" or \"any\", found \"{}\"") {
        return plain(if fr {
            format!("fréquence attendue : hebdomadaire, quinzaine ou libre, trouvé {}", q(c[0]))
        } else {
            format!("expected weekly, fortnightly or any, found {}", q(c[0]))
        });
    }
    plain(msg.to_string())
}

fn period_fr(p: &str) -> String {
    if p == "annual" { "annuel".to_string() } else { p.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(msg: &str) -> String {
        reword(msg, Lang::Fr, &|p| format!("<{p}>")).text
    }

    #[test]
    fn templates_capture_their_holes() {
        assert_eq!(capture("unknown {} \"{}\"{}", "unknown teacher \"Dupond\""), Some(vec!["teacher", "Dupond", ""]));
        assert_eq!(
            capture("start {} must be before end {}", "start 18:00 must be before end 17:00"),
            Some(vec!["18:00", "17:00"])
        );
        assert_eq!(capture("expected at least one slot", "expected at least one slot!"), None);
        assert_eq!(capture("expected at least one slot", "expected at least one slot"), Some(vec![]));
    }

    #[test]
    fn validation_messages_read_in_french() {
        assert_eq!(
            fr("unknown teacher \"Dupond\" (did you mean \"Dupont\"?)"),
            "enseignant inconnu « Dupond » (vouliez-vous dire « Dupont » ?)"
        );
        assert_eq!(
            fr("unknown cohort \"b3\" (none is defined)"),
            "cohorte inconnue « b3 » (aucune n'est définie sur la feuille Cohortes)"
        );
        assert_eq!(
            fr("unknown site \"x\" (expected one of \"a\", \"b\", …)"),
            "site inconnu « x » (attendu : « a », « b », …)"
        );
        assert_eq!(
            fr("duplicate UE code \"UE 1/4\" (first defined at ues[0].code)"),
            "code d'UE en double « UE 1/4 » (première définition : <ues[0].code>)"
        );
        assert_eq!(fr("expected a non-empty teacher id"), "identifiant d'enseignant attendu : la cellule est vide");
        assert_eq!(
            fr("expected hours in quarters of an hour (e.g. 2.25, 2.5), found 2.3"),
            "heures attendues par quarts d'heure (p. ex. 2,25 ou 2,5), trouvé 2,3"
        );
        let r = reword("start 18:00 must be before end 17:00", Lang::Fr, &|p| p.to_string());
        assert_eq!(r, Reworded { text: "le début 18:00 doit précéder la fin 17:00".into(), hint: Some(".end") });
        assert_eq!(fr("something new"), "something new");
    }

    #[test]
    fn english_keeps_the_words_and_drops_json() {
        let en = |m: &str| reword(m, Lang::En, &|p| format!("<{p}>")).text;
        assert_eq!(
            en("unknown teacher \"Dupond\" (did you mean \"Dupont\"?)"),
            "unknown teacher \"Dupond\" (did you mean \"Dupont\"?)"
        );
        assert_eq!(
            en("expected \"Q1\", \"Q2\", \"annual\" or {\"from\": date, \"to\": date}, found \"Q3\""),
            "expected Q1, Q2, annual or dates, found \"Q3\""
        );
        assert_eq!(
            en("unknown cohort \"b3\" (none is defined)"),
            "unknown cohort \"b3\" (none is defined on the Cohorts sheet)"
        );
    }

    #[test]
    fn unknown_ids_found_by_the_workbook_read_the_same() {
        assert_eq!(
            unknown("site", "monss", &["mons", "charleroi"], Lang::Fr),
            "site inconnu « monss » (vouliez-vous dire « mons » ?)"
        );
        assert_eq!(unknown("UE", "UE 9", &[], Lang::En), "unknown UE \"UE 9\" (none is defined on the UEs sheet)");
    }
}
