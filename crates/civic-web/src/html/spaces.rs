//! `/{tenant}/spaces/{space}`: a participatory space and its ideas.

use super::{IdeaCard, Layout, render};
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use axum::routing::get;
use civic_core::SpaceId;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/spaces/{space}", get(show))
        .route("/{tenant}/spaces/{space}/ideas.csv", get(export_csv))
}

#[derive(Template)]
#[template(path = "space.html")]
struct SpacePage {
    shell: Layout,
    slug: String,
    space_id: i64,
    title: String,
    status_key: String,
    /// Open for new ideas.
    open: bool,
    dates: Option<String>,
    description: String,
    description_html: String,
    ideas: Vec<IdeaCard>,
    /// The next page: this list's query with its cursor.
    next_link: Option<String>,
    /// The filter form: (value, message key) of each choice, and what is chosen.
    sorts: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    categories: Vec<String>,
    districts: Vec<String>,
    /// The space's topics to filter by: (id, name or words).
    topics: Vec<(String, String)>,
    topic: String,
    sort: String,
    status: String,
    category: String,
    district: String,
    mine: bool,
    /// Staff may download the ideas as CSV.
    exports: bool,
    conversations: Vec<civic_core::conversations::Conversation>,
    budgets: Vec<BudgetCard>,
    consultations: Vec<ConsultationCard>,
    /// Officials and administrators may set up a participatory budget here.
    manages_budgets: bool,
    debates: Vec<DebateCard>,
    // Contests and joint projects (issue 19).
    contests: Vec<super::contests::ContestCard>,
    projects: Vec<super::joint_projects::ProjectCard>,
    /// Staff may open a conversation here.
    manages: bool,
    /// Officials and administrators may build a poll here (and see drafts).
    manages_polls: bool,
    polls: Vec<PollCard>,
    /// A draft, shown to staff only.
    draft: bool,
    phases: Vec<PhaseItem>,
    /// The image's URL and its description.
    image: Option<(String, String)>,
    ideas_on: bool,
    polls_on: bool,
    conversations_on: bool,
    /// Only verified residents may take part, and the viewer is not one.
    verified_only: bool,
    /// Administrators get a link to the settings.
    administers: bool,
    /// Signed in: whether the person follows the space.
    following: Option<bool>,
}

/// A debate as the space page lists it.
pub struct DebateCard {
    pub id: i64,
    pub question: String,
    /// open, closed or concluded.
    pub status: &'static str,
    pub argument_count: i64,
}

/// A participatory budget as the space page lists it.
pub struct BudgetCard {
    pub id: i64,
    pub title: String,
    pub phase: &'static str,
    pub phase_key: String,
    pub amount: String,
    pub project_count: i64,
}

/// A consultation as the space page lists it.
pub struct ConsultationCard {
    pub id: i64,
    pub title: String,
    pub phase: &'static str,
    pub phase_key: String,
    pub section_count: i64,
    pub amendment_count: i64,
}

pub struct PhaseItem {
    pub name: String,
    pub dates: String,
    pub current: bool,
}

pub struct PollCard {
    pub draft: bool,
    pub id: i64,
    pub title: String,
    pub phase_key: String,
    pub phase: &'static str,
    pub response_count: i64,
}

