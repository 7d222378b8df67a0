//! The official geography, embedded: regions, departments and communes with their postal codes.

use std::collections::HashSet;

use vivier_domain::geo::{
    Commune, CommuneCode, Department, DepartmentCode, Geography, Region, RegionCode,
};

/// The geography flattened by the build script: one record a line, tab-separated.
const GEO_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/geo.tsv"));

/// The version of `@etalab/decoupage-administratif` embedded, as read from the installed package
/// at build time (and checked against the exact version pinned in `package.json`).
pub const GEOGRAPHY_PACKAGE_VERSION: &str = env!("VIVIER_GEOGRAPHY_PACKAGE_VERSION");

/// The attribution the Licence Ouverte asks for, in French, to show wherever the geography is
/// used (footer, legal notice, data pages).
pub const GEOGRAPHY_ATTRIBUTION: &str = concat!(
    "Découpage administratif : INSEE, Code officiel géographique 2026 et populations légales ; ",
    "codes postaux : La Poste, base officielle des codes postaux. ",
    "Données issues du paquet @etalab/decoupage-administratif ",
    env!("VIVIER_GEOGRAPHY_PACKAGE_VERSION"),
    " (Etalab), sous Licence Ouverte / Open Licence Etalab 2.0."
);

/// The embedded geography: 18 regions, 101 departments and about 35,000 communes (current
/// communes and the municipal arrondissements of Paris, Lyon and Marseille).
///
/// Every department's region and every commune's department is in it. Entries whose codes the
/// domain refuses are left out, with those they contain: today that is the overseas
/// collectivities (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, TAAF,
/// Wallis-et-Futuna, Polynésie française, Nouvelle-Calédonie, Clipperton), whose three-digit
/// "region" codes `RegionCode` does not accept. Parses the embedded data on each call: call it
/// once, at start-up.
pub fn geography() -> Geography {
    parse(GEO_TSV).0
}

/// An entry of the embedded data left out of the geography, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dropped {
    /// `R`, `D` or `C` (region, department, commune); `?` for a malformed line.
    kind: char,
    /// The entry's code as in the data, or the whole line when malformed.
    code: String,
    reason: String,
}

impl Dropped {
    fn new(kind: char, code: &str, reason: impl Into<String>) -> Self {
        Self {
            kind,
            code: code.to_owned(),
            reason: reason.into(),
        }
    }
}

/// Parses the build script's output, keeping the entries the domain accepts and whose parent
/// is kept.
fn parse(text: &str) -> (Geography, Vec<Dropped>) {
    let mut regions = Vec::new();
    let mut departments = Vec::new();
    let mut communes = Vec::with_capacity(36_000);
    let mut dropped = Vec::new();

    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = match line.split_once('\t') {
            Some(("R", rest)) => fields(rest).map(|[code, name]| {
                let code =
                    RegionCode::parse(code).map_err(|e| Dropped::new('R', code, e.message))?;
                regions.push(Region {
                    code,
                    name: name.to_owned(),
                });
                Ok(())
            }),
            Some(("D", rest)) => fields(rest).map(|[code, name, region]| {
                let invalid = |e: vivier_domain::InvalidValue| Dropped::new('D', code, e.message);
                departments.push(Department {
                    code: DepartmentCode::parse(code).map_err(invalid)?,
                    name: name.to_owned(),
                    region: RegionCode::parse(region).map_err(invalid)?,
                });
                Ok(())
            }),
            Some(("C", rest)) => {
                fields(rest).map(|[code, name, department, postal, population]| {
                    let invalid =
                        |e: vivier_domain::InvalidValue| Dropped::new('C', code, e.message);
                    communes.push(Commune {
                        code: CommuneCode::parse(code).map_err(invalid)?,
                        name: name.to_owned(),
                        department: DepartmentCode::parse(department).map_err(invalid)?,
                        postal_codes: postal
                            .split(',')
                            .filter(|p| !p.is_empty())
                            .map(str::to_owned)
                            .collect(),
                        population: population.parse().map_err(|_| {
                            Dropped::new('C', code, format!("invalid population {population:?}"))
                        })?,
                    });
                    Ok(())
                })
            }
            _ => None,
        };
        match parsed {
            Some(Ok(())) => {}
            Some(Err(reason)) => dropped.push(reason),
            None => dropped.push(Dropped::new('?', line, "malformed line")),
        }
    }

    let region_codes: HashSet<RegionCode> = regions.iter().map(|r| r.code.clone()).collect();
    departments.retain(|d| {
        let kept = region_codes.contains(&d.region);
        if !kept {
            let reason = format!("its region {} is left out", d.region);
            dropped.push(Dropped::new('D', d.code.as_str(), reason));
        }
        kept
    });
    let department_codes: HashSet<DepartmentCode> =
        departments.iter().map(|d| d.code.clone()).collect();
    communes.retain(|c| {
        let kept = department_codes.contains(&c.department);
        if !kept {
            let reason = format!("its department {} is left out", c.department);
            dropped.push(Dropped::new('C', c.code.as_str(), reason));
        }
        kept
    });

    (Geography::new(regions, departments, communes), dropped)
}

