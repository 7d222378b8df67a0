//! Fetches the pinned npm packages (the DSFR and the INSEE geography) into `$OUT_DIR/npm`,
//! copies the part of the DSFR that the site serves into `$OUT_DIR/dsfr`, and flattens the
//! geography into `$OUT_DIR/geo.tsv`. Nothing third-party is committed to the repository: the
//! versions are pinned by the workspace's `package.json` and `package-lock.json`.

#[path = "src/css_urls.rs"]
mod css_urls;

use std::collections::{BTreeSet, HashSet};
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

const DSFR_PACKAGE: &str = "@gouvfr/dsfr";
const GEO_PACKAGE: &str = "@etalab/decoupage-administratif";

const NPM_MISSING: &str = "Vivier needs Node.js and npm to fetch the DSFR design system and the \
                           INSEE geography: install them (e.g. `apt-get install nodejs npm`) and \
                           build again.";

/// Single files of the DSFR's `dist/` that the site serves.
const DSFR_FILES: &[&str] = &[
    "dsfr.min.css",
    "dsfr.module.min.js",
    "dsfr.nomodule.min.js",
    "utility/icons/icons.min.css",
];

/// Folders of `dist/` copied whole, with the file extensions kept (`None`: every file).
const DSFR_FOLDERS: &[(&str, Option<&[&str]>)] = &[
    ("fonts", Some(&["woff2", "woff"])),
    ("icons", Some(&["svg"])),
    ("favicon", None),
];

/// Stylesheets whose `url(...)` targets must all be served (copied if not already).
const DSFR_STYLESHEETS: &[&str] = &["dsfr.min.css", "utility/icons/icons.min.css"];

/// Commune types kept: current communes, and the municipal arrondissements of Paris, Lyon and
/// Marseille (delegated and associated communes are left out).
const COMMUNE_TYPES: &[&str] = &["commune-actuelle", "arrondissement-municipal"];

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let root = manifest_dir.join("..").join("..");

    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/css_urls.rs");
    for name in ["package.json", "package-lock.json"] {
        println!("cargo:rerun-if-changed={}", root.join(name).display());
    }

    let node_modules = npm_install(&root, &out_dir);

    let dsfr = node_modules.join(DSFR_PACKAGE);
    let dsfr_version = installed_version(&root, &dsfr, DSFR_PACKAGE);
    println!("cargo:rustc-env=VIVIER_DSFR_VERSION={dsfr_version}");
    copy_dsfr(&dsfr.join("dist"), &out_dir.join("dsfr"));

    let geo = node_modules.join(GEO_PACKAGE);
    let geo_version = installed_version(&root, &geo, GEO_PACKAGE);
    println!("cargo:rustc-env=VIVIER_GEOGRAPHY_PACKAGE_VERSION={geo_version}");
    write_geography(&geo.join("data"), &out_dir.join("geo.tsv"));
}

// --- npm ---------------------------------------------------------------------------------------

/// Installs the locked packages into `$OUT_DIR/npm/node_modules` unless they are already there
/// for the same `package.json` and `package-lock.json`. Returns the `node_modules` folder.
fn npm_install(root: &Path, out_dir: &Path) -> PathBuf {
    let npm_dir = out_dir.join("npm");
    fs::create_dir_all(&npm_dir).unwrap_or_else(|e| panic!("creating {}: {e}", npm_dir.display()));

    let mut manifests = Vec::new();
    for name in ["package.json", "package-lock.json"] {
        let source = root.join(name);
        let content =
            fs::read(&source).unwrap_or_else(|e| panic!("reading {}: {e}", source.display()));
        let target = npm_dir.join(name);
        if fs::read(&target).ok().as_deref() != Some(content.as_slice()) {
            fs::write(&target, &content)
                .unwrap_or_else(|e| panic!("writing {}: {e}", target.display()));
        }
        manifests.extend_from_slice(name.as_bytes());
        manifests.push(0);
        manifests.extend_from_slice(&content);
        manifests.push(0);
    }
    let stamp = format!("fnv1a64 {:016x}\n", fnv1a64(&manifests));
    let stamp_path = npm_dir.join("vivier-npm-stamp");

    let node_modules = npm_dir.join("node_modules");
    let installed = [DSFR_PACKAGE, GEO_PACKAGE]
        .iter()
        .all(|package| node_modules.join(package).join("package.json").is_file());
    let current = fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp);
    if !(installed && current) {
        // Removed first so that an interrupted install is never taken for a complete one.
        let _ = fs::remove_file(&stamp_path);
        npm_ci(&npm_dir);
        fs::write(&stamp_path, stamp)
            .unwrap_or_else(|e| panic!("writing {}: {e}", stamp_path.display()));
    }
    node_modules
}

