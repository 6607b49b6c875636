import { Alert, Form } from 'antd';
import { useState } from 'react';
import { createAchievementBody, createNeedBody } from '@shared/catalog-schemas';
import type { AchievementFormValues } from './achievement-values';
import { achievementBody, emptyAchievement } from './achievement-values';
import { useAchievementSteps } from './achievement-steps';
import { emptyNeed, needBody, type NeedFormValues } from './need-values';
import { useNeedSteps } from './need-steps';
import { StepForm } from './step-form';
import { useListingSave } from './use-listing-save';

interface EditorProps<V> {
  id?: string;
  initialValues?: V;
  /** Drafts and rejected listings can be submitted right away; a revision too. */
  canSubmit: boolean;
}

function FailureAlert({ failure }: { failure: string | null }) {
  return failure ? (
    <Alert type="error" showIcon className="page-alert" title={failure} data-testid="listing-form-error" />
  ) : null;
}

/** A new field clears the sub-field, which must belong to it (the schema's refine). */
const clearSubfield =
  (form: { setFieldValue: (n: 'subfieldCode', v: undefined) => void }) => (changed: { fieldCode?: string }) => {
    if ('fieldCode' in changed) form.setFieldValue('subfieldCode', undefined);
  };

export function AchievementEditor({ id, initialValues, canSubmit }: EditorProps<AchievementFormValues>) {
  const [form] = Form.useForm<AchievementFormValues>();
  const [step, setStep] = useState(0);
  const steps = useAchievementSteps(form);
  const { save, saving, failure } = useListingSave({
    kind: 'achievement',
    form,
    id,
    steps,
    setStep,
    parse: (v) => createAchievementBody.safeParse(achievementBody(v)),
  });
  return (
    <>
      <FailureAlert failure={failure} />
      <StepForm<AchievementFormValues>
        form={form}
        steps={steps}
        initialValues={initialValues ?? emptyAchievement}
        saving={saving}
        onSave={(v, submit) => void save(v, submit)}
        onValuesChange={clearSubfield(form)}
        step={step}
        onStep={setStep}
        canSubmit={canSubmit}
      />
    </>
  );
}

export function NeedEditor({ id, initialValues, canSubmit }: EditorProps<NeedFormValues>) {
  const [form] = Form.useForm<NeedFormValues>();
  const [step, setStep] = useState(0);
  const steps = useNeedSteps(form);
  const { save, saving, failure } = useListingSave({
    kind: 'need',
    form,
    id,
    steps,
    setStep,
    parse: (v) => createNeedBody.safeParse(needBody(v)),
  });
  return (
    <>
      <FailureAlert failure={failure} />
      <StepForm<NeedFormValues>
        form={form}
        steps={steps}
        initialValues={initialValues ?? emptyNeed}
        saving={saving}
        onSave={(v, submit) => void save(v, submit)}
        onValuesChange={clearSubfield(form)}
        step={step}
        onStep={setStep}
        canSubmit={canSubmit}
      />
    </>
  );
}
