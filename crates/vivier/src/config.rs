//! The command line: one typed [`Config`] shared by every subcommand, and the [`Command`] tree.
//!
//! Every global option is both a flag and an environment variable, with a default that needs
//! nothing, so `vivier` alone serves a demo site on <http://127.0.0.1:8080/>. Values are parsed
//! here, once: a malformed `DATABASE_URL` or listen address never reaches the rest of the
//! program.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::builder::BoolishValueParser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use url::Url;
use vivier_search::Synonyms;
use vivier_store::DatabaseUrl;

use crate::Error;
pub use crate::bench::http::HttpBenchArgs;

pub mod files;
pub mod mail;
pub mod oidc;
pub mod retention;

/// `DATABASE_URL` when none is given: a SQLite file under `data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/vivier.db";

/// The file behind [`DEFAULT_DATABASE_URL`]; the only one whose directory Vivier creates.
pub const DEFAULT_SQLITE_PATH: &str = "data/vivier.db";

/// `VIVIER_LISTEN` when none is given.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// How many demo offers `serve` and `seed-demo` generate by default.
pub const DEFAULT_DEMO_OFFERS: usize = 300;

/// Vivier's command line: global options, then an optional subcommand (`serve` by default).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "vivier",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    about = "Vivier : la plateforme de recrutement des talents du numérique de l'État.",
    long_about = "Vivier : la plateforme de recrutement des talents du numérique de l'État.\n\n\
                  Sans sous-commande, `vivier` sert le site (comme `vivier serve`). Chaque option \
                  globale peut aussi être donnée par sa variable d'environnement."
)]
pub struct Cli {
    /// Options shared by every subcommand.
    #[command(flatten)]
    pub config: Config,

    /// What to do; `serve` when absent.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// `--help`, in French (clap's own flag says "Print help").
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help = "Afficher l'aide")]
    help: Option<bool>,

    /// `--version`, in French.
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help = "Afficher la version")]
    version: Option<bool>,
}

/// clap's default help layout, with the one English heading it hard-codes put in French.
const HELP_TEMPLATE: &str =
    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

impl Cli {
    /// The command-line definition, with help in French at every level.
    pub fn definition() -> clap::Command {
        fn french(command: clap::Command) -> clap::Command {
            command
                .help_template(HELP_TEMPLATE)
                .subcommand_help_heading("Sous-commandes")
                .subcommand_value_name("SOUS-COMMANDE")
                .mut_subcommands(french)
        }
        french(<Self as CommandFactory>::command())
    }

    /// Parses a command line (the program name first), like `Parser::try_parse_from` but with
    /// the French help of [`Cli::definition`].
    pub fn try_parse_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let mut matches = Self::definition().try_get_matches_from(args)?;
        Self::from_arg_matches_mut(&mut matches)
    }

    /// The subcommand to run: the one given, or `serve`.
    pub fn command(&self) -> Command {
        self.command.clone().unwrap_or(Command::Serve)
    }
}

