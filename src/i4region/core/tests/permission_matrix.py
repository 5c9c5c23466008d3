"""What each visitor gets from each view (GET): the permission rules of SECURITY.md as data.

VIEWS maps a URL name to (statuses, parameters). Statuses are in the order of ACTORS; parameters
fill the URL from the test's sample records ("meeting.pk") or are literal values. A view that is
not here fails the suite: decide who may see it and write it down once, here.

302 is the way to the login page for anonymous visitors (and, for a few board views, back to the
page where the thing is done); 403 a signed-in visitor whose role or seat does not allow it;
405 a view that only acts on POST (its permission is checked by its own app's tests).
"""

ACTORS = (
    "anonymous",
    "administrator",
    "secretariat",
    "board_member",  # with a seat on the sample board
    "member_without_seat",  # the board member role, no seat on that board
    "initiative_manager",  # a manager of the sample initiative
    "company_rep",  # a representative of the sample organisation
    "company_rep_other",  # a representative of another organisation
)

EVERYONE = (200, 200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200, 200)
SECRETARIAT = (302, 200, 200, 403, 403, 403, 403, 403)
# the secretariat's page of a record of an unpublished organisation: a missing page (404) to those
# who may not see the organisation, a refusal to the internal roles who may
HIDDEN_SECRETARIAT = (404, 200, 200, 403, 403, 403, 404, 404)
SEATED_MEMBER = (302, 200, 200, 200, 403, 403, 403, 403)  # the board's seats and its secretariat
MANAGER = (302, 200, 200, 403, 403, 200, 403, 403)  # the initiative's managers and the secretariat
INTERNAL = (
    302,
    200,
    200,
    200,
    200,
    200,
    403,
    403,
)  # every internal role, no company representative
POST_ONLY = (405, 405, 405, 405, 405, 405, 405, 405)
NOT_FOUND = (404, 404, 404, 404, 404, 404, 404, 404)
DRAFT = (404, 200, 200, 200, 200, 404, 404, 404)  # a draft: the board and the secretariat only
# the secretariat's page of a draft: a missing page to those who may not read the draft
DRAFT_SECRETARIAT = (404, 200, 200, 403, 403, 404, 404, 404)
BAD_REQUEST = (400, 400, 400, 400, 400, 400, 400, 400)  # required query parameters missing

# Django's admin is staff only (accounts tests); it has hundreds of URL names of its own.
NOT_IN_MATRIX = ("admin:",)

