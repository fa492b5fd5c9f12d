//! A large generated municipality for the load benchmarks (`bench/`): one
//! space of ideas with threaded comments, supports from many citizens, the
//! city's answers and a long survey with its responses, written in bulk
//! (`civic_store::bulk`) with every derived column computed here. Running it
//! again on a database that has the tenant writes no data and only issues
//! fresh sessions and access tokens for the benchmark accounts.

use crate::bench_text;
use crate::demo_polls::question as q;
use civic_app::Platform;
use civic_app::{AppError, auth, passwords, tenants};
use civic_core::ideas::IdeaStatus;
use civic_core::polls::{AnswerInput, ConditionInput, QuestionInput, build_questions, check_answers};
use civic_core::{Email, IdeaId, SpaceId, TenantId, Timestamp};
use civic_store::bulk::*;
use civic_store::ideas::{IdeaFilter, IdeaSort, Ideas, SortCursor};
use civic_store::polls::{AnswerRow, NewPoll, Polls};
use civic_store::spaces::{NewSpace, Spaces};
use civic_store::users::Users;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const DAY: i64 = 86_400_000;
/// Every generated account signs in with this password.
pub const PASSWORD: &str = "bench-password-2026";
pub const OFFICIAL_EMAIL: &str = "official@bench.example.org";
/// Statuses of the ideas, each at least once: published, under review,
/// accepted, rejected, in progress, implemented, withdrawn (not merged:
/// a merged idea points at another, which generated ideas do not).
fn statuses() -> Vec<&'static str> {
    IdeaStatus::ALL
        .into_iter()
        .filter(|s| *s != IdeaStatus::Merged)
        .map(IdeaStatus::as_str)
        .collect()
}

/// How much to generate.
#[derive(Debug, Clone)]
pub struct Shape {
    pub ideas: usize,
    pub comments: usize,
    /// Comments on the one idea with the longest thread.
    pub thread: usize,
    pub supports: usize,
    pub citizens: usize,
    pub responses: usize,
    /// Accounts with a session and an access token for the load scripts;
    /// they have supported and answered nothing.
    pub bench_users: usize,
    /// Supports at which a published idea goes to review.
    pub threshold: i64,
}

impl Shape {
    /// The tenant of issue 5: 10,000 ideas, 100,000 comments, 1,000,000 supports.
    pub fn full() -> Shape {
        Shape {
            ideas: 10_000,
            comments: 100_000,
            thread: 500,
            supports: 1_000_000,
            citizens: 100_000,
            responses: 100_000,
            bench_users: 20_000,
            threshold: 400,
        }
    }

    pub fn tiny() -> Shape {
        Shape {
            ideas: 20,
            comments: 120,
            thread: 30,
            supports: 400,
            citizens: 60,
            responses: 40,
            bench_users: 8,
            threshold: 40,
        }
    }

    fn check(&self) -> Result<(), AppError> {
        let bad = |m: &str| Err(AppError::BadRequest(m.into()));
        if self.ideas < statuses().len() {
            return bad("at least 7 ideas (one in every status)");
        }
        if self.thread > self.comments || self.citizens == 0 || self.bench_users == 0 {
            return bad("the thread cannot have more comments than all; citizens and bench users must be > 0");
        }
        if self.comments - self.thread > (self.ideas - 1) * self.thread.saturating_sub(1).max(1) {
            return bad("too many comments for ideas whose threads stay shorter than --thread");
        }
        if self.supports > self.ideas * self.citizens || self.responses > self.citizens {
            return bad("more supports than ideas x citizens, or more responses than citizens");
        }
        Ok(())
    }
}

