//! Subcommands other than `serve`. Each reaches the database through the same
//! settings as the server, and answers bad input with one clear line and a
//! non-zero exit.

use crate::cli::{BenchTenantArgs, Command, InsightCommand, PbCommand, TenantCommand, UserCommand};
use crate::config::Settings;
use civic_app::AppError;
use civic_app::Platform;
use civic_app::{tenants, users};
use civic_seed::demo;
use civic_store::Db;
use tokio::io::AsyncReadExt;

/// `civicspace pb …`: pure computation on a file, so it runs before settings,
/// logging or a runtime exist and cannot touch a database. The JSON goes to
/// stdout; a problem goes to stderr with exit code 2 (bad input) or 1.
pub fn pb(command: PbCommand) -> std::process::ExitCode {
    match command {
        PbCommand::Results { pabulib, rule } => match civic_insight::pb::run_pb_results(&pabulib, rule.as_deref()) {
            Ok(json) => {
                println!("{json}");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                std::process::ExitCode::from(e.exit_code())
            }
        },
    }
}

/// Opens and migrates the database, or explains why it cannot.
pub async fn open(settings: &Settings) -> Result<Platform, String> {
    let config = settings.store();
    let db = Db::connect(&config).await.map_err(|e| {
        format!(
            "cannot reach the database at {}: {}",
            civic_store::redact_url(&config.url),
            root_cause(&e)
        )
    })?;
    db.migrate().await.map_err(|e| {
        format!(
            "cannot migrate the database at {}: {}",
            db.redacted_url(),
            root_cause(&e)
        )
    })?;
    Ok(Platform::new(db))
}

fn root_cause(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message = s.to_string();
        source = s.source();
    }
    message
}

pub fn describe(e: AppError) -> String {
    match e {
        AppError::Invalid(problems) => problems
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        AppError::Conflict { message, .. } | AppError::Forbidden { message, .. } => message,
        AppError::NotFound => "not found".into(),
        AppError::SignInNeeded => "sign in first".into(),
        AppError::BadRequest(m) => m,
        AppError::TooManyRequests { retry_after_secs } => {
            format!("too many attempts; try again in {retry_after_secs} s")
        }
        AppError::Unavailable(e) => format!("the database is unavailable: {}", root_cause(&e)),
        AppError::Internal(e) => format!("internal error: {}", root_cause(e.as_ref())),
    }
}

/// Runs a command; one about a tenant runs on the cluster holding its rows.
pub async fn run(command: Command, settings: &Settings) -> Result<(), String> {
    let slug = match &command {
        Command::Tenant(TenantCommand::Update { slug, .. }) => Some(slug.clone()),
        Command::User(UserCommand::Create { tenant, .. }) => Some(tenant.clone()),
        _ => None,
    };
    if let Some(slug) = slug
        && !settings.database_clusters.is_empty()
    {
        let db = open(settings).await?;
        if let Some(tenant) = civic_store::tenants::by_slug(&db, &slug)
            .await
            .map_err(|e| format!("reading the directory: {e}"))?
        {
            let cluster = db
                .cluster_of(tenant.id.0)
                .await
                .map_err(|e| format!("reading the directory: {e}"))?;
            return db.on_cluster(cluster, run_command(command, settings)).await;
        }
    }
    run_command(command, settings).await
}

