//! One's own account: `/compte` (password, address, every session) and the candidates' home.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use vivier_store::accounts::{TokenPurpose, User, UserChange};

use super::{
    Field, LinkButton, Notice, TokenForm, TokenQuery, absolute, link_page, parse_email, redeem,
    refused, send_link, user_agent,
};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn, Visitor, limits, password, session};
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm};
use crate::page::{Crumb, Layout, Nav};

#[derive(Debug, Default)]
pub struct PasswordForm {
    pub current: Field,
    pub new: Field,
}

#[derive(Debug, Default)]
pub struct AddressForm {
    pub email: Field,
    pub current: Field,
}

#[derive(Template)]
#[template(path = "compte/compte.html")]
struct AccountPage {
    layout: Layout,
    user: User,
    created: String,
    done: Option<&'static str>,
    password_form: PasswordForm,
    address_form: AddressForm,
    csrf: String,
}

fn account_page(
    user: User,
    done: Option<&'static str>,
    password_form: PasswordForm,
    address_form: AddressForm,
    csrf: String,
    status: StatusCode,
) -> Result<Response, PageError> {
    let mut layout = Layout::new("Mon compte", "Votre compte Vivier.", Nav::None)
        .with_breadcrumb(vec![Crumb::here("Mon compte")]);
    layout.noindex = true;
    let created = crate::format::date_long(user.created_at.date());
    let page = crate::page::render(&AccountPage {
        layout,
        user,
        created,
        done,
        password_form,
        address_form,
        csrf,
    })?;
    Ok((status, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    fait: Option<String>,
}

/// GET `/compte`.
pub async fn page(
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<DoneQuery>,
) -> Result<Response, PageError> {
    let done = match query.fait.as_deref() {
        Some("mot-de-passe") => {
            Some("Votre mot de passe est changé. Vos autres sessions ont été fermées.")
        }
        Some("adresse") => Some(
            "Un lien de confirmation a été envoyé à la nouvelle adresse. Votre adresse changera \
             quand vous l’aurez suivi.",
        ),
        _ => None,
    };
    account_page(
        signed_in.user,
        done,
        PasswordForm::default(),
        AddressForm::default(),
        csrf,
        StatusCode::OK,
    )
}

/// Checks the current password of a signed-in user (rate-limited like signing in).
async fn current_password_ok(
    state: &AppState,
    user: &User,
    typed: String,
) -> Result<bool, PageError> {
    limits::check(
        state.store.as_ref(),
        limits::SIGN_IN_PER_ACCOUNT,
        user.email.as_str(),
        session::now(),
    )
    .await?;
    Ok(password::verify_blocking(typed, user.password_hash.clone()).await)
}

const WRONG_CURRENT: &str = "Le mot de passe actuel est incorrect.";
/// An account created through OpenID Connect has no password until its owner sets one.
const NO_PASSWORD: &str = "Votre compte n’a pas encore de mot de passe : vous vous connectez avec \
    un service d’identification. Pour en définir un, utilisez le lien « Mot de passe oublié ? » \
    de la page de connexion.";

/// The error of a form that asks for the current password, if it does not match.
fn current_error(user: &User) -> &'static str {
    if user.password_hash.is_none() {
        NO_PASSWORD
    } else {
        WRONG_CURRENT
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    actuel: String,
    nouveau: String,
}

/// POST `/compte/mot-de-passe`: a new password; every other session ends, and this one goes on
/// under a new id.
pub async fn change_password(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    headers: HeaderMap,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<ChangePassword>,
) -> Result<Response, PageError> {
    let user = signed_in.user.clone();
    let mut form = PasswordForm::default();
    if !current_password_ok(&state, &user, input.actuel).await? {
        form.current.error = Some(current_error(&user).into());
    }
    if let Err(refusal) =
        password::check(&input.nouveau, &[user.email.as_str(), &user.display_name])
    {
        form.new.error = Some(refusal.message().into());
    }
    if form.current.error.is_some() || form.new.error.is_some() {
        return account_page(
            user,
            None,
            form,
            AddressForm::default(),
            csrf,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let hash = password::hash_blocking(input.nouveau).await?;
    state
        .store
        .update_user(user.id, &UserChange::PasswordHash(hash))
        .await?;
    state.store.delete_sessions_of(user.id).await?;
    let cookie = session::start(&state, user.id, user.kind, &ip.0, &user_agent(&headers)).await?;
    let visitor = Visitor(Some(signed_in));
    crate::audit::allowed(
        &state,
        &visitor,
        &ip,
        "mot-de-passe.changement",
        "/compte/mot-de-passe",
        "autres sessions fermées",
    )
    .await;
    let mut response = Redirect::to("/compte?fait=mot-de-passe").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeAddress {
    email: String,
    mot_de_passe: String,
}

/// POST `/compte/adresse`: sends a confirmation link to the new address, and a notice to the
/// current one. Whether the new address is taken is only said when the link is followed.
pub async fn change_address(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<ChangeAddress>,
) -> Result<Response, PageError> {
    let user = signed_in.user.clone();
    let mut form = AddressForm {
        email: Field::typed(&input.email),
        current: Field::default(),
    };
    let email = parse_email(&mut form.email);
    if !current_password_ok(&state, &user, input.mot_de_passe).await? {
        form.current.error = Some(current_error(&user).into());
    }
    let email = match email {
        Some(email) if form.current.error.is_none() => email,
        _ => {
            return account_page(
                user,
                None,
                PasswordForm::default(),
                form,
                csrf,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    send_link(
        &state,
        user.id,
        TokenPurpose::ChangeEmail,
        Some(email.clone()),
        "/compte/adresse/confirmation",
        |link| crate::mail::confirm_new_address(&email, &user.display_name, link),
    )
    .await?;
    let account_link = absolute(&state, "/compte")?;
    state
        .store
        .enqueue_mail(&crate::mail::address_change_notice(
            &user.email,
            &user.display_name,
            account_link.into(),
        )?)
        .await?;
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "adresse.demande",
        "/compte/adresse",
        "lien envoyé à la nouvelle adresse",
    )
    .await;
    Ok(Redirect::to("/compte?fait=adresse").into_response())
}

/// What a refused address link suggests.
const ASK_AGAIN: &str = "Vous pouvez refaire la demande depuis votre compte.";

/// GET `/compte/adresse/confirmation`: the button of the link.
pub async fn address_confirmation(
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<TokenQuery>,
) -> Result<Response, PageError> {
    link_page(
        &query,
        csrf,
        LinkButton {
            heading: "Confirmer votre nouvelle adresse",
            paragraph: "Cette adresse remplacera l’actuelle pour votre compte Vivier.",
            target: "/compte/adresse/confirmation",
            label: "Confirmer cette adresse",
            again: ASK_AGAIN,
        },
    )
}

/// POST `/compte/adresse/confirmation`: switches the address.
pub async fn confirm_address(
    State(state): State<AppState>,
    visitor: Visitor,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(form): PageForm<TokenForm>,
) -> Result<Response, PageError> {
    let outcome = redeem(&state, &ip, &form.jeton, TokenPurpose::ChangeEmail, None).await?;
    match outcome {
        Ok(user) => {
            crate::audit::allowed(
                &state,
                &visitor,
                &ip,
                "adresse.changement",
                &format!("compte:{}", user.id),
                "",
            )
            .await;
            Notice::new(
                "Adresse changée",
                vec![format!(
                    "Votre compte utilise désormais l’adresse {}.",
                    user.email.as_str()
                )],
            )
            .with_links(vec![("Mon compte", "/compte")])
            .render(csrf)
        }
        Err(refusal) => refused(refusal, ASK_AGAIN, csrf),
    }
}

/// POST `/compte/deconnexion-partout`: ends every session of the account, this one included.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let ended = state.store.delete_sessions_of(signed_in.user.id).await?;
    crate::audit::allowed(
        &state,
        &Visitor(Some(signed_in)),
        &ip,
        "deconnexion.partout",
        "/compte/deconnexion-partout",
        &format!("{ended} sessions fermées"),
    )
    .await;
    let mut response = Notice::new(
        "Toutes vos sessions sont fermées",
        vec![format!(
            "{} fermée{}, y compris celle de ce navigateur.",
            crate::format::count(
                usize::try_from(ended).unwrap_or(usize::MAX),
                "session",
                "sessions"
            ),
            if ended > 1 { "s" } else { "" }
        )],
    )
    .with_links(vec![("Se connecter", "/connexion")])
    .render(csrf)?;
    response
        .headers_mut()
        .append(header::SET_COOKIE, session::removal());
    Ok(response)
}
