//! A tenant with one of everything (space, idea, comment, conversation,
//! statement, poll) and its people, so a suite can fill every placeholder
//! of the route table with a real id.

use super::TestApp;
use civic_core::*;
use civic_testkit::testing::query_i64;

pub const PASSWORD: &str = "correct horse battery staple";

/// A confirmed account; its id.
pub async fn person(app: &TestApp, tenant_slug: &str, email: &str, role: &str) -> i64 {
    civic_app::users::create(
        &app.platform,
        &civic_app::users::CreateUser {
            tenant_slug,
            email,
            display_name: Some("Тестова особа"),
            role,
            password: PASSWORD,
        },
    )
    .await
    .unwrap()
    .id
    .0
}

/// A fresh session for `email` in `slug`: (client, csrf token). Opened
/// directly, not through the sign-in form, so walks do not run into the
/// sign-in rate limit.
pub async fn session(app: &TestApp, slug: &str, email: &str) -> (reqwest::Client, String) {
    cookie_client(&open_session(app, slug, email).await)
}

/// A client that sends the session's cookie: (client, csrf token).
pub fn cookie_client(opened: &civic_app::auth::OpenedSession) -> (reqwest::Client, String) {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::COOKIE,
        format!("civic_session={}", opened.token).parse().unwrap(),
    );
    let c = reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    (c, opened.csrf_token.clone())
}

pub async fn open_session(app: &TestApp, slug: &str, email: &str) -> civic_app::auth::OpenedSession {
    let tenant = civic_testkit::tenants::by_slug(&app.db, slug).await.unwrap().unwrap();
    let user = civic_testkit::users::Users::of(&app.db, tenant.tenant_id())
        .by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    let principal = civic_core::user::Principal {
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        role: user.role,
        csrf_token: String::new(),
        last_seen_at: 0,
        unread: 0,
        password_change_required: false,
        documents_pending: false,
    };
    civic_app::auth::open_session(
        &app.platform,
        tenant.tenant_id(),
        principal,
        None,
        &civic_app::auth::SessionPolicy::default(),
    )
    .await
    .unwrap()
}

/// One tenant's objects, by placeholder.
pub struct World {
    pub slug: String,
    pub tenant: TenantId,
    pub space: SpaceId,
    pub idea: IdeaId,
    pub comment: CommentId,
    pub conversation: i64,
    pub statement: i64,
    pub poll: i64,
    /// A budget in its voting phase (approval, 1 to 2 projects).
    pub budget: i64,
    /// A project on that budget's ballot.
    pub project: i64,
    /// A consultation taking comments, its first section, and an open
    /// amendment to it by the admin.
    pub consultation: i64,
    pub section: i64,
    pub amendment: i64,
    /// An open debate, and an argument in it (of no one's account).
    pub debate: i64,
    pub argument: i64,
    /// A petition collecting signatures, by the citizen.
    pub petition: i64,
    // Contests and joint projects (issue 19).
    pub contest: i64,
    pub submission: i64,
    pub joint_project: i64,
    pub milestone: i64,
    pub task: i64,
    /// Problem reports (issue 20): a received report (of no one's
    /// account) in a category of a department.
    pub report: i64,
    pub admin: i64,
    pub citizen: i64,
    /// The admin's and the citizen's e-mail addresses.
    pub admin_email: String,
    pub citizen_email: String,
}

