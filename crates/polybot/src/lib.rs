//! The Telegram bot service (the polybot issue). It will use `common` for its queue, store and table.
