//! Cell values as a planner means them: numbers stored as text, decimal
//! commas, times typed as spreadsheet times or as text (`17:15`, `17h15`),
//! dates as spreadsheet dates or as text (`2025-09-15`, `15/09/2025`),
//! lists separated by [`super::SEPARATOR`].
//!
//! A value that has the right shape but is out of range (`25:00`, a date
//! that does not exist) is passed on as text, so that the instance
//! validation reports it with its own rule; a value of the wrong kind (a
//! word where a number is expected) is a [`CellError`] here.

use super::Lang;
use super::schema::{Choice, DAYS};
use calamine::Data;

/// Why a cell cannot be read as what its column expects.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellError {
    /// Expected a number.
    NotNumber(String),
    /// Expected a whole number, 0 or more.
    NotWhole(String),
    /// Expected a time.
    NotTime(String),
    /// Expected a date.
    NotDate(String),
    /// Not one of the column's fixed values (the spellings in the sheet's language).
    NotChoice(String, Vec<&'static str>),
    /// The cell holds a formula error (`#REF!`, `#N/A`…).
    Formula(String),
}

impl CellError {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let q = |s: &str| quote(s, lang);
        match (self, lang) {
            (CellError::NotNumber(v), Lang::Fr) => format!("nombre attendu (p. ex. 30 ou 2,5), trouvé {}", q(v)),
            (CellError::NotNumber(v), Lang::En) => format!("expected a number (e.g. 30 or 2.5), found {}", q(v)),
            (CellError::NotWhole(v), Lang::Fr) => format!("nombre entier positif ou nul attendu, trouvé {}", q(v)),
            (CellError::NotWhole(v), Lang::En) => format!("expected a whole number, 0 or more, found {}", q(v)),
            (CellError::NotTime(v), Lang::Fr) => format!("heure attendue (HH:MM, p. ex. 17:15), trouvé {}", q(v)),
            (CellError::NotTime(v), Lang::En) => format!("expected a time (HH:MM, e.g. 17:15), found {}", q(v)),
            (CellError::NotDate(v), Lang::Fr) => format!("date attendue (AAAA-MM-JJ ou JJ/MM/AAAA), trouvé {}", q(v)),
            (CellError::NotDate(v), Lang::En) => format!("expected a date (YYYY-MM-DD or DD/MM/YYYY), found {}", q(v)),
            (CellError::NotChoice(v, allowed), Lang::Fr) => {
                format!("valeur attendue parmi {}, trouvé {}", list(allowed, lang), q(v))
            }
            (CellError::NotChoice(v, allowed), Lang::En) => {
                format!("expected one of {}, found {}", list(allowed, lang), q(v))
            }
            (CellError::Formula(e), Lang::Fr) => format!("la cellule contient une erreur de formule ({e})"),
            (CellError::Formula(e), Lang::En) => format!("the cell holds a formula error ({e})"),
        }
    }
}

/// `« x »` in French, `"x"` in English.
pub(crate) fn quote(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("« {s} »"),
        Lang::En => format!("\"{s}\""),
    }
}

/// Quoted values joined with commas.
pub(crate) fn list(values: &[&str], lang: Lang) -> String {
    values.iter().map(|v| quote(v, lang)).collect::<Vec<_>>().join(", ")
}

/// A number as a planner reads it: no trailing zeros, a decimal comma in French.
pub(crate) fn number_text(v: f64, lang: Lang) -> String {
    let s = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// What a cell shows, for messages.
pub(crate) fn shown(d: &Data, lang: Lang) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f, lang),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            if dt.is_duration() || dt.as_f64() < 1.0 {
                hhmm((dt.as_f64() * 1440.0).round() as i64)
            } else {
                let (y, mo, da, ..) = dt.to_ymd_hms_milli();
                format!("{y:04}-{mo:02}-{da:02}")
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e:?}"),
    }
}

fn formula_error(d: &Data) -> Option<CellError> {
    match d {
        Data::Error(e) => Some(CellError::Formula(format!("{e}"))),
        _ => None,
    }
}

