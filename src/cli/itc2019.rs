//! `horaire itc2019`: the ITC2019 benchmark adapter.

use super::args::*;
use super::progress::Reporter;
use super::{out, prefix_lines};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn itc2019(cmd: Itc2019Command) -> ExitCode {
    use horaire::itc2019::{SolveOptions, XmlError, bench, evaluate, read_instance, read_solution, solve};
    let fail = |e: XmlError| {
        let _ = writeln!(std::io::stderr(), "{}", prefix_lines(&e.to_string()));
        ExitCode::from(2)
    };
    let write = |p: &Path, text: &str| {
        horaire::atomic::write_atomic(p, text.as_bytes()).map_err(|e| {
            let _ = writeln!(std::io::stderr(), "horaire: cannot write {}: {e}", p.display());
            ExitCode::from(2)
        })
    };
    match cmd {
        Itc2019Command::Cost { instance, solution } => {
            let inst = match read_instance(&instance) {
                Ok(i) => i,
                Err(e) => return fail(e),
            };
            let sol = match read_solution(&inst, &solution) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let r = evaluate(&inst, &sol);
            let _ = write!(std::io::stdout(), "{}", r.render(&inst));
            if r.hard_count() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
        }
        Itc2019Command::Solve { instance, seconds, seed, cycles, out: out_path, quiet } => {
            let inst = match read_instance(&instance) {
                Ok(i) => i,
                Err(e) => return fail(e),
            };
            let reporter = Reporter::new(quiet);
            let progress = |line: &str| reporter.line(line);
            let res = solve(&inst, &SolveOptions { seconds, seed, cycles }, &progress);
            let r = evaluate(&inst, &res.solution);
            if let Err(code) = write(&out_path, &res.solution.to_xml(&inst)) {
                return code;
            }
            let _ = write!(std::io::stderr(), "{}", prefix_lines(&r.render(&inst)));
            let _ = writeln!(
                std::io::stderr(),
                "\nhoraire: {} cycle(s), {} sub-MIP(s) ({} improving), written to {}",
                res.cycles,
                res.mips.0,
                res.mips.1,
                out_path.display()
            );
            if r.hard_count() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
        }
        Itc2019Command::Bench { dir, seconds, seed, out_dir } => {
            let dir = dir.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks/itc2019"));
            let files = match bench::instances(&dir) {
                Ok(f) => f,
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "horaire: {}: cannot read folder: {e}", dir.display());
                    return ExitCode::from(2);
                }
            };
            let best =
                std::fs::read_to_string(dir.join("BEST_KNOWN.txt")).map(|t| bench::best_known(&t)).unwrap_or_default();
            out(&bench::table_header());
            let mut code = ExitCode::SUCCESS;
            for f in files {
                let opts = SolveOptions { seconds, seed, cycles: None };
                match bench::measure(&f, &opts, &best, &|_| {}) {
                    Ok(row) => {
                        out(&bench::table_line(&row));
                        if let Some(d) = &out_dir {
                            let inst = read_instance(&f).ok();
                            if let Some(inst) = inst {
                                let _ =
                                    write(&d.join(format!("{}.sol.xml", row.instance)), &row.solution.to_xml(&inst));
                            }
                        }
                        if row.report.hard_count() > 0 {
                            code = ExitCode::from(1);
                        }
                    }
                    Err(e) => code = fail(e),
                }
            }
            code
        }
    }
}
