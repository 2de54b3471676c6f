def deliveryAttempts(statuses, startTime, baseDelay, maxDelay, maxAttempts):
    attempts = []
    time = startTime
    for n in range(1, maxAttempts + 1):
        attempts.append(time)
        code = statuses[n - 1] if n - 1 < len(statuses) else None
        if code is not None and 200 <= code < 300:
            return {"attempts": attempts, "status": "delivered"}
        if code == 410:
            return {"attempts": attempts, "status": "endpoint_gone"}
        time += min(baseDelay * 2 ** (n - 1), maxDelay)
    return {"attempts": attempts, "status": "gave_up"}
