//! Helpers for running the real binary on real files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary directory with helpers to lay out input files.
pub struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { dir: tempfile::tempdir().expect("temporary directory") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to `relative`, creating directories.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create directories");
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    pub fn read(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join(relative)).unwrap_or_else(|e| panic!("reading {relative}: {e}"))
    }

    pub fn read_string(&self, relative: &str) -> String {
        String::from_utf8(self.read(relative)).expect("UTF-8 output")
    }

    /// Every file under the directory, relative, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = walk(self.dir.path())
            .into_iter()
            .map(|p| p.strip_prefix(self.dir.path()).unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        files
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

/// A command for the built `textwash` binary.
pub fn textwash() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_textwash"));
    cmd.env_remove("RUST_BACKTRACE");
    cmd
}

/// Runs `cmd` with `stdin` as its input.
pub fn run_with_stdin(cmd: &mut Command, stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn textwash");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let output = child.wait_with_output().expect("wait for textwash");
    writer.join().expect("stdin writer");
    output
}

/// Runs `cmd` to completion.
pub fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run textwash")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone())
        .unwrap_or_else(|e| panic!("stdout is not UTF-8 (valid up to byte {})", e.utf8_error().valid_up_to()))
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code; panics with stderr shown when the process was killed.
pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or_else(|| panic!("killed by a signal; stderr: {}", stderr(output)))
}

/// The repository's `corpora/` directory.
pub fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}
