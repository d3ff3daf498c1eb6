//! Labels in French (the default) and English, and the number and date
//! spellings that go with them.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use std::str::FromStr;

/// The language of the labels of exported files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// French (default).
    #[default]
    Fr,
    /// English.
    En,
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "fr" => Ok(Lang::Fr),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language \"{s}\": expected fr or en")),
        }
    }
}

/// Every label a page or a file uses.
#[derive(Debug, Serialize)]
pub(crate) struct Labels {
    pub html_lang: &'static str,
    pub timetable: &'static str,
    pub home: &'static str,
    pub cohorts: &'static str,
    pub teachers: &'static str,
    pub sites: &'static str,
    pub rooms: &'static str,
    pub cohort: &'static str,
    pub teacher: &'static str,
    pub site: &'static str,
    pub room: &'static str,
    pub weeks: &'static str,
    pub week_of: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub no_meetings: &'static str,
    pub alternating: &'static str,
    pub alternating_long: &'static str,
    pub year_overview: &'static str,
    pub year_overview_note: &'static str,
    pub week: &'static str,
    pub total: &'static str,
    pub hours_short: &'static str,
    pub meetings: &'static str,
    pub placements: &'static str,
    pub placements_note: &'static str,
    pub student: &'static str,
    pub requirement: &'static str,
    pub host: &'static str,
    pub quota: &'static str,
    pub validated: &'static str,
    pub logged: &'static str,
    pub logged_unvalidated: &'static str,
    pub planned: &'static str,
    pub remaining: &'static str,
    pub over_quota: &'static str,
    pub status: &'static str,
    pub status_on_track: &'static str,
    pub status_at_risk: &'static str,
    pub status_cannot_finish: &'static str,
    pub status_done: &'static str,
    pub legend: &'static str,
    pub teachers_label: &'static str,
    pub kind_label: &'static str,
    pub cohorts_label: &'static str,
    pub generated_from: &'static str,
    pub jump_to_week: &'static str,
    pub meetings_count: &'static str,
}

const FR: Labels = Labels {
    html_lang: "fr",
    timetable: "Horaire",
    home: "Accueil",
    cohorts: "Cohortes",
    teachers: "Enseignants",
    sites: "Sites",
    rooms: "Locaux",
    cohort: "Cohorte",
    teacher: "Enseignant·e",
    site: "Site",
    room: "Local",
    weeks: "Semaines",
    week_of: "Semaine du",
    previous: "Semaine précédente",
    next: "Semaine suivante",
    no_meetings: "Aucune séance.",
    alternating: "⇄ alternance",
    alternating_long: "Module en alternance entre deux sites",
    year_overview: "Vue de l'année",
    year_overview_note: "Heures de cours par semaine et par cohorte (séances communes du bloc comprises).",
    week: "Semaine",
    total: "Total",
    hours_short: "h",
    meetings: "séances",
    placements: "Stages",
    placements_note: "Progression des heures de stage par étudiant·e, rapportée au quota.",
    student: "Étudiant·e",
    requirement: "Stage",
    host: "Lieu de stage",
    quota: "Quota",
    validated: "Validées",
    logged: "Encodées",
    logged_unvalidated: "Encodées (non validées)",
    planned: "Planifiées",
    remaining: "Restantes",
    over_quota: "au-delà du quota",
    status: "Statut",
    status_on_track: "En bonne voie",
    status_at_risk: "À risque",
    status_cannot_finish: "Ne peut pas finir",
    status_done: "Terminé",
    legend: "Légende",
    teachers_label: "Enseignants",
    kind_label: "Type",
    cohorts_label: "Cohortes",
    generated_from: "Généré par horaire à partir de",
    jump_to_week: "Aller à la semaine",
    meetings_count: "séance(s)",
};

const EN: Labels = Labels {
    html_lang: "en",
    timetable: "Timetable",
    home: "Home",
    cohorts: "Cohorts",
    teachers: "Teachers",
    sites: "Sites",
    rooms: "Rooms",
    cohort: "Cohort",
    teacher: "Teacher",
    site: "Site",
    room: "Room",
    weeks: "Weeks",
    week_of: "Week of",
    previous: "Previous week",
    next: "Next week",
    no_meetings: "No meetings.",
    alternating: "⇄ alternating",
    alternating_long: "Module alternating between two sites",
    year_overview: "Year overview",
    year_overview_note: "Teaching hours per week and cohort (including the block's common meetings).",
    week: "Week",
    total: "Total",
    hours_short: "h",
    meetings: "meetings",
    placements: "Placements",
    placements_note: "Placement hours per student, against the quota.",
    student: "Student",
    requirement: "Placement",
    host: "Host",
    quota: "Quota",
    validated: "Validated",
    logged: "Logged",
    logged_unvalidated: "Logged (not validated)",
    planned: "Planned",
    remaining: "Remaining",
    over_quota: "over the quota",
    status: "Status",
    status_on_track: "On track",
    status_at_risk: "At risk",
    status_cannot_finish: "Cannot finish",
    status_done: "Done",
    legend: "Legend",
    teachers_label: "Teachers",
    kind_label: "Kind",
    cohorts_label: "Cohorts",
    generated_from: "Generated by horaire from",
    jump_to_week: "Go to week",
    meetings_count: "meeting(s)",
};

impl Lang {
    /// The labels of this language.
    pub(crate) fn labels(self) -> &'static Labels {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The weekday's name, lower case in French, capitalised in English.
    pub(crate) fn weekday(self, d: Weekday) -> &'static str {
        let i = d.num_days_from_monday() as usize;
        match self {
            Lang::Fr => ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][i],
            Lang::En => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][i],
        }
    }

    fn month(self, m: u32) -> &'static str {
        let i = (m.clamp(1, 12) - 1) as usize;
        match self {
            Lang::Fr => [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ][i],
            Lang::En => [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ][i],
        }
    }

    /// `20 octobre 2025` / `20 October 2025`.
    pub(crate) fn long_date(self, d: NaiveDate) -> String {
        format!("{} {} {}", d.day(), self.month(d.month()), d.year())
    }

    /// The separator before a value: ` : ` in French typography, `: ` in English.
    pub(crate) fn colon(self) -> &'static str {
        match self {
            Lang::Fr => " : ",
            Lang::En => ": ",
        }
    }

    /// `20/10` (both languages: the European order).
    pub(crate) fn short_date(self, d: NaiveDate) -> String {
        format!("{:02}/{:02}", d.day(), d.month())
    }

    /// Hours for people: `2,5` in French, `2.5` in English, no trailing zeros.
    pub(crate) fn hours(self, h: f64) -> String {
        let s = crate::model::time::format_hours(h);
        let s = if s == "-0" { "0".to_string() } else { s };
        match self {
            Lang::Fr => s.replace('.', ","),
            Lang::En => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_hours_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap_or_default();
        assert_eq!(Lang::Fr.long_date(d), "20 octobre 2025");
        assert_eq!(Lang::En.long_date(d), "20 October 2025");
        assert_eq!(Lang::Fr.hours(2.5), "2,5");
        assert_eq!(Lang::En.hours(2.5), "2.5");
        assert_eq!(Lang::Fr.hours(30.0), "30");
        assert_eq!(Lang::Fr.weekday(Weekday::Sat), "samedi");
    }
}
