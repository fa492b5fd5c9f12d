//! The OpenAPI document of the JSON API, generated from the handlers'
//! `#[utoipa::path]` attributes and served at `/api/v1/openapi.json`. A
//! snapshot test (`tests/openapi.rs`) locks it, so a change to the contract
//! shows up in review as a change to `docs/api/openapi.json`.

use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// Every error answers with this envelope.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorBody {
    /// Stable, for programs: `not_found`, `invalid_email`, `too_many_requests`…
    code: String,
    /// For people: English, or the language the caller asks for with
    /// `Accept-Language` (`uk`).
    message: String,
    /// A refused input: every field's problem (only then present).
    fields: Option<Vec<FieldProblem>>,
    /// A 403's reason, for programs: `blocked`, `same_moderator`,
    /// `staff_only`… (only then present).
    reason: Option<String>,
}

#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FieldProblem {
    /// The input property (`title`, `body`…).
    field: String,
    /// Stable, for programs: `invalid_title`…
    code: String,
    /// For people, as `message`.
    message: String,
}

struct Security;

impl Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "a personal access token (`cs_…`) from POST /api/v1/{tenant}/tokens",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "civic_session",
                "the browser session; state changes then need the X-CSRF-Token header",
            ))),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Civic Space API",
        version = "1",
        description = "The JSON API of Civic Space (DESIGN section 5). Errors use the envelope \
            `{\"error\": {\"code\", \"message\"}}`; lists are paginated with an opaque `cursor` and `next_cursor`."
    ),
    paths(
        super::users::register,
        super::admin::people,
        super::admin::set_role,
        super::admin::audit,
        super::account::create_token,
        super::account::list_tokens,
        super::account::revoke_token,
        super::account::me,
        super::account::delete_account,
        super::account::change_password,
        super::account::export,
        super::account::sessions,
        super::account::end_other_sessions,
        super::account::end_session,
        super::account::request_password_reset,
        super::account::complete_password_reset,
        super::spaces::list,
        super::spaces::create,
        super::spaces::update,
        super::ideas::list,
        super::ideas::similar,
        super::ideas::show,
        super::comments::comments,
        super::ideas::create,
        super::ideas::support,
        super::ideas::unsupport,
        super::comments::create_comment,
        super::ideas::create_answer,
        super::search::search,
        super::ideas::edit,
        super::ideas::withdraw,
        super::duplicates::list,
        super::duplicates::merge,
        super::duplicates::dismiss,
        super::topics::list,
        super::topics::recompute,
        super::comments::edit_comment,
        super::comments::delete_comment,
        super::comments::vote_comment,
        super::polls::list,
        super::polls::create,
        super::polls::show,
        super::polls::respond,
        super::polls::results,
        super::polls::update,
        super::polls::publish,
        super::polls::duplicate,
        super::conversations::list,
        super::conversations::create,
        super::conversations::show,
        super::conversations::next,
        super::conversations::add_statement,
        super::conversations::moderate,
        super::conversations::vote,
        super::conversations::set_status,
        super::conversations::results,
        super::budgets::list,
        super::budgets::create,
        super::budgets::show,
        super::budgets::projects,
        super::budgets::propose,
        super::budgets::project,
        super::budgets::vote,
        super::budgets::mine,
        super::budgets::cancel,
        super::budgets::paper_ballot,
        super::budgets::results,
        super::budgets::set_phase,
        super::budgets::review,
        super::budgets::set_implementation,
        super::consultations::list,
        super::consultations::create,
        super::consultations::show,
        super::consultations::set_phase,
        super::consultations::report,
        super::consultations::section,
        super::consultations::comments,
        super::consultations::comment,
        super::consultations::amendments,
        super::consultations::amend,
        super::consultations::support,
        super::consultations::unsupport,
        super::consultations::withdraw,
        super::consultations::answer,
        super::debates::list,
        super::debates::create,
        super::debates::show,
        super::debates::argue,
        super::debates::convincing,
        super::debates::unconvincing,
        super::debates::stance,
        super::debates::conclude,
        super::flags::create,
        super::flags::list,
        super::moderation::queue,
        super::moderation::restore,
        super::moderation::hide,
        super::moderation::appeal,
        super::moderation::decide,
        super::moderation::block,
        super::moderation::settings,
        super::moderation::set_settings,
        super::petitions::list,
        super::petitions::create,
        super::petitions::show,
        super::petitions::edit,
        super::petitions::submit,
        super::petitions::sign,
        super::petitions::review,
        super::petitions::forward,
        super::petitions::answer,
        super::petitions::close,
        super::petitions::rules,
        super::petitions::set_rules,
        // Contests and joint projects (issue 19).
        super::contests::list,
        super::contests::create,
        super::contests::show,
        super::contests::advance,
        super::contests::submissions,
        super::contests::submit,
        super::contests::vote,
        super::contests::unvote,
        super::contests::add_juror,
        super::contests::jury,
        super::contests::score,
        super::contests::conflict,
        super::contests::results,
        super::contests::announce,
        super::joint_projects::list,
        super::joint_projects::create,
        super::joint_projects::show,
        super::joint_projects::status,
        super::joint_projects::add_milestone,
        super::joint_projects::set_milestone,
        super::joint_projects::add_update,
        super::joint_projects::add_task,
        super::joint_projects::sign_up,
        super::joint_projects::cancel,
        // Open data (issue 24).
        super::open_data::catalogue,
        super::open_data::dataset,
        super::open_data::licence,
        super::open_data::set_licence,
        super::statistics::statistics,
        // Problem reports (issue 20).
        super::reports::list,
        super::reports::map,
        super::reports::create,
        super::reports::show,
        super::reports::voice,
        super::reports::feedback,
        super::reports::status,
        super::reports::reply,
        super::reports::note,
        super::reports::categories,
        super::reports::stats,
        super::reports::queue,
        super::notifications::follow_idea,
        super::notifications::unfollow_idea,
        super::notifications::follow_space,
        super::notifications::unfollow_space,
        super::notifications::follow_petition,
        super::notifications::unfollow_petition,
        super::notifications::follow_report,
        super::notifications::unfollow_report,
        super::notifications::list,
        super::notifications::mark_read,
        super::notifications::settings,
        super::notifications::save_settings,
        // Verified residents (issue 21).
        super::verification::show,
        super::verification::verify,
    ),
    components(schemas(ErrorEnvelope, ErrorBody, FieldProblem)),
    modifiers(&Security),
    tags(
        (name = "accounts", description = "registration, tokens, sessions, passwords, privacy"),
        (name = "administration", description = "people, roles and the audit log (tenant administrators)"),
        (name = "spaces", description = "participatory spaces"),
        (name = "ideas", description = "ideas, supports, comments, the city's answers, search"),
        (name = "polls", description = "polls and surveys: questions, responses, results"),
        (name = "conversations", description = "statements, votes and opinion groups"),
        (name = "budgets", description = "participatory budgets: projects, review, ballots, results, implementation"),
        (name = "consultations", description = "public consultations on a document: sections, comments, amendments, the city's answers, the synthesis"),
        (name = "debates", description = "debates: arguments for and against, replies, convincing marks, stances, the city's conclusion"),
        (name = "moderation", description = "flags: residents report items to the moderators; items hidden by flags, held by the screening or hidden by a moderator; the queue, blocks and appeals"),
        (name = "petitions", description = "local e-petitions: drafts, the check, signatures counted once, the council's answer, the statute's rules"),
        (name = "contests", description = "contests of creative solutions: challenges, submissions, the public vote, the jury, results and winners"),
        (name = "projects", description = "joint projects and accountability: milestones, progress updates, volunteer tasks; everything tracked to implementation"),
        // Problem reports (issue 20).
        (name = "reports", description = "problem reports: categories routed to departments, reports, me-too voices, statuses, public replies and internal notes, the reporter's confirmation, statistics per department"),
        (name = "notifications", description = "following ideas and spaces, notifications and their mail settings"),
        // Open data (issue 24).
        (name = "open data", description = "open data: the DCAT-AP catalogue (JSON-LD), datasets as CSV and JSON without personal data, the licence"),
        (name = "statistics", description = "participation statistics everyone may see: people taking part, contributions per week, the city's answers and their median delay, ideas implemented"),
        // Verified residents (issue 21).
        (name = "verification", description = "verified residents: the caller's verification, and verifying against the municipality's census list"),
    )
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
