# The bot's words in Hebrew (he), following en.ftl: the same messages, attributes and variables.
# Hebrew has no formal "you"; this file uses the ordinary friendly register and keeps to gender-neutral wording:
# the user is addressed with impersonal forms ("אפשר לשלוח", "שולחים") and unvocalised "לך/שלך" instead of gendered
# imperatives, and the bot ("I") speaks in past/future forms or in forms spelt alike for both genders (מזהה, רואה).
# Plurals: CLDR [one], [two] and [other] (older CLDR also has [many] for 20, 30…, which falls back to [other]).
# "1 X" is written "X אחד/אחת", 2 as "שני/שתי X" (or the dual: שעתיים), agreeing with the noun's gender.
# Captions ask for classes by their English (COCO) names, which /classes lists.

## Answers to messages

help = היי! אפשר לשלוח לי תמונה או סרטון קצר, ואגיד לך אילו עצמים אני רואה בהם (אנשים, בעלי חיים, כלי רכב, חפצים יומיומיים: { $known } סוגים), עם תמונה שמסמנת איפה הם נמצאים; בסרטון, תמונה של הרגע שבו רואים הכי הרבה מהם. כדי לבקש רק סוגים מסוימים, כותבים אותם בכיתוב של התמונה בשמם באנגלית: /detect dog cat, או /detect person conf 0.5 לזיהויים הוודאיים יותר; הפקודה /classes מציגה את כל הסוגים שאני מזהה. בקבוצה: שולחים את התמונה עם /detect בכיתוב, מתייגים אותי בכיתוב, או שולחים אותה כתשובה לאחת ההודעות שלי.
detect-needs-a-photo = צריך לשלוח לי תמונה או סרטון עם /detect בכיתוב, ואמצא את העצמים שבהם.
send-a-photo = אפשר לשלוח לי תמונה או סרטון קצר, ואמצא את העצמים שבהם. עוד פרטים ב־/help.
only-photos = רק תמונות וסרטונים קצרים, בבקשה! אפשר לשלוח לי תמונה או סרטון קצר (או קובץ של תמונה), ואמצא את העצמים שבהם.
unsupported-image = הפורמטים שמתאימים לי הם JPEG, PNG, WebP, BMP ו־GIF. כדאי לשלוח את התמונה כתמונה רגילה (לא כקובץ).
too-large = הקובץ הזה גדול מדי בשבילי: בוטים יכולים להוריד רק קבצים של עד 20 MB. אפשר לשלוח אותו כתמונה במקום.
video-too-large = הסרטון הזה גדול מדי בשבילי: בוטים יכולים להוריד רק קבצים של עד 20 MB. אפשר לשלוח סרטון קצר יותר.
unsupported-video = הפורמט שמתאים לי לסרטונים הוא MP4. כדאי לשלוח את הסרטון כסרטון רגיל (כך הוא מומר אוטומטית בטלגרם), ולא כקובץ.
accepted = קיבלתי, מזהה עצמים…
try-again = סליחה, משהו השתבש כשקיבלתי את התמונה שלך. אפשר לשלוח אותה שוב?
too-many-waiting =
    יש לך { $waiting ->
        [one] תמונה אחת שמחכה
        [two] שתי תמונות שמחכות
       *[other] { $waiting } תמונות שמחכות
    } לתשובה שלי, וזה המקסימום בבת אחת. אפשר לשלוח את התמונה הזאת שוב כשאסיים לענות.
expect-to-wait =
    קיבלתי. כרגע המענה לתמונות לוקח בערך { $unit ->
        [hours] { $count ->
            [one] שעה
            [two] שעתיים
           *[other] { $count } שעות
        }
        [minutes] { $count ->
            [one] דקה
            [two] שתי דקות
           *[other] { $count } דקות
        }
       *[seconds] { $count ->
            [one] שנייה
            [two] שתי שניות
           *[other] { $count } שניות
        }
    }, והתמונה שלך בתור.

## The commands Telegram's apps offer as the user types / (setMyCommands; at most 256 characters each)

command-start = מה אני עושה
command-help = איך לשלוח לי תמונות, כאן ובקבוצות
command-detect = מציאת העצמים בתמונה או בסרטון: שולחים עם /detect בכיתוב (או /detect dog cat, עם שמות הסוגים באנגלית שמופיעים ב־/classes)
command-classes = סוגי העצמים שאני מזהה, בשמם באנגלית, כדי לבקש אותם עם /detect

