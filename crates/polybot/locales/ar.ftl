# The bot's words in Arabic (Modern Standard Arabic), following en.ftl: the same messages, attributes and variables.
# The user is addressed in the singular with the generic (grammatically masculine) "you" usual for Arabic bots and
# apps (أرسل، اكتب), friendly but not colloquial. The bot speaks in the first person without adjectives that would
# mark its gender.
#
# Plurals follow Arabic's CLDR categories: [zero] 0, [one] 1, [two] 2, [few] 3-10 (103-110…), [many] 11-99
# (111-199…), [other] 100, 101, 102, 200… (the default). 1: noun + واحد/واحدة; 2: the dual (no number); 3-10: number +
# plural; 11-99: number + singular accusative (شخصًا); 100+: number + singular genitive. Counted class phrases are in
# the nominative (they follow a colon). Captions ask for classes by their English (COCO) names, which /classes lists.

## Answers to messages

# /start and /help. $known: how many kinds of objects the model knows (80).
help =
    مرحبًا! أرسل لي صورة أو مقطع فيديو قصيرًا وسأخبرك بما أراه فيه من أشياء (أشخاص، حيوانات، مركبات، أغراض يومية: { $known ->
        [one] نوع واحد
        [two] نوعان
        [few] { $known } أنواع
        [many] { $known } نوعًا
       *[other] { $known } نوع
    })، مع صورة تُبيّن مواضعها؛ وفي الفيديو، صورة اللحظة التي يظهر فيها أكبر عدد منها. لتسأل عن أنواع معيّنة فقط، اكتبها بأسمائها الإنجليزية في تعليق الصورة: /detect dog cat، أو /detect person conf 0.5 لما أثق به أكثر؛ ويعرض لك /classes الأنواع التي أعرفها. في المجموعات، أرسل الصورة مع /detect في تعليقها، أو اذكرني في تعليقها، أو أرسلها ردًّا على إحدى رسائلي.
# /detect sent as text, without a photo.
detect-needs-a-photo = أرسل لي صورة أو مقطع فيديو مع /detect في التعليق، وسأبحث عن الأشياء التي فيه.
# Plain text in a private chat.
send-a-photo = أرسل لي صورة أو مقطع فيديو قصيرًا وسأبحث عن الأشياء التي فيه. وستجد المزيد في /help.
# Stickers, voice, documents and other messages that are neither images nor videos.
only-photos = لا أستطيع النظر إلا في الصور ومقاطع الفيديو القصيرة. أرسل لي صورة أو مقطع فيديو قصيرًا (أو ملف صورة) وسأبحث عن الأشياء التي فيه.
# An image file in a format the worker cannot read (HEIC, TIFF…).
unsupported-image = أستطيع قراءة صور JPEG وPNG وWebP وBMP وGIF. من فضلك أرسل الصورة كصورة عادية لا كملف.
# A file over the Bot API's download limit.
too-large = هذا الملف كبير جدًا عليّ: لا تستطيع البوتات تنزيل ملفات يزيد حجمها على 20 ميغابايت. من فضلك أرسل الصورة كصورة عادية لا كملف.
# A video over the Bot API's download limit.
video-too-large = هذا الفيديو كبير جدًا عليّ: لا تستطيع البوتات تنزيل ملفات يزيد حجمها على 20 ميغابايت. من فضلك أرسل مقطعًا أقصر.
# A video file in a format the worker cannot read (not MP4).
unsupported-video = أستطيع قراءة مقاطع الفيديو بصيغة MP4. من فضلك أرسل المقطع كفيديو (يحوّله تيليجرام) لا كملف.
# A photo taken, when the bot acknowledges with a message rather than a reaction.
accepted = وصلت صورتك، أبحث الآن عن الأشياء…
# Taking the photo failed (Telegram would not give the file).
try-again = عذرًا، حدث خطأ أثناء استلام صورتك. من فضلك أرسلها مرة أخرى.
# A photo refused because $waiting photos of the chat wait for their answer already.
too-many-waiting =
    لديك { $waiting ->
        [zero] لا صور
        [one] صورة واحدة
        [two] صورتان
        [few] { $waiting } صور
        [many] { $waiting } صورةً
       *[other] { $waiting } صورة
    } بانتظار ردّي، وهذا أقصى ما أستقبله في وقت واحد. من فضلك أرسل هذه الصورة مرة أخرى بعد أن أردّ عليها.
