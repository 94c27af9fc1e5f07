"""Hand-written candidates for one job (backend engineer) used by the feedback tests."""

from __future__ import annotations

from interview_coach.content import load_content
from interview_coach.engine.feedback import AnsweredTurn, JobContext

JOB = JobContext(
    job_title="Backend Engineer", company="Northwind Logistics",
    required_skills=("Python", "PostgreSQL", "Docker", "Kubernetes"), nice_skills=("Redis",),
    keywords=("APIs", "scalability", "observability", "on-call"),
    responsibilities=("Design and run the shipment-tracking APIs", "Own database performance"))

CV = """Alex Morgan
alex.morgan@example.com | +44 7700 900123 | github.com/amorgan

Experience
Software Developer, Parcelio, 2019 - 2024
• Responsible for the order API written in Python and Flask
• Worked on database queries in PostgreSQL
• Reduced checkout errors by 35% by adding retries and idempotency keys

Education
BSc Computer Science, University of Leeds, 2015 - 2019
"""

_Q = [
    ("opener", "Tell me about yourself and why this backend role at Northwind Logistics interests you."),
    ("deep_dive", "On your CV you mention the order API at Parcelio. Walk me through how you designed it."),
    ("deep_dive", "You reduced checkout errors by 35%. How did you find the cause and fix it?"),
    ("technical", None),
    ("technical", None),
    ("behavioural", None),
    ("scenario", "Our shipment-tracking API gets slow every Monday morning when traffic spikes. How would you investigate and fix it?"),
    ("closing", "Do you have any questions for us about the team or the role?"),
]

STRONG = [
    "I'm a backend engineer with five years of Python experience, most recently at Parcelio, a parcel delivery "
    "start-up, where I owned the order API that handled about 40,000 orders a day. I built it with Flask and "
    "PostgreSQL, ran it in Docker on Kubernetes and was on the on-call rota. What I enjoy most is making APIs "
    "fast and dependable under real traffic: last year I cut the p95 latency of our busiest endpoint from 900 ms "
    "to 180 ms. Northwind interests me because shipment tracking is the same kind of problem at a larger scale, "
    "with millions of events a day, and the job description stresses scalability and observability, which are "
    "exactly the parts of the work I want to go deeper in. I also like that the team owns its services end to "
    "end, from design to on-call, because that is how I learned the most at Parcelio.",
    "I designed the order API as a small set of REST resources: orders, items and payments. I wrote it in "
    "Python with Flask and SQLAlchemy on PostgreSQL. The key design decision was idempotency: every POST "
    "carries an idempotency key stored with a unique index, so a retried request from the mobile app never "
    "creates a second order. I split reads from writes, added a Redis cache for the product catalogue with a "
    "five-minute expiry, and I documented the API with OpenAPI so the two mobile teams could generate clients. "
    "I also set up structured logging and Prometheus metrics for each endpoint. Over two years it grew from "
    "2,000 to 40,000 orders a day without a rewrite, and I kept the error rate under 0.1% by load-testing each "
    "release with Locust at twice the peak traffic before we deployed it.",
    "I started from the data: our error dashboard showed 3% of checkouts failing with payment timeouts, "
    "clustered in the evening peak. I traced individual requests through the logs and found that the payment "
    "provider sometimes took eight seconds, our client timed out at five, and the mobile app retried, which "
    "created duplicate payment attempts that the provider then rejected. I proposed two changes and "
    "implemented both: retries with exponential backoff on our side, and idempotency keys on every payment call "
    "so a retry is safe. I tested them against a fake provider that injected delays. After the release the "
    "checkout error rate dropped from 3% to under 2%, a 35% reduction, and support tickets about double "
    "charges went from about twenty a week to almost none. I learned to always look at the retry path first.",
    "A primary key is the candidate key chosen to identify each row of a table uniquely. It enforces two "
    "constraints: the values must be unique across all rows, and none of the key's columns may be NULL. A "
    "table can have only one primary key, although it may have several candidate keys, and the database "
    "builds a unique index for it automatically; in MySQL InnoDB that index is also the clustered index, so it "
    "decides the physical order of rows. In PostgreSQL I usually use a surrogate bigint identity column as the "
    "primary key and keep a unique constraint on the natural key.",
    "A foreign key is a column or set of columns in a child table whose values must match an existing primary "
    "key or unique key in the parent table, or be NULL. It enforces referential integrity: the database "
    "rejects an insert or update that would point to a parent row that does not exist, so there are no "
    "orphaned rows. With ON DELETE CASCADE, deleting the parent deletes its children; with RESTRICT the "
    "delete is blocked. In our order database every order item had a foreign key to its order.",
    "Last year I strongly disagreed with a senior colleague, Priya, about moving our order events from "
    "PostgreSQL to Kafka. My task was to decide with her before the next quarter's planning, two weeks away. "
    "I separated the technical question from the person: I asked her to list what she expected Kafka to "
    "solve, and I wrote down her strongest argument, replayable events for the analytics team. I proposed "
    "that we agree on criteria first, throughput, cost and operational load, and I built a small prototype "
    "of both options over three days. I measured that PostgreSQL with an outbox table handled 4,000 events "
    "a second, ten times our peak. As a result we kept PostgreSQL and added the outbox, which also gave her "
    "the replay she needed. We still work well together, and since then I always agree on decision criteria "
    "before debating solutions.",
    "I would start by measuring rather than guessing. I would check the observability we have: the p95 and "
    "p99 latency per endpoint, database CPU and connection counts, and the slow query log in PostgreSQL for "
    "Monday mornings. A typical cause is a query that is fine at low traffic but scans a large table under load, "
    "so I would run EXPLAIN ANALYZE on the slowest queries and add the missing index. I would also check the "
    "connection pool: if requests wait for connections, PgBouncer or a bigger pool helps. If the load is "
    "mostly repeated reads of the same shipments, I would cache them in Redis for thirty seconds. On "
    "Kubernetes I would set a horizontal pod autoscaler on CPU and request rate so extra pods start before "
    "9 am. Finally I would add an alert on p95 latency so we hear about it before customers do.",
    "Yes, two. How does the team split on-call between the tracking APIs and the data pipelines, and how many "
    "incidents a month do you usually see? And what would you expect me to have delivered in my first 90 "
    "days, so I can focus on the right things from the start?",
]

