//! `VIVIER_FILES`: where files are kept, as one URL.

use std::net::IpAddr;
use std::path::PathBuf;
use std::str::FromStr;

use url::Url;

use super::key::KeyPrefix;

/// Where files are kept.
///
/// - `file://data/files` (the default; relative to the working directory) or
///   `file:///absolute/path`;
/// - `s3://bucket[/prefix]?endpoint=https://s3.fr-par.scw.cloud&region=fr-par[&addressing=virtual]`:
///   a bucket of an S3-compatible service. Without `endpoint`, Amazon S3 itself. `addressing` is
///   `path` (the default: `https://endpoint/bucket/key`, which every service accepts) or
///   `virtual` (`https://bucket.endpoint/key`). The endpoint may be `http://` on the loopback
///   only (a local MinIO): elsewhere the access key would travel in clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilesUrl {
    Local(PathBuf),
    S3(S3Location),
}

/// A bucket, a prefix inside it, and how to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    pub bucket: String,
    /// Keys are stored under `prefix/` (empty: at the bucket's root).
    pub prefix: String,
    /// The service's address; `None` for Amazon S3.
    pub endpoint: Option<Url>,
    pub region: String,
    pub virtual_hosted: bool,
}

/// A `VIVIER_FILES` that cannot be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "VIVIER_FILES invalide ({reason}) : attendu file://chemin/vers/dossier ou s3://compartiment/préfixe?endpoint=https://…&region=…"
)]
pub struct InvalidFilesUrl {
    pub reason: String,
}

impl Default for FilesUrl {
    fn default() -> Self {
        FilesUrl::Local(PathBuf::from("data/files"))
    }
}

impl FromStr for FilesUrl {
    type Err = InvalidFilesUrl;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        let invalid = |reason: &str| InvalidFilesUrl {
            reason: reason.to_owned(),
        };
        let url = url.trim();
        if let Some(path) = url.strip_prefix("file://") {
            if path.contains(['?', '#']) {
                return Err(invalid("une adresse file:// n’a pas d’options"));
            }
            if path.is_empty() || path == "/" {
                return Err(invalid("le chemin du dossier est vide"));
            }
            if path.contains('\0') {
                return Err(invalid("le chemin du dossier contient un caractère nul"));
            }
            return Ok(FilesUrl::Local(PathBuf::from(path)));
        }
        if url.starts_with("s3://") {
            return parse_s3(url).map(FilesUrl::S3).map_err(|r| invalid(&r));
        }
        Err(invalid("schéma inconnu"))
    }
}

fn parse_s3(text: &str) -> Result<S3Location, String> {
    let url = Url::parse(text).map_err(|e| e.to_string())?;
    let bucket = url.host_str().unwrap_or_default().to_owned();
    let valid_bucket = (3..=63).contains(&bucket.len())
        && bucket
            .chars()
            .all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '.'))
        && !bucket.starts_with(['-', '.'])
        && !bucket.ends_with(['-', '.']);
    if !valid_bucket {
        return Err(format!("nom de compartiment invalide « {bucket} »"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "la clé d’accès se donne par VIVIER_S3_ACCESS_KEY_ID et VIVIER_S3_SECRET_ACCESS_KEY, pas dans l’adresse"
                .to_owned(),
        );
    }
    if url.port().is_some() || url.fragment().is_some() {
        return Err("port ou fragment inattendu après le compartiment".to_owned());
    }
    let prefix = url.path().trim_matches('/').to_owned();
    if !prefix.is_empty() && (KeyPrefix::parse(&prefix).is_err() || prefix.ends_with('/')) {
        return Err(format!(
            "préfixe invalide « {prefix} » (lettres minuscules, chiffres, _, - et /)"
        ));
    }
    let mut location = S3Location {
        bucket,
        prefix,
        endpoint: None,
        region: "us-east-1".to_owned(),
        virtual_hosted: false,
    };
    for (name, value) in url.query_pairs() {
        match &*name {
            "endpoint" => location.endpoint = Some(parse_endpoint(&value)?),
            "region" if !value.is_empty() => location.region = value.into_owned(),
            "addressing" => {
                location.virtual_hosted = match &*value {
                    "path" => false,
                    "virtual" => true,
                    _ => return Err("addressing vaut path ou virtual".to_owned()),
                }
            }
            _ => return Err(format!("option inconnue « {name} »")),
        }
    }
    Ok(location)
}