# A photo taken while answers take long: about $count seconds, minutes or hours ($unit), after نحو (genitive).
expect-to-wait =
    وصلت صورتك. الردّ على الصور يستغرق الآن نحو { $unit ->
        [hours] { $count ->
            [one] ساعة واحدة
            [two] ساعتين
            [few] { $count } ساعات
            [many] { $count } ساعةً
           *[other] { $count } ساعة
        }
        [minutes] { $count ->
            [one] دقيقة واحدة
            [two] دقيقتين
            [few] { $count } دقائق
            [many] { $count } دقيقةً
           *[other] { $count } دقيقة
        }
       *[seconds] { $count ->
            [one] ثانية واحدة
            [two] ثانيتين
            [few] { $count } ثوانٍ
            [many] { $count } ثانيةً
           *[other] { $count } ثانية
        }
    }، وصورتك في الدور.

## The commands Telegram's apps offer as the user types / (setMyCommands; at most 256 characters each)

command-start = ما الذي أفعله
command-help = كيف ترسل لي الصور، هنا وفي المجموعات
command-detect = ابحث عن الأشياء في صورة أو فيديو: أرسله مع /detect (أو /detect dog cat، بالأسماء الإنجليزية) في التعليق
command-classes = أنواع الأشياء التي أعرفها بأسمائها الإنجليزية، لتطلبها مع /detect

## A caption's question

# /classes: $known kinds (object of أعرف: accusative), $names their English names, each with the Arabic name
# in brackets (names-entry).
classes =
    أعرف { $known ->
        [one] نوعًا واحدًا
        [two] نوعين
        [few] { $known } أنواع
        [many] { $known } نوعًا
       *[other] { $known } نوع
    } من الأشياء: { $names }. اطلب بعضها بأسمائها الإنجليزية في تعليق الصورة، مثل /detect dog cat، أو /detect person conf 0.5 لما أثق به أكثر.
# One entry of that list: $name as captions spell it (English), $local the Arabic name.
names-entry = { $name } ({ $local })
# A caption asked for names the bot does not know: $words, each quoted (quoted), joined by list-separator.
unknown-classes = لا أعرف { $words }.
# The one known name nearest to the first unknown word.
did-you-mean = هل تقصد { $name }؟
# The known names nearest to the first unknown word, joined by list-separator.
closest-names = أقرب الأسماء التي أعرفها: { $names }.
# After any unknown name.
see-classes = يعرض /classes أنواع الأشياء التي أعرفها، وعددها { $known }.
# A confidence outside 0..1 or 0..100 %: $said as the user wrote it, quoted (quoted).
bad-confidence = لا أستطيع أن أستخدم { $said } درجةً للثقة: اكتب رقمًا بين 0 و1 (conf 0.5) أو نسبةً مئوية (>50%).
# A word as the user wrote it, in quotation marks.
quoted = «{ $word }»

## The answer to a photo

# Nothing found.
found-nothing = لم أجد في هذه الصورة أي شيء أعرفه.
# Nothing found at or above the confidence the caption asked for: $percent (50 for 50 %).
found-nothing-sure = لم أجد في هذه الصورة شيئًا أثق به بنسبة { $percent }% على الأقل.
# Every class was looked for: $total objects (object of وجدتُ: accusative), $objects the counted classes.
found-objects =
    وجدتُ { $total ->
        [zero] لا شيء
        [one] شيئًا واحدًا
        [two] شيئين
        [few] { $total } أشياء
        [many] { $total } شيئًا
       *[other] { $total } شيء
    }: { $objects }
# The same, counting only what the caption's confidence allows.
found-objects-sure =
    باحتساب ما أثق به بنسبة { $percent }% على الأقل، وجدتُ { $total ->
        [zero] لا شيء
        [one] شيئًا واحدًا
        [two] شيئين
        [few] { $total } أشياء
        [many] { $total } شيئًا
       *[other] { $total } شيء
    }: { $objects }
# The caption asked for some classes: $objects, those found counted (class-…) and then those not found (.none),
# joined by asked-separator ("In this photo: 2 dogs; no cat", so that the parts stay in the nominative).
found-asked = في هذه الصورة: { $objects }
found-asked-sure = في هذه الصورة، مما أثق به بنسبة { $percent }% على الأقل: { $objects }
list-separator = {"، "}
asked-separator = {"؛ "}

## The answer to a video: the worker looked at a few frames a second ($frames in all) of a clip $seconds long, and
## sends the frame with the most objects asked for as the picture.

# Nothing found in any frame.
clip-nothing = لم أجد في هذا المقطع أي شيء أعرفه.
clip-nothing-sure = لم أجد في هذا المقطع شيئًا أثق به بنسبة { $percent }% على الأقل.
# $classes: each class found (clip-class), then those asked for and not found (class-….none), joined by
# asked-separator. As in found-asked, the parts follow a colon and stay in the nominative; the clip's length
# ($seconds) is the predicate of مدته (nominative).
clip-found =
    في هذا المقطع (مدته { $seconds ->
        [zero] أقل من ثانية
        [one] ثانية واحدة
        [two] ثانيتان
        [few] { $seconds } ثوانٍ
        [many] { $seconds } ثانيةً
       *[other] { $seconds } ثانية
    }): { $classes }.
