import { latestDay } from '../../../common/partial-date.ts'

/**
 * Demo persons for a district's integration management: names as German documents show them
 * (the Latin transliteration of the passport, ICAO 9303 style for Arabic, Persian, Cyrillic and
 * Ge'ez names; Turkish, Romanian, Albanian, Somali and West African names in their own Latin
 * spelling), the name in original script where the person's documents use another script, and
 * other spellings met in practice (Mohammad/Muhammad, Oleksandr/Alexander, Öztürk/Oeztuerk,
 * Somali orthography Maxamed/Xasan). Only common names; well-known public figures' combinations
 * are left out. Pure and deterministic: the same count and seed give the same people.
 *
 * Naming customs that shape the households:
 * - Arabic, Persian, Afghan, Eritrean and Somali wives keep their own family name.
 * - Eritrean and Somali documents give the father's (first) name as the child's family name
 *   (patronymic), so parents and children do not share it there.
 * - Russian family names have female forms (Ivanov/Ivanova).
 */

export type DemoSex = 'female' | 'male' | 'diverse' | 'unknown'
export type DemoRelation = 'partner' | 'child' | 'parent' | 'sibling' | 'other'

export type DemoPerson = {
  familyName: string
  givenNames: string
  nameInOriginalScript: string | null
  otherSpellings: string[]
  sex: DemoSex
  /** ISO 8601, full or partial (YYYY, YYYY-MM, YYYY-MM-DD; YYYY-01-01 often a placeholder). */
  birthDate: string
  nationalities: string[]
  languages: { code: string; interpreterNeeded: boolean }[]
  /** ISO day, after every day the birth date can mean, 2014-01-01 to 2026-10-31. */
  arrivalDate: string
  origin: DemoOrigin
}

/**
 * A household: indexes into `persons`, and its relations in both directions, each read as "`to`
 * is `from`'s <relation>" (a mother has the relation child to her son, he has parent to her).
 */
export type DemoHousehold = {
  origin: DemoOrigin
  memberIndexes: number[]
  relations: { from: number; to: number; relation: DemoRelation }[]
}

export type DemoPopulation = { persons: DemoPerson[]; households: DemoHousehold[] }

export const demoOrigins = [
  'SY',
  'UA',
  'AF',
  'IQ',
  'TR',
  'ER',
  'IR',
  'GN',
  'SO',
  'NG',
  'RU',
  'XK',
  'RO',
] as const
export type DemoOrigin = (typeof demoOrigins)[number]

/**
 * Nationalities the demo data uses: ISO 3166-1 alpha-2 codes (XK for Kosovo is the code the EU and
 * German authorities use; ISO has not assigned one), plus 'stateless' and 'unclear' (ungeklärt).
 */
export const nationalityCodes = [
  'SY',
  'UA',
  'AF',
  'IQ',
  'TR',
  'ER',
  'IR',
  'GN',
  'SO',
  'NG',
  'RU',
  'XK',
  'RO',
  'DE',
  'stateless',
  'unclear',
] as const

/**
 * Languages the demo data uses: ISO 639-1 where there is a code, else ISO 639-3 (kmr Kurmanji,
 * ckb Sorani, prs Dari, tig Tigre, sus Susu, emk Maninka, pcm Nigerian Pidgin, rom Romani).
 */
export const demoLanguageCodes = [
  'ar',
  'kmr',
  'ckb',
  'fa',
  'prs',
  'ps',
  'az',
  'uk',
  'ru',
  'tr',
  'ti',
  'tig',
  'am',
  'so',
  'ff',
  'sus',
  'emk',
  'fr',
  'yo',
  'ig',
  'ha',
  'pcm',
  'en',
  'sq',
  'sr',
  'ro',
  'rom',
  'de',
] as const

type Name = { latin: string; original: string | null; other: readonly string[] }
type FamilyName = Name & { female?: Name }
type Share<T> = { value: T; share: number }
type NameGroup = {
  share: number
  familyNames: readonly FamilyName[]
  female: readonly Name[]
  male: readonly Name[]
  /** First language, one of these. */
  languages: readonly Share<string>[]
  /** Further languages, each with its own probability. */
  alsoSpoken: readonly Share<string>[]
  /** Names given as a second given name ("Mamadou Saliou", "Chinedu Emmanuel"). */
  secondGiven?: { female: readonly Name[]; male: readonly Name[]; share: number }
}
type OriginProfile = {
  share: number
  nationality: string
  groups: readonly NameGroup[]
  /** Weights of the arrival years 2014 to 2026. */
  arrivalYears: readonly number[]
  familyShare: number
  twoParentShare: number
  maleShareOfSingles: number
  naming: 'family-name' | 'patronymic'
  spouseTakesFamilyName: boolean
  /** How often the birth date is known only in part, or is the 1 January placeholder. */
  birthDate: { yearOnly: number; yearMonth: number; placeholder: number }
  otherNationalities?: readonly Share<string[]>[]
}

const n = (latin: string, original: string | null = null, ...other: string[]): Name => ({
  latin,
  original,
  other,
})
const gendered = (male: Name, female: Name): FamilyName => ({ ...male, female })

// --- Syria ---------------------------------------------------------------------------------

const syrianArabic: NameGroup = {
  share: 0.8,
  familyNames: [
    n('Al-Hassan', 'الحسن', 'Alhassan', 'Al Hassan'),
    n('Al-Ahmad', 'الأحمد', 'Alahmad', 'Al Ahmad'),
    n('Al-Ali', 'العلي', 'Alali'),
    n('Khalil', 'خليل', 'Khaleel'),
    n('Haddad', 'حداد'),
    n('Al-Khatib', 'الخطيب', 'Alkhatib', 'El-Khatib'),
    n('Hamdan', 'حمدان'),
    n('Al-Hussein', 'الحسين', 'Alhussein', 'Al-Hussain'),
    n('Ibrahim', 'إبراهيم', 'Ebrahim'),
    n('Mustafa', 'مصطفى', 'Moustafa', 'Mostafa'),
    n('Darwish', 'درويش', 'Darwisch'),
    n('Al-Masri', 'المصري', 'Almasri'),
    n('Suleiman', 'سليمان', 'Sulaiman', 'Sleiman'),
    n('Youssef', 'يوسف', 'Yousef', 'Yusuf'),
    n('Al-Omar', 'العمر', 'Alomar'),
    n('Al-Saleh', 'الصالح', 'Alsaleh'),
    n('Al-Abdullah', 'العبدالله', 'Alabdullah'),
    n('Al-Halabi', 'الحلبي', 'Alhalabi'),
    n('Hamoud', 'حمود', 'Hammoud'),
    n('Kassem', 'قاسم', 'Qasem', 'Kasem'),
  ],
  male: [
    n('Mohammad', 'محمد', 'Muhammad', 'Mohamed', 'Mohammed'),
    n('Ahmad', 'أحمد', 'Ahmed'),
    n('Mahmoud', 'محمود', 'Mahmud'),
    n('Omar', 'عمر', 'Umar'),
    n('Khaled', 'خالد', 'Khalid'),
    n('Ali', 'علي'),
    n('Hassan', 'حسن', 'Hasan'),
    n('Yousef', 'يوسف', 'Youssef', 'Yusuf'),
    n('Ibrahim', 'إبراهيم', 'Ebrahim'),
    n('Abdullah', 'عبدالله', 'Abdallah'),
    n('Mustafa', 'مصطفى', 'Mostafa'),
    n('Rami', 'رامي'),
    n('Firas', 'فراس'),
    n('Ammar', 'عمار'),
    n('Hamza', 'حمزة', 'Hamzah'),
    n('Yazan', 'يزن'),
    n('Ayham', 'أيهم'),
    n('Karam', 'كرم'),
  ],
  female: [
    n('Fatima', 'فاطمة', 'Fatma', 'Fatimah'),
    n('Aisha', 'عائشة', 'Aysha', 'Aicha'),
    n('Maryam', 'مريم', 'Mariam'),
    n('Rasha', 'رشا'),
    n('Hala', 'هالة'),
    n('Nour', 'نور', 'Noor'),
    n('Rana', 'رنا'),
    n('Lina', 'لينا'),
    n('Amal', 'أمل'),
    n('Huda', 'هدى', 'Houda'),
    n('Samira', 'سميرة'),
    n('Zeinab', 'زينب', 'Zainab'),
    n('Reem', 'ريم', 'Rim'),
    n('Layla', 'ليلى', 'Leila', 'Laila'),
    n('Sara', 'سارة', 'Sarah'),
    n('Rahaf', 'رهف'),
    n('Ghazal', 'غزل'),
    n('Jana', 'جنى'),
  ],
  languages: [{ value: 'ar', share: 1 }],
  alsoSpoken: [
    { value: 'en', share: 0.2 },
    { value: 'tr', share: 0.1 },
  ],
}

