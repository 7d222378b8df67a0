//! JSON-LD `JobPosting` for active offers: what Google for Jobs reads.

use serde_json::{Value, json};
use vivier_domain::offer::{ApplyMethod, ContractType, Location, Remote};

use crate::catalog::{Board, PublicOffer};
use crate::{WebConfig, format, richtext};

fn employment_type(contract: ContractType) -> &'static str {
    match contract {
        ContractType::TitulaireOuContractuel | ContractType::ContractuelUniquement => "FULL_TIME",
        ContractType::Freelance => "CONTRACTOR",
        ContractType::Stage => "INTERN",
        ContractType::ViaVie => "VOLUNTEER",
        ContractType::Apprentissage => "OTHER",
    }
}

/// The `<script type="application/ld+json">` content, safe to embed in HTML.
pub fn job_posting(config: &WebConfig, board: &Board, offer: &PublicOffer) -> String {
    let data = &offer.offer.data;
    let base = config.public_url.as_str().trim_end_matches('/');
    let organisation = board.organisation(data.organisation_id);
    let description = richtext::sections_html(&offer.sections());

    let mut hiring = json!({
        "@type": "Organization",
        "name": organisation.map(|o| o.data.name.clone()).unwrap_or_default(),
    });
    if let Some(organisation) = organisation {
        hiring["sameAs"] = json!(organisation.data.website.as_ref().map_or_else(
            || format!("{base}/employeurs/{}", organisation.data.slug),
            ToString::to_string
        ));
        if let Some(logo) = &organisation.data.logo_url {
            hiring["logo"] = json!(logo.as_str());
        }
    }

    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": data.title,
        "description": description,
        "identifier": {
            "@type": "PropertyValue",
            "name": organisation.map(|o| o.data.name.clone()).unwrap_or_default(),
            "value": if data.reference.is_empty() { data.slug.to_string() } else { data.reference.clone() },
        },
        "url": format!("{base}/emploi/{}", data.slug),
        "employmentType": data.contract_types.iter().map(|c| employment_type(*c)).collect::<Vec<_>>(),
        "hiringOrganization": hiring,
        "directApply": matches!(data.apply, ApplyMethod::Vivier),
    });
    if let Some(published) = data.published_on {
        posting["datePosted"] = json!(format::date_iso(published));
    }
    if let Some(deadline) = data.deadline {
        posting["validThrough"] = json!(format::date_iso(deadline));
    }
    let address = match &data.location {
        Location::France { .. } => {
            let places = data.location.places(board.geography()).unwrap_or_default();
            let mut address = json!({"@type": "PostalAddress", "addressCountry": "FR"});
            if let Some(commune) = places.commune {
                address["addressLocality"] = json!(commune.name);
                if let Some(postal) = commune.postal_codes.first() {
                    address["postalCode"] = json!(postal);
                }
            } else if let Some(department) = places.department {
                address["addressLocality"] = json!(department.name);
            }
            if let Some(region) = places.region {
                address["addressRegion"] = json!(region.name);
            }
            address
        }
        Location::Abroad { country, city } => {
            let mut address = json!({"@type": "PostalAddress", "addressCountry": country});
            if let Some(city) = city {
                address["addressLocality"] = json!(city);
            }
            address
        }
    };
    posting["jobLocation"] = json!({"@type": "Place", "address": address});
    if data.remote == Remote::Total {
        posting["jobLocationType"] = json!("TELECOMMUTE");
        posting["applicantLocationRequirements"] = json!({"@type": "Country", "name": "France"});
    }
    if let Some(salary) = data.salary {
        posting["baseSalary"] = json!({
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": salary.min(),
                "maxValue": salary.max(),
                "unitText": "YEAR",
            },
        });
    }
    embed(&posting)
}

/// Serialises JSON for a `<script>` element: `<`, `>` and `&` are escaped so no text can close
/// the element.
fn embed(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_the_script() {
        let text = embed(&json!({"t": "</script><script>alert(1)</script> & co"}));
        assert!(!text.contains("</script>"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["t"], "</script><script>alert(1)</script> & co");
    }
}
