//! Files in a local directory: one file per object, at the key's path under the root.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use rand::Rng;
use tokio::fs;
use tokio::io::AsyncWriteExt;

use super::{FileStore, KeyPrefix, ObjectKey, StoreError};

/// A directory of files (`data/files` by default), created with the first file.
///
/// A file is written to a temporary name beside it, flushed to the disk, then renamed over the
/// old one, so a crash never leaves half a file under a key. Files are `0600` and directories
/// `0700`: readable by Vivier's user only. Temporary names start with a dot, which keys cannot
/// hold, so they are never taken for objects.
#[derive(Debug, Clone)]
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    pub fn new(root: PathBuf) -> LocalStore {
        LocalStore { root }
    }

    fn path(&self, key: &ObjectKey) -> PathBuf {
        // Checked keys are relative paths of plain segments: the join stays under the root.
        self.root.join(key.as_str())
    }
}

fn error(operation: &'static str, key: &ObjectKey) -> impl FnOnce(std::io::Error) -> StoreError {
    let key = key.to_string();
    move |source| StoreError::Local {
        operation,
        key,
        source,
    }
}

#[async_trait::async_trait]
impl FileStore for LocalStore {
    async fn put(&self, key: &ObjectKey, bytes: Bytes) -> Result<(), StoreError> {
        let path = self.path(key);
        let folder = path.parent().unwrap_or(&self.root);
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)
            .await
            .map_err(error("create the folder of", key))?;
        let suffix: u64 = rand::rng().random();
        let temporary = folder.join(format!(".tmp-{suffix:016x}"));
        let written = write_synced(&temporary, &bytes).await;
        let renamed = match written {
            Ok(()) => fs::rename(&temporary, &path).await,
            Err(e) => Err(e),
        };
        if let Err(e) = renamed {
            let _ = fs::remove_file(&temporary).await;
            return Err(error("write", key)(e));
        }
        // The rename itself reaches the disk with the folder.
        sync_folder(folder)
            .await
            .map_err(error("sync the folder of", key))
    }

    async fn get(&self, key: &ObjectKey) -> Result<Option<Bytes>, StoreError> {
        match fs::read(self.path(key)).await {
            Ok(bytes) => Ok(Some(Bytes::from(bytes))),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(error("read", key)(e)),
        }
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), StoreError> {
        match fs::remove_file(self.path(key)).await {
            Err(e) if e.kind() != ErrorKind::NotFound => Err(error("delete", key)(e)),
            _ => Ok(()),
        }
    }

    async fn keys(&self, prefix: &KeyPrefix) -> Result<Vec<ObjectKey>, StoreError> {
        let mut keys = Vec::new();
        let mut pending = vec![prefix.folder().to_owned()];
        while let Some(folder) = pending.pop() {
            let mut entries = match fs::read_dir(self.root.join(&folder)).await {
                Ok(entries) => entries,
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => return Err(list_error(&folder, e)),
            };
            while let Some(entry) = entries
                .next_entry()
                .await
                .map_err(|e| list_error(&folder, e))?
            {
                let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                    continue;
                };
                let relative = if folder.is_empty() {
                    name
                } else {
                    format!("{folder}/{name}")
                };
                // Temporary files and anything put there by hand are not objects.
                let Ok(key) = ObjectKey::parse(&relative) else {
                    continue;
                };
                let kind = entry
                    .file_type()
                    .await
                    .map_err(|e| list_error(&relative, e))?;
                if kind.is_dir() {
                    pending.push(relative);
                } else if kind.is_file() && prefix.matches(key.as_str()) {
                    keys.push(key);
                }
            }
        }
        keys.sort();
        Ok(keys)
    }
}

fn list_error(folder: &str, source: std::io::Error) -> StoreError {
    StoreError::Local {
        operation: "list",
        key: folder.to_owned(),
        source,
    }
}

async fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .await?;
    file.write_all(bytes).await?;
    file.sync_all().await
}

async fn sync_folder(folder: &Path) -> std::io::Result<()> {
    fs::File::open(folder).await?.sync_all().await
}
