"""Aliyun SendSms: RPC signature v1, request fields, answers, and a real HTTP round trip."""

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta, timezone

import pytest
from jiancai_addons.jiancai_base.engine.outbound import SendResult
from jiancai_addons.jiancai_base.engine.sms import (
    AliyunSms,
    SmsMessage,
    aliyun_signature,
    aliyun_string_to_sign,
    percent_encode,
)

KEY_ID = "LTAI5tTestKeyId0001"
SECRET = "s3cr3t/Key+With=Odd&Chars~xyz"  # reserved characters on purpose
NOW = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
MSG = SmsMessage(
    phone="13812345678",
    sign_name="建材之家",
    template_code="SMS_123456789",
    params={"name": "何志明", "code": "A&B 1+1=2*"},
)
REQUIRED_FIELDS = {
    "AccessKeyId",
    "Action",
    "Format",
    "PhoneNumbers",
    "RegionId",
    "SignName",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureVersion",
    "TemplateCode",
    "TemplateParam",
    "Timestamp",
    "Version",
    "Signature",
}


# --- an independent implementation of Aliyun RPC signature v1, written from the spec ---
# percentEncode: UTF-8 bytes; A-Z a-z 0-9 - _ . ~ unchanged; every other byte as %XY
# (upper-case hex). StringToSign = METHOD + "&" + percentEncode("/") + "&" +
# percentEncode(canonicalized query: "k=v" pairs of encoded names/values sorted by name,
# joined by "&"). Signature = base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign)).

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def spec_percent_encode(value: str) -> str:
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in value.encode("utf-8"))


def spec_signature(secret: str, params: dict, method: str = "POST") -> str:
    pairs = sorted((spec_percent_encode(k), spec_percent_encode(v)) for k, v in params.items())
    canonical = "&".join(f"{k}={v}" for k, v in pairs)
    to_sign = f"{method}&%2F&{spec_percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def without_signature(params: dict) -> dict:
    return {k: v for k, v in params.items() if k != "Signature"}


# the worked example of Aliyun's SMS API documentation ("HTTP 协议及签名")
DOC_SECRET = "testSecret"
DOC_PARAMS = {
    "AccessKeyId": "testId",
    "Action": "SendSms",
    "Format": "XML",
    "OutId": "123",
    "PhoneNumbers": "15300000001",
    "RegionId": "cn-hangzhou",
    "SignName": "阿里云短信测试专用",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion": "1.0",
    "TemplateCode": "SMS_71390007",
    "TemplateParam": '{"customer":"test"}',
    "Timestamp": "2017-07-12T02:42:19Z",
    "Version": "2017-05-25",
}
DOC_SIGNATURE = "zJDF+Lrzhj/ThnlvIToysFRq6t4="


# --- percent encoding and string to sign -------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "encoded"),
    [
        ("a b", "a%20b"),
        ("*", "%2A"),
        ("~", "~"),
        ("-_.", "-_."),
        ("AZaz09", "AZaz09"),
        ("/", "%2F"),
        ("+", "%2B"),
        ("=", "%3D"),
        ("&", "%26"),
        (":", "%3A"),
        ("%", "%25"),
        ('{"a":1}', "%7B%22a%22%3A1%7D"),
        ("阿里云", "%E9%98%BF%E9%87%8C%E4%BA%91"),
        ("é", "%C3%A9"),
    ],
)
def test_percent_encode_rules(raw, encoded):
    assert percent_encode(raw) == encoded


def test_percent_encode_agrees_with_the_spec_on_every_printable_character():
    text = "".join(chr(c) for c in range(32, 127)) + "建材 ½ 😀"
    assert percent_encode(text) == spec_percent_encode(text)


def test_percent_encode_accepts_non_strings():
    assert percent_encode(12) == "12"


def test_string_to_sign_format():
    params = {"b": "2", "a": "x y", "C": "*"}
    # sorted by name (upper case first), each pair encoded, then the whole query encoded again
    assert aliyun_string_to_sign("POST", params) == "POST&%2F&C%3D%252A%26a%3Dx%2520y%26b%3D2"


def test_signature_reproduces_the_aliyun_documentation_example():
    assert spec_signature(DOC_SECRET, DOC_PARAMS, "GET") == DOC_SIGNATURE  # the helper itself
    assert aliyun_signature(DOC_SECRET, "GET", DOC_PARAMS) == DOC_SIGNATURE


def test_signature_depends_on_secret_method_and_every_field():
    base = aliyun_signature(DOC_SECRET, "GET", DOC_PARAMS)
    assert aliyun_signature("otherSecret", "GET", DOC_PARAMS) != base
    assert aliyun_signature(DOC_SECRET, "POST", DOC_PARAMS) != base
    for name in DOC_PARAMS:
        changed = dict(DOC_PARAMS, **{name: DOC_PARAMS[name] + "x"})
        assert aliyun_signature(DOC_SECRET, "GET", changed) != base, name


# --- request fields ----------------------------------------------------------------------


def test_build_params_has_all_required_fields_and_a_valid_signature():
    sms = AliyunSms(KEY_ID, SECRET, region="cn-shanghai")
    params = sms.build_params(MSG, nonce="nonce-1", now=NOW)

    assert set(params) == REQUIRED_FIELDS
    assert params["AccessKeyId"] == KEY_ID
    assert params["Action"] == "SendSms"
    assert params["Format"] == "JSON"
    assert params["PhoneNumbers"] == "13812345678"
    assert params["RegionId"] == "cn-shanghai"
    assert params["SignName"] == "建材之家"
    assert params["SignatureMethod"] == "HMAC-SHA1"
    assert params["SignatureNonce"] == "nonce-1"
    assert params["SignatureVersion"] == "1.0"
    assert params["TemplateCode"] == "SMS_123456789"
    assert params["Timestamp"] == "2024-05-06T07:08:09Z"
    assert params["Version"] == "2017-05-25"
    # Chinese stays readable in the JSON, and the JSON round-trips to the parameters
    assert "何志明" in params["TemplateParam"]
    assert json.loads(params["TemplateParam"]) == dict(MSG.params)

    assert params["Signature"] == spec_signature(SECRET, without_signature(params))
    assert params["Signature"] != spec_signature("wrong", without_signature(params))
    assert SECRET not in json.dumps(params, ensure_ascii=False)


