import { Button, Form, Space, Steps, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface StepDef {
  key: string;
  title: string;
  /** Top-level form names validated before leaving the step (lists are validated recursively). */
  fields: string[];
  content: ReactNode;
}

interface Props<V> {
  form: FormInstance<V>;
  steps: StepDef[];
  initialValues: Partial<V>;
  saving: boolean;
  /** Called with the validated form values; `submit` = also submit for review. */
  onSave: (values: V, submit: boolean) => void;
  onValuesChange?: (changed: Partial<V>, all: V) => void;
  /** Where the caller wants the form to show a step (e.g. after a server-side validation failure). */
  step: number;
  onStep: (step: number) => void;
  canSubmit: boolean;
}

/** The step index holding a field name, for jumping to the first error. */
export const stepOf = (steps: StepDef[], name: string | number | undefined) =>
  Math.max(
    0,
    steps.findIndex((s) => s.fields.includes(String(name))),
  );

/**
 * antd Steps over one Form: every step stays mounted (hidden when inactive) so values and rules of all
 * steps are live; "next" validates the current step's fields only, saving validates everything.
 */
export function StepForm<V>({
  form,
  steps,
  initialValues,
  saving,
  onSave,
  onValuesChange,
  step,
  onStep,
  canSubmit,
}: Props<V>) {
  const { t } = useTranslation();
  const [submitAfter, setSubmitAfter] = useState(false);
  const last = step === steps.length - 1;

  const validateStep = async (i: number) => {
    try {
      await form.validateFields(steps[i].fields as never, { recursive: true });
      return true;
    } catch {
      return false;
    }
  };
  const goTo = async (target: number) => {
    if (target <= step) return onStep(target);
    for (let i = step; i < target; i++) {
      if (!(await validateStep(i))) return onStep(i);
    }
    onStep(target);
  };
  const save = async (submit: boolean) => {
    setSubmitAfter(submit);
    try {
      const values = await form.validateFields({ recursive: true } as never);
      onSave(values as V, submit);
    } catch (err) {
      const first = (err as { errorFields?: Array<{ name: (string | number)[] }> }).errorFields?.[0];
      if (first) onStep(stepOf(steps, first.name[0]));
    }
  };

  return (
    <Form<V>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={onValuesChange}
      scrollToFirstError
      data-testid="listing-form"
    >
      <Steps
        className="step-form__steps"
        current={step}
        onChange={(i) => void goTo(i)}
        items={steps.map((s) => ({ key: s.key, title: s.title }))}
        data-testid="form-steps"
      />
      {steps.map((s, i) => (
        <div key={s.key} hidden={i !== step} data-testid={`step-${s.key}`}>
          {s.content}
        </div>
      ))}
      <div className="step-form__actions">
        <Button disabled={step === 0} onClick={() => onStep(step - 1)} data-testid="step-prev">
          {t('catalog.form.prev')}
        </Button>
        {last ? (
          <Space>
            <Button
              loading={saving && !submitAfter}
              disabled={saving}
              onClick={() => void save(false)}
              data-testid="form-save"
            >
              {t('catalog.form.saveDraft')}
            </Button>
            {canSubmit && (
              <Button
                type="primary"
                loading={saving && submitAfter}
                disabled={saving}
                onClick={() => void save(true)}
                data-testid="form-save-submit"
              >
                {t('catalog.form.saveSubmit')}
              </Button>
            )}
          </Space>
        ) : (
          <Button type="primary" onClick={() => void goTo(step + 1)} data-testid="step-next">
            {t('catalog.form.next')}
          </Button>
        )}
      </div>
    </Form>
  );
}