/// Whether the cell holds nothing (or only spaces).
pub(crate) fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The cell as text (an id, a name, a note); numbers without `.0`.
pub(crate) fn text(d: &Data) -> Result<String, CellError> {
    if let Some(e) = formula_error(d) {
        return Err(e);
    }
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f, Lang::En),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            return Ok(date(d).ok().flatten().unwrap_or_else(|| shown(d, Lang::En)));
        }
        Data::DurationIso(_) => return Ok(time(d).ok().flatten().unwrap_or_else(|| shown(d, Lang::En))),
        Data::Error(_) => String::new(),
    })
}

/// A number; `None` for an empty cell.
pub(crate) fn number(d: &Data, lang: Lang) -> Result<Option<f64>, CellError> {
    if let Some(e) = formula_error(d) {
        return Err(e);
    }
    match d {
        _ if is_blank(d) => Ok(None),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::Float(f) if f.is_finite() => Ok(Some(*f)),
        Data::String(s) => {
            let clean: String = s.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
            let clean = clean.replace(',', ".");
            // Rust also parses "inf" and "NaN": a planner never means those.
            let plain = clean.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
            match clean.parse::<f64>() {
                Ok(v) if plain && v.is_finite() => Ok(Some(v)),
                _ => Err(CellError::NotNumber(shown(d, lang))),
            }
        }
        _ => Err(CellError::NotNumber(shown(d, lang))),
    }
}

/// A whole number, 0 or more; `None` for an empty cell.
pub(crate) fn whole(d: &Data, lang: Lang) -> Result<Option<u32>, CellError> {
    match number(d, lang) {
        Ok(Some(v)) if v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX) => Ok(Some(v as u32)),
        Ok(Some(_)) | Err(CellError::NotNumber(_)) => Err(CellError::NotWhole(shown(d, lang))),
        other => other.map(|_| None),
    }
}

/// `HH:MM` from minutes after midnight (more than 24 h stays as it is, for
/// the validation to report).
fn hhmm(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A time as `HH:MM`; `None` for an empty cell.
pub(crate) fn time(d: &Data) -> Result<Option<String>, CellError> {
    if let Some(e) = formula_error(d) {
        return Err(e);
    }
    let fraction = |v: f64| -> Option<String> { (0.0..=1.0).contains(&v).then(|| hhmm((v * 1440.0).round() as i64)) };
    match d {
        _ if is_blank(d) => Ok(None),
        Data::DateTime(dt) => {
            let v = dt.as_f64();
            if dt.is_duration() && v >= 0.0 {
                Ok(Some(hhmm((v * 1440.0).round() as i64)))
            } else {
                fraction(v).map(Some).ok_or_else(|| CellError::NotTime(shown(d, Lang::Fr)))
            }
        }
        Data::Float(v) => fraction(*v).map(Some).ok_or_else(|| CellError::NotTime(number_text(*v, Lang::Fr))),
        Data::Int(v) => fraction(*v as f64).map(Some).ok_or_else(|| CellError::NotTime(v.to_string())),
        Data::DurationIso(s) => iso_duration(s).map(|m| Some(hhmm(m))).ok_or_else(|| CellError::NotTime(s.clone())),
        Data::DateTimeIso(s) => match s.split_once('T') {
            // A time of day stored as a date-time on the spreadsheet's epoch.
            Some((day, t)) if day <= "1900-01-01" => Ok(Some(time_text(t).unwrap_or_else(|| t.to_string()))),
            _ => Err(CellError::NotTime(s.clone())),
        },
        Data::String(s) => {
            let s = s.trim();
            Ok(Some(time_text(s).unwrap_or_else(|| s.to_string())))
        }
        _ => Err(CellError::NotTime(shown(d, Lang::Fr))),
    }
}

/// `17:15`, `7:15`, `17h15`, `17h`, `17:15:00` → `HH:MM`; `None` when the
/// text does not look like a time at all.
pub(crate) fn time_text(s: &str) -> Option<String> {
    let s = s.trim().to_ascii_lowercase();
    let (h, rest) = s.split_once([':', 'h'])?;
    let m = match rest.split_once(':') {
        Some((m, sec)) if sec.len() == 2 && sec.bytes().all(|b| b.is_ascii_digit()) => m,
        Some(_) => return None,
        None => rest,
    };
    let m = if m.is_empty() && s.contains('h') { "00" } else { m };
    let digits =
        |x: &str, n: std::ops::RangeInclusive<usize>| n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(h, 1..=2) || !digits(m, 2..=2) {
        return None;
    }
    Some(format!("{h:0>2}:{m}"))
}

/// Minutes of an ISO 8601 duration as LibreOffice writes times (`PT17H15M00S`).
fn iso_duration(s: &str) -> Option<i64> {
    let rest = s.strip_prefix("PT")?;
    let (mut minutes, mut num) = (0f64, String::new());
    for ch in rest.chars() {
        match ch {
            '0'..='9' | '.' => num.push(ch),
            'H' | 'M' | 'S' => {
                let v: f64 = num.parse().ok()?;
                num.clear();
                minutes += match ch {
                    'H' => v * 60.0,
                    'M' => v,
                    _ => v / 60.0,
                };
            }
            _ => return None,
        }
    }
    num.is_empty().then(|| minutes.round() as i64)
}

/// A date as `YYYY-MM-DD`; `None` for an empty cell.
pub(crate) fn date(d: &Data) -> Result<Option<String>, CellError> {
    if let Some(e) = formula_error(d) {
        return Err(e);
    }
    match d {
        _ if is_blank(d) => Ok(None),
        Data::DateTime(dt) if dt.is_datetime() && dt.as_f64() >= 1.0 => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            Ok(Some(format!("{y:04}-{m:02}-{day:02}")))
        }
        Data::DateTimeIso(s) if s.len() >= 10 && !s.starts_with("PT") => Ok(Some(s[..10].to_string())),
        Data::String(s) => {
            let s = s.trim();
            Ok(Some(date_text(s).unwrap_or_else(|| s.to_string())))
        }
        _ => Err(CellError::NotDate(shown(d, Lang::Fr))),
    }
}

