//! Vivier's one binary, as a library: every subcommand is a function that tests call.
//!
//! `src/main.rs` only parses the command line ([`Cli`]), sets up tracing and calls [`run`];
//! each subcommand lives in its own module and returns a report that `run` prints:
//!
//! | subcommand | function |
//! |---|---|
//! | `serve` (default) | [`serve::serve`] ([`serve::Server`] to drive it from a test) |
//! | `migrate` | [`database::migrate`] |
//! | `seed-demo` | [`seed::seed_demo`] |
//! | `reindex` | [`reindex::reindex`] |
//! | `import csp`, `import pep` | [`import::import`] |
//! | `admin EMAIL` | [`admin::grant`] |
//! | `bench …` (dispatch, printing) | [`bench::run`] |
//! | `bench http` | [`bench::http::bench_http`] |
//! | `bench search` | [`bench::search::bench_search`] |
//! | `bench import` | [`bench::import::bench_import`] |
//! | `bench applications` | [`bench::applications::bench_applications`] |
//! | `bench plan` | [`bench::plan::bench_plan`] |
//! | `plan pairs`, `plan job-dating`, `plan check-programme`, `plan schema` | [`plan::run`] |

pub mod admin;
pub mod bench;
pub mod config;
pub mod database;
mod error;
pub mod import;
pub mod plan;
pub mod probe;
pub mod reindex;
pub mod seed;
pub mod serve;

pub use config::{Cli, Command, Config};
pub use error::Error;

/// Runs the subcommand of `cli` (`serve` when there is none) and prints its report on stdout.
pub async fn run(cli: Cli) -> Result<(), Error> {
    let config = cli.config.clone();
    match cli.command() {
        Command::Serve => serve::serve(&config).await,
        Command::Plan(args) => {
            let output = plan::run(&args)?;
            eprint!("{}", output.stderr);
            print!("{}", output.stdout);
            Ok(())
        }
        Command::Migrate => {
            let report = database::migrate(&config.database_url).await?;
            println!("{report}");
            Ok(())
        }
        Command::SeedDemo(args) => {
            let store = database::open_store(&config.database_url).await?;
            store.migrate().await.map_err(Error::Migrate)?;
            let report = seed::seed_demo(store.as_ref(), args.offers, seed::today()).await?;
            println!("{report}");
            Ok(())
        }
        Command::Import(args) => {
            let store = database::open_store(&config.database_url).await?;
            store.migrate().await.map_err(Error::Migrate)?;
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let report = import::import(store.as_ref(), &args, seed::today(), terminal).await?;
            println!("{report}");
            Ok(())
        }
        Command::Admin(args) => {
            let store = database::open_store(&config.database_url).await?;
            store.migrate().await.map_err(Error::Migrate)?;
            println!("{}", admin::grant(store.as_ref(), &args).await?);
            Ok(())
        }
        Command::Reindex => {
            println!("{}", reindex::reindex(&config).await?);
            Ok(())
        }
        Command::Bench(args) => bench::run(args, &config).await,
    }
}
