"""WeCom (企业微信) messages for staff: group robots and the company's own app."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import requests

from .outbound import SendResult, redact

WECOM_DEFAULT_BASE = "https://qyapi.weixin.qq.com"
# errcodes after which the same message may go through later
_RETRYABLE = {-1, 45009, 45033, 42001, 40014, 41001}
_TOKEN_INVALID = {40014, 42001, 41001}
# WeCom cuts text messages at 2048 bytes
MAX_TEXT_BYTES = 2048


def clip_text(text: str, limit: int = MAX_TEXT_BYTES) -> str:
    raw = text.encode()
    if len(raw) <= limit:
        return text
    return raw[: limit - 3].decode(errors="ignore") + "..."


def _result(data: dict, what: str, secrets: tuple[str, ...]) -> SendResult:
    code = data.get("errcode", -1)
    if code == 0:
        return SendResult(ok=True, provider_ref=str(data.get("msgid", "")))
    error = redact(f"WeCom {what} errcode {code}: {data.get('errmsg', '')}", *secrets)
    return SendResult.failure(error, retryable=code in _RETRYABLE)


def _post_json(url: str, payload: dict, timeout: float) -> tuple[int, dict]:
    response = requests.post(url, json=payload, timeout=timeout)
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        data = {"errcode": -1, "errmsg": response.text[:200]}
    return response.status_code, data


@dataclass
class WecomRobot:
    """A group robot (群机器人): one webhook key, posts into one group chat."""

    key: str
    base_url: str = WECOM_DEFAULT_BASE
    timeout: float = 10.0

    def send_text(self, text: str, mention_mobiles: list[str] | None = None) -> SendResult:
        payload = {
            "msgtype": "text",
            "text": {"content": clip_text(text), "mentioned_mobile_list": mention_mobiles or []},
        }
        url = f"{self.base_url}/cgi-bin/webhook/send?key={self.key}"
        try:
            _status, data = _post_json(url, payload, self.timeout)
        except requests.RequestException as exc:
            return SendResult.failure(redact(f"WeCom robot unreachable: {exc}", self.key))
        return _result(data, "robot", (self.key,))


@dataclass
class WecomApp:
    """The company's self-built app (自建应用): direct messages to staff by WeCom user id."""

    corp_id: str
    secret: str
    agent_id: int
    base_url: str = WECOM_DEFAULT_BASE
    timeout: float = 10.0
    _token: str = field(default="", repr=False)
    _token_expires: float = field(default=0.0, repr=False)

    def _access_token(self, force: bool = False) -> str:
        if self._token and not force and time.monotonic() < self._token_expires:
            return self._token
        response = requests.get(
            f"{self.base_url}/cgi-bin/gettoken",
            params={"corpid": self.corp_id, "corpsecret": self.secret},
            timeout=self.timeout,
        )
        data = response.json()
        if not isinstance(data, dict):
            raise ValueError(f"unexpected token answer: {response.text[:100]}")
        if data.get("errcode", 0) != 0 or not data.get("access_token"):
            raise PermissionError(f"errcode {data.get('errcode')}: {data.get('errmsg', '')}")
        self._token = data["access_token"]
        self._token_expires = time.monotonic() + int(data.get("expires_in", 7200)) - 300
        return self._token

    def send_text(self, user_id: str, text: str) -> SendResult:
        payload = {
            "touser": user_id,
            "msgtype": "text",
            "agentid": self.agent_id,
            "text": {"content": clip_text(text)},
        }
        secrets = (self.secret,)
        try:
            for attempt in range(2):
                token = self._access_token(force=attempt > 0)
                url = f"{self.base_url}/cgi-bin/message/send?access_token={token}"
                _status, data = _post_json(url, payload, self.timeout)
                if data.get("errcode") in _TOKEN_INVALID and attempt == 0:
                    continue
                return _result(data, "app", secrets + (token,))
        except PermissionError as exc:
            return SendResult.failure(redact(f"WeCom app token refused: {exc}", *secrets), False)
        except (requests.RequestException, ValueError) as exc:
            # the message/send URL carries the cached access token
            return SendResult.failure(
                redact(f"WeCom app unreachable: {exc}", *secrets, self._token)
            )
        return SendResult.failure("WeCom app: access token refused twice")