/// The typed configuration every subcommand receives.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Options globales")]
pub struct Config {
    /// Where the data lives: `sqlite://path` or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = DEFAULT_DATABASE_URL,
        value_parser = parse_database_url,
        value_name = "URL",
        global = true,
        hide_env_values = true,
        help = "Base de données : sqlite://chemin/vers/fichier.db ou postgres://utilisateur@hôte:port/base"
    )]
    pub database_url: DatabaseUrl,

    /// Address and port the server listens on.
    #[arg(
        long,
        env = "VIVIER_LISTEN",
        default_value = DEFAULT_LISTEN,
        value_parser = parse_listen,
        value_name = "ADRESSE:PORT",
        global = true,
        hide_env_values = true,
        help = "Adresse et port d'écoute (port 0 : un port libre, affiché au démarrage)"
    )]
    pub listen: SocketAddr,

    /// Absolute base of the links in the sitemap and feeds; `http://<listen>/` when absent.
    #[arg(
        long,
        env = "VIVIER_PUBLIC_URL",
        value_parser = parse_public_url,
        value_name = "URL",
        global = true,
        hide_env_values = true,
        help = "Adresse publique du site, pour les liens absolus (plan du site, flux) [défaut : http://<listen>/]"
    )]
    pub public_url: Option<Url>,

    /// On `serve`, seeds the demo content when the database holds no offer.
    #[arg(
        long,
        env = "VIVIER_SEED_DEMO",
        default_value_t = true,
        action = ArgAction::Set,
        value_parser = BoolishValueParser::new(),
        value_name = "true|false",
        global = true,
        hide_env_values = true,
        help = "Au démarrage du serveur, installer la démonstration si la base n'a aucune offre"
    )]
    pub seed_demo_if_empty: bool,

    /// Period of the change-feed polling that keeps several nodes fresh.
    #[arg(
        long,
        env = "VIVIER_REFRESH_INTERVAL_MS",
        default_value_t = 1000,
        value_parser = clap::value_parser!(u64).range(1..),
        value_name = "MILLISECONDES",
        global = true,
        hide_env_values = true,
        help = "Période de lecture du journal des modifications (plusieurs nœuds partagent une base)"
    )]
    pub refresh_interval_ms: u64,

    /// Budget of the rendered-page cache of each catalog snapshot, in mebibytes (0: none).
    #[arg(
        long,
        env = "VIVIER_PAGE_CACHE_MB",
        default_value_t = 4,
        value_parser = clap::value_parser!(u64).range(0..=4096),
        value_name = "MIO",
        global = true,
        hide_env_values = true,
        help = "Mémoire réservée aux pages déjà calculées, en Mio (0 : aucune)"
    )]
    pub page_cache_mb: u64,

    /// A file of extra search synonyms, added to the built-in ones (see `docs/synonymes.md`).
    #[arg(
        long,
        env = "VIVIER_SYNONYMS",
        value_name = "FICHIER",
        global = true,
        hide_env_values = true,
        help = "Fichier de synonymes de recherche à ajouter à ceux intégrés (une ligne par groupe : rssi, responsable de la sécurité des systèmes d'information)"
    )]
    pub synonyms: Option<PathBuf>,

    /// Where `serve` fetches the Choisir le service public file on a schedule (off when absent).
    #[arg(
        long,
        env = "VIVIER_CSP_IMPORT_URL",
        value_parser = parse_import_url,
        value_name = "URL",
        global = true,
        hide_env_values = true,
        help = "Adresse http(s) du fichier des offres de Choisir le service public, que le serveur importe périodiquement [défaut : aucun import programmé]"
    )]
    pub csp_import_url: Option<Url>,

    /// Period of the scheduled import, in hours.
    #[arg(
        long,
        env = "VIVIER_CSP_IMPORT_EVERY_HOURS",
        default_value_t = 24,
        value_parser = clap::value_parser!(u64).range(1..=24 * 31),
        value_name = "HEURES",
        global = true,
        hide_env_values = true,
        help = "Période de l'import programmé, en heures"
    )]
    pub csp_import_every_hours: u64,

    /// Tracing filter (`info`, `vivier_web=debug,info`…).
    #[arg(
        long,
        env = "VIVIER_LOG",
        default_value = "info",
        value_parser = parse_log_filter,
        value_name = "FILTRE",
        global = true,
        hide_env_values = true,
        help = "Niveau de journalisation (filtre tracing : info, debug, vivier_web=debug,warn…)"
    )]
    pub log: String,

    /// Where mails go (`VIVIER_SMTP_URL`, `VIVIER_MAIL_DIR`) and from whom (`VIVIER_MAIL_FROM`).
    #[command(flatten)]
    pub mail: mail::MailConfig,

    /// The OpenID Connect providers (`VIVIER_OIDC_CANDIDATS_*`, `VIVIER_OIDC_AGENTS_*`).
    #[command(flatten)]
    pub oidc: oidc::OidcArgs,

    /// How long personal data is kept (`VIVIER_RETENTION_*`).
    #[command(flatten)]
    pub retention: retention::RetentionArgs,

    /// Where CVs are kept (`VIVIER_FILES`).
    #[command(flatten)]
    pub files: files::FilesArgs,
}

