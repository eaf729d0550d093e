import type { Script } from './romanise.ts'

/**
 * Hand-written source names per script, in the notations described in romanise.ts, roughly most
 * common first (the synthetic generator draws them Zipf-like in this order). Every entry is a
 * distinct name, never a second spelling of another entry: Hasan and Husayn are two names,
 * Muhammad and Mohammed are one. Family names are given in the masculine form; `feminineFamily`
 * derives the feminine where the language inflects it.
 */
export type SourceNames = { male: readonly string[]; female: readonly string[]; family: readonly string[] }

const arabic: SourceNames = {
  male: [
    'muHammad', 'aHmad', '`alii', 'khaalid', 'Husayn', 'Hasan', '`umar', 'yuusuf', 'ibraahiim', 'maHmuud',
    'muSTafaa', '`abd al-raHmaan', '`abd allaah', '`abd al-`aziiz', '`abd al-qaadir', 'saamii', 'faadii',
    'jamaal', 'waliid', 'sa`iid', 'ziyaad', 'bilaal', 'anas', 'hishaam', 'kariim', 'maazin', 'naaSir',
    'raamii', 'riyaaD', 'samiir', 'Taariq', '`imaad', 'fu\'aad', 'ghassaan', 'haanii', 'Haamid', 'ismaa`iil',
    'ayyuub', 'daawuud', 'yaHyaa', 'zakariyyaa', 'sulaymaan', '`uthmaan', 'nabiil', 'qusay', 'layth',
    'shaadii', '`aadil', 'baasil', 'jihaad', 'muhannad', 'nizaar', 'ma\'muun', 'SaaliH', 'muniir', 'bashshaar',
    '`abd al-laTiif', '`abd al-kariim', 'ra\'fat', 'mu`aadh', 'khaliil', '`abbaas', 'jaasim', 'Haydar',
  ],
  female: [
    'faaTima#', 'maryam', '`aa\'isha#', 'zaynab', 'khadiija#', 'nuur', 'hiba#', 'ranaa', 'laylaa', 'salmaa',
    'yaasmiin', 'aamina#', 'ruqayya#', 'sawsan', 'rashaa', 'ghaada#', 'Hanaan', 'lamaa', 'diimaa', 'rahaf',
    'shahd', 'malak', 'hudaa', 'asmaa\'', 'widaad', 'suhaa', 'nisriin', 'faraH', 'aaya#', 'bushraa', '`abiir',
    'haalaa', 'manaal', 'su`aad', 'najwaa', 'raaniya#', 'jamiila#', 'kawthar', 'lubnaa', 'mayyaada#',
  ],
  family: [
    'al-aHmad', 'al-`alii', 'al-muHammad', 'al-Hasan', 'al-Husayn', 'al-khaTiib', 'al-Hamawii', 'al-Halabii',
    'al-shaamii', 'al-maSrii', 'al-`umar', 'al-ibraahiim', 'al-khaliil', 'al-najjaar', 'Haddaad', 'al-SaaliH',
    'al-`abd allaah', 'al-zu`bii', 'al-ja`farii', 'al-tamiimii', 'al-jubuurii', 'al-dulaymii', 'al-`ubaydii',
    'al-shammarii', 'al-`aanii', 'al-kurdii', '`abbaas', 'qaasim', 'darwiish', 'Sabbaagh', 'khayyaaT',
    'al-baghdaadii', 'al-muusawii', 'al-Hakiim', 'al-zubaydii', 'al-ka`bii', 'al-Hariirii', 'al-sayyid',
    'al-Hammaada#', 'al-rifaa`ii', 'mustafaa', 'al-Hussaynii', 'al-`azzaawii', 'al-jaasim', 'al-khalaf',
    'al-Hilaalii', 'al-`aTTaar', 'al-qaadirii',
  ],
}

