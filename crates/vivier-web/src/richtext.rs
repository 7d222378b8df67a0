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
    window(&flatten(text), 0, max)
}

/// The text on one line: paragraphs, line breaks and list bullets become single spaces.
pub fn flatten(text: &str) -> String {
    text.split_whitespace()
        .map(|w| w.trim_start_matches(['-', '•']))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most `max` characters of the one-line text `flat`, cut at spaces, from a little before
/// the byte offset `around` so that what is there shows with some context; "…" marks the cuts.
pub fn window(flat: &str, around: usize, max: usize) -> String {
    // Start at most a third of the window before `around`, at the start of a word.
    let lead = max / 3;
    let mut start = 0;
    if flat
        .get(..around)
        .is_some_and(|before| before.chars().count() > lead)
    {
        let before = &flat[..around];
        let skip = before.chars().count() - lead;
        let from = before.char_indices().nth(skip).map_or(0, |(i, _)| i);
        start = before[from..]
            .find(' ')
            .map_or(around, |space| from + space + 1);
    }
    let rest = &flat[start..];
    let opening = if start > 0 { "…" } else { "" };
    if rest.chars().count() <= max {
        return format!("{opening}{rest}");
    }
    let cut: String = rest.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{opening}{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_show_the_place_with_some_context() {
        let flat = flatten(
            "Premier paragraphe assez long pour être coupé.\n\n- un point\n- le mot cherché ici, puis une suite qui ne tient pas dans la fenêtre.",
        );
        let at = flat.find("cherché").unwrap();
        let shown = window(&flat, at, 45);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("cherché"), "{shown}");
        assert!(shown.chars().count() <= 47, "{shown}");
        // Near the start, no opening cut.
        assert_eq!(window("court", 2, 45), "court");
        assert_eq!(excerpt("un\n- deux", 45), "un deux");
        // Never a panic on odd offsets.
        assert_eq!(window("é", 1, 45), "é");
        assert_eq!(window("abc", 99, 45), "abc");
    }

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