def test_build_params_defaults_fresh_nonce_and_current_utc_time():
    sms = AliyunSms(KEY_ID, SECRET)
    first, second = sms.build_params(MSG), sms.build_params(MSG)
    assert first["SignatureNonce"] != second["SignatureNonce"]
    assert len(first["SignatureNonce"]) >= 16
    sent = datetime.strptime(first["Timestamp"], "%Y-%m-%dT%H:%M:%SZ")
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    assert abs(now - sent) < timedelta(minutes=1)
    assert first["RegionId"] == "cn-hangzhou"
    assert first["Signature"] == spec_signature(SECRET, without_signature(first))


# --- answers -----------------------------------------------------------------------------


def test_parse_response_ok():
    body = json.dumps(
        {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "F655A8D5"}
    )
    assert AliyunSms.parse_response(200, body) == SendResult(
        ok=True, provider_ref="900619746936498440^0"
    )


def test_parse_response_illegal_number_is_final():
    body = json.dumps(
        {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": "R1"}
    )
    result = AliyunSms.parse_response(200, body)
    assert not result.ok
    assert result.retryable is False
    assert "isv.MOBILE_NUMBER_ILLEGAL" in result.error
    assert "非法手机号" in result.error


def test_parse_response_business_limit_is_retryable():
    body = json.dumps({"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控Permits:1"})
    result = AliyunSms.parse_response(200, body)
    assert not result.ok
    assert result.retryable is True
    assert "isv.BUSINESS_LIMIT_CONTROL" in result.error


def test_parse_response_http_500_not_json_is_retryable():
    result = AliyunSms.parse_response(500, "<html><body>Internal Server Error</body></html>")
    assert not result.ok
    assert result.retryable is True
    assert "HTTP 500" in result.error
    assert "Internal Server Error" in result.error


@pytest.mark.parametrize("body", ["null", "[1, 2]", '"busy"'])
def test_parse_response_json_that_is_not_an_object(body):
    result = AliyunSms.parse_response(502, body)
    assert not result.ok
    assert result.retryable is True


def test_parse_response_empty_body():
    result = AliyunSms.parse_response(502, "")
    assert not result.ok
    assert result.retryable is True
    assert "HTTP 502" in result.error


def test_parse_response_server_error_is_retryable_even_with_a_final_code():
    body = json.dumps({"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "?"})
    assert AliyunSms.parse_response(503, body).retryable is True


def test_parse_response_ok_code_needs_http_200():
    result = AliyunSms.parse_response(400, json.dumps({"Code": "OK"}))
    assert not result.ok


# --- real HTTP round trips ---------------------------------------------------------------


def test_send_posts_a_signed_form_and_reads_the_answer(http_server):
    server = http_server(
        {"/": [(200, {"Code": "OK", "Message": "OK", "BizId": "BIZ-42", "RequestId": "R"})]}
    )
    sms = AliyunSms(KEY_ID, SECRET, endpoint=server.url + "/", timeout=5)

    result = sms.send(MSG)

    assert result == SendResult(ok=True, provider_ref="BIZ-42")
    assert len(server.requests) == 1
    request = server.requests[0]
    assert request.method == "POST"
    assert request.target == "/"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    form = request.form
    assert set(form) == REQUIRED_FIELDS
    assert form["PhoneNumbers"] == "13812345678"
    assert form["SignName"] == "建材之家"
    assert json.loads(form["TemplateParam"]) == dict(MSG.params)
    assert form["Signature"] == spec_signature(SECRET, without_signature(form))
    assert SECRET not in request.raw


def test_send_returns_aliyun_errors_without_the_secret(http_server):
    server = http_server(
        {
            "/": [
                (200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号"}),
                (200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发天级流控"}),
                (500, b"upstream exploded"),
            ]
        }
    )
    sms = AliyunSms(KEY_ID, SECRET, endpoint=server.url + "/", timeout=5)

    results = [sms.send(MSG) for _ in range(3)]

    assert [(r.ok, r.retryable) for r in results] == [(False, False), (False, True), (False, True)]
    assert "isv.MOBILE_NUMBER_ILLEGAL" in results[0].error
    assert "HTTP 500" in results[2].error and "upstream exploded" in results[2].error
    assert len(server.requests) == 3
    for request in server.requests:
        assert SECRET not in request.raw
    for result in results:
        assert SECRET not in result.error


def test_send_to_a_closed_port_is_a_retryable_failure(closed_port):
    sms = AliyunSms(KEY_ID, SECRET, endpoint=f"http://127.0.0.1:{closed_port}/", timeout=5)

    result = sms.send(MSG)

    assert not result.ok
    assert result.retryable is True
    assert result.error.startswith("Aliyun SMS unreachable:")
    assert str(closed_port) in result.error
    assert SECRET not in result.error


def test_unreachable_error_text_is_redacted(closed_port):
    # a misconfigured endpoint carrying the secret: the error text must still not show it
    endpoint = f"http://127.0.0.1:{closed_port}/?leak={SECRET}"
    result = AliyunSms(KEY_ID, SECRET, endpoint=endpoint, timeout=5).send(MSG)

    assert not result.ok and result.retryable
    assert "leak=***" in result.error
    assert SECRET not in result.error
