//! The operator CLI as scripts use it: the real binary, a temporary data
//! directory, exit codes and one-line messages.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_civicspace");

fn civicspace(data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("CIVIC_DATA_DIR", data)
        .env_remove("DATABASE_URL")
        .env_remove("CIVIC_CONFIG")
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Starts `serve` on a free port and reads what it prints up to the line
/// with its URL (the last line printed at start).
fn serve(data: &Path, extra_env: &[(&str, &str)]) -> (Child, String, Vec<String>) {
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--listen", "127.0.0.1:0"])
        .env("CIVIC_DATA_DIR", data)
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    let url = loop {
        let line = lines.next().expect("serve printed its URL").unwrap();
        seen.push(line.clone());
        if let Some(url) = line.strip_prefix("Civic Space is serving ") {
            break url.to_string();
        }
    };
    (child, url, seen)
}

fn http_get(url: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest
        .split_once('/')
        .map(|(h, p)| (h, format!("/{p}")))
        .unwrap_or((rest, "/".into()));
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    std::io::Read::read_to_string(&mut stream, &mut response).unwrap();
    let status = response.split(' ').nth(1).unwrap().parse().unwrap();
    (status, response)
}

fn terminate(child: &mut Child) -> std::process::ExitStatus {
    use nix::sys::signal::{Signal, kill};
    kill(nix::unistd::Pid::from_raw(child.id() as i32), Signal::SIGTERM).unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "SIGTERM did not stop the server"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn first_start_seeds_the_demo_once_and_sigterm_stops_cleanly() {
    let data = tempfile::tempdir().unwrap();
    let (mut child, url, lines) = serve(data.path(), &[]);
    assert!(data.path().join("civicspace.db").exists());
    let demo = lines
        .iter()
        .find(|l| l.contains("one-time password"))
        .expect("the demo credentials are printed");
    assert!(demo.contains("admin@demo.example.org"), "{demo}");
    let (status, body) = http_get(&format!("{url}/demo/"));
    assert_eq!(status, 200);
    assert!(body.contains("Ідеї для прибережного парку 2027"));
    assert!(terminate(&mut child).success(), "SIGTERM exits with 0");

    let (mut again, url, lines) = serve(data.path(), &[]);
    assert!(
        !lines.iter().any(|l| l.contains("one-time password")),
        "second start seeds nothing: {lines:?}"
    );
    assert_eq!(http_get(&format!("{url}/demo/")).0, 200);
    terminate(&mut again);
    let tenants = civicspace(data.path(), &["tenant", "list"]);
    assert_eq!(text(&tenants).0.lines().count(), 1, "one demo tenant, not two");
}

#[test]
fn demo_can_be_skipped() {
    let data = tempfile::tempdir().unwrap();
    let (mut child, url, lines) = serve(data.path(), &[("CIVIC_DEMO", "false")]);
    assert!(!lines.iter().any(|l| l.contains("one-time password")));
    assert_eq!(http_get(&format!("{url}/demo/")).0, 404);
    terminate(&mut child);
}

#[test]
fn tenant_create_and_list() {
    let data = tempfile::tempdir().unwrap();
    let created = civicspace(
        data.path(),
        &[
            "tenant",
            "create",
            "--slug",
            "bucha",
            "--name",
            "Буча",
            "--locale",
            "uk",
            "--host",
            "participate.bucha.ua",
        ],
    );
    assert!(created.status.success(), "{:?}", text(&created));
    assert!(text(&created).0.contains("/bucha/"));
    let listed = text(&civicspace(data.path(), &["tenant", "list"])).0;
    assert_eq!(listed.trim(), "bucha\tБуча\tuk\tparticipate.bucha.ua");
}

#[test]
fn bad_tenant_input_is_refused_and_creates_nothing() {
    let data = tempfile::tempdir().unwrap();
    assert!(
        civicspace(data.path(), &["tenant", "create", "--slug", "bucha", "--name", "Буча"])
            .status
            .success()
    );
    let cases: &[(&[&str], &str)] = &[
        (&["--slug", "api", "--name", "X"], "reserved"),
        (&["--slug", "admin", "--name", "X"], "reserved"),
        (&["--slug", "Bad Slug", "--name", "X"], "lowercase"),
        (&["--slug", "b", "--name", "X"], "2 to 40"),
        (&["--slug", "bucha", "--name", "Ще одна"], "exists already"),
        (&["--slug", "irpin", "--name", "   "], "name"),
        (
            &["--slug", "irpin", "--name", "Ірпінь", "--locale", "de"],
            "unsupported locale",
        ),
        (
            &["--slug", "irpin", "--name", "Ірпінь", "--host", "not a host"],
            "not a valid host",
        ),
    ];
    for (args, expected) in cases {
        let mut full = vec!["tenant", "create"];
        full.extend_from_slice(args);
        let out = civicspace(data.path(), &full);
        let (_, err) = text(&out);
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one clear line: {err}");
    }
    let listed = text(&civicspace(data.path(), &["tenant", "list"])).0;
    assert_eq!(listed.lines().count(), 1, "nothing was created: {listed}");
}

#[test]
fn unreachable_database_is_one_line_with_the_password_redacted() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["serve"])
        .env("CIVIC_DATA_DIR", data.path())
        .env("DATABASE_URL", "postgres://civic:s3cret-pw@127.0.0.1:1/civic")
        .output()
        .unwrap();
    let (_, err) = text(&out);
    assert!(!out.status.success());
    let error_lines: Vec<_> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(error_lines.len(), 1, "{err}");
    assert!(
        error_lines[0].contains("postgres://civic:***@127.0.0.1:1/civic"),
        "{err}"
    );
    assert!(!err.contains("s3cret-pw"), "password leaked: {err}");
}

