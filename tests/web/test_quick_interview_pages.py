"""The quick interview pages: a full 5-question interview through the forms, errors and escaping."""

from __future__ import annotations

from interview_coach.content import load_content
from interview_coach.services import quick_interview as quick
from testkit import csrf_token, post_form


def _question_ref(app, user_id: int, interview_id: int) -> str:
    with app.app_context():
        interview = quick.get(user_id, interview_id)
        return interview.questions[quick.next_index(interview)]["ref"]


def _interview_id(response) -> int:
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])


def test_a_full_technical_interview_through_the_forms(app, logged_in):
    """Start from the form, answer five questions one page at a time, then read the result page."""
    client, user_id = logged_in
    page = client.get("/interviews").get_data(as_text=True)
    assert "Start the interview" in page and "DBMS" in page and "Teamwork" in page
    started = post_form(client, "/interviews", {"kind": "technical", "length": "5", "topics": ["OS"]})
    assert started.status_code == 302
    iid = _interview_id(started)
    for number in range(1, 6):
        html = client.get(f"/interviews/{iid}").get_data(as_text=True)
        assert f"Question {number} of 5" in html and "OS" in html
        ref = _question_ref(app, user_id, iid)
        response = post_form(client, f"/interviews/{iid}/answers",
                             {"index": str(number - 1), "answer": load_content().question(ref).reference_answer},
                             page=f"/interviews/{iid}")
        assert response.status_code == 302
    result = client.get(f"/interviews/{iid}").get_data(as_text=True)
    assert "Score: " in result and "<meter" in result and "Verdict:" in result
    assert "<strong>Best answer:</strong> question" in result and result.count("<summary>Model answer") == 5
    listing = client.get("/interviews").get_data(as_text=True)
    assert "See result" in listing and "Finished" in listing


def test_a_refused_answer_keeps_the_typed_text(app, logged_in):
    """An empty answer shows an error; a too-long one is refused and the typed text is still there."""
    client, _ = logged_in
    iid = _interview_id(post_form(client, "/interviews", {"kind": "behavioural", "length": "5"}))
    empty = post_form(client, f"/interviews/{iid}/answers", {"index": "0", "answer": "  "}, page=f"/interviews/{iid}")
    assert empty.status_code == 422 and "Write an answer before sending it." in empty.get_data(as_text=True)
    draft = "My draft story about <b>the outage</b> " + "x" * quick.MAX_ANSWER_CHARS
    long = post_form(client, f"/interviews/{iid}/answers", {"index": "0", "answer": draft}, page=f"/interviews/{iid}")
    html = long.get_data(as_text=True)
    assert long.status_code == 422 and "My draft story about &lt;b&gt;the outage&lt;/b&gt;" in html
    assert "<b>the outage</b>" not in html


def test_answers_and_feedback_are_escaped(app, logged_in):
    """Markup in answers shows as text on the result page, in the answer and in the written feedback."""
    client, user_id = logged_in
    iid = _interview_id(post_form(client, "/interviews", {"kind": "behavioural", "length": "5"}))
    attack = ('<script>alert(1)</script> [click](javascript:alert(1)) ![x](http://evil.example/x.png) '
              'Last year I led a migration and I wrote the plan. As a result we cut costs by 30%.')
    for index in range(5):
        response = post_form(client, f"/interviews/{iid}/answers", {"index": str(index), "answer": attack},
                             page=f"/interviews/{iid}")
        assert response.status_code == 302
    html = client.get(f"/interviews/{iid}").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "<img" not in html and "<a href=\"http://evil" not in html


def test_a_conflicting_answer_is_explained(app, logged_in):
    """Answering out of order redirects back with the reason; a broken question number is explained."""
    client, _ = logged_in
    iid = _interview_id(post_form(client, "/interviews", {"kind": "technical", "length": "5"}))
    response = post_form(client, f"/interviews/{iid}/answers", {"index": "3", "answer": "skipping ahead"},
                         page=f"/interviews/{iid}", follow_redirects=True)
    assert "Answer question 1 first" in response.get_data(as_text=True)
    broken = post_form(client, f"/interviews/{iid}/answers", {"index": "abc", "answer": "my answer"},
                       page=f"/interviews/{iid}")
    html = broken.get_data(as_text=True)
    assert broken.status_code == 422 and "Choose a question between 0 and 4" in html and "my answer" in html


def test_other_users_interview_is_404_and_delete_works(app, logged_in, make_user):
    """Another user's interview is a 404; deleting your own removes it from the list."""
    client, _ = logged_in
    other = make_user("bob")
    with app.app_context():
        foreign = quick.start(other, "technical", 5).id
    assert client.get(f"/interviews/{foreign}").status_code == 404
    iid = _interview_id(post_form(client, "/interviews", {"kind": "technical", "length": "10"}))
    token = csrf_token(client, f"/interviews/{iid}")
    assert client.post(f"/interviews/{iid}/delete", data={"csrf_token": token}).status_code == 302
    assert client.get(f"/interviews/{iid}").status_code == 404


def test_invalid_start_choice_shows_the_form_again(app, logged_in):
    """A length other than 5 or 10 re-shows the form with an error."""
    client, _ = logged_in
    response = post_form(client, "/interviews", {"kind": "technical", "length": "7"})
    assert response.status_code == 422 and "Start the interview" in response.get_data(as_text=True)
