//! `horaire batch`: every instance of a folder, and its table.

use super::{Failure, out, prefix_lines, solver_config, table};
use horaire::batch::{self, Event, Status};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn batch(dir: &Path, config: Option<&Path>) -> Result<ExitCode, Failure> {
    let cfg = solver_config(config)?;
    let files = batch::instance_files(dir).map_err(Failure::Input)?;
    let mut events = |e: Event<'_>| {
        let _ = match e {
            Event::Invalid(_, err) => writeln!(std::io::stderr(), "{}", prefix_lines(&err.to_string())),
            Event::Solving(path) => writeln!(std::io::stderr(), "horaire: solving {}", path.display()),
        };
    };
    let rows = batch::run(&files, &cfg, &mut events).map_err(|(path, e)| Failure::Output(path, e))?;
    let failed = rows.iter().filter(|r| !matches!(r.status, Status::Solved(_))).count();
    let cells: Vec<[String; 5]> = rows
        .into_iter()
        .map(|r| {
            let (objective, gap) = match r.solved {
                Some((o, g)) => (format!("{o}"), format!("{:.2} %", g * 100.0)),
                None => ("-".into(), "-".into()),
            };
            let secs = r.seconds.map_or("-".into(), |s| format!("{s:.1}"));
            [r.name, r.status.as_str().to_string(), objective, gap, secs]
        })
        .collect();
    out(&table(&["instance", "status", "objective", "gap", "seconds"], &cells));
    if files.is_empty() {
        let _ = writeln!(std::io::stderr(), "horaire: no instance (*.json) in {}", dir.display());
        return Ok(ExitCode::from(2));
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
