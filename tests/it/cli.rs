//! The real binary on real files: input modes, exit codes, failures.

use std::io::Read;
use std::process::Stdio;

use crate::util::{Dir, code, corpora, run, run_with_stdin, stderr, stdout, textwash};

/// A short article with the seed's kinds of damage: lost no-break spaces, a
/// NAME/AGENCY credit line, trailing blank lines; and curly quotes that must
/// stay curly.
const ARTICLE: &str = "Officials said on Thursday that the plan had been approved in Geneva.Â\n\
The proposal, which is believed to call for a ceasefire, was first reported by the Herald.\n\
MARIA LOPEZ/AFP/Getty\n\
“We are not there yet,” the minister’s spokesman said.Â\n\n\n";

const CLEAN: &str = "Officials said on Thursday that the plan had been approved in Geneva.\n\
The proposal, which is believed to call for a ceasefire, was first reported by the Herald.\n\
“We are not there yet,” the minister’s spokesman said.\n";

/// The start of a PNG image: a binary file, skipped in a tree.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

#[test]
fn single_file_to_stdout() {
    let dir = Dir::new();
    let path = dir.write("article.txt", ARTICLE);
    let out = run(textwash().arg("clean").arg(&path));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), CLEAN);
    assert_eq!(dir.read_string("article.txt"), ARTICLE, "the input must not change");
}

#[test]
fn single_file_to_output_file() {
    let dir = Dir::new();
    let path = dir.write("article.txt", ARTICLE);
    let out = run(textwash().arg("clean").arg(&path).arg("-o").arg(dir.path().join("clean.txt")));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(dir.read_string("clean.txt"), CLEAN);
    assert_eq!(dir.files(), ["article.txt", "clean.txt"], "no temporary files left");
}

#[test]
fn stdin_to_stdout_with_no_path_or_a_dash() {
    for args in [&["clean"][..], &["clean", "-"]] {
        let out = run_with_stdin(textwash().args(args), ARTICLE.as_bytes());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(stdout(&out), CLEAN);
    }
}

#[test]
fn directory_tree_is_mirrored() {
    let dir = Dir::new();
    dir.write("in/a.txt", ARTICLE);
    dir.write("in/deep/er/b.txt", "Already clean.\n");
    dir.write("in/.hidden.txt", ARTICLE);
    let out = run(textwash().arg("clean").arg(dir.path().join("in")).arg("-o").arg(dir.path().join("out")));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(dir.read_string("out/a.txt"), CLEAN);
    assert_eq!(dir.read_string("out/deep/er/b.txt"), "Already clean.\n");
    assert_eq!(dir.files(), ["in/.hidden.txt", "in/a.txt", "in/deep/er/b.txt", "out/a.txt", "out/deep/er/b.txt"]);
}

/// Outputs are created as any new file is (0666 less the umask), not with a
/// temporary file's owner-only mode; a file rewritten in place keeps its own.
#[cfg(unix)]
#[test]
fn outputs_get_the_mode_of_a_new_file_and_in_place_keeps_the_old_one() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = Dir::new();
    let input = dir.write("in/a.txt", ARTICLE);
    let new_file = dir.write("new.txt", "");
    let tree = run(textwash().arg("clean").arg(dir.path().join("in")).arg("-o").arg(dir.path().join("out")));
    assert_eq!(code(&tree), 0, "{}", stderr(&tree));
    let file = run(textwash().arg("clean").arg(&input).arg("-o").arg(dir.path().join("one.txt")));
    assert_eq!(code(&file), 0, "{}", stderr(&file));
    assert_eq!(mode(&dir.path().join("out/a.txt")), mode(&new_file));
    assert_eq!(mode(&dir.path().join("one.txt")), mode(&new_file));

    std::fs::set_permissions(&input, std::fs::Permissions::from_mode(0o640)).unwrap();
    let in_place = run(textwash().args(["clean", "--in-place"]).arg(&input));
    assert_eq!(code(&in_place), 0, "{}", stderr(&in_place));
    assert_eq!(dir.read_string("in/a.txt"), CLEAN);
    assert_eq!(mode(&input), 0o640);
}

