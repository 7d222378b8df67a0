//! Turns the plain text of offers and employer pages into safe HTML: paragraphs separated by a
//! blank line, lines starting with "- " or "• " as list items, other line breaks kept.

use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn list_item(line: &str) -> Option<&str> {
    let line = line.trim_start();
    ["- ", "• ", "* ", "– "]
        .iter()
        .find_map(|marker| line.strip_prefix(marker))
}

/// Renders plain text as HTML; everything in it is escaped.
pub fn to_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 64);
    let normalised = text.replace("\r\n", "\n");
    for block in normalised
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        let mut paragraph: Vec<&str> = Vec::new();
        let mut items: Vec<&str> = Vec::new();
        let flush_paragraph = |html: &mut String, lines: &mut Vec<&str>| {
            if !lines.is_empty() {
                let escaped: Vec<String> = lines.iter().map(|l| escape(l.trim())).collect();
                let _ = write!(html, "<p>{}</p>", escaped.join("<br>"));
                lines.clear();
            }
        };
        let flush_items = |html: &mut String, items: &mut Vec<&str>| {
            if !items.is_empty() {
                html.push_str("<ul>");
                for item in items.iter() {
                    let _ = write!(html, "<li>{}</li>", escape(item.trim()));
                }
                html.push_str("</ul>");
                items.clear();
            }
        };
        for line in block.lines().filter(|l| !l.trim().is_empty()) {
            if let Some(item) = list_item(line) {
                flush_paragraph(&mut html, &mut paragraph);
                items.push(item);
            } else {
                flush_items(&mut html, &mut items);
                paragraph.push(line);
            }
        }
        flush_paragraph(&mut html, &mut paragraph);
        flush_items(&mut html, &mut items);
    }
    html
}

/// An offer's filled sections as one HTML document, each under an `<h2>` (feeds, JSON-LD).
pub fn sections_html(sections: &vivier_domain::offer::OfferSections) -> String {
    sections
        .filled()
        .into_iter()
        .map(|(_, title, text)| format!("<h2>{}</h2>{}", escape(title), to_html(text)))
        .collect()
}

/// The first `max` characters of the text on one line, cut at a word, with "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text
        .split_whitespace()
        .map(|w| w.trim_start_matches(['-', '•']))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_breaks() {
        let html = to_html("Intro\nsuite\n\n- un\n- deux\n\nFin");
        assert_eq!(
            html,
            "<p>Intro<br>suite</p><ul><li>un</li><li>deux</li></ul><p>Fin</p>"
        );
    }

    #[test]
    fn everything_is_escaped() {
        let html = to_html("<script>alert('x')</script> & \"co\"\n- <b>gras</b>");
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<b>"));
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;")
        );
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("Court", 10), "Court");
        assert_eq!(
            excerpt("Construire des services publics numériques", 20),
            "Construire des…"
        );
        assert_eq!(excerpt("- un\n- deux", 50), "un deux");
    }
}
