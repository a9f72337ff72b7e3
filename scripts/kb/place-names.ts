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
