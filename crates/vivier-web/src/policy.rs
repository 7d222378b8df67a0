//! The authorization policy: for every route and method, which roles may use it — the one place
//! that says who may do what. [`enforce`] applies it to every request before any handler runs:
//! a route missing from the table answers 500 and a method missing answers 405 (fail closed),
//! a visitor is sent to sign in, a signed-in user without the role gets 403, and both denials
//! go to the audit log. `tests/policy.rs` enumerates the router ([`Routes::paths`]) and checks
//! every cell of the table.
//!
//! What the table cannot say — which organisation's data a recruiter may touch — is checked by
//! the handlers against the user's memberships.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::MethodRouter;
use vivier_domain::account::Role;

use crate::AppState;
use crate::auth::{ClientIp, Visitor};
use crate::error::{ApiError, PageError};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Everyone,
    /// Any signed-in account.
    SignedIn,
    /// Candidates.
    Candidates,
    /// Any State agent, including one still waiting for a role.
    Agents,
    /// Recruiters and organisation administrators.
    Recruiters,
    /// Vivier's administrators.
    Admins,
    /// Administrators of an organisation, and Vivier's administrators.
    OrgAdmins,
}

impl Access {
    /// Whether a user holding `role` may use a route with this access.
    pub fn allows(self, role: Role) -> bool {
        match self {
            Self::Everyone => true,
            Self::SignedIn => role != Role::Visitor,
            Self::Candidates => role == Role::Candidate,
            Self::Agents => !matches!(role, Role::Visitor | Role::Candidate),
            Self::Recruiters => matches!(role, Role::Recruiter | Role::OrgAdmin),
            Self::Admins => role == Role::Admin,
            Self::OrgAdmins => matches!(role, Role::OrgAdmin | Role::Admin),
        }
    }
}

/// The HTTP methods the policy speaks of (HEAD is GET).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
}

impl Verb {
    /// The verb of a method; `None` for a method no route takes.
    pub fn of(method: &Method) -> Option<Self> {
        match *method {
            Method::GET | Method::HEAD => Some(Self::Get),
            Method::POST => Some(Self::Post),
            _ => None,
        }
    }
}

/// One line of the policy.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub verb: Verb,
    /// The route's path pattern, as registered.
    pub path: &'static str,
    pub access: Access,
    /// Answers carry `Cache-Control: no-store` (personal data, forms with tokens).
    pub private: bool,
}

const fn public(verb: Verb, path: &'static str) -> Rule {
    Rule {
        verb,
        path,
        access: Access::Everyone,
        private: false,
    }
}

const fn private(verb: Verb, path: &'static str, access: Access) -> Rule {
    Rule {
        verb,
        path,
        access,
        private: true,
    }
}

use Access::{Admins, Agents, Candidates, Everyone, OrgAdmins, Recruiters, SignedIn};
use Verb::{Get, Post};

