//! Reading JSON input files: malformed JSON with line and column, and every
//! structural mistake at once (a missing key, a value of the wrong type, an
//! unknown key), each with its JSON path.
//!
//! serde stops at the first structural error. [`parse_json_tolerant`] goes
//! on: it records the error, puts a neutral placeholder of the expected type
//! at that place in the parsed JSON tree, and deserializes again, until the
//! file deserializes. Validation then runs on the repaired value, and the
//! caller drops the semantic problems found under a repaired place (they
//! only describe the placeholder), so a file with a missing key, a wrong
//! type and three semantic mistakes reports all five.

use super::error::{LoadError, Problem};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

/// Input files larger than this are refused before being parsed: instance
/// files are written by hand and weigh kilobytes, and a parsed JSON tree
/// takes several times its file's size in memory.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// At most this many structural problems are collected in one file.
const MAX_STRUCTURAL: usize = 200;

/// Each structural problem costs one more pass over the parsed file; the
/// passes stop once they have covered this many bytes of input in all, so
/// that a large file with many problems still answers in seconds.
const REPAIR_BUDGET_BYTES: usize = 128 * 1024 * 1024;

/// Reads a whole file, mapping I/O errors to [`LoadError::Io`] and refusing
/// files over [`MAX_INPUT_BYTES`].
pub fn read_bytes(file: &Path) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io { file: file.to_path_buf(), source };
    let f = std::fs::File::open(file).map_err(io)?;
    let meta = f.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::Invalid(vec![Problem::new(file, "", "this is a directory, expected a JSON file")]));
    }
    let too_big = |size: u64| {
        LoadError::Invalid(vec![Problem::new(
            file,
            "",
            format!(
                "the file is {:.1} MB, more than the {} MB an input file may have (is it the right file?)",
                size as f64 / 1_048_576.0,
                MAX_INPUT_BYTES / 1_048_576
            ),
        )])
    };
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    // A file growing while it is read (or a device) is still bounded.
    let _ = f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Parses `bytes` (the content of `file`) as `T`, strictly: every problem
/// [`parse_json_tolerant`] finds is an error.
pub fn parse_json<T: DeserializeOwned>(file: &Path, bytes: &[u8]) -> Result<T, LoadError> {
    let parsed = parse_json_tolerant(file, bytes)?;
    if parsed.problems.is_empty() { Ok(parsed.value) } else { Err(LoadError::Invalid(parsed.problems)) }
}

/// The outcome of [`parse_json_tolerant`] on a file that is valid JSON.
#[derive(Debug)]
pub struct Tolerant<T> {
    /// The file's content, with a placeholder wherever [`Self::repaired`]
    /// says a value was missing or of the wrong type.
    pub value: T,
    /// Every structural problem: missing keys, wrong types, unknown keys.
    pub problems: Vec<Problem>,
    /// JSON paths where a placeholder was put: problems found later at or
    /// under them describe the placeholder, not the file.
    pub repaired: Vec<String>,
}

impl<T> Tolerant<T> {
    /// Whether a problem at `path` (of this file) is only a consequence of
    /// a placeholder.
    pub fn is_repaired(&self, path: &str) -> bool {
        self.repaired.iter().any(|r| is_under(path, r))
    }
}

/// Whether JSON path `path` is `root` or lies under it.
pub fn is_under(path: &str, root: &str) -> bool {
    match path.strip_prefix(root) {
        Some(rest) => root.is_empty() || rest.is_empty() || rest.starts_with('.') || rest.starts_with('['),
        None => false,
    }
}

/// Parses `bytes` (the content of `file`) as `T`, collecting every
/// structural problem instead of stopping at the first.
///
/// Fails only when the bytes are not a JSON object at all (not UTF-8 text,
/// a syntax error with its line and column, another top-level value), or
/// when the structure is too broken to repair.
pub fn parse_json_tolerant<T: DeserializeOwned>(file: &Path, bytes: &[u8]) -> Result<Tolerant<T>, LoadError> {
    tolerant(file, bytes, None)
}

