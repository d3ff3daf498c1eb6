//! Solver settings (`solver-configs/*.json`, format `horaire-solver-config/1`):
//! backend, limits, determinism, and the weight of every soft cost.

use crate::model::error::{LoadError, Problem};
use crate::model::time::ClockTime;
use crate::model::{ActivityId, SiteId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The value of the `format` key of a solver config.
pub const CONFIG_FORMAT: &str = "horaire-solver-config/1";

/// The time limit of `solver-configs/thorough.json`, which `horaire solve`
/// suggests when a shorter run ends without proving its timetable.
pub const THOROUGH_TIME_LIMIT: f64 = 300.0;

/// A solver config as written on disk.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ConfigFile {
    /// Always [`CONFIG_FORMAT`].
    pub format: String,
    /// `highs` (the only backend for now).
    pub backend: String,
    /// Wall-clock limit of the MIP solve, seconds.
    pub time_limit_seconds: f64,
    /// Stop when the relative gap between incumbent and bound is below this.
    pub relative_gap: f64,
    /// How many HiGHS models may run at once (each on one thread): the
    /// leaf cohorts' parts, and their bound beside the re-solves. At most
    /// the machine's cores are used.
    pub threads: u32,
    /// Solver random seed.
    pub seed: u32,
    /// Optional: stop each MIP after this many branch-and-bound nodes. A
    /// node limit makes a run reproducible on any machine (the same bytes
    /// whatever the load), which a time limit alone does not when it binds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_limit: Option<u64>,
    /// Meetings ending after this time count as late (`HH:MM`).
    pub late_after: String,
    /// Soft-cost weights.
    pub weights: WeightsFile,
    /// Optional: extra HiGHS options for tuning experiments, by HiGHS's
    /// name, e.g. `"highs_options": {"mip_heuristic_effort": 0.1,
    /// "presolve": "off"}`; each value a boolean, a number or a string.
    /// Every model of the run gets them, after horaire's own settings
    /// (which they may override). Never needed in normal runs: the shipped
    /// configs and the results in `bench/RESULTS.md` use none. An option
    /// HiGHS does not accept makes the solve fail, naming it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub highs_options: BTreeMap<String, serde_json::Value>,
}

/// Soft-cost weights, each per unit named in its doc.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct WeightsFile {
    /// Per meeting on a Saturday.
    pub saturday: f64,
    /// Per meeting ending after `late_after`.
    pub late: f64,
    /// Per student and overlapping meeting of two activities a student
    /// takes together (individual enrolments).
    pub enrolment_overlap: f64,
    /// Per extra site a cohort visits in one week.
    pub site_change: f64,
    /// Per hour of a cohort's busiest week (spreads the load evenly).
    pub weekly_peak: f64,
    /// Per activity that does not keep last year's weekday, start and site
    /// (only with `horaire solve --like`; optional in the file, 2.0 when
    /// absent).
    #[serde(default = "default_like")]
    pub like: f64,
}

/// The weight of [`WeightsFile::like`] when a config does not give it.
pub const DEFAULT_LIKE_WEIGHT: f64 = 2.0;

fn default_like() -> f64 {
    DEFAULT_LIKE_WEIGHT
}

/// One weekly slot of last year's timetable: weekday (0 = Monday), start
/// and site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LastSlot {
    /// Days from Monday (0..=6).
    pub day: u8,
    /// Start time.
    pub start: ClockTime,
    /// Site.
    pub site: SiteId,
}

/// Last year's slots of each activity, the wish of `horaire solve --like`:
/// an activity keeps its slot when every one of its meetings falls on one
/// of them; one that does not costs [`WeightsFile::like`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LastYear {
    /// Per activity (instance order), the slots its meetings had last year,
    /// sorted; `None` for an activity last year's timetable does not have.
    pub slots: Vec<Option<Vec<LastSlot>>>,
}

impl LastYear {
    /// Whether meetings on `slots` keep activity `a`'s slot of last year
    /// (`None` when last year has no such activity: nothing to keep).
    pub fn keeps(&self, a: ActivityId, slots: impl IntoIterator<Item = LastSlot>) -> Option<bool> {
        let last = self.slots.get(a.index())?.as_ref()?;
        Some(slots.into_iter().all(|s| last.binary_search(&s).is_ok()))
    }
}

