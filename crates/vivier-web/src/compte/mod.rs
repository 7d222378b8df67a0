//! Accounts: signing up (with a confirmed address), signing in and out, resetting a forgotten
//! password, and one's own account (password, address, every session).
//!
//! No answer tells whether an address has an account: signing up with a taken address answers
//! like a new one (the owner gets an e-mail), a wrong address or password answer alike (and take
//! as long), a reset link is "sent if the account exists".

mod account;
mod login;
pub(crate) mod oidc;
mod reset;
mod signup;

use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use vivier_domain::{Email, UserId};
use vivier_store::accounts::{
    NewToken, OutgoingMail, RedeemRefusal, Redemption, TokenPurpose, User,
};

use crate::AppState;
use crate::auth::tokens;
use crate::error::PageError;
use crate::page::{Layout, Nav};
use crate::policy::Routes;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .route("/inscription", get(signup::form).post(signup::submit))
        .route(
            "/inscription/confirmation",
            get(signup::confirmation).post(signup::confirm),
        )
        .route("/connexion", get(login::form).post(login::submit))
        .route(
            "/deconnexion",
            get(login::sign_out_page).post(login::sign_out),
        )
        .route("/mot-de-passe-oublie", get(reset::form).post(reset::submit))
        .route(
            "/mot-de-passe-oublie/nouveau",
            get(reset::new_password_form).post(reset::new_password),
        )
        .route("/compte", get(account::page))
        .route(
            "/compte/mot-de-passe",
            axum::routing::post(account::change_password),
        )
        .route(
            "/compte/adresse",
            axum::routing::post(account::change_address),
        )
        .route(
            "/compte/adresse/confirmation",
            get(account::address_confirmation).post(account::confirm_address),
        )
        .route(
            "/compte/deconnexion-partout",
            axum::routing::post(account::sign_out_everywhere),
        )
        .merge(oidc::routes())
}

/// How long an e-mail confirmation link lives (seconds).
const VERIFY_LINK_LIFETIME: i64 = 24 * 60 * 60;
/// How long a password reset link lives (seconds).
const RESET_LINK_LIFETIME: i64 = 60 * 60;

/// A form field: what was typed, and what is wrong with it.
#[derive(Debug, Default, Clone)]
pub struct Field {
    pub value: String,
    pub error: Option<String>,
}

impl Field {
    /// A field as typed, without error yet.
    fn typed(value: &str) -> Self {
        Self {
            value: value.trim().to_owned(),
            error: None,
        }
    }
}

/// An e-mail field, parsed.
fn parse_email(field: &mut Field) -> Option<Email> {
    if field.value.is_empty() {
        field.error = Some("Saisissez votre adresse électronique.".into());
        return None;
    }
    match Email::parse(&field.value) {
        Ok(email) => Some(email),
        Err(invalid) => {
            field.error = Some(invalid.message);
            None
        }
    }
}

/// A button that posts a form (with its CSRF token).
#[derive(Debug)]
pub struct Action {
    pub target: &'static str,
    pub label: &'static str,
    pub fields: Vec<(&'static str, String)>,
}

/// A page that says one thing, maybe with a button and links.
#[derive(Debug)]
pub struct Notice {
    pub heading: &'static str,
    pub paragraphs: Vec<String>,
    pub action: Option<Action>,
    pub links: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "compte/notice.html")]
struct NoticePage {
    layout: Layout,
    notice: Notice,
    csrf: String,
}

impl Notice {
    /// A page with a heading and paragraphs.
    fn new(heading: &'static str, paragraphs: Vec<String>) -> Self {
        Self {
            heading,
            paragraphs,
            action: None,
            links: Vec::new(),
        }
    }

    fn with_links(mut self, links: Vec<(&'static str, &'static str)>) -> Self {
        self.links = links;
        self
    }

    fn with_action(mut self, action: Action) -> Self {
        self.action = Some(action);
        self
    }

    /// Renders it; `csrf` is the page's token (for the button).
    fn render(self, csrf: String) -> Result<Response, PageError> {
        let mut layout = Layout::new(self.heading, self.heading, Nav::None);
        layout.noindex = true;
        crate::page::render(&NoticePage {
            layout,
            notice: self,
            csrf,
        })
    }
}

/// The absolute address of `path`, for an e-mail.
fn absolute(state: &AppState, path: &str) -> Result<url::Url, PageError> {
    state
        .config
        .public_url
        .join(path)
        .map_err(|e| PageError::Internal(format!("link: {e}")))
}