/// [`parse_json_tolerant`] for a file that must carry `format`: a file of
/// another known horaire format (a calendar given where an instance is
/// expected) is reported as that one problem, not as a list of keys.
pub fn parse_json_of_format<T: DeserializeOwned>(
    file: &Path,
    bytes: &[u8],
    format: &str,
) -> Result<Tolerant<T>, LoadError> {
    tolerant(file, bytes, Some(format))
}

/// The `format` values horaire reads or writes, and what they are.
const KNOWN_FORMATS: [(&str, &str); 5] = [
    ("horaire/1", "an instance"),
    ("horaire-calendar/1", "a calendar"),
    ("horaire-timetable/1", "a timetable"),
    ("horaire-placements/1", "a placement plan"),
    ("horaire-changes/1", "a list of changes"),
];

fn tolerant<T: DeserializeOwned>(file: &Path, bytes: &[u8], format: Option<&str>) -> Result<Tolerant<T>, LoadError> {
    let whole = |what: String| LoadError::Invalid(vec![Problem::new(file, "", what)]);
    // Some editors start UTF-8 files with a byte-order mark; JSON allows a
    // reader to skip it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let (line, column) = line_column(bytes, e.valid_up_to());
        return Err(whole(format!(
            "not UTF-8 text (a binary file?): invalid byte at line {line}, column {column}; expected a JSON file"
        )));
    }
    let mut value: Value = serde_json::from_slice(bytes).map_err(|e| {
        whole(if e.is_eof() && bytes.iter().all(u8::is_ascii_whitespace) {
            "the file is empty: expected a JSON object".to_string()
        } else {
            format!("not valid JSON at line {}, column {}: {}", e.line(), e.column(), strip_position(&e))
        })
    })?;
    if !value.is_object() {
        return Err(whole(format!("expected a JSON object {{ … }} at the top level, found {}", json_kind(&value))));
    }
    if let (Some(expected), Some(Value::String(found))) = (format, value.get("format")) {
        let kind = |f: &str| KNOWN_FORMATS.iter().find(|(k, _)| *k == f).map(|(_, what)| *what);
        if let (Some(is), Some(wanted)) = (kind(found), kind(expected)) {
            if found != expected {
                return Err(LoadError::Invalid(vec![Problem::new(
                    file,
                    "format",
                    format!("expected \"{expected}\", found \"{found}\": this is {is} file, not {wanted} file"),
                )]));
            }
        }
    }
    let mut problems = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut unknown_seen: BTreeSet<String> = BTreeSet::new();
    // Places a placeholder was put: later errors there are not reported again.
    let mut repaired: Vec<Vec<Seg>> = Vec::new();
    let mut last: Option<(Vec<Seg>, String)> = None;
    let mut structural = 0usize;
    loop {
        let mut ignored = Vec::new();
        let result: Result<T, _> = {
            let mut on_ignored = |p: serde_ignored::Path<'_>| ignored.push(ignored_path(&p));
            let de = serde_ignored::Deserializer::new(Strict(&value), &mut on_ignored);
            serde_path_to_error::deserialize(de)
        };
        for path in ignored {
            if unknown_seen.insert(path.clone()) {
                unknown.push(path);
            }
        }
        let error = match result {
            Ok(v) => {
                let mut all: Vec<Problem> = unknown
                    .iter()
                    .map(|path| {
                        let key = last_key(path);
                        Problem::new(file, path.clone(), format!("unknown key \"{key}\" (check its spelling)"))
                    })
                    .collect();
                all.append(&mut problems);
                return Ok(Tolerant {
                    value: v,
                    problems: all,
                    repaired: repaired.iter().map(|s| render(s)).collect(),
                });
            }
            Err(e) => e,
        };
        let at: Vec<Seg> = error.path().iter().filter_map(Seg::from_segment).collect();
        let message = error.inner().to_string();
        let message = strip_at_line(&message).to_string();
        structural += 1;
        let repeated = last.as_ref().is_some_and(|(p, m)| *p == at && *m == message);
        let spent = structural.saturating_mul(bytes.len());
        if structural > MAX_STRUCTURAL * 4 || problems.len() >= MAX_STRUCTURAL || spent > REPAIR_BUDGET_BYTES {
            problems.push(Problem::new(file, "", "too many structural problems: fix those listed and run again"));
            return Err(LoadError::Invalid(problems));
        }
        last = Some((at.clone(), message.clone()));
        if let Some(key) = missing_field(&message) {
            let mut target = at.clone();
            target.push(Seg::Key(key.to_string()));
            // Inside a placeholder every key is missing: that is not news.
            if !repaired.iter().any(|r| at.starts_with(r)) {
                problems.push(Problem::new(file, render(&target), format!("missing key \"{key}\" (it is required)")));
            }
            if !set(&mut value, &target, Value::Null) {
                return Err(LoadError::Invalid(problems));
            }
            repaired.push(target);
            continue;
        }
        // A place already repaired (or an error that repeats itself): try
        // another placeholder one level up, silently.
        let known = repaired.iter().any(|r| at.starts_with(r));
        let mut target = at.clone();
        if repeated && !target.is_empty() {
            let _ = target.pop();
        }
        if !known && !repeated {
            problems.push(Problem::new(file, render(&at), friendly(&message)));
        }
        let placeholder = if repeated { Value::Null } else { placeholder_for(&message) };
        if target.is_empty() || !set(&mut value, &target, placeholder) {
            if known || repeated {
                problems.push(Problem::new(
                    file,
                    render(&at),
                    "this part of the file could not be read (see the problems above)",
                ));
            }
            return Err(LoadError::Invalid(problems));
        }
        repaired.push(target);
    }
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Index(usize),
    Key(String),
}