/** Syrian Kurds: Kurmanji speakers whose Syrian documents write their names in Arabic script. */
const syrianKurdish: NameGroup = {
  share: 0.2,
  familyNames: [
    n('Sheikho', 'شيخو', 'Scheikho'),
    n('Hamo', 'حمو'),
    n('Osman', 'عثمان', 'Othman'),
    n('Khalil', 'خليل'),
    n('Ibrahim', 'إبراهيم'),
    n('Hussein', 'حسين', 'Husein'),
    n('Bakr', 'بكر', 'Bakir'),
  ],
  male: [
    n('Azad', 'آزاد'),
    n('Shivan', 'شيفان', 'Schivan'),
    n('Dilshad', 'دلشاد'),
    n('Rezan', 'ريزان'),
    n('Hozan', 'هوزان'),
    n('Baran', 'باران'),
    n('Mohammad', 'محمد', 'Muhammad'),
    n('Ahmad', 'أحمد', 'Ahmed'),
  ],
  female: [
    n('Berivan', 'بريفان'),
    n('Rojin', 'روجين'),
    n('Nesrin', 'نسرين', 'Nasrin'),
    n('Viyan', 'فيان', 'Vian'),
    n('Hevin', 'هيفين'),
    n('Shilan', 'شيلان', 'Schilan'),
    n('Rojda', 'روجدا'),
    n('Fatima', 'فاطمة', 'Fatma'),
  ],
  languages: [{ value: 'kmr', share: 1 }],
  alsoSpoken: [{ value: 'ar', share: 0.8 }],
}

// --- Iraq ----------------------------------------------------------------------------------

const iraqiArabic: NameGroup = {
  share: 0.6,
  familyNames: [
    n('Al-Jubouri', 'الجبوري', 'Aljubouri', 'Al-Jaburi'),
    n('Al-Obaidi', 'العبيدي', 'Alobaidi', 'Al-Ubaidi'),
    n('Al-Tamimi', 'التميمي', 'Altamimi'),
    n('Al-Dulaimi', 'الدليمي', 'Aldulaimi'),
    n('Al-Rubaie', 'الربيعي', 'Alrubaie'),
    n('Al-Shammari', 'الشمري', 'Alshammari'),
    n('Hussein', 'حسين', 'Hussain'),
    n('Kadhim', 'كاظم', 'Kazem', 'Kadim'),
    n('Jassim', 'جاسم', 'Jasim'),
    n('Abbas', 'عباس'),
    n('Saleh', 'صالح', 'Salih'),
    n('Mahdi', 'مهدي', 'Mehdi'),
  ],
  male: [
    n('Ali', 'علي'),
    n('Hussein', 'حسين', 'Hussain'),
    n('Haider', 'حيدر', 'Haidar'),
    n('Mustafa', 'مصطفى', 'Mostafa'),
    n('Abbas', 'عباس'),
    n('Ahmed', 'أحمد', 'Ahmad'),
    n('Mohammed', 'محمد', 'Muhammad', 'Mohammad'),
    n('Karrar', 'كرار'),
    n('Zaid', 'زيد', 'Zeid'),
    n('Omar', 'عمر'),
    n('Muntadhar', 'منتظر', 'Muntazar'),
    n('Yasser', 'ياسر', 'Yasir'),
    n('Sajjad', 'سجاد'),
  ],
  female: [
    n('Zahraa', 'زهراء', 'Zahra'),
    n('Fatima', 'فاطمة', 'Fatma'),
    n('Maryam', 'مريم', 'Mariam'),
    n('Noor', 'نور', 'Nour'),
    n('Sara', 'سارة', 'Sarah'),
    n('Ruqaya', 'رقية', 'Roqaya'),
    n('Shaimaa', 'شيماء', 'Shaima'),
    n('Dunya', 'دنيا', 'Donia'),
    n('Huda', 'هدى', 'Houda'),
    n('Zainab', 'زينب', 'Zeinab'),
    n('Israa', 'إسراء', 'Esraa'),
    n('Hawraa', 'حوراء'),
  ],
  languages: [{ value: 'ar', share: 1 }],
  alsoSpoken: [{ value: 'en', share: 0.2 }],
}

/** Kurds from the Kurdistan Region: Sorani speakers; the Iraqi passport writes names in Arabic. */
const iraqiKurdish: NameGroup = {
  share: 0.15,
  familyNames: [
    n('Ahmed', 'أحمد', 'Ahmad'),
    n('Mahmoud', 'محمود', 'Mahmud'),
    n('Rashid', 'رشيد', 'Raschid'),
    n('Aziz', 'عزيز'),
    n('Karim', 'كريم', 'Kareem'),
    n('Abdulrahman', 'عبدالرحمن', 'Abdul Rahman'),
    n('Omer', 'عمر', 'Omar'),
  ],
  male: [
    n('Karwan', 'كاروان'),
    n('Aras', 'آراس'),
    n('Soran', 'سوران'),
    n('Rebin', 'ريبين'),
    n('Shwan', 'شوان', 'Schwan'),
    n('Hemin', 'هيمن'),
    n('Dana', 'دانا'),
  ],
  female: [
    n('Dilan', 'ديلان'),
    n('Shilan', 'شيلان'),
    n('Shirin', 'شيرين', 'Schirin'),
    n('Nasrin', 'نسرين', 'Nesrin'),
    n('Bahar', 'بهار'),
    n('Tara', 'تارا'),
    n('Nazdar', 'نازدار'),
  ],
  languages: [{ value: 'ckb', share: 1 }],
  alsoSpoken: [
    { value: 'ar', share: 0.5 },
    { value: 'en', share: 0.2 },
  ],
}

/** Yazidis from Sinjar: Kurmanji speakers. */
const iraqiYazidi: NameGroup = {
  share: 0.25,
  familyNames: [
    n('Khalaf', 'خلف'),
    n('Hajji', 'حجي', 'Haji'),
    n('Qasim', 'قاسم', 'Kasim'),
    n('Ilyas', 'إلياس', 'Elias'),
    n('Khudeida', 'خديدة', 'Khodeida'),
    n('Rasho', 'رشو'),
    n('Hasan', 'حسن', 'Hassan'),
  ],
  male: [
    n('Khairi', 'خيري', 'Khairy'),
    n('Dakhil', 'دخيل'),
    n('Saeed', 'سعيد', 'Said'),
    n('Hazim', 'حازم', 'Hazem'),
    n('Faris', 'فارس', 'Fares'),
    n('Nawaf', 'نواف'),
    n('Khalil', 'خليل'),
    n('Barakat', 'بركات'),
  ],
  female: [
    n('Nadia', 'نادية', 'Nadiya'),
    n('Jihan', 'جيهان', 'Gihan'),
    n('Layla', 'ليلى', 'Leila'),
    n('Shireen', 'شيرين', 'Shirin'),
    n('Bushra', 'بشرى', 'Boushra'),
    n('Adiba', 'أديبة'),
    n('Vian', 'فيان', 'Viyan'),
    n('Nareen', 'نارين', 'Narin'),
  ],
  languages: [{ value: 'kmr', share: 1 }],
  alsoSpoken: [{ value: 'ar', share: 0.7 }],
}

// --- Afghanistan (Persian script: Farsi yeh ی and keheh ک) ------------------------------------

const afghanDari: NameGroup = {
  share: 0.6,
  familyNames: [
    n('Ahmadi', 'احمدی', 'Ahmady'),
    n('Rahimi', 'رحیمی', 'Rahimy'),
    n('Mohammadi', 'محمدی', 'Mohamadi'),
    n('Hakimi', 'حکیمی'),
    n('Sultani', 'سلطانی', 'Soltani'),
    n('Karimi', 'کریمی'),
    n('Hussaini', 'حسینی', 'Hosseini', 'Husseini'),
    n('Noori', 'نوری', 'Nuri'),
    n('Amiri', 'امیری'),
    n('Haidari', 'حیدری', 'Haidary', 'Heydari'),
    n('Sadat', 'سادات'),
    n('Azizi', 'عزیزی'),
    n('Rahmani', 'رحمانی'),
    n('Jafari', 'جعفری', 'Jafary'),
    n('Rezaie', 'رضایی', 'Rezai'),
  ],
  male: [
    n('Ahmad', 'احمد', 'Ahmed'),
    n('Mohammad', 'محمد', 'Muhammad', 'Mohammed'),
    n('Ali', 'علی'),
    n('Mustafa', 'مصطفی', 'Mostafa'),
    n('Hamid', 'حمید'),
    n('Farid', 'فرید'),
    n('Jawad', 'جواد', 'Javad'),
    n('Sohrab', 'سهراب'),
    n('Ramin', 'رامین'),
    n('Fawad', 'فواد', 'Fuad'),
    n('Shafiq', 'شفیق', 'Shafik'),
    n('Omid', 'امید'),
    n('Mahdi', 'مهدی', 'Mehdi'),
    n('Reza', 'رضا'),
    n('Sayed Ahmad', 'سید احمد', 'Said Ahmad', 'Seyed Ahmad'),
    n('Murtaza', 'مرتضی', 'Mortaza'),
    n('Naweed', 'نوید', 'Navid'),
  ],
  female: [
    n('Fatima', 'فاطمه', 'Fatema'),
    n('Zahra', 'زهرا'),
    n('Maryam', 'مریم', 'Mariam'),
    n('Farzana', 'فرزانه'),
    n('Nargis', 'نرگس', 'Narges'),
    n('Shabnam', 'شبنم'),
    n('Mina', 'مینا'),
    n('Sima', 'سیما'),
    n('Parwana', 'پروانه', 'Parvaneh'),
    n('Freshta', 'فرشته', 'Fereshta'),
    n('Marzia', 'مرضیه', 'Marziyeh'),
    n('Mahnaz', 'مهناز'),
    n('Somaya', 'سمیه', 'Sumaya'),
    n('Khadija', 'خدیجه', 'Khadijeh'),
    n('Setara', 'ستاره', 'Sitara'),
  ],
  languages: [{ value: 'prs', share: 1 }],
  alsoSpoken: [
    { value: 'ps', share: 0.2 },
    { value: 'en', share: 0.15 },
  ],
}

