//! Participation statistics (issue 24): `/{tenant}/admin/statistics`, the
//! staff's dashboard for a period and a space, each figure a chart drawn
//! here as SVG with a table holding the same numbers and a CSV file
//! (`/{tenant}/admin/statistics.csv?figure=…`); and `/{tenant}/statistics`,
//! the figures everyone may see.

use super::{Layout, render};
use crate::auth::MaybeUser;
use crate::error::WebError;
use crate::extract::{Officials, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use civic_app::AppError;
use civic_app::statistics::{self, Count, Dashboard, PublicFigures};
use civic_core::statistics::{Day, Period, Preset, columns};
use civic_core::{Problems, SpaceId, Timestamp};
use http::{StatusCode, header};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/admin/statistics", get(dashboard))
        .route("/{tenant}/admin/statistics.csv", get(figure_csv))
        .route("/{tenant}/admin/statistics/report", get(report))
        .route("/{tenant}/statistics", get(public))
}

/// The period form's fields (and the CSV's and the API's query).
#[derive(Deserialize, Default, Clone)]
pub struct PeriodQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub preset: Option<String>,
    pub space: Option<String>,
    pub figure: Option<String>,
}

impl PeriodQuery {
    /// The period asked for: a preset, or the dates (missing ones taken
    /// from `default`).
    pub fn period(&self, today: Day, default: Preset) -> Result<Period, AppError> {
        if let Some(preset) = self.preset.as_deref().and_then(Preset::parse) {
            return Ok(Period::preset(preset, today));
        }
        Ok(Period::parse(
            self.from.as_deref(),
            self.to.as_deref(),
            Period::preset(default, today),
        )?)
    }

    /// The space filter: none when empty; a number or refused.
    pub fn space(&self) -> Result<Option<SpaceId>, AppError> {
        match self.space.as_deref().map(str::trim) {
            None | Some("") | Some("0") => Ok(None),
            Some(raw) => match raw.parse::<i64>() {
                Ok(id) if id > 0 => Ok(Some(SpaceId(id))),
                _ => {
                    let mut p = Problems::new();
                    p.push(civic_core::Invalid::new(
                        "space",
                        "invalid_space",
                        "choose a space from the list",
                    ));
                    Err(AppError::Invalid(p))
                }
            },
        }
    }
}

/// Today on the tenant's wall clock.
pub fn today(tenant: &Tenant) -> Day {
    Day::of(Timestamp::now(), &tenant.zone())
}

/// The figures' names, in the dashboard's order (also the CSV's `figure`).
pub const FIGURES: [&str; 8] = [
    "people",
    "contributions",
    "weeks",
    "districts",
    "channels",
    "answers",
    "funnel",
    "views",
];

/// One figure as a CSV file: its header and rows, in stable machine words.
pub fn figure_table(d: &Dashboard, figure: &str) -> Option<(Vec<&'static str>, Vec<Vec<String>>)> {
    let n = |v: i64| v.to_string();
    let counts = |rows: &[Count]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|c| vec![super::spaces::formula_guard(&c.label), c.count.to_string()])
            .collect()
    };
    Some(match figure {
        "people" => (
            vec!["measure", "count"],
            vec![
                vec!["people".into(), n(d.people.total)],
                vec!["new".into(), n(d.people.new)],
                vec!["returning".into(), n(d.returning())],
            ],
        ),
        "contributions" => (
            vec!["module", "kind", "count"],
            d.by_kind
                .iter()
                .map(|c| vec![c.label.clone(), c.detail.clone(), n(c.count)])
                .collect(),
        ),
        "weeks" if d.period.monthly() => (
            vec!["month_start", "count"],
            d.months.iter().map(|(m, c)| vec![m.iso(), n(*c)]).collect(),
        ),
        "weeks" => (
            vec!["week_start", "count"],
            d.weeks.iter().map(|(w, c)| vec![w.iso(), n(*c)]).collect(),
        ),
        "districts" => (vec!["district", "count"], counts(&d.by_district)),
        "channels" => (vec!["channel", "count"], counts(&d.by_channel)),
        "answers" => (
            vec!["measure", "value"],
            vec![
                vec!["answers".into(), n(d.answers.count)],
                vec!["ideas_timed".into(), d.answers.timed.to_string()],
                vec![
                    "median_days".into(),
                    d.answers.median_days.map(|m| format!("{m:.1}")).unwrap_or_default(),
                ],
                vec!["ideas_implemented".into(), n(d.implemented)],
            ],
        ),
        "funnel" => (
            vec!["step", "count"],
            vec![
                vec!["page_views".into(), n(d.funnel.page_views)],
                vec!["new_accounts".into(), n(d.funnel.accounts)],
                vec!["contributors".into(), n(d.people.total)],
            ],
        ),
        "views" => (vec!["page_kind", "count"], counts(&d.views_by_kind)),
        _ => return None,
    })
}

