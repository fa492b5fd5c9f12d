//! Settings after precedence is applied: flag > environment > TOML file >
//! default. clap already gives flags precedence over the environment; this
//! fills what both left unset from the file, then from the defaults.

use crate::cli::{GlobalArgs, LogFormat, ServeArgs};
use civic_store::StoreConfig;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    demo: Option<bool>,
    log_format: Option<LogFormat>,
    db_max_connections: Option<u32>,
    db_nodes: Option<u32>,
    db_statement_timeout_secs: Option<u64>,
    body_limit_bytes: Option<usize>,
    request_timeout_secs: Option<u64>,
    public_url: Option<String>,
    trust_proxy: Option<bool>,
    smtp_host: Option<String>,
    smtp_port: Option<u16>,
    smtp_security: Option<String>,
    smtp_user: Option<String>,
    smtp_password: Option<String>,
    mail_from: Option<String>,
    digest_hour: Option<u8>,
    metrics_listen: Option<String>,
    backup_every: Option<String>,
    backup_keep: Option<usize>,
    database_read_url: Option<Vec<String>>,
    database_cluster: Option<Vec<String>>,
    map_tiles: Option<String>,
    map_attribution: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub demo: bool,
    pub log_format: LogFormat,
    pub db_max_connections: u32,
    /// Nodes sharing the PostgreSQL server (the pool takes one share).
    pub db_nodes: u32,
    /// PostgreSQL statement limit; `None`: the server's own.
    pub db_statement_timeout: Option<Duration>,
    pub body_limit_bytes: usize,
    pub request_timeout: Duration,
    pub public_url: String,
    pub trust_proxy: bool,
    /// `None`: mail is written to files in the data directory.
    pub smtp: Option<civic_app::mail::SmtpConfig>,
    pub mail_from: String,
    /// Hour (UTC) from which the daily notification digests go out.
    pub digest_hour: u8,
    /// The listener of `/metrics`, off when `None`.
    pub metrics_listen: Option<SocketAddr>,
    /// Scheduled backups of the SQLite database, off when `None`.
    pub backups: Option<BackupSchedule>,
    /// PostgreSQL streaming replicas for reads that may be a moment old.
    pub database_read_urls: Vec<String>,
    /// Further PostgreSQL clusters that can hold tenants, by name.
    pub database_clusters: Vec<(String, String)>,
    /// The map tiles' URL template and their attribution (issue 20).
    pub map_tiles: String,
    pub map_attribution: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSchedule {
    pub every: Duration,
    pub keep: usize,
}

/// "24h", "90m", "7d", "3600s": a number and one unit. Hand-written: the only
/// duration the settings take, not worth a crate.
pub fn parse_duration(raw: &str) -> Option<Duration> {
    let raw = raw.trim();
    let unit_at = raw.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = raw.split_at(unit_at);
    let n: u64 = number.parse().ok()?;
    let seconds = match unit {
        "s" => n,
        "m" => n.checked_mul(60)?,
        "h" => n.checked_mul(3600)?,
        "d" => n.checked_mul(86_400)?,
        _ => return None,
    };
    (seconds > 0).then(|| Duration::from_secs(seconds))
}

