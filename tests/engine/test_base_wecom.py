"""WeCom group robot and self-built app, against a real local HTTP server."""

import pytest
from jiancai_addons.jiancai_base.engine.wecom import (
    MAX_TEXT_BYTES,
    WecomApp,
    WecomRobot,
    clip_text,
)

ROBOT_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
CORP_ID = "ww1234567890abcdef"
CORP_SECRET = "Xy9-CorpSecret-0123456789abcdefghijklmnopq"
AGENT_ID = 1000002
ROBOT_PATH = "/cgi-bin/webhook/send"
TOKEN_PATH = "/cgi-bin/gettoken"
SEND_PATH = "/cgi-bin/message/send"


# --- clip_text ---------------------------------------------------------------------------


def test_clip_text_keeps_short_text():
    assert clip_text("量房预约：明天 9:00") == "量房预约：明天 9:00"
    exact = "a" * MAX_TEXT_BYTES
    assert clip_text(exact) == exact


@pytest.mark.parametrize("prefix", ["", "a", "ab"])  # move the cut across character borders
def test_clip_text_on_long_chinese_text_stays_valid_utf8_within_the_limit(prefix):
    text = prefix + "瓷砖地板涂料卫浴" * 200  # 4800+ bytes
    clipped = clip_text(text)
    raw = clipped.encode("utf-8")  # would raise on a broken character
    assert len(raw) <= MAX_TEXT_BYTES
    assert len(raw) >= MAX_TEXT_BYTES - 2  # at most a partial character is dropped
    assert clipped.endswith("...")
    assert text.startswith(clipped[:-3])
    assert "\ufffd" not in clipped


def test_clip_text_custom_limit():
    assert clip_text("建材建材", limit=9) == "建材..."


# --- group robot -------------------------------------------------------------------------


def test_robot_send_text(http_server):
    server = http_server({ROBOT_PATH: [(200, {"errcode": 0, "errmsg": "ok"})]})
    robot = WecomRobot(ROBOT_KEY, base_url=server.url, timeout=5)

    result = robot.send_text("新线索：何先生 138****5678", mention_mobiles=["13812345678"])

    assert result.ok
    assert len(server.requests) == 1
    request = server.requests[0]
    assert request.method == "POST"
    assert request.path == ROBOT_PATH
    assert request.query == {"key": ROBOT_KEY}
    assert request.headers["Content-Type"] == "application/json"
    assert request.json == {
        "msgtype": "text",
        "text": {
            "content": "新线索：何先生 138****5678",
            "mentioned_mobile_list": ["13812345678"],
        },
    }


def test_robot_clips_long_text_in_the_request(http_server):
    server = http_server({ROBOT_PATH: [(200, {"errcode": 0, "errmsg": "ok"})]})
    WecomRobot(ROBOT_KEY, base_url=server.url, timeout=5).send_text("订单" * 2000)

    body = server.requests[0].json
    assert body["text"]["mentioned_mobile_list"] == []
    assert len(body["text"]["content"].encode()) <= MAX_TEXT_BYTES


@pytest.mark.parametrize(
    ("errcode", "retryable"),
    [
        (93000, False),  # invalid webhook url: the key is wrong, trying again cannot help
        (40008, False),  # invalid message type
        (45009, True),  # api freq out of limit
        (-1, True),  # system busy
    ],
)
def test_robot_errors(http_server, errcode, retryable):
    # the server echoes the request URL in errmsg, so redaction of the key is observable
    server = http_server(
        {ROBOT_PATH: lambda req: (200, {"errcode": errcode, "errmsg": f"bad {req.target}"})}
    )
    result = WecomRobot(ROBOT_KEY, base_url=server.url, timeout=5).send_text("hi")

    assert not result.ok
    assert result.retryable is retryable
    assert f"errcode {errcode}" in result.error
    assert ROBOT_KEY not in result.error
    assert "key=***" in result.error


def test_robot_non_json_answer_is_retryable(http_server):
    server = http_server({ROBOT_PATH: [(502, b"<html>Bad Gateway</html>")]})
    result = WecomRobot(ROBOT_KEY, base_url=server.url, timeout=5).send_text("hi")

    assert not result.ok
    assert result.retryable is True
    assert "Bad Gateway" in result.error


def test_robot_unreachable_hides_the_key(closed_port):
    robot = WecomRobot(ROBOT_KEY, base_url=f"http://127.0.0.1:{closed_port}", timeout=5)

    result = robot.send_text("hi")

    assert not result.ok
    assert result.retryable is True
    assert result.error.startswith("WeCom robot unreachable:")
    assert ROBOT_KEY not in result.error


# --- self-built app ----------------------------------------------------------------------


class FakeWecomApi:
    """Just enough of qyapi.weixin.qq.com: issues tokens in turn, accepts only live ones."""

    def __init__(self, tokens=("TOKEN-1",), live=None):
        self.tokens = list(tokens)
        self.live = set(self.tokens if live is None else live)
        self.msgids = iter(f"MSG-{n}" for n in range(1, 100))

    def gettoken(self, request):
        if request.method != "GET":
            return 405, {"errcode": 43001, "errmsg": "require GET method"}
        if request.query != {"corpid": CORP_ID, "corpsecret": CORP_SECRET}:
            return 200, {"errcode": 40001, "errmsg": "invalid credential"}
        token = self.tokens.pop(0) if len(self.tokens) > 1 else self.tokens[0]
        return 200, {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}

    def send(self, request):
        token = request.query.get("access_token")
        if token not in self.live:
            return 200, {"errcode": 42001, "errmsg": f"access_token expired: {token}"}
        return 200, {"errcode": 0, "errmsg": "ok", "msgid": next(self.msgids)}

    def routes(self):
        return {TOKEN_PATH: self.gettoken, SEND_PATH: self.send}


