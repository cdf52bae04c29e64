//! A fake Bot API server for tests and the local demo (feature `testing`).
//!
//! It records every call, answers getMe as [`BOT_USERNAME`] (with the token's bot id), serves
//! `getFile` and file downloads for files added with
//! [`FakeTelegram::add_file`], queues updates for `getUpdates`, and fails calls on demand
//! ([`FakeTelegram::fail_next`]) the way Telegram does: 429 with `retry_after`, 500, a 400 refusal, or
//! a call carried out whose answer comes too late. Downloads can be held ([`FakeTelegram::hold_downloads`])
//! to catch the bot in the middle of one.

use std::{
    collections::{HashMap, VecDeque},
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicI32, AtomicUsize, Ordering},
    },
    time::Duration,
};

use axum::{
    Json, Router,
    extract::{FromRequest, Multipart, Path, Request, State},
    http::{StatusCode, header::CONTENT_TYPE},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use bytes::Bytes;
use reqwest::Url;
use serde_json::{Value, json};
use tokio::sync::Notify;

/// The username the fake's getMe gives the bot.
pub const BOT_USERNAME: &str = "polybot_test_bot";

/// One call the bot made.
#[derive(Clone, Debug)]
pub struct Call {
    /// The method, e.g. `sendPhoto`.
    pub method: String,
    /// The parameters; multipart fields that hold JSON arrays, objects or integers are read as JSON.
    pub params: serde_json::Map<String, Value>,
    /// Uploaded files by field name.
    pub files: Vec<(String, Bytes)>,
    /// The HTTP status the fake answered.
    pub status: u16,
    /// When the fake received it.
    pub at: std::time::Instant,
}

impl Call {
    /// The `chat_id` parameter.
    pub fn chat_id(&self) -> Option<i64> {
        self.params.get("chat_id")?.as_i64()
    }

    /// The `text` or `caption` parameter.
    pub fn text(&self) -> Option<&str> {
        self.params.get("text").or_else(|| self.params.get("caption")).and_then(Value::as_str)
    }

    /// The message this call is about: the one it replies to, or the one it reacts to.
    pub fn about(&self) -> Option<i64> {
        self.reply_to().or_else(|| self.params.get("message_id")?.as_i64())
    }

    /// The emoji of a reaction (`setMessageReaction`).
    pub fn reaction(&self) -> Option<&str> {
        self.params.get("reaction")?.get(0)?.get("emoji")?.as_str()
    }

    /// The message this call replies to (`reply_parameters.message_id`).
    pub fn reply_to(&self) -> Option<i64> {
        self.params.get("reply_parameters")?.get("message_id")?.as_i64()
    }
}

/// How to fail a call.
#[derive(Clone, Debug)]
pub enum Failure {
    /// 429 Too Many Requests with `retry_after` seconds.
    RetryAfter(u32),
    /// 500 Internal Server Error.
    ServerError,
    /// 400 with this description, e.g. `Bad Request: PHOTO_INVALID_DIMENSIONS`.
    Refuse(&'static str),
    /// Carried out (recorded as a success), answered only after this long: past the client's timeout,
    /// the answer is lost.
    AnswerLate(Duration),
    /// Carried out (recorded as a success), then answered 502 Bad Gateway, as Telegram's front end may
    /// answer when its back end did the work but its answer did not come back.
    CarriedOutThenBadGateway,
}

#[derive(Debug, Default)]
struct Fake {
    token: String,
    calls: Mutex<Vec<Call>>,
    files: Mutex<HashMap<String, Bytes>>,
    failures: Mutex<Vec<(String, Failure)>>,
    updates: Mutex<VecDeque<Value>>,
    new_update: Notify,
    new_call: Notify,
    next_message_id: AtomicI32,
    download_hold: Mutex<Duration>,
    downloads_started: AtomicUsize,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The fake server, on a free loopback port until dropped.
#[derive(Debug)]
pub struct FakeTelegram {
    url: Url,
    fake: Arc<Fake>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeTelegram {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeTelegram {
    /// Starts a fake that accepts `token` only.
    pub async fn start(token: &str) -> Self {
        let fake = Arc::new(Fake {
            token: token.to_owned(),
            next_message_id: AtomicI32::new(1000),
            ..Fake::default()
        });
        let router = Router::new()
            .route("/{bot}/{method}", post(method).get(method))
            .route("/file/{bot}/{*path}", get(download))
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
        let url = Url::parse(&format!("http://{}/", listener.local_addr().expect("bound"))).expect("a URL");
        let server = tokio::spawn(async move {
            axum::serve(listener, router).await.expect("the fake Bot API serves");
        });
        Self { url, fake, server }
    }

    /// The base URL to give the bot as `TELEGRAM_API_URL`.
    pub fn url(&self) -> Url {
        self.url.clone()
    }

    /// Makes a file downloadable; returns its `file_id`.
    pub fn add_file(&self, body: impl Into<Bytes>) -> String {
        let mut files = lock(&self.fake.files);
        let id = format!("file-{}", files.len() + 1);
        files.insert(id.clone(), body.into());
        id
    }

    /// Fails the next call of `method` as `failure` (calls queue up in order).
    pub fn fail_next(&self, method: &str, failure: Failure) {
        lock(&self.fake.failures).push((method.to_owned(), failure));
    }

    /// Holds every download this long before serving it.
    pub fn hold_downloads(&self, hold: Duration) {
        *lock(&self.fake.download_hold) = hold;
    }

    /// Downloads begun so far (held ones included).
    pub fn downloads_started(&self) -> usize {
        self.fake.downloads_started.load(Ordering::SeqCst)
    }

    /// Queues an update for `getUpdates`.
    pub fn push_update(&self, update: Value) {
        lock(&self.fake.updates).push_back(update);
        self.fake.new_update.notify_waiters();
    }

    /// Every call so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        lock(&self.fake.calls).clone()
    }

    /// The calls of `method` that were answered 200.
    pub fn succeeded(&self, method: &str) -> Vec<Call> {
        self.calls().into_iter().filter(|c| c.method == method && c.status == 200).collect()
    }

    /// The successful calls that sent something to a chat (messages, photos, documents).
    pub fn replies(&self) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| {
                c.status == 200 && matches!(c.method.as_str(), "sendMessage" | "sendPhoto" | "sendDocument")
            })
            .collect()
    }

    /// Waits until at least `n` replies were sent, or `timeout` passed; returns the replies.
    pub async fn wait_for_replies(&self, n: usize, timeout: Duration) -> Vec<Call> {
        self.wait_until(n, timeout, Self::replies).await
    }

    /// Waits until at least `n` calls of `method` succeeded, or `timeout` passed; returns them.
    pub async fn wait_for(&self, method: &str, n: usize, timeout: Duration) -> Vec<Call> {
        self.wait_until(n, timeout, |fake| fake.succeeded(method)).await
    }

    async fn wait_until(&self, n: usize, timeout: Duration, calls: impl Fn(&Self) -> Vec<Call>) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.fake.new_call.notified();
            let found = calls(self);
            if found.len() >= n || tokio::time::timeout_at(deadline, notified).await.is_err() {
                return calls(self);
            }
        }
    }
}

