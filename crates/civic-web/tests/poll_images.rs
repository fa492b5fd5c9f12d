//! Pictures of poll options, on both backends: staff add one with its
//! description and residents see it beside the option; bad files, missing
//! descriptions and options that cannot carry a picture are refused with
//! nothing stored; residents cannot add or remove pictures; a draft's
//! pictures are hidden from residents as the draft is.

mod common;

use common::world::*;
use common::*;
use reqwest::StatusCode;

both_backends!(
    staff_illustrate_options_and_residents_see_them,
    bad_pictures_are_refused_and_nothing_is_stored,
    drafts_pictures_stay_with_staff,
);

const PNG: &[u8] = b"\x89PNG\r\n\x1a\nplayground";

/// A multipart body as a browser sends the upload form.
fn upload_body(csrf: &str, bytes: &[u8], alt: &str) -> Vec<u8> {
    let mut body = format!(
        "--b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --b0undary\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\n{alt}\r\n\
         --b0undary\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend(bytes);
    body.extend(b"\r\n--b0undary--\r\n");
    body
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    path: &str,
    bytes: &[u8],
    alt: &str,
) -> reqwest::Response {
    client
        .post(app.url(path))
        .header("content-type", "multipart/form-data; boundary=b0undary")
        .body(upload_body(csrf, bytes, alt))
        .send()
        .await
        .unwrap()
}

async fn stored(app: &TestApp) -> i64 {
    civic_testkit::testing::query_i64(&app.db, "SELECT COUNT(*) FROM poll_option_images").await
}

async fn staff_illustrate_options_and_residents_see_them(app: TestApp) {
    let world = World::build(&app, "bucha").await;
    let (admin, csrf) = session(&app, "bucha", &world.admin_email).await;
    let p = world.poll;
    let images = format!("/bucha/polls/{p}/images");
    let page = admin.get(app.url(&images)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(
        page.contains(&format!("action=\"/bucha/polls/{p}/images/1/2\"")),
        "a form per option"
    );

    let r = upload(
        &app,
        &admin,
        &csrf,
        &format!("{images}/1/1"),
        PNG,
        "Гірка і пісочниця під деревами",
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(&app).await, 1);

    // Residents, signed in or not, see it beside the option, described.
    let poll_page = app.get(&format!("/bucha/polls/{p}")).await.text().await.unwrap();
    assert!(poll_page.contains(&format!("src=\"/bucha/polls/{p}/images/1/1?v=")));
    assert!(poll_page.contains("alt=\"Гірка і пісочниця під деревами\""));
    assert_eq!(
        poll_page.matches("class=\"option-image\"").count(),
        1,
        "only option 1 has one"
    );
    let picture = app.get(&format!("/bucha/polls/{p}/images/1/1")).await;
    assert_eq!(picture.status(), StatusCode::OK);
    assert_eq!(picture.headers()["content-type"], "image/png");
    assert_eq!(picture.bytes().await.unwrap().to_vec(), PNG);
    assert_eq!(
        app.get(&format!("/bucha/polls/{p}/images/1/2")).await.status(),
        StatusCode::NOT_FOUND
    );

    // A resident may not add or remove one.
    let (citizen, citizen_csrf) = session(&app, "bucha", &world.citizen_email).await;
    let r = upload(&app, &citizen, &citizen_csrf, &format!("{images}/1/2"), PNG, "Моє").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = citizen
        .post(app.url(&format!("{images}/1/1/remove")))
        .form(&[("csrf", citizen_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(stored(&app).await, 1);

    // Staff remove it; then it is gone everywhere.
    let r = admin
        .post(app.url(&format!("{images}/1/1/remove")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(&app).await, 0);
    assert_eq!(
        app.get(&format!("/bucha/polls/{p}/images/1/1")).await.status(),
        StatusCode::NOT_FOUND
    );
    let poll_page = app.get(&format!("/bucha/polls/{p}")).await.text().await.unwrap();
    assert!(!poll_page.contains("option-image"));
}

async fn bad_pictures_are_refused_and_nothing_is_stored(app: TestApp) {
    let world = World::build(&app, "bucha").await;
    let (admin, csrf) = session(&app, "bucha", &world.admin_email).await;
    let base = format!("/bucha/polls/{}/images", world.poll);
    // The messages are the accounts' language, Ukrainian.
    let mut big = PNG.to_vec();
    big.resize(civic_app::spaces::IMAGE_MAX_BYTES + 1, 0);
    for (bytes, alt, message) in [
        (&b"<svg onload=alert(1)>"[..], "Гірка", "PNG, JPEG або WebP"),
        (&big[..], "Гірка", "500 КБ"),
        (&b""[..], "Гірка", "Виберіть файл зображення"),
        (PNG, "   ", "Опишіть, що на зображенні"),
        (PNG, &"д".repeat(301)[..], "300 символів"),
    ] {
        let r = upload(&app, &admin, &csrf, &format!("{base}/1/1"), bytes, alt).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        let page = r.text().await.unwrap();
        assert!(page.contains(message), "the page says {message}");
        assert!(page.contains("href=\"#q1-o1-"), "the summary links to the field");
    }
    // Options that do not exist, and nonsense paths.
    for path in ["1/3", "2/1", "1/0", "1/-1", "1/99999999999999999999"] {
        let r = upload(&app, &admin, &csrf, &format!("{base}/{path}"), PNG, "Гірка").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // Not multipart at all.
    let r = admin
        .post(app.url(&format!("{base}/1/1")))
        .form(&[("csrf", csrf.as_str()), ("alt", "Гірка")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // Without the form's token.
    let r = upload(&app, &admin, "wrong", &format!("{base}/1/1"), PNG, "Гірка").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(stored(&app).await, 0);
}

async fn drafts_pictures_stay_with_staff(app: TestApp) {
    let world = World::build(&app, "bucha").await;
    civic_testkit::testing::execute(
        &app.db,
        &format!("UPDATE polls SET status = 'draft' WHERE id = {}", world.poll),
    )
    .await
    .unwrap();
    let (admin, csrf) = session(&app, "bucha", &world.admin_email).await;
    let path = format!("/bucha/polls/{}/images/1/2", world.poll);
    let r = upload(&app, &admin, &csrf, &path, PNG, "Проєкт Б").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(admin.get(app.url(&path)).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(app.get(&path).await.status(), StatusCode::NOT_FOUND);
    let (citizen, _) = session(&app, "bucha", &world.citizen_email).await;
    assert_eq!(
        citizen.get(app.url(&path)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}
