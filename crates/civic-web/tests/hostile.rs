//! Hostile input everywhere: every string of `hostile/corpus.txt` (and
//! what a text line cannot hold) goes into every field of every form the
//! pages show (found by parsing them) and every property of every request
//! body the OpenAPI document declares, as an administrator and as a
//! citizen; every id in every route of the route table is replaced by
//! nonsense and every query parameter gets odd values. Nothing may answer
//! 5xx, no page may afterwards carry a payload in a live script context,
//! and a refused request leaves the tenant's rows exactly as they were.

mod common;

use civic_testkit::testing::{Dumper, Rows, TestDb};
use civic_web::WebConfig;
use common::routes::{Admin, ROUTES, Staff};
use common::world::*;
use common::*;
use reqwest::{Method, StatusCode};
use scraper::{Html, Selector};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU32, Ordering};

/// The payload marker: executable payloads call `xssmark()`.
const MARK: &str = "xssmark";

/// Tables that change on any request, refused or not.
const VOLATILE: &[&str] = &["sessions", "rate_limits"];

/// Tables a refusal itself may write to: failed sign-ins are audited.
const RECORDS_REFUSALS: &[&str] = &["audit_log"];

/// The corpus lines, unescaped, and the generated payloads.
fn corpus() -> Vec<String> {
    let text = include_str!("hostile/corpus.txt");
    let mut out: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(unescape)
        .collect();
    out.push("x".repeat(1024 * 1024));
    out.push(format!("<script>{MARK}()</script>{}", "й".repeat(70_000)));
    out
}

fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('0') => out.push('\0'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Which payloads go into one field. CI's run sends each field the first
/// payload (a plain script tag), the 1 MB string and a rotating slice of
/// the rest, so that every field is attacked and every payload is sent
/// somewhere; `CIVIC_HOSTILE_FULL=1` sends every payload to every field.
struct Sampler {
    full: bool,
    next: usize,
}

/// Payloads per field beyond the fixed ones, in CI's run.
const ROTATING: usize = 4;

impl Sampler {
    fn new() -> Sampler {
        Sampler {
            full: std::env::var("CIVIC_HOSTILE_FULL").is_ok_and(|v| v == "1"),
            next: 0,
        }
    }

    /// The indices into a list of `len` payloads for the next field;
    /// `fixed` are always included.
    fn pick(&mut self, len: usize, fixed: &[usize]) -> Vec<usize> {
        if self.full || len <= fixed.len() + ROTATING {
            return (0..len).collect();
        }
        let mut out: Vec<usize> = fixed.to_vec();
        while out.len() < fixed.len() + ROTATING {
            let i = self.next % len;
            self.next += 1;
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

/// JSON values that are not strings: wrong types and numbers no integer
/// type holds, sent in place of each property.
fn odd_values() -> Vec<Value> {
    let mut deep = json!(1);
    for _ in 0..200 {
        deep = json!([deep]);
    }
    vec![
        serde_json::from_str("99999999999999999999999999").unwrap(),
        serde_json::from_str("1e308").unwrap(),
        json!(-1),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1.5),
        json!(true),
        json!(null),
        json!([]),
        json!({"__proto__": {"admin": true}}),
        deep,
    ]
}

/// Whole bodies that are not what any endpoint reads.
fn odd_bodies() -> Vec<Vec<u8>> {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(5_000), "}".repeat(5_000));
    vec![
        b"\xff\xfe{\"body\": \"\xc3\x28\"}".to_vec(),
        b"{\"title\": \"\xed\xa0\x80\", \"body\": \"\xff\"}".to_vec(),
        deep.into_bytes(),
        deep_objects.into_bytes(),
        b"".to_vec(),
        b"null".to_vec(),
        b"[1,2,3]".to_vec(),
        b"{\"a\":".to_vec(),
        format!("{{\"body\": \"{}\"}}", "x".repeat(2 * 1024 * 1024)).into_bytes(),
    ]
}

/// Odd path segments for ids and slugs (already URL-encoded). A bare `..`
/// (or `%2E%2E`) is not among them: the client resolves it before sending,
/// as every browser does, so it would only test another route.
const ODD_IDS: &[&str] = &[
    "..%2F..%2Fetc%2Fpasswd",
    "1%00",
    "%FF",
    "99999999999999999999",
    "-1",
    "1e3",
    "%27%20OR%201%3D1--",
    "%3Cscript%3Exssmark()%3C%2Fscript%3E",
];

/// Odd query values (URL-encoded), for every parameter of GET routes.
const ODD_QUERY: &[&str] = &[
    "%27",
    "-1",
    "99999999999999999999",
    "%00",
    "%FF",
    "%3Cscript%3Exssmark()%3C%2Fscript%3E",
    "__proto__",
    "1e309",
];

/// Query parameters the HTML pages read (the API's come from OpenAPI).
const PAGE_PARAMS: &[&str] = &[
    "sort",
    "status",
    "category",
    "district",
    "cursor",
    "q",
    "page",
    "mine",
    "seed",
    "token",
    "next",
    "tab",
    "action",
    "actor",
    "limit",
    "lang",
    "error",
    "statement",
];

/// A role's caller: one session until a request ends it, and a new account
/// when the content limit is reached.
struct Caller {
    slug: String,
    role: &'static str,
    email: String,
    current: Option<(reqwest::Client, String)>,
}

static ACCOUNTS: AtomicU32 = AtomicU32::new(0);
static ADDRESSES: AtomicU32 = AtomicU32::new(0);

impl Caller {
    async fn new(app: &TestApp, slug: &str, role: &'static str) -> Caller {
        let email = format!("{role}{}@hostile.example.org", ACCOUNTS.fetch_add(1, Ordering::Relaxed));
        person(app, slug, &email, role).await;
        Caller {
            slug: slug.to_string(),
            role,
            email,
            current: None,
        }
    }

    async fn session(&mut self, app: &TestApp) -> (reqwest::Client, String) {
        if self.current.is_none() {
            self.current = Some(session(app, &self.slug, &self.email).await);
        }
        self.current.clone().unwrap()
    }

    async fn renew(&mut self, app: &TestApp) {
        *self = Caller::new(app, &self.slug, self.role).await;
    }
}

/// A request body.
enum Body {
    None,
    Form(Vec<(String, String)>),
    Json(Vec<u8>),
    /// A form body written by hand (bytes no Rust string holds); `{csrf}`
    /// stands for the session's token.
    RawForm(String),
}

struct Walk<'a> {
    app: &'a TestApp,
    world: World,
    dumper: Dumper,
    /// The tenant's rows as they were before the last request.
    before: Rows,
    sent: usize,
}

impl Walk<'_> {
    /// Sends one request; asserts no 5xx, no live payload in an HTML
    /// answer, and no change to stored data when it was refused. Returns the
    /// status; retries once with a fresh account when the content limit
    /// answers 429.
    async fn send(&mut self, caller: &mut Caller, method: &Method, path: &str, body: &Body) -> StatusCode {
        let mut status = self.send_once(caller, method, path, body).await;
        if status == StatusCode::UNAUTHORIZED {
            // The request ended the session (or it was the caller's to end).
            caller.current = None;
            status = self.send_once(caller, method, path, body).await;
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            caller.renew(self.app).await;
            self.before = self.dumper.dump(&self.app.db, self.world.tenant).await;
            status = self.send_once(caller, method, path, body).await;
        }
        status
    }

    async fn send_once(&mut self, caller: &mut Caller, method: &Method, path: &str, body: &Body) -> StatusCode {
        let (client, csrf) = caller.session(self.app).await;
        // Each request from its own address (behind a trusted proxy), so the
        // per-address limits do not hide what a handler does.
        let n = ADDRESSES.fetch_add(1, Ordering::Relaxed);
        let mut request = client
            .request(method.clone(), self.app.url(path))
            .header("x-csrf-token", &csrf)
            .header(
                "x-forwarded-for",
                format!("10.{}.{}.{}", n >> 16 & 255, n >> 8 & 255, n & 255),
            );
        request = match body {
            Body::None => request,
            Body::Form(fields) => {
                let fields: Vec<(String, String)> = fields
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            if k == "csrf" && v == "{csrf}" {
                                csrf.clone()
                            } else {
                                v.clone()
                            },
                        )
                    })
                    .collect();
                request.form(&fields)
            }
            Body::Json(bytes) => request.header("content-type", "application/json").body(bytes.clone()),
            Body::RawForm(raw) => request
                .header("content-type", "application/x-www-form-urlencoded")
                .body(raw.replace("%7Bcsrf%7D", &csrf)),
        };
        let what = format!("{} {method} {path}", caller.role);
        let response = request.send().await.unwrap_or_else(|e| panic!("{what}: {e}"));
        let status = response.status();
        let html = is_html(&response);
        let text = response.text().await.unwrap_or_default();
        assert!(
            !status.is_server_error(),
            "{what} answered {status}: {}",
            &text[..text.len().min(300)]
        );
        if html {
            assert_no_live_payload(&text, &what);
        }
        self.sent += 1;
        // A GET writes nothing the next write's comparison would not see.
        if method == Method::GET {
            return status;
        }
        let after = self.dumper.dump(&self.app.db, self.world.tenant).await;
        if status.is_client_error() && status != StatusCode::TOO_MANY_REQUESTS {
            let changed: Vec<&String> = after
                .keys()
                .filter(|table| !RECORDS_REFUSALS.contains(&table.as_str()))
                .filter(|table| after.get(*table) != self.before.get(*table))
                .collect();
            assert!(
                changed.is_empty(),
                "{what} was refused ({status}) but changed {changed:?}"
            );
        }
        self.before = after;
        status
    }
}

