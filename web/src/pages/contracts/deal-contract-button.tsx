import { Button, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client';
import { useContractFromDeal } from '../../api/contracts';

/** On an agreed negotiation: turn the deal into the draft contract (idempotent) and open it. */
export function DealContractButton({ dealId }: { dealId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useContractFromDeal();
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
