//! Passwords: the policy (length, not among the commonest), and Argon2id hashing.
//!
//! ASVS 5.0 (6.2): at least 12 characters, up to 128 accepted, no composition rule, refused
//! when common or easy to guess (zxcvbn's dictionaries of common passwords, names, words,
//! keyboard patterns and dates, plus the user's own e-mail and name).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;

/// Fewest characters accepted.
pub const MIN_CHARS: usize = 12;
/// Most characters accepted.
pub const MAX_CHARS: usize = 128;

/// Why a new password is refused; `message` is for the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooShort,
    TooLong,
    TooCommon,
}

impl Refusal {
    /// What the form says, next to the field.
    pub fn message(self) -> &'static str {
        match self {
            Self::TooShort => "Choisissez un mot de passe d’au moins 12 caractères.",
            Self::TooLong => "Le mot de passe ne peut pas dépasser 128 caractères.",
            Self::TooCommon => {
                "Ce mot de passe est trop courant ou trop facile à deviner (mot du dictionnaire, \
                 suite de touches, date, votre nom ou votre adresse…). Une phrase de quelques \
                 mots sans lien entre eux est à la fois sûre et facile à retenir."
            }
        }
    }
}

/// Checks a new password. `personal` holds what an attacker would try first: the e-mail
/// address, the name.
pub fn check(password: &str, personal: &[&str]) -> Result<(), Refusal> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(Refusal::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(Refusal::TooLong);
    }
    // zxcvbn scores "prénom.nom2026" well enough; a password built on one's own name or
    // address is refused outright.
    let folded = fold(password);
    let personal_folded = personal
        .iter()
        .map(|text| fold(text.split('@').next().unwrap_or(text)))
        .filter(|text| text.chars().count() >= 4);
    for text in personal_folded {
        if folded.contains(&text) {
            return Err(Refusal::TooCommon);
        }
    }
    let mut inputs: Vec<&str> = Vec::new();
    for text in personal {
        inputs.push(text);
        inputs.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|part| part.chars().count() >= 3),
        );
    }
    // Score 3: more than 10^8 guesses; common passwords and their obvious variations score
    // far below.
    if u8::from(zxcvbn::zxcvbn(password, &inputs).score()) < 3 {
        return Err(Refusal::TooCommon);
    }
    Ok(())
}

/// Lower-case letters and digits only, accents removed.
fn fold(text: &str) -> String {
    vivier_domain::text::fold(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Hashes a password with Argon2id (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum) and
/// a random salt; gives the PHC string. Slow on purpose: call it off the async threads.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let salt = SaltString::encode_b64(&bytes)?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches the PHC string `hash`. A malformed hash matches nothing.
pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// [`hash`] on the blocking pool.
pub async fn hash_blocking(password: String) -> Result<String, crate::error::PageError> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| crate::error::PageError::Internal(format!("hashing task: {e}")))?
        .map_err(|e| crate::error::PageError::Internal(format!("hashing: {e}")))
}

/// [`verify`] on the blocking pool. With no hash (unknown account, or one without a password),
/// a dummy hash is checked instead, so the answer takes as long either way: timing does not tell
/// whether an account exists.
pub async fn verify_blocking(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify(&password, &hash),
        None => {
            let _ = verify(&password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// A hash of nothing anyone knows, computed once.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash(&super::tokens::random()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_counted_in_characters() {
        assert_eq!(check("court", &[]), Err(Refusal::TooShort));
        assert_eq!(check("éééééééééé", &[]), Err(Refusal::TooShort));
        assert_eq!(check(&"x".repeat(129), &[]), Err(Refusal::TooLong));
        // 128 characters of a passphrase, 256 bytes: accepted.
        let long = "é".repeat(64) + &"girafe violette ".repeat(4);
        let long: String = long.chars().take(128).collect();
        assert_eq!(check(&long, &[]), Ok(()));
    }

    #[test]
    fn common_passwords_and_personal_data_are_refused_without_composition_rules() {
        for common in [
            "password1234",
            "motdepasse123",
            "azertyuiop123",
            "123456789012",
            "qwertyuiopas",
            "Password123!",
            "iloveyou2024",
            "aaaaaaaaaaaa",
        ] {
            assert_eq!(check(common, &[]), Err(Refusal::TooCommon), "{common}");
        }
        assert_eq!(
            check(
                "camille.durand2026",
                &["camille.durand@exemple.fr", "Camille Durand"]
            ),
            Err(Refusal::TooCommon)
        );
        // Only lower-case letters and spaces, no digit or symbol: fine.
        assert_eq!(check("girafe violette sous la pluie", &[]), Ok(()));
        assert_eq!(check("tb7#Qz!pL0w$", &[]), Ok(()));
    }

    #[test]
    fn hashes_are_argon2id_salted_and_verified() {
        let first = hash("girafe violette sous la pluie").expect("hash");
        let second = hash("girafe violette sous la pluie").expect("hash");
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, second, "salted");
        assert!(verify("girafe violette sous la pluie", &first));
        assert!(!verify("girafe violette sous la pluie!", &first));
        assert!(!verify("n’importe quoi", "pas un hash"));
    }
}
