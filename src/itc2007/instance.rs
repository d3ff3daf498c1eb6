//! The CB-CTT instance (typed, indices instead of names) and the `.ctt`
//! reader. Every problem found in a file is reported with its line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One course: a number of weekly lectures taught by one teacher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    /// Course identifier as written in the file.
    pub name: String,
    /// Index into [`Instance::teachers`].
    pub teacher: usize,
    /// Number of lectures to schedule.
    pub lectures: usize,
    /// Minimum number of distinct days the lectures should spread over.
    pub min_days: usize,
    /// Number of students attending.
    pub students: usize,
}

/// One room and its capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    /// Room identifier as written in the file.
    pub name: String,
    /// Seats.
    pub capacity: usize,
}

/// A curriculum: courses that share students and must not overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Curriculum {
    /// Curriculum identifier as written in the file.
    pub name: String,
    /// Indices into [`Instance::courses`].
    pub courses: Vec<usize>,
}

/// A parsed, checked CB-CTT instance. Periods are numbered
/// `day * periods_per_day + period_of_day`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// The `Name:` line.
    pub name: String,
    /// Days in the week.
    pub days: usize,
    /// Periods in each day.
    pub periods_per_day: usize,
    /// Courses in file order.
    pub courses: Vec<Course>,
    /// Rooms in file order.
    pub rooms: Vec<Room>,
    /// Curricula in file order.
    pub curricula: Vec<Curriculum>,
    /// Teacher names, in order of first appearance.
    pub teachers: Vec<String>,
    /// `unavailable[course][period]`: the course may not be taught then.
    pub unavailable: Vec<Vec<bool>>,
    /// `course_curricula[course]`: curricula containing the course.
    pub course_curricula: Vec<Vec<usize>>,
}

impl Instance {
    /// Number of periods in the week.
    pub fn periods(&self) -> usize {
        self.days * self.periods_per_day
    }

    /// Total number of lectures to schedule.
    pub fn total_lectures(&self) -> usize {
        self.courses.iter().map(|c| c.lectures).sum()
    }

    /// Index of a course by name.
    pub fn course_index(&self, name: &str) -> Option<usize> {
        self.courses.iter().position(|c| c.name == name)
    }

    /// Index of a room by name.
    pub fn room_index(&self, name: &str) -> Option<usize> {
        self.rooms.iter().position(|r| r.name == name)
    }

    /// Whether two distinct courses may not share a period (same teacher
    /// or a common curriculum).
    pub fn in_conflict(&self, a: usize, b: usize) -> bool {
        if self.courses[a].teacher == self.courses[b].teacher {
            return true;
        }
        self.course_curricula[a].iter().any(|q| self.course_curricula[b].contains(q))
    }
}

/// One located problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    /// 1-based line number (0 when the problem is about the whole file).
    pub line: usize,
    /// What was found and what was expected.
    pub message: String,
}

/// Why a `.ctt` or solution file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CttError {
    /// The file could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The file.
        file: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file was read but is malformed; every problem is listed.
    #[error("{}", render_problems(file, problems))]
    Malformed {
        /// The file.
        file: PathBuf,
        /// Every problem found, in line order.
        problems: Vec<LineProblem>,
    },
}

fn render_problems(file: &Path, problems: &[LineProblem]) -> String {
    let mut lines = Vec::new();
    for p in problems {
        if p.line == 0 {
            lines.push(format!("{}: {}", file.display(), p.message));
        } else {
            lines.push(format!("{}:{}: {}", file.display(), p.line, p.message));
        }
    }
    lines.push(format!("{}: {} problem(s)", file.display(), problems.len()));
    lines.join("\n")
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Reads and checks a `.ctt` file.
pub fn read_instance(path: &Path) -> Result<Instance, CttError> {
    let text = std::fs::read_to_string(path).map_err(|source| CttError::Io { file: path.to_path_buf(), source })?;
    parse_instance(&text).map_err(|problems| CttError::Malformed { file: path.to_path_buf(), problems })
}

/// Non-blank lines as (1-based line number, tokens).
fn token_lines(text: &str) -> Vec<(usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split_whitespace().collect::<Vec<_>>()))
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

fn number(tok: &str, what: &str, line: usize, problems: &mut Vec<LineProblem>) -> Option<usize> {
    match tok.parse::<usize>() {
        Ok(n) => Some(n),
        Err(_) => {
            problems.push(LineProblem {
                line,
                message: format!("expected {what} (a non-negative integer), found `{tok}`"),
            });
            None
        }
    }
}

