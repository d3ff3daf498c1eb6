//! File names from ids, atomic writes, and the clean-up of files an
//! earlier run produced.

use super::ExportError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The files of one output directory: name → content.
#[derive(Debug)]
pub(crate) struct Output {
    pub dir: PathBuf,
    pub files: BTreeMap<String, Vec<u8>>,
}

/// FNV-1a, 64 bits: a tiny hash that is the same on every platform and
/// every Rust version (unlike `std`'s `DefaultHasher`), for stable names
/// and UIDs.
pub(crate) fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            // A separator that cannot occur in UTF-8, so ("ab","c") != ("a","bc").
            h ^= 0xff;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn plain(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// File-name stems for the ids of one kind, in the same order. A plain id
/// (ASCII letters, digits, `-`, `_`, `.`; not starting with a dot; at most
/// 64 bytes) is kept as it is unless another id of the list equals it up to
/// letter case; any other id is reduced to its plain characters and gets
/// `-` and 8 hex digits of a hash of the original appended. Distinct ids
/// always get distinct stems, even on case-insensitive file systems.
pub(crate) fn safe_stems(ids: &[&str]) -> Vec<String> {
    let mut lower: BTreeMap<String, usize> = BTreeMap::new();
    for id in ids {
        *lower.entry(id.to_ascii_lowercase()).or_default() += 1;
    }
    ids.iter()
        .map(|id| {
            if plain(id) && lower.get(&id.to_ascii_lowercase()) == Some(&1) {
                return (*id).to_string();
            }
            let mut base: String = id
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
                .take(40)
                .collect();
            base = base.trim_matches('_').to_string();
            let h = stable_hash(&[id]) & 0xffff_ffff;
            if base.is_empty() { format!("{h:08x}") } else { format!("{base}-{h:08x}") }
        })
        .collect()
}

pub(crate) use crate::atomic::write_atomic;

/// Whether `name` is a file an export run produces in its directories.
fn ours(name: &str) -> bool {
    const PREFIXES: [&str; 4] = ["cohort-", "teacher-", "site-", "room-"];
    let stem_ok = |ext: &str| name.strip_suffix(ext).is_some_and(|s| PREFIXES.iter().any(|p| s.starts_with(p)));
    stem_ok(".ics")
        || stem_ok(".html")
        || matches!(name, "meetings.csv" | "placements.csv" | "index.html" | "placements.html" | "style.css")
}

/// Writes every output, then deletes the files of an earlier run that
/// this one did not produce. Returns the files written, sorted.
pub(crate) fn write_all(outputs: &[Output]) -> Result<Vec<PathBuf>, ExportError> {
    let mut written = Vec::new();
    for out in outputs {
        std::fs::create_dir_all(&out.dir).map_err(|source| ExportError::Write { path: out.dir.clone(), source })?;
        for (name, bytes) in &out.files {
            let path = out.dir.join(name);
            write_atomic(&path, bytes).map_err(|source| ExportError::Write { path: path.clone(), source })?;
            written.push(path);
        }
        let keep: BTreeSet<&str> = out.files.keys().map(String::as_str).collect();
        let entries =
            std::fs::read_dir(&out.dir).map_err(|source| ExportError::Write { path: out.dir.clone(), source })?;
        let mut stale: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                (ours(&name) && !keep.contains(name.as_str())).then(|| e.path())
            })
            .collect();
        stale.sort();
        for p in stale {
            std::fs::remove_file(&p).map_err(|source| ExportError::Write { path: p.clone(), source })?;
        }
    }
    written.sort();
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_stay_and_others_get_a_hash() {
        let s = safe_stems(&["b1", "UE 1/4", "../etc", "B2", "b2", ""]);
        assert_eq!(s[0], "b1");
        assert!(s[1].starts_with("UE_1_4-") && s[1].len() == "UE_1_4-".len() + 8, "{}", s[1]);
        assert!(s[2].starts_with("etc-"), "{}", s[2]);
        assert!(s[3].starts_with("B2-") && s[4].starts_with("b2-"), "{s:?}");
        assert_ne!(s[3].to_ascii_lowercase(), s[4].to_ascii_lowercase());
        assert_eq!(s[5].len(), 8);
        for stem in &s {
            assert!(stem.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{stem}");
        }
    }

    #[test]
    fn ids_that_sanitise_alike_stay_apart() {
        let s = safe_stems(&["a/b", "a b", "a_b"]);
        assert_eq!(s[2], "a_b");
        assert_ne!(s[0], s[1]);
        assert_ne!(s[0], s[2]);
    }

    #[test]
    fn the_hash_is_fixed() {
        // FNV-1a of "a" is a published test vector.
        assert_eq!(stable_hash(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
    }
}
