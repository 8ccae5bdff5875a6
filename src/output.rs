//! Write: where cleaned documents go.
//!
//! Files are never written in place piecemeal. Every output file is written
//! to a temporary file in the same directory and renamed over its final path
//! when complete, so a reader (or a crash) sees the old file or the new one,
//! never half of one. Inputs are only ever replaced with `--in-place`, and
//! then only when their content changed.

use std::fs::{self, Permissions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Where cleaned output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output, documents one after another in input order.
    Stdout,
    /// One file (a single input).
    File(PathBuf),
    /// A directory that mirrors the input tree.
    Mirror(PathBuf),
    /// Each input file, rewritten atomically.
    InPlace,
    /// Nowhere: `check` and `--diff` only report.
    Nowhere,
}

impl Target {
    /// Where `source`'s output goes, for targets that write files, and the
    /// file it replaces (in place).
    #[must_use]
    pub fn destination(&self, source: &crate::input::Source) -> Option<(PathBuf, Option<PathBuf>)> {
        match (self, source.path()) {
            (Target::File(path), _) => Some((path.clone(), None)),
            (Target::Mirror(root), _) => Some((root.join(&source.relative), None)),
            (Target::InPlace, Some(path)) => Some((path.to_path_buf(), Some(path.to_path_buf()))),
            _ => None,
        }
    }
}

/// The prefix of every temporary file textwash writes.
pub const TEMPORARY_PREFIX: &str = ".textwash-";

/// Removes temporary files left under `root` by a run that was killed
/// outright (SIGKILL, a power cut): a run that is interrupted normally
/// removes its own. Returns how many were removed.
///
/// # Errors
///
/// When `root` cannot be walked or a file cannot be removed.
pub fn remove_stale_temporaries(root: &Path) -> io::Result<usize> {
    let mut removed = 0;
    if !root.is_dir() {
        return Ok(0);
    }
    for entry in walkdir::WalkDir::new(root).follow_links(false) {
        let entry = entry.map_err(io::Error::other)?;
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.starts_with(TEMPORARY_PREFIX) && name.ends_with(".tmp") {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// An output file under construction: a temporary file beside its final
/// path, renamed into place by [`Pending::commit`]. Dropping it without
/// committing deletes the temporary file.
#[derive(Debug)]
pub struct Pending {
    file: BufWriter<NamedTempFile>,
    path: PathBuf,
    permissions: Option<Permissions>,
    sync: bool,
}

/// Writes `bytes` to `path` as [`Pending`] does (a temporary file renamed
/// over it), in one write: for a whole document.
///
/// # Errors
///
/// When any step fails; the temporary file is removed.
pub fn write_file(path: &Path, replacing: Option<&Path>, bytes: &[u8]) -> io::Result<()> {
    let mut pending = Pending::with_buffer(path, replacing, 0)?;
    pending.write(bytes)?;
    pending.commit()
}

impl Pending {
    /// Starts writing `path`, creating its directory if needed. With
    /// `replacing`, the new file takes that file's permissions and is synced
    /// to disk before the rename (it replaces user data).
    ///
    /// # Errors
    ///
    /// When the directory or the temporary file cannot be created.
    pub fn create(path: &Path, replacing: Option<&Path>) -> io::Result<Pending> {
        Pending::with_buffer(path, replacing, 256 * 1024)
    }

    fn with_buffer(path: &Path, replacing: Option<&Path>, buffer: usize) -> io::Result<Pending> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMPORARY_PREFIX).suffix(".tmp");
        // A new output file gets the mode any new file gets (read and write
        // for all, less the umask), not the owner-only mode of a temporary
        // file: a cleaned corpus is shared like the one it came from. A
        // replacement takes its original's permissions at commit instead.
        #[cfg(unix)]
        if replacing.is_none() {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(Permissions::from_mode(0o666));
        }
        let create = || builder.tempfile_in(dir);
        // The directory is created when the file cannot be: in a batch of
        // many small files, most directories exist already, and asking for
        // each one again cost two system calls per file.
        let temp = match create() {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)?;
                create()?
            }
            temp => temp?,
        };
        let permissions = replacing.map(|p| fs::metadata(p).map(|m| m.permissions())).transpose()?;
        Ok(Pending {
            file: BufWriter::with_capacity(buffer, temp),
            path: path.to_path_buf(),
            permissions,
            sync: replacing.is_some(),
        })
    }

    /// Appends bytes.
    ///
    /// # Errors
    ///
    /// When the write fails (a full disk, say).
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.write_all(bytes)
    }

    /// Finishes the file and renames it over its final path.
    ///
    /// # Errors
    ///
    /// When flushing, syncing or renaming fails; the temporary file is removed.
    pub fn commit(self) -> io::Result<()> {
        let temp = self.file.into_inner().map_err(io::IntoInnerError::into_error)?;
        if let Some(permissions) = self.permissions {
            fs::set_permissions(temp.path(), permissions)?;
        }
        if self.sync {
            temp.as_file().sync_all()?;
        }
        temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_appears_until_commit_and_nothing_is_left_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.txt");
        let mut pending = Pending::create(&path, None).unwrap();
        pending.write(b"hello").unwrap();
        assert!(!path.exists());
        pending.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"hello");

        let mut abandoned = Pending::create(&path, Some(&path)).unwrap();
        abandoned.write(b"half").unwrap();
        drop(abandoned);
        assert_eq!(fs::read(&path).unwrap(), b"hello");
        assert_eq!(fs::read_dir(dir.path().join("sub")).unwrap().count(), 1, "temporary file left behind");
    }
}
