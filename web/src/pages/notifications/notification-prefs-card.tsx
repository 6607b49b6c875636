import { App, Card, List, Segmented, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client';
import {
  useDigestFrequency,
  useNotificationPrefs,
  useSetDigestFrequency,
  useSetNotificationPrefs,
  type DigestFrequency,
} from '../../api/notifications';
import { ErrorResult } from '../../components/query-state';

/** Which categories of notices the user receives — in the centre and by e-mail alike. Account notices always arrive. */
export function NotificationPrefsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const prefs = useNotificationPrefs();
  const save = useSetNotificationPrefs();
  const digest = useDigestFrequency();
  const setDigest = useSetDigestFrequency();
  const zh = i18n.language !== 'en';
  const cats = prefs.data?.categories ?? [];
  const toggle = (code: string, on: boolean) => {
    const off = cats.filter((c) => (c.code === code ? !on : !c.on)).map((c) => c.code);
    save.mutate(off, {
      onSuccess: () => void message.success(t('search.notifications.prefs.saved')),
      onError: (e) => void message.error(errorText(e, i18n.language)),
    });
  };
  return (
    <Card
      size="small"
      title={t('search.notifications.prefs.title')}
      data-testid="notification-prefs"
      style={{ marginBottom: 16 }}
    >
      {prefs.isError ? (
        <ErrorResult error={prefs.error} onRetry={() => void prefs.refetch()} />
      ) : prefs.isLoading ? (
        <List loading />
      ) : (
        <List
          size="small"
          dataSource={cats}
          footer={<span className="muted small">{t('search.notifications.prefs.hint')}</span>}
          renderItem={(c) => (
            <List.Item>
              <div
                style={{ display: 'flex', width: '100%', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}
              >
                <span>
                  {zh ? c.zh : c.en}
                  <span className="muted small" style={{ marginLeft: 6 }}>
                    {zh ? c.en : c.zh}
                  </span>
                </span>
                {c.code === 'match' && c.on && digest.data && (
                  <Segmented<DigestFrequency>
                    size="small"
                    aria-label={t('search.notifications.prefs.digest')}
                    data-testid="pref-match-digest"
                    value={digest.data.frequency}
                    disabled={setDigest.isPending}
                    options={[
                      { value: 'daily', label: t('search.notifications.prefs.daily') },
                      { value: 'weekly', label: t('search.notifications.prefs.weekly') },
                    ]}
                    onChange={(f) =>
                      setDigest.mutate(f, {
                        onSuccess: () => void message.success(t('search.notifications.prefs.saved')),
                        onError: (e) => void message.error(errorText(e, i18n.language)),
                      })
                    }
                    style={{ marginLeft: 'auto' }}
                  />
                )}
                <Switch
                  checked={c.on}
                  loading={save.isPending}
                  onChange={(on) => toggle(c.code, on)}
                  data-testid={`pref-${c.code}`}
                  aria-label={zh ? c.zh : c.en}
                />
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