const afghanPashto: NameGroup = {
  share: 0.4,
  familyNames: [
    n('Stanikzai', 'ستانکزی', 'Stanekzai'),
    n('Popal', 'پوپل'),
    n('Wardak', 'وردک'),
    n('Ahmadzai', 'احمدزی'),
    n('Mohmand', 'مومند'),
    n('Safi', 'صافی'),
    n('Khan', 'خان'),
    n('Yousufzai', 'یوسفزی', 'Yusufzai'),
    n('Niazi', 'نیازی'),
    n('Shinwari', 'شینواری'),
    n('Mangal', 'منگل'),
  ],
  male: [
    n('Rahmatullah', 'رحمت\u200cالله', 'Rahmat Ullah', 'Rahmatulla'),
    n('Zabihullah', 'ذبیح\u200cالله', 'Zabiullah'),
    n('Naqibullah', 'نقیب\u200cالله', 'Nakibullah'),
    n('Hekmatullah', 'حکمت\u200cالله', 'Hikmatullah'),
    n('Noorullah', 'نورالله', 'Nurullah'),
    n('Asadullah', 'اسدالله'),
    n('Abdul Rahman', 'عبدالرحمن', 'Abdulrahman', 'Abdurrahman'),
    n('Bilal', 'بلال'),
    n('Wahid', 'وحید', 'Waheed'),
    n('Gul Ahmad', 'گل احمد', 'Gulahmad'),
    n('Jamal', 'جمال'),
    n('Ismail', 'اسماعیل', 'Esmail'),
  ],
  female: [
    n('Zarghona', 'زرغونه', 'Zarghuna'),
    n('Malalai', 'ملالۍ', 'Malalay'),
    n('Palwasha', 'پلوشه'),
    n('Nazia', 'نازیه'),
    n('Shakila', 'شکیله'),
    n('Rabia', 'رابعه', 'Rabiya'),
    n('Bibi Gul', 'بی بی گل', 'Bibigul'),
    n('Zainab', 'زینب', 'Zeynab'),
    n('Gulalai', 'ګلالۍ', 'Gulalay'),
    n('Spozhmai', 'سپوږمۍ', 'Sposhmai'),
  ],
  languages: [{ value: 'ps', share: 1 }],
  alsoSpoken: [
    { value: 'prs', share: 0.6 },
    { value: 'en', share: 0.1 },
  ],
}

// --- Iran ----------------------------------------------------------------------------------

const iranian: NameGroup = {
  share: 1,
  familyNames: [
    n('Mohammadi', 'محمدی'),
    n('Hosseini', 'حسینی', 'Hoseini', 'Husseini'),
    n('Ahmadi', 'احمدی'),
    n('Rezaei', 'رضایی', 'Rezaie', 'Rezai'),
    n('Moradi', 'مرادی'),
    n('Karimi', 'کریمی'),
    n('Jafari', 'جعفری', 'Djafari'),
    n('Rahimi', 'رحیمی'),
    n('Hashemi', 'هاشمی'),
    n('Ghorbani', 'قربانی', 'Qorbani'),
    n('Sadeghi', 'صادقی', 'Sadeqi'),
    n('Kazemi', 'کاظمی'),
    n('Najafi', 'نجفی'),
    n('Mousavi', 'موسوی', 'Musavi', 'Moussawi'),
    n('Ebrahimi', 'ابراهیمی', 'Ibrahimi'),
    n('Tehrani', 'تهرانی'),
  ],
  male: [
    n('Ali', 'علی'),
    n('Reza', 'رضا'),
    n('Mohammad', 'محمد', 'Mohamad'),
    n('Hossein', 'حسین', 'Hussein', 'Hosein'),
    n('Mehdi', 'مهدی', 'Mahdi'),
    n('Amir', 'امیر'),
    n('Arash', 'آرش'),
    n('Babak', 'بابک'),
    n('Saeed', 'سعید', 'Said'),
    n('Hamid', 'حمید'),
    n('Farhad', 'فرهاد'),
    n('Behnam', 'بهنام'),
    n('Kian', 'کیان'),
    n('Omid', 'امید'),
    n('Mohammadreza', 'محمدرضا', 'Mohammad Reza'),
  ],
  female: [
    n('Maryam', 'مریم'),
    n('Fatemeh', 'فاطمه', 'Fatima'),
    n('Zahra', 'زهرا'),
    n('Sara', 'سارا'),
    n('Leila', 'لیلا', 'Leyla'),
    n('Mahsa', 'مهسا'),
    n('Shirin', 'شیرین'),
    n('Parisa', 'پریسا'),
    n('Elham', 'الهام'),
    n('Niloufar', 'نیلوفر', 'Nilufar'),
    n('Roya', 'رویا'),
    n('Azadeh', 'آزاده'),
    n('Nasrin', 'نسرین'),
  ],
  languages: [
    { value: 'fa', share: 0.85 },
    { value: 'az', share: 0.08 },
    { value: 'ckb', share: 0.07 },
  ],
  alsoSpoken: [
    { value: 'fa', share: 1 },
    { value: 'en', share: 0.35 },
  ],
}

// --- Ukraine and Russia (passport transliteration; German transcription as other spelling) -

const ukrainian: NameGroup = {
  share: 1,
  familyNames: [
    n('Shevchenko', 'Шевченко', 'Schewtschenko'),
    n('Kovalenko', 'Коваленко', 'Kowalenko'),
    n('Bondarenko', 'Бондаренко'),
    n('Tkachenko', 'Ткаченко', 'Tkatschenko'),
    n('Kravchenko', 'Кравченко', 'Krawtschenko'),
    n('Oliinyk', 'Олійник', 'Oliynyk', 'Olijnyk'),
    n('Melnyk', 'Мельник', 'Melnik'),
    n('Boiko', 'Бойко', 'Boyko', 'Bojko'),
    n('Kovalchuk', 'Ковальчук', 'Kowaltschuk'),
    n('Shevchuk', 'Шевчук', 'Schewtschuk'),
    n('Polishchuk', 'Поліщук', 'Polischtschuk'),
    n('Lysenko', 'Лисенко', 'Lissenko'),
    n('Marchenko', 'Марченко', 'Martschenko'),
    n('Savchenko', 'Савченко', 'Sawtschenko'),
    n('Rudenko', 'Руденко'),
    n('Moroz', 'Мороз'),
    n('Honcharenko', 'Гончаренко', 'Goncharenko'),
    n('Petrenko', 'Петренко'),
  ],
  male: [
    n('Oleksandr', 'Олександр', 'Alexander', 'Aleksandr'),
    n('Andrii', 'Андрій', 'Andriy', 'Andrej'),
    n('Serhii', 'Сергій', 'Serhiy', 'Sergej'),
    n('Dmytro', 'Дмитро', 'Dmitri'),
    n('Mykola', 'Микола', 'Nikolai'),
    n('Ivan', 'Іван', 'Iwan'),
    n('Maksym', 'Максим', 'Maxim'),
    n('Volodymyr', 'Володимир', 'Wolodymyr'),
    n('Yurii', 'Юрій', 'Yuriy', 'Jurij'),
    n('Bohdan', 'Богдан', 'Bogdan'),
    n('Artem', 'Артем', 'Artjom'),
    n('Taras', 'Тарас'),
    n('Denys', 'Денис', 'Denis'),
    n('Vitalii', 'Віталій', 'Vitaliy', 'Witali'),
    n('Oleh', 'Олег', 'Oleg'),
  ],
  female: [
    n('Olena', 'Олена', 'Elena', 'Helena'),
    n('Iryna', 'Ірина', 'Irina'),
    n('Nataliia', 'Наталія', 'Natalia', 'Natalija'),
    n('Yuliia', 'Юлія', 'Yulia', 'Julia'),
    n('Tetiana', 'Тетяна', 'Tatjana'),
    n('Oksana', 'Оксана'),
    n('Anna', 'Анна'),
    n('Mariia', 'Марія', 'Maria'),
    n('Svitlana', 'Світлана', 'Swetlana'),
    n('Kateryna', 'Катерина', 'Katerina'),
    n('Viktoriia', 'Вікторія', 'Viktoria'),
    n('Sofiia', 'Софія', 'Sofia'),
    n('Liudmyla', 'Людмила', 'Ludmila'),
    n('Halyna', 'Галина', 'Galina'),
    n('Valentyna', 'Валентина', 'Valentina'),
  ],
  languages: [
    { value: 'uk', share: 0.7 },
    { value: 'ru', share: 0.3 },
  ],
  alsoSpoken: [
    { value: 'ru', share: 0.6 },
    { value: 'uk', share: 0.8 },
    { value: 'en', share: 0.3 },
  ],
}