/// The absolute address of `path` with a token (`?jeton=`), for an e-mail.
fn link(state: &AppState, path: &str, token: &str) -> Result<String, PageError> {
    let mut url = absolute(state, path)?;
    url.query_pairs_mut().append_pair("jeton", token);
    Ok(url.into())
}

/// Issues a single-use link to `path` for `user` and queues the mail `compose` writes around
/// it, in one transaction.
async fn send_link(
    state: &AppState,
    user: UserId,
    purpose: TokenPurpose,
    new_email: Option<Email>,
    path: &str,
    compose: impl FnOnce(String) -> Result<OutgoingMail, PageError>,
) -> Result<(), PageError> {
    let token = tokens::random();
    let mail = compose(link(state, path, &token)?)?;
    let now = crate::auth::session::now();
    let lifetime = match purpose {
        TokenPurpose::ResetPassword => RESET_LINK_LIFETIME,
        TokenPurpose::VerifyEmail | TokenPurpose::ChangeEmail => VERIFY_LINK_LIFETIME,
    };
    state
        .store
        .issue_token(
            &NewToken {
                hash: tokens::hash(&token),
                user,
                purpose,
                new_email,
                created_at: now,
                expires_at: now + lifetime,
            },
            &mail,
        )
        .await?;
    Ok(())
}

/// Redeems the token a form sent back (after a rate-limit check on the address).
async fn redeem(
    state: &AppState,
    ip: &crate::auth::ClientIp,
    token: &str,
    purpose: TokenPurpose,
    password_hash: Option<&str>,
) -> Result<Result<User, RedeemRefusal>, PageError> {
    let now = crate::auth::session::now();
    crate::auth::limits::check(
        state.store.as_ref(),
        crate::auth::limits::LINKS_PER_IP,
        &ip.0,
        now,
    )
    .await?;
    if !tokens::well_formed(token) {
        return Ok(Err(RedeemRefusal::Unknown));
    }
    Ok(state
        .store
        .redeem_token(&Redemption {
            hash: &tokens::hash(token),
            purpose,
            now,
            password_hash,
        })
        .await?)
}

/// The token of a link's query, if it has the shape of one.
fn token_of(query: &TokenQuery) -> Option<&str> {
    query.jeton.as_deref().filter(|t| tokens::well_formed(t))
}

/// `?jeton=…` of single-use links.
#[derive(Debug, Default, serde::Deserialize)]
struct TokenQuery {
    jeton: Option<String>,
}

/// The body of a form that only carries a token.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenForm {
    jeton: String,
}

/// What a refused single-use link says.
fn refused_link(refusal: RedeemRefusal, again: &'static str) -> Notice {
    let first = match refusal {
        RedeemRefusal::Expired => "Ce lien a expiré.",
        RedeemRefusal::Unknown => {
            "Ce lien n’est pas valable : il a déjà servi, a été remplacé par un plus récent, ou \
             l’adresse a été mal copiée."
        }
        RedeemRefusal::EmailTaken => {
            "Cette adresse électronique est déjà celle d’un autre compte : elle ne peut pas \
             remplacer la vôtre."
        }
    };
    Notice::new("Lien non valable", vec![first.to_owned(), again.to_owned()])
        .with_links(vec![("Se connecter", "/connexion")])
}

/// A refused single-use link, answered 400.
fn refused(
    refusal: RedeemRefusal,
    again: &'static str,
    csrf: String,
) -> Result<Response, PageError> {
    let page = refused_link(refusal, again).render(csrf)?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

/// What the page of a single-use link says around its button.
#[derive(Debug)]
struct LinkButton {
    heading: &'static str,
    paragraph: &'static str,
    /// Where the button posts the token.
    target: &'static str,
    label: &'static str,
    /// What to do when the link is not valid.
    again: &'static str,
}

/// GET of a single-use link: a button that posts its token (following a link changes nothing
/// by itself, since mail scanners follow links), or why the link is not valid.
fn link_page(query: &TokenQuery, csrf: String, button: LinkButton) -> Result<Response, PageError> {
    let Some(token) = token_of(query) else {
        return refused_link(RedeemRefusal::Unknown, button.again).render(csrf);
    };
    Notice::new(button.heading, vec![button.paragraph.to_owned()])
        .with_action(Action {
            target: button.target,
            label: button.label,
            fields: vec![("jeton", token.to_owned())],
        })
        .render(csrf)
}

/// The browser's description, for the list of sessions.
fn user_agent(headers: &HeaderMap) -> String {
    headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("inconnu")
        .to_owned()
}
