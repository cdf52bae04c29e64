# The bot's words in German (de), following en.ftl: the same messages, attributes and variables.
# The bot speaks to the user with the informal "du", as German chat bots usually do.
# Plurals: German has the CLDR categories [one] (1) and [other] (everything else, 0 included).
# Captions ask for classes by their English (COCO) names, which /classes lists; the texts say so.
# Counted classes and .none are nominative: every answer lists them after a colon ("Das habe ich gefunden: …").

## Answers to messages

help = Hallo! Schick mir ein Foto oder ein kurzes Video, und ich sage dir, welche Objekte ich darauf sehe (Menschen, Tiere, Fahrzeuge, Alltagsgegenstände: { $known } Arten), mit einem Bild, auf dem markiert ist, wo sie sind; bei einem Video zeigt es den Moment, in dem die meisten zu sehen sind. Nach bestimmten Arten fragst du in der Beschriftung des Fotos, mit ihren englischen Namen: /detect dog cat, oder /detect person conf 0.5 für die, bei denen ich mir sicherer bin; /classes listet alle Arten, die ich kenne. In einer Gruppe schickst du das Foto mit /detect als Beschriftung, erwähnst mich in der Beschriftung oder schickst es als Antwort auf eine meiner Nachrichten.
detect-needs-a-photo = Schick mir ein Foto oder ein Video mit /detect als Beschriftung, dann finde ich die Objekte darauf.
send-a-photo = Schick mir ein Foto oder ein kurzes Video, dann finde ich die Objekte darauf. Mehr dazu unter /help.
only-photos = Ich kann mir nur Fotos und kurze Videos ansehen. Schick mir ein Foto oder Video (oder eine Bilddatei), dann finde ich die Objekte darauf.
unsupported-image = Ich kann Bilder im Format JPEG, PNG, WebP, BMP und GIF lesen. Bitte schick das Bild als Foto.
too-large = Diese Datei ist zu groß für mich: Bots können nur Dateien bis 20 MB herunterladen. Bitte schick sie stattdessen als Foto.
video-too-large = Dieses Video ist zu groß für mich: Bots können nur Dateien bis 20 MB herunterladen. Bitte schick einen kürzeren Clip.
unsupported-video = Ich kann Videos im Format MP4 lesen. Bitte schick den Clip als Video (Telegram wandelt ihn um) und nicht als Datei.
accepted = Alles klar, ich suche nach Objekten…
try-again = Tut mir leid, beim Annehmen deines Fotos ist etwas schiefgelaufen. Bitte schick es noch einmal.
too-many-waiting =
    Es { $waiting ->
        [one] wartet schon { $waiting } Foto
       *[other] warten schon { $waiting } Fotos
    } von dir auf meine Antwort, mehr nehme ich nicht auf einmal an. Bitte schick dieses hier noch einmal, sobald ich geantwortet habe.
expect-to-wait =
    Alles klar. Im Moment dauert es etwa { $unit ->
        [hours] { $count ->
            [one] { $count } Stunde
           *[other] { $count } Stunden
        }
        [minutes] { $count ->
            [one] { $count } Minute
           *[other] { $count } Minuten
        }
       *[seconds] { $count ->
            [one] { $count } Sekunde
           *[other] { $count } Sekunden
        }
    }, bis ich auf ein Foto antworte; deins steht in der Warteschlange.

## The commands Telegram's apps offer as the user types / (setMyCommands; at most 256 characters each)

command-start = Was ich mache
command-help = Wie du mir Fotos schickst, hier und in Gruppen
command-detect = Objekte auf einem Foto oder Video finden: schick es mit /detect (oder /detect dog cat, Arten auf Englisch) als Beschriftung
command-classes = Die Objektarten, die ich kenne, mit ihren englischen Namen für /detect

## A caption's question

classes = Ich kenne diese { $known } Objektarten: { $names }. Frag in der Beschriftung eines Fotos mit ihren englischen Namen nach einigen davon, z. B. /detect dog cat, oder /detect person conf 0.5 für die, bei denen ich mir sicherer bin.
names-entry = { $name } ({ $local })
unknown-classes = Ich kenne { $words } nicht.
did-you-mean = Meintest du { $name }?
closest-names = Die ähnlichsten Namen, die ich kenne: { $names }.
see-classes = /classes listet die { $known } Objektarten, die ich kenne, mit ihren englischen Namen.
bad-confidence = Mit { $said } als Sicherheitswert kann ich nichts anfangen: Gib einen Wert zwischen 0 und 1 (conf 0.5) oder einen Prozentwert (>50%) an.
quoted = „{ $word }“

