# The bot's words in French (fr), following en.ftl: the same messages, attributes and variables.
# Users are addressed with the formal "vous", as is usual for French apps and bots.
# Plurals follow CLDR for French: [one] (0 and 1) and [other] (the default; CLDR's [many], for 1000000…, falls to it).
# Typography: a narrow no-break space (U+202F) before : ; ? ! and %, and inside « »; apostrophes are ’.
# Captions ask for classes by their English (COCO) names, which /classes lists.

## Answers to messages

help = Bonjour ! Envoyez-moi une photo ou une courte vidéo et je vous dirai quels objets j’y vois (personnes, animaux, véhicules, objets du quotidien : { $known } types), avec une image qui montre où ils se trouvent ; pour une vidéo, celle du moment où il y en a le plus. Pour ne chercher que certains types, indiquez leurs noms anglais dans la légende de la photo : /detect dog cat, ou /detect person conf 0.5 pour ne garder que ceux dont je suis le plus sûr ; /classes liste les types que je connais. Dans un groupe, envoyez la photo avec /detect en légende, mentionnez-moi dans sa légende, ou envoyez-la en réponse à l’un de mes messages.
detect-needs-a-photo = Envoyez-moi une photo ou une vidéo avec /detect en légende, et je trouverai les objets qu’elle contient.
send-a-photo = Envoyez-moi une photo ou une courte vidéo et je trouverai les objets qu’elle contient. /help vous en dit plus.
only-photos = Je ne peux regarder que des photos et de courtes vidéos. Envoyez-m’en une (ou un fichier image) et je trouverai les objets qu’elle contient.
unsupported-image = Je sais lire les images JPEG, PNG, WebP, BMP et GIF. Merci d’envoyer l’image en tant que photo.
too-large = Ce fichier est trop lourd pour moi : les bots ne peuvent télécharger que des fichiers de 20 Mo au maximum. Merci de l’envoyer plutôt en tant que photo.
video-too-large = Cette vidéo est trop lourde pour moi : les bots ne peuvent télécharger que des fichiers de 20 Mo au maximum. Merci d’en envoyer un extrait plus court.
unsupported-video = Je sais lire les vidéos MP4. Merci d’envoyer l’extrait en tant que vidéo (Telegram la convertit) plutôt qu’en tant que fichier.
accepted = Bien reçu, je cherche les objets…
try-again = Désolé, un problème est survenu pendant la réception de votre photo. Merci de la renvoyer.
too-many-waiting =
    Vous avez déjà { $waiting ->
        [one] { $waiting } photo qui attend
       *[other] { $waiting } photos qui attendent
    } ma réponse, soit autant que je peux en traiter à la fois. Merci de renvoyer celle-ci quand j’aurai répondu.
expect-to-wait =
    Bien reçu. En ce moment, il me faut environ { $unit ->
        [hours] { $count ->
            [one] { $count } heure
           *[other] { $count } heures
        }
        [minutes] { $count ->
            [one] { $count } minute
           *[other] { $count } minutes
        }
       *[seconds] { $count ->
            [one] { $count } seconde
           *[other] { $count } secondes
        }
    } pour répondre à une photo ; la vôtre est dans la file d’attente.

## The commands Telegram's apps offer as the user types / (setMyCommands; at most 256 characters each)

command-start = Ce que je fais
command-help = Comment m’envoyer des photos, ici et dans les groupes
command-detect = Trouver les objets d’une photo ou d’une vidéo : envoyez-la avec /detect (ou /detect dog cat, types en anglais) en légende
command-classes = Les types d’objets que je connais (noms anglais), à demander avec /detect

## A caption's question

classes = Je connais ces { $known } types d’objets : { $names }. Demandez-en certains par leur nom anglais dans la légende de la photo, par exemple /detect dog cat, ou /detect person conf 0.5 pour ne garder que ceux dont je suis le plus sûr.
names-entry = { $name } ({ $local })
unknown-classes = Je ne connais pas { $words }.
did-you-mean = Vouliez-vous dire { $name } ?
closest-names = Les noms les plus proches que je connais : { $names }.
see-classes = /classes liste les { $known } types d’objets que je connais.
bad-confidence = { $said } n’est pas un niveau de confiance que je peux utiliser : donnez-en un entre 0 et 1 (conf 0.5) ou en pourcentage (>50%).
quoted = « { $word } »

