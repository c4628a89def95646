"""The web view over HTTP (Starlette's test client): every route, who may see and record what,
CSRF refusals, and the same answers as the command line. Dates: see tests/web_store.py."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from deadlines.cli import main
from deadlines.store.database import open_store
from deadlines.web.app import create_app
from deadlines.web.auth import LoginLimiter
from tests.test_cli_language import english_words, known_ids
from tests.web_store import PASSWORD, TODAY, UNIT_A, UNIT_B, build_store

# written against the English texts (the Chinese default is tested in test_cli_language.py)
pytestmark = pytest.mark.usefixtures("english")


PAGES = ("/today", "/cases", "/cases/L-1", "/due", "/calendar", "/overdue", "/calendar.ics")
API_READS = ("/api/cases/L-1", "/api/remind", "/api/overdue", "/api/due?period=1d&date=2026-03-02")


@pytest.fixture(scope="module")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture()
def db(template_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "web.db"
    shutil.copy(template_store, path)
    return path


def client(db: Path, user: str | None = None, **kwargs: object) -> TestClient:
    c = TestClient(create_app(db, today=lambda: TODAY, **kwargs))  # type: ignore[arg-type]
    if user:
        r = c.post("/api/login", json={"username": user, "password": PASSWORD})
        assert r.status_code == 200, r.text
    return c


def cli(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    return result.exit_code, result.output


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


# --- logging in ---------------------------------------------------------------------------------
def test_without_a_session_pages_go_to_login_and_the_api_answers_401(db: Path) -> None:
    c = client(db)
    for path in PAGES:
        r = c.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), path
    for path in API_READS:
        assert c.get(path).status_code == 401, path
    r = c.post("/api/cases/L-1/events", json={"type": "loan.decided", "on": "2026-03-09"})
    assert r.status_code == 401


def test_api_login_sets_an_httponly_samesite_cookie_or_answers_401(db: Path) -> None:
    c = client(db)
    r = c.post("/api/login", json={"username": "clerk-a", "password": "wrong password"})
    assert r.status_code == 401 and "set-cookie" not in r.headers
    r = c.post("/api/login", json={"username": "clerk-a", "password": PASSWORD})
    assert r.status_code == 200
    assert r.json() == {"username": "clerk-a", "role": "clerk", "unit": UNIT_A}
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert c.get("/api/cases/L-1").status_code == 200
    assert c.post("/api/logout", json={}).status_code == 200
    assert c.get("/api/cases/L-1").status_code == 401


def test_failed_logins_are_rate_limited_even_with_the_right_password_after(db: Path) -> None:
    c = client(db, limiter=LoginLimiter(limit=3, window=60))
    for _ in range(3):
        assert (
            c.post("/api/login", json={"username": "clerk-a", "password": "x"}).status_code == 401
        )
    r = c.post("/api/login", json={"username": "clerk-a", "password": PASSWORD})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_login_form_needs_its_csrf_token_and_then_leads_on(db: Path) -> None:
    c = client(db)
    form = {"username": "clerk-a", "password": PASSWORD, "next": "/cases/L-1"}
    assert c.post("/login", data={**form, "csrf": "forged"}).status_code == 403
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={**form, "csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/cases/L-1"
    assert "httponly" in r.headers["set-cookie"].lower()
    bad = c.post("/login", data={**form, "password": "nope", "csrf": csrf_of(c.get("/login").text)})
    assert bad.status_code == 401 and "用户名或密码错误" in bad.text


def test_a_login_never_redirects_off_the_site(db: Path) -> None:
    c = client(db)
    token = csrf_of(c.get("/login").text)
    form = {"username": "clerk-a", "password": PASSWORD, "csrf": token, "next": "//evil.example/"}
    r = c.post("/login", data=form, follow_redirects=False)
    assert r.headers["location"] == "/today"


# --- reading a case -----------------------------------------------------------------------------
def test_api_case_has_the_next_deadline_with_its_steps(db: Path) -> None:
    r = client(db, "clerk-a").get("/api/cases/L-1")
    assert r.status_code == 200
    body = r.json()
    assert (body["case"], body["unit"]) == ("L-1", UNIT_A)
    assert body["next"]["rule"] == "credit.small-loan"
    assert body["next"]["due"] == "2026-03-30"
    assert body["next"]["working_days_left"] == 14
    assert body["next"]["steps"] and any("2026-03-02" in s for s in body["next"]["steps"])
    assert [o["rule"] for o in body["obligations"]] == ["credit.small-loan"]
    assert body["obligations"][0]["status"] == "pending"
    assert [e["type"] for e in body["events"]] == ["loan.application-received"]


def test_the_case_answer_is_the_command_lines(db: Path) -> None:
    code, out = cli(db, "next", "L-1", "--json", "--as-of", TODAY.isoformat(), "--lang", "zh")
    assert code == 0
    # `next` lists what is overdue, then the soonest due: here one duty, the web's next deadline
    assert [client(db, "clerk-a").get("/api/cases/L-1").json()["next"]] == json.loads(out)


def test_another_units_case_is_not_found_for_a_clerk_but_seen_by_a_supervisor(db: Path) -> None:
    b = client(db, "clerk-b")
    assert b.get("/api/cases/L-1").status_code == 404
    assert b.get("/cases/L-1").status_code == 404
    assert "L-1" not in b.get("/cases?q=L-").text
    assert b.get("/api/cases/L-3").status_code == 200
    assert b.get("/api/cases/NO-SUCH").status_code == 404
    boss = client(db, "boss")
    assert boss.get("/api/cases/L-1").status_code == 200
    assert boss.get("/api/cases/L-3").status_code == 200


def test_case_page_shows_the_next_deadline_obligations_and_timeline(db: Path) -> None:
    html = client(db, "clerk-a").get("/cases/L-1").text
    assert re.search(r'id="next-due">2026-03-30 星期一<', html)
    assert "剩余 14 个工作日" in html
    assert "1000万元及以下授信和贷款流程时限" in html
    assert "loan.application-received" in html and "L-1#1" in html
    assert 'id="record-form"' in html


def test_an_undetermined_deadline_is_marked_with_the_missing_fact(db: Path) -> None:
    with open_store(db) as store:  # no amount: the 20-working-day limit may not apply
        store.add_case("L-9", "loan", {"lender": "local-legal-person-bank"}, UNIT_A)
        store.add_event("L-9", "loan.application-received", dt.date(2026, 3, 2), as_of=TODAY)
    html = client(db, "clerk-a").get("/cases/L-9").text
    assert re.search(r'id="next-due">2026-03-30 星期一<', html)
    assert "期限待定：缺少事实 amount_yuan" in html


def test_supervisor_sees_a_case_without_the_form(db: Path) -> None:
    html = client(db, "boss").get("/cases/L-1").text
    assert "2026-03-30" in html and 'id="record-form"' not in html


def test_search_lists_matches_and_goes_straight_to_an_exact_id(db: Path) -> None:
    c = client(db, "clerk-a")
    html = c.get("/cases?q=L-").text
    assert "L-1" in html and "L-2" in html and "L-3" not in html
    r = c.get("/cases?q=L-2", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/cases/L-2"
    assert "没有以" in c.get("/cases?q=ZZ").text


# --- recording an event -------------------------------------------------------------------------
def test_api_event_moves_the_deadline_and_logs_who_wrote_it(db: Path) -> None:
    c = client(db, "clerk-a")
    body = {"type": "loan.application-received", "on": "2026-03-04", "supersedes": "L-1#1"}
    r = c.post("/api/cases/L-1/events", json=body)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["next"]["due"] == "2026-04-01"
    assert answer["recorded"] == "L-1#2"
    assert answer["moves"] == [
        {
            "change": "moved",
            "case": "L-1",
            "rule": "credit.small-loan",
            "instance": "",
            "old": "2026-03-30",
            "new": "2026-04-01",
            "old_provisional": False,
            "new_provisional": False,
        }
    ]
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT username, action, case_id, event_id FROM writes").fetchall()
    assert ("clerk-a", "event.add", "L-1", "L-1#2") in rows


def test_a_refused_event_is_400_in_the_command_lines_words(db: Path) -> None:
    body = {"type": "loan.application-received", "on": "2026-03-04"}
    r = client(db, "clerk-a").post("/api/cases/L-1/events", json=body)
    # the page's language (zh) is the command line's default
    args = ["event", "add", "L-1", "loan.application-received", "--on", "2026-03-04"]
    code, out = cli(db, *args, "--lang", "zh")
    assert r.status_code == 400 and code == 1
    assert out.strip() == "错误：" + r.json()["error"]
    assert "--supersedes L-1#1" in r.json()["error"] and r.json()["field"] == "supersedes"
    r = client(db, "clerk-a").post(
        "/api/cases/L-1/events", json={"type": "filed", "on": "2026-03-04"}
    )
    code, out = cli(db, "event", "add", "L-1", "filed", "--on", "2026-03-04", "--lang", "zh")
    assert r.status_code == 400 and r.json()["field"] == "type"
    assert out.strip() == "错误：" + r.json()["error"]


def test_a_supervisor_may_not_record_and_another_unit_cannot_find_the_case(db: Path) -> None:
    body = {"type": "loan.decided", "on": "2026-03-09"}
    assert client(db, "boss").post("/api/cases/L-1/events", json=body).status_code == 403
    assert client(db, "clerk-b").post("/api/cases/L-1/events", json=body).status_code == 404
    with open_store(db) as store:
        assert len(store.stored_events("L-1")) == 1


def test_api_writes_take_only_json(db: Path) -> None:
    c = client(db, "clerk-a")
    r = c.post("/api/cases/L-1/events", data={"type": "loan.decided", "on": "2026-03-09"})
    assert r.status_code == 415


def test_the_form_without_its_csrf_token_is_refused_and_records_nothing(db: Path) -> None:
    c = client(db, "clerk-a")
    form = {"type": "loan.decided", "on": "2026-03-09"}
    assert c.post("/cases/L-1/events", data=form).status_code == 403
    assert c.post("/cases/L-1/events", data={**form, "csrf": "forged"}).status_code == 403
    with open_store(db) as store:
        assert len(store.stored_events("L-1")) == 1


def test_the_form_shows_an_error_beside_its_field_then_what_moved(db: Path) -> None:
    c = client(db, "clerk-a")
    token = csrf_of(c.get("/cases/L-1").text)
    form = {"csrf": token, "type": "loan.decided", "on": "2099-01-05"}
    r = c.post("/cases/L-1/events", data=form)
    assert r.status_code == 400
    assert re.search(r'id="error-on">[^<]*日期 2099-01-05 在未来', r.text)
    form = {**form, "on": "2026-03-09"}
    r = c.post("/cases/L-1/events", data=form)
    assert r.status_code == 200 and 'id="moved"' in r.text
    assert "已登记事件 L-1#2" in r.text
    assert "按期完成" in r.text  # decided on 03-09, before the 03-30 limit


def test_the_same_form_sent_twice_records_once(db: Path) -> None:
    """A reload of the page the form answered sends the form again: it records nothing twice."""
    c = client(db, "clerk-a")
    page = c.get("/cases/L-1").text
    form_id = re.search(r'name="form_id" value="([^"]+)"', page)
    assert form_id
    form = {"csrf": csrf_of(page), "form_id": form_id.group(1), "type": "loan.decided"}
    first = c.post("/cases/L-1/events", data={**form, "on": "2026-03-09"})
    again = c.post("/cases/L-1/events", data={**form, "on": "2026-03-09"})
    assert first.status_code == again.status_code == 200
    assert "已登记事件 L-1#2" in first.text and "已登记事件 L-1#2" in again.text
    code, out = cli(db, "case", "show", "L-1", "--json")
    assert code == 0 and [e["id"] for e in json.loads(out)["events"]] == ["L-1#1", "L-1#2"]


def test_a_data_field_the_type_does_not_take_is_refused_beside_it(db: Path) -> None:
    c = client(db, "clerk-a")
    body = {"type": "loan.decided", "on": "2026-03-09", "data": {"asset": "A-1"}}
    r = c.post("/api/cases/L-1/events", json=body)
    assert r.status_code == 400 and r.json()["field"] == "data.asset"
    # in the web's language (zh by default), with the data the type takes (none)
    assert r.json()["error"] == "事件类型 loan.decided 不接受数据项 'asset'；可用：无"


# --- lists --------------------------------------------------------------------------------------
def test_api_remind_is_the_command_lines_list_for_the_unit(db: Path) -> None:
    day = "2026-03-27"  # L-3 due Tue 03-31 and L-1 Mon 03-30 within 3 working days; L-2 not
    code, out = cli(db, "remind", "--as-of", day, "--format", "json", "--unit", UNIT_A)
    assert code == 0
    mine = client(db, "clerk-a").get(f"/api/remind?as_of={day}").json()
    assert mine == json.loads(out)
    assert [n["case"] for n in mine] == ["L-1"]
    code, out = cli(db, "remind", "--as-of", day, "--format", "json")
    assert client(db, "boss").get(f"/api/remind?as_of={day}").json() == json.loads(out)


def test_today_page_lists_overdue_first(db: Path) -> None:
    html = client(db, "clerk-a").get("/today?as_of=2026-04-01").text
    # L-1 (due 03-30) is overdue by 2 days; L-2 (due 04-03) is due in 2 working days
    assert html.index("已逾期 2 日") < html.index("剩余 2 个工作日")
    assert "L-3" not in html


def test_today_page_says_an_announced_duty_is_cancelled(db: Path) -> None:
    # L-3 (due Tue 03-31) is sent due soon on Thu 03-26 (03-27, 03-30, 03-31 are its next three
    # working days); its application turns out to have been a decision: the duty goes away
    assert cli(db, "remind", "--new", "--as-of", "2026-03-26")[0] == 0
    code, out = cli(
        db, "event", "add", "L-3", "loan.decided", "--on", "2026-03-09", "--supersedes", "L-3#1"
    )
    assert code == 0, out
    html = client(db, "clerk-b").get("/today?as_of=2026-03-27").text
    assert "期限取消" in html and "原定 2026-03-31 到期，已取消：事件 L-3#1 更正为 L-3#2" in html
    html = client(db, "clerk-b").get("/today?as_of=2026-03-27&lang=en").text
    assert "CANCELLED" in html and "was due 2026-03-31, no longer due" in html


def test_overdue_counts_by_unit_for_a_supervisor_and_only_the_own_unit_for_a_clerk(
    db: Path,
) -> None:
    day = "2026-04-02"  # L-1 (03-30) 3 days, L-3 (03-31) 2 days overdue; L-2 due 04-03
    boss = client(db, "boss").get(f"/api/overdue?as_of={day}").json()
    assert {g["key"]: g["count"] for g in boss["groups"]} == {UNIT_A: 1, UNIT_B: 1}
    mine = client(db, "clerk-b").get(f"/api/overdue?as_of={day}&by=rule").json()
    assert [(g["key"], g["count"]) for g in mine["groups"]] == [("credit.small-loan", 1)]
    html = client(db, "boss").get(f"/overdue?as_of={day}&by=unit&key={UNIT_B}").text
    assert "L-3" in html and "已逾期 2 日" in html
    # by rule, the page heads each group with the rule's title and its id
    html = client(db, "boss").get(f"/overdue?as_of={day}&by=rule&key=credit.small-loan").text
    assert "<h2>1000万元及以下授信和贷款流程时限（credit.small-loan）</h2>" in html


def test_calendar_feed_of_the_own_unit_or_a_named_one_for_a_supervisor(db: Path) -> None:
    c = client(db, "clerk-a")
    r = c.get("/calendar.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    assert "DTSTART;VALUE=DATE:20260330" in r.text and "L-1" in r.text and "L-3" not in r.text
    assert c.get(f"/calendar.ics?unit={UNIT_B}").status_code == 404
    boss = client(db, "boss")
    assert boss.get("/calendar.ics").status_code == 400
    feed = boss.get(f"/calendar.ics?unit={UNIT_B}").text
    assert "DTSTART;VALUE=DATE:20260331" in feed and "L-1" not in feed


# --- the calendar questions ---------------------------------------------------------------------
def test_due_form_answers_with_steps_and_shows_a_bad_period_beside_the_field(db: Path) -> None:
    c = client(db, "clerk-a")
    html = c.get("/due?period=20个工作日&direction=from&date=2026-03-02&calendar=cn-nx").text
    assert "2026-03-30 星期一" in html
    assert "宁夏地方假日数据可信度低" in html  # Ningxia's 2026 days are graded low
    r = c.get("/due?period=3 fortnights&date=2026-03-02")
    assert r.status_code == 400 and 'class="field-error"' in r.text
    api = c.get("/api/due?period=20wd&date=2026-03-02&calendar=cn-nx").json()
    assert api["due"] == "2026-03-30" and api["steps"]


def test_due_form_answers_a_rule_as_the_command_line_does(db: Path) -> None:
    c = client(db, "clerk-a")
    html = c.get("/due?period=credit.small-loan&direction=from&date=2026-03-02").text
    assert "1000万元及以下授信和贷款流程时限" in html and "2026-03-30 星期一" in html
    api = c.get("/api/due?period=credit.small-loan&date=2026-03-02").json()
    result = CliRunner().invoke(
        main, ["due", "credit.small-loan", "--from", "2026-03-02", "--json", "--lang", "zh"]
    )
    assert result.exit_code == 0
    # the same answer, its words (steps, condition, weekday, period) in the same language
    assert api == json.loads(result.output)
    assert api["rule"] == "credit.small-loan" and api["due"] == "2026-03-30"
    r = c.get("/due?period=no such words at all&date=2026-03-02")
    assert r.status_code == 400 and "rules list" in r.text


def test_calendar_page_marks_the_spring_festival_and_its_make_up_days(db: Path) -> None:
    html = client(db, "clerk-a").get("/calendar?month=2026-02&calendar=cn").text
    # 2026 春节: 15-23 February off, Saturdays 14 and 28 February worked
    assert len(re.findall(r'class="day-holiday"', html)) == 9
    assert len(re.findall(r'class="day-makeup"', html)) == 2
    assert client(db, "clerk-a").get("/calendar?month=2026-13").status_code == 400


def test_calendar_page_says_sources_and_holiday_names_in_the_pages_language_only(
    db: Path,
) -> None:
    """May 2026 on cn-nx: 劳动节 1-5 May off, Saturday 9 May worked (国办发明电〔2025〕7号 of
    2025-11-04); 古尔邦节 27-28 May off in Ningxia (宁政办发〔2025〕36号, graded low)."""
    c = client(db, "clerk-a")
    zh = c.get("/calendar?month=2026-05&calendar=cn-nx").text
    for internal in ("Phrase(", "Joined(", "Texts("):
        assert internal not in zh
    assert "国办发明电〔2025〕7号(2025-11-04 发布)" in zh
    assert "宁政办发〔2025〕36号(未经核实" in zh and "(低)" in zh
    assert "2026-05-27 地区假日: 古尔邦节<" in zh.replace("</li>", "<")
    for english in ("Labour Day", "Eid al-Adha", "chinese-calendar 1.11.0 with"):
        assert english not in zh
    assert c.get("/lang/en", follow_redirects=False).status_code == 303
    en = c.get("/calendar?month=2026-05&calendar=cn-nx").text
    assert "Phrase(" not in en and "Joined(" not in en
    assert "国办发明电〔2025〕7号 of 2025-11-04" in en and "(low)" in en
    assert ": Labour Day<" in en.replace("</li>", "<") and "Eid al-Adha" in en
    assert "劳动节" not in en and "古尔邦节" not in en


def test_english_switch(db: Path) -> None:
    c = client(db, "clerk-a")
    r = c.get("/lang/en?next=/cases/L-1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/cases/L-1"
    html = c.get("/cases/L-1").text
    assert "14 working days left" in html and "Mon" in html
    assert "剩余" not in html


def test_english_case_page_explains_in_english(db: Path) -> None:
    c = client(db, "clerk-a")
    c.get("/lang/en?next=/cases/L-1")
    html = c.get("/cases/L-1").text
    assert "working day" in html
    assert "起算日" not in html and "计入的工作日" not in html  # the Chinese explanation steps
    steps = c.get("/api/cases/L-1").json()["next"]["steps"]
    assert steps and not any("起算日" in s for s in steps)


def test_a_bare_period_on_the_due_form_counts_on_the_plans_calendar_as_the_cli_does(
    db: Path,
) -> None:
    """5 working days from Mon 2026-05-25. Ningxia rests on 古尔邦节 5/27-28 (Wed-Thu): 5/26,
    5/29, 6/1, 6/2, 6/3 -> 06-03, as `deadlines due 5wd --from 2026-05-25` answers; nationally
    (cn) it would be 5/26-5/29 and 6/1 -> 06-01."""
    c = client(db, "clerk-a")
    answer = c.get("/api/due?period=5wd&date=2026-05-25").json()
    assert answer["due"] == "2026-06-03", answer
    national = c.get("/api/due?period=5wd&date=2026-05-25&calendar=cn").json()
    assert national["due"] == "2026-06-01"


def test_logout_needs_the_token_and_ends_the_session(db: Path) -> None:
    c = client(db, "clerk-a")
    assert c.post("/logout", data={"csrf": "forged"}).status_code == 403
    token = csrf_of(c.get("/today").text)
    c.post("/logout", data={"csrf": token})
    assert c.get("/api/cases/L-1").status_code == 401


# --- accounts on the command line ---------------------------------------------------------------
def test_user_add_reads_the_password_from_stdin_and_refuses_bad_input(db: Path) -> None:
    def add(*args: str, password: str = "long enough pw\n") -> tuple[int, str]:
        r = CliRunner().invoke(main, ["user", "add", *args, "--db", str(db)], input=password)
        return r.exit_code, r.output

    assert add("clerk-c", "--unit", UNIT_B, "--role", "clerk") == (
        0,
        f"added clerk clerk-c ({UNIT_B})\n",
    )
    assert (
        client(db)
        .post("/api/login", json={"username": "clerk-c", "password": "long enough pw"})
        .status_code
        == 200
    )
    with sqlite3.connect(db) as conn:
        (digest,) = conn.execute(
            "SELECT password_hash FROM users WHERE name = 'clerk-c'"
        ).fetchone()
    assert digest.startswith("$argon2id$") and "long enough" not in digest
    code, out = add("clerk-d", "--unit", UNIT_B, "--role", "clerk", password="short\n")
    assert code == 1 and out == "Error: the password has 5 characters; accepted: at least 8\n"
    code, out = add("clerk-a", "--unit", UNIT_A, "--role", "clerk")
    assert code == 1 and "already exists" in out
    code, out = add("clerk-e", "--role", "clerk")
    assert code == 1 and "needs --unit" in out
    code, out = add("x", "--role", "king")
    assert code == 2 and "'king' is not one of" in out


def test_an_older_store_gains_the_account_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_store(path, create=True, upgrade_to=4).close()
    with open_store(path) as store:
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"users", "sessions", "writes"} <= tables


def test_a_store_that_cannot_be_opened_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    c = client(tmp_path / "gone.db")
    r = c.get("/api/remind?lang=en")
    assert r.status_code == 503 and r.json()["error"].startswith("no store at")
    r = c.get("/api/remind")  # Chinese unless English is asked for
    assert r.status_code == 503 and r.json()["error"].endswith(
        "gone.db 处没有存储：请运行 `deadlines init`(或给出 --db / DEADLINES_DB)"
    )
    r = c.get("/today")
    assert r.status_code == 503 and "Traceback" not in r.text and len(r.text.splitlines()) == 1


def test_user_add_and_list_speak_the_runs_language(db: Path) -> None:
    def run(*args: str, password: str = "long enough pw\n") -> tuple[int, str, str]:
        r = CliRunner().invoke(main, ["user", *args, "--db", str(db)], input=password)
        return r.exit_code, r.stdout, r.stderr

    assert run("add", "clerk-z", "--unit", "别处", "--role", "clerk", "--lang", "zh") == (
        0,
        "已添加经办人 clerk-z(别处)\n",
        "提示：还没有哪个案件的责任单位是 '别处'；请检查拼写\n",
    )
    code, _, err = run("add", "clerk-y", "--role", "clerk", "--lang", "zh")
    assert (code, err) == (1, "错误：经办人需要 --unit：其负责案件的责任单位\n")
    code, _, err = run(
        "add", "clerk-y", "--unit", "u", "--role", "clerk", "--lang", "zh", password="short\n"
    )
    assert (code, err) == (1, "错误：密码只有 5 个字符；至少需要 8 个\n")
    code, out, _ = run("list", "--lang", "zh")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["用户名", "角色", "责任单位"], out
    assert "clerk-z  经办人    别处" in out, out
    assert (
        list(english_words(out, known_ids() | {"boss", "clerk-a", "clerk-b", "clerk-z"})) == []
    ), out
    code, out, _ = run("list", "--lang", "en")
    assert code == 0 and out.splitlines()[0].split() == ["NAME", "ROLE", "UNIT"]
    assert "clerk-z  clerk       别处" in out, out
    code, out, _ = run("list", "--json")
    assert {"name": "clerk-z", "role": "clerk", "unit": "别处"} in json.loads(out)


def test_the_api_answers_in_the_language_asked_for(db: Path) -> None:
    """Chinese by default; English with ?lang=en or after the pages' switch (/lang/en): the
    API's own refusals, the body checks and an event refused by the store alike."""
    zh, en = client(db, "clerk-a"), client(db, "clerk-a")
    en.get("/lang/en?next=/cases/L-1")
    refused = {"type": "loan.application-received", "on": "2026-03-04"}
    for c, lang in ((zh, "zh"), (en, "en"), (client(db, "clerk-a"), "en?")):
        q = "?lang=en" if lang == "en?" else ""
        said = {
            "event": c.post(f"/api/cases/L-1/events{q}", json=refused).json()["error"],
            "body": c.post(f"/api/cases/L-1/events{q}", content=b"[1]", headers=JSON).json()[
                "error"
            ],
            "type": c.post(f"/api/cases/L-1/events{q}", content=b"{}").json()["error"],
            "case": c.get(f"/api/cases/NO-1{q}").json()["error"],
            "date": c.get(f"/api/remind{q}{'&' if q else '?'}as_of=2026-02-30").json()["error"],
        }
        if lang == "zh":
            assert said["event"].startswith("案件 L-1 已有 loan.application-received"), said
            assert said["body"] == "正文必须是 JSON 对象"
            assert said["type"] == "请以 JSON 发送正文，并带上 Content-Type: application/json"
            assert said["case"] == "没有案件 'NO-1'"
            assert (
                said["date"] == "'2026-02-30' 不是真实存在的日期；应为 YYYY-MM-DD，例如 2026-02-14"
            )
            words = [w for s in said.values() for w in english_words(s, API_CODES)]
            assert words == [], said
        else:
            assert "already has loan.application-received" in said["event"], said
            assert said["body"] == "the body must be a JSON object"
            assert said["case"] == "no case 'NO-1'"
            assert said["date"].startswith("'2026-02-30' is not a real date (")
            assert not any(CJK.search(s) for s in said.values()), said
    logged_out = client(db).get("/api/cases/L-1?lang=en").json()["error"]
    assert logged_out.startswith("log in first: POST /api/login")
    assert client(db).get("/api/cases/L-1").json()["error"].startswith("请先登录")


JSON = {"Content-Type": "application/json"}
API_CODES = known_ids() | {"JSON", "Content-Type", "application/json", "YYYY-MM-DD", "ISO"}
CJK = re.compile(r"[\u4e00-\u9fff]")