## The answer to a photo

found-nothing = Auf diesem Foto habe ich keine Objekte gefunden, die ich kenne.
found-nothing-sure = Auf diesem Foto habe ich nichts gefunden, bei dem ich mir zu mindestens { $percent } % sicher bin.
found-objects =
    Ich habe { $total ->
        [one] { $total } Objekt
       *[other] { $total } Objekte
    } gefunden: { $objects }
found-objects-sure =
    Mit mindestens { $percent } % Sicherheit habe ich { $total ->
        [one] { $total } Objekt
       *[other] { $total } Objekte
    } gefunden: { $objects }
found-asked = Das habe ich gefunden: { $objects }
found-asked-sure = Das habe ich mit mindestens { $percent } % Sicherheit gefunden: { $objects }
list-separator = {", "}
asked-separator = {"; "}

## The answer to a video: the worker looked at a few frames a second ($frames in all) of a clip $seconds long, and
## sends the frame with the most objects asked for as the picture.

clip-nothing = In diesem Video habe ich keine Objekte gefunden, die ich kenne.
clip-nothing-sure = In diesem Video habe ich nichts gefunden, bei dem ich mir zu mindestens { $percent } % sicher bin.
clip-found =
    Das habe ich in diesem { $seconds ->
        [one] { $seconds } Sekunde
       *[other] { $seconds } Sekunden
    } langen Video gefunden: { $classes }.
clip-found-sure =
    Das habe ich in diesem { $seconds ->
        [one] { $seconds } Sekunde
       *[other] { $seconds } Sekunden
    } langen Video mit mindestens { $percent } % Sicherheit gefunden: { $classes }.
clip-class =
    { $most ->
        [one] { $counted } in { $share } % des Videos
       *[other] bis zu { $counted } gleichzeitig, in { $share } % des Videos
    }

## The worker could not look at the photo

failed-job = Tut mir leid, bei mir ist mit diesem Foto etwas schiefgelaufen. Bitte schick es noch einmal.
failed-missing = Tut mir leid, ich konnte dein Foto nicht mehr finden. Bitte schick es noch einmal.
failed-format = Tut mir leid, ich konnte diese Datei nicht als Bild lesen. Bitte schick ein JPEG, PNG, WebP, BMP oder GIF.
failed-corrupt = Tut mir leid, dieses Bild scheint beschädigt zu sein, ich konnte es nicht lesen. Bitte schick es noch einmal.
failed-too-large = Tut mir leid, dieses Bild ist zu groß, als dass ich es öffnen könnte. Bitte schick es als Foto oder als kleinere Datei.
failed-too-slow = Tut mir leid, das Öffnen dieses Bildes dauert zu lange. Bitte schick es als Foto oder speichere es noch einmal als normales JPEG oder PNG.
failed-video-format = Tut mir leid, ich konnte dieses Video nicht lesen: Ich lese H.264-Videos im MP4-Format, so wie Telegram Videos und GIFs verschickt. Bitte schick es als normales Video.
failed-video-too-long = Tut mir leid, dieses Video ist zu lang, als dass ich es mir ansehen könnte. Bitte schick einen kürzeren Clip.
failed-video-too-large = Tut mir leid, die Auflösung dieses Videos ist zu hoch für mich. Bitte schick es in einer niedrigeren Auflösung.
failed-other = Tut mir leid, ich konnte mir dieses Foto nicht ansehen: { $reason }. Bitte versuch es mit einem anderen.

## The 80 COCO classes: the value counts $count of them (number included), .name is the class's name (singular,
## no number), .none says that none was found ("kein Hund", nominative). The message's id is the COCO name with dashes.


class-person =
    { $count ->
        [one] { $count } Person
       *[other] { $count } Personen
    }
    .name = Person
    .none = keine Person

class-bicycle =
    { $count ->
        [one] { $count } Fahrrad
       *[other] { $count } Fahrräder
    }
    .name = Fahrrad
    .none = kein Fahrrad

class-car =
    { $count ->
        [one] { $count } Auto
       *[other] { $count } Autos
    }
    .name = Auto
    .none = kein Auto