const russian: NameGroup = {
  share: 1,
  familyNames: [
    gendered(n('Ivanov', 'Иванов', 'Iwanow'), n('Ivanova', 'Иванова', 'Iwanowa')),
    gendered(n('Smirnov', 'Смирнов', 'Smirnow'), n('Smirnova', 'Смирнова', 'Smirnowa')),
    gendered(n('Kuznetsov', 'Кузнецов', 'Kusnezow'), n('Kuznetsova', 'Кузнецова', 'Kusnezowa')),
    gendered(n('Popov', 'Попов', 'Popow'), n('Popova', 'Попова', 'Popowa')),
    gendered(n('Volkov', 'Волков', 'Wolkow'), n('Volkova', 'Волкова', 'Wolkowa')),
    gendered(n('Sokolov', 'Соколов', 'Sokolow'), n('Sokolova', 'Соколова', 'Sokolowa')),
    gendered(n('Lebedev', 'Лебедев', 'Lebedew'), n('Lebedeva', 'Лебедева', 'Lebedewa')),
    gendered(n('Novikov', 'Новиков', 'Nowikow'), n('Novikova', 'Новикова', 'Nowikowa')),
    gendered(n('Morozov', 'Морозов', 'Morosow'), n('Morozova', 'Морозова', 'Morosowa')),
    gendered(n('Petrov', 'Петров', 'Petrow'), n('Petrova', 'Петрова', 'Petrowa')),
  ],
  male: [
    n('Aleksandr', 'Александр', 'Alexander'),
    n('Dmitrii', 'Дмитрий', 'Dmitri', 'Dmitrij'),
    n('Sergei', 'Сергей', 'Sergej'),
    n('Andrei', 'Андрей', 'Andrej'),
    n('Aleksei', 'Алексей', 'Alexej'),
    n('Mikhail', 'Михаил', 'Michail'),
    n('Ivan', 'Иван', 'Iwan'),
    n('Nikita', 'Никита'),
    n('Artem', 'Артём', 'Artjom'),
  ],
  female: [
    n('Elena', 'Елена', 'Jelena'),
    n('Olga', 'Ольга'),
    n('Tatiana', 'Татьяна', 'Tatjana'),
    n('Natalia', 'Наталья', 'Natalja'),
    n('Anastasiia', 'Анастасия', 'Anastasia'),
    n('Ekaterina', 'Екатерина', 'Jekaterina'),
    n('Irina', 'Ирина'),
    n('Mariia', 'Мария', 'Maria'),
    n('Iuliia', 'Юлия', 'Julia', 'Yulia'),
  ],
  languages: [{ value: 'ru', share: 1 }],
  alsoSpoken: [{ value: 'en', share: 0.35 }],
}

// --- Türkiye (Turkish alphabet; ASCII and German ue/oe forms as other spellings) -----------

const turkish: NameGroup = {
  share: 0.7,
  familyNames: [
    n('Yılmaz', null, 'Yilmaz'),
    n('Kaya'),
    n('Demir'),
    n('Şahin', null, 'Sahin'),
    n('Çelik', null, 'Celik'),
    n('Yıldız', null, 'Yildiz'),
    n('Yıldırım', null, 'Yildirim'),
    n('Öztürk', null, 'Oeztuerk', 'Ozturk'),
    n('Aydın', null, 'Aydin'),
    n('Özdemir', null, 'Oezdemir', 'Ozdemir'),
    n('Arslan'),
    n('Doğan', null, 'Dogan'),
    n('Kılıç', null, 'Kilic'),
    n('Çetin', null, 'Cetin'),
    n('Kara'),
    n('Koç', null, 'Koc'),
    n('Kurt'),
    n('Aksoy'),
  ],
  male: [
    n('Mehmet', null, 'Mehmed'),
    n('Mustafa'),
    n('Ahmet', null, 'Ahmed'),
    n('Ali'),
    n('Hüseyin', null, 'Hueseyin', 'Huseyin'),
    n('Hasan'),
    n('İbrahim', null, 'Ibrahim'),
    n('Emre'),
    n('Murat', null, 'Murad'),
    n('Yusuf'),
    n('Burak'),
    n('Ömer', null, 'Oemer', 'Omer'),
    n('Serkan'),
    n('Can'),
    n('Kemal'),
  ],
  female: [
    n('Ayşe', null, 'Ayse'),
    n('Fatma'),
    n('Emine'),
    n('Hatice'),
    n('Zeynep'),
    n('Elif'),
    n('Merve'),
    n('Büşra', null, 'Buesra', 'Busra'),
    n('Esra'),
    n('Özlem', null, 'Oezlem', 'Ozlem'),
    n('Derya'),
    n('Sevgi'),
    n('Songül', null, 'Songuel', 'Songul'),
    n('Hülya', null, 'Huelya', 'Hulya'),
  ],
  languages: [{ value: 'tr', share: 1 }],
  alsoSpoken: [{ value: 'en', share: 0.3 }],
  secondGiven: {
    share: 0.15,
    male: [n('Ali'), n('Can'), n('Emre'), n('Kemal')],
    female: [n('Nur'), n('Zehra'), n('Gül', null, 'Guel', 'Gul')],
  },
}

/** Kurds from Türkiye: Kurmanji speakers with Turkish-form family names. */
const turkishKurdish: NameGroup = {
  share: 0.3,
  familyNames: [
    n('Aslan'),
    n('Tekin'),
    n('Polat'),
    n('Demir'),
    n('Kaya'),
    n('Akbaş', null, 'Akbas'),
    n('Güneş', null, 'Guenes', 'Gunes'),
    n('Ekinci'),
    n('Bulut'),
    n('Özer', null, 'Oezer', 'Ozer'),
  ],
  male: [
    n('Baran'),
    n('Rojhat'),
    n('Serhat'),
    n('Azad'),
    n('Diyar'),
    n('Şervan', null, 'Servan', 'Sherwan'),
    n('Velat', null, 'Welat'),
    n('Mehmet', null, 'Mehmed'),
    n('Ali'),
  ],
  female: [
    n('Rojda'),
    n('Berfin'),
    n('Dilan'),
    n('Helin'),
    n('Zelal'),
    n('Evin'),
    n('Berivan'),
    n('Ayşe', null, 'Ayse'),
    n('Gülistan', null, 'Guelistan', 'Gulistan'),
  ],
  languages: [{ value: 'kmr', share: 1 }],
  alsoSpoken: [{ value: 'tr', share: 0.95 }],
}

// --- Eritrea (Tigrinya, Ge'ez script; the family name is the father's name) --------------