## The answer to a photo

found-nothing = Je n’ai trouvé sur cette photo aucun objet que je connaisse.
found-nothing-sure = Je n’ai rien trouvé sur cette photo dont je sois sûr à au moins { $percent } %.
found-objects =
    J’ai trouvé { $total ->
        [one] { $total } objet
       *[other] { $total } objets
    } : { $objects }
found-objects-sure =
    En ne comptant que ce dont je suis sûr à au moins { $percent } %, j’ai trouvé { $total ->
        [one] { $total } objet
       *[other] { $total } objets
    } : { $objects }
# Worded so that it stays grammatical when every part is a .none ("aucun chien").
found-asked = Sur cette photo : { $objects }
found-asked-sure = Sur cette photo, en ne comptant que ce dont je suis sûr à au moins { $percent } % : { $objects }
list-separator = {", "}
asked-separator = {"\u202F; "}

## The answer to a video: the worker looked at a few frames a second ($frames in all) of a clip $seconds long, and
## sends the frame with the most objects asked for as the picture.

clip-nothing = Je n’ai trouvé dans cette vidéo aucun objet que je connaisse.
clip-nothing-sure = Je n’ai rien trouvé dans cette vidéo dont je sois sûr à au moins { $percent } %.
# Worded, like found-asked, so that it stays grammatical when $classes starts with a .none ("aucun chien").
clip-found =
    Dans cette vidéo de { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    } : { $classes }.
clip-found-sure =
    Dans cette vidéo de { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }, en ne comptant que ce dont je suis sûr à au moins { $percent } % : { $classes }.
# "visible" is the same in both genders, so it agrees with any $counted.
clip-class =
    { $most ->
        [one] { $counted }, visible { $share } % du temps
       *[other] jusqu’à { $counted } à la fois, visibles { $share } % du temps
    }

## The worker could not look at the photo

failed-job = Désolé, un problème est survenu de mon côté avec cette photo. Merci de la renvoyer.
failed-missing = Désolé, je ne retrouve plus votre photo. Merci de la renvoyer.
failed-format = Désolé, je n’ai pas pu lire ce fichier comme une image. Merci d’envoyer un JPEG, PNG, WebP, BMP ou GIF.
failed-corrupt = Désolé, cette image semble endommagée et je n’ai pas pu la lire. Merci de la renvoyer.
failed-too-large = Désolé, cette image est trop grande pour que je puisse l’ouvrir. Merci de l’envoyer en tant que photo, ou dans un fichier plus petit.
failed-too-slow = Désolé, cette image est trop longue à ouvrir. Merci de l’envoyer en tant que photo, ou de la réenregistrer en JPEG ou PNG ordinaire.
failed-video-format = Désolé, je n’ai pas pu lire cette vidéo : je lis la vidéo H.264 en MP4, le format dans lequel Telegram envoie les vidéos et les GIF. Merci de l’envoyer en tant que vidéo ordinaire.
failed-video-too-long = Désolé, cette vidéo est trop longue pour que je puisse la regarder. Merci d’en envoyer un extrait plus court.
failed-video-too-large = Désolé, l’image de cette vidéo est trop grande pour moi. Merci de l’envoyer en plus basse résolution.
failed-other = Désolé, je n’ai pas pu regarder cette photo : { $reason }. Merci d’en essayer une autre.

## The 80 COCO classes: the value counts $count of them (number included), .name is the class's name (singular,
## no number), .none says that none was found ("aucun chien", "aucune chaise").

class-person =
    { $count ->
        [one] { $count } personne
       *[other] { $count } personnes
    }
    .name = personne
    .none = aucune personne

class-bicycle =
    { $count ->
        [one] { $count } vélo
       *[other] { $count } vélos
    }
    .name = vélo
    .none = aucun vélo

class-car =
    { $count ->
        [one] { $count } voiture
       *[other] { $count } voitures
    }
    .name = voiture
    .none = aucune voiture

class-motorcycle =
    { $count ->
        [one] { $count } moto
       *[other] { $count } motos
    }
    .name = moto
    .none = aucune moto

