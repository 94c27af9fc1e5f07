"""CV gaps beyond the taxonomy: what a job requires (products, standards, "experience with X"), and
which of those requirements a CV lacks — on labelled job/CV snippets, including things that are not
gaps (generic words, soft phrases, the company's name, alternatives, the CV saying it in other words)."""

from __future__ import annotations

import pytest

from interview_coach.engine.interviewer import read_job
from interview_coach.engine.interviewer.requirements import covers, missing_requirements, requirement_terms


def _gaps(job_text: str, cv_text: str, bank) -> list[str]:
    job = read_job(job_text, bank)
    return missing_requirements([s.name for s in job.required_skills], cv_text, bank)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Experience with Core NFC and Apple Pay", {"Core NFC", "Apple Pay"}),
        ("Working knowledge of HL7 and FHIR interfaces", {"HL7", "FHIR"}),
        ("Familiarity with the ISO 13485 quality system", {"ISO 13485"}),
        ("Knowledge of payment systems", {"payment systems"}),
        ("Experience with medical device software", {"medical device software"}),
        ("Shipped apps that use CarPlay or Android Auto", {"CarPlay", "Android Auto"}),
        ("Comfortable with sensor calibration", {"sensor calibration"}),
    ],
)
def test_requirement_terms_reads_names_and_cue_phrases(line, expected):
    """Product, protocol and standard names and 'experience with X' phrases are read from a line."""
    assert set(requirement_terms(line)) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Excellent communication skills and a team player",
        "Experience working in a fast-paced environment",
        "Experience with large teams and complex systems",
        "Strong understanding of software engineering best practices",
        "Fluent written and verbal English",
        "BSc in Electrical Engineering or equivalent experience",
        "Monday to Friday, in our Berlin office",
        "Proven track record of ownership",
        "You will work closely with Product and Design",
        "Overlap with European time zones",
        "Experience at a Series B startup or a Big Tech company",
    ],
)
def test_requirement_terms_ignores_generic_and_soft_phrases(line):
    """Generic words, soft phrases, degrees and calendar words are not requirements."""
    assert requirement_terms(line) == []


def test_company_name_is_not_a_requirement(bank):
    """The company the posting introduces ("Join Pulsewave", "Pulsewave's") is never a gap."""
    job = read_job("Pulsewave builds heart monitors.\nRequirements:\n- Experience with Pulsewave's BLE stack "
                   "and Zephyr\n", bank)
    names = {s.name for s in job.required_skills}
    assert "Pulsewave" not in names and "Zephyr RTOS" in names


EMBEDDED_JOB = """Firmware Engineer
Requirements:
- 3+ years of embedded C on ARM Cortex-M microcontrollers
- Experience with FreeRTOS or Zephyr
- Hands-on experience with I2C, SPI and UART drivers
- Knowledge of Bluetooth Low Energy and the Nordic nRF Connect SDK
- Experience with IEC 62304 or ISO 13485
- Comfortable with oscilloscopes and logic analysers
- Good communication and teamwork
"""
EMBEDDED_CV = """Experience
Embedded Software Engineer, Thermaline    2020 – Present
• Wrote bare-metal C firmware for STM32 (Cortex-M4) thermostats, with I²C sensor drivers and a UART console
• Brought up three boards with the hardware team using a Saleae logic analyzer and a scope
• Built the BLE pairing flow on nRF52840 with the nRF Connect SDK
"""


def test_embedded_gaps_are_found_and_paraphrases_are_not(bank):
    """SPI, the RTOS and the medical standards are gaps; I²C, UART, BLE, Cortex-M and the logic analyser
    are on the CV in other words; communication is not a gap at all."""
    gaps = _gaps(EMBEDDED_JOB, EMBEDDED_CV, bank)
    assert "SPI" in gaps
    assert "Functional safety" in gaps or "IEC 62304" in gaps
    for said in ("I2C", "UART", "Bluetooth Low Energy", "ARM Cortex-M", "Logic analyser", "Nordic nRF", "C"):
        assert said not in gaps
    assert "Communication" not in gaps and "Teamwork" not in gaps


SECURITY_JOB = """Security Engineer
What you'll need:
- Experience running SOC 2 Type II and ISO 27001 audits
- Experience with a SIEM such as Splunk or Microsoft Sentinel
- Knowledge of threat modelling and pen testing
- Experience with vendor risk assessments
- Familiarity with NIST 800-53 and CIS Benchmarks
"""
SECURITY_CV = """Experience
Security Analyst, Finlo    2021 – Present
• Ran the SOC2 audit evidence collection in Vanta across 40 controls
• Triaged alerts in Splunk and wrote 25 detection rules
• Led threat modeling sessions (STRIDE) for 6 product teams
"""