const eritrean: NameGroup = {
  share: 1,
  familyNames: [
    n('Tesfay', 'ተስፋይ', 'Tesfai'),
    n('Haile', 'ሃይለ'),
    n('Gebremariam', 'ገብረማርያም', 'Ghebremariam'),
    n('Tesfamariam', 'ተስፋማርያም'),
    n('Kahsay', 'ካሕሳይ', 'Kahsai'),
    n('Woldemichael', 'ወልደሚካኤል', 'Weldemichael'),
    n('Ghebreyesus', 'ገብረየሱስ', 'Gebreyesus'),
    n('Berhe', 'በርሀ'),
    n('Asmerom', 'ኣስመሮም'),
    n('Tewelde', 'ተወልደ', 'Tewolde'),
    n('Gebremedhin', 'ገብረመድህን', 'Ghebremedhin'),
    n('Tekle', 'ተኽለ'),
    n('Kidane', 'ኪዳነ'),
    n('Mehari', 'መሓሪ'),
  ],
  male: [
    n('Yonas', 'ዮናስ', 'Jonas'),
    n('Daniel', 'ዳንኤል'),
    n('Samuel', 'ሳሙኤል'),
    n('Tesfay', 'ተስፋይ', 'Tesfai', 'Tesfaye'),
    n('Habtom', 'ሃብቶም', 'Habtum'),
    n('Filmon', 'ፊልሞን', 'Filimon'),
    n('Mehari', 'መሓሪ', 'Mehary'),
    n('Berhane', 'ብርሃነ', 'Berhani'),
    n('Kidane', 'ኪዳነ'),
    n('Tekle', 'ተኽለ'),
    n('Ghirmay', 'ግርማይ', 'Girmay'),
    n('Aron', 'ኣሮን', 'Aaron'),
    n('Yohannes', 'ዮሃንስ', 'Johannes', 'Yohanes'),
    n('Merhawi', 'መርሃዊ'),
    n('Robel', 'ሮቤል'),
    n('Efrem', 'ኤፍሬም', 'Ephrem'),
  ],
  female: [
    n('Helen', 'ሄለን'),
    n('Senait', 'ሰናይት', 'Senayt'),
    n('Selam', 'ሰላም', 'Salam'),
    n('Saba', 'ሳባ'),
    n('Rahwa', 'ራሕዋ'),
    n('Yordanos', 'ዮርዳኖስ'),
    n('Luwam', 'ሉዋም', 'Luam'),
    n('Semhar', 'ሰምሃር'),
    n('Ruta', 'ሩታ'),
    n('Abeba', 'ኣበባ'),
    n('Mebrat', 'መብራት'),
    n('Winta', 'ዊንታ'),
    n('Eden', 'ኤደን'),
    n('Feven', 'ፌቨን'),
    n('Tsega', 'ጸጋ', 'Tsegga'),
  ],
  languages: [
    { value: 'ti', share: 0.92 },
    { value: 'tig', share: 0.08 },
  ],
  alsoSpoken: [
    { value: 'ti', share: 1 },
    { value: 'am', share: 0.25 },
    { value: 'ar', share: 0.15 },
    { value: 'en', share: 0.3 },
  ],
}

// --- Somalia (Latin script; Somali orthography as other spelling) --------------------------

const somali: NameGroup = {
  share: 1,
  familyNames: [
    n('Mohamed', null, 'Maxamed', 'Mohammed'),
    n('Ahmed', null, 'Axmed'),
    n('Hassan', null, 'Xasan'),
    n('Ali', null, 'Cali'),
    n('Abdi', null, 'Cabdi'),
    n('Warsame'),
    n('Farah', null, 'Faarax'),
    n('Jama', null, 'Jaamac'),
    n('Hussein', null, 'Xuseen'),
    n('Osman', null, 'Cismaan'),
    n('Aden', null, 'Aadan'),
    n('Nur', null, 'Nuur'),
    n('Yusuf', null, 'Yuusuf'),
    n('Abdullahi', null, 'Cabdullaahi'),
    n('Omar', null, 'Cumar'),
    n('Egal', null, 'Cigaal'),
  ],
  male: [
    n('Abdirahman', null, 'Cabdiraxmaan'),
    n('Mohamed', null, 'Maxamed'),
    n('Abdullahi', null, 'Cabdullaahi'),
    n('Ahmed', null, 'Axmed'),
    n('Hassan', null, 'Xasan'),
    n('Ali', null, 'Cali'),
    n('Omar', null, 'Cumar'),
    n('Abdikarim', null, 'Cabdikariim'),
    n('Yusuf', null, 'Yuusuf'),
    n('Ismail', null, 'Ismaaciil'),
    n('Abdiaziz', null, 'Cabdicasiis'),
    n('Mahad'),
    n('Liban'),
    n('Said', null, 'Saciid'),
  ],
  female: [
    n('Fadumo', null, 'Faadumo'),
    n('Hodan'),
    n('Asha', null, 'Aasha'),
    n('Amina', null, 'Aamina'),
    n('Khadija', null, 'Khadiija'),
    n('Sahra'),
    n('Ifrah', null, 'Ifraax'),
    n('Hawa', null, 'Xaawo'),
    n('Ayan', null, 'Ayaan'),
    n('Sagal'),
    n('Nimco'),
    n('Deeqa'),
    n('Ubah', null, 'Ubax'),
    n('Hamdi', null, 'Xamdi'),
    n('Maryan'),
  ],
  languages: [{ value: 'so', share: 1 }],
  alsoSpoken: [
    { value: 'ar', share: 0.35 },
    { value: 'en', share: 0.3 },
  ],
}

// --- Guinea (French-based Latin spelling) --------------------------------------------------

const guineanFula: NameGroup = {
  share: 0.5,
  familyNames: [
    n('Diallo', null, 'Jallo', 'Djallo'),
    n('Barry', null, 'Bari'),
    n('Bah', null, 'Ba'),
    n('Sow', null, 'Sowe'),
    n('Baldé', null, 'Balde'),
    n('Sall'),
  ],
  male: [
    n('Mamadou', null, 'Mamadu'),
    n('Thierno', null, 'Tierno', 'Cherno'),
    n('Alpha'),
    n('Ibrahima'),
    n('Abdoulaye', null, 'Abdoulai', 'Abdulai'),
    n('Amadou', null, 'Ahmadou'),
    n('Boubacar', null, 'Aboubacar', 'Bubacarr'),
    n('Oury', null, 'Ouri'),
    n('Souleymane', null, 'Suleymane'),
    n('Ousmane', null, 'Usman'),
  ],
  female: [
    n('Mariama', null, 'Mariam'),
    n('Fatoumata', null, 'Fatimata', 'Fatumata'),
    n('Aissatou', null, 'Aïssatou', 'Aissata'),
    n('Kadiatou', null, 'Kadiatu'),
    n('Djenabou', null, 'Dienabou', 'Jenabu'),
    n('Oumou', null, 'Umu'),
    n('Hawa'),
    n('Aminata'),
    n('Ramatoulaye', null, 'Ramatulai'),
  ],
  languages: [{ value: 'ff', share: 1 }],
  alsoSpoken: [
    { value: 'fr', share: 0.6 },
    { value: 'sus', share: 0.15 },
  ],
  secondGiven: {
    share: 0.3,
    male: [n('Saliou', null, 'Saliu'), n('Oury'), n('Alpha'), n('Sadio')],
    female: [n('Binta'), n('Diaraye', null, 'Jarai'), n('Sira'), n('Dalanda')],
  },
}

const guineanSusu: NameGroup = {
  share: 0.25,
  familyNames: [
    n('Camara', null, 'Kamara'),
    n('Soumah', null, 'Sumah', 'Souma'),
    n('Bangoura', null, 'Bangura'),
    n('Sylla', null, 'Sila'),
    n('Touré', null, 'Toure'),
    n('Fofana'),
    n('Yansané', null, 'Yansane'),
    n('Conté', null, 'Conte'),
  ],
  male: [
    n('Mohamed', null, 'Mohammed'),
    n('Sekou', null, 'Sékou'),
    n('Ousmane'),
    n('Lansana'),
    n('Abdoulaye'),
    n('Alseny'),
    n('Mamadouba'),
    n('Ibrahima'),
  ],
  female: [
    n('Fanta'),
    n('Mbalia', null, "M'Balia"),
    n('Aminata'),
    n('Mariame'),
    n('Hawa'),
    n('Kadiatou', null, 'Kadiatu'),
    n('Fatoumata', null, 'Fatumata'),
    n('Aissata'),
  ],
  languages: [{ value: 'sus', share: 1 }],
  alsoSpoken: [{ value: 'fr', share: 0.6 }],
}

const guineanManinka: NameGroup = {
  share: 0.25,
  familyNames: [
    n('Keita', null, 'Keïta'),
    n('Condé', null, 'Conde'),
    n('Kouyaté', null, 'Kouyate'),
    n('Cissé', null, 'Cisse'),
    n('Diakité', null, 'Diakite'),
    n('Traoré', null, 'Traore'),
    n('Kaba'),
    n('Kourouma', null, 'Kuruma'),
  ],
  male: [
    n('Sekou', null, 'Sékou'),
    n('Lansana'),
    n('Moussa', null, 'Musa'),
    n('Mamady', null, 'Mamadi'),
    n('Fodé', null, 'Fode'),
    n('Karamo'),
    n('Ibrahima'),
    n('Mohamed'),
  ],
  female: [
    n('Nantenin'),
    n('Sira'),
    n('Fanta'),
    n('Saran'),
    n('Djeneba', null, 'Jeneba'),
    n('Mariama'),
    n('Kadiatou'),
    n('Aminata'),
  ],
  languages: [{ value: 'emk', share: 1 }],
  alsoSpoken: [{ value: 'fr', share: 0.6 }],
}