#[test]
fn output_directory_inside_the_input_tree_is_not_read_back() {
    let dir = Dir::new();
    dir.write("in/a.txt", ARTICLE);
    let first = run(textwash().arg("clean").arg(dir.path().join("in")).arg("-o").arg(dir.path().join("in/clean")));
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    // A second run must not clean its own earlier output into clean/clean/.
    let second = run(textwash().arg("clean").arg(dir.path().join("in")).arg("-o").arg(dir.path().join("in/clean")));
    assert_eq!(code(&second), 0, "{}", stderr(&second));
    assert_eq!(dir.files(), ["in/a.txt", "in/clean/a.txt"]);
}

#[test]
fn two_inputs_with_one_output_file_write_it_once() {
    let dir = Dir::new();
    let first = dir.write("x/a.txt", ARTICLE);
    let second = dir.write("y/a.txt", "Another article.\n");
    let out = run(textwash().arg("clean").arg(&first).arg(&second).arg("-o").arg(dir.path().join("out")));
    assert_eq!(code(&out), 2);
    let out_file = dir.path().join("out/a.txt");
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "textwash: {}: not written: {} is also the output of an earlier input",
            second.display(),
            out_file.display()
        )
    );
    assert_eq!(dir.read_string("out/a.txt"), CLEAN, "the first input's output stands");
}

#[test]
fn two_directories_of_one_name_mirror_each_file_once() {
    let dir = Dir::new();
    dir.write("x/dump/a.txt", ARTICLE);
    dir.write("x/dump/b.txt", "Only here.\n");
    let second = dir.write("y/dump/a.txt", "Another article.\n");
    let out = run(textwash()
        .arg("clean")
        .arg(dir.path().join("x/dump"))
        .arg(dir.path().join("y/dump"))
        .arg("-o")
        .arg(dir.path().join("out")));
    assert_eq!(code(&out), 2);
    let message = format!(
        "textwash: {}: not written: {} is also the output of an earlier input",
        second.display(),
        dir.path().join("out/dump/a.txt").display()
    );
    assert_eq!(stderr(&out).lines().next(), Some(message.as_str()), "{}", stderr(&out));
    assert_eq!(dir.read_string("out/dump/a.txt"), CLEAN, "the first input's output stands");
    assert_eq!(dir.read_string("out/dump/b.txt"), "Only here.\n");
}

#[test]
fn a_file_named_inside_a_directory_named_in_place_is_rewritten_once() {
    let dir = Dir::new();
    let inner = dir.write("in/a.txt", ARTICLE);
    let out = run(textwash().arg("clean").arg("--in-place").arg(dir.path().join("in")).arg(&inner));
    assert_eq!(code(&out), 2);
    let message = format!("textwash: {0}: not written: {0} is also the output of an earlier input", inner.display());
    assert_eq!(stderr(&out).lines().next(), Some(message.as_str()), "{}", stderr(&out));
    assert_eq!(dir.read_string("in/a.txt"), CLEAN);
}

#[test]
fn a_directory_needs_an_output_or_in_place() {
    let dir = Dir::new();
    dir.write("in/a.txt", ARTICLE);
    let out = run(textwash().arg("clean").arg(dir.path().join("in")));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("is a directory: give -o DIR"), "{}", stderr(&out));
}

