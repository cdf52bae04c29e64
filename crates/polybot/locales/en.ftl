# The bot's words in English, the language every other file here follows: the same messages, attributes and
# variables (a test checks). crates/polybot/src/words.rs picks the file from the user's Telegram language.
#
# Plurals follow the language's CLDR plural categories: English has [one] and [other]; a selector on a number
# ($count, $total, $waiting) picks the category of that number. Captions ask for classes by their English (COCO)
# names, which /classes lists: say so where the language is not English.

## Answers to messages

# /start and /help. $known: how many kinds of objects the model knows (80).
help = Hi! Send me a photo or a short video and I'll tell you which objects I see in it (people, animals, vehicles, everyday things: { $known } kinds), with a picture marking where they are; in a video, the moment with the most of them. Ask for some kinds only in the photo's caption: /detect dog cat, or /detect person conf 0.5 for the ones I'm surer of; /classes lists the kinds I know. In a group, send the photo with /detect as its caption, mention me in its caption, or send it as a reply to one of my messages.
# /detect sent as text, without a photo.
detect-needs-a-photo = Send me a photo or a video with /detect as its caption, and I'll find the objects in it.
# Plain text in a private chat.
send-a-photo = Send me a photo or a short video and I'll find the objects in it. /help tells more.
# Stickers, voice, documents and other messages that are neither images nor videos.
only-photos = I can only look at photos and short videos. Send me one (or an image file) and I'll find the objects in it.
# An image file in a format the worker cannot read (HEIC, TIFF…).
unsupported-image = I can read JPEG, PNG, WebP, BMP and GIF images. Please send the picture as a photo.
# A file over the Bot API's download limit.
too-large = That file is too big for me: bots can only download files up to 20 MB. Please send it as a photo instead.
# A video over the Bot API's download limit.
video-too-large = That video is too big for me: bots can only download files up to 20 MB. Please send a shorter clip.
# A video file in a format the worker cannot read (not MP4).
unsupported-video = I can read MP4 videos. Please send the clip as a video (Telegram converts it) rather than as a file.
# A photo taken, when the bot acknowledges with a message rather than a reaction.
accepted = Got it, detecting objects…
# Taking the photo failed (Telegram would not give the file).
try-again = Sorry, something went wrong while I was taking your photo. Please send it again.
# A photo refused because $waiting photos of the chat wait for their answer already.
too-many-waiting =
    You have { $waiting ->
        [one] { $waiting } photo
       *[other] { $waiting } photos
    } waiting for my answer, as many as I take at once. Please send this one again once they are answered.
# A photo taken while answers take long: about $count seconds, minutes or hours ($unit).
expect-to-wait =
    Got it. Photos take about { $unit ->
        [hours] { $count ->
            [one] { $count } hour
           *[other] { $count } hours
        }
        [minutes] { $count ->
            [one] { $count } minute
           *[other] { $count } minutes
        }
       *[seconds] { $count ->
            [one] { $count } second
           *[other] { $count } seconds
        }
    } to be answered right now; yours is in line.

## The commands Telegram's apps offer as the user types / (setMyCommands; at most 256 characters each)

command-start = What I do
command-help = How to send me photos, here and in groups
command-detect = Find the objects in a photo or a video: send it with /detect (or /detect dog cat) as its caption
command-classes = The kinds of objects I know, to ask for with /detect

## A caption's question

# /classes: $known kinds, $names their names as captions spell them (English), each followed by this language's
# name in brackets where it differs (names-entry).
classes = I know these { $known } kinds of objects: { $names }. Ask for some with the photo's caption, e.g. /detect dog cat, or /detect person conf 0.5 for the surer ones.
# One entry of that list: $name as captions spell it, $local the name in this language.
names-entry = { $name }
# A caption asked for names the bot does not know: $words, each quoted (quoted), joined by list-separator.
unknown-classes = I don't know { $words }.
# The one known name nearest to the first unknown word.
did-you-mean = Did you mean { $name }?
# The known names nearest to the first unknown word, joined by list-separator.
closest-names = The closest names I know: { $names }.
# After any unknown name.
see-classes = /classes lists the { $known } kinds of objects I know.
# A confidence outside 0..1 or 0..100 %: $said as the user wrote it, quoted (quoted).
bad-confidence = { $said } is not a confidence I can use: give one between 0 and 1 (conf 0.5) or as a percentage (>50%).
# A word as the user wrote it, in quotation marks.
quoted = “{ $word }”

