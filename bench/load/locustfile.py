# The `npm run load` scenario (bench/load/run.mjs starts Locust with this file; Debian python3-locust
# 2.12). Settings come from LOAD_* environment variables; every request's latency, status and X-Cache
# go to <LOAD_OUT>/samples-<LOAD_PHASE>.json for the exact percentiles and the 5xx count, and every
# report's task timeline to <LOAD_OUT>/reports.json.
#
# Users (pick them by class name on the command line):
#   FloorUser   GET / on the bare node:http floor server
#   IdleUser    cached reads only (the idle p99, before the load)
#   ApiUser     cached and uncached reads, analytics POSTs (the fixed rate is shared between ApiUsers)
#   ReportUser  one report at a time: POST /api/reports, poll GET /api/tasks/{id}, download the PDF
#   StreamUser  GET /api/alerts/stream held open LOAD_STREAM_SECONDS, counting events and heartbeats
import json
import os
import random
import time

import gevent
from locust import HttpUser, constant_pacing, constant_throughput, events, task

OUT = os.environ.get("LOAD_OUT", ".")
PHASE = os.environ.get("LOAD_PHASE", "main")
TOKEN = os.environ.get("LOAD_TOKEN", "")
RATE = float(os.environ.get("LOAD_RATE", "10"))
API_USERS = max(1, int(os.environ.get("LOAD_API_USERS", "10")))
REPORT_EVERY = float(os.environ.get("LOAD_REPORT_EVERY_SECONDS", "30"))
STREAM_SECONDS = float(os.environ.get("LOAD_STREAM_SECONDS", "30"))
POLL_SECONDS = 0.2
AUTH = {"authorization": f"Bearer {TOKEN}"}

# Hot products (the recorded data's commonest drugs), their cached ranges, and rare ones for misses.
HOT = ["LETAIRIS", "PREDNISONE", "ASPIRIN"]
HOT_RANGE = "from=2004-01-01&to=2025-12-31"
RARE = ["CASODEX", "LOSARTAN POTASSIUM", "RAYOS", "BUFFERIN", "GERITREX ASPIRIN"]
CACHED_PATHS = [f"/api/faers/{kind}?drug={drug}&{HOT_RANGE}" for drug in HOT for kind in ("trend", "summary", "reactions")]

# Generated (not real data): a seasonal monthly series and small 2×2 tables, for the analytics POSTs.
SERIES = [round(100 + 20 * ((i % 12) - 6) ** 2 / 36 + (i % 5), 1) for i in range(60)]
TABLES = [{"a": 20 + i, "b": 80, "c": 100, "d": 9800} for i in range(20)]

samples = []  # [name, ms, status, x-cache, seconds since the phase started]
T0 = time.time()
reports = []  # one dict per requested report


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response=None, exception=None, **_):
    status = getattr(response, "status_code", 0) if response is not None else 0
    cache = response.headers.get("x-cache") if response is not None and hasattr(response, "headers") else None
    samples.append([name, round(response_time, 2), status, cache, round(time.time() - T0, 2)])


@events.quitting.add_listener
def _write(environment, **_):
    with open(os.path.join(OUT, f"samples-{PHASE}.json"), "w") as f:
        json.dump({"phase": PHASE, "samples": samples}, f)
    if PHASE == "main":
        with open(os.path.join(OUT, "reports.json"), "w") as f:
            json.dump(reports, f, indent=1)


def cached_read(client):
    path = random.choice(CACHED_PATHS)
    kind = path.split("?")[0]
    client.get(path, headers=AUTH, name=f"GET {kind} (cached)")


class FloorUser(HttpUser):
    wait_time = constant_throughput(RATE / API_USERS)

    @task
    def floor(self):
        self.client.get("/", name="GET / (floor)")


class IdleUser(HttpUser):
    wait_time = constant_throughput(RATE / API_USERS)

    @task
    def read(self):
        cached_read(self.client)


