"""Paragraph-level boilerplate rules on Markdown built from general shapes, not from any site."""

from __future__ import annotations

from pipeline.clean import clean_source
from pipeline.clean.blocks import Block
from pipeline.clean.boilerplate import features, remove_boilerplate, remove_doc_boilerplate
from pipeline.clean.document import CleanDoc, CleanLink

STORY = (
    "The city council voted on Tuesday to expand the bus network, adding twelve routes that "
    "will connect the northern suburbs with the harbour by the end of next year.\n\n"
    "Officials said the plan would cost about 40 million euros and would be paid for by a "
    "regional fund that was set up after the floods of 2021."
)


def clean_md(source: str) -> CleanDoc:
    return clean_source(source.encode("utf-8"), "markdown")


def reasons(doc: CleanDoc) -> list[str]:
    return [r.reason for r in doc.removed]


def test_story_alone_is_untouched() -> None:
    doc = clean_md(STORY)
    assert doc.removed == [] and doc.text == STORY


def test_tail_call_to_action_and_widget_label_are_removed() -> None:
    doc = clean_md(
        STORY + "\n\nGet the latest news in your inbox. Sign up for our daily newsletter.\n\n"
        "Icon\nCreated with Tool.\n\n![](https://img.example/logo.png)"
    )
    assert doc.text == STORY
    assert reasons(doc) == ["promo", "leftover", "image"]


def test_author_bio_and_more_from_line_give_the_author() -> None:
    doc = clean_md(
        STORY + "\n\nJane Q. Doe is a reporter covering transport and city politics. She joined "
        "the paper in 2019.\n\n[More from Jane Q. Doe](https://news.example/authors/jdoe)"
    )
    assert doc.text == STORY
    assert reasons(doc) == ["bio", "read-more"]
    assert doc.metadata.author == "Jane Q. Doe"


def test_front_matter_author_is_not_overridden() -> None:
    doc = clean_md(
        "---\nauthor: Dana Whitfield\n---\n" + STORY + "\n\nJane Doe is a reporter at the paper."
    )
    assert doc.metadata.author == "Dana Whitfield"
    assert reasons(doc) == ["bio"]


def test_byline_at_the_top_is_removed_and_names_the_author() -> None:
    doc = clean_md("By Ana Lima and Tom Berg\n\n" + STORY)
    assert doc.text == STORY
    assert reasons(doc) == ["byline"]
    assert doc.metadata.author == "Ana Lima; Tom Berg"
    assert doc.metadata.authors == ["Ana Lima", "Tom Berg"]


def test_read_more_link_in_the_middle_is_removed() -> None:
    paragraphs = STORY.split("\n\n")
    doc = clean_md(
        paragraphs[0]
        + "\n\nRead more: [Council approves budget](https://ex.org/b)\n\n"
        + paragraphs[1]
    )
    assert doc.text == STORY
    assert reasons(doc) == ["read-more"]


def test_article_sentences_that_mention_subscriptions_stay() -> None:
    ending = "The company said its premium subscription would cost 10 euros a month."
    doc = clean_md(STORY + "\n\n" + ending)
    assert doc.text.endswith(ending) and doc.removed == []


def test_last_paragraph_about_a_person_is_not_a_bio_without_a_journalism_sign() -> None:
    ending = "Maria Santos is a bus driver who has worked on the harbour line for ten years."
    doc = clean_md(STORY + "\n\n" + ending)
    assert doc.text.endswith(ending) and doc.removed == []


def test_short_list_at_the_end_is_kept() -> None:
    doc = clean_md(STORY + "\n\nThe new routes:\n\n- Route 4\n- Route 7\n- Route 9")
    assert doc.text.endswith("Route 4\n\nRoute 7\n\nRoute 9") and doc.removed == []


def test_trailing_heading_with_only_links_under_it_goes_as_navigation() -> None:
    doc = clean_md(
        STORY + "\n\n## Related\n\n- [Ferry fares rise](https://ex.org/f)\n"
        "- [Tram line delayed](https://ex.org/t)"
    )
    assert doc.text == STORY
    assert reasons(doc) == ["navigation", "navigation", "navigation"]


def test_first_block_is_never_removed_by_tail_rules() -> None:
    verdict = remove_boilerplate([Block("Subscribe now")])
    assert [b.text for b in verdict.kept] == ["Subscribe now"]


def test_features_measure_links_and_stop_words() -> None:
    text = "the cat of the house"
    f = features(Block(text, [CleanLink(4, 7, "cat", "u")]))
    assert f.words == 5 and round(f.stop_share, 2) == 0.6
    assert f.top_link_share == f.link_share == 3 / len(text)
    assert not f.sentence_end and not f.cta


