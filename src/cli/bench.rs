//! `horaire bench` and `bench-one`: measured solves, of instances or of
//! generated faculties (`--faculty`).

use super::args::FacultyBench;
use super::{Failure, out, solver_config, table, write_json};
use horaire::bench::BenchRow;
use horaire::model::LoadError;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn bench(
    instances: Vec<PathBuf>,
    config: Option<&Path>,
    markdown: bool,
    faculty: &FacultyBench,
) -> Result<ExitCode, Failure> {
    solver_config(config)?;
    if faculty.faculty {
        return bench_faculty(faculty, config, markdown);
    }
    let mut instances = instances;
    if instances.is_empty() {
        let dir = Path::new("instances");
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Failure::Input(LoadError::Invalid(vec![horaire::model::Problem::new(dir, "", format!("cannot list: {e}"))]))
        })?;
        instances = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
            .collect();
        instances.sort();
    }
    let header = [
        "instance",
        "status",
        "objective",
        "gap",
        "build s",
        "solve s",
        "patterns",
        "variables",
        "rows",
        "non-zeros",
        "peak MiB",
    ];
    let mut rows: Vec<[String; 11]> = Vec::new();
    let mut failed = false;
    for path in &instances {
        let _ = writeln!(std::io::stderr(), "horaire: bench {}", path.display());
        let row = measure_in_child(path, config, None)?;
        failed |= !solved(&row);
        rows.push([
            row.instance.clone(),
            row.status.clone(),
            opt(row.objective, false),
            opt(row.gap, true),
            format!("{:.2}", row.build_seconds),
            format!("{:.1}", row.solve_seconds),
            row.patterns.to_string(),
            row.variables.to_string(),
            row.rows.to_string(),
            row.nonzeros.to_string(),
            format!("{:.0}", row.peak_mib),
        ]);
    }
    print_table(&header, &rows, markdown);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `bench-one`: measures one instance and prints its row as JSON.
pub fn bench_one(instance: &Path, config: Option<&Path>, time_limit: Option<f64>) -> Result<ExitCode, Failure> {
    let mut cfg = solver_config(config)?;
    if let Some(t) = time_limit {
        cfg.time_limit = t;
    }
    let row = horaire::bench::measure(instance, &cfg);
    out(&serde_json::to_string(&row).unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}

/// The generated faculties of `faculty.programmes`, each solved with each
/// time limit of `faculty.limits` in a child process (its peak memory its
/// own): sizes, time to the first timetable, objective, and its ratio to
/// the best objective of the runs of the same faculty.
fn bench_faculty(faculty: &FacultyBench, config: Option<&Path>, markdown: bool) -> Result<ExitCode, Failure> {
    let dir = std::env::temp_dir().join(format!("horaire-bench-faculty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| Failure::Output(dir.clone(), e))?;
    let header = [
        "programmes",
        "activities",
        "meetings",
        "patterns",
        "non-zeros",
        "limit s",
        "status",
        "first feasible s",
        "objective",
        "best of runs",
        "ratio",
        "peak MiB",
    ];
    let mut rows: Vec<[String; 12]> = Vec::new();
    let mut failed = false;
    for &n in &faculty.programmes {
        let f = horaire::synth::faculty(n, faculty.seed).map_err(|e| Failure::Write(e.to_string()))?;
        let path = dir.join(format!("faculty-{n}-seed-{}.json", faculty.seed));
        write_json(&path, &f.instance)?;
        let mut runs = Vec::new();
        for &limit in &faculty.limits {
            let _ = writeln!(
                std::io::stderr(),
                "horaire: bench faculty of {n} programmes (seed {}), {limit} s: {} independent part(s)",
                faculty.seed,
                f.summary.independent_parts
            );
            let row = measure_in_child(&path, config, Some(limit))?;
            failed |= !solved(&row);
            runs.push((limit, row));
        }
        let best = runs.iter().filter_map(|(_, r)| r.objective).min_by(f64::total_cmp);
        for (limit, row) in runs {
            let ratio = match (row.objective, best) {
                (Some(o), Some(b)) if b > 0.0 => format!("{:.3}", o / b),
                _ => "-".into(),
            };
            rows.push([
                n.to_string(),
                f.summary.activities.to_string(),
                f.summary.meetings.to_string(),
                row.patterns.to_string(),
                row.nonzeros.to_string(),
                format!("{limit}"),
                row.status.clone(),
                row.first_feasible_seconds.map_or_else(|| "-".into(), |s| format!("{s:.1}")),
                opt(row.objective, false),
                opt(best, false),
                ratio,
                format!("{:.0}", row.peak_mib),
            ]);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    print_table(&header, &rows, markdown);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Runs `bench-one` on `path` in a child process and reads its row.
fn measure_in_child(path: &Path, config: Option<&Path>, time_limit: Option<f64>) -> Result<BenchRow, Failure> {
    let exe = std::env::current_exe().map_err(|e| Failure::Output(PathBuf::from("horaire"), e))?;
    let mut cmd = std::process::Command::new(&exe);
    cmd.arg("bench-one").arg(path);
    if let Some(c) = config {
        cmd.arg("--config").arg(c);
    }
    if let Some(t) = time_limit {
        cmd.arg("--time-limit").arg(t.to_string());
    }
    let output = cmd.output().map_err(|e| Failure::Output(exe.clone(), e))?;
    Ok(serde_json::from_slice(&output.stdout).unwrap_or_else(|_| BenchRow {
        instance: path.display().to_string(),
        status: "crashed".into(),
        ..Default::default()
    }))
}

/// Whether a row's run gave a timetable.
fn solved(row: &BenchRow) -> bool {
    matches!(row.status.as_str(), "optimal" | "feasible")
}

/// A number, a percentage, or "-".
fn opt(v: Option<f64>, pct: bool) -> String {
    match v {
        Some(v) if pct => format!("{:.2} %", v * 100.0),
        Some(v) => format!("{v}"),
        None => "-".into(),
    }
}

fn print_table<const N: usize>(header: &[&str; N], rows: &[[String; N]], markdown: bool) {
    if markdown {
        out(&format!("| {} |", header.join(" | ")));
        out(&format!("|{}", "---|".repeat(header.len())));
        for r in rows {
            out(&format!("| {} |", r.join(" | ")));
        }
    } else {
        out(&table(header, rows));
    }
}