async fn run_command(command: Command, settings: &Settings) -> Result<(), String> {
    match command {
        Command::Serve(_) => unreachable!("serve is dispatched in main"),
        Command::Migrate => {
            let db = open(settings).await?;
            println!("database at {} is migrated", db.redacted_url());
            Ok(())
        }
        Command::Tenant(TenantCommand::Create {
            slug,
            name,
            locale,
            host,
        }) => {
            let db = open(settings).await?;
            let tenant = tenants::create(
                &db,
                &tenants::CreateTenant {
                    slug: &slug,
                    name: &name,
                    locale: locale.as_deref(),
                    host: host.as_deref(),
                },
            )
            .await
            .map_err(describe)?;
            println!(
                "created tenant {} ({}), served at /{}/",
                tenant.slug, tenant.name, tenant.slug
            );
            Ok(())
        }
        Command::Tenant(TenantCommand::Update {
            slug,
            name,
            locale,
            host,
            accent,
            logo,
            time_zone,
        }) => {
            let logo = match logo {
                None => None,
                Some(path) if path.as_os_str().is_empty() => Some(Vec::new()),
                Some(path) => {
                    Some(std::fs::read(&path).map_err(|e| format!("cannot read the logo {}: {e}", path.display()))?)
                }
            };
            let db = open(settings).await?;
            let tenant = tenants::update(
                &db,
                &slug,
                tenants::UpdateTenant {
                    name: name.as_deref(),
                    locale: locale.as_deref(),
                    host: host.as_deref(),
                    accent: accent.as_deref(),
                    logo,
                    time_zone: time_zone.as_deref(),
                },
            )
            .await
            .map_err(describe)?;
            println!(
                "updated tenant {}: name {}, locale {}, time zone {}, host {}, accent {}, logo {}",
                tenant.slug,
                tenant.name,
                tenant.default_locale,
                tenant.time_zone,
                tenant.host.as_deref().unwrap_or("none"),
                tenant.accent_color.as_deref().unwrap_or("default"),
                if tenant.logo_updated_at.is_some() {
                    "set"
                } else {
                    "none"
                }
            );
            Ok(())
        }
        Command::Tenant(TenantCommand::Move { slug, to }) => {
            let db = open(settings).await?;
            let mut say = |line: &str| eprintln!("{line}");
            let report = civic_store::tenant_move::move_tenant(&settings.store(), &db, &slug, &to, &mut say)
                .await
                .map_err(|e| e.to_string())?;
            for table in &report.tables {
                println!("{}\t{}\t{}", table.table, table.rows, table.checksum);
            }
            println!(
                "moved tenant {} from {} to {}: {} rows in {} tables, changes paused {:.1} s",
                report.tenant,
                report.from,
                report.to,
                report.tables.iter().map(|t| t.rows).sum::<i64>(),
                report.tables.len(),
                report.paused.as_secs_f64()
            );
            Ok(())
        }
        Command::Tenant(TenantCommand::List) => {
            let db = open(settings).await?;
            for t in tenants::list(&db).await.map_err(describe)? {
                println!(
                    "{}\t{}\t{}\t{}",
                    t.slug,
                    t.name,
                    t.default_locale,
                    t.host.unwrap_or_default()
                );
            }
            Ok(())
        }
        Command::User(UserCommand::Create {
            tenant,
            email,
            role,
            display_name,
            ..
        }) => {
            let password = read_password().await?;
            let db = open(settings).await?;
            let user = users::create(
                &db,
                &users::CreateUser {
                    tenant_slug: &tenant,
                    email: &email,
                    display_name: display_name.as_deref(),
                    role: &role,
                    password: &password,
                },
            )
            .await
            .map_err(describe)?;
            println!("created {} {} in tenant {tenant}", user.role, user.email);
            Ok(())
        }
        Command::User(UserCommand::CreateOperator { email, .. }) => {
            let password = read_password().await?;
            let db = open(settings).await?;
            users::create_operator(&db, &email, &password).await.map_err(describe)?;
            println!("created operator {}", email.trim().to_lowercase());
            Ok(())
        }
        Command::Demo => {
            let db = open(settings).await?;
            match demo::seed_once(&db).await.map_err(describe)? {
                Some(credentials) => println!(
                    "seeded the demo municipality at /{}/; administrator {} with one-time password {}",
                    demo::DEMO_SLUG,
                    credentials.email,
                    credentials.password
                ),
                None => println!("the demo municipality was seeded before; nothing to do"),
            }
            Ok(())
        }
        // Pure computation on a file: needs no database.
        Command::Insight(InsightCommand::Opinion { votes, out, seed }) => {
            let summary = tokio::task::spawn_blocking(move || civic_insight::run_opinion_cli(&votes, &out, seed))
                .await
                .map_err(|e| format!("the analysis stopped: {e}"))?
                .map_err(|e| e.to_string())?;
            println!(
                "{} participants ({} grouped), {} statements, {} votes: {} groups of sizes {:?}; {} consensus agree, {} consensus disagree",
                summary.participants,
                summary.grouped,
                summary.statements,
                summary.votes,
                summary.groups,
                summary.group_sizes,
                summary.consensus_agree,
                summary.consensus_disagree
            );
            Ok(())
        }
        Command::Pb(_) => unreachable!("pb is dispatched in main, before any settings"),
        Command::BenchTenant(args) => bench_tenant(settings, args).await,
        Command::Restore { backup } => restore(settings, &backup).await,
        Command::Backup { file } => {
            let db = open(settings).await?;
            if db.sqlite_path().is_none() {
                return Err(
                    "backup copies the SQLite database; back up PostgreSQL with pg_dump (see the README)".into(),
                );
            }
            let bytes = db
                .backup_sqlite(&file)
                .await
                .map_err(|e| format!("backup to {} failed: {}", file.display(), root_cause(&e)))?;
            println!(
                "wrote a consistent copy of the database to {} ({bytes} bytes)",
                file.display()
            );
            Ok(())
        }
    }
}