fn is_html(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Fails when the page holds the marker where a browser would run it: in a
/// script element, an event-handler attribute, a `javascript:` URL, a
/// frame's source document or an SVG/MathML element.
fn assert_no_live_payload(page: &str, what: &str) {
    if !page.contains(MARK) {
        return;
    }
    let document = Html::parse_document(page);
    let all = Selector::parse("*").unwrap();
    for element in document.select(&all) {
        let name = element.value().name();
        let own_text: String = element.text().collect();
        if name == "script" && own_text.contains(MARK) {
            panic!("{what}: a live <script> holds the payload: {}", element.html());
        }
        // A <meta http-equiv> can refresh to a URL; a description or link
        // preview <meta> holds escaped text a browser never runs.
        let live_meta = name == "meta" && element.value().attr("http-equiv").is_some();
        if (live_meta || matches!(name, "svg" | "math" | "iframe" | "object" | "embed" | "base"))
            && element.html().contains(MARK)
        {
            panic!("{what}: a live <{name}> holds the payload: {}", element.html());
        }
        for (attr, value) in element.value().attrs() {
            let value_l = value.trim().to_ascii_lowercase();
            let url = matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "xlink:href" | "data" | "poster" | "background"
            );
            let live = attr.starts_with("on")
                || attr == "srcdoc"
                || url && (value_l.starts_with("javascript:") || value_l.starts_with("data:text/html"));
            if live && value.contains(MARK) {
                panic!("{what}: attribute {attr}=\"{value}\" of <{name}> holds the payload");
            }
        }
    }
}

/// The forms of a page that post: (action, fields with their defaults).
fn forms(page: &str, page_path: &str) -> Vec<(String, Vec<(String, String)>)> {
    let document = Html::parse_document(page);
    let form_sel = Selector::parse("form").unwrap();
    let field_sel = Selector::parse("input[name], textarea[name], select[name]").unwrap();
    let option_sel = Selector::parse("option").unwrap();
    let mut out = Vec::new();
    for form in document.select(&form_sel) {
        let method = form.value().attr("method").unwrap_or("get").to_ascii_lowercase();
        if method != "post" {
            continue;
        }
        let action = form
            .value()
            .attr("action")
            .filter(|a| !a.is_empty())
            .unwrap_or(page_path);
        let mut fields: Vec<(String, String)> = Vec::new();
        for field in form.select(&field_sel) {
            let name = field.value().attr("name").unwrap().to_string();
            let value = match field.value().name() {
                "textarea" => field.text().collect(),
                "select" => {
                    let options: Vec<_> = field.select(&option_sel).collect();
                    let chosen = options
                        .iter()
                        .find(|o| o.value().attr("selected").is_some())
                        .or(options.first());
                    chosen
                        .map(|o| {
                            o.value()
                                .attr("value")
                                .map(str::to_string)
                                .unwrap_or_else(|| o.text().collect())
                        })
                        .unwrap_or_default()
                }
                _ => {
                    let kind = field.value().attr("type").unwrap_or("text");
                    let checkable = kind == "checkbox" || kind == "radio";
                    if checkable && field.value().attr("checked").is_none() && fields.iter().any(|(n, _)| *n == name) {
                        continue;
                    }
                    if kind == "checkbox" && field.value().attr("checked").is_none() {
                        continue;
                    }
                    field.value().attr("value").unwrap_or("").to_string()
                }
            };
            let value = if name == "csrf" { "{csrf}".to_string() } else { value };
            fields.push((name, value));
        }
        out.push((action.to_string(), fields));
    }
    out
}