const persian: SourceNames = {
  male: [
    'mohammad', 'ahmad', '`ali', 'mohammad reza', 'hoseyn', 'hasan', 'reza', 'mahmud', 'javaad', 'mehdi',
    '`ali reza', 'amir', 'Hamid', 'sa`id', 'majid', 'mostafaa', '`abbaas', 'gholaam', 'nur mohammad',
    'gol aHmad', 'zalmay', 'vali', 'khaan mohammad', 'shir aqaa', 'naaser', 'ajmal', 'bashir', 'fariid',
    'Habibollaah', 'raHmatollaah', 'Hekmatollaah', 'najibollaah', 'zabiHollaah', 'omiid', 'naviid',
    'farhaad', 'behruuz', 'daariush', 'kaamraan', 'parviiz', 'baabak', 'aarash', 'siyaamak', 'esmaa`iil',
    'ebraahiim', 'yaa`qub', 'yusof', 'qaader', 'karim', 'ja`far', 'sohraab', 'rostam', 'shaahrokh', 'jaavid',
    'mirvays', 'sami`ollaah', 'ehsaan', 'feroz', 'najib',
  ],
  female: [
    'faateme', 'zahraa', 'maryam', 'ma`sume', 'zeynab', 'sakine', 'roya', 'parisaa', 'shabnam', 'farzaane',
    'narges', 'leylaa', 'minaa', 'somayye', 'marziye', 'nilufar', 'parvaane', 'shirin', 'sorayyaa',
    'fereshte', 'maHbube', 'naazanin', 'khadije', 'malaalay', 'gol bibi', 'Hamide', 'ra`naa', 'setaare',
    'mozhgaan', 'tahmine', 'laaleh', 'mahtaab', 'azizeh', 'shokriye', 'nasrin', 'golnaaz', 'mahsaa', 'yalda',
  ],
  family: [
    'aHmadi', 'moHammadi', 'hoseyni', 'rezaa\'i', 'karimi', 'raHimi', 'haashemi', 'musavi', 'ja`fari',
    'heydari', 'saadeqi', 'nazari', '`azizi', 'amiri', 'nuri', 'saafi', 'staanekzay', 'popalzay', 'aHmadzay',
    'yusofzay', 'baarakzay', '`alokozay', 'soltaani', 'Haqqaani', 'Hakimi', 'Habibi', 'rasuli', 'sharifi',
    'vardak', 'hotak', 'mangal', 'shinvaari', 'qaaderi', 'naaseri', 'ghafuri', 'ya`qubi', 'faqiri', 'akbari',
    'Samadi', 'zamaani', 'seddiqi', 'ebraahimi', 'kaazemi', 'tehraani', 'esfahaani', 'shiraazi', 'tabrizi',
    'mo`ini', 'jalaali', 'nikzaad',
  ],
}

const kurmanji: SourceNames = {
  male: [
    'Mihemed', 'Ehmed', 'Elî', 'Xelîl', 'Şêrko', 'Azad', 'Rizgar', 'Dîlovan', 'Berzan', 'Hejar', 'Cûdî',
    'Welat', 'Serhat', 'Rêbîn', 'Kawa', 'Baran', 'Şivan', 'Zana', 'Mîran', 'Hogir', 'Hesen', 'Îbrahîm',
    'Xalid', 'Mehmûd', 'Seîd', 'Cemîl', 'Şêxmûs', 'Qasim', 'Ciwan', 'Bawer',
  ],
  female: [
    'Bêrîvan', 'Şîrîn', 'Jîn', 'Hêvî', 'Rojîn', 'Nesrîn', 'Gulîstan', 'Zozan', 'Delal', 'Evîn', 'Leyla',
    'Nûjîn', 'Jiyan', 'Berfîn', 'Dilşa', 'Gulê', 'Xecê', 'Fatma', 'Zelal', 'Narîn',
  ],
  family: [
    'Xelîl', 'Silêman', 'Ehmed', 'Mihemed', 'Hesen', 'Şêx', 'Osman', 'Elî', 'Mûsa', 'Îbo', 'Temo', 'Ezîz',
    'Zaxoyî', 'Botanî', 'Amedî', 'Berwarî', 'Doskî', 'Barzanî', 'Mizûrî', 'Sindî', 'Goyî', 'Hekarî',
    'Bazîdî', 'Şengalî', 'Qasim', 'Cizîrî', 'Reşo', 'Xoşnaw',
  ],
}