## The answer to a photo

# Nothing found.
found-nothing = I didn't find any objects I know in this photo.
# Nothing found at or above the confidence the caption asked for: $percent (50 for 50 %).
found-nothing-sure = I didn't find anything I'm at least { $percent } % sure of in this photo.
# Every class was looked for: $total objects, $objects the counted classes (class-…) joined by list-separator.
found-objects =
    I found { $total ->
        [one] { $total } object
       *[other] { $total } objects
    }: { $objects }
# The same, counting only what the caption's confidence allows.
found-objects-sure =
    Counting what I'm at least { $percent } % sure of, I found { $total ->
        [one] { $total } object
       *[other] { $total } objects
    }: { $objects }
# The caption asked for some classes: $objects, those found counted (class-…) and then those not found (.none),
# in parts joined by asked-separator.
found-asked = I found { $objects }
found-asked-sure = Counting what I'm at least { $percent } % sure of, I found { $objects }
list-separator = {", "}
asked-separator = {"; "}

## The answer to a video: the worker looked at a few frames a second ($frames in all) of a clip $seconds long, and
## sends the frame with the most objects asked for as the picture.

# Nothing found in any frame.
clip-nothing = I didn't find any objects I know in this clip.
clip-nothing-sure = I didn't find anything I'm at least { $percent } % sure of in this clip.
# $classes: each class found (clip-class), then those asked for and not found (class-….none), joined by
# asked-separator.
clip-found = In this { $seconds }-second clip I found { $classes }.
clip-found-sure = Counting what I'm at least { $percent } % sure of, in this { $seconds }-second clip I found { $classes }.
# One class in a clip: $most the most seen in one frame, $counted those counted (class-…), $share the percent of
# the frames looked at that show it.
clip-class =
    { $most ->
        [one] { $counted } in { $share } % of it
       *[other] up to { $counted } at once, in { $share } % of it
    }

## The worker could not look at the photo

failed-job = Sorry, something went wrong on my side with this photo. Please send it again.
failed-missing = Sorry, I could not find your photo any more. Please send it again.
failed-format = Sorry, I could not read this file as an image. Please send a JPEG, PNG, WebP, BMP or GIF.
failed-corrupt = Sorry, this image seems damaged, so I could not read it. Please send it again.
failed-too-large = Sorry, this image is too large for me to open. Please send it as a photo, or a smaller file.
failed-too-slow = Sorry, this image takes too long to open. Please send it as a photo, or save it again as an ordinary JPEG or PNG.
failed-video-format = Sorry, I could not read this video: I read H.264 video in MP4, as Telegram sends videos and GIFs. Please send it as an ordinary video.
failed-video-too-long = Sorry, this video is too long for me to look at. Please send a shorter clip.
failed-video-too-large = Sorry, this video's picture is too large for me. Please send it at a lower resolution.
# A failure this build has no words for (from a newer worker): $reason, the worker's English words.
failed-other = Sorry, I couldn't look at that photo: { $reason }. Please try another one.

## The 80 COCO classes: the value counts $count of them (number included), .name is the class's name (singular,
## no number), .none says that none was found ("no cat"). The message's id is the COCO name with dashes.

class-person =
    { $count ->
        [one] { $count } person
       *[other] { $count } people
    }
    .name = person
    .none = no person

class-bicycle =
    { $count ->
        [one] { $count } bicycle
       *[other] { $count } bicycles
    }
    .name = bicycle
    .none = no bicycle