/// Runs `npm ci` in `dir`, without the packages' install scripts.
fn npm_ci(dir: &Path) {
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let output = Command::new(npm)
        .args([
            "ci",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--omit=dev",
        ])
        .current_dir(dir)
        .env("npm_config_update_notifier", "false")
        .output();
    let output = match output {
        Ok(output) => output,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!("{NPM_MISSING}"),
        Err(e) => panic!("{NPM_MISSING} (running `{npm}` failed: {e})"),
    };
    if !output.status.success() {
        // 127: `npm` is there but its interpreter, `node`, is not.
        let hint = if output.status.code() == Some(127) {
            NPM_MISSING
        } else {
            ""
        };
        panic!(
            "{hint}\n`npm ci` failed in {} ({}):\n{}",
            dir.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// FNV-1a, 64 bits: stable across Rust versions, enough to notice a changed lockfile.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[derive(Deserialize)]
struct PackageJson {
    version: Option<String>,
    #[serde(default)]
    dependencies: std::collections::BTreeMap<String, String>,
}

fn read_package_json(path: &Path) -> PackageJson {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// The installed version of `package`, checked against the exact version pinned in the
/// workspace's `package.json`.
fn installed_version(root: &Path, package_dir: &Path, package: &str) -> String {
    let pinned = read_package_json(&root.join("package.json"))
        .dependencies
        .remove(package)
        .unwrap_or_else(|| panic!("package.json must list {package} in its dependencies"));
    let installed = read_package_json(&package_dir.join("package.json"))
        .version
        .unwrap_or_else(|| panic!("{package}'s package.json has no version"));
    assert_eq!(
        installed, pinned,
        "{package}: version {installed} installed, but package.json pins {pinned} (versions must \
         be exact, and package-lock.json in line with package.json)"
    );
    installed
}

// --- DSFR --------------------------------------------------------------------------------------

/// Copies the served subset of the DSFR's `dist/` into `target`, keeping relative paths.
fn copy_dsfr(dist: &Path, target: &Path) {
    match fs::remove_dir_all(target) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => panic!("removing {}: {e}", target.display()),
    }
    let mut copied = BTreeSet::new();
    for file in DSFR_FILES {
        copy_file(dist, target, file);
        copied.insert((*file).to_owned());
    }
    for (folder, extensions) in DSFR_FOLDERS {
        let mut files = Vec::new();
        list_files(dist, folder, &mut files);
        for file in files {
            let extension = file.rsplit_once('.').map_or("", |(_, ext)| ext);
            if extensions.is_none_or(|keep| keep.contains(&extension)) {
                copy_file(dist, target, &file);
                copied.insert(file);
            }
        }
    }
    for stylesheet in DSFR_STYLESHEETS {
        let css = fs::read_to_string(dist.join(stylesheet))
            .unwrap_or_else(|e| panic!("reading the DSFR's {stylesheet}: {e}"));
        let references = css_urls::local_references(stylesheet, &css)
            .unwrap_or_else(|e| panic!("in the DSFR: {e}"));
        for reference in references {
            if !copied.contains(&reference) {
                assert!(
                    dist.join(&reference).is_file(),
                    "the DSFR's {stylesheet} references {reference}, which the package lacks"
                );
                copy_file(dist, target, &reference);
                copied.insert(reference);
            }
        }
    }
}

/// Appends to `files` the paths (relative to `base`, with `/`) of the files under `folder`.
fn list_files(base: &Path, folder: &str, files: &mut Vec<String>) {
    let dir = base.join(folder);
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()));
    let mut names: Vec<(String, bool)> = entries
        .map(|entry| {
            let entry = entry.unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()));
            let is_dir = entry
                .file_type()
                .unwrap_or_else(|e| panic!("reading {}: {e}", entry.path().display()))
                .is_dir();
            let name = entry.file_name().into_string().unwrap_or_else(|name| {
                panic!("non UTF-8 file name in {}: {name:?}", dir.display())
            });
            (name, is_dir)
        })
        .collect();
    names.sort();
    for (name, is_dir) in names {
        let path = format!("{folder}/{name}");
        if is_dir {
            list_files(base, &path, files);
        } else {
            files.push(path);
        }
    }
}

