//! The small seam between the ITC2019 sub-problems and the MIP solver:
//! columns, rows and a linear objective as plain indices and coefficients,
//! handed to HiGHS through good_lp. Nothing else in this adapter names
//! good_lp, so pointing it at the shared backend later touches this file
//! only.

use good_lp::solvers::highs::highs;
use good_lp::{Expression, ProblemVariables, Solution, SolverModel, Variable, variable};

/// A column index.
pub(crate) type Col = usize;

/// A row `Σ coef·x (≤ or =) rhs`: its terms, whether it is an equality, its right-hand side.
type Row = (Vec<(Col, f64)>, bool, f64);

/// A 0-1 model under construction: minimise `cost · x` subject to rows.
#[derive(Debug, Default)]
pub(crate) struct Mip {
    /// (binary?, objective coefficient) of each column.
    cols: Vec<(bool, f64)>,
    /// Rows `Σ coef·x (≤ or =) rhs`.
    rows: Vec<Row>,
}

impl Mip {
    /// A new 0-1 column with its cost.
    pub fn binary(&mut self, cost: f64) -> Col {
        self.cols.push((true, cost));
        self.cols.len() - 1
    }

    /// A new continuous column `≥ 0` with its cost.
    pub fn nonneg(&mut self, cost: f64) -> Col {
        self.cols.push((false, cost));
        self.cols.len() - 1
    }

    /// `Σ terms ≤ rhs`.
    pub fn leq(&mut self, terms: Vec<(Col, f64)>, rhs: f64) {
        self.rows.push((terms, false, rhs));
    }

    /// `Σ terms = rhs`.
    pub fn eq(&mut self, terms: Vec<(Col, f64)>, rhs: f64) {
        self.rows.push((terms, true, rhs));
    }

    /// Solves single-threaded with a seed, a node limit (what makes runs
    /// reproducible) and a guard time limit; the column values of the best
    /// solution found, or `None` without one.
    pub fn solve(self, seed: u64, nodes: i32, seconds: f64) -> Option<Vec<f64>> {
        let mut vars = ProblemVariables::new();
        let xs: Vec<Variable> = self
            .cols
            .iter()
            .map(|&(bin, _)| vars.add(if bin { variable().binary() } else { variable().min(0.0) }))
            .collect();
        let obj: Expression = self.cols.iter().zip(&xs).map(|(&(_, c), &x)| c * x).sum();
        let mut model = vars.minimise(obj).using(highs);
        model.set_verbose(false);
        let mut model = model
            .set_option("threads", 1)
            .set_option("random_seed", (seed % 1_000_000) as i32)
            .set_option("mip_max_nodes", nodes)
            .set_option("time_limit", seconds)
            .set_option("mip_rel_gap", 0.0);
        for (terms, is_eq, rhs) in self.rows {
            let e: Expression = terms.iter().map(|&(c, k)| k * xs[c]).sum();
            model = model.with(if is_eq { e.eq(rhs) } else { e.leq(rhs) });
        }
        let sol = model.solve().ok()?;
        Some(xs.iter().map(|&x| sol.value(x)).collect())
    }
}