/// What the load scripts need to know about the tenant.
#[derive(Debug, Clone)]
pub struct BenchTenant {
    pub slug: String,
    pub tenant: TenantId,
    pub space: SpaceId,
    pub poll: i64,
    /// The idea with the most comments (the thread of `Shape::thread`).
    pub thread_idea: IdeaId,
    pub first_idea: i64,
    pub last_idea: i64,
    /// `?sort=newest&cursor=` of the page halfway through the list.
    pub deep_cursor: String,
    /// Session cookie values and access tokens of the benchmark accounts.
    pub sessions: Vec<String>,
    pub tokens: Vec<String>,
    /// A session of an official (exports the survey).
    pub official_session: String,
    /// A valid JSON body for POST …/polls/{id}/responses.
    pub answer_body: String,
    /// Participatory budgets in their voting phase, ids in a row; each has
    /// `BUDGET_PROJECTS` projects on its ballot, ids in a row after the
    /// first budget's first project.
    pub first_budget: i64,
    pub first_budget_project: i64,
    /// A consultation taking comments on a 60-section document, and its
    /// section with the most comments and amendments.
    pub consultation: i64,
    pub busiest_section: i64,
    pub generated: bool,
}

impl BenchTenant {
    /// Shell assignments for the scripts.
    pub fn env(&self) -> String {
        format!(
            "TENANT={}\nSPACE={}\nPOLL={}\nTHREAD_IDEA={}\nFIRST_IDEA={}\nLAST_IDEA={}\nDEEP_CURSOR={}\nOFFICIAL_SESSION={}\n\
             FIRST_BUDGET={}\nBUDGET_COUNT={BUDGETS}\nFIRST_BUDGET_PROJECT={}\nBUDGET_PROJECTS={BUDGET_PROJECTS}\n\
             CONSULTATION={}\nBUSIEST_SECTION={}\n",
            self.slug,
            self.space.0,
            self.poll,
            self.thread_idea.0,
            self.first_idea,
            self.last_idea,
            self.deep_cursor,
            self.official_session,
            self.first_budget,
            self.first_budget_project,
            self.consultation,
            self.busiest_section,
        )
    }
}

fn citizen_email(n: usize) -> String {
    format!("citizen{n}@bench.example.org")
}

fn bench_email(n: usize) -> String {
    format!("bench{n}@bench.example.org")
}

/// Creates the tenant `slug` with `shape`, or, when it exists, issues new
/// credentials for its benchmark accounts. `progress` hears each phase.
pub async fn generate(
    db: &Platform,
    slug: &str,
    shape: &Shape,
    progress: &dyn Fn(&str),
) -> Result<BenchTenant, AppError> {
    shape.check()?;
    let existing = civic_store::tenants::by_slug(db, slug).await?;
    let generated = existing.is_none();
    let tenant = match existing {
        Some(t) => t,
        None => {
            let t = tenants::create(
                db,
                &tenants::CreateTenant {
                    slug,
                    name: "Бенчмарк-громада",
                    locale: Some("uk"),
                    host: None,
                },
            )
            .await?;
            write_data(db, t.tenant_id(), shape, progress).await?;
            t
        }
    };
    let t = tenant.tenant_id();
    let space = Spaces::of(db, t)
        .list_public()
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?
        .space_id();
    let poll = Polls::of(db, t)
        .in_space(space, false)
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let all = Ideas::of(db, t)
        .list(space, &IdeaFilter::default(), IdeaSort::Newest, 0, None, u32::MAX)
        .await?;
    let thread = all.iter().max_by_key(|i| i.comment_count).ok_or(AppError::NotFound)?;
    let deep = &all[all.len() / 2];
    let questions: Vec<civic_core::polls::Question> =
        serde_json::from_str(&poll.questions_json).map_err(|e| AppError::Internal(Box::new(e)))?;
    let mut rng = StdRng::seed_from_u64(7);
    let answer_body = serde_json::json!({ "answers": survey_answers(&mut rng, &questions) }).to_string();
    progress("participatory budgets");
    let (first_budget, first_budget_project) = ensure_budgets(db, t, space).await?;
    progress("a consultation on a 60-section document");
    let (consultation, busiest_section) = ensure_consultation(db, t, space).await?;
    progress("issuing sessions and access tokens");
    let (sessions, tokens, official_session) = issue_credentials(db, t, shape.bench_users).await?;
    Ok(BenchTenant {
        slug: tenant.slug.to_string(),
        tenant: t,
        space,
        poll: poll.id,
        thread_idea: thread.idea_id(),
        first_idea: all.iter().map(|i| i.id.0).min().unwrap_or_default(),
        last_idea: all.iter().map(|i| i.id.0).max().unwrap_or_default(),
        deep_cursor: SortCursor::after(IdeaSort::Newest, 0, deep).encode(),
        sessions,
        tokens,
        official_session,
        answer_body,
        first_budget,
        first_budget_project,
        consultation,
        busiest_section,
        generated,
    })
}

