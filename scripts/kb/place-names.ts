/**
 * Hand-kept name tables for the place generator (build-places.ts): names the press uses that the
 * packages lack, and transliteration variants. Facts from general knowledge (editorial).
 */

/** Extra aliases per country (ISO alpha-3). "Korea" alone stays out: the entity stage resolves it from context. */
export const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  PRK: ['North Korea', 'N. Korea', 'N Korea', 'DPRK', 'D.P.R.K.', "Democratic People's Republic of Korea"],
  KOR: ['South Korea', 'S. Korea', 'S Korea', 'ROK', 'R.O.K.', 'Republic of Korea'],
  USA: ['US', 'U.S.', 'USA', 'U.S.A.', 'United States', 'United States of America', 'America'],
  GBR: ['UK', 'U.K.', 'Britain', 'Great Britain', 'United Kingdom'],
  RUS: ['Russia', 'Russian Federation'],
  CHN: ['China', 'PRC', "People's Republic of China", 'mainland China'],
  TWN: ['Taiwan', 'Republic of China'],
  IRN: ['Iran', 'Islamic Republic of Iran'],
  CZE: ['Czech Republic', 'Czechia'],
  TUR: ['Turkey', 'Türkiye', 'Turkiye', 'Republic of Türkiye'],
  CIV: ['Ivory Coast', "Côte d'Ivoire", "Cote d'Ivoire"],
  MMR: ['Myanmar', 'Burma'],
  SWZ: ['Eswatini', 'Swaziland'],
  MKD: ['North Macedonia', 'Macedonia'],
  COD: ['DR Congo', 'DRC', 'Democratic Republic of the Congo', 'Democratic Republic of Congo', 'Congo-Kinshasa'],
  COG: ['Republic of the Congo', 'Congo-Brazzaville'],
  ARE: ['UAE', 'U.A.E.', 'United Arab Emirates', 'the Emirates'],
  SAU: ['Saudi Arabia', 'KSA', 'Kingdom of Saudi Arabia'],
  NLD: ['Netherlands', 'the Netherlands', 'Holland'],
  CPV: ['Cape Verde', 'Cabo Verde'],
  TLS: ['East Timor', 'Timor-Leste'],
  PSE: ['Palestine', 'State of Palestine', 'Palestinian territories'],
  SYR: ['Syria', 'Syrian Arab Republic'],
  VAT: ['Vatican', 'Vatican City', 'Holy See'],
  LAO: ['Laos', 'Lao PDR'],
  VNM: ['Vietnam', 'Viet Nam'],
  BLR: ['Belarus', 'Byelorussia', 'Belorussia'],
  MDA: ['Moldova', 'Republic of Moldova'],
  KGZ: ['Kyrgyzstan', 'Kirghizia'],
  UKR: ['Ukraine'],
  BIH: ['Bosnia', 'Bosnia and Herzegovina', 'Bosnia-Herzegovina'],
  GMB: ['Gambia', 'The Gambia'],
  VEN: ['Venezuela'],
  BOL: ['Bolivia'],
  GEO: ['Georgia'],
  PHL: ['Philippines', 'the Philippines'],
  AFG: ['Afghanistan', 'Islamic Emirate of Afghanistan'],
};

/** Adjectives the packages lack (their demonym is the main adjective). */
export const COUNTRY_ADJECTIVES: Readonly<Record<string, readonly string[]>> = {
  USA: ['American', 'U.S.', 'US'],
  GBR: ['British', 'UK', 'U.K.'],
  PRK: ['North Korean'],
  KOR: ['South Korean'],
  CHN: ['Chinese'],
  RUS: ['Russian'],
  UKR: ['Ukrainian'],
  ARE: ['Emirati'],
  NLD: ['Dutch'],
  PSE: ['Palestinian'],
  CZE: ['Czech'],
  TUR: ['Turkish'],
  IRN: ['Iranian'],
  ISR: ['Israeli'],
  SAU: ['Saudi'],
  BLR: ['Belarusian', 'Belarussian'],
  COD: ['Congolese'],
};

/** CAMEO country codes that differ from ISO alpha-3 (from the Phoenix country dictionary). */
export const CAMEO_COUNTRY: Readonly<Record<string, string>> = { XKX: 'KSV' };

