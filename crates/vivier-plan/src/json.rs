//! Reading JSON inputs so that every error names its field and speaks French.
//!
//! `serde_path_to_error` tracks the path of the value being read (`agents[2].capacity`), and
//! serde_json's English messages are turned into French ones: an organiser who wrote
//! `"capacity": -1` reads « agents[2].capacity : valeur -1 invalide : il faut un entier entre 0
//! et 4294967295 ».

use serde::de::DeserializeOwned;

use crate::InputError;

/// Reads a `T` from JSON text; any error names the field (JSON path) and the problem in French.
pub fn from_str<T: DeserializeOwned>(json: &str) -> Result<T, InputError> {
    read(json, &mut |_| {})
}

/// Reads a `T` like [`from_str`], and lists the fields of the document that `T` does not know.
///
/// Such fields are accepted and ignored, so that a script may carry its own annotations and a
/// document written for a later version of the contract (which may add fields) still reads. But a
/// misspelt optional field (`availble`) would then change nothing without a word, so each unknown
/// field is named by its path (`candidates[3].availble`), in document order, once per place in
/// the document's shape: an annotation on every candidate is listed once, at its first
/// occurrence. The fields are noted as `T` reads past them (`serde_ignored`), in the same pass.
pub fn from_str_noting_unknown<T: DeserializeOwned>(
    json: &str,
) -> Result<(T, Vec<String>), InputError> {
    let mut paths = Vec::new();
    let mut shapes = std::collections::HashSet::new();
    let value = read(json, &mut |path| {
        if shapes.insert(write_path(&path, false)) {
            paths.push(write_path(&path, true));
        }
    })?;
    Ok((value, paths))
}

