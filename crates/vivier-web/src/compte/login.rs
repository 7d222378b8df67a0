//! `/connexion` and `/deconnexion`.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use vivier_domain::Email;
use vivier_store::accounts::TokenPurpose;

use super::send_link;
use super::{Action, Notice, user_agent};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, Visitor, limits, password, session};
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm};
use crate::page::{Crumb, Layout, Nav};

#[derive(Template)]
#[template(path = "compte/connexion.html")]
struct SignInPage {
    layout: Layout,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
    csrf: String,
    /// The OpenID Connect providers' buttons.
    providers: Vec<super::oidc::Button>,
}

fn render(page: SignInPage, status: StatusCode) -> Result<Response, PageError> {
    Ok((status, crate::page::render(&page)?).into_response())
}

fn layout() -> Layout {
    Layout::new(
        "Se connecter",
        "Connectez-vous à votre compte Vivier.",
        Nav::None,
    )
    .with_breadcrumb(vec![Crumb::here("Se connecter")])
}

/// Where to go after signing in: a path of this site only (`/…`, not `//…` nor `/\…`), else
/// nowhere in particular.
pub(super) fn safe_next(next: Option<&str>) -> Option<String> {
    let next = next?.trim();
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\');
    (local && next.len() <= 2000).then(|| next.to_owned())
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    suite: Option<String>,
}

/// GET: the form; a signed-in visitor goes on.
pub async fn form(
    State(state): State<AppState>,
    visitor: Visitor,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<NextQuery>,
) -> Result<Response, PageError> {
    let next = safe_next(query.suite.as_deref());
    if let Some(signed_in) = &visitor.0 {
        let target = next.unwrap_or_else(|| signed_in.home().to_owned());
        return Ok(Redirect::to(&target).into_response());
    }
    let notice = next
        .is_some()
        .then(|| "Connectez-vous pour accéder à cette page.".to_owned());
    render(
        SignInPage {
            layout: layout(),
            email: String::new(),
            next: next.unwrap_or_default(),
            error: None,
            notice,
            csrf,
            providers: super::oidc::buttons(&state),
        },
        StatusCode::OK,
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    email: String,
    mot_de_passe: String,
    #[serde(default)]
    suite: String,
}

pub(super) const WRONG: &str = "Adresse électronique ou mot de passe incorrect.";

/// POST: signs in, in a new session.
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    ip: ClientIp,
    headers: HeaderMap,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<SignIn>,
) -> Result<Response, PageError> {
    let now = session::now();
    limits::check(state.store.as_ref(), limits::SIGN_IN_PER_IP, &ip.0, now).await?;
    let typed = input.email.trim().to_owned();
    let next = safe_next(Some(&input.suite));
    let refuse = |error: &str, status| {
        render(
            SignInPage {
                layout: layout(),
                email: typed.clone(),
                next: next.clone().unwrap_or_default(),
                error: Some(error.to_owned()),
                notice: None,
                csrf: csrf.clone(),
                providers: super::oidc::buttons(&state),
            },
            status,
        )
    };
    let Ok(email) = Email::parse(&typed) else {
        return refuse(
            "Saisissez une adresse électronique valide, par exemple nom@domaine.fr.",
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    limits::check(
        state.store.as_ref(),
        limits::SIGN_IN_PER_ACCOUNT,
        email.as_str(),
        now,
    )
    .await?;
    let user = state.store.user_by_email(&email).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = password::verify_blocking(input.mot_de_passe, hash).await;
    let user = match user {
        Some(user) if matches && !user.disabled => user,
        other => {
            let who = Visitor(None);
            let detail = match other {
                Some(user) if user.disabled && matches => "compte désactivé",
                Some(_) => "mot de passe incorrect",
                None => "compte inconnu",
            };
            crate::audit::denied(&state, &who, &ip, "connexion", email.as_str(), detail).await;
            return refuse(WRONG, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    if !user.email_verified {
        // The password is right: saying the address is unconfirmed reveals nothing.
        send_link(
            &state,
            user.id,
            TokenPurpose::VerifyEmail,
            None,
            "/inscription/confirmation",
            |link| crate::mail::verify_address(&user.email, &user.display_name, link),
        )
        .await?;
        return refuse(
            "Votre adresse électronique n’est pas encore confirmée : nous venons de vous envoyer \
             un nouveau lien de confirmation, valable 24 heures.",
            StatusCode::FORBIDDEN,
        );
    }

    if let Some(previous) = &visitor.0 {
        state.store.delete_session(&previous.session_hash).await?;
    }
    let cookie = session::start(&state, user.id, user.kind, &ip.0, &user_agent(&headers)).await?;
    let signed_in = Visitor(Some(crate::auth::SignedIn {
        session_hash: String::new(),
        user,
    }));
    crate::audit::allowed(
        &state,
        &signed_in,
        &ip,
        "connexion",
        "/connexion",
        "mot de passe",
    )
    .await;
    let target = next.unwrap_or_else(|| {
        signed_in
            .0
            .as_ref()
            .map_or("/", crate::auth::SignedIn::home)
            .to_owned()
    });
    let mut response = Redirect::to(&target).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

/// GET: a button to sign out (a link alone must not change anything).
pub async fn sign_out_page(
    visitor: Visitor,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    if visitor.0.is_none() {
        return Notice::new(
            "Vous n’êtes pas connecté·e",
            vec!["Aucune session n’est ouverte dans ce navigateur.".into()],
        )
        .with_links(vec![("Se connecter", "/connexion"), ("Accueil", "/")])
        .render(csrf);
    }
    Notice::new(
        "Se déconnecter",
        vec!["Fermer votre session dans ce navigateur ?".into()],
    )
    .with_action(Action {
        target: "/deconnexion",
        label: "Se déconnecter",
        fields: Vec::new(),
    })
    .render(csrf)
}

/// POST: ends this browser's session.
pub async fn sign_out(
    State(state): State<AppState>,
    visitor: Visitor,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    if let Some(signed_in) = &visitor.0 {
        state.store.delete_session(&signed_in.session_hash).await?;
        crate::audit::allowed(&state, &visitor, &ip, "deconnexion", "/deconnexion", "").await;
    }
    let mut response = Notice::new(
        "Vous êtes déconnecté·e",
        vec!["Votre session est fermée dans ce navigateur.".into()],
    )
    .with_links(vec![("Se connecter", "/connexion"), ("Accueil", "/")])
    .render(csrf)?;
    response
        .headers_mut()
        .append(header::SET_COOKIE, session::removal());
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_signing_in() {
        assert_eq!(safe_next(Some("/admin")), Some("/admin".to_owned()));
        assert_eq!(
            safe_next(Some("/offres-emploi?q=data")),
            Some("/offres-emploi?q=data".to_owned())
        );
        for hostile in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/\\/evil.example",
            "javascript:alert(1)",
            "",
            "/a\r\nSet-Cookie: x=1",
        ] {
            assert_eq!(safe_next(Some(hostile)), None, "{hostile:?}");
        }
        assert_eq!(safe_next(None), None);
    }
}
