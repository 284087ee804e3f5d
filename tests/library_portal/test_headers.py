"""Every response turns off the browser features the portal does not use (Permissions-Policy)."""

import pytest

FEATURES_OFF = ["camera", "microphone", "geolocation", "payment", "usb", "fullscreen", "display-capture", "midi"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/", 302),
        ("get", "/lt/", 200),
        ("get", "/fi/nowhere/", 404),
        ("get", "/api/v1/branches/", 200),
        ("post", "/api/v1/ill/iso18626/", 401),
        ("get", "/admin/login/", 200),
        ("get", "/healthz", 200),
        ("get", "/favicon.ico", 301),
    ],
)
def test_every_response_turns_off_the_browser_features_the_portal_does_not_use(client, db, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    policy = dict(part.strip().split("=", 1) for part in response.headers["Permissions-Policy"].split(","))
    for feature in FEATURES_OFF:
        assert policy[feature] == "()", feature
    assert set(policy.values()) == {"()"}