impl Settings {
    pub fn resolve(global: &GlobalArgs, serve: &ServeArgs) -> Result<Settings, String> {
        let file = match &global.config {
            Some(path) => read_file(path)?,
            None => FileSettings::default(),
        };
        let metrics_listen = match (serve.metrics_listen, &file.metrics_listen) {
            (Some(addr), _) => Some(addr),
            (None, Some(raw)) => Some(raw.parse().map_err(|_| {
                format!("metrics_listen = {raw:?} in the config file is not an address like 127.0.0.1:9100")
            })?),
            (None, None) => None,
        };
        let listen = match (serve.listen, &file.listen) {
            (Some(addr), _) => addr,
            (None, Some(raw)) => raw
                .parse()
                .map_err(|_| format!("listen = {raw:?} in the config file is not an address like 127.0.0.1:8080"))?,
            (None, None) => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };
        let body_limit_bytes = serve.body_limit_bytes.or(file.body_limit_bytes).unwrap_or(1024 * 1024);
        if body_limit_bytes < 1024 {
            return Err("body_limit_bytes must be at least 1024".into());
        }
        let timeout = serve.request_timeout_secs.or(file.request_timeout_secs).unwrap_or(30);
        if timeout == 0 {
            return Err("request_timeout_secs must be at least 1".into());
        }
        let database_url = global
            .database_url
            .clone()
            .or(file.database_url)
            .filter(|u| !u.trim().is_empty());
        if let Some(url) = &database_url
            && !(url.starts_with("postgres://") || url.starts_with("postgresql://") || url.starts_with("sqlite:"))
        {
            return Err(format!(
                "DATABASE_URL {} is not supported: use postgres://… or sqlite://…",
                civic_store::redact_url(url)
            ));
        }
        // SQLite's readers are threads on this machine's cores: past a few,
        // more only add scheduling and memory (each keeps a page cache); on
        // 2 cores 8 served the list faster than 16 with 40 MB less RSS.
        let default_connections = match &database_url {
            Some(url) if !url.starts_with("sqlite:") => 16,
            _ => 8,
        };
        let db_max_connections = global
            .db_max_connections
            .or(file.db_max_connections)
            .unwrap_or(default_connections);
        if db_max_connections == 0 {
            return Err("db_max_connections must be at least 1".into());
        }
        let db_nodes = global.db_nodes.or(file.db_nodes).unwrap_or(1);
        if !(1..=1000).contains(&db_nodes) {
            return Err("db_nodes must be between 1 and 1000".into());
        }
        // No statement should outlive the request waiting for it.
        let db_statement_timeout = match global.db_statement_timeout_secs.or(file.db_statement_timeout_secs) {
            Some(0) => None,
            Some(secs) => Some(Duration::from_secs(secs)),
            None => Some(Duration::from_secs(timeout)),
        };
        let public_url = serve
            .public_url
            .clone()
            .or(file.public_url)
            .unwrap_or_else(|| format!("http://{listen}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(format!("public_url {public_url:?} must start with http:// or https://"));
        }
        let smtp = match serve
            .smtp_host
            .clone()
            .or(file.smtp_host)
            .filter(|h| !h.trim().is_empty())
        {
            None => None,
            Some(host) => {
                use civic_app::mail::SmtpSecurity;
                let security = match serve.smtp_security.clone().or(file.smtp_security).as_deref() {
                    None | Some("starttls") => SmtpSecurity::StartTls,
                    Some("tls") => SmtpSecurity::Tls,
                    Some("none") => SmtpSecurity::None,
                    Some(other) => return Err(format!("smtp_security {other:?} must be starttls, tls or none")),
                };
                let default_port = match security {
                    SmtpSecurity::StartTls => 587,
                    SmtpSecurity::Tls => 465,
                    SmtpSecurity::None => 25,
                };
                Some(civic_app::mail::SmtpConfig {
                    host,
                    port: serve.smtp_port.or(file.smtp_port).unwrap_or(default_port),
                    security,
                    username: serve.smtp_user.clone().or(file.smtp_user),
                    password: serve.smtp_password.clone().or(file.smtp_password),
                })
            }
        };
        let mail_from = serve
            .mail_from
            .clone()
            .or(file.mail_from)
            .unwrap_or_else(|| "Civic Space <no-reply@localhost>".to_string());
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(format!(
                "mail_from {mail_from:?} is not a mailbox like 'Civic Space <no-reply@example.org>'"
            ));
        }
        let digest_hour = serve.digest_hour.or(file.digest_hour).unwrap_or(7);
        if digest_hour > 23 {
            return Err(format!("digest_hour {digest_hour} must be an hour from 0 to 23"));
        }
        let backups = match serve.backup_every.clone().or(file.backup_every) {
            None => None,
            Some(raw) => {
                let every = parse_duration(&raw)
                    .filter(|d| *d >= Duration::from_secs(60))
                    .ok_or_else(|| {
                        format!("backup_every {raw:?} must be a duration of a minute or more, like 24h, 6h or 30m")
                    })?;
                let keep = serve.backup_keep.or(file.backup_keep).unwrap_or(14);
                if keep == 0 {
                    return Err("backup_keep must be at least 1".into());
                }
                if database_url.as_deref().is_some_and(|u| !u.starts_with("sqlite:")) {
                    return Err("backup_every backs up the SQLite database; schedule pg_dump for PostgreSQL (docs/operations.md)".into());
                }
                Some(BackupSchedule { every, keep })
            }
        };
        let database_read_urls: Vec<String> = if serve.database_read_url.is_empty() {
            file.database_read_url.unwrap_or_default()
        } else {
            serve.database_read_url.clone()
        }
        .into_iter()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .collect();
        if !database_read_urls.is_empty() {
            if !database_url.as_deref().is_some_and(|u| u.starts_with("postgres")) {
                return Err(
                    "database_read_url needs DATABASE_URL to be PostgreSQL: replicas are PostgreSQL streaming replicas"
                        .into(),
                );
            }
            if let Some(bad) = database_read_urls
                .iter()
                .find(|u| !(u.starts_with("postgres://") || u.starts_with("postgresql://")))
            {
                return Err(format!(
                    "database_read_url {} must start with postgres://",
                    civic_store::redact_url(bad)
                ));
            }
        }
        let database_clusters = parse_clusters(
            if global.database_cluster.is_empty() {
                file.database_cluster.unwrap_or_default()
            } else {
                global.database_cluster.clone()
            },
            database_url.as_deref(),
        )?;
        let map_tiles = serve
            .map_tiles
            .clone()
            .or(file.map_tiles)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| civic_web::state::DEFAULT_MAP_TILES.to_string());
        civic_web::state::map_tile_origin(&map_tiles)?;
        let map_attribution = serve
            .map_attribution
            .clone()
            .or(file.map_attribution)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| civic_web::state::DEFAULT_MAP_ATTRIBUTION.to_string());
        if map_attribution.chars().count() > 300 {
            return Err("map_attribution must be at most 300 characters".into());
        }
        Ok(Settings {
            database_clusters,
            map_tiles,
            map_attribution,
            backups,
            database_read_urls,
            digest_hour,
            metrics_listen,
            public_url,
            trust_proxy: serve.trust_proxy.or(file.trust_proxy).unwrap_or(false),
            smtp,
            mail_from,
            listen,
            data_dir: global
                .data_dir
                .clone()
                .or(file.data_dir)
                .unwrap_or_else(|| PathBuf::from("./data")),
            // A newcomer's embedded database gets the demo; a production
            // PostgreSQL only when asked for.
            demo: serve.demo.or(file.demo).unwrap_or(database_url.is_none()),
            database_url,
            log_format: global.log_format.or(file.log_format).unwrap_or(LogFormat::Human),
            db_max_connections,
            db_nodes,
            db_statement_timeout,
            body_limit_bytes,
            request_timeout: Duration::from_secs(timeout),
        })
    }

    pub fn store(&self) -> StoreConfig {
        match &self.database_url {
            Some(url) => StoreConfig {
                read_urls: self.database_read_urls.clone(),
                clusters: self.database_clusters.clone(),
                url: url.clone(),
                max_connections: self.db_max_connections,
                acquire_timeout: Duration::from_secs(5),
                nodes: Some(self.db_nodes),
                statement_timeout: self.db_statement_timeout,
            },
            None => StoreConfig {
                max_connections: self.db_max_connections,
                ..StoreConfig::sqlite_file(&self.data_dir.join("civicspace.db"))
            },
        }
    }
}

