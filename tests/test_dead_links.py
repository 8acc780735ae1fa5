"""No dead links and no 500: on the demo data, every link a person's pages show them opens for that
person (no 403, no 404, no 500), found by following the links from their home page; and each page
reached answers hostile query strings without a 500."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from p135portal.models import User

LINK = re.compile(r'<a\s[^>]*href="(/[^"#]*)"')
SKIP = ("/dang-xuat/", "/quan-tri/", "/static/", "/media/")
PAGES_PER_ROLE = 120
HOSTILE = ["\x00", "99999999999999999999999", "x" * 100_000]
PARAMETERS = ["page", "q", "nam", "sort", "tinh_trang", "don_vi", "giai_doan", "ky"]


@pytest.mark.slow
@time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)
@pytest.mark.parametrize("username", ["bandantoc", "lanhdao", "xa.doanket", "xa.dongdang"])
def test_every_link_a_person_is_shown_opens_for_them(db, settings, client, username):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    client.force_login(User.objects.get(username=username))
    client.raise_request_exception = False
    queue, seen, dead, found_on = ["/"], {"/"}, [], {"/": ""}
    visited = 0
    while queue and visited < PAGES_PER_ROLE:
        url = queue.pop(0)
        response = client.get(url)
        visited += 1
        if response.status_code in (403, 404) or response.status_code >= 500:
            dead.append((url, response.status_code, found_on[url]))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for value in HOSTILE:
            hostile = client.get(url.split("?")[0], dict.fromkeys(PARAMETERS, value))
            if hostile.status_code >= 500:
                dead.append((url, hostile.status_code, f"?…={value[:10]!r}"))
        for link in LINK.findall(response.content.decode()):
            link = link.replace("&amp;", "&")
            if link.startswith(SKIP) or link in seen:
                continue
            seen.add(link)
            found_on[link] = url
            queue.append(link)
    assert visited > 20
    assert dead == [], "\n".join(map(str, dead))
