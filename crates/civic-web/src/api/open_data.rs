//! Open data through the API: the catalogue in DCAT-AP (JSON-LD) that
//! national portals harvest, every dataset as CSV and JSON at a stable
//! address (`/api/v1/{tenant}/open-data/{dataset}.csv|json`), and the
//! licence, which the tenant's administrators choose.

use crate::auth::actor;
use crate::client_address::ClientAddress;
use crate::error::WebError;
use crate::extract::{Admins, ApiJson, Staff};
use crate::i18n::Messages;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use civic_app::AppError;
use civic_app::open_data::{self, Catalogue};
use civic_core::open_data::{Dataset, Format, Licence, parse_file};
use civic_core::{Locale, Timestamp};
use http::header;
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/{tenant}/open-data", get(catalogue))
        .route("/api/v1/{tenant}/open-data/{dataset}", get(dataset))
        .route("/api/v1/{tenant}/open-data-licence", get(licence).put(set_licence))
}

/// The platform's public address, as links in e-mail are built.
pub(crate) fn origin(state: &AppState) -> String {
    state.config.public_url.trim_end_matches('/').to_string()
}

/// A dataset's address: `/api/v1/{slug}/open-data/{name}.{ext}`.
pub(crate) fn file_path(slug: &str, dataset: Dataset, format: Format) -> String {
    format!("/api/v1/{slug}/open-data/{}.{}", dataset.as_str(), format.extension())
}

/// A date as DCAT wants it: `{"@value": "2026-12-06", "@type": "xsd:date"}`.
fn date(at: i64) -> Value {
    json!({"@value": Timestamp(at).iso_date(), "@type": "xsd:date"})
}

fn iri(url: impl Into<String>) -> Value {
    json!({ "@id": url.into() })
}

/// The same message in Ukrainian and English, language-tagged.
fn both(uk: &Messages, en: &Messages, key: &str) -> Value {
    json!([
        {"@language": "uk", "@value": uk.t(key)},
        {"@language": "en", "@value": en.t(key)},
    ])
}

fn keywords(uk: &Messages, en: &Messages, key: &str) -> Value {
    let mut out = Vec::new();
    for (lang, m) in [("uk", uk), ("en", en)] {
        for word in m.t(key).split(',').map(str::trim).filter(|w| !w.is_empty()) {
            out.push(json!({"@language": lang, "@value": word}));
        }
    }
    Value::Array(out)
}

fn licence_iri(l: Licence) -> Value {
    json!({"@id": l.url(), "@type": "dct:LicenseDocument", "dct:identifier": l.as_str(), "dct:title": l.name()})
}

