//! Records libtorch's folder as the binaries' rpath, so they run without `LD_LIBRARY_PATH`.
//!
//! torch-sys links against `$LIBTORCH/lib` but leaves finding it at run time to the loader.
//! The path is made canonical because libtorch finds its CUDA runtime through
//! `$ORIGIN/../../nvidia/...`, which only holds for the real folder of the torch wheel.

use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    let Some(libtorch) = env::var_os("LIBTORCH").map(PathBuf::from) else {
        // torch-sys fails the build with its own explanation.
        return;
    };
    let lib = fs::canonicalize(libtorch.join("lib")).unwrap_or_else(|_| libtorch.join("lib"));
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib.display());
}
