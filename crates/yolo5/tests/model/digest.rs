//! The committed model and sample photos are the files their READMEs name: each README holds one
//! `SHA256 (FILE) = HEX` line per file (the BSD tag format, which `sha256sum --check` also reads).

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::repository;

/// The `SHA256 (FILE) = HEX` lines of a README, as (file, hex).
fn listed_digests(readme: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(readme).unwrap_or_else(|e| panic!("{}: {e}", readme.display()));
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("SHA256 ("))
        .filter_map(|rest| rest.split_once(") = "))
        .map(|(file, hex)| (file.to_owned(), hex.trim().to_owned()))
        .collect()
}

fn sha256_hex(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Every file `folder/README.md` lists has the digest it gives, and `expected` are among them.
fn assert_digests(folder: &str, expected: &[&str]) {
    let path = repository().join(folder);
    let listed = listed_digests(&path.join("README.md"));
    let names: Vec<&str> = listed.iter().map(|(file, _)| file.as_str()).collect();
    for name in expected {
        assert!(names.contains(name), "{folder}/README.md gives no SHA256 ({name}) line: {names:?}");
    }
    for (file, hex) in &listed {
        assert_eq!(&sha256_hex(&path.join(file)), hex, "{folder}/{file} is not the file README.md names");
    }
}

#[test]
fn committed_model_has_the_digest_models_readme_gives() {
    assert_digests("models", &["yolov5n.torchscript"]);
}

#[test]
fn sample_photos_have_the_digests_their_readme_gives() {
    assert_digests("tests/samples", &["bus.jpg", "zidane.jpg", "clip.mp4"]);
}
