//! Where offers are: a curated list of real cities with their INSEE codes, weighted like the
//! State's digital jobs (Paris and Île-de-France first), and a few posts abroad.

use vivier_domain::geo::{CommuneCode, Geography, RegionCode};
use vivier_domain::offer::Location;

/// (name, INSEE commune code, INSEE region code, relative weight). Codes checked against the
/// INSEE geography; the region code is only used when the caller's geography lacks the
/// department.
const CITIES: &[(&str, &str, &str, u32)] = &[
    ("Paris", "75056", "11", 160),
    ("Saint-Denis", "93066", "11", 14),
    ("Montreuil", "93048", "11", 16),
    ("Nanterre", "92050", "11", 8),
    ("Issy-les-Moulineaux", "92040", "11", 14),
    ("Montrouge", "92049", "11", 10),
    ("Vincennes", "94080", "11", 6),
    ("Saint-Mandé", "94067", "11", 8),
    ("Versailles", "78646", "11", 10),
    ("Boulogne-Billancourt", "92012", "11", 6),
    ("Créteil", "94028", "11", 6),
    ("Évry-Courcouronnes", "91228", "11", 4),
    ("Champs-sur-Marne", "77083", "11", 4),
    ("Lyon", "69123", "84", 40),
    ("Marseille", "13055", "93", 28),
    ("Toulouse", "31555", "76", 36),
    ("Nantes", "44109", "52", 34),
    ("Rennes", "35238", "53", 30),
    ("Bruz", "35047", "53", 10),
    ("Lille", "59350", "32", 30),
    ("Bordeaux", "33063", "75", 28),
    ("Strasbourg", "67482", "44", 20),
    ("Montpellier", "34172", "76", 16),
    ("Nancy", "54395", "44", 14),
    ("Metz", "57463", "44", 14),
    ("Orléans", "45234", "24", 16),
    ("Dijon", "21231", "27", 10),
    ("Rouen", "76540", "28", 10),
    ("Caen", "14118", "28", 8),
    ("Clermont-Ferrand", "63113", "84", 10),
    ("Grenoble", "38185", "84", 10),
    ("Limoges", "87085", "75", 8),
    ("Charleville-Mézières", "08105", "44", 5),
    ("Ajaccio", "2A004", "94", 3),
    ("Fort-de-France", "97209", "02", 3),
    ("Saint-Denis (La Réunion)", "97411", "04", 4),
    ("Cayenne", "97302", "03", 2),
];

/// Posts abroad: (country, city).
const ABROAD: &[(&str, &str)] = &[
    ("Belgique", "Bruxelles"),
    ("États-Unis", "New York"),
    ("Suisse", "Genève"),
    ("Allemagne", "Berlin"),
    ("Sénégal", "Dakar"),
    ("Japon", "Tokyo"),
    ("Maroc", "Rabat"),
    ("Canada", "Ottawa"),
    ("Royaume-Uni", "Londres"),
    ("Brésil", "Brasilia"),
];

/// A city offers can be located in.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub name: &'static str,
    pub commune: CommuneCode,
    pub location: Location,
    pub weight: u32,
}

/// The places usable with this geography: cities whose department (and commune, when the
/// geography lists communes) it knows, with the region it gives. When it knows none of them
/// (an empty geography, in tests), every city with its built-in region code.
pub(super) fn places(geography: &Geography) -> Vec<Place> {
    let known_communes = !geography.communes().is_empty();
    let from_geography: Vec<Place> = cities()
        .filter_map(|(name, commune, _, weight)| {
            let department = geography.department(&commune.department())?;
            if known_communes && geography.commune(&commune).is_none() {
                return None;
            }
            Some(place(name, commune, department.region.clone(), weight))
        })
        .collect();
    if !from_geography.is_empty() {
        return from_geography;
    }
    cities()
        .map(|(name, commune, region, weight)| place(name, commune, region, weight))
        .collect()
}

/// The posts abroad, as locations with the city's name for texts.
pub(super) fn abroad() -> impl Iterator<Item = (Location, &'static str, &'static str)> {
    ABROAD.iter().map(|&(country, city)| {
        (
            Location::Abroad {
                country: country.to_owned(),
                city: Some(city.to_owned()),
            },
            city,
            country,
        )
    })
}

/// The cities with parsed codes. Every code is a checked literal (a test asserts that none is
/// dropped).
fn cities() -> impl Iterator<Item = (&'static str, CommuneCode, RegionCode, u32)> {
    CITIES
        .iter()
        .filter_map(|&(name, commune, region, weight)| {
            Some((
                name,
                CommuneCode::parse(commune).ok()?,
                RegionCode::parse(region).ok()?,
                weight,
            ))
        })
}

fn place(name: &'static str, commune: CommuneCode, region: RegionCode, weight: u32) -> Place {
    Place {
        name,
        location: Location::France {
            region,
            department: Some(commune.department()),
            commune: Some(commune.clone()),
        },
        commune,
        weight,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.
mod tests {
    use super::*;

    #[test]
    fn every_city_parses_and_codes_are_unique() {
        assert_eq!(cities().count(), CITIES.len());
        let mut codes: Vec<_> = CITIES.iter().map(|c| c.1).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CITIES.len());
    }

    #[test]
    fn empty_geography_falls_back_to_builtin_regions() {
        let places = places(&Geography::default());
        assert_eq!(places.len(), CITIES.len());
        let reunion = places
            .iter()
            .find(|p| p.commune.as_str() == "97411")
            .unwrap();
        assert_eq!(
            reunion.location,
            Location::France {
                region: RegionCode::parse("04").unwrap(),
                department: Some(vivier_domain::geo::DepartmentCode::parse("974").unwrap()),
                commune: Some(CommuneCode::parse("97411").unwrap()),
            }
        );
        let idf: u32 = places
            .iter()
            .filter(|p| matches!(&p.location, Location::France { region, .. } if region.as_str() == "11"))
            .map(|p| p.weight)
            .sum();
        let all: u32 = places.iter().map(|p| p.weight).sum();
        assert!(
            (0.35..0.55).contains(&(f64::from(idf) / f64::from(all))),
            "{idf}/{all}"
        );
    }
}
