//! One contract for every file store, run on a local directory and on a real S3 server
//! (s3s's file-system backend) listening on the loopback.

use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;

use bytes::Bytes;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use vivier_files::objects::{
    FileStore, FilesUrl, KeyPrefix, ObjectKey, OpenError, S3Credentials, open,
};

fn key(text: &str) -> ObjectKey {
    ObjectKey::parse(text).expect("key")
}

fn prefix(text: &str) -> KeyPrefix {
    KeyPrefix::parse(text).expect("prefix")
}

async fn keys(store: &dyn FileStore, under: &str) -> Vec<String> {
    let keys = store.keys(&prefix(under)).await.expect("keys");
    keys.iter().map(ToString::to_string).collect()
}

/// What every store does, as the application relies on it.
async fn contract(store: &dyn FileStore) {
    let cv = key("cv/0123456789abcdef0123456789abcdef");
    let other_cv = key("cv/fedcba9876543210fedcba9876543210");
    let photo = key("photos/candidats/42");
    assert_eq!(store.get(&cv).await.expect("get"), None, "nothing yet");
    assert_eq!(keys(store, "").await, Vec::<String>::new());

    store
        .put(&cv, Bytes::from_static(b"%PDF-1.7 first"))
        .await
        .expect("put");
    assert_eq!(
        store.get(&cv).await.expect("get"),
        Some(Bytes::from_static(b"%PDF-1.7 first"))
    );
    store
        .put(&cv, Bytes::from_static(b"%PDF-1.7 second"))
        .await
        .expect("replace");
    assert_eq!(
        store.get(&cv).await.expect("get"),
        Some(Bytes::from_static(b"%PDF-1.7 second"))
    );

    // Binary content of a real CV's size comes back byte for byte.
    let big: Vec<u8> = (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    store
        .put(&other_cv, Bytes::from(big.clone()))
        .await
        .expect("put");
    assert_eq!(
        store.get(&other_cv).await.expect("get").as_deref(),
        Some(big.as_slice())
    );
    store.put(&photo, Bytes::new()).await.expect("put empty");
    assert_eq!(store.get(&photo).await.expect("get"), Some(Bytes::new()));

    assert_eq!(
        keys(store, "").await,
        [cv.as_str(), other_cv.as_str(), photo.as_str()]
    );
    assert_eq!(keys(store, "cv/").await, [cv.as_str(), other_cv.as_str()]);
    assert_eq!(keys(store, "cv/f").await, [other_cv.as_str()]);
    assert_eq!(keys(store, "photos").await, [photo.as_str()]);
    assert_eq!(keys(store, "lettres/").await, Vec::<String>::new());

    store.delete(&cv).await.expect("delete");
    assert_eq!(store.get(&cv).await.expect("get"), None);
    store.delete(&cv).await.expect("deleting again succeeds");
    store
        .delete(&key("cv/never"))
        .await
        .expect("deleting what never was succeeds");
    assert_eq!(keys(store, "cv/").await, [other_cv.as_str()]);

    for key in [other_cv, photo] {
        store.delete(&key).await.expect("delete");
    }
    assert_eq!(keys(store, "").await, Vec::<String>::new(), "erased");
}

#[tokio::test]
async fn local_store_passes_the_contract() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = FilesUrl::Local(dir.path().join("files"));
    let store = open(&url, None).await.expect("open");
    contract(store.as_ref()).await;
}

#[tokio::test]
async fn local_files_are_private_written_whole_and_their_folder_made_on_first_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("data/files");
    let store = open(&FilesUrl::Local(root.clone()), None)
        .await
        .expect("open");
    assert!(!root.exists(), "nothing is created before the first file");

    store
        .put(&key("cv/abc"), Bytes::from_static(b"cv"))
        .await
        .expect("put");
    let mode = |path: &std::path::Path| {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&root.join("cv/abc")), 0o600);
    assert_eq!(mode(&root.join("cv")), 0o700);
    let names: Vec<_> = std::fs::read_dir(root.join("cv"))
        .expect("list")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["abc"], "no temporary file left behind");

    // Files put there by hand, or left by a crash mid-write, are not objects.
    std::fs::write(root.join("README.md"), "notes").expect("write");
    std::fs::write(root.join("cv/.tmp-0123"), "half").expect("write");
    assert_eq!(keys(store.as_ref(), "").await, ["cv/abc"]);
}

