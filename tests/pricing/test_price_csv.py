"""The price list's CSV writes a text that a spreadsheet could run as a formula as plain text."""

import csv
import io

from pricing.models import PriceItem


def test_the_price_list_csv_writes_a_formula_in_a_name_as_text(client, manager, seed_list):
    PriceItem.objects.filter(price_list=seed_list, code="bind-a4").update(name_en="+1 binding")
    client.force_login(manager)
    rows = list(csv.reader(io.StringIO(client.get(f"/en/prices/{seed_list.pk}/csv/").content.decode())))
    assert {row[2] for row in rows if row[1] == "bind-a4"} == {"'+1 binding"}
