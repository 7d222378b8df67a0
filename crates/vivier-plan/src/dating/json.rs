//! Reading the input document, with errors that name the field at fault in French.

use serde::de::DeserializeOwned;

use crate::InputError;

/// Reads a JSON document into `T`, naming the field of any error by its path
/// (`candidates[3].cap`) and explaining the problem in French.
pub(crate) fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, InputError> {
    let mut reader = serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut reader).map_err(|error| {
        let path = error.path().to_string();
        to_input_error(&path, error.inner())
    })?;
    reader.end().map_err(|error| to_input_error(".", &error))?;
    Ok(value)
}

fn to_input_error(path: &str, error: &serde_json::Error) -> InputError {
    use serde_json::error::Category;
    let position = format!("ligne {}, colonne {}", error.line(), error.column());
    // serde_path_to_error writes `?` for a segment it could not name (in malformed JSON).
    let path = path.trim_end_matches('?').trim_end_matches('.');
    let field = if path.is_empty() {
        "document".to_owned()
    } else {
        path.to_owned()
    };
    match error.classify() {
        Category::Io | Category::Syntax => {
            InputError::new(field, format!("JSON mal formé ({position})"))
        }
        Category::Eof => InputError::new(field, format!("JSON incomplet ({position})")),
        Category::Data => data_error(field, &error.to_string(), &position),
    }
}

/// Translates serde's data errors (English, for developers) into French. The messages follow
/// serde's stable wording (`missing field `x``, `invalid type: …, expected …`).
fn data_error(field: String, message: &str, position: &str) -> InputError {
    if let Some(name) = quoted_after(message, "missing field `") {
        let field = if field == "document" {
            name.to_owned()
        } else {
            format!("{field}.{name}")
        };
        return InputError::new(field, "champ obligatoire manquant");
    }
    if let Some(name) = quoted_after(message, "unknown field `") {
        return InputError::new(
            field,
            format!("champ « {name} » inconnu (vérifiez son orthographe)"),
        );
    }
    if let Some(name) = quoted_after(message, "duplicate field `") {
        return InputError::new(field, format!("champ « {name} » répété"));
    }
    let expected = message
        .split_once("expected ")
        .map(|(_, rest)| rest.split(" at line").next().unwrap_or(rest))
        .map(expected_in_french);
    let problem = match expected {
        Some(kind) => format!("valeur inattendue : {kind} attendu ({position})"),
        None => format!("valeur invalide ({position})"),
    };
    InputError::new(field, problem)
}

fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.split_once(prefix)?.1;
    rest.split_once('`').map(|(name, _)| name)
}

fn expected_in_french(expected: &str) -> &'static str {
    if expected.starts_with("i64") || expected.starts_with("u32") || expected.contains("integer") {
        "un nombre entier"
    } else if expected.contains("string") {
        "une chaîne de caractères"
    } else if expected.contains("sequence") {
        "une liste"
    } else if expected.contains("struct") || expected.contains("map") {
        "un objet"
    } else {
        "une autre valeur"
    }
}
