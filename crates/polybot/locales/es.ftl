# The bot's words in Spanish (es), following en.ftl: the same messages, attributes and variables.
# Neutral Spanish, informal "tú" (usual for Telegram bots). Plurals: CLDR [one] and [other]; [many]
# (1000000…) falls back to [other]. Captions ask for classes by their English (COCO) names, which /classes lists.

## Answers to messages

# /start and /help. $known: how many kinds of objects the model knows (80).
help = ¡Hola! Envíame una foto o un vídeo corto y te diré qué objetos veo (personas, animales, vehículos, cosas cotidianas: { $known } tipos), con una imagen que marca dónde están; en un vídeo, la del momento en que aparecen más. Para buscar solo algunos tipos, escribe sus nombres en inglés en el pie de foto: /detect dog cat, o /detect person conf 0.5 para quedarte con los que detecto con más seguridad; /classes muestra los tipos que conozco. En un grupo, envía la foto con /detect como pie de foto, mencióname en el pie de foto o envíala como respuesta a uno de mis mensajes.
detect-needs-a-photo = Envíame una foto o un vídeo con /detect como pie de foto o de vídeo y buscaré los objetos que aparecen.
send-a-photo = Envíame una foto o un vídeo corto y buscaré los objetos que aparecen. Con /help te cuento más.
only-photos = Solo puedo mirar fotos y vídeos cortos. Envíame una foto o un vídeo (o un archivo de imagen) y buscaré los objetos que aparecen.
unsupported-image = Puedo leer imágenes JPEG, PNG, WebP, BMP y GIF. Por favor, envía la imagen como foto.
too-large = Ese archivo es demasiado grande para mí: los bots solo pueden descargar archivos de hasta 20 MB. Por favor, envíalo como foto.
video-too-large = Ese vídeo es demasiado grande para mí: los bots solo pueden descargar archivos de hasta 20 MB. Por favor, envía un clip más corto.
unsupported-video = Puedo leer vídeos MP4. Por favor, envía el clip como vídeo (Telegram lo convierte) y no como archivo.
accepted = Recibida, buscando objetos…
try-again = Lo siento, algo salió mal al recibir tu foto. Por favor, envíala de nuevo.
# $waiting photos of the chat already wait for their answer.
too-many-waiting =
    Tienes { $waiting ->
        [one] { $waiting } foto
       *[other] { $waiting } fotos
    } esperando mi respuesta, el máximo que acepto a la vez. Por favor, vuelve a enviar esta cuando te haya respondido.
# About $count seconds, minutes or hours ($unit).
expect-to-wait =
    Recibida. Ahora mismo, responder a una foto lleva alrededor de { $unit ->
        [hours] { $count ->
            [one] { $count } hora
           *[other] { $count } horas
        }
        [minutes] { $count ->
            [one] { $count } minuto
           *[other] { $count } minutos
        }
       *[seconds] { $count ->
            [one] { $count } segundo
           *[other] { $count } segundos
        }
    }; la tuya está en la cola.

## The commands Telegram's apps offer as the user types / (setMyCommands; at most 256 characters each)

command-start = Lo que hago
command-help = Cómo enviarme fotos, aquí y en grupos
command-detect = Busca los objetos de una foto o un vídeo: envíalo con /detect (o /detect dog cat, con los nombres en inglés) como pie de foto o de vídeo
command-classes = Los tipos de objetos que conozco, para pedirlos con /detect

## A caption's question

classes = Conozco estos { $known } tipos de objetos: { $names }. Pide algunos en el pie de foto con su nombre en inglés, p. ej. /detect dog cat, o /detect person conf 0.5 para los que detecto con más seguridad.
names-entry = { $name } ({ $local })
unknown-classes = No conozco { $words }.
did-you-mean = ¿Querías decir { $name }?
closest-names = Los nombres más parecidos que conozco: { $names }.
see-classes = /classes muestra los { $known } tipos de objetos que conozco.
bad-confidence = { $said } no es un nivel de confianza que pueda usar: dame uno entre 0 y 1 (conf 0.5) o un porcentaje (>50%).
quoted = «{ $word }»

## The answer to a photo

