//! Every route the routers declare, with who may use it. Suites that walk
//! every route (access rules, hostile input, other tenants' ids) read this
//! table, so a route added here is covered by all of them at once; the
//! access suite checks the table against the router sources.

use std::collections::BTreeSet;

/// Who may use a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account of this tenant.
    SignedIn,
    /// Officials and administrators of this tenant (answers, review).
    Staff,
    /// Administrators of this tenant.
    Admin,
    /// Signed-in accounts of this tenant, and then only the author of the
    /// thing (or staff): a citizen who is not may be refused with 403.
    Owner,
}

pub use Rule::*;

pub const ROUTES: &[(&str, &str, Rule)] = &[
    ("GET", "/", Public),
    ("GET", "/language", Public),
    ("GET", "/healthz", Public),
    ("GET", "/favicon.ico", Public),
    ("GET", "/favicon.svg", Public),
    ("GET", "/readyz", Public),
    ("GET", "/metrics", Public),
    ("GET", "/api/v1/openapi.json", Public),
    ("GET", "/static/{file}", Public),
    ("GET", "/{tenant}", Public),
    ("GET", "/{tenant}/", Public),
    ("GET", "/{tenant}/login", Public),
    ("POST", "/{tenant}/login", Public),
    ("POST", "/{tenant}/logout", SignedIn),
    ("GET", "/{tenant}/register", Public),
    ("POST", "/{tenant}/register", Public),
    ("GET", "/{tenant}/register/sent", Public),
    ("GET", "/{tenant}/confirm", Public),
    ("POST", "/{tenant}/confirm", Public),
    ("GET", "/{tenant}/confirmed", Public),
    ("GET", "/{tenant}/password/forgot", Public),
    ("POST", "/{tenant}/password/forgot", Public),
    ("GET", "/{tenant}/password/sent", Public),
    ("GET", "/{tenant}/password/reset", Public),
    ("POST", "/{tenant}/password/reset", Public),
    ("GET", "/{tenant}/account", SignedIn),
    ("POST", "/{tenant}/account/password", SignedIn),
    ("POST", "/{tenant}/account/sessions/end-others", SignedIn),
    ("POST", "/{tenant}/account/sessions/{session}/end", SignedIn),
    ("POST", "/{tenant}/account/tokens", SignedIn),
    ("POST", "/{tenant}/account/tokens/{token}/revoke", SignedIn),
    ("GET", "/{tenant}/account/export", SignedIn),
    ("POST", "/{tenant}/account/delete", SignedIn),
    ("GET", "/{tenant}/admin/people", Admin),
    ("POST", "/{tenant}/admin/people/{user}/role", Admin),
    ("GET", "/{tenant}/admin/audit", Admin),
    ("GET", "/{tenant}/_styleguide", Staff),
    ("GET", "/{tenant}/admin/spaces", Staff),
    ("GET", "/{tenant}/admin/spaces/new", Admin),
    ("POST", "/{tenant}/admin/spaces/new", Admin),
    ("GET", "/{tenant}/admin/spaces/{space}/edit", Admin),
    ("POST", "/{tenant}/admin/spaces/{space}/edit", Admin),
    ("POST", "/{tenant}/admin/spaces/{space}/status", Admin),
    ("POST", "/{tenant}/admin/spaces/{space}/image", Admin),
    ("POST", "/{tenant}/admin/spaces/{space}/image/remove", Admin),
    ("GET", "/{tenant}/spaces/{space}/image", Public),
    ("GET", "/{tenant}/brand/theme.css", Public),
    ("GET", "/{tenant}/brand/logo", Public),
    ("GET", "/{tenant}/spaces/{space}", Public),
    ("GET", "/{tenant}/ideas/{idea}", Public),
    ("GET", "/{tenant}/spaces/{space}/ideas/new", SignedIn),
    ("POST", "/{tenant}/spaces/{space}/ideas/new", SignedIn),
    ("GET", "/{tenant}/spaces/{space}/ideas/similar", Public),
    ("POST", "/{tenant}/ideas/{idea}/support", SignedIn),
    ("POST", "/{tenant}/ideas/{idea}/comments", SignedIn),
    ("POST", "/{tenant}/ideas/{idea}/answers", Staff),
    ("GET", "/{tenant}/review", Staff),
    ("GET", "/{tenant}/search", Public),
    ("GET", "/{tenant}/ideas/{idea}/edit", Owner),
    ("POST", "/{tenant}/ideas/{idea}/edit", Owner),
    ("POST", "/{tenant}/ideas/{idea}/withdraw", Owner),
    ("POST", "/{tenant}/comments/{comment}/edit", Owner),
    ("POST", "/{tenant}/comments/{comment}/delete", Owner),
    ("POST", "/{tenant}/comments/{comment}/vote", SignedIn),
    ("GET", "/{tenant}/spaces/{space}/ideas.csv", Staff),
    ("GET", "/{tenant}/spaces/{space}/conversations/new", Staff),
    ("POST", "/{tenant}/spaces/{space}/conversations/new", Staff),
    ("GET", "/{tenant}/conversations/{conversation}", Public),
    ("POST", "/{tenant}/conversations/{conversation}/vote", SignedIn),
    ("POST", "/{tenant}/conversations/{conversation}/statements", SignedIn),
    ("GET", "/{tenant}/conversations/{conversation}/results", Public),
    ("GET", "/{tenant}/conversations/{conversation}/moderate", Staff),
    ("POST", "/{tenant}/conversations/{conversation}/status", Staff),
    ("GET", "/{tenant}/conversations/{conversation}/votes.csv", Staff),
    (
        "POST",
        "/{tenant}/conversations/{conversation}/statements/{statement}/moderate",
        Staff,
    ),
    ("GET", "/{tenant}/spaces/{space}/budgets/new", Staff),
    ("POST", "/{tenant}/spaces/{space}/budgets/new", Staff),
    ("GET", "/{tenant}/budgets/{budget}", Public),
    ("POST", "/{tenant}/budgets/{budget}/ballot", SignedIn),
    ("POST", "/{tenant}/budgets/{budget}/ballot/cancel", SignedIn),
    ("GET", "/{tenant}/budgets/{budget}/projects/new", SignedIn),
    ("POST", "/{tenant}/budgets/{budget}/projects/new", SignedIn),
    ("GET", "/{tenant}/budgets/{budget}/results", Public),
    ("GET", "/{tenant}/budgets/{budget}/results.csv", Public),
    ("GET", "/{tenant}/budgets/{budget}/pabulib", Public),
    ("POST", "/{tenant}/budgets/{budget}/phase", Staff),
    ("GET", "/{tenant}/budgets/{budget}/paper-ballots", Staff),
    ("POST", "/{tenant}/budgets/{budget}/paper-ballots", Staff),
    ("POST", "/{tenant}/budgets/{budget}/paper-ballots/bulk", Staff),
    ("GET", "/{tenant}/budget-projects/{project}", Public),
    ("POST", "/{tenant}/budget-projects/{project}/review", Staff),
    ("POST", "/{tenant}/budget-projects/{project}/implementation", Staff),
    ("GET", "/{tenant}/spaces/{space}/consultations/new", Staff),
    ("POST", "/{tenant}/spaces/{space}/consultations/new", Staff),
    ("GET", "/{tenant}/consultations/{consultation}", Public),
    ("POST", "/{tenant}/consultations/{consultation}/phase", Staff),
    ("GET", "/{tenant}/consultations/{consultation}/report", Public),
    ("GET", "/{tenant}/consultations/{consultation}/contributions.csv", Staff),
    ("GET", "/{tenant}/sections/{section}", Public),
    ("POST", "/{tenant}/sections/{section}/comments", SignedIn),
    ("POST", "/{tenant}/sections/{section}/amendments", SignedIn),
    ("POST", "/{tenant}/sections/{section}/final-text", Staff),
    ("POST", "/{tenant}/sections/{section}/edit", Staff),
    ("POST", "/{tenant}/amendments/{amendment}/support", SignedIn),
    ("POST", "/{tenant}/amendments/{amendment}/withdraw", Owner),
    ("POST", "/{tenant}/amendments/{amendment}/answer", Staff),
    ("GET", "/{tenant}/spaces/{space}/debates/new", Staff),
    ("POST", "/{tenant}/spaces/{space}/debates/new", Staff),
    ("GET", "/{tenant}/debates/{debate}", Public),
    ("POST", "/{tenant}/debates/{debate}/arguments", SignedIn),
    ("POST", "/{tenant}/debates/{debate}/stance", SignedIn),
    ("POST", "/{tenant}/debates/{debate}/conclusion", Staff),
    ("GET", "/{tenant}/debates/{debate}/contributions.csv", Staff),
    // Problem reports (issue 20).
    ("GET", "/{tenant}/reports", Public),
    ("POST", "/{tenant}/reports", SignedIn),
    ("GET", "/{tenant}/reports/new", SignedIn),
    ("GET", "/{tenant}/reports/queue", Staff),
    ("GET", "/{tenant}/reports/queue.csv", Staff),
    ("GET", "/{tenant}/reports/{report}", Public),
    ("POST", "/{tenant}/reports/{report}/voice", SignedIn),
    ("POST", "/{tenant}/reports/{report}/feedback", Owner),
    ("POST", "/{tenant}/reports/{report}/status", Staff),
    ("POST", "/{tenant}/reports/{report}/replies", Staff),
    ("POST", "/{tenant}/reports/{report}/notes", Staff),
    ("GET", "/{tenant}/admin/reports", Admin),
    ("POST", "/{tenant}/admin/reports/departments", Admin),
    ("POST", "/{tenant}/admin/reports/members", Admin),
    ("POST", "/{tenant}/admin/reports/categories", Admin),
    ("POST", "/{tenant}/admin/reports/area", Admin),
    ("POST", "/{tenant}/arguments/{argument}/convincing", SignedIn),
    ("POST", "/api/v1/{tenant}/users", Public),
    ("GET", "/api/v1/{tenant}/users", Admin),
    ("PUT", "/api/v1/{tenant}/users/{user}/role", Admin),
    ("GET", "/api/v1/{tenant}/audit", Admin),
    ("POST", "/api/v1/{tenant}/tokens", Public),
    ("GET", "/api/v1/{tenant}/tokens", SignedIn),
    ("DELETE", "/api/v1/{tenant}/tokens/{token}", SignedIn),
    ("GET", "/api/v1/{tenant}/me", SignedIn),
    ("DELETE", "/api/v1/{tenant}/me", SignedIn),
    ("PUT", "/api/v1/{tenant}/me/password", SignedIn),
    ("GET", "/api/v1/{tenant}/me/export", SignedIn),
    ("GET", "/api/v1/{tenant}/me/sessions", SignedIn),
    ("DELETE", "/api/v1/{tenant}/me/sessions", SignedIn),
    ("DELETE", "/api/v1/{tenant}/me/sessions/{session}", SignedIn),
    ("POST", "/api/v1/{tenant}/password-resets", Public),
    ("POST", "/api/v1/{tenant}/password-resets/complete", Public),
    ("GET", "/api/v1/{tenant}/spaces", Public),
    ("POST", "/api/v1/{tenant}/spaces", Admin),
    ("PUT", "/api/v1/{tenant}/spaces/{space}", Admin),
    ("GET", "/api/v1/{tenant}/spaces/{space}/ideas", Public),
    ("GET", "/api/v1/{tenant}/spaces/{space}/ideas/similar", Public),
    ("GET", "/api/v1/{tenant}/ideas/{idea}", Public),
    ("GET", "/api/v1/{tenant}/ideas/{idea}/comments", Public),
    ("POST", "/api/v1/{tenant}/spaces/{space}/ideas", SignedIn),
    ("PUT", "/api/v1/{tenant}/ideas/{idea}/support", SignedIn),
    ("DELETE", "/api/v1/{tenant}/ideas/{idea}/support", SignedIn),
    ("POST", "/api/v1/{tenant}/ideas/{idea}/comments", SignedIn),
    ("POST", "/api/v1/{tenant}/ideas/{idea}/answers", Staff),
    ("GET", "/api/v1/{tenant}/search", Public),
    ("PATCH", "/api/v1/{tenant}/ideas/{idea}", Owner),
    ("POST", "/api/v1/{tenant}/ideas/{idea}/withdrawal", Owner),
    ("PATCH", "/api/v1/{tenant}/comments/{comment}", Owner),
    ("DELETE", "/api/v1/{tenant}/comments/{comment}", Owner),
    ("PUT", "/api/v1/{tenant}/comments/{comment}/vote", SignedIn),
    ("GET", "/api/v1/{tenant}/spaces/{space}/budgets", Public),
    ("POST", "/api/v1/{tenant}/spaces/{space}/budgets", Staff),
    ("GET", "/api/v1/{tenant}/budgets/{budget}", Public),
    ("GET", "/api/v1/{tenant}/budgets/{budget}/projects", Public),
    ("POST", "/api/v1/{tenant}/budgets/{budget}/projects", SignedIn),
    ("POST", "/api/v1/{tenant}/budgets/{budget}/ballots", SignedIn),
    ("GET", "/api/v1/{tenant}/budgets/{budget}/ballots/mine", SignedIn),
    ("DELETE", "/api/v1/{tenant}/budgets/{budget}/ballots/mine", SignedIn),
    ("POST", "/api/v1/{tenant}/budgets/{budget}/paper-ballots", Staff),
    ("GET", "/api/v1/{tenant}/budgets/{budget}/results", Public),
    ("PUT", "/api/v1/{tenant}/budgets/{budget}/phase", Staff),
    ("GET", "/api/v1/{tenant}/budget-projects/{project}", Public),
    ("POST", "/api/v1/{tenant}/budget-projects/{project}/review", Staff),
    (
        "PUT",
        "/api/v1/{tenant}/budget-projects/{project}/implementation",
        Staff,
    ),
    ("GET", "/api/v1/{tenant}/projects", Public),
    ("GET", "/api/v1/{tenant}/spaces/{space}/consultations", Public),
    ("POST", "/api/v1/{tenant}/spaces/{space}/consultations", Staff),
    ("GET", "/api/v1/{tenant}/consultations/{consultation}", Public),
    ("PUT", "/api/v1/{tenant}/consultations/{consultation}/phase", Staff),
    ("GET", "/api/v1/{tenant}/consultations/{consultation}/report", Public),
    ("GET", "/api/v1/{tenant}/sections/{section}", Public),
    ("GET", "/api/v1/{tenant}/sections/{section}/comments", Public),
    ("POST", "/api/v1/{tenant}/sections/{section}/comments", SignedIn),
    ("GET", "/api/v1/{tenant}/sections/{section}/amendments", Public),
    ("POST", "/api/v1/{tenant}/sections/{section}/amendments", SignedIn),
    ("PUT", "/api/v1/{tenant}/amendments/{amendment}/support", SignedIn),
    ("DELETE", "/api/v1/{tenant}/amendments/{amendment}/support", SignedIn),
    ("POST", "/api/v1/{tenant}/amendments/{amendment}/withdraw", Owner),
    ("POST", "/api/v1/{tenant}/amendments/{amendment}/answer", Staff),
    ("GET", "/api/v1/{tenant}/spaces/{space}/debates", Public),
    ("POST", "/api/v1/{tenant}/spaces/{space}/debates", Staff),
    ("GET", "/api/v1/{tenant}/debates/{debate}", Public),
    ("POST", "/api/v1/{tenant}/debates/{debate}/arguments", SignedIn),
    ("PUT", "/api/v1/{tenant}/debates/{debate}/stance", SignedIn),
    ("POST", "/api/v1/{tenant}/debates/{debate}/conclusion", Staff),
    // Problem reports (issue 20).
    ("GET", "/api/v1/{tenant}/reports", Public),
    ("POST", "/api/v1/{tenant}/reports", SignedIn),
    ("GET", "/api/v1/{tenant}/reports/{report}", Public),
    ("PUT", "/api/v1/{tenant}/reports/{report}/voice", SignedIn),
    ("POST", "/api/v1/{tenant}/reports/{report}/feedback", Owner),
    ("POST", "/api/v1/{tenant}/reports/{report}/status", Staff),
    ("POST", "/api/v1/{tenant}/reports/{report}/replies", Staff),
    ("POST", "/api/v1/{tenant}/reports/{report}/notes", Staff),
    ("GET", "/api/v1/{tenant}/report-categories", Public),
    ("GET", "/api/v1/{tenant}/report-stats", Public),
    ("GET", "/api/v1/{tenant}/report-queue", Staff),
    ("PUT", "/api/v1/{tenant}/arguments/{argument}/convincing", SignedIn),
    ("DELETE", "/api/v1/{tenant}/arguments/{argument}/convincing", SignedIn),
    ("GET", "/api/v1/{tenant}/spaces/{space}/conversations", Public),
    ("POST", "/api/v1/{tenant}/spaces/{space}/conversations", Staff),
    ("GET", "/api/v1/{tenant}/conversations/{conversation}", Public),
    (
        "GET",
        "/api/v1/{tenant}/conversations/{conversation}/statements/next",
        Public,
    ),
    (
        "POST",
        "/api/v1/{tenant}/conversations/{conversation}/statements",
        SignedIn,
    ),
    (
        "POST",
        "/api/v1/{tenant}/conversations/{conversation}/statements/{statement}/moderation",
        Staff,
    ),
    ("POST", "/api/v1/{tenant}/conversations/{conversation}/votes", SignedIn),
    ("PUT", "/api/v1/{tenant}/conversations/{conversation}/status", Staff),
    ("GET", "/api/v1/{tenant}/conversations/{conversation}/results", Public),
    ("GET", "/{tenant}/polls/{poll}", Public),
    ("POST", "/{tenant}/polls/{poll}", SignedIn),
    ("GET", "/{tenant}/polls/{poll}/results", Public),
    ("GET", "/{tenant}/polls/{poll}/export.csv", Staff),
    ("GET", "/{tenant}/spaces/{space}/polls/new", Staff),
    ("POST", "/{tenant}/spaces/{space}/polls/new", Staff),
    ("GET", "/{tenant}/polls/{poll}/edit", Staff),
    ("POST", "/{tenant}/polls/{poll}/edit", Staff),
    ("GET", "/{tenant}/polls/{poll}/preview", Staff),
    ("GET", "/{tenant}/polls/{poll}/images", Staff),
    ("POST", "/{tenant}/polls/{poll}/images/{question}/{option}", Staff),
    ("GET", "/{tenant}/polls/{poll}/images/{question}/{option}", Public),
    (
        "POST",
        "/{tenant}/polls/{poll}/images/{question}/{option}/remove",
        Staff,
    ),
    ("POST", "/{tenant}/polls/{poll}/publish", Staff),
    ("POST", "/{tenant}/polls/{poll}/duplicate", Staff),
    ("PUT", "/api/v1/{tenant}/polls/{poll}", Staff),
    ("POST", "/api/v1/{tenant}/polls/{poll}/publish", Staff),
    ("POST", "/api/v1/{tenant}/polls/{poll}/duplicate", Staff),
    ("GET", "/api/v1/{tenant}/spaces/{space}/polls", Public),
    ("POST", "/api/v1/{tenant}/spaces/{space}/polls", Staff),
    ("GET", "/api/v1/{tenant}/polls/{poll}", Public),
    ("POST", "/api/v1/{tenant}/polls/{poll}/responses", SignedIn),
    ("GET", "/api/v1/{tenant}/polls/{poll}/results", Public),
    ("POST", "/{tenant}/ideas/{idea}/follow", SignedIn),
    ("POST", "/{tenant}/spaces/{space}/follow", SignedIn),
    ("GET", "/{tenant}/notifications", SignedIn),
    ("POST", "/{tenant}/notifications/read", SignedIn),
    // Another person's notification answers 404 (tests/notifications.rs).
    ("GET", "/{tenant}/notifications/{notification}", SignedIn),
    ("GET", "/{tenant}/account/notifications", SignedIn),
    ("POST", "/{tenant}/account/notifications", SignedIn),
    ("PUT", "/api/v1/{tenant}/ideas/{idea}/follow", SignedIn),
    ("DELETE", "/api/v1/{tenant}/ideas/{idea}/follow", SignedIn),
    ("PUT", "/api/v1/{tenant}/spaces/{space}/follow", SignedIn),
    ("DELETE", "/api/v1/{tenant}/spaces/{space}/follow", SignedIn),
    ("GET", "/api/v1/{tenant}/me/notifications", SignedIn),
    ("POST", "/api/v1/{tenant}/me/notifications/read", SignedIn),
    ("GET", "/api/v1/{tenant}/me/notification-settings", SignedIn),
    ("PUT", "/api/v1/{tenant}/me/notification-settings", SignedIn),
];