clip-found-sure =
    في هذا المقطع (مدته { $seconds ->
        [zero] أقل من ثانية
        [one] ثانية واحدة
        [two] ثانيتان
        [few] { $seconds } ثوانٍ
        [many] { $seconds } ثانيةً
       *[other] { $seconds } ثانية
    })، مما أثق به بنسبة { $percent }% على الأقل: { $classes }.
# One class in a clip: $most the most seen in one frame, $counted those counted (class-…, nominative: it stays the
# subject, so no preposition such as حتى before it), $share the percent of the frames looked at that show it
# (منه: of the clip).
clip-class =
    { $most ->
        [one] { $counted } في { $share }% منه
       *[other] { $counted } على الأكثر في وقت واحد، في { $share }% منه
    }

## The worker could not look at the photo

failed-job = عذرًا، حدث خطأ من جهتي في هذه الصورة. من فضلك أرسلها مرة أخرى.
failed-missing = عذرًا، لم أعد أجد صورتك. من فضلك أرسلها مرة أخرى.
failed-format = عذرًا، لم أستطع قراءة هذا الملف كصورة. من فضلك أرسل صورة JPEG أو PNG أو WebP أو BMP أو GIF.
failed-corrupt = عذرًا، يبدو أن هذه الصورة تالفة، فلم أستطع قراءتها. من فضلك أرسلها مرة أخرى.
failed-too-large = عذرًا، هذه الصورة أكبر من أن أفتحها. من فضلك أرسلها كصورة لا كملف، أو أرسل ملفًا أصغر.
failed-too-slow = عذرًا، فتح هذه الصورة يستغرق وقتًا طويلًا جدًا. من فضلك أرسلها كصورة لا كملف، أو احفظها من جديد بصيغة JPEG أو PNG عادية.
failed-video-format = عذرًا، لم أستطع قراءة هذا الفيديو: أقرأ فيديو H.264 بصيغة MP4، كما يرسل تيليجرام مقاطع الفيديو وصور GIF. من فضلك أرسله كفيديو عادي.
failed-video-too-long = عذرًا، هذا الفيديو أطول من أن أنظر فيه. من فضلك أرسل مقطعًا أقصر.
failed-video-too-large = عذرًا، أبعاد صورة هذا الفيديو أكبر مما أستطيع فتحه. من فضلك أرسله بدقة أقل.
# A failure this build has no words for (from a newer worker): $reason, the worker's English words.
failed-other = عذرًا، لم أستطع النظر في هذه الصورة: { $reason }. من فضلك جرّب صورة أخرى.

## The 80 COCO classes: the value counts $count of them (number included; the dual leaves it out), .name is the
## class's name (singular, no number), .none says that none was found ("no cat": لا النافية للجنس). The message's
## id is the COCO name with dashes.

class-person =
    { $count ->
        [zero] لا أحد
        [one] شخص واحد
        [two] شخصان
        [few] { $count } أشخاص
        [many] { $count } شخصًا
       *[other] { $count } شخص
    }
    .name = شخص
    .none = لا أحد

class-bicycle =
    { $count ->
        [zero] لا دراجة هوائية
        [one] دراجة هوائية واحدة
        [two] دراجتان هوائيتان
        [few] { $count } دراجات هوائية
        [many] { $count } دراجةً هوائيةً
       *[other] { $count } دراجة هوائية
    }
    .name = دراجة هوائية
    .none = لا دراجة هوائية

class-car =
    { $count ->
        [zero] لا سيارة
        [one] سيارة واحدة
        [two] سيارتان
        [few] { $count } سيارات
        [many] { $count } سيارةً
       *[other] { $count } سيارة
    }
    .name = سيارة
    .none = لا سيارة

class-motorcycle =
    { $count ->
        [zero] لا دراجة نارية
        [one] دراجة نارية واحدة
        [two] دراجتان ناريتان
        [few] { $count } دراجات نارية
        [many] { $count } دراجةً ناريةً
       *[other] { $count } دراجة نارية
    }
    .name = دراجة نارية
    .none = لا دراجة نارية

class-airplane =
    { $count ->
        [zero] لا طائرة
        [one] طائرة واحدة
        [two] طائرتان
        [few] { $count } طائرات
        [many] { $count } طائرةً
       *[other] { $count } طائرة
    }
    .name = طائرة
    .none = لا طائرة

class-bus =
    { $count ->
        [zero] لا حافلة
        [one] حافلة واحدة
        [two] حافلتان
        [few] { $count } حافلات
        [many] { $count } حافلةً
       *[other] { $count } حافلة
    }
    .name = حافلة
    .none = لا حافلة

