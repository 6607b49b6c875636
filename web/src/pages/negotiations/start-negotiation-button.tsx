import { App, Button, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { useOpenNegotiation } from '../../api/negotiations';

interface Props extends Omit<ButtonProps, 'onClick'> {
  /** What the room is about: a published achievement, a published need, or a winning challenge proposal. */
  subject: { kind: 'achievement' | 'need' | 'proposal'; id: string };
}

/**
 * "发起洽谈 / Open negotiation" for listing detail pages: opens (or re-opens, idempotently) the room and
 * goes there. Visitors are sent to sign in first. Drop-in: `<StartNegotiationButton subject={{ kind: 'achievement', id }} />`.
 */
export function StartNegotiationButton({ subject, ...button }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const open = useOpenNegotiation();
  const click = async () => {
    if (!me.data) return void navigate(`/login?next=${encodeURIComponent(location.pathname)}`);
    try {
      const n = await open.mutateAsync(subject);
      void navigate(`/negotiations/${n.id}`);
    } catch (err) {
      void message.error(`${t('negotiation.start.failed')}${t('common.colon')}${errorText(err, i18n.language)}`);
    }
  };
  return (
    <Button
      type="primary"
      data-testid="start-negotiation"
      loading={open.isPending}
      onClick={() => void click()}
      {...button}
    >
      {t('negotiation.start.button')}
    </Button>
  );
}

export default StartNegotiationButton;
