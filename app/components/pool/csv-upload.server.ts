/** The largest CSV the import accepts; 5000 rows of a pool fit in well under 1 MB. */
export const IMPORT_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Decodes an uploaded CSV. UTF-8 (with or without BOM) is the documented format; Excel in a Chinese
 * Windows saves "CSV (逗号分隔)" as GB18030/GBK, so that is accepted too rather than shown as mojibake.
 * Returns null for bytes that are neither.
 */
export function decodeCsv(bytes: ArrayBuffer): string | null {
  for (const encoding of ["utf-8", "gb18030"]) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  return null;
}