fn write_csv(header: &[&str], rows: &[Vec<String>]) -> Result<String, WebError> {
    let internal = |e: csv::Error| WebError::Internal(Box::new(e));
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header).map_err(internal)?;
    for row in rows {
        w.write_record(row).map_err(internal)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| WebError::Internal(Box::new(e.into_error())))?;
    String::from_utf8(bytes).map_err(|e| WebError::Internal(Box::new(e)))
}

/// A figure on the page: its chart, and a table with the same numbers.
struct Figure {
    id: &'static str,
    title: String,
    chart: String,
    label_heading: String,
    value_heading: String,
    /// (label, number as written for the reader).
    rows: Vec<(String, String)>,
    csv: String,
}

impl Figure {
    fn caption_id(&self) -> String {
        format!("figure-{}", self.id)
    }
}

/// The contributions over time as the page tells them: per month for a
/// long period, else per week.
struct Series<'a> {
    monthly: bool,
    points: &'a [(Day, i64)],
}

impl<'a> Series<'a> {
    fn of(period: &Period, weeks: &'a [(Day, i64)], months: &'a [(Day, i64)]) -> Self {
        let monthly = period.monthly();
        Series {
            monthly,
            points: if monthly { months } else { weeks },
        }
    }

    /// The figure's title and its table's first heading.
    fn headings(&self, shell: &Layout) -> (String, String) {
        let id = if self.monthly { "months" } else { "weeks" };
        (
            shell.i.t(&format!("statistics-figure-{id}")),
            shell.i.t(&format!("statistics-figure-{id}-label")),
        )
    }

    /// A point's label: "Березень 2026", or the week's Monday as a date.
    fn label(&self, shell: &Layout, day: Day) -> String {
        if self.monthly {
            let (y, m, _) = day.ymd();
            format!("{} {y}", shell.i.t(&format!("statistics-month-{m}")))
        } else {
            shell.i.calendar_date(day.ymd())
        }
    }

    /// (label, count as written) of each point.
    fn rows(&self, shell: &Layout) -> Vec<(String, String)> {
        self.points
            .iter()
            .map(|(d, c)| (self.label(shell, *d), shell.i.number(*c as f64)))
            .collect()
    }
}

/// Vertical bars, one per week or month, with the first and last one's
/// label under them (the table beside holds every number).
fn series_svg(series: &Series, title: &str, shell: &Layout) -> String {
    let weeks = series.points;
    const W: f64 = 600.0;
    const H: f64 = 160.0;
    let esc = |s: &str| {
        askama::filters::escape(s, askama::filters::Html)
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let values: Vec<i64> = weeks.iter().map(|(_, c)| *c).collect();
    let top = values.iter().copied().max().unwrap_or(0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h}\" role=\"img\" class=\"bar-chart column-chart\"><title>{}</title>",
        esc(title),
        h = H + 40.0
    );
    for b in columns(&values, W, H, 2.0) {
        svg.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"currentColor\" fill-opacity=\"0.75\"/>",
            b.x,
            b.y + 16.0,
            b.width,
            b.height
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"0\" y1=\"{y:.1}\" x2=\"{W}\" y2=\"{y:.1}\" stroke=\"currentColor\" stroke-width=\"1\"/>\
         <text x=\"0\" y=\"12\" font-size=\"14\" fill=\"currentColor\">{}</text>",
        esc(&shell.i.number(top as f64)),
        y = H + 16.0
    ));
    if let (Some((first, _)), Some((last, _))) = (weeks.first(), weeks.last()) {
        let date = |d: &Day| esc(&series.label(shell, *d));
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{y:.1}\" font-size=\"14\" fill=\"currentColor\">{}</text>\
             <text x=\"{W}\" y=\"{y:.1}\" font-size=\"14\" fill=\"currentColor\" text-anchor=\"end\">{}</text>",
            date(first),
            date(last),
            y = H + 36.0
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn bars(rows: &[(String, String)], values: &[i64], title: &str) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let data: Vec<(String, f64, String)> = rows
        .iter()
        .zip(values)
        .map(|((label, shown), v)| (label.clone(), *v as f64, shown.clone()))
        .collect();
    super::polls::bars_svg(&data, title)
}

