//! Reads what is left of a request body before its answer goes out.
//!
//! An answer may be ready before the body is read: 413 from the body limit
//! (decided from `Content-Length` alone), 401/403 from an extractor, 404
//! for an unknown route. hyper then closes the connection with bytes still
//! unread, and the kernel answers such a close with a TCP reset, which
//! destroys the answer in the client's receive buffer if it arrives first.
//! A browser shows "connection reset" instead of our "too large" page, and
//! a test client reports "error sending request": a race that made the
//! hostile-input suite fail now and then. Reading (and discarding) the rest
//! first is what nginx calls a lingering close; it is bounded in bytes and
//! time, so a client cannot hold a task with an endless body.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderValue, header};
use http_body::{Frame, SizeHint};
use http_body_util::BodyExt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

/// Bodies larger than this are not read to the end: the connection is
/// closed, as before (a client sending this much to a 1 MB limit is not a
/// person with a photo a little too large).
const MOST_BYTES: u64 = 32 * 1024 * 1024;

/// How long the rest of a body may take to arrive.
const MOST_TIME: Duration = Duration::from_secs(10);

/// The middleware: requests without a body pass untouched; the others get
/// a body the handler reads through a shared slot, and what the handler left
/// is read out of that slot once the answer is ready.
pub async fn read_unread_body(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let chunked = request.headers().contains_key(header::TRANSFER_ENCODING);
    // A client that waits for "100 Continue" sends nothing until the body
    // is asked for; answering first is what it wants.
    let expects_continue = request.headers().contains_key(header::EXPECT);
    let has_body = chunked || declared.is_some_and(|n| n > 0);
    if !has_body || expects_continue {
        return next.run(request).await;
    }
    if declared.is_some_and(|n| n > MOST_BYTES) {
        let mut response = next.run(request).await;
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    let (parts, body) = request.into_parts();
    let slot = Arc::new(Mutex::new(body));
    let shared = SharedBody { slot: slot.clone() };
    let response = next.run(Request::from_parts(parts, Body::new(shared))).await;
    let rest = std::mem::replace(&mut *slot.lock().unwrap_or_else(|e| e.into_inner()), Body::empty());
    if !discard(rest).await {
        let mut response = response;
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    response
}

/// Reads a body to its end within the limits; false when it did not end.
async fn discard(mut body: Body) -> bool {
    let read = async {
        let mut seen: u64 = 0;
        while let Some(frame) = body.frame().await {
            let Ok(frame) = frame else { return false };
            if let Some(data) = frame.data_ref() {
                seen += data.len() as u64;
                if seen > MOST_BYTES {
                    return false;
                }
            }
        }
        true
    };
    tokio::time::timeout(MOST_TIME, read).await.unwrap_or(false)
}

/// The request body as the handler sees it, read from the shared slot.
struct SharedBody {
    slot: Arc<Mutex<Body>>,
}

impl http_body::Body for SharedBody {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let mut body = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        Pin::new(&mut *body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.slot.lock().map(|b| b.is_end_stream()).unwrap_or(true)
    }

    fn size_hint(&self) -> SizeHint {
        self.slot.lock().map(|b| b.size_hint()).unwrap_or_default()
    }
}