#[test]
fn in_place_rewrites_changed_files_only() {
    let dir = Dir::new();
    let dirty = dir.write("in/dirty.txt", ARTICLE);
    let clean = dir.write("in/clean.txt", CLEAN);
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    let set_old =
        |p: &std::path::Path| std::fs::File::options().write(true).open(p).unwrap().set_modified(old).unwrap();
    set_old(&dirty);
    set_old(&clean);
    let out = run(textwash().args(["clean", "--in-place"]).arg(dir.path().join("in")));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(dir.read_string("in/dirty.txt"), CLEAN);
    assert_eq!(dir.read_string("in/clean.txt"), CLEAN);
    assert_eq!(std::fs::metadata(&clean).unwrap().modified().unwrap(), old, "an unchanged file is not rewritten");
    assert_ne!(std::fs::metadata(&dirty).unwrap().modified().unwrap(), old);
    assert_eq!(dir.files(), ["in/clean.txt", "in/dirty.txt"], "no temporary files left");
}

#[test]
fn in_place_refuses_stdin() {
    let out = run_with_stdin(textwash().args(["clean", "--in-place", "-"]), b"x");
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot rewrite stdin"), "{}", stderr(&out));
}

fn jsonl_record(id: u32, text: &str, extra: &str) -> String {
    format!("{{\"id\": {id}, \"text\": {}, {extra}}}\n", serde_json::to_string(text).unwrap())
}

