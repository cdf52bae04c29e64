//! What the bot says, in its user's language: one Project Fluent file per language in `locales/` (`en.ftl` the
//! reference every other follows), compiled into the binary.
//!
//! The language is the one Telegram gives with each update (`from.language_code`, the user's app language),
//! negotiated down to one the bot speaks ([`for_user`]), English where it speaks none of them. The bot answers a
//! message in its sender's language; a photo's job carries the language ([`common::schema::Job::language`]) into
//! its prediction, so that the answer from the worker's callback is in it too. Plural forms follow each language's
//! CLDR rules (Fluent's selectors on `$count`); each class name is a message whose value counts it ("3 people") and
//! whose attributes name it (`.name`) and say none was found (`.none`, "no cat").
//!
//! Captions ask for classes by their English (COCO) names ([`common::question`]), which `/classes` lists with the
//! user's words beside them. The annotated image's labels stay English: they are the names captions use, the
//! picture is shared in groups whose members speak different languages, and right-to-left labels would need a text
//! shaper and fonts for Arabic and Hebrew in the worker.
//!
//! Another language is a copy of `en.ftl` translated, and a line in [`LOCALES`]: the tests check that it has every
//! message and attribute, uses no variable the code does not pass, and formats at every plural category.

use std::sync::LazyLock;

use common::{
    question::{COCO_CLASSES, Question, QuestionError},
    schema::{Clip, Failure, class_counts},
};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

/// The languages the bot speaks, each with its Fluent file: English first, the answer to every other language.
const LOCALES: [(&str, &str); 7] = [
    ("en", include_str!("../locales/en.ftl")),
    ("ar", include_str!("../locales/ar.ftl")),
    ("de", include_str!("../locales/de.ftl")),
    ("es", include_str!("../locales/es.ftl")),
    ("fr", include_str!("../locales/fr.ftl")),
    ("he", include_str!("../locales/he.ftl")),
    ("ru", include_str!("../locales/ru.ftl")),
];

/// The languages written right to left: their variables (numbers, English names) are isolated (U+2068…U+2069) so
/// that they keep their place in the sentence; left-to-right sentences need no marks.
const RIGHT_TO_LEFT: [&str; 2] = ["ar", "he"];

static LANGUAGES: LazyLock<Vec<Words>> =
    LazyLock::new(|| LOCALES.iter().map(|&(tag, text)| Words::read(tag, text)).collect());

/// A message without variables of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// `/start` and `/help`.
    Help,
    /// `/detect` sent as text, without a photo.
    DetectNeedsAPhoto,
    /// Plain text in a private chat.
    SendAPhoto,
    /// Stickers, voice, documents and other messages that are neither images nor videos.
    OnlyPhotos,
    /// An image file in a format the worker cannot read.
    UnsupportedImage,
    /// A file over the Bot API's download limit.
    TooLarge,
    /// A video over the Bot API's download limit.
    VideoTooLarge,
    /// A video file in a format the worker cannot read.
    UnsupportedVideo,
    /// A photo taken, acknowledged with a message.
    Accepted,
    /// Taking the photo failed.
    TryAgain,
}

impl Text {
    /// Every one of them.
    pub const ALL: [Self; 10] = [
        Self::Help,
        Self::DetectNeedsAPhoto,
        Self::SendAPhoto,
        Self::OnlyPhotos,
        Self::UnsupportedImage,
        Self::TooLarge,
        Self::VideoTooLarge,
        Self::UnsupportedVideo,
        Self::Accepted,
        Self::TryAgain,
    ];

    fn id(self) -> &'static str {
        match self {
            Self::Help => "help",
            Self::DetectNeedsAPhoto => "detect-needs-a-photo",
            Self::SendAPhoto => "send-a-photo",
            Self::OnlyPhotos => "only-photos",
            Self::UnsupportedImage => "unsupported-image",
            Self::TooLarge => "too-large",
            Self::VideoTooLarge => "video-too-large",
            Self::UnsupportedVideo => "unsupported-video",
            Self::Accepted => "accepted",
            Self::TryAgain => "try-again",
        }
    }
}

/// The bot's words in one language.
pub struct Words {
    tag: &'static str,
    language: LanguageIdentifier,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words").field("tag", &self.tag).finish_non_exhaustive()
    }
}

