//! The instance and calendar files as written on disk (`horaire/1`,
//! `horaire-calendar/1`): a faithful serde mirror of FORMAT.md. Values stay
//! as written (strings for times, days and dates) so that validation can
//! report every problem with its JSON path; [`crate::model::validate`] turns
//! them into the typed [`crate::model::Instance`].
//!
//! Unknown keys are not silently dropped: the loader collects every key serde
//! ignores (see [`crate::model::load`]) and reports each as an error.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The value of the `format` key of an instance file.
pub const INSTANCE_FORMAT: &str = "horaire/1";
/// The value of the `format` key of a calendar file.
pub const CALENDAR_FORMAT: &str = "horaire-calendar/1";

/// An instance file.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct InstanceFile {
    /// Always [`INSTANCE_FORMAT`].
    pub format: String,
    /// A human name, e.g. the programme and year.
    pub name: String,
    /// Free text: provenance, what is invented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The academic year, inline or as a path relative to the instance file.
    pub calendar: CalendarRef,
    /// Campuses and their rooms.
    pub sites: Vec<SiteFile>,
    /// Door-to-door minutes between sites.
    #[serde(default)]
    pub travel_minutes: Vec<TravelFile>,
    /// Weekly slot templates.
    pub time_grids: Vec<TimeGridFile>,
    /// Teachers.
    #[serde(default)]
    pub teachers: Vec<TeacherFile>,
    /// The cohort tree.
    pub cohorts: Vec<CohortFile>,
    /// Programmes.
    pub programmes: Vec<ProgrammeFile>,
    /// Teaching units.
    pub ues: Vec<UeFile>,
    /// Individual annual programmes (PAE).
    #[serde(default)]
    pub enrolments: Vec<EnrolmentFile>,
    /// Placement hosts, requirements and students.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placements: Option<PlacementsFile>,
}

/// The `calendar` key: a path or an inline calendar.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum CalendarRef {
    /// A path relative to the instance file.
    Path(String),
    /// The calendar itself.
    Inline(Box<CalendarFile>),
}

impl<'de> Deserialize<'de> for CalendarRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CalendarRef;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a path to a calendar file or an inline calendar object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CalendarRef, E> {
                Ok(CalendarRef::Path(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CalendarRef, A::Error> {
                CalendarFile::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|c| CalendarRef::Inline(Box::new(c)))
            }
        }
        d.deserialize_any(V)
    }
}

/// A calendar file (`horaire-calendar/1`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CalendarFile {
    /// Always [`CALENDAR_FORMAT`].
    pub format: String,
    /// A human name; says which institutional choices were made.
    pub name: String,
    /// Free text: sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The academic year.
    pub year: RangeFile,
    /// Q1 and Q2 teaching periods.
    pub quadrimesters: QuadrimestersFile,
    /// Holidays, breaks and public holidays: no teaching.
    #[serde(default)]
    pub closures: Vec<LabeledRangeFile>,
    /// Exam sessions: no teaching.
    #[serde(default)]
    pub exam_periods: Vec<LabeledRangeFile>,
}

/// `{"from": date, "to": date}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RangeFile {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
}

/// A date range with a label.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct LabeledRangeFile {
    /// First day.
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// What it is ("Congé d'automne").
    #[serde(default)]
    pub label: String,
}

/// The two quadrimesters.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[allow(non_snake_case)]
pub struct QuadrimestersFile {
    /// First quadrimester.
    pub Q1: RangeFile,
    /// Second quadrimester.
    pub Q2: RangeFile,
}

/// A site.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct SiteFile {
    /// Identifier.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// City (travel times and placement hosts refer to it).
    #[serde(default)]
    pub city: String,
    /// Rooms of the site.
    #[serde(default)]
    pub rooms: Vec<RoomFile>,
}

/// A room.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RoomFile {
    /// Identifier, unique across all sites.
    pub id: String,
    /// Seats.
    pub capacity: u32,
}