/// The policy. Read it as a table: route, method, who.
pub static POLICY: &[Rule] = &[
    // The public site.
    public(Get, "/"),
    public(Get, "/mentions-legales"),
    public(Get, "/donnees-personnelles"),
    public(Get, "/accessibilite"),
    public(Get, "/plan-du-site"),
    public(Get, "/sitemap.xml"),
    public(Get, "/robots.txt"),
    public(Get, "/healthz"),
    public(Get, "/readyz"),
    public(Get, "/static/vivier.css"),
    public(Get, "/static/suggestions.js"),
    public(Get, "/static/dsfr/{version}/{*path}"),
    public(Get, "/favicon.ico"),
    public(Get, "/offres-emploi"),
    public(Get, "/offres-emploi/flux.atom"),
    public(Get, "/emploi/{slug}"),
    public(Get, "/employeurs"),
    public(Get, "/employeurs/{slug}"),
    // The public API (read-only).
    public(Get, "/api/v1/offres"),
    public(Get, "/api/v1/offres/{slug}"),
    public(Get, "/api/v1/organisations"),
    public(Get, "/api/v1/organisations/{slug}"),
    public(Get, "/api/v1/referentiels/{kind}"),
    public(Get, "/api/v1/suggestions"),
    // Accounts: the forms are open to everyone, but carry tokens.
    private(Get, "/inscription", Everyone),
    private(Post, "/inscription", Everyone),
    private(Get, "/inscription/confirmation", Everyone),
    private(Post, "/inscription/confirmation", Everyone),
    private(Get, "/connexion", Everyone),
    private(Post, "/connexion", Everyone),
    private(Get, "/deconnexion", Everyone),
    private(Post, "/deconnexion", Everyone),
    private(Get, "/mot-de-passe-oublie", Everyone),
    private(Post, "/mot-de-passe-oublie", Everyone),
    private(Get, "/mot-de-passe-oublie/nouveau", Everyone),
    private(Post, "/mot-de-passe-oublie/nouveau", Everyone),
    private(Get, "/compte/adresse/confirmation", Everyone),
    private(Post, "/compte/adresse/confirmation", Everyone),
    // OpenID Connect sign-in (FranceConnect, ProConnect): starting it writes a pending sign-in;
    // the provider's return carries a code and a state, never cached.
    private(Post, "/connexion/oidc/{fournisseur}", Everyone),
    private(Get, "/connexion/oidc/{fournisseur}/retour", Everyone),
    // One's own account, whoever one is.
    private(Get, "/compte", SignedIn),
    private(Post, "/compte/mot-de-passe", SignedIn),
    private(Post, "/compte/adresse", SignedIn),
    private(Post, "/compte/deconnexion-partout", SignedIn),
    // Candidates.
    private(Get, "/espace-candidat", Candidates),
    private(Post, "/espace-candidat/vivier", Candidates),
    private(Get, "/espace-candidat/cv/{id}", Candidates),
    private(Get, "/espace-candidat/profil", Candidates),
    private(Post, "/espace-candidat/profil", Candidates),
    private(
        Post,
        "/espace-candidat/candidatures/{id}/retirer",
        Candidates,
    ),
    private(Get, "/espace-candidat/candidature-spontanee", Candidates),
    private(Post, "/espace-candidat/candidature-spontanee", Candidates),
    private(Get, "/emploi/{slug}/postuler", Candidates),
    private(Post, "/emploi/{slug}/postuler", Candidates),
    // Candidates: their saved searches and alerts (each handler keeps to the candidate's own:
    // another's answers 404).
    private(Get, "/espace-candidat/recherches", Candidates),
    private(Post, "/espace-candidat/recherches", Candidates),
    private(Post, "/espace-candidat/recherches/{id}", Candidates),
    private(
        Post,
        "/espace-candidat/recherches/{id}/suppression",
        Candidates,
    ),
    // Candidates: their personal data (a copy, the deletion of the account).
    private(Get, "/espace-candidat/donnees", Candidates),
    private(Get, "/espace-candidat/donnees/export.zip", Candidates),
    private(Get, "/espace-candidat/suppression", Candidates),
    private(Post, "/espace-candidat/suppression", Candidates),
    // The unsubscribe link of an alert mail works without signing in: it is signed.
    private(Get, "/alertes/desabonnement", Everyone),
    private(Post, "/alertes/desabonnement", Everyone),
    private(Post, "/alertes/desabonnement/un-clic", Everyone),
    // Agents: the recruiters' home (an agent without a role sees how to get one).
    private(Get, "/recruteur", Agents),
    // Agents: asking for a role in an organisation.
    private(Post, "/recruteur/acces", Agents),
    // Organisation administrators: the access requests for their organisations (and below).
    private(Get, "/recruteur/demandes", OrgAdmins),
    private(Post, "/recruteur/demandes/{id}", OrgAdmins),
    // Recruiters: the offers and employer pages of their organisations. The table lets any
    // recruiter in; each handler then keeps to the organisations this one manages (404 else).
    private(Get, "/recruteur/offres", Recruiters),
    private(Get, "/recruteur/offres/export.csv", Recruiters),
    private(Get, "/recruteur/offres/nouvelle", Recruiters),
    private(Post, "/recruteur/offres/nouvelle", Recruiters),
    private(Get, "/recruteur/offres/{id}", Recruiters),
    private(Post, "/recruteur/offres/{id}", Recruiters),
    private(Post, "/recruteur/offres/{id}/publier", Recruiters),
    private(Post, "/recruteur/offres/{id}/pourvoir", Recruiters),
    private(Post, "/recruteur/offres/{id}/cloturer", Recruiters),
    private(Post, "/recruteur/offres/{id}/dupliquer", Recruiters),
    private(Get, "/recruteur/employeurs/{slug}", Recruiters),
    private(Post, "/recruteur/employeurs/{slug}", Recruiters),
    private(Post, "/recruteur/employeurs/{slug}/temoignages", Recruiters),
    // Recruiters: the applications to their organisations' offers and to their organisations,
    // those to the State (unless the candidate hid from them), the talent pool, the dashboard.
    private(Get, "/recruteur/offres/{id}/candidatures", Recruiters),
    private(Get, "/recruteur/offres/{id}/candidatures.csv", Recruiters),
    private(Get, "/recruteur/candidatures/{id}", Recruiters),
    private(Get, "/recruteur/candidatures/{id}/cv", Recruiters),
    private(Post, "/recruteur/candidatures/{id}/etape", Recruiters),
    private(Post, "/recruteur/candidatures/{id}/notes", Recruiters),
    private(Get, "/recruteur/candidats", Recruiters),
    private(Post, "/recruteur/candidats/{user}/proposer", Recruiters),
    private(Get, "/recruteur/tableau-de-bord", Recruiters),
    // Administration.
    private(Get, "/admin", Admins),
    private(Get, "/admin/journal", Admins),
    // Administration: access requests.
    private(Get, "/admin/demandes", Admins),
    private(Post, "/admin/demandes/{id}", Admins),
    // Administration: accounts.
    private(Get, "/admin/utilisateurs", Admins),
    private(Get, "/admin/utilisateurs/{id}", Admins),
    private(Post, "/admin/utilisateurs/{id}/etat", Admins),
    private(Post, "/admin/utilisateurs/{id}/administrateur", Admins),
    private(Post, "/admin/utilisateurs/{id}/roles", Admins),
    // Administration: the organisation tree.
    private(Get, "/admin/organisations", Admins),
    private(Post, "/admin/organisations", Admins),
    private(Get, "/admin/organisations/{id}", Admins),
    private(Post, "/admin/organisations/{id}", Admins),
    private(Post, "/admin/organisations/{id}/deplacement", Admins),
    private(Post, "/admin/organisations/{id}/fusion", Admins),
    // Administration: job families and domains.
    private(Get, "/admin/referentiels", Admins),
    private(Post, "/admin/referentiels/familles", Admins),
    private(Post, "/admin/referentiels/familles/{code}", Admins),
    private(Post, "/admin/referentiels/domaines", Admins),
    private(Post, "/admin/referentiels/domaines/{code}", Admins),
];

