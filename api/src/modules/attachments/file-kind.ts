import { fromBuffer } from 'file-type';

/** What may be uploaded: PDF, Office (OOXML and legacy OLE2) and common images, detected from content. */
export const allowedMimes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/x-cfb', // legacy .doc/.xls/.ppt (OLE2 compound file)
]);

export const imageMimes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Returns the detected MIME type, or null when the bytes are not an allowed kind (whatever the name says). */
export async function detectAllowedMime(bytes: Buffer): Promise<string | null> {
  const detected = await fromBuffer(bytes);
  if (!detected) return null;
  return allowedMimes.has(detected.mime) ? detected.mime : null;
}