found-nothing = No encontré ningún objeto que conozca en esta foto.
found-nothing-sure = No encontré en esta foto nada con una confianza de al menos el { $percent } %.
found-objects =
    Encontré { $total ->
        [one] { $total } objeto
       *[other] { $total } objetos
    }: { $objects }
found-objects-sure =
    Contando solo lo que tiene una confianza de al menos el { $percent } %, encontré { $total ->
        [one] { $total } objeto
       *[other] { $total } objetos
    }: { $objects }
# $objects may start with a .none ("ningún gato"), hence the colon: a tally, not "Encontré ningún gato".
found-asked = Encontré: { $objects }
found-asked-sure = Contando solo lo que tiene una confianza de al menos el { $percent } %, encontré: { $objects }
list-separator = {", "}
asked-separator = {"; "}

## The answer to a video: the worker looked at a few frames a second ($frames in all) of a clip $seconds long, and
## sends the frame with the most objects asked for as the picture.

clip-nothing = No encontré ningún objeto que conozca en este vídeo.
clip-nothing-sure = No encontré en este vídeo nada con una confianza de al menos el { $percent } %.
# $classes may start with a .none ("ningún gato"), hence the colon, as in found-asked.
clip-found =
    En este vídeo de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    } encontré: { $classes }.
clip-found-sure =
    Contando solo lo que tiene una confianza de al menos el { $percent } %, en este vídeo de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    } encontré: { $classes }.
# $most the most seen in one frame, $counted those counted (class-…), $share the percent of the frames that show it.
clip-class =
    { $most ->
        [one] { $counted } en el { $share } % del vídeo
       *[other] hasta { $counted } a la vez, en el { $share } % del vídeo
    }

## The worker could not look at the photo

failed-job = Lo siento, algo falló por mi parte con esta foto. Por favor, envíala de nuevo.
failed-missing = Lo siento, ya no encuentro tu foto. Por favor, envíala de nuevo.
failed-format = Lo siento, no pude leer este archivo como imagen. Por favor, envía un JPEG, PNG, WebP, BMP o GIF.
failed-corrupt = Lo siento, parece que esta imagen está dañada y no pude leerla. Por favor, envíala de nuevo.
failed-too-large = Lo siento, esta imagen es demasiado grande para que pueda abrirla. Por favor, envíala como foto o en un archivo más pequeño.
failed-too-slow = Lo siento, esta imagen tarda demasiado en abrirse. Por favor, envíala como foto o vuelve a guardarla como un JPEG o PNG normal.
failed-video-format = Lo siento, no pude leer este vídeo: leo vídeo H.264 en MP4, que es como Telegram envía los vídeos y los GIF. Por favor, envíalo como un vídeo normal.
failed-video-too-long = Lo siento, este vídeo es demasiado largo para que pueda mirarlo. Por favor, envía un clip más corto.
failed-video-too-large = Lo siento, la resolución de este vídeo es demasiado alta para mí. Por favor, envíalo con una resolución más baja.
failed-other = Lo siento, no pude mirar esa foto: { $reason }. Por favor, prueba con otra.

## The 80 COCO classes: the value counts $count of them (number included), .name is the class's name (singular,
## no number), .none says that none was found ("ningún gato", "ninguna silla").

class-person =
    { $count ->
        [one] { $count } persona
       *[other] { $count } personas
    }
    .name = persona
    .none = ninguna persona

class-bicycle =
    { $count ->
        [one] { $count } bicicleta
       *[other] { $count } bicicletas
    }
    .name = bicicleta
    .none = ninguna bicicleta

class-car =
    { $count ->
        [one] { $count } coche
       *[other] { $count } coches
    }
    .name = coche
    .none = ningún coche

class-motorcycle =
    { $count ->
        [one] { $count } moto
       *[other] { $count } motos
    }
    .name = moto
    .none = ninguna moto

class-airplane =
    { $count ->
        [one] { $count } avión
       *[other] { $count } aviones
    }
    .name = avión
    .none = ningún avión

class-bus =
    { $count ->
        [one] { $count } autobús
       *[other] { $count } autobuses
    }
    .name = autobús
    .none = ningún autobús

