#!/usr/bin/env python3
"""A small client of the SMEPilot API written from its contract (Contracts/pilot-api.yaml).

Operations are called by their `operationId`: the method and path come from the contract, and every
answer's status must be one the contract declares for that operation, its JSON body must carry the
schema's required properties. Used by Scripts/contract-test against the live demo server to drive

  * one lifecycle: a project awaiting the district's decision is approved and published
    (`approve_plan`, `publish_publicity`), with optimistic versions and an idempotent replay;
  * one release: a finance officer prepares it, is refused approving it himself (four eyes), and a
    second finance officer approves it.

    python3 Tests/Contract/pilot_client.py --url http://127.0.0.1:8080 \
        --token district=smp_… --token finance=smp_… --token finance2=smp_… --token contractor=smp_…

Needs `requests` and PyYAML (both installed by Scripts/install-test-deps with schemathesis).
"""
import argparse
import os
import sys
import uuid

import requests
import yaml

CONTRACT = os.path.join(os.path.dirname(__file__), "..", "..", "Contracts", "pilot-api.yaml")


class APIError(Exception):
    def __init__(self, status, body):
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


class PilotClient:
    """One caller (one bearer token). `call(operation_id, ...)` returns the decoded JSON body."""

    def __init__(self, base_url, token, contract):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.contract = contract
        self.operations = {}
        for path, item in contract["paths"].items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    self.operations[operation["operationId"]] = (method.upper(), path, operation)

    def schema(self, ref_or_schema):
        while "$ref" in ref_or_schema:
            node = self.contract
            for part in ref_or_schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            ref_or_schema = node
        return ref_or_schema

    def call(self, operation_id, path=None, query=None, body=None, headers=None, expect=None):
        method, template, operation = self.operations[operation_id]
        url = self.base_url + template.format(**(path or {}))
        sent = {"Authorization": f"Bearer {self.token}", "Accept-Language": "zh"}
        sent.update(headers or {})
        response = requests.request(method, url, params=query, json=body, headers=sent, timeout=60)
        declared = operation["responses"]
        status = str(response.status_code)
        assert status in declared, f"{operation_id}: {status} is not declared by the contract ({sorted(declared)})"
        payload = response.json() if response.content else None
        answer = self.schema(declared[status])
        content = answer.get("content", {}).get("application/json")
        if content is not None:
            self.check(self.schema(content["schema"]), payload, operation_id)
        if expect is not None and response.status_code != expect:
            raise APIError(response.status_code, payload)
        if response.status_code >= 400:
            raise APIError(response.status_code, payload)
        return payload

    def check(self, schema, value, where):
        """The required properties, recursively through objects and arrays (enough to catch drift)."""
        schema = self.schema(schema)
        if schema.get("type") == "array" and isinstance(value, list):
            for item in value:
                self.check(schema.get("items", {}), item, where)
        elif isinstance(value, dict):
            for name in schema.get("required", []):
                assert name in value, f"{where}: the answer lacks required '{name}'"
            for name, sub in schema.get("properties", {}).items():
                if name in value and value[name] is not None:
                    self.check(sub, value[name], f"{where}.{name}")


def refused(call, status):
    """The call must be refused with `status` and a Chinese message."""
    try:
        call()
    except APIError as error:
        assert error.status == status, f"expected {status}, got {error.status}: {error.body}"
        message = error.body["error"]["message"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), f"not a Chinese message: {message}"
        return error.body["error"]["code"]
    raise AssertionError(f"expected a refusal with {status}")


def visible(client, instance_id):
    """Whether the caller may read the instance (out of scope is a 404, as if it did not exist)."""
    try:
        client.call("getInstance", path={"instanceId": instance_id})
        return True
    except APIError as error:
        assert error.status in (403, 404), error
        return False


