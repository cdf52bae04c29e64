//! What a user may ask with a photo: the caption `/detect dog cat`, `dogs and cats`, `/detect person conf 0.5`
//! or `person >50%` narrows the answer to those classes and to detections at least that confident.
//!
//! The bot reads the caption ([`Question::parse`]) and puts the question in the job; the worker keeps the
//! detections it asks for ([`Question::keeps`]) and copies it into the prediction, from which the bot words the
//! answer in the user's language (`polybot::words`: "I found 2 dogs; no cat"). Class names are COCO's, which every YOLOv5 model
//! this project exports is trained on ([`COCO_CLASSES`]), with their plurals ("dogs", "people", "wine glasses").

use serde::{Deserialize, Serialize};

/// The 80 COCO classes, by class index, as YOLOv5's models name them.
pub const COCO_CLASSES: [&str; 80] = [
    "person",
    "bicycle",
    "car",
    "motorcycle",
    "airplane",
    "bus",
    "train",
    "truck",
    "boat",
    "traffic light",
    "fire hydrant",
    "stop sign",
    "parking meter",
    "bench",
    "bird",
    "cat",
    "dog",
    "horse",
    "sheep",
    "cow",
    "elephant",
    "bear",
    "zebra",
    "giraffe",
    "backpack",
    "umbrella",
    "handbag",
    "tie",
    "suitcase",
    "frisbee",
    "skis",
    "snowboard",
    "sports ball",
    "kite",
    "baseball bat",
    "baseball glove",
    "skateboard",
    "surfboard",
    "tennis racket",
    "bottle",
    "wine glass",
    "cup",
    "fork",
    "knife",
    "spoon",
    "bowl",
    "banana",
    "apple",
    "sandwich",
    "orange",
    "broccoli",
    "carrot",
    "hot dog",
    "pizza",
    "donut",
    "cake",
    "chair",
    "couch",
    "potted plant",
    "bed",
    "dining table",
    "toilet",
    "tv",
    "laptop",
    "mouse",
    "remote",
    "keyboard",
    "cell phone",
    "microwave",
    "oven",
    "toaster",
    "sink",
    "refrigerator",
    "book",
    "clock",
    "vase",
    "scissors",
    "teddy bear",
    "hair drier",
    "toothbrush",
];

/// Words a question may hold between class names.
const JOINING_WORDS: [&str; 4] = ["and", "or", "&", "+"];

/// What a caption asks: only these classes (none: every class), only detections at least this confident.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// COCO class names, each once, in the order asked; empty: every class.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
    /// The least confidence a detection must have, 0..=1; it only raises the worker's own threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

/// A caption that asks for something the bot cannot look for.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum QuestionError {
    /// Words that are no class name; `closest` holds the nearest names, nearest first.
    #[error("unknown class names {words:?}")]
    Unknown {
        /// The words as the user wrote them.
        words: Vec<String>,
        /// The class names nearest to the first of them.
        closest: Vec<&'static str>,
    },
    /// A confidence outside 0..=1 (or 0 %..=100 %).
    #[error("confidence {0} is not between 0 and 1")]
    Confidence(String),
}

impl Question {
    /// Reads what follows `/detect` in a caption, or a whole caption when `strict` is false.
    ///
    /// `Ok(None)` when the words ask nothing: none are left, or (not `strict`) some of them name no class, as in
    /// "our holiday", a caption people write for each other. With `strict` (after `/detect`), a word that names
    /// no class is an error that lists the closest names. Mentions (`@name`) are left out.
    pub fn parse(words: &str, strict: bool) -> Result<Option<Self>, QuestionError> {
        let lower = words.to_lowercase();
        let tokens: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|token| !token.is_empty() && !token.starts_with('@') && !JOINING_WORDS.contains(token))
            .collect();
        let mut question = Self::default();
        let mut unknown = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            let token = tokens[at];
            // `conf 0.5`, `conf=0.5`, `confidence 50%`, `>50%`, `>0.5`.
            let number = match token.split_once('=') {
                Some(("conf" | "confidence", value)) => Some(value),
                _ if matches!(token, "conf" | "confidence") => {
                    at += 1;
                    Some(tokens.get(at).copied().unwrap_or(""))
                }
                _ => token.strip_prefix(">=").or_else(|| token.strip_prefix('>')),
            };
            if let Some(number) = number {
                question.confidence = Some(confidence(number)?);
                at += 1;
                continue;
            }
            // A class of two words first ("traffic light"), then of one.
            let pair = tokens.get(at + 1).map(|next| format!("{token} {next}"));
            if let Some(class) = pair.as_deref().and_then(class_named) {
                question.ask(class);
                at += 2;
            } else if let Some(class) = class_named(token) {
                question.ask(class);
                at += 1;
            } else {
                unknown.push(token.to_owned());
                at += 1;
            }
        }
        match (unknown.first(), strict) {
            (Some(first), true) => Err(QuestionError::Unknown { closest: closest(first), words: unknown }),
            (Some(_), false) => Ok(None),
            (None, _) if question == Self::default() => Ok(None),
            (None, _) => Ok(Some(question)),
        }
    }

    fn ask(&mut self, class: &str) {
        if !self.classes.iter().any(|asked| asked == class) {
            self.classes.push(class.to_owned());
        }
    }

    /// Whether the answer keeps a detection of `class` at `confidence`.
    pub fn keeps(&self, class: &str, confidence: f32) -> bool {
        (self.classes.is_empty() || self.classes.iter().any(|asked| asked == class))
            && self.confidence.is_none_or(|least| confidence >= least)
    }
}

/// The COCO class `word` names, as the class is spelled or in its plural.
fn class_named(word: &str) -> Option<&'static str> {
    COCO_CLASSES.iter().copied().find(|class| *class == word || plural(class) == word)
}