#[tokio::test]
async fn a_local_path_that_is_a_file_is_refused_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("files");
    std::fs::write(&file, "").expect("write");
    let opened = open(&FilesUrl::Local(file), None).await;
    assert!(
        matches!(opened, Err(OpenError::NotADirectory { .. })),
        "{opened:?}"
    );
}

/// A real S3 server on the loopback, storing into a temporary directory; returns its address.
async fn s3_server(root: &std::path::Path, bucket: &str, credentials: &S3Credentials) -> String {
    std::fs::create_dir_all(root.join(bucket)).expect("bucket");
    let fs = s3s_fs::FileSystem::new(root).expect("s3s-fs");
    let mut builder = s3s::service::S3ServiceBuilder::new(fs);
    builder.set_auth(s3s::auth::SimpleAuth::from_single(
        credentials.access_key_id.clone(),
        credentials.secret_access_key.clone(),
    ));
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let service = service.clone();
            tokio::spawn(async move {
                let _ = ConnBuilder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(socket), service)
                    .await;
            });
        }
    });
    format!("http://{address}")
}

fn credentials() -> S3Credentials {
    S3Credentials {
        access_key_id: "vivier-test".to_owned(),
        secret_access_key: "a-secret-for-the-loopback".to_owned(),
    }
}

async fn s3_store(endpoint: &str, prefix: &str, credentials: S3Credentials) -> Arc<dyn FileStore> {
    let url: FilesUrl = format!("s3://vivier/{prefix}?endpoint={endpoint}&region=fr-par")
        .parse()
        .expect("url");
    open(&url, Some(credentials)).await.expect("open")
}

#[tokio::test]
async fn s3_store_passes_the_contract() {
    let dir = tempfile::tempdir().expect("tempdir");
    let endpoint = s3_server(dir.path(), "vivier", &credentials()).await;
    let store = s3_store(&endpoint, "prod/files", credentials()).await;
    contract(store.as_ref()).await;
}

#[tokio::test]
async fn s3_prefixes_share_a_bucket_without_seeing_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let endpoint = s3_server(dir.path(), "vivier", &credentials()).await;
    let production = s3_store(&endpoint, "prod", credentials()).await;
    let staging = s3_store(&endpoint, "recette", credentials()).await;
    production
        .put(&key("cv/a1"), Bytes::from_static(b"prod"))
        .await
        .expect("put");
    staging
        .put(&key("cv/a1"), Bytes::from_static(b"recette"))
        .await
        .expect("put");
    assert_eq!(
        production.get(&key("cv/a1")).await.expect("get"),
        Some(Bytes::from_static(b"prod"))
    );
    staging.delete(&key("cv/a1")).await.expect("delete");
    assert_eq!(keys(staging.as_ref(), "").await, Vec::<String>::new());
    assert_eq!(keys(production.as_ref(), "").await, ["cv/a1"]);
    // The object is where the prefix says, in the server's own storage.
    assert!(dir.path().join("vivier/prod/cv/a1").is_file());
}

#[tokio::test]
async fn s3_with_a_wrong_secret_fails_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let endpoint = s3_server(dir.path(), "vivier", &credentials()).await;
    let wrong = S3Credentials {
        secret_access_key: "not-the-secret".to_owned(),
        ..credentials()
    };
    let store = s3_store(&endpoint, "", wrong).await;
    let put = store.put(&key("cv/a1"), Bytes::from_static(b"x")).await;
    assert!(put.is_err());
    assert!(
        store.get(&key("cv/a1")).await.is_err(),
        "refused, not mistaken for missing"
    );
}

#[tokio::test]
async fn s3_without_credentials_is_refused_at_start() {
    let url: FilesUrl = "s3://vivier?endpoint=https://s3.fr-par.scw.cloud&region=fr-par"
        .parse()
        .expect("url");
    let opened = open(&url, None).await;
    assert!(
        matches!(opened, Err(OpenError::MissingCredentials)),
        "{opened:?}"
    );
    assert!(
        OpenError::MissingCredentials
            .to_string()
            .contains("VIVIER_S3_SECRET_ACCESS_KEY")
    );
}
