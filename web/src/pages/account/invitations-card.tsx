import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client';
import { useAnswerInvitation, useMyInvitations } from '../../api/invitations';
import { VerificationTag } from '../../components/status-tag';
import { formatDate } from '../../lib/format';

/**
 * Invitations to join an organisation, addressed to this account: nobody is added to an organisation
 * without accepting here. Shown only when there is one.
 */
export function InvitationsCard({ inOrg }: { inOrg: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invitations = useMyInvitations();
  const answer = useAnswerInvitation();
  if (!invitations.data?.length) return null;

  const reply = (id: string, kind: 'accept' | 'decline', orgName: string, orgId: string) =>
    answer.mutate(
      { id, answer: kind },
      {
        onSuccess: () => {
          if (kind === 'decline') return void message.success(t('account.invitations.declined'));
          void message.success(t('account.invitations.accepted', { name: orgName }));
          void navigate(`/orgs/${orgId}`);
        },
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );

  return (
    <Card title={t('account.invitations.title')} className="section-card" data-testid="my-invitations">
      {inOrg && <Typography.Paragraph type="secondary">{t('account.invitations.leaveFirst')}</Typography.Paragraph>}
      <List
        dataSource={invitations.data}
        renderItem={(inv) => (
          <List.Item
            data-testid="invitation"
            actions={[
              <Button
                key="accept"
                type="primary"
                size="small"
                disabled={inOrg}
                loading={answer.isPending && answer.variables?.id === inv.id && answer.variables.answer === 'accept'}
                onClick={() => reply(inv.id, 'accept', inv.org.name, inv.org.id)}
                data-testid="invitation-accept"
              >
                {t('account.invitations.accept')}
              </Button>,
              <Button
                key="decline"
                size="small"
                loading={answer.isPending && answer.variables?.id === inv.id && answer.variables.answer === 'decline'}
                onClick={() => reply(inv.id, 'decline', inv.org.name, inv.org.id)}
                data-testid="invitation-decline"
              >
                {t('account.invitations.decline')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <strong>{inv.org.name}</strong>
                  <VerificationTag status={inv.org.verificationStatus} />
                  <Tag>{t(`orgs.orgRole.${inv.orgRole}`)}</Tag>
                </Space>
              }
              description={t('account.invitations.line', { name: inv.invitedBy, date: formatDate(inv.expiresAt) })}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
