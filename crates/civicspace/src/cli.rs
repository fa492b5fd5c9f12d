//! The command line. Every setting is a flag, a `CIVIC_*` environment
//! variable (or `DATABASE_URL`) and a key of the optional TOML file, in that
//! order of precedence; defaults are stated in `--help`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "civicspace",
    version,
    about = "Civic Space: an online participation platform for municipalities.",
    long_about = "Civic Space: an online participation platform for municipalities.\n\n\
        With no arguments it serves http://127.0.0.1:8080 from an SQLite database in ./data, \
        migrated on start and seeded once with a demo municipality.\n\n\
        Settings come from flags, then CIVIC_* environment variables (and DATABASE_URL), then the \
        TOML file given by --config; each flag below names its variable.",
    after_help = "TOML keys (all optional): listen, data_dir, database_url, demo, log_format, \
        db_max_connections, db_nodes, db_statement_timeout_secs, body_limit_bytes, request_timeout_secs, public_url, trust_proxy, smtp_host, smtp_port, \
        smtp_security, smtp_user, smtp_password, mail_from, digest_hour, metrics_listen, backup_every, \
        backup_keep, database_read_url (a list), database_cluster (a list of NAME=URL), map_tiles, map_attribution."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Settings of the default command, `serve` (so `civicspace --listen …`
    /// and `CIVIC_LISTEN=… civicspace` work without naming it).
    #[command(flatten)]
    pub serve: ServeArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args, Debug, Clone, Default)]
pub struct GlobalArgs {
    /// Optional TOML file with settings (lowest precedence).
    #[arg(long, env = "CIVIC_CONFIG", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Directory of the SQLite database, mail files and other data [default: ./data].
    #[arg(long, env = "CIVIC_DATA_DIR", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// PostgreSQL (or SQLite) URL; when set it replaces the SQLite file in the data dir.
    #[arg(
        long,
        env = "DATABASE_URL",
        global = true,
        value_name = "URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// Largest number of database connections per process [default: 16].
    #[arg(long, env = "CIVIC_DB_MAX_CONNECTIONS", global = true, value_name = "N")]
    pub db_max_connections: Option<u32>,
    /// PostgreSQL: how many nodes share the database server. Each node's pool
    /// is cut to its share of the server's max_connections [default: 1].
    #[arg(long, env = "CIVIC_DB_NODES", global = true, value_name = "N")]
    pub db_nodes: Option<u32>,
    /// PostgreSQL: the longest a statement may run, in seconds, before the
    /// server cancels it (0: no limit) [default: the request timeout, 30].
    #[arg(long, env = "CIVIC_DB_STATEMENT_TIMEOUT_SECS", global = true, value_name = "SECS")]
    pub db_statement_timeout_secs: Option<u64>,
    /// Log format [default: human].
    #[arg(long, env = "CIVIC_LOG_FORMAT", global = true, value_enum)]
    pub log_format: Option<LogFormat>,
    /// A further PostgreSQL cluster that can hold tenants, as NAME=URL
    /// (DATABASE_URL is the cluster "main", which keeps the directory);
    /// repeat for several, or separate with commas in the variable. `tenant
    /// move` places a tenant on one [default: none].
    #[arg(
        long,
        env = "CIVIC_DATABASE_CLUSTER",
        global = true,
        value_name = "NAME=URL",
        value_delimiter = ',',
        hide_env_values = true
    )]
    pub database_cluster: Vec<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Human,
    Json,
}

// Parsed once at start: the size of the `serve` variant (every setting of
// the server) costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the platform (the default command).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Manage municipalities (tenants).
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Seed the demo municipality (slug "demo") now, if it was never seeded.
    Demo,
    /// Analyses outside a deployment.
    #[command(subcommand)]
    Insight(InsightCommand),
    /// Participatory budgeting outside a deployment (needs no database).
    #[command(subcommand)]
    Pb(PbCommand),
    /// Generate a large municipality for the load benchmarks (bench/), or, when
    /// it exists, issue fresh sessions and access tokens for its benchmark accounts.
    BenchTenant(BenchTenantArgs),
    /// Write a consistent copy of the SQLite database to FILE while the server runs.
    Backup {
        /// Where to write the copy (replaced if it exists).
        file: PathBuf,
    },
    /// Restore a backup made by `backup` into a new data directory (--data-dir):
    /// checks the copy, applies newer migrations and compares the rows of every
    /// table; refuses a data directory that already holds a database.
    Restore {
        /// The backup file.
        backup: PathBuf,
    },
}