/// Parses the text of a `.ctt` file; on failure returns every problem found.
pub fn parse_instance(text: &str) -> Result<Instance, Vec<LineProblem>> {
    let lines = token_lines(text);
    let mut problems = Vec::new();
    let mut pos = 0;
    let last_line = text.lines().count().max(1);

    // Header: seven `Key: value` lines in a fixed order.
    const KEYS: [&str; 7] = ["Name:", "Courses:", "Rooms:", "Days:", "Periods_per_day:", "Curricula:", "Constraints:"];
    let mut header: Vec<String> = Vec::new();
    for key in KEYS {
        let Some((ln, toks)) = lines.get(pos) else {
            problems
                .push(LineProblem {
                    line: last_line, message: format!("unexpected end of file: expected `{key} …`")
                });
            return Err(problems);
        };
        if toks[0] != key || toks.len() != 2 {
            problems.push(LineProblem {
                line: *ln,
                message: format!("expected `{key} <value>` (one value), found `{}`", toks.join(" ")),
            });
            return Err(problems);
        }
        header.push(toks[1].to_string());
        pos += 1;
    }
    let mut counts = [0usize; 6];
    for (i, value) in header[1..].iter().enumerate() {
        let ln = lines[1 + i].0;
        if let Some(n) = number(value, &format!("the value of `{}`", KEYS[i + 1]), ln, &mut problems) {
            counts[i] = n;
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let [n_courses, n_rooms, days, ppd, n_curricula, n_constraints] = counts;
    for (i, v) in [(3, days), (4, ppd)] {
        if v == 0 {
            problems.push(LineProblem { line: lines[i].0, message: format!("`{}` must be at least 1", KEYS[i]) });
        }
    }

    // Each section: a title line followed by exactly `n` record lines.
    let mut section = |title: &str, n: usize, problems: &mut Vec<LineProblem>| -> Option<Vec<(usize, Vec<&str>)>> {
        let Some((ln, toks)) = lines.get(pos) else {
            problems
                .push(LineProblem { line: last_line, message: format!("unexpected end of file: expected `{title}`") });
            return None;
        };
        if toks.len() != 1 || toks[0] != title {
            problems
                .push(LineProblem { line: *ln, message: format!("expected `{title}`, found `{}`", toks.join(" ")) });
            return None;
        }
        pos += 1;
        let mut recs = Vec::new();
        for _ in 0..n {
            match lines.get(pos) {
                Some((ln, toks)) if toks[0].ends_with(':') || toks[0] == "END." => {
                    problems.push(LineProblem {
                        line: *ln,
                        message: format!(
                            "expected {n} record(s) under `{title}` (as announced in the header), found {} before `{}`",
                            recs.len(),
                            toks[0]
                        ),
                    });
                    return Some(recs);
                }
                Some(rec) => {
                    recs.push(rec.clone());
                    pos += 1;
                }
                None => {
                    problems.push(LineProblem {
                        line: last_line,
                        message: format!(
                            "unexpected end of file: expected {n} record(s) under `{title}`, found {}",
                            recs.len()
                        ),
                    });
                    return Some(recs);
                }
            }
        }
        Some(recs)
    };

    let Some(course_recs) = section("COURSES:", n_courses, &mut problems) else { return Err(problems) };
    let mut courses = Vec::new();
    let mut teachers: Vec<String> = Vec::new();
    let mut teacher_ix: BTreeMap<String, usize> = BTreeMap::new();
    let mut course_ix: BTreeMap<String, usize> = BTreeMap::new();
    for (ln, t) in &course_recs {
        if t.len() != 5 {
            problems.push(LineProblem {
                line: *ln,
                message: format!(
                    "expected a course line `<course> <teacher> <lectures> <min_days> <students>` (5 fields), found {} field(s)",
                    t.len()
                ),
            });
            continue;
        }
        let lectures = number(t[2], "the number of lectures", *ln, &mut problems);
        let min_days = number(t[3], "the minimum number of working days", *ln, &mut problems);
        let students = number(t[4], "the number of students", *ln, &mut problems);
        let (Some(lectures), Some(min_days), Some(students)) = (lectures, min_days, students) else { continue };
        if lectures > days * ppd {
            problems.push(LineProblem {
                line: *ln,
                message: format!(
                    "course `{}` has {lectures} lectures but the week has only {} periods",
                    t[0],
                    days * ppd
                ),
            });
        }
        if course_ix.contains_key(t[0]) {
            problems.push(LineProblem { line: *ln, message: format!("course `{}` is defined twice", t[0]) });
            continue;
        }
        let teacher = *teacher_ix.entry(t[1].to_string()).or_insert_with(|| {
            teachers.push(t[1].to_string());
            teachers.len() - 1
        });
        course_ix.insert(t[0].to_string(), courses.len());
        courses.push(Course { name: t[0].to_string(), teacher, lectures, min_days, students });
    }

    let Some(room_recs) = section("ROOMS:", n_rooms, &mut problems) else { return Err(problems) };
    let mut rooms: Vec<Room> = Vec::new();
    for (ln, t) in &room_recs {
        if t.len() != 2 {
            problems.push(LineProblem {
                line: *ln,
                message: format!("expected a room line `<room> <capacity>` (2 fields), found {} field(s)", t.len()),
            });
            continue;
        }
        let Some(capacity) = number(t[1], "the room capacity", *ln, &mut problems) else { continue };
        if rooms.iter().any(|r| r.name == t[0]) {
            problems.push(LineProblem { line: *ln, message: format!("room `{}` is defined twice", t[0]) });
            continue;
        }
        rooms.push(Room { name: t[0].to_string(), capacity });
    }

    let Some(cur_recs) = section("CURRICULA:", n_curricula, &mut problems) else { return Err(problems) };
    let mut curricula: Vec<Curriculum> = Vec::new();
    for (ln, t) in &cur_recs {
        if t.len() < 2 {
            problems.push(LineProblem {
                line: *ln,
                message: "expected a curriculum line `<curriculum> <n> <course>…`".to_string(),
            });
            continue;
        }
        let Some(n) = number(t[1], "the number of courses of the curriculum", *ln, &mut problems) else { continue };
        if t.len() != n + 2 {
            problems.push(LineProblem {
                line: *ln,
                message: format!("curriculum `{}` announces {n} course(s) but lists {}", t[0], t.len() - 2),
            });
            continue;
        }
        let mut members = Vec::new();
        for name in &t[2..] {
            match course_ix.get(*name) {
                Some(&c) if members.contains(&c) => problems
                    .push(LineProblem { line: *ln, message: format!("course `{name}` is listed twice in `{}`", t[0]) }),
                Some(&c) => members.push(c),
                None => problems.push(LineProblem {
                    line: *ln,
                    message: format!(
                        "unknown course `{name}` in curriculum `{}` (expected a course of COURSES:)",
                        t[0]
                    ),
                }),
            }
        }
        if curricula.iter().any(|q| q.name == t[0]) {
            problems.push(LineProblem { line: *ln, message: format!("curriculum `{}` is defined twice", t[0]) });
            continue;
        }
        curricula.push(Curriculum { name: t[0].to_string(), courses: members });
    }

    let Some(un_recs) = section("UNAVAILABILITY_CONSTRAINTS:", n_constraints, &mut problems) else {
        return Err(problems);
    };
    let periods = days * ppd;
    let mut unavailable = vec![vec![false; periods]; courses.len()];
    for (ln, t) in &un_recs {
        if t.len() != 3 {
            problems.push(LineProblem {
                line: *ln,
                message: format!(
                    "expected an unavailability line `<course> <day> <period>` (3 fields), found {} field(s)",
                    t.len()
                ),
            });
            continue;
        }
        let c = course_ix.get(t[0]).copied();
        if c.is_none() {
            problems.push(LineProblem {
                line: *ln,
                message: format!("unknown course `{}` (expected a course of COURSES:)", t[0]),
            });
        }
        let d = number(t[1], "a day", *ln, &mut problems);
        let p = number(t[2], "a period of the day", *ln, &mut problems);
        if let Some(d) = d
            && d >= days
        {
            problems.push(LineProblem {
                line: *ln,
                message: format!("day {d} out of range: expected 0..{}", days.saturating_sub(1)),
            });
            continue;
        }
        if let Some(p) = p
            && p >= ppd
        {
            problems.push(LineProblem {
                line: *ln,
                message: format!("period {p} out of range: expected 0..{}", ppd.saturating_sub(1)),
            });
            continue;
        }
        if let (Some(c), Some(d), Some(p)) = (c, d, p) {
            unavailable[c][d * ppd + p] = true;
        }
    }

    match lines.get(pos) {
        Some((_, t)) if t.len() == 1 && t[0] == "END." => {
            if let Some((ln, t)) = lines.get(pos + 1) {
                problems.push(LineProblem {
                    line: *ln,
                    message: format!("expected nothing after `END.`, found `{}`", t.join(" ")),
                });
            }
        }
        Some((ln, t)) => {
            problems.push(LineProblem { line: *ln, message: format!("expected `END.`, found `{}`", t.join(" ")) })
        }
        None => {
            problems.push(LineProblem { line: last_line, message: "unexpected end of file: expected `END.`".into() })
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(problems);
    }
    let mut course_curricula = vec![Vec::new(); courses.len()];
    for (q, cur) in curricula.iter().enumerate() {
        for &c in &cur.courses {
            course_curricula[c].push(q);
        }
    }
    Ok(Instance {
        name: header[0].clone(),
        days,
        periods_per_day: ppd,
        courses,
        rooms,
        curricula,
        teachers,
        unavailable,
        course_curricula,
    })
}
