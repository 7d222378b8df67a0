//! The State design system (DSFR), embedded.

use std::collections::HashMap;
use std::sync::OnceLock;

use include_dir::{Dir, include_dir};

/// The version of `@gouvfr/dsfr` embedded, as read from the installed package at build time
/// (and checked against the exact version pinned in `package.json`). Handy in asset URLs, so
/// that they can be cached for good.
pub const DSFR_VERSION: &str = env!("VIVIER_DSFR_VERSION");

/// The served part of the DSFR's `dist/` folder, paths as in the package: `dsfr.min.css`,
/// `dsfr.module.min.js`, `dsfr.nomodule.min.js`, `utility/icons/icons.min.css`, `icons/**`,
/// `fonts/**`, `favicon/**`, plus anything else the stylesheets point to.
pub static DSFR: Dir<'static> = include_dir!("$OUT_DIR/dsfr");

/// The content of an embedded DSFR file, by its path relative to `dist/` without a leading
/// slash (`dsfr.min.css`, `fonts/Marianne-Regular.woff2`). Constant time after the first call.
pub fn dsfr_file(path: &str) -> Option<&'static [u8]> {
    static INDEX: OnceLock<HashMap<String, &'static [u8]>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut index = HashMap::new();
            add_files(&DSFR, &mut index);
            index
        })
        .get(path)
        .copied()
}

fn add_files(dir: &'static Dir<'static>, index: &mut HashMap<String, &'static [u8]>) {
    for file in dir.files() {
        // include_dir keeps the build machine's separators: normalise them for look-ups.
        let path = file.path().to_string_lossy().replace('\\', "/");
        index.insert(path, file.contents());
    }
    for sub in dir.dirs() {
        add_files(sub, index);
    }
}

/// The `Content-Type` to serve a file with, from its extension (case-insensitive);
/// `application/octet-stream` when unknown.
pub fn content_type(path: &str) -> &'static str {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let Some((_, extension)) = file_name.rsplit_once('.') else {
        return "application/octet-stream";
    };
    match extension.to_ascii_lowercase().as_str() {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "webmanifest" => "application/manifest+json",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::css_urls::local_references;

    #[test]
    fn version_is_the_pinned_one() {
        assert_eq!(DSFR_VERSION, "1.15.3");
    }

    #[test]
    fn main_files_are_embedded() {
        for path in [
            "dsfr.min.css",
            "dsfr.module.min.js",
            "dsfr.nomodule.min.js",
            "utility/icons/icons.min.css",
            "fonts/Marianne-Regular.woff2",
            "fonts/Marianne-Regular.woff",
            "favicon/favicon.svg",
            "favicon/favicon.ico",
            "favicon/apple-touch-icon.png",
            "favicon/manifest.webmanifest",
        ] {
            let content = dsfr_file(path).unwrap_or_else(|| panic!("{path} is not embedded"));
            assert!(!content.is_empty(), "{path} is empty");
        }
        assert!(dsfr_file("/dsfr.min.css").is_none());
        assert!(dsfr_file("nope.css").is_none());
    }

    #[test]
    fn only_the_served_subset_is_embedded() {
        let mut paths = Vec::new();
        collect(&DSFR, &mut paths);
        for path in &paths {
            assert!(!path.ends_with(".map"), "source map embedded: {path}");
            assert!(
                !path.starts_with("component/") && !path.starts_with("core/"),
                "per-component file embedded: {path}"
            );
        }
    }

    fn collect(dir: &'static Dir<'static>, paths: &mut Vec<String>) {
        paths.extend(
            dir.files()
                .map(|f| f.path().to_string_lossy().replace('\\', "/")),
        );
        for sub in dir.dirs() {
            collect(sub, paths);
        }
    }

    #[test]
    fn every_stylesheet_reference_is_embedded() {
        for stylesheet in ["dsfr.min.css", "utility/icons/icons.min.css"] {
            let css = std::str::from_utf8(dsfr_file(stylesheet).unwrap()).unwrap();
            let references = local_references(stylesheet, css).unwrap();
            assert!(!references.is_empty(), "no url() found in {stylesheet}");
            let missing: Vec<_> = references
                .iter()
                .filter(|r| dsfr_file(r).is_none())
                .collect();
            assert!(
                missing.is_empty(),
                "{stylesheet} references missing files: {missing:?}"
            );
        }
        // The manifest's icons too.
        let manifest = std::str::from_utf8(dsfr_file("favicon/manifest.webmanifest").unwrap());
        for icon in manifest.unwrap().split('"').filter(|s| s.ends_with(".png")) {
            assert!(
                dsfr_file(&format!("favicon/{icon}")).is_some(),
                "favicon/{icon}"
            );
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("dsfr.min.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("dsfr.module.min.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("fonts/Marianne-Bold.woff2"), "font/woff2");
        assert_eq!(content_type("fonts/Marianne-Bold.WOFF"), "font/woff");
        assert_eq!(content_type("icons/system/close-line.svg"), "image/svg+xml");
        assert_eq!(content_type("favicon/apple-touch-icon.png"), "image/png");
        assert_eq!(content_type("favicon/favicon.ico"), "image/x-icon");
        assert_eq!(
            content_type("favicon/manifest.webmanifest"),
            "application/manifest+json"
        );
        assert_eq!(content_type("data.json"), "application/json");
        assert_eq!(content_type("README"), "application/octet-stream");
        assert_eq!(content_type("some.dir/README"), "application/octet-stream");
    }
}
