//! What every page shares: the layout (title, breadcrumb, navigation) and rendering.

use askama::Template;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::PageError;

/// The main navigation entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Home,
    Offers,
    Employers,
    None,
}

/// One step of the breadcrumb; the last one is the current page and has no link.
#[derive(Debug, Clone)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

impl Crumb {
    /// A step with a link.
    pub fn link(label: impl Into<String>, href: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            href: Some(href.into()),
        }
    }

    /// The current page.
    pub fn here(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            href: None,
        }
    }
}

/// The page frame: head, header, breadcrumb, footer.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Page title, without the site name.
    pub title: String,
    pub description: String,
    /// Absolute URL of the canonical version of this page.
    pub canonical: Option<String>,
    /// Steps after "Accueil"; empty on the home page.
    pub breadcrumb: Vec<Crumb>,
    pub nav: Nav,
    /// An Atom feed to announce in `<head>`.
    pub feed: Option<String>,
    /// Keep out of search engines (error pages, filtered lists past page 1…).
    pub noindex: bool,
}

impl Layout {
    /// A layout with a title and description; the rest empty.
    pub fn new(title: impl Into<String>, description: impl Into<String>, nav: Nav) -> Self {
        Self {
            title: title.into(),
            description: description.into(),
            canonical: None,
            breadcrumb: Vec::new(),
            nav,
            feed: None,
            noindex: false,
        }
    }

    /// Adds a breadcrumb.
    pub fn with_breadcrumb(mut self, crumbs: Vec<Crumb>) -> Self {
        self.breadcrumb = crumbs;
        self
    }

    /// Path prefix of the DSFR's files.
    pub fn dsfr(&self) -> String {
        format!("/static/dsfr/{}", vivier_assets::DSFR_VERSION)
    }

    /// `aria-current="page"` on the current navigation entry.
    pub fn current(&self, nav: Nav) -> &'static str {
        if self.nav == nav { "page" } else { "false" }
    }
}

/// Renders a template into an HTML response.
pub fn render<T: Template>(template: &T) -> Result<Response, PageError> {
    let html = template.render()?;
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
}

/// The page shown for every error.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub heading: String,
    pub message: String,
}

impl ErrorPage {
    /// An error page with a status, a heading and an explanation.
    pub fn new(status: u16, heading: &str, message: String) -> Self {
        let mut layout = Layout::new(heading, message.clone(), Nav::None);
        layout.noindex = true;
        Self {
            layout,
            status,
            heading: heading.to_owned(),
            message,
        }
    }

    /// The page for unexpected failures: nothing internal is shown.
    pub fn internal() -> Self {
        Self::new(
            500,
            "Erreur inattendue",
            "Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus \
             rapidement possible. Essayez de rafraîchir la page ou revenez plus tard."
                .to_owned(),
        )
    }
}
