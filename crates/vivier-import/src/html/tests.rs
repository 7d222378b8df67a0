use proptest::prelude::*;

use super::*;

/// The text of `input`, which must hold markup.
fn text(input: &str) -> String {
    let text = to_text(input);
    assert!(matches!(text, Cow::Owned(_)), "read as HTML: {input:?}");
    text.into_owned()
}

#[test]
fn plain_text_is_returned_as_it_is_without_a_copy() {
    for plain in [
        "",
        "Missions :\n- Développer\n- Tester\n\n\n  Profil  recherché\r\n",
        "Salaire < 3 000 € & primes ; R&D ; 3<4 ; <<< Plus d'informations >>>",
        "caf&eacute sans point-virgule",
        "texte <",
    ] {
        assert!(
            matches!(to_text(plain), Cow::Borrowed(p) if p == plain),
            "{plain:?}"
        );
    }
}

#[test]
fn a_csp_description_in_html_reads_as_paragraphs_and_a_list() {
    let html = "<p>Au sein de la DINUM, vous rejoignez l&#39;&eacute;quipe <em>produit</em>.</p>\
        <p><strong>Vos missions</strong>&nbsp;:</p>\
        <ul><li>Concevoir les services&nbsp;;</li><li>Assurer leur <a href=\"https://x.fr\">maintenance</a>.</li></ul>\
        <p>Poste &agrave; pourvoir d&egrave;s que possible</p>";
    assert_eq!(
        text(html),
        "Au sein de la DINUM, vous rejoignez l'équipe produit.\n\n\
         Vos missions :\n\n\
         - Concevoir les services ;\n\
         - Assurer leur maintenance.\n\n\
         Poste à pourvoir dès que possible"
    );
}

#[test]
fn source_layout_does_not_add_breaks() {
    let html =
        "<div>\n  <h2>Profil</h2>\n  <ul>\n    <li>Rust</li>\n    <li>SQL</li>\n  </ul>\n</div>\n";
    assert_eq!(text(html), "Profil\n\n- Rust\n- SQL");
    assert_eq!(
        text("Ligne 1<br/>Ligne 2<br />\nLigne 3<BR>\r\nLigne 4<br><br>Paragraphe"),
        "Ligne 1\nLigne 2\nLigne 3\nLigne 4\n\nParagraphe"
    );
}

#[test]
fn line_breaks_of_text_mixed_with_tags_are_kept() {
    assert_eq!(
        text(
            "Missions :\n- Développer\n- Tester\n\n\n\nProfil : <b>Rust</b> &amp; SQL\nAnglais lu"
        ),
        "Missions :\n- Développer\n- Tester\n\nProfil : Rust & SQL\nAnglais lu"
    );
}

#[test]
fn nested_and_ordered_lists_are_flat_lists() {
    assert_eq!(
        text(
            "<ul><li>Un<ul><li>Un bis</li></ul></li><li>Deux</li></ul><ol><li>Premier</li><li></li></ol>Fin"
        ),
        "- Un\n- Un bis\n- Deux\n\n- Premier\n\nFin"
    );
    // Editors often wrap items in paragraphs: the list stays one list.
    assert_eq!(
        text("<ul><li><p>Un</p></li><li><p>Deux</p></li></ul>"),
        "- Un\n- Deux"
    );
}

#[test]
fn scripts_styles_comments_and_the_head_are_dropped_with_their_content() {
    assert_eq!(
        text(
            "<html><head><title>Offre</title><style>p { color: red }</style></head><body>\
             Avant <script>document.write('<p>x</p>'); if (a < b) {}</script><!-- note <p> -->\
             <noscript><p>Activez JavaScript</p></noscript><template><p>modèle</p></template>après\
             </body></html>"
        ),
        "Avant après"
    );
    // An unclosed script hides the rest, as in a browser.
    assert_eq!(text("Texte<script>var a = 1; <p>suite"), "Texte");
    // A self-closing script still opens one.
    assert_eq!(text("a<script/>b</script>c"), "ac");
    assert_eq!(text("a<svg><svg/><path/></svg>b"), "ab");
}

#[test]
fn attributes_never_survive() {
    assert_eq!(
        text(
            "<p style=\"color:red\" onclick=\"alert(1)\">Voir <a href=\"javascript:alert(1)\" title=\"t\">le site</a></p><img src=x onerror=alert(1)>"
        ),
        "Voir le site"
    );
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        text(
            "&eacute;&#233;&#xE9; caf&eacute; A&nbsp;&nbsp;B &lt;3 &quot;ok&quot; &rsquo; &#0; &unknown;"
        ),
        "ééé café A B <3 \"ok\" \u{2019} \u{fffd} &unknown;"
    );
}

#[test]
fn spaces_are_collapsed_and_lines_trimmed() {
    assert_eq!(
        text("  <p>  a \t  b  </p>\n\n\n\n<p>\tc  \n   d </p>  "),
        "a b\n\nc\nd"
    );
    assert_eq!(
        text("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>"),
        "a b\nc"
    );
    assert_eq!(
        text("<h1>Titre</h1>Texte<h3>Sous-titre</h3>"),
        "Titre\n\nTexte\n\nSous-titre"
    );
}