class-airplane =
    { $count ->
        [one] { $count } avion
       *[other] { $count } avions
    }
    .name = avion
    .none = aucun avion

class-bus =
    { $count ->
        [one] { $count } bus
       *[other] { $count } bus
    }
    .name = bus
    .none = aucun bus

class-train =
    { $count ->
        [one] { $count } train
       *[other] { $count } trains
    }
    .name = train
    .none = aucun train

class-truck =
    { $count ->
        [one] { $count } camion
       *[other] { $count } camions
    }
    .name = camion
    .none = aucun camion

class-boat =
    { $count ->
        [one] { $count } bateau
       *[other] { $count } bateaux
    }
    .name = bateau
    .none = aucun bateau

class-traffic-light =
    { $count ->
        [one] { $count } feu de circulation
       *[other] { $count } feux de circulation
    }
    .name = feu de circulation
    .none = aucun feu de circulation

class-fire-hydrant =
    { $count ->
        [one] { $count } bouche d’incendie
       *[other] { $count } bouches d’incendie
    }
    .name = bouche d’incendie
    .none = aucune bouche d’incendie

class-stop-sign =
    { $count ->
        [one] { $count } panneau stop
       *[other] { $count } panneaux stop
    }
    .name = panneau stop
    .none = aucun panneau stop

class-parking-meter =
    { $count ->
        [one] { $count } parcmètre
       *[other] { $count } parcmètres
    }
    .name = parcmètre
    .none = aucun parcmètre

class-bench =
    { $count ->
        [one] { $count } banc
       *[other] { $count } bancs
    }
    .name = banc
    .none = aucun banc

class-bird =
    { $count ->
        [one] { $count } oiseau
       *[other] { $count } oiseaux
    }
    .name = oiseau
    .none = aucun oiseau

class-cat =
    { $count ->
        [one] { $count } chat
       *[other] { $count } chats
    }
    .name = chat
    .none = aucun chat

class-dog =
    { $count ->
        [one] { $count } chien
       *[other] { $count } chiens
    }
    .name = chien
    .none = aucun chien

class-horse =
    { $count ->
        [one] { $count } cheval
       *[other] { $count } chevaux
    }
    .name = cheval
    .none = aucun cheval

class-sheep =
    { $count ->
        [one] { $count } mouton
       *[other] { $count } moutons
    }
    .name = mouton
    .none = aucun mouton

class-cow =
    { $count ->
        [one] { $count } vache
       *[other] { $count } vaches
    }
    .name = vache
    .none = aucune vache

class-elephant =
    { $count ->
        [one] { $count } éléphant
       *[other] { $count } éléphants
    }
    .name = éléphant
    .none = aucun éléphant

class-bear =
    { $count ->
        [one] { $count } ours
       *[other] { $count } ours
    }
    .name = ours
    .none = aucun ours

class-zebra =
    { $count ->
        [one] { $count } zèbre
       *[other] { $count } zèbres
    }
    .name = zèbre
    .none = aucun zèbre

class-giraffe =
    { $count ->
        [one] { $count } girafe
       *[other] { $count } girafes
    }
    .name = girafe
    .none = aucune girafe

class-backpack =
    { $count ->
        [one] { $count } sac à dos
       *[other] { $count } sacs à dos
    }
    .name = sac à dos
    .none = aucun sac à dos

class-umbrella =
    { $count ->
        [one] { $count } parapluie
       *[other] { $count } parapluies
    }
    .name = parapluie
    .none = aucun parapluie

class-handbag =
    { $count ->
        [one] { $count } sac à main
       *[other] { $count } sacs à main
    }
    .name = sac à main
    .none = aucun sac à main

class-tie =
    { $count ->
        [one] { $count } cravate
       *[other] { $count } cravates
    }
    .name = cravate
    .none = aucune cravate

class-suitcase =
    { $count ->
        [one] { $count } valise
       *[other] { $count } valises
    }
    .name = valise
    .none = aucune valise

class-frisbee =
    { $count ->
        [one] { $count } frisbee
       *[other] { $count } frisbees
    }
    .name = frisbee
    .none = aucun frisbee

