//! One-click unsubscribe from an alert, without signing in (`/alertes/desabonnement`).
//!
//! Each alert mail carries a link naming the saved search and signing it: an HMAC-SHA256, with
//! a key shared by every node (kept in the database, like the CSRF key), of the search's id,
//! account and creation time — so a link stops working when its search is deleted, even if a
//! later search gets the same id. Following the link only shows a button (mail scanners follow
//! links); the button posts the same pair, and the alert is set to [`AlertFrequency::Never`].
//! The form works for a visitor: the CSRF token of a browser without a session binds its cookie
//! alone. A link that does not verify answers 400 and is audited; nothing changes.
//!
//! Mail clients also get a one-click address (RFC 8058, the mail's `List-Unsubscribe` header):
//! `POST /alertes/desabonnement/un-clic` with the same signed pair in the query. Its request
//! comes from the mail provider's servers, with neither session nor CSRF cookie, so the CSRF
//! layer lets this one path through ([`crate::auth::csrf::protect`]): the signature is the
//! authority, and all it can do is stop one alert.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;
use vivier_domain::candidate::AlertFrequency;
use vivier_store::candidates::SavedSearch;

use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, Visitor, tokens};
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm};
use crate::page::{Layout, Nav};
use crate::policy::Routes;

/// The page of the link.
pub const PATH: &str = "/alertes/desabonnement";

/// The one-click address of mail clients (RFC 8058).
pub const ONE_CLICK_PATH: &str = "/alertes/desabonnement/un-clic";

/// Routes of the unsubscribe link.
pub fn routes() -> Routes {
    Routes::new()
        .route(PATH, get(confirm_page).post(unsubscribe))
        .route(ONE_CLICK_PATH, post(one_click))
}

/// The key of the unsubscribe links, shared by every node.
#[derive(Clone)]
pub struct UnsubscribeKey(Arc<[u8]>);

impl std::fmt::Debug for UnsubscribeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnsubscribeKey(…)")
    }
}

impl UnsubscribeKey {
    /// Reads the key from the store, where the first node to start wrote it.
    pub async fn load(store: &dyn vivier_store::Store) -> vivier_store::StoreResult<Self> {
        let candidate = tokens::random();
        let key = store
            .shared_secret("alert-unsubscribe-hmac-key", &candidate)
            .await?;
        Ok(Self(Arc::from(key.into_bytes())))
    }

    fn mac(&self, search: &SavedSearch) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(b"vivier-alert-unsubscribe\0");
        mac.update(format!("{}\0{}\0{}", search.id, search.user.0, search.created_at).as_bytes());
        mac
    }

    /// The signature of a search's unsubscribe link.
    pub fn sign(&self, search: &SavedSearch) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(search).finalize().into_bytes())
    }

    /// Whether `presented` is the search's signature, compared in constant time.
    pub fn verify(&self, search: &SavedSearch, presented: &str) -> bool {
        URL_SAFE_NO_PAD
            .decode(presented)
            .is_ok_and(|bytes| self.mac(search).verify_slice(&bytes).is_ok())
    }
}

/// The absolute unsubscribe link of a search, for the mail's body.
pub fn link(state: &AppState, search: &SavedSearch) -> Result<String, PageError> {
    signed(state, search, PATH)
}

/// The absolute one-click address of a search, for the mail's `List-Unsubscribe` header.
pub fn one_click_link(state: &AppState, search: &SavedSearch) -> Result<String, PageError> {
    signed(state, search, ONE_CLICK_PATH)
}

fn signed(state: &AppState, search: &SavedSearch, path: &str) -> Result<String, PageError> {
    let mut url = state
        .config
        .public_url
        .join(path)
        .map_err(|e| PageError::Internal(format!("link: {e}")))?;
    url.query_pairs_mut()
        .append_pair("recherche", &search.id.to_string())
        .append_pair("signature", &state.alert_key.sign(search));
    Ok(url.into())
}

/// The link's parameters, as they arrive (mail clients mangle links: read leniently).
#[derive(Debug, Default, Deserialize)]
pub struct LinkQuery {
    recherche: Option<String>,
    signature: Option<String>,
}

/// The form of the button.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkForm {
    recherche: String,
    signature: String,
}

#[derive(Template)]
#[template(path = "candidat/recherches_desabonnement.html")]
struct UnsubscribePage {
    layout: Layout,
    heading: &'static str,
    paragraphs: Vec<String>,
    /// The button's fields (search id, signature), when there is something to do.
    button: Option<(String, String)>,
    csrf: String,
}

fn render(
    status: StatusCode,
    heading: &'static str,
    paragraphs: Vec<String>,
    button: Option<(String, String)>,
    csrf: String,
) -> Result<Response, PageError> {
    let mut layout = Layout::new(heading, heading, Nav::None);
    layout.noindex = true;
    let page = crate::page::render(&UnsubscribePage {
        layout,
        heading,
        paragraphs,
        button,
        csrf,
    })?;
    Ok((status, page).into_response())
}

/// The search a link names, if its signature is right; a refusal is audited.
async fn verified(
    state: &AppState,
    visitor: &Visitor,
    ip: &ClientIp,
    id: Option<&str>,
    signature: Option<&str>,
) -> Result<Option<SavedSearch>, PageError> {
    let id = id.and_then(|id| id.trim().parse::<i64>().ok());
    let search = match id {
        Some(id) => state.store.saved_search(id).await?,
        None => None,
    };
    if let (Some(search), Some(signature)) = (search, signature)
        && state.alert_key.verify(&search, signature.trim())
    {
        return Ok(Some(search));
    }
    let object = id.map_or_else(|| "recherche:?".to_owned(), |id| format!("recherche:{id}"));
    crate::audit::denied(
        state,
        visitor,
        ip,
        "alerte.desabonnement",
        &object,
        "lien de désabonnement non valable",
    )
    .await;
    Ok(None)
}

