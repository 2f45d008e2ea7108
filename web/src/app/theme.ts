import type { ThemeConfig } from 'antd';

/**
 * A plain administrative look: deep blue, white cards, grey page. Secondary text colours are darker than
 * antd's defaults so that every text keeps a 4.5:1 contrast ratio (WCAG AA).
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b55a0',
    colorLink: '#0b55a0',
    colorError: '#b42318',
    colorTextDescription: 'rgba(0, 0, 0, 0.66)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 4,
    fontFamily: '"Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: '#0a3a6b', headerHeight: 60, headerPadding: '0 20px', bodyBg: '#f2f4f7', siderBg: '#ffffff', footerBg: '#f2f4f7' },
    Menu: { itemSelectedColor: '#0a3a6b', itemSelectedBg: '#e3edf8' },
    Table: { headerBg: '#eef2f7' },
  },
};
