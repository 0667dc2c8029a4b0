"""SMS providers for mainland China.

Chinese carriers only deliver SMS sent from an approved *template* with an approved
*sign name* (签名), so a message here is a template code plus parameters, not free text.

:class:`AliyunSms` implements Alibaba Cloud SMS ``SendSms`` (API version 2017-05-25) with
the RPC signature (HMAC-SHA1, "signature version 1.0").
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import quote

import requests

from .outbound import SendResult, redact

ALIYUN_DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com/"

# Aliyun error codes for which sending the same request again cannot succeed
_ALIYUN_FINAL_ERRORS = {
    "isv.MOBILE_NUMBER_ILLEGAL",
    "isv.SMS_TEMPLATE_ILLEGAL",
    "isv.SMS_SIGNATURE_ILLEGAL",
    "isv.TEMPLATE_MISSING_PARAMETERS",
    "isv.INVALID_PARAMETERS",
    "isv.PARAM_LENGTH_LIMIT",
    "isv.BLACK_KEY_CONTROL_LIMIT",
    "isv.ACCOUNT_NOT_EXISTS",
    "isv.ACCOUNT_ABNORMAL",
    "InvalidAccessKeyId.NotFound",
    "SignatureDoesNotMatch",
}


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    sign_name: str
    template_code: str
    params: Mapping[str, str] = field(default_factory=dict)


def percent_encode(value: str) -> str:
    """RFC 3986 encoding as Aliyun's RPC signature wants it (space -> %20, ~ kept)."""
    return quote(str(value), safe="~")


def aliyun_string_to_sign(method: str, params: Mapping[str, str]) -> str:
    canonical = "&".join(
        f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items())
    )
    return f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"


def aliyun_signature(secret: str, method: str, params: Mapping[str, str]) -> str:
    digest = hmac.new(
        (secret + "&").encode(),
        aliyun_string_to_sign(method, params).encode(),
        hashlib.sha1,
    ).digest()
    return base64.b64encode(digest).decode()


@dataclass
class AliyunSms:
    access_key_id: str
    access_key_secret: str
    endpoint: str = ALIYUN_DEFAULT_ENDPOINT
    region: str = "cn-hangzhou"
    timeout: float = 10.0

    def build_params(
        self, msg: SmsMessage, nonce: str | None = None, now: datetime | None = None
    ) -> dict[str, str]:
        """The signed form fields of one SendSms request."""
        now = now or datetime.now(timezone.utc)
        params = {
            "AccessKeyId": self.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": msg.phone,
            "RegionId": self.region,
            "SignName": msg.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce or uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": msg.template_code,
            "TemplateParam": json.dumps(dict(msg.params), ensure_ascii=False),
            "Timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        params["Signature"] = aliyun_signature(self.access_key_secret, "POST", params)
        return params

    @staticmethod
    def parse_response(status: int, body: str) -> SendResult:
        try:
            data = json.loads(body or "{}")
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        code = data.get("Code", "")
        if status == 200 and code == "OK":
            return SendResult(ok=True, provider_ref=str(data.get("BizId", "")))
        message = data.get("Message") or body[:200] or f"HTTP {status}"
        error = f"Aliyun SMS {code or 'HTTP ' + str(status)}: {message}"
        retryable = status >= 500 or (code not in _ALIYUN_FINAL_ERRORS)
        return SendResult.failure(error, retryable=retryable)

    def send(self, msg: SmsMessage) -> SendResult:
        try:
            response = requests.post(
                self.endpoint, data=self.build_params(msg), timeout=self.timeout
            )
        except requests.RequestException as exc:
            return SendResult.failure(
                redact(f"Aliyun SMS unreachable: {exc}", self.access_key_secret)
            )
        return self.parse_response(response.status_code, response.text)
