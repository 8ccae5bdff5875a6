//! The files under a directory, depth first in name order: what walkdir's
//! sorted walk gives, with each directory's names packed in one buffer.
//!
//! A sorted walk has to hold a directory's whole listing, and dumps keep a
//! million articles in one directory. walkdir holds a `DirEntry` with its
//! full path per entry (about 150 bytes: a flat directory of 300,000 files
//! took 65 MB); here an entry costs its name's bytes and 12 bytes more.

use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

/// What an entry is, as the directory says (no `stat` for each).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dir,
    File,
    Link,
}

/// One entry of a listing: its name's place in [`Listing::names`].
#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    len: u32,
    kind: Kind,
}

impl Entry {
    /// Where its name's bytes are in [`Listing::names`].
    fn name_bytes(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// One directory's entries, sorted by name, and how far the walk is.
struct Listing {
    /// The directory, and its path below the root.
    dir: PathBuf,
    inner: PathBuf,
    /// Every name's bytes, one after another.
    names: Vec<u8>,
    entries: Vec<Entry>,
    next: usize,
    /// Entries that could not be read, reported before the others (as
    /// walkdir reports them): the rest of the directory is still walked.
    errors: Vec<super::WalkError>,
}

impl Listing {
    /// Reads and sorts `dir`'s entries, leaving out hidden ones (names
    /// starting with '.') unless `hidden`, and what is neither a directory,
    /// a file nor a symbolic link (sockets, pipes, devices).
    ///
    /// # Errors
    ///
    /// When the directory cannot be opened.
    fn read(dir: PathBuf, inner: PathBuf, hidden: bool) -> io::Result<Listing> {
        let (mut names, mut entries, mut errors) = (Vec::new(), Vec::new(), Vec::new());
        for entry in std::fs::read_dir(&dir)? {
            // An entry that vanished while its type was asked for, or a
            // listing that broke off: that one entry is reported.
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    errors.push(error(&dir, &e));
                    continue;
                }
            };
            let name = entry.file_name();
            let bytes = name.as_encoded_bytes();
            if !hidden && bytes.starts_with(b".") {
                continue;
            }
            let kind = match entry.file_type() {
                Ok(t) if t.is_dir() => Kind::Dir,
                Ok(t) if t.is_file() => Kind::File,
                Ok(t) if t.is_symlink() => Kind::Link,
                Ok(_) => continue,
                Err(e) => {
                    errors.push(error(&entry.path(), &e));
                    continue;
                }
            };
            let (Ok(start), Ok(len), Ok(_)) =
                (u32::try_from(names.len()), u32::try_from(bytes.len()), u32::try_from(names.len() + bytes.len()))
            else {
                return Err(io::Error::other("more than 4 GB of file names in one directory"));
            };
            names.extend_from_slice(bytes);
            entries.push(Entry { start, len, kind });
        }
        // `OsStr` orders by these bytes, as walkdir's sort by file name does.
        entries.sort_unstable_by(|a, b| names[a.name_bytes()].cmp(&names[b.name_bytes()]));
        errors.reverse();
        Ok(Listing { dir, inner, names, entries, next: 0, errors })
    }

    fn name(&self, e: Entry) -> &OsStr {
        let bytes = &self.names[e.name_bytes()];
        // SAFETY: `bytes` are the whole of one name's `as_encoded_bytes`,
        // taken in this process.
        unsafe { OsStr::from_encoded_bytes_unchecked(bytes) }
    }
}

/// What cannot be read, named, with the system's message (as walkdir gave
/// it: the command-line paths' own errors are worded by `walk_error`).
fn error(path: &Path, e: &io::Error) -> super::WalkError {
    super::WalkError { path: path.display().to_string(), message: e.to_string() }
}

/// The files under a directory (and symbolic links to files), with their
/// paths below it, in the order walkdir's `sort_by_file_name` walk gives
/// them; directories' symbolic links are not followed, and a directory
/// that cannot be read is an error naming it (the walk goes on after it).
pub(super) struct Files {
    /// The root, until it is read.
    root: Option<PathBuf>,
    hidden: bool,
    /// A directory not to descend into (canonical).
    exclude: Option<PathBuf>,
    /// The directories being walked, the deepest last.
    open: Vec<Listing>,
}

impl Files {
    pub(super) fn new(root: PathBuf, hidden: bool, exclude: Option<PathBuf>) -> Files {
        Files { root: Some(root), hidden, exclude, open: Vec::new() }
    }

