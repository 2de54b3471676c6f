from functools import cmp_to_key


def is_int(x):
    return type(x) is int or (type(x) is float and x.is_integer())


def newest_first(a, b):
    if a["created"] != b["created"]:
        return b["created"] - a["created"]
    return (a["id"] < b["id"]) - (a["id"] > b["id"])


def listCharges(charges, params):
    p = params or {}
    limit = 10 if p.get("limit") is None else p["limit"]
    if not is_int(limit) or limit < 1 or limit > 100:
        return {"error": "invalid_request"}
    after = p.get("startingAfter")
    before = p.get("endingBefore")
    if after is not None and before is not None:
        return {"error": "invalid_request"}
    ordered = sorted(charges, key=cmp_to_key(newest_first))
    if p.get("customer") is not None:
        ordered = [c for c in ordered if c["customer"] == p["customer"]]
    cursor_id = after if after is not None else before
    if cursor_id is None:
        return {"data": [c["id"] for c in ordered[:limit]], "hasMore": len(ordered) > limit}
    cursor = next((c for c in charges if c["id"] == cursor_id), None)
    if cursor is None:
        return {"error": "resource_missing"}
    if after is not None:
        rest = [c for c in ordered if newest_first(c, cursor) > 0]
        return {"data": [c["id"] for c in rest[:limit]], "hasMore": len(rest) > limit}
    earlier = [c for c in ordered if newest_first(c, cursor) < 0]
    page = earlier[max(0, len(earlier) - limit):]
    return {"data": [c["id"] for c in page], "hasMore": len(earlier) > limit}
