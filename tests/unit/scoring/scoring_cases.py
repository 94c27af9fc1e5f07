"""Questions, references and concepts shared by the scoring tests."""

from __future__ import annotations

from interview_coach.engine.scoring import Concept

STACK_Q = "What is a stack?"
STACK_REF = (
    "A stack is a collection where the last element pushed is the first one popped "
    "(last in, first out); push and pop both happen at the top."
)
STACK_CONCEPTS = (
    Concept("last in first out", aliases=("LIFO",)),
    Concept("push"),
    Concept("pop"),
    Concept("top"),
)

MEMORY_Q = "How does memory management work in Python?"
MEMORY_REF = (
    "CPython frees objects with reference counting: when an object's reference count drops to zero "
    "its heap memory is released at once; a cyclic garbage collector finds unreachable reference "
    "cycles, which counting alone would leak."
)
MEMORY_CONCEPTS = (
    Concept("garbage collection", aliases=("GC",)),
    Concept("reference counting"),
    Concept("heap"),
    Concept("memory leak"),
)

# Hand-checked concept/answer pairs for paraphrase matching (concepts.py cites the counts).
TRUE_PARAPHRASES = (
    ("physician", "The doctor examined the patient."),
    ("duplicate data", "The same information is stored twice in two tables."),
    ("automobile", "He drove his car to work."),
    ("bug", "There is a defect in the code."),
    ("rapid", "The algorithm is very fast."),
    ("concurrency", "Many tasks make progress at the same time."),
    ("garbage collection", "The runtime automatically reclaims memory that nothing references any more."),
    ("deadlock", "Two processes wait forever for each other's locks."),
    ("inheritance", "A subclass reuses the fields and methods of its parent class."),
    ("logarithmic time", "Binary search runs in O(log n) steps."),
    ("infinite loop", "The program never stops running and hangs forever."),
    ("sorted", "The array must be in ascending order."),
    ("memory leak", "The program never releases memory it allocated."),
    ("encrypted", "The message is enciphered before it is sent."),
    ("first in first out", "Items leave in the same order they arrived, like a line at a shop."),
    ("redundancy", "The same information is stored twice in two tables."),
    ("mutual exclusion", "Only one thread at a time may enter the critical section."),
)
DIFFERENT_TERMS = (
    ("memory leak", "I think maybe Python frees memory somehow."),
    ("garbage collection", "You must call free() after malloc() to release memory."),
    ("TCP", "UDP sends datagrams without any connection setup."),
    ("binary search", "We scan each element of the list one by one."),
    ("deadlock", "A race condition happens when two threads write the same variable."),
    ("stack", "A queue removes the oldest element that was added first."),
    ("primary key", "A foreign key references a row in another table."),
    ("encryption", "Passwords should be hashed with a salt before storing."),
    ("mutual exclusion", "Threads run in parallel on many cores."),
    ("encryption", "The data is sent quickly over the network."),
    ("deadlock", "Two processes run one after the other without waiting."),
    ("inheritance", "Composition means an object holds references to other objects."),
)
