import type { ThemeConfig } from 'antd';

/** Deep provincial blue with a warm accent; Chinese UI fonts first. */
export const brand = { primary: '#1d4e89', dark: '#0f2f57', accent: '#e8a33d' };

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.primary,
    colorLink: brand.primary,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    colorBgLayout: '#f3f6fa',
    // antd's secondary text (rgba(0,0,0,.45), 3.4:1 on white) fails WCAG AA's 4.5:1 for small text, which
    // axe-core reports as serious on every page with a description, a table header note or a pagination total.
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    // Warning, success and error text in the darker shades of their palettes (4.5:1 on white and on their
    // alerts' tints); the bright shades stay for icons and borders.
    colorWarningText: '#874d00',
    colorSuccessText: '#237804',
    colorErrorText: '#cf1322',
    // Status colours a shade darker than antd's, so status tags and danger buttons read at 4.5:1 (axe-core).
    colorSuccess: '#237804',
    colorWarning: '#874d00',
    colorError: '#cf1322',
    colorInfo: '#0958d9',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 64, headerPadding: '0 24px', footerBg: brand.dark },
    Menu: { horizontalItemSelectedColor: brand.primary, itemBg: 'transparent' },
    Card: { headerFontSize: 16 },
  },
};
