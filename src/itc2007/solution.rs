//! Solutions in the competition format: one line `course room day period`
//! per scheduled lecture.

use super::instance::{CttError, Instance, LineProblem};
use std::path::Path;

/// One scheduled lecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assignment {
    /// Course index.
    pub course: usize,
    /// Period index (`day * periods_per_day + period_of_day`).
    pub period: usize,
    /// Room index.
    pub room: usize,
}

/// A (possibly partial or infeasible) timetable: the scheduled lectures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Solution {
    /// Scheduled lectures, in any order.
    pub assignments: Vec<Assignment>,
}

impl Solution {
    /// The competition text: lines sorted by course, then day, period and
    /// room, so that equal timetables give equal bytes.
    pub fn to_text(&self, inst: &Instance) -> String {
        let mut a = self.assignments.clone();
        a.sort();
        let mut s = String::new();
        for x in a {
            let ppd = inst.periods_per_day;
            s.push_str(&format!(
                "{} {} {} {}\n",
                inst.courses[x.course].name,
                inst.rooms[x.room].name,
                x.period / ppd,
                x.period % ppd
            ));
        }
        s
    }
}

/// Parses a solution's text against an instance; every problem is listed.
pub fn parse_solution(inst: &Instance, text: &str) -> Result<Solution, Vec<LineProblem>> {
    let mut problems = Vec::new();
    let mut assignments = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let ln = i + 1;
        let t: Vec<&str> = line.split_whitespace().collect();
        if t.is_empty() {
            continue;
        }
        if t.len() != 4 {
            problems.push(LineProblem {
                line: ln,
                message: format!("expected `<course> <room> <day> <period>` (4 fields), found {} field(s)", t.len()),
            });
            continue;
        }
        let course = inst.course_index(t[0]);
        if course.is_none() {
            problems.push(LineProblem { line: ln, message: format!("unknown course `{}`", t[0]) });
        }
        let room = inst.room_index(t[1]);
        if room.is_none() {
            problems.push(LineProblem { line: ln, message: format!("unknown room `{}`", t[1]) });
        }
        let day = match t[2].parse::<usize>() {
            Ok(d) if d < inst.days => Some(d),
            _ => {
                problems.push(LineProblem {
                    line: ln,
                    message: format!("expected a day in 0..{}, found `{}`", inst.days - 1, t[2]),
                });
                None
            }
        };
        let period = match t[3].parse::<usize>() {
            Ok(p) if p < inst.periods_per_day => Some(p),
            _ => {
                problems.push(LineProblem {
                    line: ln,
                    message: format!("expected a period in 0..{}, found `{}`", inst.periods_per_day - 1, t[3]),
                });
                None
            }
        };
        if let (Some(course), Some(room), Some(d), Some(p)) = (course, room, day, period) {
            assignments.push(Assignment { course, room, period: d * inst.periods_per_day + p });
        }
    }
    if problems.is_empty() { Ok(Solution { assignments }) } else { Err(problems) }
}

/// Reads a solution file against an instance.
pub fn read_solution(inst: &Instance, path: &Path) -> Result<Solution, CttError> {
    let text = std::fs::read_to_string(path).map_err(|source| CttError::Io { file: path.to_path_buf(), source })?;
    parse_solution(inst, &text).map_err(|problems| CttError::Malformed { file: path.to_path_buf(), problems })
}
