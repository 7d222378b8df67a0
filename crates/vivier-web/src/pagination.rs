//! Numbered pagination, as the DSFR draws it: first, previous, a window of pages, next, last.

/// One entry of the pagination bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageLink {
    /// A page number; `href` is `None` for the current page.
    Page { number: u32, href: Option<String> },
    /// Pages left out ("…").
    Gap,
}

/// Everything the pagination bar shows; empty when there is a single page.
#[derive(Debug, Clone, Default)]
pub struct PaginationView {
    pub links: Vec<PageLink>,
    pub first: Option<String>,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub last: Option<String>,
}

impl PaginationView {
    /// Whether there is anything to show.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }
}

/// Where we are among how many pages.
#[derive(Debug, Clone, Copy)]
pub struct Pagination {
    pub current: u32,
    pub total: u32,
}

impl Pagination {
    /// `current` is clamped into `1..=total`.
    pub fn new(current: u32, total: u32) -> Self {
        let total = total.max(1);
        Self {
            current: current.clamp(1, total),
            total,
        }
    }

    /// The whole bar: numbered entries, and first/previous/next/last when they lead elsewhere.
    pub fn view(self, href: impl Fn(u32) -> String) -> PaginationView {
        let links = self.links(&href);
        if links.is_empty() {
            return PaginationView::default();
        }
        let before = self.current > 1;
        let after = self.current < self.total;
        PaginationView {
            links,
            first: before.then(|| href(1)),
            previous: before.then(|| href(self.current - 1)),
            next: after.then(|| href(self.current + 1)),
            last: after.then(|| href(self.total)),
        }
    }

    /// The numbered entries: the first and last pages, and two pages around the current one.
    pub fn links(self, href: impl Fn(u32) -> String) -> Vec<PageLink> {
        if self.total <= 1 {
            return Vec::new();
        }
        let mut links = Vec::new();
        let mut last_shown = 0;
        for number in 1..=self.total {
            let near = number.abs_diff(self.current) <= 2;
            if number == 1 || number == self.total || near {
                if number > last_shown + 1 {
                    links.push(PageLink::Gap);
                }
                links.push(PageLink::Page {
                    number,
                    href: (number != self.current).then(|| href(number)),
                });
                last_shown = number;
            }
        }
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(links: &[PageLink]) -> String {
        links
            .iter()
            .map(|l| match l {
                PageLink::Page { number, href: None } => format!("[{number}]"),
                PageLink::Page { number, .. } => number.to_string(),
                PageLink::Gap => "…".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn window_around_the_current_page() {
        let href = |n: u32| format!("?page={n}");
        assert_eq!(shape(&Pagination::new(1, 1).links(href)), "");
        assert_eq!(shape(&Pagination::new(1, 3).links(href)), "[1] 2 3");
        assert_eq!(
            shape(&Pagination::new(10, 20).links(href)),
            "1 … 8 9 [10] 11 12 … 20"
        );
        assert_eq!(
            shape(&Pagination::new(99, 20).links(href)),
            "1 … 18 19 [20]"
        );
        assert_eq!(
            shape(&Pagination::new(4, 20).links(href)),
            "1 2 3 [4] 5 6 … 20"
        );
    }
}