#[test]
fn malformed_html_reads_without_tags() {
    for (html, expected) in [
        ("<p>non fermé", "non fermé"),
        ("a < b <p>c", "a < b\n\nc"),
        ("texte <b", "texte"),
        ("x & y <b>z", "x & y z"),
        ("<p", ""),
        ("<p></p>", ""),
        ("fin </", "fin < /"),
        ("<p class=\"a>b</p>", ""),
        ("</p>x</ul></li>", "x"),
        ("<!doctype html><?xml version=\"1.0\"?>x", "x"),
        ("<![CDATA[x]]>y", "y"),
        ("a\0b<br>", "ab"),
        // A `<` of the text never becomes a tag with what follows it.
        ("<<b>script>alert(1)", "< script>alert(1)"),
        ("<</>script", "< script"),
        ("&lt;b&gt;gras&lt;/b&gt; &lt;3", "< b>gras< /b> <3"),
    ] {
        assert_eq!(text(html), expected, "{html:?}");
    }
}

#[test]
fn the_tokenizer_reads_across_pieces() {
    let html = "<p>Caf&eacute;&#233; <b>cr&egrave;me</b></p>\r\n<ul><li>é€😀</li></ul>";
    for chunk in 1..=8 {
        assert_eq!(convert(html, chunk), convert(html, CHUNK_BYTES), "{chunk}");
    }
    assert_eq!(chunks("é€😀", 1).collect::<Vec<_>>(), ["é", "€", "😀"]);
}

/// Text, tags and entities, as an export's HTML may hold them.
fn html() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zé,.:;' ]{1,12}",
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "<br/>",
            "<ul>",
            "</ul>",
            "<ol>",
            "</ol>",
            "<li>",
            "</li>",
            "<h2>",
            "</h2>",
            "<b>",
            "</b>",
            "<a href=\"x\">",
            "</a>",
            "<span class=\"y\">",
            "</span>",
            "<script>x<p>y</script>",
            "<style>p{}</style>",
            "<!-- c -->",
            "<td>",
            "<tr>",
            "\n",
            "\n\n",
            "\r\n",
            "\t",
            " ",
            "&eacute;",
            "&#233;",
            "&nbsp;",
            "&amp; ",
            "&rsquo;",
        ])
        .prop_map(str::to_owned),
    ];
    // Opened by a tag, so that it is read as HTML.
    prop::collection::vec(piece, 0..40).prop_map(|pieces| format!("<div>{}", pieces.concat()))
}

proptest! {
    #[test]
    fn never_panics(input in "\\PC{0,200}") {
        let _ = to_text(&input);
    }

    #[test]
    fn never_panics_on_tag_soup(input in "(<|</|>|/>|<!--|-->|<!|<\\?|&|&#|;|#x|[0-9]|amp|lt|script|style|title|li|ul|br|p| |\n|\r|\t|\"|'|=|é|\u{a0}|\0)*") {
        let _ = to_text(&input);
    }

    /// Word's bullets are the one thing plain text loses (they become "- " items).
    #[test]
    fn text_without_markup_characters_is_unchanged(
        input in "[^<&\u{f0a7}\u{f0b7}\u{f0d8}\u{f076}\u{f0fc}\u{f06e}]{0,200}"
    ) {
        prop_assert!(matches!(to_text(&input), Cow::Borrowed(text) if text == input));
    }

    #[test]
    fn html_reads_as_clean_text_that_reads_again_the_same(input in html()) {
        let text = to_text(&input).into_owned();
        prop_assert!(!text.contains('<'), "{text:?}");
        prop_assert!(!text.contains("\n\n\n"), "{text:?}");
        prop_assert_eq!(text.trim(), text.as_str());
        prop_assert!(text.lines().all(|line| line.trim() == line && !line.contains("  ")), "{text:?}");
        prop_assert_eq!(to_text(&text), text.as_str());
    }

    #[test]
    fn no_tag_comes_out_of_any_input(
        input in "(<|</|>|/>|<!--|-->|<!|<\\?|&|&lt;?|&#60;?|&#x3c;?|&amp;|;|/|script|b|p| |\n|x|é)*",
    ) {
        let text = to_text(&input);
        prop_assert!(!text.contains("<script"), "{text:?}");
        let bytes = text.as_bytes();
        prop_assert!(
            !bytes.windows(2).any(|w| w[0] == b'<' && starts_tag(char::from(w[1]))),
            "{text:?}"
        );
    }

    #[test]
    fn tag_soup_without_entities_reads_again_the_same(
        input in "(<|</|>|/>|<!--|-->|<!|<\\?|/|script|style|b|li|p|br| |\n|\t|x|é|\"|=)*",
    ) {
        let text = to_text(&input).into_owned();
        prop_assert!(!has_markup(&text), "{text:?}");
        prop_assert_eq!(to_text(&text), text.as_str());
    }

    #[test]
    fn the_tokenizer_reads_any_input_across_pieces(
        input in "(<p>|<li>|</|<b|r>|&|eacute|;|#233|é|😀|\r|\n|x| )*",
        chunk in 1usize..8,
    ) {
        prop_assert_eq!(convert(&input, chunk), convert(&input, CHUNK_BYTES));
    }
}

#[test]
fn word_bullets_become_list_items() {
    let text = to_text("Missions :<br>&#61607;\tDévelopper\n&#61607;\tTester &amp; livrer");
    assert_eq!(text, "Missions :\n- Développer\n- Tester & livrer");
    // As characters, without markup, too; a bullet alone on its line stays as it is.
    assert_eq!(
        to_text("Profil :\n\u{f0b7}  Rigueur\n\u{f0b7}"),
        "Profil :\n- Rigueur\n\u{f0b7}"
    );
}

#[test]
fn a_lone_word_bullet_with_nothing_after_it_leaves_the_text_borrowed() {
    // Found by the property test above: U+F06E alone came back owned, though unchanged.
    for input in ["\u{f06e}", "a\n  \u{f0a7}  \nb"] {
        assert!(matches!(to_text(input), Cow::Borrowed(text) if text == input));
    }
    assert_eq!(to_text("\u{f06e}\tpoint"), "- point");
}