/// The figures of a dashboard as the page shows them.
fn figures(shell: &Layout, d: &Dashboard, csv_base: &str) -> Vec<Figure> {
    let i = &shell.i;
    let num = |v: i64| i.number(v as f64);
    let word = |prefix: &str, w: &str| {
        i.translated(&format!("statistics-{prefix}-{w}"))
            .unwrap_or_else(|| w.to_string())
    };
    let district = |w: &str| {
        if w.is_empty() {
            i.t("statistics-district-unknown")
        } else {
            w.to_string()
        }
    };
    let mut out = Vec::new();
    let series = Series::of(&d.period, &d.weeks, &d.months);
    for id in FIGURES {
        let (title, label_heading) = if id == "weeks" {
            series.headings(shell)
        } else {
            (
                i.t(&format!("statistics-figure-{id}")),
                i.t(&format!("statistics-figure-{id}-label")),
            )
        };
        let value_heading = i.t("statistics-count");
        let (rows, values, chart_kind): (Vec<(String, String)>, Vec<i64>, u8) = match id {
            "people" => {
                let v = [d.people.total, d.people.new, d.returning()];
                (
                    ["people", "new", "returning"]
                        .iter()
                        .zip(v)
                        .map(|(k, n)| (word("measure", k), num(n)))
                        .collect(),
                    v.to_vec(),
                    1,
                )
            }
            "contributions" => (
                d.by_kind
                    .iter()
                    .map(|c| {
                        (
                            format!("{} — {}", word("module", &c.label), word("kind", &c.detail)),
                            num(c.count),
                        )
                    })
                    .collect(),
                d.by_kind.iter().map(|c| c.count).collect(),
                1,
            ),
            "weeks" => (series.rows(shell), series.points.iter().map(|(_, c)| *c).collect(), 2),
            // Districts are names people typed: the chart numbers its bars and the
            // table names them ("1. Центр"), so no typed text is in the SVG.
            "districts" => (
                d.by_district
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (format!("{}. {}", k + 1, district(&c.label)), num(c.count)))
                    .collect(),
                d.by_district.iter().map(|c| c.count).collect(),
                3,
            ),
            "channels" => (
                d.by_channel
                    .iter()
                    .map(|c| (word("channel", &c.label), num(c.count)))
                    .collect(),
                d.by_channel.iter().map(|c| c.count).collect(),
                1,
            ),
            "answers" => (
                vec![
                    (word("measure", "answers"), num(d.answers.count)),
                    (word("measure", "ideas_timed"), num(d.answers.timed as i64)),
                    (
                        word("measure", "median_days"),
                        d.answers
                            .median_days
                            .map_or_else(|| "—".to_string(), |m| i.number((m * 10.0).round() / 10.0)),
                    ),
                    (word("measure", "ideas_implemented"), num(d.implemented)),
                ],
                Vec::new(),
                0,
            ),
            "funnel" => {
                let v = [d.funnel.page_views, d.funnel.accounts, d.people.total];
                (
                    ["page_views", "new_accounts", "contributors"]
                        .iter()
                        .zip(v)
                        .map(|(k, n)| (word("measure", k), num(n)))
                        .collect(),
                    v.to_vec(),
                    1,
                )
            }
            _ => (
                d.views_by_kind
                    .iter()
                    .map(|c| (word("page", &c.label), num(c.count)))
                    .collect(),
                d.views_by_kind.iter().map(|c| c.count).collect(),
                1,
            ),
        };
        let chart = match chart_kind {
            1 => bars(&rows, &values, &title),
            3 => {
                let numbered: Vec<(String, String)> = rows
                    .iter()
                    .enumerate()
                    .map(|(k, (_, shown))| (format!("{}.", k + 1), shown.clone()))
                    .collect();
                bars(&numbered, &values, &title)
            }
            2 => series_svg(&series, &title, shell),
            _ => String::new(),
        };
        out.push(Figure {
            id,
            csv: format!("{csv_base}&figure={id}"),
            title,
            chart,
            label_heading,
            value_heading,
            rows,
        });
    }
    out
}

