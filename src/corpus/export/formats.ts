/** The export formats (`wiretrace export --format`), apart from their writers so that the CLI can list them without loading these. */
export type ExportFormat = 'jsonl' | 'csv' | 'gdelt' | 'brat';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv', 'gdelt', 'brat'];