## A caption's question

classes = אני מזהה את { $known } סוגי העצמים האלה: { $names }. כדי לבקש חלק מהם, כותבים בכיתוב של התמונה את השמות באנגלית, למשל /detect dog cat, או /detect person conf 0.5 לזיהויים הוודאיים יותר.
names-entry = { $name } ({ $local })
unknown-classes = לא מצאתי ברשימת הסוגים שלי את { $words }.
did-you-mean = אולי התכוונת ל־{ $name }?
closest-names = השמות הקרובים ביותר ברשימה שלי: { $names }.
see-classes = הפקודה /classes מציגה את כל { $known } סוגי העצמים שאני מזהה.
bad-confidence = אי אפשר להשתמש ב־{ $said } כרמת ביטחון: צריך מספר בין 0 ל־1 (conf 0.5) או אחוזים (>50%).
quoted = ”{ $word }”

## The answer to a photo

found-nothing = לא מצאתי בתמונה הזאת אף עצם שאני מזהה.
found-nothing-sure = לא מצאתי בתמונה הזאת שום דבר ברמת ביטחון של { $percent }% לפחות.
found-objects =
    מצאתי { $total ->
        [one] עצם אחד
        [two] שני עצמים
       *[other] { $total } עצמים
    }: { $objects }
found-objects-sure =
    ברמת ביטחון של { $percent }% לפחות, מצאתי { $total ->
        [one] עצם אחד
        [two] שני עצמים
       *[other] { $total } עצמים
    }: { $objects }
found-asked = מצאתי: { $objects }
found-asked-sure = ברמת ביטחון של { $percent }% לפחות, מצאתי: { $objects }
list-separator = {", "}
asked-separator = {"; "}

## The answer to a video: the worker looked at a few frames a second ($frames in all) of a clip $seconds long, and
## sends the frame with the most objects asked for as the picture.

clip-nothing = לא מצאתי בסרטון הזה אף עצם שאני מזהה.
clip-nothing-sure = לא מצאתי בסרטון הזה שום דבר ברמת ביטחון של { $percent }% לפחות.
clip-found =
    בסרטון הזה (באורך { $seconds ->
        [one] שנייה אחת
        [two] שתי שניות
       *[other] { $seconds } שניות
    }) מצאתי: { $classes }.
clip-found-sure =
    ברמת ביטחון של { $percent }% לפחות, בסרטון הזה (באורך { $seconds ->
        [one] שנייה אחת
        [two] שתי שניות
       *[other] { $seconds } שניות
    }) מצאתי: { $classes }.
clip-class =
    { $most ->
        [one] { $counted }, ב־{ $share }% מהסרטון
       *[other] עד { $counted } בבת אחת, ב־{ $share }% מהסרטון
    }

## The worker could not look at the photo

failed-job = סליחה, משהו השתבש אצלי עם התמונה הזאת. אפשר לשלוח אותה שוב?
failed-missing = סליחה, התמונה שלך כבר לא נמצאת אצלי. אפשר לשלוח אותה שוב?
failed-format = סליחה, לא הצלחתי לקרוא את הקובץ הזה כתמונה. כדאי לשלוח קובץ JPEG, PNG, WebP, BMP או GIF.
failed-corrupt = סליחה, נראה שהתמונה הזאת פגומה, ולא הצלחתי לקרוא אותה. אפשר לשלוח אותה שוב?
failed-too-large = סליחה, התמונה הזאת גדולה מכדי שאוכל לפתוח אותה. אפשר לשלוח אותה כתמונה, או כקובץ קטן יותר.
failed-too-slow = סליחה, פתיחת התמונה הזאת לוקחת יותר מדי זמן. אפשר לשלוח אותה כתמונה, או לשמור אותה מחדש כקובץ JPEG או PNG רגיל.
failed-video-format = סליחה, לא הצלחתי לקרוא את הסרטון הזה: הפורמט שמתאים לי הוא וידאו H.264 בקובץ MP4, כמו הסרטונים וה־GIF שנשלחים בטלגרם. כדאי לשלוח אותו כסרטון רגיל.
failed-video-too-long = סליחה, הסרטון הזה ארוך מדי בשבילי. אפשר לשלוח סרטון קצר יותר?
failed-video-too-large = סליחה, הרזולוציה של הסרטון הזה גבוהה מדי בשבילי. אפשר לשלוח אותו ברזולוציה נמוכה יותר?
failed-other = סליחה, לא הצלחתי לבדוק את התמונה הזאת: { $reason }. אפשר לנסות תמונה אחרת?

