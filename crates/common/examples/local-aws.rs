//! `make moto`: starts moto on a free port with the resources the services expect, prints the
//! settings that point the services at it, and runs until Ctrl-C.

#![allow(clippy::print_stdout)] // This is a command-line tool; its output is the settings.

use common::testing::{MotoServer, Options};

#[tokio::main]
async fn main() {
    let moto = MotoServer::start();
    let resources = moto.provision("polybot", Options::default()).await;
    println!("# moto is running; these settings point the services at it:");
    for (name, value) in moto.env().into_iter().chain(resources.env()) {
        println!("export {name}={value}");
    }
    println!("# Ctrl-C stops it.");
    common::shutdown::signal().await;
}