def lifecycle(district, contractor):
    """A project from the plan decision to publicity, through `postCommand`."""
    page = district.call("listProjects", query={"state": "awaiting_decision"})
    assert page["items"], "the demo has no project awaiting a decision"
    project_id = page["items"][0]["id"]
    instance = district.call("getInstance", path={"instanceId": project_id})
    # Money in instance data is integer fen; command input takes yuan as text.
    fen = instance["data"].get("requested_subsidy", 10_000_000)
    requested = f"{fen // 100}.{fen % 100:02d}" if isinstance(fen, int) else str(fen).replace(",", "")
    approve = {
        "transition": "approve_plan",
        "input": {"approved_subsidy": requested, "approval_opinion": "方案可行，同意立项（API 客户端）"},
        "expected_version": instance["version"],
    }
    # Another role is refused by the same rules as the page, and nothing moves.
    code = refused(
        lambda: contractor.call(
            "postCommand", path={"instanceId": project_id}, body=approve, headers={"Idempotency-Key": "client-refused"}
        ),
        403 if visible(contractor, project_id) else 404,
    )
    key = "client-approve-" + uuid.uuid4().hex
    applied = district.call("postCommand", path={"instanceId": project_id}, body=approve, headers={"Idempotency-Key": key})
    assert applied["to_state"] == "approved" and not applied["replayed"], applied
    replay = district.call("postCommand", path={"instanceId": project_id}, body=approve, headers={"Idempotency-Key": key})
    assert replay["replayed"] and replay["version"] == applied["version"], replay
    # A stale version is refused (optimistic concurrency).
    stale = dict(approve, transition="publish_publicity", input={"notice_title": "公示", "notice_text": "公示内容"})
    refused(
        lambda: district.call(
            "postCommand", path={"instanceId": project_id}, body=stale, headers={"Idempotency-Key": "client-stale"}
        ),
        409,
    )
    publish = {
        "transition": "publish_publicity",
        "input": {"notice_title": "数字化转型试点项目公示", "notice_text": "经评审，拟支持以下项目，公示期 5 个工作日。"},
        "expected_version": applied["version"],
    }
    published = district.call(
        "postCommand", path={"instanceId": project_id}, body=publish, headers={"Idempotency-Key": "client-publish-" + key}
    )
    assert published["to_state"] == "publicity", published
    after = district.call("getInstance", path={"instanceId": project_id})
    assert after["state"] == "publicity" and after["version"] == published["version"], after
    steps = [entry["transition"] for entry in after["history"]][-2:]
    assert steps == ["approve_plan", "publish_publicity"], steps
    print(f"lifecycle ok: {project_id} awaiting_decision → approved → publicity (refused other role: {code})")


def release(finance, finance2):
    """A release prepared by one finance officer and approved by another; the preparer is refused."""
    due = finance.call("listTranches", query={"status": "due", "payable": "true"})
    assert due["items"], "the demo has no payable tranche"
    tranche = due["items"][0]["id"]
    key = {"Idempotency-Key": f"client-release-{uuid.uuid4()}"}
    prepared = finance.call("prepareRelease", body={"tranches": [tranche]}, headers=key)
    assert prepared["state"] == "prepared" and prepared["tranches"] == [tranche], prepared
    number = prepared["number"]
    # A retry under the same key (the first answer lost) is the same release, not a second one.
    retried = finance.call("prepareRelease", body={"tranches": [tranche]}, headers=key)
    assert retried["number"] == number, retried
    code = refused(lambda: finance.call("approveRelease", path={"releaseNumber": number}), 403)
    assert code == "separation_of_duties", code
    approved = finance2.call("approveRelease", path={"releaseNumber": number})
    assert approved["state"] in ("paid", "held"), approved
    assert approved["decided_by_user_id"] != approved["preparer_user_id"], approved
    again = finance.call("getRelease", path={"releaseNumber": number})
    assert again["state"] == approved["state"], again
    print(f"release ok: #{number} ({tranche}) prepared by one officer, {approved['state']} by another")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", action="append", default=[], help="role=token")
    parser.add_argument("--contract", default=CONTRACT)
    args = parser.parse_args()
    tokens = dict(item.split("=", 1) for item in args.token)
    with open(args.contract, encoding="utf-8") as handle:
        contract = yaml.safe_load(handle)
    client = {role: PilotClient(args.url, token, contract) for role, token in tokens.items()}
    lifecycle(client["district"], client["contractor"])
    release(client["finance"], client["finance2"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
