# The bot's words in Russian (ru), following en.ftl: the same messages, attributes and variables. The user is
# addressed informally (ты), as usual for Telegram bots; the bot speaks of itself in the masculine where Russian
# needs a gender (уверен).
#
# Russian CLDR plural categories: [one] 1, 21, 31…; [few] 2–4, 22–24…; [many] 0, 5–20, 25–30…; [other] fractions
# (genitive singular). Class counts are in the nominative, as a list after a colon. Captions ask for classes by
# their English (COCO) names, which /classes lists.

## Answers to messages

help = Привет! Пришли мне фото или короткое видео, и я скажу, какие объекты на нём вижу (людей, животных, транспорт, разные вещи — всего { $known ->
        [one] { $known } вид
        [few] { $known } вида
       *[many] { $known } видов
        [other] { $known } вида
    }), и пришлю картинку, где они отмечены, а из видео — кадр, где их больше всего. Чтобы искать только некоторые, назови их по-английски в подписи к фото: /detect dog cat, или /detect person conf 0.5 — только то, в чём я уверен больше; английские названия есть в /classes. В группе отправь фото с подписью /detect, упомяни меня в подписи или пришли фото ответом на моё сообщение.
detect-needs-a-photo = Пришли мне фото или видео с подписью /detect, и я найду на нём объекты.
send-a-photo = Пришли мне фото или короткое видео, и я найду на нём объекты. Подробнее — в /help.
only-photos = Я умею смотреть только фото и короткие видео. Пришли фото или видео (или картинку файлом), и я найду на нём объекты.
unsupported-image = Я читаю картинки в форматах JPEG, PNG, WebP, BMP и GIF. Пожалуйста, пришли картинку как фото.
too-large = Этот файл для меня слишком большой: боты могут скачивать файлы только до 20 МБ. Пожалуйста, пришли его как фото.
video-too-large = Это видео для меня слишком большое: боты могут скачивать файлы только до 20 МБ. Пожалуйста, пришли ролик покороче.
unsupported-video = Я читаю видео в формате MP4. Пожалуйста, пришли ролик как видео (Telegram сам его преобразует), а не файлом.
accepted = Фото получено, ищу объекты…
try-again = Извини, не получилось забрать твоё фото. Пожалуйста, пришли его ещё раз.
too-many-waiting =
    Моего ответа уже { $waiting ->
        [one] ждёт { $waiting } фотография
        [few] ждут { $waiting } фотографии
       *[many] ждут { $waiting } фотографий
        [other] ждут { $waiting } фотографии
    } из этого чата — больше я за раз не беру. Пожалуйста, пришли это фото ещё раз, как только я отвечу.
expect-to-wait =
    Фото получено. Сейчас я отвечаю на фото примерно за { $unit ->
        [hours] { $count ->
            [one] { $count } час
            [few] { $count } часа
           *[many] { $count } часов
            [other] { $count } часа
        }
        [minutes] { $count ->
            [one] { $count } минуту
            [few] { $count } минуты
           *[many] { $count } минут
            [other] { $count } минуты
        }
       *[seconds] { $count ->
            [one] { $count } секунду
            [few] { $count } секунды
           *[many] { $count } секунд
            [other] { $count } секунды
        }
    }; твоё уже в очереди.

## The commands Telegram's apps offer as the user types / (setMyCommands; at most 256 characters each)

command-start = Что я умею
command-help = Как присылать мне фото — здесь и в группах
command-detect = Найти объекты на фото или видео: пришли его с подписью /detect (или /detect dog cat — виды называются по-английски)
command-classes = Виды объектов, которые я знаю (английские названия для /detect)

## A caption's question

classes = Я знаю { $known ->
        [one] { $known } вид
        [few] { $known } вида
       *[many] { $known } видов
        [other] { $known } вида
    } объектов. В подписи их называют по-английски: { $names }. Попроси найти некоторые в подписи к фото, например /detect dog cat, или /detect person conf 0.5 — только то, в чём я уверен больше.
names-entry = { $name } ({ $local })
unknown-classes = Не знаю, что такое { $words }.
did-you-mean = Может быть, имелось в виду { $name }?
closest-names = Самые похожие названия, которые я знаю: { $names }.
see-classes = Все { $known ->
        [one] { $known } вид
        [few] { $known } вида
       *[many] { $known } видов
        [other] { $known } вида
    } объектов, которые я знаю, — в /classes.
