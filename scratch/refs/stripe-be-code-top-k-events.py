def topKEvents(events, now, windowSeconds, k):
    counts = {}
    for e in events:
        if now - windowSeconds < e["ts"] <= now:
            counts[e["name"]] = counts.get(e["name"], 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [name for name, _ in ranked[: max(0, k)]]