#[test]
fn jsonl_cleans_one_field_and_keeps_every_other_byte() {
    let dir = Dir::new();
    let input = [
        jsonl_record(1, ARTICLE, r#""score":  1.50, "meta": {"a": [1, 2]}"#),
        "{\"z\": true, \"text\": \"caf\\u00e9 is fine\", \"a\": null}\n".to_owned(),
        jsonl_record(3, "Le barÃ¨me forfaitaire", r#""url": "https://example.test/x""#),
    ]
    .concat();
    let path = dir.write("dump.jsonl", &input);
    let out = run(textwash().args(["clean", "--jsonl"]).arg(&path));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let lines: Vec<&str> = stdout(&out).leak().lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], jsonl_record(1, CLEAN, r#""score":  1.50, "meta": {"a": [1, 2]}"#).trim_end());
    assert_eq!(
        lines[1], "{\"z\": true, \"text\": \"caf\\u00e9 is fine\", \"a\": null}",
        "an unchanged record is byte-identical"
    );
    assert_eq!(lines[2], jsonl_record(3, "Le barème forfaitaire", r#""url": "https://example.test/x""#).trim_end());
}

#[test]
fn jsonl_field_can_be_named() {
    let line = format!("{{\"text\": \"keep Ã©\", \"body\": {}}}\n", serde_json::to_string("fix Ã©").unwrap());
    let out = run_with_stdin(textwash().args(["clean", "--jsonl", "--field", "body"]), line.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "{\"text\": \"keep Ã©\", \"body\": \"fix é\"}\n");
}

#[test]
fn bad_jsonl_records_are_reported_by_line_and_passed_through() {
    let dir = Dir::new();
    let input = [
        jsonl_record(1, "Le barÃ¨me", r#""n": 1"#),
        "{\"id\": 2, \"text\": \"unterminated}\n".to_owned(),
        "{\"id\": 3}\n".to_owned(),
        "{\"id\": 4, \"text\": 17}\n".to_owned(),
        "\n".to_owned(),
        "{\"id\": 6, \"text\": \"x\"} trailing\n".to_owned(),
        jsonl_record(7, "Le barÃ¨me", r#""n": 7"#),
    ]
    .concat();
    let path = dir.write("dump.jsonl", &input);
    let out = run(textwash().args(["clean", "--jsonl"]).arg(&path));
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    let name = path.display();
    for expected in [
        format!("{name}:2: not valid JSON"),
        format!("{name}:3: no field \"text\""),
        format!("{name}:4: field \"text\" is a number, not a string"),
        format!("{name}:6: not valid JSON"),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(err.lines().filter(|l| l.contains("dump.jsonl:")).count(), 4, "one line per problem: {err}");
    let expected: String = input.replace("Le barÃ¨me", "Le barème");
    assert_eq!(stdout(&out), expected, "every line is kept, in order");
}

#[test]
fn invalid_utf8_inside_a_json_string_is_decoded_and_reported() {
    let line = b"{\"text\": \"caf\xe9 cr\xc3\xa8me\"}\n";
    let out = run_with_stdin(textwash().args(["clean", "--jsonl"]), line);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "{\"text\": \"café crème\"}\n");
    let check = run_with_stdin(textwash().args(["check", "--jsonl"]), line);
    assert_eq!(code(&check), 1);
    assert!(stdout(&check).contains("decode/invalid-utf8"), "{}", stdout(&check));
}

#[test]
fn binary_files_are_skipped_in_a_tree_and_an_error_when_named() {
    let dir = Dir::new();
    dir.write("in/a.txt", ARTICLE);
    let png = dir.write("in/picture.png", PNG);
    let out = run(textwash().arg("clean").arg(dir.path().join("in")).arg("-o").arg(dir.path().join("out")));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("warning") && stderr(&out).contains("picture.png"), "{}", stderr(&out));
    assert_eq!(dir.files(), ["in/a.txt", "in/picture.png", "out/a.txt"]);

    let named = run(textwash().arg("clean").arg(&png));
    assert_eq!(code(&named), 2);
    assert!(stderr(&named).contains("picture.png: looks like a binary file (a PNG image)"), "{}", stderr(&named));
    assert_eq!(stdout(&named), "", "never written out as garbage");
}

#[test]
fn the_summary_names_the_first_three_files_skipped_for_a_reason_and_counts_the_rest() {
    let dir = Dir::new();
    dir.write("in/a.txt", ARTICLE);
    let pngs: Vec<_> = (1..=5).map(|i| dir.write(&format!("in/{i}.png"), PNG)).collect();
    let out = run(textwash().arg("clean").arg(dir.path().join("in")).arg("-o").arg(dir.path().join("out")));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let first: Vec<String> = pngs[..3].iter().map(|p| p.display().to_string()).collect();
    let line = format!("  skipped 5: looks like a binary file (a PNG image); skipped: {} and 2 more", first.join(", "));
    assert!(stderr(&out).lines().any(|l| l == line), "no line {line:?} in:\n{}", stderr(&out));
}

#[test]
fn a_missing_path_fails_but_the_others_are_still_cleaned() {
    let dir = Dir::new();
    let a = dir.write("a.txt", ARTICLE);
    let missing = dir.path().join("missing.txt");
    let out = run(textwash().arg("clean").arg(&missing).arg(&a));
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out).lines().next(),
        Some(format!("textwash: {}: no such file or directory", missing.display()).as_str())
    );
    assert_eq!(stdout(&out), CLEAN);
}

/// A file that exists but cannot be read. Tests run as root in CI, where
/// permissions do not stop reads, so this uses a file whose every read fails
/// with EIO: the process's own memory at address 0.
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_fails_but_the_others_are_still_cleaned() {
    let dir = Dir::new();
    let a = dir.write("a.txt", ARTICLE);
    let out = run(textwash().arg("clean").arg("/proc/self/mem").arg(&a));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("textwash: /proc/self/mem: cannot read:"), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).lines().filter(|l| l.contains("/proc/self/mem")).count(),
        1,
        "one line per problem: {}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), CLEAN);
}

/// The reader opens files dozens ahead of their turn: one that is opened
/// ahead and then fails to read, among more than that, still fails alone,
/// in its place, and the rest come out in the order given.
#[cfg(target_os = "linux")]
#[test]
fn a_file_that_fails_among_many_opened_ahead_fails_in_its_place() {
    let dir = Dir::new();
    let text = |i: usize| format!("Document number {i} was cleaned in its turn.\n");
    let paths: Vec<_> = (0..300).map(|i| dir.write(&format!("{i:03}.txt"), text(i))).collect();
    let out = run(textwash().args(["clean", "-j", "2"]).args(&paths[..150]).arg("/proc/self/mem").args(&paths[150..]));
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), (0..300).map(text).collect::<String>());
    let err = stderr(&out);
    let failures: Vec<&str> = err.lines().filter(|l| l.contains("/proc/self/mem")).collect();
    assert_eq!(failures.len(), 1, "{err}");
    assert!(failures[0].starts_with("textwash: /proc/self/mem: cannot read:"), "{err}");
}

