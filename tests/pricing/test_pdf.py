import io

import pypdf
import pytest

from pricing import documents

EXPECTED = {
    "lt": ("1,15 €", "Skaitytojo pažymėjimo"),
    "en": ("€1.15", "Reader's card"),
    "bg": ("1,15 €", "Издаване на читателска карта"),
    "fi": ("1,15 €", "Lukijakortin"),
}


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    # Extracted text may break lines anywhere and uses plain spaces: compare with spaces folded.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_pdf_in_every_language_has_decisions_amounts_and_names(client, seed_list, lang):
    response = client.get(f"/{lang}/prices/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = text_of(response.content)
    for number in ("T1-394", "T1-989", "T1-1123"):
        assert number in text
    amount, name = EXPECTED[lang]
    assert amount in text.replace("\u00a0", " ")
    assert name in text
    assert "Šilutė" in text or "Шилуте" in text


def test_pdf_is_a4_with_page_numbers_and_tagged(client, seed_list):
    reader = pypdf.PdfReader(io.BytesIO(client.get("/en/prices/pdf/").content))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    assert f"Page 1 of {len(reader.pages)}" in reader.pages[0].extract_text()
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_second_request_is_served_from_storage_without_rendering(client, seed_list, monkeypatch):
    first = client.get("/fi/prices/pdf/").content

    def refuse(**kwargs):
        raise AssertionError("rendered a second time")

    monkeypatch.setattr(documents, "render_price_list_pdf", refuse)
    assert client.get("/fi/prices/pdf/").content == first
    documents.cache.clear()  # the process's memory copy gone: the stored file answers
    assert client.get("/fi/prices/pdf/").content == first


def test_editing_a_draft_renders_its_pdf_afresh(client, seed_list, manager):
    from pricing.services import price_list_copy

    draft = price_list_copy(source=seed_list)
    client.force_login(manager)
    before = text_of(client.get(f"/en/prices/{draft.pk}/pdf/").content)
    item = draft.items.get(code="fax")
    item.name_en = "Fax to anywhere"
    item.save()
    after = text_of(client.get(f"/en/prices/{draft.pk}/pdf/").content)
    assert "Fax to anywhere" not in before
    assert "Fax to anywhere" in after


def test_the_suite_renders_each_pdf_once_and_serves_its_bytes_to_later_tests(
    client, seed_list, pdf_rendered_once_per_session
):
    """The shortcut of tests/pricing/conftest.py must reach pricing.documents, or every PDF test renders again."""
    pdf = client.get("/bg/prices/pdf/").content
    assert pdf.startswith(b"%PDF-")
    assert pdf in pdf_rendered_once_per_session.values()


def test_pdf_loads_nothing_from_the_network():
    fetcher = documents.local_only_fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/font.ttf")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    font = fetcher.fetch((documents.STATIC_DIR / "fonts" / "DejaVuSans.ttf").as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font, read from disk
    font.close()
