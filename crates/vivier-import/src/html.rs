//! The exports' texts turned into Vivier's text model.
//!
//! Vivier stores an offer's texts as plain text: paragraphs separated by a blank line, lines
//! starting with "- " as list items, other line breaks kept (`vivier-web`'s `richtext` renders
//! it, escaping everything). Some export cells hold HTML, most often plain text with a few tags
//! and entities: stored as they are, they would show `<p>` and `&eacute;` to candidates.
//! [`to_text`] keeps their words and their structure (paragraphs, line breaks, list items), and
//! nothing else: no tag, no attribute, no link.

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The size of the pieces the input is handed to the tokenizer in (its buffers hold at most
/// 4 GiB each; the tokenizer reads across pieces).
const CHUNK_BYTES: usize = 1 << 20;

/// An export's text in Vivier's text model.
///
/// Text without markup (see [`has_markup`]) is returned as it is, borrowed: its line breaks
/// and spaces are the author's. Otherwise it is read as HTML:
/// - `p`, `div`, headings and the other blocks are paragraphs (a blank line around them);
///   `br` is a line break; a list is a paragraph whose items (`li`) are lines starting with
///   "- ", ordered or not, nested lists flattened into their parent (Vivier has neither
///   numbered nor nested lists), and blocks inside a list only break the line;
/// - `script`, `style`, `template`, `noscript`, `head`, `title`, `iframe`, `svg`, `math` and
///   comments are dropped with their content; any other tag (`strong`, `em`, `span`, `a`…) is
///   dropped and its text kept; attributes never survive;
/// - entities are decoded, `&nbsp;` as a plain space;
/// - line breaks in the text are kept (these exports mix plain text and tags), except one that
///   only lays out the HTML source right after a tag that already broke the line
///   (`<br>` then a line break is one line break);
/// - runs of spaces and tabs become one space, lines are trimmed, more than one blank line
///   becomes one, and the whole is trimmed.
///
/// A tag never reaches the result; a `<` of the text (`a < b`, `&lt;`) stays, but is never
/// followed by what would make it a tag (`&lt;b&gt;` gives `< b>`), so no tag can appear by
/// reading the result as HTML again. Text without `&` comes out without markup: reading the
/// result again changes nothing. Decoded entities may spell other entities (`&amp;eacute;`
/// gives `&eacute;`), which stay as they are.
///
/// Word's bullets, characters of its Symbol and Wingdings fonts that reach exports as private
/// use code points (`&#61607;`, U+F0A7, then a tab), become "- " at the start of a line.
pub fn to_text(input: &str) -> Cow<'_, str> {
    let text = if has_markup(input) {
        Cow::Owned(convert(input, CHUNK_BYTES))
    } else {
        Cow::Borrowed(input)
    };
    if text.split('\n').any(|line| bullet_item(line).is_some()) {
        Cow::Owned(word_bullets(&text))
    } else {
        text
    }
}

/// What follows a Word bullet that starts `line`, when there is something.
fn bullet_item(line: &str) -> Option<&str> {
    line.trim_start()
        .strip_prefix(is_word_bullet)
        .filter(|rest| !rest.trim().is_empty())
}

/// The bullets of Word's Symbol and Wingdings fonts, as they reach exports.
fn is_word_bullet(c: char) -> bool {
    matches!(
        c,
        '\u{f0a7}' | '\u{f0b7}' | '\u{f0d8}' | '\u{f076}' | '\u{f0fc}' | '\u{f06e}'
    )
}

/// `text` with the Word bullets that start a line written "- ".
fn word_bullets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match bullet_item(line) {
            Some(rest) => {
                out.push_str("- ");
                out.push_str(rest.trim_start());
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Whether an HTML reader would not show `text` as it is written: it holds a tag, a comment
/// or a declaration (`<` followed by a letter, `/`, `!` or `?`) or a character reference
/// (`&#…`, or `&name;`).
pub fn has_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &byte)| {
        let after = &bytes[i + 1..];
        match byte {
            b'<' => after
                .first()
                .is_some_and(|&next| starts_tag(char::from(next))),
            b'&' => is_reference(after),
            _ => false,
        }
    })
}

/// Whether `next`, after a `<`, makes it a tag, comment or declaration.
fn starts_tag(next: char) -> bool {
    next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')
}

/// Whether the bytes after a `&` make it a character reference: `#`, or a name and `;`.
/// (References without `;`, such as `&eacute `, are left alone: browsers only read a few.)
fn is_reference(after: &[u8]) -> bool {
    if after.first() == Some(&b'#') {
        return true;
    }
    let name = after
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    name > 0 && after.get(name) == Some(&b';')
}

/// `input` read as HTML, given to the tokenizer in pieces of at most `chunk_bytes` bytes.
fn convert(input: &str, chunk_bytes: usize) -> String {
    let queue = BufferQueue::default();
    for chunk in chunks(input, chunk_bytes) {
        queue.push_back(StrTendril::from_slice(chunk));
    }
    let opts = TokenizerOpts {
        // A byte-order mark is a character of the text like any other, as in plain text.
        discard_bom: false,
        ..TokenizerOpts::default()
    };
    let tokenizer = Tokenizer::new(Sink::default(), opts);
    // The sink never asks the tokenizer to stop for a script, so this reads everything.
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.state.into_inner().text.out
}

