//! Write: where cleaned documents go.
//!
//! Files are never written in place piecemeal. Every output file is written
//! to a temporary file in the same directory and renamed over its final path
//! when complete, so a reader (or a crash) sees the old file or the new one,
//! never half of one. On Linux a new output file is instead written with no
//! name at all (`O_TMPFILE`) and linked to its path when complete: the same
//! guarantee, with one entry made in the directory instead of two and a
//! rename, and nothing of it left behind by a run that is killed. Inputs are
//! only ever replaced with `--in-place`, and then only when their content
//! changed.

use std::fs::{self, File, Permissions};
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

/// Removes temporary files left in `root` by a run that was killed
/// outright (SIGKILL, a power cut): a run that is interrupted normally
/// removes its own. With `whole_tree`, everywhere under `root` (a mirrored
/// tree); without, only in `root` itself (the directory of one output
/// file, which may be a working directory with much else under it).
/// Returns how many were removed.
///
/// A temporary file that another run is still writing (two runs into one
/// directory, say) is left alone: a writer holds a lock on each of its
/// temporary files from the moment it makes it (see `claim`), and one
/// younger than [`SETTLING`] is spared too, for the instant between its
/// creation and its lock, and on file systems without locks.
///
/// # Errors
///
/// When `root` cannot be walked or a file cannot be removed.
pub fn remove_stale_temporaries(root: &Path, whole_tree: bool) -> io::Result<usize> {
    let mut removed = 0;
    if !root.is_dir() {
        return Ok(0);
    }
    let depth = if whole_tree { usize::MAX } else { 1 };
    for entry in walkdir::WalkDir::new(root).follow_links(false).max_depth(depth) {
        let entry = entry.map_err(io::Error::other)?;
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file()
            && name.starts_with(TEMPORARY_PREFIX)
            && name.ends_with(".tmp")
            && is_abandoned(entry.path())?
        {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// How long a temporary file that nobody holds a lock on is taken to be
/// in the making: its writer locks it right after creating it, and where
/// the file system has no locks, a writer that has not written for this
/// long is taken to be gone.
pub const SETTLING: std::time::Duration = std::time::Duration::from_secs(10);

/// Whether the temporary file at `path` belongs to no running writer: no
/// one holds its lock and it is older than [`SETTLING`]. Its lock is asked
/// for shared, which needs only read access (a network file system that
/// emulates locks refuses an exclusive one on a file opened to read), and
/// let go here. Where it cannot be asked (another user's file, a file
/// system without locks), the file's age speaks for it. A file gone
/// meanwhile was its writer's to remove.
fn is_abandoned(path: &Path) -> io::Result<bool> {
    let metadata = match File::open(path) {
        Ok(file) if matches!(file.try_lock_shared(), Err(fs::TryLockError::WouldBlock)) => return Ok(false),
        Ok(file) => file.metadata(),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => fs::symlink_metadata(path),
        Err(e) => Err(e),
    };
    match metadata {
        // A time in the future (clocks of a network file system) counts as
        // now.
        Ok(metadata) => Ok(metadata.modified()?.elapsed().is_ok_and(|age| age >= SETTLING)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Takes the lock of a temporary file its writer has just made, held until
/// the file is closed, which tells a resumed run that it is in use (see
/// [`remove_stale_temporaries`]). Where the file system has no locks,
/// nothing is held: the file's age speaks for it. (It waits only while a
/// resumed run asks for the lock, an instant; and on a network file system
/// whose lock service does not answer, as every program that locks files
/// there does.)
fn claim(file: &File) {
    let _ = file.lock();
}

/// An output file under construction: a file without its final name (a
/// temporary one, or on Linux one with no name at all), given it by
/// [`Pending::commit`]. Dropping it without committing deletes the file.
#[derive(Debug)]
pub struct Pending {
    file: BufWriter<Staged>,
    path: PathBuf,
    permissions: Option<Permissions>,
    sync: bool,
}

/// Where an output file is written until it is complete.
#[derive(Debug)]
enum Staged {
    /// A temporary file beside the final path, renamed over it.
    Named(NamedTempFile),
    /// A file with no name in the final path's directory, linked to the
    /// path. A batch of 67,375 small files written to tmpfs (medians of 7,
    /// see BENCHMARKS.md): 1,318 → 1,202 ms on one thread, 774 → 711 ms on
    /// two.
    #[cfg(target_os = "linux")]
    Unnamed(File),
}

impl Write for Staged {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Staged::Named(file) => file.write(bytes),
            #[cfg(target_os = "linux")]
            Staged::Unnamed(file) => file.write(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Staged::Named(file) => file.flush(),
            #[cfg(target_os = "linux")]
            Staged::Unnamed(file) => file.flush(),
        }
    }
}

/// How temporary files are named: see [`remove_stale_temporaries`].
/// Those of a `new_file` get the mode any new file gets (read and write for
/// all, less the umask), not a temporary file's owner-only one: a cleaned
/// corpus is shared like the one it came from. A replacement takes its
/// original's permissions at commit instead.
fn temporary(new_file: bool) -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX).suffix(".tmp");
    #[cfg(unix)]
    if new_file {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(Permissions::from_mode(NEW_FILE_MODE));
    }
    #[cfg(not(unix))]
    let _ = new_file;
    builder
}

/// Writes `bytes` to `path` as [`Pending`] does (a file that takes its name
/// only once whole), in one write: for a whole document.
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
        let dir = directory_of(path);
        let builder = temporary(replacing.is_none());
        let create = || -> io::Result<Staged> {
            // A replacement keeps a name beside its original until it is
            // renamed over it: no file without a name can replace one.
            #[cfg(target_os = "linux")]
            if replacing.is_none()
                && let Some(file) = unnamed_in(dir)?
            {
                return Ok(Staged::Unnamed(file));
            }
            let temp = builder.tempfile_in(dir)?;
            claim(temp.as_file());
            Ok(Staged::Named(temp))
        };
        // The directory is created when the file cannot be: in a batch of
        // many small files, most directories exist already, and asking for
        // each one again cost two system calls per file.
        let staged = match create() {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)?;
                create()?
            }
            staged => staged?,
        };
        let permissions = replacing.map(|p| fs::metadata(p).map(|m| m.permissions())).transpose()?;
        Ok(Pending {
            file: BufWriter::with_capacity(buffer, staged),
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

    /// Finishes the file and gives it its final name (a rename, or a link).
    ///
    /// # Errors
    ///
    /// When flushing, syncing, renaming or linking fails; the unfinished file
    /// is removed.
    pub fn commit(self) -> io::Result<()> {
        let temp = match self.file.into_inner().map_err(io::IntoInnerError::into_error)? {
            Staged::Named(temp) => temp,
            #[cfg(target_os = "linux")]
            Staged::Unnamed(file) => return link_unnamed(file, &self.path),
        };
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

/// The mode a new output file is created with, less the umask.
#[cfg(unix)]
const NEW_FILE_MODE: u32 = 0o666;

/// The directory `path` is in.
fn directory_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Whether files without a name are worth trying: false once the kernel or
/// the file system said no, for the rest of the run.
#[cfg(target_os = "linux")]
static UNNAMED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// A new file with no name in `dir` (`O_TMPFILE`); `None` where the file
/// system cannot make one (then, for the rest of the run, none is tried).
#[cfg(target_os = "linux")]
fn unnamed_in(dir: &Path) -> io::Result<Option<File>> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::sync::atomic::Ordering;
    if !UNNAMED.load(Ordering::Relaxed) {
        return Ok(None);
    }
    // Readable too, so that it can be copied where it cannot be linked.
    let opened =
        fs::OpenOptions::new().read(true).write(true).custom_flags(libc::O_TMPFILE).mode(NEW_FILE_MODE).open(dir);
    match opened {
        Ok(file) => Ok(Some(file)),
        // No support in the file system (EOPNOTSUPP) or the kernel (EISDIR
        // before Linux 3.11; EINVAL where the flag is not known at all).
        Err(e) if matches!(e.raw_os_error(), Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL)) => {
            UNNAMED.store(false, Ordering::Relaxed);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Gives the complete `file` (see [`unnamed_in`]) its name, `path`.
#[cfg(target_os = "linux")]
fn link_unnamed(file: File, path: &Path) -> io::Result<()> {
    finish_unnamed(file, path, link)
}

/// [`link_unnamed`], with `link` the way to link a file to a name (the
/// tests give one that fails). Where a file has the name already, `file`
/// is linked under a temporary name and that is renamed over it, so that
/// the replacement stays whole; where it cannot be linked at all, it is
/// copied to a temporary file, renamed into place.
#[cfg(target_os = "linux")]
fn finish_unnamed(mut file: File, path: &Path, link: impl Fn(&File, &Path) -> io::Result<()>) -> io::Result<()> {
    use std::io::Seek;
    let dir = directory_of(path);
    match link(&file, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            claim(&file);
            let temp = temporary(true).make_in(dir, |name| link(&file, name))?;
            temp.persist(path).map_err(|e| e.error)?;
            Ok(())
        }
        Err(e) if link_refused(&e, path) => {
            let mut temp = temporary(true).tempfile_in(dir)?;
            claim(temp.as_file());
            file.rewind()?;
            io::copy(&mut file, &mut temp)?;
            temp.persist(path).map_err(|e| e.error)?;
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Links the file `file` to `path`: by its descriptor (`linkat` with
/// `AT_EMPTY_PATH`), or where that needs a privilege the process lacks
/// (CAP_DAC_READ_SEARCH, before Linux 6.10, which says ENOENT) through
/// `/proc/self/fd`, and then later files get a name from the start: the
/// way through `/proc` measured no faster than a named temporary file.
#[cfg(target_os = "linux")]
fn link(file: &File, path: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    use std::sync::atomic::Ordering;
    match linkat(file.as_raw_fd(), c"", path, libc::AT_EMPTY_PATH) {
        Err(e) if link_refused(&e, path) => {
            UNNAMED.store(false, Ordering::Relaxed);
            link_through_proc(file, path)
        }
        linked => linked,
    }
}

/// Whether linking a file to `path` failed with ENOENT although the
/// directory is there: the kernel refused to link a descriptor (see
/// [`link`]), or there is no `/proc`.
#[cfg(target_os = "linux")]
fn link_refused(e: &io::Error, path: &Path) -> bool {
    e.kind() == io::ErrorKind::NotFound && directory_of(path).is_dir()
}

/// Links the file `file` to `path` through its name in `/proc/self/fd`.
#[cfg(target_os = "linux")]
fn link_through_proc(file: &File, path: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let name = std::ffi::CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).expect("no NUL in a number");
    linkat(libc::AT_FDCWD, &name, path, libc::AT_SYMLINK_FOLLOW)
}

/// `linkat(dirfd, from, AT_FDCWD, to, flags)`.
#[cfg(target_os = "linux")]
fn linkat(dirfd: std::os::fd::RawFd, from: &std::ffi::CStr, to: &Path, flags: libc::c_int) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let to = std::ffi::CString::new(to.as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a path with a NUL byte"))?;
    // SAFETY: both strings are NUL-terminated and outlive the call, and the
    // caller's descriptor (or AT_FDCWD) is open for its length.
    let linked = unsafe { libc::linkat(dirfd, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), flags) };
    if linked == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
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

    /// Makes `file` look long unwritten: older than [`SETTLING`].
    fn backdate(file: &File) {
        file.set_modified(std::time::SystemTime::now() - SETTLING * 2).unwrap();
    }

    /// A file being written holds its temporary file's lock: a resumed run
    /// spares it however long it has not been written to, and takes it
    /// once its writer is gone without committing.
    #[test]
    fn a_temporary_file_being_written_is_not_taken_for_abandoned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let mut pending = Pending::create(&path, Some(&path)).unwrap();
        pending.write(b"new").unwrap();
        let Staged::Named(temp) = pending.file.get_ref() else { panic!("a replacement has a name") };
        let temp_path = temp.path().to_path_buf();
        backdate(&File::options().write(true).open(&temp_path).unwrap());
        assert_eq!(remove_stale_temporaries(dir.path(), false).unwrap(), 0);
        pending.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");

        // A writer killed outright leaves an old file nobody holds.
        fs::write(&temp_path, "half").unwrap();
        backdate(&File::options().write(true).open(&temp_path).unwrap());
        assert_eq!(remove_stale_temporaries(dir.path(), false).unwrap(), 1);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// An unnamed output that replaces a file of its name is given a
    /// temporary name first: it holds its lock while it has that name, so
    /// a resumed run does not take it for abandoned, however old.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_unnamed_output_holds_its_lock_under_a_temporary_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let Some(mut file) = unnamed_in(dir.path()).unwrap() else { return };
        file.write_all(b"new").unwrap();
        backdate(&file);
        let checked = std::cell::Cell::new(0);
        let link_and_ask = |file: &File, name: &Path| {
            link(file, name)?;
            if name != path {
                assert!(!is_abandoned(name).unwrap(), "{name:?} taken for abandoned");
                checked.set(checked.get() + 1);
            }
            Ok(())
        };
        finish_unnamed(file, &path, link_and_ask).unwrap();
        assert_eq!(checked.get(), 1);
        assert_eq!(fs::read(&path).unwrap(), b"new");
    }

    /// A new output over a file of its name (a second run into one output
    /// tree) replaces it whole, and leaves nothing else behind.
    #[test]
    fn a_new_output_replaces_a_file_of_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let mut pending = Pending::create(&path, None).unwrap();
        pending.write(b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"old");
        pending.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "temporary file left behind");
    }

    /// Where the file system makes files without a name, a new output is
    /// one until it is committed: nothing at all in its directory.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_new_output_has_no_name_until_commit_where_the_file_system_allows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let mut pending = Pending::create(&path, None).unwrap();
        let unnamed = matches!(pending.file.get_ref(), Staged::Unnamed(_));
        // A named file only once the system said no to unnamed ones (the
        // flag only ever goes from yes to no).
        assert!(unnamed || !UNNAMED.load(std::sync::atomic::Ordering::Relaxed));
        if unnamed {
            assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        }
        pending.write(b"whole").unwrap();
        pending.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"whole");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// The file behind an unnamed output (asked for directly, so that the
    /// test does not depend on what other tests found): linked whole, also
    /// over a file of its name, by descriptor and through `/proc`; and,
    /// where it cannot be linked, copied, with a new file's mode. Nothing
    /// else is left in the directory.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_unnamed_file_gets_its_name_whole_however_it_is_linked() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let Some(mut file) = unnamed_in(dir.path()).unwrap() else { return };
        let path = dir.path().join("out.txt");
        file.write_all(b"first").unwrap();
        link_unnamed(file, &path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");

        let mut file = unnamed_in(dir.path()).unwrap().unwrap();
        file.write_all(b"second").unwrap();
        link_unnamed(file, &path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");

        let mut file = unnamed_in(dir.path()).unwrap().unwrap();
        file.write_all(b"through /proc").unwrap();
        finish_unnamed(file, &path, link_through_proc).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"through /proc");

        let mut file = unnamed_in(dir.path()).unwrap().unwrap();
        file.write_all(b"third").unwrap();
        let refuse = |_: &File, _: &Path| Err(io::Error::from(io::ErrorKind::NotFound));
        finish_unnamed(file, &path, refuse).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"third");
        let fresh = dir.path().join("fresh");
        fs::write(&fresh, "").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&fresh));
        fs::remove_file(&fresh).unwrap();
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "temporary file left behind");
    }
}