fn copy_file(from_root: &Path, to_root: &Path, relative: &str) {
    let from = from_root.join(relative);
    let to = to_root.join(relative);
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("creating {}: {e}", parent.display()));
    }
    fs::copy(&from, &to)
        .unwrap_or_else(|e| panic!("copying {} to {}: {e}", from.display(), to.display()));
}

// --- Geography ---------------------------------------------------------------------------------

#[derive(Deserialize)]
struct RegionJson {
    code: String,
    nom: String,
}

#[derive(Deserialize)]
struct DepartmentJson {
    code: String,
    nom: String,
    region: String,
}

#[derive(Deserialize)]
struct CommuneJson {
    code: String,
    nom: String,
    #[serde(rename = "type")]
    kind: String,
    departement: Option<String>,
    #[serde(default, rename = "codesPostaux")]
    postal_codes: Vec<String>,
    population: Option<u32>,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> T {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// Writes the geography as tab-separated lines, one record a line:
///
/// ```text
/// R <code> <name>
/// D <code> <name> <region code>
/// C <code> <name> <department code> <postal codes, comma-separated> <population>
/// ```
fn write_geography(data: &Path, target: &Path) {
    let regions: Vec<RegionJson> = read_json(&data.join("regions.json"));
    let departments: Vec<DepartmentJson> = read_json(&data.join("departements.json"));
    let communes: Vec<CommuneJson> = read_json(&data.join("communes.json"));

    let mut out = String::with_capacity(2 << 20);
    out.push_str(
        "# Generated by vivier-assets' build script from @etalab/decoupage-administratif.\n",
    );
    for region in &regions {
        let _ = writeln!(out, "R\t{}\t{}", field(&region.code), field(&region.nom));
    }
    let department_codes: HashSet<&str> = departments.iter().map(|d| d.code.as_str()).collect();
    for department in &departments {
        let _ = writeln!(
            out,
            "D\t{}\t{}\t{}",
            field(&department.code),
            field(&department.nom),
            field(&department.region)
        );
    }
    let mut without_department = Vec::new();
    for commune in communes
        .iter()
        .filter(|c| COMMUNE_TYPES.contains(&c.kind.as_str()))
    {
        let Some(department) = commune
            .departement
            .as_deref()
            .filter(|code| department_codes.contains(code))
        else {
            without_department.push(commune.code.as_str());
            continue;
        };
        let postal_codes: Vec<String> = commune
            .postal_codes
            .iter()
            .map(|code| field(code).replace(',', " "))
            .collect();
        let _ = writeln!(
            out,
            "C\t{}\t{}\t{}\t{}\t{}",
            field(&commune.code),
            field(&commune.nom),
            field(department),
            postal_codes.join(","),
            commune.population.unwrap_or(0)
        );
    }
    if !without_department.is_empty() {
        println!(
            "cargo:warning=geography: {} communes skipped, their department is missing: {}",
            without_department.len(),
            without_department.join(", ")
        );
    }
    fs::write(target, out).unwrap_or_else(|e| panic!("writing {}: {e}", target.display()));
}

/// A value made safe for a tab-separated line (the data has no tabs nor line breaks; guarded
/// all the same).
fn field(value: &str) -> String {
    value.replace(['\t', '\n', '\r'], " ")
}