class-skis =
    { $count ->
        [one] { $count } paire de skis
       *[other] { $count } paires de skis
    }
    .name = skis
    .none = aucune paire de skis

class-snowboard =
    { $count ->
        [one] { $count } snowboard
       *[other] { $count } snowboards
    }
    .name = snowboard
    .none = aucun snowboard

class-sports-ball =
    { $count ->
        [one] { $count } ballon
       *[other] { $count } ballons
    }
    .name = ballon
    .none = aucun ballon

class-kite =
    { $count ->
        [one] { $count } cerf-volant
       *[other] { $count } cerfs-volants
    }
    .name = cerf-volant
    .none = aucun cerf-volant

class-baseball-bat =
    { $count ->
        [one] { $count } batte de baseball
       *[other] { $count } battes de baseball
    }
    .name = batte de baseball
    .none = aucune batte de baseball

class-baseball-glove =
    { $count ->
        [one] { $count } gant de baseball
       *[other] { $count } gants de baseball
    }
    .name = gant de baseball
    .none = aucun gant de baseball

class-skateboard =
    { $count ->
        [one] { $count } skateboard
       *[other] { $count } skateboards
    }
    .name = skateboard
    .none = aucun skateboard

class-surfboard =
    { $count ->
        [one] { $count } planche de surf
       *[other] { $count } planches de surf
    }
    .name = planche de surf
    .none = aucune planche de surf

class-tennis-racket =
    { $count ->
        [one] { $count } raquette de tennis
       *[other] { $count } raquettes de tennis
    }
    .name = raquette de tennis
    .none = aucune raquette de tennis

class-bottle =
    { $count ->
        [one] { $count } bouteille
       *[other] { $count } bouteilles
    }
    .name = bouteille
    .none = aucune bouteille

class-wine-glass =
    { $count ->
        [one] { $count } verre à vin
       *[other] { $count } verres à vin
    }
    .name = verre à vin
    .none = aucun verre à vin

class-cup =
    { $count ->
        [one] { $count } tasse
       *[other] { $count } tasses
    }
    .name = tasse
    .none = aucune tasse

class-fork =
    { $count ->
        [one] { $count } fourchette
       *[other] { $count } fourchettes
    }
    .name = fourchette
    .none = aucune fourchette

class-knife =
    { $count ->
        [one] { $count } couteau
       *[other] { $count } couteaux
    }
    .name = couteau
    .none = aucun couteau

class-spoon =
    { $count ->
        [one] { $count } cuillère
       *[other] { $count } cuillères
    }
    .name = cuillère
    .none = aucune cuillère

class-bowl =
    { $count ->
        [one] { $count } bol
       *[other] { $count } bols
    }
    .name = bol
    .none = aucun bol

class-banana =
    { $count ->
        [one] { $count } banane
       *[other] { $count } bananes
    }
    .name = banane
    .none = aucune banane

class-apple =
    { $count ->
        [one] { $count } pomme
       *[other] { $count } pommes
    }
    .name = pomme
    .none = aucune pomme

class-sandwich =
    { $count ->
        [one] { $count } sandwich
       *[other] { $count } sandwichs
    }
    .name = sandwich
    .none = aucun sandwich

class-orange =
    { $count ->
        [one] { $count } orange
       *[other] { $count } oranges
    }
    .name = orange
    .none = aucune orange

class-broccoli =
    { $count ->
        [one] { $count } brocoli
       *[other] { $count } brocolis
    }
    .name = brocoli
    .none = aucun brocoli

class-carrot =
    { $count ->
        [one] { $count } carotte
       *[other] { $count } carottes
    }
    .name = carotte
    .none = aucune carotte

class-hot-dog =
    { $count ->
        [one] { $count } hot-dog
       *[other] { $count } hot-dogs
    }
    .name = hot-dog
    .none = aucun hot-dog

class-pizza =
    { $count ->
        [one] { $count } pizza
       *[other] { $count } pizzas
    }
    .name = pizza
    .none = aucune pizza

class-donut =
    { $count ->
        [one] { $count } donut
       *[other] { $count } donuts
    }
    .name = donut
    .none = aucun donut

class-cake =
    { $count ->
        [one] { $count } gâteau
       *[other] { $count } gâteaux
    }
    .name = gâteau
    .none = aucun gâteau

