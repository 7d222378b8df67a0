//! Where candidates' files (CVs) are kept: `VIVIER_FILES`, and the S3 credentials read from
//! the environment only (never a flag: they would show in the process list).

use std::sync::Arc;

use clap::Args;
use vivier_files::objects::{FileStore, FilesUrl, S3Credentials};

use crate::error::Error;

/// The file store's address.
#[derive(Debug, Clone, Default, Args)]
pub struct FilesArgs {
    #[arg(
        long = "files",
        env = "VIVIER_FILES",
        default_value = "file://data/files",
        value_name = "URL",
        global = true,
        hide_env_values = true,
        help = "Où garder les CV : file://dossier ou s3://seau/préfixe?endpoint=https://…&region=… (identifiants dans VIVIER_S3_ACCESS_KEY_ID et VIVIER_S3_SECRET_ACCESS_KEY)"
    )]
    pub files: FilesUrl,
}

impl FilesArgs {
    /// Opens the store, with the S3 credentials of the environment.
    pub async fn open(&self) -> Result<Arc<dyn FileStore>, Error> {
        let variable = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        let credentials = match (
            variable("VIVIER_S3_ACCESS_KEY_ID"),
            variable("VIVIER_S3_SECRET_ACCESS_KEY"),
        ) {
            (Some(access_key_id), Some(secret_access_key)) => Some(S3Credentials {
                access_key_id,
                secret_access_key,
            }),
            _ => None,
        };
        vivier_files::objects::open(&self.files, credentials)
            .await
            .map_err(|error| Error::Files(error.to_string()))
    }
}
