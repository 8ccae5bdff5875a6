//! Read: where documents come from.
//!
//! Command-line paths expand into [`Source`]s: stdin, named files, and every
//! file under a named directory, in a stable order (sorted by name, depth
//! first) so that runs are reproducible. Hidden files and directories are
//! skipped and symbolic links to directories are not followed (a link loop
//! cannot trap the walk); links to files are read.

pub mod jsonl;
mod tree;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One input document stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Where the bytes come from.
    pub origin: Origin,
    /// The path it mirrors to under an output directory.
    pub relative: PathBuf,
    /// Named on the command line (a problem with it is an error), rather than
    /// found in a directory (a binary file there is skipped with a warning).
    pub explicit: bool,
    /// A regular file when the walk found it (not standard input, a pipe, a
    /// socket or a device): opening it waits for no other process, so it
    /// may be opened ahead of its turn ([`Source::open_ahead`]).
    pub regular: bool,
    /// Found under a command-line path that another one may meet: the two
    /// share a name, or one lies inside the other (see [`walk`]). Only such
    /// sources can have an output another source has too, so only their
    /// outputs are remembered for the run to tell (memory that would
    /// otherwise grow with every file of a batch).
    pub overlapping: bool,
}

/// Where a source's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
    /// Standard input, saved to this temporary file so that it can be read
    /// twice (repeated-line removal makes two passes).
    SpooledStdin(PathBuf),
}

impl Source {
    /// Standard input as a source.
    #[must_use]
    pub fn stdin() -> Source {
        Source {
            origin: Origin::Stdin,
            relative: PathBuf::from("stdin"),
            explicit: true,
            regular: false,
            overlapping: true,
        }
    }

    /// The name to show in messages.
    #[must_use]
    pub fn name(&self) -> String {
        match &self.origin {
            Origin::Stdin | Origin::SpooledStdin(_) => "<stdin>".to_owned(),
            Origin::File(path) => path.display().to_string(),
        }
    }

    /// The file path, if the source is a file.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Stdin | Origin::SpooledStdin(_) => None,
            Origin::File(path) => Some(path),
        }
    }

    /// Opens the source for reading.
    ///
    /// # Errors
    ///
    /// When the file cannot be opened.
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        Ok(match &self.origin {
            Origin::Stdin => Box::new(io::stdin()),
            Origin::File(path) | Origin::SpooledStdin(path) => Box::new(File::open(path)?),
        })
    }

    /// Opens a [regular](Source::regular) file ahead of its turn and asks
    /// the kernel to start reading its first `bytes` into the page cache in
    /// the background. The batch reader opens the next few dozen files so:
    /// a directory of small files on a disk with a cold cache then reads at
    /// the disk's parallel speed rather than one seek at a time.
    ///
    /// `None` when the source is to be opened at its turn instead: it is no
    /// regular file (opening a pipe waits for its writer), the process has
    /// no descriptor to spare just now, or this is not Linux, where the
    /// advice is all that opening ahead is for.
    #[must_use]
    pub fn open_ahead(&self, bytes: u64) -> Option<io::Result<Box<dyn Read + Send>>> {
        if !self.regular || !cfg!(target_os = "linux") {
            return None;
        }
        let path = match &self.origin {
            Origin::Stdin => return None,
            Origin::File(path) | Origin::SpooledStdin(path) => path,
        };
        match File::open(path) {
            Ok(file) => {
                will_need(&file, bytes);
                Some(Ok(Box::new(file)))
            }
            Err(e) if out_of_descriptors(&e) => None,
            Err(e) => Some(Err(e)),
        }
    }

    /// Reads the whole source.
    ///
    /// # Errors
    ///
    /// When reading fails.
    pub fn read_all(&self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.open()?.read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

/// Advises the kernel that the first `bytes` of `file` will be read soon,
/// which starts reading them without waiting (`posix_fadvise` with
/// `POSIX_FADV_WILLNEED`). Only advice: where it fails or does not exist,
/// the file is read as it would have been.
#[cfg(target_os = "linux")]
fn will_need(file: &File, bytes: u64) {
    use std::os::fd::AsRawFd;
    let len = libc::off_t::try_from(bytes).unwrap_or(libc::off_t::MAX);
    // SAFETY: the descriptor is open for the call's length (borrowed from
    // `file`), and the call reads no memory of ours.
    unsafe {
        libc::posix_fadvise(file.as_raw_fd(), 0, len, libc::POSIX_FADV_WILLNEED);
    }
}

#[cfg(not(target_os = "linux"))]
fn will_need(_file: &File, _bytes: u64) {}

/// True when `e` says the process (or the system) has no file descriptor
/// left: a file opened later, once others are closed, may well open.
#[cfg(target_os = "linux")]
fn out_of_descriptors(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
}

#[cfg(not(target_os = "linux"))]
fn out_of_descriptors(_e: &io::Error) -> bool {
    false
}

/// How many files to open ahead of the one being read: `wanted`, or fewer
/// when the limit on open files is low, so that the files opened ahead
/// take at most an eighth of it and the outputs being written have room;
/// never fewer than one (the one being read).
#[must_use]
pub fn files_ahead(wanted: usize) -> usize {
    wanted.min(open_files_limit() / 8).max(1)
}

#[cfg(target_os = "linux")]
fn open_files_limit() -> usize {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `getrlimit` writes the one struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut limit) } != 0 {
        return 0;
    }
    usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
}

