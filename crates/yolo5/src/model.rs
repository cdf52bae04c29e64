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
    /// Rectangles were asked for, and the model takes only the square it was traced at.
    #[error(
        "the model {path} takes only the {size}×{size} input it was traced at; rectangles (--letterbox rect) need one \
         that takes any size, as tools/export-model makes"
    )]
    FixedSize {
        /// The model file.
        path: PathBuf,
        /// The side of its square.
        size: u32,
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
    /// What its weights and inputs are in: float32, or bfloat16 ([`Model::computing_in`]).
    kind: Kind,
    input_size: u32,
    stride: u32,
    names: Vec<String>,
}

impl Model {
    /// Loads the module at `path` onto `device`.
    pub fn load(path: &Path, device: Device) -> Result<Self, ModelError> {
        let mut module = CModule::load_on_device(path, device)
            .map_err(|source| ModelError::Load { path: path.to_owned(), source })?;
        module.set_eval();
        let Metadata { input_size, stride, names } =
            read_metadata(path).map_err(|message| ModelError::Metadata { path: path.to_owned(), message })?;
        Ok(Self { module, device, kind: Kind::Float, input_size, stride, names })
    }

    /// The same model with its weights, and the inputs it is given, in `kind` (the module is converted once,
    /// here); its output is float32 whatever `kind` is, so what follows (NMS, boxes) stays in float32.
    pub fn computing_in(mut self, kind: Kind) -> Self {
        if kind != self.kind {
            self.module.to(self.device, kind, false);
            self.kind = kind;
        }
        self
    }

    /// What its weights and inputs are in.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The device the module runs on.
    pub fn device(&self) -> Device {
        self.device
    }

    /// The side of the square input the model was traced at.
    pub fn input_size(&self) -> u32 {
        self.input_size
    }

    /// The largest stride of its feature maps: an input's sides must be multiples of it.
    pub fn stride(&self) -> u32 {
        self.stride
    }

    /// Whether the module takes inputs other than the square it was traced at, as an export by
    /// `tools/export_torchscript.py` does; YOLOv5's own export fails on any other size. Tried on an
    /// input of 2 × 1 strides.
    pub fn takes_any_size(&self) -> bool {
        let stride = i64::from(self.stride);
        self.forward(&Tensor::zeros([1, 3, stride, 2 * stride], (Kind::Float, self.device))).is_ok()
    }

    /// The class names, by class index.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Runs a batch `[N, 3, H, W]` of RGB images scaled to 0..1 and returns the candidate boxes
    /// `[N, boxes, 5 + classes]`, before non-maximum suppression.
    pub fn forward(&self, batch: &Tensor) -> Result<Tensor, ModelError> {
        let batch = batch.to_device(self.device).to_kind(self.kind);
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
            [_, _, outputs] if *outputs > OUTPUTS_PER_CLASSLESS_BOX => Ok(boxes.to_kind(Kind::Float)),
            shape => Err(ModelError::Output(format!("boxes of shape {shape:?}"))),
        }
    }
}

/// What the export's `<name>/extra/config.txt` says, e.g.
/// `{"shape": [1, 3, 640, 640], "stride": 32, "names": {"0": "person", ...}}`.
#[derive(Debug, PartialEq)]
struct Metadata {
    input_size: u32,
    stride: u32,
    names: Vec<String>,
}

fn read_metadata(path: &Path) -> Result<Metadata, String> {
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

fn parse_metadata(text: &str) -> Result<Metadata, String> {
    let config: serde_json::Value = serde_json::from_str(text).map_err(|error| error.to_string())?;
    let side = |i: usize| config["shape"][i].as_u64().and_then(|side| u32::try_from(side).ok());
    let input_size = match (side(2), side(3)) {
        (Some(h), Some(w)) if h == w && h > 0 => h,
        _ => return Err(format!("the input shape {} is not a square", config["shape"])),
    };
    let stride = config["stride"]
        .as_u64()
        .and_then(|stride| u32::try_from(stride).ok())
        .filter(|&stride| stride > 0 && input_size.is_multiple_of(stride))
        .ok_or_else(|| format!("the stride {} does not divide the input side", config["stride"]))?;
    let names = config["names"].as_object().ok_or("no class names")?;
    (0..names.len())
        .map(|i| names.get(&i.to_string()).and_then(|name| name.as_str()).map(str::to_owned))
        .collect::<Option<Vec<_>>>()
        .map(|names| Metadata { input_size, stride, names })
        .ok_or_else(|| "class names are not numbered 0..n".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_gives_the_input_side_stride_and_names_in_order() {
        let text = r#"{"shape": [1, 3, 320, 320], "stride": 32, "names": {"1": "b", "0": "a", "2": "c"}}"#;
        let names = vec!["a".into(), "b".into(), "c".into()];
        assert_eq!(parse_metadata(text), Ok(Metadata { input_size: 320, stride: 32, names }));
    }

    #[test]
    fn metadata_refuses_rectangles_and_gaps() {
        let rect = r#"{"shape": [1, 3, 640, 480], "stride": 32, "names": {"0": "a"}}"#;
        assert!(parse_metadata(rect).expect_err("rectangle").contains("square"));
        let gap = r#"{"shape": [1, 3, 64, 64], "stride": 32, "names": {"0": "a", "2": "c"}}"#;
        assert!(parse_metadata(gap).expect_err("gap").contains("numbered"));
        let stride = r#"{"shape": [1, 3, 64, 64], "stride": 48, "names": {"0": "a"}}"#;
        assert!(parse_metadata(stride).expect_err("stride").contains("stride"));
        let no_stride = r#"{"shape": [1, 3, 64, 64], "names": {"0": "a"}}"#;
        assert!(parse_metadata(no_stride).is_err());
    }
}