/// `NAME=URL` entries: PostgreSQL URLs with distinct plain names, and only
/// beside a PostgreSQL `DATABASE_URL`.
fn parse_clusters(raw: Vec<String>, database_url: Option<&str>) -> Result<Vec<(String, String)>, String> {
    let mut clusters: Vec<(String, String)> = Vec::new();
    for entry in raw.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
        let Some((name, url)) = entry.split_once('=') else {
            return Err(format!(
                "database_cluster {} must be NAME=URL, like b=postgres://host/civic",
                civic_store::redact_url(entry)
            ));
        };
        let (name, url) = (name.trim(), url.trim());
        if !civic_store::clusters::valid_cluster_name(name) || name == civic_store::clusters::MAIN {
            return Err(format!(
                "database_cluster name {name:?} must be 1-40 of a-z, 0-9, '-' and '_', and not \"main\" (DATABASE_URL is main)"
            ));
        }
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(format!(
                "database_cluster {name}: {} must start with postgres://",
                civic_store::redact_url(url)
            ));
        }
        if clusters.iter().any(|(n, _)| n == name) {
            return Err(format!("database_cluster {name} is named twice"));
        }
        clusters.push((name.to_string(), url.to_string()));
    }
    if !clusters.is_empty() && !database_url.is_some_and(|u| u.starts_with("postgres")) {
        return Err("database_cluster needs DATABASE_URL to be PostgreSQL: it is the main cluster, which keeps the directory of tenants".into());
    }
    Ok(clusters)
}

