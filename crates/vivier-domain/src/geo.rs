//! The official geography (INSEE Code officiel géographique): regions, departments, communes.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::values::InvalidValue;

macro_rules! insee_code {
    ($(#[$doc:meta])* $name:ident, $check:expr, $code:literal, $message:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Accepts the code in its official form (upper-case for Corsica's "2A"/"2B").
            pub fn parse(value: &str) -> Result<Self, InvalidValue> {
                let value = value.trim().to_ascii_uppercase();
                let check: fn(&str) -> bool = $check;
                if check(&value) {
                    Ok(Self(value))
                } else {
                    Err(InvalidValue::new($code, $message))
                }
            }

            /// The code as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidValue;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(code: $name) -> Self {
                code.0
            }
        }
    };
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Department part of a code: "01"–"95" (no "20"), "2A", "2B", or overseas "971"–"989".
fn is_department(s: &str) -> bool {
    match s.len() {
        2 => (all_digits(s) && s != "00" && s != "20" && s < "96") || s == "2A" || s == "2B",
        3 => all_digits(s) && (s.starts_with("97") || s.starts_with("98")),
        _ => false,
    }
}

insee_code!(
    /// An INSEE region code: two digits ("11" for Île-de-France, "01" for Guadeloupe), or the
    /// three digits of an overseas collectivity that the COG lists beside the regions ("987"
    /// for French Polynesia).
    RegionCode,
    |s| all_digits(s) && (s.len() == 2 || (s.len() == 3 && (s.starts_with("97") || s.starts_with("98")))),
    "invalid_region",
    "Le code de région doit comporter deux chiffres (trois outre-mer), par exemple 11 pour \
     l'Île-de-France."
);

insee_code!(
    /// An INSEE department code: "01"–"95", "2A", "2B", or three digits overseas ("971").
    DepartmentCode,
    is_department,
    "invalid_department",
    "Le code de département doit être de la forme 75, 2A ou 971."
);

insee_code!(
    /// An INSEE commune code: five characters, the department's then the commune's number
    /// ("75056", "2A004", "97411").
    CommuneCode,
    |s| {
        s.len() == 5
            && s.is_ascii()
            && all_digits(&s[2..])
            && (is_department(&s[..2]) || ((s.starts_with("97") || s.starts_with("98")) && all_digits(s)))
    },
    "invalid_commune",
    "Le code INSEE de commune doit comporter cinq caractères, par exemple 75056 ou 2A004."
);

impl CommuneCode {
    /// The department this commune belongs to, read from its code.
    pub fn department(&self) -> DepartmentCode {
        let code = if self.0.starts_with("97") || self.0.starts_with("98") {
            &self.0[..3]
        } else {
            &self.0[..2]
        };
        DepartmentCode(code.to_owned())
    }
}

/// A region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub code: RegionCode,
    pub name: String,
}

/// A department, in its region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub code: DepartmentCode,
    pub name: String,
    pub region: RegionCode,
}

/// A commune (or a municipal arrondissement of Paris, Lyon, Marseille), with its postal codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commune {
    pub code: CommuneCode,
    pub name: String,
    pub department: DepartmentCode,
    pub postal_codes: Vec<String>,
    pub population: u32,
}

/// The referential's entries a location in France names (each `None` when not given or not
/// found).
#[derive(Debug, Clone, Copy, Default)]
pub struct Places<'a> {
    pub region: Option<&'a Region>,
    pub department: Option<&'a Department>,
    pub commune: Option<&'a Commune>,
}

/// The whole referential, indexed for look-ups.
#[derive(Debug, Clone, Default)]
pub struct Geography {
    regions: Vec<Region>,
    departments: Vec<Department>,
    communes: Vec<Commune>,
    region_index: HashMap<RegionCode, usize>,
    department_index: HashMap<DepartmentCode, usize>,
    commune_index: HashMap<CommuneCode, usize>,
}

impl Geography {
    /// Builds the indexes. Departments are sorted by code, regions by name, communes by code.
    pub fn new(
        mut regions: Vec<Region>,
        mut departments: Vec<Department>,
        mut communes: Vec<Commune>,
    ) -> Self {
        regions.sort_by_cached_key(|r| crate::text::fold(&r.name));
        departments.sort_by(|a, b| a.code.cmp(&b.code));
        communes.sort_by(|a, b| a.code.cmp(&b.code));
        Self {
            region_index: index(regions.iter().map(|r| r.code.clone())),
            department_index: index(departments.iter().map(|d| d.code.clone())),
            commune_index: index(communes.iter().map(|c| c.code.clone())),
            regions,
            departments,
            communes,
        }
    }

    /// Regions, sorted by name.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Departments, sorted by code.
    pub fn departments(&self) -> &[Department] {
        &self.departments
    }

    /// Communes, sorted by code.
    pub fn communes(&self) -> &[Commune] {
        &self.communes
    }

    /// The region with this code.
    pub fn region(&self, code: &RegionCode) -> Option<&Region> {
        self.region_index.get(code).map(|&i| &self.regions[i])
    }

    /// The department with this code.
    pub fn department(&self, code: &DepartmentCode) -> Option<&Department> {
        self.department_index
            .get(code)
            .map(|&i| &self.departments[i])
    }

    /// The commune with this code.
    pub fn commune(&self, code: &CommuneCode) -> Option<&Commune> {
        self.commune_index.get(code).map(|&i| &self.communes[i])
    }

    /// Departments of a region, by code.
    pub fn departments_of<'a>(
        &'a self,
        region: &'a RegionCode,
    ) -> impl Iterator<Item = &'a Department> {
        self.departments.iter().filter(move |d| &d.region == region)
    }
}

fn index<K: Eq + std::hash::Hash>(codes: impl Iterator<Item = K>) -> HashMap<K, usize> {
    codes.enumerate().map(|(i, c)| (c, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_codes() {
        for ok in ["01", "2A", "2b", "75", "95", "971", "976", "987"] {
            assert!(DepartmentCode::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "0", "00", "20", "96", "2C", "9711", "abc", "７５"] {
            assert!(DepartmentCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn commune_codes_know_their_department() {
        assert_eq!(
            CommuneCode::parse("75056").unwrap().department().as_str(),
            "75"
        );
        assert_eq!(
            CommuneCode::parse("2a004").unwrap().department().as_str(),
            "2A"
        );
        assert_eq!(
            CommuneCode::parse("97411").unwrap().department().as_str(),
            "974"
        );
        for bad in ["7505", "20004", "2C004", "750561", "7505a", "éééé"] {
            assert!(CommuneCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn geography_lookups() {
        let geo = Geography::new(
            vec![Region {
                code: RegionCode::parse("11").unwrap(),
                name: "Île-de-France".into(),
            }],
            vec![Department {
                code: DepartmentCode::parse("75").unwrap(),
                name: "Paris".into(),
                region: RegionCode::parse("11").unwrap(),
            }],
            vec![],
        );
        assert_eq!(
            geo.department(&DepartmentCode::parse("75").unwrap())
                .unwrap()
                .name,
            "Paris"
        );
        assert!(geo.region(&RegionCode::parse("84").unwrap()).is_none());
        assert_eq!(
            geo.departments_of(&RegionCode::parse("11").unwrap())
                .count(),
            1
        );
    }
}