impl Config {
    /// The configuration with every default, as `vivier` with no flag nor variable would get.
    pub fn defaults() -> Self {
        // Unlike parsing an empty command line, this ignores the environment: tests must not
        // depend on it. A unit test checks both agree.
        Self {
            database_url: DatabaseUrl::Sqlite {
                path: Some(DEFAULT_SQLITE_PATH.into()),
            },
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: None,
            seed_demo_if_empty: true,
            refresh_interval_ms: 1000,
            page_cache_mb: 4,
            synonyms: None,
            csp_import_url: None,
            csp_import_every_hours: 24,
            log: "info".to_owned(),
            mail: mail::MailConfig::defaults(),
            oidc: oidc::OidcArgs::default(),
            retention: retention::RetentionArgs::default(),
            files: files::FilesArgs::default(),
        }
    }

    /// The search synonyms: the built-in ones and those of the `--synonyms` file, if any.
    pub fn load_synonyms(&self) -> Result<Synonyms, Error> {
        let Some(path) = &self.synonyms else {
            return Ok(Synonyms::builtin());
        };
        let text = std::fs::read_to_string(path).map_err(|source| Error::SynonymsFile {
            path: path.clone(),
            source,
        })?;
        Synonyms::with_extra(&text).map_err(|source| Error::Synonyms {
            path: path.clone(),
            source,
        })
    }

    /// The public base URL once the listener is bound: the configured one, or `http://ADDR/`
    /// with the address actually bound (so `--listen 127.0.0.1:0` gets the real port).
    pub fn public_url_for(&self, bound: SocketAddr) -> Url {
        match &self.public_url {
            Some(url) => url.clone(),
            None => local_url(bound),
        }
    }
}

/// `http://ADDR/` for a bound socket address.
pub fn local_url(addr: SocketAddr) -> Url {
    Url::parse(&format!("http://{addr}/")).expect("a socket address is a valid URL authority")
}

/// Every subcommand. New ones (`import`, `reindex`, `plan`…) are new variants with their own
/// `Args` struct, and a line in [`crate::run`].
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Serves the site until SIGTERM or Ctrl-C (the default).
    #[command(
        about = "Sert le site (sous-commande par défaut) jusqu'à SIGTERM ou Ctrl-C",
        long_about = "Ouvre la base, applique les migrations, installe la démonstration si la base \
                      est vide (--seed-demo-if-empty), puis sert le site. Affiche « Vivier écoute \
                      sur http://ADRESSE/ » une fois prêt ; s'arrête proprement sur SIGTERM ou Ctrl-C."
    )]
    Serve,

    /// Applies the pending database migrations.
    #[command(about = "Applique les migrations de la base de données")]
    Migrate,

    /// Seeds the demo content, idempotently.
    #[command(
        about = "Installe le contenu de démonstration (sans rien recréer de ce qui existe déjà)"
    )]
    SeedDemo(SeedDemoArgs),

    /// Rebuilds the search index from the database and has every running node do the same.
    #[command(
        about = "Reconstruit l'index de recherche depuis la base, sur chaque nœud en service",
        long_about = "Charge les offres publiques depuis la base et construit l'index de recherche \
                      (ce qui vérifie la base et le fichier de synonymes), puis inscrit une demande \
                      de réindexation dans le journal des modifications : chaque nœud `vivier serve` \
                      branché sur cette base recharge alors son catalogue et reconstruit son index \
                      à sa prochaine lecture du journal (VIVIER_REFRESH_INTERVAL_MS), sans \
                      redémarrer ni cesser de répondre."
    )]
    Reindex,

    /// Imports an export of the State's offers.
    #[command(
        about = "Importe les offres de l'État (Choisir le service public, Place de l'emploi public)"
    )]
    Import(crate::import::ImportArgs),

    /// Makes an agent account an administrator.
    #[command(about = "Nomme administrateur·rice de Vivier un compte agent existant")]
    Admin(crate::admin::AdminArgs),

    /// Benchmarks.
    #[command(about = "Bancs d'essai de performance")]
    Bench(BenchArgs),

    /// The planning engine of events: Vis mon job pairs, job-dating schedules, programmes.
    #[command(
        about = "Planification des événements : binômes Vis mon job, job dating, programme (JSON)"
    )]
    Plan(crate::plan::PlanArgs),
}