#[derive(Template)]
#[template(path = "admin_statistics.html")]
struct DashboardPage {
    shell: Layout,
    slug: String,
    from: String,
    to: String,
    /// (id, title, chosen) of each space offered in the filter.
    spaces: Vec<(i64, String, bool)>,
    errors: Vec<(String, String)>,
    /// The period as words ("1 Jan 2026 – 7 Dec 2026").
    period: String,
    summary: Vec<(String, String)>,
    figures: Vec<Figure>,
    /// The printable report for the same period and space.
    report_href: String,
}

impl DashboardPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn has_error(&self, field: &str) -> bool {
        self.error_for(field).is_some()
    }
}

fn period_words(shell: &Layout, p: &Period) -> String {
    let date = |d: Day| shell.i.calendar_date(d.ymd());
    format!("{} – {}", date(p.from), date(p.to))
}

/// The period and space as a query string (`from=…&to=…&space=…`).
fn chosen(period: &Period, space: Option<SpaceId>) -> String {
    format!(
        "from={}&to={}&space={}",
        period.from.iso(),
        period.to.iso(),
        space.map_or(0, |s| s.0)
    )
}

/// The dashboard's key figures, as words and numbers.
fn dashboard_summary(shell: &Layout, d: &Dashboard) -> Vec<(String, String)> {
    let i = &shell.i;
    vec![
        (i.t("statistics-measure-people"), i.number(d.people.total as f64)),
        (
            i.t("statistics-measure-contributions"),
            i.number(d.contributions() as f64),
        ),
        (i.t("statistics-measure-answers"), i.number(d.answers.count as f64)),
        (
            i.t("statistics-measure-median_days"),
            d.answers
                .median_days
                .map_or_else(|| "—".to_string(), |m| i.number((m * 10.0).round() / 10.0)),
        ),
        (
            i.t("statistics-measure-ideas_implemented"),
            i.number(d.implemented as f64),
        ),
    ]
}

pub async fn dashboard(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let today = today(&tenant);
    let all_spaces = civic_app::spaces::list_all(&state.platform, t, principal.role, None).await?;
    let fallback = Period::preset(Preset::Days30, today);
    let asked = query
        .period(today, Preset::Days30)
        .and_then(|p| query.space().map(|s| (p, s)));
    let (period, space, errors) = match asked {
        Ok((p, s)) => (p, s, Vec::new()),
        Err(e) => match super::form_errors(&shell, &e) {
            Some(errors) => (fallback, None, errors),
            None => return Err(e.into()),
        },
    };
    let spaces = all_spaces
        .iter()
        .map(|s| (s.id.0, s.title.clone(), Some(s.id) == space))
        .collect();
    let (from, to) = if errors.is_empty() {
        (period.from.iso(), period.to.iso())
    } else {
        // The dates as typed, to be corrected.
        let typed = |v: &Option<String>| v.as_deref().unwrap_or("").chars().take(40).collect::<String>();
        (typed(&query.from), typed(&query.to))
    };
    let title = shell.i.t("statistics-admin-title");
    let refused = !errors.is_empty();
    let (summary, figures) = if refused {
        (Vec::new(), Vec::new())
    } else {
        let d = statistics::dashboard(&state.platform, t, principal.role, &tenant.zone(), period, space).await?;
        let csv_base = format!("/{}/admin/statistics.csv?{}", tenant.slug, chosen(&period, space));
        (dashboard_summary(&shell, &d), figures(&shell, &d, &csv_base))
    };
    let report_href = format!("/{}/admin/statistics/report?{}", tenant.slug, chosen(&period, space));
    let html = render(&DashboardPage {
        report_href,
        period: period_words(&shell, &period),
        shell: shell.titled_form(title, refused, "statistics-error-prefix"),
        slug: tenant.slug.clone(),
        from,
        to,
        spaces,
        errors,
        summary,
        figures,
    })?;
    Ok(if refused {
        (StatusCode::UNPROCESSABLE_ENTITY, html).into_response()
    } else {
        html.into_response()
    })
}

