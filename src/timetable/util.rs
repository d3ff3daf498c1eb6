//! Small numeric helpers of the solve: the clock, the gap and rounding.

use super::config::SolverConfig;
use std::time::Instant;

/// Seconds left before the run's deadline: HiGHS overruns its limit by a
/// second or two on large models (presolve, the last node), hence a
/// margin of 5 %.
pub(super) fn seconds_left(cfg: &SolverConfig, t0: &Instant) -> f64 {
    cfg.time_limit * 0.95 - t0.elapsed().as_secs_f64()
}

/// HiGHS's relative gap: (objective - bound) / |objective|, 1 without a
/// bound, 0 when both are 0.
pub(super) fn relative_gap(objective: f64, bound: f64) -> f64 {
    if !bound.is_finite() {
        return 1.0;
    }
    let diff = (objective - bound).max(0.0);
    if diff <= 1e-9 {
        0.0
    } else if objective.abs() <= 1e-9 {
        1.0
    } else {
        (diff / objective.abs()).min(1.0)
    }
}

/// Whether the gap between `objective` (none yet: open) and `bound` is
/// still above the configured tolerance.
pub(super) fn gap_open(cfg: &SolverConfig, objective: Option<f64>, bound: f64) -> bool {
    objective.is_none_or(|o| relative_gap(o, bound) > cfg.relative_gap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::timetable::round3;

    #[test]
    fn the_gap_is_relative_to_the_objective_and_open_without_a_bound() {
        assert_eq!(relative_gap(250.0, 200.0), 0.2);
        assert_eq!(relative_gap(200.0, 210.0), 0.0);
        assert_eq!(relative_gap(0.0, 0.0), 0.0);
        assert_eq!(relative_gap(0.0, -1.0), 1.0);
        assert_eq!(relative_gap(100.0, f64::NEG_INFINITY), 1.0);
        let cfg = SolverConfig::default();
        assert!(gap_open(&cfg, None, 100.0));
        assert!(gap_open(&cfg, Some(101.0), 100.0));
        assert!(!gap_open(&cfg, Some(100.4), 100.0));
    }

    #[test]
    fn the_report_rounds_to_three_decimals_and_never_says_minus_zero() {
        assert_eq!(round3(527.12349), 527.123);
        assert_eq!(round3(0.0006), 0.001);
        assert_eq!(round3(-0.0001).to_bits(), 0.0_f64.to_bits());
    }
}
