def is_int(x):
    return type(x) is int or (type(x) is float and x.is_integer())


def postJournal(entries):
    balances = {}
    rejected = []
    accepted = set()
    for entry in entries:
        if entry["id"] in accepted:
            continue
        lines = entry.get("lines") or []
        valid = len(lines) >= 2
        per_currency = {}
        for line in lines:
            if not is_int(line["amount"]) or line["amount"] == 0:
                valid = False
                break
            per_currency[line["currency"]] = per_currency.get(line["currency"], 0) + line["amount"]
        if valid and any(total != 0 for total in per_currency.values()):
            valid = False
        if not valid:
            rejected.append(entry["id"])
            continue
        accepted.add(entry["id"])
        for line in lines:
            account = balances.setdefault(line["account"], {})
            account[line["currency"]] = account.get(line["currency"], 0) + line["amount"]
    return {"balances": balances, "rejected": rejected}
