/**
 * Helpers laid into an integration workspace (read-only, refreshed on every run) so the
 * candidate's code and the tests can talk to the mock API:
 * - webhooks: fetch pending deliveries and call the candidate's exported handler with each, the
 *   way the real API would POST them (the candidate's code never listens on a port);
 * - Python only, `http`: requests through Pyodide's fetch (Pyodide has no sockets), falling back
 *   to urllib under a normal python3 so the same code runs outside the app.
 */
import type { WorkspaceLanguage } from '../../../content/schema/workspace-exercise.js';

export const SUPPORT_DIR = '_support';

const JS_WEBHOOKS = `// Provided by Interview Rehearsal (read-only): delivers the mock API's webhook events.
//
//   import { deliverWebhooks } from '../_support/webhooks.mjs';
//   await deliverWebhooks(handleWebhook);
//
// For each pending event it calls handler({ headers, body }) with the raw JSON body (a string,
// as it would arrive over HTTP) and its signature header. A handler that returns (or resolves)
// accepts the delivery; one that throws rejects it, and the event is delivered again later,
// up to the API's retry limit.
const controlUrl = (baseUrl, path) => new URL(baseUrl).origin + '/_mock' + path;

export async function deliverWebhooks(handler, { baseUrl = process.env.API_BASE_URL, batch = 10 } = {}) {
  const summary = { delivered: 0, accepted: 0, rejected: 0 };
  for (;;) {
    const response = await fetch(controlUrl(baseUrl, '/webhooks/next'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ max: batch }),
    });
    const { deliveries } = await response.json();
    if (deliveries.length === 0) return summary;
    for (const delivery of deliveries) {
      summary.delivered++;
      let accepted = true;
      try {
        await handler({ headers: delivery.headers, body: delivery.body });
      } catch {
        accepted = false;
      }
      summary[accepted ? 'accepted' : 'rejected']++;
      await fetch(controlUrl(baseUrl, '/webhooks/' + delivery.delivery_id + '/result'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accepted }),
      });
    }
  }
}

/** The mock API's own view (records, request counts, webhook counts): for tests. */
export async function mockState({ baseUrl = process.env.API_BASE_URL } = {}) {
  const response = await fetch(controlUrl(baseUrl, '/state'));
  return response.json();
}
`;

const PY_INIT = `"""Provided by Interview Rehearsal (read-only): helpers for talking to the mock API."""
`;

const PY_HTTP = `"""Provided by Interview Rehearsal (read-only): HTTP requests from Python.

In the app your Python runs in Pyodide (Python compiled to WebAssembly), which has no sockets,
so requests go through fetch. Under a normal python3 the same calls use urllib, so your code
runs unchanged outside the app.

    from _support.http import request
    response = await request("GET", base_url + "/invoices?limit=10", headers={"Authorization": "Bearer " + key})
    response.status, response.headers["retry-after"], response.json()

Answers with any status are returned (a 429 or a 500 is not an exception). A connection that
drops without an answer raises ConnectionDropped.
"""

import asyncio
import json as _json
import sys


class ConnectionDropped(ConnectionError):
    """The connection closed before an answer arrived: the request may or may not have happened."""


class Response:
    def __init__(self, status, headers, text):
        self.status = status
        self.headers = {name.lower(): value for name, value in headers.items()}
        self.text = text

    def json(self):
        return _json.loads(self.text)

    def __repr__(self):
        return "<Response %d>" % self.status


async def request(method, url, *, headers=None, json=None):
    headers = dict(headers or {})
    body = None
    if json is not None:
        body = _json.dumps(json)
        headers.setdefault("Content-Type", "application/json")
    if sys.platform == "emscripten":
        return await _fetch(method, url, headers, body)
    return await asyncio.to_thread(_urllib, method, url, headers, body)


async def _fetch(method, url, headers, body):
    from pyodide.http import pyfetch

    options = {"method": method, "headers": headers}
    if body is not None:
        options["body"] = body
    try:
        response = await pyfetch(url, **options)
        text = await response.string()
    except Exception as error:
        raise ConnectionDropped("%s %s: %s" % (method, url, error)) from None
    return Response(response.status, dict(response.headers), text)


def _urllib(method, url, headers, body):
    import http.client
    import urllib.error
    import urllib.request

    data = body.encode("utf-8") if body is not None else None
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as answer:
            return Response(answer.status, dict(answer.headers), answer.read().decode("utf-8"))
    except urllib.error.HTTPError as answer:
        return Response(answer.code, dict(answer.headers), answer.read().decode("utf-8"))
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError) as error:
        raise ConnectionDropped("%s %s: %s" % (method, url, error)) from None
`;

const PY_WEBHOOKS = `"""Provided by Interview Rehearsal (read-only): delivers the mock API's webhook events.

    from _support.webhooks import deliver_webhooks
    await deliver_webhooks(handle_webhook)

For each pending event it calls handler(headers, body) with the raw JSON body (a str) and its
signature header; the handler may be a plain or an async function. Returning accepts the
delivery; raising rejects it, and the event is delivered again later, up to the API's retry
limit.
"""

import inspect
import os
from urllib.parse import urlsplit

from .http import request


def _control(base_url, path):
    parts = urlsplit(base_url)
    return "%s://%s/_mock%s" % (parts.scheme, parts.netloc, path)


async def deliver_webhooks(handler, base_url=None, batch=10):
    base_url = base_url or os.environ["API_BASE_URL"]
    summary = {"delivered": 0, "accepted": 0, "rejected": 0}
    while True:
        answer = await request("POST", _control(base_url, "/webhooks/next"), json={"max": batch})
        deliveries = answer.json()["deliveries"]
        if not deliveries:
            return summary
        for delivery in deliveries:
            summary["delivered"] += 1
            accepted = True
            try:
                outcome = handler(delivery["headers"], delivery["body"])
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception:
                accepted = False
            summary["accepted" if accepted else "rejected"] += 1
            await request("POST", _control(base_url, "/webhooks/%s/result" % delivery["delivery_id"]), json={"accepted": accepted})


async def mock_state(base_url=None):
    """The mock API's own view (records, request counts, webhook counts): for tests."""
    base_url = base_url or os.environ["API_BASE_URL"]
    return (await request("GET", _control(base_url, "/state"))).json()
`;

export function supportFiles(language: WorkspaceLanguage): Record<string, string> {
  if (language === 'python') {
    return {
      [`${SUPPORT_DIR}/__init__.py`]: PY_INIT,
      [`${SUPPORT_DIR}/http.py`]: PY_HTTP,
      [`${SUPPORT_DIR}/webhooks.py`]: PY_WEBHOOKS,
    };
  }
  return { [`${SUPPORT_DIR}/webhooks.mjs`]: JS_WEBHOOKS };
}
