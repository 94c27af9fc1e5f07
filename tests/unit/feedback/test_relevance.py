"""Does the answer address the question asked? Labelled on- and off-topic answers to technical and
behavioural questions, through the real embedding model; and what an answer that does not fit earns."""

from __future__ import annotations

import pytest
from feedback_personas import JOB, STRONG, turns

from interview_coach.engine.feedback import AnsweredTurn, interview_score, review_answers

TECH = "What is the difference between a process and a thread, and when would you use each?"
BEHAV = "Tell me about a time you disagreed with a colleague about a technical decision. How did you handle it?"
STORY = ("Last year at Parcelio our finance team wanted refunds processed the same day. I led the work: I mapped "
         "the refund flow with the finance lead, I wrote a small Flask service that reconciled payments every "
         "night and I added alerts for failed refunds. Within two months refunds went from five days to one, "
         "and complaints about refunds fell by 60%. I learned to agree on the measure of success before starting.")

# (question, answer, addresses the question?)
LABELLED = [
    (TECH, "A process has its own address space, while threads of one process share memory, so threads are cheaper "
           "to create and switch but need locks. I use processes for isolation or CPU-bound work in Python, and "
           "threads for I/O-bound work such as many network calls.", True),
    (TECH, "Threads share the memory of their process and processes do not; I would use threads when tasks wait "
           "on I/O and processes when one crash must not take the others down.", True),
    (TECH, "On Sundays I bake sourdough bread: I feed the starter the night before, let the dough rise slowly in "
           "the fridge and bake it in a very hot oven so the crust crackles when it cools.", False),
    (TECH, STORY, False),  # a polished work story that never says what a process or a thread is
    (BEHAV, "At Parcelio a colleague wanted to move the order API to GraphQL and I disagreed because the mobile "
            "teams relied on the REST clients. I asked for a one-week spike, we measured both on two real screens "
            "and agreed to keep REST and add one aggregated endpoint. We still work well together.", True),
    (BEHAV, "A teammate and I disagreed on whether to cache product prices. I listened to her concerns about stale "
            "data, we wrote down the trade-offs together and chose a five-minute expiry, which our lead approved.",
     True),
    (BEHAV, "My favourite holiday was a week of walking in the Dolomites, staying in mountain huts and eating polenta "
            "every evening; I would recommend going in September when the paths are quiet.", False),
    (BEHAV, "I support my local football club and this season we finally fixed the defence after signing a new "
            "centre back, so we have only lost twice at home and the stadium is full every week.", False),
]


@pytest.fixture(scope="module")
def reviews():
    kinds = {TECH: "technical", BEHAV: "behavioural"}
    return [review_answers([AnsweredTurn(kinds[q], q, a)], JOB)[0] for q, a, _ in LABELLED]


@pytest.mark.parametrize("index", range(len(LABELLED)))
def test_each_labelled_answer_is_judged_on_or_off_topic(reviews, index):
    """Every answer that addresses its question is on-topic; every one about something else is not."""
    question, answer, on_topic = LABELLED[index]
    assert reviews[index].off_topic is (not on_topic), (reviews[index].cosine, answer[:60])


def test_off_topic_answers_earn_the_floor_and_on_topic_ones_do_not(reviews):
    """An answer that does not address the question earns 0, as an empty one does, however fluent."""
    for (_, _, on_topic), review in zip(LABELLED, reviews):
        assert (review.quality > 0.2) if on_topic else (review.quality == 0), review
    assert any("drifts from the question" in n for r in reviews if r.off_topic for n in r.notes_bad)


def test_a_short_hedged_answer_is_vague_not_off_topic():
    """"It was fine, I guess" says too little to be about something else: it is weak, and scores above 0."""
    review = review_answers([AnsweredTurn("deep_dive", "Walk me through how you designed the order API.",
                                          "It was fine, we did it as a team I guess.")], JOB)[0]
    assert not review.off_topic and not review.empty and review.quality < 0.2
    joined = review_answers([AnsweredTurn("deep_dive", "Walk me through how you designed the order API.",
                                          "It was fine, we did it as a team I guess.\n\n"
                                          "I think it depends, maybe something with the system.")], JOB)[0]
    assert not joined.off_topic  # a vague answer and a vague reply to the follow-up stay vague


def test_the_same_story_given_to_every_question_counts_once():
    """A rehearsed story recited to every question is credited once, where it fits best; the copies earn 0
    and say which question they repeat, and the interview scores far below one answered question by question."""
    recited = review_answers(turns([STORY] * 8), JOB)
    credited = [r for r in recited if r.repeat_of is None and not r.off_topic]
    assert len(credited) <= 1
    repeats = [r for r in recited if r.repeat_of is not None]
    assert repeats and all(r.quality == 0 and "This is the answer you gave to question" in r.notes_bad[0]
                           for r in repeats)
    assert interview_score(recited)[0] <= 3 < interview_score(review_answers(turns(STRONG), JOB))[0]


VAGUE = ["I guess I am a developer and this job seems fine.", "It was fine, we did it as a team I guess.",
         "Not sure, it was a while ago really.", "Maybe something with the keys, it depends.",
         "Probably the database sorts it somehow.", "I would just talk to them, I suppose.",
         "Maybe I would ask someone who knows more about it.", "Not sure, maybe about the team."]


def test_vague_answers_score_above_answers_about_something_else():
    """Vague but on-topic answers to most questions score at least 2; talking about something else
    scores 1, even when one of those answers happens to land near its question."""
    vague = review_answers(turns(VAGUE), JOB)
    about_else = [LABELLED[i][1] for i in (2, 6, 7)] * 3
    about_else[7] = "How does the team share on-call duty, and what would my first project in the role be?"
    assert not any(r.off_topic for r in vague)
    assert interview_score(review_answers(turns(about_else[:8]), JOB))[0] == 1 < interview_score(vague)[0]