class-train =
    { $count ->
        [zero] لا قطار
        [one] قطار واحد
        [two] قطاران
        [few] { $count } قطارات
        [many] { $count } قطارًا
       *[other] { $count } قطار
    }
    .name = قطار
    .none = لا قطار

class-truck =
    { $count ->
        [zero] لا شاحنة
        [one] شاحنة واحدة
        [two] شاحنتان
        [few] { $count } شاحنات
        [many] { $count } شاحنةً
       *[other] { $count } شاحنة
    }
    .name = شاحنة
    .none = لا شاحنة

class-boat =
    { $count ->
        [zero] لا قارب
        [one] قارب واحد
        [two] قاربان
        [few] { $count } قوارب
        [many] { $count } قاربًا
       *[other] { $count } قارب
    }
    .name = قارب
    .none = لا قارب

class-traffic-light =
    { $count ->
        [zero] لا إشارة مرور
        [one] إشارة مرور واحدة
        [two] إشارتا مرور
        [few] { $count } إشارات مرور
        [many] { $count } إشارة مرور
       *[other] { $count } إشارة مرور
    }
    .name = إشارة مرور
    .none = لا إشارة مرور

class-fire-hydrant =
    { $count ->
        [zero] لا صنبور إطفاء
        [one] صنبور إطفاء واحد
        [two] صنبورا إطفاء
        [few] { $count } صنابير إطفاء
        [many] { $count } صنبور إطفاء
       *[other] { $count } صنبور إطفاء
    }
    .name = صنبور إطفاء
    .none = لا صنبور إطفاء

class-stop-sign =
    { $count ->
        [zero] لا لافتة توقف
        [one] لافتة توقف واحدة
        [two] لافتتا توقف
        [few] { $count } لافتات توقف
        [many] { $count } لافتة توقف
       *[other] { $count } لافتة توقف
    }
    .name = لافتة توقف
    .none = لا لافتة توقف

class-parking-meter =
    { $count ->
        [zero] لا عداد مواقف
        [one] عداد مواقف واحد
        [two] عدادا مواقف
        [few] { $count } عدادات مواقف
        [many] { $count } عداد مواقف
       *[other] { $count } عداد مواقف
    }
    .name = عداد مواقف
    .none = لا عداد مواقف

class-bench =
    { $count ->
        [zero] لا مقعد
        [one] مقعد واحد
        [two] مقعدان
        [few] { $count } مقاعد
        [many] { $count } مقعدًا
       *[other] { $count } مقعد
    }
    .name = مقعد
    .none = لا مقعد

class-bird =
    { $count ->
        [zero] لا طائر
        [one] طائر واحد
        [two] طائران
        [few] { $count } طيور
        [many] { $count } طائرًا
       *[other] { $count } طائر
    }
    .name = طائر
    .none = لا طائر

class-cat =
    { $count ->
        [zero] لا قطة
        [one] قطة واحدة
        [two] قطتان
        [few] { $count } قطط
        [many] { $count } قطةً
       *[other] { $count } قطة
    }
    .name = قطة
    .none = لا قطة

class-dog =
    { $count ->
        [zero] لا كلب
        [one] كلب واحد
        [two] كلبان
        [few] { $count } كلاب
        [many] { $count } كلبًا
       *[other] { $count } كلب
    }
    .name = كلب
    .none = لا كلب

class-horse =
    { $count ->
        [zero] لا حصان
        [one] حصان واحد
        [two] حصانان
        [few] { $count } أحصنة
        [many] { $count } حصانًا
       *[other] { $count } حصان
    }
    .name = حصان
    .none = لا حصان

class-sheep =
    { $count ->
        [zero] لا خروف
        [one] خروف واحد
        [two] خروفان
        [few] { $count } خراف
        [many] { $count } خروفًا
       *[other] { $count } خروف
    }
    .name = خروف
    .none = لا خروف

class-cow =
    { $count ->
        [zero] لا بقرة
        [one] بقرة واحدة
        [two] بقرتان
        [few] { $count } بقرات
        [many] { $count } بقرةً
       *[other] { $count } بقرة
    }
    .name = بقرة
    .none = لا بقرة

class-elephant =
    { $count ->
        [zero] لا فيل
        [one] فيل واحد
        [two] فيلان
        [few] { $count } أفيال
        [many] { $count } فيلًا
       *[other] { $count } فيل
    }
    .name = فيل
    .none = لا فيل

class-bear =
    { $count ->
        [zero] لا دب
        [one] دب واحد
        [two] دبان
        [few] { $count } دببة
        [many] { $count } دبًا
       *[other] { $count } دب
    }
    .name = دب
    .none = لا دب

class-zebra =
    { $count ->
        [zero] لا حمار وحشي
        [one] حمار وحشي واحد
        [two] حماران وحشيان
        [few] { $count } حمير وحشية
        [many] { $count } حمارًا وحشيًا
       *[other] { $count } حمار وحشي
    }
    .name = حمار وحشي
    .none = لا حمار وحشي