/// Elsewhere nothing is opened ahead ([`Source::open_ahead`]): no limit
/// to keep within.
#[cfg(not(target_os = "linux"))]
fn open_files_limit() -> usize {
    usize::MAX
}

/// A path that could not be walked.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct WalkError {
    /// The path, as the user would recognise it.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// How command-line paths expand into sources.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Also read hidden files and directories (names starting with '.').
    pub hidden: bool,
    /// A directory never to descend into: the output directory, when it lies
    /// inside an input tree.
    pub exclude: Option<PathBuf>,
}

/// What [`walk`] makes of one command-line path.
type Sources = Box<dyn Iterator<Item = Result<Source, WalkError>> + Send>;

/// Expands `paths` ("-" is stdin) into sources, lazily and in a stable order.
///
/// With several paths, each source's [`Source::relative`] starts with the
/// name of the path it was found under, so that mirrored outputs of several
/// directories do not collide.
pub fn walk(
    paths: &[PathBuf],
    options: &WalkOptions,
) -> impl Iterator<Item = Result<Source, WalkError>> + Send + use<> {
    let several = paths.len() > 1;
    let exclude = options.exclude.as_ref().and_then(|p| p.canonicalize().ok());
    let hidden = options.hidden;
    let roots: Vec<(PathBuf, bool)> = paths.iter().cloned().zip(overlapping(paths)).collect();
    roots.into_iter().flat_map(move |(root, overlapping)| -> Sources {
        if root.as_os_str() == "-" {
            return Box::new(std::iter::once(Ok(Source { overlapping, ..Source::stdin() })));
        }
        let meta = match std::fs::metadata(&root) {
            Ok(meta) => meta,
            Err(e) => return Box::new(std::iter::once(Err(walk_error(&root, &e)))),
        };
        let root_name = root_name(&root);
        if !meta.is_dir() {
            return Box::new(std::iter::once(Ok(Source {
                origin: Origin::File(root.clone()),
                relative: root_name,
                explicit: true,
                regular: meta.is_file(),
                overlapping,
            })));
        }
        let prefix = several.then_some(root_name);
        Box::new(tree::Files::new(root, hidden, exclude.clone()).map(move |file| {
            let (path, inner) = file?;
            let relative = match &prefix {
                Some(prefix) => prefix.join(inner),
                None => inner,
            };
            Ok(Source { origin: Origin::File(path), relative, explicit: false, regular: true, overlapping })
        }))
    })
}

