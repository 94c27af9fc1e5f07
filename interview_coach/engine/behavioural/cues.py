"""The word lists and patterns the STAR reader (:mod:`.star`) looks for, in one place.

Each pattern names a kind of evidence rather than a phrasing: verbs of state versus verbs of doing,
time and place anchors, obligations and goals, outcome markers and outcome verbs, the ways people say
an outcome is unknown or that they have no example. :mod:`.star` says how they are combined.
"""

from __future__ import annotations

import re

_STATE_VERBS = frozenset(
    "was were had felt thought knew believed liked loved hated wanted needed hoped wished seemed realised realized "
    "noticed saw figured assumed guessed expected wondered understood remembered forgot heard learned learnt got "
    "became stayed waited tended preferred cared enjoyed missed meant owned lost been suspected sensed feared "
    "worried doubted trusted disagreed struggled".split())
_AMBIGUOUS_PAST = frozenset("read set put cut let hit split shut quit spread cost hurt reset".split())
_IRREGULAR_PAST = frozenset(
    "went took made wrote ran met spoke told gave got set put sent built led brought bought thought found began drew "
    "drove chose kept held left lost paid read said saw sat stood taught won broke caught fought dug fed shut split "
    "cut hit let quit spent understood rewrote overtook undertook withdrew forgot became came did had was were knew "
    "felt heard meant slept woke rode rose fell grew threw flew shook stole struck swore wore tore hung sold sought "
    "spun stuck swept swung upheld wound froze hid bit bled blew bent lent sank sang rang sprang shrank drank swam "
    "forgave foresaw mistook overheard overcame rebuilt redid reran rethought withheld dealt leapt burnt dreamt "
    "knelt crept wept sped spread cost hurt reset bet".split())
_NOT_PAST_ED = frozenset("need feed seed speed bleed breed proceed exceed succeed weed heed shed bed red wed hundred "
                         "sacred naked wicked rugged kindred embed shred".split())
_ADVERBS = frozenset(
    "then also just first quickly immediately finally eventually personally actually still even later soon again "
    "simply only mostly really both all each together myself ourselves instead therefore so and thus once "
    "honestly basically literally carefully properly quietly".split())
_SUBJECTS = re.compile(r"\b(I|we|the two of us|both of us|(?:[A-Z]\w+|my \w+) and I)\s+", re.I)

_TIME_ANCHOR = re.compile(
    r"\b(last (year|spring|summer|autumn|fall|winter|month|quarter|week|sprint|january|february|march|april|june|"
    r"july|august|september|october|november|december)|(in|during|back in|since|early|late|around|until) (19|20)\d\d|"
    r"(19|20)\d\d|(a|one|two|three|four|five|six|few|couple of|several|some|\d+) (years?|months?|weeks?) ago|"
    r"back then|at the time|in my (first|second|third|last|previous|current|old|early|former) (job|role|year|team|"
    r"company|week|month|days|position|internship)|during my (internship|time|first|last|placement|studies)|"
    r"(at|in|for|on) my (previous|last|old|first|second|current|former|new) (job|role|company|team|employer|"
    r"position|workplace|internship|startup|manager)|^\W*(when|while|back when|once|as soon as) (I|we|my|our|the|a|an|"
    r"one|two|three|\w+'s)\b|when I (was|joined|started|moved|worked|took over|got|had|inherited|led)|while (I was )?(working|at|on|building|leading)|halfway through|once,|one (day|time|morning|"
    r"evening|night|week|friday|monday)|on a (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(this|that) (was|happened) (at|in|during|when))\b", re.I)
_SETTING = re.compile(
    r"\b(I (was|had been) (working|building|running|leading|part of|one of|the only|a |an |on |at |in |moved|hired|"
    r"brought)|I worked (as|at|for|on|with|in)|I joined|I inherited|I took over|I moved (to|from|onto)|"
    r"we (were|had been) (building|working|migrating|running|doing|using|moving|launching|preparing|a team|"
    r"discussing|split)|(our|the|my) (\w+[ -]){0,3}(team|company|app|service|product|system|site|platform|pipeline|"
    r"roadmap|project|release|build|bill|backlog|users|customers?|client|manager|database|cluster|process|"
    r"environment|ci|code|codebase|api|tests?|queue|demo|launch|feed|dashboard|report|programme|program)s? "
    r"(was|were|had|kept|took|ran|started|used|needed|wanted|asked|did|had been|failed|broke|crashed|grew|"
    r"doubled|slipped|stalled|changed)\b|there (was|were|had been)|"
    r"(at|in|for) (a|an|one) (\w+[ -]){0,3}(company|startup|start-up|firm|bank|agency|consultancy|studio|"
    r"client|employer|organisation|organization|retailer|insurer|hospital|school|university|fintech|shop|"
    r"charity|lab|marketplace|provider|chain)|"
    r"^\W*(at|in|on|during|for) (a|an|my|our|one of (my|our)) [\w' -]{2,40}?(,|\s(I|we)\s))", re.I)