/// The JSON schema behind a `$ref`, or the schema itself.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// A plausible value for a schema, used for the properties not under test.
fn plausible(doc: &Value, schema: &Value) -> Value {
    let schema = resolve(doc, schema);
    if let Some(one) = schema.get("oneOf").and_then(Value::as_array) {
        return plausible(doc, &one[0]);
    }
    let kind = match &schema["type"] {
        Value::String(s) => s.clone(),
        Value::Array(kinds) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|k| *k != "null")
            .unwrap_or("null")
            .to_string(),
        _ => "object".to_string(),
    };
    match kind.as_str() {
        "string" => match schema.get("enum").and_then(Value::as_array) {
            Some(values) => values[0].clone(),
            None => json!("Звичайний текст для перевірки"),
        },
        "integer" | "number" => json!(1),
        "boolean" => json!(false),
        "array" => json!([]),
        "null" => Value::Null,
        _ => {
            let mut object = serde_json::Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (k, v) in props {
                    object.insert(k.clone(), plausible(doc, v));
                }
            }
            Value::Object(object)
        }
    }
}

async fn hostile_input_is_refused_or_stored_harmlessly(app: TestApp) {
    let world = World::build(&app, "bucha").await;
    let mut admin = Caller::new(&app, "bucha", "admin").await;
    let mut citizen = Caller::new(&app, "bucha", "citizen").await;
    let mut admin_again = Caller::new(&app, "bucha", "admin").await;
    let dumper = Dumper::new(&app.db, VOLATILE).await;
    let before = dumper.dump(&app.db, world.tenant).await;
    let mut walk = Walk {
        app: &app,
        world,
        dumper,
        before,
        sent: 0,
    };
    let payloads = corpus();
    // The first line (a script tag) and the 1 MB string go everywhere.
    let fixed = [0, payloads.len() - 2];
    let mut sampler = Sampler::new();
    let odd = odd_values();
    let mut odd_sampler = Sampler::new();
    let openapi: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();

    for caller in [&mut admin, &mut citizen] {
        // Forms, as the pages of the route table show them to this caller.
        for (method, template, _) in ROUTES {
            if *method != "GET" || template.starts_with("/api/") || template.contains("{file}") {
                continue;
            }
            let path = walk.world.fill(template, (1, 1));
            let (client, _) = caller.session(&app).await;
            let response = client.get(app.url(&path)).send().await.unwrap();
            if !is_html(&response) {
                continue;
            }
            let page = response.text().await.unwrap();
            for (action, fields) in forms(&page, &path) {
                for (i, (name, _)) in fields.iter().enumerate() {
                    for p in sampler.pick(payloads.len(), &fixed) {
                        let mut sent = fields.clone();
                        sent[i].1 = payloads[p].clone();
                        let what = Body::Form(sent);
                        let status = walk.send(caller, &Method::POST, &action, &what).await;
                        assert_ne!(status, StatusCode::UNAUTHORIZED, "{action} {name}: the session held");
                    }
                    // Invalid UTF-8 cannot be a Rust string: percent-encoded bytes.
                    let raw: String = fields
                        .iter()
                        .enumerate()
                        .map(|(j, (k, v))| {
                            let v = if j == i {
                                "%FF%FE%C3%28".to_string()
                            } else {
                                urlencode(v)
                            };
                            format!("{}={v}", urlencode(k))
                        })
                        .collect::<Vec<_>>()
                        .join("&");
                    walk.send(caller, &Method::POST, &action, &Body::RawForm(raw)).await;
                }
            }
        }

        // API bodies, property by property, from the OpenAPI document.
        for (path_template, operations) in openapi["paths"].as_object().unwrap() {
            for (method, operation) in operations.as_object().unwrap() {
                let Some(schema) = operation["requestBody"]["content"]["application/json"].get("schema") else {
                    continue;
                };
                let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                // A citizen's call to a staff route is refused before its body
                // is read (access.rs); the payloads go where it is read.
                let staff_only = ROUTES
                    .iter()
                    .any(|(m, p, rule)| *m == method.as_str() && p == path_template && matches!(rule, Staff | Admin));
                if caller.role == "citizen" && staff_only {
                    continue;
                }
                let path = walk.world.fill(path_template, (1, 1));
                let base = plausible(&openapi, schema);
                let properties: Vec<String> = base
                    .as_object()
                    .map(|o| o.keys().cloned().collect())
                    .unwrap_or_default();
                for property in &properties {
                    let strings = sampler
                        .pick(payloads.len(), &fixed)
                        .into_iter()
                        .map(|p| json!(payloads[p]));
                    let others = odd_sampler.pick(odd.len(), &[]).into_iter().map(|o| odd[o].clone());
                    let values = strings.chain(others);
                    for value in values {
                        let mut body = base.clone();
                        body[property] = value;
                        let bytes = serde_json::to_vec(&body).unwrap();
                        walk.send(caller, &method, &path, &Body::Json(bytes)).await;
                    }
                }
                for bytes in odd_bodies() {
                    walk.send(caller, &method, &path, &Body::Json(bytes)).await;
                }
            }
        }
    }

    // Ids and slugs in paths, and odd query values, on every route.
    for (method, template, _) in ROUTES {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let placeholders: Vec<&str> = template
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(p, _)| p))
            .collect();
        let body = if method == Method::GET {
            Body::None
        } else if template.starts_with("/api/") {
            Body::Json(b"{}".to_vec())
        } else {
            Body::Form(vec![("csrf".into(), "{csrf}".into())])
        };
        for placeholder in &placeholders {
            for odd_id in ODD_IDS {
                let path = walk
                    .world
                    .fill(&template.replace(&format!("{{{placeholder}}}"), odd_id), (1, 1));
                let status = walk.send(&mut admin_again, &method, &path, &body).await;
                assert!(
                    !status.is_success(),
                    "{method} {path}: a nonsense {placeholder} was accepted ({status})"
                );
            }
        }
        if method == Method::GET {
            let path = walk.world.fill(template, (1, 1));
            // The API's parameters one by one; the pages' all at once (the
            // API documents which it reads, the pages share one list).
            let (params, one_by_one) = if template.starts_with("/api/") {
                (api_query_params(&openapi, template), true)
            } else {
                (PAGE_PARAMS.iter().map(|s| s.to_string()).collect(), false)
            };
            for value in ODD_QUERY {
                let all: Vec<String> = params.iter().map(|p| format!("{p}={value}")).collect();
                let query = format!("{path}?{}", all.join("&"));
                walk.send(&mut admin_again, &method, &query, &Body::None).await;
                for param in params.iter().filter(|_| one_by_one) {
                    let query = format!("{path}?{param}={value}");
                    walk.send(&mut admin_again, &method, &query, &Body::None).await;
                }
            }
        }
    }

    // Afterwards every page, the new ideas', conversations' and polls'
    // included, shows what was stored without running it.
    let t = walk.world.tenant.0;
    let mut pages: Vec<String> = Vec::new();
    for (method, template, _) in ROUTES {
        if *method != "GET" || template.starts_with("/api/") || template.contains("{file}") {
            continue;
        }
        pages.push(walk.world.fill(template, (1, 1)));
        for (placeholder, table) in [
            ("{idea}", "ideas"),
            ("{conversation}", "conversations"),
            ("{poll}", "polls"),
        ] {
            if !template.contains(placeholder) {
                continue;
            }
            for id in ids(&app, table, t).await {
                pages.push(walk.world.fill(&template.replace(placeholder, &id.to_string()), (1, 1)));
            }
        }
    }
    for caller in [&mut admin_again, &mut citizen] {
        for page in &pages {
            let (client, _) = caller.session(&app).await;
            let response = client.get(app.url(page)).send().await.unwrap();
            let status = response.status();
            assert!(!status.is_server_error(), "GET {page} answered {status} afterwards");
            if is_html(&response) {
                assert_no_live_payload(&response.text().await.unwrap(), &format!("GET {page} afterwards"));
            }
        }
    }
    assert!(walk.sent > 1000, "the walk sent only {} requests", walk.sent);
    assert!(
        sampler.full || sampler.next >= payloads.len(),
        "the rotation reached only {} of {} payloads",
        sampler.next,
        payloads.len()
    );
}