class-train =
    { $count ->
        [one] { $count } tren
       *[other] { $count } trenes
    }
    .name = tren
    .none = ningún tren

class-truck =
    { $count ->
        [one] { $count } camión
       *[other] { $count } camiones
    }
    .name = camión
    .none = ningún camión

class-boat =
    { $count ->
        [one] { $count } barco
       *[other] { $count } barcos
    }
    .name = barco
    .none = ningún barco

class-traffic-light =
    { $count ->
        [one] { $count } semáforo
       *[other] { $count } semáforos
    }
    .name = semáforo
    .none = ningún semáforo

class-fire-hydrant =
    { $count ->
        [one] { $count } boca de incendios
       *[other] { $count } bocas de incendios
    }
    .name = boca de incendios
    .none = ninguna boca de incendios

class-stop-sign =
    { $count ->
        [one] { $count } señal de stop
       *[other] { $count } señales de stop
    }
    .name = señal de stop
    .none = ninguna señal de stop

class-parking-meter =
    { $count ->
        [one] { $count } parquímetro
       *[other] { $count } parquímetros
    }
    .name = parquímetro
    .none = ningún parquímetro

class-bench =
    { $count ->
        [one] { $count } banco
       *[other] { $count } bancos
    }
    .name = banco
    .none = ningún banco

class-bird =
    { $count ->
        [one] { $count } pájaro
       *[other] { $count } pájaros
    }
    .name = pájaro
    .none = ningún pájaro

class-cat =
    { $count ->
        [one] { $count } gato
       *[other] { $count } gatos
    }
    .name = gato
    .none = ningún gato

class-dog =
    { $count ->
        [one] { $count } perro
       *[other] { $count } perros
    }
    .name = perro
    .none = ningún perro

class-horse =
    { $count ->
        [one] { $count } caballo
       *[other] { $count } caballos
    }
    .name = caballo
    .none = ningún caballo

class-sheep =
    { $count ->
        [one] { $count } oveja
       *[other] { $count } ovejas
    }
    .name = oveja
    .none = ninguna oveja

class-cow =
    { $count ->
        [one] { $count } vaca
       *[other] { $count } vacas
    }
    .name = vaca
    .none = ninguna vaca

class-elephant =
    { $count ->
        [one] { $count } elefante
       *[other] { $count } elefantes
    }
    .name = elefante
    .none = ningún elefante

class-bear =
    { $count ->
        [one] { $count } oso
       *[other] { $count } osos
    }
    .name = oso
    .none = ningún oso

class-zebra =
    { $count ->
        [one] { $count } cebra
       *[other] { $count } cebras
    }
    .name = cebra
    .none = ninguna cebra

class-giraffe =
    { $count ->
        [one] { $count } jirafa
       *[other] { $count } jirafas
    }
    .name = jirafa
    .none = ninguna jirafa

class-backpack =
    { $count ->
        [one] { $count } mochila
       *[other] { $count } mochilas
    }
    .name = mochila
    .none = ninguna mochila

class-umbrella =
    { $count ->
        [one] { $count } paraguas
       *[other] { $count } paraguas
    }
    .name = paraguas
    .none = ningún paraguas

class-handbag =
    { $count ->
        [one] { $count } bolso
       *[other] { $count } bolsos
    }
    .name = bolso
    .none = ningún bolso

class-tie =
    { $count ->
        [one] { $count } corbata
       *[other] { $count } corbatas
    }
    .name = corbata
    .none = ninguna corbata

class-suitcase =
    { $count ->
        [one] { $count } maleta
       *[other] { $count } maletas
    }
    .name = maleta
    .none = ninguna maleta

class-frisbee =
    { $count ->
        [one] { $count } frisbi
       *[other] { $count } frisbis
    }
    .name = frisbi
    .none = ningún frisbi

class-skis =
    { $count ->
        [one] { $count } par de esquís
       *[other] { $count } pares de esquís
    }
    .name = esquís
    .none = ningún par de esquís

class-snowboard =
    { $count ->
        [one] { $count } tabla de snowboard
       *[other] { $count } tablas de snowboard
    }
    .name = tabla de snowboard
    .none = ninguna tabla de snowboard