/// `text` in pieces of at most `max_bytes` bytes (at least one character each), cut between
/// characters.
fn chunks(text: &str, max_bytes: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len().min(max_bytes.max(1));
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (chunk, tail) = rest.split_at(end);
        rest = tail;
        Some(chunk)
    })
}

/// Elements dropped with their content, and how the tokenizer reads that content (as text
/// up to the element's end tag, or as markup).
fn dropped(name: &str) -> Option<Option<RawKind>> {
    match name {
        "script" => Some(Some(RawKind::ScriptData)),
        "style" | "noscript" | "iframe" => Some(Some(RawKind::Rawtext)),
        "title" => Some(Some(RawKind::Rcdata)),
        "template" | "head" | "svg" | "math" => Some(None),
        _ => None,
    }
}

/// Elements that are paragraphs of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "header"
            | "hr"
            | "main"
            | "nav"
            | "pre"
            | "section"
            | "table"
    )
}

/// Whether `tag` opens an element, which its end tag will close: in HTML, a `/>` does not
/// close an element, except in SVG and MathML.
fn opens(tag: &Tag) -> bool {
    tag.kind == TagKind::StartTag && !(tag.self_closing && matches!(&*tag.name, "svg" | "math"))
}

/// Receives the tokens and writes the text.
#[derive(Debug, Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Debug, Default)]
struct State {
    text: Text,
    /// How many lists are open around the current point.
    lists: u32,
    /// The dropped element being skipped, and how many of its kind are open inside it.
    skipping: Option<(html5ever::LocalName, u32)>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) if state.skipping.is_none() => state.text.push_str(&text),
            Token::TagToken(tag) => return state.tag(&tag),
            Token::CharacterTokens(_)
            | Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::ParseError(_)
            | Token::EOFToken => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = &*tag.name;
        if let Some((skipped, depth)) = &mut self.skipping {
            if name == &**skipped {
                if opens(tag) {
                    *depth = depth.saturating_add(1);
                } else if tag.kind == TagKind::EndTag {
                    *depth = depth.saturating_sub(1);
                    if *depth == 0 {
                        self.skipping = None;
                    }
                }
            }
            return TokenSinkResult::Continue;
        }
        let start = tag.kind == TagKind::StartTag;
        if let Some(raw) = dropped(name) {
            if opens(tag) {
                self.skipping = Some((tag.name.clone(), 1));
                if let Some(kind) = raw {
                    return TokenSinkResult::RawData(kind);
                }
            }
            return TokenSinkResult::Continue;
        }
        match name {
            // Browsers read `</br>` as `<br>`.
            "br" => self.text.line_break(),
            "li" if start => self.text.item(),
            "li" => self.text.end_item(),
            "tr" | "dt" | "dd" => self.text.end_line(),
            "td" | "th" => self.text.space(),
            "ul" | "ol" => {
                if start {
                    self.block();
                    self.lists = self.lists.saturating_add(1);
                } else {
                    self.lists = self.lists.saturating_sub(1);
                    self.text.end_item();
                    self.block();
                }
            }
            _ if is_block(name) => self.block(),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    /// The edge of a block: a paragraph break, or a line break inside a list (whose items
    /// must stay together).
    fn block(&mut self) {
        if self.lists == 0 {
            self.text.end_paragraph();
        } else {
            self.text.end_line();
        }
    }
}

/// The text being written, normalised as it goes: breaks and spaces are only written before
/// the next visible character, so none trails.
#[derive(Debug, Default)]
struct Text {
    out: String,
    /// Line breaks owed before the next character (two at most are written: a blank line).
    breaks: u8,
    /// A space owed before the next character, unless it starts a line.
    space: bool,
    /// The next character starts a list item.
    item: bool,
    /// A tag just broke the line: a line break of the text right after it (spaces aside) is
    /// the HTML source's layout, not a second break.
    broken_by_tag: bool,
}

impl Text {
    fn push_str(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' {
                if !std::mem::take(&mut self.broken_by_tag) {
                    self.breaks = self.breaks.saturating_add(1);
                }
                self.space = false;
            } else if c == '\u{a0}' || c.is_ascii_whitespace() {
                self.space = true;
            } else {
                self.push(c);
            }
        }
    }

    fn push(&mut self, c: char) {
        if !self.out.is_empty() {
            if self.breaks > 0 {
                for _ in 0..self.breaks.min(2) {
                    self.out.push('\n');
                }
            } else if self.space
                // A `<` of the text would otherwise make a tag with what follows (the text
                // of an entity, or after dropped markup).
                || (self.out.ends_with('<') && starts_tag(c))
            {
                self.out.push(' ');
            }
        }
        if self.item {
            self.out.push_str("- ");
        }
        self.out.push(c);
        self.breaks = 0;
        self.space = false;
        self.item = false;
        self.broken_by_tag = false;
    }

    fn space(&mut self) {
        self.space = true;
    }

    fn line_break(&mut self) {
        self.breaks = self.breaks.saturating_add(1);
        self.broken_by_tag = true;
    }

    fn end_line(&mut self) {
        self.breaks = self.breaks.max(1);
        self.broken_by_tag = true;
    }

    fn end_paragraph(&mut self) {
        self.breaks = self.breaks.max(2);
        self.broken_by_tag = true;
    }

    fn item(&mut self) {
        self.end_line();
        self.item = true;
    }

    /// The end of an item, maybe an empty one (which leaves no line).
    fn end_item(&mut self) {
        self.end_line();
        self.item = false;
    }
}

#[cfg(test)]
mod tests;
