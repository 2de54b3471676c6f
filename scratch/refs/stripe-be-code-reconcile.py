def reconcile(internal, bank):
    lines = {}
    for b in bank:
        lines.setdefault(b["reference"], []).append(b)
    result = {"matched": [], "mismatched": [], "missingInBank": [], "unexpectedInBank": []}
    known = set()
    for r in internal:
        known.add(r["id"])
        found = lines.get(r["id"])
        if not found:
            result["missingInBank"].append(r["id"])
            continue
        total = sum(b["amount"] for b in found)
        ok = total == r["amount"] and all(b["currency"] == r["currency"] for b in found)
        result["matched" if ok else "mismatched"].append(r["id"])
    for ref in lines:
        if ref not in known:
            result["unexpectedInBank"].append(ref)
    for key in result:
        result[key].sort()
    return result
