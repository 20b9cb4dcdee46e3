"""The government SMS gateway's adapter against a local HTTP server standing in for the platform."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from notifications.backends import GovernmentSmsGateway, SendFailed


@pytest.fixture
def platform():
    received, answers = [], []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((body, self.headers["X-Signature"]))
            answer = answers.pop(0) if answers else {"code": "0", "msg_id": "M1"}
            payload = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}/sms", "received": received, "answers": answers}
    server.shutdown()


def _gateway(url):
    return GovernmentSmsGateway({"URL": url, "ACCOUNT": "wf-rs", "SECRET": "s3cret", "SIGN": "【潍坊人社】", "TIMEOUT": 5})


def test_the_gateway_receives_a_signed_request_with_the_idempotency_key(platform):
    ref = _gateway(platform["url"]).send(to="13800138000", text="案件WF20260000001已受理", key="ow-7-sms")

    assert ref == "M1"
    (body, signature), = platform["received"]
    sent = json.loads(body)
    assert sent["mobile"] == "13800138000" and sent["client_msg_id"] == "ow-7-sms" and sent["sign"] == "【潍坊人社】"
    assert "已受理" in sent["content"]
    assert signature == hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()


def test_a_refusal_or_no_answer_is_a_failed_send(platform):
    platform["answers"].append({"code": "1001", "message": "余额不足"})
    with pytest.raises(SendFailed, match="1001"):
        _gateway(platform["url"]).send(to="13800138000", text="x", key="ow-8-sms")
    with pytest.raises(SendFailed, match="unreachable"):
        _gateway("http://127.0.0.1:9/sms").send(to="13800138000", text="x", key="ow-9-sms")


def test_a_gateway_without_its_settings_refuses_to_send():
    with pytest.raises(SendFailed):
        GovernmentSmsGateway({"URL": "", "ACCOUNT": "", "SECRET": ""})
