//! `/mot-de-passe-oublie`: a single-use link to choose a new password.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use vivier_store::accounts::{RedeemRefusal, TokenPurpose};

use super::{Field, Notice, TokenQuery, parse_email, refused, refused_link, token_of};
use super::{redeem, send_link};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, Visitor, limits, password, session, tokens};
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm};
use crate::page::{Crumb, Layout, Nav};

#[derive(Template)]
#[template(path = "compte/oubli.html")]
struct ForgotPage {
    layout: Layout,
    email: Field,
    csrf: String,
}

fn forgot(email: Field, csrf: String, status: StatusCode) -> Result<Response, PageError> {
    let layout = Layout::new(
        "Mot de passe oublié",
        "Recevez un lien pour choisir un nouveau mot de passe.",
        Nav::None,
    )
    .with_breadcrumb(vec![
        Crumb::link("Se connecter", "/connexion"),
        Crumb::here("Mot de passe oublié"),
    ]);
    let page = crate::page::render(&ForgotPage {
        layout,
        email,
        csrf,
    })?;
    Ok((status, page).into_response())
}

/// GET: the form.
pub async fn form(CsrfToken(csrf): CsrfToken) -> Result<Response, PageError> {
    forgot(Field::default(), csrf, StatusCode::OK)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forgot {
    email: String,
}

/// POST: sends a link if the account exists, and says the same either way.
pub async fn submit(
    State(state): State<AppState>,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<Forgot>,
) -> Result<Response, PageError> {
    let now = session::now();
    limits::check(state.store.as_ref(), limits::RESET_PER_IP, &ip.0, now).await?;
    let mut field = Field::typed(&input.email);
    let Some(email) = parse_email(&mut field) else {
        return forgot(field, csrf, StatusCode::UNPROCESSABLE_ENTITY);
    };
    limits::check(
        state.store.as_ref(),
        limits::RESET_PER_ACCOUNT,
        email.as_str(),
        now,
    )
    .await?;
    if let Some(user) = state.store.user_by_email(&email).await?
        && !user.disabled
    {
        send_link(
            &state,
            user.id,
            TokenPurpose::ResetPassword,
            None,
            "/mot-de-passe-oublie/nouveau",
            |link| crate::mail::reset_password(&user.email, &user.display_name, link),
        )
        .await?;
    }
    Notice::new(
        "Vérifiez votre messagerie",
        vec![
            format!(
                "Si un compte existe pour {}, nous venons d’y envoyer un lien pour choisir un \
                 nouveau mot de passe. Il est valable 1 heure.",
                email.as_str()
            ),
            "Rien reçu dans quelques minutes ? Regardez dans les courriers indésirables, ou \
             vérifiez l’adresse saisie."
                .into(),
        ],
    )
    .with_links(vec![("Retour à la connexion", "/connexion")])
    .render(csrf)
}

#[derive(Template)]
#[template(path = "compte/nouveau.html")]
struct NewPasswordPage {
    layout: Layout,
    token: String,
    password: Field,
    csrf: String,
}

fn new_password_page(
    token: String,
    password: Field,
    csrf: String,
    status: StatusCode,
) -> Result<Response, PageError> {
    let layout = Layout::new(
        "Choisir un nouveau mot de passe",
        "Choisissez le nouveau mot de passe de votre compte Vivier.",
        Nav::None,
    );
    let page = crate::page::render(&NewPasswordPage {
        layout,
        token,
        password,
        csrf,
    })?;
    Ok((status, page).into_response())
}

const ASK_AGAIN: &str =
    "Vous pouvez demander un nouveau lien depuis la page « Mot de passe oublié ».";

/// GET: the form of the link.
pub async fn new_password_form(
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<TokenQuery>,
) -> Result<Response, PageError> {
    match token_of(&query) {
        Some(token) => new_password_page(token.to_owned(), Field::default(), csrf, StatusCode::OK),
        None => refused_link(RedeemRefusal::Unknown, ASK_AGAIN).render(csrf),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    jeton: String,
    mot_de_passe: String,
}

/// POST: sets the new password and ends every session of the account.
pub async fn new_password(
    State(state): State<AppState>,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<NewPassword>,
) -> Result<Response, PageError> {
    if !tokens::well_formed(&input.jeton) {
        return refused(RedeemRefusal::Unknown, ASK_AGAIN, csrf);
    }
    if let Err(refusal) = password::check(&input.mot_de_passe, &[]) {
        let field = Field {
            value: String::new(),
            error: Some(refusal.message().to_owned()),
        };
        return new_password_page(input.jeton, field, csrf, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let hash = password::hash_blocking(input.mot_de_passe).await?;
    let outcome = redeem(
        &state,
        &ip,
        &input.jeton,
        TokenPurpose::ResetPassword,
        Some(&hash),
    )
    .await?;
    match outcome {
        Ok(user) => {
            let visitor = Visitor(Some(crate::auth::SignedIn {
                session_hash: String::new(),
                user,
            }));
            crate::audit::allowed(
                &state,
                &visitor,
                &ip,
                "mot-de-passe.reinitialisation",
                "/mot-de-passe-oublie/nouveau",
                "toutes les sessions fermées",
            )
            .await;
            Notice::new(
                "Mot de passe changé",
                vec![
                    "Votre nouveau mot de passe est enregistré, et toutes vos sessions ouvertes \
                     ont été fermées. Connectez-vous avec ce nouveau mot de passe."
                        .into(),
                ],
            )
            .with_links(vec![("Se connecter", "/connexion")])
            .render(csrf)
        }
        Err(refusal) => refused(refusal, ASK_AGAIN, csrf),
    }
}
