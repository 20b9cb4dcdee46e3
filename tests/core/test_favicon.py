"""Every page names its icon, served from this server (no CDN), and /favicon.ico leads to it."""

import pytest
from django.contrib.staticfiles import finders


@pytest.mark.django_db
def test_pages_link_a_local_icon_and_favicon_ico_leads_to_it(client):
    page = client.get("/status/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg"' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.svg"
    assert finders.find("img/favicon.svg")