/// The catalogue as DCAT-AP JSON-LD: every address absolute, titles and
/// descriptions in Ukrainian and English.
pub(crate) fn catalogue_json_ld(state: &AppState, tenant: &Tenant, c: &Catalogue) -> Value {
    let uk = Messages::new(state.catalog.clone(), Locale::Uk);
    let en = Messages::new(state.catalog.clone(), Locale::En);
    let base = origin(state);
    let slug = &tenant.slug;
    let home = format!("{base}/{slug}/");
    let page = format!("{base}/{slug}/open-data");
    let publisher = json!({
        "@id": home, "@type": "foaf:Organization", "foaf:name": tenant.name,
        "foaf:homepage": iri(&home),
    });
    let contact = json!({"@type": "vcard:Organization", "vcard:fn": tenant.name, "vcard:hasURL": iri(&page)});
    let languages = json!([
        iri("http://publications.europa.eu/resource/authority/language/UKR"),
        iri("http://publications.europa.eu/resource/authority/language/ENG"),
    ]);
    let datasets: Vec<Value> = c
        .datasets
        .iter()
        .map(|d| {
            let name = d.dataset.as_str();
            let key = |part: &str| format!("open-data-{name}-{part}");
            let mut distributions: Vec<Value> = [Format::Csv, Format::Json]
                .into_iter()
                .map(|f| {
                    let url = format!("{base}{}", file_path(slug, d.dataset, f));
                    let file_type = f.extension().to_uppercase();
                    json!({
                        "@id": url, "@type": "dcat:Distribution",
                        "dct:title": format!("{name}.{}", f.extension()),
                        "dcat:accessURL": iri(&url), "dcat:downloadURL": iri(&url),
                        "dcat:mediaType": iri(format!("https://www.iana.org/assignments/media-types/{}", f.media_type())),
                        "dct:format": iri(format!("http://publications.europa.eu/resource/authority/file-type/{file_type}")),
                        "dct:license": licence_iri(c.licence),
                    })
                })
                .collect();
            for budget in &d.pabulib {
                let url = format!("{base}/{slug}/budgets/{budget}/pabulib");
                distributions.push(json!({
                    "@id": url, "@type": "dcat:Distribution",
                    "dct:title": format!("Pabulib: budget {budget}"),
                    "dct:description": both(&uk, &en, "open-data-pabulib-description"),
                    "dcat:accessURL": iri(&url), "dcat:downloadURL": iri(&url),
                    "dcat:mediaType": iri("https://www.iana.org/assignments/media-types/text/plain"),
                    "dct:format": "Pabulib",
                    "dct:license": licence_iri(c.licence),
                }));
            }
            let mut out = json!({
                "@id": format!("{page}#{name}"), "@type": "dcat:Dataset",
                "dct:identifier": format!("{slug}-{name}"),
                "dct:title": both(&uk, &en, &key("title")),
                "dct:description": both(&uk, &en, &key("description")),
                "dcat:keyword": keywords(&uk, &en, &key("keywords")),
                "dct:license": licence_iri(c.licence),
                "dct:publisher": publisher.clone(),
                "dcat:contactPoint": contact.clone(),
                "dct:language": languages.clone(),
                "dct:accrualPeriodicity": iri("http://publications.europa.eu/resource/authority/frequency/CONT"),
                "dcat:landingPage": iri(&page),
                "dcat:distribution": distributions,
            });
            if let Some(at) = d.modified {
                out["dct:modified"] = date(at);
            }
            out
        })
        .collect();
    let mut out = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{base}/api/v1/{slug}/open-data"),
        "@type": "dcat:Catalog",
        "dct:title": [
            {"@language": "uk", "@value": uk.with("open-data-catalogue-title", "name", &tenant.name)},
            {"@language": "en", "@value": en.with("open-data-catalogue-title", "name", &tenant.name)},
        ],
        "dct:description": both(&uk, &en, "open-data-catalogue-description"),
        "dct:publisher": publisher,
        "dct:language": languages,
        "dct:license": licence_iri(c.licence),
        "foaf:homepage": iri(&page),
        "dcat:dataset": datasets,
    });
    if let Some(at) = c.modified() {
        out["dct:modified"] = date(at);
    }
    out
}

/// A public, cross-origin readable answer of this content type.
fn open(content_type: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*".to_string()),
        ],
        body,
    )
        .into_response()
}

#[utoipa::path(get, path = "/api/v1/{tenant}/open-data", tag = "open data", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "the catalogue in DCAT-AP as JSON-LD (application/ld+json): the municipality as publisher, the licence, and each dataset with its CSV and JSON distributions (absolute addresses)", body = serde_json::Value, content_type = "application/ld+json"), (status = 404, description = "no such municipality", body = super::openapi::ErrorEnvelope)))]
pub async fn catalogue(State(state): State<AppState>, tenant: Tenant) -> Result<Response, WebError> {
    let c = open_data::catalogue(&state.platform, tenant.tenant_id()).await?;
    let body = catalogue_json_ld(&state, &tenant, &c);
    Ok(open("application/ld+json", body.to_string()))
}

/// One cell of a dataset.
enum Cell {
    /// Written by people (titles, answers): a spreadsheet must not read it
    /// as a formula.
    Text(String),
    /// Set by the platform (statuses, categories of a fixed list, dates).
    Word(String),
    Int(i64),
    Num(f64),
    Bool(bool),
    Null,
}

