use std::net::SocketAddr;
use std::path::PathBuf;

use vivier_store::{InvalidDatabaseUrl, StoreError};

use crate::bench::BenchError;

/// Why a subcommand failed. Each message is French and says what to do: `main` prints it as it
/// is, for the operator.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `DATABASE_URL` cannot be used.
    #[error(transparent)]
    DatabaseUrl(#[from] InvalidDatabaseUrl),

    /// The directory of a user-given SQLite file does not exist (Vivier creates only `data/`,
    /// for the default file, so that a typo never opens a fresh empty database elsewhere).
    #[error(
        "le dossier « {} » de la base SQLite n'existe pas : créez-le, ou corrigez DATABASE_URL",
        .0.display()
    )]
    MissingDirectory(PathBuf),

    /// The default `data/` directory could not be created.
    #[error("impossible de créer le dossier « {} » : {source}", path.display())]
    CreateDirectory {
        path: PathBuf,
        source: std::io::Error,
    },

    /// The database could not be opened or reached.
    #[error("impossible d'ouvrir la base de données {target} : {source}")]
    Open { target: String, source: StoreError },

    /// A migration failed.
    #[error("échec des migrations de la base de données : {0}")]
    Migrate(StoreError),

    /// The file store (`VIVIER_FILES`) cannot be opened.
    #[error("{0}")]
    Files(String),

    /// An OpenID Connect provider is configured in part, or wrongly.
    #[error("{0}")]
    Oidc(String),

    /// The retention durations contradict each other.
    #[error("{0}")]
    Retention(String),

    /// An account cannot take what was asked (`vivier admin`).
    #[error("{0}")]
    Account(String),

    /// `vivier plan` refused its input (exit code 2).
    #[error(transparent)]
    Plan(#[from] crate::plan::PlanError),

    /// A read or write failed.
    #[error("erreur de la base de données : {0}")]
    Store(#[from] StoreError),
    /// The offers could not be loaded or indexed.
    #[error("chargement du catalogue des offres impossible : {0}")]
    Catalog(#[from] vivier_web::CatalogError),

    /// Another program holds the port.
    #[error(
        "l'adresse {addr} est déjà utilisée par un autre programme : arrêtez-le, ou choisissez \
         une autre adresse avec --listen ou VIVIER_LISTEN"
    )]
    AddressInUse { addr: SocketAddr },

    /// The listener could not be bound for another reason.
    #[error("impossible d'écouter sur {addr} : {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },

    /// The server stopped on an I/O error.
    #[error("le serveur s'est arrêté sur une erreur : {0}")]
    Serve(std::io::Error),

    /// The demo content does not fit together (a bug in `vivier-demo`).
    #[error("contenu de démonstration incohérent : {0}")]
    Demo(String),

    /// The synonyms file cannot be read.
    #[error("impossible de lire le fichier de synonymes « {} » (VIVIER_SYNONYMS) : {source}", path.display())]
    SynonymsFile {
        path: PathBuf,
        source: std::io::Error,
    },

    /// The synonyms file has a mistake.
    #[error("fichier de synonymes « {} » (VIVIER_SYNONYMS), {source}", path.display())]
    Synonyms {
        path: PathBuf,
        source: vivier_search::SynonymError,
    },

    /// An import could not run.
    #[error(transparent)]
    Import(#[from] crate::import::ImportFailure),

    /// A benchmark failed.
    #[error(transparent)]
    Bench(#[from] BenchError),
}