## The 80 COCO classes: the value counts $count of them (number included), .name is the class's name (singular,
## no number), .none says that none was found ("no cat"). The message's id is the COCO name with dashes.
## [one] is "X אחד/אחת" (the number is left out), [two] "שני/שתי X", following the noun's gender.

class-person =
    { $count ->
        [one] אדם אחד
        [two] שני אנשים
       *[other] { $count } אנשים
    }
    .name = אדם
    .none = אין אנשים

class-bicycle =
    { $count ->
        [one] זוג אופניים אחד
        [two] שני זוגות אופניים
       *[other] { $count } זוגות אופניים
    }
    .name = אופניים
    .none = אין אופניים

class-car =
    { $count ->
        [one] מכונית אחת
        [two] שתי מכוניות
       *[other] { $count } מכוניות
    }
    .name = מכונית
    .none = אין מכוניות

class-motorcycle =
    { $count ->
        [one] אופנוע אחד
        [two] שני אופנועים
       *[other] { $count } אופנועים
    }
    .name = אופנוע
    .none = אין אופנועים

class-airplane =
    { $count ->
        [one] מטוס אחד
        [two] שני מטוסים
       *[other] { $count } מטוסים
    }
    .name = מטוס
    .none = אין מטוסים

class-bus =
    { $count ->
        [one] אוטובוס אחד
        [two] שני אוטובוסים
       *[other] { $count } אוטובוסים
    }
    .name = אוטובוס
    .none = אין אוטובוסים

class-train =
    { $count ->
        [one] רכבת אחת
        [two] שתי רכבות
       *[other] { $count } רכבות
    }
    .name = רכבת
    .none = אין רכבות

class-truck =
    { $count ->
        [one] משאית אחת
        [two] שתי משאיות
       *[other] { $count } משאיות
    }
    .name = משאית
    .none = אין משאיות

class-boat =
    { $count ->
        [one] סירה אחת
        [two] שתי סירות
       *[other] { $count } סירות
    }
    .name = סירה
    .none = אין סירות

class-traffic-light =
    { $count ->
        [one] רמזור אחד
        [two] שני רמזורים
       *[other] { $count } רמזורים
    }
    .name = רמזור
    .none = אין רמזורים

class-fire-hydrant =
    { $count ->
        [one] ברז כיבוי אש אחד
        [two] שני ברזי כיבוי אש
       *[other] { $count } ברזי כיבוי אש
    }
    .name = ברז כיבוי אש
    .none = אין ברזי כיבוי אש

class-stop-sign =
    { $count ->
        [one] תמרור עצור אחד
        [two] שני תמרורי עצור
       *[other] { $count } תמרורי עצור
    }
    .name = תמרור עצור
    .none = אין תמרורי עצור

class-parking-meter =
    { $count ->
        [one] מדחן אחד
        [two] שני מדחנים
       *[other] { $count } מדחנים
    }
    .name = מדחן
    .none = אין מדחנים

class-bench =
    { $count ->
        [one] ספסל אחד
        [two] שני ספסלים
       *[other] { $count } ספסלים
    }
    .name = ספסל
    .none = אין ספסלים

class-bird =
    { $count ->
        [one] ציפור אחת
        [two] שתי ציפורים
       *[other] { $count } ציפורים
    }
    .name = ציפור
    .none = אין ציפורים

class-cat =
    { $count ->
        [one] חתול אחד
        [two] שני חתולים
       *[other] { $count } חתולים
    }
    .name = חתול
    .none = אין חתולים

class-dog =
    { $count ->
        [one] כלב אחד
        [two] שני כלבים
       *[other] { $count } כלבים
    }
    .name = כלב
    .none = אין כלבים

class-horse =
    { $count ->
        [one] סוס אחד
        [two] שני סוסים
       *[other] { $count } סוסים
    }
    .name = סוס
    .none = אין סוסים