class ApiUser(HttpUser):
    wait_time = constant_throughput(RATE / API_USERS)

    @task(16)
    def cached(self):
        cached_read(self.client)

    @task(1)
    def uncached(self):
        # A rare product or a random one-year window: a cache miss, answered through openFDA.
        year = random.randint(2004, 2024)
        drug = random.choice(RARE + HOT)
        kind = random.choice(["trend", "summary", "reactions"])
        self.client.get(f"/api/faers/{kind}?drug={drug}&from={year}-01-01&to={year}-12-31&country={random.choice(['US', 'GB', 'DE', 'FR', 'JP'])}",
                        headers=AUTH, name=f"GET /api/faers/{kind} (uncached)")

    @task(2)
    def forecast(self):
        self.client.post("/api/analytics/forecast", json={"series": SERIES, "frequency": 12, "horizon": 6}, headers=AUTH)

    @task(1)
    def anomalies(self):
        series = [{"period": f"w{i}", "count": 60 if i == 35 else 10 + i % 3} for i in range(40)]
        self.client.post("/api/analytics/anomalies", json={"series": series, "frequency": 52, "method": "ears_c2"}, headers=AUTH)

    @task(1)
    def disproportionality(self):
        self.client.post("/api/analytics/disproportionality", json={"tables": TABLES}, headers=AUTH)


class ReportUser(HttpUser):
    """One report every LOAD_REPORT_EVERY_SECONDS; Locust's --stop-timeout lets the last one finish."""

    fixed_count = 1
    wait_time = constant_pacing(REPORT_EVERY)

    @task
    def report(self):
        serial = len(reports) + 1
        entry = {"serial": serial, "requestedAt": time.time(), "outcome": "not-requested"}
        reports.append(entry)
        body = {"product": {"drug": random.choice(HOT)}, "from": "2004-01-01", "to": "2025-12-31", "title": f"load report {serial} {time.time():.0f}"}
        with self.client.post("/api/reports", json=body, headers=AUTH, catch_response=True) as r:
            if r.status_code != 202:
                entry["outcome"] = f"request answered {r.status_code}"
                r.failure(f"POST /api/reports answered {r.status_code}")
                return
            ids = r.json()
        entry.update(reportId=ids["reportId"], taskId=ids["taskId"], outcome="running", firstStep=None)
        task_record = None
        while True:
            r = self.client.get(f"/api/tasks/{ids['taskId']}", headers=AUTH, name="GET /api/tasks/[id]")
            if r.status_code == 200:
                task_record = r.json()
                # The first step's start is when it left the queue (run-step marks the task as it starts).
                if task_record["status"] != "queued" and entry["firstStep"] is None:
                    entry["firstStep"] = {"step": task_record["step"], "at": task_record["updatedAt"]}
                if task_record["status"] in ("succeeded", "failed", "cancelled"):
                    break
            gevent.sleep(POLL_SECONDS)
        entry.update(outcome=task_record["status"], createdAt=task_record["createdAt"], finishedAt=task_record["updatedAt"],
                     error=task_record.get("error"), observedSeconds=time.time() - entry["requestedAt"])
        if task_record["status"] == "succeeded":
            with self.client.get(f"/api/reports/{ids['reportId']}/pdf", headers=AUTH, name="GET /api/reports/[id]/pdf", catch_response=True) as pdf:
                entry["pdfBytes"] = len(pdf.content)
                if pdf.status_code != 200 or not pdf.content.startswith(b"%PDF"):
                    entry["outcome"] = f"download answered {pdf.status_code}"
                    pdf.failure("the PDF download failed")


class StreamUser(HttpUser):
    """Holds the alert stream open; report-ready alerts and heartbeats arrive on it."""

    fixed_count = 1
    wait_time = constant_pacing(1)

    @task
    def stream(self):
        started = time.time()
        events_seen = heartbeats = 0
        with self.client.get("/api/alerts/stream", headers={**AUTH, "accept": "text/event-stream"}, stream=True,
                             name="GET /api/alerts/stream (open)", timeout=STREAM_SECONDS + 30, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"stream answered {r.status_code}")
                return
            try:
                for line in r.iter_lines(decode_unicode=True):
                    if line.startswith(":"):
                        heartbeats += 1
                    elif line.startswith("data:"):
                        events_seen += 1
                    if time.time() - started >= STREAM_SECONDS:
                        break
            finally:
                r.close()
        # One custom entry per held stream: its length, with the counts in the name-less side file.
        events.request.fire(request_type="SSE", name="alerts stream held", response_time=(time.time() - started) * 1000,
                            response_length=events_seen, response=None, exception=None, context={})
        streams.append({"seconds": round(time.time() - started, 1), "events": events_seen, "heartbeats": heartbeats})


streams = []


@events.quitting.add_listener
def _write_streams(environment, **_):
    if PHASE == "main":
        with open(os.path.join(OUT, "streams.json"), "w") as f:
            json.dump(streams, f)