def make_app(server, secret=CORP_SECRET):
    return WecomApp(CORP_ID, secret, AGENT_ID, base_url=server.url, timeout=5)


def test_app_gets_a_token_then_sends(http_server):
    server = http_server(FakeWecomApi().routes())

    result = make_app(server).send_text("ZhangSan", "您有一条新的量房任务")

    assert result.ok
    assert result.provider_ref == "MSG-1"
    assert [r.path for r in server.requests] == [TOKEN_PATH, SEND_PATH]
    token_request, send_request = server.requests
    assert token_request.query == {"corpid": CORP_ID, "corpsecret": CORP_SECRET}
    assert send_request.method == "POST"
    assert send_request.query == {"access_token": "TOKEN-1"}
    assert send_request.json == {
        "touser": "ZhangSan",
        "msgtype": "text",
        "agentid": AGENT_ID,
        "text": {"content": "您有一条新的量房任务"},
    }
    assert CORP_SECRET not in send_request.raw


def test_app_reuses_its_token(http_server):
    server = http_server(FakeWecomApi(tokens=("TOKEN-1", "TOKEN-2")).routes())
    app = make_app(server)

    first = app.send_text("ZhangSan", "one")
    second = app.send_text("LiSi", "two")

    assert (first.ok, second.ok) == (True, True)
    assert (first.provider_ref, second.provider_ref) == ("MSG-1", "MSG-2")
    assert len(server.hits(TOKEN_PATH)) == 1
    assert [r.query["access_token"] for r in server.hits(SEND_PATH)] == ["TOKEN-1", "TOKEN-1"]


def test_app_refreshes_an_expired_token_and_tries_again(http_server):
    # TOKEN-1 is handed out but already dead on the message API (errcode 42001)
    api = FakeWecomApi(tokens=("TOKEN-1", "TOKEN-2"), live={"TOKEN-2"})
    server = http_server(api.routes())
    app = make_app(server)

    result = app.send_text("ZhangSan", "hi")

    assert result.ok
    assert result.provider_ref == "MSG-1"
    assert [r.path for r in server.requests] == [TOKEN_PATH, SEND_PATH, TOKEN_PATH, SEND_PATH]
    assert [r.query["access_token"] for r in server.hits(SEND_PATH)] == ["TOKEN-1", "TOKEN-2"]

    # the fresh token is kept for the next message
    assert app.send_text("LiSi", "again").ok
    assert len(server.hits(TOKEN_PATH)) == 2
    assert server.requests[-1].query["access_token"] == "TOKEN-2"


def test_app_gives_up_after_a_second_token_failure(http_server):
    api = FakeWecomApi(tokens=("TOKEN-1", "TOKEN-2"), live=set())
    server = http_server(api.routes())

    result = make_app(server).send_text("ZhangSan", "hi")

    assert not result.ok
    assert result.retryable is True  # the token may work later; the message is fine
    assert "42001" in result.error
    assert len(server.hits(TOKEN_PATH)) == 2
    assert len(server.hits(SEND_PATH)) == 2
    # the token the server echoed back is redacted
    assert "TOKEN-2" not in result.error


@pytest.mark.parametrize(("errcode", "retryable"), [(81013, False), (45009, True)])
def test_app_message_errors(http_server, errcode, retryable):
    server = http_server(
        {
            TOKEN_PATH: FakeWecomApi().gettoken,
            SEND_PATH: [(200, {"errcode": errcode, "errmsg": "nope"})],
        }
    )
    result = make_app(server).send_text("nobody", "hi")

    assert not result.ok
    assert result.retryable is retryable
    assert f"errcode {errcode}" in result.error


def test_app_refused_token_is_final_and_redacted(http_server):
    # a real WeCom answer does not quote the secret, this one does so redaction shows
    def refuse(request):
        secret = request.query.get("corpsecret")
        return 200, {"errcode": 40001, "errmsg": f"invalid credential, corpsecret={secret}"}

    server = http_server({TOKEN_PATH: refuse, SEND_PATH: FakeWecomApi().send})
    wrong_secret = "Wrong-Secret-abcdefghijklmnopqrstuvwxyz0123"

    result = make_app(server, secret=wrong_secret).send_text("ZhangSan", "hi")

    assert not result.ok
    assert result.retryable is False
    assert "40001" in result.error
    assert "corpsecret=***" in result.error
    assert wrong_secret not in result.error
    assert server.hits(SEND_PATH) == []


def test_app_unreachable_hides_the_secret(closed_port):
    app = WecomApp(CORP_ID, CORP_SECRET, AGENT_ID, base_url=f"http://127.0.0.1:{closed_port}")

    result = app.send_text("ZhangSan", "hi")

    assert not result.ok
    assert result.retryable is True
    assert result.error.startswith("WeCom app unreachable:")
    assert CORP_SECRET not in result.error  # the gettoken URL carries it


def test_app_unreachable_after_getting_a_token_hides_the_token(http_server):
    server = http_server(FakeWecomApi(tokens=("LIVE-TOKEN-abcdef0123456789",)).routes())
    app = make_app(server)
    assert app.send_text("ZhangSan", "one").ok
    server.close()  # the network goes away while the token is still cached

    result = app.send_text("ZhangSan", "two")

    assert not result.ok
    assert result.retryable is True
    assert result.error.startswith("WeCom app unreachable:")
    assert "LIVE-TOKEN-abcdef0123456789" not in result.error


def test_app_non_json_token_answer_is_retryable(http_server):
    server = http_server({TOKEN_PATH: [(502, b"Bad Gateway")]})

    result = make_app(server).send_text("ZhangSan", "hi")

    assert not result.ok
    assert result.retryable is True
    assert server.hits(SEND_PATH) == []