/**
 * Transliteration variants of place names (Ukrainian-based official spelling first, then the
 * Russian-based and older spellings the press still prints).
 */
export const PLACE_VARIANTS: readonly (readonly string[])[] = [
  ['Kyiv', 'Kiev'],
  ['Odesa', 'Odessa'],
  ['Kharkiv', 'Kharkov'],
  ['Dnipro', 'Dnepr'],
  ['Dnipropetrovsk', 'Dnepropetrovsk'],
  ['Zaporizhzhia', 'Zaporizhia', 'Zaporozhye', 'Zaporizhzhya'],
  ['Mykolaiv', 'Nikolaev', 'Nikolayev'],
  ['Luhansk', 'Lugansk'],
  ['Lviv', 'Lvov', 'Lwow'],
  ['Chernihiv', 'Chernigov'],
  ['Rivne', 'Rovno'],
  ['Ivano-Frankivsk', 'Ivano-Frankovsk'],
  ['Khmelnytskyi', 'Khmelnytskyy', 'Khmelnitsky'],
  ['Zhytomyr', 'Zhitomir'],
  ['Vinnytsia', 'Vinnitsa'],
  ['Cherkasy', 'Cherkassy'],
  ['Kirovohrad', 'Kirovograd', 'Kropyvnytskyi'],
  ['Ternopil', 'Ternopol'],
  ['Chernivtsi', 'Chernovtsy'],
  ['Zakarpattia', 'Transcarpathia', 'Zakarpattya'],
  ['Kramatorsk'],
  ['Sloviansk', 'Slavyansk'],
  ['Bakhmut', 'Artemovsk', 'Artemivsk'],
  ['Avdiivka', 'Avdeyevka'],
  ['Pokrovsk', 'Krasnoarmeysk'],
  ['Kupiansk', 'Kupyansk'],
  ['Sievierodonetsk', 'Severodonetsk'],
  ['Lysychansk', 'Lisichansk'],
  ['Izium', 'Izyum'],
  ['Vuhledar', 'Ugledar'],
  ['Kostiantynivka', 'Konstantinovka'],
  ['Enerhodar', 'Energodar'],
  ['Pyongyang', "P'yongyang", 'Pyeongyang'],
  ['Busan', 'Pusan'],
  ['Incheon', 'Inchon'],
  ['Daegu', 'Taegu'],
  ['Beijing', 'Peking'],
  ['Saint Petersburg', 'St. Petersburg', 'St Petersburg', 'Sankt-Peterburg'],
  ['Yekaterinburg', 'Ekaterinburg'],
  ['Rostov-on-Don', 'Rostov-na-Donu'],
  ['Sanaa', "Sana'a"],
  ['Hodeidah', 'Al Hudaydah', 'Hudaydah'],
  ['Mumbai', 'Bombay'],
  ['Kolkata', 'Calcutta'],
  ['Chennai', 'Madras'],
  ['Bengaluru', 'Bangalore'],
  ['Yangon', 'Rangoon'],
  ['Ho Chi Minh City', 'Saigon'],
  ['Almaty', 'Alma-Ata'],
  ['Tbilisi', 'Tiflis'],
  ['Chisinau', 'Kishinev'],
  ['Tehran', 'Teheran'],
  ['Gaza City'],
  ['Khan Yunis', 'Khan Younis'],
  ['Jabalia', 'Jabalya'],
  ['Aleppo', 'Halab'],
  ['Kursk'],
  ['Sudzha'],
];

