//! Reading JSON input files: malformed JSON with line and column, structural
//! mistakes with their JSON path, and every unknown key (not only the first).

use super::error::{LoadError, Problem};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Reads a whole file, mapping I/O errors to [`LoadError::Io`].
pub fn read_bytes(file: &Path) -> Result<Vec<u8>, LoadError> {
    std::fs::read(file).map_err(|source| LoadError::Io { file: file.to_path_buf(), source })
}

/// Parses `bytes` (the content of `file`) as `T`.
///
/// Reports, all at once: JSON syntax errors (line and column), every key
/// the format does not know (with its path), and the first type mismatch
/// (with its path; serde cannot go on past one).
pub fn parse_json<T: DeserializeOwned>(file: &Path, bytes: &[u8]) -> Result<T, LoadError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        let what = if e.is_eof() && bytes.iter().all(u8::is_ascii_whitespace) {
            "the file is empty: expected a JSON object".to_string()
        } else {
            format!("not valid JSON at line {}, column {}: {}", e.line(), e.column(), strip_position(&e))
        };
        LoadError::Invalid(vec![Problem::new(file, "", what)])
    })?;
    if !value.is_object() {
        return Err(LoadError::Invalid(vec![Problem::new(
            file,
            "",
            format!("expected a JSON object at the top level, found {}", json_kind(&value)),
        )]));
    }
    let mut problems = Vec::new();
    let mut unknown = Vec::new();
    let mut on_ignored = |p: serde_ignored::Path<'_>| unknown.push(ignored_path(&p));
    let de = serde_ignored::Deserializer::new(&value, &mut on_ignored);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(de);
    for path in unknown {
        let key = path.rsplit('.').next().unwrap_or(&path).to_string();
        problems.push(Problem::new(file, path.clone(), format!("unknown key \"{key}\" (check its spelling)")));
    }
    match parsed {
        Ok(v) if problems.is_empty() => Ok(v),
        Ok(_) => Err(LoadError::Invalid(problems)),
        Err(e) => {
            let path = error_path(e.path());
            problems.push(Problem::new(file, path, clean_serde_message(&e.inner().to_string())));
            Err(LoadError::Invalid(problems))
        }
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn clean_serde_message(s: &str) -> String {
    let s = s.replace("invalid type: ", "wrong type: found ");
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn error_path(p: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in p.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
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
