//! Problem reports: a signed-in resident reports a problem in a category
//! the city defines (after seeing the open reports of that category nearby,
//! to add their voice to one instead); the category routes it to a
//! department whose staff work through their queue (earliest target time
//! first), change its status, answer in public and keep internal notes; the
//! reporter confirms the fix or reopens it within 14 days. Administrators
//! set up departments, their members and the categories.

use crate::audit::{self, Actor, action};
use crate::paging::{Page, bad_cursor, given};
use crate::{AppError, Platform};
use civic_core::reports::{
    ADDRESS_MAX, BoundingBox, Category, Department, DepartmentStats, EventKind, NEARBY_METRES, Point, REASON_MAX,
    Report, ReportEvent, ReportPin, ReportStatus, is_staff, may_configure, may_handle, parse_body,
};
use civic_core::{Email, Invalid, Problems, Role, TenantId, Timestamp, UserId};
use civic_store::follows::Target;
pub use civic_store::reports::Member;
use civic_store::reports::{Categories, Departments, NewCategory, NewEvent, NewReport, ReportFilter, Reports};

/// Reports per page of a list.
pub const PAGE_SIZE: u32 = 20;
/// The most reports a department queue shows at once.
pub const QUEUE_MAX: u32 = 500;

fn admins_only(role: Role) -> Result<(), AppError> {
    if may_configure(role) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can set up departments and categories",
        ))
    }
}

use crate::debates::text as trimmed;

/// A unique key refused a name: the conflict `code`, else the error as is.
fn taken(e: civic_store::StoreError, key: &str, columns: &str, code: &'static str, what: &str) -> AppError {
    if e.is_conflict_on(key, columns) {
        AppError::conflict(code, format!("{what} of this name exists"))
    } else {
        e.into()
    }
}

// ---------------------------------------------------------------------------
// Departments and categories

pub async fn departments(db: &Platform, tenant: TenantId) -> Result<Vec<Department>, AppError> {
    Ok(Departments::of(db, tenant).list().await?)
}

pub async fn categories(db: &Platform, tenant: TenantId) -> Result<Vec<Category>, AppError> {
    Ok(Categories::of(db, tenant).list().await?)
}

pub async fn members(db: &Platform, tenant: TenantId, role: Role) -> Result<Vec<Member>, AppError> {
    admins_only(role)?;
    Ok(Departments::of(db, tenant).members().await?)
}