/// A travel time between two sites.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TravelFile {
    /// Site id.
    pub from: String,
    /// Site id.
    pub to: String,
    /// Door-to-door minutes.
    pub minutes: u32,
}

/// A time grid: weekly slot templates.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TimeGridFile {
    /// Identifier.
    pub id: String,
    /// The slots.
    pub slots: Vec<SlotFile>,
}

/// Slot templates: the same hours on several days.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct SlotFile {
    /// `mon` .. `sun`.
    pub days: Vec<String>,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
}

/// A teacher.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TeacherFile {
    /// Identifier.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Times the teacher cannot teach.
    #[serde(default)]
    pub unavailable: Vec<WhenFile>,
    /// At most this many teaching days in a week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_days_per_week: Option<u32>,
    /// Extension: the hours the teacher is due in the year (the service
    /// report compares what the timetable gives with it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_hours: Option<f64>,
}

/// An unavailability: on some days, between some dates, or both (then
/// those days within those dates); optionally only between two times.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct WhenFile {
    /// Weekdays; all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<Vec<String>>,
    /// First date; the start of the year when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last date; the end of the year when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Start time; the whole day when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// End time; the whole day when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

/// A cohort.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CohortFile {
    /// Identifier.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The parent cohort, for an option group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Number of students.
    pub students: u32,
}

/// A programme.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ProgrammeFile {
    /// Identifier.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The programme's time grid.
    pub time_grid: String,
    /// Its top-level cohorts.
    #[serde(default)]
    pub cohorts: Vec<String>,
    /// At most this many distinct teaching days (evenings) a week per cohort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_evenings_per_week: Option<u32>,
    /// Extension: the programme's competence framework.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competences: Vec<CompetenceFile>,
}

/// A competence of a programme's framework.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CompetenceFile {
    /// Identifier, unique within the programme.
    pub id: String,
    /// The competence as the framework states it.
    pub title: String,
}

/// A teaching unit.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct UeFile {
    /// The UE code, e.g. `UE 1/4`.
    pub code: String,
    /// Title.
    pub title: String,
    /// Programme id.
    pub programme: String,
    /// Block (1, 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<u32>,
    /// ECTS credits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<f64>,
    /// `Q1`, `Q2`, `annual` or a date range.
    pub period: PeriodFile,
    /// The code of a co-requisite UE, or null.
    #[serde(default)]
    pub corequisite: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Extension: ids of the competences of its programme's framework that
    /// the UE develops.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competences: Vec<String>,
    /// The activities; empty for a UE without sessions (a placement).
    #[serde(default)]
    pub activities: Vec<ActivityFile>,
}

/// The `period` key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodFile {
    /// A named period: `Q1`, `Q2` or `annual` (checked by validation).
    Named(String),
    /// An explicit date range.
    Range(RangeFile),
}

impl Serialize for PeriodFile {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PeriodFile::Named(n) => s.serialize_str(n),
            PeriodFile::Range(r) => r.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for PeriodFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PeriodFile;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#""Q1", "Q2", "annual" or {"from": date, "to": date}"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PeriodFile, E> {
                Ok(PeriodFile::Named(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PeriodFile, A::Error> {
                RangeFile::deserialize(de::value::MapAccessDeserializer::new(map)).map(PeriodFile::Range)
            }
        }
        d.deserialize_any(V)
    }
}

impl PartialEq for RangeFile {
    fn eq(&self, o: &Self) -> bool {
        self.from == o.from && self.to == o.to
    }
}
impl Eq for RangeFile {}