bad-confidence = Не могу использовать { $said } как уверенность: укажи число от 0 до 1 (conf 0.5) или процент (>50%).
quoted = «{ $word }»

## The answer to a photo

found-nothing = На этом фото я не вижу ни одного знакомого мне объекта.
found-nothing-sure = На этом фото нет ничего, в чём я был бы уверен хотя бы на { $percent } %.
found-objects =
    На фото { $total ->
        [one] { $total } объект
        [few] { $total } объекта
       *[many] { $total } объектов
        [other] { $total } объекта
    }: { $objects }
found-objects-sure =
    Если считать только то, в чём я уверен хотя бы на { $percent } %, на фото { $total ->
        [one] { $total } объект
        [few] { $total } объекта
       *[many] { $total } объектов
        [other] { $total } объекта
    }: { $objects }
found-asked = На фото: { $objects }
found-asked-sure = Если считать только то, в чём я уверен хотя бы на { $percent } %, на фото: { $objects }
list-separator = {", "}
asked-separator = {"; "}

## The answer to a video: the worker looked at a few frames a second ($frames in all) of a clip $seconds long, and
## sends the frame with the most objects asked for as the picture.

clip-nothing = В этом видео я не нашёл ни одного знакомого мне объекта.
clip-nothing-sure = В этом видео нет ничего, в чём я был бы уверен хотя бы на { $percent } %.
# After a colon, like found-asked, so that a list starting with "нет кошек" reads well.
clip-found = В этом { $seconds }-секундном видео: { $classes }.
clip-found-sure = Если считать только то, в чём я уверен хотя бы на { $percent } %, в этом { $seconds }-секундном видео: { $classes }.
# [1], not [one]: Russian [one] also takes 21, 31…, which must read "максимум …". "до" would need the genitive,
# so "максимум" + $counted in the nominative.
clip-class =
    { $most ->
        [1] { $counted } — в { $share } % кадров
       *[other] максимум { $counted } одновременно — в { $share } % кадров
    }

## The worker could not look at the photo

failed-job = Извини, у меня что-то пошло не так с этим фото. Пожалуйста, пришли его ещё раз.
failed-missing = Извини, я больше не могу найти твоё фото. Пожалуйста, пришли его ещё раз.
failed-format = Извини, не получается прочитать этот файл как картинку. Пожалуйста, пришли JPEG, PNG, WebP, BMP или GIF.
failed-corrupt = Извини, эта картинка, похоже, повреждена, и я не могу её прочитать. Пожалуйста, пришли её ещё раз.
failed-too-large = Извини, эта картинка слишком большая, я не могу её открыть. Пожалуйста, пришли её как фото или файл поменьше.
failed-too-slow = Извини, эта картинка открывается слишком долго. Пожалуйста, пришли её как фото или пересохрани как обычный JPEG или PNG.
failed-video-format = Извини, не получается прочитать это видео: я читаю видео H.264 в MP4 — так Telegram отправляет видео и GIF. Пожалуйста, пришли его как обычное видео.
failed-video-too-long = Извини, это видео слишком длинное, я не могу его просмотреть. Пожалуйста, пришли ролик покороче.
failed-video-too-large = Извини, у этого видео слишком большое разрешение для меня. Пожалуйста, пришли его в более низком разрешении.
failed-other = Извини, не получилось посмотреть это фото: { $reason }. Попробуй другое.

## The 80 COCO classes: the value counts $count of them (number included; nominative), .name is the class's name
## (singular, no number), .none says that none was found (нет + genitive plural). The message's id is the COCO
## name with dashes.
## часы and ножницы have no singular: collective numerals (одни часы, двое часов…) up to 4, then "часы (5 шт.)".

class-person =
    { $count ->
        [one] { $count } человек
        [few] { $count } человека
       *[many] { $count } человек
        [other] { $count } человека
    }
    .name = человек
    .none = нет людей

class-bicycle =
    { $count ->
        [one] { $count } велосипед
        [few] { $count } велосипеда
       *[many] { $count } велосипедов
        [other] { $count } велосипеда
    }
    .name = велосипед
    .none = нет велосипедов

class-car =
    { $count ->
        [one] { $count } машина
        [few] { $count } машины
       *[many] { $count } машин
        [other] { $count } машины
    }
    .name = машина
    .none = нет машин

class-motorcycle =
    { $count ->
        [one] { $count } мотоцикл
        [few] { $count } мотоцикла
       *[many] { $count } мотоциклов
        [other] { $count } мотоцикла
    }
    .name = мотоцикл
    .none = нет мотоциклов