/// The rules of a registered path, if the policy knows it.
pub fn rules_of(path: &str) -> impl Iterator<Item = &'static Rule> + '_ {
    POLICY.iter().filter(move |rule| rule.path == path)
}

/// A router that remembers its paths, so that the policy's test can enumerate them.
#[derive(Debug)]
pub struct Routes {
    router: axum::Router<AppState>,
    paths: Vec<&'static str>,
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    /// No route yet.
    pub fn new() -> Self {
        Self {
            router: axum::Router::new(),
            paths: Vec::new(),
        }
    }

    /// Adds a route, like [`axum::Router::route`].
    pub fn route(mut self, path: &'static str, methods: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, methods);
        self.paths.push(path);
        self
    }

    /// Adds another area's routes.
    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }

    /// Every path registered.
    pub fn paths(&self) -> &[&'static str] {
        &self.paths
    }

    /// The router.
    pub fn into_router(self) -> axum::Router<AppState> {
        self.router
    }
}

/// The middleware: applies [`POLICY`] to the request's route.
pub async fn enforce(
    State(state): State<AppState>,
    visitor: Visitor,
    request: Request,
    next: Next,
) -> Response {
    // No matched path: nothing answers but the 404 fallback.
    let Some(path) = request.extensions().get::<MatchedPath>().cloned() else {
        return next.run(request).await;
    };
    let path = path.as_str();
    let api = path.starts_with("/api/");
    let mut rules = rules_of(path).peekable();
    if rules.peek().is_none() {
        return PageError::Internal(format!("route {path} is missing from the policy"))
            .into_response();
    }
    let verb = Verb::of(request.method());
    let Some(rule) = rules.find(|rule| Some(rule.verb) == verb) else {
        return crate::extract::method_not_allowed(request.uri().path());
    };
    let roles = visitor.roles();
    if roles.iter().any(|&role| rule.access.allows(role)) {
        let mut response = next.run(request).await;
        if rule.private {
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        return response;
    }

    let (parts, _) = request.into_parts();
    let ip = ClientIp::of(&parts);
    let target = parts
        .uri
        .path_and_query()
        .map_or(parts.uri.path(), |p| p.as_str());
    // The path only in the log: a query may carry a token.
    let path = parts.uri.path();
    let detail = format!(
        "{} {path} : réservé à {:?}, rôles {}",
        parts.method,
        rule.access,
        roles
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(", ")
    );
    crate::audit::denied(&state, &visitor, &ip, "acces", path, &detail).await;
    let mut response = if visitor.0.is_none() {
        if api {
            ApiError::unauthorized().into_response()
        } else {
            let query = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("suite", target)
                .finish();
            Redirect::to(&format!("/connexion?{query}")).into_response()
        }
    } else if api {
        ApiError::forbidden(
            "forbidden",
            "Votre compte n’a pas accès à cette adresse de l’API.",
        )
        .into_response()
    } else {
        PageError::Forbidden(
            "Votre compte n’a pas accès à cette page. Si vous pensez que c’est une erreur, \
             contactez l’administrateur de votre organisation."
                .to_owned(),
        )
        .into_response()
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_administrators_and_vivier_administrators_are_org_admins() {
        let allowed: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|&role| Access::OrgAdmins.allows(role))
            .collect();
        assert_eq!(allowed, [Role::OrgAdmin, Role::Admin]);
    }
}