class-sheep =
    { $count ->
        [one] כבשה אחת
        [two] שתי כבשים
       *[other] { $count } כבשים
    }
    .name = כבשה
    .none = אין כבשים

class-cow =
    { $count ->
        [one] פרה אחת
        [two] שתי פרות
       *[other] { $count } פרות
    }
    .name = פרה
    .none = אין פרות

class-elephant =
    { $count ->
        [one] פיל אחד
        [two] שני פילים
       *[other] { $count } פילים
    }
    .name = פיל
    .none = אין פילים

class-bear =
    { $count ->
        [one] דוב אחד
        [two] שני דובים
       *[other] { $count } דובים
    }
    .name = דוב
    .none = אין דובים

class-zebra =
    { $count ->
        [one] זברה אחת
        [two] שתי זברות
       *[other] { $count } זברות
    }
    .name = זברה
    .none = אין זברות

class-giraffe =
    { $count ->
        [one] ג׳ירפה אחת
        [two] שתי ג׳ירפות
       *[other] { $count } ג׳ירפות
    }
    .name = ג׳ירפה
    .none = אין ג׳ירפות

class-backpack =
    { $count ->
        [one] תיק גב אחד
        [two] שני תיקי גב
       *[other] { $count } תיקי גב
    }
    .name = תיק גב
    .none = אין תיקי גב

class-umbrella =
    { $count ->
        [one] מטרייה אחת
        [two] שתי מטריות
       *[other] { $count } מטריות
    }
    .name = מטרייה
    .none = אין מטריות

class-handbag =
    { $count ->
        [one] תיק יד אחד
        [two] שני תיקי יד
       *[other] { $count } תיקי יד
    }
    .name = תיק יד
    .none = אין תיקי יד

class-tie =
    { $count ->
        [one] עניבה אחת
        [two] שתי עניבות
       *[other] { $count } עניבות
    }
    .name = עניבה
    .none = אין עניבות

class-suitcase =
    { $count ->
        [one] מזוודה אחת
        [two] שתי מזוודות
       *[other] { $count } מזוודות
    }
    .name = מזוודה
    .none = אין מזוודות

class-frisbee =
    { $count ->
        [one] צלחת פריזבי אחת
        [two] שתי צלחות פריזבי
       *[other] { $count } צלחות פריזבי
    }
    .name = פריזבי
    .none = אין פריזבי

class-skis =
    { $count ->
        [one] זוג מגלשי סקי אחד
        [two] שני זוגות מגלשי סקי
       *[other] { $count } זוגות מגלשי סקי
    }
    .name = מגלשי סקי
    .none = אין מגלשי סקי

class-snowboard =
    { $count ->
        [one] גלשן שלג אחד
        [two] שני גלשני שלג
       *[other] { $count } גלשני שלג
    }
    .name = גלשן שלג
    .none = אין גלשני שלג

class-sports-ball =
    { $count ->
        [one] כדור אחד
        [two] שני כדורים
       *[other] { $count } כדורים
    }
    .name = כדור
    .none = אין כדורים

class-kite =
    { $count ->
        [one] עפיפון אחד
        [two] שני עפיפונים
       *[other] { $count } עפיפונים
    }
    .name = עפיפון
    .none = אין עפיפונים

class-baseball-bat =
    { $count ->
        [one] מחבט בייסבול אחד
        [two] שני מחבטי בייסבול
       *[other] { $count } מחבטי בייסבול
    }
    .name = מחבט בייסבול
    .none = אין מחבטי בייסבול

class-baseball-glove =
    { $count ->
        [one] כפפת בייסבול אחת
        [two] שתי כפפות בייסבול
       *[other] { $count } כפפות בייסבול
    }
    .name = כפפת בייסבול
    .none = אין כפפות בייסבול

class-skateboard =
    { $count ->
        [one] סקייטבורד אחד
        [two] שני סקייטבורדים
       *[other] { $count } סקייטבורדים
    }
    .name = סקייטבורד
    .none = אין סקייטבורדים

class-surfboard =
    { $count ->
        [one] גלשן גלים אחד
        [two] שני גלשני גלים
       *[other] { $count } גלשני גלים
    }
    .name = גלשן גלים
    .none = אין גלשני גלים

