/**
 * The GDELT 2.0 event table: 61 tab-separated columns in the official order. One row per coded
 * event; what wiretrace does not know is left empty (see docs/corpus.md for the mapping).
 */
import type { Report, WireEvent } from '../../types.js';
import { quadClass } from '../cameo.js';

export const GDELT_COLUMNS = [
  'GlobalEventID', 'Day', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode',
  'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode',
  'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code',
  'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;

/** CAMEO actor codes are 3-letter blocks: a country (or IGO/NGO) first, then role/type blocks. */
const TYPE_CODES = new Set([
  'COP', 'GOV', 'INS', 'JUD', 'MIL', 'OPP', 'REB', 'SEP', 'SPY', 'UAF', 'AGR', 'BUS', 'CRM', 'CVL', 'DEV', 'EDU',
  'ELI', 'ENV', 'HLH', 'HRI', 'LAB', 'LEG', 'MED', 'REF', 'MOD', 'RAD', 'AMN', 'IRC', 'GRP', 'UNO', 'PKO', 'UIS',
  'IGO', 'IMG', 'INT', 'MNC', 'NGM', 'NGO', 'SET',
]);

function blocks(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= code.length; i += 3) out.push(code.slice(i, i + 3));
  return out;
}

function actorColumns(code: string | null, name: string): string[] {
  if (!code) return ['', '', '', '', '', '', '', '', '', ''];
  const bs = blocks(code);
  const country = bs[0] && !TYPE_CODES.has(bs[0]) ? bs[0] : '';
  const types = bs.filter((b, i) => TYPE_CODES.has(b) && (i > 0 || !country)).slice(0, 3);
  return [code, name.toUpperCase(), country, '', '', '', '', types[0] ?? '', types[1] ?? '', types[2] ?? ''];
}

function clean(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ');
}

function fractionDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const doy = Math.floor((d.getTime() - start) / 86400000) + 1;
  return (d.getUTCFullYear() + doy / 365).toFixed(4);
}

/** The lead paragraph: GDELT's IsRootEvent marks events found there. */
function leadEnd(report: Report): number {
  const t = report.article.text;
  const after = report.article.titleSpan.end;
  const bodyStart = t.slice(after).search(/\S/);
  if (bodyStart < 0) return t.length;
  const end = t.indexOf('\n\n', after + bodyStart);
  return end < 0 ? t.length : end;
}

export function gdeltRow(globalId: number, ev: WireEvent, report: Report, added: string): string {
  const art = report.article;
  const day = ev.date ?? art.published;
  const name = (entity: string | null): string => (entity ? report.entities.find((e) => e.id === entity)?.name ?? '' : '');
  const loc = ev.location;
  const actionGeo = loc
    ? [
        loc.lat !== null && loc.name !== loc.country ? '4' : '1',
        clean(loc.name), '', '', '', loc.lat === null ? '' : String(loc.lat), loc.lon === null ? '' : String(loc.lon), '',
      ]
    : ['0', '', '', '', '', '', '', ''];
  const cols = [
    String(globalId),
    day ? day.replace(/-/g, '').slice(0, 8) : '',
    day ? day.replace(/-/g, '').slice(0, 6) : '',
    day ? day.slice(0, 4) : '',
    day ? fractionDate(day.slice(0, 10)) : '',
    ...actorColumns(ev.actor1.code, clean(name(ev.actor1.entity))),
    ...actorColumns(ev.actor2.code, clean(name(ev.actor2.entity))),
    ev.evidence.start < leadEnd(report) ? '1' : '0',
    ev.code,
    ev.code.slice(0, 3),
    ev.code.slice(0, 2),
    String(quadClass(ev.code)),
    String(ev.goldstein),
    '1', '1', '1', '',
    '', '', '', '', '', '', '', '',
    '', '', '', '', '', '', '', '',
    ...actionGeo,
    added,
    clean(art.url ?? art.source ?? ''),
  ];
  return cols.join('\t');
}

/** YYYYMMDDHHMMSS, as DATEADDED is written. */
export function gdeltTimestamp(iso: string): string {
  return iso.replace(/[-:T]/g, '').slice(0, 14);
}
