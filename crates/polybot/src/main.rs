//! `polybot`: the Telegram bot service arrives with the polybot issue.

fn main() -> std::process::ExitCode {
    eprintln!("polybot is not built yet: it arrives with the polybot issue");
    std::process::ExitCode::FAILURE
}