/// A validated solver config.
#[derive(Debug, Clone, PartialEq)]
pub struct SolverConfig {
    /// Time limit, seconds.
    pub time_limit: f64,
    /// Relative gap.
    pub relative_gap: f64,
    /// HiGHS models run at once (see the file form).
    pub threads: u32,
    /// Seed.
    pub seed: u32,
    /// Branch-and-bound node limit per MIP (reproducible runs), if any.
    pub node_limit: Option<u64>,
    /// Late threshold.
    pub late_after: ClockTime,
    /// Weights.
    pub weights: WeightsFile,
    /// Extra backend options, by name (`highs_options` in the file).
    pub highs_options: BTreeMap<String, OptionValue>,
    /// Last year's slots to keep (`horaire solve --like`), if any: not part
    /// of the file, set by the caller.
    pub like: Option<Arc<LastYear>>,
}

/// The value of an extra backend option.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number that fits 32 bits.
    Int(i32),
    /// Any other number.
    Float(f64),
    /// A string.
    Text(String),
}

impl std::fmt::Display for OptionValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionValue::Bool(b) => write!(f, "{b}"),
            OptionValue::Int(i) => write!(f, "{i}"),
            OptionValue::Float(x) => write!(f, "{x}"),
            OptionValue::Text(t) => write!(f, "\"{t}\""),
        }
    }
}

impl OptionValue {
    /// The option value a JSON value stands for, if any.
    fn of_json(v: &serde_json::Value) -> Option<OptionValue> {
        match v {
            serde_json::Value::Bool(b) => Some(OptionValue::Bool(*b)),
            serde_json::Value::Number(n) => match n.as_i64().and_then(|i| i32::try_from(i).ok()) {
                Some(i) => Some(OptionValue::Int(i)),
                None => n.as_f64().map(OptionValue::Float),
            },
            serde_json::Value::String(t) => Some(OptionValue::Text(t.clone())),
            _ => None,
        }
    }
}

impl SolverConfig {
    /// Whether runs are reproducible: with a node limit, each MIP stops
    /// after a number of nodes, not at a time, so the same input gives the
    /// same bytes whatever the machine's load; every phase then gets the
    /// whole time limit (it only guards against a runaway model) and the
    /// phases that only fill the time left are skipped.
    pub fn reproducible(&self) -> bool {
        self.node_limit.is_some()
    }

    /// How many HiGHS models run at once: the configured threads, at most
    /// the machine's cores (at least 1).
    pub fn workers(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        (self.threads as usize).min(cores).max(1)
    }
}

impl Default for SolverConfig {
    fn default() -> Self {
        SolverConfig {
            time_limit: 30.0,
            relative_gap: 0.005,
            threads: 2,
            seed: 1,
            node_limit: None,
            late_after: ClockTime(20 * 60 + 30),
            weights: WeightsFile {
                saturday: 2.0,
                late: 1.0,
                enrolment_overlap: 1.0,
                site_change: 3.0,
                weekly_peak: 1.0,
                like: DEFAULT_LIKE_WEIGHT,
            },
            highs_options: BTreeMap::new(),
            like: None,
        }
    }
}