class-giraffe =
    { $count ->
        [zero] لا زرافة
        [one] زرافة واحدة
        [two] زرافتان
        [few] { $count } زرافات
        [many] { $count } زرافةً
       *[other] { $count } زرافة
    }
    .name = زرافة
    .none = لا زرافة

class-backpack =
    { $count ->
        [zero] لا حقيبة ظهر
        [one] حقيبة ظهر واحدة
        [two] حقيبتا ظهر
        [few] { $count } حقائب ظهر
        [many] { $count } حقيبة ظهر
       *[other] { $count } حقيبة ظهر
    }
    .name = حقيبة ظهر
    .none = لا حقيبة ظهر

class-umbrella =
    { $count ->
        [zero] لا مظلة
        [one] مظلة واحدة
        [two] مظلتان
        [few] { $count } مظلات
        [many] { $count } مظلةً
       *[other] { $count } مظلة
    }
    .name = مظلة
    .none = لا مظلة

class-handbag =
    { $count ->
        [zero] لا حقيبة يد
        [one] حقيبة يد واحدة
        [two] حقيبتا يد
        [few] { $count } حقائب يد
        [many] { $count } حقيبة يد
       *[other] { $count } حقيبة يد
    }
    .name = حقيبة يد
    .none = لا حقيبة يد

class-tie =
    { $count ->
        [zero] لا ربطة عنق
        [one] ربطة عنق واحدة
        [two] ربطتا عنق
        [few] { $count } ربطات عنق
        [many] { $count } ربطة عنق
       *[other] { $count } ربطة عنق
    }
    .name = ربطة عنق
    .none = لا ربطة عنق

class-suitcase =
    { $count ->
        [zero] لا حقيبة سفر
        [one] حقيبة سفر واحدة
        [two] حقيبتا سفر
        [few] { $count } حقائب سفر
        [many] { $count } حقيبة سفر
       *[other] { $count } حقيبة سفر
    }
    .name = حقيبة سفر
    .none = لا حقيبة سفر

class-frisbee =
    { $count ->
        [zero] لا قرص طائر
        [one] قرص طائر واحد
        [two] قرصان طائران
        [few] { $count } أقراص طائرة
        [many] { $count } قرصًا طائرًا
       *[other] { $count } قرص طائر
    }
    .name = قرص طائر
    .none = لا قرص طائر

class-skis =
    { $count ->
        [zero] لا زلاجات
        [one] زوج واحد من الزلاجات
        [two] زوجان من الزلاجات
        [few] { $count } أزواج من الزلاجات
        [many] { $count } زوجًا من الزلاجات
       *[other] { $count } زوج من الزلاجات
    }
    .name = زلاجات
    .none = لا زلاجات

class-snowboard =
    { $count ->
        [zero] لا لوح تزلج على الثلج
        [one] لوح واحد للتزلج على الثلج
        [two] لوحان للتزلج على الثلج
        [few] { $count } ألواح للتزلج على الثلج
        [many] { $count } لوحًا للتزلج على الثلج
       *[other] { $count } لوح للتزلج على الثلج
    }
    .name = لوح تزلج على الثلج
    .none = لا لوح تزلج على الثلج

class-sports-ball =
    { $count ->
        [zero] لا كرة
        [one] كرة واحدة
        [two] كرتان
        [few] { $count } كرات
        [many] { $count } كرةً
       *[other] { $count } كرة
    }
    .name = كرة
    .none = لا كرة

class-kite =
    { $count ->
        [zero] لا طائرة ورقية
        [one] طائرة ورقية واحدة
        [two] طائرتان ورقيتان
        [few] { $count } طائرات ورقية
        [many] { $count } طائرةً ورقيةً
       *[other] { $count } طائرة ورقية
    }
    .name = طائرة ورقية
    .none = لا طائرة ورقية

class-baseball-bat =
    { $count ->
        [zero] لا مضرب بيسبول
        [one] مضرب بيسبول واحد
        [two] مضربا بيسبول
        [few] { $count } مضارب بيسبول
        [many] { $count } مضرب بيسبول
       *[other] { $count } مضرب بيسبول
    }
    .name = مضرب بيسبول
    .none = لا مضرب بيسبول

class-baseball-glove =
    { $count ->
        [zero] لا قفاز بيسبول
        [one] قفاز بيسبول واحد
        [two] قفازا بيسبول
        [few] { $count } قفازات بيسبول
        [many] { $count } قفاز بيسبول
       *[other] { $count } قفاز بيسبول
    }
    .name = قفاز بيسبول
    .none = لا قفاز بيسبول

