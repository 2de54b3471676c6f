from collections import deque


class RateLimiter:
    def __init__(self, limit, windowSeconds):
        self.limit = limit
        self.window = windowSeconds
        self.logs = {}  # key -> deque of allowed request times

    def allow(self, key, t):
        log = self.logs.setdefault(key, deque())
        # The window is (t - windowSeconds, t]: drop what fell out of it. Times never go backwards.
        while log and log[0] <= t - self.window:
            log.popleft()
        if len(log) >= self.limit:
            return False
        log.append(t)
        return True