/// English plurals of the class names: the last word's.
fn plural(class: &str) -> String {
    let (head, last) = class.rsplit_once(' ').map_or(("", class), |(head, last)| (head, last));
    let last = match last {
        "person" => "people".to_owned(),
        "mouse" => "mice".to_owned(),
        "knife" => "knives".to_owned(),
        "sheep" | "skis" | "scissors" | "broccoli" => last.to_owned(),
        _ if ["s", "x", "ch", "sh"].iter().any(|end| last.ends_with(end)) => format!("{last}es"),
        _ => format!("{last}s"),
    };
    if head.is_empty() { last } else { format!("{head} {last}") }
}

/// A confidence as a fraction (`0.5`) or a percentage (`50%`).
fn confidence(said: &str) -> Result<f32, QuestionError> {
    let refused = || QuestionError::Confidence(said.to_owned());
    let (number, scale) = match said.strip_suffix('%') {
        Some(percent) => (percent, 100.0),
        None => (said, 1.0),
    };
    let value = number.parse::<f32>().map_err(|_| refused())? / scale;
    (0.0..=1.0).contains(&value).then_some(value).ok_or_else(refused)
}

/// At most three class names near `word`, nearest first: a few edits away (a letter wrong, missing, extra, or
/// two swapped), more for longer words.
fn closest(word: &str) -> Vec<&'static str> {
    let near = (word.chars().count() / 3).max(2);
    let mut names: Vec<(usize, &'static str)> = COCO_CLASSES
        .iter()
        .map(|class| (strsim::damerau_levenshtein(word, class), *class))
        .filter(|&(distance, _)| distance <= near)
        .collect();
    names.sort_by_key(|&(distance, _)| distance);
    names.into_iter().take(3).map(|(_, class)| class).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(words: &str) -> Question {
        Question::parse(words, true).expect("a question").expect("asks something")
    }

    #[test]
    fn class_names_their_plurals_and_two_word_names_are_read() {
        assert_eq!(asked("dog cat").classes, ["dog", "cat"]);
        assert_eq!(asked("Dogs, cats and PEOPLE").classes, ["dog", "cat", "person"]);
        assert_eq!(asked("traffic lights & wine glasses").classes, ["traffic light", "wine glass"]);
        assert_eq!(
            asked("buses knives mice sheep benches").classes,
            ["bus", "knife", "mouse", "sheep", "bench"]
        );
        assert_eq!(asked("dog dogs").classes, ["dog"], "each class once");
        assert_eq!(asked("hot dog").classes, ["hot dog"], "the two-word name first");
    }

    #[test]
    fn every_class_is_found_by_its_name_and_its_plural() {
        for class in COCO_CLASSES {
            assert_eq!(asked(class).classes, [class]);
            assert_eq!(asked(&plural(class)).classes, [class], "{}", plural(class));
        }
    }

    #[test]
    fn a_confidence_is_a_fraction_or_a_percentage() {
        for words in
            ["person conf 0.5", "person conf=0.5", "person >50%", "person >0.5", "person confidence 50%"]
        {
            let question = asked(words);
            assert_eq!(
                (question.classes.as_slice(), question.confidence),
                (&["person".to_owned()][..], Some(0.5))
            );
        }
        assert_eq!(asked(">70%"), Question { classes: vec![], confidence: Some(0.7) }, "a confidence alone");
        for refused in ["conf 2", ">150%", "conf", "conf x", ">-1"] {
            assert!(matches!(Question::parse(refused, true), Err(QuestionError::Confidence(_))), "{refused}");
        }
    }

    #[test]
    fn after_detect_an_unknown_name_is_an_error_with_the_closest_names() {
        let error = Question::parse("dgo cat", true).unwrap_err();
        assert_eq!(error, QuestionError::Unknown { words: vec!["dgo".into()], closest: vec!["dog"] });
        let error = Question::parse("persn cart", true).unwrap_err();
        assert_eq!(
            error,
            QuestionError::Unknown { words: vec!["persn".into(), "cart".into()], closest: vec!["person"] }
        );
        let error = Question::parse("cellphone", true).unwrap_err();
        assert!(
            matches!(&error, QuestionError::Unknown { closest, .. } if closest[0] == "cell phone"),
            "{error:?}"
        );
        let error = Question::parse("xylophone", true).unwrap_err();
        assert_eq!(error, QuestionError::Unknown { words: vec!["xylophone".into()], closest: vec![] });
    }

    #[test]
    fn a_caption_that_is_not_a_question_asks_nothing() {
        for caption in ["our holiday", "my dog in the park", "", "  ", "@polybot_bot", "and"] {
            assert_eq!(Question::parse(caption, false), Ok(None), "{caption:?}");
        }
        assert_eq!(Question::parse("", true), Ok(None), "/detect alone asks for everything");
        assert_eq!(Question::parse("@polybot_bot dogs", false).unwrap().unwrap().classes, ["dog"]);
    }

    #[test]
    fn detections_are_kept_by_class_and_confidence() {
        let question = asked("dog cat conf 0.5");
        assert!(question.keeps("dog", 0.5) && question.keeps("cat", 0.9));
        assert!(!question.keeps("dog", 0.49) && !question.keeps("person", 0.9));
        assert!(Question::default().keeps("person", 0.26));
    }

    #[test]
    fn a_question_travels_as_json_and_an_empty_one_as_nothing() {
        let question = asked("dog conf 0.5");
        let json = serde_json::to_string(&question).unwrap();
        assert_eq!(json, r#"{"classes":["dog"],"confidence":0.5}"#);
        assert_eq!(serde_json::from_str::<Question>(&json).unwrap(), question);
        assert_eq!(serde_json::from_str::<Question>("{}").unwrap(), Question::default());
    }
}