const ukrainian: SourceNames = {
  male: [
    'Олександр', 'Андрій', 'Сергій', 'Володимир', 'Дмитро', 'Олег', 'Юрій', 'Іван', 'Микола', 'Віктор',
    'Василь', 'Петро', 'Михайло', 'Богдан', 'Максим', 'Артем', 'Євген', 'Ігор', 'Роман', 'Тарас', 'Ярослав',
    'Олексій', 'Віталій', 'Анатолій', 'Григорій', 'Степан', 'Денис', 'Павло', 'Назар', 'Костянтин',
    'Валерій', 'Геннадій', 'Владислав', 'Данило', 'Ілля', 'Кирило', 'Матвій', 'Тимофій', 'Станіслав',
    'Руслан', 'Олесь', 'Святослав', 'Всеволод', 'Орест', 'Захар',
  ],
  female: [
    'Олена', 'Наталія', 'Ольга', 'Тетяна', 'Ірина', 'Юлія', 'Оксана', 'Світлана', 'Людмила', 'Ганна',
    'Марія', 'Катерина', 'Галина', 'Віра', 'Надія', 'Любов', 'Валентина', 'Вікторія', 'Анастасія', 'Дарина',
    'Софія', 'Аліна', 'Яна', 'Христина', 'Мирослава', 'Зоряна', 'Лариса', 'Алла', 'Інна', 'Євгенія',
    'Антоніна', 'Ніна', 'Лідія', 'Олександра', 'Діана', 'Поліна', 'Єлизавета', 'Уляна', 'Соломія', 'Вероніка',
  ],
  family: [
    'Мельник', 'Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Ковальчук', 'Олійник',
    'Шевчук', 'Поліщук', 'Бойко', 'Ткачук', 'Мороз', 'Лисенко', 'Марченко', 'Руденко', 'Савченко',
    'Петренко', 'Клименко', 'Павленко', 'Кузьменко', 'Левченко', 'Харченко', 'Сидоренко', 'Карпенко',
    'Гончаренко', 'Кравчук', 'Мазур', 'Савчук', 'Лук\'яненко', 'Костенко', 'Пономаренко', 'Вакуленко',
    'Іваненко', 'Гриценко', 'Яковенко', 'Литвиненко', 'Козак', 'Коваль', 'Гуменюк', 'Тимошенко',
    'Романенко', 'Захарченко', 'Кушнір', 'Степаненко', 'Журавель', 'Присяжнюк', 'Головко', 'Яременко',
    'Зеленський', 'Ковальський', 'Мартинюк', 'Кириленко', 'Юрченко', 'Хоменко', 'Чорновол', 'Гнатюк',
    'Щербак', 'Вишневський', 'Білоус', 'Гаврилюк', 'Федоренко', 'Панченко', 'Симоненко', 'Ющенко',
    'Тарасенко', 'Сергієнко', 'Зайченко', 'Жук', 'Хмельницький', 'Гребенюк', 'Дячук', 'Чорний',
  ],
}

const russian: SourceNames = {
  male: [
    'Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Максим', 'Евгений', 'Иван', 'Михаил', 'Николай',
    'Владимир', 'Игорь', 'Юрий', 'Олег', 'Виктор', 'Павел', 'Артём', 'Денис', 'Роман', 'Константин',
    'Григорий', 'Вадим', 'Кирилл', 'Станислав', 'Фёдор', 'Илья', 'Георгий', 'Леонид',
  ],
  female: [
    'Елена', 'Наталья', 'Ольга', 'Татьяна', 'Ирина', 'Екатерина', 'Юлия', 'Анастасия', 'Светлана', 'Мария',
    'Анна', 'Людмила', 'Галина', 'Ксения', 'Дарья', 'Валентина', 'Евгения', 'Вера', 'Надежда', 'Любовь',
    'Алёна', 'Софья', 'Полина', 'Маргарита',
  ],
  family: [
    'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков',
    'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов',
    'Степанов', 'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов',
    'Яковлев', 'Григорьев', 'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Дмитриев', 'Королёв',
    'Гусев', 'Киселёв', 'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов',
    'Медведев', 'Антонов', 'Тарасов', 'Жуков', 'Баранов', 'Щербаков', 'Чернышёв', 'Журавлёв', 'Хохлов',
  ],
}