class-sports-ball =
    { $count ->
        [one] { $count } pelota
       *[other] { $count } pelotas
    }
    .name = pelota
    .none = ninguna pelota

class-kite =
    { $count ->
        [one] { $count } cometa
       *[other] { $count } cometas
    }
    .name = cometa
    .none = ninguna cometa

class-baseball-bat =
    { $count ->
        [one] { $count } bate de béisbol
       *[other] { $count } bates de béisbol
    }
    .name = bate de béisbol
    .none = ningún bate de béisbol

class-baseball-glove =
    { $count ->
        [one] { $count } guante de béisbol
       *[other] { $count } guantes de béisbol
    }
    .name = guante de béisbol
    .none = ningún guante de béisbol

class-skateboard =
    { $count ->
        [one] { $count } monopatín
       *[other] { $count } monopatines
    }
    .name = monopatín
    .none = ningún monopatín

class-surfboard =
    { $count ->
        [one] { $count } tabla de surf
       *[other] { $count } tablas de surf
    }
    .name = tabla de surf
    .none = ninguna tabla de surf

class-tennis-racket =
    { $count ->
        [one] { $count } raqueta de tenis
       *[other] { $count } raquetas de tenis
    }
    .name = raqueta de tenis
    .none = ninguna raqueta de tenis

class-bottle =
    { $count ->
        [one] { $count } botella
       *[other] { $count } botellas
    }
    .name = botella
    .none = ninguna botella

class-wine-glass =
    { $count ->
        [one] { $count } copa de vino
       *[other] { $count } copas de vino
    }
    .name = copa de vino
    .none = ninguna copa de vino

class-cup =
    { $count ->
        [one] { $count } taza
       *[other] { $count } tazas
    }
    .name = taza
    .none = ninguna taza

class-fork =
    { $count ->
        [one] { $count } tenedor
       *[other] { $count } tenedores
    }
    .name = tenedor
    .none = ningún tenedor

class-knife =
    { $count ->
        [one] { $count } cuchillo
       *[other] { $count } cuchillos
    }
    .name = cuchillo
    .none = ningún cuchillo

class-spoon =
    { $count ->
        [one] { $count } cuchara
       *[other] { $count } cucharas
    }
    .name = cuchara
    .none = ninguna cuchara

class-bowl =
    { $count ->
        [one] { $count } cuenco
       *[other] { $count } cuencos
    }
    .name = cuenco
    .none = ningún cuenco

class-banana =
    { $count ->
        [one] { $count } plátano
       *[other] { $count } plátanos
    }
    .name = plátano
    .none = ningún plátano

class-apple =
    { $count ->
        [one] { $count } manzana
       *[other] { $count } manzanas
    }
    .name = manzana
    .none = ninguna manzana

class-sandwich =
    { $count ->
        [one] { $count } sándwich
       *[other] { $count } sándwiches
    }
    .name = sándwich
    .none = ningún sándwich

class-orange =
    { $count ->
        [one] { $count } naranja
       *[other] { $count } naranjas
    }
    .name = naranja
    .none = ninguna naranja

class-broccoli =
    { $count ->
        [one] { $count } brócoli
       *[other] { $count } brócolis
    }
    .name = brócoli
    .none = ningún brócoli

class-carrot =
    { $count ->
        [one] { $count } zanahoria
       *[other] { $count } zanahorias
    }
    .name = zanahoria
    .none = ninguna zanahoria

class-hot-dog =
    { $count ->
        [one] { $count } perrito caliente
       *[other] { $count } perritos calientes
    }
    .name = perrito caliente
    .none = ningún perrito caliente

class-pizza =
    { $count ->
        [one] { $count } pizza
       *[other] { $count } pizzas
    }
    .name = pizza
    .none = ninguna pizza

class-donut =
    { $count ->
        [one] { $count } dónut
       *[other] { $count } dónuts
    }
    .name = dónut
    .none = ningún dónut

class-cake =
    { $count ->
        [one] { $count } pastel
       *[other] { $count } pasteles
    }
    .name = pastel
    .none = ningún pastel