/// Reads a `T`, calling `ignored` with the path of each field `T` reads past.
fn read<T: DeserializeOwned>(
    json: &str,
    ignored: &mut impl FnMut(serde_ignored::Path<'_>),
) -> Result<T, InputError> {
    let mut reader = serde_json::Deserializer::from_str(json);
    let noting = serde_ignored::Deserializer::new(&mut reader, ignored);
    let value = serde_path_to_error::deserialize(noting).map_err(into_input_error)?;
    reader.end().map_err(|e| {
        InputError::new(
            "(document)",
            format!(
                "contenu inattendu après la fin du JSON (ligne {}, colonne {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    Ok(value)
}

/// `candidates[3].availble`, or its shape `candidates[].availble` without the indexes.
fn write_path(path: &serde_ignored::Path<'_>, indexes: bool) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => {
            let parent = write_path(parent, indexes);
            if indexes {
                format!("{parent}[{index}]")
            } else {
                format!("{parent}[]")
            }
        }
        Path::Map { parent, key } => {
            let parent = write_path(parent, indexes);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => write_path(parent, indexes),
    }
}

fn into_input_error(error: serde_path_to_error::Error<serde_json::Error>) -> InputError {
    let path = error.path().to_string();
    let inner = error.into_inner();
    // serde_path_to_error writes `?` for a segment it could not name (in malformed JSON).
    let path = path.trim_end_matches('?').trim_end_matches('.');
    let path = if path.is_empty() {
        "(document)".to_owned()
    } else {
        path.to_owned()
    };
    match inner.classify() {
        serde_json::error::Category::Syntax => InputError::new(
            path,
            format!(
                "JSON mal formé (ligne {}, colonne {})",
                inner.line(),
                inner.column()
            ),
        ),
        serde_json::error::Category::Eof => InputError::new(
            path,
            "le document JSON s’arrête avant sa fin (accolade ou crochet non fermé ?)",
        ),
        serde_json::error::Category::Io => InputError::new(path, "le document n’a pas pu être lu"),
        serde_json::error::Category::Data => data_error(path, &inner),
    }
}

/// Translates serde's data errors, whose wording is stable (`serde::de::Error`'s defaults).
fn data_error(path: String, inner: &serde_json::Error) -> InputError {
    // serde_json appends " at line L column C"; the path says more to an organiser.
    let text = inner.to_string();
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(head, _)| head);
    if let Some(field) = between(text, "missing field `", "`") {
        let field = if path == "(document)" {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        };
        return InputError::new(field, "champ obligatoire manquant");
    }
    if let Some((got, expected)) = text
        .strip_prefix("invalid value: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        {
            return InputError::new(
                path,
                format!(
                    "valeur {} invalide : il faut {}",
                    french_value(got),
                    french_expected(expected)
                ),
            );
        }
    }
    if let Some((got, expected)) = text
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        {
            return InputError::new(
                path,
                format!(
                    "type invalide (reçu : {}) : il faut {}",
                    french_value(got),
                    french_expected(expected)
                ),
            );
        }
    }
    if let Some(rest) = text.strip_prefix("invalid length ") {
        // serde reads a struct from a list too: a list where an object belongs.
        if rest.contains("expected struct") {
            return InputError::new(path, "il faut un objet, pas une liste");
        }
        let length = rest.split(',').next().unwrap_or(rest);
        return InputError::new(path, format!("nombre d’éléments invalide ({length})"));
    }
    if let Some(variant) = between(text, "unknown variant `", "`") {
        let allowed = text
            .split_once("expected ")
            .map_or("", |(_, allowed)| allowed)
            .replace("one of ", "")
            .replace('`', "");
        return InputError::new(
            path,
            format!("valeur « {variant} » inconnue ; valeurs possibles : {allowed}"),
        );
    }
    if let Some(field) = between(text, "unknown field `", "`") {
        // The path already ends with the unknown field's name.
        return InputError::new(
            path,
            format!("champ « {field} » inconnu (vérifiez son orthographe)"),
        );
    }
    if let Some(field) = between(text, "duplicate field `", "`") {
        return InputError::new(
            format!("{path}.{field}"),
            "champ présent deux fois dans le même objet",
        );
    }
    InputError::new(path, format!("contenu invalide ({text})"))
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// `integer `-1`` → `-1`, `a sequence` → `une liste`…
fn french_value(got: &str) -> String {
    if let Some(literal) = between(got, "`", "`") {
        return literal.to_owned();
    }
    if let Some(literal) = between(got, "\"", "\"") {
        return format!("« {literal} »");
    }
    match got {
        "null" => "null".to_owned(),
        "sequence" | "a sequence" => "une liste".to_owned(),
        "map" | "a map" => "un objet".to_owned(),
        other => other.to_owned(),
    }
}

/// `u32` → `un entier entre 0 et 4294967295`, `a string` → `une chaîne de caractères`…
fn french_expected(expected: &str) -> String {
    // The bound matters: a capacity of 5000000000 is positive, yet refused.
    let unsigned = |max: u64| format!("un entier entre 0 et {max}");
    match expected {
        "u8" => unsigned(u8::MAX.into()),
        "u16" => unsigned(u16::MAX.into()),
        "u32" => unsigned(u32::MAX.into()),
        "u64" | "usize" => unsigned(u64::MAX),
        "i8" | "i16" | "i32" | "i64" | "isize" => "un entier".to_owned(),
        "a string" => "une chaîne de caractères".to_owned(),
        "a sequence" => "une liste".to_owned(),
        "a boolean" => "un booléen".to_owned(),
        other if other.starts_with("struct ") => "un objet".to_owned(),
        other if other.starts_with("enum ") => "une valeur de la liste".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Agent {
        id: String,
        capacity: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        agents: Vec<Agent>,
    }

    fn error(json: &str) -> InputError {
        match from_str::<Doc>(json) {
            Ok(doc) => panic!("accepted: {doc:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn negative_capacity_names_the_field() {
        let e = error(r#"{"agents": [{"id": "a", "capacity": 1}, {"id": "b", "capacity": -1}]}"#);
        assert_eq!(e.field, "agents[1].capacity");
        assert_eq!(
            e.problem,
            "valeur -1 invalide : il faut un entier entre 0 et 4294967295"
        );
    }

    #[test]
    fn too_large_a_capacity_gives_the_bound() {
        let e = error(r#"{"agents": [{"id": "a", "capacity": 5000000000}]}"#);
        assert_eq!(e.field, "agents[0].capacity");
        assert_eq!(
            e.problem,
            "valeur 5000000000 invalide : il faut un entier entre 0 et 4294967295"
        );
    }

    #[test]
    fn missing_field_names_the_field() {
        let e = error(r#"{"agents": [{"capacity": 2}]}"#);
        assert_eq!(e.field, "agents[0].id");
        assert_eq!(e.problem, "champ obligatoire manquant");
    }

    #[test]
    fn wrong_type_is_explained() {
        let e = error(r#"{"agents": [{"id": 3, "capacity": 2}]}"#);
        assert_eq!(e.field, "agents[0].id");
        assert_eq!(
            e.problem,
            "type invalide (reçu : 3) : il faut une chaîne de caractères"
        );
    }

    #[test]
    fn a_list_instead_of_an_object_is_explained() {
        let e = error("[]");
        assert_eq!(e.field, "(document)");
        assert_eq!(e.problem, "il faut un objet, pas une liste");
        let e = error(r#"{"agents": "none"}"#);
        assert_eq!(e.field, "agents");
        assert_eq!(
            e.problem,
            "type invalide (reçu : « none ») : il faut une liste"
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        id: String,
    }

    #[test]
    fn unknown_field_is_named() {
        let e = from_str::<Vec<Strict>>(r#"[{"id": "a", "idd": 1}]"#).expect_err("refused");
        assert_eq!(e.field, "[0].idd");
        assert!(e.problem.contains("inconnu"), "{e:?}");
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Event {
        slots: u32,
        people: Vec<Person>,
        #[serde(default)]
        first: Option<Person>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Person {
        id: String,
        #[serde(default)]
        available: Option<Vec<u32>>,
    }

    #[test]
    fn unknown_fields_are_read_past_and_named_once_per_place() {
        let (event, unknown) = from_str_noting_unknown::<Event>(
            r#"{"slots": 2, "lieu": "Lyon", "people": [
                {"id": "a", "availble": [1], "email": "a@x"},
                {"id": "b", "email": "b@x", "available": [0]}
            ], "first": {"id": "a", "note": 1}}"#,
        )
        .expect("read");
        assert_eq!(event.people[1].available, Some(vec![0]));
        // In document order.
        assert_eq!(
            unknown,
            [
                "lieu",
                "people[0].availble",
                "people[0].email",
                "first.note",
            ]
        );
        let (_, none) =
            from_str_noting_unknown::<Event>(r#"{"slots": 1, "people": []}"#).expect("read");
        assert!(none.is_empty());
    }

    #[test]
    fn malformed_json_gives_the_position() {
        let e = error("{\"agents\": [\n  {\"id\": \"a\",, }]}");
        assert!(e.problem.starts_with("JSON mal formé (ligne 2"), "{e:?}");
        assert!(!e.field.contains('?'), "{e:?}");
        let e = error(r#"{"agents": ["#);
        assert!(e.problem.contains("s’arrête"), "{e:?}");
    }
}