/// `15/09/2025`, `15-09-2025`, `15.09.2025`, `2025-09-15` → `2025-09-15`;
/// `None` for other text.
pub(crate) fn date_text(s: &str) -> Option<String> {
    let digits =
        |x: &str, n: std::ops::RangeInclusive<usize>| n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [y, m, d] if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) => Some(format!("{y}-{m:0>2}-{d:0>2}")),
        [d, m, y] if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) => Some(format!("{y}-{m:0>2}-{d:0>2}")),
        _ => None,
    }
}

/// Items of a list cell, trimmed, empty items dropped.
pub(crate) fn items(d: &Data) -> Result<Vec<String>, CellError> {
    let s = text(d)?;
    Ok(s.split(super::SEPARATOR).map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect())
}

/// Weekdays as instance codes (`mon`…); a word that is no day is kept as
/// it is, for the validation to report. `None` for an empty cell.
pub(crate) fn days(d: &Data) -> Result<Option<Vec<String>>, CellError> {
    if is_blank(d) {
        return Ok(None);
    }
    Ok(Some(items(d)?.into_iter().map(|w| day_code(&w).map(String::from).unwrap_or(w)).collect()))
}

/// The instance code of a day in any accepted spelling.
pub(crate) fn day_code(word: &str) -> Option<&'static str> {
    let w = word.trim().trim_end_matches('.').to_lowercase();
    DAYS.iter().find(|(code, short, long, en)| w == *code || w == *short || w == *long || w == *en).map(|d| d.0)
}

