//! `civicspace`: the one binary of the platform.

mod backups;
mod cli;
mod commands;
mod config;
mod serve;

use clap::Parser;
use cli::{Cli, Command, LogFormat, ServeArgs};
use config::Settings;
use std::process::ExitCode;

// mimalloc rather than glibc's malloc: a page allocates many small strings,
// and the list page served 30 % more with it (docs/performance.md, "The list
// page, second pass"). Its per-thread heaps cost memory for each database
// thread, which is why SQLite defaults to 8 readers.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Counting a file needs no settings, database or runtime.
    if let Some(Command::Pb(command)) = cli.command {
        return commands::pb(command);
    }
    // No subcommand means `serve`, with the serve settings given at the top.
    let serve_args = match &cli.command {
        Some(Command::Serve(args)) => args.clone(),
        None => cli.serve.clone(),
        Some(_) => ServeArgs::default(),
    };
    let settings = match Settings::resolve(&cli.global, &serve_args) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    init_logging(settings.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command.unwrap_or(Command::Serve(serve_args)) {
            Command::Serve(_) => serve::run(&settings).await,
            other => commands::run(other, &settings).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_env("CIVIC_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Human => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}