fn answer(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

async fn download(State(fake): State<Arc<Fake>>, Path((bot, path)): Path<(String, String)>) -> Response {
    if bot != format!("bot{}", fake.token) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    fake.downloads_started.fetch_add(1, Ordering::SeqCst);
    let hold = *lock(&fake.download_hold);
    tokio::time::sleep(hold).await;
    let id = path.trim_start_matches("photos/");
    match lock(&fake.files).get(id) {
        Some(body) => body.clone().into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn method(
    State(fake): State<Arc<Fake>>,
    Path((bot, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    if bot != format!("bot{}", fake.token) {
        return answer(
            StatusCode::UNAUTHORIZED,
            json!({"ok": false, "error_code": 401, "description": "Unauthorized"}),
        );
    }
    // teloxide writes method names capitalised (`SendMessage`); Telegram ignores case.
    let method = method[..1].to_lowercase() + &method[1..];
    let (params, files) = read_params(request).await;
    let failure = {
        let mut failures = lock(&fake.failures);
        failures.iter().position(|(m, _)| *m == method).map(|i| failures.remove(i).1)
    };
    let (mut late, mut bad_gateway) = (None, None);
    let response = match failure {
        Some(Failure::RetryAfter(seconds)) => answer(
            StatusCode::TOO_MANY_REQUESTS,
            json!({"ok": false, "error_code": 429, "description": format!("Too Many Requests: retry after {seconds}"),
                   "parameters": {"retry_after": seconds}}),
        ),
        Some(Failure::ServerError) => answer(
            StatusCode::INTERNAL_SERVER_ERROR,
            json!({"ok": false, "error_code": 500, "description": "Internal Server Error"}),
        ),
        Some(Failure::Refuse(description)) => answer(
            StatusCode::BAD_REQUEST,
            json!({"ok": false, "error_code": 400, "description": description}),
        ),
        Some(Failure::AnswerLate(delay)) => {
            late = Some(delay);
            succeed(&fake, &method, &params).await
        }
        Some(Failure::CarriedOutThenBadGateway) => {
            let carried_out = succeed(&fake, &method, &params).await.status();
            bad_gateway = Some(carried_out);
            answer(
                StatusCode::BAD_GATEWAY,
                json!({"ok": false, "error_code": 502, "description": "Bad Gateway"}),
            )
        }
        None => succeed(&fake, &method, &params).await,
    };
    // The call as the chat sees it: a send carried out counts as made, whatever its answer said.
    let status = bad_gateway.unwrap_or(response.status()).as_u16();
    let call = Call { method, params, files, status, at: std::time::Instant::now() };
    lock(&fake.calls).push(call);
    fake.new_call.notify_waiters();
    if let Some(delay) = late {
        tokio::time::sleep(delay).await;
    }
    response
}

async fn succeed(fake: &Fake, method: &str, params: &serde_json::Map<String, Value>) -> Response {
    match result(fake, method, params).await {
        Ok(result) => answer(StatusCode::OK, json!({"ok": true, "result": result})),
        Err(description) => answer(
            StatusCode::BAD_REQUEST,
            json!({"ok": false, "error_code": 400, "description": description}),
        ),
    }
}

async fn read_params(request: Request) -> (serde_json::Map<String, Value>, Vec<(String, Bytes)>) {
    let is_multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut params = serde_json::Map::new();
    let mut files = Vec::new();
    if is_multipart {
        let Ok(mut multipart) = Multipart::from_request(request, &()).await else { return (params, files) };
        while let Ok(Some(field)) = multipart.next_field().await {
            let name = field.name().unwrap_or_default().to_owned();
            let is_file = field.file_name().is_some();
            let Ok(body) = field.bytes().await else { break };
            if is_file {
                files.push((name, body));
            } else {
                let text = String::from_utf8_lossy(&body).into_owned();
                let json = (text.starts_with(['[', '{']) || text.parse::<i64>().is_ok())
                    .then(|| serde_json::from_str(&text).ok())
                    .flatten();
                params.insert(name, json.unwrap_or(Value::String(text)));
            }
        }
    } else if let Ok(body) = axum::body::to_bytes(request.into_body(), 1 << 20).await
        && let Ok(Value::Object(map)) = serde_json::from_slice(&body)
    {
        params = map;
    }
    (params, files)
}

async fn result(fake: &Fake, method: &str, params: &serde_json::Map<String, Value>) -> Result<Value, String> {
    let chat_id = || params.get("chat_id").and_then(Value::as_i64).unwrap_or(0);
    match method {
        "getMe" => {
            // The bot's id is the token's first part, as Telegram's.
            let id = fake.token.split_once(':').and_then(|(id, _)| id.parse::<u64>().ok()).unwrap_or(1);
            Ok(json!({"id": id, "is_bot": true, "first_name": "Polybot", "username": BOT_USERNAME,
                      "can_join_groups": true, "can_read_all_group_messages": false,
                      "supports_inline_queries": false, "has_main_web_app": false}))
        }
        "setWebhook" | "deleteWebhook" | "setMessageReaction" | "sendChatAction" | "setMyCommands" => {
            Ok(json!(true))
        }
        "getFile" => {
            let id = params.get("file_id").and_then(Value::as_str).unwrap_or_default();
            let size = lock(&fake.files).get(id).map(Bytes::len).ok_or("Bad Request: invalid file_id")?;
            Ok(
                json!({"file_id": id, "file_unique_id": id, "file_size": size, "file_path": format!("photos/{id}")}),
            )
        }
        "sendMessage" | "sendPhoto" | "sendDocument" => Ok(json!({
            "message_id": fake.next_message_id.fetch_add(1, Ordering::Relaxed),
            "date": 1_700_000_000,
            "chat": {"id": chat_id(), "type": "private"},
            "text": "sent",
        })),
        "getUpdates" => {
            // As Telegram: an update is forgotten only once an offset past it is asked for.
            let offset = params.get("offset").and_then(Value::as_i64);
            let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
            loop {
                let notified = fake.new_update.notified();
                {
                    let mut updates = lock(&fake.updates);
                    updates.retain(|u| u["update_id"].as_i64() >= offset);
                    if !updates.is_empty() {
                        return Ok(Value::Array(updates.iter().cloned().collect()));
                    }
                }
                if tokio::time::timeout_at(deadline, notified).await.is_err() {
                    return Ok(json!([]));
                }
            }
        }
        other => Err(format!("Not Found: method {other} is not faked")),
    }
}

/// Update bodies as Telegram sends them, for private chats with user `chat_id`; [`updates::in_group`]
/// and the others that take an update move it to a group, caption it, or make it a reply.
pub mod updates {
    use serde_json::{Value, json};

    fn message(update_id: u32, chat_id: i64, message_id: i32, content: Value) -> Value {
        let mut message = json!({
            "message_id": message_id,
            "date": 1_700_000_000,
            "chat": {"id": chat_id, "type": "private", "first_name": "Ann"},
            "from": {"id": chat_id, "is_bot": false, "first_name": "Ann"},
        });
        if let (Some(message), Value::Object(content)) = (message.as_object_mut(), content) {
            message.extend(content);
        }
        json!({"update_id": update_id, "message": message})
    }

    /// A text message.
    pub fn text(update_id: u32, chat_id: i64, message_id: i32, text: &str) -> Value {
        message(update_id, chat_id, message_id, json!({"text": text}))
    }

    /// A photo message whose largest size is `file_id` of `size` bytes (Telegram adds smaller sizes).
    pub fn photo(update_id: u32, chat_id: i64, message_id: i32, file_id: &str, size: usize) -> Value {
        let photo = json!([
            {"file_id": "thumbnail", "file_unique_id": "t", "file_size": 1000, "width": 90, "height": 60},
            {"file_id": file_id, "file_unique_id": file_id, "file_size": size, "width": 1280, "height": 720},
        ]);
        message(update_id, chat_id, message_id, json!({"photo": photo}))
    }

    /// A video of `file_id`, `size` bytes, as Telegram sends each kind (`video`, `video_note` or `animation`, which
    /// comes with a `document` too), MP4.
    pub fn video(
        update_id: u32,
        chat_id: i64,
        message_id: i32,
        kind: &str,
        file_id: &str,
        size: usize,
    ) -> Value {
        let file = json!({"file_id": file_id, "file_unique_id": file_id, "file_size": size, "duration": 4});
        let mut media = file.clone();
        let extra = match kind {
            "video_note" => json!({"length": 240}),
            _ => json!({"width": 640, "height": 480, "mime_type": "video/mp4", "file_name": "clip.mp4"}),
        };
        if let (Some(media), Value::Object(extra)) = (media.as_object_mut(), extra) {
            media.extend(extra);
        }
        let content = match kind {
            "animation" => json!({"animation": media.clone(), "document": media}),
            _ => json!({ kind: media }),
        };
        message(update_id, chat_id, message_id, content)
    }

    /// A document message.
    pub fn document(
        update_id: u32,
        chat_id: i64,
        message_id: i32,
        file_id: &str,
        size: usize,
        mime: &str,
    ) -> Value {
        let document = json!({"file_id": file_id, "file_unique_id": file_id, "file_size": size,
                              "mime_type": mime, "file_name": "picture"});
        message(update_id, chat_id, message_id, json!({"document": document}))
    }

    /// `update` as sent in group `group_id` (a supergroup, as Telegram makes groups with a bot).
    pub fn in_group(mut update: Value, group_id: i64) -> Value {
        update["message"]["chat"] = json!({"id": group_id, "type": "supergroup", "title": "Family"});
        update
    }

    /// `update` with `caption` on its photo or document.
    pub fn captioned(mut update: Value, caption: &str) -> Value {
        update["message"]["caption"] = json!(caption);
        update
    }

    /// `update` from a user whose Telegram app is in `language_code` (`ru`, `pt-br`).
    pub fn speaking(mut update: Value, language_code: &str) -> Value {
        update["message"]["from"]["language_code"] = json!(language_code);
        update
    }

    /// `update` as a reply to message `message_id`, sent by user `from` (a bot when `is_bot`).
    pub fn replying_to(mut update: Value, message_id: i32, from: u64, is_bot: bool) -> Value {
        let chat = update["message"]["chat"].clone();
        update["message"]["reply_to_message"] = json!({
            "message_id": message_id, "date": 1_700_000_000, "chat": chat,
            "from": {"id": from, "is_bot": is_bot, "first_name": if is_bot { "Polybot" } else { "Bob" }},
            "text": "an earlier message"});
        update
    }

    /// A sticker message.
    pub fn sticker(update_id: u32, chat_id: i64, message_id: i32) -> Value {
        let sticker = json!({"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512,
                             "height": 512, "is_animated": false, "is_video": false});
        message(update_id, chat_id, message_id, json!({"sticker": sticker}))
    }

    /// A voice message.
    pub fn voice(update_id: u32, chat_id: i64, message_id: i32) -> Value {
        message(
            update_id,
            chat_id,
            message_id,
            json!({"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3, "mime_type": "audio/ogg", "file_size": 4000}}),
        )
    }

    /// An edited text message.
    pub fn edited(update_id: u32, chat_id: i64, message_id: i32) -> Value {
        json!({"update_id": update_id, "edited_message": {
            "message_id": message_id, "date": 1_700_000_000, "edit_date": 1_700_000_060,
            "chat": {"id": chat_id, "type": "private"}, "text": "edited"}})
    }

    /// A channel post.
    pub fn channel_post(update_id: u32) -> Value {
        json!({"update_id": update_id, "channel_post": {
            "message_id": 1, "date": 1_700_000_000, "chat": {"id": -100_123, "type": "channel", "title": "c"},
            "text": "post"}})
    }

    /// A callback query (a button press).
    pub fn callback_query(update_id: u32, chat_id: i64) -> Value {
        json!({"update_id": update_id, "callback_query": {
            "id": "cb", "chat_instance": "ci", "data": "x",
            "from": {"id": chat_id, "is_bot": false, "first_name": "Ann"}}})
    }

    /// The bot was blocked or unblocked by a user.
    pub fn my_chat_member(update_id: u32, chat_id: i64) -> Value {
        let user = json!({"id": chat_id, "is_bot": false, "first_name": "Ann"});
        let bot = json!({"id": 1, "is_bot": true, "first_name": "Polybot"});
        json!({"update_id": update_id, "my_chat_member": {
            "chat": {"id": chat_id, "type": "private"}, "from": user, "date": 1_700_000_000,
            "old_chat_member": {"status": "member", "user": bot},
            "new_chat_member": {"status": "kicked", "user": bot, "until_date": 0}}})
    }
}
