//! Opening the store named by `DATABASE_URL`, and `vivier migrate`.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use vivier_store::{DatabaseUrl, Store};
use vivier_store_postgres::PostgresStore;
use vivier_store_sqlite::SqliteStore;

use crate::Error;
use crate::config::is_default_sqlite_path;

/// Opens the store `url` names, without migrating it.
///
/// For SQLite, creates the file if needed, but its directory only for the default
/// `data/vivier.db`: a user-given path whose directory is missing is refused with
/// [`Error::MissingDirectory`], and no file is created.
pub async fn open_store(url: &DatabaseUrl) -> Result<Arc<dyn Store>, Error> {
    let opened = |source| Error::Open {
        target: describe(url),
        source,
    };
    match url {
        DatabaseUrl::Sqlite { path: None } => {
            Ok(Arc::new(SqliteStore::in_memory().await.map_err(opened)?))
        }
        DatabaseUrl::Sqlite { path: Some(path) } => {
            prepare_directory(path)?;
            Ok(Arc::new(SqliteStore::open(path).await.map_err(opened)?))
        }
        DatabaseUrl::Postgres(url) => {
            Ok(Arc::new(PostgresStore::connect(url).await.map_err(opened)?))
        }
    }
}

fn prepare_directory(path: &Path) -> Result<(), Error> {
    let Some(directory) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(()); // The working directory.
    };
    if directory.is_dir() {
        return Ok(());
    }
    if is_default_sqlite_path(path) {
        std::fs::create_dir_all(directory).map_err(|source| Error::CreateDirectory {
            path: directory.to_owned(),
            source,
        })?;
        tracing::info!(directory = %directory.display(), "dossier de la base créé");
        return Ok(());
    }
    Err(Error::MissingDirectory(directory.to_owned()))
}

/// The database in words, for messages: `SQLite (data/vivier.db)`, `PostgreSQL (hôte/base)`,
/// never with a password.
pub fn describe(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite { path: None } => "SQLite (en mémoire)".to_owned(),
        DatabaseUrl::Sqlite { path: Some(path) } => format!("SQLite ({})", path.display()),
        DatabaseUrl::Postgres(raw) => match url::Url::parse(raw) {
            Ok(parsed) => format!(
                "PostgreSQL ({}{}{})",
                parsed.host_str().unwrap_or_default(),
                parsed.port().map(|p| format!(":{p}")).unwrap_or_default(),
                parsed.path()
            ),
            Err(_) => "PostgreSQL".to_owned(),
        },
    }
}

/// What `vivier migrate` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateReport {
    /// The database, in words (see [`describe`]).
    pub database: String,
    /// Whether the SQLite file did not exist before.
    pub created: bool,
}

impl fmt::Display for MigrateReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.created {
            write!(
                f,
                "Base {} créée ; toutes les migrations sont appliquées.",
                self.database
            )
        } else {
            write!(
                f,
                "Base {} : migrations en attente appliquées, le schéma est à jour.",
                self.database
            )
        }
    }
}

/// `vivier migrate`: opens the store and applies the migrations it does not have yet.
pub async fn migrate(url: &DatabaseUrl) -> Result<MigrateReport, Error> {
    let created = matches!(url, DatabaseUrl::Sqlite { path: Some(path) } if !path.exists());
    let store = open_store(url).await?;
    store.migrate().await.map_err(Error::Migrate)?;
    Ok(MigrateReport {
        database: describe(url),
        created,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn passwords_never_show() {
        let url = DatabaseUrl::parse("postgres://vivier:secret@db.example:5433/vivier").unwrap();
        let text = describe(&url);
        assert_eq!(text, "PostgreSQL (db.example:5433/vivier)");
        assert!(!text.contains("secret"));
    }
}