_DISCOVERY = re.compile(
    r"\b(I|we) (\w+ )?(noticed|realised|realized|discovered|found out|learned|learnt|saw|spotted|heard) (that )?"
    r"(\w+[ ,'-]+){0,8}?(was|were|had|kept|did|would|could|wasn't|weren't|hadn't|didn't|never|is|are|took|"
    r"started|stopped)\b", re.I)
_TASK = re.compile(
    r"\b((my|our|the|his|her|their) (main |first |only |whole |real |immediate )?(task|job|goal|aim|objective|brief|"
    r"mission|assignment|responsibility|remit|target|challenge|priority|role|part|mandate) (was|became|had been|were|is)|"
    r"(was|became|were) (the|my|our) (goal|aim|task|point|target|brief|job)|"
    r"(I|we) (had|needed|have|need|got) to|"
    r"(I|we) (was|were) (asked|told|tasked|expected|supposed|assigned|hired|brought in|given|responsible|"
    r"in charge|accountable|the ones? (responsible|in charge))|"
    r"(asked|told|tasked|expected|wanted|needed|hired|assigned|got|brought|charged) (me|us)( in)? (to|with)|"
    r"it was (on me|up to me|my job|my responsibility|my call|my task|my decision|my problem)|(call|decision) was mine|"
    r"(I|we) had (a|an|the|one|two|three|\w+ )?(\w+ ){0,3}(deadline|due date|launch date|go-live|target|quota)|"
    r"(I|we) had (only |just )?(\w+ ){0,2}(days?|weeks?|months?|hours?|a month|a week|a day|a quarter|until|till) "
    r"(to|until|before|left)|"
    r"(I|we) (wanted|aimed|set out|hoped|needed) to|wanted (him|her|them|the team|everyone|people|us|it) to|"
    r"(I|we) (had )?(promised|committed|signed up)|"
    r"I (was )?(led|leading|owned|owning|ran|running|managed|managing|drove|driving|coordinated|coordinating|"
    r"headed|heading) (the|this|our|their|a|an) (\w+[ -]){0,3}(migration|project|work|redesign|rollout|launch|"
    r"effort|integration|incident|release|rewrite|programme|program|initiative|response|upgrade|review|"
    r"transition|move|delivery|team|squad|build|implementation)|"
    r"\b(the|our|a|an|that|which)( [\w-]+){0,3} I (owned|led|was leading|was running|was responsible for)|"
    r"I was (the|their|our|its) (\w+[ -]){0,2}(lead|leader|owner|manager|scrum master|point of contact|on-call)|"
    r"^as (the |their |our |its )?(\w+[ -]){0,2}(lead|leader|owner|manager|scrum master)|"
    r"expect(ed|ing) (\w+ ){0,4}\d+)\b", re.I)
_OUTCOME_MARKER = re.compile(
    r"\b(as a result|the (end )?result (was|is)|the outcome (was|is)|the (net )?(impact|effect) (was|is)|in the end|"
    r"eventually|ultimately|by the end( of)?|which meant|that meant|this meant|led to|resulted in|resulting in|"
    r"since then|ever since|from then on|after that|afterwards|to this day|in the following (weeks|months)|"
    r"within (a|an|one|two|three|\d+) (days?|weeks?|months?|hours?|minutes?|quarter))\b", re.I)
_OUTCOME_VERB = (
    r"shipped|launched|released|delivered|finished|completed|went live|merged|passed|succeeded|failed|worked|"
    r"worked out|paid off|dropped|fell|rose|grew|doubled|halved|tripled|improved|increased|decreased|reduced|"
    r"saved|stopped|ended|disappeared|recovered|returned|came back|went (up|down|from|back|to|away|live|well|"
    r"badly|smoothly)|got (faster|better|shorter|longer|worse|easier|quicker|promoted|approved|merged|signed)|"
    r"became|turned out|ended up|approved|accepted|agreed|signed|renewed|adopted|kept|chose|picked|cancell?ed|"
    r"shut down|rejected|missed|slipped|lost|broke|crashed|held up|thanked|praised|recommended|promoted|"
    r"asked for|started using|used|fired|arrived|cleared|moved|admitted|gave in|left|won|met|made it|beat|"
    r"exceeded|caught|found|reached|hit|cut|took|caused|triggered|was (back|complete|ready|done|correct|fine|stable|over|live|"
    r"a success|happy|pleased|satisfied|resolved|fixed|gone|cancell?ed|approved|merged|adopted|accepted|"
    r"promoted|shut down|delayed|late|on time|half done)|were (back|complete|ready|done|correct|fine|stable|"
    r"over|live|happy|pleased|satisfied|resolved|fixed|gone|approved|merged|adopted|accepted|delayed|late|"
    r"on time)|(has|have) (\w+ )?(run|been|stayed|held|fired|dropped|stopped|gone|used|kept)|"
    r"(still|now) (use|uses|run|runs|take|takes|work|works|gives|give|get|gets|has|have|is|are)")
