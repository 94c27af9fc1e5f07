"""The CV + job-description mock interview through the JSON API, checked against the OpenAPI document."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "unit" / "interviewer" / "fixtures"
JOB = (FIXTURES / "sre_job.txt").read_text()
CV = (FIXTURES / "sre_cv.txt").read_text()
ANSWER = ("In my last role I owned the Kubernetes platform and the on-call rotation. I wrote the Terraform for "
          "three clusters, set up Prometheus alerts with clear runbooks, and I ran the incident reviews. As a "
          "result pages fell by 60% in six months and our availability rose from 99.5% to 99.95%.")


def _other_headers(app, make_user):
    from interview_coach.services import tokens

    user_id = make_user("mallory", "mallory@example.com")
    with app.app_context():
        _, secret = tokens.create_token(user_id, "other")
    return {"Authorization": f"Bearer {secret}"}


def test_complete_interview_through_the_api(call, client, app, api_token, make_user):
    """Create, add documents, start, answer 8 questions, get feedback once, export, delete."""
    headers, _ = api_token
    base = "/api/v1/mock-interviews"
    assert call("POST", base, headers=headers, json={"job_title": "", "company_name": "Acme"}).status_code == 422
    created = call("POST", base, headers=headers, json={"job_title": "Site Reliability Engineer",
                                                        "company_name": "Nimbus"})
    assert created.status_code == 201
    iid = created.get_json()["id"]
    assert created.get_json()["ready"] is False
    assert call("POST", f"{base}/{iid}/start", headers=headers).status_code == 422
    short = call("PUT", f"{base}/{iid}/documents", headers=headers, json={"job_description_text": "Too short."})
    assert short.status_code == 422
    ready = call("PUT", f"{base}/{iid}/documents", headers=headers,
                 json={"cv_text": CV, "job_description_text": JOB}).get_json()
    assert ready["ready"] is True and ready["started"] is False
    started = call("POST", f"{base}/{iid}/start", headers=headers).get_json()
    assert started["progress"] == "Question 1 of 8" and [m["role"] for m in started["messages"]] == ["assistant"]
    assert call("POST", f"{base}/{iid}/feedback", headers=headers).status_code == 409

    other = _other_headers(app, make_user)
    assert call("GET", f"{base}/{iid}", headers=other).status_code == 404
    assert call("POST", f"{base}/{iid}/answers", headers=other, json={"answer": ANSWER}).status_code == 404

    state = started
    seen = [state["question_number"]]
    while not state["complete"]:
        state = call("POST", f"{base}/{iid}/answers", headers=headers, json={"answer": ANSWER}).get_json()
        seen.append(state["question_number"])
    assert seen == [1, 2, 3, 4, 5, 6, 7, 8, 8] and state["progress"] == "Question 8 of 8"
    assert [m["role"] for m in state["messages"]] == ["assistant", "user"] * 8
    refused = call("POST", f"{base}/{iid}/answers", headers=headers, json={"answer": ANSWER})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "interview_complete"

    feedback = call("POST", f"{base}/{iid}/feedback", headers=headers).get_json()
    assert 1 <= feedback["interview_score"] <= 10 and feedback["strengths"] and feedback["cv_improvements"]
    notes = feedback["annotations"]
    covered = sorted([n["number"] for n in notes] + [f["number"] for n in notes for f in n["follow_ups"]])
    assert covered == list(range(1, 9))  # every question of the transcript, follow-ups inside their question
    assert all(n["answer"].startswith(ANSWER) and 1 <= n["mark"] <= 10 and n["notes"] for n in notes)
    assert call("POST", f"{base}/{iid}/feedback", headers=headers).get_json() == feedback
    assert call("GET", f"{base}/{iid}", headers=headers).get_json()["feedback"] == feedback

    listed = call("GET", base, headers=headers).get_json()
    assert [(i["id"], i["message_count"], i["questions_asked"]) for i in listed] == [(iid, 16, 8)]

    spec = client.get("/api/v1/openapi.json").get_json()
    documented = spec["paths"][f"{base}/{{interview_id}}/transcript"]["get"]["responses"]["200"]["content"]
    assert "text/markdown" in documented
    transcript = client.get(f"{base}/{iid}/transcript", headers=headers)
    assert transcript.status_code == 200 and transcript.mimetype == "text/markdown"
    text = transcript.get_data(as_text=True)
    assert "# Mock interview: Site Reliability Engineer at Nimbus" in text and "## Feedback" in text
    assert text.count("**Candidate:**") == 8
    assert client.get(f"{base}/{iid}/transcript", headers=other).status_code == 404

    assert call("DELETE", f"{base}/{iid}", headers=other).status_code == 404
    assert call("DELETE", f"{base}/{iid}", headers=headers).status_code == 204
    assert call("GET", f"{base}/{iid}", headers=headers).status_code == 404
    assert call("GET", base, headers=headers).get_json() == []


def test_profile_resume_through_the_api(call, app, api_token):
    """use_profile_resume without a stored résumé is refused (409: the account's state) with the field named."""
    headers, _ = api_token
    iid = call("POST", "/api/v1/mock-interviews", headers=headers,
               json={"job_title": "SRE", "company_name": "Nimbus"}).get_json()["id"]
    response = call("PUT", f"/api/v1/mock-interviews/{iid}/documents", headers=headers,
                    json={"use_profile_resume": True})
    assert response.status_code == 409
    assert "use_profile_resume" in response.get_json()["error"]["details"]["fields"]