class-chair =
    { $count ->
        [one] { $count } chaise
       *[other] { $count } chaises
    }
    .name = chaise
    .none = aucune chaise

class-couch =
    { $count ->
        [one] { $count } canapé
       *[other] { $count } canapés
    }
    .name = canapé
    .none = aucun canapé

class-potted-plant =
    { $count ->
        [one] { $count } plante en pot
       *[other] { $count } plantes en pot
    }
    .name = plante en pot
    .none = aucune plante en pot

class-bed =
    { $count ->
        [one] { $count } lit
       *[other] { $count } lits
    }
    .name = lit
    .none = aucun lit

class-dining-table =
    { $count ->
        [one] { $count } table
       *[other] { $count } tables
    }
    .name = table
    .none = aucune table

class-toilet =
    { $count ->
        [one] { $count } WC
       *[other] { $count } WC
    }
    .name = WC
    .none = aucun WC

class-tv =
    { $count ->
        [one] { $count } télé
       *[other] { $count } télés
    }
    .name = télé
    .none = aucune télé

class-laptop =
    { $count ->
        [one] { $count } ordinateur portable
       *[other] { $count } ordinateurs portables
    }
    .name = ordinateur portable
    .none = aucun ordinateur portable

class-mouse =
    { $count ->
        [one] { $count } souris
       *[other] { $count } souris
    }
    .name = souris
    .none = aucune souris

class-remote =
    { $count ->
        [one] { $count } télécommande
       *[other] { $count } télécommandes
    }
    .name = télécommande
    .none = aucune télécommande

class-keyboard =
    { $count ->
        [one] { $count } clavier
       *[other] { $count } claviers
    }
    .name = clavier
    .none = aucun clavier

class-cell-phone =
    { $count ->
        [one] { $count } téléphone portable
       *[other] { $count } téléphones portables
    }
    .name = téléphone portable
    .none = aucun téléphone portable

class-microwave =
    { $count ->
        [one] { $count } micro-ondes
       *[other] { $count } micro-ondes
    }
    .name = micro-ondes
    .none = aucun micro-ondes

class-oven =
    { $count ->
        [one] { $count } four
       *[other] { $count } fours
    }
    .name = four
    .none = aucun four

class-toaster =
    { $count ->
        [one] { $count } grille-pain
       *[other] { $count } grille-pain
    }
    .name = grille-pain
    .none = aucun grille-pain

class-sink =
    { $count ->
        [one] { $count } évier
       *[other] { $count } éviers
    }
    .name = évier
    .none = aucun évier

class-refrigerator =
    { $count ->
        [one] { $count } réfrigérateur
       *[other] { $count } réfrigérateurs
    }
    .name = réfrigérateur
    .none = aucun réfrigérateur

class-book =
    { $count ->
        [one] { $count } livre
       *[other] { $count } livres
    }
    .name = livre
    .none = aucun livre

class-clock =
    { $count ->
        [one] { $count } horloge
       *[other] { $count } horloges
    }
    .name = horloge
    .none = aucune horloge

class-vase =
    { $count ->
        [one] { $count } vase
       *[other] { $count } vases
    }
    .name = vase
    .none = aucun vase

class-scissors =
    { $count ->
        [one] { $count } paire de ciseaux
       *[other] { $count } paires de ciseaux
    }
    .name = ciseaux
    .none = aucune paire de ciseaux

class-teddy-bear =
    { $count ->
        [one] { $count } ours en peluche
       *[other] { $count } ours en peluche
    }
    .name = ours en peluche
    .none = aucun ours en peluche

class-hair-drier =
    { $count ->
        [one] { $count } sèche-cheveux
       *[other] { $count } sèche-cheveux
    }
    .name = sèche-cheveux
    .none = aucun sèche-cheveux

class-toothbrush =
    { $count ->
        [one] { $count } brosse à dents
       *[other] { $count } brosses à dents
    }
    .name = brosse à dents
    .none = aucune brosse à dents

# A class the bot has no words for (a model trained on other classes): $name as the model names it.
other-class = { $count } × { $name }
    .name = { $name }
    .none = { $name } : 0
