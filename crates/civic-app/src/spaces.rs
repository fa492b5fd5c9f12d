//! Tenant administrators run their participatory spaces: create, change the
//! settings, move the status along its lifecycle, set an image. And the
//! checks every write in a space goes through (open, module on, who may
//! take part).

use crate::AppError;
use crate::Platform;
use crate::audit::{self, Actor};
use civic_core::spaces::Space;
use civic_core::spaces::{self as rules, Phase, Settings, SettingsInput, SpaceStatus};
use civic_core::{Invalid, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_store::spaces::{SpaceRecord, SpaceSettings, Spaces};

/// Administrators run spaces; officials may look at the list.
pub fn may_manage(role: Role) -> bool {
    role == Role::Admin
}

pub fn may_view_drafts(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Official)
}

/// The largest space image.
pub const IMAGE_MAX_BYTES: usize = 500 * 1024;

/// A refused write in a space whose module is switched off.
fn module_off(module: &str) -> AppError {
    AppError::conflict("module_off", format!("{module} are switched off in this space"))
}

/// Refuses a module that is switched off.
pub fn module_on(space: &SpaceRecord, module: &str) -> Result<(), AppError> {
    if space.has_module(module) {
        Ok(())
    } else {
        Err(module_off(module))
    }
}

/// Refuses `user`'s participation where only verified residents may take
/// part and `user` is not verified now (403 `verified_only`).
pub async fn may_take_part(db: &Platform, tenant: TenantId, space: &SpaceRecord, user: UserId) -> Result<(), AppError> {
    if crate::verification::admits(db, tenant, &space.participation, Some(user)).await? {
        Ok(())
    } else {
        Err(crate::verification::required())
    }
}

/// Whether the viewer may take part in space `space` (read again by id),
/// for the pages of the modules inside it (budgets, consultations,
/// debates, contests, conversations): they offer their forms only then,
/// and otherwise say who may take part, instead of a form that would be
/// refused with 403 after it was filled in. A space not public (a draft
/// seen by staff) admits.
pub async fn admits_in(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    viewer: Option<UserId>,
) -> Result<bool, AppError> {
    let Some(space) = Spaces::of(db, tenant).get_public(space).await? else {
        return Ok(true);
    };
    crate::verification::admits(db, tenant, &space.participation, viewer).await
}

/// A space whose content lists the viewer may read: any space of the
/// tenant for `staff` (drafts included), a public one otherwise; 404 else.
pub async fn listable(db: &Platform, tenant: TenantId, space: SpaceId, staff: bool) -> Result<(), AppError> {
    let spaces = Spaces::of(db, tenant);
    let visible = if staff {
        spaces.get(space).await?.is_some()
    } else {
        spaces.get_public(space).await?.is_some()
    };
    if visible { Ok(()) } else { Err(AppError::NotFound) }
}

/// A space visitors may see that is open and has `module` on: 404 when not
/// public, 409 `space_closed` when closed (or outside its dates), 409
/// `module_off` when the module is switched off.
pub async fn open_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    module: &str,
) -> Result<SpaceRecord, AppError> {
    let space = open_public_space(db, tenant, space).await?;
    module_on(&space, module)?;
    Ok(space)
}

/// A space visitors may see that is open (whatever its modules): 404 when
/// not public, 409 `space_closed` when closed or outside its dates.
pub async fn open_public_space(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<SpaceRecord, AppError> {
    let space = Spaces::of(db, tenant)
        .get_public(space)
        .await?
        .ok_or(AppError::NotFound)?;
    if !space.is_open(Timestamp::now()) {
        return Err(space_closed());
    }
    Ok(space)
}

/// The space staff prepare content in (a poll, a conversation): a draft
/// space, where a city gets everything ready before publishing it, or a
/// published one that has not ended; with the module switched on. Closed,
/// archived or ended spaces are refused; another tenant's is not found.
pub async fn preparing_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    module: &str,
) -> Result<SpaceRecord, AppError> {
    let space = preparing_any(db, tenant, space).await?;
    module_on(&space, module)?;
    Ok(space)
}