/// An activity of a UE.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ActivityFile {
    /// Identifier, unique across the instance.
    pub id: String,
    /// `cours`, `tp`, `seminaire`, `atelier`…
    #[serde(default)]
    pub kind: String,
    /// Volume in hours.
    pub hours: f64,
    /// Hours of one meeting.
    pub session_hours: f64,
    /// Teachers (all present at every meeting).
    #[serde(default)]
    pub teachers: Vec<String>,
    /// Cohorts attending.
    pub cohorts: Vec<String>,
    /// Where it meets.
    pub site: SiteRuleFile,
    /// `weekly`, `fortnightly` or `any`.
    #[serde(default = "default_frequency")]
    pub frequency: String,
    /// Extension: sessions decided before the solver runs (see
    /// [`crate::model::pins`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pins: Vec<super::pins::PinFile>,
}

fn default_frequency() -> String {
    "any".to_string()
}

/// The `site` key of an activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteRuleFile {
    /// Always this site.
    Fixed(String),
    /// Alternating between the listed sites, meeting after meeting.
    Alternate(Vec<String>),
    /// Any one of the listed sites (the solver chooses, then keeps it).
    AnyOf(Vec<String>),
}

impl Serialize for SiteRuleFile {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            SiteRuleFile::Fixed(id) => s.serialize_str(id),
            SiteRuleFile::Alternate(v) | SiteRuleFile::AnyOf(v) => {
                let mut m = s.serialize_map(Some(1))?;
                let key = if matches!(self, SiteRuleFile::Alternate(_)) { "alternate" } else { "any_of" };
                m.serialize_entry(key, v)?;
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for SiteRuleFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SiteRuleFile;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a site id, {"alternate": [a, b]} or {"any_of": [sites]}"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SiteRuleFile, E> {
                Ok(SiteRuleFile::Fixed(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SiteRuleFile, A::Error> {
                let key: String =
                    map.next_key()?.ok_or_else(|| de::Error::custom(r#"expected "alternate" or "any_of""#))?;
                let rule = match key.as_str() {
                    "alternate" => SiteRuleFile::Alternate(map.next_value()?),
                    "any_of" => SiteRuleFile::AnyOf(map.next_value()?),
                    other => return Err(de::Error::unknown_field(other, &["alternate", "any_of"])),
                };
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(de::Error::custom(format!(
                        r#"unexpected key "{extra}": a site rule has exactly one key"#
                    )));
                }
                Ok(rule)
            }
        }
        d.deserialize_any(V)
    }
}

/// An individual annual programme (PAE).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct EnrolmentFile {
    /// Student identifier.
    pub student: String,
    /// The activities the student follows.
    pub activities: Vec<String>,
}

/// The `placements` section.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PlacementsFile {
    /// Host organisations.
    #[serde(default)]
    pub hosts: Vec<HostFile>,
    /// Quotas and windows.
    #[serde(default)]
    pub requirements: Vec<RequirementFile>,
    /// Students and their hosts, preferences, availability.
    #[serde(default)]
    pub students: Vec<StudentFile>,
}

/// A host organisation.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct HostFile {
    /// Identifier.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// City; travel to class sites is looked up from the site in that city.
    pub city: String,
    /// Students it can take at once.
    pub capacity: u32,
    /// Opening hours.
    pub open: Vec<SlotFile>,
}

/// A placement requirement.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RequirementFile {
    /// Identifier.
    pub id: String,
    /// The placement UE's code.
    pub ue: String,
    /// The cohort it applies to.
    pub cohort: String,
    /// The quota in hours.
    pub hours: f64,
    /// Window start.
    pub from: String,
    /// Window end (the deadline).
    pub to: String,
    /// Daily cap in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours_per_day: Option<f64>,
    /// Weekly cap in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours_per_week: Option<f64>,
}

/// A student with a placement.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct StudentFile {
    /// Identifier.
    pub id: String,
    /// Cohort id.
    pub cohort: String,
    /// Requirement id.
    pub requirement: String,
    /// Assigned host, or null to allocate one.
    #[serde(default)]
    pub host: Option<String>,
    /// Preferred hosts, first choice first.
    #[serde(default)]
    pub preferences: Vec<String>,
    /// Declared availability; any open day when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<WhenFile>>,
}