class-motorcycle =
    { $count ->
        [one] { $count } Motorrad
       *[other] { $count } Motorräder
    }
    .name = Motorrad
    .none = kein Motorrad

class-airplane =
    { $count ->
        [one] { $count } Flugzeug
       *[other] { $count } Flugzeuge
    }
    .name = Flugzeug
    .none = kein Flugzeug

class-bus =
    { $count ->
        [one] { $count } Bus
       *[other] { $count } Busse
    }
    .name = Bus
    .none = kein Bus

class-train =
    { $count ->
        [one] { $count } Zug
       *[other] { $count } Züge
    }
    .name = Zug
    .none = kein Zug

class-truck =
    { $count ->
        [one] { $count } Lastwagen
       *[other] { $count } Lastwagen
    }
    .name = Lastwagen
    .none = kein Lastwagen

class-boat =
    { $count ->
        [one] { $count } Boot
       *[other] { $count } Boote
    }
    .name = Boot
    .none = kein Boot

class-traffic-light =
    { $count ->
        [one] { $count } Ampel
       *[other] { $count } Ampeln
    }
    .name = Ampel
    .none = keine Ampel

class-fire-hydrant =
    { $count ->
        [one] { $count } Hydrant
       *[other] { $count } Hydranten
    }
    .name = Hydrant
    .none = kein Hydrant

class-stop-sign =
    { $count ->
        [one] { $count } Stoppschild
       *[other] { $count } Stoppschilder
    }
    .name = Stoppschild
    .none = kein Stoppschild

class-parking-meter =
    { $count ->
        [one] { $count } Parkuhr
       *[other] { $count } Parkuhren
    }
    .name = Parkuhr
    .none = keine Parkuhr

class-bench =
    { $count ->
        [one] { $count } Bank
       *[other] { $count } Bänke
    }
    .name = Bank
    .none = keine Bank

class-bird =
    { $count ->
        [one] { $count } Vogel
       *[other] { $count } Vögel
    }
    .name = Vogel
    .none = kein Vogel

class-cat =
    { $count ->
        [one] { $count } Katze
       *[other] { $count } Katzen
    }
    .name = Katze
    .none = keine Katze

class-dog =
    { $count ->
        [one] { $count } Hund
       *[other] { $count } Hunde
    }
    .name = Hund
    .none = kein Hund

class-horse =
    { $count ->
        [one] { $count } Pferd
       *[other] { $count } Pferde
    }
    .name = Pferd
    .none = kein Pferd

class-sheep =
    { $count ->
        [one] { $count } Schaf
       *[other] { $count } Schafe
    }
    .name = Schaf
    .none = kein Schaf

class-cow =
    { $count ->
        [one] { $count } Kuh
       *[other] { $count } Kühe
    }
    .name = Kuh
    .none = keine Kuh

class-elephant =
    { $count ->
        [one] { $count } Elefant
       *[other] { $count } Elefanten
    }
    .name = Elefant
    .none = kein Elefant

class-bear =
    { $count ->
        [one] { $count } Bär
       *[other] { $count } Bären
    }
    .name = Bär
    .none = kein Bär

class-zebra =
    { $count ->
        [one] { $count } Zebra
       *[other] { $count } Zebras
    }
    .name = Zebra
    .none = kein Zebra

class-giraffe =
    { $count ->
        [one] { $count } Giraffe
       *[other] { $count } Giraffen
    }
    .name = Giraffe
    .none = keine Giraffe

class-backpack =
    { $count ->
        [one] { $count } Rucksack
       *[other] { $count } Rucksäcke
    }
    .name = Rucksack
    .none = kein Rucksack

class-umbrella =
    { $count ->
        [one] { $count } Regenschirm
       *[other] { $count } Regenschirme
    }
    .name = Regenschirm
    .none = kein Regenschirm

class-handbag =
    { $count ->
        [one] { $count } Handtasche
       *[other] { $count } Handtaschen
    }
    .name = Handtasche
    .none = keine Handtasche

class-tie =
    { $count ->
        [one] { $count } Krawatte
       *[other] { $count } Krawatten
    }
    .name = Krawatte
    .none = keine Krawatte

class-suitcase =
    { $count ->
        [one] { $count } Koffer
       *[other] { $count } Koffer
    }
    .name = Koffer
    .none = kein Koffer