/// Named pipes are opened at their turn, not ahead: opening one waits for
/// its writer, and a writer that fills the first pipe before it opens the
/// second would wait for ever on a reader stuck opening the second.
#[cfg(target_os = "linux")]
#[test]
fn named_pipes_are_read_in_turn_without_waiting_on_each_other() {
    let dir = Dir::new();
    let pipes = [dir.path().join("first"), dir.path().join("second")];
    for pipe in &pipes {
        let status = std::process::Command::new("mkfifo").arg(pipe).status().unwrap();
        assert!(status.success());
    }
    // More than a pipe holds (64 KB), so the writer is still on the first
    // pipe until the reader has read most of it.
    let first = "A line that fills the first pipe well past its buffer.\n".repeat(3000);
    let writer = {
        let (pipes, first) = (pipes.clone(), first.clone());
        std::thread::spawn(move || {
            std::fs::write(&pipes[0], first).unwrap();
            std::fs::write(&pipes[1], "The second pipe.\n").unwrap();
        })
    };
    let mut child = textwash().args(["clean", "-j", "2"]).args(&pipes).stdout(Stdio::piped()).spawn().unwrap();
    let mut out = String::new();
    let reading = {
        let mut stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            stdout.read_to_string(&mut out).unwrap();
            out
        })
    };
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("textwash waited on the pipes");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    writer.join().unwrap();
    assert_eq!(reading.join().unwrap(), first + "The second pipe.\n");
}

/// With few file descriptors to spare, fewer files are opened ahead, and
/// one that cannot be opened ahead for want of a descriptor is opened at
/// its turn: every file is still cleaned.
#[cfg(target_os = "linux")]
#[test]
fn a_low_limit_on_open_files_loses_no_file() {
    use std::os::unix::process::CommandExt;
    let dir = Dir::new();
    for i in 0..300 {
        dir.write(&format!("in/{i:03}.txt"), format!("Document number {i} was cleaned.\n"));
    }
    // Below 8 no file is opened ahead at all, but the one being read is.
    for limit in [6, 10, 16, 24, 64] {
        let out_dir = dir.path().join(format!("out{limit}"));
        let mut command = textwash();
        command.args(["clean", "-j", "2"]).arg(dir.path().join("in")).arg("-o").arg(&out_dir);
        // SAFETY: only `setrlimit` runs between fork and exec.
        unsafe {
            command.pre_exec(move || {
                let rlimit = libc::rlimit { rlim_cur: limit, rlim_max: limit };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raw const rlimit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        let out = run(&mut command);
        assert_eq!(code(&out), 0, "limit {limit}: {}", stderr(&out));
        assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 300, "limit {limit}");
    }
}

/// A JSON Lines input that cannot be opened is reported once, as unreadable,
/// and gets no output; the next input is cleaned.
#[cfg(unix)]
#[test]
fn an_input_that_cannot_be_opened_gets_one_message_and_no_output() {
    let dir = Dir::new();
    let socket = dir.path().join("socket.jsonl");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let good = dir.write("good.jsonl", "{\"text\": \"Fine text.\"}\n");
    let out_dir = dir.path().join("out");
    let out = run(textwash().args(["clean", "--jsonl"]).arg(&socket).arg(&good).arg("-o").arg(&out_dir));
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert_eq!(err.lines().filter(|l| l.contains("socket.jsonl")).count(), 1, "{err}");
    assert!(err.contains("socket.jsonl: cannot read"), "{err}");
    assert!(!out_dir.join("socket.jsonl").exists());
    assert_eq!(std::fs::read_to_string(out_dir.join("good.jsonl")).unwrap(), "{\"text\": \"Fine text.\"}\n");
}

#[test]
fn each_stage_can_be_switched_off() {
    let dir = Dir::new();
    let path = dir.write("article.txt", ARTICLE);
    let clean_with = |flag: &str| stdout(&run(textwash().arg("clean").arg(flag).arg(&path)));
    assert!(clean_with("--no-strip").contains("MARIA LOPEZ/AFP/Getty"));
    assert!(!clean_with("--no-repair").contains("Geneva.\n") && clean_with("--no-repair").contains("Geneva.Â\n"));
    assert!(clean_with("--no-normalize").ends_with("\n\n\n"));
    assert_eq!(clean_with("--no-decode"), CLEAN);

    let latin1 = dir.write("latin1.txt", b"caf\xe9 au lait, cr\xe8me br\xfbl\xe9e\n");
    let out = run(textwash().args(["clean", "--no-decode"]).arg(&latin1));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));
    assert_eq!(out.stdout, b"caf\xe9 au lait, cr\xe8me br\xfbl\xe9e\n", "passed through unchanged");
}

