"""JSON-RPC dispatch: reply and error shapes the uiautomator2 client parses."""

from __future__ import annotations

import asyncio
import json

from droidpilot.emulator.virtual.u2server.jsonrpc import (
    InvalidParams,
    UiObjectNotFound,
    dispatch,
    encode,
)


async def echo(args):
    return {"args": args}


async def not_found(args):
    raise UiObjectNotFound("UiSelector[TEXT=Nope]")


async def broken(args):
    raise KeyError("oops")


async def picky(args):
    raise InvalidParams("method parameters invalid: picky takes 1 parameters, got 0")


TABLE = {"echo": echo, "notFound": not_found, "broken": broken, "picky": picky}


def call(body) -> dict:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return asyncio.run(dispatch(raw, TABLE))


def req(method, params=None, req_id=1):
    return {"jsonrpc": "2.0", "id": req_id, "method": method, "params": params}


def test_result_echoes_the_request_id():
    reply = call(req("echo", [1, "a"], req_id=7))
    assert reply == {"jsonrpc": "2.0", "id": 7, "result": {"args": [1, "a"]}}


def test_empty_object_and_null_params_mean_no_arguments():
    assert call(req("echo", {}))["result"] == {"args": []}
    assert call(req("echo", None))["result"] == {"args": []}


def test_named_params_are_invalid():
    assert call(req("echo", {"x": 1}))["error"]["code"] == -32602


def test_unknown_method_is_32601_with_its_name():
    err = call(req("noSuchMethod", []))["error"]
    assert err["code"] == -32601
    assert "noSuchMethod" in err["message"]


def test_parse_error_is_32700():
    reply = call(b"{not json")
    assert reply["error"]["code"] == -32700
    assert reply["id"] is None


def test_non_utf8_body_is_a_parse_error():
    assert call(b"\xff\xfe")["error"]["code"] == -32700


def test_request_without_method_is_32600():
    assert call({"jsonrpc": "2.0", "id": 3})["error"]["code"] == -32600
    assert call([1, 2])["error"]["code"] == -32600


def test_ui_object_not_found_message_is_what_the_client_matches():
    err = call(req("notFound", []))["error"]
    # uiautomator2.core._jsonrpc_call: `"uiautomator.UiObjectNotFoundException" in message`
    assert "uiautomator.UiObjectNotFoundException" in err["message"]
    assert err["message"] == "androidx.test.uiautomator.UiObjectNotFoundException: UiSelector[TEXT=Nope]"
    assert err["code"] == -32002
    assert err["data"]["exceptionTypeName"] == "androidx.test.uiautomator.UiObjectNotFoundException"


def test_handler_bug_becomes_internal_error_naming_it():
    err = call(req("broken", []))["error"]
    assert err["code"] == -32603
    assert "KeyError" in err["message"]
    # and must not look like a lost UiAutomation connection (that makes the client restart)
    assert "UiAutomation not connected" not in json.dumps(err)


def test_invalid_params_keep_their_code_and_message():
    err = call(req("picky", []))["error"]
    assert err == {"code": -32602, "message": "method parameters invalid: picky takes 1 parameters, got 0", "data": None}


def test_encode_keeps_non_ascii_text_readable():
    assert encode({"result": "设置"}) == '{"result":"设置"}'.encode()
