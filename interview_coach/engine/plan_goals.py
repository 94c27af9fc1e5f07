"""What a study plan's goal asks for: the kinds of role or round people type, and what each adds to a plan.

Pure Python. :func:`read_goal` matches the goal a user typed ("backend interview at a fintech",
"Google coding rounds", "data analyst role", "new grad", "system design round", "behavioural
round") against :data:`PROFILES` and returns a :class:`GoalProfile`: the syllabus subtopics the goal
calls for, in the order a plan should add them, and whether the goal asks for behavioural practice
or a full mock interview.

Each profile lists (topic, subtopic) pairs from the syllabus (``content/topics``) and, for some, a
set piece an interviewer for that role asks: a design question for backend roles, an API question,
a SQL question for data roles. The words that trigger a profile are the ones people write for that
role or round; several profiles can match one goal ("senior backend engineer": backend and system
design). A goal that matches nothing adds nothing but its own words in the plan's summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["GoalProfile", "SetPiece", "read_goal", "PROFILES"]


@dataclass(frozen=True, slots=True)
class SetPiece:
    """A question an interviewer for this role asks, practised as one day of the plan."""

    topic: str
    subtopic: str
    focus: str
    activity: str


@dataclass(frozen=True, slots=True)
class Profile:
    name: str  # how the plan's summary names it ("a backend role")
    pattern: re.Pattern
    subtopics: tuple[tuple[str, str], ...] = ()
    set_pieces: tuple[SetPiece, ...] = ()
    behavioural: bool = False


@dataclass(frozen=True)
class GoalProfile:
    """What the goal adds to a plan (empty when it matches no profile)."""

    names: tuple[str, ...] = ()
    subtopics: tuple[tuple[str, str], ...] = ()
    set_pieces: tuple[SetPiece, ...] = ()
    behavioural: bool = False
    interview: bool = False  # the goal is an interview: end the plan with a mock interview
    topics: tuple[str, ...] = field(default=())


_DESIGN = SetPiece(
    "System Design", "Scalability and Load Balancing", "System design question: a URL shortener",
    "Answer a full system design question aloud in 35 minutes: design a URL shortener for 100 million links. "
    "State the requirements and the read/write ratio, sketch the API and the data model, then scale it: cache "
    "hot links, partition the table, put a load balancer in front; end with what breaks first and how you "
    "would notice.")
_API = SetPiece(
    "System Design", "API Design", "API design questions",
    "Design the REST API for a booking service on paper: resources and URLs, methods and status codes, "
    "pagination, idempotency keys for payments, versioning and error bodies; then explain each choice aloud as "
    "you would to an interviewer.")
_SQL = SetPiece(
    "DBMS", "SQL & Query Writing", "SQL interview questions",
    "Write five SQL queries against an orders schema you sketch yourself: a join with a GROUP BY, a window "
    "function (running total), a top-N per group, a LEFT JOIN that finds missing rows and a query you then speed "
    "up with an index; explain each plan aloud.")
_BROWSER = SetPiece(
    "Computer Networks", "HTTP, HTTPS and TLS", "What happens when you type a URL",
    "Explain aloud, in order, what happens from typing a URL to the page being painted: DNS, TCP and TLS "
    "handshakes, the HTTP request, caching headers and CORS, then parsing, layout and paint; note which step "
    "you could not explain and read up on it.")
_CODING = SetPiece(
    "Algorithms", "Complexity Analysis & Big-O", "Timed coding problems",
    "Solve two coding problems in 25 minutes each, talking through the approach before you code: one on "
    "arrays with a hash table, one on a tree or graph traversal; state the time and space complexity of each "
    "and test it on an edge case.")

PROFILES: tuple[Profile, ...] = (
    Profile("a backend role", re.compile(
        r"back[- ]?end|server[- ]side|\bapis?\b|micro-?services?|distributed|platform engineer|django|spring|"
        r"node\.?js|golang|\bgo developer|ruby on rails|\bjava\b|\.net\b", re.I),
        (("System Design", "API Design"), ("DBMS", "Indexing & Query Optimization"),
         ("System Design", "Caching"), ("DBMS", "Transactions, ACID & Isolation Levels"),
         ("Computer Networks", "HTTP, HTTPS and TLS")), (_DESIGN, _API)),
    Profile("a frontend role", re.compile(r"front[- ]?end|react|angular|vue|javascript|typescript|\bui\b|\bweb dev|"
                                          r"css|browser", re.I),
            (("Computer Networks", "HTTP, HTTPS and TLS"), ("Data Structures", "Arrays, Strings & Dynamic Arrays"),
             ("Software Engineering", "Testing"), ("Data Structures", "Hash Tables")), (_BROWSER,)),
    Profile("a full-stack role", re.compile(r"full[- ]?stack", re.I),
            (("System Design", "API Design"), ("Computer Networks", "HTTP, HTTPS and TLS"),
             ("DBMS", "SQL & Query Writing")), (_API, _BROWSER)),
    Profile("a data role", re.compile(r"\bdata\b|analyst|analytics|machine learning|\bml\b|\bai\b|sql|etl|"
                                      r"warehouse|spark", re.I),
            (("DBMS", "SQL & Query Writing"), ("DBMS", "Indexing & Query Optimization"),
             ("Algorithms", "Sorting & Searching"), ("System Design", "Data Storage, Partitioning and Replication")),
            (_SQL,)),
    Profile("an infrastructure or SRE role", re.compile(r"devops|\bsre\b|site reliability|infrastructure|cloud|"
                                                        r"kubernetes|k8s|linux|sysadmin|platform", re.I),
            (("OS", "Processes & Threads"), ("Computer Networks", "Sockets, Load Balancing and Network Security"),
             ("System Design", "Reliability, Observability and Rate Limiting"),
             ("Software Engineering", "CI/CD and Release Engineering"), ("Computer Networks", "DNS"))),
    Profile("a mobile role", re.compile(r"mobile|android|\bios\b|swift|kotlin|flutter|react native", re.I),
            (("OS", "Memory Management & Virtual Memory"), ("OOP", "Design Patterns"),
             ("Computer Networks", "HTTP, HTTPS and TLS"), ("OS", "Processes & Threads"))),
    Profile("an embedded or systems role", re.compile(r"embedded|firmware|\brtos\b|\biot\b|\bc\+\+|\bc programmer|"
                                                      r"low[- ]level|kernel|systems programming", re.I),
            (("OS", "Memory Management & Virtual Memory"), ("OS", "Synchronization & Deadlocks"),
             ("OS", "System Calls & Kernel"), ("Data Structures", "Linked Lists"))),
    Profile("a security role", re.compile(r"secur|pen ?test|appsec|infosec|cyber", re.I),
            (("Computer Networks", "Sockets, Load Balancing and Network Security"),
             ("Computer Networks", "HTTP, HTTPS and TLS"), ("OS", "System Calls & Kernel"))),
    Profile("coding rounds", re.compile(r"coding|leetcode|algorithm|\bdsa\b|faang|maang|google|meta\b|amazon|"
                                        r"microsoft|apple|big tech|whiteboard|competitive programming", re.I),
            (("Data Structures", "Hash Tables"), ("Algorithms", "Dynamic Programming"),
             ("Algorithms", "Graph Traversal, BFS, DFS & Topological Sort"), ("Data Structures", "Trees, BSTs & Balanced Trees"),
             ("Data Structures", "Heaps & Priority Queues")), (_CODING,)),
    Profile("a system design round", re.compile(r"system design|architect|senior|staff|principal|scal(e|ing|ability)",
                                                re.I),
            (("System Design", "Scalability and Load Balancing"), ("System Design", "Caching"),
             ("System Design", "Consistency, CAP and Consensus"), ("System Design", "Messaging and Asynchronous Processing")),
            (_DESIGN,)),
    Profile("a graduate or intern role", re.compile(r"intern|graduate|new grad|junior|student|campus|entry[- ]level",
                                                    re.I),
            (("Data Structures", "Arrays, Strings & Dynamic Arrays"), ("Algorithms", "Sorting & Searching"),
             ("OOP", "Classes, Objects and Encapsulation"), ("Data Structures", "Hash Tables")), (_CODING,)),
    Profile("behavioural rounds", re.compile(r"behaviou?ral|leadership|manager|management|soft skills|culture|"
                                             r"\bstar\b|team lead|tech lead|hr round|people", re.I), behavioural=True),
)
_INTERVIEW = re.compile(r"interview|round|onsite|on-site|loop|screen|job|role|position|offer|apply|hired", re.I)


def read_goal(goal: str) -> GoalProfile:
    """The profiles the goal matches, merged in :data:`PROFILES` order (see the module docstring)."""
    text = " ".join((goal or "").split())
    if not text:
        return GoalProfile()
    matched = [p for p in PROFILES if p.pattern.search(text)]
    subtopics: list[tuple[str, str]] = []
    pieces: list[SetPiece] = []
    for profile in matched:
        subtopics += [s for s in profile.subtopics if s not in subtopics]
        pieces += [p for p in profile.set_pieces if p not in pieces]
    topics = tuple(dict.fromkeys(t for t, _ in subtopics))
    return GoalProfile(tuple(p.name for p in matched), tuple(subtopics), tuple(pieces),
                       any(p.behavioural for p in matched), bool(_INTERVIEW.search(text)), topics)