/// Creates a department. Administrators; audited; 409 for a name taken.
pub async fn create_department(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    name: &str,
) -> Result<i64, AppError> {
    admins_only(role)?;
    let name = trimmed(name, "name", 2, 100, "a department's name").map_err(Problems::from)?;
    let tx = db.begin().await?;
    let id = Departments::of(&tx, tenant).create(&name).await.map_err(|e| {
        taken(
            e,
            "departments_tenant_name_key",
            "departments.tenant_id, departments.name",
            "department_exists",
            "a department",
        )
    })?;
    audit::record(
        &tx,
        tenant,
        actor,
        action::REPORT_DEPARTMENT_CREATED,
        &format!("department {id}"),
        &name,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What an administrator fills in for a category.
#[derive(Debug, Clone, Default)]
pub struct CategoryInput {
    pub name_uk: String,
    /// Optional: the Ukrainian name serves both languages without it.
    pub name_en: String,
    pub department: String,
    /// The target time in working days (1 to 365).
    pub target_days: String,
}

/// Creates a category routed to a department. Administrators; audited.
pub async fn create_category(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    input: &CategoryInput,
) -> Result<i64, AppError> {
    admins_only(role)?;
    let mut p = Problems::new();
    let name_uk = p.check(trimmed(&input.name_uk, "name_uk", 2, 100, "a category's name"));
    let name_en = p.check(trimmed(&input.name_en, "name_en", 0, 100, "a category's English name"));
    let target = p.check(
        input
            .target_days
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|d| (1..=365).contains(d))
            .ok_or_else(|| {
                Invalid::new(
                    "target_days",
                    "invalid_target_days",
                    "the target time is 1 to 365 working days",
                )
            }),
    );
    let departments = Departments::of(db, tenant).list().await?;
    let department = p.check(
        input
            .department
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|d| departments.iter().any(|x| x.id == *d))
            .ok_or_else(|| {
                Invalid::new(
                    "department",
                    "invalid_department",
                    "choose one of the city's departments",
                )
            }),
    );
    let (Some(name_uk), Some(name_en), Some(target_days), Some(department)) = (name_uk, name_en, target, department)
    else {
        return Err(p.into());
    };
    let tx = db.begin().await?;
    let id = Categories::of(&tx, tenant)
        .create(&NewCategory {
            name_uk: &name_uk,
            name_en: Some(name_en.as_str()).filter(|n| !n.is_empty()),
            department,
            target_days,
        })
        .await
        .map_err(|e| {
            taken(
                e,
                "report_categories_tenant_name_key",
                "report_categories.tenant_id, report_categories.name_uk",
                "category_exists",
                "a category",
            )
        })?;
    audit::record(
        &tx,
        tenant,
        actor,
        action::REPORT_CATEGORY_CREATED,
        &format!("report category {id}"),
        &name_uk,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a staff member (by e-mail) to a department. Administrators;
/// audited. Only staff accounts handle reports, so a resident's is refused.
pub async fn add_member(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    department: i64,
    email: &str,
) -> Result<(), AppError> {
    admins_only(role)?;
    if !Departments::of(db, tenant)
        .list()
        .await?
        .iter()
        .any(|d| d.id == department)
    {
        return Err(AppError::NotFound);
    }
    let email = Email::parse(email).map_err(Problems::from)?;
    let user = civic_store::users::Users::of(db, tenant)
        .by_email(&email)
        .await?
        .filter(|u| is_staff(u.role))
        .ok_or_else(|| {
            Problems::from(Invalid::new(
                "email",
                "not_staff_account",
                "no staff account of this municipality has this e-mail (give the person a staff role first)",
            ))
        })?;
    let tx = db.begin().await?;
    Departments::of(&tx, tenant).add_member(department, user.id).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        action::DEPARTMENT_MEMBER_ADDED,
        &format!("department {department}"),
        email.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The area reports are taken in, when the city set one.
pub async fn area(db: &Platform, tenant: TenantId) -> Result<Option<BoundingBox>, AppError> {
    Ok(Reports::of(db, tenant).area().await?)
}

/// Sets the area reports are taken in (`minLon,minLat,maxLon,maxLat` in
/// degrees; empty removes it). Administrators; audited.
pub async fn set_area(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    text: &str,
) -> Result<Option<BoundingBox>, AppError> {
    admins_only(role)?;
    let area = match text.trim() {
        "" => None,
        raw => Some(BoundingBox::parse(raw).map_err(|e| Problems::from(e.at("area")))?),
    };
    let tx = db.begin().await?;
    Reports::of(&tx, tenant).set_area(area).await?;
    let detail = area.map_or_else(|| "none".to_string(), |a| a.to_text());
    audit::record(&tx, tenant, actor, action::REPORT_AREA_CHANGED, "report area", &detail).await?;
    tx.commit().await?;
    Ok(area)
}

// ---------------------------------------------------------------------------
// Reporting

/// A report as a resident sends it (form fields or JSON, as text).
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    pub category: String,
    pub body: String,
    pub address: String,
    pub lat: String,
    pub lon: String,
    pub anonymous: bool,
}

/// A report's input, checked.
#[derive(Debug, Clone)]
pub struct Checked {
    pub category: Category,
    pub body: String,
    pub address: String,
    pub point: Option<Point>,
    pub anonymous: bool,
}

/// Checks a report's input, naming every problem: a known category, a
/// description, a place (a point, an address or both; a point's numbers in
/// range).
pub async fn check(db: &Platform, tenant: TenantId, input: &ReportInput) -> Result<Checked, AppError> {
    let mut p = Problems::new();
    let categories = Categories::of(db, tenant).list().await?;
    let category = p.check(
        input
            .category
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|id| categories.iter().find(|c| c.id == id).cloned())
            .ok_or_else(|| Invalid::new("category", "invalid_report_category", "choose the kind of problem")),
    );
    let body = p.check(parse_body(&input.body));
    let address = p.check(trimmed(&input.address, "address", 0, ADDRESS_MAX, "an address"));
    let point = p.check(Point::from_fields(&input.lat, &input.lon));
    if let (Some(Some(at)), Some(area)) = (point, Reports::of(db, tenant).area().await?)
        && !area.contains(at)
    {
        p.push(Invalid::new(
            "lat",
            "outside_area",
            "the point is outside the municipality's area; check the coordinates",
        ));
    }
    if let (Some(a), Some(None)) = (&address, &point)
        && a.is_empty()
    {
        p.push(Invalid::new(
            "address",
            "report_place_missing",
            "say where the problem is: an address or a landmark, or the coordinates",
        ));
    }
    let (Some(category), Some(body), Some(address), Some(point)) = (category, body, address, point) else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    Ok(Checked {
        category,
        body,
        address,
        point,
        anonymous: input.anonymous,
    })
}

/// Open reports of a category within 200 m of a point, nearest first,
/// with their distance in metres.
pub async fn nearby(
    db: &Platform,
    tenant: TenantId,
    category: i64,
    point: Point,
) -> Result<Vec<(Report, i64)>, AppError> {
    let mut found: Vec<(Report, i64)> = Reports::of(db, tenant)
        .open_in(category, point.around(NEARBY_METRES))
        .await?
        .into_iter()
        .filter_map(|r| {
            let d = r.point()?.metres_to(point);
            (d <= NEARBY_METRES).then_some((r, d.round() as i64))
        })
        .collect();
    found.sort_by_key(|(r, d)| (*d, r.id));
    Ok(found)
}

/// Stores a checked report, received by the category's department with
/// the target time counted in the city's working days.
pub async fn submit(db: &Platform, tenant: TenantId, author: UserId, checked: &Checked) -> Result<i64, AppError> {
    crate::limits::content(db, tenant, author).await?;
    let calendar = crate::working_days::calendar(db, tenant).await?;
    let now = Timestamp::now();
    let deadline_at = calendar.deadline_after(now.0, checked.category.target_days as u32);
    let tx = db.begin().await?;
    let reports = Reports::of(&tx, tenant);
    let id = reports
        .create(&NewReport {
            category: checked.category.id,
            department: checked.category.department_id,
            author: Some(author),
            anonymous: checked.anonymous,
            body: &checked.body,
            address: &checked.address,
            point: checked.point,
            status: ReportStatus::Received,
            deadline_at,
            at: now,
        })
        .await?;
    reports
        .add_event(
            id,
            &NewEvent {
                kind: EventKind::Status,
                status: Some(ReportStatus::Received),
                body: "",
                actor: Some(author),
                public: true,
                at: now,
            },
        )
        .await?;
    // The reporter follows the report, to hear what the service does, and
    // to be asked to confirm the fix. Anonymity hides the name from the
    // public, not the report's news from its own reporter.
    crate::notifications::follow_on(&tx, tenant, author, Target::Report(id)).await?;
    tx.commit().await?;
    Ok(id)
}

/// What a list of reports is asked for (query values as given).
#[derive(Debug, Clone, Copy, Default)]
pub struct ListParams<'a> {
    pub status: Option<&'a str>,
    pub category: Option<&'a str>,
    /// `minLon,minLat,maxLon,maxLat`.
    pub bbox: Option<&'a str>,
    pub cursor: Option<&'a str>,
}