fn parse_endpoint(value: &str) -> Result<Url, String> {
    let endpoint = Url::parse(value).map_err(|e| format!("endpoint invalide : {e}"))?;
    let host = endpoint.host_str().unwrap_or_default();
    if host.is_empty() || endpoint.path() != "/" || endpoint.query().is_some() {
        return Err("endpoint : attendu https://hôte[:port], sans chemin".to_owned());
    }
    match endpoint.scheme() {
        "https" => Ok(endpoint),
        "http" if is_loopback(host) => Ok(endpoint),
        "http" => Err("endpoint en http:// : seulement sur la boucle locale".to_owned()),
        _ => Err("endpoint : attendu https://".to_owned()),
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3(text: &str) -> S3Location {
        match text.parse() {
            Ok(FilesUrl::S3(location)) => location,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn local_directories_relative_or_absolute() {
        assert_eq!("file://data/files".parse(), Ok(FilesUrl::default()));
        assert_eq!(
            "file:///srv/vivier/files".parse(),
            Ok(FilesUrl::Local(PathBuf::from("/srv/vivier/files")))
        );
    }

    #[test]
    fn s3_buckets_with_their_service() {
        let location =
            s3("s3://vivier-cv/prod/files?endpoint=https://s3.fr-par.scw.cloud&region=fr-par");
        assert_eq!(location.bucket, "vivier-cv");
        assert_eq!(location.prefix, "prod/files");
        assert_eq!(
            location.endpoint.as_ref().map(Url::as_str),
            Some("https://s3.fr-par.scw.cloud/")
        );
        assert_eq!(location.region, "fr-par");
        assert!(!location.virtual_hosted);
        let location = s3("s3://vivier-cv?addressing=virtual");
        assert_eq!(
            (
                location.prefix.as_str(),
                location.endpoint,
                location.region.as_str()
            ),
            ("", None, "us-east-1")
        );
        assert!(location.virtual_hosted);
        assert!(
            s3("s3://local?endpoint=http://127.0.0.1:9000")
                .endpoint
                .is_some()
        );
    }

    #[test]
    fn mistakes_are_refused_with_the_reason_in_french() {
        for (text, reason) in [
            ("", "schéma inconnu"),
            ("data/files", "schéma inconnu"),
            ("file://", "le chemin du dossier est vide"),
            ("file://data?x=1", "une adresse file:// n’a pas d’options"),
            ("s3://A_B", "nom de compartiment invalide « A_B »"),
            (
                "s3://bucket?endpoint=http://s3.example.org",
                "endpoint en http:// : seulement sur la boucle locale",
            ),
            (
                "s3://bucket?endpoint=https://s3.example.org/path",
                "endpoint : attendu https://hôte[:port], sans chemin",
            ),
            ("s3://bucket?regoin=fr-par", "option inconnue « regoin »"),
            (
                "s3://bucket?addressing=dns",
                "addressing vaut path ou virtual",
            ),
            (
                "s3://bucket/Prod",
                "préfixe invalide « Prod » (lettres minuscules, chiffres, _, - et /)",
            ),
        ] {
            assert_eq!(
                text.parse::<FilesUrl>().map_err(|e| e.reason),
                Err(reason.to_owned()),
                "{text}"
            );
        }
        let error = "s3://key:secret@bucket"
            .parse::<FilesUrl>()
            .map_err(|e| e.to_string());
        assert!(
            error.is_err_and(|e| e.starts_with("VIVIER_FILES invalide (la clé d’accès se donne"))
        );
    }
}