pub async fn figure_csv(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let figure = query.figure.clone().unwrap_or_default();
    if !FIGURES.contains(&figure.as_str()) {
        let mut p = Problems::new();
        p.push(civic_core::Invalid::new(
            "figure",
            "invalid_figure",
            format!("the figure is one of {}", FIGURES.join(", ")),
        ));
        return Err(AppError::Invalid(p).into());
    }
    let period = query.period(today(&tenant), Preset::Days30)?;
    let space = query.space()?;
    let d = statistics::dashboard(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        &tenant.zone(),
        period,
        space,
    )
    .await?;
    let (header, rows) = figure_table(&d, &figure).unwrap_or_default();
    let body = write_csv(&header, &rows)?;
    let name = format!("{}-{figure}-{}-{}.csv", tenant.slug, period.from.iso(), period.to.iso());
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        body,
    )
        .into_response())
}

/// An answer to an idea as the report lists it.
struct ReportAnswer {
    id: i64,
    title: String,
    status: String,
    status_words: String,
    iso: String,
    date: String,
    body_html: String,
}

/// A petition answered, as the report lists it.
struct ReportPetition {
    id: i64,
    title: String,
    decision: String,
    signatures: i64,
    iso: String,
    date: String,
    answer_html: String,
}

#[derive(Template)]
#[template(path = "statistics_report.html")]
struct ReportPage {
    shell: Layout,
    slug: String,
    town: String,
    period: String,
    /// The space's title, or "all spaces".
    space: String,
    /// When the report was made.
    made: String,
    dashboard_href: String,
    summary: Vec<(String, String)>,
    figures: Vec<Figure>,
    answers: Vec<ReportAnswer>,
    more_answers: i64,
    /// Petitions and problem reports belong to the whole town: shown only
    /// when no space is chosen.
    whole_town: bool,
    petitions: Vec<ReportPetition>,
    departments: Vec<civic_app::statistics::DepartmentWork>,
}

