import threading
from concurrent.futures import ProcessPoolExecutor


def работа(n):  # identifiers may be non-ASCII (PEP 3131)
    total = 0
    for i in range(n):
        total += i * i
    return total


def score(item):
    return item * 2


café = "naïve 😀"; t = threading.Thread(target=работа, args=(10_000_000,))
t.start()

with ProcessPoolExecutor() as pool:
    scores = list(pool.map(score, range(1_000_000)))