/** Places kept whatever their population, because the news names them (name, ISO alpha-2). */
export const EXTRA_CITIES: readonly (readonly [string, string])[] = [
  ['Sudzha', 'RU'], ['Belgorod', 'RU'], ['Bryansk', 'RU'], ['Kursk', 'RU'], ['Sevastopol', 'UA'], ['Simferopol', 'UA'],
  ['Bakhmut', 'UA'], ['Avdiivka', 'UA'], ['Pokrovsk', 'UA'], ['Kupiansk', 'UA'], ['Kramatorsk', 'UA'], ['Sloviansk', 'UA'],
  ['Izium', 'UA'], ['Bucha', 'UA'], ['Irpin', 'UA'], ['Vuhledar', 'UA'], ['Chasiv Yar', 'UA'], ['Toretsk', 'UA'],
  ['Kostiantynivka', 'UA'], ['Sievierodonetsk', 'UA'], ['Lysychansk', 'UA'], ['Melitopol', 'UA'], ['Enerhodar', 'UA'],
  ['Nova Kakhovka', 'UA'], ['Kherson', 'UA'], ['Mariupol', 'UA'], ['Kaesong', 'KP'], ['Sinuiju', 'KP'], ['Wonsan', 'KP'],
  ['Hamhung', 'KP'], ['Chongjin', 'KP'], ['Khan Yunis', 'PS'], ['Rafah', 'PS'], ['Jabalia', 'PS'], ['Deir al-Balah', 'PS'],
  ['Beit Lahia', 'PS'], ['Jenin', 'PS'], ['Nablus', 'PS'], ['Ramallah', 'PS'], ['Hebron', 'PS'], ['Sderot', 'IL'],
  ['Ashkelon', 'IL'], ['Idlib', 'SY'], ['Tartus', 'SY'], ['Latakia', 'SY'], ['Marib', 'YE'], ['Aden', 'YE'],
  ['Al Fashir', 'SD'], ['Goma', 'CD'], ['Kandahar', 'AF'],
];

/** Single-word region names that are ordinary English words: kept out, they would match everywhere. */
export const REGION_STOP = new Set([
  'central', 'centre', 'center', 'capital', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western',
  'federal', 'national', 'metropolitan', 'special', 'autonomous', 'coast', 'lakes', 'upper', 'lower', 'island', 'islands', 'valley', 'plateau', 'highlands', 'border', 'mountain', 'river',
]);

/**
 * Administrative centres named by hand, for regions whose centre the GeoNames data cannot give:
 * no seat recorded for the first-order division, or a centre outside the region (a capital city
 * that is its own region). ISO 3166-2 code -> the city's GeoNames name. The generator takes the
 * coordinates from GeoNames and stops if the name is missing there.
 */
export const REGION_CENTRES: Readonly<Record<string, string>> = {
  'UA-43': 'Simferopol', // Autonomous Republic of Crimea
  'RU-MOS': 'Krasnogorsk', // Moscow Oblast: the oblast government sits in Krasnogorsk
  'RU-LEN': 'Gatchina', // Leningrad Oblast: administrative centre by the oblast's 2021 law
  'SY-RD': 'Damascus', // Rif Dimashq
  'HU-PE': 'Budapest', // Pest County
  'CZ-ST': 'Prague', // Central Bohemian Region
  'BE-VLG': 'Brussels', // Flemish Region
  'NL-ZH': 'The Hague', // South Holland
  'IN-PB': 'Chandigarh', // Punjab
  'IN-HR': 'Chandigarh', // Haryana
  'ID-KR': 'Tanjung Pinang', // Riau Islands
  'KR-45': 'Jeonju', // North Jeolla
  'KP-10': 'Hyesan', // Ryanggang
  'GE-RL': 'Ambrolauri', // Racha-Lechkhumi and Kvemo Svaneti
  'MX-DUR': 'Victoria de Durango', // Durango
  'AF-ORU': 'Tarinkot', // Uruzgan (the package lists it under two codes)
  'AF-URU': 'Tarinkot',
  'PS-WBK': 'Ramallah', // West Bank: seat of the Palestinian Authority's government (GeoNames: Jericho)
  // Taiwan: the package's admin1 codes do not match GeoNames' (four divisions), so the seats are named here
  'TW-TPE': 'Taipei',
  'TW-KHH': 'Kaohsiung',
  'TW-NWT': 'Banqiao', // New Taipei
  'TW-HSQ': 'Zhubei', // Hsinchu County (TW-HSZ, Hsinchu City, is found by name)
  'TW-CYI': 'Jiayi Shi', // Chiayi City
  'TW-CYQ': 'Taibao', // Chiayi County
  'TW-CHA': 'Chang-hua', // Changhua
  'TW-HUA': 'Hualien City',
  'TW-YUN': 'Douliu', // Yunlin
  'TW-PEN': 'Magong', // Penghu
  'TW-KIN': 'Jincheng', // Kinmen
  'TW-LIE': 'Nangan', // Lienchiang (Matsu)
};

/** Regions without an administrative centre (the Irish provinces): left without coordinates. */
export const REGION_NO_CENTRE = new Set(['IE-C', 'IE-L', 'IE-M', 'IE-U']);