const turkish: SourceNames = {
  male: [
    'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'İsmail', 'Osman', 'Yusuf', 'Murat',
    'Ömer', 'Ramazan', 'Halil', 'Süleyman', 'Abdullah', 'Mahmut', 'Salih', 'Kemal', 'Recep', 'Fatih', 'Emre',
    'Burak', 'Yasin', 'Mehmet Ali', 'Cem', 'Can', 'Çağlar', 'Şükrü', 'Ünal', 'Gökhan', 'Serkan', 'Tuncay',
    'Özgür', 'Cengiz', 'Kadir', 'Bülent', 'Uğur', 'Erkan', 'Volkan', 'Cihan', 'Doğan', 'Şenol', 'Cafer',
  ],
  female: [
    'Fatma', 'Ayşe', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Meryem', 'Şerife', 'Zehra', 'Sultan', 'Hanife',
    'Merve', 'Özlem', 'Büşra', 'Esra', 'Yasemin', 'Gülsüm', 'Hülya', 'Dilek', 'Songül', 'Gül', 'Derya',
    'Şeyma', 'Tuğba', 'Çiğdem', 'Nurcan', 'Sevgi', 'Gülşen', 'Ümmühan', 'Kübra', 'Cansu', 'Ebru',
  ],
  family: [
    'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir',
    'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Özcan',
    'Korkmaz', 'Çakır', 'Erdoğan', 'Yavuz', 'Can', 'Acar', 'Şen', 'Aktaş', 'Güler', 'Yalçın', 'Güneş',
    'Bozkurt', 'Bulut', 'Keskin', 'Ünal', 'Turan', 'Gül', 'Özer', 'Işık', 'Kaplan', 'Avcı', 'Sarı', 'Tekin',
    'Taş', 'Köse', 'Yüksel', 'Ateş', 'Aksoy', 'Uçar', 'Çiftçi', 'Karakaya', 'Coşkun', 'Ekinci', 'Gündoğdu',
  ],
}

const tigrinya: SourceNames = {
  male: [
    'tEsfay', 'yohann@s', 'g@rmay', 'b@rhanE', 'gEbrE mEdh@n', 'haylE', 'tEklE', 'kidanE', 'mEbrahtu',
    'tsEgay', 'habtom', 'dawit', 'filmon', 'sEmErE', 'wEldu', '`uqbay', 'kaHsay', 'zEr\'ay', 'tEkhEstE',
    '\'asmErom', 'mEHari', 'muse', 'yEmanE', 'fEs@Hay', 'nEgash', '\'ar\'aya', 'sElomon', 'mikaEl', 'bereket',
    'tEwElde', 'gEbrE mEs@qEl', 'amanu\'el', '\'isayas', 'samu\'el', 'natnaEl',
  ],
  female: [
    'sEnayt', 'helEn', 'sElam', 'yordanos', 'luwam', 'm@HrEt', 'saba', 'ruta', '\'elsa', 'fevEn', 'tsEga',
    '\'almaz', '\'abEba', 'H@wEt', 'rahel', 'meron', 'yodit', 'winta', '\'azib', 'lEmlEm', 't@rHas',
    'nEb@yat', 'sEmhar', 'frEwEyni', 'mEaza', 'hErmon', 'sElamawit', 'bisrat', 'dEhab', 'mizan',
  ],
  family: [
    'tEsfamaryam', 'gEbrEmaryam', 'gEbrE H@wEt', 'wEldE mikaEl', 'habtE', 'bErhE', 'tEsfay', 'kaHsay',
    '`uqbay', 'mEHari', '\'asmErom', 'tEklE', 'haylE', '\'andEmaryam', 'gEbrE yEsus', 'zEr\'ay',
    'tEkhEstE', 'mEbrahtu', '\'ar\'aya', 'yEmanE', 'fEs@Hay', 'gEbrE mEdh@n', 'g@rmay', 'nEgash',
    'tsEgay', 'wEldu', '\'ogbazgi', 'kidanE', 'b@rhanE', 'habtEmaryam', 'wEldEgiyorgis', 'tEwElde',
  ],
}

