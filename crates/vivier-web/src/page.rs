//! What every page shares: the layout (title, breadcrumb, navigation) and rendering.

use askama::Template;
use axum::body::Bytes;
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

/// A titled section of text, rendered (offer and employer pages).
#[derive(Debug)]
pub struct Section {
    pub anchor: &'static str,
    pub title: &'static str,
    pub html: String,
}

/// Renders filled sections given as (anchor, title, plain text).
pub fn sections(filled: Vec<(&'static str, &'static str, &str)>) -> Vec<Section> {
    filled
        .into_iter()
        .map(|(anchor, title, text)| Section {
            anchor,
            title,
            html: crate::richtext::to_html(text),
        })
        .collect()
}

/// One `<option>` of a form's `<select>`.
#[derive(Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
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
    Ok(html_response(Bytes::from(template.render()?)))
}

fn html_response(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// Weighs cached pages by their size.
#[derive(Debug, Clone, Copy)]
struct BySize;

impl quick_cache::Weighter<String, Bytes> for BySize {
    fn weight(&self, key: &String, page: &Bytes) -> u64 {
        (key.len() + page.len()) as u64
    }
}

/// Rendered pages of one [`Board`](crate::catalog::Board) snapshot. A snapshot never changes,
/// so neither do the pages rendered from it: the cache lives and dies with its snapshot, and
/// needs no invalidation. Bounded by a byte budget; a budget of 0 disables it.
pub struct PageCache {
    pages: Option<quick_cache::sync::Cache<String, Bytes, BySize>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("pages", &self.pages.as_ref().map(|p| p.len()))
            .finish()
    }
}

/// A typical page, to size the cache's tables.
const TYPICAL_PAGE_BYTES: u64 = 32 * 1024;

impl PageCache {
    /// A cache holding at most `budget` bytes of pages.
    pub fn new(budget: u64) -> Self {
        Self {
            pages: (budget > 0).then(|| {
                let items = (budget / TYPICAL_PAGE_BYTES).max(16) as usize;
                quick_cache::sync::Cache::with_weighter(items, budget, BySize)
            }),
        }
    }

    /// The page at `key`, rendering it with `render` (and keeping it) when missing. Only
    /// successful renders are kept, so a key found here was valid when first asked.
    pub fn html(
        &self,
        key: String,
        render: impl FnOnce() -> Result<String, PageError>,
    ) -> Result<Response, PageError> {
        let Some(pages) = &self.pages else {
            return Ok(html_response(Bytes::from(render()?)));
        };
        if let Some(page) = pages.get(&key) {
            return Ok(html_response(page));
        }
        let page = Bytes::from(render()?);
        pages.insert(key, page.clone());
        Ok(html_response(page))
    }
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