/// `/{tenant}/admin/statistics/report`: the participation report for a
/// period and a space, made to be printed (or saved as PDF by the
/// browser) and attached to a council decision. A bad period is the
/// same 422 as the API's; another tenant's space is 404.
pub async fn report(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    Query(query): Query<PeriodQuery>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let period = query.period(today(&tenant), Preset::Days30)?;
    let space = query.space()?;
    let r = statistics::report(&state.platform, t, principal.role, &tenant.zone(), period, space).await?;
    let space_title = match space {
        Some(id) => civic_app::spaces::list_all(&state.platform, t, principal.role, None)
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .map(|s| s.title)
            .ok_or(WebError::NotFound)?,
        None => shell.i.t("statistics-all-spaces"),
    };
    let i = &shell.i;
    let answers = r
        .answered_ideas
        .iter()
        .map(|a| ReportAnswer {
            id: a.idea_id,
            title: a.title.clone(),
            status_words: i
                .translated(&format!("status-{}", a.status))
                .unwrap_or_else(|| a.status.clone()),
            status: a.status.clone(),
            iso: Timestamp(a.answered_at).iso_date(),
            date: i.date(a.answered_at),
            body_html: crate::markdown::to_safe_html(&a.body),
        })
        .collect();
    let petitions = r
        .petitions
        .iter()
        .map(|p| ReportPetition {
            id: p.petition_id,
            title: p.title.clone(),
            decision: p
                .decision
                .as_deref()
                .map(|d| i.t(&format!("petition-decision-{d}")))
                .unwrap_or_default(),
            signatures: p.signatures,
            iso: Timestamp(p.answered_at).iso_date(),
            date: i.date(p.answered_at),
            answer_html: p
                .answer
                .as_deref()
                .map(crate::markdown::to_safe_html)
                .unwrap_or_default(),
        })
        .collect();
    let csv_base = format!("/{}/admin/statistics.csv?{}", tenant.slug, chosen(&period, space));
    // The page title adds the town itself ("Page — Town — Civic Space").
    let title = i.t("statistics-report-page-title");
    render(&ReportPage {
        slug: tenant.slug.clone(),
        town: tenant.name.clone(),
        period: period_words(&shell, &period),
        space: space_title,
        made: i.date_time(Timestamp::now().0),
        dashboard_href: format!("/{}/admin/statistics?{}", tenant.slug, chosen(&period, space)),
        summary: dashboard_summary(&shell, &r.dashboard),
        figures: figures(&shell, &r.dashboard, &csv_base),
        answers,
        more_answers: r.answered_ideas_total - r.answered_ideas.len() as i64,
        whole_town: space.is_none(),
        petitions,
        departments: r.departments,
        shell: shell.titled(title),
    })
}

#[derive(Template)]
#[template(path = "statistics.html")]
struct PublicPage {
    shell: Layout,
    slug: String,
    period: String,
    summary: Vec<(String, String)>,
    /// Per week, or per month for a long period.
    series_title: String,
    series_label: String,
    weeks_chart: String,
    /// (week or month, contributions).
    weeks: Vec<(String, String)>,
}

async fn public_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    period: Period,
    space: Option<SpaceId>,
) -> Result<Html<String>, WebError> {
    let f: PublicFigures =
        statistics::public(&state.platform, tenant.tenant_id(), &tenant.zone(), period, space).await?;
    let i = &shell.i;
    let num = |v: i64| i.number(v as f64);
    let summary = vec![
        (i.t("statistics-measure-people"), num(f.people.total)),
        (i.t("statistics-measure-new"), num(f.people.new)),
        (i.t("statistics-measure-contributions"), num(f.contributions)),
        (i.t("statistics-measure-answers"), num(f.answers.count)),
        (
            i.t("statistics-measure-median_days"),
            f.answers
                .median_days
                .map_or_else(|| "—".to_string(), |m| i.number((m * 10.0).round() / 10.0)),
        ),
        (i.t("statistics-measure-ideas_implemented"), num(f.implemented)),
    ];
    let series = Series::of(&period, &f.weeks, &f.months);
    let (series_title, series_label) = series.headings(&shell);
    let weeks_chart = series_svg(&series, &series_title, &shell);
    let weeks = series.rows(&shell);
    let title = i.t("statistics-public-title");
    let description = i.t("statistics-public-intro");
    render(&PublicPage {
        period: period_words(&shell, &period),
        shell: shell.titled(title).described(&description),
        slug: tenant.slug.clone(),
        summary,
        series_title,
        series_label,
        weeks_chart,
        weeks,
    })
}

pub async fn public(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Query(query): Query<PeriodQuery>,
) -> Result<Html<String>, WebError> {
    let period = query.period(today(&tenant), Preset::ThisYear)?;
    let space = query.space()?;
    if user.0.is_some() {
        return public_page(&state, &tenant, shell, period, space).await;
    }
    // Every signed-out visitor sees the same page: kept for a moment.
    let extra = format!("{}|{}", period.from.0, period.to.0);
    let id = space.map_or(0, |s| s.0);
    crate::page_cache::page_for_visitors(&state, "statistics", &tenant, id, &extra, shell, |shell| {
        public_page(&state, &tenant, shell, period, space)
    })
    .await
}