const guinean: SourceNames = {
  male: [
    'Mamadou', 'Alpha', 'Ibrahima', 'Ousmane', 'Thierno', 'Boubacar', 'Abdoulaye', 'Amadou', 'Sékou',
    'Mohamed', 'Alseny', 'Oumar', 'Mamadi', 'Lansana', 'Fodé', 'Souleymane', 'Moussa', 'Ismaël', 'Saïdou',
    'Amara', 'Mory', 'Aboubacar', 'Sidiki', 'Karim', 'Elhadj', 'Facinet', 'Abdourahmane', 'Mamadou Saliou',
    'Mamadou Aliou', 'Mamadou Lamarana', 'Amadou Oury', 'Thierno Souleymane', 'Boubacar Biro', 'Djibril',
    'Mouctar', 'Habib', 'Seydouba', 'Naby', 'Kerfalla', 'Alhassane',
  ],
  female: [
    'Fatoumata', 'Mariama', 'Aïssatou', 'Kadiatou', 'Hawa', 'Aminata', 'Djénabou', 'Oumou', 'Fanta', 'Nènè',
    'Binta', 'Saran', 'Mabinty', 'Hadja', 'Fatoumata Binta', 'Aïcha', 'Salématou', 'Mahawa', 'Halimatou',
    'Ramatoulaye', 'Rouguiatou', 'Safiatou', 'Kadiatou Diouma', 'Fatoumata Diaraye', 'Hassanatou', 'Tiguidanké',
    'Néné Oumou', 'Mariame Ciré', 'Assiatou', 'Bountouraby',
  ],
  family: [
    'Diallo', 'Bah', 'Barry', 'Sow', 'Camara', 'Condé', 'Keïta', 'Touré', 'Sylla', 'Soumah', 'Bangoura',
    'Cissé', 'Traoré', 'Kouyaté', 'Fofana', 'Kaba', 'Diakité', 'Baldé', 'Doumbouya', 'Kourouma', 'Konaté',
    'Sangaré', 'Sacko', 'Kanté', 'Dramé', 'Diaby', 'Chérif', 'Youla', 'Kamano', 'Haba', 'Loua', 'Millimono',
    'Guilavogui', 'Oularé', 'Tounkara', 'Magassouba', 'Savané', 'Fadiga', 'Sidibé', 'Diané', 'Souaré', 'Thiam',
  ],
}

const german: SourceNames = {
  male: [
    'Thomas', 'Michael', 'Andreas', 'Stefan', 'Peter', 'Klaus', 'Jürgen', 'Wolfgang', 'Frank', 'Uwe',
    'Jörg', 'Günter', 'Hans', 'Lukas', 'Jonas', 'Leon', 'Felix', 'Maximilian', 'Paul', 'Jan', 'Tobias',
    'Sebastian', 'Matthias', 'Björn', 'Sören', 'Karl Heinz', 'Hans Jürgen', 'Dieter', 'Günther', 'Horst',
  ],
  female: [
    'Sabine', 'Susanne', 'Petra', 'Monika', 'Andrea', 'Claudia', 'Julia', 'Anna', 'Laura', 'Lea', 'Hannah',
    'Sophie', 'Marie', 'Katharina', 'Bärbel', 'Jutta', 'Ute', 'Käthe', 'Ursula', 'Gisela', 'Brigitte',
    'Renate', 'Anna Lena', 'Lisa Marie', 'Änne', 'Jördis', 'Birgit', 'Heike', 'Doris',
  ],
  family: [
    'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
    'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
    'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Schmitz', 'Krause', 'Lehmann', 'Köhler', 'Herrmann',
    'König', 'Walter', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß', 'Jung',
    'Hahn', 'Schubert', 'Vogel', 'Friedrich', 'Keller', 'Berger', 'Winkler', 'Roth', 'Beck', 'Lorenz',
    'Baumann', 'Franke', 'Albrecht', 'Schuster', 'Simon', 'Ludwig', 'Böhm', 'Winter', 'Kraus', 'Schumacher',
    'Krämer', 'Vogt', 'Stein', 'Jäger', 'Otto', 'Sommer', 'Groß', 'Seidel', 'Heinrich', 'Brandt', 'Haas',
    'Schreiber', 'Graf', 'Dietrich', 'Ziegler', 'Kuhn', 'Pohl', 'Engel', 'Horn', 'Busch', 'Bergmann',
    'Voigt', 'Sauer', 'Arnold', 'Pfeiffer', 'Größer', 'Süß', 'Weißmüller', 'Nußbaum', 'Jürgens',
  ],
}