impl Seg {
    fn from_segment(s: &serde_path_to_error::Segment) -> Option<Seg> {
        use serde_path_to_error::Segment;
        match s {
            Segment::Seq { index } => Some(Seg::Index(*index)),
            Segment::Map { key } | Segment::Enum { variant: key } => Some(Seg::Key(key.clone())),
            Segment::Unknown => None,
        }
    }
}

fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
        }
    }
    out
}

/// Puts `new` at `path` in `root` (adding the key when its object lacks
/// it); false when the path does not lead there.
fn set(root: &mut Value, path: &[Seg], new: Value) -> bool {
    let Some((last, parents)) = path.split_last() else { return false };
    let mut cur = root;
    for seg in parents {
        cur = match (seg, cur) {
            (Seg::Index(i), Value::Array(a)) => match a.get_mut(*i) {
                Some(v) => v,
                None => return false,
            },
            (Seg::Key(k), Value::Object(m)) => match m.get_mut(k) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, cur) {
        (Seg::Index(i), Value::Array(a)) if *i < a.len() => {
            a[*i] = new;
            true
        }
        (Seg::Key(k), Value::Object(m)) => {
            let _ = m.insert(k.clone(), new);
            true
        }
        _ => false,
    }
}

/// The key named by serde's "missing field `k`".
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

/// What serde said it expected, e.g. `u32` or `a sequence`.
fn expectation(message: &str) -> Option<&str> {
    message.rfind(", expected ").map(|i| &message[i + ", expected ".len()..])
}

/// A neutral value of the type serde expected.
fn placeholder_for(message: &str) -> Value {
    let Some(exp) = expectation(message) else { return Value::String(String::new()) };
    if is_integer_type(exp) || exp == "f64" || exp == "f32" {
        Value::from(0)
    } else if exp == "a sequence" {
        Value::Array(Vec::new())
    } else if exp.starts_with("struct ") || exp == "a map" {
        Value::Object(serde_json::Map::new())
    } else if exp == "a boolean" {
        Value::Bool(false)
    } else {
        // A string, or a value with its own visitor (a calendar path, a
        // period, a site rule): all accept a string.
        Value::String(String::new())
    }
}

fn is_integer_type(exp: &str) -> bool {
    matches!(exp, "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize")
}

/// serde's wording, made plain for a planner.
fn friendly(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return match rest.split_once(", expected ") {
            Some((key, expected)) => {
                format!("unknown key {}: expected {}", key.replace('`', "\""), expected.replace('`', "\""))
            }
            None => format!("unknown key {}", rest.replace('`', "\"")),
        };
    }
    let exp = expectation(message);
    let expected = exp.map(|e| {
        if e == "u8" || e == "u16" || e == "u32" || e == "u64" || e == "usize" {
            "a whole number, 0 or more".to_string()
        } else if is_integer_type(e) {
            "a whole number".to_string()
        } else if e == "f64" || e == "f32" {
            "a number".to_string()
        } else if e == "a string" {
            "a string in quotes".to_string()
        } else if e == "a sequence" {
            "a list [ … ]".to_string()
        } else if e.starts_with("struct ") || e == "a map" {
            "an object { … }".to_string()
        } else {
            e.to_string()
        }
    });
    let found = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rfind(", expected ").map(|i| &rest[..i]));
    match (found, expected) {
        (Some(found), Some(expected)) => {
            let found = found.replace('`', "");
            let found = found
                .strip_prefix("integer ")
                .or_else(|| found.strip_prefix("floating point "))
                .map(|n| format!("the number {n}"))
                .unwrap_or_else(|| match found.as_str() {
                    "sequence" => "a list".to_string(),
                    "map" => "an object".to_string(),
                    _ => found.clone(),
                });
            let range = if exp.is_some_and(is_integer_type) && message.starts_with("invalid value: ") {
                " (out of range)"
            } else {
                ""
            };
            format!("expected {expected}, found {found}{range}")
        }
        _ => message.replace('`', "\""),
    }
}

fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, column)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    strip_at_line(&e.to_string()).to_string()
}

fn strip_at_line(s: &str) -> &str {
    match s.find(" at line ") {
        Some(i) => &s[..i],
        None => s,
    }
}

fn last_key(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn ignored_path(p: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match p {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", ignored_path(parent)),
        Path::Map { parent, key } => {
            let head = ignored_path(parent);
            if head.is_empty() { key.to_string() } else { format!("{head}.{key}") }
        }
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => {
            ignored_path(parent)
        }
    }
}

/// The kinds of id (as named in "unknown … \"x\"" problems) whose
/// definitions a placeholder may have replaced, given the repaired paths
/// of an instance file. A reference to such a kind that does not resolve
/// may only be a consequence of the placeholder, so it is not reported.
pub fn hidden_reference_kinds(repaired: &[String]) -> BTreeSet<&'static str> {
    // (list, kinds defined by its items, keys of an item that define one)
    const LISTS: [(&str, &[&str], &[&str]); 8] = [
        ("sites", &["site", "room"], &["id", "rooms"]),
        ("teachers", &["teacher"], &["id"]),
        ("cohorts", &["cohort"], &["id"]),
        ("time_grids", &["time grid"], &["id"]),
        ("programmes", &["programme"], &["id"]),
        ("ues", &["UE", "activity"], &["code", "activities"]),
        ("placements.hosts", &["host"], &["id"]),
        ("placements.requirements", &["requirement"], &["id"]),
    ];
    let mut out = BTreeSet::new();
    for r in repaired {
        if r.is_empty() || r == "placements" {
            out.extend(["host", "requirement"]);
        }
        for (list, kinds, keys) in LISTS {
            let Some(rest) = r.strip_prefix(list) else { continue };
            let defines = rest.is_empty() || {
                let item = rest.strip_prefix('[').and_then(|s| s.split_once(']')).map(|(_, after)| after);
                match item {
                    Some("") => true,
                    Some(after) => keys.iter().any(|k| {
                        after.strip_prefix('.').and_then(|a| a.strip_prefix(k)).is_some_and(|a| {
                            // `id`, `rooms`, `rooms[0]`, `rooms[0].id` define ids;
                            // `rooms[0].capacity` does not.
                            let item = a.strip_prefix('[').and_then(|s| s.split_once(']')).map(|(_, rest)| rest);
                            a.is_empty() || matches!(item, Some("" | ".id"))
                        })
                    }),
                    None => false,
                }
            };
            if defines {
                out.extend(kinds.iter().copied());
            }
        }
    }
    out
}