/// Options of `seed-demo`.
#[derive(Debug, Clone, Args)]
pub struct SeedDemoArgs {
    /// How many demo offers to generate.
    #[arg(
        long,
        default_value_t = DEFAULT_DEMO_OFFERS,
        value_name = "N",
        help = "Nombre d'offres de démonstration à générer"
    )]
    pub offers: usize,
}

/// `bench` and its targets.
#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// What to measure.
    #[command(subcommand)]
    pub target: BenchTarget,
}

/// What `bench` can measure. More targets (storage…) are more variants.
#[derive(Debug, Clone, Subcommand)]
pub enum BenchTarget {
    /// Throughput and latency of the main public routes, served by a child `vivier serve`.
    #[command(
        about = "Débit et latence des pages publiques principales, mesurés avec wrk",
        long_about = "Installe la démonstration avec N offres dans une base SQLite temporaire, lance \
                      `vivier serve` sur un port libre, puis mesure avec wrk la route statique \
                      /healthz, la liste des offres, une liste filtrée, une page d'offre et la \
                      recherche (/offres-emploi?q=…, les requêtes du jeu de pertinence à tour de \
                      rôle), en tours alternés. Compare aux objectifs : liste ≥ 50 % et page \
                      d'offre ≥ 70 % du débit de la route statique, recherche ≥ 1 500 req/s, p99 \
                      ≤ 20 ms à 32 connexions, mémoire résidente maximale ≤ 100 Mo."
    )]
    Http(HttpBenchArgs),

    /// Vivier's search side by side with SQLite FTS5 and PostgreSQL full-text search.
    #[command(
        about = "Recherche de Vivier comparée à SQLite FTS5 et à la recherche plein texte de PostgreSQL",
        long_about = "Installe la démonstration avec N offres dans une base SQLite temporaire, puis \
                      mesure chaque moteur dans un processus à part : Vivier (tantivy), SQLite FTS5 \
                      et PostgreSQL (configuration french avec unaccent, dans une base jetable). \
                      Pour chacun : durée de construction de l'index, taille de l'index, latence \
                      p50/p99 de la requête et des facettes sur un fil, requêtes par seconde sur \
                      --threads fils, hausse de la mémoire résidente, nDCG@10 sur le jeu de \
                      pertinence. Objectifs de Vivier : p99 ≤ 5 ms, construction ≤ 15 s, hausse \
                      de mémoire ≤ 300 Mo, nDCG@10 au-dessus des deux autres moteurs."
    )]
    Search(SearchBenchArgs),

    /// The import of a Choisir le service public file, into SQLite and PostgreSQL.
    #[command(
        about = "Import d'un fichier de Choisir le service public, dans SQLite et PostgreSQL",
        long_about = "Génère un fichier CSP synthétique au schéma réel (183 000 lignes, ~85 Mo, \
                      ~5 % d'offres numériques, des références en double et des lignes invalides) \
                      ou prend --file, puis mesure, chaque étape dans un processus à part : la \
                      lecture, la correspondance et le filtre seuls ; l'import dans une base SQLite \
                      neuve, deux fois ; de même dans une base PostgreSQL jetable. Objectifs : \
                      ≥ 20 000 lignes/s en lecture seule, premier import ≤ 30 s, second import \
                      du même fichier ≤ 10 s sans rien changer, mémoire résidente maximale \
                      ≤ 200 Mo."
    )]
    Import(crate::bench::import::ImportBenchArgs),

    /// The pages where applications pile up: a recruiter's list, a candidate's "Mon espace".
    #[command(
        about = "Pages des candidatures : liste d'une offre très demandée et « Mon espace »",
        long_about = "Installe la démonstration dans une base SQLite temporaire, y écrit N \
                      candidatures à une offre (5 000 par défaut, à des étapes variées) et M \
                      candidatures d'une même personne (200 par défaut), lance `vivier serve` sur \
                      un port libre, puis mesure avec wrk, sessions ouvertes, la liste des \
                      candidatures de l'offre (page 1, puis filtrée page 10) et « Mon espace ». \
                      Objectifs : p99 ≤ 50 ms pour la liste, ≤ 30 ms pour « Mon espace »."
    )]
    Applications(crate::bench::applications::ApplicationsBenchArgs),

    /// The planning engine on the instances, beside its baselines and upper bounds.
    #[command(
        about = "Moteur de planification : binômes Vis mon job et job dating, comparés aux références",
        long_about = "Génère les instances du moteur de planification (graine fixe) et mesure \
                      chacune dans un processus à part : binômes à l'échelle de l'édition 2020 \
                      (60 étudiants × 80 agents, sur --editions graines) et nationale (10 000 × \
                      2 000, avec et sans équité), comparés à « premier arrivé, premier servi » ; \
                      job dating moyen (5 000 × 100 × 16, disponibilité complète puis restreinte), \
                      grand (20 000 × 400 × 16) et deux instances équilibrées, comparés à \
                      l'auto-réservation et aux bornes supérieures. Chaque résultat passe par le \
                      validateur. Durée du moteur (meilleure de --runs), mémoire résidente \
                      maximale, qualité. Objectifs : 100 % du maximum de placés, < 1 s (< 3 s \
                      avec équité) ; job dating exact en disponibilité complète, ≥ 99 % des deux \
                      bornes sinon, < 50 ms (moyen) et < 0,5 s (grand)."
    )]
    Plan(crate::bench::plan::PlanBenchArgs),
}