class-skateboard =
    { $count ->
        [zero] لا لوح تزلج
        [one] لوح تزلج واحد
        [two] لوحا تزلج
        [few] { $count } ألواح تزلج
        [many] { $count } لوح تزلج
       *[other] { $count } لوح تزلج
    }
    .name = لوح تزلج
    .none = لا لوح تزلج

class-surfboard =
    { $count ->
        [zero] لا لوح ركوب أمواج
        [one] لوح واحد لركوب الأمواج
        [two] لوحان لركوب الأمواج
        [few] { $count } ألواح لركوب الأمواج
        [many] { $count } لوحًا لركوب الأمواج
       *[other] { $count } لوح لركوب الأمواج
    }
    .name = لوح ركوب الأمواج
    .none = لا لوح ركوب أمواج

class-tennis-racket =
    { $count ->
        [zero] لا مضرب تنس
        [one] مضرب تنس واحد
        [two] مضربا تنس
        [few] { $count } مضارب تنس
        [many] { $count } مضرب تنس
       *[other] { $count } مضرب تنس
    }
    .name = مضرب تنس
    .none = لا مضرب تنس

class-bottle =
    { $count ->
        [zero] لا زجاجة
        [one] زجاجة واحدة
        [two] زجاجتان
        [few] { $count } زجاجات
        [many] { $count } زجاجةً
       *[other] { $count } زجاجة
    }
    .name = زجاجة
    .none = لا زجاجة

class-wine-glass =
    { $count ->
        [zero] لا كأس نبيذ
        [one] كأس نبيذ واحدة
        [two] كأسا نبيذ
        [few] { $count } كؤوس نبيذ
        [many] { $count } كأس نبيذ
       *[other] { $count } كأس نبيذ
    }
    .name = كأس نبيذ
    .none = لا كأس نبيذ

class-cup =
    { $count ->
        [zero] لا كوب
        [one] كوب واحد
        [two] كوبان
        [few] { $count } أكواب
        [many] { $count } كوبًا
       *[other] { $count } كوب
    }
    .name = كوب
    .none = لا كوب

class-fork =
    { $count ->
        [zero] لا شوكة
        [one] شوكة واحدة
        [two] شوكتان
        [few] { $count } شوكات
        [many] { $count } شوكةً
       *[other] { $count } شوكة
    }
    .name = شوكة
    .none = لا شوكة

class-knife =
    { $count ->
        [zero] لا سكين
        [one] سكين واحد
        [two] سكينان
        [few] { $count } سكاكين
        [many] { $count } سكينًا
       *[other] { $count } سكين
    }
    .name = سكين
    .none = لا سكين

class-spoon =
    { $count ->
        [zero] لا ملعقة
        [one] ملعقة واحدة
        [two] ملعقتان
        [few] { $count } ملاعق
        [many] { $count } ملعقةً
       *[other] { $count } ملعقة
    }
    .name = ملعقة
    .none = لا ملعقة

class-bowl =
    { $count ->
        [zero] لا وعاء
        [one] وعاء واحد
        [two] وعاءان
        [few] { $count } أوعية
        [many] { $count } وعاءً
       *[other] { $count } وعاء
    }
    .name = وعاء
    .none = لا وعاء

class-banana =
    { $count ->
        [zero] لا موزة
        [one] موزة واحدة
        [two] موزتان
        [few] { $count } موزات
        [many] { $count } موزةً
       *[other] { $count } موزة
    }
    .name = موزة
    .none = لا موزة

class-apple =
    { $count ->
        [zero] لا تفاحة
        [one] تفاحة واحدة
        [two] تفاحتان
        [few] { $count } تفاحات
        [many] { $count } تفاحةً
       *[other] { $count } تفاحة
    }
    .name = تفاحة
    .none = لا تفاحة

class-sandwich =
    { $count ->
        [zero] لا شطيرة
        [one] شطيرة واحدة
        [two] شطيرتان
        [few] { $count } شطائر
        [many] { $count } شطيرةً
       *[other] { $count } شطيرة
    }
    .name = شطيرة
    .none = لا شطيرة

class-orange =
    { $count ->
        [zero] لا برتقالة
        [one] برتقالة واحدة
        [two] برتقالتان
        [few] { $count } برتقالات
        [many] { $count } برتقالةً
       *[other] { $count } برتقالة
    }
    .name = برتقالة
    .none = لا برتقالة

class-broccoli =
    { $count ->
        [zero] لا بروكلي
        [one] قطعة بروكلي واحدة
        [two] قطعتا بروكلي
        [few] { $count } قطع بروكلي
        [many] { $count } قطعة بروكلي
       *[other] { $count } قطعة بروكلي
    }
    .name = بروكلي
    .none = لا بروكلي

class-carrot =
    { $count ->
        [zero] لا جزرة
        [one] جزرة واحدة
        [two] جزرتان
        [few] { $count } جزرات
        [many] { $count } جزرةً
       *[other] { $count } جزرة
    }
    .name = جزرة
    .none = لا جزرة