/// Compares ignoring case, surrounding spaces and repeated inner spaces.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// The code of one of `choices`, in either language; `None` for an empty cell.
pub(crate) fn choice(d: &Data, choices: &[Choice], lang: Lang) -> Result<Option<&'static str>, CellError> {
    let s = text(d)?;
    if s.is_empty() {
        return Ok(None);
    }
    choices
        .iter()
        .find(|c| same_words(&s, c.code) || same_words(&s, c.label.fr) || same_words(&s, c.label.en))
        .map(|c| Some(c.code))
        .ok_or_else(|| CellError::NotChoice(s, choices.iter().map(|c| c.label.get(lang)).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn numbers_as_a_planner_types_them() {
        assert_eq!(number(&Data::String("2,5".into()), Lang::Fr), Ok(Some(2.5)));
        assert_eq!(number(&Data::String(" 30 ".into()), Lang::Fr), Ok(Some(30.0)));
        assert_eq!(number(&Data::Int(3), Lang::Fr), Ok(Some(3.0)));
        assert_eq!(number(&Data::Empty, Lang::Fr), Ok(None));
        assert_eq!(number(&Data::String("trente".into()), Lang::Fr), Err(CellError::NotNumber("trente".into())));
        assert_eq!(number(&Data::String("inf".into()), Lang::Fr), Err(CellError::NotNumber("inf".into())));
        assert_eq!(whole(&Data::Float(35.0), Lang::Fr), Ok(Some(35)));
        assert_eq!(whole(&Data::String("3,5".into()), Lang::Fr), Err(CellError::NotWhole("3,5".into())));
        assert_eq!(whole(&Data::Float(-1.0), Lang::Fr), Err(CellError::NotWhole("-1".into())));
    }

    #[test]
    fn times_as_text_or_spreadsheet_times() {
        assert_eq!(time_text("17:15").as_deref(), Some("17:15"));
        assert_eq!(time_text("7:15").as_deref(), Some("07:15"));
        assert_eq!(time_text("17h15").as_deref(), Some("17:15"));
        assert_eq!(time_text("17h").as_deref(), Some("17:00"));
        assert_eq!(time_text("17:15:00").as_deref(), Some("17:15"));
        assert_eq!(time_text("25:00").as_deref(), Some("25:00"), "kept for the validation to report");
        assert_eq!(time_text("soir"), None);
        let t = Data::DateTime(ExcelDateTime::new(0.71875, ExcelDateTimeType::DateTime, false));
        assert_eq!(time(&t), Ok(Some("17:15".into())));
        assert_eq!(time(&Data::Float(1.0)), Ok(Some("24:00".into())));
        assert_eq!(time(&Data::DurationIso("PT17H15M00S".into())), Ok(Some("17:15".into())));
        assert_eq!(time(&Data::Float(17.25)), Err(CellError::NotTime("17,25".into())));
    }

    #[test]
    fn dates_as_text_or_spreadsheet_dates() {
        assert_eq!(date_text("15/09/2025").as_deref(), Some("2025-09-15"));
        assert_eq!(date_text("1/9/2025").as_deref(), Some("2025-09-01"));
        assert_eq!(date_text("2025-09-15").as_deref(), Some("2025-09-15"));
        assert_eq!(date_text("demain"), None);
        let d = Data::DateTime(ExcelDateTime::new(45915.0, ExcelDateTimeType::DateTime, false));
        assert_eq!(date(&d), Ok(Some("2025-09-15".into())));
        assert_eq!(date(&Data::DateTimeIso("2025-09-15".into())), Ok(Some("2025-09-15".into())));
        assert_eq!(date(&Data::Float(2025.0)), Err(CellError::NotDate("2025".into())));
    }

    #[test]
    fn days_and_choices_in_either_language() {
        assert_eq!(
            days(&Data::String("lun; Mardi;sat".into())),
            Ok(Some(vec!["mon".into(), "tue".into(), "sat".into()]))
        );
        assert_eq!(days(&Data::String("lun; jour".into())), Ok(Some(vec!["mon".into(), "jour".into()])));
        assert_eq!(days(&Data::Empty), Ok(None));
        let rules = super::super::schema::SITE_RULES;
        assert_eq!(choice(&Data::String("Au choix".into()), rules, Lang::Fr), Ok(Some("any_of")));
        assert_eq!(choice(&Data::String("alternate".into()), rules, Lang::Fr), Ok(Some("alternate")));
        assert_eq!(
            choice(&Data::String("partout".into()), rules, Lang::Fr),
            Err(CellError::NotChoice("partout".into(), vec!["fixe", "alternance", "au choix"]))
        );
    }
}
