import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { ApiError } from '../api/client';

/** API error codes that concern one form field, so the message is shown beside that input. */
const codeFields: Record<string, string> = {
  EMAIL_TAKEN: 'email',
  CREDIT_CODE_TAKEN: 'creditCode',
  INVALID_CREDENTIALS: 'password',
};

/**
 * Puts an API failure next to the inputs it concerns. Returns false when nothing could be placed on a
 * field, so the caller shows it as a page-level message instead.
 */
export function showServerErrors(form: FormInstance, err: ApiError, t: TFunction, lang: string): boolean {
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields: Array<{ name: string; errors: string[] }> = [];
  const field = codeFields[err.code];
  if (field && known.has(field)) fields.push({ name: field, errors: [err.localized(lang)] });
  if (err.code === 'VALIDATION_FAILED') {
    for (const d of err.fieldDetails()) {
      const name = d.path?.split('.')[0];
      if (d.in === 'body' && name && known.has(name)) fields.push({ name, errors: [t('validation.invalid')] });
    }
  }
  if (
    err.code === 'NOT_FOUND' &&
    (err.details as { field?: string } | undefined)?.field === 'email' &&
    known.has('email')
  ) {
    fields.push({ name: 'email', errors: [err.localized(lang)] });
  }
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
