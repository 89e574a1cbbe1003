"""Reports: the placeholders and conditions a letter template may use, in plain words.

The window shows these to the person editing a template; the parser refuses anything
else, naming it.
"""

from __future__ import annotations

PLACEHOLDERS: dict[str, str] = {
    # the letter and the council
    "today": "the date of the letter",
    "reference": "the case or contact reference",
    "council.name": "the council's name",
    "council.address": "the council's postal address",
    "council.phone": "the council's telephone number",
    "council.email": "the council's e-mail address",
    "council.website": "the council's website",
    "signatory.name": "who signs the letter",
    "signatory.title": "the signatory's job title",
    # who the letter is to, and the case
    "recipient.name": "the name of the person the letter is addressed to",
    "complainant.name": "the complainant's name",
    "complainant.first_name": "the complainant's first name",
    "complainant.address": "the complainant's postal address",
    "complainant.email": "the complainant's e-mail address",
    "child.name": "the name of the child or young person the complaint is about",
    "received": "the date the complaint was received",
    "procedure": "the procedure the complaint follows, in words",
    "summary": "what the complaint is about",
    "stage": "the number of the stage in progress",
    "outcome": "the outcome of the stage (upheld, partially upheld, ...)",
    "response.document": "what the enclosed response is, in words",
    # deadlines (computed in working days with the council's calendar)
    "response.due": "the date the response to the stage in progress is due",
    "response.days": "the working days allowed for that response, e.g. '10 working days'",
    "stage1.due": "the date the stage 1 response is due",
    "stage1.days": "the working days allowed for stage 1",
    "stage1.response": "the date of the stage 1 response",
    "stage2.requested": "the date stage 2 was asked for",
    "stage2.agreed": "the date the stage 2 statement of complaint was agreed",
    "stage2.due": "the date the stage 2 response or adjudication is due",
    "stage2.days": "the working days allowed for stage 2",
    "stage3.requested": "the date the review panel was asked for",
    "extension.agreed": "the date the extension was agreed",
    "extension.reason": "why the stage was extended",
    "extension.due": "the new date the response is due",
    "extension.days": "the working days allowed with the extension",
    "escalation.by": "the last day to ask for the next stage",
    "escalation.days": "the working days allowed to ask, e.g. '20 working days'",
    "escalation.stage": "the number of the next stage",
    "escalation.what": "the next stage in words, e.g. 'an independent investigation'",
    "investigation.officer": "the stage 2 investigating officer",
    "investigation.independent": "the stage 2 independent person",
    "panel.date": "the date the review panel meets",
    "panel.members": "the review panel's members",
    "panel.due": "the date by which the review panel must meet",
    "refusal.date": "the date the complaint was not accepted",
    "refusal.reason": "why the complaint was not accepted",
    "refusal.signposting": "where else the complainant can go",
    "withdrawal.date": "the date the complaint was withdrawn",
    "withdrawal.stage": "the stage at which it was withdrawn",
    "advocacy.provider": "the advocacy service the case was referred to",
    "advocacy.referral": "the date of the advocacy referral",
    "advocacy.advocate": "the advocate's name",
    "advocacy.service": "who provides advocates and how to ask for one",
    "ombudsman.details": "the Local Government and Social Care Ombudsman's contact details",
    "ombudsman.reference": "the Ombudsman's case number",
    "salutation": "how the letter greets its reader: 'Ms O'Sullivan', or the full name",
    "advocacy.contact": "how to reach the advocacy service directly (Settings)",
    "help_at_hand": "the Children's Commissioner's Help at Hand service, in words",
    "panel.time": "the time the review panel meets",
    "panel.venue": "where the review panel meets, or the link of a remote meeting",
    "addressee.role": "investigating officer or independent person (commissioning letter)",
    "addressee.fee": "the fee agreed with the addressee (commissioning letter)",
    "colleague.name": "the other person commissioned at stage 2",
    "colleague.role": "the other person's role at stage 2",
    # contacts (compliments and enquiries)
    "contact.received": "the date the compliment or enquiry was received",
    "contact.summary": "what the compliment or enquiry said",
    "contact.kind": "compliment, MP enquiry, ...",
}

CONDITIONS: dict[str, str] = {
    "child": "the complainant is the child or young person",
    "about_child": "the complaint names a child or young person",
    "statutory": "the complaint follows the Children Act 1989 procedure",
    "corporate": "the complaint follows the corporate procedure",
    "adult": "the complaint follows the adult social care procedure",
    "extended": "the stage in progress has been extended",
    "can_escalate": "the complainant may ask for a further stage",
    "final": "this is the council's final response (no further stage)",
    "by_email": "the letter goes by e-mail, not by post",
    "large_print": "the complainant asked for large print",
}

OMBUDSMAN_DETAILS = (
    "Local Government and Social Care Ombudsman\n"
    "PO Box 4771, Coventry CV4 0EH\n"
    "Telephone: 0300 061 0614\n"
    "Website: www.lgo.org.uk"
)
"""The Ombudsman's published contact details, printed wherever the rules require them."""

HELP_AT_HAND = (
    "Help at Hand, from the Children's Commissioner for England: "
    "freephone 0800 528 0731, help.team@childrenscommissioner.gov.uk"
)
"""Where a child in care or getting help from social care can go for advice and help."""

ADVOCACY_SERVICE = (
    "an independent advocate. An advocate is someone on your side who can help you say "
    "what you want to say. It is free, and we can arrange one for you"
)
"""What a letter says about advocacy when no provider is named on the case."""