def test_sentence_starting_with_by_and_capitalised_words_is_not_a_byline() -> None:
    first = "By March Madness, the team had won twelve games."
    doc = clean_md(first + "\n\n" + STORY)
    assert doc.text.startswith(first) and doc.removed == []


def test_byline_with_a_title_names_only_the_person() -> None:
    doc = clean_md("*By Jane Roe, Staff Writer*\n\n" + STORY)
    assert doc.metadata.author == "Jane Roe" and doc.text == STORY


def test_menu_of_links_is_navigation() -> None:
    doc = clean_md(
        "[Home](/) | [World](/world) | [Sport](/sport)\n\n" + STORY + "\n\nThe mayor cited "
        "[one study](https://a.org/1), [another](https://a.org/2) and [a third](https://a.org/3)."
    )
    assert [r.reason for r in doc.removed] == ["navigation"]
    assert len(doc.links) == 3


def test_page_chrome_before_the_title_and_link_lists_are_navigation() -> None:
    doc = clean_md(
        "Skip to content\n\n- [Home](/)\n- [World](/world)\n- [Sport](/sport)\n\n"
        "# The Headline\n\n" + STORY + "\n\nMore on this:\n\n"
        "- [Ferry fares rise](https://ex.org/f)\n- [Tram line delayed](https://ex.org/t)\n"
        "- [Bridge reopens](https://ex.org/b)"
    )
    assert doc.metadata.title == "The Headline"
    assert doc.text == STORY
    assert [r.reason for r in doc.removed] == ["navigation"] * 4 + ["read-more"] + [
        "navigation"
    ] * 3


def test_long_paragraph_before_the_title_stays() -> None:
    first = STORY.split("\n\n")[0]
    doc = clean_md(first + "\n\n# Heading Later\n\nMore text of the story.")
    assert doc.text.startswith(first)


def test_caption_beside_an_image_and_photo_credit_are_removed() -> None:
    paragraphs = STORY.split("\n\n")
    doc = clean_md(
        paragraphs[0] + "\n\n![Bus](https://img.example/bus.jpg)\n*A new electric bus at the "
        "depot on Monday.*\n\nPhoto: City Transport Office\n\n" + paragraphs[1]
    )
    assert doc.text == STORY
    assert [r.reason for r in doc.removed] == ["caption", "caption"]
    assert doc.removed[0].text == "A new electric bus at the depot on Monday."


def test_photo_sentence_in_the_story_is_not_a_credit() -> None:
    ending = "Photographs taken by residents showed the flooded depot."
    doc = clean_md(STORY + "\n\n" + ending)
    assert doc.text.endswith(ending)


def test_quoted_call_to_action_at_the_end_is_article_text() -> None:
    ending = "“We want every driver to join us and sign up,” the union leader said."
    doc = clean_md(STORY + "\n\n" + ending)
    assert doc.text.endswith(ending) and doc.removed == []


def test_last_sentence_in_a_script_without_spaces_is_not_a_leftover() -> None:
    ending = "これでようやく元の操作性を取り戻せました。"
    doc = clean_md(STORY + "\n\n" + ending)
    assert doc.text.endswith(ending) and doc.removed == []


def test_rules_on_a_finished_document_keep_spans() -> None:
    text = STORY + "\n\nRead more: Council approves budget\n\nSign up for our newsletter"
    start = text.index("Council approves")
    link_start = text.index("bus network")
    links = [
        CleanLink(link_start, link_start + 11, "bus network", "https://ex.org/bus"),
        CleanLink(start, start + 24, "Council approves budget", "https://ex.org/b"),
    ]
    doc = remove_doc_boilerplate(CleanDoc(text, "html", links=links))
    assert doc.text == STORY
    assert [r.reason for r in doc.removed] == ["read-more", "promo"]
    assert [(ln.anchor, doc.text[ln.start : ln.end]) for ln in doc.links] == [
        ("bus network", "bus network")
    ]


def test_tip_line_with_an_address_goes_anywhere_but_reported_requests_stay() -> None:
    tip = (
        "Know something about the bridge? Email the writer at lena@harbour-news.com. "
        "You can also send us documents by post."
    )
    police = (
        "Police asked anyone with information to email tips@harbour-police.org, the spokesman "
        "said on Friday."
    )
    doc = clean_md(STORY.replace("\n\n", f"\n\n{tip}\n\n{police}\n\n"))
    assert tip not in doc.text and police in doc.text
    assert reasons(doc) == ["promo"]