fn read_file(path: &Path) -> Result<FileSettings, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read config file {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("config file {}: {}", path.display(), e.message()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), text).unwrap();
        f
    }

    #[test]
    fn defaults() {
        let s = Settings::resolve(&GlobalArgs::default(), &ServeArgs::default()).unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(s.data_dir, PathBuf::from("./data"));
        assert!(s.demo && s.database_url.is_none());
        assert!(s.store().url.starts_with("sqlite://./data/civicspace.db"));
        assert_eq!(s.map_tiles, "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
        assert_eq!(s.map_attribution, "© OpenStreetMap contributors");
    }

    #[test]
    fn postgresql_pools_know_their_nodes_and_statement_limit() {
        let pg = |text: &str| {
            let f = file(&format!("database_url = \"postgres://db/civic\"\n{text}"));
            let global = GlobalArgs {
                config: Some(f.path().to_path_buf()),
                ..GlobalArgs::default()
            };
            Settings::resolve(&global, &ServeArgs::default()).unwrap().store()
        };
        // By default one node, and no statement outlives its request.
        let stock = pg("request_timeout_secs = 20");
        assert_eq!(stock.nodes, Some(1));
        assert_eq!(stock.statement_timeout, Some(Duration::from_secs(20)));
        let three = pg("db_nodes = 3\ndb_statement_timeout_secs = 5");
        assert_eq!(three.nodes, Some(3));
        assert_eq!(three.statement_timeout, Some(Duration::from_secs(5)));
        assert_eq!(
            pg("db_statement_timeout_secs = 0").statement_timeout,
            None,
            "0 is no limit"
        );
        // SQLite has neither.
        let sqlite = Settings::resolve(&GlobalArgs::default(), &ServeArgs::default())
            .unwrap()
            .store();
        assert_eq!((sqlite.nodes, sqlite.statement_timeout), (None, None));
    }

    #[test]
    fn map_tiles_from_the_file_and_flags() {
        let f = file("map_tiles = \"https://{s}.tiles.example/{z}/{x}/{y}.png\"\nmap_attribution = \"© Example\"\n");
        let global = GlobalArgs {
            config: Some(f.path().to_path_buf()),
            ..Default::default()
        };
        let s = Settings::resolve(&global, &ServeArgs::default()).unwrap();
        assert_eq!(s.map_tiles, "https://{s}.tiles.example/{z}/{x}/{y}.png");
        assert_eq!(s.map_attribution, "© Example");
        let serve = ServeArgs {
            map_tiles: Some("/tiles/{z}/{x}/{y}.png".into()),
            ..Default::default()
        };
        assert_eq!(
            Settings::resolve(&global, &serve).unwrap().map_tiles,
            "/tiles/{z}/{x}/{y}.png"
        );
    }

    #[test]
    fn the_demo_is_off_on_postgresql_unless_asked_for() {
        let global = GlobalArgs {
            database_url: Some("postgres://civic@db/civic".into()),
            ..GlobalArgs::default()
        };
        assert!(!Settings::resolve(&global, &ServeArgs::default()).unwrap().demo);
        let asked = ServeArgs {
            demo: Some(true),
            ..ServeArgs::default()
        };
        assert!(Settings::resolve(&global, &asked).unwrap().demo);
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let f = file("listen = \"0.0.0.0:9000\"\ndemo = false\ndata_dir = \"/srv/civic\"\n");
        let global = GlobalArgs {
            config: Some(f.path().to_path_buf()),
            ..Default::default()
        };
        let serve = ServeArgs {
            listen: Some("127.0.0.1:7000".parse().unwrap()),
            ..Default::default()
        };
        let s = Settings::resolve(&global, &serve).unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:7000");
        assert!(!s.demo);
        assert_eq!(s.data_dir, PathBuf::from("/srv/civic"));
    }

    #[test]
    fn bad_settings_are_clear_errors() {
        let cases = [
            ("listen = \"nowhere\"", "not an address"),
            ("demo = \"yes please\"", "config file"),
            ("colour = \"red\"", "unknown field"),
            ("database_url = \"mysql://root:pw@db/x\"", "not supported"),
            ("request_timeout_secs = 0", "at least 1"),
            ("db_nodes = 0", "between 1 and 1000"),
            ("digest_hour = 24", "from 0 to 23"),
            (
                "map_tiles = \"https://tiles.example/{z}/{x}.png\"",
                "must contain {z}, {x} and {y}",
            ),
            (
                "map_tiles = \"ftp://tiles.example/{z}/{x}/{y}.png\"",
                "must start with https://",
            ),
            (
                "map_tiles = \"https://a.example;script-src *;/{z}/{x}/{y}.png\"",
                "must be a host name",
            ),
            ("backup_every = \"daily\"", "a duration of a minute or more"),
            ("backup_every = \"30s\"", "a duration of a minute or more"),
            ("backup_every = \"24h\"\nbackup_keep = 0", "at least 1"),
            (
                "backup_every = \"24h\"\ndatabase_url = \"postgres://u:pw@db/x\"",
                "schedule pg_dump",
            ),
            (
                "database_read_url = [\"postgres://u:pw@replica/x\"]",
                "needs DATABASE_URL to be PostgreSQL",
            ),
            (
                "database_url = \"postgres://u:pw@db/x\"\ndatabase_read_url = [\"mysql://u:pw@replica/x\"]",
                "must start with postgres://",
            ),
        ];
        for (text, expected) in cases {
            let f = file(text);
            let global = GlobalArgs {
                config: Some(f.path().to_path_buf()),
                ..Default::default()
            };
            let err = Settings::resolve(&global, &ServeArgs::default()).unwrap_err();
            assert!(err.contains(expected), "{text}: {err}");
            assert!(!err.contains("pw@"), "password leaked: {err}");
        }
        let missing = GlobalArgs {
            config: Some("/nonexistent/civic.toml".into()),
            ..Default::default()
        };
        assert!(
            Settings::resolve(&missing, &ServeArgs::default())
                .unwrap_err()
                .contains("cannot read")
        );
    }

    #[test]
    fn schedules_and_replicas_from_flags_and_file() {
        assert_eq!(parse_duration("24h"), Some(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("90m"), Some(Duration::from_secs(5_400)));
        assert_eq!(parse_duration("7d"), Some(Duration::from_secs(604_800)));
        for bad in ["", "h", "24", "0h", "-1h", "1.5h", "24 hours", "99999999999999999999d"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        let f = file("backup_every = \"6h\"\ndatabase_url = \"postgres://db/x\"\n");
        let global = GlobalArgs {
            config: Some(f.path().to_path_buf()),
            ..Default::default()
        };
        assert!(
            Settings::resolve(&global, &ServeArgs::default()).is_err(),
            "no SQLite backups on PostgreSQL"
        );
        let sqlite = Settings::resolve(
            &GlobalArgs::default(),
            &ServeArgs {
                backup_every: Some("6h".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            sqlite.backups,
            Some(BackupSchedule {
                every: Duration::from_secs(21_600),
                keep: 14
            })
        );
        let pg = GlobalArgs {
            database_url: Some("postgres://db/x".into()),
            ..Default::default()
        };
        let serve = ServeArgs {
            database_read_url: vec!["postgres://r1/x".into(), " ".into(), "postgres://r2/x".into()],
            ..Default::default()
        };
        let s = Settings::resolve(&pg, &serve).unwrap();
        assert_eq!(s.database_read_urls, ["postgres://r1/x", "postgres://r2/x"]);
        assert_eq!(s.store().read_urls, s.database_read_urls);
    }
}