/// The filters of a list, each bad one named (422).
fn filter_of(params: &ListParams<'_>) -> Result<ReportFilter, AppError> {
    let mut p = Problems::new();
    let status = match given(params.status) {
        None => Some(None),
        Some(raw) => p.check(ReportStatus::parse(raw).map(Some).ok_or_else(|| {
            Invalid::new(
                "status",
                "invalid_report_status",
                "status is one of received, in_progress, resolved, not_ours, rejected, reopened",
            )
        })),
    };
    let category = match given(params.category) {
        None => Some(None),
        Some(raw) => p.check(
            raw.parse::<i64>()
                .ok()
                .filter(|c| *c > 0)
                .map(Some)
                .ok_or_else(|| Invalid::new("category", "invalid_report_category", "category is a category's id")),
        ),
    };
    let bbox = match given(params.bbox) {
        None => Some(None),
        Some(raw) => p.check(BoundingBox::parse(raw).map(Some)),
    };
    let (Some(status), Some(category), Some(bbox)) = (status, category, bbox) else {
        return Err(p.into());
    };
    Ok(ReportFilter {
        status,
        category,
        bbox,
        before: None,
    })
}

/// One page of reports, newest first; every bad filter is named (422), a
/// cursor we did not make is a 400.
pub async fn list(db: &Platform, tenant: TenantId, params: &ListParams<'_>) -> Result<Page<Report>, AppError> {
    let filter = filter_of(params)?;
    let before = match given(params.cursor) {
        None => None,
        Some(raw) => Some(
            raw.strip_prefix('r')
                .and_then(|n| n.parse::<i64>().ok())
                .filter(|n| *n > 0)
                .ok_or_else(bad_cursor)?,
        ),
    };
    let filter = ReportFilter { before, ..filter };
    let items = Reports::of(db, tenant).list(&filter, PAGE_SIZE + 1).await?;
    Ok(Page::of(items, PAGE_SIZE, |r| format!("r{}", r.id)))
}