    fn excluded(&self, dir: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|x| dir.canonicalize().ok().as_ref() == Some(x))
    }

    /// Starts walking `dir`, or says why it cannot be read.
    fn open(&mut self, dir: PathBuf, inner: PathBuf) -> Option<super::WalkError> {
        if self.excluded(&dir) {
            return None;
        }
        match Listing::read(dir.clone(), inner, self.hidden) {
            Ok(listing) => {
                self.open.push(listing);
                None
            }
            Err(e) => Some(error(&dir, &e)),
        }
    }
}

impl Iterator for Files {
    /// A file's path, and its path below the root.
    type Item = Result<(PathBuf, PathBuf), super::WalkError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(root) = self.root.take()
            && let Some(e) = self.open(root, PathBuf::new())
        {
            return Some(Err(e));
        }
        loop {
            let top = self.open.last_mut()?;
            if let Some(e) = top.errors.pop() {
                return Some(Err(e));
            }
            let Some(&entry) = top.entries.get(top.next) else {
                self.open.pop();
                continue;
            };
            top.next += 1;
            let name = top.name(entry);
            let (path, inner) = (top.dir.join(name), top.inner.join(name));
            match entry.kind {
                Kind::File => return Some(Ok((path, inner))),
                Kind::Link if path.is_file() => return Some(Ok((path, inner))),
                Kind::Link => {}
                Kind::Dir => {
                    if let Some(e) = self.open(path, inner) {
                        return Some(Err(e));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk as walkdir gives it, filtered as `walk` filtered it.
    fn by_walkdir(root: &Path, hidden: bool, exclude: Option<&Path>) -> Vec<(PathBuf, PathBuf)> {
        let exclude = exclude.map(|x| x.canonicalize().unwrap());
        walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let visible = hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.');
                let excluded = e.file_type().is_dir()
                    && exclude.as_ref().is_some_and(|x| e.path().canonicalize().ok().as_ref() == Some(x));
                visible && !excluded
            })
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file() || (e.path_is_symlink() && e.path().is_file()))
            .map(|e| (e.path().to_path_buf(), e.path().strip_prefix(root).unwrap().to_path_buf()))
            .collect()
    }

    #[test]
    fn walks_as_walkdir_sorted_by_name_walks() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        let files = [
            "b.txt",
            "a b.txt",
            "a.txt",
            "a/z.txt",
            "a/1/2/3.txt",
            "a-b/x.txt",
            "A.txt",
            "é.txt",
            "e.txt",
            ".hidden.txt",
            ".dir/x.txt",
            "sub/.h/y.txt",
            "out/old.txt",
            "sub/out/kept.txt",
            "empty/.keep",
        ];
        for name in files {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::create_dir_all(root.join("nothing/here")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a.txt"), root.join("link-to-file")).unwrap();
            std::os::unix::fs::symlink(root.join("a"), root.join("link-to-dir")).unwrap();
            std::os::unix::fs::symlink(root.join("gone"), root.join("dangling")).unwrap();
            let fifo = std::ffi::CString::new(root.join("fifo").into_os_string().into_encoded_bytes()).unwrap();
            // SAFETY: a valid C string, and the call writes no memory of ours.
            assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        }
        let exclude = root.join("out");
        for hidden in [false, true] {
            for exclude in [None, Some(exclude.as_path())] {
                let ours: Vec<_> = Files::new(root.clone(), hidden, exclude.map(|x| x.canonicalize().unwrap()))
                    .map(Result::unwrap)
                    .collect();
                assert_eq!(ours, by_walkdir(&root, hidden, exclude), "hidden {hidden}, exclude {exclude:?}");
            }
        }
        assert_eq!(Files::new(root.clone(), false, Some(root.canonicalize().unwrap())).count(), 0);
    }

    #[test]
    fn a_directory_that_cannot_be_read_is_an_error_naming_it_and_the_walk_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["0.txt", "a/x.txt", "z.txt"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let mut files = Files::new(dir.path().to_path_buf(), false, None);
        assert_eq!(files.next().unwrap().unwrap().1, PathBuf::from("0.txt"));
        // Listed as a directory, a file by the time the walk gets to it:
        // reading it fails for every user, root too.
        let a = dir.path().join("a");
        std::fs::remove_dir_all(&a).unwrap();
        std::fs::write(&a, "x").unwrap();
        let error = files.next().unwrap().unwrap_err();
        assert_eq!(error.path, a.display().to_string());
        assert_eq!(error.message, std::fs::read_dir(&a).unwrap_err().to_string());
        assert_eq!(files.next().unwrap().unwrap().1, PathBuf::from("z.txt"));
        assert!(files.next().is_none());
    }
}
