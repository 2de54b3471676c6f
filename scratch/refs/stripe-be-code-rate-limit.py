from collections import deque


def rateLimit(requests, limit, windowSeconds):
    logs = {}

    def limit_for(key):
        if isinstance(limit, dict):
            return limit[key] if key in limit else limit["default"]
        return limit

    out = []
    for r in requests:
        log = logs.setdefault(r["key"], deque())
        while log and log[0] <= r["t"] - windowSeconds:
            log.popleft()
        if len(log) < limit_for(r["key"]):
            log.append(r["t"])
            out.append(True)
        else:
            out.append(False)
    return out
