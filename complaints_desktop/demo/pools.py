"""Demo data: word lists and weights for the demo data (names, places, teams, texts).

Names come from many backgrounds; addresses are in the fictional Borough of Northbridge
(postcode area ``NB``, which does not exist); phone numbers are from Ofcom's ranges kept
for drama; e-mail domains are the reserved ``example`` ones.
"""

from __future__ import annotations

RELATIONSHIP_WEIGHTS: dict[str, int] = {
    "parent": 60,
    "other relative": 10,
    "child or young person": 8,
    "foster carer": 5,
    "advocate or representative": 4,
    "special guardian": 3,
    "other": 4,
    "adopter": 2,
    "solicitor": 2,
    "": 2,
}
CHANNEL_WEIGHTS: dict[str, int] = {
    "email": 40,
    "web form": 25,
    "telephone": 15,
    "letter": 10,
    "in person": 5,
    "other": 5,
}
TYPE_WEIGHTS: tuple[int, ...] = (6, 14, 16, 14, 12, 4, 16, 5, 10, 3)


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(",") if w.strip())


FEMALE_NAMES = _words(
    "Aisha, Zoë, Siobhán, Amelia, Olivia, Fatima, Priya, Chloe, Grace, Niamh, Agnieszka, "
    "Oksana, Chidinma, Ngozi, Sadia, Maryam, Hannah, Emily, Jasmine, Leah, Sophie, Ewa, Ioana, "
    "Mei, Yasmin, Rhiannon, Kerry-Ann, Danielle, Precious, Zainab, Amira, Saoirse, Freya, "
    "Ayesha, Nadia, Tamsin, Bethany, Gemma, Shanice, Ramona, Folake, Małgorzata, Anaïs, Hodan"
)
MALE_NAMES = _words(
    "Łukasz, Oluwaseun, Mohammed, Ahmed, Oliver, Jack, Harry, Daniel, Kwame, Tomasz, Piotr, "
    "Ravi, Arjun, Dylan, Connor, Ciarán, Seán, Mateusz, Andrei, Ibrahim, Yusuf, Tyrone, Jamal, "
    "Liam, Kai, Rhys, Darius, Emeka, Chinedu, Bartosz, Mihai, Hamza, Omar, Gareth, Wayne, "
    "Stuart, Abdirahman, Dominik, Jürgen, Raúl"
)
CHILD_NAMES = _words(
    "Isla, Ava, Mia, Leo, Theo, Alfie, Nia, Zara, Ayaan, Maja, Zuzanna, Amara, Eniola, Tobi, "
    "Oscar, Ruby, Lily, Charlie, Jayden, Tiana, Kacper, Aleksander, Ellie-Mae, Noah, Muhammad, "
    "Fatima, Oisín, Aoife, Ayodele, Kofi, Harper, Riley, Bogdan, Sofia, Inaaya, Reuben, Zoë"
)
SURNAMES = _words(
    "Smith, Jones, Williams, Brown, Taylor, Kowalski, Nowak, Wiśniewski, Adeyemi, Okafor, "
    "Mensah, Boateng, Khan, Hussain, Begum, Patel, Shah, Singh, Kaur, O'Brien, O'Sullivan, "
    "Murphy, Nguyen, Chen, Wong, Popescu, Ionescu, Campbell, MacDonald, Evans, Hughes, Davies, "
    "Clarke, Robinson, Wright, Thompson, Walker, Ali, Abdi, Mohamed, Yilmaz, Costa, Silva, "
    "Ferreira, Müller, Fitzgerald, Lewis, Scott, Green, Baker, Hall, Mitchell, Okonkwo, "
    "Ní Bhriain, Kaczmarek, Achebe, Haddad, Novák, Żuk"
)
STREETS = _words(
    "Mill Lane, Station Road, Canal Street, Priory Close, Beech Grove, Albert Terrace, "
    "Queensway, Northgate, Ferry Road, Cobbler's Row, St Anne's Crescent, Willow Walk, "
    "Harbour View, Marsh Lane, Kingfisher Court, Foundry Way, Church Street, Victoria Road, "
    "Elm Park, The Green, Ropewalk, Tannery Close, Lock Keeper's Way, Orchard Rise"
)
LOCALITIES = _words(
    "Eastholme, Millford, Saltmarsh, Kingsmead, Ashby Vale, Castlegate, Riverside, Northbridge "
    "Central, Highfield, Brook End"
)
TEAMS: dict[str, tuple[str, int]] = {
    "Safeguarding and Care Planning": ("Children's Social Care", 26),
    "Children in Care": ("Corporate Parenting", 16),
    "Care Leavers": ("Corporate Parenting", 8),
    "Fostering": ("Corporate Parenting", 6),
    "Adoption": ("Corporate Parenting", 3),
    "Children with Disabilities": ("Children's Social Care", 10),
    "Early Help": ("Early Help and Prevention", 9),
    "MASH & Child Protection": ("Children's Social Care", 14),
    "Youth Justice": ("Youth Justice Service", 4),
    "Family Court Team": ("Children's Social Care", 4),
}
"""Team -> (service area, relative share of complaints)."""