/// The most reports a map is sent at once.
pub const PINS_MAX: u32 = 1_000;

/// The reports of a map (issue 20): those with a point, narrowed by the
/// list's filters (the cursor is ignored), newest first, at most
/// [`PINS_MAX`]; `true` when more matched (the map should zoom in).
pub async fn pins(
    db: &Platform,
    tenant: TenantId,
    params: &ListParams<'_>,
) -> Result<(Vec<ReportPin>, bool), AppError> {
    let filter = filter_of(params)?;
    let mut items = Reports::of(db, tenant).pins(&filter, PINS_MAX + 1).await?;
    let more = items.len() > PINS_MAX as usize;
    items.truncate(PINS_MAX as usize);
    Ok((items, more))
}

/// Open, overdue and reopened reports per department (public).
pub async fn stats(db: &Platform, tenant: TenantId) -> Result<Vec<DepartmentStats>, AppError> {
    Ok(Reports::of(db, tenant).stats(Timestamp::now()).await?)
}

/// A report's page: the report, its history (with internal notes for
/// staff) and what the viewer may do.
#[derive(Debug, Clone)]
pub struct ReportView {
    pub report: Report,
    pub events: Vec<ReportEvent>,
    /// The viewer is staff (sees notes and the reporter's name).
    pub staff: bool,
    /// The viewer may change its status and answer it.
    pub handles: bool,
    pub is_reporter: bool,
    pub has_voice: bool,
    /// The viewer follows it (is told of its status and the replies).
    pub following: bool,
    /// The viewer may add their voice (signed in, open, not theirs, not yet).
    pub may_voice: bool,
    /// The viewer may confirm or reopen the fix now.
    pub may_feedback: bool,
    pub days_overdue: i64,
}

async fn member_of(db: &Platform, tenant: TenantId, user: UserId, department: i64) -> Result<bool, AppError> {
    Ok(Departments::of(db, tenant).of_user(user).await?.contains(&department))
}

pub async fn get(db: &Platform, tenant: TenantId, id: i64) -> Result<Report, AppError> {
    Reports::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)
}