#[test]
fn normalize_rules_are_switched_by_name() {
    let text = "“Quoted” ﬁne  \r\n\r\n\r\n\r\nnext\u{a0}line\n";
    let clean = |args: &[&str]| {
        let out = run_with_stdin(textwash().arg("clean").args(args), text.as_bytes());
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    assert_eq!(clean(&[]), "“Quoted” ﬁne\n\nnext\u{a0}line\n");
    assert_eq!(
        clean(&["--normalize-on", "ascii-punctuation,ligatures", "--normalize-on=nbsp", "--max-blank-lines", "0"]),
        "\"Quoted\" fine\nnext line\n"
    );
    assert_eq!(
        clean(&["--normalize-off", "trailing-whitespace,line-ending"]),
        "“Quoted” ﬁne  \r\n\r\nnext\u{a0}line\n"
    );
    assert_eq!(clean(&["--nfkc"]), "“Quoted” fine\n\nnext line\n");

    for (args, complaint) in [
        (&["--no-normalize", "--nfkc"][..], "contradicts"),
        (&["--normalize-on", "nbsp", "--normalize-off", "nbsp"], "both on and off"),
        (&["--normalize-on", "nfc", "--nfkc"], "choose one"),
        (&["--normalize-off", "blank-lines", "--max-blank-lines", "2"], "needs the blank-lines rule"),
        (&["--normalize-off", "nfd"], "invalid value 'nfd'"),
    ] {
        let out = run_with_stdin(textwash().arg("clean").args(args), text.as_bytes());
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stderr(&out).contains(complaint), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn check_and_explain_report_normalize_rules() {
    let dir = Dir::new();
    let path = dir.write("decomposed.txt", "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t\u{ad}\r\n");
    let out = run(textwash().arg("check").arg(&path));
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    for expected in [
        ":1:3: normalize/nfc 2 sequences put in NFC, the first U+0065 U+0302 U+0301 → U+1EBF",
        ":1:15: normalize/soft-hyphen a soft hyphen (U+00AD), an invisible hyphenation hint\n    - \"\\u{ad}\"",
        ":1:16: normalize/line-ending a CRLF line break",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let out = run(textwash().args(["explain", "--normalize-on", "ascii-punctuation", "“x” — y"]));
    let text = stdout(&out);
    assert!(text.contains("normalize/ascii-punctuation: typographic “ made ASCII"), "{text}");
    assert!(text.contains("result: \"\\\"x\\\" -- y\""), "{text}");
}

#[test]
fn legacy_encodings_are_decoded() {
    let dir = Dir::new();
    let text = "Правительство объявило о новых мерах поддержки экономики.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let path = dir.write("ru.txt", &bytes);
    let out = run(textwash().arg("clean").arg(&path));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), text);
    let forced = run(textwash().args(["clean", "--encoding", "koi8-r"]).arg(&path));
    assert_ne!(stdout(&forced), text, "--encoding overrides detection");
    let unknown = run(textwash().args(["clean", "--encoding", "klingon"]).arg(&path));
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("unknown encoding label \"klingon\""), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("windows-1251, windows-1252"), "lists the encodings: {}", stderr(&unknown));
}

#[test]
fn check_says_how_each_legacy_article_was_decoded() {
    let articles = corpora().join("articles");
    for (name, how) in [
        ("07_de_nachtzug.txt", "decoded as windows-1252 (detected)"),
        ("16_ru_nauka.txt", "decoded as windows-1251 (detected)"),
        ("21_hi_barish.txt", "decoded as UTF-16LE (named by its byte-order mark)"),
        ("22_zh_qishou.txt", "decoded as GBK (detected)"),
        ("23_ja_ooyuki.txt", "decoded as Shift_JIS (detected)"),
    ] {
        let out =
            run(textwash().args(["check", "--no-repair", "--no-strip", "--no-normalize"]).arg(articles.join(name)));
        assert_eq!(code(&out), 1, "{name}: {}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("{name}:1:1: decode/legacy-encoding {how}")),
            "{name}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn utf32_is_refused_and_never_written_out() {
    let dir = Dir::new();
    let bytes: Vec<u8> = "\u{feff}Hello, world\n".chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
    let path = dir.write("utf32.txt", bytes);
    let out = run(textwash().arg("clean").arg(&path));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("looks like UTF-32LE text"), "{}", stderr(&out));
    assert!(stderr(&out).contains("iconv -f UTF-32LE -t UTF-8"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

/// Many documents, so that batches really are split across threads.
fn many_documents(dir: &Dir) -> (std::path::PathBuf, std::path::PathBuf) {
    let mut jsonl = String::new();
    for i in 0..3000 {
        let text = match i % 4 {
            0 => ARTICLE.to_owned(),
            1 => format!("Record {i} is clean.\n"),
            2 => format!("Le barÃ¨me {i}\r\n\r\n\r\nADVERTISEMENT\r\n"),
            _ => format!("Τελικά {i} όλα καλά.  \n"),
        };
        jsonl.push_str(&jsonl_record(i, &text, r#""k": "v""#));
        if i < 300 {
            dir.write(&format!("tree/{:02}/{i}.txt", i % 17), &text);
        }
    }
    (dir.write("dump.jsonl", jsonl), dir.path().join("tree"))
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = Dir::new();
    let (jsonl, tree) = many_documents(&dir);
    let one = run(textwash().args(["clean", "--jsonl", "-j", "1"]).arg(&jsonl));
    let two = run(textwash().args(["clean", "--jsonl", "-j", "2"]).arg(&jsonl));
    let four = run(textwash().args(["clean", "--jsonl", "-j", "4"]).arg(&jsonl));
    assert_eq!(code(&one), 0);
    assert!(one.stdout == two.stdout && one.stdout == four.stdout);
    assert_ne!(one.stdout, std::fs::read(&jsonl).unwrap());

    for threads in ["1", "2"] {
        let out = run(textwash()
            .args(["clean", "-j", threads])
            .arg(&tree)
            .arg("-o")
            .arg(dir.path().join(format!("out{threads}"))));
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let files = dir.files();
    let out1: Vec<&String> = files.iter().filter(|f| f.starts_with("out1/")).collect();
    assert_eq!(out1.len(), 300);
    for f in out1 {
        assert_eq!(dir.read(f), dir.read(&f.replacen("out1/", "out2/", 1)), "{f}");
    }
    // Many files to stdout: concatenated in walk order, the same for any -j.
    let cat1 = run(textwash()
        .args(["clean", "-j", "1"])
        .args(std::fs::read_dir(tree.join("03")).unwrap().map(|e| e.unwrap().path())));
    let cat2 = run(textwash()
        .args(["clean", "-j", "2"])
        .args(std::fs::read_dir(tree.join("03")).unwrap().map(|e| e.unwrap().path())));
    assert_eq!(cat1.stdout, cat2.stdout);
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let dir = Dir::new();
    let (jsonl, _) = many_documents(&dir);
    let big: String = std::fs::read_to_string(&jsonl).unwrap().repeat(10);
    let big = dir.write("big.jsonl", big);
    let mut child = textwash()
        .args(["clean", "--jsonl", "-j", "2"])
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(err, "");
}

#[test]
fn a_full_disk_is_an_error() {
    let dir = Dir::new();
    let path = dir.write("article.txt", ARTICLE.repeat(2000));
    let full = std::fs::File::create("/dev/full").unwrap();
    let out = textwash().arg("clean").arg(&path).stdout(full).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot write to standard output"), "{}", stderr(&out));
}

#[test]
fn check_exit_codes_and_formats() {
    let dir = Dir::new();
    let dirty = dir.write("dirty.txt", ARTICLE);
    let clean = dir.write("clean.txt", CLEAN);

    let nothing = run(textwash().arg("check").arg(&clean));
    assert_eq!((code(&nothing), stdout(&nothing).as_str()), (0, ""));

    let found = run(textwash().arg("check").arg(&dirty));
    assert_eq!(code(&found), 1);
    let text = stdout(&found);
    assert!(text.contains(&format!("{}:3:1: strip/photo-credit", dirty.display())), "{text}");
    assert!(text.contains(":1:70: repair/lost-nbsp"), "{text}");
    assert_eq!(dir.read_string("dirty.txt"), ARTICLE, "check writes nothing");

    let json = run(textwash().args(["check", "--format", "json"]).arg(&dirty));
    assert_eq!(code(&json), 1);
    let findings: Vec<serde_json::Value> = stdout(&json).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "strip/photo-credit" && f["line"] == 3 && f["before"] == "MARIA LOPEZ/AFP/Getty\n")
    );

    let missing = run(textwash().arg("check").arg(dir.path().join("nope.txt")));
    assert_eq!(code(&missing), 2);
}

#[test]
fn explain_shows_each_change_and_its_plan() {
    let out = run(textwash().args(["explain", "Itâ€™s the ministerâ€™s planÂ \nMARIA LOPEZ/AFP/Getty\nEnd."]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "repair/mojibake",
        "steps: encode as windows-1252; decode as UTF-8",
        "repair/lost-nbsp",
        "removed by strip/photo-credit: a NAME/AGENCY photo credit line\n    \"MARIA LOPEZ/AFP/Getty\\n\"",
        "result: \"It’s the minister’s plan\\nEnd.\"",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let nothing = run(textwash().args(["explain", "Nothing wrong here."]));
    assert_eq!(stdout(&nothing), "nothing to change\n");
}

#[test]
fn html_entities_follow_the_flag() {
    let plain = "Fish &amp; chips at &pound;5";
    let clean = |flag: &str, text: &str| {
        let out = run_with_stdin(
            textwash().args(["clean", "--no-strip", "--no-normalize", "--html-entities", flag]),
            text.as_bytes(),
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        stdout(&out)
    };
    assert_eq!(clean("auto", plain), "Fish & chips at £5");
    assert_eq!(clean("off", plain), plain);
    // Markup: references are how "&" is written there, unless told otherwise.
    let markup = "<p>Fish &amp; chips</p>";
    assert_eq!(clean("auto", markup), markup);
    assert_eq!(clean("on", markup), "<p>Fish & chips</p>");
}

#[test]
fn explain_prints_lost_byte_and_multi_layer_plans() {
    let out =
        run(textwash().args(["explain", "--no-strip", "--no-normalize", "Iggy Pop (nÃƒÂ© Jim) â€œdealâ€\u{fffd}"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "UTF-8 read as windows-1252, then windows-1252 (2 layers)",
        "repair/lost-byte",
        "mark the character at bytes",
        "result: \"Iggy Pop (né Jim) “deal\\u{fffd}\"",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}
