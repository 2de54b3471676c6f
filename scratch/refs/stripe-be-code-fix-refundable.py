def refundableAmount(charge, refunds):
    if charge["status"] != "succeeded":
        return 0
    # The same refund id can appear more than once as its status changes: the last one wins.
    latest = {}
    for r in refunds:
        latest[r["id"]] = r
    refunded = sum(r["amount"] for r in latest.values() if r["status"] in ("succeeded", "pending"))
    return max(0, charge["amount"] - refunded)
