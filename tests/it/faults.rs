//! Bad inputs and faults, each with the real binary: no panic, one clear line
//! naming the file, exit 2 when anything failed, every other document still
//! processed, nothing lost. (More of them live in `cli.rs`.)

use std::process::Stdio;
use std::time::Duration;

use crate::util::{Dir, code, run, run_with_stdin, stderr, stdout, textwash};

/// A document with something to clean on every line: trailing white space
/// and a lost no-break space.
fn dirty_document(i: usize) -> String {
    (0..200).map(|l| format!("Paragraph {l} of document {i} ends here.Â  \n")).collect()
}

fn clean_document(i: usize) -> String {
    (0..200).map(|l| format!("Paragraph {l} of document {i} ends here.\n")).collect()
}

#[test]
fn empty_inputs_are_fine() {
    let dir = Dir::new();
    let empty = dir.write("empty.txt", "");
    let out = run(textwash().arg("clean").arg(&empty));
    assert_eq!((code(&out), out.stdout.len()), (0, 0), "{}", stderr(&out));
    let jsonl = run(textwash().args(["clean", "--jsonl"]).arg(&empty));
    assert_eq!((code(&jsonl), jsonl.stdout.len()), (0, 0), "{}", stderr(&jsonl));
    let stdin = run_with_stdin(textwash().args(["clean", "--jsonl"]), b"");
    assert_eq!((code(&stdin), stdin.stdout.len()), (0, 0), "{}", stderr(&stdin));
}

#[test]
fn a_directory_symlink_loop_does_not_trap_the_walk() {
    let dir = Dir::new();
    dir.write("in/a.txt", "Text.  \n");
    dir.write("in/sub/b.txt", "More text.\n");
    std::os::unix::fs::symlink("..", dir.path().join("in/sub/loop")).unwrap();
    let out = run(textwash().arg("clean").arg(dir.path().join("in")).arg("-o").arg(dir.path().join("out")));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(dir.read_string("out/a.txt"), "Text.\n");
    assert_eq!(dir.read_string("out/sub/b.txt"), "More text.\n");
    let outputs: Vec<String> = dir.files().into_iter().filter(|f| f.starts_with("out/")).collect();
    assert_eq!(outputs, ["out/a.txt", "out/sub/b.txt"]);
}

#[test]
fn a_200_mb_single_line_goes_through() {
    let dir = Dir::new();
    let body = "The quick brown fox jumps over the lazy dog. ".repeat(200 * 1024 * 1024 / 45);
    let path = dir.write("huge.txt", format!("{body}The end.Â  \n"));
    let out = textwash().arg("clean").arg(&path).stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(out.stdout.len(), body.len() + "The end.\n".len(), "the line went through whole");
    assert!(
        out.stdout.starts_with(body.as_bytes()) && out.stdout.ends_with(b"lazy dog. The end.\n"),
        "cleaned at its end"
    );
}

#[test]
fn nul_bytes_in_a_json_line_are_reported_and_kept() {
    let input = b"{\"text\": \"fine\"}\n{\"text\": \"a\x00b\"}\n{\"text\": \"Le bar\xc3\x83\xc2\xa8me\"}\n";
    let out = run_with_stdin(textwash().args(["clean", "--jsonl"]), input);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("textwash: <stdin>:2: not valid JSON: control character"), "{}", stderr(&out));
    assert_eq!(out.stdout, b"{\"text\": \"fine\"}\n{\"text\": \"a\x00b\"}\n{\"text\": \"Le bar\xc3\xa8me\"}\n");
}

#[test]
fn resuming_with_skip_existing_redoes_only_what_is_missing() {
    let dir = Dir::new();
    for i in 0..6 {
        dir.write(&format!("in/{i}.txt"), dirty_document(i));
    }
    let out = dir.path().join("out");
    let first = run(textwash().arg("clean").arg(dir.path().join("in")).arg("-o").arg(&out));
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    // As if the run had been killed: two outputs missing, one temporary file
    // left behind, and a finished output we can recognise if it is redone.
    std::fs::remove_file(out.join("2.txt")).unwrap();
    std::fs::remove_file(out.join("5.txt")).unwrap();
    abandoned(&dir.write("out/.textwash-abc123.tmp", "half written"));
    dir.write("out/0.txt", "kept as it is");
    let second = run(textwash().args(["clean", "--skip-existing"]).arg(dir.path().join("in")).arg("-o").arg(&out));
    assert_eq!(code(&second), 0, "{}", stderr(&second));
    assert!(stderr(&second).contains("removed 1 temporary file"), "{}", stderr(&second));
    assert_eq!(dir.read_string("out/0.txt"), "kept as it is", "an existing output is not redone");
    assert_eq!(dir.read_string("out/2.txt"), clean_document(2));
    assert_eq!(dir.read_string("out/5.txt"), clean_document(5));
    let outputs: Vec<String> = dir.files().into_iter().filter(|f| f.starts_with("out/")).collect();
    assert_eq!(outputs.len(), 6, "{outputs:?}");
}