class-hot-dog =
    { $count ->
        [zero] لا هوت دوغ
        [one] شطيرة هوت دوغ واحدة
        [two] شطيرتا هوت دوغ
        [few] { $count } شطائر هوت دوغ
        [many] { $count } شطيرة هوت دوغ
       *[other] { $count } شطيرة هوت دوغ
    }
    .name = هوت دوغ
    .none = لا هوت دوغ

class-pizza =
    { $count ->
        [zero] لا بيتزا
        [one] فطيرة بيتزا واحدة
        [two] فطيرتا بيتزا
        [few] { $count } فطائر بيتزا
        [many] { $count } فطيرة بيتزا
       *[other] { $count } فطيرة بيتزا
    }
    .name = بيتزا
    .none = لا بيتزا

class-donut =
    { $count ->
        [zero] لا دونات
        [one] كعكة دونات واحدة
        [two] كعكتا دونات
        [few] { $count } كعكات دونات
        [many] { $count } كعكة دونات
       *[other] { $count } كعكة دونات
    }
    .name = دونات
    .none = لا دونات

class-cake =
    { $count ->
        [zero] لا كعكة
        [one] كعكة واحدة
        [two] كعكتان
        [few] { $count } كعكات
        [many] { $count } كعكةً
       *[other] { $count } كعكة
    }
    .name = كعكة
    .none = لا كعكة

class-chair =
    { $count ->
        [zero] لا كرسي
        [one] كرسي واحد
        [two] كرسيان
        [few] { $count } كراسٍ
        [many] { $count } كرسيًا
       *[other] { $count } كرسي
    }
    .name = كرسي
    .none = لا كرسي

class-couch =
    { $count ->
        [zero] لا أريكة
        [one] أريكة واحدة
        [two] أريكتان
        [few] { $count } أرائك
        [many] { $count } أريكةً
       *[other] { $count } أريكة
    }
    .name = أريكة
    .none = لا أريكة

class-potted-plant =
    { $count ->
        [zero] لا نبتة منزلية
        [one] نبتة منزلية واحدة
        [two] نبتتان منزليتان
        [few] { $count } نبتات منزلية
        [many] { $count } نبتةً منزليةً
       *[other] { $count } نبتة منزلية
    }
    .name = نبتة منزلية
    .none = لا نبتة منزلية

class-bed =
    { $count ->
        [zero] لا سرير
        [one] سرير واحد
        [two] سريران
        [few] { $count } أسرّة
        [many] { $count } سريرًا
       *[other] { $count } سرير
    }
    .name = سرير
    .none = لا سرير

class-dining-table =
    { $count ->
        [zero] لا طاولة طعام
        [one] طاولة طعام واحدة
        [two] طاولتا طعام
        [few] { $count } طاولات طعام
        [many] { $count } طاولة طعام
       *[other] { $count } طاولة طعام
    }
    .name = طاولة طعام
    .none = لا طاولة طعام

class-toilet =
    { $count ->
        [zero] لا مرحاض
        [one] مرحاض واحد
        [two] مرحاضان
        [few] { $count } مراحيض
        [many] { $count } مرحاضًا
       *[other] { $count } مرحاض
    }
    .name = مرحاض
    .none = لا مرحاض

class-tv =
    { $count ->
        [zero] لا تلفاز
        [one] تلفاز واحد
        [two] تلفازان
        [few] { $count } تلفازات
        [many] { $count } تلفازًا
       *[other] { $count } تلفاز
    }
    .name = تلفاز
    .none = لا تلفاز

class-laptop =
    { $count ->
        [zero] لا حاسوب محمول
        [one] حاسوب محمول واحد
        [two] حاسوبان محمولان
        [few] { $count } حواسيب محمولة
        [many] { $count } حاسوبًا محمولًا
       *[other] { $count } حاسوب محمول
    }
    .name = حاسوب محمول
    .none = لا حاسوب محمول

class-mouse =
    { $count ->
        [zero] لا فأرة حاسوب
        [one] فأرة حاسوب واحدة
        [two] فأرتا حاسوب
        [few] { $count } فأرات حاسوب
        [many] { $count } فأرة حاسوب
       *[other] { $count } فأرة حاسوب
    }
    .name = فأرة حاسوب
    .none = لا فأرة حاسوب

class-remote =
    { $count ->
        [zero] لا جهاز تحكم عن بعد
        [one] جهاز واحد للتحكم عن بعد
        [two] جهازا تحكم عن بعد
        [few] { $count } أجهزة تحكم عن بعد
        [many] { $count } جهاز تحكم عن بعد
       *[other] { $count } جهاز تحكم عن بعد
    }
    .name = جهاز تحكم عن بعد
    .none = لا جهاز تحكم عن بعد