/// Never opens the data directory's database first: opening would create it.
async fn restore(settings: &Settings, backup: &std::path::Path) -> Result<(), String> {
    if settings
        .database_url
        .as_deref()
        .is_some_and(|url| !url.starts_with("sqlite:"))
    {
        return Err("restore puts an SQLite backup in a data directory; restore PostgreSQL with pg_restore (docs/operations.md)".into());
    }
    let restored = civic_store::restore::restore_sqlite(backup, &settings.data_dir)
        .await
        .map_err(|e| format!("restore refused: {e}"))?;
    let rows: i64 = restored.rows.values().sum();
    println!(
        "restored {} into {}: {} tables, {rows} rows, the same as in the backup; {} newer migrations applied",
        backup.display(),
        restored.database.display(),
        restored.rows.len(),
        restored.migrations_applied
    );
    Ok(())
}

async fn bench_tenant(settings: &Settings, args: BenchTenantArgs) -> Result<(), String> {
    use civic_seed::bench_tenant::{Shape, generate};
    let shape = Shape {
        ideas: args.ideas,
        comments: args.comments,
        thread: args.thread,
        supports: args.supports,
        citizens: args.citizens,
        responses: args.responses,
        bench_users: args.bench_users,
        threshold: args.threshold,
    };
    let db = open(settings).await?;
    let start = std::time::Instant::now();
    let progress = |phase: &str| eprintln!("{:>7.1} s  {phase}", start.elapsed().as_secs_f64());
    let made = generate(&db, &args.slug, &shape, &progress).await.map_err(describe)?;
    let write = |name: &str, text: String| {
        let path = args.out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    write("env", made.env())?;
    write("sessions.txt", made.sessions.join("\n") + "\n")?;
    write("tokens.txt", made.tokens.join("\n") + "\n")?;
    write("answer.json", made.answer_body.clone())?;
    db.close().await;
    println!(
        "tenant {} {} in {:.1} s; credentials for {} accounts in {}",
        made.slug,
        if made.generated {
            "generated"
        } else {
            "exists: issued new credentials"
        },
        start.elapsed().as_secs_f64(),
        made.tokens.len(),
        args.out.display()
    );
    Ok(())
}

/// The password from standard input: the first line, without its newline.
async fn read_password() -> Result<String, String> {
    let mut input = String::new();
    tokio::io::stdin()
        .take(4096)
        .read_to_string(&mut input)
        .await
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = input.lines().next().unwrap_or_default().to_string();
    if password.is_empty() {
        return Err(
            "no password on standard input (pipe it in: echo '…' | civicspace user create … --password-stdin)".into(),
        );
    }
    Ok(password)
}