/// Budgets voting at once in the benchmark tenant (each takes one ballot
/// per benchmark account).
pub const BUDGETS: usize = 5;
/// Projects on each budget's ballot (Kyiv's largest budgets have about 400).
pub const BUDGET_PROJECTS: usize = 400;

/// The benchmark's budgets, made on first use: (first budget, its first
/// project). Projects of budget k follow at `first + k * BUDGET_PROJECTS`.
async fn ensure_budgets(db: &Platform, t: TenantId, space: SpaceId) -> Result<(i64, i64), AppError> {
    use civic_core::budgets::{BallotType, BudgetPhase, ProjectStatus};
    use civic_store::budgets::{Budgets, NewBudget, NewProject};
    let store = Budgets::of(db, t);
    let existing = store.in_space(space).await?;
    if let Some(first) = existing.first() {
        let projects = store.projects(first.id).await?;
        return Ok((first.id, projects.first().map_or(0, |p| p.id)));
    }
    let tx = db.begin().await?;
    let store = Budgets::of(&tx, t);
    let (mut first_budget, mut first_project) = (0, 0);
    for k in 0..BUDGETS {
        let title = format!("Громадський бюджет, район {}", k + 1);
        let budget = store
            .create(&NewBudget {
                space,
                title: &title,
                description: "Оберіть до п'яти проєктів.",
                amount: 50_000_000,
                ballot_type: BallotType::Approval,
                min_choices: 1,
                max_choices: 5,
                points_total: 0,
                rule: "greedy",
                threshold: None,
                phase: BudgetPhase::Voting,
                submission_ends: None,
                voting_ends: None,
                exclude_own: false,
            })
            .await?;
        for n in 0..BUDGET_PROJECTS {
            let title = format!("Проєкт {} району {}", n + 1, k + 1);
            let project = store
                .add_project(
                    budget,
                    &NewProject {
                        author: None,
                        title: &title,
                        body: "Опис проєкту: що зробити, де і для кого.",
                        cost: 100_000 + (n as i64 * 7_919) % 2_900_000,
                        category: Some(["Спорт", "Освіта", "Благоустрій", "Культура"][n % 4]),
                        district: None,
                        location: None,
                        status: ProjectStatus::Feasible,
                    },
                )
                .await?;
            if k == 0 && n == 0 {
                (first_budget, first_project) = (budget, project);
            }
        }
    }
    tx.commit().await?;
    Ok((first_budget, first_project))
}

/// The benchmark consultation's shape (issue 18): a strategy of 60
/// sections with 3,000 comments and 500 amendments; the first section
/// gathers a tenth of each, as the contested article of a real document does.
pub const CONSULTATION_SECTIONS: usize = 60;
pub const CONSULTATION_COMMENTS: usize = 3_000;
pub const CONSULTATION_AMENDMENTS: usize = 500;