#[test]
fn bad_settings_exit_non_zero_with_a_message() {
    let data = tempfile::tempdir().unwrap();
    let out = civicspace(data.path(), &["serve", "--listen", "not-an-address"]);
    assert!(!out.status.success());
    assert!(text(&out).1.contains("--listen"));
    let config = data.path().join("civic.toml");
    std::fs::write(&config, "listen = 8080\n").unwrap();
    let out = civicspace(data.path(), &["--config", config.to_str().unwrap(), "migrate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("civic.toml"), "{}", text(&out).1);
    let out = Command::new(BIN)
        .args(["migrate"])
        .env("DATABASE_URL", "mysql://x@y/z")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("not supported"));
}

#[test]
fn help_documents_every_setting() {
    let out = Command::new(BIN).args(["serve", "--help"]).output().unwrap();
    let help = text(&out).0;
    for needle in [
        "CIVIC_LISTEN",
        "127.0.0.1:8080",
        "CIVIC_DATA_DIR",
        "./data",
        "DATABASE_URL",
        "CIVIC_DEMO",
        "CIVIC_CONFIG",
        "CIVIC_LOG_FORMAT",
        "CIVIC_DB_MAX_CONNECTIONS",
        "CIVIC_BODY_LIMIT_BYTES",
        "CIVIC_REQUEST_TIMEOUT_SECS",
        "CIVIC_MAP_TILES",
        "CIVIC_MAP_ATTRIBUTION",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
    }
}

#[test]
fn users_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    assert!(
        civicspace(data.path(), &["tenant", "create", "--slug", "bucha", "--name", "Буча"])
            .status
            .success()
    );
    let create = |args: &[&str], password: &str| {
        let mut child = Command::new(BIN)
            .args(args)
            .env("CIVIC_DATA_DIR", data.path())
            .env_remove("DATABASE_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(password.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let official = [
        "user",
        "create",
        "--tenant",
        "bucha",
        "--email",
        "Official@Bucha.ua",
        "--role",
        "official",
        "--password-stdin",
    ];
    let ok = create(&official, "a long enough passphrase\n");
    assert!(ok.status.success(), "{:?}", text(&ok));
    assert!(text(&ok).0.contains("official official@bucha.ua"));
    let again = create(&official, "a long enough passphrase\n");
    assert!(text(&again).1.contains("already has an account"));
    let short = create(
        &[
            "user",
            "create",
            "--tenant",
            "bucha",
            "--email",
            "a@bucha.ua",
            "--role",
            "citizen",
            "--password-stdin",
        ],
        "short\n",
    );
    assert!(text(&short).1.contains("at least 12"));
    let common = create(
        &[
            "user",
            "create",
            "--tenant",
            "bucha",
            "--email",
            "a@bucha.ua",
            "--role",
            "citizen",
            "--password-stdin",
        ],
        "qwertyuiop123\n",
    );
    assert!(text(&common).1.contains("most common"), "{}", text(&common).1);
    let role = create(
        &[
            "user",
            "create",
            "--tenant",
            "bucha",
            "--email",
            "a@bucha.ua",
            "--role",
            "mayor",
            "--password-stdin",
        ],
        "a long enough passphrase\n",
    );
    assert!(text(&role).1.contains("a role is one of"));
    let tenant = create(
        &[
            "user",
            "create",
            "--tenant",
            "kyiv",
            "--email",
            "a@bucha.ua",
            "--role",
            "citizen",
            "--password-stdin",
        ],
        "a long enough passphrase\n",
    );
    assert!(text(&tenant).1.contains("no tenant with slug 'kyiv'"));
    let empty = create(
        &[
            "user",
            "create",
            "--tenant",
            "bucha",
            "--email",
            "a@bucha.ua",
            "--role",
            "citizen",
            "--password-stdin",
        ],
        "",
    );
    assert!(text(&empty).1.contains("no password"));
    let operator = create(
        &[
            "user",
            "create-operator",
            "--email",
            "ops@civic.example",
            "--password-stdin",
        ],
        "operator passphrase 1\n",
    );
    assert!(operator.status.success(), "{:?}", text(&operator));
}

#[test]
fn backup_while_serving_is_a_consistent_copy() {
    let data = tempfile::tempdir().unwrap();
    let (mut child, url, _) = serve(data.path(), &[]);
    let copy = data.path().join("backup/copy.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    let out = civicspace(data.path(), &["backup", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert_eq!(http_get(&format!("{url}/demo/")).0, 200, "the server kept serving");
    terminate(&mut child);
    // The copy is a complete database: the server starts on it with the demo.
    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(&copy, restored.path().join("civicspace.db")).unwrap();
    let listed = text(&civicspace(restored.path(), &["tenant", "list"])).0;
    assert!(listed.starts_with("demo\t"), "{listed}");
}

#[test]
fn insight_opinion_on_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let votes = dir.path().join("votes.csv");
    let out = dir.path().join("result.json");
    // Two camps of four over four statements, and one statement all agree on.
    let mut csv = String::from("participant,comment,vote\n");
    for p in 0..8 {
        let camp = if p < 4 { 1 } else { -1 };
        for c in 0..4 {
            csv.push_str(&format!("p{p},{c},{}\n", if c % 2 == 0 { camp } else { -camp }));
        }
        for c in 4..8 {
            csv.push_str(&format!("p{p},{c},1\n"));
        }
    }
    std::fs::write(&votes, csv).unwrap();
    let run = Command::new(BIN)
        .args([
            "insight",
            "opinion",
            "--votes",
            votes.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(run.status.success(), "{:?}", text(&run));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "{json}");
    let mut members: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let mut m: Vec<String> = g["participants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap().to_string())
                .collect();
            m.sort();
            m
        })
        .collect();
    members.sort();
    assert_eq!(
        members,
        vec![vec!["p0", "p1", "p2", "p3"], vec!["p4", "p5", "p6", "p7"]]
    );
    assert!(json["participants"][0]["x"].is_number());

    std::fs::write(&votes, "participant,comment,vote\np1,1,1\np1,2,5\n").unwrap();
    let bad = Command::new(BIN)
        .args([
            "insight",
            "opinion",
            "--votes",
            votes.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(text(&bad).1.contains("line 3"), "{}", text(&bad).1);
}

/// A tenant "bucha" is created, then an update that renames it and sets
/// `option` to `value` is refused with `message` and changes nothing.
fn refused_update_changes_nothing(data: &Path, option: &str, value: &str, message: &str) {
    assert!(
        civicspace(data, &["tenant", "create", "--slug", "bucha", "--name", "Буча"])
            .status
            .success()
    );
    let refused = civicspace(
        data,
        &[
            "tenant",
            "update",
            "--slug",
            "bucha",
            "--name",
            "Нова назва",
            option,
            value,
        ],
    );
    assert!(!refused.status.success());
    assert!(text(&refused).1.contains(message), "{}", text(&refused).1);
    assert_eq!(
        text(&civicspace(data, &["tenant", "list"])).0.trim(),
        "bucha\tБуча\tuk",
        "nothing changed"
    );
}

#[test]
fn tenant_update_checks_contrast_and_changes_nothing_when_refused() {
    let data = tempfile::tempdir().unwrap();
    refused_update_changes_nothing(data.path(), "--accent", "#ffcc00", "4.5:1");

    let svg = data.path().join("logo.svg");
    std::fs::write(&svg, "<svg onload='alert(1)'/>").unwrap();
    let bad_logo = civicspace(
        data.path(),
        &["tenant", "update", "--slug", "bucha", "--logo", svg.to_str().unwrap()],
    );
    assert!(text(&bad_logo).1.contains("PNG, JPEG or WebP"), "{}", text(&bad_logo).1);

    let ok = civicspace(
        data.path(),
        &[
            "tenant",
            "update",
            "--slug",
            "bucha",
            "--name",
            "Буча",
            "--accent",
            "#0b5cad",
            "--host",
            "participate.bucha.ua",
        ],
    );
    assert!(ok.status.success(), "{:?}", text(&ok));
    assert!(text(&ok).0.contains("accent #0b5cad"));
    let cleared = civicspace(data.path(), &["tenant", "update", "--slug", "bucha", "--host", ""]);
    assert!(text(&cleared).0.contains("host none"), "{}", text(&cleared).0);
    let unknown = civicspace(data.path(), &["tenant", "update", "--slug", "kyiv", "--name", "Київ"]);
    assert!(text(&unknown).1.contains("no tenant with slug 'kyiv'"));
}

#[test]
fn tenant_update_sets_a_checked_time_zone() {
    let data = tempfile::tempdir().unwrap();
    // A name that is not a zone is refused with the same message as the
    // admin settings page, and nothing of the update is stored.
    refused_update_changes_nothing(
        data.path(),
        "--time-zone",
        "Europe/Kyyiv",
        "'Europe/Kyyiv' is not a time zone name",
    );
    let unchanged = civicspace(data.path(), &["tenant", "update", "--slug", "bucha", "--name", "Буча"]);
    assert!(
        text(&unchanged).0.contains("time zone Europe/Kyiv,"),
        "{}",
        text(&unchanged).0
    );

    let set = civicspace(
        data.path(),
        &["tenant", "update", "--slug", "bucha", "--time-zone", " Europe/Warsaw "],
    );
    assert!(set.status.success(), "{:?}", text(&set));
    assert!(text(&set).0.contains("time zone Europe/Warsaw,"), "{}", text(&set).0);
    // Kept when the next update does not name a zone.
    let kept = civicspace(data.path(), &["tenant", "update", "--slug", "bucha", "--locale", "en"]);
    assert!(text(&kept).0.contains("time zone Europe/Warsaw,"), "{}", text(&kept).0);
}

#[test]
fn the_default_command_serves_with_env_settings() {
    let data = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(BIN)
        .env("CIVIC_DATA_DIR", data.path())
        .env("CIVIC_LISTEN", format!("127.0.0.1:{port}"))
        .env("CIVIC_DEMO", "false")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        seen.push(line.clone());
        if line.starts_with("Civic Space is serving") {
            break;
        }
    }
    assert_eq!(
        seen.last().unwrap(),
        &format!("Civic Space is serving http://127.0.0.1:{port}"),
        "{seen:?}"
    );
    assert!(
        !seen.iter().any(|l| l.contains("one-time password")),
        "CIVIC_DEMO=false is honoured: {seen:?}"
    );
    terminate(&mut child);
    let help = text(&Command::new(BIN).arg("--help").output().unwrap()).0;
    for needle in ["CIVIC_LISTEN", "CIVIC_DEMO", "CIVIC_DATA_DIR", "DATABASE_URL"] {
        assert!(help.contains(needle), "top-level --help lacks {needle}");
    }
}

fn row_counts(file: &Path) -> civic_store::restore::RowCounts {
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(civic_store::restore::file_row_counts(file))
        .unwrap()
}

#[test]
fn restore_puts_a_backup_in_a_new_data_directory_with_every_row() {
    let data = tempfile::tempdir().unwrap();
    let (mut child, url, _) = serve(data.path(), &[]);
    let backups = tempfile::tempdir().unwrap();
    let copy = backups.path().join("copy.db");
    let out = civicspace(data.path(), &["backup", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert_eq!(http_get(&format!("{url}/demo/")).0, 200);
    terminate(&mut child);
    let in_backup = row_counts(&copy);
    assert!(in_backup["ideas"] > 0 && in_backup["users"] > 0, "{in_backup:?}");

    let target = tempfile::tempdir().unwrap();
    let new_dir = target.path().join("restored");
    let out = civicspace(
        data.path(),
        &[
            "restore",
            copy.to_str().unwrap(),
            "--data-dir",
            new_dir.to_str().unwrap(),
        ],
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout} {stderr}");
    assert!(stdout.contains("the same as in the backup"), "{stdout}");

    let restored = row_counts(&new_dir.join("civicspace.db"));
    for (table, rows) in &in_backup {
        assert_eq!(restored.get(table), Some(rows), "rows of {table}");
    }
    // The restored directory serves the demo city as it was.
    let (mut child, url, seen) = serve(&new_dir, &[]);
    assert!(
        !seen.iter().any(|l| l.contains("one-time password")),
        "not seeded again: {seen:?}"
    );
    assert_eq!(http_get(&format!("{url}/demo/")).0, 200);
    terminate(&mut child);
}

#[test]
fn restore_refuses_a_live_directory_and_a_file_that_is_no_backup() {
    let data = tempfile::tempdir().unwrap();
    let listed = civicspace(data.path(), &["tenant", "list"]);
    assert!(listed.status.success(), "{:?}", text(&listed));
    let live = data.path().join("civicspace.db");

    let backups = tempfile::tempdir().unwrap();
    let copy = backups.path().join("copy.db");
    assert!(
        civicspace(data.path(), &["backup", copy.to_str().unwrap()])
            .status
            .success()
    );
    // Read after the backup command, which opened the database (and
    // checkpointed its log when it closed).
    let before = std::fs::read(&live).unwrap();
    let out = civicspace(
        data.path(),
        &[
            "restore",
            copy.to_str().unwrap(),
            "--data-dir",
            data.path().to_str().unwrap(),
        ],
    );
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(stderr.contains("already holds a database"), "{stderr}");
    assert!(
        std::fs::read(&live).unwrap() == before,
        "the live database is untouched"
    );

    let junk = backups.path().join("notes.txt");
    std::fs::write(&junk, "not a database at all, just some words").unwrap();
    let fresh = backups.path().join("fresh");
    let out = civicspace(
        data.path(),
        &["restore", junk.to_str().unwrap(), "--data-dir", fresh.to_str().unwrap()],
    );
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(stderr.contains("is not an SQLite database"), "{stderr}");
    assert!(!fresh.join("civicspace.db").exists(), "nothing written");

    let missing = backups.path().join("nowhere.db");
    let out = civicspace(
        data.path(),
        &[
            "restore",
            missing.to_str().unwrap(),
            "--data-dir",
            fresh.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(text(&out).1.contains("does not exist"), "{:?}", text(&out));

    let out = Command::new(BIN)
        .args(["restore", copy.to_str().unwrap(), "--data-dir", fresh.to_str().unwrap()])
        .env("DATABASE_URL", "postgres://postgres@127.0.0.1:1/none")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).1.contains("pg_restore"), "{:?}", text(&out));
    assert!(!fresh.join("civicspace.db").exists(), "nothing written");
}

#[test]
fn scheduled_backups_start_at_once_and_restore() {
    let data = tempfile::tempdir().unwrap();
    let (mut child, url, _) = serve(data.path(), &[("CIVIC_BACKUP_EVERY", "1h"), ("CIVIC_BACKUP_KEEP", "2")]);
    let dir = data.path().join("backups");
    let started = Instant::now();
    let backup = loop {
        let found: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        if let Some(path) = found.iter().find(|p| p.extension().is_some_and(|e| e == "db")) {
            break path.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no scheduled backup in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let name = backup.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("civicspace-") && name.ends_with("Z.db"), "{name}");
    assert_eq!(http_get(&format!("{url}/demo/")).0, 200);
    terminate(&mut child);
    // A restart within the hour takes no second one: the next is due an hour after the first.
    let (mut child, _, _) = serve(data.path(), &[("CIVIC_BACKUP_EVERY", "1h")]);
    std::thread::sleep(Duration::from_secs(1));
    terminate(&mut child);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    let restored = tempfile::tempdir().unwrap();
    let target = restored.path().join("data");
    let out = civicspace(
        data.path(),
        &[
            "restore",
            backup.to_str().unwrap(),
            "--data-dir",
            target.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let listed = text(&civicspace(&target, &["tenant", "list"])).0;
    assert!(listed.starts_with("demo\t"), "{listed}");
}