/// A value for a link's query string, percent-encoded.
fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    crate::auth::MaybeUser(user): crate::auth::MaybeUser,
    Path((_, space)): Path<(String, String)>,
    Query(query): Query<civic_app::ideas::ListQuery>,
) -> Result<Html<String>, WebError> {
    let space_id = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let staff = user
        .as_ref()
        .is_some_and(|(p, _)| civic_app::spaces::may_view_drafts(p.role));
    let me = user.as_ref().map(|(p, _)| p.user_id);
    let params = query.params(me, staff)?;
    let mine = query.wants_mine();
    let role = user.as_ref().map(|(p, _)| p.role);

    let manages = role.is_some_and(civic_app::conversations::may_manage);
    // Draft polls are for those who build polls, not for moderators.
    let manages_polls = role.is_some_and(civic_app::polls::may_manage);
    let listing = crate::space_listing_cache::space_listing(
        &state,
        tenant.tenant_id(),
        &tenant.slug,
        space_id,
        &params,
        manages_polls,
    )
    .await?;
    let crate::space_listing_cache::SpaceListing {
        space,
        page,
        listed,
        polls,
        conversations,
        budgets,
        consultations,
        debates,
        contests,
        projects,
        topics,
    } = &*listing;
    let chosen = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .unwrap_or("")
            .chars()
            .take(60)
            .collect::<String>()
    };
    let (status, category, district, topic) = (
        chosen(&query.status),
        chosen(&query.category),
        chosen(&query.district),
        chosen(&query.topic),
    );
    let next_link = page.next_cursor.as_ref().map(|cursor| {
        let mut link = format!(
            "/{}/spaces/{}?sort={}&cursor={}",
            tenant.slug,
            space.id,
            listed.sort.as_str(),
            encode(cursor)
        );
        for (name, value) in [
            ("status", &status),
            ("category", &category),
            ("district", &district),
            ("topic", &topic),
        ] {
            if !value.is_empty() {
                link.push_str(&format!("&{name}={}", encode(value)));
            }
        }
        if mine {
            link.push_str("&mine=1");
        }
        link
    });
    let exports = user
        .as_ref()
        .is_some_and(|(p, _)| p.role.is_among(civic_core::user::StaffRoles::Officials));
    let dates = match (space.starts_at, space.ends_at) {
        (Some(start), Some(end)) => {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("start", shell.i.date(start));
            args.set("end", shell.i.date(end - 1));
            Some(state.catalog.message(shell.i.locale, "space-dates", Some(&args)))
        }
        _ => None,
    };
    let now = civic_core::Timestamp::now();
    let stored_phases = civic_app::spaces::phases(space);
    let current = civic_core::spaces::current_phase(&stored_phases, now.0);
    let phases = stored_phases
        .into_iter()
        .enumerate()
        .map(|(n, p)| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("start", shell.i.date(p.starts_at));
            args.set("end", shell.i.date(p.ends_at - 1));
            PhaseItem {
                dates: state.catalog.message(shell.i.locale, "space-dates", Some(&args)),
                name: p.name,
                current: current == Some(n),
            }
        })
        .collect();
    let administers = user
        .as_ref()
        .is_some_and(|(p, _)| civic_app::spaces::may_manage(p.role));
    // Staff also see draft polls, which link to the builder.
    let polls = polls
        .iter()
        .map(|p| PollCard {
            id: p.id,
            draft: p.status == "draft",
            phase: p.phase(now),
            phase_key: format!("poll-phase-{}", p.phase(now)),
            response_count: p.response_count,
            title: p.title.clone(),
        })
        .collect();
    let following = match me {
        Some(user) => Some(
            civic_app::notifications::is_following(
                &state.platform,
                tenant.tenant_id(),
                user,
                civic_app::notifications::FollowTarget::Space(space_id),
            )
            .await?,
        ),
        None => None,
    };
    let budgets = budgets
        .iter()
        .map(|b| BudgetCard {
            id: b.id,
            title: b.title.clone(),
            phase: b.phase.as_str(),
            phase_key: format!("budget-phase-{}", b.phase.as_str()),
            amount: shell.i.with("budget-money", "amount", &shell.i.number(b.amount as f64)),
            project_count: b.project_count,
        })
        .collect();
    let consultations = consultations
        .iter()
        .map(|c| ConsultationCard {
            id: c.id,
            title: c.title.clone(),
            phase: c.phase.as_str(),
            phase_key: format!("consultation-phase-{}", c.phase.as_str()),
            section_count: c.section_count,
            amendment_count: c.amendment_count,
        })
        .collect();
    let debates = debates
        .iter()
        .map(|d| DebateCard {
            id: d.id,
            status: if d.concluded() {
                "concluded"
            } else if d.open_at(now) {
                "open"
            } else {
                "closed"
            },
            question: d.question.clone(),
            argument_count: d.argument_count,
        })
        .collect();
    // Only verified residents may take part: the viewer is one (asked only
    // for such a space), or is told where to verify.
    let admitted =
        civic_app::verification::admits(&state.platform, tenant.tenant_id(), &space.participation, me).await?;
    render(&SpacePage {
        // Contests and joint projects (issue 19).
        contests: contests.iter().map(super::contests::contest_card).collect(),
        projects: projects.iter().map(super::joint_projects::project_card).collect(),
        budgets,
        consultations,
        debates,
        manages_budgets: role.is_some_and(civic_app::budgets::may_manage),
        draft: space.status == civic_core::spaces::SpaceStatus::Draft,
        phases,
        image: space.image_updated_at.map(|at| {
            (
                format!("/{}/spaces/{}/image?v={at}", tenant.slug, space.id),
                space.image_alt.clone().unwrap_or_default(),
            )
        }),
        ideas_on: space.has_module("ideas"),
        polls_on: space.has_module("polls"),
        conversations_on: space.has_module("conversations"),
        verified_only: !admitted,
        administers,
        following,
        polls,
        conversations: conversations.clone(),
        manages,
        manages_polls,
        slug: tenant.slug.clone(),
        space_id: space.id.0,
        status_key: format!("space-status-{}", space.status),
        open: space.is_open(civic_core::Timestamp::now()),
        dates,
        description_html: crate::markdown::to_safe_html(&space.description),
        description: space.description.clone(),
        ideas: page.items.iter().map(IdeaCard::from).collect(),
        next_link,
        sorts: civic_app::ideas::Sort::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), format!("sort-{}", s.as_str())))
            .collect(),
        statuses: civic_core::ideas::IdeaStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), format!("status-{}", s.as_str())))
            .collect(),
        categories: space.category_choices(),
        districts: space.district_choices(),
        topics: topics.iter().map(|t| (t.id.to_string(), t.title())).collect(),
        topic,
        sort: listed.sort.as_str().to_string(),
        status,
        category,
        district,
        mine,
        exports,
        shell: shell
            .titled(space.title.clone())
            .described(&crate::markdown::to_plain_text(&space.description)),
        title: space.title.clone(),
    })
}