class-airplane =
    { $count ->
        [one] { $count } самолёт
        [few] { $count } самолёта
       *[many] { $count } самолётов
        [other] { $count } самолёта
    }
    .name = самолёт
    .none = нет самолётов

class-bus =
    { $count ->
        [one] { $count } автобус
        [few] { $count } автобуса
       *[many] { $count } автобусов
        [other] { $count } автобуса
    }
    .name = автобус
    .none = нет автобусов

class-train =
    { $count ->
        [one] { $count } поезд
        [few] { $count } поезда
       *[many] { $count } поездов
        [other] { $count } поезда
    }
    .name = поезд
    .none = нет поездов

class-truck =
    { $count ->
        [one] { $count } грузовик
        [few] { $count } грузовика
       *[many] { $count } грузовиков
        [other] { $count } грузовика
    }
    .name = грузовик
    .none = нет грузовиков

class-boat =
    { $count ->
        [one] { $count } лодка
        [few] { $count } лодки
       *[many] { $count } лодок
        [other] { $count } лодки
    }
    .name = лодка
    .none = нет лодок

class-traffic-light =
    { $count ->
        [one] { $count } светофор
        [few] { $count } светофора
       *[many] { $count } светофоров
        [other] { $count } светофора
    }
    .name = светофор
    .none = нет светофоров

class-fire-hydrant =
    { $count ->
        [one] { $count } пожарный гидрант
        [few] { $count } пожарных гидранта
       *[many] { $count } пожарных гидрантов
        [other] { $count } пожарного гидранта
    }
    .name = пожарный гидрант
    .none = нет пожарных гидрантов

class-stop-sign =
    { $count ->
        [one] { $count } знак «Стоп»
        [few] { $count } знака «Стоп»
       *[many] { $count } знаков «Стоп»
        [other] { $count } знака «Стоп»
    }
    .name = знак «Стоп»
    .none = нет знаков «Стоп»

class-parking-meter =
    { $count ->
        [one] { $count } паркомат
        [few] { $count } паркомата
       *[many] { $count } паркоматов
        [other] { $count } паркомата
    }
    .name = паркомат
    .none = нет паркоматов

class-bench =
    { $count ->
        [one] { $count } скамейка
        [few] { $count } скамейки
       *[many] { $count } скамеек
        [other] { $count } скамейки
    }
    .name = скамейка
    .none = нет скамеек

class-bird =
    { $count ->
        [one] { $count } птица
        [few] { $count } птицы
       *[many] { $count } птиц
        [other] { $count } птицы
    }
    .name = птица
    .none = нет птиц

class-cat =
    { $count ->
        [one] { $count } кошка
        [few] { $count } кошки
       *[many] { $count } кошек
        [other] { $count } кошки
    }
    .name = кошка
    .none = нет кошек

class-dog =
    { $count ->
        [one] { $count } собака
        [few] { $count } собаки
       *[many] { $count } собак
        [other] { $count } собаки
    }
    .name = собака
    .none = нет собак

class-horse =
    { $count ->
        [one] { $count } лошадь
        [few] { $count } лошади
       *[many] { $count } лошадей
        [other] { $count } лошади
    }
    .name = лошадь
    .none = нет лошадей

class-sheep =
    { $count ->
        [one] { $count } овца
        [few] { $count } овцы
       *[many] { $count } овец
        [other] { $count } овцы
    }
    .name = овца
    .none = нет овец

class-cow =
    { $count ->
        [one] { $count } корова
        [few] { $count } коровы
       *[many] { $count } коров
        [other] { $count } коровы
    }
    .name = корова
    .none = нет коров

class-elephant =
    { $count ->
        [one] { $count } слон
        [few] { $count } слона
       *[many] { $count } слонов
        [other] { $count } слона
    }
    .name = слон
    .none = нет слонов

class-bear =
    { $count ->
        [one] { $count } медведь
        [few] { $count } медведя
       *[many] { $count } медведей
        [other] { $count } медведя
    }
    .name = медведь
    .none = нет медведей

class-zebra =
    { $count ->
        [one] { $count } зебра
        [few] { $count } зебры
       *[many] { $count } зебр
        [other] { $count } зебры
    }
    .name = зебра
    .none = нет зебр