class-tennis-racket =
    { $count ->
        [one] מחבט טניס אחד
        [two] שני מחבטי טניס
       *[other] { $count } מחבטי טניס
    }
    .name = מחבט טניס
    .none = אין מחבטי טניס

class-bottle =
    { $count ->
        [one] בקבוק אחד
        [two] שני בקבוקים
       *[other] { $count } בקבוקים
    }
    .name = בקבוק
    .none = אין בקבוקים

class-wine-glass =
    { $count ->
        [one] כוס יין אחת
        [two] שתי כוסות יין
       *[other] { $count } כוסות יין
    }
    .name = כוס יין
    .none = אין כוסות יין

class-cup =
    { $count ->
        [one] ספל אחד
        [two] שני ספלים
       *[other] { $count } ספלים
    }
    .name = ספל
    .none = אין ספלים

class-fork =
    { $count ->
        [one] מזלג אחד
        [two] שני מזלגות
       *[other] { $count } מזלגות
    }
    .name = מזלג
    .none = אין מזלגות

class-knife =
    { $count ->
        [one] סכין אחת
        [two] שתי סכינים
       *[other] { $count } סכינים
    }
    .name = סכין
    .none = אין סכינים

class-spoon =
    { $count ->
        [one] כף אחת
        [two] שתי כפות
       *[other] { $count } כפות
    }
    .name = כף
    .none = אין כפות

class-bowl =
    { $count ->
        [one] קערה אחת
        [two] שתי קערות
       *[other] { $count } קערות
    }
    .name = קערה
    .none = אין קערות

class-banana =
    { $count ->
        [one] בננה אחת
        [two] שתי בננות
       *[other] { $count } בננות
    }
    .name = בננה
    .none = אין בננות

class-apple =
    { $count ->
        [one] תפוח אחד
        [two] שני תפוחים
       *[other] { $count } תפוחים
    }
    .name = תפוח
    .none = אין תפוחים

class-sandwich =
    { $count ->
        [one] כריך אחד
        [two] שני כריכים
       *[other] { $count } כריכים
    }
    .name = כריך
    .none = אין כריכים

class-orange =
    { $count ->
        [one] תפוז אחד
        [two] שני תפוזים
       *[other] { $count } תפוזים
    }
    .name = תפוז
    .none = אין תפוזים

class-broccoli =
    { $count ->
        [one] חתיכת ברוקולי אחת
        [two] שתי חתיכות ברוקולי
       *[other] { $count } חתיכות ברוקולי
    }
    .name = ברוקולי
    .none = אין ברוקולי

class-carrot =
    { $count ->
        [one] גזר אחד
        [two] שני גזרים
       *[other] { $count } גזרים
    }
    .name = גזר
    .none = אין גזרים

class-hot-dog =
    { $count ->
        [one] נקניקייה אחת
        [two] שתי נקניקיות
       *[other] { $count } נקניקיות
    }
    .name = נקניקייה
    .none = אין נקניקיות

class-pizza =
    { $count ->
        [one] פיצה אחת
        [two] שתי פיצות
       *[other] { $count } פיצות
    }
    .name = פיצה
    .none = אין פיצות

class-donut =
    { $count ->
        [one] דונאט אחד
        [two] שני דונאטים
       *[other] { $count } דונאטים
    }
    .name = דונאט
    .none = אין דונאטים

class-cake =
    { $count ->
        [one] עוגה אחת
        [two] שתי עוגות
       *[other] { $count } עוגות
    }
    .name = עוגה
    .none = אין עוגות

class-chair =
    { $count ->
        [one] כיסא אחד
        [two] שני כיסאות
       *[other] { $count } כיסאות
    }
    .name = כיסא
    .none = אין כיסאות

class-couch =
    { $count ->
        [one] ספה אחת
        [two] שתי ספות
       *[other] { $count } ספות
    }
    .name = ספה
    .none = אין ספות

class-potted-plant =
    { $count ->
        [one] עציץ אחד
        [two] שני עציצים
       *[other] { $count } עציצים
    }
    .name = עציץ
    .none = אין עציצים

class-bed =
    { $count ->
        [one] מיטה אחת
        [two] שתי מיטות
       *[other] { $count } מיטות
    }
    .name = מיטה
    .none = אין מיטות