/// Reads and validates a solver config, reporting every problem.
pub fn read_config(path: &Path) -> Result<SolverConfig, LoadError> {
    let bytes = crate::model::load::read_bytes(path)?;
    let f: ConfigFile = crate::model::load::parse_json(path, &bytes)?;
    let mut problems = Vec::new();
    let mut bad = |key: &str, msg: String| problems.push(Problem::new(path, key, msg));
    if f.format != CONFIG_FORMAT {
        bad("format", format!("expected \"{CONFIG_FORMAT}\", found \"{}\"", f.format));
    }
    if f.backend != "highs" {
        bad("backend", format!("expected \"highs\", found \"{}\"", f.backend));
    }
    if !(f.time_limit_seconds.is_finite() && f.time_limit_seconds > 0.0) {
        bad("time_limit_seconds", format!("expected a positive number of seconds, found {}", f.time_limit_seconds));
    }
    if !(f.relative_gap.is_finite() && (0.0..1.0).contains(&f.relative_gap)) {
        bad("relative_gap", format!("expected a gap between 0 and 1 (0.005 = 0.5 %), found {}", f.relative_gap));
    }
    if !(1..=64).contains(&f.threads) {
        bad("threads", format!("expected 1 to 64 threads, found {}", f.threads));
    }
    let late_after = ClockTime::parse(&f.late_after);
    if late_after.is_none() {
        bad("late_after", format!("expected a time HH:MM, found \"{}\"", f.late_after));
    }
    let w = &f.weights;
    for (key, v) in [
        ("saturday", w.saturday),
        ("late", w.late),
        ("enrolment_overlap", w.enrolment_overlap),
        ("site_change", w.site_change),
        ("weekly_peak", w.weekly_peak),
        ("like", w.like),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            bad(&format!("weights.{key}"), format!("expected a non-negative weight, found {v}"));
        }
    }
    let mut highs_options = BTreeMap::new();
    for (name, v) in &f.highs_options {
        match OptionValue::of_json(v) {
            Some(value) => {
                let _ = highs_options.insert(name.clone(), value);
            }
            None => {
                bad(&format!("highs_options.{name}"), format!("expected a boolean, a number or a string, found {v}"))
            }
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    Ok(SolverConfig {
        time_limit: f.time_limit_seconds,
        relative_gap: f.relative_gap,
        threads: f.threads,
        seed: f.seed,
        node_limit: f.node_limit,
        late_after: late_after.unwrap_or(ClockTime(20 * 60 + 30)),
        weights: f.weights,
        highs_options,
        like: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn shipped(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("solver-configs").join(name)
    }

    #[test]
    fn the_built_in_default_is_default_json() {
        assert_eq!(read_config(&shipped("default.json")).expect("default.json"), SolverConfig::default());
    }

    #[test]
    fn shipped_configs_are_valid_and_ordered_by_effort() {
        let fast = read_config(&shipped("fast.json")).expect("fast.json");
        let thorough = read_config(&shipped("thorough.json")).expect("thorough.json");
        let default = SolverConfig::default();
        assert!(fast.time_limit < default.time_limit && default.time_limit < thorough.time_limit);
        assert!(fast.relative_gap > default.relative_gap && default.relative_gap > thorough.relative_gap);
        assert_eq!(thorough.time_limit, THOROUGH_TIME_LIMIT);
    }

    #[test]
    fn bad_configs_report_every_problem_with_its_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.json");
        let text = r#"{"format": "horaire-solver-config/1", "backend": "cplex", "time_limit_seconds": -1,
            "relative_gap": 0.01, "threads": 0, "seed": 1, "late_after": "25:00",
            "weights": {"saturday": -2, "late": 1, "enrolment_overlap": 1, "site_change": 1, "weekly_peak": 1}}"#;
        std::fs::write(&path, text).expect("write");
        let problems = read_config(&path).expect_err("invalid").problems();
        let keys: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(keys, ["backend", "time_limit_seconds", "threads", "late_after", "weights.saturday"]);

        std::fs::write(&path, text.replace("\"seed\": 1", "\"seed\": 1, \"sede\": 2")).expect("write");
        let problems = read_config(&path).expect_err("unknown key").problems();
        assert!(problems.iter().any(|p| p.path == "sede"), "{problems:?}");
    }

    #[test]
    fn highs_options_are_read_by_name_with_their_type() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("options.json");
        let default = std::fs::read_to_string(shipped("default.json")).expect("default.json");
        let with = |options: &str| {
            let mut v: serde_json::Value = serde_json::from_str(&default).expect("JSON");
            v["highs_options"] = serde_json::from_str(options).expect("options");
            std::fs::write(&path, v.to_string()).expect("write");
            read_config(&path)
        };
        let cfg = with(
            r#"{"presolve": "off", "mip_heuristic_effort": 0.1, "mip_pool_size": 100, "mip_detect_symmetry": false}"#,
        )
        .expect("valid options");
        let expected = [
            ("mip_detect_symmetry", OptionValue::Bool(false)),
            ("mip_heuristic_effort", OptionValue::Float(0.1)),
            ("mip_pool_size", OptionValue::Int(100)),
            ("presolve", OptionValue::Text("off".into())),
        ];
        assert_eq!(cfg.highs_options, expected.map(|(k, v)| (k.to_string(), v)).into_iter().collect());
        assert_eq!(SolverConfig { highs_options: BTreeMap::new(), ..cfg }, SolverConfig::default());

        let problems = with(r#"{"presolve": null, "time_limit": [1]}"#).expect_err("invalid values").problems();
        let found: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
        assert_eq!(
            found,
            [
                ("highs_options.presolve", "expected a boolean, a number or a string, found null"),
                ("highs_options.time_limit", "expected a boolean, a number or a string, found [1]"),
            ]
        );
    }
}