/// Resuming a run that writes one file cleans up only beside that file:
/// its directory may be a working directory with other runs under it.
#[test]
fn resuming_one_file_removes_only_the_temporary_files_beside_it() {
    let dir = Dir::new();
    let input = dir.write("in.txt", dirty_document(1));
    abandoned(&dir.write(".textwash-left.tmp", "half written"));
    abandoned(&dir.write("other/.textwash-busy.tmp", "another run's"));
    let out = run(textwash().args(["clean", "--skip-existing"]).arg(&input).arg("-o").arg(dir.path().join("out.txt")));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("removed 1 temporary file"), "{}", stderr(&out));
    assert_eq!(dir.read_string("out.txt"), clean_document(1));
    assert_eq!(dir.files(), ["in.txt", "other/.textwash-busy.tmp", "out.txt"]);
}

/// Makes the temporary file at `path` look left behind: last written a
/// minute ago (a resumed run spares younger ones, which may be in the
/// making).
fn abandoned(path: &std::path::Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(std::time::SystemTime::now() - Duration::from_secs(60)).unwrap();
}

/// Two runs into one directory: a resumed run removes only the temporary
/// files nobody is writing. One that a writer holds the lock of is in use
/// however old (here this process is its writer), and one made a moment
/// ago is spared for the instant before its writer locks it.
#[test]
fn a_resumed_run_leaves_the_temporary_files_of_a_running_one() {
    let dir = Dir::new();
    let input = dir.write("in.txt", dirty_document(3));
    let held = dir.write(".textwash-held.tmp", "another run's, being written");
    abandoned(&held);
    let lock = std::fs::File::open(&held).unwrap();
    lock.lock().unwrap();
    dir.write(".textwash-new.tmp", "");
    abandoned(&dir.write(".textwash-left.tmp", "half written"));
    let out = run(textwash().args(["clean", "--skip-existing"]).arg(&input).arg("-o").arg(dir.path().join("out.txt")));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("removed 1 temporary file"), "{}", stderr(&out));
    assert_eq!(dir.files(), [".textwash-held.tmp", ".textwash-new.tmp", "in.txt", "out.txt"]);
    drop(lock);
    // Once its writer is gone, a second resumed run takes it.
    let out = run(textwash().args(["clean", "--skip-existing"]).arg(&input).arg("-o").arg(dir.path().join("out.txt")));
    assert!(stderr(&out).contains("removed 1 temporary file"), "{}", stderr(&out));
    assert_eq!(dir.files(), [".textwash-new.tmp", "in.txt", "out.txt"]);
}

#[test]
fn skip_existing_needs_an_output() {
    let out = run(textwash().args(["clean", "--skip-existing", "x.txt"]));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--output"), "{}", stderr(&out));
}

/// SIGINT or SIGTERM in the middle of `--in-place`: the run stops, every file
/// is either untouched or completely cleaned, and no temporary file is left.
#[test]
fn a_signal_during_in_place_leaves_every_file_whole() {
    for (signal, expected_code) in [("-INT", 130), ("-TERM", 143)] {
        let dir = Dir::new();
        let files = 400;
        for i in 0..files {
            dir.write(&format!("in/{i:03}.txt"), dirty_document(i).repeat(10));
        }
        let child = textwash()
            .args(["clean", "--in-place", "-j", "1"])
            .arg(dir.path().join("in"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the run has rewritten some files, then interrupt it.
        let cleaned = (0..files).map(|i| clean_document(i).repeat(10)).collect::<Vec<_>>();
        let started = std::time::Instant::now();
        while !(0..files).any(|i| dir.read_string(&format!("in/{i:03}.txt")) == cleaned[i]) {
            assert!(started.elapsed() < Duration::from_secs(60), "no file was rewritten");
            std::thread::sleep(Duration::from_millis(20));
        }
        let kill = std::process::Command::new("kill").arg(signal).arg(child.id().to_string()).status().unwrap();
        assert!(kill.success());
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), expected_code, "{signal}: {}", stderr(&out));
        assert!(stderr(&out).contains("interrupted: files rewritten so far are complete"), "{}", stderr(&out));
        let mut untouched = 0;
        for (i, clean) in cleaned.iter().enumerate() {
            let text = dir.read_string(&format!("in/{i:03}.txt"));
            if text == dirty_document(i).repeat(10) {
                untouched += 1;
            } else {
                assert_eq!(&text, clean, "{signal}: file {i} is neither the original nor fully cleaned");
            }
        }
        assert!(untouched > 0, "{signal}: the run finished before the signal; make it longer");
        let leftovers: Vec<String> = dir.files().into_iter().filter(|f| f.contains(".textwash-")).collect();
        assert!(leftovers.is_empty(), "{signal}: temporary files left: {leftovers:?}");
    }
}

#[test]
fn check_writes_nothing_even_to_a_full_disk_of_findings() {
    let dir = Dir::new();
    let path = dir.write("a.txt", dirty_document(1));
    let before = std::fs::read(&path).unwrap();
    let full = std::fs::File::create("/dev/full").unwrap();
    let out = textwash().arg("check").arg(&path).stdout(full).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("No space left on device"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(stdout(&out).is_empty());
}