// --- Nigeria -------------------------------------------------------------------------------

const nigerianChristianNames = {
  share: 0.35,
  male: [n('Samuel'), n('Emmanuel'), n('Daniel'), n('David'), n('Godwin')],
  female: [n('Blessing'), n('Esther'), n('Grace'), n('Precious'), n('Joy')],
}

const nigerianYoruba: NameGroup = {
  share: 0.4,
  familyNames: [
    n('Adeyemi'),
    n('Adebayo'),
    n('Ogunleye'),
    n('Olawale'),
    n('Bakare'),
    n('Adeleke'),
    n('Ogundipe'),
    n('Akinola'),
    n('Oyewole'),
    n('Afolabi'),
  ],
  male: [
    n('Oluwaseun'),
    n('Babajide'),
    n('Babatunde'),
    n('Olumide'),
    n('Olusegun'),
    n('Ayodele'),
    n('Kehinde'),
    n('Taiwo'),
  ],
  female: [
    n('Funmilayo'),
    n('Folake'),
    n('Oluwakemi'),
    n('Adenike'),
    n('Titilayo'),
    n('Bukola'),
    n('Yetunde'),
    n('Omolara'),
  ],
  languages: [
    { value: 'yo', share: 0.7 },
    { value: 'en', share: 0.3 },
  ],
  alsoSpoken: [
    { value: 'en', share: 0.95 },
    { value: 'pcm', share: 0.4 },
  ],
  secondGiven: nigerianChristianNames,
}

const nigerianIgbo: NameGroup = {
  share: 0.4,
  familyNames: [
    n('Okafor'),
    n('Okonkwo'),
    n('Eze'),
    n('Nwosu'),
    n('Okoro'),
    n('Chukwu'),
    n('Obi'),
    n('Nwachukwu'),
    n('Onyeka'),
    n('Ibe'),
  ],
  male: [
    n('Chinedu'),
    n('Chukwuemeka'),
    n('Ikechukwu'),
    n('Obinna'),
    n('Chidi'),
    n('Nnamdi'),
    n('Kelechi'),
    n('Uchenna'),
  ],
  female: [
    n('Chioma'),
    n('Ngozi'),
    n('Adaeze'),
    n('Ifeoma'),
    n('Nneka'),
    n('Chinwe'),
    n('Amarachi'),
    n('Ebere'),
  ],
  languages: [
    { value: 'ig', share: 0.6 },
    { value: 'en', share: 0.25 },
    { value: 'pcm', share: 0.15 },
  ],
  alsoSpoken: [
    { value: 'en', share: 0.95 },
    { value: 'pcm', share: 0.5 },
  ],
  secondGiven: nigerianChristianNames,
}

const nigerianHausa: NameGroup = {
  share: 0.2,
  familyNames: [
    n('Bello'),
    n('Abubakar'),
    n('Ibrahim'),
    n('Musa'),
    n('Usman'),
    n('Sani'),
    n('Abdullahi'),
    n('Yusuf'),
    n('Garba'),
    n('Lawal'),
  ],
  male: [
    n('Ibrahim'),
    n('Usman', null, 'Othman'),
    n('Abdullahi'),
    n('Aliyu'),
    n('Sani'),
    n('Musa'),
    n('Abubakar', null, 'Aboubakar'),
    n('Umar', null, 'Omar'),
    n('Mustapha', null, 'Mustafa'),
  ],
  female: [
    n('Aisha', null, 'Aishatu'),
    n('Amina', null, 'Aminatu'),
    n('Hauwa'),
    n('Fatima', null, 'Fatimah'),
    n('Zainab'),
    n('Hadiza'),
    n('Maryam'),
    n('Khadija'),
    n('Hafsat'),
  ],
  languages: [{ value: 'ha', share: 1 }],
  alsoSpoken: [
    { value: 'en', share: 0.75 },
    { value: 'ar', share: 0.1 },
  ],
}

// --- Kosovo and Romania ------------------------------------------------------------------

const kosovar: NameGroup = {
  share: 1,
  familyNames: [
    n('Krasniqi', null, 'Krasnici'),
    n('Gashi'),
    n('Berisha'),
    n('Morina'),
    n('Hoxha', null, 'Hodscha'),
    n('Shala'),
    n('Bytyçi', null, 'Bytyqi', 'Bytyci'),
    n('Kastrati'),
    n('Rexhepi', null, 'Redzepi'),
    n('Hasani'),
    n('Ahmeti'),
    n('Sylejmani', null, 'Sulejmani'),
  ],
  male: [
    n('Arben'),
    n('Besnik'),
    n('Driton'),
    n('Fatmir'),
    n('Agron'),
    n('Ilir'),
    n('Valon'),
    n('Arianit'),
    n('Blerim'),
    n('Luan'),
    n('Dardan'),
    n('Egzon'),
  ],
  female: [
    n('Arta'),
    n('Blerta'),
    n('Drita'),
    n('Fjolla'),
    n('Teuta'),
    n('Vjosa'),
    n('Albulena'),
    n('Lirije'),
    n('Shqipe'),
    n('Mimoza'),
    n('Ardita'),
    n('Donjeta'),
  ],
  languages: [
    { value: 'sq', share: 0.85 },
    { value: 'rom', share: 0.1 },
    { value: 'sr', share: 0.05 },
  ],
  alsoSpoken: [
    { value: 'sq', share: 1 },
    { value: 'sr', share: 0.2 },
    { value: 'en', share: 0.25 },
  ],
}

const romanian: NameGroup = {
  share: 1,
  familyNames: [
    n('Popescu'),
    n('Ionescu'),
    n('Popa'),
    n('Pop'),
    n('Dumitru'),
    n('Stan'),
    n('Stoica'),
    n('Gheorghe'),
    n('Matei'),
    n('Constantin'),
    n('Rusu'),
    n('Munteanu'),
    n('Lungu'),
    n('Ciobanu'),
  ],
  male: [
    n('Andrei'),
    n('Alexandru'),
    n('Ion'),
    n('Mihai'),
    n('Ștefan', null, 'Stefan', 'Ştefan'),
    n('Gheorghe'),
    n('Constantin'),
    n('Florin'),
    n('Adrian'),
    n('Cristian'),
    n('Marian'),
  ],
  female: [
    n('Maria'),
    n('Elena'),
    n('Ioana'),
    n('Andreea'),
    n('Ana'),
    n('Mihaela'),
    n('Gabriela'),
    n('Alexandra'),
    n('Ionela'),
    n('Georgiana'),
    n('Florentina'),
    n('Roxana'),
  ],
  languages: [
    { value: 'ro', share: 0.85 },
    { value: 'rom', share: 0.15 },
  ],
  alsoSpoken: [
    { value: 'ro', share: 1 },
    { value: 'en', share: 0.25 },
  ],
  secondGiven: {
    share: 0.2,
    male: [n('Ionuț', null, 'Ionut'), n('Marian'), n('Daniel'), n('Gabriel')],
    female: [n('Maria'), n('Elena'), n('Cristina'), n('Ramona')],
  },
}

// --- Profiles ------------------------------------------------------------------------------

const rareGaps = { yearOnly: 0.02, yearMonth: 0.01, placeholder: 0.005 }