/// What a link that does not verify answers.
fn refused(csrf: String) -> Result<Response, PageError> {
    render(
        StatusCode::BAD_REQUEST,
        "Lien de désabonnement non valable",
        vec![
            "Ce lien n’est pas valable : il a été mal copié, ou l’alerte a été supprimée. Rien \
             n’a changé."
                .to_owned(),
            "Vous pouvez gérer toutes vos alertes depuis votre espace candidat, rubrique « Mes \
             recherches et alertes »."
                .to_owned(),
        ],
        None,
        csrf,
    )
}

/// GET: what the link would do, and the button that does it.
pub async fn confirm_page(
    State(state): State<AppState>,
    visitor: Visitor,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<LinkQuery>,
) -> Result<Response, PageError> {
    let Some(search) = verified(
        &state,
        &visitor,
        &ip,
        query.recherche.as_deref(),
        query.signature.as_deref(),
    )
    .await?
    else {
        return refused(csrf);
    };
    if search.frequency == AlertFrequency::Never {
        return render(
            StatusCode::OK,
            "Alerte déjà désactivée",
            vec![format!(
                "Vous ne recevez plus de courriel pour la recherche « {} ».",
                search.label
            )],
            None,
            csrf,
        );
    }
    let signature = state.alert_key.sign(&search);
    render(
        StatusCode::OK,
        "Se désabonner de cette alerte",
        vec![format!(
            "Vous ne recevrez plus de courriel pour la recherche « {} ». La recherche reste \
                 enregistrée dans votre espace candidat : vous pourrez y réactiver l’alerte.",
            search.label
        )],
        Some((search.id.to_string(), signature)),
        csrf,
    )
}

/// POST: sets the alert to never.
pub async fn unsubscribe(
    State(state): State<AppState>,
    visitor: Visitor,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(form): PageForm<LinkForm>,
) -> Result<Response, PageError> {
    let Some(search) = verified(
        &state,
        &visitor,
        &ip,
        Some(&form.recherche),
        Some(&form.signature),
    )
    .await?
    else {
        return refused(csrf);
    };
    stop(
        &state,
        &visitor,
        &ip,
        &search,
        "alerte désactivée par le lien du courriel",
    )
    .await?;
    render(
        StatusCode::OK,
        "Vous êtes désabonné·e de cette alerte",
        vec![format!(
            "Vous ne recevrez plus de courriel pour la recherche « {} ». Vous pouvez réactiver \
             l’alerte depuis votre espace candidat, rubrique « Mes recherches et alertes ».",
            search.label
        )],
        None,
        csrf,
    )
}

/// POST from a mail client (RFC 8058): the signed address alone stops the alert, without a
/// page. The body (`List-Unsubscribe=One-Click`) says nothing more, so it is not read.
pub async fn one_click(
    State(state): State<AppState>,
    visitor: Visitor,
    ip: ClientIp,
    LenientQuery(query): LenientQuery<LinkQuery>,
) -> Result<Response, PageError> {
    let Some(search) = verified(
        &state,
        &visitor,
        &ip,
        query.recherche.as_deref(),
        query.signature.as_deref(),
    )
    .await?
    else {
        return Ok((
            StatusCode::BAD_REQUEST,
            "Lien de désabonnement non valable : rien n’a changé.\n",
        )
            .into_response());
    };
    stop(
        &state,
        &visitor,
        &ip,
        &search,
        "alerte désactivée en un clic depuis la messagerie",
    )
    .await?;
    Ok((StatusCode::OK, "Vous êtes désabonné·e de cette alerte.\n").into_response())
}

/// Sets the search's alert to never, audited.
async fn stop(
    state: &AppState,
    visitor: &Visitor,
    ip: &ClientIp,
    search: &SavedSearch,
    detail: &str,
) -> Result<(), PageError> {
    state
        .store
        .set_alert_frequency(
            search.id,
            AlertFrequency::Never,
            crate::auth::session::now(),
        )
        .await?;
    crate::audit::allowed(
        state,
        visitor,
        ip,
        "alerte.desabonnement",
        &format!("recherche:{}", search.id),
        detail,
    )
    .await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vivier_domain::UserId;

    fn search(id: i64, user: i64, created_at: i64) -> SavedSearch {
        SavedSearch {
            id,
            user: UserId(user),
            label: "Rust".into(),
            query: "q=rust".into(),
            frequency: AlertFrequency::Daily,
            created_at,
            last_sent_at: created_at,
            next_due_at: created_at + 86_400,
        }
    }

    #[test]
    fn signatures_bind_the_search_its_account_and_its_creation() {
        let key = UnsubscribeKey(Arc::from(b"une cle de test".to_vec()));
        let signed = search(7, 3, 1_000);
        let signature = key.sign(&signed);
        assert!(key.verify(&signed, &signature));
        assert!(!key.verify(&search(8, 3, 1_000), &signature), "another id");
        assert!(
            !key.verify(&search(7, 4, 1_000), &signature),
            "another account"
        );
        assert!(
            !key.verify(&search(7, 3, 1_001), &signature),
            "a later search"
        );
        assert!(!key.verify(&signed, "pas du base64 !"));
        assert!(!key.verify(&signed, ""));
        let other = UnsubscribeKey(Arc::from(b"une autre cle".to_vec()));
        assert!(!other.verify(&signed, &signature), "another key");
    }
}
