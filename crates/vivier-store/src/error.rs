use vivier_domain::InvalidValue;

/// What can go wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row to change, or a row it refers to, does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// A unique value (slug, reference…) is already taken.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The change breaks a rule (e.g. an organisation made its own ancestor).
    #[error("invalid: {0}")]
    Invalid(String),
    /// A stored value no longer parses: the database was changed behind Vivier's back.
    #[error("corrupt data in {table}: {problem}")]
    Corrupt {
        table: &'static str,
        problem: String,
    },
    /// The database failed or could not be reached.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error(transparent)]
    Migration(#[from] sqlx::migrate::MigrateError),
}

/// Result of a storage call.
pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// A stored value that no longer parses.
    pub fn corrupt(table: &'static str, problem: impl std::fmt::Display) -> Self {
        Self::Corrupt {
            table,
            problem: problem.to_string(),
        }
    }

    /// Maps a database error on unique or foreign keys to [`StoreError::Conflict`] or
    /// [`StoreError::NotFound`], so callers can answer 409/404 instead of 500.
    pub fn from_write(error: sqlx::Error, what: &str) -> Self {
        if let sqlx::Error::Database(db) = &error {
            match db.kind() {
                sqlx::error::ErrorKind::UniqueViolation => {
                    return Self::Conflict(format!("{what}: {}", db.message()));
                }
                sqlx::error::ErrorKind::ForeignKeyViolation => {
                    return Self::NotFound(format!("{what}: {}", db.message()));
                }
                _ => {}
            }
        }
        Self::Database(error)
    }
}

impl From<InvalidValue> for StoreError {
    fn from(value: InvalidValue) -> Self {
        Self::Invalid(value.message)
    }
}