impl World {
    /// A tenant `slug` with a published space holding an idea (with a
    /// comment), a conversation (with a statement) and a poll, an admin and
    /// a citizen.
    pub async fn build(app: &TestApp, slug: &str) -> World {
        let tenant = super::tenant(&app.db, slug, None).await.tenant_id();
        let space = super::space(&app.db, tenant, "Парк").await;
        let idea = super::idea(&app.db, tenant, space, "Лавки").await;
        let seeds = ["Більше лавок".to_string()];
        let conversation = civic_testkit::conversations::Conversations::of(&app.db, tenant)
            .create(&civic_testkit::conversations::NewConversation {
                space,
                question: "Що робити з площею?",
                description: "",
                moderation: "after",
                seed_statements: &seeds,
            })
            .await
            .unwrap();
        let statement = query_i64(
            &app.db,
            &format!("SELECT MIN(id) FROM statements WHERE tenant_id = {}", tenant.0),
        )
        .await;
        let comment = civic_testkit::comments::Comments::of(&app.db, tenant)
            .create(&civic_testkit::comments::NewComment {
                idea,
                parent: None,
                author: None,
                body: "Коментар",
                alignment: "neutral",
                created_at: Timestamp::now(),
            })
            .await
            .unwrap();
        let questions =
            r#"[{"id":1,"kind":"single_choice","text":"Так чи ні?","required":true,"options":["Так","Ні"]}]"#;
        let poll = civic_testkit::polls::Polls::of(&app.db, tenant)
            .create(&civic_testkit::polls::NewPoll {
                space,
                title: "Опитування",
                intro: "",
                opens_at: None,
                closes_at: None,
                results_visibility: "live",
                allow_changes: false,
                questions_json: questions,
                status: "published",
                eligibility: "signed_in",
                districts: "",
                anonymous: false,
            })
            .await
            .unwrap();
        let budgets = civic_testkit::budgets::Budgets::of(&app.db, tenant);
        let budget = budgets
            .create(&civic_testkit::budgets::NewBudget {
                space,
                title: "Бюджет участі",
                description: "",
                amount: 1_000_000,
                ballot_type: civic_core::budgets::BallotType::Approval,
                min_choices: 1,
                max_choices: 2,
                points_total: 0,
                rule: "greedy",
                threshold: None,
                phase: civic_core::budgets::BudgetPhase::Voting,
                submission_ends: None,
                voting_ends: None,
                exclude_own: false,
            })
            .await
            .unwrap();
        let project = budgets
            .add_project(
                budget,
                &civic_testkit::budgets::NewProject {
                    author: None,
                    title: "Лавки в парку",
                    body: "Десять лавок уздовж головної алеї парку.",
                    cost: 200_000,
                    category: None,
                    district: None,
                    location: None,
                    status: civic_core::budgets::ProjectStatus::Feasible,
                },
            )
            .await
            .unwrap();
        let debates = civic_testkit::debates::Debates::of(&app.db, tenant);
        let debate = debates
            .create(&civic_testkit::debates::NewDebate {
                space,
                question: "Чи робити вулицю пішохідною?",
                description: "",
                moderator: None,
                opens_at: None,
                closes_at: None,
            })
            .await
            .unwrap();
        let argument = debates
            .add_argument(
                debate,
                &civic_testkit::debates::NewArgument {
                    parent: None,
                    author: None,
                    side: civic_core::debates::DebateSide::For,
                    body: "Безпечніше для дітей.",
                    at: Timestamp::now(),
                },
            )
            .await
            .unwrap()
            .expect("an open debate takes arguments");
        let admin_email = format!("admin@{slug}.example.org");
        let citizen_email = format!("olena@{slug}.example.org");
        let admin = person(app, slug, &admin_email, "admin").await;
        let citizen = person(app, slug, &citizen_email, "citizen").await;
        let consultations = civic_testkit::consultations::Consultations::of(&app.db, tenant);
        let consultation = consultations
            .create(&civic_testkit::consultations::NewConsultation {
                space,
                title: "Правила благоустрою",
                summary: "",
                phase: civic_core::consultations::ConsultationPhase::Comments,
                comments_end: None,
                sections: &civic_core::consultations::split_document(
                    "## Стаття 1. Мета\nЗелене місто.\n\n## Стаття 2. Лавки\nЛавки ставлять у парках.",
                    civic_core::consultations::SplitBy::Auto,
                ),
            })
            .await
            .unwrap();
        let first = consultations.sections(consultation).await.unwrap().remove(0);
        let amendment = consultations
            .add_amendment(&first, civic_core::UserId(admin), "Зелене і чисте місто.")
            .await
            .unwrap();
        let petitions = civic_testkit::petitions::Petitions::of(&app.db, tenant);
        let now = Timestamp::now();
        let petition = petitions
            .create(
                civic_core::UserId(citizen),
                "Більше лавок у парку",
                "Просимо поставити двадцять нових лавок уздовж головної алеї парку до літа.",
                250,
                now,
            )
            .await
            .unwrap();
        petitions.submit(petition, now, now.0 + 86_400_000).await.unwrap();
        petitions
            .publish(petition, now, now.0 + 30 * 86_400_000, 250)
            .await
            .unwrap();
        // Contests and joint projects (issue 19): a contest taking
        // submissions with one, a joint project with a milestone and a task.
        let contests = civic_testkit::contests::Contests::of(&app.db, tenant);
        let contest = contests
            .create(&civic_testkit::contests::NewContest {
                space,
                title: "Логотип громади",
                brief: "Створіть логотип до ювілею.",
                rules: "",
                eligibility: "",
                prizes: "",
                public_vote: true,
                schedule: civic_core::contests::Schedule {
                    opens_at: now.minus_days(1).0,
                    submissions_end: now.minus_days(-10).0,
                    vote_end: Some(now.minus_days(-15).0),
                    jury_end: now.minus_days(-20).0,
                },
                criteria: &civic_core::contests::parse_criteria(&[("Ідея".to_string(), 100)]).unwrap(),
                created_by: None,
            })
            .await
            .unwrap();
        let submission = contests
            .add_submission(
                contest,
                civic_core::UserId(admin),
                "Дуб і річка",
                "Дуб над річкою в колі.",
                now,
            )
            .await
            .unwrap()
            .expect("an open contest takes submissions");
        let projects = civic_testkit::joint_projects::JointProjects::of(&app.db, tenant);
        let joint_project = projects
            .create(&civic_testkit::joint_projects::NewJointProject {
                space,
                title: "Сквер біля школи",
                goal: "Разом облаштувати сквер.",
                department: "Відділ благоустрою",
                budget: Some(100_000),
                starts_at: None,
                ends_at: None,
                location: "",
                status: civic_core::joint_projects::ProjectStatus::InProgress,
                origin: civic_core::joint_projects::Origin::Scratch,
                origin_id: None,
                created_by: None,
            })
            .await
            .unwrap();
        let milestone = projects
            .add_milestone(
                joint_project,
                "Проєкт скверу",
                now.0,
                civic_core::joint_projects::MilestoneStatus::Planned,
                None,
            )
            .await
            .unwrap();
        let task = projects
            .add_task(joint_project, "Прибирання", "", None, 20)
            .await
            .unwrap();
        // Problem reports (issue 20).
        let department = civic_testkit::reports::Departments::of(&app.db, tenant)
            .create("Служба доріг")
            .await
            .unwrap();
        let category = civic_testkit::reports::Categories::of(&app.db, tenant)
            .create(&civic_testkit::reports::NewCategory {
                name_uk: "Ями на дорогах",
                name_en: Some("Potholes"),
                department,
                target_days: 10,
            })
            .await
            .unwrap();
        let report = civic_testkit::reports::Reports::of(&app.db, tenant)
            .create(&civic_testkit::reports::NewReport {
                category,
                department,
                author: None,
                anonymous: false,
                body: "Глибока яма біля зупинки.",
                address: "вул. Вокзальна, 12",
                point: None,
                status: civic_core::reports::ReportStatus::Received,
                deadline_at: Timestamp::now().0 + 864_000_000,
                at: Timestamp::now(),
            })
            .await
            .unwrap();
        World {
            petition,
            report,
            consultation,
            section: first.id,
            amendment,
            slug: slug.to_string(),
            tenant,
            space,
            idea,
            comment,
            conversation,
            statement,
            poll,
            budget,
            project,
            debate,
            argument,
            contest,
            submission,
            joint_project,
            milestone,
            task,
            admin,
            citizen,
            admin_email,
            citizen_email,
        }
    }

