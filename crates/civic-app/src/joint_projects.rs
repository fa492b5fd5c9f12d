//! Joint projects and accountability: officials start a project in a space
//! from a winning contest submission, an accepted idea, a participatory
//! budget's winner or from scratch, and keep it current (status, money
//! spent, milestones with planned and actual dates, progress updates);
//! residents sign up for its volunteer tasks and cancel, and a task closes
//! when full. The tenant's accountability page lists every project, newest
//! first, a page at a time, by status.

use crate::audit::{self, Actor};
use crate::contests::{officials_only, text};
use crate::paging::{Page, bad_cursor};
use crate::{AppError, Platform};
use civic_core::contests::Award;
use civic_core::joint_projects::{
    JointProject, Milestone, MilestoneStatus, Origin, ProgressUpdate, ProjectStatus, VolunteerTask, parse_amount,
};
use civic_core::{Invalid, Problems, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_store::joint_projects::{JointProjects, NewJointProject, SignUp};

pub use civic_core::contests::may_manage;

/// Projects on a page of the accountability list.
pub const PAGE_SIZE: u32 = 20;

/// What officials fill in to start a project.
#[derive(Debug, Clone, Default)]
pub struct ProjectInput {
    pub title: String,
    pub goal: String,
    pub department: String,
    pub budget: String,
    /// `YYYY-MM-DD`, optional.
    pub starts: String,
    /// `YYYY-MM-DD`, the last day, optional.
    pub ends: String,
    pub location: String,
    /// `planned` unless given.
    pub status: String,
    /// `scratch`, `submission`, `idea` or `budget_project`.
    pub origin_kind: String,
    pub origin_id: Option<i64>,
}

/// Checks the origin exists in the tenant and is something residents won:
/// a winning submission of an announced contest, an idea the city accepted
/// (accepted, in progress or implemented), a budget project that made the
/// ballot of a budget whose results are out.
async fn check_origin(
    db: &Platform,
    tenant: TenantId,
    origin: Origin,
    id: Option<i64>,
) -> Result<Option<i64>, Invalid> {
    let bad = |message: &str| Invalid::new("origin_id", "invalid_origin_id", message.to_string());
    let found = match (origin, id) {
        (Origin::Scratch, _) => return Ok(None),
        (_, None) => return Err(bad("name what the project comes from")),
        (Origin::Submission, Some(id)) => civic_store::contests::Contests::of(db, tenant)
            .submission(id)
            .await
            .ok()
            .flatten()
            .is_some_and(|s| s.award == Some(Award::Winner)),
        (Origin::Idea, Some(id)) => civic_store::ideas::Ideas::of(db, tenant)
            .get_public(civic_core::IdeaId(id))
            .await
            .ok()
            .flatten()
            .is_some_and(|i| matches!(i.status.as_str(), "accepted" | "in_progress" | "implemented")),
        (Origin::BudgetProject, Some(id)) => budget_winner(db, tenant, id).await,
    };
    if found {
        Ok(id)
    } else {
        Err(bad(
            "a project comes from a winning submission, an accepted idea or a budget project on a counted ballot",
        ))
    }
}

async fn budget_winner(db: &Platform, tenant: TenantId, id: i64) -> bool {
    let budgets = civic_store::budgets::Budgets::of(db, tenant);
    let Ok(Some(p)) = budgets.project(id).await else {
        return false;
    };
    let feasible = matches!(p.status.as_str(), "feasible" | "feasible_with_changes");
    let counted = budgets
        .get(p.budget_id)
        .await
        .ok()
        .flatten()
        .is_some_and(|b| matches!(b.phase.as_str(), "results" | "implementation"));
    feasible && counted
}

/// Starts a project in a space (a draft or a published one that has not
/// ended). Officials and administrators; audited.
pub async fn create(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    space: SpaceId,
    input: &ProjectInput,
) -> Result<i64, AppError> {
    officials_only(role)?;
    crate::spaces::preparing_any(db, tenant, space).await?;
    let mut p = Problems::new();
    let title = p.check(text(&input.title, "title", 5, 200, "the title"));
    let goal = p.check(text(&input.goal, "goal", 10, 20_000, "the goal"));
    let department = p.check(text(
        &input.department,
        "department",
        2,
        200,
        "the responsible department",
    ));
    let location = p.check(text(&input.location, "location", 0, 300, "the location"));
    let budget = p.check(parse_amount("budget", &input.budget));
    let starts = p.check(civic_core::spaces::day_start("starts_on", &input.starts));
    let ends = p.check(civic_core::spaces::day_end("ends_on", &input.ends));
    if let (Some(Some(s)), Some(Some(e))) = (starts, ends)
        && e <= s
    {
        p.push(Invalid::new(
            "ends_on",
            "ends_before_start",
            "the project ends on or after its start",
        ));
    }
    let status = p.check(match input.status.trim() {
        "" => Ok(ProjectStatus::Planned),
        raw => ProjectStatus::from_input(raw),
    });
    let origin = p.check(match input.origin_kind.trim() {
        "" => Ok(Origin::Scratch),
        raw => Origin::from_input(raw),
    });
    let origin_id = match origin {
        Some(o) => p.check(check_origin(db, tenant, o, input.origin_id).await),
        None => None,
    };
    let (
        Some(title),
        Some(goal),
        Some(department),
        Some(location),
        Some(budget),
        Some(starts),
        Some(ends),
        Some(status),
        Some(origin),
        Some(origin_id),
    ) = (
        title,
        goal,
        department,
        location,
        budget,
        starts,
        ends,
        status,
        origin,
        origin_id.or(Some(None)).filter(|_| p.is_empty()),
    )
    else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    let tx = db.begin().await?;
    let id = JointProjects::of(&tx, tenant)
        .create(&NewJointProject {
            space,
            title: &title,
            goal: &goal,
            department: &department,
            budget,
            starts_at: starts,
            ends_at: ends,
            location: &location,
            status,
            origin,
            origin_id,
            created_by: actor.user_id,
        })
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::PROJECT_CREATED,
        &format!("project {id}"),
        &title,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A project the viewer may see: a draft space's only for officials.
pub async fn get(db: &Platform, tenant: TenantId, id: i64, viewer: Option<Role>) -> Result<JointProject, AppError> {
    let p = JointProjects::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)?;
    if p.space_draft != 0 && !viewer.is_some_and(may_manage) {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

/// One entry of the accountability list: a joint project, or a funded
/// participatory-budget project whose building the city tracks.
#[derive(Debug, Clone)]
pub enum Tracked {
    Joint(JointProject),
    Budget(civic_core::budgets::Project),
}

impl Tracked {
    /// The status as the accountability list filters it: a budget
    /// project's implementation read as a project status (tendering counts
    /// as planned, done as completed).
    pub fn status(&self) -> ProjectStatus {
        use civic_core::budgets::Implementation as I;
        match self {
            Tracked::Joint(p) => p.status,
            Tracked::Budget(p) => match p.implementation {
                Some(I::InProgress) => ProjectStatus::InProgress,
                Some(I::Done) => ProjectStatus::Completed,
                Some(I::Cancelled) => ProjectStatus::Cancelled,
                _ => ProjectStatus::Planned,
            },
        }
    }
}

/// A page of everything the tenant tracks to implementation: joint
/// projects first (newest first), then funded budget projects (newest
/// first); optionally of one status. The cursor is the one the previous
/// page gave (`j…` within the joint projects, `b…` within the budget ones).
pub async fn list(
    db: &Platform,
    tenant: TenantId,
    status: Option<&str>,
    cursor: Option<&str>,
    viewer: Option<Role>,
) -> Result<Page<Tracked>, AppError> {
    let status = match crate::paging::given(status) {
        None => None,
        Some(raw) => Some(ProjectStatus::from_input(raw).map_err(|e| AppError::from(Problems::from(e)))?),
    };
    let parse = |raw: &str| raw.parse::<i64>().map_err(|_| bad_cursor());
    let (joint_before, budget_before) = match crate::paging::given(cursor) {
        None => (Some(None), None),
        Some(raw) => match (raw.strip_prefix('j'), raw.strip_prefix('b')) {
            (Some(id), _) => (Some(Some(parse(id)?)), None),
            (_, Some(id)) => (None, Some(parse(id)?)),
            _ => return Err(bad_cursor()),
        },
    };
    let size = PAGE_SIZE as usize;
    let mut items: Vec<Tracked> = Vec::new();
    if let Some(before) = joint_before {
        let joint = JointProjects::of(db, tenant)
            .list(status, before, viewer.is_some_and(may_manage), PAGE_SIZE + 1)
            .await?;
        if joint.len() > size {
            let page = Page::of(joint, PAGE_SIZE, |p| format!("j{}", p.id));
            return Ok(page.map(Tracked::Joint));
        }
        items.extend(joint.into_iter().map(Tracked::Joint));
    }
    let budget: Vec<Tracked> = crate::budgets::tracked(db, tenant)
        .await?
        .into_iter()
        .filter(|p| budget_before.is_none_or(|b| p.id < b))
        .map(Tracked::Budget)
        .filter(|t| status.is_none_or(|s| t.status() == s))
        .take(size + 1 - items.len())
        .collect();
    items.extend(budget);
    Ok(Page::of(items, PAGE_SIZE, |t| match t {
        Tracked::Joint(p) => format!("j{}", p.id),
        Tracked::Budget(p) => format!("b{}", p.id),
    }))
}

/// The projects of a space (for its page), newest first.
pub async fn in_space(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<Vec<JointProject>, AppError> {
    Ok(JointProjects::of(db, tenant).in_space(space).await?)
}

/// What a project's page (and its API) shows.
#[derive(Debug, Clone)]
pub struct ProjectView {
    pub project: JointProject,
    pub milestones: Vec<Milestone>,
    pub updates: Vec<ProgressUpdate>,
    pub tasks: Vec<VolunteerTask>,
    /// The tasks the viewer signed up for.
    pub mine: Vec<i64>,
    /// (task, volunteer's name), for officials.
    pub volunteers: Vec<(i64, String)>,
    /// The viewer organises it (an official): they see the volunteers.
    pub organiser: bool,
}

pub async fn view(
    db: &Platform,
    tenant: TenantId,
    id: i64,
    viewer: Option<(UserId, Role)>,
) -> Result<ProjectView, AppError> {
    let project = get(db, tenant, id, viewer.map(|v| v.1)).await?;
    let store = JointProjects::of(db, tenant);
    let mine = match viewer {
        Some((user, _)) => store.signed_up(id, user).await?,
        None => Vec::new(),
    };
    let organiser = viewer.is_some_and(|v| may_manage(v.1));
    let volunteers = if organiser {
        store.volunteers(id).await?
    } else {
        Vec::new()
    };
    Ok(ProjectView {
        organiser,
        milestones: store.milestones(id).await?,
        updates: store.updates(id).await?,
        tasks: store.tasks(id).await?,
        project,
        mine,
        volunteers,
    })
}

/// Sets a project's status and the money spent so far. Officials; audited.
pub async fn set_status(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    project: i64,
    status: &str,
    spent: &str,
) -> Result<(), AppError> {
    officials_only(role)?;
    let p = get(db, tenant, project, Some(role)).await?;
    let mut problems = Problems::new();
    let status = problems.check(ProjectStatus::from_input(status));
    let spent = problems.check(parse_amount("spent", spent));
    let (Some(status), Some(spent)) = (status, spent) else {
        return Err(problems.into());
    };
    let tx = db.begin().await?;
    JointProjects::of(&tx, tenant).set_status(p.id, status, spent).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::PROJECT_UPDATED,
        &format!("project {}", p.id),
        status.as_str(),
    )
    .await?;
    tx.commit().await
}

/// A milestone as sent: title, planned day, status (default planned), the
/// day it was reached (optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct MilestoneInput<'a> {
    pub title: &'a str,
    pub planned: &'a str,
    pub status: &'a str,
    pub done: &'a str,
}

/// Adds a milestone. Officials.
pub async fn add_milestone(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    project: i64,
    input: &MilestoneInput<'_>,
) -> Result<i64, AppError> {
    officials_only(role)?;
    let p = get(db, tenant, project, Some(role)).await?;
    let mut problems = Problems::new();
    let title = problems.check(text(input.title, "title", 3, 200, "the milestone"));
    let planned = problems.check(
        civic_core::spaces::day_start("planned_on", input.planned)
            .and_then(|d| d.ok_or_else(|| Invalid::new("planned_on", "invalid_date", "a date is written YYYY-MM-DD"))),
    );
    let status = problems.check(milestone_status(input.status));
    let done = problems.check(civic_core::spaces::day_start("done_on", input.done));
    let (Some(title), Some(planned), Some(status), Some(done)) = (title, planned, status, done) else {
        return Err(problems.into());
    };
    Ok(JointProjects::of(db, tenant)
        .add_milestone(p.id, &title, planned, status, done)
        .await?)
}

fn milestone_status(raw: &str) -> Result<MilestoneStatus, Invalid> {
    match raw.trim() {
        "" => Ok(MilestoneStatus::Planned),
        raw => MilestoneStatus::from_input(raw),
    }
}

/// Updates a milestone's status and the day it was reached (a milestone
/// set done without a day is done today). Officials. Returns it.
pub async fn set_milestone(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    milestone: i64,
    status: &str,
    done: &str,
) -> Result<Milestone, AppError> {
    officials_only(role)?;
    let store = JointProjects::of(db, tenant);
    let mut m = store.milestone(milestone).await?.ok_or(AppError::NotFound)?;
    get(db, tenant, m.project_id, Some(role)).await?;
    let mut problems = Problems::new();
    let status = problems.check(MilestoneStatus::from_input(status));
    let done = problems.check(civic_core::spaces::day_start("done_on", done));
    let (Some(status), Some(done)) = (status, done) else {
        return Err(problems.into());
    };
    m.status = status;
    m.done_at = match (status, done) {
        (_, Some(d)) => Some(d),
        (MilestoneStatus::Done, None) => Some(Timestamp::now().0),
        _ => None,
    };
    store.set_milestone(&m).await?;
    Ok(m)
}

/// Posts a progress update. Officials.
pub async fn add_update(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    role: Role,
    project: i64,
    body: &str,
) -> Result<i64, AppError> {
    officials_only(role)?;
    let p = get(db, tenant, project, Some(role)).await?;
    let body = text(body, "body", 10, 10_000, "the update")?;
    Ok(JointProjects::of(db, tenant)
        .add_update(p.id, Some(author), &body, Timestamp::now())
        .await?)
}

/// A volunteer task as sent.
#[derive(Debug, Clone, Copy, Default)]
pub struct TaskInput<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// `YYYY-MM-DD`, optional.
    pub day: &'a str,
    pub capacity: i64,
}

/// Adds a volunteer task (1 to 10,000 places). Officials.
pub async fn add_task(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    project: i64,
    input: &TaskInput<'_>,
) -> Result<i64, AppError> {
    officials_only(role)?;
    let p = get(db, tenant, project, Some(role)).await?;
    let mut problems = Problems::new();
    let title = problems.check(text(input.title, "title", 3, 200, "the task"));
    let description = problems.check(text(input.description, "description", 0, 2_000, "the description"));
    let day = problems.check(civic_core::spaces::day_start("day", input.day));
    if !(1..=10_000).contains(&input.capacity) {
        problems.push(Invalid::new(
            "capacity",
            "invalid_capacity",
            "a task needs 1 to 10,000 people",
        ));
    }
    let (Some(title), Some(description), Some(day)) = (title, description, day) else {
        return Err(problems.into());
    };
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok(JointProjects::of(db, tenant)
        .add_task(p.id, &title, &description, day, input.capacity)
        .await?)
}

/// A task of a visible project that takes part now: 404 when not visible,
/// 409 when the project is over.
async fn open_task(db: &Platform, tenant: TenantId, task: i64) -> Result<VolunteerTask, AppError> {
    let t = JointProjects::of(db, tenant)
        .task(task)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = get(db, tenant, t.project_id, None).await?;
    if matches!(p.status, ProjectStatus::Completed | ProjectStatus::Cancelled) {
        return Err(AppError::conflict(
            "project_closed",
            "this project is over and takes no more volunteers",
        ));
    }
    Ok(t)
}

/// Signs the person up for a task: once (again: no change, `false`), and
/// never beyond its capacity (409 `task_full`). Returns whether this call
/// signed them up, and the task as it is now.
pub async fn sign_up(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    task: i64,
) -> Result<(bool, VolunteerTask), AppError> {
    let t = open_task(db, tenant, task).await?;
    let store = JointProjects::of(db, tenant);
    let done = match store.sign_up(t.id, user).await? {
        SignUp::Done => true,
        SignUp::Already => false,
        SignUp::Full => {
            return Err(AppError::conflict("task_full", "this task has all the people it needs"));
        }
    };
    Ok((done, store.task(t.id).await?.ok_or(AppError::NotFound)?))
}

/// Cancels the person's sign-up (none: no change). Returns the task.
pub async fn cancel(db: &Platform, tenant: TenantId, user: UserId, task: i64) -> Result<VolunteerTask, AppError> {
    let t = open_task(db, tenant, task).await?;
    let store = JointProjects::of(db, tenant);
    store.cancel(t.id, user).await?;
    store.task(t.id).await?.ok_or(AppError::NotFound)
}