/// Whether `message` reports a reference of one of `kinds` that does not
/// resolve (the wording of [`crate::model::validate`]).
pub fn is_unknown_reference(message: &str, kinds: &BTreeSet<&'static str>) -> bool {
    kinds
        .iter()
        .any(|k| message.strip_prefix("unknown ").and_then(|m| m.strip_prefix(k)).is_some_and(|m| m.starts_with(" \"")))
}

/// A deserializer over a parsed JSON value that refuses a list where an
/// object is expected. serde's derived structs also accept a list of their
/// fields in order (`"year": ["2025-09-15", "2026-09-13"]`), which the file
/// formats do not allow and which would hide a mistake.
struct Strict<'a>(&'a Value);

/// The rule every list and object follows (as serde_json's own value
/// deserializer does): a visitor that leaves elements unread is an error.
fn all_read<T>(result: T, left: usize, len: usize, what: &'static str) -> Result<T, serde_json::Error> {
    if left == 0 { Ok(result) } else { Err(serde::de::Error::invalid_length(len, &what)) }
}

impl<'de> serde::Deserializer<'de> for Strict<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Array(items) => {
                let mut seq = StrictSeq { items: items.iter() };
                let out = visitor.visit_seq(&mut seq)?;
                all_read(out, seq.items.len(), items.len(), "fewer elements in the list")
            }
            Value::Object(map) => {
                let mut access = StrictMap { entries: map.iter(), value: None };
                let out = visitor.visit_map(&mut access)?;
                all_read(out, access.entries.len(), map.len(), "fewer keys in the object")
            }
            scalar => serde::Deserializer::deserialize_any(scalar, visitor),
        }
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Array(_) => Err(serde::de::Error::invalid_type(serde::de::Unexpected::Seq, &visitor)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        serde::Deserializer::deserialize_enum(self.0, name, variants, visitor)
    }

    fn deserialize_ignored_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

struct StrictSeq<'a> {
    items: std::slice::Iter<'a, Value>,
}

impl<'de> serde::de::SeqAccess<'de> for StrictSeq<'de> {
    type Error = serde_json::Error;

    fn next_element_seed<S: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Self::Error> {
        self.items.next().map(|v| seed.deserialize(Strict(v))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct StrictMap<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<&'a Value>,
}

impl<'de> serde::de::MapAccess<'de> for StrictMap<'de> {
    type Error = serde_json::Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                let key = serde::de::value::BorrowedStrDeserializer::<serde_json::Error>::new(key.as_str());
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: serde::de::DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Self::Error> {
        match self.value.take() {
            Some(v) => seed.deserialize(Strict(v)),
            None => Err(serde::de::Error::custom("a value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_a_root() {
        assert!(is_under("sites[1].rooms[0].id", "sites[1]"));
        assert!(is_under("sites[1]", "sites[1]"));
        assert!(!is_under("sites[10].id", "sites[1]"), "index 10 is not under index 1");
        assert!(!is_under("sites_extra", "sites"));
        assert!(is_under("calendar.year.from", "calendar"));
    }

    #[test]
    fn repaired_definitions_hide_only_their_kind() {
        let kinds = |paths: &[&str]| {
            hidden_reference_kinds(&paths.iter().map(|p| p.to_string()).collect::<Vec<_>>())
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(&["sites[0].id"]), ["room", "site"]);
        assert_eq!(kinds(&["ues[2].activities[0]"]), ["UE", "activity"]);
        assert_eq!(kinds(&["teachers"]), ["teacher"]);
        // A repaired capacity or name defines no id.
        assert_eq!(kinds(&["sites[0].rooms[0].capacity", "teachers[1].name"]), Vec::<&str>::new());
        let hidden = hidden_reference_kinds(&["cohorts[0].id".to_string()]);
        assert!(is_unknown_reference("unknown cohort \"b1\" (none is defined)", &hidden));
        assert!(!is_unknown_reference("unknown teacher \"t1\" (none is defined)", &hidden));
    }
}