class-car =
    { $count ->
        [one] { $count } car
       *[other] { $count } cars
    }
    .name = car
    .none = no car

class-motorcycle =
    { $count ->
        [one] { $count } motorcycle
       *[other] { $count } motorcycles
    }
    .name = motorcycle
    .none = no motorcycle

class-airplane =
    { $count ->
        [one] { $count } airplane
       *[other] { $count } airplanes
    }
    .name = airplane
    .none = no airplane

class-bus =
    { $count ->
        [one] { $count } bus
       *[other] { $count } buses
    }
    .name = bus
    .none = no bus

class-train =
    { $count ->
        [one] { $count } train
       *[other] { $count } trains
    }
    .name = train
    .none = no train

class-truck =
    { $count ->
        [one] { $count } truck
       *[other] { $count } trucks
    }
    .name = truck
    .none = no truck

class-boat =
    { $count ->
        [one] { $count } boat
       *[other] { $count } boats
    }
    .name = boat
    .none = no boat

class-traffic-light =
    { $count ->
        [one] { $count } traffic light
       *[other] { $count } traffic lights
    }
    .name = traffic light
    .none = no traffic light

class-fire-hydrant =
    { $count ->
        [one] { $count } fire hydrant
       *[other] { $count } fire hydrants
    }
    .name = fire hydrant
    .none = no fire hydrant

class-stop-sign =
    { $count ->
        [one] { $count } stop sign
       *[other] { $count } stop signs
    }
    .name = stop sign
    .none = no stop sign

class-parking-meter =
    { $count ->
        [one] { $count } parking meter
       *[other] { $count } parking meters
    }
    .name = parking meter
    .none = no parking meter

class-bench =
    { $count ->
        [one] { $count } bench
       *[other] { $count } benches
    }
    .name = bench
    .none = no bench

class-bird =
    { $count ->
        [one] { $count } bird
       *[other] { $count } birds
    }
    .name = bird
    .none = no bird

class-cat =
    { $count ->
        [one] { $count } cat
       *[other] { $count } cats
    }
    .name = cat
    .none = no cat

class-dog =
    { $count ->
        [one] { $count } dog
       *[other] { $count } dogs
    }
    .name = dog
    .none = no dog

class-horse =
    { $count ->
        [one] { $count } horse
       *[other] { $count } horses
    }
    .name = horse
    .none = no horse

class-sheep =
    { $count ->
        [one] { $count } sheep
       *[other] { $count } sheep
    }
    .name = sheep
    .none = no sheep

class-cow =
    { $count ->
        [one] { $count } cow
       *[other] { $count } cows
    }
    .name = cow
    .none = no cow

class-elephant =
    { $count ->
        [one] { $count } elephant
       *[other] { $count } elephants
    }
    .name = elephant
    .none = no elephant

class-bear =
    { $count ->
        [one] { $count } bear
       *[other] { $count } bears
    }
    .name = bear
    .none = no bear

class-zebra =
    { $count ->
        [one] { $count } zebra
       *[other] { $count } zebras
    }
    .name = zebra
    .none = no zebra

class-giraffe =
    { $count ->
        [one] { $count } giraffe
       *[other] { $count } giraffes
    }
    .name = giraffe
    .none = no giraffe

class-backpack =
    { $count ->
        [one] { $count } backpack
       *[other] { $count } backpacks
    }
    .name = backpack
    .none = no backpack

class-umbrella =
    { $count ->
        [one] { $count } umbrella
       *[other] { $count } umbrellas
    }
    .name = umbrella
    .none = no umbrella

class-handbag =
    { $count ->
        [one] { $count } handbag
       *[other] { $count } handbags
    }
    .name = handbag
    .none = no handbag

class-tie =
    { $count ->
        [one] { $count } tie
       *[other] { $count } ties
    }
    .name = tie
    .none = no tie

class-suitcase =
    { $count ->
        [one] { $count } suitcase
       *[other] { $count } suitcases
    }
    .name = suitcase
    .none = no suitcase