/** Shares, arrival waves (2014 … 2026) and household patterns of each origin in the demo district. */
export const demoOriginProfiles: Readonly<Record<DemoOrigin, OriginProfile>> = {
  SY: {
    share: 20,
    nationality: 'SY',
    groups: [syrianArabic, syrianKurdish],
    arrivalYears: [8, 25, 20, 8, 6, 5, 3, 3, 6, 8, 5, 2, 1],
    familyShare: 0.3,
    twoParentShare: 0.8,
    maleShareOfSingles: 0.6,
    naming: 'family-name',
    spouseTakesFamilyName: false,
    birthDate: { yearOnly: 0.12, yearMonth: 0.04, placeholder: 0.03 },
    otherNationalities: [
      { value: ['stateless'], share: 0.04 },
      { value: ['unclear'], share: 0.02 },
    ],
  },
  UA: {
    share: 18,
    nationality: 'UA',
    groups: [ukrainian],
    arrivalYears: [1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 50, 20, 12, 8, 5],
    familyShare: 0.3,
    twoParentShare: 0.35,
    maleShareOfSingles: 0.35,
    naming: 'family-name',
    spouseTakesFamilyName: true,
    birthDate: rareGaps,
  },
  AF: {
    share: 14,
    nationality: 'AF',
    groups: [afghanDari, afghanPashto],
    arrivalYears: [3, 15, 15, 5, 4, 4, 3, 10, 15, 14, 8, 4, 2],
    familyShare: 0.3,
    twoParentShare: 0.8,
    maleShareOfSingles: 0.7,
    naming: 'family-name',
    spouseTakesFamilyName: false,
    birthDate: { yearOnly: 0.2, yearMonth: 0.02, placeholder: 0.15 },
    otherNationalities: [{ value: ['unclear'], share: 0.02 }],
  },
  IQ: {
    share: 9,
    nationality: 'IQ',
    groups: [iraqiArabic, iraqiKurdish, iraqiYazidi],
    arrivalYears: [4, 18, 20, 10, 8, 8, 4, 5, 6, 6, 4, 2, 1],
    familyShare: 0.3,
    twoParentShare: 0.8,
    maleShareOfSingles: 0.55,
    naming: 'family-name',
    spouseTakesFamilyName: false,
    birthDate: { yearOnly: 0.12, yearMonth: 0.04, placeholder: 0.04 },
    otherNationalities: [{ value: ['unclear'], share: 0.01 }],
  },
  TR: {
    share: 8,
    nationality: 'TR',
    groups: [turkish, turkishKurdish],
    arrivalYears: [2, 2, 4, 6, 6, 7, 4, 6, 14, 20, 16, 8, 4],
    familyShare: 0.2,
    twoParentShare: 0.8,
    maleShareOfSingles: 0.6,
    naming: 'family-name',
    spouseTakesFamilyName: true,
    birthDate: rareGaps,
  },
  ER: {
    share: 5,
    nationality: 'ER',
    groups: [eritrean],
    arrivalYears: [18, 22, 18, 8, 6, 6, 3, 3, 4, 5, 4, 3, 1],
    familyShare: 0.12,
    twoParentShare: 0.5,
    maleShareOfSingles: 0.6,
    naming: 'patronymic',
    spouseTakesFamilyName: false,
    birthDate: { yearOnly: 0.18, yearMonth: 0.05, placeholder: 0.06 },
    otherNationalities: [{ value: ['unclear'], share: 0.03 }],
  },
  IR: {
    share: 5,
    nationality: 'IR',
    groups: [iranian],
    arrivalYears: [4, 12, 12, 6, 6, 6, 4, 5, 8, 10, 8, 5, 2],
    familyShare: 0.2,
    twoParentShare: 0.8,
    maleShareOfSingles: 0.55,
    naming: 'family-name',
    spouseTakesFamilyName: false,
    birthDate: { yearOnly: 0.06, yearMonth: 0.03, placeholder: 0.01 },
  },
  GN: {
    share: 5,
    nationality: 'GN',
    groups: [guineanFula, guineanSusu, guineanManinka],
    arrivalYears: [2, 3, 8, 14, 14, 10, 4, 6, 10, 12, 8, 5, 2],
    familyShare: 0.07,
    twoParentShare: 0.6,
    maleShareOfSingles: 0.75,
    naming: 'family-name',
    spouseTakesFamilyName: false,
    birthDate: { yearOnly: 0.18, yearMonth: 0.03, placeholder: 0.1 },
  },
  SO: {
    share: 4,
    nationality: 'SO',
    groups: [somali],
    arrivalYears: [15, 15, 14, 8, 6, 6, 4, 5, 6, 8, 7, 4, 2],
    familyShare: 0.15,
    twoParentShare: 0.5,
    maleShareOfSingles: 0.55,
    naming: 'patronymic',
    spouseTakesFamilyName: false,
    birthDate: { yearOnly: 0.22, yearMonth: 0.03, placeholder: 0.1 },
    otherNationalities: [{ value: ['unclear'], share: 0.03 }],
  },
  NG: {
    share: 4,
    nationality: 'NG',
    groups: [nigerianYoruba, nigerianIgbo, nigerianHausa],
    arrivalYears: [5, 8, 15, 15, 10, 8, 4, 5, 6, 7, 6, 4, 2],
    familyShare: 0.15,
    twoParentShare: 0.7,
    maleShareOfSingles: 0.55,
    naming: 'family-name',
    spouseTakesFamilyName: true,
    birthDate: { yearOnly: 0.08, yearMonth: 0.03, placeholder: 0.03 },
  },
  RU: {
    share: 3,
    nationality: 'RU',
    groups: [russian],
    arrivalYears: [3, 3, 3, 3, 3, 3, 3, 3, 20, 15, 10, 6, 3],
    familyShare: 0.2,
    twoParentShare: 0.7,
    maleShareOfSingles: 0.5,
    naming: 'family-name',
    spouseTakesFamilyName: true,
    birthDate: rareGaps,
  },
  XK: {
    share: 3,
    nationality: 'XK',
    groups: [kosovar],
    arrivalYears: [15, 25, 8, 4, 4, 4, 4, 4, 4, 4, 4, 4, 2],
    familyShare: 0.3,
    twoParentShare: 0.85,
    maleShareOfSingles: 0.5,
    naming: 'family-name',
    spouseTakesFamilyName: true,
    birthDate: rareGaps,
  },
  RO: {
    share: 2,
    nationality: 'RO',
    groups: [romanian],
    arrivalYears: [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 6],
    familyShare: 0.25,
    twoParentShare: 0.8,
    maleShareOfSingles: 0.55,
    naming: 'family-name',
    spouseTakesFamilyName: true,
    birthDate: rareGaps,
  },
}

/** Combinations that would name well-known public figures; the generator picks another name. */
const avoidedFullNames = new Set([
  'Andrii Shevchenko',
  'Taras Shevchenko',
  'Narges Mohammadi',
  'Mohamed Farah',
  'Alpha Condé',
  'Sekou Touré',
  'Aleksandr Popov',
])

// --- Generator -----------------------------------------------------------------------------

/** mulberry32: a small, well-mixed 32-bit PRNG; deterministic per seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const msPerDay = 86_400_000
const firstArrivalYear = 2014
const lastArrivalDay = '2026-10-31'
const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / msPerDay
const isoOf = (day: number) => new Date(day * msPerDay).toISOString().slice(0, 10)
const yearsBetween = (fromIso: string, toIso: string) => (dayNumber(toIso) - dayNumber(fromIso)) / 365.25

type Random = () => number

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('cannot pick from an empty list')
  return item
}

function pickShare<T extends { share: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.share, 0)
  let roll = random() * total
  for (const item of items) {
    roll -= item.share
    if (roll < 0) return item
  }
  return items[items.length - 1] as T
}

function pickArrival(random: Random, profile: OriginProfile): string {
  const years = profile.arrivalYears.map((share, offset) => ({ share, year: firstArrivalYear + offset }))
  const { year } = pickShare(random, years)
  const first = dayNumber(`${year}-01-01`)
  const last = Math.min(dayNumber(`${year}-12-31`), dayNumber(lastArrivalDay))
  return isoOf(first + Math.floor(random() * (last - first + 1)))
}

/** A full birth date for someone `age` (fractional years) old on `onDay`. */
const birthDateFor = (onDay: string, age: number) => isoOf(Math.round(dayNumber(onDay) - age * 365.25))

/** Leaves out the parts of the birth date that are often unknown, keeping it before arrival. */
function blurBirthDate(random: Random, birth: string, arrival: string, profile: OriginProfile): string {
  const { yearOnly, yearMonth, placeholder } = profile.birthDate
  const roll = random()
  const candidate =
    roll < yearOnly
      ? birth.slice(0, 4)
      : roll < yearOnly + yearMonth
        ? birth.slice(0, 7)
        : roll < yearOnly + yearMonth + placeholder
          ? `${birth.slice(0, 4)}-01-01`
          : birth
  return latestDay(candidate) < arrival ? candidate : birth
}

const namesFor = (group: NameGroup, sex: DemoSex, random: Random): readonly Name[] =>
  sex === 'female' ? group.female : sex === 'male' ? group.male : random() < 0.5 ? group.female : group.male

function pickGivenNames(random: Random, group: NameGroup, sex: DemoSex, taken: ReadonlySet<string>): Name[] {
  const list = namesFor(group, sex, random)
  let first = pick(random, list)
  for (let attempt = 0; attempt < 10 && taken.has(first.latin); attempt++) first = pick(random, list)
  const second = group.secondGiven
  if (second && random() < second.share) {
    const extra = pick(random, sex === 'female' ? second.female : second.male)
    if (extra.latin !== first.latin) return [first, extra]
  }
  return [first]
}

const familyNameForm = (family: FamilyName, sex: DemoSex): Name =>
  sex === 'female' && family.female ? family.female : family

function otherSpellingsFor(
  random: Random,
  given: readonly Name[],
  family: Name,
  documentName: string,
): string[] {
  const parts = [...given, family]
  if (!parts.some((part) => part.other.length > 0) || random() < 0.45) return []
  const spellings = new Set<string>()
  for (let attempt = 0; attempt < 4 && spellings.size < 2; attempt++) {
    const variant = parts.map((part) =>
      random() < 0.6 ? pick(random, [part.latin, ...part.other]) : part.latin,
    )
    const spelling = variant.join(' ')
    if (spelling !== documentName) spellings.add(spelling)
  }
  return [...spellings]
}

