//! The app's Tauri commands, by domain. Each is `pub async fn` with `#[tauri::command]` and
//! `#[specta::specta]`, returning `CmdResult<T>`: thin, it validates input, calls the core and
//! maps errors to `CommandError` (its generated TypeScript function then throws CommandErrors).
//! Each calls one core function through `on_store` (or `blocking`), which runs it on a thread for
//! blocking work, never on the async runtime or the main
//! (UI) thread, so Argon2 and opening SQLCipher do not freeze the window.
//!
//! `build.rs` finds the commands in these files; nothing else lists them (see there).

pub mod about;
pub mod actions;
pub mod app;
pub mod audit;
pub mod board;
pub mod cases;
pub mod handover;
pub mod intake;
pub mod lock;
pub mod meetings;
pub mod minutes;
pub mod retention;
pub mod screen;
pub mod stats;
pub mod update;
