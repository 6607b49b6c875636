/**
 * Adapter from the API's zod schemas to antd Form rules, so forms validate with exactly the rules the
 * server applies. zod's own messages are English-only; issues are translated through i18next here.
 */
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** Fields whose pattern or refine failure deserves a specific message rather than "invalid format". */
const patternMessages: Record<string, string> = {
  password: 'validation.password',
  phone: 'validation.phone',
  contactPhone: 'validation.phone',
  creditCode: 'validation.creditCode',
  website: 'validation.url',
  email: 'validation.email',
  reason: 'validation.reasonRequired',
};

/** antd reports a cleared input as '' or null; an optional zod field expects undefined. */
export const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export function issueMessage(issue: Issue, t: TFunction, field?: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return t('validation.required');
    case 'too_small':
      if (issue.origin === 'array') return t('validation.tooFew', { min: Number(issue.minimum) });
      if (issue.exact) return t('validation.exactLength', { len: Number(issue.minimum) });
      return Number(issue.minimum) <= 1
        ? t('validation.required')
        : t('validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'array') return t('validation.tooMany', { max: Number(issue.maximum) });
      if (issue.exact) return t('validation.exactLength', { len: Number(issue.maximum) });
      return t('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'url') return t('validation.url');
      return t(field && patternMessages[field] ? patternMessages[field] : 'validation.invalid');
    case 'invalid_value':
      return t('validation.choice');
    default:
      return t(field && patternMessages[field] ? patternMessages[field] : 'validation.invalid');
  }
}

/** One antd rule running a zod schema on the field's value; the first issue becomes the message. */
export function zodRule(schema: z.ZodType, t: TFunction, field?: string): Rule {
  return {
    validator: async (_rule, value) => {
      const result = schema.safeParse(blankToUndefined(value));
      if (!result.success) throw new Error(issueMessage(result.error.issues[0], t, field));
    },
  };
}

export const isRequired = (schema: z.ZodType) => !schema.safeParse(undefined).success;

type Shape = Record<string, z.ZodType>;

/**
 * Props for a Form.Item bound to one field of an object schema: its name (which antd also uses as the
 * input id, e.g. #email), the required mark and the zod rule.
 */
export function zodItem<S extends Shape>(shape: S, name: keyof S & string, t: TFunction) {
  const schema = shape[name];
  return { name, required: isRequired(schema), rules: [zodRule(schema, t, name)] };
}

/** Drops blank optional values so strict schemas and the API see only what was entered. */
export function compactValues<T extends object>(values: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const value = blankToUndefined(v);
    if (value !== undefined) out[k] = value;
  }
  return out as Partial<T>;
}

/** Shows a whole-object parse failure (cross-field refines included) on the fields concerned. */
export function showZodIssues(form: FormInstance, error: z.ZodError, t: TFunction): void {
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !byField.has(field)) byField.set(field, issueMessage(issue, t, field));
  }
  form.setFields([...byField].map(([name, msg]) => ({ name, errors: [msg] })));
}
