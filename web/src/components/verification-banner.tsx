import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/auth';
import { isOrgDetail, useOrg } from '../api/orgs';
import { LinkButton } from './link-button';

/**
 * Shown at the top of every form that needs a verified organisation (listing, contract, import), before the
 * member starts: what is still missing — the licence document, the operator's review, or a correction after
 * a rejection — with a link to the organisation page where it is done. Nothing for verified organisations.
 */
export function VerificationBanner({ draftsAllowed = false }: { draftsAllowed?: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const org = useOrg(me?.orgId ?? undefined);
  const o = org.data;
  if (!me?.orgId || !o || o.verificationStatus === 'verified') return null;
  const detail = isOrgDetail(o) ? o : null;
  const steps: string[] = [];
  const maker = o.type === 'maker_individual' || o.type === 'maker_team';
  if (detail && !detail.licence) steps.push(t(maker ? 'orgs.banner.needIdDocument' : 'orgs.banner.needLicence'));
  if (o.verificationStatus === 'rejected')
    steps.push(t('orgs.banner.rejected', { reason: detail?.verification.reason ?? '' }));
  else steps.push(t('orgs.banner.needReview'));
  return (
    <Alert
      type="warning"
      showIcon
      className="page-alert"
      data-testid="verification-banner"
      title={t(maker ? 'orgs.banner.makerTitle' : 'orgs.banner.title')}
      description={
        <>
          <ul className="change-list">
            {steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <div className="muted small">{t(draftsAllowed ? 'orgs.banner.draftsAllowed' : 'orgs.banner.noDrafts')}</div>
        </>
      }
      action={
        <LinkButton to={`/orgs/${me.orgId}`} size="small" data-testid="banner-go-org">
          {t('orgs.banner.goToOrg')}
        </LinkButton>
      }
    />
  );
}
