//! Downloading an export to a temporary file, with its SHA-256 computed on the way.

use std::io::Write;
use std::time::Duration;

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;
use url::Url;

/// Largest file downloaded (a real CSP file is ~85 MB).
pub const MAX_DOWNLOAD_BYTES: u64 = 1 << 30;

/// How long a download may take, in all.
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// Why a download failed, in French.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("téléchargement de {url} impossible : {message}")]
    Http { url: Url, message: String },
    #[error("téléchargement de {url} refusé par le serveur : statut HTTP {status}")]
    Status { url: Url, status: u16 },
    #[error("le fichier de {url} dépasse {} Mo : téléchargement arrêté", MAX_DOWNLOAD_BYTES >> 20)]
    TooLarge { url: Url },
    #[error("écriture du fichier téléchargé impossible : {0}")]
    Io(#[from] std::io::Error),
}

/// A downloaded file, deleted when dropped.
#[derive(Debug)]
pub struct Downloaded {
    pub file: NamedTempFile,
    pub bytes: u64,
    /// SHA-256, hexadecimal.
    pub checksum: String,
}

/// Makes ring the process's TLS provider (reqwest is built without one); idempotent.
fn install_crypto_provider() {
    // `Err` means a provider is installed already, which is all that is needed.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Downloads `url` into a temporary file.
pub async fn download(url: &Url) -> Result<Downloaded, FetchError> {
    install_crypto_provider();
    let http = |error: reqwest::Error| FetchError::Http {
        url: url.clone(),
        message: error.without_url().to_string(),
    };
    let client = reqwest::Client::builder()
        .user_agent(concat!("vivier/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(30))
        .timeout(DOWNLOAD_TIMEOUT)
        .build()
        .map_err(http)?;
    let mut response = client.get(url.clone()).send().await.map_err(http)?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status {
            url: url.clone(),
            status: status.as_u16(),
        });
    }
    if response
        .content_length()
        .is_some_and(|length| length > MAX_DOWNLOAD_BYTES)
    {
        return Err(FetchError::TooLarge { url: url.clone() });
    }
    let mut file = NamedTempFile::with_prefix("vivier-import-")?;
    let mut hasher = Sha256::new();
    let mut bytes = 0u64;
    while let Some(chunk) = response.chunk().await.map_err(http)? {
        bytes += chunk.len() as u64;
        if bytes > MAX_DOWNLOAD_BYTES {
            return Err(FetchError::TooLarge { url: url.clone() });
        }
        hasher.update(&chunk);
        file.write_all(&chunk)?;
    }
    file.flush()?;
    Ok(Downloaded {
        file,
        bytes,
        checksum: hex::encode(hasher.finalize()),
    })
}