/// The benchmark's consultation, made on first use: (its id, its busiest section).
async fn ensure_consultation(db: &Platform, t: TenantId, space: SpaceId) -> Result<(i64, i64), AppError> {
    use civic_core::consultations::{ConsultationPhase, DraftSection};
    use civic_store::consultations::{Consultations, NewConsultation};
    let store = Consultations::of(db, t);
    if let Some(c) = store.in_space(space).await?.first() {
        let first = store.sections(c.id).await?.first().map_or(0, |s| s.id);
        return Ok((c.id, first));
    }
    let users = Users::of(db, t);
    let mut authors = Vec::new();
    for n in 1..=50 {
        if let Some(u) = users.by_email(&civic_core::Email::parse(&bench_email(n))?).await? {
            authors.push(u.id);
        }
    }
    if authors.is_empty() {
        return Err(AppError::NotFound);
    }
    let sentence = "Громада забезпечує доступність публічних просторів для людей з інвалідністю, батьків із дитячими візочками та літніх людей. ";
    let sections: Vec<DraftSection> = (1..=CONSULTATION_SECTIONS)
        .map(|n| DraftSection {
            heading: format!("Стаття {n}. Положення {n}"),
            body: sentence.repeat(6).trim().to_string(),
        })
        .collect();
    let tx = db.begin().await?;
    let store = Consultations::of(&tx, t);
    let id = store
        .create(&NewConsultation {
            space,
            title: "Стратегія розвитку громади до 2030 року",
            summary: "Проєкт стратегії на громадському обговоренні.",
            phase: ConsultationPhase::Comments,
            comments_end: None,
            sections: &sections,
        })
        .await?;
    let stored = store.sections(id).await?;
    // Section k takes every item whose number falls on it; the first takes
    // a tenth of all on top.
    let on = |n: usize, total: usize| {
        if n < total / 10 { 0 } else { n % stored.len() }
    };
    for n in 0..CONSULTATION_COMMENTS {
        let section = &stored[on(n, CONSULTATION_COMMENTS)];
        let body = format!("Коментар {n}: пропоную уточнити формулювання цієї статті.");
        store
            .add_comment(section, None, authors[n % authors.len()], &body)
            .await?;
    }
    for n in 0..CONSULTATION_AMENDMENTS {
        let section = &stored[on(n, CONSULTATION_AMENDMENTS)];
        let text = format!("{} Зміна {n}: додати строки виконання.", section.body);
        let amendment = store.add_amendment(section, authors[n % authors.len()], &text).await?;
        store
            .set_support(amendment, authors[(n + 1) % authors.len()], 1)
            .await?;
    }
    tx.commit().await?;
    Ok((id, stored[0].id))
}

