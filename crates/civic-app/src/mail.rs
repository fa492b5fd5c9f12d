//! Outgoing mail: composed by use cases, stored in the outbox in the same
//! step as what caused it, and delivered by a background worker that retries
//! with backoff. Delivery is real SMTP (lettre) when configured; otherwise,
//! in the embedded default, each message is written as an `.eml` file under
//! the data directory and its first link is logged, so a newcomer can
//! confirm an account without a mail server.

use crate::Platform;
use civic_core::{Locale, Timestamp};
use civic_store::mail::{self, Message};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// How an SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain SMTP (a relay on localhost, or tests).
    None,
    /// STARTTLS on port 587.
    StartTls,
    /// TLS from the start, port 465.
    Tls,
}

#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
}

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    Files(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    pub fn smtp(config: &SmtpConfig) -> Result<Mailer, String> {
        let builder = match config.security {
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host),
            SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
                .map_err(|e| format!("SMTP host {}: {e}", config.host))?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)
                .map_err(|e| format!("SMTP host {}: {e}", config.host))?,
        };
        let mut builder = builder.port(config.port).timeout(Some(Duration::from_secs(20)));
        if let (Some(user), Some(password)) = (&config.username, &config.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer::Smtp(builder.build()))
    }

    async fn deliver(&self, from: &Mailbox, message: &Message) -> Result<(), String> {
        let to: Mailbox = message.recipient.parse().map_err(|e| format!("recipient: {e}"))?;
        let email = lettre::Message::builder()
            .from(from.clone())
            .to(to)
            .subject(&message.subject)
            .multipart(MultiPart::alternative_plain_html(
                message.body_text.clone(),
                message.body_html.clone(),
            ))
            .map_err(|e| format!("message: {e}"))?;
        match self {
            Mailer::Smtp(transport) => transport.send(email).await.map(|_| ()).map_err(|e| e.to_string()),
            Mailer::Files(dir) => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| e.to_string())?;
                let path = dir.join(format!("{:06}.eml", message.id));
                tokio::fs::write(&path, email.formatted())
                    .await
                    .map_err(|e| e.to_string())?;
                // A confirmation or reset link is a secret: logs are read by
                // more people than the operator, so the link stays in the
                // file (the operator's) and the log says where the file is.
                tracing::info!(to = %message.recipient, file = %path.display(), "mail written (no SMTP configured); the file holds its link");
                Ok(())
            }
        }
    }
}

/// Drains the outbox until `stop` resolves: claims due messages with a
/// lease, delivers them, and retries failures with exponential backoff
/// (30 s, 1 min, 2 min … at most hourly).
pub async fn run_outbox(db: Platform, mailer: Mailer, from: Mailbox, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        let delivered = drain_once(&db, &mailer, &from).await;
        if *stop.borrow() {
            return;
        }
        if delivered == 0 {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = stop.changed() => return,
            }
        }
    }
}

/// One pass over the due messages; returns how many were handled.
pub async fn drain_once(db: &Platform, mailer: &Mailer, from: &Mailbox) -> usize {
    let batch = match mail::claim(db, Timestamp::now(), 120_000, 20).await {
        Ok(batch) => batch,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the outbox");
            return 0;
        }
    };
    let n = batch.len();
    for message in batch {
        let outcome = mailer.deliver(from, &message).await;
        let stored = match outcome {
            Ok(()) => mail::mark_sent(db, message.id, Timestamp::now()).await,
            Err(error) => {
                let backoff = 30_000i64
                    .saturating_mul(1 << message.attempts.clamp(0, 7))
                    .min(3_600_000);
                tracing::warn!(id = message.id, attempts = message.attempts, %error, "mail not delivered; will retry");
                mail::mark_failed(db, message.id, &error, Timestamp(Timestamp::now().0 + backoff)).await
            }
        };
        if let Err(e) = stored {
            tracing::warn!(error = %e, id = message.id, "cannot record the mail's outcome");
        }
    }
    n
}

/// A message ready for the outbox, in the recipient's language.
pub struct ComposedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The texts of the platform's messages; the web layer implements it with
/// its Fluent catalogue, so use cases compose mail without knowing HTTP.
pub trait MailTexts: Send + Sync {
    fn confirm_email(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail;
    fn reset_password(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail;
    /// To the owner of an address someone tried to register again: sign in
    /// (or reset the password) at `link`.
    fn account_exists(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail;
    /// To an address someone asked a password reset for, which has no
    /// account here: register at `link` if that was you.
    fn no_account(&self, locale: Locale, tenant_name: &str, link: &str) -> ComposedMail;
    /// To a tenant's first administrator: choose a password at `link`.
    fn invitation(&self, locale: Locale, tenant_name: &str, link: &str) -> ComposedMail;
    /// To someone an administrator invites to the town's staff with `role`:
    /// choose a password at `link`.
    fn staff_invitation(&self, locale: Locale, tenant_name: &str, role: civic_core::Role, link: &str) -> ComposedMail;
    /// To the new address of an account: confirm the change at `link`.
    fn confirm_email_change(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail;
    /// To the old address of an account: the address was changed; `link`
    /// leads to the platform.
    fn email_changed(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail;
}