class-frisbee =
    { $count ->
        [one] { $count } frisbee
       *[other] { $count } frisbees
    }
    .name = frisbee
    .none = no frisbee

class-skis =
    { $count ->
        [one] { $count } pair of skis
       *[other] { $count } pairs of skis
    }
    .name = skis
    .none = no skis

class-snowboard =
    { $count ->
        [one] { $count } snowboard
       *[other] { $count } snowboards
    }
    .name = snowboard
    .none = no snowboard

class-sports-ball =
    { $count ->
        [one] { $count } sports ball
       *[other] { $count } sports balls
    }
    .name = sports ball
    .none = no sports ball

class-kite =
    { $count ->
        [one] { $count } kite
       *[other] { $count } kites
    }
    .name = kite
    .none = no kite

class-baseball-bat =
    { $count ->
        [one] { $count } baseball bat
       *[other] { $count } baseball bats
    }
    .name = baseball bat
    .none = no baseball bat

class-baseball-glove =
    { $count ->
        [one] { $count } baseball glove
       *[other] { $count } baseball gloves
    }
    .name = baseball glove
    .none = no baseball glove

class-skateboard =
    { $count ->
        [one] { $count } skateboard
       *[other] { $count } skateboards
    }
    .name = skateboard
    .none = no skateboard

class-surfboard =
    { $count ->
        [one] { $count } surfboard
       *[other] { $count } surfboards
    }
    .name = surfboard
    .none = no surfboard

class-tennis-racket =
    { $count ->
        [one] { $count } tennis racket
       *[other] { $count } tennis rackets
    }
    .name = tennis racket
    .none = no tennis racket

class-bottle =
    { $count ->
        [one] { $count } bottle
       *[other] { $count } bottles
    }
    .name = bottle
    .none = no bottle

class-wine-glass =
    { $count ->
        [one] { $count } wine glass
       *[other] { $count } wine glasses
    }
    .name = wine glass
    .none = no wine glass

class-cup =
    { $count ->
        [one] { $count } cup
       *[other] { $count } cups
    }
    .name = cup
    .none = no cup

class-fork =
    { $count ->
        [one] { $count } fork
       *[other] { $count } forks
    }
    .name = fork
    .none = no fork

class-knife =
    { $count ->
        [one] { $count } knife
       *[other] { $count } knives
    }
    .name = knife
    .none = no knife

class-spoon =
    { $count ->
        [one] { $count } spoon
       *[other] { $count } spoons
    }
    .name = spoon
    .none = no spoon

class-bowl =
    { $count ->
        [one] { $count } bowl
       *[other] { $count } bowls
    }
    .name = bowl
    .none = no bowl

class-banana =
    { $count ->
        [one] { $count } banana
       *[other] { $count } bananas
    }
    .name = banana
    .none = no banana

class-apple =
    { $count ->
        [one] { $count } apple
       *[other] { $count } apples
    }
    .name = apple
    .none = no apple

class-sandwich =
    { $count ->
        [one] { $count } sandwich
       *[other] { $count } sandwiches
    }
    .name = sandwich
    .none = no sandwich

class-orange =
    { $count ->
        [one] { $count } orange
       *[other] { $count } oranges
    }
    .name = orange
    .none = no orange

class-broccoli =
    { $count ->
        [one] { $count } broccoli
       *[other] { $count } broccoli
    }
    .name = broccoli
    .none = no broccoli

class-carrot =
    { $count ->
        [one] { $count } carrot
       *[other] { $count } carrots
    }
    .name = carrot
    .none = no carrot

class-hot-dog =
    { $count ->
        [one] { $count } hot dog
       *[other] { $count } hot dogs
    }
    .name = hot dog
    .none = no hot dog

class-pizza =
    { $count ->
        [one] { $count } pizza
       *[other] { $count } pizzas
    }
    .name = pizza
    .none = no pizza

class-donut =
    { $count ->
        [one] { $count } donut
       *[other] { $count } donuts
    }
    .name = donut
    .none = no donut