class-frisbee =
    { $count ->
        [one] { $count } Frisbee
       *[other] { $count } Frisbees
    }
    .name = Frisbee
    .none = kein Frisbee

class-skis =
    { $count ->
        [one] { $count } Paar Ski
       *[other] { $count } Paar Ski
    }
    .name = Ski
    .none = keine Ski

class-snowboard =
    { $count ->
        [one] { $count } Snowboard
       *[other] { $count } Snowboards
    }
    .name = Snowboard
    .none = kein Snowboard

class-sports-ball =
    { $count ->
        [one] { $count } Ball
       *[other] { $count } Bälle
    }
    .name = Ball
    .none = kein Ball

class-kite =
    { $count ->
        [one] { $count } Drachen
       *[other] { $count } Drachen
    }
    .name = Drachen
    .none = kein Drachen

class-baseball-bat =
    { $count ->
        [one] { $count } Baseballschläger
       *[other] { $count } Baseballschläger
    }
    .name = Baseballschläger
    .none = kein Baseballschläger

class-baseball-glove =
    { $count ->
        [one] { $count } Baseballhandschuh
       *[other] { $count } Baseballhandschuhe
    }
    .name = Baseballhandschuh
    .none = kein Baseballhandschuh

class-skateboard =
    { $count ->
        [one] { $count } Skateboard
       *[other] { $count } Skateboards
    }
    .name = Skateboard
    .none = kein Skateboard

class-surfboard =
    { $count ->
        [one] { $count } Surfbrett
       *[other] { $count } Surfbretter
    }
    .name = Surfbrett
    .none = kein Surfbrett

class-tennis-racket =
    { $count ->
        [one] { $count } Tennisschläger
       *[other] { $count } Tennisschläger
    }
    .name = Tennisschläger
    .none = kein Tennisschläger

class-bottle =
    { $count ->
        [one] { $count } Flasche
       *[other] { $count } Flaschen
    }
    .name = Flasche
    .none = keine Flasche

class-wine-glass =
    { $count ->
        [one] { $count } Weinglas
       *[other] { $count } Weingläser
    }
    .name = Weinglas
    .none = kein Weinglas

class-cup =
    { $count ->
        [one] { $count } Tasse
       *[other] { $count } Tassen
    }
    .name = Tasse
    .none = keine Tasse

class-fork =
    { $count ->
        [one] { $count } Gabel
       *[other] { $count } Gabeln
    }
    .name = Gabel
    .none = keine Gabel

class-knife =
    { $count ->
        [one] { $count } Messer
       *[other] { $count } Messer
    }
    .name = Messer
    .none = kein Messer

class-spoon =
    { $count ->
        [one] { $count } Löffel
       *[other] { $count } Löffel
    }
    .name = Löffel
    .none = kein Löffel

class-bowl =
    { $count ->
        [one] { $count } Schüssel
       *[other] { $count } Schüsseln
    }
    .name = Schüssel
    .none = keine Schüssel

class-banana =
    { $count ->
        [one] { $count } Banane
       *[other] { $count } Bananen
    }
    .name = Banane
    .none = keine Banane

class-apple =
    { $count ->
        [one] { $count } Apfel
       *[other] { $count } Äpfel
    }
    .name = Apfel
    .none = kein Apfel

class-sandwich =
    { $count ->
        [one] { $count } Sandwich
       *[other] { $count } Sandwiches
    }
    .name = Sandwich
    .none = kein Sandwich

class-orange =
    { $count ->
        [one] { $count } Orange
       *[other] { $count } Orangen
    }
    .name = Orange
    .none = keine Orange

class-broccoli =
    { $count ->
        [one] { $count } Brokkoli
       *[other] { $count } Brokkoli
    }
    .name = Brokkoli
    .none = kein Brokkoli

class-carrot =
    { $count ->
        [one] { $count } Karotte
       *[other] { $count } Karotten
    }
    .name = Karotte
    .none = keine Karotte

class-hot-dog =
    { $count ->
        [one] { $count } Hotdog
       *[other] { $count } Hotdogs
    }
    .name = Hotdog
    .none = kein Hotdog

class-pizza =
    { $count ->
        [one] { $count } Pizza
       *[other] { $count } Pizzas
    }
    .name = Pizza
    .none = keine Pizza

class-donut =
    { $count ->
        [one] { $count } Donut
       *[other] { $count } Donuts
    }
    .name = Donut
    .none = kein Donut

