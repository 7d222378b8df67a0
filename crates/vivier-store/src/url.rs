use std::path::PathBuf;

/// Where the database is, parsed from `DATABASE_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// `sqlite://path/to/file.db` (relative to the working directory) or `sqlite:///abs/path.db`,
    /// or `sqlite::memory:` for a private in-memory database.
    Sqlite { path: Option<PathBuf> },
    /// `postgres://…` or `postgresql://…`, passed to the driver as it is.
    Postgres(String),
}

/// A `DATABASE_URL` that cannot be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "DATABASE_URL invalide ({reason}) : attendu sqlite://chemin/vers/fichier.db ou postgres://utilisateur@hôte:port/base"
)]
pub struct InvalidDatabaseUrl {
    pub reason: String,
}

impl DatabaseUrl {
    /// Parses a URL; refuses anything ambiguous rather than silently opening a new file
    /// somewhere unexpected.
    pub fn parse(url: &str) -> Result<Self, InvalidDatabaseUrl> {
        let invalid = |reason: &str| InvalidDatabaseUrl {
            reason: reason.to_owned(),
        };
        let url = url.trim();
        if url == "sqlite::memory:" || url == "sqlite://:memory:" {
            return Ok(Self::Sqlite { path: None });
        }
        if let Some(rest) = url.strip_prefix("sqlite://") {
            let path = rest.split('?').next().unwrap_or_default();
            if rest.contains('?') {
                return Err(invalid(
                    "les options d'URL SQLite ne sont pas prises en charge",
                ));
            }
            if path.is_empty() || path.ends_with('/') {
                return Err(invalid("le chemin du fichier SQLite est vide"));
            }
            if path.contains('\0') {
                return Err(invalid(
                    "le chemin du fichier SQLite contient un caractère nul",
                ));
            }
            return Ok(Self::Sqlite {
                path: Some(PathBuf::from(path)),
            });
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let parsed = ::url::Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
            if parsed.host_str().is_none_or(str::is_empty) && !url.contains("host=") {
                return Err(invalid("l'hôte PostgreSQL est absent"));
            }
            return Ok(Self::Postgres(url.to_owned()));
        }
        if url.starts_with("sqlite:") {
            return Err(invalid("une URL SQLite commence par sqlite://"));
        }
        Err(invalid("schéma inconnu"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_two_backends() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/vivier.db").unwrap(),
            DatabaseUrl::Sqlite {
                path: Some("data/vivier.db".into())
            }
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/vivier.db").unwrap(),
            DatabaseUrl::Sqlite {
                path: Some("/var/lib/vivier.db".into())
            }
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite::memory:").unwrap(),
            DatabaseUrl::Sqlite { path: None }
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1:5432/vivier").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
    }

    #[test]
    fn refuses_malformed_urls() {
        for bad in [
            "",
            "vivier.db",
            "sqlite:vivier.db",
            "sqlite://",
            "sqlite://data/",
            "sqlite://x.db?mode=rwc",
            "mysql://root@localhost/db",
            "postgres://",
            "postgres://:5432/db",
            "http://example.org",
        ] {
            let error = DatabaseUrl::parse(bad).unwrap_err();
            assert!(
                error.to_string().starts_with("DATABASE_URL invalide"),
                "{bad}: {error}"
            );
        }
    }
}
