/** Attachments: upload (multipart) and the download address used for links and <img src>. */
import { useMutation } from '@tanstack/react-query';
import { api } from './client';
import type { AttachmentDto } from './listing-types';

/** Images of published listings are public; confidential files need the owner, a reviewer or an NDA. */
export const attachmentUrl = (id: string) => `/api/attachments/${id}`;

/** The API's limit (UPLOAD_MAX_MB default); checked here too so a big file fails before it is sent. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const uploadAttachment = async (file: Blob, filename?: string) =>
  (await api.upload<{ attachment: AttachmentDto }>('/api/attachments', file, filename)).attachment;

export function useUploadAttachment() {
  return useMutation({ mutationFn: (file: File) => uploadAttachment(file) });
}
