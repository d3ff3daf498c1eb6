//! Writing result files so that a reader never sees half a file and a
//! failed run never destroys an earlier result: the bytes go to a temporary
//! file in the same directory, which is then renamed over the target.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically, creating the parent directory.
pub fn write_atomic(path: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    std::fs::create_dir_all(parent(path))?;
    replace(path, bytes)
}

/// Writes `bytes` to `path` atomically in a directory that must exist:
/// the temporary file is flushed to disk before it is renamed over
/// `path`, and removed when anything fails.
pub fn replace(path: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "output".to_string());
    let tmp = parent(path).join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes.as_ref())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The directory `path` is in (`.` for a bare file name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub").join("t.json");
        write_atomic(&path, b"one").expect("first write");
        write_atomic(&path, b"two").expect("second write");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let names: Vec<_> =
            std::fs::read_dir(dir.path().join("sub")).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("t.json")]);
    }

    #[test]
    fn replace_needs_the_directory_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("sub").join("t.sol");
        assert!(replace(&missing, "x").is_err());
        assert!(!dir.path().join("sub").exists());
        let path = dir.path().join("t.sol");
        replace(&path, "one").expect("first write");
        replace(&path, String::from("two")).expect("second write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "two");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("t.sol")]);
    }
}