class-keyboard =
    { $count ->
        [zero] لا لوحة مفاتيح
        [one] لوحة مفاتيح واحدة
        [two] لوحتا مفاتيح
        [few] { $count } لوحات مفاتيح
        [many] { $count } لوحة مفاتيح
       *[other] { $count } لوحة مفاتيح
    }
    .name = لوحة مفاتيح
    .none = لا لوحة مفاتيح

class-cell-phone =
    { $count ->
        [zero] لا هاتف محمول
        [one] هاتف محمول واحد
        [two] هاتفان محمولان
        [few] { $count } هواتف محمولة
        [many] { $count } هاتفًا محمولًا
       *[other] { $count } هاتف محمول
    }
    .name = هاتف محمول
    .none = لا هاتف محمول

class-microwave =
    { $count ->
        [zero] لا فرن ميكروويف
        [one] فرن ميكروويف واحد
        [two] فرنا ميكروويف
        [few] { $count } أفران ميكروويف
        [many] { $count } فرن ميكروويف
       *[other] { $count } فرن ميكروويف
    }
    .name = فرن ميكروويف
    .none = لا فرن ميكروويف

class-oven =
    { $count ->
        [zero] لا فرن
        [one] فرن واحد
        [two] فرنان
        [few] { $count } أفران
        [many] { $count } فرنًا
       *[other] { $count } فرن
    }
    .name = فرن
    .none = لا فرن

class-toaster =
    { $count ->
        [zero] لا محمصة خبز
        [one] محمصة خبز واحدة
        [two] محمصتا خبز
        [few] { $count } محمصات خبز
        [many] { $count } محمصة خبز
       *[other] { $count } محمصة خبز
    }
    .name = محمصة خبز
    .none = لا محمصة خبز

class-sink =
    { $count ->
        [zero] لا مغسلة
        [one] مغسلة واحدة
        [two] مغسلتان
        [few] { $count } مغاسل
        [many] { $count } مغسلةً
       *[other] { $count } مغسلة
    }
    .name = مغسلة
    .none = لا مغسلة

class-refrigerator =
    { $count ->
        [zero] لا ثلاجة
        [one] ثلاجة واحدة
        [two] ثلاجتان
        [few] { $count } ثلاجات
        [many] { $count } ثلاجةً
       *[other] { $count } ثلاجة
    }
    .name = ثلاجة
    .none = لا ثلاجة

class-book =
    { $count ->
        [zero] لا كتاب
        [one] كتاب واحد
        [two] كتابان
        [few] { $count } كتب
        [many] { $count } كتابًا
       *[other] { $count } كتاب
    }
    .name = كتاب
    .none = لا كتاب

class-clock =
    { $count ->
        [zero] لا ساعة
        [one] ساعة واحدة
        [two] ساعتان
        [few] { $count } ساعات
        [many] { $count } ساعةً
       *[other] { $count } ساعة
    }
    .name = ساعة
    .none = لا ساعة

class-vase =
    { $count ->
        [zero] لا مزهرية
        [one] مزهرية واحدة
        [two] مزهريتان
        [few] { $count } مزهريات
        [many] { $count } مزهريةً
       *[other] { $count } مزهرية
    }
    .name = مزهرية
    .none = لا مزهرية

class-scissors =
    { $count ->
        [zero] لا مقص
        [one] مقص واحد
        [two] مقصان
        [few] { $count } مقصات
        [many] { $count } مقصًا
       *[other] { $count } مقص
    }
    .name = مقص
    .none = لا مقص

class-teddy-bear =
    { $count ->
        [zero] لا دب محشو
        [one] دب محشو واحد
        [two] دبان محشوان
        [few] { $count } دببة محشوة
        [many] { $count } دبًا محشوًا
       *[other] { $count } دب محشو
    }
    .name = دب محشو
    .none = لا دب محشو

class-hair-drier =
    { $count ->
        [zero] لا مجفف شعر
        [one] مجفف شعر واحد
        [two] مجففا شعر
        [few] { $count } مجففات شعر
        [many] { $count } مجفف شعر
       *[other] { $count } مجفف شعر
    }
    .name = مجفف شعر
    .none = لا مجفف شعر

class-toothbrush =
    { $count ->
        [zero] لا فرشاة أسنان
        [one] فرشاة أسنان واحدة
        [two] فرشاتا أسنان
        [few] { $count } فرش أسنان
        [many] { $count } فرشاة أسنان
       *[other] { $count } فرشاة أسنان
    }
    .name = فرشاة أسنان
    .none = لا فرشاة أسنان

# A class the bot has no words for (a model trained on other classes): $name as the model names it.
other-class = { $count } × { $name }
    .name = { $name }
    .none = لا { $name }
