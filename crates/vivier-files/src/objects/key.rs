//! Object keys: what the application names its files with, checked once.

use rand::Rng;

/// The key of an object: 1 to 256 characters among `a-z 0-9 _ -` and `/` between non-empty
/// segments (`cv/0f3a…`). No dot, so no `..`; no leading `/`: a key is always a path inside the
/// store's root, on a disk as in a bucket.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectKey(String);

/// A prefix of keys: empty (every key), or the beginning of a key (`cv/`, `cv/0f`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeyPrefix(String);

/// A key or prefix that breaks the rules above.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid object key {key:?}: {reason}")]
pub struct InvalidKey {
    pub key: String,
    pub reason: &'static str,
}

const MAX_LEN: usize = 256;

fn allowed(c: char) -> bool {
    matches!(c, 'a'..='z' | '0'..='9' | '_' | '-' | '/')
}

fn check(key: &str, allow_trailing_slash: bool) -> Result<(), &'static str> {
    if key.len() > MAX_LEN {
        return Err("longer than 256 characters");
    }
    if !key.chars().all(allowed) {
        return Err("only a-z, 0-9, _, - and / are allowed");
    }
    if key.starts_with('/') {
        return Err("starts with /");
    }
    if key.contains("//") {
        return Err("has an empty segment");
    }
    if key.ends_with('/') && !allow_trailing_slash {
        return Err("ends with /");
    }
    Ok(())
}

impl ObjectKey {
    /// Checks a key.
    pub fn parse(key: &str) -> Result<ObjectKey, InvalidKey> {
        let invalid = |reason| InvalidKey {
            key: key.to_owned(),
            reason,
        };
        if key.is_empty() {
            return Err(invalid("empty"));
        }
        check(key, false).map_err(invalid)?;
        Ok(ObjectKey(key.to_owned()))
    }

    /// A new key `<folder>/<32 random hex digits>` (128 bits: never guessed, never reused).
    pub fn random(folder: &str) -> Result<ObjectKey, InvalidKey> {
        let bits: u128 = rand::rng().random();
        ObjectKey::parse(&format!("{folder}/{bits:032x}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for ObjectKey {
    type Err = InvalidKey;

    fn from_str(key: &str) -> Result<Self, Self::Err> {
        ObjectKey::parse(key)
    }
}

impl KeyPrefix {
    /// Checks a prefix (empty, or a key's beginning, possibly ending with `/`).
    pub fn parse(prefix: &str) -> Result<KeyPrefix, InvalidKey> {
        check(prefix, true).map_err(|reason| InvalidKey {
            key: prefix.to_owned(),
            reason,
        })?;
        Ok(KeyPrefix(prefix.to_owned()))
    }

    /// The empty prefix: every key.
    pub fn all() -> KeyPrefix {
        KeyPrefix(String::new())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The folder to list to find the keys with this prefix: up to its last `/`.
    pub(crate) fn folder(&self) -> &str {
        self.0.rfind('/').map_or("", |slash| &self.0[..slash])
    }

    pub(crate) fn matches(&self, key: &str) -> bool {
        key.starts_with(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_inside_the_root() {
        for good in ["cv/0123abcd", "a", "candidats/42/cv_2024-01"] {
            assert_eq!(
                ObjectKey::parse(good).map(|k| k.to_string()),
                Ok(good.to_owned())
            );
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "cv/../../x",
            "cv/./x",
            "cv//x",
            "cv/",
            "CV/x",
            "cv x",
            "cv\\x",
            "cv/\u{e9}",
            "cv\0",
            "c:x",
        ] {
            assert!(ObjectKey::parse(bad).is_err(), "{bad:?}");
        }
        assert!(ObjectKey::parse(&"a".repeat(257)).is_err());
    }

    #[test]
    fn random_keys_are_distinct_and_valid() {
        let a = ObjectKey::random("cv").expect("key");
        let b = ObjectKey::random("cv").expect("key");
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 3 + 32);
        assert!(ObjectKey::random("../x").is_err());
    }

    #[test]
    fn prefixes_name_a_folder_to_list() {
        assert_eq!(
            KeyPrefix::parse("cv/0f").map(|p| p.folder().to_owned()),
            Ok("cv".to_owned())
        );
        assert_eq!(
            KeyPrefix::parse("cv/").map(|p| p.folder().to_owned()),
            Ok("cv".to_owned())
        );
        assert_eq!(KeyPrefix::all().folder(), "");
        assert!(KeyPrefix::parse("/cv").is_err());
        assert!(KeyPrefix::parse("..").is_err());
    }
}