    /// The route template with every placeholder replaced by this world's
    /// ids (sessions and tokens by `session_and_token`, which differ per
    /// caller).
    pub fn fill(&self, template: &str, session_and_token: (i64, i64)) -> String {
        template
            .replace("{tenant}", &self.slug)
            .replace("{space}", &self.space.0.to_string())
            .replace("{idea}", &self.idea.0.to_string())
            .replace("{user}", &self.citizen.to_string())
            .replace("{conversation}", &self.conversation.to_string())
            .replace("{comment}", &self.comment.0.to_string())
            // Moderation (issue 21): the world's comment as a moderated item.
            .replace("{item_type}", "comment")
            .replace("{item_id}", &self.comment.0.to_string())
            .replace("{poll}", &self.poll.to_string())
            .replace("{budget}", &self.budget.to_string())
            .replace("{project}", &self.project.to_string())
            .replace("{consultation}", &self.consultation.to_string())
            .replace("{section}", &self.section.to_string())
            .replace("{amendment}", &self.amendment.to_string())
            .replace("{debate}", &self.debate.to_string())
            .replace("{argument}", &self.argument.to_string())
            .replace("{petition}", &self.petition.to_string())
            // Contests and joint projects (issue 19).
            .replace("{contest}", &self.contest.to_string())
            .replace("{submission}", &self.submission.to_string())
            .replace("{joint_project}", &self.joint_project.to_string())
            .replace("{milestone}", &self.milestone.to_string())
            .replace("{task}", &self.task.to_string())
            .replace("{report}", &self.report.to_string())
            // The poll's first question is a choice; options count from 1.
            .replace("{question}", "1")
            .replace("{option}", "1")
            .replace("{statement}", &self.statement.to_string())
            // Nobody has notifications in a fresh world: an id that is no one's.
            .replace("{notification}", "999999")
            .replace("{session}", &session_and_token.0.to_string())
            .replace("{token}", &session_and_token.1.to_string())
            .replace("{file}", "app.css")
            .replace("{slug}", &self.slug)
            // Open data (issue 24): a dataset's file.
            .replace("{dataset}", "ideas.csv")
            // Topics (issue 24): a fresh world has none.
            .replace("{topic}", "0")
    }
}