/// The engines `bench search` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchEngine {
    /// Vivier's own search (tantivy, French analysis, synonyms).
    Vivier,
    /// SQLite's FTS5 extension.
    Fts5,
    /// PostgreSQL's full-text search.
    Postgres,
}

/// `--postgres-url` when none is given.
pub const DEFAULT_BENCH_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Options of `bench search`.
#[derive(Debug, Clone, Args)]
pub struct SearchBenchArgs {
    /// Generated offers, added to the demo's.
    #[arg(
        long,
        default_value_t = 100_000,
        value_name = "N",
        help = "Nombre d'offres générées dans la base du banc d'essai"
    )]
    pub offers: usize,

    /// How many times every query is timed (after one warm-up round).
    #[arg(
        long,
        default_value_t = 5,
        value_parser = clap::value_parser!(u32).range(1..),
        value_name = "N",
        help = "Nombre de tours de mesure de la latence (chaque requête une fois par tour, après un tour de mise en température)"
    )]
    pub rounds: u32,

    /// Threads (connections for the databases) of the throughput measurement.
    #[arg(
        long,
        default_value_t = 2,
        value_parser = clap::value_parser!(u32).range(1..=64),
        value_name = "N",
        help = "Fils (ou connexions) de la mesure du débit"
    )]
    pub threads: u32,

    /// How long the throughput of each engine is measured.
    #[arg(
        long,
        default_value_t = 5,
        value_parser = clap::value_parser!(u64).range(1..),
        value_name = "SECONDES",
        help = "Durée de la mesure du débit de chaque moteur"
    )]
    pub duration_secs: u64,

    /// The PostgreSQL server; a throwaway database is created on it, and dropped at the end.
    #[arg(
        long,
        default_value = DEFAULT_BENCH_POSTGRES_URL,
        value_name = "URL",
        help = "Serveur PostgreSQL (une base jetable y est créée puis supprimée)"
    )]
    pub postgres_url: String,

    /// Leaves PostgreSQL out.
    #[arg(long, help = "Ne pas mesurer PostgreSQL")]
    pub no_postgres: bool,

    /// Prints the figures as JSON instead of a table.
    #[arg(long, help = "Afficher les résultats en JSON plutôt qu'en tableau")]
    pub json: bool,

    /// Internal: measure this engine only, in this process, and print its figures as one JSON
    /// line (the benchmark runs each engine in a child process of its own).
    #[arg(long, hide = true, value_enum)]
    pub engine: Option<SearchEngine>,

    /// Internal: the seeded SQLite database (`--engine vivier`).
    #[arg(long, hide = true)]
    pub database: Option<std::path::PathBuf>,

    /// Internal: the documents file the Vivier child writes and the baselines read.
    #[arg(long, hide = true)]
    pub documents: Option<std::path::PathBuf>,
}

