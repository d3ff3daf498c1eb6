//! `horaire itc2019 bench`: solve each instance of a folder and compare
//! with the best known costs of its `BEST_KNOWN.txt`.

use super::cost::{CostReport, evaluate};
use super::instance::{XmlError, read_instance};
use super::solution::Solution;
use super::solve::{SolveOptions, solve};
use std::path::Path;
use std::time::Instant;

/// One measured instance.
#[derive(Debug, Clone)]
pub struct BenchRow {
    /// The instance file's stem.
    pub instance: String,
    /// The evaluation of the solution found.
    pub report: CostReport,
    /// The best known total, if listed.
    pub best_known: Option<u64>,
    /// Wall-clock seconds of the solve.
    pub seconds: f64,
    /// The solution.
    pub solution: Solution,
}

impl BenchRow {
    /// Total over best known (`None` without a best known).
    pub fn ratio(&self) -> Option<f64> {
        self.best_known.filter(|&b| b > 0).map(|b| self.report.total() as f64 / b as f64)
    }
}

/// Best known totals from a `BEST_KNOWN.txt`: each line whose first word
/// is an instance name (containing `-`) and whose second is a number
/// (thousands separated by commas).
pub fn best_known(text: &str) -> Vec<(String, u64)> {
    text.lines()
        .filter_map(|l| {
            let mut t = l.split_whitespace();
            let name = t.next()?;
            let v = t.next()?.replace(',', "").parse::<u64>().ok()?;
            name.contains('-').then(|| (name.to_string(), v))
        })
        .collect()
}

/// The problem files (`*.xml`) of a folder, sorted.
pub fn instances(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut v: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    v.sort();
    Ok(v)
}

/// Solves one instance and evaluates the result.
pub fn measure(
    path: &Path,
    opts: &SolveOptions,
    best: &[(String, u64)],
    progress: crate::progress::Progress<'_>,
) -> Result<BenchRow, XmlError> {
    let inst = read_instance(path)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let t = Instant::now();
    let res = solve(&inst, opts, progress);
    let seconds = t.elapsed().as_secs_f64();
    let report = evaluate(&inst, &res.solution);
    let best_known = best.iter().find(|(n, _)| *n == stem || *n == inst.name).map(|x| x.1);
    Ok(BenchRow { instance: stem, report, best_known, seconds, solution: res.solution })
}

/// The header and one line of the bench table.
pub fn table_header() -> String {
    format!(
        "{:<16} {:>4} {:>6} {:>6} {:>7} {:>7} {:>7} {:>10} {:>6} {:>7}",
        "instance", "hard", "time", "room", "distr", "student", "total", "best-known", "ratio", "seconds"
    )
}

/// One row of the table (weighted components).
pub fn table_line(r: &BenchRow) -> String {
    let w = r.report.weighted();
    format!(
        "{:<16} {:>4} {:>6} {:>6} {:>7} {:>7} {:>7} {:>10} {:>6} {:>7.1}",
        r.instance,
        r.report.hard_count(),
        w[0],
        w[1],
        w[2],
        w[3],
        r.report.total(),
        r.best_known.map(|b| b.to_string()).unwrap_or_else(|| "-".into()),
        r.ratio().map(|x| format!("{x:.2}")).unwrap_or_else(|| "-".into()),
        r.seconds
    )
}