/// The `N` tab-separated fields of `line`, if it has exactly that many.
fn fields<const N: usize>(line: &str) -> Option<[&str; N]> {
    let mut fields = [""; N];
    let mut parts = line.split('\t');
    for field in &mut fields {
        *field = parts.next()?;
    }
    parts.next().is_none().then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The overseas collectivities, which the COG lists beside the regions with codes 975…989.
    const COLLECTIVITIES: [&str; 8] = ["975", "977", "978", "984", "986", "987", "988", "989"];

    #[test]
    fn nothing_is_left_out() {
        let (_, dropped) = parse(GEO_TSV);
        assert!(dropped.is_empty(), "{dropped:?}");
    }

    #[test]
    fn counts() {
        let geo = geography();
        assert_eq!(geo.regions().len(), 18 + COLLECTIVITIES.len());
        assert_eq!(geo.departments().len(), 101 + COLLECTIVITIES.len());
        for code in COLLECTIVITIES {
            let code = RegionCode::parse(code).unwrap();
            assert!(geo.region(&code).is_some(), "{code}");
        }
        let communes = geo.communes().len();
        assert!((34_800..35_500).contains(&communes), "{communes} communes");
        // No duplicate codes (the indexes would hide them).
        let unique: HashSet<_> = geo.communes().iter().map(|c| &c.code).collect();
        assert_eq!(unique.len(), communes);
    }

    #[test]
    fn well_known_places() {
        let geo = geography();
        let paris = geo.commune(&CommuneCode::parse("75056").unwrap()).unwrap();
        assert_eq!(paris.name, "Paris");
        assert_eq!(paris.department.as_str(), "75");
        assert!(paris.population > 2_000_000);
        assert!(paris.postal_codes.len() >= 20);
        // 75001…75020, and 75116 for the north of the 16th arrondissement.
        assert!(
            paris.postal_codes.iter().all(|p| p.starts_with("75")),
            "{paris:?}"
        );
        assert_eq!(
            paris
                .postal_codes
                .iter()
                .filter(|p| p.starts_with("750"))
                .count(),
            20
        );
        assert!(paris.postal_codes.iter().any(|p| p == "75116"));

        let ajaccio = geo.commune(&CommuneCode::parse("2A004").unwrap()).unwrap();
        assert_eq!(ajaccio.name, "Ajaccio");
        assert_eq!(ajaccio.department.as_str(), "2A");
        let corse_du_sud = geo.department(&ajaccio.department).unwrap();
        assert_eq!(corse_du_sud.region.as_str(), "94");
        assert_eq!(geo.region(&corse_du_sud.region).unwrap().name, "Corse");

        let saint_denis = geo.commune(&CommuneCode::parse("97411").unwrap()).unwrap();
        assert_eq!(saint_denis.name, "Saint-Denis");
        assert_eq!(saint_denis.department.as_str(), "974");
        assert_eq!(
            geo.department(&saint_denis.department).unwrap().name,
            "La Réunion"
        );

        let lyon_1 = geo.commune(&CommuneCode::parse("69381").unwrap()).unwrap();
        assert_eq!(lyon_1.postal_codes, ["69001"]);
        let ile_de_france = geo.region(&RegionCode::parse("11").unwrap()).unwrap();
        assert_eq!(ile_de_france.name, "Île-de-France");
    }

    #[test]
    fn references_are_consistent() {
        let geo = geography();
        for department in geo.departments() {
            assert!(geo.region(&department.region).is_some(), "{department:?}");
        }
        for commune in geo.communes() {
            assert!(geo.department(&commune.department).is_some(), "{commune:?}");
            assert_eq!(commune.code.department(), commune.department, "{commune:?}");
            for postal_code in &commune.postal_codes {
                assert!(
                    postal_code.len() == 5 && postal_code.bytes().all(|b| b.is_ascii_digit()),
                    "{commune:?}"
                );
            }
        }
    }

    #[test]
    fn attribution_names_the_sources() {
        // Bumping the package? Check the COG year in the attribution too.
        assert_eq!(GEOGRAPHY_PACKAGE_VERSION, "6.0.0");
        for needle in [
            "INSEE",
            "Code officiel géographique 2026",
            "La Poste",
            "6.0.0",
        ] {
            assert!(GEOGRAPHY_ATTRIBUTION.contains(needle), "{needle}");
        }
        assert!(GEOGRAPHY_ATTRIBUTION.contains("Licence Ouverte / Open Licence Etalab 2.0"));
    }

    #[test]
    fn malformed_lines_are_reported() {
        let (geo, dropped) =
            parse("R\t11\tÎle-de-France\nR\t11\nX\tfoo\nC\t75056\tParis\t75\t\tabc\n");
        assert_eq!(geo.regions().len(), 1);
        assert_eq!(dropped.len(), 3, "{dropped:?}");
        assert_eq!(dropped[2].reason, "invalid population \"abc\"");
    }
}
