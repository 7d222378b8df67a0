//! `vivier`: parses the command line, sets up logging, and hands over to the library.

use std::process::ExitCode;

use clap::error::ErrorKind;
use tracing_subscriber::EnvFilter;
use vivier::Cli;

/// jemalloc gives memory freed after the catalog's load and indexing back to the system, where
/// glibc's allocator keeps tens of megabytes of it; its settings are in `.cargo/config.toml`.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match Cli::try_parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            error.exit()
        }
        Err(error) => {
            eprintln!("vivier : {}", vivier::config::usage_error_in_french(&error));
            return ExitCode::from(2);
        }
    };
    // Logs go to stderr: stdout carries what scripts read (the listening address, reports).
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(&cli.config.log))
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
    match vivier::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        // Bad input to a command organisers script: the same code as a usage error.
        Err(error @ vivier::Error::Plan(_)) => {
            eprintln!("vivier : {error}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("vivier : {error}");
            ExitCode::FAILURE
        }
    }
}
