//! `/inscription`: creating an account, and confirming its address.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use vivier_domain::account::AccountKind;
use vivier_store::accounts::{NewUser, TokenPurpose};

use super::{Field, LinkButton, Notice, TokenForm, TokenQuery, link_page, parse_email, refused};
use super::{redeem, send_link};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, Visitor, limits, password, session};
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm};
use crate::page::{Crumb, Layout, Nav};

/// Longest name accepted.
const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, Default)]
pub struct SignUpForm {
    pub profile: Field,
    pub name: Field,
    pub email: Field,
    pub password: Field,
}

impl SignUpForm {
    pub fn has_errors(&self) -> bool {
        [&self.profile, &self.name, &self.email, &self.password]
            .iter()
            .any(|f| f.error.is_some())
    }
}

#[derive(Template)]
#[template(path = "compte/inscription.html")]
struct SignUpPage {
    layout: Layout,
    form: SignUpForm,
    csrf: String,
    /// The OpenID Connect providers' buttons.
    providers: Vec<super::oidc::Button>,
}

fn render(
    state: &AppState,
    form: SignUpForm,
    csrf: String,
    status: StatusCode,
) -> Result<Response, PageError> {
    let layout = Layout::new(
        "Créer un compte",
        "Créez votre compte sur Vivier pour candidater aux offres du numérique de l’État, ou \
         pour recruter.",
        Nav::None,
    )
    .with_breadcrumb(vec![Crumb::here("Créer un compte")]);
    let page = crate::page::render(&SignUpPage {
        layout,
        form,
        csrf,
        providers: super::oidc::buttons(state),
    })?;
    Ok((status, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct ProfileQuery {
    profil: Option<String>,
}

/// GET: the form (`?profil=agent` preselects the agents' choice).
pub async fn form(
    State(state): State<AppState>,
    visitor: Visitor,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<ProfileQuery>,
) -> Result<Response, PageError> {
    if let Some(signed_in) = visitor.0 {
        return Ok(axum::response::Redirect::to(signed_in.home()).into_response());
    }
    let profile = match query.profil.as_deref() {
        Some("agent") => "agent",
        _ => "candidat",
    };
    let form = SignUpForm {
        profile: Field::typed(profile),
        ..SignUpForm::default()
    };
    render(&state, form, csrf, StatusCode::OK)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignUp {
    #[serde(default)]
    profil: String,
    nom: String,
    email: String,
    mot_de_passe: String,
}

/// POST: creates the account (or tells the owner of a taken address), and says to check the
/// mailbox either way.
pub async fn submit(
    State(state): State<AppState>,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(input): PageForm<SignUp>,
) -> Result<Response, PageError> {
    let now = session::now();
    limits::check(state.store.as_ref(), limits::SIGN_UP_PER_IP, &ip.0, now).await?;
    let mut form = SignUpForm {
        profile: Field::typed(&input.profil),
        name: Field::typed(&input.nom),
        email: Field::typed(&input.email),
        password: Field::default(),
    };
    let kind = AccountKind::from_code(&form.profile.value);
    if kind.is_none() {
        form.profile.error = Some("Indiquez si vous êtes candidat·e ou agent·e de l’État.".into());
    }
    let name_chars = form.name.value.chars().count();
    if name_chars == 0 {
        form.name.error = Some("Saisissez votre prénom et votre nom.".into());
    } else if name_chars > MAX_NAME_CHARS || form.name.value.chars().any(char::is_control) {
        form.name.error = Some(format!(
            "Le nom ne peut pas dépasser {MAX_NAME_CHARS} caractères ni contenir de caractères de \
             contrôle."
        ));
    }
    let email = parse_email(&mut form.email);
    if let Err(refusal) =
        password::check(&input.mot_de_passe, &[&form.email.value, &form.name.value])
    {
        form.password.error = Some(refusal.message().to_owned());
    }
    let (Some(kind), Some(email), false) = (kind, email, form.has_errors()) else {
        return render(&state, form, csrf, StatusCode::UNPROCESSABLE_ENTITY);
    };

    // Hash first, whether the address is taken or not: the answer takes as long either way.
    let hash = password::hash_blocking(input.mot_de_passe).await?;
    match state.store.user_by_email(&email).await? {
        Some(existing) => {
            send_link(
                &state,
                existing.id,
                TokenPurpose::ResetPassword,
                None,
                "/mot-de-passe-oublie/nouveau",
                |link| crate::mail::account_exists(&existing.email, &existing.display_name, link),
            )
            .await?;
        }
        None => {
            let created = state
                .store
                .create_user(&NewUser {
                    email: email.clone(),
                    display_name: form.name.value.clone(),
                    kind,
                    password_hash: Some(hash),
                    email_verified: false,
                })
                .await;
            let user = match created {
                Ok(user) => user,
                // Taken between the lookup and the insert: answer as for any taken address.
                Err(vivier_store::StoreError::Conflict(_)) => return sent(&email, csrf),
                Err(error) => return Err(error.into()),
            };
            send_link(
                &state,
                user.id,
                TokenPurpose::VerifyEmail,
                None,
                "/inscription/confirmation",
                |link| crate::mail::verify_address(&user.email, &user.display_name, link),
            )
            .await?;
        }
    }
    sent(&email, csrf)
}

fn sent(email: &vivier_domain::Email, csrf: String) -> Result<Response, PageError> {
    Notice::new(
        "Vérifiez votre messagerie",
        vec![
            format!(
                "Nous avons envoyé un message à {}. Suivez le lien qu’il contient pour activer \
                 votre compte : il est valable 24 heures.",
                email.as_str()
            ),
            "Rien reçu dans quelques minutes ? Regardez dans les courriers indésirables, ou \
             connectez-vous : si l’adresse n’est pas encore confirmée, un nouveau lien vous sera \
             envoyé."
                .into(),
        ],
    )
    .with_links(vec![("Se connecter", "/connexion")])
    .render(csrf)
}

/// What a refused confirmation link suggests.
const ASK_AGAIN: &str = "Connectez-vous pour recevoir un nouveau lien de confirmation.";

/// GET: the page of the confirmation link.
pub async fn confirmation(
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<TokenQuery>,
) -> Result<Response, PageError> {
    link_page(
        &query,
        csrf,
        LinkButton {
            heading: "Confirmer votre adresse électronique",
            paragraph: "Un dernier clic pour activer votre compte Vivier.",
            target: "/inscription/confirmation",
            label: "Confirmer mon adresse",
            again: ASK_AGAIN,
        },
    )
}

/// POST: confirms the address.
pub async fn confirm(
    State(state): State<AppState>,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    PageForm(form): PageForm<TokenForm>,
) -> Result<Response, PageError> {
    let outcome = redeem(&state, &ip, &form.jeton, TokenPurpose::VerifyEmail, None).await?;
    match outcome {
        Ok(_) => Notice::new(
            "Adresse confirmée",
            vec!["Votre compte est activé. Vous pouvez vous connecter.".into()],
        )
        .with_links(vec![("Se connecter", "/connexion")])
        .render(csrf),
        Err(refusal) => refused(refusal, ASK_AGAIN, csrf),
    }
}