class-chair =
    { $count ->
        [one] { $count } silla
       *[other] { $count } sillas
    }
    .name = silla
    .none = ninguna silla

class-couch =
    { $count ->
        [one] { $count } sofá
       *[other] { $count } sofás
    }
    .name = sofá
    .none = ningún sofá

class-potted-plant =
    { $count ->
        [one] { $count } planta en maceta
       *[other] { $count } plantas en maceta
    }
    .name = planta en maceta
    .none = ninguna planta en maceta

class-bed =
    { $count ->
        [one] { $count } cama
       *[other] { $count } camas
    }
    .name = cama
    .none = ninguna cama

class-dining-table =
    { $count ->
        [one] { $count } mesa
       *[other] { $count } mesas
    }
    .name = mesa
    .none = ninguna mesa

class-toilet =
    { $count ->
        [one] { $count } inodoro
       *[other] { $count } inodoros
    }
    .name = inodoro
    .none = ningún inodoro

class-tv =
    { $count ->
        [one] { $count } televisor
       *[other] { $count } televisores
    }
    .name = televisor
    .none = ningún televisor

class-laptop =
    { $count ->
        [one] { $count } portátil
       *[other] { $count } portátiles
    }
    .name = portátil
    .none = ningún portátil

class-mouse =
    { $count ->
        [one] { $count } ratón
       *[other] { $count } ratones
    }
    .name = ratón
    .none = ningún ratón

class-remote =
    { $count ->
        [one] { $count } mando a distancia
       *[other] { $count } mandos a distancia
    }
    .name = mando a distancia
    .none = ningún mando a distancia

class-keyboard =
    { $count ->
        [one] { $count } teclado
       *[other] { $count } teclados
    }
    .name = teclado
    .none = ningún teclado

class-cell-phone =
    { $count ->
        [one] { $count } teléfono móvil
       *[other] { $count } teléfonos móviles
    }
    .name = teléfono móvil
    .none = ningún teléfono móvil

class-microwave =
    { $count ->
        [one] { $count } microondas
       *[other] { $count } microondas
    }
    .name = microondas
    .none = ningún microondas

class-oven =
    { $count ->
        [one] { $count } horno
       *[other] { $count } hornos
    }
    .name = horno
    .none = ningún horno

class-toaster =
    { $count ->
        [one] { $count } tostadora
       *[other] { $count } tostadoras
    }
    .name = tostadora
    .none = ninguna tostadora

class-sink =
    { $count ->
        [one] { $count } fregadero
       *[other] { $count } fregaderos
    }
    .name = fregadero
    .none = ningún fregadero

class-refrigerator =
    { $count ->
        [one] { $count } nevera
       *[other] { $count } neveras
    }
    .name = nevera
    .none = ninguna nevera

class-book =
    { $count ->
        [one] { $count } libro
       *[other] { $count } libros
    }
    .name = libro
    .none = ningún libro

class-clock =
    { $count ->
        [one] { $count } reloj
       *[other] { $count } relojes
    }
    .name = reloj
    .none = ningún reloj

class-vase =
    { $count ->
        [one] { $count } jarrón
       *[other] { $count } jarrones
    }
    .name = jarrón
    .none = ningún jarrón

class-scissors =
    { $count ->
        [one] { $count } tijera
       *[other] { $count } tijeras
    }
    .name = tijeras
    .none = ninguna tijera

class-teddy-bear =
    { $count ->
        [one] { $count } osito de peluche
       *[other] { $count } ositos de peluche
    }
    .name = osito de peluche
    .none = ningún osito de peluche

class-hair-drier =
    { $count ->
        [one] { $count } secador de pelo
       *[other] { $count } secadores de pelo
    }
    .name = secador de pelo
    .none = ningún secador de pelo

class-toothbrush =
    { $count ->
        [one] { $count } cepillo de dientes
       *[other] { $count } cepillos de dientes
    }
    .name = cepillo de dientes
    .none = ningún cepillo de dientes

# A class the bot has no words for (a model trained on other classes): $name as the model names it.
other-class = { $count } × { $name }
    .name = { $name }
    .none = { $name }: 0