class-cake =
    { $count ->
        [one] { $count } cake
       *[other] { $count } cakes
    }
    .name = cake
    .none = no cake

class-chair =
    { $count ->
        [one] { $count } chair
       *[other] { $count } chairs
    }
    .name = chair
    .none = no chair

class-couch =
    { $count ->
        [one] { $count } couch
       *[other] { $count } couches
    }
    .name = couch
    .none = no couch

class-potted-plant =
    { $count ->
        [one] { $count } potted plant
       *[other] { $count } potted plants
    }
    .name = potted plant
    .none = no potted plant

class-bed =
    { $count ->
        [one] { $count } bed
       *[other] { $count } beds
    }
    .name = bed
    .none = no bed

class-dining-table =
    { $count ->
        [one] { $count } dining table
       *[other] { $count } dining tables
    }
    .name = dining table
    .none = no dining table

class-toilet =
    { $count ->
        [one] { $count } toilet
       *[other] { $count } toilets
    }
    .name = toilet
    .none = no toilet

class-tv =
    { $count ->
        [one] { $count } TV
       *[other] { $count } TVs
    }
    .name = tv
    .none = no tv

class-laptop =
    { $count ->
        [one] { $count } laptop
       *[other] { $count } laptops
    }
    .name = laptop
    .none = no laptop

class-mouse =
    { $count ->
        [one] { $count } mouse
       *[other] { $count } mice
    }
    .name = mouse
    .none = no mouse

class-remote =
    { $count ->
        [one] { $count } remote
       *[other] { $count } remotes
    }
    .name = remote
    .none = no remote

class-keyboard =
    { $count ->
        [one] { $count } keyboard
       *[other] { $count } keyboards
    }
    .name = keyboard
    .none = no keyboard

class-cell-phone =
    { $count ->
        [one] { $count } cell phone
       *[other] { $count } cell phones
    }
    .name = cell phone
    .none = no cell phone

class-microwave =
    { $count ->
        [one] { $count } microwave
       *[other] { $count } microwaves
    }
    .name = microwave
    .none = no microwave

class-oven =
    { $count ->
        [one] { $count } oven
       *[other] { $count } ovens
    }
    .name = oven
    .none = no oven

class-toaster =
    { $count ->
        [one] { $count } toaster
       *[other] { $count } toasters
    }
    .name = toaster
    .none = no toaster

class-sink =
    { $count ->
        [one] { $count } sink
       *[other] { $count } sinks
    }
    .name = sink
    .none = no sink

class-refrigerator =
    { $count ->
        [one] { $count } refrigerator
       *[other] { $count } refrigerators
    }
    .name = refrigerator
    .none = no refrigerator

class-book =
    { $count ->
        [one] { $count } book
       *[other] { $count } books
    }
    .name = book
    .none = no book

class-clock =
    { $count ->
        [one] { $count } clock
       *[other] { $count } clocks
    }
    .name = clock
    .none = no clock

class-vase =
    { $count ->
        [one] { $count } vase
       *[other] { $count } vases
    }
    .name = vase
    .none = no vase

class-scissors =
    { $count ->
        [one] { $count } pair of scissors
       *[other] { $count } pairs of scissors
    }
    .name = scissors
    .none = no scissors

class-teddy-bear =
    { $count ->
        [one] { $count } teddy bear
       *[other] { $count } teddy bears
    }
    .name = teddy bear
    .none = no teddy bear

class-hair-drier =
    { $count ->
        [one] { $count } hair drier
       *[other] { $count } hair driers
    }
    .name = hair drier
    .none = no hair drier

class-toothbrush =
    { $count ->
        [one] { $count } toothbrush
       *[other] { $count } toothbrushes
    }
    .name = toothbrush
    .none = no toothbrush

# A class the bot has no words for (a model trained on other classes than COCO's): $count of it, $name as
# the model names it; .none without a noun's gender or case.
other-class = { $count } × { $name }
    .name = { $name }
    .none = no { $name }
