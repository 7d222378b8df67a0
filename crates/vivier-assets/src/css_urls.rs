//! Finds the files a stylesheet points to with `url(...)`.
//!
//! Shared by the build script, which copies those files next to the stylesheet, and by the
//! crate's tests, which check that every one of them is embedded.

use std::collections::BTreeSet;

/// The local files referenced by `url(...)` in `css`, resolved against the folder of `css_path`
/// (`utility/icons/icons.min.css` + `../../icons/x.svg` → `icons/x.svg`).
///
/// Data URIs, absolute paths, remote URLs and fragment-only references are skipped; queries and
/// fragments are cut off. A reference that climbs above the root is an error.
pub fn local_references(css_path: &str, css: &str) -> Result<BTreeSet<String>, String> {
    let base: Vec<&str> = match css_path.rsplit_once('/') {
        Some((folder, _)) => folder.split('/').collect(),
        None => Vec::new(),
    };
    let mut found = BTreeSet::new();
    let mut rest = css;
    while let Some(start) = rest.find("url(") {
        rest = &rest[start + "url(".len()..];
        let trimmed = rest.trim_start();
        let (target, after) = match trimmed.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &trimmed[1..];
                let end = inner.find(quote).unwrap_or(inner.len());
                (&inner[..end], &inner[(end + 1).min(inner.len())..])
            }
            _ => {
                let end = trimmed.find(')').unwrap_or(trimmed.len());
                (trimmed[..end].trim_end(), &trimmed[end..])
            }
        };
        rest = after;
        if let Some(path) = local_target(target) {
            found.insert(
                resolve(&base, path).ok_or_else(|| {
                    format!("{css_path}: url({target}) points outside the package")
                })?,
            );
        }
    }
    Ok(found)
}

/// The path part of a `url()` target, if it names a local file.
fn local_target(target: &str) -> Option<&str> {
    let lower = target.to_ascii_lowercase();
    let external = ["data:", "http:", "https:", "about:", "//", "/", "#"];
    if target.is_empty() || external.iter().any(|prefix| lower.starts_with(prefix)) {
        return None;
    }
    let path = target.split(['?', '#']).next().unwrap_or(target);
    (!path.is_empty()).then_some(path)
}

/// Joins a relative path to a folder, applying `.` and `..`.
fn resolve(base: &[&str], relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.to_vec();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quoted_and_unquoted_references() {
        let css = r#"@font-face{src:url(fonts/a.woff2) format("woff2"),url( 'fonts/a.woff' )}
            .x{background:url("data:image/svg+xml;charset=utf-8,<svg viewBox='0 0 1 1'/>")}
            .y{mask:url(../icons/b.svg#frag)}.z{background:url("img/c.png?v=1")}
            .w{filter:url(#shadow)}.v{background:url(https://example.org/d.png)}"#;
        let found = local_references("css/site.css", css).unwrap();
        let expected = [
            "css/fonts/a.woff",
            "css/fonts/a.woff2",
            "css/img/c.png",
            "icons/b.svg",
        ];
        assert_eq!(
            found.iter().map(String::as_str).collect::<Vec<_>>(),
            expected
        );
    }

    #[test]
    fn refuses_references_above_the_root() {
        assert!(local_references("site.css", ".a{background:url(../x.png)}").is_err());
        assert_eq!(
            local_references("a/b/site.css", ".a{background:url(../../x.png)}").unwrap(),
            BTreeSet::from(["x.png".to_owned()])
        );
    }
}