AVERAGE = [
    "I'm a developer with a few years of experience in Python. I worked at Parcelio on the backend, mostly the "
    "order API, and before that I studied computer science. I like backend work and I think this role would "
    "be a good next step for me because the company is growing and I want to work on bigger systems.",
    "The order API was a Flask application with a PostgreSQL database. We had endpoints for orders and "
    "payments, and we used SQLAlchemy for the models. We tried to keep it simple and we added tests for the "
    "main flows. It worked well and handled our traffic.",
    "We noticed errors in checkout and we looked at the logs. It turned out the payment provider was slow "
    "sometimes, so we added retries and idempotency keys. After that the errors went down quite a lot and the "
    "team was happy with it.",
    "A primary key identifies each row in a table. It has to be unique and it cannot be null. Usually it is an "
    "id column.",
    "A foreign key is a column that points to the primary key of another table, so the tables are linked.",
    "We had a disagreement in the team about using Kafka or staying with the database. We discussed it in a "
    "few meetings and in the end we stayed with PostgreSQL because it was simpler. It was fine afterwards.",
    "I would look at the logs and the database to see what is slow. Maybe there is a missing index or the "
    "server needs more resources, so we could add an index or scale up the servers on Monday.",
    "What does a typical day look like for the team?",
]

WEAK = [
    "I am a developer. I want this job because it looks interesting.",
    "It was an API. It had some endpoints and a database.",
    "We fixed some bugs and then it was better.",
    "It is a key in the database, like an id.",
    "It links tables.",
    "I don't really have conflicts, I get on with everyone.",
    "I would restart the server and see if it helps.",
    "No, I think that's all.",
]

EMPTY = ["", "pass", "", "I don't know", "", "", "no idea", ""]

OFF_TOPIC = [
    "My favourite holiday was a trip to Portugal where we ate grilled sardines and walked along the beaches "
    "of the Algarve every evening.",
    "I really enjoy baking sourdough bread at the weekend; the starter needs feeding every day and the dough "
    "rises overnight in the fridge.",
    "Football is my main hobby and I play five-a-side every Thursday with friends from university.",
    "The best film I have seen this year is a documentary about deep-sea octopuses and their camouflage.",
    "My cat likes to sleep on the keyboard, which makes working from home rather difficult in the mornings.",
    "Gardening is relaxing; this spring I planted tomatoes, basil and courgettes in raised beds.",
    "I have been learning to play the guitar, mostly folk songs, and practise scales for half an hour a day.",
    "The weather has been lovely this week so I went cycling along the canal on Sunday.",
]


def turns(answers: list[str]) -> list[AnsweredTurn]:
    """The eight turns of the interview with ``answers`` in order."""
    bank = load_content()
    tech = [bank.question("dbms.relational-model.e1"), bank.question("dbms.relational-model.e2")]
    beh = bank.behavioural_question("behavioural.conflict.cf1")
    out = []
    t = iter(tech)
    for (kind, question), answer in zip(_Q, answers):
        if kind == "technical":
            q = next(t)
            concepts = tuple((c.name, tuple(c.aliases)) for c in bank.concepts_of(q))
            out.append(AnsweredTurn(kind, q.question, answer, q.reference_answer, concepts, skill="PostgreSQL"))
        elif kind == "behavioural":
            out.append(AnsweredTurn(kind, beh.question, answer, competency="conflict",
                                    strong_answer_shows=beh.strong_answer_shows, red_flags=beh.red_flags))
        else:
            out.append(AnsweredTurn(kind, question, answer))
    return out
