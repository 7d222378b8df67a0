//! Files kept behind one object-storage interface, [`FileStore`]: in a local directory
//! ([`LocalStore`], the default) or in a bucket of an S3-compatible service ([`S3Store`]: OVH,
//! Scaleway, Outscale, MinIO…), picked by one URL ([`FilesUrl`], `VIVIER_FILES`).
//!
//! Keys are chosen by the application ([`ObjectKey`]: `cv/<32 hex digits>`…) and checked, so a
//! key can never name anything outside the store's root. Nothing is ever public: the local files
//! are readable by Vivier's user only, and S3 objects are written without any ACL, so they keep
//! the bucket's (private) default; the application serves them itself, to whom may read them.

mod key;
mod local;
mod s3;
mod url;

use std::sync::Arc;

use bytes::Bytes;

pub use key::{InvalidKey, KeyPrefix, ObjectKey};
pub use local::LocalStore;
pub use s3::S3Store;
pub use url::{FilesUrl, InvalidFilesUrl, S3Location};

/// Where files are kept. Object-safe: the application holds an `Arc<dyn FileStore>`.
#[async_trait::async_trait]
pub trait FileStore: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `key`, replacing what was there. A reader sees the old object or the
    /// new one, never part of one.
    async fn put(&self, key: &ObjectKey, bytes: Bytes) -> Result<(), StoreError>;

    /// The object under `key`, if there is one.
    async fn get(&self, key: &ObjectKey) -> Result<Option<Bytes>, StoreError>;

    /// Deletes the object under `key`; deleting a missing object succeeds (so a retried
    /// erasure does too).
    async fn delete(&self, key: &ObjectKey) -> Result<(), StoreError>;

    /// Every key that starts with `prefix`, sorted (for the sweep of orphan files and for
    /// checking an erasure).
    async fn keys(&self, prefix: &KeyPrefix) -> Result<Vec<ObjectKey>, StoreError>;
}

/// A storage operation that failed (the disk, the network, the service): for the logs, never
/// shown to users as it is.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("local file store, {operation} {key}: {source}")]
    Local {
        operation: &'static str,
        key: String,
        #[source]
        source: std::io::Error,
    },
    #[error("S3 file store, {operation} {key}: {source}")]
    S3 {
        operation: &'static str,
        key: String,
        #[source]
        source: object_store::Error,
    },
}

/// The access key of an S3-compatible service (`VIVIER_S3_ACCESS_KEY_ID`,
/// `VIVIER_S3_SECRET_ACCESS_KEY`), read by the caller.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl std::fmt::Debug for S3Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"***")
            .finish()
    }
}

/// Why the store named by `VIVIER_FILES` cannot be opened, in French.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(
        "VIVIER_FILES désigne un service S3 : VIVIER_S3_ACCESS_KEY_ID et VIVIER_S3_SECRET_ACCESS_KEY sont nécessaires"
    )]
    MissingCredentials,
    #[error("VIVIER_FILES : {path} existe mais n’est pas un dossier")]
    NotADirectory { path: String },
    #[error("VIVIER_FILES : le client S3 n’a pas pu être créé ({0})")]
    S3(#[source] object_store::Error),
}

/// Opens the store `url` names. Contacts nothing: a local directory is created with its first
/// file, and an S3 service is reached at the first operation.
pub async fn open(
    url: &FilesUrl,
    credentials: Option<S3Credentials>,
) -> Result<Arc<dyn FileStore>, OpenError> {
    match url {
        FilesUrl::Local(root) => {
            if let Ok(metadata) = tokio::fs::metadata(root).await
                && !metadata.is_dir()
            {
                return Err(OpenError::NotADirectory {
                    path: root.display().to_string(),
                });
            }
            Ok(Arc::new(LocalStore::new(root.clone())))
        }
        FilesUrl::S3(location) => {
            let credentials = credentials.ok_or(OpenError::MissingCredentials)?;
            let store = S3Store::new(location, &credentials).map_err(OpenError::S3)?;
            Ok(Arc::new(store))
        }
    }
}