pub async fn view(
    db: &Platform,
    tenant: TenantId,
    id: i64,
    viewer: Option<(UserId, Role)>,
) -> Result<ReportView, AppError> {
    let mut report = get(db, tenant, id).await?;
    let now = Timestamp::now().0;
    let staff = viewer.is_some_and(|(_, r)| is_staff(r));
    // Hidden pending review: its text leaves only for staff and its reporter.
    let reporter = viewer.is_some_and(|(u, _)| report.author_id == Some(u.0));
    if report.moderation.is_some() && !staff && !reporter {
        report.body.clear();
    }
    let (handles, is_reporter, has_voice, following) = match viewer {
        Some((user, role)) => (
            may_handle(role, member_of(db, tenant, user, report.department_id).await?),
            report.author_id == Some(user.0),
            Reports::of(db, tenant).has_voice(id, user).await?,
            civic_store::follows::Follows::of(db, tenant)
                .follows(user, Target::Report(id))
                .await?,
        ),
        None => (false, false, false, false),
    };
    let events = Reports::of(db, tenant).events(id, staff).await?;
    Ok(ReportView {
        may_voice: viewer.is_some() && report.status.is_open() && !is_reporter && !has_voice,
        may_feedback: is_reporter && report.feedback_open(now),
        days_overdue: report.days_overdue(now),
        staff,
        handles,
        is_reporter,
        has_voice,
        following,
        events,
        report,
    })
}

/// Adds the person's voice to an open report ("me too"); once per person
/// (again: no change, `false`). The reporter's own report is refused.
pub async fn add_voice(db: &Platform, tenant: TenantId, user: UserId, id: i64) -> Result<(Report, bool), AppError> {
    let report = get(db, tenant, id).await?;
    if report.author_id == Some(user.0) {
        return Err(AppError::conflict(
            "own_report",
            "this is your own report; it counts you already",
        ));
    }
    if !report.status.is_open() {
        return Err(AppError::conflict("report_closed", "this report is no longer open"));
    }
    let tx = db.begin().await?;
    let added = Reports::of(&tx, tenant).add_voice(id, user, Timestamp::now()).await?;
    if added {
        // Who says "me too" follows the report (and may stop on its page).
        crate::notifications::follow_on(&tx, tenant, user, Target::Report(id)).await?;
    }
    tx.commit().await?;
    Ok((get(db, tenant, id).await?, added))
}

/// A status change as staff send it.
#[derive(Debug, Clone, Default)]
pub struct StatusInput {
    pub status: String,
    /// Why (required to reject; shown to the public).
    pub reason: String,
    /// The category to hand the report to (required for not_ours).
    pub category: String,
}

