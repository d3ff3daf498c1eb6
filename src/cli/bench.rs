//! `horaire bench` and `bench-one`: measured solves.

use super::{Failure, out, solver_config, table};
use horaire::model::LoadError;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn bench(mut instances: Vec<PathBuf>, config: Option<&Path>, markdown: bool) -> Result<ExitCode, Failure> {
    solver_config(config)?;
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
    let exe = std::env::current_exe().map_err(|e| Failure::Output(PathBuf::from("horaire"), e))?;
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
        let mut cmd = std::process::Command::new(&exe);
        cmd.arg("bench-one").arg(path);
        if let Some(c) = config {
            cmd.arg("--config").arg(c);
        }
        let output = cmd.output().map_err(|e| Failure::Output(exe.clone(), e))?;
        let row: horaire::bench::BenchRow = match serde_json::from_slice(&output.stdout) {
            Ok(r) => r,
            Err(_) => horaire::bench::BenchRow {
                instance: path.display().to_string(),
                status: "crashed".into(),
                ..Default::default()
            },
        };
        failed |= !matches!(row.status.as_str(), "optimal" | "feasible");
        let opt = |v: Option<f64>, pct: bool| match v {
            Some(v) if pct => format!("{:.2} %", v * 100.0),
            Some(v) => format!("{v}"),
            None => "-".into(),
        };
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
    if markdown {
        out(&format!("| {} |", header.join(" | ")));
        out(&format!("|{}", "---|".repeat(header.len())));
        for r in &rows {
            out(&format!("| {} |", r.join(" | ")));
        }
    } else {
        out(&table(&header, &rows));
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