export const sourceNames: Record<Script, SourceNames> = {
  arabic,
  persian,
  kurmanji,
  ukrainian,
  russian,
  turkish,
  tigrinya,
  guinean,
  german,
}

/**
 * The feminine of a family name where the language inflects it: Russian -ов/-ев/-ин + а,
 * Russian -ский → -ская, Ukrainian -ський → -ська, -ий → -а.
 */
export function feminineFamily(script: Script, family: string): string {
  if (script === 'russian') {
    if (/(ов|ев|ёв|ин|ын)$/.test(family)) return `${family}а`
    if (family.endsWith('ский')) return `${family.slice(0, -4)}ская`
  }
  if (script === 'ukrainian') {
    if (family.endsWith('ський') || family.endsWith('цький')) return `${family.slice(0, -2)}а`
    if (family.endsWith('ий')) return `${family.slice(0, -2)}а`
  }
  return family
}

/**
 * Pairs of given names that are different names but sound alike: siblings and twins are often
 * given such pairs (Hasan and Husayn). Used for the hardest negatives of the labelled set.
 */
export const confusableGivenNames: Partial<Record<Script, readonly (readonly [string, string])[]>> = {
  arabic: [
    ['Hasan', 'Husayn'],
    ['muHammad', 'maHmuud'],
    ['aHmad', 'Haamid'],
    ['aHmad', 'muHammad'],
    ['saamii', 'shaadii'],
    ['raamii', 'saamii'],
    ['faadii', 'shaadii'],
    ['khaalid', 'khaliil'],
    ['Hanaan', 'ranaa'],
    ['maryam', 'malak'],
    ['hiba#', 'hudaa'],
    ['nuur', 'nisriin'],
    ['jaasim', 'qusay'],
  ],
  persian: [
    ['hasan', 'hoseyn'],
    ['mohammad', 'mahmud'],
    ['ahmad', 'Hamid'],
    ['majid', 'Hamid'],
    ['naviid', 'omiid'],
    ['zahraa', 'zeynab'],
  ],
  ukrainian: [
    ['Олександр', 'Олексій'],
    ['Олена', 'Ольга'],
    ['Ігор', 'Олег'],
    ['Віктор', 'Віталій'],
    ['Олександр', 'Олександра'],
    ['Юлія', 'Уляна'],
    ['Дмитро', 'Данило'],
  ],
  russian: [
    ['Александр', 'Алексей'],
    ['Елена', 'Алёна'],
    ['Юрий', 'Юлия'],
  ],
  turkish: [
    ['Hasan', 'Hüseyin'],
    ['Mehmet', 'Mahmut'],
    ['Ahmet', 'Mehmet'],
    ['Emine', 'Emre'],
    ['Can', 'Cem'],
    ['Gül', 'Gülsüm'],
  ],
  tigrinya: [
    ['tEsfay', 'tsEgay'],
    ['sElam', 'sEmhar'],
    ['saba', 'ruta'],
  ],
  guinean: [
    ['Mamadou', 'Amadou'],
    ['Mamadou Saliou', 'Mamadou Aliou'],
    ['Aminata', 'Assiatou'],
    ['Ibrahima', 'Alhassane'],
  ],
  kurmanji: [
    ['Xelîl', 'Xalid'],
    ['Şîrîn', 'Nesrîn'],
  ],
  german: [
    ['Jürgen', 'Jörg'],
    ['Sabine', 'Susanne'],
  ],
}