class-giraffe =
    { $count ->
        [one] { $count } жираф
        [few] { $count } жирафа
       *[many] { $count } жирафов
        [other] { $count } жирафа
    }
    .name = жираф
    .none = нет жирафов

class-backpack =
    { $count ->
        [one] { $count } рюкзак
        [few] { $count } рюкзака
       *[many] { $count } рюкзаков
        [other] { $count } рюкзака
    }
    .name = рюкзак
    .none = нет рюкзаков

class-umbrella =
    { $count ->
        [one] { $count } зонт
        [few] { $count } зонта
       *[many] { $count } зонтов
        [other] { $count } зонта
    }
    .name = зонт
    .none = нет зонтов

class-handbag =
    { $count ->
        [one] { $count } сумка
        [few] { $count } сумки
       *[many] { $count } сумок
        [other] { $count } сумки
    }
    .name = сумка
    .none = нет сумок

class-tie =
    { $count ->
        [one] { $count } галстук
        [few] { $count } галстука
       *[many] { $count } галстуков
        [other] { $count } галстука
    }
    .name = галстук
    .none = нет галстуков

class-suitcase =
    { $count ->
        [one] { $count } чемодан
        [few] { $count } чемодана
       *[many] { $count } чемоданов
        [other] { $count } чемодана
    }
    .name = чемодан
    .none = нет чемоданов

class-frisbee =
    { $count ->
        [one] { $count } фрисби
        [few] { $count } фрисби
       *[many] { $count } фрисби
        [other] { $count } фрисби
    }
    .name = фрисби
    .none = нет фрисби

class-skis =
    { $count ->
        [one] { $count } пара лыж
        [few] { $count } пары лыж
       *[many] { $count } пар лыж
        [other] { $count } пары лыж
    }
    .name = лыжи
    .none = нет лыж

class-snowboard =
    { $count ->
        [one] { $count } сноуборд
        [few] { $count } сноуборда
       *[many] { $count } сноубордов
        [other] { $count } сноуборда
    }
    .name = сноуборд
    .none = нет сноубордов

class-sports-ball =
    { $count ->
        [one] { $count } мяч
        [few] { $count } мяча
       *[many] { $count } мячей
        [other] { $count } мяча
    }
    .name = мяч
    .none = нет мячей

class-kite =
    { $count ->
        [one] { $count } воздушный змей
        [few] { $count } воздушных змея
       *[many] { $count } воздушных змеев
        [other] { $count } воздушного змея
    }
    .name = воздушный змей
    .none = нет воздушных змеев

class-baseball-bat =
    { $count ->
        [one] { $count } бейсбольная бита
        [few] { $count } бейсбольные биты
       *[many] { $count } бейсбольных бит
        [other] { $count } бейсбольной биты
    }
    .name = бейсбольная бита
    .none = нет бейсбольных бит

class-baseball-glove =
    { $count ->
        [one] { $count } бейсбольная перчатка
        [few] { $count } бейсбольные перчатки
       *[many] { $count } бейсбольных перчаток
        [other] { $count } бейсбольной перчатки
    }
    .name = бейсбольная перчатка
    .none = нет бейсбольных перчаток

class-skateboard =
    { $count ->
        [one] { $count } скейтборд
        [few] { $count } скейтборда
       *[many] { $count } скейтбордов
        [other] { $count } скейтборда
    }
    .name = скейтборд
    .none = нет скейтбордов

class-surfboard =
    { $count ->
        [one] { $count } доска для сёрфинга
        [few] { $count } доски для сёрфинга
       *[many] { $count } досок для сёрфинга
        [other] { $count } доски для сёрфинга
    }
    .name = доска для сёрфинга
    .none = нет досок для сёрфинга

class-tennis-racket =
    { $count ->
        [one] { $count } теннисная ракетка
        [few] { $count } теннисные ракетки
       *[many] { $count } теннисных ракеток
        [other] { $count } теннисной ракетки
    }
    .name = теннисная ракетка
    .none = нет теннисных ракеток

class-bottle =
    { $count ->
        [one] { $count } бутылка
        [few] { $count } бутылки
       *[many] { $count } бутылок
        [other] { $count } бутылки
    }
    .name = бутылка
    .none = нет бутылок

class-wine-glass =
    { $count ->
        [one] { $count } бокал
        [few] { $count } бокала
       *[many] { $count } бокалов
        [other] { $count } бокала
    }
    .name = бокал
    .none = нет бокалов