/// For each command-line path, whether a source found under it may have the
/// output of a source found under another: one walk never yields a path
/// twice, so sources of different paths are the only ones that can meet.
/// Under an output directory each source's relative path starts with its
/// root's name ([`root_name`]), so only roots of one name can meet there;
/// in place each source is its own output, so only a path named twice, or
/// one inside another, meets itself.
///
/// In time that grows with the number of paths as sorting does: a shell
/// glob can name a hundred thousand files.
fn overlapping(roots: &[PathBuf]) -> Vec<bool> {
    let mut overlapping = vec![false; roots.len()];
    let mut first_of_name = std::collections::HashMap::new();
    for (i, root) in roots.iter().enumerate() {
        let first = *first_of_name.entry(root_name(root)).or_insert(i);
        if first != i {
            (overlapping[first], overlapping[i]) = (true, true);
        }
    }
    // Paths compare component by component, so the paths inside one (and
    // the path itself, named again) come right after it in order.
    let mut order: Vec<usize> = (0..roots.len()).collect();
    order.sort_by(|&a, &b| roots[a].cmp(&roots[b]));
    let mut outer: Option<usize> = None;
    for i in order {
        match outer {
            Some(o) if roots[i].starts_with(&roots[o]) => (overlapping[o], overlapping[i]) = (true, true),
            _ => outer = Some(i),
        }
    }
    overlapping
}

/// The name a command-line path's sources are mirrored under when there are
/// several paths: its last component, "stdin" for standard input.
fn root_name(root: &Path) -> PathBuf {
    if root.as_os_str() == "-" {
        return PathBuf::from("stdin");
    }
    root.file_name().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("input"))
}

fn walk_error(path: &Path, e: &io::Error) -> WalkError {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    };
    WalkError { path: path.display().to_string(), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_in_order_skipping_hidden_and_the_output_directory() {
        let dir = tempfile::tempdir().unwrap();
        for path in ["b.txt", "a/2.txt", "a/1.txt", ".hidden/x.txt", ".dot.txt", "out/old.txt"] {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let options = WalkOptions { hidden: false, exclude: Some(dir.path().join("out")) };
        let found: Vec<PathBuf> = walk(&[dir.path().to_path_buf()], &options).map(|s| s.unwrap().relative).collect();
        assert_eq!(found, [PathBuf::from("a/1.txt"), PathBuf::from("a/2.txt"), PathBuf::from("b.txt")]);
    }

    #[test]
    fn only_paths_of_one_name_or_one_inside_another_overlap() {
        let paths = |list: &[&str]| list.iter().map(PathBuf::from).collect::<Vec<_>>();
        let cases: [(&[&str], &[bool]); 8] = [
            (&["dump"], &[false]),
            (&["a/dump", "b/other", "c.txt"], &[false, false, false]),
            // Mirrored under one name.
            (&["a/dump", "b/dump", "c"], &[true, true, false]),
            (&["-", "saved/stdin"], &[true, true]),
            // The same path twice, or a file inside a directory also named.
            (&["dump", "dump"], &[true, true]),
            (&["dump", "dump/2024/a.txt", "other"], &[true, true, false]),
            (&["/", "/srv/dump"], &[true, true]),
            // Inside the first of three, and not next to it in order.
            (&["a/b", "a/c d", "a", "a b"], &[true, true, true, false]),
        ];
        for (roots, expected) in cases {
            assert_eq!(overlapping(&paths(roots)), expected, "{roots:?}");
        }
    }

    #[test]
    fn many_paths_are_told_apart_at_once() {
        // A shell glob's worth of files: pair by pair, this took minutes.
        let mut roots: Vec<PathBuf> = (0..200_000).map(|i| PathBuf::from(format!("dump/{i}.txt"))).collect();
        let overlapping = overlapping(&roots);
        assert_eq!(overlapping.iter().filter(|&&o| o).count(), 0, "no two share a name or hold one another");
        roots.push(PathBuf::from("elsewhere/7.txt"));
        let overlapping = super::overlapping(&roots);
        assert_eq!(overlapping.iter().filter(|&&o| o).count(), 2);
        assert!(overlapping[7] && overlapping[200_000]);
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let err = walk(&[PathBuf::from("/no/such/place")], &WalkOptions::default()).next().unwrap().unwrap_err();
        assert_eq!(err.to_string(), "/no/such/place: no such file or directory");
    }
}
