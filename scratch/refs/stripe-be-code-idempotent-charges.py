TTL = 86400


def is_int(x):
    return type(x) is int or (type(x) is float and x.is_integer())


def processCharges(requests):
    by_key = {}
    next_id = 1
    out = []
    for r in requests:
        amount = r.get("amount")
        if not is_int(amount) or amount <= 0:
            out.append({"status": "error", "error": "invalid_amount"})
            continue
        key = r.get("idempotencyKey")
        has_key = isinstance(key, str) and len(key) > 0
        if has_key:
            saved = by_key.get(key)
            if saved and r["t"] - saved["t"] < TTL:
                same = all(saved[f] == r.get(f) for f in ("customer", "amount", "currency"))
                if same:
                    out.append({"status": "replayed", "chargeId": saved["chargeId"]})
                else:
                    out.append({"status": "error", "error": "idempotency_key_reused"})
                continue
        charge_id = f"ch_{next_id}"
        next_id += 1
        if has_key:
            by_key[key] = {
                "customer": r.get("customer"),
                "amount": amount,
                "currency": r.get("currency"),
                "t": r["t"],
                "chargeId": charge_id,
            }
        out.append({"status": "created", "chargeId": charge_id})
    return out
