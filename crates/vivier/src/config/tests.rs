//! Unit tests of the configuration: defaults, flags and variables, French errors.

#![allow(clippy::unwrap_used)]

use super::*;

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_args(std::iter::once("vivier").chain(args.iter().copied()))
}

#[test]
fn the_command_line_is_well_formed() {
    Cli::definition().debug_assert();
}

#[test]
fn help_never_shows_the_database_password() {
    // The environment is the process's own; only the rendering matters here.
    let help = Cli::definition().render_long_help().to_string();
    assert!(help.contains("[env: DATABASE_URL]"), "{help}");
    assert!(help.contains("Options globales"), "{help}");
    assert!(help.contains("Utilisation : vivier"), "{help}");
}

#[test]
fn a_bare_vivier_serves() {
    let cli = parse(&[]).unwrap();
    assert!(matches!(cli.command(), Command::Serve));
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let cli = parse(&["serve", "--listen", "127.0.0.1:0"]).unwrap();
    assert_eq!(cli.config.listen, "127.0.0.1:0".parse().unwrap());
    let cli = parse(&["--listen", "[::1]:9000", "migrate"]).unwrap();
    assert_eq!(cli.config.listen, "[::1]:9000".parse().unwrap());
    assert!(matches!(cli.command(), Command::Migrate));
}

#[test]
fn bench_and_seed_options() {
    let cli = parse(&["bench", "http", "--offers", "50", "--json"]).unwrap();
    let Command::Bench(BenchArgs {
        target: BenchTarget::Http(args),
    }) = cli.command()
    else {
        panic!("not bench http");
    };
    assert_eq!(args.offers, 50);
    assert_eq!(args.connections, 32);
    assert!(args.json);
    let cli = parse(&["seed-demo"]).unwrap();
    assert!(matches!(
        cli.command(),
        Command::SeedDemo(SeedDemoArgs { offers: 300 })
    ));
}

#[test]
fn a_host_name_is_not_a_listen_address() {
    let error = parse(&["--listen", "localhost:8080"]).unwrap_err();
    let message = usage_error_in_french(&error);
    assert!(message.contains("adresse d'écoute invalide"), "{message}");
    assert!(message.contains("--listen"), "{message}");
}

#[test]
fn a_malformed_database_url_is_explained_in_french() {
    let error = parse(&["--database-url", "mysql://root@localhost/vivier"]).unwrap_err();
    let message = usage_error_in_french(&error);
    assert!(message.contains("DATABASE_URL invalide"), "{message}");
}

#[test]
fn seeding_can_be_switched_off_like_operators_write_it() {
    for off in ["false", "0", "no", "off"] {
        let cli = parse(&["--seed-demo-if-empty", off]).unwrap();
        assert!(!cli.config.seed_demo_if_empty, "{off}");
    }
}

#[test]
fn the_public_url_defaults_to_the_bound_address() {
    let config = Config::defaults();
    let url = config.public_url_for("127.0.0.1:43210".parse().unwrap());
    assert_eq!(url.as_str(), "http://127.0.0.1:43210/");
    let url = config.public_url_for("[::1]:8080".parse().unwrap());
    assert_eq!(url.as_str(), "http://[::1]:8080/");
}

#[test]
fn defaults_match_the_command_line_defaults() {
    let cli = parse(&[]).unwrap();
    let defaults = Config::defaults();
    // The process environment may set variables; compare only when it does not.
    if std::env::var_os("DATABASE_URL").is_none() {
        assert_eq!(cli.config.database_url, defaults.database_url);
    }
    if std::env::var_os("VIVIER_LISTEN").is_none() {
        assert_eq!(cli.config.listen, defaults.listen);
    }
}

#[test]
fn import_options() {
    let cli = parse(&[
        "import",
        "pep",
        "export.psv",
        "--format",
        "partenaire",
        "--all",
        "--report",
        "rejets.csv",
    ])
    .unwrap();
    let Command::Import(crate::import::ImportArgs {
        source: crate::import::ImportSource::Pep(args),
    }) = cli.command()
    else {
        panic!("not import pep");
    };
    assert_eq!(args.input, "export.psv");
    assert_eq!(args.format, Some(crate::import::FormatArg::Partenaire));
    assert!(args.all);
    assert_eq!(args.report, Some(PathBuf::from("rejets.csv")));
    // The scheduled import is off unless an http(s) address is given.
    assert_eq!(parse(&[]).unwrap().config.csp_import_url, None);
    let cli = parse(&["--csp-import-url", "https://www.data.gouv.fr/offres.csv"]).unwrap();
    assert_eq!(cli.config.csp_import_every_hours, 24);
    let error = parse(&["--csp-import-url", "/srv/offres.csv"]).unwrap_err();
    let message = usage_error_in_french(&error);
    assert!(
        message.contains("adresse du fichier à importer invalide"),
        "{message}"
    );
    assert!(parse(&["--csp-import-every-hours", "0"]).is_err());
}

#[test]
fn retention_options() {
    let defaults = parse(&[]).unwrap().config.retention;
    if std::env::vars().all(|(name, _)| !name.starts_with("VIVIER_RETENTION_")) {
        assert_eq!(
            defaults.resolve().unwrap(),
            vivier_web::jobs::Retention::default()
        );
    }
    let cli = parse(&[
        "--retention-refused-days",
        "30",
        "--retention-pool-days",
        "365",
        "--retention-pool-warning-days",
        "15",
        "--retention-sent-mail-days",
        "7",
    ])
    .unwrap();
    assert_eq!(
        cli.config.retention.resolve().unwrap(),
        vivier_web::jobs::Retention {
            refused_days: 30,
            pool_days: 365,
            pool_warning_days: 15,
            sent_mail_days: 7,
        }
    );
    assert!(parse(&["--retention-refused-days", "0"]).is_err());
    let late = parse(&[
        "--retention-pool-days",
        "30",
        "--retention-pool-warning-days",
        "30",
    ])
    .unwrap()
    .config
    .retention
    .resolve()
    .unwrap_err();
    assert!(late.to_string().contains("préavis"), "{late}");
}