/// (method, path) of every `.route(…)` in the router sources.
/// Every `.route("PATH", METHOD(handler)…)` written in the web crate's
/// sources under `under` (each feature module has its own router), as
/// (METHOD, PATH).
pub fn routes_in_sources(under: &str) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(under)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                for chunk in source.split(".route(").skip(1) {
                    // The call's arguments: up to its closing parenthesis.
                    let mut depth = 1;
                    let end = chunk
                        .char_indices()
                        .find(|(_, c)| {
                            match c {
                                '(' => depth += 1,
                                ')' => depth -= 1,
                                _ => {}
                            }
                            depth == 0
                        })
                        .map_or(chunk.len(), |(at, _)| at);
                    let call = &chunk[..end];
                    let Some(route) = call.split('"').nth(1) else { continue };
                    let handlers = call.split_once("\",").map_or("", |(_, rest)| rest);
                    for method in ["get", "post", "put", "delete", "patch"] {
                        let called = handlers.match_indices(&format!("{method}(")).any(|(at, _)| {
                            at == 0 || {
                                let before = handlers.as_bytes()[at - 1];
                                !before.is_ascii_alphanumeric() && before != b'_'
                            }
                        });
                        if called {
                            found.insert((method.to_uppercase(), route.to_string()));
                        }
                    }
                }
            }
        }
    }
    found
}

pub fn declared_routes() -> BTreeSet<(String, String)> {
    routes_in_sources(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))
}
