//! Where candidates' files (CVs) are kept: an object-storage interface, and its local-directory
//! implementation (the default; an S3-compatible one comes with the `vivier-files` crate).

use std::path::PathBuf;

use async_trait::async_trait;
use axum::body::Bytes;

/// What went wrong with the file store.
#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    #[error("invalid key {0:?}")]
    Key(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Objects under keys the application chooses (`cv/<hex>`).
#[async_trait]
pub trait FileStore: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `key`, replacing what was there.
    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), FilesError>;
    /// The object under `key`, if any.
    async fn get(&self, key: &str) -> Result<Option<Bytes>, FilesError>;
    /// Deletes the object under `key`; nothing if there is none.
    async fn delete(&self, key: &str) -> Result<(), FilesError>;
}

/// Objects as files of a directory, written through a temporary file and a rename: a crash
/// never leaves half an object.
#[derive(Debug, Clone)]
pub struct LocalFiles {
    root: PathBuf,
}

impl LocalFiles {
    /// Files under `root`, created with the first object.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path(&self, key: &str) -> Result<PathBuf, FilesError> {
        let valid = !key.is_empty()
            && key.split('/').all(|part| {
                !part.is_empty()
                    && part != "."
                    && part != ".."
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-".contains(&b))
            });
        if valid {
            Ok(self.root.join(key))
        } else {
            Err(FilesError::Key(key.to_owned()))
        }
    }
}

#[async_trait]
impl FileStore for LocalFiles {
    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), FilesError> {
        let path = self.path(key)?;
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        let staging = path.with_extension(format!("tmp-{}", rand::random::<u64>()));
        tokio::fs::write(&staging, &bytes).await?;
        tokio::fs::rename(&staging, &path).await?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Bytes>, FilesError> {
        match tokio::fs::read(self.path(key)?).await {
            Ok(bytes) => Ok(Some(Bytes::from(bytes))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), FilesError> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(error) => Err(error.into()),
        }
    }
}
