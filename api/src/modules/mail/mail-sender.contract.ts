import { simpleParser, type ParsedMail } from 'mailparser';
import type { MailSender } from './mail-sender';

export interface SenderUnderTest {
  sender: MailSender;
  /** Every message the other end holds so far, as raw RFC 822 bytes (an SMTP server's DATA, a file). */
  delivered(): Promise<Buffer[]>;
}

const addresses = (m: ParsedMail, header: 'to' | 'from') => {
  const v = m[header];
  const list = Array.isArray(v) ? v : v ? [v] : [];
  return list.flatMap((a) => a.value.map((x) => x.address));
};

/**
 * What the outbox relies on from a sender, run against both adapters: what arrives is what was sent (Chinese
 * subject and text intact, every recipient, the platform's From, the outbox's date), the HTML part travels
 * beside the text, and the Message-ID is derived from the outbox id, so a resend can be told apart from a
 * new message by whoever receives it.
 */
export function mailSenderContract(name: string, make: () => Promise<SenderUnderTest>) {
  describe(`mail sender contract: ${name}`, () => {
    let under: SenderUnderTest;
    beforeAll(async () => {
      under = await make();
    });
    afterAll(() => under.sender.close());
    const unique = () => `t:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
    const find = async (messageId: string) => {
      const all = await Promise.all((await under.delivered()).map((raw) => simpleParser(raw)));
      return all.filter((m) => m.messageId === messageId);
    };

    test('when a Chinese message is sent to two people, then it arrives once with subject, text, recipients and date intact', async () => {
      const id = unique();
      const date = new Date('2026-12-01T08:30:00.000Z');
      const { messageId } = await under.sender.send({
        id,
        to: ['buyer@example.cn', 'seller@example.cn'],
        subject: '合同待签署 · Contract ready to sign',
        text: '《工业机器人视觉定位技术许可合同》已生成，请登录平台核对并签署。\nThe contract is ready.',
        date,
      });
      const got = await find(messageId);
      expect(got).toHaveLength(1);
      expect(got[0].subject).toBe('合同待签署 · Contract ready to sign');
      expect(got[0].text?.trim()).toBe(
        '《工业机器人视觉定位技术许可合同》已生成，请登录平台核对并签署。\nThe contract is ready.',
      );
      expect(addresses(got[0], 'to').sort()).toEqual(['buyer@example.cn', 'seller@example.cn']);
      expect(addresses(got[0], 'from')).toEqual(['noreply@nekj.example.cn']);
      expect(got[0].date?.toISOString()).toBe(date.toISOString());
    });

    test('when an HTML body is given, then it travels beside the text', async () => {
      const { messageId } = await under.sender.send({
        id: unique(),
        to: ['a@example.cn'],
        subject: '付款提醒',
        text: '第2期款项 ¥120,000.00 将于 3 天后到期',
        html: '<p>第2期款项 <b>¥120,000.00</b> 将于 3 天后到期</p>',
        date: new Date(),
      });
      const [m] = await find(messageId);
      expect(m.html).toContain('<b>¥120,000.00</b>');
      expect(m.text?.trim()).toBe('第2期款项 ¥120,000.00 将于 3 天后到期');
    });

    test('when the same outbox entry is sent twice, then both copies carry the same Message-ID', async () => {
      const id = unique();
      const mail = { id, to: ['a@example.cn'], subject: 's', text: 't', date: new Date() };
      const first = await under.sender.send(mail);
      const second = await under.sender.send(mail);
      expect(second.messageId).toBe(first.messageId);
      const other = await under.sender.send({ ...mail, id: unique() });
      expect(other.messageId).not.toBe(first.messageId);
      expect((await find(first.messageId)).length).toBeGreaterThanOrEqual(1);
    });
  });
}
