//! The TorchScript YOLOv5 model, loaded once and run without gradients.

use std::{
    fs::File,
    io::Read,
    path::{Path, PathBuf},
};

use tch::{CModule, Device, IValue, Kind, Tensor};

/// The numbers per candidate box in the output: cx, cy, w, h, objectness, then one score per class.
pub const OUTPUTS_PER_CLASSLESS_BOX: i64 = 5;

/// Why the model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file is missing or is not a TorchScript module.
    #[error("could not load the model {path}: {source}")]
    Load {
        /// The model file.
        path: PathBuf,
        /// What libtorch said.
        source: tch::TchError,
    },
    /// The forward pass failed, e.g. for an input of the wrong size.
    #[error("the forward pass failed: {0}")]
    Forward(#[from] tch::TchError),
    /// The file carries no usable `extra/config.txt` (YOLOv5's export writes one with the input shape and
    /// the class names).
    #[error("the model {path} has no YOLOv5 metadata: {message}")]
    Metadata {
        /// The model file.
        path: PathBuf,
        /// What is missing.
        message: String,
    },
    /// The model's output is not YOLOv5's `[N, boxes, 5 + classes]` tensor.
    #[error("unexpected model output: {0}")]
    Output(String),
}

/// A YOLOv5 TorchScript module on one device, in evaluation mode.
#[derive(Debug)]
pub struct Model {
    module: CModule,
    device: Device,
    input_size: u32,
    names: Vec<String>,
}

impl Model {
    /// Loads the module at `path` onto `device`.
    pub fn load(path: &Path, device: Device) -> Result<Self, ModelError> {
        let mut module = CModule::load_on_device(path, device)
            .map_err(|source| ModelError::Load { path: path.to_owned(), source })?;
        module.set_eval();
        let (input_size, names) =
            read_metadata(path).map_err(|message| ModelError::Metadata { path: path.to_owned(), message })?;
        Ok(Self { module, device, input_size, names })
    }

    /// The device the module runs on.
    pub fn device(&self) -> Device {
        self.device
    }

    /// The side of the square input the model was traced at.
    pub fn input_size(&self) -> u32 {
        self.input_size
    }

    /// The class names, by class index.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Runs a batch `[N, 3, H, W]` of RGB images scaled to 0..1 and returns the candidate boxes
    /// `[N, boxes, 5 + classes]`, before non-maximum suppression.
    pub fn forward(&self, batch: &Tensor) -> Result<Tensor, ModelError> {
        let batch = batch.to_device(self.device).to_kind(Kind::Float);
        let output = tch::no_grad(|| self.module.forward_is(&[IValue::Tensor(batch)]))?;
        // An export returns the boxes alone or a tuple whose first element they are.
        let boxes = match output {
            IValue::Tensor(boxes) => boxes,
            IValue::Tuple(mut items) | IValue::GenericList(mut items) if !items.is_empty() => {
                match items.swap_remove(0) {
                    IValue::Tensor(boxes) => boxes,
                    other => return Err(ModelError::Output(format!("first element is {other:?}"))),
                }
            }
            other => return Err(ModelError::Output(format!("{other:?}"))),
        };
        match boxes.size().as_slice() {
            [_, _, outputs] if *outputs > OUTPUTS_PER_CLASSLESS_BOX => Ok(boxes),
            shape => Err(ModelError::Output(format!("boxes of shape {shape:?}"))),
        }
    }
}

/// The input side and the class names from the export's `<name>/extra/config.txt`, e.g.
/// `{"shape": [1, 3, 640, 640], "stride": 32, "names": {"0": "person", ...}}`.
fn read_metadata(path: &Path) -> Result<(u32, Vec<String>), String> {
    let file = File::open(path).map_err(|error| error.to_string())?;
    let mut archive = zip::ZipArchive::new(file).map_err(|error| error.to_string())?;
    let name = archive
        .file_names()
        .filter_map(Result::ok)
        .find(|name| name.ends_with("/extra/config.txt"))
        .map(std::borrow::Cow::into_owned)
        .ok_or("no extra/config.txt")?;
    let mut text = String::new();
    archive
        .by_name(&name)
        .map_err(|error| error.to_string())?
        .read_to_string(&mut text)
        .map_err(|error| error.to_string())?;
    parse_metadata(&text)
}

fn parse_metadata(text: &str) -> Result<(u32, Vec<String>), String> {
    let config: serde_json::Value = serde_json::from_str(text).map_err(|error| error.to_string())?;
    let side = |i: usize| config["shape"][i].as_u64().and_then(|side| u32::try_from(side).ok());
    let input_size = match (side(2), side(3)) {
        (Some(h), Some(w)) if h == w && h > 0 => h,
        _ => return Err(format!("the input shape {} is not a square", config["shape"])),
    };
    let names = config["names"].as_object().ok_or("no class names")?;
    (0..names.len())
        .map(|i| names.get(&i.to_string()).and_then(|name| name.as_str()).map(str::to_owned))
        .collect::<Option<Vec<_>>>()
        .map(|names| (input_size, names))
        .ok_or_else(|| "class names are not numbered 0..n".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_gives_the_input_side_and_names_in_order() {
        let text = r#"{"shape": [1, 3, 320, 320], "stride": 32, "names": {"1": "b", "0": "a", "2": "c"}}"#;
        assert_eq!(parse_metadata(text), Ok((320, vec!["a".into(), "b".into(), "c".into()])));
    }

    #[test]
    fn metadata_refuses_rectangles_and_gaps() {
        let rect = r#"{"shape": [1, 3, 640, 480], "names": {"0": "a"}}"#;
        assert!(parse_metadata(rect).expect_err("rectangle").contains("square"));
        let gap = r#"{"shape": [1, 3, 64, 64], "names": {"0": "a", "2": "c"}}"#;
        assert!(parse_metadata(gap).is_err());
    }
}