ELEMENTS: tuple[str, ...] = (
    "The social worker did not return my calls or e-mails for over three weeks.",
    "I was not told that a child protection conference had been arranged.",
    "The assessment contains factual errors about my family that have not been corrected.",
    "My child's social worker has changed five times this year.",
    "Contact with my children was cancelled at short notice without explanation.",
    "The pathway plan was not reviewed before my 18th birthday.",
    "My leaving care allowance was paid late and I fell into rent arrears.",
    "The foster placement ended without a planning meeting.",
    "The fostering allowance was reduced without notice.",
    "Our adoption support assessment has taken more than six months.",
    "Respite care for my disabled son was withdrawn without a review.",
    "The short breaks assessment did not take account of my daughter's needs.",
    "A staff member spoke to me rudely and would not listen.",
    "The social worker shared information about my family with a neighbour.",
    "The decision to close the case was made without speaking to my child.",
    "The Early Help worker did not attend the agreed home visits.",
    "The referral to the MASH was handled without telling me who made it.",
    "The youth offending worker did not support my son at court.",
    "The court report misrepresented what I had said.",
    "I asked for a copy of the meeting minutes and never received them.",
    "My child's views were not included in the child in need plan.",
    "The council refused to pay for transport to family contact.",
    "The care plan does not say how my child's education needs will be met.",
    "My grandchildren were placed out of the borough without considering family.",
    "The independent reviewing officer did not reply to my letter.",
    "Promised direct payments have still not started.",
    "The home visit was unannounced and frightened my younger children.",
    "My complaint was not acknowledged and I had to chase it twice.",
    "The special guardianship allowance was calculated wrongly.",
    "Interpreting was not arranged for a meeting about my child.",
    "Life story work for my adopted child has not been completed.",
    "The private fostering assessment was not carried out within timescales.",
)
ELEMENT_THEMES: dict[str, str] = dict(
    zip(
        ELEMENTS,
        (
            "Delivery or non-delivery of services",
            "Delivery or non-delivery of services",
            "Assessment, care management and review",
            "Quality or appropriateness of a service",
            "Delivery or non-delivery of services",
            "Delay in decision making or provision of services",
            "Delay in decision making or provision of services",
            "Unwelcome or disputed decision",
            "Quantity, frequency, change or cost of a service",
            "Delay in decision making or provision of services",
            "Unwelcome or disputed decision",
            "Application of eligibility and assessment criteria",
            "Attitude or behaviour of staff",
            "Attitude or behaviour of staff",
            "Unwelcome or disputed decision",
            "Delivery or non-delivery of services",
            "Quality or appropriateness of a service",
            "Delivery or non-delivery of services",
            "Assessment, care management and review",
            "Delivery or non-delivery of services",
            "Assessment, care management and review",
            "Unwelcome or disputed decision",
            "Assessment, care management and review",
            "Unwelcome or disputed decision",
            "Delivery or non-delivery of services",
            "Delay in decision making or provision of services",
            "Attitude or behaviour of staff",
            "Delivery or non-delivery of services",
            "Quantity, frequency, change or cost of a service",
            "Delivery or non-delivery of services",
            "Delay in decision making or provision of services",
            "Delay in decision making or provision of services",
        ),
        strict=True,
    )
)
"""The complaint type each element is about (its theme in the annual report)."""
FINDING_TEXT: dict[str, tuple[str, ...]] = {
    "upheld": (
        "The records confirm this happened; an apology has been given.",
        "This fell short of the standard expected and the manager has addressed it.",
    ),
    "partially upheld": (
        "Some of this is supported by the records; a full explanation has been given.",
        "Part of the concern is upheld; the remaining points were handled correctly.",
    ),
    "not upheld": (
        "The records show the correct procedure was followed.",
        "The decision was in line with policy and was explained at the time.",
    ),
    "inconclusive": (
        "Accounts differ and the records do not allow a finding either way.",
        "There is not enough information to reach a conclusion.",
    ),
}
EXTENSION_REASONS = (
    "The complaint is complex and needs records from several teams.",
    "An advocate is being appointed for the young person.",
    "The complainant asked for a meeting before the response.",
    "Key staff are on leave and must be interviewed.",
)
INDEPENDENT_PEOPLE = _words(
    "Margaret Ellison, Desmond Achterberg, Farah Qureshi, Julian Pryce, Olamide Bankole, "
    "Catherine Doyle, Henryk Zieliński, Rosalind Merriweather, Anand Krishnan, Bríd Ó Dálaigh"
)
PANEL_MEMBERS = _words(
    "Patricia Holloway, Kenneth Ashworth, Shirin Farahani, Trevor Glanville, Nkechi Obi, "
    "Graham Pettigrew, Eilidh Fraser, Yusuf Demir, Helena Marsh"
)
HANDLERS = _words(
    "Rachel Cooper, Imran Siddiqui, Beata Lis, Marcus Reid, Joanne Fairclough, Kemi Adebayo, "
    "Paul Whitworth, Sinéad Gallagher"
)
LGSCO_REMEDIES: tuple[tuple[str, int], ...] = (
    ("Apologise in writing to the complainant", 0),
    ("Pay for the distress and uncertainty caused", 50000),
    ("Pay for the time and trouble of pursuing the complaint", 30000),
    ("Review the stage 2 investigation timescales and report to the Ombudsman", 0),
    ("Remind staff of the duty to offer advocacy to children who complain", 0),
    ("Reassess the child's needs and share the outcome", 0),
    ("Backdate the allowance that should have been paid", 120000),
)
ACTIONS: tuple[str, ...] = (
    "Brief all social workers on returning calls within two working days.",
    "Add a check for conference invitations to the team manager's audit.",
    "Review the procedure for correcting factual errors in assessments.",
    "Update the leaving care allowance payment process to avoid delays.",
    "Introduce a placement ending checklist for fostering supervisors.",
    "Train staff on offering advocacy at the first contact.",
    "Publish clearer information on short breaks eligibility.",
    "Arrange interpreters through the corporate contract by default.",
)
CONTACT_SUMMARIES: dict[str, tuple[str, ...]] = {
    "compliment": (
        "Thanks to the social worker for her support through a difficult time",
        "Praise for the foster carers' training course",
        "Thanks from a young person to their personal adviser",
        "Compliment about the Early Help family worker",
    ),
    "mp enquiry": (
        "Enquiry on behalf of a constituent about delays in an assessment",
        "Constituent concerned about contact arrangements",
    ),
    "councillor enquiry": (
        "Ward councillor asking about support for a family",
        "Enquiry about short breaks provision",
    ),
    "query": (
        "How to request a copy of social care records",
        "Question about the complaints process",
    ),
    "duty": ("Caller wanting to speak to the duty social worker", "Professional seeking advice"),
}
COMPLIMENT_THEMES: dict[str, int] = {
    "communication": 30,
    "support and advice": 25,
    "going above and beyond": 15,
    "professionalism": 15,
    "kindness and care": 10,
    "outcome for the child": 10,
    "timeliness": 5,
}
"""Compliment themes and how often the demo's compliments praise each."""
CONTACT_FROM: dict[str, tuple[str, ...]] = {
    "compliment": ("parent", "professional", "young person", "foster carer"),
    "mp enquiry": ("MP's office",),
    "councillor enquiry": ("ward councillor",),
    "query": ("parent", "member of the public", "professional"),
    "duty": ("parent", "professional", "member of the public"),
}
CONTACT_WEIGHTS: dict[str, int] = {
    "compliment": 45,
    "mp enquiry": 15,
    "councillor enquiry": 15,
    "query": 15,
    "duty": 10,
}
EQUALITY_WEIGHTS: dict[str, tuple[int, ...]] = {
    "gender": (58, 30, 2, 10),
    "ethnicity": (12, 12, 7, 45, 4, 20),
    "disability": (12, 48, 40),
    "sexual_orientation": (30, 2, 2, 1, 65),
}
"""Weights in the order of ``vocab.EQUALITY`` (the last is always "not stated")."""

QUEUE_SCENARIOS: tuple[str, ...] = (
    "new today",
    "acknowledgement overdue",
    "due today",
    "overdue",
    "due this week",
    "corporate due this week",
    "stage 2 investigating",
    "stage 2 overdue",
    "panel arranged",
    "clock stopped",
    "stage 2 requested",
    "remedy due",
    "awaiting request",
)
"""Open cases placed around ``today`` so every work-queue category has something in it."""
