#!/usr/bin/env python
"""Load a realistic province into PostgreSQL: N cases over ten years across Weifang's divisions.

    .venv/bin/python bench/generate.py                      # 1,000,000 cases into onewindow_province
    .venv/bin/python bench/generate.py --cases 5000000      # the 5 million option
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/other .venv/bin/python bench/generate.py --cases 100000

Creates the database if it is missing and migrates it (bench.settings_bench: the app plus the baseline
endpoint), then replaces its whole contents with generated rows: organisations of every county (window,
inspection, arbitration, mediation, union, legal aid, court) and the municipal ones, their staff with API
tokens, workers and employers with valid (checksummed) ID numbers and credit codes, cases with claims,
~10 timeline events each, referrals and deadline clocks. Everything is INSERT ... SELECT generate_series
in PostgreSQL (no ORM row by row); secondary indexes are dropped for the load and rebuilt after, two at a
time. It refuses a database that holds cases it did not make, unless --force (which wipes them).

Bulk rows bypass the services and validators: the per-row foreign-key triggers are skipped (replica mode,
this session only) because the keys are consistent by construction; identifiers are still checksummed.
Every case's query code is bench.common.query_code_for(id) and its hash is core.query_codes.hash_query_code
of that code (HMAC with the benchmark's SECRET_KEY, computed in SQL by pgcrypto and checked in Python).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_PASSWORD, DEFAULT_DATABASE_URL, query_code_for, setup_django  # noqa: E402

# The big tables: their secondary indexes are dropped during the load and rebuilt afterwards.
BIG_TABLES = ("disputes_worker", "disputes_employer", "disputes_case", "disputes_claim", "disputes_caseevent",
              "disputes_referral", "deadlines_clock")
WIPE_TABLES = ("disputes_notification", "disputes_caseevent", "deadlines_clock", "disputes_referral",
               "disputes_claim", "disputes_evidence", "disputes_document", "disputes_case", "disputes_worker",
               "disputes_employer", "authtoken_token", "core_staffprofile", "core_organization", "auth_user",
               "core_sequence", "django_session", "bench_baseline_baselinerow")

# Relative caseloads of the divisions (population and industry; the zones are small).
DIVISION_WEIGHTS = {"370702": 8, "370703": 6, "370704": 6, "370705": 10, "370724": 7, "370725": 6, "370781": 9,
                    "370782": 10, "370783": 11, "370784": 8, "370785": 8, "370786": 6, "370705-GX": 5, "370772": 3,
                    "370786-XS": 1, "370705-ZB": 1, "370702-JK": 3}
CHANNELS = {"window": 40, "hotline_12333": 25, "online": 20, "petition": 5, "union": 6, "court": 4}
# Stage by age of the case: most cases of the last three months are open, older ones have ended.
STATUS_RECENT = {"registered": 10, "inspection": 12, "correction_due": 4, "arbitration_review": 6,
                 "arbitration": 14, "hearing": 8, "mediation": 14, "confirmation": 3, "litigation": 3,
                 "suspended": 2, "closed": 18, "withdrawn": 4, "redirected": 2}
STATUS_MIDDLE = {"closed": 70, "withdrawn": 8, "redirected": 3, "not_accepted": 2, "litigation": 4,
                 "arbitration": 3, "hearing": 2, "suspended": 2, "archived": 6}
STATUS_OLD = {"archived": 70, "closed": 20, "withdrawn": 6, "redirected": 2, "not_accepted": 2}
OUTCOMES = {"mediated": 32, "award": 20, "corrected": 12, "confirmed": 8, "judgment": 5, "no_violation": 8,
            "penalty": 5, "resolved_other": 10}
CLAIM_TYPES = {"wages": 36, "overtime": 10, "severance": 12, "damages": 8, "social_insurance": 10,
               "employment_relationship": 7, "dismissal": 5, "contract": 4, "injury_medical": 3,
               "working_time": 2, "welfare": 2, "other": 1}
MONETARY = ("wages", "overtime", "injury_medical", "severance", "damages")
OCCUPATIONS = {"employee": 55, "delivery_rider": 12, "courier": 8, "truck_driver": 6, "ride_hailing_driver": 5,
               "domestic_worker": 4, "carer": 3, "security_guard": 3, "estate_agent": 1,
               "mall_information_worker": 1, "other_flexible": 2}
INDUSTRIES = {"other": 45, "retail": 12, "express_delivery": 8, "food_delivery": 8, "freight": 7,
              "domestic_services": 6, "security_services": 5, "real_estate_agency": 4, "ride_hailing": 5}
# Organisations of each division: (kind, name suffix, [(role, how many)]).
COUNTY_ORGS = [
    ("rights_centre", "劳动者维权中心", [("clerk", 6), ("supervisor", 1)]),
    ("inspection", "劳动保障监察大队", [("inspector", 4), ("supervisor", 1)]),
    ("arbitration", "劳动人事争议仲裁委员会", [("arbitrator", 4), ("supervisor", 1)]),
    ("mediation", "劳动争议调解中心", [("mediator", 4), ("supervisor", 1)]),
    ("union", "总工会", [("mediator", 2), ("supervisor", 1)]),
    ("legal_aid", "工会法律援助工作站", [("legal_aid_officer", 2), ("supervisor", 1)]),
    ("court", "人民法院", [("mediator", 2), ("supervisor", 1)]),
]
CITY_ORGS = [
    ("rights_centre", "潍坊市劳动者维权中心", [("clerk", 4), ("supervisor", 1)]),
    ("arbitration", "潍坊市劳动人事争议仲裁院", [("arbitrator", 6), ("supervisor", 1)]),
    ("inspection", "潍坊市劳动保障监察支队", [("inspector", 4), ("supervisor", 1)]),
    ("court", "潍坊市中级人民法院", [("mediator", 2), ("supervisor", 1)]),
    ("union", "潍坊市总工会", [("mediator", 2), ("supervisor", 1)]),
    ("petition", "潍坊市信访局", [("clerk", 2), ("supervisor", 1)]),
]
# Which kind of organisation handles a case at each stage (suspended cases were in arbitration).
KIND_BY_STATUS = """CASE
    WHEN status IN ('inspection', 'correction_due') THEN 'inspection'
    WHEN status IN ('arbitration_review', 'arbitration', 'hearing', 'not_accepted', 'suspended') THEN 'arbitration'
    WHEN status IN ('mediation', 'confirmation') THEN 'mediation'
    WHEN status = 'litigation' THEN 'court'
    WHEN status IN ('closed', 'archived') THEN CASE
        WHEN outcome IN ('corrected', 'penalty', 'no_violation') THEN 'inspection'
        WHEN outcome IN ('mediated', 'confirmed') THEN 'mediation'
        WHEN outcome = 'award' THEN 'arbitration'
        WHEN outcome = 'judgment' THEN 'court'
        ELSE 'rights_centre' END
    ELSE 'rights_centre' END"""
# The last event of an ended case, by its stage and outcome.
FINAL_ACTION = """CASE p.status
    WHEN 'withdrawn' THEN 'withdraw' WHEN 'redirected' THEN 'redirect' WHEN 'not_accepted' THEN 'reject_application'
    WHEN 'suspended' THEN 'suspend'
    ELSE CASE p.outcome WHEN 'award' THEN 'award' WHEN 'mediated' THEN 'settle' WHEN 'confirmed' THEN 'confirm'
        WHEN 'judgment' THEN 'court_result' WHEN 'corrected' THEN 'confirm_correction' WHEN 'penalty' THEN 'decide_penalty'
        ELSE 'close' END END"""
MIDDLE_ACTIONS = ["note", "referral_offered", "referral_accepted", "clock_reminder", "accept_application",
                  "note", "copy_served", "schedule_hearing", "note", "complaint_linked", "clock_overdue", "note"]
PUBLIC_ACTIONS = ("registered", "referral_accepted", "accept_application", "schedule_hearing", "complaint_linked")
FACTS = ["用人单位自2025年起拖欠工资，多次催讨未果。", "公司未依法缴纳社会保险，要求补缴并支付经济补偿。",
         "加班费未按规定支付，每月加班六十小时以上。", "单位违法解除劳动合同，要求支付赔偿金。",
         "平台以合作名义用工，要求确认劳动关系并支付工资。", "工伤后医疗费用未报销，单位拒绝支付。"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢")
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "春梅", "国庆", "红梅"]
WORDS = ["鑫源", "华泰", "宏达", "新世纪", "金海", "瑞丰", "恒通", "盛世", "东方", "福临", "顺达", "潍柴配套",
         "寿光蔬菜", "青州石材", "诸城食品", "高密纺织", "昌乐宝石", "安丘农产", "临朐铝业", "滨海化工"]


def sql_array(weights: dict) -> str:
    """A 100-slot (or weight-sum) array literal: a uniform index into it draws with the given weights."""
    slots = [k for k, w in weights.items() for _ in range(w)]
    return "ARRAY[" + ",".join(f"'{s}'" for s in slots) + "]"


def pick(weights: dict) -> str:
    n = sum(weights.values())
    return f"({sql_array(weights)})[1 + floor(random() * {n})::int]"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", type=int, default=1_000_000, help="cases to generate (default 1,000,000; try 5,000,000)")
    p.add_argument("--years", type=int, default=10, help="years of history (default 10)")
    p.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="last day of the history (default today)")
    p.add_argument("--events-per-case", type=int, default=10, help="mean timeline events per case (default 10)")
    p.add_argument("--jobs", type=int, default=2, help="connections loading events and building indexes (default 2)")
    p.add_argument("--seed", type=float, default=0.42, help="random seed (PostgreSQL setseed)")
    p.add_argument("--force", action="store_true", help="wipe a database that holds cases not made by this script")
    return p.parse_args()


# --- database plumbing -------------------------------------------------------------------------------


def db_config(url: str) -> dict:
    import dj_database_url

    cfg = dj_database_url.parse(url)
    if cfg["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("bench/generate.py loads PostgreSQL: set DATABASE_URL=postgres://...")
    return cfg


def connect(cfg, dbname=None):
    import psycopg2

    conn = psycopg2.connect(dbname=dbname or cfg["NAME"], user=cfg["USER"] or None, password=cfg["PASSWORD"] or None,
                            host=cfg["HOST"] or None, port=cfg["PORT"] or None)
    return conn


def ensure_database(cfg) -> None:
    admin = connect(cfg, "postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
            print(f"created database {cfg['NAME']}")
    admin.close()


def refuse_real_data(cur, force: bool) -> None:
    cur.execute("SELECT to_regclass('disputes_case') IS NOT NULL, to_regclass('bench_meta') IS NOT NULL")
    has_cases_table, has_meta = cur.fetchone()
    if not has_cases_table or has_meta:
        return
    cur.execute("SELECT count(*) FROM (SELECT 1 FROM disputes_case LIMIT 1) x")
    if cur.fetchone()[0] and not force:
        sys.exit("refusing: this database holds cases that bench/generate.py did not make. Use a database of "
                 "the benchmark's own (DATABASE_URL=.../onewindow_province), or --force to WIPE it.")


class Stats:
    def __init__(self):
        self.rows = []
        self.started = time.perf_counter()

    def timed(self, label, fn, *args, rows=None):
        t = time.perf_counter()
        result = fn(*args)
        dt = time.perf_counter() - t
        n = rows if rows is not None else (result if isinstance(result, int) else None)
        rate = f"{n / dt:>12,.0f} rows/s" if n and dt > 0 else ""
        count = f"{n:>12,}" if n is not None else " " * 12
        print(f"  {label:<40} {count} {dt:8.1f} s {rate}", flush=True)
        self.rows.append((label, n, dt))
        return result


def parallel(cfg, statements, jobs) -> None:
    """Run SQL statements on `jobs` connections of their own (the loader's other session is idle meanwhile)."""
    queue = list(statements)
    lock = threading.Lock()
    errors = []

    def worker():
        conn = connect(cfg)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute("SET session_replication_role = replica")
                cur.execute("SET maintenance_work_mem = '256MB'")
                while True:
                    with lock:
                        if not queue or errors:
                            return
                        sql = queue.pop(0)
                    cur.execute(sql)
        except Exception as exc:  # reported by the caller
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(max(1, jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


# --- indexes: dropped for the load, rebuilt after ------------------------------------------------------


def save_and_drop_indexes(cur) -> None:
    """Remember every non-primary index of the big tables (in bench_index_backup, so a crashed load is repaired
    by the next run) and drop them."""
    cur.execute("CREATE TABLE IF NOT EXISTS bench_index_backup (name text PRIMARY KEY, tbl text, def text, con text)")
    cur.execute("""
        INSERT INTO bench_index_backup
        SELECT i.relname, t.relname, pg_get_indexdef(i.oid), c.conname
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.contype = 'u'
        WHERE t.relname = ANY(%s) AND NOT x.indisprimary
        ON CONFLICT (name) DO NOTHING
    """, [list(BIG_TABLES)])
    cur.execute("SELECT name, tbl, con FROM bench_index_backup")
    for name, tbl, con in cur.fetchall():
        if con:
            cur.execute(f'ALTER TABLE {tbl} DROP CONSTRAINT IF EXISTS "{con}"')
        cur.execute(f'DROP INDEX IF EXISTS "{name}"')


def restore_indexes(cfg, cur, jobs) -> int:
    cur.execute("SELECT to_regclass('bench_index_backup') IS NOT NULL")
    if not cur.fetchone()[0]:
        return 0
    cur.execute("SELECT name, def FROM bench_index_backup WHERE to_regclass(quote_ident(name)) IS NULL "
                "ORDER BY tbl = 'disputes_caseevent' DESC, name")
    missing = cur.fetchall()
    parallel(cfg, [d for _, d in missing], jobs)
    cur.execute("SELECT name, tbl, con FROM bench_index_backup WHERE con IS NOT NULL")
    for name, tbl, con in cur.fetchall():
        cur.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", [con])
        if cur.fetchone() is None:
            cur.execute(f'ALTER TABLE {tbl} ADD CONSTRAINT "{con}" UNIQUE USING INDEX "{name}"')
    cur.execute("DROP TABLE bench_index_backup")
    return len(missing)


# --- the load ------------------------------------------------------------------------------------------


def reference_rows(cur) -> dict:
    """Organisations, staff, profiles and API tokens (hundreds of rows): built in Python, inserted in SQL."""
    import binascii

    from django.contrib.auth.hashers import make_password

    password = make_password(BENCH_PASSWORD)  # one hash for every account: each costs ~0.5 s to compute
    cur.execute("SELECT id, code, name FROM core_division ORDER BY code")
    divisions = cur.fetchall()
    orgs, users = [], []  # (id, name, kind, division_id), (id, username, org_id, role)
    org_id = user_id = 0

    def add_org(kind, name, division_id, staff):
        nonlocal org_id, user_id
        org_id += 1
        orgs.append((org_id, name, kind, division_id))
        for role, n in staff:
            for i in range(1, n + 1):
                user_id += 1
                users.append((user_id, f"b{org_id}-{role}-{i}", org_id, role))

    for div_id, _code, div_name in divisions:
        for kind, suffix, staff in COUNTY_ORGS:
            add_org(kind, f"{div_name}{suffix}", div_id, staff)
    for kind, name, staff in CITY_ORGS:
        add_org(kind, name, None, staff)
    cur.executemany("INSERT INTO core_organization (id, name, kind, division_id, address, phone, is_active) "
                    "VALUES (%s, %s, %s, %s, '潍坊市', '0536-12333', true)", orgs)
    cur.executemany(f"""INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email,
                        is_staff, is_active, date_joined)
                        VALUES (%s, '{password}', false, %s, '', %s, '', false, true, now())""",
                    [(u, name, f"职员{u}") for u, name, _o, _r in users])
    cur.executemany("INSERT INTO core_staffprofile (user_id, organization_id, role, phone) VALUES (%s, %s, %s, '')",
                    [(u, o, r) for u, _n, o, r in users])
    cur.executemany("INSERT INTO authtoken_token (key, user_id, created) VALUES (%s, %s, now())",
                    [(binascii.hexlify(os.urandom(20)).decode(), u) for u, *_ in users])
    for table in ("core_organization", "auth_user"):
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    # One row per (division, kind): its organisation, its handlers (not the supervisor) and its clerks.
    cur.execute("DROP TABLE IF EXISTS bench_org")
    cur.execute("""
        CREATE UNLOGGED TABLE bench_org AS
        SELECT o.division_id, o.kind, o.id AS org_id,
               array_agg(s.user_id ORDER BY s.user_id) FILTER (WHERE s.role <> 'supervisor') AS handlers,
               array_agg(s.role ORDER BY s.user_id) FILTER (WHERE s.role <> 'supervisor') AS roles
        FROM core_organization o JOIN core_staffprofile s ON s.organization_id = o.id
        WHERE o.division_id IS NOT NULL GROUP BY o.division_id, o.kind, o.id
    """)
    cur.execute("ANALYZE bench_org")
    return {"organisations": len(orgs), "staff": len(users)}


def id_check_sql(body: str) -> str:
    """GB 11643 check character of a 17-digit text expression (core.validators.id_number_check_char)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = " + ".join(f"substr({body}, {i + 1}, 1)::int * {w}" for i, w in enumerate(weights))
    return f"substr('10X98765432', ({total}) % 11 + 1, 1)"


def credit_check_sql(body: str) -> str:
    """GB 32100 check character of a 17-character expression (core.validators.credit_code_check_char)."""
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    cs = "'0123456789ABCDEFGHJKLMNPQRTUWXY'"
    total = " + ".join(f"(strpos({cs}, substr({body}, {i + 1}, 1)) - 1) * {w}" for i, w in enumerate(weights))
    return f"substr({cs}, (31 - ({total}) % 31) % 31 + 1, 1)"


def load_workers(cur, n) -> int:
    """Workers drawn in SQL into a staging table, then copied in with their ID numbers and phones encrypted
    (core.crypto, in Python: PostgreSQL has no AES-GCM) and their blind indexes (HMAC-SHA256, as pgcrypto's
    hmac() computes it; checked against core.crypto below)."""
    prefixes = "ARRAY['370702','370703','370704','370705','370724','370725','370781','370782','370783','370784','370785','370786']"
    cur.execute("DROP TABLE IF EXISTS bench_worker_clear")
    cur.execute(f"""
        CREATE UNLOGGED TABLE bench_worker_clear AS
        SELECT g AS id, body || {id_check_sql('body')} AS id_number, name, phone, occ AS occupation,
               CASE WHEN occ IN ('delivery_rider', 'ride_hailing_driver', 'courier') THEN
                   (ARRAY['美团','饿了么','滴滴出行','顺丰同城','货拉拉'])[1 + g % 5] ELSE '' END AS platform
        FROM (
            SELECT g,
                   -- area, a birth date and a serial: distinct for every g below 12 * 14,600 * 1,000.
                   ({prefixes})[1 + g % 12]
                     || to_char(date '1966-01-01' + (g / 12) % 14600, 'YYYYMMDD')
                     || lpad(((g / 12 / 14600) % 1000)::text, 3, '0') AS body,
                   (ARRAY{SURNAMES!r})[1 + g % {len(SURNAMES)}] || (ARRAY{GIVEN!r})[1 + (g / 7) % {len(GIVEN)}] AS name,
                   '1' || (ARRAY['38','39','35','36','37','58','59','86','87','88'])[1 + g % 10]
                     || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0') AS phone,
                   {pick(OCCUPATIONS)} AS occ
            FROM generate_series(1, {n}) g
        ) w
    """)
    return copy_workers_encrypted(cur)


def copy_workers_encrypted(cur, batch: int = 100_000) -> int:
    import io

    from django.conf import settings

    from core.crypto import encrypt, index_of

    key = settings.BLIND_INDEX_KEY
    cur.execute("ALTER TABLE bench_worker_clear ADD PRIMARY KEY (id)")
    copied, last = 0, 0
    while True:
        # Ranges of the staging table's key: the loader runs in autocommit (no server-side cursor).
        cur.execute(
            "SELECT id, id_number, encode(hmac(id_number, %s, 'sha256'), 'hex'), name, phone, "
            "encode(hmac(phone, %s, 'sha256'), 'hex'), occupation, platform FROM bench_worker_clear "
            "WHERE id > %s ORDER BY id LIMIT %s",
            [key, key, last, batch],
        )
        rows = cur.fetchall()
        if not rows:
            break
        if copied == 0:  # the SQL digests are core.crypto's
            _, id_number, id_digest, _, phone, phone_digest, _, _ = rows[0]
            assert (id_digest, phone_digest) == (index_of("core.validators.normalize_id_number", id_number),
                                                 index_of("core.crypto.normalize_phone", phone))
        buf = io.StringIO()
        for pk, id_number, id_digest, name, phone, phone_digest, occupation, platform in rows:
            buf.write(f"{pk}\t{encrypt(id_number)}\t{id_digest}\t{name}\t{encrypt(phone)}\t{phone_digest}\t"
                      f"{occupation}\t{platform}\t\n")
        buf.seek(0)
        cur.cursor.copy_expert(
            "COPY disputes_worker (id, id_number, id_number_index, name, phone, phone_index, occupation, platform, email) "
            "FROM STDIN", buf,
        )
        copied += len(rows)
        last = rows[-1][0]
    cur.execute("DROP TABLE bench_worker_clear")
    return copied


def load_employers(cur, n) -> int:
    cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    # Nine base-31 digits of g: distinct for every g below 31^9.
    org_code = " || ".join(f"substr('{cs}', ((g / {31 ** k}) % 31)::int + 1, 1)" for k in range(8, -1, -1))
    cur.execute(f"""
        INSERT INTO disputes_employer (id, credit_code, name, address, is_platform, industry)
        SELECT g, body || {credit_check_sql('body')}, name, address, g <= 50, industry
        FROM (
            SELECT g::bigint AS g, '91370700' || {org_code} AS body,
                   '潍坊' || (ARRAY{WORDS!r})[1 + g % {len(WORDS)}]
                     || (ARRAY['商贸','物流','建筑','餐饮','科技','制造','人力资源','网络科技'])[1 + (g / 20) % 8]
                     || '有限公司' || CASE WHEN g > 160 THEN '第' || g || '分公司' ELSE '' END AS name,
                   '潍坊市' || (ARRAY['胜利街','东风街','健康街','北海路','潍州路','福寿街'])[1 + g % 6] || (g % 900 + 1) || '号' AS address,
                   CASE WHEN g <= 50 THEN (ARRAY['food_delivery','express_delivery','ride_hailing','freight'])[1 + g % 4]
                        ELSE {pick(INDUSTRIES)} END AS industry
            FROM generate_series(1, {n}) g
        ) e
    """)
    return cur.rowcount


def build_plan(cur, args, n_workers, n_employers) -> int:
    """One row per case with every drawn attribute; cases, claims, events, referrals and clocks derive from it."""
    today = args.today
    days = args.years * 365 + args.years // 4
    div_weights = {}
    cur.execute("SELECT id, code FROM core_division")
    for div_id, code in cur.fetchall():
        div_weights[str(div_id)] = DIVISION_WEIGHTS.get(code, 3)
    div_slots = [int(d) for d, w in div_weights.items() for _ in range(w)]
    ev = args.events_per_case
    cur.execute("DROP TABLE IF EXISTS bench_plan")
    cur.execute(f"""
        CREATE UNLOGGED TABLE bench_plan AS
        WITH drawn AS (
            SELECT g AS id,
                   (ARRAY{div_slots})[1 + floor(random() * {len(div_slots)})::int] AS division_id,
                   -- More cases in recent years: density grows towards today.
                   floor({days} * power(random(), 1.25))::int AS days_ago,
                   random() AS r_status, random() AS r_outcome, random() AS r_staff, random() AS r_extra,
                   {pick(CHANNELS)} AS channel,
                   CASE WHEN g <= {n_workers} THEN g ELSE 1 + floor(random() * {n_workers})::bigint END AS worker_id,
                   -- A heavy head of employers (platforms, big factories) and a long tail.
                   1 + floor({n_employers} * power(random(), 2))::bigint AS employer_id,
                   {max(2, ev - 6)} + floor(random() * 13)::int AS n_events,
                   1 + (random() < 0.45)::int + (random() < 0.15)::int AS n_claims
            FROM generate_series(1, {args.cases}) g
        ), staged AS (
            SELECT d.*,
                   CASE WHEN days_ago < 90 THEN ({sql_array(STATUS_RECENT)})[1 + floor(r_status * 100)::int]
                        WHEN days_ago < 365 THEN ({sql_array(STATUS_MIDDLE)})[1 + floor(r_status * 100)::int]
                        ELSE ({sql_array(STATUS_OLD)})[1 + floor(r_status * 100)::int] END AS status,
                   least(now(), ((date '{today}' - days_ago)::timestamp + time '08:30' + (r_extra * interval '9 hours'))
                       AT TIME ZONE 'Asia/Shanghai') AS registered_at
            FROM drawn d
        ), outcome AS (
            SELECT s.*, CASE WHEN status IN ('closed', 'archived')
                             THEN ({sql_array(OUTCOMES)})[1 + floor(r_outcome * 100)::int] ELSE '' END AS outcome
            FROM staged s
        ), kinded AS (
            SELECT o.*, {KIND_BY_STATUS} AS owner_kind FROM outcome o
        )
        SELECT k.id, k.division_id, k.days_ago, k.channel, k.worker_id, k.employer_id, k.n_events, k.n_claims,
               k.status, k.outcome, k.owner_kind, k.registered_at, k.r_staff, k.r_outcome, k.r_extra,
               w.org_id AS window_org, w.handlers[1 + floor(k.r_staff * 6)::int] AS first_handler,
               x.org_id AS owner_org,
               CASE WHEN k.owner_kind = 'rights_centre' THEN w.handlers[1 + floor(k.r_staff * 6)::int]
                    -- One open case in seven waits in its organisation's queue with nobody assigned.
                    WHEN k.status NOT IN ('closed','archived','withdrawn','redirected','not_accepted')
                         AND k.r_extra < 0.14 THEN NULL
                    ELSE x.handlers[1 + floor(k.r_outcome * array_length(x.handlers, 1))::int] END AS owner_user,
               x.roles[1] AS owner_role,
               CASE WHEN k.owner_kind <> 'rights_centre'
                    THEN k.registered_at + interval '1 day' * (1 + floor(k.r_extra * 5)) END AS released_at,
               CASE WHEN k.status IN ('closed','archived','withdrawn','redirected','not_accepted')
                    THEN least(k.registered_at + interval '1 day' * (15 + floor(k.r_outcome * 100)), now()) END AS closed_at,
               k.status IN ('registered','inspection','correction_due','arbitration_review','arbitration','hearing',
                            'litigation','mediation','confirmation','suspended') AS is_open
        FROM kinded k
        JOIN bench_org w ON w.division_id = k.division_id AND w.kind = 'rights_centre'
        JOIN bench_org x ON x.division_id = k.division_id AND x.kind = k.owner_kind
    """)
    n = cur.rowcount
    cur.execute("ALTER TABLE bench_plan ADD PRIMARY KEY (id)")
    cur.execute("ANALYZE bench_plan")
    return n


def load_cases(cur, args, key: str) -> int:
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    code = " || ".join(f"substr('{alphabet}', get_byte(dg, {i}) % 31 + 1, 1)" for i in range(8))
    from psycopg2.extensions import adapt

    quoted_key = adapt(key).getquoted().decode()
    cur.execute(f"""
        INSERT INTO disputes_case (id, number, query_code_hash, status, suspended_from, version, worker_id,
            employer_id, division_id, channel, facts, violation_started_on, violation_ended_on, employment_ended_on,
            arbitration_limitation_ends_on, inspection_limitation_ends_on, limitation_override_reason,
            is_collective, related_case_id, first_handler_id, first_handler_org_id, first_handler_released_at,
            owner_org_id, owner_user_id, outcome, registered_at, updated_at, closed_at,
            is_priority, priority_ground, priority_note)
        SELECT p.id,
               'WF' || extract(year FROM p.registered_at AT TIME ZONE 'Asia/Shanghai')::int
                 || lpad(row_number() OVER (PARTITION BY extract(year FROM p.registered_at AT TIME ZONE 'Asia/Shanghai')
                                            ORDER BY p.registered_at, p.id)::text, 7, '0'),
               encode(hmac({code}, {quoted_key}, 'sha256'), 'hex'),
               p.status, CASE WHEN p.status = 'suspended' THEN 'arbitration' ELSE '' END, p.n_events,
               p.worker_id, p.employer_id, p.division_id, p.channel,
               (ARRAY{FACTS!r})[1 + p.id % {len(FACTS)}],
               v.started, v.started + 60 + (p.id % 120)::int, CASE WHEN p.id % 3 = 0 THEN v.started + 90 END,
               v.started + 365, v.started + 730, '',
               false, NULL, p.first_handler, p.window_org, p.released_at, p.owner_org, p.owner_user,
               p.outcome, p.registered_at, coalesce(p.closed_at, p.registered_at + interval '3 days'), p.closed_at,
               false, '', ''
        FROM bench_plan p,
             LATERAL (SELECT decode(md5('qc' || p.id), 'hex') AS dg,
                             (p.registered_at AT TIME ZONE 'Asia/Shanghai')::date - 20 - (p.id % 200)::int AS started) v
    """)
    return cur.rowcount


def load_claims(cur) -> int:
    cur.execute(f"""
        INSERT INTO disputes_claim (case_id, type, amount, description)
        SELECT p.id, t.type,
               CASE WHEN t.type IN {MONETARY!r} THEN round((800 + random() * 60000)::numeric, 2) END,
               ''
        FROM bench_plan p, generate_series(1, p.n_claims) k,
             LATERAL (SELECT CASE WHEN k = 1 AND p.id % 3 = 0 THEN 'wages'
                                  ELSE ({sql_array(CLAIM_TYPES)})[1 + floor(random() * 100)::int] END AS type) t
    """)
    return cur.rowcount


def event_statements(jobs: int) -> list[str]:
    """The timeline, one statement per slice of cases (run on `jobs` connections at once)."""
    public = "ARRAY[" + ",".join(f"'{a}'" for a in PUBLIC_ACTIONS) + "]"
    middle = "ARRAY[" + ",".join(f"'{a}'" for a in MIDDLE_ACTIONS) + "]"
    slices = max(1, jobs) * 4
    statements = []
    for s in range(slices):
        statements.append(f"""
            INSERT INTO disputes_caseevent (case_id, created_at, actor_id, actor_org_id, actor_role, action,
                from_state, to_state, reason_code, reason, payload, is_public)
            SELECT case_id, created_at, actor_id, actor_org_id, actor_role, action, from_state, to_state, '',
                   CASE WHEN action = 'note' THEN '已电话联系双方，约定下周补充材料。' ELSE '' END,
                   -- What the timeline's words read (disputes.presentation.event_label).
                   CASE WHEN action IN ('referral_offered', 'referral_accepted')
                            THEN jsonb_build_object('purpose', purpose, 'to_org_name', '')
                        WHEN action LIKE 'clock_%' THEN jsonb_build_object('rule_name', '仲裁时限',
                            'due_on', to_char(created_at + interval '10 days', 'YYYY-MM-DD'))
                        WHEN to_state = 'closed' AND outcome <> '' THEN jsonb_build_object('outcome', outcome)
                        ELSE '{{}}'::jsonb END,
                   action = ANY({public})
            FROM (
                SELECT p.id AS case_id, p.outcome,
                       CASE p.owner_kind WHEN 'court' THEN 'litigation' WHEN 'rights_centre' THEN 'inspection'
                            ELSE p.owner_kind END AS purpose,
                       p.registered_at + (k - 1) * (coalesce(p.closed_at, least(now(), p.registered_at + interval '80 days'))
                                                    - p.registered_at) / p.n_events AS created_at,
                       CASE WHEN k = 1 OR p.owner_user IS NULL THEN p.first_handler ELSE p.owner_user END AS actor_id,
                       CASE WHEN k = 1 OR p.owner_user IS NULL THEN p.window_org ELSE p.owner_org END AS actor_org_id,
                       CASE WHEN k = 1 OR p.owner_user IS NULL THEN 'clerk' ELSE coalesce(p.owner_role, 'clerk') END AS actor_role,
                       CASE WHEN k = 1 THEN 'registered'
                            WHEN k = p.n_events AND NOT p.is_open OR k = p.n_events AND p.status = 'suspended' THEN {FINAL_ACTION}
                            ELSE ({middle})[1 + (p.id + k) % {len(MIDDLE_ACTIONS)}] END AS action,
                       CASE WHEN k = p.n_events AND (NOT p.is_open OR p.status = 'suspended') THEN 'arbitration' ELSE '' END AS from_state,
                       CASE WHEN k = 1 THEN 'registered'
                            WHEN k = p.n_events AND (NOT p.is_open OR p.status = 'suspended') THEN
                                 CASE WHEN p.status = 'archived' THEN 'closed' ELSE p.status END
                            ELSE '' END AS to_state
                FROM bench_plan p, generate_series(1, p.n_events) k
                WHERE p.id % {slices} = {s}
            ) e
        """)
    return statements


def load_referrals(cur) -> int:
    cur.execute("""
        INSERT INTO disputes_referral (case_id, from_org_id, to_org_id, purpose, note, state, decline_code,
            decline_reason, offered_by_id, decided_by_id, offered_at, decided_at)
        -- The hand-off that brought the case to its handler.
        SELECT p.id, p.window_org, p.owner_org,
               CASE p.owner_kind WHEN 'court' THEN 'litigation' ELSE p.owner_kind END, '', 'accepted', '', '',
               p.first_handler, coalesce(p.owner_user, p.first_handler), p.registered_at + interval '2 hours',
               p.released_at
        FROM bench_plan p WHERE p.owner_kind <> 'rights_centre'
        UNION ALL
        -- Offers still waiting for an answer (cases at the window).
        SELECT p.id, p.window_org, o.org_id, o.kind, '请核查用人单位欠薪情况。', 'offered', '', '',
               p.first_handler, NULL, p.registered_at + interval '3 hours', NULL
        FROM bench_plan p
        JOIN bench_org o ON o.division_id = p.division_id
             AND o.kind = CASE WHEN p.id % 2 = 0 THEN 'inspection' ELSE 'arbitration' END
        WHERE p.status = 'registered' AND p.r_staff < 0.35
        UNION ALL
        -- Earlier offers the receiver declined (one case in twenty that moved on).
        SELECT p.id, p.window_org, o.org_id, o.kind, '', 'declined', 'out_of_scope', '',
               p.first_handler, o.handlers[1], p.registered_at + interval '1 hour', p.registered_at + interval '1 day'
        FROM bench_plan p
        JOIN bench_org o ON o.division_id = p.division_id AND o.kind = 'inspection'
        WHERE p.owner_kind IN ('arbitration', 'mediation') AND p.id % 20 = 7
        UNION ALL
        -- Legal aid beside an arbitration (ownership does not move).
        SELECT p.id, p.owner_org, o.org_id, 'legal_aid', '', 'accepted', '', '',
               coalesce(p.owner_user, p.first_handler), o.handlers[1], p.registered_at + interval '4 days',
               p.registered_at + interval '6 days'
        FROM bench_plan p
        JOIN bench_org o ON o.division_id = p.division_id AND o.kind = 'legal_aid'
        WHERE p.owner_kind = 'arbitration' AND p.id % 12 = 5
    """)
    return cur.rowcount


def load_clocks(cur, today) -> int:
    cur.execute("SELECT code, id, length, unit FROM deadlines_deadlinerule")
    rules = {code: (rid, length, unit) for code, rid, length, unit in cur.fetchall()}

    def days(code):  # the period in calendar days (working days x 1.4), for spreading start dates
        _rid, length, unit = rules[code]
        return {"wd": round(length * 1.4), "cd": length, "month": length * 30, "year": length * 365}.get(unit, 30) or 30

    # Running clock by stage, and the clock a closed case met, by the kind that closed it.
    running = {"registered": "inspection_acceptance", "inspection": "investigation", "correction_due": "correction_order",
               "arbitration_review": "arbitration_acceptance", "arbitration": "award", "hearing": "hearing_notice",
               "mediation": "mediation", "confirmation": "judicial_confirmation", "litigation": "referral_acceptance"}
    satisfied = {"inspection": "investigation", "arbitration": "award", "mediation": "mediation"}
    rule_case = " ".join(f"WHEN '{s}' THEN {rules[c][0]}" for s, c in running.items() if c in rules)
    len_case = " ".join(f"WHEN '{s}' THEN {days(c)}" for s, c in running.items() if c in rules)
    sat_case = " ".join(f"WHEN '{k}' THEN {rules[c][0]}" for k, c in satisfied.items() if c in rules)
    second = rules.get("tribunal_notice", rules["award"])[0]
    cur.execute(f"""
        INSERT INTO deadlines_clock (case_id, rule_id, subject, state, started_on, due_on, remind_on,
            stretch_started_on, consumed, extension_reason, restarts, satisfied_at, reminded_at, escalated_at,
            owner_org_id)
        SELECT case_id, rule_id, '', state, started, due, due - 4, started, 0, '', 0, satisfied_at,
               CASE WHEN state = 'running' AND due - 4 <= '{today}'::date THEN now() END,
               CASE WHEN state = 'running' AND due < '{today}'::date THEN now() END, owner_org
        FROM (
            SELECT p.id AS case_id, CASE p.status {rule_case} END AS rule_id, 'running' AS state,
                   '{today}'::date - floor(p.r_outcome * 1.06 * (CASE p.status {len_case} END))::int AS started,
                   '{today}'::date - floor(p.r_outcome * 1.06 * (CASE p.status {len_case} END))::int
                     + (CASE p.status {len_case} END) AS due,
                   NULL::timestamptz AS satisfied_at, p.owner_org
            FROM bench_plan p WHERE p.status IN ({",".join(f"'{s}'" for s in running)})
            UNION ALL
            -- An accepted arbitration also runs the tribunal-notice clock.
            SELECT p.id, {second}, 'running', '{today}'::date - floor(p.r_extra * 7)::int,
                   '{today}'::date - floor(p.r_extra * 7)::int + 7, NULL, p.owner_org
            FROM bench_plan p WHERE p.status = 'arbitration' AND p.id % 3 = 0
            UNION ALL
            SELECT p.id, CASE p.owner_kind {sat_case} END, 'satisfied',
                   (p.registered_at AT TIME ZONE 'Asia/Shanghai')::date + 2,
                   (p.registered_at AT TIME ZONE 'Asia/Shanghai')::date + 47, p.closed_at, p.owner_org
            FROM bench_plan p WHERE p.status IN ('closed', 'archived') AND p.owner_kind IN ('inspection', 'arbitration', 'mediation')
        ) c
    """)
    return cur.rowcount


def finish(cur) -> None:
    """Identity sequences past the loaded ids, the yearly case-number counters, and collective disputes."""
    for table in ("disputes_worker", "disputes_employer", "disputes_case", "disputes_claim", "disputes_caseevent",
                  "disputes_referral", "deadlines_clock"):
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce((SELECT max(id) FROM {table}), 1))")
    cur.execute("""
        INSERT INTO core_sequence (series, year, last)
        SELECT 'case', substr(number, 3, 4)::int, max(substr(number, 7)::int) FROM disputes_case GROUP BY 2
    """)


def flag_collective(cur) -> int:
    """Open cases of an employer with ten or more workers' open cases are collective, as intake would flag them."""
    cur.execute("SELECT value::int FROM core_statutoryparameter WHERE key = 'collective_dispute_min_workers'")
    row = cur.fetchone()
    cur.execute("""
        UPDATE disputes_case c SET is_collective = true
        FROM (SELECT employer_id FROM bench_plan WHERE is_open GROUP BY employer_id
              HAVING count(DISTINCT worker_id) >= %s) e
        WHERE c.employer_id = e.employer_id
          AND c.status IN ('registered','inspection','correction_due','arbitration_review','arbitration','hearing',
                           'litigation','mediation','confirmation','suspended')
    """, [row[0] if row else 10])
    return cur.rowcount


def check_codes(cur) -> None:
    """The SQL-made hashes must be what the app computes: hash_query_code(query_code_for(id))."""
    from core.query_codes import ALPHABET, hash_query_code

    from bench.common import QUERY_CODE_ALPHABET

    assert ALPHABET == QUERY_CODE_ALPHABET, "core.query_codes.ALPHABET changed: update bench/common.py"
    cur.execute("SELECT id, query_code_hash FROM disputes_case ORDER BY random() LIMIT 20")
    for case_id, stored in cur.fetchall():
        if hash_query_code(query_code_for(case_id)) != stored:
            sys.exit(f"FAIL: query code hash of case {case_id} differs from core.query_codes.hash_query_code")


def main():
    args = parse_args()
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    cfg = db_config(url)
    ensure_database(cfg)
    setup_django()
    args.today = args.today or datetime.date.today()

    from django.core.management import call_command
    from django.db import connection

    from core.query_codes import _key

    stats = Stats()
    print(f"database {cfg['NAME']}: {args.cases:,} cases over {args.years} years to {args.today}, "
          f"{os.cpu_count()} CPUs, {args.jobs} loading connections")
    with connection.cursor() as cur:
        refuse_real_data(cur, args.force)
    stats.timed("migrate", lambda: call_command("migrate", interactive=False, verbosity=0))

    n_workers = max(10, args.cases * 88 // 100)
    n_employers = max(60, args.cases * 6 // 100)
    t_load = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")
        cur.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text)")
        restore_indexes(cfg, cur, args.jobs)  # a previous run that died mid-load
        existing = ", ".join(t for t in WIPE_TABLES if _exists(cur, t))
        stats.timed("wipe previous contents", cur.execute, f"TRUNCATE {existing} RESTART IDENTITY CASCADE")
        cur.execute("DELETE FROM bench_meta")
        ref = stats.timed("organisations, staff, tokens", reference_rows, cur)
        print(f"    ({ref['organisations']} organisations, {ref['staff']} staff with API tokens)")
        stats.timed("drop secondary indexes", save_and_drop_indexes, cur)

    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
        cur.execute("SELECT setseed(%s)", [args.seed])
        stats.timed("workers", load_workers, cur, n_workers)
        stats.timed("employers", load_employers, cur, n_employers)
        stats.timed("case plan (drawn attributes)", build_plan, cur, args, n_workers, n_employers)
        stats.timed("cases", load_cases, cur, args, _key().decode())
        stats.timed("claims", load_claims, cur)
        stats.timed("referrals", load_referrals, cur)
        stats.timed("clocks", load_clocks, cur, args.today)
        cur.execute("SELECT sum(n_events) FROM bench_plan")
        n_events = int(cur.fetchone()[0])
    stats.timed(f"events ({args.jobs} connections)", parallel, cfg, event_statements(args.jobs), args.jobs,
                rows=n_events)
    with connection.cursor() as cur:
        stats.timed("rebuild indexes and unique constraints", lambda: restore_indexes(cfg, cur, args.jobs) and None)
        stats.timed("sequences and case-number counters", finish, cur)
        stats.timed("collective disputes flagged", flag_collective, cur)
        cur.execute("SET session_replication_role = DEFAULT")
        tables = (*BIG_TABLES, "core_organization", "auth_user", "core_staffprofile", "authtoken_token")
        stats.timed("VACUUM ANALYZE", parallel, cfg, [f"VACUUM ANALYZE {t}" for t in tables], args.jobs)
        cur.execute("DROP TABLE bench_plan")
        cur.execute("INSERT INTO bench_meta VALUES ('generated', %s), ('cases', %s), ('today', %s)",
                    [datetime.datetime.now().isoformat(timespec="seconds"), str(args.cases), args.today.isoformat()])
        check_codes(cur)
        counts = {}
        for t in ("disputes_case", "disputes_caseevent", "disputes_claim", "disputes_referral", "deadlines_clock",
                  "disputes_worker", "disputes_employer"):
            cur.execute(f"SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [t])
            counts[t] = cur.fetchone()[0]
        cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cur.fetchone()[0]
    total = time.perf_counter() - t_load
    rows = sum(counts.values())
    print()
    for t, n in counts.items():
        print(f"  {t:<24} {n:>12,}")
    print(f"loaded {rows:,} rows in {total:.1f} s ({rows / total:,.0f} rows/s, {args.cases / total:,.0f} cases/s); "
          f"database size {size}; target for 1M cases: <= 900 s")


def _exists(cur, table) -> bool:
    cur.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
    return cur.fetchone()[0]


if __name__ == "__main__":
    main()