impl PartialEq for Words {
    fn eq(&self, other: &Self) -> bool {
        self.tag == other.tag
    }
}

impl AsRef<LanguageIdentifier> for Words {
    fn as_ref(&self) -> &LanguageIdentifier {
        &self.language
    }
}

/// Every language the bot speaks, English first.
pub fn languages() -> &'static [Words] {
    &LANGUAGES
}

/// The English words, the answer to a language the bot does not speak.
pub fn english() -> &'static Words {
    &LANGUAGES[0]
}

/// The words for a user whose Telegram language is `language_code` (an IETF tag: `ru`, `pt-br`, `zh-hans`): the
/// language the bot speaks that matches it best, else English.
pub fn for_user(language_code: Option<&str>) -> &'static Words {
    let Some(requested) = language_code.and_then(|code| code.parse::<LanguageIdentifier>().ok()) else {
        return english();
    };
    let chosen = negotiate_languages(&[requested], languages(), Some(english()), NegotiationStrategy::Lookup);
    chosen.first().copied().unwrap_or_else(english)
}

/// The variables of a message, by name.
type Args<'a> = FluentArgs<'a>;

fn args<'a>(pairs: impl IntoIterator<Item = (&'a str, FluentValue<'a>)>) -> Args<'a> {
    pairs.into_iter().collect()
}