def test_security_gaps_cover_compliance_frameworks(bank):
    """ISO 27001, pen testing, vendor risk, NIST and CIS are gaps; SOC 2, the SIEM (Splunk was one of
    the named choices) and threat modelling are on the CV under other spellings."""
    gaps = _gaps(SECURITY_JOB, SECURITY_CV, bank)
    for gap in ("ISO 27001", "Penetration testing", "Vendor risk management", "NIST CSF", "CIS Benchmarks"):
        assert gap in gaps
    for said in ("SOC 2", "Threat modeling", "SIEM", "Splunk", "Microsoft Sentinel"):
        assert said not in gaps


def test_alternatives_are_not_each_required(bank):
    """'AWS, GCP or Azure' is met by any one of them, 'Kafka or similar' by a similar tool: none is required
    on its own."""
    job = read_job("Requirements:\n- Experience with AWS, GCP or Azure\n- Python\n- CISSP, CISM or equivalent\n"
                   "- Kafka or a similar message broker\n", bank)
    required = {s.name for s in job.required_skills}
    assert "Python" in required and not {"AWS", "Google Cloud", "Microsoft Azure"} & required
    assert not {"CISSP", "CISM", "Apache Kafka"} & required


@pytest.mark.parametrize(
    "cv, term, expected",
    [
        ("Built the payments platform for 3 banks", "payment platforms", True),
        ("Built the payments platform for 3 banks", "medical device software", False),
        ("Shipped Apple Pay in the checkout", "Apple Pay", True),
        ("Shipped Google Pay in the checkout", "Apple Pay", False),
        ("Integrated HL7 v2 feeds", "HL7", True),
    ],
)
def test_covers_accepts_plain_phrases_in_other_words_but_names_only_as_written(bank, cv, term, expected):
    """A plain phrase is covered by its specific words in any form; a name must appear as written."""
    assert covers(cv, term, set(), bank) is expected


def test_requirement_terms_reach_the_job_profile_as_terms(bank):
    """A requirement the taxonomy lacks is a required skill of category 'term' with no topics."""
    job = read_job("Must have:\n- Experience with CarPlay\n", bank)
    term = next(s for s in job.required_skills if s.name == "CarPlay")
    assert term.category == "term" and term.topics == () and term.technical


def test_team_blurb_is_context_and_requirements_lead_the_list(bank):
    """'Three Android engineers' in the blurb is not required of an iOS candidate; what the requirement
    section names comes before what only the duties mention; a qualifier ("WCAG 2.1 AA") is no term."""
    job = read_job("We are four iOS engineers and three Android engineers.\n"
                   "What you'll do:\n- Build the video screen on WebRTC\n"
                   "Requirements:\n- Experience with HealthKit and CallKit\n"
                   "- Accessible apps to WCAG 2.1 AA\n", bank)
    required = [s.name for s in job.required_skills]
    assert "Android" not in required and "Android" in {s.name for s in job.nice_skills}
    assert required.index("CallKit") < required.index("WebRTC")
    assert "AA" not in required and "Accessibility" in required


def test_a_practice_named_with_its_tool_is_met_by_the_tool(bank):
    """'Write unit tests with Jest': Jest is required; unit testing is not a separate gap for a CV that uses Jest."""
    gaps = _gaps("Requirements:\n- Write unit tests with Jest\n- Infrastructure as code with Terraform\n",
                 "Experience\nEngineer, Acme  2020 – Present\n• Wrote 400 Jest tests and Terraform modules\n", bank)
    assert gaps == []


def test_a_practice_beside_another_tool_stays_required(bank):
    """'OTA updates and bootloaders' are two requirements, and a practice only the duties name is not one."""
    job = read_job("What you'll do:\n- Mentor engineers through pairing\n"
                   "Requirements:\n- Experience building OTA updates and bootloaders\n", bank)
    required = {s.name for s in job.required_skills}
    assert {"OTA updates", "Bootloaders"} <= required
    assert "Pair programming" not in required


def test_bonus_words_speak_for_their_clause_and_places_are_not_terms(bank):
    """'Expert in Python and SQL; Scala is a plus' requires Python and SQL only; 'Berlin or Munich' is no gap."""
    job = read_job("Qualifications\n- Expert in Python and SQL; Scala is a plus\n"
                   "- Hands-on experience with Debezium\n- Located in Berlin or Munich\n", bank)
    required = {s.name for s in job.required_skills}
    assert {"Python", "SQL", "Debezium"} <= required
    assert "Scala" in {s.name for s in job.nice_skills}
    assert not {"Berlin", "Munich"} & required