impl Default for SearchBenchArgs {
    fn default() -> Self {
        Self {
            offers: 100_000,
            rounds: 5,
            threads: 2,
            duration_secs: 5,
            postgres_url: DEFAULT_BENCH_POSTGRES_URL.to_owned(),
            no_postgres: false,
            json: false,
            engine: None,
            database: None,
            documents: None,
        }
    }
}

fn parse_database_url(value: &str) -> Result<DatabaseUrl, String> {
    DatabaseUrl::parse(value).map_err(|e| e.to_string())
}

/// Parses `VIVIER_LISTEN`: an IP address and a port, nothing else (no host name to resolve).
pub fn parse_listen(value: &str) -> Result<SocketAddr, String> {
    value.trim().parse().map_err(|_| {
        format!(
            "adresse d'écoute invalide « {value} » : attendu une adresse IP et un port, \
             par exemple 127.0.0.1:8080, 0.0.0.0:80 ou [::1]:8080"
        )
    })
}

fn parse_public_url(value: &str) -> Result<Url, String> {
    let url = Url::parse(value.trim()).map_err(|e| {
        format!("adresse publique invalide « {value} » ({e}) : attendu par exemple https://vivier.numerique.gouv.fr/")
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "adresse publique invalide « {value} » : attendu une adresse http:// ou https://"
        ));
    }
    Ok(url)
}

fn parse_import_url(value: &str) -> Result<Url, String> {
    match Url::parse(value.trim()) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => Ok(url),
        _ => Err(format!(
            "adresse du fichier à importer invalide « {value} » : attendu une adresse http:// ou \
             https://, par exemple celle du fichier sur data.gouv.fr"
        )),
    }
}

fn parse_log_filter(value: &str) -> Result<String, String> {
    tracing_subscriber::EnvFilter::builder()
        .parse(value)
        .map(|_| value.to_owned())
        .map_err(|e| format!("filtre de journalisation invalide « {value} » : {e}"))
}

/// Whether `path` is the default SQLite file, whose directory Vivier may create.
pub(crate) fn is_default_sqlite_path(path: &Path) -> bool {
    path == Path::new(DEFAULT_SQLITE_PATH)
}

/// A command-line error as a French message, for everything but `--help` and `--version`
/// (which clap prints itself). Clap's own wording is English; the options' validation messages
/// (the part operators need) are already French.
pub fn usage_error_in_french(error: &clap::Error) -> String {
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join(", ")),
        _ => None,
    };
    let argument = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let hint = "Consultez `vivier --help`.";
    match error.kind() {
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|s| s.to_string())
                .unwrap_or_else(|| format!("valeur « {value} » refusée"));
            format!("configuration invalide ({argument}) : {reason}")
        }
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue)
                .map(|v| format!(" (valeurs possibles : {v})"))
                .unwrap_or_default();
            format!("valeur « {value} » invalide pour {argument}{valid}. {hint}")
        }
        ErrorKind::UnknownArgument => {
            let suggestion = context(ContextKind::SuggestedArg)
                .map(|s| format!(" Vouliez-vous dire « {s} » ?"))
                .unwrap_or_default();
            format!("option inconnue : {argument}.{suggestion} {hint}")
        }
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            let suggestion = context(ContextKind::SuggestedSubcommand)
                .map(|s| format!(" Vouliez-vous dire « {s} » ?"))
                .unwrap_or_default();
            format!("sous-commande inconnue : « {name} ».{suggestion} {hint}")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("option obligatoire manquante : {argument}. {hint}")
        }
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::TooFewValues => {
            format!("nombre de valeurs incorrect pour {argument}. {hint}")
        }
        ErrorKind::ArgumentConflict => {
            format!("options incompatibles : {argument}. {hint}")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("sous-commande manquante. {hint}")
        }
        _ => format!("ligne de commande invalide : {}", error.kind()),
    }
}

#[cfg(test)]
mod tests;