class-cake =
    { $count ->
        [one] { $count } Kuchen
       *[other] { $count } Kuchen
    }
    .name = Kuchen
    .none = kein Kuchen

class-chair =
    { $count ->
        [one] { $count } Stuhl
       *[other] { $count } Stühle
    }
    .name = Stuhl
    .none = kein Stuhl

class-couch =
    { $count ->
        [one] { $count } Sofa
       *[other] { $count } Sofas
    }
    .name = Sofa
    .none = kein Sofa

class-potted-plant =
    { $count ->
        [one] { $count } Topfpflanze
       *[other] { $count } Topfpflanzen
    }
    .name = Topfpflanze
    .none = keine Topfpflanze

class-bed =
    { $count ->
        [one] { $count } Bett
       *[other] { $count } Betten
    }
    .name = Bett
    .none = kein Bett

class-dining-table =
    { $count ->
        [one] { $count } Esstisch
       *[other] { $count } Esstische
    }
    .name = Esstisch
    .none = kein Esstisch

class-toilet =
    { $count ->
        [one] { $count } Toilette
       *[other] { $count } Toiletten
    }
    .name = Toilette
    .none = keine Toilette

class-tv =
    { $count ->
        [one] { $count } Fernseher
       *[other] { $count } Fernseher
    }
    .name = Fernseher
    .none = kein Fernseher

class-laptop =
    { $count ->
        [one] { $count } Laptop
       *[other] { $count } Laptops
    }
    .name = Laptop
    .none = kein Laptop

class-mouse =
    { $count ->
        [one] { $count } Maus
       *[other] { $count } Mäuse
    }
    .name = Maus
    .none = keine Maus

class-remote =
    { $count ->
        [one] { $count } Fernbedienung
       *[other] { $count } Fernbedienungen
    }
    .name = Fernbedienung
    .none = keine Fernbedienung

class-keyboard =
    { $count ->
        [one] { $count } Tastatur
       *[other] { $count } Tastaturen
    }
    .name = Tastatur
    .none = keine Tastatur

class-cell-phone =
    { $count ->
        [one] { $count } Handy
       *[other] { $count } Handys
    }
    .name = Handy
    .none = kein Handy

class-microwave =
    { $count ->
        [one] { $count } Mikrowelle
       *[other] { $count } Mikrowellen
    }
    .name = Mikrowelle
    .none = keine Mikrowelle

class-oven =
    { $count ->
        [one] { $count } Backofen
       *[other] { $count } Backöfen
    }
    .name = Backofen
    .none = kein Backofen

class-toaster =
    { $count ->
        [one] { $count } Toaster
       *[other] { $count } Toaster
    }
    .name = Toaster
    .none = kein Toaster

class-sink =
    { $count ->
        [one] { $count } Waschbecken
       *[other] { $count } Waschbecken
    }
    .name = Waschbecken
    .none = kein Waschbecken

class-refrigerator =
    { $count ->
        [one] { $count } Kühlschrank
       *[other] { $count } Kühlschränke
    }
    .name = Kühlschrank
    .none = kein Kühlschrank

class-book =
    { $count ->
        [one] { $count } Buch
       *[other] { $count } Bücher
    }
    .name = Buch
    .none = kein Buch

class-clock =
    { $count ->
        [one] { $count } Uhr
       *[other] { $count } Uhren
    }
    .name = Uhr
    .none = keine Uhr

class-vase =
    { $count ->
        [one] { $count } Vase
       *[other] { $count } Vasen
    }
    .name = Vase
    .none = keine Vase

class-scissors =
    { $count ->
        [one] { $count } Schere
       *[other] { $count } Scheren
    }
    .name = Schere
    .none = keine Schere

class-teddy-bear =
    { $count ->
        [one] { $count } Teddybär
       *[other] { $count } Teddybären
    }
    .name = Teddybär
    .none = kein Teddybär

class-hair-drier =
    { $count ->
        [one] { $count } Föhn
       *[other] { $count } Föhne
    }
    .name = Föhn
    .none = kein Föhn

class-toothbrush =
    { $count ->
        [one] { $count } Zahnbürste
       *[other] { $count } Zahnbürsten
    }
    .name = Zahnbürste
    .none = keine Zahnbürste

# A class the bot has no words for (a model trained on other classes): $name as the model names it.
other-class = { $count } × { $name }
    .name = { $name }
    .none = { $name }: 0