_OUTCOME = re.compile(rf"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bmy )(?<!\bour )\b({_OUTCOME_VERB})\b(?!-)|"
                      r"\b(got|received|had|reached|saw) (about |around |only |just |roughly |over |nearly )?\d", re.I)
# Outcome verbs that can also be one more step or reaction in the middle of a story: they show the result
# only once the candidate's actions are over.
_WEAK_OUTCOME = frozenset("admitted agreed accepted thanked asked for moved left found took kept used cleared arrived "
                          "met caught hit cut chose picked became fired returned came back".split())
_LATER = re.compile(r"\b(\w+|\d+) (days?|weeks?|months?|years?|quarters?|sprints?) later\b|\blater that (day|week|"
                    r"month|year)\b", re.I)
_INACTION = re.compile(r"\b(I|we) (just |simply )?(left it|let it|let them|left them to it|stayed out|did nothing|"
                       r"kept quiet|said nothing|sat on it|ignored it|waited)\b", re.I)
_CHANGE = re.compile(
    r"\bfrom (about |around |roughly |over |under )?\S*\d[^,;.]{0,30}\bto\b|\bby (about |around |roughly |over )?"
    r"(\d+(\.\d+)?\s?(%|percent|x)|half|a third|a quarter|two thirds)|\b\d+(\.\d+)?\s?% (more|fewer|less|higher|lower|"
    r"faster|slower)|\bto (zero|none)\b", re.I)
_UNKNOWN = re.compile(
    r"\b(know|knew|find out|found out|hear|heard|learn|learned|see|saw|get to see|got to see|sure)\b.{0,30}"
    r"\b(how|whether|if|what|the result|the outcome)\b|\btoo early to (tell|say)|yet to be seen|remains to be seen|"
    r"\bstill (in progress|ongoing|running|underway)|\bno idea (how|whether|if)|\bnot (sure|clear) (how|whether|if)",
    re.I)
_REASON = re.compile(r"^\W*(because|since(?! then)|as|so that|in order to|before|until|unless|whether)\b", re.I)
_FEELING = re.compile(
    r"^\W*(and |but |so )?(it|that|this) was (\w+ ){0,2}(embarrassing|frustrating|hard|tough|stressful|fun|nice|"
    r"chaotic|scary|awkward|difficult|intense|busy|annoying|painful|a mess|a shock|a surprise|exhausting|weird|"
    r"strange|funny|great|interesting)\b", re.I)
_VERDICT_STATE = re.compile(r"\b(success|successful|worked out|went well|paid off|a failure|failed)\b", re.I)
_NO_EXAMPLE = re.compile(
    r"\bI (really |honestly |genuinely |just )?(don't|do not|can't|cannot|couldn't|could not|haven't|have not|"
    r"never|hadn't|don't think I|do not think I|can't say I) (really |actually |honestly |quite |truly |personally |"
    r"ever |yet )?(have|had|think of|recall|remember|come across|been in|faced|found myself|needed to|had to|"
    r"got|experienced|encountered|been|done|worked|missed|made)\b|\bI've never (had|been|faced|done|needed|"
    r"missed|made)\b|\bnothing (really )?(comes|springs|came) to mind|\bnot (that|anything) I can (think of|"
    r"remember|recall)|\bno (real |specific |good |particular )?example|^\W*not really\b|"
    r"\bhaven't (really )?had (a|any|the) (chance|opportunity|example|situation)", re.I)
_DENIAL = re.compile(
    r"^\W*(n/?a|none|nothing|not applicable|not yet|tbd|unknown|-+|\?+|no (real |specific )?(example|result|"
    r"outcome|idea))\W*$", re.I)
_TIME_FRAME = re.compile(r"^\W*(when|while|as soon as|once|until|since|after|before|by the time)\s+(I|we)\b", re.I)
_BACKGROUND = re.compile(r"^\W*(where|whose)\b", re.I)
_NAMED_TASK = re.compile(r"\b(task|job|goal|aim|objective|brief|mission|assignment|responsibility|target)\b", re.I)
_LEADING = re.compile(r"^\W*(when|while|as|once|after|before|if|during|by the time)\b(?! that\b)", re.I)
