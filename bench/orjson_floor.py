"""The orjson floor of a response body: `python bench/orjson_floor.py REPS < BODY` parses the body with
orjson and prints, as a JSON list, the seconds that `orjson.dumps` takes to encode it again, REPS times.

It runs in a process of its own, whose heap holds nothing but the parsed body, laid out as a fresh parse
lays it. In the measuring process, whose heap holds all that the serializers made before, the same
encoding of the same objects took several times as long, and by how much varied from one run to the
next: 9.6 against 2.2 ms for a detailed page of 100 spacecraft flights, 7.8 against 0.9 ms for a
normal one.
"""

import json
import sys
import time

import orjson


def encode_times(body, reps):
    data = orjson.loads(body)
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        orjson.dumps(data)
        samples.append(time.perf_counter() - start)
    return samples


if __name__ == "__main__":
    print(json.dumps(encode_times(sys.stdin.buffer.read(), int(sys.argv[1]))))