VIEWS: dict[str, tuple[tuple[int, ...], dict[str, str]]] = {
    "accounts:login": (EVERYONE, {}),
    "accounts:logout": (POST_ONLY, {}),
    "accounts:password_reset": (EVERYONE, {}),
    "accounts:password_reset_complete": (EVERYONE, {}),
    "accounts:password_reset_confirm": (EVERYONE, {"uidb64": "MQ", "token": "set-password"}),
    "accounts:password_reset_done": (EVERYONE, {}),
    "api:actions": (EVERYONE, {"slug": "board.slug"}),
    "api:api-root": (NOT_FOUND, {}),
    "api:boards": (EVERYONE, {}),
    "api:decisions": (EVERYONE, {"slug": "board.slug"}),
    "api:indicator": (EVERYONE, {"code": "indicator.code"}),
    "api:indicators": (EVERYONE, {}),
    "api:initiative_sustainability": (EVERYONE, {"slug": "initiative.slug"}),
    "api:list_initiatives": (EVERYONE, {}),
    "api:openapi-json": (EVERYONE, {}),
    "api:openapi-view": (EVERYONE, {}),
    "api:organisations": (EVERYONE, {}),
    "api:published": (EVERYONE, {}),
    "api:years": (EVERYONE, {}),
    "api:region": (EVERYONE, {"code": "LT025"}),
    "api:series": (BAD_REQUEST, {}),
    "api:series_csv": (BAD_REQUEST, {}),
    "api:unknown_path": (NOT_FOUND, {"rest": "nothing/here"}),
    "board:action": (SEATED_MEMBER, {"slug": "board.slug", "pk": "action.pk"}),
    "board:action_add": (SECRETARIAT, {"slug": "board.slug"}),
    "board:action_edit": (SECRETARIAT, {"slug": "board.slug", "pk": "action.pk"}),
    "board:action_progress": (
        (302, 302, 302, 403, 403, 403, 403, 403),
        {"slug": "board.slug", "pk": "action.pk"},
    ),
    "board:actions_bulk": (POST_ONLY, {"slug": "board.slug"}),
    "board:agenda_add": (SECRETARIAT, {"slug": "board.slug", "pk": "meeting.pk"}),
    "board:agenda_delete": (
        SECRETARIAT,
        {"slug": "board.slug", "pk": "meeting.pk", "item": "agenda_item.pk"},
    ),
    "board:agenda_edit": (
        SECRETARIAT,
        {"slug": "board.slug", "pk": "meeting.pk", "item": "agenda_item.pk"},
    ),
    "board:attendance_add": (SECRETARIAT, {"slug": "board.slug", "pk": "meeting.pk"}),
    "board:attendance_roll": (
        (302, 302, 302, 403, 403, 403, 403, 403),
        {"slug": "board.slug", "pk": "meeting.pk"},
    ),
    "board:board_create": (SECRETARIAT, {}),
    "board:board_edit": (SECRETARIAT, {"slug": "board.slug"}),
    "board:challenge": (SEATED_MEMBER, {"slug": "board.slug", "pk": "challenge.pk"}),
    "board:challenge_add": (SECRETARIAT, {"slug": "board.slug"}),
    "board:challenge_edit": (SECRETARIAT, {"slug": "board.slug", "pk": "challenge.pk"}),
    "board:comment": (POST_ONLY, {"slug": "board.slug", "kind": "meeting", "pk": "meeting.pk"}),
    "board:csv": (SEATED_MEMBER, {"slug": "board.slug", "name": "decisions"}),
    "board:decision": (SEATED_MEMBER, {"slug": "board.slug", "pk": "decision.pk"}),
    "board:decision_add": (SECRETARIAT, {"slug": "board.slug"}),
    "board:decision_amend": (SECRETARIAT, {"slug": "board.slug", "pk": "decision.pk"}),
    "board:decision_decide": (POST_ONLY, {"slug": "board.slug", "pk": "decision.pk"}),
    "board:decision_edit": (
        (302, 302, 302, 403, 403, 403, 403, 403),
        {"slug": "board.slug", "pk": "decision.pk"},
    ),
    "board:decision_mode": (POST_ONLY, {"slug": "board.slug", "pk": "decision.pk"}),
    "board:decision_open": (POST_ONLY, {"slug": "board.slug", "pk": "decision.pk"}),
    "board:decision_tally": (POST_ONLY, {"slug": "board.slug", "pk": "decision.pk"}),
    "board:decision_vote": (POST_ONLY, {"slug": "board.slug", "pk": "decision.pk"}),
    "board:decision_withdraw": (POST_ONLY, {"slug": "board.slug", "pk": "decision.pk"}),
    "board:document_add": (SECRETARIAT, {"slug": "board.slug", "pk": "meeting.pk"}),
    "board:document_delete": (
        SECRETARIAT,
        {"slug": "board.slug", "pk": "meeting.pk", "item": "document.pk"},
    ),
    "board:evidence_add": (SECRETARIAT, {"slug": "board.slug", "pk": "challenge.pk"}),
    "board:founder_add": (SECRETARIAT, {"slug": "board.slug"}),
    "board:founder_delete": (SECRETARIAT, {"slug": "board.slug", "founder": "founder.pk"}),
    "board:founder_edit": (SECRETARIAT, {"slug": "board.slug", "founder": "founder.pk"}),
    "board:guest_delete": (
        SECRETARIAT,
        {"slug": "board.slug", "pk": "meeting.pk", "item": "guest.pk"},
    ),
    "board:guest_edit": (
        SECRETARIAT,
        {"slug": "board.slug", "pk": "meeting.pk", "item": "guest.pk"},
    ),
    "board:history": (SEATED_MEMBER, {"slug": "board.slug"}),
    "board:index": (EVERYONE, {}),
    "board:meeting": (SEATED_MEMBER, {"slug": "board.slug", "pk": "meeting.pk"}),
    "board:meeting_add": (SECRETARIAT, {"slug": "board.slug"}),
    "board:meeting_edit": (SECRETARIAT, {"slug": "board.slug", "pk": "meeting.pk"}),
    "board:meetings_ics": (SEATED_MEMBER, {"slug": "board.slug"}),
    "board:member_add": (SECRETARIAT, {"slug": "board.slug"}),
    "board:member_edit": (SECRETARIAT, {"slug": "board.slug", "pk": "membership.pk"}),
    "board:milestone_add": (SECRETARIAT, {"slug": "board.slug", "pk": "action.pk"}),
    "board:milestone_delete": (
        SECRETARIAT,
        {"slug": "board.slug", "pk": "action.pk", "item": "milestone.pk"},
    ),
    "board:milestone_edit": (
        SECRETARIAT,
        {"slug": "board.slug", "pk": "action.pk", "item": "milestone.pk"},
    ),
    "board:minutes_edit": (
        (302, 302, 302, 302, 302, 302, 302, 302),
        {"slug": "board.slug", "pk": "meeting.pk"},
    ),
    "board:minutes_status": (POST_ONLY, {"slug": "board.slug", "pk": "meeting.pk"}),
    "board:my_actions": (SIGNED_IN, {}),
    "board:proposal": (SEATED_MEMBER, {"slug": "board.slug", "pk": "proposal.pk"}),
    "board:proposal_add": (SEATED_MEMBER, {"slug": "board.slug"}),
    "board:proposal_edit": (SECRETARIAT, {"slug": "board.slug", "pk": "proposal.pk"}),
    "board:proposal_state": (POST_ONLY, {"slug": "board.slug", "pk": "proposal.pk"}),
    "board:public": (EVERYONE, {"slug": "board.slug"}),
    "board:public_csv": (EVERYONE, {"slug": "board.slug", "name": "decisions"}),
    "board:workspace": (SEATED_MEMBER, {"slug": "board.slug"}),
    "core:home": (EVERYONE, {}),
    "core:unbuilt": (NOT_FOUND, {"slug": "maturity"}),  # every capability is built
    "indices:analyse": (POST_ONLY, {"what": "uncertainty"}),
    "indices:correlations": (EVERYONE, {}),
    "indices:method": (EVERYONE, {}),
    "indices:ranking": (EVERYONE, {}),
    "indices:recompute": (SECRETARIAT, {}),
    "indices:region": (EVERYONE, {"code": "LT02"}),
    "indices:sensitivity": (EVERYONE, {}),
    "indices:uncertainty": (EVERYONE, {}),
    "initiatives:budget_add": (MANAGER, {"slug": "initiative.slug"}),
    "initiatives:budget_delete": (MANAGER, {"slug": "initiative.slug", "pk": "budget_line.pk"}),
    "initiatives:budget_edit": (MANAGER, {"slug": "initiative.slug", "pk": "budget_line.pk"}),
    "initiatives:create": (SECRETARIAT, {}),
    "initiatives:dashboard": (EVERYONE, {}),
    "initiatives:delete": (SECRETARIAT, {"slug": "initiative.slug"}),
    "initiatives:detail": (EVERYONE, {"slug": "initiative.slug"}),
    "initiatives:edit": (MANAGER, {"slug": "initiative.slug"}),
    "initiatives:evidence": (EVERYONE, {"slug": "initiative.slug"}),
    "initiatives:export": (EVERYONE, {"name": "initiatives"}),
    "initiatives:fact_add": (MANAGER, {"slug": "initiative.slug"}),
    "initiatives:fact_delete": (MANAGER, {"slug": "initiative.slug", "pk": "fact.pk"}),
    "initiatives:fact_edit": (MANAGER, {"slug": "initiative.slug", "pk": "fact.pk"}),
    "initiatives:funding_add": (MANAGER, {"slug": "initiative.slug"}),
    "initiatives:funding_delete": (MANAGER, {"slug": "initiative.slug", "pk": "funding_line.pk"}),
    "initiatives:funding_edit": (MANAGER, {"slug": "initiative.slug", "pk": "funding_line.pk"}),
    "initiatives:import": (SECRETARIAT, {}),
    "initiatives:kpi_add": (MANAGER, {"slug": "initiative.slug"}),
    "initiatives:kpi_delete": (MANAGER, {"slug": "initiative.slug", "pk": "kpi.pk"}),
    "initiatives:kpi_edit": (MANAGER, {"slug": "initiative.slug", "pk": "kpi.pk"}),
    "initiatives:kpi_value_add": (MANAGER, {"slug": "initiative.slug"}),
    "initiatives:kpi_value_delete": (MANAGER, {"slug": "initiative.slug", "pk": "kpi_value.pk"}),
    "initiatives:kpi_value_edit": (MANAGER, {"slug": "initiative.slug", "pk": "kpi_value.pk"}),
    "initiatives:scenario": (EVERYONE, {}),
    # a job's page: its owner and the secretariat only (jobs/tests); no job has this number
    "jobs:job": ((302, 404, 404, 404, 404, 404, 404, 404), {"pk": "999999"}),
    "jobs:cancel": (POST_ONLY, {"pk": "999999"}),
    "jobs:file": ((302, 404, 404, 404, 404, 404, 404, 404), {"pk": "999999", "file": "1"}),
    "jobs:list": (SIGNED_IN, {}),
    "jobs:retry": (POST_ONLY, {"pk": "999999"}),
    "observatory:download": (EVERYONE, {"code": "indicator.code", "fmt": "csv"}),
    "observatory:entry": (SECRETARIAT, {}),
    "observatory:imports": (SECRETARIAT, {}),
    "observatory:indicator": (EVERYONE, {"code": "indicator.code"}),
    "observatory:indicator_edit": (SECRETARIAT, {"code": "indicator.code"}),
    "observatory:indicators": (EVERYONE, {}),
    "observatory:targets": (EVERYONE, {}),
    "observatory:upload": (SECRETARIAT, {}),
    "regions:detail": (EVERYONE, {"code": "LT025"}),
    "regions:search": (EVERYONE, {}),
    "reports:batch": (POST_ONLY, {}),
    "reports:index": (SECRETARIAT, {}),
    "reports:initiative": (EVERYONE, {"slug": "initiative.slug", "fmt": "html"}),
    "reports:pick": (NOT_FOUND, {}),
    "reports:region-profile": (EVERYONE, {"region": "LT025", "fmt": "html"}),
    "stakeholders:activities": (INTERNAL, {}),
    "stakeholders:add_activity": (SECRETARIAT, {"org": "organisation.pk"}),
    "stakeholders:add_organisation": (SECRETARIAT, {}),
    "stakeholders:add_person": (SECRETARIAT, {"org": "organisation.pk"}),
    "stakeholders:add_relation": (SECRETARIAT, {"org": "organisation.pk"}),
    "stakeholders:alerts": (SECRETARIAT, {}),
    "stakeholders:assess": (SECRETARIAT, {"org": "organisation.pk"}),
    "stakeholders:delete_activity": (SECRETARIAT, {"pk": "activity.pk"}),
    "stakeholders:delete_relation": (SECRETARIAT, {"pk": "relation.pk"}),
    "stakeholders:edit_activity": (SECRETARIAT, {"pk": "activity.pk"}),
    "stakeholders:edit_assessment": (HIDDEN_SECRETARIAT, {"pk": "assessment.pk"}),
    "stakeholders:edit_interaction": (HIDDEN_SECRETARIAT, {"pk": "interaction.pk"}),
    "stakeholders:edit_organisation": (SECRETARIAT, {"pk": "organisation.pk"}),
    "stakeholders:edit_person": (HIDDEN_SECRETARIAT, {"pk": "person.pk"}),
    "stakeholders:edit_relation": (SECRETARIAT, {"pk": "relation.pk"}),
    "stakeholders:erase": (SECRETARIAT, {"pk": "person.pk"}),
    "stakeholders:follow_up_done": (
        (302, 405, 405, 403, 403, 403, 403, 403),
        {"pk": "follow_up.pk"},
    ),
    "stakeholders:grid": (INTERNAL, {}),
    "stakeholders:key_actors": (INTERNAL, {}),
    "stakeholders:kumu": (SECRETARIAT, {}),
    "stakeholders:kumu_export": (SECRETARIAT, {"fmt": "xlsx"}),
    "stakeholders:log_interaction": (SECRETARIAT, {"org": "organisation.pk"}),
    "stakeholders:network": (INTERNAL, {}),
    "stakeholders:network_svg": (INTERNAL, {}),
    "stakeholders:organisation": (EVERYONE, {"pk": "organisation.pk"}),
    "stakeholders:organisations": (EVERYONE, {}),
    "transfer:dump": (POST_ONLY, {}),
    "transfer:guide": (EVERYONE, {}),
    "transfer:instance": (SECRETARIAT, {}),
    "transfer:load": (POST_ONLY, {}),
    "transfer:template": (EVERYONE, {"slug": "board-composition"}),
    "transfer:template_file": (EVERYONE, {"slug": "board-composition"}),
    # maturity: a company's answers and results are its own and the secretariat's
    "api:regional_aggregates": (EVERYONE, {}),
    "maturity:index": (EVERYONE, {}),
    "maturity:start": (SECRETARIAT, {}),
    "maturity:import": (SECRETARIAT, {}),
    "maturity:result": (SECRETARIAT, {"pk": "maturity_response.pk"}),
    "maturity:brief": (SECRETARIAT, {"pk": "maturity_response.pk"}),
    "maturity:export": (SECRETARIAT, {"model": "dma", "form": "wide"}),
    # a submitted response is not answered again: the secretariat is sent to its result
    "maturity:answer": (
        (302, 302, 302, 403, 403, 403, 403, 403),
        {"pk": "maturity_response.pk", "dimension": "digital_readiness"},
    ),
    # strategy: the sample strategy is a draft, which the board and the secretariat see
    "api:list_strategies": (EVERYONE, {}),
    "api:strategy_detail": (NOT_FOUND, {"slug": "strategy.slug"}),
    "strategy:index": (EVERYONE, {}),
    "strategy:talent_path": (EVERYONE, {}),
    "strategy:export": (EVERYONE, {"name": "strategies"}),
    "strategy:detail": (DRAFT, {"slug": "strategy.slug"}),
    "strategy:coordination": (DRAFT, {"slug": "strategy.slug"}),
    "strategy:priority": (DRAFT, {"pk": "priority.pk"}),
    "strategy:measure": (DRAFT, {"pk": "measure.pk"}),
    "strategy:create": (SECRETARIAT, {}),
    "strategy:edit": (DRAFT_SECRETARIAT, {"slug": "strategy.slug"}),
    "strategy:priority_add": (DRAFT_SECRETARIAT, {"slug": "strategy.slug"}),
    "strategy:priority_edit": (DRAFT_SECRETARIAT, {"pk": "priority.pk"}),
    "strategy:priority_delete": (DRAFT_SECRETARIAT, {"pk": "priority.pk"}),
    "strategy:measure_add": (DRAFT_SECRETARIAT, {"priority": "priority.pk"}),
    "strategy:measure_edit": (DRAFT_SECRETARIAT, {"pk": "measure.pk"}),
    "strategy:measure_delete": (DRAFT_SECRETARIAT, {"pk": "measure.pk"}),
    "strategy:link_add": (DRAFT_SECRETARIAT, {"measure": "measure.pk"}),
    "strategy:link_delete": (DRAFT_SECRETARIAT, {"pk": "measure_link.pk"}),
    "strategy:serve": (SECRETARIAT, {"kind": "initiative", "pk": "initiative.pk"}),
    # observatory, search and reports
    "observatory:compare": (EVERYONE, {}),
    # a chart of no region is nothing to show (the pages ask with ?regions=…)
    "observatory:chart": (NOT_FOUND, {"code": "indicator.code", "fmt": "svg"}),
    "search:index": (EVERYONE, {}),
    # a confidential report answers an anonymous visitor with its reason (403), not a login form
    "reports:board-briefing": (
        (403, 200, 200, 200, 403, 403, 403, 403),
        {"board": "board.slug", "meeting": "meeting.pk", "fmt": "html"},
    ),
    "reports:company-brief": (
        (403, 200, 200, 403, 403, 403, 403, 403),
        {
            "organisation": "maturity_response.organisation_id",
            "wave": "maturity_response.wave",
            "fmt": "html",
        },
    ),
}