/// Staff of the report's department (or administrators) change its
/// status: rejecting needs a reason, "not ours" the category it belongs to
/// (it then starts again as received in that category's department, with
/// a new target time). Audited; 409 when someone else moved it first.
pub async fn change_status(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    user: UserId,
    role: Role,
    id: i64,
    input: &StatusInput,
) -> Result<Report, AppError> {
    let report = handled(db, tenant, user, role, id).await?;
    let mut p = Problems::new();
    let to = p.check(
        ReportStatus::parse(&input.status)
            .filter(|s| ReportStatus::STAFF_MOVES.contains(s))
            .ok_or_else(|| {
                Invalid::new(
                    "status",
                    "invalid_report_move",
                    "the status is in_progress, resolved, not_ours or rejected",
                )
            }),
    );
    let reason = p.check(trimmed(&input.reason, "reason", 0, REASON_MAX, "a reason"));
    let mut target = None;
    if to == Some(ReportStatus::Rejected) && reason.as_deref().is_some_and(str::is_empty) {
        p.push(Invalid::new(
            "reason",
            "reason_required",
            "say why the report is rejected",
        ));
    }
    if to == Some(ReportStatus::NotOurs) {
        let categories = Categories::of(db, tenant).list().await?;
        target = p.check(
            input
                .category
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|c| categories.into_iter().find(|x| x.id == c))
                .filter(|c| c.id != report.category_id)
                .ok_or_else(|| {
                    Invalid::new(
                        "category",
                        "reassign_category_required",
                        "choose the category (and so the department) the report belongs to",
                    )
                }),
        );
    }
    let (Some(to), Some(reason)) = (to, reason) else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    if !report.status.may_move_to(to) {
        return Err(AppError::conflict(
            "report_status_fixed",
            "this report's status cannot change that way (it is closed, or already there)",
        ));
    }
    let now = Timestamp::now();
    let deadline = match &target {
        Some(c) => Some(
            crate::working_days::calendar(db, tenant)
                .await?
                .deadline_after(now.0, c.target_days as u32),
        ),
        None => None,
    };
    let tx = db.begin().await?;
    let reports = Reports::of(&tx, tenant);
    let moved = match (&target, deadline) {
        (Some(c), Some(deadline)) => {
            reports
                .reassign(id, report.status, c.id, c.department_id, deadline, now)
                .await?
        }
        _ => {
            let kept = (to == ReportStatus::Rejected).then_some(reason.as_str());
            reports.set_status(id, report.status, to, kept, now).await?
        }
    };
    if !moved {
        return Err(AppError::conflict(
            "report_changed",
            "someone changed this report first; look again",
        ));
    }
    reports
        .add_event(
            id,
            &NewEvent {
                kind: EventKind::Status,
                status: Some(to),
                body: &reason,
                actor: Some(user),
                public: true,
                at: now,
            },
        )
        .await?;
    if let Some(c) = &target {
        let line = format!("{} — {}", c.name_uk, c.department_name);
        reports
            .add_event(
                id,
                &NewEvent {
                    kind: EventKind::Reassigned,
                    status: Some(ReportStatus::Received),
                    body: &line,
                    actor: Some(user),
                    public: true,
                    at: now,
                },
            )
            .await?;
    }
    // Followers hear of the new status. A reassignment is the city's own
    // routing (the report starts again as received): followers are not
    // told, the staff of the department it is handed to are.
    match &target {
        None => {
            let reason = (to == ReportStatus::Rejected).then_some(reason.as_str());
            crate::notifications::report_event(&tx, tenant, user, &report, Some(to), reason).await?;
        }
        Some(c) => {
            let mut handed = report.clone();
            handed.category_id = c.id;
            handed.category_uk = c.name_uk.clone();
            handed.department_id = c.department_id;
            crate::notifications::report_to_department(&tx, tenant, user, &handed, c.department_id, "assigned", false)
                .await?;
        }
    }
    audit::record(
        &tx,
        tenant,
        actor,
        action::REPORT_STATUS,
        &format!("report {id}"),
        to.as_str(),
    )
    .await?;
    tx.commit().await?;
    get(db, tenant, id).await
}

/// The report, when the person handles it (staff of its department, or an
/// administrator): 404 when missing, 403 otherwise.
async fn handled(db: &Platform, tenant: TenantId, user: UserId, role: Role, id: i64) -> Result<Report, AppError> {
    let report = get(db, tenant, id).await?;
    if !may_handle(role, member_of(db, tenant, user, report.department_id).await?) {
        return Err(AppError::forbidden(
            "not_in_department",
            "only staff of the report's department (or administrators) can do this",
        ));
    }
    Ok(report)
}

/// A public reply (`public`) or an internal note, by staff who handle the
/// report. Returns the event's id.
pub async fn answer(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    role: Role,
    id: i64,
    text: &str,
    public: bool,
) -> Result<i64, AppError> {
    let report = handled(db, tenant, user, role, id).await?;
    let body = trimmed(text, "body", 2, REASON_MAX, "the text").map_err(Problems::from)?;
    let tx = db.begin().await?;
    let event = Reports::of(&tx, tenant)
        .add_event(
            id,
            &NewEvent {
                kind: if public { EventKind::Reply } else { EventKind::Note },
                status: None,
                body: &body,
                actor: Some(user),
                public,
                at: Timestamp::now(),
            },
        )
        .await?;
    if public {
        crate::notifications::report_event(&tx, tenant, user, &report, None, Some(&body)).await?;
    }
    tx.commit().await?;
    Ok(event)
}