/// As [`preparing_space`], for content that is not a switchable module (a
/// participatory budget).
pub async fn preparing_any(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<SpaceRecord, AppError> {
    let space = Spaces::of(db, tenant).get(space).await?.ok_or(AppError::NotFound)?;
    let ended = space.ends_at.is_some_and(|e| e <= Timestamp::now().0);
    let preparing = match space.status {
        civic_core::spaces::SpaceStatus::Draft => true,
        civic_core::spaces::SpaceStatus::Published => !ended,
        _ => false,
    };
    if !preparing {
        return Err(space_closed());
    }
    Ok(space)
}

pub fn space_closed() -> AppError {
    AppError::conflict("space_closed", "this space is not open for participation")
}

/// What a space's page lists: the space, a page of its ideas, its polls,
/// conversations, budgets and debates.
pub struct SpaceListing {
    pub space: Space,
    pub page: crate::paging::Page<civic_core::ideas::Idea>,
    pub listed: crate::ideas::ListState,
    pub polls: Vec<civic_core::polls::Poll>,
    pub conversations: Vec<civic_core::conversations::Conversation>,
    pub budgets: Vec<civic_core::budgets::Budget>,
    pub consultations: Vec<civic_core::consultations::Consultation>,
    pub debates: Vec<civic_core::debates::Debate>,
    // Contests and joint projects (issue 19).
    pub contests: Vec<civic_core::contests::Contest>,
    pub projects: Vec<civic_core::joint_projects::JointProject>,
    /// The space's topics, to filter its ideas by (issue 24).
    pub topics: Vec<crate::topics::TopicSummary>,
}

/// The page of a space as `params` ask; `draft_polls` for staff who manage
/// polls (they see the drafts too).
pub async fn listing(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    params: &crate::ideas::ListParams<'_>,
    draft_polls: bool,
) -> Result<SpaceListing, AppError> {
    let (space, page, listed) = crate::ideas::list_in_space(db, tenant, space, params).await?;
    let conversations = civic_store::conversations::Conversations::of(db, tenant)
        .in_space(space.id)
        .await?;
    let polls = civic_store::polls::Polls::of(db, tenant)
        .in_space(space.id, draft_polls)
        .await?;
    let budgets = civic_store::budgets::Budgets::of(db, tenant).in_space(space.id).await?;
    let consultations = civic_store::consultations::Consultations::of(db, tenant)
        .in_space(space.id)
        .await?;
    let debates = civic_store::debates::Debates::of(db, tenant).in_space(space.id).await?;
    // Contests and joint projects (issue 19).
    let contests = civic_store::contests::Contests::of(db, tenant)
        .in_space(space.id)
        .await?;
    let projects = civic_store::joint_projects::JointProjects::of(db, tenant)
        .in_space(space.id)
        .await?;
    let topics = crate::topics::list(db, tenant, space.id).await?;
    Ok(SpaceListing {
        topics,
        contests,
        projects,
        consultations,
        space,
        page,
        listed,
        polls,
        conversations,
        budgets,
        debates,
    })
}

/// The public spaces of a tenant's home page and its latest public ideas.
pub async fn home(
    db: &Platform,
    tenant: TenantId,
    latest: u32,
) -> Result<(Vec<Space>, Vec<civic_core::ideas::Idea>), AppError> {
    let spaces = Spaces::of(db, tenant).list_public().await?;
    let ideas = civic_store::ideas::Ideas::of(db, tenant).latest_public(latest).await?;
    Ok((spaces, ideas))
}

/// The districts residents of a public space choose from (404 when the
/// space is not public).
pub async fn district_choices(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<Vec<String>, AppError> {
    Ok(Spaces::of(db, tenant)
        .get_public(space)
        .await?
        .ok_or(AppError::NotFound)?
        .district_choices())
}

/// A space as staff see it (drafts too); 404 when the tenant has none such.
pub async fn get_for_staff(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<Space, AppError> {
    Spaces::of(db, tenant).get(space).await?.ok_or(AppError::NotFound)
}

/// A space for work only officials and administrators do there (merging
/// duplicates, naming topics): 403 `staff_only` for anyone else, saying
/// they cannot `what`; 404 when the tenant has no such space.
pub async fn for_officials(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    space: SpaceId,
    what: &str,
) -> Result<Space, AppError> {
    if !role.is_among(civic_core::user::StaffRoles::Officials) {
        return Err(AppError::forbidden(
            "staff_only",
            format!("only the municipality's officials can {what}"),
        ));
    }
    get_for_staff(db, tenant, space).await
}

/// The phases stored with a space (an unreadable list reads as none).
pub fn phases(space: &SpaceRecord) -> Vec<Phase> {
    serde_json::from_str(&space.phases).unwrap_or_default()
}

fn forbidden() -> AppError {
    AppError::forbidden(
        "admins_only",
        "only the municipality's administrators can change spaces",
    )
}

/// Every check of the settings; `Ok(Err(problems))` lists them all.
type Checked<T> = Result<Result<T, Vec<Invalid>>, AppError>;

fn stored<'a>(valid: &'a Settings, phases_json: &'a str) -> SpaceSettings<'a> {
    SpaceSettings {
        title: &valid.title,
        description: &valid.description,
        support_threshold: valid.support_threshold,
        starts_at: valid.starts_at,
        ends_at: valid.ends_at,
        categories: &valid.categories,
        districts: &valid.districts,
        phases_json,
        modules: &valid.modules,
        participation: valid.participation,
        image_alt: valid.image_alt.as_deref(),
        edit_window_hours: valid.edit_window_hours,
    }
}

/// The settings checked by the rules, with their phases as stored (JSON),
/// or every problem.
fn checked_settings(input: &SettingsInput<'_>) -> Checked<(Settings, String)> {
    let valid = match rules::check(input) {
        Ok(v) => v,
        Err(problems) => return Ok(Err(problems)),
    };
    let json = serde_json::to_string(&valid.phases).map_err(|e| AppError::Internal(Box::new(e)))?;
    Ok(Ok((valid, json)))
}

/// Creates a space, a draft unless `status` says "published".
pub async fn create(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    status: Option<&str>,
    input: &SettingsInput<'_>,
) -> Checked<SpaceRecord> {
    if !may_manage(role) {
        return Err(forbidden());
    }
    let tx = db.begin().await?;
    let db = &tx;
    let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
        None => SpaceStatus::Draft,
        Some(raw) => match SpaceStatus::parse(raw) {
            Some(s @ (SpaceStatus::Draft | SpaceStatus::Published)) => s,
            _ => {
                return Ok(Err(vec![Invalid::new(
                    "status",
                    "invalid_space_status",
                    "a new space is a draft or published",
                )]));
            }
        },
    };
    let (valid, json) = match checked_settings(input)? {
        Ok(checked) => checked,
        Err(problems) => return Ok(Err(problems)),
    };
    let spaces = Spaces::of(db, tenant);
    let id = spaces.create_with(status.as_str(), &stored(&valid, &json)).await?;
    audit::record(
        db,
        tenant,
        actor,
        audit::action::SPACE_CREATED,
        &format!("space {}", id.0),
        &valid.title,
    )
    .await?;
    let space = spaces.get(id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(Ok(space))
}

/// Replaces the settings of a space (any status but archived).
pub async fn update(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    id: SpaceId,
    input: &SettingsInput<'_>,
) -> Checked<SpaceRecord> {
    if !may_manage(role) {
        return Err(forbidden());
    }
    let tx = db.begin().await?;
    let spaces = Spaces::of(&tx, tenant);
    let before = spaces.get(id).await?.ok_or(AppError::NotFound)?;
    if before.status == SpaceStatus::Archived {
        return Err(AppError::conflict(
            "space_archived",
            "an archived space cannot be changed any more",
        ));
    }
    let (valid, json) = match checked_settings(input)? {
        Ok(checked) => checked,
        Err(problems) => return Ok(Err(problems)),
    };
    if !spaces.update(id, &stored(&valid, &json)).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::SPACE_UPDATED,
        &format!("space {}", id.0),
        &valid.title,
    )
    .await?;
    let space = spaces.get(id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(Ok(space))
}

/// Replaces the settings of a space and, when `status` names another one,
/// moves it there too: both or neither. The status move is checked before
/// the settings, so a refused move saves nothing.
pub async fn update_with_status(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    id: SpaceId,
    input: &SettingsInput<'_>,
    status: Option<&str>,
) -> Checked<SpaceRecord> {
    if !may_manage(role) {
        return Err(forbidden());
    }
    let tx = db.begin().await?;
    let current = Spaces::of(&tx, tenant).get(id).await?.ok_or(AppError::NotFound)?;
    let wanted = status
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != current.status.as_str());
    if let Some(to) = wanted
        && let Err(problem) = current.status.transition(to)
    {
        return Ok(Err(vec![problem]));
    }
    let space = match update(&tx, tenant, actor, role, id, input).await? {
        Ok(space) => space,
        Err(problems) => return Ok(Err(problems)),
    };
    let space = match wanted {
        Some(to) => set_status(&tx, tenant, actor, role, id, to).await?,
        None => space,
    };
    tx.commit().await?;
    Ok(Ok(space))
}

/// Moves a space along draft → published → closed → archived (or closed
/// back to published); a move the lifecycle does not allow is 422.
pub async fn set_status(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    id: SpaceId,
    to: &str,
) -> Result<SpaceRecord, AppError> {
    if !may_manage(role) {
        return Err(forbidden());
    }
    let tx = db.begin().await?;
    let spaces = Spaces::of(&tx, tenant);
    let space = spaces.get(id).await?.ok_or(AppError::NotFound)?;
    let from = space.status;
    let target = from.transition(to)?;
    if !spaces.set_status(id, from.as_str(), target.as_str()).await? {
        return Err(AppError::conflict(
            "space_changed",
            "someone changed this space's status meanwhile; reload and try again",
        ));
    }
    let detail = format!("{} → {}", from.as_str(), target.as_str());
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::SPACE_STATUS,
        &format!("space {}", id.0),
        &detail,
    )
    .await?;
    let space = spaces.get(id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(space)
}

/// Every space of the tenant, drafts and archived ones too, or those of one
/// status (staff only).
pub async fn list_all(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    status: Option<SpaceStatus>,
) -> Result<Vec<Space>, AppError> {
    if !may_view_drafts(role) {
        return Err(AppError::forbidden(
            "staff_only",
            "only the municipality's staff can list spaces by status",
        ));
    }
    Ok(Spaces::of(db, tenant).list_all(status.map(SpaceStatus::as_str)).await?)
}

/// The published (and closed) spaces of a tenant.
pub async fn list_public(db: &Platform, tenant: TenantId) -> Result<Vec<Space>, AppError> {
    Ok(Spaces::of(db, tenant).list_public().await?)
}

/// An uploaded picture as served.
pub struct Picture {
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// Everyone may see it; a draft's picture is for staff only (and must
    /// not be kept by shared caches).
    pub public: bool,
}

/// A space's image for a visitor who may see the space (drafts' images for
/// staff only).
pub async fn image(db: &Platform, tenant: TenantId, viewer: Option<Role>, id: SpaceId) -> Result<Picture, AppError> {
    let spaces = Spaces::of(db, tenant);
    let public = spaces.get_public(id).await?.is_some();
    let staff_sees_it = !public && viewer.is_some_and(may_view_drafts) && spaces.get(id).await?.is_some();
    if !public && !staff_sees_it {
        return Err(AppError::NotFound);
    }
    let (content_type, bytes) = spaces.image(id).await?.ok_or(AppError::NotFound)?;
    Ok(Picture {
        content_type,
        bytes,
        public,
    })
}

/// Sets the image of a space: PNG, JPEG or WebP of at most
/// `IMAGE_MAX_BYTES` (SVG is refused: it could run script on our origin).
/// Takes the space's image away (the space shows none).
pub async fn remove_image(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    id: SpaceId,
) -> Result<(), AppError> {
    if !may_manage(role) {
        return Err(forbidden());
    }
    let tx = db.begin().await?;
    let db = &tx;
    let spaces = Spaces::of(db, tenant);
    if spaces.get(id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    spaces.remove_image(id).await?;
    audit::record(
        db,
        tenant,
        actor,
        audit::action::SPACE_UPDATED,
        &format!("space {}", id.0),
        "image removed",
    )
    .await?;
    tx.commit().await
}

pub async fn set_image(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    id: SpaceId,
    bytes: &[u8],
) -> Result<(), AppError> {
    if !may_manage(role) {
        return Err(forbidden());
    }
    let tx = db.begin().await?;
    let db = &tx;
    if bytes.len() > IMAGE_MAX_BYTES {
        return Err(Invalid::new("image", "image_too_large", "an image is at most 500 KB").into());
    }
    let content_type = civic_core::brand::image_type(bytes)
        .ok_or_else(|| Invalid::new("image", "image_type", "an image is a PNG, JPEG or WebP file"))?;
    if !Spaces::of(db, tenant).set_image(id, content_type, bytes).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        db,
        tenant,
        actor,
        audit::action::SPACE_UPDATED,
        &format!("space {}", id.0),
        "image",
    )
    .await?;
    tx.commit().await
}
