import { Button, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client';
import { useContractFromDeal } from '../../api/contracts';
import { LinkButton } from '../../components/link-button';

/**
 * On an agreed negotiation: the draft contract made when the offer was accepted. A deal agreed before drafts
 * were made on acceptance has none yet: the button makes it (idempotent) and opens it.
 */
export function DealContractButton({ dealId, contractId }: { dealId: string; contractId: string | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useContractFromDeal();
  if (contractId)
    return (
      <LinkButton to={`/contracts/${contractId}`} data-testid="deal-contract-link" type="primary">
        {t('contracts.deal.open')}
      </LinkButton>
    );
  return (
    <Button
      type="primary"
      data-testid="deal-contract"
      loading={create.isPending}
      onClick={() =>
        create.mutate(dealId, {
          onSuccess: (r) => void navigate(`/contracts/${r.contract.id}`),
          onError: (e) => void message.error(errorText(e, i18n.language)),
        })
      }
    >
      {t('contracts.deal.create')}
    </Button>
  );
}