class-cup =
    { $count ->
        [one] { $count } чашка
        [few] { $count } чашки
       *[many] { $count } чашек
        [other] { $count } чашки
    }
    .name = чашка
    .none = нет чашек

class-fork =
    { $count ->
        [one] { $count } вилка
        [few] { $count } вилки
       *[many] { $count } вилок
        [other] { $count } вилки
    }
    .name = вилка
    .none = нет вилок

class-knife =
    { $count ->
        [one] { $count } нож
        [few] { $count } ножа
       *[many] { $count } ножей
        [other] { $count } ножа
    }
    .name = нож
    .none = нет ножей

class-spoon =
    { $count ->
        [one] { $count } ложка
        [few] { $count } ложки
       *[many] { $count } ложек
        [other] { $count } ложки
    }
    .name = ложка
    .none = нет ложек

class-bowl =
    { $count ->
        [one] { $count } миска
        [few] { $count } миски
       *[many] { $count } мисок
        [other] { $count } миски
    }
    .name = миска
    .none = нет мисок

class-banana =
    { $count ->
        [one] { $count } банан
        [few] { $count } банана
       *[many] { $count } бананов
        [other] { $count } банана
    }
    .name = банан
    .none = нет бананов

class-apple =
    { $count ->
        [one] { $count } яблоко
        [few] { $count } яблока
       *[many] { $count } яблок
        [other] { $count } яблока
    }
    .name = яблоко
    .none = нет яблок

class-sandwich =
    { $count ->
        [one] { $count } сэндвич
        [few] { $count } сэндвича
       *[many] { $count } сэндвичей
        [other] { $count } сэндвича
    }
    .name = сэндвич
    .none = нет сэндвичей

class-orange =
    { $count ->
        [one] { $count } апельсин
        [few] { $count } апельсина
       *[many] { $count } апельсинов
        [other] { $count } апельсина
    }
    .name = апельсин
    .none = нет апельсинов

class-broccoli =
    { $count ->
        [one] { $count } брокколи
        [few] { $count } брокколи
       *[many] { $count } брокколи
        [other] { $count } брокколи
    }
    .name = брокколи
    .none = нет брокколи

class-carrot =
    { $count ->
        [one] { $count } морковка
        [few] { $count } морковки
       *[many] { $count } морковок
        [other] { $count } морковки
    }
    .name = морковь
    .none = нет моркови

class-hot-dog =
    { $count ->
        [one] { $count } хот-дог
        [few] { $count } хот-дога
       *[many] { $count } хот-догов
        [other] { $count } хот-дога
    }
    .name = хот-дог
    .none = нет хот-догов

class-pizza =
    { $count ->
        [one] { $count } пицца
        [few] { $count } пиццы
       *[many] { $count } пицц
        [other] { $count } пиццы
    }
    .name = пицца
    .none = нет пиццы

class-donut =
    { $count ->
        [one] { $count } пончик
        [few] { $count } пончика
       *[many] { $count } пончиков
        [other] { $count } пончика
    }
    .name = пончик
    .none = нет пончиков

class-cake =
    { $count ->
        [one] { $count } торт
        [few] { $count } торта
       *[many] { $count } тортов
        [other] { $count } торта
    }
    .name = торт
    .none = нет тортов

class-chair =
    { $count ->
        [one] { $count } стул
        [few] { $count } стула
       *[many] { $count } стульев
        [other] { $count } стула
    }
    .name = стул
    .none = нет стульев

class-couch =
    { $count ->
        [one] { $count } диван
        [few] { $count } дивана
       *[many] { $count } диванов
        [other] { $count } дивана
    }
    .name = диван
    .none = нет диванов

class-potted-plant =
    { $count ->
        [one] { $count } растение в горшке
        [few] { $count } растения в горшках
       *[many] { $count } растений в горшках
        [other] { $count } растения в горшке
    }
    .name = растение в горшке
    .none = нет растений в горшках

class-bed =
    { $count ->
        [one] { $count } кровать
        [few] { $count } кровати
       *[many] { $count } кроватей
        [other] { $count } кровати
    }
    .name = кровать
    .none = нет кроватей

class-dining-table =
    { $count ->
        [one] { $count } стол
        [few] { $count } стола
       *[many] { $count } столов
        [other] { $count } стола
    }
    .name = стол
    .none = нет столов

class-toilet =
    { $count ->
        [one] { $count } унитаз
        [few] { $count } унитаза
       *[many] { $count } унитазов
        [other] { $count } унитаза
    }
    .name = унитаз
    .none = нет унитазов