impl Cell {
    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Null, Cell::text)
    }

    fn date(at: Option<i64>) -> Cell {
        at.map_or(Cell::Null, |at| Cell::Word(Timestamp(at).iso_date()))
    }

    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => crate::html::formula_guard(s),
            Cell::Word(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            // As JSON writes it, so both files hold the same text.
            Cell::Num(n) => json!(n).to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Null => String::new(),
        }
    }

    fn json(self) -> Value {
        match self {
            Cell::Text(s) | Cell::Word(s) => Value::String(s),
            Cell::Int(n) => json!(n),
            Cell::Num(n) => json!(n),
            Cell::Bool(b) => json!(b),
            Cell::Null => Value::Null,
        }
    }
}

/// One more property of a row in JSON only (an idea's answers).
type Nested = Option<(&'static str, Value)>;

/// A dataset's rows, each its cells and what JSON adds to it.
struct Table {
    columns: &'static [&'static str],
    rows: Vec<(Vec<Cell>, Nested)>,
}

impl Table {
    fn csv(&self) -> Result<String, WebError> {
        let internal = |e: csv::Error| WebError::Internal(Box::new(e));
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        w.write_record(self.columns).map_err(internal)?;
        for (cells, _) in &self.rows {
            w.write_record(cells.iter().map(Cell::csv)).map_err(internal)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| WebError::Internal(Box::new(e.into_error())))?;
        String::from_utf8(bytes).map_err(|e| WebError::Internal(Box::new(e)))
    }

    fn json(self) -> Vec<Value> {
        self.rows
            .into_iter()
            .map(|(cells, nested)| {
                let mut row: Map<String, Value> = self
                    .columns
                    .iter()
                    .zip(cells)
                    .map(|(k, c)| (k.to_string(), c.json()))
                    .collect();
                if let Some((k, v)) = nested {
                    row.insert(k.to_string(), v);
                }
                Value::Object(row)
            })
            .collect()
    }
}