/// The shape of the benchmark tenant; the defaults are issue 5's.
#[derive(Args, Debug, Clone)]
pub struct BenchTenantArgs {
    /// Slug of the generated tenant.
    #[arg(long, default_value = "bench")]
    pub slug: String,
    /// Directory for env (ids, cursor), sessions.txt, tokens.txt and answer.json.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long, default_value_t = 10_000)]
    pub ideas: usize,
    #[arg(long, default_value_t = 100_000)]
    pub comments: usize,
    /// Comments on the idea with the longest thread.
    #[arg(long, default_value_t = 500)]
    pub thread: usize,
    #[arg(long, default_value_t = 1_000_000)]
    pub supports: usize,
    #[arg(long, default_value_t = 100_000)]
    pub citizens: usize,
    /// Responses to the 20-question survey.
    #[arg(long, default_value_t = 100_000)]
    pub responses: usize,
    /// Accounts with a session and an access token for the load scripts.
    #[arg(long, default_value_t = 20_000)]
    pub bench_users: usize,
    /// Supports at which a published idea goes to review.
    #[arg(long, default_value_t = 400)]
    pub threshold: i64,
}

#[derive(Args, Debug, Clone, Default)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "CIVIC_LISTEN", value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// Seed the demo municipality on first start [default: true on the
    /// embedded SQLite, false with DATABASE_URL].
    #[arg(long, env = "CIVIC_DEMO", value_name = "BOOL", action = clap::ArgAction::Set)]
    pub demo: Option<bool>,
    /// Largest request body in bytes [default: 1048576].
    #[arg(long, env = "CIVIC_BODY_LIMIT_BYTES", value_name = "BYTES")]
    pub body_limit_bytes: Option<usize>,
    /// Seconds a request may take before it is answered 503 [default: 30].
    #[arg(long, env = "CIVIC_REQUEST_TIMEOUT_SECS", value_name = "SECS")]
    pub request_timeout_secs: Option<u64>,
    /// Public address of the platform, used in links sent by e-mail [default: http://LISTEN].
    #[arg(long, env = "CIVIC_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Trust the last X-Forwarded-For entry as the client address (only behind a reverse proxy) [default: false].
    #[arg(long, env = "CIVIC_TRUST_PROXY", value_name = "BOOL", action = clap::ArgAction::Set)]
    pub trust_proxy: Option<bool>,
    /// SMTP server for outgoing mail; without it mail is written to DATA_DIR/mail/ as .eml files.
    #[arg(long, env = "CIVIC_SMTP_HOST", value_name = "HOST")]
    pub smtp_host: Option<String>,
    /// SMTP port [default: 587, or 465 with --smtp-security tls, 25 with none].
    #[arg(long, env = "CIVIC_SMTP_PORT", value_name = "PORT")]
    pub smtp_port: Option<u16>,
    /// SMTP connection security: starttls, tls or none [default: starttls].
    #[arg(long, env = "CIVIC_SMTP_SECURITY", value_name = "MODE")]
    pub smtp_security: Option<String>,
    /// SMTP user name.
    #[arg(long, env = "CIVIC_SMTP_USER", value_name = "USER")]
    pub smtp_user: Option<String>,
    /// SMTP password (prefer the environment variable to the flag).
    #[arg(long, env = "CIVIC_SMTP_PASSWORD", value_name = "PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// Sender of outgoing mail [default: Civic Space <no-reply@localhost>].
    #[arg(long, env = "CIVIC_MAIL_FROM", value_name = "MAILBOX")]
    pub mail_from: Option<String>,
    /// Hour of the day (0–23, UTC) from which each municipality's daily
    /// notification digest is sent [default: 7].
    #[arg(long, env = "CIVIC_DIGEST_HOUR", value_name = "HOUR")]
    pub digest_hour: Option<u8>,
    /// Address of a second listener that serves only /metrics (Prometheus),
    /// for the monitoring network; without it there are no metrics [default: off].
    #[arg(long, env = "CIVIC_METRICS_LISTEN", value_name = "ADDR")]
    pub metrics_listen: Option<SocketAddr>,
    /// Back up the SQLite database on this schedule into DATA_DIR/backups,
    /// e.g. 24h, 6h or 30m (s, m, h, d) [default: off].
    #[arg(long, env = "CIVIC_BACKUP_EVERY", value_name = "DURATION")]
    pub backup_every: Option<String>,
    /// Scheduled backups kept, the newest; older ones are deleted [default: 14].
    #[arg(long, env = "CIVIC_BACKUP_KEEP", value_name = "N")]
    pub backup_keep: Option<usize>,
    /// Map tiles: a URL template with {z}, {x} and {y} (and optionally {s}),
    /// absolute or a path on this site; its host is allowed in the CSP for
    /// images only [default: https://tile.openstreetmap.org/{z}/{x}/{y}.png].
    #[arg(long, env = "CIVIC_MAP_TILES", value_name = "URL")]
    pub map_tiles: Option<String>,
    /// Attribution of the map tiles, plain text shown on every map
    /// [default: © OpenStreetMap contributors].
    #[arg(long, env = "CIVIC_MAP_ATTRIBUTION", value_name = "TEXT")]
    pub map_attribution: Option<String>,
    /// A PostgreSQL streaming replica for reads that may be a moment old (pages
    /// of visitors who are not signed in); repeat for several, or separate
    /// with commas in the variable. A replica that falls behind or goes away
    /// is skipped until it catches up [default: none].
    #[arg(
        long,
        env = "CIVIC_DATABASE_READ_URL",
        value_name = "URL",
        value_delimiter = ',',
        hide_env_values = true
    )]
    pub database_read_url: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum TenantCommand {
    /// Create a municipality, served at /{slug}/ (and at --host, if given).
    Create {
        /// URL name: 2–40 of a-z, 0-9 and '-', starting with a letter.
        #[arg(long)]
        slug: String,
        /// Display name, e.g. "Буча".
        #[arg(long)]
        name: String,
        /// Default language: uk or en [default: uk].
        #[arg(long)]
        locale: Option<String>,
        /// Own host name, e.g. participate.bucha.ua.
        #[arg(long)]
        host: Option<String>,
    },
    /// Change a municipality's settings; anything not given stays as it is.
    Update {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: Option<String>,
        /// Default language: uk or en.
        #[arg(long)]
        locale: Option<String>,
        /// Own host name; an empty value removes it.
        #[arg(long)]
        host: Option<String>,
        /// Accent colour like #0b5cad, refused below WCAG AA contrast; empty removes it.
        #[arg(long)]
        accent: Option<String>,
        /// Logo image (PNG, JPEG or WebP, at most 200 KB); an empty value removes it.
        #[arg(long, value_name = "FILE")]
        logo: Option<PathBuf>,
        /// Time zone the municipality's dates are shown in: an IANA name
        /// such as Europe/Kyiv (checked as the admin settings page does).
        #[arg(long, value_name = "ZONE")]
        time_zone: Option<String>,
    },
    /// List municipalities.
    List,
    /// Move a municipality's rows to another PostgreSQL cluster (named with
    /// --database-cluster; "main" is DATABASE_URL's). Its changes pause for
    /// about 12 s plus the copy; counts and checksums of every table are
    /// compared before the directory switches, and the old rows are deleted
    /// after it.
    Move {
        #[arg(long)]
        slug: String,
        /// The cluster's name.
        #[arg(long, value_name = "CLUSTER")]
        to: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a confirmed account in a tenant; the password is read from standard input.
    Create {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        email: String,
        /// citizen, moderator, official or admin.
        #[arg(long)]
        role: String,
        /// Name shown on contributions [default: the part of the e-mail before @].
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from standard input (required: never from a flag).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Create a platform operator (manages tenants); the password is read from standard input.
    CreateOperator {
        #[arg(long)]
        email: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum InsightCommand {
    /// Opinion groups, consensus and divisive statements from a votes CSV
    /// (columns participant,comment,vote; vote 1 agree, -1 disagree, 0 pass).
    Opinion {
        /// The votes CSV.
        #[arg(long, value_name = "FILE")]
        votes: PathBuf,
        /// Where to write the result JSON (docs/insight/opinion-groups.md).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Seed of the deterministic clustering [default: 0].
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
}

#[derive(Subcommand, Debug)]
pub enum PbCommand {
    /// Count the ballots of a Pabulib file and print the outcome as one JSON
    /// object (docs/pb/counting.md). A malformed file exits with 2 and names
    /// the line.
    Results {
        /// The Pabulib (.pb) file.
        #[arg(long, value_name = "FILE")]
        pabulib: PathBuf,
        /// greedy, greedy-no-skip, greedy-threshold, votes-per-cost, equalshares,
        /// equalshares/add1 or greedy-per-category [default: the file's META rule
        /// when it is one of the first five or equalshares/add1, per category when
        /// META has budget_per_category, else greedy].
        #[arg(long, value_name = "RULE")]
        rule: Option<String>,
    },
}