function languagesFor(
  random: Random,
  group: NameGroup,
  arrival: string,
  ageAtArrival: number,
): DemoPerson['languages'] {
  const codes = [pickShare(random, group.languages).value]
  for (const extra of group.alsoSpoken) {
    if (!codes.includes(extra.value) && random() < extra.share) codes.push(extra.value)
  }
  const yearsHere = yearsBetween(arrival, lastArrivalDay)
  const speaksGerman = ageAtArrival < 14 ? yearsHere > 1 : random() < Math.min(0.75, 0.08 * yearsHere)
  if (speaksGerman) codes.push('de')
  const needOfInterpreter = speaksGerman ? 0 : codes.includes('en') ? 0.1 : codes.includes('fr') ? 0.5 : 0.85
  const interpreter = ageAtArrival >= 14 && random() < needOfInterpreter
  return codes.map((code, index) => ({ code, interpreterNeeded: index === 0 && interpreter }))
}

function nationalitiesFor(random: Random, profile: OriginProfile, arrival: string): string[] {
  const roll = random()
  let threshold = 0
  for (const special of profile.otherNationalities ?? []) {
    threshold += special.share
    if (roll < threshold) return [...special.value]
  }
  // Naturalised with the Turkish citizenship kept, possible since the 2024 reform.
  if (profile.nationality === 'TR' && arrival < '2019-01-01' && random() < 0.15) return ['TR', 'DE']
  return [profile.nationality]
}

type Draft = {
  given: Name[]
  family: Name
  sex: DemoSex
  birth: string
}

/**
 * Deterministic demo persons: `count` people (singles and households) drawn with `seed`. Household
 * members are consecutive in `persons`; a person belongs to at most one household.
 */
export function generateDemoPersons(count: number, seed: number): DemoPopulation {
  const random = mulberry32(seed)
  const persons: DemoPerson[] = []
  const households: DemoHousehold[] = []
  const origins = demoOrigins.map((origin) => ({ origin, share: demoOriginProfiles[origin].share }))

  const person = (
    origin: DemoOrigin,
    group: NameGroup,
    draft: Draft,
    arrival: string,
    nationalities: string[],
  ): number => {
    const profile = demoOriginProfiles[origin]
    const givenNames = draft.given.map((name) => name.latin).join(' ')
    const originals = [...draft.given, draft.family].map((name) => name.original)
    const ageAtArrival = yearsBetween(draft.birth, arrival)
    persons.push({
      familyName: draft.family.latin,
      givenNames,
      nameInOriginalScript: originals.every((original) => original !== null) ? originals.join(' ') : null,
      otherSpellings: otherSpellingsFor(
        random,
        draft.given,
        draft.family,
        `${givenNames} ${draft.family.latin}`,
      ),
      sex: draft.sex,
      birthDate: blurBirthDate(random, draft.birth, arrival, profile),
      nationalities,
      languages: languagesFor(random, group, arrival, ageAtArrival),
      arrivalDate: arrival,
      origin,
    })
    return persons.length - 1
  }

  const draftFor = (
    group: NameGroup,
    sex: DemoSex,
    family: FamilyName,
    birth: string,
    taken = new Set<string>(),
  ) => {
    const familyName = familyNameForm(family, sex)
    let given = pickGivenNames(random, group, sex, taken)
    for (let attempt = 0; attempt < 10; attempt++) {
      if (!avoidedFullNames.has(`${given.map((name) => name.latin).join(' ')} ${familyName.latin}`)) break
      given = pickGivenNames(random, group, sex, taken)
    }
    return { given, family: familyName, sex, birth }
  }

  const singleSex = (profile: OriginProfile): DemoSex => {
    const roll = random()
    if (roll < 0.005) return 'diverse'
    if (roll < 0.01) return 'unknown'
    return random() < profile.maleShareOfSingles ? 'male' : 'female'
  }

  const addSingle = (origin: DemoOrigin) => {
    const profile = demoOriginProfiles[origin]
    const group = pickShare(random, profile.groups)
    const arrival = pickArrival(random, profile)
    const ageAtArrival = 17 + random() ** 1.7 * 48
    const draft = draftFor(
      group,
      singleSex(profile),
      pick(random, group.familyNames),
      birthDateFor(arrival, ageAtArrival),
    )
    person(origin, group, draft, arrival, nationalitiesFor(random, profile, arrival))
  }

  const addFamily = (origin: DemoOrigin, room: number) => {
    const profile = demoOriginProfiles[origin]
    const group = pickShare(random, profile.groups)
    const arrival = pickArrival(random, profile)
    const motherAge = 21 + random() * 24
    const fatherAge = motherAge + random() * 8
    const withFather = random() < profile.twoParentShare
    const withGrandmother = origin === 'UA' && random() < 0.2

    // Children's ages at arrival: the oldest born when the mother was 19 or older, 1 to 4 years apart.
    const childAges: number[] = []
    let age = Math.min(17.9, motherAge - 19) * random()
    const wanted = 1 + Math.floor(random() * 4)
    while (childAges.length < wanted && age >= 0.1) {
      childAges.push(age)
      age -= 1 + random() * 3
    }
    const adults = 1 + (withFather ? 1 : 0) + (withGrandmother ? 1 : 0)
    childAges.splice(Math.max(0, room - adults))
    if (adults + childAges.length < 2 || adults + childAges.length > room) return addSingle(origin)

    const nationalities = nationalitiesFor(random, profile, arrival)
    // Families often reunite: the father came first, one to three years earlier.
    const fatherArrivalDay = Math.max(
      dayNumber(`${firstArrivalYear}-01-01`),
      dayNumber(arrival) - (random() < 0.3 && origin !== 'UA' ? Math.floor(365 + random() * 730) : 0),
    )
    const fatherArrival = isoOf(fatherArrivalDay)

    const fatherFamily = pick(random, group.familyNames)
    const father = draftFor(group, 'male', fatherFamily, birthDateFor(arrival, fatherAge))
    const motherFamily = profile.spouseTakesFamilyName ? fatherFamily : pick(random, group.familyNames)
    const mother = draftFor(group, 'female', motherFamily, birthDateFor(arrival, motherAge))
    const childFamily: FamilyName =
      profile.naming === 'patronymic' ? (father.given[0] as Name) : withFather ? fatherFamily : motherFamily

    const members: number[] = []
    const relations: DemoHousehold['relations'] = []
    const relate = (from: number, to: number, relation: DemoRelation, inverse: DemoRelation) => {
      relations.push({ from, to, relation }, { from: to, to: from, relation: inverse })
    }
    const fatherIndex = withFather
      ? person(origin, group, father, fatherArrival, [...nationalities])
      : undefined
    if (fatherIndex !== undefined) members.push(fatherIndex)
    const motherIndex = person(origin, group, mother, arrival, [...nationalities])
    members.push(motherIndex)
    if (fatherIndex !== undefined) relate(fatherIndex, motherIndex, 'partner', 'partner')

    const takenNames = new Set<string>()
    const children: number[] = []
    for (const childAge of childAges) {
      const roll = random()
      const sex: DemoSex = roll < 0.005 ? 'unknown' : roll < 0.5 ? 'female' : 'male'
      const child = draftFor(group, sex, childFamily, birthDateFor(arrival, childAge), takenNames)
      for (const name of child.given) takenNames.add(name.latin)
      const childIndex = person(origin, group, child, arrival, [...nationalities])
      for (const parent of [fatherIndex, motherIndex]) {
        if (parent !== undefined) relate(parent, childIndex, 'child', 'parent')
      }
      for (const sibling of children) relate(sibling, childIndex, 'sibling', 'sibling')
      children.push(childIndex)
      members.push(childIndex)
    }

    if (withGrandmother) {
      const grandmother = draftFor(
        group,
        'female',
        pick(random, group.familyNames),
        birthDateFor(arrival, motherAge + 20 + random() * 10),
      )
      const grandmotherIndex = person(origin, group, grandmother, arrival, [...nationalities])
      members.push(grandmotherIndex)
      relate(grandmotherIndex, motherIndex, 'child', 'parent')
      for (const child of children) relate(grandmotherIndex, child, 'other', 'other')
    }
    households.push({ origin, memberIndexes: members, relations })
  }

  while (persons.length < count) {
    const { origin } = pickShare(random, origins)
    const room = count - persons.length
    if (room >= 2 && random() < demoOriginProfiles[origin].familyShare) addFamily(origin, room)
    else addSingle(origin)
  }
  return { persons, households }
}