/// One session and one token per benchmark account, one staff session.
async fn issue_credentials(
    db: &Platform,
    t: TenantId,
    bench_users: usize,
) -> Result<(Vec<String>, Vec<String>, String), AppError> {
    let users = Users::of(db, t);
    let now = Timestamp::now().0;
    let (mut sessions, mut tokens) = (Vec::new(), Vec::new());
    let (mut session_rows, mut token_rows) = (Vec::new(), Vec::new());
    // Access tokens carry the "cs_" prefix of `auth::create_token`.
    let credential = |user_id: i64, prefix: &str, secrets: &mut Vec<String>, rows: &mut Vec<BulkCredential>| {
        let secret = format!("{prefix}{}", auth::new_secret());
        rows.push(BulkCredential {
            user_id,
            token_hash: auth::digest(&secret),
            csrf_token: auth::new_secret(),
            created_at: now,
            expires_at: now + 30 * DAY,
        });
        secrets.push(secret);
    };
    for n in 1..=bench_users {
        let Some(u) = users.by_email(&Email::parse(&bench_email(n))?).await? else {
            break;
        };
        credential(u.id.0, "", &mut sessions, &mut session_rows);
        credential(u.id.0, "cs_", &mut tokens, &mut token_rows);
    }
    let official = users
        .by_email(&Email::parse(OFFICIAL_EMAIL)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut staff = Vec::new();
    // Staff sessions end after 12 hours (SessionPolicy).
    credential(official.id.0, "", &mut staff, &mut session_rows);
    session_rows.last_mut().expect("just pushed").expires_at = now + 11 * 3_600_000;
    let bulk = Bulk::of(db, t);
    bulk.sessions(&session_rows).await?;
    bulk.tokens(&token_rows).await?;
    bulk.finish().await?;
    Ok((sessions, tokens, staff.pop().unwrap_or_default()))
}

/// Support counts per idea: heavy tailed, summing to `total`, each at most
/// `cap` (the citizens).
fn support_counts(rng: &mut StdRng, ideas: usize, total: usize, cap: usize) -> Vec<usize> {
    let weights: Vec<f64> = (0..ideas).map(|_| rng.random_range(0.001f64..1.0).powf(-0.8)).collect();
    let sum: f64 = weights.iter().sum();
    let mut counts: Vec<usize> = weights
        .iter()
        .map(|w| ((w / sum * total as f64) as usize).min(cap))
        .collect();
    let mut missing = total - counts.iter().sum::<usize>();
    let mut i = 0;
    while missing > 0 {
        if counts[i % ideas] < cap {
            counts[i % ideas] += 1;
            missing -= 1;
        }
        i += 1;
    }
    counts
}

/// Comment counts per idea: `thread` on idea `big`, the rest spread
/// unevenly, each other idea below `thread`.
fn comment_counts(rng: &mut StdRng, ideas: usize, total: usize, thread: usize, big: usize) -> Vec<usize> {
    let mut counts = vec![0usize; ideas];
    counts[big] = thread;
    let rest = total - thread;
    let cap = thread.saturating_sub(1).max(1);
    let mut placed = 0;
    while placed < rest && ideas > 1 {
        let i = rng.random_range(0..ideas);
        // Half the draws squared: a few ideas collect many comments.
        let j = if rng.random_ratio(1, 2) { (i * i) / ideas } else { i };
        if j != big && counts[j] < cap {
            counts[j] += 1;
            placed += 1;
        }
    }
    counts
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

async fn write_data(db: &Platform, t: TenantId, shape: &Shape, progress: &dyn Fn(&str)) -> Result<(), AppError> {
    let mut rng = StdRng::seed_from_u64(2026);
    let now = Timestamp::now().0;
    let bulk = Bulk::of(db, t);
    let hash = passwords::hash(PASSWORD);

    let spaces = Spaces::of(db, t);
    let space = spaces
        .create(&NewSpace {
            title: "Ідеї для міста",
            description: "Пропонуйте, як зробити наше місто кращим, і підтримуйте ідеї сусідів.",
            status: "published",
            support_threshold: shape.threshold,
            starts_at: Some(now - 400 * DAY),
            ends_at: None,
        })
        .await?;
    spaces
        .set_choices(space, &bench_text::CATEGORIES, &bench_text::DISTRICTS)
        .await?;

    progress("accounts");
    let first_user = bulk.next_id(Table::Users).await?;
    let mut users = Vec::with_capacity(shape.citizens + shape.bench_users + 1);
    for n in 1..=shape.citizens {
        users.push(BulkUser {
            id: first_user + n as i64 - 1,
            email: citizen_email(n),
            display_name: format!("Мешканка {n}"),
            role: "citizen",
            created_at: now - 400 * DAY,
        });
    }
    for n in 1..=shape.bench_users {
        users.push(BulkUser {
            id: first_user + (shape.citizens + n) as i64 - 1,
            email: bench_email(n),
            display_name: format!("Bench {n}"),
            role: "citizen",
            created_at: now - 400 * DAY,
        });
    }
    users.push(BulkUser {
        id: first_user + (shape.citizens + shape.bench_users) as i64,
        email: OFFICIAL_EMAIL.into(),
        display_name: "Міська рада".into(),
        role: "official",
        created_at: now - 400 * DAY,
    });
    bulk.users(&users, &hash).await?;
    drop(users);
    let citizen = |k: usize| first_user + (k % shape.citizens) as i64;

    progress("ideas and answers");
    let first_idea = bulk.next_id(Table::Ideas).await?;
    let supports = support_counts(&mut rng, shape.ideas, shape.supports, shape.citizens);
    let big = shape.ideas / 2;
    let comments = comment_counts(&mut rng, shape.ideas, shape.comments, shape.thread, big);
    // Ideas at the threshold went to review; every status appears among the
    // first ideas below it.
    let all_statuses = statuses();
    let mut forced = all_statuses.iter();
    let span = 365 * DAY;
    let mut ideas = Vec::with_capacity(shape.ideas);
    let mut answers = Vec::new();
    for i in 0..shape.ideas {
        let reviewed = supports[i] as i64 >= shape.threshold;
        let status = match (reviewed, forced.clone().next()) {
            (false, Some(s)) => {
                forced.next();
                *s
            }
            (false, None) if rng.random_ratio(3, 5) => "published",
            (false, None) if rng.random_ratio(1, 8) => "withdrawn",
            _ => all_statuses[rng.random_range(1..6)],
        };
        let created_at = now - span + (i as i64) * (span / shape.ideas as i64) - rng.random_range(0..60_000);
        if !matches!(status, "published" | "withdrawn") {
            answers.push(BulkAnswer {
                idea_id: first_idea + i as i64,
                status,
                body: bench_text::answer(&mut rng, status),
                created_at: created_at + 3 * DAY,
            });
        }
        let (title, body) = bench_text::idea(&mut rng);
        ideas.push(BulkIdea {
            id: first_idea + i as i64,
            space_id: space.0,
            author_id: citizen(rng.random_range(0..shape.citizens)),
            search_text: civic_core::text::search_form(&format!("{title}\n{body}")),
            title,
            body,
            status,
            category: Some(bench_text::CATEGORIES[i % 6].into()),
            district: Some(bench_text::DISTRICTS[(i / 6) % 6].into()),
            support_count: supports[i] as i64,
            comment_count: comments[i] as i64,
            created_at,
            shuffle_key: rng.random_range(0..2_147_483_647),
        });
    }
    bulk.ideas(&ideas).await?;
    bulk.answers(&answers).await?;

    progress("comments");
    let alignments = ["in_favour", "against", "neutral"];
    let mut next_comment = bulk.next_id(Table::Comments).await?;
    let mut batch = Vec::new();
    for (i, idea) in ideas.iter().enumerate() {
        let mut thread: Vec<(i64, i64)> = Vec::new(); // (id, depth)
        for k in 0..comments[i] {
            let parent = if thread.is_empty() || rng.random_ratio(2, 5) {
                None
            } else {
                Some(thread[rng.random_range(0..thread.len())]).filter(|p| p.1 < civic_core::ideas::MAX_COMMENT_DEPTH)
            };
            let body = bench_text::comment(&mut rng);
            let depth = parent.map_or(0, |p| p.1 + 1);
            batch.push(BulkComment {
                id: next_comment,
                idea_id: idea.id,
                parent_id: parent.map(|p| p.0),
                author_id: citizen(rng.random_range(0..shape.citizens)),
                search_text: civic_core::text::search_form(&body),
                body,
                alignment: alignments[rng.random_range(0..3)],
                created_at: (idea.created_at + (k as i64 + 1) * 60_000).min(now - 1),
                depth,
            });
            thread.push((next_comment, depth));
            next_comment += 1;
        }
        if batch.len() >= 20_000 {
            bulk.comments(&batch).await?;
            batch.clear();
        }
    }
    bulk.comments(&batch).await?;
    drop(batch);

    progress("supports");
    let mut batch = Vec::new();
    let n = shape.citizens;
    for (i, idea) in ideas.iter().enumerate() {
        // Distinct citizens: a walk with a step coprime to their number.
        let start = rng.random_range(0..n);
        let mut step = rng.random_range(1..n.max(2));
        while gcd(step, n) != 1 {
            step += 1;
        }
        for k in 0..supports[i] {
            batch.push(BulkSupport {
                idea_id: idea.id,
                user_id: citizen(start + k * step),
                created_at: idea.created_at + 1 + k as i64,
            });
        }
        if batch.len() >= 100_000 {
            bulk.supports(&batch).await?;
            batch.clear();
        }
    }
    bulk.supports(&batch).await?;
    drop(batch);
    drop(ideas);

    progress("survey and responses");
    let questions = build_questions(&survey())?;
    let json = serde_json::to_string(&questions).map_err(|e| AppError::Internal(Box::new(e)))?;
    let poll = Polls::of(db, t)
        .create(&NewPoll {
            space,
            title: "Опитування мешканців: якість життя в громаді",
            intro: "Двадцять запитань про транспорт, безпеку, довкілля та послуги. Відповіді анонімні.",
            opens_at: Some(now - 30 * DAY),
            closes_at: Some(now + 90 * DAY),
            results_visibility: "live",
            allow_changes: false,
            questions_json: &json,
            status: "published",
            eligibility: "signed_in",
            districts: "",
            anonymous: true,
        })
        .await?;
    let first_response = bulk.next_id(Table::PollResponses).await?;
    let (mut responses, mut cells) = (Vec::new(), Vec::new());
    for r in 0..shape.responses {
        let id = first_response + r as i64;
        responses.push(BulkResponse {
            id,
            user_id: citizen(r),
            submitted_at: now - rng.random_range(DAY..29 * DAY),
        });
        let given = survey_answers(&mut rng, &questions);
        let checked = check_answers(&questions, &given)
            .map_err(|p| AppError::BadRequest(format!("generated answers do not fit: {p:?}")))?;
        cells.extend(checked.into_iter().map(|c| BulkPollAnswer {
            response_id: id,
            row: AnswerRow::from(c),
        }));
        if cells.len() >= 100_000 {
            bulk.poll_responses(poll, &responses).await?;
            bulk.poll_answers(poll, &cells).await?;
            responses.clear();
            cells.clear();
        }
    }
    bulk.poll_responses(poll, &responses).await?;
    bulk.poll_answers(poll, &cells).await?;
    bulk.finish().await?;
    // Rows written in bulk skip the counters the response path keeps.
    Polls::of(db, t).recount(poll).await?;
    Ok(())
}

fn scale(text: &str, min: i64, max: i64) -> QuestionInput {
    QuestionInput {
        scale_min: Some(min),
        scale_max: Some(max),
        min_label: Some("зовсім ні".into()),
        max_label: Some("повністю так".into()),
        ..q("scale", text, &[])
    }
}

fn optional(mut question: QuestionInput) -> QuestionInput {
    question.required = false;
    question
}

/// Twenty questions of every kind, one shown only after a given answer.
fn survey() -> Vec<QuestionInput> {
    let transport = ["Пішки", "Велосипед", "Автобус", "Тролейбус", "Власне авто"];
    vec![
        q(
            "single_choice",
            "Як часто ви буваєте в центрі міста?",
            &["Щодня", "Щотижня", "Щомісяця", "Рідше"],
        ),
        QuestionInput {
            max_selections: Some(3),
            ..q(
                "multiple_choice",
                "Якими видами транспорту ви користуєтеся?",
                &transport,
            )
        },
        scale("Чи задоволені ви освітленням вулиць?", 1, 5),
        scale("Оцініть чистоту у вашому дворі", 1, 10),
        QuestionInput {
            min: Some(0.0),
            max: Some(300.0),
            ..q("number", "Скільки хвилин ви добираєтеся до роботи чи навчання?", &[])
        },
        q(
            "ranking",
            "Розставте за важливістю, що місту зробити першим",
            &["Дороги", "Освітлення", "Парки", "Укриття"],
        ),
        q("date", "Коли вам зручно прийти на громадські слухання?", &[]),
        optional(q("short_text", "Одне побажання для міста", &[])),
        optional(q("long_text", "Опишіть проблему вашого району", &[])),
        q(
            "single_choice",
            "Чи почуваєтеся ви безпечно ввечері?",
            &["Так", "Ні", "Важко сказати"],
        ),
        QuestionInput {
            show_if: Some(ConditionInput {
                question: 9,
                option: 1,
                negate: false,
            }),
            max_selections: Some(2),
            ..q(
                "multiple_choice",
                "Що заважає почуватися безпечно?",
                &["Темрява", "Безпритульні собаки", "Немає укриття поруч", "Швидкі авто"],
            )
        },
        scale("Якість доріг у вашому районі", 1, 5),
        QuestionInput {
            rows: vec!["Автобуси".into(), "Тролейбуси".into(), "Маршрутки".into()],
            ..q(
                "matrix",
                "Як працює громадський транспорт?",
                &["Погано", "Задовільно", "Добре"],
            )
        },
        QuestionInput {
            min: Some(1.0),
            max: Some(15.0),
            ..q("number", "Скільки людей у вашій сім'ї?", &[])
        },
        q(
            "single_choice",
            "Ваш вік",
            &["до 18", "18–29", "30–44", "45–59", "60 і більше"],
        ),
        q("single_choice", "Район, де ви живете", &bench_text::DISTRICTS),
        optional(q(
            "ranking",
            "Що профінансувати з бюджету участі",
            &["Спорт", "Культура", "Освіта", "Екологія", "Безпека"],
        )),
        scale("Чи порадили б ви друзям жити в нашій громаді?", 0, 10),
        q(
            "multiple_choice",
            "Звідки ви дізнаєтеся новини міста?",
            &["Сайт ради", "Телеграм", "Фейсбук", "Місцеве ТБ", "Від сусідів"],
        ),
        optional(q("short_text", "Що змінити в роботі ЦНАП?", &[])),
    ]
}

/// A varied answer that `check_answers` accepts.
fn survey_answers(rng: &mut StdRng, questions: &[civic_core::polls::Question]) -> Vec<AnswerInput> {
    use civic_core::polls::Kind;
    let mut out: Vec<AnswerInput> = Vec::new();
    for question in questions {
        if let Some(c) = question.show_if {
            let shown = out
                .iter()
                .any(|a| a.question_id == c.question_id && a.option == Some(c.option));
            if !shown {
                continue;
            }
        }
        if !question.required && rng.random_ratio(1, 2) {
            continue;
        }
        let n = question.options.len() as i64;
        let mut a = AnswerInput {
            question_id: question.id,
            ..AnswerInput::default()
        };
        match question.kind {
            Kind::SingleChoice => a.option = Some(rng.random_range(0..n)),
            Kind::MultipleChoice => {
                let (least, most) = question.selections();
                let k = rng.random_range(least..=most);
                let start = rng.random_range(0..n);
                a.options = Some((0..k).map(|j| (start + j) % n).collect());
            }
            Kind::Scale => {
                let (lo, hi) = question.scale();
                a.value = Some(rng.random_range(lo..=hi) as f64);
            }
            Kind::Number => {
                let (lo, hi) = (question.min.unwrap_or(0.0) as i64, question.max.unwrap_or(100.0) as i64);
                a.value = Some(rng.random_range(lo..=hi.min(lo + 90)) as f64);
            }
            Kind::Ranking => {
                let start = rng.random_range(0..n);
                a.ranking = Some((0..n).map(|j| (start + j) % n).collect());
            }
            Kind::Date => {
                a.date = Some(format!(
                    "2027-0{}-{:02}",
                    rng.random_range(1..10),
                    rng.random_range(1..29)
                ))
            }
            Kind::ShortText | Kind::LongText => a.text = Some(bench_text::wish(rng)),
            Kind::Matrix => a.matrix = Some(question.rows.iter().map(|_| rng.random_range(0..n)).collect()),
        }
        out.push(a);
    }
    out
}