async fn table(state: &AppState, tenant: &Tenant, dataset: Dataset) -> Result<Table, WebError> {
    let db = &state.platform;
    let t = tenant.tenant_id();
    let base = origin(state);
    let slug = &tenant.slug;
    Ok(match dataset {
        Dataset::Ideas => Table {
            columns: &[
                "id",
                "url",
                "space_id",
                "space",
                "title",
                "status",
                "category",
                "district",
                "support_count",
                "comment_count",
                "created_at",
                "updated_at",
                "answer_count",
                "last_answer_status",
                "last_answer_text",
                "last_answered_at",
            ],
            rows: open_data::ideas(db, t)
                .await?
                .into_iter()
                .map(|e| {
                    let i = e.idea;
                    let last = e.answers.last();
                    let cells = vec![
                        Cell::Int(i.id),
                        Cell::Word(format!("{base}/{slug}/ideas/{}", i.id)),
                        Cell::Int(i.space_id),
                        Cell::text(&i.space_title),
                        Cell::text(&i.title),
                        Cell::Word(i.status),
                        Cell::opt_text(i.category.as_deref()),
                        Cell::opt_text(i.district.as_deref()),
                        Cell::Int(i.support_count),
                        Cell::Int(i.comment_count),
                        Cell::date(Some(i.created_at)),
                        Cell::date(Some(i.updated_at)),
                        Cell::Int(e.answers.len() as i64),
                        last.map_or(Cell::Null, |a| Cell::Word(a.status.clone())),
                        Cell::opt_text(last.map(|a| a.body.as_str())),
                        Cell::date(last.map(|a| a.created_at)),
                    ];
                    let answers: Vec<Value> = e
                        .answers
                        .iter()
                        .map(
                            |a| json!({"status": a.status, "text": a.body, "date": Timestamp(a.created_at).iso_date()}),
                        )
                        .collect();
                    (cells, Some(("answers", Value::Array(answers))))
                })
                .collect(),
        },
        Dataset::PollResults => Table {
            columns: &[
                "poll_id",
                "url",
                "poll",
                "phase",
                "responses",
                "closes_at",
                "question_id",
                "question",
                "question_kind",
                "row",
                "option",
                "count",
                "percent",
                "borda",
            ],
            rows: open_data::poll_results(db, t)
                .await?
                .into_iter()
                .flat_map(|p| {
                    let url = format!("{base}/{slug}/polls/{}/results", p.poll_id);
                    p.rows.into_iter().map(move |r| {
                        let cells = vec![
                            Cell::Int(p.poll_id),
                            Cell::Word(url.clone()),
                            Cell::text(&p.title),
                            Cell::Word(p.phase.clone()),
                            Cell::Int(p.responses),
                            Cell::date(p.closes_at),
                            Cell::Int(r.question_id),
                            Cell::text(&r.question),
                            Cell::Word(r.kind.as_str().to_string()),
                            Cell::opt_text(r.row.as_deref()),
                            Cell::text(&r.option),
                            Cell::Int(r.count),
                            Cell::Num(r.percent),
                            r.borda.map_or(Cell::Null, Cell::Int),
                        ];
                        (cells, None)
                    })
                })
                .collect(),
        },
        Dataset::BudgetResults => Table {
            columns: &[
                "budget_id",
                "budget",
                "rule",
                "amount",
                "voters",
                "project_id",
                "url",
                "project",
                "category",
                "district",
                "cost",
                "votes",
                "selected",
                "project_status",
                "not_funded_reason",
            ],
            rows: open_data::budget_results(db, t)
                .await?
                .into_iter()
                .map(|r| {
                    let cells = vec![
                        Cell::Int(r.budget_id),
                        Cell::text(&r.budget_title),
                        Cell::Word(r.rule.to_string()),
                        Cell::Int(r.amount),
                        Cell::Int(r.voters as i64),
                        Cell::Int(r.project_id),
                        Cell::Word(format!("{base}/{slug}/budget-projects/{}", r.project_id)),
                        Cell::text(&r.title),
                        Cell::opt_text(r.category.as_deref()),
                        Cell::opt_text(r.district.as_deref()),
                        Cell::Int(r.cost),
                        Cell::Int(r.votes),
                        Cell::Bool(r.selected),
                        Cell::Word(r.project_status.to_string()),
                        r.not_funded.map_or(Cell::Null, |c| Cell::Word(c.to_string())),
                    ];
                    (cells, None)
                })
                .collect(),
        },
        Dataset::Petitions => {
            let now = Timestamp::now();
            Table {
                columns: &[
                    "id",
                    "url",
                    "title",
                    "status",
                    "signature_count",
                    "threshold",
                    "published_at",
                    "collect_until",
                    "succeeded_at",
                    "failed_at",
                    "answer_due_at",
                    "forwarded_at",
                    "answered_at",
                    "decision",
                    "answer",
                    "closed_at",
                ],
                rows: open_data::petitions(db, t)
                    .await?
                    .into_iter()
                    .map(|p| {
                        let cells = vec![
                            Cell::Int(p.id),
                            Cell::Word(format!("{base}/{slug}/petitions/{}", p.id)),
                            Cell::text(&p.title),
                            Cell::Word(p.status_at(now).as_str().to_string()),
                            Cell::Int(p.signature_count),
                            Cell::Int(p.threshold),
                            Cell::date(p.published_at),
                            Cell::date(p.collect_until),
                            Cell::date(p.succeeded_at),
                            Cell::date(p.failed_at(now)),
                            Cell::date(p.answer_due_at),
                            Cell::date(p.forwarded_at),
                            Cell::date(p.answered_at),
                            p.decision.map_or(Cell::Null, |d| Cell::Word(d.as_str().to_string())),
                            Cell::opt_text(p.answer.as_deref()),
                            Cell::date(p.closed_at),
                        ];
                        (cells, None)
                    })
                    .collect(),
            }
        }
        Dataset::Reports => Table {
            columns: &[
                "id",
                "url",
                "category",
                "category_en",
                "department",
                "status",
                "latitude",
                "longitude",
                "created_at",
                "updated_at",
                "target_date",
                "resolved_at",
            ],
            rows: open_data::reports(db, t)
                .await?
                .into_iter()
                .map(|e| {
                    let r = e.report;
                    let cells = vec![
                        Cell::Int(r.id),
                        Cell::Word(format!("{base}/{slug}/reports/{}", r.id)),
                        Cell::text(&r.category_uk),
                        Cell::opt_text(r.category_en.as_deref()),
                        Cell::text(&r.department),
                        Cell::Word(r.status),
                        e.place.map_or(Cell::Null, |(la, _)| Cell::Num(la)),
                        e.place.map_or(Cell::Null, |(_, lo)| Cell::Num(lo)),
                        Cell::date(Some(r.created_at)),
                        Cell::date(Some(r.updated_at)),
                        Cell::date(Some(r.deadline_at)),
                        Cell::date(r.resolved_at),
                    ];
                    (cells, None)
                })
                .collect(),
        },
    })
}