/// The reporter's answer to a fix: `confirm` (false) or `reopen` (true);
/// anything else is refused (422).
pub fn feedback_action(raw: &str) -> Result<bool, AppError> {
    match raw.trim() {
        "confirm" => Ok(false),
        "reopen" => Ok(true),
        _ => Err(Invalid::new("action", "invalid_feedback", "the action is confirm or reopen").into()),
    }
}

/// The reporter confirms the fix (`reopen = false`) or reopens the report
/// with what is still wrong, within 14 days of the fix. A reopened report
/// gets the category's target time again.
pub async fn feedback(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    id: i64,
    reopen: bool,
    text: &str,
) -> Result<Report, AppError> {
    let report = get(db, tenant, id).await?;
    if report.author_id != Some(user.0) {
        return Err(AppError::forbidden(
            "not_reporter",
            "only the person who reported the problem can do this",
        ));
    }
    let now = Timestamp::now();
    if !report.feedback_open(now.0) {
        return Err(AppError::conflict(
            "feedback_closed",
            "a fix can be confirmed or reopened only within 14 days of it, once",
        ));
    }
    let text = trimmed(text, "body", 0, REASON_MAX, "the text").map_err(Problems::from)?;
    let deadline = if reopen {
        let category = Categories::of(db, tenant)
            .get(report.category_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let calendar = crate::working_days::calendar(db, tenant).await?;
        Some(calendar.deadline_after(now.0, category.target_days as u32))
    } else {
        None
    };
    let tx = db.begin().await?;
    let reports = Reports::of(&tx, tenant);
    let done = match deadline {
        Some(deadline) => reports.reopen(id, deadline, now).await?,
        None => reports.confirm(id, now).await?,
    };
    if !done {
        return Err(AppError::conflict(
            "report_changed",
            "someone changed this report first; look again",
        ));
    }
    reports
        .add_event(
            id,
            &NewEvent {
                kind: if reopen {
                    EventKind::Reopened
                } else {
                    EventKind::Confirmed
                },
                status: reopen.then_some(ReportStatus::Reopened),
                body: &text,
                actor: Some(user),
                public: true,
                at: now,
            },
        )
        .await?;
    // Those who added their voice hear the reporter's word: the problem is
    // back, or its fix is confirmed (the reporter is not told).
    if reopen {
        crate::notifications::report_event(&tx, tenant, user, &report, Some(ReportStatus::Reopened), None).await?;
    } else {
        crate::notifications::report_confirmed(&tx, tenant, user, &report).await?;
    }
    // The department's staff hear it too: a confirmation closes their
    // work, a reopening brings it back to their queue. Staff who follow the
    // report heard it as followers already.
    let what = if reopen { "reopened" } else { "confirmed" };
    crate::notifications::report_to_department(&tx, tenant, user, &report, report.department_id, what, true).await?;
    tx.commit().await?;
    get(db, tenant, id).await
}

/// The open reports a staff member works on: their departments' (all for
/// administrators), the earliest target time first.
pub async fn queue(db: &Platform, tenant: TenantId, user: UserId, role: Role) -> Result<Vec<Report>, AppError> {
    if !is_staff(role) {
        return Err(AppError::forbidden(
            "staff_only",
            "only the city's staff see the department queue",
        ));
    }
    let reports = Reports::of(db, tenant);
    if role == Role::Admin {
        return Ok(reports.queue(None, QUEUE_MAX).await?);
    }
    let mine = Departments::of(db, tenant).of_user(user).await?;
    Ok(reports.queue(Some(&mine), QUEUE_MAX).await?)
}

/// The departments of a person (for the queue's heading).
pub async fn departments_of(db: &Platform, tenant: TenantId, user: UserId) -> Result<Vec<i64>, AppError> {
    Ok(Departments::of(db, tenant).of_user(user).await?)
}
