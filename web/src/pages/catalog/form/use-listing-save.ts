import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { errorText, isApiError } from '../../../api/client';
import { listingPlural, type ListingKind } from '../../../api/listing-types';
import { useCreateListing, useListingAction, useUpdateListing } from '../../../api/listings';
import { clearableFields } from '@shared/catalog-schemas';
import { formNameOf, showBodyIssues } from './issue-paths';
import { stepOf, type StepDef } from './step-form';
import { isUploading, type AttachmentFile } from './upload-field';

interface Args<V> {
  kind: ListingKind;
  form: FormInstance<V>;
  id?: string;
  steps: StepDef[];
  setStep: (step: number) => void;
  /** Form values → the API body, parsed with the same zod schema as the API. */
  parse: (values: V) => z.ZodSafeParseResult<unknown>;
}

/**
 * Save = validate with the shared schema → create (POST) or edit (PATCH) → optionally submit for review →
 * open the detail page. Server-side validation failures land on the fields they concern.
 */
export function useListingSave<V extends { images?: AttachmentFile[]; attachments?: AttachmentFile[] }>({
  kind,
  form,
  id,
  steps,
  setStep,
  parse,
}: Args<V>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateListing(kind);
  const update = useUpdateListing(kind);
  const action = useListingAction(kind);
  const [failure, setFailure] = useState<string | null>(null);

  const jumpTo = (names: (string | number)[][]) => {
    if (names.length) setStep(stepOf(steps, names[0][0]));
    void message.error(t('catalog.form.fixErrors'));
  };

  const save = async (values: V, submit: boolean) => {
    setFailure(null);
    if (isUploading(values.images) || isUploading(values.attachments))
      return void message.warning(t('catalog.form.uploading'));
    const parsed = parse(values);
    if (!parsed.success) return jumpTo(showBodyIssues(form, parsed.error, t));
    let savedId = id;
    try {
      const saved = id
        ? await update.mutateAsync({ id, body: withClears(kind, parsed.data) })
        : await create.mutateAsync(parsed.data);
      savedId = saved.id;
      if (submit) await action.mutateAsync({ id: saved.id, action: 'submit' });
      void message.success(t(submit ? 'catalog.form.savedSubmitted' : 'catalog.form.saved'));
      void navigate(`/${listingPlural[kind]}/${saved.id}`);
    } catch (err) {
      if (savedId && savedId !== id) {
        // Stored, but the submission failed (e.g. the organisation is not verified yet): show it on the detail page.
        void message.error(errorText(err, i18n.language));
        return void navigate(`/${listingPlural[kind]}/${savedId}`);
      }
      if (isApiError(err) && err.code === 'VALIDATION_FAILED') {
        const names = err
          .fieldDetails()
          .filter((d) => d.in === 'body' && d.path)
          .map((d) => ({
            name: formNameOf(d.path!.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))),
            msg: d.message ?? '',
          }));
        if (names.length) {
          form.setFields(names.map((n) => ({ name: n.name as never, errors: [t('validation.invalid')] })));
          return jumpTo(names.map((n) => n.name));
        }
      }
      setFailure(errorText(err, i18n.language));
    }
  };

  return { save, saving: create.isPending || update.isPending || action.isPending, failure };
}

/** An edit sends the whole form: an optional field the form left empty is sent as null, which clears it. */
function withClears(kind: ListingKind, body: unknown): Record<string, unknown> {
  const out = { ...(body as Record<string, unknown>) };
  for (const key of clearableFields[kind]) if (out[key] === undefined) out[key] = null;
  return out;
}