impl Words {
    fn read(tag: &'static str, text: &'static str) -> Self {
        let language: LanguageIdentifier = tag.parse().expect("the locales' tags are language identifiers");
        let resource = FluentResource::try_new(text.to_owned())
            .unwrap_or_else(|(_, errors)| panic!("locales/{tag}.ftl does not parse: {errors:?}"));
        let mut bundle = FluentBundle::new_concurrent(vec![language.clone()]);
        bundle.set_use_isolating(RIGHT_TO_LEFT.contains(&tag));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("locales/{tag}.ftl repeats messages: {errors:?}"));
        Self { tag, language, bundle }
    }

    /// The language's tag (`ru`), as a job carries it.
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// The message `id` (or its `attribute`) with `args`; `None` when this language lacks it.
    fn try_say(&self, id: &str, attribute: Option<&str>, args: &Args<'_>) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = match attribute {
            None => message.value()?,
            Some(name) => message.get_attribute(name)?.value(),
        };
        let mut errors = Vec::new();
        let said = self.bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
        if !errors.is_empty() {
            tracing::warn!(
                message = "One of the bot's messages did not format cleanly.",
                language = self.tag,
                id,
                attribute,
                ?errors
            );
        }
        Some(said)
    }

    /// The message `id` (or its `attribute`) with `args`, in English where this language lacks it (the tests see
    /// that none does).
    fn say(&self, id: &str, attribute: Option<&str>, args: &Args<'_>) -> String {
        self.try_say(id, attribute, args)
            .or_else(|| english().try_say(id, attribute, args))
            .unwrap_or_else(|| id.to_owned())
    }

    /// A message without variables of its own.
    pub fn text(&self, text: Text) -> String {
        self.say(text.id(), None, &args([("known", COCO_CLASSES.len().into())]))
    }

    /// The commands' descriptions, in the order of `names` (setMyCommands).
    pub fn commands(&self, names: &[&'static str]) -> Vec<(&'static str, String)> {
        names.iter().map(|&name| (name, self.say(&format!("command-{name}"), None, &Args::new()))).collect()
    }

    /// The answer to a photo its chat sent while `waiting` others wait for their answer, as many as it may.
    pub fn too_many_waiting(&self, waiting: usize) -> String {
        self.say("too-many-waiting", None, &args([("waiting", waiting.into())]))
    }

    /// The acknowledgement of a photo while answers take `seconds`, in round words: "about 2 minutes".
    pub fn expect_to_wait(&self, seconds: f64) -> String {
        let (unit, count) = match seconds.round() as u64 {
            0..90 => ("seconds", ((seconds / 10.0).round() as u64).max(1) * 10),
            90..5400 => ("minutes", ((seconds / 60.0).round() as u64).max(2)),
            long => ("hours", (long as f64 / 3600.0).round().max(2.0) as u64),
        };
        self.say("expect-to-wait", None, &args([("unit", unit.into()), ("count", count.into())]))
    }

    /// The answer to `/classes`: every name a caption may ask for, with this language's beside it.
    pub fn classes(&self) -> String {
        let entries = COCO_CLASSES.map(|class| {
            let local = self.class(class, Some("name"), 1);
            self.say("names-entry", None, &args([("name", class.into()), ("local", local.into())]))
        });
        let names = entries.join(&self.separator("list-separator"));
        self.say("classes", None, &args([("known", COCO_CLASSES.len().into()), ("names", names.into())]))
    }

    /// The answer to a caption that asks for what the bot cannot look for.
    pub fn question_error(&self, error: &QuestionError) -> String {
        match error {
            QuestionError::Unknown { words, closest } => {
                let quoted: Vec<String> = words.iter().map(|word| self.quoted(word)).collect();
                let separator = self.separator("list-separator");
                let mut said = vec![self.say(
                    "unknown-classes",
                    None,
                    &args([("words", quoted.join(&separator).into())]),
                )];
                match closest.as_slice() {
                    [] => {}
                    [one] => said.push(self.say("did-you-mean", None, &args([("name", (*one).into())]))),
                    many => said.push(self.say(
                        "closest-names",
                        None,
                        &args([("names", many.join(&separator).into())]),
                    )),
                }
                said.push(self.say("see-classes", None, &args([("known", COCO_CLASSES.len().into())])));
                said.join(" ")
            }
            QuestionError::Confidence(said) => {
                self.say("bad-confidence", None, &args([("said", self.quoted(said).into())]))
            }
        }
    }

    /// The answer to a photo: what the question asked ([`Question`]; the default asks for every class) among the
    /// classes found, one entry per detection: "I found 2 dogs; no cat", "I found 4 objects: 3 people, 1 bus".
    pub fn answer<'a>(&self, question: &Question, found: impl IntoIterator<Item = &'a str>) -> String {
        let counts = class_counts(found);
        let percent = question.confidence.map(|least| FluentValue::from((least * 100.0).round()));
        let separator = self.separator("list-separator");
        let counted = |class: &str, count: usize| self.class(class, None, count);
        if question.classes.is_empty() {
            let total: usize = counts.iter().map(|(_, count)| count).sum();
            let objects: Vec<String> = counts.iter().map(|&(class, count)| counted(class, count)).collect();
            let id = match (total, &percent) {
                (0, None) => "found-nothing",
                (0, Some(_)) => "found-nothing-sure",
                (_, None) => "found-objects",
                (_, Some(_)) => "found-objects-sure",
            };
            let mut said = args([("total", total.into()), ("objects", objects.join(&separator).into())]);
            said.set("percent", percent);
            return self.say(id, None, &said);
        }
        let (seen, missing): (Vec<&String>, Vec<&String>) =
            question.classes.iter().partition(|class| counts.iter().any(|(found, _)| found == class));
        let mut parts: Vec<String> = seen
            .iter()
            .map(|class| {
                let count = counts.iter().find(|(found, _)| found == class).map_or(0, |(_, count)| *count);
                counted(class, count)
            })
            .collect();
        if !missing.is_empty() {
            let none: Vec<String> = missing.iter().map(|class| self.class(class, Some("none"), 0)).collect();
            parts.push(none.join(&separator));
        }
        let objects = parts.join(&self.separator("asked-separator"));
        let id = if percent.is_some() { "found-asked-sure" } else { "found-asked" };
        let mut said = args([("objects", objects.into())]);
        said.set("percent", percent);
        self.say(id, None, &said)
    }

    /// The answer to a video: what the question asked ([`Question`]) over the frames looked at ([`Clip`]), each
    /// class with the most seen at once and the share of the clip that shows it: "In this 12-second clip I found up
    /// to 3 people at once, in 80 % of it; 1 dog in 40 % of it".
    pub fn clip_answer(&self, question: &Question, clip: &Clip) -> String {
        let percent = question.confidence.map(|least| FluentValue::from((least * 100.0).round()));
        let asked =
            |class: &str| question.classes.is_empty() || question.classes.iter().any(|asked| asked == class);
        let mut parts: Vec<String> = clip
            .classes
            .iter()
            .filter(|seen| asked(&seen.class))
            .map(|seen| {
                let counted = self.class(&seen.class, None, seen.most as usize);
                let share = (seen.share * 100.0).round();
                let said =
                    args([("most", seen.most.into()), ("counted", counted.into()), ("share", share.into())]);
                self.say("clip-class", None, &said)
            })
            .collect();
        let missing: Vec<String> = question
            .classes
            .iter()
            .filter(|class| !clip.classes.iter().any(|seen| &seen.class == *class))
            .map(|class| self.class(class, Some("none"), 0))
            .collect();
        let found_any = !parts.is_empty();
        if !missing.is_empty() {
            parts.push(missing.join(&self.separator("list-separator")));
        }
        let id = match (found_any || !question.classes.is_empty(), &percent) {
            (false, None) => "clip-nothing",
            (false, Some(_)) => "clip-nothing-sure",
            (true, None) => "clip-found",
            (true, Some(_)) => "clip-found-sure",
        };
        let seconds = clip.seconds.round().max(1.0);
        let mut said = args([
            ("seconds", seconds.into()),
            ("classes", parts.join(&self.separator("asked-separator")).into()),
        ]);
        said.set("percent", percent);
        self.say(id, None, &said)
    }

    /// Why the worker could not look at a photo; `reason` (its English words) for a failure this build does not
    /// know, or from a worker older than failures.
    pub fn failed(&self, failure: Option<Failure>, reason: Option<&str>) -> String {
        let id = match failure {
            Some(Failure::Job) => "failed-job",
            Some(Failure::Missing) => "failed-missing",
            Some(Failure::Format) => "failed-format",
            Some(Failure::Corrupt) => "failed-corrupt",
            Some(Failure::TooLarge) => "failed-too-large",
            Some(Failure::TooSlow) => "failed-too-slow",
            Some(Failure::VideoFormat) => "failed-video-format",
            Some(Failure::VideoTooLong) => "failed-video-too-long",
            Some(Failure::VideoTooLarge) => "failed-video-too-large",
            Some(Failure::Other) | None => "failed-other",
        };
        let reason = reason.unwrap_or("something went wrong").trim().trim_end_matches('.');
        self.say(id, None, &args([("reason", reason.into())]))
    }

    /// A class's message: counted (`count` of it), or one of its attributes (`name`, `none`). A class that is not
    /// COCO's (from a model trained on others) is named as the model names it (`other-class`).
    fn class(&self, class: &str, attribute: Option<&str>, count: usize) -> String {
        let id = format!("class-{}", class.replace(' ', "-"));
        if COCO_CLASSES.contains(&class) {
            self.say(&id, attribute, &args([("count", count.into())]))
        } else {
            self.say("other-class", attribute, &args([("count", count.into()), ("name", class.into())]))
        }
    }

    fn quoted(&self, word: &str) -> String {
        self.say("quoted", None, &args([("word", word.into())]))
    }

    fn separator(&self, id: &str) -> String {
        self.say(id, None, &Args::new())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use common::schema::ClipClass;
    use fluent_syntax::ast;

    use super::*;

    /// Each message's attributes and variables, by id.
    type Shape = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

    fn shape(text: &str) -> Shape {
        let resource = FluentResource::try_new(text.to_owned()).expect("parses");
        let mut shape = Shape::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                message.value.iter().for_each(|pattern| pattern_variables(pattern, &mut variables));
                let mut attributes = BTreeSet::new();
                for attribute in &message.attributes {
                    attributes.insert(attribute.id.name.to_owned());
                    pattern_variables(&attribute.value, &mut variables);
                }
                shape.insert(message.id.name.to_owned(), (attributes, variables));
            }
        }
        shape
    }

    fn pattern_variables(pattern: &ast::Pattern<&str>, found: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, found);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
        let inline = |inline: &ast::InlineExpression<&str>, found: &mut BTreeSet<String>| match inline {
            ast::InlineExpression::VariableReference { id } => {
                found.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => expression_variables(expression, found),
            _ => {}
        };
        match expression {
            ast::Expression::Inline(expression) => inline(expression, found),
            ast::Expression::Select { selector, variants } => {
                inline(selector, found);
                variants.iter().for_each(|variant| pattern_variables(&variant.value, found));
            }
        }
    }

    #[test]
    fn every_language_has_every_message_with_its_attributes_and_no_variable_english_lacks() {
        let english = shape(LOCALES[0].1);
        for (tag, text) in &LOCALES[1..] {
            let language = shape(text);
            let ids = |shape: &Shape| shape.keys().cloned().collect::<Vec<_>>();
            assert_eq!(ids(&language), ids(&english), "{tag}.ftl's messages");
            for (id, (attributes, variables)) in &language {
                let (english_attributes, english_variables) = &english[id];
                assert_eq!(attributes, english_attributes, "{tag}.ftl's {id}");
                // English names each class once: its own name is the one captions use.
                let mut allowed = english_variables.clone();
                if id == "names-entry" {
                    allowed.insert("local".to_owned());
                }
                assert!(variables.is_subset(&allowed), "{tag}.ftl's {id} uses {variables:?}");
            }
        }
        let classes = english.keys().filter(|id| id.starts_with("class-")).count();
        assert_eq!(classes, COCO_CLASSES.len(), "a message per class");
        for text in Text::ALL {
            assert!(english.contains_key(text.id()), "{text:?}");
        }
    }

    /// Every message of every language formats without an error, at counts that reach each plural category.
    #[test]
    fn every_message_formats_in_every_language() {
        for words in languages() {
            for text in Text::ALL {
                assert!(words.try_say(text.id(), None, &args([("known", 80.into())])).is_some());
            }
            let mut said = vec![words.classes(), words.expect_to_wait(40.0), words.expect_to_wait(300.0)];
            for count in [0, 1, 2, 3, 5, 11, 21, 22, 100, 101, 102] {
                said.push(words.too_many_waiting(count));
                said.push(words.expect_to_wait(count as f64 * 3600.0));
                for class in COCO_CLASSES.iter().chain(&["pothole"]) {
                    said.push(words.class(class, None, count));
                    said.push(words.class(class, Some("none"), 0));
                }
            }
            let unknown = QuestionError::Unknown { words: vec!["dgo".into()], closest: vec!["dog", "cat"] };
            said.extend([
                words.question_error(&unknown),
                words.question_error(&QuestionError::Confidence("2".into())),
            ]);
            let clip = |classes: Vec<ClipClass>| Clip { seconds: 1.2, frames: 3, shown_at: 0.5, classes };
            for most in [1, 2, 3, 5, 11, 21, 100] {
                let seen = vec![ClipClass { class: "person".into(), most, share: 0.5 }];
                said.push(words.clip_answer(&Question::default(), &clip(seen.clone())));
                let asked = Question { classes: vec!["cat".into(), "person".into()], confidence: Some(0.5) };
                said.push(words.clip_answer(&asked, &clip(seen)));
            }
            said.push(words.clip_answer(&Question::default(), &clip(vec![])));
            for found in [&[][..], &["dog"], &["person", "person", "bus"], &["pothole"; 3]] {
                let asked = Question { classes: vec!["dog".into(), "cat".into()], confidence: Some(0.5) };
                said.push(words.answer(&Question::default(), found.iter().copied()));
                said.push(words.answer(&asked, found.iter().copied()));
            }
            said.push(words.failed(None, Some("a reason from a newer worker.")));
            for failure in [
                Failure::Job,
                Failure::Missing,
                Failure::Format,
                Failure::Corrupt,
                Failure::TooLarge,
                Failure::TooSlow,
                Failure::VideoFormat,
                Failure::VideoTooLong,
                Failure::VideoTooLarge,
            ] {
                said.push(words.failed(Some(failure), None));
            }
            for said in said {
                assert!(
                    !said.trim().is_empty() && !said.contains("class-") && !said.contains('{'),
                    "{}: {said:?}",
                    words.tag
                );
            }
        }
    }

    #[test]
    fn a_users_language_is_the_closest_the_bot_speaks_and_english_otherwise() {
        for (code, tag) in [
            (Some("ru"), "ru"),
            (Some("de-AT"), "de"),
            (Some("es-419"), "es"),
            (Some("fr-ca"), "fr"),
            (Some("he"), "he"),
            (Some("ar"), "ar"),
            (Some("en-GB"), "en"),
            (Some("pt-br"), "en"),
            (Some("not a tag!"), "en"),
            (None, "en"),
        ] {
            assert_eq!(for_user(code).tag(), tag, "{code:?}");
        }
    }

    #[test]
    fn english_counts_with_plurals_and_says_what_was_asked() {
        let words = english();
        let asked = |words: &str| Question::parse(words, true).expect("a question").expect("asks");
        assert_eq!(
            words.answer(&Question::default(), ["person", "bus", "person", "person"]),
            "I found 4 objects: 3 people, 1 bus"
        );
        assert_eq!(words.answer(&Question::default(), ["dog"]), "I found 1 object: 1 dog");
        assert_eq!(words.answer(&Question::default(), []), "I didn't find any objects I know in this photo.");
        assert_eq!(
            words.answer(&Question::default(), ["pothole", "pothole"]),
            "I found 2 objects: 2 × pothole",
            "another model's class"
        );
        assert_eq!(words.answer(&asked("dogs cat"), ["dog", "dog"]), "I found 2 dogs; no cat");
        assert_eq!(words.answer(&asked("cat bird"), []), "I found no cat, no bird");
        assert_eq!(
            words.answer(&asked("person >50%"), ["person"]),
            "Counting what I'm at least 50 % sure of, I found 1 person"
        );
        assert_eq!(
            words.answer(&asked(">50%"), ["bus", "person", "person"]),
            "Counting what I'm at least 50 % sure of, I found 3 objects: 2 people, 1 bus"
        );
        assert_eq!(
            words.answer(&asked(">50%"), []),
            "I didn't find anything I'm at least 50 % sure of in this photo."
        );
    }

    #[test]
    fn english_sums_up_a_clip() {
        let words = english();
        let asked = |words: &str| Question::parse(words, true).expect("a question").expect("asks");
        let seen = |class: &str, most, share| ClipClass { class: class.into(), most, share };
        let clip = Clip {
            seconds: 11.6,
            frames: 24,
            shown_at: 3.5,
            classes: vec![seen("person", 3, 0.8), seen("dog", 1, 0.4)],
        };
        assert_eq!(
            words.clip_answer(&Question::default(), &clip),
            "In this 12-second clip I found up to 3 people at once, in 80 % of it; 1 dog in 40 % of it."
        );
        assert_eq!(
            words.clip_answer(&asked("dogs cats"), &clip),
            "In this 12-second clip I found 1 dog in 40 % of it; no cat."
        );
        assert_eq!(
            words.clip_answer(&asked("cat >50%"), &clip),
            "Counting what I'm at least 50 % sure of, in this 12-second clip I found no cat."
        );
        let empty = Clip { classes: vec![], ..clip };
        assert_eq!(
            words.clip_answer(&Question::default(), &empty),
            "I didn't find any objects I know in this clip."
        );
    }

    #[test]
    fn english_words_the_other_answers() {
        let words = english();
        assert_eq!(
            words.question_error(&Question::parse("dgo cat", true).unwrap_err()),
            "I don't know “dgo”. Did you mean dog? /classes lists the 80 kinds of objects I know."
        );
        assert_eq!(
            words.question_error(&Question::parse("xylophone", true).unwrap_err()),
            "I don't know “xylophone”. /classes lists the 80 kinds of objects I know."
        );
        assert!(words.classes().starts_with("I know these 80 kinds of objects: person, bicycle, car,"));
        assert!(words.expect_to_wait(44.0).contains("about 40 seconds"), "{}", words.expect_to_wait(44.0));
        assert!(words.expect_to_wait(2.0).contains("about 10 seconds"));
        assert!(words.expect_to_wait(100.0).contains("about 2 minutes"));
        assert!(words.expect_to_wait(1000.0).contains("about 17 minutes"));
        assert!(words.expect_to_wait(9000.0).contains("about 3 hours"));
        assert!(words.too_many_waiting(1).starts_with("You have 1 photo waiting"));
        assert!(words.too_many_waiting(3).starts_with("You have 3 photos waiting"));
        assert_eq!(
            words.failed(None, Some("the file is not an image.")),
            "Sorry, I couldn't look at that photo: the file is not an image. Please try another one."
        );
        assert_eq!(
            words.failed(Some(Failure::Corrupt), Some("ignored")),
            "Sorry, this image seems damaged, so I could not read it. Please send it again."
        );
    }
}