class-tv =
    { $count ->
        [one] { $count } телевизор
        [few] { $count } телевизора
       *[many] { $count } телевизоров
        [other] { $count } телевизора
    }
    .name = телевизор
    .none = нет телевизоров

class-laptop =
    { $count ->
        [one] { $count } ноутбук
        [few] { $count } ноутбука
       *[many] { $count } ноутбуков
        [other] { $count } ноутбука
    }
    .name = ноутбук
    .none = нет ноутбуков

class-mouse =
    { $count ->
        [one] { $count } компьютерная мышь
        [few] { $count } компьютерные мыши
       *[many] { $count } компьютерных мышей
        [other] { $count } компьютерной мыши
    }
    .name = компьютерная мышь
    .none = нет компьютерных мышей

class-remote =
    { $count ->
        [one] { $count } пульт
        [few] { $count } пульта
       *[many] { $count } пультов
        [other] { $count } пульта
    }
    .name = пульт
    .none = нет пультов

class-keyboard =
    { $count ->
        [one] { $count } клавиатура
        [few] { $count } клавиатуры
       *[many] { $count } клавиатур
        [other] { $count } клавиатуры
    }
    .name = клавиатура
    .none = нет клавиатур

class-cell-phone =
    { $count ->
        [one] { $count } мобильный телефон
        [few] { $count } мобильных телефона
       *[many] { $count } мобильных телефонов
        [other] { $count } мобильного телефона
    }
    .name = мобильный телефон
    .none = нет мобильных телефонов

class-microwave =
    { $count ->
        [one] { $count } микроволновка
        [few] { $count } микроволновки
       *[many] { $count } микроволновок
        [other] { $count } микроволновки
    }
    .name = микроволновка
    .none = нет микроволновок

class-oven =
    { $count ->
        [one] { $count } духовка
        [few] { $count } духовки
       *[many] { $count } духовок
        [other] { $count } духовки
    }
    .name = духовка
    .none = нет духовок

class-toaster =
    { $count ->
        [one] { $count } тостер
        [few] { $count } тостера
       *[many] { $count } тостеров
        [other] { $count } тостера
    }
    .name = тостер
    .none = нет тостеров

class-sink =
    { $count ->
        [one] { $count } раковина
        [few] { $count } раковины
       *[many] { $count } раковин
        [other] { $count } раковины
    }
    .name = раковина
    .none = нет раковин

class-refrigerator =
    { $count ->
        [one] { $count } холодильник
        [few] { $count } холодильника
       *[many] { $count } холодильников
        [other] { $count } холодильника
    }
    .name = холодильник
    .none = нет холодильников

class-book =
    { $count ->
        [one] { $count } книга
        [few] { $count } книги
       *[many] { $count } книг
        [other] { $count } книги
    }
    .name = книга
    .none = нет книг

class-clock =
    { $count ->
        [1] одни часы
        [2] двое часов
        [3] трое часов
        [4] четверо часов
       *[other] часы ({ $count } шт.)
    }
    .name = часы
    .none = нет часов

class-vase =
    { $count ->
        [one] { $count } ваза
        [few] { $count } вазы
       *[many] { $count } ваз
        [other] { $count } вазы
    }
    .name = ваза
    .none = нет ваз

class-scissors =
    { $count ->
        [1] одни ножницы
        [2] двое ножниц
        [3] трое ножниц
        [4] четверо ножниц
       *[other] ножницы ({ $count } шт.)
    }
    .name = ножницы
    .none = нет ножниц

class-teddy-bear =
    { $count ->
        [one] { $count } плюшевый мишка
        [few] { $count } плюшевых мишки
       *[many] { $count } плюшевых мишек
        [other] { $count } плюшевого мишки
    }
    .name = плюшевый мишка
    .none = нет плюшевых мишек

class-hair-drier =
    { $count ->
        [one] { $count } фен
        [few] { $count } фена
       *[many] { $count } фенов
        [other] { $count } фена
    }
    .name = фен
    .none = нет фенов

class-toothbrush =
    { $count ->
        [one] { $count } зубная щётка
        [few] { $count } зубные щётки
       *[many] { $count } зубных щёток
        [other] { $count } зубной щётки
    }
    .name = зубная щётка
    .none = нет зубных щёток

# A class the bot has no words for (a model trained on other classes): $name as the model names it.
other-class = { $count } × { $name }
    .name = { $name }
    .none = { $name }: 0
