//! Mail leaves through real SMTP: a small SMTP receiver on loopback accepts
//! what the outbox worker sends, and the test reads the recipient and link.
//! Writing the receiver by hand keeps it to the few commands lettre uses.

use civic_app::accounts::{self, Registration};
use civic_app::mail::{ComposedMail, MailTexts, Mailer, SmtpConfig, SmtpSecurity, drain_once};
use civic_core::{Locale, TenantName, TenantSlug};
use civic_store::mail;
use civic_store::tenants::{self, NewTenant};
use civic_store::testing::TestDb;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

struct Texts;

impl MailTexts for Texts {
    fn confirm_email(&self, _: Locale, tenant: &str, name: &str, link: &str) -> ComposedMail {
        ComposedMail {
            subject: format!("Confirm for {tenant}"),
            text: format!("Hello {name}\n{link}\n"),
            html: format!("<p>Hello {name}</p><p><a href=\"{link}\">{link}</a></p>"),
        }
    }

    fn reset_password(&self, locale: Locale, tenant: &str, name: &str, link: &str) -> ComposedMail {
        let mut mail = self.confirm_email(locale, tenant, name, link);
        mail.subject = format!("New password for {tenant}");
        mail
    }

    fn account_exists(&self, locale: Locale, tenant: &str, name: &str, link: &str) -> ComposedMail {
        let mut mail = self.confirm_email(locale, tenant, name, link);
        mail.subject = format!("You have an account on {tenant}");
        mail
    }

    fn no_account(&self, locale: Locale, tenant: &str, link: &str) -> ComposedMail {
        let mut mail = self.confirm_email(locale, tenant, "", link);
        mail.subject = format!("No account on {tenant}");
        mail
    }

    fn invitation(&self, locale: Locale, tenant: &str, link: &str) -> ComposedMail {
        let mut mail = self.confirm_email(locale, tenant, "", link);
        mail.subject = format!("Administer {tenant}");
        mail
    }

    fn staff_invitation(&self, locale: Locale, tenant: &str, role: civic_core::Role, link: &str) -> ComposedMail {
        let mut mail = self.confirm_email(locale, tenant, "", link);
        mail.subject = format!("Join {tenant} as {}", role.as_str());
        mail
    }

    fn confirm_email_change(&self, locale: Locale, tenant: &str, name: &str, link: &str) -> ComposedMail {
        let mut mail = self.confirm_email(locale, tenant, name, link);
        mail.subject = format!("Confirm your new address for {tenant}");
        mail
    }

    fn email_changed(&self, locale: Locale, tenant: &str, name: &str, link: &str) -> ComposedMail {
        let mut mail = self.confirm_email(locale, tenant, name, link);
        mail.subject = format!("Your address on {tenant} was changed");
        mail
    }
}

/// Accepts one SMTP session; returns (recipients, data).
async fn receive_one(listener: TcpListener) -> (Vec<String>, String) {
    let (socket, _) = listener.accept().await.unwrap();
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 test.local ESMTP\r\n").await.unwrap();
    let (mut recipients, mut data) = (Vec::new(), String::new());
    while let Some(line) = lines.next_line().await.unwrap() {
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            write.write_all(b"250-test.local\r\n250 8BITMIME\r\n").await.unwrap();
        } else if upper.starts_with("MAIL FROM") {
            write.write_all(b"250 OK\r\n").await.unwrap();
        } else if upper.starts_with("RCPT TO") {
            recipients.push(line[8..].trim().trim_matches(['<', '>']).to_string());
            write.write_all(b"250 OK\r\n").await.unwrap();
        } else if upper == "DATA" {
            write.write_all(b"354 end with .\r\n").await.unwrap();
            while let Some(body) = lines.next_line().await.unwrap() {
                if body == "." {
                    break;
                }
                data.push_str(&body);
                data.push('\n');
            }
            write.write_all(b"250 queued\r\n").await.unwrap();
        } else if upper == "QUIT" {
            write.write_all(b"221 bye\r\n").await.unwrap();
            break;
        } else {
            write.write_all(b"250 OK\r\n").await.unwrap();
        }
    }
    (recipients, data)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_mail_arrives_over_smtp_once() {
    let t = TestDb::sqlite().await;
    let tenant = tenants::create(
        &t.db,
        &NewTenant {
            slug: TenantSlug::parse("bucha").unwrap(),
            name: TenantName::parse("Буча").unwrap(),
            default_locale: Locale::Uk,
            host: None,
        },
    )
    .await
    .unwrap();
    accounts::register(
        &civic_app::Platform::new(t.db.clone()),
        &tenant,
        &Registration {
            email: "olena@example.org",
            display_name: "Олена",
            password: "a long enough passphrase",
            locale: Locale::Uk,
            address: "127.0.0.1",
        },
        "https://civic.example",
        &Texts,
    )
    .await
    .unwrap();

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let receiver = tokio::spawn(receive_one(listener));
    let mailer = Mailer::smtp(&SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
    })
    .unwrap();
    let from = "Civic Space <no-reply@civic.example>".parse().unwrap();
    assert_eq!(
        drain_once(&civic_app::Platform::new(t.db.clone()), &mailer, &from).await,
        1
    );
    let (recipients, data) = receiver.await.unwrap();
    assert_eq!(recipients, ["olena@example.org"]);
    assert!(data.contains("https://civic.example/bucha/confirm?token="), "{data}");
    assert!(data.contains("multipart/alternative"), "plain text and HTML parts");
    // Sent once: nothing is left to send.
    assert_eq!(mail::pending(&t.db).await.unwrap(), 0);
    assert_eq!(
        drain_once(&civic_app::Platform::new(t.db.clone()), &mailer, &from).await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_server_keeps_the_mail_for_later() {
    let t = TestDb::sqlite().await;
    mail::enqueue(
        &t.db,
        &mail::NewMessage {
            tenant_slug: "bucha",
            recipient: "olena@example.org",
            subject: "Тема",
            body_text: "текст",
            body_html: "<p>текст</p>",
        },
    )
    .await
    .unwrap();
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mailer = Mailer::smtp(&SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
    })
    .unwrap();
    let from = "no-reply@civic.example".parse().unwrap();
    assert_eq!(
        drain_once(&civic_app::Platform::new(t.db.clone()), &mailer, &from).await,
        1
    );
    assert_eq!(mail::pending(&t.db).await.unwrap(), 1, "kept");
    // Not due again until the backoff has passed.
    assert_eq!(
        drain_once(&civic_app::Platform::new(t.db.clone()), &mailer, &from).await,
        0
    );
}

#[tokio::test]
async fn without_smtp_mail_becomes_files() {
    let t = TestDb::sqlite().await;
    mail::enqueue(
        &t.db,
        &mail::NewMessage {
            tenant_slug: "bucha",
            recipient: "olena@example.org",
            subject: "Підтвердьте адресу",
            body_text: "Відкрийте https://civic.example/bucha/confirm?token=abc",
            body_html: "<p>…</p>",
        },
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mailer = Mailer::Files(dir.path().join("mail"));
    let from = "no-reply@civic.example".parse().unwrap();
    assert_eq!(
        drain_once(&civic_app::Platform::new(t.db.clone()), &mailer, &from).await,
        1
    );
    let files: Vec<_> = std::fs::read_dir(dir.path().join("mail")).unwrap().collect();
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(eml.contains("To: olena@example.org"), "{eml}");
    assert_eq!(mail::pending(&t.db).await.unwrap(), 0);
}
