//! Objects in a bucket of an S3-compatible service, through Apache Arrow's `object_store`.

use std::time::Duration;

use bytes::Bytes;
use futures_util::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{ClientOptions, ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};

use super::url::S3Location;
use super::{FileStore, KeyPrefix, ObjectKey, S3Credentials, StoreError};

/// A bucket (and a prefix in it) of an S3-compatible service.
///
/// A put is one request, which the service applies whole or not at all. Objects are written
/// without ACL, so they keep the bucket's default: private. Requests time out after 30 s and
/// are retried twice at most, so a call never hangs a page for minutes.
#[derive(Debug)]
pub struct S3Store {
    client: AmazonS3,
    /// `prefix/` or empty.
    prefix: String,
}

impl S3Store {
    pub fn new(location: &S3Location, credentials: &S3Credentials) -> object_store::Result<Self> {
        // reqwest is built without a bundled provider: use ring, as the rest of Vivier does
        // (installing it again is harmless).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&location.bucket)
            .with_region(&location.region)
            .with_access_key_id(&credentials.access_key_id)
            .with_secret_access_key(&credentials.secret_access_key)
            .with_virtual_hosted_style_request(location.virtual_hosted)
            .with_client_options(
                ClientOptions::new()
                    .with_timeout(Duration::from_secs(30))
                    .with_connect_timeout(Duration::from_secs(5)),
            )
            .with_retry(RetryConfig {
                max_retries: 2,
                retry_timeout: Duration::from_secs(30),
                ..RetryConfig::default()
            });
        if let Some(endpoint) = &location.endpoint {
            // http:// is only accepted on the loopback (checked when the URL was parsed).
            builder = builder
                .with_allow_http(endpoint.scheme() == "http")
                .with_endpoint(bucket_endpoint(location, endpoint));
        }
        let prefix = if location.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", location.prefix)
        };
        Ok(S3Store {
            client: builder.build()?,
            prefix,
        })
    }

    fn path(&self, key: &str) -> Path {
        Path::from(format!("{}{key}", self.prefix))
    }
}

/// The endpoint as `object_store` wants it: with the bucket in the host name for virtual-hosted
/// addressing, as the service's own.
fn bucket_endpoint(location: &S3Location, endpoint: &url::Url) -> String {
    let base = endpoint.as_str().trim_end_matches('/');
    if !location.virtual_hosted {
        return base.to_owned();
    }
    let host = endpoint.host_str().unwrap_or_default();
    let port = endpoint.port().map(|p| format!(":{p}")).unwrap_or_default();
    format!("{}://{}.{host}{port}", endpoint.scheme(), location.bucket)
}

fn error(operation: &'static str, key: &str) -> impl FnOnce(object_store::Error) -> StoreError {
    let key = key.to_owned();
    move |source| StoreError::S3 {
        operation,
        key,
        source,
    }
}

#[async_trait::async_trait]
impl FileStore for S3Store {
    async fn put(&self, key: &ObjectKey, bytes: Bytes) -> Result<(), StoreError> {
        self.client
            .put(&self.path(key.as_str()), PutPayload::from_bytes(bytes))
            .await
            .map(drop)
            .map_err(error("put", key.as_str()))
    }

    async fn get(&self, key: &ObjectKey) -> Result<Option<Bytes>, StoreError> {
        let result = match self.client.get(&self.path(key.as_str())).await {
            Ok(result) => result,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(error("get", key.as_str())(e)),
        };
        result
            .bytes()
            .await
            .map(Some)
            .map_err(error("get", key.as_str()))
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), StoreError> {
        match self.client.delete(&self.path(key.as_str())).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(error("delete", key.as_str())(e)),
        }
    }

    async fn keys(&self, prefix: &KeyPrefix) -> Result<Vec<ObjectKey>, StoreError> {
        let folder = format!("{}{}", self.prefix, prefix.folder());
        let folder = folder.trim_end_matches('/');
        let listed = if folder.is_empty() {
            self.client.list(None)
        } else {
            self.client.list(Some(&Path::from(folder)))
        };
        let objects: Vec<_> = listed
            .try_collect()
            .await
            .map_err(error("list", prefix.as_str()))?;
        let mut keys: Vec<ObjectKey> = objects
            .iter()
            .filter_map(|object| object.location.as_ref().strip_prefix(&self.prefix))
            .filter(|key| prefix.matches(key))
            // Objects put there by other means, with names Vivier never gives, are not its own.
            .filter_map(|key| ObjectKey::parse(key).ok())
            .collect();
        keys.sort();
        Ok(keys)
    }
}