#[utoipa::path(get, path = "/api/v1/{tenant}/open-data/{dataset}", tag = "open data", params(("tenant" = String, Path, description = "the municipality's slug"), ("dataset" = String, Path, description = "the file: ideas, poll-results, budget-results, petitions or reports, then .csv or .json (e.g. ideas.csv)")), responses((status = 200, description = "the dataset: CSV (text/csv, a header row, RFC 4180, UTF-8) or JSON ({dataset, licence, publisher, columns, rows}); only what everyone may see, without personal data", body = serde_json::Value), (status = 404, description = "no such municipality or dataset", body = super::openapi::ErrorEnvelope)))]
pub async fn dataset(
    State(state): State<AppState>,
    tenant: Tenant,
    Path((_, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (dataset, format) = parse_file(&file).ok_or(AppError::NotFound)?;
    let licence = open_data::licence(&state.platform, tenant.tenant_id()).await?;
    let table = table(&state, &tenant, dataset).await?;
    Ok(match format {
        Format::Csv => {
            let mut response = open("text/csv; charset=utf-8; header=present", table.csv()?);
            let disposition = format!("attachment; filename=\"{}-{}.csv\"", tenant.slug, dataset.as_str());
            if let Ok(value) = http::HeaderValue::from_str(&disposition) {
                response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Format::Json => {
            let body = json!({
                "dataset": dataset.as_str(),
                "publisher": tenant.name,
                "licence": licence_json(licence),
                "generated_at": Timestamp::now().iso_date(),
                "columns": table.columns,
                "rows": table.json(),
            });
            open("application/json", body.to_string())
        }
    })
}

fn licence_json(l: Licence) -> Value {
    json!({"id": l.as_str(), "name": l.name(), "url": l.url()})
}

fn licence_answer(current: Licence) -> Value {
    json!({
        "licence": licence_json(current),
        "choices": Licence::ALL.iter().map(|l| licence_json(*l)).collect::<Vec<_>>(),
    })
}

#[utoipa::path(get, path = "/api/v1/{tenant}/open-data-licence", tag = "open data", params(("tenant" = String, Path, description = "the municipality's slug")), responses((status = 200, description = "the licence of the open data ({id, name, url}) and the licences an administrator may choose", body = serde_json::Value), (status = 404, description = "no such municipality", body = super::openapi::ErrorEnvelope)))]
pub async fn licence(State(state): State<AppState>, tenant: Tenant) -> Result<Json<Value>, WebError> {
    Ok(Json(licence_answer(
        open_data::licence(&state.platform, tenant.tenant_id()).await?,
    )))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LicenceBody {
    /// CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODC-By-1.0 or ODbL-1.0.
    #[serde(default)]
    licence: String,
}

#[utoipa::path(put, path = "/api/v1/{tenant}/open-data-licence", tag = "open data", params(("tenant" = String, Path, description = "the municipality's slug")), request_body = LicenceBody, responses((status = 200, description = "the licence as set (the catalogue and every dataset carry it from now)", body = serde_json::Value), (status = 400, description = "malformed request", body = super::openapi::ErrorEnvelope), (status = 401, description = "not signed in", body = super::openapi::ErrorEnvelope), (status = 403, description = "administrators only", body = super::openapi::ErrorEnvelope), (status = 422, description = "not one of the licences offered", body = super::openapi::ErrorEnvelope)), security(("bearer" = []), ("session" = [])))]
pub async fn set_licence(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    ApiJson(input): ApiJson<LicenceBody>,
) -> Result<Json<Value>, WebError> {
    let who = actor(&principal, &address);
    let chosen = open_data::set_licence(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        &who,
        &input.licence,
    )
    .await?;
    Ok(Json(licence_answer(chosen)))
}
