"""The mixed workload of issue 5, for Locust (headless; started by bench/run_load.sh).

Actors are read from the generated database (bench/generate.py) at start: staff with their API tokens,
referral targets, employers and a sample of cases whose query codes are known (bench.common.query_code_for).

  Clerk       registers complaints (POST /api/v1/complaints/), opens its queue (API and the web page /)
              and the case pages of cases in it.
  Handler     (arbitrator, inspector, mediator) opens its queue and case pages, takes transitions and offers
              legal-aid referrals with the version it read: a 409 (someone else moved the case first) is
              expected under contention and counted on its own row, not as an error.
  Supervisor  the organisation's queue (scope=org) and case pages.
  Worker      looks its case up on the status page (POST /status/ with number and code; valid codes only:
              the rate limit counts failures).
  Baseline    POST /api/v1/_baseline/ (one row through DRF): the yardstick for intake's cost.

BENCH_WAIT=0 removes think time (the saturation phases); BENCH_DATABASE_URL says where the actors are.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import threading
from pathlib import Path

from locust import FastHttpUser, between, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DEFAULT_DATABASE_URL, query_code_for  # noqa: E402

WAIT = float(os.environ.get("BENCH_WAIT", "1"))
WAIT_TIME = constant(0) if WAIT == 0 else between(WAIT * 0.5, WAIT * 1.5)
EXPECTED_409 = "409 (expected: conflict)"

ACTORS: dict = {}
_pools_lock = threading.Lock()


@events.init.add_listener
def load_actors(environment, **_kw):
    import dj_database_url
    import psycopg2

    cfg = dj_database_url.parse(os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    conn = psycopg2.connect(dbname=cfg["NAME"], user=cfg["USER"] or None, host=cfg["HOST"] or None,
                            port=cfg["PORT"] or None, password=cfg["PASSWORD"] or None)
    with conn.cursor() as cur:
        cur.execute("""
            SELECT u.username, t.key, s.role, o.kind, o.id, o.division_id
            FROM auth_user u JOIN authtoken_token t ON t.user_id = u.id
            JOIN core_staffprofile s ON s.user_id = u.id JOIN core_organization o ON o.id = s.organization_id
            WHERE o.division_id IS NOT NULL ORDER BY u.id
        """)
        staff = [dict(zip(("username", "token", "role", "kind", "org", "division"), r)) for r in cur.fetchall()]
        cur.execute("SELECT division_id, kind, id FROM core_organization WHERE division_id IS NOT NULL")
        orgs = {(d, k): i for d, k, i in cur.fetchall()}
        # Employers as the window meets them: the big ones often, the tail now and then.
        cur.execute("SELECT credit_code, name, address, is_platform, industry FROM disputes_employer "
                    "WHERE id <= 200 OR id % 97 = 0 LIMIT 3000")
        employers = cur.fetchall()
        # Only generated cases: their query code is query_code_for(id). Cases registered by earlier load runs
        # (ids above the generated count) have random codes nobody kept.
        cur.execute("SELECT id, number FROM disputes_case TABLESAMPLE SYSTEM (2) "
                    "WHERE id <= (SELECT value::bigint FROM bench_meta WHERE key = 'cases') LIMIT 20000")
        cases = cur.fetchall()
    conn.close()
    ACTORS.update(
        clerks=[s for s in staff if s["kind"] == "rights_centre" and s["role"] == "clerk"],
        handlers=[s for s in staff if s["role"] in ("arbitrator", "inspector") and s["kind"] in ("arbitration", "inspection")]
        + [s for s in staff if s["role"] == "mediator" and s["kind"] == "mediation"],
        supervisors=[s for s in staff if s["role"] == "supervisor"
                     and s["kind"] in ("rights_centre", "arbitration", "inspection", "mediation")],
        orgs=orgs, employers=employers, cases=cases,
    )
    for pool in ("clerks", "handlers", "supervisors"):
        random.shuffle(ACTORS[pool])
    # Web sessions made before the phases (bench/sessions.py): the staff are logged in already.
    sessions = os.environ.get("BENCH_SESSIONS")
    if sessions and os.path.exists(sessions):
        import json

        ACTORS["web_sessions"] = json.loads(Path(sessions).read_text())


def take(pool: str) -> dict:
    """Each simulated user is a different member of staff (round robin over the pool)."""
    with _pools_lock:
        people = ACTORS[pool]
        person = people.pop(0)
        people.append(person)
        return person


def expected_conflict(response, name):
    """A 409 is the optimistic lock working: record it on its own row and do not count it as a failure."""
    if response.status_code == 409:
        response.request_meta["name"] = f"{name} {EXPECTED_409}"
        response.success()
        return True
    return False


def cookie(client, name: str) -> str:
    return next((c.value for c in client.cookiejar if c.name == name), "")


# FastHttpUser (geventhttpclient) rather than HttpUser (requests): the load generator shares the two cores
# with the server, and requests' client cost several times more CPU per request, taken from the server.
class Staff(FastHttpUser):
    abstract = True
    wait_time = WAIT_TIME
    pool = "clerks"
    scope = "mine"

    def on_start(self):
        self.person = take(self.pool)
        self.client.auth_header = f"Token {self.person['token']}"
        self.case_ids: list[int] = []
        self.logged_in = False

    def api_queue(self):
        r = self.client.get(f"/api/v1/cases/?scope={self.scope}", name="queue (API)")
        if r.ok:
            self.case_ids = [c["id"] for c in r.json().get("results", [])] or self.case_ids

    def case_page(self):
        if not self.case_ids:
            self.api_queue()
        if self.case_ids:
            case_id = random.choice(self.case_ids)
            r = self.client.get(f"/api/v1/cases/{case_id}/", name="case page (API)")
            return r.json() if r.ok else None
        return None

    def web_queue(self):
        made = ACTORS.get("web_sessions")
        if made and self.person["username"] in made["sessions"]:
            # Logged in before the phase (bench/sessions.py), as people at work are.
            with self.client.get(f"/?scope={self.scope}", name="queue (web /)", allow_redirects=False, catch_response=True,
                                 headers={"Cookie": f"{made['cookie']}={made['sessions'][self.person['username']]}"}) as r:
                if r.status_code != 200:  # a redirect to the login page would be no queue at all
                    r.failure(f"{r.status_code} instead of the queue")
            return
        if not self.logged_in:
            self.login()
        self.client.get(f"/?scope={self.scope}", name="queue (web /)")

    def login(self):
        # The session is separate from the token: the web pages use the login form like a person.
        self.client.get("/login/", name="login (not measured)")
        token = cookie(self.client, "csrftoken")
        self.client.post("/login/", data={"username": self.person["username"], "password": os.environ.get(
            "BENCH_PASSWORD", "bench-password-2026"), "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/login/"}, name="login (not measured)", allow_redirects=False)
        self.logged_in = True


class Clerk(Staff):
    weight = 15
    pool = "clerks"

    @task(3)
    def register(self):
        r = self.client.post("/api/v1/complaints/", json=complaint(self.person["division"]), name="intake (POST complaint)")
        if r.status_code == 201:
            # At the window the worker leaves with the printed receipt: it is rendered now if the background
            # worker has not got to it yet (intake.models.PendingReceipt).
            path = "/" + r.json()["receipt_url"].split("/", 3)[3]
            self.client.get(path, headers={"Accept": "application/pdf"}, name="receipt (printed at the window)")

    @task(3)
    def queue(self):
        self.api_queue()

    @task(3)
    def page(self):
        self.case_page()

    @task(1)
    def web(self):
        self.web_queue()


class Handler(Staff):
    weight = 15
    pool = "handlers"

    @task(3)
    def queue(self):
        self.api_queue()

    @task(4)
    def page(self):
        self.case_page()

    @task(2)
    def transition(self):
        case = self.case_page()
        if not case or not case.get("available_actions"):
            return
        # Prefer the steps that keep a case open, as most of a day's work does.
        actions = [a["action"] for a in case["available_actions"]]
        keep_open = [a for a in actions if a not in ("withdraw", "close", "suspend", "redirect", "reject_application")]
        action = random.choice(keep_open or actions)
        body = {"action": action, "version": case["version"], "reason": "基准测试", "outcome": "resolved_other",
                "due_on": (datetime.date.today() + datetime.timedelta(days=15)).isoformat()}
        with self.client.post(f"/api/v1/cases/{case['id']}/transitions/", json=body, name="transition",
                              catch_response=True) as r:
            if not expected_conflict(r, "transition") and not r.ok:
                r.failure(f"{r.status_code} {r.text[:200]}")

    @task(1)
    def refer(self):
        case = self.case_page()
        if not case or case["status"] in ("closed", "withdrawn", "redirected", "not_accepted", "archived"):
            return
        to_org = ACTORS["orgs"].get((self.person["division"], "legal_aid"))
        body = {"to_org": to_org, "purpose": "legal_aid", "note": "申请法律援助", "version": case["version"]}
        with self.client.post(f"/api/v1/cases/{case['id']}/referrals/", json=body, name="referral",
                              catch_response=True) as r:
            # 409: stale version, or an open legal-aid offer already exists for the case.
            if not expected_conflict(r, "referral") and not r.ok:
                r.failure(f"{r.status_code} {r.text[:200]}")

    @task(1)
    def web(self):
        self.web_queue()


class Supervisor(Staff):
    weight = 3
    pool = "supervisors"
    scope = "org"

    @task(2)
    def queue(self):
        self.api_queue()

    @task(2)
    def page(self):
        self.case_page()

    @task(1)
    def web(self):
        self.web_queue()


class Worker(FastHttpUser):
    weight = 12
    wait_time = WAIT_TIME

    def on_start(self):
        self.client.get("/status/", name="status page (not measured)")

    @task
    def lookup(self):
        case_id, number = random.choice(ACTORS["cases"])
        token = cookie(self.client, "csrftoken")
        with self.client.post("/status/", data={"n": number, "c": query_code_for(case_id), "csrfmiddlewaretoken": token},
                              headers={"Referer": self.host + "/status/"}, name="status lookup",
                              catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")


class Baseline(FastHttpUser):
    weight = 5
    wait_time = WAIT_TIME

    def on_start(self):
        self.client.auth_header = f"Token {take('clerks')['token']}"

    @task
    def insert(self):
        self.client.post("/api/v1/_baseline/", json={"payload": "基准" * 20}, name="baseline insert")


class IntakeOnly(Staff):
    """Saturation phase: clerks doing nothing but registering complaints.

    Derived from Staff, not Clerk: Locust adds a base class's tasks to a subclass's own `tasks` list, so the
    earlier `IntakeOnly(Clerk)` with `tasks = [Clerk.register]` also opened queues and case pages (two
    requests in three were not registrations)."""

    weight = 1
    pool = "clerks"

    @task
    def register(self):
        self.client.post("/api/v1/complaints/", json=complaint(self.person["division"]), name="intake (POST complaint)")


# --- complaint bodies --------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_AREAS = ("370702", "370703", "370704", "370705", "370724", "370725", "370781", "370782", "370783", "370784")


def new_id_number() -> str:
    """A valid ID number unlikely to be a loaded worker's (serials 500-999 are above the loader's range)."""
    born = datetime.date(1970, 1, 1) + datetime.timedelta(days=random.randrange(12000))
    body = f"{random.choice(_AREAS)}{born:%Y%m%d}{random.randint(500, 999):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS)) % 11]


def complaint(division_id: int) -> dict:
    credit_code, name, address, is_platform, industry = random.choice(ACTORS["employers"])
    today = datetime.date.today()
    started = today - datetime.timedelta(days=random.randint(20, 200))
    claims = [{"type": "wages", "amount": f"{random.randint(2000, 40000)}.00", "description": "拖欠工资"}]
    if random.random() < 0.4:
        claims.append({"type": "overtime", "amount": f"{random.randint(500, 9000)}.00", "description": "加班费"})
    return {
        "worker_name": random.choice("王李张刘陈杨黄赵") + random.choice(["伟", "芳", "强", "磊", "静", "军"]),
        "worker_id_number": new_id_number(),
        "worker_phone": f"13{random.randint(100000000, 999999999)}",
        "worker_occupation": random.choice(["employee", "delivery_rider", "courier"]),
        "worker_platform": "",
        "employer_name": name,
        "employer_credit_code": credit_code,
        "employer_address": address,
        "employer_is_platform": is_platform,
        "employer_industry": industry,
        "division": division_id,
        "channel": random.choice(["window", "hotline_12333", "online"]),
        "facts": "用人单位拖欠工资，多次催讨未果。",
        "violation_started_on": started.isoformat(),
        "claims": claims,
    }
