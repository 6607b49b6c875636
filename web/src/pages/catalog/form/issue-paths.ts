import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { issueMessage } from '../../../lib/zod-form';

type NamePath = (string | number)[];

/** Where the API body's fields live in the form (money in 万元, contact flattened, files as upload lists). */
const bodyToForm: Record<string, NamePath> = {
  'price.amountFen': ['priceWan'],
  'price.negotiable': ['negotiable'],
  'budget.maxFen': ['budgetMaxWan'],
  'budget.minFen': ['budgetMinWan'],
  'budget.negotiable': ['negotiable'],
  'challenge.rewardFen': ['rewardWan'],
  'challenge.closesAt': ['closesAt'],
  'confidential.details': ['details'],
  'confidential.contact.name': ['contactName'],
  'confidential.contact.phone': ['contactPhone'],
  'confidential.contact.email': ['contactEmail'],
  'confidential.attachmentIds': ['attachments'],
  imageIds: ['images'],
};

export function formNameOf(path: PropertyKey[]): NamePath {
  const parts = path.map((p) => (typeof p === 'number' ? p : String(p)));
  for (let n = parts.length; n > 0; n--) {
    const hit = bodyToForm[parts.slice(0, n).join('.')];
    if (hit) return hit;
  }
  // ipRights.<i>.<field> keeps its shape; anything else is named by its first segment.
  return parts[0] === 'ipRights' && parts.length >= 3 ? parts.slice(0, 3) : parts.slice(0, 1);
}

/** Shows a whole-body parse failure on the form fields concerned; returns their names (first = first error). */
export function showBodyIssues(form: FormInstance, error: z.ZodError, t: TFunction): NamePath[] {
  const byField = new Map<string, { name: NamePath; msg: string }>();
  for (const issue of error.issues) {
    const name = formNameOf(issue.path);
    const key = name.join('.');
    if (!byField.has(key)) byField.set(key, { name, msg: issueMessage(issue, t, String(name[name.length - 1])) });
  }
  form.setFields([...byField.values()].map(({ name, msg }) => ({ name, errors: [msg] })));
  return [...byField.values()].map((v) => v.name);
}
