//! Progress: what a long computation tells whoever runs it, as it goes.
//!
//! The library never prints. Every long operation (solve, explain,
//! repair, the ITC2007 and ITC2019 searches) takes a [`Progress`], a
//! callback owned by the caller, and passes it one line per event, each
//! of the form `topic: text`. The topics a caller may treat apart are
//! the ones [`Message::of`] knows:
//!
//! - `phase: …` — a new stage begins (the command line's status line
//!   shows it);
//! - `highs: …` — a raw line of the solver's own log (shown on demand
//!   only);
//! - a line that names `objective X` (topics `improve`, `done`)
//!   carries the best objective so far, and `bound: X …` a lower bound;
//! - anything else is a note worth a line.

/// The progress callback: one line per event (see the module's doc).
pub type Progress<'a> = &'a (dyn Fn(&str) + Sync);

/// A progress callback that drops every line.
pub fn silent(_: &str) {}

/// The topic of a phase line.
pub const PHASE: &str = "phase";
/// The topic of a raw solver log line.
pub const SOLVER: &str = "highs";

/// What a progress line is, read back by whoever shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Message<'a> {
    /// A new stage begins; its description.
    Phase(&'a str),
    /// A raw line of the solver's log.
    Solver(&'a str),
    /// A line worth showing.
    Note {
        /// The whole line.
        line: &'a str,
        /// The best objective so far it names, if any.
        objective: Option<f64>,
        /// The lower bound it names, if any.
        bound: Option<f64>,
    },
}

impl<'a> Message<'a> {
    /// Reads one progress line.
    pub fn of(line: &'a str) -> Message<'a> {
        let (topic, text) = line.split_once(": ").unwrap_or(("", line));
        match topic {
            PHASE => Message::Phase(text),
            SOLVER => Message::Solver(text),
            "bound" => Message::Note { line, objective: None, bound: leading_number(text) },
            "improve" | "done" => Message::Note { line, objective: number_after(text, "objective "), bound: None },
            _ => Message::Note { line, objective: None, bound: None },
        }
    }
}

/// The number `text` starts with, if it does.
fn leading_number(text: &str) -> Option<f64> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(text.len());
    text[..end].parse().ok()
}

/// The number just after the last `key` in `text`, if there is one.
fn number_after(text: &str, key: &str) -> Option<f64> {
    text.rfind(key).and_then(|i| leading_number(&text[i + key.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_back_by_topic() {
        assert_eq!(Message::of("phase: assigning rooms"), Message::Phase("assigning rooms"));
        assert_eq!(Message::of("highs: Presolving model"), Message::Solver("Presolving model"));
        let line = "improve: objective 241.00 (27.7 s)";
        assert_eq!(Message::of(line), Message::Note { line, objective: Some(241.0), bound: None });
        let line = "start: programme or-ma placed (objective 0.0, 1.9 s)";
        assert_eq!(Message::of(line), Message::Note { line, objective: None, bound: None });
        let line = "bound: 219.00 from the cohorts' parts, 4 of 10 parts proven (7.7 s)";
        assert_eq!(Message::of(line), Message::Note { line, objective: None, bound: Some(219.0) });
        let line = "bound: the LP relaxation did not finish (3.0 s)";
        assert_eq!(Message::of(line), Message::Note { line, objective: None, bound: None });
        let line = "patterns: 4050 for 28 activities";
        assert_eq!(Message::of(line), Message::Note { line, objective: None, bound: None });
    }
}