/// Percent-encoding of every byte but the unreserved ones.
fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn api_query_params(doc: &Value, template: &str) -> Vec<String> {
    doc["paths"][template]["get"]["parameters"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn ids(app: &TestApp, table: &str, tenant: i64) -> Vec<i64> {
    let max = civic_testkit::testing::query_i64(
        &app.db,
        &format!("SELECT COALESCE(MAX(id), 0) FROM {table} WHERE tenant_id = {tenant}"),
    )
    .await;
    let min = civic_testkit::testing::query_i64(
        &app.db,
        &format!("SELECT COALESCE(MIN(id), 0) FROM {table} WHERE tenant_id = {tenant}"),
    )
    .await;
    (min.max(1)..=max).collect()
}

fn behind_proxy() -> WebConfig {
    WebConfig {
        trust_proxy: true,
        ..WebConfig::default()
    }
}

// CI's run samples the corpus per field (see `Sampler`); the full walk:
// `CIVIC_HOSTILE_FULL=1 cargo test -p civic-web --test hostile`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_hostile_input_is_refused_or_stored_harmlessly() {
    let db = TestDb::sqlite().await;
    hostile_input_is_refused_or_stored_harmlessly(TestApp::start_with(db, behind_proxy()).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_hostile_input_is_refused_or_stored_harmlessly() {
    let Some(db) = TestDb::postgres().await else { return };
    hostile_input_is_refused_or_stored_harmlessly(TestApp::start_with(db, behind_proxy()).await).await;
}
