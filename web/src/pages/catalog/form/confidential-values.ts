import type { Confidential } from '../../../api/listing-types';
import { fileIds, storedFiles, type AttachmentFile } from './upload-field';

export interface ConfidentialValues {
  details?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  attachments?: AttachmentFile[];
}

const trimmed = (v?: string) => (v?.trim() ? v.trim() : undefined);

export function confidentialBody(v: ConfidentialValues) {
  const name = trimmed(v.contactName);
  const phone = trimmed(v.contactPhone);
  const email = trimmed(v.contactEmail);
  return {
    details: v.details?.trim() ?? '',
    // A contact is all or nothing: phone or email without a name fails on contactName.
    ...(name || phone || email
      ? { contact: { name: name ?? '', ...(phone ? { phone } : {}), ...(email ? { email } : {}) } }
      : {}),
    attachmentIds: fileIds(v.attachments),
  };
}

export function confidentialValues(
  c: Confidential | null | undefined,
  label: (n: number) => string,
): ConfidentialValues {
  return {
    details: c?.details ?? '',
    contactName: c?.contact?.name,
    contactPhone: c?.contact?.phone,
    contactEmail: c?.contact?.email,
    attachments: storedFiles(c?.attachmentIds, false, (n) => c?.attachments?.[n - 1]?.filename ?? label(n)),
  };
}