class-dining-table =
    { $count ->
        [one] שולחן אוכל אחד
        [two] שני שולחנות אוכל
       *[other] { $count } שולחנות אוכל
    }
    .name = שולחן אוכל
    .none = אין שולחנות אוכל

class-toilet =
    { $count ->
        [one] אסלה אחת
        [two] שתי אסלות
       *[other] { $count } אסלות
    }
    .name = אסלה
    .none = אין אסלות

class-tv =
    { $count ->
        [one] טלוויזיה אחת
        [two] שתי טלוויזיות
       *[other] { $count } טלוויזיות
    }
    .name = טלוויזיה
    .none = אין טלוויזיות

class-laptop =
    { $count ->
        [one] מחשב נייד אחד
        [two] שני מחשבים ניידים
       *[other] { $count } מחשבים ניידים
    }
    .name = מחשב נייד
    .none = אין מחשבים ניידים

class-mouse =
    { $count ->
        [one] עכבר אחד
        [two] שני עכברים
       *[other] { $count } עכברים
    }
    .name = עכבר
    .none = אין עכברים

class-remote =
    { $count ->
        [one] שלט רחוק אחד
        [two] שני שלטים רחוקים
       *[other] { $count } שלטים רחוקים
    }
    .name = שלט רחוק
    .none = אין שלטים רחוקים

class-keyboard =
    { $count ->
        [one] מקלדת אחת
        [two] שתי מקלדות
       *[other] { $count } מקלדות
    }
    .name = מקלדת
    .none = אין מקלדות

class-cell-phone =
    { $count ->
        [one] טלפון נייד אחד
        [two] שני טלפונים ניידים
       *[other] { $count } טלפונים ניידים
    }
    .name = טלפון נייד
    .none = אין טלפונים ניידים

class-microwave =
    { $count ->
        [one] מיקרוגל אחד
        [two] שני מיקרוגלים
       *[other] { $count } מיקרוגלים
    }
    .name = מיקרוגל
    .none = אין מיקרוגלים

class-oven =
    { $count ->
        [one] תנור אחד
        [two] שני תנורים
       *[other] { $count } תנורים
    }
    .name = תנור
    .none = אין תנורים

class-toaster =
    { $count ->
        [one] טוסטר אחד
        [two] שני טוסטרים
       *[other] { $count } טוסטרים
    }
    .name = טוסטר
    .none = אין טוסטרים

class-sink =
    { $count ->
        [one] כיור אחד
        [two] שני כיורים
       *[other] { $count } כיורים
    }
    .name = כיור
    .none = אין כיורים

class-refrigerator =
    { $count ->
        [one] מקרר אחד
        [two] שני מקררים
       *[other] { $count } מקררים
    }
    .name = מקרר
    .none = אין מקררים

class-book =
    { $count ->
        [one] ספר אחד
        [two] שני ספרים
       *[other] { $count } ספרים
    }
    .name = ספר
    .none = אין ספרים

class-clock =
    { $count ->
        [one] שעון אחד
        [two] שני שעונים
       *[other] { $count } שעונים
    }
    .name = שעון
    .none = אין שעונים

class-vase =
    { $count ->
        [one] אגרטל אחד
        [two] שני אגרטלים
       *[other] { $count } אגרטלים
    }
    .name = אגרטל
    .none = אין אגרטלים

class-scissors =
    { $count ->
        [one] זוג מספריים אחד
        [two] שני זוגות מספריים
       *[other] { $count } זוגות מספריים
    }
    .name = מספריים
    .none = אין מספריים

class-teddy-bear =
    { $count ->
        [one] בובת דובי אחת
        [two] שתי בובות דובי
       *[other] { $count } בובות דובי
    }
    .name = בובת דובי
    .none = אין בובות דובי

class-hair-drier =
    { $count ->
        [one] מייבש שיער אחד
        [two] שני מייבשי שיער
       *[other] { $count } מייבשי שיער
    }
    .name = מייבש שיער
    .none = אין מייבשי שיער

class-toothbrush =
    { $count ->
        [one] מברשת שיניים אחת
        [two] שתי מברשות שיניים
       *[other] { $count } מברשות שיניים
    }
    .name = מברשת שיניים
    .none = אין מברשות שיניים

# A class the bot has no words for (a model trained on other classes): $name as the model names it.
other-class = { $count } × { $name }
    .name = { $name }
    .none = אין { $name }
