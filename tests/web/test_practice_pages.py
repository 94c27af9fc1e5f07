"""The practice pages: start, answer (plain post and htmx), errors, summary, dashboard, history, retry."""

from __future__ import annotations

import html
import re

import pytest

from interview_coach.content import load_content
from interview_coach.extensions import db
from interview_coach.models import AdaptiveInterviewSession, QuestionHistory, UserMastery
from testkit import csrf_token, login, post_form

QID_RE = re.compile(r'name="question_id" value="(\d+)"')
QTEXT_RE = re.compile(r'<h2 id="question-text"[^>]*>(.*?)</h2>', re.S)


def _start(client, topics=("DBMS",)) -> str:
    response = post_form(client, "/practice", {"topics": list(topics)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[-1]


def _question(client, sid: str) -> tuple[int, str]:
    page = client.get(f"/practice/{sid}").get_data(as_text=True)
    return int(QID_RE.search(page).group(1)), html.unescape(QTEXT_RE.search(page).group(1))


def _next(client, sid: str) -> None:
    """Ask for the next question as the result page's button does (serving a question is a POST)."""
    assert post_form(client, f"/practice/{sid}/next", {}, page=f"/practice/{sid}").status_code == 302


def _reference(question_text: str) -> str:
    return next(q.reference_answer for q in load_content().questions if q.question == question_text)


def _answer(client, sid: str, qid: int, text: str, htmx: bool = False):
    data = {"question_id": str(qid), "answer": text}
    if htmx:
        token = csrf_token(client, f"/practice/{sid}")
        return client.post(f"/practice/{sid}/answer", data={**data, "csrf_token": token},
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    return post_form(client, f"/practice/{sid}/answer", data, page=f"/practice/{sid}")


def _answer_well(client, sid: str):
    qid, text = _question(client, sid)
    response = _answer(client, sid, qid, _reference(text))
    assert response.status_code == 302
    return qid, text


def _row(app, qid: int) -> QuestionHistory:
    with app.app_context():
        return db.session.get(QuestionHistory, qid)


def test_start_form_opens_a_session_on_the_first_question(logged_in):
    """Ticking DBMS and starting shows question 1 on DBMS with why it was chosen and a labelled textarea."""
    client, _ = logged_in
    sid = _start(client)
    page = client.get(f"/practice/{sid}").get_data(as_text=True)
    assert "Question 1" in page and "DBMS" in page
    assert "Why this question:" in page and "New concept" in page
    assert '<label for="answer">Your answer</label>' in page and 'maxlength="20000"' in page
    assert 'hx-post="/practice/' in page and 'aria-live="polite"' in page


def test_coach_choose_starts_a_session_without_topics(app, logged_in):
    """"Let the coach choose" ignores ticked boxes and leaves the topics to the coach."""
    client, user_id = logged_in
    response = post_form(client, "/practice", {"topics": ["OS"], "coach": "1"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.query(AdaptiveInterviewSession).one().requested_topics is None


def test_plain_post_answer_redirects_to_its_result(app, logged_in):
    """Without JS, an answer posts, redirects, and the result page shows scores and the model answer; a
    complete answer gets no hint."""
    client, _ = logged_in
    sid = _start(client)
    qid, text = _question(client, sid)
    reference = _reference(text)
    response = _answer(client, sid, qid, reference)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/practice/{sid}/answers/{qid}")
    page = html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    row = _row(app, qid)
    assert "Your result" in page and f'value="{row.semantic_score:.2f}"' in page
    assert "Semantic (meaning)" in page and "Keywords (concepts)" in page and "<meter" in page
    assert "Model answer" in page and reference in page and "Hint for next time" not in page
    assert "Nothing missing" in page and "Next question" in page and "End session" in page


def test_htmx_answer_swaps_in_a_result_fragment_with_missing_concepts(app, logged_in):
    """An htmx answer that misses the key concepts gets a fragment naming them, with the model answer."""
    client, _ = logged_in
    sid = _start(client)
    qid, text = _question(client, sid)
    response = _answer(client, sid, qid, "I think it depends on the database and how the tables were designed.",
                       htmx=True)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200 and "<html" not in page
    row = _row(app, qid)
    missing = [load_content().concept(c).name for c in row.missing_concepts]
    assert missing and all(name in page for name in missing)
    assert f"{row.keyword_score:.2f}" in page and "Model answer" in page and _reference(text) in page
    assert 'autofocus' in page and "Next question" in page


def test_empty_answer_is_refused_and_nothing_is_stored(app, logged_in):
    """A blank answer shows the error on the same question and stores nothing."""
    client, _ = logged_in
    sid = _start(client)
    qid, text = _question(client, sid)
    response = _answer(client, sid, qid, "   ")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "Write an answer before sending it." in page and text in page
    assert _row(app, qid).answer is None


def test_second_answer_shows_the_conflict_and_keeps_the_typed_text(app, logged_in):
    """Answering an already answered question (another tab) says so and gives the text back, plain or htmx."""
    client, _ = logged_in
    sid = _start(client)
    qid, _ = _answer_well(client, sid)
    first = _row(app, qid).answer
    response = _answer(client, sid, qid, "My second tab's careful answer <b>with tags</b>")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "already been answered" in page and "My second tab&#39;s careful answer &lt;b&gt;with tags&lt;/b&gt;" in page
    response = _answer(client, sid, qid, "Typed in a third tab", htmx=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "<html" not in page
    assert "already been answered" in page and "Typed in a third tab</textarea>" in page
    assert _row(app, qid).answer == first


def test_answer_after_the_session_ended_keeps_the_text(logged_in):
    """An answer sent after End is refused with a clear message and the text stays in the textarea."""
    client, _ = logged_in
    sid = _start(client)
    qid, _ = _question(client, sid)
    token = csrf_token(client, f"/practice/{sid}")
    client.post(f"/practice/{sid}/end", data={"csrf_token": token})
    response = client.post(f"/practice/{sid}/answer", data={"csrf_token": token, "question_id": str(qid),
                                                             "answer": "Late but thoughtful"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "This practice session has ended" in page and "Late but thoughtful</textarea>" in page


def test_next_question_over_htmx_returns_question_two(logged_in):
    """After an answer, "Next question" (htmx) swaps in question 2 with a fresh form."""
    client, _ = logged_in
    sid = _start(client)
    qid, _ = _answer_well(client, sid)
    token = csrf_token(client, f"/practice/{sid}/answers/{qid}")
    response = client.post(f"/practice/{sid}/next", data={"csrf_token": token},
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in page
    assert "Question 2" in page and int(QID_RE.search(page).group(1)) != qid


def test_end_shows_the_summary_with_computed_fields(app, logged_in):
    """Ending after two answers shows the stored, computed summary: counts, scores, velocity, attention."""
    client, _ = logged_in
    sid = _start(client)
    _answer_well(client, sid)
    _next(client, sid)
    qid, _ = _question(client, sid)
    assert _answer(client, sid, qid, "A database index, I am not sure about the rest.").status_code == 302
    token = csrf_token(client, f"/practice/{sid}")
    response = client.post(f"/practice/{sid}/end", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/practice/{sid}/summary")
    page = html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    with app.app_context():
        s = db.session.query(AdaptiveInterviewSession).filter_by(session_id=sid).one()
        assert s.end_time is not None and s.questions_asked == 2
        expected = [f"{s.overall_score:.2f}", f"{s.avg_semantic:.2f}", f"{s.avg_keyword:.2f}",
                    f"<strong>{s.learning_velocity:+.2f}</strong> per question", f"<strong>{round(s.attention_score * 100)}%</strong>"]
    assert "<dt>Questions answered</dt><dd>2</dd>" in page and "DBMS" in page
    assert all(value in page for value in expected), expected
    assert "Learning velocity" in page and "Attention" in page and page.count("/history/") == 2


def test_dashboard_after_answers_has_mastery_and_an_svg_chart(app, logged_in):
    """After answers, /progress shows the topic's mastery, the SVG chart with tooltips and the data table."""
    client, user_id = logged_in
    sid = _start(client)
    _answer_well(client, sid)
    _next(client, sid)
    _answer_well(client, sid)
    page = client.get("/progress").get_data(as_text=True)
    with app.app_context():
        m = db.session.query(UserMastery).filter_by(user_id=user_id, topic="DBMS").one()
        pct = f"{round(m.mastery_level * 100)}%"
    row = re.search(r'<tr data-topic="DBMS">(.*?)</tr>', page, re.S).group(1)
    assert pct in row and "<td>2</td>" in row
    assert '<svg viewBox="0 0 720 320"' in page and "<title>DBMS, " in page and f": {pct}</title>" in page
    assert "Date (UTC)" in page and "Mastery over time, by topic" in page
    assert "✓ mastered" in page and "◐" in page and "ongoing" in page


def test_history_lists_filters_drills_down_and_retries(app, logged_in):
    """History lists the answer, the topic filter hides it, the drill-down shows it, and retry serves it again."""
    client, _ = logged_in
    sid = _start(client)
    qid, text = _answer_well(client, sid)
    listing = html.unescape(client.get("/history").get_data(as_text=True))
    assert text in listing and f"/history/{qid}" in listing
    assert text not in html.unescape(client.get("/history?topic=OS").get_data(as_text=True))
    detail = html.unescape(client.get(f"/history/{qid}").get_data(as_text=True))
    assert _reference(text) in detail and "Model answer" in detail and "Why these scores" in detail
    response = post_form(client, f"/history/{qid}/retry", {}, page=f"/history/{qid}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/practice/{sid}")
    again = html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert text in again and "Due for review" in again


def test_answers_are_escaped_everywhere(logged_in):
    """Markup in an answer is shown as text on the result and history pages, never run."""
    client, _ = logged_in
    sid = _start(client)
    qid, _ = _question(client, sid)
    _answer(client, sid, qid, '<script>alert("x")</script> rows are normalised')
    for url in (f"/practice/{sid}/answers/{qid}", f"/history/{qid}"):
        page = client.get(url).get_data(as_text=True)
        assert "&lt;script&gt;alert" in page and '<script>alert' not in page


def test_pages_have_no_inline_script_or_style(logged_in):
    """No page uses inline script, style attributes or event handlers (the CSP would block them)."""
    client, _ = logged_in
    sid = _start(client)
    qid, _ = _answer_well(client, sid)
    for url in ("/home", "/practice", f"/practice/{sid}/answers/{qid}", f"/practice/{sid}/summary",
                "/progress", "/history", f"/history/{qid}"):
        page = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert not re.search(r"\sstyle=|\son[a-z]+=", page), url


def test_home_offers_practice_and_a_progress_glance(logged_in):
    """The signed-in home page starts practice and, after an answer, shows mastery, streak and weakest topic."""
    client, _ = logged_in
    page = client.get("/home").get_data(as_text=True)
    assert "Let the coach choose" in page and "will appear here" not in page
    sid = _start(client)
    _answer_well(client, sid)
    page = client.get("/home").get_data(as_text=True)
    assert "Overall mastery" in page and "<dt>Day streak</dt><dd>1 day</dd>" in page
    assert "<dt>Weakest topic</dt><dd>DBMS" in page and "Resume" in page


@pytest.mark.parametrize("url", ["/practice/{sid}", "/practice/{sid}/summary", "/history/{qid}"])
def test_another_users_session_and_answers_are_404(app, client, make_user, url):
    """Another user's session, summary and answer are a 404 page, never their data."""
    from interview_coach.services import practice

    owner = make_user("owner")
    with app.app_context():
        sid = practice.start_session(owner, ["OS"]).session_id
        qid = practice.next_question(owner, sid).id
    make_user("intruder")
    login(client, "intruder")
    response = client.get(url.format(sid=sid, qid=qid))
    assert response.status_code == 404 and "Not found" in response.get_data(as_text=True)
    posted = post_form(client, f"/practice/{sid}/answer", {"question_id": str(qid), "answer": "mine now"},
                       page="/practice")
    assert posted.status_code == 404 and _row(app, qid).answer is None


def test_chart_tells_series_apart_without_colour(app, logged_in):
    """Two topics over three days: lines with different dashes, different marker shapes, a legend and a table."""
    from datetime import timedelta

    from interview_coach.models import MasterySnapshot, utcnow

    client, user_id = logged_in
    today = utcnow().date()
    with app.app_context():
        for topic in ("DBMS", "OS"):
            for days_ago, score in ((2, 0.3), (1, 0.5), (0, 0.8)):
                db.session.add(MasterySnapshot(user_id=user_id, topic=topic, day=today - timedelta(days=days_ago),
                                               mastery_level=score))
        db.session.commit()
    page = client.get("/progress").get_data(as_text=True)
    chart = re.search(r'<figure class="chart".*?</figure>', page, re.S).group(0)
    assert chart.count('<path d="M') == 4  # two lines and two legend samples
    assert 'stroke-dasharray="8 4"' in chart and "<circle" in chart and "<polygon" in chart
    assert chart.count("<title>DBMS, ") == 3 and chart.count("<title>OS, ") == 3
    assert re.search(r'<ul class="chart-legend".*DBMS.*OS', chart, re.S)
    assert chart.count('<th scope="row">') == 3 and "Mastery" in chart and "Date (UTC)" in chart


def test_reading_the_session_page_never_serves_a_question(app, logged_in):
    """After an answer, reloading the session page serves nothing (no new question row, the same page);
    only the "Next question" button (a POST) serves question 2."""
    client, user_id = logged_in
    sid = _start(client)
    _answer_well(client, sid)
    with app.app_context():
        served = db.session.query(QuestionHistory).filter_by(user_id=user_id).count()
    for _ in range(2):
        page = client.get(f"/practice/{sid}").get_data(as_text=True)
        assert "Ready for a question" in page and 'action="/practice/' in page and 'name="question_id"' not in page
    with app.app_context():
        assert db.session.query(QuestionHistory).filter_by(user_id=user_id).count() == served == 1
    _next(client, sid)
    assert "Question 2" in client.get(f"/practice/{sid}").get_data(as_text=True)


def test_answer_naming_every_concept_wrongly_shows_them_named_but_wrong(app, logged_in):
    """An answer made of each key concept's common misconception names every concept and states none: the
    page shows them as named but not explained correctly, with the answer's words and why, and no ✓."""
    client, _ = logged_in
    sid = _start(client)
    qid, text = _question(client, sid)
    bank = load_content()
    question = next(q for q in bank.questions if q.question == text)
    concepts = bank.concepts_of(question)
    wrong = " ".join(c.misconceptions[0] for c in concepts)
    response = _answer(client, sid, qid, wrong)
    page = html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Not counted as correct yet" in page and "None of the key concepts yet" in page
    for concept in concepts:
        assert f"{concept.name}: named but not explained correctly" in page
    assert concepts[0].misconceptions[0].rstrip(".") in page and "you named" in page