/// A text a person typed, made safe for a spreadsheet: one that would be
/// read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
/// return) gets a leading `'`.
pub fn formula_guard(raw: &str) -> String {
    if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_string()
    }
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line
/// break, quotes doubled; guarded against formulas ([`formula_guard`]).
pub fn csv_field(raw: &str) -> String {
    let safe = formula_guard(raw);
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

const CSV_HEADER: &str = "id,title,status,category,district,support_count,comment_count,created_at,edited_at\r\n";

fn csv_row(i: &civic_core::ideas::Idea) -> String {
    let date = |at: i64| civic_core::Timestamp(at).iso_date();
    [
        i.id.to_string(),
        csv_field(&i.title),
        i.status.to_string(),
        csv_field(i.category.as_deref().unwrap_or("")),
        csv_field(i.district.as_deref().unwrap_or("")),
        i.support_count.to_string(),
        i.comment_count.to_string(),
        date(i.created_at),
        i.edited_at.map(date).unwrap_or_default(),
    ]
    .join(",")
        + "\r\n"
}

/// `GET /{tenant}/spaces/{space}/ideas.csv` (officials and administrators):
/// every idea of the space with its counts and status, newest first,
/// streamed in batches read by keyset so memory stays flat however many.
pub async fn export_csv(
    State(state): State<AppState>,
    tenant: Tenant,
    crate::auth::CurrentUser(principal, _): crate::auth::CurrentUser,
    Path((_, space)): Path<(String, String)>,
) -> Result<axum::response::Response, WebError> {
    use axum::response::IntoResponse;
    let space_id = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    civic_app::ideas::exporting(&state.platform, t, principal.role, space_id).await?;
    let db = state.platform.clone();
    // (header sent, where the next batch starts, finished)
    let start: (bool, Option<civic_app::ideas::ExportCursor>, bool) = (false, None, false);
    let stream = futures_util::stream::unfold(start, move |(sent, after, done)| {
        let db = db.clone();
        async move {
            if done {
                return None;
            }
            if !sent {
                return Some((
                    Ok::<_, std::io::Error>(axum::body::Bytes::from_static(CSV_HEADER.as_bytes())),
                    (true, None, false),
                ));
            }
            match civic_app::ideas::export_batch(&db, t, space_id, after).await {
                Err(e) => {
                    tracing::warn!(error = %e, "export stopped");
                    Some((Err(std::io::Error::other("export failed")), (true, None, true)))
                }
                Ok((rows, _)) if rows.is_empty() => None,
                Ok((rows, next)) => {
                    let last = next.is_none();
                    let text: String = rows.iter().map(csv_row).collect();
                    Some((Ok(axum::body::Bytes::from(text)), (true, next, last)))
                }
            }
        }
    });
    Ok((
        [
            (http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"ideas-space-{}.csv\"", space_id.0),
            ),
            (http::header::CACHE_CONTROL, "no-store".to_string()),
        ],
        axum::body::Body::from_stream(stream),
    )
        .into_response())
}
